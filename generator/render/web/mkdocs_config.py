"""The staged ``mkdocs.yml``: the staff-edited top-level config plus what the generator adds.

Contract: pure. :func:`staged_config` takes the validated top-level config (a dict, see
:mod:`generator.engines.site_config`) and returns the YAML text of the staged copy, adding:

* ``site_name`` (the city's ``site_title`` unless staff set one), ``site_url``, ``docs_dir``,
  ``use_directory_urls``;
* the short ``nav``: top-level sections only (首页, 小区, 公示情况, 红黑榜, 示范项目, 关于).
  Compound pages are reached through the index pages and their own local navigation, never
  listed in the nav: MkDocs renders the whole nav into every page, so listing them would
  make the build quadratic in the number of compounds;
* ``not_in_nav`` patterns for the generated pages, so MkDocs does not list them as omitted;
* the Markdown extensions the generated pages need, and the site's stylesheet;
* ``theme.custom_dir``: the generator's override (:mod:`generator.render.web.theme`: share
  cards, 长辈模式, the compound's feed in the head, the theme's script loaded when search opens);
* ``toc`` with Unicode slugs: heading anchors read as the heading (``#有事找谁``), not ``#_1``,
  and stay as long as the heading's words do;
* ``theme.language: zh``, ``theme.font: false`` (no Google Fonts: no network), and
  ``plugins: [search: {lang: zh}]`` (Chinese segmentation with jieba);
* the footer line naming the generator and its version (:data:`GENERATOR_NOTE`, after the
  staff's ``copyright``), so a page says which release built it;
* ``extra_templates: [404.html]``: the Chinese 404 page (:mod:`generator.render.web.notfound`)
  replaces the theme's English one;
* for a shard of a sharded build, ``exclude_docs`` lines so that the engine builds only the
  shard's files (:mod:`generator.render.shards`); the rest of the config is the same for
  every shard and for the whole site.

No hooks and no custom plugins: the staged folder is plain Markdown + ``mkdocs.yml``, so
``mkdocs build -f <stage>/mkdocs.yml`` (or another engine reading it) reproduces the site.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from generator import __version__
from generator.model.city import City
from generator.views import paths
from generator.render.web.theme import THEME_DIR

DOCS_DIR = "docs"
GENERATOR_NOTE = f"本站由物业信息公开生成器 wuye-gongkai {__version__} 生成"
REQUIRED_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]
SLUGIFY = "markdown.extensions.toc.slugify_unicode"
"""Heading anchors in the heading's own characters (Python-Markdown's)."""


class PythonName(str):
    """A ``!!python/name:`` reference in the staged YAML (MkDocs resolves it to the callable)."""

NAV: list[tuple[str, str | list[tuple[str, str]]]] = [
    ("首页", paths.HOME),
    ("小区", paths.COMPOUNDS),
    ("公示情况", paths.COMPLIANCE),
    ("红黑榜", paths.RANKING),
    ("示范项目", paths.MODEL_PROJECTS),
    ("关于", [
        ("关于本站", "about.md"),
        ("如何投诉", paths.COMPLAIN),
        ("数据说明", "data-guide.md"),
        ("开放数据", paths.OPEN_DATA),
        ("最近更新", paths.UPDATES),
        ("核对公示版本", paths.VERIFY),
    ]),
]


def nav(available: set[str]) -> list[dict[str, Any]]:
    """The short nav, keeping only pages that exist in the staging folder."""
    out: list[dict[str, Any]] = []
    for title, target in NAV:
        if isinstance(target, str):
            if target in available:
                out.append({title: target})
        else:
            children = [{t: p} for t, p in target if p in available]
            if children:
                out.append({title: children})
    return out


def nav_pages() -> set[str]:
    return {t for _, t in NAV if isinstance(t, str)} | {p for _, t in NAV if isinstance(t, list) for _, p in t}


def not_in_nav(pages: list[str]) -> str:
    """gitignore-style patterns covering every Markdown page that is not in the nav."""
    in_nav = nav_pages()
    patterns = set()
    for page in pages:
        if page in in_nav or not page.endswith(".md"):
            continue
        parts = page.split("/")
        patterns.add(f"/{parts[0]}/*/" if len(parts) > 2 else f"/{page}")
    return "\n".join(sorted(patterns)) + "\n"


def _extensions(existing: list[Any]) -> list[Any]:
    """Staff's extensions, then the required ones missing; ``toc`` always slugs in Unicode."""
    names = {next(iter(e)) if isinstance(e, dict) else e for e in existing}
    out = list(existing) + [e for e in REQUIRED_EXTENSIONS if e not in names]
    for i, ext in enumerate(out):
        if ext == "toc" or isinstance(ext, dict) and "toc" in ext:
            options = dict(ext["toc"] or {}) if isinstance(ext, dict) else {}
            options["slugify"] = PythonName(SLUGIFY)
            out[i] = {"toc": options}
    return out


def staged_config(base: dict[str, Any], city: City, pages: list[str], stylesheet: str,
                  exclude: list[str] | None = None) -> str:
    """YAML of the staged ``mkdocs.yml``; ``pages`` are all docs-relative Markdown pages.
    ``exclude``: the ``exclude_docs`` lines of a shard (:mod:`generator.render.shards`),
    after any staff set."""
    config: dict[str, Any] = {
        "site_name": base.get("site_name") or city.site_title,
        "site_url": city.base_url(),
        "docs_dir": DOCS_DIR,
        "use_directory_urls": True,
    }
    config.update((k, v) for k, v in copy.deepcopy(base).items() if k != "site_name")
    config["nav"] = nav(set(pages))
    config["not_in_nav"] = not_in_nav(pages)
    theme = config.setdefault("theme", {})
    theme["name"] = "material"
    theme["language"] = "zh"
    theme["font"] = False
    theme["custom_dir"] = THEME_DIR
    config["plugins"] = [{"search": {"lang": ["zh"]}}]
    config["markdown_extensions"] = _extensions(config.get("markdown_extensions") or [])
    config["extra_css"] = list(config.get("extra_css") or []) + [stylesheet]
    staff_copyright = str(config.get("copyright") or "")
    config["copyright"] = staff_copyright + ("<br>" if staff_copyright else "") + GENERATOR_NOTE
    config["extra_templates"] = [t for t in config.get("extra_templates") or [] if t != paths.NOT_FOUND] + [paths.NOT_FOUND]
    if exclude:
        staff = str(config.get("exclude_docs") or "")
        config["exclude_docs"] = staff + ("" if not staff or staff.endswith("\n") else "\n") + "\n".join(exclude) + "\n"
    header = "# Generated by `python -m generator build` from the top-level mkdocs.yml. Do not edit.\n"
    return header + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


class _Dumper(yaml.SafeDumper):
    """Safe YAML with multi-line strings as literal blocks (readable ``not_in_nav``)."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _python_name(dumper: yaml.SafeDumper, value: PythonName) -> yaml.Node:
    return dumper.represent_scalar(f"tag:yaml.org,2002:python/name:{value}", "")


_Dumper.add_representer(str, _str)
_Dumper.add_representer(PythonName, _python_name)
