"""Create a city's own repository in an empty folder (``wuye init``).

Contract: :func:`init_city` writes, from the package's templates (``generator/templates/city/``):

* ``data/city.yaml`` (the city's name and site address, one placeholder district, street and
  community to rename, an evaluation policy), ``data/catalogue.yaml`` (十公开一监督), empty
  ``data/companies/`` and ``data/compounds/`` (``new compound`` fills them);
* ``mkdocs.yml`` (the site's colours, logo, footer), ``schemas/`` (for editors), a Chinese
  ``README.md`` for the clerks and the administrator, ``.gitignore``;
* the CI files: ``.github/workflows/check.yml`` (the pull-request check: findings in the job
  summary and in one comment, a preview), ``.github/workflows/publish.yml`` and
  ``.github/pages.sh`` (the gh-pages branch with ``previews/pr-N/``), ``.gitlab-ci.yml``
  (the same on GitLab: merge-request note, Code Quality report, preview artifact, Pages or
  ``PUBLISH_TO``);
* ``requirements.txt`` pinning the generator to this exact version (``pin``: another pin, e.g.
  a tag of its repository, ``wuye-gongkai @ git+https://…@v0.1.0``) and the upgrade path:
  ``.github/dependabot.yml``, ``renovate.json``.

A template file or folder whose name starts with ``_`` is written with a ``.`` instead
(package data keeps no hidden files); ``.j2`` files are rendered with Jinja2. No ``content/``
folder is written: the default pages (关于本站, 如何投诉, the staff guide) come from the package,
and a file the city puts in ``content/`` replaces the default of the same name
(:mod:`generator.commands.content`). A folder that holds anything but ``.git`` is refused
(:class:`InitError`, Chinese message) and nothing is written. Nothing here prints.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jinja2

from generator import __version__
from generator.model.clock import china_today
from generator.model.schema import write_schemas
from generator.templates import ROOT as TEMPLATES

CITY_TEMPLATES = TEMPLATES / "city"
PACKAGE = "wuye-gongkai"
EMPTY_FOLDERS = ("data/companies", "data/compounds")


class InitError(Exception):
    """The folder cannot take a new city; the message (Chinese) says why."""


def default_pin() -> str:
    return f"{PACKAGE}=={__version__}"


def _target(rel: Path) -> Path:
    parts = ["." + p[1:] if p.startswith("_") else p for p in rel.parts]
    if parts[-1].endswith(".j2"):
        parts[-1] = parts[-1][:-3]
    return Path(*parts)


def _check(folder: Path, name: str, site_url: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} 已存在，且不是文件夹")
    if folder.is_dir() and any(p.name != ".git" for p in folder.iterdir()):
        raise InitError(f"{folder} 不是空文件夹；请在一个新的空文件夹（或刚建好的空仓库）中运行 init")
    if not name.strip() or "\n" in name:
        raise InitError("城市名称不能为空，也不能换行，如 --name 东湖市")
    if not (site_url.startswith(("https://", "http://")) and site_url.endswith("/")):
        raise InitError(f"网站地址 {site_url} 应以 https:// 开头、以 / 结尾，如 https://wuye.example.gov.cn/")


def init_city(folder: Path, name: str, site_url: str, pin: str | None = None, today: date | None = None) -> list[Path]:
    """Write the city's repository into ``folder`` (see the module doc); returns the files written."""
    _check(folder, name, site_url)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=True, autoescape=False)
    values = {"name": name.strip(), "site_url": json.dumps(site_url), "pin": pin or default_pin(),
              "version": __version__, "year": (today or china_today()).year}
    values["name_yaml"] = json.dumps(values["name"], ensure_ascii=False)
    values["title_yaml"] = json.dumps(f"{values['name']}物业服务信息公开平台", ensure_ascii=False)
    written: list[Path] = []
    for source in sorted(p for p in CITY_TEMPLATES.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = source.relative_to(CITY_TEMPLATES)
        target = folder / _target(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".j2":
            target.write_text(env.from_string(source.read_text(encoding="utf-8")).render(values), encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())
        written.append(target)
    for empty in EMPTY_FOLDERS:
        (folder / empty).mkdir(parents=True, exist_ok=True)
        keep = folder / empty / ".gitkeep"
        keep.write_text("", encoding="utf-8")
        written.append(keep)
    written += write_schemas(folder / "schemas")
    return sorted(written)
