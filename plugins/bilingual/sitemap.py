"""sitemap.xml: every page of the site with its language alternates.

Where the sitemap is written is the BILINGUAL["sitemap"] option; the plugin
puts it into the build's context (`config.SITEMAP_CONTEXT_KEY`) so that
robots.txt (plugins/publishing) names the file this writes.
"""

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from .feeds import absolute_site_url

SKIPPED_KINDS = ("draft",)  # previewed, never listed for crawlers


def sitemap_xml(routes, links, siteurl, skip_kinds=SKIPPED_KINDS):
    """sitemap.xml with each page's language alternates (xhtml:link)."""

    def absolute(url):
        return f"{siteurl}/{url}"

    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for route in routes:
        if route.kind in skip_kinds:
            continue
        lines.append("  <url>")
        lines.append(f"    <loc>{escape(absolute(route.url))}</loc>")
        alternates = links[route.save_as].alternates
        if len(alternates) > 1:
            for lang, url in sorted(alternates.items()):
                lines.append(
                    f'    <xhtml:link rel="alternate" hreflang={quoteattr(lang)} '
                    f"href={quoteattr(absolute(url))}/>"
                )
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(output_path, context, language_map):
    """Write the sitemap where the language map says, if it says anywhere."""
    if not language_map.sitemap:
        return
    path = Path(output_path) / language_map.sitemap
    path.write_text(
        sitemap_xml(
            language_map.routes, language_map.links, absolute_site_url(context)
        ),
        encoding="utf-8",
    )
