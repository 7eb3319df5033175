"""An item version as the figures residents read: what its page and its sheet show.

Contract: :func:`facts` returns every figure of one version keyed stably across versions, each
a :class:`Fact` (a label such as ``住宅物业服务费 收费标准`` or ``2026年第二季度 期末结余``, a raw
value, a unit, the period group it belongs to, the table row it belongs to, and the date a
price takes effect). The figures are those *shown*: where the clerk left out a figure the
generator computes (a maintenance fund's balances and yearly use, a service account's total
cost, commission, surplus and collection rate, a ledger's running balance, a utility share:
:mod:`generator.derive.statements`), the computed value stands in, so a figure the clerk
stops typing is no change. Values stay raw (Decimal, date, Period); renderers format them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from generator.derive.ledgers import quarterly_totals
from generator.derive.statements import completed_rows, fund_years, service_figures
from generator.load.dataset import ItemRecord
from generator.model import tables as t
from generator.model.base import Period, Record, parse_period, quarter_of
from generator.model.disclosures import MaintenanceFundFile, PublicRevenueFile, ServiceAccountsFile, item_as
from generator.model.labels import field_label
from generator.model.stated import UNIT_KINDS, Stated


@dataclass(frozen=True)
class Fact:
    label: str
    value: Any
    unit: str = ""
    group: str = ""
    """The period it belongs to (``2026年第二季度``), or '' for figures without a period."""
    row: str = ""
    """The table row it belongs to (``住宅物业服务费``), or ''."""
    effective: date | None = None
    """When the row's price takes effect (a fee row's 计费起始时间)."""


ROW_KEYS: dict[type[Record], tuple[str, ...]] = {
    t.ServiceItemRow: ("category", "item"),
    t.FeeRow: ("item",),
    t.FacilityRow: ("system",),
    t.PublicRevenueRow: ("date", "type", "category", "description"),
    t.MaintenanceFundUseRow: ("date", "project"),
    t.UtilityRow: ("month", "kind"),
    t.ParkingRow: ("type", "ownership"),
    t.RectificationRow: ("issue",),
}
"""The columns that name a row (the rest are its figures)."""
PERIOD_KEYS = {"date", "month"}
"""Key columns that date a row: its figures belong to a period once posted."""
REVENUE_TOTALS = (("income", "收入"), ("cost", "合理成本"), ("company_share", "企业分成"),
                  ("net_to_owners", "归业主净收益"), ("used", "资金使用"), ("closing_balance", "期末结余"))


def _text(value: Any) -> str:
    return value.label if isinstance(value, Period) else str(value)


def _group(value: Any) -> str:
    if isinstance(value, Period):
        return value.label
    if isinstance(value, date):
        return parse_period(quarter_of(value)).label
    if isinstance(value, int) and 2000 <= value <= 2100:
        return f"{value}年"
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        return f"{value[:4]}年{int(value[5:])}月"
    return ""


def _model_facts(model: BaseModel, prefix: str = "", group: str = "", skip: tuple[str, ...] = ()) -> list[tuple[str, Fact]]:
    out: list[tuple[str, Fact]] = []
    for name, info in type(model).model_fields.items():
        if name in skip:
            continue
        value = getattr(model, name)
        label = field_label(info, name)
        key = f"{prefix}{name}"
        if isinstance(value, Stated):
            out.append((key, Fact(label, value.text, "", group)))
        elif isinstance(value, BaseModel):
            out += _model_facts(value, key + ".", group)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            first = next(iter(type(value[0]).model_fields))
            for element in value:
                head = getattr(element, first)
                sub = _group(head)
                out += [(k, Fact(f"{_text(head)} {f.label}", f.value, f.unit, sub or group))
                        for k, f in _model_facts(element, f"{key}[{_text(head)}].", sub or group, skip=(first,))]
        elif isinstance(value, list):
            out.append((key, Fact(label, "；".join(str(v) for v in value), "", group)))
        elif value is not None:
            out.append((key, Fact(label, value, "", group)))
    return out


def _row_name(row: Record, keys: tuple[str, ...], seen: dict[str, int]) -> str:
    head = " ".join(_text(getattr(row, k)) for k in keys)
    seen[head] = seen.get(head, 0) + 1
    if seen[head] == 1:
        return head
    start = getattr(row, "start_date", None)
    return f"{head}（自 {start.isoformat()} 起）" if isinstance(start, date) else f"{head}（{seen[head]}）"


def _row_facts(rows: list[Record]) -> list[tuple[str, Fact]]:
    out: list[tuple[str, Fact]] = []
    seen: dict[str, int] = {}
    for row in rows:
        keys = ROW_KEYS.get(type(row), ())
        name = _row_name(row, keys, seen)
        dated = next((getattr(row, k) for k in keys if k in PERIOD_KEYS), None)
        group = _group(dated) if dated is not None else ""
        unit = (row.unit or "") if isinstance(row, t.FeeRow) else ""  # elsewhere ``unit`` is a fund's unit, not a measure
        start = getattr(row, "start_date", None) if isinstance(row, t.FeeRow) else None
        for fname, info in type(row).model_fields.items():
            value = getattr(row, fname)
            if fname in keys or value is None or (fname == "unit" and isinstance(row, t.FeeRow)):
                continue
            shown_unit = unit if fname in ("price", "base_price") or isinstance(value, Decimal) else ""
            if isinstance(value, Stated):
                shown_unit = shown_unit if value.kind in UNIT_KINDS else ""  # 按质论价: no unit after words
                value = value.text  # a price as typed
            out.append((f"row[{name}].{fname}", Fact(f"{name} {field_label(info, fname)}", value, shown_unit, group,
                                                     name, start)))
    return out


def _shown_model(model: BaseModel, rows: list[Record]) -> BaseModel:
    """The file's model with the figures the generator computes filled in where left out."""
    if isinstance(model, MaintenanceFundFile):
        totals = {y.year: y for y in fund_years(model, [r for r in rows if isinstance(r, t.MaintenanceFundUseRow)])}
        years = [y.model_copy(update={"opening_balance": totals[y.year].opening_balance, "used": totals[y.year].used,
                                      "closing_balance": totals[y.year].closing_balance}) for y in model.years]
        return model.model_copy(update={"years": years})
    if isinstance(model, ServiceAccountsFile):
        figures = service_figures(model)
        update: dict[str, Any] = {"total_cost": figures.total_cost, "surplus": figures.surplus}
        if model.commission is not None:
            update["commission"] = model.commission.model_copy(update={"amount": figures.commission})
        if model.income is not None:
            update["income"] = model.income.model_copy(update={"collection_rate": figures.collection_rate})
        return model.model_copy(update=update)
    return model


def facts(record: ItemRecord) -> dict[str, Fact]:
    """The figures of one version as shown, keyed stably across versions."""
    model = record.file.model
    out: list[tuple[str, Fact]] = []
    notice = model.notice
    if notice is not None:
        if notice.period:
            out.append(("notice.period", Fact("期间", notice.period)))
    else:
        out.append(("not_applicable", Fact("不适用理由", str(model.not_applicable))))
    if record.item_id == "public_revenue":
        totals = quarterly_totals(item_as(model, PublicRevenueFile), record.table.rows)
        for total in totals:
            out += [(f"quarter[{total.period.id}].{k}", Fact(f"{total.period.label} {label}", getattr(total, k), "元",
                                                               total.period.label)) for k, label in REVENUE_TOTALS]
        if totals:
            out.append(("balance", Fact("结余", totals[-1].closing_balance, "元")))
        out += _model_facts(model, skip=("notice", "not_applicable", "quarters"))
    else:
        rows = list(record.table.rows)
        out += _model_facts(_shown_model(model, rows), skip=("notice", "not_applicable"))
        out += _row_facts(completed_rows(model, rows))
    return dict(out)
