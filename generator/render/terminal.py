"""The ``rank`` command's table: a ranking period's view laid out as plain text for staff.

Contract: pure. :func:`terminal_table` gives the header and rows staff check before
publishing (``python -m generator rank``): rank, company (short name and id), each group's
score, composite, list, grade, change, flags; labels and figures are the period view's
(:mod:`generator.views.ranking`), the same the web pages and the printed lists show.
"""

from __future__ import annotations

from generator.derive.rank import PeriodRanking
from generator.load.dataset import Dataset
from generator.views.ranking import MISSING_SCORE, period_view


def terminal_table(ds: Dataset, ranking: PeriodRanking) -> tuple[list[str], list[list[str]]]:
    view = period_view(ds, ranking)
    header = ["名次", "企业", *(f"{g.name}×{g.weight}" for g in view.groups), "综合得分", "榜单", "等级", "名次变化", "标记"]
    rows = []
    for r in view.rows:
        flag = f"连续 {r.consecutive_bad} 期" if r.flagged else ""
        if r.missing_ids:
            flag = "、".join(filter(None, [flag, f"{MISSING_SCORE} " + ",".join(r.missing_ids)]))
        rows.append([str(r.rank), f"{r.short_name}（{r.company_id}）", *r.scores, r.composite, r.list_name or "—",
                     r.grade or "—", r.change, flag])
    return header, rows
