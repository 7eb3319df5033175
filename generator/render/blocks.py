"""Building blocks of the data the Typst templates lay out, and the number formats they print.

Contract: every function returns plain JSON-ready values (``str``, ``int``, ``bool``, lists,
dicts); amounts are formatted here from :class:`~decimal.Decimal` (never float), with the
functions of :mod:`generator.render.formatting` the web pages use, so paper and web show
the same figures and the templates only place text. The templates know four block kinds:

* ``facts``: label/value pairs (``{"kind": "facts", "rows": [[label, value], ...]}``);
* ``table``: a table with headers (units in the header or the cell), column weights
  (``0`` = as wide as its content, ``n`` = ``n`` shares of the rest), alignments, and an
  optional bold total row;
* ``list``: numbered steps; ``note``: one paragraph of small print, e.g. the pointer to the
  full online table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal, Sequence


Align = Literal["left", "right", "center"]
Block = dict[str, Any]

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
class Column:
    title: str
    weight: int = 0
    align: Align = "left"


def table(columns: Sequence[Column], rows: Sequence[Sequence[str]], *, total: bool = False,
          caption: str | None = None) -> Block:
    """A table block; ``total`` makes the last row bold (a 合计 row)."""
    width = len(columns)
    for row in rows:
        if len(row) != width:
            raise ValueError(f"table row has {len(row)} cells, expected {width}: {row!r}")
    return {
        "kind": "table",
        "caption": caption or "",
        "columns": [c.title for c in columns],
        "widths": [c.weight for c in columns],
        "align": [c.align for c in columns],
        "rows": [[breakable(str(cell)) for cell in row] for row in rows],
        "total": total and bool(rows),
    }


def facts(rows: Sequence[tuple[str, str | None]]) -> Block:
    """Label/value pairs; pairs whose value is empty are left out."""
    return {"kind": "facts", "rows": [[label, breakable(value, longer_than=24)] for label, value in rows if value]}


def steps(items: Sequence[str], caption: str | None = None) -> Block:
    return {"kind": "list", "caption": caption or "", "items": list(items)}


def note(text: str) -> Block:
    return {"kind": "note", "text": text}


def check_json_ready(value: Any, path: str = "data") -> None:
    """Raise TypeError unless ``value`` holds only str/int/bool/None, lists and str-keyed dicts.

    Guards the contract that money reaches the template as formatted text: a Decimal or a
    float here is a bug in the render code, not in the data.
    """
    if value is None or isinstance(value, (str, bool, int)) and not isinstance(value, float):
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
