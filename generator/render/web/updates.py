"""The city's latest changes (``/updates/``) and each compound's own Atom feed.

Contract: pure. :func:`updates_page` lists the newest versions across the city (from the git
history, :mod:`generator.derive.versions`), each with what changed in figures and its
corrections (更正) first; outside git it says that no change history is kept.
:func:`compound_feed` is the Atom feed of one compound (``/compounds/<id>/feed.xml``): one
entry per version of its items with the changes as text, or, outside git, one per current
notice by posting date. Times are in China time (+08:00); ids and links are absolute under
``site_url``. Pages announce their feed in their head (:mod:`generator.render.web.head`).
"""

from __future__ import annotations

from datetime import date, datetime

from markupsafe import Markup

from generator.derive.versions import Version
from generator.render import paths
from generator.render.context import SiteContext
from generator.render.web.environment import front_matter
from generator.render.web.history import CHINA, change_lines, change_text, china_time
from generator.render.web.markdown_escape import xml_attr, xml_text
from generator.render.web.tables import Col, html_table, link

UPDATES_SHOWN = 100
FEED_ENTRIES = 50


def atom_time(when: datetime | date) -> str:
    if isinstance(when, datetime):
        return when.astimezone(CHINA).isoformat(timespec="seconds")
    return f"{when.isoformat()}T00:00:00+08:00"


def _city_versions(ctx: SiteContext) -> list[tuple[str, str, Version, datetime]]:
    """Committed versions that changed something, newest first: (compound, item, version, since)."""
    out = []
    for (cid, item_id), history in (ctx.versions.items if ctx.versions else {}).items():
        for version in history.versions[1:]:
            if version.changes and version.since is not None:
                out.append((cid, item_id, version, version.since))
    return sorted(out, key=lambda e: (e[3], e[0], e[1]), reverse=True)


def updates_page(ctx: SiteContext) -> str:
    page = paths.UPDATES
    lines = ["# 最近更新", "", "全市各小区公示内容的最近改动，新的在前；改动了已张贴期间数字的标为“更正”。"
             f"每个小区另有自己的订阅（Atom），在小区页面底部；全市最新公示见[订阅]({paths.link(page, paths.FEED)})。", ""]
    entries = _city_versions(ctx)[:UPDATES_SHOWN]
    if ctx.versions is None:
        lines += ["本站的数据没有保存修改记录（不在 git 仓库中），因此无法列出改动；各小区页面显示现行公示。", ""]
    elif not entries:
        lines += ["暂无改动记录。", ""]
    else:
        items: dict[str, str] = {i.id: i.name for i in ctx.items}
        rows = [[china_time(version.since),
                 link(ctx.plan.absolute(paths.item_version(cid, item_id, version.key)),
                      f"{ctx.compound(cid).name} · {items[item_id]}"),
                 Markup("<br>").join(change_lines(version.changes, 4, cell=True))]
                for cid, item_id, version, _since in entries]
        lines.append(str(html_table([Col("时间"), Col("小区 · 项目", key=True), Col("改动", key=True)], rows,
                                    caption="最近更新", row_header=None)))
        lines.append("")
    return front_matter("最近更新", search_exclude=True) + "\n".join(lines) + "\n"


def compound_feed(ctx: SiteContext, compound_id: str) -> str:
    base = ctx.city.base_url()
    facts = ctx.compound(compound_id)
    items: dict[str, str] = {i.id: i.name for i in ctx.items}
    author = facts.company.name if facts.company else facts.name
    entries: list[tuple[str, str, str, str]] = []  # (updated, title, url, summary)
    if ctx.versions is not None:
        for cid, item_id, version, since in _city_versions(ctx):
            if cid != compound_id:
                continue
            url = paths.absolute_url(base, paths.item_version(cid, item_id, version.key))
            flag = "（含更正）" if version.corrections else ""
            summary = "；".join(("更正：" if c.correction else "") + change_text(c) for c in version.changes)
            entries.append((atom_time(since), f"{facts.name}：{items[item_id]}更新{flag}", url, summary))
    else:
        for item in ctx.items:
            notice = facts.statuses[item.id].notice
            if notice is None or facts.shown(item.id) is None:
                continue
            period = f"（{notice.period.label}）" if notice.period else ""
            url = paths.absolute_url(base, paths.item_page(compound_id, item.id))
            entries.append((atom_time(notice.posted_on), f"{facts.name}：{item.name}{period}", url, ""))
        entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    entries = entries[:FEED_ENTRIES]
    home = paths.absolute_url(base, paths.compound_home(compound_id))
    updated = max((e[0] for e in entries), default=atom_time(ctx.as_of))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"  <title>{xml_text(facts.name)}：公示更新</title>", f"  <id>{xml_text(home)}</id>",
             f"  <link href={xml_attr(home)}/>",
             f"  <link rel=\"self\" href={xml_attr(paths.absolute_url(base, paths.compound_feed(compound_id)))}/>",
             f"  <updated>{updated}</updated>", f"  <author><name>{xml_text(author)}</name></author>"]
    for when, title, url, summary in entries:
        lines += ["  <entry>", f"    <title>{xml_text(title)}</title>", f"    <id>{xml_text(url)}#{when}</id>",
                  f"    <link href={xml_attr(url)}/>", f"    <updated>{when}</updated>"]
        if summary:
            lines.append(f"    <summary>{xml_text(summary)}</summary>")
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"



