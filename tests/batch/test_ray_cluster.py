"""The batch against a Ray cluster started apart, as an operator would (`ray start --head`), with token
authentication on: without RAY_AUTH_MODE=token the batch says what to do; with it, the results equal the local
engine's."""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests.batch.test_batch_run import comparable, manifest, results
from tests.conftest import REPO, SHARED, TEST_SETTINGS
from verify_service.batch.run import main

pytest.importorskip("ray")
pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (SHARED / "testdata").is_dir(), reason="../shared/testdata is not beside the repo")]
RAY = Path(sys.executable).with_name("ray")
LATER = "2045-01-01"  # a "today" after the sample cards expire: results differ if it does not reach the actors


def _free_port():
    """A TCP port nobody listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _processes_under(marker):
    """Pids of the processes whose command line holds `marker` (this test's own Ray temp dir)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if marker.encode() in (entry / "cmdline").read_bytes():
                    pids.append(int(entry.name))
    return pids


@pytest.fixture(scope="module")
def ray_head():
    """A one-node cluster from `ray start --head` with token authentication: its address and its client env.

    Token mode is set explicitly with a token file of the test's own, which is what `ray start --head` does by
    itself when ~/.ray/auth_token exists; so the test holds on any machine and never touches ~/.ray."""
    temp = tempfile.mkdtemp(prefix="rayt", dir="/tmp")  # short: Ray's socket paths live under it
    token = Path(temp) / "auth_token"
    token.write_text(secrets.token_hex(32))
    token.chmod(0o600)
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update(RAY_AUTH_TOKEN_PATH=str(token), RAY_USAGE_STATS_ENABLED="0")
    with open(Path(temp) / "head.log", "wb") as log:
        head = subprocess.Popen([str(RAY), "start", "--head", "--block", "--num-cpus", "2", "--port", str(port),
                                 "--include-dashboard=false", "--disable-usage-stats", "--temp-dir", temp],
                                env={**env, "RAY_AUTH_MODE": "token"}, start_new_session=True,
                                stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and head.poll() is None:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.5)
        assert head.poll() is None, (Path(temp) / "head.log").read_text()[-3000:]
        # the client's settings only: the batch must carry them to actors that do not share its environment
        yield f"127.0.0.1:{port}", {**env, "VERIFY_REFERENCE_DATE": LATER}
    finally:
        # Not `ray stop --force`: it kills every Ray process on the machine, other people's runs included. The
        # head runs in its own session; what it started is in that process group or names this temp dir.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(head.pid, signal.SIGKILL)
        head.wait()
        for pid in _processes_under(temp):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        shutil.rmtree(temp, ignore_errors=True)


def _batch(path, out, address, env):
    """`python -m verify_service batch` on the cluster, two actors, as a separate process (a real client)."""
    command = [sys.executable, "-m", "verify_service", "batch", str(path), "--out", str(out),
               "--engine", "ray", "--workers", "2", "--ray-address", address]
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


def test_without_token_mode_the_batch_exits_2_saying_what_to_do(ray_head, tmp_path):
    address, env = ray_head
    path = manifest(tmp_path, 1)
    done = _batch(path, tmp_path / "out.jsonl", address, env)  # RAY_AUTH_MODE unset: no token is sent
    assert done.returncode == 2, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert (f"error: the Ray cluster at {address} requires token authentication and this client sent no token: "
            "run with RAY_AUTH_MODE=token and the cluster's token in ~/.ray/auth_token") in done.stderr, done.stderr


def test_batch_on_the_cluster_equals_the_local_engine(ray_head, tmp_path):
    address, env = ray_head
    path = manifest(tmp_path, 2)  # case-0, case-1 with an income proof, and a missing file
    local = tmp_path / "local.jsonl"
    assert main([str(path), "--out", str(local)], overrides={**TEST_SETTINGS, "reference_date": LATER}) == 1
    done = _batch(path, tmp_path / "ray.jsonl", address, {**env, "RAY_AUTH_MODE": "token"})
    assert done.returncode == 1, done.stderr[-3000:]
    expected, _ = results(local)
    got, count = results(tmp_path / "ray.jsonl")
    assert count == len(expected) == 3
    assert {k: comparable(v) for k, v in got.items()} == {k: comparable(v) for k, v in expected.items()}
