"""admin/config.yml: what the CMS is told about the site.

Collections for posts and pages, one file per language (`<slug>.<lang>.md`,
as FILENAME_METADATA reads them), the fields the site uses in the order
`make newpost` writes them, the tags and categories the build found, and
images in the content folder's images/.
"""

import json
from pathlib import Path

from site_common.languages import site_languages
from site_common.slugs import SLUG_PATTERN

# The site's slug rule, written for the CMS's JavaScript.
SLUG_REGEX = f"^{SLUG_PATTERN.pattern}$"
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # the site's `Date:` (moment.js tokens)
FORMAT = "site-header"  # registered by files/site-format.js


def known_terms(contents, settings):
    """(tags, categories) the site knows: those of its posts, and the names
    in BILINGUAL (a tag's English twin among them), sorted."""
    tags, categories = set(), set()
    for content in contents:
        tags.update(str(tag) for tag in getattr(content, "tags", None) or ())
        category = getattr(content, "category", None)
        if category is not None and "posts" in Path(content.source_path).parts:
            categories.add(str(category))
    names = settings.get("BILINGUAL") or {}
    for source, kind in ((tags, "tag_names"), (categories, "category_names")):
        for name, twins in (names.get(kind) or {}).items():
            source.add(name)
            source.update(twins.values() if isinstance(twins, dict) else ())
    return sorted(tags), sorted(categories)


def post_fields(tags, categories, default_category):
    """The fields of a post, in the order `make newpost` writes them."""
    return [
        {"label": "タイトル", "name": "title", "widget": "string", "i18n": True},
        {
            "label": "日時（日本時間）",
            "name": "date",
            "widget": "datetime",
            "format": DATE_FORMAT,
            "date_format": "YYYY-MM-DD",
            "time_format": "HH:mm",
            "default": "{{now}}",
            "i18n": "duplicate",
        },
        slug_field(),
        {
            "label": "カテゴリ",
            "name": "category",
            "widget": "select",
            "options": categories,
            "default": default_category,
            "required": False,  # without one, a post is filed in DEFAULT_CATEGORY
            "i18n": True,
        },
        {
            "label": "タグ",
            "name": "tags",
            "widget": "select",
            "multiple": True,
            "options": tags,
            "required": False,
            "i18n": True,
        },
        summary_field(),
        {
            "label": "状態",
            "name": "status",
            "widget": "select",
            "options": [
                {"label": "下書き（公開しない）", "value": "draft"},
                {"label": "公開", "value": "published"},
            ],
            "default": "draft",
            "required": False,  # a post without one is published
            "i18n": True,
        },
        {
            "label": "シェア用の画像",
            "name": "image",
            "widget": "image",
            "required": False,
            "i18n": "duplicate",
        },
        {
            "label": "画像の説明（見えない人のために）",
            "name": "image_alt",
            "widget": "string",
            "required": False,
            "i18n": True,
        },
        body_field(),
    ]


def slug_field():
    return {
        "label": "スラッグ（アドレス。新しい記事では必ず入れます）",
        "name": "slug",
        "widget": "string",
        "hint": "半角の小文字・数字・ハイフンで（例: jinmyaku-no-tsukurikata）。"
        "新しい記事のファイル名になり、公開後は変えません。"
        "すでにある記事では空のままにします（ファイル名がアドレスです）。",
        # Not required: a post written before has none (its file name gives
        # the address) and must save unchanged. A new post takes its file name
        # from it: left empty, the CMS would write `.ja.md`.
        "required": False,
        "pattern": [SLUG_REGEX, "半角の小文字・数字・ハイフンだけで書きます"],
        "i18n": "duplicate",
    }


def summary_field():
    return {
        "label": "紹介文",
        "name": "summary",
        "widget": "text",
        "required": False,
        "i18n": True,
    }


def body_field():
    # Raw Markdown only: the rich-text mode rewrites the whole body on save
    # (list markers, line breaks), and a save must change only what was edited.
    return {
        "label": "本文",
        "name": "body",
        "widget": "markdown",
        "modes": ["raw"],
        "required": False,
        "i18n": True,
    }


def collection(name, label, folder, fields):
    return {
        "name": name,
        "label": label,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": FORMAT,
        # A new file is <slug>.<lang>.md, like every other (FILENAME_METADATA).
        "slug": "{{fields.slug}}",
        "identifier_field": "title",
        "summary": "{{title}}",
        "sortable_fields": ["date", "title"] if name == "posts" else ["title"],
        "i18n": True,
        "fields": fields,
    }


def cms_config(options, settings, tags, categories):
    """The CMS configuration (admin/config.yml) as a dict."""
    languages = list(site_languages(settings))
    backend = {"name": "github", "branch": options["branch"]}
    if options["github_repo"]:
        backend["repo"] = options["github_repo"]
    if options["auth_base_url"]:
        backend["base_url"] = options["auth_base_url"]
    content = Path(settings.get("PATH", "content")).name
    pages_fields = [
        {"label": "タイトル", "name": "title", "widget": "string", "i18n": True},
        slug_field(),
        summary_field(),
        body_field(),
    ]
    return {
        "backend": backend,
        "local_backend": {"url": options["local_backend_url"]},
        "locale": languages[0],
        "site_url": "/",
        "media_folder": f"{content}/images",
        "public_folder": "{static}/images",
        "i18n": {
            "structure": "multiple_files",
            "locales": languages,
            "default_locale": languages[0],
        },
        "collections": [
            collection(
                "posts",
                "記事",
                f"{content}/posts",
                post_fields(tags, categories, settings.get("DEFAULT_CATEGORY", "")),
            ),
            collection("pages", "固定ページ", f"{content}/pages", pages_fields),
        ],
    }


def config_text(config):
    """config.yml: JSON is YAML, and needs no YAML library to write."""
    return (
        "# Written by the build (plugins/admin/admin.py): edit the settings, "
        "not this file.\n" + json.dumps(config, ensure_ascii=False, indent=2) + "\n"
    )
