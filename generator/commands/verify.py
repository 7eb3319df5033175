"""The ``verify`` command's work, offline: a stamp's proof file, and a log against an older checkpoint.

Contract: :func:`verify_proof` checks a ``.tlog-proof`` file (as each ``/v/<stamp>/`` page
offers it) against the log's public key: the checkpoint's signature and the entry's inclusion;
with ``stamp`` it also checks that the entry is that stamp's. :func:`verify_log` checks a
copy of the published log (a folder with ``checkpoint`` and ``tile/entries/``, as served under
``/log/``): its checkpoint's signature, that its entries hash to that checkpoint, and, with an
older checkpoint someone kept, that the log extends it (an RFC 6962 consistency proof): a
history rewritten since that checkpoint fails. :func:`new_key` makes a signing key for a site.
Each returns a :class:`Verdict` (ok, and lines in Chinese for people); nothing here prints,
exits or uses the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.derive.trust_log import LOG_DIR, log_origin, parse_entry
from generator.tlog.log import CHECKPOINT, LogError, extends, open_checkpoint, read_log
from generator.tlog.note import NoteError, Verifier, generate_signer, parse_verifier, signer_text
from generator.tlog.proof import ProofError, check_proof

MAX_FILE = 64 * 1024 * 1024


@dataclass
class Verdict:
    ok: bool
    lines: list[str] = field(default_factory=list)


def _key(text: str) -> Verifier | Verdict:
    try:
        return parse_verifier(text)
    except NoteError:
        return Verdict(False, ["公钥格式不对：应为 名称+8位编号+密钥（见网站“核对公示版本”页或红黑榜 PDF 上印的公钥）。"])


def _describe(raw: bytes) -> str:
    entry = parse_entry(raw)
    if entry is None:
        return "（无法识别的记录）"
    if entry.kind == "data":
        return f"一次发布的数据指纹 {entry.value}"
    return f"版本号 {entry.value}（{entry.what}）"


def verify_proof(proof: Path, key: str, stamp: str | None = None) -> Verdict:
    verifier = _key(key)
    if isinstance(verifier, Verdict):
        return verifier
    try:
        text = proof.read_bytes()[:MAX_FILE].decode("utf-8")
        proven = check_proof(text, verifier)
    except (OSError, UnicodeDecodeError) as exc:
        return Verdict(False, [f"读不了证明文件 {proof}：{exc}"])
    except ProofError as exc:
        return Verdict(False, [f"证明不成立：{exc}。这份证明不是这个公钥的日志签发的，或已被改动。"])
    entry = parse_entry(proven.entry)
    if stamp is not None and (entry is None or entry.kind != "stamp" or entry.value != stamp.strip().lower()):
        return Verdict(False, [f"证明成立，但它证明的是{_describe(proven.entry)}，不是版本号 {stamp}。"])
    return Verdict(True, [f"证明成立：{_describe(proven.entry)} 是日志 {proven.checkpoint.origin} 的第 "
                          f"{proven.index + 1} 条记录（日志共 {proven.checkpoint.size} 条，签名有效）。"])


def _log_files(folder: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    if (folder / CHECKPOINT).is_file():
        files[CHECKPOINT] = (folder / CHECKPOINT).read_bytes()[:MAX_FILE]
    bundles = folder / "tile" / "entries"
    if bundles.is_dir():
        for path in sorted(bundles.rglob("*")):
            if path.is_file() and not path.is_symlink():
                files[path.relative_to(folder).as_posix()] = path.read_bytes()[:MAX_FILE]
    return files


def verify_log(log_dir: Path, key: str, older: Path | None = None) -> Verdict:
    verifier = _key(key)
    if isinstance(verifier, Verdict):
        return verifier
    folder = log_dir / LOG_DIR if (log_dir / LOG_DIR / CHECKPOINT).is_file() else log_dir
    try:
        log = read_log(_log_files(folder), verifier)
    except (OSError, LogError) as exc:
        return Verdict(False, [f"日志 {folder} 核验不通过：{exc}。"])
    lines = [f"日志 {log.checkpoint.origin} 共 {log.checkpoint.size} 条记录，签名有效，记录与签名的根哈希一致。"]
    if older is None:
        return Verdict(True, lines)
    try:
        old = open_checkpoint(older.read_bytes()[:MAX_FILE], verifier)
    except (OSError, LogError) as exc:
        return Verdict(False, lines + [f"旧的检查点 {older} 核验不通过：{exc}。"])
    if not extends(old, log.entries):
        return Verdict(False, lines + [f"日志被改写过：它不是您保存的检查点（{old.size} 条）的延续。"
                                       "之前发布的记录被改动、删除或调换了顺序。"])
    return Verdict(True, lines + [f"它是您保存的检查点（{old.size} 条）的延续：之前的记录一条未改，"
                                  f"之后新增 {log.checkpoint.size - old.size} 条。"])


def new_key(site_url: str) -> tuple[str, str]:
    """(signing key for the CI secret, public key to publish) for the site at ``site_url``."""
    signer = generate_signer(log_origin(site_url))
    return signer_text(signer), signer.verifier.text
