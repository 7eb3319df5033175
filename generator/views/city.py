"""The city's view: its figures, the disclosure coverage and the compound indexes, once.

Contract: pure and format-neutral. :func:`city_view` gives a :class:`CityView`: the city-wide
figures (:func:`generator.derive.figures.city_figures`, numerator / denominator), each
catalogue item's coverage (:class:`Coverage`: published / applicable, stale, missing, not
applicable), the districts with their streets' compounds (the city file's order, names
sorted) and each district's coverage, the overall coverage, how many compounds publish every
applicable item, and the latest published notices. The home page, the compounds index, the
compliance page (``render/web/city.py``) and the open data lay it out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from generator.derive.figures import Ratio, city_figures, item_coverage
from generator.derive.status import SHOWS_DATA
from generator.model.catalogue import CatalogueItem
from generator.model.city import District, Street
from generator.model.disclosures import Notice
from generator.views.compound import CompoundView
from generator.views.formatting import percent
from generator.views.site import Views

RECENT_NOTICES = 10


@dataclass(frozen=True)
class Coverage:
    published: int
    stale: int
    missing: int
    """Missing or invalid."""
    not_applicable: int
    total: int

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def text(self) -> str:
        return f"{self.published}/{self.applicable}"

    @property
    def pct(self) -> str:
        return percent(self.published, self.applicable)


def coverage(counts: Mapping[str, int]) -> Coverage:
    """From counts per state (as :func:`generator.derive.figures.item_coverage` gives them)."""
    return Coverage(counts.get("published", 0), counts.get("stale", 0),
                    counts.get("missing", 0) + counts.get("invalid", 0), counts.get("not_applicable", 0),
                    sum(counts.values()))


def all_states(compounds: list[CompoundView]) -> Coverage:
    return coverage(sum((c.counts for c in compounds), Counter()))


@dataclass(frozen=True)
class DistrictView:
    district: District
    streets: tuple[tuple[Street, tuple[CompoundView, ...]], ...]

    @property
    def compounds(self) -> list[CompoundView]:
        return [c for _, members in self.streets for c in members]

    @property
    def coverage(self) -> Coverage:
        return all_states(self.compounds)


class Recent(NamedTuple):
    compound: CompoundView
    item: CatalogueItem
    notice: Notice


@dataclass(frozen=True)
class CityView:
    figures: tuple[Ratio, ...]
    items: tuple[tuple[CatalogueItem, Coverage], ...]
    districts: tuple[DistrictView, ...]
    overall: Coverage
    complete: int
    """Compounds that publish every item that applies to them."""
    total: int
    companies: int
    data_date: date | None
    """The day the city's pages state as their data date (:func:`generator.views.status.settled_on`)."""


def districts(views: Views) -> tuple[DistrictView, ...]:
    """Compounds grouped by district and street, in the city file's order, names sorted."""
    groups: dict[str, list[CompoundView]] = {}
    for cid in sorted(views.ds.compounds):
        view = views.compound(cid)
        groups.setdefault(view.street.id, []).append(view)
    out = []
    for district in views.city.districts:
        streets = tuple((s, tuple(sorted(groups[s.id], key=lambda c: (c.name, c.id))))
                        for s in district.streets if s.id in groups)
        if streets:
            out.append(DistrictView(district, streets))
    return tuple(out)


def city_view(views: Views) -> CityView:
    counts = item_coverage(views.ds, views.matrix)
    everyone = [views.compound(cid) for cid in sorted(views.ds.compounds)]
    return CityView(
        figures=tuple(city_figures(views.ds, views.matrix)),
        items=tuple((item, coverage(counts[item.id])) for item in views.items),
        districts=districts(views), overall=all_states(everyone),
        complete=sum(1 for c in everyone if c.counts["published"] == c.applicable),
        total=len(everyone), companies=len(views.ds.companies),
        data_date=max((c.data_date for c in everyone if c.data_date is not None), default=None),
    )


def recent_notices(views: Views, limit: int | None = RECENT_NOTICES) -> list[Recent]:
    """Published notices, newest first (posting date, then compound id, then catalogue order)."""
    found = []
    for cid in sorted(views.ds.compounds):
        view = views.compound(cid)
        for order, item in enumerate(views.items):
            status = view.statuses[item.id]
            if status.notice is not None and status.state in SHOWS_DATA:
                found.append((status.notice.posted_on, cid, order, Recent(view, item, status.notice)))
    found.sort(key=lambda t: (-t[0].toordinal(), t[1], t[2]))
    return [t[3] for t in (found if limit is None else found[:limit])]
