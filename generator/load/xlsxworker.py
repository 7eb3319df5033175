"""Parse workbooks in a worker process that may die without taking the build down.

Contract:

* :func:`read_sheets` hands a workbook (bytes already unpacked, measured and repacked by
  :mod:`generator.load.xlsxzip` and :mod:`generator.load.xlsxmeasure`) to a worker process
  running python-calamine, and returns every worksheet's cells as Python values (``str``,
  ``float``, ``int``, ``bool``, ``date``, ``datetime``, ``time``, ``timedelta``; an empty cell
  is ``""``), row by row from A1; text stays text (``N/A`` is ``N/A``: no missing-value list
  is applied);
* the worker limits its own address space to ``MAX_XLSX_MEMORY`` (``RLIMIT_AS``) before it
  reads anything, and gets ``MAX_XLSX_SECONDS`` per workbook: a reader that aborts (a Rust
  allocation failure is ``SIGABRT``), runs out of memory or hangs kills only the worker;
  :func:`read_sheets` then raises :class:`WorkerDied` (the caller makes it a finding naming
  the file) and the next workbook gets a new worker;
* one worker serves every workbook of a process (started on first use, stopped at exit; a
  forked child starts its own, never writes to its parent's); the
  answer travels as JSON (never pickle), so nothing the worker sends can run in the parent;
* ``python -m generator.load.xlsxworker`` is the worker's entry point.
"""

from __future__ import annotations

import atexit
import json
import os
import select
import struct
import subprocess
import sys
import threading
from datetime import date, datetime, time, timedelta
from typing import IO, Any

from generator.load.limits import MAX_XLSX_MEMORY, MAX_XLSX_SECONDS

_HEADER = struct.Struct("<Q")


class WorkerDied(Exception):
    """The worker process ended (or was stopped) while reading a workbook; ``why`` in Chinese."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, time):
        return {"t": value.isoformat()}
    if isinstance(value, timedelta):
        return {"td": value.total_seconds()}
    return value


def _decode(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    (kind, text), = value.items()
    if kind == "dt":
        return datetime.fromisoformat(text)
    if kind == "d":
        return date.fromisoformat(text)
    if kind == "t":
        return time.fromisoformat(text)
    return timedelta(seconds=text)


def _send(stream: IO[bytes], payload: bytes) -> None:
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _receive(stream: IO[bytes]) -> bytes | None:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    return stream.read(_HEADER.unpack(head)[0])


def _parse(raw: bytes) -> dict[str, Any]:
    """What the worker answers for one workbook: every worksheet's cells, or the reader's error."""
    import io

    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = {}
        for meta in book.sheets_metadata:
            if meta.typ == python_calamine.SheetTypeEnum.WorkSheet:
                rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                sheets[meta.name] = [[_encode(v) for v in row] for row in rows]
        return {"sheets": sheets}
    except Exception as exc:  # noqa: BLE001 - any reader error on a damaged file is the same answer
        return {"error": f"{type(exc).__name__}: {exc}"}


def serve() -> None:
    """The worker: bound the address space, then answer workbooks until stdin closes."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MAX_XLSX_MEMORY, MAX_XLSX_MEMORY))
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (raw := _receive(stdin)) is not None:
        _send(stdout, json.dumps(_parse(raw), ensure_ascii=False).encode("utf-8"))


class _Worker:
    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.owner = os.getpid()
        self.lock = threading.Lock()

    def start(self) -> subprocess.Popen[bytes]:
        if self.owner != os.getpid():  # a forked child: the worker's pipes are its parent's
            self.process, self.owner, self.lock = None, os.getpid(), threading.Lock()
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([sys.executable, "-m", "generator.load.xlsxworker"], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        return self.process

    def stop(self) -> int | None:
        process, self.process = self.process, None
        if process is None or self.owner != os.getpid():
            return None
        if process.poll() is None:
            process.kill()
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()
        return process.wait()

    def ask(self, raw: bytes) -> dict[str, Any]:
        if self.owner != os.getpid():
            self.start()
        with self.lock:
            process = self.start()
            assert process.stdin is not None and process.stdout is not None
            try:
                _send(process.stdin, raw)
            except OSError:
                pass  # the worker is gone: reading tells how it ended
            ready, _, _ = select.select([process.stdout], [], [], MAX_XLSX_SECONDS)
            answer = _receive(process.stdout) if ready else None
            if answer is None:
                code = self.stop()
                raise WorkerDied(_why(code, timed_out=not ready))
            return json.loads(answer)


def _why(code: int | None, timed_out: bool) -> str:
    if timed_out:
        return f"读取超过 {MAX_XLSX_SECONDS} 秒仍未完成，已停止"
    if code is not None and code < 0:
        return f"读取程序异常终止（信号 {-code}，多半是文件声明的大小使它耗尽了内存）"
    return f"读取程序异常退出（退出码 {code}）"


_WORKER = _Worker()
atexit.register(_WORKER.stop)


def read_sheets(raw: bytes) -> dict[str, list[list[Any]]]:
    """Every worksheet of the workbook ``raw`` (see the module doc); raises :class:`WorkerDied`
    when the worker ends, and ``ValueError`` (the reader's words) when it cannot read the file."""
    answer = _WORKER.ask(raw)
    if "error" in answer:
        raise ValueError(answer["error"])
    return {name: [[_decode(v) for v in row] for row in rows] for name, rows in answer["sheets"].items()}


if __name__ == "__main__":  # pragma: no cover - the worker process
    os.environ.setdefault("RUST_BACKTRACE", "0")
    serve()
