"""Read one CSV table as Excel writes it, keeping the line of every row.

Contract:

* encodings: UTF-8, UTF-8 with BOM, or GB18030 (Excel's "CSV" on Chinese Windows); anything
  else gives a ``csv-encoding`` finding;
* the first non-empty row is the header; headers are matched by field name or by the
  field's Chinese title, after NFKC folding, so ``收费标准`` and ``price`` are the same column;
* blank rows are skipped; every row keeps its 1-based physical line number (quoted cells
  with line breaks are handled by :mod:`csv`);
* bounded (:mod:`generator.load.limits`): a file over ``MAX_CSV_BYTES`` is not read, more
  than ``MAX_CSV_ROWS`` rows, a header over ``MAX_CSV_COLUMNS`` columns or a cell over
  ``MAX_CELL_CHARS`` characters is a finding;
* findings point at the line of the defect: the first byte in no encoding (a file half
  UTF-8, half GBK), a NUL byte, the line where an unclosed quote opens;
* never raises for bad input; returns ``None`` and a finding instead.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from generator.findings import Findings
from generator.load.limits import MAX_CELL_CHARS, MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS, SPLIT_HINT, too_big
from generator.model.values import fold


@dataclass
class CsvRow:
    line: int
    cells: dict[str, str]
    row: int = 0
    """The row number a spreadsheet shows (differs from ``line`` after a cell with a line break)."""
    ragged: bool = False
    """More non-empty cells than the header has columns (already reported): the cells may be shifted."""


@dataclass
class CsvTable:
    header: list[str]
    rows: list[CsvRow]
    titles: list[str] = field(default_factory=list)
    """The header cells as the file has them (``收费标准``), for findings."""

    def column_of(self, name: str) -> int | None:
        """1-based column index of a header, for findings."""
        try:
            return self.header.index(name) + 1
        except ValueError:
            return None

    def title_of(self, name: str) -> str | None:
        """The header of field ``name`` as the file writes it."""
        index = self.column_of(name)
        return self.titles[index - 1] if index and index <= len(self.titles) else None


def decode(raw: bytes) -> tuple[str, str] | None:
    """Return (text, encoding name) or None when the bytes are in no accepted encoding."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def _mixed_line(raw: bytes) -> int | None:
    """The first line not in UTF-8 when other lines hold UTF-8 Chinese (a file edited in two
    encodings); None when the file is in one encoding."""
    try:
        raw.decode("utf-8")
        return None
    except UnicodeDecodeError:
        pass
    first_bad: int | None = None
    utf8_chinese = False
    for number, line in enumerate(raw.split(b"\n"), start=1):
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            first_bad = first_bad or number
            continue
        utf8_chinese = utf8_chinese or any("\u4e00" <= ch <= "\u9fff" for ch in text)
    return first_bad if utf8_chinese else None


def read_csv(path: Path, rel: str, findings: Findings, aliases: dict[str, str],
             raw: bytes | None = None) -> CsvTable | None:
    """Read ``path`` (or ``raw``, its bytes from git); ``aliases`` maps folded header text
    (name or title) to the field name."""
    if too_big(path, rel, MAX_CSV_BYTES, findings, "表格", raw):
        return None
    raw = path.read_bytes() if raw is None else raw
    mixed = _mixed_line(raw)
    decoded = None if mixed is not None else decode(raw)
    if decoded is None:
        if mixed is not None:
            findings.add("csv-encoding", rel, "文件混用了两种编码：前面是 UTF-8，从这一行起不是", line=mixed,
                         hint="用 Excel 或 WPS 打开后整体“另存为 → CSV UTF-8（逗号分隔）”，再检查这一行的文字。")
        else:
            findings.add("csv-encoding", rel, "无法识别文件编码（只接受 UTF-8 或 GB18030/GBK）", line=1,
                         hint="在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”。")
        return None
    text, _ = decoded
    if "\x00" in text:
        findings.add("csv-syntax", rel, "表格中有空字符（NUL），文件可能已损坏",
                     line=text.count("\n", 0, text.index("\x00")) + 1,
                     hint="用 Excel 或 WPS 打开，检查这一行后重新另存为 CSV UTF-8。")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    titles: list[str] = []
    rows: list[CsvRow] = []
    try:
        start = 1
        for number, record in enumerate(reader, start=1):
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                if len(record) > MAX_CSV_COLUMNS:
                    findings.add("csv-too-many-columns", rel,
                                 f"表头有 {len(record)} 列，超过 {MAX_CSV_COLUMNS} 列的上限，未读取", line=line,
                                 column=MAX_CSV_COLUMNS + 1,
                                 hint="表头只写本表的列（见数据说明第四节），删除多余的列后再另存。")
                    return None
                titles = [cell.strip() for cell in record]
                header = [aliases.get(fold(cell), fold(cell)) for cell in record]
                continue
            ragged = len(record) > len(header) and any(c.strip() for c in record[len(header):])
            if ragged:
                findings.add("csv-extra-cells", rel,
                             f"这一行有 {len(record)} 格，表头只有 {len(header)} 列；这一行不计入核对",
                             line=line, column=len(header) + 1,
                             hint="删除多余的单元格，或检查数字中的逗号是否未加引号（6,000.00 应写成 6000.00）。")
            long = next((i for i, cell in enumerate(record) if len(cell) > MAX_CELL_CHARS), None)
            if long is not None:
                findings.add("csv-cell-too-long", rel,
                             f"单元格有 {len(record[long])} 个字，超过 {MAX_CELL_CHARS} 字的上限", line=line,
                             column=long + 1, hint="表格每格只写一项内容；较长的说明写在同名 YAML 文件的备注中。")
                return None
            if len(rows) >= MAX_CSV_ROWS:
                findings.add("csv-too-many-rows", rel, f"表格超过 {MAX_CSV_ROWS} 行的上限，未读取",
                             line=line, hint=SPLIT_HINT)
                return None
            cells = {name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)}
            rows.append(CsvRow(line=line, cells=cells, row=number, ragged=ragged))
    except csv.Error as exc:
        if "field larger" in str(exc):
            findings.add("csv-cell-too-long", rel, f"单元格超过 {MAX_CELL_CHARS} 字的上限", line=start,
                         hint="表格每格只写一项内容；检查这一行的引号是否成对。")
        elif "end of data" in str(exc):
            findings.add("csv-syntax", rel, "这一行有一格以引号开头却没有结束的引号，后面的行都被当成了这一格", line=start,
                         hint="在这一格的末尾补上引号（\"），或删除多余的引号。")
        else:
            findings.add("csv-syntax", rel, f"CSV 格式错误：引号用法不对（{exc}）", line=start,
                         hint="一格内的引号要写成两个（\"\"），或整格不加引号。")
        return None
    if header is None:
        return CsvTable(header=[], rows=[])
    return CsvTable(header=header, rows=rows, titles=titles)
