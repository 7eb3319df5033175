"""Static checks run with the suite (so ``make test`` fails on any finding); the configuration
of both is in pyproject.toml:

* ruff (pyflakes, pycodestyle errors, bugbear) over the code, the tests and the benchmarks;
* mypy with the pydantic plugin over the package ``generator``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support import ROOT

BIN = Path(sys.executable).parent


def test_ruff_finds_nothing() -> None:
    done = subprocess.run([str(BIN / "ruff"), "check", "--no-cache", "generator", "tests", "bench"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    """Types of the whole package, pydantic models included; a fresh cache so that nothing is
    taken from an earlier run."""
    done = subprocess.run([str(BIN / "mypy"), "--cache-dir", str(tmp_path / "mypy-cache")],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Success: no issues found" in done.stdout, done.stdout
