"""The evaluation policy (红黑榜规则) of ``data/city.yaml``: scoring, grades, lists and flags.

Contract: :class:`EvaluationPolicy` validates what a city writes and offers the normalised
forms the ranking stage computes with, so no other module reads the legacy keys:

* weights as cities write them: per group ``weight: 0.5`` or ``50%``, or once for all groups
  ``weights: 5:3:2`` / ``50%/30%/20%`` / ``0.5/0.3/0.2`` (:meth:`EvaluationPolicy.weight_terms`);
* ``scoring: weighted`` (the weighted average of the groups) or ``points`` (``base`` plus the
  groups added or deducted, each capped by its ``cap``; totals may be negative);
* grades, highest first, with conditions (``unless``: not when a group has points, e.g. a bad
  record; ``missing``: the grade of a company whose data is incomplete);
* lists (:meth:`EvaluationPolicy.list_specs`): any number, each with its name, tone, an
  accessible colour, consequences and a rule (top/bottom share or number, grades), or no rule
  (the list is decided, entered in the sheet's ``decisions``); the keys
  ``list_rule``/``red_list_name``/``bad_list_name`` give the default 红榜 and 黑榜 (or 黄榜),
  which ``lists`` then follow;
* flags (:meth:`EvaluationPolicy.flag_rules`): consecutive periods on a list, or a count of
  periods on it within a rolling window of months; ``consecutive_bad_flag`` is the legacy form;
* ``publish``: ranks, grades or counts per grade.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from generator.model.base import Coded, Record, Text
from generator.model.policy_parts import (_SPLIT, TONE_COLOURS, FlagRule, Grade, ListDef, ListRule, ListSpec, RaterGroup,
                                          Selection, WeightTerm, parse_weight, plain)
from generator.model.vocabulary import MISSING_GROUP, PERIOD_KINDS, PUBLISH_FORMS, SCORING_MODELS

CYCLES = {**{k: PERIOD_KINDS[k] for k in ("month", "quarter", "half_year", "year")}, "batch": "按批次"}
"""The evaluation cycles a policy may have; ``batch``: numbered batches within a year (2026-B2)."""
__all__ = ["CYCLES", "EvaluationPolicy", "FlagRule", "Grade", "ListDef", "ListRule", "ListSpec", "RaterGroup",
           "Selection", "WeightTerm"]


class EvaluationPolicy(Record):
    version: Text = Field(description="规则版本，如 2026-1，显示在榜单和方法说明上")
    cycle: Annotated[Literal["month", "quarter", "half_year", "year", "batch"], Coded(CYCLES)] = Field(
        description="评价周期：每月、每季度、每半年、每年或按批次（2026-B2 即第二批）")
    scoring: Annotated[Literal["weighted", "points"], Coded(SCORING_MODELS)] = Field(
        "weighted", description="计分方式：加权平均（weighted）或基础分加减分（points）")
    base: Decimal = Field(Decimal(0), description="基础分（points）：加减分的起点，如 100")
    weights: str | None = Field(None, description="各评价主体的权重，按 rater_groups 顺序，如 5:3:2 或 50%/30%/20%")
    rater_groups: list[RaterGroup] = Field(min_length=1, description="评价主体（或加减分项）及权重")
    missing_group: Annotated[Literal["error", "zero", "reweight"], Coded(MISSING_GROUP)] = Field(
        "error", description="某企业缺少某评价主体得分时：不允许缺评（报错）、缺评记 0 分，或按其余权重重新归一")
    max_score: Decimal = Field(Decimal(100), gt=0, description="每个评价主体的满分（加权平均）")
    score_decimals: int = Field(2, ge=0, le=4, description="综合得分保留小数位（四舍五入）")
    list_rule: ListRule | None = Field(None, description="默认的红榜（red）和黑（黄）榜（bad）怎样评定")
    lists: list[ListDef] = Field(default_factory=list, description=(
        "本市的榜单：名称、性质、颜色、评定方式、后果；写了 list_rule 时排在默认的红榜、黑榜之后，否则取代它们"))
    grades: list[Grade] = Field(default_factory=list, description="信用等级，按最低分从高到低，如 AAA ≥ 85")
    publish: Annotated[Literal["ranks", "grades", "counts"], Coded(PUBLISH_FORMS)] = Field(
        "ranks", description="公布方式：名次、等级，或只公布各等级的企业数")
    red_list_name: Text = Field("红榜")
    bad_list_name: Literal["黑榜", "黄榜"] = Field("黑榜", description="差评榜名称：黑榜或黄榜")
    tie_break: list[str] = Field(
        default_factory=list,
        description="综合得分相同时依次比较的评价主体编号（分高者在前）；仍相同按企业编号排序")
    consecutive_bad_flag: int = Field(2, ge=2, description="连续多少期进入差评榜时标记“连续上榜”")
    flags: list[FlagRule] = Field(default_factory=list, description="标记规则：连续几期，或几个月内累计几次列入某榜")
    consequences: list[str] = Field(default_factory=list, description="上榜后果说明，显示在方法说明页")

    @model_validator(mode="after")
    def _consistent(self) -> "EvaluationPolicy":
        ids = [g.id for g in self.rater_groups]
        if len(set(ids)) != len(ids):
            raise ValueError("评价主体编号重复")
        self.weight_terms()
        unknown = [t for t in self.tie_break if t not in ids]
        if unknown:
            raise ValueError(f"tie_break 中的 {unknown} 不是已定义的评价主体")
        grade_names = {g.name for g in self.grades}
        for spec in self.list_specs():
            missing = [g for g in (spec.rule.grades if spec.rule else []) if g not in grade_names]
            if missing:
                raise ValueError(f"榜单“{spec.name}”引用了未定义的等级 {missing}")
        for grade in self.grades:
            if [u for u in grade.unless if u not in ids]:
                raise ValueError(f"等级 {grade.name} 的 unless 引用了未定义的分项 {[u for u in grade.unless if u not in ids]}")
        list_ids = [s.id for s in self.list_specs()]
        if len(set(list_ids)) != len(list_ids):
            raise ValueError("榜单编号重复（写了 list_rule 时，red 和 bad 是默认的红榜、黑榜，lists 中的榜单另起编号）")
        for flag in self.flags:
            if flag.list not in list_ids:
                raise ValueError(f"flags 中的榜单“{flag.list}”不在 lists 中（可用：{'、'.join(list_ids)}）")
        return self

    @field_validator("grades")
    @classmethod
    def _grades_sorted(cls, grades: list[Grade]) -> list[Grade]:
        """Incomplete-data grades first, then highest minimum first (written order among equals)."""
        low = Decimal("-1e9")
        return sorted(grades, key=lambda g: (not g.missing, -(g.min_score if g.min_score is not None else low)))

    def weight_terms(self) -> tuple[list[WeightTerm], Decimal]:
        """Each group's factor and label, and the divisor: ``5:3:2`` gives factors 5, 3, 2 and
        divisor 10; per-group weights (``0.5`` or ``50%``) give the fractions and divisor 1.
        Raises ValueError when the weights are incomplete or do not sum to 1 (100%)."""
        if self.scoring == "points":
            return [WeightTerm(g.id, Decimal(1), "1") for g in self.rater_groups], Decimal(1)
        if self.weights is not None:
            if any(g.weight is not None for g in self.rater_groups):
                raise ValueError("已写 weights 时，各评价主体不再写 weight")
            return self._written_weights(self.weights)
        if any(g.weight is None for g in self.rater_groups):
            raise ValueError("加权平均要给每个评价主体写 weight（如 0.5 或 50%），或统一写 weights: 5:3:2")
        terms = [WeightTerm(g.id, g.weight or Decimal(0), plain(g.weight or Decimal(0))) for g in self.rater_groups]
        total = sum((t.factor for t in terms), Decimal(0))
        if total != 1:
            raise ValueError(f"各评价主体权重之和为 {plain(total)}，必须等于 1（100%）")
        return terms, Decimal(1)

    def _written_weights(self, text: str) -> tuple[list[WeightTerm], Decimal]:
        parts = [p for p in _SPLIT.split(text.strip()) if p]
        if len(parts) != len(self.rater_groups):
            raise ValueError(f"weights “{text}” 有 {len(parts)} 个数，而评价主体有 {len(self.rater_groups)} 个")
        values = [parse_weight(p) for p in parts]
        if ":" in text or "：" in text:
            terms = [WeightTerm(g.id, v, plain(v)) for g, v in zip(self.rater_groups, values)]
            return terms, sum(values, Decimal(0))
        labels = [p.replace("％", "%") if p.endswith(("%", "％")) else plain(v) for p, v in zip(parts, values)]
        total = sum(values, Decimal(0))
        if total != 1:
            raise ValueError(f"weights “{text}” 之和为 {plain(total * 100)}%，必须等于 100%（比例写法用冒号，如 5:3:2）")
        return [WeightTerm(g.id, v, lab) for g, v, lab in zip(self.rater_groups, values, labels)], Decimal(1)

    def list_specs(self) -> list[ListSpec]:
        """The lists in the order they are filled: the default 红榜 and 黑（黄）榜 (ruled by
        ``list_rule``) followed by ``lists`` when ``list_rule`` is given or ``lists`` is empty;
        else ``lists`` alone, as written."""
        own = [ListSpec(d.id, d.name, d.tone, d.colour or TONE_COLOURS[d.tone], d.rule, tuple(d.consequences))
               for d in self.lists]
        if self.lists and self.list_rule is None:
            return own
        rule = self.list_rule
        bad_tone = "warning" if self.bad_list_name == "黄榜" else "bad"
        red = ListSpec("red", self.red_list_name, "good", TONE_COLOURS["good"], _legacy(rule, "red"), ())
        return [red, ListSpec("bad", self.bad_list_name, bad_tone, TONE_COLOURS[bad_tone], _legacy(rule, "bad"), ()), *own]

    def list_spec(self, list_id: str) -> ListSpec | None:
        return next((s for s in self.list_specs() if s.id == list_id), None)

    def flag_rules(self) -> list[FlagRule]:
        """``flags`` as written, or the legacy ``consecutive_bad_flag`` on the first list that is
        not a good one."""
        if self.flags:
            return list(self.flags)
        bad = [s for s in self.list_specs() if s.tone != "good"]
        return [FlagRule(list=bad[0].id, consecutive=self.consecutive_bad_flag)] if bad else []


def _legacy(rule: ListRule | None, which: Literal["red", "bad"]) -> Selection | None:
    if rule is None:
        return None
    if rule.kind == "grades":
        grades = rule.red_grades if which == "red" else rule.bad_grades
        return Selection(grades=grades) if grades else None
    if rule.kind == "ratio":
        key = "top_ratio" if which == "red" else "bottom_ratio"
        return Selection(**{key: rule.red_ratio if which == "red" else rule.bad_ratio}, rounding=rule.rounding)
    key = "top_n" if which == "red" else "bottom_n"
    return Selection(**{key: rule.top_n if which == "red" else rule.bottom_n})
