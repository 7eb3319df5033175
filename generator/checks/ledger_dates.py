"""Table rows dated where the notice cannot hold them: after its period, or after it was posted.

Contract: for every ledger (:data:`LEDGERS`: the public-revenue ledger, whose notice states
the quarter it covers, ``notice.period``):

* ``row-after-period``: rows dated after the period's end (a quarter's notice holding
  October's rows would show them under the old quarter): one error per table, at the first
  such row's date cell, counting the others;
* ``row-after-posting``: rows dated after the posting date (``notice.posted_on``: a notice
  cannot list what had not happened when it was posted), one error per table likewise; a
  row after both is reported once, as after the period.

Rows before the period are allowed (a ledger runs on from quarter to quarter). The
maintenance fund's uses are not a ledger of the period: a use after its yearly summary is
:mod:`generator.checks.arithmetic`'s warning.
"""

from __future__ import annotations

from generator.findings import Findings
from generator.load.dataset import Dataset, ItemRecord


LEDGERS = ("public_revenue",)
"""Items whose table is the ledger of the notice's period."""


def check(ds: Dataset, findings: Findings) -> None:
    for rec in ds.compounds.values():
        for item_id in LEDGERS:
            if item_id in rec.items:
                _check_item(rec.items[item_id], findings)


def _check_item(record: ItemRecord, findings: Findings) -> None:
    notice = getattr(record.file.model, "notice", None)
    table = record.table
    if notice is None or table.rel is None or "date" not in table.header:
        return
    late = [i for i, row in enumerate(table.rows) if notice.period is not None and row.date > notice.period.end]
    early = [i for i, row in enumerate(table.rows) if row.date > notice.posted_on and i not in late]
    if late:
        first = table.rows[late[0]]
        others = f"（共 {len(late)} 行）" if len(late) > 1 else ""
        findings.add("row-after-period", table.rel, f"日期 {first.date} 在所属期间 {notice.period.label}"
                     f"（到 {notice.period.end} 为止）之后{others}：这些行不属于本期公示", **table.at(late[0], "date"),
                     hint="这些行放到下一期的公示中（下一期再更新 period 和 posted_on）；如是日期写错，改正日期。")
    if early:
        first = table.rows[early[0]]
        others = f"（共 {len(early)} 行）" if len(early) > 1 else ""
        findings.add("row-after-posting", table.rel, f"日期 {first.date} 晚于公示日期 {notice.posted_on}{others}："
                     "公示时还没有发生的事不能出现在这次公示中", **table.at(early[0], "date"),
                     hint="改正这一行的日期；或把公示日期（notice.posted_on）改为真正张贴的日期。")
