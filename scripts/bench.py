"""Build-time benchmark on a generated bilingual corpus.

    python scripts/bench.py              # what `make bench` runs
    python scripts/bench.py --posts 100 --runs 3
    python scripts/bench.py --profile    # where the full build spends its time

A corpus of N posts in each language (default 300) is generated into a
temporary folder: the Japanese text is the first post's, wrapped the way a
Japanese author wraps lines in a text editor; the English text is its
translation. Then, with alternating runs and the median of several:

- the project's full build (its settings, theme and plugins) against plain
  Pelican on the same content (the same settings, no plugins, Pelican's own
  `simple` theme);
- a warm rebuild after one post changed, with Pelican's content cache on,
  against the cold build that filled the cache.

Targets: full <= 1.3x plain, warm <= 0.5x cold. The exit status is 1 when one
is missed. The table also goes to bench-results/results.md.
"""

import argparse
import compileall
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from bilingual.translation_status import source_digest, split_source  # noqa: E402
from pelican_command import pelican_command  # noqa: E402

SETTINGS = ROOT / "pelicanconf.py"
FULL_TARGET = 1.3  # full build / plain Pelican
WARM_TARGET = 0.5  # warm rebuild / cold build
PLAIN = {"PLUGINS": [], "THEME": "simple"}
CACHE = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CHECK_MODIFIED_METHOD": "mtime",
}
CATEGORIES = (("人脈", "Connections"), ("キャリア", "Career"), ("働き方", "Work"))
TAGS = (
    ("人脈", "connections"),
    ("勇気", "courage"),
    ("キャリア", "career"),
    ("副業", "side business"),
    ("北京", "Beijing"),
    ("転職", "changing jobs"),
    ("コーチング", "coaching"),
)


# -- the corpus -----------------------------------------------------------------


def wrap_japanese(paragraph, width=40):
    """Break a paragraph as a Japanese author does in an editor.

    A line ends after each full stop (。), after a comma (、) once the line is
    half `width` long, and between two Japanese characters at `width` (never
    inside Latin words or link syntax). Markdown joins the lines again; the
    site must not show a space where they were joined.
    """

    def japanese(char):
        return ord(char) >= 0x3000

    lines, line = [], ""
    for index, char in enumerate(paragraph):
        line += char
        following = paragraph[index + 1 : index + 2]
        if (
            char == "。"
            or (char in "、！？" and len(line) >= width // 2)
            or (len(line) >= width and japanese(char) and japanese(following or "a"))
        ):
            lines.append(line)
            line = ""
    if line:
        lines.append(line)
    return "\n".join(lines)


def wrap_body(body):
    """Wrap the prose paragraphs of a Markdown body; leave the rest alone."""
    blocks = []
    for block in body.split("\n\n"):
        if block.startswith(("#", ">", "-", "*", "|", "    ", "```")) or "\n" in block:
            blocks.append(block)
        else:
            blocks.append(wrap_japanese(block))
    return "\n\n".join(blocks)


def corpus_files(ja_source, en_source, count):
    """{relative path: text} of `count` posts in Japanese and in English."""
    ja_meta, ja_body = split_source(ja_source)
    en_meta, en_body = split_source(en_source)
    ja_body = wrap_body(ja_body)
    start = datetime(2020, 1, 1, 9, 0)
    files = {}
    for number in range(count):
        date = (start + timedelta(days=number)).strftime("%Y-%m-%d %H:%M")
        ja_category, en_category = CATEGORIES[number % len(CATEGORIES)]
        picked = [TAGS[(number + k) % len(TAGS)] for k in range(3)]
        ja_text = (
            f"Title: {ja_meta['title']}（その{number + 1}）\n"
            f"Date: {date}\n"
            f"Category: {ja_category}\n"
            f"Tags: {', '.join(ja for ja, _ in picked)}\n"
            f"Summary: {ja_meta['summary']}\n\n{ja_body}"
        )
        en_text = (
            f"Title: {en_meta['title']} (part {number + 1})\n"
            f"Date: {date}\n"
            "Translation: true\n"
            f"Source_Digest: {source_digest(ja_text)}\n"
            f"Category: {en_category}\n"
            f"Tags: {', '.join(en for _, en in picked)}\n"
            f"Summary: {en_meta['summary']}\n\n{en_body}"
        )
        files[f"posts/bench-{number:04d}.ja.md"] = ja_text
        files[f"posts/bench-{number:04d}.en.md"] = en_text
    return files


def first_post(content):
    """The oldest Japanese post and its English translation, as text."""
    posts = sorted(
        (split_source(path.read_text(encoding="utf-8"))[0].get("date", ""), path)
        for path in (content / "posts").glob("*.ja.md")
    )
    if not posts:
        raise SystemExit(f"No Japanese post in {content / 'posts'}.")
    ja_path = posts[0][1]
    en_path = ja_path.with_name(ja_path.name.replace(".ja.md", ".en.md"))
    if not en_path.exists():
        raise SystemExit(f"{ja_path.name} has no English translation to use.")
    return ja_path.read_text(encoding="utf-8"), en_path.read_text(encoding="utf-8")


def write_corpus(folder, count):
    content = Path(folder)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    for relative, text in corpus_files(*first_post(ROOT / "content"), count).items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return content


# -- timing ---------------------------------------------------------------------


def timed_build(content, output, overrides, fresh=True):
    """Wall seconds, CPU seconds and peak memory (MiB) of one build."""
    if fresh:
        shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    process = subprocess.Popen(
        pelican_command(content, output, SETTINGS, overrides, options=("--quiet",)),
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # wait4 gives this child's own resource usage (ru_maxrss in KiB on Linux).
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    errors = process.stderr.read().decode("utf-8", "replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"Build failed ({overrides}):\n{errors}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def touch_one_post(content, number):
    """Change one post, as an author saving an edit does."""
    path = next(iter(sorted((content / "posts").glob("*.ja.md"))))
    with path.open("a", encoding="utf-8") as post:
        post.write(f"\n追記その{number + 1}。\n")


def median_row(runs):
    seconds = [run[0] for run in runs]
    return {
        "median": statistics.median(seconds),
        "min": min(seconds),
        "max": max(seconds),
        "cpu": statistics.median(run[1] for run in runs),
        "peak_mib": max(run[2] for run in runs),
    }


def benchmark(content, work, runs):
    output = work / "output"
    cache = work / "cache"
    full, plain, cold, warm = [], [], [], []
    # Python compiles a module on its first import and keeps the bytecode,
    # unless PYTHONDONTWRITEBYTECODE is set: then the plugins would be
    # compiled again in every timed build, and Pelican's own modules not
    # (pip compiled them at install). Compile the plugins once, as an import
    # would.
    compileall.compile_dir(ROOT / "plugins", quiet=1)
    # One untimed build of each kind first: files in memory.
    timed_build(content, output, {})
    timed_build(content, output, PLAIN)
    for number in range(runs):
        pair = [(full, {}), (plain, PLAIN)]
        for results, overrides in pair if number % 2 == 0 else reversed(pair):
            results.append(timed_build(content, output, overrides))
        print(
            f"run {number + 1}/{runs}: full {full[-1][0]:.2f} s, "
            f"plain {plain[-1][0]:.2f} s",
            flush=True,
        )
    cached = {**CACHE, "CACHE_PATH": str(cache)}
    for number in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(timed_build(content, output, cached))
        touch_one_post(content, number)
        warm.append(timed_build(content, output, cached, fresh=False))
        print(
            f"run {number + 1}/{runs}: cold {cold[-1][0]:.2f} s, "
            f"warm {warm[-1][0]:.2f} s",
            flush=True,
        )
    return {
        "full build": median_row(full),
        "plain Pelican": median_row(plain),
        "cold build (cache on, empty)": median_row(cold),
        "warm rebuild (one post changed)": median_row(warm),
    }


def ratios(rows, key):
    """(full / plain, warm / cold) of the medians of `key` (wall or CPU)."""
    return (
        rows["full build"][key] / rows["plain Pelican"][key],
        rows["warm rebuild (one post changed)"][key]
        / rows["cold build (cache on, empty)"][key],
    )


def memory_folder():
    """A folder in memory (tmpfs) for the corpus and the builds, if there is one.

    Both builds write hundreds of folders and files; on a shared machine the
    time a disk takes to create them varies from run to run far more than the
    builds' own work does, and it is not what the budget is about.
    """
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def report(rows, posts, runs, place):
    """The results table, and whether both targets are met."""
    lines = [
        f"Build benchmark: {posts} posts in each language ({2 * posts} files), "
        f"median of {runs} alternating runs, {os.cpu_count()} cores, "
        f"built {place}, {datetime.now():%Y-%m-%d}",
        "",
        "| build | wall median | wall min–max | CPU median | peak memory |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['median']:.2f} s | {row['min']:.2f}–{row['max']:.2f} s "
            f"| {row['cpu']:.2f} s | {row['peak_mib']:.0f} MiB |"
        )
    wall, cpu = ratios(rows, "median"), ratios(rows, "cpu")
    lines.append("")
    met = True
    for index, (name, target) in enumerate(
        (("full / plain", FULL_TARGET), ("warm / cold", WARM_TARGET))
    ):
        # CPU time is what the build costs; wall time also counts other
        # programs sharing the machine, so it is shown but not judged.
        ok = cpu[index] <= target
        met = met and ok
        lines.append(
            f"- {name}: {cpu[index]:.2f}x CPU time, {wall[index]:.2f}x wall time "
            f"(target <= {target}x): {'ok' if ok else 'MISSED'}"
        )
    return "\n".join(lines) + "\n", met


def profile(content, work, top=30):
    """Run the full build in this process under cProfile; print the top entries."""
    from pelican import main as pelican_main

    profiler = cProfile.Profile()
    output = work / "output"
    command = pelican_command(content, output, SETTINGS, options=("--quiet",))[3:]
    os.chdir(ROOT)
    profiler.runcall(pelican_main, command)
    stats = pstats.Stats(profiler).sort_stats("cumulative")
    stats.print_stats(top)
    print("The project's plugins alone:")
    stats.print_stats(str(ROOT / "plugins"), top)
    print("The theme's templates alone:")
    stats.sort_stats("tottime").print_stats(str(ROOT / "theme"), top)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=300, help="posts per language")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each")
    parser.add_argument("--profile", action="store_true", help="profile instead")
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results")
    parser.add_argument(
        "--on-disk",
        action="store_true",
        help="build in the usual temporary folder, not in memory",
    )
    args = parser.parse_args(argv)
    folder = None if args.on_disk else memory_folder()
    with tempfile.TemporaryDirectory(prefix="bench-", dir=folder) as work:
        work = Path(work)
        content = write_corpus(work / "content", args.posts)
        if args.profile:
            profile(content, work)
            return 0
        rows = benchmark(content, work, args.runs)
    place = f"in memory ({folder})" if folder else "on disk"
    text, met = report(rows, args.posts, args.runs, place)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
