"""Publish a built site to an S3-compatible object store (Alibaba Cloud OSS, Tencent COS, Huawei
OBS, Qiniu Kodo, MinIO, AWS S3...) with boto3.

Contract: :func:`publish_s3` makes ``s3://<bucket>/<prefix>`` hold exactly the site's files:

* uploads only files whose content changed: the object's ETag (the MD5 of a simple upload)
  is compared with the file's MD5 (``everything`` uploads all, e.g. after the header rules
  changed); each upload carries its ``Content-Type`` and ``Cache-Control``
  (:mod:`.files`) and its ``Content-MD5``, so the store rejects a corrupted upload;
* uploads assets first and pages last, then deletes objects under the prefix that the site no
  longer has, so a reader mid-deploy never gets a page whose assets are missing;
* refuses a prefix that holds objects but no site marker (it is not a site this tool
  published: nothing there is overwritten or deleted).

Credentials come from the environment only (``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY``,
optional ``AWS_SESSION_TOKEN``), never from files; the region from ``AWS_REGION`` or
``AWS_DEFAULT_REGION`` (default ``us-east-1``); the endpoint from ``endpoint_url`` or
``AWS_ENDPOINT_URL_S3`` / ``AWS_ENDPOINT_URL``. ``addressing``: ``virtual`` (bucket in the
host name; OSS and COS require it), ``path`` (bucket in the path; local servers), or
``auto`` (boto3 decides). Raises :class:`DeployError` with the store's message.
"""

from __future__ import annotations

import base64
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from generator.commands.deploy.files import SiteFile
from generator.errors import DeployError

MARKER = ".generator-site"
ADDRESSING = ("auto", "virtual", "path")
WORKERS = 8


@dataclass(frozen=True)
class S3Target:
    bucket: str
    prefix: str
    """Key prefix, empty or ending with ``/``."""

    @classmethod
    def parse(cls, text: str) -> "S3Target":
        rest = text[len("s3://"):]
        bucket, _, prefix = rest.partition("/")
        prefix = prefix.strip("/")
        if not bucket:
            raise DeployError(f"“{text}”缺少存储桶名称，应写成 s3://存储桶/路径前缀")
        return cls(bucket, prefix + "/" if prefix else "")

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


def _client(endpoint_url: str | None, addressing: str):
    import boto3
    from botocore.config import Config

    key, secret = os.environ.get("AWS_ACCESS_KEY_ID"), os.environ.get("AWS_SECRET_ACCESS_KEY")
    if not key or not secret:
        raise DeployError("请在环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY 中提供对象存储的访问密钥"
                          "（在 CI 中用加密的 secrets，不要写进文件）")
    endpoint = endpoint_url or os.environ.get("AWS_ENDPOINT_URL_S3") or os.environ.get("AWS_ENDPOINT_URL") or None
    region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
    # Checksums only when required: botocore's default (CRC trailers, aws-chunked bodies) is
    # refused by several S3-compatible stores; every upload carries Content-MD5 instead.
    config = Config(s3={"addressing_style": addressing}, retries={"max_attempts": 5, "mode": "standard"},
                    max_pool_connections=WORKERS, request_checksum_calculation="when_required",
                    response_checksum_validation="when_required")
    return boto3.session.Session().client(
        "s3", aws_access_key_id=key, aws_secret_access_key=secret,
        aws_session_token=os.environ.get("AWS_SESSION_TOKEN") or None,
        region_name=region, endpoint_url=endpoint, config=config)


def _remote(client, target: S3Target) -> dict[str, str]:
    """Key (relative to the prefix) -> ETag (lower case, unquoted) of every object under the prefix."""
    found: dict[str, str] = {}
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=target.bucket, Prefix=target.prefix):
        for obj in page.get("Contents", []):
            found[obj["Key"][len(target.prefix):]] = obj.get("ETag", "").strip('"').lower()
    return found


def _upload(client, target: S3Target, file: SiteFile) -> str:
    # the bytes, not a stream: one plain PUT with a Content-Length, which every store accepts
    client.put_object(Bucket=target.bucket, Key=target.prefix + file.path, Body=file.source.read_bytes(),
                      ContentType=file.content_type, CacheControl=file.cache_control,
                      ContentMD5=base64.b64encode(bytes.fromhex(file.md5)).decode("ascii"))
    return file.path


def publish_s3(files: list[SiteFile], target: S3Target, *, endpoint_url: str | None = None,
               addressing: str = "auto", everything: bool = False) -> tuple[list[str], list[str], int]:
    """Returns (uploaded paths, deleted paths, unchanged count)."""
    from botocore.exceptions import BotoCoreError, ClientError

    client = _client(endpoint_url, addressing)
    try:
        remote = _remote(client, target)
        if remote and MARKER not in remote:
            raise DeployError(f"{target} 下已有其他文件，且不是本工具发布的网站，为安全起见不覆盖它；请换一个路径前缀")
        changed = [f for f in files if everything or remote.get(f.path) != f.md5]
        # assets first, then pages, the marker last: readers never get a page whose assets are missing
        order = sorted(changed, key=lambda f: (f.path == MARKER, f.path.endswith(".html"), f.path))
        with ThreadPoolExecutor(WORKERS) as pool:
            for kind in (False, True):
                batch = [f for f in order if f.path.endswith(".html") == kind and f.path != MARKER]
                list(pool.map(lambda f: _upload(client, target, f), batch))
        if any(f.path == MARKER for f in order):
            _upload(client, target, next(f for f in order if f.path == MARKER))
        stale = sorted(set(remote) - {f.path for f in files})
        for start in range(0, len(stale), 1000):
            chunk = stale[start:start + 1000]
            reply = client.delete_objects(Bucket=target.bucket, Delete={
                "Objects": [{"Key": target.prefix + key} for key in chunk], "Quiet": True})
            if reply.get("Errors"):
                error = reply["Errors"][0]
                raise DeployError(f"删除 {error.get('Key')} 失败：{error.get('Message')}")
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise DeployError(f"对象存储拒绝了请求（{error.get('Code')}）：{error.get('Message') or exc}") from None
    except BotoCoreError as exc:
        raise DeployError(f"无法连接对象存储：{exc}") from None
    return [f.path for f in order], stale, len(files) - len(changed)
