"""The fragment cache: a fragment is rendered once per key, in one environment."""

import sys

from conftest import ROOT
from jinja2 import Environment

sys.path.insert(0, str(ROOT / "plugins"))

from fragments.fragments import FragmentCache

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
