"""One compound's files: ``compound.yaml`` and every item YAML/CSV its plan calls for.

Contract: :func:`write_compound` writes ``compounds/<id>/`` from a :class:`CompoundPlan`; all
figures go through :mod:`generator.tools.synth.ledgers`; notices are dated for
:data:`generator.tools.synth.AS_OF` (2026-11-15) so that only the plan's deliberate gaps show as
stale or missing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Callable

from generator.model.items import ITEMS
from generator.tools.synth.files import CsvStyle, Writer
from generator.tools.synth.context import Built, Context
from generator.tools.synth.ledgers import cents
from generator.tools.synth.money_items import (maintenance_fund_item, parking_item, public_revenue_item,
                                               service_accounts_item, utility_sharing_item)
from generator.tools.synth.plans import CompoundPlan, _day, _notice, _phone


def _company_profile(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    data: dict[str, Any] = {"notice": _notice(_day(rng, date(2026, 2, 20), 40), None, 30, p.approver)}
    if p.company:
        data["project_manager"] = {"name": p.pm_name, "office_phone": p.office_phone,
                                   "since": _day(rng, date(2023, 3, 1), 700)}
        data["office"] = {"address": f"{p.name}{rng.randint(1, max(1, p.buildings))}号楼一层物业服务中心",
                          "hours": "周一至周日 8:00—18:00（节假日正常值班）"}
        guards = max(2, p.households // 150)
        data["staff"] = [
            {"role": "项目经理", "count": 1},
            {"role": "客服人员", "count": 1 + p.households // 600},
            {"role": "秩序维护员", "count": guards},
            {"role": "保洁员", "count": max(2, p.households // 120)},
            {"role": "绿化工", "count": 1 + p.households // 800},
            {"role": "维修工", "count": 1 + p.households // 500},
        ]
    else:
        data["office"] = {"address": f"{p.name}门卫室旁自治管理小组办公室", "hours": "每日 8:30—11:30、14:30—17:30"}
        data["staff"] = [{"role": "保洁员（聘用）", "count": max(1, p.households // 150)},
                         {"role": "门卫（聘用）", "count": 2}, {"role": "兼职维修人员", "count": 1}]
    return data, None


SERVICE_POOL: list[tuple[str, str, str, tuple[str, str, str]]] = [
    # category, item, standard, frequency by service level (一级, 二级, 三级)
    ("保洁", "楼道清扫", "楼道、楼梯扶手无明显灰尘，无杂物堆放", ("每日1次", "每日1次", "每周3次")),
    ("保洁", "生活垃圾收集清运", "生活垃圾日产日清，垃圾桶外观洁净、无异味", ("每日2次", "每日2次", "每日1次")),
    ("保洁", "公共区域清扫", "道路、广场无纸屑烟头，雨雪后及时清扫积水积雪", ("每日2次", "每日1次", "每日1次")),
    ("保洁", "公共设施擦拭", "信报箱、宣传栏、单元门禁等无积尘污渍", ("每周2次", "每周1次", "每月2次")),
    ("秩序维护", "出入口值守", "主出入口24小时值守，外来人员、车辆登记后进入", ("24小时", "24小时", "24小时")),
    ("秩序维护", "巡逻检查", "按路线巡查重点部位，发现隐患及时处置并记录", ("每2小时1次", "每3小时1次", "每日3次")),
    ("秩序维护", "消防通道管理", "保持消防通道畅通，发现占用及时劝离", ("每日巡查", "每日巡查", "每日巡查")),
    ("绿化", "草坪修剪", "草坪平整，高度不超过8厘米，无明显杂草", ("生长季每月2次", "生长季每月1次", "生长季每两月1次")),
    ("绿化", "乔灌木修剪", "树形整齐，无枯枝，不影响通行和采光", ("每年4次", "每年3次", "每年2次")),
    ("绿化", "病虫害防治", "发现病虫害及时防治，用药提前公告", ("每年3次", "每年2次", "每年1次")),
    ("共用设施维修", "日常小修", "接报后30分钟内响应，一般维修24小时内完成", ("随报随修", "随报随修", "随报随修")),
    ("共用设施维修", "公共照明", "楼道灯、路灯完好率不低于98%", ("每周巡检1次", "每两周巡检1次", "每月巡检1次")),
    ("共用设施维修", "给排水设施", "管道无跑冒滴漏，雨污井盖完好", ("每月检查1次", "每月检查1次", "每季度检查1次")),
    ("客服", "服务中心接待", "工作时间专人接待，受理报修、投诉、咨询并登记", ("每日", "每日", "工作日")),
    ("客服", "维修回访", "维修完成后3日内回访，回访率不低于90%", ("每单", "每单", "每单")),
    ("客服", "信息公开", "按本市公示目录在公示栏和网站公开各项信息", ("按目录周期", "按目录周期", "按目录周期")),
]

ELEVATOR_SERVICE = ("共用设施维修", "电梯运行管理", "电梯正常运行，困人救援30分钟内到场", ("每日巡查", "每日巡查", "每日巡查"))


def _service_scope(p: CompoundPlan, ctx: Context) -> Built:
    level = {"一级": 0, "二级": 1, "三级": 2}.get(p.service_level, 1)
    pool = SERVICE_POOL + ([ELEVATOR_SERVICE] if p.elevators else [])
    rows = [{"category": c, "item": i, "standard": s, "frequency": f[level]} for c, i, s, f in pool]
    rows.sort(key=lambda r: [x[0] for x in SERVICE_POOL].index(r["category"]))
    data = {"notice": _notice(_day(ctx.rng, date(2026, 1, 5), 30), None, 30, p.approver),
            "service_level": p.service_level,
            "standard_basis": f"《{ctx.city}住宅小区物业服务等级标准》{p.service_level}"}
    return data, rows


def _fee_schedule(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    start = p.contract_start
    basis = (f"《物业服务合同》（{start.year}年{start.month}月签订）" if p.company
             else "业主大会决议（自治管理收费方案）")
    form = "市场调节价" if p.company else "市场调节价"
    rows = [{"kind": "物业服务费", "item": "住宅物业服务费", "payer": "住宅业主",
             "content": "公共区域保洁、秩序维护、绿化养护、共用部位及共用设施设备日常维护",
             "billing_method": "按房屋建筑面积按月计收，可按季度或年度预交", "start_date": start,
             "price": p.fee_price, "unit": "元/㎡·月", "price_form": form, "basis": basis}]
    if p.shop_area:
        rows.append({"kind": "物业服务费", "item": "商铺物业服务费", "payer": "底层商铺业主",
                     "content": "商铺门前区域保洁、秩序维护及共用设施维护", "billing_method": "按房屋建筑面积按月计收",
                     "start_date": start, "price": cents(p.fee_price * Decimal("1.5")), "unit": "元/㎡·月",
                     "price_form": "市场调节价", "basis": basis})
    if p.underground_spaces:
        rows.append({"kind": "停车服务费", "item": "地下车位停车服务费", "payer": "地下车位使用人",
                     "content": "车库保洁、照明、秩序维护及道闸系统运行", "billing_method": "按车位按月计收",
                     "start_date": start, "price": Decimal(rng.choice([50, 60, 80])), "unit": "元/车位·月",
                     "price_form": "政府指导价", "basis": f"{ctx.city}住宅小区停车服务收费管理规定"})
    rows.append({"kind": "特约服务", "item": "室内水电维修上门", "payer": "自愿委托的业主",
                 "content": "户内水电故障检修（材料费另计）", "billing_method": "按次计收", "start_date": start,
                 "price": Decimal(rng.choice([20, 30, 40])), "unit": "元/次", "price_form": "市场调节价",
                 "basis": "特约服务价目表（业主自愿选择）"})
    rows.append({"kind": "其他", "item": "装修垃圾清运", "payer": "装修户", "content": "装修垃圾集中清运至指定消纳场所",
                 "billing_method": "按户一次性计收", "start_date": start, "price": Decimal(rng.choice([200, 300, 400])),
                 "unit": "元/户", "price_form": "市场调节价", "basis": "装修管理服务协议"})
    if p.collects_water:
        rows.append({"kind": "代收代缴", "item": "居民生活用水（代收）", "payer": "用水户", "content": "代供水企业收取水费，不加价",
                     "billing_method": "按户表读数每月计收", "start_date": start, "price": Decimal("3.45"), "unit": "元/m³",
                     "price_form": "政府定价", "basis": f"{ctx.city}发展改革委居民用水价格文件"})
    data = {"notice": _notice(_day(ctx.rng, date(2026, 1, 5), 30), None, 30, p.approver),
            "price_report_phone": "12315",
            "note": "收费标准如需调整，将提前30日公示并依法征求业主意见。"}
    return data, rows


def _complaint_channels(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    complaint = ctx.company.phone if ctx.company else p.office_phone
    data: dict[str, Any] = {
        "notice": _notice(_day(rng, date(2026, 2, 20), 40), None, 30, p.approver),
        "phones": {"customer_service": p.office_phone, "repair": p.repair_phone,
                   "emergency_24h": p.emergency_phone, "complaint": complaint},
        "flow": ["通过服务电话、物业服务中心或线上平台报修、投诉",
                 "客服登记并在15分钟内派单，紧急事项立即处置",
                 "维修或处理人员按承诺时限到场处理",
                 "处理完成后由报修人确认，客服3日内回访",
                 "对处理结果不满意的，可向社区、街道、主管部门或12345热线反映"],
        "response_times": [{"kind": "紧急维修（停水停电、管道爆裂、电梯困人）", "promise": "30分钟内到场"},
                           {"kind": "一般维修", "promise": "24小时内处理完毕"},
                           {"kind": "投诉", "promise": "1个工作日内答复，7个工作日内办结"}],
        "volunteer_supervisors": rng.randint(3, 8),
    }
    return data, None


FACILITIES = {
    "电梯": ("{city}恒升电梯工程有限公司", "特种设备生产许可证（电梯安装、修理）", "定期检验合格", 12),
    "消防": ("{city}安消消防技术服务有限公司", "消防设施维护保养检测机构", "年度检测合格", 12),
    "二次供水": ("{city}清源供水设备工程有限公司", "二次供水设施清洗消毒卫生许可", "清洗消毒后水质检测合格", 6),
    "监控": ("{city}天眼安防科技有限公司", "安防工程企业资质（二级）", "运行正常", 12),
    "门禁": ("{city}天眼安防科技有限公司", "安防工程企业资质（二级）", "运行正常", 12),
    "配电": ("{city}明光电力工程有限公司", "承装（修、试）电力设施许可证（四级）", "预防性试验合格", 12),
}


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, 28))


def _facility_maintenance(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    systems = (["电梯"] if p.elevators else []) + ["消防"] + (["二次供水"] if p.elevators else []) + ["监控", "门禁"]
    if p.households > 600:
        systems.append("配电")
    rows = []
    for system in systems:
        maintainer, qualification, result, months = FACILITIES[system]
        last = _day(rng, date(2026, 6, 1) if months == 6 else date(2026, 1, 10), 100)
        rows.append({"system": system, "maintainer": maintainer.format(city=ctx.city), "qualification": qualification,
                     "phone": _phone(rng, ctx.area_code), "last_inspection": last,
                     "next_inspection": _add_months(last, months) - timedelta(days=1), "result": result})
    note = (f"本小区共有电梯{p.elevators}部，维保单位每15日至少进行一次清洁、润滑、调整和检查。" if p.elevators
            else "本小区为多层住宅，未安装电梯；消防、监控等设施按期维保。")
    data = {"notice": _notice(_day(rng, date(2026, 3, 1), 40), 2026, 30, p.approver), "note": note}
    return data, rows


RECTIFICATION_POOL = [
    ("单元楼道堆放杂物未及时清理", "社区巡查"),
    ("地下车库部分照明灯损坏", "居民投诉"),
    ("消防通道有车辆停放", "主管部门检查"),
    ("绿化带枯死苗木未补植", "居民投诉"),
    ("公示栏信息未按期更新", "街道检查"),
    ("雨水井盖破损", "居民投诉"),
]


def _oversight(p: CompoundPlan, ctx: Context) -> Built:
    rng = ctx.rng
    stale = "oversight" in p.stale
    surveyed = max(10, p.households * rng.randint(30, 60) // 100)
    received = rng.randint(4, 10 + p.households // 40)
    resolved = received - rng.randint(0, min(3, received))
    data: dict[str, Any] = {
        "notice": _notice(_day(rng, date(2026, 1, 20), 20) if stale else _day(rng, date(2026, 7, 20), 25),
                          "2025-H2" if stale else "2026-H1", 30, p.approver),
        "satisfaction": {"surveyed": surveyed, "satisfied": surveyed * rng.randint(78, 98) // 100},
        "complaints": {"received": received, "resolved": resolved,
                       "first_time_resolved": resolved - rng.randint(0, min(4, resolved))},
        "volunteer_note": "义务监督员每月参与一次服务质量巡查（不公开姓名）。",
    }
    rows = []
    for issue, source in rng.sample(RECTIFICATION_POOL, rng.randint(0, 3)):
        deadline = _day(rng, date(2026, 6, 1), 150)
        done = deadline < date(2026, 9, 30) or rng.randint(0, 1)
        rows.append({"issue": issue, "source": source, "deadline": deadline, "status": "已整改" if done else "整改中",
                     "completed_on": deadline - timedelta(days=rng.randint(0, 10)) if done else None})
    return data, rows


BUILDERS: dict[str, Callable[[CompoundPlan, Context], Built]] = {
    "company_profile": _company_profile,
    "service_scope": _service_scope,
    "fee_schedule": _fee_schedule,
    "complaint_channels": _complaint_channels,
    "facility_maintenance": _facility_maintenance,
    "public_revenue": public_revenue_item,
    "parking": parking_item,
    "service_accounts": service_accounts_item,
    "maintenance_fund": maintenance_fund_item,
    "utility_sharing": utility_sharing_item,
    "oversight": _oversight,
}


def compound_yaml(p: CompoundPlan) -> dict:
    data: dict[str, Any] = {"name": p.name}
    if p.aliases:
        data["aliases"] = p.aliases
    data.update({"district": p.district, "street": p.street, "community": p.community, "address": p.address})
    if p.company:
        data.update({"management": "professional", "company": p.company})
    else:
        data.update({"management": "self_managed",
                     "self_management": {"organisation": p.self_org, "phone": p.office_phone}})
    data.update({"households": p.households, "buildings": p.buildings, "floor_area": p.floor_area,
                 "built_year": p.built_year})
    committee: dict[str, Any] = {"kind": p.committee}
    if p.committee_since and p.committee != "无":
        committee["established_on"] = p.committee_since
    data["owners_committee"] = committee
    if p.contract:
        end = date(p.contract_start.year + p.contract_years, p.contract_start.month, 1) - timedelta(days=1)
        data["contract"] = {"type": p.contract, "start": p.contract_start, "end": end, "service_level": p.service_level}
    return data


def write_compound(out: Writer, p: CompoundPlan, ctx: Context) -> None:
    """Write ``compounds/<id>/``: compound.yaml and every item file the plan calls for."""
    folder = f"compounds/{p.id}"
    out.yaml(f"{folder}/compound.yaml", "compound", compound_yaml(p), p.comments.get("compound", ()))
    if p.ground_spaces:
        ctx.ground_rented = p.ground_spaces * ctx.rng.randint(55, 95) // 100
        ctx.ground_fee = Decimal(ctx.rng.choice([100, 120, 150]))
    for item_id, build in BUILDERS.items():
        if item_id in p.missing:
            continue
        comments = p.comments.get(item_id, ())
        if item_id in p.not_applicable:
            out.yaml(f"{folder}/{item_id}.yaml", item_id, {"not_applicable": p.not_applicable[item_id]}, comments)
            continue
        data, rows = build(p, ctx)
        data.update(p.extra.get(item_id, {}))
        out.yaml(f"{folder}/{item_id}.yaml", item_id, data, comments)
        spec = ITEMS[item_id]
        if rows is not None and spec.row_model is not None and (rows or spec.table_required):
            out.csv(f"{folder}/{item_id}.csv", spec.row_model, rows, p.styles.get(item_id, CsvStyle()))
