"""The CI files ``wuye init`` writes for a city pass the tools their hosts' users run:
actionlint and zizmor on the GitHub workflows, GitLab's JSON schema on ``.gitlab-ci.yml``
(vendored in tests/vendor/gitlab-ci: no network), the schemas of Dependabot and Renovate, and
the merge-request check job run locally by gitlab-ci-local with its shell executor (no
containers), posting its note to a local stand-in of GitLab's API and leaving the Code Quality
report the merge-request widget reads."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.findings.review import MARKER
from tests.fakeapi import TOKEN, fake_api
from tests.support import ROOT, cli

BIN = Path(sys.executable).parent
GITLAB_SCHEMA = ROOT / "tests" / "vendor" / "gitlab-ci" / "gitlab-ci.schema.json"
GITLAB_CI_LOCAL = ROOT / "tests" / "npm" / "node_modules" / ".bin" / "gitlab-ci-local"


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("city")
    assert cli("init", root, "--name", "东湖市", "--site-url", "https://wuye.example.gov.cn/").exit_code == 0
    assert cli("new", "compound", "lanting", "--name", "兰亭苑", "--community", "community-1", "--data",
               root / "data").exit_code == 0
    return root


def _tool(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=600,
                          env=env or {**os.environ, "NO_COLOR": "1"})


def test_the_github_workflows_pass_actionlint(city: Path) -> None:
    done = _tool(BIN / "actionlint", "-no-color", *sorted((city / ".github" / "workflows").glob("*.yml")), cwd=city)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_github_workflows_pass_zizmor(city: Path) -> None:
    done = _tool(BIN / "zizmor", "--offline", "--no-progress", ".github", cwd=city)
    assert done.returncode == 0 and "No findings to report" in done.stdout + done.stderr, done.stdout + done.stderr


@pytest.mark.parametrize("schema, file", [
    (f"--schemafile={GITLAB_SCHEMA}", ".gitlab-ci.yml"),
    ("--builtin-schema=vendor.dependabot", ".github/dependabot.yml"),
    ("--builtin-schema=vendor.renovate", "renovate.json"),
])
def test_the_ci_and_upgrade_files_match_their_schemas(city: Path, schema: str, file: str) -> None:
    done = _tool(BIN / "check-jsonschema", schema, file, cwd=city)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_gitlab_check_job_runs_locally_and_notes_the_merge_request(city: Path) -> None:
    """gitlab-ci-local 4.65.0 (npm, tests/npm) runs the job on this machine (--force-shell-executor:
    the job's python image is not pulled; ``wuye`` is already on PATH, so the job's before_script
    skips the installation)."""
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=city, check=True)
    subprocess.run(["git", "add", "-A"], cwd=city, check=True)
    subprocess.run(["git", "-c", "user.name=a", "-c", "user.email=a@example.org", "commit", "-q", "-m", "建立"],
                   cwd=city, check=True)
    subprocess.run(["git", "remote", "add", "origin", "https://gitlab.example.org/donghu/data.git"], cwd=city, check=True)
    with fake_api() as (api, store):
        env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "GCL_IGNORE_PREDEFINED_VARS": "CI_PIPELINE_SOURCE",
               "NO_COLOR": "1"}
        variables = {"CI_PIPELINE_SOURCE": "merge_request_event", "CI_MERGE_REQUEST_IID": "4",
                     "CI_PROJECT_ID": "donghu/data", "CI_API_V4_URL": f"{api}/api/v4", "WUYE_GITLAB_TOKEN": TOKEN}
        args = [GITLAB_CI_LOCAL, "--force-shell-executor", "--no-color"]
        for key, value in variables.items():
            args += ["--variable", f"{key}={value}"]
        done = _tool(*args, "数据检查", cwd=city, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "PASS  数据检查" in done.stdout
    (note,) = store.comments["donghu%2Fdata#4"]
    assert note["body"].startswith(MARKER) and "数据检查通过" in note["body"]
    # gitlab-ci-local keeps a job's artifacts under its name in URL-safe base64
    artifacts = city / ".gitlab-ci-local" / "artifacts" / base64.urlsafe_b64encode("数据检查".encode()).decode()
    quality = json.loads((artifacts / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert quality and {q["severity"] for q in quality} == {"minor"}  # the new compound's warnings
    assert any(q["check_name"] == "compound-incomplete" for q in quality)
    assert (artifacts / "检查结果.xlsx").is_file()
