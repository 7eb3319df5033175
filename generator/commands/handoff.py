"""Checked data handed from one job to the others: a province's data is loaded and checked once.

Contract: every build loads and checks the whole data folder (the city pages need all of it),
which in a province's matrix of district jobs (``.github/workflows/province.yml``) is the
largest stage of every job (20,000 compounds: about 400 CPU seconds each, measured in
``bench/RESULTS.md``). :func:`save_checked` (``check --save-checked FILE``) writes what one
check produced (:class:`generator.commands.steps.Checked`) to a file; :func:`load_checked`
(``build --checked FILE``) reads it back in a small fraction of that instead of loading and checking
again. The file begins with :data:`MAGIC`, then the :func:`handoff_key` of what was checked
(the generator's code, every file of the data and ``content/`` folders, the data date, the
site address and where the data folder is: the records name their files by absolute path),
then the data: a pickle, gzip-compressed, written and read as a stream (the checked data of
20,000 compounds holds about 4.5 GB of memory, its pickle would add 0.6 GB more if held
whole). :func:`load_checked` returns it only when that key equals the key of the build's own inputs; otherwise it raises
:class:`HandoffError` (a Chinese message saying what to do), so a file from other data, another
date or another generator is never used. Pickle runs code named in the file: the file must come
from the same pipeline (a CI artifact of the run's own check job), never from outside; the
key does not protect against a forged file, only against a stale one.
"""

from __future__ import annotations

import gzip
import pickle
import zlib
from datetime import date
from pathlib import Path
from typing import BinaryIO

from generator.commands.fingerprint import inputs_fingerprint
from generator.commands.steps import Checked
from generator.write.atomic import write_atomic_with

MAGIC = b"wuye-checked 1\n"


class HandoffError(Exception):
    """The file is not a handed-over check of these inputs; the message is Chinese."""


def handoff_key(data: Path, content: Path, as_of: date, site_url: str | None) -> str:
    """What a check's result depends on: the code, the data and content folders, the date, the address."""
    return inputs_fingerprint(data, content, None, {"as_of": as_of.isoformat(), "site_url": site_url or "",
                                                    "data_path": str(data.resolve()), "handoff": "checked"}, "")


def save_checked(checked: Checked, path: Path, key: str) -> None:
    def fill(handle: BinaryIO) -> None:
        handle.write(MAGIC + key.encode("ascii") + b"\n")
        with gzip.GzipFile(fileobj=handle, mode="wb", compresslevel=1, mtime=0) as packed:
            pickle.dump(checked, packed, protocol=pickle.HIGHEST_PROTOCOL)

    write_atomic_with(path, fill)


def load_checked(path: Path, key: str) -> Checked:
    redo = f"在同一流水线中重新运行 check --save-checked {path.as_posix()}（数据、日期和生成器都与本任务相同）"
    try:
        with path.open("rb") as handle:
            if handle.readline() != MAGIC:
                raise HandoffError(f"{path.as_posix()} 不是 check --save-checked 写的检查结果文件：{redo}")
            if handle.readline() != key.encode("ascii") + b"\n":
                raise HandoffError(f"{path.as_posix()} 是另一份数据、另一个数据日期或另一版生成器的检查结果，"
                                   f"不能用于这次构建：{redo}")
            with gzip.GzipFile(fileobj=handle, mode="rb") as packed:
                checked = pickle.load(packed)
    except HandoffError:
        raise
    except (EOFError, zlib.error, pickle.UnpicklingError, AttributeError, ImportError, TypeError) as exc:
        raise HandoffError(f"{path.as_posix()} 已损坏（{type(exc).__name__}）：{redo}") from None
    except OSError as exc:  # also gzip's BadGzipFile
        what = "已损坏" if isinstance(exc, gzip.BadGzipFile) else f"读不到（{exc.strerror}）"
        raise HandoffError(f"检查结果文件 {path.as_posix()} {what}：{redo}") from None
    if not isinstance(checked, Checked):
        raise HandoffError(f"{path.as_posix()} 的内容不是检查结果：{redo}")
    return checked
