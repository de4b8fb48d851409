"""The pages' own Content-Security-Policy (the meta policy) in a real Chromium.

GitHub Pages sends no headers of ours: there, the meta policy is the only one.
The site is built as for production, for the address it is served at, and
every kind of page is loaded with the policy in force: the browser must report
no violation.
"""

import pytest
from conftest import CONTENT, build_site, chromium_recording_violations, serve

pytestmark = pytest.mark.browser

# Recorded from the first script of every document, before the page's own.

PAGES = [
    "/",
    "/en/",
    "/posts/jinmyaku-zukuri/",
    "/en/posts/jinmyaku-zukuri/",
    "/about/",
    "/en/about/",
    "/archives/",
    "/en/tags/",
    "/tag/jinmyaku/",
    "/en/category/connections/",
    "/author/hirabayashi-takayuki/",
    "/404.html",
    "/en/404.html",
]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real content built for production at the address it is served on."""
    output = tmp_path_factory.mktemp("csp") / "output"
    with serve(output) as url:
        site = build_site(CONTENT, output, SITEURL=url, RELATIVE_URLS=False)
        assert site.returncode == 0, site.log
        yield url, site


@pytest.fixture(scope="module")
def driver():
    browser = chromium_recording_violations()
    yield browser
    browser.quit()


def violations(driver, url):
    driver.get(url)
    driver.execute_script("return new Promise((done) => setTimeout(done, 300));")
    return driver.execute_script("return window.cspViolations;")


def test_the_served_site_carries_the_meta_policy(served):
    _, site = served
    meta = site.soup("index.html").select_one(
        'meta[http-equiv="Content-Security-Policy"]'
    )
    assert "default-src 'self'" in meta["content"]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_breaks_its_own_policy(served, driver, page):
    url, _ = served
    assert violations(driver, url + page) == []


def test_the_browser_reports_what_the_policy_blocks(served, driver):
    # A page with the site's policy and an inline script: the check must see it.
    url, site = served
    html = site.path("index.html").read_text(encoding="utf-8")
    html = html.replace("</body>", "<script>document.title = 'x';</script></body>")
    (site.output / "csp-control.html").write_text(html, encoding="utf-8")
    found = violations(driver, url + "/csp-control.html")
    assert found == ["script-src-elem blocked inline"]
