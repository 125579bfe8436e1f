"""Running a batch: one case through the same pipeline as /v1/verify, and the local and Ray engines.

    python -m verify_service batch MANIFEST --out RESULTS.jsonl [--workers N] [--engine local|ray]
                                            [--ray-address ADDR]
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from verify_service.batch.manifest import (
    REQUIRED_PARTS,
    Case,
    ManifestError,
    NotRegularFile,
    read_manifest,
    read_regular_file,
)
from verify_service.batch.writer import OutputError, ResultWriter
from verify_service.codes import ErrorCode
from verify_service.config import Settings
from verify_service.errors import VerifyError
from verify_service.flow import CaseParts, run_case
from verify_service.pipeline.application import Application

log = logging.getLogger(__name__)


def process_case(services: Any, case: Case) -> dict:
    """The /v1/verify result for one stored case plus its case_id, or its case_id and an error object."""
    t0 = time.perf_counter()
    try:
        missing = [p for p in REQUIRED_PARTS if p not in case.files]
        if missing:
            return _error(case, ErrorCode.MISSING_PART, f"the manifest gives no {' or '.join(missing)}")
        data = {}
        for part, path in case.files.items():
            try:
                data[part] = read_regular_file(path)
            except FileNotFoundError:
                return _error(case, ErrorCode.MISSING_FILE, f"{part} file does not exist: {path.name}")
            except NotRegularFile:
                return _error(case, ErrorCode.UNREADABLE_FILE,
                              f"{part} is not a regular file (a FIFO, device or directory): {path.name}")
            except OSError as exc:
                return _error(case, ErrorCode.UNREADABLE_FILE, f"{part} file cannot be read: {exc.strerror}")
        application = Application.from_dict(case.application) if case.application else Application()
        outcome = run_case(services, CaseParts(data, application), started=t0)
    except VerifyError as exc:
        return {"case_id": case.case_id, "error": exc.to_dict()}
    except Exception:  # a bug must not stop a run of thousands: record it and go on
        log.exception("case failed unexpectedly")
        return _error(case, ErrorCode.INTERNAL_ERROR, "unexpected failure; see the batch log")
    return {"case_id": case.case_id, **outcome.body}


def _error(case: Case, code: ErrorCode, message: str) -> dict:
    """The result line of a case that could not be processed."""
    return {"case_id": case.case_id, "error": {"code": str(code), "message": message}}


# ---- local engine: N processes, each loading the models once ----

_worker_services: Any = None


def _init_worker(overrides: dict, parent: int | None = None) -> None:
    """Pool initializer: load every model once in this worker process (dying with `parent` when given)."""
    global _worker_services
    from verify_service.services import build_services

    if parent is not None:
        _die_with_parent(parent)

    logging.basicConfig(level=logging.WARNING)
    _worker_services = build_services(Settings.load(overrides))


def _die_with_parent(parent: int) -> None:
    """Have the kernel SIGKILL this worker when the batch process dies (Linux), so a kill -9 leaves none behind."""
    # Without it a spawned worker outlives a killed parent until its case ends, and for ever when the case hangs;
    # the next run also stops leftovers recorded in the lock file (writer.py), which covers other platforms.
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the prctl took effect: no signal will come
        os._exit(1)


def _work(case: Case) -> dict:
    """Pool task."""
    return process_case(_worker_services, case)


def threads_per_worker(workers: int) -> int:
    """ONNX Runtime intra-op threads per worker so that workers x threads fits the machine's cores."""
    return max(1, (os.cpu_count() or 1) // workers)


def run_local(cases: list[Case], workers: int, overrides: dict,
              on_workers: Callable[[list[int]], None] | None = None) -> Iterator[dict]:
    """Results as they finish, from `workers` processes (in this process when workers is 1); `on_workers` hears
    the worker pids whenever they change."""
    overrides = {**overrides, "threads": overrides.get("threads") or threads_per_worker(workers)}
    if workers == 1:
        _init_worker(overrides)
        for case in cases:
            yield _work(case)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no ONNX Runtime thread pools inherited through fork
    with context.Pool(workers, initializer=_init_worker, initargs=(overrides, os.getpid())) as pool:
        known: set[int] = set()
        results = pool.imap_unordered(_work, cases, chunksize=1)
        while True:
            # the pool replaces a worker that dies, so the recorded set is checked again after every result
            pids = {child.pid for child in multiprocessing.active_children() if child.pid is not None}
            if on_workers is not None and pids != known:
                on_workers(sorted(pids))
                known = pids
            try:
                yield next(results)
            except StopIteration:
                return


# ---- Ray engine: an actor pool whose actors load the models once ----

SECRET_SETTINGS = frozenset({"VERIFY_STORE_KEY", "VERIFY_STORE_OLD_KEYS", "VERIFY_SECRET_KEY", "VERIFY_API_KEYS"})


class EngineError(RuntimeError):
    """An engine that cannot start (a Ray cluster that cannot be reached or refuses this client); exit 2."""


WHERE_RAY_LOOKS = "~/.ray/auth_token (or RAY_AUTH_TOKEN_PATH=FILE, or RAY_AUTH_TOKEN=TOKEN)"


def _connect_ray(ray: Any, address: str, runtime_env: dict) -> None:
    """ray.init on an existing cluster, or EngineError saying what to do, token authentication first of all."""
    # Ray enables token authentication for a client by itself only when it finds a local cluster; for an explicit
    # address it never sends the token unless RAY_AUTH_MODE=token, so that a token does not go to whatever address
    # is typed. The batch keeps that choice (no automatic RAY_AUTH_MODE) and says how to opt in.
    try:
        ray.init(address=address, runtime_env=runtime_env, logging_level=logging.WARNING)
    except (ConnectionError, RuntimeError, ray.exceptions.AuthenticationError) as exc:
        ray.shutdown()
        causes = [exc]
        while causes[-1].__cause__ is not None and len(causes) < 10:
            causes.append(causes[-1].__cause__)
        # Ray wraps the AuthenticationError in a RuntimeError as text (its traceback), not as a __cause__
        refused = any(isinstance(cause, ray.exceptions.AuthenticationError)
                      or "InvalidAuthToken" in str(cause) or "AuthenticationError" in str(cause) for cause in causes)
        token_mode = os.environ.get("RAY_AUTH_MODE", "").lower() == "token"
        if refused and not token_mode:
            raise EngineError(
                f"the Ray cluster at {address} requires token authentication and this client sent no token: run "
                f"with RAY_AUTH_MODE=token and the cluster's token in {WHERE_RAY_LOOKS}") from None
        if refused:
            raise EngineError(
                f"the Ray cluster at {address} refused this client's token (RAY_AUTH_MODE=token): put the "
                f"cluster's token (the head node's ~/.ray/auth_token) in {WHERE_RAY_LOOKS}") from None
        raise EngineError(
            f"cannot connect to the Ray cluster at {address} ({exc}); check the address (the head's host:port), "
            f"and if the cluster uses token authentication run with RAY_AUTH_MODE=token and the cluster's token "
            f"in {WHERE_RAY_LOOKS}") from None

def run_ray(cases: list[Case], workers: int, overrides: dict, address: str | None) -> Iterator[dict]:
    """Results as they finish, from `workers` Ray actors (a local Ray instance unless `address` is given).

    Every node must see the manifest's files at the same paths (shared storage) and have verify_service and its
    models installed."""
    import ray
    from ray.util import ActorPool

    started = not ray.is_initialized()
    if started:
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # a KYC service reports nothing to anyone
        repo = str(Path(__file__).resolve().parents[2])
        # Actors on a cluster do not inherit this process's environment, so the VERIFY_* settings travel with
        # the job (the local engine's workers inherit them); secrets stay here: no worker needs them.
        settings = {k: v for k, v in os.environ.items() if k.startswith("VERIFY_") and k not in SECRET_SETTINGS}
        env = {"env_vars": {**settings, "RAY_USAGE_STATS_ENABLED": "0",
                            "PYTHONPATH": os.pathsep.join(filter(None, [repo, os.environ.get("PYTHONPATH")]))}}
        if address:
            _connect_ray(ray, address, env)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, runtime_env=env, logging_level=logging.WARNING)

    @ray.remote(num_cpus=1)
    class VerifyActor:
        """Holds one process's models."""

        def __init__(self, settings_overrides: dict):
            _init_worker(settings_overrides)

        def process(self, case: Case) -> dict:
            return _work(case)

    try:
        actors = [VerifyActor.remote({**overrides, "threads": overrides.get("threads") or 1})  # type: ignore[attr-defined]
                  for _ in range(workers)]
        yield from ActorPool(actors).map_unordered(lambda actor, case: actor.process.remote(case), cases)
    finally:
        if started:
            ray.shutdown()


# ---- command line ----

def summarise(records: Iterable[dict]) -> collections.Counter:
    """Counts per decision, and errors, over result lines."""
    counts: collections.Counter = collections.Counter()
    for record in records:
        counts["error" if "error" in record else record.get("decision", "unknown")] += 1
    return counts


def main(argv: list[str] | None = None, overrides: dict | None = None) -> int:
    """Run a batch; 0 when every case has a decision, 1 when some errored, 2 on bad usage or no engine."""
    ap = argparse.ArgumentParser(prog="python -m verify_service batch",
                                 description="Re-verify stored cases; re-running the same command resumes.")
    ap.add_argument("manifest", type=Path, help="JSON Lines or CSV: case_id, id_front, selfie[, id_back, "
                                                "income_proof, application]")
    ap.add_argument("--out", type=Path, required=True, help="results, one JSON object per line")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", choices=["local", "ray"], default="local")
    ap.add_argument("--ray-address", help="an existing Ray cluster (engine ray); default: start a local one")
    args = ap.parse_args(argv)
    if args.workers < 1:
        ap.error("--workers must be at least 1")
    try:
        cases = read_manifest(args.manifest)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    overrides = dict(overrides or {})
    t0 = time.perf_counter()
    try:
        writer = ResultWriter(args.out)
    except OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if writer.stopped:
        print(f"stopped {len(writer.stopped)} worker(s) left by a killed run of {args.out}: "
              f"pids {', '.join(map(str, writer.stopped))}", file=sys.stderr)
    with writer:
        pending = [c for c in cases if c.case_id not in writer.done]
        print(f"{len(cases)} cases, {len(cases) - len(pending)} already in {args.out}, {len(pending)} to run "
              f"({args.engine}, {args.workers} worker{'s' if args.workers > 1 else ''})", file=sys.stderr)
        engine: Iterable[dict] = []
        if pending:
            engine = (run_ray(pending, args.workers, overrides, args.ray_address) if args.engine == "ray"
                      else run_local(pending, args.workers, overrides, writer.record_workers))
        from tqdm import tqdm

        with tqdm(total=len(cases), initial=len(cases) - len(pending), unit="case",
                  disable=not sys.stderr.isatty()) as bar:
            try:
                for record in engine:
                    writer.write(record)
                    bar.update(1)
            except EngineError as exc:
                print(f"error: {exc}", file=sys.stderr)
                return 2
    elapsed = time.perf_counter() - t0
    with open(args.out, encoding="utf-8") as fh:
        counts = summarise(json.loads(line) for line in fh if line.strip())
    rate = len(pending) / elapsed * 60 if elapsed > 0 else 0.0
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"done: {summary}; {len(pending)} cases in {elapsed:.1f} s ({rate:.1f} cases/min)")
    return 1 if counts.get("error") else 0
