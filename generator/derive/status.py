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


def compute(ds: Dataset, as_of: date) -> StatusMatrix:
    """Every compound x catalogue item's status on ``as_of`` (catalogue order). What the
    statuses mean as findings (missing, stale, notices posted wrongly) is reported by
    :mod:`generator.checks.status`."""
    matrix: StatusMatrix = {}
    if ds.catalogue is None:
        return matrix
    catalogue = ds.catalogue.model
    for cid, rec in ds.compounds.items():
        matrix[cid] = {item.id: item_status(rec, item, as_of) for item in catalogue.items}
    return matrix
