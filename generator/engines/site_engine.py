"""The site engines that turn the staged folder (``mkdocs.yml`` + ``docs/``) into HTML.

Contract: :data:`ENGINES` names each engine once (``build --engine``); :func:`run_engine`
builds ``<stage>/mkdocs.yml`` into ``site_dir`` with the chosen one and returns its warnings,
or raises :class:`EngineFailed` with the engine's own message. Both read the same staged
folder unchanged: MkDocs + mkdocs-material (the default; end of life 2027-05-05) and its
authors' successor Zensical (see the README's exit plan).

The engines run without a date: ``SOURCE_DATE_EPOCH`` is :data:`generator.engines.mkdocs_runner.EPOCH` (0:
gzip's "no time"), and the sitemap loses its ``<lastmod>`` (:func:`generator.engines.html_compact.tidy_output`), so an
engine's output depends on the staged files alone and the daily rebuild (same data, the date
one day later) reuses every part whose pages did not change (:mod:`generator.commands.part_stage`).
"""

from __future__ import annotations

from pathlib import Path

from generator.engines.mkdocs_runner import run_mkdocs
from generator.engines.zensical_runner import run_zensical
from generator.errors import EngineFailed, MkDocsFailed, ZensicalFailed

ENGINES = {"mkdocs": "MkDocs", "zensical": "Zensical"}
"""Engine id (the ``--engine`` value) -> its name in messages."""
DEFAULT_ENGINE = "mkdocs"


def run_engine(engine: str, config_file: Path, site_dir: Path, strict: bool = False) -> list[str]:
    try:
        if engine == "mkdocs":
            return run_mkdocs(config_file, site_dir, strict=strict)
        if engine == "zensical":
            return run_zensical(config_file, site_dir, strict=strict)
    except (MkDocsFailed, ZensicalFailed) as exc:
        raise EngineFailed(f"{ENGINES[engine]} 构建失败：{exc}") from None
    raise EngineFailed(f"没有网站引擎“{engine}”（可选：{'、'.join(ENGINES)}）")
