"""Where the card lies: the text's direction vote, the quarter-turn, point mapping and the card's outline."""

import cv2
import numpy as np
import pytest

from tests.fakes import line
from verify_service.pipeline.documents.cn_id_card import geometry
from verify_service.pipeline.types import OcrLine


def vertical(text, x, y, h):
    """A line whose box runs top to bottom (a card turned a quarter)."""
    box = np.array([[x, y], [x + 30, y], [x + 30, y + h], [x, y + h]], np.float32)
    return OcrLine(box, text, 0.99)


def test_vertical_text_wins_the_vote_by_length():
    lines = [vertical("姓名张三", 100, 100, 200), vertical("公民身份号码", 200, 50, 400), line("汉", 10, 10, 30)]
    assert geometry.vertical_share(lines) == pytest.approx(1.0)
    upright = [line("姓名张三", 100, 100, 200), line("公民身份号码", 100, 300, 400)]
    assert geometry.vertical_share(upright) == 0.0
    assert geometry.vertical_share([]) == 0.0


@pytest.mark.parametrize("turned, upside_down, rotation", [
    (False, False, 0), (False, True, 180), (True, False, 270), (True, True, 90)])
def test_quarter_turn(turned, upside_down, rotation):
    assert geometry.quarter_turn(turned, upside_down) == rotation


def test_points_map_back_through_the_turn():
    image = np.zeros((40, 60, 3), np.uint8)  # h=40, w=60
    image[5, 50] = 255
    turned = geometry.turn_cw(image)
    y, x = np.argwhere(turned[:, :, 0] == 255)[0]
    np.testing.assert_allclose(geometry.points_before_turn(np.array([[x, y]]), 40), [[50, 5]])
    assert geometry.box_before_turn([x, y, x, y], 40) == [50, 5, 50, 5]


def card_photo(angle=8.0, shift=(0, 0), size=(960, 1280)):
    """A light card-shaped rectangle with dark 'text' on a dark textured desk, and its text lines."""
    rng = np.random.default_rng(3)
    h, w = size
    photo = (rng.integers(40, 90, (h, w, 3))).astype(np.uint8)
    centre = (w / 2 + shift[0], h / 2 + shift[1])
    rect = (centre, (856 * 0.8, 540 * 0.8), angle)
    corners = cv2.boxPoints(rect)
    cv2.fillConvexPoly(photo, corners.astype(np.int32), (225, 228, 232))
    rot = cv2.getRotationMatrix2D(centre, -angle, 1.0)
    lines = []
    for i in range(5):
        x0, y0 = centre[0] - 280, centre[1] - 150 + 60 * i
        pts = np.array([[x0, y0], [x0 + 300, y0], [x0 + 300, y0 + 28], [x0, y0 + 28]], np.float32)
        pts = (np.hstack([pts, np.ones((4, 1))]) @ rot.T).astype(np.float32)
        cv2.fillConvexPoly(photo, pts.astype(np.int32), (40, 40, 40))
        lines.append(OcrLine(pts, "文字" * 5, 0.99))
    return photo, lines, corners


def test_card_quad_follows_the_card():
    photo, lines, corners = card_photo()
    quad = geometry.find_card_quad(photo, lines)
    assert quad is not None and 1.45 < quad.aspect < 1.75
    got = sorted(map(tuple, quad.corners.round()))
    want = sorted(map(tuple, corners.round()))
    np.testing.assert_allclose(got, want, atol=8)
    assert not quad.touches_edge(photo.shape)


def test_no_card_shape_gives_no_quad():
    photo, lines, _ = card_photo()
    flat = np.full_like(photo, 200)
    assert geometry.find_card_quad(flat, lines) is None
    assert geometry.find_card_quad(photo, []) is None
