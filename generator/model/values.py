"""Turn the values staff type (often in Excel) into exact Python values.

Accepted, because unambiguous:

* numbers and money: ``1234.5``, ``1,234.50`` (comma thousands groups only), full-width
  digits ``１２３４``, a leading ``¥``/``￥`` or trailing ``元``, surrounding spaces;
* dates: ``2026-07-01``, ``2026/7/1``, ``2026.7.1``, ``2026年7月1日`` and Excel's
  ``2026-07-01 00:00:00``.

Rejected with :class:`ValueError` (whose message is Chinese, for a finding): anything else,
e.g. ``1.234,50``, ``7/1/2026``, ``12,34``. Money is always :class:`decimal.Decimal`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"^(?:[¥￥]|RMB|CNY)\s*|\s*元$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_ISO_LIKE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:0{2}(?::0{2})?)?$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def fold(text: str) -> str:
    """NFKC-fold (full-width digits and punctuation to ASCII) and strip spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_decimal(value: object) -> Decimal:
    """Parse a number or an amount of money into a Decimal; never goes through float."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("应为数字，却是是/否值")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # Only reachable from code, never from data: YAML and CSV give strings or Decimals.
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise ValueError(f"应为数字，却是 {type(value).__name__}")
    text = _CURRENCY.sub("", fold(value)).replace(" ", "")
    if _GROUPED_NUMBER.match(text):
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.match(text):
        raise ValueError(f"“{value}”不是可识别的数字（示例：1234.50、1,234.50、¥1234）")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"“{value}”不是可识别的数字") from exc


def parse_int(value: object) -> int:
    """Parse a whole number (a count): ``1,200`` and full-width digits accepted."""
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"“{value}”应为整数")
    return int(number)


def parse_date(value: object) -> date:
    """Parse a date written in one of the unambiguous forms listed in the module doc."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"应为日期，却是 {type(value).__name__}")
    text = fold(value)
    match = _ISO_LIKE.match(text) or _CHINESE_DATE.match(text)
    if not match:
        raise ValueError(f"“{value}”不是可识别的日期（请写成 2026-07-01、2026/7/1 或 2026年7月1日）")
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"“{value}”不是真实存在的日期") from exc
