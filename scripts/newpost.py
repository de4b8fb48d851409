"""Start a new post: `make newpost SLUG=my-topic [LANG=en] [TITLE="..."]`.

A Japanese post is created as `content/posts/<slug>.ja.md`; with LANG=en, its
English translation `content/posts/<slug>.en.md` is created beside it. Every
metadata field is filled in and explained in Japanese, in a note (an HTML
comment, which the `authoring` plugin keeps out of the built site). A new post
starts as a draft. An existing file is never overwritten.

Messages are for the author, in the language MESSAGES_LANG names in
pelicanconf.py (site_common.messages).
"""

import argparse
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pelican.settings import read_settings
from site_common.header import read_header as read_post_header
from site_common.languages import site_languages
from site_common.messages import Message, messages_language
from site_common.slugs import SLUG_PATTERN, slug_problem
from site_common.stubs import BODY_PLACEHOLDERS, TITLE_PLACEHOLDERS

ROOT = Path(__file__).resolve().parent.parent
POSTS_DIR = ROOT / "content" / "posts"
SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
JAPAN = ZoneInfo(SETTINGS["TIMEZONE"])  # the site's time zone: Japan's
LANGUAGES = site_languages(SETTINGS)
MESSAGES_LANG = messages_language(SETTINGS)
FALLBACK_CATEGORY = {"ja": "未分類", "en": "Uncategorized"}


class NewPostError(Exception):
    """A problem the author can fix: `message`, a Message (in English as str)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# -- pure functions ---------------------------------------------------------


def check_slug(slug):
    """Return the slug if it can be a post's address, else say what to change."""
    example = "make newpost SLUG=my-topic"
    if not slug:
        raise NewPostError(
            Message(
                "Give the post's SLUG (its address), for example: {example}",
                example=example,
            )
        )
    if not SLUG_PATTERN.fullmatch(slug):
        raise NewPostError(
            Message(
                'SLUG "{slug}" cannot be used: write it with lowercase ASCII '
                "letters, digits and single hyphens between them, for example: "
                "{example}",
                slug=slug,
                example=example,
            )
        )
    if slug_problem(slug, LANGUAGES):
        raise NewPostError(
            Message(
                'SLUG "{slug}" is a name the site uses for its own pages: choose '
                "another, for example: {example}",
                slug=slug,
                example=example,
            )
        )
    return slug


def check_lang(lang):
    if lang not in LANGUAGES:
        raise NewPostError(
            Message(
                'LANG "{lang}" is not known: leave it out (or LANG=ja) for a '
                "Japanese post, LANG=en for its English translation.",
                lang=lang,
            )
        )
    return lang


def clean_title(title):
    """One line of title text: a title cannot span lines in the metadata."""
    return " ".join(title.split())


def japan_time(moment):
    """A moment as the post's Date field writes it, in Japan's time zone."""
    return moment.astimezone(JAPAN).strftime("%Y-%m-%d %H:%M")


def post_path(posts_dir, slug, lang):
    return Path(posts_dir) / f"{slug}.{lang}.md"


def read_header(text):
    """The metadata lines at the top of a post, as {lowercased key: value}."""
    return read_post_header(text).as_dict()


def usual_category(headers):
    """The category most posts use, or None when no post has one."""
    counts = Counter(h["category"] for h in headers if h.get("category"))
    return counts.most_common(1)[0][0] if counts else None


def english_category(japanese_category, pairs):
    """The English category that translations of posts in this category use."""
    counts = Counter(
        en["category"]
        for ja, en in pairs
        if ja.get("category") == japanese_category and en.get("category")
    )
    return counts.most_common(1)[0][0] if counts else None


def tags_in_use(headers):
    """Every tag the posts use, in the order first met."""
    tags = (tag.strip() for h in headers for tag in h.get("tags", "").split(","))
    return list(dict.fromkeys(tag for tag in tags if tag))


def render_japanese_post(slug, title, date, category, categories_in_use, tags=()):
    """The text of a new Japanese post: metadata, then a note explaining it.

    A tag not used before needs its address: the build then stops and shows
    the one line to add to pelicanconf.py, ready to copy. The note says so,
    and lists the tags in use, which need nothing.
    """
    in_use = "、".join(categories_in_use) or "（まだありません）"
    tags_listed = "、".join(tags) or "（まだありません）"
    return f"""\
Title: {title or TITLE_PLACEHOLDERS["ja"]}
Date: {date}
Slug: {slug}
Lang: ja
Category: {category}
Tags:
Summary:
Status: draft

<!--
メモ: この枠の中は読者には表示されず、サイトにも含まれません。
書き終えたら消してもかまいません。

上の行は記事の情報です。「名前: 値」の形で1行に1つ書き、空行までが記事の情報です。
名前（Title など）は英語のまま変えずに、「:」の後ろの値だけを書き換えます。

・Title: 記事のタイトル。ページの見出し、一覧、ブラウザのタブ、
  SNSでのシェアに使われます。
・Date: 公開日時（日本時間、「年-月-日 時:分」）。作った時刻が入っています。
  書き換えてもかまいません。
・Slug: 記事のアドレスになります（posts/{slug}/）。ファイル名と同じにしてあり、
  英語版も同じ Slug を使います。公開した後は変えないでください。
・Lang: 記事の言語。日本語の記事は ja のままにします。
・Category: カテゴリを1つ。今あるカテゴリ: {in_use}
・Tags: タグ。「,」で区切っていくつでも書けます（例: 人脈, 勇気）。
  空のままでもかまいません。今あるタグ: {tags_listed}
  初めて使う日本語のタグは、アドレス（ローマ字）を1行決めます。ビルド
  （make html や make serve）がその行（例: "副業": "fukugyou",）を表示して
  止まるので、pelicanconf.py の JAPANESE_TEXT の "slugs" にそのまま写します。
・Summary: 一覧やSNSのシェアに出る1〜2文の紹介文。
  空のままなら本文の最初の部分が使われます。
・Status: draft は下書きです。プレビュー（make serve）には「下書き」の印つきで
  出ますが、公開はされません。
  公開するときは draft を published に書き換えます。

本文はこのメモの下に Markdown で書きます。書き方は docs/authoring.ja.md にあります。
-->

"""


def render_english_translation(slug, title, date, category, original):
    """The text of a new English translation of the Japanese post `original`.

    `original` holds the Japanese post's `path` and its metadata header.
    """
    return f"""\
Title: {title or TITLE_PLACEHOLDERS["en"]}
Date: {date}
Slug: {slug}
Lang: en
Translation: true
Category: {category}
Tags:
Summary:
Status: draft

<!--
メモ: この枠の中は読者には表示されず、サイトにも含まれません。
書き終えたら消してもかまいません。

これは次の日本語の記事の英語版（翻訳）です。
  原文: {original["path"]}
  原文のタイトル: {original.get("title") or "（なし）"}
  原文のカテゴリ: {original.get("category") or "（なし）"}
  原文のタグ: {original.get("tags") or "（なし）"}

・Title: 英語のタイトル。
・Date: 英語版を公開する日時（日本時間、「年-月-日 時:分」）。
・Slug: 日本語版と同じ {slug} です。この Slug で日本語版とつながるので、
  変えないでください。
・Lang: en のままにします。
・Translation: true は「日本語の記事の翻訳」という印です。このままにします。
・Category: 英語のカテゴリを1つ。
・Tags: 英語のタグ。「,」で区切っていくつでも書けます。空のままでもかまいません。
・Summary: 英語の紹介文。空のままなら本文の最初の部分が使われます。
・Status: draft のあいだは公開されません。訳し終えたら published に書き換えます。

訳し終えたら（日本語版を直して英語版も直したときも）、次のコマンドで
「英語版は最新」と記録します。make translations で翻訳の状況を一覧できます。
  make translated SLUG={slug}

本文はこのメモの下に英語で書きます。下の仮の文（{BODY_PLACEHOLDERS["en"]}）は
消して、訳文に書き換えます。仮のタイトルや仮の文が残ったまま published にすると、
ビルドが止まってお知らせします。書き方は docs/authoring.ja.md にあります。
-->

{BODY_PLACEHOLDERS["en"]}
"""


# -- files ------------------------------------------------------------------


def shown(path):
    """A path as the author sees it from the project folder."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def headers_by_slug(posts_dir, lang):
    """{slug: metadata header} of the posts in one language."""
    return {
        path.name.split(".")[0]: read_header(path.read_text(encoding="utf-8"))
        for path in sorted(Path(posts_dir).glob(f"*.{lang}.md"))
    }


def new_post_text(posts_dir, slug, lang, title, now):
    date = japan_time(now)
    japanese = headers_by_slug(posts_dir, "ja")
    if lang == "ja":
        in_use = sorted({h["category"] for h in japanese.values() if h.get("category")})
        category = usual_category(japanese.values()) or FALLBACK_CATEGORY["ja"]
        tags = tags_in_use(japanese.values())
        return render_japanese_post(slug, title, date, category, in_use, tags)

    original_path = post_path(posts_dir, slug, "ja")
    if slug not in japanese:
        raise NewPostError(
            Message(
                "The Japanese original {path} does not exist: create it first with "
                "make newpost SLUG={slug}",
                path=shown(original_path),
                slug=slug,
            )
        )
    original = {**japanese[slug], "path": shown(original_path)}
    english = headers_by_slug(posts_dir, "en")
    pairs = [(japanese[s], english[s]) for s in english if s in japanese]
    category = (
        english_category(original.get("category"), pairs) or FALLBACK_CATEGORY["en"]
    )
    return render_english_translation(slug, title, date, category, original)


def create_post(posts_dir, slug, lang="ja", title="", now=None):
    """Write the new post and return its path; never replace an existing file."""
    check_slug(slug)
    check_lang(lang)
    path = post_path(posts_dir, slug, lang)
    if path.exists():
        raise NewPostError(
            Message(
                "{path} already exists and was left as it is: open it to go on "
                "writing, or choose another SLUG.",
                path=shown(path),
            )
        )
    text = new_post_text(
        posts_dir, slug, lang, clean_title(title), now or datetime.now(JAPAN)
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as new_file:  # "x": fail if it exists
        new_file.write(text)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slug", default="")
    parser.add_argument("--lang", default="ja")
    parser.add_argument("--title", default="")
    parser.add_argument("--posts-dir", type=Path, default=POSTS_DIR)
    args = parser.parse_args(argv)
    try:
        path = create_post(args.posts_dir, args.slug.strip(), args.lang, args.title)
    except NewPostError as error:
        said = Message("Error: {message}", message=error.message)
        print(said.text(MESSAGES_LANG), file=sys.stderr)
        return 1
    except FileExistsError as error:  # written in between: said as above
        said = Message(
            "{path} already exists and was left as it is: open it to go on "
            "writing, or choose another SLUG.",
            path=shown(error.filename),
        )
        said = Message("Error: {message}", message=said)
        print(said.text(MESSAGES_LANG), file=sys.stderr)
        return 1
    created = Message("Created {path}. Preview: make serve", path=shown(path))
    print(created.text(MESSAGES_LANG))
    return 0


if __name__ == "__main__":
    sys.exit(main())
