"""What an item's status means to residents: one wording per state, for every page and sheet.

Contract: pure and format-neutral. The state's name (已公示, 逾期未更新…) is the status
registry's (:data:`generator.derive.status.LABELS`); this module says, once, what it means
for the item in one line (:func:`status_detail`): the period and the posting date of a
published notice, how long a stale one is overdue, the reason an item does not apply, and
the sentence for an item that is missing or whose data is wrong (:data:`NOT_SHOWN`). The
compound's item list and item pages (``render/web/compound.py``), the booklet's sections
(``render/paper/notice.py``) and the one-line answers (:mod:`generator.views.answers`) use
these and no wording of their own (``tests/test_registries.py``).

:func:`settled_on` is the day a page states as its data date: the latest day on which one of
its statuses took its present state, not the build's date, so a page reads the same on every
day until a status really changes (the daily rebuild then keeps it: issue 29).
"""

from __future__ import annotations

from datetime import date
from typing import Iterable

from generator.derive.status import SHOWS_DATA, ItemStatus
from generator.views.formatting import day_cn

NOT_SHOWN = {
    "missing": "本小区尚未公示此项",
    "invalid": "此项数据有误，正在更正，暂不显示",
}
"""What a missing or invalid item says instead of its content."""
NO_REASON = "未说明"
LONG_TERM = "长期公示"


def settled_on(statuses: Iterable[ItemStatus], as_of: date) -> date | None:
    """The latest day up to ``as_of`` on which one of ``statuses`` took its present state: a
    shown notice's posting day, a stale item's first overdue day (missing, not applicable and
    invalid states do not change with the date). Every day from it to ``as_of`` shows the same
    states. None when none has a day (a compound that has published nothing yet): its pages then
    print no data date, rather than the build's, which would change them every day."""
    days = [d for s in statuses for d in (s.since if s.state == "stale" else s.notice.posted_on if s.notice else None,)
            if d is not None and d <= as_of]
    return max(days, default=None)


def reason_text(status: ItemStatus) -> str:
    """Why an item does not apply: ``理由：小区无电梯``."""
    return f"理由：{status.reason or NO_REASON}"


def not_shown(status: ItemStatus | None) -> str:
    """The one line for an item that is not shown (missing, not applicable, invalid)."""
    if status is None or status.state == "missing":
        return NOT_SHOWN["missing"]
    if status.state == "not_applicable":
        return f"{status.label}（{reason_text(status)}）"
    return NOT_SHOWN["invalid"]


def status_detail(status: ItemStatus) -> str:
    """One line on what the status means for this item: its period and posting date (and
    approval), how long it is overdue, or :func:`not_shown`'s line."""
    notice = status.notice
    if status.state not in SHOWS_DATA or notice is None:
        return reason_text(status) if status.state == "not_applicable" else not_shown(status)
    parts = []
    if status.state == "stale":
        parts.append(f"停留在{notice.period.label if notice.period else day_cn(notice.posted_on)}")
        if status.due and status.since:
            parts.append(f"应于{day_cn(status.due)}前更新，自{day_cn(status.since)}起逾期")
    else:
        parts.append(notice.period.label if notice.period else LONG_TERM)
    parts.append(f"{day_cn(notice.posted_on)}张贴")
    if notice.approved_by:
        parts.append(f"{notice.approved_by}审核")
    return " · ".join(parts)
