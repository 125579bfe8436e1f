"""Overlay drawing is a pure function of image bytes and result data."""

import io

import numpy as np
from PIL import Image

from verify_service.review.overlay import card_overlay, face_crop, field_of

FIELDS = {"name": {"value": "董兰"}, "id_number": {"value": "330106198311020751"},
          "birth_date": {"value": "1983-11-02"}, "valid_from": {"value": "2019-05-07"}}


def test_lines_are_matched_to_the_fields_they_fed():
    assert field_of("姓名董兰", FIELDS) == "name"
    assert field_of("330106198311020751", FIELDS) == "id_number"
    assert field_of("1983年11月2日", FIELDS) == "birth_date"
    assert field_of("2019.05.07-2039.05.07", FIELDS) == "valid_from"
    assert field_of("公民身份号码", FIELDS) is None and field_of("中华人民共和国", FIELDS) is None


def png_size(data):
    assert data.startswith(b"\x89PNG")
    return Image.open(io.BytesIO(data)).size


def test_overlay_and_crop_are_pngs_of_the_right_size():
    buf = io.BytesIO()
    Image.fromarray(np.full((960, 1280, 3), 200, np.uint8)).save(buf, "JPEG")
    lines = [{"box": [[100, 100], [300, 100], [300, 140], [100, 140]], "text": "董兰"}]
    assert png_size(card_overlay(buf.getvalue(), lines, FIELDS, [800, 200, 1000, 450])) == (1100, 825)
    assert png_size(face_crop(buf.getvalue(), [800, 200, 1000, 450])) == (192, 240)  # 340x425 with margins
    assert face_crop(buf.getvalue(), None) is None
