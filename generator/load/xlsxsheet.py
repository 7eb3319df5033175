"""Which worksheet holds the table, and what in it the clerk cannot see or Excel did not compute.

Contract (every function reports at most one finding per mistake, naming the sheet and cells):

* :func:`choose`: the visible worksheet named after the item (``names``); else the first
  visible worksheet whose rows hold the table's header; a cover or notes sheet in front of
  it is a warning naming both sheets (the table is read); a table only on a hidden sheet is
  an error (unhide it); with no header anywhere, the first visible sheet (whose missing
  columns are then reported);
* :func:`layout_ok`: merged cells (other than over a title row, which the table reader names),
  cells showing a formula error, formulas saved without their value; :func:`visible_ok`:
  hidden rows or columns holding anything: each an error naming the cells (the table is not
  read: what is published must be what the clerk sees).
"""

from __future__ import annotations

from typing import Any, Iterable

from generator.findings import Findings
from generator.findings.model import cell_ref, column_letters
from generator.load.rawtable import header_index, header_key
from generator.load.xlsxmeasure import Book, Sheet


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _holds_table(rows: list[list[Any]], aliases: dict[str, str]) -> bool:
    return header_index([[_text(v) for v in row] for row in rows[:50]], aliases, strict=True) is not None


def choose(book: Book, values: dict[str, list[list[Any]]], names: Iterable[str], aliases: dict[str, str],
           findings: Findings, rel: str) -> Sheet | None:
    """The worksheet to read (see the module doc); None (and a finding) when there is none."""
    sheets = [s for s in book.sheets if s.name in values]
    visible = [s for s in sheets if s.visible]
    wanted = {header_key(n) for n in names}
    named = [s for s in visible if header_key(s.name) in wanted]
    if named:
        return named[0]
    holding = [s for s in sheets if _holds_table(values[s.name], aliases)]
    shown = [s for s in holding if s.visible]
    if shown:
        chosen = shown[0]
        if chosen is not visible[0]:
            front = "、".join(f"“{s.name}”" for s in visible[:visible.index(chosen)])
            findings.warn("xlsx-cover-sheet", rel, f"表格前面还有工作表 {front}（封面或说明，不是表格）；读取的是工作表“{chosen.name}”",
                          sheet=chosen.name, hint=f"删除工作表 {front}，或把工作表“{chosen.name}”拖到最前面；"
                          "标题和说明网站会自己显示，不必另做封面。")
        return chosen
    if holding:
        hidden = holding[0]
        findings.add("xlsx-hidden-sheet", rel, f"表格所在的工作表“{hidden.name}”被隐藏了，看得见的工作表"
                     f"{'、'.join(f'“{s.name}”' for s in visible) or '一个也没有'}里没有表格",
                     sheet=hidden.name, hint="右键任一工作表标签 →“取消隐藏”，选中这个工作表，保存；"
                     "不需要的说明页可以删除。")
        return None
    if not visible:
        findings.add("xlsx-unreadable", rel, "工作簿中没有可见的工作表", hint="在 Excel 中取消隐藏（右键工作表标签 → 取消隐藏）。")
        return None
    return visible[0]


def _cells(spots: list[tuple[int, int]]) -> str:
    names = [cell_ref(c, r) or "" for r, c in spots]
    return "、".join(names[:5]) + (f" 等 {len(names)} 格" if len(names) > 5 else "")


def layout_ok(sheet: Sheet, title_rows: int, findings: Findings, rel: str) -> bool:
    """False (and findings) when merged cells, formula errors or formulas without a value keep
    the table from being read as shown."""
    ok = _merged_ok(sheet, title_rows, findings, rel)
    if sheet.errors:
        row, col, error = sheet.errors[0]
        more = [(r, c) for r, c, _ in sheet.errors[1:]]
        also = f"（{_cells(more)} 也显示错误，多半是引用了这一格）" if more else ""
        findings.add("xlsx-cell-error", rel, f"单元格显示公式错误 {error}，没有可读的值{also}", line=row, column=col,
                     sheet=sheet.name, hint="改正这一格的公式（常见原因：除以 0、引用的单元格被删除），或直接填写数值。")
        ok = False
    if sheet.uncomputed:
        (row, col, formula), more = sheet.uncomputed[0], [(r, c) for r, c, _ in sheet.uncomputed[1:]]
        also = f"（{_cells(more)} 也是）" if more else ""
        findings.add("xlsx-formula-no-value", rel, f"单元格是公式 ={formula}，文件里却没有保存它的计算结果{also}",
                     line=row, column=col, sheet=sheet.name,
                     hint="用 Excel 或 WPS 打开这个文件再保存一次（会算出结果并保存），或直接填写数值。")
        ok = False
    return ok


def _merged_ok(sheet: Sheet, title_rows: int, findings: Findings, rel: str) -> bool:
    ok = True
    for r0, c0, r1, c1 in sorted(sheet.merged):
        if r1 <= title_rows:
            continue  # a merged title above the header: the table reader names the title row
        span = f"{cell_ref(c0, r0)}:{cell_ref(c1, r1)}"
        if r0 <= title_rows + 1 <= r1:
            message = f"表头中有合并单元格 {span}：每一列要有自己的表头"
            hint = "选中这些单元格，“取消合并”，再给每一列写上列名（列名见数据说明或 Excel 模板）。"
        else:
            message = f"表格中有合并单元格 {span}：合并后只有第一格有内容，其余各格是空的"
            hint = "选中这些单元格，“取消合并”，再在每一格填上内容。"
        findings.add("xlsx-merged-cells", rel, message, line=r0, column=c0, sheet=sheet.name, hint=hint)
        ok = False
    return ok


def visible_ok(sheet: Sheet, rows: list[list[str]], findings: Findings, rel: str) -> bool:
    """False (and one finding naming them) when hidden rows or columns hold anything."""
    hidden_rows = sorted(r for r in sheet.hidden_rows if r <= len(rows) and any(c.strip() for c in rows[r - 1]))
    hidden_cols = sorted(c for c in sheet.hidden_cols if any(c <= len(row) and row[c - 1].strip() for row in rows))
    if not hidden_rows and not hidden_cols:
        return True
    parts = []
    if hidden_rows:
        parts.append("第 " + "、".join(str(r) for r in hidden_rows[:10]) + (" 等" if len(hidden_rows) > 10 else "") + " 行")
    if hidden_cols:
        parts.append("、".join(column_letters(c) for c in hidden_cols[:10]) + " 列")
    first_row = hidden_rows[0] if hidden_rows else 1
    first_col = hidden_cols[0] if hidden_cols and not hidden_rows else None
    what = "这一行" if len(hidden_rows) == 1 and not hidden_cols else "和".join(parts)
    findings.add("xlsx-hidden-rows", rel, f"{what}被隐藏了，却有内容：Excel 里看不见，网站却会公示它们",
                 line=first_row, column=first_col, sheet=sheet.name,
                 hint="不该公示的（如重复的行）选中后右键“删除”；要公示的选中两边的行（列），右键“取消隐藏”。"
                 "筛选也会隐藏行：先“清除筛选”。")
    return False
