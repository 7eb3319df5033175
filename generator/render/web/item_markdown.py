"""Blocks as Markdown: how a web page lays out the content of :mod:`generator.render.blocks`.

Contract: pure. :func:`markdown` writes each block in order: a titled block gets a ``##``
heading; facts are a bullet list ``- **label**：value``; a table is a pipe table (numbers
right-aligned, headers with their unit, the 合计 row in bold, ``unit`` written under it,
``empty`` written instead of a table without rows; the web always shows every row of a
ledger); steps a numbered list; a note a paragraph. Every value goes through
:mod:`generator.render.web.markdown_escape` (phones as ``tel:`` links), so nothing from data
becomes Markdown or HTML. Slots are filled from ``slots`` (ready Markdown) or left out.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from markupsafe import Markup

from generator.render.blocks import Block, Column, Facts, Note, Slot, Steps, Table, is_empty
from generator.render.web.environment import phone_link
from generator.render.web.markdown_escape import md_cell, md_text

_ALIGN = {"left": "---", "right": "---:", "center": ":---:"}


def _heading(title: str) -> list[str]:
    return [f"## {md_text(title)}", ""] if title else []


def _facts(b: Facts) -> list[str]:
    lines = _heading(b.title)
    for f in b.rows:
        value = phone_link(f.value) if f.kind == "phone" else md_text(f.value)
        lines.append(f"- **{md_text(f.label)}**：{value}")
    return lines


def _cell(col: Column, value: str, bold: bool = False) -> str:
    if bold:
        return f"**{md_cell(value)}**" if value else ""
    if col.kind == "phone" and value:
        return str(phone_link(value))
    return str(md_cell(value))


def _table(b: Table) -> list[str]:
    lines = _heading(b.title)
    if not b.rows:
        return lines + [str(md_text(b.empty or ""))]
    lines.append("| " + " | ".join(str(md_cell(c.header)) for c in b.columns) + " |")
    lines.append("|" + "|".join(_ALIGN[c.align] for c in b.columns) + "|")
    for row in b.rows:
        lines.append("| " + " | ".join(_cell(c, v) for c, v in zip(b.columns, row)) + " |")
    if b.total is not None:
        lines.append("| " + " | ".join(_cell(c, v, bold=True) for c, v in zip(b.columns, b.total)) + " |")
    if b.unit:
        lines += ["", f"金额单位：{md_text(b.unit)}。"]
    return lines


def _steps(b: Steps) -> list[str]:
    return _heading(b.title) + [f"{n}. {md_text(item)}" for n, item in enumerate(b.items, start=1)]


def markdown(blocks: Sequence[Block], slots: Mapping[str, Markup] | None = None) -> str:
    parts: list[str] = []
    for b in blocks:
        if is_empty(b):
            continue
        if isinstance(b, Facts):
            parts.append("\n".join(_facts(b)))
        elif isinstance(b, Table):
            parts.append("\n".join(_table(b)))
        elif isinstance(b, Steps):
            parts.append("\n".join(_steps(b)))
        elif isinstance(b, Note):
            parts.append(str(md_text(b.text)))
        elif isinstance(b, Slot) and slots and slots.get(b.name):
            parts.append(str(slots[b.name]))
    return "\n\n".join(parts) + "\n" if parts else ""
