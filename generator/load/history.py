"""Change history of each compound's records, read from git (the data's own history).

Contract: :func:`read_history` returns, per compound id, the days on which its files were
committed and which files changed, newest first. It reads only commit dates and file names
(never commit messages or authors, which may name people). Outside a git work tree, or
without git, it returns an empty mapping: the history is then simply not shown. The result
depends only on the repository's commits, so a given commit always builds the same pages.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path


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
    log = _git(data, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", "compounds")
    if not log:
        return {}
    marker = f"{prefix.strip()}compounds/"
    by_day: dict[str, dict[date, set[str]]] = {}
    for commit in log.split("\x00")[1:]:
        lines = [line for line in commit.splitlines() if line]
        if not lines:
            continue
        day = date.fromisoformat(lines[0])
        for path in lines[1:]:
            if not path.startswith(marker):
                continue
            compound, _, name = path[len(marker):].partition("/")
            if name and "/" not in name:
                by_day.setdefault(compound, {}).setdefault(day, set()).add(name)
    return {cid: [Change(day, tuple(sorted(files))) for day, files in sorted(days.items(), reverse=True)]
            for cid, days in sorted(by_day.items())}
