"""City-level files: city.yaml (with the default evaluation policy), catalogue, companies, evaluations."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Any

from generator.model import tables
from generator.tools.synth.files import CsvStyle, Writer
from generator.tools.synth.plans import CityPlan, CompanyPlan


def default_policy() -> dict:
    """The default evaluation policy (磐石-style 5:3:2, 10% red / 10% black, rounded down)."""
    return {
        "version": "2026-1",
        "cycle": "half_year",
        "rater_groups": [
            {"id": "residents", "name": "居民满意度测评", "weight": Decimal("0.5")},
            {"id": "regulator", "name": "住建部门考评", "weight": Decimal("0.3")},
            {"id": "community", "name": "街道社区评议", "weight": Decimal("0.2")},
        ],
        "missing_group": "error",
        "max_score": 100,
        "score_decimals": 2,
        "list_rule": {"kind": "ratio", "red_ratio": Decimal("0.1"), "bad_ratio": Decimal("0.1"), "rounding": "down"},
        "grades": [{"name": "AAA", "min_score": 85}, {"name": "AA", "min_score": 80}, {"name": "A", "min_score": 70},
                   {"name": "B", "min_score": 60}, {"name": "C", "min_score": 0}],
        "red_list_name": "红榜",
        "bad_list_name": "黑榜",
        "tie_break": ["residents", "regulator"],
        "consecutive_bad_flag": 2,
        "consequences": ["红榜企业：通报表扬，在评优评先和项目招投标中优先推荐",
                         "黑榜企业：约谈企业负责人，限期整改并跟踪复查",
                         "连续两期列入黑榜且拒不整改的：记入信用档案，依法依规启动退出程序"],
    }


def city_yaml(plan: CityPlan, policy: dict) -> dict:
    return {"name": plan.name, "site_title": plan.site_title, "site_url": plan.site_url, "regulator": plan.regulator,
            "regulator_phone": plan.regulator_phone, "hotline": "12345", "price_report_phone": "12315",
            "districts": plan.districts, "evaluation_policy": policy}


CATALOGUE = [
    # id, name, cadence, period, grace, posting days, extra
    ("company_profile", "企业及项目负责人信息", "long_term", None, 30, 30, {}),
    ("service_scope", "服务事项与服务标准", "long_term", None, 30, 30, {}),
    ("fee_schedule", "收费项目与标准（明码标价）", "long_term", None, 30, 30, {}),
    ("complaint_channels", "服务电话与投诉报修流程", "long_term", None, 30, 30, {}),
    ("facility_maintenance", "共用设施设备维保", "long_term", "year", 30, 30, {}),
    ("public_revenue", "公共收益收支", "periodic", "quarter", 30, 30, {}),
    ("parking", "车位车库", "long_term", "half_year", 30, 15, {}),
    ("service_accounts", "物业服务费收支与履约", "periodic", "year", 90, 30, {"period_by_contract": {"commission": "quarter"}}),
    ("maintenance_fund", "专项维修资金使用", "event", "year", 90, 15, {}),
    ("utility_sharing", "公共能耗分摊", "periodic", "month", 30, 15, {}),
    ("oversight", "监督评价（一监督）", "periodic", "half_year", 60, 30, {}),
]


def catalogue_yaml() -> dict:
    items = []
    for item_id, name, cadence, period, grace, days, extra in CATALOGUE:
        item: dict[str, Any] = {"id": item_id, "name": name, "summary": f"{name}（合成测试数据）", "cadence": cadence}
        if period:
            item["period"] = period
        item.update(extra)
        item.update({"grace_days": grace, "posting_days": days})
        items.append(item)
    return {"items": items}


def evaluation_files(out: Writer, plan: CityPlan, rng: random.Random) -> None:
    """Two half-year score sheets (2025-H2, 2026-H1): one row per company x rater group."""
    groups = [g["id"] for g in default_policy()["rater_groups"]]
    quality = {c.id: rng.randint(600, 950) for c in plan.companies}
    for period, title, published in (("2025-H2", "2025年下半年", date(2026, 2, 10)),
                                     ("2026-H1", "2026年上半年", date(2026, 8, 12))):
        rows = []
        for company in plan.companies:
            for group in groups:
                tenths = max(300, min(1000, quality[company.id] + rng.randint(-60, 60)))
                rows.append({"company": company.id, "group": group, "score": Decimal(tenths).scaleb(-1)})
        weakest = sorted(plan.companies, key=lambda c: (quality[c.id], c.id))[:2]
        sheet = {"period": period, "title": f"{title}物业服务企业考评", "published_on": published,
                 "organiser": plan.regulator, "dimension_aggregation": "sum",
                 "rectifications": [{"company": c.id, "note": "针对考评中反映的楼道堆物、报修响应慢等问题限期整改",
                                     "status": "已整改" if period == "2025-H2" else "整改中"} for c in weakest]}
        out.yaml(f"evaluations/{period.lower()}.yaml", "evaluation", sheet)
        out.csv(f"evaluations/{period.lower()}.csv", tables.EvaluationRow, rows, CsvStyle())
        for company in plan.companies:
            quality[company.id] = max(500, min(980, quality[company.id] + rng.randint(-40, 40)))


def company_yaml(c: CompanyPlan) -> dict:
    party: dict[str, Any] = {"kind": c.party_kind}
    if c.party_name:
        party["name"] = c.party_name
    return {"name": c.name, "short_name": c.short_name, "credit_code": c.credit_code, "licence": c.licence,
            "grade": c.grade, "party": party, "address": c.address, "phone": c.phone}
