"""Test doubles and shared test inputs, in one place: fake engines and registry (no model), OCR lines as the
engine returns them, and small images and PDFs. Tests import from here, never from each other."""

from __future__ import annotations

import io
import shutil
import threading
import time
from pathlib import Path

import numpy as np
from PIL import Image

from verify_service.pipeline.types import FaceBox, OcrLine, OcrResult


def line(text: str, x: float, y: float, w: float | None = None, h: float = 30.0, score: float = 0.99,
         upside_down: bool = False) -> OcrLine:
    """An OCR line with an axis-aligned box whose top-left corner is (x, y)."""
    w = w if w is not None else 30.0 * len(text)
    box = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
    return OcrLine(box, text, score, upside_down)


class FakeOcr:
    """Returns scripted lines; records what it was asked."""

    def __init__(self, lines=()):
        self.lines = list(lines)
        self.calls = 0

    def read(self, image):
        self.calls += 1
        return OcrResult(list(self.lines), {"detection": 1.0, "classification": 0.0, "recognition": 1.0})

    def recognize(self, image, quads):
        return [("", 0.0) for _ in quads]


class FakeFaces:
    """Returns scripted faces; with `min_side`, only on images at least that large (as SCRFD finds a tight crop
    only once it is padded); records the detector input size of every call."""

    def __init__(self, faces=(), min_side=None):
        self.faces = list(faces)
        self.min_side = min_side
        self.sizes = []

    def detect(self, image, size=None):
        self.sizes.append(size)
        if self.min_side is not None and min(image.shape[:2]) < self.min_side:
            return []
        return list(self.faces)


class FakeEmbedder:
    """Embeds every face as the same unit vector unless told otherwise."""

    def __init__(self, vector=None):
        self.vector = np.asarray(vector if vector is not None else [1.0, 0.0, 0.0], np.float32)

    def embed(self, image, landmarks):
        return self.vector / np.linalg.norm(self.vector)


def fake_liveness_model(live_logit=4.0):
    """A MiniFASNet stand-in: logits [attack, live, attack] regardless of the input (checked for shape)."""
    def run(batch):
        assert batch.shape == (1, 3, 80, 80) and batch.dtype == np.float32
        return np.array([[0.0, live_logit, 0.0]], np.float32)
    return run


FACE_LANDMARKS = np.array([[60, 80], [100, 80], [80, 100], [64, 120], [96, 120]], np.float32)


class FakeRegistry:
    """Stands in for runtime.registry.ModelRegistry in tests that need no model."""

    def __init__(self, ocr=None, faces=None, ready=True, embedder=None, live_logit=4.0):
        self.ocr = ocr or FakeOcr()
        self.faces = faces or FakeFaces([FaceBox((40, 50, 120, 150), 0.9, FACE_LANDMARKS)])
        self.embedder = embedder or FakeEmbedder()
        self.liveness = [(2.7, fake_liveness_model(live_logit)), (4.0, fake_liveness_model(live_logit))]
        self.ready = ready

    @property
    def provider(self):
        from verify_service.runtime.providers import Provider

        return Provider.CPU

    def describe(self):
        return {"provider": "cpu", "models": {"ocr_det": {"name": "fake", "sha256": "0" * 64}}}


def jpeg(width=320, height=200) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.full((height, width, 3), 200, np.uint8)).save(buf, "JPEG")
    return buf.getvalue()


def pdf_bytes(pages=1, size=(620, 877)) -> bytes:
    images = [Image.new("RGB", size, (255, 255, 255)) for _ in range(pages)]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=75, save_all=True, append_images=images[1:])
    return buf.getvalue()


ENCRYPTED = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"3 0 obj<</Filter/Standard/V 2/R 3/Length 128/P -4/O(0123456789abcdef0123456789abcdef)"
             b"/U(0123456789abcdef0123456789abcdef)>>endobj\n"
             b"trailer<</Root 1 0 R/Encrypt 3 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]>>\n%%EOF")


def rows(*texts, x=100, start=100, step=60):
    return [line(t, x, start + i * step, 30 * len(t)) for i, t in enumerate(texts)]


# The front and back of a card as the OCR returns them (董兰, 1983-11-02, 北京市公安局海淀分局).
FRONT = [
    line("姓名", 60, 58, 44, 24), line("董兰", 150, 50, 60),
    line("性别", 60, 116, 44, 24), line("男", 150, 108, 30), line("民族", 250, 116, 44, 24), line("汉", 335, 108, 30),
    line("出生", 60, 174, 44, 24), line("1983年11月2日", 150, 166, 250),
    line("住址", 60, 232, 44, 24), line("浙江省杭州市西湖区光明", 150, 224, 320), line("路30号2栋1101", 150, 266, 200),
    line("公民身份号码", 60, 445, 130, 24), line("330106198311020751", 270, 438, 480),
]
EXPECTED_FRONT = {"name": "董兰", "sex": "男", "ethnicity": "汉", "birth_date": "1983-11-02",
                  "address": "浙江省杭州市西湖区光明路30号2栋1101", "id_number": "330106198311020751"}

BACK = [line("中华人民共和国", 245, 70, 400, 40), line("居民身份证", 230, 170, 460, 64),
        line("签发机关", 175, 375, 88, 24), line("北京市公安局海淀分局", 300, 368, 280),
        line("有效期限", 175, 440, 88, 24), line("2015.03.07-2035.03.07", 300, 433, 300)]

# A 收入证明 letter's rows.
LETTER = rows("收入证明", "兹证明马浩（身份证号：3702021986092860", "23）系我单位正式员工，自2020年2月起在运营部担任运营",
              "经理职务，月收入（税前）为人民币5,200.00元（大写：", "伍仟贰佰元整），年收入约为人民币62,400.00元。",
              "特此证明。", "单位名称：杭州青禾网络科技有限公司", "日期：2026年9月6日")


class WebhookReceiver:
    """A real HTTP server on a loopback port that receives webhook events as a lender's would: it checks the
    signature (the README's receiver), drops repeats by event id, and records every request it got. It can be
    taken down (its port then refuses connections) and brought back on the same port, answer with another status,
    answer slowly (`delay`: nothing until then), or trickle its answer (`trickle`: (bytes, seconds between them)). It
    counts the requests in flight per event id (`most_at_once`)."""

    def __init__(self, secret: str, port: int = 0):
        self.secret = secret
        self.requests: list[dict] = []  # every request that arrived, valid or not
        self.processed: dict[str, dict] = {}  # event id -> event, each handled once
        self.status, self.delay = 200, 0.0
        self.trickle: tuple[int, float] | None = None
        self.in_flight: dict[str, int] = {}
        self.most_at_once: dict[str, int] = {}  # event id -> the most requests for it in flight together
        self._lock = threading.Lock()
        self._server = None
        self.port = port
        self.up()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/kyc"

    def _handler(self):
        import hashlib
        import hmac
        import json
        import time
        from http.server import BaseHTTPRequestHandler

        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                event_id = self.headers.get("X-Verify-Event-Id", "")
                with receiver._lock:
                    receiver.in_flight[event_id] = receiver.in_flight.get(event_id, 0) + 1
                    receiver.most_at_once[event_id] = max(receiver.most_at_once.get(event_id, 0),
                                                          receiver.in_flight[event_id])
                try:
                    self._post()
                finally:
                    with receiver._lock:
                        receiver.in_flight[event_id] -= 1

            def _post(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.delay:
                    time.sleep(receiver.delay)
                timestamp = self.headers.get("X-Verify-Timestamp", "")
                expected = "sha256=" + hmac.new(receiver.secret.encode(), timestamp.encode() + b"." + body,
                                                hashlib.sha256).hexdigest()
                valid = hmac.compare_digest(expected, self.headers.get("X-Verify-Signature", ""))
                fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) < 300
                event = json.loads(body)
                with receiver._lock:
                    status = receiver.status if valid and fresh else 400
                    receiver.requests.append({"headers": dict(self.headers), "body": body, "valid": valid and fresh,
                                              "event": event, "status": status})
                    if status == 200:
                        receiver.processed.setdefault(event["id"], event)  # a repeat changes nothing
                self.send_response(status)
                if receiver.trickle is None:
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                count, interval = receiver.trickle
                self.send_header("Content-Length", str(count))
                self.end_headers()
                try:
                    for _ in range(count):  # one byte at a time, each well within any read timeout
                        self.wfile.write(b".")
                        self.wfile.flush()
                        time.sleep(interval)
                except OSError:  # the sender hung up
                    pass

        return Handler

    def up(self) -> None:
        """Listen (again, on the same port once it has one)."""
        from http.server import ThreadingHTTPServer

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_port
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def down(self) -> None:
        """Stop listening: connections to the port are refused."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def delivered(self) -> list[str]:
        """Event ids of the requests it accepted, in order, repeats included."""
        with self._lock:
            return [r["event"]["id"] for r in self.requests if r["status"] == 200]


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's; Playwright never downloads one
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


class LiveServer:
    """A WSGI app on a free loopback port, served from a thread (the browser tests' server)."""

    def __init__(self, app):
        from werkzeug.serving import make_server

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.thread.join(10)


def shot(page, name):
    """A full-page screenshot in test-artifacts/, the record of what a reviewer sees."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def wait_for(condition, timeout=15.0, what="the condition"):
    """Poll `condition` until it holds, or fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
