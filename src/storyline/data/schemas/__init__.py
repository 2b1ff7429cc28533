"""One schema per shipped data file: pydantic models with ``extra="forbid"``.

:data:`SCHEMAS` maps each file name to the model its content must satisfy;
:func:`storyline.data.load` checks a file against it when the file is first read. A file
with no entry here cannot be loaded. Each schema lives in a module named for its file.
"""

from __future__ import annotations

from pydantic import BaseModel

from storyline.data.schemas import lexicon
from storyline.data.schemas.base import Pending

SCHEMAS: dict[str, type[BaseModel]] = {
    "actors.toml": lexicon.ActorsFile,
    "people.toml": lexicon.PeopleFile,
    "names.toml": lexicon.NamesFile,
    # each of these gets a schema of its own in the layout move (issue 9)
    "attribution.toml": Pending,
    "sections.toml": Pending,
    "cameo_patterns.toml": Pending,
    "cameo_plover.tsv": Pending,
    "layout.toml": Pending,
    "dates.toml": Pending,
    "time_rules.toml": Pending,
}
