"""Which file holds a table, and reading it whatever its kind.

Contract: a table (an item's details, an evaluation's scores) is one file named after its
YAML file (or after the table's Chinese name, ``公共收益收支.xlsx``), with one of :data:`TABLE_SUFFIXES`: ``.csv`` (Excel's CSV, UTF-8 or GB18030),
``.txt`` (Excel's "Unicode 文本", UTF-16 and tab-separated, or any text the CSV reader
accepts) or ``.xlsx`` (a workbook). :func:`find_table` returns the one that exists; two
of them for the same table are a ``file-duplicate`` finding (which one is current cannot
be known). :func:`read_table` reads either kind into a
:class:`~generator.load.rawtable.RawTable`; :func:`aliases`, :func:`date_fields` and :func:`typed_fields`
say how a row model's columns are recognised and read. Never raises for bad input, never writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, get_args

from generator.findings import Findings
from generator.load.csvfile import read_csv
from generator.load.rawtable import RawTable, flag_cents, header_key
from generator.load.xlsxfile import read_xlsx
from generator.model.base import MONEY, Record, is_calendar
from generator.model.stated import Stated
from generator.model.vocabulary import header_forms

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx")
"""The kinds of table file, in the order findings name them."""
UNREADABLE_FORMATS = {
    ".xls": "旧版 Excel 97-2003 格式（.xls）",
    ".et": "WPS 表格自己的格式（.et）",
    ".xlsm": "启用宏的工作簿（.xlsm；宏不会运行，网站也不需要）",
    ".xlsb": "Excel 二进制工作簿（.xlsb）",
    ".ods": "LibreOffice/OpenOffice 格式（.ods）",
    ".numbers": "苹果 Numbers 格式（.numbers）",
}
"""Spreadsheet formats a table is saved in by mistake -> what they are, for the finding."""


def table_files(folder: Path, stem: str, names: Iterable[str] = (), suffixes: Iterable[str] = TABLE_SUFFIXES) -> list[Path]:
    """The files ``<stem or a name>.<suffix>`` in ``folder`` (a table may be named by its id or
    by its Chinese names, ``公共收益收支.xlsx``)."""
    return [folder / f"{s}{suffix}" for s in dict.fromkeys((stem, *names)) for suffix in suffixes
            if (folder / f"{s}{suffix}").is_file()]


def report_unreadable(folder: Path, stem: str, rel_folder: str, findings: Findings, names: Iterable[str] = ()) -> bool:
    """A ``table-format`` finding (and True) when the table is only there in a format that
    cannot be read (:data:`UNREADABLE_FORMATS`): the real cause, instead of a missing file."""
    found = table_files(folder, stem, names, UNREADABLE_FORMATS)
    if not found:
        return False
    path = found[0]
    findings.add("table-format", f"{rel_folder}/{path.name}", f"表格“{path.name}”是{UNREADABLE_FORMATS[path.suffix.lower()]}，读不了",
                 hint=f"在 Excel 或 WPS 中打开它，“文件 → 另存为 → Excel 工作簿（*.xlsx）”，保存为 {stem}.xlsx，"
                 "再删除这个文件。")
    return True


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


def typed_fields(model: type[Record]) -> frozenset[str]:
    """The fields kept as typed (a price, a text): a number there in a workbook reads as its
    number format shows it (``1.80``, not ``1.8``)."""
    return frozenset(name for name, info in model.model_fields.items()
                     if _as_typed(info.annotation) and not is_calendar(info))


def _as_typed(annotation: Any) -> bool:
    if annotation is str or annotation is Stated:
        return True
    return any(_as_typed(arg) for arg in get_args(annotation) if not isinstance(arg, (str, int)) or arg is str)


def find_table(folder: Path, stem: str, rel_folder: str, findings: Findings, names: Iterable[str] = ()) -> Path | None:
    """The table file ``<stem>.<suffix>`` (or ``<name>.<suffix>``) in ``folder``; None when there
    is none, or when there are several (a ``file-duplicate`` finding, under the first one's name)."""
    found = table_files(folder, stem, names)
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
    amount summed or carried (:func:`amounts`) with more than two decimals is a
    ``value-cents`` error (:func:`generator.load.rawtable.flag_cents`)."""
    if path.suffix.lower() == ".xlsx":
        table = read_xlsx(path, rel, findings, aliases(model), raw, names, date_fields(model), typed_fields(model))
    else:
        table = read_csv(path, rel, findings, aliases(model), raw)
    if table is not None:
        flag_cents(table, amounts(model), rel, findings)
    return table


RATE_WORD = "标准"
"""A money field titled ``…标准`` (收费标准, 分摊标准) is a rate in 元 per unit, not an amount:
it may carry more than two decimals (0.0310 元/㎡)."""


def amounts(model: type[Record]) -> tuple[str, ...]:
    """The fields holding amounts of money that are summed or carried (``TOTALS``, ``RUNNING``):
    written to the cent, never more."""
    fields = model.model_fields
    return tuple(name for name in model.TOTALS + model.RUNNING if MONEY in fields[name].metadata
                 and not (fields[name].title or "").endswith(RATE_WORD))
