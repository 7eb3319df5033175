"""Evaluation sheets and model projects: references, completeness and ranges.

Sheets (``data/evaluations/<period>.yaml`` + ``.csv``), under the city's evaluation policy:

* ``ref-unknown``: a row's company (or compound), or a rectification note's company, does
  not exist; reported once per sheet and value, at its first CSV line and column;
* ``eval-unknown-group``: a group id the policy does not name (with a did-you-mean hint);
* ``eval-missing-group``: a company lacks a rater group; an error when
  ``missing_group: error``, otherwise a warning saying how the ranking treats it;
* ``eval-score-range``: a score outside [0, max_score], or dimension scores of one unit
  summing above max_score;
* ``eval-duplicate-row``: the same company x group x dimension x compound twice;
* ``eval-mixed-dimension``: a company x group x compound scored both with and without a
  dimension (the total would be ambiguous);
* ``eval-compound-company``: the compound column names a compound of another company;
* ``eval-period-kind``: the sheet's period is not of the policy's cycle (e.g. a quarter
  under a half-year policy);
* ``eval-rectification-unrated`` (warning): a rectification note for a company neither on
  the sheet nor named on one of its lists by decision;
* lists by decision: :mod:`generator.checks.decisions`.

Under ``scoring: points`` a score may exceed ``max_score`` (a group's ``cap`` limits what
counts) and a group without rows counts 0, so neither is reported; a negative score is.

Model projects (``data/model_projects/<id>.yaml``): compound and company exist
(``ref-unknown``), the company is the compound's company (``ref-mismatch``, warning: the
company may have changed since), every photo is a plain file name in
``data/model_projects/photos/`` that exists (``file-missing``) and may be published
(:mod:`generator.load.photos`: ``photo-format``, ``file-too-large``).

Policy validation itself (weights sum to 1, ratios in [0, 0.5]) is in the pydantic model.
"""

from __future__ import annotations

from typing import Any
from collections import defaultdict
from decimal import Decimal

from generator.checks.decisions import check_decisions
from generator.findings import Findings
from generator.model.datafolder import is_plain_file_name
from generator.model.vocabulary import PERIOD_UNITS
from generator.findings.suggest import did_you_mean
from generator.load.dataset import Dataset, EvaluationRecord
from generator.load.photos import photo_problem
from generator.model.city import EvaluationPolicy

PHOTO_FOLDER = "photos"


def _companies(ds: Dataset) -> dict[str, str | None]:
    return {i: c.model.name for i, c in ds.companies.items()}


def _compounds(ds: Dataset) -> dict[str, str | None]:
    return {i: c.model.name for i, c in ds.compounds.items()}


def check(ds: Dataset, findings: Findings) -> None:
    policy = ds.city.model.evaluation_policy if ds.city is not None else None
    for period in sorted(ds.evaluations):
        _sheet(ds, ds.evaluations[period], policy, findings)
    for project_id in sorted(ds.model_projects):
        _model_project(ds, project_id, findings)


def _sheet(ds: Dataset, rec: EvaluationRecord, policy: EvaluationPolicy | None, findings: Findings) -> None:
    check_decisions(ds, rec, policy, findings)
    if rec.table is not None:
        _table(ds, rec, policy, findings)
    if policy is not None:
        _period_and_notes(ds, rec, policy, findings)


def _table(ds: Dataset, rec: EvaluationRecord, policy: EvaluationPolicy | None, findings: Findings) -> None:
    table, sheet = rec.table, rec.sheet
    assert table is not None
    rel = table.rel or sheet.rel
    col = table.column_of
    rows = list(zip(table.rows, table.lines))

    first_line: dict[tuple[str, str], int] = {}
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row, line in rows:
        for kind, value in (("company", row.company), ("group", row.group), ("compound", row.compound)):
            if value is not None:
                first_line.setdefault((kind, value), line)
                counts[(kind, value)] += 1

    for (kind, value), line in sorted(first_line.items(), key=lambda kv: kv[1]):
        n = counts[(kind, value)]
        more = f"（本表共 {n} 行）" if n > 1 else ""
        if kind == "company" and value not in ds.companies and value not in ds.unreadable_companies:
            findings.add("ref-unknown", rel, f"企业“{value}”不存在（data/companies/ 下没有该文件）{more}",
                         line=line, column=col("company"), field="company",
                         hint=did_you_mean(value, _companies(ds)))
        elif kind == "compound" and value not in ds.compounds and value not in ds.unreadable_compounds:
            findings.add("ref-unknown", rel, f"小区“{value}”不存在（data/compounds/ 下没有该文件夹）{more}",
                         line=line, column=col("compound"), field="compound",
                         hint=did_you_mean(value, _compounds(ds)))
        elif kind == "group" and policy is not None and value not in {g.id for g in policy.rater_groups}:
            by_name = next((g.id for g in policy.rater_groups if g.name == value), None)
            hint = f"“{value}”是评价主体名称，group 列请写编号“{by_name}”。" if by_name else did_you_mean(value, {g.id: g.name for g in policy.rater_groups})
            findings.add("eval-unknown-group", rel, f"评价主体“{value}”不在 city.yaml 的 evaluation_policy.rater_groups 中{more}",
                         line=line, column=col("group"), field="group", hint=hint)

    for row, line in rows:
        if row.compound is None or row.compound not in ds.compounds:
            continue
        owner = ds.compounds[row.compound].model.company
        if owner != row.company:
            findings.add("eval-compound-company", rel,
                         f"小区“{row.compound}”的物业服务企业是“{owner or '（自治物业）'}”，不是“{row.company}”",
                         line=line, column=col("compound"), field="compound",
                         hint="核对该行的企业编号和小区编号。")

    _duplicates(rows, rel, col, findings)
    if policy is None:
        return
    _ranges(rows, rel, col, policy, sheet.model.dimension_aggregation, findings)
    if policy.scoring == "weighted":
        _missing_groups(rows, rel, col, policy, findings)


def _period_and_notes(ds: Dataset, rec: EvaluationRecord, policy: EvaluationPolicy, findings: Findings) -> None:
    sheet = rec.sheet
    kind = sheet.model.period.kind
    if kind != policy.cycle:
        findings.add("eval-period-kind", sheet.rel,
                     f"考评期间 {sheet.model.period.id} 是按{PERIOD_UNITS.get(kind, kind)}划分的期间，"
                     f"而评价规则按{PERIOD_UNITS[policy.cycle]}考评",
                     line=sheet.line_of("period"), field="period",
                     hint="按 city.yaml 中 evaluation_policy.cycle 的周期填写期间"
                          "（半年写 2026-H1，季度写 2026-Q3，年度写 2026，月写 2026-07，第二批写 2026-B2）。")

    rated = {row.company for row in rec.table.rows} if rec.table is not None else set()
    for decision in sheet.model.decisions:
        rated |= {m.company for m in decision.members if m.company}
        rated |= {c for m in decision.members if m.compound and (c := _company_of(ds, m.compound))}
    for i, note in enumerate(sheet.model.rectifications):
        where: dict[str, Any] = dict(line=sheet.line_of("rectifications", i, "company"),
                                     field=f"rectifications[{i + 1}].company")
        if note.company not in ds.companies:
            findings.add("ref-unknown", sheet.rel, f"整改说明中的企业“{note.company}”不存在", **where,
                         hint=did_you_mean(note.company, _companies(ds)))
        elif note.company not in rated:
            findings.warn("eval-rectification-unrated", sheet.rel, f"企业“{note.company}”不在本期评分表中，却有整改说明",
                          **where, hint="核对企业编号，或在评分表中补上该企业的得分。")


def _company_of(ds: Dataset, compound: str) -> str | None:
    rec = ds.compounds.get(compound)
    return rec.model.company if rec is not None else None


def _duplicates(rows, rel, col, findings: Findings) -> None:
    seen: dict[tuple, int] = {}
    dimensioned: dict[tuple, dict[bool, int]] = defaultdict(dict)
    for row, line in rows:
        key = (row.company, row.group, row.dimension, row.compound)
        if key in seen:
            parts = "、".join(p for p in (row.company, row.group, row.dimension, row.compound) if p)
            findings.add("eval-duplicate-row", rel, f"与第 {seen[key]} 行重复（{parts}）",
                         line=line, column=col("company"),
                         hint="同一企业、评价主体、维度和小区只能有一行得分；删除或合并重复的行。")
        else:
            seen[key] = line
        dimensioned[(row.company, row.group, row.compound)].setdefault(row.dimension is not None, line)
    for (company, group, _), lines in dimensioned.items():
        if len(lines) == 2:
            findings.add("eval-mixed-dimension", rel,
                         f"企业“{company}”的“{group}”得分既有分维度的行（第 {lines[True]} 行），又有不分维度的行",
                         line=lines[False], column=col("dimension"), field="dimension",
                         hint="要么全部按维度打分，要么只写一行总分。")


def _ranges(rows, rel, col, policy: EvaluationPolicy, aggregation: str, findings: Findings) -> None:
    top = policy.max_score if policy.scoring == "weighted" else None
    units: dict[tuple, list[tuple[Decimal, int]]] = defaultdict(list)
    for row, line in rows:
        if top is None:
            if row.score < 0:
                findings.add("eval-score-range", rel, f"得分 {row.score} 是负数：减分项写正数，规则中的 sign: deduct 负责减",
                             line=line, column=col("score"), field="score",
                             hint="把负号去掉；该分项在 city.yaml 的 rater_groups 中写 sign: deduct。")
            continue
        if not Decimal(0) <= row.score <= top:
            findings.add("eval-score-range", rel, f"得分 {row.score} 超出范围（应在 0 到 {top} 之间）",
                         line=line, column=col("score"), field="score",
                         hint="核对得分；满分在 city.yaml 的 evaluation_policy.max_score 中设定。")
        if row.dimension is not None:
            units[(row.company, row.group, row.compound)].append((row.score, line))
    if aggregation != "sum" or top is None:
        return
    for (company, group, _), parts in units.items():
        total = sum((s for s, _ in parts), Decimal(0))
        if total > top and all(s <= top for s, _ in parts):
            findings.add("eval-score-range", rel,
                         f"企业“{company}”的“{group}”各维度得分之和 {total} 超过满分 {top}",
                         line=parts[0][1], column=col("score"), field="score",
                         hint="按维度打分时各维度分值之和不能超过满分；或在考评说明中设 dimension_aggregation: mean。")


MISSING_TREATMENT = {
    "zero": "按评价规则记 0 分",
    "reweight": "按评价规则以其余评价主体的权重重新归一计算",
}


def _missing_groups(rows, rel, col, policy: EvaluationPolicy, findings: Findings) -> None:
    present: dict[str, set[str]] = defaultdict(set)
    first: dict[str, int] = {}
    for row, line in rows:
        present[row.company].add(row.group)
        first.setdefault(row.company, line)
    for company in sorted(present, key=lambda c: first[c]):
        for group in policy.rater_groups:
            if group.id in present[company]:
                continue
            message = f"企业“{company}”缺少“{group.name}”（{group.id}）的得分"
            if policy.missing_group == "error":
                findings.add("eval-missing-group", rel, message, line=first[company], column=col("group"),
                             field="group", hint="补上该评价主体的得分；若确实缺评，在 evaluation_policy.missing_group 中规定处理方式（zero 或 reweight）。")
            else:
                findings.warn("eval-missing-group", rel, f"{message}，{MISSING_TREATMENT[policy.missing_group]}",
                              line=first[company], column=col("group"), field="group",
                              hint="核对是否漏填；方法说明页会注明缺评及其处理方式。")


def _model_project(ds: Dataset, project_id: str, findings: Findings) -> None:
    loaded = ds.model_projects[project_id]
    project = loaded.model
    compound = ds.compounds.get(project.compound)
    if compound is None and project.compound not in ds.unreadable_compounds:
        findings.add("ref-unknown", loaded.rel, f"小区“{project.compound}”不存在（data/compounds/ 下没有该文件夹）",
                     line=loaded.line_of("compound"), field="compound", hint=did_you_mean(project.compound, _compounds(ds)))
    if project.company is not None:
        if project.company not in ds.companies and project.company not in ds.unreadable_companies:
            findings.add("ref-unknown", loaded.rel, f"企业“{project.company}”不存在（data/companies/ 下没有该文件）",
                         line=loaded.line_of("company"), field="company", hint=did_you_mean(project.company, _companies(ds)))
        elif compound is not None and compound.model.company != project.company:
            findings.warn("ref-mismatch", loaded.rel,
                          f"小区“{project.compound}”现在的物业服务企业是“{compound.model.company or '（自治物业）'}”，不是“{project.company}”",
                          line=loaded.line_of("company"), field="company",
                          hint="若评选时由该企业服务可保留；否则改正企业编号。")
    folder = ds.root / "model_projects" / PHOTO_FOLDER
    for i, photo in enumerate(project.photos):
        where: dict[str, Any] = dict(line=loaded.line_of("photos", i, "file"), field=f"photos[{i + 1}].file")
        if not is_plain_file_name(photo.file):
            findings.add("file-missing", loaded.rel, f"照片“{photo.file}”应只写文件名", **where,
                         hint=f"把照片放进 data/model_projects/{PHOTO_FOLDER}/，这里只写文件名，如 garden.svg。")
        elif folder / photo.file not in ds.outside:
            problem = photo_problem(folder / photo.file, ds.root)
            if problem is not None:
                code, message, hint = problem
                findings.add(code, loaded.rel, message, **where,
                             hint=f"把照片放进 data/model_projects/{PHOTO_FOLDER}/，或改正文件名。"
                             if code == "file-missing" else hint)
