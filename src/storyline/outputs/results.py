"""Query results (``storyline query``: an aligned table, JSON, CSV) and the store's counts
(``storyline stats``: text, JSON)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

from storyline.outputs.registry import register
from storyline.outputs.text import safe

MAX_WIDTH = 60
"""The widest a column of the table gets; longer values are cut."""


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns padded to their widest value (at most :data:`MAX_WIDTH`), under a rule."""
    cells = [[safe(str(v)) if v is not None else "" for v in r] for r in rows]
    widths = [min(MAX_WIDTH, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)), "  ".join("-" * w for w in widths)]
    lines.extend("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)) for r in cells)
    return "".join(line + "\n" for line in lines)


def results_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """One JSON object per row; values JSON cannot hold (dates, ...) as text."""
    return json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False, indent=2) + "\n"


def results_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    w.writerows(rows)
    return buf.getvalue()


def counts_text(counts: dict[str, int]) -> str:
    return "".join(f"{k:10} {v}\n" for k, v in counts.items())


def counts_json(counts: dict[str, int]) -> str:
    return json.dumps(counts) + "\n"


register("table", table, kind="results", help="aligned columns")
register("json", results_json, kind="results", help="a JSON array of objects")
register("csv", results_csv, kind="results", help="CSV with a header row")
register("text", counts_text, kind="counts", help="one line per table")
register("json", counts_json, kind="counts", help="one JSON object")
