"""The audit of one record: does every span point at the words it claims to?

:func:`span_problems` lists, one line each, every span of an analysed document that does
not check out: ``text[start:end]`` must equal the item's text for every quote (in the field
it names), time and event trigger, an event's sentence must be the text around its span,
and every entity mention must be non-empty
and without surrounding white space; every other span must lie inside its text. The
record must also serialise (``model_dump_json``). The property-based tests and the fuzz
command (``scripts/fuzz.py``) hold every record to it.
"""

from __future__ import annotations

from typing import Optional

from storyline.model import Document


def _inside(span, length: int) -> bool:
    return 0 <= span[0] <= span[1] <= length


def _equal(problems: list[str], what: str, text: str, span, expected: Optional[str]) -> None:
    if not _inside(span, len(text)):
        problems.append(f"{what}: span {tuple(span)} outside the text ({len(text)} characters)")
    elif expected is not None and text[span[0] : span[1]] != expected:
        problems.append(f"{what}: text[{span[0]}:{span[1]}] is {text[span[0]:span[1]]!r}, not {expected!r}")


def _bounds(problems: list[str], what: str, text: str, span) -> None:
    if span is not None and not _inside(span, len(text)):
        problems.append(f"{what}: span {tuple(span)} outside the text ({len(text)} characters)")


def _quotes(doc: Document, problems: list[str]) -> None:
    for i, q in enumerate(doc.quotes):
        field = doc.text if q.field == "text" else (doc.headline or "")
        _equal(problems, f"quotes[{i}]", field, q.span, q.text)
        for name in ("speaker_span", "cue_span", "medium_span"):
            _bounds(problems, f"quotes[{i}].{name}", field, getattr(q, name))
        for j, ev in enumerate(q.evidence):
            _bounds(problems, f"quotes[{i}].evidence[{j}]", field, ev.span)


def _events(doc: Document, problems: list[str]) -> None:
    text = doc.text
    for i, e in enumerate(doc.events):
        _bounds(problems, f"events[{i}]", text, e.span)
        # the event's clause lies in its sentence, which is in the text around it
        at = text.find(e.sentence, max(0, e.span[1] - len(e.sentence))) if e.sentence else -1
        if not (0 <= at <= e.span[0] and e.span[1] <= at + len(e.sentence)):
            problems.append(f"events[{i}].sentence {e.sentence[:60]!r} is not the text around its span {tuple(e.span)}")
        if e.trigger_span is not None:
            _equal(problems, f"events[{i}].trigger", text, e.trigger_span, e.trigger)
        for name in ("source_span", "target_span"):
            _bounds(problems, f"events[{i}].{name}", text, getattr(e, name))
        if e.location is not None:
            _bounds(problems, f"events[{i}].location", text, e.location.span)


def span_problems(doc: Document) -> list[str]:
    """Every span of ``doc`` that does not check out, and a record that does not serialise."""
    problems: list[str] = []
    text = doc.text
    try:
        doc.model_dump_json()
    except Exception as exc:  # the very thing audited: report it, do not raise
        problems.append(f"record does not serialise ({type(exc).__name__}: {exc})")
    if doc.dateline_span is not None:
        _bounds(problems, "dateline_span", text, doc.dateline_span)
    for i, s in enumerate(doc.sections):
        _bounds(problems, f"sections[{i}]", text, s.span)
    for ent in doc.entities:
        for span in ent.mentions:
            _equal(problems, f"entity {ent.id} mention", text, span, None)
            mention = text[span[0] : span[1]] if _inside(span, len(text)) else ""
            if _inside(span, len(text)) and (not mention or mention != mention.strip()):
                problems.append(f"entity {ent.id} mention {tuple(span)} is {mention!r}: empty or not stripped")
    for t in doc.times:
        _equal(problems, f"time {t.id}", text, t.span, t.text)
    _quotes(doc, problems)
    _events(doc, problems)
    for i, f in enumerate(doc.flags):
        for span in f.spans:
            _bounds(problems, f"flags[{i}] ({f.type})", text, span)
    return problems
