"""Open data (``/data/``) and the change feed (``/feed.xml``).

Contract: pure; returns file contents as strings. Downloads:

* the city-wide tables of :mod:`generator.render.web.datapackage` (compounds, compliance,
  fees, public revenue by quarter, maintenance fund by year, rankings) as CSV, the compound
  list and the compliance table also as JSON, and ``data/datapackage.json`` describing the
  CSVs (Frictionless Data Package);
* ``data/ledgers/<compound>/<item>.csv``: each compound's validated tables, re-written as
  UTF-8 with BOM (Excel opens it directly) with Chinese column headers, whatever encoding
  and number forms staff typed, with what the pages compute where staff left it out (a
  balance, a share: :func:`generator.derive.statements.completed_rows`); amounts of money at
  least to the cent (``200`` and ``200.00`` both become ``200.00``);
* ``feed.xml``: an Atom feed of the latest notices by posting date.

CSV downloads are safe to open in a spreadsheet: a text cell that Excel or WPS would evaluate
as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets a
leading ``'`` as OWASP recommends (:func:`spreadsheet_safe`); numbers, negative ones
included, are written as they are.

Everything is sorted and carries no wall-clock time (the feed's ``updated`` is the newest
posting date), so equal data gives byte-identical files.
"""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from datetime import date
from typing import Any, Sequence

from pydantic import BaseModel

from generator.model.stated import Stated
from generator.derive.statements import completed_rows
from generator.model.shapes import is_money
from generator.views import paths
from generator.views.city import recent_notices
from generator.render.web.datapackage import TABLES, Table, descriptor, table_rows
from generator.render.context import SiteContext
from generator.render.web.environment import front_matter, render
from generator.render.web.markdown_escape import xml_attr, xml_text

FEED_ENTRIES = 50
BOM = "\ufeff"


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else _cell(v) for v in row] for row in rows])
    return BOM + buf.getvalue()


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


def spreadsheet_safe(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it (OWASP CSV injection)."""
    if text.startswith(FORMULA_START) and not _NUMBER.match(text):
        return "'" + text
    return text


def _plain(value: Any) -> str:
    if isinstance(value, Stated):
        return value.text  # a price or amount exactly as the notice prints it
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    text = _plain(value)
    return text if isinstance(value, (Decimal, int, date)) else spreadsheet_safe(text)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=_plain) + "\n"


def _table(table: Table, rows: list[dict[str, Any]]) -> str:
    return _csv([c.header for c in table.columns], [[row[c.key] for c in table.columns] for row in rows])


CENT = Decimal("0.01")


def _to_cent(value: Any) -> Any:
    """An amount of money with fewer than two decimals written to the cent (``200`` -> ``200.00``),
    so a ledger reads the same whether staff typed ``200.00`` in a CSV or Excel stored ``200``;
    more decimals (a per-㎡ share) are kept."""
    if isinstance(value, Decimal) and value.is_finite() and int(value.as_tuple().exponent) > -2:
        return value.quantize(CENT)
    return value


def _ledger(rows: Sequence[BaseModel]) -> str:
    fields = type(rows[0]).model_fields
    money = {name for name, info in fields.items() if is_money(info)}
    return _csv([info.title or name for name, info in fields.items()],
                [[_to_cent(getattr(r, n)) if n in money else getattr(r, n) for n in fields] for r in rows])


def ledger_files(ctx: SiteContext, compound_ids: list[str] | None = None) -> dict[str, str]:
    """``data/ledgers/<compound>/<item>.csv`` for every published table with rows (of the
    given compounds, or of all)."""
    out = {}
    for cid in ctx.compound_ids() if compound_ids is None else compound_ids:
        f = ctx.compound(cid)
        for item in ctx.items:
            record = f.shown(item.id)
            if record and record.table.rows:
                out[paths.ledger_file(cid, item.id)] = _ledger(completed_rows(record.file.model, record.table.rows))
    return out


def open_data(ctx: SiteContext) -> dict[str, str]:
    """The city-wide open data files and the ``/data/`` page (the ledgers: :func:`ledger_files`)."""
    tables = table_rows(ctx)
    ledgers = ctx.plan.of_kind("data")
    ledger_count = sum(1 for o in ledgers if paths.compound_of(o.path) is not None)
    files = {path: _table(TABLES[path], rows) for path, rows in tables.items()}
    files["data/compounds.json"] = _json(tables["data/compounds.csv"])
    files["data/compliance.json"] = _json(tables["data/compliance.csv"])
    files[paths.DATA_PACKAGE] = descriptor(ctx)
    page = paths.OPEN_DATA
    files[page] = front_matter("开放数据", search_exclude=True) + render(
        "opendata.md.j2", city=ctx.city, total=len(tables["data/compounds.csv"]), ledger_count=ledger_count,
        items=ctx.items, tables=[(TABLES[p], paths.link(page, p), len(rows)) for p, rows in tables.items()],
        files={name: paths.link(page, name) for name in files}, feed=paths.link(page, paths.FEED),
        compliance=paths.link(page, paths.COMPLIANCE),
    )
    return files


def feed(ctx: SiteContext) -> str:
    """Atom feed of the newest notices; ids and links are absolute under the city's site_url."""
    base = ctx.city.base_url()
    notices = recent_notices(ctx.views, FEED_ENTRIES)
    updated = max((notice.posted_on for _, _, notice in notices), default=ctx.as_of)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{xml_text(ctx.city.site_title)}：最新公示</title>",
             f"  <id>{xml_text(base)}</id>", f"  <link href={xml_attr(base)}/>",
             f"  <link rel=\"self\" href={xml_attr(paths.absolute_url(base, paths.FEED))}/>",
             f"  <updated>{updated.isoformat()}T00:00:00+08:00</updated>"]
    for f, item, notice in notices:
        url = paths.absolute_url(base, paths.item_page(f.id, item.id))
        period = f"（{notice.period.label}）" if notice.period else ""
        lines += ["  <entry>",
                  f"    <title>{xml_text(f.name)}：{xml_text(item.name)}{period}</title>",
                  f"    <id>{xml_text(url)}#{notice.posted_on.isoformat()}</id>",
                  f"    <link href={xml_attr(url)}/>",
                  f"    <updated>{notice.posted_on.isoformat()}T00:00:00+08:00</updated>",
                  f"    <author><name>{xml_text(f.company.name if f.company else f.name)}</name></author>",
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
