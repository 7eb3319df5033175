"""The build's transparency log: read the published log back, extend it, write it with the site.

Contract: :func:`prepare_log` returns None when no signing key is given (a local preview: no
log is published), else the :class:`generator.derive.trust_log.BuildLog` of this build: the
published log (``published``, default ``<out>/log``: where the last build put it; CI fetches
the served copy first) extended by every stamp the history reaches, every stamp this build
prints (item sheets and booklets, :meth:`generator.views.site.Views.current_stamps`) and this build's data
fingerprint. It raises :class:`LogStageError` (Chinese message) for a key that does not parse
or is not the site's, a published log that does not check out or that this log would not
extend, or no published log at all unless ``new_log`` (the first publication): a log is never
started afresh by accident. :func:`write_log` writes ``log/`` (checkpoint, tiles, entry
bundles) and each ``/v/<stamp>/`` page's ``<stamp>.tlog-proof`` into the new site, through
the one writer. :func:`log_state` is what the build fingerprint needs to know of it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.derive.trust_log import (LOG_DIR, BuildLog, LogRefused, data_entry, data_fingerprint, history_entries,
                                        log_origin, next_log, parse_entry)
from generator.load.dataset import Dataset
from generator.render.context import SiteContext
from generator.views import paths
from generator.tlog.log import CHECKPOINT
from generator.tlog.note import NoteError, Signer, parse_signer
from generator.write.staging import StagingWriter

MAX_LOG_FILE = 64 * 1024 * 1024


class LogStageError(Exception):
    pass


def _signer(key: str) -> Signer:
    try:
        return parse_signer(key)
    except NoteError:
        raise LogStageError("日志签名密钥（WUYE_LOG_KEY）格式不对：应为 verify keygen 生成的 PRIVATE+KEY+… 一行") from None


def published_folder(published: Path | None, out: Path) -> Path:
    return published if published is not None else out / LOG_DIR


def read_published(folder: Path) -> dict[str, bytes] | None:
    """The published log's checkpoint and entry bundles (path under ``log/`` -> bytes); None when absent."""
    if not (folder / CHECKPOINT).is_file():
        return None
    files = {CHECKPOINT: (folder / CHECKPOINT).read_bytes()[:MAX_LOG_FILE]}
    for path in sorted((folder / "tile" / "entries").rglob("*")) if (folder / "tile" / "entries").is_dir() else []:
        if path.is_file() and not path.is_symlink():
            files[path.relative_to(folder).as_posix()] = path.read_bytes()[:MAX_LOG_FILE]
    return files


def log_state(key: str | None, published: Path | None, out: Path) -> str:
    """What of the log decides the build's output: the key's public half and the published checkpoint."""
    if not key:
        return ""
    checkpoint = published_folder(published, out) / CHECKPOINT
    seen = hashlib.sha256(checkpoint.read_bytes()).hexdigest() if checkpoint.is_file() else "none"
    return f"{hashlib.sha256(key.encode()).hexdigest()}:{seen}"


def _data_files(ds: Dataset) -> list[tuple[str, bytes]]:
    return [(p.relative_to(ds.root).as_posix(), p.read_bytes()) for p in sorted(ds.root.rglob("*"))
            if p.is_file() and not p.is_symlink() and p not in ds.outside and ".git" not in p.relative_to(ds.root).parts]


def prepare_log(key: str | None, published: Path | None, out: Path, new_log: bool, ctx: SiteContext) -> BuildLog | None:
    if not key:
        return None
    signer = _signer(key)
    ds = ctx.ds
    assert ds.city is not None
    folder = published_folder(published, out)
    files = read_published(folder)
    if files is None and not new_log:
        raise LogStageError(f"找不到已发布的公示日志 {folder / CHECKPOINT}：每次发布都要在已发布的日志后追加。"
                            "请先取回网站上的 log/ 目录（--published-log）；只有第一次发布时才加 --new-log")
    printed = {stamp: (e.compound_id, e.item_id) for stamp, e in ctx.views.current_stamps().items()}
    entries = history_entries(ctx.versions, printed) + [data_entry(data_fingerprint(_data_files(ds)))]
    try:
        return next_log(files, entries, signer, log_origin(ds.city.model.base_url()))
    except LogRefused as exc:
        raise LogStageError(str(exc)) from None


def write_log(writer: StagingWriter, log: BuildLog | None) -> None:
    if log is None:
        return
    for rel, data in sorted(log.files.items()):
        writer.write_bytes(f"{LOG_DIR}/{rel}", data)
    for entry in log.entries:
        parsed = parse_entry(entry)
        if parsed is None or parsed.kind != "stamp":
            continue
        rel = paths.stamp_proof(parsed.value)
        proof = log.proof(entry)
        if proof is not None and not writer.exists(rel):
            writer.write_text(rel, proof)

