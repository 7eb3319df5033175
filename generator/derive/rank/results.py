"""The ranking's result types: what the render stage and the PDFs code against.

* :class:`CompanyResult`: one company in one period: its score per rater group, the
  weighted composite with the arithmetic written out, its rank, list, grade, change in rank
  since the previous sheet, how many adjacent periods in a row it has been on the bad list,
  and its rectification status.
* :class:`PeriodRanking`: one evaluation sheet's results, in rank order, with the list
  quotas actually applied, and the lists by decision of that period
  (:class:`~generator.derive.rank.decisions.DecidedList`).

Everything is immutable and exact (:class:`~decimal.Decimal`); nothing here reads files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.derive.rank.decisions import DecidedList
from generator.model.base import Period
from generator.model.policy import EvaluationPolicy, ListSpec
from generator.model.evaluation import EvaluationSheet

ListName = str
"""A list id of the policy (``policy.list_specs()``): ``red`` and ``bad`` by default."""


@dataclass(frozen=True)
class FlagHit:
    """A flag rule a company meets, e.g. ``连续 2 期列入黑榜`` or ``12 个月内累计 3 次列入黑榜``."""

    list: str
    text: str
    """What happened, in plain words."""
    consequence: str | None


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
    """The id of the list the company is on (computed lists only), None when on none."""
    grade: str | None
    rank_change: int | None
    """Previous rank minus this rank (positive = moved up); None when not in the previous sheet."""
    consecutive_bad: int
    """Adjacent periods in a row, ending with this one, on the bad list (0 when not on it)."""
    flagged: bool
    """Whether any flag rule is met (:attr:`flags`)."""
    explanation: str
    """The arithmetic, e.g. ``88.00×0.5 + 90.00×0.3 + 85.00×0.2 = 87.70``."""
    rectification: str | None
    """``status：note`` of the sheet's rectification notes for this company, joined by ``；``; a
    note 整改中 whose deadline passed reads ``逾期未报整改结果（整改期限 …）：note``."""
    missing_groups: tuple[str, ...] = ()
    """Rater groups of the policy without a score for this company (see ``policy.missing_group``)."""
    group_details: dict[str, str] = field(default_factory=dict)
    """Group id -> how its score came from several rows (dimensions, compounds), e.g.
    ``组织建设 18.50 + 队伍建设 17.50 = 36.00``; only for groups scored in more than one row.
    Contains dimension names and compound ids from the data: escape before display."""
    reason: str | None = None
    """Why the company is on its list, in plain words: ``5 家中综合得分最低（70.10），按末位 20%
    列入黑榜``; None when on no list."""
    grade_reason: str | None = None
    """Why this grade: ``综合得分 87.70 ≥ 85，评为 AAA``; None without grades."""
    flags: tuple[FlagHit, ...] = ()
    rectification_overdue: bool = False
    """A rectification note 整改中 whose deadline passed (as of the build's date)."""


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
    quotas: dict[str, int] = field(default_factory=dict)
    """List id -> number of companies the rule put on it (computed lists)."""
    decided: list[DecidedList] = field(default_factory=list)
    """The lists by decision of this period, in the order of the sheet."""

    @property
    def scored(self) -> bool:
        """Whether the period has scores (else it only has lists by decision)."""
        return bool(self.results)

    @property
    def specs(self) -> list[ListSpec]:
        return self.policy.list_specs()

    def members(self, list_id: str) -> list[CompanyResult]:
        return [r for r in self.results if r.list == list_id]

    def lists_of(self, company_id: str) -> set[str]:
        """Ids of the lists (computed or decided) that name the company in this period."""
        found = {r.list for r in self.results if r.company == company_id and r.list}
        found |= {d.spec.id for d in self.decided if company_id in d.company_ids}
        return found

    def grade_counts(self) -> list[tuple[str, int]]:
        """(grade, number of companies) for every grade of the policy, highest first."""
        ordered = [g for g in self.policy.grades if not g.missing] + [g for g in self.policy.grades if g.missing]
        names = list(dict.fromkeys(g.name for g in ordered))
        return [(name, sum(1 for r in self.results if r.grade == name)) for name in names]

    def result_of(self, company_id: str) -> CompanyResult | None:
        return next((r for r in self.results if r.company == company_id), None)

    @property
    def red(self) -> list[CompanyResult]:
        return [r for r in self.results if r.list == "red"]

    @property
    def bad(self) -> list[CompanyResult]:
        return [r for r in self.results if r.list == "bad"]
