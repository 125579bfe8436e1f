import json

import numpy as np
import pytest

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
