"""Privacy checks: personal data must never reach a page or a PDF.

Every text value of every record (YAML and CSV) is scanned, after :func:`normalise` folds
full-width digits and letters to ASCII and every dash, dot and space variant to one form, for:

* ``privacy-id-number``: an 18-character resident ID number (17 digits + digit or X, with a
  plausible birth date), also grouped 6-8-4, 6-4-4-4 or 4-4-4-4-2 with spaces, dots or dashes;
* ``privacy-mobile``: a personal mobile number (1[3-9] + 9 digits), also with ``+86``/``0086``
  and grouped 3-4-4, 3-3-5 or 3-8 with spaces, dots or dashes;
* ``privacy-bank-account``: a 16-19 digit bank card number (starting 62, 4 or 5), also in
  groups of four;
* ``privacy-plate``: a full licence plate (粤B12345);
* ``privacy-name``: a resident named in free text: an honorific after a surname (张先生、
  李女士) or a resident word followed by a name (业主王某某、住户刘芳).

Beyond those groupings, every run of digits on one line split by at most two spaces, dots,
dashes, underscores, slashes or brackets between any two digits, the same separator all
along, is read as one number (``1 3 8 0 0 1 3 8 0 0 0``, ``138_0013_8000``, ``110 101 199 003
071 234``) and checked as a mobile, an ID number or a bank card; figures side by side
(``42558.81 2026-01-04``) mix separators and are not.

Allowed by rule: the project manager's name (cities require it), the company's unified
social credit code, and a mobile that a company declares as its office line in its
``work_mobiles`` list (a duty or repair phone the company owns, not a person's): any other
mobile, in a phone field (the project manager's ``office_phone`` too) or in text, is a finding.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from generator.findings import Findings
from generator.load.dataset import Dataset, Loaded, Table

# The ~80 most common surnames; restricting to them keeps "业主大会" or "住户数" from matching.
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤")
_S = f"[{SURNAMES}]"

_SEP = r"[ .\-]"

PATTERNS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("privacy-id-number", re.compile(
        rf"(?<![0-9A-Za-z])(?:\d{{17}}|\d{{6}}{_SEP}\d{{8}}{_SEP}\d{{3}}|\d{{6}}(?:{_SEP}\d{{4}}){{2}}{_SEP}\d{{3}}"
        rf"|\d{{4}}(?:{_SEP}\d{{4}}){{3}}{_SEP}\d)[\dXx](?![0-9A-Za-z])"), "身份证号"),
    ("privacy-mobile", re.compile(
        rf"(?<![\d+])(?:(?:\+|00)?86{_SEP}?)?1[3-9]\d(?:{_SEP}?\d{{4}}{_SEP}?\d{{4}}|{_SEP}\d{{3}}{_SEP}\d{{5}}|{_SEP}\d{{8}})(?!\d)"),
        "手机号码"),
    ("privacy-bank-account", re.compile(
        rf"(?<!\d)(?:(?:62|4|5)\d{{14,17}}|(?:62\d\d|[45]\d{{3}})(?:{_SEP}\d{{4}}){{3}}(?:{_SEP}\d{{1,3}})?)(?!\d)"), "银行卡号"),
    ("privacy-plate", re.compile(r"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·\s]?[A-HJ-NP-Z0-9]{5,6}(?![A-Za-z0-9])"), "完整车牌号"),
    ("privacy-name", re.compile(
        rf"{_S}(?:先生|女士|小姐|阿姨|大爷|大妈|师傅)|(?:业主|住户|居民|租户|投诉人|户主|报修人)[：:\s]*{_S}[某\u4e00-\u9fa5]{{1,2}}(?=$|[，。、；;,.\s（(]|反映|投诉|家|等|称|报)"),
        "居民姓名"),
)

# (file kind, dotted field) pairs where a pattern is allowed: the project manager is public.
ALLOWED: dict[str, set[str]] = {
    "privacy-name": {"project_manager.name"},
    "privacy-id-number": {"credit_code"},
    "privacy-bank-account": {"credit_code"},
}

_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_DASHES = re.compile(r"[‐‑‒–—―－ー−]")
_DOTS = re.compile(r"[·•・．。]")


def normalise(text: str) -> str:
    """Full-width digits/letters to ASCII (NFKC), every space, dash and dot variant to one."""
    folded = unicodedata.normalize("NFKC", text)
    return _DOTS.sub(".", _DASHES.sub("-", _SPACES.sub(" ", folded)))


def digits_of(text: str) -> str:
    """The number a match stands for: digits (and X) only, without the +86/0086 prefix."""
    bare = re.sub(r"[^0-9Xx]", "", text)
    if len(bare) > 11 and re.match(r"^(?:0086|86)1[3-9]\d{9}$", bare):
        return bare[-11:]
    return bare


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


# A run of digits with at most two separator characters between any two of them (after
# normalise): ``1 3 8 0 0 1 3 8 0 0 0``, ``138_0013_8000``, ``110 101 199 003 071 234``. The
# patterns above name the usual groupings; this catches any other way of splitting a number.
_RUN = re.compile(r"(?<![0-9])(?<![0-9][ .\-_/()])(?<![0-9][ .\-_/()]{2})(?:\+|00)?\d(?:[ .\-_/()]{0,2}\d)*(?:[ .\-_/]{0,2}[Xx])?(?![0-9A-Za-z])")
_WHAT = {code: what for code, _, what in PATTERNS}
_SEPARATORS = re.compile(r"[ .\-_/()]+")
_DIGIT = re.compile(r"\d")


def _without_country_code(run: str) -> str:
    """``run`` without a leading +86 / 0086 / (+86) / 86 when a mobile number follows it."""
    prefix = re.match(r"^\(?(?:\+|00)86\)?[ .\-_/()]{0,2}|^86[ .\-_/()]{1,2}", run)
    if prefix and re.fullmatch(r"1[3-9]\d{9}", digits_of(run[prefix.end():])):
        return run[prefix.end():]
    return run


def _run_code(digits: str) -> str | None:
    """The kind of personal number a run's bare digits (no +86/0086) are, if any."""
    if re.fullmatch(r"1[3-9]\d{9}", digits):
        return "privacy-mobile"
    if re.fullmatch(r"\d{17}[\dXx]", digits) and _plausible_birth(digits):
        return "privacy-id-number"
    if re.fullmatch(r"(?:62|4|5)\d{14,17}", digits):
        return "privacy-bank-account"
    return None


def scan(text: str) -> Iterator[tuple[str, str, str]]:
    """Yield (code, what, matched text) for every personal datum in ``text`` (any spelling):
    the patterns first, then every digit run the patterns did not cover, however split."""
    plain = normalise(text)
    reported: list[str] = []
    for code, pattern, what in PATTERNS:
        for m in pattern.finditer(plain):
            found = m.group(0)
            if code == "privacy-id-number" and not _plausible_birth(digits_of(found)):
                continue
            if code == "privacy-bank-account" and not digits_of(found).startswith(("62", "4", "5")):
                continue
            reported.append(digits_of(found))
            yield code, what, found
    # A line with fewer than 11 digits holds no personal number (the shortest, a mobile, has 11).
    lines = text.splitlines() if len(_DIGIT.findall(text)) >= 11 else []
    for line in lines:
        if len(_DIGIT.findall(line)) < 11:
            continue
        for m in _RUN.finditer(normalise(line)):
            found = m.group(0).strip(" .-_/()")
            digits = digits_of(found)
            if len(set(_SEPARATORS.findall(_without_country_code(found)))) > 1 or any(d in digits for d in reported):
                continue  # figures side by side (42558.81 2026-01-04), or already reported above
            run_code = _run_code(digits)
            if run_code is not None:
                yield run_code, _WHAT[run_code], found


def _plausible_birth(number: str) -> bool:
    try:
        date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return int(number[6:10]) >= 1900
    except ValueError:
        return False


def _mask(text: str) -> str:
    return text[0] + "*" * (len(text) - 2) + text[-1] if len(text) > 2 else "*" * len(text)


NUMBERS = ("privacy-id-number", "privacy-mobile", "privacy-bank-account")


@dataclass
class _Scanner:
    """Reports what :func:`scan` finds in the records; ``declared``: the companies' work
    mobiles (allowed); ``reported``: the numbers already reported (bare digits), so that a
    file name that is also written in a record (a photo) is reported once, on the record."""

    findings: Findings
    declared: set[str]
    reported: set[str] = field(default_factory=set)

    def text(self, rel: str, field: str, text: str, line: int | None, column: int | None, **cell: Any) -> None:
        """Report what ``text`` holds; ``cell``: a table cell's ``cell``, ``column_name`` and ``sheet``."""
        for code, what, found in scan(text):
            if field in ALLOWED.get(code, set()):
                continue
            if code == "privacy-mobile" and digits_of(found) in self.declared:
                continue
            self.reported.add(digits_of(found))
            self.findings.add(code, rel, f"疑似包含{what}“{_mask(found)}”，个人信息不得公开",
                              line=line, column=column, field=field, **cell,
                              hint="删除该内容；公示只涉及企业和小区，欠费、投诉只公开总数。"
                              + ("单位的工作手机（非个人手机）请写进企业文件的 work_mobiles 后才能公示。"
                                 if code == "privacy-mobile" else ""))

    def yaml(self, loaded: Loaded | None) -> None:
        if loaded is None:
            return
        for path, text in _strings(loaded.doc.data, ()):
            line, column = loaded.doc.line_of(path)
            self.text(loaded.rel, _dotted(path), text, line, column)

    def table(self, table: Table) -> None:
        if table.rel is None:
            return
        for i, row in enumerate(table.rows):
            for name, value in row:
                if isinstance(value, str):
                    at = table.at(i, name)
                    self.text(table.rel, name, value, at["line"], at["column"], cell=at["cell"],
                              column_name=at["column_name"], sheet=at["sheet"])

    def names(self, root: Path) -> None:
        """File and folder names below ``root`` become page addresses (compound ids, company
        ids, photos): a personal number in a name is a finding on that file."""
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in dirs + sorted(files):
                rel = (Path(folder) / name).relative_to(root).as_posix()
                for code, what, found in scan(name):
                    if code in NUMBERS and digits_of(found) not in self.reported | self.declared:
                        self.reported.add(digits_of(found))
                        self.findings.add(code, rel, f"文件名“{name}”疑似包含{what}“{_mask(found)}”，文件名会出现在网址中",
                                          hint="把文件（夹）改名，只用小区、企业或项目的拼音或编号。")


def declared_mobiles(ds: Dataset) -> set[str]:
    """The office mobiles companies declare (``work_mobiles``), as bare 11-digit numbers."""
    return {digits_of(normalise(m)) for c in ds.companies.values() for m in c.model.work_mobiles}


def check(ds: Dataset, findings: Findings) -> None:
    """Every text value of every record, then every file and folder name below the data folder."""
    scanner = _Scanner(findings, declared_mobiles(ds))
    scanner.yaml(ds.city)
    for company in ds.companies.values():
        scanner.yaml(company)
    for rec in ds.compounds.values():
        scanner.yaml(rec.compound)
        for item in rec.items.values():
            scanner.yaml(item.file)
            scanner.table(item.table)
    for ev in ds.evaluations.values():
        scanner.yaml(ev.sheet)
        if ev.table is not None:
            scanner.table(ev.table)
    for mp in ds.model_projects.values():
        scanner.yaml(mp)
    scanner.names(ds.root)
