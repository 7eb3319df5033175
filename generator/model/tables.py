"""Row models for the CSV tables staff edit in Excel, one class per table.

Each field's ``title`` is its Chinese column header; a CSV may use either the field name or
the title as header. Dates and amounts accept the Excel forms of
:mod:`generator.model.values`.

``TOTALS`` names the columns a 合计/小计 row may state (checked against the sum of the rows
above it, :mod:`generator.checks.totals`); ``RUNNING`` those whose 合计 is the value after
the last row (a running balance).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, model_validator

from generator.model.base import (Amount, Count, Day, Money, MonthField, OptDay, OptText, Phone, Quantity, Record, Slug,
                                  Text, Coded)
from generator.model.stated import StatedField
from generator.model.values import parse_decimal
from generator.model.vocabulary import REVENUE_ENTRIES

CENT = Decimal("0.01")
ZERO = Decimal(0)
"""The default of a computed column: only a row rejected for a wrong reading or price keeps it."""
ROW_COMPUTED = "可不填：不填时由本行计算，填写时核对"
"""What a figure the generator computes from its own row says about itself (type nothing twice)."""


class ServiceItemRow(Record):
    category: Literal["保洁", "秩序维护", "绿化", "共用设施维修", "客服", "其他"] = Field(title="类别")
    item: Text = Field(title="服务项目")
    standard: Text = Field(title="服务标准")
    frequency: Text = Field(title="频次")


FEE_KINDS = ("物业服务费", "电梯运行费", "二次供水费", "停车服务费", "装修垃圾清运费", "特约服务", "代收代缴", "其他")
"""The fee kinds of a fee table; every kind but 特约服务、代收代缴 and 其他 reaches the key figures."""


class FeeRow(Record):
    """One fee as the notice prices it. Only the item and its price are required: the other
    columns are left empty when the notice does not state them and are shown as 未注明. The
    price is kept as typed (``0.80`` stays ``0.80``; a range, a cap, a formula, a percentage,
    free periods or 按质论价: :mod:`generator.model.stated`). Two rows of the same item with
    different 计费起始时间 are the current price and the next one."""

    kind: Literal[FEE_KINDS] = Field(title="收费类别")  # type: ignore[valid-type]
    item: Text = Field(title="收费项目")
    payer: OptText = Field(None, title="收费对象")
    content: OptText = Field(None, title="服务内容")
    billing_method: OptText = Field(None, title="计费方式")
    start_date: OptDay = Field(None, title="计费起始时间", description="该价格开始执行的日期；调价时新价格另起一行，写新的日期")
    price: StatedField = Field(title="收费标准", description="照公告原样填写，如 0.80、1.20-1.80、不超过70、见分档表、按质论价")
    unit: OptText = Field(None, title="单位", description="如 元/㎡·月、元/月、元/次")
    price_form: Literal["政府指导价", "市场调节价", "政府定价"] | None = Field(None, title="价格管理形式")
    base_price: StatedField | None = Field(None, title="基准价", description="政府指导价的基准价（明码标价规定要求写明）")
    float_range: OptText = Field(None, title="浮动幅度", description="政府指导价的浮动幅度，如 ±10%、上浮不超过10%")
    basis: OptText = Field(None, title="收费依据")


class FacilityRow(Record):
    system: Literal["电梯", "消防", "二次供水", "监控", "供暖", "门禁", "配电", "其他"] = Field(title="设施系统")
    maintainer: Text = Field(title="维保单位")
    qualification: Text = Field(title="资质")
    phone: Phone = Field(title="维保单位电话")
    last_inspection: Day = Field(title="上次检验日期")
    next_inspection: Day = Field(title="下次检验日期")
    result: Text = Field(title="检验结果")


class PublicRevenueRow(Record):
    date: Day = Field(title="日期")
    type: Annotated[Literal["income", "cost", "company_share", "use"], Coded(REVENUE_ENTRIES)] = Field(
        title="类型", description="收入、合理成本、企业分成或业主共有资金使用")
    category: Text = Field(title="类别", description="如 广告、场地租赁、车位占用、快递柜、充电桩、税费、设施维修")
    description: Text = Field(title="摘要")
    amount: Money = Field(title="金额")
    balance: Amount | None = Field(None, title="结余", description="业主共有资金结余（可留空；填写时会核对）")

    TOTALS: ClassVar[tuple[str, ...]] = ("amount",)
    RUNNING: ClassVar[tuple[str, ...]] = ("balance",)


class MaintenanceFundUseRow(Record):
    date: Day = Field(title="日期")
    project: Text = Field(title="项目")
    unit: OptText = Field(None, title="资金单元", description="资金所属单元（如“7号楼”）；不同单元的金额不相加")
    scope: OptText = Field(None, title="范围")
    amount: Money = Field(title="金额")
    apportionment: OptText = Field(None, title="分摊方式")
    vote: OptText = Field(None, title="业主表决情况", description="如“同意户数 82%、面积 85%”")
    contractor: OptText = Field(None, title="施工单位")
    status: Literal["已公示", "施工中", "已完工", "已验收", "已结算"] | None = Field(None, title="状态")

    TOTALS: ClassVar[tuple[str, ...]] = ("amount",)


class UtilityRow(Record):
    """A month's meter reading. Type nothing twice: 用量 and 金额 left blank are computed from the
    row (截止读数 − 起始读数; 用量 × 单价 to the cent, half up) before validation, so every row has
    them; written, they are checked (:mod:`generator.checks.arithmetic`). 分摊标准 left blank is
    computed from the file's 分摊基数 (:func:`generator.derive.statements.utility_share`)."""

    month: MonthField = Field(title="月份", description="如 2026-09（也可写 2026/9、2026年9月）")
    kind: Literal["公共用电", "公共用水"] = Field(title="类别")
    meter_start: Quantity = Field(title="起始读数")
    meter_end: Quantity = Field(title="截止读数")
    usage: Quantity = Field(ZERO, title="用量", description=f"截止读数 − 起始读数（{ROW_COMPUTED}）")
    unit_price: Money = Field(title="单价")
    amount: Money = Field(ZERO, title="金额", description=f"用量 × 单价（{ROW_COMPUTED}）")
    per_unit: Money | None = Field(None, title="分摊标准",
                                   description="金额 ÷ 分摊基数，每户保留 2 位、每㎡保留 4 位小数"
                                               "（可不填：不填时按分摊基数计算，填写时核对）")

    TOTALS: ClassVar[tuple[str, ...]] = ("usage", "amount", "per_unit")

    @model_validator(mode="before")
    @classmethod
    def _computed(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        data = dict(data)
        try:
            if _blank(data.get("usage")):
                data["usage"] = parse_decimal(data["meter_end"]) - parse_decimal(data["meter_start"])
            if _blank(data.get("amount")):
                amount = parse_decimal(data["usage"]) * parse_decimal(data["unit_price"])
                data["amount"] = amount.quantize(CENT, rounding=ROUND_HALF_UP)
        except (KeyError, ValueError):
            pass  # a reading or the price is missing or wrong: that field's own finding says so
        return data


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class ParkingRow(Record):
    type: Literal["地面", "地下", "机械"] = Field(title="车位类型")
    ownership: Literal["业主共有", "开发商产权", "人防", "业主自有"] = Field(title="权属")
    total: Count = Field(title="总数")
    sold: Count = Field(title="已售")
    rented: Count = Field(title="已租")
    vacant: Count = Field(title="空置")
    monthly_fee: Money | None = Field(None, title="月租金（元/月）")
    note: OptText = Field(None, title="备注")

    TOTALS: ClassVar[tuple[str, ...]] = ("total", "sold", "rented", "vacant")


class RectificationRow(Record):
    issue: Text = Field(title="问题")
    source: Text = Field(title="来源", description="如 居民投诉、主管部门检查")
    deadline: Day = Field(title="整改期限")
    status: Literal["整改中", "已整改", "逾期未整改"] = Field(title="状态")
    completed_on: OptDay = Field(None, title="完成日期")


class EvaluationRow(Record):
    company: Slug = Field(title="企业编号")
    group: Text = Field(title="评价主体")
    score: Amount = Field(title="得分")
    dimension: OptText = Field(None, title="维度")
    compound: OptText = Field(None, title="小区编号")
