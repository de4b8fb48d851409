"""One template environment per build, and the fragment cache."""

import sys

import pytest
from conftest import ROOT
from jinja2 import DictLoader, Environment, FileSystemBytecodeCache

sys.path.insert(0, str(ROOT / "plugins"))

from template_cache.template_cache import (
    FragmentCache,
    share_environment,
    template_code_cache,
)

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

    def __init__(self, context, jinja_settings=None):
        self.context = context
        self.settings = {"JINJA_ENVIRONMENT": jinja_settings or {}}
        self.env = Environment()


def test_the_generators_of_a_build_share_one_environment():
    context = {}
    first, second = Generator(context), Generator(context)
    share_environment(first)
    share_environment(second)
    assert second.env is first.env
    assert isinstance(first.env.globals["cached_fragment"], FragmentCache)
    assert isinstance(first.env.bytecode_cache, FileSystemBytecodeCache)


def test_each_build_has_its_own_environment_and_fragments():
    earlier, later = Generator({}), Generator({})  # a context per build
    share_environment(earlier)
    share_environment(later)
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


def test_compiled_templates_are_kept_between_builds(tmp_path):
    code = template_code_cache()
    code.directory = str(tmp_path)
    compiled = []
    counting_environment({"card.html": "<p>{{ t }}</p>"}, code, compiled)
    # A later build loads what an earlier one compiled...
    later = counting_environment({"card.html": "<p>{{ t }}</p>"}, code, compiled)
    assert later.get_template("card.html").render(t="x") == "<p>x</p>"
    assert compiled == ["card.html"]
    # ...unless the source changed,
    changed = counting_environment({"card.html": "<b>{{ t }}</b>"}, code, compiled)
    assert changed.get_template("card.html").render(t="x") == "<b>x</b>"
    assert compiled == ["card.html"] * 2


@pytest.mark.parametrize(
    "option",
    [
        {"trim_blocks": True},
        {"lstrip_blocks": True},
        {"block_start_string": "<%", "block_end_string": "%>"},
        {"extensions": ["jinja2.ext.i18n"]},
        {"newstyle_gettext": True},
    ],
)
def test_an_environment_that_compiles_otherwise_gets_its_own_code(tmp_path, option):
    code = template_code_cache()
    code.directory = str(tmp_path)
    compiled = []
    counting_environment({"card.html": "<p>{{ t }}</p>"}, code, compiled)
    counting_environment({"card.html": "<p>{{ t }}</p>"}, code, compiled, **option)
    assert compiled == ["card.html"] * 2


def test_a_bytecode_cache_in_the_settings_is_kept():
    mine = FileSystemBytecodeCache()
    generator = Generator({}, {"bytecode_cache": mine})
    generator.env.bytecode_cache = mine  # Pelican passes the settings to Jinja
    share_environment(generator)
    assert generator.env.bytecode_cache is mine


def counting_environment(templates, code, compiled, newstyle_gettext=None, **options):
    """An environment with `code` as its bytecode cache that records compiles."""
    env = Environment(loader=DictLoader(templates), bytecode_cache=code, **options)
    if newstyle_gettext is not None:
        env.newstyle_gettext = newstyle_gettext
    compile_source = env.compile

    def compile_and_count(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(source, name, filename, *args, **kwargs)

    env.compile = compile_and_count
    env.get_template("card.html")
    return env


def test_a_cache_that_cannot_be_written_never_fails_a_build(tmp_path, monkeypatch):
    code = template_code_cache()
    code.directory = str(tmp_path / "missing")  # every save fails
    compiled = []
    env = counting_environment({"card.html": "<p>{{ t }}</p>"}, code, compiled)
    assert env.get_template("card.html").render(t="x") == "<p>x</p>"
    assert compiled == ["card.html"]
    # No folder of the user's own to keep compiled templates in: no cache.
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "none" / "x"))
    assert template_code_cache() is None
