"""Tables that fit a phone: real HTML tables that become stacked cards on narrow screens.

Contract: pure. :func:`html_table` writes a raw-HTML table (one block, no blank lines, so
Markdown leaves it alone) with a ``<caption>``, header cells with ``scope``, the first
column as row headers, and on every body cell a ``data-label`` with its column's header.
The site's stylesheet (``templates/site/assets/site.css``, ``.rt``) shows it as an ordinary
table on wide screens and, below 600 px, as one card per row (``label: value`` lines, the
residents' key columns first, the header row visually hidden but read by screen readers):
no key column is ever off screen, and no script is involved. Explicit ARIA roles keep the
table's semantics where a browser drops them for restyled tables.

Cells arrive as :class:`~markupsafe.Markup` built from escaped parts (``cell`` escapes plain
text with :func:`~generator.render.web.markdown_escape.md_cell`); headers and the caption
are escaped here. Links inside cells are raw HTML (Markdown is not processed inside the
table): build them with :func:`link` from an absolute URL
(:func:`generator.views.paths.absolute_url`, the rule for every raw-HTML link). A figure
holding a ``-`` or ``/`` (a date, a score 10/10, a phone) is kept on one line
(:func:`keep_figures`), also inside a sentence.
"""

from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Literal, Sequence

from markupsafe import Markup

from generator.render.web.markdown_escape import html_attr, html_text, md_cell

Align = Literal["left", "right", "center"]


@dataclass(frozen=True)
class Col:
    header: str
    align: Align = "left"
    key: bool = False
    """A column residents look for: shown first in the stacked (phone) layout."""
    label: str = ""
    """The cell's label in the stacked layout when the header alone is too terse (a number)."""


def cell(value: object) -> Markup:
    """Plain text from data as cell content (escaped; line breaks become ``<br>``; empty: —)."""
    return value if isinstance(value, Markup) else md_cell(value)


_TAG = re.compile(r"(<[^>]*>)")
_BREAKABLE_FIGURE = re.compile(r"(?<![#\d])\d[\d,.%]*[-/][\d,.%/-]*\d")
"""A figure a browser would break at its ``-`` or ``/`` (2026-09-30, 10/10, 0550-6302501)."""


def keep_figures(content: Markup) -> Markup:
    """``content`` with every figure that holds a ``-`` or ``/`` kept on one line
    (``<span class="nowrap">``): a date in a sentence must not wrap as 2026- / 09-30. Only
    text between tags is touched (never an attribute or a URL)."""
    parts = _TAG.split(str(content))
    for i in range(0, len(parts), 2):
        parts[i] = _BREAKABLE_FIGURE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', parts[i])
    return Markup("".join(parts))


def link(href: str, text: object) -> Markup:
    """``<a href>`` with an escaped target (a URL we built, never one from data) and text."""
    return Markup(f'<a href="{html_attr(href)}">') + (text if isinstance(text, Markup) else html_text(text)) \
        + Markup("</a>")


def _classes(col: Col, extra: str = "") -> str:
    names = [n for n in (extra, "key" if col.key else "", "num" if col.align == "right" else "",
                         "center" if col.align == "center" else "") if n]
    return f' class="{" ".join(names)}"' if names else ""


def html_table(columns: Sequence[Col], rows: Sequence[Sequence[object]], *, caption: str,
               show_caption: bool = False, total: Sequence[object] | None = None,
               row_header: int | None = 0) -> Markup:
    """The table (see the module docstring). ``caption`` names it for screen readers (shown
    only with ``show_caption``: usually a heading above already says it); ``total`` is a
    bold 合计 row; ``row_header``: the column that names the row (``<th scope="row">``),
    None for none."""
    width = len(columns)
    cap_class = "" if show_caption else ' class="rt-caption"'
    out = ['<div class="rt"><table class="rt-table" role="table">',
           f"<caption{cap_class}>{html_text(caption)}</caption>",
           '<thead role="rowgroup"><tr role="row">'
           + " ".join(f'<th scope="col" role="columnheader"{_classes(c)}>{html_text(c.header)}</th>' for c in columns)
           + "</tr></thead>", '<tbody role="rowgroup">']
    body = [(r, "") for r in rows] + ([(total, "total")] if total is not None else [])
    for row, kind in body:
        if len(row) != width:
            raise ValueError(f"table row has {len(row)} cells, expected {width}")
        cells = []
        for i, (col, value) in enumerate(zip(columns, row)):
            label = f' data-label="{html_attr(col.label or col.header)}"'
            if kind == "total":
                content = Markup("<strong>") + cell(value) + Markup("</strong>") if str(value) else Markup("")
            else:
                content = cell(value)
            content = Markup("<span>") + keep_figures(content) + Markup("</span>")  # one box beside its label on phones
            if i == row_header:
                cells.append(f'<th scope="row" role="rowheader"{_classes(col)}{label}>{content}</th>')
            else:
                cells.append(f'<td role="cell"{_classes(col)}{label}>{content}</td>')
        css = ' class="total"' if kind else ""
        out.append(f'<tr role="row"{css}>' + " ".join(cells) + "</tr>")
    out += ["</tbody></table></div>"]
    return Markup("\n".join(out))
