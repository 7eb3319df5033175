"""Plans: the decisions behind one synthetic city, company and compound.

A plan fixes names, sizes, contract, facilities and the deliberate gaps (stale, missing,
not applicable); :mod:`generator.tools.synth.items` turns it into files, drawing the details from
the city's single ``random.Random``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from generator.tools.synth.files import CsvStyle
from generator.tools.synth.ledgers import ZERO


@dataclass
class CompanyPlan:
    id: str
    name: str
    short_name: str
    credit_code: str
    grade: str
    party_kind: str
    party_name: str | None
    address: str
    phone: str
    licence: str = "营业执照（示例市市场监督管理局核发）"


@dataclass
class CompoundPlan:
    """Everything that decides one compound's files; content is drawn from the rng."""

    id: str
    name: str
    district: str
    street: str
    community: str
    address: str
    households: int
    buildings: int
    floor_area: Decimal
    built_year: int
    office_phone: str
    repair_phone: str
    emergency_phone: str
    company: str | None = None  # None: self-managed (自治物业)
    self_org: str | None = None
    pm_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    contract: str | None = "lump_sum"  # lump_sum | commission | None
    contract_start: date = date(2024, 1, 1)
    contract_years: int = 3
    service_level: str = "二级"
    fee_price: Decimal = Decimal("1.20")
    shop_area: Decimal = ZERO  # 商铺面积（㎡），有则另列商铺物业费
    committee: str = "业委会"  # 业委会 | 物管会 | 无
    committee_since: date | None = date(2019, 6, 18)
    elevators: int = 0  # elevator cars; 0 = no elevator (no 电梯 row)
    ground_spaces: int = 0  # 地面车位（业主共有，收取车位占用费）
    underground_spaces: int = 0  # 地下车位（开发商产权）
    civil_defence_spaces: int = 0  # 人防车位
    lockers: int = 2  # 快递柜组数
    fund_uses: tuple[int, int] = (0, 2)  # 每年专项维修资金使用笔数（最少, 最多）
    share_rate: Decimal | None = None  # 公共收益企业分成比例
    commission_rate: Decimal = Decimal("0.10")
    utility_method: str = "按户"
    collects_water: bool = False  # 代收水费
    stale: frozenset[str] = frozenset()  # items whose latest notice is one period behind
    missing: frozenset[str] = frozenset()  # items with no file at all
    not_applicable: dict[str, str] = field(default_factory=dict)
    styles: dict[str, CsvStyle] = field(default_factory=dict)
    extra: dict[str, dict] = field(default_factory=dict)  # item id -> keys added to its YAML
    comments: dict[str, tuple[str, ...]] = field(default_factory=dict)  # item id -> comment lines

    @property
    def approver(self) -> str:
        return self.committee if self.committee != "无" else "社区居委会"


@dataclass
class CityPlan:
    name: str
    site_title: str
    site_url: str
    regulator: str
    regulator_phone: str
    area_code: str
    districts: list[dict]
    companies: list[CompanyPlan]
    compounds: list[CompoundPlan]


def _day(rng: random.Random, start: date, span: int) -> date:
    return start + timedelta(days=rng.randint(0, span))


def _notice(posted: date, period: str | int | None, days: int, approved: str) -> dict:
    out: dict[str, Any] = {"posted_on": posted}
    if period is not None:
        out["period"] = str(period)  # a string, as the JSON Schema wants (editors flag a bare 2025)
    out["posting_days"] = days
    out["approved_by"] = approved
    return out


def _phone(rng: random.Random, area: str) -> str:
    return f"{area}-{rng.randint(6000000, 6999999)}"
