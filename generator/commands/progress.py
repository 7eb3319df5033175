"""Progress of a long build, reported as data (the library never prints; the CLI shows it).

Contract: the build calls a :class:`Progress` with a stage id from :data:`STAGES` and counts:
:meth:`Progress.start` when a stage begins (``total``: how many steps, when known),
:meth:`Progress.advance` as steps finish, :meth:`Progress.finish` when it ends. Calls come
from the build's own thread, in order; stages overlap (PDFs compile while MkDocs runs).
:class:`NoProgress` ignores everything (the default). :data:`STAGES` names each stage once,
in Chinese, for whoever shows them.
"""

from __future__ import annotations

from typing import Protocol

STAGES = {
    "check": "校验数据",
    "render": "生成页面",
    "mkdocs": "网站引擎（分片）",
    "pdf": "公示 PDF",
    "merge": "合并网站",
}
"""Stage id -> its name for people."""


class Progress(Protocol):
    def start(self, stage: str, total: int | None = None) -> None: ...

    def advance(self, stage: str, steps: int = 1) -> None: ...

    def finish(self, stage: str) -> None: ...


class NoProgress:
    def start(self, stage: str, total: int | None = None) -> None:
        pass

    def advance(self, stage: str, steps: int = 1) -> None:
        pass

    def finish(self, stage: str) -> None:
        pass
