"""Where a pull (merge) request's preview is published: one rule, used by ``build`` (the
preview's own links and QR codes) and by ``check`` (the link in the findings comment).

Contract: :func:`preview_url` is ``<site_url>previews/pr-<N>/``: a folder of the published
site (``.github/pages.sh preview`` puts it there, ``remove`` deletes it when the request closes).
:func:`changed_pages` turns the data files a change touched into the preview's pages that show
them, (label, address) in the catalogue's order: each touched item's page (which links its
sheet), else the compound's home; what is not a compound's file is left out.
"""

from __future__ import annotations

from generator.load.dataset import Dataset
from generator.model.datafolder import COMPOUNDS
from generator.views import paths

PREVIEWS = "previews"


def preview_url(site_url: str, number: int) -> str:
    return f"{site_url.rstrip('/')}/{PREVIEWS}/pr-{number}/"


def changed_pages(ds: Dataset, files: list[str], site_url: str) -> list[tuple[str, str]]:
    touched: dict[str, set[str]] = {}
    for rel in files:
        parts = rel.split("/")
        if len(parts) == 3 and parts[0] == COMPOUNDS and parts[1] in ds.compounds:
            touched.setdefault(parts[1], set()).add(parts[2].partition(".")[0])
    items = ds.catalogue.model.items if ds.catalogue is not None else []
    out: list[tuple[str, str]] = []
    for cid in sorted(touched, key=lambda c: (ds.compounds[c].model.name, c)):
        name = ds.compounds[cid].model.name
        shown = [(f"{name} · {item.name}", paths.item_page(cid, item.id)) for item in items if item.id in touched[cid]]
        for label, page in shown or [(name, paths.compound_home(cid))]:
            out.append((label, paths.absolute_url(site_url, page)))
    return out
