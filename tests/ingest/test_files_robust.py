"""Only regular files are read, within the size limit enforced while reading; symbolic
link loops are reported, not passed over in silence."""

from __future__ import annotations

import logging
import os

import pytest

from storyline.ingest import IngestError, iter_paths, read_path
from storyline.ingest.tables import limits


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "feed.txt"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_being_opened(fifo, tmp_path, write, article):
    # opening a FIFO with no writer would block for ever; it must be refused before that
    good = write(tmp_path, "good.txt", article)
    results = list(iter_paths([fifo, good]))
    assert [name for name, _ in results] == [str(fifo), str(good)]
    err = results[0][1]
    assert isinstance(err, IngestError) and "not a regular file (a FIFO)" in str(err)
    assert results[1][1][0].headline.startswith("Port Workers")


def test_a_character_device_is_refused():
    with pytest.raises(IngestError, match=r"^/dev/zero: not a regular file \(a character device\)"):
        read_path("/dev/zero")


def test_the_size_limit_holds_while_reading_a_file_whose_stat_says_zero(monkeypatch):
    # /proc files are regular files whose stat gives size 0: only the read can bound them
    assert os.stat("/proc/self/maps").st_size == 0
    monkeypatch.setitem(limits(), "max_file_bytes", 64)
    with pytest.raises(IngestError, match=r"file too large \(over the limit"):
        read_path("/proc/self/maps")


def test_a_file_over_the_limit_is_refused_by_size(tmp_path, write, monkeypatch):
    monkeypatch.setitem(limits(), "max_file_bytes", 100)
    big = write(tmp_path, "big.txt", "Headline\n\n" + "The minister spoke. " * 20)
    with pytest.raises(IngestError, match=r"big\.txt: file too large \(0\.0 MB; the limit is 0 MB\)"):
        read_path(big)


def test_a_gzip_bomb_stops_at_the_limit(tmp_path, write, monkeypatch):
    import gzip

    monkeypatch.setitem(limits(), "max_file_bytes", 10_000)
    bomb = write(tmp_path, "bomb.txt.gz", gzip.compress(b"A" * 5_000_000))
    with pytest.raises(IngestError, match="too large once decompressed"):
        read_path(bomb)


def test_a_symlink_loop_named_is_reported(tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    with pytest.raises(IngestError, match=r"a\.txt: symbolic link loop$"):
        read_path(tmp_path / "a.txt")


def test_a_broken_symlink_is_named_as_such(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    with pytest.raises(IngestError, match=r"gone\.txt: broken symbolic link"):
        read_path(tmp_path / "gone.txt")
    with pytest.raises(IngestError, match=r"missing\.txt: no such file$"):
        read_path(tmp_path / "missing.txt")


def test_links_met_in_a_directory_get_a_note(tmp_path, write, article, caplog):
    d = tmp_path / "in"
    write(d, "story.txt", article)
    (d / "self").symlink_to(d)  # a directory loop
    (d / "x.txt").symlink_to(d / "y.txt")
    (d / "y.txt").symlink_to(d / "x.txt")  # a file loop
    (d / "linked.txt").symlink_to(d / "story.txt")  # a link to a file is followed
    os.mkfifo(d / "pipe.txt")
    with caplog.at_level(logging.WARNING, logger="storyline"):
        results = list(iter_paths([d]))
    assert sorted(name for name, _ in results) == [str(d / "linked.txt"), str(d / "story.txt")]
    notes = " | ".join(r.getMessage() for r in caplog.records)
    assert f"{d / 'self'}: symbolic link loop, skipped" in notes
    assert f"{d / 'x.txt'}: symbolic link loop, skipped" in notes
    assert f"{d / 'pipe.txt'}: not a regular file (a FIFO)" in notes
