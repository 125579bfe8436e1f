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
