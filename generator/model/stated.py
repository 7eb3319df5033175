"""Figures kept as the notice prints them: prices (收费标准) and stated amounts (310余万元).

Contract: :func:`parse_stated` turns what a clerk typed into a :class:`Stated`: ``text`` is
the value exactly as typed (spaces at the ends removed; ``0.80`` stays ``0.80``), ``kind``
says what shape it has, and the numbers the shape carries are exact Decimals for the checks
and key figures. Nothing is refused that a real notice prints: a text the parser does not
understand is kind ``text`` (按质论价、面议) and is shown as typed. Kinds:

* ``number``: ``0.80``, ``1,200``, ``¥80``, ``80元`` (``value``);
* ``range``: ``1.20-1.80``, ``1.20～1.80``, ``1.20至1.80`` (``low``, ``high``);
* ``cap``: ``不超过70``, ``最高70元``, ``≤70`` (``high``); ``floor``: ``不低于``, ``最低`` (``low``);
* ``approx``: ``310余万``, ``约 3.1 万``, ``3,100,000元左右`` (``value``, an order of size only);
* ``percent``: ``标准×70%``, ``按物业服务费的70%计收`` (``percent``, 70 for 70%);
* ``formula``: ``10元+0.30元×(楼层−3)`` (``value`` the base, ``step`` per floor above ``from_floor``);
* ``free``: ``1小时内免费，24小时最高10元`` (free periods; ``high`` the cap when one is printed);
* ``tiers``: ``见分档表``, ``按楼层分档`` (the fee file's tier table of the same item holds the prices);
* ``text``: anything else.

``Stated`` values serialise (JSON, open data) as their text, exactly as typed. A unit
(元/㎡·月) follows a figure only (:meth:`Stated.with_unit`: number, range, cap, floor, approx,
formula); a percentage, free periods, a tier reference or words are shown alone (``按质论价``,
never ``按质论价 元/次``). :attr:`Stated.priced` says whether a ``text`` reads as a price at
all: it holds a figure, or one of the ways notices word a price without one (:data:`PRICE_WORDS`:
按质论价、面议、协商、按合同约定、按实际发生、按政府规定 …); ``看情况`` does not, and
:mod:`generator.checks.notices` reports it (``price-text``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.model.values import fold

StatedKind = Literal["number", "range", "cap", "floor", "approx", "percent", "formula", "free", "tiers", "text"]

_NUM = r"(\d[\d,]*(?:\.\d+)?)"
_YUAN = r"\s*(?:元)?"
_PLAIN = re.compile(rf"^(?:[¥￥])?\s*{_NUM}{_YUAN}$")
_RANGE = re.compile(rf"^{_NUM}{_YUAN}\s*(?:-|~|～|—|–|至|到)\s*{_NUM}{_YUAN}$")
_CAP = re.compile(rf"^(?:不超过|不高于|最高|封顶|上限|≤|<=)\s*{_NUM}{_YUAN}$")
_FLOOR = re.compile(rf"^(?:不低于|最低|≥|>=)\s*{_NUM}{_YUAN}$")
_APPROX = re.compile(rf"^(?:约|大约)?\s*{_NUM}\s*(余)?\s*(万|亿)?\s*(余)?\s*(?:元)?\s*(左右|余)?$")
_PERCENT = re.compile(rf"{_NUM}\s*%")
_FORMULA = re.compile(rf"^{_NUM}{_YUAN}\s*\+\s*{_NUM}{_YUAN}\s*[×xX*]\s*[(（]\s*楼层\s*[-−－]\s*(\d+)\s*[)）]$")
_CAP_IN_TEXT = re.compile(rf"(?:最高|封顶|不超过)\s*(?:收取|收费)?\s*{_NUM}{_YUAN}")
_TIERS = re.compile(r"分档|见下表|见附表|见分档表|按楼层")
_NUMBER_LIKE = re.compile(r"^[\d.,，\s¥￥+\-−元]+$")
_MIXED_DIGITS = re.compile(r"\d[零〇一二三四五六七八九]|[零〇一二三四五六七八九]\d")
_SCALE = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
UNIT_KINDS = frozenset({"number", "range", "cap", "floor", "approx", "formula"})
"""The kinds that are a figure: a unit follows them."""
PRICE_WORDS = ("按质论价", "面议", "议价", "协商", "约定", "按合同", "合同价", "按实", "实际发生", "据实", "实报实销",
               "规定", "标准执行", "政府", "物价", "价格主管部门", "核定", "免费", "不收", "暂不收取", "另行", "代收", "代缴",
               "市场价", "成本价", "指导价", "报价")
"""How real notices word a price that is not a figure (matched anywhere in the text)."""


class Stated(BaseModel):
    """A figure as the notice prints it (see the module doc): a value, not a record clerks
    fill in field by field (they type one text; the guide documents its forms)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    kind: StatedKind
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    percent: Decimal | None = None
    step: Decimal | None = None
    from_floor: int | None = None

    @property
    def exact(self) -> Decimal | None:
        """The one exact amount, when the figure is a plain number."""
        return self.value if self.kind == "number" else None

    @property
    def priced(self) -> bool:
        """Whether the figure reads as a price: any kind but ``text``, or a text holding a
        figure or one of :data:`PRICE_WORDS` (``按质论价``; not ``看情况``)."""
        return self.kind != "text" or any(c.isdigit() for c in self.text) or any(w in self.text for w in PRICE_WORDS)

    def with_unit(self, unit: str | None) -> str:
        """``1.35 元/㎡·月``: the text as typed, the unit after a figure only (see the module doc)."""
        if not unit or self.kind not in UNIT_KINDS:
            return self.text
        if unit.startswith("元") and self.text.endswith("元"):  # 不超过 70 元 + 元/次: 不超过 70 元/次
            return f"{self.text}{unit[1:]}"
        return f"{self.text} {unit}"

    def at_floor(self, floor: int) -> Decimal | None:
        """A formula's price on ``floor`` (the base up to ``from_floor``); None for other kinds."""
        if self.kind != "formula" or self.value is None or self.step is None or self.from_floor is None:
            return None
        return self.value + self.step * max(0, floor - self.from_floor)


def _dec(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _classify(text: str) -> dict[str, Any]:
    t = fold(text).replace(" ", "")
    if m := _PLAIN.match(t):
        return {"kind": "number", "value": _dec(m.group(1))}
    if m := _RANGE.match(t):
        return {"kind": "range", "low": _dec(m.group(1)), "high": _dec(m.group(2))}
    if m := _CAP.match(t):
        return {"kind": "cap", "high": _dec(m.group(1))}
    if m := _FLOOR.match(t):
        return {"kind": "floor", "low": _dec(m.group(1))}
    if m := _FORMULA.match(t):
        return {"kind": "formula", "value": _dec(m.group(1)), "step": _dec(m.group(2)), "from_floor": int(m.group(3))}
    if "免费" in t:
        cap = _CAP_IN_TEXT.search(t)
        return {"kind": "free", "high": _dec(cap.group(1)) if cap else None}
    if _TIERS.search(t):
        return {"kind": "tiers"}
    if m := _PERCENT.search(t):
        return {"kind": "percent", "percent": _dec(m.group(1))}
    if (m := _APPROX.match(t)) and (m.group(2) or m.group(3) or m.group(4) or m.group(5) or t.startswith(("约", "大约"))):
        return {"kind": "approx", "value": _dec(m.group(1)) * _SCALE.get(m.group(3) or "", Decimal(1))}
    return {"kind": "text"}


def parse_stated(value: Any) -> Stated:
    """What was typed, as a :class:`Stated` (ValueError for an empty or non-text value)."""
    if isinstance(value, Stated):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError("应填写金额或收费标准")
    if isinstance(value, (int, Decimal)):
        value = str(value)
    if isinstance(value, float):  # only from code: YAML and tables give strings
        value = repr(value)
    if not isinstance(value, str) or not value.strip():
        raise ValueError("应填写金额或收费标准")
    text = value.strip()
    folded = fold(text)
    shape = _classify(text)
    if shape["kind"] == "text" and (_NUMBER_LIKE.match(folded) or _MIXED_DIGITS.search(folded)):
        if folded.lstrip("¥￥ ").startswith(("-", "−")):
            raise ValueError(f"NEGATIVE:{text}")
        raise ValueError(f"“{text}”不是可识别的数字（示例：0.80、1,234.50；区间写 1.20-1.80，文字照公告写，如 按质论价）")
    try:
        return Stated(text=text, **shape)
    except InvalidOperation as exc:  # pragma: no cover - the patterns only let digits through
        raise ValueError(f"“{text}”不是可识别的数字") from exc


def _validate(value: Any) -> Stated:
    try:
        return parse_stated(value)
    except ValueError as exc:
        if str(exc).startswith("NEGATIVE:"):
            raise PydanticCustomError("negative", "金额 {value} 不能为负数", {"value": str(exc)[9:]}) from None
        raise PydanticCustomError("number", str(exc)) from None


StatedField = Annotated[
    Stated,
    BeforeValidator(_validate),
    PlainSerializer(lambda s: s.text, return_type=str),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}],
                    "description": "照公告原样填写：0.80、1.20-1.80、不超过70、标准×70%、10+0.30×(楼层-3)、按质论价、310余万"}),
]
"""A price or amount kept exactly as typed (see the module doc)."""
