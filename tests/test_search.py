"""Search in both languages: Pagefind's index is built with the site, the
search page of each language finds that language's posts in a real headless
Chromium, Japanese words as readers type them, and nothing of it reaches the
other pages."""

import re
import shutil
from urllib.parse import quote

import pytest
from conftest import (
    CONTENT,
    ROOT,
    build_site,
    chromium,
    chromium_recording_violations,
    serve,
)
from publishing.publishing import with_directives
from search import search
from search.search import (
    index_output,
    index_site,
    indexing_problem,
    marked_pages,
    pagefind_command,
    pages_glob,
    steady_entry,
)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait
from site_common.quick_pass import quick_pass_settings

POST_JA = "/posts/jinmyaku-zukuri/"
POST_EN = "/en/posts/jinmyaku-zukuri/"
WASM = "'wasm-unsafe-eval'"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real content and tests/content, built for production at the
    address it is served on (so every page carries its meta policy)."""
    folder = tmp_path_factory.mktemp("search")
    content = folder / "content"
    shutil.copytree(CONTENT, content)
    shutil.copytree(ROOT / "tests" / "content", content, dirs_exist_ok=True)
    output = folder / "output"
    with serve(output) as url:
        site = build_site(content, output, SITEURL=url, RELATIVE_URLS=False)
        assert site.returncode == 0, site.log
        yield url, site


@pytest.fixture(scope="module")
def driver():
    browser = chromium_recording_violations()
    yield browser
    browser.quit()


# -- the built site ---------------------------------------------------------------


def test_the_build_writes_one_index_per_language(served):
    _, site = served
    bundle = site.output / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"ja"' in entry and '"en"' in entry
    # Its ready-made interfaces are left out: the page has its own.
    assert not list(bundle.glob("pagefind-*ui*")) and not list(bundle.glob("*.css"))


def test_posts_and_pages_are_indexed_without_their_extras(served):
    _, site = served
    article = site.soup("posts/jinmyaku-zukuri/").select_one("article.post")
    assert article.has_attr("data-pagefind-body")
    for part in ("nav.toc", "section.share", "aside.consult-cta", "aside.author-box"):
        assert article.select_one(part).has_attr("data-pagefind-ignore"), part
    assert article.select_one("time")["data-pagefind-meta"] == "date"
    page = site.soup("about/").select_one("article.page")
    assert page.has_attr("data-pagefind-body")
    for listing in ("", "archives/", "en/tags/", "search/"):
        assert not site.soup(listing).select("[data-pagefind-body]"), listing


def test_pagefind_is_given_the_posts_and_pages_only(served):
    _, site = served
    pages = marked_pages(site.output)
    assert "posts/jinmyaku-zukuri/index.html" in pages
    assert "en/posts/jinmyaku-zukuri/index.html" in pages
    assert "about/index.html" in pages
    for listing in ("index.html", "archives/index.html", "en/tags/index.html"):
        assert listing not in pages, listing


def test_pagefind_indexes_only_the_pages_its_glob_names(tmp_path, monkeypatch):
    page = '<html lang="en"><body><main data-pagefind-body>{}</main></body></html>'
    for name, word in (("a.html", "apples"), ("b.html", "bananas")):
        (tmp_path / name).write_text(page.format(word), encoding="utf-8")
    monkeypatch.setattr(search, "marked_pages", lambda output: ["a.html"])
    assert index_output(tmp_path) == []
    # One fragment (the record of one page) per page indexed.
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 1


@pytest.mark.parametrize(
    "page, href, label",
    [(POST_JA, "/search/", "検索"), (POST_EN, "/en/search/", "Search")],
)
def test_the_header_leads_to_the_search_page_of_its_language(served, page, href, label):
    url, site = served
    link = site.soup(page).select_one(f'.site-header a.search-link[href="{url}{href}"]')
    assert link is not None and link.get_text(strip=True) == label


@pytest.mark.parametrize(
    "page, lang, other",
    [("search/", "ja", "/en/search/"), ("en/search/", "en", "/search/")],
)
def test_each_language_has_a_search_page(served, page, lang, other):
    url, site = served
    soup = site.soup(page)
    assert soup.html["lang"] == lang
    assert soup.select_one("form[data-search-form]").has_attr("hidden")
    assert soup.select_one("[data-search-no-script]").get_text(strip=True)
    toggle = soup.select_one(".lang-toggle a[data-lang-choice]")
    assert toggle["href"] == url + other


def test_no_other_page_loads_anything_of_the_search(served):
    _, site = served
    for path in site.pages():
        if path.parent.name == "search" or "pagefind" in path.parts:
            continue
        html = path.read_text(encoding="utf-8")
        assert "search.js" not in html and "pagefind" not in html.replace(
            "data-pagefind", ""
        ), path


def test_only_the_search_pages_allow_webassembly(served):
    _, site = served
    for page in ("search/", "en/search/"):
        policy = site.soup(page).select_one(
            'meta[http-equiv="Content-Security-Policy"]'
        )
        assert WASM in policy["content"], page
    for page in ("", "en/", "posts/jinmyaku-zukuri/", "archives/"):
        policy = site.soup(page).select_one(
            'meta[http-equiv="Content-Security-Policy"]'
        )
        assert "default-src 'self'" in policy["content"]
        assert "wasm" not in policy["content"], page
    rules = (site.output / "_headers").read_text(encoding="utf-8").split("\n/")
    assert "wasm" not in rules[0]
    search_rules = {rule.split("\n")[0]: rule for rule in rules[1:]}
    for path in ("search/*", "en/search/*"):
        assert "! Content-Security-Policy" in search_rules[path]
        assert f"script-src 'self' {WASM}" in search_rules[path]


def test_a_build_can_leave_the_index_out(tmp_path):
    site = build_site(CONTENT, tmp_path / "output", SEARCH={"index": False})
    assert site.returncode == 0, site.log
    assert site.path("search/").is_file()
    assert not (site.output / "pagefind").exists()


def test_a_wrong_search_setting_stops_the_build(tmp_path):
    site = build_site(CONTENT, tmp_path / "output", SEARCH={"index": "no"})
    assert site.returncode == 1
    assert """ERROR: settings: SEARCH["index"] should be True or False""" in site.log


def test_a_failed_indexing_fails_the_build(tmp_path, monkeypatch):
    # Pagefind's package runs the binary this variable names, when set.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-pagefind"))
    site = build_site(CONTENT, tmp_path / "output")
    assert site.returncode == 1
    assert "ERROR: search index: Pagefind could not index the site" in site.log
    assert not (tmp_path / "output").exists()


# -- pure functions -----------------------------------------------------------------


def test_pagefind_runs_on_the_output_folder():
    command = pagefind_command("/tmp/out")
    assert command[1:5] == ["-m", "pagefind", "--site", "/tmp/out"]


def test_the_glob_names_every_page_or_none():
    assert pages_glob(["b/index.html", "a/index.html"]) == "{a/index.html,b/index.html}"
    assert pages_glob([]) is None  # no page to name: Pagefind reads them all
    # A path the glob would misread: Pagefind reads every page, as without it.
    assert pages_glob(["a/index.html", "b,c/index.html"]) is None
    assert pages_glob(["{b}/index.html"]) is None


def test_only_a_failed_run_is_a_problem():
    assert indexing_problem(0, "Finished") is None
    problem = indexing_problem(2, "Indexing\nError: No HTML files found\n")
    assert "exit status 2" in str(problem) and "No HTML files found" in str(problem)


def test_the_list_of_indexes_keeps_one_order():
    # Pagefind lists the languages in any order; the same site, the same bytes.
    one = '{"version":"1","languages":{"ja":{"hash":"j"},"en":{"hash":"e"}}}'
    other = '{"version":"1","languages":{"en":{"hash":"e"},"ja":{"hash":"j"}}}'
    assert steady_entry(one) == steady_entry(other) == other


def test_directives_replace_those_of_the_same_name():
    policy = "default-src 'self'; script-src 'self'; object-src 'none'"
    widened = with_directives(policy, f"script-src 'self' {WASM}")
    assert widened == (
        f"default-src 'self'; object-src 'none'; script-src 'self' {WASM}"
    )


# -- in a real browser ------------------------------------------------------------


def search_for(driver, query):
    """Type `query` in the box and wait for the answer: the results' URLs."""
    box = driver.find_element(By.ID, "search-query")
    box.clear()
    box.send_keys(query)
    status = driver.find_element(By.CSS_SELECTOR, "[data-search-status]")
    loading = driver.find_element(By.CSS_SELECTOR, "[data-search]").get_attribute(
        "data-search-loading"
    )

    def answered(_):
        text = status.text
        return text and text != loading and query.strip() in text

    WebDriverWait(driver, 20).until(answered)
    links = driver.find_elements(By.CSS_SELECTOR, ".search-result__title a")
    return [link.get_attribute("href") for link in links]


JAPANESE_QUERIES = [
    "異業種交流会",  # five kanji, split in the index: 異 / 業種 / 交流 / 会
    "会社経営者",
    "音楽業界",
    "人脈作り",
    "インフルエンサー",  # katakana
    "スタートアップ",
    "人脈　勇気",  # two words, a full-width space between them
]


@pytest.mark.browser
def test_japanese_words_find_the_japanese_post(served, driver):
    url, _ = served
    driver.get(url + "/search/")
    for query in JAPANESE_QUERIES:
        found = search_for(driver, query)
        assert url + POST_JA in found, query
        assert not [href for href in found if "/en/" in href], query
    assert driver.execute_script("return window.cspViolations;") == []


@pytest.mark.browser
def test_a_compound_word_is_marked_whole_in_the_excerpt(served, driver):
    url, _ = served
    driver.get(url + "/search/")
    search_for(driver, "異業種交流会")
    marks = driver.find_elements(By.CSS_SELECTOR, ".search-result__excerpt mark")
    assert "異業種交流会" in [mark.text for mark in marks]


@pytest.mark.browser
@pytest.mark.parametrize("query", ["会社員", "事業所"])
def test_words_the_post_does_not_have_find_nothing(served, driver, query):
    # Pagefind alone returns the post for these (its index has 会, 社員, 事業,
    # 所 in it): each Japanese word must appear whole.
    url, _ = served
    driver.get(url + "/search/")
    assert search_for(driver, query) == []


@pytest.mark.browser
def test_english_words_find_the_english_post_only(served, driver):
    url, _ = served
    driver.get(url + "/en/search/")
    for query in ("networking", "courage", "cross-industry"):
        found = search_for(driver, query)
        assert url + POST_EN in found, query
        assert url + POST_JA not in found, query
    assert search_for(driver, "異業種交流会") == []
    assert driver.execute_script("return window.cspViolations;") == []


@pytest.mark.browser
@pytest.mark.parametrize("query", ["mindset", "xyzzy", "mindfulness"])
def test_english_words_the_site_does_not_have_find_nothing(served, driver, query):
    # Pagefind alone shortens these until they match: "mind", "x", "mind".
    url, _ = served
    driver.get(url + "/en/search/")
    assert search_for(driver, query) == []


@pytest.mark.browser
@pytest.mark.parametrize(
    "query, stem, marked",
    [
        ("mixer", "mixer", "mixers"),
        ("jobs", "job", "job"),
        ("Courage", "courage", "courage"),
    ],
)
def test_an_english_word_finds_its_plural_and_stem(served, driver, query, stem, marked):
    # The whole word of the text is marked: "mixers" for "mixer".
    url, _ = served
    driver.get(url + "/en/search/")
    assert url + POST_EN in search_for(driver, query)
    excerpt = driver.find_element(
        By.XPATH,
        f'//li[.//a[contains(@href, "{POST_EN}")]]/p[@class="search-result__excerpt"]',
    )
    marks = [mark.text.lower() for mark in excerpt.find_elements(By.TAG_NAME, "mark")]
    assert marks and all(mark.startswith(stem) for mark in marks), marks
    assert marked in marks, marks


@pytest.mark.browser
def test_japanese_excerpts_end_headings_with_a_japanese_full_stop(served, driver):
    # Pagefind joins the paragraph 「今回のお題は」 to the next with ". ".
    url, _ = served
    driver.get(url + "/search/")
    search_for(driver, "お題")
    excerpt = driver.find_element(By.CSS_SELECTOR, ".search-result__excerpt").text
    assert "今回のお題は。" in excerpt
    assert not re.search(r"[\u3040-\u30ff\u4e00-\u9fff]\.", excerpt), excerpt


@pytest.mark.browser
@pytest.mark.parametrize(
    "page, query, other",
    [("/search/", "勇気", "/en/search/"), ("/en/search/", "courage", "/search/")],
)
def test_the_language_toggle_keeps_the_words(served, driver, page, query, other):
    url, _ = served
    toggle = ".lang-toggle a[data-lang-choice]"
    driver.get(url + page)
    search_for(driver, query)
    href = driver.find_element(By.CSS_SELECTOR, toggle).get_attribute("href")
    assert href == url + other + "?q=" + quote(query)
    box = driver.find_element(By.ID, "search-query")
    box.send_keys(Keys.BACKSPACE * len(query))  # no words: no ?q=
    WebDriverWait(driver, 5).until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, toggle).get_attribute("href") == url + other
        )
    )
    driver.get(url + page + "?q=" + quote(query))
    href = driver.find_element(By.CSS_SELECTOR, toggle).get_attribute("href")
    assert href == url + other + "?q=" + quote(query)


@pytest.mark.browser
def test_nothing_is_downloaded_before_the_box_is_used(served, driver):
    url, _ = served
    loaded = "return performance.getEntriesByType('resource').map((e) => e.name);"
    driver.get(url + "/en/search/")
    # The cursor is in the box, which does not download the index.
    assert driver.switch_to.active_element.get_attribute("id") == "search-query"
    assert not [name for name in driver.execute_script(loaded) if "pagefind" in name]
    driver.find_element(By.ID, "search-query").click()
    WebDriverWait(driver, 10).until(
        lambda d: [name for name in d.execute_script(loaded) if "pagefind" in name]
    )


@pytest.mark.browser
def test_an_address_with_words_searches_at_once(served, driver):
    url, _ = served
    driver.get(url + "/search/?q=フォロワー")
    WebDriverWait(driver, 20).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".search-result__title a")
    )
    link = driver.find_element(By.CSS_SELECTOR, ".search-result__title a")
    assert link.get_attribute("href") == url + POST_JA


@pytest.mark.browser
def test_without_javascript_the_page_offers_the_archives(served):
    url, _ = served
    browser = chromium(javascript=False)
    try:
        browser.get(url + "/search/")
        assert not browser.find_element(By.CSS_SELECTOR, "form").is_displayed()
        note = browser.find_element(By.CSS_SELECTOR, "[data-search-no-script]")
        assert note.is_displayed() and "JavaScript" in note.text
        archives = browser.find_element(By.CSS_SELECTOR, ".search__archives a")
        assert archives.get_attribute("href") == url + "/archives/"
    finally:
        browser.quit()


class Written:
    """What the `finalized` signal hands the plugin: the settings and the
    folder Pelican wrote."""

    def __init__(self, output_path, **settings):
        self.output_path = str(output_path)
        self.settings = settings


def test_the_preview_s_quick_pass_writes_no_index(tmp_path):
    page = '<html lang="ja"><body><main data-pagefind-body>人脈作り</main></body>'
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    quick = quick_pass_settings([tmp_path / "content" / "a.ja.md"])
    index_site(Written(tmp_path, **quick))
    assert not (tmp_path / "pagefind").exists()
    index_site(Written(tmp_path))  # any other build indexes what it wrote
    assert (tmp_path / "pagefind" / "pagefind-entry.json").is_file()
