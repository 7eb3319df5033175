"""Residential compounds (小区): ``data/compounds/<id>/compound.yaml``.

The folder name is the compound's id. A compound is either professionally managed
(``management: professional``, with a ``company``) or self-managed (``self_managed``,
自治物业, with ``self_management`` describing who runs it). A compound just registered
(``new compound``) may lack its address, management, size and owners' organisation: the
checks warn (``compound-incomplete``) and the pages say 未填写.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.model.base import Count, Day, Phone, Quantity, Record, Slug, Text, Coded
from generator.model.vocabulary import CONTRACT_TYPES, MANAGEMENT


class Contract(Record):
    type: Annotated[Literal["lump_sum", "commission"], Coded(CONTRACT_TYPES)] = Field(
        title="合同类型", description="包干制或酬金制")
    start: Day = Field(title="合同开始日期", description="合同开始日期")
    end: Day = Field(title="合同结束日期", description="合同结束日期")
    service_level: str | None = Field(None, title="服务等级", description="服务等级，如“二级”")

    @model_validator(mode="after")
    def _order(self) -> "Contract":
        if self.end <= self.start:
            raise ValueError("合同结束日期必须晚于开始日期")
        return self


class SelfManagement(Record):
    organisation: Text = Field(title="管理组织", description="自治管理组织名称，如“××小区业主自治管理小组”")
    phone: Phone = Field(title="联系电话", description="联系电话（办公电话，不填个人手机）")


class OwnersCommittee(Record):
    kind: Literal["业委会", "物管会", "无"] = Field(title="业主组织", description="业主委员会、物业管理委员会或尚未成立")
    established_on: Day | None = Field(None, description="成立日期")
    phone: Phone | None = Field(None, description="业委会（物管会）办公电话，如 0550-6302266；不填个人手机")
    office: str | None = Field(None, description="办公地点和接待时间，如“小区会所二楼，每周六上午”")


INCOMPLETE = ("address", "management", "households", "floor_area", "owners_committee")
"""Fields a compound is registered without (``new compound`` knows only its name and place):
each missing one is a ``compound-incomplete`` warning and shows as 未填写."""


class Compound(Record):
    name: Text = Field(description="小区名称")
    aliases: list[str] = Field(default_factory=list, description="别名或俗称，便于搜索")
    district: Slug = Field(description="所属区编号（city.yaml）")
    street: Slug = Field(description="所属街道编号")
    community: Slug = Field(description="所属社区编号")
    address: Text | None = Field(None, title="地址", description="小区地址")
    management: Annotated[Literal["professional", "self_managed"], Coded(MANAGEMENT)] | None = Field(
        None, title="管理方式", description="专业物业（专业物业服务企业管理）或自治物业（业主自治管理）")
    company: Slug | None = Field(None, description="物业服务企业编号（data/companies/ 下的文件名）")
    self_management: SelfManagement | None = Field(None, description="自治管理组织（自治物业必填）")
    households: Count | None = Field(None, title="总户数", description="总户数")
    buildings: Count | None = Field(None, description="楼栋数")
    floor_area: Quantity | None = Field(None, title="总建筑面积", description="总建筑面积（㎡）")
    built_year: int | None = Field(None, ge=1949, le=2100, description="建成年份")
    owners_committee: OwnersCommittee | None = Field(None, title="业主组织", description="业主组织（业委会、物管会或尚未成立）")
    contract: Contract | None = Field(None, title="物业服务合同", description="物业服务合同；自治物业可不填")

    @model_validator(mode="after")
    def _management(self) -> "Compound":
        if self.management == "professional" and not self.company:
            raise ValueError("专业物业服务的小区必须填写 company（物业服务企业编号）")
        if self.management == "professional" and self.contract is None:
            raise ValueError("专业物业服务的小区必须填写 contract（物业服务合同）")
        if self.management == "self_managed" and self.self_management is None:
            raise ValueError("自治物业的小区必须填写 self_management（自治管理组织）")
        return self

    @property
    def serving_company(self) -> str | None:
        """The company that serves the compound: its ``company`` when professionally managed,
        else None. The one rule for it (pages, sheets, lists and figures read this)."""
        return self.company if self.management == "professional" else None

    def missing(self) -> list[str]:
        """The fields of :data:`INCOMPLETE` not filled in yet."""
        return [name for name in INCOMPLETE if getattr(self, name) is None]
