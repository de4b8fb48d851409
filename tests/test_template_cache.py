"""Template code shared by the environments of a build, and the fragment cache."""

import sys

from conftest import ROOT
from jinja2 import DictLoader, Environment

sys.path.insert(0, str(ROOT / "plugins"))

from template_cache.template_cache import FragmentCache, SharedTemplateCode

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


def counting_environment(templates, code, compiled):
    env = Environment(loader=DictLoader(templates), bytecode_cache=code)
    compile_source = env.compile

    def compile_and_count(source, name=None, filename=None, *args, **kwargs):
        compiled.append(name)
        return compile_source(source, name, filename, *args, **kwargs)

    env.compile = compile_and_count
    return env


def test_the_environments_of_a_build_compile_each_template_once():
    code, compiled = SharedTemplateCode(), []
    templates = {"card.html": "<p>{{ title }}</p>"}
    first = counting_environment(templates, code, compiled)
    second = counting_environment(templates, code, compiled)
    assert first.get_template("card.html").render(title="a") == "<p>a</p>"
    assert second.get_template("card.html").render(title="b") == "<p>b</p>"
    assert compiled == ["card.html"]


def test_a_changed_template_is_compiled_again():
    code, compiled = SharedTemplateCode(), []
    counting_environment({"card.html": "<p>old</p>"}, code, compiled).get_template(
        "card.html"
    )
    changed = counting_environment({"card.html": "<p>new</p>"}, code, compiled)
    assert changed.get_template("card.html").render() == "<p>new</p>"
    assert compiled == ["card.html", "card.html"]
