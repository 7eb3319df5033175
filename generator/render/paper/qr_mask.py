"""The QR data mask segno would choose, found with numpy instead of segno's pure-Python loops.

Contract: :func:`make` returns the (non-micro) :class:`segno.QRCode` that ``segno.make``
returns, with the mask pattern that segno's own evaluation
(``segno.encoder.find_and_apply_best_mask``, ISO/IEC 18004:2015 7.8.3) picks for the same
content: the first mask with the lowest penalty N1 + N2 + N3 + N4, computed on the very
matrix segno scores, including its quirks (format and version areas still 0, unfilled
remainder modules 2 or 3, N3 at a line's ends and with fewer than four light modules near
them). segno spends most of its time scoring the eight masks module by module in Python (about
80 CPU seconds of a 1,000-compound build), then placing the message and applying a mask bit by
bit: here the message (segno's own bits, :func:`_message`) is placed once with numpy, unmasked,
and the masks are scored with numpy: 0.9 ms a site URL, against 1.5 ms with segno placing and
masking it and 7.3 ms for ``segno.make``. ``tests/test_qr.py`` checks the code against segno's
for URLs of every length up to version 20.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt
import segno
from segno import consts, encoder

Matrix = npt.NDArray[np.int8]

_N3_CODE = sum(bit << (2 * k) for k, bit in enumerate((1, 0, 1, 1, 1, 0, 1)))
"""The N3 pattern dark-light-dark-dark-dark-light-dark as a base-4 number, first module lowest."""


@lru_cache(maxsize=8)
def _layout(width: int) -> tuple[Matrix, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """For a symbol of ``width`` modules: the function patterns as segno lays them out before
    masking (data modules 2), which modules hold data, and the eight mask patterns there."""
    base = encoder.make_matrix(width, width)
    encoder.add_finder_patterns(base, width, width)
    encoder.add_alignment_patterns(base, width, width)
    matrix = np.array([list(row) for row in base], dtype=np.int8)
    region = matrix > 1
    i, j = np.indices((width, width))
    patterns = np.stack([
        (i + j) % 2 == 0,
        i % 2 == 0,
        j % 3 == 0,
        (i + j) % 3 == 0,
        (i // 2 + j // 3) % 2 == 0,
        (i * j) % 2 + (i * j) % 3 == 0,
        ((i * j) % 2 + (i * j) % 3) % 2 == 0,
        ((i + j) % 2 + (i * j) % 3) % 2 == 0,
    ]) & region
    return matrix, region, patterns


def _candidates(masked: tuple[bytearray, ...], mask: int) -> Matrix:
    """The eight masked matrices segno scores, shape (8, width, width), from a symbol made with
    ``mask`` (its data modules unmasked again, its format and version areas 0 as before)."""
    width = len(masked)
    base, region, patterns = _layout(width)
    final = np.array([list(row) for row in masked], dtype=np.int8)
    data = np.where(region, final ^ patterns[mask], base)
    return (data[None, :, :] ^ patterns).astype(np.int8)


def _n1(lines: Matrix) -> npt.NDArray[np.int64]:
    """N1 per mask: each run of five or more equal modules along a line scores its length - 2.
    ``lines`` has shape (8, number of lines, width)."""
    masks, count, width = lines.shape
    padded = np.full((masks, count, width + 1), 9, dtype=np.int8)  # 9 ends every line's last run
    padded[:, :, :width] = lines
    flat = padded.reshape(-1)
    ends = np.flatnonzero(flat[1:] != flat[:-1])
    runs = np.diff(np.concatenate(([-1], ends)))
    scoring = (runs >= 5) & (flat[ends] != 9)
    per_mask = count * (width + 1)
    return np.bincount(ends[scoring] // per_mask, weights=runs[scoring] - 2, minlength=masks).astype(np.int64)


def _n3(lines: Matrix) -> npt.NDArray[np.int64]:
    """N3 per mask: 40 for each 1011101 pattern along a line, found and counted as segno does:
    a pattern counts at either end of the line or with all-light modules (up to four) before
    or after it; the scan resumes 7 modules on after a counted one, else 4."""
    masks, count, width = lines.shape
    # Each window of 7 modules as a base-4 number (modules are 0-3), compared with the pattern's.
    code = np.zeros((masks, count, width - 6), dtype=np.int32)
    for k in range(7):
        code += lines[:, :, k:width - 6 + k].astype(np.int32) << (2 * k)
    mask_no, line_no, start = np.nonzero(code == _N3_CODE)
    # Dark (non-zero) modules before each position, to test the light areas beside a pattern.
    dark = np.zeros((masks, count, width + 1), dtype=np.int16)
    np.cumsum(lines != 0, axis=2, out=dark[:, :, 1:])
    at = (mask_no, line_no)
    before = dark[*at, start] - dark[*at, np.maximum(start - 4, 0)]
    after = dark[*at, np.minimum(start + 11, width)] - dark[*at, start + 7]
    counted = ((start == 0) | (start == width - 7) | (before == 0) | (after == 0)).tolist()
    scores = [0] * masks
    line_key, resume = (-1, -1), 0
    for m, n, idx, counts in zip(mask_no.tolist(), line_no.tolist(), start.tolist(), counted, strict=True):
        if (m, n) != line_key:
            line_key, resume = (m, n), 0
        if idx < resume:
            continue
        if counts:
            scores[m] += 40
            resume = idx + 7
        else:
            resume = idx + 4
    return np.array(scores, dtype=np.int64)


def _penalties(candidates: Matrix) -> list[int]:
    """The penalty score of each candidate matrix, as segno's ``evaluate_mask`` computes it."""
    width = candidates.shape[1]
    lines = np.concatenate([candidates, candidates.transpose(0, 2, 1)], axis=1)
    same = ((candidates[:, 1:, 1:] == candidates[:, 1:, :-1]) & (candidates[:, 1:, 1:] == candidates[:, :-1, 1:])
            & (candidates[:, 1:, 1:] == candidates[:, :-1, :-1]))
    n2 = 3 * same.sum(axis=(1, 2))
    dark = candidates.astype(np.int64).sum(axis=(1, 2))
    n4 = [10 * int(abs(float(d) / (width ** 2) * 100 - 50) / 5) for d in dark.tolist()]
    totals = _n1(lines) + n2 + _n3(lines)
    return [int(t) + n for t, n in zip(totals.tolist(), n4, strict=True)]


@lru_cache(maxsize=8)
def _placement(width: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Rows and columns of the data modules of a symbol ``width`` modules wide, in the order
    segno's ``add_codewords`` fills them (ISO/IEC 18004:2015 7.7.3: two-module columns from the
    right, alternately upwards and downwards, the vertical timing pattern's column skipped)."""
    _, region, _ = _layout(width)
    rows, cols = [], []
    for right in range(width - 1, 0, -2):
        right -= right <= 6
        for vertical in range(width):
            for j in (right, right - 1):
                i = width - 1 - vertical if (((right & 2) == 0) ^ (j < 6)) else vertical
                if region[i, j]:
                    rows.append(i)
                    cols.append(j)
    return np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp)


def _message(content: str, error: str) -> tuple[bytearray, int, int, list[Any]]:
    """The final message bits of ``content`` (data and error correction codewords, interleaved,
    with the remainder bits), its version, error level and segments, exactly as
    ``segno.encoder.encode`` makes them for a (non-micro) QR code with error boosting."""
    segments = encoder.prepare_data(content, None, None)
    level = encoder.normalize_errorlevel(error)
    version = encoder.find_version(segments, level, eci=False, micro=False)
    level = encoder.boost_error_level(version, level, segments, False, is_sa=False)
    buff = encoder.Buffer()
    for segment in segments:
        encoder.write_segment(buff, segment, None, encoder.version_range(version), False)
    capacity = consts.SYMBOL_CAPACITY[version][level]  # type: ignore[index]  # segno's stub types the table as object
    encoder.write_terminator(buff, capacity, None, len(buff))
    encoder.write_padding_bits(buff, version, len(buff))
    encoder.write_pad_codewords(buff, version, capacity, len(buff))
    return encoder.make_final_message(version, level, buff).getbits(), version, level, segments


def make(content: str, error: str) -> segno.QRCode:
    """``segno.make(content, error=error, micro=False)``, bit for bit, without segno's
    mask evaluation: the message is placed into the symbol once, unmasked (the placement order
    computed once per size), the eight candidates are scored here, and the first with the
    lowest penalty gets its format and version information as segno adds them."""
    bits, version, level, segments = _message(content, error)
    width = encoder.calc_matrix_size(version)
    base, _, patterns = _layout(width)
    rows, cols = _placement(width)
    if len(bits) > len(rows):  # pragma: no cover - segno's own sizes make this impossible
        raise ValueError(f"QR message of {len(bits)} bits for {len(rows)} modules")
    data = base.copy()
    data[rows[:len(bits)], cols[:len(bits)]] = np.frombuffer(bytes(bits), dtype=np.int8)
    candidates = (data[None, :, :] ^ patterns).astype(np.int8)
    scores = _penalties(candidates)
    mask = scores.index(min(scores))
    matrix = tuple(bytearray(row) for row in candidates[mask].tolist())
    encoder.add_format_info(matrix, version, level, mask)
    encoder.add_version_info(matrix, version)
    code = encoder.Code(matrix, version, level, mask, segments)
    return segno.QRCode(code)  # type: ignore[call-arg]  # segno's stub omits the constructor segno.make uses
