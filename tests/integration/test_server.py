"""The real server: gunicorn workers with the real models, over real HTTP on loopback."""

import json
import socket
import statistics
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from bench.load_test import Server, SlowClients, answer_key, post
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


def _timed(fn) -> tuple[float, object]:
    """Seconds fn took, and what it returned."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def _readyz(url: str) -> int:
    """GET /readyz with a 1 s timeout; its status."""
    with urllib.request.urlopen(url + "/readyz", timeout=1) as r:
        return r.status


def test_slow_clients_do_not_hold_the_workers(server):
    card = {"image": (SAMPLES / "id_cards" / "card001_front_photo.jpg").read_bytes()}
    post(f"{server.url}/v1/id-card", card)  # warm
    alone = statistics.median(_timed(lambda: post(f"{server.url}/v1/id-card", card))[0] for _ in range(5))
    # 64 connections: 32 trickle one header line every 2 s, 32 trickle a body 10 bytes every 2 s; 4 worker
    # threads in all. Everything below stays well inside the server's 10 s header timeout.
    slow = SlowClients(server.url, 64, interval=2.0, limit=60)
    try:
        time.sleep(2.5)  # every slow connection is accepted and has sent a second piece
        ready_s, status = _timed(lambda: _readyz(server.url))
        assert slow.reopened == 0  # all 64 were connected meanwhile, none refused or dropped
        assert status == 200 and ready_s < 1.0
        loaded = [_timed(lambda: post(f"{server.url}/v1/id-card", card, timeout=30)) for _ in range(3)]
        assert all(r[0] == 200 for _, r in loaded)
        assert statistics.median(t for t, _ in loaded) < 2 * alone, (loaded, alone)
    finally:
        slow.close()


def _raw(url: str, request: bytes) -> tuple[int, dict, dict]:
    """Send raw bytes; the status, headers (lower-case names) and JSON body of the answer."""
    host, port = url.rsplit("/", 1)[-1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])  # names are case-insensitive
    return int(lines[0].split()[1]), headers, json.loads(body)


@pytest.mark.parametrize("request_bytes,status,code", [
    (b"GET /v1/" + b"a" * 5000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "URI_TOO_LONG"),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\n" + b"".join(b"X-Big-%d: %s\r\n" % (i, b"b" * 4000)
                                                        for i in range(9)) + b"\r\n", 431, "HEADER_TOO_LARGE"),
    (b"POST /v1/id-card HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n", 413, "PAYLOAD_TOO_LARGE"),
    (b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400, "BAD_REQUEST"),
])
def test_the_servers_own_errors_are_the_json_error_shape(server, request_bytes, status, code):
    got, headers, body = _raw(server.url, request_bytes)
    assert got == status and headers["content-type"].startswith("application/json")
    assert body["error"]["code"] == code and body["error"]["message"]
    assert body["request_id"] == headers["x-request-id"]


def test_a_client_that_trickles_headers_past_the_header_timeout_is_disconnected(server):
    from verify_service.serve import HEADER_TIMEOUT

    host, port = server.url.rsplit("/", 1)[-1].split(":")
    with socket.create_connection((host, int(port)), timeout=HEADER_TIMEOUT + 10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        t0 = time.monotonic()
        closed_after = None
        for i in range(int(HEADER_TIMEOUT) + 10):  # one header line a second: never idle, never finished
            try:
                sock.sendall(b"X-Slow-%d: 1\r\n" % i)
            except OSError:
                closed_after = time.monotonic() - t0
                break
            time.sleep(1)
    assert closed_after is not None and HEADER_TIMEOUT <= closed_after < HEADER_TIMEOUT + 5
