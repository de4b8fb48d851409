"""Lighthouse on the built site, with a budget the exit status enforces.

    python scripts/lighthouse.py                 # what `make lighthouse` runs
    python scripts/lighthouse.py --theme simple  # Pelican's own theme, for comparison

The site is built with the production settings (publishconf.py when it
exists, else pelicanconf.py) but with SITEURL pointing at a server on
127.0.0.1, so every absolute address stays on this machine. Lighthouse
(node_modules/, pinned in package.json) then audits, in mobile mode, the home
page, the first post, the About page and the search page in each language.
The budget: 100 in performance, accessibility, best practices and SEO; at most
30 KiB transferred per page, not counting the post's own images; no request to
another host.
Text is served gzip-compressed, as the static hosts the site deploys to serve
it, so the transfer is what a reader's phone downloads.

The table goes to lighthouse-results/results.md (and the full JSON reports
beside it); the exit status is 1 when a page is over budget.
"""

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from build_site import build_command
from chromium import CHROMIUM, FLAGS
from site_common.header import split_source
from site_common.languages import site_languages
from static_server import QuietHandler, serve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"


CHROME_FLAGS = " ".join(FLAGS)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
MIN_SCORE = 100
MAX_TRANSFER_KIB = 30


# -- which pages ---------------------------------------------------------------


def first_post_slug(posts_dir, default_lang):
    """The slug of the oldest post in the default language."""
    dated = [
        (
            split_source(path.read_text(encoding="utf-8"))[0].get("date", ""),
            path.name.split(".")[0],
        )
        for path in Path(posts_dir).glob(f"*.{default_lang}.md")
    ]
    if not dated:
        raise SystemExit(f"No *.{default_lang}.md post in {posts_dir}.")
    return min(dated)[1]


def audited_pages(settings, first_post, about_slug="about"):
    """(name, site-relative URL) of each page to audit, in every language."""
    default_lang = settings["DEFAULT_LANG"]
    languages = site_languages(settings)
    pages = []
    for lang in languages:
        if lang == default_lang:
            home = ""
            post = settings["ARTICLE_URL"].format(slug=first_post)
            about = settings["PAGE_URL"].format(slug=about_slug)
        else:
            home = f"{lang}/"
            post = settings["ARTICLE_LANG_URL"].format(slug=first_post, lang=lang)
            about = settings["PAGE_LANG_URL"].format(slug=about_slug, lang=lang)
        pages += [(f"home ({lang})", home), (f"first post ({lang})", post)]
        pages.append((f"About ({lang})", about))
        if "search" in settings["DIRECT_TEMPLATES"]:
            prefix = "" if lang == default_lang else f"{lang}/"
            pages.append((f"search ({lang})", prefix + settings["SEARCH_URL"]))
    return pages


# -- reading a Lighthouse report -----------------------------------------------


def is_post_image(request):
    """An image of the content (not of the theme): outside the budget."""
    path = urlsplit(request["url"]).path
    return request.get("resourceType") == "Image" and not path.startswith("/theme/")


def summarize(report, site_host):
    """Scores, bytes transferred and other hosts of one Lighthouse JSON report."""
    scores = {
        name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES
    }
    requests = report["audits"]["network-requests"]["details"]["items"]
    transferred = sum(
        request.get("transferSize", 0)
        for request in requests
        if not is_post_image(request)
    )
    other_hosts = sorted(
        {
            urlsplit(request["url"]).netloc
            for request in requests
            if urlsplit(request["url"]).scheme in ("http", "https")
            and urlsplit(request["url"]).netloc != site_host
        }
    )
    failing = sorted(
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("scoreDisplayMode") in ("binary", "numeric")
        and audit.get("score") is not None
        and audit["score"] < 1
        and any(
            ref["id"] == audit["id"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if ref.get("weight", 0) > 0
        )
    )
    return {
        "scores": scores,
        "kib": transferred / 1024,
        "other_hosts": other_hosts,
        "failing_audits": failing,
    }


def budget_problems(summary):
    """What is over budget on one page (empty when it is within)."""
    problems = [
        f"{name} {score} < {MIN_SCORE}"
        for name, score in summary["scores"].items()
        if score < MIN_SCORE
    ]
    if summary["kib"] > MAX_TRANSFER_KIB:
        problems.append(f"{summary['kib']:.1f} KiB > {MAX_TRANSFER_KIB} KiB")
    if summary["other_hosts"]:
        problems.append("requests to " + ", ".join(summary["other_hosts"]))
    return problems


def results_table(rows):
    """A Markdown table: one row per (page, URL, summary or None if not built)."""
    lines = [
        "| page | URL | performance | accessibility | best practices | SEO "
        "| transferred | other hosts | budget |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, url, summary in rows:
        if summary is None:
            lines.append(f"| {name} | `/{url}` | – | – | – | – | – | – | not built |")
            continue
        scores = " | ".join(str(summary["scores"][c]) for c in CATEGORIES)
        problems = budget_problems(summary)
        verdict = "ok" if not problems else "over: " + "; ".join(problems)
        hosts = ", ".join(summary["other_hosts"]) or "none"
        lines.append(
            f"| {name} | `/{url}` | {scores} | {summary['kib']:.1f} KiB "
            f"| {hosts} | {verdict} |"
        )
    return "\n".join(lines)


# -- building, serving, running ------------------------------------------------


# Text is sent gzip-compressed, as GitHub Pages, Netlify and Cloudflare Pages
# send it, so "transferred" is what a reader's phone really downloads.
COMPRESSED_TYPES = (".html", ".css", ".js", ".xml", ".svg", ".json", ".txt")


class StaticHostHandler(QuietHandler):
    """A static host on 127.0.0.1, compressing text like the real ones."""

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.suffix in COMPRESSED_TYPES and path.is_file()):
            super().do_GET()
            return
        if not self.path.split("?")[0].endswith("/") and path.name == "index.html":
            super().do_GET()  # let the standard handler redirect to the folder
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def build(settings_file, output, siteurl, theme=None):
    """Build the real content with `siteurl` as the site's address."""
    overrides = {"SITEURL": siteurl, "FEED_DOMAIN": siteurl, "RELATIVE_URLS": False}
    if theme:
        from pelican.settings import DEFAULT_CONFIG

        # Pelican as it comes: its own theme and pages (no search page), no
        # plugins, no social links (its themes read SOCIAL as (name, link) pairs).
        overrides.update(
            {
                "THEME": theme,
                "PLUGINS": [],
                "SOCIAL": [],
                "DIRECT_TEMPLATES": DEFAULT_CONFIG["DIRECT_TEMPLATES"],
            }
        )
    command = build_command(ROOT / "content", output, ROOT / settings_file, overrides)
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"The build failed:\n{result.stdout}{result.stderr}")


def run_lighthouse(url, report_path):
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={report_path}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"Lighthouse failed on {url}:\n{result.stderr}")
    return json.loads(Path(report_path).read_text(encoding="utf-8"))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--theme",
        help="audit plain Pelican with this built-in theme (simple, notmyidea) "
        "instead of the site's own; the budget is reported, not enforced",
    )
    parser.add_argument(
        "--results", default=str(ROOT / "lighthouse-results"), type=Path
    )
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make node_modules`.")

    from pelican.settings import read_settings

    settings_file = (
        "publishconf.py" if (ROOT / "publishconf.py").exists() else "pelicanconf.py"
    )
    os.chdir(ROOT)  # publishconf.py imports pelicanconf.py from here
    settings = read_settings(str(ROOT / settings_file))
    first_post = first_post_slug(ROOT / "content" / "posts", settings["DEFAULT_LANG"])
    results = args.results / args.theme if args.theme else args.results
    results.mkdir(parents=True, exist_ok=True)

    rows = []
    with (
        tempfile.TemporaryDirectory() as output,
        serve(output, StaticHostHandler) as siteurl,
    ):
        build(settings_file, output, siteurl, args.theme)
        for name, url in audited_pages(settings, first_post):
            built = Path(output) / url / "index.html"
            if not built.exists():
                rows.append((name, url, None))
                continue
            report_name = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            report = run_lighthouse(f"{siteurl}/{url}", results / f"{report_name}.json")
            summary = summarize(report, urlsplit(siteurl).netloc)
            rows.append((name, url, summary))
            print(f"{name}: {summary['scores']}, {summary['kib']:.1f} KiB", flush=True)

    theme = args.theme or "the site's theme"
    table = results_table(rows)
    heading = (
        f"Lighthouse (mobile), {theme}, settings {settings_file}, "
        f"{datetime.now():%Y-%m-%d}"
    )
    failing = {
        name: summary["failing_audits"]
        for name, _, summary in rows
        if summary and summary["failing_audits"]
    }
    notes = "".join(
        f"\n- {name}: audits below full marks: {', '.join(audits)}"
        for name, audits in failing.items()
    )
    text = f"{heading}\n\n{table}\n{notes}\n"
    (results / "results.md").write_text(text, encoding="utf-8")
    print(text)

    over = [row for row in rows if row[2] is None or budget_problems(row[2])]
    if over and not args.theme:
        print(f"{len(over)} page(s) over budget or not built.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
