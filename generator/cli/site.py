"""Commands that make the site: ``build``, ``serve``, ``merge``, ``shards``.

Each starts from the one road (:mod:`generator.commands.steps`); data errors end in exit 1 with
the findings, anything that stops the command in a :class:`~generator.errors.GeneratorError`
(exit 2), both shown by :mod:`generator.cli.outcome`.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from generator.cli.options import (as_of_option, build_options, cores, data_dir, data_option, preview_url,
                                   site_url_option)
from generator.cli.outcome import finish, print_findings, show_stop
from generator.cli.progress import progress as make_progress
from generator.engines.site_engine import DEFAULT_ENGINE, ENGINES
from generator.errors import DataErrors
from generator.findings import Kind


@click.command()
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
@click.option("--published-log", default=None,
              help="已发布的公示日志目录（网站的 log/，默认 --out 下的 log/）；设置了 WUYE_LOG_KEY 时在其后追加")
@click.option("--new-log", is_flag=True, help="第一次发布：还没有已发布的公示日志时新建一个")
@click.option("--site-url", default=None, help="按这个网址生成（代替 city.yaml 的 site_url）")
@click.option("--preview-pr", type=click.IntRange(1), default=None,
              help="生成拉取请求的预览：网址为 site_url 下的 previews/pr-编号/（预览不写公示日志）")
@click.option("--checked", default=None,
              help="用同一流水线中 check --save-checked 存下的检查结果，不再重新读取和检查数据（省份的分片任务）")
def build(data: str, out: str, as_of: str | None, stage_dir: str | None, strict: bool, paper: str,
          pdf_cache: str | None, engine: str, jobs: int | None, shard: str | None, site_cache: str | None,
          published_log: str | None, new_log: bool, site_url: str | None, preview_pr: int | None,
          checked: str | None) -> None:
    """校验数据并生成网站；数据有错误时不改动输出目录。环境变量 WUYE_LOG_KEY（日志签名私钥）设置时同时发布公示日志。"""
    import dataclasses
    import os

    from generator.commands.build import build as run_build

    if preview_pr is not None:
        site_url = preview_url(data_dir(data), preview_pr)
    # A preview is not a publication: it never signs or extends the public log.
    log_key = None if preview_pr is not None else os.environ.get("WUYE_LOG_KEY") or None
    options = dataclasses.replace(
        build_options(data, out, as_of, stage_dir, strict, paper, pdf_cache, engine, jobs or cores(), shard,
                      site_cache, site_url_option(site_url)),
        log_key=log_key, published_log=Path(published_log) if published_log else None, new_log=new_log,
        noindex=preview_pr is not None, checked=Path(checked) if checked else None)
    progress = make_progress()
    try:
        result = run_build(options, progress)
    finally:
        progress.close()
    if not result.ok:
        raise DataErrors(result.findings, data=options.data.as_posix(),
                         note=f"数据有错误，未生成网站；{options.out} 保持不变。")
    for message in result.warnings:
        click.echo(f"{ENGINES[options.engine]} 警告：{message}", err=True)
    # Data warnings are what `check` lists; those about the output (PDF glyphs) are shown here.
    output_findings = [f for f in result.findings if f.kind is Kind.OUTPUT]
    if output_findings:
        print_findings(output_findings, options.data)
    warned = len(result.findings) - len(output_findings)
    warned_note = f"（数据有 {warned} 个警告，运行 check 查看）" if warned else ""
    what = f"分片 {shard}" if shard else "网站"
    if result.unchanged:
        click.echo(f"输入没有变化，{what}未改动：{options.out.as_posix()}/（{result.pages} 个页面，{result.pdfs} 个 PDF）"
                   + warned_note, err=True)
    else:
        click.echo(f"已生成 {result.pages} 个页面：{options.out.as_posix()}/" + warned_note
                   + (f"；暂存目录 {result.stage.as_posix()}" if result.stage else ""), err=True)
        click.echo(f"{what}：{result.parts} 个分片，渲染 {result.rendered_parts} 个，MkDocs 运行 {result.built_parts} 个（其余取自缓存）；"
                   f"PDF {result.pdfs} 个，编译 {result.compiled} 个（其余取自缓存）；{options.jobs} 个进程"
                   + ("；用 merge 合并各分片" if shard else ""), err=True)
    click.echo("耗时 " + "，".join(f"{k} {v:.1f}s" for k, v in result.timings.items()), err=True)
    finish()


@click.command()
@click.argument("parts", nargs=-1, required=True)
@click.option("--out", default="site", show_default=True, help="合并后的网站目录")
def merge(parts: tuple[str, ...], out: str) -> None:
    """把 build --shard 生成的各分片合并成一个网站（与一次完整构建的结果相同）。"""
    from generator.commands.merge import merge as run_merge

    result = run_merge([Path(p) for p in parts], Path(out))
    for message in result.warnings:
        click.echo(f"MkDocs 警告：{message}", err=True)
    click.echo(f"已合并 {result.parts} 个分片、{result.pages} 个页面：{result.site.as_posix()}/", err=True)
    finish()


@click.command()
@data_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json：给 CI 的矩阵任务读")
def shards(data: str, fmt: str) -> None:
    """列出分片构建的各分片（city 和有小区的各区），供 build --shard 使用。"""
    from generator.commands.steps import check
    from generator.model.clock import china_today
    from generator.render.shards import ShardMap

    root = data_dir(data)
    checked = check(root, china_today())
    if checked.ds.city is None or not checked.ok:
        raise DataErrors(checked.findings, data=root.as_posix())
    names = ShardMap.of(checked.ds).shards()
    click.echo(json.dumps(names) if fmt == "json" else "\n".join(names))
    finish()


@click.command()
@data_option
@as_of_option
@click.option("--stage-dir", default=".cache/serve", show_default=True, help="预览用的暂存目录")
@click.option("--dev-addr", default="127.0.0.1:8000", show_default=True, help="预览地址")
def serve(data: str, as_of: str | None, stage_dir: str, dev_addr: str) -> None:
    """本地预览网站（修改数据、内容或配置后自动重新生成并刷新页面）。"""
    from generator.commands.serve import serve as run_serve
    from generator.findings import Finding

    options = build_options(data, "site", as_of, stage_dir)

    def report(findings: list[Finding], ok: bool) -> None:
        if not ok and findings and findings[0].kind is Kind.COMMAND:
            show_stop(findings)
        elif not ok:
            print_findings(findings, options.data)
            click.echo("有错误：浏览器中每页顶部列出了这些错误（改正并保存后自动恢复）。", err=True)
        else:
            click.echo(f"已重新生成（{len(findings)} 个警告）。", err=True)

    click.echo(f"预览地址：http://{dev_addr}/（按 Ctrl+C 结束）", err=True)
    run_serve(options, dev_addr, report)
    finish()


COMMANDS = [build, serve, merge, shards]
