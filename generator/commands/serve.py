"""Live preview: ``mkdocs serve`` on the staged folder, regenerated when data changes.

Contract: :func:`serve` stages the site into ``options.stage_dir`` (kept), starts MkDocs'
development server on it (which reloads the browser when staged files change), and polls
the data folder, ``content/``, the templates and ``mkdocs.yml`` once a second. On a change
it re-runs load -> checks -> render into a fresh temporary folder and mirrors it into the
staging folder (:func:`generator.write.staging.sync_tree`, only changed files), so MkDocs
rebuilds. With data errors the preview keeps the last good version and ``report`` is told.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from generator.commands.build import BuildError, BuildOptions, prepare_stage, check, render, stage
from generator.engines.mkdocs_runner import quiet_jieba
from generator.engines.site_config import ConfigError, load_site_config
from generator.findings import Finding
from generator.templates import ROOT as TEMPLATES
from generator.write.staging import sync_tree

Report = Callable[[list[Finding], bool, str | None], None]
"""Called after each regeneration: the findings, whether it succeeded, and an error message."""
POLL_SECONDS = 1.0


def _snapshot(roots: list[Path]) -> dict[Path, float]:
    out = {}
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            out[path] = path.stat().st_mtime
    return out


def _regenerate(options: BuildOptions, target: Path, report: Report) -> bool:
    try:
        site_config = load_site_config(options.config)
    except ConfigError as exc:
        raise BuildError(str(exc)) from None
    checked, findings = check(options)
    if checked is None:
        report(findings, False, None)
        return False
    fresh = Path(tempfile.mkdtemp(prefix="wuye-serve-"))
    try:
        stage(render(checked), checked, site_config, options.content, fresh)
        sync_tree(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    report(findings, True, None)
    return True


def serve(options: BuildOptions, dev_addr: str, report: Report) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    quiet_jieba()
    assert options.stage_dir is not None
    target, _ = prepare_stage(options.stage_dir)
    if not _regenerate(options, target, report):
        raise BuildError("数据有错误，无法开始预览；请先修正上面列出的问题。")
    watched = [options.data, options.content, options.config, TEMPLATES]
    stop = threading.Event()

    def watch() -> None:
        seen = _snapshot(watched)
        while not stop.wait(POLL_SECONDS):
            now = _snapshot(watched)
            if now != seen:
                seen = now
                try:
                    _regenerate(options, target, report)
                except BuildError as exc:
                    report([], False, str(exc))

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        mkdocs_serve(config_file=str(target / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    finally:
        stop.set()
