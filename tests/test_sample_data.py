"""The sample city in data/ passes `check` at the Makefile's as-of date and shows the
deliberate variety the site and PDFs demonstrate (stale, missing, N.A., 酬金制, 自治物业).

Assertions go through the CLI's JSON output and the status matrix the checks compute, the
same views the site is built from.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date

import pytest

from generator.checks import run_checks
from generator.findings import Findings
from generator.load.csvfile import decode
from generator.load.dataset import load
from tests.support import AS_OF, cli, DATA


@pytest.fixture(scope="module")
def checked():
    findings = Findings()
    ds = load(DATA, findings)
    matrix = run_checks(ds, AS_OF, findings)
    return ds, matrix, findings.sorted()


def test_check_exits_zero_and_reports_only_warnings():
    result = cli("check", "--data", str(DATA), "--as-of", AS_OF.isoformat(), "--format", "json")
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)
    assert [f for f in findings if f["severity"] == "error"] == []


def test_disclosure_gaps_are_exactly_the_deliberate_ones():
    result = cli("check", "--data", str(DATA), "--as-of", AS_OF.isoformat(), "--format", "json")
    gaps = {(f["code"], f["file"]) for f in json.loads(result.stdout) if f["code"].startswith("disclosure-")}
    assert gaps == {
        ("disclosure-stale", "compounds/jinshi-huayuan/public_revenue.yaml"),
        ("disclosure-missing", "compounds/changdi-jiayuan/maintenance_fund.yaml"),
    }


def test_size_of_the_city(checked):
    ds, matrix, _ = checked
    assert len(ds.city.model.districts) >= 2
    assert len(ds.companies) >= 4
    assert len(matrix) >= 8
    used = {rec.model.district for rec in ds.compounds.values()}
    assert len(used) >= 2


def test_stale_public_revenue_stopped_at_second_quarter(checked):
    _, matrix, _ = checked
    status = matrix["jinshi-huayuan"]["public_revenue"]
    assert status.state == "stale"
    assert status.notice.period.id == "2026-q2"
    assert status.due == date(2026, 10, 30)


def test_missing_item_has_no_file(checked):
    ds, matrix, _ = checked
    assert matrix["changdi-jiayuan"]["maintenance_fund"].state == "missing"
    assert "maintenance_fund" not in ds.compounds["changdi-jiayuan"].items


def test_not_applicable_items_state_their_reasons(checked):
    _, matrix, _ = checked
    na = {(cid, item): st.reason for cid, row in matrix.items() for item, st in row.items()
          if st.state == "not_applicable"}
    assert "小区无车位" in na[("wenhua-xincun", "parking")]
    assert na[("hepan-yaju", "utility_sharing")]
    assert all(reason for reason in na.values())


def test_elevator_less_compound_still_publishes_facility_maintenance(checked):
    ds, matrix, _ = checked
    assert matrix["wenhua-xincun"]["facility_maintenance"].state == "published"
    systems = {row.system for row in ds.compounds["wenhua-xincun"].items["facility_maintenance"].table.rows}
    assert "电梯" not in systems and "消防" in systems


def test_commission_contract_publishes_quarterly_with_commission(checked):
    ds, matrix, _ = checked
    commission = [cid for cid, rec in ds.compounds.items() if rec.model.contract and rec.model.contract.type == "commission"]
    assert commission
    for cid in commission:
        status = matrix[cid]["service_accounts"]
        assert status.state == "published"
        assert status.notice.period.kind == "quarter"
        accounts = ds.compounds[cid].items["service_accounts"].file.model
        assert accounts.commission is not None and accounts.commission.amount > 0


def test_self_managed_compound_without_company(checked):
    ds, matrix, _ = checked
    selfm = [cid for cid, rec in ds.compounds.items() if rec.model.management == "self_managed"]
    assert selfm
    for cid in selfm:
        assert ds.compounds[cid].model.company is None
        assert matrix[cid]["company_profile"].state == "published"


def test_several_compounds_fully_compliant(checked):
    _, matrix, _ = checked
    compliant = [cid for cid, row in matrix.items()
                 if all(st.state in ("published", "not_applicable") for st in row.values())]
    assert len(compliant) >= 3


def test_every_catalogue_item_is_published_somewhere(checked):
    ds, matrix, _ = checked
    for item in ds.catalogue.model.items:
        assert any(row[item.id].state == "published" for row in matrix.values()), item.id


def test_company_share_is_booked_where_a_rate_is_agreed(checked):
    ds, matrix, _ = checked
    shared = [rec.items["public_revenue"] for rec in ds.compounds.values()
              if "public_revenue" in rec.items and rec.items["public_revenue"].file.model.company_share_rate]
    assert shared
    for record in shared:
        assert any(row.type == "company_share" for row in record.table.rows)
        assert all(q.company_share > 0 for q in record.file.model.quarters)


def test_csvs_come_in_every_accepted_encoding_and_load_cleanly(checked):
    _, _, findings = checked
    encodings = set()
    for path in sorted(DATA.glob("compounds/*/*.csv")):
        raw = path.read_bytes()
        encodings.add("utf-8-bom" if raw.startswith(b"\xef\xbb\xbf") else decode(raw)[1])
    assert encodings == {"utf-8-bom", "utf-8-sig", "gb18030"}  # utf-8-sig = plain UTF-8 without BOM
    assert not [f for f in findings if f.code.startswith(("csv-", "value-", "field-"))]


def test_two_compounds_keep_their_tables_as_workbooks_saved_by_a_spreadsheet_program(checked):
    ds, _, _ = checked
    workbooks = {rec.id: sorted(r.table.rel.rsplit("/", 1)[-1] for r in rec.items.values()
                                if r.table.rel and r.table.rel.endswith(".xlsx"))
                 for rec in ds.compounds.values()}
    with_workbooks = {cid for cid, names in workbooks.items() if names}
    assert len(with_workbooks) >= 2, workbooks
    for cid in with_workbooks:
        assert not list((DATA / "compounds" / cid).glob("*.csv")), f"{cid} keeps its tables in one form"
        # Saved by LibreOffice Calc, not by the generator: the producer says so.
        for name in workbooks[cid]:
            with zipfile.ZipFile(DATA / "compounds" / cid / name) as archive:
                assert b"LibreOffice" in archive.read("docProps/app.xml"), name


def test_the_sample_shows_stated_and_computed_figures(checked):
    """Type nothing twice: one compound states its quarter totals (checked against the ledger),
    another leaves them, its ledger balances and its collection rate to the generator; a fund
    year without balances is computed from the year before; a utility table gives only the
    readings and the price."""
    ds, _, _ = checked
    revenue = {cid: rec.items["public_revenue"] for cid, rec in ds.compounds.items() if "public_revenue" in rec.items}
    assert any(r.file.model.quarters for r in revenue.values())
    computed = [cid for cid, r in revenue.items()
                if not r.file.model.quarters and r.table.rows and all(row.balance is None for row in r.table.rows)]
    assert computed, "no compound leaves its quarter totals and balances to the generator"
    assert any(r.table.totals for r in revenue.values()), "no ledger with a 合计 row"
    accounts = [rec.items["service_accounts"].file.model for rec in ds.compounds.values() if "service_accounts" in rec.items]
    assert any(a.income and a.income.collection_rate is None for a in accounts)
    assert any(a.income and a.income.collection_rate is not None for a in accounts)
    funds = [rec.items["maintenance_fund"].file.model for rec in ds.compounds.values() if "maintenance_fund" in rec.items]
    assert any(y.closing_balance is None for f in funds for y in f.years)
    assert any(y.closing_balance is not None for f in funds for y in f.years)
    utility = [rec.items["utility_sharing"].table for rec in ds.compounds.values() if "utility_sharing" in rec.items]
    assert any(t.rows and "usage" not in t.header and "per_unit" not in t.header for t in utility)
    assert any("usage" in t.header and "per_unit" in t.header for t in utility)


def test_coded_values_are_written_in_chinese_somewhere(checked):
    ds, _, _ = checked
    texts = [(rec.folder / "compound.yaml").read_text(encoding="utf-8") for rec in ds.compounds.values()]
    assert any("management: 专业物业" in t for t in texts) and any("management: professional" in t for t in texts)
