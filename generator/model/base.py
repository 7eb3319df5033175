"""Shared building blocks for the models: strict base classes and value types.

* :class:`Record` forbids unknown keys (so typos are findings), is immutable, and allows a
  field to be written by its Chinese ``title`` in CSV headers (see :mod:`generator.load.csvfile`).
* ``Money``/``Amount``/``Count``/``Day`` accept the forms staff type (see
  :mod:`generator.model.values`); money is :class:`~decimal.Decimal`, never float.
* ``Slug`` ids are ``[a-z0-9-]+``; ``PeriodId`` is ``2026``, ``2026-h1``, ``2026-q3``,
  ``2026-07`` or a numbered batch of a year ``2026-b2`` (第二批: its dates are the year's) and
  is turned into a :class:`Period` with real dates.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Annotated, Any, ClassVar, get_args

from pydantic_core import PydanticCustomError, core_schema
from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler,
                      GetJsonSchemaHandler, PlainSerializer, WithJsonSchema)

from generator.model.values import YEARS, fold, parse_date, parse_decimal, parse_int, parse_phone
from generator.model.vocabulary import accepted, choices, code_of

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Record(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, str_strip_whitespace=True)

    TOTALS: ClassVar[tuple[str, ...]] = ()
    """Table rows: the columns a 合计 row may state (the sum of the rows above it)."""
    RUNNING: ClassVar[tuple[str, ...]] = ()
    """Table rows: the columns whose 合计 is the running value after the last row."""


def _check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise PydanticCustomError("slug", "“{value}”不是合法的编号：只能用小写字母、数字和连字符", {"value": value})
    return value


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise PydanticCustomError("negative", "金额 {value} 不能为负数", {"value": str(value)})
    return value


def _custom(kind: str, parse):
    """Wrap a parser so its ValueError becomes a typed pydantic error (a stable finding code)."""

    def run(value: Any) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            raise PydanticCustomError(kind, str(exc)) from None

    return run


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _fold_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


@dataclass(frozen=True)
class Shape:
    """Marks what a text field holds beyond its Python type (``Shape("date")`` on ``Day``,
    ``Shape("month")``, ``Shape("phone")``), for the workbook reader (a number in a date column
    is a serial date) and the templates (formats, help notes): see :mod:`generator.model.shapes`."""

    name: str


CALENDAR = Shape("date")
MONTH = Shape("month")
PHONE = Shape("phone")
PERIOD = Shape("period")
MONEY = Shape("money")
"""An amount in 元 (``Money``, ``Amount``), as against a ``Quantity``: open data writes it to the cent."""


def is_calendar(info: Any) -> bool:
    """Whether the model field ``info`` (a pydantic ``FieldInfo``) holds a date or a month."""
    return any(m in (CALENDAR, MONTH) for m in getattr(info, "metadata", ()))


_money_json = PlainSerializer(lambda v: format(v, "f"), return_type=str, when_used="json")

Slug = Annotated[str, AfterValidator(_check_slug), Field(json_schema_extra={"pattern": SLUG_RE.pattern})]
Amount = Annotated[Decimal, BeforeValidator(_custom("number", parse_decimal)), _money_json, MONEY]
"""A signed exact number (balances, differences)."""
Money = Annotated[Decimal, BeforeValidator(_custom("number", parse_decimal)), AfterValidator(_non_negative), _money_json,
                  MONEY]
"""A non-negative amount of money in 元, exact."""
Quantity = Annotated[Decimal, BeforeValidator(_custom("number", parse_decimal)), AfterValidator(_non_negative),
                     _money_json]
"""A non-negative exact quantity (area in ㎡, kWh, m³): a number, not money."""
Count = Annotated[int, BeforeValidator(_custom("number", parse_int)), Field(ge=0)]
Day = Annotated[date, BeforeValidator(_custom("date", parse_date)), CALENDAR]
OptDay = Annotated[date | None, BeforeValidator(_custom("date", lambda v: None if _blank_to_none(v) is None else parse_date(v))),
                   CALENDAR]
Text = Annotated[str, BeforeValidator(_fold_text), Field(min_length=1)]
MARKUP = re.compile(r"[<>\"'`&\x00-\x1f\x7f]")


def _no_markup(value: str) -> str:
    found = MARKUP.search(value)
    if found:
        shown = found.group(0) if found.group(0).isprintable() else f"U+{ord(found.group(0)):04X}"
        raise PydanticCustomError("markup", "“{value}”含有字符 {char}：网站名称会写进每个网页的标题和属性中，不能含有 < > \" ' ` & 或控制字符",
                                  {"value": value, "char": shown})
    return value


@dataclass(frozen=True)
class Coded:
    """Marks a coded field: ``Annotated[Literal["lump_sum", "commission"], Coded(CONTRACT_TYPES)]``.

    The program uses the codes; on input the field accepts the code, its Chinese label from
    :mod:`generator.model.vocabulary` or a declared synonym; anything else is a ``choice``
    error that lists the Chinese labels. The JSON Schema allows every accepted text, so
    editors do not flag ``包干制``."""

    codes: dict[str, str] = field(hash=False)

    def to_code(self, value: Any) -> Any:
        code = code_of(self.codes, value) if isinstance(value, str) else None
        if code not in self.codes:
            raise PydanticCustomError("choice", "“{value}”不是允许的取值，可选：{choices}",
                                      {"value": value.strip() if isinstance(value, str) else value,
                                       "choices": choices(self.codes)})
        return code

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        if set(get_args(source)) != set(self.codes):  # pragma: no cover - a programming error
            raise RuntimeError(f"{source} and its vocabulary list different codes")
        return core_schema.no_info_before_validator_function(self.to_code, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return {"type": "string", "enum": list(accepted(self.codes)), "description": choices(self.codes)}


PlainText = Annotated[str, BeforeValidator(_fold_text), Field(min_length=1), AfterValidator(_no_markup)]
"""Text the site engine writes into HTML attributes without escaping (the site name)."""
OptText = Annotated[str | None, BeforeValidator(_blank_to_none)]
Phone = Annotated[str, BeforeValidator(_custom("phone", parse_phone)),
                  WithJsonSchema({"type": "string", "description": "电话：带区号的固定电话、12345 等服务热线或 400/800 号码"}),
                  PHONE]
"""A phone number of a kind :func:`~generator.model.values.phone_kind` recognises."""
Ratio = Annotated[Decimal, BeforeValidator(_custom("number", parse_decimal)), Field(ge=0, le=1)]


PERIOD_RE = re.compile(r"^(\d{4})(?:-(h[12]|q[1-4]|\d{2}|b\d{1,2}))?$")
_CN_PERIOD = re.compile(r"^(\d{4})年(?:度)?(?:(上|下)半年|第([一二三四1-4])季度|(\d{1,2})月(?:份)?|第([一二三四五六七八九十\d]{1,3})批(?:次)?)?$")
_SPAN_SEPARATORS = re.compile(r"\s*(?:~|～|至|到|—|–)\s*")
_CN_DIGITS = "一二三四五六七八九十"
PERIOD_FORMS = "2026（年）、2026-H1（半年）、2026-Q3（季度）、2026-07（月）、2026-B2（第二批）或 2021~2025-Q3（跨年度）"


def _cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS.index(text[1]) + 1
    if text.endswith("十"):
        return (_CN_DIGITS.index(text[0]) + 1) * 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.index(tens) + 1) * 10 + _CN_DIGITS.index(ones) + 1
    return _CN_DIGITS.index(text) + 1


def _cn_numeral(n: int) -> str:
    """1..99 as notices write them (the inverse of :func:`_cn_number`): 二, 十, 十二, 二十一."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens - 1] + "十")
    return head + (_CN_DIGITS[ones - 1] if ones else "")


def _chinese_id(text: str) -> str | None:
    """``2025年第三季度`` -> ``2025-q3``, ``2026年上半年`` -> ``2026-h1``, ``2026年第二批`` -> ``2026-b2``."""
    m = _CN_PERIOD.match(text)
    if not m:
        return None
    year, half, quarter, month, batch = m.groups()
    if half:
        return f"{year}-h{1 if half == '上' else 2}"
    if quarter:
        return f"{year}-q{_cn_number(quarter)}"
    if month:
        return f"{year}-{int(month):02d}"
    if batch:
        return f"{year}-b{_cn_number(batch)}"
    return year


class Period(Record):
    """A reporting period: a year, half year, quarter, month, a numbered batch of a year
    (``2026-b2``, 第二批: dated as its year) or a span from one such period to a later one
    (``2021~2025-q3``, 2021年至2025年第三季度), with its dates."""

    id: str
    start: date
    end: date

    @property
    def label(self) -> str:
        first, sep, last = self.id.partition("~")
        if sep:
            return f"{parse_period(first).label}至{parse_period(last).label}"
        year, _, part = self.id.partition("-")
        if not part:
            return f"{year}年"
        if part.startswith("h"):
            return f"{year}年{'上' if part == 'h1' else '下'}半年"
        if part.startswith("q"):
            return f"{year}年第{'一二三四'[int(part[1]) - 1]}季度"
        if part.startswith("b"):
            return f"{year}年第{_cn_numeral(int(part[1:]))}批"
        return f"{year}年{int(part)}月"

    @property
    def kind(self) -> str:
        if "~" in self.id:
            return "span"
        _, _, part = self.id.partition("-")
        return {"": "year", "h": "half_year", "q": "quarter", "b": "batch"}.get(part[:1], "month")

    @property
    def batch(self) -> int | None:
        """The batch number of ``2026-b2`` (2), None for other periods."""
        _, _, part = self.id.partition("-")
        return int(part[1:]) if part.startswith("b") and "~" not in self.id else None


def _single_period(text: str, value: Any) -> Period:
    match = PERIOD_RE.match(text.lower()) or PERIOD_RE.match((_chinese_id(text) or "").lower())
    if not match:
        raise ValueError(f"“{value}”不是可识别的期间（应写成 {PERIOD_FORMS}）")
    year = int(match.group(1))
    if year not in YEARS:
        raise ValueError(f"“{value}”的年份超出合理范围（{YEARS.start}–{YEARS.stop - 1} 年）")
    part = match.group(2)
    if part is None or part.startswith("b"):
        first, last = 1, 12
        if part is not None and not 1 <= int(part[1:]) <= 99:
            raise ValueError(f"“{value}”的批次不存在")
    elif part.startswith("h"):
        first = 1 if part == "h1" else 7
        last = first + 5
    elif part.startswith("q"):
        first = (int(part[1]) - 1) * 3 + 1
        last = first + 2
    else:
        first = last = int(part)
        if not 1 <= first <= 12:
            raise ValueError(f"“{value}”的月份不存在")
    end = date(year, last, calendar.monthrange(year, last)[1])
    return Period(id=match.group(0), start=date(year, first, 1), end=end)


def parse_period(value: Any) -> Period:
    """``2026``, ``2026-H1``, ``2026-Q3``, ``2026-07``, ``2026-B2``, their Chinese labels
    (``2026年第三季度``), or a span of two of them (``2021~2025-Q3``, ``2021年至2025年第三季度``)."""
    if isinstance(value, Period):
        return value
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"期间应写成 {PERIOD_FORMS}")
    text = fold(value).replace(" ", "")
    parts = _SPAN_SEPARATORS.split(text)
    if len(parts) == 2 and all(parts):
        first, last = (_single_period(p, value) for p in parts)
        if last.end <= first.end or "~" in first.id:
            raise ValueError(f"“{value}”的起止顺序不对：前一个期间应早于后一个")
        return Period(id=f"{first.id}~{last.id}", start=first.start, end=last.end)
    return _single_period(text, value)


PeriodField = Annotated[
    Period,
    PERIOD,
    BeforeValidator(_custom("period", parse_period)),
    PlainSerializer(lambda p: p.id, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "integer"}],
                    "description": f"期间：{PERIOD_FORMS}"}),
]


_MONTH_RE = re.compile(r"^(\d{4})(?:[-/.]|年)(\d{1,2})(?:月|[-/.]0?1(?: 0{1,2}:00(?::00)?)?)?$")


def parse_month(value: Any) -> str:
    """``2026-09``, ``2026/9``, ``2026年9月`` or Excel's ``2026-09-01`` to ``2026-09``."""
    if isinstance(value, date):
        return f"{value.year:04d}-{value.month:02d}"
    match = _MONTH_RE.match(fold(str(value)))
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) not in YEARS:
        raise ValueError(f"“{value}”不是可识别的月份（请写成 2026-09、2026/9 或 2026年9月）")
    return f"{match.group(1)}-{int(match.group(2)):02d}"


MonthField = Annotated[str, BeforeValidator(_custom("date", parse_month)),
                       WithJsonSchema({"type": "string", "description": "月份，如 2026-09"}), MONTH]


def quarter_of(day: date) -> str:
    return f"{day.year}-q{(day.month - 1) // 3 + 1}"
