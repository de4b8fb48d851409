"""The preview's builder: imports everything once, builds each change in a fork.

    python scripts/preview_builder.py --settings pelicanconf.py CONTENT OUTPUT

Started by scripts/serve.py, which writes one request per line on its standard
input (`{"overrides": {settings}, "changed": [saved files]}`) and reads the
answers, one per line, on its standard output. Build messages go to standard
error, which the preview shows.

When only posts or pages were saved since the last full build that
succeeded, a quick pass comes first: the whole site is read as usual (the
cache makes that cheap), but only the saved files' own pages are rendered,
and put in place one by one (`{"pass": "quick", "pages": [...]}`); the full
build follows (`{"pass": "full", "problems": n}`), and the preview holds back
the other pages until it is in place, so no page is ever shown from before
the save once a newer one exists. The quick pass tells the plugins which
files it writes (site_common.quick_pass), so that they can skip what only
the other files' pages would show.

A request that comes while a full build runs stops that build (its output
would be out of date before it is in place) and is answered
`{"pass": "full", "superseded": true}`; the newer request is built at once,
its quick pass writing the pages of every file saved since the last full
build that succeeded.

Importing Pelican, Markdown, Babel, BudouX and the plugins takes longer than
building a small site, so this process imports them once and builds each
change in a forked child: the child starts from this clean, never-built state
(copy-on-write), so nothing one build does can leak into the next, and exits
when its build is done. Pelican's content cache (in `cache/preview/`, see
scripts/preview_cache.py) lets a child read again only the files that
changed, as long as the settings and the plugins' code are those it was made
with. When Python code changes, the preview starts a new builder: what is
imported here is never reloaded.

This module holds the builds (quick and full) and the loop that answers the
requests; starting, reading and stopping the forked children is in
scripts/preview_fork.py.
"""

import argparse
import contextlib
import functools
import importlib
import importlib.machinery
import importlib.util
import json
import os
import queue
import shutil
import sys
import threading
import time
from pathlib import Path

import babel.localedata
from build_site import build, replace_folder, retired_folders
from pelican import signals
from pelican.settings import read_settings
from pelican.writers import Writer
from preview_cache import (
    cache_settings,
    code_digest,
    forget_reading_key,
    preview_cache,
    reading_key,
    reads_cache,
    record_reading_key,
    template_settings,
)
from preview_fork import (
    Superseded,
    in_child,
    in_child_unless_newer,
    stops_at_once_when_told,
    stops_when_told,
    told_to_stop,
)
from site_common.languages import site_languages
from site_common.quick_pass import quick_pass_settings, writes_pages_of

# A full build that takes longer than this (seconds) is preceded by a quick
# pass that renders only the saved pages.
QUICK_PASS_AFTER = 0.5


def import_plugins(settings):
    """Import each plugin of PLUGINS from PLUGIN_PATHS, as Pelican finds it.

    Pelican looks a plugin up in PLUGIN_PATHS first and reuses a module
    already in sys.modules under that name; so the plugins imported here, from
    the same folders, are the ones every child's Pelican registers.
    """
    paths = [str(path) for path in settings.get("PLUGIN_PATHS", [])]
    for name in settings.get("PLUGINS", []):
        if not isinstance(name, str) or name in sys.modules:
            continue
        spec = importlib.machinery.PathFinder.find_spec(name, paths)
        if spec is None:
            continue  # a missing plugin is the build's to report, not this one's
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except Exception:  # a broken plugin: the build reports it, in a child
            del sys.modules[name]


def only_pages_of_quick_pass():
    """A Pelican writer that writes only the pages of a quick pass's files.

    Handed to Pelican through its `get_writer` signal. Every other page,
    listing and feed is skipped before it is rendered. Which files are written
    is the build's setting (site_common.quick_pass), which the plugins read
    too. Returns the writer class and the list the names of the pages it
    writes are added to.
    """
    written = []

    class OnlyPagesOfQuickPass(Writer):
        def write_file(self, name, template, context, *args, **kwargs):
            content = kwargs.get("article") or kwargs.get("page")
            if content is None or not writes_pages_of(self.settings, content):
                return None
            written.append(name)
            return super().write_file(name, template, context, *args, **kwargs)

        def write_feed(self, *args, **kwargs):
            return None

    return OnlyPagesOfQuickPass, written


def put_in_place(names, staging, output):
    """Move the files `names` (relative paths) from staging into the output,
    each with one rename, so that a page is never served half written."""
    for name in names:
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)


def page_urls(names):
    """The addresses the pages written as `names` are served at."""
    urls = set()
    for name in names:
        path = "/" + name.replace(os.sep, "/")
        urls.add(path)
        if path.endswith("/index.html"):
            urls.add(path.removesuffix("index.html"))
    return sorted(urls)


def is_content_file(path, content):
    path = Path(path)
    return path.is_relative_to(content) and path.suffix == ".md" and path.exists()


def quick_build(content, output, settings_file, overrides, changed):
    """Render only the changed files' pages into `output`.

    {"pages": their addresses}, or {"problems": n} when the build failed.
    """
    writer, written = only_pages_of_quick_pass()
    # Pelican's content cache is saved here too: otherwise the full build
    # parses the saved files again, while the author may save again, and
    # Pelican would cache the old text under the new time (docs/performance.md).
    overrides = {**overrides, **quick_pass_settings(changed)}

    def give_writer(pelican):
        return writer

    def publish(staging, output):
        put_in_place(written, staging, output)

    signals.get_writer.connect(give_writer)
    problems = build(content, output, settings_file, overrides, publish=publish)
    return {"problems": problems} if problems else {"pages": page_urls(written)}


def full_build(content, output, settings_file, overrides, stop=None):
    """A whole build; the problems, and the modules it imported (see below).

    With `stop` (a pipe), the build stops unfinished once the pipe can be
    read, and says so: {"superseded": true}. While the files are read, it
    stops between two of them (Pelican's `content_object_init` signal), so
    never while Pelican saves its content cache (after the last file of each
    kind is read). Once every file is read (`all_generators_finalized`), what
    is left writes only into the staging folder (the pages, the images,
    Pagefind's index, which alone takes over a second): it stops at once,
    wherever it is, until the build is put in place. Nothing outside the
    staging folder is left half written.
    """
    before = set(sys.modules)
    writer = stop_if_told = stop_at_once = None
    end_stopping = None
    if stop is not None:
        stop_if_told = told_to_stop(stop)
        writer = stops_when_told(stop_if_told)
        stop_at_once, end_stopping = stops_at_once_when_told(stop)
        signals.content_object_init.connect(stop_if_told)
        signals.all_generators_finalized.connect(stop_at_once)

    def give_writer(pelican):
        return writer

    def publish(staging, output):
        if end_stopping is not None:
            end_stopping()
        replace_folder(staging, output, remove_old=False)

    signals.get_writer.connect(give_writer)
    try:
        problems = build(content, output, settings_file, overrides, publish=publish)
    except Superseded:
        return {"superseded": True}
    return {"problems": problems, "imported": sorted(set(sys.modules) - before)}


def full_build_unless_newer(content, output, settings_file, overrides, newer):
    """A full build in a child, stopped as soon as `newer()` is true.

    What the child returned (see full_build), or None if it failed.
    """
    work = functools.partial(full_build, content, output, settings_file, overrides)
    return in_child_unless_newer(work, newer)


def import_modules(names):
    """Import here what a build imported in its child (Pillow's image formats,
    Pelican's writers...), so that the next children start with it."""
    for name in names:
        if name not in sys.modules:
            with contextlib.suppress(Exception):
                importlib.import_module(name)


def load_locale_data(settings):
    """Babel's data for the site's languages, read once here for every child
    (Babel keeps what it has read)."""
    for lang in site_languages(settings):
        with contextlib.suppress(Exception):
            babel.localedata.load(lang.replace("-", "_"))


def answer(answers, **fields):
    answers.write(json.dumps(fields) + "\n")
    answers.flush()


def remove_folders(folders):
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


def read_requests(requests, pending):
    """Put each request line in the queue `pending`, then None at the end."""
    for line in requests:
        pending.put(line)
    pending.put(None)


def serve_requests(
    content,
    output,
    settings_file,
    project,
    requests,
    answers,
    quick_pass_after=QUICK_PASS_AFTER,
):
    """Build for each request, answering as the module's docstring says.

    A request that comes while a full build runs stops that build, whose
    output would be out of date, and is answered `{"pass": "full",
    "superseded": true}`; the newer request's builds follow. The end of the
    requests (the preview stopping this builder) stops it too.
    """
    content = Path(content).resolve()
    pending = queue.Queue()
    threading.Thread(
        target=read_requests, args=(requests, pending), daemon=True
    ).start()
    # What changed since the last full build that succeeded, and how long that
    # build took (0 before the first): a quick pass writes the pages of every
    # file saved since, and only when they are all posts or pages (see
    # site_common.quick_pass).
    saved_since = set()
    last_build = 0.0
    codes = {}  # the plugins' code_digest, by PLUGIN_PATHS
    while (line := pending.get()) is not None:
        request = json.loads(line)
        overrides = {**request["overrides"], **cache_settings(project)}
        # A broken settings file is not this process's to report: the build does.
        key = None
        with contextlib.suppress(Exception):
            settings = read_settings(str(settings_file))
            overrides.update(template_settings(settings, settings_file, project))
            paths = tuple(settings["PLUGIN_PATHS"])
            if paths not in codes:
                codes[paths] = code_digest(paths)
            key = reading_key(settings_file, request["overrides"], codes[paths])
        # Files read under other settings or plugin code are all read again.
        cache_is_current = reads_cache(project, key)
        if not cache_is_current:
            forget_reading_key(project)  # until a build under `key` succeeds
        overrides["LOAD_CONTENT_CACHE"] = cache_is_current
        saved_since.update(request.get("changed") or [])
        started = time.monotonic()
        quick = {}
        # Reading the whole site is most of a small site's build: the quick
        # pass pays only where rendering every page takes long.
        worth_it = saved_since and last_build > quick_pass_after and cache_is_current
        if worth_it and all(is_content_file(path, content) for path in saved_since):
            work = functools.partial(
                quick_build, content, output, settings_file, overrides, saved_since
            )
            quick = in_child(work) or {}
            if quick.get("pages"):
                answer(answers, **{"pass": "quick", "pages": quick["pages"]})
        full_started = time.monotonic()
        if quick.get("problems"):
            result = quick  # the full build would say the same again
        elif not pending.empty():
            result = {"superseded": True}  # its output would be out of date
        else:
            result = full_build_unless_newer(
                content,
                output,
                settings_file,
                overrides,
                newer=lambda: not pending.empty(),
            )
            import_modules(result.get("imported", ()) if result else ())
        if result and result.get("superseded"):
            answer(answers, **{"pass": "full", "superseded": True})
            continue
        problems = 1 if result is None else result["problems"]
        if problems == 0:
            saved_since.clear()
            last_build = time.monotonic() - full_started
            if key:
                record_reading_key(project, key)
        answer(
            answers,
            **{
                "pass": "full",
                "problems": problems,
                "seconds": time.monotonic() - started,
            },
        )
        # Removing the replaced output takes seconds on a big site, which no
        # save should wait for: it goes on beside the next builds (what a
        # builder that ends leaves is removed by the next one).
        threading.Thread(
            target=remove_folders, args=(retired_folders(output),), daemon=True
        ).start()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--settings", type=Path, required=True)
    args = parser.parse_args(argv)
    project = args.settings.resolve().parent
    # Templates compiled by an earlier builder may have used other plugin code.
    shutil.rmtree(preview_cache(project) / "templates", ignore_errors=True)
    # A broken settings file is not this process's to report: each build does.
    with contextlib.suppress(Exception):
        settings = read_settings(str(args.settings))
        import_plugins(settings)
        load_locale_data(settings)
    serve_requests(
        args.content, args.output, args.settings, project, sys.stdin, sys.stdout
    )


if __name__ == "__main__":
    main()
