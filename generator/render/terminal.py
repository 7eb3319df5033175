"""The ``rank`` command's table: a ranking period's view laid out as plain text for staff.

Contract: pure. :func:`terminal_table` gives the header and rows staff check before
publishing (``python -m generator rank``): rank, company (short name and id), each group's
score, total, list, grade, change, flags (a city that publishes grades: company, grade and
list only; counts: no row per company, the grade counts in the title); :func:`reason_lines` why each listed or flagged
company stands where it does, in plain words (below the table: too long for a column);
:func:`terminal_title` the period with each computed list's count; :func:`decided_lines` the
lists by decision as entered (body, document, date, count, members with reasons), to check
against the notice. Labels and figures are the period view's (:mod:`generator.views.ranking`),
the same the web pages and the printed lists show.
"""

from __future__ import annotations

from generator.views.ranking import MISSING_SCORE, PeriodView


def terminal_title(view: PeriodView) -> str:
    counts = "，".join(f"{x.name} {x.count} 家" for x in view.lists)
    grades = "；各等级：" + "、".join(f"{g} {n} 家" for g, n in view.grade_counts) if view.publish == "counts" else ""
    return f"{view.label} 考评结果（规则版本 {view.version}，{view.n} 家，{counts}{grades}）"


def terminal_table(view: PeriodView) -> tuple[list[str], list[list[str]]]:
    if not view.ranked:  # what the city publishes: grades (by grade, then name), or nothing per company
        return ["企业", "等级", "榜单"], [[f"{r.short_name}（{r.company_id}）", r.grade or "—", r.list_name or "—"]
                                        for r in view.rows]
    header = ["名次", "企业", *(f"{g.name}×{g.weight}" for g in view.groups), view.score_word, "榜单", "等级", "名次变化",
              "标记"]
    rows = []
    for r in view.rows:
        flag = f"连续 {r.consecutive_bad} 期" if r.flagged else ""
        if r.missing_ids:
            flag = "、".join(filter(None, [flag, f"{MISSING_SCORE} " + ",".join(r.missing_ids)]))
        rows.append([str(r.rank), f"{r.short_name}（{r.company_id}）", *r.scores, r.composite, r.list_name or "—",
                     r.grade or "—", r.change, flag])
    return header, rows


def reason_lines(view: PeriodView) -> list[str]:
    """``惠民物业（huimin）：列入黑榜：5 家中综合得分最低（70.10），按末位 20% 列入黑榜``, one line per
    reason, then its rectification (``逾期未报整改结果…`` once the deadline passed)."""
    return [f"{r.short_name}（{r.company_id}）：{line}" for r in view.listed
            for line in [*r.why, *([f"整改情况：{r.rectification}"] if r.rectification else [])]]


def decided_lines(view: PeriodView) -> list[str]:
    """Each list by decision: ``名单（按决定公布）：共 2 个小区；body（document）date决定``, then
    one line per member."""
    out = []
    for d in view.decided:
        out.append(f"{d.name}（按决定公布）：{d.count}；{d.issued_by}")
        out += [f"  - {m.compound_name + ' ' if m.compound_name else ''}{m.company_name}：{m.reason}" for m in d.members]
    return out
