"""The theme's gettext callables: Jinja's "new style" gettext, per page language."""

from io import BytesIO

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import Translations
from bilingual.bilingual import make_template_helpers
from jinja2 import Environment


def japanese_catalog():
    catalog = Catalog(locale="ja")
    catalog.add("Share", "共有")
    catalog.add(
        "Page %(number)s of %(total)s", "%(total)s ページ中 %(number)s ページ目"
    )
    catalog.add(("%(num)s post", "%(num)s posts"), ("%(num)s 件",))
    catalog.add("100%% sure", "100%% 確か")
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def environment():
    """An environment set up as the bilingual plugin sets up the site's."""
    helpers = make_template_helpers({"ja": japanese_catalog()}, "ja")
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.newstyle_gettext = True
    env.globals.update(
        _=helpers["gettext"], gettext=helpers["gettext"], ngettext=helpers["ngettext"]
    )
    return env


def render(source, lang, **context):
    return environment().from_string(source).render(page_lang=lang, **context)


def test_messages_follow_the_page_language():
    assert render("{{ _('Share') }}", "ja") == "共有"
    assert render("{{ _('Share') }}", "en") == "Share"


def test_variables_are_escaped_and_the_message_is_not():
    source = "{{ _('Page %(number)s of %(total)s', number=2, total=total) }}"
    assert render(source, "ja", total="<b>") == "&lt;b&gt; ページ中 2 ページ目"
    assert render(source, "en", total="<b>") == "Page 2 of &lt;b&gt;"


def test_a_message_is_always_a_format_string():
    assert render("{{ _('100%% sure') }}", "ja") == "100% 確か"
    assert render("{{ _('100%% sure') }}", "en") == "100% sure"


def test_plurals_and_trans_blocks_use_the_same_callables():
    assert render("{{ ngettext('%(num)s post', '%(num)s posts', 3) }}", "ja") == "3 件"
    assert (
        render("{{ ngettext('%(num)s post', '%(num)s posts', 1) }}", "en") == "1 post"
    )
    assert render("{% trans %}Share{% endtrans %}", "ja") == "共有"
    source = "{% trans n=count %}{{ n }} post{% pluralize %}{{ n }} posts{% endtrans %}"
    assert render(source, "en", count=2) == "2 posts"
