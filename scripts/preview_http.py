"""The preview's web server: the output folder, with the reload script.

Started by scripts/serve.py, which builds and watches. This module serves the
output folder on HOST:PORT, adds the reload script to every page it sends
(never to the files written), and announces each new build to the open pages
at /__preview__/events (Builds). After a quick pass it holds back the pages
not yet rebuilt until the full build is in place.
"""

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from site_common.messages import Message

RELOAD_PATH = "/__preview__/reload.js"
EVENTS_PATH = "/__preview__/events"
RELOAD_SCRIPT = f"""\
// Added by the preview server (scripts/serve.py); never part of the site.
// A build is announced with the pages it concerns: "only" these (the saved
// pages, put in place first), or all but those to "skip" (already current).
new EventSource("{EVENTS_PATH}").addEventListener("reload", (event) => {{
  const build = JSON.parse(event.data);
  const here = window.location.pathname;
  const concerned = build.only ? build.only.includes(here) : !build.skip.includes(here);
  if (concerned) window.location.reload();
}});
"""
RELOAD_TAG = f'<script src="{RELOAD_PATH}" defer></script>'.encode()


def with_reload_script(page):
    """An HTML page (bytes) with the reload script added before </body>."""
    end = page.rfind(b"</body>")
    if end == -1:
        return page + RELOAD_TAG
    return page[:end] + RELOAD_TAG + page[end:]


class Builds:
    """What the open pages are told of new builds, and which pages are current.

    After a quick pass only the saved pages are current: a request for any
    other page waits until the full build is in place (or failed), so that no
    page from before the save is shown once a newer one exists.
    """

    def __init__(self):
        self.events = []  # what each open page is sent, in order
        self.holding = False
        self.current = set()  # while holding: the pages already rebuilt
        self.changed = threading.Condition()

    def quick_pass(self, pages, latest=True):
        """The quick pass put `pages` in place; `latest`: it was made for the
        newest save, so the full build to come will write them the same."""
        with self.changed:
            self.holding, self.current = True, set(pages) if latest else set()
            self.events.append({"only": sorted(pages)})
            self.changed.notify_all()

    def newer_save(self):
        """A save came after the quick pass: the full build that follows it
        may write its pages otherwise, so none of them is current any more."""
        with self.changed:
            self.current = set()
            self.changed.notify_all()

    def full_build(self, succeeded):
        with self.changed:
            if succeeded:
                skip = sorted(self.current) if self.holding else []
                self.events.append({"skip": skip})
            self.holding, self.current = False, set()
            self.changed.notify_all()

    def wait_until_current(self, path, timeout=60):
        with self.changed:
            self.changed.wait_for(
                lambda: not self.holding or path in self.current, timeout=timeout
            )

    def events_after(self, seen, timeout):
        """The events after the first `seen` ones, waiting for one if none."""
        with self.changed:
            self.changed.wait_for(lambda: len(self.events) > seen, timeout=timeout)
            return self.events[seen:]


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the output folder, with the reload script in every page."""

    def __init__(self, *args, builds, lang="en", **kwargs):
        self.builds = builds  # before the base class handles the request
        self.lang = lang  # of the messages
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):
        pass  # one line per request would bury the build's messages

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == RELOAD_PATH:
            return self.send_bytes(RELOAD_SCRIPT.encode(), "text/javascript")
        if path == EVENTS_PATH:
            return self.send_events()
        if path.endswith("/") or path.endswith(".html"):
            return self.send_page()
        return super().do_GET()

    def send_bytes(self, body, content_type, status=200):
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def send_page(self):
        self.builds.wait_until_current(self.path.split("?", 1)[0])
        file_path = Path(self.translate_path(self.path))
        if file_path.is_dir():
            file_path /= "index.html"
        try:
            page = file_path.read_bytes()
        except OSError:
            return super().do_GET()  # the usual 404
        self.send_bytes(with_reload_script(page), "text/html")

    def send_events(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        print(Message("Browser connected").text(self.lang), flush=True)
        seen = len(self.builds.events)
        try:
            while True:
                events = self.builds.events_after(seen, timeout=15)
                seen += len(events)
                message = "".join(
                    f"event: reload\ndata: {json.dumps(event)}\n\n" for event in events
                )
                self.wfile.write((message or ": still here\n\n").encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def serve(host, port, output, builds, lang="en"):
    handler = functools.partial(
        PreviewHandler, directory=str(output), builds=builds, lang=lang
    )
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
