"""Worker-process plumbing shared by the OCR pool and the analysis pool.

A worker whose parent is killed (``kill -9``, the OOM killer) would otherwise wait forever on its task queue: a
forked worker inherits the pipes' other ends, so it never sees end-of-file. ``die_with_parent`` asks Linux to send
the worker SIGKILL when the parent goes (``prctl(PR_SET_PDEATHSIG)``); elsewhere it does nothing.
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

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
