"""Command line: ``wuye <command>`` or ``python -m generator <command>``; the only place that prints or exits.

One module per command group, each listing its commands in ``COMMANDS``:

* :mod:`generator.cli.data`: ``check``, ``rank``, ``schema`` (read the data, report on it);
* :mod:`generator.cli.site`: ``build``, ``serve``, ``merge``, ``shards`` (make the site);
* :mod:`generator.cli.publish`: ``deploy``;
* :mod:`generator.cli.scaffold`: ``template``, ``new compound``, ``synth`` (write new files);
* :mod:`generator.cli.verify`: ``verify proof``, ``verify log``, ``verify keygen`` (the public log, offline);
* :mod:`generator.cli.city`: ``init``, ``due``, ``comment`` (a city's own repository).

Shared parts: :mod:`~generator.cli.options` (``--data``, ``--as-of``, the build options),
:mod:`~generator.cli.progress` (a long build's progress), :mod:`~generator.cli.zh` (click's own
texts in Chinese, the group class) and :mod:`~generator.cli.outcome`, the one place that turns
findings and errors (:mod:`generator.errors`) into lines and exit codes: 0 clean, 1 the data has
errors (or warnings with ``--strict``), 2 usage or configuration error.

A new command: write it in a module of its group (or a new module with its own ``COMMANDS``,
added to :data:`GROUPS`); help texts in Chinese.
"""

from __future__ import annotations

import click

from generator.cli import city, data, publish, scaffold, site, verify
from generator.cli.zh import Commands, install

GROUPS = (data, site, publish, scaffold, verify, city)
"""The command modules; each lists its commands in ``COMMANDS``."""

install()


@click.group(cls=Commands)
def cli() -> None:
    """物业服务信息公开平台生成器。"""


for _group in GROUPS:
    for _command in _group.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    cli.main()
