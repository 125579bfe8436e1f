import json

import numpy as np
import pytest

from tests.fakes import FakeFaces
from verify_service.config import Settings
from verify_service.pipeline.decision.policy import Decision, Policy, Reason
from verify_service.pipeline.faces.matching import FaceMatcher, FaceThresholds, FoundFace, MatchBand, main_face
from verify_service.pipeline.types import FaceBox

T = FaceThresholds("far_1e-3", match=0.30, reject=0.20)


@pytest.mark.parametrize("similarity, band", [(0.9, MatchBand.MATCH), (0.30, MatchBand.MATCH),
                                              (0.25, MatchBand.REVIEW), (0.20, MatchBand.REVIEW),
                                              (0.19, MatchBand.NO_MATCH), (-0.5, MatchBand.NO_MATCH)])
def test_bands(similarity, band):
    assert T.band(similarity) is band


def test_committed_calibration_is_read():
    calib = json.loads(Settings().face_calibration.read_text())
    t = FaceThresholds.from_calibration(Settings().face_calibration, "far_1e-3")
    assert t.match == calib["operating_points"]["far_1e-3"]["match"]
    assert t.reject < t.match
    assert calib["roc_auc"] > 0.99 and calib["genuine_pairs"] == 140 and calib["impostor_pairs"] == 388
    with pytest.raises(ValueError, match="far_1e-9"):
        FaceThresholds.from_calibration(Settings().face_calibration, "far_1e-9")


def test_main_face_is_the_largest():
    small, big = FaceBox((0, 0, 20, 20), 0.99), FaceBox((100, 100, 200, 220), 0.7)
    assert main_face([small, big], (480, 640)) is big
    assert main_face([], (480, 640)) is None


def test_missing_face_gives_null_match_not_a_score():
    matcher = FaceMatcher(None, None, T)
    unit = np.array([1.0, 0.0], np.float32)
    result = matcher.compare(FoundFace(True, [0, 0, 1, 1], 0.9, 1, unit), FoundFace(False))
    assert result.similarity is None and result.match is None and result.to_dict()["band"] is None
    same = matcher.compare(FoundFace(True, embedding=unit), FoundFace(True, embedding=unit))
    assert same.similarity == pytest.approx(1.0) and same.match is True
    assert same.to_dict()["review_band"] == [0.20, 0.30] and same.to_dict()["operating_point"] == "far_1e-3"


def test_policy_decides_by_the_worst_reason():
    policy = Policy()
    assert policy.decide([]) is Decision.PASS
    assert policy.decide([Reason("FACE_UNCERTAIN", "")]) is Decision.REVIEW
    assert policy.decide([Reason("FACE_UNCERTAIN", ""), Reason("SPOOF_SUSPECTED", "")]) is Decision.REJECT
    assert policy.decide([Reason("SOMETHING_NEW", "")]) is Decision.REVIEW  # unknown codes never pass


def test_policy_file_overrides(tmp_path):
    path = tmp_path / "policy.json"
    path.write_text(json.dumps({"actions": {"APPLICATION_MISMATCH": "reject", "ID_EXPIRED": "review"}}))
    policy = Policy.load(path)
    assert policy.decide([Reason("APPLICATION_MISMATCH", "")]) is Decision.REJECT
    assert policy.decide([Reason("ID_EXPIRED", "")]) is Decision.REVIEW
    path.write_text(json.dumps({"actions": {"FACE_MISMATCH": "pass"}}))
    with pytest.raises(ValueError, match="cannot be 'pass'"):
        Policy.load(path)


class RecordingEmbedder:
    """Embeds every face as the unit x vector and keeps the image and landmarks it was given."""

    def __init__(self):
        self.calls = []

    def embed(self, image, landmarks):
        self.calls.append((image, np.asarray(landmarks)))
        return np.array([1.0, 0.0], np.float32)


# A 112x112 crop is padded by 56 px on every side; the scripted face is in the padded photo's pixels.
TIGHT_IMAGE = np.tile(np.arange(112, dtype=np.uint8)[:, None, None], (1, 112, 3))  # rows 0..111: edges differ
PADDED_BOX = (60.0, 50.0, 170.0, 180.0)
PADDED_LANDMARKS = np.array([[90, 100], [140, 100], [115, 130], [95, 172], [135, 172]], np.float32)


def test_a_face_that_fills_the_photo_is_found_on_a_padded_copy():
    detector, embedder = FakeFaces([FaceBox(PADDED_BOX, 0.87, PADDED_LANDMARKS)], min_side=200), RecordingEmbedder()
    found, face = FaceMatcher(detector, embedder, T).selfie_face(TIGHT_IMAGE)
    assert detector.sizes == [None, 320]  # the photo as it is, then the padded copy at the small input
    # The box maps back by -56 px and is clipped to the photo; the landmarks are not (one mouth corner is below it).
    assert found.to_dict() == {"found": True, "bbox": [4, 0, 112, 112], "det_score": 0.87, "tight_crop": True}
    assert found.tight_crop and found.embedding is not None
    assert face.tight_crop and face.bbox == (4.0, 0.0, 112.0, 112.0) and face.score == 0.87
    np.testing.assert_allclose(face.landmarks, [[34, 44], [84, 44], [59, 74], [39, 116], [79, 116]])
    # ArcFace aligns on the padded photo, whose border repeats the edge pixels.
    (padded, landmarks), = embedder.calls
    assert padded.shape == (224, 224, 3)
    np.testing.assert_allclose(landmarks, PADDED_LANDMARKS)
    assert padded[0, 0, 0] == 0 and padded[223, 223, 0] == 111 and padded[56 + 40, 10, 0] == 40
    np.testing.assert_array_equal(padded[56:168, 56:168], TIGHT_IMAGE)


def test_an_ordinary_photo_is_not_retried_and_its_json_is_unchanged():
    detector = FakeFaces([FaceBox((40, 50, 120, 150), 0.9, PADDED_LANDMARKS)])
    found, face = FaceMatcher(detector, RecordingEmbedder(), T).selfie_face(np.zeros((200, 300, 3), np.uint8))
    assert detector.sizes == [None] and not face.tight_crop
    assert found.to_dict() == {"found": True, "bbox": [40, 50, 120, 150], "det_score": 0.9}


@pytest.mark.parametrize("faces, min_side", [
    ([], None),                                                       # nothing on the padded copy either
    ([FaceBox(PADDED_BOX, 0.87)], None),                              # found twice, never with landmarks
    ([FaceBox((100.0, 100.0, 130.0, 130.0), 0.9, PADDED_LANDMARKS)], 200),  # 30 px of 112: does not fill it
])
def test_the_padded_retry_finds_only_a_face_that_fills_the_photo(faces, min_side):
    detector, embedder = FakeFaces(faces, min_side), RecordingEmbedder()
    found, face = FaceMatcher(detector, embedder, T).selfie_face(TIGHT_IMAGE)
    assert face is None and embedder.calls == []
    assert found.to_dict() == {"found": False, "bbox": None, "det_score": None}
    assert detector.sizes == [None, 320]


def test_a_tight_card_portrait_is_found_and_mapped_to_the_card():
    # Hint 100 px wide at (150, 100): the crop (90, 40)-(310, 260) is upscaled 1.6x to 352 px and padded by 176.
    box = (176 + 16.0, 176 + 8.0, 176 + 320.0, 176 + 336.0)
    detector = FakeFaces([FaceBox(box, 0.8, PADDED_LANDMARKS + 176)], min_side=600)
    portrait = FaceMatcher(detector, RecordingEmbedder(), T).portrait_face(np.zeros((300, 400, 3), np.uint8),
                                                                          [150, 100, 250, 200])
    assert detector.sizes == [320, 320]
    assert portrait.to_dict() == {"found": True, "bbox": [100, 45, 290, 250], "det_score": 0.8, "tight_crop": True}


def test_new_reason_code_has_its_default_action():
    assert Policy().decide([Reason("NO_FACE_REFERENCE", "")]) is Decision.REVIEW


@pytest.mark.parametrize("turns", [0, 1, 2, 3])
def test_a_box_on_a_turned_portrait_maps_back_to_the_card(turns):
    from verify_service.pipeline.faces.matching import unturn_box

    card = np.zeros((60, 100), np.uint8)
    card[10:20, 70:90] = 255  # a 20x10 box at x 70-90, y 10-20
    turned = np.rot90(card, k=turns)
    ys, xs = np.nonzero(turned)
    box = [xs.min(), ys.min(), xs.max() + 1, ys.max() + 1]
    assert unturn_box(box, turns, 100, 60) == [70, 10, 90, 20]
