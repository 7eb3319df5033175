"""Lists by decision (``decisions`` in ``data/evaluations/<period>.yaml``): references.

* ``eval-unknown-list``: a decision names a list the policy does not have (with the ids it has);
* ``ref-unknown``: a member's ``company`` or ``compound`` id does not exist (write the id of a
  record in ``data/``, or the name as the notice gives it in ``company_name``/``compound_name``);
* ``ref-mismatch`` (warning): a member names a compound and a company id that is not the
  compound's company now (the company may have changed since the decision).

Each finding is at the line of the value in the YAML file.
"""

from __future__ import annotations

import difflib

from generator.findings import Findings
from generator.load.dataset import Dataset, EvaluationRecord
from generator.model.policy import EvaluationPolicy


def _hint(value: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    if close:
        return f"是不是想写“{close[0]}”？"
    return "平台没有该记录时，照公告把名称写在 company_name（或 compound_name）中。"


def check_decisions(ds: Dataset, rec: EvaluationRecord, policy: EvaluationPolicy | None, findings: Findings) -> None:
    sheet = rec.sheet
    list_ids = [s.id for s in policy.list_specs()] if policy is not None else []
    for i, decision in enumerate(sheet.model.decisions):
        if policy is not None and decision.list not in list_ids:
            findings.add("eval-unknown-list", sheet.rel, f"榜单“{decision.list}”不在 city.yaml 的评价规则中",
                         line=sheet.line_of("decisions", i, "list"), field=f"decisions[{i + 1}].list",
                         hint="可用的榜单编号：" + "、".join(list_ids) + "；新的榜单先在 evaluation_policy.lists 中定义。")
        for j, member in enumerate(decision.members):
            where = ("decisions", i, "members", j)
            field = f"decisions[{i + 1}].members[{j + 1}]"
            if member.company and member.company not in ds.companies and member.company not in ds.unreadable_companies:
                findings.add("ref-unknown", sheet.rel, f"企业“{member.company}”不存在（data/companies/ 下没有该文件）",
                             line=sheet.line_of(*where, "company"), field=f"{field}.company",
                             hint=_hint(member.company, sorted(ds.companies)))
            compound = ds.compounds.get(member.compound) if member.compound else None
            if member.compound and compound is None and member.compound not in ds.unreadable_compounds:
                findings.add("ref-unknown", sheet.rel, f"小区“{member.compound}”不存在（data/compounds/ 下没有该文件夹）",
                             line=sheet.line_of(*where, "compound"), field=f"{field}.compound",
                             hint=_hint(member.compound, sorted(ds.compounds)))
            if compound is not None and member.company and compound.model.company != member.company:
                findings.warn("ref-mismatch", sheet.rel,
                              f"小区“{compound.model.name}”现在的物业服务企业是“{compound.model.company or '（自治物业）'}”，"
                              f"不是“{member.company}”",
                              line=sheet.line_of(*where, "company"), field=f"{field}.company",
                              hint="若决定时由该企业服务可保留；否则改正企业编号，或不写 company（自动取小区的企业）。")
