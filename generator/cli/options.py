"""Options shared by several commands, and the build options read from the command line.

``--data`` is checked to be a folder, ``--as-of`` read in the data's date forms; a bad value
is a usage error (exit 2) naming the option. :func:`build_options` makes the one
:class:`~generator.commands.steps.BuildOptions` of ``build`` and ``serve``.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import click

from generator.engines.site_engine import DEFAULT_ENGINE


def parse_as_of(value: str | None) -> date:
    if value is None:
        from generator.model.clock import china_today

        return china_today()
    from generator.model.values import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


def data_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise click.BadParameter(f"数据目录 {value} 不存在", param_hint="--data")
    return path


data_option = click.option("--data", "data", default="data", show_default=True, help="数据目录")
as_of_option = click.option("--as-of", "as_of", default=None,
                            help="数据日期，写法同数据：2026-11-15、2026/11/15 或 2026年11月15日（默认北京时间今天）")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def build_options(data: str, out: str, day: str | None, stage_dir: str | None, strict: bool = False,
                  paper: str = "a4", pdf_cache: str | None = None, engine: str | None = None, jobs: int = 1,
                  shard: str | None = None, site_cache: str | None = None, site_url: str | None = None):
    from generator.commands.steps import BuildOptions
    from generator.render.paper.document import paper_of

    return BuildOptions(data=data_dir(data), out=Path(out), as_of=parse_as_of(day),
                        stage_dir=Path(stage_dir) if stage_dir else None, strict=strict, paper=paper_of(paper),
                        pdf_cache=Path(pdf_cache) if pdf_cache else None, engine=engine or DEFAULT_ENGINE,
                        jobs=jobs, shard=shard, site_cache=Path(site_cache) if site_cache else None,
                        site_url=site_url)


def preview_url(data: Path, number: int) -> str | None:
    """A pull request's preview address under the city's site_url (None: city.yaml unreadable)."""
    from generator.commands.previews import preview_url as rule
    from generator.findings import Findings
    from generator.load.dataset import load_city_and_catalogue

    city = load_city_and_catalogue(data, Findings())[0]
    return rule(city.model.base_url(), number) if city is not None else None


def site_url_option(value: str | None) -> str | None:
    if value is not None and not (value.startswith(("https://", "http://")) and value.endswith("/")):
        raise click.BadParameter("网址应以 https:// 开头、以 / 结尾，如 https://city.example.org/previews/pr-7/",
                                 param_hint="--site-url")
    return value
