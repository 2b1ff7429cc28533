"""Shared fixtures: the real spaCy pipeline, loaded once per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from storyline.pipeline import nlp as _nlp

    return _nlp.load()


@pytest.fixture(scope="session")
def analyze():
    """storyline.analyze_text, with the model already warm."""
    import storyline

    return storyline.analyze_text


def _pg_bin(name: str) -> str | None:
    import glob
    import shutil

    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server on a free loopback port, for the session; stopped afterwards.

    Started with the machine's own initdb/pg_ctl (``.ci/run`` installs PostgreSQL). As root,
    the server runs as the ``postgres`` system user, since PostgreSQL refuses to run as root.
    """
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are not installed (.ci/run should install them)")
        pytest.skip("PostgreSQL server binaries are not installed")
    datadir = tempfile.mkdtemp(prefix="storyline-pg-")
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(datadir, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, text=True, timeout=120)
    run(initdb, "-D", f"{datadir}/data", "-A", "trust", "-U", "storyline", "--no-sync", "-E", "UTF8")
    opts = f"-p {port} -k {datadir} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(pg_ctl, "-D", f"{datadir}/data", "-o", opts, "-l", f"{datadir}/log", "-w", "-t", "60", "start")
    try:
        yield f"postgresql://storyline@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, pg_ctl, "-D", f"{datadir}/data", "-m", "immediate", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(datadir, ignore_errors=True)


@pytest.fixture()
def pg(postgres_url):
    """A fresh database on the session's PostgreSQL server."""
    import uuid

    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres_url, autocommit=True) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    return postgres_url.rsplit("/", 1)[0] + "/" + name
