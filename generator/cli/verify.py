"""Commands of the public log: ``verify proof``, ``verify log``, ``verify keygen`` (offline) and
``verify fetch-log`` (the one that uses the network: a publish job fetches the published log).

The work is :mod:`generator.commands.verify` (a :class:`~generator.commands.verify.Verdict`:
ok and lines in Chinese); here they are printed, exit 0 when the check holds, 1 when it does not.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.cli.options import data_dir, data_option
from generator.errors import EXIT_USAGE, EXIT_DATA, EXIT_OK


@click.group()
def verify() -> None:
    """核对公示日志（离线）：proof 核对一个版本号的证明文件，log 核对日志没有被改写，keygen 生成签名密钥。"""


def _verdict(ok: bool, lines: list[str]) -> None:
    for line in lines:
        click.echo(line)
    sys.exit(EXIT_OK if ok else EXIT_DATA)


def _site_url(data: str) -> str:
    """The site's address from ``city.yaml`` (its findings printed and exit 1 when it does not load)."""
    from generator.cli.outcome import print_findings
    from generator.findings import Findings
    from generator.load.dataset import load_city_and_catalogue

    root = data_dir(data)
    findings = Findings()
    city, _catalogue = load_city_and_catalogue(root, findings)
    if city is None:
        print_findings(findings.sorted(), root)
        sys.exit(EXIT_DATA)
    return city.model.base_url()


key_option = click.option("--key", required=True, help="日志公钥（印在红黑榜 PDF 上，也在网站“核对公示版本”页）")


@verify.command("proof")
@click.argument("proof_file", type=click.Path(exists=True, dir_okay=False))
@key_option
@click.option("--stamp", default=None, help="公示单上的版本号：核对证明的正是它")
def verify_proof(proof_file: str, key: str, stamp: str | None) -> None:
    """核对版本页提供的 .tlog-proof 证明文件：签名有效、该版本号在日志中。"""
    from generator.commands.verify import verify_proof as check

    result = check(Path(proof_file), key, stamp)
    _verdict(result.ok, result.lines)


@verify.command("log")
@click.argument("log_dir", type=click.Path(exists=True, file_okay=False))
@key_option
@click.option("--since", "older", type=click.Path(exists=True, dir_okay=False), default=None,
              help="您以前保存的检查点文件（log/checkpoint）：核对日志是它的延续")
def verify_log(log_dir: str, key: str, older: str | None) -> None:
    """核对一份日志（网站的 log/ 目录或整个网站）：签名、记录，以及是否为旧检查点的延续。"""
    from generator.commands.verify import verify_log as check

    result = check(Path(log_dir), key, Path(older) if older else None)
    _verdict(result.ok, result.lines)


@verify.command("keygen")
@data_option
def verify_keygen(data: str) -> None:
    """生成日志签名密钥：私钥存为 CI 密钥 WUYE_LOG_KEY（不要提交到仓库），公钥随网站发布。"""
    from generator.commands.verify import new_key

    private, public = new_key(_site_url(data))
    click.echo(f"私钥（存为 CI 密钥 WUYE_LOG_KEY，只给发布任务用）：\n{private}")
    click.echo(f"公钥（构建时自动印在红黑榜 PDF 和“核对公示版本”页上）：\n{public}", err=True)
    sys.exit(EXIT_OK)


@verify.command("fetch-log")
@data_option
@click.option("--out", "dest", required=True, type=click.Path(file_okay=False),
              help="存放取回的日志的目录（之后 build --published-log 这个目录）")
@click.option("--from", "log_url", default=None, help="日志地址，默认为 city.yaml 中网站地址下的 log/")
def verify_fetch_log(data: str, dest: str, log_url: str | None) -> None:
    """从已发布的网站取回公开日志（检查点和全部记录），供下次发布在其后追加。网站还没有日志时退出码为 1。"""
    from generator.commands.fetch_log import FetchError, NoLog, fetch_log
    from generator.derive.trust_log import LOG_DIR

    if log_url is None:
        log_url = f"{_site_url(data).rstrip('/')}/{LOG_DIR}/"
    url = log_url if log_url.endswith("/") else log_url + "/"
    try:
        size = fetch_log(url, Path(dest))
    except NoLog:
        click.echo(f"{url} 还没有公开日志（第一次发布时用 build --new-log）", err=True)
        sys.exit(EXIT_DATA)
    except FetchError as exc:
        click.echo(str(exc), err=True)
        sys.exit(EXIT_USAGE)
    click.echo(f"已取回公开日志：{size} 条记录，存于 {dest}")
    sys.exit(EXIT_OK)


COMMANDS = [verify]
