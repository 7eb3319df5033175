"""Post the check's Markdown as ONE comment of a pull request (GitHub) or merge request
(GitLab), updated in place on every push.

Contract: :func:`post_github` and :func:`post_gitlab` list the comments (notes) of the
request, page by page, find the one whose body holds :data:`~generator.findings.review.MARKER`
and update it (PATCH / PUT); only when there is none do they create one (POST). They return
what they did (``created`` or ``updated`` and the comment's id) and raise :class:`PostError`
(a Chinese message) when the API refuses, e.g. a pull request from a fork whose token may
not write. HTTP with the standard library; the API root is a parameter (GitHub Enterprise,
a self-hosted GitLab, the tests' local server).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.findings.review import MARKER

PAGES = 20
"""At most this many pages of 100 comments are searched."""


class PostError(Exception):
    """The API refused; the message (Chinese) says what to check."""


@dataclass(frozen=True)
class Posted:
    action: str
    """``created`` or ``updated``."""
    comment_id: int


def _call(method: str, url: str, headers: dict[str, str], body: dict[str, Any] | None = None) -> Any:
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={**headers, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read().decode("utf-8") or "null")
    except urllib.error.HTTPError as exc:
        raise PostError(f"{method} {url} 被拒绝（HTTP {exc.code}）：检查令牌的权限（GitHub：pull-requests: write；"
                        "GitLab：项目访问令牌，api 范围）；来自复刻仓库的拉取请求不能写评论") from None
    except (urllib.error.URLError, OSError) as exc:
        raise PostError(f"连不上 {url}：{exc}") from None


def _find(list_url: str, headers: dict[str, str]) -> int | None:
    for page in range(1, PAGES + 1):
        sep = "&" if "?" in list_url else "?"
        batch = _call("GET", f"{list_url}{sep}per_page=100&page={page}", headers)
        for item in batch or []:
            if MARKER in (item.get("body") or ""):
                return int(item["id"])
        if not batch or len(batch) < 100:
            return None
    return None


def post_github(body: str, repository: str, number: int, token: str,
                api: str = "https://api.github.com") -> Posted:
    """``repository`` is ``owner/name``; ``number`` the pull request's number."""
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
               "X-GitHub-Api-Version": "2022-11-28"}
    root = api.rstrip("/")
    found = _find(f"{root}/repos/{repository}/issues/{number}/comments", headers)
    if found is not None:
        _call("PATCH", f"{root}/repos/{repository}/issues/comments/{found}", headers, {"body": body})
        return Posted("updated", found)
    made = _call("POST", f"{root}/repos/{repository}/issues/{number}/comments", headers, {"body": body})
    return Posted("created", int(made["id"]))


def post_gitlab(body: str, project: str, iid: int, token: str, api: str) -> Posted:
    """``project`` is the id or ``group/name``; ``iid`` the merge request's number; ``api``
    the instance's ``/api/v4`` root (``CI_API_V4_URL``)."""
    headers = {"PRIVATE-TOKEN": token}
    notes = f"{api.rstrip('/')}/projects/{quote(project, safe='')}/merge_requests/{iid}/notes"
    found = _find(f"{notes}?sort=asc", headers)
    if found is not None:
        _call("PUT", f"{notes}/{found}", headers, {"body": body})
        return Posted("updated", found)
    made = _call("POST", notes, headers, {"body": body})
    return Posted("created", int(made["id"]))
