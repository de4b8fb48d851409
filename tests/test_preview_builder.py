"""The preview's builder (scripts/preview_builder.py): each build in a fork,
and the quick pass that puts the saved page in place first."""

import functools
import io
import json
import shutil

import preview_builder as builder
from conftest import CONTENT, ROOT

SETTINGS = ROOT / "pelicanconf.py"
POST = "posts/jinmyaku-zukuri.ja.md"
PAGE = "posts/jinmyaku-zukuri/index.html"


def files(folder):
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def preview_site(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    overrides = {"PREVIEW_DRAFTS": True, **builder.cache_settings(tmp_path)}
    return content, tmp_path / "output", overrides


def save_with(content, words):
    post = content / POST
    post.write_text(post.read_text(encoding="utf-8") + f"\n{words}\n", "utf-8")
    return str(post)


def test_the_quick_pass_puts_only_the_saved_page_in_place(tmp_path):
    content, output, overrides = preview_site(tmp_path)
    first = builder.in_child(
        functools.partial(builder.full_build, content, output, SETTINGS, overrides)
    )
    assert first["problems"] == 0
    before = files(output)

    saved = save_with(content, "保存した一文。")
    quick = builder.in_child(
        functools.partial(
            builder.quick_build, content, output, SETTINGS, overrides, [saved]
        )
    )
    assert quick == {"pages": ["/posts/jinmyaku-zukuri/", f"/{PAGE}"]}
    after = files(output)
    assert [name for name in after if after[name] != before.get(name)] == [PAGE]
    assert "保存した一文。" in after[PAGE].decode("utf-8")


def test_a_quick_pass_comes_first_only_once_builds_are_slow(tmp_path):
    content, output, _ = preview_site(tmp_path)
    saved = save_with(content, "一文。")
    request = json.dumps({"overrides": {"PREVIEW_DRAFTS": True}, "changed": [saved]})

    def passes(quick_pass_after):
        answers = io.StringIO()
        builder.serve_requests(
            content.resolve(),
            output,
            SETTINGS,
            tmp_path,
            io.StringIO(f"{request}\n{request}\n"),
            answers,
            quick_pass_after,
        )
        return [json.loads(line)["pass"] for line in answers.getvalue().splitlines()]

    # The first save has no build time to go by; later ones do.
    assert passes(quick_pass_after=0) == ["full", "quick", "full"]
    assert passes(quick_pass_after=60) == ["full", "full"]
