"""Blocks as the JSON the Typst templates lay out (``templates/typst/common.typ``, ``render-blocks``).

Contract: pure. :func:`paper_json` turns one :mod:`generator.views.blocks` block into JSON
blocks (a long ledger gives its summary and a pointer to the full table online; a slot gives
nothing; a table's ``note`` columns become a line under each row, ``notes``); :func:`check_json_ready` guards that only text reaches a template.
"""

from __future__ import annotations

from typing import Any, Sequence

from generator.views.blocks import DETAIL_LIMIT, Block, Facts, Note, Steps, Table, breakable, is_empty

JsonBlock = dict[str, Any]


def pointer(count: int, url: str, what: str) -> Note:
    return Note(f"完整{what}共 {count} 笔，请扫码或访问：{url}")


def _table_json(t: Table) -> JsonBlock:
    rows = [list(r) for r in t.rows]
    if t.total is not None and rows:
        rows.append(list(t.total))
    if not rows:
        return {"kind": "note", "text": t.empty or ""}
    shown = [i for i, c in enumerate(t.columns) if not c.note or t.total is not None]
    notes = [i for i in range(len(t.columns)) if i not in shown]
    out = {
        "kind": "table",
        "caption": f"{t.title}（单位：{t.unit}）" if t.unit and t.title else t.title,
        "columns": [t.columns[i].header for i in shown],
        "widths": [t.columns[i].weight for i in shown],
        "align": [t.columns[i].align for i in shown],
        "rows": [[breakable(row[i]) for i in shown] for row in rows],
        "total": t.total is not None,
    }
    if notes:
        out["notes"] = ["；".join(f"{t.columns[i].header}：{row[i]}" for i in notes if row[i]) for row in rows]
    return out


def paper_json(block: Block) -> list[JsonBlock]:
    """The JSON the Typst templates lay out for one block (a long ledger gives its summary
    and a pointer to the full table online; a slot gives nothing)."""
    if isinstance(block, Facts):
        return [{"kind": "facts", "caption": block.title,
                 "rows": [[f.label, breakable(f.value or "", longer_than=24)] for f in block.rows]}]
    if isinstance(block, Table):
        if block.ledger and len(block.rows) > DETAIL_LIMIT:
            out = [_table_json(block.summary)] if block.summary is not None else []
            return out + paper_json(pointer(len(block.rows), block.url, block.ledger))
        out = [_table_json(block)]
        if block.ledger and block.rows:
            out.append({"kind": "note", "text": f"网上公示：{block.url}"})
        return out
    if isinstance(block, Steps):
        return [{"kind": "list", "caption": block.title, "items": list(block.items)}]
    if isinstance(block, Note):
        return [{"kind": "note", "text": block.text}]
    return []


def paper_blocks(blocks: Sequence[Block]) -> list[JsonBlock]:
    """The JSON of every block with something to show, in order."""
    return [j for b in blocks if not is_empty(b) for j in paper_json(b)]


def _json_ready(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool, int)) and not isinstance(value, float):
        return True
    if isinstance(value, list):
        return all(_json_ready(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(key, str) and _json_ready(item) for key, item in value.items())
    return False


def check_json_ready(value: Any, path: str = "data") -> None:
    """Raise TypeError unless ``value`` holds only str/int/bool/None, lists and str-keyed dicts,
    naming where the first other value sits.

    Guards the contract that money reaches the template as formatted text: a Decimal or a
    float here is a bug in the render code, not in the data.
    """
    if _json_ready(value):  # the common case, without building a path for every value
        return
    if isinstance(value, list):
        for i, item in enumerate(value):
            check_json_ready(item, f"{path}[{i}]")
        return
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"{path}: key {key!r} is not a string")
            check_json_ready(item, f"{path}.{key}")
        return
    raise TypeError(f"{path}: {type(value).__name__} is not allowed in PDF data (format it as text)")
