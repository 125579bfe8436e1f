"""kill -9 of the batch process alone (not its process group): its workers do not outlive it, and a resume
finishes the run with every case exactly once."""

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.batch.test_batch_run import manifest
from tests.conftest import REPO, SHARED, TEST_SETTINGS

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (SHARED / "testdata").is_dir(), reason="../shared/testdata is not beside the repo")]


def _alive(pid):
    """Whether pid is a process that has not died (a zombie has)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False


def test_kill_9_of_the_parent_leaves_no_workers_and_resume_finishes(tmp_path):
    path = manifest(tmp_path, 6)
    out = tmp_path / "out.jsonl"
    lock = tmp_path / "out.jsonl.lock"
    command = [sys.executable, "-m", "verify_service", "batch", str(path), "--out", str(out), "--workers", "2"]
    env = dict(os.environ, VERIFY_REFERENCE_DATE=TEST_SETTINGS["reference_date"])
    proc = subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        workers = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
            time.sleep(0.05)
            if lock.exists() and lock.read_text():
                workers = [w["pid"] for w in json.loads(lock.read_text())["workers"]]
        time.sleep(2)  # the workers are loading their models: a killed parent's workers would go on for seconds
        assert proc.poll() is None, "the batch finished before it could be killed"
        assert len(workers) == 2 and all(_alive(pid) for pid in workers)
        os.kill(proc.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` does
        proc.wait()
        deadline = time.monotonic() + 3  # the kernel kills them at once; a case takes longer
        while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers), "workers outlived their killed parent"
        written = out.read_bytes().count(b"\n")
        resumed = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
        assert resumed.returncode == 1, resumed.stderr
        assert f"{written} already in" in resumed.stderr
        ids = [json.loads(line)["case_id"] for line in out.read_text().splitlines()]
        assert sorted(ids) == sorted([f"case-{i}" for i in range(6)] + ["no-such-file"])
        assert lock.read_text() == ""
    finally:
        with contextlib.suppress(ProcessLookupError):  # whatever of the first run's group is left, workers included
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
