"""YAML forms of the records, generated from the models: every field, with a comment in Chinese.

Contract (pure, returns text):

* :func:`item_form`: the ``<item>.yaml`` of a catalogue item for a new compound. Every field
  of the item's model is there, commented out (``# posted_on:``), each with what it is, whether
  it is required and how to write it, nested fields and lists indented as they are to be
  written. The file as written holds no value, so the item is 未公示 (a warning) until the
  clerk removes the ``# `` before the lines they fill in; the header says so, names the
  item's table (``<item>.xlsx``) and how to mark the item 不适用.
* :func:`compound_form`: ``compound.yaml`` with the name, district, street and community
  filled in and every other field commented the same way.

Both start with the ``# yaml-language-server: $schema=`` line editors use, and parse as YAML.
"""

from __future__ import annotations

import json

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.catalogue import CatalogueItem
from generator.model.compound import Compound
from generator.model.items import ITEMS
from generator.model.shapes import choices_of, inner_model, shape_of
from generator.model.vocabulary import CADENCES, PERIOD_KINDS

NOTE_COLUMN = 34
"""Where the comments after the fields start (aligned, easier to read)."""
PERIOD_EXAMPLES = {"month": "2026-09", "quarter": "2026-Q3", "half_year": "2026-H1", "year": "2026"}
EXAMPLES = {"date": "2026-10-10", "month": "2026-09", "number": "1234.50", "phone": "0550-6201234", "flag": "true",
            "period": "2026-Q3"}
REQUIRED = "【必填】"


def _note(name: str, info: FieldInfo, period: str | None = None) -> str:
    """What the comment after a field says: 【必填】 when it is, what it is, how to write it."""
    what = info.description or info.title or name
    mark = REQUIRED if info.is_required() else ""
    shape = shape_of(info)
    if shape == "period" and period and name == "period":
        return f"{mark}{what.split('，如')[0]}：按{PERIOD_KINDS[period]}公示，写成 {PERIOD_EXAMPLES[period]}"
    if shape == "choice":
        labels = choices_of(info)
        return mark + what + ("" if all(label in what for label in labels) else f"：{'、'.join(labels)} 选一")
    example = EXAMPLES.get(shape)
    return mark + what + (f"，如 {example}" if example and "如" not in what else "")


def _line(indent: int, key: str, note: str, prefix: str = "") -> str:
    text = f"# {' ' * indent}{prefix}{key}:"
    return f"{text.ljust(NOTE_COLUMN)} # {note}" if note else text


def _fields(model: type[BaseModel], indent: int, period: str | None, skip: tuple[str, ...] = ()) -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        if name in skip:
            continue
        out += _field(name, info, indent, period)
    return out


def _field(name: str, info: FieldInfo, indent: int, period: str | None, prefix: str = "") -> list[str]:
    shape = shape_of(info)
    inner = inner_model(info) if shape in ("model", "list") else None
    out = [_line(indent, name, _note(name, info, period), prefix)]
    if inner is not None and shape == "list":
        fields = list(inner.model_fields.items())
        first, *rest = fields
        out += _field(first[0], first[1], indent + 2, period, prefix="- ")
        for sub_name, sub_info in rest:
            out += _field(sub_name, sub_info, indent + 4, period)
        out.append(f"# {' ' * (indent + 2)}# （每一项以“- ”开头，照上面的样子往下写）")
    elif inner is not None:
        out += _fields(inner, indent + 2, period)
    elif shape == "list":
        out.append(f"# {' ' * (indent + 2)}- ")
    return out


def item_form(item: CatalogueItem) -> str:
    """The commented ``<item>.yaml`` of a new compound (see the module doc)."""
    spec = ITEMS[item.id]
    period = item.period
    cadence = CADENCES[item.cadence] + (f"，{PERIOD_KINDS[period]}更新" if period else "")
    lines = [
        f"# yaml-language-server: $schema=../../../schemas/{item.id}.schema.json",
        f"# {item.name}（{spec.board_title}，{cadence}）",
        "# 本文件还没有填写，网站上这一项显示“未公示”。",
        "# 填写方法：删去要填的行开头的“# ”（只删这两个字符，保持缩进），在冒号后面写上内容；",
        "#   “#”后面的说明可以留着。填好 notice（公示信息）后，这一项即为“已公示”。",
    ]
    if spec.row_model is not None:
        lines.append(f"# 明细写在同一文件夹的表格 {item.id}.xlsx 中（已放好 Excel 模板，第一行表头不要改）。")
    lines += [
        "# 本小区确实没有这一项时（如没有车位、没有电梯），整个文件只写一行：",
        "#   not_applicable: 小区无车位（写清楚理由）",
        "",
    ]
    lines += _fields(spec.file_model, 0, period, skip=("not_applicable",))
    return "\n".join(lines) + "\n"


FILLED = ("name", "district", "street", "community")


def _scalar(text: str) -> str:
    """``text`` as a YAML value: plain when it reads back as itself, else double-quoted."""
    plain = yaml.safe_load(f"k: {text}") if "#" not in text else None
    return text if isinstance(plain, dict) and plain.get("k") == text else json.dumps(text, ensure_ascii=False)


def compound_form(name: str, district: str, street: str, community: str, where: str) -> str:
    """``compound.yaml`` of a new compound: its name and place filled in, the rest commented."""
    lines = [
        "# yaml-language-server: $schema=../../../schemas/compound.schema.json",
        f"# 小区基本信息：{name}（{where}）",
        "# 下面带“# ”的行还没有填写：删去行首的“# ”（保持缩进），在冒号后面写上内容。",
        "# 专业物业的小区写 company（物业服务企业编号）和 contract（物业服务合同）；",
        "# 自治物业的小区写 self_management，不写 company 和 contract。",
        "",
        f"name: {_scalar(name)}",
        f"district: {district}",
        f"street: {street}",
        f"community: {community}",
    ]
    lines += _fields(Compound, 0, None, skip=FILLED)
    return "\n".join(lines) + "\n"
