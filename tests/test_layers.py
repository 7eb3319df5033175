"""The package layout is the pipeline: a stage imports only itself and earlier stages."""

from __future__ import annotations

import ast
from pathlib import Path

import generator

PACKAGE = Path(generator.__file__).parent
# Earlier stages first; a module may import its own stage and any earlier one.
STAGES = ["tlog", "findings", "errors", "templates", "model", "load", "derive", "checks", "views", "render", "write", "engines",
          "commands", "tools", "cli", "__main__"]


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def test_every_module_belongs_to_a_stage() -> None:
    assert len(list(PACKAGE.rglob("*.py"))) > 100
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        top = rel.parts[0].removesuffix(".py")
        assert top in STAGES + ["__init__"], f"{rel} is in no stage of {STAGES}"


def test_stages_import_only_earlier_stages() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        here = rel.parts[0].removesuffix(".py")
        if here == "__init__":
            continue
        for module in _imports(path):
            there = _stage(module)
            if there in STAGES and STAGES.index(there) > STAGES.index(here):
                wrong.append(f"{rel} ({here}) imports {module} ({there})")
    assert not wrong, "\n".join(wrong)


def test_web_and_paper_are_layouts_of_the_views_and_never_import_each_other() -> None:
    """Web pages and paper sheets lay out the same views (generator/views); neither reads the
    other's output, so a stamp or a wording can never come from the other layout."""
    crossing = []
    for here, there in (("web", "paper"), ("paper", "web")):
        for path in sorted((PACKAGE / "render" / here).rglob("*.py")):
            crossing += [f"{path.relative_to(PACKAGE)} imports {m}" for m in _imports(path)
                         if m.startswith(f"generator.render.{there}")]
    assert crossing == [] and len(list((PACKAGE / "render" / "web").rglob("*.py"))) > 10
