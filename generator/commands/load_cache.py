"""The build's cache of loaded compounds: a compound folder that did not change is not read and validated again.

Contract: :class:`LoadCache` is the :class:`generator.load.dataset.CompoundCache` the build
gives the loader (``check``, ``build`` and ``serve`` check afresh without one). An entry's key
is a hash of the generator's code and installed packages
(:func:`generator.commands.fingerprint.code_fingerprint`), the folder's absolute path (records
and findings name it), the name and bytes of every file below it (hidden ones too: the loader
reports them; a link by where it points) and which of them leave the data folder; its value
is what loading the folder gave (:class:`~generator.load.dataset.LoadedCompound`), pickled
when it was loaded, written once the data passed its checks (:meth:`LoadCache.save`). Entries
live in the build's own cache folder (:class:`FolderCache`:
complete or absent, pruned when unused), never in the data; one that cannot be read counts
as absent, and the folder is loaded afresh.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from generator.commands.fingerprint import code_fingerprint, file_digests
from generator.load.dataset import LoadedCompound
from generator.write.cache import FolderCache

LOAD_FORMAT = "load-1"
ENTRY = "loaded.pickle"


class LoadCache:
    def __init__(self, root: Path) -> None:
        self.cache = FolderCache(root)
        self._keys: dict[Path, str] = {}
        self._pending: dict[str, bytes] = {}

    @staticmethod
    def key(folder: Path, outside: set[Path]) -> str:
        digest = hashlib.sha256(f"{LOAD_FORMAT}\0{code_fingerprint()}\0{folder.resolve()}\0".encode("utf-8", "surrogateescape"))
        for rel, sha in file_digests(folder, hidden=True).items():
            digest.update(f"{rel}\0{sha}\n".encode("utf-8", "surrogateescape"))
        leaving = sorted(str(p) for p in outside if p == folder or folder in p.parents)
        digest.update("\0".join(leaving).encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def get(self, folder: Path, outside: set[Path]) -> LoadedCompound | None:
        key = self._keys[folder] = self.key(folder, outside)
        entry = self.cache.get(key)
        if entry is None:
            return None
        try:
            loaded = pickle.loads((entry / ENTRY).read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
            return None
        return loaded if isinstance(loaded, LoadedCompound) else None

    def put(self, folder: Path, outside: set[Path], loaded: LoadedCompound) -> None:
        """Keep ``loaded`` (pickled now, as loading left it) until :meth:`save`."""
        self._pending[self._keys.pop(folder, "") or self.key(folder, outside)] = \
            pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL)

    def save(self) -> None:
        """Write what was loaded: the build calls it once the data passed its checks, so a
        build that stops at a finding leaves no entry behind."""
        for key, data in sorted(self._pending.items()):
            try:
                with self.cache.put(key) as tmp:
                    (tmp / ENTRY).write_bytes(data)
            except OSError:
                return  # a cache that cannot be written only costs the next build a reload
        self._pending.clear()
