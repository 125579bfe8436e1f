"""Faces that are already tight crops (../shared/docs/DOMAIN.md, "Face matching"): 112x112 aligned faces, 160x160
face crops and ID-chip-sized 102x126 photos of deepface's labelled photos, cut independently of the service's own
detector by bench/eval_face_crops.py (OpenCV's YuNet), through /v1/face/compare and /v1/liveness."""

import io

import cv2
import pytest

from bench.eval_face_crops import DET_SCORE, YUNET, detect_main_face, make_crops, png
from tests.conftest import SHARED, post

FACES = SHARED / "testdata" / "faces" / "deepface"
pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (SHARED / "testdata").is_dir(), reason="../shared/testdata is not beside the repo"),
              pytest.mark.skipif(not (SHARED / YUNET).is_file(), reason=f"../shared/{YUNET} is not beside the repo")]

# Pairs deepface's own tests assert (../shared/testdata/README.md).
SAME = [("img1", "img2"), ("img5", "img6"), ("img6", "img7"), ("img8", "img9"), ("img1", "img11"), ("img2", "img11")]
DIFFERENT = [("img1", "img3"), ("img2", "img3"), ("img6", "img8"), ("img6", "img9")]
# crop kind -> (width, height, whether the face is found only on the padded retry). The chip photo laid out as
# GA 461-2004 asks (the face 58% of its width) leaves SCRFD enough margin; a tighter chip (70%) does not.
KINDS = {"aligned112": (112, 112, True), "crop160": (160, 160, True), "chip102x126": (102, 126, False),
         "chip_tight": (102, 126, True)}
TIGHT_CROP = "the face fills the photo: no background for the liveness model"


@pytest.fixture(scope="module")
def crops() -> dict[tuple[str, str], bytes]:
    """(kind, image) -> PNG bytes of every crop kind of the photos the pairs use."""
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    detector = cv2.FaceDetectorYN.create(str(SHARED / YUNET), "", (320, 320), DET_SCORE, 0.3, 5000)
    out = {}
    for name in sorted({n for pair in SAME + DIFFERENT for n in pair}):
        image = cv2.imread(str(FACES / f"{name}.jpg"))
        face = detect_main_face(detector, image)
        assert face is not None, name
        made, _ = make_crops(image, face)
        made["chip_tight"] = make_crops(image, face, chip_face_width=0.7)[0]["chip102x126"]
        for kind, crop in made.items():
            assert crop.shape[1::-1] == KINDS[kind][:2]
            out[kind, name] = png(crop)
    return out


def compare(client, a: tuple[bytes, str], b: tuple[bytes, str]) -> dict:
    r = post(client, "/v1/face/compare", {"image_a": (io.BytesIO(a[0]), a[1]), "image_b": (io.BytesIO(b[0]), b[1])})
    assert r.status_code == 200, r.json
    return r.json


def check_faces(body: dict, kinds: tuple[str, str]) -> None:
    """Both faces found, marked tight_crop exactly when the padded retry found them, the box inside the photo."""
    for face, kind in zip(body["faces"], kinds):
        assert face["found"] is True
        if kind == "full":
            assert "tight_crop" not in face
            continue
        width, height, tight = KINDS[kind]
        assert face.get("tight_crop", False) is tight
        x1, y1, x2, y2 = face["bbox"]
        assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("a, b", SAME)
def test_same_person_crops_match(real_client, crops, kind, a, b):
    body = compare(real_client, (crops[kind, a], f"{a}.png"), (crops[kind, b], f"{b}.png"))
    check_faces(body, (kind, kind))
    assert body["similarity"] is not None and body["match"] is True and body["band"] == "match", body


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_person_crops_do_not_match(real_client, crops, kind, a, b):
    body = compare(real_client, (crops[kind, a], f"{a}.png"), (crops[kind, b], f"{b}.png"))
    check_faces(body, (kind, kind))
    assert body["similarity"] is not None and body["match"] is False and body["band"] == "no_match", body


@pytest.mark.parametrize("kind", ["aligned112", "chip_tight"])
@pytest.mark.parametrize("a, b, same", [(a, b, True) for a, b in SAME] + [(a, b, False) for a, b in DIFFERENT])
def test_full_selfie_against_a_tight_reference(real_client, crops, kind, a, b, same):
    body = compare(real_client, ((FACES / f"{a}.jpg").read_bytes(), f"{a}.jpg"), (crops[kind, b], f"{b}.png"))
    check_faces(body, ("full", kind))
    assert body["match"] is same and body["band"] == ("match" if same else "no_match"), body


@pytest.mark.parametrize("kind", ["aligned112", "crop160", "chip_tight"])
def test_liveness_on_a_tight_crop_is_unknown_with_the_reason(real_client, crops, kind):
    body = post(real_client, "/v1/liveness", {"image": (io.BytesIO(crops[kind, "img1"]), "img1.png")}).json
    assert body == {"request_id": body["request_id"], "face_found": True, "score": None, "is_live": None,
                    "threshold": 0.5, "reason": TIGHT_CROP, "bbox": body["bbox"], "timings_ms": body["timings_ms"]}
    width, height, _ = KINDS[kind]
    x1, y1, x2, y2 = body["bbox"]
    assert 0 <= x1 < x2 <= width and 0 <= y1 < y2 <= height
