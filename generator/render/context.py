"""What every site renderer reads: the checked dataset, the status matrix, the rankings.

Contract: :class:`SiteContext` is built once per build from the results of the earlier
stages and never changes but for memos of what is derived from them:
:meth:`SiteContext.compound` derives the per-compound facts (names of its district, street
and community, its company, its status counts) once and caches them, so the city-wide pages
and the compound's own pages share one computation; :attr:`SiteContext.sheet_stamps` keeps
the stamps of the sheets already made.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from generator.derive.status import SHOWS_DATA, ItemStatus, StatusMatrix
from generator.load.dataset import CompoundRecord, Dataset, ItemRecord
from generator.load.history import Change
from generator.model.catalogue import Catalogue, CatalogueItem
from generator.model.city import City, Community, District, Street
from generator.model.company import Company
from generator.derive.rank import PeriodRanking
from generator.derive.stamp import version_stamp
from generator.derive.trust_log import BuildLog
from generator.derive.versions import History
from generator.render.plan import SitePlan, plan_site


@dataclass(frozen=True)
class CompoundFacts:
    id: str
    record: CompoundRecord
    district: District
    street: Street
    community: Community | None
    company_id: str | None
    company: Company | None
    statuses: dict[str, ItemStatus]
    stamp: str

    @property
    def name(self) -> str:
        return self.record.model.name

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(s.state for s in self.statuses.values())

    @property
    def applicable(self) -> int:
        return len(self.statuses) - self.counts["not_applicable"]

    def shown(self, item_id: str) -> ItemRecord | None:
        """The item's record when the catalogue has the item and its page shows the notice."""
        status = self.statuses.get(item_id)
        return self.record.items.get(item_id) if status is not None and status.state in SHOWS_DATA else None


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
    sheet_stamps: dict[str, str] = field(default_factory=dict, repr=False)
    """Stamps of the item sheets this build has already made, by PDF path: the build records
    them before it renders their item pages, which show the same stamp without computing the
    sheet a second time (:func:`generator.render.paper.sheet.sheet_stamps`)."""
    log: BuildLog | None = None
    """This build's transparency log (None when the build has no signing key: no log is published)."""
    _facts: dict[str, CompoundFacts] = field(default_factory=dict, repr=False)

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

    @cached_property
    def _streets(self) -> dict[str, tuple[District, Street]]:
        return self.city.street_index()

    @cached_property
    def _communities(self) -> dict[str, tuple[District, Street, Community]]:
        return self.city.community_index()

    def compound_ids(self) -> list[str]:
        return sorted(self.ds.compounds)

    def compound(self, compound_id: str) -> CompoundFacts:
        facts = self._facts.get(compound_id)
        if facts is None:
            rec = self.ds.compounds[compound_id]
            model = rec.model
            district, street = self._streets[model.street]
            community = self._communities.get(model.community, (None, None, None))[2]
            company_rec = self.ds.companies.get(model.company) if model.company else None
            facts = CompoundFacts(
                id=compound_id, record=rec, district=district, street=street, community=community,
                company_id=model.company if company_rec else None,
                company=company_rec.model if company_rec else None,
                statuses=self.matrix.get(compound_id, {}),
                stamp=version_stamp(self.ds, rec),
            )
            self._facts[compound_id] = facts
        return facts

    def by_district(self) -> list[tuple[District, list[tuple[Street, list[CompoundFacts]]]]]:
        """Compounds grouped by district and street, in the city file's order, names sorted."""
        groups: dict[str, list[CompoundFacts]] = {}
        for cid in self.compound_ids():
            facts = self.compound(cid)
            groups.setdefault(facts.street.id, []).append(facts)
        out = []
        for district in self.city.districts:
            streets = [(s, sorted(groups[s.id], key=lambda f: (f.name, f.id))) for s in district.streets if s.id in groups]
            if streets:
                out.append((district, streets))
        return out

    @cached_property
    def plan(self) -> SitePlan:
        """Every output of the build (:mod:`generator.render.plan`)."""
        return plan_site(self.ds, self.matrix, self.rankings, self.versions)

    def has_page(self, path: str) -> bool:
        return self.plan.has(path)
