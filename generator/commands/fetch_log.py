"""Fetch the published transparency log from the site, so the next build can extend it.

Contract: :func:`fetch_log` downloads, from ``<site>/log/`` over HTTP(S), the checkpoint and
every entry bundle it names (``tile/entries/...``, full and partial, as C2SP tlog-tiles lays
them out: :func:`generator.tlog.tiles.bundle_path`) into ``dest`` and returns how many entries
the log holds. It is what a publish job runs before ``build --published-log`` where the
published site is not a branch of the repository (GitLab Pages, an object store, a web
server): the log lives with the published site, and the build then checks what was fetched
against the public key and only appends to it. :class:`NoLog` when the site has no log yet
(a 404 for the checkpoint: the first publication uses ``--new-log``); :class:`FetchError`
(Chinese message) for anything else that goes wrong. Nothing here runs during a build: the
build itself never uses the network. Each file is limited to :data:`MAX_FILE` bytes.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from generator.tlog.log import CHECKPOINT
from generator.tlog.tiles import WIDTH, bundle_path
from generator.write.atomic import write_atomic

MAX_FILE = 64 * 1024 * 1024
TIMEOUT = 30


class NoLog(Exception):
    """The site has no published log yet."""


class FetchError(Exception):
    """The log could not be fetched (the message says why, in Chinese)."""


def _get(url: str) -> bytes:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:  # noqa: S310 (an http(s) URL we built)
            data = response.read(MAX_FILE + 1)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise NoLog(url) from None
        raise FetchError(f"取公开日志失败：{url} 返回 {exc.code}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(f"取公开日志失败：连不上 {url}（{exc}）") from None
    if len(data) > MAX_FILE:
        raise FetchError(f"取公开日志失败：{url} 超过 {MAX_FILE // (1024 * 1024)} MB")
    return data


def _size(checkpoint: bytes) -> int:
    lines = checkpoint.decode("utf-8", "replace").split("\n")
    if len(lines) < 3 or not lines[1].isdigit():
        raise FetchError("取到的 log/checkpoint 不是检查点（第二行应为记录条数）")
    return int(lines[1])


def fetch_log(log_url: str, dest: Path) -> int:
    """Download the log served at ``log_url`` (ending in ``/``) into ``dest``; see the module docstring."""
    if not log_url.startswith(("https://", "http://")):
        raise FetchError(f"公开日志的地址应以 https:// 或 http:// 开头：{log_url}")
    checkpoint = _get(log_url + CHECKPOINT)
    size = _size(checkpoint)
    files = {CHECKPOINT: checkpoint}
    for n in range((size + WIDTH - 1) // WIDTH):
        rel = bundle_path(n, min(WIDTH, size - n * WIDTH))
        try:
            files[rel] = _get(log_url + rel)
        except NoLog:
            raise FetchError(f"公开日志不完整：检查点记有 {size} 条，却没有 {log_url + rel}") from None
    for rel, data in files.items():
        write_atomic(dest / rel, data)
    return size
