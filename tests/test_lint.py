"""Static checks run with the suite: ruff (pyflakes, pycodestyle errors, bugbear) over the code,
the tests and the benchmarks; the configuration is in pyproject.toml."""

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
