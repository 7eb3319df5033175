"""Each fact once: every registry of issue 22 point 3, with a test that fails when a second
wording or rule appears elsewhere (as tests/test_item_registry.py does for item labels).

Each test reads the generator's source (Python, Jinja and Typst templates) and names the
files where a wording or a rule is spelled again outside its registry; each also asserts that
the registry itself is found, so a renamed registry cannot make the test pass empty.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import generator
from generator.derive.status import LABELS
from generator.model.vocabulary import PERIOD_UNITS, ROUNDINGS
from generator.views.status import LONG_TERM, NO_REASON, NOT_SHOWN

PACKAGE = Path(generator.__file__).parent
SOURCES = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".j2", ".typ") and "tools" not in p.parts)
RESIDENT_FACING = ("views", "render", "templates")


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def where(pattern: str, *, within: tuple[str, ...] = (), python_only: bool = False, literal: bool = True) -> list[str]:
    """Files (relative to the package) whose text matches ``pattern``."""
    regex = re.compile(re.escape(pattern) if literal else pattern)
    found = []
    for path in SOURCES:
        rel = _rel(path)
        if within and rel.split("/")[0] not in within or python_only and path.suffix != ".py":
            continue
        if regex.search(path.read_text(encoding="utf-8")):
            found.append(rel)
    return found


@pytest.mark.parametrize("wording", [*NOT_SHOWN.values(), NO_REASON, LONG_TERM])
def test_what_a_status_means_is_worded_once(wording: str) -> None:
    assert where(wording, within=RESIDENT_FACING) == ["views/status.py"]


@pytest.mark.parametrize("label", LABELS.values())
def test_status_names_come_from_the_status_registry(label: str) -> None:
    """Code that names a state reads :data:`generator.derive.status.LABELS`; prose in templates
    (a legend, a help text) may use the words."""
    assert where(f'"{label}"', within=RESIDENT_FACING, python_only=True) == []
    assert "derive/status.py" in where(f'"{label}"', python_only=True)


def test_which_states_show_data_is_said_once() -> None:
    assert where(r'\(\s*"published"\s*,\s*"stale"\s*\)', literal=False) == ["derive/status.py"]


def test_which_company_serves_a_compound_is_one_rule() -> None:
    assert where(r'management\s*[!=]=\s*"professional"', literal=False) == ["model/compound.py"]


def test_rounding_words_and_rank_arrows_are_said_once() -> None:
    assert where(f'"{ROUNDINGS["down"]}"', python_only=True) == ["model/vocabulary.py"]
    assert where('f"↑', python_only=True) == ["views/ranking.py"]


def test_period_units_are_said_once() -> None:
    assert where(r'"quarter":\s*"[^"0-9]*季度', literal=False) == ["model/vocabulary.py"]
    assert PERIOD_UNITS["quarter"] == "季度"


def test_data_folder_paths_come_from_one_module() -> None:
    assert where(r'f"(compounds|companies|evaluations)/\{', literal=False, python_only=True) == []
    assert where("def compound_folder(") == ["model/datafolder.py"]


def test_the_photo_name_rule_is_one_function() -> None:
    rule = r'"/" (not )?in [\w.]+ (or|and) "\\\\" (not )?in '
    assert where(rule, literal=False, python_only=True) == ["model/datafolder.py"]


def test_did_you_mean_is_one_function() -> None:
    assert where(r"def _?did_you_mean", literal=False) == ["findings/suggest.py"]


def test_atomic_writes_are_one_implementation() -> None:
    assert where("os.replace(", python_only=True) == ["write/atomic.py"]
