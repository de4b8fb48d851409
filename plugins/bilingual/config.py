"""The BILINGUAL setting: its defaults, what each key must be, how it is read.

The site's languages are not here: they are the one top-level setting
LANGUAGES, read with `site_common.languages.site_languages`.
"""

from site_common.languages import lang_prefix
from site_common.options import Rule, is_text, read_options

SETTING = "BILINGUAL"

DEFAULTS = {
    # Atom feed of each language, under that language's folder; "" for none.
    "feed_atom": "feeds/all.atom.xml",
    # The sitemap, at the site's root; "" for none. Other plugins find it in
    # the build's context (`SITEMAP_CONTEXT_KEY`), so it is named only here.
    "sitemap": "sitemap.xml",
    # Known counterparts of taxonomy names: {default-language name: {lang: name}}.
    "tag_names": {},
    "category_names": {},
    "author_names": {},
}

# The build's context holds the sitemap's path (relative to the site's root)
# once the bilingual plugin knows it will write one.
SITEMAP_CONTEXT_KEY = "sitemap_save_as"

TAXONOMY_SETTINGS = ("TAG", "CATEGORY", "AUTHOR")
TAXONOMY_KINDS = ("tag", "category", "author")


def is_name_map(value):
    """{name: {language: name}}, as tag_names and the like are written."""
    return isinstance(value, dict) and all(
        isinstance(names, dict) for names in value.values()
    )


NAME_MAP = Rule(
    is_name_map,
    'a dict of {name: {language: name}}, e.g. {"人脈": {"en": "connections"}}',
)
RULES = {
    "feed_atom": Rule(is_text, 'a path such as "feeds/all.atom.xml", or ""'),
    "sitemap": Rule(is_text, 'a path such as "sitemap.xml", or ""'),
    "tag_names": NAME_MAP,
    "category_names": NAME_MAP,
    "author_names": NAME_MAP,
}


def read_bilingual(settings):
    """(options, problems) of the BILINGUAL setting, over its defaults."""
    return read_options(settings, SETTING, DEFAULTS, RULES)


def bilingual_options(settings):
    """The options the build runs with (problems were reported at start-up)."""
    return read_bilingual(settings)[0]


def taxonomy_names(options):
    """{kind: {default-language name: {lang: name}}} for tags, categories, authors."""
    return {kind: options[f"{kind}_names"] for kind in TAXONOMY_KINDS}


def lang_settings(settings, lang):
    """Settings whose tag, category and author addresses live in `lang`'s folder."""
    prefix = lang_prefix(lang, settings["DEFAULT_LANG"])
    localized = dict(settings)
    for name in TAXONOMY_SETTINGS:
        for suffix in ("URL", "SAVE_AS"):
            key = f"{name}_{suffix}"
            localized[key] = prefix + settings[key]
    return localized
