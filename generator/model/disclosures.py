"""The YAML file behind each disclosure item: ``data/compounds/<id>/<item>.yaml``.

Every item file has either a ``notice`` (when and for what period it was posted, who
approved it) or ``not_applicable`` with the reason (无电梯、无车位…). Items that hold tables
have a CSV beside the YAML with the same stem (``public_revenue.csv``); see :data:`generator.model.items.ITEMS`.
A missing item file means the disclosure is missing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, TypeVar

from pydantic import Field, model_validator

from generator.model.base import Count, Day, Money, OptDay, OptText, PeriodField, Phone, Ratio, Record, Text, Amount
from generator.model.notices import Distribution, FundApplication, Issuer, TierTable


class Notice(Record):
    posted_on: Day = Field(description="张贴（发布）日期")
    period: PeriodField | None = Field(None, description="所属期间（定期公示必填），如 2026-Q3")
    posting_days: int | None = Field(None, ge=1, description="张贴天数；不填按公示目录的要求")
    approved_by: str | None = Field(None, description="审核（确认）单位，如 业委会、物管会、社区")
    ends_on: OptDay = Field(None, title="公示截止日期",
                            description="公告印出的公示截止日期；不填时按张贴天数和城市的计日规则（city.yaml 的 notice_days）计算")
    issuers: list[Issuer] = Field(default_factory=list, title="落款",
                                  description="落款单位（可以是多家），含文号、受理异议的地址和电话；不填按小区的物业企业和业委会")

    @model_validator(mode="after")
    def _ends_after_posting(self) -> "Notice":
        if self.ends_on is not None and self.ends_on < self.posted_on:
            raise ValueError(f"公示截止日期 {self.ends_on} 早于张贴日期 {self.posted_on}")
        return self


class ItemFile(Record):
    notice: Notice | None = Field(None, description="公示信息；不适用时改填 not_applicable")
    not_applicable: str | bool | None = Field(None, description="不适用的理由，如“小区无电梯”")
    correction: str | None = Field(None, title="更正说明",
                                   description="张贴后改了已公示的数字（如录错了金额，或改了价格但计费起始时间不变）时，"
                                               "写明更正了什么、为什么（网站的修改记录中公示这段说明）；新价格应另起一行写新的起始日期")

    @model_validator(mode="after")
    def _notice_or_na(self) -> "ItemFile":
        if self.notice is None and self.not_applicable is None:
            raise ValueError("必须填写 notice（公示信息），或用 not_applicable 说明不适用的理由")
        return self


F = TypeVar("F", bound=ItemFile)


def item_as(model: ItemFile, kind: type[F]) -> F:
    """``model`` as the item file class ``kind`` its item registers (generator.model.items):
    the loader validates every item file with its own class, so a mismatch is a bug in the
    caller (an item's check given another item's record), raised as TypeError."""
    if not isinstance(model, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(model).__name__}")
    return model


class ProjectManager(Record):
    name: Text = Field(title="项目经理", description="项目经理姓名（按规定可公开）")
    office_phone: Phone = Field(title="办公电话", description="办公电话")
    photo: str | None = Field(None, description="照片文件名（与本文件同目录）")
    since: Day | None = Field(None, title="任职日期", description="任职日期")


class Office(Record):
    address: Text = Field(title="地址", description="物业服务中心地址")
    hours: Text = Field(title="办公时间", description="办公时间")


class StaffCount(Record):
    role: Text = Field(title="岗位", description="岗位（只写岗位，不写姓名）")
    count: Count = Field(title="人数")


class CompanyProfileFile(ItemFile):
    project_manager: ProjectManager | None = Field(None, description="项目负责人（项目经理）")
    office: Office | None = Field(None, description="物业服务中心（办公地点和时间）")
    staff: list[StaffCount] = Field(default_factory=list, description="在岗人员（按岗位）")


class ServiceScopeFile(ItemFile):
    service_level: str | None = Field(None, title="服务等级", description="服务等级")
    standard_basis: str | None = Field(None, title="服务标准依据", description="服务标准依据")


class FeeScheduleFile(ItemFile):
    price_report_phone: Phone | None = Field(None, title="价格举报电话", description="价格举报电话；不填用城市配置")
    note: str | None = Field(None, title="说明")
    tiers: list[TierTable] = Field(default_factory=list, title="分档价格表",
                                   description="按楼层或按建筑类型×服务等级定价的收费（收费表中该项目的收费标准写“见分档表”）")


class ResponseTime(Record):
    kind: Text = Field(title="事项", description="事项，如“紧急维修”")
    promise: Text = Field(title="承诺时限", description="承诺时限，如“30 分钟内到场”")


class Phones(Record):
    customer_service: Phone = Field(title="客服电话", description="客服电话")
    repair: Phone = Field(title="报修电话", description="报修电话")
    emergency_24h: Phone = Field(title="24 小时应急电话", description="24 小时应急电话")
    complaint: Phone = Field(title="投诉电话", description="投诉电话")


class ComplaintChannelsFile(ItemFile):
    phones: Phones | None = Field(None, description="服务电话")
    flow: list[Text] = Field(default_factory=list, title="报修投诉流程", description="报修/投诉处理流程，一步一行")
    response_times: list[ResponseTime] = Field(default_factory=list, title="承诺时限")
    volunteer_supervisors: Count | None = Field(None, title="义务监督员", description="义务监督员人数（不公开姓名）")


class FacilityMaintenanceFile(ItemFile):
    note: str | None = Field(None, title="说明")


COMPUTED = "可不填：不填时由台账计算并公示，填写时与台账核对"
"""What every figure the generator can compute says about itself (type nothing twice)."""


class QuarterStatement(Record):
    """A quarter's totals. Every figure is optional: absent, it is computed from the ledger
    (``public_revenue.csv``/``.xlsx``) and shown; present, it is checked against it."""

    period: PeriodField = Field(title="季度", description="季度，如 2026-Q3")
    income: Money | None = Field(None, title="收入", description=f"本期收入合计（{COMPUTED}）")
    cost: Money | None = Field(None, title="合理成本", description=f"本期合理成本合计（{COMPUTED}）")
    company_share: Money | None = Field(None, title="企业分成", description=f"本期企业分成（{COMPUTED}）")
    net_to_owners: Amount | None = Field(None, title="归业主净收益",
                                         description=f"本期归业主净收益 = 收入 − 成本 − 企业分成（{COMPUTED}）")
    used: Money | None = Field(None, title="资金使用", description=f"本期业主共有资金使用（{COMPUTED}）")
    closing_balance: Amount | None = Field(None, title="期末结余", description=f"期末结余（{COMPUTED}）")


class PublicRevenueFile(ItemFile):
    opening_balance: Amount | None = Field(None, title="期初结余",
                                           description="台账第一行之前的结余；公告没写就不填（未知不是 0：结余从台账中第一个写明的结余起算）")
    company_share_rate: Ratio | None = Field(None, title="约定企业分成比例", description="约定的企业分成比例（按收入减成本计），如 0.1")
    quarters: list[QuarterStatement] = Field(default_factory=list, description=f"各季度汇总（{COMPUTED}）")
    uses_decided_by: str | None = Field(None, title="资金使用决定", description="资金使用由谁决定，如“业主大会”")
    distributions: list[Distribution] = Field(default_factory=list, title="分配给业主",
                                              description="公共收益分配到户：规则、取整、最低最高、户数、总额、发放日期")


class ParkingFile(ItemFile):
    occupancy_fee_standard: str | None = Field(None, title="车位占用费标准", description="车位占用费标准，如“150 元/月”")
    occupancy_fee_collected: Money | None = Field(None, title="本期已收占用费", description="本期已收车位占用费（计入公共收益）")


class CostLine(Record):
    category: Text = Field(title="支出类别", description="支出类别，如 人员费用、保洁、绿化")
    amount: Money = Field(title="金额")


class FeeIncome(Record):
    receivable: Money = Field(title="应收物业费", description="应收物业费")
    received: Money = Field(title="实收物业费", description="实收物业费")
    collection_rate: Ratio | None = Field(None, title="收缴率", description=f"收缴率（实收 ÷ 应收），如 0.925（{COMPUTED.replace('台账', '实收和应收')}）")
    arrears_households: Count = Field(title="欠费户数", description="欠费户数（只公开总数）")
    other_income: Money = Field(Decimal(0), title="其他收入", description="其他收入")


class Commission(Record):
    rate: Ratio = Field(title="酬金比例", description="酬金比例（按实际支出计）")
    amount: Money | None = Field(None, title="酬金", description=f"酬金金额 = 酬金比例 × 支出合计（{COMPUTED.replace('台账', '支出')}）")


class ServiceAccountsFile(ItemFile):
    income: FeeIncome | None = Field(None, description="物业服务费收入")
    costs: list[CostLine] = Field(default_factory=list, title="支出")
    total_cost: Money | None = Field(None, description=f"支出合计（{COMPUTED.replace('台账', '各项支出')}）")
    surplus: Amount | None = Field(None, title="结余",
                                   description=f"结余（负数为亏损）= 实收 + 其他收入 − 支出合计 − 酬金（{COMPUTED.replace('台账', '收支')}）")
    commission: Commission | None = Field(None, description="酬金制合同的酬金")
    budget: list[CostLine] = Field(default_factory=list, title="下一年度预算", description="下一年度预算")
    performance: str | None = Field(None, title="履约情况", description="履约情况说明")


class FundYear(Record):
    """A year of the maintenance fund. The balances and the money used are optional: absent,
    they are computed (opening = the previous year's closing balance, used = the year's rows
    of the use table, closing = opening + deposited + interest − used) and shown."""

    year: int = Field(ge=2000, le=2100, title="年度")
    unit: OptText = Field(None, title="资金单元", description="资金所属单元（如“7号楼”）；各单元分别核算，不相加")
    opening_balance: Money | None = Field(None, title="期初余额",
                                          description="期初余额（第一年必填；以后各年可不填，按上一年年末余额）")
    deposited: Money = Field(title="本年归集", description="本年归集")
    interest: Money = Field(title="本年利息", description="本年利息")
    used: Money | None = Field(None, title="本年使用", description=f"本年使用（{COMPUTED.replace('台账', '使用明细')}）")
    closing_balance: Money | None = Field(None, title="年末余额",
                                          description=f"年末余额 = 期初 + 归集 + 利息 − 使用（{COMPUTED.replace('由台账计算', '计算')}）")


class MaintenanceFundFile(ItemFile):
    account_bank: str | None = Field(None, title="专户银行", description="专户银行名称（不填账号）")
    years: list[FundYear] = Field(default_factory=list, description="各年度汇总（归集、利息、使用、余额）")
    applications: list[FundApplication] = Field(default_factory=list, title="使用公告",
                                                 description="申请使用公告、使用公示、决算公示、应急使用公告，各带表决情况和落款")


class UtilitySharingFile(ItemFile):
    method: Literal["按建筑面积", "按户"] | None = Field(None, title="分摊方式", description="分摊方式")
    basis_total: Money | None = Field(None, title="分摊基数", description="分摊基数：总建筑面积（㎡）或总户数")


class ComplaintStats(Record):
    received: Count = Field(title="受理投诉件数", description="受理投诉件数")
    resolved: Count = Field(title="办结件数", description="办结件数")
    first_time_resolved: Count = Field(title="一次办结件数", description="一次办结件数")


class Satisfaction(Record):
    surveyed: Count = Field(title="参与测评户数", description="参与测评户数")
    satisfied: Count = Field(title="满意户数", description="满意户数")


class OversightFile(ItemFile):
    satisfaction: Satisfaction | None = Field(None, description="满意度测评")
    complaints: ComplaintStats | None = Field(None, description="投诉统计")
    volunteer_note: str | None = Field(None, title="义务监督员")
