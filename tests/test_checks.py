"""One defect at a time in a valid city (tests/fixtures/mini) gives exactly the expected finding:
code, file, line, column, field and severity, and the words of its message and hint.

Each row of :data:`DEFECTS` is one clerk mistake; :data:`VALID` lists edits that must not give
any finding (forms a clerk may rightly write). The few checks that need more than one city or
date follow the tables.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.findings import Severity
from tests.support import PC, Defect, Mutation, add_line, cases, chain, delete, edit, findings_for, rename, replace, write

WARNING = Severity.WARNING


def drop_last_column(file: str) -> Mutation:
    def apply(root: Path) -> None:
        path = root / file
        lines = [",".join(line.split(",")[:-1]) for line in path.read_text(encoding="utf-8").splitlines()]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return apply


DEFECTS = [
    # --- files and syntax ---
    Defect("yaml-syntax", replace(f"{PC}/company_profile.yaml", "office: {address", "office: {address: ["),
           "yaml-syntax", f"{PC}/company_profile.yaml", 3, 20),
    Defect("yaml-duplicate-key", replace(f"{PC}/compound.yaml", "households: 400", "households: 400\nhouseholds: 401"),
           "yaml-duplicate-key", f"{PC}/compound.yaml", 9, 1, field="households"),
    Defect("yaml-not-mapping", write(f"{PC}/oversight.yaml", "- a\n- b\n"),
           "yaml-not-mapping", f"{PC}/oversight.yaml", 1),
    Defect("misnamed-file", chain(rename(f"{PC}/parking.yaml", f"{PC}/parkng.yaml"), delete(f"{PC}/parking.csv")),
           "file-unknown", f"{PC}/parkng.yaml", None, severity=WARNING, hints=("parking.yaml",),
           also=("disclosure-missing",)),  # parking is now undisclosed
    Defect("csv-encoding", write(f"{PC}/parking.csv", "車位類型,權屬\n".encode("big5") + b"\xff\xfe\n"),
           "csv-encoding", f"{PC}/parking.csv", 1),
    Defect("csv-unknown-column", replace(f"{PC}/parking.csv", "monthly_fee", "monthly_fees"),
           "csv-unknown-column", f"{PC}/parking.csv", 1, 7, field="monthly_fees", hints=("monthly_fee",)),
    Defect("csv-missing-column", drop_last_column(f"{PC}/service_scope.csv"),
           "csv-missing-column", f"{PC}/service_scope.csv", 1, field="frequency"),
    # --- fields and values ---
    Defect("unknown-field", replace(f"{PC}/compound.yaml", "community:", "comunity:"),
           "field-unknown", f"{PC}/compound.yaml", 4, 1, field="comunity", hints=("community",),
           also=("field-required",)),  # the real field is now missing
    Defect("unknown-nested-field", replace(f"{PC}/company_profile.yaml", "office_phone:", "ofice_phone:"),
           "field-unknown", f"{PC}/company_profile.yaml", 2, 29, field="project_manager.ofice_phone",
           hints=("office_phone",), also=("field-required",)),
    Defect("choice-outside-the-list", replace(f"{PC}/compound.yaml", "management: professional", "management: private"),
           "field-choice", f"{PC}/compound.yaml", 6, 1, field="management", says=("professional",)),
    Defect("csv-bad-date", replace(f"{PC}/public_revenue.csv", "2026-08-01,income", "2026-13-01,income"),
           # The unreadable row is left out, so the table's sums are not checked: one finding.
           "value-date", f"{PC}/public_revenue.csv", 3, 1, field="date"),
    Defect("csv-bad-number", replace(f"{PC}/fee_schedule.csv", ",0.85,", ",0.8.5,"),
           "value-number", f"{PC}/fee_schedule.csv", 2, 7, field="price"),
    Defect("negative-money", replace(f"{PC}/fee_schedule.csv", ",0.85,", ",-0.85,"),
           "money-negative", f"{PC}/fee_schedule.csv", 2, 7, field="price"),
    Defect("unrecognised-period", replace(f"{PC}/public_revenue.yaml", "period: 2026-Q3, approved_by",
                                          "period: 2026-Q5, approved_by"),
           "value-period", f"{PC}/public_revenue.yaml", 1, 33, field="notice.period"),
    Defect("notice-in-the-future", replace(f"{PC}/utility_sharing.yaml", "posted_on: 2026-11-05", "posted_on: 2026-11-20"),
           "notice-future", f"{PC}/utility_sharing.yaml", 1, field="notice.posted_on"),
    Defect("policy-weights-sum", replace("city.yaml", "weight: 0.2}", "weight: 0.3}"),
           "field-invalid", "city.yaml", 18, 1, field="evaluation_policy", says=("1.1",)),
    # --- identifiers and references ---
    Defect("id-not-a-slug", rename(PC, "compounds/Pine_Court"), "id-format", "compounds/Pine_Court", None),
    Defect("duplicate-id-in-city", replace("city.yaml", "id: willow", "id: river-street"),
           "id-duplicate", "city.yaml", 15, field="id",
           also=("ref-unknown",)),  # the compound's community (willow) is gone with the renamed id
    Defect("unknown-company", replace(f"{PC}/compound.yaml", "company: acme", "company: acmee"),
           "ref-unknown", f"{PC}/compound.yaml", 7, field="company", hints=("acme",)),
    Defect("street-in-other-district",
           chain(replace("city.yaml", "  - id: north\n",
                         "  - id: south\n    name: 南区\n    streets:\n      - {id: hill, name: 山街道}\n  - id: north\n"),
                 replace(f"{PC}/compound.yaml", "district: north", "district: south")),
           "ref-mismatch", f"{PC}/compound.yaml", 3, field="street"),
    # --- arithmetic ---
    Defect("running-balance", replace(f"{PC}/public_revenue.csv", "1000.00,4000.00", "1000.00,4100.00"),
           "arith-balance", f"{PC}/public_revenue.csv", 3, 6, field="balance", says=("4000.00",)),
    Defect("quarter-total-against-ledger", replace(f"{PC}/public_revenue.yaml", "used: 500.00", "used: 600.00"),
           "arith-period-total", f"{PC}/public_revenue.yaml", 10, field="quarters[1].used", says=("500.00",)),
    Defect("net-to-owners", replace(f"{PC}/public_revenue.yaml", "net_to_owners: 2520.00", "net_to_owners: 2800.00"),
           "arith-net", f"{PC}/public_revenue.yaml", 9, field="quarters[1].net_to_owners"),
    Defect("company-share-follows-the-rate",
           replace(f"{PC}/public_revenue.yaml", "company_share_rate: 0.1", "company_share_rate: 0.2"),
           "arith-net", f"{PC}/public_revenue.yaml", 8, field="quarters[1].company_share"),
    # 1300 / 40000 ㎡ still rounds to 0.03 元/㎡, so only the amount is wrong.
    Defect("utility-line-total", replace(f"{PC}/utility_sharing.csv", "0.60,1200.00,0.03", "0.60,1300.00,0.03"),
           "arith-line-total", f"{PC}/utility_sharing.csv", 2, 7, field="amount"),
    Defect("per-unit-share-at-its-stated-precision",
           replace(f"{PC}/utility_sharing.csv", "1200.00,0.03", "1200.00,0.0310"),
           "arith-line-total", f"{PC}/utility_sharing.csv", 2, 8, field="per_unit", says=("0.0300",)),
    Defect("collection-rate", replace(f"{PC}/service_accounts.yaml", "collection_rate: 0.925", "collection_rate: 0.95"),
           "arith-rate", f"{PC}/service_accounts.yaml", 2, field="income.collection_rate"),
    Defect("fund-closing-balance",
           replace(f"{PC}/maintenance_fund.yaml", "closing_balance: 495000.00", "closing_balance: 490000.00"),
           "arith-balance", f"{PC}/maintenance_fund.yaml", 3, field="years[1].closing_balance"),
    Defect("fund-use-in-a-year-without-summary",
           add_line(f"{PC}/maintenance_fund.csv", "2026-05-01,路面修补,全区,8000.00,按面积分摊,同意户数 75%,测试建筑公司,施工中"),
           "arith-period-total", f"{PC}/maintenance_fund.csv", 3, 1, field="date", severity=WARNING),
    Defect("parking-counts", replace(f"{PC}/parking.csv", "50,0,40,10", "50,0,40,11"),
           "arith-count", f"{PC}/parking.csv", 2, 3, field="total"),
    # --- disclosure ---
    Defect("missing-disclosure-is-a-warning", delete(f"{PC}/parking.yaml", f"{PC}/parking.csv"),
           "disclosure-missing", f"{PC}/parking.yaml", None, severity=WARNING),
    Defect("not-applicable-empty-reason", chain(delete(f"{PC}/parking.csv"), write(f"{PC}/parking.yaml", 'not_applicable: ""\n')),
           "na-no-reason", f"{PC}/parking.yaml", 1, field="not_applicable"),
    Defect("not-applicable-without-reason", chain(delete(f"{PC}/parking.csv"), write(f"{PC}/parking.yaml", "not_applicable: true\n")),
           "na-no-reason", f"{PC}/parking.yaml", 1, field="not_applicable"),
    # --- personal data ---
    Defect("id-number-in-a-ledger",
           replace(f"{PC}/public_revenue.csv", "电梯广告", "电梯广告 付款人身份证 110101199003071234"),
           "privacy-id-number", f"{PC}/public_revenue.csv", 2, 4, field="description",
           hides=("110101199003071234",)),  # the finding itself masks it
    Defect("mobile-number-in-a-yaml-field",
           replace(f"{PC}/complaint_channels.yaml", "complaint: 0550-5000006", "complaint: 13812345678"),
           "privacy-mobile", f"{PC}/complaint_channels.yaml", 2, 93, field="phones.complaint"),
    Defect("project-manager-office-phone-that-is-a-mobile",
           replace(f"{PC}/company_profile.yaml", "office_phone: 0550-5000002", "office_phone: 13812345678"),
           "privacy-mobile", f"{PC}/company_profile.yaml", 2, 29, field="project_manager.office_phone",
           hints=("work_mobiles",)),
    Defect("resident-name-in-free-text", replace(f"{PC}/oversight.csv", "楼道堆物", "业主张伟反映楼道堆物"),
           "privacy-name", f"{PC}/oversight.csv", 2, 1, field="issue"),
]


@pytest.mark.parametrize("defect", cases(DEFECTS))
def test_one_defect_gives_its_finding(mini: Path, defect: Defect) -> None:
    defect.check(mini)


VALID = [
    pytest.param(lambda root: None, id="the-fixture-itself"),
    pytest.param(chain(delete(f"{PC}/parking.csv"), write(f"{PC}/parking.yaml", "not_applicable: 小区无车位\n")),
                 id="not-applicable-with-a-reason"),
    pytest.param(chain(replace(f"{PC}/company_profile.yaml", "office_phone: 0550-5000002", "office_phone: 138 1234 5678"),
                       replace("companies/acme.yaml", "name: 测试物业服务有限公司",
                               "name: 测试物业服务有限公司\nwork_mobiles: ['13812345678']")),
                 id="a-declared-work-mobile-may-be-published"),
    pytest.param(replace(f"{PC}/utility_sharing.csv", "1200.00,0.03", "1200.00,0.0300"),
                 id="per-unit-share-with-more-decimals"),
    *[pytest.param(replace(f"{PC}/utility_sharing.csv", "\n2026-10,", f"\n{month},"), id=f"excel-month-{month}")
      for month in ("2026/10", "2026年10月", "2026-10-01", "2026/10/1")],
]


@pytest.mark.parametrize("mutate", VALID)
def test_valid_forms_give_no_finding(mini: Path, mutate: Mutation) -> None:
    mutate(mini)
    assert findings_for(mini) == []


def test_stale_periodic_disclosure(mini: Path) -> None:
    found = findings_for(mini, date(2027, 2, 1))
    stale = [f for f in found if f.code == "disclosure-stale"]
    assert {f.file for f in stale} >= {f"{PC}/public_revenue.yaml", f"{PC}/utility_sharing.yaml"}
    assert all(f.severity is WARNING for f in stale)
    # Q3's notice is valid until Q4's is due (2026-12-31 + 30 days).
    assert not any(f.file.endswith("public_revenue.yaml") for f in findings_for(mini, date(2027, 1, 30))
                   if f.code == "disclosure-stale")


def test_data_files_are_never_modified(mini: Path) -> None:
    edit(mini / PC / "fee_schedule.csv", ",0.85,", ",0.8.5,")
    before = {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()}
    findings_for(mini)
    assert {p: p.read_bytes() for p in mini.rglob("*") if p.is_file()} == before
