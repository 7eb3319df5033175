"""Run MkDocs (programmatically) on a staged folder.

Contract: :func:`run_mkdocs` builds ``<stage>/mkdocs.yml`` into ``site_dir`` with
``mkdocs.config.load_config`` and ``mkdocs.commands.build.build``, exactly what
``mkdocs build -f <stage>/mkdocs.yml`` does. It prints nothing: MkDocs' warnings are
collected and returned; a failed build raises :class:`MkDocsFailed`. ``SOURCE_DATE_EPOCH``
is :data:`EPOCH` for the duration, so the output carries no time at all (the sitemap.xml.gz
header neither; the build takes the sitemap's ``<lastmod>`` out: :mod:`generator.engines.html_compact`).
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from generator.errors import MkDocsFailed

EPOCH = "0"
"""``SOURCE_DATE_EPOCH`` of every run: no date (the daily rebuild reuses unchanged parts)."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _quiet_logs() -> Iterator[_Collect]:
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    saved = (logger.handlers[:], logger.propagate, logger.level)
    logger.handlers, logger.propagate = [collect], False
    logger.setLevel(logging.WARNING)
    try:
        yield collect
    finally:
        logger.handlers, logger.propagate, _ = saved
        logger.setLevel(saved[2])


@contextmanager
def _source_date() -> Iterator[None]:
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def quiet_jieba() -> None:
    """jieba (used by the search plugin) logs its dictionary loading to stderr at import; import
    it first and raise its log level, so builds print nothing."""
    try:
        import jieba
    except ImportError:  # the search plugin then indexes without segmentation
        return
    jieba.setLogLevel(logging.WARNING)


def run_mkdocs(config_file: Path, site_dir: Path, strict: bool = False) -> list[str]:
    """Build the site; returns MkDocs' warning messages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    quiet_jieba()
    with _quiet_logs() as collected, _source_date():
        try:
            config = load_config(config_file=str(config_file.resolve()), site_dir=str(site_dir.resolve()),
                                 strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as exc:
            raise MkDocsFailed("; ".join(collected.messages + [str(exc)])) from None
    return collected.messages
