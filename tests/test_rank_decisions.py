"""Lists by decision, as clerks enter a notice: members without scores, unnamed members
counted, compounds with their company, reasons; the findings for what is wrong; company
records with only a name; credit codes checked by their check character."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.derive.rank import OVERDUE, rank_all
from generator.findings import Findings, Severity
from generator.load.dataset import load
from tests.support import YAML, Defect, cases, edit, findings_for, replace, write

DECIDED = """\
period: 2026-H1
published_on: 2026-07-20
organiser: 测试市住房和城乡建设局
decisions:
  - list: red
    body: 测试市物业服务行业协会
    document: 测物协〔2026〕8号
    decided_on: 2026-07-18
    basis: 经推荐、核实
    count: 8
    members:
      - company: acme
        reason: 居民满意度连续两年第一
      - company_name: 某某物业服务有限公司
  - list: bad
    subject: compound
    body: 测试市住房和城乡建设局
    decided_on: 2026-07-18
    count: 2
    members:
      - compound: pine-court
        reason: 消防通道长期堆放杂物，整改不到位
"""


def _ranked(root: Path):
    findings = Findings()
    ds = load(root, findings)
    return ds, rank_all(ds, date(2026, 8, 1)), findings


@pytest.fixture
def decided(mini: Path) -> Path:
    (mini / "evaluations").mkdir()
    (mini / YAML).write_text(DECIDED, encoding="utf-8")
    return mini


def test_a_sheet_of_decisions_needs_no_scores_and_gets_none(decided: Path) -> None:
    assert findings_for(decided) == []
    _, rankings, _ = _ranked(decided)
    (ranking,) = rankings
    assert not ranking.scored and ranking.results == []
    red, bad = ranking.decided
    assert (red.spec.name, red.kind, len(red.members), red.unnamed) == ("红榜", "company", 2, 6)
    assert red.count_text() == "共 8 家（公告列名 2 家，另 6 家未列名）"
    assert [(m.company_id, m.company_name, m.reason) for m in red.members] == [
        ("acme", "测试物业服务有限公司", "居民满意度连续两年第一"),
        (None, "某某物业服务有限公司", "经测试市物业服务行业协会决定列入红榜（测物协〔2026〕8号）")]
    assert red.issued_by() == "测试市物业服务行业协会（测物协〔2026〕8号）2026年7月18日决定"


def test_a_compound_member_has_its_company_beside_it(decided: Path) -> None:
    _, (ranking,), _ = _ranked(decided)
    bad = ranking.decided[1]
    (member,) = bad.members
    assert (member.compound_name, member.company_id, member.company_name) == ("松园小区", "acme", "测试物业服务有限公司")
    assert bad.count_text() == "共 2 个小区（公告列名 1 个小区，另 1 个小区未列名）"
    assert ranking.lists_of("acme") == {"red", "bad"}


def test_decided_and_computed_lists_count_together_for_the_streak(rated: Path) -> None:
    # 2025-H2 by decision puts beta on the bad list; 2026-H1 computes it there (last of 2 at 50%)
    edit(rated / "city.yaml", "bad_ratio: 0.1", "bad_ratio: 0.5")
    write("evaluations/2025-h2.yaml", "period: 2025-H2\npublished_on: 2026-01-20\norganiser: 测试市住建局\n"
          "decisions:\n  - {list: bad, body: 测试市住建局, decided_on: 2026-01-18, members: [{company: beta}]}\n")(rated)
    _, rankings, _ = _ranked(rated)
    beta = rankings[-1].result_of("beta")
    assert (beta.list, beta.consecutive_bad, beta.flagged) == ("bad", 2, True)
    assert beta.flags[0].text == "连续 2 期列入黑榜（规则：连续 2 期）"


def test_a_rectification_past_its_deadline_reads_overdue(rated: Path) -> None:
    edit(rated / YAML, "status: 整改中}", "status: 整改中, deadline: 2026-07-31}")
    _, rankings, _ = _ranked(rated)
    beta = rankings[-1].result_of("beta")
    assert beta.rectification == f"{OVERDUE}（整改期限 2026-07-31）：楼道堆物清理"
    assert beta.rectification_overdue


DEFECTS = [
    Defect("decision-on-an-unknown-list", replace(YAML, "  - list: bad", "  - list: black"),
           "eval-unknown-list", YAML, 15, field="decisions[2].list", hints=("red", "bad")),
    Defect("member-company-unknown", replace(YAML, "company: acme", "company: acmee"),
           "ref-unknown", YAML, 12, field="decisions[1].members[1].company", hints=("acme",)),
    Defect("member-compound-unknown", replace(YAML, "compound: pine-court", "compound: pine"),
           "ref-unknown", YAML, 21, field="decisions[2].members[1].compound"),
    Defect("count-below-the-members-named", replace(YAML, "count: 8", "count: 1"),
           "field-invalid", YAML, 5, 5, field="decisions[1]", says=("count",)),
    Defect("nobody-named-and-nothing-counted", replace(YAML, "    count: 2\n    members:\n      - compound: pine-court\n"
                                                            "        reason: 消防通道长期堆放杂物，整改不到位\n", ""),
           "field-invalid", YAML, 15, 5, field="decisions[2]", says=("count",)),
    Defect("member-with-id-and-name", replace(YAML, "company: acme", "company: acme\n        company_name: 甲"),
           "field-invalid", YAML, 12, 9, field="decisions[1].members[1]", says=("只写一个",)),
    Defect("member-compound-of-another-company",
           replace(YAML, "      - compound: pine-court", "      - compound: pine-court\n        company: beta"),
           "ref-mismatch", YAML, 22, field="decisions[2].members[1].company", severity=Severity.WARNING),
]


@pytest.mark.parametrize("defect", cases(DEFECTS))
def test_one_decision_defect_gives_its_finding(decided: Path, defect: Defect) -> None:
    if defect.id == "member-compound-of-another-company":
        write("companies/beta.yaml", "name: 贝塔物业有限公司\n")(decided)
    defect.check(decided)


def test_a_company_record_needs_only_a_name(mini: Path) -> None:
    write("companies/beta.yaml", "name: 贝塔物业有限公司\n")(mini)
    assert findings_for(mini) == []


@pytest.mark.parametrize("code, says", [
    ("91340100MA2T000014", "最后一位应为 3"),      # one character mistyped: the check fails
    ("91340100MA2T00013", "18 位"),              # one character dropped
])
def test_a_credit_code_is_checked_by_its_check_character(mini: Path, code: str, says: str) -> None:
    edit(mini / "companies" / "acme.yaml", "91340100MA2T000013", code)
    (finding,) = findings_for(mini)
    assert (finding.code, finding.file, finding.field) == ("credit-code", "companies/acme.yaml", "credit_code")
    assert says in finding.message


def test_a_period_by_decision_shows_members_and_no_scores(decided: Path) -> None:
    from generator.render.web.ranking import ranking_pages

    ds, rankings, _ = _ranked(decided)
    pages = ranking_pages(ds, rankings)
    for page in (pages["ranking/index.md"], pages["ranking/2026-h1/index.md"]):
        assert "按决定公布，不计分、不排名次" in page
        assert "0 家 ×" not in page and "得分与名次" not in page and "本期无企业列入" not in page
        assert "居民满意度连续两年第一" in page and "某某物业服务有限公司" in page
        assert "另有 6 个对象公告未列名称" in page
        assert "对本榜单有异议的，向测试市物业服务行业协会提出。" in page
