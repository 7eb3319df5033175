"""The city: its administrative tree, supervision phones, site URL and evaluation policy.

One file, ``data/city.yaml``. Districts contain streets (街道) which contain communities
(社区); compounds refer to them by id. The evaluation policy (红黑榜规则, :mod:`generator.model.policy`) is data
here so the ranking and its methodology page always state the rule actually applied.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from generator.model.base import Phone, PlainText, Record, Slug, Text
from generator.model.policy import (CYCLES, EvaluationPolicy, FlagRule, Grade, ListDef, ListRule, ListSpec, RaterGroup,
                                    Selection)

from generator.model.base import Coded
from generator.model.values import parse_phone
from generator.model.vocabulary import CORRECTION_ROUTES, FUND_NOTICE_KINDS

__all__ = ["CYCLES", "City", "Community", "District", "EvaluationPolicy", "FlagRule", "Grade", "ListDef", "ListRule",
           "ListSpec", "NoticeDays", "CorrectionRoute", "OnlineChannel", "RaterGroup", "Selection", "Street"]


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


class OnlineChannel(Record):
    name: Text = Field(description="渠道名称，如“示例市12345政务服务便民热线网上投诉”")
    url: HttpUrl = Field(description="网址（http:// 或 https:// 开头）")


class NoticeDays(Record):
    """How the city counts a notice's days on display (公示期), and how many days each kind of
    maintenance-fund notice stays up (the days of each catalogue item are the catalogue's
    ``posting_days``)."""

    count_posting_day: bool = Field(
        False, description="张贴当天是否算第一天：false（默认）按《民法典》第二百零一条从次日起算，7 天公示 8月25日张贴到 9月1日；"
                           "true 张贴当天算第一天，到 8月31日。公告印有截止日期时以 notice.ends_on 为准")
    fund_notices: dict[Annotated[Literal["application", "use", "settlement", "emergency"], Coded(FUND_NOTICE_KINDS)],
                       int] = Field(
        default_factory=dict, description="各类维修资金公告的公示天数，如 {申请使用公告: 7, 使用公示: 7, 决算公示: 7, 应急使用公告: 7}；"
                                          "公告写了公示天数（posting_days）或截止日期（ends_on）时以公告为准，写的天数少于这里的要求时提示")

    @field_validator("fund_notices")
    @classmethod
    def _positive(cls, value: dict[str, int]) -> dict[str, int]:
        if any(days < 1 or days > 366 for days in value.values()):
            raise ValueError("公示天数应在 1 到 366 天之间")
        return value

    def fund_days(self, kind: str, stated: int | None) -> int | None:
        """The days a fund notice of ``kind`` is on display: as the notice states, else the city's."""
        days = {str(k): v for k, v in self.fund_notices.items()}
        return stated if stated is not None else days.get(kind)


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
