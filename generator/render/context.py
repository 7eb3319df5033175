"""What every site renderer reads: the checked dataset, the status matrix, the rankings.

Contract: :class:`SiteContext` is built once per build from the results of the earlier
stages and never changes. Its :attr:`SiteContext.views` (:mod:`generator.views`) builds each
compound's view, item views and stamps once, so the city-wide pages, the compound's own pages
and its printed sheets lay out the same objects; its item histories are stamped by the same
views (:func:`generator.views.versions.stamped`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from generator.derive.rank import PeriodRanking
from generator.derive.status import StatusMatrix
from generator.derive.versions import History
from generator.load.dataset import Dataset
from generator.load.history import Change
from generator.model.catalogue import Catalogue, CatalogueItem
from generator.model.city import City
from generator.derive.trust_log import BuildLog
from generator.render.plan import SitePlan, plan_site
from generator.views.city import CityView, city_view
from generator.views.compound import CompoundView
from generator.views.site import Views
from generator.views.versions import stamped


@dataclass
class SiteContext:
    ds: Dataset
    matrix: StatusMatrix
    rankings: list[PeriodRanking]
    as_of: date
    history: dict[str, list[Change]] = field(default_factory=dict)
    """Per compound, the days its files were committed (git), newest first; empty outside git."""
    versions: History | None = None
    """Every version of every item from the data's git history; None outside git."""
    log: BuildLog | None = None
    """This build's transparency log (None when the build has no signing key: no log is published)."""

    def __post_init__(self) -> None:
        if self.versions is not None:
            self.versions = stamped(self.versions, self.views)

    @cached_property
    def views(self) -> Views:
        """The views every page and sheet of the build lays out (:mod:`generator.views`)."""
        return Views(self.ds, self.matrix, self.rankings, self.as_of)

    @property
    def city(self) -> City:
        assert self.ds.city is not None, "render only after the checks passed"
        return self.ds.city.model

    @property
    def catalogue(self) -> Catalogue:
        assert self.ds.catalogue is not None, "render only after the checks passed"
        return self.ds.catalogue.model

    @property
    def items(self) -> list[CatalogueItem]:
        return self.catalogue.items

    def compound_ids(self) -> list[str]:
        return sorted(self.ds.compounds)

    def compound(self, compound_id: str) -> CompoundView:
        return self.views.compound(compound_id)

    @cached_property
    def city_view(self) -> CityView:
        """The city's figures, coverage and compound indexes (:mod:`generator.views.city`)."""
        return city_view(self.views)

    @cached_property
    def plan(self) -> SitePlan:
        """Every output of the build (:mod:`generator.render.plan`)."""
        return plan_site(self.views, self.versions)

    def has_page(self, path: str) -> bool:
        return self.plan.has(path)
