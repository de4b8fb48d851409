"""Writing in the browser: Decap CMS at /admin/, served from the site itself.

The build writes admin/index.html (the CMS's page: not indexed, with its own
Content-Security-Policy), admin/config.yml (generated from the site's settings
and the tags and categories the build found), admin/site-format.js (reads and
writes the site's own `Key: value` header, see that file) and the CMS bundle,
copied from node_modules/ (package.json pins it; `make html` installs it). No
reader page loads any of it.

Settings, in one dict (defaults below):

    ADMIN = {
        "github_repo": "",   # "owner/name" of the site's repository on GitHub
        "branch": "main",    # the branch the CMS commits to
        "auth_base_url": "", # an OAuth helper's address; "" is Decap's default
        "local_backend_url": "http://localhost:8081/api/v1",  # decap-server
    }

On 127.0.0.1 or localhost the CMS works on the files of the checkout through
`decap-server` (npm), started beside the preview; elsewhere it signs in to
GitHub and commits there (docs/browser.ja.md). It needs the repository there:
a build for the web (an absolute SITEURL) whose ADMIN names none is warned.

The CMS writes a file for each language, even one the author left empty: such
a file in a language other than the site's default is not translated yet
(site_common/untranslated.py), and Pelican is told not to read it, by its
name in IGNORE_FILES, set before any generator looks for files.
"""

import logging
import os
import re
import shutil
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator
from publishing.publishing import PATH_HEADER_RULES_CONTEXT_KEY
from site_common.messages import Message
from site_common.options import Rule, is_text, read_options
from site_common.problems import SETTINGS, Problem, report, report_and_stop
from site_common.untranslated import (
    ignore_pattern,
    same_name_files,
    same_name_problems,
    untranslated_files,
)
from site_common.urls import is_http_url

from .config import cms_config, config_text, known_terms

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "ADMIN"
DEFAULTS = {
    "github_repo": "",
    "branch": "main",
    "auth_base_url": "",
    "local_backend_url": "http://localhost:8081/api/v1",
}

PROJECT = Path(__file__).resolve().parents[2]
# The CMS bundle, pinned in package.json and installed by `npm ci`.
BUNDLE = PROJECT / "node_modules" / "decap-cms" / "dist"
BUNDLE_SCRIPT = "decap-cms.js"
FILES = Path(__file__).resolve().parent / "files"
FOLDER = "admin"  # where the CMS lives in the built site: /admin/


GITHUB_REPO = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")
GITHUB_API = "https://api.github.com"


def is_http_address(value):
    parts = urlsplit(value) if isinstance(value, str) else None
    return bool(parts and parts.scheme in ("http", "https") and parts.netloc)


def text_rule(check, expected):
    """A Rule for a text value that `check` accepts."""
    return Rule(lambda value: is_text(value) and bool(check(value)), expected)


RULES = {
    "github_repo": text_rule(
        lambda value: value == "" or GITHUB_REPO.match(value),
        'the repository as "owner/name", or ""',
    ),
    "branch": text_rule(BRANCH.match, 'a branch name ("main")'),
    "auth_base_url": text_rule(
        lambda value: value == "" or value.startswith("https://"),
        'an https:// address, or "" for the CMS\'s default',
    ),
    "local_backend_url": text_rule(
        is_http_address, 'the address of decap-server ("http://localhost:8081/api/v1")'
    ),
}


# -- pure functions: settings and the bundle --------------------------------------


def admin_options(settings):
    """(options, problems) of the ADMIN setting."""
    return read_options(settings, SETTING, DEFAULTS, RULES)


def missing_repo_problems(options, siteurl):
    """A build for the web (an absolute SITEURL, as publishconf.py gives) whose
    ADMIN names no repository: its /admin/ could not load. GitHub Actions
    names it (GITHUB_REPOSITORY); any other place must write it in."""
    if options["github_repo"] or not is_http_url(siteurl):
        return []
    message = Message(
        'ADMIN["github_repo"] is empty, so the CMS at {siteurl}/admin/ cannot load: '
        'write the repository as "owner/name" into ADMIN in pelicanconf.py',
        siteurl=siteurl.rstrip("/"),
    )
    return [Problem(SETTINGS, "github_repo", message)]


def bundle_problems(bundle=BUNDLE):
    """The missing CMS bundle, named with the command that installs it."""
    if (Path(bundle) / BUNDLE_SCRIPT).is_file():
        return []
    return [
        Problem(
            str(Path(bundle) / BUNDLE_SCRIPT),
            SETTING,
            "the CMS of /admin/ (decap-cms, pinned in package.json) is not installed: "
            "run `make node-modules` (or `npm ci`) in the project folder",
        )
    ]


def bundle_files(bundle=BUNDLE):
    """The files the CMS loads: its script, the chunks it loads later, its
    WebAssembly and licence (not the source maps, not the second build cms.js)."""
    names = []
    for path in sorted(Path(bundle).iterdir()):
        name = path.name
        if name.endswith(".map") or not path.is_file():
            continue
        licence = name == BUNDLE_SCRIPT + ".LICENSE.txt"
        if name.endswith(("decap-cms.js", ".wasm")) or licence:
            names.append(name)
    return names


# -- pure functions: what the CMS is told --------------------------------------


def origin(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_policy(options):
    """The CMS page's own Content-Security-Policy: the site itself, GitHub's API
    and decap-server; inline styles (the CMS styles its components at run
    time), WebAssembly, and eval: the CMS compiles its configuration's checks
    with `new Function` and does not start without it (tests/test_admin_browser.py)."""
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob: https://avatars.githubusercontent.com "
            "https://raw.githubusercontent.com",
            f"connect-src 'self' {GITHUB_API} {origin(options['local_backend_url'])}",
            "font-src 'self' data:",
            "frame-src 'self' blob:",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def header_rules(options):
    """{path pattern: {header: value}} for the CMS's folder (`_headers`, where
    plugins/publishing detaches the site's stricter policy from it)."""
    return {
        f"/{FOLDER}/*": {
            "Content-Security-Policy": content_policy(options)
            + "; frame-ancestors 'none'",
            "X-Robots-Tag": "noindex, nofollow",
            "Cache-Control": "no-cache",
        }
    }


def admin_page(site_name, policy):
    """The CMS's page: not indexed, its own policy, nothing inline."""
    template = Template((FILES / "index.html").read_text(encoding="utf-8"))
    return template.substitute(
        title=escape_html(f"記事を書く | {site_name}"),
        policy=escape_html(policy),
        script=BUNDLE_SCRIPT,
    )


def escape_html(text):
    return (
        text.replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


# -- generator -------------------------------------------------------------------


class AdminGenerator(Generator):
    """Writes /admin/ once every post has been read."""

    def generate_output(self, writer):
        options, _ = admin_options(self.settings)
        contents = self.context.get("generated_content", {}).values()
        tags, categories = known_terms(contents, self.settings)
        folder = Path(self.output_path) / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        config = cms_config(options, self.settings, tags, categories)
        page = admin_page(self.settings.get("SITENAME", ""), content_policy(options))
        write_text(folder / "index.html", page)
        write_text(folder / "config.yml", config_text(config))
        shutil.copyfile(FILES / "site-format.js", folder / "site-format.js")
        for name in bundle_files():
            place(BUNDLE / name, folder / name)


def write_text(path, text):
    path.write_text(text, encoding="utf-8")
    logger.info('Writing "%s"', path)


def place(source, target):
    """A hard link when the output is on the same disk (the bundle is 6 MB
    and every build writes it), else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def link_bundle_into(project):
    """Give a copy of the project (the tests', the benchmarks') the installed
    CMS bundle, as hard links, with the stamp that tells make it is installed."""
    installed = BUNDLE.parent.parent
    target = Path(project) / "node_modules"
    shutil.copytree(
        installed / "decap-cms", target / "decap-cms", copy_function=os.link
    )
    if (installed / ".installed").exists():
        shutil.copy2(installed / ".installed", target / ".installed")


# -- signal handlers -------------------------------------------------------------


def check_settings(pelican):
    options, problems = admin_options(pelican.settings)
    report_and_stop(problems + bundle_problems(), logger)
    siteurl = pelican.settings.get("SITEURL", "")
    report(missing_repo_problems(options, siteurl), logger, logging.WARNING)


def leave_out_untranslated(pelican):
    """Pelican reads no file that is not translated yet: its exact name joins
    IGNORE_FILES. One that shares its name with another file is reported and
    read (the checks then name what it lacks), so the other is not hidden."""
    settings = pelican.settings
    content = settings["PATH"]
    untranslated = untranslated_files(content, settings)
    clashes = same_name_files(content, untranslated)
    report(same_name_problems(content, clashes), logger)
    # A new list: the default one is shared by every build in this process.
    settings["IGNORE_FILES"] = [
        *settings["IGNORE_FILES"],
        *(ignore_pattern(path) for path in untranslated if path not in clashes),
    ]


def share_header_rules(generators):
    """The /admin/* headers, for `_headers` (plugins/publishing)."""
    options, _ = admin_options(generators[0].settings)
    rules = generators[0].context.setdefault(PATH_HEADER_RULES_CONTEXT_KEY, {})
    rules.update(header_rules(options))


def add_generator(pelican):
    return AdminGenerator


def register():
    signals.initialized.connect(check_settings)
    signals.initialized.connect(leave_out_untranslated)
    signals.all_generators_finalized.connect(share_header_rules)
    signals.get_generators.connect(add_generator)
