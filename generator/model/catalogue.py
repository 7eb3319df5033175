"""The disclosure catalogue (十公开一监督) as data, editable by each city.

``data/catalogue.yaml`` lists the items a city requires, in display order. Each item id must
be one the product has a record model for (:data:`ItemId`); a city may drop items (e.g. a
"三公开" city keeps only service_scope, complaint_channels and public_revenue), rename them,
and change cadence, grace and posting days.

Cadence and staleness: an item with a ``period`` must be re-published every period; its
notice for period P is due ``grace_days`` after the period following P ends. Long-term items
without a period stay valid until replaced.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from generator.model.base import Record, Text, Coded
from generator.model.vocabulary import CADENCES, CONTRACT_TYPES, PERIOD_KINDS

ItemId = Literal[
    "company_profile",
    "service_scope",
    "fee_schedule",
    "complaint_channels",
    "facility_maintenance",
    "public_revenue",
    "parking",
    "service_accounts",
    "maintenance_fund",
    "utility_sharing",
    "oversight",
]

PeriodKind = Literal["month", "quarter", "half_year", "year"]
PeriodKindField = Annotated[PeriodKind, Coded(PERIOD_KINDS)]
PERIOD_MONTHS: dict[str, int] = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}


class CatalogueItem(Record):
    id: ItemId = Field(description="条目编号，对应小区文件夹中的同名文件")
    name: Text = Field(description="条目中文名称，如“公共收益收支”")
    summary: Text = Field(description="公开内容说明，显示在页面上")
    cadence: Annotated[Literal["long_term", "periodic", "event"], Coded(CADENCES)] = Field(
        description="长期公示（变更时更新）、定期公示或逐项公示")
    period: PeriodKindField | None = Field(
        None, description="更新周期：每月、每季度、每半年或每年；长期公示可不填")
    period_by_contract: dict[Annotated[Literal["lump_sum", "commission"], Coded(CONTRACT_TYPES)],
                             PeriodKindField] = Field(
        default_factory=dict, description="按合同类型改用的周期，如酬金制按季度：{酬金制: 每季度}")
    grace_days: int = Field(30, ge=0, le=366, description="下一期结束后多少天内必须公示，超过即为逾期")
    posting_days: int = Field(30, ge=1, le=366, description="公示栏最少张贴天数")
    required: bool = Field(True, description="是否为必须公示的条目；false 时缺失只作提示")
    legal_basis: str | None = Field(None, description="依据，如《民法典》第九百四十三条")

    @field_validator("period")
    @classmethod
    def _periodic_needs_period(cls, value, info):
        if info.data.get("cadence") == "periodic" and value is None:
            raise ValueError("定期公示（periodic）的条目必须填写 period")
        return value

    def period_for(self, contract_type: str | None) -> str | None:
        if contract_type and contract_type in self.period_by_contract:
            return self.period_by_contract[contract_type]
        return self.period


class Catalogue(Record):
    items: list[CatalogueItem] = Field(min_length=1, description="本市要求公示的条目，按显示顺序")

    @field_validator("items")
    @classmethod
    def _unique(cls, items: list[CatalogueItem]) -> list[CatalogueItem]:
        seen = set()
        for item in items:
            if item.id in seen:
                raise ValueError(f"条目“{item.id}”重复")
            seen.add(item.id)
        return items

    def get(self, item_id: str) -> CatalogueItem | None:
        return next((i for i in self.items if i.id == item_id), None)
