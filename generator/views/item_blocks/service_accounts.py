"""物业服务费收支与履约: the contract type, fee income and collection, costs with their total,
the commission and the surplus or loss, next year's budget, performance."""

from __future__ import annotations

from decimal import Decimal

from generator.derive.statements import service_figures
from generator.load.dataset import ItemRecord
from generator.model import disclosures as d
from generator.model.compound import Contract
from generator.model.vocabulary import CONTRACT_TYPES, DERIVED, YUAN, title_of as t
from generator.views.blocks import Block, Fact, facts, table
from generator.views.formatting import money, ratio
from generator.views.item_blocks import ItemContext, field_column


def _costs(lines: list[d.CostLine], title: str, total: Decimal | None = None) -> Block:
    body = [[c.category, money(c.amount)] for c in lines]
    amount = total if total is not None else sum((c.amount for c in lines), Decimal(0))
    return table([field_column(d.CostLine, "category", 2), field_column(d.CostLine, "amount", 1, "right", unit=YUAN)],
                 body, title=title, total=[DERIVED["total"], money(amount)] if lines else None)


def blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f = d.item_as(record.file.model, d.ServiceAccountsFile)
    contract = ctx.rec.model.contract
    figures = service_figures(f)
    out: list[Block] = [facts([(t(Contract, "type"), CONTRACT_TYPES[contract.type] if contract else None)])]
    if f.income is not None:
        i, F = f.income, d.FeeIncome
        rate = f"{ratio(figures.collection_rate)}（实收 ÷ 应收）" if figures.collection_rate is not None else None
        out.append(facts([(t(F, "receivable"), f"{money(i.receivable)} {YUAN}"),
                          (t(F, "received"), f"{money(i.received)} {YUAN}"),
                          Fact(t(F, "collection_rate"), rate, key=True),
                          (t(F, "arrears_households"), f"{i.arrears_households} 户（只公开户数）"),
                          (t(F, "other_income"), f"{money(i.other_income)} {YUAN}")], title="物业服务费收入"))
    out.append(_costs(f.costs, t(d.ServiceAccountsFile, "costs"), f.total_cost))
    rows: list[Fact | tuple[str, str | None]] = []
    if f.commission is not None and figures.commission is not None:
        rows.append((t(d.Commission, "amount"),
                     f"{money(figures.commission)} {YUAN}（按实际支出的 {ratio(f.commission.rate)} 计提）"))
    if figures.surplus is not None:
        rows.append(Fact("结余" if figures.surplus >= 0 else "亏损", f"{money(abs(figures.surplus))} {YUAN}", key=True))
    out.append(facts(rows))
    out.append(_costs(f.budget, t(d.ServiceAccountsFile, "budget")))
    out.append(facts([(t(d.ServiceAccountsFile, "performance"), f.performance)]))
    return out
