"""The parts of an evaluation policy (:mod:`generator.model.policy`): rater groups and their
weights, grades with conditions, list definitions and their selection rules, flag rules.

Contract: records as ``data/city.yaml`` writes them, each validated on its own; what needs
the whole policy (references between parts, weights summing to 1) is checked in
:class:`generator.model.policy.EvaluationPolicy`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from generator.model.base import Coded, Ratio, Record, Slug, Text, _custom
from generator.model.colours import contrast_on_white, parse_colour
from generator.model.vocabulary import LIST_KINDS, LIST_TONES, ROUNDINGS, SIGNS

MIN_CONTRAST = Decimal("4.5")
TONE_COLOURS = {"good": "#b3261e", "warning": "#7a5200", "bad": "#202124"}
"""Default colour of a list by tone (text on white, each at least 4.5:1): 红、黄、黑."""


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: ``Decimal('0.50')`` -> ``0.5``."""
    return format(value.normalize(), "f")


def parse_weight(value: Any) -> Decimal:
    """``0.5``, ``"0.5"`` or ``"50%"`` to the fraction 0.5."""
    text = str(value).strip().replace("％", "%")
    percent = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise ValueError(f"“{value}”不是权重：写成 0.5 或 50%") from None
    if not number.is_finite() or number <= 0:
        raise ValueError(f"权重 {value} 必须大于 0")
    return number / 100 if percent else number


Weight = Annotated[Decimal, BeforeValidator(_custom("number", parse_weight))]
_SPLIT = re.compile(r"\s*[:：/／]\s*")


@dataclass(frozen=True)
class WeightTerm:
    """One group's share: the score is multiplied by ``factor`` and the sum divided by the
    policy's divisor; ``label`` is the weight as the city writes it (``0.5``, ``50%``, ``5``)."""

    group: str
    factor: Decimal
    label: str


class RaterGroup(Record):
    id: Slug = Field(description="评价主体（或分项）编号，评分表 group 列使用")
    name: Text = Field(description="名称，如“居民满意度测评”“优良信用信息”")
    weight: Weight | None = Field(None, description="加权平均的权重：0.5 或 50%；也可在规则中统一写 weights: 5:3:2")
    sign: Annotated[Literal["add", "deduct"], Coded(SIGNS)] = Field(
        "add", description="加减分（scoring: points）：加分或减分")
    cap: Decimal | None = Field(None, gt=0, description="该分项最多计多少分（封顶），如基础分 80、优良信息 40")


class Grade(Record):
    name: Text = Field(description="等级名称，如 AAA")
    min_score: Decimal | None = Field(None, description="达到该等级的最低得分（含）；不填表示任何得分")
    unless: list[Slug] = Field(default_factory=list, description="这些分项有得分（如有不良记录）时不评该等级")
    missing: bool = Field(False, description="缺少评价数据的企业评为该等级（如 C）")


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


class Selection(Record):
    """How a list takes its members from the ranking: one of the keys."""

    top_ratio: Ratio | None = Field(None, description="前若干比例，如 0.1（名次最前的 10%）")
    bottom_ratio: Ratio | None = Field(None, description="末位若干比例，如 0.1")
    top_n: int | None = Field(None, ge=0, description="前若干名")
    bottom_n: int | None = Field(None, ge=0, description="末位若干名")
    grades: list[str] = Field(default_factory=list, description="列入的等级，如 [C]")
    rounding: Annotated[Literal["down", "half_up", "up"], Coded(ROUNDINGS)] = Field(
        "down", description="按比例时名额的取整方式")

    @model_validator(mode="after")
    def _one(self) -> "Selection":
        given = [k for k in ("top_ratio", "bottom_ratio", "top_n", "bottom_n") if getattr(self, k) is not None]
        given += ["grades"] if self.grades else []
        if len(given) != 1:
            raise ValueError("rule 只能写一种方式：top_ratio、bottom_ratio、top_n、bottom_n 或 grades"
                             + (f"（现在写了 {'、'.join(given)}）" if given else ""))
        for key in ("top_ratio", "bottom_ratio"):
            value = getattr(self, key)
            if value is not None and value > Decimal("0.5"):
                raise ValueError(f"{key} 为 {value}，应在 0 到 0.5 之间")
        return self

    @property
    def end(self) -> Literal["top", "bottom", "grades"]:
        if self.grades:
            return "grades"
        return "top" if self.top_ratio is not None or self.top_n is not None else "bottom"


class ListDef(Record):
    id: Slug = Field(description="榜单编号，如 red、black、white")
    name: Text = Field(description="榜单名称，如 红榜、黑名单、失信企业信息名录")
    tone: Annotated[Literal["good", "warning", "bad"], Coded(LIST_TONES)] = Field(
        description="性质：表扬（红）、警示（黄）或惩戒（黑）")
    colour: str | None = Field(None, description="显示颜色（白底上的文字颜色，如 #b3261e），对比度至少 4.5:1")
    rule: Selection | None = Field(None, description="按考评结果自动评定的方式；不填表示按决定公布（在考评说明的 decisions 中录入）")
    consequences: list[str] = Field(default_factory=list, description="列入该榜的后果")

    @field_validator("colour")
    @classmethod
    def _contrast(cls, value: str | None) -> str | None:
        if value is None:
            return None
        colour = parse_colour(value)
        ratio = contrast_on_white(colour)
        if ratio < MIN_CONTRAST:
            raise ValueError(f"颜色 {value} 在白底上的对比度只有 {ratio}:1，至少要 4.5:1（老年人和弱视者看得清），请选更深的颜色")
        return colour


class FlagRule(Record):
    list: Slug = Field(description="榜单编号")
    consecutive: int | None = Field(None, ge=2, description="连续多少期列入时标记")
    count: int | None = Field(None, ge=2, description="一定时间内累计多少次列入时标记")
    within_months: int | None = Field(None, ge=1, le=120, description="累计的时间窗口（月），如 12 表示一年内")
    consequence: str | None = Field(None, description="标记后的后果，如“重新核定信用等级”")

    @model_validator(mode="after")
    def _shape(self) -> "FlagRule":
        if (self.consecutive is None) == (self.count is None):
            raise ValueError("标记规则写 consecutive（连续几期）或 count 加 within_months（几个月内累计几次），二选一")
        if self.count is not None and self.within_months is None:
            raise ValueError("累计次数（count）要写时间窗口 within_months，如 12（一年内）")
        return self


@dataclass(frozen=True)
class ListSpec:
    """A list as the ranking applies it (from ``lists`` or the legacy keys)."""

    id: str
    name: str
    tone: str
    colour: str
    rule: Selection | None
    consequences: tuple[str, ...]


