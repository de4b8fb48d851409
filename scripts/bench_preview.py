"""How long `make serve` takes from a save to the new page: `make bench-preview`.

    python scripts/bench_preview.py              # the real content
    python scripts/bench_preview.py --posts 300  # the bench corpus, 300 per language

Copies the project into a temporary folder, starts its preview server
(scripts/serve.py) there, then saves changes as an author would: a post's
body, its title, its tags, and a template. After each save it asks the server
for the page every few milliseconds until the change is served, and records
that time. The median of each kind of change is reported beside the least and
the most; the body edit is held to the target (0.3 s on the real content, 1 s
on the corpus): the exit status is 1 when it is missed.
"""

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from admin.admin import link_bundle_into

ROOT = Path(__file__).resolve().parent.parent
LEFT_OUT = (".venv", "output", ".git", "cache", "node_modules", "__pycache__")
TARGETS = {"real": 0.3, "corpus": 1.0}  # seconds, median of body edits
POLL = 0.005  # seconds between two requests for the page
LIMIT = 60  # seconds before a change counts as never served
# The first build draws every share card: minutes on a loaded machine.
FIRST_BUILD_LIMIT = 600


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def time_until_served(url, marker, limit=LIMIT):
    """Seconds until the page at `url` holds `marker`."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if marker in fetch(url):
            return time.perf_counter() - started
        time.sleep(POLL)
    raise SystemExit(f"{marker!r} never appeared on {url}")


def replace_in(path, old, new):
    text = path.read_text(encoding="utf-8")
    if old not in text:
        raise SystemExit(f"{path}: {old!r} not found")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def post_to_edit(project):
    """The newest Japanese post: (its file, the URL path of its page)."""
    posts = sorted((project / "content" / "posts").glob("*.ja.md"))
    path = posts[-1]
    return path, f"posts/{path.name.removesuffix('.ja.md')}/"


def changes(project, number):
    """(kind, a function that saves the change and returns the marker)."""
    post, _ = post_to_edit(project)
    footer = project / "theme" / "templates" / "partials" / "site_footer.html"

    def body():
        marker = f"本文の変更{number}"
        with post.open("a", encoding="utf-8") as source:
            source.write(f"\n{marker}。\n")
        return marker

    def title():
        marker = f"題名の変更{number}"
        lines = post.read_text(encoding="utf-8").split("\n")
        lines[0] = f"Title: {marker}"
        post.write_text("\n".join(lines), encoding="utf-8")
        return marker

    def tags():
        marker = f"measured-{number}"
        text = post.read_text(encoding="utf-8")
        header, _, rest = text.partition("\n\n")
        header = "\n".join(
            line for line in header.split("\n") if not line.startswith("Tags:")
        )
        post.write_text(f"{header}\nTags: {marker}\n\n{rest}", encoding="utf-8")
        return marker

    def template():
        marker = f"template-change-{number}"
        replace_in(footer, "</footer>", f'<p class="{marker}"></p></footer>')
        return marker

    return (("body", body), ("title", title), ("tags", tags), ("template", template))


def copy_project(folder, posts):
    project = Path(folder) / "site"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*LEFT_OUT))
    link_bundle_into(project)  # every build writes /admin/ with the CMS
    if posts:
        from bench_corpus import name_slugs, write_corpus

        shutil.rmtree(project / "content")
        write_corpus(project / "content", posts)
        with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
            # The corpus's Japanese names and their addresses, as bench.py gives them.
            settings.write(f'\nJAPANESE_TEXT["slugs"].update({name_slugs()!r})\n')
    return project


def measure(project, saves):
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    _, page = post_to_edit(project)
    log = (project / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "scripts/serve.py", "--port", str(port)],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        time_until_served(url + page, "</html>", FIRST_BUILD_LIMIT)
        times = {}
        for number in range(saves):
            for kind, save in changes(project, number):
                time.sleep(0.3)  # an author does not save twice in a blink
                marker = save()
                times.setdefault(kind, []).append(time_until_served(url + page, marker))
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def report(times, target, place):
    lines = [
        f"Save to new page served, {place} (seconds):",
        "",
        "| change | median | least | most |",
        "|---|---|---|---|",
    ]
    for kind, seconds in times.items():
        lines.append(
            f"| {kind} | {statistics.median(seconds):.3f} | {min(seconds):.3f} "
            f"| {max(seconds):.3f} |"
        )
    body = statistics.median(times["body"])
    met = body <= target
    lines += [
        "",
        f"Body edit: median {body:.3f} s, target {target} s: "
        + ("met." if met else "MISSED."),
    ]
    return "\n".join(lines), met


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--posts", type=int, default=0, help="corpus posts per language"
    )
    parser.add_argument("--saves", type=int, default=7, help="saves of each kind")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-preview-") as folder:
        project = copy_project(folder, args.posts)
        times = measure(project, args.saves)
    place = (
        f"bench corpus, {args.posts} posts per language"
        if args.posts
        else ("the real content")
    )
    text, met = report(times, TARGETS["corpus" if args.posts else "real"], place)
    print(text)
    results = ROOT / "bench-results"
    results.mkdir(exist_ok=True)
    name = f"preview-{args.posts}.md" if args.posts else "preview.md"
    (results / name).write_text(text + "\n", encoding="utf-8")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
