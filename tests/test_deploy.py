"""deploy: the built sample site published to an S3-compatible store (moto's server on 127.0.0.1,
real HTTP through boto3), to a folder, through rsync, and to gh-pages on a local bare remote.

Each target: the first deploy sends every file, the second none, a changed file is the only one
sent and a file the site no longer has is deleted; a destination that is not a site this tool
published is refused untouched. S3 objects carry the content type and cache policy residents'
browsers need; the gh-pages branch keeps one commit however often the site is deployed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Iterator

import pytest

from generator.commands.build import SITE_MARKER
from generator.commands.deploy import DeployError, DeployOptions, deploy
from generator.commands.deploy.files import ASSET, IMMUTABLE, SHORT
from tests.sitebuild import sample_site
from tests.support import cli

BUCKET = "wuye-site"
CHANGED = "compounds/lanting/index.html"
GONE = "pdf/lanting.pdf"


@pytest.fixture
def site(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Path:
    """A writable copy of the built sample site (PDFs included)."""
    copy = tmp_path / "site"
    shutil.copytree(sample_site(tmp_path_factory).site, copy)
    return copy


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def change_one_and_remove_one(site: Path) -> None:
    page = site / CHANGED
    page.write_text(page.read_text(encoding="utf-8") + "<!-- 更正 -->\n", encoding="utf-8")
    (site / GONE).unlink()


# --- S3-compatible object store --------------------------------------------------------------

@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3(s3_endpoint: str, monkeypatch: pytest.MonkeyPatch):
    """A client of the local server and an empty bucket; credentials only in the environment."""
    import boto3
    from botocore.config import Config

    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    monkeypatch.setenv("AWS_REGION", "us-east-1")
    client = boto3.client("s3", endpoint_url=s3_endpoint, region_name="us-east-1", aws_access_key_id="test-key",
                          aws_secret_access_key="test-secret", config=Config(s3={"addressing_style": "path"}))
    client.create_bucket(Bucket=BUCKET)
    yield client
    keys = [o["Key"] for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
            for o in page.get("Contents", [])]
    for start in range(0, len(keys), 1000):
        client.delete_objects(Bucket=BUCKET, Delete={"Objects": [{"Key": k} for k in keys[start:start + 1000]]})
    client.delete_bucket(Bucket=BUCKET)


def keys(client, prefix: str) -> list[str]:
    return sorted(o["Key"][len(prefix):] for page in client.get_paginator("list_objects_v2").paginate(
        Bucket=BUCKET, Prefix=prefix) for o in page.get("Contents", []))


def test_s3_uploads_everything_then_nothing_then_only_what_changed(site: Path, s3, s3_endpoint: str) -> None:
    options = DeployOptions(to=f"s3://{BUCKET}/wuye/", endpoint_url=s3_endpoint, addressing="path")
    everything = files_of(site)
    assert len(everything) > 150 and GONE in everything

    first = deploy(site, options)
    assert sorted(first.uploaded) == everything and first.deleted == [] and first.unchanged == 0
    assert keys(s3, "wuye/") == everything
    assert first.uploaded[-1] == SITE_MARKER  # the marker last, pages after the assets
    pages = [p.endswith(".html") for p in first.uploaded[:-1]]
    assert pages == sorted(pages)  # every asset before the first page

    second = deploy(site, options)
    assert second.uploaded == [] and second.deleted == [] and second.unchanged == len(everything)

    change_one_and_remove_one(site)
    third = deploy(site, options)
    assert third.uploaded == [CHANGED] and third.deleted == [GONE]
    assert keys(s3, "wuye/") == files_of(site)
    body = s3.get_object(Bucket=BUCKET, Key=f"wuye/{CHANGED}")["Body"].read()
    assert body == (site / CHANGED).read_bytes()

    options.everything = True
    assert len(deploy(site, options).uploaded) == len(files_of(site))


def test_s3_objects_carry_content_types_and_cache_headers(site: Path, s3, s3_endpoint: str) -> None:
    deploy(site, DeployOptions(to=f"s3://{BUCKET}", endpoint_url=s3_endpoint, addressing="path"))
    bundle = next(p for p in files_of(site) if p.startswith("assets/javascripts/bundle.") and p.endswith(".min.js"))
    expected = {
        "index.html": ("text/html; charset=utf-8", SHORT),
        "compounds/lanting/public-revenue/index.html": ("text/html; charset=utf-8", SHORT),
        "pdf/lanting.pdf": ("application/pdf", SHORT),
        "data/compounds.json": ("application/json; charset=utf-8", SHORT),
        "data/compounds.csv": ("text/csv; charset=utf-8", SHORT),
        "sitemap.xml": ("application/xml; charset=utf-8", SHORT),
        "feed.xml": ("application/atom+xml; charset=utf-8", SHORT),
        "assets/site.css": ("text/css; charset=utf-8", ASSET),
        bundle: ("text/javascript; charset=utf-8", IMMUTABLE),
    }
    for key, (kind, cache) in expected.items():
        head = s3.head_object(Bucket=BUCKET, Key=key)
        assert (head["ContentType"], head["CacheControl"]) == (kind, cache), key


def test_s3_refuses_a_prefix_holding_something_else_and_needs_credentials_from_the_environment(
        site: Path, s3, s3_endpoint: str, monkeypatch: pytest.MonkeyPatch) -> None:
    s3.put_object(Bucket=BUCKET, Key="other/report.docx", Body=b"not ours")
    with pytest.raises(DeployError, match="不是本工具发布的网站"):
        deploy(site, DeployOptions(to=f"s3://{BUCKET}/other", endpoint_url=s3_endpoint, addressing="path"))
    assert keys(s3, "other/") == ["report.docx"]
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    with pytest.raises(DeployError, match="AWS_SECRET_ACCESS_KEY"):
        deploy(site, DeployOptions(to=f"s3://{BUCKET}/wuye", endpoint_url=s3_endpoint, addressing="path"))


def test_s3_deploy_from_the_command_line_takes_the_endpoint_from_the_environment(site: Path, s3,
                                                                                  s3_endpoint: str) -> None:
    env = {"AWS_ENDPOINT_URL_S3": s3_endpoint}
    done = cli("deploy", "--out", site, "--to", f"s3://{BUCKET}/www", "--s3-addressing", "path", env=env)
    assert done.exit_code == 0, done.output
    assert f"上传 {len(files_of(site))} 个文件" in done.stderr
    again = cli("deploy", "--out", site, "--to", f"s3://{BUCKET}/www", "--s3-addressing", "path", env=env)
    assert again.exit_code == 0 and "上传 0 个文件" in again.stderr
    bad = cli("deploy", "--out", site, "--to", f"s3://{BUCKET}/www", "--s3-addressing", "sideways", env=env)
    assert bad.exit_code == 2 and "auto、virtual、path" in bad.stderr


# --- folder and rsync -------------------------------------------------------------------------

def test_folder_gets_every_file_then_none_then_the_changed_one(site: Path, tmp_path: Path) -> None:
    www = tmp_path / "www"
    first = deploy(site, DeployOptions(to=str(www)))
    assert sorted(first.uploaded) == files_of(site) and files_of(www) == files_of(site)
    second = deploy(site, DeployOptions(to=str(www)))
    assert second.uploaded == [] and second.deleted == [] and second.unchanged == len(files_of(site))
    change_one_and_remove_one(site)
    third = deploy(site, DeployOptions(to=str(www)))
    assert (third.uploaded, third.deleted) == ([CHANGED], [GONE])
    assert (www / CHANGED).read_bytes() == (site / CHANGED).read_bytes() and files_of(www) == files_of(site)


def test_rsync_sends_every_file_then_none_then_the_changed_one(site: Path, tmp_path: Path) -> None:
    www = tmp_path / "rsync-www"
    target = DeployOptions(to=f"rsync:{www}")
    first = deploy(site, target)
    assert sorted(first.uploaded) == files_of(site) and files_of(www) == files_of(site)
    assert oct((www / "index.html").stat().st_mode & 0o777) == oct(0o644)
    second = deploy(site, target)
    assert second.uploaded == [] and second.deleted == []
    change_one_and_remove_one(site)
    third = deploy(site, target)
    assert (third.uploaded, third.deleted) == ([CHANGED], [GONE])
    assert (www / CHANGED).read_bytes() == (site / CHANGED).read_bytes() and files_of(www) == files_of(site)


@pytest.mark.parametrize("scheme", ["", "rsync:"])
def test_folder_and_rsync_refuse_a_folder_that_is_not_a_published_site(site: Path, tmp_path: Path,
                                                                      scheme: str) -> None:
    home = tmp_path / "documents"
    home.mkdir()
    (home / "notes.txt").write_text("重要", encoding="utf-8")
    with pytest.raises(DeployError, match="不是本工具发布的网站"):
        deploy(site, DeployOptions(to=f"{scheme}{home}"))
    assert files_of(home) == ["notes.txt"]


def test_only_a_built_site_is_deployed(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("x", encoding="utf-8")
    with pytest.raises(DeployError, match="不是已生成的网站"):
        deploy(tmp_path / "site", DeployOptions(to=str(tmp_path / "www")))
    assert not (tmp_path / "www").exists()


# --- gh-pages ---------------------------------------------------------------------------------

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout.strip()


def test_gh_pages_keeps_one_commit_on_the_remote_however_often_it_deploys(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                       "GIT_COMMITTER_EMAIL": "t@example.org"}.items():
        monkeypatch.setenv(key, value)
    remote, repo = tmp_path / "remote.git", tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "commit", "-q", "--allow-empty", "-m", "data")
    git(repo, "remote", "add", "origin", str(remote))
    monkeypatch.chdir(repo)
    for n in range(3):
        if n == 2:
            change_one_and_remove_one(site)
        report = deploy(site, DeployOptions(message=f"发布 {n}"))
        assert report.uploaded == files_of(site)
        assert git(remote, "rev-list", "--count", "gh-pages") == "1"
        assert git(repo, "rev-list", "--count", "gh-pages") == "1"
        assert git(remote, "log", "-1", "--format=%s", "gh-pages") == f"发布 {n}"
    published = git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split("\n")
    assert sorted(set(published) - {".nojekyll"}) == files_of(site) and GONE not in published
    assert git(remote, "show", f"gh-pages:{CHANGED}").endswith("<!-- 更正 -->")
    assert git(repo, "rev-list", "--count", "main") == "1"  # the data branch is untouched


def test_gh_pages_refuses_a_site_over_the_hosts_limit_and_names_the_alternatives(
        site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A sparse file: 1.1 GB to the file system's size count, no disk used.
    with (site / "pdf" / "big.pdf").open("wb") as big:
        big.truncate(1_100_000_000)
    remote, repo = tmp_path / "remote.git", tmp_path / "repo"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    git(repo, "remote", "add", "origin", str(remote))
    monkeypatch.chdir(repo)
    with pytest.raises(DeployError, match=r"超过 GitHub Pages 允许的 1 GB.*--to s3://"):
        deploy(site, DeployOptions())
    assert git(remote, "branch", "--list") == "" and git(repo, "branch", "--list", "gh-pages") == ""
