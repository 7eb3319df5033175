"""The one writer: puts rendered text and copied files into a staging folder.

Contract:

* every path is docs-relative POSIX (``compounds/lanting/index.md``); absolute paths, ``..``
  segments, backslashes and anything resolving outside the folder are refused
  (:class:`WriteError`), so no data value can make the generator write elsewhere;
* each path is written at most once per writer (a second write is a bug: two renderers
  claiming one URL) and is refused, case-insensitively, because the site may be served
  from a case-insensitive file system;
* text is written as UTF-8 with ``\\n`` line ends; bytes and copies are written as they are.

:func:`sync_tree` mirrors a freshly staged folder into a live one (for ``serve``), touching
only files whose bytes changed so MkDocs' watcher rebuilds only when something did;
:func:`mirror_tree` does the same and names the files (``deploy`` to a folder).
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path, PurePosixPath

from generator.errors import WriteError
from generator.load.limits import inside


class StagingWriter:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._written: dict[str, str] = {}
        self._folders: dict[tuple[str, ...], Path] = {(): self.root}
        """Folders made (or found) inside the root, by their parts: checked once, not per file."""

    def _folder(self, parts: tuple[str, ...], rel: str) -> Path:
        folder = self._folders.get(parts)
        if folder is None:
            folder = self.root.joinpath(*parts)
            folder.mkdir(parents=True, exist_ok=True)
            real = folder.resolve()
            if real != self.root and self.root not in real.parents:
                raise WriteError(f"refusing to write outside the output folder: {rel!r}")
            self._folders[parts] = folder
        return folder

    def _target(self, rel: str) -> Path:
        pure = PurePosixPath(rel)
        if not rel or "\\" in rel or pure.is_absolute() or ".." in pure.parts or "\0" in rel or not pure.parts:
            raise WriteError(f"refusing to write outside the output folder: {rel!r}")
        key = pure.as_posix().lower()
        if key in self._written:
            raise WriteError(f"refusing to write {rel!r} twice (first as {self._written[key]!r})")
        target = self._folder(pure.parts[:-1], rel) / pure.parts[-1]
        if os.path.islink(target) and self.root not in target.resolve().parents:
            raise WriteError(f"refusing to write outside the output folder: {rel!r}")
        self._written[key] = rel
        return target

    def write_text(self, rel: str, text: str) -> Path:
        target = self._target(rel)
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        return target

    def write_bytes(self, rel: str, data: bytes) -> Path:
        target = self._target(rel)
        target.write_bytes(data)
        return target

    def link(self, rel: str, target: Path) -> Path:
        """A symbolic link at ``rel`` to ``target`` (an absolute path, which may be outside
        the folder: the stand-ins of a shard's staging folder point into a shared skeleton;
        nothing is ever written through a link, see :meth:`_target`)."""
        path = self._target(rel)
        os.symlink(target, path)
        return path

    def exists(self, rel: str) -> bool:
        return PurePosixPath(rel).as_posix().lower() in self._written

    def copy(self, rel: str, source: Path) -> Path:
        target = self._target(rel)
        shutil.copyfile(source, target)
        return target

    def place(self, rel: str, source: Path) -> Path:
        """``source``'s bytes at ``rel`` as a hard link to it (a copy when the two folders are on
        different file systems): only for a ``source`` nothing modifies after it was written (a
        cache entry, a build's own staging files), since both names are then one file."""
        target = self._target(rel)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
        return target

    def copy_tree(self, source: Path, prefix: str = "") -> list[str]:
        """Copy every file below ``source`` (sorted, hidden files skipped) under ``prefix``.
        A link that leaves ``source`` is never followed: the checks report it
        (:func:`generator.load.limits.check_content`) before anything is staged."""
        done = []
        for path in sorted(p for p in source.rglob("*") if p.is_file()):
            rel = path.relative_to(source).as_posix()
            if any(part.startswith(".") for part in PurePosixPath(rel).parts) or not inside(path, source):
                continue
            self.copy(f"{prefix}{rel}", path)
            done.append(f"{prefix}{rel}")
        return done

    @property
    def written(self) -> list[str]:
        return sorted(self._written.values())


def sync_tree(source: Path, target: Path) -> int:
    """Make ``target`` equal to ``source``; returns how many files changed."""
    copied, removed = mirror_tree(source, target)
    return len(copied) + len(removed)


def mirror_tree(source: Path, target: Path, keep: tuple[str, ...] = ()) -> tuple[list[str], list[str]]:
    """Make ``target`` equal to ``source``, copying only files whose bytes differ and removing
    files (and then empty folders) ``source`` does not have, except below the top-level names
    in ``keep`` (``.git``, ``previews``), which are left as they are. Returns the POSIX paths
    copied and removed, sorted."""
    copied: list[str] = []
    removed: list[str] = []
    target.mkdir(parents=True, exist_ok=True)
    wanted = {p.relative_to(source) for p in source.rglob("*") if p.is_file()}
    for rel in sorted(wanted):
        src, dst = source / rel, target / rel
        if dst.is_file() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        copied.append(rel.as_posix())
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if rel.parts[0] in keep:
            continue
        if path.is_file() and rel not in wanted:
            path.unlink()
            removed.append(rel.as_posix())
        elif path.is_dir() and not any(path.iterdir()):
            os.rmdir(path)
    return copied, sorted(removed)
