"""The results file: one JSON object per line, each written whole, flushed and fsync'd, so that a kill at any
moment leaves at most one torn last line, which the next run cuts off before it resumes.

Beside it, `RESULTS.lock`: one run at a time holds an exclusive flock on it (the kernel drops the lock when the
holder dies, even by SIGKILL), and it records the holder's pid and its worker processes, so that a run resuming
after a kill -9 can stop the workers the killed run left behind."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import stat
import time
from pathlib import Path

LEFTOVER_GRACE_S = 5.0
# What a multiprocessing spawn child carries on its command line; a recorded pid whose process lacks it is not
# one of our workers any more, whatever its start time says.
WORKER_MARK = b"--multiprocessing-fork"


class OutputError(RuntimeError):
    """An output this run cannot use: not a regular file, or another run is writing it."""


def process_start(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (/proc/PID/stat field 22); None when it is gone."""
    fields = _stat_fields(pid)
    return fields[19] if fields else None


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/PID/stat from field 3 (state) on, or None when the process is gone."""
    try:
        data = Path(f"/proc/{pid}/stat").read_text()
    except (OSError, ValueError):
        return None
    return data[data.rindex(")") + 2:].split()  # the command name (field 2) may itself hold spaces and ")"


def _is_live_worker(pid: int, start: str) -> bool:
    """Whether pid is still the same worker process (same start time, spawn marker) and not yet dead."""
    fields = _stat_fields(pid)
    if not fields or fields[19] != start or fields[0] in ("Z", "X"):
        return False  # gone, the pid reused by another process, or already dead (a zombie holds nothing)
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return WORKER_MARK in cmdline.split(b"\0")


def stop_leftover_workers(workers: list[dict], grace_s: float = LEFTOVER_GRACE_S) -> list[int]:
    """SIGTERM the recorded workers that are still alive, SIGKILL those that outlive the grace; their pids."""
    alive = [(int(w["pid"]), str(w["start"])) for w in workers if _is_live_worker(int(w["pid"]), str(w["start"]))]
    for pid, _ in alive:
        _signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    remaining = alive
    while remaining and time.monotonic() < deadline:
        time.sleep(0.05)
        remaining = [(pid, start) for pid, start in remaining if _is_live_worker(pid, start)]
    for pid, _ in remaining:
        _signal(pid, signal.SIGKILL)
    return [pid for pid, _ in alive]


def _signal(pid: int, sig: int) -> None:
    """os.kill that tolerates the process having exited meanwhile."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)


class ResultWriter:
    """Appends result lines; knows which case_ids are already done; holds the output's lock for the run."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.done: set[str] = set()
        self.stopped: list[int] = []  # pids of a killed run's workers stopped before this run began
        if self.path.exists() and not stat.S_ISREG(os.stat(self.path).st_mode):
            raise OutputError(f"{self.path} is not a regular file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fd = self._lock()
        try:
            self.stopped = stop_leftover_workers(self._previous_workers())
            self.record_workers([])
            self._recover()
            self._fh = open(self.path, "ab")  # noqa: SIM115 (kept open for the run; closed in close())
        except BaseException:
            os.close(self._lock_fd)
            raise

    def _lock(self) -> int:
        """Take the exclusive lock beside the output, or OutputError when another live run holds it."""
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise OutputError(f"{self.lock_path} is not a regular file")
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = self._read_lock(fd).get("pid", "unknown")
                raise OutputError(f"another batch run (pid {holder}) is writing {self.path}; "
                                  f"it holds {self.lock_path}") from None
        except BaseException:
            os.close(fd)
            raise
        return fd

    @staticmethod
    def _read_lock(fd: int) -> dict:
        """What the lock file records ({} when empty or unreadable: a clean exit leaves it empty)."""
        try:
            record = json.loads(os.pread(fd, 1 << 20, 0) or b"{}")
        except (OSError, ValueError, RecursionError):
            return {}
        return record if isinstance(record, dict) else {}

    def _previous_workers(self) -> list[dict]:
        """The workers a previous run recorded and did not clear (it was killed)."""
        workers = self._read_lock(self._lock_fd).get("workers")
        if not isinstance(workers, list):
            return []
        return [w for w in workers if isinstance(w, dict) and isinstance(w.get("pid"), int) and "start" in w]

    def record_workers(self, pids: list[int]) -> None:
        """Record this run's pid and its worker processes (with start times, so a reused pid is never taken)."""
        workers = [{"pid": pid, "start": start} for pid in pids if (start := process_start(pid)) is not None]
        data = json.dumps({"pid": os.getpid(), "workers": workers}).encode()
        os.ftruncate(self._lock_fd, 0)
        os.pwrite(self._lock_fd, data, 0)

    def _recover(self) -> None:
        """Read the finished lines and cut a torn last line (no newline, or not JSON) off the file."""
        if not self.path.exists():
            return
        data = self.path.read_bytes()
        good = 0
        for raw in data.splitlines(keepends=True):
            if not raw.endswith(b"\n"):
                break
            try:
                record = json.loads(raw)
            except (ValueError, RecursionError):
                break
            if isinstance(record, dict) and "case_id" in record:
                self.done.add(str(record["case_id"]))
            good += len(raw)
        if good < len(data):
            with open(self.path, "r+b") as fh:
                fh.truncate(good)
                fh.flush()
                os.fsync(fh.fileno())

    def write(self, record: dict) -> None:
        """Append one result as a whole line, durably."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
        self._fh.write(line)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self.done.add(str(record["case_id"]))

    def close(self) -> None:
        """Close the file and release the lock, leaving the lock file empty (a clean exit leaves no workers)."""
        self._fh.close()
        # Emptied, not removed: unlinking a lock file lets two later runs lock two different inodes.
        os.ftruncate(self._lock_fd, 0)
        os.close(self._lock_fd)

    def __enter__(self) -> ResultWriter:
        """The writer itself."""
        return self

    def __exit__(self, *exc) -> None:
        """Close on the way out, whatever happened."""
        self.close()
