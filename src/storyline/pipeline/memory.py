"""Give the memory a run has freed back to the system.

A long run parses documents of every size; the C allocator (glibc's ``malloc``) keeps the
pages of the largest parse for later, so a process's resident memory climbs with the
largest documents it has seen and stays there, although Python and spaCy have freed it.
``release()`` asks the allocator to return its free pages (``malloc_trim(0)``, about a
millisecond); :func:`storyline.pipeline.run.analyze` calls it every :data:`EVERY`
documents and a worker after every chunk. Where the C library is not glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

EVERY = 32
"""Documents between two releases in one process."""


@cache
def _trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None


def release() -> bool:
    """Return freed heap pages to the system; True when the allocator could be asked."""
    trim = _trim()
    if trim is None:
        return False
    trim(0)
    return True
