"""Privacy checks: personal data must never reach a page or a PDF.

Every text value of every record (YAML and CSV) is scanned for:

* ``privacy-id-number``: an 18-character resident ID number (17 digits + digit or X, with a
  plausible birth date);
* ``privacy-mobile``: a personal mobile number (1[3-9] + 9 digits, spaces/dashes allowed);
* ``privacy-bank-account``: a 16-19 digit bank card number (starting 62, 4 or 5);
* ``privacy-plate``: a full licence plate (粤B12345);
* ``privacy-name``: a resident named in free text: an honorific after a surname (张先生、
  李女士) or a resident word followed by a name (业主王某某、住户刘芳).

Allowed by rule: the project manager's name and office phone (cities require them), and the
company's unified social credit code.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Iterator

from generator.findings import Findings
from generator.load.dataset import Dataset, Loaded, Table

# The ~80 most common surnames; restricting to them keeps "业主大会" or "住户数" from matching.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤")
_S = f"[{SURNAMES}]"

PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("privacy-id-number", re.compile(r"(?<![0-9A-Za-z])\d{6}((?:19|20)\d{2})(\d{2})(\d{2})\d{3}[\dXx](?![0-9A-Za-z])"), "身份证号"),
    ("privacy-mobile", re.compile(r"(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)"), "手机号码"),
    ("privacy-bank-account", re.compile(r"(?<!\d)(?:62|4|5)\d{15,18}(?!\d)"), "银行卡号"),
    ("privacy-plate", re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·\s]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])"), "完整车牌号"),
    ("privacy-name", re.compile(
        rf"{_S}(?:先生|女士|小姐|阿姨|大爷|大妈|师傅)|(?:业主|住户|居民|租户|投诉人|户主|报修人)[：:\s]*{_S}[某\u4e00-\u9fa5]{{1,2}}(?=$|[，。、；;,.\s（(]|反映|投诉|家|等|称|报)"),
        "居民姓名"),
)

# (file kind, dotted field) pairs where a pattern is allowed: the project manager is public.
ALLOWED: dict[str, set[str]] = {
    "privacy-name": {"project_manager.name"},
    "privacy-mobile": {"project_manager.office_phone"},
    "privacy-id-number": {"credit_code"},
    "privacy-bank-account": {"credit_code"},
}


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))
    elif isinstance(value, (int,)) and not isinstance(value, bool) and value > 10**9:
        # A long number written without quotes in YAML is still a number staff typed.
        yield path, str(value)


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int))


def scan(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield (code, what, matched text) for every personal datum in ``text``."""
    for code, pattern, what in PATTERNS:
        for m in pattern.finditer(text):
            if code == "privacy-id-number" and not _plausible_birth(m):
                continue
            yield code, what, m.group(0)


def _plausible_birth(m: re.Match[str]) -> bool:
    try:
        date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return True
    except ValueError:
        return False


def _mask(text: str) -> str:
    return text[0] + "*" * (len(text) - 2) + text[-1] if len(text) > 2 else "*" * len(text)


def _report(findings: Findings, rel: str, field: str, text: str, line, column) -> None:
    for code, what, found in scan(text):
        if field in ALLOWED.get(code, set()):
            continue
        findings.add(code, rel, f"疑似包含{what}“{_mask(found)}”，个人信息不得公开",
                     line=line, column=column, field=field,
                     hint="删除该内容；公示只涉及企业和小区，欠费、投诉只公开总数。")


def _yaml(findings: Findings, loaded: Loaded | None) -> None:
    if loaded is None:
        return
    for path, text in _strings(loaded.doc.data, ()):
        line, column = loaded.doc.line_of(path)
        _report(findings, loaded.rel, _dotted(path), text, line, column)


def _table(findings: Findings, table: Table) -> None:
    if table.rel is None:
        return
    for row, line in zip(table.rows, table.lines):
        for name, value in row:
            if isinstance(value, str):
                _report(findings, table.rel, name, value, line, table.column_of(name))


def check(ds: Dataset, findings: Findings) -> None:
    _yaml(findings, ds.city)
    for company in ds.companies.values():
        _yaml(findings, company)
    for rec in ds.compounds.values():
        _yaml(findings, rec.compound)
        for item in rec.items.values():
            _yaml(findings, item.file)
            _table(findings, item.table)
    for ev in ds.evaluations.values():
        _yaml(findings, ev.sheet)
        _table(findings, ev.table)
    for mp in ds.model_projects.values():
        _yaml(findings, mp)
