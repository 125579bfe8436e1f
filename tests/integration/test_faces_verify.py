"""Real models on real faces: calibrated face matching on deepface's labelled pairs, liveness on upstream's
samples, and /v1/verify on synthetic ID cards whose portraits are cut from those photos."""

import csv
import io
import random
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageOps

from sample_docs import generate
from tests.conftest import SHARED, post

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not (SHARED / "testdata").is_dir(), reason="../shared/testdata is not beside the repo")]
FACES = SHARED / "testdata" / "faces" / "deepface"
LIVENESS = SHARED / "testdata" / "liveness"

# Pairs deepface's own tests assert (../shared/testdata/README.md).
SAME = [("img1", "img2"), ("img5", "img6"), ("img6", "img7"), ("img8", "img9"), ("img1", "img11"), ("img2", "img11")]
DIFFERENT = [("img1", "img3"), ("img2", "img3"), ("img6", "img8"), ("img6", "img9")]


def upload(path: Path) -> tuple[io.BytesIO, str]:
    """A multipart file part read into memory (no file handle left open)."""
    return io.BytesIO(path.read_bytes()), path.name


def compare(client, a: Path, b: Path) -> dict:
    r = post(client, "/v1/face/compare", {"image_a": upload(a), "image_b": upload(b)})
    assert r.status_code == 200, r.json
    return r.json


@pytest.mark.parametrize("a, b", SAME)
def test_same_person_matches(real_client, a, b):
    body = compare(real_client, FACES / f"{a}.jpg", FACES / f"{b}.jpg")
    assert body["match"] is True and body["band"] == "match" and body["similarity"] >= body["threshold"]


@pytest.mark.parametrize("a, b", DIFFERENT)
def test_different_people_do_not_match(real_client, a, b):
    body = compare(real_client, FACES / f"{a}.jpg", FACES / f"{b}.jpg")
    assert body["match"] is False and body["band"] == "no_match"


def test_all_labelled_pairs_at_the_calibrated_threshold(real_app):
    """No impostor pair matches at the default operating point and no genuine pair falls below the reject line."""
    matcher = real_app.extensions["verify"].matcher
    emb = {p.stem: matcher.selfie_face(cv2.imread(str(p)))[0].embedding for p in FACES.glob("*.jpg")}
    assert all(e is not None for e in emb.values())
    bands = {"1": [], "0": []}
    for row in csv.DictReader((FACES / "pairs.csv").read_text().splitlines()):
        sim = float(np.dot(emb[Path(row["img1"]).stem], emb[Path(row["img2"]).stem]))
        bands[row["same_person"]].append(matcher.thresholds.band(sim).value)
    assert len(bands["1"]) == 140 and len(bands["0"]) == 388
    assert bands["0"].count("match") == 0
    assert bands["1"].count("no_match") == 0
    assert bands["1"].count("match") >= 0.97 * 140


@pytest.mark.parametrize("name, live", [("image_T1", True), ("image_T2", True), ("image_F1", False), ("image_F2", False)])
def test_liveness_samples(real_client, name, live):
    path = LIVENESS / f"{name}.jpg"
    body = post(real_client, "/v1/liveness", {"image": upload(path)}).json
    assert body["face_found"] is True and body["is_live"] is live, body


def test_liveness_without_a_face_is_unknown(real_client):
    import skimage

    path = Path(skimage.__file__).parent / "data" / "coffee.png"
    body = post(real_client, "/v1/liveness", {"image": upload(path)}).json
    assert body == {"request_id": body["request_id"], "face_found": False, "score": None, "is_live": None,
                    "threshold": 0.5, "reason": "no face found", "timings_ms": body["timings_ms"]}


def jpeg(img: Image.Image) -> io.BytesIO:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    buf.seek(0)
    return buf


def portrait_from(app, path: Path) -> Image.Image:
    """An ID-photo crop around the main face of a photo."""
    with Image.open(path) as img:
        photo = ImageOps.exif_transpose(img).convert("RGB")
    bgr = cv2.cvtColor(np.asarray(photo), cv2.COLOR_RGB2BGR)
    face = max(app.extensions["verify"].registry.faces.detect(bgr), key=lambda f: f.width * f.height)
    return generate.portrait_crop(photo, face.bbox)


def verify(app, portrait: Image.Image, selfie: Path | tuple[io.BytesIO, str], seed: int, turn: int = 0,
           **extra) -> dict:
    rng = random.Random(seed)
    person = generate.make_person(rng)
    front, back = generate.card_photos(person, portrait, rng, upside_down=seed % 2 == 1)
    if turn:  # the phone held upright: the picture turned `turn` degrees clockwise
        front = front.rotate(-turn, expand=True)
    data = {"id_front": (jpeg(front), "front.jpg"), "id_back": (jpeg(back), "back.jpg"),
            "selfie": upload(selfie) if isinstance(selfie, Path) else selfie, **extra}
    r = post(app.test_client(), "/v1/verify", data)
    assert r.status_code == 200, r.json
    body = r.json
    # Every field's exact reading is test_id_cards' business; here the identity fields must be right.
    fields = body["id_card"]["front"]["fields"]
    assert (fields["name"]["value"], fields["id_number"]["value"]) == (person.name, person.id_number)
    return body


def codes(body):
    return [r["code"] for r in body["reasons"]]


def test_verify_live_selfie_of_the_card_holder_passes(real_app):
    body = verify(real_app, portrait_from(real_app, LIVENESS / "image_T1.jpg"), LIVENESS / "image_T1.jpg", 10)
    assert body["decision"] == "pass", body["reasons"]
    assert body["face_match"]["match"] is True and body["liveness"]["is_live"] is True
    assert set(body["timings_ms"]) >= {"id_front", "id_back", "portrait_face", "selfie_face", "liveness", "total"}
    assert body["runtime"]["provider"] == "cpu" and "face_rec" in body["runtime"]["models"]
    assert body["reference_match"] is None and "reference_face" not in body["timings_ms"]


@pytest.mark.parametrize("portrait, selfie, seed", [("img1", "img2", 11), ("img6", "img7", 12), ("img8", "img9", 13)])
def test_verify_same_person_is_never_rejected_for_the_face(real_app, portrait, selfie, seed):
    body = verify(real_app, portrait_from(real_app, FACES / f"{portrait}.jpg"), FACES / f"{selfie}.jpg", seed)
    assert "FACE_MISMATCH" not in codes(body)
    assert body["face_match"]["band"] in ("match", "review")
    assert body["decision"] in ("pass", "review")


@pytest.mark.parametrize("turn", [90, 270])
def test_verify_a_card_shot_in_portrait_mode_passes_its_holder(real_app, turn):
    body = verify(real_app, portrait_from(real_app, LIVENESS / "image_T1.jpg"), LIVENESS / "image_T1.jpg", 20, turn)
    front = body["id_card"]["front"]
    assert front["orientation"]["rotation"] == turn and front["portrait"]["found"] is True
    assert body["face_match"]["match"] is True and body["decision"] == "pass", body["reasons"]


@pytest.mark.parametrize("portrait, selfie, seed", [("img1", "img3", 14), ("img6", "img8", 15),
                                                     ("img3", "image_T1", 16)])
def test_verify_different_person_never_passes(real_app, portrait, selfie, seed):
    selfie_path = LIVENESS / f"{selfie}.jpg" if selfie.startswith("image") else FACES / f"{selfie}.jpg"
    body = verify(real_app, portrait_from(real_app, FACES / f"{portrait}.jpg"), selfie_path, seed)
    assert body["decision"] != "pass"
    assert "FACE_MISMATCH" in codes(body) and body["decision"] == "reject"


def test_verify_spoofed_selfie_is_rejected(real_app):
    body = verify(real_app, portrait_from(real_app, LIVENESS / "image_T1.jpg"), LIVENESS / "image_F2.jpg", 17)
    assert "SPOOF_SUSPECTED" in codes(body) and body["decision"] == "reject"


def test_card_whose_portrait_is_not_a_face_never_matches(real_app):
    import skimage

    with Image.open(Path(skimage.__file__).parent / "data" / "coffee.png") as img:
        not_a_face = img.convert("RGB")
    body = verify(real_app, not_a_face, LIVENESS / "image_T1.jpg", 18)
    assert body["face_match"]["match"] is None and body["id_card"]["front"]["portrait"]["found"] is False
    assert "NO_FACE_ID" in codes(body) and body["decision"] != "pass"


def test_verify_declared_data_mismatch(real_app):
    body = verify(real_app, portrait_from(real_app, LIVENESS / "image_T1.jpg"), LIVENESS / "image_T1.jpg", 10,
                  application='{"id_number": "11010519491231002X"}')
    assert codes(body) == ["APPLICATION_MISMATCH"] and body["decision"] == "review"


@pytest.fixture(scope="module")
def tight_crops():
    """kind -> image -> PNG bytes: bench/eval_face_crops.py's crops (cut with OpenCV's YuNet, not the service's
    detector) of a few photos; `chip_tight` is the chip photo with the face 70% of its width."""
    from bench.eval_face_crops import DET_SCORE, YUNET, detect_main_face, make_crops, png

    if not (SHARED / YUNET).is_file():
        pytest.skip(f"../shared/{YUNET} is not beside the repo")
    cv2.utils.logging.setLogLevel(cv2.utils.logging.LOG_LEVEL_ERROR)
    detector = cv2.FaceDetectorYN.create(str(SHARED / YUNET), "", (320, 320), DET_SCORE, 0.3, 5000)
    out: dict = {"aligned112": {}, "chip_tight": {}}
    for name in ("img2", "img3", "img11"):
        image = cv2.imread(str(FACES / f"{name}.jpg"))
        face = detect_main_face(detector, image)
        out["aligned112"][name] = png(make_crops(image, face)[0]["aligned112"])
        out["chip_tight"][name] = png(make_crops(image, face, chip_face_width=0.7)[0]["chip102x126"])
    return out


def test_verify_with_a_reference_photo_of_the_card_holder(real_app, tight_crops):
    reference = (io.BytesIO(tight_crops["chip_tight"]["img11"]), "chip.png")
    body = verify(real_app, portrait_from(real_app, FACES / "img1.jpg"), FACES / "img2.jpg", 11,
                  reference_photo=reference)
    ref = body["reference_match"]
    assert ref["match"] is True and ref["band"] == "match" and ref["similarity"] >= ref["threshold"]
    assert ref["faces"][0] == body["face_match"]["faces"][0]  # the same selfie face, found once
    assert ref["faces"][1]["found"] is True and ref["faces"][1]["tight_crop"] is True
    assert set(ref) == set(body["face_match"]) and "reference_face" in body["timings_ms"]
    assert "FACE_MISMATCH" not in codes(body) and body["decision"] in ("pass", "review")


def test_verify_with_a_reference_photo_of_someone_else_is_rejected(real_app, tight_crops):
    reference = (io.BytesIO(tight_crops["chip_tight"]["img3"]), "chip.png")
    body = verify(real_app, portrait_from(real_app, FACES / "img1.jpg"), FACES / "img2.jpg", 11,
                  reference_photo=reference)
    assert body["face_match"]["band"] in ("match", "review")  # the card portrait is the selfie's person
    assert body["reference_match"]["match"] is False and body["reference_match"]["band"] == "no_match"
    mismatch = [r["message"] for r in body["reasons"] if r["code"] == "FACE_MISMATCH"]
    assert len(mismatch) == 1 and mismatch[0].startswith("selfie against the reference photo: similarity ")
    assert body["decision"] == "reject"


def test_verify_with_a_tight_crop_selfie_leaves_liveness_unknown(real_app, tight_crops):
    selfie = (io.BytesIO(tight_crops["aligned112"]["img2"]), "selfie.png")
    body = verify(real_app, portrait_from(real_app, FACES / "img1.jpg"), selfie, 11)
    assert body["face_match"]["faces"][0]["tight_crop"] is True and body["face_match"]["match"] is True
    assert body["liveness"]["is_live"] is None
    assert body["liveness"]["reason"] == "the face fills the photo: no background for the liveness model"
    assert "LIVENESS_UNKNOWN" in codes(body) and body["decision"] == "review"
