"""Commands that read the data and report on it: ``check``, ``rank``, ``schema``.

``check`` and ``rank`` take the one road of every command (:func:`generator.commands.steps.check`);
``check`` prints every finding (exit 1 on errors), ``rank`` only those about the evaluations,
the companies and the city before its table.
"""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.city import scope, scope_options, write_reports
from generator.cli.options import as_of_option, data_dir, data_option, parse_as_of, preview_url
from generator.cli.outcome import exit_for, finish, print_findings
from generator.errors import DataErrors


@click.command()
@data_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text 给人看；json 给程序读（含英文字段路径）；github 在拉取请求中逐行标注")
@click.option("--strict", is_flag=True, help="把警告当作错误")
@click.option("--verbose", is_flag=True, help="逐条列出警告（默认同一小区同类警告合并为一行）")
@scope_options
@click.option("--markdown", "markdown_out", default=None, help="另把结果写成 Markdown（拉取请求评论、任务摘要）")
@click.option("--xlsx", "xlsx_out", default=None, help="另把结果写成 Excel 表（每个问题一行，便于打印）")
@click.option("--codequality", "quality_out", default=None, help="另把结果写成 GitLab 代码质量报告（JSON）")
@click.option("--preview-pr", type=click.IntRange(1), default=None,
              help="Markdown 中附上这个拉取请求的预览网址（site_url 下的 previews/pr-编号/）")
@click.option("--details-url", default=None, help="Markdown 中附上的检查任务网址")
@click.option("--changed-since", "base", default=None,
              help="与这个分支或提交（如拉取请求的目标分支 origin/main）比较，预览链接中列出改动的公示")
@click.option("--save-checked", "save_to", default=None,
              help="另把检查结果存成文件，交给同一流水线的分片构建任务（build --checked），它们不必再检查一遍")
def check(data: str, as_of: str | None, fmt: str, strict: bool, verbose: bool, compound: tuple[str, ...],
          street: tuple[str, ...], company: tuple[str, ...], markdown_out: str | None, xlsx_out: str | None,
          quality_out: str | None, preview_pr: int | None, details_url: str | None, base: str | None,
          save_to: str | None) -> None:
    """校验数据，列出全部问题。"""
    from generator.commands.steps import check as run_check

    root = data_dir(data)
    day = parse_as_of(as_of)
    checked = run_check(root, day)  # content/ from where it runs, as build reads it
    if save_to is not None:
        from generator.commands.handoff import handoff_key, save_checked
        from generator.commands.steps import CONTENT

        save_checked(checked, Path(save_to), handoff_key(root, CONTENT, day, None))
    chosen = scope(checked.ds, compound, street, company)
    items = [f for f in checked.findings if chosen.covers(f)]
    print_findings(items, root, fmt, strict, verbose)
    if len(items) < len(checked.findings):
        click.echo(f"（另有 {len(checked.findings) - len(items)} 个问题不属于所选小区；"
                   "不加 --compound/--street/--company 时列出）", err=True)
    preview = preview_url(root, preview_pr) if preview_pr is not None else None
    changed: tuple[tuple[str, str], ...] = ()
    if preview is not None and base is not None:
        from generator.commands.previews import changed_pages
        from generator.load.history import changed_since

        changed = tuple(changed_pages(checked.ds, changed_since(root, base) or [], preview))
    write_reports(items, root, strict, day, markdown_out, xlsx_out, quality_out, preview, details_url, changed)
    exit_for(items, strict)


@click.command()
@click.option("--out", default="schemas", show_default=True, help="JSON Schema 输出目录")
def schema(out: str) -> None:
    """导出 YAML 文件的 JSON Schema，供编辑器自动补全。"""
    from generator.model.schema import write_schemas

    for path in write_schemas(Path(out)):
        click.echo(path.as_posix())


RANK_FILES = ("city.yaml", "companies/", "evaluations/")
"""The files whose findings ``rank`` shows (and a compound's own file, which names its company)."""


@click.command()
@data_option
@click.option("--period", default=None, help="考评期间，如 2026-H1（默认最近一期）")
def rank(data: str, period: str | None) -> None:
    """在终端列出一期考评的计算结果，供发布前核对。"""

    from generator.commands.steps import check as run_check
    from generator.model.clock import china_today
    from generator.findings import Severity

    root = data_dir(data)
    checked = run_check(root, china_today())
    relevant = [f for f in checked.findings if f.file.startswith(RANK_FILES)
                or (f.file.startswith("compounds/") and f.file.endswith("/compound.yaml"))]
    if any(f.severity is Severity.ERROR for f in relevant) or checked.ds.city is None:
        raise DataErrors(relevant, data=root.as_posix())
    if relevant:
        print_findings(relevant, root)
    rankings = {r.period.id: r for r in checked.rankings()}
    if not rankings:
        raise click.UsageError("没有考评表（data/evaluations/ 下没有 .yaml 和 .csv）")
    _print_period(checked.ds, _chosen(rankings, period))
    finish()


def _chosen(rankings: dict, period: str | None):
    from generator.model.base import parse_period

    if period is None:
        return list(rankings.values())[-1]
    try:
        key = parse_period(period).id
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--period") from None
    if key not in rankings:
        raise click.BadParameter(f"没有 {period} 的考评表；已有：{'、'.join(rankings)}", param_hint="--period")
    return rankings[key]


def _print_period(ds, ranking) -> None:
    """The period's lists by decision as entered, then (when it has scores) its table."""
    from rich.console import Console
    from rich.table import Table

    from generator.render.terminal import decided_lines, reason_lines, terminal_table, terminal_title
    from generator.views.ranking import period_view

    view = period_view(ds, ranking)
    for line in decided_lines(view):
        click.echo(line)
    if not view.scored:
        return
    header, rows = terminal_table(view)
    table = Table(title=terminal_title(view))
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i == 1 or i >= len(header) - 4 else "right", overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    for line in reason_lines(view):
        click.echo(line)


COMMANDS = [check, rank, schema]
