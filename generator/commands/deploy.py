"""Publish a built site to the gh-pages branch with ghp-import (not ``mkdocs gh-deploy``,
so the engine stays swappable).

Contract: :func:`deploy` publishes only a folder the build made (it holds the site marker)
and raises :class:`DeployError` otherwise or when ghp-import fails.
"""

from __future__ import annotations

from pathlib import Path

from generator.commands.build import SITE_MARKER


class DeployError(Exception):
    """The site cannot be published; the message says why, in Chinese."""


def deploy(site: Path, *, remote: str = "origin", branch: str = "gh-pages", message: str = "发布网站",
           push: bool = True) -> None:
    from ghp_import import GhpError, ghp_import

    if not (site / SITE_MARKER).is_file():
        raise DeployError(f"{site} 不是已生成的网站，请先运行 python -m generator build --out {site}")
    try:
        ghp_import(str(site), mesg=message, remote=remote, branch=branch, push=push, nojekyll=True)
    except GhpError as exc:
        raise DeployError(f"ghp-import 发布失败：{exc.message}") from None
