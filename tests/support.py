"""What the tests share, declared once: where the cities are, the day they are checked at, and
the helpers that break a city one defect at a time, check it, or run the command line.

Cities:

* :data:`DATA`: the sample city in ``data/`` (what ``make site`` builds);
* :data:`MINI`: ``tests/fixtures/mini``, one compound (:data:`PC`) and no findings; tests get a
  writable copy from the ``mini`` fixture (``tests/conftest.py``) and mutate it;
* :data:`PDF_CITY`: ``tests/fixtures/pdf_city``, two compounds and two ranking periods for the PDFs.

Everything is checked as of :data:`AS_OF`, the Makefile's ``AS_OF``.

Mutations (:func:`replace`, :func:`delete`, :func:`write`, :func:`rename`, :func:`chain`) are
values, so a table of defects can name them; each applies to a city's root folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zlib
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from click.testing import CliRunner, Result

from generator.findings import Finding, Severity
from generator.render.paper.document import Paper

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MINI = ROOT / "tests" / "fixtures" / "mini"
PDF_CITY = ROOT / "tests" / "fixtures" / "pdf_city"
CONTENT = ROOT / "generator" / "templates" / "content"
"""The default content pages (package data); a city may override them in its own content/."""
CONFIG = ROOT / "mkdocs.yml"
AS_OF = date(2026, 11, 15)  # the data date of every test (the Makefile and CLI default to today in China)
PC = "compounds/pine-court"  # the mini city's one compound

# --- a city, copied and mutated -------------------------------------------------------

Mutation = Callable[[Path], None]


def copy_city(source: Path, dest: Path) -> Path:
    """A writable copy of the city at ``source`` in ``dest`` (which must not exist)."""
    shutil.copytree(source, dest)
    return dest


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` (which must occur) by ``new`` in a UTF-8 text file."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    """Add ``line`` and a newline at the end of a UTF-8 text file."""
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def replace(file: str, old: str, new: str) -> Mutation:
    """Mutation: :func:`edit` the city's ``file``."""
    return lambda root: edit(root / file, old, new)


def add_line(file: str, line: str) -> Mutation:
    """Mutation: :func:`append` ``line`` to the city's ``file``."""
    return lambda root: append(root / file, line)


def delete(*files: str) -> Mutation:
    """Mutation: remove the city's ``files``."""
    def apply(root: Path) -> None:
        for file in files:
            (root / file).unlink()
    return apply


def write(file: str, text: str | bytes) -> Mutation:
    """Mutation: (over)write the city's ``file`` with ``text`` (UTF-8) or bytes."""
    def apply(root: Path) -> None:
        path = root / file
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return apply


def rename(old: str, new: str) -> Mutation:
    """Mutation: rename the city's file or folder ``old`` to ``new``."""
    def apply(root: Path) -> None:
        (root / old).rename(root / new)
    return apply


def chain(*mutations: Mutation) -> Mutation:
    """Mutation: each of ``mutations`` in turn."""
    def apply(root: Path) -> None:
        for mutation in mutations:
            mutation(root)
    return apply


# --- checking a city -----------------------------------------------------------------


def findings_for(root: Path, as_of: date = AS_OF) -> list[Finding]:
    """Every finding of loading and checking the city at ``root``, in report order (the one
    check every command runs, :func:`generator.commands.steps.check`)."""
    from generator.commands.steps import check

    return check(root, as_of, CONTENT).findings


def listing(found: list[Finding]) -> str:
    """Findings one per line, as an assertion message."""
    return "\n".join(f"{f.location()} {f.code} [{f.severity.value}] (field {f.field}) {f.message}" for f in found)


def only(root: Path, as_of: date = AS_OF) -> Finding:
    """The one finding of the city at ``root`` (fails listing them all when there are more)."""
    found = findings_for(root, as_of)
    assert len(found) == 1, listing(found)
    return found[0]


EDIT = "edit"
"""A :class:`Defect`'s ``line`` when it is the line its mutation edited (the hostile corpus)."""


@dataclass(frozen=True)
class Defect:
    """A row of a one-defect table, the one format of one-defect cases (tests/test_checks.py,
    test_rank_checks.py, test_clerk_mistakes.py, test_hostile.py): what to break in a valid city
    and the finding it must give.

    :meth:`check` compares the finding whole: code, file, line, column (as the clerk counts them,
    1-based), field and severity, and the spreadsheet ``cell`` and ``column_name`` when the row
    gives them; its message must contain each of ``says`` and none of ``hides``, its hint each of
    ``hints``. ``also`` names the codes of the other findings the same edit rightly causes (an
    unknown field is also a missing one); by default the finding is the only one. The hostile
    corpus runs its rows through the whole build instead (code, file and line; ``line`` may be
    :data:`EDIT`), with mutations that take its own context.
    """

    id: str
    mutate: Callable[[Any], None]
    code: str
    file: str
    line: int | str | None = EDIT
    column: int | None = None
    field: str | None = None
    severity: Severity = Severity.ERROR
    says: tuple[str, ...] = ()
    hints: tuple[str, ...] = ()
    hides: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    cell: str | None = None
    column_name: str | None = None

    def check(self, root: Path, as_of: date = AS_OF) -> Finding:
        """Apply the mutation to the city at ``root`` and assert the finding; return it."""
        self.mutate(root)
        found = findings_for(root, as_of)
        assert sorted(f.code for f in found) == sorted((self.code, *self.also)), listing(found)
        finding = next(f for f in found if f.code == self.code)
        assert (finding.file, finding.line, finding.column, finding.field, finding.severity) == (
            self.file, self.line, self.column, self.field, self.severity), listing(found)
        if self.cell is not None or self.column_name is not None:
            assert (finding.cell, finding.column_name) == (self.cell, self.column_name), listing(found)
        for words in self.says:
            assert words in finding.message, finding.message
        for words in self.hides:
            assert words not in finding.message, finding.message
        for words in self.hints:
            assert words in (finding.hint or ""), finding.hint
        return finding


def cases(table: list[Defect]) -> list:
    """``table`` as pytest parameters named by each row's id."""
    import pytest

    return [pytest.param(row, id=row.id) for row in table]


# --- the command line ----------------------------------------------------------------


def cli(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    """``python -m generator *args`` run in this process (click's CliRunner on ``generator.cli``):
    the same exit codes, stdout and stderr as the installed command, in a fraction of the time."""
    from generator.cli import cli as command

    return CliRunner().invoke(command, [str(a) for a in args], env=env, catch_exceptions=False)


def run_module(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None,
               ) -> subprocess.CompletedProcess[str]:
    """``python -m generator *args`` in a new process (for the entry-point smoke tests only)."""
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, env=env, timeout=300)


# --- evaluations: a clean two-company sheet (the ``rated`` fixture) -------------------

SHEET_YAML = """\
period: 2026-H1
published_on: 2026-07-20
organiser: 测试市住房和城乡建设局
rectifications:
  - {company: beta, note: 楼道堆物清理, status: 整改中}
"""
SHEET_CSV = """\
company,group,score,dimension,compound
acme,residents,88,,
acme,regulator,90,,
acme,community,85,,
beta,residents,70,,
beta,regulator,75,,
beta,community,80,,
"""
CSV = "evaluations/2026-h1.csv"
YAML = "evaluations/2026-h1.yaml"


def add_rated_companies(root: Path) -> Path:
    """Give the mini city at ``root`` a second company (beta) and the clean 2026-H1 sheet."""
    beta = (root / "companies" / "acme.yaml").read_text(encoding="utf-8")
    (root / "companies" / "beta.yaml").write_text(
        beta.replace("测试物业服务有限公司", "贝塔物业有限公司").replace("MA2T000013", "MA2T000026"), encoding="utf-8")
    (root / "evaluations").mkdir()
    (root / YAML).write_text(SHEET_YAML, encoding="utf-8")
    (root / CSV).write_text(SHEET_CSV, encoding="utf-8")
    return root


# --- evaluations as models, for the ranking arithmetic --------------------------------

GROUPS = [
    {"id": "residents", "name": "居民满意度测评", "weight": "0.5"},
    {"id": "regulator", "name": "住建部门考核", "weight": "0.3"},
    {"id": "street", "name": "街道社区评价", "weight": "0.2"},
]


def policy(**overrides: Any):
    """An evaluation policy over :data:`GROUPS`, 10 % red and bad lists rounded down."""
    from generator.model.city import EvaluationPolicy

    data: dict[str, Any] = {
        "version": "T-1", "cycle": "half_year", "rater_groups": GROUPS,
        "list_rule": {"kind": "ratio", "red_ratio": "0.1", "bad_ratio": "0.1", "rounding": "down"},
    }
    data.update(overrides)
    return EvaluationPolicy.model_validate(data)


def sheet(period: str = "2026-H1", **kw: Any):
    """An evaluation sheet's header for ``period``."""
    from generator.model.evaluation import EvaluationSheet

    return EvaluationSheet.model_validate({"period": period, "published_on": "2026-07-20", "organiser": "示例市住建局", **kw})


def rows(table: dict[str, tuple[Any, Any, Any]]) -> list:
    """Evaluation rows from company -> (residents, regulator, street); None leaves the group out."""
    from generator.model.tables import EvaluationRow

    out = []
    for company, scores in table.items():
        for group, score in zip(("residents", "regulator", "street"), scores):
            if score is not None:
                out.append(EvaluationRow(company=company, group=group, score=str(score)))
    return out


def ten_companies(y: int = 95, z: int = 50) -> dict:
    """Ten companies (10% -> one red, one bad): c0..c7 score 90..83, plus y and z."""
    table = {f"c{k}": (90 - k, 90 - k, 90 - k) for k in range(8)}
    table["y"] = (y, y, y)
    table["z"] = (z, z, z)
    return table


# --- printed notices: build the PDFs of a city, read them back ------------------------

SITE_URL = "https://wuye.example.cn/"  # site_url of tests/fixtures/pdf_city


@dataclass
class BuiltPdfs:
    ds: Any
    out: Path
    result: Any
    """What the build's PDF stage made (:class:`generator.commands.printing.Printed`)."""

    @property
    def files(self) -> list[Path]:
        """Every PDF written below ``out``, in the order of the site plan."""
        return [self.out / name for name in self.result.pdfs]

    @property
    def reused(self) -> list[str]:
        return [name for name in self.result.pdfs if name not in self.result.compiled]


def build_pdf_city(data: Path, out: Path, cache: Path, paper: Paper = "a4", templates: Path | None = None,
                   as_of: date = AS_OF) -> BuiltPdfs:
    """Check the city at ``data`` (no errors allowed) and write its PDFs into ``out/pdf`` by the
    build's own PDF stage (:func:`generator.commands.printing.print_notices`)."""
    from generator.commands.printing import print_notices
    from generator.commands.steps import check
    from generator.engines.typst_pdf import TEMPLATES_DIR

    checked = check(data, as_of, CONTENT)
    assert checked.ok, [f.message for f in checked.findings]
    result = print_notices(checked.site(history=False), out, paper, cache, templates_dir=templates or TEMPLATES_DIR)
    return BuiltPdfs(checked.ds, out, result)


def views_of(data: Path, as_of: date = AS_OF) -> Any:
    """The views (:class:`generator.views.site.Views`) of the city at ``data`` (no errors allowed):
    what its pages and sheets show, with their stamps."""
    from generator.commands.steps import check

    checked = check(data, as_of, CONTENT)
    assert checked.ok, [f.message for f in checked.findings]
    return checked.site(history=False).views


def run_tool(*args: str | Path) -> str:
    """Run a command-line tool (pdftotext, pdfinfo, zbarimg…), return its stdout."""
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True).stdout


def pdf_text(pdf: Path) -> str:
    return run_tool("pdftotext", "-enc", "UTF-8", pdf, "-")


def pdf_objects(pdf: bytes) -> dict[int, bytes]:
    """Every object of a packed PDF read back through its cross-reference stream (what a reader does)."""
    start = int(pdf.rsplit(b"startxref", 1)[1].split()[0])
    head = re.match(rb"(\d+) 0 obj\s*<<(.*?)>>\s*stream\n", pdf[start:], re.S)
    assert head is not None and b"/Type/XRef" in head.group(2)
    length = int(re.search(rb"/Length (\d+)", head.group(2)).group(1))
    rows = zlib.decompress(pdf[start + head.end():start + head.end() + length])
    entries = [(rows[i], int.from_bytes(rows[i + 1:i + 5], "big"), int.from_bytes(rows[i + 5:i + 7], "big"))
               for i in range(0, len(rows), 7)]
    plain = {n: pdf[offset:pdf.index(b"\nendobj", offset)].split(b" 0 obj\n", 1)[1]
             for n, (kind, offset, _) in enumerate(entries) if kind == 1}
    out = {n: body for n, body in plain.items() if b"/Type/ObjStm" not in body[:80] and b"/Type/XRef" not in body[:80]}
    for number, body in plain.items():
        if b"/Type/ObjStm" in body[:80]:
            first = int(re.search(rb"/First (\d+)", body).group(1))
            data = zlib.decompress(body.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0])
            pairs = [int(x) for x in data[:first].split()]
            numbers, offsets = pairs[0::2], pairs[1::2] + [len(data) - first]
            for i, n in enumerate(numbers):
                assert entries[n][:2] == (2, number)
                out[n] = data[first + offsets[i]:first + offsets[i + 1]].rstrip(b"\n")
    return out


# --- a compound's one PDF: its cover, then its item sheets ------------------------------


def pdf_pages(pdf: Path, *options: str) -> list[str]:
    """The text of every page of ``pdf`` (pdftotext with ``options``), in order."""
    return run_tool("pdftotext", "-enc", "UTF-8", *options, pdf, "-").split("\f")[:-1]


_SHEET_FOOTER = re.compile(r" · (\S+) · 版本号 ([0-9a-f]{8})\s*$", re.M)
_FIRST_PAGE = re.compile(r"第\s*1\s*页\s*/")


@dataclass(frozen=True)
class PrintedSheet:
    """One item's sheet inside its compound's PDF, as a clerk prints it: its pages (found by
    their footer, ``<compound> · <title> · 版本号 <stamp>``)."""

    pdf: Path
    title: str
    stamp: str
    first: int
    """Its first page in the PDF (1-based, what a viewer shows and the cover's 页码 column says)."""
    pages: tuple[str, ...]
    """pdftotext of each of its pages."""

    @property
    def last(self) -> int:
        return self.first + len(self.pages) - 1

    @property
    def text(self) -> str:
        return "\f".join(self.pages)


def printed_sheets(pdf: Path) -> list[PrintedSheet]:
    """The item sheets of a compound's PDF in order (the pages after the cover, grouped by footer)."""
    found: list[PrintedSheet] = []
    for number, page in enumerate(pdf_pages(pdf), start=1):
        footer = _SHEET_FOOTER.search(page)
        if footer is None:
            assert not found, f"{pdf}: page {number} after the sheets is not a sheet"
            continue
        title, stamp = footer.groups()
        if found and (found[-1].title, found[-1].stamp) == (title, stamp) and not _FIRST_PAGE.search(page):
            last = found.pop()
            found.append(PrintedSheet(pdf, title, stamp, last.first, (*last.pages, page)))
        else:
            found.append(PrintedSheet(pdf, title, stamp, number, (page,)))
    return found


def printed_sheet(pdf: Path, slug: str) -> PrintedSheet:
    """The sheet of the item ``slug`` (its URL segment: ``public-revenue``) in a compound's PDF."""
    from generator.model.items import ITEMS

    title = ITEMS[slug.replace("-", "_")].board_title
    matches = [s for s in printed_sheets(pdf) if s.title == title]
    assert len(matches) == 1, (pdf, slug, [s.title for s in printed_sheets(pdf)])
    return matches[0]
