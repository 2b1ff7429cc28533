"""A time limit on one page's extraction, so that a runaway parse skips the page instead of
stalling the batch."""

from __future__ import annotations

import contextlib
import signal
import threading

from storyline.ingest.errors import IngestError


class _Timeout(BaseException):
    """Raised by the alarm; a BaseException so that no library's ``except Exception`` eats it."""


@contextlib.contextmanager
def time_limit(seconds: float, source: str):
    """Stop the block after ``seconds`` (POSIX main thread only; elsewhere no limit)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Timeout:
        raise IngestError(source, f"HTML extraction took longer than {seconds:g} s; page skipped") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
