"""The one vocabulary of coded values and units: what each code is called in Chinese.

Contract: every coded value a data file may hold (a ``Literal`` of English codes in a model)
has its Chinese label here, once; web pages, paper notices, open data, findings and the
Excel templates all read their labels from this module, and input may use the code, the
label or one of the few other words declared in :data:`SYNONYMS` (see :func:`code_of`).
Units are written as residents say them (度, 吨).
Field labels (column headers) are the ``title`` of each model field, declared in the models;
:data:`HEADER_SYNONYMS` lists other headers clerks write for the same column (余额 for 结余).
"""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel

CONTRACT_TYPES: dict[str, str] = {"lump_sum": "包干制", "commission": "酬金制"}
"""``Contract.type``."""
REVENUE_ENTRIES: dict[str, str] = {"income": "收入", "cost": "合理成本", "company_share": "企业分成",
                                   "use": "业主共有资金使用"}
"""``PublicRevenueRow.type``."""
MANAGEMENT: dict[str, str] = {"professional": "专业物业", "self_managed": "自治物业"}
"""``Compound.management``."""
CADENCES: dict[str, str] = {"long_term": "长期公示", "periodic": "定期公示", "event": "逐项公示"}
PERIOD_UNITS: dict[str, str] = {"month": "月", "quarter": "季度", "half_year": "半年", "year": "年度", "batch": "批次"}
"""A period kind as a unit (按季度公示, 季度考评)."""
CORRECTION_ROUTES: dict[str, str] = {"email": "电子邮件", "phone": "电话", "web": "网上表单"}
"""``CorrectionRoute.by``: how residents report a figure they think is wrong (纠错)."""
PERIOD_KINDS: dict[str, str] = {"month": "每月", "quarter": "每季度", "half_year": "每半年", "year": "每年"}
LIST_KINDS: dict[str, str] = {"ratio": "按比例", "top_bottom": "前后若干名", "grades": "按等级"}
ROUNDINGS: dict[str, str] = {"down": "向下取整", "half_up": "四舍五入", "up": "向上取整"}
AGGREGATIONS: dict[str, str] = {"sum": "相加", "mean": "取平均"}
MISSING_GROUP: dict[str, str] = {"error": "不允许缺评", "zero": "缺评记 0 分", "reweight": "按其余权重重新归一"}
ISSUER_KINDS: dict[str, str] = {"company": "物业服务企业", "committee": "业主委员会", "management_committee": "物业管理委员会",
                                "community": "社区居委会", "street": "街道办事处", "office": "政府部门", "other": "其他"}
"""``Issuer.kind`` (落款)."""
DISTRIBUTION_BASES: dict[str, str] = {"per_area": "按产权面积", "per_household": "按户"}
ROUNDING_UNITS: dict[str, str] = {"yuan": "四舍五入到元", "jiao": "四舍五入到角", "fen": "四舍五入到分"}
VOTE_MATTERS: dict[str, str] = {"use_fund": "使用专项维修资金", "raise_fund": "筹集专项维修资金",
                                "rebuild": "改建、重建建筑物及其附属设施", "change_use": "改变共有部分的用途或者利用共有部分从事经营活动",
                                "other": "其他共同决定事项"}
"""``Vote.matter``: what the owners decide (《民法典》第二百七十八条第一款)."""
FUND_NOTICE_KINDS: dict[str, str] = {"application": "申请使用公告", "use": "使用公示", "settlement": "决算公示",
                                     "emergency": "应急使用公告"}
NOT_STATED = "未注明"
"""What a page or sheet shows for a value the notice does not give (open data leaves the cell empty)."""
SCORING_MODELS: dict[str, str] = {"weighted": "加权平均", "points": "基础分加减分"}
SIGNS: dict[str, str] = {"add": "加分", "deduct": "减分"}
LIST_TONES: dict[str, str] = {"good": "表扬", "warning": "警示", "bad": "惩戒"}
PUBLISH_FORMS: dict[str, str] = {"ranks": "公布名次", "grades": "公布等级", "counts": "公布各等级企业数"}
SUBJECTS: dict[str, str] = {"company": "物业服务企业", "compound": "小区", "both": "企业和小区"}

CODED_VALUES: dict[str, dict[str, str]] = {
    "contract_type": CONTRACT_TYPES,
    "revenue_entry": REVENUE_ENTRIES,
    "management": MANAGEMENT,
    "cadence": CADENCES,
    "period_kind": PERIOD_KINDS,
    "list_kind": LIST_KINDS,
    "rounding": ROUNDINGS,
    "aggregation": AGGREGATIONS,
    "missing_group": MISSING_GROUP,
    "issuer_kind": ISSUER_KINDS,
    "distribution_basis": DISTRIBUTION_BASES,
    "rounding_unit": ROUNDING_UNITS,
    "vote_matter": VOTE_MATTERS,
    "fund_notice_kind": FUND_NOTICE_KINDS,
    "scoring_model": SCORING_MODELS,
    "sign": SIGNS,
    "list_tone": LIST_TONES,
    "publish_form": PUBLISH_FORMS,
    "subject": SUBJECTS,
}
"""Every code list by name."""

SYNONYMS: dict[str, dict[str, str]] = {
    "revenue_entry": {"资金使用": "use", "业主资金使用": "use", "成本": "cost", "分成": "company_share"},
    "management": {"专业物业服务": "professional", "业主自治": "self_managed", "自治管理": "self_managed"},
    "issuer_kind": {"企业": "company", "物业公司": "company", "业委会": "committee", "物管会": "management_committee",
                    "社区": "community", "居委会": "community", "街道": "street", "街道办": "street", "住建部门": "office"},
    "distribution_basis": {"按面积": "per_area", "按建筑面积": "per_area", "按每户": "per_household"},
    "rounding_unit": {"元": "yuan", "角": "jiao", "分": "fen", "到元": "yuan", "到角": "jiao", "到分": "fen"},
    "vote_matter": {"使用维修资金": "use_fund", "筹集维修资金": "raise_fund", "改建重建": "rebuild", "改变用途": "change_use"},
    "fund_notice_kind": {"申请使用": "application", "使用": "use", "决算": "settlement", "应急使用": "emergency",
                         "申请使用公示": "application", "应急": "emergency"},
    "period_kind": {"月": "month", "季度": "quarter", "半年": "half_year", "年": "year", "年度": "year"},
}
"""Other words clerks use for a code (by code list name): accepted on input, never shown."""

HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "结余": ("余额", "结存", "业主共有资金结余"),
    "摘要": ("说明", "事由"),
    "日期": ("发生日期", "记账日期"),
    "类型": ("收支类型",),
    "期初余额": ("年初余额",),
}
"""Column title -> other headers accepted for it. Headers are also accepted with a unit in
brackets after the title (``金额（元）``, ``单价(元)``): see :func:`header_forms`."""

UTILITY_UNITS: dict[str, tuple[str, str]] = {"公共用电": ("度", "元/度"), "公共用水": ("吨", "元/吨")}
"""Utility kind -> (usage unit, price unit), as residents say them."""
SHARING_UNITS: dict[str, tuple[str, str]] = {"按建筑面积": ("㎡", "元/㎡"), "按户": ("户", "元/户")}
"""Utility sharing method -> (unit of the basis, unit of each share)."""

YUAN = "元"
"""The unit of every amount of money."""

DERIVED: dict[str, str] = {
    "collection_rate": "收缴率",
    "satisfaction": "业主满意度",
    "resolved_rate": "投诉办结率",
    "first_time_rate": "一次办结率",
    "total": "合计",
    "term": "合同期限",
    "owners_body": "业主组织",
}
"""Labels of figures the generator derives (rates, totals), not stored under a field."""


def title_of(model: type[BaseModel], name: str) -> str:
    """The Chinese label of a model field: its ``title`` (a column header or a fact's label).

    Raises KeyError for an unknown field and ValueError for a field without a title, so a
    label cannot silently fall back to an English name."""
    title = model.model_fields[name].title
    if not title:
        raise ValueError(f"{model.__name__}.{name} has no title")
    return title


def label_of(codes: dict[str, str], code: str | None) -> str:
    """The Chinese label of a code (the code itself when unknown, '' for None)."""
    if code is None:
        return ""
    return codes.get(code, code)


def _synonyms(codes: dict[str, str]) -> dict[str, str]:
    """The synonyms declared for the code list ``codes`` belongs to (or is a part of)."""
    for name, known in CODED_VALUES.items():
        if set(codes) <= set(known):
            return {text: code for text, code in SYNONYMS.get(name, {}).items() if code in codes}
    return {}


def accepted(codes: dict[str, str]) -> dict[str, str]:
    """Every text accepted for a code of ``codes`` (the code, its label, its synonyms) -> the code."""
    out = {code: code for code in codes}
    out.update({label: code for code, label in codes.items()})
    out.update(_synonyms(codes))
    return out


def code_of(codes: dict[str, str], value: str) -> str:
    """The code for ``value`` given as the code, its Chinese label or a synonym, after folding
    full-width letters and spaces (unknown values come back folded, unchanged otherwise)."""
    text = unicodedata.normalize("NFKC", value).strip()
    return accepted(codes).get(text, accepted(codes).get(text.replace(" ", ""), text))


def choices(codes: dict[str, str]) -> str:
    """The choices as a finding lists them: the Chinese labels, then the codes in brackets."""
    return "、".join(codes.values()) + "（也可写 " + "、".join(codes) + "）"


def header_forms(title: str) -> tuple[str, ...]:
    """The headers accepted for a column titled ``title``: the title and its synonyms."""
    return (title,) + HEADER_SYNONYMS.get(title, ())
