"""Which file holds a table, and reading it whatever its kind.

Contract: a table (an item's details, an evaluation's scores) is one file named after its
YAML file, with one of :data:`TABLE_SUFFIXES`: ``.csv`` (Excel's CSV, UTF-8 or GB18030),
``.txt`` (Excel's "Unicode 文本", UTF-16 and tab-separated, or any text the CSV reader
accepts) or ``.xlsx`` (a workbook). :func:`find_table` returns the one that exists; two
of them for the same table are a ``file-duplicate`` finding (which one is current cannot
be known). :func:`read_table` reads either kind into a
:class:`~generator.load.rawtable.RawTable`; :func:`aliases` and :func:`date_fields` say
how a row model's columns are recognised. Never raises for bad input, never writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from generator.findings import Findings
from generator.load.csvfile import read_csv
from generator.load.rawtable import RawTable, flag_cents, header_key
from generator.load.xlsxfile import read_xlsx
from generator.model.base import Record, is_calendar
from generator.model.vocabulary import header_forms

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx")
"""The kinds of table file, in the order findings name them."""


def aliases(model: type[Record]) -> dict[str, str]:
    """Header key (of the field name, its Chinese title or a synonym of it) -> field name."""
    out: dict[str, str] = {}
    for name, info in model.model_fields.items():
        out[header_key(name)] = name
        for form in header_forms(info.title) if info.title else ():
            out.setdefault(header_key(form), name)
    return out


def date_fields(model: type[Record]) -> frozenset[str]:
    """The fields holding a date or a month (a number there in a workbook is a serial date)."""
    return frozenset(name for name, info in model.model_fields.items() if is_calendar(info))


def find_table(folder: Path, stem: str, rel_folder: str, findings: Findings) -> Path | None:
    """The table file ``<stem>.<suffix>`` in ``folder``; None when there is none, or when
    there are several (a ``file-duplicate`` finding, under the first one's name)."""
    found = [folder / f"{stem}{suffix}" for suffix in TABLE_SUFFIXES if (folder / f"{stem}{suffix}").is_file()]
    if len(found) > 1:
        names = "、".join(p.name for p in found)
        findings.add("file-duplicate", f"{rel_folder}/{found[0].name}", f"{stem} 的表格有 {len(found)} 个文件：{names}，"
                     "不知道哪一个是最新的，都未读取",
                     hint=f"只保留正在使用的那一个（如保留 {stem}.xlsx，删除 {stem}.csv）；往期的表格不用另存，git 中都有记录。")
        return None
    return found[0] if found else None


def read_table(path: Path, rel: str, findings: Findings, model: type[Record], raw: bytes | None = None,
               names: Iterable[str] = ()) -> RawTable | None:
    """Read ``path`` (or ``raw``, its bytes from git) as a table of ``model`` rows; ``names``:
    the worksheet names that mean this table (a workbook's other sheets are not read). An
    amount summed or carried (``TOTALS``, ``RUNNING``) with more than two decimals is a
    ``value-cents`` error (:func:`generator.load.rawtable.flag_cents`)."""
    if path.suffix.lower() == ".xlsx":
        table = read_xlsx(path, rel, findings, aliases(model), raw, names, date_fields(model))
    else:
        table = read_csv(path, rel, findings, aliases(model), raw)
    if table is not None:
        flag_cents(table, model.TOTALS + model.RUNNING, rel, findings)
    return table
