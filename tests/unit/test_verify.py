"""The verification's reasons and decision, with fake engines: which finding leads to which reason."""

import datetime as dt
import io

import numpy as np
import pytest

from tests.fakes import (
    BACK,
    FACE_LANDMARKS,
    FRONT,
    LETTER,
    FakeEmbedder,
    FakeFaces,
    FakeOcr,
    fake_liveness_model,
    jpeg,
    line,
)
from verify_service.errors import InvalidParameter
from verify_service.pipeline.decision.policy import Policy
from verify_service.pipeline.documents.cn_id_card.reader import IdCardReader
from verify_service.pipeline.documents.income.reader import IncomeReader
from verify_service.pipeline.faces.liveness import LivenessChecker
from verify_service.pipeline.faces.matching import FaceMatcher, FaceThresholds
from verify_service.pipeline.types import FaceBox
from verify_service.pipeline.verify import Application, Verifier

IMAGE = np.full((540, 856, 3), 200, np.uint8)
FACE = FaceBox((300, 150, 430, 310), 0.9, FACE_LANDMARKS + np.array([270, 130], np.float32))


class SideOcr(FakeOcr):
    """Front lines for the first image it reads and back lines for a marked one."""

    def read(self, image):
        self.lines = BACK_LINES if image[0, 0, 0] == 1 else FRONT_LINES
        return super().read(image)


FRONT_LINES, BACK_LINES = list(FRONT), list(BACK)


def verifier(front_lines=FRONT, back_lines=BACK, live_logit=4.0, faces=(FACE,), embed_b=None, embedder=None,
             face_detector=None):
    global FRONT_LINES, BACK_LINES
    FRONT_LINES, BACK_LINES = list(front_lines), list(back_lines)
    reader = IdCardReader(SideOcr(), FakeFaces(faces), lambda: dt.date(2026, 11, 1))
    embedder = embedder or (FakeEmbedder() if embed_b is None else SequenceEmbedder(embed_b))
    matcher = FaceMatcher(face_detector or FakeFaces(faces), embedder, FaceThresholds("far_1e-3", 0.3, 0.2))
    live = LivenessChecker([(2.7, fake_liveness_model(live_logit)), (4.0, fake_liveness_model(live_logit))])
    return Verifier(reader, matcher, live, Policy(), None, lambda: {"provider": "cpu", "models": {}})


class SequenceEmbedder:
    """Selfie first (the unit x vector), then the portrait (the given vector)."""

    def __init__(self, second):
        self.vectors = [np.array([1.0, 0.0], np.float32), np.asarray(second, np.float32)]
        self.calls = 0

    def embed(self, image, landmarks):
        v = self.vectors[min(self.calls, 1)]
        self.calls += 1
        return v / np.linalg.norm(v)


def back_image():
    img = IMAGE.copy()
    img[0, 0, 0] = 1
    return img


def codes(result):
    return [r.code for r in result.reasons]


def test_everything_checked_and_passed_is_a_pass():
    result = verifier().verify(IMAGE, IMAGE, back_image())
    assert codes(result) == [] and result.decision.value == "pass"
    body = result.to_dict()
    assert body["face_match"]["match"] is True and body["liveness"]["is_live"] is True
    assert body["id_card"]["front"]["side"] == "front" and body["id_card"]["back"]["side"] == "back"
    assert set(body["timings_ms"]) >= {"id_front", "id_back", "portrait_face", "selfie_face", "liveness", "total"}


def test_back_validity_rule_uses_the_birth_date_from_the_front():
    # Born 1983, card issued 2015 (age 31) for 20 years: legal. As long-term it is not.
    back = [ln if not ln.text.startswith("2015") else line("2015.03.07-长期", 300, 433, 300) for ln in BACK]
    result = verifier(back_lines=back).verify(IMAGE, IMAGE, back_image())
    rule = next(c for c in result.back.checks if c.code == "VALIDITY_PERIOD_RULE")
    assert rule.status.value == "fail" and "age 31" in rule.message
    assert "ID_DATA_INCONSISTENT" in codes(result) and result.decision.value == "review"


@pytest.mark.parametrize("embed_b, code, decision", [
    ([0.0, 1.0], "FACE_MISMATCH", "reject"),       # similarity 0
    ([0.25, 0.968], "FACE_UNCERTAIN", "review"),    # similarity 0.25: in the review band
])
def test_face_bands(embed_b, code, decision):
    result = verifier(embed_b=embed_b).verify(IMAGE, IMAGE)
    assert codes(result) == [code] and result.decision.value == decision


def test_spoof_is_rejected():
    result = verifier(live_logit=-4.0).verify(IMAGE, IMAGE)
    assert codes(result) == ["SPOOF_SUSPECTED"] and result.decision.value == "reject"


def test_no_faces_are_review_with_null_match():
    result = verifier(faces=()).verify(IMAGE, IMAGE)
    assert codes(result) == ["NO_FACE_SELFIE", "NO_FACE_ID"] and result.decision.value == "review"
    assert result.to_dict()["face_match"]["match"] is None and result.to_dict()["liveness"]["score"] is None


def test_invalid_number_read_confidently_is_rejected_but_a_shaky_read_is_reviewed():
    bad = [ln if ln.text != "330106198311020751" else line("330106198311020752", 270, 438, 480) for ln in FRONT]
    assert verifier(front_lines=bad).verify(IMAGE, IMAGE).decision.value == "reject"
    shaky = [ln if ln.text != "330106198311020751" else line("330106198311020752", 270, 438, 480, score=0.6)
             for ln in FRONT]
    result = verifier(front_lines=shaky).verify(IMAGE, IMAGE)
    assert codes(result) == ["FIELD_UNREADABLE"] and result.decision.value == "review"


def test_expired_card_is_rejected():
    back = [ln if not ln.text.startswith("2015") else line("2005.03.07-2025.03.07", 300, 433, 300) for ln in BACK]
    result = verifier(back_lines=back).verify(IMAGE, IMAGE, back_image())
    assert "ID_EXPIRED" in codes(result) and result.decision.value == "reject"


def test_unreadable_fields_are_named_and_reviewed():
    front = [ln for ln in FRONT if ln.text not in ("董兰", "男")]
    result = verifier(front_lines=front).verify(IMAGE, IMAGE)
    assert codes(result) == ["FIELD_UNREADABLE", "LOW_QUALITY", "CHECK_UNKNOWN"]
    assert result.reasons[0].message == "ID card front: name, sex"
    assert result.reasons[1].message == "ID card front photo: blurry"  # a flat grey test image has no edges
    assert result.decision.value == "review"


def test_declared_data_is_cross_checked_without_echoing_it():
    application = Application.parse('{"name": "董兰", "id_number": "11010519491231002x", "monthly_income": 12000}')
    result = verifier().verify(IMAGE, IMAGE, None, application)
    assert codes(result) == ["APPLICATION_MISMATCH"]
    assert "110105" not in result.reasons[0].message and result.decision.value == "review"


def income_verifier(lines):
    v = verifier()
    v.income = IncomeReader(FakeOcr(lines), lambda: dt.date(2026, 11, 1))
    return v


def test_income_proof_is_read_and_cross_checked():
    # The letter names 马浩; the card (FRONT) is 董兰's; a seal is missing; the declared income is far off.
    application = Application(monthly_income=9000.0)
    result = income_verifier(LETTER).verify(IMAGE, IMAGE, None, application, income_proof=[IMAGE])
    assert codes(result) == ["INCOME_INCONSISTENT", "INCOME_INCONSISTENT", "INCOME_PROOF_UNSEALED",
                             "INCOME_INCONSISTENT"]
    messages = [r.message for r in result.reasons]
    assert messages[0] == "income proof's name differs from the ID card"
    assert "differs from the income proof by 42%" in messages[3]
    assert result.to_dict()["income_proof"]["fields"]["monthly_income"]["value"] == 5200.0
    assert result.decision.value == "review" and "income_proof" in result.timings_ms


def test_unrecognised_income_proof_is_unreadable():
    result = income_verifier([line("菜单", 10, 10)]).verify(IMAGE, IMAGE, None, None, income_proof=[IMAGE])
    assert codes(result) == ["FIELD_UNREADABLE"] and result.decision.value == "review"


@pytest.mark.parametrize("raw, message", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('{"name": 5}', "application.name"),
    ('{"id_number": "123"}', "application.id_number"),
    ('{"monthly_income": "lots"}', "monthly_income"),
    ('{"monthly_income": -5}', "monthly_income"),
    ('{"monthly_income": true}', "monthly_income"),
    ('{"salary": 5}', "unknown fields: salary"),
])
def test_bad_application_json(raw, message):
    with pytest.raises(InvalidParameter, match=message):
        Application.parse(raw)


def test_good_application_json():
    app = Application.parse('{"name": "张三", "id_number": "11010519491231002x", "monthly_income": 8000.5}')
    assert app == Application("张三", "11010519491231002X", 8000.5)
    assert Application.parse("") == Application()


def test_swapped_sides_are_reported_not_crashed():
    # Both images read as a back: the front slot holds the back of a card.
    result = verifier(front_lines=BACK).verify(back_image(), IMAGE, back_image())
    assert codes(result)[:1] == ["ID_SIDE_MISMATCH"]
    assert "NO_FACE_ID" in codes(result) and result.decision.value == "review"
    assert result.to_dict()["id_card"]["front"]["side"] == "back"


REFERENCE, NO_FACE = 7, 9  # top-left green values that mark a reference photo, and a photo without a face


def marked(mark):
    """A photo whose top-left pixel says what it is (a padded copy repeats it, so the mark survives the retry)."""
    img = IMAGE.copy()
    img[0, 0, 1] = mark
    return img


class MarkedEmbedder:
    """The reference photo embeds as the given vector; the selfie and the card portrait as the unit x vector."""

    def __init__(self, reference):
        self.reference = np.asarray(reference, np.float32)

    def embed(self, image, landmarks):
        v = self.reference if image[0, 0, 1] == REFERENCE else np.array([1.0, 0.0], np.float32)
        return v / np.linalg.norm(v)


class MarkedFaces(FakeFaces):
    """Finds the scripted face in every photo but a marked faceless one."""

    def detect(self, image, size=None):
        return [] if image[0, 0, 1] == NO_FACE else super().detect(image, size)


def test_without_a_reference_photo_reference_match_is_null():
    result = verifier().verify(IMAGE, IMAGE)
    assert result.reference_match is None and result.to_dict()["reference_match"] is None
    assert "reference_face" not in result.timings_ms


def test_reference_photo_of_the_same_person_is_reported_and_passes():
    result = verifier(embedder=MarkedEmbedder([1.0, 0.1])).verify(IMAGE, IMAGE, reference=marked(REFERENCE))
    assert codes(result) == [] and result.decision.value == "pass"
    body = result.to_dict()
    assert body["reference_match"] == {
        "similarity": 0.995, "match": True, "band": "match", "threshold": 0.3, "review_band": [0.2, 0.3],
        "operating_point": "far_1e-3",
        "faces": [{"found": True, "bbox": [300, 150, 430, 310], "det_score": 0.9}] * 2}
    assert body["face_match"]["similarity"] == 1.0 and "reference_face" in result.timings_ms


@pytest.mark.parametrize("reference, code, decision, message", [
    ([0.0, 1.0], "FACE_MISMATCH", "reject",
     "selfie against the reference photo: similarity 0.000 is below 0.2 (far_1e-3)"),
    ([0.25, 0.968], "FACE_UNCERTAIN", "review",
     "selfie against the reference photo: similarity 0.250 is in the review band 0.2-0.3 (far_1e-3)"),
])
def test_reference_photo_bands(reference, code, decision, message):
    result = verifier(embedder=MarkedEmbedder(reference)).verify(IMAGE, IMAGE, reference=marked(REFERENCE))
    assert codes(result) == [code] and result.decision.value == decision
    assert result.reasons[0].message == message
    assert result.to_dict()["face_match"]["match"] is True  # the card portrait still matches


def test_reference_photo_without_a_face_is_reviewed():
    result = verifier(face_detector=MarkedFaces([FACE])).verify(IMAGE, IMAGE, reference=marked(NO_FACE))
    assert codes(result) == ["NO_FACE_REFERENCE"] and result.decision.value == "review"
    assert result.reasons[0].message == "no face found in the reference photo"
    body = result.to_dict()["reference_match"]
    assert body["similarity"] is None and body["match"] is None and body["band"] is None
    assert body["faces"][1] == {"found": False, "bbox": None, "det_score": None}


def test_reference_photo_part_reaches_the_verifier(client):
    def parts(*names):
        return {part: (io.BytesIO(jpeg()), f"{part}.jpg") for part in names}

    body = client.post("/v1/verify", data=parts("id_front", "selfie", "reference_photo")).json
    assert body["reference_match"]["similarity"] == 1.0 and body["reference_match"]["faces"][1]["found"] is True
    assert "reference_face" in body["timings_ms"]
    assert client.post("/v1/verify", data=parts("id_front", "selfie")).json["reference_match"] is None
