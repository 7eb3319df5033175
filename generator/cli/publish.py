"""The command that publishes a built site: ``deploy`` (GitHub Pages, object storage, rsync, a folder)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli.outcome import finish


@click.command()
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
@click.option("--keep", multiple=True, help="文件夹：保留目标中这些顶层名称（如 .git、previews），不删除")
def deploy(out: str, to: str, remote: str, branch: str, message: str, no_push: bool, endpoint_url: str | None,
           s3_addressing: str, everything: bool, keep: tuple[str, ...]) -> None:
    """发布已生成的网站：GitHub Pages、对象存储、rsync 或文件夹，只传送有变化的文件。"""
    from generator.commands.deploy import DeployOptions, deploy as run_deploy

    options = DeployOptions(to=to, remote=remote, branch=branch, message=message, push=not no_push,
                            endpoint_url=endpoint_url, addressing=s3_addressing, everything=everything,
                            keep=keep)
    report = run_deploy(Path(out), options)
    if to == "gh-pages":
        click.echo(f"已发布 {out} 到 {report.target}（{len(report.uploaded)} 个文件，分支只保留这一个提交）", err=True)
    else:
        click.echo(f"已发布 {out} 到 {report.target}：上传 {len(report.uploaded)} 个文件，删除 {len(report.deleted)} 个，"
                   f"{report.unchanged} 个未变", err=True)
    finish()


COMMANDS = [deploy]
