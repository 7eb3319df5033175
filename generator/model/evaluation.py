"""Evaluation score sheets (考评), one pair of files per period in ``data/evaluations/``.

``<period>.yaml`` holds the sheet's metadata (period, who scored, when published, notes on
rectification) and ``<period>.csv`` the scores: one row per company x rater group, optionally
split by dimension (summed) or by compound (averaged). The ranking stage computes the lists.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.model.base import Day, PeriodField, Record, Slug, Text, Coded
from generator.model.vocabulary import AGGREGATIONS


class RectificationNote(Record):
    company: Slug = Field(description="企业编号")
    note: Text = Field(description="整改说明")
    status: Literal["整改中", "已整改", "逾期未整改"]


class EvaluationSheet(Record):
    period: PeriodField = Field(description="考评期间，如 2026-H1")
    title: str | None = Field(None, description="标题，如“2026年上半年物业服务企业考评”")
    published_on: Day = Field(description="结果发布日期")
    organiser: Text = Field(description="组织单位")
    dimension_aggregation: Annotated[Literal["sum", "mean"], Coded(AGGREGATIONS)] = Field(
        "sum", description="同一评价主体分维度打分时的汇总方式：相加（默认）或取平均")
    rectifications: list[RectificationNote] = Field(default_factory=list)
