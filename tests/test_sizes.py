"""Rooms a newcomer can read: no module of generator/ over 400 lines, no function over 60.

Both limits are measured over every Python file of the package (a function's lines run from
its ``def``, decorators excluded, to its last line, docstring and comments included). The
few known offenders are listed once in :data:`KNOWN_OFFENDERS`, each with the reason it is
still there; the list may only shrink: an entry that no longer offends fails the test too, so
it is removed when its module is split.
"""

from __future__ import annotations

import ast

from tests.support import ROOT

PACKAGE = ROOT / "generator"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

KNOWN_OFFENDERS: dict[str, str] = {
    # Owned by the view stage of issue 22 (branch views), which splits them:
    "generator/checks/arithmetic.py:_public_revenue": "function: the public-revenue checks, one per rule",
    # Being hardened on branch workbooks (issue 22 leaves the loaders' structure to it):
}


def _offenders() -> set[str]:
    found = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > MAX_MODULE_LINES:
            found.add(rel)
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno is not None
                if node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                    found.add(f"{rel}:{node.name}")
    return found


def test_the_measure_sees_the_whole_package() -> None:
    modules = list(PACKAGE.rglob("*.py"))
    assert len(modules) > 100, "the size limits are measured over too few modules"


def test_no_module_over_400_lines_and_no_function_over_60() -> None:
    new = sorted(_offenders() - set(KNOWN_OFFENDERS))
    assert not new, f"over {MAX_MODULE_LINES} lines (a module) or {MAX_FUNCTION_LINES} (a function): split them: {new}"


def test_the_list_of_known_offenders_only_shrinks() -> None:
    gone = sorted(set(KNOWN_OFFENDERS) - _offenders())
    assert not gone, f"no longer over the limits: remove from KNOWN_OFFENDERS: {gone}"
