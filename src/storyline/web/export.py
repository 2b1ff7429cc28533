"""Lists as CSV (the outputs' ``csv`` results format) or Parquet (pyarrow)."""

from __future__ import annotations

import io
import json
from typing import Any, Sequence

from storyline import outputs

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""A CSV cell starting so is read as a formula by spreadsheets: it is prefixed with ``'``."""


def _cell(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    cells = [[_cell(v) for v in row] for row in rows]
    return outputs.get("csv", "results").render(list(columns), cells).encode("utf-8")


def to_parquet(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {c: [json.dumps(r[i]) if isinstance(r[i], (list, dict)) else r[i] for r in rows]
            for i, c in enumerate(columns)}
    buf = io.BytesIO()
    pq.write_table(pa.table(data) if rows else pa.table({c: pa.array([], pa.string()) for c in columns}), buf)
    return buf.getvalue()
