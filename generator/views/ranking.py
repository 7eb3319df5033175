"""A ranking period's view: the lists, the tables and the arithmetic, once for web, paper and terminal.

Contract: pure and format-neutral (plain text, no Markdown, HTML or Typst; a layout escapes).
:func:`period_view` turns one :class:`~generator.derive.rank.PeriodRanking` into a
:class:`PeriodView`: the sheet's facts (title, organiser, publication date, how the
dimensions were aggregated, where objections go), the rater groups with their weights as the
city writes them, one :class:`ResultRow` per company in rank order (its score per group as
shown, total, grade, list name, why it is there in plain words, bad-list streak, change in
rank, the arithmetic, the compounds it serves), every computed list of the city's policy with
how this period's count was reached (:attr:`PeriodView.lists`), the lists by decision as the
notice gave them (:attr:`PeriodView.decided`: never a score or a rank), the grade counts and
the ties. Sentences come from :mod:`generator.derive.rank.wording` (one wording per rule). The words (list names, ``缺评``, the
rank arrows, the rounding labels) are said here once: the web pages
(``render/web/ranking.py``), the printed lists (``render/paper/ranking.py``) and the ``rank``
table (``render/terminal.py``) lay these rows out with the same labels and the same order of
compounds (:func:`served_compounds`: the compounds a company serves, by name).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Callable

from generator.derive.rank import CompanyResult, DecidedList, PeriodRanking
from generator.derive.rank.decisions import UNNAMED_UNIT
from generator.derive.rank.scores import fixed
from generator.derive.rank.wording import Escape, quota_sentence, score_word, weight_formula, why_lines
from generator.load.dataset import Dataset
from generator.model.city import City, EvaluationPolicy
from generator.model.evaluation import EvaluationSheet
from generator.model.policy import ListSpec
from generator.model.vocabulary import AGGREGATIONS, NOT_STATED, ROUNDINGS
from generator.views.formatting import ratio as ratio_text

MISSING_SCORE = "缺评"
AGGREGATION = {kind: f"各维度得分{word}" for kind, word in AGGREGATIONS.items()}


def change_text(value: int | None) -> str:
    """A change in rank as residents read it: ``↑2``, ``↓1``, ``持平``, ``—`` (not rated before)."""
    if value is None:
        return "—"
    return "持平" if value == 0 else (f"↑{value}" if value > 0 else f"↓{-value}")


Words = tuple[tuple[str, bool], ...]
"""A sentence in parts, each marked whether it comes from the data (a list or grade name, which
a layout escapes) or is fixed words, digits and operators (which it places as they are)."""


@dataclass(frozen=True)
class Served:
    id: str
    name: str


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    weight: str
    """As the city writes it (``0.5``, ``50%``, or ``5`` of ``5:3:2``)."""
    percent: str
    """Its share: ``50%``."""


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
    """The id of the computed list the company is on (``red``, ``bad``, a city's own), or None."""
    list_name: str
    """The list's name (红榜, 黑榜, 白名单…), '' when on none."""
    reason: str
    """Why it is on that list: ``5 家中综合得分最低（70.10），按末位 20% 列入黑榜``; '' when on none."""
    why: tuple[str, ...]
    """Its list and the reason, lists by decision naming it, flags met (plain words, one each)."""
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
class ListView:
    """A computed list of the period: its name, tone and colour, how its count was reached, its rows."""

    id: str
    name: str
    tone: str
    """``good`` (红), ``warning`` (黄) or ``bad`` (黑)."""
    colour: str
    default: bool
    """红榜 or 黑（黄）榜 of ``list_rule`` (shown in plain words; a city's own list in its colour)."""
    count: int
    quota: Words
    """``红榜 1 家：5 家 × 20% = 1，向下取整为 1 家``."""
    rows: tuple[ResultRow, ...]


@dataclass(frozen=True)
class DecidedMemberView:
    compound_id: str | None
    compound_name: str | None
    company_id: str | None
    company_name: str
    """The company's name, or 未注明 when the notice gives none."""
    reason: str


@dataclass(frozen=True)
class DecidedView:
    """A list by decision as the notice gave it: no score, no rank, nothing invented."""

    id: str
    name: str
    tone: str
    colour: str
    kind: str
    """Whose list: ``company``, ``compound`` or ``both``."""
    issued_by: str
    """``示例市住房和城乡建设局（示住建〔2026〕45号）2026年7月20日决定``."""
    basis: str | None
    count: str
    """``共 2 个小区`` or ``共 8 家（公告列名 3 家，另 5 家未列名）``."""
    size: str
    """``2 个小区``, ``8 家``: named and unnamed members together."""
    unnamed: int
    members: tuple[DecidedMemberView, ...]
    body: str
    """Where objections about this list go."""
    phone: str | None


@dataclass(frozen=True)
class PeriodView:
    id: str
    label: str
    title: str
    organiser: str
    organiser_phone: str | None
    """Where objections about the computed lists go (the regulator's phone when it issued them)."""
    published_on: date
    aggregation: str
    version: str
    red_name: str
    bad_name: str
    score_word: str
    """``综合得分`` (weighted average) or ``得分`` (points)."""
    formula: str
    """How a total is made, in words: ``各主体得分（满分 100）× 权重之和，保留 2 位小数``, or the
    city's own formula (``得分 = 100 分（基础分） + 加分项（最多计 10 分） − 扣分项…``)."""
    summed: str
    """What the arithmetic of each row adds up: ``各主体得分 × 权重之和`` or ``基础分加减各分项``."""
    publish: str
    """``ranks``, ``grades`` or ``counts`` (the policy's publication form)."""
    rated: int
    """How many companies were rated (also when their rows are not published)."""
    groups: tuple[Group, ...]
    rows: tuple[ResultRow, ...]
    """The companies as the city publishes them (:func:`published_rows`): with ranks, every
    company with its scores; with grades, every company with its grade only (by grade, then
    name); with counts, none (the lists still name their members)."""
    lists: tuple[ListView, ...]
    """Every computed list of the policy, in the order it is filled."""
    decided: tuple[DecidedView, ...]
    grade_counts: tuple[tuple[str, int], ...]
    rule: str
    """The list rules in one line, with this period's counts (the printed list's 评榜规则)."""
    ties: tuple[str, ...]
    consequences: tuple[str, ...]

    @property
    def n(self) -> int:
        return self.rated

    @property
    def scored(self) -> bool:
        """Whether the period rated companies (else it publishes lists by decision only)."""
        return self.rated > 0

    @property
    def ranked(self) -> bool:
        """Whether ranks and scores are published (``publish: ranks``)."""
        return self.publish == "ranks"

    def list_view(self, list_id: str) -> ListView | None:
        return next((x for x in self.lists if x.id == list_id), None)

    @property
    def red(self) -> list[ResultRow]:
        x = self.list_view("red")
        return list(x.rows) if x else []

    @property
    def bad(self) -> list[ResultRow]:
        x = self.list_view("bad")
        return list(x.rows) if x else []

    @property
    def listed(self) -> tuple[ResultRow, ...]:
        """The published rows, else (counts) the members of the computed lists."""
        return self.rows or tuple(r for x in self.lists for r in x.rows)


def served_compounds(ds: Dataset) -> dict[str, list[Served]]:
    """Company id -> the compounds it serves (professionally managed, naming it), by name then id."""
    out: dict[str, list[Served]] = {}
    for cid, rec in sorted(ds.compounds.items(), key=lambda kv: (kv[1].model.name, kv[0])):
        c = rec.model
        if c.serving_company:
            out.setdefault(c.serving_company, []).append(Served(cid, c.name))
    return out


def list_name(policy: EvaluationPolicy, which: str | None) -> str:
    spec = policy.list_spec(which) if which else None
    return spec.name if spec else ""


def result_row(ds: Dataset, ranking: PeriodRanking, r: CompanyResult, served: dict[str, list[Served]]) -> ResultRow:
    policy = ranking.policy
    rec = ds.companies.get(r.company)
    d = policy.score_decimals
    groups = policy.rater_groups
    return ResultRow(
        rank=r.rank, company_id=r.company, name=rec.model.name if rec else r.company,
        short_name=rec.model.display_name if rec else r.company,
        scores=tuple(fixed(r.group_scores[g.id], d) if g.id in r.group_scores else MISSING_SCORE for g in groups),
        composite=fixed(r.composite, d), grade=r.grade, list=r.list, list_name=list_name(policy, r.list),
        reason=r.reason or "", why=tuple(why_lines(ranking, r)),
        streak=f"连续 {r.consecutive_bad} 期上{_streak_list(policy)}" if r.consecutive_bad >= 2 else "",
        flagged=r.flagged, change=change_text(r.rank_change), explanation=r.explanation,
        missing=tuple(g.name for g in groups if g.id in r.missing_groups), missing_ids=tuple(r.missing_groups),
        details=tuple((g.name, r.group_details[g.id]) for g in groups if g.id in r.group_details),
        rectification=r.rectification, consecutive_bad=r.consecutive_bad,
        served=tuple(served.get(r.company, [])),
    )


def words_text(words: Words) -> str:
    return "".join(text for text, _ in words)


def _streak_list(policy: EvaluationPolicy) -> str:
    """The list whose periods in a row are counted (the first consecutive flag rule's)."""
    list_id = next((f.list for f in policy.flag_rules() if f.consecutive is not None), None)
    return list_name(policy, list_id) or policy.bad_list_name


_OPEN, _CLOSE = "\x1e", "\x1f"


def as_words(sentence: Callable[[Escape], str]) -> Words:
    """A wording function's sentence in parts: what it passes through ``esc`` is data."""
    parts: list[tuple[str, bool]] = []
    for i, chunk in enumerate(sentence(lambda text: f"{_OPEN}{text}{_CLOSE}").split(_OPEN)):
        data, _, fixed_words = chunk.partition(_CLOSE) if i else ("", "", chunk)
        parts += [(data, True)] if data else []
        parts += [(fixed_words, False)] if fixed_words else []
    return tuple(parts)


def _list_views(ranking: PeriodRanking, rows: tuple[ResultRow, ...]) -> tuple[ListView, ...]:
    policy, n = ranking.policy, len(rows)
    out = []
    for spec in policy.list_specs():
        count = ranking.quotas.get(spec.id, 0)
        out.append(ListView(spec.id, spec.name, spec.tone, spec.colour, _default(policy, spec), count,
                            _quota(policy, spec, n, count), tuple(r for r in rows if r.list == spec.id)))
    return tuple(x for x, spec in zip(out, policy.list_specs()) if spec.rule is not None or x.default)


def _default(policy: EvaluationPolicy, spec: ListSpec) -> bool:
    return spec.id in ("red", "bad") and (policy.list_rule is not None or not policy.lists)


def _quota(policy: EvaluationPolicy, spec: ListSpec, n: int, count: int) -> Words:
    if spec.rule is None:  # a default list the legacy rule leaves out (grades for one side only)
        return ((spec.name, True), ("：不设", False))
    return as_words(lambda esc: quota_sentence(policy, spec, n, count, esc))


def rule_text(policy: EvaluationPolicy, lists: tuple[ListView, ...], n: int) -> str:
    """The list rule in one line with this period's counts: the default 红榜/黑榜 rule as
    ``按比例：红榜 10%、黑榜 10%，名额向下取整``, a city's own lists by their quota sentences."""
    rule = policy.list_rule
    counts = "，".join(f"{x.name} {x.count} 家" for x in lists)
    if rule is None or any(not x.default for x in lists):
        return "；".join(words_text(x.quota) for x in lists) + f"；本期 {n} 家企业参评"
    red, bad = policy.red_list_name, policy.bad_list_name
    if rule.kind == "ratio":
        assert rule.red_ratio is not None and rule.bad_ratio is not None
        how = (f"按比例：{red} {ratio_text(rule.red_ratio)}、{bad} {ratio_text(rule.bad_ratio)}，"
               f"名额{ROUNDINGS[rule.rounding]}")
    elif rule.kind == "top_bottom":
        how = f"按名次：前 {rule.top_n} 名入{red}，后 {rule.bottom_n} 名入{bad}"
    else:
        how = f"按等级：{'、'.join(rule.red_grades) or '—'} 入{red}，{'、'.join(rule.bad_grades) or '—'} 入{bad}"
    return f"{how}；本期 {n} 家企业参评，{counts}"


def decided_view(decided: DecidedList) -> DecidedView:
    d, spec = decided.decision, decided.spec
    members = tuple(DecidedMemberView(m.compound_id, m.compound_name, m.company_id, m.company_name or NOT_STATED,
                                      m.reason) for m in decided.members)
    return DecidedView(spec.id, spec.name, spec.tone, spec.colour, decided.kind, decided.issued_by(), d.basis,
                       decided.count_text(), f"{decided.total} {UNNAMED_UNIT[decided.kind]}", decided.unnamed, members,
                       d.body, d.phone)


def _ties(rows: tuple[ResultRow, ...], word: str) -> tuple[str, ...]:
    """One sentence per set of equal composites, in the strict order the tie-break gave them."""
    by_rank: dict[int, list[ResultRow]] = {}
    for r in rows:
        by_rank.setdefault(r.rank, []).append(r)
    return tuple(f"第 {rank} 名并列（{word} {same[0].composite}）：{'、'.join(r.name for r in same)}。"
                 "计算榜单名额时按并列排序规则依次排列为上述顺序。"
                 for rank, same in sorted(by_rank.items()) if len(same) > 1)


def groups_of(policy: EvaluationPolicy) -> tuple[Group, ...]:
    terms, divisor = policy.weight_terms()
    return tuple(Group(g.id, g.name, t.label, ratio_text(t.factor / divisor)) for g, t in zip(policy.rater_groups, terms))


def objection_phone(city: City | None, sheet: EvaluationSheet) -> str | None:
    """The phone of the body objections about a period's computed lists go to: the sheet's
    ``organiser_phone``, else the regulator's when the regulator issued the lists."""
    if sheet.organiser_phone:
        return sheet.organiser_phone
    return city.regulator_phone if city is not None and sheet.organiser == city.regulator else None


def objection_text(city: City | None, sheet: EvaluationSheet) -> str:
    """``对榜单有异议的，向发布单位示例市住房和城乡建设局（电话 …）提出``."""
    phone = objection_phone(city, sheet)
    return f"对榜单有异议的，向发布单位{sheet.organiser}" + (f"（电话 {phone}）" if phone else "") + "提出"


def _formula(policy: EvaluationPolicy) -> str:
    _, divisor = policy.weight_terms()
    if policy.scoring == "weighted" and divisor == 1 and policy.weights is None:
        return f"各主体得分（满分 {policy.max_score}）× 权重之和，保留 {policy.score_decimals} 位小数"
    return weight_formula(policy)


def published_rows(policy: EvaluationPolicy, rows: tuple[ResultRow, ...]) -> tuple[ResultRow, ...]:
    """``rows`` with only what the city publishes (``policy.publish``): with ``grades`` no rank,
    score, arithmetic or change in rank (rank 0, empty texts), ordered by grade then name, so
    not even the order tells a rank; with ``counts`` the same without the grade either, for the
    lists' members only (the caller keeps them off the full table)."""
    if policy.publish == "ranks":
        return rows
    order = {g.name: i for i, g in enumerate(policy.grades)}
    counts = policy.publish == "counts"
    hidden = [replace(r, rank=0, scores=(), composite="", change="", explanation="", details=(),
                      grade=None if counts else r.grade) for r in rows]
    return tuple(sorted(hidden, key=lambda r: (order.get(r.grade or "", len(order)), r.name, r.company_id)))


def period_view(ds: Dataset, ranking: PeriodRanking) -> PeriodView:
    policy, sheet = ranking.policy, ranking.sheet
    served = served_compounds(ds)
    rows = published_rows(policy, tuple(result_row(ds, ranking, r, served) for r in ranking.results))
    lists = _list_views(ranking, rows)
    shown = rows if policy.publish != "counts" else ()
    phone = objection_phone(ds.city.model if ds.city is not None else None, sheet)
    return PeriodView(
        id=ranking.period.id, label=ranking.period.label,
        title=sheet.title or f"{ranking.period.label}物业服务企业考评结果",
        organiser=sheet.organiser, organiser_phone=phone, published_on=sheet.published_on,
        aggregation=AGGREGATION[sheet.dimension_aggregation], version=policy.version,
        red_name=policy.red_list_name, bad_name=policy.bad_list_name, score_word=score_word(policy),
        formula=_formula(policy), summed="基础分加减各分项" if policy.scoring == "points" else "各主体得分 × 权重之和",
        publish=policy.publish, rated=len(rows), groups=groups_of(policy), rows=shown, lists=lists,
        decided=tuple(decided_view(d) for d in ranking.decided),
        grade_counts=tuple(ranking.grade_counts()) if rows else (),
        rule=rule_text(policy, lists, len(rows)),
        ties=_ties(rows, score_word(policy)) if policy.publish == "ranks" else (), consequences=tuple(policy.consequences),
    )
