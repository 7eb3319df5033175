"""Findings as files for other tools and for print: an Excel workbook and a GitLab Code Quality report.

Contract (pure: bytes and text out, nothing written here):

* :func:`findings_workbook` makes an ``.xlsx`` with one sheet 检查结果, one row per finding,
  errors first: 级别, 代码, 文件, 工作表, 单元格, 行, 列, 问题, 怎么改; a frozen, bold header,
  widths for A4 landscape printing, wrapped text. Every value is written as text, so a message
  that starts with ``=`` is never run as a formula.
* :func:`code_quality` makes the JSON list GitLab's merge-request widget reads
  (``artifacts:reports:codequality``): description, check_name, a stable fingerprint,
  severity (``major`` for an error, ``minor`` for a warning) and location (path, line).
"""

from __future__ import annotations

import hashlib
import io
import json
from typing import Iterable

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.properties import PageSetupProperties

from generator.findings.model import Finding
from generator.findings.report import describe, file_path
from generator.findings.review import is_error

SHEET = "检查结果"
COLUMNS = [("级别", 8), ("代码", 18), ("文件", 36), ("工作表", 14), ("单元格", 8), ("行", 6), ("列", 12),
           ("问题", 60), ("怎么改", 50)]


def _ordered(findings: Iterable[Finding], strict: bool) -> list[Finding]:
    return sorted(findings, key=lambda f: (not is_error(f, strict), *f.sort_key()))


def _text(value: object) -> str:
    return "" if value is None else str(value)


def findings_workbook(findings: Iterable[Finding], prefix: str = "data", strict: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet.append([name for name, _ in COLUMNS])
    for f in _ordered(findings, strict):
        row = ["错误" if is_error(f, strict) else "警告", f.code, file_path(prefix.rstrip("/"), f.file), f.sheet,
               f.cell, f.line, f.column_name, f.message, f.hint]
        sheet.append([_text(v) for v in row])
        for cell in sheet[sheet.max_row]:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, (_, width) in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def code_quality(findings: Iterable[Finding], prefix: str = "data", strict: bool = False) -> str:
    report = []
    for f in _ordered(findings, strict):
        path = file_path(prefix.rstrip("/"), f.file)
        where = f"{f.sheet}!{f.cell or f.line or ''}" if f.sheet else ""
        description = (f"{f.title}：{where + ' ' if where else ''}{describe(f)}"
                       + (f"（怎么改：{f.hint}）" if f.hint else ""))
        key = "\0".join([f.code, path, f.sheet or "", str(f.line or ""), f.cell or "", f.message])
        report.append({"description": description, "check_name": f.code,
                       "fingerprint": hashlib.sha256(key.encode("utf-8")).hexdigest(),
                       "severity": "major" if is_error(f, strict) else "minor",
                       "location": {"path": path, "lines": {"begin": f.line or 1}}})
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
