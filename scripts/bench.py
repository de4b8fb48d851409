"""Build-time benchmark on a generated bilingual corpus that varies like a blog.

    python scripts/bench.py              # what `make bench` runs
    python scripts/bench.py --posts 100 --runs 3
    python scripts/bench.py --profile    # where the full build spends its time

A corpus of N Japanese posts (default 300), most with an English translation,
is generated into a temporary folder (scripts/bench_corpus.py): posts that
differ as a blog's do, since one post repeated would flatter every cache that
remembers a value.

With alternating runs, it times:

- the project's full build (its settings, theme and plugins) against plain
  Pelican on the same content (the same settings, no plugins, Pelican's own
  `simple` theme);
- a warm rebuild after one post changed, with Pelican's content cache on,
  against the cold build that filled the cache.

Each build's least CPU time is what is judged (noise on a shared machine only
adds time); the median is shown beside it. Targets: full <= 1.3x plain, warm
<= 0.5x cold. The exit status is 1 when one is missed. The table also goes to
bench-results/results.md.
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
from datetime import datetime
from pathlib import Path

from bench_corpus import name_slugs, write_corpus
from build_site import build_command
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican_command import pelican_command

ROOT = Path(__file__).resolve().parent.parent

SETTINGS = ROOT / "pelicanconf.py"
FULL_TARGET = 1.3  # full build / plain Pelican
WARM_TARGET = 0.5  # warm rebuild / cold build
# Plain Pelican: no plugins, its own theme and its own pages (no search page).
PLAIN = {
    "PLUGINS": [],
    "THEME": "simple",
    "DIRECT_TEMPLATES": DEFAULT_CONFIG["DIRECT_TEMPLATES"],
}
CACHE = {
    "CACHE_CONTENT": True,
    "LOAD_CONTENT_CACHE": True,
    "CHECK_MODIFIED_METHOD": "mtime",
}
# -- timing ---------------------------------------------------------------------


def timed_build(content, output, overrides, fresh=True):
    """Wall seconds, CPU seconds and peak memory (MiB) of one build."""
    if fresh:
        shutil.rmtree(output, ignore_errors=True)
    started = time.perf_counter()
    # Plain Pelican as it comes; this site as `make html` builds it.
    command = (
        pelican_command(content, output, SETTINGS, overrides, options=("--quiet",))
        if overrides is PLAIN
        else build_command(content, output, SETTINGS, overrides)
    )
    process = subprocess.Popen(
        command,
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


def summary_row(runs):
    """Least and median CPU time, median wall time and peak memory of runs."""
    cpu = [run[1] for run in runs]
    return {
        "cpu_least": min(cpu),
        "cpu_median": statistics.median(cpu),
        "wall_median": statistics.median(run[0] for run in runs),
        "peak_mib": max(run[2] for run in runs),
    }


def bench_settings():
    """The full build's overrides: the corpus's Japanese names and their slugs."""
    japanese_text = read_settings(str(SETTINGS))["JAPANESE_TEXT"]
    slugs = {**japanese_text["slugs"], **name_slugs()}
    return {"JAPANESE_TEXT": {**japanese_text, "slugs": slugs}}


def benchmark(content, work, runs):
    output = work / "output"
    cache = work / "cache"
    full, plain, unindexed, cold, warm = [], [], [], [], []
    project = bench_settings()
    # The same build without Pagefind's run (plugins/search), to show its share.
    without_index = {**project, "SEARCH": {"index": False}}
    # Python compiles a module on its first import and keeps the bytecode,
    # unless PYTHONDONTWRITEBYTECODE is set: then the plugins would be
    # compiled again in every timed build, and Pelican's own modules not
    # (pip compiled them at install). Compile the plugins once, as an import
    # would.
    compileall.compile_dir(ROOT / "plugins", quiet=1)
    # One untimed build of each kind first: files in memory.
    timed_build(content, output, project)
    timed_build(content, output, PLAIN)
    for number in range(runs):
        kinds = [(full, project), (plain, PLAIN), (unindexed, without_index)]
        for results, overrides in kinds if number % 2 == 0 else reversed(kinds):
            results.append(timed_build(content, output, overrides))
        print(
            f"run {number + 1}/{runs}: full {full[-1][1]:.2f} s, "
            f"plain {plain[-1][1]:.2f} s, "
            f"without the search index {unindexed[-1][1]:.2f} s CPU",
            flush=True,
        )
    cached = {**project, **CACHE, "CACHE_PATH": str(cache)}
    for number in range(runs):
        shutil.rmtree(cache, ignore_errors=True)
        cold.append(timed_build(content, output, cached))
        touch_one_post(content, number)
        warm.append(timed_build(content, output, cached, fresh=False))
        print(
            f"run {number + 1}/{runs}: cold {cold[-1][1]:.2f} s, "
            f"warm {warm[-1][1]:.2f} s CPU",
            flush=True,
        )
    return {
        "full build": summary_row(full),
        UNINDEXED: summary_row(unindexed),
        "plain Pelican": summary_row(plain),
        "cold build (cache on, empty)": summary_row(cold),
        "warm rebuild (one post changed)": summary_row(warm),
    }


# The full build with the search index turned off: shown, not judged.
UNINDEXED = "full build, search index off"


def ratios(rows, key):
    """(full / plain, warm / cold) of `key` ("cpu_least", "cpu_median"...)."""
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


def report(rows, posts, files, runs, place):
    """The results table, and whether both targets are met."""
    lines = [
        f"Build benchmark: {posts} Japanese posts ({files} files), "
        f"{runs} alternating runs, {os.cpu_count()} cores, "
        f"built {place}, {datetime.now():%Y-%m-%d}",
        "",
        "| build | CPU least | CPU median | wall median | peak memory |",
        "|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        lines.append(
            f"| {name} | {row['cpu_least']:.2f} s | {row['cpu_median']:.2f} s "
            f"| {row['wall_median']:.2f} s | {row['peak_mib']:.0f} MiB |"
        )
    least, median = ratios(rows, "cpu_least"), ratios(rows, "cpu_median")
    lines.append("")
    met = True
    for index, (name, target) in enumerate(
        (("full / plain", FULL_TARGET), ("warm / cold", WARM_TARGET))
    ):
        # The least CPU time is the build's own cost: other programs sharing
        # the machine only ever add to it. The median is shown beside it.
        ok = least[index] <= target
        met = met and ok
        lines.append(
            f"- {name}: {least[index]:.2f}x least CPU time, {median[index]:.2f}x "
            f"median (target <= {target}x): {'ok' if ok else 'MISSED'}"
        )
    if UNINDEXED in rows:
        share = rows["full build"]["cpu_least"] - rows[UNINDEXED]["cpu_least"]
        without = rows[UNINDEXED]["cpu_least"] / rows["plain Pelican"]["cpu_least"]
        lines.append(
            f"- without the search index: {without:.2f}x plain Pelican, least CPU "
            f"time (Pagefind's share of the full build: {share:.2f} s)"
        )
    return "\n".join(lines) + "\n", met


def profile(content, work, top=30):
    """Run the full build in this process under cProfile; print the top entries."""
    from pelican import main as pelican_main

    profiler = cProfile.Profile()
    output = work / "output"
    command = pelican_command(
        content, output, SETTINGS, bench_settings(), options=("--quiet",)
    )[3:]
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
    parser.add_argument("--posts", type=int, default=300, help="Japanese posts")
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
        files = len(list((content / "posts").glob("*.md")))
        rows = benchmark(content, work, args.runs)
    place = f"in memory ({folder})" if folder else "on disk"
    text, met = report(rows, args.posts, files, args.runs, place)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
