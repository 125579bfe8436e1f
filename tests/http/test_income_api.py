"""/v1/income-proof over HTTP with fake OCR: shape, PDF pages and bad input."""

import io
import resource
import struct
import time
import zlib

import pytest

from tests.conftest import TEST_SETTINGS, post
from tests.fakes import ENCRYPTED, LETTER, FakeOcr, FakeRegistry, jpeg, pdf_bytes
from verify_service import create_app


@pytest.fixture
def letter_client():
    return create_app(TEST_SETTINGS, registry=FakeRegistry(ocr=FakeOcr(LETTER))).test_client()


def test_income_proof_from_a_two_page_pdf(letter_client):
    data = {"document": (io.BytesIO(pdf_bytes(pages=2)), "proof.pdf"), "name": "马浩", "id_number": "370202198609286023"}
    body = letter_client.post("/v1/income-proof", data=data).json
    assert body["document_type"] == "income_proof" and body["document_kind"] == "income_certificate"
    assert body["pages"] == 2
    assert body["fields"]["monthly_income"] == {"value": 5200.0, "confidence": 0.99, "page": 1}
    checks = {c["code"]: c["status"] for c in body["checks"]}
    assert checks == {"AMOUNT_WORDS_MATCH": "pass", "SEAL_PRESENT": "fail", "NAME_MATCHES": "pass",
                      "ID_NUMBER_MATCHES": "pass", "ISSUE_DATE_RECENT": "pass"}
    assert body["seal"] == {"found": False}


@pytest.mark.parametrize("data, status, code", [
    ({}, 400, "MISSING_FILE"),
    ({"document": (io.BytesIO(b""), "a.pdf")}, 400, "EMPTY_FILE"),
    ({"document": (io.BytesIO(b"plain text"), "a.pdf")}, 415, "UNSUPPORTED_MEDIA"),
    ({"document": (io.BytesIO(b"%PDF-1.7 broken"), "a.pdf")}, 422, "INVALID_PDF"),
    ({"document": (io.BytesIO(ENCRYPTED), "a.pdf")}, 422, "PDF_ENCRYPTED"),
    ({"document": (io.BytesIO(pdf_bytes(pages=6)), "a.pdf")}, 413, "TOO_MANY_PAGES"),
    ({"document": (io.BytesIO(jpeg()), "a.jpg"), "id_number": "12345"}, 400, "INVALID_PARAMETER"),
    ({"document": (io.BytesIO(jpeg()), "a.jpg"), "name": "名" * 100}, 400, "INVALID_PARAMETER"),
])
def test_bad_income_input(letter_client, data, status, code):
    r = letter_client.post("/v1/income-proof", data=data)
    assert r.status_code == status and r.json["error"]["code"] == code
    assert letter_client.get("/readyz").status_code == 200


def test_pdf_page_limit_is_configurable():
    client = create_app(dict(TEST_SETTINGS, max_pdf_pages=1), registry=FakeRegistry(ocr=FakeOcr(LETTER))).test_client()
    r = client.post("/v1/income-proof", data={"document": (io.BytesIO(pdf_bytes(pages=2)), "a.pdf")})
    assert r.status_code == 413 and "VERIFY_MAX_PDF_PAGES" in r.json["error"]["message"]


# Issue 14, item 2: PDFs that amplify (a content stream that inflates to gigabytes, pages of a square metre).
def pdf_document(pages) -> bytes:
    """A PDF with an xref table from (width_pt, height_pt, content_stream_object_body) per page."""
    objects = [b"<</Type/Catalog/Pages 2 0 R>>"]
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(f"<</Type/Pages/Kids[{kids}]/Count {len(pages)}>>".encode())
    for i, (width, height, content) in enumerate(pages):
        objects.append(f"<</Type/Page/Parent 2 0 R/MediaBox[0 0 {width} {height}]/Contents {4 + 2 * i} 0 R>>".encode())
        objects.append(content)
    out, offsets = bytearray(b"%PDF-1.7\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data: bytes, filters: str = "") -> bytes:
    return f"<</Length {len(data)}{filters}>>\nstream\n".encode() + data + b"\nendstream"


def deflate_bomb(megabytes: int, unit: bytes = b"q Q ") -> bytes:
    """A zlib stream of `megabytes` MB of `unit` repeated, made without ever holding the expansion in memory:
    after a full flush deflate starts afresh, so one compressed megabyte can be repeated (~1000:1)."""
    chunk = unit * (1024 * 1024 // len(unit))
    packer = zlib.compressobj(9)
    head = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    tail = packer.flush()[:-4]  # the final empty block; the checksum below covers every repetition
    checksum = 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return head + block * (megabytes - 1) + tail + struct.pack(">I", checksum)


def content_bomb(megabytes: int) -> bytes:
    return pdf_document([(595, 842, stream(deflate_bomb(megabytes), "/Filter/FlateDecode"))])


def large_pages_bomb() -> bytes:
    return pdf_document([(3390, 3390, stream(b"0 0 1 rg 0 0 3390 3390 re f"))] * 5)


def rss_mb() -> float:
    """The test process's resident memory now (the Flask app runs in it, as a worker would)."""
    with open("/proc/self/status") as status:
        return next(int(ln.split()[1]) for ln in status if ln.startswith("VmRSS:")) / 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BOMBS = {"content_1_5_gb": lambda: content_bomb(1536), "content_1_gb": lambda: content_bomb(1024),
         "five_pages_of_3390_pt": large_pages_bomb}


@pytest.mark.parametrize("name", BOMBS)
def test_pdf_bombs_are_refused_quickly_and_cheaply(name):
    data = BOMBS[name]()
    assert len(data) < 2 * 1024 * 1024
    client = create_app(dict(TEST_SETTINGS, request_timeout=10), registry=FakeRegistry(ocr=FakeOcr(LETTER))).test_client()
    rss, peak, t0 = rss_mb(), peak_mb(), time.monotonic()
    r = post(client, "/v1/income-proof", {"document": (io.BytesIO(data), "bomb.pdf")})
    elapsed = time.monotonic() - t0
    assert r.status_code in (413, 422, 504), r.data
    assert r.json["error"]["code"] in ("PDF_TOO_COMPLEX", "TIMEOUT") and r.json["error"]["message"]
    assert elapsed < 10, elapsed
    assert rss_mb() - rss < 300 and peak_mb() - peak < 300
    assert client.get("/readyz").status_code == 200


def test_pdf_bomb_in_verify_is_refused():
    client = create_app(dict(TEST_SETTINGS, request_timeout=10), registry=FakeRegistry(ocr=FakeOcr(LETTER))).test_client()
    data = {"id_front": (io.BytesIO(jpeg()), "f.jpg"), "selfie": (io.BytesIO(jpeg()), "s.jpg"),
            "income_proof": (io.BytesIO(content_bomb(1024)), "bomb.pdf")}
    t0 = time.monotonic()
    r = post(client, "/v1/verify", data)
    assert r.status_code in (413, 422, 504) and r.json["error"]["code"] in ("PDF_TOO_COMPLEX", "TIMEOUT")
    assert time.monotonic() - t0 < 10


def test_income_proof_has_the_request_deadline():
    class SlowOcr(FakeOcr):
        def read(self, image):
            time.sleep(0.4)
            return super().read(image)

    client = create_app(dict(TEST_SETTINGS, request_timeout=1), registry=FakeRegistry(ocr=SlowOcr(LETTER))).test_client()
    t0 = time.monotonic()
    r = client.post("/v1/income-proof", data={"document": (io.BytesIO(pdf_bytes(pages=5)), "proof.pdf")})
    assert r.status_code == 504 and r.json["error"]["code"] == "TIMEOUT"
    assert time.monotonic() - t0 < 2.5
    assert client.get("/readyz").status_code == 200
