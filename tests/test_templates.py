"""Excel templates and ``new compound``: generated from the models, and usable as they come.

Every template is filled in with openpyxl as a clerk fills it in Excel (date cells, numbers,
the Chinese values of the drop-down lists, a 合计 row), saved in place of the mini city's
table, and must pass ``check`` with no edit and load the same rows as the CSV. A new compound
passes ``check`` at once, its items 未公示 until filled in.
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from generator.findings import Findings, Severity
from generator.load.dataset import load
from generator.model.base import Coded
from generator.model.compound import Compound
from generator.model.items import ITEMS
from generator.model.shapes import inner_model, shape_of
from generator.model.stated import Stated
from generator.render.forms.workbook import TABLES, template
from tests.support import CONTENT, PC, cli, findings_for, listing

ITEM_TABLES = sorted(name for name in TABLES if name != "evaluation")


def _clerk_value(info: Any, value: Any) -> Any:
    """What a clerk puts in the cell for ``value``: a date cell, a number, the Chinese label."""
    if value is None:
        return None
    if isinstance(value, Stated):
        return value.text  # a price typed into its text cell, as the notice prints it
    shape = shape_of(info)
    if shape == "month":
        year, month = map(int, value.split("-"))
        return date(year, month, 1)  # typed as 2026-10 into a yyyy-mm cell: Excel keeps a date
    coded = next((m for m in info.metadata if isinstance(m, Coded)), None)
    if coded is not None:
        return coded.codes[value]
    return value


def fill(name: str, rows: list[Any], total: bool = True) -> bytes:
    """The template of ``name`` with ``rows`` (validated models) typed in, plus a 合计 row."""
    wb = load_workbook(io.BytesIO(template(name)))
    ws = wb[TABLES[name].sheet]
    model = TABLES[name].model
    fields = list(model.model_fields.items())
    for r, row in enumerate(rows, start=2):
        for c, (field, info) in enumerate(fields, start=1):
            ws.cell(r, c, _clerk_value(info, getattr(row, field)))
    if total and model.TOTALS and rows:
        at = len(rows) + 2
        ws.cell(at, 1, "合计")
        for c, (field, _) in enumerate(fields, start=1):
            if field in model.TOTALS:
                ws.cell(at, c, sum((getattr(row, field) for row in rows), Decimal(0)))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _rows(root: Path, name: str) -> list[Any]:
    ds = load(root, Findings())
    if name == "evaluation":
        return list(next(iter(ds.evaluations.values())).table.rows)
    return list(ds.compounds["pine-court"].items[name].table.rows)


@pytest.mark.parametrize("name", ITEM_TABLES)
def test_every_template_filled_in_as_a_clerk_would_passes_check(mini: Path, name: str) -> None:
    expected = _rows(mini, name)
    assert expected, f"the mini city has no {name} rows to type in"
    (mini / PC / f"{name}.csv").unlink()
    (mini / PC / f"{name}.xlsx").write_bytes(fill(name, expected))
    found = findings_for(mini)
    assert found == [], listing(found)
    assert _rows(mini, name) == expected


def test_the_evaluation_template_filled_in_passes_check(rated: Path) -> None:
    expected = _rows(rated, "evaluation")
    sheet = next((rated / "evaluations").glob("*.csv"))
    sheet.unlink()
    sheet.with_suffix(".xlsx").write_bytes(fill("evaluation", expected))
    assert findings_for(rated) == []
    assert _rows(rated, "evaluation") == expected


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_template_has_the_models_headers_lists_formats_and_notes(name: str) -> None:
    form = TABLES[name]
    wb = load_workbook(io.BytesIO(template(name)))
    assert wb.sheetnames == [form.sheet, "填写说明"]
    ws = wb[form.sheet]
    fields = list(form.model.model_fields.items())
    assert [c.value for c in ws[1]] == [info.title for _, info in fields]
    assert ws.freeze_panes == "A2"
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in ws.data_validations.dataValidation if v.type == "list"}
    for col, (field, info) in enumerate(fields, start=1):
        letter = ws.cell(1, col).column_letter
        assert ws.cell(1, col).comment is not None and info.title in ws.cell(1, col).comment.text
        shape = shape_of(info)
        if shape == "choice":
            assert f"{letter}2" in lists, f"{name}.{field} has no drop-down list"
            assert re.fullmatch(r'"[^"]+"', lists[f"{letter}2"]) and not re.search(r"[a-z_]{3,}", lists[f"{letter}2"])
        if shape == "date":
            assert ws.column_dimensions[letter].number_format == "yyyy-mm-dd"
        if shape in ("phone", "text"):
            assert ws.column_dimensions[letter].number_format == "@"  # Excel keeps 0550-… and leading zeros
    assert ws.max_row == 1, "a template has no example rows: it must pass check as it is filled"


def test_templates_are_the_same_bytes_every_time() -> None:
    assert all(template(name) == template(name) for name in TABLES)


def test_the_staff_guide_links_every_template() -> None:
    guide = (CONTENT / "data-guide.md").read_text(encoding="utf-8")
    for name in TABLES:
        assert f"(excel-templates/{name}.xlsx)" in guide, name


# --- the template command -------------------------------------------------------------


def test_template_command_writes_the_workbook_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "台账.xlsx"
    result = cli("template", "公共收益收支", "--out", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == template("public_revenue")
    assert "public_revenue.xlsx" in result.output
    assert cli("template", "公共收益", "--out", tmp_path / "b.xlsx").exit_code == 0  # a part that fits one table
    again = cli("template", "public-revenue", "--out", out)
    assert again.exit_code == 2 and "已存在" in again.output


def test_template_command_explains_unknown_tables_and_items_without_a_table(tmp_path: Path) -> None:
    unknown = cli("template", "revenues", "--out", tmp_path / "x.xlsx")
    assert unknown.exit_code == 2 and "public_revenue（公共收益收支）" in unknown.output
    none = cli("template", "complaint_channels", "--out", tmp_path / "y.xlsx")
    assert none.exit_code == 2 and "没有表格" in none.output
    assert not list(tmp_path.iterdir())


# --- new compound ---------------------------------------------------------------------


def test_a_new_compound_passes_check_at_once_with_its_items_not_yet_published(mini: Path) -> None:
    result = cli("new", "compound", "lanting", "--name", "兰亭苑", "--community", "willow", "--data", mini)
    assert result.exit_code == 0, result.output
    folder = mini / "compounds" / "lanting"
    catalogue = yaml.safe_load((mini / "catalogue.yaml").read_text(encoding="utf-8"))["items"]
    expected = {"compound.yaml"} | {f"{i['id']}.yaml" for i in catalogue} | {
        f"{i['id']}.xlsx" for i in catalogue if ITEMS[i["id"]].row_model is not None}
    assert {p.name for p in folder.iterdir()} == expected
    compound = yaml.safe_load((folder / "compound.yaml").read_text(encoding="utf-8"))
    assert compound == {"name": "兰亭苑", "district": "north", "street": "river-street", "community": "willow"}
    found = [f for f in findings_for(mini) if f.file.startswith("compounds/lanting/")]
    assert all(f.severity is Severity.WARNING for f in found), listing(found)
    assert sorted({f.code for f in found}) == ["compound-incomplete", "disclosure-missing"]
    missing = [f for f in found if f.code == "disclosure-missing"]
    assert len(missing) == sum(1 for i in catalogue if i.get("required", True))
    assert all("文件已建好，还没有填写" in f.message for f in missing)
    check = cli("check", "--data", mini, "--as-of", "2026-11-15")
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("item_id", sorted(ITEMS))
def test_an_item_form_lists_every_field_and_uncommented_is_the_models_shape(item_id: str, mini: Path) -> None:
    cli("new", "compound", "lanting", "--name", "兰亭苑", "--community", "willow", "--data", mini)
    text = (mini / "compounds" / "lanting" / f"{item_id}.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) is None  # only comments: the item is 未公示 until filled in
    fields = text.split("\n\n", 1)[1]  # after the header, the fields as they are to be written
    body = [line for line in fields.splitlines() if re.match(r"# +(- )?[a-z_0-9]+:", line)]
    uncommented = "\n".join(re.sub(r"^# ", "", line).split(" # ")[0].rstrip() for line in body)
    data = yaml.safe_load(uncommented)
    model = ITEMS[item_id].file_model
    assert set(data) == set(model.model_fields) - {"not_applicable"}
    for name, info in model.model_fields.items():
        inner = inner_model(info)
        if inner is not None and name in data and data[name] is not None:
            value = data[name][0] if isinstance(data[name], list) else data[name]
            assert set(value) == set(inner.model_fields), f"{item_id}.{name}"


def test_the_compound_form_lists_every_field(mini: Path) -> None:
    cli("new", "compound", "lanting", "--name", "兰亭苑", "--community", "willow", "--data", mini)
    text = (mini / "compounds" / "lanting" / "compound.yaml").read_text(encoding="utf-8")
    for name in Compound.model_fields:
        assert re.search(rf"^(# )?{name}:", text, re.M), name
    assert "【必填】" in text and "专业物业" in text and "自治物业" in text


@pytest.mark.parametrize("args, code, says", [
    (["Lan_Ting", "--name", "兰亭苑", "--community", "willow"], "id-format", "只能用小写字母、数字和连字符"),
    (["pine-court", "--name", "松园", "--community", "willow"], "id-duplicate", "已经存在"),
    (["lanting", "--name", "兰亭苑", "--community", "wilow"], "ref-unknown", "没有编号为“wilow”的社区"),
])
def test_new_compound_refuses_with_a_finding_and_writes_nothing(mini: Path, args: list[str], code: str, says: str) -> None:
    before = sorted(p.relative_to(mini) for p in mini.rglob("*"))
    result = cli("new", "compound", *args, "--data", mini)
    assert result.exit_code == 1
    assert code in result.output and says in result.output, result.output
    assert sorted(p.relative_to(mini) for p in mini.rglob("*")) == before


def test_a_close_community_id_is_suggested(mini: Path) -> None:
    result = cli("new", "compound", "lanting", "--name", "兰亭苑", "--community", "wilow", "--data", mini)
    assert "是不是想写“willow”" in result.output
