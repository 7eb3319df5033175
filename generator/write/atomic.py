"""Atomic file writes: a file is either its old bytes or its new ones, never half written.

Contract: :func:`write_atomic` writes ``content`` to a temporary file in the target's own
folder (same file system) and renames it over ``path`` (``os.replace``, atomic on POSIX); on
any failure the temporary file is removed and ``path`` is left as it was. The one
implementation for files the build keeps between runs (the PDF cache, the build record).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
