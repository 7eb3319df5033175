"""The hand-written pages of a site: the package's defaults overlaid by the city's own.

Contract: :func:`content_files` returns, by docs path, every file the site gets from
hand-written pages: first the defaults that ship with the package (:data:`DEFAULTS`: 关于本站
``about.md``, 如何投诉 ``complain.md``, the staff guide ``data-guide.md``), then the files of
the city's ``content/`` folder, each replacing the default of the same path. A city repository
without a ``content/`` folder therefore gets the default pages, and one that keeps its own
``about.md`` gets that one. Hidden files are skipped, as the writer skips them, and so is a
link that leaves its folder (:func:`generator.load.limits.check_content` reports it before
anything is staged). Nothing is read but names.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.templates import ROOT as TEMPLATES
from generator.load.limits import inside

DEFAULTS = TEMPLATES / "content"
"""The default content pages (package data)."""


def _files(folder: Path) -> dict[str, Path]:
    if not folder.is_dir():
        return {}
    out = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if not any(part.startswith(".") for part in PurePosixPath(rel).parts) and inside(path, folder):
            out[rel] = path
    return out


def content_files(city_content: Path) -> dict[str, Path]:
    """Docs path -> source file: the package defaults, replaced file by file by the city's."""
    files = _files(DEFAULTS)
    files.update(_files(city_content))
    return dict(sorted(files.items()))
