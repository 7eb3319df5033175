"""Publish a built site to the gh-pages branch with ghp-import (not ``mkdocs gh-deploy``, so
the engine stays swappable), keeping one commit on the branch.

Contract: :func:`publish_gh_pages` replaces the branch by a single commit without parents
holding the site (plus ``.nojekyll``) and, with ``push``, force-pushes it to ``remote``. The
branch's history therefore never grows: each deploy's commit replaces the last one (the
site is reproducible from the data commits on the main branch, which keep the history).
Raises :class:`DeployError` when git or ghp-import fails, or when the branch is the one
checked out (replacing it would leave the work tree inconsistent).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.errors import DeployError


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def publish_gh_pages(site: Path, *, remote: str = "origin", branch: str = "gh-pages", message: str = "发布网站",
                     push: bool = True) -> None:
    from ghp_import import GhpError, ghp_import

    if _git("rev-parse", "--git-dir").returncode != 0:
        raise DeployError("当前目录不在 git 仓库中：发布到 gh-pages 分支需在网站仓库中运行")
    if _git("symbolic-ref", "-q", "HEAD").stdout.strip() == f"refs/heads/{branch}":
        raise DeployError(f"当前检出的就是 {branch} 分支，请先切换到其他分支再发布")
    # ghp-import's no_history only drops the branch when a remote-tracking copy exists; drop the
    # local branch first so that the new commit has no parent in every case.
    if _git("rev-parse", "-q", "--verify", f"refs/heads/{branch}").returncode == 0:
        dropped = _git("update-ref", "-d", f"refs/heads/{branch}")
        if dropped.returncode != 0:
            raise DeployError(f"无法替换 {branch} 分支：{dropped.stderr.strip()}")
    try:
        ghp_import(str(site), mesg=message, remote=remote, branch=branch, push=push, nojekyll=True,
                   no_history=True)
    except GhpError as exc:
        raise DeployError(f"ghp-import 发布失败：{exc.message}") from None
