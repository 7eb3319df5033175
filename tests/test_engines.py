"""The site engines on the staged folder: Zensical reads the folder MkDocs reads, unchanged.

* a kept staging folder rebuilt by Zensical gives the same files, byte for byte, as the build
  (deterministic; the staging folder is left as it was: no ``site/`` or ``.cache/`` in it);
* Zensical's warnings reach the build as ``file:line:column message``, and with ``--strict``
  fail it, leaving the old site in place; ``build --engine`` offers exactly the engines there are.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from generator.commands.build import SITE_MARKER, BuildOptions, build
from generator.errors import EngineFailed
from generator.engines.site_engine import ENGINES
from generator.engines.html_compact import tidy_output
from generator.engines.zensical_runner import run_zensical
from tests.sitebuild import sub_path_site
from tests.support import AS_OF, CONFIG, CONTENT, MINI, cli

pytestmark = pytest.mark.zensical


def differences(a: Path, b: Path) -> list[str]:
    """Files only on one side or with different bytes, recursively."""
    found: list[str] = []
    compare = filecmp.dircmp(a, b)
    found += [f"only in {a}: {n}" for n in compare.left_only] + [f"only in {b}: {n}" for n in compare.right_only]
    found += [n for n in compare.common_files if not filecmp.cmp(a / n, b / n, shallow=False)]
    for sub in compare.common_dirs:
        found += [f"{sub}/{d}" for d in differences(a / sub, b / sub)]
    return found


def test_zensical_rebuilds_the_kept_staging_folder_byte_for_byte(tmp_path_factory: pytest.TempPathFactory,
                                                                 tmp_path: Path) -> None:
    built = sub_path_site(tmp_path_factory, "zensical")
    staged = sorted(p.name for p in built.stage.iterdir())
    again = tmp_path / "again"
    assert run_zensical(built.stage / "mkdocs.yml", again) == []
    tidy_output(again)  # what the build does to the engine's output
    site = tmp_path / "site"
    shutil.copytree(built.site, site, ignore=shutil.ignore_patterns("pdf", "v", SITE_MARKER))
    assert len(list(again.rglob("index.html"))) > 100
    assert differences(site, again) == []
    assert sorted(p.name for p in built.stage.iterdir()) == staged  # no site/ or .cache/ left behind


def test_zensical_warnings_name_the_file_and_line_and_strict_fails_the_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    (content / "about.md").write_text("# 关于\n\n见[不存在的页面](nowhere.md)。\n", encoding="utf-8")
    out = tmp_path / "site"
    result = build(BuildOptions(data=MINI, out=out, as_of=AS_OF, content=content, config=CONFIG, engine="zensical",
                                pdf_cache=tmp_path / "cache"))
    assert result.ok and (out / "about" / "index.html").is_file()
    assert any(w.startswith("about.md:3:") and "does not exist" in w for w in result.warnings), result.warnings
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    with pytest.raises(EngineFailed, match=r"Zensical 构建失败：about\.md:3:"):
        build(BuildOptions(data=MINI, out=out, as_of=AS_OF, content=content, config=CONFIG, engine="zensical",
                           strict=True, pdf_cache=tmp_path / "cache"))
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before


def test_build_offers_exactly_the_engines_there_are() -> None:
    assert set(ENGINES) == {"mkdocs", "zensical"}
    refused = cli("build", "--engine", "hugo")
    assert refused.exit_code == 2 and "mkdocs" in refused.stderr and "zensical" in refused.stderr
