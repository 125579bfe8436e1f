"""MiniFASNet pre-processing exactly as upstream, and the unknown cases, with fake models."""

import numpy as np
import pytest

from tests.fakes import FACE_LANDMARKS, fake_liveness_model
from verify_service.pipeline.faces.liveness import LivenessChecker, crop_box, head_pose, model_input
from verify_service.pipeline.types import FaceBox


def test_crop_is_centred_and_scaled():
    # 100x100 face in the middle of a 1000x1000 image, 2.7x -> 270 px square centred on the face.
    assert crop_box(1000, 1000, (450, 450, 100, 100), 2.7) == (365, 365, 635, 635)


def test_crop_is_shifted_inside_not_padded():
    x1, y1, x2, y2 = crop_box(1000, 800, (10, 20, 100, 100), 4.0)
    assert (x1, y1) == (0, 0) and (x2, y2) == (400, 400)
    x1, y1, x2, y2 = crop_box(1000, 800, (880, 680, 100, 100), 4.0)
    assert (x2, y2) == (999, 799) and (x1, y1) == (599, 399)


def test_scale_shrinks_when_the_image_is_too_small():
    # 4.0 x 200 = 800 does not fit: the scale becomes min(479/200, 639/200) and the crop stays square.
    x1, y1, x2, y2 = crop_box(640, 480, (220, 140, 200, 200), 4.0)
    assert (x2 - x1, y2 - y1) == (479, 479) and y1 == 0


def test_model_input_is_bgr_raw_0_255_nchw():
    image = np.zeros((480, 640, 3), np.uint8)
    image[..., 0], image[..., 1], image[..., 2] = 10, 20, 30  # B, G, R
    blob = model_input(image, FaceBox((200, 100, 400, 350), 0.9), 2.7)
    assert blob.shape == (1, 3, 80, 80) and blob.dtype == np.float32
    assert blob[0, :, 40, 40].tolist() == [10.0, 20.0, 30.0]  # not divided by 255, channel order kept


def checker(live_a=4.0, live_b=4.0, **kw):
    return LivenessChecker([(2.7, fake_liveness_model(live_a)), (4.0, fake_liveness_model(live_b))], **kw)


FACE = FaceBox((200, 150, 330, 310), 0.9, FACE_LANDMARKS + np.array([170, 130], np.float32))
IMAGE = np.full((640, 480, 3), 128, np.uint8)


def test_score_is_the_mean_of_the_softmaxed_live_probabilities():
    result = checker(live_a=2.0, live_b=-1.0).check(IMAGE, FACE)
    p_a = np.exp(2.0) / (np.exp(2.0) + 2)
    p_b = np.exp(-1.0) / (np.exp(-1.0) + 2)
    assert result.score == pytest.approx((p_a + p_b) / 2)
    assert result.is_live is False and result.face_found and result.reason is None


def test_live_face():
    result = checker().check(IMAGE, FACE)
    assert result.is_live is True and result.score > 0.9
    assert result.to_dict()["bbox"] == [200, 150, 330, 310]


@pytest.mark.parametrize("face, reason", [
    (None, "no face found"),
    (FaceBox((200, 150, 240, 190), 0.9), "face too small"),
    (FaceBox((0, 150, 130, 310), 0.9), "face touches the image edge"),
    (FaceBox((200, 150, 330, 310), 0.9, np.array([[230, 210], [290, 210], [292, 240], [240, 270], [280, 270]],
                                                  np.float32)), "face turned too far"),
    (FaceBox((200, 150, 330, 310), 0.9, np.array([[230, 200], [270, 250], [240, 250], [220, 280], [250, 300]],
                                                  np.float32)), "head tilted too far"),
])
def test_faces_that_cannot_be_judged_are_unknown(face, reason):
    result = checker().check(IMAGE, face)
    assert result.score is None and result.is_live is None
    assert result.reason.startswith(reason)
    assert result.face_found is (face is not None)


def test_head_pose_of_a_frontal_face():
    yaw, roll = head_pose(FACE_LANDMARKS)
    assert yaw == pytest.approx(0.0) and roll == pytest.approx(0.0)


def test_a_tight_crop_is_unknown_not_a_guess():
    # Found only on a padded copy (matching.FaceMatcher.tight_face): no scene around the face for the 2.7x and
    # 4.0x crops. The reason comes first: such a face also touches the photo's edge.
    face = FaceBox((4.0, 0.0, 112.0, 112.0), 0.87, FACE_LANDMARKS - np.array([26, 36], np.float32), tight_crop=True)
    result = checker().check(np.full((112, 112, 3), 128, np.uint8), face)
    assert result.to_dict() == {"face_found": True, "score": None, "is_live": None, "threshold": 0.5,
                                "reason": "the face fills the photo: no background for the liveness model",
                                "bbox": [4, 0, 112, 112]}
    assert checker().check(IMAGE, FaceBox(FACE.bbox, FACE.score, FACE.landmarks, tight_crop=True)).score is None
