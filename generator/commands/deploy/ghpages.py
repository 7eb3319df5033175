"""Publish a built site to the gh-pages branch with ghp-import (not ``mkdocs gh-deploy``, so
the engine stays swappable), keeping one commit on the branch.

Contract: :func:`publish_gh_pages` replaces the branch by a single commit without parents
holding the site (plus ``.nojekyll``) and, with ``push``, force-pushes it to ``remote``. The
branch's history therefore never grows: each deploy's commit replaces the last one (the
site is reproducible from the data commits on the main branch, which keep the history).
Raises :class:`DeployError` when git or ghp-import fails, when the branch is the one
checked out (replacing it would leave the work tree inconsistent), or when the site is larger
than GitHub Pages publishes (:data:`PAGES_LIMIT_BYTES`): the host would reject the deploy after
the push, and residents would keep the old site without anyone being told.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from generator.commands.deploy.files import DeployError

PAGES_LIMIT_BYTES = 1_000_000_000
"""GitHub Pages publishes a site of at most 1 GB (its documented limit); a bigger one fails."""


def site_bytes(site: Path) -> int:
    """The bytes of every file below ``site`` (what the gh-pages commit would hold)."""
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.is_symlink())


def check_pages_limit(site: Path, limit: int = PAGES_LIMIT_BYTES) -> None:
    """Refuse a site GitHub Pages would not publish, naming the alternatives, in Chinese."""
    size = site_bytes(site)
    if size > limit:
        raise DeployError(
            f"网站共 {size / 1e9:.2f} GB，超过 GitHub Pages 允许的 {limit / 1e9:g} GB，发布会失败。"
            "请改为发布到对象存储（--to s3://存储桶/前缀，如阿里云 OSS、腾讯云 COS、华为云 OBS）"
            "或自有服务器（--to rsync:用户@主机:/目录）；或按区分片，每区发布一个站点。")


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], capture_output=True, text=True)


def publish_gh_pages(site: Path, *, remote: str = "origin", branch: str = "gh-pages", message: str = "发布网站",
                     push: bool = True) -> None:
    from ghp_import import GhpError, ghp_import

    check_pages_limit(site)
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
