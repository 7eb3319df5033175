"""Build the printed notices: compile every compound's and every ranking period's PDF with Typst.

Contract of :func:`build_pdfs`:

* writes ``<out_dir>/pdf/<compound-id>.pdf`` for every compound and
  ``<out_dir>/pdf/ranking-<period-id>.pdf`` for every ranking period, and returns their
  paths (a :class:`PdfBuild`, a list that also says which were compiled and which reused);
* fonts: Noto Sans CJK SC only (Debian ``fonts-noto-cjk``), located with ``fc-list`` or in
  the usual font folders, and given to Typst with system fonts ignored, so the output does
  not depend on what else is installed. Without the font it raises :class:`PdfError` whose
  :class:`~generator.findings.Finding` says in Chinese how to install it; it never prints
  boxes (tofu) instead of characters;
* deterministic: the document date is the as-of date and nothing else varies, so the same
  data gives byte-identical PDFs;
* cached: a PDF is stored under ``cache_dir`` (default ``.cache/pdf``) by the SHA-256 of
  everything that determines it (Typst version, Typst source, data JSON, every template
  file, the font files, the paper); a rebuild compiles only documents whose key changed and
  copies the others from the cache. Cache entries are written atomically.

This stage writes only below ``<out_dir>/pdf`` and ``cache_dir``; it never touches data.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import typst

from generator.checks.status import StatusMatrix
from generator.findings import Finding, Severity
from generator.load.dataset import Dataset
from generator.rank import PeriodRanking
from generator.render.pdf_document import PAPERS, Paper, PdfDocument
from generator.render.pdf_notice import notice_document
from generator.render.pdf_ranking import ranking_document

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = REPO_ROOT / "templates" / "typst"
DEFAULT_CACHE_DIR = Path(".cache") / "pdf"

FONT_FAMILY = "Noto Sans CJK SC"
FONT_FILE_PREFIX = "NotoSansCJK"
FONT_SEARCH_DIRS = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian/Ubuntu fonts-noto-cjk
    Path("/usr/share/fonts/noto-cjk"),  # Arch, Fedora
    Path("/usr/share/fonts/google-noto-cjk"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)


class PdfError(Exception):
    """A configuration problem that stops the PDF stage; ``finding`` is for the CLI (exit 2)."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _error(code: str, message: str, hint: str, file: str = "templates/typst") -> PdfError:
    return PdfError(Finding(code=code, severity=Severity.ERROR, file=file, message=message, hint=hint))


def font_missing_error(detail: str = "") -> PdfError:
    return _error(
        "pdf-font-missing",
        f"找不到中文字体 {FONT_FAMILY}，无法生成公示 PDF（否则中文会显示成方框）{detail}",
        "安装字体：sudo apt-get install fonts-noto-cjk（或运行 scripts/install-system-deps.sh），然后重新构建。",
        file="fonts-noto-cjk",
    )


@dataclass(frozen=True)
class FontSet:
    """The folders given to Typst and the font files in them (for the cache key)."""

    dirs: tuple[str, ...]
    files: tuple[tuple[str, int], ...]

    def fingerprint(self) -> str:
        return "\n".join(f"{name}\t{size}" for name, size in self.files)


def _fc_list_dirs() -> list[Path]:
    try:
        out = subprocess.run(["fc-list", f":family={FONT_FAMILY}", "file"], capture_output=True, text=True,
                             timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({Path(line.split(":")[0].strip()).parent for line in out.splitlines() if line.strip()})


@lru_cache(maxsize=4)
def find_fonts(extra_dirs: tuple[str, ...] = ()) -> FontSet:
    """Locate Noto Sans CJK SC; raise :class:`PdfError` when it is not installed."""
    candidates = [Path(d) for d in extra_dirs] + _fc_list_dirs() + list(FONT_SEARCH_DIRS)
    dirs: list[Path] = []
    for folder in candidates:
        if folder.is_dir() and any(p.name.startswith(FONT_FILE_PREFIX) for p in folder.iterdir()):
            if folder not in dirs:
                dirs.append(folder)
    if not dirs:
        raise font_missing_error()
    families = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                           font_paths=[str(d) for d in dirs]).fonts()
    found = [f for f in families if f.family == FONT_FAMILY]
    if not found:
        raise font_missing_error(f"（已查找：{'、'.join(str(d) for d in dirs)}）")
    if not any(f.weight >= 600 for f in found):
        raise font_missing_error("（缺少粗体 NotoSansCJK-Bold）")
    files = sorted((str(p), p.stat().st_size) for d in dirs for p in d.rglob("*") if p.is_file())
    return FontSet(dirs=tuple(str(d) for d in dirs), files=tuple(files))


def template_fingerprint(templates_dir: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in templates_dir.rglob("*") if p.is_file()):
        digest.update(path.relative_to(templates_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(doc: PdfDocument, templates: str, fonts: FontSet) -> str:
    digest = hashlib.sha256()
    for part in (f"typst {_typst_version()}", doc.source(), doc.data_json(), templates, fonts.fingerprint()):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _typst_version() -> str:
    from importlib.metadata import version

    return version("typst")


@lru_cache(maxsize=4)
def _compiler(root: str, font_dirs: tuple[str, ...], templates: str) -> typst.Compiler:
    """One compiler per template state: reusing it saves the font scan (0.2 s -> a few ms)."""
    return typst.Compiler(root=root, font_paths=list(font_dirs), ignore_system_fonts=True)


def compile_document(doc: PdfDocument, templates_dir: Path, fonts: FontSet, templates: str) -> bytes:
    compiler = _compiler(str(templates_dir), fonts.dirs, templates)
    try:
        pdf, warnings = compiler.compile_with_warnings(input=doc.source().encode("utf-8"),
                                                       sys_inputs={"data": doc.data_json()})
    except typst.TypstError as exc:
        raise _error("pdf-compile-failed", f"生成 {doc.name} 失败：{exc}",
                     "这是模板问题而不是数据问题，请联系开发人员。", file=f"templates/typst/{doc.template}") from None
    for warning in warnings:
        text = str(warning)
        if "unknown font family" in text:
            raise font_missing_error(f"（Typst：{text}）")
    return bytes(pdf)


class PdfBuild(list[Path]):
    """The PDFs written (a list of paths) plus the names of the documents compiled and reused."""

    def __init__(self) -> None:
        super().__init__()
        self.compiled: list[str] = []
        self.reused: list[str] = []


def documents(ds: Dataset, status: StatusMatrix, rankings: list[PeriodRanking], as_of: date,
              paper: Paper) -> Iterable[PdfDocument]:
    for cid in sorted(ds.compounds):
        yield notice_document(ds, ds.compounds[cid], status, rankings, as_of, paper)
    for period in sorted(rankings, key=lambda p: p.period.start):
        yield ranking_document(ds, period, as_of, paper)


def build_pdfs(ds: Dataset, status: StatusMatrix, rankings: list[PeriodRanking], as_of: date, out_dir: Path,
               paper: Paper = "a4", *, cache_dir: Path | None = None, templates_dir: Path | None = None,
               font_dirs: tuple[str, ...] = ()) -> PdfBuild:
    """Write every notice and ranking PDF into ``out_dir/pdf``; see the module docstring."""
    if paper not in PAPERS:
        raise _error("pdf-paper", f"纸张“{paper}”不支持，只能是 a4 或 a3", "使用 --paper a4 或 --paper a3。", file="--paper")
    templates_dir = (templates_dir or TEMPLATES_DIR).resolve()
    cache_dir = cache_dir if cache_dir is not None else DEFAULT_CACHE_DIR
    fonts = find_fonts(tuple(font_dirs))
    templates = template_fingerprint(templates_dir)
    target = (Path(out_dir) / "pdf").resolve()
    target.mkdir(parents=True, exist_ok=True)
    cache_dir.mkdir(parents=True, exist_ok=True)
    result = PdfBuild()
    for doc in documents(ds, status, rankings, as_of, paper):
        out = target / doc.name
        if out.parent != target or out in result:
            raise _error("pdf-path", f"PDF 文件名“{doc.name}”不合法或重复", "检查小区和考评期间的编号。", file=doc.name)
        key = cache_key(doc, templates, fonts)
        cached = cache_dir / f"{key}.pdf"
        if cached.is_file():
            result.reused.append(doc.name)
        else:
            _atomic_write(cached, compile_document(doc, templates_dir, fonts, templates))
            result.compiled.append(doc.name)
        shutil.copyfile(cached, out)
        result.append(out)
    return result


def _atomic_write(path: Path, content: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pdf")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
