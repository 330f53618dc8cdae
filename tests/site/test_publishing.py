"""Publishing: the GitHub Pages workflow builds with the pinned dependencies and deploys with the official
actions. (GitHub runs it; here its structure is checked, so that an edit cannot quietly break it.)"""

from __future__ import annotations

import re
import subprocess

import yaml

from tests.support import ROOT

WORKFLOW = ROOT / ".github/workflows/deploy.yml"


def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def uses(job: dict, action: str) -> dict:
    found = [step for step in steps(job) if step.get("uses", "").split("@")[0] == action]
    assert found, f"the job does not use {action}"
    return found[0]


def test_it_runs_on_pushes_to_main_and_by_hand() -> None:
    on = workflow()["on"]
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on


def test_it_deploys_with_the_official_pages_actions_and_only_the_permissions_they_need() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert uses(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy, "actions/deploy-pages")["id"] == "deployment"


def test_it_builds_with_the_pinned_dependencies_for_the_pages_address() -> None:
    build = workflow()["jobs"]["build"]
    configure = uses(build, "actions/configure-pages")
    step = next(step for step in steps(build) if step.get("run") == "make build")
    assert step["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    assert uses(build, "actions/setup-python")["with"]["python-version"] == "3.11"
    # `make build` installs requirements.txt (exact pins) and runs `npm ci` (package-lock.json), then builds.
    plan = subprocess.run(["make", "-n", "-B", "build"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "pip install --quiet -r requirements.txt" in plan
    assert "npm ci" in plan
    assert re.search(r"mkdocs build$", plan, re.MULTILINE)
    assert "apt-get" not in plan, "building the site must not need Chromium"


def test_the_workshop_archive_is_kept_with_each_run() -> None:
    build = workflow()["jobs"]["build"]
    assert uses(build, "actions/upload-artifact")["with"] == {"name": "course-site", "path": "course-site"}
    assert any(step.get("run", "").startswith("make archive") for step in steps(build))
    plan = subprocess.run(["make", "-n", "-B", "archive"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    # The room's copy: without the memory snapshot, as the README says, and packed with its server.
    assert "QUIZ_SNAPSHOT=false .venv/bin/mkdocs build --site-dir build/room-site" in plan
    assert "quiz_engine.serve build/room-site --pack course-site.zip" in plan
