"""Open data with a schema: the city-wide CSVs of the built sample and their Data Package.

``frictionless validate`` (the real validator, a dev dependency) checks every CSV against
``/data/datapackage.json``: types, required cells, allowed values, primary and foreign keys.
Expected values come from the data files, not from the renderer."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from frictionless import Package

from generator.derive.statements import fund_years
from generator.findings import Findings
from generator.load.dataset import load
from tests.sitebuild import Built, sample_site

CITY_WIDE = {"compounds", "compliance", "fees", "fee-tiers", "public-revenue", "revenue-distributions", "maintenance-fund",
             "fund-notices", "rankings"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return sample_site(tmp_path_factory)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def validate(folder: Path):
    return Package(str(folder / "datapackage.json")).validate()


def test_datapackage_describes_every_city_wide_csv_and_validates(built: Built) -> None:
    data = built.site / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in package["resources"]} == CITY_WIDE
    for resource in package["resources"]:
        header = next(csv.reader(io.StringIO((data / resource["path"]).read_text(encoding="utf-8-sig"))))
        assert [f["name"] for f in resource["schema"]["fields"]] == header, resource["name"]
        for f in resource["schema"]["fields"]:  # titled in Chinese, typed
            assert any("\u4e00" <= ch <= "\u9fff" for ch in f["title"]), (resource["name"], f)
            assert f["type"] in {"string", "integer", "number", "date", "boolean"}
        assert resource["schema"]["primaryKey"]
    fees = next(r for r in package["resources"] if r["name"] == "fees")
    price = next(f for f in fees["schema"]["fields"] if f["name"] == "收费标准")
    assert price["type"] == "string"  # as the notice prints it: 0.80, 1.20-1.80, 见分档表, 按质论价
    kinds = next(f for f in fees["schema"]["fields"] if f["name"] == "收费类别")
    assert "物业服务费" in kinds["constraints"]["enum"]
    revenue = next(r for r in package["resources"] if r["name"] == "public-revenue")
    assert {f["unit"] for f in revenue["schema"]["fields"] if f["type"] == "number"} == {"元"}
    assert revenue["schema"]["foreignKeys"][0]["reference"]["resource"] == "compounds"
    report = validate(data)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_the_validator_catches_a_wrong_cell(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(built.site / "data", copy)
    text = (copy / "public-revenue.csv").read_text(encoding="utf-8-sig").splitlines()
    cells = next(csv.reader([text[1]]))
    cells[cells.index(next(c for c in cells if c.replace(".", "").isdigit() and c != "1"))] = "一块三"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    text[1] = buf.getvalue()
    (copy / "public-revenue.csv").write_text("\ufeff" + "\r\n".join(text) + "\r\n", encoding="utf-8")
    report = validate(copy)
    assert not report.valid
    assert {e[1] for e in report.flatten(["rowNumber", "type"])} >= {"type-error"}


def test_city_wide_tables_hold_the_published_figures(built: Built) -> None:
    ds = load(built.data, Findings())
    data = built.site / "data"
    fees = rows(data / "fees.csv")
    for cid, rec in ds.compounds.items():
        fee_rows = rec.items["fee_schedule"].table.rows if "fee_schedule" in rec.items else []
        mine = [r for r in fees if r["小区编号"] == cid]
        assert [(r["收费项目"], r["收费标准"], r["单位"]) for r in mine] == \
            [(f.item, f.price.text, f.unit or "") for f in fee_rows]
    revenue = rows(data / "public-revenue.csv")
    lanting = ds.compounds["lanting"].items["public_revenue"].file.model
    stated = {q.period.id: q.closing_balance for q in lanting.quarters}
    assert {r["季度"]: Decimal(r["期末结余"]) for r in revenue if r["小区编号"] == "lanting"} == stated
    fund = rows(data / "maintenance-fund.csv")
    for cid, rec in ds.compounds.items():
        record = rec.items.get("maintenance_fund")
        # Stated or, where the clerk left them out, computed (the cuiping-shanzhuang 2025 balance).
        years = fund_years(record.file.model, record.table.rows) if record and record.file.model.notice else []
        assert [(int(r["年度"]), Decimal(r["年末余额"])) for r in fund if r["小区编号"] == cid] == \
            [(y.year, y.closing_balance) for y in years]
    ranking = rows(data / "rankings.csv")
    assert {r["期间"] for r in ranking} == {sheet.sheet.model.period.id for sheet in ds.evaluations.values()}
    assert any(r["榜单"] == "红榜" for r in ranking)


def test_open_data_page_lists_the_tables_and_the_package(built: Built) -> None:
    html = (built.site / "data" / "index.html").read_text(encoding="utf-8")
    for name in ("fees.csv", "public-revenue.csv", "maintenance-fund.csv", "rankings.csv", "datapackage.json"):
        assert f'href="{name}"' in html
