"""The version stamp of a compound's data, printed on its notice PDF and shown on its page.

It is the first 8 hex digits of a SHA-256 over the compound's data files (its folder and
its company's file), each file hashed with its name, in sorted order; so paper and web
built from the same data show the same stamp, and any data change changes it.
"""

from __future__ import annotations

import hashlib

from generator.load.dataset import CompoundRecord, Dataset


def version_stamp(ds: Dataset, rec: CompoundRecord) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in rec.folder.iterdir() if p.is_file())
    company = rec.model.company
    if company and company in ds.companies:
        files.append(ds.root / ds.companies[company].rel)
    for path in files:
        digest.update(path.relative_to(ds.root).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:8]
