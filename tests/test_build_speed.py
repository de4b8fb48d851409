"""The build's speed pieces (plugins/build_speed): each one off and on gives the
same files, and the pieces themselves."""

import shutil

import pytest
from build_speed.build_speed import options
from build_speed.fragments import FragmentCache, install_fragment_cache
from build_speed.template_environment import share_environment
from conftest import CONTENT, ROOT, build_site
from jinja2 import Environment

TEST_CONTENT = ROOT / "tests" / "content"

TEMPLATE = (
    "{% for n in numbers %}"
    '{% call cached_fragment("card", n % 2, SITEURL) %}'
    '<a href="{{ SITEURL }}/{{ n }}/">{{ n }}{{ count() }}</a>'
    "{% endcall %}"
    "{% endfor %}"
)


def render(env, numbers, calls, siteurl="."):
    def count():
        calls.append(1)
        return ""

    template = env.from_string(TEMPLATE)
    return template.render(numbers=numbers, count=count, SITEURL=siteurl)


def test_a_fragment_is_rendered_once_per_key_and_reused():
    env = Environment(autoescape=True)
    install_fragment_cache(env)
    calls = []
    assert render(env, [1, 2, 3], calls) == (
        '<a href="./1/">1</a><a href="./2/">2</a><a href="./1/">1</a>'
    )
    assert len(calls) == 2
    # Later pages of the same build reuse what earlier pages rendered.
    assert render(env, [5], calls) == '<a href="./1/">1</a>'
    assert len(calls) == 2


def test_the_site_address_is_part_of_the_key():
    env = Environment(autoescape=True)
    install_fragment_cache(env)
    calls = []
    assert render(env, [1], calls, ".") == '<a href="./1/">1</a>'
    assert render(env, [1], calls, "../..") == '<a href="../../1/">1</a>'
    assert render(env, [1], calls, 'https://x.test/a"b') == (
        '<a href="https://x.test/a&#34;b/1/">1</a>'
    )
    assert len(calls) == 3


def test_without_the_cache_every_fragment_is_rendered_where_it_is_used():
    env = Environment(autoescape=True)
    install_fragment_cache(env, cached=False)
    calls = []
    assert render(env, [1, 3], calls) == '<a href="./1/">1</a><a href="./3/">3</a>'
    assert len(calls) == 2


class Generator:
    """What the plugin uses of a Pelican generator."""

    def __init__(self, context):
        self.context = context
        self.env = Environment()


def test_the_generators_of_a_build_share_one_environment_and_its_fragments():
    context = {}
    first, second = Generator(context), Generator(context)
    for generator in (first, second):
        share_environment(generator)
        install_fragment_cache(generator.env)
    assert second.env is first.env
    assert isinstance(first.env.globals["cached_fragment"], FragmentCache)


def test_each_build_has_its_own_environment_and_fragments():
    earlier, later = Generator({}), Generator({})  # a context per build
    for generator in (earlier, later):
        share_environment(generator)
        install_fragment_cache(generator.env)
    assert later.env is not earlier.env
    assert (
        later.env.globals["cached_fragment"]
        is not earlier.env.globals["cached_fragment"]
    )


def test_settings_problems_name_each_bad_setting():
    assert options({"BUILD_SPEED": {"fragment_cache": False}})[1] == []
    _, problems = options(
        {"BUILD_SPEED": {"fragment_cahce": False, "reused_converter": "no"}}
    )
    assert [str(problem) for problem in problems] == [
        'settings: BUILD_SPEED has no key "fragment_cahce" (did you mean '
        '"fragment_cache"?)',
        "settings: BUILD_SPEED[\"reused_converter\"] should be True or False, not 'no'",
    ]


def test_a_bad_setting_stops_the_build_naming_it(make_site):
    site = make_site({}, BUILD_SPEED={"fragment_cache": "yes"})
    assert site.returncode == 1
    assert (
        'ERROR: settings: BUILD_SPEED["fragment_cache"] should be True or False, '
        "not 'yes'"
    ) in site.log.splitlines()
    assert "Traceback" not in site.log


# -- each piece off and on: the same files ------------------------------------------


def files(output):
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The real content and tests/content (posts in one language, tables, code)."""
    folder = tmp_path_factory.mktemp("speed") / "content"
    shutil.copytree(CONTENT, folder)
    shutil.copytree(TEST_CONTENT, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def all_on(content):
    site = build_site(content, content.parent / "all-on")
    assert site.returncode == 0, site.log
    return files(site.output)


@pytest.mark.parametrize(
    "piece", ["shared_environment", "fragment_cache", "reused_converter"]
)
def test_each_piece_off_builds_the_same_files(content, all_on, piece):
    site = build_site(content, content.parent / piece, BUILD_SPEED={piece: False})
    assert site.returncode == 0, site.log
    off = files(site.output)
    assert off.keys() == all_on.keys()
    assert [name for name in off if off[name] != all_on[name]] == []
    assert any(b"post-card" in html for html in off.values())


# Characters a template or a cache could take for its own: the fragment cache
# once stood for the site's address with a control character in the HTML
# (control characters are now refused in content), and keys and templates
# use braces, percent signs and quotes.
ODD_TITLE = 'Odd {{ SITEURL }} {% raw %} %s siteurl "<&>" title'


def test_a_title_with_any_characters_shows_as_written_on_every_listing(make_site):
    site = make_site(
        {
            "posts/odd.en.md": (
                f"Title: {ODD_TITLE}\nDate: 2024-05-01 10:00\nTags: notes\n\nText.\n"
            )
        }
    )
    assert site.returncode == 0, site.log
    for url in ["en/", "en/tag/notes/"]:
        titles = [a.get_text() for a in site.soup(url).select(".post-card h2 a")]
        assert ODD_TITLE in titles, url
