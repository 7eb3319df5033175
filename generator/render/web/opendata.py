"""Open data (``/data/``) and the change feed (``/feed.xml``).

Contract: pure; returns file contents as strings. Downloads:

* ``data/compounds.csv`` / ``.json``: the compound list with district, street, community,
  company and status counts;
* ``data/compliance.csv`` / ``.json``: compound x catalogue item status (one row per pair);
* ``data/ledgers/<compound>/<item>.csv``: each compound's validated tables, re-written as
  UTF-8 with BOM (Excel opens it directly) with Chinese column headers, whatever encoding
  and number forms staff typed;
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
from typing import Any

from pydantic import BaseModel

from generator.render import paths
from generator.render.web.city import recent_notices
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


def _compound_rows(ctx: SiteContext) -> list[dict[str, Any]]:
    out = []
    for cid in ctx.compound_ids():
        f = ctx.compound(cid)
        m = f.record.model
        out.append({
            "id": cid, "name": m.name, "district": f.district.name, "street": f.street.name,
            "community": f.community.name if f.community else "", "address": m.address,
            "management": m.management, "company_id": f.company_id or "",
            "company": f.company.name if f.company else "", "households": m.households,
            "floor_area": m.floor_area, "published": f.counts["published"], "stale": f.counts["stale"],
            "missing": f.counts["missing"] + f.counts["invalid"], "not_applicable": f.counts["not_applicable"],
            "data_version": f.stamp, "url": paths.url_of(paths.compound_home(cid)),
        })
    return out


COMPOUND_HEADER = {
    "id": "编号", "name": "小区名称", "district": "区", "street": "街道", "community": "社区", "address": "地址",
    "management": "管理方式", "company_id": "企业编号", "company": "物业服务企业", "households": "户数",
    "floor_area": "建筑面积（㎡）", "published": "已公示", "stale": "逾期未更新", "missing": "未公示",
    "not_applicable": "不适用", "data_version": "数据版本", "url": "页面",
}


def _compliance_rows(ctx: SiteContext) -> list[dict[str, Any]]:
    out = []
    for cid in ctx.compound_ids():
        f = ctx.compound(cid)
        for item in ctx.items:
            s = f.statuses[item.id]
            out.append({
                "compound_id": cid, "compound": f.name, "item_id": item.id, "item": item.name,
                "state": s.state, "label": s.label,
                "period": s.notice.period.id if s.notice and s.notice.period else "",
                "posted_on": s.notice.posted_on if s.notice else "",
                "overdue_since": s.since or "", "reason": s.reason or "",
            })
    return out


COMPLIANCE_HEADER = {
    "compound_id": "小区编号", "compound": "小区名称", "item_id": "条目编号", "item": "公示项目",
    "state": "状态代码", "label": "状态", "period": "期间", "posted_on": "张贴日期",
    "overdue_since": "逾期起始日", "reason": "不适用理由",
}


def _table(header: dict[str, str], rows: list[dict[str, Any]]) -> str:
    return _csv(list(header.values()), [[row[k] for k in header] for row in rows])


def _ledger(rows: list[BaseModel]) -> str:
    model = type(rows[0])
    fields = list(model.model_fields)
    return _csv([model.model_fields[n].title or n for n in fields], [[getattr(r, n) for n in fields] for r in rows])


def ledger_files(ctx: SiteContext) -> dict[str, str]:
    """``data/ledgers/<compound>/<item>.csv`` for every published table with rows."""
    out = {}
    for cid in ctx.compound_ids():
        f = ctx.compound(cid)
        for item in ctx.items:
            record = f.shown(item.id)
            if record and record.table.rows:
                out[paths.ledger_file(cid, item.id)] = _ledger(record.table.rows)
    return out


def open_data(ctx: SiteContext) -> dict[str, str]:
    compounds = _compound_rows(ctx)
    compliance = _compliance_rows(ctx)
    ledgers = ledger_files(ctx)
    files = {
        "data/compounds.csv": _table(COMPOUND_HEADER, compounds),
        "data/compounds.json": _json(compounds),
        "data/compliance.csv": _table(COMPLIANCE_HEADER, compliance),
        "data/compliance.json": _json(compliance),
    }
    page = paths.OPEN_DATA
    files[page] = front_matter("开放数据", search_exclude=True) + render(
        "opendata.md.j2", city=ctx.city, total=len(compounds), ledger_count=len(ledgers), items=ctx.items,
        files={name: paths.link(page, name) for name in files}, feed=paths.link(page, paths.FEED),
        compliance=paths.link(page, paths.COMPLIANCE),
    )
    return files | ledgers


def feed(ctx: SiteContext) -> str:
    """Atom feed of the newest notices; ids and links are absolute under the city's site_url."""
    base = ctx.city.base_url()
    notices = recent_notices(ctx, FEED_ENTRIES)
    updated = max((f.statuses[i.id].notice.posted_on for f, i in notices), default=ctx.as_of)
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{xml_text(ctx.city.site_title)}：最新公示</title>",
             f"  <id>{xml_text(base)}</id>", f"  <link href={xml_attr(base)}/>",
             f"  <link rel=\"self\" href={xml_attr(paths.absolute_url(base, paths.FEED))}/>",
             f"  <updated>{updated.isoformat()}T00:00:00Z</updated>"]
    for f, item in notices:
        notice = f.statuses[item.id].notice
        url = paths.absolute_url(base, paths.item_page(f.id, item.id))
        period = f"（{notice.period.label}）" if notice.period else ""
        lines += ["  <entry>",
                  f"    <title>{xml_text(f.name)}：{xml_text(item.name)}{period}</title>",
                  f"    <id>{xml_text(url)}#{notice.posted_on.isoformat()}</id>",
                  f"    <link href={xml_attr(url)}/>",
                  f"    <updated>{notice.posted_on.isoformat()}T00:00:00Z</updated>",
                  f"    <author><name>{xml_text(f.company.name if f.company else f.name)}</name></author>",
                  "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
