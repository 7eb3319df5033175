"""Render the whole site: every generated page, data file and asset, as a :class:`SiteFiles`.

Contract: pure. Returns text files (``{docs path: str}``) and files to copy
(``{docs path: source Path}``); the writer (:mod:`generator.write`) puts them in the staging
folder. The ranking engineer's pages (``generator.render.ranking``) are rendered first so the
other pages link only to ranking pages that exist.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.render import city, compound, opendata, paths
from generator.render.context import SiteContext
from generator.render.environment import TEMPLATES
from generator.render.ranking import ranking_assets, ranking_pages

SITE_CSS = "assets/site.css"


@dataclass
class SiteFiles:
    pages: dict[str, str] = field(default_factory=dict)
    """Docs-relative path -> text (Markdown pages, CSV/JSON, the feed)."""
    assets: dict[str, Path] = field(default_factory=dict)
    """Docs-relative path -> source file to copy (photos, the site's CSS)."""


def render_site(ctx: SiteContext) -> SiteFiles:
    out = SiteFiles()
    out.pages.update(ranking_pages(ctx.ds, ctx.rankings))
    out.assets.update(ranking_assets(ctx.ds))
    ctx.extra_pages = frozenset(out.pages)
    for cid in ctx.compound_ids():
        out.pages.update(compound.compound_pages(ctx, cid))
        out.assets.update(compound.compound_assets(ctx, cid))
    out.pages[paths.HOME] = city.home(ctx)
    out.pages[paths.COMPOUNDS] = city.compounds_index(ctx)
    out.pages[paths.COMPLIANCE] = city.compliance(ctx)
    out.pages.update(opendata.open_data(ctx))
    out.pages[paths.FEED] = opendata.feed(ctx)
    out.assets[SITE_CSS] = TEMPLATES / "assets" / "site.css"
    return out
