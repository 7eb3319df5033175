"""Worker processes of a build, so that PDFs compile and the engine builds shards on every core.

Contract of :class:`Workers`:

* ``Workers(jobs)`` with ``jobs >= 2`` starts ``jobs`` worker processes (``spawn``: fresh
  interpreters that share nothing with the build's memory); each loads Typst, MkDocs and the
  search segmenter once, while the build loads the data. With ``jobs == 1`` every task runs
  in this process when it is added (the old one-core build);
* :meth:`add_part` queues an engine run over one shard's staging folder into the part cache
  (:func:`run_part`); :meth:`add_pdfs` queues a batch of PDF documents for
  :func:`run_pdfs` (each compiled unless its cache file exists). Part runs are handed to the
  processes as soon as they are added; PDF batches only while fewer than ``jobs + 1`` are
  waiting, so a part added later does not queue behind every PDF (parts are the long tasks
  the merge waits for);
* results come back to the ``done`` callback of each task, always in this thread, during
  :meth:`pump` (call it now and then) and :meth:`drain` (waits for everything); a task that
  failed is raised from there (:class:`PdfError`, :class:`EngineFailed`, :class:`PartError`
  as in a one-process build); a worker process that dies raises :class:`WorkerLost`;
* the processes never outlive the build: they are killed with it (``PR_SET_PDEATHSIG`` on
  Linux; one whose build died while it was starting exits at once), ignore Ctrl-C (the build
  stops them), and :meth:`close` ends them, also after an error, before the build's temporary
  folders are removed.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from generator.engines.fonts import FontSet
from generator.engines.parts import Part, build_part
from generator.errors import GeneratorError, WorkerLost
from generator.engines.typst_pdf import compile_cached
from generator.render.paper.document import PdfDocument
from generator.write.cache import FolderCache

PENDING_PDF_BATCHES = 1
"""PDF batches handed to the processes beyond one per process."""


@dataclass(frozen=True)
class PdfTask:
    docs: list[PdfDocument]
    """Documents as printed (see :func:`generator.engines.typst_pdf.printable`)."""
    templates_dir: Path
    fonts: FontSet
    templates: str
    cache_dir: Path


@dataclass(frozen=True)
class PdfDone:
    files: list[tuple[str, Path, float | None]]
    """(site path, cache file, compile seconds or None when reused), in the order of the task."""
    seconds: float
    """CPU seconds of the task."""


@dataclass(frozen=True)
class PartTask:
    stage_root: Path
    cache_root: Path
    key: str
    shard: str
    owned_docs: list[str]
    strict: bool
    engine: str


@dataclass(frozen=True)
class PartDone:
    part: Part
    seconds: float
    """CPU seconds of the task (its engine run)."""


def run_pdfs(task: PdfTask) -> PdfDone:
    start = time.process_time()
    task.cache_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for doc in task.docs:
        cached, seconds = compile_cached(doc, task.templates_dir, task.fonts, task.templates, task.cache_dir)
        files.append((doc.name, cached, seconds))
    return PdfDone(files, time.process_time() - start)


def run_part(task: PartTask) -> PartDone:
    """Build the shard into the part cache under ``task.key`` (or take it from there)."""
    from generator.engines.parts import read_part

    start = time.process_time()
    cache = FolderCache(task.cache_root)
    entry = cache.get(task.key)
    if entry is None:
        with cache.put(task.key) as tmp:
            build_part(task.stage_root, tmp, shard=task.shard, owned_docs=task.owned_docs,
                       strict=task.strict, engine=task.engine)
        entry = cache.get(task.key)
        assert entry is not None
    return PartDone(read_part(entry), time.process_time() - start)


@dataclass(frozen=True)
class _Failed:
    """A task's exception, carried back as a value: a :class:`GeneratorError` as itself (it
    pickles with its findings), anything else (a bug) as its type and message."""

    error: GeneratorError | None
    message: str = ""

    def exception(self) -> Exception:
        return self.error if self.error is not None else RuntimeError(self.message)


def _guarded(function: Callable[[Any], Any], task: Any) -> Any:
    try:
        return function(task)
    except GeneratorError as exc:
        return _Failed(exc)
    except Exception as exc:  # a bug: reported with its type, the build stops
        return _Failed(None, f"{type(exc).__name__}: {exc}")


def _init_worker(build_pid: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:  # die with the build (Linux): a killed build leaves no process behind
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != build_pid:  # the build died while this process was starting, before the line above
        os._exit(1)


def _warm_up(_: Any) -> int:
    """Load what the tasks need while the build reads the data."""
    import typst  # noqa: F401

    from generator.engines.mkdocs_runner import quiet_jieba

    quiet_jieba()
    try:
        import jieba

        jieba.initialize()
    except ImportError:
        pass
    import mkdocs.commands.build  # noqa: F401
    import material  # noqa: F401

    return os.getpid()


Done = Callable[[Any], None]


class Workers:
    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[Future[Any], Done] = {}
        self._pdfs: deque[tuple[PdfTask, Done]] = deque()
        self._pdf_running = 0
        if self.jobs > 1:
            self._pool = ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_init_worker, initargs=(os.getpid(),))
            for _ in range(self.jobs):
                self._running[self._pool.submit(_guarded, _warm_up, None)] = lambda _result: None

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_part(self, task: PartTask, done: Done) -> None:
        if self._pool is None:
            self._deliver(_guarded(run_part, task), done)
            return
        self._running[self._submit(run_part, task)] = done

    def add_pdfs(self, task: PdfTask, done: Done) -> None:
        if self._pool is None:
            self._deliver(_guarded(run_pdfs, task), done)
            return
        self._pdfs.append((task, done))
        self._feed()

    def _feed(self) -> None:
        assert self._pool is not None
        while self._pdfs and self._pdf_running < self.jobs + PENDING_PDF_BATCHES:
            task, done = self._pdfs.popleft()
            self._pdf_running += 1
            self._running[self._submit(run_pdfs, task)] = self._pdf_done(done)

    def _submit(self, function: Callable[[Any], Any], task: Any) -> Future[Any]:
        assert self._pool is not None
        try:
            return self._pool.submit(_guarded, function, task)
        except BrokenProcessPool:
            raise WorkerLost("工作进程意外退出（内存不足或被终止？），构建未完成") from None

    def _pdf_done(self, done: Done) -> Done:
        def finished(result: Any) -> None:
            self._pdf_running -= 1
            done(result)
        return finished

    @staticmethod
    def _deliver(result: Any, done: Done) -> None:
        if isinstance(result, _Failed):
            raise result.exception()
        done(result)

    def pump(self, timeout: float = 0) -> None:
        """Hand over finished results (waiting up to ``timeout`` seconds for one) and queued PDF batches."""
        if self._pool is None or not self._running:
            return
        finished, _ = wait(list(self._running), timeout=timeout, return_when=FIRST_COMPLETED)
        for future in finished:
            done = self._running.pop(future)
            try:
                result = future.result()
            except BrokenProcessPool:
                raise WorkerLost("工作进程意外退出（内存不足或被终止？），构建未完成") from None
            self._deliver(result, done)
        self._feed()

    def drain(self, tick: float = 0.5) -> None:
        """Wait until every task has finished (results handed over as they come)."""
        while self._running or self._pdfs:
            self.pump(timeout=tick)

    def close(self) -> None:
        """Stop the processes (a task still running is killed: its results are not wanted)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        busy = any(not f.done() for f in self._running)
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=not busy, cancel_futures=True)
        if busy:
            for process in processes:
                if process.is_alive():
                    process.kill()
            for process in processes:
                process.join(timeout=5)
        self._running.clear()
        self._pdfs.clear()
