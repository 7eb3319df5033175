"""Every coded value accepts the Chinese label the site shows as well as the code, and a wrong
value's finding lists the Chinese choices (generator/model/vocabulary.py is the one source)."""

from __future__ import annotations

from pathlib import Path

from generator.findings import Findings
from generator.load.dataset import load
from generator.model.vocabulary import CODED_VALUES, accepted
from tests.support import PC, edit, findings_for, listing, only

CHINESE_LEDGER = (
    "日期,类型,类别,摘要,金额,结余\n"
    "2026-07-05,收入,广告,电梯广告,2000.00,3000.00\n"
    "2026-08-01,收入,场地租赁,快递柜场地,1000.00,4000.00\n"
    "2026-08-15,合理成本,税费,税费,200.00,3800.00\n"
    "2026-09-30,企业分成,企业分成,按约定 10%,280.00,3520.00\n"
    "2026-09-30,资金使用,设施维修,更换路灯,500.00,3020.00\n"
)


def test_chinese_labels_load_as_the_codes(mini: Path) -> None:
    before = load(mini, Findings())
    (mini / PC / "public_revenue.csv").write_text(CHINESE_LEDGER, encoding="utf-8")
    edit(mini / PC / "compound.yaml", "management: professional", "management: 专业物业")
    edit(mini / PC / "compound.yaml", "type: lump_sum", "type: 包干制")
    edit(mini / "catalogue.yaml", "cadence: periodic", "cadence: 定期公示")
    found = findings_for(mini)
    assert found == [], listing(found)
    after = load(mini, Findings())
    rows = lambda ds: [r.type for r in ds.compounds["pine-court"].items["public_revenue"].table.rows]  # noqa: E731
    assert rows(after) == rows(before) == ["income", "income", "cost", "company_share", "use"]
    compound = after.compounds["pine-court"].model
    assert (compound.management, compound.contract.type) == ("professional", "lump_sum")


def test_a_wrong_value_lists_the_chinese_choices_in_chinese(mini: Path) -> None:
    (mini / PC / "public_revenue.csv").write_text(CHINESE_LEDGER.replace("合理成本", "支出费用"), encoding="utf-8")
    f = only(mini)
    assert (f.code, f.line, f.cell, f.column_name) == ("field-choice", 4, "B4", "类型")
    assert "“支出费用”不是允许的取值，可选：收入、合理成本、企业分成、业主共有资金使用" in f.message
    assert "下拉列表" in (f.hint or "")


def test_a_wrong_management_lists_专业物业_and_自治物业(mini: Path) -> None:
    edit(mini / PC / "compound.yaml", "management: professional", "management: 物业公司")
    f = only(mini)
    assert f.code == "field-choice" and "可选：专业物业、自治物业" in f.message, f.message


def test_every_label_is_accepted_and_means_one_code() -> None:
    for name, codes in CODED_VALUES.items():
        table = accepted(codes)
        for code, label in codes.items():
            assert table[label] == code and table[code] == code, name
