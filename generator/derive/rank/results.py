"""The ranking's result types: what the render stage and the PDFs code against.

* :class:`CompanyResult`: one company in one period: its score per rater group, the
  weighted composite with the arithmetic written out, its rank, list, grade, change in rank
  since the previous sheet, how many adjacent periods in a row it has been on the bad list,
  and its rectification status.
* :class:`PeriodRanking`: one evaluation sheet's results, in rank order, with the list
  quotas actually applied.

Everything is immutable and exact (:class:`~decimal.Decimal`); nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from generator.model.base import Period
from generator.model.city import EvaluationPolicy
from generator.model.evaluation import EvaluationSheet

ListName = Literal["red", "bad"]


@dataclass(frozen=True)
class CompanyResult:
    company: str
    """Company id (``data/companies/<id>.yaml``)."""
    group_scores: dict[str, Decimal]
    """Rater group id -> score, rounded to ``policy.score_decimals``; missing groups are absent."""
    composite: Decimal
    """Weighted composite, rounded (ROUND_HALF_UP) to ``policy.score_decimals``."""
    rank: int
    """Standard competition rank (1, 2, 2, 4): equal composites share a rank."""
    list: ListName | None
    grade: str | None
    rank_change: int | None
    """Previous rank minus this rank (positive = moved up); None when not in the previous sheet."""
    consecutive_bad: int
    """Adjacent periods in a row, ending with this one, on the bad list (0 when not on it)."""
    flagged: bool
    """``consecutive_bad >= policy.consecutive_bad_flag``."""
    explanation: str
    """The arithmetic, e.g. ``88.00×0.5 + 90.00×0.3 + 85.00×0.2 = 87.70``."""
    rectification: str | None
    """``status：note`` of the sheet's rectification notes for this company, joined by ``；``."""
    missing_groups: tuple[str, ...] = ()
    """Rater groups of the policy without a score for this company (see ``policy.missing_group``)."""
    group_details: dict[str, str] = field(default_factory=dict)
    """Group id -> how its score came from several rows (dimensions, compounds), e.g.
    ``组织建设 18.50 + 队伍建设 17.50 = 36.00``; only for groups scored in more than one row.
    Contains dimension names and compound ids from the data: escape before display."""


@dataclass(frozen=True)
class PeriodRanking:
    period: Period
    policy: EvaluationPolicy
    sheet: EvaluationSheet
    results: list[CompanyResult] = field(default_factory=list)
    """In strict order: composite, then the tie-break groups, then company id."""
    red_quota: int = 0
    """Number of companies on the red list (after rounding and capping)."""
    bad_quota: int = 0
    """Number of companies on the bad list (after rounding and capping)."""

    def result_of(self, company_id: str) -> CompanyResult | None:
        return next((r for r in self.results if r.company == company_id), None)

    @property
    def red(self) -> list[CompanyResult]:
        return [r for r in self.results if r.list == "red"]

    @property
    def bad(self) -> list[CompanyResult]:
        return [r for r in self.results if r.list == "bad"]
