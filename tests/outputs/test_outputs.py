"""The output formats, on documents built by hand (no spaCy parse): the registry the command
line reads its --format choices from, each renderer's text, and --out files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from storyline import outputs
from storyline.model import CitedSource, Document, Entity, Event, Evidence, Flag, Quote, Time

TEXT = "Officials in Apia said the ferry | service would resume on Monday. \u201cIt is safe,\u201d Tui said."


def _doc(source: str = "ferry.txt", **fields) -> Document:
    base = dict(
        id="f" * 64, source=source, headline="Ferry \u202eservice | resumes", outlet="Pacific Desk",
        published="2026-02-02", cited_sources=[CitedSource(outlet="RADIO", title="Ferry back")], text=TEXT,
        entities=[
            Entity(id="e1", name="Tui | Faleolo", type="PERSON", country="WSM", role="minister", mentions=[(74, 77), (80, 83)]),
            Entity(id="e2", name="Samoans", type="NORP", mentions=[(0, 3)]),
            Entity(id="e3", name="Apia", type="GPE", country="WSM", actor="WSM", mentions=[(13, 17)]),
        ],
        quotes=[Quote(speaker="e1", speaker_name="Tui | Faleolo", cue="said", text="It is safe,", span=(67, 78),
                      kind="direct", medium="radio", evidence=[Evidence(text="resume on Monday", span=(48, 64))])],
        events=[Event(code="030", root="03", plover="AGREE", target="WSM", trigger="said | it", date="2026-02-02",
                      sentence="Officials in Apia said ...", span=(0, 66))],
        times=[Time(id="t1", text="Monday", value="2026-02-02", type="DATE", span=(58, 64), mod="START")],
        flags=[Flag(type="unattributed", message="no source\x07 named")],
    )
    base.update(fields)
    return Document(**base)


# --------------------------------------------------------------------------------------
# The registry


def test_the_formats_of_each_kind_in_order():
    assert outputs.names("documents") == ("json", "jsonl", "md")
    assert outputs.names("briefing") == ("html", "md")
    assert outputs.names("results") == ("table", "json", "csv")
    assert outputs.names("counts") == ("text", "json")
    assert outputs.get("jsonl").streams and outputs.get("md").streams and not outputs.get("json").streams


def test_the_command_line_offers_the_registered_formats():
    from storyline.cli import analyze, query, report, stats

    for command, kind in ((analyze, "documents"), (query, "results"), (stats, "counts"), (report, "briefing")):
        [fmt] = [p for p in command.params if p.name == "fmt"]
        assert tuple(fmt.type.choices) == outputs.names(kind)


def test_unknown_formats_and_kinds_are_clear_errors():
    with pytest.raises(KeyError, match="known: json, jsonl, md"):
        outputs.get("yaml")
    with pytest.raises(ValueError, match="already registered"):
        outputs.register("json", lambda docs: "", kind="documents")
    with pytest.raises(ValueError, match="unknown kind"):
        outputs.register("xml", lambda docs: "", kind="pictures")


# --------------------------------------------------------------------------------------
# Documents


def test_json_is_one_object_or_one_array_written_at_the_end():
    one, two = _doc(), _doc("other.txt")
    out = outputs.Output(outputs.get("json"))
    assert out.add(one) == "" and out.add(two) == ""
    array = json.loads(out.end())
    assert [Document.model_validate(d) for d in array] == [one, two]
    assert Document.model_validate_json(outputs.render_all("json", [one])) == one
    assert outputs.Output(outputs.get("json")).end() == ""


def test_jsonl_writes_each_record_as_it_comes():
    docs = [_doc(), _doc("other.txt")]
    out = outputs.Output(outputs.get("jsonl"))
    lines = [out.add(d) for d in docs]
    assert all(line.endswith("\n") and line.count("\n") == 1 for line in lines)
    assert [Document.model_validate_json(line) for line in lines] == docs
    assert out.end() == ""


def test_markdown_digest_sections():
    doc = _doc()
    md = outputs.to_markdown(doc)
    lines = md.splitlines()
    assert lines[0] == "# Ferry service \\| resumes"  # bidi override dropped, pipe escaped
    assert "- **Outlet:** Pacific Desk" in lines and "- **Cites:** RADIO – Ferry back" in lines
    assert lines[lines.index("## Checks") + 2] == "- **unattributed**: no source named"
    actors = [line for line in lines if line.startswith("| e")]
    assert actors == ["| e1 | Tui \\| Faleolo | PERSON | WSM |  | minister | 2 |", "| e3 | Apia | GPE | WSM | WSM |  | 1 |"]
    # the speaker with the role the entity carries, the medium, one pair of marks, no "reporting"
    quote = lines.index("- **Tui \\| Faleolo**, minister, said on radio: “It is safe”")
    assert lines[quote + 1] == "  - evidence: resume on Monday"
    assert "reporting" not in md
    # the event: actors in words with their codes, the CAMEO name from cameo_plover.tsv, the sentence
    event = lines.index("- **(no source actor) → Samoa (WSM) · 030 Express intent to cooperate · reported**")
    assert lines[event + 1] == "  - sentence: Officials in Apia said ..."
    assert lines[event + 2] == "  - when: 2 February 2026 (2026-02-02)"
    assert lines[-1] == "- Monday → the start of 2 February 2026 (2026-02-02, START)"


def test_markdown_digest_marks_analysis_and_statuses_once():
    doc = _doc(quotes=[
        Quote(speaker_type="analysts", speaker_name="Analysts", cue="say", text="the route may close again",
              span=(0, 5), kind="indirect", status="hedged", section="analysis"),
        Quote(speaker_name="the ministry", cue="according to", text="the ferry is safe", span=(0, 5), kind="indirect"),
    ])
    lines = outputs.to_markdown(doc).splitlines()
    assert "- **Analysts** (unnamed) say the route may close again — *hedged*, *analysis/commentary*" in lines
    assert "- According to **the ministry**, the ferry is safe" in lines
    assert [line for line in lines if line.startswith("Everything not marked")] == [
        "Everything not marked analysis/commentary is from the news report itself."]
    assert "Status: *hedged*: the source hedges (may, could, expected to)." in lines


def test_markdown_always_has_a_checks_section():
    bare = Document(source="x.txt", text="Nothing happened.")
    assert outputs.to_markdown(bare) == (
        "# (no headline)\n\n- **Source:** x.txt\n- **Published:** no publication date found\n\n## Checks\n\n- no flags\n")
    assert outputs.render_all("md", [bare, bare]) == 2 * (outputs.to_markdown(bare) + "\n")


def test_markdown_escapes_article_text():
    doc = _doc(headline="<b>*Big*</b> [news](javascript:x)", flags=[])
    assert outputs.to_markdown(doc).splitlines()[0] == "# \\<b\\>\\*Big\\*\\</b\\> \\[news\\](javascript:x)"


def test_out_dir_names_each_record_after_its_file(tmp_path):
    out = outputs.OutDir(tmp_path / "records")
    written = [out.write(_doc(s)) for s in ("a/talks.txt", "b/talks.txt", "feed.jsonl:3", ":7")]
    assert [p.name for p in written] == ["talks.json", "talks-2.json", "feed.json", "document.json"]
    assert Document.model_validate_json(written[0].read_text("utf-8")) == _doc("a/talks.txt")


def test_safe_keeps_line_breaks_and_drops_control_characters():
    assert outputs.safe("a\x1b[31mb\u2066c\nd\te") == "a[31mbc\nd\te"
    assert outputs.safe(None) == ""


# --------------------------------------------------------------------------------------
# Query results and counts

COLUMNS = ["name", "published", "note"]
ROWS = [("Tui", dt.date(2026, 2, 2), None), ("x" * 70, dt.date(2026, 2, 3), "a\x07b")]


def test_results_table_aligns_and_cuts_columns():
    lines = outputs.get("table", "results").render(COLUMNS, ROWS).splitlines()
    assert lines[0].split() == COLUMNS
    assert lines[1] == "-" * 60 + "  " + "-" * 10 + "  " + "-" * 4
    assert lines[2].startswith("Tui" + " " * 57 + "  2026-02-02")
    assert lines[3] == "x" * 60 + "  2026-02-03  ab  "
    assert len(lines) == 4


def test_results_json_and_csv():
    as_json = json.loads(outputs.get("json", "results").render(COLUMNS, ROWS))
    assert as_json[0] == {"name": "Tui", "published": "2026-02-02", "note": None}
    rows = list(csv.reader(io.StringIO(outputs.get("csv", "results").render(COLUMNS, ROWS))))
    assert rows[0] == COLUMNS and rows[1] == ["Tui", "2026-02-02", ""]


def test_counts_text_and_json():
    counts = {"documents": 2, "entities": 10}
    assert outputs.get("text", "counts").render(counts) == "documents  2\nentities   10\n"
    assert json.loads(outputs.get("json", "counts").render(counts)) == counts
