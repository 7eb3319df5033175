"""A transparency log as static files: RFC 6962 Merkle trees, C2SP tlog-tiles, checkpoints,
signed notes (Ed25519) and tlog-proof files.

A library of no pipeline stage: it imports nothing of the generator, reads and writes no
files itself (callers hand it bytes and get bytes back), and never prints. Modules:
:mod:`merkle` (hashing, inclusion and consistency proofs), :mod:`note` (C2SP signed-note
keys, signing, verifying), :mod:`checkpoint` (C2SP tlog-checkpoint text), :mod:`tiles`
(C2SP tlog-tiles layout: tile and entry-bundle paths and contents, and the log read back from
them), :mod:`proof` (C2SP tlog-proof files). Tested against published vectors:
``tests/vendor/tlog-vectors/``.
"""
