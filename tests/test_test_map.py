"""tests/README.md, the map from the modules of generator/ to their tests, stays true.

The map is made from the code: for every module of ``generator/``, the test files that import
it (``from generator.x import ...`` or ``import generator.x``, also inside a function), then the
stage's tests that reach it through a command. The test compares tests/README.md with the map
made now; after moving or adding a module or a test, rewrite it with
``.venv/bin/python tests/test_test_map.py`` and review the diff.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TESTS = ROOT / "tests"
PACKAGE = ROOT / "generator"
MAP = TESTS / "README.md"

THROUGH = {
    "findings": "every test that checks data (test_checks.py, test_findings_output.py)",
    "errors": "test_cli.py, test_site_build.py, test_hostile.py (exit codes and messages)",
    "templates": "test_templates.py, test_golden.py, test_site.py (the rendered pages)",
    "model": "test_checks.py, test_sample_data.py, test_chinese_values.py",
    "load": "test_checks.py, test_clerk_mistakes.py, test_workbooks.py, test_hostile.py",
    "derive": "test_golden.py, test_site.py, test_rank.py",
    "checks": "test_checks.py, test_rank_checks.py, test_clerk_mistakes.py",
    "render": "test_golden.py, test_site.py, test_browser.py, test_pdf.py",
    "write": "test_site_build.py, test_hostile_build.py",
    "engines": "test_site_build.py, test_engines.py, test_pdf.py",
    "commands": "test_site_build.py, test_shards.py, test_hostile.py, test_cli.py",
    "tools": "test_synth.py",
    "cli": "test_cli.py (every command through click's runner), test_progress.py",
    "__main__": "test_cli.py (python -m generator in a new process)",
}
"""Stage -> the tests that exercise its modules through a command or a built site."""

HEADER = """# Tests: which module is tested where

Made from the code by `tests/test_test_map.py` (it fails when this file is out of date; rewrite
it with `.venv/bin/python tests/test_test_map.py` and review the diff). For each module of
`generator/`: the test files that import it, then the tests of its stage that reach it through
a command or a built site. Shared helpers: `support.py` (paths, `AS_OF`, mutations, the one-defect
row `Defect`, the in-process command runner `cli`), `conftest.py` (fixtures), `sitebuild.py` (built
sites shared across workers), `siteserver.py` (a local server on 127.0.0.1). How to run them and
the golden files: [docs/maintainers/testing.md](../docs/maintainers/testing.md).
"""


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def _stage(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def render_map() -> str:
    modules = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    importers: dict[str, list[str]] = {name: [] for name in modules}
    for test in sorted(TESTS.glob("*.py")):
        for name in _imported(test):
            if name in importers and test.name not in importers[name]:
                importers[name].append(test.name)
    out = [HEADER]
    stages = sorted({_stage(name) for name in modules}, key=lambda st: (st != "__init__", st))
    for stage in stages:
        title = "generator/" if stage == "__init__" else f"generator/{stage}"
        out.append(f"\n## `{title}`\n\n" + (f"Also through: {THROUGH[stage]}.\n\n" if stage in THROUGH else ""))
        out.append("| module | imported by |\n| --- | --- |\n")
        for name, path in modules.items():
            if _stage(name) == stage:
                direct = ", ".join(sorted(importers[name])) or "—"
                out.append(f"| `{path.relative_to(ROOT).as_posix()}` | {direct} |\n")
    return "".join(out)


def test_the_map_lists_every_module_and_is_up_to_date() -> None:
    made = render_map()
    assert made.count("\n| `generator/") == len(list(PACKAGE.rglob("*.py"))) > 100
    assert MAP.read_text(encoding="utf-8") == made, (
        "tests/README.md is out of date: run .venv/bin/python tests/test_test_map.py and review the diff")


def test_every_stage_names_tests_that_exist() -> None:
    stages = {_stage(_module_name(p)) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert stages <= set(THROUGH), f"stages without tests named: {sorted(stages - set(THROUGH))}"
    named = {word.strip(",()") for text in THROUGH.values() for word in text.split() if word.startswith("test_")}
    assert named and all((TESTS / name).is_file() for name in named), sorted(n for n in named if not (TESTS / n).is_file())


if __name__ == "__main__":
    MAP.write_text(render_map(), encoding="utf-8")
    print(f"wrote {MAP.relative_to(ROOT)}")
