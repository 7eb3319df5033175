"""Sites the site tests share, each built once per test run (also across pytest-xdist workers).

* :func:`sample_site`: the sample city in ``data/``, built with its staging folder kept;
* :func:`synth_site`: a small synthetic city (``generator.tools.synth``) plus one compound whose
  every text field is hostile (``<script>``, ``<img onerror>``, ``javascript:`` links, ``|``
  and newlines in table cells), so the link, search and escaping checks run over it too;
* :func:`sub_path_site`: the sample city published under a sub-path (``site_url`` ending in
  :data:`SUB_PATH`, like a GitHub project page), built with a given engine (MkDocs or Zensical).

The first worker to need a site builds it under the run's shared temporary folder while
holding a file lock; the others wait and reuse it. Helpers here parse the built HTML with
:mod:`html.parser` (no third-party parser).
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
import yaml

from generator.commands.build import BuildOptions, build
from tests.support import AS_OF, CONFIG, CONTENT, DATA

SYNTH_COMPOUNDS = 12
SYNTH_SEED = 7
HOSTILE_ID = "hostile"

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src=x onerror=alert(1)>'
JS_LINK = "[点我](javascript:alert(1))"
REMOTE_IMAGE = "![](http://x/y.png)"
HOSTILE_NAME = f"兰花{SCRIPT}[x](javascript:alert(1)){REMOTE_IMAGE}苑"
SUB_PATH = "/sub/"
SUB_SITE_URL = f"https://wuye.example.org{SUB_PATH}"


@dataclass(frozen=True)
class Built:
    data: Path
    site: Path
    stage: Path
    warnings: tuple[str, ...]


def _shared_root(factory: pytest.TempPathFactory) -> Path:
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def built_once(factory: pytest.TempPathFactory, name: str, make_data: Callable[[Path], None],
               engine: str = "mkdocs") -> Built:
    root = _shared_root(factory) / f"site-{name}"
    done = root / "built.json"
    root.parent.mkdir(parents=True, exist_ok=True)
    with _lock(root.parent / f"site-{name}.lock"):
        if not done.is_file():
            shutil.rmtree(root, ignore_errors=True)
            root.mkdir(parents=True)
            make_data(root / "data")
            result = build(BuildOptions(data=root / "data", out=root / "site", as_of=AS_OF,
                                        stage_dir=root / "stage", content=CONTENT, config=CONFIG,
                                        engine=engine))
            assert result.ok, [f.message for f in result.findings]
            done.write_text(json.dumps(result.warnings), encoding="utf-8")
    return Built(root / "data", root / "site", root / "stage", tuple(json.loads(done.read_text(encoding="utf-8"))))


def sample_site(factory: pytest.TempPathFactory) -> Built:
    return built_once(factory, "sample", lambda dest: shutil.copytree(DATA, dest))


def synth_site(factory: pytest.TempPathFactory) -> Built:
    def make(dest: Path) -> None:
        from generator.tools.synth import write_city

        write_city(dest, SYNTH_COMPOUNDS, SYNTH_SEED)
        add_hostile_compound(dest)

    return built_once(factory, "synth", make)


def sub_path_site(factory: pytest.TempPathFactory, engine: str) -> Built:
    """The sample city with ``site_url`` :data:`SUB_SITE_URL`, built with ``engine``."""
    def make(dest: Path) -> None:
        shutil.copytree(DATA, dest)
        city = dest / "city.yaml"
        text = city.read_text(encoding="utf-8")
        assert "site_url: https://wuye.example.org/\n" in text
        city.write_text(text.replace("site_url: https://wuye.example.org/\n", f"site_url: {SUB_SITE_URL}\n"),
                        encoding="utf-8")

    return built_once(factory, f"sub-{engine}", make, engine)


def add_hostile_compound(data: Path) -> None:
    """A compound in the first district/street/community of ``data`` with hostile texts."""
    city = yaml.safe_load((data / "city.yaml").read_text(encoding="utf-8"))
    district = city["districts"][0]
    street = district["streets"][0]
    community = street["communities"][0]
    company = sorted(p.stem for p in (data / "companies").glob("*.yaml"))[0]
    folder = data / "compounds" / HOSTILE_ID
    folder.mkdir()
    compound = {
        "name": HOSTILE_NAME, "aliases": [IMG], "district": district["id"], "street": street["id"],
        "community": community["id"], "address": f"{JS_LINK} | 第二列\n第二行 **粗** `代码`",
        "management": "professional", "company": company, "households": 100, "floor_area": "10000",
        "owners_committee": {"kind": "业委会"},
        "contract": {"type": "lump_sum", "start": "2025-01-01", "end": "2027-12-31", "service_level": IMG},
    }
    _yaml(folder / "compound.yaml", compound)
    notice = {"posted_on": "2026-01-05", "approved_by": SCRIPT}
    _yaml(folder / "fee_schedule.yaml", {"notice": notice, "note": f"{IMG} {JS_LINK}"})
    (folder / "fee_schedule.csv").write_text(
        "收费类别,收费项目,收费对象,服务内容,计费方式,计费起始时间,收费标准,单位,价格管理形式,收费依据\n"
        f'物业服务费,"甲|乙","第一行\n第二行",{JS_LINK.replace(",", "，")},按建筑面积,2025-01-01,0.85,元/㎡·月,政府指导价,"{SCRIPT.replace(chr(34), chr(34) * 2)}"\n'
        "特约服务,# 标题,- 列表,1. 编号,按次,2025-01-01,50,元/次,市场调节价,{: .x} ==标记==\n",
        encoding="utf-8")
    _yaml(folder / "complaint_channels.yaml", {
        "notice": notice,
        "flow": [SCRIPT, JS_LINK, "| 甲 | 乙 |"],
        "response_times": [{"kind": IMG, "promise": "30 分钟 | 到场"}],
    })
    _yaml(folder / "service_scope.yaml", {"not_applicable": f"{SCRIPT}{JS_LINK}"})
    _yaml(folder / "public_revenue.yaml", {"notice": {**notice, "posted_on": "2026-10-12", "period": "2026-q3"},
                                           "uses_decided_by": IMG})
    (folder / "public_revenue.csv").write_text(
        "日期,类型,类别,摘要,金额\n"
        f"2026-07-15,income,广告,\"{IMG}\",1000.00\n"
        f"2026-08-15,cost,税费,\"{JS_LINK}\n| 第二行 |\",100.00\n",
        encoding="utf-8")


def _yaml(path: Path, value: dict) -> None:
    path.write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False), encoding="utf-8")


def page(site: Path, url: str) -> Path:
    """The built HTML file for a site-relative URL like ``compounds/lanting/``."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url


class PageParser(HTMLParser):
    """Collects a page's ids, links (with the tag and attribute), scripts and visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []
        self.attrs: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.attrs.append((tag, values))
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        for key in ("href", "src"):
            if values.get(key) is not None:
                self.links.append((tag, key, values[key] or ""))
        if tag == "script":
            self._in_script = True
            self.scripts.append(values.get("src") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text.append(data)


def parse(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def content_text(path: Path) -> str:
    """Visible text of the page's article (what residents read), whitespace collapsed; of a
    page written whole by the generator (``/v/<stamp>/``), its ``<main>``."""
    html = path.read_text(encoding="utf-8")
    marker, close = ('<article class="md-content__inner md-typeset">', "</article>") \
        if '<article class="md-content__inner md-typeset">' in html else ("<main>", "</main>")
    start = html.index(marker)
    end = html.index(close, start)
    parser = PageParser()
    parser.feed(html[start:end])
    parser.close()
    return " ".join("".join(parser.text).split())


class _Cells(HTMLParser):
    """The rows of the first table after a heading with the given text."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.heading, self.found, self.rows, self.cell, self.depth = heading, False, [], None, 0
        self.in_heading = False

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self.in_heading = True
        if self.found and tag == "table":
            self.depth += 1
        if self.depth and tag == "tr":
            self.rows.append([])
        if self.depth and tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self.in_heading = False
        if self.depth and tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.cell = None
        if self.depth and tag == "table":
            self.depth, self.found = 0, False

    def handle_data(self, data):
        if self.in_heading and self.heading in data:
            self.found = True
        elif self.cell is not None:
            self.cell += data


def table_after(page: Path, heading: str) -> list[list[str]]:
    """Cell texts, row by row (header first), of the first table after the heading ``heading``."""
    parser = _Cells(heading)
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.rows


class _Tables(HTMLParser):
    """Every HTML table: caption -> rows of (cell text, hrefs in the cell)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: dict[str, list[list[tuple[str, list[str]]]]] = {}
        self._rows: list[list[tuple[str, list[str]]]] | None = None
        self._caption: str | None = None
        self._cell: list[str] | None = None
        self._hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption" and self._rows is not None:
            self._cell = []
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell, self._hrefs = [], []
        elif tag == "a" and self._cell is not None:
            self._hrefs.append(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "caption" and self._cell is not None:
            self._caption, self._cell = "".join(self._cell).strip(), None
        elif tag in ("td", "th") and self._cell is not None and self._rows:
            self._rows[-1].append(("".join(self._cell).strip(), self._hrefs))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption or f"#{len(self.tables)}"] = self._rows
            self._rows = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def html_tables(html: str) -> dict[str, list[list[str]]]:
    """Cell texts, row by row (header first), of every HTML table in ``html`` by caption
    (tables without a caption as ``#n``); raw-HTML tables in a Markdown source work too."""
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return {caption: [[text for text, _ in row] for row in rows] for caption, rows in parser.tables.items()}


def html_table_links(html: str) -> list[str]:
    """Every href inside the cells of the HTML tables in ``html``."""
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return [href for rows in parser.tables.values() for row in rows for _, hrefs in row for href in hrefs]


class StagedConfigLoader(yaml.SafeLoader):
    """Reads a staged ``mkdocs.yml`` safely: a ``!!python/name:`` reference (the ``toc``
    slugify function) is read as its dotted name, nothing is imported or run."""


StagedConfigLoader.add_multi_constructor(
    "tag:yaml.org,2002:python/name:", lambda loader, suffix, node: suffix)


def staged_yaml(text: str) -> Any:
    return yaml.load(text, Loader=StagedConfigLoader)  # noqa: S506 (a safe loader)

