"""The GitHub Actions workflows: valid, and built so that only tested code deploys."""

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
SITE_WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
CHECK_JSONSCHEMA = [sys.executable, "-m", "check_jsonschema"]


def load(path):
    # YAML 1.2, as GitHub reads it: `on:` stays a string, not True.
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def uses(job, action):
    """The steps of `job` that run `action` (owner/name, any version)."""
    return [
        step
        for step in job.get("steps", [])
        if step.get("uses", "").split("@")[0] == action
    ]


def test_the_schema_ships_with_check_jsonschema():
    # Validation must work offline: the schema is a file in the package.
    import check_jsonschema

    vendored = Path(check_jsonschema.__file__).parent / "builtin_schemas" / "vendor"
    assert (vendored / "github-workflows.json").is_file()


def test_there_is_a_workflow():
    assert SITE_WORKFLOW in WORKFLOWS


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_is_valid_against_the_github_schema(workflow):
    result = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", workflow],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        SITE_WORKFLOW.read_text(encoding="utf-8").replace(
            "runs-on: ubuntu-latest", "runs_on: ubuntu-latest", 1
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [*CHECK_JSONSCHEMA, "--builtin-schema", "vendor.github-workflows", broken],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "runs_on" in result.stdout


def test_pull_requests_and_main_are_tested_and_main_can_be_run_by_hand():
    triggers = load(SITE_WORKFLOW)["on"]
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    test = load(SITE_WORKFLOW)["jobs"]["test"]
    assert "if" not in test
    assert any(step.get("run") == "make test" for step in test["steps"])


def ancestors(jobs, name):
    """Every job `name` waits for, directly or through other jobs."""
    needs = jobs[name].get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    found = set(needs)
    for need in needs:
        found |= ancestors(jobs, need)
    return found


def test_nothing_is_published_unless_the_tests_passed():
    jobs = load(SITE_WORKFLOW)["jobs"]
    publishing = [
        name
        for name, job in jobs.items()
        if uses(job, "actions/upload-pages-artifact")
        or uses(job, "actions/deploy-pages")
    ]
    assert sorted(publishing) == ["build", "deploy"]
    for name in publishing:
        assert "test" in ancestors(jobs, name), name
        condition = jobs[name]["if"]
        assert "github.ref == 'refs/heads/main'" in condition, name
        assert "github.event_name != 'pull_request'" in condition, name
    assert "test" in jobs["deploy"]["needs"]


def test_build_publishes_with_the_pages_address_and_uploads_the_output():
    build = load(SITE_WORKFLOW)["jobs"]["build"]
    steps = build["steps"]
    names = [step.get("uses", step.get("run", "")).split("@")[0] for step in steps]
    configure = names.index("actions/configure-pages")
    publish = next(
        i for i, step in enumerate(steps) if "make publish" in step.get("run", "")
    )
    upload = names.index("actions/upload-pages-artifact")
    assert configure < publish < upload
    pages_id = steps[configure]["id"]
    assert steps[publish]["env"]["SITEURL"] == (
        f"${{{{ steps.{pages_id}.outputs.base_url }}}}"
    )
    assert 'SITEURL="$SITEURL"' in steps[publish]["run"]
    assert steps[upload]["with"]["path"].rstrip("/") == "output"
    deploy = load(SITE_WORKFLOW)["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy, "actions/deploy-pages")


def test_permissions_are_the_least_each_job_needs():
    workflow = load(SITE_WORKFLOW)
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert "permissions" not in jobs["test"]  # the workflow's read-only default
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploys_never_overlap():
    concurrency = load(SITE_WORKFLOW)["concurrency"]
    # One group per workflow and branch: the runs of main queue one behind
    # the other; only pull request runs cancel their predecessor.
    assert concurrency["group"] == "${{ github.workflow }}-${{ github.ref }}"
    assert (
        concurrency["cancel-in-progress"]
        == "${{ github.event_name == 'pull_request' }}"
    )


def test_dependencies_are_cached_by_the_pinned_requirements():
    jobs = load(SITE_WORKFLOW)["jobs"]
    # The tests install the site's packages and the test tools; a build only
    # the site's.
    expected = {
        "test": "hashFiles('requirements.txt', 'requirements-dev.txt')",
        "build": "hashFiles('requirements.txt')",
    }
    for name, key in expected.items():
        caches = {
            c["with"]["path"]: c["with"]["key"]
            for c in uses(jobs[name], "actions/cache")
        }
        assert key in caches["~/.cache/pip"]
    test_caches = {
        c["with"]["path"]: c["with"]["key"] for c in uses(jobs["test"], "actions/cache")
    }
    assert "hashFiles('package-lock.json')" in test_caches["~/.npm"]


def test_lighthouse_budget_runs_after_the_tests():
    steps = [
        step.get("run", "") for step in load(SITE_WORKFLOW)["jobs"]["test"]["steps"]
    ]
    assert steps.index("make lighthouse") > steps.index("make test")


def test_actions_are_pinned_to_a_major_version():
    for workflow in WORKFLOWS:
        for job in load(workflow)["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    _, _, version = step["uses"].partition("@")
                    assert version.startswith("v") or len(version) == 40, (
                        workflow.name,
                        step["uses"],
                    )


def test_the_test_job_builds_the_real_content_before_the_tests():
    """A broken post fails the run early, and the build lists its problems on
    the run's summary page (scripts/build_site.py writes GITHUB_STEP_SUMMARY)."""
    runs = [step.get("run") for step in load(SITE_WORKFLOW)["jobs"]["test"]["steps"]]
    assert "make html" in runs
    assert runs.index("make html") < runs.index("make test")
