"""One schema per shipped data file: pydantic models with ``extra="forbid"``.

:data:`SCHEMAS` maps each file name to the model its content must satisfy;
:func:`storyline.data.load` checks a file against it when the file is first read. A file
with no entry here cannot be loaded. Each schema lives in a module named for its file.
"""

from __future__ import annotations

from pydantic import BaseModel

from storyline.data.schemas import attribution, coref, events, labels, layout, lexicon, times, wires

SCHEMAS: dict[str, type[BaseModel]] = {
    "actors.toml": lexicon.ActorsFile,
    "people.toml": lexicon.PeopleFile,
    "names.toml": lexicon.NamesFile,
    "attribution.toml": attribution.AttributionFile,
    "sections.toml": attribution.SectionsFile,
    "quotation_marks.toml": attribution.QuotationMarksFile,
    "cameo_patterns.toml": events.CameoPatternsFile,
    "cameo_plover.tsv": events.CameoPloverRow,  # a table: the schema of one row
    "layout.toml": layout.LayoutFile,
    "dates.toml": layout.DatesFile,
    "time_rules.toml": times.TimeRulesFile,
    "tense.toml": times.TenseFile,
    "checks.toml": times.ChecksFile,
    "event_words.toml": events.EventWordsFile,
    "pronouns.toml": coref.PronounsFile,
    "wires.toml": wires.WiresFile,
    "labels.toml": labels.LabelsFile,
}
