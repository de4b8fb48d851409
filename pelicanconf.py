"""Settings for the local preview build (`make html`, `make serve`).

Production settings live in publishconf.py, which starts from these.
"""

import os

from markdown.extensions.toc import slugify_unicode

AUTHOR = "平林孝之"
SITENAME = "Life Integration Coaching Lab."
SITESUBTITLE = (
    "仕事と生活/バラバラなキャリア/バラバラな心身という"
    "「人生迷路」な人の道を見つけるライフコーチング"
)
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "content_checks",  # first: checks settings and content before anything else
    "japanese_text",
    "bilingual",
    "social",
    "share_cards",
    "authoring",
    "images",
    "publishing",
    "build_speed",
    "reading_paths",
    "admin",
    "search",  # indexes the built site with Pagefind, once Pelican has written it
]

# A post without a Category: line is filed here (not under its folder's name).
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "未分類"

TIMEZONE = "Asia/Tokyo"
DEFAULT_LANG = "ja"
# The languages posts are written in, the one place they are listed: the
# default language at the site's root, each other one in its folder (/en/).
LANGUAGES = ("ja", "en")
# The language of the build's and the scripts' messages to the author ("ja" or
# "en"); left out, it is DEFAULT_LANG.
MESSAGES_LANG = "ja"
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

# Posts are named <slug>.<lang>.md: the file name gives the slug and the language,
# which is how a post and its translation find each other.
FILENAME_METADATA = r"(?P<slug>[^.]+)\.(?P<lang>[^.]+)"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_TRANSLATION_ID = "slug"

# Japanese at the site root, English under /en/.
ARTICLE_URL = "posts/{slug}/"
ARTICLE_SAVE_AS = "posts/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/posts/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/posts/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "{lang}/drafts/{slug}/"
DRAFT_LANG_SAVE_AS = "{lang}/drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# The search page (theme/templates/search.html), in each language like the
# listings: /search/, /en/search/. plugins/search indexes the site for it.
DIRECT_TEMPLATES = ["index", "tags", "categories", "authors", "archives", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""

INDEX_URL = ""
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are written by publishconf.py; a preview does not need them.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        # A numbered list after a bulleted one stays a numbered list.
        "markdown.extensions.sane_lists": {},
        # Heading anchors keep Japanese words (#1-人脈は勇気から生まれる),
        # where the default would reduce a Japanese heading to "_1".
        "markdown.extensions.toc": {"slugify": slugify_unicode},
    },
    "output_format": "html5",
}

JINJA_ENVIRONMENT = {
    "autoescape": True,  # content and summaries are marked |safe where rendered
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": ["jinja2.ext.i18n"],
    # Every build makes a new Jinja environment, so templates need not be checked
    # for changes while one runs: this saves a file check at every include.
    "auto_reload": False,
}

# The author, shown on every page and in the author box of each post.
SITE_AUTHOR = {
    "name": {"ja": "平林孝之", "en": "Takayuki Hirabayashi"},
    "role": {"ja": "パラレルキャリアコーチ", "en": "Parallel-career coach"},
}
SITE_TAGLINE = {
    "ja": SITESUBTITLE,
    "en": (
        "Life coaching that finds a way through the \u201clife maze\u201d of "
        "work and life, a scattered career, and a scattered mind and body"
    ),
}

# Bilingual site: Japanese at the root, English under /en/ (plugins/bilingual).
# Known counterparts of tags, categories and authors let the language toggle
# lead from a Japanese tag page straight to its English twin.
BILINGUAL = {
    "tag_names": {
        "人脈": {"en": "connections"},
        "勇気": {"en": "courage"},
        "キャリア": {"en": "career"},
    },
    "category_names": {
        "人脈": {"en": "Connections"},
        DEFAULT_CATEGORY: {"en": "Uncategorized"},
    },
    "author_names": {"平林孝之": {"en": "Takayuki Hirabayashi"}},
}

# -- Publishing (plugins/publishing): 404 pages, robots.txt, _headers, CNAME --
# Defaults and the meaning of each key are in plugins/publishing/publishing.py;
# publishconf.py fills in "custom_domain" from the CUSTOM_DOMAIN variable.
PUBLISHING = {
    "not_found_page": "404.html",  # in each language's folder: 404.html, en/404.html
    "custom_domain": "",
    # Pagefind's search runs WebAssembly: allowed on the search pages only.
    "page_policies": {"search/": "script-src 'self' 'wasm-unsafe-eval'"},
}

# -- Social: profiles, share links, social and search metadata (plugins/social) --
# Every key is explained in docs/how-it-works.md ("Social links and metadata");
# the plugin holds the defaults and stops the build when a value cannot be used.
SOCIAL = {
    # Canonical and share URLs are absolute. Empty: SITEURL when it is absolute
    # (publishconf.py); a preview uses "preview_site_url", http://127.0.0.1:8000.
    "site_url": "",
    "x_handle": "MHeartstrings",
    "facebook_url": "",  # the author's Facebook profile; empty leaves the link out
    "author_bio": {
        "ja": (
            "日本でレコード会社、DVDの卸バイヤー、新規事業の立ち上げを経て、"
            "現在は北京で事業を営む。"
        ),
        "en": (
            "In Japan he worked for a record company, as a wholesale buyer of "
            "DVDs and on the start-up of a new business; he now runs a business "
            "in Beijing."
        ),
    },
    # Shown when a shared page has no image of its own (`Image:` in a post): a
    # file in theme/static/ per language, drawn from scripts/og-default.ja.html
    # and og-default.html (`make og-image`).
    "default_image": {
        "path": {"ja": "images/og-default.ja.png", "en": "images/og-default.png"},
        "alt": {
            "ja": "Life Integration Coaching Lab.（パラレルキャリアコーチ 平林孝之）",
            "en": "Life Integration Coaching Lab. (Takayuki Hirabayashi, "
            "parallel-career coach)",
        },
    },
    # Addresses of [words][name] links in posts; empty keeps the words, unlinked.
    "links": {
        "beijing-blog": "",  # the author's Beijing-life blog (address not known)
    },
}

# -- Reading paths and consultation (plugins/reading_paths) -------------------
# Posts get a table of contents, previous/next and related posts; every post
# ends with a call to book a session on the consultation page
# (content/pages/consultation.*.md), which lists the ways to get in touch
# below. Each is a plain link; an empty one is left out.
CONSULTATION = {
    "booking_url": "",  # a booking or form address (https://...)
    "email": "",  # an e-mail address
    # Where a direct message starts: the profile (its Message button), or
    # https://x.com/messages/compose?recipient_id=<the account's number>.
    "x_dm_url": "https://x.com/MHeartstrings",
    "line_url": "",  # the LINE official account (https://lin.ee/...)
}
# The coach's portrait: a file in content/images/ (e.g. "images/portrait.jpg"),
# shown in the author box and on About; empty shows a drawn placeholder.
SITE_PORTRAIT = ""

# -- Share cards (plugins/share_cards) ---------------------------------------
# Every post and page gets its own share image (og:image), its title set in
# Noto Sans CJK JP (Debian's fonts-noto-cjk, which `make html` installs).
# Defaults and the meaning of each key are in plugins/share_cards/share_cards.py.
SHARE_CARDS = {
    "alt": {
        "ja": "{title}（{site}・{author}）",
        "en": "{title} ({site}, {author})",
    },
}

# -- Content checks (plugins/content_checks) ----------------------------------
# Every build checks the settings and every post first, names each problem (file
# first) and fails; see docs/messages.md. Options not given here keep the
# plugin's defaults (DEFAULT_OPTIONS in content_checks.py); the languages are
# LANGUAGES above.
CONTENT_CHECKS = {
    # Settings that hold web addresses: each must be empty or a full https:// URL.
    "url_settings": ["SITEURL", "FEED_DOMAIN", "LINKS"],
    # Categories posts may use; None allows any.
    "categories": None,
}

# -- Author workflow: drafts in the preview, image sizes ----------------------
# `make serve` builds with PREVIEW_DRAFTS on: drafts (Status: draft) are then
# listed on the home page, marked as drafts. Every other build leaves it off,
# so drafts are never listed where readers could find them.
PREVIEW_DRAFTS = False
# Images wider than max_width pixels are resized in the output (the file in
# content/images/ is never changed); quality is the JPEG/WebP quality, 1-95.
IMAGES = {"max_width": 1600, "quality": 85}

# -- Japanese text (plugins/japanese_text) -----------------------------------
# Line breaks inside Japanese paragraphs vanish, Japanese names get romaji
# slugs, posts get a reading time, and summaries nobody wrote are cut by
# characters (Japanese) or words (English). Defaults are in the plugin.
JAPANESE_TEXT = {
    # The address of every Japanese tag, category and author name. A build with
    # a Japanese name missing here stops and prints the line to add.
    "slugs": {
        "平林孝之": "hirabayashi-takayuki",
        "未分類": "mibun-rui",
        "人脈": "jinmyaku",
        "勇気": "yuuki",
        "キャリア": "kyaria",
        "書き方": "kakikata",
    },
    "summary_chars": 120,  # Japanese summaries, in characters
    "summary_words": 50,  # English summaries, in words
    "summary_suffix": "…",  # ends a summary cut inside a sentence
    "chars_per_minute": 500,  # Japanese reading speed
    "words_per_minute": 230,  # English reading speed
}

# -- Build speed (plugins/build_speed; docs/performance.md) ------------------
# Each piece saves work and changes no output; False turns one off.
BUILD_SPEED = {
    "shared_environment": True,  # one Jinja environment for all generators
    "fragment_cache": True,  # post cards, navigation... rendered once per build
    "reused_converter": True,  # one Markdown converter, reset for each file
}

# -- Writing in the browser (plugins/admin; docs/browser.ja.md) ---------------
# The CMS at /admin/ commits to this GitHub repository ("owner/name"); GitHub
# Actions names it in GITHUB_REPOSITORY. On 127.0.0.1 it edits the files of
# this checkout through decap-server instead (`make cms`).
ADMIN = {"github_repo": os.environ.get("GITHUB_REPOSITORY", "")}
