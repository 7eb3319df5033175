"""What the disclosure statuses mean as findings: an item missing or overdue, a "not
applicable" without its reason, a notice posted in the future, without its period, before its
period began, for the wrong kind of period or for too few days, and an item file the catalogue
does not list.

Contract: :func:`check` reads the status matrix (:func:`generator.derive.status.compute`) and
the records and adds findings; it changes nothing.
"""

from __future__ import annotations

from datetime import date

from generator.derive.status import ItemStatus, StatusMatrix
from generator.findings import Findings
from generator.load.dataset import CompoundRecord, Dataset
from generator.model.base import parse_period
from generator.model.catalogue import CatalogueItem
from generator.model.datafolder import compound_folder
from generator.model.disclosures import Notice
from generator.model.vocabulary import PERIOD_UNITS


def check(ds: Dataset, matrix: StatusMatrix, as_of: date, findings: Findings) -> None:
    if ds.catalogue is None:
        return
    catalogue = ds.catalogue.model
    for cid, rec in ds.compounds.items():
        row = matrix.get(cid, {})
        for item in catalogue.items:
            _report(rec, item, row[item.id], as_of, findings)
        for item_id, record in rec.items.items():
            if catalogue.get(item_id) is None:
                findings.warn("item-not-in-catalogue", record.file.rel,
                              f"“{item_id}”不在本市公示目录（catalogue.yaml）中，不会发布",
                              hint="如需发布，在 catalogue.yaml 中加入该条目。")


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
        # A span (2021年至2026年第三季度, a multi-year distribution) is read by the period it ends with.
        last = parse_period(notice.period.id.split("~")[-1]) if notice.period.kind == "span" else notice.period
        if kind is not None and last.kind != kind:
            findings.warn("notice-period-kind", rel, f"“{item.name}”应按{PERIOD_UNITS[kind]}公示，期间写的是 {notice.period.label}",
                          line=record.file.line_of("notice", "period"), field="notice.period",
                          hint="按公示目录的周期填写期间。")
    if notice.posting_days is not None and notice.posting_days < item.posting_days:
        findings.warn("notice-too-short", rel, f"张贴 {notice.posting_days} 天，少于要求的 {item.posting_days} 天",
                      line=record.file.line_of("notice", "posting_days"), field="notice.posting_days",
                      hint=f"公示栏张贴不少于 {item.posting_days} 天。")
