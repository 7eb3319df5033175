"""The staff data guide (generator/templates/content/data-guide.md) documents every field and every finding code.

Like datasette's "every setting is documented" test: adding a field to a model in
generator/model, or a finding code to the generator, without documenting it fails here.

Conventions the test reads: each model has a table preceded by ``<!-- model: ClassName -->``;
each row starts with the field name in backticks; CSV row models also give the Chinese
column title in the same cell; the third column ("必填") starts with 是 exactly when the
field is required. Finding codes: tests/test_finding_codes.py.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import generator
import generator.model
from generator.model import tables
from generator.model.base import Period, Record
from tests.support import CONTENT

GUIDE = (CONTENT / "data-guide.md").read_text(encoding="utf-8")
MARKER = re.compile(r"<!-- model: (\w+) -->")
ROW = re.compile(r"^\| `([a-z_0-9]+)`(.*)$", re.M)


def _models() -> dict[str, type[Record]]:
    """Every YAML and CSV row model: Record subclasses defined in generator/model/*."""
    found: dict[str, type[Record]] = {}
    for info in pkgutil.iter_modules(generator.model.__path__):
        module = importlib.import_module(f"generator.model.{info.name}")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            # Period is written as a string (2026-Q3), documented in the guide's 期间 section.
            if issubclass(cls, Record) and cls.__module__ == module.__name__ and cls not in (Record, Period):
                found[name] = cls
    return found


MODELS = _models()


def _own_fields(cls: type[Record]) -> dict:
    """Fields declared on ``cls`` itself; inherited ones are documented with the base model."""
    inherited = set()
    for base in cls.__mro__[1:]:
        if isinstance(base, type) and issubclass(base, Record) and base is not Record:
            inherited |= set(base.model_fields)
    return {name: info for name, info in cls.model_fields.items() if name not in inherited}


def _sections() -> dict[str, str]:
    """Model name -> the guide's text from its marker to the next marker or heading."""
    out: dict[str, str] = {}
    for match in MARKER.finditer(GUIDE):
        rest = GUIDE[match.end():]
        end = re.search(r"<!-- model: |^#{2,4} ", rest, re.M)
        out[match.group(1)] = rest[: end.start() if end else len(rest)]
    return out


SECTIONS = _sections()


def _rows(section: str) -> dict[str, list[str]]:
    rows = {}
    for match in ROW.finditer(section):
        cells = [c.strip() for c in ("`" + match.group(1) + "`" + match.group(2)).strip("|").split("|")]
        rows[match.group(1)] = cells
    return rows


def test_models_are_found():
    assert {"City", "Compound", "PublicRevenueFile", "Notice", "PublicRevenueRow", "EvaluationRow"} <= set(MODELS)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_field_is_documented(name: str):
    assert name in SECTIONS, f"generator/templates/content/data-guide.md has no <!-- model: {name} --> table"
    rows = _rows(SECTIONS[name])
    cls = MODELS[name]
    fields = _own_fields(cls)
    undocumented = sorted(set(fields) - set(rows))
    assert not undocumented, f"{name}: fields not in the guide: {undocumented}"
    stale = sorted(set(rows) - set(fields))
    assert not stale, f"{name}: the guide documents fields the model does not have: {stale}"
    for field, info in fields.items():
        cells = rows[field]
        assert len(cells) == 4 and cells[1], f"{name}.{field}: row needs 字段 | 含义 | 必填 | 示例"
        required = cells[2].startswith("是")
        assert required == info.is_required(), f"{name}.{field}: 必填 column says {cells[2]!r}"
        if cls.__module__ == tables.__name__ and info.title:
            assert info.title in cells[0], f"{name}.{field}: CSV column title {info.title!r} missing"


def test_no_marker_for_a_model_that_does_not_exist():
    assert sorted(set(SECTIONS) - set(MODELS)) == []

