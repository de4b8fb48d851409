"""Starting a post with `make newpost`, and drafts: in the preview, never published."""

from datetime import UTC, datetime

import newpost
import pytest
import serve
from conftest import build_site, run_make

# What a publishing build does with drafts (publishconf.py sets the same).
PUBLISH_DRAFT_SETTINGS = {"DRAFT_SAVE_AS": "", "DRAFT_LANG_SAVE_AS": ""}


# -- pure functions ---------------------------------------------------------


@pytest.mark.parametrize("slug", ["my-topic", "post2", "a", "2026-11-jinmyaku"])
def test_good_slugs_are_accepted(slug):
    assert newpost.check_slug(slug) == slug


@pytest.mark.parametrize(
    "slug",
    ["", "My-Topic", "my topic", "my_topic", "-my", "my-", "my--topic", "人脈", "é"],
)
def test_bad_slugs_are_refused_with_an_example(slug):
    with pytest.raises(newpost.NewPostError) as refused:
        newpost.check_slug(slug)
    assert "make newpost SLUG=my-topic" in str(refused.value)


@pytest.mark.parametrize("slug", ["en", "tags", "drafts", "archives", "feeds"])
def test_slugs_the_site_uses_for_its_own_pages_are_refused(slug):
    with pytest.raises(newpost.NewPostError) as refused:
        newpost.check_slug(slug)
    assert "サイトが自分のページに使う名前" in refused.value.message.text("ja")
    assert f'SLUG "{slug}" is a name the site uses for its own pages' in str(
        refused.value
    )


def test_date_is_written_in_japan_time():
    moment = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
    assert newpost.japan_time(moment) == "2026-11-25 00:30"


def test_header_is_read_up_to_the_first_blank_line():
    text = "Title: 題: 副題\nTags: a, b\nStatus: draft\n\nKey: not metadata\n"
    assert newpost.read_header(text) == {
        "title": "題: 副題",
        "tags": "a, b",
        "status": "draft",
    }


def test_japanese_post_fills_every_field_and_starts_as_a_draft():
    text = newpost.render_japanese_post(
        "my-topic",
        "人脈の話",
        "2026-11-24 10:00",
        "人脈",
        ["人脈", "キャリア"],
        ["人脈", "勇気"],
    )
    assert newpost.read_header(text) == {
        "title": "人脈の話",
        "date": "2026-11-24 10:00",
        "slug": "my-topic",
        "lang": "ja",
        "category": "人脈",
        "tags": "",
        "summary": "",
        "status": "draft",
    }
    body = text.split("\n\n", 1)[1]
    assert body.lstrip().startswith("<!--") and body.rstrip().endswith("-->")
    for field in ("Title", "Date", "Slug", "Lang", "Category", "Tags", "Summary"):
        assert f"・{field}:" in body, field
    assert "人脈、キャリア" in body  # the categories in use
    assert "今あるタグ: 人脈、勇気" in body
    assert 'JAPANESE_TEXT の "slugs"' in body  # where a new tag's line goes


def test_tags_in_use_are_listed_once_in_the_order_met():
    headers = [{"tags": "人脈, 勇気"}, {"tags": "勇気,キャリア, "}, {"title": "x"}]
    assert newpost.tags_in_use(headers) == ["人脈", "勇気", "キャリア"]


def test_translation_points_to_its_original_and_is_marked_as_one():
    original = {"path": "content/posts/my-topic.ja.md", "title": "人脈の話"}
    text = newpost.render_english_translation(
        "my-topic", "", "2026-11-24 10:00", "Connections", original
    )
    header = newpost.read_header(text)
    assert header["translation"] == "true"
    assert header["slug"] == "my-topic"
    assert header["lang"] == "en"
    assert header["title"] == newpost.TITLE_PLACEHOLDERS["en"]
    assert header["status"] == "draft"
    assert "content/posts/my-topic.ja.md" in text and "人脈の話" in text
    assert "make translated SLUG=my-topic" in text


def test_translation_takes_the_category_other_translations_use():
    pairs = [
        ({"category": "人脈"}, {"category": "Connections"}),
        ({"category": "キャリア"}, {"category": "Career"}),
    ]
    assert newpost.english_category("人脈", pairs) == "Connections"
    assert newpost.english_category("未知", pairs) is None


def test_titles_are_kept_on_one_line():
    assert newpost.clean_title("  長い\nタイトル\t です ") == "長い タイトル です"


def test_an_existing_post_is_never_overwritten(tmp_path):
    existing = tmp_path / "my-topic.ja.md"
    existing.write_text("Title: 書きかけ\n\n大事な本文\n", encoding="utf-8")
    with pytest.raises(newpost.NewPostError, match="already exists"):
        newpost.create_post(tmp_path, "my-topic")
    assert existing.read_text(encoding="utf-8") == "Title: 書きかけ\n\n大事な本文\n"


def test_a_translation_needs_its_original(tmp_path):
    with pytest.raises(newpost.NewPostError, match="make newpost SLUG=my-topic"):
        newpost.create_post(tmp_path, "my-topic", lang="en")
    assert list(tmp_path.iterdir()) == []


# -- make newpost in a copy of the project ----------------------------------


def test_make_newpost_writes_a_japanese_draft_then_its_translation(project_copy):
    posts = project_copy / "content" / "posts"
    made = run_make(project_copy, "newpost", "SLUG=my-topic", 'TITLE=A "B" & $$C')
    assert made.returncode == 0, made.stdout + made.stderr
    header = newpost.read_header((posts / "my-topic.ja.md").read_text("utf-8"))
    assert header["title"] == 'A "B" & $C'
    assert header["category"] == "人脈"  # the category the existing post uses
    assert header["status"] == "draft"

    made = run_make(project_copy, "newpost", "SLUG=my-topic", "LANG=en")
    assert made.returncode == 0, made.stdout + made.stderr
    header = newpost.read_header((posts / "my-topic.en.md").read_text("utf-8"))
    assert header["lang"] == "en" and header["translation"] == "true"
    assert header["category"] == "Connections"


def test_make_newpost_without_lang_writes_japanese_whatever_the_locale(
    project_copy,
):
    made = run_make(
        project_copy, "newpost", "SLUG=my-topic", environment={"LANG": "en_US.UTF-8"}
    )
    assert made.returncode == 0, made.stderr
    assert (project_copy / "content" / "posts" / "my-topic.ja.md").is_file()
    assert not (project_copy / "content" / "posts" / "my-topic.en.md").exists()


def test_make_newpost_refuses_to_overwrite(project_copy):
    post = project_copy / "content" / "posts" / "jinmyaku-zukuri.ja.md"
    before = post.read_bytes()
    made = run_make(project_copy, "newpost", "SLUG=jinmyaku-zukuri")
    assert made.returncode != 0
    assert "content/posts/jinmyaku-zukuri.ja.md" in made.stderr
    assert "もうあります。上書きはしません" in made.stderr  # Japanese by default
    assert post.read_bytes() == before


@pytest.mark.parametrize("arguments", [[], ["SLUG=My Topic"], ["SLUG=my_topic"]])
def test_make_newpost_refuses_a_bad_slug_and_writes_nothing(project_copy, arguments):
    posts = project_copy / "content" / "posts"
    before = sorted(posts.iterdir())
    made = run_make(project_copy, "newpost", *arguments)
    assert made.returncode != 0
    assert "SLUG" in made.stderr and "make newpost SLUG=my-topic" in made.stderr
    assert sorted(posts.iterdir()) == before


# -- drafts: in the preview, never in a published build ---------------------


@pytest.fixture
def project_with_draft(project_copy):
    made = run_make(project_copy, "newpost", "SLUG=draft-topic", "TITLE=下書きの記事")
    assert made.returncode == 0, made.stderr
    post = project_copy / "content" / "posts" / "draft-topic.ja.md"
    with post.open("a", encoding="utf-8") as text:
        text.write("まだ書きかけの本文。\n")
    return project_copy


def test_preview_lists_the_draft_and_marks_it(project_with_draft, tmp_path):
    site = build_site(
        project_with_draft / "content", tmp_path / "preview", **serve.PREVIEW_SETTINGS
    )
    assert site.returncode == 0, site.log
    draft = site.soup("drafts/draft-topic/")
    assert draft.select_one("h1").get_text(strip=True) == "下書きの記事"
    assert draft.select_one(".post-header .draft-badge")
    assert "まだ書きかけの本文。" in draft.select_one(".post-body").get_text()

    home = site.soup("")
    listed = home.select(".draft-list a")
    assert [a.get_text(strip=True) for a in listed] == ["下書きの記事"]
    assert listed[0]["href"].rstrip("/").endswith("drafts/draft-topic")
    post_links = [a["href"] for a in home.select(".post-card__title a")]
    assert not any("draft-topic" in href for href in post_links)


def test_no_other_page_than_the_home_lists_drafts(project_with_draft, tmp_path):
    site = build_site(
        project_with_draft / "content", tmp_path / "preview", **serve.PREVIEW_SETTINGS
    )
    listing = [
        page.relative_to(site.output).as_posix()
        for page in site.pages()
        if site.soup(page.relative_to(site.output).as_posix()).select(".draft-list")
    ]
    assert listing == ["index.html"]


def test_a_publishing_build_has_no_trace_of_the_draft(project_with_draft, tmp_path):
    site = build_site(
        project_with_draft / "content", tmp_path / "publish", **PUBLISH_DRAFT_SETTINGS
    )
    assert site.returncode == 0, site.log
    assert not (site.output / "drafts").exists()
    for page in site.pages():
        text = page.read_text(encoding="utf-8")
        assert "下書きの記事" not in text and "draft-topic" not in text, page
    assert not site.soup("").select(".draft-list, .draft-badge")


def test_a_published_post_has_no_draft_badge(real_site):
    soup = real_site.soup("posts/jinmyaku-zukuri/")
    assert soup.select_one(".post-header")
    assert not soup.select(".draft-badge")
