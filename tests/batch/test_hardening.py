"""Batch inputs that used to crash or hang a run, the output's lock, and workers a killed run left behind."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.conftest import REPO
from verify_service.batch.manifest import Case, ManifestError, read_manifest
from verify_service.batch.run import EngineError, _connect_ray, main, process_case
from verify_service.batch.writer import OutputError, ResultWriter, process_start

DEEP = "[" * 10000 + "]" * 10000
BIG = "1" * 5000


def batch_without_hanging(manifest, out, what):
    """`python -m verify_service batch MANIFEST --out OUT` in a process of its own; the test fails if it hangs."""
    command = [sys.executable, "-m", "verify_service", "batch", str(manifest), "--out", str(out)]
    try:
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the batch hung {what}")


def write(tmp_path, name, text):
    """A manifest file in tmp_path."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name, text, message", [
    ("m.jsonl", '{"case_id": "a", "selfie": "s"}\n' + DEEP + "\n", "m.jsonl:2: nested too deep"),
    ("m.jsonl", '{"case_id": "a", "selfie": "s", "application": {"x": ' + DEEP + "}}\n", "m.jsonl:1: nested too deep"),
    ("m.jsonl", '{"case_id": "a", "selfie": "s", "application": {"x": ' + "[" * 50 + "]" * 50 + "}}\n",
     "m.jsonl:1: nested deeper than 8 levels"),
    ("m.jsonl", '{"case_id": ' + BIG + ', "selfie": "s"}\n', "m.jsonl:1: not valid JSON \\(Exceeds the limit"),
    ("m.csv", 'case_id,id_front,selfie,application\na,f,s,"' + DEEP + '"\n', "m.csv:2: application is nested too deep"),
    ("m.csv", 'case_id,id_front,selfie,application\na,f,s,"{""monthly_income"": ' + BIG + '}"\n',
     "m.csv:2: application is not valid JSON"),
])
def test_hostile_manifest_lines_exit_2_with_the_line(tmp_path, capsys, name, text, message):
    path = write(tmp_path, name, text)
    with pytest.raises(ManifestError, match=message):
        read_manifest(path)
    assert main([str(path), "--out", str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err


def test_a_fifo_as_the_manifest_exits_2_instead_of_hanging(tmp_path):
    fifo = tmp_path / "m.jsonl"
    os.mkfifo(fifo)
    done = batch_without_hanging(fifo, tmp_path / "out.jsonl", "reading a FIFO as its manifest")
    assert done.returncode == 2
    assert "not a regular file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("kind", ["fifo", "device", "directory"])
def test_a_file_that_is_not_regular_is_an_error_line_not_a_hang(tmp_path, kind):
    fifo = None
    if kind == "fifo":
        path = fifo = tmp_path / "front.jpg"
        os.mkfifo(path)
    elif kind == "device":
        path = Path("/dev/zero")  # would be read for ever
    else:
        path = tmp_path
    case = Case("c1", {"id_front": path, "selfie": tmp_path / "s.jpg"})
    thread_result = []
    thread = threading.Thread(target=lambda: thread_result.append(process_case(None, case)), daemon=True)
    thread.start()
    thread.join(10)
    hung = thread.is_alive()
    if hung and fifo is not None:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # give the blocked open() a writer, then EOF
    assert not hung, f"the batch hung reading a {kind} as a case file"
    assert thread_result == [{"case_id": "c1", "error": {
        "code": "UNREADABLE_FILE",
        "message": f"id_front is not a regular file (a FIFO, device or directory): {path.name}"}}]


def test_two_runs_on_one_output_the_second_exits_2(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    manifest = write(tmp_path, "m.jsonl", '{"case_id": "a", "id_front": "f", "selfie": "s"}\n')
    with ResultWriter(out):
        with pytest.raises(OutputError, match="another batch run"):
            ResultWriter(out)
        assert main([str(manifest), "--out", str(out)]) == 2
        assert "another batch run (pid " in capsys.readouterr().err
    with ResultWriter(out):  # released on close
        pass


def test_an_output_that_is_not_a_regular_file_exits_2(tmp_path):
    out = tmp_path / "out.jsonl"
    os.mkfifo(out)
    manifest = write(tmp_path, "m.jsonl", '{"case_id": "a", "id_front": "f", "selfie": "s"}\n')
    done = batch_without_hanging(manifest, out, "on a FIFO as its output")
    assert done.returncode == 2
    assert "is not a regular file" in done.stderr and "Traceback" not in done.stderr


def _sleeper(*marks):
    """A process that looks like a multiprocessing spawn worker when marked so, and sleeps."""
    return subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)", *marks])


def test_resume_stops_the_workers_a_killed_run_left_and_nothing_else(tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    out.write_text('{"case_id":"a","decision":"pass"}\n')
    manifest = write(tmp_path, "m.jsonl", '{"case_id": "a", "id_front": "f", "selfie": "s"}\n')
    leftover = _sleeper("--multiprocessing-fork")
    reused = _sleeper("--multiprocessing-fork")  # the same pid recorded with another start time: a reused pid
    stranger = _sleeper()  # recorded, but not a worker of ours
    try:
        for proc in (leftover, reused, stranger):
            while process_start(proc.pid) is None:
                pass
        workers = [{"pid": leftover.pid, "start": process_start(leftover.pid)},
                   {"pid": reused.pid, "start": "1"}, {"pid": stranger.pid, "start": process_start(stranger.pid)}]
        (tmp_path / "out.jsonl.lock").write_text(json.dumps({"pid": 4194304, "workers": workers}))
        assert main([str(manifest), "--out", str(out)]) == 0  # nothing left to run: no models loaded
        assert leftover.wait(timeout=10) != 0
        assert reused.poll() is None and stranger.poll() is None
        assert f"stopped 1 worker(s) left by a killed run of {out}: pids {leftover.pid}" in capsys.readouterr().err
        assert (tmp_path / "out.jsonl.lock").read_text() == ""  # a clean exit leaves nothing to stop
    finally:
        for proc in (leftover, reused, stranger):
            proc.kill()
            proc.wait()


class _FakeAuthError(Exception):
    """Stands for ray.exceptions.AuthenticationError."""


def _fake_ray(error):
    """A stand-in for the ray module whose init raises `error`, as Ray 2.60 does against a token cluster."""
    def init(**kwargs):
        raise error

    return SimpleNamespace(init=init, shutdown=lambda: None, exceptions=SimpleNamespace(AuthenticationError=_FakeAuthError))


def _ray_refusal():
    """What ray.init raises when the cluster wants a token: ConnectionError from RuntimeError holding the text."""
    try:
        try:
            raise RuntimeError("Failed to connect to GCS. Last connection error: Traceback (most recent call last):\n"
                               "ray.exceptions.AuthenticationError: RPC error: InvalidAuthToken: Authentication token "
                               "is missing or incorrect.")
        except RuntimeError as inner:
            raise ConnectionError("Failed to connect to Ray cluster at 10.0.0.1:6379") from inner
    except ConnectionError as outer:
        return outer


@pytest.mark.parametrize("mode, error, message", [
    (None, _ray_refusal(), "requires token authentication and this client sent no token: run with RAY_AUTH_MODE=token"),
    ("token", _ray_refusal(), "refused this client's token (RAY_AUTH_MODE=token)"),
    ("token", _FakeAuthError("Token authentication is enabled but no authentication token was found"),
     "refused this client's token"),
    (None, ConnectionError("Failed to connect to Ray cluster at 10.0.0.1:6379"),
     "cannot connect to the Ray cluster at head:6379 (Failed to connect"),
])
def test_ray_connection_failures_say_what_to_do(monkeypatch, mode, error, message):
    if mode is None:
        monkeypatch.delenv("RAY_AUTH_MODE", raising=False)
    else:
        monkeypatch.setenv("RAY_AUTH_MODE", mode)
    with pytest.raises(EngineError) as caught:
        _connect_ray(_fake_ray(error), "head:6379", {})
    assert message in str(caught.value) and "~/.ray/auth_token" in str(caught.value)
