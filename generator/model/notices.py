"""The parts of real notices the item files hold besides their tables.

Contract: pydantic models, validated like every record (unknown keys are errors), used by
:mod:`generator.model.disclosures`:

* :class:`Issuer`: one signer of a notice (落款): a company, an owners' committee, a 物管会,
  a street office or a government office with its document number (文号), with the address
  and phone where objections go;
* :class:`TierTable`: a fee priced by floor or by building type x service grade, as a table,
  optionally with the formula the notice gives and its worked values;
* :class:`Distribution`: public revenue paid out to households: rule, rounding, minimum and
  maximum, households, total, the lowest and highest payment and the days paid;
* :class:`Vote` and :class:`FundApplication`: a maintenance-fund notice by kind (申请使用公告,
  使用公示, 决算公示, 应急使用) with the owners' vote as figures.

Every field a real notice of that kind may leave out is optional: left out, the site shows
未注明 and open data an empty cell; nothing is defaulted. The arithmetic over them lives in
:mod:`generator.derive.notices` and :mod:`generator.derive.vote`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.model.base import (Coded, Count, Day, Money, OptDay, OptText, PeriodField, Phone, Quantity,
                                  Record, Text)
from generator.model.stated import StatedField
from generator.model.vocabulary import (DISTRIBUTION_BASES, FUND_NOTICE_KINDS, ISSUER_KINDS, ROUNDING_UNITS,
                                        VOTE_MATTERS)


class Issuer(Record):
    name: Text = Field(title="落款单位", description="落款单位全称，如“示例市东湖区住房和城乡建设局”")
    kind: Annotated[Literal["company", "committee", "management_committee", "community", "street", "office", "other"],
                    Coded(ISSUER_KINDS)] | None = Field(None, title="单位类别", description="物业服务企业、业主委员会、物业管理委员会、社区居委会、街道办事处、政府部门或其他")
    document_number: OptText = Field(None, title="文号", description="公告文号，照原样填写，如“东住建〔2026〕12号”")
    address: OptText = Field(None, title="地址", description="受理异议的地址")
    phone: Phone | None = Field(None, title="联系电话", description="受理异议的电话（办公电话）")


class TierLine(Record):
    label: Text = Field(title="档次", description="如“4 层”“7—11 层”“多层住宅”")
    floor: int | None = Field(None, ge=-10, le=200, title="楼层", description="按楼层分档时该档的楼层（用来核对公式）")
    prices: list[StatedField] = Field(min_length=1, title="收费标准", description="每个服务等级一个价格，照公告原样填写")


class TierTable(Record):
    """A fee priced by a table: by floor (电梯费) or by building type x service grade."""

    item: Text = Field(title="收费项目", description="与收费表中的收费项目同名（该行收费标准写“见分档表”）")
    unit: OptText = Field(None, title="单位", description="如 元/㎡·月")
    row_title: Text = Field("档次", title="分档依据", description="如“楼层”“建筑类型”")
    columns: list[Text] = Field(default_factory=list, title="服务等级",
                               description="按服务等级分列时各列的名称，如 [一级, 二级, 三级]；只有一列价格时不填")
    formula: StatedField | None = Field(None, title="计算公式", description="公告给出的公式，如 10+0.30×(楼层-3)")
    start_date: OptDay = Field(None, title="计费起始时间", description="本表价格开始执行的日期")
    rows: list[TierLine] = Field(min_length=1, title="各档价格")

    @model_validator(mode="after")
    def _width(self) -> "TierTable":
        width = max(1, len(self.columns))
        for line in self.rows:
            if len(line.prices) != width:
                raise ValueError(f"“{line.label}”写了 {len(line.prices)} 个价格，应与服务等级的列数 {width} 相同")
        return self


class Distribution(Record):
    """Public revenue paid out to households (分配), as the notice states it."""

    period: PeriodField = Field(title="分配所属期间", description="如 2021~2025-Q3（2021年至2025年第三季度）")
    basis: Annotated[Literal["per_area", "per_household"], Coded(DISTRIBUTION_BASES)] | None = Field(
        None, title="分配方式", description="按产权面积或按户")
    rate: Money | None = Field(None, title="分配标准", description="每㎡或每户的金额（元）")
    rounding: Annotated[Literal["yuan", "jiao", "fen"], Coded(ROUNDING_UNITS)] | None = Field(
        None, title="取整", description="每户金额四舍五入到元、角或分")
    minimum: Money | None = Field(None, title="每户最低", description="规则规定的每户最低金额")
    maximum: Money | None = Field(None, title="每户最高", description="规则规定的每户最高金额")
    households: Count | None = Field(None, title="分配户数")
    area: Quantity | None = Field(None, title="分配面积", description="参与分配的产权面积合计（㎡）")
    total: Money = Field(title="分配总额", description="实际分配的总金额（元），公告必须写明")
    lowest_paid: Money | None = Field(None, title="实发最低", description="实际发放的每户最低金额")
    highest_paid: Money | None = Field(None, title="实发最高", description="实际发放的每户最高金额")
    paid_on: list[Day] = Field(default_factory=list, title="发放日期")
    decided_by: OptText = Field(None, title="决定方式", description="如“2025年第二次业主大会表决通过”")


class Vote(Record):
    """The owners' vote on a matter of 《民法典》第二百七十八条, as figures."""

    matter: Annotated[Literal["use_fund", "raise_fund", "rebuild", "change_use", "other"], Coded(VOTE_MATTERS)] = Field(
        "use_fund", title="表决事项", description="使用维修资金（过半数）；筹集维修资金、改建重建、改变共有部分用途（四分之三）")
    households: Count = Field(title="业主总人数", description="表决范围内的业主总人数（户）")
    area: Quantity = Field(title="专有部分总面积", description="表决范围内的专有部分面积合计（㎡）")
    voters: Count = Field(title="参与表决人数")
    voting_area: Quantity = Field(title="参与表决面积", description="参与表决业主的专有部分面积（㎡）")
    agreed: Count = Field(title="同意人数")
    agreed_area: Quantity = Field(title="同意面积", description="同意业主的专有部分面积（㎡）")
    declared: OptText = Field(None, title="公告所称表决结果", description="照公告原样，如“符合规定”“表决通过”")
    voted_from: OptDay = Field(None, title="表决开始日期")
    voted_until: OptDay = Field(None, title="表决截止日期")


class FundApplication(Record):
    """One maintenance-fund notice: an application before the works, a use or settlement
    notice after, or an emergency use (应急使用, no prior vote)."""

    kind: Annotated[Literal["application", "use", "settlement", "emergency"], Coded(FUND_NOTICE_KINDS)] = Field(
        title="公告类别", description="申请使用公告、使用公示、决算公示或应急使用")
    project: Text = Field(title="项目", description="工程名称，如“7号楼电梯更新改造”")
    unit: OptText = Field(None, title="资金单元", description="维修资金所属单元（如“7号楼”），各单元的资金分别核算")
    scope: OptText = Field(None, title="范围", description="涉及的楼栋、单元")
    estimated: StatedField | None = Field(None, title="预算金额", description="照公告原样，如 1,186,000 或“310余万元”")
    settled: Money | None = Field(None, title="结算金额", description="使用公示或决算时的实际金额（元）")
    apportionment: OptText = Field(None, title="分摊方式")
    contractor: OptText = Field(None, title="施工单位")
    vote: Vote | None = Field(None, title="业主表决", description="表决情况；应急使用可不填")
    posted_on: Day = Field(title="张贴日期")
    posting_days: int | None = Field(None, ge=1, title="公示天数")
    ends_on: OptDay = Field(None, title="公示截止日期", description="公告印出的截止日期；不填按城市设置计算")
    issuers: list[Issuer] = Field(default_factory=list, title="落款")
