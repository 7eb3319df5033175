"""Publish a built site where residents can reach it (``python -m generator deploy``).

Targets (``--to``), one deploy each:

* ``gh-pages`` (the default): the gh-pages branch with ghp-import, one commit kept
  (:mod:`.ghpages`);
* ``s3://<bucket>[/<prefix>]``: an S3-compatible object store, only changed files uploaded,
  with content types and cache headers (:mod:`.s3`): what mainland clouds offer (OSS, COS,
  OBS...), since github.io is often slow or unreachable there;
* ``rsync:<destination>``: anything rsync reaches (``rsync:deploy@web1:/srv/www/wuye``);
* any other value: a local folder (:mod:`.folder`).

Contract: :func:`deploy` publishes only a folder the build made (it holds the site marker)
and returns a :class:`DeployReport`; it raises :class:`DeployError` (a Chinese message)
otherwise or when the target refuses. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.commands.steps import SITE_MARKER
from generator.commands.deploy.files import file_count, site_files
from generator.errors import DeployError
from generator.commands.deploy.folder import publish_folder, publish_rsync
from generator.commands.deploy.ghpages import publish_gh_pages
from generator.commands.deploy.s3 import ADDRESSING, S3Target, publish_s3

GH_PAGES = "gh-pages"
__all__ = ["ADDRESSING", "GH_PAGES", "DeployError", "DeployReport", "DeployOptions", "deploy"]


@dataclass
class DeployOptions:
    to: str = GH_PAGES
    remote: str = "origin"
    """gh-pages: the git remote pushed to."""
    branch: str = "gh-pages"
    message: str = "发布网站"
    push: bool = True
    """gh-pages: push after committing (False: commit to the local branch only)."""
    endpoint_url: str | None = None
    """s3: the store's endpoint (else ``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL``)."""
    addressing: str = "auto"
    """s3: ``auto``, ``virtual`` (bucket in the host name) or ``path``."""
    everything: bool = False
    """s3: upload every file, also unchanged ones (after the header rules changed)."""
    keep: tuple[str, ...] = ()
    """folder: top-level names left as they are (``.git``, ``previews``)."""


@dataclass
class DeployReport:
    target: str
    uploaded: list[str] = field(default_factory=list)
    """Files sent (gh-pages: every file of the new commit)."""
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


def deploy(site: Path, options: DeployOptions) -> DeployReport:
    if not (site / SITE_MARKER).is_file():
        raise DeployError(f"{site} 不是已生成的网站，请先运行 python -m generator build --out {site}")
    to = options.to
    if to == GH_PAGES:
        publish_gh_pages(site, remote=options.remote, branch=options.branch, message=options.message,
                         push=options.push)
        files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
        return DeployReport(options.branch + (f"（{options.remote}）" if options.push else ""), files)
    if to.startswith("s3://"):
        if options.addressing not in ADDRESSING:
            raise DeployError(f"--s3-addressing 应为 {'、'.join(ADDRESSING)} 之一")
        target = S3Target.parse(to)
        uploaded, deleted, unchanged = publish_s3(site_files(site), target, endpoint_url=options.endpoint_url,
                                                  addressing=options.addressing, everything=options.everything)
        return DeployReport(str(target), uploaded, deleted, unchanged)
    if to.startswith("rsync:"):
        destination = to[len("rsync:"):]
        if not destination:
            raise DeployError("rsync: 后面应写目标，如 rsync:deploy@web1:/srv/www/wuye")
        sent, deleted = publish_rsync(site, destination)
        return DeployReport(destination, sent, deleted, file_count(site) - len(sent))
    written, deleted = publish_folder(site, Path(to), options.keep)
    return DeployReport(to, written, deleted, file_count(site) - len(written))
