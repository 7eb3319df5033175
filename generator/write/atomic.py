"""Atomic file writes: a file is either its old bytes or its new ones, never half written.

Contract: :func:`write_atomic` writes ``content`` (:func:`write_atomic_with`: what ``fill``
writes into an open binary file, for content too big to hold in memory at once) to a temporary file in the target's own
folder (same file system) and renames it over ``path`` (``os.replace``, atomic on POSIX); on
any failure the temporary file is removed and ``path`` is left as it was. The one
implementation for files the build keeps between runs (the PDF cache, the build record).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable


def write_atomic(path: Path, content: bytes) -> None:
    write_atomic_with(path, lambda handle: handle.write(content))


def write_atomic_with(path: Path, fill: Callable[[BinaryIO], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
