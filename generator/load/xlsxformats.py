"""A number cell as Excel displays it: its number format (``0.00``, ``#,##0.00``, ``0%``) read
from the workbook's styles, for the columns kept as typed (prices: ``1.80`` stays ``1.80``).

Contract:

* :func:`cell_formats` reads ``styles.xml`` (already unpacked with a bound by
  :mod:`generator.load.xlsxzip`): for each cell style (``cellXfs``, the index a cell's ``s``
  attribute names) the :class:`Shown` form of its number format, or None when the format is
  not a plain number form (General, dates, times, text, fractions, exponents): such a cell
  reads as before (:func:`generator.load.xlsxfile.cell_text`);
* built-in formats by id (:data:`BUILT_IN`: 1 ``0``, 2 ``0.00``, 3 ``#,##0``, 4 ``#,##0.00``,
  9 ``0%``, 10 ``0.00%``, the accounting forms 37–40), custom ones (``numFmts``) parsed from
  their first section: decimals (``0`` after the point; ``#`` places are optional), thousands
  separator, per cent; literals, currency signs and colours are left out (the column's unit
  says what the figure is);
* :func:`shown` writes a number in that form, never rounding: a value with more decimals than
  the format shows keeps them all (Excel would round ``1.805`` to ``1.81`` on screen; what the
  cell holds is published, so a mistyped figure stays visible to the checks).

Never raises anything but :class:`~generator.load.xlsxzip.Refused` for bad input.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree

from generator.load.xlsxzip import Refused


@dataclass(frozen=True)
class Shown:
    """How a number format writes a number: at least ``decimals`` places (``#`` places show
    only digits there are), ``grouped`` thousands, ``percent`` (the value times 100, then ``%``)."""

    decimals: int
    grouped: bool = False
    percent: bool = False


BUILT_IN = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
            37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)", 40: "#,##0.00;[Red](#,##0.00)"}
"""Excel's built-in number formats that show a plain number (the others are General, dates,
times, fractions, exponents and text, or currency forms that differ by locale)."""
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
_DATE_OR_OTHER = re.compile(r"[yYmMdDhHsSeE/?@年月日时分秒]|General", re.IGNORECASE)
_NUMBER = re.compile(r"([#0,]*0[#0,]*|#[#,]*)(?:\.([0#]*))?")


def shape_of(code: str) -> Shown | None:
    """The :class:`Shown` form of a format code, or None when it is not a plain number form."""
    first = _QUOTED.sub("", code.split(";")[0])
    if not first.strip() or _DATE_OR_OTHER.search(first):
        return None
    found = _NUMBER.search(first)
    if found is None:
        return None
    places = found.group(2) or ""
    decimals = len(places.rstrip("#"))
    if "#" in places[:decimals]:
        return None  # ``0.#0``: no spreadsheet writes this
    return Shown(decimals, "," in found.group(1), "%" in first)


def shown(number: str, form: Shown) -> str:
    """``number`` (a cell's value as :func:`~generator.load.xlsxfile.number_text` gives it) in
    ``form``: trailing zeros and thousands separators as Excel shows them, never rounded."""
    try:
        value = Decimal(number)
    except ArithmeticError:  # pragma: no cover - number_text gives digits only
        return number
    if form.percent:
        value = value.scaleb(2)
    exponent = value.normalize().as_tuple().exponent
    places = max(form.decimals, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    text = format(value, f"{',' if form.grouped else ''}.{places}f")
    return f"{text}%" if form.percent else text


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def cell_formats(part: bytes | None) -> list[Shown | None]:
    """Each cell style's number form, by the index a cell's ``s`` names (see the module doc)."""
    if not part:
        return []
    codes: dict[int, str] = dict(BUILT_IN)
    styles: list[Shown | None] = []
    inside = False
    try:
        for event, element in ElementTree.iterparse(io.BytesIO(part), events=("start", "end")):
            name = _local(element.tag)
            if name == "cellXfs":
                inside = event == "start"
            elif event == "end" and name == "numFmt" and (element.get("numFmtId") or "").isdigit():
                codes[int(element.get("numFmtId") or 0)] = element.get("formatCode") or ""
            elif event == "end" and name == "xf" and inside:
                fid = element.get("numFmtId") or "0"
                styles.append(shape_of(codes[int(fid)]) if fid.isdigit() and int(fid) in codes else None)
    except ElementTree.ParseError:
        raise Refused("xlsx-unreadable", "工作簿已损坏（其中的样式部件不完整）") from None
    return styles
