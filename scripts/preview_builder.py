"""The preview's builder: imports everything once, builds each change in a fork.

    python scripts/preview_builder.py --settings pelicanconf.py CONTENT OUTPUT

Started by scripts/serve.py, which writes one request per line on its standard
input (a JSON object of settings to override) and reads one answer per line on
its standard output (`{"problems": n, "seconds": s}`). Build messages go to
standard error, which the preview shows.

Importing Pelican, Markdown, Babel, BudouX and the plugins takes longer than
building a small site, so this process imports them once and builds each
change in a forked child: the child starts from this clean, never-built state
(copy-on-write), so nothing one build does can leak into the next, and exits
when its build is done. Pelican's content cache (in `cache/preview/`) lets a
child read again only the files that changed. When Python code changes, the
preview starts a new builder: what is imported here is never reloaded.
"""

import argparse
import contextlib
import importlib.machinery
import importlib.util
import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path

from build_site import build, retired_folders
from pelican.settings import read_settings

# Pelican's content cache: a changed file is read again, the others are not.
# The cache lives beside the site's other build leftovers (`make clean`).
CACHE_SETTINGS = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CHECK_MODIFIED_METHOD": "mtime",
}


def cache_settings(project):
    return {**CACHE_SETTINGS, "CACHE_PATH": str(Path(project) / "cache" / "preview")}


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


def build_in_child(content, output, settings_file, overrides):
    """Build in a forked child; the number of problems (1 if it crashed)."""
    pid = os.fork()
    if pid == 0:  # the child: build, then leave without running any cleanup
        status = 1
        try:
            os.dup2(2, 1)  # Pelican prints to standard output: keep it off the pipe
            problems = build(
                content, output, settings_file, overrides, remove_old=False
            )
            status = min(problems, 255)
        except BaseException:  # a bug: show it as a fresh process would
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    _, wait_status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(wait_status)
    return code if code >= 0 else 1  # killed by a signal: no site either


def serve_requests(content, output, settings_file, project, requests, answers):
    for line in requests:
        overrides = {**json.loads(line), **cache_settings(project)}
        started = time.monotonic()
        problems = build_in_child(content, output, settings_file, overrides)
        answer = {"problems": problems, "seconds": time.monotonic() - started}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
        # Removing the replaced output takes time the author should not wait for.
        for folder in retired_folders(output):
            shutil.rmtree(folder, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--settings", type=Path, required=True)
    args = parser.parse_args(argv)
    project = args.settings.resolve().parent
    # A broken settings file is not this process's to report: each build does.
    with contextlib.suppress(Exception):
        import_plugins(read_settings(str(args.settings)))
    serve_requests(
        args.content, args.output, args.settings, project, sys.stdin, sys.stdout
    )


if __name__ == "__main__":
    main()
