"""Click in Chinese: its own texts (usage, help, errors) translated, and the command group class.

Click looks every message up through gettext; :func:`install` replaces those lookups in
click's modules by :data:`CLICK_ZH` (text not in the table stays as it is). :class:`Commands`
is the group class of ``wuye``: it maps errors to exit codes (:mod:`generator.cli.outcome`).
"""

from __future__ import annotations

import sys

import click
import click.core
import click.decorators
import click.exceptions
import click.formatting
import click.parser
import click.termui
import click.types

from generator.cli.outcome import fail
from generator.errors import EXIT_USAGE, GeneratorError

# click's own text (usage, help, errors) in Chinese: click looks every message up through
# gettext; these lookups are replaced by this table (untranslated text stays as it is).
CLICK_ZH = {
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
    return CLICK_ZH.get(message, message)


def _zh_plural(singular: str, plural: str, n: int) -> str:
    return _zh(singular if n == 1 else plural)


def install() -> None:
    """Make click speak Chinese (the ignores: click's modules bind gettext as ``_`` and
    ``ngettext`` at run time, but their type stubs do not declare those names)."""
    for module in (click.core, click.exceptions, click.formatting, click.decorators, click.types, click.parser,
                   click.termui):
        if hasattr(module, "_"):
            module._ = _zh  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _zh_plural  # type: ignore[attr-defined]


class Commands(click.Group):
    """The command group. Its ``main`` gives the exit codes of :mod:`generator.errors` to whoever
    runs it: the ``wuye`` script, ``python -m generator`` and click's test runner alike (an error
    that stops a command: its code, through :func:`generator.cli.outcome.fail`; a usage error,
    an interrupt: 2; click alone would give 1 for some)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except GeneratorError as exc:
            fail(exc)
        except click.exceptions.Abort:
            sys.exit(EXIT_USAGE)
        except click.ClickException as exc:
            exc.show()
            sys.exit(EXIT_USAGE)


