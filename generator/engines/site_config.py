"""The top-level ``mkdocs.yml`` staff edit (colours, logo, extra links), read and validated.

Contract: :func:`load_site_config` returns the config as a dict or raises
:class:`ConfigError` (a Chinese message for staff; the CLI exits 2). It refuses what would
tie the site to MkDocs internals or to the network, so the engine stays swappable and the
build stays offline: ``hooks``, plugins other than ``search``, a theme other than
``material``, ``theme.custom_dir``, web fonts, and the keys the generator sets itself
(``nav``, ``docs_dir``, ``site_dir``, ``site_url``, ``use_directory_urls``, ``not_in_nav``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

GENERATED_KEYS = ("nav", "docs_dir", "site_dir", "site_url", "use_directory_urls", "not_in_nav")
ALLOWED_PLUGINS = {"search"}


class ConfigError(Exception):
    """The site configuration cannot be used; the message says why, in Chinese."""


def load_site_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"找不到网站配置文件 {path}")
    try:
        config = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        raise ConfigError(f"{path} {where}不是合法的 YAML：{getattr(exc, 'problem', exc)}") from None
    if config is None:
        config = {}
    if not isinstance(config, dict):
        raise ConfigError(f"{path} 的内容应为一组“键: 值”")
    problems = []
    if "hooks" in config:
        problems.append("不支持 hooks：生成器只向 MkDocs 提供普通的 Markdown 和配置，以便更换网站引擎")
    for key in GENERATED_KEYS:
        if key in config:
            problems.append(f"{key} 由生成器设置，请从 mkdocs.yml 中删除")
    for plugin in config.get("plugins") or []:
        name = next(iter(plugin)) if isinstance(plugin, dict) else str(plugin)
        if name not in ALLOWED_PLUGINS:
            problems.append(f"不支持插件“{name}”（只使用内置的 search 搜索插件）")
    theme = config.get("theme") or {}
    if not isinstance(theme, dict):
        problems.append("theme 应写成“键: 值”的形式，如 name: material")
    else:
        if theme.get("name", "material") != "material":
            problems.append("theme.name 必须是 material")
        if theme.get("custom_dir"):
            problems.append("不支持 theme.custom_dir（自定义模板会绑定网站引擎）")
        if theme.get("font"):
            problems.append("theme.font 必须为 false：构建时不访问网络，不使用在线字体")
    if problems:
        raise ConfigError(f"{path}：" + "；".join(problems) + "。")
    return config
