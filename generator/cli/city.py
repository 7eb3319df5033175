"""Commands of a city's own repository: ``init`` (make one), ``due`` (what to post next),
``comment`` (the check's one pull/merge-request comment); and the clerk's options of ``check``
(``--compound/--street/--company``, the Markdown, workbook and Code Quality reports).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from generator.cli.options import as_of_option, data_dir, data_option, parse_as_of
from generator.findings import Finding, Findings

EXIT_OK = 0


def scope_options(command):
    """``--compound``, ``--street``, ``--company`` (each may be repeated; ids or Chinese names)."""
    for name, what in (("--company", "物业服务企业"), ("--street", "街道"), ("--compound", "小区")):
        command = click.option(name, multiple=True, help=f"只看这个{what}的小区（编号或名称，可写多次）")(command)
    return command


def scope(ds, compound: tuple[str, ...], street: tuple[str, ...], company: tuple[str, ...]):
    from generator.commands.scope import ScopeError, select

    try:
        return select(ds, compound, street, company)
    except ScopeError as exc:
        raise click.UsageError(str(exc)) from None


def write_reports(items: list[Finding], root: Path, strict: bool, day: date, markdown_out: str | None,
                   xlsx_out: str | None, quality_out: str | None, preview_url: str | None,
                   details_url: str | None, changed: tuple[tuple[str, str], ...] = ()) -> None:
    from generator.findings.exports import code_quality, findings_workbook
    from generator.findings.review import ReviewContext, review_markdown

    prefix = root.as_posix()
    if markdown_out:
        ctx = ReviewContext(prefix, strict, preview_url, details_url, day.isoformat(), changed)
        Path(markdown_out).write_text(review_markdown(items, ctx), encoding="utf-8")
    if xlsx_out:
        Path(xlsx_out).write_bytes(findings_workbook(items, prefix, strict))
    if quality_out:
        Path(quality_out).write_text(code_quality(items, prefix, strict), encoding="utf-8")


@click.command()
@data_option
@as_of_option
@click.option("--days", type=click.IntRange(0, 366), default=30, show_default=True, help="列出多少天内到期的公示")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@scope_options
def due(data: str, as_of: str | None, days: int, fmt: str, compound: tuple[str, ...], street: tuple[str, ...],
        company: tuple[str, ...]) -> None:
    """列出要更新的公示：已逾期的在前，然后是 N 天内到期的，最后是尚未公示的。"""
    from generator.checks import run_checks
    from generator.commands.due import KIND_LABELS, due_list
    from generator.load.dataset import load

    root = data_dir(data)
    day = parse_as_of(as_of)
    findings = Findings()
    ds = load(root, findings)
    matrix = run_checks(ds, day, findings)
    entries = due_list(ds, matrix, day, days, scope(ds, compound, street, company))
    if fmt == "json":
        click.echo(json.dumps([e.as_dict() for e in entries], ensure_ascii=False, indent=2))
        sys.exit(EXIT_OK)
    shown = None
    for entry in entries:
        if entry.kind != shown:
            shown = entry.kind
            click.echo(f"【{KIND_LABELS[entry.kind]}】")
        click.echo(f"  {entry.compound_name}  {entry.item_name}  {entry.when()}  {root.as_posix()}/{entry.file}")
    click.echo(f"按 {day.isoformat()} 的日期：" + ("，".join(
        f"{KIND_LABELS[k]} {n} 项" for k in KIND_LABELS if (n := sum(e.kind == k for e in entries)))
        or f"{days} 天内没有要更新的公示"), err=True)
    sys.exit(EXIT_OK)


@click.command()
@click.argument("markdown_file", metavar="FILE")
@click.option("--host", type=click.Choice(["github", "gitlab"]), required=True, help="代码托管平台")
@click.option("--repository", envvar="GITHUB_REPOSITORY", default=None, help="github：owner/name（默认 GITHUB_REPOSITORY）")
@click.option("--number", type=int, default=None,
              help="拉取请求编号（github）或合并请求编号（gitlab，默认 CI_MERGE_REQUEST_IID）")
@click.option("--project", envvar="CI_PROJECT_ID", default=None, help="gitlab：项目编号（默认 CI_PROJECT_ID）")
@click.option("--api", default=None, help="API 地址（默认 GITHUB_API_URL 或 CI_API_V4_URL）")
@click.option("--token-env", default=None, help="令牌所在的环境变量（默认 github：GITHUB_TOKEN；gitlab：WUYE_GITLAB_TOKEN）")
def comment(markdown_file: str, host: str, repository: str | None, number: int | None, project: str | None,
            api: str | None, token_env: str | None) -> None:
    """把检查结果（check --markdown 写的文件）发到拉取/合并请求中，始终更新同一条评论。"""
    from generator.commands.review_post import PostError, post_github, post_gitlab

    body = Path(markdown_file).read_text(encoding="utf-8")
    token = os.environ.get(token_env or ("GITHUB_TOKEN" if host == "github" else "WUYE_GITLAB_TOKEN"), "")
    if number is None and host == "gitlab" and os.environ.get("CI_MERGE_REQUEST_IID", "").isdigit():
        number = int(os.environ["CI_MERGE_REQUEST_IID"])
    target = repository if host == "github" else project
    if not token or number is None or not target:
        click.echo("未发评论：缺少令牌、仓库（项目）或请求编号；检查结果仍在任务摘要和日志中。", err=True)
        sys.exit(EXIT_OK)
    try:
        if host == "github":
            done = post_github(body, target, number, token, api or os.environ.get("GITHUB_API_URL",
                                                                                  "https://api.github.com"))
        else:
            done = post_gitlab(body, target, number, token, api or os.environ.get("CI_API_V4_URL", ""))
    except PostError as exc:  # a comment that cannot be written never fails the check itself
        click.echo(f"未发评论：{exc}", err=True)
        sys.exit(EXIT_OK)
    click.echo(f"检查结果评论已{'更新' if done.action == 'updated' else '发布'}（编号 {done.comment_id}）", err=True)
    sys.exit(EXIT_OK)


@click.command()
@click.argument("folder", default=".")
@click.option("--name", required=True, help="城市（或区、街道）名称，如 东湖市")
@click.option("--site-url", required=True, help="网站地址，以 / 结尾，如 https://wuye.example.gov.cn/")
@click.option("--pin", default=None, help="requirements.txt 中生成器的写法（默认 wuye-gongkai==当前版本；"
                                         "也可写成 wuye-gongkai @ git+https://…@v版本）")
def init(folder: str, name: str, site_url: str, pin: str | None) -> None:
    """在一个空文件夹中建立本市的数据仓库：数据、网站设置、GitHub 和 GitLab 的检查与发布、说明。"""
    from generator.commands.init import InitError, init_city

    root = Path(folder)
    try:
        written = init_city(root, name, site_url, pin)
    except InitError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"已建立“{name}”的数据仓库：{root.as_posix()}/（{len(written)} 个文件）", err=True)
    click.echo("下一步：改 data/city.yaml 中的区、街道、社区和电话；用 new compound 新增小区；"
               "提交到 GitHub 或 GitLab 后按 README.md 的“设置”一节打开检查和发布。", err=True)
    sys.exit(EXIT_OK)


COMMANDS = [init, due, comment]
