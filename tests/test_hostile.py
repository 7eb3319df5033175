"""A corpus of hostile inputs: each case is a copy of the sample city (``data/``, and of the
hand-written pages ``content/``) with one defect, a row of the one format of one-defect cases
(:class:`tests.support.Defect`, whose mutation here takes the :class:`Ctx`).

Every case goes through the real :func:`generator.commands.build.build` (in process: a
traceback fails the test) over a previous site, and must end in exactly one error finding
with the expected code, file and line (the line where the defect was put), a message and a
hint, with the previous site untouched, nothing left next to it, and the data and content
folders unchanged. A few cases also run through the command line (subprocess): exit code 1,
findings printed, no traceback.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Callable

import pytest

from generator.commands.build import SITE_MARKER, BuildOptions, build
from tests.support import CONTENT, EDIT, Defect

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data"
AS_OF = "2026-11-15"

LT = "compounds/lanting"
CP = f"{LT}/company_profile.yaml"
CC = f"{LT}/complaint_channels.yaml"
PR = f"{LT}/public_revenue.csv"
PRY = f"{LT}/public_revenue.yaml"
FM = f"{LT}/facility_maintenance.csv"
OV = f"{LT}/oversight.csv"
MP = "model_projects/lanting-garden.yaml"
PHOTO = "model_projects/photos/courtyard-garden.svg"


class Ctx:
    """The copy of the sample being broken (data and content), plus a folder outside it."""

    def __init__(self, data: Path, outside: Path, content: Path) -> None:
        self.data = data
        self.outside = outside
        self.content = content
        self.line: int | None = None

    def edit(self, rel: str, old: str, new: str) -> None:
        path = self.data / rel
        text = path.read_text(encoding="utf-8-sig")
        assert old in text, f"{old!r} not in {rel}"
        at = text.index(old)
        self.line = text.count("\n", 0, at) + 1
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, rel: str, content: str | bytes) -> None:
        path = self.data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink() or path.exists():
            path.unlink()
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))

    def link(self, rel: str, target: Path) -> None:
        path = self.data / rel
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        path.symlink_to(target)

    def outside_copy(self, rel: str) -> Path:
        """A copy of a sample file or folder outside the data folder."""
        source = SAMPLE / rel
        dest = self.outside / source.name
        if source.is_dir():
            shutil.copytree(source, dest)
        else:
            shutil.copy(source, dest)
        return dest


Mutation = Callable[[Ctx], None]


def e(rel: str, old: str, new: str) -> Mutation:
    return lambda c: c.edit(rel, old, new)


def svg(body: str) -> Mutation:
    return lambda c: c.write(PHOTO, f'<svg xmlns="http://www.w3.org/2000/svg" '
                                    f'xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">{body}</svg>')


def photo_line(c: Ctx) -> None:
    c.line = 13  # "  - file: courtyard-garden.svg" in lanting-garden.yaml


def both(*steps: Mutation) -> Mutation:
    def run(c: Ctx) -> None:
        for step in steps:
            step(c)
    return run


def alias_bomb(c: Ctx) -> None:
    lines = ['bomb0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"bomb{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    text = (c.data / f"{LT}/compound.yaml").read_text(encoding="utf-8")
    c.line = text.count("\n") + 4  # the 21st alias, on the fourth added line (9 aliases per line)
    c.write(f"{LT}/compound.yaml", text + "\n".join(lines) + "\n")


def deep_flow(c: Ctx) -> None:
    text = (c.data / f"{LT}/compound.yaml").read_text(encoding="utf-8")
    c.line = text.count("\n") + 1
    c.write(f"{LT}/compound.yaml", text + "deep: " + "[" * 50_000 + "]" * 50_000 + "\n")


def deep_block(c: Ctx) -> None:
    text = (c.data / f"{LT}/compound.yaml").read_text(encoding="utf-8")
    nested = "".join(f"{'  ' * i}k{i}:\n" for i in range(30)) + "  " * 30 + "v: 1\n"
    c.write(f"{LT}/compound.yaml", text + nested)
    c.line = text.count("\n") + 1 + 20  # the 21st level opens on the 21st added line


def big_csv(c: Ctx) -> None:
    row = "2026-01-02,income,车位占用,地面车位占用费,1.00,1.00\n"
    header = (SAMPLE / PR).read_text(encoding="utf-8").splitlines()[0] + "\n"
    c.write(PR, header + row * (50_000_000 // len(row.encode())))
    c.line = 1


def many_rows(c: Ctx) -> None:
    text = (SAMPLE / PR).read_text(encoding="utf-8")
    c.write(PR, text + "2026-09-30,income,广告,x,0.01,0.01\n" * 20_000)
    c.line = 20_000 + 2  # the 20,001st row (the header is line 1)


def long_cell(c: Ctx) -> None:
    c.edit(PR, "地面车位占用费（48个×150元/月×3个月）", "长" * 3000)


def nul_csv(c: Ctx) -> None:
    c.edit(OV, "绿化带枯死苗木未补植", "绿化带\x00枯死")


def mixed_encoding(c: Ctx) -> None:
    lines = (SAMPLE / PR).read_text(encoding="utf-8").splitlines(keepends=True)
    raw = b"".join(line.encode("gb18030" if i == 4 else "utf-8") for i, line in enumerate(lines))
    c.write(PR, raw)
    c.line = 5


def unclosed_quote(c: Ctx) -> None:
    c.edit(PR, "快递柜场地使用费（3组，第一季度）", '"快递柜场地使用费（3组，第一季度）')


def stray_quote(c: Ctx) -> None:
    c.edit(PR, "快递柜场地使用费（3组，第一季度）", '"快递柜"场地使用费')


def big_yaml(c: Ctx) -> None:
    text = (SAMPLE / f"{LT}/compound.yaml").read_text(encoding="utf-8")
    c.write(f"{LT}/compound.yaml", text + ("# " + "注" * 500 + "\n") * 800)
    c.line = 1


def yaml_bad_utf8(c: Ctx) -> None:
    text = (SAMPLE / CP).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    c.write(CP, "".join(lines[:6]).encode() + lines[6].encode("gb18030") + "".join(lines[7:]).encode())
    c.line = 7


def big_photo(c: Ctx) -> None:
    c.write(PHOTO.replace(".svg", ".png"), b"\x89PNG\r\n\x1a\n" + b"\0" * 5_100_000)
    c.edit(MP, "courtyard-garden.svg", "courtyard-garden.png")


def fake_png(c: Ctx) -> None:
    c.write(PHOTO.replace(".svg", ".png"), "<html><script>alert(1)</script></html>")
    c.edit(MP, "courtyard-garden.svg", "courtyard-garden.png")


def fake_jpg(c: Ctx) -> None:
    c.write(PHOTO.replace(".svg", ".jpg"), b"GIF89a\x01\x00\x01\x00")
    c.edit(MP, "courtyard-garden.svg", "courtyard-garden.jpg")


def gif_photo(c: Ctx) -> None:
    c.write(PHOTO.replace(".svg", ".gif"), b"GIF89a\x01\x00\x01\x00")
    c.edit(MP, "courtyard-garden.svg", "courtyard-garden.gif")


def manager_svg(c: Ctx) -> None:
    c.write(f"{LT}/pm.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    c.edit(CP, "  since: 2023-08-10", "  photo: pm.svg\n  since: 2023-08-10")


def manager_link(c: Ctx) -> None:
    c.link(f"{LT}/pm.jpg", Path("/etc/hostname"))
    c.edit(CP, "  since: 2023-08-10", "  photo: pm.jpg\n  since: 2023-08-10")
    c.line = None


def link_photo(c: Ctx) -> None:
    c.link(PHOTO, Path("/etc/passwd"))
    c.line = None


def link_compound(c: Ctx) -> None:
    c.link(f"{LT}", c.outside_copy(LT))
    c.line = None


def link_csv(c: Ctx) -> None:
    c.link(PR, c.outside_copy(PR))
    c.line = None


def link_city(c: Ctx) -> None:
    c.link("city.yaml", c.outside_copy("city.yaml"))
    c.line = None


def link_dangling(c: Ctx) -> None:
    c.link(f"{LT}/parking.csv", c.outside / "nowhere.csv")
    c.line = None


def link_loop(c: Ctx) -> None:
    (c.data / f"{LT}/loop-a.csv").symlink_to(c.data / f"{LT}/loop-a.csv")
    c.line = None


def link_relative_escape(c: Ctx) -> None:
    c.outside_copy("companies/anju.yaml")
    (c.data / "companies/evil.yaml").symlink_to(Path("../../outside/anju.yaml"))
    c.line = None


def octal_phone(c: Ctx) -> None:
    c.edit(CC, "repair: 0550-6302502", "repair: 05506302501")


def content_link(c: Ctx) -> None:
    (c.content / "secret.txt").symlink_to(Path("/etc/passwd"))
    c.line = None


def content_folder_link(c: Ctx) -> None:
    shutil.copytree(CONTENT, c.outside / "pages")
    (c.content / "more").symlink_to(c.outside / "pages")
    c.line = None


def many_columns(c: Ctx) -> None:
    header = (SAMPLE / PR).read_text(encoding="utf-8").splitlines()[0]
    c.edit(PR, header, header + "".join(f",备注{i}" for i in range(60)))


def number_named_photo(c: Ctx) -> None:
    """An unreferenced photo whose name is a mobile number: the name is in the repository."""
    c.write("model_projects/photos/13800138000.svg", (SAMPLE / PHOTO).read_bytes())
    c.line = None


def fake_webp(c: Ctx) -> None:
    c.write(PHOTO.replace(".svg", ".webp"), "<html><script>alert(1)</script></html>")
    c.edit(MP, "courtyard-garden.svg", "courtyard-garden.webp")


CASES = [
    # script in pages: the site name and drawings
    Defect("site-title-script", e("city.yaml", "site_title: 示例市物业服务信息公开平台",
                                'site_title: \'示例市"><script>alert(1)</script>\''), "value-markup", "city.yaml"),
    Defect("site-title-tag", e("city.yaml", "site_title: 示例市物业服务信息公开平台", "site_title: 示例市<b>平台</b>"),
         "value-markup", "city.yaml"),
    Defect("site-title-quote", e("city.yaml", "site_title: 示例市物业服务信息公开平台", "site_title: 示例市'平台'"),
         "value-markup", "city.yaml"),
    Defect("site-title-amp", e("city.yaml", "site_title: 示例市物业服务信息公开平台", "site_title: 示例市&amp;平台"),
         "value-markup", "city.yaml"),
    Defect("svg-script", both(svg("<script>alert(1)</script>"), photo_line), "photo-format", MP),
    Defect("svg-onload", both(svg('<rect width="5" height="5" onload="alert(1)"/>'), photo_line), "photo-format", MP),
    Defect("svg-onclick-upper", both(svg('<rect width="5" ONCLICK="alert(1)"/>'), photo_line), "photo-format", MP),
    Defect("svg-external-image", both(svg('<image href="https://evil.example/x.png"/>'), photo_line), "photo-format", MP),
    Defect("svg-use-external", both(svg('<use xlink:href="https://evil.example/x.svg#a"/>'), photo_line),
         "photo-format", MP),
    Defect("svg-style-url", both(svg('<rect style="fill:url(https://evil.example/t)"/>'), photo_line), "photo-format", MP),
    Defect("svg-style-element", both(svg("<style>@import url(https://evil.example/a.css);</style>"), photo_line),
         "photo-format", MP),
    Defect("svg-entity", both(lambda c: c.write(PHOTO, '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]>'
                                                      '<svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'), photo_line),
         "photo-format", MP),
    Defect("svg-foreign-object", both(svg("<foreignObject><div>x</div></foreignObject>"), photo_line), "photo-format", MP),
    Defect("svg-javascript-fill", both(svg('<rect fill="javascript:alert(1)"/>'), photo_line), "photo-format", MP),
    Defect("svg-anchor", both(svg('<a href="javascript:alert(1)"><text>x</text></a>'), photo_line), "photo-format", MP),
    Defect("svg-not-xml", both(lambda c: c.write(PHOTO, "<svg><rect></svg"), photo_line), "photo-format", MP),
    Defect("png-is-html", fake_png, "photo-format", MP),
    Defect("jpg-is-gif", fake_jpg, "photo-format", MP),
    Defect("gif-suffix", gif_photo, "photo-format", MP),
    Defect("photo-too-large", big_photo, "file-too-large", MP),
    Defect("manager-svg-script", manager_svg, "photo-format", CP),
    # files from outside data/
    Defect("link-photo-etc-passwd", link_photo, "file-outside", PHOTO, None),
    Defect("link-manager-photo", manager_link, "file-outside", f"{LT}/pm.jpg", None),
    Defect("link-compound-folder", link_compound, "file-outside", LT, None),
    Defect("link-csv", link_csv, "file-outside", PR, None),
    Defect("link-city", link_city, "file-outside", "city.yaml", None),
    Defect("link-dangling", link_dangling, "file-outside", f"{LT}/parking.csv", None),
    Defect("link-loop", link_loop, "file-outside", f"{LT}/loop-a.csv", None),
    Defect("link-relative-escape", link_relative_escape, "file-outside", "companies/evil.yaml", None),
    # YAML bombs and limits
    Defect("yaml-alias-bomb", alias_bomb, "yaml-too-many-aliases", f"{LT}/compound.yaml"),
    Defect("yaml-deep-flow", deep_flow, "yaml-too-deep", f"{LT}/compound.yaml"),
    Defect("yaml-deep-block", deep_block, "yaml-too-deep", f"{LT}/compound.yaml"),
    Defect("yaml-too-large", big_yaml, "file-too-large", f"{LT}/compound.yaml"),
    Defect("yaml-nul", e(CP, "  name: 周立新", "  name: 周立\x00新"), "yaml-syntax", CP),
    Defect("yaml-not-utf8-line", yaml_bad_utf8, "yaml-encoding", CP),
    # dates and numbers out of range
    Defect("date-feb-30", e(PRY, "posted_on: 2026-10-10", "posted_on: 2026-02-30"), "value-date", PRY),
    Defect("date-month-13", e(PRY, "posted_on: 2026-10-10", "posted_on: 2026-13-01"), "value-date", PRY),
    Defect("date-year-3026", e(PRY, "posted_on: 2026-10-10", "posted_on: 3026-10-10"), "value-date", PRY),
    Defect("period-far-future", e(PRY, "  period: 2026-Q3", "  period: 9999-Q3"), "value-period", PRY),
    Defect("period-year-0", e(PRY, "  period: 2026-Q3", "  period: 0000-Q3"), "value-period", PRY),
    Defect("amount-1e30-yaml", e(PRY, "opening_balance: 53254.40", "opening_balance: 1e30"), "value-number", PRY),
    Defect("amount-1e30-csv", e(PR, "21600.00,74854.40", "1e30,74854.40"), "value-number", PR),
    Defect("amount-inf-yaml", e(PRY, "opening_balance: 53254.40", "opening_balance: .inf"), "value-number", PRY),
    Defect("amount-nan-csv", e(PR, "21600.00,74854.40", "NaN,74854.40"), "value-number", PR),
    Defect("count-huge", e(f"{LT}/compound.yaml", "households: 1216", "households: 100000000000000000000"),
         "value-number", f"{LT}/compound.yaml"),
    Defect("amount-many-decimals", e(PR, "21600.00,74854.40", "21600.000000001,74854.40"), "value-number", PR),
    Defect("csv-date-feb-30", e(OV, "2026-08-04,已整改", "2026/2/30,已整改"), "value-date", OV),
    # CSV limits and where the defect is
    Defect("csv-50mb", big_csv, "file-too-large", PR),
    Defect("csv-too-many-rows", many_rows, "csv-too-many-rows", PR),
    Defect("csv-cell-too-long", long_cell, "csv-cell-too-long", PR),
    Defect("csv-nul-byte", nul_csv, "csv-syntax", OV),
    Defect("csv-mixed-encoding", mixed_encoding, "csv-encoding", PR),
    Defect("csv-unclosed-quote", unclosed_quote, "csv-syntax", PR),
    Defect("csv-stray-quote", stray_quote, "csv-syntax", PR),
    # privacy in any spelling
    Defect("id-spaces", e(PR, "快递柜场地使用费（3组，第一季度）", "付款人 110101 19900307 1234"), "privacy-id-number", PR),
    Defect("id-full-width", e(PR, "快递柜场地使用费（3组，第一季度）", "付款人１１０１０１１９９００３０７１２３Ｘ"),
         "privacy-id-number", PR),
    Defect("id-dashes", e(PR, "快递柜场地使用费（3组，第一季度）", "付款人110101-19900307-1234"), "privacy-id-number", PR),
    Defect("mobile-full-width", e(PR, "快递柜场地使用费（3组，第一季度）", "联系１３８００１３８０００"), "privacy-mobile", PR),
    Defect("mobile-plus86", e(OV, "绿化带枯死苗木未补植", "绿化带枯死苗木未补植，联系+8613800138000"), "privacy-mobile", OV),
    Defect("mobile-dotted", e(OV, "绿化带枯死苗木未补植", "绿化带枯死苗木未补植，联系138.0013.8000"), "privacy-mobile", OV),
    Defect("mobile-3-3-5", e(OV, "绿化带枯死苗木未补植", "绿化带枯死苗木未补植，联系138 001 38000"), "privacy-mobile", OV),
    Defect("mobile-0086", e(OV, "绿化带枯死苗木未补植", "绿化带枯死苗木未补植，联系0086 138 0013 8000"), "privacy-mobile", OV),
    Defect("mobile-ideographic-space", e(OV, "绿化带枯死苗木未补植", "联系138\u30000013\u30008000"), "privacy-mobile", OV),
    Defect("mobile-manager-office-phone", e(CP, "office_phone: 0550-6302501", "office_phone: 138-0013-8000"),
         "privacy-mobile", CP),
    Defect("mobile-repair-line", e(CC, "repair: 0550-6302502", "repair: '+86 139 0013 9000'"), "privacy-mobile", CC),
    Defect("bank-card-grouped", e(PR, "快递柜场地使用费（3组，第一季度）", "转入 6222 0212 3456 7890"),
         "privacy-bank-account", PR),
    # phones that fit no kind
    Defect("phone-dropped-zero-csv", e(FM, "0550-6384360", "5506384360"), "phone-format", FM),
    Defect("phone-no-area-code", e(CC, "repair: 0550-6302502", "repair: 6302502"), "phone-format", CC),
    Defect("phone-dropped-zero-city", e("city.yaml", "regulator_phone: 0550-6201234", "regulator_phone: 5506201234"),
         "phone-format", "city.yaml"),
    Defect("phone-letter-o", e(CP, "office_phone: 0550-6302501", "office_phone: 055O-6302501"), "phone-format", CP),
    Defect("phone-too-short", e(CC, "complaint: 400-880-6601", "complaint: '12'"), "phone-format", CC),
    Defect("phone-yaml-octal", octal_phone, "phone-format", CC),
    # added in the audit of issue 16: content/ links, more spellings, more limits
    Defect("content-link-etc-passwd", content_link, "file-outside", "../content/secret.txt", None),
    Defect("content-link-folder", content_folder_link, "file-outside", "../content/more", None),
    Defect("csv-too-many-columns", many_columns, "csv-too-many-columns", PR),
    Defect("mobile-underscores", e(OV, "绿化带枯死苗木未补植", "绿化带枯死苗木未补植，联系138_0013_8000"), "privacy-mobile", OV),
    Defect("mobile-slashes", e(OV, "绿化带枯死苗木未补植", "绿化带枯死苗木未补植，联系138/0013/8000"), "privacy-mobile", OV),
    Defect("mobile-every-digit-spaced", e(OV, "绿化带枯死苗木未补植", "联系1 3 8 0 0 1 3 8 0 0 0"), "privacy-mobile", OV),
    Defect("id-groups-of-three", e(PR, "快递柜场地使用费（3组，第一季度）", "付款人110 101 199 003 071 234"),
         "privacy-id-number", PR),
    Defect("mobile-yaml-number", e(CP, "office_phone: 0550-6302501", "office_phone: 13800138000"),
         "privacy-mobile", CP),
    Defect("mobile-city-hotline", e("city.yaml", "hotline: '12345'", "hotline: '139-0013-9000'"),
         "privacy-mobile", "city.yaml"),
    Defect("id-company-address", e("companies/anju.yaml", "湖滨大道188号", "湖滨大道188号（法人身份证 110101199003071234）"),
         "privacy-id-number", "companies/anju.yaml"),
    Defect("mobile-in-file-name", number_named_photo, "privacy-mobile", "model_projects/photos/13800138000.svg", None),
    Defect("phone-400-too-short", e(CC, "complaint: 400-880-6601", "complaint: 400-880-660"), "phone-format", CC),
    Defect("phone-dropped-zero-dashed", e(FM, "0550-6384360", "550-6384360"), "phone-format", FM),
    Defect("phone-company-dropped-zero", e("companies/anju.yaml", "phone: 400-880-6601", "phone: 5506302501"),
         "phone-format", "companies/anju.yaml"),
    Defect("svg-script-upper", both(svg("<SCRIPT>alert(1)</SCRIPT>"), photo_line), "photo-format", MP),
    Defect("svg-script-prefixed", both(svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'),
                                     photo_line), "photo-format", MP),
    Defect("svg-use-data-uri", both(svg('<use href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>'), photo_line),
         "photo-format", MP),
    Defect("svg-set-href", both(svg('<set attributeName="href" to="javascript:alert(1)"/>'), photo_line),
         "photo-format", MP),
    Defect("webp-is-html", fake_webp, "photo-format", MP),
    Defect("site-title-backtick", e("city.yaml", "site_title: 示例市物业服务信息公开平台", "site_title: 示例市`平台`"),
         "value-markup", "city.yaml"),
    Defect("date-feb-29-2026", e(PRY, "posted_on: 2026-10-10", "posted_on: 2026-02-29"), "value-date", PRY),
]


def _tree(folder: Path) -> dict[str, str]:
    """Every entry below ``folder`` (links not followed) with a digest of its content."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            out[rel] = "link:" + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            out[rel] = "dir"
    return out


@pytest.fixture
def ctx(tmp_path: Path) -> Ctx:
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data, symlinks=True)
    shutil.copytree(CONTENT, tmp_path / "content", symlinks=True)
    (tmp_path / "outside").mkdir()
    return Ctx(data, tmp_path / "outside", tmp_path / "content")


def _previous_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / SITE_MARKER).write_text("")
    (site / "index.html").write_text("<p>上一次构建的网站</p>", encoding="utf-8")
    return site


def test_the_corpus_is_large_and_every_case_distinct() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input_ends_in_one_finding(case: Defect, ctx: Ctx, tmp_path: Path) -> None:
    case.mutate(ctx)
    site = _previous_site(tmp_path)
    before_site, before_data, before_content = _tree(site), _tree(ctx.data), _tree(ctx.content)
    result = build(BuildOptions(data=ctx.data, out=site, content=ctx.content, config=ROOT / "mkdocs.yml",
                                as_of=date.fromisoformat(AS_OF), pdf_cache=tmp_path / "cache"))
    errors = [f for f in result.findings if f.severity.value == "error"]
    assert not result.ok
    assert [(f.code, f.file) for f in errors] == [(case.code, case.file)], errors
    expected_line = ctx.line if case.line == EDIT else case.line
    assert errors[0].line == expected_line, errors[0]
    assert errors[0].message and errors[0].hint
    assert _tree(site) == before_site
    assert _tree(ctx.data) == before_data
    assert _tree(ctx.content) == before_content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "data", "outside", "site"]


CLI_CASES = ["site-title-script", "yaml-deep-flow", "yaml-alias-bomb", "amount-1e30-csv", "link-photo-etc-passwd",
             "phone-dropped-zero-csv"]


@pytest.mark.parametrize("case_id", CLI_CASES)
def test_hostile_input_through_the_command_line(case_id: str, ctx: Ctx, tmp_path: Path) -> None:
    case = next(c for c in CASES if c.id == case_id)
    case.mutate(ctx)
    site = _previous_site(tmp_path)
    before = _tree(site)
    command = "build" if case_id in ("amount-1e30-csv", "link-photo-etc-passwd") else "check"
    args = [sys.executable, "-m", "generator", command, "--data", str(ctx.data), "--as-of", AS_OF]
    if command == "build":
        args += ["--out", str(site)]
    run = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert f"{case.file}" in run.stdout and case.code in run.stdout
    assert _tree(site) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "data", "outside", "site"]


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_link_in_content_through_the_command_line(command: str, ctx: Ctx, tmp_path: Path) -> None:
    """``check`` and ``build`` run where the site's files are (content/ and mkdocs.yml beside
    data/): the link is named as the user sees it, content/secret.txt, and nothing of it is
    read or published."""
    content_link(ctx)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    site = _previous_site(tmp_path)
    before = _tree(site)
    args = ["--out", "site"] if command == "build" else []
    run = subprocess.run([sys.executable, "-m", "generator", command, "--data", "data", "--as-of", AS_OF, *args],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    errors = [line for line in run.stdout.splitlines() if "[错误]" in line]
    assert len(errors) == 1 and errors[0].startswith("content/secret.txt file-outside"), run.stdout
    assert _tree(site) == before
    assert "root:" not in run.stdout + run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content", "data", "mkdocs.yml", "outside", "site"]
