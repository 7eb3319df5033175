"""A long build's progress for people: a live bar on a terminal (rich), plain lines in CI logs.

Both follow :class:`generator.commands.progress.Progress` (stage ids and their Chinese names:
:data:`generator.commands.progress.STAGES`) and write to stderr.
"""

from __future__ import annotations

import sys
import time
from typing import Any

import click


class _TerminalProgress:
    """Stage, count and time of a long build on a terminal (rich); plain lines elsewhere (CI logs)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=Console(stderr=True))
        self._tasks: dict[str, Any] = {}
        self._bar.start()

    def start(self, stage: str, total: int | None = None) -> None:
        from generator.commands.progress import STAGES

        self._tasks[stage] = self._bar.add_task(STAGES[stage], total=total)

    def advance(self, stage: str, steps: int = 1) -> None:
        self._bar.advance(self._tasks[stage], steps)

    def finish(self, stage: str) -> None:
        task = self._tasks[stage]
        total = self._bar.tasks[task].total
        self._bar.update(task, total=total or 1, completed=total or 1)
        self._bar.stop_task(task)

    def close(self) -> None:
        self._bar.stop()


class _LineProgress:
    """One line when a stage starts, at every tenth of it, and when it ends (with its time)."""

    def __init__(self) -> None:
        self._stages: dict[str, list[Any]] = {}

    def start(self, stage: str, total: int | None = None) -> None:
        from generator.commands.progress import STAGES

        self._stages[stage] = [total, 0, 0, time.perf_counter()]
        click.echo(f"[{STAGES[stage]}] 开始" + (f"（共 {total} 项）" if total else ""), err=True)

    def advance(self, stage: str, steps: int = 1) -> None:
        from generator.commands.progress import STAGES

        state = self._stages[stage]
        state[1] += steps
        total = state[0]
        if total and state[1] * 10 // total > state[2]:
            state[2] = state[1] * 10 // total
            click.echo(f"[{STAGES[stage]}] {state[1]}/{total}", err=True)

    def finish(self, stage: str) -> None:
        from generator.commands.progress import STAGES

        state = self._stages[stage]
        click.echo(f"[{STAGES[stage]}] 完成，用时 {time.perf_counter() - state[3]:.1f} 秒", err=True)

    def close(self) -> None:
        pass


def progress() -> _TerminalProgress | _LineProgress:
    """A progress bar on a terminal, plain lines elsewhere (tests/test_progress.py)."""
    return _TerminalProgress() if sys.stderr.isatty() else _LineProgress()
