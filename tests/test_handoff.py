"""A check handed from one job to the others (``check --save-checked``, ``build --checked``).

What a build given the handed check makes is checked in ``tests/test_shards.py`` (the three
district parts built from one check merge into the whole site, byte for byte); here: a file
that is not that check of these inputs is refused, in Chinese, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import AS_OF, cli, edit


def _save(data: Path, to: Path) -> Path:
    done = cli("check", "--data", data, "--as-of", AS_OF.isoformat(), "--save-checked", to)
    assert done.exit_code == 0, done.output
    assert to.is_file()
    return to


def _build(data: Path, checked: Path, out: Path, day: str = AS_OF.isoformat()):
    return cli("build", "--data", data, "--as-of", day, "--shard", "district=north", "--out", out, "--jobs", "1",
               "--checked", checked)


def test_a_check_of_another_day_is_refused(mini: Path, tmp_path: Path) -> None:
    checked = _save(mini, tmp_path / "checked.bin")
    done = _build(mini, checked, tmp_path / "part", "2026-11-16")
    assert done.exit_code == 2
    assert "另一份数据、另一个数据日期或另一版生成器的检查结果" in done.stderr
    assert "check --save-checked" in done.stderr
    assert not (tmp_path / "part").exists()


def test_a_check_of_data_changed_since_is_refused(mini: Path, tmp_path: Path) -> None:
    checked = _save(mini, tmp_path / "checked.bin")
    compound = next((mini / "compounds").iterdir()) / "compound.yaml"
    edit(compound, "name: ", "name: 新")
    done = _build(mini, checked, tmp_path / "part")
    assert done.exit_code == 2 and "另一份数据" in done.stderr
    assert not (tmp_path / "part").exists()


@pytest.mark.parametrize("spoil, said", [
    (lambda raw: b"hello\n", "不是 check --save-checked 写的检查结果文件"),
    (lambda raw: raw[:-40], "已损坏"),
])
def test_a_file_that_is_not_a_whole_check_is_refused(mini: Path, tmp_path: Path, spoil, said: str) -> None:
    checked = _save(mini, tmp_path / "checked.bin")
    checked.write_bytes(spoil(checked.read_bytes()))
    done = _build(mini, checked, tmp_path / "part")
    assert done.exit_code == 2 and said in done.stderr
    assert not (tmp_path / "part").exists()


def test_a_missing_file_is_named(mini: Path, tmp_path: Path) -> None:
    done = _build(mini, tmp_path / "nowhere.bin", tmp_path / "part")
    assert done.exit_code == 2 and "读不到" in done.stderr and "nowhere.bin" in done.stderr
