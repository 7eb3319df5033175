"""Each disclosure item's content, built once as blocks for the web page and the paper notice.

Contract: for every item of :data:`generator.model.items.ITEMS` there is one module here
named after the item id (``public_revenue.py``) with a function
``blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]`` that turns the item's validated
YAML model and table rows into the blocks of :mod:`generator.views.blocks`, in the order a
resident reads them. Labels come from the model field titles and
:mod:`generator.model.vocabulary`; figures from :mod:`generator.derive`. :func:`item_blocks`
is called only for items that are published or stale; it drops blocks with nothing to show.
Only fields the data model declares public are shown (no resident appears anywhere).
A module whose blocks or answer depend on the as-of day declares ``READS_CALENDAR = True``
(its stamp is then taken over its view as of the posting date: :mod:`generator.views.item`).
``render/web`` and ``render/paper`` lay the blocks out and need no per-item code beyond the
few slots they fill (see :class:`generator.views.blocks.Slot`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import import_module
from typing import Callable

from generator.derive.rank import CompanyResult, PeriodRanking
from generator.load.dataset import CompoundRecord, Dataset, ItemRecord
from generator.model.city import City
from generator.model.company import Company
from generator.model.items import ITEMS
from generator.model.vocabulary import title_of
from generator.views import paths
from generator.views.answers import latest_result
from generator.views.compound import CompoundView
from generator.views.blocks import Align, Block, Column, ValueKind, is_empty

Builder = Callable[["ItemContext", ItemRecord], list[Block]]


@dataclass(frozen=True)
class ItemContext:
    """What item bodies need besides their own record (the same for web and paper)."""

    ds: Dataset
    city: City
    rec: CompoundRecord
    as_of: date
    ranking: tuple[PeriodRanking, CompanyResult] | None

    company: Company | None
    """The compound's company when professionally managed (None for self-management)."""

    @classmethod
    def of(cls, ds: Dataset, view: CompoundView) -> "ItemContext":
        assert ds.city is not None, "render only after the checks passed"
        return cls(ds=ds, city=ds.city.model, rec=view.record, as_of=view.as_of,
                   ranking=latest_result(view.rankings, view.record.model.company), company=view.serving.company)

    def item_url(self, item_id: str) -> str:
        return paths.absolute_url(self.city.base_url(), paths.item_page(self.rec.id, item_id))


def field_column(model: type, name: str, weight: int = 0, align: Align = "left", *, unit: str = "",
                 key: bool = False, kind: ValueKind = "text", note: bool = False) -> Column:
    """A column headed by the model field's title (``note``: a line under its row on paper)."""
    return Column(title_of(model, name), weight, align, unit, key, kind, note)


@lru_cache(maxsize=None)
def builder(item_id: str) -> Builder:
    """The ``blocks`` function of the item's module (KeyError for an item outside the registry)."""
    spec = ITEMS[item_id]
    return import_module(f"{__name__}.{spec.id}").blocks


def reads_calendar(item_id: str) -> bool:
    """Whether the item's blocks or answer change with the as-of day (an inspection overdue):
    its module says so with ``READS_CALENDAR = True``."""
    return bool(getattr(import_module(f"{__name__}.{ITEMS[item_id].id}"), "READS_CALENDAR", False))


def item_blocks(ctx: ItemContext, record: ItemRecord) -> list[Block]:
    return [b for b in builder(record.item_id)(ctx, record) if not is_empty(b)]
