"""Write the files a clerk starts from: an Excel template, or a whole new compound folder.

Contract:

* :func:`table_name` resolves what a clerk types for a table (``public_revenue``,
  ``public-revenue``, 公共收益收支, or a part of a name that fits only one table: 公共收益;
  ``evaluation``, 评分表) to a template name, or raises :class:`ScaffoldError` listing the choices;
* :func:`write_template` writes that table's Excel template (from
  :mod:`generator.render.forms.workbook`) to a file, refusing to overwrite one;
* :func:`new_compound` creates ``compounds/<id>/`` in a data folder: ``compound.yaml`` with
  the name and the district and street that follow from the community (read from
  ``city.yaml``), and for every item of the catalogue its YAML form (every field, commented,
  in Chinese: the item stays 未公示 until filled in) plus, for items with a table, the Excel
  template named as the loader expects (``<item>.xlsx``). Problems (an id that is not a
  slug, an unknown community, a folder that exists, an unreadable city or catalogue) come
  back as findings and nothing is written. Existing files are never touched.

Nothing here prints; the CLI does.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import ScaffoldError
from generator.findings import Findings
from generator.load.dataset import load_city_and_catalogue
from generator.model.base import SLUG_RE
from generator.model.items import ITEMS
from generator.render.forms.workbook import TABLES, template
from generator.render.forms.yaml_form import compound_form, item_form
from generator.render.paths import item_slug


def table_name(text: str) -> str:
    """The template name for ``text`` (an item id, its URL form, its Chinese or sheet name)."""
    wanted = text.strip()
    known = {name: {name, item_slug(name), form.title, form.sheet} | (set(ITEMS[name].sheet_names) if name in ITEMS else set())
             for name, form in TABLES.items()}
    for name, names in known.items():
        if wanted in names:
            return name
    partial = [name for name, names in known.items() if len(wanted) >= 2 and any(wanted in n for n in names)]
    if len(partial) == 1:  # 公共收益 for 公共收益收支, 维修资金 for 专项维修资金使用
        return partial[0]
    without = [i for i, spec in ITEMS.items() if spec.row_model is None and wanted in (i, item_slug(i), spec.name)]
    if without:
        raise ScaffoldError(f"“{wanted}”（{ITEMS[without[0]].name}）没有表格，内容直接写在 {without[0]}.yaml 中")
    choices = "、".join(f"{n}（{f.title}）" for n, f in TABLES.items())
    raise ScaffoldError(f"没有名为“{wanted}”的表格。可选：{choices}")


def write_template(name: str, out: Path) -> Path:
    """Write the template of table ``name`` to ``out`` (which must not exist)."""
    if out.exists():
        raise ScaffoldError(f"{out} 已存在，未覆盖；换一个文件名（--out），或先把它移走")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(template(name))
    return out


@dataclass
class NewCompound:
    folder: Path
    written: list[Path] = field(default_factory=list)


def new_compound(data: Path, compound_id: str, name: str, community: str, findings: Findings) -> NewCompound | None:
    """Create the folder of a new compound (see the module doc); None (with findings) if not."""
    rel = f"compounds/{compound_id}"
    if not SLUG_RE.match(compound_id):
        findings.add("id-format", rel, f"小区编号“{compound_id}”不合法：只能用小写字母、数字和连字符",
                     hint="编号会成为网址的一部分，如 lanting 或 lanting-garden（可用小区名称的拼音）。")
        return None
    if not name.strip():
        findings.add("field-empty", f"{rel}/compound.yaml", "小区名称不能为空", field="name", hint="用 --name 写小区名称。")
        return None
    folder = data / "compounds" / compound_id
    if folder.exists():
        findings.add("id-duplicate", rel, f"小区编号“{compound_id}”已经存在（{rel}/），未改动其中任何文件",
                     hint="换一个编号；要修改这个小区，直接编辑其文件夹中的文件。")
        return None
    city, catalogue = load_city_and_catalogue(data, findings)
    if city is None or catalogue is None:
        return None
    where = city.model.community_index().get(community)
    if where is None:
        known = [c.id for d in city.model.districts for s in d.streets for c in s.communities]
        close = difflib.get_close_matches(community, known, n=1, cutoff=0.6)
        findings.add("ref-unknown", city.rel, f"city.yaml 中没有编号为“{community}”的社区", field="community",
                     hint=(f"是不是想写“{close[0]}”？" if close else "可用的社区编号：" + "、".join(known[:30]))
                     + " 新的社区要先写进 city.yaml（区 → 街道 → 社区）。")
        return None
    district, street, _ = where
    out = NewCompound(folder)
    files: dict[str, bytes] = {"compound.yaml": compound_form(name.strip(), district.id, street.id, community,
                                                              f"{district.name} {street.name}").encode("utf-8")}
    for item in catalogue.model.items:
        spec = ITEMS[item.id]
        files[f"{item.id}.yaml"] = item_form(item).encode("utf-8")
        if spec.row_model is not None:
            files[f"{item.id}.xlsx"] = template(item.id)
    folder.mkdir(parents=True)
    for file_name, raw in files.items():
        path = folder / file_name
        path.write_bytes(raw)
        out.written.append(path)
    return out
