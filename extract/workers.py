"""Worker-process plumbing shared by the OCR pool and the analysis pool.

``submit_or_run`` gives both pools one calling convention: a task runs in a worker process, or (no workers) right
here, and either way its result or its exception comes back through a ``Future``.

A worker whose parent is killed (``kill -9``, the OOM killer) would otherwise wait forever on its task queue: a
forked worker inherits the pipes' other ends, so it never sees end-of-file. ``die_with_parent`` asks Linux to send
the worker SIGKILL when the parent goes (``prctl(PR_SET_PDEATHSIG)``); elsewhere it does nothing.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from extract.errors import EcoauditError

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """Call first thing in a worker: it is killed when ``parent_pid`` exits (Linux), and exits now if that already
    happened between the fork and this call."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return  # refused (seccomp): the worker still ends when its queue breaks on a clean shutdown
    if os.getppid() != parent_pid:
        os._exit(1)


def submit_or_run(executor: ProcessPoolExecutor | None, in_process: bool, fn: Callable[..., Any], *args: Any,
                  closed: str) -> Future:
    """``fn(*args)`` in ``executor``, or in this process when ``in_process`` (then the future is already done, an
    exception delivered through it exactly like a worker's). ``closed`` is the error when the pool is not open."""
    if in_process:
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future
    if executor is None:
        raise EcoauditError(closed)
    return executor.submit(fn, *args)


def _start_worker(parent_pid: int, init: Callable[[Any], None], arg: Any) -> None:
    die_with_parent(parent_pid)
    init(arg)


def worker_executor(workers: int, method: str, init: Callable[[Any], None], arg: Any) -> ProcessPoolExecutor:
    """``workers`` processes started with ``method`` ("spawn"/"fork"), each running ``init(arg)`` once after
    tying its life to this process."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                               initializer=_start_worker, initargs=(os.getpid(), init, arg))


def stop_executor(executor: ProcessPoolExecutor | None, abort: bool = False) -> None:
    """Shut a pool down: queued tasks are cancelled, running ones finish. ``abort`` (the user pressed Ctrl-C) stops
    the workers at once: a shutdown interrupted half-way can leave a worker waiting for a stop message that never
    comes, and the interpreter would then wait for it forever on exit."""
    if executor is None:
        return
    if abort:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            process.terminate()  # ProcessPoolExecutor has no public way to stop its workers before Python 3.14
    executor.shutdown(wait=True, cancel_futures=True)


def interrupted(exc_type: object) -> bool:
    """Whether a pool's ``__exit__`` runs because the run was interrupted (Ctrl-C, SystemExit)."""
    return isinstance(exc_type, type) and issubclass(exc_type, (KeyboardInterrupt, SystemExit))


class WorkerPool:
    """What the OCR pool and the analysis pool share: ``workers`` processes (0 = tasks run in this process), each
    task called with the pool's ``arg`` first; a context manager that stops its workers at once when interrupted."""

    closed_message = "进程池尚未启动或已关闭 / pool used outside its `with` block"

    def __init__(self, arg: Any, workers: int) -> None:
        self.arg = arg
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def start(self, method: str, init: Callable[[Any], None]) -> None:
        if self.workers > 0:
            self._executor = worker_executor(self.workers, method, init, self.arg)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(abort=interrupted(exc_type))

    def close(self, abort: bool = False) -> None:
        stop_executor(self._executor, abort)
        self._executor = None

    def _call(self, fn: Callable[..., Any], *args: Any) -> Future:
        return submit_or_run(self._executor, self.workers == 0, fn, self.arg, *args, closed=self.closed_message)
