"""What a build is made from, as one hash; and the record of the last build of an output folder.

Contract:

* :func:`inputs_fingerprint` hashes everything a build's output depends on: every file of the
  data folder, of ``content/`` and the site config (bytes and paths; hidden files are skipped
  as the build skips them), the data's git state (``HEAD`` and whether the clone is shallow:
  the history pages depend on the commits), the generator's own files (code and templates),
  the version of every installed Python package, the PDF font files (paths and sizes), and
  the options that change the output (date, paper, engine, strict). Equal fingerprints mean
  equal outputs; the parts of one sharded build carry it to be merged (:mod:`generator.engines.parts`);
* :class:`BuildRecord` is what the last successful build into a folder left in the cache
  (:func:`load_record`, :func:`save_record`): its fingerprint, what it reported, and the
  folder's file count and size when it finished. :func:`unchanged` says whether a new build
  would write the same folder: same fingerprint, and the folder still as that build left it.
  Then the build does nothing at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib.metadata import distributions
from pathlib import Path
from typing import Any, Iterable

import generator
from generator.findings import Finding, Severity
from generator.write.atomic import write_atomic

FORMAT = "wuye-build-1"
RECORDS = "builds"


def _files(root: Path, hidden: bool = False) -> Iterable[tuple[str, Path]]:
    """(POSIX path, file or link) below ``root``, sorted, hidden files and folders skipped
    unless ``hidden`` (and Python's ``__pycache__``: compiled copies appear when a module is
    first imported); links to folders are listed, not followed."""
    if not root.is_dir():
        return []
    out = []
    for here, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if (hidden or not d.startswith(".")) and d != "__pycache__")
        rel = os.path.relpath(here, root)
        links = [d for d in dirs if os.path.islink(os.path.join(here, d))]
        for name in sorted(files + links):
            if (hidden or not name.startswith(".")) and not name.endswith(".pyc"):
                out.append((name if rel == "." else f"{rel}/{name}".replace(os.sep, "/"), Path(here) / name))
    return sorted(out)


def _content(path: Path) -> bytes:
    """A file's bytes; a link by where it points (never followed: the loader refuses links
    that leave the folder, and a link inside it is hashed as its target file)."""
    try:
        if path.is_symlink():
            return b"link:" + os.readlink(path).encode("utf-8", "surrogateescape")
        return path.read_bytes()
    except OSError as exc:
        return f"unreadable:{exc.errno}".encode()


def file_digests(root: Path, hidden: bool = False) -> dict[str, str]:
    """POSIX path -> SHA-256 (hex) of every file below ``root`` the build reads, sorted (as
    :func:`inputs_fingerprint` hashes them: hidden files skipped unless ``hidden``, links by
    where they point)."""
    return {rel: hashlib.sha256(_content(path)).hexdigest() for rel, path in _files(root, hidden)}


def _hash_tree(digest: Any, label: str, root: Path) -> None:
    digest.update(f"\0{label}\0".encode())
    for rel, sha in file_digests(root).items():
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0" + bytes.fromhex(sha))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The generator's own files and every installed package's version."""
    digest = hashlib.sha256(FORMAT.encode())
    _hash_tree(digest, "generator", Path(generator.__file__).parent)
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in distributions() if d.metadata["Name"])
    digest.update("\n".join(versions).encode("utf-8"))
    return digest.hexdigest()


def _git_state(data: Path) -> str:
    try:
        done = subprocess.run(["git", "-C", str(data), "rev-parse", "HEAD", "--is-shallow-repository"],
                              capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return "no git"
    return done.stdout if done.returncode == 0 else "no git"


def inputs_fingerprint(data: Path, content: Path, config: Path | None, options: dict[str, str], fonts: str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(json.dumps(options, sort_keys=True).encode("utf-8"))
    digest.update(fonts.encode("utf-8"))
    digest.update(_git_state(data).encode("utf-8"))
    _hash_tree(digest, "data", data)
    _hash_tree(digest, "content", content)
    digest.update(b"\0config\0" + (config.read_bytes() if config is not None and config.is_file() else b""))
    return digest.hexdigest()


def folder_state(folder: Path) -> list[int]:
    """[files, bytes] below ``folder`` (hidden files included): what a record compares."""
    count = size = 0
    for here, _dirs, files in os.walk(folder):
        for name in files:
            try:
                size += os.stat(os.path.join(here, name)).st_size
            except OSError:
                continue
            count += 1
    return [count, size]


@dataclass
class BuildRecord:
    fingerprint: str
    pages: int
    files: int
    pdfs: int
    warnings: list[str]
    findings: list[dict[str, Any]]
    state: list[int] = field(default_factory=list)

    def finding_objects(self) -> list[Finding]:
        return [Finding(**{**f, "severity": Severity(f["severity"])}) for f in self.findings]


def _record_path(cache_root: Path, out: Path) -> Path:
    return cache_root / RECORDS / f"{hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:32]}.json"


def load_record(cache_root: Path, out: Path) -> BuildRecord | None:
    try:
        data = json.loads(_record_path(cache_root, out).read_text(encoding="utf-8"))
        return BuildRecord(**data)
    except (OSError, ValueError, TypeError):
        return None


def save_record(cache_root: Path, out: Path, record: BuildRecord) -> None:
    write_atomic(_record_path(cache_root, out), json.dumps(asdict(record), ensure_ascii=False).encode("utf-8"))


def forget_record(cache_root: Path, out: Path) -> None:
    _record_path(cache_root, out).unlink(missing_ok=True)


def unchanged(record: BuildRecord | None, fingerprint: str, out: Path, marker: str) -> bool:
    return (record is not None and record.fingerprint == fingerprint and (out / marker).is_file()
            and folder_state(out) == record.state)
