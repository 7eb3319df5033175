"""Where a pull (merge) request's preview is published: one rule, used by ``build`` (the
preview's own links and QR codes) and by ``check`` (the link in the findings comment).

Contract: :func:`preview_url` is ``<site_url>previews/pr-<N>/``: a folder of the published
site (``.github/pages.sh preview`` puts it there, ``remove`` deletes it when the request closes).
"""

from __future__ import annotations

PREVIEWS = "previews"


def preview_url(site_url: str, number: int) -> str:
    return f"{site_url.rstrip('/')}/{PREVIEWS}/pr-{number}/"
