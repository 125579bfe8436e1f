"""The real models on the project's own sample cards: every field, the side, the checks and the portrait."""

import io
from pathlib import Path

import pytest

from tests.conftest import SAMPLES, expected_of, post

pytestmark = pytest.mark.integration
CARDS = sorted((SAMPLES / "id_cards").glob("*.jpg"))


def share_inside(face, photo):
    """How much of the detected face box lies inside the printed photo's box."""
    ix = max(0, min(face[2], photo[2]) - max(face[0], photo[0]))
    iy = max(0, min(face[3], photo[3]) - max(face[1], photo[1]))
    return ix * iy / ((face[2] - face[0]) * (face[3] - face[1]))


def test_there_are_clean_and_photographed_samples_of_both_sides():
    names = {p.stem.split("_", 1)[1] for p in CARDS}
    assert names == {"front_scan", "front_photo", "back_scan", "back_photo"}
    assert len(CARDS) >= 40


@pytest.mark.parametrize("image", CARDS, ids=lambda p: p.stem)
def test_sample_card_is_read_exactly(real_client, image: Path):
    expected = expected_of(image)
    r = post(real_client, "/v1/id-card", {"image": (io.BytesIO(image.read_bytes()), image.name)})
    assert r.status_code == 200, r.json
    body = r.json
    assert body["side"] == expected["side"]
    assert body["orientation"]["rotation"] == expected["rotation"]
    assert {k: v["value"] for k, v in body["fields"].items()} == expected["fields"]
    statuses = {c["code"]: c["status"] for c in body["checks"]}
    if expected["side"] == "front":
        assert statuses == dict.fromkeys(
            ["ID_NUMBER_FORMAT", "ID_NUMBER_CHECKSUM", "ID_REGION_CODE", "BIRTH_DATE_MATCHES_ID", "SEX_MATCHES_ID"],
            "pass")
        assert body["portrait"]["found"] is True
        # The portrait box is the face the detector found: it must sit inside the printed photo.
        assert share_inside(body["portrait"]["bbox"], expected["portrait_bbox"]) > 0.8
    else:
        expired = expected["fields"]["valid_until"] != "long_term" and expected["fields"]["valid_until"] < "2026-11-01"
        assert statuses == {"VALIDITY_PERIOD_RULE": "pass", "NOT_EXPIRED": "fail" if expired else "pass"}


def test_side_can_be_forced(real_client):
    image = SAMPLES / "id_cards" / "card000_back_scan.jpg"
    body = post(real_client, "/v1/id-card", {"image": (io.BytesIO(image.read_bytes()), image.name), "side": "back"}).json
    assert body["side"] == "back" and body["fields"]["valid_from"]["value"] == expected_of(image)["fields"]["valid_from"]


def test_a_photo_with_no_card_reads_nothing(real_client):
    import skimage

    photo = Path(skimage.__file__).parent / "data" / "chelsea.png"
    body = post(real_client, "/v1/id-card", {"image": (io.BytesIO(photo.read_bytes()), "cat.png")}).json
    assert body["side"] is None and body["fields"] == {} and body["checks"] == []


def turned_jpeg(path: Path, rotation: int) -> bytes:
    """The photo turned `rotation` degrees clockwise, as a phone held upright stores it without EXIF."""
    from PIL import Image

    ops = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180, 270: Image.Transpose.ROTATE_90}
    buf = io.BytesIO()
    with Image.open(path) as image:
        image.transpose(ops[rotation]).save(buf, "JPEG", quality=92)
    return buf.getvalue()


def rotate_box_cw(box, size, rotation):
    """A box of the upright photo in the pixels of the photo turned `rotation` degrees clockwise."""
    import numpy as np

    w, h = size
    pts = np.array([[box[0], box[1]], [box[2], box[3]]], float)
    for _ in range(rotation // 90):
        pts = np.stack([h - 1 - pts[:, 1], pts[:, 0]], axis=1)
        w, h = h, w
    return [pts[:, 0].min(), pts[:, 1].min(), pts[:, 0].max(), pts[:, 1].max()]


TURNED = ["card001_front_photo.jpg", "card002_back_photo.jpg", "card004_front_scan.jpg", "card006_back_scan.jpg"]


@pytest.mark.parametrize("rotation", [90, 180, 270])
@pytest.mark.parametrize("name", TURNED)
def test_cards_turned_a_quarter_or_half_are_read_exactly(real_client, name, rotation):
    from PIL import Image

    image = SAMPLES / "id_cards" / name
    expected = expected_of(image)
    body = post(real_client, "/v1/id-card", {"image": (io.BytesIO(turned_jpeg(image, rotation)), name)}).json
    assert body["orientation"]["rotation"] == (rotation + expected["rotation"]) % 360
    assert body["side"] == expected["side"]
    assert {k: v["value"] for k, v in body["fields"].items()} == expected["fields"]
    if expected["side"] == "front":
        with Image.open(image) as opened:
            size = opened.size
        photo = rotate_box_cw(expected["portrait_bbox"], size, rotation)
        assert body["portrait"]["found"] is True and share_inside(body["portrait"]["bbox"], photo) > 0.8
        # the OCR boxes are reported in the uploaded (turned) photo's pixels
        number = next(c for c in body["checks"] if c["code"] == "ID_NUMBER_CHECKSUM")
        assert number["status"] == "pass"
