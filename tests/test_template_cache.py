"""One template environment per build, and the fragment cache."""

import sys

from conftest import ROOT
from jinja2 import Environment

sys.path.insert(0, str(ROOT / "plugins"))

from template_cache.template_cache import BuildEnvironment, FragmentCache

TEMPLATE = (
    "{% for n in numbers %}"
    '{% call cached_fragment("card", n % 2) %}[{{ n }}{{ count() }}]{% endcall %}'
    "{% endfor %}"
)


def render(env, numbers, calls):
    def count():
        calls.append(1)
        return ""

    return env.from_string(TEMPLATE).render(numbers=numbers, count=count)


def test_a_fragment_is_rendered_once_per_key_and_reused():
    env = Environment(autoescape=True)
    env.globals["cached_fragment"] = FragmentCache()
    calls = []
    assert render(env, [1, 2, 3, 4], calls) == "[1][2][1][2]"
    assert len(calls) == 2
    # Later pages of the same build reuse what earlier pages rendered.
    assert render(env, [5, 6], calls) == "[1][2]"
    assert len(calls) == 2


def test_each_environment_has_its_own_fragments():
    first, second = Environment(), Environment()
    first.globals["cached_fragment"] = FragmentCache()
    second.globals["cached_fragment"] = FragmentCache()
    assert render(first, [1], []) == "[1]"
    assert render(second, [3], []) == "[3]"


class Generator:
    """What the plugin uses of a Pelican generator."""

    def __init__(self, context):
        self.context = context
        self.env = Environment()


def test_the_generators_of_a_build_share_one_environment():
    build = BuildEnvironment()
    context = {}
    first, second = Generator(context), Generator(context)
    build.share(first)
    build.share(second)
    assert second.env is first.env
    assert isinstance(first.env.globals["cached_fragment"], FragmentCache)


def test_each_build_has_its_own_environment_and_fragments():
    build = BuildEnvironment()
    earlier, later = Generator({}), Generator({})
    build.share(earlier)
    build.share(later)
    assert later.env is not earlier.env
    assert (
        later.env.globals["cached_fragment"]
        is not (earlier.env.globals["cached_fragment"])
    )


RELATIVE = (
    "{% for n in numbers %}"
    '{% call(SITEURL) cached_fragment("card", n, siteurl=SITEURL) %}'
    '<a href="{{ SITEURL }}/{{ n }}/">{{ n }}{{ count() }}</a>'
    "{% endcall %}"
    "{% endfor %}"
)


def test_a_fragment_given_the_site_address_is_rendered_once_for_every_address():
    env = Environment(autoescape=True)
    env.globals["cached_fragment"] = FragmentCache()
    calls = []

    def render_at(siteurl):
        return env.from_string(RELATIVE).render(
            numbers=[1, 2], SITEURL=siteurl, count=lambda: calls.append(1) or ""
        )

    assert render_at(".") == '<a href="./1/">1</a><a href="./2/">2</a>'
    assert render_at("../..") == '<a href="../../1/">1</a><a href="../../2/">2</a>'
    assert len(calls) == 2
    # The address goes in escaped, as {{ SITEURL }} would put it.
    assert render_at('https://x.test/a"b') == (
        '<a href="https://x.test/a&#34;b/1/">1</a>'
        '<a href="https://x.test/a&#34;b/2/">2</a>'
    )
