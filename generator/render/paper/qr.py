"""QR codes for the printed notices: a URL in, an SVG document (a string) out.

Error correction level M (survives a scuffed or partly covered notice), a 4-module quiet
zone as the QR standard asks, black on white, no XML declaration; the Typst templates embed
the string as an image. segno's output is deterministic for the same URL.
"""

from __future__ import annotations

import io

import segno


def qr_svg(url: str) -> str:
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=10, border=4, dark="#000", light="#fff", xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")
