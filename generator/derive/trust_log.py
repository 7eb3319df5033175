"""What the site's transparency log holds, and the log of one build (pure).

Contract: the log's entries are one line of text each, declared here once:
``wuye-stamp <stamp> <what>`` for every version stamp the site has published (``<what>``:
``<compound>/<item>`` for an item's notice sheet, ``<compound>`` for a booklet,
``ranking/<period>`` for a ranking list) and ``wuye-data <sha256>`` for the data fingerprint of
a build (:func:`data_fingerprint`: every file of the data folder, by name and bytes).
:func:`log_origin` names the log after the site (``example.gov.cn/wuye/log``): the signing
key's name must be that origin. :func:`next_log` appends to the published log (or starts
one) the entries it does not hold yet, in the order given, signs the checkpoint and returns
the :class:`BuildLog` whose files the build publishes under ``log/`` and whose
:meth:`BuildLog.proof` is each ``/v/`` page's tlog-proof file. Entries already published are
never changed, dropped or reordered: ``next_log`` refuses (raises :class:`LogRefused`) a
published log that does not check out or a key that is not the log's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Iterable, Mapping

from generator.derive.versions import History

from generator.tlog.log import Log, LogError, appended, extends, log_files, read_log
from generator.tlog.merkle import Tree, leaf_hash
from generator.tlog.note import Signer
from generator.tlog.proof import format_proof

STAMP_PREFIX = "wuye-stamp"
DATA_PREFIX = "wuye-data"
LOG_DIR = "log"
"""Where the log is served, under the site root (``log/checkpoint``, ``log/tile/...``)."""


class LogRefused(Exception):
    """The published log cannot be extended (the message says why, in Chinese)."""


def stamp_entry(stamp: str, what: str) -> bytes:
    return f"{STAMP_PREFIX} {stamp} {what}\n".encode()


def data_entry(fingerprint: str) -> bytes:
    return f"{DATA_PREFIX} {fingerprint}\n".encode()


@dataclass(frozen=True)
class Entry:
    kind: str
    """``stamp`` or ``data``."""
    value: str
    what: str = ""


def parse_entry(raw: bytes) -> Entry | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    parts = text.removesuffix("\n").split(" ")
    if not text.endswith("\n") or "\n" in text[:-1]:
        return None
    if parts[0] == STAMP_PREFIX and len(parts) == 3:
        return Entry("stamp", parts[1], parts[2])
    if parts[0] == DATA_PREFIX and len(parts) == 2:
        return Entry("data", parts[1])
    return None


def data_fingerprint(files: Iterable[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, raw in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(raw).digest())
    return digest.hexdigest()


def history_entries(versions: History | None, printed: Mapping[str, tuple[str, str | None]] = {}) -> list[bytes]:
    """Every item version's stamp the history reaches, oldest first (uncommitted ones last),
    then every other stamp this build prints (``printed``: stamp -> (compound, item or None for
    its booklet), as :meth:`generator.views.site.Views.current_stamps` gives them)."""
    found = [(v.since, cid, item_id, n, v.stamp) for (cid, item_id), h in (versions.items if versions else {}).items()
             for n, v in enumerate(h.versions)]
    found.sort(key=lambda f: (f[0] is None, f[0] or datetime.min.replace(tzinfo=timezone.utc), f[1], f[2], f[3]))
    out = [stamp_entry(stamp, f"{cid}/{item_id}") for _since, cid, item_id, _n, stamp in found]
    known = {stamp for *_rest, stamp in found}
    out += [stamp_entry(stamp, cid if item_id is None else f"{cid}/{item_id}")
            for stamp, (cid, item_id) in sorted(printed.items()) if stamp not in known]
    return out


def log_origin(site_url: str) -> str:
    host_path = site_url.split("://", 1)[-1].rstrip("/")
    return f"{host_path}/{LOG_DIR}"


@dataclass
class BuildLog:
    entries: list[bytes]
    files: dict[str, bytes]
    """Path under ``log/`` -> bytes."""
    public_key: str
    """The verifier key, as printed on the ranking PDF and published on ``/verify/``."""
    appended: int
    """How many entries this build added."""
    tree: Tree = field(repr=False, default_factory=Tree)
    index: dict[bytes, int] = field(repr=False, default_factory=dict)

    @property
    def checkpoint(self) -> str:
        return self.files["checkpoint"].decode()

    def proof(self, entry: bytes) -> str | None:
        """The tlog-proof file of ``entry`` against this build's checkpoint (None: not logged)."""
        index = self.index.get(entry)
        if index is None:
            return None
        return format_proof(entry, index, self.tree.inclusion(index), self.checkpoint)


def next_log(published: Mapping[str, bytes] | None, new: Iterable[bytes], signer: Signer, origin: str) -> BuildLog:
    if signer.name != origin:
        raise LogRefused(f"签名密钥的名称 {signer.name} 与日志名称 {origin} 不一致（日志名称由 city.yaml 的 site_url 决定）")
    log: Log | None = None
    if published is not None:
        try:
            log = read_log(published, signer.verifier)
        except LogError as exc:
            raise LogRefused(f"已发布的公示日志无法核验（{exc}）：不能在其后追加，本次不发布") from None
    entries = appended(log.entries if log else [], new)
    if log is not None and not extends(log.checkpoint, entries):
        raise LogRefused("新的公示日志不是已发布日志的延续：本次不发布")
    kept = (*log.earlier_sizes, log.checkpoint.size) if log else ()
    files = log_files(entries, signer, kept)
    tree = Tree([leaf_hash(e) for e in entries])
    return BuildLog(entries, files, signer.verifier.text, len(entries) - (len(log.entries) if log else 0), tree,
                    {e: i for i, e in enumerate(entries)})
