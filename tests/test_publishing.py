"""The production build (`make publish`), its extras and the deploy targets."""

import os
import re
import shutil
import subprocess
import sys
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest
from admin.admin import link_bundle_into
from bs4 import BeautifulSoup
from build_site import build_command
from conftest import CONTENT, ROOT, Site, build_site, write_content
from publishing import publishing

SITEURL = "https://coach.example.org/lab"
SITE = urlsplit(SITEURL)
DEFAULT_SITEURL = re.search(
    r'^DEFAULT_SITEURL = "(.+)"$',
    (ROOT / "publishconf.py").read_text(encoding="utf-8"),
    re.MULTILINE,
)[1]
FIRST_POST = "posts/jinmyaku-zukuri/index.html"
FIRST_POST_EN = "en/posts/jinmyaku-zukuri/index.html"
LEFT_OUT_OF_THE_COPY = shutil.ignore_patterns(
    ".git",
    ".venv",
    "output",
    "cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "bench-results",
    "lighthouse-results",
)


def run(command, cwd, **env):
    """Run a command in an environment of its own plus the given variables.

    Variables that would leak in from the caller (a `make test` run's own make
    flags, a git repository, a site address) are left out.
    """
    leaking = {"SITEURL", "CUSTOM_DOMAIN", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("GIT_") and key not in leaking
    }
    environment.update(
        COLUMNS="500",  # one log message per line
        GIT_AUTHOR_NAME="Test",
        GIT_AUTHOR_EMAIL="test@example.org",
        GIT_COMMITTER_NAME="Test",
        GIT_COMMITTER_EMAIL="test@example.org",
        **env,
    )
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, check=False
    )


def make(project, *arguments, **env):
    # Reuse the virtual environment running the tests instead of a new one.
    return run(
        ["make", "--no-print-directory", f"VENV={sys.prefix}", *arguments],
        project,
        **env,
    )


def publish(content, output, **env):
    """Build `content` with publishconf.py, the environment holding `env`; the
    messages in English, which the tests read."""
    command = build_command(
        content, output, ROOT / "publishconf.py", {"MESSAGES_LANG": "en"}
    )
    return run(command, ROOT, **env)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project (its own git repository) where `make publish` ran."""
    copy = tmp_path_factory.mktemp("project") / "site"
    shutil.copytree(ROOT, copy, ignore=LEFT_OUT_OF_THE_COPY)
    link_bundle_into(copy)  # every build writes /admin/ with the CMS
    assert run(["git", "init", "--quiet"], copy).returncode == 0
    result = make(copy, "publish", f"SITEURL={SITEURL}")
    assert result.returncode == 0, result.stdout + result.stderr
    return copy


@pytest.fixture(scope="module")
def site(project):
    return Site(project / "output", 0, "")


def site_url(path):
    return f"{SITEURL}/{path}"


def page_url(site, page):
    """The address a built file is served at."""
    relative = page.relative_to(site.output).as_posix()
    return site_url(relative.removesuffix("index.html"))


# -- absolute https URLs ------------------------------------------------------

URL_ATTRIBUTES = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "form": "action",
}


def url_problems(html):
    """Links that are not absolute https on the site's host and path."""
    problems = []
    soup = BeautifulSoup(html, "lxml")
    for tag, attribute in URL_ATTRIBUTES.items():
        for element in soup.find_all(tag, attrs={attribute: True}):
            url = element[attribute]
            parts = urlsplit(url)
            if url.startswith("#") or parts.scheme in ("mailto", "tel"):
                continue  # a place on the same page, or not a web address
            if not parts.scheme or not parts.netloc:
                problems.append(f"relative: {url}")
            elif parts.hostname == SITE.hostname and (
                parts.scheme != "https" or not parts.path.startswith(SITE.path + "/")
            ):
                problems.append(f"not under {SITEURL}/: {url}")
    return problems


def test_url_check_catches_relative_and_plain_http_links():
    html = (
        '<a href="/about/">a</a><a href="../x/">b</a><a href="#main">c</a>'
        f'<link href="http://{SITE.hostname}/lab/x/"><a href="https://x.com/y">d</a>'
        f'<a href="https://{SITE.hostname}/elsewhere/">e</a>'
    )
    assert url_problems(html) == [
        "relative: /about/",
        "relative: ../x/",
        f"not under {SITEURL}/: https://{SITE.hostname}/elsewhere/",
        f"not under {SITEURL}/: http://{SITE.hostname}/lab/x/",
    ]


def test_every_link_of_every_page_is_absolute_https_on_the_site(site):
    problems = {}
    for page in site.pages():
        found = url_problems(page.read_text(encoding="utf-8"))
        if found:
            problems[page.relative_to(site.output).as_posix()] = found
    assert problems == {}
    assert len(site.pages()) > 10


def test_first_posts_link_to_the_home_page_and_style_sheet_by_absolute_url(site):
    for page in (FIRST_POST, FIRST_POST_EN):
        soup = site.soup(page)
        assert soup.select_one('link[rel="stylesheet"]')["href"] == (
            site_url("theme/css/style.css")
        )
        assert soup.select_one(".site-title a")["href"].startswith(SITEURL + "/")


def test_a_plain_http_address_is_refused(tmp_path):
    result = publish(CONTENT, tmp_path / "output", SITEURL="http://example.org")
    assert result.returncode != 0
    assert "SITEURL must be an absolute https:// address" in result.stderr
    assert "'http://example.org'" in result.stderr


def test_without_siteurl_the_documented_default_is_used(tmp_path):
    result = publish(CONTENT, tmp_path / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    default = re.search(
        r'^DEFAULT_SITEURL = "(.+)"$',
        (ROOT / "publishconf.py").read_text(encoding="utf-8"),
        re.MULTILINE,
    )[1]
    soup = Site(tmp_path / "output", 0, "").soup(FIRST_POST)
    assert soup.select_one(".site-title a")["href"] == default + "/"


# -- feeds and drafts ---------------------------------------------------------


def test_the_japanese_feed_parses_and_links_absolutely(site):
    feed = feedparser.parse(site.output / "feeds" / "all.atom.xml")
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert titles == ["重要な人脈作りに必要なこと"]
    assert feed.entries[0].link == site_url("posts/jinmyaku-zukuri/")
    assert feed.feed.link == SITEURL + "/"


DRAFT = """\
Title: 下書きの記事
Date: 2026-01-01 10:00
Status: draft
Summary: まだ公開しない。

下書きです。
"""
DRAFT_EN = """\
Title: A draft post
Date: 2026-01-01 10:00
Status: draft
Translation: true
Summary: Not yet.

A draft.
"""


def test_drafts_are_previewed_but_never_published(tmp_path):
    content = write_content(
        tmp_path / "content",
        {
            "posts/jinmyaku-zukuri.ja.md": (
                CONTENT / "posts" / "jinmyaku-zukuri.ja.md"
            ).read_text(encoding="utf-8"),
            "posts/shitagaki.ja.md": DRAFT,
            "posts/shitagaki.en.md": DRAFT_EN,
        },
    )
    preview = build_site(content, tmp_path / "preview")
    assert preview.returncode == 0, preview.log
    assert preview.path("drafts/shitagaki/").is_file()

    result = publish(content, tmp_path / "output", SITEURL=SITEURL)
    assert result.returncode == 0, result.stdout + result.stderr
    output = tmp_path / "output"
    written = [path.relative_to(output).as_posix() for path in output.rglob("*")]
    assert [path for path in written if "shitagaki" in path or "drafts" in path] == []
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "下書きの記事" not in text and "A draft post" not in text, path
    assert (output / FIRST_POST).is_file()


# -- 404 pages, robots.txt, CNAME ----------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang", "title", "home", "other"),
    [
        ("404.html", "ja", "ページが見つかりません", "", ("en", "en/")),
        ("en/404.html", "en", "Page not found", "en/", ("ja", "")),
    ],
)
def test_each_language_has_a_404_page_leading_home(
    site, path, lang, title, home, other
):
    soup = site.soup(path)
    assert soup.html["lang"] == lang
    assert [h1.get_text(strip=True) for h1 in soup.select("h1")] == [title]
    main = soup.select_one("main")
    assert main.select_one('a[rel="home"]')["href"] == site_url(home)
    other_lang, other_home = other
    switch = main.select_one(f'a[hreflang="{other_lang}"]')
    assert switch["href"] == site_url(other_home)
    assert switch["lang"] == other_lang
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"


def test_robots_txt_names_the_absolute_sitemap(site):
    lines = (site.output / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines


def test_robots_txt_names_no_sitemap_without_an_absolute_address():
    assert "Sitemap" not in publishing.robots_txt("", "sitemap.xml")
    assert publishing.robots_txt("https://a.example", "sitemap.xml").endswith(
        "\nSitemap: https://a.example/sitemap.xml\n"
    )


@pytest.mark.parametrize("sitemap", ["map.xml", ""])
def test_robots_txt_names_the_sitemap_the_bilingual_plugin_writes(tmp_path, sitemap):
    built = build_site(
        CONTENT,
        tmp_path / "output",
        settings_file="publishconf.py",
        BILINGUAL={"sitemap": sitemap},
    )
    assert built.returncode == 0, built.log
    robots = (built.output / "robots.txt").read_text(encoding="utf-8")
    named = [line for line in robots.splitlines() if line.startswith("Sitemap:")]
    if sitemap:
        assert named == [f"Sitemap: {DEFAULT_SITEURL}/map.xml"]
        assert (built.output / "map.xml").is_file()
    else:
        assert named == []
    assert not (built.output / "sitemap.xml").exists()


def test_no_custom_domain_means_no_cname(site):
    assert not (site.output / "CNAME").exists()


def test_a_custom_domain_writes_cname_and_becomes_the_address(tmp_path):
    result = publish(CONTENT, tmp_path / "output", CUSTOM_DOMAIN="blog.example.com")
    assert result.returncode == 0, result.stdout + result.stderr
    cname = tmp_path / "output" / "CNAME"
    assert cname.read_text(encoding="utf-8") == "blog.example.com\n"
    soup = Site(tmp_path / "output", 0, "").soup(FIRST_POST)
    assert soup.select_one(".site-title a")["href"] == "https://blog.example.com/"


def error_lines(result):
    """The plain `ERROR: ...` lines a failed build printed, and no traceback."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return [line for line in output.splitlines() if line.startswith("ERROR:")]


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        (
            {"CUSTOM_DOMAIN": "https://blog.example.com"},
            '"https://blog.example.com" should be the host name alone, without '
            "https://: blog.example.com",
        ),
        (
            {"CUSTOM_DOMAIN": "blog.example.com/lab"},
            '"blog.example.com/lab" should be the host name alone, without a path: '
            "blog.example.com",
        ),
        (
            {"CUSTOM_DOMAIN": "blog example.com"},
            '"blog example.com" should be a host name, with no spaces',
        ),
        (
            {"CUSTOM_DOMAIN": "blog.example.com:8080"},
            '"blog.example.com:8080" should be the host name alone, without a port: '
            "blog.example.com",
        ),
        (
            {"CUSTOM_DOMAIN": "Blog.Example.com"},
            '"Blog.Example.com" should be written in lower case: blog.example.com',
        ),
        (
            {"CUSTOM_DOMAIN": "blog"},
            '"blog" should be a host name such as blog.example.com',
        ),
        (
            {"CUSTOM_DOMAIN": "blog.example.com", "SITEURL": "https://other.example"},
            '"blog.example.com" is not the host of SITEURL "https://other.example" '
            "(other.example)",
        ),
    ],
)
def test_each_custom_domain_mistake_is_one_plain_line(tmp_path, environment, message):
    output = tmp_path / "output"
    result = publish(CONTENT, output, **environment)
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert line.startswith(
        'ERROR: settings: CUSTOM_DOMAIN (PUBLISHING["custom_domain"]) '
    )
    assert message in line
    assert not output.exists()


@pytest.mark.parametrize(
    ("siteurl", "message"),
    [
        ("https://blog.example.com/?from=x", "must be the site's address alone"),
        ("https://blog.example.com/#top", "must be the site's address alone"),
        ("https://me@blog.example.com", "must be the site's address alone"),
        ("https://me:pw@blog.example.com", "must be the site's address alone"),
    ],
)
def test_a_siteurl_publishing_cannot_use_is_one_plain_line(tmp_path, siteurl, message):
    result = publish(CONTENT, tmp_path / "output", SITEURL=siteurl)
    assert result.returncode == 1
    (line,) = error_lines(result)
    assert line.startswith(f'ERROR: settings: SITEURL "{siteurl}" {message}')


def test_a_good_custom_domain_has_no_problem():
    assert publishing.custom_domain_problem("blog.example.com", "") is None
    assert (
        publishing.custom_domain_problem(
            "blog.example.com", "https://blog.example.com/lab"
        )
        is None
    )
    assert publishing.publishing_problems({"SITEURL": ""}) == []


@pytest.mark.parametrize(
    ("publishing_setting", "message"),
    [
        ({"cname": "x.org"}, 'PUBLISHING has no key "cname"'),
        ({"not_found_pages": {}}, 'did you mean "not_found_page"?'),
        ({"not_found_page": "/404.html"}, 'PUBLISHING["not_found_page"] should be'),
        ({"headers": {"Bad Name": "x"}}, "invalid header name 'Bad Name'"),
    ],
)
def test_wrong_publishing_settings_stop_the_build(
    tmp_path, publishing_setting, message
):
    built = build_site(CONTENT, tmp_path / "output", PUBLISHING=publishing_setting)
    assert built.returncode == 1
    assert "Traceback" not in built.log
    errors = [line for line in built.log.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1
    assert errors[0].startswith("ERROR: settings: ")
    assert message in errors[0]
    assert not (tmp_path / "output").exists()


def test_each_language_of_the_site_has_its_404_page():
    settings = {"DEFAULT_LANG": "ja", "LANGUAGES": ("ja", "en", "zh")}
    assert publishing.not_found_pages(settings, "404.html") == {
        "ja": "404.html",
        "en": "en/404.html",
        "zh": "zh/404.html",
    }


# -- _headers and the Content-Security-Policy ----------------------------------


def parse_headers_file(text):
    """Netlify / Cloudflare `_headers`: {path pattern: {header: value}}."""
    rules, current = {}, None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            current = rules.setdefault(line.strip(), {})
        else:
            name, _, value = line.strip().partition(":")
            current[name.strip()] = value.strip()
    return rules


def parse_csp(policy):
    directives = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        directives[name.lower()] = sources
    return directives


def sources_for(csp, directive):
    """A fetch directive's sources, falling back to default-src."""
    return csp.get(directive, csp.get("default-src", ["*"]))


def source_allowed(url, sources, page):
    """Whether CSP `sources` let the page at `page` load `url`."""
    target = urlsplit(urljoin(page, url))
    here = urlsplit(page)
    if "'none'" in sources:
        return False
    if target.scheme in ("data", "blob"):
        return f"{target.scheme}:" in sources
    same_origin = (target.scheme, target.netloc) == (here.scheme, here.netloc)
    for source in sources:
        if source == "'self'" and same_origin:
            return True
        if source == "*" or source == f"{target.scheme}:":
            return True
        if source == f"{target.scheme}://{target.netloc}":
            return True
    return False


DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
RESOURCES = [  # (selector, attribute, directive)
    ("script[src]", "src", "script-src"),
    ('link[rel~="stylesheet"]', "href", "style-src"),
    ('link[rel~="icon"]', "href", "img-src"),
    ('link[rel~="apple-touch-icon"]', "href", "img-src"),
    ('link[rel~="manifest"]', "href", "manifest-src"),
    ('link[rel~="preload"][as="font"]', "href", "font-src"),
    ("img[src]", "src", "img-src"),
    ("source[src]", "src", "media-src"),
    ("video[src], audio[src]", "src", "media-src"),
    ("iframe[src]", "src", "frame-src"),
    ("object[data]", "data", "object-src"),
    ("embed[src]", "src", "object-src"),
]


def csp_violations(html, csp, page):
    """What a browser would block on this page under the policy `csp`."""
    soup = BeautifulSoup(html, "lxml")
    found = []
    inline_scripts = "'unsafe-inline'" in sources_for(csp, "script-src")
    inline_styles = "'unsafe-inline'" in sources_for(csp, "style-src")
    for script in soup.select("script:not([src])"):
        if script.get("type", "").lower() not in DATA_SCRIPT_TYPES and not (
            inline_scripts
        ):
            found.append(f"inline script: {script.get_text()[:40]!r}")
    for element in soup.find_all(True):
        handlers = [name for name in element.attrs if name.lower().startswith("on")]
        if handlers and not inline_scripts:
            found.append(f"event handler {handlers} on <{element.name}>")
        if element.has_attr("style") and not inline_styles:
            found.append(f"style attribute on <{element.name}>")
        for attribute in ("href", "src", "action"):
            if str(element.get(attribute, "")).lower().startswith("javascript:"):
                found.append(f"javascript: URL on <{element.name}>")
    if soup.select("style") and not inline_styles:
        found.append("inline <style>")
    for selector, attribute, directive in RESOURCES:
        for element in soup.select(selector):
            url = element[attribute]
            if not source_allowed(url, sources_for(csp, directive), page):
                found.append(f"{directive} blocks {url}")
    for element in soup.select("[srcset]"):
        for candidate in element["srcset"].split(","):
            url = candidate.split()[0]
            if not source_allowed(url, sources_for(csp, "img-src"), page):
                found.append(f"img-src blocks {url}")
    for form in soup.select("form[action]"):
        if "form-action" in csp and not source_allowed(
            form["action"], csp["form-action"], page
        ):
            found.append(f"form-action blocks {form['action']}")
    return found


IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)[^;]*;?""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)""")


def css_violations(css, csp, stylesheet):
    """@import and url() in a style sheet that the policy would block."""
    found = []
    for url in IMPORT.findall(css):
        if not source_allowed(url, sources_for(csp, "style-src"), stylesheet):
            found.append(f"style-src blocks @import {url}")
    for url in CSS_URL.findall(IMPORT.sub("", css)):
        for directive in ("img-src", "font-src"):
            if not source_allowed(url, sources_for(csp, directive), stylesheet):
                found.append(f"{directive} blocks {url}")
    return found


STRICT = parse_csp(publishing.DEFAULT_HEADERS["Content-Security-Policy"])
PAGE = site_url("posts/x/")


@pytest.mark.parametrize(
    ("html", "blocked"),
    [
        ("<script>alert(1)</script>", "inline script: 'alert(1)'"),
        ('<p style="color:red">x</p>', "style attribute on <p>"),
        ("<style>p{}</style>", "inline <style>"),
        ('<button onclick="x()">x</button>', "event handler ['onclick'] on <button>"),
        ('<a href="javascript:x()">x</a>', "javascript: URL on <a>"),
        ('<img src="https://cdn.example.net/a.png">', "img-src blocks https://"),
        ('<img src="data:image/png;base64,AA==">', "img-src blocks data:"),
        ('<script src="https://cdn.example.net/a.js"></script>', "script-src blocks"),
        ('<link rel="stylesheet" href="http://coach.example.org/a.css">', "style-src"),
        ('<iframe src="https://x.com/embed"></iframe>', "frame-src blocks"),
        ('<img srcset="https://cdn.example.net/a.png 2x">', "img-src blocks https"),
    ],
)
def test_the_csp_check_finds_what_a_browser_would_block(html, blocked):
    (violation,) = csp_violations(html, STRICT, PAGE)
    assert violation.startswith(blocked)


def test_the_csp_check_allows_the_sites_own_files_and_data_blocks():
    html = (
        f'<link rel="stylesheet" href="{SITEURL}/theme/css/style.css">'
        '<script src="../../theme/js/toggle.js" defer></script>'
        '<script type="application/ld+json">{"@type": "BlogPosting"}</script>'
        '<img src="/lab/images/a.png"><a href="https://x.com/pv_mafia">x</a>'
    )
    assert csp_violations(html, STRICT, PAGE) == []
    assert css_violations("a{background:url(../img/a.png)}", STRICT, PAGE) == []


def test_the_csp_check_finds_fonts_and_style_sheets_from_other_hosts():
    css = (
        "@import url('https://fonts.example.net/a.css');\n"
        "@font-face{src:url(https://fonts.example.net/a.woff2)}"
    )
    assert css_violations(css, STRICT, PAGE) == [
        "style-src blocks @import https://fonts.example.net/a.css",
        "img-src blocks https://fonts.example.net/a.woff2",
        "font-src blocks https://fonts.example.net/a.woff2",
    ]


def test_headers_file_sets_the_security_headers_on_every_path(site):
    rules = parse_headers_file((site.output / "_headers").read_text(encoding="utf-8"))
    # Then the paths with headers of their own: the CMS's (tests/test_admin.py)
    # and the search pages' (PUBLISHING["page_policies"]).
    assert list(rules) == ["/*", "/admin/*", "/en/search/*", "/search/*"]
    headers = rules["/*"]
    csp = parse_csp(headers["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in sources_for(csp, "script-src")
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Content-Type-Options"] == "nosniff"
    max_age = re.fullmatch(r"max-age=(\d+)", headers["Strict-Transport-Security"])
    assert int(max_age[1]) >= 31536000


def test_every_page_and_style_sheet_keeps_to_the_csp(site):
    rules = parse_headers_file((site.output / "_headers").read_text(encoding="utf-8"))
    csp = parse_csp(rules["/*"]["Content-Security-Policy"])
    problems = {}
    for page in site.pages():
        path = "/" + page.relative_to(site.output).as_posix()
        own = [rule for rule in rules if rule != "/*" and path.startswith(rule[:-1])]
        policy = rules[own[0]]["Content-Security-Policy"] if own else None
        found = csp_violations(
            page.read_text(encoding="utf-8"),
            parse_csp(policy) if policy else csp,
            page_url(site, page),
        )
        if found:
            problems[page.relative_to(site.output).as_posix()] = found
    style_sheets = sorted(site.output.rglob("*.css"))
    for sheet in style_sheets:
        relative = sheet.relative_to(site.output).as_posix()
        found = css_violations(
            sheet.read_text(encoding="utf-8"), csp, site_url(relative)
        )
        if found:
            problems[relative] = found
    assert problems == {}
    assert style_sheets


# Every kind of page, in each language: (Japanese page, its English counterpart).
PAGE_KINDS = {
    "home": ("index.html", "en/index.html"),
    "post": (FIRST_POST, FIRST_POST_EN),
    "page": ("about/index.html", "en/about/index.html"),
    "archives": ("archives/index.html", "en/archives/index.html"),
    "tags": ("tags/index.html", "en/tags/index.html"),
    "tag": ("tag/jinmyaku/index.html", "en/tag/connections/index.html"),
    "categories": ("categories/index.html", "en/categories/index.html"),
    "category": ("category/jinmyaku/index.html", "en/category/connections/index.html"),
    "authors": ("authors/index.html", "en/authors/index.html"),
    "author": (
        "author/hirabayashi-takayuki/index.html",
        "en/author/takayuki-hirabayashi/index.html",
    ),
    "404": ("404.html", "en/404.html"),
}
META_POLICY = 'meta[http-equiv="Content-Security-Policy"]'


def header_policy(site):
    rules = parse_headers_file((site.output / "_headers").read_text(encoding="utf-8"))
    return parse_csp(rules["/*"]["Content-Security-Policy"])


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_every_kind_of_page_in_both_languages_carries_the_meta_policy(site, kind):
    expected = {
        name: sources
        for name, sources in header_policy(site).items()
        if name not in ("frame-ancestors", "report-uri", "sandbox")
    }
    for page, lang in zip(PAGE_KINDS[kind], ("ja", "en"), strict=True):
        soup = site.soup(page)
        assert soup.html["lang"] == lang
        (meta,) = soup.select(META_POLICY)
        assert meta.parent.name == "head"
        assert parse_csp(meta["content"]) == expected
        # Early in <head>: before any style sheet, script or image it governs.
        head = list(soup.head.find_all(True))
        governed = soup.head.select("link, script, style, base")
        assert all(head.index(meta) < head.index(tag) for tag in governed)


def test_every_page_carries_the_same_meta_policy(site):
    policies = {
        page.relative_to(site.output).as_posix(): [
            meta["content"]
            for meta in BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").select(
                META_POLICY
            )
        ]
        for page in site.pages()
    }
    # The search pages' own policy allows WebAssembly (tests/test_search.py).
    search_pages = {"search/index.html", "en/search/index.html"}
    assert {
        tuple(found) for page, found in policies.items() if page not in search_pages
    } == {
        (publishing.meta_policy(publishing.DEFAULT_HEADERS["Content-Security-Policy"]),)
    }


def test_the_meta_policy_leaves_out_what_a_meta_element_cannot_carry():
    policy = (
        "default-src 'self'; Frame-Ancestors 'none'; sandbox allow-forms; "
        "report-uri /csp; img-src 'self' data:;"
    )
    assert publishing.meta_policy(policy) == "default-src 'self'; img-src 'self' data:"


def test_a_preview_has_no_meta_policy(real_site):
    # The preview server adds an inline reload script, which the policy forbids.
    for page in ("index.html", "en/posts/jinmyaku-zukuri/"):
        assert real_site.soup(page).select(META_POLICY) == []


def test_headers_can_be_changed_or_left_out():
    headers = publishing.merged_headers(
        {"Referrer-Policy": "no-referrer", "Strict-Transport-Security": None}
    )
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "Strict-Transport-Security" not in headers
    assert publishing.headers_file({"A": "1", "B": "2"}) == "/*\n  A: 1\n  B: 2\n"


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        ({"Bad Name": "x"}, "invalid header name 'Bad Name'"),
        ({"X-Test": "a\nb"}, 'PUBLISHING["headers"]["X-Test"] should be one line'),
    ],
)
def test_bad_headers_are_named(headers, message):
    (problem,) = publishing.header_problems(headers)
    assert problem.path == "settings"
    assert message in problem.message


# -- deploy targets -------------------------------------------------------------


def git_files(repository, branch):
    listing = run(
        ["git", "--git-dir", str(repository), "ls-tree", "-r", "--name-only", branch],
        repository,
    )
    assert listing.returncode == 0, listing.stderr
    return set(listing.stdout.splitlines())


def test_make_github_pushes_the_published_site_to_a_branch(project, tmp_path):
    remote = tmp_path / "remote.git"
    assert (
        run(["git", "init", "--quiet", "--bare", str(remote)], tmp_path).returncode == 0
    )

    for _ in range(2):  # a second deploy adds a commit on top of the first
        result = make(
            project, "github", f"SITEURL={SITEURL}", f"GITHUB_REMOTE={remote}"
        )
        assert result.returncode == 0, result.stdout + result.stderr

    files = git_files(remote, "gh-pages")
    expected = {"index.html", "en/index.html", FIRST_POST, FIRST_POST_EN}
    assert expected | {"404.html", "en/404.html"} <= files
    assert {".nojekyll", "robots.txt", "_headers", "feeds/all.atom.xml"} <= files
    count = run(
        ["git", "--git-dir", str(remote), "rev-list", "--count", "gh-pages"], tmp_path
    )
    assert count.stdout.strip() == "2"
    shown = run(
        ["git", "--git-dir", str(remote), "show", f"gh-pages:{FIRST_POST}"], tmp_path
    )
    soup = BeautifulSoup(shown.stdout, "lxml")
    assert soup.select_one("h1").get_text(strip=True) == "重要な人脈作りに必要なこと"
    assert soup.select_one('link[rel="stylesheet"]')["href"].startswith(SITEURL)


def test_make_github_uses_the_branch_variable(project, tmp_path):
    remote = tmp_path / "remote.git"
    run(["git", "init", "--quiet", "--bare", str(remote)], tmp_path)
    result = make(
        project,
        "github",
        f"SITEURL={SITEURL}",
        f"GITHUB_REMOTE={remote}",
        "GITHUB_PAGES_BRANCH=site",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "index.html" in git_files(remote, "site")


def test_rsync_upload_without_a_server_says_what_is_missing():
    result = make(ROOT, "rsync_upload", "SSH_HOST=example.com")
    assert result.returncode != 0
    assert "make rsync_upload needs SSH_USER SSH_TARGET_DIR" in result.stderr


def test_rsync_upload_mirrors_the_output_folder_to_the_server():
    result = make(
        ROOT,
        "--dry-run",
        "rsync_upload",
        "SSH_HOST=example.com",
        "SSH_USER=deploy",
        "SSH_TARGET_DIR=/var/www/lab",
        "SSH_PORT=2222",
    )
    assert result.returncode == 0, result.stderr
    (rsync,) = [line for line in result.stdout.splitlines() if line.startswith("rsync")]
    assert '-e "ssh -p 2222"' in rsync
    assert "--delete" in rsync
    assert rsync.endswith('"output"/ "deploy@example.com:/var/www/lab"')
    assert "publishconf.py" in result.stdout
