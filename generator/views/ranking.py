"""A ranking period's view: the lists, the tables and the arithmetic, once for web, paper and terminal.

Contract: pure and format-neutral (plain text, no Markdown, HTML or Typst; a layout escapes).
:func:`period_view` turns one :class:`~generator.derive.rank.PeriodRanking` into a
:class:`PeriodView`: the sheet's facts (title, organiser, publication date, how the
dimensions were aggregated), the rater groups with their weights, one :class:`ResultRow` per
company in rank order (its score per group as shown, composite, grade, list name, bad-list
streak, change in rank, the arithmetic, the compounds it serves), how this period's quotas
were reached (:attr:`PeriodView.quota`) and the ties. The words (list names, ``缺评``, the
rank arrows, the rounding labels) are said here once: the web pages
(``render/web/ranking.py``), the printed lists (``render/paper/ranking.py``) and the ``rank``
table (``render/terminal.py``) lay these rows out with the same labels and the same order of
compounds (:func:`served_compounds`: the compounds a company serves, by name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model.vocabulary import AGGREGATIONS, ROUNDINGS
from generator.derive.rank import CompanyResult, PeriodRanking
from generator.derive.rank.lists import quota
from generator.derive.rank.scores import fixed, plain
from generator.load.dataset import Dataset
from generator.model.city import EvaluationPolicy
from generator.views.formatting import ratio as ratio_text

MISSING_SCORE = "缺评"
AGGREGATION = {kind: f"各维度得分{word}" for kind, word in AGGREGATIONS.items()}


def change_text(value: int | None) -> str:
    """A change in rank as residents read it: ``↑2``, ``↓1``, ``持平``, ``—`` (not rated before)."""
    if value is None:
        return "—"
    return "持平" if value == 0 else (f"↑{value}" if value > 0 else f"↓{-value}")


@dataclass(frozen=True)
class Served:
    id: str
    name: str


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    weight: str
    """As written (``0.5``)."""
    percent: str
    """``50%``."""


@dataclass(frozen=True)
class ResultRow:
    rank: int
    company_id: str
    name: str
    short_name: str
    scores: tuple[str, ...]
    """One per rater group, in the policy's order: the score as shown, or ``缺评``."""
    composite: str
    grade: str | None
    list: str | None
    """``red``, ``bad`` or None."""
    list_name: str
    """The list's name (红榜, 黑榜…), '' when on none."""
    streak: str
    """``连续 3 期上黑榜`` from two periods in a row on, else ''."""
    flagged: bool
    change: str
    explanation: str
    """The arithmetic (digits and operators only)."""
    missing: tuple[str, ...]
    """Names of the rater groups without a score."""
    missing_ids: tuple[str, ...]
    details: tuple[tuple[str, str], ...]
    """(group name, how its score came from several rows)."""
    rectification: str | None
    consecutive_bad: int
    served: tuple[Served, ...]


@dataclass(frozen=True)
class PeriodView:
    id: str
    label: str
    title: str
    organiser: str
    published_on: date
    aggregation: str
    version: str
    red_name: str
    bad_name: str
    groups: tuple[Group, ...]
    rows: tuple[ResultRow, ...]
    red_quota: int
    bad_quota: int
    quota: tuple[Words, Words]
    """How the red and the bad list's sizes were reached, one sentence each."""
    rule: str
    """The list rule in one line, with this period's counts (the printed list's 评榜规则)."""
    ties: tuple[str, ...]
    consequences: tuple[str, ...]

    @property
    def n(self) -> int:
        return len(self.rows)

    @property
    def red(self) -> list[ResultRow]:
        return [r for r in self.rows if r.list == "red"]

    @property
    def bad(self) -> list[ResultRow]:
        return [r for r in self.rows if r.list == "bad"]


def served_compounds(ds: Dataset) -> dict[str, list[Served]]:
    """Company id -> the compounds it serves (professionally managed, naming it), by name then id."""
    out: dict[str, list[Served]] = {}
    for cid, rec in sorted(ds.compounds.items(), key=lambda kv: (kv[1].model.name, kv[0])):
        c = rec.model
        if c.serving_company:
            out.setdefault(c.serving_company, []).append(Served(cid, c.name))
    return out


def list_name(policy: EvaluationPolicy, which: str | None) -> str:
    return {"red": policy.red_list_name, "bad": policy.bad_list_name}.get(which or "", "")


def result_row(ds: Dataset, policy: EvaluationPolicy, r: CompanyResult, served: dict[str, list[Served]]) -> ResultRow:
    rec = ds.companies.get(r.company)
    d = policy.score_decimals
    groups = policy.rater_groups
    return ResultRow(
        rank=r.rank, company_id=r.company, name=rec.model.name if rec else r.company,
        short_name=rec.model.display_name if rec else r.company,
        scores=tuple(fixed(r.group_scores[g.id], d) if g.id in r.group_scores else MISSING_SCORE for g in groups),
        composite=fixed(r.composite, d), grade=r.grade, list=r.list, list_name=list_name(policy, r.list),
        streak=f"连续 {r.consecutive_bad} 期上{policy.bad_list_name}" if r.consecutive_bad >= 2 else "",
        flagged=r.flagged, change=change_text(r.rank_change), explanation=r.explanation,
        missing=tuple(g.name for g in groups if g.id in r.missing_groups), missing_ids=tuple(r.missing_groups),
        details=tuple((g.name, r.group_details[g.id]) for g in groups if g.id in r.group_details),
        rectification=r.rectification, consecutive_bad=r.consecutive_bad,
        served=tuple(served.get(r.company, [])),
    )


Words = tuple[tuple[str, bool], ...]
"""A sentence in parts, each marked whether it comes from the data (a list or grade name, which
a layout escapes) or is fixed words, digits and operators (which it places as they are)."""


def words_text(words: Words) -> str:
    return "".join(text for text, _ in words)


def quota_text(policy: EvaluationPolicy, n: int, red: int, bad: int) -> tuple[Words, Words]:
    """How this period's quotas were reached (red, bad)."""
    rule = policy.list_rule
    red_name, bad_name = policy.red_list_name, policy.bad_list_name
    if rule.kind == "ratio":
        out = []
        for name, ratio, actual in ((red_name, rule.red_ratio, red), (bad_name, rule.bad_ratio, bad)):
            assert ratio is not None
            wanted = quota(ratio, n, rule.rounding)
            text = (f" {actual} 家：{n} 家 × {ratio_text(ratio)} = {plain(ratio * n)}，"
                    f"{ROUNDINGS[rule.rounding]}为 {wanted} 家")
            if wanted != actual:
                text += f"；同一企业不同时列入两榜，实为 {actual} 家"
            out.append(((name, True), (text, False)))
        return out[0], out[1]
    if rule.kind == "top_bottom":
        bad_text = f" {bad} 家：综合得分排名后 {rule.bottom_n} 名"
        if bad != min(rule.bottom_n or 0, n):
            bad_text += f"；同一企业不同时列入两榜，实为 {bad} 家"
        return ((red_name, True), (f" {red} 家：综合得分排名前 {rule.top_n} 名", False)), ((bad_name, True), (bad_text, False))

    def by_grade(name: str, grades: list[str], count: int) -> Words:
        if not grades:
            return (name, True), ("：不设", False)
        listed: list[tuple[str, bool]] = []
        for i, grade in enumerate(grades):
            listed += ([("、", False)] if i else []) + [(grade, True)]
        return ((name, True), (f" {count} 家：等级为 ", False), *listed, (" 的企业", False))

    return by_grade(red_name, rule.red_grades, red), by_grade(bad_name, rule.bad_grades, bad)


def rule_text(policy: EvaluationPolicy, red_quota: int, bad_quota: int, n: int) -> str:
    rule = policy.list_rule
    red, bad = policy.red_list_name, policy.bad_list_name
    if rule.kind == "ratio":
        assert rule.red_ratio is not None and rule.bad_ratio is not None
        how = (f"按比例：{red} {ratio_text(rule.red_ratio)}、{bad} {ratio_text(rule.bad_ratio)}，"
               f"名额{ROUNDINGS[rule.rounding]}")
    elif rule.kind == "top_bottom":
        how = f"按名次：前 {rule.top_n} 名入{red}，后 {rule.bottom_n} 名入{bad}"
    else:
        how = f"按等级：{'、'.join(rule.red_grades) or '—'} 入{red}，{'、'.join(rule.bad_grades) or '—'} 入{bad}"
    return f"{how}；本期 {n} 家企业参评，{red} {red_quota} 家，{bad} {bad_quota} 家"


def _ties(rows: tuple[ResultRow, ...]) -> tuple[str, ...]:
    """One sentence per set of equal composites, in the strict order the tie-break gave them."""
    by_rank: dict[int, list[ResultRow]] = {}
    for r in rows:
        by_rank.setdefault(r.rank, []).append(r)
    return tuple(f"第 {rank} 名并列（综合得分 {same[0].composite}）：{'、'.join(r.name for r in same)}。"
                 "计算榜单名额时按并列排序规则依次排列为上述顺序。"
                 for rank, same in sorted(by_rank.items()) if len(same) > 1)


def groups_of(policy: EvaluationPolicy) -> tuple[Group, ...]:
    return tuple(Group(g.id, g.name, plain(g.weight), ratio_text(g.weight)) for g in policy.rater_groups)


def period_view(ds: Dataset, ranking: PeriodRanking) -> PeriodView:
    policy, sheet = ranking.policy, ranking.sheet
    served = served_compounds(ds)
    rows = tuple(result_row(ds, policy, r, served) for r in ranking.results)
    n = len(rows)
    return PeriodView(
        id=ranking.period.id, label=ranking.period.label,
        title=sheet.title or f"{ranking.period.label}物业服务企业考评结果",
        organiser=sheet.organiser, published_on=sheet.published_on,
        aggregation=AGGREGATION[sheet.dimension_aggregation], version=policy.version,
        red_name=policy.red_list_name, bad_name=policy.bad_list_name, groups=groups_of(policy), rows=rows,
        red_quota=ranking.red_quota, bad_quota=ranking.bad_quota,
        quota=quota_text(policy, n, ranking.red_quota, ranking.bad_quota),
        rule=rule_text(policy, ranking.red_quota, ranking.bad_quota, n),
        ties=_ties(rows), consequences=tuple(policy.consequences),
    )
