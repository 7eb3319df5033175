"""Commands that write new files for staff and tests: ``template``, ``new compound``, ``synth``."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.options import data_dir, data_option
from generator.cli.outcome import finish
from generator.errors import DataErrors
from generator.findings import Findings


@click.command()
@click.argument("table")
@click.option("--out", default=None, help="输出文件（默认当前文件夹中的 <表格>.xlsx）")
def template(table: str, out: str | None) -> None:
    """生成一张表格的 Excel 模板（中文表头、下拉列表、格式和填写说明），如 template public_revenue。"""
    from generator.commands.scaffold import table_name, write_template
    from generator.render.forms.workbook import TABLES

    name = table_name(table)
    path = write_template(name, Path(out) if out else Path(TABLES[name].filename))
    form = TABLES[name]
    click.echo(f"已生成“{form.title}”的 Excel 模板：{path.as_posix()}", err=True)
    click.echo(f"填写“{form.sheet}”工作表（第一行表头不要改），保存后放进小区文件夹，文件名为 {form.filename}；"
               "再运行 check 检查。", err=True)
    finish()


@click.group()
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

    root = data_dir(data)
    findings = Findings()
    made = create(root, compound_id, name, community, findings)
    if made is None:
        raise DataErrors(findings.sorted(), data=root.as_posix(), note="未新建小区，没有写入任何文件。")
    folder = made.folder.as_posix()
    click.echo(f"已新建小区“{name}”：{folder}/（{len(made.written)} 个文件）", err=True)
    for path in made.written:
        click.echo(path.as_posix())
    click.echo(f"下一步：在 {folder}/compound.yaml 中补上地址、管理方式、户数等；每个条目填好后，"
               f"网站上由“未公示”变为“已公示”。随时运行 check --data {data} 检查。", err=True)
    finish()


@click.command()
@click.option("--compounds", "count", type=click.IntRange(1, 20000), required=True, help="小区数量")
@click.option("--seed", default=1, show_default=True, type=int, help="随机种子（相同种子生成相同文件）")
@click.option("--districts", type=click.IntRange(min=1), default=None,
              help="区的数量（默认：少于 100 个小区 2 个区，100 个起至少 4 个）")
@click.option("--out", required=True, help="输出目录（必须不存在或为空）")
def synth(count: int, seed: int, districts: int | None, out: str) -> None:
    """生成合成测试城市（虚构数据），用于测试和性能基准。"""
    from generator.tools.synth import write_city
    from generator.tools.synth.names import DISTRICTS

    if districts is not None and districts > len(DISTRICTS):
        raise click.BadParameter(f"最多 {len(DISTRICTS)} 个区", param_hint="--districts")
    root = Path(out)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise click.BadParameter(f"{out} 已存在且不为空", param_hint="--out")
    files = write_city(root, count, seed, districts)
    click.echo(f"已生成 {count} 个小区、{files} 个文件：{root.as_posix()}", err=True)
    finish()


COMMANDS = [template, new, synth]
