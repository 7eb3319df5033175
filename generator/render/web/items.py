"""The body of each disclosure item page: the item's blocks laid out as Markdown.

Contract: pure. :func:`item_body` lays out the blocks of the item's view
(:class:`generator.views.item.ItemView`, the same the paper sheet prints) with
:mod:`generator.render.web.item_markdown`. The only per-item web code is the filling of three
slots: the manager's photo, the revenue bar chart and the linked ranking section, each
built from escaped parts; and the 纠错 line after every table of figures.
"""

from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from generator.derive.ledgers import quarterly_totals
from generator.load.dataset import ItemRecord
from generator.model.disclosures import PublicRevenueFile, item_as
from generator.views import paths
from generator.render.context import SiteContext
from generator.render.plan import manager_photo
from generator.views.compound import CompoundView
from generator.views.item import ItemView
from generator.render.web.item_markdown import markdown
from generator.render.web.markdown_escape import html_text
from generator.render.web.tables import link
from generator.views.corrections import correction
from generator.render.web.ranking import oversight_section
from generator.render.web.revenue import bar_chart

def _slots(ctx: SiteContext, facts: CompoundView, record: ItemRecord, page: str) -> dict[str, Markup]:
    slots: dict[str, Markup] = {}
    if record.item_id == "company_profile":
        photo = manager_photo(facts.record)
        if photo and ctx.has_page(photo[0]):
            url = paths.link(page, photo[0])
            slots["manager_photo"] = Markup(f'![项目经理照片]({quote(url, safe="/#")}){{ .manager-photo width="120" }}')
    elif record.item_id == "public_revenue":
        totals = quarterly_totals(item_as(record.file.model, PublicRevenueFile), record.table.rows)
        if totals:
            slots["revenue_chart"] = bar_chart(totals, f"{facts.name}公共收益（按季度，元）")
    elif record.item_id == "oversight" and facts.company_id:
        slots["ranking"] = Markup(oversight_section(ctx.ds, ctx.rankings, facts.company_id, ctx.views.periods, page=page))
    return slots


def correction_line(ctx: SiteContext, view: ItemView) -> Markup:
    """The 纠错 line at a table of figures: a link that opens the prefilled report
    (:func:`generator.views.corrections.correction`) and where it goes, in words."""
    c = correction(ctx.city, view)
    return Markup('<p class="correction-link">') + link(c.href, Markup("<strong>") + html_text(c.link)
                                                       + Markup("</strong>")) + Markup("　") \
        + html_text(c.how) + Markup("</p>")


def item_body(ctx: SiteContext, facts: CompoundView, record: ItemRecord, view: ItemView, page: str) -> str:
    """The Markdown body of a published (or stale) item's page, or of a past version's page:
    ``view`` is the view of ``record``; every table of figures is followed by its 纠错 line."""
    return markdown(list(view.blocks), _slots(ctx, facts, record, page), caption=f"{facts.name}{view.name}",
                    after_table=correction_line(ctx, view))
