"""The transparency log library against published vectors (tests/vendor/tlog-vectors/README.md
names each source): RFC 6962 roots and proofs, a real Certificate Transparency log's proofs,
Go's signed-note keys and signatures, C2SP tile paths; then the log as files: read back,
extended, and a rewritten entry detected."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from generator.tlog.checkpoint import Checkpoint, format_checkpoint, parse_checkpoint
from generator.tlog.log import LogError, appended, extends, log_files, read_log
from generator.tlog.merkle import Tree, leaf_hash, verify_consistency, verify_inclusion
from generator.tlog.note import NoteError, generate_signer, open_note, parse_signer, parse_verifier, sign, signer_text
from generator.tlog.proof import ProofError, check_proof, format_proof
from generator.tlog.tiles import bundle_path, entries_from_bundles, index_path, tile_files, tile_path, tiles_of

VECTORS = Path(__file__).parent / "vendor" / "tlog-vectors"


def vector(name: str) -> Any:
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def _flip(proof: list[bytes], k: int) -> list[bytes]:
    out = list(proof)
    out[k] = bytes([out[k][0] ^ 1]) + out[k][1:]
    return out


# --- RFC 6962 ------------------------------------------------------------------------------

def test_root_hash_of_every_size_matches_the_reference_vectors() -> None:
    v = vector("rfc6962.json")
    tree = Tree([leaf_hash(bytes.fromhex(x)) for x in v["leaf_inputs_hex"]])
    assert [tree.root(n).hex() for n in range(len(v["root_hashes_hex"]))] == v["root_hashes_hex"]


def test_inclusion_and_consistency_proofs_match_the_reference_vectors() -> None:
    v = vector("rfc6962.json")
    leaves = [bytes.fromhex(x) for x in v["leaf_inputs_hex"]]
    tree = Tree([leaf_hash(x) for x in leaves])
    for case in v["inclusion"]:
        proof = tree.inclusion(case["index"], case["size"])
        assert [h.hex() for h in proof] == case["proof"]
        assert verify_inclusion(leaf_hash(leaves[case["index"]]), case["index"], case["size"], proof,
                                tree.root(case["size"]))
    for case in v["consistency"]:
        proof = tree.consistency(case["size1"], case["size2"])
        assert [h.hex() for h in proof] == case["proof"]
        assert verify_consistency(case["size1"], case["size2"], tree.root(case["size1"]), tree.root(case["size2"]), proof)


def test_a_real_certificate_transparency_log_proves_inclusion_and_consistency() -> None:
    sth = vector("argon2020/sth.json")
    root, size = base64.b64decode(sth["sha256_root_hash"]), sth["tree_size"]
    entry = base64.b64decode(vector("argon2020/entries.json")["entries"][0]["leaf_input"])
    path = [base64.b64decode(h) for h in vector("argon2020/proof.json")["audit_path"]]
    assert verify_inclusion(leaf_hash(entry), 10000, size, path, root)
    assert not verify_inclusion(leaf_hash(entry), 10001, size, path, root)
    assert not verify_inclusion(leaf_hash(entry + b"x"), 10000, size, path, root)
    cons = vector("argon2020/consistency.json")
    proof = [base64.b64decode(h) for h in cons["consistency"]]
    old = base64.b64decode(cons["old_sha256_root_hash"])
    assert verify_consistency(cons["old_tree_size"], size, old, root, proof)
    assert not verify_consistency(cons["old_tree_size"] + 1, size, old, root, proof)
    assert not verify_consistency(cons["old_tree_size"], size, old, root, _flip(proof, 3))


def test_every_proof_of_small_trees_verifies_and_any_changed_hash_fails() -> None:
    entries = [f"leaf {i}".encode() for i in range(33)]
    tree = Tree([leaf_hash(e) for e in entries])
    for n in range(1, len(entries) + 1):
        root = tree.root(n)
        for i in range(n):
            proof = tree.inclusion(i, n)
            assert verify_inclusion(leaf_hash(entries[i]), i, n, proof, root)
            assert not any(verify_inclusion(leaf_hash(entries[i]), i, n, _flip(proof, k), root) for k in range(len(proof)))
        for m in range(n + 1):
            proof = tree.consistency(m, n)
            assert verify_consistency(m, n, tree.root(m), root, proof)
            assert not any(verify_consistency(m, n, tree.root(m), root, _flip(proof, k)) for k in range(len(proof)))


# --- signed notes, checkpoints -------------------------------------------------------------

def test_signed_note_keys_signatures_and_verification_match_go() -> None:
    v = vector("note.json")
    verifier, signer = parse_verifier(v["verifier_key"]), parse_signer(v["signer_key"])
    assert verifier.text == v["verifier_key"] and signer.verifier == verifier and signer_text(signer) == v["signer_key"]
    assert sign(v["text"], signer) == v["signed"]
    assert open_note(v["signed"], verifier) == v["text"]
    both = v["signed"] + v["other_signature_line"]
    assert open_note(both, verifier) == v["text"]  # an unknown key's signature is ignored
    assert open_note(both, parse_verifier(v["other_verifier_key"])) == v["text"]
    with pytest.raises(NoteError, match="no verifiable"):
        open_note(v["signed"], parse_verifier(v["other_verifier_key"]))
    with pytest.raises(NoteError, match="invalid signature"):
        open_note(v["signed"].replace("answer", "Answer"), verifier)


def test_mangled_and_mismatched_keys_are_refused() -> None:
    v = vector("note.json")
    key = v["verifier_key"]
    for bad in v["bad_verifier_keys"] + [key[i:j] for i in range(len(key)) for j in range(i + 1, len(key) + 1)
                                         if (i, j) != (0, len(key))]:
        with pytest.raises(NoteError):
            parse_verifier(bad)
    for i in range(len(key)):
        mangled = key[:i] + chr(ord(key[i]) + 1) + key[i + 1:]
        with pytest.raises(NoteError):
            parse_verifier(mangled)


def test_checkpoint_text_matches_the_go_tree_note() -> None:
    v = vector("checkpoint.json")
    cp = Checkpoint(v["origin"], v["size"], leaf_hash(v["record"].encode()))
    assert format_checkpoint(cp) == v["text"]
    assert parse_checkpoint(v["text"]) == cp
    for bad in (v["text"].replace("123456789012", "0123"), v["text"].replace("Bb0=", "BTOOBIG="), "x\n1\n"):
        with pytest.raises(ValueError):
            parse_checkpoint(bad)


# --- tiles ---------------------------------------------------------------------------------

def test_tile_paths_and_tile_sets_follow_the_spec() -> None:
    v = vector("tiles.json")
    for n, path in v["index_paths"]:
        assert index_path(n) == path
    assert tile_path(0, 1234067, 5) == "tile/0/x001/x234/067.p/5" and bundle_path(2) == "tile/entries/002"
    big = v["tree_70000"]
    tiles = tiles_of(big["size"])
    assert sum(1 for t in tiles if t[0] == 0 and t[2] == 256) == big["full_level0"]
    assert [t[2] for t in tiles if t[0] == 0 and t[2] < 256] == [big["partial_level0_width"]]
    assert [t[2] for t in tiles if t[0] == 1] == [256, big["partial_level1_width"]]
    assert [t[2] for t in tiles if t[0] == 2] == [big["partial_level2_width"]]
    assert [list(t) for t in tiles_of(v["tree_256"]["size"])] == v["tree_256"]["tiles"]


def test_tiles_hold_the_subtree_hashes_and_the_bundles_give_the_entries_back() -> None:
    entries = [f"entry {i}".encode() for i in range(600)]
    files = tile_files(entries, kept_sizes=[300])
    tree = Tree([leaf_hash(e) for e in entries])
    assert files["tile/0/001"] == b"".join(tree.levels[0][256:512])
    assert files["tile/0/002.p/88"] == b"".join(tree.levels[0][512:600])
    assert files["tile/1/000.p/2"] == tree.levels[8][0] + tree.levels[8][1]
    assert "tile/0/001.p/44" in files and "tile/entries/001.p/44" in files  # the earlier size 300
    assert entries_from_bundles(files, 600) == entries
    assert entries_from_bundles(files, 300) == entries[:300]
    with pytest.raises(ValueError):
        entries_from_bundles({k: v for k, v in files.items() if k != "tile/entries/001"}, 600)


# --- the log as files, proofs --------------------------------------------------------------

SIGNER = generate_signer("example.org/wuye/log", seed=bytes(range(32)))


def test_a_log_is_read_back_extended_and_keeps_its_earlier_partial_tiles() -> None:
    first = [b"stamp aaaaaaaa\n", b"stamp bbbbbbbb\n", b"data 00\n"]
    published = log_files(first, SIGNER)
    log = read_log(published, SIGNER.verifier)
    assert log.entries == first and log.checkpoint.size == 3
    grown = appended(log.entries, [b"stamp bbbbbbbb\n", b"stamp cccccccc\n"])
    assert grown == first + [b"stamp cccccccc\n"]
    files = log_files(grown, SIGNER, log.earlier_sizes + (log.checkpoint.size,))
    assert files["tile/0/000.p/3"] == published["tile/0/000.p/3"]
    assert read_log(files, SIGNER.verifier).earlier_sizes == (3, 4)
    assert extends(log.checkpoint, grown)


def test_a_log_with_one_entry_rewritten_is_detected() -> None:
    entries = [f"stamp {i:08x}\n".encode() for i in range(20)]
    old = read_log(log_files(entries, SIGNER), SIGNER.verifier).checkpoint
    rewritten = list(entries)
    rewritten[7] = b"stamp deadbeef\n"
    assert extends(old, entries + [b"data 01\n"])
    assert not extends(old, rewritten + [b"data 01\n"])
    assert not extends(old, entries[:19])  # shorter: history dropped
    files = log_files(entries, SIGNER)
    files["tile/entries/000.p/20"] = files["tile/entries/000.p/20"].replace(b"stamp 00000007", b"stamp deadbeef")
    with pytest.raises(LogError, match="root"):
        read_log(files, SIGNER.verifier)
    other = generate_signer("example.org/wuye/log", seed=bytes(32))
    with pytest.raises(LogError, match="checkpoint"):
        read_log(log_files(entries, other), SIGNER.verifier)


def test_a_tlog_proof_file_checks_out_offline_and_fails_when_anything_changes() -> None:
    entries = [f"stamp {i:08x}\n".encode() for i in range(11)]
    files = log_files(entries, SIGNER)
    tree = Tree([leaf_hash(e) for e in entries])
    text = format_proof(entries[6], 6, tree.inclusion(6), files["checkpoint"].decode())
    assert text.startswith("c2sp.org/tlog-proof@v1\nextra ") and "\nindex 6\n" in text
    proven = check_proof(text, SIGNER.verifier)
    assert proven.entry == entries[6] and proven.checkpoint.size == 11
    assert check_proof(text, SIGNER.verifier, entry=entries[6]).index == 6
    with pytest.raises(ProofError):
        check_proof(text, SIGNER.verifier, entry=entries[5])
    with pytest.raises(ProofError):
        check_proof(text.replace("index 6", "index 7"), SIGNER.verifier)
    with pytest.raises(ProofError, match="checkpoint"):
        check_proof(text, generate_signer("example.org/wuye/log", seed=bytes(32)).verifier)
    with pytest.raises(ProofError):
        check_proof("c2sp.org/tlog-proof@v1\nindex 01\n\n" + files["checkpoint"].decode(), SIGNER.verifier)
