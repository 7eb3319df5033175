"""The body of each disclosure item on the printed notice: blocks from the validated record.

Contract: :func:`item_blocks` turns one item's YAML model and CSV rows into the blocks of
:mod:`generator.render.blocks`, in the order a resident reads them. It is only called
for items that are published or stale (the notice says which); missing, not-applicable
and invalid items print their status alone. Only fields the data model declares public are
printed (the project manager's name and office phone are; no resident appears anywhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Callable

from generator.load.dataset import CompoundRecord, Dataset, ItemRecord
from generator.model.city import City
from generator.model import disclosures as d
from generator.derive.rank import CompanyResult, PeriodRanking
from generator.render import paths
from generator.model.vocabulary import CONTRACT_TYPES
from generator.render.formatting import day, day_cn, money, percent, quantity, ratio
from generator.render.phones import price_report_phone
from generator.render.blocks import Block, Column, facts, note, steps, table
from generator.render.paper.ledgers import fund_use_blocks, revenue_blocks, utility_blocks



@dataclass(frozen=True)
class ItemContext:
    """What item bodies need besides their own record."""

    ds: Dataset
    city: City
    rec: CompoundRecord
    as_of: date
    ranking: tuple[PeriodRanking, CompanyResult] | None

    def item_url(self, item_id: str) -> str:
        return paths.absolute_url(self.city.base_url(), paths.item_page(self.rec.id, item_id))


def item_blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    builder = _BUILDERS[record.item_id]
    return [b for b in builder(ctx, record) if b.get("rows") or b.get("items") or b.get("text")]


def _company_profile(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.CompanyProfileFile = record.file.model  # type: ignore[assignment]
    c = ctx.rec.model
    rows: list[tuple[str, str | None]] = []
    if c.management == "professional" and c.company in ctx.ds.companies:
        co = ctx.ds.companies[c.company].model
        party = (co.party.name or co.party.kind) if co.party.kind != "无" else "未建立"
        rows += [("物业服务企业", co.name), ("统一社会信用代码", co.credit_code), ("登记及资质", co.licence),
                 ("星级 / 信用等级", co.grade), ("党组织", party), ("企业地址", co.address), ("企业服务电话", co.phone)]
    elif c.self_management is not None:
        rows += [("管理方式", "业主自治管理"), ("自治管理组织", c.self_management.organisation),
                 ("联系电话", c.self_management.phone)]
    if c.contract is not None:
        term = f"{CONTRACT_TYPES[c.contract.type]}，{day_cn(c.contract.start)} 至 {day_cn(c.contract.end)}"
        rows += [("物业服务合同", term), ("服务等级", c.contract.service_level)]
    committee = c.owners_committee
    if committee.kind != "无":
        since = f"（{day_cn(committee.established_on)}成立）" if committee.established_on else ""
        rows.append(("业主组织", committee.kind + since))
    if f.project_manager is not None:
        pm = f.project_manager
        since = f"（{day_cn(pm.since)}起任职）" if pm.since else ""
        rows += [("项目经理", pm.name + since), ("项目经理办公电话", pm.office_phone)]
    if f.office is not None:
        rows += [("物业服务中心", f.office.address), ("办公时间", f.office.hours)]
    blocks = [facts(rows)]
    if f.staff:
        body = [[s.role, str(s.count)] for s in f.staff]
        body.append(["合计", str(sum(s.count for s in f.staff))])
        blocks.append(table([Column("岗位", 1), Column("在岗人数（人）", 1, "right")], body, total=True,
                            caption="在岗人员"))
    return blocks


def _service_scope(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.ServiceScopeFile = record.file.model  # type: ignore[assignment]
    body = [[r.category, r.item, r.standard, r.frequency] for r in record.table.rows]
    return [facts([("服务等级", f.service_level), ("标准依据", f.standard_basis)]),
            table([Column("类别", 0), Column("服务项目", 2), Column("服务标准", 4), Column("频次", 2)], body)]


def _fee_schedule(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.FeeScheduleFile = record.file.model  # type: ignore[assignment]
    body = [[f"{r.item}\n（{r.kind}）", r.content, f"{quantity(r.price)} {r.unit}",
             f"{r.billing_method}\n{day(r.start_date)} 起计", r.payer, r.price_form, r.basis] for r in record.table.rows]
    cols = [Column("收费项目", 3), Column("服务内容", 3), Column("收费标准", 0, "right"), Column("计费方式", 3),
            Column("收费对象", 2), Column("价格形式", 0), Column("收费依据", 3)]
    phone = price_report_phone(ctx.city, ctx.rec)
    return [table(cols, body), facts([("价格举报电话", phone), ("说明", f.note)])]


def _complaint_channels(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.ComplaintChannelsFile = record.file.model  # type: ignore[assignment]
    blocks: list[Block] = []
    if f.phones is not None:
        p = f.phones
        blocks.append(facts([("客服电话", p.customer_service), ("报修电话", p.repair),
                             ("24 小时应急电话", p.emergency_24h), ("投诉电话", p.complaint)]))
    blocks.append(steps(f.flow, "报修、投诉处理流程"))
    if f.response_times:
        blocks.append(table([Column("事项", 1), Column("承诺时限", 2)],
                            [[r.kind, r.promise] for r in f.response_times], caption="承诺时限"))
    if f.volunteer_supervisors is not None:
        blocks.append(facts([("义务监督员", f"{f.volunteer_supervisors} 名")]))
    return blocks


def _facility_maintenance(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.FacilityMaintenanceFile = record.file.model  # type: ignore[assignment]
    body = []
    for r in record.table.rows:
        due = day(r.next_inspection) + ("\n（已逾期）" if r.next_inspection < ctx.as_of else "")
        body.append([r.system, f"{r.maintainer}\n{r.qualification}", r.phone, day(r.last_inspection), due, r.result])
    cols = [Column("设施", 0), Column("维保单位及资质", 4), Column("维保电话", 0), Column("上次检验", 0),
            Column("下次检验", 0), Column("结果", 1)]
    return [table(cols, body), facts([("说明", f.note)])]


def _public_revenue(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.PublicRevenueFile = record.file.model  # type: ignore[assignment]
    head = facts([("企业分成比例", ratio(f.company_share_rate) + "（按收入减合理成本计）"
                   if f.company_share_rate is not None else None),
                  ("资金使用决定", f.uses_decided_by)])
    return [head, *revenue_blocks(f, record.table.rows, ctx.item_url("public_revenue"))]


def _parking(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.ParkingFile = record.file.model  # type: ignore[assignment]
    rows = record.table.rows
    body = [[r.type, r.ownership, quantity(r.total), quantity(r.sold), quantity(r.rented), quantity(r.vacant),
             quantity(r.monthly_fee) if r.monthly_fee is not None else "—", r.note or ""] for r in rows]
    if len(rows) > 1:
        body.append(["合计", "", *(quantity(sum(getattr(r, k) for r in rows)) for k in ("total", "sold", "rented", "vacant")),
                     "", ""])
    cols = [Column("类型", 0), Column("权属", 0), Column("总数", 1, "right"), Column("已售", 1, "right"),
            Column("已租", 1, "right"), Column("空置", 1, "right"), Column("月租金（元/月）", 1, "right"),
            Column("备注", 2)]
    collected = money(f.occupancy_fee_collected) + " 元（计入公共收益）" if f.occupancy_fee_collected is not None else None
    return [table(cols, body, total=len(rows) > 1, caption="车位（个）"),
            facts([("车位占用费标准", f.occupancy_fee_standard), ("本期已收占用费", collected)])]


def _cost_table(lines: list[d.CostLine], caption: str, total: Decimal | None = None) -> Block:
    body = [[c.category, money(c.amount)] for c in lines]
    if lines:
        body.append(["合计", money(total if total is not None else sum((c.amount for c in lines), Decimal(0)))])
    return table([Column("项目", 2), Column("金额（元）", 1, "right")], body, total=True, caption=caption)


def _service_accounts(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.ServiceAccountsFile = record.file.model  # type: ignore[assignment]
    blocks: list[Block] = []
    if f.income is not None:
        i = f.income
        blocks.append(facts([("应收物业费", f"{money(i.receivable)} 元"), ("实收物业费", f"{money(i.received)} 元"),
                             ("收缴率", f"{ratio(i.collection_rate)}（实收 ÷ 应收）"),
                             ("欠费户数", f"{i.arrears_households} 户"),
                             ("其他收入", f"{money(i.other_income)} 元")]))
    blocks.append(_cost_table(f.costs, "支出", f.total_cost))
    rows: list[tuple[str, str | None]] = []
    if f.commission is not None:
        rows.append(("酬金", f"{money(f.commission.amount)} 元（酬金比例 {ratio(f.commission.rate)}）"))
    if f.surplus is not None:
        label = "结余" if f.surplus >= 0 else "亏损"
        rows.append((label, f"{money(abs(f.surplus))} 元"))
    blocks.append(facts(rows))
    blocks.append(_cost_table(f.budget, "下一年度预算"))
    if f.performance:
        blocks.append(facts([("履约情况", f.performance)]))
    return blocks


def _maintenance_fund(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.MaintenanceFundFile = record.file.model  # type: ignore[assignment]
    years = [[f"{y.year}年", money(y.opening_balance), money(y.deposited), money(y.interest), money(y.used),
              money(y.closing_balance)] for y in sorted(f.years, key=lambda y: y.year)]
    cols = [Column("年度", 0), Column("期初余额", 1, "right"), Column("本年归集", 1, "right"), Column("利息", 1, "right"),
            Column("本年使用", 1, "right"), Column("年末余额", 1, "right")]
    return [facts([("专户银行", f.account_bank)]), table(cols, years, caption="年度收支（单位：元）"),
            *fund_use_blocks(record.table.rows, ctx.item_url("maintenance_fund"))]


def _utility_sharing(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.UtilitySharingFile = record.file.model  # type: ignore[assignment]
    per_unit = "元/户" if f.method == "按户" else "元/㎡"
    basis = None
    if f.basis_total is not None:
        basis = f"{quantity(f.basis_total)} {'户' if f.method == '按户' else '㎡'}"
    return [facts([("分摊方式", f.method), ("分摊基数", basis)]),
            *utility_blocks(record.table.rows, per_unit, ctx.item_url("utility_sharing"))]


def _oversight(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    f: d.OversightFile = record.file.model  # type: ignore[assignment]
    blocks: list[Block] = list(ranking_blocks(ctx))
    rows: list[tuple[str, str | None]] = []
    if f.satisfaction is not None:
        s = f.satisfaction
        rows.append(("居民满意度", f"{percent(s.satisfied, s.surveyed)}（满意 {s.satisfied} 户 / 参评 {s.surveyed} 户）"))
    if f.complaints is not None:
        c = f.complaints
        rows += [("受理投诉", f"{c.received} 件"),
                 ("办结率", f"{percent(c.resolved, c.received)}（办结 {c.resolved} 件）"),
                 ("一次办结率", f"{percent(c.first_time_resolved, c.received)}（一次办结 {c.first_time_resolved} 件）")]
    rows.append(("说明", f.volunteer_note))
    blocks.append(facts(rows))
    body = [[r.issue, r.source, day(r.deadline), r.status, day(r.completed_on) if r.completed_on else "—"]
            for r in record.table.rows]
    blocks.append(table([Column("问题", 4), Column("来源", 2), Column("整改期限", 0), Column("状态", 0),
                         Column("完成日期", 0)], body, caption="整改清单"))
    return blocks


def ranking_blocks(ctx: ItemContext) -> list[Block]:
    """The company's latest red/black-list result with its score parts (professional compounds)."""
    if ctx.ranking is None:
        if ctx.rec.model.management == "professional":
            return [note("本企业暂无考评结果。")]
        return []
    period, result = ctx.ranking
    policy = period.policy
    list_name = {"red": policy.red_list_name, "bad": policy.bad_list_name}.get(result.list or "", "未列入红黑榜")
    rows: list[tuple[str, str | None]] = [
        ("考评期间", f"{period.period.label}（规则版本 {policy.version}）"),
        ("综合得分", f"{result.composite}（第 {result.rank} 名 / 共 {len(period.results)} 家）"),
        ("信用等级", result.grade), ("榜单", list_name),
        ("整改情况", result.rectification),
    ]
    names = {g.id: g for g in policy.rater_groups}
    body = [[names[g].name, ratio(names[g].weight),
             str(result.group_scores[g]) if g in result.group_scores else "缺评"] for g in names]
    return [facts(rows),
            table([Column("评价主体", 2), Column("权重", 1, "right"), Column("得分", 1, "right")], body,
                  caption="得分构成"),
            note(f"计算：{result.explanation}")]


_BUILDERS: dict[str, Callable[[ItemContext, ItemRecord], list[Block]]] = {
    "company_profile": _company_profile,
    "service_scope": _service_scope,
    "fee_schedule": _fee_schedule,
    "complaint_channels": _complaint_channels,
    "facility_maintenance": _facility_maintenance,
    "public_revenue": _public_revenue,
    "parking": _parking,
    "service_accounts": _service_accounts,
    "maintenance_fund": _maintenance_fund,
    "utility_sharing": _utility_sharing,
    "oversight": _oversight,
}
