"""Render the site (or the part of it one shard holds): every generated page, data file and asset, as a :class:`SiteFiles`.

Contract: pure. Returns text files (``{docs path: str}``), files to copy
(``{docs path: source Path}``) and generated binary files (``{docs path: bytes}``: the Excel
templates); the writer (:mod:`generator.write`) puts them in the staging
folder. What is rendered is exactly what the site plan (:mod:`generator.render.plan`) lists;
renderers link only to planned pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.views import paths
from generator.render.forms.workbook import TABLES, template
from generator.render.web import city as city_pages, compound, opendata
from generator.render.web.notfound import not_found_page
from generator.render.context import SiteContext
from generator.render.plan import SitePlan
from generator.render.web.ranking import ranking_pages
from generator.render.web.history import history_pages
from generator.render.web.updates import compound_feed, updates_page
from generator.render.web.verify import compound_stamps_page, verify_page



@dataclass
class SiteFiles:
    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> text (Markdown pages, CSV/JSON, the feed)."""
    assets: dict[str, Path] = field(default_factory=dict)
    """Docs-relative path -> source file to copy (photos, the site's CSS)."""
    blobs: dict[str, bytes] = field(default_factory=dict)
    """Docs-relative path -> bytes (the Excel templates)."""
    plan: SitePlan | None = None
    """The site plan these files follow (PDFs are made from it after MkDocs)."""


    def add(self, pages: dict[str, str] | None = None, assets: dict[str, Path] | None = None,
            blobs: dict[str, bytes] | None = None) -> None:
        """Add files; two renderers claiming one path is a bug, not something to overwrite."""
        pages, assets, blobs = pages or {}, assets or {}, blobs or {}
        clash = (pages.keys() & assets.keys()) | ((pages.keys() | assets.keys()) & blobs.keys())
        clash |= {path for new in (pages, assets, blobs) for path in new
                  if path in self.pages or path in self.assets or path in self.blobs}
        if clash:
            raise ValueError(f"rendered twice: {sorted(clash)[:5]}")
        self.pages.update(pages)
        self.assets.update(assets)
        self.blobs.update(blobs)


def render_site(ctx: SiteContext, compounds: list[str] | None = None, city: bool = True) -> SiteFiles:
    """Every page and file of the site, or a part of it: the pages and files of the given
    ``compounds`` (all when ``None``) and, with ``city``, the city-wide ones (see
    :mod:`generator.render.shards`). What is rendered is checked against the plan's part."""
    chosen = ctx.compound_ids() if compounds is None else sorted(compounds)
    out = SiteFiles(plan=ctx.plan)
    if city:
        out.add(ranking_pages(ctx.ds, ctx.rankings))
    out.add(assets={path: source for path, source in ctx.plan.assets().items()
                    if _owned(path, chosen, city)})
    for cid in chosen:
        out.add(compound.compound_pages(ctx, cid))
        out.add(history_pages(ctx, cid))
        out.add({paths.compound_feed(cid): compound_feed(ctx, cid)})
        out.add(compound_stamps_page(ctx, cid))
    out.add(opendata.ledger_files(ctx, chosen))
    if city:
        out.add(verify_page(ctx))
        out.add({paths.UPDATES: updates_page(ctx)})
        out.add({paths.HOME: city_pages.home(ctx), paths.COMPOUNDS: city_pages.compounds_index(ctx),
                 paths.COMPLIANCE: city_pages.compliance(ctx), paths.FEED: opendata.feed(ctx),
                 paths.NOT_FOUND: not_found_page(ctx.city)})
        out.add(opendata.open_data(ctx))
        out.add(blobs={paths.template_file(name): template(name) for name in TABLES})
    planned = [o.path for o in ctx.plan.staged() if _owned(o.path, chosen, city)]
    ctx.plan.check_rendered(list(out.pages) + list(out.assets) + list(out.blobs), planned)
    return out


def _owned(path: str, compounds: list[str], city: bool) -> bool:
    cid = paths.compound_of(path)
    return city if cid is None else cid in compounds
