"""QR codes for the printed notices: a URL in, an SVG document (a string) out.

Error correction level M (survives a scuffed or partly covered notice), a 4-module quiet
zone as the QR standard asks, black on white, no XML declaration; the Typst templates embed
the string as an image. The code is segno's for the URL, bit for bit (deterministic), made
with the mask chosen by :mod:`generator.render.paper.qr_mask` (three times faster).
"""

from __future__ import annotations

import io

from generator.render.paper import qr_mask


def qr_svg(url: str) -> str:
    code = qr_mask.make(url, error="m")
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=10, border=4, dark="#000", light="#fff", xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")
