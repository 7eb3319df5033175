"""The compound home shows when its records changed, from the data's git history only."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

from generator.commands.build import BuildOptions, build
from generator.load.history import Change, read_history
from tests.support import AS_OF, CONFIG, CONTENT, MINI, PC, edit


def git(repo: Path, *args: str, when: str = "2026-10-01T09:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
           "GIT_AUTHOR_NAME": "张伟", "GIT_AUTHOR_EMAIL": "staff@example.org",
           "GIT_COMMITTER_NAME": "张伟", "GIT_COMMITTER_EMAIL": "staff@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def repo_with_history(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "首次录入（业主王芳提供）")
    edit(repo / "data" / PC / "public_revenue.csv", "电梯广告", "电梯轿厢广告")
    edit(repo / "data" / PC / "parking.csv", "50,0,40,10", "50,0,41,9")
    git(repo, "commit", "-qam", "更新三季度台账", when="2026-10-12T18:00:00+08:00")
    return repo


def test_history_lists_days_and_files_newest_first(tmp_path: Path) -> None:
    repo = repo_with_history(tmp_path)
    history = read_history(repo / "data")
    assert list(history) == ["pine-court"]
    newest, first = history["pine-court"]
    assert newest == Change(date(2026, 10, 12), ("parking.csv", "public_revenue.csv"))
    assert first.day == date(2026, 10, 1) and "compound.yaml" in first.files


def test_no_history_outside_git(tmp_path: Path) -> None:
    shutil.copytree(MINI, tmp_path / "data")
    assert read_history(tmp_path / "data") == {}


def test_compound_home_shows_changes_without_names_or_messages(tmp_path: Path) -> None:
    repo = repo_with_history(tmp_path)
    result = build(BuildOptions(data=repo / "data", out=tmp_path / "site", as_of=AS_OF, content=CONTENT,
                                config=CONFIG, pdf_cache=tmp_path / "cache"))
    assert result.ok
    page = (tmp_path / "site" / PC / "index.html").read_text(encoding="utf-8")
    assert "更新记录" in page
    assert "2026-10-12" in page and "公共收益收支、车位车库" in page
    assert "张伟" not in page and "王芳" not in page and "更新三季度台账" not in page
