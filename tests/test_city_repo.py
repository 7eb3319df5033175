"""A city runs its own repository, end to end with real parts (issue 27).

The generator's wheel is built once per test session and installed into a venv of its own
(its dependencies come from the project's venv through a ``.pth`` line: no network), exactly
as the city's ``requirements.txt`` pins it. In a temporary folder ``wuye init`` makes a city,
``new compound`` adds one, and the city is pushed to a local bare repository. A clerk's change
is made on a branch; then the ``run:`` steps of the city's own ``.github/workflows/check.yml``
are executed one by one with bash as the runner would (``uses:`` steps and the installation
step aside), against a local stand-in of GitHub's comment API and with the bare repository as
the published ``gh-pages`` branch: first with a mistake (the check fails, the comment names
the sheet and the cell), then fixed (the same comment updated, a preview published under
``previews/pr-1/``). Then the change is merged and ``publish.yml`` runs; the preview folder is
removed when the pull request closes. Nothing runs from the generator's source tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator.findings.review import MARKER
from tests.fakeapi import TOKEN, fake_api
from tests.support import DATA, ROOT

SITE_URL = "https://wuye.example.gov.cn/"
PR = "1"
SOURCE = "compounds/hepan-yaju"
TARGET = "data/compounds/lanting"
# The conditions of check.yml's steps, as the runner evaluates them (a new one fails the test).
CONDITIONS = {
    "steps.check.outputs.status == '0'": lambda out, env: out.get("status") == "0",
    "steps.check.outputs.status != '0'": lambda out, env: out.get("status") != "0",
    "steps.check.outputs.status == '0' && env.SAME_REPO == 'true'":
        lambda out, env: out.get("status") == "0" and env["SAME_REPO"] == "true",
    "github.event.action != 'closed'": lambda out, env: True,
}


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The generator's wheel, built once per session without network, from a copy of the package
    (pyproject.toml and generator/): a build/ folder left in the source tree is never packed."""
    source = tmp_path_factory.mktemp("source")
    shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(ROOT / "generator", source / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(source)], check=True, capture_output=True, timeout=300, cwd=out)
    return next(out.glob("wuye_gongkai-*.whl"))


def _venv(folder: Path) -> Path:
    """A venv whose dependencies are the project's (a .pth line), without the generator itself."""
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=300)
    purelib = subprocess.run([str(folder / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    (Path(purelib) / "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return folder


def _run(args: list[str], cwd: Path, env: dict[str, str], ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if ok:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _steps(workflow: Path, job: str) -> list[dict]:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"][job]["steps"]


def _env(block: dict, given: dict[str, str]) -> dict[str, str]:
    """A job's or step's ``env:``: literal values as written, ``${{ … }}`` ones as the test gives them."""
    return {key: (given[key] if "${{" in str(value) else str(value)) for key, value in (block.get("env") or {}).items()}


def run_job(city: Path, workflow: str, job: str, env: dict[str, str], skip: tuple[str, ...] = ("安装",)) -> dict:
    """Run the ``run:`` steps of ``job`` as the runner does (bash -e, GITHUB_OUTPUT per step,
    GITHUB_ENV carried to the later steps). Returns the step outputs, the summary and which
    steps ran and failed."""
    summary = city.parent / f"summary-{job}.md"
    summary.write_text("")
    env_file = city.parent / "step-env"
    carried: dict[str, str] = {}
    outputs: dict[str, dict[str, str]] = {}
    ran, failed = [], []
    job_env = _env(yaml.safe_load((city / workflow).read_text(encoding="utf-8"))["jobs"][job], env)
    for step in _steps(city / workflow, job):
        if "run" not in step or step.get("name", "").startswith(skip):
            continue
        condition = step.get("if")
        if condition is not None and not CONDITIONS[condition](outputs.get("check", {}), {**job_env, **env}):
            continue
        out_file = city.parent / "step-output"
        out_file.write_text("")
        env_file.write_text("")
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=city, capture_output=True, text=True, timeout=600,
                              env={**env, **job_env, **carried, **_env(step, env), "GITHUB_STEP_SUMMARY": str(summary),
                                   "GITHUB_OUTPUT": str(out_file), "GITHUB_ENV": str(env_file)})
        carried.update(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
        ran.append(step["name"])
        if done.returncode != 0:
            failed.append((step["name"], done.stdout + done.stderr))
            break  # the runner skips the remaining steps
        if "id" in step:
            outputs[step["id"]] = dict(line.split("=", 1) for line in out_file.read_text().splitlines() if "=" in line)
    return {"outputs": outputs, "summary": summary.read_text(encoding="utf-8"), "ran": ran, "failed": failed}


@pytest.fixture(scope="module")
def city(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("city")
    venv = _venv(base / "venv")
    env = {"PATH": f"{venv / 'bin'}:{os.environ['PATH']}", "HOME": str(base), "LANG": "C.UTF-8",
           "GIT_AUTHOR_NAME": "信息员", "GIT_AUTHOR_EMAIL": "clerk@example.org", "GIT_COMMITTER_NAME": "信息员",
           "GIT_COMMITTER_EMAIL": "clerk@example.org", "GIT_CONFIG_NOSYSTEM": "1"}
    folder = base / "donghu"
    folder.mkdir()
    # init runs from the wheel: install it first as the city's pin will say, then let init write that pin.
    _run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)], base, env)
    _run(["wuye", "init", ".", "--name", "东湖市", "--site-url", SITE_URL, "--pin", f"wuye-gongkai @ {wheel.as_uri()}"],
         folder, env)
    _run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", "--force-reinstall", "-r",
          "requirements.txt"], folder, env)
    _run(["wuye", "new", "compound", "lanting", "--name", "兰亭苑", "--community", "community-1"], folder, env)
    origin = base / "origin.git"
    _git(base, "init", "-q", "--bare", "-b", "main", str(origin))
    _git(folder, "init", "-q", "-b", "main")
    _git(folder, "add", "-A")
    _git(folder, "-c", "user.name=管理员", "-c", "user.email=admin@example.org", "commit", "-q", "-m", "建立数据仓库")
    _git(folder, "remote", "add", "origin", str(origin))
    _git(folder, "push", "-q", "origin", "main")
    return {"base": base, "folder": folder, "venv": venv, "env": env, "origin": origin}


def _pages(origin: Path, work: Path) -> Path:
    shutil.rmtree(work, ignore_errors=True)
    _git(origin.parent, "clone", "-q", "--branch", "gh-pages", str(origin), str(work))
    return work


def test_the_generator_runs_from_its_wheel_not_from_the_source_tree(city: dict) -> None:
    where = _run(["python", "-c", "import generator; print(generator.__file__)"], city["folder"], city["env"])
    assert where.stdout.startswith(str(city["venv"])), where.stdout
    pin = (city["folder"] / "requirements.txt").read_text(encoding="utf-8")
    assert "wuye-gongkai @ file://" in pin
    files = sorted(rel.as_posix() for p in city["folder"].rglob("*")
                   if p.is_file() and (rel := p.relative_to(city["folder"])).parts[0] != ".git")
    for expected in (".github/workflows/check.yml", ".github/workflows/publish.yml", ".github/dependabot.yml",
                     ".gitlab-ci.yml", "renovate.json", "README.md", "mkdocs.yml", "data/city.yaml",
                     "data/catalogue.yaml", "data/compounds/lanting/compound.yaml", "schemas/city.schema.json"):
        assert expected in files
    assert not any(f.startswith("content/") for f in files)  # the default pages come from the package
    assert not any(f.startswith("tests/") for f in files)


def _clerk_upload(folder: Path, amount: object) -> None:
    """What the clerk uploads from the browser: the filled workbook and its notice."""
    shutil.copyfile(DATA / SOURCE / "public_revenue.yaml", folder / TARGET / "public_revenue.yaml")
    book = openpyxl.load_workbook(DATA / SOURCE / "public_revenue.xlsx", data_only=True)  # values, as saved
    book["公共收益收支"]["E3"] = amount
    book.save(folder / TARGET / "public_revenue.xlsx")


def test_pull_request_check_preview_merge_publish_and_cleanup(city: dict) -> None:
    folder, origin, env = city["folder"], city["origin"], city["env"]
    _git(folder, "checkout", "-q", "-b", "upload-public-revenue")
    _clerk_upload(folder, "三百元")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "上传 public_revenue.xlsx")
    with fake_api() as (api, store):
        job_env = {**env, "GITHUB_TOKEN": TOKEN, "GITHUB_REPOSITORY": "donghu/data", "GITHUB_API_URL": api,
                   "PAGES_REMOTE": str(origin), "SAME_REPO": "true", "PR": PR, "BASE_REF": "main",
                   "DETAILS_URL": "https://github.com/donghu/data/actions/runs/1"}
        first = run_job(folder, ".github/workflows/check.yml", "check", job_env)
        assert first["outputs"]["check"]["status"] == "1"
        assert [name for name, _ in first["failed"]] == ["有错误时不能合并"]
        assert "数据有错误，不能合并" in first["failed"][0][1]
        assert "生成预览网站" not in first["ran"]
        (comment,) = store.comments["donghu/data#1"]
        assert comment["body"].startswith(MARKER) and "数据检查未通过：1 个错误" in comment["body"]
        row = next(line for line in comment["body"].splitlines() if line.startswith("| 错误"))
        assert "public\\_revenue.xlsx | 公共收益收支 | E3 |" in row and "三百元" in row
        assert first["summary"] == comment["body"]  # the job summary says the same
        assert (folder / "检查结果.xlsx").is_file()

        _clerk_upload(folder, 300)  # the clerk fixes the cell and uploads again to the same branch
        _git(folder, "commit", "-q", "-am", "改正金额")
        second = run_job(folder, ".github/workflows/check.yml", "check", job_env)
        assert second["failed"] == [] and second["outputs"]["check"]["status"] == "0"
        assert "把预览放到 previews/pr-编号/" in second["ran"]
        (comment,) = store.comments["donghu/data#1"]  # the same comment, updated
        assert "数据检查通过" in comment["body"]
        # the comment links the preview's page of exactly the notice the clerk changed
        assert f"- [兰亭苑 · 公共收益收支]({SITE_URL}previews/pr-1/compounds/lanting/public-revenue/)" in comment["body"]
        assert comment["body"].count(f"{SITE_URL}previews/pr-1/compounds/") == 1
        assert f"[打开这次修改后的网站]({SITE_URL}previews/pr-1/)" in comment["body"]
    pages = _pages(origin, city["base"] / "pages")
    preview = (pages / "previews" / "pr-1" / "compounds" / "lanting" / "public-revenue" / "index.html")
    assert preview.is_file() and f"{SITE_URL}previews/pr-1/" in preview.read_text(encoding="utf-8")
    assert "本站由物业信息公开生成器 wuye-gongkai" in preview.read_text(encoding="utf-8")

    # main published before the merge, with the signing key: the first publication starts the
    # public log (only when told to: a log is never started by accident)
    _git(folder, "checkout", "-q", "main")
    key = _run(["wuye", "verify", "keygen", "--data", "data"], folder, env).stdout.strip().splitlines()[-1]
    publish_env = {**env, "PAGES_REMOTE": str(origin), "GITHUB_TOKEN": TOKEN, "WUYE_LOG_KEY": key}
    refused = run_job(folder, ".github/workflows/publish.yml", "publish", {**publish_env, "WUYE_NEW_LOG": ""})
    assert [name for name, _ in refused["failed"]] == ["取回已发布的公开日志"]
    started = run_job(folder, ".github/workflows/publish.yml", "publish", {**publish_env, "WUYE_NEW_LOG": "true"})
    assert started["failed"] == []
    checkpoint = _pages(origin, city["base"] / "pages") / "log" / "checkpoint"
    size = int(checkpoint.read_text(encoding="utf-8").splitlines()[1])

    # merge: the change lands on main, and the publish workflow runs, extending the log
    _git(folder, "merge", "-q", "--no-ff", "-m", "合并拉取请求 #1", "upload-public-revenue")
    _git(folder, "push", "-q", "origin", "main")
    published = run_job(folder, ".github/workflows/publish.yml", "publish", {**publish_env, "WUYE_NEW_LOG": ""})
    assert published["failed"] == []
    pages = _pages(origin, city["base"] / "pages")
    assert int((pages / "log" / "checkpoint").read_text(encoding="utf-8").splitlines()[1]) > size  # appended
    home = (pages / "compounds" / "lanting" / "public-revenue" / "index.html").read_text(encoding="utf-8")
    assert f"{SITE_URL}compounds/lanting/public-revenue/" in home and "previews/pr-1" not in home
    assert (pages / "previews" / "pr-1" / "index.html").is_file()  # kept until the request closes
    assert (pages / "data-guide" / "index.html").is_file()  # the staff guide, from the package

    closed = subprocess.run(["bash", ".github/pages.sh", "remove", PR], cwd=folder, capture_output=True, text=True,
                            env={**env, "PAGES_REMOTE": str(origin)}, timeout=300)
    assert closed.returncode == 0, closed.stderr
    pages = _pages(origin, city["base"] / "pages")
    assert not (pages / "previews").exists() and (pages / "index.html").is_file()

    # the site the publish job built goes to a local folder too (a web server's document root)
    target = city["base"] / "www"
    _run(["wuye", "deploy", "--out", "site", "--to", str(target)], folder, env)
    assert (target / "compounds" / "lanting" / "index.html").is_file()
