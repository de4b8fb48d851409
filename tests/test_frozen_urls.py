"""URLs computed once per build, and the same as Pelican computes them."""

from types import SimpleNamespace

from frozen_urls.frozen_urls import freeze_generated_urls, freeze_urls
from pelican.contents import Article, Page
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


def test_every_post_and_page_read_in_the_build_is_frozen():
    draft = article("draft", "ja")
    draft.status = "draft"
    page = Page("<p>about</p>", metadata={"title": "About"}, settings=SETTINGS)
    generated = {
        "posts/a.ja.md": article("a", "ja"),
        "posts/a.en.md": article("a", "en"),
        "posts/draft.ja.md": draft,
        "pages/about.ja.md": page,
        "posts/broken.ja.md": None,  # a file Pelican could not read
    }
    generators = [SimpleNamespace(context={"generated_content": generated})]
    freeze_generated_urls(generators)
    frozen = {
        path: content.override_url
        for path, content in generated.items()
        if hasattr(content, "override_url")
    }
    assert frozen == {
        "posts/a.ja.md": "posts/a/",
        "posts/a.en.md": "en/posts/a/",
        "posts/draft.ja.md": "drafts/draft.html",
        "pages/about.ja.md": page.url,
    }
