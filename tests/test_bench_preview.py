"""The preview benchmark (scripts/bench_preview.py), on a tiny corpus."""

import bench_preview
import pytest


def test_every_kind_of_change_is_timed_on_a_tiny_corpus(tmp_path):
    project = bench_preview.copy_project(tmp_path, posts=2)
    assert len(list((project / "content" / "posts").glob("*.md"))) == 4
    times = bench_preview.measure(project, saves=1)
    assert sorted(times) == ["body", "tags", "template", "title"]
    assert all(len(seconds) == 1 and 0 < seconds[0] < 60 for seconds in times.values())
    post, _ = bench_preview.post_to_edit(project)
    assert "Tags: measured-0" in post.read_text(encoding="utf-8")


@pytest.mark.parametrize(("body", "met"), [(0.2, True), (0.4, False)])
def test_the_report_holds_the_body_edit_to_the_target(body, met):
    times = {"body": [body, body, body], "title": [0.1]}
    text, was_met = bench_preview.report(times, 0.3, "the real content")
    assert was_met is met
    assert f"| body | {body:.3f} | {body:.3f} | {body:.3f} |" in text.splitlines()
