"""Check a printed notice: ``/verify/`` and one list of stamps per compound, ``/verify/<id>/``.

Contract: pure. :func:`verify_page` returns the ``/verify/`` page (a form anyone can see and
use: 18 px text, 2 px borders, spaces and upper case accepted, that opens ``/v/<stamp>/``;
without JavaScript, a list of compounds leads to ``/verify/<compound>/``), and
:func:`compound_stamps_page` a compound's ``/verify/<compound>/``: every stamp of that compound
with its item, state and dates, each linked to its page (a file of the compound's folder, so
its district's part builds it: :data:`generator.views.paths.COMPOUND_FOLDERS`). The ``/v/<stamp>/`` pages
themselves are standalone HTML written beside the engine's output
(:mod:`generator.render.web.stamp_pages`); these pages link them by their absolute URL.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.derive.trust_log import LOG_DIR
from generator.views import paths
from generator.render.context import SiteContext
from generator.render.web.environment import front_matter
from generator.render.web.history import china_time
from generator.render.web.markdown_escape import html_attr, html_text, md_text
from generator.render.web.tables import Col, html_table, link


_SCRIPT = ("var s=this.elements.stamp.value.normalize('NFKC').replace(/[\\s\\-]/g,'').toLowerCase();"
           "if(/^[0-9a-f]{8}$/.test(s)){location.href=new window.URL('../v/'+s+'/',location.href).href;}"
           "else{this.querySelector('.verify-error').hidden=false;}return false;")
"""Spaces (also full-width ones and dashes) and upper case are accepted: ``1A2B 3C4D`` opens
``/v/1a2b3c4d/``, beside ``/verify/`` wherever the site is served (a copy on another host too).
``window.URL``: an inline handler's scope holds ``document``, whose ``URL`` is a string."""


def _form() -> Markup:
    return (Markup('<form class="verify" onsubmit="') + html_attr(_SCRIPT)
            + Markup('"><label for="stamp">公示单上的版本号（8 位，数字和字母，大小写、空格都可以）</label>'
                     '<input id="stamp" name="stamp" type="text" autocomplete="off" autocapitalize="none" '
                     'spellcheck="false" inputmode="latin" size="12" required> '
                     '<button type="submit">核对</button>'
                     '<p class="verify-error" role="alert" hidden>版本号是 8 位，由数字 0–9 和字母 a–f 组成，'
                     '请对照公示单重新输入。</p></form>'))


def _compound_lists(ctx: SiteContext) -> list[str]:
    """The way without JavaScript: every compound's list of stamps, by district."""
    lines = ["## 不用输入框：按小区查找版本号", "",
             "在下面找到您的小区，打开它的版本号清单，在清单里找到公示单上印的版本号即可。", ""]
    for district in ctx.city_view.districts:
        links = [f"[{md_text(f.name)}]({paths.link(paths.VERIFY, paths.verify_compound(f.id))})"
                 for f in district.compounds]
        lines += [f"**{md_text(district.district.name)}**：" + " · ".join(links), ""]
    return lines


def _verify_page(ctx: SiteContext) -> str:
    example = ctx.plan.absolute(paths.stamp_page("1a2b3c4d")).removesuffix("/")
    lines = ["# 核对公示版本", "",
             "公示栏上每张公示单的底部都印有“版本号”。输入版本号，就能知道这张纸上的内容是不是现在的版本、"
             "什么时候有效、之后改了什么。", "", str(_form()), "",
             str(Markup("<p>也可以直接在浏览器地址栏输入 <code>") + html_text(example.replace("1a2b3c4d", "版本号"))
                 + Markup("/</code>（例如 <code>") + html_text(example) + Markup("/</code>）。本站没有记录的版本号会显示“找不到页面”。</p>")),
             ""]
    if ctx.versions is None:
        lines += ["本站的数据没有保存修改记录，只能核对现行版本。", ""]
    lines += _compound_lists(ctx)
    lines += _log_section(ctx)
    return front_matter("核对公示版本", search_exclude=True) + "\n".join(lines) + "\n"


def _log_section(ctx: SiteContext) -> list[str]:
    """The public log: where it is, its public key, and how to check that nothing was rewritten."""
    if ctx.log is None:
        return []
    checkpoint = paths.absolute_url(ctx.city.base_url(), f"{LOG_DIR}/checkpoint")
    key = Markup("<p>日志公钥：<code class=\"log-key\">") + html_text(ctx.log.public_key) + Markup("</code></p>")
    return ["## 公开日志：发布过的版本号不能悄悄改", "",
            "本站发布过的每个版本号，以及每次发布的数据指纹，都按顺序记入一份只能追加的公开日志"
            "（C2SP tlog-tiles 格式，每次发布用下面的公钥签名）。红黑榜 PDF 上也印有这个公钥。", "", str(key), "",
            f"日志的最新检查点：[{md_text(checkpoint)}]({checkpoint})。保存一份检查点，以后用 "
            "`wuye verify log 网站的log目录 --key 公钥 --since 保存的检查点` 核对：之前发布的记录若被改动、删除或调换，"
            "核对就不通过。每个版本号页面另有它的证明文件，可以离线核对。", ""]


def _stamp_cell(ctx: SiteContext, stamp: str) -> str:
    return link(ctx.plan.absolute(paths.stamp_page(stamp)), stamp)


def _compound_stamps_page(ctx: SiteContext, cid: str) -> str:
    """The stamps the compound's board should carry now (each shown item's sheet, the
    booklet), then every earlier version the history reaches, each linked to its page."""
    page = paths.verify_compound(cid)
    facts = ctx.compound(cid)
    lines = [f"# {md_text(facts.name)}：全部版本号", "",
             "公示单底部印的版本号在下表中，就是本站发布过的版本；点开可看它是不是现行版本、之后改了什么。"
             f"[返回核对页]({paths.link(page, paths.VERIFY)}) · [小区首页]({paths.link(page, paths.compound_home(cid))})", ""]
    cols = [Col("版本号", key=True), Col("公示项目", key=True), Col("状态"), Col("有效期")]
    now, past = [], []
    for item in ctx.items:
        view = ctx.views.item(cid, item.id)
        history = ctx.versions.of(cid, item.id) if ctx.versions is not None else None
        current = history.current if history is not None else None
        if view is not None:
            since = f"{china_time(current.since)}起至今" if current is not None and current.since else "现行"
            now.append([_stamp_cell(ctx, view.stamp), item.name, "现行版本", since])
        for version in history.past if history is not None else []:
            until = china_time(version.until) if version.until else "—"
            past.append([_stamp_cell(ctx, version.stamp), item.name, "已更新", f"{china_time(version.since)} 至 {until}"])
    now.append([_stamp_cell(ctx, ctx.views.booklet(cid).stamp), "公示汇编（全部事项）", "现行版本", "现行"])
    lines += ["## 公示栏现在应张贴的版本", "",
              str(html_table(cols, now, caption=f"{facts.name}公示栏现在应张贴的版本号", row_header=None)), ""]
    if past:
        lines += ["## 以前的版本", "",
                  str(html_table(cols, past, caption=f"{facts.name}以前的版本号", row_header=None)), ""]
    return front_matter(f"{facts.name} 版本号", search_exclude=True) + "\n".join(lines) + "\n"


def verify_page(ctx: SiteContext) -> dict[str, str]:
    """``/verify/`` (the city's page)."""
    return {paths.VERIFY: _verify_page(ctx)}


def compound_stamps_page(ctx: SiteContext, cid: str) -> dict[str, str]:
    """``/verify/<id>/``: a compound's page (in the compound's folder, its district's part)."""
    return {paths.verify_compound(cid): _compound_stamps_page(ctx, cid)}
