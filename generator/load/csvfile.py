"""Read one CSV table as Excel writes it, keeping the line of every row.

Contract:

* encodings: UTF-8, UTF-8 with BOM, or GB18030 (Excel's "CSV" on Chinese Windows); anything
  else gives a ``csv-encoding`` finding;
* the first non-empty row is the header; headers are matched by field name or by the
  field's Chinese title, after NFKC folding, so ``收费标准`` and ``price`` are the same column;
* blank rows are skipped; every row keeps its 1-based physical line number (quoted cells
  with line breaks are handled by :mod:`csv`);
* never raises for bad input; returns ``None`` and a finding instead.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from generator.findings import Findings
from generator.model.values import fold


@dataclass
class CsvRow:
    line: int
    cells: dict[str, str]


@dataclass
class CsvTable:
    header: list[str]
    rows: list[CsvRow]

    def column_of(self, name: str) -> int | None:
        """1-based column index of a header, for findings."""
        try:
            return self.header.index(name) + 1
        except ValueError:
            return None


def decode(raw: bytes) -> tuple[str, str] | None:
    """Return (text, encoding name) or None when the bytes are in no accepted encoding."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return None


def read_csv(path: Path, rel: str, findings: Findings, aliases: dict[str, str]) -> CsvTable | None:
    """Read ``path``; ``aliases`` maps folded header text (name or title) to the field name."""
    decoded = decode(path.read_bytes())
    if decoded is None:
        findings.add("csv-encoding", rel, "无法识别文件编码（只接受 UTF-8 或 GB18030/GBK）", line=1,
                     hint="在 Excel 中选择“另存为 → CSV UTF-8（逗号分隔）”。")
        return None
    text, _ = decoded
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    rows: list[CsvRow] = []
    try:
        start = 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [aliases.get(fold(cell), fold(cell)) for cell in record]
                continue
            if len(record) > len(header) and any(c.strip() for c in record[len(header):]):
                findings.add("csv-extra-cells", rel, f"这一行有 {len(record)} 格，表头只有 {len(header)} 列",
                             line=line, column=len(header) + 1,
                             hint="删除多余的单元格，或检查数字中的逗号是否未加引号。")
            cells = {name: (record[i].strip() if i < len(record) else "") for i, name in enumerate(header)}
            rows.append(CsvRow(line=line, cells=cells))
    except csv.Error as exc:
        findings.add("csv-syntax", rel, f"CSV 格式错误：{exc}", line=reader.line_num,
                     hint="检查引号是否成对。")
        return None
    if header is None:
        return CsvTable(header=[], rows=[])
    return CsvTable(header=header, rows=rows)
