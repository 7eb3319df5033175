"""纠错: how a resident reports a figure they think is wrong, prefilled for one item.

Contract: pure. :func:`correction` gives, for an item's view, the :class:`Correction` the
item page puts at every table of figures: where the report goes as the city configures it
(``city.yaml`` ``corrections``, :class:`generator.model.city.CorrectionRoute`: an email
address, a phone or the city's web form), else the city's hotline (12345); and what the
report names: the compound, the item, the period (or :data:`~generator.views.status.LONG_TERM`) and the item's stamp. An
email link (``mailto:``) opens with subject and body filled in; a phone or a web form can
carry nothing, so the words say what to tell them.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from generator.model.city import City
from generator.views.item import ItemView
from generator.views.phones import HOTLINE, tel_uri
from generator.views.status import LONG_TERM


@dataclass(frozen=True)
class Correction:
    href: str
    """``mailto:`` with subject and body, ``tel:``, or the web form's address."""
    link: str
    """The link's words (``纠错``)."""
    how: str
    """Where the report goes and what to name in it, in a sentence."""
    subject: str
    """What the report names: compound, item, period and stamp."""


def subject(view: ItemView) -> str:
    """``兰亭苑 公共收益收支（2026年第三季度）版本号 2d258b0e``."""
    return f"{view.compound} {view.name}（{view.period or LONG_TERM}）版本号 {view.stamp}"


def correction(city: City, view: ItemView) -> Correction:
    """The 纠错 link of ``view``'s page (see the module docstring)."""
    said = subject(view)
    route = city.corrections
    if route is not None and route.by == "email":
        body = "\n".join([f"小区：{view.compound}", f"公示项：{view.name}", f"期间：{view.period or LONG_TERM}",
                          f"版本号：{view.stamp}", f"网上公示：{view.url}", "", "哪个数字有误（表格、哪一行）：",
                          "应为多少、依据是什么：", "联系方式（自愿填写）："])
        href = f"mailto:{route.to}?subject={quote('纠错：' + said)}&body={quote(body)}"
        whom = route.name or route.to
        return Correction(href, "纠错", f"认为数字有误？发邮件给{whom}（已填好：{said}）", said)
    if route is not None and route.by == "web":
        whom = route.name or "网上表单"
        return Correction(route.to, "纠错", f"认为数字有误？在{whom}的网上表单报告，请写明：{said}", said)
    phone = route.to if route is not None else city.hotline
    whom = (route.name if route is not None else None) or HOTLINE
    href = tel_uri(phone) or ""
    return Correction(href, "纠错", f"认为数字有误？致电{whom}（{phone}），请说明：{said}", said)
