"""Where the card lies in the photo: its quarter-turn (0/90/180/270) and its quadrilateral.

The quarter-turn comes from the text: a card photographed with the phone held upright (and no EXIF orientation)
has its printed lines running top to bottom, so the detector's line boxes are tall; the reader then turns the
photo by 90 degrees and the line classifier's upside-down vote settles 90 against 270. The quadrilateral is the
card's outline, found from edges and confirmed by the text it must contain (the fraud signals and the speed work
reuse it); when no outline qualifies it is None, never a guess."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import cv2
import numpy as np

from verify_service.pipeline.types import OcrLine

CARD_ASPECT = 85.6 / 54.0  # ISO/IEC 7810 ID-1
ASPECT_RANGE = (1.25, 2.0)  # what perspective and a little cropping make of it in a photo
LONG_LINE = 1.5  # a box counts for the direction vote when its long side is this many times its short side
QUAD_WORK_SIDE = 640  # edges are found on a copy this long
MIN_CARD_SHARE = 0.08  # the card covers at least this share of the photo
TEXT_INSIDE = 0.85  # and holds at least this share of the text (by line length)


def vertical_share(lines: Sequence[OcrLine]) -> float:
    """Share of the text (weighted by line length) whose lines run closer to vertical than to horizontal."""
    vertical = total = 0.0
    for line in lines:
        b = line.box.astype(np.float64)
        e01, e12 = b[1] - b[0], b[2] - b[1]
        n01, n12 = float(np.hypot(*e01)), float(np.hypot(*e12))
        long_edge, long_len, short_len = (e01, n01, n12) if n01 >= n12 else (e12, n12, n01)
        if long_len < LONG_LINE * max(short_len, 1e-6):
            continue
        angle = abs(math.degrees(math.atan2(long_edge[1], long_edge[0]))) % 180
        total += long_len
        if 45 < angle < 135:
            vertical += long_len
    return vertical / total if total else 0.0


def quarter_turn(rotated_cw: bool, upside_down: bool) -> int:
    """The card's clockwise turn in the uploaded photo (0/90/180/270): the reader turned the photo 90 degrees
    clockwise (`rotated_cw`) when its text ran vertically, and then found it upright or upside down."""
    if not rotated_cw:
        return 180 if upside_down else 0
    return 90 if upside_down else 270


def turn_cw(image: np.ndarray) -> np.ndarray:
    """The image turned 90 degrees clockwise."""
    return np.ascontiguousarray(np.rot90(image, k=-1))


def points_before_turn(points: np.ndarray, original_height: int) -> np.ndarray:
    """Points of an image turned 90 degrees clockwise, in the pixels of the image before the turn."""
    pts = np.asarray(points, np.float64)
    out = np.empty_like(pts)
    out[..., 0] = pts[..., 1]
    out[..., 1] = original_height - 1 - pts[..., 0]
    return out


def box_before_turn(bbox: Sequence[float], original_height: int) -> list[float]:
    """An axis-aligned box [x1, y1, x2, y2] of the turned image, in the pixels before the turn."""
    x1, y1, x2, y2 = bbox
    corners = points_before_turn(np.array([[x1, y1], [x2, y2]]), original_height)
    return [float(corners[:, 0].min()), float(corners[:, 1].min()), float(corners[:, 0].max()),
            float(corners[:, 1].max())]


@dataclass(frozen=True)
class CardQuad:
    """The card's outline in image pixels: corners clockwise from the top-left of the card as it lies."""

    corners: np.ndarray  # 4x2 float
    aspect: float

    def to_list(self) -> list[list[int]]:
        """JSON form."""
        return [[round(float(x)), round(float(y))] for x, y in self.corners]

    def touches_edge(self, shape: tuple[int, ...], margin: float = 2.0) -> bool:
        """Whether a corner lies on or beyond the photo's border (the card may be cut off)."""
        h, w = shape[:2]
        xs, ys = self.corners[:, 0], self.corners[:, 1]
        return bool((xs <= margin).any() or (ys <= margin).any() or (xs >= w - 1 - margin).any()
                    or (ys >= h - 1 - margin).any())


def _order(corners: np.ndarray) -> np.ndarray:
    """Corners clockwise starting from the one nearest the top-left."""
    c = corners.astype(np.float64)
    centre = c.mean(axis=0)
    angles = np.arctan2(c[:, 1] - centre[1], c[:, 0] - centre[0])
    c = c[np.argsort(angles)]
    start = int(np.argmin(c.sum(axis=1)))
    return np.roll(c, -start, axis=0)


def _aspect(corners: np.ndarray) -> float:
    """Long over short side, from the mean of opposite sides."""
    sides = [float(np.hypot(*(corners[(i + 1) % 4] - corners[i]))) for i in range(4)]
    a, b = (sides[0] + sides[2]) / 2, (sides[1] + sides[3]) / 2
    return max(a, b) / max(min(a, b), 1e-6)


def _text_inside(corners: np.ndarray, lines: Sequence[OcrLine]) -> float:
    """Share of the text (by line length) whose centre lies inside the quadrilateral."""
    contour = corners.reshape(-1, 1, 2).astype(np.float32)
    inside = total = 0.0
    for line in lines:
        centre = line.box.mean(axis=0)
        length = float(np.hypot(*(line.box[1] - line.box[0])))
        total += length
        if cv2.pointPolygonTest(contour, (float(centre[0]), float(centre[1])), False) >= 0:
            inside += length
    return inside / total if total else 0.0


def find_card_quad(image: np.ndarray, lines: Sequence[OcrLine]) -> CardQuad | None:
    """The card's outline: the smallest card-shaped quadrilateral among the photo's edge contours that holds
    nearly all the text; None when none qualifies (a crop of the card itself, a cluttered desk)."""
    if not lines:
        return None
    h, w = image.shape[:2]
    scale = min(1.0, QUAD_WORK_SIDE / max(h, w))
    small = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else image
    grey = cv2.GaussianBlur(cv2.cvtColor(small, cv2.COLOR_BGR2GRAY), (5, 5), 0)
    median = float(np.median(grey))
    edges = cv2.Canny(grey, max(10.0, 0.5 * median), min(255.0, 1.2 * median + 30))
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    area_min = MIN_CARD_SHARE * small.shape[0] * small.shape[1]
    best: tuple[float, np.ndarray, float] | None = None
    for contour in contours:
        if cv2.contourArea(contour) < area_min:
            continue
        hull = cv2.convexHull(contour)
        approx = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
        if len(approx) != 4:
            continue
        corners = _order(approx.reshape(4, 2) / scale)
        aspect = _aspect(corners)
        if not ASPECT_RANGE[0] <= aspect <= ASPECT_RANGE[1]:
            continue
        if _text_inside(corners, lines) < TEXT_INSIDE:
            continue
        area = float(cv2.contourArea(corners.astype(np.float32)))
        if best is None or area < best[0]:
            best = (area, corners, aspect)
    if best is None:
        return None
    return CardQuad(best[1], best[2])
