"""Public revenue (公共收益) on the web: a chart of the quarterly totals that needs no JavaScript.

Contract: pure and exact. :func:`bar_chart` draws the totals of
:func:`generator.derive.ledgers.quarterly_totals` as an HTML/CSS bar chart (widths in per cent, computed in Decimal) with Chinese
labels and the figures written next to each bar, so it reads on a phone, without scripts,
and prints.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from markupsafe import Markup

from generator.derive.ledgers import QuarterTotal
from generator.views.formatting import money
from generator.render.web.markdown_escape import html_attr, html_text

ZERO = Decimal(0)
MAX_CHART_QUARTERS = 8


def _width(value: Decimal, scale: Decimal) -> str:
    if scale <= 0:
        return "0"
    pct = (abs(value) * 100 / scale).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return format(pct, "f")


def bar_chart(totals: list[QuarterTotal], caption: str) -> Markup:
    """An HTML bar chart of income, cost + share and net to owners for the last quarters."""
    shown = totals[-MAX_CHART_QUARTERS:]
    series = [
        ("income", "收入", lambda t: t.income),
        ("cost", "成本及企业分成", lambda t: t.cost + t.company_share),
        ("net", "归业主净收益", lambda t: t.net_to_owners),
    ]
    scale = max((abs(get(t)) for t in shown for _, _, get in series), default=ZERO)
    lines = [f'<figure class="bar-chart" aria-label="{html_attr(caption)}">',
             f"<figcaption>{html_text(caption)}</figcaption>"]
    for t in shown:
        lines.append('<div class="bar-group">')
        lines.append(f'<div class="bar-period">{html_text(t.period.label)}</div>')
        for key, label, get in series:
            value = get(t)
            cls = f"bar bar-{key}" + (" bar-negative" if value < 0 else "")
            lines.append(
                f'<div class="bar-row"><span class="bar-label">{label}</span>'
                f'<span class="bar-track"><span class="{cls}" style="width:{_width(value, scale)}%"></span></span>'
                f'<span class="bar-value">{money(value)} 元</span></div>'
            )
        lines.append("</div>")
    lines.append("</figure>")
    return Markup("\n".join(lines))
