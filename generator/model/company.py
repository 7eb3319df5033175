"""Property-service companies (物业服务企业): ``data/companies/<id>.yaml``.

What a list notice gives is enough for a record: the name. The credit code, party
organisation, address and phone are optional (pages show 未注明, never a default). A credit
code that is given must be a valid unified social credit code: 18 characters of the GB 32100
alphabet whose last is the check character (``credit-code`` finding otherwise, saying which
check character the first 17 give).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError
from stdnum.cn import uscc

from generator.model.base import Phone, Record, Text

CREDIT_CODE_PATTERN = r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$"


def check_credit_code(value: Any) -> str | None:
    """A unified social credit code, upper-cased, with its check character verified."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    code = re.sub(r"\s+", "", str(value)).upper()
    if not re.match(CREDIT_CODE_PATTERN, code):
        raise PydanticCustomError(
            "credit_code", "统一社会信用代码“{value}”格式不对：应为 18 位数字和大写字母（不含 I、O、S、V、Z）",
            {"value": str(value)})
    expected = uscc.calc_check_digit(code[:17])
    if code[17] != expected:
        raise PydanticCustomError(
            "credit_code", "统一社会信用代码“{value}”的校验位不对：按前 17 位算，最后一位应为 {expected}，多为抄错了某一位",
            {"value": str(value), "expected": expected})
    return code


CreditCode = Annotated[str | None, BeforeValidator(check_credit_code),
                       WithJsonSchema({"type": "string", "pattern": CREDIT_CODE_PATTERN,
                                       "description": "统一社会信用代码（18 位，最后一位是校验位）"})]


class PartyOrganisation(Record):
    kind: Literal["党支部", "联合党支部", "党建指导员", "无"] = Field(description="党组织形式")
    name: str | None = Field(None, description="党组织名称，如“××物业党支部”")


class Company(Record):
    name: Text = Field(title="企业名称", description="企业全称")
    short_name: str | None = Field(None, description="简称，用于表格")
    credit_code: CreditCode = Field(None, title="统一社会信用代码", description="统一社会信用代码（18 位）")
    licence: str | None = Field(None, title="登记及资质", description="营业执照登记机关或资质说明")
    grade: str | None = Field(None, title="星级/信用等级", description="星级或信用等级，如“四星级”")
    party: PartyOrganisation | None = Field(None, title="党组织")
    address: Text | None = Field(None, title="企业地址", description="企业办公地址")
    phone: Phone | None = Field(None, title="企业服务电话", description="企业服务电话")
    work_mobiles: list[Phone] = Field(default_factory=list, description=(
        "企业登记的工作手机（单位所有、用于值班或报修，不是个人手机）；只有列在这里的手机号码才能公示"))

    @property
    def display_name(self) -> str:
        return self.short_name or self.name
