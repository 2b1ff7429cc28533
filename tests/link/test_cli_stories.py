"""``storyline ingest`` links what it stored; ``storyline stories`` lists the stories in the
contract's JSON shape, shows one with ``--story``, and ``storyline link --rebuild`` gives
the same stories. Real articles of our own, the real pipeline."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyline.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def _files(tmp_path, texts):
    folder = tmp_path / "in"
    folder.mkdir()
    bodies = {"wire.txt": "Ferry capsizes off Ilha Verde\n\n" + texts.wire,
              "copy.txt": "Overloaded ferry sinks in heavy seas\n\n" + texts.wire_copy(texts.wire),
              "other.txt": "Ferry death toll rises to 19\n\n" + texts.other,
              "bank.txt": "Central bank holds rates\n\n" + texts.budget}
    for name, body in bodies.items():
        (folder / name).write_text(body, encoding="utf-8")
    return folder


def test_ingest_links_and_stories_prints_the_contract(tmp_path, texts):
    folder, db = _files(tmp_path, texts), str(tmp_path / "s.duckdb")
    res = run("ingest", str(folder / "wire.txt"), str(folder / "other.txt"), str(folder / "bank.txt"), "--db", db)
    assert res.exit_code == 0, res.output
    assert "linked: 3 placed" in res.output
    res = run("ingest", str(folder / "copy.txt"), "--db", db)  # incremental: the copy joins the wire story
    assert res.exit_code == 0 and "linked: 1 placed" in res.output, res.output
    res = run("stories", "--db", db)
    assert res.exit_code == 0, res.output
    stories = json.loads(res.stdout)
    assert all(list(s) == ["id", "articles", "headline", "outlets", "first_seen", "copies"] for s in stories)
    by_size = sorted(stories, key=lambda s: len(s["articles"]))
    assert [len(s["articles"]) for s in by_size] == [1, 3]
    ferry = by_size[1]
    names = [a.rsplit("/", 1)[1] for a in ferry["articles"]]
    assert set(names) == {"wire.txt", "copy.txt", "other.txt"}
    assert [[a.rsplit("/", 1)[1] for a in g] for g in ferry["copies"]] == [["wire.txt", "copy.txt"]]
    assert by_size[0]["articles"][0].endswith("bank.txt") and by_size[0]["copies"] == []

    one = run("stories", "--db", db, "--story", ferry["id"], "--format", "md")
    assert one.exit_code == 0, one.output
    assert one.stdout.count("copy.txt") == 1 and "wire.txt (" in one.stdout  # the copy row names its original
    assert run("link", "--db", db, "--rebuild").exit_code == 0
    assert json.loads(run("stories", "--db", db).stdout) == stories


def test_no_link_and_an_unknown_story(tmp_path, texts):
    folder, db = _files(tmp_path, texts), str(tmp_path / "s.duckdb")
    res = run("ingest", str(folder / "bank.txt"), "--db", db, "--no-link")
    assert res.exit_code == 0 and "linked" not in res.output
    assert json.loads(run("stories", "--db", db).stdout) == []
    res = run("stories", "--db", db, "--story", "s000000000000")
    assert res.exit_code == 1 and res.output.strip().startswith("storyline: error: no story")
    assert "1 placed" in run("link", "--db", db).output
