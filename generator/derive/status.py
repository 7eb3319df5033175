"""Disclosure status of every compound x catalogue item relative to an as-of date.

* ``published``: the item file has a notice, and for periodic items the next notice is
  not yet due;
* ``stale``: a periodic item whose next notice was due (end of the following period +
  ``grace_days``) before the as-of date; ``since`` is the first overdue day;
* ``missing``: no item file, or one that holds nothing yet (``draft``: the commented
  form ``new compound`` writes); a warning, since the gap is a fact to publish, not a broken file;
* ``not_applicable``: ``not_applicable`` with a reason (without a reason: an error);
* ``invalid``: the item file failed validation (the validation findings say why).

Self-managed compounds have no company; for them ``company_profile`` is about the
self-management organisation.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from generator.model.vocabulary import PERIOD_UNITS
from generator.model.datafolder import compound_folder
from generator.findings import Findings
from generator.load.dataset import CompoundRecord, Dataset
from generator.model.catalogue import PERIOD_MONTHS, CatalogueItem
from generator.model.disclosures import Notice

State = Literal["published", "stale", "missing", "not_applicable", "invalid"]

LABELS: dict[str, str] = {
    "published": "已公示",
    "stale": "逾期未更新",
    "missing": "未公示",
    "not_applicable": "不适用",
    "invalid": "数据有误",
}


@dataclass(frozen=True)
class ItemStatus:
    state: State
    notice: Notice | None = None
    since: date | None = None
    due: date | None = None
    reason: str | None = None
    draft: bool = False
    """Missing, though its file exists: it holds nothing yet (the form ``new compound`` writes)."""

    @property
    def label(self) -> str:
        return LABELS[self.state]


SHOWS_DATA = ("published", "stale")
"""States whose item page shows the notice's content (stale: the latest one, marked overdue)."""

StatusMatrix = dict[str, dict[str, ItemStatus]]
"""compound id -> catalogue item id -> status (catalogue order)."""


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_due(notice: Notice, item: CatalogueItem, contract_type: str | None) -> date | None:
    """The date by which the next notice must be posted, or None for long-term items."""
    kind = item.period_for(contract_type)
    if kind is None:
        return None
    months = PERIOD_MONTHS[kind]
    if notice.period is not None:
        next_end = add_months(notice.period.end + timedelta(days=1), months) - timedelta(days=1)
    else:
        next_end = add_months(notice.posted_on, months)
    return next_end + timedelta(days=item.grace_days)


def item_status(rec: CompoundRecord, item: CatalogueItem, as_of: date) -> ItemStatus:
    if item.id in rec.invalid_items:
        return ItemStatus("invalid")
    record = rec.items.get(item.id)
    if record is None:
        return ItemStatus("missing", draft=item.id in rec.drafts)
    file = record.file.model
    if file.not_applicable is not None:
        reason = file.not_applicable if isinstance(file.not_applicable, str) else ""
        return ItemStatus("not_applicable", reason=reason.strip() or None)
    notice = file.notice
    assert notice is not None  # the model guarantees notice or not_applicable
    contract = rec.model.contract.type if rec.model.contract else None
    due = next_due(notice, item, contract)
    if due is not None and as_of > due:
        return ItemStatus("stale", notice=notice, since=due + timedelta(days=1), due=due)
    return ItemStatus("published", notice=notice, due=due)


def compute(ds: Dataset, as_of: date, findings: Findings) -> StatusMatrix:
    matrix: StatusMatrix = {}
    if ds.catalogue is None:
        return matrix
    catalogue = ds.catalogue.model
    for cid, rec in ds.compounds.items():
        row: dict[str, ItemStatus] = {}
        for item in catalogue.items:
            st = item_status(rec, item, as_of)
            row[item.id] = st
            _report(rec, item, st, as_of, findings)
        for item_id, record in rec.items.items():
            if catalogue.get(item_id) is None:
                findings.warn("item-not-in-catalogue", record.file.rel,
                              f"“{item_id}”不在本市公示目录（catalogue.yaml）中，不会发布",
                              hint="如需发布，在 catalogue.yaml 中加入该条目。")
        matrix[cid] = row
    return matrix


def _report(rec: CompoundRecord, item: CatalogueItem, st: ItemStatus, as_of: date, findings: Findings) -> None:
    folder = compound_folder(rec.id)
    record = rec.items.get(item.id)
    if st.state == "missing" and item.required and st.draft:
        findings.warn("disclosure-missing", f"{folder}/{item.id}.yaml",
                      f"“{rec.model.name}”的“{item.name}”文件已建好，还没有填写（未公示）",
                      hint=f"按 {item.id}.yaml 中的说明填写 notice（公示信息）和内容；确实不适用时整个文件只写 not_applicable: 理由。")
    elif st.state == "missing" and item.required:
        findings.warn("disclosure-missing", f"{folder}/{item.id}.yaml", f"“{rec.model.name}”未公示“{item.name}”",
                      hint=f"创建 {item.id}.yaml 填写公示信息；确实不适用时写 not_applicable: 理由。")
    elif st.state == "not_applicable" and st.reason is None and record is not None:
        findings.add("na-no-reason", record.file.rel, f"“{item.name}”标为不适用，但没有写明理由",
                     line=record.file.line_of("not_applicable"), field="not_applicable",
                     hint="写明理由，如 not_applicable: 小区无电梯。")
    elif st.state == "stale" and record is not None and st.since is not None:  # stale always has ``since``
        period = st.notice.period.label if st.notice and st.notice.period else str(st.notice.posted_on if st.notice else "")
        findings.warn("disclosure-stale", record.file.rel,
                      f"“{rec.model.name}”的“{item.name}”停留在{period}，应在 {st.due} 前更新，已逾期 {(as_of - st.since).days + 1} 天",
                      line=record.file.line_of("notice"), field="notice",
                      hint="发布新一期公示，更新 notice.period 和 notice.posted_on。")
    if record is not None and st.notice is not None:
        _check_notice(rec, item, record, as_of, findings)


def _check_notice(rec: CompoundRecord, item: CatalogueItem, record, as_of: date, findings: Findings) -> None:
    notice: Notice = record.file.model.notice
    rel = record.file.rel
    if notice.posted_on > as_of:
        findings.add("notice-future", rel, f"公示日期 {notice.posted_on} 晚于数据日期 {as_of}",
                     line=record.file.line_of("notice", "posted_on"), field="notice.posted_on",
                     hint="检查日期是否写错；尚未张贴的公示不要提交。")
    if item.cadence == "periodic" and notice.period is None:
        findings.add("notice-period-missing", rel, f"“{item.name}”是定期公示，必须写明所属期间",
                     line=record.file.line_of("notice"), field="notice.period", hint="如 period: 2026-Q3。")
    if notice.period is not None:
        if notice.posted_on < notice.period.start:
            findings.add("notice-before-period", rel, f"公示日期 {notice.posted_on} 早于所属期间开始 {notice.period.start}",
                         line=record.file.line_of("notice", "posted_on"), field="notice.posted_on",
                         hint="期间应为已经发生的期间，如三季度数据在 10 月公示。")
        kind = item.period_for(rec.model.contract.type if rec.model.contract else None)
        if kind is not None and notice.period.kind != kind:
            findings.warn("notice-period-kind", rel, f"“{item.name}”应按{PERIOD_UNITS[kind]}公示，期间写的是 {notice.period.label}",
                          line=record.file.line_of("notice", "period"), field="notice.period",
                          hint="按公示目录的周期填写期间。")
    if notice.posting_days is not None and notice.posting_days < item.posting_days:
        findings.warn("notice-too-short", rel, f"张贴 {notice.posting_days} 天，少于要求的 {item.posting_days} 天",
                      line=record.file.line_of("notice", "posting_days"), field="notice.posting_days",
                      hint=f"公示栏张贴不少于 {item.posting_days} 天。")
