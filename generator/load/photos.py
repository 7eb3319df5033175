"""Photos that may be published: checked by content, not by name, before anything copies them.

Contract: :func:`photo_problem` returns ``None`` for a photo the site may publish as is, or
``(code, message, hint)`` in Chinese. A photo may be published when

* it is a plain file inside the data folder (a link leaving it is refused: ``file-outside``);
* it is at most :data:`~generator.load.limits.MAX_PHOTO_BYTES` (``file-too-large``);
* its bytes are what its name says (``photo-format``): JPEG, PNG or WebP by their magic
  bytes, or an SVG drawing that is plain shapes and text: no script, no ``on...`` event
  handler, no ``<style>``, no DOCTYPE/entities, no reference to anything outside the file
  (``href`` only to ``#id``, ``url(#id)`` only). A drawing that fails is refused, not
  rewritten: an SVG opened from the site's address would run its script there.

Reads at most the size limit; never raises for bad input.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.load.limits import MAX_PHOTO_BYTES, inside, megabytes

SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".svg")
_MAGIC = {
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}
SVG_ELEMENTS = {
    "svg", "g", "defs", "title", "desc", "rect", "circle", "ellipse", "line", "polyline", "polygon", "path",
    "text", "tspan", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "symbol",
    "use", "marker", "metadata",
}
_LOCAL_URL = re.compile(r"url\(\s*['\"]?#", re.I)
HINT = "用手机或电脑把照片另存为 JPEG 或 PNG 后再放入；示意图请只用简单图形（不含脚本和外部链接）。"

Problem = tuple[str, str, str]


def photo_problem(path: Path, root: Path) -> Problem | None:
    name = path.name
    if path.is_symlink() and not inside(path, root):
        return ("file-outside", f"照片“{name}”是指向数据目录之外的链接，不会发布", "把照片文件本身复制进来，删除链接。")
    if not path.is_file():
        return ("file-missing", f"照片“{name}”不存在", "把照片放进对应文件夹，或改正文件名。")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return ("photo-format", f"照片“{name}”的格式不受支持（只接受 {'、'.join(SUFFIXES)}）", HINT)
    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        return ("file-too-large", f"照片“{name}”有 {megabytes(size)}，超过 {megabytes(MAX_PHOTO_BYTES)} 的上限",
                "把照片压缩或缩小（网页上 1600 像素宽已足够）后再放入。")
    data = path.read_bytes()
    if suffix == ".svg":
        reason = svg_problem(data)
        return None if reason is None else ("photo-format", f"示意图“{name}”不能发布：{reason}", HINT)
    if suffix == ".webp":
        ok = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    else:
        ok = data.startswith(_MAGIC[suffix])
    if not ok:
        return ("photo-format", f"照片“{name}”的内容不是 {suffix[1:].upper()} 图片（文件名与内容不符）", HINT)
    return None


def svg_problem(data: bytes) -> str | None:
    """Why an SVG may not be published, or None when it is plain shapes and text."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "不是 UTF-8 编码的 SVG"
    if re.search(r"<!DOCTYPE|<!ENTITY", text, re.I):
        return "含有 DOCTYPE 或实体声明"
    if re.search(r"<\?(?!xml\s)", text):
        return "含有处理指令（如样式表引用）"
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return f"不是格式正确的 SVG（{exc}）"
    if _local(root.tag) != "svg":
        return "根元素不是 <svg>"
    for element in root.iter():
        tag = _local(element.tag)
        if tag not in SVG_ELEMENTS:
            return f"含有不允许的元素 <{tag}>（如脚本、样式表、嵌入的网页或外部图片）"
        for key, value in element.attrib.items():
            attr = _local(key)
            if attr.lower().startswith("on"):
                return f"<{tag}> 带有事件处理属性 {attr}"
            if attr == "href" and not value.strip().startswith("#"):
                return f"<{tag}> 引用了文件之外的内容（{attr}=\"{value[:40]}\"）"
            if "url(" in value.lower() and len(re.findall(r"url\(", value, re.I)) != len(_LOCAL_URL.findall(value)):
                return f"<{tag}> 的 {attr} 引用了文件之外的内容"
            if "javascript:" in value.lower() or "expression(" in value.lower() or "@import" in value.lower():
                return f"<{tag}> 的 {attr} 含有脚本"
    return None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]
