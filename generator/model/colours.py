"""Colours a city gives its lists: ``#rrggbb`` (or ``#rgb``) and their contrast on white.

Contract: :func:`parse_colour` returns the lower-case ``#rrggbb`` form or raises ValueError;
:func:`contrast_on_white` is the WCAG 2 contrast ratio of that colour as text on white,
rounded down to one decimal (so a colour is never said to pass when it does not).
"""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, Decimal

_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def parse_colour(value: str) -> str:
    """``#B3261E``, ``b3261e`` or ``#b21`` to ``#b3261e``."""
    match = _HEX.match(value.strip())
    if not match:
        raise ValueError(f"颜色“{value}”应写成 # 加 6 位十六进制数，如 #b3261e")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    return "#" + digits


def _channel(byte: int) -> float:
    c = byte / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def contrast_on_white(colour: str) -> Decimal:
    """The WCAG contrast ratio of ``colour`` (``#rrggbb``) against white, e.g. 4.5 or 21.0."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)
    ratio = 1.05 / (luminance + 0.05)
    return Decimal(repr(ratio)).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)
