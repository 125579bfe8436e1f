"""The real server: gunicorn workers with the real models, over real HTTP on loopback."""

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.load_test import Server, answer_key, post
from tests.conftest import SAMPLES

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server():
    srv = Server(workers=2, threads=2, env={"VERIFY_REFERENCE_DATE": "2026-11-01", "VERIFY_RATE_LIMIT": "0"})
    try:
        srv.wait_ready()
        yield srv
    finally:
        srv.close()


def test_gunicorn_answers_and_concurrency_does_not_change_answers(server):
    cards = sorted((SAMPLES / "id_cards").glob("*_front_photo.jpg"))[:4]
    parts = [{"image": c.read_bytes()} for c in cards]
    alone = []
    for p in parts:
        status, body = post(f"{server.url}/v1/id-card", p)
        assert status == 200
        alone.append(answer_key("id-card", body))
    expected = json.loads((cards[0].with_suffix(".json")).read_text())["fields"]
    assert {k: v["value"] for k, v in json.loads(alone[0])[1].items()} == expected
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(lambda p: post(f"{server.url}/v1/id-card", p), parts * 2))
    assert [s for s, _ in together] == [200] * 8
    assert [answer_key("id-card", b) for _, b in together] == alone * 2


def test_metrics_aggregate_the_workers_and_bad_input_is_4xx(server):
    status, body = post(f"{server.url}/v1/id-card", {"image": b"\x89PNG\r\n\x1a\n" + b"\0" * 40})
    assert status == 422 and body["error"]["code"] == "INVALID_IMAGE"
    import urllib.request

    with urllib.request.urlopen(server.url + "/metrics", timeout=10) as r:
        text = r.read().decode()
    assert 'verify_requests_total{endpoint="/v1/id-card",status="200"}' in text
    assert 'verify_model_info{name="PP-OCRv4_det_mobile"' in text
    with urllib.request.urlopen(server.url + "/readyz", timeout=10) as r:
        assert json.loads(r.read())["ready"] is True


def test_graceful_shutdown_finishes_the_request_in_flight():
    srv = Server(workers=1, threads=2, env={"VERIFY_REFERENCE_DATE": "2026-11-01"})
    try:
        srv.wait_ready()
        card = SAMPLES / "id_cards" / "card000_back_photo.jpg"
        result = {}
        thread = threading.Thread(target=lambda: result.update(r=post(f"{srv.url}/v1/id-card",
                                                                      {"image": card.read_bytes()})))
        thread.start()
        time.sleep(0.15)  # the request is in the worker when SIGTERM arrives
        code = srv.stop()
        thread.join(30)
        logs = srv.output()
    finally:
        srv.close()
    assert code == 0
    assert result["r"][0] == 200 and result["r"][1]["side"] == "back"
    # The logs are JSON lines; the access line of that request holds its request_id and no personal data.
    access = [json.loads(line) for line in logs.splitlines() if line.startswith("{") and '"path"' in line]
    assert any(a["path"] == "/v1/id-card" and a["request_id"] == result["r"][1]["request_id"] for a in access)
