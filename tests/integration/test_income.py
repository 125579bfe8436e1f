"""The real OCR on every sample income proof (letters, payslips, statements; PNG, phone photo, PDF)."""

import io
import json
import random

import numpy as np
import pytest

from tests.conftest import SAMPLES, post

pytestmark = pytest.mark.integration
DOCS = sorted(p for p in (SAMPLES / "income").iterdir() if p.suffix in (".png", ".jpg", ".pdf"))


def expected_of(doc):
    return json.loads(doc.with_suffix(doc.suffix + ".json").read_text(encoding="utf-8"))


def test_every_kind_and_variant_is_sampled():
    kinds = {(expected_of(d)["fields"]["document_kind"], expected_of(d)["variant"]) for d in DOCS}
    assert kinds == {(k, v) for k in ("income_certificate", "payslip", "bank_statement")
                     for v in ("scan", "photo", "pdf")}
    assert any("_words_" in d.name for d in DOCS) and any("_seal_" in d.name for d in DOCS)


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_sample_income_proof_is_read_exactly(real_client, doc):
    expected = expected_of(doc)
    r = post(real_client, "/v1/income-proof", {"document": (io.BytesIO(doc.read_bytes()), doc.name),
                                               "name": expected["fields"]["name"]})
    assert r.status_code == 200, r.json
    body = r.json
    assert body["document_kind"] == expected["fields"]["document_kind"]
    assert {k: v["value"] for k, v in body["fields"].items()} == expected["fields"]
    checks = {c["code"]: c["status"] for c in body["checks"]}
    for code, status in expected["checks"].items():
        assert checks[code] == status, code
    assert checks["NAME_MATCHES"] == "pass"
    if doc.suffix == ".pdf" and expected["fields"]["document_kind"] == "bank_statement":
        assert body["pages"] == 2 and {c["page"] for c in body["salary_credits"]} == {1, 2}


def test_verify_with_an_income_proof(real_app):
    """The income proof of someone else, with a declared income far from it: INCOME_INCONSISTENT, never a pass."""
    from sample_docs import generate

    rng = random.Random(3)
    person = generate.make_person(rng)
    front, _ = generate.card_photos(person, generate._face_sources()[0], rng)
    letter = next(d for d in DOCS if d.name == "certificate00_scan.png")
    data = {"id_front": (io.BytesIO(_jpeg(front)), "f.jpg"), "selfie": (io.BytesIO(_jpeg(front)), "s.jpg"),
            "income_proof": (io.BytesIO(letter.read_bytes()), letter.name),
            "application": json.dumps({"monthly_income": expected_of(letter)["fields"]["monthly_income"] * 2})}
    body = post(real_app.test_client(), "/v1/verify", data).json
    codes = [r["code"] for r in body["reasons"]]
    assert body["income_proof"]["document_kind"] == "income_certificate"
    assert body["income_proof"]["fields"]["monthly_income"]["value"] == expected_of(letter)["fields"]["monthly_income"]
    assert codes.count("INCOME_INCONSISTENT") == 3  # name, ID number, and the declared income
    assert body["decision"] != "pass"


def _jpeg(img):
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    return buf.getvalue()


def test_a_line_the_classifier_turns_on_an_upright_page_keeps_its_better_reading(real_app, monkeypatch):
    """The 0/180 classifier misjudges the odd line (a long one squashed into its small input): on a page whose
    lines are mostly upright, such a line is recognised both ways and the better reading wins."""
    from PIL import Image, ImageDraw

    from sample_docs.income_families import SANS
    from sample_docs.income_families import font as cjk_font

    font = cjk_font(SANS, 30)
    page = Image.new("RGB", (1300, 360), "white")
    draw = ImageDraw.Draw(page)
    texts = ["支付宝交易流水证明", "兹证明：冯强娜在支付宝的账户于2026-06-01至2026-10-15期间的交易流水如下：",
             "开具时间：2026-10-16", "交易笔数：34笔"]
    for i, text in enumerate(texts):
        draw.text((40, 30 + 80 * i), text, font=font, fill="black")
    ocr = real_app.extensions["verify"].registry.ocr
    image = np.asarray(page)[:, :, ::-1].copy()
    upright = {ln.text for ln in ocr.read(image).lines}
    assert texts[1] in upright
    real_cls = ocr.cls

    def turn_the_long_line(crops):  # the classifier's verdict on the long line: 180, sure of it
        out = real_cls(crops)
        longest = max(range(len(crops)), key=lambda i: crops[i].shape[1])
        out.cls_res[longest] = ("180", 0.99)
        out.img_list[longest] = np.rot90(crops[longest], 2)
        return out

    monkeypatch.setattr(ocr, "cls", turn_the_long_line)
    lines = ocr.read(image).lines
    long_line = next(ln for ln in lines if ln.text.startswith("兹证明"))
    assert (long_line.text, long_line.upside_down) == (texts[1], False)
