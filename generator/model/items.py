"""The disclosure-item registry: the one place that knows each item of the catalogue.

Contract: :data:`ITEMS` maps every item id the product supports (十公开一监督) to its
:class:`ItemSpec`: the YAML model of ``<item>.yaml``, the row model of its table
(``<item>.csv``/``.xlsx``) or None, whether the table must exist when the item applies, the
official Chinese name, the name residents use, and the title a notice board gives it. Every
layer (load, checks, web pages, paper notices, open data, synthetic city, Excel templates,
schemas) reads items from here; ``tests/test_item_registry.py`` fails when a layer lacks one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from generator.model import disclosures as d
from generator.model import tables as t
from generator.model.base import Record
from generator.model.catalogue import ItemId


@dataclass(frozen=True)
class ItemSpec:
    id: str
    name: str
    """Official name, as the default catalogue has it (a city may rename it in catalogue.yaml)."""
    everyday: str
    """What residents call it (物业费, 停车费, 维修基金…)."""
    board_title: str
    """The heading of its sheet on a notice board (收费标准公示…)."""
    file_model: type[d.ItemFile]
    row_model: type[Record] | None
    table_required: bool
    """The table must exist whenever the item applies."""

    @property
    def sheet(self) -> str:
        """The worksheet name of its Excel template: the official name, without what is in
        brackets (``收费项目与标准``), at most 31 characters as Excel allows."""
        return self.name.split("（")[0][:31]

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """Worksheet names that mean this item's table in a workbook (else the first visible sheet is read)."""
        return (self.sheet, self.name, self.id, self.everyday)

    @property
    def slug(self) -> str:
        """URL segment: the id with ``_`` written as ``-``."""
        return self.id.replace("_", "-")


_SPECS = (
    ItemSpec("company_profile", "企业及项目负责人信息", "物业公司和项目经理", "物业服务企业及项目负责人信息公示",
             d.CompanyProfileFile, None, False),
    ItemSpec("service_scope", "服务事项与服务标准", "物业服务内容", "物业服务事项及标准公示",
             d.ServiceScopeFile, t.ServiceItemRow, True),
    ItemSpec("fee_schedule", "收费项目与标准（明码标价）", "物业费、停车费", "收费标准公示",
             d.FeeScheduleFile, t.FeeRow, True),
    ItemSpec("complaint_channels", "服务电话与投诉报修流程", "报修和投诉电话", "服务电话及投诉报修流程公示",
             d.ComplaintChannelsFile, None, False),
    ItemSpec("facility_maintenance", "共用设施设备维保", "电梯、消防等设施维保", "共用设施设备维保情况公示",
             d.FacilityMaintenanceFile, t.FacilityRow, True),
    ItemSpec("public_revenue", "公共收益收支", "广告等公共收益", "公共收益收支公示",
             d.PublicRevenueFile, t.PublicRevenueRow, False),  # a notice may state only totals or a distribution
    ItemSpec("parking", "车位车库", "车位", "车位车库使用情况公示",
             d.ParkingFile, t.ParkingRow, True),
    ItemSpec("service_accounts", "物业服务费收支与履约", "物业费收支", "物业服务费收支情况公示",
             d.ServiceAccountsFile, None, False),
    ItemSpec("maintenance_fund", "专项维修资金使用", "维修基金", "专项维修资金使用情况公示",
             d.MaintenanceFundFile, t.MaintenanceFundUseRow, False),
    ItemSpec("utility_sharing", "公共能耗分摊", "公摊水电费", "公共水电费分摊公示",
             d.UtilitySharingFile, t.UtilityRow, True),
    ItemSpec("oversight", "监督评价（一监督）", "红黑榜和满意度", "监督评价情况公示",
             d.OversightFile, t.RectificationRow, False),
)

ITEMS: dict[str, ItemSpec] = {spec.id: spec for spec in _SPECS}

if set(ITEMS) != set(get_args(ItemId)):  # pragma: no cover - a programming error, caught at import
    raise RuntimeError("model.items.ITEMS and model.catalogue.ItemId list different items")
