"""The coach's website: the consultation page and its contact ways, the way to
it from every page, the home page's introduction, the portrait slot."""

import shutil

import pytest
from conftest import ROOT

POST = "Title: 記事\nDate: 2024-01-01 10:00\nCategory: 人脈\nTags: 人脈\n\n本文です。\n"
CONSULTATION_JA = "consultation/"
CONSULTATION_EN = "en/consultation/"


# -- the consultation page ---------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "lang", "title", "other_lang", "other_url"),
    [
        (CONSULTATION_JA, "ja", "体験セッション・ご相談", "en", "../en/consultation/"),
        (CONSULTATION_EN, "en", "Book a session", "ja", "../../consultation/"),
    ],
)
def test_the_consultation_page_exists_in_both_languages_linked_by_the_toggle(
    real_site, url, lang, title, other_lang, other_url
):
    soup = real_site.soup(url)
    assert soup.html["lang"] == lang
    assert soup.h1.get_text() == title
    toggle = soup.select_one(f'.lang-toggle a[hreflang="{other_lang}"]')
    assert toggle["href"] == other_url
    assert toggle.get("data-counterpart") != "missing"


def test_the_real_consultation_page_lists_only_the_contact_ways_that_are_set(
    real_site,
):
    # pelicanconf.py sets the X profile alone.
    for url, words in [
        (CONSULTATION_JA, "XのDMで連絡する"),
        (CONSULTATION_EN, "Send a direct message on X"),
    ]:
        links = real_site.soup(url).select(".contact-ways a")
        assert [(a["href"], a.get_text(strip=True)) for a in links] == [
            ("https://x.com/MHeartstrings", words)
        ]


EVERY_WAY = {
    "booking_url": "https://booking.example.com/hirabayashi",
    "email": "coach@example.com",
    "x_dm_url": "https://x.com/messages/compose?recipient_id=12345",
    "line_url": "https://lin.ee/AbCdEf",
}


def test_every_contact_way_set_is_a_plain_link_in_a_fixed_order(make_site):
    site = make_site({"posts/kiji.ja.md": POST}, CONSULTATION=EVERY_WAY)
    assert site.returncode == 0, site.log
    for url in (CONSULTATION_JA, CONSULTATION_EN):
        soup = site.soup(url)
        links = soup.select(".contact-ways__list a")
        assert [a["href"] for a in links] == [
            EVERY_WAY["booking_url"],
            "mailto:coach@example.com",
            EVERY_WAY["x_dm_url"],
            EVERY_WAY["line_url"],
        ]
        assert not any(a.get("target") or a.get("onclick") for a in links)
    email = site.soup(CONSULTATION_EN).select_one('a[href^="mailto:"]')
    assert email.get_text(strip=True) == "E-mail: coach@example.com"


def test_no_contact_way_set_leaves_the_list_out(make_site):
    empty = dict.fromkeys(EVERY_WAY, "")
    site = make_site({"posts/kiji.ja.md": POST}, CONSULTATION=empty)
    assert site.returncode == 0, site.log
    soup = site.soup(CONSULTATION_JA)
    assert soup.select_one(".contact-ways") is None
    assert soup.h1.get_text() == "体験セッション・ご相談"  # the page is still there


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("email", "not an address"),
        ("booking_url", "javascript:alert(1)"),
        ("line_url", "https://evil.example/line"),
        ("x_dm_url", "https://x.com.evil.example/messages"),
    ],
)
def test_a_contact_way_that_is_not_one_stops_the_build_naming_it(make_site, key, value):
    site = make_site({"posts/kiji.ja.md": POST}, CONSULTATION={key: value})
    assert site.returncode == 1
    assert f'settings: CONSULTATION["{key}"] should be' in site.log
    assert "Traceback" not in site.log


# -- the way to it from every page --------------------------------------------------


@pytest.mark.parametrize(
    ("url", "href", "words"),
    [
        ("", "./consultation/", "ご相談"),
        ("posts/jinmyaku-zukuri/", "../../consultation/", "ご相談"),
        ("en/", "../en/consultation/", "Consultation"),
        ("en/tags/", "../../en/consultation/", "Consultation"),
        ("en/posts/jinmyaku-zukuri/", "../../../en/consultation/", "Consultation"),
    ],
)
def test_the_navigation_leads_to_the_consultation_page_in_the_readers_language(
    real_site, url, href, words
):
    link = real_site.soup(url).select_one(".site-nav .site-nav__consult")
    assert (link["href"], link.get_text(strip=True)) == (href, words)


def test_without_a_consultation_page_nothing_links_to_it(make_site, tmp_path):
    site = make_site({"posts/kiji.ja.md": POST}, with_about=False)
    assert site.returncode == 0, site.log
    soup = site.soup("posts/kiji/")
    assert soup.select_one(".site-nav__consult") is None
    assert soup.select_one(".consult-cta") is None
    assert "no page has the slug 'consultation'" in site.log


# -- home page introduction ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "lang", "button"),
    [("", "ja", "体験セッション・ご相談"), ("en/", "en", "Book a session")],
)
def test_the_home_page_says_who_the_coach_is(real_site, url, lang, button):
    from pelicanconf import SITE_AUTHOR, SITE_TAGLINE

    soup = real_site.soup(url)
    hero = soup.select_one("section.hero")
    assert [h1.get_text() for h1 in soup.select("h1")] == [SITE_TAGLINE[lang]]
    assert hero.select_one("h1") is not None
    assert SITE_AUTHOR["name"][lang] in hero.select_one(".hero__person").get_text()
    assert hero.select_one("a.button").get_text(strip=True) == button


def test_other_listings_have_no_introduction(real_site):
    for url in ("tags/", "en/tag/career/", "archives/"):
        soup = real_site.soup(url)
        assert soup.select_one(".hero") is None, url
        assert len(soup.select("h1")) == 1, url


# -- the brand and the portrait ---------------------------------------------------


def test_every_page_shows_the_brand_mark_linking_home(real_site):
    for url, home in (("about/", "../"), ("en/about/", "../../en/")):
        brand = real_site.soup(url).select_one(".site-header .brand a")
        assert brand["href"] == home
        assert brand.select_one("svg.brand__mark")["aria-hidden"] == "true"


def test_without_a_portrait_a_drawn_placeholder_stands_in(real_site):
    box = real_site.soup("posts/jinmyaku-zukuri/").select_one(".author-box")
    assert box.select_one("svg.portrait--placeholder")["aria-hidden"] == "true"
    about = real_site.soup("en/about/").select_one(".about-portrait")
    assert about.select_one("svg.portrait--placeholder") is not None
    assert "Takayuki Hirabayashi" in about.figcaption.get_text()


def test_a_portrait_set_is_shown_in_the_author_box_and_on_about(make_site, tmp_path):
    picture = tmp_path / "content" / "images" / "portrait.png"
    picture.parent.mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "content" / "images" / "mihon.png", picture)
    site = make_site({"posts/kiji.ja.md": POST}, SITE_PORTRAIT="images/portrait.png")
    assert site.returncode == 0, site.log
    post = site.soup("posts/kiji/").select_one(".author-box img.portrait")
    assert (post["src"], post["alt"]) == ("../../images/portrait.png", "平林孝之")
    about = site.soup("en/about/").select_one(".about-portrait img.portrait")
    assert (about["src"], about["alt"]) == (
        "../../images/portrait.png",
        "Takayuki Hirabayashi",
    )
    assert (site.output / "images" / "portrait.png").is_file()


def test_a_portrait_that_is_not_there_stops_the_build(make_site):
    site = make_site({"posts/kiji.ja.md": POST}, SITE_PORTRAIT="images/me.jpg")
    assert site.returncode == 1
    assert 'settings: SITE_PORTRAIT "images/me.jpg": there is no such file' in site.log


# -- the default share image, one per language ------------------------------------


@pytest.mark.parametrize(
    ("url", "image"),
    [
        # Listings: posts and pages have cards of their own (share_cards).
        ("", "theme/images/og-default.ja.png"),
        ("tags/", "theme/images/og-default.ja.png"),
        ("en/", "theme/images/og-default.png"),
        ("en/tags/", "theme/images/og-default.png"),
    ],
)
def test_each_language_has_its_own_default_share_image(real_site, url, image):
    soup = real_site.soup(url)
    found = soup.select_one('meta[property="og:image"]')["content"]
    assert found.endswith("/" + image)
    assert real_site.path(image).is_file()
    width = soup.select_one('meta[property="og:image:width"]')["content"]
    assert width == "1200"
