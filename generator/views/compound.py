"""A compound's view: what every page, sheet and table says about one compound, once.

Contract: pure and format-neutral (no Markdown, HTML or Typst). :class:`CompoundView` holds a
compound's facts (record, district, street, community), each catalogue item's status, the
serving company or self-managing organisation (:class:`Serving`, the one rule for who serves
a compound), the rankings and the as-of date the answers read. Its item views, key figures and
stamps are built by :class:`generator.views.site.Views`, which caches one view per compound.

Which items are *shown* (their content on the page and on paper) is the status registry's
:data:`generator.derive.status.SHOWS_DATA`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Sequence

from generator.derive.rank import PeriodRanking
from generator.derive.status import SHOWS_DATA, ItemStatus
from generator.load.dataset import CompoundRecord, ItemRecord
from generator.model import disclosures as d
from generator.model.city import Community, District, Street
from generator.model.company import Company
from generator.views.status import settled_on

COMMITTEES = {"业委会": "业主委员会", "物管会": "物业管理委员会"}
"""The owners' organisation's kind -> its full name on a 落款."""


@dataclass(frozen=True)
class Serving:
    """Who serves the compound: its company (professional management) or its self-managing
    organisation; ``name`` is None when the data names neither."""

    name: str | None
    phone: str | None
    company_id: str | None
    company: Company | None

    @property
    def self_managed(self) -> bool:
        return self.company is None and self.name is not None


@dataclass(frozen=True)
class CompoundView:
    id: str
    record: CompoundRecord
    district: District
    street: Street
    community: Community | None
    company_id: str | None
    """The company the compound names, when it exists and the compound is professionally managed."""
    company: Company | None
    statuses: dict[str, ItemStatus]
    rankings: Sequence[PeriodRanking]
    as_of: date

    @property
    def name(self) -> str:
        return self.record.model.name

    @cached_property
    def data_date(self) -> date | None:
        """The day the compound's pages state as their data date (:func:`generator.views.status.settled_on`)."""
        return settled_on(self.statuses.values(), self.as_of)

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(s.state for s in self.statuses.values())

    @property
    def applicable(self) -> int:
        return len(self.statuses) - self.counts["not_applicable"]

    @property
    def serving(self) -> Serving:
        c = self.record.model
        if c.serving_company and self.company is not None:
            return Serving(self.company.name, self.company.phone, self.company_id, self.company)
        sm = c.self_management
        return Serving(sm.organisation if sm else None, sm.phone if sm else None, None, None)

    @property
    def committee(self) -> str | None:
        """The owners' committee's full name (兰亭苑业主委员会), when the compound has one."""
        committee = self.record.model.owners_committee
        return self.name + COMMITTEES[committee.kind] if committee and committee.kind in COMMITTEES else None

    def shown(self, item_id: str) -> ItemRecord | None:
        """The item's record when the catalogue has the item and its page shows the notice."""
        status = self.statuses.get(item_id)
        return self.record.items.get(item_id) if status is not None and status.state in SHOWS_DATA else None

    def file(self, item_id: str) -> d.ItemFile | None:
        record = self.shown(item_id)
        return record.file.model if record is not None else None

    def file_as(self, item_id: str, kind: type[d.F]) -> d.F | None:
        """:meth:`file` as the item's own file class (None when the item is not shown)."""
        model = self.file(item_id)
        return None if model is None else d.item_as(model, kind)

    def shown_file(self, item_id: str, kind: type[d.F]) -> d.F:
        """The shown item's file as its own class (a LookupError when it is not shown: a bug)."""
        model = self.file_as(item_id, kind)
        if model is None:
            raise LookupError(f"{item_id} is not shown for {self.id}")
        return model

    def rows(self, item_id: str) -> list:
        record = self.shown(item_id)
        return list(record.table.rows) if record is not None else []

    def stale(self, item_id: str) -> bool:
        status = self.statuses.get(item_id)
        return status is not None and status.state == "stale"

    def with_version(self, record: ItemRecord) -> "CompoundView":
        """The compound as it reads with ``record`` (a past version of one item) in place of the
        item's current record, shown as published: what that version's sheet said."""
        notice = record.file.model.notice
        items = {**self.record.items, record.item_id: record}
        statuses = {**self.statuses, record.item_id: ItemStatus("published", notice=notice)}
        return dataclasses.replace(self, record=dataclasses.replace(self.record, items=items), statuses=statuses)
