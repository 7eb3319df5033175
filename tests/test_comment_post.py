"""The check's findings live in ONE comment of the pull (merge) request, updated on every push;
the other comments of the request are left alone. Against a local stand-in of each API."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.review_post import PostError, post_github, post_gitlab
from generator.findings.review import MARKER
from tests.fakeapi import TOKEN, fake_api
from tests.support import cli


def test_github_one_comment_updated_in_place_among_many() -> None:
    with fake_api() as (api, store):
        thread = store.thread("city/data#7")
        thread += [{"id": i, "body": f"评论 {i}"} for i in range(1, 151)]  # two pages of other comments
        first = post_github(f"{MARKER}\n第一次", "city/data", 7, TOKEN, api)
        second = post_github(f"{MARKER}\n第二次", "city/data", 7, TOKEN, api)
    assert first.action == "created" and second.action == "updated" and first.comment_id == second.comment_id
    mine = [c for c in thread if MARKER in c["body"]]
    assert len(thread) == 151 and [c["body"] for c in mine] == [f"{MARKER}\n第二次"]
    assert thread[0]["body"] == "评论 1"


def test_gitlab_note_updated_in_place() -> None:
    with fake_api() as (api, store):
        post_gitlab(f"{MARKER}\n一", "city/data", 3, TOKEN, f"{api}/api/v4")
        done = post_gitlab(f"{MARKER}\n二", "city/data", 3, TOKEN, f"{api}/api/v4")
    assert done.action == "updated"
    assert store.comments == {"city%2Fdata#3": [{"id": done.comment_id, "body": f"{MARKER}\n二"}]}
    assert store.requests[-1] == f"PUT /api/v4/projects/city%2Fdata/merge_requests/3/notes/{done.comment_id}"


def test_a_refused_token_is_a_chinese_message_and_never_fails_the_check(tmp_path: Path) -> None:
    with fake_api() as (api, _store):
        with pytest.raises(PostError, match="HTTP 401"):
            post_github("x", "city/data", 7, "wrong", api)
        body = tmp_path / "review.md"
        body.write_text(f"{MARKER}\n检查通过\n", encoding="utf-8")
        run = cli("comment", body, "--host", "github", "--repository", "city/data", "--number", "7", "--api", api,
                  env={"GITHUB_TOKEN": "wrong"})
    assert run.exit_code == 0 and "未发评论" in run.stderr and "HTTP 401" in run.stderr
