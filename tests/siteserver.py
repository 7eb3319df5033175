"""A built site over HTTP on 127.0.0.1 (a free port), optionally under a sub-path.

:func:`serving` yields the base URL (``http://127.0.0.1:<port>/sub/``). Only paths below the
prefix are served; anything else is a 404, as on a GitHub project page, so a link that
escapes the sub-path is caught. Requests can be recorded (status and path), to see what a
page fetches and that nothing it asks for is missing.
"""

from __future__ import annotations

import functools
import http.server
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def __init__(self, *args: Any, prefix: str, log: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        self.prefix = prefix
        self.log = log
        super().__init__(*args, **kwargs)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.log is not None:
            self.log.append((int(code) if isinstance(code, int) else 0, self.path))

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-the-prefix" / "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


@contextmanager
def serving(folder: Path, prefix: str = "/", log: list[tuple[int, str]] | None = None) -> Iterator[str]:
    """``log``: when given, every request is appended to it as (status, path)."""
    assert prefix.startswith("/") and prefix.endswith("/")
    handler = functools.partial(_Handler, directory=str(folder), prefix=prefix, log=log)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
