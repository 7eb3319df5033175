"""The generator's override of the site theme, staged beside ``mkdocs.yml``.

Contract: :data:`THEME_DIR` is the folder (relative to the staged ``mkdocs.yml``) that the
staged config names as ``theme.custom_dir`` (:mod:`generator.render.web.mkdocs_config`);
:func:`theme_files` maps each staged path below it to the package file it is copied from
(``generator/templates/theme/``). Both staging writers (the whole site and each shard's part)
copy them. The override is the generator's own (staff may not set ``custom_dir``:
:mod:`generator.engines.site_config`); what it adds is described in ``main.html``.
"""

from __future__ import annotations

from pathlib import Path

from generator.templates import ROOT

THEME_DIR = "theme"
_SOURCE = ROOT / "theme"


def theme_files() -> dict[str, Path]:
    """Staged path (``theme/main.html``) -> the package file it is a copy of."""
    return {f"{THEME_DIR}/{path.name}": path for path in sorted(_SOURCE.iterdir()) if path.suffix == ".html"}
