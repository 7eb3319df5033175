"""One defect at a time in a valid city gives exactly the expected finding (code, file, line)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.findings import Severity
from tests.support import PC, edit, findings_for, only


def test_fixture_is_clean(mini: Path) -> None:
    assert findings_for(mini) == []


def test_yaml_syntax_error_points_at_line(mini: Path) -> None:
    edit(mini / PC / "company_profile.yaml", "office: {address", "office: {address: [")
    f = only(mini)
    assert (f.code, f.file, f.line, f.severity) == ("yaml-syntax", f"{PC}/company_profile.yaml", 3, Severity.ERROR)


def test_duplicate_yaml_key(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "households: 400", "households: 400\nhouseholds: 401")
    f = only(mini)
    assert (f.code, f.file, f.line, f.field) == ("yaml-duplicate-key", f"{PC}/compound.yaml", 9, "households")


def test_unknown_field_suggests_the_right_name(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "address:", "adress:")
    found = findings_for(mini)
    codes = {(f.code, f.line) for f in found}
    assert ("field-unknown", 5) in codes
    unknown = next(f for f in found if f.code == "field-unknown")
    assert "address" in unknown.hint
    assert ("field-required", 1) in codes  # the real field is now missing


def test_unknown_nested_field(mini: Path) -> None:
    edit(mini / PC / "company_profile.yaml", "office_phone:", "ofice_phone:")
    found = findings_for(mini)
    unknown = next(f for f in found if f.code == "field-unknown")
    assert (unknown.file, unknown.line, unknown.field) == (f"{PC}/company_profile.yaml", 2, "project_manager.ofice_phone")
    assert "office_phone" in unknown.hint


def test_choice_outside_the_list(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "management: professional", "management: private")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("field-choice", 6, "management")
    assert "professional" in f.message


def test_bad_date_in_csv_has_line_and_column(mini: Path) -> None:
    edit(mini / PC / "public_revenue.csv", "2026-08-01,income", "2026-13-01,income")
    found = findings_for(mini)
    f = next(f for f in found if f.code == "value-date")
    assert (f.file, f.line, f.column, f.field) == (f"{PC}/public_revenue.csv", 3, 1, "date")


def test_bad_number_in_csv(mini: Path) -> None:
    edit(mini / PC / "fee_schedule.csv", ",0.85,", ",0.8.5,")
    f = only(mini)
    assert (f.code, f.file, f.line, f.column) == ("value-number", f"{PC}/fee_schedule.csv", 2, 7)


def test_negative_money(mini: Path) -> None:
    edit(mini / PC / "fee_schedule.csv", ",0.85,", ",-0.85,")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("money-negative", 2, "price")


def test_id_must_be_a_slug(mini: Path) -> None:
    (mini / PC).rename(mini / "compounds" / "Pine_Court")
    f = only(mini)
    assert (f.code, f.file) == ("id-format", "compounds/Pine_Court")


def test_duplicate_ids_in_city(mini: Path) -> None:
    edit(mini / "city.yaml", "id: willow", "id: river-street")
    found = findings_for(mini)
    dup = next(f for f in found if f.code == "id-duplicate")
    assert (dup.file, dup.line) == ("city.yaml", 15)


def test_unknown_company_reference(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "company: acme", "company: acmee")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("ref-unknown", 7, "company")
    assert "acme" in f.hint


def test_street_in_other_district(mini: Path) -> None:
    edit(mini / "city.yaml", "  - id: north\n", "  - id: south\n    name: 南区\n    streets:\n      - {id: hill, name: 山街道}\n  - id: north\n")
    edit(mini / PC / "compound.yaml", "district: north", "district: south")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("ref-mismatch", 3, "street")


def test_running_balance(mini: Path) -> None:
    edit(mini / PC / "public_revenue.csv", "1000.00,4000.00", "1000.00,4100.00")
    f = only(mini)
    assert (f.code, f.file, f.line, f.column) == ("arith-balance", f"{PC}/public_revenue.csv", 3, 6)
    assert "4000.00" in f.message


def test_quarter_total_against_ledger(mini: Path) -> None:
    path = mini / PC / "public_revenue.yaml"
    edit(path, "used: 500.00", "used: 600.00")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("arith-period-total", 10, "quarters[1].used")
    assert "500.00" in f.message


def test_net_to_owners(mini: Path) -> None:
    edit(mini / PC / "public_revenue.yaml", "net_to_owners: 2520.00", "net_to_owners: 2800.00")
    f = only(mini)
    assert (f.code, f.line) == ("arith-net", 9)


def test_company_share_follows_the_rate(mini: Path) -> None:
    edit(mini / PC / "public_revenue.yaml", "company_share_rate: 0.1", "company_share_rate: 0.2")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("arith-net", 8, "quarters[1].company_share")


def test_utility_line_total(mini: Path) -> None:
    edit(mini / PC / "utility_sharing.csv", "0.60,1200.00,0.03", "0.60,1300.00,0.03")
    found = findings_for(mini)
    # 1300 / 40000 ㎡ still rounds to 0.03 元/㎡, so only the amount is wrong.
    assert [(f.code, f.line, f.field) for f in found] == [("arith-line-total", 2, "amount")]


def test_collection_rate(mini: Path) -> None:
    edit(mini / PC / "service_accounts.yaml", "collection_rate: 0.925", "collection_rate: 0.95")
    f = only(mini)
    assert (f.code, f.line) == ("arith-rate", 2)


def test_fund_closing_balance(mini: Path) -> None:
    edit(mini / PC / "maintenance_fund.yaml", "closing_balance: 495000.00", "closing_balance: 490000.00")
    f = only(mini)
    assert (f.code, f.line) == ("arith-balance", 3)


def test_parking_counts(mini: Path) -> None:
    edit(mini / PC / "parking.csv", "50,0,40,10", "50,0,40,11")
    f = only(mini)
    assert (f.code, f.file, f.line) == ("arith-count", f"{PC}/parking.csv", 2)


def test_stale_periodic_disclosure(mini: Path) -> None:
    found = findings_for(mini, date(2027, 2, 1))
    stale = [f for f in found if f.code == "disclosure-stale"]
    assert {f.file for f in stale} >= {f"{PC}/public_revenue.yaml", f"{PC}/utility_sharing.yaml"}
    assert all(f.severity is Severity.WARNING for f in stale)
    # Q3's notice is valid until Q4's is due (2026-12-31 + 30 days).
    assert not any(f.file.endswith("public_revenue.yaml") for f in findings_for(mini, date(2027, 1, 30)) if f.code == "disclosure-stale")


def test_missing_disclosure_is_a_warning(mini: Path) -> None:
    (mini / PC / "parking.yaml").unlink()
    (mini / PC / "parking.csv").unlink()
    f = only(mini)
    assert (f.code, f.file, f.severity) == ("disclosure-missing", f"{PC}/parking.yaml", Severity.WARNING)


@pytest.mark.parametrize("value", ['""', "true"])
def test_not_applicable_needs_a_reason(mini: Path, value: str) -> None:
    (mini / PC / "parking.csv").unlink()
    (mini / PC / "parking.yaml").write_text(f"not_applicable: {value}\n", encoding="utf-8")
    f = only(mini)
    assert (f.code, f.file, f.line, f.severity) == ("na-no-reason", f"{PC}/parking.yaml", 1, Severity.ERROR)


def test_not_applicable_with_reason_is_fine(mini: Path) -> None:
    (mini / PC / "parking.csv").unlink()
    (mini / PC / "parking.yaml").write_text("not_applicable: 小区无车位\n", encoding="utf-8")
    assert findings_for(mini) == []


def test_id_number_in_a_ledger(mini: Path) -> None:
    edit(mini / PC / "public_revenue.csv", "电梯广告", "电梯广告 付款人身份证 110101199003071234")
    f = only(mini)
    assert (f.code, f.file, f.line, f.column, f.field) == ("privacy-id-number", f"{PC}/public_revenue.csv", 2, 4, "description")
    assert "110101199003071234" not in f.message  # the finding itself masks it


def test_mobile_number_in_a_yaml_field(mini: Path) -> None:
    edit(mini / PC / "complaint_channels.yaml", "complaint: 0550-5000006", "complaint: 13812345678")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("privacy-mobile", 2, "phones.complaint")


def test_project_manager_office_phone_may_be_published(mini: Path) -> None:
    edit(mini / PC / "company_profile.yaml", "office_phone: 0550-5000002", "office_phone: 13812345678")
    assert findings_for(mini) == []


def test_resident_name_in_free_text(mini: Path) -> None:
    edit(mini / PC / "oversight.csv", "楼道堆物", "业主张伟反映楼道堆物")
    f = only(mini)
    assert (f.code, f.file, f.line, f.field) == ("privacy-name", f"{PC}/oversight.csv", 2, "issue")


def test_unknown_csv_column(mini: Path) -> None:
    edit(mini / PC / "parking.csv", "monthly_fee", "monthly_fees")
    f = only(mini)
    assert (f.code, f.line, f.column) == ("csv-unknown-column", 1, 7)
    assert "monthly_fee" in f.hint


def test_missing_csv_column(mini: Path) -> None:
    path = mini / PC / "fee_schedule.csv"
    lines = [",".join(l.split(",")[:-1]) for l in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    f = only(mini)
    assert (f.code, f.field) == ("csv-missing-column", "basis")


def test_csv_in_unknown_encoding(mini: Path) -> None:
    path = mini / PC / "parking.csv"
    path.write_bytes(path.read_text(encoding="utf-8").replace("地面", "地面").encode("utf-16"))
    f = only(mini)
    assert (f.code, f.file, f.line) == ("csv-encoding", f"{PC}/parking.csv", 1)


def test_notice_in_the_future(mini: Path) -> None:
    edit(mini / PC / "utility_sharing.yaml", "posted_on: 2026-11-05", "posted_on: 2026-11-20")
    f = only(mini)
    assert (f.code, f.line, f.field) == ("notice-future", 1, "notice.posted_on")


def test_unrecognised_period(mini: Path) -> None:
    edit(mini / PC / "public_revenue.yaml", "period: 2026-Q3, approved_by", "period: 2026-Q5, approved_by")
    found = findings_for(mini)
    f = next(f for f in found if f.code == "value-period")
    assert (f.file, f.line, f.field) == (f"{PC}/public_revenue.yaml", 1, "notice.period")


def test_misnamed_file_is_reported(mini: Path) -> None:
    (mini / PC / "parking.yaml").rename(mini / PC / "parkng.yaml")
    (mini / PC / "parking.csv").unlink()
    found = findings_for(mini)
    unknown = next(f for f in found if f.code == "file-unknown")
    assert unknown.file == f"{PC}/parkng.yaml" and "parking.yaml" in unknown.hint


def test_policy_weights_must_sum_to_one(mini: Path) -> None:
    edit(mini / "city.yaml", "weight: 0.2}", "weight: 0.3}")
    f = only(mini)
    assert (f.code, f.file, f.field) == ("field-invalid", "city.yaml", "evaluation_policy")
    assert "1.1" in f.message


def test_yaml_that_is_not_a_mapping(mini: Path) -> None:
    (mini / PC / "oversight.yaml").write_text("- a\n- b\n", encoding="utf-8")
    found = findings_for(mini)
    assert any(f.code == "yaml-not-mapping" and f.file == f"{PC}/oversight.yaml" for f in found)


def test_data_files_are_never_modified(mini: Path) -> None:
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    edit(mini / PC / "fee_schedule.csv", ",0.85,", ",0.8.5,")
    before[mini / PC / "fee_schedule.csv"] = (mini / PC / "fee_schedule.csv").read_bytes()
    findings_for(mini)
    assert {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()} == before


def test_per_unit_share_is_checked_at_its_stated_precision(mini: Path) -> None:
    edit(mini / PC / "utility_sharing.csv", "1200.00,0.03", "1200.00,0.0300")
    assert findings_for(mini) == []
    edit(mini / PC / "utility_sharing.csv", "1200.00,0.0300", "1200.00,0.0310")
    f = only(mini)
    assert (f.code, f.field) == ("arith-line-total", "per_unit") and "0.0300" in f.message


@pytest.mark.parametrize("month", ["2026/10", "2026年10月", "2026-10-01", "2026/10/1"])
def test_excel_month_forms(mini: Path, month: str) -> None:
    edit(mini / PC / "utility_sharing.csv", "\n2026-10,", f"\n{month},")
    assert findings_for(mini) == []


def test_fund_use_in_a_year_without_summary(mini: Path) -> None:
    path = mini / PC / "maintenance_fund.csv"
    path.write_text(path.read_text(encoding="utf-8") + "2026-05-01,路面修补,全区,8000.00,按面积分摊,同意户数 75%,测试建筑公司,施工中\n",
                    encoding="utf-8")
    f = only(mini)
    assert (f.code, f.line, f.severity) == ("arith-period-total", 3, Severity.WARNING)
