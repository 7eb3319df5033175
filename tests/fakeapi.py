"""A local stand-in for the two comment APIs the check posts to (127.0.0.1 only): GitHub's
issue comments of a pull request and GitLab's notes of a merge request. It keeps the comments
in memory, checks the token, and records every request, so a test sees what a reviewer would:
how many comments there are and what they say."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlparse

TOKEN = "test-token"
GITHUB_LIST = re.compile(r"^/repos/([^/]+/[^/]+)/issues/(\d+)/comments$")
GITHUB_ONE = re.compile(r"^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$")
GITLAB_LIST = re.compile(r"^/api/v4/projects/([^/]+)/merge_requests/(\d+)/notes$")
GITLAB_ONE = re.compile(r"^/api/v4/projects/([^/]+)/merge_requests/(\d+)/notes/(\d+)$")


@dataclass
class Store:
    comments: dict[str, list[dict]] = field(default_factory=dict)
    """Thread (``owner/name#7``, ``group%2Fname!7``) -> comments, oldest first."""
    requests: list[str] = field(default_factory=list)
    next_id: int = 100_000

    def thread(self, key: str) -> list[dict]:
        return self.comments.setdefault(key, [])


def _handler(store: Store) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _reply(self, code: int, body: object) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _authorised(self) -> bool:
            return self.headers.get("Authorization") == f"Bearer {TOKEN}" or self.headers.get("PRIVATE-TOKEN") == TOKEN

        def _body(self) -> dict:
            return json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")

        def _handle(self) -> None:
            url = urlparse(self.path)
            store.requests.append(f"{self.command} {url.path}")
            if not self._authorised():
                return self._reply(401, {"message": "Bad credentials"})
            if m := GITHUB_LIST.match(url.path) or GITLAB_LIST.match(url.path):
                thread = store.thread(f"{m.group(1)}#{m.group(2)}")
                if self.command == "GET":
                    query = parse_qs(url.query)
                    size, page = int(query.get("per_page", ["30"])[0]), int(query.get("page", ["1"])[0])
                    return self._reply(200, thread[(page - 1) * size:page * size])
                if self.command == "POST":
                    store.next_id += 1
                    thread.append({"id": store.next_id, "body": self._body()["body"]})
                    return self._reply(201, thread[-1])
            one = GITHUB_ONE.match(url.path) or GITLAB_ONE.match(url.path)
            if one and self.command in ("PATCH", "PUT"):
                wanted = int(one.groups()[-1])
                for comments in store.comments.values():
                    for comment in comments:
                        if comment["id"] == wanted:
                            comment["body"] = self._body()["body"]
                            return self._reply(200, comment)
            return self._reply(404, {"message": "Not Found"})

        do_GET = do_POST = do_PATCH = do_PUT = _handle

    return Handler


@contextmanager
def fake_api() -> Iterator[tuple[str, Store]]:
    """(``http://127.0.0.1:PORT``, the store) while the server runs."""
    store = Store()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(store))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", store
    finally:
        server.shutdown()
        server.server_close()
