"""Live preview: ``mkdocs serve`` on the staged folder, regenerated when data changes.

Contract: :func:`serve` stages the site into ``options.stage_dir`` (kept), starts MkDocs'
development server on it (which reloads the browser when staged files change), and polls
the data folder, ``content/``, the templates and ``mkdocs.yml`` once a second. On a change
it re-runs the one check (:func:`generator.commands.steps.check`) and renders into a fresh temporary folder and mirrors it into the
staging folder (:func:`generator.write.staging.sync_tree`, only changed files), so MkDocs
rebuilds. With data errors the preview shows the last good version with the errors (file,
line, cell, message and hint, in Chinese) in a banner at the top of every page, or, before
any good version, a page of just the errors; the next good regeneration removes them. The
watched folders include every template folder (``generator/templates/``); the Jinja
environment reloads changed templates. ``report`` is told either way.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path
from typing import Callable

from generator.commands.steps import BuildOptions, check, prepare_stage, stage
from generator.engines.mkdocs_runner import quiet_jieba
from generator.engines.site_config import load_site_config
from generator.errors import GeneratorError
from generator.findings import Finding, Severity
from generator.findings.report import describe
from generator.render.web.markdown_escape import html_text
from generator.render.web.mkdocs_config import DOCS_DIR
from generator.render.web.site import render_site
from generator.render.web.stamp_pages import stamp_pages
from generator.templates import ROOT as TEMPLATES
from generator.write.staging import sync_tree

Report = Callable[[list[Finding], bool], None]
"""Called after each regeneration: the findings (of the data, or of the error that stopped it) and whether it succeeded."""
POLL_SECONDS = 1.0


def _snapshot(roots: list[Path]) -> dict[Path, float]:
    out = {}
    for root in roots:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
        for path in files:
            out[path] = path.stat().st_mtime
    return out


class _Preview:
    """The staged preview and a copy of its last good version (to put the error banner on)."""

    def __init__(self, options: BuildOptions, target: Path, report: Report) -> None:
        self.options, self.target, self.report = options, target, report
        self.last_good: Path | None = None

    def regenerate(self) -> bool:
        site_config = load_site_config(self.options.config)
        checked = check(self.options.data, self.options.as_of, self.options.content)
        findings = checked.findings
        if not checked.ok:
            self._show_errors(findings)
            self.report(findings, False)
            return False
        ctx = checked.site()
        fresh = Path(tempfile.mkdtemp(prefix="wuye-serve-"))
        stage(render_site(ctx), ctx, site_config, self.options.content, fresh)
        for rel, html in stamp_pages(ctx).items():  # no engine renders them: MkDocs serves them as they are
            path = fresh / DOCS_DIR / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
        sync_tree(fresh, self.target)
        if self.last_good is not None:
            shutil.rmtree(self.last_good, ignore_errors=True)
        self.last_good = fresh
        self.report(findings, True)
        return True

    def _show_errors(self, findings: list[Finding]) -> None:
        banner = error_banner(findings, previous=self.last_good is not None)
        shown = Path(tempfile.mkdtemp(prefix="wuye-serve-errors-"))
        try:
            if self.last_good is not None:
                shutil.copytree(self.last_good, shown, dirs_exist_ok=True)
                for page in shown.rglob("*.md"):
                    page.write_text(with_banner(page.read_text(encoding="utf-8"), banner), encoding="utf-8")
            else:
                (shown / "docs").mkdir()
                (shown / "docs" / "index.md").write_text("# 数据有错误\n\n" + banner, encoding="utf-8")
                (shown / "mkdocs.yml").write_text(
                    "site_name: 预览（数据有错误）\ndocs_dir: docs\ntheme:\n  name: material\n  language: zh\n",
                    encoding="utf-8")
            sync_tree(shown, self.target)
        finally:
            shutil.rmtree(shown, ignore_errors=True)

    def close(self) -> None:
        if self.last_good is not None:
            shutil.rmtree(self.last_good, ignore_errors=True)


def error_banner(findings: list[Finding], previous: bool = True) -> str:
    """The errors as an HTML block (every value escaped) for the top of a Markdown page."""
    errors = [f for f in findings if f.severity is Severity.ERROR]
    shown = "下面显示的是上一版" if previous else "网站还无法生成"
    rows = "".join(
        f"<li><code>{html_text(f.location())}</code> {html_text(describe(f))}"
        + (f"<br>提示：{html_text(f.hint)}" if f.hint else "") + "</li>"
        for f in errors)
    return (f'<div class="admonition danger wuye-findings" role="alert">\n'
            f'<p class="admonition-title">数据有 {len(errors)} 个错误，{shown}；改正并保存后自动刷新</p>\n'
            f"<ol>{rows}</ol>\n</div>\n\n")


def with_banner(page: str, banner: str) -> str:
    """``page`` with ``banner`` after its front matter (if any)."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end != -1:
            return page[: end + 5] + "\n" + banner + page[end + 5:]
    return banner + page


def serve(options: BuildOptions, dev_addr: str, report: Report) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    quiet_jieba()
    assert options.stage_dir is not None
    target, _ = prepare_stage(options.stage_dir)
    preview = _Preview(options, target, report)
    preview.regenerate()
    watched = [options.data, options.content, options.config, TEMPLATES]
    stop = threading.Event()

    def watch() -> None:
        seen = _snapshot(watched)
        while not stop.wait(POLL_SECONDS):
            now = _snapshot(watched)
            if now != seen:
                seen = now
                try:
                    preview.regenerate()
                except GeneratorError as exc:
                    report(exc.findings, False)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        mkdocs_serve(config_file=str(target / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    finally:
        stop.set()
        preview.close()
