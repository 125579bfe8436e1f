"""Reading order for OCR lines of a photographed document: undo the page's skew and upside-down turn, then
group lines into rows, top to bottom and left to right."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from verify_service.pipeline.types import OcrLine


@dataclass(frozen=True)
class PlacedLine:
    """A line in page coordinates (deskewed, upright): centre, height and horizontal extent."""

    text: str
    score: float
    cx: float
    cy: float
    height: float
    left: float
    right: float
    source: OcrLine


@dataclass(frozen=True)
class Row:
    """Lines that share a baseline, left to right."""

    lines: tuple[PlacedLine, ...]

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def cy(self) -> float:
        return float(np.mean([line.cy for line in self.lines]))

    @property
    def height(self) -> float:
        return float(np.median([line.height for line in self.lines]))

    @property
    def score(self) -> float:
        return float(min(line.score for line in self.lines))


@dataclass(frozen=True)
class PageOrientation:
    """The page's skew in degrees (clockwise as seen in the image), whether it lies upside down, and its
    quarter-turn in the uploaded image (0, 90, 180 or 270 degrees clockwise; set by readers that turn pages)."""

    angle: float
    upside_down: bool
    rotation: int = 0

    def to_dict(self) -> dict:
        """JSON form for results."""
        return {"angle": round(self.angle, 1), "upside_down": self.upside_down, "rotation": self.rotation}


def page_orientation(lines: Sequence[OcrLine]) -> PageOrientation:
    """Skew from the long edges of the line boxes (length-weighted median); upside-down by the line classifier's
    majority, weighted by line length."""
    angles, weights, flipped = [], [], 0.0
    for line in lines:
        p0, p1 = line.box[0], line.box[1]
        dx, dy = float(p1[0] - p0[0]), float(p1[1] - p0[1])
        length = math.hypot(dx, dy)
        height = float(np.linalg.norm(line.box[3] - line.box[0]))
        if length < 1.5 * height:  # near-square boxes say little about direction
            continue
        angle = math.degrees(math.atan2(dy, dx))
        angle = (angle + 90) % 180 - 90  # a line and its upside-down twin give the same skew
        angles.append(angle)
        weights.append(length)
        flipped += length if line.upside_down else -length
    if not angles:
        return PageOrientation(0.0, flipped > 0)
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    median = float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])
    return PageOrientation(median, flipped > 0)


# A phone photo of a page is seen in perspective: after the page's overall skew is taken out, lines still slope,
# more towards one edge of the page than the other (keystone). Where the long lines show that, each line's height
# on the page is measured along the slope at its place, so that lines of one row share it across the page.
KEYSTONE_MIN_LINES = 6  # long lines needed to fit the slope field
KEYSTONE_LONG = 4.0  # a line is long when its width is this many heights
KEYSTONE_MIN_SPREAD = 0.01  # slope change across the text (radians) below which the page is taken as flat
KEYSTONE_MAX_SLOPE = 0.06  # a line sloping more than this against the page is a watermark or a stamp, not a row


def place(lines: Sequence[OcrLine], orientation: PageOrientation) -> list[PlacedLine]:
    """Each line's geometry in page coordinates (undoing the keystone of a photographed page, see above)."""
    rot = _rotation(orientation)
    boxes = [line.box.astype(np.float64) @ rot.T for line in lines]
    straighten = _keystone(boxes)
    placed = []
    for line, pts in zip(lines, boxes):
        xs, ys = pts[:, 0], pts[:, 1]
        cx, cy = float(xs.mean()), float(ys.mean())
        placed.append(PlacedLine(line.text, line.score, cx, straighten(cx, cy), float(ys.max() - ys.min()),
                                 float(xs.min()), float(xs.max()), line))
    return placed


def _keystone(boxes: Sequence[np.ndarray]) -> Callable[[float, float], float]:
    """How to measure a point's height on the page: its y moved along the local slope of the text lines to the
    middle of the text (a slope fitted as a plane over the long lines' own slopes), or y itself on a flat page."""
    samples = []
    for pts in boxes:
        top, bottom = (pts[0] + pts[1]) / 2, (pts[3] + pts[2]) / 2
        mid_left, mid_right = (pts[0] + pts[3]) / 2, (pts[1] + pts[2]) / 2
        width, height = float(np.hypot(*(mid_right - mid_left))), float(np.hypot(*(bottom - top)))
        if width >= KEYSTONE_LONG * max(height, 1.0) and mid_right[0] > mid_left[0]:
            slope = (mid_right[1] - mid_left[1]) / (mid_right[0] - mid_left[0])
            if abs(slope) > KEYSTONE_MAX_SLOPE:
                continue
            samples.append((float(pts[:, 0].mean()), float(pts[:, 1].mean()), slope, width))
    if len(samples) < KEYSTONE_MIN_LINES:
        return lambda x, y: y
    data = np.asarray(samples)
    design = np.column_stack([np.ones(len(data)), data[:, 0], data[:, 1]])
    weights = np.sqrt(data[:, 3])
    coef = np.linalg.lstsq(design * weights[:, None], data[:, 2] * weights, rcond=None)[0]
    residual = np.abs(design @ coef - data[:, 2])
    keep = residual <= max(3 * float(np.median(residual)), 1e-3)  # one pass without the outliers
    if keep.sum() >= KEYSTONE_MIN_LINES:
        coef = np.linalg.lstsq(design[keep] * weights[keep, None], data[keep, 2] * weights[keep], rcond=None)[0]
    fitted = design @ coef
    if float(fitted.max() - fitted.min()) < KEYSTONE_MIN_SPREAD:
        return lambda x, y: y
    x_mid = float(np.median(data[:, 0]))
    return lambda x, y: y - float(coef[0] + coef[1] * x + coef[2] * y) * (x - x_mid)


def _rotation(orientation: PageOrientation) -> np.ndarray:
    """The matrix that takes image coordinates to page coordinates."""
    theta = math.radians(orientation.angle + (180 if orientation.upside_down else 0))
    return np.array([[math.cos(theta), math.sin(theta)], [-math.sin(theta), math.cos(theta)]])


def region_right_of(line: PlacedLine, orientation: PageOrientation, widths: float, tall: float = 1.8) -> np.ndarray:
    """The image-space quadrilateral (reading order: top-left, top-right, bottom-right, bottom-left) of the strip
    that starts at a label's right edge and runs `widths` label-widths further along the text line."""
    width = line.right - line.left
    x0, x1 = line.right + 0.1 * width, line.right + widths * width
    y0, y1 = line.cy - tall * line.height / 2, line.cy + tall * line.height / 2
    page = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
    return (page @ _rotation(orientation)).astype(np.float32)


def rows_of(placed: Sequence[PlacedLine]) -> list[Row]:
    """Lines grouped into rows: a line joins a row when its centre lies within half a line height of it."""
    if not placed:
        return []
    ordered = sorted(placed, key=lambda p: p.cy)
    rows: list[list[PlacedLine]] = []
    for line in ordered:
        if rows:
            current = rows[-1]
            ref_cy = float(np.mean([p.cy for p in current]))
            ref_h = float(np.median([p.height for p in current] + [line.height]))
            if abs(line.cy - ref_cy) < 0.5 * ref_h:
                current.append(line)
                continue
        rows.append([line])
    return [Row(tuple(sorted(r, key=lambda p: p.left))) for r in rows]


def read_rows(lines: Sequence[OcrLine]) -> tuple[list[Row], PageOrientation]:
    """OCR lines in reading order, with the page orientation they imply."""
    orientation = page_orientation(lines)
    return rows_of(place(lines, orientation)), orientation


# A page set in two columns of prose (a bilingual letter: Chinese on the left, English on the right) reads down the
# left column, then down the right: read row by row across the gutter, its sentences would interleave.
COLUMN_MIN_PROSE = 5  # lines on each side that fill at least half of their column with running text
COLUMN_MAX_GUTTER = 0.1  # of the text's width: the widest gap between the columns
COLUMN_PROSE_CHARS = 14  # characters a line of running text has at least (a phone app's "label  amount" has fewer)
COLUMN_MAX_CROSSING = 0.1  # share of the lines below the first prose row that may cross the gutter


def in_columns(rows: Sequence[Row]) -> list[Row]:
    """The rows in reading order for a page of two prose columns (rows above the columns first, then the left
    column's, then the right column's, then rows below them that span both); the rows as they are otherwise."""
    lines = [line for row in rows for line in row.lines]
    if len(lines) < 2 * COLUMN_MIN_PROSE:
        return list(rows)
    left_edge, right_edge = min(ln.left for ln in lines), max(ln.right for ln in lines)
    width = right_edge - left_edge
    best = None
    for gutter in np.linspace(left_edge + 0.3 * width, left_edge + 0.7 * width, 41):
        crossing = [ln for ln in lines if ln.left < gutter < ln.right]
        left = [ln for ln in lines if ln.right <= gutter]
        right = [ln for ln in lines if ln.left >= gutter]
        prose_left = sum(ln.right - ln.left >= 0.5 * (gutter - left_edge) and len(ln.text) >= COLUMN_PROSE_CHARS
                         for ln in left)
        prose_right = sum(ln.right - ln.left >= 0.5 * (right_edge - gutter) and len(ln.text) >= COLUMN_PROSE_CHARS
                          for ln in right)
        # prose columns are set close: the left column's lines run up to a narrow gutter (an app's list of "item
        # … amount" leaves a wide gap instead)
        gap = min((ln.left for ln in right), default=right_edge) - max((ln.right for ln in left), default=left_edge)
        if prose_left >= COLUMN_MIN_PROSE and prose_right >= COLUMN_MIN_PROSE and gap <= COLUMN_MAX_GUTTER * width:
            score = prose_left + prose_right - 3 * len(crossing)
            if best is None or score > best[0]:
                best = (score, float(gutter))
    if best is None:
        return list(rows)
    gutter = best[1]
    # the columns run from the first row with prose on both sides to the last; above and below, rows span the page
    both = [i for i, row in enumerate(rows)
            if any(ln.right <= gutter for ln in row.lines) and any(ln.left >= gutter for ln in row.lines)]
    if not both:
        return list(rows)
    first, last = both[0], both[-1]
    body = rows[first:last + 1]
    crossed = sum(1 for row in body for ln in row.lines if ln.left < gutter < ln.right)
    if crossed > COLUMN_MAX_CROSSING * sum(len(row.lines) for row in body):
        return list(rows)  # a table's cells cross where prose columns would not
    left_rows = [Row(tuple(ln for ln in row.lines if ln.cx < gutter)) for row in body]
    right_rows = [Row(tuple(ln for ln in row.lines if ln.cx >= gutter)) for row in body]
    return [*rows[:first], *(r for r in left_rows if r.lines), *(r for r in right_rows if r.lines), *rows[last + 1:]]


# An amount written one digit per box under a row of place units (万 千 百 十 元 角 分), as a voucher or a carbon-copy
# pay booklet prints it. OCR reads 千 as 干 too; a box may hold the yuan sign (¥, read as 夫 or Y).
_PLACES = {"十万": 100000.0, "万": 10000.0, "千": 1000.0, "仟": 1000.0, "干": 1000.0, "百": 100.0, "佰": 100.0,
           "十": 10.0, "拾": 10.0, "元": 1.0, "角": 0.1, "分": 0.01}
_YUAN_SIGN = {"¥", "￥", "夫", "Y", "半"}


def _place_header(row: Row) -> list[tuple[float, float]] | None:
    """The (centre x, place value) of each unit box of a row that is a grid's header, or None."""
    units = [(line.cx, _PLACES[line.text.strip()]) for line in row.lines if line.text.strip() in _PLACES]
    places = [p for _, p in units]
    if len(units) < 4 or 1.0 not in places or places != sorted(places, reverse=True) or len(set(places)) < len(places):
        return None
    return units


def _grid_digits(line: PlacedLine) -> list[tuple[float, int]]:
    """The digits of a box as (centre x, digit), a run of digits spread over the box's width."""
    text = line.text.strip().lstrip("¥￥夫Y")
    if not text.isdigit() or not text.isascii():
        return []
    width = (line.right - line.left) / len(text)
    return [(line.left + (i + 0.5) * width, int(ch)) for i, ch in enumerate(text)]


def read_place_grids(rows: Sequence[Row]) -> list[Row]:
    """The rows with each amount written one digit per box under a header of place units (万 千 百 十 元 角 分)
    replaced by one box holding the amount (4255.00), so that it reads beside its label like any amount."""
    out: list[Row] = []
    grid: list[tuple[float, float]] | None = None
    for row in rows:
        header = _place_header(row)
        if header is not None:
            grid = header
            out.append(row)
            continue
        if grid is None:
            out.append(row)
            continue
        spacing = float(np.median(np.diff([x for x, _ in grid])))
        lo, hi = grid[0][0] - spacing, grid[-1][0] + 0.6 * spacing
        inside = [line for line in row.lines if lo <= line.cx <= hi]
        digits = [(x, d, line) for line in inside for x, d in _grid_digits(line)]
        if len(digits) < 2:
            out.append(row)
            continue
        value, used = 0.0, set()
        for x, digit, _ in digits:
            place = min(grid, key=lambda unit: abs(unit[0] - x))
            if abs(place[0] - x) <= 0.5 * spacing and place[1] not in used:
                used.add(place[1])
                value += digit * place[1]
        if value <= 0:
            out.append(row)
            continue
        taken = [line for line in inside if _grid_digits(line) or line.text.strip() in _YUAN_SIGN]
        first = min(taken, key=lambda line: line.left)
        centre = float(np.mean([x for x, _, _ in digits]))
        amount = PlacedLine(f"{value:.2f}", min(line.score for line in taken), centre, row.cy, row.height,
                            first.left, max(line.right for line in taken), first.source)
        kept = [line for line in row.lines if line not in taken]
        out.append(Row(tuple(sorted([*kept, amount], key=lambda line: line.left))))
    return out
