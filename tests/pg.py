"""A real PostgreSQL for the tests, started in a temporary directory from Debian's postgresql package (no system
service, nothing installed by hand): pytest-postgresql's executor runs pg_ctl (initdb, start, stop) and its
janitor makes and drops a database per test.

PostgreSQL refuses to run as root, and the tests run as root on the CI machines: there the executor is handed a
two-line pg_ctl wrapper that runs the real one as Debian's `postgres` user, and the temporary directory belongs
to that user."""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from port_for import get_port
from pytest_postgresql.executors import PostgreSQLExecutor
from pytest_postgresql.janitor import DatabaseJanitor

USER = "postgres"


def pg_ctl() -> str | None:
    """Debian's pg_ctl of the newest installed major version, or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return found[-1] if found else shutil.which("pg_ctl")


@contextmanager
def server() -> Iterator[PostgreSQLExecutor]:
    """A PostgreSQL server on a free loopback port until the block ends; its directory is removed after."""
    real = pg_ctl()
    if real is None:
        raise RuntimeError("PostgreSQL is not installed: `make setup` installs Debian's postgresql package")
    base = Path(tempfile.mkdtemp(prefix="verify-pg-"))
    executable = real
    if os.geteuid() == 0:
        import pwd

        account = pwd.getpwnam("postgres")
        os.chown(base, account.pw_uid, account.pw_gid)
        executable = str(base / "pg_ctl")
        Path(executable).write_text(f'#!/bin/sh\nexec runuser -u postgres -- "{real}" "$@"\n')
        os.chmod(executable, 0o755)
    port = get_port(None)
    executor = PostgreSQLExecutor(executable=executable, host="127.0.0.1", port=port, datadir=str(base / "data"),
                                  unixsocketdir=str(base), logfile=str(base / "postgresql.log"), startparams="-w",
                                  dbname="postgres", user=USER, timeout=60,
                                  postgres_options="-c fsync=off -c full_page_writes=off")
    try:
        executor.start()
        yield executor
    finally:
        try:
            executor.stop()
        finally:
            shutil.rmtree(base, ignore_errors=True)


@contextmanager
def database(executor: PostgreSQLExecutor) -> Iterator[str]:
    """A new empty database on the server, dropped after the block; its postgresql:// URL."""
    name = "t_" + uuid.uuid4().hex[:12]
    with DatabaseJanitor(user=USER, host=executor.host, port=executor.port, dbname=name):
        yield f"postgresql://{USER}@{executor.host}:{executor.port}/{name}"
