"""The top-level ``mkdocs.yml`` staff edit (colours, logo, extra links), read and validated.

Contract: :func:`load_site_config` returns the config as a dict or raises
:class:`ConfigError` (a Chinese message for staff; the CLI exits 2). It refuses what would
tie the site to MkDocs internals or to the network, so the engine stays swappable and the
build stays offline: ``hooks``, plugins other than ``search``, a theme other than
``material``, ``theme.custom_dir``, web fonts, and the keys the generator sets itself
(``nav``, ``docs_dir``, ``site_dir``, ``site_url``, ``use_directory_urls``, ``not_in_nav``).

Config is data too: the theme writes config values into every page without escaping, so
every string value is refused when it holds ``<``, ``>``, ``"`` or a ``javascript:`` link;
``extra_javascript``, ``extra_templates`` and analytics are refused (script on every page),
and so are ``INHERIT``, ``watch``, Markdown extensions outside :data:`ALLOWED_EXTENSIONS` and
icon names that are not plain theme icons (files read from elsewhere on the machine);
stylesheets, logo and favicon must be files under ``content/`` (relative paths, no ``..``),
links must be ``https:``, ``http:``, ``tel:`` or ``mailto:``. The file is size- and
depth-limited like data YAML (:mod:`generator.load.yamlfile`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import yaml

from generator.errors import ConfigError
from generator.findings import Findings
from generator.load.yamlfile import within_bounds

GENERATED_KEYS = ("nav", "docs_dir", "site_dir", "site_url", "use_directory_urls", "not_in_nav")
ALLOWED_PLUGINS = {"search"}
REFUSED_KEYS = ("extra_javascript", "extra_templates")
OUTSIDE_KEYS = ("INHERIT", "watch")
"""Keys that make the engine read files other than this one and ``content/``."""
ALLOWED_EXTENSIONS = {"tables", "attr_list", "md_in_html", "admonition", "toc", "abbr", "def_list", "footnotes",
                      "sane_lists", "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed"}
"""Markdown extensions that only change how Markdown is read (``pymdownx.snippets`` would
include files from anywhere on the machine)."""
_ICON = re.compile(r"^[a-z0-9-]+(?:/[a-z0-9-]+)+$")
MAX_CONFIG_BYTES = 200_000
_MARKUP = re.compile(r"[<>\"]|javascript:|vbscript:|data:", re.I)
_LINK = re.compile(r"^(?:https?://[^\s]+|tel:[0-9+\-]+|mailto:[^\s]+|#.*)$")
_LOCAL_FILE = re.compile(r"^(?!/)(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!.*(?:^|/)\.\.(?:/|$))[^\\\s]+$")


def load_site_config(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise ConfigError(f"找不到网站配置文件 {path}")
    if path.stat().st_size > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path} 超过 {MAX_CONFIG_BYTES // 1000} KB，不像是网站配置文件")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} 不是 UTF-8 编码") from None
    bounds = Findings()
    if not within_bounds(text, path.name, bounds):
        f = bounds.sorted()[0]
        raise ConfigError(f"{path} 第 {f.line} 行：{f.message}")
    try:
        config = yaml.safe_load(text)
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
    problems += _unsafe(config)
    if problems:
        raise ConfigError(f"{path}：" + "；".join(problems) + "。")
    return config


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(str(key), f"{path}.{key}" if path else str(key))
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i + 1}]")


def _unsafe(config: dict[str, Any]) -> list[str]:
    """What would put markup, script or outside files into the pages."""
    problems = [f"不支持 {key}：网页上不运行自定义脚本" for key in REFUSED_KEYS if key in config]
    problems += [f"不支持 {key}：网站配置只用本文件和 content/，不读取其他位置的文件" for key in OUTSIDE_KEYS
                 if key in config]
    for extension in config.get("markdown_extensions") or []:
        name = next(iter(extension)) if isinstance(extension, dict) and extension else str(extension)
        if name not in ALLOWED_EXTENSIONS:
            problems.append(f"不支持 Markdown 扩展“{name}”（可用：{'、'.join(sorted(ALLOWED_EXTENSIONS))}）")
    extra = extra_ if isinstance(extra_ := config.get("extra"), dict) else {}
    theme = theme_ if isinstance(theme_ := config.get("theme"), dict) else {}
    if "analytics" in extra or "analytics" in theme:
        problems.append("不支持 analytics（访问统计）：网站不向第三方发送居民的访问记录")
    for where, value in _strings(config, ""):
        if _MARKUP.search(value):
            problems.append(f"{where} 的值“{value[:40]}”含有 < > \" 或脚本链接：主题会把它原样写进每个网页，请删除这些字符")
    files = [("extra_css", v) for v in config.get("extra_css") or []]
    files += [(f"theme.{k}", theme[k]) for k in ("logo", "favicon") if k in theme]
    for where, value in files:
        if not isinstance(value, str) or not _LOCAL_FILE.match(value):
            problems.append(f"{where} 应为 content/ 下的文件（如 assets/logo.png），不能是网址或目录之外的路径：{value!r}")
    for where, value in _strings(config, ""):
        if (where.startswith("theme.icon.") or where.endswith(".icon")) and not _ICON.match(value):
            problems.append(f"{where} 应为主题自带图标的名称（如 material/phone）：{value!r}")
        if where.endswith((".link", "repo_url")) and not _LINK.match(value):
            problems.append(f"{where} 应为 https:// 网址、tel: 电话或 mailto: 邮箱：{value!r}")
    return problems
