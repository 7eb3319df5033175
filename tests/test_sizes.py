"""Rooms a newcomer can read: no module of generator/ over 400 lines, no function over 60.

Both limits are measured over every Python file of the package (a function's lines run from
its ``def``, decorators excluded, to its last line, docstring and comments included). There
are no exceptions.
"""

from __future__ import annotations

import ast

from tests.support import ROOT

PACKAGE = ROOT / "generator"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

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
    found = sorted(_offenders())
    assert not found, f"over {MAX_MODULE_LINES} lines (a module) or {MAX_FUNCTION_LINES} (a function): split them: {found}"

