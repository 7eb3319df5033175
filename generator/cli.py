"""Command line: ``python -m generator <command>``. The only place that prints or exits.

Exit codes: 0 clean, 1 the data has errors (or warnings with ``--strict``), 2 usage or
configuration error.
"""

from __future__ import annotations

import json
import os
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from generator.engines.site_engine import DEFAULT_ENGINE, ENGINES
from generator.findings import Finding, Findings, Severity

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    from generator.model.values import parse_date

    try:
        return parse_date(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--as-of") from None


def _data_dir(value: str) -> Path:
    path = Path(value)
    if not path.is_dir():
        raise click.BadParameter(f"数据目录 {value} 不存在", param_hint="--data")
    return path


data_option = click.option("--data", "data", default="data", show_default=True, help="数据目录")
as_of_option = click.option("--as-of", "as_of", default=None,
                            help="数据日期，写法同数据：2026-11-15、2026/11/15 或 2026年11月15日（默认今天）")


def print_findings(findings: list[Finding], data: Path, fmt: str, strict: bool, verbose: bool = False) -> None:
    from generator.findings.report import github_lines, summary, text_lines

    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2))
        return
    if fmt == "github":
        for line in github_lines(findings, data.as_posix(), strict):
            click.echo(line)
    else:
        for line in text_lines(findings, data.as_posix(), strict, verbose):
            click.echo(line)
    click.echo(summary(findings, strict), err=True)


# click's own text (usage, help, errors) in Chinese: click looks every message up through
# gettext; these lookups are replaced by this table (untranslated text stays as it is).
_CLICK_ZH = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "(dynamic)": "（动态）",
    "env var: {var}": "环境变量：{var}",
    "Aborted!": "已中止。",
    "Error: {message}": "错误：{message}",
    "Try '{command} {option}' for help.": "运行 “{command} {option}” 查看帮助。",
    "Invalid value: {message}": "取值不对：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的取值不对：{message}",
    "Missing argument": "缺少参数",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing {param_type}": "缺少{param_type}",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing command.": "缺少命令。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Did you mean {possibility}?": "是不是想写 {possibility}？",
    "(Did you mean one of: {possibilities}?)": "（是不是想写其中之一：{possibilities}？）",
    "Got unexpected extra argument ({args})": "多余的参数（{args}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Option {name!r} requires an argument.": "选项 {name!r} 后面要写一个值。",
    "Option {name!r} requires {nargs} arguments.": "选项 {name!r} 后面要写 {nargs} 个值。",
    "Option {name!r} does not take a value.": "选项 {name!r} 后面不写值。",
    "{value!r} is not {choice}.": "{value!r} 不是 {choice}。",
    "{value!r} is not one of {choices}.": "{value!r} 不是可选值（{choices}）之一。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在范围 {range} 内。",
    "integer": "整数",
    "unknown error": "未知错误",
}


def _zh(message: str) -> str:
    return _CLICK_ZH.get(message, message)


def _zh_plural(singular: str, plural: str, n: int) -> str:
    return _zh(singular if n == 1 else plural)


# The two ignores below: click's modules bind gettext as ``_`` and ``ngettext`` at run time, but
# their type stubs do not declare those names.
for _module in (click.core, click.exceptions, click.formatting, click.decorators, click.types, click.parser,
                click.termui):
    if hasattr(_module, "_"):
        _module._ = _zh  # type: ignore[attr-defined]
    if hasattr(_module, "ngettext"):
        _module.ngettext = _zh_plural  # type: ignore[attr-defined]


class _Commands(click.Group):
    """The command group. Its ``main`` gives the exit codes above to whoever runs it: the ``wuye``
    script, ``python -m generator`` and click's test runner alike (a usage or configuration
    error, an interrupt: 2; click alone would give 1 for some)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(EXIT_USAGE)


@click.group(cls=_Commands)
def cli() -> None:
    """物业服务信息公开平台生成器。"""


@cli.command()
@data_option
@as_of_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="text 给人看；json 给程序读（含英文字段路径）；github 在拉取请求中逐行标注")
@click.option("--strict", is_flag=True, help="把警告当作错误")
@click.option("--verbose", is_flag=True, help="逐条列出警告（默认同一小区同类警告合并为一行）")
def check(data: str, as_of: str | None, fmt: str, strict: bool, verbose: bool) -> None:
    """校验数据，列出全部问题。"""
    from generator.checks import run_checks
    from generator.load.dataset import load
    from generator.load.limits import check_content

    root = _data_dir(data)
    day = _as_of(as_of)
    findings = Findings()
    ds = load(root, findings)
    check_content(Path("content"), root, findings)  # the pages build copies from where it runs, as build does
    run_checks(ds, day, findings)
    items = findings.sorted()
    print_findings(items, root, fmt, strict, verbose)
    sys.exit(EXIT_DATA if findings.has_errors(strict) else EXIT_OK)


@cli.command()
@click.option("--out", default="schemas", show_default=True, help="JSON Schema 输出目录")
def schema(out: str) -> None:
    """导出 YAML 文件的 JSON Schema，供编辑器自动补全。"""
    from generator.model.schema import write_schemas

    for path in write_schemas(Path(out)):
        click.echo(path.as_posix())


def _build_options(data: str, out: str, as_of: str | None, stage_dir: str | None, strict: bool = False,
                   paper: str = "a4", pdf_cache: str | None = None, engine: str | None = None, jobs: int = 1,
                   shard: str | None = None, site_cache: str | None = None):
    from generator.commands.build import BuildOptions
    from generator.render.paper.document import paper_of

    return BuildOptions(data=_data_dir(data), out=Path(out), as_of=_as_of(as_of),
                        stage_dir=Path(stage_dir) if stage_dir else None, strict=strict, paper=paper_of(paper),
                        pdf_cache=Path(pdf_cache) if pdf_cache else None, engine=engine or DEFAULT_ENGINE,
                        jobs=jobs, shard=shard, site_cache=Path(site_cache) if site_cache else None)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class _TerminalProgress:
    """Stage, count and time of a long build on a terminal (rich); plain lines elsewhere (CI logs)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                   TimeElapsedColumn)

        self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), console=Console(stderr=True))
        self._tasks: dict[str, Any] = {}
        self._bar.start()

    def start(self, stage: str, total: int | None = None) -> None:
        from generator.commands.progress import STAGES

        self._tasks[stage] = self._bar.add_task(STAGES[stage], total=total)

    def advance(self, stage: str, steps: int = 1) -> None:
        self._bar.advance(self._tasks[stage], steps)

    def finish(self, stage: str) -> None:
        task = self._tasks[stage]
        total = self._bar.tasks[task].total
        self._bar.update(task, total=total or 1, completed=total or 1)
        self._bar.stop_task(task)

    def close(self) -> None:
        self._bar.stop()


class _LineProgress:
    """One line when a stage starts, at every tenth of it, and when it ends (with its time)."""

    def __init__(self) -> None:
        self._stages: dict[str, list[Any]] = {}

    def start(self, stage: str, total: int | None = None) -> None:
        from generator.commands.progress import STAGES

        self._stages[stage] = [total, 0, 0, time.perf_counter()]
        click.echo(f"[{STAGES[stage]}] 开始" + (f"（共 {total} 项）" if total else ""), err=True)

    def advance(self, stage: str, steps: int = 1) -> None:
        from generator.commands.progress import STAGES

        state = self._stages[stage]
        state[1] += steps
        total = state[0]
        if total and state[1] * 10 // total > state[2]:
            state[2] = state[1] * 10 // total
            click.echo(f"[{STAGES[stage]}] {state[1]}/{total}", err=True)

    def finish(self, stage: str) -> None:
        from generator.commands.progress import STAGES

        state = self._stages[stage]
        click.echo(f"[{STAGES[stage]}] 完成，用时 {time.perf_counter() - state[3]:.1f} 秒", err=True)

    def close(self) -> None:
        pass


def _progress() -> _TerminalProgress | _LineProgress:
    return _TerminalProgress() if sys.stderr.isatty() else _LineProgress()


@cli.command()
@data_option
@click.option("--out", default="site", show_default=True, help="网站输出目录（--shard 时为该分片的输出目录）")
@as_of_option
@click.option("--stage-dir", default=None, help="保留暂存的 Markdown 和 mkdocs.yml 的目录（可用 mkdocs build -f 复现）")
@click.option("--strict", is_flag=True, help="MkDocs 有警告（如内容页中的坏链接）时视为失败")
@click.option("--paper", type=click.Choice(["a4", "a3"]), default="a4", show_default=True,
              help="公示 PDF 的纸张（竖版 A4 或 A3）")
@click.option("--pdf-cache", default=None, help="PDF 缓存目录（默认 .cache/pdf；数据和模板未变的 PDF 直接复用）")
@click.option("--engine", type=click.Choice(list(ENGINES)), default=DEFAULT_ENGINE, show_default=True,
              help="网站引擎：mkdocs（默认）或其后继者 zensical，读取同一份暂存目录")
@click.option("--jobs", type=click.IntRange(1, 256), default=None,
              help="同时工作的进程数：编译 PDF、分片运行 MkDocs（默认：全部 CPU 核心）")
@click.option("--shard", default=None,
              help="只构建一个分片：city（全市页面）或 district=区编号，输出到 --out，再用 merge 合并")
@click.option("--site-cache", default=None,
              help="分片网页缓存目录（默认 .cache/site；输入未变的分片不再运行 MkDocs）")
def build(data: str, out: str, as_of: str | None, stage_dir: str | None, strict: bool, paper: str,
          pdf_cache: str | None, engine: str, jobs: int | None, shard: str | None, site_cache: str | None) -> None:
    """校验数据并生成网站；数据有错误时不改动输出目录。"""
    from generator.commands.build import BuildError, build as run_build

    options = _build_options(data, out, as_of, stage_dir, strict, paper, pdf_cache, engine, jobs or _cores(), shard,
                             site_cache)
    progress = _progress()
    try:
        result = run_build(options, progress)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        progress.close()
    if not result.ok:
        print_findings(result.findings, options.data, "text", False)
        click.echo(f"数据有错误，未生成网站；{options.out} 保持不变。", err=True)
        sys.exit(EXIT_DATA)
    for message in result.warnings:
        click.echo(f"{ENGINES[options.engine]} 警告：{message}", err=True)
    # Data warnings are what `check` lists; the build's own (PDF glyphs...) are shown here.
    build_findings = [f for f in result.findings if f.code.startswith("pdf-")]
    if build_findings:
        print_findings(build_findings, options.data, "text", False)
    warned = len(result.findings) - len(build_findings)
    what = f"分片 {shard}" if shard else "网站"
    if result.unchanged:
        click.echo(f"输入没有变化，{what}未改动：{options.out.as_posix()}/（{result.pages} 个页面，{result.pdfs} 个 PDF）"
                   + (f"（数据有 {warned} 个警告，运行 check 查看）" if warned else ""), err=True)
    else:
        click.echo(f"已生成 {result.pages} 个页面：{options.out.as_posix()}/"
                   + (f"（数据有 {warned} 个警告，运行 check 查看）" if warned else "")
                   + (f"；暂存目录 {result.stage.as_posix()}" if result.stage else ""), err=True)
        click.echo(f"{what}：{result.parts} 个分片，MkDocs 运行 {result.built_parts} 个（其余取自缓存）；"
                   f"PDF {result.pdfs} 个，编译 {result.compiled} 个（其余取自缓存）；{options.jobs} 个进程"
                   + ("；用 merge 合并各分片" if shard else ""), err=True)
    click.echo("耗时 " + "，".join(f"{k} {v:.1f}s" for k, v in result.timings.items()), err=True)
    sys.exit(EXIT_OK)


@cli.command()
@click.argument("parts", nargs=-1, required=True)
@click.option("--out", default="site", show_default=True, help="合并后的网站目录")
def merge(parts: tuple[str, ...], out: str) -> None:
    """把 build --shard 生成的各分片合并成一个网站（与一次完整构建的结果相同）。"""
    from generator.commands.merge import MergeError, merge as run_merge

    try:
        result = run_merge([Path(p) for p in parts], Path(out))
    except MergeError as exc:
        raise click.ClickException(str(exc)) from None
    for message in result.warnings:
        click.echo(f"MkDocs 警告：{message}", err=True)
    click.echo(f"已合并 {result.parts} 个分片、{result.pages} 个页面：{result.site.as_posix()}/", err=True)
    sys.exit(EXIT_OK)


@cli.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json：给 CI 的矩阵任务读")
def shards(data: str, fmt: str) -> None:
    """列出分片构建的各分片（city 和有小区的各区），供 build --shard 使用。"""
    from generator.load.dataset import load
    from generator.render.shards import ShardMap

    root = _data_dir(data)
    findings = Findings()
    ds = load(root, findings)
    if ds.city is None or findings.has_errors():
        print_findings(findings.sorted(), root, "text", False)
        sys.exit(EXIT_DATA)
    names = ShardMap.of(ds).shards()
    click.echo(json.dumps(names) if fmt == "json" else "\n".join(names))
    sys.exit(EXIT_OK)


@cli.command()
@data_option
@as_of_option
@click.option("--stage-dir", default=".cache/serve", show_default=True, help="预览用的暂存目录")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览地址")
def serve(data: str, as_of: str | None, stage_dir: str, dev_addr: str) -> None:
    """本地预览网站（修改数据、内容或配置后自动重新生成并刷新页面）。"""
    from generator.commands.build import BuildError
    from generator.commands.serve import serve as run_serve

    options = _build_options(data, "site", as_of, stage_dir)

    def report(findings, ok: bool, message: str | None) -> None:
        if message:
            click.echo(message, err=True)
        if not ok:
            print_findings(findings, options.data, "text", False)
            click.echo("有错误：浏览器中每页顶部列出了这些错误（改正并保存后自动恢复）。", err=True)
        else:
            click.echo(f"已重新生成（{len(findings)} 个警告）。", err=True)

    click.echo(f"预览地址：http://{dev_addr}/（按 Ctrl+C 结束）", err=True)
    try:
        run_serve(options, dev_addr, report)
    except BuildError as exc:
        raise click.ClickException(str(exc)) from None
    sys.exit(EXIT_OK)


@cli.command()
@click.option("--out", default="site", show_default=True, help="已生成的网站目录")
@click.option("--to", "to", default="gh-pages", show_default=True,
              help="发布目标：gh-pages（GitHub Pages 分支）、s3://存储桶/前缀（对象存储）、"
                   "rsync:目标（如 rsync:deploy@web1:/srv/www/wuye）或本地文件夹路径")
@click.option("--remote", default="origin", show_default=True, help="gh-pages：推送到的远程仓库")
@click.option("--branch", default="gh-pages", show_default=True, help="gh-pages：发布分支（只保留一个提交）")
@click.option("--message", default="发布网站", show_default=True, help="gh-pages：提交说明")
@click.option("--no-push", is_flag=True, help="gh-pages：只提交到本地分支，不推送")
@click.option("--endpoint-url", default=None,
              help="s3：对象存储的服务地址（默认取环境变量 AWS_ENDPOINT_URL_S3 或 AWS_ENDPOINT_URL）")
@click.option("--s3-addressing", default="auto", show_default=True,
              help="s3：auto、virtual（存储桶写在域名中，阿里云 OSS、腾讯云 COS 要求）或 path（写在路径中）")
@click.option("--all", "everything", is_flag=True, help="s3：上传全部文件（默认只上传内容有变化的文件）")
def deploy(out: str, to: str, remote: str, branch: str, message: str, no_push: bool, endpoint_url: str | None,
           s3_addressing: str, everything: bool) -> None:
    """发布已生成的网站：GitHub Pages、对象存储、rsync 或文件夹，只传送有变化的文件。"""
    from generator.commands.deploy import DeployError, DeployOptions, deploy as run_deploy

    options = DeployOptions(to=to, remote=remote, branch=branch, message=message, push=not no_push,
                            endpoint_url=endpoint_url, addressing=s3_addressing, everything=everything)
    try:
        report = run_deploy(Path(out), options)
    except DeployError as exc:
        raise click.ClickException(str(exc)) from None
    if to == "gh-pages":
        click.echo(f"已发布 {out} 到 {report.target}（{len(report.uploaded)} 个文件，分支只保留这一个提交）", err=True)
    else:
        click.echo(f"已发布 {out} 到 {report.target}：上传 {len(report.uploaded)} 个文件，删除 {len(report.deleted)} 个，"
                   f"{report.unchanged} 个未变", err=True)
    sys.exit(EXIT_OK)


RANK_FILES = ("city.yaml", "companies/", "evaluations/")


def _print_decided(ranking) -> None:
    """The period's lists by decision, as entered: for staff to check against the notice."""
    for decided in ranking.decided:
        click.echo(f"{decided.spec.name}（按决定公布）：{decided.count_text()}；{decided.issued_by()}")
        for m in decided.members:
            subject = f"{m.compound_name} " if m.compound_name else ""
            click.echo(f"  - {subject}{m.company_name or '未注明'}：{m.reason}")


@cli.command()
@data_option
@click.option("--period", default=None, help="考评期间，如 2026-H1（默认最近一期）")
def rank(data: str, period: str | None) -> None:
    """在终端列出一期考评的计算结果，供发布前核对。"""
    from rich.console import Console
    from rich.table import Table

    from generator.checks import evaluations
    from generator.load.dataset import load
    from generator.model.base import parse_period
    from generator.derive.rank import rank_all
    from generator.render.web.ranking import terminal_table

    root = _data_dir(data)
    findings = Findings()
    ds = load(root, findings)
    evaluations.check(ds, findings)
    relevant = [f for f in findings.sorted() if f.file.startswith(RANK_FILES)
                or (f.file.startswith("compounds/") and f.file.endswith("/compound.yaml"))]
    if relevant:
        print_findings(relevant, root, "text", False)
    if any(f.severity is Severity.ERROR for f in relevant) or ds.city is None:
        sys.exit(EXIT_DATA)
    rankings = {r.period.id: r for r in rank_all(ds)}
    if not rankings:
        raise click.UsageError("没有考评表（data/evaluations/ 下没有 .yaml 和 .csv）")
    if period is None:
        chosen = list(rankings.values())[-1]
    else:
        try:
            key = parse_period(period).id
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--period") from None
        if key not in rankings:
            raise click.BadParameter(f"没有 {period} 的考评表；已有：{'、'.join(rankings)}", param_hint="--period")
        chosen = rankings[key]
    _print_decided(chosen)
    if not chosen.scored:
        sys.exit(EXIT_OK)
    header, rows = terminal_table(ds, chosen)
    policy = chosen.policy
    table = Table(title=f"{chosen.period.label} 考评结果（规则版本 {policy.version}，{len(rows)} 家，"
                        f"{policy.red_list_name} {chosen.red_quota} 家，{policy.bad_list_name} {chosen.bad_quota} 家）")
    for i, name in enumerate(header):
        table.add_column(name, justify="left" if i == 1 or i >= len(header) - 4 else "right", overflow="fold")
    for row in rows:
        table.add_row(*row)
    Console().print(table)
    sys.exit(EXIT_OK)


@cli.command()
@click.argument("table")
@click.option("--out", default=None, help="输出文件（默认当前文件夹中的 <表格>.xlsx）")
def template(table: str, out: str | None) -> None:
    """生成一张表格的 Excel 模板（中文表头、下拉列表、格式和填写说明），如 template public_revenue。"""
    from generator.commands.scaffold import ScaffoldError, table_name, write_template
    from generator.render.forms.workbook import TABLES

    try:
        name = table_name(table)
        path = write_template(name, Path(out) if out else Path(TABLES[name].filename))
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from None
    form = TABLES[name]
    click.echo(f"已生成“{form.title}”的 Excel 模板：{path.as_posix()}", err=True)
    click.echo(f"填写“{form.sheet}”工作表（第一行表头不要改），保存后放进小区文件夹，文件名为 {form.filename}；"
               "再运行 check 检查。", err=True)
    sys.exit(EXIT_OK)


@cli.group()
def new() -> None:
    """新建数据：new compound 新增一个小区。"""


@new.command("compound")
@click.argument("compound_id", metavar="ID")
@click.option("--name", required=True, help="小区名称，如 兰亭苑")
@click.option("--community", required=True, help="所属社区编号（city.yaml 中的 id）；区和街道由社区确定")
@data_option
def new_compound(compound_id: str, name: str, community: str, data: str) -> None:
    """新增一个小区：写好 compound.yaml 和公示目录中每个条目的文件（YAML 样板和 Excel 模板）。"""
    from generator.commands.scaffold import new_compound as create

    root = _data_dir(data)
    findings = Findings()
    made = create(root, compound_id, name, community, findings)
    if made is None:
        print_findings(findings.sorted(), root, "text", False)
        click.echo("未新建小区，没有写入任何文件。", err=True)
        sys.exit(EXIT_DATA)
    folder = made.folder.as_posix()
    click.echo(f"已新建小区“{name}”：{folder}/（{len(made.written)} 个文件）", err=True)
    for path in made.written:
        click.echo(path.as_posix())
    click.echo(f"下一步：在 {folder}/compound.yaml 中补上地址、管理方式、户数等；每个条目填好后，"
               f"网站上由“未公示”变为“已公示”。随时运行 check --data {data} 检查。", err=True)
    sys.exit(EXIT_OK)


@cli.command()
@click.option("--compounds", "count", type=click.IntRange(1, 20000), required=True, help="小区数量")
@click.option("--seed", default=1, show_default=True, type=int, help="随机种子（相同种子生成相同文件）")
@click.option("--districts", type=click.IntRange(1, 12), default=None,
              help="区的数量（默认：少于 100 个小区 2 个区，100 个起至少 4 个）")
@click.option("--out", required=True, help="输出目录（必须不存在或为空）")
def synth(count: int, seed: int, districts: int | None, out: str) -> None:
    """生成合成测试城市（虚构数据），用于测试和性能基准。"""
    from generator.tools.synth import write_city

    root = Path(out)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise click.BadParameter(f"{out} 已存在且不为空", param_hint="--out")
    files = write_city(root, count, seed, districts)
    click.echo(f"已生成 {count} 个小区、{files} 个文件：{root.as_posix()}", err=True)
    sys.exit(EXIT_OK)


def main() -> None:
    cli.main()
