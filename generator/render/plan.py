"""The site plan: every output of a build, listed once from the checked data before anything
is rendered.

Contract: :func:`plan_site` is pure. It returns a :class:`SitePlan` holding one
:class:`Output` per file the build publishes (page, asset, data file, feed, PDF) with its
site-relative path, its public URL, what it is made from and, for printed notices, the URL
its QR code carries. Paths and URLs come from :mod:`generator.views.paths` (the one place
that knows the URL rules). Renderers ask the plan which pages exist before linking to them
(``plan.has``), and :func:`generator.render.web.site.render_site` checks that what was
rendered is exactly what was planned, so a page can neither be forgotten nor appear unplanned.
Hand-written ``content/`` pages are not in the plan (the build copies them beside it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from generator.model.datafolder import MODEL_PROJECT_PHOTOS, company_origin, compound_folder, evaluation_origin, is_plain_file_name, item_origin
from generator.derive.rank import PeriodRanking
from generator.derive.status import SHOWS_DATA, StatusMatrix
from generator.derive.versions import History
from generator.load.dataset import CompoundRecord, Dataset
from generator.views import paths
from generator.views.site import Views
from generator.views.versions import stamp_index
from generator.render.forms.workbook import TABLES
from generator.templates import ROOT as TEMPLATES

Kind = Literal["page", "asset", "data", "feed", "pdf", "template", "html"]
"""``template``: an HTML page the engine renders from a template we stage (the 404 page);
``html``: a page the generator writes whole, which no engine sees (the ``/v/<stamp>/`` pages)."""
NO_ENGINE: tuple[Kind, ...] = ("pdf", "html")
"""Outputs written beside the engine's output, never staged for it: owned by the shard of the
compound they are made from (their ``origin``), merged like the PDFs."""
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Output:
    path: str
    """Site-relative file path (``compounds/lanting/index.md`` for a page's Markdown source)."""
    kind: Kind
    origin: str
    """What it is made from: a data file or folder (``compounds/lanting``), or ``city``."""
    qr: str | None = None
    """Absolute URL the QR code of a printed notice carries."""
    file: Path | None = None
    """For assets: the source file that is copied."""

    @property
    def url(self) -> str:
        """Site-relative URL (``compounds/lanting/``; files keep their name)."""
        return paths.url_of(self.path)


@dataclass
class SitePlan:
    base_url: str
    """The city's ``site_url`` (ends with ``/``)."""
    outputs: dict[str, Output] = field(default_factory=dict)

    def add(self, output: Output) -> None:
        if output.path in self.outputs:
            raise ValueError(f"planned twice: {output.path}")
        self.outputs[output.path] = output

    def has(self, path: str) -> bool:
        return path in self.outputs

    def of_kind(self, *kinds: Kind) -> list[Output]:
        return [o for o in self.outputs.values() if o.kind in kinds]

    def staged(self) -> list[Output]:
        """The outputs an engine sees (everything but :data:`NO_ENGINE`)."""
        return [o for o in self.outputs.values() if o.kind not in NO_ENGINE]

    def absolute(self, path: str) -> str:
        """Absolute public URL of a planned output (what a QR code or a feed carries)."""
        return paths.absolute_url(self.base_url, path)

    def assets(self) -> dict[str, Path]:
        return {o.path: o.file for o in self.of_kind("asset") if o.file is not None}

    def check_rendered(self, rendered: Iterable[str], planned_part: Iterable[str] | None = None) -> None:
        """Raise ValueError unless ``rendered`` is exactly the planned staged outputs (or
        ``planned_part`` of them, when a part of the site is rendered)."""
        planned = set(planned_part) if planned_part is not None else {o.path for o in self.staged()}
        got = set(rendered)
        if got != planned:
            raise ValueError(f"rendered but not planned: {sorted(got - planned)[:5]}; "
                             f"planned but not rendered: {sorted(planned - got)[:5]}")


def manager_photo(rec: CompoundRecord) -> tuple[str, Path] | None:
    """(site path, source file) of the project manager's photo, if the company profile names
    one that exists in the compound's folder (a plain file name with a raster suffix)."""
    record = rec.items.get("company_profile")
    pm = getattr(record.file.model, "project_manager", None) if record else None
    name = pm.photo if pm else None
    if not name or not is_plain_file_name(name) or not name.lower().endswith(PHOTO_SUFFIXES):
        return None
    source = rec.folder / name
    return (paths.manager_photo(rec.id, name), source) if source.is_file() else None


def model_project_photo(ds: Dataset, name: str) -> Path | None:
    """Source of a model project's photo when the name is a plain file that exists."""
    if not is_plain_file_name(name):
        return None
    path = ds.root / MODEL_PROJECT_PHOTOS / name
    return path if path.is_file() else None


def shown_tables(ds: Dataset, matrix: StatusMatrix, compound_id: str) -> list[str]:
    """Item ids of the compound whose page shows a table with rows (published as open data)."""
    rec = ds.compounds[compound_id]
    out = []
    for item_id, status in matrix.get(compound_id, {}).items():
        record = rec.items.get(item_id)
        if status.state in SHOWS_DATA and record is not None and record.table.rows:
            out.append(item_id)
    return out


def sheet_items(ds: Dataset, matrix: StatusMatrix, compound_id: str) -> list[str]:
    """Catalogue item ids of the compound that get a notice-board sheet in its PDF: those whose
    notice is shown (published or stale), in catalogue order."""
    assert ds.catalogue is not None
    rec = ds.compounds[compound_id]
    row = matrix.get(compound_id, {})
    return [item.id for item in ds.catalogue.model.items
            if item.id in row and row[item.id].state in SHOWS_DATA and row[item.id].notice is not None
            and item.id in rec.items]


def plan_site(views: Views, versions: History | None = None) -> SitePlan:
    """Every output of the build (see the module docstring); call only after the checks passed.
    ``versions``: the items' git history, stamped (None outside git: no history pages)."""
    ds, matrix, rankings = views.ds, views.matrix, views.rankings
    assert ds.city is not None and ds.catalogue is not None, "plan only after the checks passed"
    plan = SitePlan(ds.city.model.base_url())
    for page in (paths.HOME, paths.COMPOUNDS, paths.COMPLIANCE, paths.OPEN_DATA, paths.VERIFY, paths.UPDATES):
        plan.add(Output(page, "page", "city"))
    plan.add(Output(paths.FEED, "feed", "city"))
    for name in paths.OPEN_DATA_FILES:
        plan.add(Output(name, "data", "city"))
    plan.add(Output(paths.SITE_CSS, "asset", "templates", file=TEMPLATES / "site" / "assets" / "site.css"))
    plan.add(Output(paths.SITE_JS, "asset", "templates", file=TEMPLATES / "site" / "assets" / "site.js"))
    plan.add(Output(paths.NOT_FOUND, "template", "city"))
    for name in TABLES:
        plan.add(Output(paths.template_file(name), "data", "templates"))
    _plan_ranking(plan, ds, rankings)
    items: list[str] = [item.id for item in ds.catalogue.model.items]
    for cid in sorted(ds.compounds):
        rec = ds.compounds[cid]
        origin = compound_folder(cid)
        plan.add(Output(paths.compound_home(cid), "page", origin))
        plan.add(Output(paths.compound_feed(cid), "feed", origin))
        for item_id in items:
            plan.add(Output(paths.item_page(cid, item_id), "page", item_origin(cid, item_id)))
            history = versions.of(cid, item_id) if versions else None
            if history is not None:
                plan.add(Output(paths.item_history(cid, item_id), "page", item_origin(cid, item_id)))
                for version in history.versions:
                    plan.add(Output(paths.item_version(cid, item_id, version.key), "page", item_origin(cid, item_id)))
        for item_id in shown_tables(ds, matrix, cid):
            plan.add(Output(paths.ledger_file(cid, item_id), "data", item_origin(cid, item_id)))
        photo = manager_photo(rec)
        if photo and matrix.get(cid, {}).get("company_profile") is not None \
                and matrix[cid]["company_profile"].state in SHOWS_DATA:
            plan.add(Output(photo[0], "asset", origin, file=photo[1]))
        plan.add(Output(paths.pdf_file(cid), "pdf", origin, qr=plan.absolute(paths.compound_home(cid))))
    for stamp, entry in stamp_index(views, versions).items():
        origin = item_origin(entry.compound_id, entry.item_id) if entry.item_id else compound_folder(entry.compound_id)
        plan.add(Output(paths.stamp_page(stamp), "html", origin))
    for cid in sorted(ds.compounds):
        plan.add(Output(paths.verify_compound(cid), "page", compound_folder(cid)))
    for ranking in sorted(rankings, key=lambda p: p.period.start):
        period = ranking.period.id
        plan.add(Output(paths.ranking_pdf(period), "pdf", evaluation_origin(period),
                        qr=plan.absolute(paths.ranking_period(period))))
    return plan


def _plan_ranking(plan: SitePlan, ds: Dataset, rankings: list[PeriodRanking]) -> None:
    for page in (paths.RANKING, paths.METHODOLOGY, paths.MODEL_PROJECTS):
        plan.add(Output(page, "page", "evaluations"))
    for ranking in rankings:
        plan.add(Output(paths.ranking_period(ranking.period.id), "page", evaluation_origin(ranking.period.id)))
    for company_id in sorted({r.company for p in rankings for r in p.results}):
        plan.add(Output(paths.company_page(company_id), "page", company_origin(company_id)))
    photos: dict[str, Path] = {}
    for _pid, loaded in sorted(ds.model_projects.items()):
        for ph in loaded.model.photos:
            source = model_project_photo(ds, ph.file)
            if source is not None:
                photos.setdefault(paths.model_project_photo(ph.file), source)
    for path, source in sorted(photos.items()):
        plan.add(Output(path, "asset", "model_projects", file=source))
