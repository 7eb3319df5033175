"""Property-service companies (物业服务企业): ``data/companies/<id>.yaml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.model.base import Phone, Record, Text

CREDIT_CODE_PATTERN = r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$"


class PartyOrganisation(Record):
    kind: Literal["党支部", "联合党支部", "党建指导员", "无"] = Field(description="党组织形式")
    name: str | None = Field(None, description="党组织名称，如“××物业党支部”")


class Company(Record):
    name: Text = Field(title="企业名称", description="企业全称")
    short_name: str | None = Field(None, description="简称，用于表格")
    credit_code: str = Field(pattern=CREDIT_CODE_PATTERN, title="统一社会信用代码", description="统一社会信用代码（18 位）")
    licence: str | None = Field(None, title="登记及资质", description="营业执照登记机关或资质说明")
    grade: str | None = Field(None, title="星级/信用等级", description="星级或信用等级，如“四星级”")
    party: PartyOrganisation = Field(title="党组织")
    address: Text = Field(title="企业地址", description="企业办公地址")
    phone: Phone = Field(title="企业服务电话", description="企业服务电话")
    work_mobiles: list[Phone] = Field(default_factory=list, description=(
        "企业登记的工作手机（单位所有、用于值班或报修，不是个人手机）；只有列在这里的手机号码才能公示"))

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
