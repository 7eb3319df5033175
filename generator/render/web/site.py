"""Render the whole site: every generated page, data file and asset, as a :class:`SiteFiles`.

Contract: pure. Returns text files (``{docs path: str}``) and files to copy
(``{docs path: source Path}``); the writer (:mod:`generator.write`) puts them in the staging
folder. The ranking engineer's pages (``generator.render.web.ranking``) are rendered first so the
other pages link only to ranking pages that exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.render import paths
from generator.render.web import city, compound, opendata
from generator.render.context import SiteContext
from generator.templates import ROOT as TEMPLATES
from generator.render.web.ranking import ranking_assets, ranking_pages

SITE_CSS = "assets/site.css"


@dataclass
class SiteFiles:
    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> text (Markdown pages, CSV/JSON, the feed)."""
    assets: dict[str, Path] = field(default_factory=dict)
    """Docs-relative path -> source file to copy (photos, the site's CSS)."""


    def add(self, pages: dict[str, str] | None = None, assets: dict[str, Path] | None = None) -> None:
        """Add files; two renderers claiming one path is a bug, not something to overwrite."""
        for mine, more in ((self.pages, pages or {}), (self.assets, assets or {})):
            clash = [path for path in more if path in self.pages or path in self.assets]
            if clash:
                raise ValueError(f"rendered twice: {sorted(clash)[:5]}")
            mine.update(more)


def render_site(ctx: SiteContext) -> SiteFiles:
    out = SiteFiles()
    out.add(ranking_pages(ctx.ds, ctx.rankings), ranking_assets(ctx.ds))
    ctx.extra_pages = frozenset(out.pages)
    for cid in ctx.compound_ids():
        out.add(compound.compound_pages(ctx, cid), compound.compound_assets(ctx, cid))
    out.add({paths.HOME: city.home(ctx), paths.COMPOUNDS: city.compounds_index(ctx),
             paths.COMPLIANCE: city.compliance(ctx), paths.FEED: opendata.feed(ctx)})
    out.add(opendata.open_data(ctx), {SITE_CSS: TEMPLATES / "site" / "assets" / "site.css"})
    return out
