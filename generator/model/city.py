"""The city: its administrative tree, supervision phones, site URL and evaluation policy.

One file, ``data/city.yaml``. Districts contain streets (街道) which contain communities
(社区); compounds refer to them by id. The evaluation policy (红黑榜规则) is data here so
the ranking and its methodology page always state the rule actually applied.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from generator.model.base import Phone, PlainText, Ratio, Record, Slug, Text, Coded
from generator.model.values import parse_phone
from generator.model.vocabulary import CORRECTION_ROUTES, LIST_KINDS, MISSING_GROUP, PERIOD_KINDS, ROUNDINGS


class Community(Record):
    id: Slug
    name: Text = Field(description="社区名称")
    phone: Phone | None = Field(None, description="社区监督电话")


class Street(Record):
    id: Slug
    name: Text = Field(description="街道名称")
    phone: Phone | None = Field(None, description="街道监督电话")
    communities: list[Community] = Field(default_factory=list)


class District(Record):
    id: Slug
    name: Text = Field(description="区（县）名称")
    regulator_phone: Phone | None = Field(None, description="区住建（物业主管）部门电话")
    streets: list[Street] = Field(min_length=1)


class RaterGroup(Record):
    id: Slug = Field(description="评价主体编号，评分表 group 列使用")
    name: Text = Field(description="评价主体名称，如“居民满意度测评”")
    weight: Ratio = Field(description="权重，各主体权重之和必须为 1")


class Grade(Record):
    name: Text = Field(description="等级名称，如 AAA")
    min_score: Decimal = Field(ge=0, description="达到该等级的最低综合得分（含）")


class ListRule(Record):
    kind: Annotated[Literal["ratio", "top_bottom", "grades"], Coded(LIST_KINDS)] = Field(
        description="按比例、前后若干名或按等级（指定等级入红榜/黑榜）")
    red_ratio: Ratio | None = Field(None, description="红榜比例，0 到 0.5，如 0.1")
    bad_ratio: Ratio | None = Field(None, description="黑（黄）榜比例，0 到 0.5")
    rounding: Annotated[Literal["down", "half_up", "up"], Coded(ROUNDINGS)] = Field(
        "down", description="名额取整方式：向下取整（默认）、四舍五入或向上取整")
    top_n: int | None = Field(None, ge=0, description="红榜名次数（top_bottom）")
    bottom_n: int | None = Field(None, ge=0, description="黑（黄）榜名次数（top_bottom）")
    red_grades: list[str] = Field(default_factory=list, description="列入红榜的等级（grades）")
    bad_grades: list[str] = Field(default_factory=list, description="列入黑（黄）榜的等级（grades）")

    @model_validator(mode="after")
    def _consistent(self) -> "ListRule":
        if self.kind == "ratio":
            for name in ("red_ratio", "bad_ratio"):
                value = getattr(self, name)
                if value is None:
                    raise ValueError(f"按比例（ratio）评榜时必须填写 {name}")
                if value > Decimal("0.5"):
                    raise ValueError(f"{name} 为 {value}，应在 0 到 0.5 之间")
        elif self.kind == "top_bottom" and (self.top_n is None or self.bottom_n is None):
            raise ValueError("按名次（top_bottom）评榜时必须填写 top_n 和 bottom_n")
        elif self.kind == "grades" and not (self.red_grades or self.bad_grades):
            raise ValueError("按等级（grades）评榜时必须填写 red_grades 或 bad_grades")
        both = sorted(set(self.red_grades) & set(self.bad_grades))
        if both:
            raise ValueError(f"等级 {both} 不能同时列入红榜和差评榜")
        return self


CYCLES = {k: PERIOD_KINDS[k] for k in ("quarter", "half_year", "year")}
"""The evaluation cycles a policy may have (the period kinds but the month)."""


class EvaluationPolicy(Record):
    version: Text = Field(description="规则版本，如 2026-1，显示在榜单和方法说明上")
    cycle: Annotated[Literal["quarter", "half_year", "year"], Coded(CYCLES)] = Field(
        description="评价周期：每季度、每半年或每年")
    rater_groups: list[RaterGroup] = Field(min_length=1, description="评价主体及权重（默认 居民:主管部门:街道社区 = 5:3:2）")
    missing_group: Annotated[Literal["error", "zero", "reweight"], Coded(MISSING_GROUP)] = Field(
        "error", description="某企业缺少某评价主体得分时：不允许缺评（报错）、缺评记 0 分，或按其余权重重新归一")
    max_score: Decimal = Field(Decimal(100), gt=0, description="每个评价主体的满分")
    score_decimals: int = Field(2, ge=0, le=4, description="综合得分保留小数位（四舍五入）")
    list_rule: ListRule
    grades: list[Grade] = Field(default_factory=list, description="信用等级，按最低分从高到低，如 AAA ≥ 85")
    red_list_name: Text = Field("红榜")
    bad_list_name: Literal["黑榜", "黄榜"] = Field("黑榜", description="差评榜名称：黑榜或黄榜")
    tie_break: list[str] = Field(
        default_factory=list,
        description="综合得分相同时依次比较的评价主体编号（分高者在前）；仍相同按企业编号排序")
    consecutive_bad_flag: int = Field(2, ge=2, description="连续多少期进入差评榜时标记“连续上榜”")
    consequences: list[str] = Field(default_factory=list, description="上榜后果说明，显示在方法说明页")

    @model_validator(mode="after")
    def _weights(self) -> "EvaluationPolicy":
        total = sum((g.weight for g in self.rater_groups), Decimal(0))
        if total != 1:
            raise ValueError(f"各评价主体权重之和为 {total}，必须等于 1")
        if any(g.weight <= 0 for g in self.rater_groups):
            raise ValueError("评价主体权重必须大于 0")
        ids = [g.id for g in self.rater_groups]
        if len(set(ids)) != len(ids):
            raise ValueError("评价主体编号重复")
        unknown = [t for t in self.tie_break if t not in ids]
        if unknown:
            raise ValueError(f"tie_break 中的 {unknown} 不是已定义的评价主体")
        grade_names = {g.name for g in self.grades}
        missing = [g for g in self.list_rule.red_grades + self.list_rule.bad_grades if g not in grade_names]
        if missing:
            raise ValueError(f"list_rule 引用了未定义的等级 {missing}")
        return self

    @field_validator("grades")
    @classmethod
    def _grades_sorted(cls, grades: list[Grade]) -> list[Grade]:
        return sorted(grades, key=lambda g: g.min_score, reverse=True)


class OnlineChannel(Record):
    name: Text = Field(description="渠道名称，如“示例市12345政务服务便民热线网上投诉”")
    url: HttpUrl = Field(description="网址（http:// 或 https:// 开头）")


class NoticeDays(Record):
    """How the city counts a notice's days on display (公示期)."""

    count_posting_day: bool = Field(
        False, description="张贴当天是否算第一天：false（默认）按《民法典》第二百零一条从次日起算，7 天公示 8月25日张贴到 9月1日；"
                           "true 张贴当天算第一天，到 8月31日。公告印有截止日期时以 notice.ends_on 为准")


_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")


class CorrectionRoute(Record):
    """纠错: where residents report a figure they think is wrong (the 纠错 link beside every
    table of figures opens it, prefilled with the compound, the item, the period and the
    stamp). Without it, residents are sent to the city's hotline (``hotline``, 12345)."""

    by: Annotated[Literal["email", "phone", "web"], Coded(CORRECTION_ROUTES)] = Field(
        description="报告方式：电子邮件（email）、电话（phone）或网上表单（web，如 12345 网上投诉）")
    to: str = Field(description="邮箱地址、电话号码或网址（与报告方式对应）")
    name: Text | None = Field(None, description="受理单位，如“示例市住房和城乡建设局物业科”")

    @model_validator(mode="after")
    def _address(self) -> "CorrectionRoute":
        to = self.to.strip()
        if self.by == "email" and not _EMAIL.match(to):
            raise ValueError(f"“{to}”不是邮箱地址（如 jiucuo@example.org）")
        if self.by == "phone":
            parse_phone(to)
        if self.by == "web" and not re.match(r"^https?://[^\s<>\"]+$", to):
            raise ValueError(f"“{to}”不是网址（应以 http:// 或 https:// 开头）")
        return self


class City(Record):
    name: Text = Field(description="城市名称，如“示例市”")
    site_title: PlainText = Field(description="网站标题，如“示例市物业服务信息公开平台”")
    site_url: HttpUrl = Field(description="网站正式地址（以 / 结尾），二维码指向它")
    regulator: Text = Field(description="物业主管部门名称")
    regulator_phone: Phone = Field(description="物业主管部门监督电话")
    hotline: Phone = Field("12345", description="政务服务热线")
    price_report_phone: Phone = Field("12315", description="价格举报电话")
    online_complaint: OnlineChannel | None = Field(None, description="网上投诉渠道（显示在每个小区首页）")
    corrections: CorrectionRoute | None = Field(
        None, description="纠错渠道：居民认为公示数字有误时向谁报告（每个表格旁的“纠错”链接）；不填则为政务服务热线")
    as_of_note: str | None = Field(None, description="首页说明文字")
    notice_days: NoticeDays = Field(default_factory=NoticeDays, description="公示期的计日规则")
    districts: list[District] = Field(min_length=1)
    evaluation_policy: EvaluationPolicy

    @field_validator("site_url")
    @classmethod
    def _trailing_slash(cls, url: HttpUrl) -> HttpUrl:
        if not str(url).endswith("/"):
            raise ValueError("site_url 必须以 / 结尾")
        return url

    def base_url(self) -> str:
        return str(self.site_url)

    def street_index(self) -> dict[str, tuple[District, Street]]:
        return {s.id: (d, s) for d in self.districts for s in d.streets}

    def community_index(self) -> dict[str, tuple[District, Street, Community]]:
        return {c.id: (d, s, c) for d in self.districts for s in d.streets for c in s.communities}
