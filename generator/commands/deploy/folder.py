"""Publish a built site to a folder (a web server's document root, a mounted share) or to any
rsync destination (``user@host:/srv/www/wuye``, an rsync daemon module, a local path).

Contract:

* :func:`publish_folder` makes the folder hold exactly the site's files, writing only files
  whose bytes changed and deleting files the site no longer has
  (:func:`generator.write.staging.mirror_tree`);
* :func:`publish_rsync` runs ``rsync --recursive --checksum --delete``: rsync compares
  content hashes (not times: every build writes new files), sends only changed files and
  deletes the others; files get mode 644 and folders 755 whatever the local umask;
* both refuse a destination that holds files but no site marker: it is not a site this tool
  published, and nothing in it is overwritten or deleted. Raise :class:`DeployError`.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from generator.errors import DeployError
from generator.write.staging import mirror_tree

MARKER = ".generator-site"


def publish_folder(site: Path, dest: Path, keep: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Returns (written paths, deleted paths). Top-level names in ``keep`` (``.git`` of a
    checkout of the published branch, ``previews`` of pull requests) are left alone."""
    if _overlaps(site, dest):
        raise DeployError(f"发布目录 {dest} 不能与网站目录 {site} 重叠")
    if dest.exists() and not dest.is_dir():
        raise DeployError(f"{dest} 已存在且不是文件夹")
    if dest.is_dir() and any(p.name not in keep for p in dest.iterdir()) and not (dest / MARKER).is_file():
        raise DeployError(f"{dest} 不是空文件夹，也不是本工具发布的网站，为安全起见不覆盖它")
    try:
        return mirror_tree(site, dest, keep)
    except OSError as exc:
        raise DeployError(f"写入 {dest} 失败：{exc}") from None


def _overlaps(a: Path, b: Path) -> bool:
    a, b = a.resolve(), b.resolve()
    return a == b or a in b.parents or b in a.parents


def publish_rsync(site: Path, dest: str) -> tuple[list[str], list[str]]:
    """Returns (sent paths, deleted paths) as rsync reports them."""
    rsync = shutil.which("rsync")
    if rsync is None:
        raise DeployError("找不到 rsync：请安装（Debian/Ubuntu：apt-get install rsync；scripts/install-system-deps.sh 会安装）")
    dest = dest.rstrip("/") + "/"
    listing = subprocess.run([rsync, "--list-only", dest], capture_output=True, text=True)
    if listing.returncode == 0:
        names = [line.split(None, 4)[-1] for line in listing.stdout.splitlines() if line.strip()]
        if [n for n in names if n != "."] and MARKER not in names:
            raise DeployError(f"{dest} 不是空文件夹，也不是本工具发布的网站，为安全起见不覆盖它")
    done = subprocess.run([rsync, "--recursive", "--checksum", "--delete", "--chmod=D755,F644",
                           "--out-format=%o %n", f"{site}/", dest], capture_output=True, text=True)
    if done.returncode != 0:
        raise DeployError(f"rsync 发布失败（退出码 {done.returncode}）：{done.stderr.strip()}")
    sent, deleted = [], []
    for line in done.stdout.splitlines():
        operation, _, name = line.partition(" ")
        if name.endswith("/"):
            continue
        if operation == "send":
            sent.append(name)
        elif operation in ("del.", "delete"):
            deleted.append(name)
    return sent, deleted
