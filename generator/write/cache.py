"""A cache of built folders, each stored under the hash of everything it was made from.

Contract of :class:`FolderCache`:

* :meth:`get` returns the folder stored under a key, or ``None``; a folder is only ever
  visible complete: :meth:`put` yields a fresh temporary folder next to the entries and,
  when the block ends without an exception, renames it to the key in one step (another
  process that stored the same key first wins; both made the same bytes);
* entries are never modified after they are stored; reading one marks it used (its
  modification time), and :meth:`prune` removes entries not used for ``max_age`` seconds,
  and temporary folders a killed process left, so the cache does not grow without bound;
* keys are hex digests (anything else is refused), so no key can name a path elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Collection, Iterator

from generator.write.publish import process_alive

_KEY = re.compile(r"^[0-9a-f]{16,128}$")
TMP_PREFIX = ".tmp-"
DAY = 24 * 3600.0


class FolderCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a cache key: {key!r}")
        return self.root / key

    def get(self, key: str) -> Path | None:
        path = self._path(key)
        if not path.is_dir():
            return None
        try:
            os.utime(path)
        except OSError:
            pass
        return path

    @contextmanager
    def put(self, key: str) -> Iterator[Path]:
        """Yield a temporary folder to fill; it becomes the entry ``key`` when the block succeeds."""
        target = self._path(key)
        self.root.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=self.root))
        try:
            yield tmp
            try:
                os.rename(tmp, target)
            except OSError:
                if not target.is_dir():
                    raise
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)

    def prune(self, max_age: float = 2 * DAY, keep: Collection[str] = ()) -> list[str]:
        """Remove entries unused for ``max_age`` seconds (except ``keep``) and temporary
        folders of processes that are gone; returns the names removed."""
        if not self.root.is_dir():
            return []
        now = time.time()
        removed = []
        for path in sorted(self.root.iterdir()):
            name = path.name
            if name.startswith(TMP_PREFIX):
                pid = name[len(TMP_PREFIX):].split("-", 1)[0]
                if pid.isdigit() and not process_alive(int(pid)):
                    shutil.rmtree(path, ignore_errors=True)
                    removed.append(name)
            elif _KEY.match(name) and name not in keep and path.is_dir():
                try:
                    age = now - path.stat().st_mtime
                except OSError:
                    continue
                if age > max_age:
                    shutil.rmtree(path, ignore_errors=True)
                    removed.append(name)
        return removed

