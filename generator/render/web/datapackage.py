"""The city-wide open-data tables and their Frictionless Data Package (``/data/datapackage.json``).

Contract: pure. :data:`TABLES` declares every city-wide CSV once: its file, its Chinese
title, and its columns (:class:`Column`: key, header as the CSV writes it, Frictionless type,
unit, allowed values, whether it may be empty) and primary key. Columns that copy a model
field are made from the model (:func:`model_columns`: the field's ``title``, its type from
the annotation, the allowed values of a choice), so the CSV header, the descriptor and the
model cannot drift apart. :func:`table_rows` gives each table's rows (dicts keyed by column
key) from the checked data; :func:`descriptor` gives the ``datapackage.json`` text describing
them (Table Schema: field name = the CSV header, ``title``, ``type``, ``unit``, constraints,
``primaryKey``, ``foreignKeys`` to the compound list). ``frictionless validate`` passes on
it (``tests/test_opendata.py``).
"""

from __future__ import annotations

import json
import typing
from dataclasses import asdict, dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, Callable, Literal

from pydantic import BaseModel

from generator.derive.vote import assess
from generator.derive.status import LABELS
from generator.derive.ledgers import quarterly_totals
from generator.derive.statements import fund_years
from generator.model.disclosures import FundYear
from generator.model.labels import field_label
from generator.model.notices import Distribution, FundApplication, Vote
from generator.model.tables import FeeRow
from generator.model.vocabulary import MANAGEMENT
from generator.views import paths
from generator.views.ranking import period_view
from generator.render.context import SiteContext

FieldType = Literal["string", "integer", "number", "date", "boolean"]


@dataclass(frozen=True)
class Column:
    key: str
    """Key of the value in a row dict (the model field name where there is one)."""
    header: str
    """The CSV header and the Frictionless field name (Chinese, as residents read it)."""
    type: FieldType = "string"
    unit: str = ""
    enum: tuple[str, ...] = ()
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class Table:
    path: str
    """Site path (``data/fees.csv``)."""
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    """Column keys."""
    compound_key: str | None = "compound_id"
    """Column key referring to ``data/compounds.csv`` (a foreign key), if any."""

    @property
    def name(self) -> str:
        """Resource name: the file name without ``.csv`` (``public-revenue``)."""
        return self.path.rsplit("/", 1)[-1].removesuffix(".csv")

    def header_of(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)


def _type_of(annotation: Any) -> tuple[FieldType, tuple[str, ...], bool]:
    """Frictionless type, allowed values and whether None is allowed, from a field annotation."""
    args = typing.get_args(annotation)
    optional = type(None) in args
    if optional:
        rest = [a for a in args if a is not type(None)]
        annotation = rest[0] if len(rest) == 1 else str
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is Literal:
        return "string", tuple(str(v) for v in typing.get_args(annotation)), optional
    kinds: tuple[tuple[type, FieldType], ...] = ((bool, "boolean"), (int, "integer"), (Decimal, "number"),
                                                  (date, "date"))
    for kind, name in kinds:
        if isinstance(annotation, type) and issubclass(annotation, kind):
            return name, (), optional
    return "string", (), optional


def model_columns(model: type[BaseModel], units: dict[str, str] | None = None,
                  skip: tuple[str, ...] = ()) -> tuple[Column, ...]:
    """One column per model field, headed by the field's title (its description's first words
    when it has no title)."""
    out = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        kind, enum, optional = _type_of(info.annotation)
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        listed = extra.get("enum")
        if not enum and isinstance(listed, list):
            enum = tuple(str(v) for v in listed)
        title = field_label(info, name)
        out.append(Column(name, title, kind, (units or {}).get(name, ""), enum,
                          required=info.is_required() and not optional, description=info.description or ""))
    return tuple(out)


COMPOUND = (Column("compound_id", "小区编号", description="与 compounds.csv 的“编号”对应"),
            Column("compound", "小区名称"))

TABLES: dict[str, Table] = {t.path: t for t in (
    Table("data/compounds.csv", "小区名录", "每个小区的区、街道、社区、地址、物业服务企业、户数、面积和公示情况", (
        Column("id", "编号"), Column("name", "小区名称"), Column("district", "区"), Column("street", "街道"),
        Column("community", "社区", required=False), Column("address", "地址"),
        Column("management", "管理方式", enum=tuple(MANAGEMENT), description="；".join(f"{k} {v}" for k, v in MANAGEMENT.items())),
        Column("company_id", "企业编号", required=False), Column("company", "物业服务企业", required=False),
        Column("households", "户数", "integer", "户", required=False),
        Column("floor_area", "建筑面积（㎡）", "number", "㎡", required=False),
        *(Column(state, LABELS[state], "integer", "项") for state in ("published", "stale", "missing", "not_applicable")),
        Column("data_version", "数据版本", description="版本号：与该小区公示汇编 PDF 上印的版本号相同；公示内容任何改动都会改变它"),
        Column("url", "页面", description="相对于网站地址"),
    ), ("id",), compound_key=None),
    Table("data/compliance.csv", "公示情况", "每个小区每个公示项目的状态、期间、张贴日期", (
        *COMPOUND, Column("item_id", "条目编号"), Column("item", "公示项目"),
        Column("state", "状态代码", enum=("published", "stale", "missing", "not_applicable", "invalid")),
        Column("label", "状态"), Column("period", "期间", required=False, description="如 2026-q3"),
        Column("posted_on", "张贴日期", "date", required=False),
        Column("overdue_since", "逾期起始日", "date", required=False),
        Column("reason", "不适用理由", required=False),
    ), ("compound_id", "item_id")),
    Table("data/fees.csv", "收费标准", "各小区公示的收费项目与标准（明码标价）", (
        *COMPOUND, Column("row", "序号", "integer", description="该小区收费表中的行序"),
        *model_columns(FeeRow),
    ), ("compound_id", "row")),
    Table("data/public-revenue.csv", "公共收益（按季度）", "各小区公共收益按季度的收入、成本、企业分成、使用和期末结余", (
        *COMPOUND, Column("quarter", "季度", description="如 2026-q3"),
        Column("income", "收入", "number", "元"), Column("cost", "合理成本", "number", "元"),
        Column("company_share", "企业分成", "number", "元"), Column("net_to_owners", "归业主净收益", "number", "元"),
        Column("used", "业主共有资金使用", "number", "元"), Column("closing_balance", "期末结余", "number", "元"),
    ), ("compound_id", "quarter")),
    Table("data/maintenance-fund.csv", "专项维修资金（按年度）", "各小区专项维修资金每年的归集、利息、使用和余额", (
        *COMPOUND, *model_columns(FundYear, units={n: "元" for n in FundYear.model_fields if n not in ("year", "unit")}),
    ), ("compound_id", "unit", "year")),
    Table("data/fund-notices.csv", "专项维修资金使用公告", "各小区专项维修资金的申请使用、使用、决算和应急使用公告，含业主表决数字和按《民法典》第二百七十八条的核算", (
        *COMPOUND, Column("row", "序号", "integer"),
        *model_columns(FundApplication, skip=("vote", "issuers")),
        *(replace(c, required=False) for c in model_columns(Vote)), Column("issuers", "落款", required=False, description="落款单位和文号，多个用“；”分隔"),
        Column("participation_met", "参与表决达到双三分之二", "boolean", required=False),
        Column("agreement_met", "同意达到法定比例", "boolean", required=False),
        Column("vote_result", "表决核算", required=False, description="按《民法典》第二百七十八条计算的结果"),
    ), ("compound_id", "row")),
    Table("data/revenue-distributions.csv", "公共收益分配", "各小区公共收益分配到户的规则、户数、总额和发放日期", (
        *COMPOUND, Column("row", "序号", "integer"), *model_columns(Distribution),
    ), ("compound_id", "row")),
    Table("data/fee-tiers.csv", "分档收费标准", "按楼层或按建筑类型×服务等级的分档价格，每格一行", (
        *COMPOUND, Column("item", "收费项目"), Column("unit", "单位", required=False),
        Column("row_title", "分档依据"), Column("tier", "档次"), Column("grade", "服务等级", required=False),
        Column("price", "收费标准", description="照公告原样"),
        Column("formula", "计算公式", required=False),
    ), ("compound_id", "item", "tier", "grade")),
    Table("data/rankings.csv", "红黑榜", "每期考评各物业服务企业的综合得分、名次、榜单和信用等级", (
        Column("period", "期间", description="如 2026-h1"), Column("company_id", "企业编号"),
        Column("company", "企业名称"), Column("composite", "综合得分", "number", "分"),
        Column("rank", "名次", "integer"), Column("list", "榜单", required=False),
        Column("grade", "信用等级", required=False),
        Column("rank_change", "名次变化", "integer", required=False, description="上期名次减本期名次，正数为上升"),
        Column("consecutive_bad", "连续上差评榜期数", "integer", "期"),
        Column("explanation", "计算过程"),
    ), ("period", "company_id"), compound_key=None),
)}


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
            "data_version": ctx.views.booklet(cid).stamp, "url": paths.url_of(paths.compound_home(cid)),
        })
    return out


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


def _per_item(ctx: SiteContext, item_id: str,
              rows: Callable[[Any, Any], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows of every compound whose page shows ``item_id``, each led by the compound's id and name."""
    out = []
    for cid in ctx.compound_ids():
        f = ctx.compound(cid)
        record = f.shown(item_id)
        if record is not None:
            out += [{"compound_id": cid, "compound": f.name} | row for row in rows(record.file.model, record.table.rows)]
    return out


def _fees(file: Any, rows: list[Any]) -> list[dict[str, Any]]:
    return [{"row": n} | dict(row) for n, row in enumerate(rows, start=1)]


def _revenue(file: Any, rows: list[Any]) -> list[dict[str, Any]]:
    return [{"quarter": t.period.id, "income": t.income, "cost": t.cost, "company_share": t.company_share,
             "net_to_owners": t.net_to_owners, "used": t.used, "closing_balance": t.closing_balance}
            for t in quarterly_totals(file, rows)]


def _fund(file: Any, rows: list[Any]) -> list[dict[str, Any]]:
    return [asdict(year) for year in fund_years(file, rows)]


def _fund_notices(file: Any, rows: list[Any]) -> list[dict[str, Any]]:
    out = []
    for n, app in enumerate(file.applications, start=1):
        row: dict[str, Any] = {"row": n} | {k: v for k, v in dict(app).items() if k not in ("vote", "issuers")}
        row |= dict(app.vote) if app.vote else dict.fromkeys(Vote.model_fields)
        result = assess(app.vote) if app.vote else None
        row |= {"issuers": "；".join(" ".join(x for x in (i.name, i.document_number) if x) for i in app.issuers),
                "participation_met": result.participation_met if result else None,
                "agreement_met": result.agreement_met if result else None,
                "vote_result": result.sentence if result else None}
        out.append(row)
    return out


def _distributions(file: Any, rows: list[Any]) -> list[dict[str, Any]]:
    return [{"row": n} | dict(d) | {"period": d.period.id, "paid_on": "；".join(x.isoformat() for x in d.paid_on)}
            for n, d in enumerate(file.distributions, start=1)]


def _tiers(file: Any, rows: list[Any]) -> list[dict[str, Any]]:
    return [{"item": t.item, "unit": t.unit, "row_title": t.row_title, "tier": line.label, "grade": grade,
             "price": price, "formula": t.formula} for t in file.tiers for line in t.rows
            for grade, price in zip(t.columns or [None], line.prices)]


def _rankings(ctx: SiteContext) -> list[dict[str, Any]]:
    """One row per company and period as the city publishes it (the period view): with grades,
    no rank, score, change or arithmetic; with counts, only the lists' members, without grade."""
    out = []
    for ranking in sorted(ctx.rankings, key=lambda p: p.period.start):
        view = period_view(ctx.ds, ranking)
        shown = {r.company: r for r in ranking.results}
        for v in view.listed:
            r = shown[v.company_id]
            ranked = view.ranked
            out.append({"period": ranking.period.id, "company_id": v.company_id, "company": v.name,
                        "composite": r.composite if ranked else "", "rank": r.rank if ranked else "",
                        "list": v.list_name, "grade": v.grade or "",
                        "rank_change": r.rank_change if ranked and r.rank_change is not None else "",
                        "consecutive_bad": r.consecutive_bad, "explanation": v.explanation})
    return out


def table_rows(ctx: SiteContext) -> dict[str, list[dict[str, Any]]]:
    """Rows of every city-wide table, by site path, in a stable order."""
    return {
        "data/compounds.csv": _compound_rows(ctx),
        "data/compliance.csv": _compliance_rows(ctx),
        "data/fees.csv": _per_item(ctx, "fee_schedule", _fees),
        "data/public-revenue.csv": _per_item(ctx, "public_revenue", _revenue),
        "data/maintenance-fund.csv": _per_item(ctx, "maintenance_fund", _fund),
        "data/fund-notices.csv": _per_item(ctx, "maintenance_fund", _fund_notices),
        "data/revenue-distributions.csv": _per_item(ctx, "public_revenue", _distributions),
        "data/fee-tiers.csv": _per_item(ctx, "fee_schedule", _tiers),
        "data/rankings.csv": _rankings(ctx),
    }


def _field(column: Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": column.header, "title": column.header.split("（")[0], "type": column.type}
    if column.type == "number":
        out["bareNumber"] = True
    if column.unit:
        out["unit"] = column.unit
    if column.description:
        out["description"] = column.description
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def descriptor(ctx: SiteContext) -> str:
    """The ``datapackage.json`` text (Frictionless Data Package v1, tabular)."""
    compounds = TABLES["data/compounds.csv"]
    resources = []
    for table in TABLES.values():
        schema: dict[str, Any] = {
            "fields": [_field(c) for c in table.columns],
            "primaryKey": [table.header_of(k) for k in table.primary_key],
            "missingValues": [""],
        }
        if table.compound_key:
            schema["foreignKeys"] = [{"fields": [table.header_of(table.compound_key)],
                                      "reference": {"resource": compounds.name, "fields": [compounds.header_of("id")]}}]
        resources.append({
            "name": table.name, "title": table.title, "description": table.description,
            "path": table.path.removeprefix("data/"), "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
            "schema": schema,
        })
    package = {
        "profile": "tabular-data-package",
        "name": "wuye-open-data",
        "title": f"{ctx.city.site_title}：开放数据",
        "description": "物业服务信息公开的全市汇总表。CSV 为 UTF-8（带 BOM）；电子表格会当作公式执行的文字前加了 '。",
        "homepage": ctx.plan.absolute(paths.OPEN_DATA),
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"

