"""The real site: first post in both languages, About pages, theme basics."""

from urllib.parse import urljoin, urlparse

import pytest

FIRST_POST = "posts/jinmyaku-zukuri/"
FIRST_POST_EN = "en/posts/jinmyaku-zukuri/"

SECTION_HEADINGS_JA = [
    "1. 人脈は「勇気」から生まれる",
    "2. 異業種交流会?",
    "3. 私が「勇気」で作った転機の人脈",
    "4. まとめ",
]


def test_first_post_has_its_title_and_four_sections(real_site):
    soup = real_site.soup(FIRST_POST)
    assert soup.html["lang"] == "ja"
    assert soup.select_one("h1").get_text(strip=True) == "重要な人脈作りに必要なこと"
    headings = [h.get_text(strip=True) for h in soup.select(".post-body h2")]
    assert headings == SECTION_HEADINGS_JA


def test_first_post_quotes_the_tweet_and_emphasises_the_set_apart_lines(real_site):
    body = real_site.soup(FIRST_POST).select_one(".post-body")
    quote = body.select_one("blockquote")
    assert "人脈はこうした「勇気」から生まれるんだ" in quote.get_text()
    assert quote.select_one('a[href="https://x.com/pv_mafia"]')
    emphasised = [s.get_text() for s in body.select("strong")]
    assert "勇気が発揮されたとき" in emphasised
    assert "これはきっと新しいことに繋がる何かの縁だ。" in emphasised
    assert "その勇気が転機をもたらします!" in emphasised


def test_first_post_keeps_no_sign_off_and_no_blank_space_paragraphs(real_site):
    body = real_site.soup(FIRST_POST).select_one(".post-body")
    text = body.get_text()
    assert "やってます" not in text
    assert all(p.get_text().strip() for p in body.select("p"))


def test_english_translation_is_complete_and_in_english(real_site):
    soup = real_site.soup(FIRST_POST_EN)
    assert soup.html["lang"] == "en"
    assert soup.select_one("h1").get_text(strip=True) == (
        "What It Takes to Build the Connections That Matter"
    )
    headings = [h.get_text(strip=True) for h in soup.select(".post-body h2")]
    assert [h.split(".")[0] for h in headings] == ["1", "2", "3", "4"]
    ja_paragraphs = real_site.soup(FIRST_POST).select(".post-body p")
    en_paragraphs = soup.select(".post-body p")
    assert len(en_paragraphs) >= len(ja_paragraphs) - 3


@pytest.mark.parametrize(
    ("url", "lang", "title"),
    [("about/", "ja", "このサイトについて"), ("en/about/", "en", "About")],
)
def test_about_pages_exist_in_both_languages(real_site, url, lang, title):
    soup = real_site.soup(url)
    assert soup.html["lang"] == lang
    assert soup.select_one("h1").get_text(strip=True) == title
    assert "@MHeartstrings" in soup.select_one("main").get_text()


@pytest.mark.parametrize("url", ["", "en/"])
def test_home_pages_list_the_first_post(real_site, url):
    soup = real_site.soup(url)
    links = {a["href"] for a in soup.select(".post-card__title a")}
    assert any(link.rstrip("/").endswith("jinmyaku-zukuri") for link in links)


def test_every_page_has_one_h1_landmarks_and_a_skip_link(real_site):
    for page in real_site.pages():
        soup = real_site.soup(str(page.relative_to(real_site.output)))
        assert len(soup.select("h1")) == 1, page
        assert soup.select_one("header") and soup.select_one("footer"), page
        assert soup.select_one("main#main"), page
        skip = soup.select_one("body > a.skip-link")
        assert skip["href"] == "#main", page


def test_nothing_links_to_a_missing_file(real_site):
    missing = []
    for page in real_site.pages():
        relative = page.relative_to(real_site.output).as_posix()
        soup = real_site.soup(relative)
        for tag in soup.select("a[href], link[href], img[src], script[src]"):
            target = tag.get("href") or tag.get("src")
            parsed = urlparse(urljoin(relative, target))
            if parsed.scheme or parsed.netloc or not parsed.path:
                continue
            if not real_site.path(parsed.path).exists():
                missing.append(f"{relative} -> {target}")
    assert missing == []


def test_japanese_headings_get_anchors_in_japanese(real_site):
    ids = [h["id"] for h in real_site.soup(FIRST_POST).select(".post-body h2")]
    assert ids[0] == "1-人脈は勇気から生まれる"
    assert len(set(ids)) == 4
