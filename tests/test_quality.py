"""Quality gates over every page of a site built from the real and the test content.

- the Nu HTML Checker: every HTML page and stylesheet is valid;
- LinkChecker, against the site served on 127.0.0.1: no broken internal link,
  asset or fragment;
- axe-core in headless Chromium, light and dark colour schemes: no
  accessibility violation on any type of page, in both languages;
- every feed parses cleanly, and the sitemap is well-formed and lists only
  pages that exist.

The checkers are pinned in package.json (node_modules/, set up by `make test`)
and requirements.txt.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from conftest import CONTENT, ROOT, QuietHandler, build_site, chromium, serve
from lxml import etree

TEST_CONTENT = Path(__file__).resolve().parent / "content"
NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LINKCHECKER = Path(sys.executable).parent / "linkchecker"  # installed beside pytest

LANG_PREFIXES = {"ja": "", "en": "en/"}
# One page of each kind, per language; a kind with "*" takes every match for
# posts (they differ most: tables, code, images) and the first for the others.
PAGE_KINDS = {
    "home": "index.html",
    "post": "posts/*/index.html",
    "page": "about/index.html",
    "consultation": "consultation/index.html",
    "archives": "archives/index.html",
    "tags index": "tags/index.html",
    "tag": "tag/*/index.html",
    "categories index": "categories/index.html",
    "category": "category/*/index.html",
    "authors index": "authors/index.html",
    "author": "author/*/index.html",
    "search": "search/index.html",
}
# Not written yet by every version of the site; checked whenever it is.
OPTIONAL_PAGE_KINDS = {"not found (404)": "404.html"}


# -- pure helpers ---------------------------------------------------------------


def nu_errors(report_json, root):
    """`file:line: message` for each error in the Nu HTML Checker's JSON report."""
    errors = []
    for message in json.loads(report_json)["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        path = unquote(urlsplit(message.get("url", "")).path)
        where = Path(path).relative_to(root) if path.startswith(str(root)) else path
        errors.append(f"{where}:{message.get('lastLine', '?')}: {message['message']}")
    return errors


def linkchecker_rows(report_csv):
    """The rows of LinkChecker's CSV output (comment lines dropped)."""
    # Comments start with "# "; a link to a fragment ("#main") starts with "#".
    lines = [line for line in report_csv.splitlines() if not line.startswith("# ")]
    return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter=";"))


def link_failures(rows):
    """`url (in page): result warning` for each broken or suspicious link."""
    return [
        f"{row['urlname']} (in {row['parentname'] or 'start'}): "
        f"{row['result']} {row['warningstring']}".strip()
        for row in rows
        if row["valid"] != "True" or row["warningstring"]
    ]


def pages_to_audit(output):
    """{(kind, lang): [site-relative URL, ...]} of the pages axe-core checks."""
    pages = {}
    kinds = {**PAGE_KINDS, **OPTIONAL_PAGE_KINDS}
    for lang, prefix in LANG_PREFIXES.items():
        for kind, pattern in kinds.items():
            found = sorted(Path(output).glob(prefix + pattern))
            if "*" in pattern and kind != "post":
                found = found[:1]
            if found:
                pages[kind, lang] = [page_url(output, path) for path in found]
    return pages


def page_url(output, path):
    relative = Path(path).relative_to(output).as_posix()
    return relative.removesuffix("index.html")


def url_to_file(output, url):
    """The file a sitemap or feed address is served from."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = Path(output) / path
    return target / "index.html" if not path or path.endswith("/") else target


# -- the site under test --------------------------------------------------------


@pytest.fixture(scope="session")
def quality_site(tmp_path_factory):
    """The real content plus tests/content (posts in one language, tables, code)."""
    folder = tmp_path_factory.mktemp("quality")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(TEST_CONTENT, content, dirs_exist_ok=True)
    site = build_site(content, folder / "output")
    assert site.returncode == 0, site.log
    return site


def require(path):
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make test`"
    return path


# -- HTML and CSS ---------------------------------------------------------------


INVALID_PAGE = "<!DOCTYPE html><html lang=en><title>x</title><p><div></p>"


def test_every_page_and_stylesheet_is_valid(quality_site, tmp_path):
    output = quality_site.output
    files = sorted(output.rglob("*.html")) + sorted(output.rglob("*.css"))
    # A page known to be invalid proves the checker ran and was read right.
    canary = tmp_path / "canary.html"
    canary.write_text(INVALID_PAGE, encoding="utf-8")
    command = ["java", "-jar", str(require(VNU_JAR)), "--also-check-css"]
    command += ["--format", "json", "--stdout", "--exit-zero-always"]
    result = subprocess.run(
        [*command, str(canary), *map(str, files)],
        capture_output=True,
        text=True,
        check=True,
    )
    errors = nu_errors(result.stdout, output)
    canary_errors = [e for e in errors if e.startswith(str(canary))]
    assert canary_errors, "the checker did not report the invalid canary page"
    site_errors = [e for e in errors if e not in canary_errors]
    assert site_errors == [], "\n".join(site_errors)


# -- links --------------------------------------------------------------------


class UnthrottledHandler(QuietHandler):
    """Tells LinkChecker it may skip its politeness delay on this server."""

    def end_headers(self):
        self.send_header("LinkChecker", "maxrated")
        super().end_headers()


LINKCHECKER_CONFIG = """\
[checking]
maxrequestspersecond=1000
[AnchorCheck]
"""


def test_no_broken_internal_links_or_assets(quality_site, tmp_path):
    output = quality_site.output
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
    pages = sorted(output.rglob("*.html"))
    with serve(output, UnthrottledHandler) as url:
        start = [f"{url}/{page_url(output, page)}" for page in pages]
        result = subprocess.run(
            [
                str(LINKCHECKER),
                f"--config={config}",
                "--no-status",
                "--verbose",
                "--output=csv/utf-8",
                "--threads=4",
                # Internal links only: the rest are checked for syntax alone.
                f"--ignore-url=^(?!{re.escape(url)}/)",
                *start,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    rows = linkchecker_rows(result.stdout)
    checked = {row["url"] for row in rows}
    assert set(start) <= checked, result.stderr
    assert link_failures(rows) == [], "\n".join(link_failures(rows))
    assert result.returncode == 0, result.stderr


# -- accessibility --------------------------------------------------------------

RUN_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ["violations"]})
  .then((results) => done(results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")),
  }))))
  .catch((error) => done({error: String(error)}));
"""


@pytest.fixture(scope="module")
def audit_browser(quality_site):
    """One Chromium session, and the served site, for every axe-core run."""
    driver = chromium()
    driver.set_script_timeout(60)
    with serve(quality_site.output) as url:
        yield driver, url
    driver.quit()


def test_every_kind_of_page_exists_in_both_languages(quality_site):
    pages = pages_to_audit(quality_site.output)
    missing = [
        (kind, lang)
        for kind in PAGE_KINDS
        for lang in LANG_PREFIXES
        if (kind, lang) not in pages
    ]
    assert missing == []


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(quality_site, audit_browser, scheme):
    driver, url = audit_browser
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    axe_source = require(AXE_JS).read_text(encoding="utf-8")
    violations = {}
    for (kind, lang), urls in pages_to_audit(quality_site.output).items():
        for page in urls:
            driver.get(f"{url}/{page}")
            dark = driver.execute_script(
                "return matchMedia('(prefers-color-scheme: dark)').matches"
            )
            assert dark == (scheme == "dark"), "colour scheme not emulated"
            driver.execute_script(axe_source)
            found = driver.execute_async_script(RUN_AXE)
            assert isinstance(found, list), found
            if found:
                violations[f"{kind} ({lang}) /{page}"] = found
    assert violations == {}, json.dumps(violations, indent=2, ensure_ascii=False)


# -- feeds and sitemap ------------------------------------------------------------

FEED_ROOTS = {"{http://www.w3.org/2005/Atom}feed", "rss"}


def feeds(output):
    """Every XML file of the site whose root element is an Atom or RSS feed."""
    lenient = etree.XMLParser(recover=True)  # a broken feed is still found
    return [
        path
        for path in sorted(Path(output).rglob("*.xml"))
        if etree.parse(str(path), lenient).getroot().tag in FEED_ROOTS
    ]


def test_every_feed_parses_cleanly(quality_site):
    output = quality_site.output
    found = feeds(output)
    assert len(found) >= len(LANG_PREFIXES), found
    for path in found:
        feed = feedparser.parse(path.read_bytes())
        name = path.relative_to(output)
        assert not feed.bozo, f"{name}: {feed.get('bozo_exception')}"
        assert feed.version and feed.entries, name


SITEMAP_NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}


def test_sitemap_is_well_formed_and_lists_existing_pages(quality_site):
    output = quality_site.output
    sitemap = etree.parse(str(output / "sitemap.xml"))  # raises when malformed
    locations = sitemap.xpath("//sm:url/sm:loc/text()", namespaces=SITEMAP_NS)
    alternates = sitemap.xpath("//sm:url/xhtml:link/@href", namespaces=SITEMAP_NS)
    assert locations
    missing = [
        url for url in locations + alternates if not url_to_file(output, url).is_file()
    ]
    assert missing == []
    listed = {url_to_file(output, url) for url in locations}
    assert output / "posts" / "kakikata-mihon" / "index.html" in listed


# -- the helpers themselves -------------------------------------------------------


def test_nu_errors_keeps_errors_and_names_the_file():
    report = json.dumps(
        {
            "messages": [
                {
                    "type": "error",
                    "url": "file:/site/posts/x/index.html",
                    "lastLine": 12,
                    "message": "Stray end tag “p”.",
                },
                {"type": "info", "subType": "warning", "url": "file:/site/a.html"},
            ]
        }
    )
    assert nu_errors(report, Path("/site")) == [
        "posts/x/index.html:12: Stray end tag “p”."
    ]


def test_link_failures_reports_errors_and_warnings_only():
    report = (
        "# created by LinkChecker\n"
        "urlname;parentname;base;result;warningstring;infostring;valid;url\n"
        "./a/;;;200 OK;;;True;http://h/a/\n"
        "./gone/;http://h/a/;;404 File not found;;;False;http://h/gone/\n"
        "#top;http://h/a/;;200 OK;Anchor `top' not found.;;True;http://h/a/#top\n"
    )
    assert link_failures(linkchecker_rows(report)) == [
        "./gone/ (in http://h/a/): 404 File not found",
        "#top (in http://h/a/): 200 OK Anchor `top' not found.",
    ]
