"""Blocks as Markdown: how a web page lays out the content of :mod:`generator.views.blocks`.

Contract: pure. :func:`markdown` writes each block in order: a titled block gets a ``##``
heading; facts are a bullet list ``- **label**：value``; a table is a phone-fitting HTML table
(:func:`generator.render.web.tables.html_table`: an ordinary table on wide screens, one card
per row with the residents' key columns first below 600 px; numbers right-aligned, headers
with their unit, the 合计 row in bold, ``unit`` written under it, ``empty`` written instead of
a table without rows; the web always shows every row of a ledger); steps a numbered list; a
note a paragraph; ``after_table`` (the item page's 纠错 line) follows every table with rows (and a slot
that holds tables).
Every value goes through
:mod:`generator.render.web.markdown_escape` (phones as ``tel:`` links), so nothing from data
becomes Markdown or HTML. Slots are filled from ``slots`` (ready Markdown) or left out.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from markupsafe import Markup

from generator.views.blocks import Block, Column, Facts, Note, Slot, Steps, Table, is_empty
from generator.render.web.environment import phone_link, tel_href
from generator.render.web.markdown_escape import md_text
from generator.render.web.tables import Col, cell, html_table, link


def _heading(title: str) -> list[str]:
    return [f"## {md_text(title)}", ""] if title else []


def _facts(b: Facts) -> list[str]:
    lines = _heading(b.title)
    for f in b.rows:
        value = phone_link(f.value) if f.kind == "phone" else md_text(f.value)
        lines.append(f"- **{md_text(f.label)}**：{value}")
    return lines


def _cell(col: Column, value: str) -> Markup:
    href = tel_href(value) if col.kind == "phone" else None
    return link(href, value) if href else cell(value)


def _table(b: Table, caption: str) -> list[str]:
    lines = _heading(b.title)
    if not b.rows:
        return lines + [str(md_text(b.empty or ""))]
    columns = [Col(c.header, c.align, c.key) for c in b.columns]
    rows = [[_cell(c, v) for c, v in zip(b.columns, row)] for row in b.rows]
    lines.append(str(html_table(columns, rows, caption=b.title or b.ledger or caption, total=b.total)))
    if b.unit:
        lines += ["", f"金额单位：{md_text(b.unit)}。"]
    return lines


def _steps(b: Steps) -> list[str]:
    return _heading(b.title) + [f"{n}. {md_text(item)}" for n, item in enumerate(b.items, start=1)]


def markdown(blocks: Sequence[Block], slots: Mapping[str, Markup] | None = None, caption: str = "",
             after_table: Markup | None = None) -> str:
    """The page body; ``caption`` names (for screen readers) a table whose block has no title;
    ``after_table`` (ready HTML, the 纠错 line) follows every table that has rows and every
    slot filling that holds tables."""
    parts: list[str] = []
    for b in blocks:
        if is_empty(b):
            continue
        if isinstance(b, Facts):
            parts.append("\n".join(_facts(b)))
        elif isinstance(b, Table):
            parts.append("\n".join(_table(b, caption)))
            if after_table and b.rows:
                parts.append(str(after_table))
        elif isinstance(b, Steps):
            parts.append("\n".join(_steps(b)))
        elif isinstance(b, Note):
            parts.append(str(md_text(b.text)))
        elif isinstance(b, Slot) and slots and slots.get(b.name):
            parts.append(str(slots[b.name]))
            if after_table and '<div class="rt">' in slots[b.name]:  # a slot's tables (the ranking)
                parts.append(str(after_table))
    return "\n\n".join(parts) + "\n" if parts else ""
