"""Build-time benchmark on a generated bilingual corpus that varies like a blog.

    python scripts/bench.py              # what `make bench` runs
    python scripts/bench.py --posts 100 --runs 3
    python scripts/bench.py --profile    # where the full build spends its time

A corpus of N Japanese posts (default 300), most with an English translation,
is generated into a temporary folder from the first post and its translation:
each post gets its own title, headings, category (of five) and tags (from a
pool of thirty, their slugs given in the bench's settings), its sections in
another order and the sentences of each paragraph shuffled, all from a seeded
random generator (the same corpus every time). Japanese is wrapped the way a
Japanese author wraps lines in a text editor. A corpus of one post repeated
would flatter every cache that remembers a value.

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
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from bilingual.translation_status import source_digest
from build_site import build_command
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican_command import pelican_command
from site_common.header import split_source

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
SEED = 2018
TRANSLATED_SHARE = 0.8  # posts with an English translation
# (Japanese name, English name, slug of the Japanese name)
CATEGORIES = (
    ("人脈", "Connections", "jinmyaku"),
    ("キャリア", "Career", "kyaria"),
    ("働き方", "Work", "hatarakikata"),
    ("心と体", "Mind and body", "kokoro-to-karada"),
    ("北京生活", "Life in Beijing", "pekin-seikatsu"),
)
TAGS = (
    ("人脈", "connections", "jinmyaku"),
    ("勇気", "courage", "yuuki"),
    ("キャリア", "career", "kyaria"),
    ("副業", "side business", "fukugyou"),
    ("北京", "Beijing", "pekin"),
    ("転職", "changing jobs", "tenshoku"),
    ("コーチング", "coaching", "koochingu"),
    ("読書", "reading", "dokusho"),
    ("習慣", "habits", "shuukan"),
    ("時間術", "time management", "jikanjutsu"),
    ("起業", "starting a business", "kigyou"),
    ("中国語", "Chinese", "chuugokugo"),
    ("海外生活", "life abroad", "kaigai-seikatsu"),
    ("家族", "family", "kazoku"),
    ("健康", "health", "kenkou"),
    ("睡眠", "sleep", "suimin"),
    ("運動", "exercise", "undou"),
    ("目標", "goals", "mokuhyou"),
    ("学び", "learning", "manabi"),
    ("対話", "dialogue", "taiwa"),
    ("信頼", "trust", "shinrai"),
    ("挑戦", "challenge", "chousen"),
    ("失敗", "failure", "shippai"),
    ("お金", "money", "okane"),
    ("仕事術", "work skills", "shigotojutsu"),
    ("人生迷路", "life maze", "jinsei-meiro"),
    ("自己理解", "knowing yourself", "jiko-rikai"),
    ("価値観", "values", "kachikan"),
    ("パラレルキャリア", "parallel career", "parareru-kyaria"),
    ("ライフコーチング", "life coaching", "raifu-koochingu"),
)
JA_TITLES = (
    "{a}と{b}について考える",
    "{a}が変わった日",
    "なぜ{a}には{b}が必要なのか",
    "{a}を始める前に知っておきたいこと",
    "北京で学んだ{a}の話",
    "{a}と{b}、どちらを先にするか",
)
EN_TITLES = (
    "Thinking about {a} and {b}",
    "The day {a} changed",
    "Why {a} needs {b}",
    "What to know before you start on {a}",
    "What Beijing taught me about {a}",
    "{a} or {b}: which comes first",
)
JA_HEADINGS = ("{a}から始める", "{a}の落とし穴", "私の{a}", "{a}と{b}", "まとめ")
EN_HEADINGS = (
    "Starting from {a}",
    "The trap of {a}",
    "My {a}",
    "{a} and {b}",
    "In summary",
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


MARKDOWN_BLOCKS = ("#", ">", "-", "*", "|", "    ", "```", "[")


def wrap_body(body):
    """Wrap the prose paragraphs of a Markdown body; leave the rest alone."""
    blocks = []
    for block in body.split("\n\n"):
        if block.startswith(MARKDOWN_BLOCKS) or "\n" in block:
            blocks.append(block)
        else:
            blocks.append(wrap_japanese(block))
    return "\n\n".join(blocks)


def name_slugs():
    """The slugs of the corpus's Japanese names, for the bench's settings."""
    return {ja: slug for ja, _, slug in (*CATEGORIES, *TAGS)}


def sections(body):
    """A Markdown body as its introduction and its `## ` sections."""
    parts = re.split(r"\n(?=## )", body)
    return parts[0], parts[1:]


def shuffle_sentences(paragraph, rng, language):
    """The sentences of a prose paragraph in another order."""
    end = r"(?<=[。！？])" if language == "ja" else r"(?<=[.!?]) "
    sentences = [s for s in re.split(end, paragraph) if s]
    rng.shuffle(sentences)
    return ("" if language == "ja" else " ").join(sentences)


def vary_section(section, heading, rng, language):
    """A section with a new heading and its prose paragraphs' sentences shuffled.

    Blocks with Markdown syntax (quotes, lists, `:::` blocks, several lines)
    are left as they are.
    """
    blocks = section.split("\n\n")
    blocks[0] = heading
    inside = False
    for index, block in enumerate(blocks[1:], 1):
        if block.startswith(":::"):
            inside = not block.rstrip().endswith("\n:::")
        elif inside:
            inside = not block.rstrip().endswith(":::")
        elif "\n" not in block and not block.startswith(MARKDOWN_BLOCKS):
            blocks[index] = shuffle_sentences(block, rng, language)
    return "\n\n".join(blocks)


def varied_body(body, headings, order, rng, language):
    """The body with its sections in `order`, each with its heading from `headings`."""
    intro, parts = sections(body)
    varied = [
        vary_section(parts[part], f"## {number}. {heading}", rng, language)
        for number, (part, heading) in enumerate(zip(order, headings, strict=True), 1)
    ]
    return "\n".join([intro, *varied])


def corpus_files(ja_source, en_source, count, seed=SEED):
    """{relative path: text} of `count` Japanese posts and most translations."""
    ja_meta, ja_body = split_source(ja_source)
    en_meta, en_body = split_source(en_source)
    section_count = len(sections(ja_body)[1])
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, 9, 0)
    files = {}
    for number in range(count):
        date = (start + timedelta(days=number)).strftime("%Y-%m-%d %H:%M")
        ja_category, en_category, _ = rng.choice(CATEGORIES)
        picked = rng.sample(TAGS, rng.randint(1, 4))
        a, b = rng.sample(TAGS, 2)
        title = rng.randrange(len(JA_TITLES))
        order = rng.sample(range(section_count), section_count)
        heading_picks = [
            (rng.randrange(len(JA_HEADINGS)), *rng.sample(TAGS, 2))
            for _ in range(section_count)
        ]
        state = rng.getstate()  # the same shuffles for both languages
        ja_headings = [
            JA_HEADINGS[h].format(a=x[0], b=y[0]) for h, x, y in heading_picks
        ]
        ja_text = (
            f"Title: {JA_TITLES[title].format(a=a[0], b=b[0])}\n"
            f"Date: {date}\n"
            f"Category: {ja_category}\n"
            f"Tags: {', '.join(ja for ja, _, _ in picked)}\n"
            f"Summary: {ja_meta['summary']}\n\n"
            + wrap_body(varied_body(ja_body, ja_headings, order, rng, "ja"))
        )
        files[f"posts/bench-{number:04d}.ja.md"] = ja_text
        rng.setstate(state)
        en_headings = [
            EN_HEADINGS[h].format(a=x[1], b=y[1]) for h, x, y in heading_picks
        ]
        en_text = (
            f"Title: {EN_TITLES[title].format(a=a[1], b=b[1])}\n"
            f"Date: {date}\n"
            "Translation: true\n"
            f"Source_Digest: {source_digest(ja_text)}\n"
            f"Category: {en_category}\n"
            f"Tags: {', '.join(en for _, en, _ in picked)}\n"
            f"Summary: {en_meta['summary']}\n\n"
            + varied_body(en_body, en_headings, order, rng, "en")
        )
        if rng.random() < TRANSLATED_SHARE:
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
    # The site's pages, without the templates of this theme they may name
    # (plain Pelican builds them with its own theme).
    for page in (ROOT / "content" / "pages").glob("*.md"):
        target = content / "pages" / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        lines = page.read_text(encoding="utf-8").split("\n")
        kept = [line for line in lines if not line.lower().startswith("template:")]
        target.write_text("\n".join(kept), encoding="utf-8")
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
