"""专项维修资金使用: the bank, the yearly statement, and every use with its total (on paper
summarised by year when long)."""

from __future__ import annotations

from decimal import Decimal

from generator.derive.statements import fund_years
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.tables import MaintenanceFundUseRow as R
from generator.model.vocabulary import DERIVED, YUAN, title_of as t
from generator.views.blocks import Block, Column, facts, table
from generator.views.formatting import day, money
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


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.MaintenanceFundFile)
    rows = sorted(record.table.rows, key=lambda r: r.date)
    years = [[f"{y.year}年", money(y.opening_balance), money(y.deposited), money(y.interest), money(y.used),
              money(y.closing_balance)] for y in fund_years(f, rows)]
    year_cols = [field_column(Y, "year"), *(field_column(Y, k, 1, "right", key=k == "closing_balance")
                                            for k in ("opening_balance", "deposited", "interest", "used",
                                                      "closing_balance"))]
    cols = [field_column(R, "date"), field_column(R, "project", 3, key=True), field_column(R, "scope", 2),
            field_column(R, "amount", 0, "right", unit=YUAN, key=True), field_column(R, "apportionment", 2),
            field_column(R, "vote", 3), field_column(R, "contractor", 2), field_column(R, "status", 0, key=True)]
    body = [[day(r.date), r.project, r.scope, money(r.amount), r.apportionment, r.vote, r.contractor, r.status]
            for r in rows]
    total = [DERIVED["total"], "", "", money(sum((r.amount for r in rows), Decimal(0))), "", "", "", ""]
    return [facts([(t(d.MaintenanceFundFile, "account_bank"), f.account_bank)]),
            table(year_cols, years, title="年度收支", unit=YUAN),
            table(cols, body, title="使用明细", total=total if rows else None,
                  empty="本期没有使用专项维修资金。", ledger="使用明细", url=ctx.item_url("maintenance_fund"),
                  summary=_by_year(rows))]
