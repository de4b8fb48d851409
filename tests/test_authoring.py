"""Author files: notes stay out of the site, an empty Summary means "not given",
aligned table columns need no inline style."""

import runpy

import markdown
import pytest
from authoring.authoring import drop_empty_fields, with_extensions
from authoring.markdown_extensions import (
    REPORTER,
    AlignedTablesExtension,
    AuthorNotesExtension,
    unclosed_note_line,
)
from bs4 import BeautifulSoup, Comment
from conftest import (
    OTHER_POST,
    ROOT,
    SAVED_POST,
    quick_pass_and_full_build,
)
from site_common.markup_problems import problems_in

PLUGINS = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]

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

# Notes at the very start of the body, where Pelican cuts its summary from.
LISTED_JA = """\
Title: 一覧に載る記事
Date: 2026-11-20 10:00
Category: 人脈
Tags: 人脈

<!-- SECRET-JA-START 冒頭のメモ -->最初の段落です。<!-- SECRET-JA-INLINE -->続きです。

    <!-- インデントしたコードの中は本文 -->
"""
LISTED_EN = """\
Title: A listed post
Date: 2026-11-20 10:00
Category: 人脈
Tags: 人脈
Translation: true
Slug: listed
Summary: The summary <!-- SECRET-EN-SUMMARY --> says this.

<!--
SECRET-EN-START
-->
First paragraph. Use `<!--` in HTML to start a comment.
"""

FEEDS = {
    "FEED_ALL_RSS": "feeds/all.rss.xml",
    "CATEGORY_FEED_ATOM": "feeds/category/{slug}.atom.xml",
    "TAG_FEED_ATOM": "feeds/tag/{slug}.atom.xml",
    "RSS_FEED_SUMMARY_ONLY": False,
}


def convert(text):
    converter = markdown.Markdown(
        extensions=["extra", "meta", AuthorNotesExtension(), AlignedTablesExtension()],
        output_format="html5",
    )
    return converter.convert(text)


def test_notes_are_dropped_and_code_keeps_its_comment_text():
    html = convert(
        "<!--\nnote\n-->\n\na <!-- b --> c<!--x-->\n\n<div><!-- d -->kept</div>\n\n"
        "`<!-- e -->`\n\n    <!-- f -->\n"
    )
    soup = BeautifulSoup(html, "lxml")
    assert not soup.find_all(string=lambda text: isinstance(text, Comment))
    assert [p.get_text() for p in soup.select("body > p")] == ["a c", "<!-- e -->"]
    assert soup.select_one("div").get_text() == "kept"
    assert soup.select_one("pre code").get_text() == "<!-- f -->\n"
    assert "<p></p>" not in html


def test_an_unclosed_note_leaves_a_marker_naming_its_line():
    html = convert("Title: x\n\nFirst.\n\n`<!--` in code\n\n<!-- never closed\n\nmore")
    problems = problems_in(html, REPORTER, "content/posts/x.ja.md")
    assert len(problems) == 1
    assert problems[0].message.startswith("line 7: the author's note '<!--'")


def test_unclosed_note_line_tells_a_note_from_code():
    lines = ["`<!--` code", "", "<!-- the note"]
    assert unclosed_note_line(lines, " the note") == 3
    assert unclosed_note_line(lines) == 1
    assert unclosed_note_line(["<!-- a -->"]) is None


def test_aligned_columns_get_classes_not_styles():
    html = convert("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n")
    soup = BeautifulSoup(html, "lxml")
    assert not soup.select("[style]")
    for row in soup.select("tr"):
        cells = row.select("th, td")
        assert [cell.get("class") for cell in cells] == [
            ["align-left"],
            ["align-center"],
            ["align-right"],
            None,
        ]


def test_the_extensions_are_added_once():
    once = with_extensions({"extensions": ["extra"]})
    twice = with_extensions(once)
    kinds = [type(extension) for extension in twice["extensions"][1:]]
    assert twice["extensions"][0] == "extra"
    assert kinds == [AuthorNotesExtension, AlignedTablesExtension]


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


@pytest.mark.parametrize("position", ["first", "last"])
def test_notes_never_reach_listings_or_feeds(make_site, position):
    others = [name for name in PLUGINS if name != "authoring"]
    plugins = ["authoring", *others] if position == "first" else [*others, "authoring"]
    site = make_site(
        {"posts/listed.ja.md": LISTED_JA, "posts/listed.en.md": LISTED_EN},
        PLUGINS=plugins,
        **FEEDS,
    )
    assert site.returncode == 0, site.log
    written = [
        path
        for path in sorted(site.output.rglob("*"))
        if path.suffix in {".html", ".xml", ".json", ".txt"}
    ]
    for path in written:
        assert "SECRET-" not in path.read_text(encoding="utf-8"), path

    # The listings and feeds do show the posts' summaries and text.
    home = site.soup("").select_one(".post-card__summary").get_text()
    assert "最初の段落です。" in home and "続きです。" in home
    assert "The summary says this." in site.soup("en/").get_text(" ")
    for listing in ("archives/", "en/archives/"):
        assert site.soup(listing).select('.archive-list a[href$="posts/listed/"]')
    for tag_page in ("tag/jinmyaku/", "en/tag/connections/"):
        summary = site.soup(tag_page).select_one(".post-card__summary").get_text()
        assert "最初の段落です。" in summary or "The summary says this." in summary
    feeds = {
        p.relative_to(site.output).as_posix(): p for p in written if p.suffix == ".xml"
    }
    assert {"feeds/all.atom.xml", "en/feeds/all.atom.xml", "feeds/all.rss.xml"} <= set(
        feeds
    )
    atom = feeds["feeds/all.atom.xml"].read_text(encoding="utf-8")
    assert "最初の段落です。" in atom
    # Code keeps `<!--` as text.
    post_en = site.soup("en/posts/listed/").select_one(".post-body code").get_text()
    assert post_en == "<!--"
    post_ja = site.soup("posts/listed/").select_one(".post-body pre code").get_text()
    assert "<!-- インデントしたコードの中は本文 -->" in post_ja


def test_an_unclosed_note_is_refused_naming_file_and_line(make_site):
    text = (
        "Title: 閉じないメモ\nDate: 2026-11-24\n\n本文です。\n\n<!-- 閉じ忘れ\n\n続き\n"
    )
    site = make_site({"posts/unclosed.ja.md": text})
    assert site.returncode == 1, site.log
    errors = [line for line in site.log.splitlines() if line.startswith("ERROR:")]
    assert errors == [
        "ERROR: content/posts/unclosed.ja.md: line 6: the author's note '<!--' "
        "is never closed: end it with '-->'"
    ], site.log
    assert "Traceback" not in site.log


def test_an_unclosed_note_in_the_summary_is_refused(make_site):
    text = (
        "Title: 閉じないメモ\nDate: 2026-11-24\nSummary: 紹介 <!-- 閉じ忘れ\n\n本文\n"
    )
    site = make_site({"posts/unclosed.ja.md": text})
    assert site.returncode == 1, site.log
    assert "ERROR: content/posts/unclosed.ja.md: line 1: the author's note" in site.log


def test_aligned_table_columns_are_styled_by_class(make_site):
    table = "| 項目 | 金額 |\n|:-:|--:|\n| 交通費 | 1,200 |\n"
    text = f"Title: 表\nDate: 2026-11-24\n\n{table}"
    site = make_site({"posts/table.ja.md": text})
    assert site.returncode == 0, site.log
    body = site.soup("posts/table/").select_one(".post-body")
    assert not body.select("[style]")
    assert [td["class"] for td in body.select("td")] == [
        ["align-center"],
        ["align-right"],
    ]
    css = (ROOT / "theme" / "static" / "css" / "style.css").read_text(encoding="utf-8")
    for side in ("left", "center", "right"):
        assert f".align-{side} {{\n  text-align: {side};\n}}" in css


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


def test_a_quick_pass_reports_the_unclosed_notes_of_the_file_it_writes(tmp_path):
    """A quick pass (site_common.quick_pass) checks the files it writes; a
    full build, every one."""
    text = "Title: 閉じないメモ\nDate: 2026-11-24\n\n本文です。\n\n<!-- 閉じ忘れ\n"
    (quick_status, quick), (full_status, full) = quick_pass_and_full_build(
        tmp_path, text, "is never closed"
    )
    assert quick_status == 1 and SAVED_POST in quick
    assert full_status == 1
    assert sorted(full) == [OTHER_POST, SAVED_POST]
