"""C2SP signed notes with Ed25519 keys (https://c2sp.org/signed-note), as Go's sumdb/note.

Contract: keys are the text forms Go's ``note`` package uses: a verifier key
``<name>+<key id, 8 hex>+<base64(0x01 || 32-byte public key)>`` and a signer key
``PRIVATE+KEY+<name>+<key id>+<base64(0x01 || 32-byte seed)>``; the key id is the first four
bytes of SHA-256(name || 0x0A || 0x01 || public key), and a key whose id does not match is
refused. :func:`sign` returns the note text, a blank line and one signature line
``— <name> base64(key id || signature)``. :func:`open_note` returns the text of a note that
carries a valid signature by the given verifier (signatures by other keys are ignored, as
the spec requires); anything else raises :class:`NoteError` with the reason in English
(callers word it for people). Signatures are made and checked by ``cryptography``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ALG_ED25519 = b"\x01"
SIGNATURE_PREFIX = "\u2014 "
MAX_SIGNATURES = 100


class NoteError(ValueError):
    pass


def _key_id(name: str, public: bytes) -> int:
    return int.from_bytes(hashlib.sha256(name.encode() + b"\n" + ALG_ED25519 + public).digest()[:4], "big")


def _valid_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def _b64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise NoteError("malformed base64") from None


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


@dataclass(frozen=True)
class Verifier:
    name: str
    key_id: int
    public: bytes

    @property
    def text(self) -> str:
        """The verifier key as it is printed and published."""
        return f"{self.name}+{self.key_id:08x}+{base64.b64encode(ALG_ED25519 + self.public).decode()}"

    def verify(self, message: bytes, signature: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.public).verify(signature, message)
        except InvalidSignature:
            return False
        return True


@dataclass(frozen=True)
class Signer:
    name: str
    key_id: int
    seed: bytes

    @property
    def verifier(self) -> Verifier:
        public = _raw_public(Ed25519PrivateKey.from_private_bytes(self.seed).public_key())
        return Verifier(self.name, self.key_id, public)

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.seed).sign(message)


def _split_key(text: str) -> tuple[str, str, str]:
    """``name+id+base64`` (the base64 may itself hold ``+``)."""
    fields = text.split("+", 2)
    if len(fields) != 3 or not _valid_name(fields[0]) or len(fields[1]) != 8:
        raise NoteError("malformed key")
    try:
        int(fields[1], 16)
    except ValueError:
        raise NoteError("malformed key") from None
    return fields[0], fields[1], fields[2]


def parse_verifier(text: str) -> Verifier:
    name, key_hex, encoded = _split_key(text.strip())
    raw = _b64(encoded)
    if len(raw) != 33 or raw[:1] != ALG_ED25519:
        raise NoteError("not an Ed25519 key")
    key_id = int(key_hex, 16)
    if key_hex != key_hex.lower() or key_id != _key_id(name, raw[1:]):
        raise NoteError("key id does not match the key")
    return Verifier(name, key_id, raw[1:])


def parse_signer(text: str) -> Signer:
    text = text.strip()
    if not text.startswith("PRIVATE+KEY+"):
        raise NoteError("malformed key")
    name, key_hex, encoded = _split_key(text[len("PRIVATE+KEY+"):])
    raw = _b64(encoded)
    if len(raw) != 33 or raw[:1] != ALG_ED25519:
        raise NoteError("not an Ed25519 key")
    public = _raw_public(Ed25519PrivateKey.from_private_bytes(raw[1:]).public_key())
    if key_hex != key_hex.lower() or int(key_hex, 16) != _key_id(name, public):
        raise NoteError("key id does not match the key")
    return Signer(name, int(key_hex, 16), raw[1:])


def generate_signer(name: str, seed: bytes | None = None) -> Signer:
    """A new key (``seed``: 32 bytes for a reproducible test key, else random)."""
    if not _valid_name(name):
        raise NoteError("malformed key name")
    seed = os.urandom(32) if seed is None else seed
    public = _raw_public(Ed25519PrivateKey.from_private_bytes(seed).public_key())
    return Signer(name, _key_id(name, public), seed)


def signer_text(signer: Signer) -> str:
    return f"PRIVATE+KEY+{signer.name}+{signer.key_id:08x}+{base64.b64encode(ALG_ED25519 + signer.seed).decode()}"


def _check_text(text: str) -> None:
    if not text.endswith("\n") or any(ord(c) < 0x20 and c != "\n" for c in text):
        raise NoteError("malformed note")


def sign(text: str, signer: Signer) -> str:
    """The signed note: ``text`` (ending in a newline), a blank line, the signature line."""
    _check_text(text)
    signature = signer.key_id.to_bytes(4, "big") + signer.sign(text.encode())
    return f"{text}\n{SIGNATURE_PREFIX}{signer.name} {base64.b64encode(signature).decode()}\n"


def open_note(note: str, verifier: Verifier) -> str:
    """The text of ``note`` once a signature by ``verifier`` checks out (see the contract)."""
    _check_text(note)
    text, sep, block = note.rpartition("\n\n")
    if not sep:
        raise NoteError("malformed note")
    text += "\n"
    lines = block.removesuffix("\n").split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteError("malformed note")
    good = False
    for line in lines:
        if not line.startswith(SIGNATURE_PREFIX):
            raise NoteError("malformed note")
        name, _, encoded = line[len(SIGNATURE_PREFIX):].partition(" ")
        raw = _b64(encoded)
        if not _valid_name(name) or len(raw) < 5:
            raise NoteError("malformed note")
        if name != verifier.name or int.from_bytes(raw[:4], "big") != verifier.key_id:
            continue  # a signature by another key: ignored
        if not verifier.verify(text.encode(), raw[4:]):
            raise NoteError(f"invalid signature for key {verifier.name}+{verifier.key_id:08x}")
        good = True
    if not good:
        raise NoteError("note has no verifiable signatures")
    return text
