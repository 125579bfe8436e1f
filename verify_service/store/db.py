"""The store's database: an SQLAlchemy engine on SQLite (the embedded default, VERIFY_STORE_PATH) or PostgreSQL
(VERIFY_STORE_URL, shared by several service instances), transactions that are safe between processes on both,
and the Alembic migrations that bring any earlier store to the current schema at start-up.

SQLite: every connection uses write-ahead logging and foreign keys; a write transaction starts with BEGIN
IMMEDIATE, so it holds the write lock from its first statement and two processes never both read a row free and
then both take it (a deferred transaction that reads, then writes, fails with "database is locked" in WAL mode
instead of waiting). PostgreSQL: READ COMMITTED with row locks (`FOR UPDATE SKIP LOCKED` where workers take
rows), and an advisory lock around migrations."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x7665726966790015  # pg_advisory_xact_lock key: one migration at a time across instances


def sqlalchemy_url(url: str) -> str:
    """postgresql://... as SQLAlchemy names the psycopg 3 driver (postgresql+psycopg://...)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def describe(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def sqlite_engine(path: Path) -> Engine:
    """An engine on an SQLite file, made 0600 before SQLite opens it (its -wal and -shm files take the same mode):
    it holds the encrypted cases, their owners and the review decisions, for the service's user alone."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # a store an older version made 0644
    # NullPool: a connection per transaction, as the store always did; SQLite connections are cheap and never
    # shared between threads or carried over a fork.
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # the driver's own BEGIN is off: _begin below says which
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("verify_write") else "BEGIN")

    return engine


def postgresql_engine(url: str) -> Engine:
    """An engine on PostgreSQL (a small pool per process; connections are checked before use)."""
    return create_engine(sqlalchemy_url(url), pool_pre_ping=True, pool_size=5, max_overflow=5)


def is_url(location: str | Path) -> bool:
    """Whether a store location is a PostgreSQL URL (else an SQLite file)."""
    return isinstance(location, str) and location.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def open_engine(location: str | Path) -> Engine:
    """The engine of a store location: a PostgreSQL URL or an SQLite file."""
    return postgresql_engine(str(location)) if is_url(location) else sqlite_engine(Path(location))


_AFTER_COMMIT = "verify_after_commit"


def after_commit(conn: Connection, action: Callable[[], None]) -> None:
    """Run `action` once the write transaction of `conn` (from writing()) has committed; never if it rolls back
    (what it reports, such as the audit chain's new head, then never existed)."""
    conn.info.setdefault(_AFTER_COMMIT, []).append(action)


@contextlib.contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """A write transaction (BEGIN IMMEDIATE on SQLite), committed when the block ends without an error; then the
    actions registered with after_commit() run."""
    with engine.connect() as conn:
        conn.execution_options(verify_write=True)
        conn.info.pop(_AFTER_COMMIT, None)  # a pooled connection's info outlives a transaction that failed
        try:
            with conn.begin():
                yield conn
        except BaseException:
            conn.info.pop(_AFTER_COMMIT, None)
            raise
        actions = conn.info.pop(_AFTER_COMMIT, [])
    for action in actions:
        action()


@contextlib.contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A read transaction."""
    with engine.connect() as conn, conn.begin():
        yield conn


def migrate(engine: Engine) -> None:
    """Bring the store to the current schema (Alembic, in one transaction). Instances starting together take turns:
    the write lock on SQLite, an advisory lock on PostgreSQL; the later ones find nothing left to do."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
