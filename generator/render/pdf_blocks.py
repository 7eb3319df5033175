"""Building blocks of the data the Typst templates lay out, and the number formats they print.

Contract: every function returns plain JSON-ready values (``str``, ``int``, ``bool``, lists,
dicts); amounts are formatted here from :class:`~decimal.Decimal` (never float) so the
templates only place text. The templates know four block kinds:

* ``facts``: label/value pairs (``{"kind": "facts", "rows": [[label, value], ...]}``);
* ``table``: a table with headers (units in the header or the cell), column weights
  (``0`` = as wide as its content, ``n`` = ``n`` shares of the rest), alignments, and an
  optional bold total row;
* ``list``: numbered steps; ``note``: one paragraph of small print, e.g. the pointer to the
  full online table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal, Sequence

Align = Literal["left", "right", "center"]
Block = dict[str, Any]

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """``1234.5`` -> ``1,234.50`` (元, two decimals, half-up)."""
    return format(value.quantize(CENT, rounding=ROUND_HALF_UP), ",f")


def number(value: Decimal | int) -> str:
    """An exact quantity as written, with thousands groups: ``126500.50`` -> ``126,500.50``."""
    if isinstance(value, int):
        return format(value, ",d")
    return format(value, ",f")


def plain(value: Decimal) -> str:
    """A unit price exactly as written in the data (``0.85``, ``150``), no exponent."""
    return format(value, "f")


def percent(part: Decimal | int, whole: Decimal | int, places: int = 1) -> str:
    """``part / whole`` as a percentage, e.g. ``90.5%``; ``—`` when ``whole`` is 0."""
    if not whole:
        return "—"
    ratio = Decimal(part) * 100 / Decimal(whole)
    return f"{ratio.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)}%"


def ratio_percent(value: Decimal) -> str:
    """A ratio 0..1 as a percentage, as exact as written: ``0.925`` -> ``92.5%``."""
    scaled = value * 100
    text = format(scaled.normalize(), "f") if scaled == scaled.to_integral_value() else format(scaled, "f").rstrip("0")
    return f"{text}%"


def day(value: date) -> str:
    """ISO date for tables: ``2026-10-12``."""
    return value.isoformat()


def cn_day(value: date) -> str:
    """Chinese long date for sentences: ``2026年10月12日``."""
    return f"{value.year}年{value.month}月{value.day}日"


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
        "rows": [[str(cell) for cell in row] for row in rows],
        "total": total and bool(rows),
    }


def facts(rows: Sequence[tuple[str, str | None]]) -> Block:
    """Label/value pairs; pairs whose value is empty are left out."""
    return {"kind": "facts", "rows": [[label, value] for label, value in rows if value]}


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
