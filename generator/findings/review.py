"""Findings as a clerk reads them in a pull (merge) request: one Markdown text for the
comment that the check keeps up to date and for the job summary.

Contract: :func:`review_markdown` is pure. It starts with :data:`MARKER` (a hidden HTML
comment: the comment poster finds the comment it wrote before by it and updates that one
instead of adding another), then one line that says in Chinese whether the change can be
merged, then one table row per finding, errors first (the order of
:meth:`Findings.sorted`), with the file, the worksheet, the cell or line, what is wrong and
how to fix it; the preview link when one is given and nothing blocks the build. Every text from the data (file names,
sheet names, messages) is escaped so that it shows as typed and cannot add Markdown, HTML or
table cells. Findings past :data:`MAX_ROWS` are counted, not listed (a comment holds at most
65,536 characters), with where to read them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from generator.findings.codes import Severity
from generator.findings.model import Finding
from generator.findings.report import file_path

MARKER = "<!-- wuye-gongkai:check -->"
"""The hidden first line of the check's comment (also what the poster looks for)."""
MAX_ROWS = 200
MAX_LINKS = 20
_ESCAPED = {"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;", "`": "\\`", "*": "\\*", "_": "\\_",
            "[": "\\[", "]": "\\]", "\r": " ", "\n": "<br>"}


@dataclass(frozen=True)
class ReviewContext:
    """What the comment says beside the findings (all optional)."""

    prefix: str = "data"
    """The data folder as the job gave it, put before every file name."""
    strict: bool = False
    preview_url: str | None = None
    """Where the built preview of this change can be opened."""
    details_url: str | None = None
    """The job's page (its summary lists the same findings; the findings workbook is there too)."""
    as_of: str | None = None
    changed: tuple[tuple[str, str], ...] = ()
    """(label, address) of the preview's pages that show what this change touched."""


def cell_text(text: str) -> str:
    """Text from the data as one Markdown table cell: shown as typed, nothing interpreted."""
    return "".join(_ESCAPED.get(ch, ch) for ch in text)


def is_error(f: Finding, strict: bool) -> bool:
    return strict or f.severity is Severity.ERROR


def place(f: Finding) -> str:
    """The cell (``E4``), the row (``第 4 行``) or the line (``第 4 行``) of a finding, or ``""``."""
    if f.cell:
        return f.cell
    if f.line:
        return f"第 {f.line} 行"
    return ""


def _headline(findings: list[Finding], ctx: ReviewContext) -> list[str]:
    errors = sum(1 for f in findings if is_error(f, ctx.strict))
    warnings = len(findings) - errors
    day = f"（按 {ctx.as_of} 的日期检查）" if ctx.as_of else ""
    if errors:
        return [f"### ❌ 数据检查未通过：{errors} 个错误，{warnings} 个警告{day}",
                "", "**有错误时不能合并。** 请按下表“怎么改”一列改正文件，再上传到同一个分支；"
                    "本评论会自动更新。"]
    if warnings:
        return [f"### ✅ 数据检查通过，有 {warnings} 个警告{day}", "",
                "可以合并。警告（如公示逾期、尚未公示）会如实显示在网站上，请尽快处理。"]
    return [f"### ✅ 数据检查通过，没有发现问题{day}", "", "可以合并。"]


def _row(f: Finding, ctx: ReviewContext) -> str:
    level = "错误" if is_error(f, ctx.strict) else "警告"
    what = f.message if not f.column_name or f.cell is None else f"“{f.column_name}”列：{f.message}"
    cells = [level, cell_text(file_path(ctx.prefix.rstrip("/"), f.file)),
             cell_text(f.sheet or ""), cell_text(place(f)), cell_text(what), cell_text(f.hint or "")]
    return "| " + " | ".join(cells) + " |"


def review_markdown(findings: Iterable[Finding], ctx: ReviewContext = ReviewContext()) -> str:
    items = sorted(findings, key=lambda f: (not is_error(f, ctx.strict), *f.sort_key()))
    lines = [MARKER, *_headline(items, ctx), ""]
    if ctx.preview_url and not any(is_error(f, ctx.strict) for f in items):
        lines += [f"🔎 **预览**：[打开这次修改后的网站]({ctx.preview_url})（几分钟后生成；合并前看看页面和公示单）", ""]
        if ctx.changed:
            lines += ["这次修改的公示（预览中的页面，页面上有本项公示单 PDF）：", ""]
            lines += [f"- [{cell_text(label)}]({url})" for label, url in ctx.changed[:MAX_LINKS]]
            more = len(ctx.changed) - MAX_LINKS
            lines += ([f"- 另有 {more} 项，见预览网站"] if more > 0 else []) + [""]
    elif ctx.preview_url:
        lines += ["🔎 改正全部错误后会生成预览网站。", ""]
    if items:
        lines += ["| 级别 | 文件 | 工作表 | 单元格/行 | 问题 | 怎么改 |", "|---|---|---|---|---|---|"]
        lines += [_row(f, ctx) for f in items[:MAX_ROWS]]
        if len(items) > MAX_ROWS:
            where = f"[检查任务的摘要]({ctx.details_url})" if ctx.details_url else "检查任务的摘要"
            lines += ["", f"另有 {len(items) - MAX_ROWS} 条未列出，全部问题见{where}和其中可下载的“检查结果.xlsx”。"]
    if ctx.details_url:
        lines += ["", f"[查看检查任务]({ctx.details_url})"]
    return "\n".join(lines) + "\n"
