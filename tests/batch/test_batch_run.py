"""Batch runs with the real models: the same answers as /v1/verify, both engines, and kill -9 then resume."""

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLES, SHARED, TEST_SETTINGS, post
from verify_service.batch.run import main

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (SHARED / "testdata").is_dir(), reason="../shared/testdata is not beside the repo")]
SELFIE = SHARED / "testdata" / "liveness" / "image_T1.jpg"


def manifest(tmp_path, count):
    """`count` cases with paths relative to the manifest, one with an income proof, plus one missing file."""
    cards = SAMPLES / "id_cards"
    lines = []
    for i in range(count):
        record = {"case_id": f"case-{i}", "id_front": os.path.relpath(cards / f"card{i % 12:03d}_front_photo.jpg", tmp_path),
                  "id_back": os.path.relpath(cards / f"card{i % 12:03d}_back_photo.jpg", tmp_path),
                  "selfie": str(SELFIE), "application": {"monthly_income": 9000}}
        if i == 1:
            record["income_proof"] = str(SAMPLES / "income" / "certificate00_scan.png")
        lines.append(record)
    lines.append({"case_id": "no-such-file", "id_front": "missing.jpg", "selfie": str(SELFIE)})
    path = tmp_path / "manifest.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return path


def results(path):
    records = [json.loads(line) for line in path.read_text().splitlines()]
    return {r["case_id"]: r for r in records}, len(records)


def comparable(record):
    """A result without what legitimately differs between runs (timings)."""
    record = json.loads(json.dumps(record))
    record.pop("timings_ms", None)
    for side in ("front", "back"):
        card = (record.get("id_card") or {}).get(side)
        if card:
            card.pop("timings_ms", None)
    if record.get("income_proof"):
        record["income_proof"].pop("timings_ms", None)
    return record


@pytest.fixture(scope="module")
def one_worker_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("batch")
    path = manifest(tmp, 4)
    out = tmp / "out.jsonl"
    code = main([str(path), "--out", str(out)], overrides=TEST_SETTINGS)
    return path, out, code


def test_each_line_is_the_verify_answer_plus_case_id(one_worker_run, real_client):
    path, out, code = one_worker_run
    assert code == 1  # one case has a missing file
    by_id, count = results(out)
    assert count == 5
    assert by_id["no-such-file"] == {"case_id": "no-such-file",
                                     "error": {"code": "MISSING_FILE", "message": "id_front file does not exist: missing.jpg"}}
    case = json.loads(path.read_text().splitlines()[1])
    data = {part: (io.BytesIO((path.parent / case[part]).read_bytes()), part) for part in ("id_front", "id_back", "selfie")}
    data["income_proof"] = (io.BytesIO(Path(case["income_proof"]).read_bytes()), "proof.png")
    data["application"] = json.dumps(case["application"])
    api = post(real_client, "/v1/verify", data).json
    api.pop("request_id")
    assert comparable(by_id["case-1"]) == comparable({"case_id": "case-1", **api})
    assert by_id["case-1"]["income_proof"]["document_kind"] == "income_certificate"


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_two_workers_give_the_same_results(one_worker_run, tmp_path, engine):
    path, reference, _ = one_worker_run
    out = tmp_path / "out.jsonl"
    code = main([str(path), "--out", str(out), "--workers", "2", "--engine", engine], overrides=TEST_SETTINGS)
    assert code == 1
    expected, _ = results(reference)
    got, count = results(out)
    assert count == len(expected)
    assert {k: comparable(v) for k, v in got.items()} == {k: comparable(v) for k, v in expected.items()}


def test_resume_skips_finished_cases(one_worker_run, capsys):
    path, out, _ = one_worker_run
    before = out.read_bytes()
    assert main([str(path), "--out", str(out)], overrides=TEST_SETTINGS) == 1
    assert out.read_bytes() == before
    assert "5 already in" in capsys.readouterr().err


def test_kill_9_half_way_then_resume_gives_every_case_exactly_once(tmp_path):
    path = manifest(tmp_path, 8)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "verify_service", "batch", str(path), "--out", str(out)]
    env = dict(os.environ, VERIFY_REFERENCE_DATE=TEST_SETTINGS["reference_date"])
    proc = subprocess.Popen(command, cwd=REPO, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if out.exists() and out.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    written = out.read_bytes().count(b"\n")
    assert 3 <= written < 9
    resumed = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 1, resumed.stderr
    assert f"{written} already in" in resumed.stderr
    lines = out.read_text().splitlines()
    ids = [json.loads(line)["case_id"] for line in lines]  # every line parses: nothing torn
    assert sorted(ids) == sorted([f"case-{i}" for i in range(8)] + ["no-such-file"])
    assert "done: error 1, reject 8" in resumed.stdout
