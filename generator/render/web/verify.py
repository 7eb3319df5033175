"""Check a printed notice: ``/verify/`` and one static page per version stamp, ``/v/<stamp>/``.

Contract: pure. :func:`verify_pages` returns the ``/verify/`` page (a small form that opens
``/v/<stamp>/``; without JavaScript, residents type the address) and, for every stamp the
site knows (:func:`generator.views.versions.stamp_index`: every version of the history and
every stamp the build prints), a page saying which compound and item (or which compound's
booklet, with the item stamps it covers) it belongs to, whether it is the current version or an older one, from when to when
it was current, and what changed since, in figures (corrections marked 更正). An unknown
stamp has no page: the site's 404 page says plainly that no such version is on record.
"""

from __future__ import annotations

from markupsafe import Markup

from generator.views import paths
from generator.render.context import SiteContext
from generator.views.site import StampEntry
from generator.views.versions import stamp_index
from generator.render.web.environment import front_matter
from generator.render.web.history import change_lines, china_time
from generator.render.web.markdown_escape import html_attr, md_text


def _verify_page(ctx: SiteContext) -> str:
    target = ctx.plan.absolute(paths.stamp_page("STAMP")).replace("STAMP/", "")
    script = ("var s=this.elements.stamp.value.replace(/\\s/g,'').toLowerCase();"
              "if(/^[0-9a-f]{8}(-[0-9]+)?$/.test(s)){location.href=this.dataset.base+s+'/';}"
              "else{this.querySelector('.verify-error').hidden=false;}return false;")
    form = (Markup('<form class="verify" data-base="') + html_attr(target) + Markup('" onsubmit="') + html_attr(script)
            + Markup('"><label for="stamp">公示单上的版本号（8 位字母数字）</label> '
                     '<input id="stamp" name="stamp" autocomplete="off" inputmode="latin" size="12" required> '
                     '<button type="submit">核对</button>'
                     '<p class="verify-error" hidden>版本号是 8 位，由数字 0–9 和字母 a–f 组成，请对照公示单重新输入。</p></form>'))
    lines = ["# 核对公示版本", "",
             "公示栏上每张公示单的底部都印有“版本号”。输入版本号，就能知道这张纸上的内容是不是现在的版本、"
             "什么时候有效、之后改了什么。", "", str(form), "",
             f"不能使用上面的输入框时，直接在浏览器地址栏输入 `{md_text(target)}版本号/`"
             "（例如 …/v/1a2b3c4d/）。本站没有记录的版本号会显示“找不到页面”。", ""]
    if ctx.versions is None:
        lines += ["本站的数据没有保存修改记录，只能核对现行版本：打开小区的公示页面，对照页面上的版本号。", ""]
    return front_matter("核对公示版本", search_exclude=True) + "\n".join(lines) + "\n"


def _version_lines(ctx: SiteContext, stamp: str, cid: str, item_id: str, key: str) -> list[str]:
    assert ctx.versions is not None
    history = ctx.versions.of(cid, item_id)
    assert history is not None
    page = paths.stamp_page(stamp)
    index = next(i for i, v in enumerate(history.versions) if v.key == key)
    version = history.versions[index]
    current_link = paths.link(page, paths.item_page(cid, item_id))
    if version.current:
        lines = ['!!! success "是现行版本"', "",
                 f"    自 {china_time(version.since)} 起至今有效：纸上的内容与网上现行公示一致。", ""]
    else:
        until = china_time(version.until) if version.until else "—"
        lines = ['!!! warning "不是现行版本"', "",
                 f"    这个版本在 {china_time(version.since)} 至 {until} 期间有效，之后已更新或撤下。"
                 f"请看[现行公示]({current_link})。", ""]
        later = [v for v in history.versions[index + 1:] if v.changes]
        if later:
            lines += ["## 之后改了什么", ""]
            for v in later:
                lines.append(f"- {china_time(v.since)}（版本 `{v.stamp}`）：")
                lines += [f"    - {line}" for line in change_lines(v.changes, 12)]
            lines.append("")
    return lines + [f"[查看这个版本当时的内容]({paths.link(page, paths.item_version(cid, item_id, key))}) · "
                    f"[现行公示]({current_link}) · "
                    f"[全部历史版本]({paths.link(page, paths.item_history(cid, item_id))})", ""]


CURRENT = ['!!! success "是现行版本"', "", "    纸上的内容与网上现行公示一致。", ""]


def _item_stamp_page(ctx: SiteContext, stamp: str, entry: StampEntry) -> list[str]:
    assert entry.item_id is not None
    facts = ctx.compound(entry.compound_id)
    item = next(i for i in ctx.items if i.id == entry.item_id)
    lines = [f"# 版本号 `{stamp}`", "", f"这是**{md_text(facts.name)}**“{md_text(item.name)}”的一个版本。", ""]
    if entry.key is not None:
        return lines + _version_lines(ctx, stamp, entry.compound_id, entry.item_id, entry.key)
    link = paths.link(paths.stamp_page(stamp), paths.item_page(entry.compound_id, entry.item_id))
    return lines + CURRENT + [f"[现行公示]({link})", ""]


def _booklet_stamp_page(ctx: SiteContext, stamp: str, entry: StampEntry) -> list[str]:
    facts = ctx.compound(entry.compound_id)
    page = paths.stamp_page(stamp)
    lines = [f"# 版本号 `{stamp}`", "", f"这是**{md_text(facts.name)}**物业服务信息公示汇编（全部公示事项）的版本号。", ""]
    lines += CURRENT + ["汇编包含以下各项，每项的版本号与其公示单页上的相同：", ""]
    names: dict[str, str] = {item.id: item.name for item in ctx.items}
    for item_id, word in ctx.views.booklet(entry.compound_id).items:
        view = ctx.views.item(entry.compound_id, item_id)
        what = f"[`{word}`]({paths.link(page, paths.stamp_page(word))})" if view is not None \
            else md_text(facts.statuses[item_id].label)
        lines.append(f"- {md_text(names[item_id])}：{what}")
    return lines + ["", f"[小区公示首页]({paths.link(page, paths.compound_home(entry.compound_id))})", ""]


def verify_pages(ctx: SiteContext) -> dict[str, str]:
    out = {paths.VERIFY: _verify_page(ctx)}
    for stamp, entry in stamp_index(ctx.views, ctx.versions).items():
        lines = _item_stamp_page(ctx, stamp, entry) if entry.item_id else _booklet_stamp_page(ctx, stamp, entry)
        out[paths.stamp_page(stamp)] = front_matter(f"版本号 {stamp}", search_exclude=True) + "\n".join(lines) + "\n"
    return out
