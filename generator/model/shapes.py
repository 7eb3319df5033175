"""What a model field holds, as a clerk fills it in: a date, a month, money, a count, a choice…

Contract: :func:`shape_of` classifies a pydantic field (a ``FieldInfo``) into one of
:data:`SHAPES`, reading its type and the markers of :mod:`generator.model.base` (``Shape``,
``Coded``); :func:`choices_of` lists the values a choice field offers, in Chinese (the
vocabulary's labels for a coded field, the literal values otherwise); :func:`how_to_write`
says in Chinese how a value of that shape is written. The Excel templates, the YAML forms
of ``new compound`` and the checks of 合计 rows read fields through these, so a field's
shape is declared once, in its model.
"""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.model.base import CALENDAR, MONEY, MONTH, PERIOD, PHONE, Coded
from generator.model.stated import Stated

SHAPES = ("date", "month", "period", "number", "count", "choice", "phone", "text", "flag", "model", "list")


def _parts(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The type inside Optional/Annotated, and every marker met on the way."""
    found = list(metadata)
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            found += extra
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, found
            annotation = args[0]
        else:
            return annotation, found


def is_money(info: FieldInfo) -> bool:
    """Whether the field holds an amount in 元 (``Money``/``Amount``, optional or not)."""
    return MONEY in _parts(info.annotation, list(info.metadata))[1]


def shape_of(info: FieldInfo) -> str:
    base, markers = _parts(info.annotation, list(info.metadata))
    if MONTH in markers:
        return "month"
    if PERIOD in markers:
        return "period"
    if CALENDAR in markers or base is date:
        return "date"
    if PHONE in markers:
        return "phone"
    if any(isinstance(m, Coded) for m in markers) or typing.get_origin(base) is Literal:
        return "choice"
    if base is bool:
        return "flag"
    if base is int:
        return "count"
    if base is Decimal:
        return "number"
    if base is Stated:
        return "text"  # a price or amount kept as typed (0.80, 不超过70, 按质论价): one text cell
    if isinstance(base, type) and issubclass(base, BaseModel):
        return "model"
    if typing.get_origin(base) in (list, dict):
        return "list"
    return "text"


def choices_of(info: FieldInfo) -> list[str]:
    """The values a choice field offers, as clerks write them (Chinese labels first)."""
    base, markers = _parts(info.annotation, list(info.metadata))
    coded = next((m for m in markers if isinstance(m, Coded)), None)
    if coded is not None:
        return list(coded.codes.values())
    if typing.get_origin(base) is Literal:
        return [str(a) for a in typing.get_args(base)]
    return []


def inner_model(info: FieldInfo) -> type[BaseModel] | None:
    """The model a field holds (directly, optionally, or as list items), if any."""
    base, _ = _parts(info.annotation, list(info.metadata))
    if typing.get_origin(base) is list:
        base, _ = _parts(typing.get_args(base)[0], [])
    return base if isinstance(base, type) and issubclass(base, BaseModel) and base is not Stated else None


HOW_TO_WRITE = {
    "date": "日期，如 2026-07-01（也可写 2026/7/1、2026年7月1日）",
    "month": "月份，如 2026-09",
    "period": "期间，如 2026（年）、2026-H1（半年）、2026-Q3（季度）、2026-09（月）",
    "number": "数字，如 1234.50（不写单位和千分位以外的符号）",
    "count": "整数，如 12",
    "phone": "电话，固定电话带区号，如 0550-6201234；服务热线如 12345",
    "text": "文字",
    "flag": "true（是）或 false（否）",
}


def how_to_write(info: FieldInfo) -> str:
    """How a value of this field is written, in Chinese."""
    shape = shape_of(info)
    if shape == "choice":
        return "从下列选项中选一个：" + "、".join(choices_of(info))
    return HOW_TO_WRITE.get(shape, "")
