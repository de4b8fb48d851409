"""Author files: notes stay out of the site, an empty Summary means "not given"."""

from authoring.authoring import drop_empty_fields, strip_author_notes
from bs4 import Comment
from conftest import ROOT

POST = """\
Title: メモのある記事
Date: 2026-11-24 10:00
Category: 人脈
Tags:
Summary:

<!--
メモ: 読者に見せない説明 SECRET-NOTE
-->

最初の段落です。<!-- 段落の中のメモ INLINE-NOTE --> 続きです。

```html
<!-- コードの中のコメントは本文 -->
```
"""


def test_strip_author_notes_removes_every_comment():
    html = "<!--\nnote\n-->\n<p>a <!-- b --> c</p><!--x-->"
    assert strip_author_notes(html) == "<p>a c</p>"


def test_drop_empty_fields_keeps_given_and_other_fields():
    metadata = {"summary": "", "title": "", "tags": []}
    drop_empty_fields(metadata)
    assert metadata == {"title": "", "tags": []}
    metadata = {"summary": "<p>紹介</p>"}
    drop_empty_fields(metadata)
    assert metadata == {"summary": "<p>紹介</p>"}


def test_notes_never_reach_the_built_page(make_site):
    site = make_site({"posts/notes.ja.md": POST})
    assert site.returncode == 0, site.log
    html = site.path("posts/notes/").read_text(encoding="utf-8")
    assert "SECRET-NOTE" not in html and "INLINE-NOTE" not in html
    body = site.soup("posts/notes/").select_one(".post-body")
    assert not body.find_all(string=lambda text: isinstance(text, Comment))
    assert body.select_one("p").get_text() == "最初の段落です。続きです。"
    code = body.select_one("pre code").get_text()
    assert "<!-- コードの中のコメントは本文 -->" in code


def test_an_empty_summary_gives_the_summary_from_the_body(make_site):
    site = make_site({"posts/notes.ja.md": POST})
    assert site.returncode == 0, site.log
    card = site.soup("").select_one(".post-card__summary")
    assert card is not None
    assert "最初の段落です。" in card.get_text()
    description = site.soup("posts/notes/").select_one('meta[name="description"]')
    assert "最初の段落です。" in description["content"]


def test_the_authoring_guides_are_not_site_content(real_site):
    assert (ROOT / "docs" / "authoring.ja.md").is_file()
    assert (ROOT / "docs" / "authoring.en.md").is_file()
    for page in real_site.pages():
        assert "authoring" not in page.relative_to(real_site.output).as_posix()
