"""专项维修资金使用: the bank; each notice (申请使用公告, 使用公示, 决算公示, 应急使用) with its
amounts, the owners' vote as a plain sentence against 《民法典》第二百七十八条, its issuers
and 公示期; the yearly statement and the uses, one table per fund unit (funds of different
units are never summed), on paper summarised by year when long. A column the notice does not
state reads 未注明."""

from __future__ import annotations

from decimal import Decimal

from generator.derive.notices import fund_units, notice_end
from generator.derive.statements import FundYearTotal, fund_years
from generator.derive.vote import assess
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.notices import FundApplication as A
from generator.model.tables import MaintenanceFundUseRow as R
from generator.model.vocabulary import DERIVED, FUND_NOTICE_KINDS, NOT_STATED, VOTE_MATTERS, YUAN, title_of as t
from generator.views.blocks import Block, Column, Fact, facts, table
from generator.views.formatting import day, day_cn, money
from generator.views.item_blocks import ItemContext, field_column

Y = d.FundYear


def _by_year(rows: list[R]) -> Block:
    years: dict[int, tuple[int, Decimal]] = {}
    for r in rows:
        count, amount = years.get(r.date.year, (0, Decimal(0)))
        years[r.date.year] = (count + 1, amount + r.amount)
    body = [[f"{y}年", str(n), money(a)] for y, (n, a) in sorted(years.items())]
    return table([field_column(Y, "year", 1), Column("使用项目数", 1, "right"),
                  Column("使用金额", 1, "right", YUAN)], body, title="维修资金使用按年度汇总")


def _or(value: str | None) -> str:
    return value if value else NOT_STATED


def _application(ctx: ItemContext, app: A) -> Block:
    vote = assess(app.vote).sentence if app.vote else ("应急使用，无需事先表决" if app.kind == "emergency" else NOT_STATED)
    days = ctx.city.notice_days.fund_days(app.kind, app.posting_days) if ctx.city else app.posting_days
    end = notice_end(app.posted_on, days, app.ends_on, ctx.city) if days or app.ends_on else None
    period = f"{day_cn(app.posted_on)}至{day_cn(end)}" if end else f"{day_cn(app.posted_on)}起（截止日期{NOT_STATED}）"
    signers = "；".join(" ".join(x for x in (i.name, i.document_number) if x) for i in app.issuers)
    objections: list[Fact | tuple[str, str | None]] = []
    for i in app.issuers:
        objections += [(f"异议受理：{i.name}", i.address), Fact(f"异议电话：{i.name}", i.phone or "", "phone")]
    return facts([(t(A, "project"), app.project), (t(A, "unit"), _or(app.unit)), (t(A, "scope"), _or(app.scope)),
                  (t(A, "estimated"), f"{app.estimated.text}{'' if app.estimated.text.endswith('元') else ' 元'}"
                   if app.estimated else (None if app.kind in ("use", "settlement") else NOT_STATED)),
                  (t(A, "settled"), f"{money(app.settled)} {YUAN}" if app.settled is not None else None),
                  (t(A, "apportionment"), _or(app.apportionment)), (t(A, "contractor"), _or(app.contractor)),
                  ("表决事项", VOTE_MATTERS[app.vote.matter] if app.vote else None),
                  (t(A, "vote"), vote), ("公告所称表决结果", app.vote.declared if app.vote else None),
                  ("公示期", period), (t(A, "issuers"), signers or None), *objections],
                 title=f"{FUND_NOTICE_KINDS[app.kind]}：{app.project}")


def _years(years: list[FundYearTotal], unit: str | None) -> Block:
    body = [[f"{y.year}年", money(y.opening_balance), money(y.deposited), money(y.interest), money(y.used),
             money(y.closing_balance)] for y in years]
    cols = [field_column(Y, "year"), *(field_column(Y, k, 1, "right", key=k == "closing_balance")
                                       for k in ("opening_balance", "deposited", "interest", "used", "closing_balance"))]
    return table(cols, body, title=f"{unit}年度收支" if unit else "年度收支", unit=YUAN)


def _uses(ctx: ItemContext, rows: list[R], unit: str | None, several: bool) -> Block:
    cols = [field_column(R, "date"), field_column(R, "project", 3, key=True), field_column(R, "scope", 2),
            field_column(R, "amount", 0, "right", unit=YUAN, key=True), field_column(R, "apportionment", 2),
            field_column(R, "vote", 3), field_column(R, "contractor", 2), field_column(R, "status", 0, key=True)]
    body = [[day(r.date), r.project, _or(r.scope), money(r.amount), _or(r.apportionment), _or(r.vote),
             _or(r.contractor), _or(r.status)] for r in rows]
    total = [DERIVED["total"], "", "", money(sum((r.amount for r in rows), Decimal(0))), "", "", "", ""]
    return table(cols, body, title=f"{unit}使用明细" if unit else ("未写资金单元的使用明细" if several else "使用明细"),
                 total=total if rows else None, empty="本期没有使用专项维修资金。", ledger="使用明细",
                 url=ctx.item_url("maintenance_fund"), summary=_by_year(rows))


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.MaintenanceFundFile)
    rows = sorted(record.table.rows, key=lambda r: r.date)
    years = fund_years(f, rows)
    out: list[Block] = [facts([(t(d.MaintenanceFundFile, "account_bank"), f.account_bank)])]
    out += [_application(ctx, app) for app in sorted(f.applications, key=lambda a: a.posted_on, reverse=True)]
    units = fund_units([y.unit for y in years] + [r.unit for r in rows])
    for unit in units or [None]:
        out.append(_years([y for y in years if y.unit == unit], unit))
        out.append(_uses(ctx, [r for r in rows if r.unit == unit], unit, len(units) > 1))
    return out
