"""Format-neutral blocks: an item's content built once, laid out by the web page and the paper.

Contract. A builder (:mod:`generator.views.item_blocks`) turns a validated record into a list
of blocks; every value in a block is already display text (money formatted from
:class:`~decimal.Decimal` by :mod:`generator.views.formatting`, never float), and every label
comes from the model field ``title`` or :mod:`generator.model.vocabulary`. Layouts only place
text: :mod:`generator.render.web.item_markdown` writes Markdown (escaping every value),
:func:`generator.render.paper.blocks_json.paper_json` gives the JSON the Typst templates
lay out (``templates/typst/common.typ``, ``render-blocks``). The kinds:

* :class:`Facts`: label/value pairs under an optional ``title`` (web: a heading and a bullet
  list; paper: a two-column grid). A :class:`Fact` knows whether its value is a phone number
  (``kind="phone"``: a ``tel:`` link on the web) and whether it is ``key`` (one of the few
  figures a resident looks for first). Facts whose value is empty are left out.
* :class:`Table`: a ``title`` (web: a heading; paper: a bold caption), :class:`Column` s with a
  header ``title``, an optional ``unit`` shown in the header as ``金额（元）``, an alignment,
  a paper width weight (``0`` = as wide as its content, ``n`` = ``n`` shares of the rest),
  a ``key`` mark for the columns a resident needs (residents' pages may show only those), and
  ``kind="phone"`` for phone columns; a column marked ``note`` is printed on paper as a line
  under its row (``服务内容：…；收费依据：…``) instead of a column, so a wide table fits the
  sheet's width in large print (the web shows it as a column). ``rows`` are lists of strings (``"\\n"`` breaks a line in
  a cell); ``total`` is the 合计 row, kept apart so a layout can set it in bold.
  ``empty`` is the sentence shown instead of a table with no rows (``None``: the block is left
  out). A ledger that can grow long names itself in ``ledger`` (台账, 读数记录…) and carries
  its online address in ``url``: the web always shows every row; paper prints the rows when
  there are at most :data:`DETAIL_LIMIT`, else the ``summary`` table (or nothing) followed by a
  pointer to the full table online.
* :class:`Steps`: numbered steps under a ``title``.
* :class:`Note`: one paragraph of small print.
* :class:`Slot`: a place where one medium adds what only it can show (the web's bar chart,
  the manager's photo, the web's ranking section with links); a medium without a filling for
  the slot skips it. Keep slots few: content belongs in the other kinds.

Builders may later also give a one-line plain-language summary of an item; blocks are
frozen dataclasses so a layout cannot change what another layout shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal, Sequence, Union

Align = Literal["left", "right", "center"]
ValueKind = Literal["text", "phone"]

DETAIL_LIMIT = 12
"""Rows a ledger may have and still be printed in full on the notice board."""

_LONG_RUN = re.compile(r"[A-Za-z0-9]{10,}")
ZWSP = "\u200b"


def breakable(text: str, longer_than: int = 10, every: int = 4) -> str:
    """Give long letter/digit runs (codes, account-like numbers) line-break opportunities
    (zero-width spaces every ``every`` characters), so a narrow table column wraps them
    instead of letting them run off the page. Text that fits is printed unchanged."""
    if len(text) < longer_than:
        return text

    def split(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) < longer_than:
            return run
        return ZWSP.join(run[i:i + every] for i in range(0, len(run), every))

    return _LONG_RUN.sub(split, text)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str | None
    kind: ValueKind = "text"
    key: bool = False


@dataclass(frozen=True)
class Facts:
    rows: tuple[Fact, ...]
    title: str = ""


@dataclass(frozen=True)
class Column:
    title: str
    weight: int = 0
    align: Align = "left"
    unit: str = ""
    key: bool = False
    kind: ValueKind = "text"
    note: bool = field(default=False, metadata={"layout": True})
    """Printed on paper under its row, not as a column (see the module doc); where it is
    printed is no part of what is shown, so not of the stamp (:mod:`generator.views.stamp`)."""

    @property
    def header(self) -> str:
        return f"{self.title}（{self.unit}）" if self.unit else self.title


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""
    total: tuple[str, ...] | None = None
    unit: str = ""
    empty: str | None = None
    ledger: str = ""
    url: str = ""
    summary: "Table | None" = None

    def __post_init__(self) -> None:
        width = len(self.columns)
        for row in (*self.rows, *([self.total] if self.total else [])):
            if len(row) != width:
                raise ValueError(f"table row has {len(row)} cells, expected {width}: {row!r}")


@dataclass(frozen=True)
class Steps:
    items: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class Note:
    text: str


@dataclass(frozen=True)
class Slot:
    name: str


Block = Union[Facts, Table, Steps, Note, Slot]


def facts(rows: Sequence[Fact | tuple[str, str | None]], title: str = "") -> Facts:
    """Facts from :class:`Fact` s or (label, value) pairs; empty values are left out."""
    out = tuple(r if isinstance(r, Fact) else Fact(*r) for r in rows)
    return Facts(tuple(r for r in out if r.value), title)


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]], *, title: str = "",
          total: Sequence[str] | None = None, **options: Any) -> Table:
    return Table(tuple(columns), tuple(tuple(str(c) for c in r) for r in rows), title,
                 tuple(str(c) for c in total) if total is not None else None, **options)


def is_empty(block: Block) -> bool:
    """A block with nothing to show (and no sentence for its emptiness)."""
    if isinstance(block, Facts):
        return not block.rows
    if isinstance(block, Table):
        return not block.rows and block.empty is None
    if isinstance(block, Steps):
        return not block.items
    if isinstance(block, Note):
        return not block.text
    return False
