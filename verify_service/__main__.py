"""Command line: `python -m verify_service serve|models|reviewer|store|audit|batch ...`."""

from __future__ import annotations

import argparse
import logging
import sys

from verify_service.config import Settings
from verify_service.errors import VerifyError


def _serve(args: argparse.Namespace) -> int:
    """Serve HTTP: gunicorn workers each running waitress (requests buffered before dispatch) by default,
    Flask's own server with --dev."""
    from verify_service import logs
    from verify_service.serve import serve

    overrides = {k: v for k, v in (("host", args.host), ("port", args.port), ("workers", args.workers),
                                   ("worker_threads", args.threads)) if v is not None}
    settings = Settings.load(overrides)
    logs.setup(settings.log_json)
    serve(settings, overrides, dev=args.dev)
    return 0


def _models(args: argparse.Namespace) -> int:
    """Pull and verify model files, or list the manifest."""
    from verify_service.runtime.manifest import Manifest, verified_path
    from verify_service.runtime.registry import pull_all

    settings = Settings.load()
    if args.action == "pull":
        for entry, source in pull_all(settings):
            print(f"ok  {entry.file:42s} {entry.sha256[:12]}  from {source}")
        return 0
    manifest = Manifest.load(settings.manifest)
    failed = 0
    for entry in manifest.models.values():
        try:
            verified_path(entry, settings.model_dir)
            state = "ok"
        except VerifyError as exc:
            state, failed = f"MISSING/BAD: {exc.message}", failed + 1
        if args.action == "verify" or state != "ok":
            print(f"{entry.file:42s} {state}")
        else:
            print(f"{entry.name:22s} {entry.file:42s} {entry.licence}")
    return 1 if failed else 0


def _reviewer(args: argparse.Namespace) -> int:
    """username:hash for the reviewers file; the password comes from the terminal or stdin, never argv."""
    import getpass

    from werkzeug.security import generate_password_hash

    if ":" in args.username or not args.username.strip():
        print("error: the user name must be non-empty and contain no ':'", file=sys.stderr)
        return 2
    password = getpass.getpass("password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        print("error: use a password of at least 12 characters", file=sys.stderr)
        return 2
    print(f"{args.username}:{generate_password_hash(password)}")
    return 0


def _open_store(settings: Settings):
    """The case store of the settings (VERIFY_STORE_URL, else VERIFY_STORE_PATH), or None when there is none."""
    from verify_service.store import keys
    from verify_service.store.cases import CaseStore

    if not settings.store_url and not settings.store_path.exists():
        print(f"error: no case store at {settings.store_path} (VERIFY_STORE_PATH, or VERIFY_STORE_URL)",
              file=sys.stderr)
        return None
    keys_enabled = bool(settings.api_keys.strip() or settings.api_keys_file)
    return CaseStore(settings.store_url or settings.store_path, keys.store_key(settings, keys_enabled),
                     settings.retention_days, old_keys=keys.old_store_keys(settings))


def _store(args: argparse.Namespace) -> int:
    """Case store maintenance: rotate-key re-seals every case with VERIFY_STORE_KEY."""
    store = _open_store(Settings.load())
    if store is None:
        return 2
    try:
        counts = store.rotate()
    finally:
        store.close()
    print(f"re-sealed {counts['cases']} cases, {counts['notes']} notes, {counts['images']} images and "
          f"{counts['events']} webhook events with VERIFY_STORE_KEY; VERIFY_STORE_OLD_KEYS can now be removed")
    return 0


def _audit(args: argparse.Namespace) -> int:
    """The audit trail: head (print the latest SEQ:HASH), verify (walk the chain; with --head, check that it still
    reaches a head kept outside the database), export (JSON Lines for a regulator)."""
    import json

    from verify_service.store import audit

    if args.head is not None and args.action != "verify":
        print("error: --head goes with verify", file=sys.stderr)
        return 2
    expected = None
    if args.head is not None:
        try:
            expected = audit.parse_head(args.head)
        except ValueError as exc:
            print(f"error: --head: {exc}", file=sys.stderr)
            return 2
    from sqlalchemy import inspect

    from verify_service.store import db

    # The audit trail holds nothing sealed: an auditor needs the database, not the store key.
    settings = Settings.load()
    if not settings.store_url and not settings.store_path.exists():
        print(f"error: no case store at {settings.store_path} (VERIFY_STORE_PATH, or VERIFY_STORE_URL)",
              file=sys.stderr)
        return 2
    engine = db.open_engine(settings.store_url or settings.store_path)
    try:
        if "audit_head" not in inspect(engine).get_table_names():
            print("error: this store has no audit trail yet: start the service once on it to migrate it",
                  file=sys.stderr)
            return 2
        if args.action == "head":
            try:
                seq, digest = audit.head(engine)
            except audit.AuditError as exc:
                print(f"FAILED: {exc}", file=sys.stderr)
                return 1
            print(f"{seq}:{digest}")
            return 0
        if args.action == "verify":
            verdict = audit.verify(engine, expected)
            if verdict.ok:
                print(f"ok: {verdict.count} entries, head {verdict.last_seq}:{verdict.last_hash}")
                return 0
            where = f" at entry {verdict.bad_seq}" if verdict.bad_seq is not None else ""
            print(f"FAILED{where}: {verdict.problem}", file=sys.stderr)
            return 1
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout  # noqa: SIM115
        try:
            for entry in audit.entries(engine):
                out.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
        finally:
            if args.out:
                out.close()
        return 0
    finally:
        engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m verify_service")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="serve the HTTP API")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, help="gunicorn worker processes (VERIFY_WORKERS)")
    serve.add_argument("--threads", type=int, help="threads per worker (VERIFY_WORKER_THREADS)")
    serve.add_argument("--dev", action="store_true", help="Flask's own server instead of gunicorn")
    models = sub.add_parser("models", help="model files: pull (fetch + verify), verify, list")
    models.add_argument("action", choices=["pull", "verify", "list"])
    reviewer = sub.add_parser("reviewer", help="print a VERIFY_REVIEWERS_FILE line (password read from stdin)")
    reviewer.add_argument("username")
    store = sub.add_parser("store", help="case store maintenance: rotate-key (re-seal with VERIFY_STORE_KEY)")
    store.add_argument("action", choices=["rotate-key"])
    audit_cmd = sub.add_parser("audit", help="the audit trail: head, verify [--head SEQ:HASH], export [--out FILE]")
    audit_cmd.add_argument("action", choices=["head", "verify", "export"])
    audit_cmd.add_argument("--head", help="SEQ:HASH kept outside the database (from `audit head` or the log)")
    audit_cmd.add_argument("--out", help="export: write the JSON Lines here instead of standard output")
    sub.add_parser("batch", help="re-verify stored cases from a manifest (see batch --help)", add_help=False)
    if argv is None:
        argv = sys.argv[1:]
    if argv[:1] == ["batch"]:
        from verify_service.batch.run import main as batch_main

        logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        try:
            return batch_main(argv[1:])
        except VerifyError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 2
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        commands = {"serve": _serve, "models": _models, "reviewer": _reviewer, "store": _store, "audit": _audit}
        return commands[args.command](args)
    except VerifyError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
