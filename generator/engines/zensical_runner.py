"""Run Zensical (the successor of MkDocs + mkdocs-material) on a staged folder.

Contract: :func:`run_zensical` builds ``<stage>/mkdocs.yml`` into ``site_dir`` by running
Zensical's own command line, ``python -m zensical build -f <stage>/mkdocs.yml --clean``, in
a child process (Zensical's Rust runtime prints its progress and keeps state of its own; a
child keeps both out of the generator). It prints nothing: Zensical's warnings
(``file:line:column message``) are returned; a failed build, or any warning with
``strict``, raises :class:`ZensicalFailed`; Zensical missing raises it too, saying how to
install it.

Zensical only writes inside the folder of the config file (``site_dir`` must be below it),
so it builds into ``<stage>/site`` and the result is moved into ``site_dir``; its cache
(``<stage>/.cache``) is removed, so the staged folder is left as it was given.
``SOURCE_DATE_EPOCH`` is the same no-date as for MkDocs (:data:`generator.engines.mkdocs_runner.EPOCH`).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.engines.mkdocs_runner import EPOCH
from generator.errors import ZensicalFailed

PACKAGE = "zensical"
OUTPUT = "site"
CACHE = ".cache"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WHERE = re.compile(r"\[\s*(\S+:\d+(?::\d+)?)\s*\]")


def available() -> bool:
    return importlib.util.find_spec(PACKAGE) is not None


def warnings_of(output: str) -> list[str]:
    """Zensical's diagnostics as ``file:line:column message`` lines (colours and frames dropped)."""
    found: list[str] = []
    lines = [_ANSI.sub("", line) for line in output.splitlines()]
    for i, line in enumerate(lines):
        if line.startswith(("Warning:", "Error:")):
            message = line.split(":", 1)[1].strip()
            where = next((m.group(1) for m in map(_WHERE.search, lines[i + 1:i + 3]) if m), "")
            found.append(f"{where} {message}".strip())
    return found


def run_zensical(config_file: Path, site_dir: Path, strict: bool = False) -> list[str]:
    """Build the site into the empty folder ``site_dir``; returns Zensical's warnings."""
    if not available():
        raise ZensicalFailed("未安装 Zensical：运行 .venv/bin/pip install -e '.[dev]'（版本见 pyproject.toml）")
    config = config_file.resolve()
    stage = config.parent
    output, cache = stage / OUTPUT, stage / CACHE
    for leftover in (output, cache):
        shutil.rmtree(leftover, ignore_errors=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_COLOR": "1"}
    command = [sys.executable, "-m", PACKAGE, "build", "-f", str(config), "--clean"] + (["--strict"] if strict else [])
    try:
        done = subprocess.run(command, cwd=stage, env=env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace")
        messages = warnings_of(done.stderr + "\n" + done.stdout)
        if done.returncode != 0 or not output.is_dir():
            tail = [line for line in _ANSI.sub("", done.stderr).strip().splitlines() if line.strip()][-1:]
            raise ZensicalFailed("; ".join(messages + tail) or f"退出码 {done.returncode}")
        site_dir.mkdir(parents=True, exist_ok=True)
        for child in sorted(output.iterdir()):
            shutil.move(str(child), str(site_dir / child.name))
    finally:
        for leftover in (output, cache):
            shutil.rmtree(leftover, ignore_errors=True)
    return messages
