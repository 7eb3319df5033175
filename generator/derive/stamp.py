"""Version stamps and version dates: what identifies a version of the data on paper and web.

* :func:`version_stamp`: the compound's stamp, printed on its notice booklet and shown on its
  home page: the first 8 hex digits of a SHA-256 over the compound's data files (its folder
  and its company's file), each file hashed with its name, in sorted order; so paper and web
  built from the same data show the same stamp, and any data change changes it.
* :func:`item_stamp`: one item's stamp, printed on the item's notice sheet and shown on the
  item's page: the same digest over that item's own files (``<item>.yaml`` and its table,
  whatever the extension) and ``shows``, the caller's canonical text of everything else the
  sheet prints (company, committee, phones, status). Equal stamps mean equal sheets; an
  update of one item changes that item's stamp only.
* :func:`files_stamp`: the same digest over (name, bytes) pairs, so a past version read from
  git (:mod:`generator.derive.versions`) gets the stamp it had.
* :func:`version_date`: the date of a compound's data version, the latest posting date of
  its notices (None when nothing was posted). Printed documents carry this date, never the
  build day, so a rebuild on another day with the same data changes nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Iterable

from generator.load.dataset import CompoundRecord, Dataset


def files_stamp(files: Iterable[tuple[str, bytes]], extra: str = "") -> str:
    """The stamp of files given as (data-relative name, bytes): also of a past version read
    from git, which gives the same stamp as the same files on disk."""
    digest = hashlib.sha256()
    for name, raw in files:
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(raw)
        digest.update(b"\0")
    if extra:
        digest.update(extra.encode("utf-8"))
    return digest.hexdigest()[:8]


def _digest(ds: Dataset, files: Iterable[Path], extra: str = "") -> str:
    return files_stamp(((path.relative_to(ds.root).as_posix(), path.read_bytes()) for path in files), extra)


def version_stamp(ds: Dataset, rec: CompoundRecord) -> str:
    files = sorted(p for p in rec.folder.iterdir() if p.is_file())
    company = rec.model.company
    if company and company in ds.companies:
        files.append(ds.root / ds.companies[company].rel)
    return _digest(ds, files)


def item_files(rec: CompoundRecord, item_id: str) -> list[Path]:
    """The item's own files in the compound folder: ``<item>.yaml``, ``<item>.csv``, ``<item>.xlsx``…"""
    return sorted(p for p in rec.folder.iterdir() if p.is_file() and p.name.partition(".")[0] == item_id)


def item_stamp(ds: Dataset, rec: CompoundRecord, item_id: str, shows: str,
               files: Iterable[tuple[str, bytes]] | None = None) -> str:
    """``files``: the item's files of a past version (name, bytes) instead of those on disk."""
    if files is not None:
        return files_stamp(files, "shows\0" + shows)
    return _digest(ds, item_files(rec, item_id), "shows\0" + shows)


def version_date(rec: CompoundRecord) -> date | None:
    posted = [r.file.model.notice.posted_on for r in rec.items.values() if r.file.model.notice is not None]
    return max(posted) if posted else None
