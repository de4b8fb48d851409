"""/admin/: what the build writes for the CMS, and what it keeps from readers."""

import json

from admin import admin
from conftest import ROOT, build_site


def test_the_cms_page_is_not_indexed_and_has_its_own_policy(real_site):
    soup = real_site.soup("admin/")
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, nofollow"
    policy = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert "connect-src 'self' https://api.github.com http://localhost:8081" in policy
    scripts = [script["src"] for script in soup.select("script")]
    assert scripts == ["decap-cms.js", "site-format.js"]  # nothing inline
    for src in scripts:
        assert (real_site.output / "admin" / src).is_file()
    rules = (real_site.output / "_headers").read_text(encoding="utf-8")
    assert "\n/admin/*\n" in rules
    assert "  X-Robots-Tag: noindex, nofollow\n" in rules


def test_no_reader_page_and_no_sitemap_entry_leads_to_the_cms(real_site):
    for page in real_site.pages():
        assert "admin/" not in page.relative_to(real_site.output).as_posix()
        html = page.read_text(encoding="utf-8")
        assert "decap-cms" not in html and "/admin" not in html, page
    sitemap = (real_site.output / "sitemap.xml").read_text(encoding="utf-8")
    assert "admin" not in sitemap


def test_the_config_names_the_site_s_folders_languages_and_tags(real_site):
    text = (real_site.output / "admin" / "config.yml").read_text(encoding="utf-8")
    config = json.loads(text.split("\n", 1)[1])  # JSON is YAML, after the comment
    assert config["i18n"] == {
        "structure": "multiple_files",
        "locales": ["ja", "en"],
        "default_locale": "ja",
    }
    assert config["media_folder"] == "content/images"
    posts, pages = config["collections"]
    assert (posts["folder"], pages["folder"]) == ("content/posts", "content/pages")
    fields = {field["name"]: field for field in posts["fields"]}
    assert list(fields)[:3] == ["title", "date", "slug"]
    assert {"人脈", "勇気", "キャリア", "connections"} <= set(fields["tags"]["options"])
    assert fields["status"]["default"] == "draft"
    assert "image_alt" in fields
    assert config["local_backend"] == {"url": "http://localhost:8081/api/v1"}


def test_the_repository_comes_from_the_setting(tmp_path):
    site = build_site(
        ROOT / "content", tmp_path / "output", ADMIN={"github_repo": "lab/blog"}
    )
    assert site.returncode == 0, site.log
    text = (site.output / "admin" / "config.yml").read_text(encoding="utf-8")
    assert json.loads(text.split("\n", 1)[1])["backend"]["repo"] == "lab/blog"


def test_a_bad_setting_stops_the_build_naming_it(tmp_path):
    site = build_site(
        ROOT / "content", tmp_path / "output", ADMIN={"github_repo": "https://x"}
    )
    assert site.returncode == 1
    assert 'ADMIN["github_repo"] should be the repository as "owner/name"' in site.log


def test_a_missing_bundle_is_named_with_the_command_that_installs_it(tmp_path):
    (problem,) = admin.bundle_problems(tmp_path)
    assert "decap-cms.js" in problem.path
    assert "make node-modules" in problem.message
    assert admin.bundle_problems() == []


def test_a_web_build_without_the_repository_is_warned_about(make_site):
    post = "Title: 記事\nDate: 2024-05-01 10:00\n\n本文。\n"
    site = make_site(
        {"posts/a.ja.md": post},
        SITEURL="https://example.org",
        RELATIVE_URLS=False,
        ADMIN={"github_repo": ""},
    )
    assert site.returncode == 0, site.log
    assert (
        'WARNING: settings: ADMIN["github_repo"] is empty, so the CMS at '
        "https://example.org/admin/ cannot load" in site.log
    )


def test_only_a_web_build_without_the_repository_is_warned_about():
    with_repo = {"github_repo": "lab/blog"}
    assert admin.missing_repo_problems(with_repo, "https://example.org") == []
    assert admin.missing_repo_problems({"github_repo": ""}, "") == []  # a preview
    (problem,) = admin.missing_repo_problems({"github_repo": ""}, "https://a.org/")
    assert problem.field == "github_repo"
    assert "「持ち主/名前」" in problem.text("ja")
    assert "https://a.org/admin/" in problem.text("ja")
