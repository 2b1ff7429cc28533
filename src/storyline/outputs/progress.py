"""Progress of long work on a terminal: articles done, rate, ETA, on stderr (tqdm).

On a terminal (``stream.isatty()``) a bar is drawn and redrawn at most twice a second;
when the stream is piped or redirected nothing at all is written, so logs and pipes stay
clean. The API, for ``ingest``, ``analyze`` and ``watch``::

    with Progress("articles", total=None) as bar:   # total unknown: count and rate, no ETA
        for doc in docs:
            ...
            bar.advance()                            # one article done
            bar.failed(batch.failed)                 # shown beside the count
            bar.estimate(done_files, all_files)      # re-estimates the total (ETA) from files

    for doc in track(docs, "articles", total=n):     # the same, wrapping an iterable
        ...

    with pause():                                    # print a line without tearing a bar
        click.echo("storyline: error: ...", err=True)

``estimate(read, of)`` suits inputs whose article count is unknown until they are read
(a JSON Lines file holds many): the total becomes ``done / read * of``, exact when every
file is one article. :func:`pause` clears every bar on the stream, lets the caller write,
and redraws them.
"""

from __future__ import annotations

import io
import sys
from contextlib import contextmanager
from typing import IO, Iterable, Iterator, Optional, TypeVar

T = TypeVar("T")

REFRESH = 0.5
"""Seconds between redraws, at least."""


def on_terminal(stream: Optional[IO] = None) -> bool:
    """True when ``stream`` (default stderr) is a terminal: the only case a bar is drawn."""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _size(stream: IO) -> tuple[int, int]:
    """The terminal's columns and rows; 80 x 24 where it reports none (a new pseudo-terminal
    reports 0 x 0, on which tqdm would draw nothing)."""
    import os

    try:
        size = os.get_terminal_size(stream.fileno())
        return size.columns or 80, size.lines or 24
    except (AttributeError, ValueError, OSError, io.UnsupportedOperation):
        return 80, 24


class Progress:
    """A progress bar of ``label`` (e.g. "articles") on ``stream`` (default stderr),
    drawn only when the stream is a terminal (or ``enabled=True``)."""

    def __init__(self, label: str = "articles", total: Optional[int] = None, *,
                 stream: Optional[IO] = None, enabled: Optional[bool] = None):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = on_terminal(self.stream) if enabled is None else enabled
        self.done = 0
        self._failed = 0
        self._bar = None
        if self.enabled:
            from tqdm import tqdm

            columns, rows = _size(self.stream)
            self._bar = tqdm(
                total=total, unit=f" {label}", file=self.stream, mininterval=REFRESH,
                ncols=columns, nrows=rows, smoothing=0.1, leave=True,
            )

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def advance(self, n: int = 1) -> None:
        """``n`` more done."""
        self.done += n
        if self._bar is not None:
            self._bar.update(n)

    def failed(self, count: int) -> None:
        """How many have failed so far (shown after the bar)."""
        if count != self._failed:
            self._failed = count
            if self._bar is not None:
                self._bar.set_postfix_str(f"{count} failed", refresh=False)

    def set_total(self, total: Optional[int]) -> None:
        if self._bar is not None and total != self._bar.total:
            self._bar.total = total
            self._bar.refresh()

    def estimate(self, read: int, of: int) -> None:
        """Re-estimate the total from ``read`` of ``of`` input files read so far."""
        if of <= 0:
            return
        if read <= 0:
            self.set_total(max(of, self.done))
        else:
            self.set_total(max(self.done, round(self.done / min(read, of) * of)))

    def close(self) -> None:
        if self._bar is not None:
            if self._bar.total is not None and self._bar.total != self.done:
                self._bar.total = self.done  # the estimate ends as the count
            self._bar.close()
            self._bar = None


def track(items: Iterable[T], label: str = "articles", total: Optional[int] = None, *,
          stream: Optional[IO] = None, enabled: Optional[bool] = None) -> Iterator[T]:
    """``items``, unchanged, advancing a :class:`Progress` for each one."""
    with Progress(label, total, stream=stream, enabled=enabled) as bar:
        for item in items:
            yield item
            bar.advance()


@contextmanager
def pause(stream: Optional[IO] = None) -> Iterator[None]:
    """Write to ``stream`` (default stderr) without tearing a bar drawn there."""
    from tqdm import tqdm

    with tqdm.external_write_mode(file=stream if stream is not None else sys.stderr):
        yield
