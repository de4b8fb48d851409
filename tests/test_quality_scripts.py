"""The pure parts of `make lighthouse` (scripts/lighthouse.py) and `make bench`."""

import gzip
import urllib.request

import bench
import bench_corpus
import lighthouse
from bilingual.translation_status import split_source, translation_state
from conftest import CONTENT, ROOT, build_site
from pelican.settings import read_settings

# -- make lighthouse ----------------------------------------------------------


def fake_report(scores, requests):
    return {
        "categories": {
            name: {"score": score / 100, "auditRefs": []}
            for name, score in scores.items()
        },
        "audits": {"network-requests": {"details": {"items": requests}}},
    }


ALL_100 = dict.fromkeys(lighthouse.CATEGORIES, 100)
SITE = "127.0.0.1:8000"


def request(path, size, kind="Document", host=SITE):
    return {"url": f"http://{host}{path}", "transferSize": size, "resourceType": kind}


def test_summary_counts_theme_bytes_but_not_post_images():
    report = fake_report(
        ALL_100,
        [
            request("/posts/x/", 10 * 1024),
            request("/theme/css/style.css", 5 * 1024, "Stylesheet"),
            request("/theme/images/favicon.svg", 1024, "Image"),
            request("/images/photo.jpg", 500 * 1024, "Image"),
        ],
    )
    summary = lighthouse.summarize(report, SITE)
    assert summary["kib"] == 16
    assert summary["other_hosts"] == []
    assert lighthouse.budget_problems(summary) == []


def test_budget_names_each_problem():
    report = fake_report(
        {**ALL_100, "seo": 92},
        [
            request("/", 31 * 1024),
            {"url": "data:image/png;base64,AAAA", "transferSize": 0},
            request("/font.woff2", 0, "Font", host="fonts.example.com"),
        ],
    )
    problems = lighthouse.budget_problems(lighthouse.summarize(report, SITE))
    assert problems == [
        "seo 92 < 100",
        "31.0 KiB > 30 KiB",
        "requests to fonts.example.com",
    ]


def test_results_table_marks_pages_over_budget_and_missing():
    good = lighthouse.summarize(fake_report(ALL_100, [request("/", 2048)]), SITE)
    table = lighthouse.results_table(
        [("home (ja)", "", good), ("home (en)", "en/", None)]
    )
    rows = table.splitlines()[2:]
    assert rows[0].endswith("| 2.0 KiB | none | ok |")
    assert rows[1].endswith("| not built |")


def test_audited_pages_are_home_first_post_about_and_search_in_each_language():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    slug = lighthouse.first_post_slug(CONTENT / "posts", "ja")
    assert slug == "jinmyaku-zukuri"
    assert dict(lighthouse.audited_pages(settings, slug)) == {
        "home (ja)": "",
        "first post (ja)": "posts/jinmyaku-zukuri/",
        "About (ja)": "about/",
        "search (ja)": "search/",
        "home (en)": "en/",
        "first post (en)": "en/posts/jinmyaku-zukuri/",
        "About (en)": "en/about/",
        "search (en)": "en/search/",
    }


# -- make bench -------------------------------------------------------------------


def test_japanese_paragraphs_are_wrapped_as_an_author_wraps_them():
    paragraph = (
        "僕も日本で仕事をしていたときに、2回ほどそうした回に参加したことがあります。"
        "名刺を手裏剣のように配布するあれですね。"
        "人脈ってやっぱり、名刺をたくさん蒔いてみたり、実績を携えてドヤ顔で自慢してみたり、"
        "成功している人が主催するお茶会やランチ会に参加してみたところで終わります。"
    )
    wrapped = bench_corpus.wrap_japanese(paragraph, width=40)
    lines = wrapped.split("\n")
    assert "".join(lines) == paragraph
    assert (
        lines[0].endswith("。")
        and lines[1] == "名刺を手裏剣のように配布するあれですね。"
    )
    assert all(len(line) <= 40 for line in lines)


def test_wrapping_leaves_links_headings_and_quotes_whole():
    body = (
        "## 見出しは一行のままです、どんなに長くても。見出しは一行のままです。\n\n"
        "> 引用も、そのままにします。引用も、そのままにします。\n\n"
        "Twitter([@MHeartstrings](https://x.com/MHeartstrings))をやっています。"
    )
    wrapped = bench_corpus.wrap_body(body)
    assert wrapped.split("\n\n")[:2] == body.split("\n\n")[:2]
    assert "[@MHeartstrings](https://x.com/MHeartstrings)" in wrapped


def test_corpus_pairs_each_post_with_an_up_to_date_translation():
    ja, en = bench_corpus.first_post(CONTENT)
    files = bench_corpus.corpus_files(ja, en, 20)
    translations = [name for name in files if name.endswith(".en.md")]
    assert 10 <= len(translations) < 20  # most posts, not all, are translated
    for name in translations:
        original = files[name.replace(".en.md", ".ja.md")]
        metadata = split_source(files[name])[0]
        assert metadata["translation"] == "true"
        assert translation_state(original, metadata["source_digest"]) == "ok"
    wrapped_body = split_source(files["posts/bench-0002.ja.md"])[1]
    assert len(wrapped_body.splitlines()) > len(split_source(ja)[1].splitlines())


def test_corpus_varies_like_a_blog_and_is_the_same_every_time():
    ja, en = bench_corpus.first_post(CONTENT)
    files = bench_corpus.corpus_files(ja, en, 30)
    assert files == bench_corpus.corpus_files(ja, en, 30)
    japanese = [split_source(t) for n, t in files.items() if n.endswith(".ja.md")]
    titles = {meta["title"] for meta, _ in japanese}
    bodies = {body for _, body in japanese}
    assert len(titles) > 20 and len(bodies) == 30
    headings = {line for _, body in japanese for line in body.splitlines()}
    assert len({h for h in headings if h.startswith("## ")}) > 60
    tags = {tag.strip() for meta, _ in japanese for tag in meta["tags"].split(",")}
    assert len(tags) > 20 and tags <= set(bench_corpus.name_slugs())
    assert len({meta["category"] for meta, _ in japanese}) == 5
    # The same sentences, in another order.
    first = sorted(split_source(ja)[1].replace("\n", ""))
    assert sorted(japanese[0][1].replace("\n", "")) != first


def test_the_corpus_builds_with_the_slugs_the_bench_gives(tmp_path):
    content = bench_corpus.write_corpus(tmp_path / "content", 6)
    site = build_site(content, tmp_path / "output", **bench.bench_settings())
    assert site.returncode == 0, site.log
    assert site.path("tag/jinmyaku/").is_file() or site.path("tag/yuuki/").is_file()


def test_lighthouse_server_compresses_text_as_static_hosts_do(tmp_path):
    page = "<!DOCTYPE html><title>t</title>" + "本文" * 500
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    with lighthouse.serve(tmp_path, lighthouse.StaticHostHandler) as url:
        asks_gzip = urllib.request.Request(
            url + "/", headers={"Accept-Encoding": "gzip"}
        )
        with urllib.request.urlopen(asks_gzip) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode("utf-8") == page
        with urllib.request.urlopen(url + "/") as response:
            assert response.headers["Content-Encoding"] is None
            assert response.read().decode("utf-8") == page


def bench_rows(full, plain, cold, warm, noise=0.0):
    def row(cpu):
        return {
            "cpu_least": cpu,
            "cpu_median": cpu + noise,
            "wall_median": cpu + noise,
            "peak_mib": 50,
        }

    return {
        "full build": row(full),
        "plain Pelican": row(plain),
        "cold build (cache on, empty)": row(cold),
        "warm rebuild (one post changed)": row(warm),
    }


def test_the_bench_report_judges_both_ratios_on_the_least_cpu_time():
    text, met = bench.report(
        bench_rows(3.9, 3.0, 4.0, 2.0, noise=1.0), 300, 540, 5, "in memory"
    )
    assert met
    assert "- full / plain: 1.30x least CPU time, 1.23x median" in text
    assert "- warm / cold: 0.50x least CPU time, 0.60x median" in text
    assert "built in memory" in text
    _, met = bench.report(bench_rows(4.0, 3.0, 4.0, 1.0), 300, 540, 5, "on disk")
    assert not met
    _, met = bench.report(bench_rows(3.0, 3.0, 4.0, 2.2), 300, 540, 5, "on disk")
    assert not met


def test_the_bench_report_shows_the_search_index_s_share_without_judging_it():
    rows = bench_rows(3.9, 3.0, 4.0, 2.0)
    rows[bench.UNINDEXED] = {**rows["full build"], "cpu_least": 3.3}
    text, met = bench.report(rows, 300, 540, 5, "in memory")
    assert met  # judged on the full build, index included
    assert "| full build, search index off | 3.30 s |" in text
    assert (
        "- without the search index: 1.10x plain Pelican, least CPU time "
        "(Pagefind's share of the full build: 0.60 s)"
    ) in text
