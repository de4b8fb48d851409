"""Preview the site while writing it: `make serve`.

Builds the site with drafts listed and marked (PREVIEW_SETTINGS), serves it on
http://HOST:PORT and watches content/, theme/, plugins/ and pelicanconf.py.
When a file is saved the site is rebuilt and the page open in the browser
reloads itself. When a build fails, its messages are printed and the last good
build stays on screen until a save fixes the problem.

Builds are made by scripts/preview_builder.py, which imports Pelican and the
plugins once and builds each change in a fresh fork of itself, into a folder
that replaces the output only when the whole build succeeded (build_site.py).
When Python code changes (a plugin), a new builder is started, so the change
counts; the settings and the theme are read afresh by every build anyway.
A save made while a build runs is sent to the builder at once: it stops the
full build under way, whose pages would be out of date, and builds anew.

The reload script is added by this server to the pages it sends; it is never
written into the output. It listens to /__preview__/events, where the server
announces each new build.

This module holds the watching and the talks with the builder; the web server
(the pages with the reload script, the build events) is
scripts/preview_http.py.
"""

import argparse
import contextlib
import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import watchfiles
from pelican.settings import read_settings

# EVENTS_PATH, RELOAD_PATH: the preview's addresses, which tests import from here.
from preview_http import EVENTS_PATH, RELOAD_PATH, Builds, serve  # noqa: F401
from site_common.messages import Message, messages_language

ROOT = Path(__file__).resolve().parent.parent
WATCHED_FOLDERS = ("content", "theme", "plugins")
WATCHED_FILES = ("pelicanconf.py",)
PREVIEW_SETTINGS = {"PREVIEW_DRAFTS": True}
EDITOR_LEFTOVERS = ("~", ".swp", ".swx", ".tmp", ".pyc")
QUIET_WAIT = 0.005  # seconds without a new change before a build starts
ANSWER_WAIT = 0.02  # seconds between two looks for new saves while a build runs


# -- pure functions ---------------------------------------------------------


def port_is_free(host, port):
    """Whether a server could listen on host:port now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def is_editor_leftover(path):
    """Backup, swap and lock files editors write beside the file being saved."""
    name = os.path.basename(path)
    return name.startswith((".", "#")) or name.endswith(EDITOR_LEFTOVERS)


def is_watched(path, project, content):
    """Whether a change to `path` should rebuild the preview."""
    path = Path(path)
    if is_editor_leftover(path) or "__pycache__" in path.parts:
        return False
    if path.is_relative_to(content):
        return True
    if not path.is_relative_to(project):
        return False
    relative = path.relative_to(project)
    return relative.parts[0] in WATCHED_FOLDERS or str(relative) in WATCHED_FILES


def needs_new_builder(paths):
    """Whether a change is to Python code the builder has imported."""
    return any(
        Path(path).suffix == ".py" and "plugins" in Path(path).parts for path in paths
    )


def preview_settings(social, host, port):
    """What a preview build changes: drafts listed, and the absolute addresses
    (canonical, share links) pointing at this server's own host and port."""
    overrides = dict(PREVIEW_SETTINGS)
    if isinstance(social, dict):
        overrides["SOCIAL"] = {**social, "preview_site_url": f"http://{host}:{port}"}
    return overrides


# -- building ---------------------------------------------------------------


def terminal_columns():
    try:
        return os.get_terminal_size().columns
    except OSError:
        return 1000


class Builder:
    """scripts/preview_builder.py, kept running between builds."""

    def __init__(self, project, content, output, settings_file):
        self.command = [
            sys.executable,
            str(Path(__file__).with_name("preview_builder.py")),
            str(content),
            str(output),
            "--settings",
            str(project / settings_file),
        ]
        self.project = project
        self.process = None
        self.answers = queue.Queue()

    def start(self):
        self.stop()
        self.process = subprocess.Popen(
            self.command,
            cwd=self.project,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            # Messages are wrapped to the terminal's width, not 80 columns.
            env={**os.environ, "COLUMNS": str(terminal_columns())},
        )
        self.answers = queue.Queue()  # this process's answers only
        threading.Thread(
            target=read_answers, args=(self.process.stdout, self.answers), daemon=True
        ).start()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=30)

    def send(self, overrides, changed):
        """Ask for a build; a builder that died is started again first.

        A request sent while the builder is still on an earlier one stops
        that one's full build: the builder answers it as superseded.
        """
        request = json.dumps({"overrides": overrides, "changed": sorted(changed)})
        if self.process is None or self.process.poll() is not None:
            self.start()
        with contextlib.suppress(BrokenPipeError, OSError):  # it died: see answer()
            self.process.stdin.write(request + "\n")
            self.process.stdin.flush()

    def answer(self, timeout):
        """The builder's next answer (preview_builder.py), None if none came
        within `timeout` seconds, or {"pass": "ended"} if the builder ended."""
        try:
            return self.answers.get(timeout=timeout)
        except queue.Empty:
            return None


def read_answers(stream, answers):
    """Put each answer the builder writes in the queue `answers`."""
    for line in stream:
        with contextlib.suppress(ValueError):  # builds print to standard error
            answers.put(json.loads(line))
    answers.put({"pass": "ended"})


def report_build(builds, result, lang):
    """Tell the open pages and the author how a full build ended."""
    succeeded = result.get("problems") == 0
    builds.full_build(succeeded)
    if succeeded:
        message = Message(
            "✓ Preview rebuilt ({seconds} s)", seconds=f"{result['seconds']:.2f}"
        )
    else:
        message = Message(
            "✗ The build failed: fix the file named above and save it "
            "(the previous preview stays on screen until then)."
        )
    print(message.text(lang), flush=True)


# -- watching -----------------------------------------------------------------


def watch(paths, recursive, changes, project, content):
    for batch in watchfiles.watch(
        *paths, step=10, debounce=200, recursive=recursive, watch_filter=None
    ):
        found = {path for _change, path in batch if is_watched(path, project, content)}
        if found:
            changes.put(found)


def next_changes(changes):
    """The next saved files, with any saved just after them."""
    found = set(changes.get())
    deadline = time.monotonic() + QUIET_WAIT
    while (left := deadline - time.monotonic()) > 0:
        try:
            found |= changes.get(timeout=left)
        except queue.Empty:
            break
    return found


def rebuild(builder, builds, changes, overrides, lang, saved=()):
    """Build until the preview shows every save so far: a save made while
    a build runs is sent at once, and stops that build.

    `builder` is a Builder, `builds` the Builds the open pages follow,
    `changes` the queue of saved files, `overrides` gives the settings of a
    preview build (read afresh for each request), `lang` the language of the
    messages; `saved` are the files whose save starts this rebuild.
    """
    restarted = False
    builder.send(overrides(), saved)
    waiting = 1  # requests the builder has not answered yet
    while waiting:
        result = builder.answer(timeout=ANSWER_WAIT)
        if result is None:  # still building: a newer save goes at once
            if not changes.empty():
                saved = next_changes(changes)
                builds.newer_save()
                if needs_new_builder(saved):
                    builder.start()  # the old builder's builds end with it
                    waiting = 0
                builder.send(overrides(), saved)
                waiting += 1
        elif result["pass"] == "quick":
            # Answers come in order: with more than one request waiting,
            # this quick pass was made for a save that is not the newest.
            builds.quick_pass(result["pages"], latest=waiting == 1)
        elif result["pass"] == "ended" and not restarted:
            restarted = True  # the builder died: once more, with a new one
            builder.start()
            builder.send(overrides(), saved)
            waiting = 1
        elif result["pass"] == "ended":
            report_build(builds, result, lang)
            waiting = 0
        else:
            if not result.get("superseded"):
                report_build(builds, result, lang)
            waiting -= 1


def language_of_messages(settings_file):
    """The language of the preview's own messages, as the settings say."""
    try:
        return messages_language(read_settings(str(settings_file)))
    except Exception:  # a broken settings file: the build reports it
        return messages_language({})


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--output", type=Path, default=ROOT / "output")
    parser.add_argument("--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    output = args.output.resolve()
    lang = language_of_messages(ROOT / args.settings)
    if not port_is_free(args.host, args.port):
        raise SystemExit(
            Message(
                "Port {port} on {host} is already in use: stop the other preview, "
                "or choose another port (make serve PORT=8001).",
                port=args.port,
                host=args.host,
            ).text(lang)
        )

    def overrides():
        # Read afresh each time: the settings file may have just been saved.
        try:
            social = read_settings(str(ROOT / args.settings)).get("SOCIAL")
        except Exception:  # a broken settings file: the build reports it
            social = None
        return preview_settings(social, args.host, args.port)

    content = args.content.resolve()
    builder = Builder(ROOT, content, output, args.settings)
    builds = Builds()
    changes = queue.Queue()

    rebuild(builder, builds, changes, overrides, lang)
    serve(args.host, args.port, output, builds, lang)
    folders = [ROOT / name for name in WATCHED_FOLDERS if (ROOT / name).is_dir()]
    if not content.is_relative_to(ROOT):
        folders.append(content)
    threading.Thread(
        target=watch, args=(folders, True, changes, ROOT, content), daemon=True
    ).start()
    threading.Thread(
        target=watch, args=([ROOT], False, changes, ROOT, content), daemon=True
    ).start()
    address = f"http://{args.host}:{args.port}/"
    print(Message("Preview: {address} (Ctrl+C to stop)", address=address).text(lang))
    try:
        while True:
            saved = next_changes(changes)
            if needs_new_builder(saved):
                builder.start()
            rebuild(builder, builds, changes, overrides, lang, saved)
    except KeyboardInterrupt:
        pass
    finally:
        builder.stop()


if __name__ == "__main__":
    main()
