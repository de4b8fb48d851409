"""The bench's corpus: a bilingual blog generated from the first post.

N Japanese posts, most with an English translation, made from the first post
and its translation: each post gets its own title, headings, category (of
five) and tags (from a pool of thirty, their slugs given in the bench's
settings, as a site gives them in JAPANESE_TEXT["slugs"]), its sections in
another order and the sentences of each paragraph shuffled, all from a seeded
random generator (the same corpus every time). Japanese is wrapped the way a
Japanese author wraps lines in a text editor. Used by scripts/bench.py and
scripts/bench_preview.py.
"""

import random
import re
from datetime import datetime, timedelta
from pathlib import Path

from bilingual.translation_status import source_digest
from site_common.header import split_source

ROOT = Path(__file__).resolve().parent.parent

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
