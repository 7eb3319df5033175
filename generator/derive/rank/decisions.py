"""Lists by decision: a period's lists as a body decided them, resolved against the data.

Contract: :func:`decided_lists` turns the sheet's ``decisions`` into :class:`DecidedList`
values: each member with the names to show (a company or compound of the data by its
record's name, else the name the notice gives), the compound's company beside it, and the
reason in plain words (the member's own reason, else ``经{body}决定列入（{document}）``);
the number of members the notice counts without naming them. Nothing is scored or ranked.
Members whose ids are unknown keep the id as their name (the check reports them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.model.evaluation import DecisionMember, EvaluationSheet, ListDecision
from generator.model.policy import EvaluationPolicy, ListSpec

if TYPE_CHECKING:
    from generator.load.dataset import Dataset

UNNAMED_UNIT = {"company": "家", "compound": "个小区", "both": "个"}
"""How a notice counts members: 红榜 8 家, 等 2 个小区."""


@dataclass(frozen=True)
class DecidedMember:
    company_id: str | None
    company_name: str | None
    """The company's name (of the record, or as the notice gives it); for a compound, the
    company serving it when the data knows it; None when not given."""
    compound_id: str | None
    compound_name: str | None
    reason: str
    reason_given: bool
    """Whether the notice gave a reason for this member (else :attr:`reason` says who decided)."""


@dataclass(frozen=True)
class DecidedList:
    spec: ListSpec
    decision: ListDecision
    members: list[DecidedMember] = field(default_factory=list)

    @property
    def unnamed(self) -> int:
        return self.decision.unnamed

    @property
    def total(self) -> int:
        return len(self.members) + self.unnamed

    @property
    def kind(self) -> str:
        return self.decision.kind

    @property
    def company_ids(self) -> set[str]:
        return {m.company_id for m in self.members if m.company_id}

    @property
    def compound_ids(self) -> set[str]:
        return {m.compound_id for m in self.members if m.compound_id}

    def count_text(self) -> str:
        """``共 8 家（列名 3 家，另 5 家未列名）`` or ``共 2 个小区``."""
        unit = UNNAMED_UNIT[self.kind]
        text = f"共 {self.total} {unit}"
        if self.unnamed:
            text += f"（公告列名 {len(self.members)} {unit}，另 {self.unnamed} {unit}未列名）"
        return text

    def issued_by(self) -> str:
        """``示例市住房和城乡建设局 示住建〔2026〕88号，2026年11月18日决定``."""
        d = self.decision
        doc = f"（{d.document}）" if d.document else ""
        return f"{d.body}{doc}{d.decided_on.year}年{d.decided_on.month}月{d.decided_on.day}日决定"


def _member(ds: Dataset | None, decision: ListDecision, spec: ListSpec, m: DecisionMember) -> DecidedMember:
    companies = ds.companies if ds is not None else {}
    compounds = ds.compounds if ds is not None else {}
    compound_name = m.compound_name
    company_id = m.company
    if m.compound is not None:
        rec = compounds.get(m.compound)
        compound_name = rec.model.name if rec is not None else m.compound
        if company_id is None and m.company_name is None and rec is not None:
            company_id = rec.model.company
    company_name = m.company_name
    if company_id is not None:
        loaded = companies.get(company_id)
        company_name = loaded.model.name if loaded is not None else company_id
    doc = f"（{decision.document}）" if decision.document else ""
    reason = m.reason or f"经{decision.body}决定列入{spec.name}{doc}"
    return DecidedMember(company_id, company_name, m.compound, compound_name, reason, m.reason is not None)


def decided_lists(policy: EvaluationPolicy, sheet: EvaluationSheet, ds: Dataset | None = None) -> list[DecidedList]:
    """The sheet's lists by decision; a decision naming a list the policy lacks is skipped
    (the check reports it)."""
    out = []
    for decision in sheet.decisions:
        spec = policy.list_spec(decision.list)
        if spec is None:
            continue
        out.append(DecidedList(spec, decision, [_member(ds, decision, spec, m) for m in decision.members]))
    return out
