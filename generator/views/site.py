"""The views of one build: every compound's view, its item views and stamps, built once.

Contract: :class:`Views` is made from the results of the earlier stages (the checked dataset,
the status matrix, the rankings, the as-of date) and caches what it builds, so a compound's
web pages and its printed sheets read the same objects: :meth:`Views.compound`
(:class:`generator.views.compound.CompoundView`), :meth:`Views.item` (the
:class:`generator.views.item.ItemView` of a shown item, None for the others),
:meth:`Views.booklet` (what the booklet prints about the compound, with its stamp),
:meth:`Views.current_stamps` (every stamp the build prints: item sheets and booklets).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from generator.derive.rank import PeriodRanking
from generator.derive.status import ItemStatus, StatusMatrix
from generator.load.dataset import Dataset, ItemRecord
from generator.model.catalogue import CatalogueItem
from generator.model.city import City, Community, District, Street
from generator.views.compound import CompoundView
from generator.views.formatting import quantity
from generator.views.item import ItemView, item_view
from generator.views.phones import supervision_phones
from generator.views.ranking import PeriodView, period_view
from generator.views.stamp import booklet_stamp


@dataclass(frozen=True)
class Booklet:
    """What a compound's booklet prints about the compound itself, and the booklet's stamp
    (:func:`generator.views.stamp.booklet_stamp`)."""

    compound_id: str
    meta: tuple[tuple[str, str], ...]
    phones: tuple[tuple[str, str], ...]
    items: tuple[tuple[str, str], ...]
    """(item id, its stamp or its status word), catalogue order: what the stamp covers."""
    stamp: str


@dataclass(frozen=True)
class StampEntry:
    """Where a printed stamp belongs: an item (``item_id``) or a compound's booklet (None)."""

    compound_id: str
    item_id: str | None
    key: str | None = None
    """The version's page key when the stamp is a version of the item's history."""


class Views:
    def __init__(self, ds: Dataset, matrix: StatusMatrix, rankings: list[PeriodRanking], as_of: date) -> None:
        assert ds.city is not None and ds.catalogue is not None, "views only after the checks passed"
        self.ds, self.matrix, self.rankings, self.as_of = ds, matrix, rankings, as_of
        self._compounds: dict[str, CompoundView] = {}
        self._items: dict[tuple[str, str], ItemView | None] = {}
        self._booklets: dict[str, Booklet] = {}
        self._versions: dict[tuple[str, int], tuple[ItemRecord, ItemView]] = {}

    @property
    def city(self) -> City:
        assert self.ds.city is not None
        return self.ds.city.model

    @property
    def items(self) -> list[CatalogueItem]:
        assert self.ds.catalogue is not None
        return self.ds.catalogue.model.items

    @cached_property
    def periods(self) -> dict[str, PeriodView]:
        """Every period's ranking view by period id, made once a build: every compound's
        oversight page shows its company's results (at 1,000 compounds, making them per page
        was a third of the rendering)."""
        return {r.period.id: period_view(self.ds, r) for r in self.rankings}

    @cached_property
    def _streets(self) -> dict[str, tuple[District, Street]]:
        return self.city.street_index()

    @cached_property
    def _communities(self) -> dict[str, tuple[District, Street, Community]]:
        return self.city.community_index()

    def compound(self, compound_id: str) -> CompoundView:
        view = self._compounds.get(compound_id)
        if view is None:
            rec = self.ds.compounds[compound_id]
            model = rec.model
            district, street = self._streets[model.street]
            company = self.ds.companies.get(model.company) if model.company else None
            view = CompoundView(
                id=compound_id, record=rec, district=district, street=street,
                community=self._communities.get(model.community, (None, None, None))[2],
                company_id=model.company if company else None, company=company.model if company else None,
                statuses=self.matrix.get(compound_id, {}), rankings=self.rankings, as_of=self.as_of)
            self._compounds[compound_id] = view
        return view

    def item(self, compound_id: str, item_id: str) -> ItemView | None:
        """The item's view when the item is shown (published or stale), else None."""
        key = (compound_id, item_id)
        if key not in self._items:
            view = self.compound(compound_id)
            record = view.shown(item_id)
            item = next((i for i in self.items if i.id == item_id), None)
            shown = record is not None and item is not None and record.file.model.notice is not None
            self._items[key] = item_view(self.ds, view, item, record) if shown else None  # type: ignore[arg-type]
        return self._items[key]

    def version(self, compound_id: str, record: ItemRecord) -> ItemView:
        """The view of a past version of an item (its record read from git), as its sheet read."""
        key = (compound_id, id(record))
        known = self._versions.get(key)
        if known is None or known[0] is not record:
            item = next(i for i in self.items if i.id == record.item_id)
            known = self._versions[key] = (record, item_view(self.ds, self.compound(compound_id).with_version(record),
                                                             item, record))
        return known[1]

    def booklet(self, compound_id: str) -> Booklet:
        booklet = self._booklets.get(compound_id)
        if booklet is None:
            booklet = self._booklets[compound_id] = self._booklet(compound_id)
        return booklet

    def _booklet(self, compound_id: str) -> Booklet:
        view = self.compound(compound_id)
        c = view.record.model
        serving = view.serving
        manager = serving.name if not serving.self_managed else f"{serving.name}（业主自治）"
        size = (f"{quantity(c.households)} 户 · {quantity(c.floor_area)} ㎡" + (f" · {c.buildings} 栋" if c.buildings else "")
                if c.households is not None and c.floor_area is not None else "未填写")
        where = " ".join(x.name for x in (view.district, view.street, view.community) if x is not None)
        meta = (("地址", c.address or "未填写"), ("所属", where), ("物业服务", manager or "—"), ("规模", size))
        phones = tuple(supervision_phones(self.city, view.record, view.district, view.street, view.community))
        items = tuple((item.id, self._item_word(compound_id, item.id)) for item in self.items)
        return Booklet(compound_id, meta, phones, items, booklet_stamp(compound_id, [c.name, meta, phones], list(items)))

    def _item_word(self, compound_id: str, item_id: str) -> str:
        view = self.item(compound_id, item_id)
        if view is not None:
            return view.stamp
        status = self.compound(compound_id).statuses.get(item_id, ItemStatus("missing"))
        return status.state + (f"：{status.reason}" if status.reason else "")

    def current_stamps(self) -> dict[str, StampEntry]:
        """Every stamp this build prints (each shown item's sheet, each booklet), by stamp."""
        out: dict[str, StampEntry] = {}
        for cid in sorted(self.ds.compounds):
            out.setdefault(self.booklet(cid).stamp, StampEntry(cid, None))
            for item in self.items:
                view = self.item(cid, item.id)
                if view is not None:
                    out.setdefault(view.stamp, StampEntry(cid, item.id))
        return out

