"""Turn the values staff type (often in Excel) into exact Python values.

Accepted, because unambiguous:

* numbers and money: ``1234.5``, ``1,234.50`` (comma thousands groups only), full-width
  digits ``１２３４``, a leading ``¥``/``￥`` or trailing ``元``, surrounding spaces;
* dates: ``2026-07-01``, ``2026/7/1``, ``2026.7.1``, ``2026年7月1日`` and Excel's
  ``2026-07-01 00:00:00``.

Rejected with :class:`ValueError` (whose message is Chinese, for a finding): anything else,
e.g. ``1.234,50``, ``7/1/2026``, ``12,34``; numbers out of range (:data:`MAX_NUMBER`, more
than :data:`MAX_DECIMALS` decimals, ``1e30``, ``inf``), dates that do not exist
(``2026-02-30``) or outside :data:`YEARS`. Money is always :class:`decimal.Decimal`.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"^(?:[¥￥]|RMB|CNY)\s*|\s*元$", re.IGNORECASE)
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_ISO_LIKE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]0{1,2}:0{2}(?::0{2})?)?$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


MAX_NUMBER = Decimal(10) ** 12
"""No amount, area or count in a notice reaches a trillion (万亿): larger is a typing error."""
MAX_DECIMALS = 6
YEARS = range(1900, 2101)
"""Dates and periods outside these years are typing errors (a missing digit, 20226)."""


def _in_range(number: Decimal, value: object) -> Decimal:
    if not number.is_finite() or abs(number) >= MAX_NUMBER:
        raise ValueError(f"“{value}”超出合理范围（应小于 1 万亿）")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -MAX_DECIMALS:
        raise ValueError(f"“{value}”小数位太多（最多 {MAX_DECIMALS} 位）")
    return number


def fold(text: str) -> str:
    """NFKC-fold (full-width digits and punctuation to ASCII) and strip spaces."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_decimal(value: object) -> Decimal:
    """Parse a number or an amount of money into a Decimal; never goes through float."""
    if isinstance(value, Decimal):
        return _in_range(value, value)
    if isinstance(value, bool):
        raise ValueError("应为数字，却是是/否值")
    if isinstance(value, int):
        return _in_range(Decimal(value), value)
    if isinstance(value, float):
        # Only reachable from code, never from data: YAML and CSV give strings or Decimals.
        return _in_range(Decimal(repr(value)), value)
    if not isinstance(value, str):
        raise ValueError(f"应为数字，却是 {type(value).__name__}")
    text = _CURRENCY.sub("", fold(value)).replace(" ", "")
    if _GROUPED_NUMBER.match(text):
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.match(text):
        raise ValueError(f"“{value}”不是可识别的数字（示例：1234.50、1,234.50、¥1234）")
    try:
        return _in_range(Decimal(text), value)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise ValueError(f"“{value}”不是可识别的数字") from exc


def parse_int(value: object) -> int:
    """Parse a whole number (a count): ``1,200`` and full-width digits accepted."""
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"“{value}”应为整数")
    return int(number)


RESIDENTS_ZONE = timezone(timedelta(hours=8), "Asia/Shanghai")
"""Where the residents read the dates (China keeps UTC+8 all year, no daylight saving, so no
time-zone database is needed): the default data date is today there."""


def today() -> date:
    """Today's date as residents read it (Asia/Shanghai), whatever the machine's time zone."""
    return datetime.now(RESIDENTS_ZONE).date()


def parse_date(value: object) -> date:
    """Parse a date written in one of the unambiguous forms listed in the module doc."""
    if isinstance(value, date):
        return in_years(value, value)
    if not isinstance(value, str):
        raise ValueError(f"应为日期，却是 {type(value).__name__}")
    text = fold(value)
    match = _ISO_LIKE.match(text) or _CHINESE_DATE.match(text)
    if not match:
        raise ValueError(f"“{value}”不是可识别的日期（请写成 2026-07-01、2026/7/1 或 2026年7月1日）")
    year, month, day = (int(g) for g in match.groups())
    try:
        day_ = date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"“{value}”不是真实存在的日期") from exc
    return in_years(day_, value)


def in_years(day: date, value: object) -> date:
    if day.year not in YEARS:
        raise ValueError(f"“{value}”的年份超出合理范围（{YEARS.start}–{YEARS.stop - 1} 年）")
    return day


_PHONE_SEPARATORS = re.compile(r"[\s\-‐‑–—－()（）]")
_LANDLINE = re.compile(r"^0[1-9]\d{1,2}[1-9]\d{6,7}$")
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_SERVICE = re.compile(r"^(?:110|119|120|122|12\d{3}|9[56]\d{3,4}|[48]00\d{7})$")
_EXTENSION = re.compile(r"(?:转|分机|ext\.?)\s*(\d{1,6})$", re.IGNORECASE)


def phone_kind(value: str) -> str | None:
    """``landline`` (area code with its leading 0), ``mobile``, ``service`` (12345, 95xxx,
    400/800), or None when the number fits none of them."""
    text = _EXTENSION.sub("", fold(value))
    digits = _PHONE_SEPARATORS.sub("", text)
    if _LANDLINE.match(digits) and len(digits) in (11, 12):
        return "landline"
    if _MOBILE.match(digits):
        return "mobile"
    if _SERVICE.match(digits):
        return "service"
    return None


def parse_phone(value: object) -> str:
    """A Chinese phone number as written (folded), or ValueError saying what is wrong."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError("应为电话号码")
    text = fold(str(value))
    if phone_kind(text) is not None:
        return text
    digits = re.sub(r"\D", "", text)
    if 9 <= len(digits) <= 11 and digits[:1] in "23456789":
        raise ValueError(f"“{text}”不是完整的电话号码：固定电话要带以 0 开头的区号（如 0550-6201234），"
                         "可能是表格软件把开头的 0 去掉了")
    raise ValueError(f"“{text}”不是可识别的电话号码（固定电话如 0550-6201234，服务热线如 12345、400-880-6601）")
