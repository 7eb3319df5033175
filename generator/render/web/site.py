"""Render the whole site: every generated page, data file and asset, as a :class:`SiteFiles`.

Contract: pure. Returns text files (``{docs path: str}``), files to copy
(``{docs path: source Path}``) and generated binary files (``{docs path: bytes}``: the Excel
templates); the writer (:mod:`generator.write`) puts them in the staging
folder. What is rendered is exactly what the site plan (:mod:`generator.render.plan`) lists;
renderers link only to planned pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.render import paths
from generator.render.forms.workbook import TABLES, template
from generator.render.web import city, compound, opendata
from generator.render.web.notfound import not_found_page
from generator.render.context import SiteContext
from generator.render.plan import SitePlan
from generator.render.web.ranking import ranking_pages
from generator.render.web.history import history_pages
from generator.render.web.updates import compound_feed, updates_page
from generator.render.web.verify import verify_pages



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
        seen = {*self.pages, *self.assets, *self.blobs}
        clash = (pages.keys() & assets.keys()) | ((pages.keys() | assets.keys()) & blobs.keys())
        clash |= (pages.keys() | assets.keys() | blobs.keys()) & seen
        if clash:
            raise ValueError(f"rendered twice: {sorted(clash)[:5]}")
        self.pages.update(pages)
        self.assets.update(assets)
        self.blobs.update(blobs)


def render_site(ctx: SiteContext) -> SiteFiles:
    out = SiteFiles(plan=ctx.plan)
    out.add(ranking_pages(ctx.ds, ctx.rankings), ctx.plan.assets())
    for cid in ctx.compound_ids():
        out.add(compound.compound_pages(ctx, cid))
        out.add(history_pages(ctx, cid))
        out.add({paths.compound_feed(cid): compound_feed(ctx, cid)})
    out.add(verify_pages(ctx))
    out.add({paths.UPDATES: updates_page(ctx)})
    out.add({paths.HOME: city.home(ctx), paths.COMPOUNDS: city.compounds_index(ctx),
             paths.COMPLIANCE: city.compliance(ctx), paths.FEED: opendata.feed(ctx),
             paths.NOT_FOUND: not_found_page(ctx.city)})
    out.add(opendata.open_data(ctx))
    out.add(blobs={paths.template_file(name): template(name) for name in TABLES})
    ctx.plan.check_rendered(list(out.pages) + list(out.assets) + list(out.blobs))
    return out
