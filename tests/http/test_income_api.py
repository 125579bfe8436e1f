"""/v1/income-proof over HTTP with fake OCR: shape, PDF pages and bad input."""

import io

import pytest

from tests.conftest import TEST_SETTINGS
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
