"""Change history of each compound's records, read from git (the data's own history).

Contract: :func:`read_log` returns every commit that changed a compound's files (oldest
first) with its committer time and the blob id of each changed file, and whether the clone
is shallow (then the history starts at the oldest commit it has); :func:`read_blobs` reads
blob contents in memory (``git cat-file --batch``), never writing anything.
:func:`read_history` returns, per compound id, the days on which its files were committed
(in China time, :mod:`generator.model.clock`: the day residents see on ``/updates/`` too)
and which files changed, newest first. It reads only commit dates and file names
(never commit messages or authors, which may name people). Outside a git work tree, or
without git, it returns an empty mapping: the history is then simply not shown. The result
depends only on the repository's commits, so a given commit always builds the same pages.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from generator.model.clock import china_day


@dataclass(frozen=True)
class Change:
    day: date
    files: tuple[str, ...]
    """File names inside the compound folder, sorted (e.g. ``public_revenue.csv``)."""


def _git(data: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(data), *args],
                              capture_output=True, text=True, encoding="utf-8", timeout=120)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def read_history(data: Path) -> dict[str, list[Change]]:
    prefix = _git(data, "rev-parse", "--show-prefix")
    if prefix is None:
        return {}
    log = _git(data, "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", "compounds")
    if not log:
        return {}
    marker = f"{prefix.strip()}compounds/"
    by_day: dict[str, dict[date, set[str]]] = {}
    for commit in log.split("\x00")[1:]:
        lines = [line for line in commit.splitlines() if line]
        if not lines:
            continue
        day = china_day(datetime.fromisoformat(lines[0]))
        for path in lines[1:]:
            if not path.startswith(marker):
                continue
            compound, _, name = path[len(marker):].partition("/")
            if name and "/" not in name:
                by_day.setdefault(compound, {}).setdefault(day, set()).add(name)
    return {cid: [Change(day, tuple(sorted(files))) for day, files in sorted(days.items(), reverse=True)]
            for cid, days in sorted(by_day.items())}


@dataclass(frozen=True)
class Commit:
    """One commit that touched ``compounds/``: its committer time and what it changed there."""

    when: datetime
    """Committer time with its UTC offset (never the author, never the message)."""
    files: dict[str, str | None]
    """Data-relative path (``compounds/lanting/fee_schedule.csv``) -> blob id, None when deleted."""


@dataclass(frozen=True)
class GitLog:
    commits: list[Commit]
    """Oldest first (first parents only: a merge counts as one change)."""
    shallow: bool
    """A shallow clone: the oldest commit is where the available history starts, not the first."""


def read_log(data: Path) -> GitLog | None:
    """Every commit that changed a file below ``data/compounds``, with blob ids; None outside git."""
    prefix = _git(data, "rev-parse", "--show-prefix")
    if prefix is None:
        return None
    log = _git(data, "log", "--first-parent", "-m", "--reverse", "--format=%x00%cI", "--raw", "--no-renames",
               "--no-abbrev", "--", "compounds")
    if log is None:
        return None
    marker = prefix.strip()
    commits = []
    for chunk in log.split("\x00")[1:]:
        lines = [line for line in chunk.splitlines() if line]
        if not lines:
            continue
        files: dict[str, str | None] = {}
        for line in lines[1:]:
            meta, _, path = line.partition("\t")
            parts = meta.split()
            if len(parts) < 5 or not path.startswith(marker):
                continue
            files[path[len(marker):]] = None if parts[4] == "D" else parts[3]
        if files:
            commits.append(Commit(datetime.fromisoformat(lines[0]), files))
    shallow = (_git(data, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    return GitLog(commits, shallow)


def read_blobs(data: Path, ids: set[str]) -> dict[str, bytes]:
    if not ids:
        return {}
    order = sorted(ids)
    try:
        done = subprocess.run(["git", "-C", str(data), "cat-file", "--batch"], input="\n".join(order).encode() + b"\n",
                              capture_output=True, timeout=300)
    except (OSError, subprocess.SubprocessError):
        return {}
    if done.returncode != 0:
        return {}
    out, raw, at = {}, done.stdout, 0
    for blob in order:
        end = raw.index(b"\n", at)
        header = raw[at:end].split()
        at = end + 1
        if len(header) < 3 or header[1] != b"blob":
            continue
        size = int(header[2])
        out[blob] = raw[at:at + size]
        at += size + 1
    return out


def changed_since(data: Path, ref: str) -> list[str] | None:
    """The data-relative paths of files below ``data`` that differ between ``ref`` (a branch or
    commit, such as a pull request's base) and the work tree; None when git cannot tell."""
    out = _git(data, "diff", "--name-only", "--no-renames", "--relative", ref, "--", ".")
    return None if out is None else [line for line in out.splitlines() if line]
