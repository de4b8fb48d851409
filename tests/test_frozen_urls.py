"""URLs computed once per build, and the same as Pelican computes them."""

from frozen_urls.frozen_urls import freeze_urls
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG

SETTINGS = {
    **DEFAULT_CONFIG,
    "ARTICLE_URL": "posts/{slug}/",
    "ARTICLE_LANG_URL": "{lang}/posts/{slug}/",
    "DEFAULT_LANG": "ja",
}


def article(slug, lang):
    metadata = {"title": slug, "slug": slug, "lang": lang}
    return Article("<p>text</p>", metadata=metadata, settings=SETTINGS)


def test_a_frozen_url_is_the_one_pelican_computed():
    japanese, english = article("jinmyaku", "ja"), article("jinmyaku", "en")
    expected = [japanese.url, english.url]
    freeze_urls([japanese, english])
    assert (
        [japanese.url, english.url]
        == expected
        == [
            "posts/jinmyaku/",
            "en/posts/jinmyaku/",
        ]
    )


def test_a_frozen_url_is_not_computed_again():
    post = article("first", "ja")
    freeze_urls([post])
    post.slug = "changed"  # nothing changes a slug after the generators ran
    assert post.url == "posts/first/"
    assert article("changed", "ja").url == "posts/changed/"
