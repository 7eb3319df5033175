"""The item builders of the synthetic city whose tables are money: public revenue, parking,
service accounts, maintenance fund, utility sharing.

Contract: each builder returns the item's YAML data and its rows; every figure goes through
:mod:`generator.tools.synth.ledgers`, so totals, balances and shares add up as the checks
require. :mod:`generator.tools.synth.items` lists them with the other builders.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from generator.tools.synth.context import Built, Context
from generator.tools.synth.ledgers import (ZERO, Entry, QUARTER_LABEL, Reading, affordable_uses, cents, draw_money,
                                           fund_years, parking_row, quarter_end, quarter_id, revenue_ledger, service_accounts, utility_rows)
from generator.tools.synth.plans import CompoundPlan, _day, _notice


def _quarters(stale: bool) -> list[tuple[date, date]]:
    last = 2 if stale else 3
    return [(date(2026, 3 * q - 2, 1), quarter_end(date(2026, 3 * q - 2, 1))) for q in range(1, last + 1)]


def public_revenue_item(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    entries: list[Entry] = []
    for start, end in _quarters("public_revenue" in p.stale):
        q = QUARTER_LABEL[quarter_id(start)[-2:]]
        months = f"{start.month}—{end.month}月"
        if p.elevators:
            entries.append(Entry(_day(rng, start, 10), "income", "广告", f"电梯轿厢广告位租金（{months}，{p.elevators}部）",
                                 cents(Decimal(p.elevators * 3 * rng.choice([120, 150, 180])))))
        if rng.randint(0, 1):
            entries.append(Entry(_day(rng, start, 40), "income", "广告", f"道闸及宣传栏广告费（{months}）",
                                 draw_money(rng, 900, 3600)))
        if p.lockers:
            entries.append(Entry(_day(rng, start, 20), "income", "快递柜", f"快递柜场地使用费（{p.lockers}组，{q}）",
                                 cents(Decimal(p.lockers * rng.choice([150, 200, 240])))))
        entries.append(Entry(_day(rng, start + timedelta(days=30), 25), "income", "充电桩",
                             f"电动自行车充电桩场地分成（{months}）", draw_money(rng, 300, 2200)))
        if ctx.ground_rented:
            entries.append(Entry(_day(rng, start, 9), "income", "车位占用",
                                 f"地面车位占用费（{ctx.ground_rented}个×{ctx.ground_fee}元/月×3个月）",
                                 cents(ctx.ground_rented * ctx.ground_fee * 3)))
        if rng.randint(0, 3) == 0:
            entries.append(Entry(_day(rng, start + timedelta(days=20), 30), "income", "场地租赁",
                                 "广场场地临时租用（便民服务活动）", draw_money(rng, 300, 1500)))
        income = sum((e.amount for e in entries if quarter_id(e.day) == quarter_id(start) and e.type == "income"), ZERO)
        entries.append(Entry(end - timedelta(days=rng.randint(3, 8)), "cost", "税费", "代缴增值税及附加",
                             cents(income * Decimal("0.0636"))))
        if ctx.ground_rented and rng.randint(0, 1):
            entries.append(Entry(end - timedelta(days=rng.randint(10, 20)), "cost", "设施维护", "道闸系统维护及停车标线",
                                 draw_money(rng, 200, 800)))
    if rng.randint(0, 2) == 0:
        entries.append(Entry(date(2026, 5, rng.randint(10, 28)), "use", "设施维修",
                             "经业主大会表决，更换小区健身器材", draw_money(rng, 2000, 6000)))
    opening = draw_money(rng, 8000, 60000)
    rows, statements = revenue_ledger(entries, opening, p.share_rate)
    ctx.occupancy_h1 = sum((r["amount"] for r in rows if r["category"] == "车位占用" and r["date"].month <= 6), ZERO)
    last_q = statements[-1]["period"]
    end = quarter_end(date(int(last_q[:4]), int(last_q[-1]) * 3, 1))
    data: dict[str, Any] = {"notice": _notice(_day(rng, end + timedelta(days=5), 15), last_q, 30, p.approver),
                            "opening_balance": opening}
    if p.share_rate is not None:
        data["company_share_rate"] = p.share_rate
    data["quarters"] = statements
    data["uses_decided_by"] = "业主大会" if p.committee != "无" else "社区组织业主共同决定"
    return data, rows


def parking_item(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    rows = []
    if p.ground_spaces:
        rows.append(parking_row("地面", "业主共有", 0, ctx.ground_rented, p.ground_spaces - ctx.ground_rented,
                                ctx.ground_fee, "占用业主共有道路设置，车位占用费计入公共收益"))
    if p.underground_spaces:
        sold = p.underground_spaces * rng.randint(50, 75) // 100
        rented = (p.underground_spaces - sold) * rng.randint(40, 80) // 100
        rows.append(parking_row("地下", "开发商产权", sold, rented, p.underground_spaces - sold - rented,
                                Decimal(rng.choice([200, 250, 300])), "开发商出租，租金不属于公共收益"))
    if p.civil_defence_spaces:
        rented = p.civil_defence_spaces * rng.randint(60, 95) // 100
        rows.append(parking_row("地下", "人防", 0, rented, p.civil_defence_spaces - rented,
                                Decimal(rng.choice([150, 180])), "人防车位只租不售"))
    stale = "parking" in p.stale
    period = "2025-H2" if stale else "2026-H1"
    data: dict[str, Any] = {"notice": _notice(_day(rng, date(2026, 1, 8) if stale else date(2026, 7, 6), 15),
                                              period, 15, p.approver)}
    if p.ground_spaces:
        data["occupancy_fee_standard"] = f"{ctx.ground_fee} 元/月"
        if not stale and ctx.occupancy_h1 is not None:
            data["occupancy_fee_collected"] = ctx.occupancy_h1
    return data, rows


COST_WEIGHTS = [("人员费用", 46), ("公共区域清洁卫生", 9), ("绿化养护", 5), ("秩序维护", 8),
                ("共用设施设备日常运行维护", 12), ("公共区域水电", 6), ("办公及管理费用", 5),
                ("共用部位及公众责任保险", 2), ("税费", 7)]


def _split(total: Decimal, weights: list[tuple[str, int]], rng: random.Random) -> list[tuple[str, Decimal]]:
    jittered = [(name, w * rng.randint(90, 110)) for name, w in weights]
    whole = sum(w for _, w in jittered)
    return [(name, cents(total * w / whole)) for name, w in jittered]


def service_accounts_item(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    commission = p.contract == "commission"
    stale = "service_accounts" in p.stale
    months = 3 if commission else 12
    area = p.floor_area - p.shop_area
    receivable = cents(area * p.fee_price * months + p.shop_area * cents(p.fee_price * Decimal("1.5")) * months)
    permille = rng.randint(860, 975)
    received = cents(receivable * permille / 1000)
    arrears = max(1, p.households * (1000 - permille) // 1000)
    other = draw_money(rng, 0, 4000 if commission else 20000)
    weights = COST_WEIGHTS if p.elevators else [w for w in COST_WEIGHTS if w[0] != "共用设施设备日常运行维护"] + [
        ("共用设施设备日常运行维护", 7)]
    if commission:
        spend = cents((received + other) * rng.randint(810, 885) / 1000)
    else:
        spend = cents((received + other) * rng.randint(900, 1040) / 1000)
    costs = _split(spend, weights, rng)
    data: dict[str, Any] = {}
    period: str | int  # a quarter (commission contracts report quarterly) or a year
    if commission:
        period, posted = ("2026-Q1", _day(rng, date(2026, 4, 10), 20)) if stale else ("2026-Q3", _day(rng, date(2026, 10, 10), 20))
        figures = service_accounts(receivable, received, arrears, other, costs, p.commission_rate)
    else:
        period, posted = (2024, _day(rng, date(2025, 3, 1), 25)) if stale else (2025, _day(rng, date(2026, 3, 1), 25))
        figures = service_accounts(receivable, received, arrears, other, costs, None)
    data["notice"] = _notice(posted, period, 30, p.approver)
    data.update(figures)
    data["budget"] = [{"category": c, "amount": cents(a * Decimal("1.03"))} for c, a in costs]
    surplus = figures["surplus"]
    result = f"结余 {surplus} 元" if surplus >= 0 else f"亏损 {-surplus} 元"
    data["performance"] = (f"本期受理报修 {rng.randint(80, 600)} 件，按时完成率 {rng.randint(95, 100)}%；"
                           f"物业费收缴率 {figures['income']['collection_rate'] * 100:.1f}%，{result}。"
                           "服务标准按合同约定执行，无重大安全责任事故。")
    return data, None


FUND_PROJECTS = [
    # project, per building, apportionment, contractor
    ("屋面防水维修", True, "按建筑面积由该楼业主分摊", "{city}固泰防水工程有限公司"),
    ("外墙空鼓脱落隐患处理", True, "按建筑面积由该楼业主分摊", "{city}安建建筑工程有限公司"),
    ("消防管网及喷淋更换", True, "按建筑面积由该楼业主分摊", "{city}安消消防技术服务有限公司"),
    ("电梯主板及钢丝绳更换", True, "按建筑面积由该楼业主分摊", "{city}恒升电梯工程有限公司"),
    ("小区雨污管网疏通改造", False, "按建筑面积由全体业主分摊", "{city}通达市政工程有限公司"),
    ("单元门禁系统更换", True, "按户由该楼业主分摊", "{city}天眼安防科技有限公司"),
]


def maintenance_fund_item(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    stale = "maintenance_fund" in p.stale
    years = [2023, 2024] if stale else [2024, 2025]
    opening = cents(p.floor_area * rng.randint(35, 80))
    uses: list[tuple[date, Decimal]] = []
    rows: list[dict[str, Any]] = []
    candidates = [f for f in FUND_PROJECTS if p.elevators or "电梯" not in f[0]]
    for year in years:
        for _ in range(rng.randint(*p.fund_uses)):
            project, per_building, apportion, contractor = rng.choice(candidates)
            building = rng.randint(1, max(1, p.buildings))
            name = f"{building}号楼{project}" if per_building else project
            day = date(year, rng.randint(3, 11), rng.randint(1, 28))
            amount = draw_money(rng, 18000, 160000)
            uses.append((day, amount))
            rows.append({"date": day, "project": name, "scope": f"{building}号楼全体业主" if per_building else "全体业主",
                         "amount": amount, "apportionment": apportion,
                         "vote": f"参与表决面积 {rng.randint(70, 96)}%、人数 {rng.randint(70, 96)}%；"
                                 f"同意占参与表决面积 {rng.randint(76, 98)}%、人数 {rng.randint(76, 98)}%",
                         "contractor": contractor.format(city=ctx.city), "status": "已结算"})
    rows.sort(key=lambda r: r["date"])
    flows = [(y, draw_money(rng, 0, 30000), cents(opening * rng.randint(110, 150) / 10000)) for y in years]
    uses, rows = affordable_uses(opening, flows, uses, rows)
    data: dict[str, Any] = {
        "notice": _notice(_day(rng, date(years[-1] + 1, 1, 20), 30), years[-1], 15, p.approver),
        "account_bank": f"{ctx.city}住宅专项维修资金专户（中国建设银行{ctx.city}分行）",
        "years": fund_years(opening, flows, uses),
    }
    return data, rows


def utility_sharing_item(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    last = 8 if "utility_sharing" in p.stale else 10
    basis = p.floor_area if p.utility_method == "按建筑面积" else Decimal(p.households)
    power = Decimal(rng.randint(20000, 90000))
    water = Decimal(rng.randint(2000, 9000))
    readings = []
    for month in range(last - 2, last + 1):
        label = f"2026-{month:02d}"
        used_power = Decimal(p.households * rng.randint(18, 40) // 10 + p.elevators * rng.randint(250, 400))
        readings.append(Reading(label, "公共用电", power, power + used_power, Decimal("0.58")))
        power += used_power
        used_water = Decimal(rng.randint(20, 60) + p.households // 20)
        readings.append(Reading(label, "公共用水", water, water + used_water, Decimal("3.45")))
        water += used_water
    posted = date(2026, last + 1, rng.randint(3, 10))
    data = {"notice": _notice(posted, f"2026-{last:02d}", 15, p.approver), "method": p.utility_method, "basis_total": basis}
    return data, utility_rows(readings, basis)
