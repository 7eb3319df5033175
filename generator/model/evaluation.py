"""Evaluation sheets (考评), one per period in ``data/evaluations/``, and lists by decision.

``<period>.yaml`` holds the sheet's metadata (period, who published it, when, rectification
notes) and, for lists a body decided rather than computed (named by recommendation and
verification, 失信名录), the ``decisions``: each list's members as the notice names them,
with the deciding body, its document number, the date, a reason per member, and the number
the notice gives when it names only some (“等 N 家”). ``<period>.csv`` holds the scores
(one row per company x rater group, optionally split by dimension or by compound); a sheet
with decisions may have no scores at all. The ranking stage computes the lists.
"""

from __future__ import annotations

import builtins
from typing import Annotated, Literal

from pydantic import Field, model_validator

from generator.model.base import Count, Day, OptDay, PeriodField, Phone, Record, Slug, Text, Coded
from generator.model.vocabulary import AGGREGATIONS, SUBJECTS

class RectificationNote(Record):
    company: Slug = Field(description="企业编号")
    note: Text = Field(description="整改说明")
    status: Literal["整改中", "已整改", "逾期未整改"]
    deadline: OptDay = Field(None, description="整改期限；过期仍为“整改中”时显示“逾期未报整改结果”")


class DecisionMember(Record):
    """One member as the notice names it: a company, a compound (with its company), or both."""

    company: Slug | None = Field(None, description="企业编号（data/companies/ 下有该企业时）")
    company_name: Text | None = Field(None, description="企业名称（平台没有该企业记录时，照公告填写）")
    compound: Slug | None = Field(None, description="小区编号（data/compounds/ 下有该小区时）")
    compound_name: Text | None = Field(None, description="小区名称（平台没有该小区时，照公告填写）")
    reason: str | None = Field(None, description="列入原因或主要问题，照公告填写")

    @model_validator(mode="after")
    def _named(self) -> "DecisionMember":
        if self.company and self.company_name:
            raise ValueError("company 和 company_name 只写一个：平台有该企业写编号，没有才写名称")
        if self.compound and self.compound_name:
            raise ValueError("compound 和 compound_name 只写一个：平台有该小区写编号，没有才写名称")
        if not (self.company or self.company_name or self.compound or self.compound_name):
            raise ValueError("每个上榜对象至少写企业（company 或 company_name）或小区（compound 或 compound_name）")
        return self

    @property
    def subject(self) -> Literal["company", "compound"]:
        return "compound" if self.compound or self.compound_name else "company"


class ListDecision(Record):
    list: Slug = Field(description="榜单编号（city.yaml 的 lists，默认 red 或 bad）")
    subject: Annotated[Literal["company", "compound", "both"], Coded(SUBJECTS)] | None = Field(
        None, description="上榜对象：企业、小区或两者；不填按所列对象判断，一个也没列名时必填")
    body: Text = Field(description="决定（发布）机关，如“示例市住房和城乡建设局”")
    document: str | None = Field(None, description="文号，如“示住建〔2026〕88号”")
    decided_on: Day = Field(description="决定日期")
    basis: str | None = Field(None, description="评定方式，如“经推荐、核实”")
    phone: Phone | None = Field(None, description="受理异议的电话")
    count: Count | None = Field(None, description="公告所说的总数（含未列名的），如“红榜 8 家”写 8")
    members: builtins.list[DecisionMember] = Field(default_factory=builtins.list, description="公告列名的上榜对象")

    @model_validator(mode="after")
    def _counted(self) -> "ListDecision":
        if self.count is not None and self.count < len(self.members):
            raise ValueError(f"count 为 {self.count}，却列了 {len(self.members)} 个对象：count 是公告所说的总数")
        if not self.members and self.count is None:
            raise ValueError("没有列名的对象时要写 count（公告所说的数量）")
        if not self.members and self.subject is None:
            raise ValueError("没有列名的对象时要写 subject（company 企业或 compound 小区）")
        return self

    @property
    def kind(self) -> Literal["company", "compound", "both"]:
        """What the list holds: as declared, else from its members."""
        if self.subject is not None:
            return self.subject
        kinds = {m.subject for m in self.members}
        return "both" if len(kinds) == 2 else kinds.pop()

    @property
    def unnamed(self) -> int:
        """Members the notice counts but does not name (“等 N 家”)."""
        return (self.count or len(self.members)) - len(self.members)


class EvaluationSheet(Record):
    period: PeriodField = Field(description="考评期间，如 2026-H1、2026-07、2026-B2（第二批）")
    title: str | None = Field(None, description="标题，如“2026年上半年物业服务企业考评”")
    published_on: Day = Field(description="结果发布日期")
    organiser: Text = Field(description="组织单位（发布单位），对榜单有异议向它提出")
    organiser_phone: Phone | None = Field(None, description="组织单位受理异议的电话")
    dimension_aggregation: Annotated[Literal["sum", "mean"], Coded(AGGREGATIONS)] = Field(
        "sum", description="同一评价主体分维度打分时的汇总方式：相加（默认）或取平均")
    rectifications: list[RectificationNote] = Field(default_factory=list)
    decisions: list[ListDecision] = Field(default_factory=list, description="按决定公布的榜单（不计分）")
