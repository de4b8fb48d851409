"""Production extras: a 404 page in each language, robots.txt, _headers, CNAME,
and the security policy in every page.

Static hosts look for these files at fixed places: GitHub Pages and Netlify serve
`/404.html` for any missing address (Cloudflare Pages the nearest `404.html` up
the tree, hence `/en/404.html` too); crawlers read `/robots.txt`; Netlify and
Cloudflare Pages read response headers from `/_headers`; GitHub Pages deployed
from a branch reads the custom domain from `/CNAME`.

GitHub Pages sends no headers of ours, so a production build (an absolute
SITEURL) also puts the Content-Security-Policy of `_headers` into every page as
a `<meta http-equiv>` (theme/templates/partials/csp.html), less the directives
a meta policy cannot carry. A preview keeps no meta policy: the preview server
adds its reload script inline.

Settings, in one dict (defaults below):

    PUBLISHING = {
        "not_found_page": "404.html",  # in each language's folder
        "headers": {...},              # merged over DEFAULT_HEADERS; None drops one
        "custom_domain": "",           # e.g. "blog.example.com": writes CNAME
        "page_policies": {},           # {"search/": "script-src 'self' ..."}
    }

"page_policies" widens the policy of the pages under a path, in each
language, and of those only: the search page needs 'wasm-unsafe-eval' for
Pagefind's WebAssembly. The directives given replace the policy's own of
the same name; `_headers` gives those paths their own rule, and their pages
their own meta policy.

robots.txt names the sitemap the bilingual plugin writes (it puts the sitemap's
path into the build's context), when SITEURL is absolute.
"""

import logging
import re
from pathlib import Path

from bilingual.config import SITEMAP_CONTEXT_KEY
from pelican import signals
from pelican.generators import Generator
from site_common.languages import home_url, lang_prefix, language_name, site_languages
from site_common.messages import Message
from site_common.options import Rule, is_text, read_options
from site_common.problems import SETTINGS, Problem, report_and_stop
from site_common.urls import browser_split, host_of, is_http_url

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "PUBLISHING"

# `default-src 'self'`: every script, style, image and font comes from the site
# itself, no inline script or style. The tests check that every page keeps to it.
CSP_HEADER = "Content-Security-Policy"
DEFAULT_HEADERS = {
    CSP_HEADER: (
        "default-src 'self'; base-uri 'self'; form-action 'self'; "
        "frame-ancestors 'none'; object-src 'none'"
    ),
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Strict-Transport-Security": "max-age=31536000",
}

# What a policy in a <meta> element cannot carry (browsers ignore them there).
NOT_IN_META = ("frame-ancestors", "report-uri", "sandbox")

DEFAULTS = {
    "not_found_page": "404.html",
    "headers": {},
    "custom_domain": "",
    "page_policies": {},
}

# Where the meta policy goes for the templates (partials/csp.html), and the
# [(output path prefix, meta policy)] of the pages with a policy of their own.
META_POLICY_CONTEXT_KEY = "csp_meta_policy"
PAGE_POLICIES_CONTEXT_KEY = "csp_page_policies"
# Where other plugins put the headers of their own paths, {"/admin/*": {...}},
# before the site is written; `_headers` lists them after the "/*" rule.
PATH_HEADER_RULES_CONTEXT_KEY = "path_header_rules"

HEADER_NAME = re.compile(r"^[A-Za-z0-9-]+$")
HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$"
)


# -- pure functions: settings ---------------------------------------------------


def is_site_path(value):
    """A file path inside the output folder: "404.html", not "/404.html"."""
    return isinstance(value, str) and bool(value) and not value.startswith("/")


def is_path_policies(value):
    """{"search/": "script-src ..."}: site paths and the directives they add."""
    return isinstance(value, dict) and all(
        is_site_path(path) and is_text(directives) for path, directives in value.items()
    )


RULES = {
    "not_found_page": Rule(is_site_path, 'a file name such as "404.html"'),
    "headers": Rule(
        lambda value: isinstance(value, dict),
        "a dict of {header name: value, or None to leave it out}",
    ),
    "custom_domain": Rule(is_text, 'a host name such as "blog.example.com", or ""'),
    "page_policies": Rule(
        is_path_policies,
        'a dict of {"path/": "directives"}, e.g. '
        "{\"search/\": \"script-src 'self' 'wasm-unsafe-eval'\"}",
    ),
}


def problem(message, **values):
    return Problem(SETTINGS, SETTING, message, setting=SETTING, **values)


def merged_headers(overrides):
    """DEFAULT_HEADERS with the author's headers on top; None drops a header."""
    headers = {**DEFAULT_HEADERS, **overrides}
    return {name: value for name, value in headers.items() if value is not None}


def header_problems(overrides):
    """What is wrong with PUBLISHING["headers"]: names, and one-line values."""
    problems = []
    for name, value in overrides.items():
        if not HEADER_NAME.match(str(name)):
            problems.append(
                problem(
                    '{setting}["headers"] has an invalid header name {name}',
                    name=repr(name),
                )
            )
        elif value is not None and (not isinstance(value, str) or "\n" in value):
            problems.append(
                problem(
                    '{setting}["headers"]["{name}"] should be one line of text '
                    "(or None to leave the header out), not {value}",
                    name=name,
                    value=repr(value),
                )
            )
    return problems


def bare_host(domain):
    """The host name a mistyped custom domain most likely means."""
    host = domain.strip().split("://")[-1].split("/")[0].split(":")[0]
    return "".join(host.split()).lower()


def custom_domain_mistake(domain):
    """What keeps `domain` from being a bare host name ("" when nothing does)."""
    if "://" in domain:
        return Message(
            "the host name alone, without {scheme}://", scheme=domain.split("://")[0]
        )
    if any(char.isspace() for char in domain):
        return Message("a host name, with no spaces")
    if "/" in domain:
        return Message("the host name alone, without a path")
    if ":" in domain:
        return Message("the host name alone, without a port")
    if domain != domain.lower():
        return Message("written in lower case")
    if not HOSTNAME.match(domain):
        return Message("a host name such as blog.example.com")
    return ""


def custom_domain_problem(domain, siteurl):
    """Why `domain` cannot go into CNAME (a message), or None if it can."""
    if not domain:
        return None
    label = f'CUSTOM_DOMAIN (PUBLISHING["custom_domain"]) "{domain}"'
    mistake = custom_domain_mistake(domain)
    if mistake:
        suggestion = bare_host(domain)
        hint = f": {suggestion}" if HOSTNAME.match(suggestion) else ""
        return Message(
            "{label} should be {mistake}{hint}", label=label, mistake=mistake, hint=hint
        )
    parts = browser_split(siteurl) if siteurl else None
    site_host = host_of(parts) if parts else ""
    if site_host and site_host != domain:
        return Message(
            '{label} is not the host of SITEURL "{siteurl}" ({host}): '
            "links would lead to another host; give one of the two only",
            label=label,
            siteurl=siteurl,
            host=site_host,
        )
    return None


def publishing_problems(settings):
    """Every problem of PUBLISHING, the custom domain among them."""
    options, problems = read_options(settings, SETTING, DEFAULTS, RULES)
    problems += header_problems(options["headers"])
    domain_message = custom_domain_problem(
        options["custom_domain"], settings.get("SITEURL", "")
    )
    if domain_message:
        problems.append(problem(domain_message))
    # SITEURL itself is checked with every other address (plugins/content_checks).
    return problems


def publishing_options(settings):
    """The options the build runs with (problems were reported at start-up)."""
    options, _ = read_options(settings, SETTING, DEFAULTS, RULES)
    return {**options, "headers": merged_headers(options["headers"])}


# -- pure functions: files -------------------------------------------------------


def not_found_pages(settings, file_name):
    """{lang: save_as} of the 404 page of each of the site's languages."""
    default_lang = settings["DEFAULT_LANG"]
    return {
        lang: lang_prefix(lang, default_lang) + file_name
        for lang in site_languages(settings)
    }


def robots_txt(siteurl, sitemap):
    """Let every crawler in; name the sitemap when its absolute URL is known."""
    lines = ["User-agent: *", "Allow: /"]
    if sitemap and is_http_url(siteurl):
        lines += ["", f"Sitemap: {siteurl}/{sitemap}"]
    return "\n".join(lines) + "\n"


def headers_file(headers, path_rules=None):
    """Netlify / Cloudflare Pages `_headers`: the same headers on every path,
    then the paths with headers of their own ({path: {name: value}}). A path
    with a policy of its own first detaches the site's (`!`, Cloudflare
    Pages' syntax), else both policies would apply."""
    lines = ["/*"] + [f"  {name}: {value}" for name, value in headers.items()]
    for path, rule in sorted((path_rules or {}).items()):
        lines += ["", path]
        if CSP_HEADER in rule:
            lines.append(f"  ! {CSP_HEADER}")
        lines += [f"  {name}: {value}" for name, value in rule.items()]
    return "\n".join(lines) + "\n"


def with_directives(policy, directives):
    """`policy` with `directives` in place of its own of the same names."""
    added = [" ".join(part.split()) for part in directives.split(";") if part.strip()]
    names = {part.split()[0].lower() for part in added}
    kept = [
        " ".join(part.split())
        for part in policy.split(";")
        if part.strip() and part.split()[0].lower() not in names
    ]
    return "; ".join(kept + added)


def path_policies(settings):
    """[(path, policy)] of the pages under each PUBLISHING["page_policies"]
    path, in each of the site's languages."""
    options = publishing_options(settings)
    policy = options["headers"].get(CSP_HEADER, "")
    if not policy:
        return []
    default_lang = settings["DEFAULT_LANG"]
    return [
        (lang_prefix(lang, default_lang) + path, with_directives(policy, directives))
        for path, directives in options["page_policies"].items()
        for lang in site_languages(settings)
    ]


def meta_policy(policy):
    """The part of a Content-Security-Policy a <meta> element can carry."""
    kept = []
    for directive in policy.split(";"):
        words = directive.split()
        if words and words[0].lower() not in NOT_IN_META:
            kept.append(" ".join(words))
    return "; ".join(kept)


def page_policy(settings):
    """The meta policy of every page of a production build, or "" for none."""
    if not is_http_url(settings.get("SITEURL", "")):
        return ""  # a preview: its server adds an inline reload script
    policy = publishing_options(settings)["headers"].get(CSP_HEADER, "")
    return meta_policy(policy)


def page_policies(settings):
    """[(path, meta policy)] of the pages with a policy of their own."""
    if not is_http_url(settings.get("SITEURL", "")):
        return []
    return [(path, meta_policy(policy)) for path, policy in path_policies(settings)]


# -- generator ---------------------------------------------------------------


class PublishingGenerator(Generator):
    """Writes the 404 pages and the host files once the site is built."""

    def generate_output(self, writer):
        options = publishing_options(self.settings)
        pages = not_found_pages(self.settings, options["not_found_page"])
        self.write_not_found_pages(writer, pages)
        sitemap = self.context.get(SITEMAP_CONTEXT_KEY, "")
        self.write_text("robots.txt", robots_txt(self.siteurl, sitemap))
        path_rules = {
            f"/{path}*": {CSP_HEADER: policy}
            for path, policy in path_policies(self.settings)
        }
        path_rules.update(self.context.get(PATH_HEADER_RULES_CONTEXT_KEY) or {})
        self.write_text("_headers", headers_file(options["headers"], path_rules))
        if options["custom_domain"]:
            self.write_text("CNAME", options["custom_domain"] + "\n")

    @property
    def siteurl(self):
        return self.settings["SITEURL"].rstrip("/")

    def write_not_found_pages(self, writer, pages):
        template = self.get_template("404")
        default_lang = self.settings["DEFAULT_LANG"]
        for lang, save_as in pages.items():
            other_languages = [
                {
                    "lang": other,
                    "name": language_name(other),
                    "url": home_url(self.siteurl, other, default_lang),
                }
                for other in pages
                if other != lang
            ]
            # Absolute (or root-relative in a preview) links: hosts serve this
            # page at whatever address was missing, at any depth.
            writer.write_file(
                save_as,
                template,
                self.context,
                relative_urls=False,
                page_lang=lang,
                other_languages=other_languages,
            )

    def write_text(self, name, text):
        path = Path(self.output_path) / name
        path.write_text(text, encoding="utf-8")
        logger.info('Writing "%s"', path)


# -- signal handlers ---------------------------------------------------------


def check_settings(pelican):
    report_and_stop(publishing_problems(pelican.settings), logger)


def share_page_policy(generators):
    """The meta policy, for every page's <head> (partials/csp.html)."""
    context = generators[0].context
    context[META_POLICY_CONTEXT_KEY] = page_policy(generators[0].settings)
    context[PAGE_POLICIES_CONTEXT_KEY] = page_policies(generators[0].settings)


def add_generator(pelican):
    return PublishingGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.all_generators_finalized.connect(share_page_policy)
    signals.get_generators.connect(add_generator)
