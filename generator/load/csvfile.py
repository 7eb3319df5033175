"""Read one CSV table as Excel writes it, keeping the line of every row.

Contract:

* encodings: UTF-8, UTF-8 with BOM, GB18030 (Excel's "CSV" on Chinese Windows), or UTF-16
  with its byte-order mark (Excel's "Unicode 文本", tab-separated); anything else gives a
  ``csv-encoding`` finding;
* separators: commas, or tabs when the header row has tabs and no comma (Excel's
  "Unicode 文本" and "文本文件（制表符分隔）");
* a workbook saved with a ``.csv`` (or ``.txt``) name, an ``.xlsx`` or an old ``.xls``, is
  recognised by its first bytes and gets a ``csv-encoding`` finding saying what to do;
* the rows then go through :func:`generator.load.rawtable.tabulate` (header matching,
  empty columns, 合计 rows, limits), the same rules as a workbook's; every row keeps its
  1-based physical line number (quoted cells with line breaks are handled by :mod:`csv`);
* bounded (:mod:`generator.load.limits`): a file over ``MAX_CSV_BYTES`` is not read;
* findings point at the line of the defect: the first byte in no encoding (a file half
  UTF-8, half GBK), a NUL byte, the line where an unclosed quote opens;
* never raises for bad input; returns ``None`` and a finding instead.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from generator.findings import Findings
from generator.load.limits import MAX_CELL_CHARS, MAX_CSV_BYTES, too_big
from generator.load.rawtable import GridRow, RawTable, tabulate

ZIP_MAGIC = b"PK\x03\x04"
"""The first bytes of an .xlsx (a zip archive)."""
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an old Excel 97-2003 .xls (and .et of old WPS)."""


def _utf16(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    return None


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


def workbook_hint(raw: bytes, stem: str) -> str | None:
    """What to do when a table file holds a workbook rather than text (None when it does not)."""
    if raw.startswith(ZIP_MAGIC):
        return (f"这个文件其实是 Excel 工作簿（.xlsx），只是文件名写成了文本表格：把文件名改为 {stem}.xlsx 即可"
                "（不用另存）；或在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”。")
    if raw.startswith(OLE_MAGIC):
        return (f"这个文件其实是旧版 Excel 97-2003 工作簿（.xls）：在 Excel 或 WPS 中打开，"
                f"“另存为 → Excel 工作簿（*.xlsx）”，保存为 {stem}.xlsx，再删除这个文件。")
    return None


def read_csv(path: Path, rel: str, findings: Findings, aliases: dict[str, str],
             raw: bytes | None = None) -> RawTable | None:
    """Read ``path`` (or ``raw``, its bytes from git); ``aliases`` maps header keys (names,
    titles and their synonyms, see :func:`generator.load.rawtable.header_key`) to field names."""
    if too_big(path, rel, MAX_CSV_BYTES, findings, "表格", raw):
        return None
    raw = path.read_bytes() if raw is None else raw
    workbook = workbook_hint(raw, path.stem)
    if workbook is not None:
        findings.add("csv-encoding", rel, "文件内容不是文本表格，而是 Excel 工作簿", line=1, hint=workbook)
        return None
    text = _utf16(raw)
    if text is None:
        mixed = _mixed_line(raw)
        decoded = None if mixed is not None else decode(raw)
        if decoded is None:
            if mixed is not None:
                findings.add("csv-encoding", rel, "文件混用了两种编码：前面是 UTF-8，从这一行起不是", line=mixed,
                             hint="用 Excel 或 WPS 打开后整体“另存为 → CSV UTF-8（逗号分隔）”，再检查这一行的文字。")
            else:
                findings.add("csv-encoding", rel, "无法识别文件编码（只接受 UTF-8、GB18030/GBK 或 Excel 的“Unicode 文本”）",
                             line=1, hint="在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”，或另存为 Excel 工作簿（.xlsx）。")
            return None
        text, _ = decoded
    first = next((line for line in text.splitlines() if line.strip()), "")
    tabs = "\t" in first and "," not in first
    if "\x00" in text:
        findings.add("csv-syntax", rel, "表格中有空字符（NUL），文件可能已损坏",
                     line=text.count("\n", 0, text.index("\x00")) + 1,
                     hint="用 Excel 或 WPS 打开，检查这一行后重新另存为 CSV UTF-8。")
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True, delimiter="\t" if tabs else ",")
    grid: list[GridRow] = []
    start = 1
    try:
        for number, record in enumerate(reader, start=1):
            line, start = start, reader.line_num + 1
            grid.append(GridRow(line=line, row=number, cells=record))
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
    return tabulate(grid, rel, findings, aliases)
