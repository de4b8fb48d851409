"""The theme's gettext callables (Jinja's "new style" gettext, per page language)
and dates."""

from datetime import UTC, datetime, timedelta, timezone
from io import BytesIO
from types import SimpleNamespace

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations
from bilingual.interface import install_gettext, long_date, make_template_helpers
from jinja2 import Environment, pass_context


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


def environment(jinja_install=False):
    """An environment set up as the bilingual plugin sets up the site's, or
    (`jinja_install`) with the same catalogs installed by Jinja's own i18n
    extension, whose results ours must give."""
    catalogs = {"ja": japanese_catalog()}
    helpers = make_template_helpers(catalogs, "ja")
    generator = SimpleNamespace(
        env=Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    )
    install_gettext(generator.env, helpers)
    if jinja_install:

        @pass_context
        def plain_gettext(context, message):
            return catalogs.get(context["page_lang"], NullTranslations()).gettext(
                message
            )

        @pass_context
        def plain_ngettext(context, singular, plural, n):
            catalog = catalogs.get(context["page_lang"], NullTranslations())
            return catalog.ngettext(singular, plural, n)

        generator.env.install_gettext_callables(
            plain_gettext, plain_ngettext, newstyle=True
        )
    return generator.env


def render(source, lang, **context):
    ours = environment().from_string(source).render(page_lang=lang, **context)
    jinjas = environment(True).from_string(source).render(page_lang=lang, **context)
    assert ours == jinjas
    return ours


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


def test_a_long_date_is_the_day_of_the_date_as_written():
    tokyo, utc = timezone(timedelta(hours=9)), UTC
    # The same instant, on two calendar days: each is shown on its own.
    assert long_date(datetime(2024, 5, 1, 0, 30, tzinfo=tokyo), "en") == "May 1, 2024"
    assert long_date(datetime(2024, 4, 30, 15, 30, tzinfo=utc), "en") == (
        "April 30, 2024"
    )
    assert long_date(datetime(2018, 9, 1, 10, 0), "ja") == "2018年9月1日"


def test_catalogs_are_read_once_per_build(monkeypatch):
    """Every generator of a build gets the helpers; the .po files are read once."""
    from bilingual import bilingual

    reads = []

    def counting_load_catalogs(translations_dir, languages):
        reads.append(tuple(languages))
        return {"ja": japanese_catalog()}

    monkeypatch.setattr(bilingual, "load_catalogs", counting_load_catalogs)
    settings = {"THEME": "theme", "DEFAULT_LANG": "ja", "LANGUAGES": ("ja", "en")}

    def generator(context):
        return SimpleNamespace(
            context=context,
            settings=settings,
            env=Environment(autoescape=True, extensions=["jinja2.ext.i18n"]),
        )

    first_build, second_build = {}, {}
    generators = [generator(first_build) for _ in range(3)]
    generators.append(generator(second_build))
    for each in generators:
        bilingual.install_template_helpers(each)
    assert reads == [("ja", "en"), ("ja", "en")]  # once for each build
    rendered = generators[2].env.from_string("{{ _('Share') }}").render(page_lang="ja")
    assert rendered == "共有"
