"""Read one YAML file or one table into validated records, reporting every problem as a finding.

Contract: :class:`Reader` never raises for bad data and never writes. :meth:`Reader.yaml`
reads and validates a YAML file as a model (:class:`~generator.load.records.Loaded`, or None
when it cannot be used: reported); :meth:`Reader.table` reads a CSV, text or workbook table
(:func:`generator.load.tablefile.read_table`), checks its header against the row model (an
unknown column with a did-you-mean hint, a duplicate, a missing one) and validates each row,
keeping the rows that fail as :class:`~generator.load.records.Rejected` with the finding that
reported them. A path that leaves the data folder (``outside``) is never opened.
"""

from __future__ import annotations

import difflib
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.findings import Findings
from generator.findings.model import cell_ref
from generator.load.rawtable import RawTable
from generator.load.records import M, R, Loaded, Rejected, Table, TotalLine
from generator.load.tablefile import read_table
from generator.load.validation import report
from generator.load.yamlfile import YamlDoc, read_yaml
from generator.model.base import SLUG_RE, Record


class Reader:
    def __init__(self, root: Path, findings: Findings, outside: set[Path]) -> None:
        self.root = root
        self.findings = findings
        self.outside = outside

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def yaml(self, path: Path, model: type[M], raw: bytes | None = None) -> Loaded[M] | None:
        doc = self.doc(path, raw)
        return None if doc is None else self.validate(doc, self.rel(path), model)

    def doc(self, path: Path, raw: bytes | None = None) -> YamlDoc | None:
        """The YAML at ``path`` read (not validated); None when unreadable (reported)."""
        if path in self.outside:
            return None
        return read_yaml(path, self.rel(path), self.findings, raw)

    def validate(self, doc: YamlDoc, rel: str, model: type[M]) -> Loaded[M] | None:
        if not isinstance(doc.data, dict):
            self.findings.add("yaml-not-mapping", rel, "文件内容应为一组“键: 值”", line=1,
                              hint="参照示例文件的结构书写。")
            return None
        try:
            return Loaded(model.model_validate(doc.data), rel, doc)
        except ValidationError as exc:
            report(exc, model, rel, self.findings, doc.line_of)
            return None

    def table(self, path: Path, model: type[R], content: bytes | None = None,
              names: tuple[str, ...] = ()) -> Table[R] | None:
        """The table at ``path`` (a CSV, text or workbook; ``names``: the worksheet names that
        mean it), its rows validated as ``model``; None when it cannot be read (reported)."""
        rel = self.rel(path)
        if path in self.outside:
            return None
        raw = read_table(path, rel, self.findings, model, content, names)
        if raw is None:
            return None
        ok = self._check_header(raw, model, rel)
        out: Table[R] = Table(rel=rel, header=raw.header, titles=raw.titles, sheet=raw.sheet, columns=raw.columns)
        if not ok:
            return None
        index_of: list[int | None] = []
        for row in raw.rows:
            index_of.append(None)
            if row.ragged:  # reported by the reader; its cells may be shifted, so none is trusted
                out.rejected.append(Rejected(row.line, row.cells, next(iter(self.findings.at(rel, row.line)), None)))
                continue
            cells = {k: v for k, v in row.cells.items() if k in model.model_fields}
            cells = {k: v for k, v in cells.items() if v != "" or not _optional(model, k)}
            try:
                out.rows.append(model.model_validate(cells))
                index_of[-1] = len(out.rows) - 1
                out.lines.append(row.line)
                out.sheet_rows.append(row.row or row.line)
            except ValidationError as exc:
                before = len(self.findings.items)
                report(exc, model, rel, self.findings, partial(_cell_at_loc, raw, row))
                first = self.findings.items[before] if len(self.findings.items) > before else None
                out.rejected.append(Rejected(row.line, row.cells, first))
        for total in raw.totals:
            covered = [index_of[k] for k in total.covers]
            out.totals.append(TotalLine(total.line, total.row, total.word, total.cells,
                                        [i for i in covered if i is not None], None in covered, total.qualifier))
        return out

    def _check_header(self, raw: RawTable, model: type[Record], rel: str) -> bool:
        fields = model.model_fields
        ok = True
        line = raw.header_line or 1
        for name in raw.header:
            if name not in fields:
                titles = [f.title or n for n, f in fields.items()] + list(fields)
                close = difflib.get_close_matches(name, titles, n=1, cutoff=0.5)
                self.findings.add("csv-unknown-column", rel, f"未知的列“{name}”", line=line, column=raw.column_of(name),
                                  field=name, sheet=raw.sheet,
                                  hint=f"是不是想写“{close[0]}”？" if close else "可用的列：" + "、".join(titles))
                ok = False
        if len(set(raw.header)) != len(raw.header):
            twice = next(n for n in raw.header if raw.header.count(n) > 1)
            self.findings.add("csv-duplicate-column", rel, f"表头有重复的列“{fields[twice].title if twice in fields else twice}”",
                              line=line, sheet=raw.sheet, hint="删除重复的列（“余额”和“结余”是同一列）。")
            ok = False
        for name, info in fields.items():
            if info.is_required() and name not in raw.header:
                self.findings.add("csv-missing-column", rel, f"缺少必需的列“{info.title or name}”（{name}）",
                                  line=line, field=name, sheet=raw.sheet, hint="在表头补上这一列。")
                ok = False
        return ok

    def slug_ok(self, name: str, rel: str, what: str) -> bool:
        if SLUG_RE.match(name):
            return True
        self.findings.add("id-format", rel, f"{what}编号“{name}”不合法：只能用小写字母、数字和连字符",
                          hint="把文件（夹）改名，如 lanting-garden。")
        return False


def _cell_at(raw: RawTable, row: Any, name: Any) -> dict[str, Any]:
    """Where field ``name`` of table row ``row`` is: line, column, cell, column name and sheet."""
    column = raw.column_of(name) if isinstance(name, str) else None
    return {"line": row.line, "column": column, "cell": cell_ref(column, row.row or row.line),
            "column_name": raw.title_of(name) if isinstance(name, str) else None, "sheet": raw.sheet}


def _cell_at_loc(raw: RawTable, row: Any, loc: tuple[Any, ...]) -> dict[str, Any]:
    """:func:`_cell_at` for a validation error's location (its first part is the field)."""
    return _cell_at(raw, row, loc[0] if loc else None)


def _optional(model: type[Record], name: str) -> bool:
    return not model.model_fields[name].is_required()
