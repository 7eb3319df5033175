"""Map pydantic validation errors to findings that staff can act on, in Chinese.

Each pydantic error type maps to a stable finding code (``field-required``,
``field-unknown`` with a "did you mean" hint, ``field-choice``, ``value-number``,
``value-date``, ``id-format``, ``money-negative``...). The location path of the error is
turned into a line and column through the file's position map (YAML) or the row's line,
the column's index, the cell (``G7``) and the column's header as the file writes it (CSV).
The codes themselves are declared in :mod:`generator.findings.codes`.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from generator.findings import Findings

ERROR_CODES = {
    # pydantic error type -> finding code (the rest: field-type)
    "missing": "field-required",
    "extra_forbidden": "field-unknown",
    "literal_error": "field-choice",
    "enum": "field-choice",
    "choice": "field-choice",
    "number": "value-number",
    "date": "value-date",
    "period": "value-period",
    "slug": "id-format",
    "negative": "money-negative",
    "markup": "value-markup",
    "phone": "phone-format",
    "credit_code": "credit-code",
    "string_pattern_mismatch": "field-format",
    "url_parsing": "field-format",
    "too_short": "field-empty",
    "string_too_short": "field-empty",
    "greater_than_equal": "value-range",
    "greater_than": "value-range",
    "less_than_equal": "value-range",
    "less_than": "value-range",
    "value_error": "field-invalid",
    "assertion_error": "field-invalid",
}


def _message(err: ErrorDetails, field: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"缺少必填字段“{field}”"
    if kind == "extra_forbidden":
        return f"未知字段“{field}”"
    if kind in ("literal_error", "enum"):
        listed = "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", "")))) or ctx.get("expected", "")
        return f"“{err.get('input')}”不是允许的取值，可选：{listed}"
    if kind == "string_pattern_mismatch":
        return f"“{err.get('input')}”格式不正确"
    if kind in ("too_short", "string_too_short"):
        return "不能为空"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = next(iter(ctx.values()), "")
        word = {"greater_than_equal": "不小于", "greater_than": "大于", "less_than_equal": "不大于", "less_than": "小于"}[kind]
        return f"“{err.get('input')}”超出范围：应{word} {bound}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"“{err.get('input')}”应为整数"
    if kind in ("bool_parsing", "bool_type"):
        return f"“{err.get('input')}”应为 true 或 false"
    if kind in ("string_type",):
        return f"应为文字，却是 {type(err.get('input')).__name__}"
    if kind in ("list_type",):
        return "应为列表（每项以“- ”开头）"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "应为一组“键: 值”"
    if kind == "url_parsing":
        return f"“{err.get('input')}”不是有效的网址"
    if kind in ("value_error", "assertion_error"):
        msg = err["msg"]
        for prefix in ("Value error, ", "Assertion failed, "):
            if msg.startswith(prefix):
                msg = msg[len(prefix):]
        return msg
    if kind in ("number", "date", "period", "slug", "negative", "markup", "phone", "choice", "credit_code"):
        return err["msg"]
    return f"取值不正确：{err['msg']}"


def dotted(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow ``loc`` through nested models (lists and optionals too) to the model it is in."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        current = _inner_model(fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _hint(model: type[BaseModel], err: ErrorDetails, loc: tuple[Any, ...]) -> str | None:
    kind = err["type"]
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        if parent is not None:
            names = list(parent.model_fields)
            close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
            if close:
                return f"是不是想写“{close[0]}”？"
            return "可用字段：" + "、".join(names)
        return "删除该字段。"
    parent = _model_at(model, loc[:-1]) if loc else None
    field = parent.model_fields.get(loc[-1]) if parent is not None and loc and not isinstance(loc[-1], int) else None
    if kind == "missing":
        desc = field.description if field else None
        return f"请补充：{desc}" if desc else "请补充该字段。"
    if kind == "choice":
        return KIND_HINTS[kind]
    if field is not None and field.description:
        return f"该字段：{field.description}"
    return KIND_HINTS.get(kind)


KIND_HINTS = {
    "number": "数字写成 1234.50、1,234.50 或 ¥1234，不超过 1 万亿，最多 6 位小数。",
    "date": "日期写成 2026-07-01、2026/7/1 或 2026年7月1日，并确认这一天真实存在。",
    "period": "期间写成 2026、2026-H1、2026-Q3 或 2026-07。",
    "phone": "固定电话带区号，如 0550-6201234；服务热线如 12345、400-880-6601。",
    "markup": "删除这些字符。",
    "choice": "写网站上显示的中文（如 收入、包干制）或其编码；用 Excel 模板时从下拉列表中选择。",
}


def report(
    exc: ValidationError,
    model: type[BaseModel],
    rel: str,
    findings: Findings,
    locate: Callable[[tuple[Any, ...]], tuple[int | None, int | None] | dict[str, Any]],
    prefix: tuple[Any, ...] = (),
) -> None:
    """Add one finding per error in ``exc`` for file ``rel``; ``locate`` maps a loc to
    (line, column) or to a dict of location keywords (line, column, cell, column_name)."""
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        field = dotted(prefix + loc) or None
        where = locate(loc)
        if isinstance(where, tuple):
            where = {"line": where[0], "column": where[1]}
        name = where.get("column_name") or (dotted(loc[-1:]) if loc else "")
        findings.add(
            ERROR_CODES.get(err["type"], "field-type"),
            rel,
            _message(err, name),
            field=field,
            hint=_hint(model, err, loc),
            **where,
        )

