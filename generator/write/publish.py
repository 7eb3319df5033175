"""Putting a built site in place so that readers never see a half-built one, even when the
build is killed (SIGKILL, power loss) at any moment.

Contract:

* :func:`work_dir` makes the build's temporary folders (``new`` site, ``stage``) next to the
  output folder, named ``.<out>.<kind>-<pid>-<random>``, so the next build can find what a
  killed one left;
* :func:`clean_leftovers` (run at the start of every build) removes the folders of builds
  whose process is gone, and puts a site back when a build died between the two renames of a
  swap (the output folder is missing and a ``.<out>.old-*`` holds the previous site);
* :func:`swap_into_place` replaces the output folder with one atomic exchange
  (``renameat2(RENAME_EXCHANGE)`` on Linux); elsewhere with two renames that
  :func:`clean_leftovers` can undo;
* :func:`make_world_readable` gives the built site mode 0755 (folders) / 0644 (files), so a
  web server running as another user can serve it in place (``mkdtemp`` makes 0700).
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import tempfile
from pathlib import Path

KINDS = ("new", "old", "stage")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def work_dir(out: Path, kind: str) -> Path:
    """A fresh folder next to ``out`` for this process (absolute: MkDocs needs it so)."""
    assert kind in KINDS
    parent = out.parent.resolve()
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.{kind}-{os.getpid()}-", dir=parent))


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` runs (this one, or one we may not signal, counts as running)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def leftovers(out: Path) -> list[tuple[str, Path]]:
    """(kind, folder) of every work folder next to ``out`` whose build process is gone."""
    parent = out.parent
    if not parent.is_dir():
        return []
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.({'|'.join(KINDS)})-(\d+)-[^/]+$")
    found = []
    for path in sorted(parent.iterdir()):
        match = pattern.match(path.name)
        if match and path.is_dir() and not path.is_symlink() and not process_alive(int(match.group(2))):
            found.append((match.group(1), path))
    return found


def clean_leftovers(out: Path) -> list[Path]:
    """Undo what killed builds left next to ``out``; returns the folders removed or restored."""
    done = []
    for kind, path in leftovers(out):
        if kind == "old" and not out.exists():
            os.rename(path, out)  # the build died between the two renames: the previous site returns
        else:
            shutil.rmtree(path, ignore_errors=True)
        done.append(path)
    return done


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def swap_into_place(new: Path, out: Path) -> None:
    """Replace ``out`` by ``new`` (same parent, so same file system); ``new`` is gone after."""
    if not out.exists():
        os.rename(new, out)
        return
    if _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now holds the previous site
        return
    old = work_dir(out, "old")
    os.rmdir(old)
    os.rename(out, old)
    try:
        os.rename(new, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def make_world_readable(folder: Path) -> None:
    for here, _dirs, files in os.walk(folder):
        os.chmod(here, 0o755)
        for name in files:
            path = os.path.join(here, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)
