"""Excel templates of the tables, generated from the row models.

Contract: :func:`template` returns the bytes of an ``.xlsx`` for one table of
:data:`TABLES` (every catalogue item with a table, by item id, and ``evaluation``, the
score sheet):

* the first sheet, named after the table (what the reader looks for), has one column per
  field of the row model, in the model's order, headed by the field's Chinese title; the
  header row is frozen, bold and shaded, columns are as wide as their content needs;
* every choice column has a drop-down list (data validation) of its Chinese values, from
  :mod:`generator.model.vocabulary` or the model's literal values; counts and amounts are
  checked as non-negative numbers (a warning the clerk may override);
* formats per column: dates ``yyyy-mm-dd``, months ``yyyy-mm``, amounts ``#,##0.00##``,
  counts ``0``, and text (``@``) for words and phone numbers, so Excel keeps a leading 0;
* each header cell carries a note (批注) and each column an input message saying what to
  write, whether it is required, and how (:func:`generator.model.shapes.how_to_write`); a
  second sheet, 填写说明, lists the same for printing;
* no example rows: a template filled in and saved passes ``check`` as it is;
* deterministic: the same models give the same bytes (fixed document dates and zip times).

Pure: nothing is written to disk (the ``template`` command and the build write the bytes).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic.fields import FieldInfo

from generator.model.base import Record
from generator.model.items import ITEMS
from generator.model.shapes import choices_of, how_to_write, shape_of
from generator.model.tables import EvaluationRow

ROWS = 2000
"""Rows below the header that carry the drop-down lists and checks."""
FIXED_TIME = datetime(2026, 1, 1)
"""The document date written into every template (not the day it was made: reproducible)."""
ZIP_TIME = (2026, 1, 1, 0, 0, 0)

FORMATS = {"date": "yyyy-mm-dd", "month": "yyyy-mm", "number": "#,##0.00##", "count": "0", "phone": "@",
           "text": "@", "choice": "@"}
WIDTHS = {"date": 12, "month": 10, "number": 13, "count": 8, "phone": 16, "choice": 12, "text": 18}
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class TableForm:
    name: str
    """The template's name: the item id (``public_revenue``) or ``evaluation``."""
    title: str
    """What the table is, in Chinese (the item's name)."""
    sheet: str
    model: type[Record]

    @property
    def filename(self) -> str:
        return f"{self.name}.xlsx"


TABLES: dict[str, TableForm] = {
    **{i: TableForm(i, spec.name, spec.sheet, spec.row_model) for i, spec in ITEMS.items() if spec.row_model is not None},
    "evaluation": TableForm("evaluation", "考评得分表（红黑榜）", "评分表", EvaluationRow),
}
"""Every table that has a template, by the name ``template`` takes."""


def help_text(name: str, info: FieldInfo) -> str:
    """What the note on a column says: what it is, whether it must be filled, how to write it."""
    title = info.title or name
    what = info.description or title
    need = "必填" if info.is_required() else "可不填"
    how = how_to_write(info)
    return f"{title}（{need}）：{what}。{how}。" if what != title else f"{title}（{need}）。{how}。"


def _sheet_rows(form: TableForm) -> list[tuple[str, str, str, str]]:
    return [(info.title or name, "是" if info.is_required() else "否", info.description or "", how_to_write(info))
            for name, info in form.model.model_fields.items()]


def build(form: TableForm) -> Workbook:
    """The template as an openpyxl workbook (see the module doc)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = form.sheet
    ws.freeze_panes = "A2"
    for col, (name, info) in enumerate(form.model.model_fields.items(), start=1):
        shape = shape_of(info)
        letter = get_column_letter(col)
        title = info.title or name
        cell = ws.cell(1, col, title)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        note = help_text(name, info)
        cell.comment = Comment(note, "填写说明", width=260, height=110)
        dim = ws.column_dimensions[letter]
        dim.width = max(WIDTHS.get(shape, 18), 2 * len(title) + 4)
        dim.number_format = FORMATS.get(shape, "@")
        area = f"{letter}2:{letter}{ROWS + 1}"
        check = _validation(shape, info, title, note)
        if check is not None:
            ws.add_data_validation(check)
            check.add(area)
    notes = wb.create_sheet("填写说明")
    notes.append([f"{form.title}：每行一条记录，第一行表头不要改动。写在“{form.sheet}”工作表中，保存为 {form.filename}。"])
    notes.append(["可以在最后加一行“合计”（或分组加“小计”），检查会核对它与上面各行之和；不想写就不写。"])
    notes.append([])
    notes.append(["列名", "必填", "说明", "写法"])
    for row in _sheet_rows(form):
        notes.append(list(row))
    for letter, width in zip("ABCD", (16, 6, 40, 48)):
        notes.column_dimensions[letter].width = width
    for cell in notes[4]:
        cell.font = Font(bold=True)
    wb.properties.title = f"{form.title}（模板）"
    wb.properties.creator = "物业服务信息公开平台"
    wb.properties.language = "zh-CN"
    wb.properties.created = FIXED_TIME
    return wb


def _validation(shape: str, info: FieldInfo, title: str, note: str) -> DataValidation | None:
    prompt = {"promptTitle": title[:32], "prompt": note[:255], "showInputMessage": True}
    if shape == "choice":
        values = choices_of(info)
        return DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True,
                              showErrorMessage=True, errorTitle="请从下拉列表中选择"[:32],
                              error=("可选：" + "、".join(values))[:225], **prompt)
    if shape in ("number", "count"):
        return DataValidation(type="decimal" if shape == "number" else "whole", operator="greaterThanOrEqual",
                              formula1="0", allow_blank=True, showErrorMessage=True, errorStyle="warning",
                              errorTitle="应为不小于 0 的数", error=note[:225], **prompt)
    return DataValidation(type="custom", formula1="TRUE", allow_blank=True, **prompt) if note else None


def _save(wb: Workbook) -> bytes:
    """The workbook's bytes with fixed zip times and document dates (reproducible)."""
    from openpyxl.writer.excel import ExcelWriter

    wb.properties.modified = FIXED_TIME
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def template(name: str) -> bytes:
    """The ``.xlsx`` template of table ``name`` (a key of :data:`TABLES`)."""
    return _save(build(TABLES[name]))
