"""Every version of an item, on the web: the history list, one page per version, and how a
change reads in figures.

Contract: pure. :func:`history_pages` returns, for each item of a compound that has a git
history (:mod:`generator.derive.versions`), ``/compounds/<id>/<item>/history/`` (every
version: posting date, period, stamp, from when to when it was current, what changed) and
``/compounds/<id>/<item>/history/<stamp>/`` (that version's figures as they were, laid out by
the same item renderer as the item page). :func:`change_lines` words a change for residents
(``住宅物业服务费 收费标准 1.30 → 1.35 元/㎡·月``, ``新增 2026年第三季度``); a correction (更正)
is marked with the word 更正 and the class ``correction`` (red), never by colour alone.
Times are shown in China time (+08:00). The section says how far back the history reaches
(a shallow clone starts later). Only commit times and file contents are used.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, Callable

from markupsafe import Markup

from generator.views.status import LONG_TERM
from generator.derive.versions import Change, ItemHistory, Version
from generator.model.base import Period
from generator.model.clock import china
from generator.views import paths
from generator.render.context import SiteContext
from generator.views.compound import CompoundView
from generator.views.formatting import day, money
from generator.render.web.environment import front_matter
from generator.render.web.items import item_body
from generator.render.web.markdown_escape import html_text, md_cell, md_text
from generator.render.web.tables import Col, html_table, link

def china_time(when: datetime | None) -> str:
    """``2026-10-12 18:00`` in China time; ``尚未提交`` for a change not committed yet."""
    return china(when).strftime("%Y-%m-%d %H:%M") if when else "尚未提交"


def value_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, Period):
        return value.label
    if isinstance(value, date):
        return day(value)
    return "" if value is None else str(value)


def change_text(change: Change) -> str:
    """One change in words (plain text; escape before use)."""
    unit = f" {change.unit}" if change.unit else ""
    when = f"（{day(change.takes_effect)} 起执行）" if change.takes_effect else ""
    if change.whole_group and change.new is None and change.old is None:
        return f"新增 {change.label}{when}" if change.kind == "added" else f"删除 {change.label}"
    if change.kind == "added":
        return f"新增 {change.label} {value_text(change.new)}{unit}{when}"
    if change.kind == "removed":
        return f"删除 {change.label}（原为 {value_text(change.old)}{unit}）"
    return f"{change.label} {value_text(change.old)} → {value_text(change.new)}{unit}{when}"


NATURE_NOTES = {"更正": "张贴后改动", "调整": "提前公布，到期执行", "撤回": "撤回一次发布", "更新": "重新张贴"}
"""What each kind of version means, as the entries say it (:attr:`Version.nature`)."""


def nature_text(version: Version) -> str:
    """``更正（张贴后改动）``, ``撤回：撤下版本 b…，恢复为版本 a…``… (plain text)."""
    if version.nature == "撤回":
        return f"撤回：撤下版本 {version.withdraws.split('-')[0]}，恢复为版本 {version.restores.split('-')[0]}"
    return f"{version.nature}（{NATURE_NOTES[version.nature]}）"


def change_notes(changes: list[Change], limit: int | None = None) -> list[tuple[str, str]]:
    """Corrections first, then adjustments, each as (``correction``, ``adjustment`` or
    ``change``, plain text); ``limit`` of them and (``more``, a count of the rest)."""
    ordered = sorted(changes, key=lambda c: 0 if c.correction else 1 if c.takes_effect else 2)
    shown = ordered if limit is None else ordered[:limit]
    out = [("correction" if c.correction else "adjustment" if c.takes_effect else "change", change_text(c))
           for c in shown]
    if limit is not None and len(ordered) > limit:
        out.append(("more", f"另有 {len(ordered) - limit} 处改动"))
    return out


def version_notes(version: Version, limit: int | None = None) -> list[tuple[str, str]]:
    """The version's kind (``nature``; for a revert: which version it withdraws and restores),
    for a correction the notice's own 更正说明 (``reason``, why), then its :func:`change_notes`."""
    head = [("nature", nature_text(version))]
    reason = version.record.file.model.correction if version.record is not None and version.corrections else None
    if reason:
        head.append(("reason", str(reason)))
    return head + change_notes(version.changes, limit)


def note_markup(kind: str, text: str, esc: Callable[[str], Markup]) -> Markup:
    """One note of :func:`version_notes` with its label (更正说明, 更正, 调整), ``text`` escaped by
    ``esc``: Markdown escaping for the engine's pages, HTML escaping for the ``/v/`` pages."""
    if kind == "nature":
        return Markup("<strong>") + esc(text) + Markup("</strong>")
    if kind == "reason":
        return Markup("<strong>更正说明</strong>：") + esc(text)
    if kind == "correction":
        return Markup('<span class="correction"><strong>更正</strong>（张贴后改动）：') + esc(text) + Markup("</span>")
    if kind == "adjustment":
        return Markup("<strong>调整</strong>：") + esc(text)
    return Markup(text) if kind == "more" else esc(text)


def change_lines(changes: list[Change], limit: int | None = None, cell: bool = False) -> list[Markup]:
    """:func:`change_notes` as inline Markdown/HTML (``cell``: safe in a table cell)."""
    return [note_markup(kind, text, md_cell if cell else md_text) for kind, text in change_notes(changes, limit)]


def version_lines(version: Version, limit: int | None = None, cell: bool = False) -> list[Markup]:
    """:func:`version_notes` as inline Markdown/HTML (``cell``: safe in a table cell)."""
    return [note_markup(kind, text, md_cell if cell else md_text) for kind, text in version_notes(version, limit)]


def reach_note(ctx: SiteContext) -> str:
    """How far back the history reaches."""
    versions = ctx.versions
    if versions is None or versions.start is None:
        return ""
    start = china_time(versions.start)[:10]
    if versions.shallow:
        return f"本站只取得 {start} 以来的修改记录（浅克隆），更早的版本未列出。"
    return f"修改记录自 {start} 起（数据首次提交）。"


def _version_label(version: Version) -> str:
    period = version.period.label if version.period else LONG_TERM
    posted = day(version.posted_on) if version.posted_on else "—"
    return f"{period}（{posted} 张贴）"


def _history_page(ctx: SiteContext, facts: CompoundView, history: ItemHistory) -> str:
    item = next(i for i in ctx.items if i.id == history.item_id)
    page = paths.item_history(facts.id, item.id)
    lines = [f"[{md_text(facts.name)}]({paths.link(page, paths.compound_home(facts.id))}) › "
             f"[{md_text(item.name)}]({paths.link(page, paths.item_page(facts.id, item.id))}) › 历史版本",
             "{ .breadcrumbs }", "", f"# {md_text(item.name)}：历史版本", "",
             f"<p class=\"item-of\">{md_text(facts.name)}</p>", "",
             "每次修改都保留下来：下面列出本项公示的每一个版本，新的在前。点版本号查看当时公示的内容和数字。"
             "改动了已张贴期间的数字的，标为“更正”。", ""]
    note = reach_note(ctx)
    if note:
        lines += [note, ""]
    rows = []
    for version in reversed(history.versions):
        url = ctx.plan.absolute(paths.item_version(facts.id, item.id, version.key))
        what = Markup("<br>").join(version_lines(version, 6, cell=True)) if version.changes else \
            Markup("首个记录的版本") if version is history.versions[0] else Markup("显示的内容和数字没有变化")
        until = "现行版本" if version.current else china_time(version.until) if version.until else "已撤下"
        rows.append([link(url, Markup("<code>") + html_text(version.stamp) + Markup("</code>")),
                     _version_label(version), china_time(version.since), until, what])
    lines.append(str(html_table([Col("版本号", key=True), Col("期间（张贴日期）", key=True), Col("何时起为现行版本"),
                                 Col("至"), Col("改动", key=True)], rows, caption="历史版本")))
    return front_matter(f"{item.name}历史版本 · {facts.name}", search_exclude=True) + "\n".join(lines) + "\n"


def _version_page(ctx: SiteContext, facts: CompoundView, history: ItemHistory, version: Version) -> str:
    item = next(i for i in ctx.items if i.id == history.item_id)
    page = paths.item_version(facts.id, item.id, version.key)
    back = paths.link(page, paths.item_history(facts.id, item.id))
    now = paths.link(page, paths.item_page(facts.id, item.id))
    lines = [f"[{md_text(facts.name)}]({paths.link(page, paths.compound_home(facts.id))}) › "
             f"[{md_text(item.name)}]({now}) › [历史版本]({back}) › `{version.stamp}`",
             "{ .breadcrumbs }", "", f"# {md_text(item.name)}：版本 `{version.stamp}`", "",
             f"<p class=\"item-of\">{md_text(facts.name)}</p>", ""]
    if version.current:
        lines += ['!!! success "这是现行版本"', "", f"    自 {china_time(version.since)} 起为现行版本。"
                  f"现行公示见[{md_text(item.name)}]({now})。", ""]
    else:
        until = china_time(version.until) if version.until else "—"
        lines += ['!!! warning "这是旧版本"', "",
                  f"    {china_time(version.since)} 至 {until} 为现行版本，之后已被更新或撤下。"
                  f"现行公示见[{md_text(item.name)}]({now})。", ""]
    lines += [f"- **期间**：{md_text(version.period.label if version.period else LONG_TERM)}",
              f"- **张贴日期**：{day(version.posted_on) if version.posted_on else '—'}",
              f"- **版本号**：`{version.stamp}`", ""]
    if version.changes:
        lines += ["## 与上一版本相比", ""] + [f"- {line}" for line in change_lines(version.changes)] + [""]
    lines += ["## 当时公示的内容", ""]
    record = version.record
    if record is not None and record.file.model.notice is not None:
        lines.append(item_body(ctx, facts, record, ctx.views.version(facts.id, record), page))
    elif record is not None:
        lines.append(md_text(f"当时标为不适用：{record.file.model.not_applicable}"))
    else:
        lines.append("这个版本的数据当时有误，无法显示其中的数字。")
    return front_matter(f"{item.name} 版本 {version.stamp} · {facts.name}", search_exclude=True) + "\n".join(lines) + "\n"


def history_pages(ctx: SiteContext, compound_id: str) -> dict[str, str]:
    """The history list and version pages of every item of the compound that has a history."""
    out: dict[str, str] = {}
    if ctx.versions is None:
        return out
    facts = ctx.compound(compound_id)
    for item in ctx.items:
        history = ctx.versions.of(compound_id, item.id)
        if history is None:
            continue
        out[paths.item_history(compound_id, item.id)] = _history_page(ctx, facts, history)
        for version in history.versions:
            out[paths.item_version(compound_id, item.id, version.key)] = _version_page(ctx, facts, history, version)
    return out


def past_periods(ctx: SiteContext, compound_id: str, item_id: str, page: str) -> list[tuple[str, str]]:
    """(label, link) of the item's past versions whose period differs from the current one,
    newest first: last quarter's revenue, last year's accounts, readable from the item page."""
    history = ctx.versions.of(compound_id, item_id) if ctx.versions else None
    if history is None:
        return []
    current = history.current
    shown: set[str] = {current.period.id} if current and current.period else set()
    out = []
    for version in history.past:
        if version.period is None or version.period.id in shown or version.record is None:
            continue
        shown.add(version.period.id)
        out.append((_version_label(version), paths.link(page, paths.item_version(compound_id, item_id, version.key))))
    return out
