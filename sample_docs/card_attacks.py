"""Attack set for ID-card and selfie fraud signals: synthetic attacked uploads with labels, dev and held-out variants.

This generator was written and committed BEFORE any of the fraud/capture detectors, so that the detectors are built
against it and judged on variants they were not tuned on; it was written without looking at the detectors' code.
Tune detectors on split "dev" only; report them on "held_out", whose variants differ in KIND (another screen type,
another paper and printer, other skin tones and occluders, another glare shape, another cut, another photo style,
another editing method), not only in random parameters.

Every card is an invented person drawn by `sample_docs.generate` (`make_person`, `render_front`, `render_back`) and
photographed with `generate.photograph`. An item is a plain dict (no pixels); `render_card_item(item)` draws the
uploaded photo (PIL RGB, 1280x960; flat scans 856x540) deterministically from the item alone, after a JPEG round
trip at `variant["jpeg_quality"]` (the form in which it is uploaded). Photo regions are known before rendering: the
planner replays photograph's random draws to get its homography, and rendering checks that photograph used exactly
that one (a change in generate.py fails loudly instead of mislabelling regions).

Card kinds (`CODES`, after Tencent IDCardOCR WarnInfos in /work/shared/docs/DOMAIN.md):

SCREEN_RECAPTURE (翻拍)  The card (a flat scan, or a phone photo of it) shown on a simulated display and photographed:
    every display pixel is drawn as its sub-pixels and the camera integrates that grid through a little lens blur at
    an angle and distance (moire); screen gamma, a blue cast, raised black level (LCD); the bezel or phone body in the
    frame in some; a broad specular reflection on the glass in some; blur, sensor noise, JPEG.
    dev: desktop LCD, RGB vertical stripes, 1.4-2.6 photo px per display pixel, bezel in frame in half.
    held-out: phone OLED, diamond PenTile, 0.55-1.0 photo px per display pixel, the phone body in frame in most.
PHOTOCOPY (colour copy)  The card copied onto paper and the page photographed: lower and shifted saturation, highlights
    blown to paper white, crushed darks, halftone/toner texture, paper grain around the card, skewed up to 3 degrees
    on the copier glass, a faint printed card outline in half; flat on the page (no card thickness or edge shadow).
    dev: white office paper, laser toner (rotated clustered-dot CMYK screens, stray toner specks).
    held-out: greyish recycled paper with fibres and mottle, inkjet (stochastic dots, ink spread, head banding).
BW_PHOTOCOPY  A black-and-white copy made the same way: grey, crushed contrast, toner specks, drum streaks (laser).
    Labelled detected for BW_PHOTOCOPY and PHOTOCOPY.  dev / held-out as PHOTOCOPY.
BORDER_INCOMPLETE  A phone photo (generate.photograph on a larger canvas, then cropped) with part of the card out of
    the frame by various amounts; `variant["out_fraction"]` is the share of the card's area outside.
    dev: one corner cut (only that corner outside).  held-out: a whole edge cut (both corners of one edge outside).
    `region` is the box of the card's part outside the frame, in photo coordinates (so beyond the image);
    `variant["fields_cut"]` lists fields reaching outside; `expected` is given when no text field does.
OCCLUSION  Something over one field (front: name, birth_date, address, id_number, portrait; back: issuing_authority,
    valid_until): a thumb (skin-coloured rounded shape with cylinder shading, skin texture, a nail and a shadow, its
    hand running on out of the picture, coming in from one of the two card edges nearest the field) or a sticker.
    `variant["covered"]` is the share of the field's box covered (at least 0.3).
    dev: thumbs of one skin-tone range (light to medium); square sticky notes/labels, some with pen scribbles.
    held-out: thumbs of other skin tones (deep brown; very pale/pink); round stickers and coins.
GLARE_ON_FIELD  A strong near-white specular reflection, clipping at white, over one field (fields as OCCLUSION),
    with at least 0.35 of the field's box under strong glare (`variant["covered"]`).
    dev: round/oval spots.  held-out: elongated reflections (a window with its cross bars, a fluorescent tube).
TEMPORARY_ID  A 临时居民身份证: an invented layout (not the real design) in its own colours (pale blue-green with a
    rosette, red frame line), the title 临时居民身份证 printed, portrait on the left, valid three months (issued in the
    last 80 days; `variant["valid_from"/"valid_until"]`), front or back.
    dev: an angled phone photo (generate.photograph).  held-out: a flat scan (like the clean scans).
EDIT_TRACES  (PS traces) ID-number digits (birth year, birth date, month and day, last four or six) or the printed
    birth year replaced after the photo was taken (as a JPEG), then saved as JPEG again.
    dev: a patch cut from a photo of another person's card (its own blur, noise, JPEG quality and 8x8 grid offset,
    guilloche phase, colour roughly matched, slightly misaligned, hard or feathered edge) pasted over the digits.
    held-out: the ink inpainted away and the digits re-rendered in a slightly different font, size, position or grey,
    either crisp or blurrier than the photo.
    `variant` has the field, the original and the shown value; `region` is the edited box.

Clean card items (kind "clean", every code "clear"), in a fixed cycle: flat scans (25%), phone photos (55%), phone
photos with a glare spot or strip that touches no field, value or label (10%, `"benign": "glare_off_field"`), and
with a thumb that touches no field, value or label (10%, `"benign": "thumb_off_field"`, any skin tone).

Selfies (`SELFIE_CODES`), from the face photos in ../shared/testdata/faces/deepface (read in place, never copied):
PRINTED_PHOTO: the face printed (flat light, print tone, halftone, paper, white border in some), held by a thumb at a
bottom corner and photographed in perspective on a background.  SCREEN_RECAPTURE: the face on a monitor or phone
screen, photographed as above.  clean: the photos as they are (every other item) and lightly re-photographed (blur,
noise, white balance, JPEG).  Split by identity (identities joined through pairs.csv same_person; every third of
13 identities is held out) AND, for attacks, by style: dev prints are glossy colour-laser prints on white paper with
a sheen, dev screens LCD stripes; held-out prints are matte inkjet prints on greyish paper, bent in the hand, held-out
screens phone OLED PenTile.  Selfie attacks are 960x1280.

A card item: {"id", "kind" (a code or "clean"), "side", "split": "dev" | "held_out", "variant": {parameters},
"labels": {code: "detected" | "clear" for each of CODES}, "region": [x0, y0, x1, y1] in photo pixels (the attacked
field's box for OCCLUSION and GLARE_ON_FIELD, the edited box for EDIT_TRACES, the outside part for
BORDER_INCOMPLETE) or None, "expected": generate.expected(person, side) for clean items and non-destructive attacks
(screen, copies, border cuts that keep every text field) else None, "person_seed"} (+ "benign" for the clean ones
above).  A selfie item: {"id", "kind", "split", "face" (file name), "identity", "variant", "labels" over
SELFIE_CODES}.  Index % 3 == 2 of each kind is held out.  Field boxes in card coordinates: `field_boxes`.

    python -m sample_docs.card_attacks --out /tmp/attacks --per-kind 100 --clean 200
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import io
import json
import math
import random
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

from sample_docs import generate as gen

CODES = ("SCREEN_RECAPTURE", "PHOTOCOPY", "BW_PHOTOCOPY", "BORDER_INCOMPLETE", "OCCLUSION", "GLARE_ON_FIELD",
         "TEMPORARY_ID", "EDIT_TRACES")
SELFIE_CODES = ("PRINTED_PHOTO", "SCREEN_RECAPTURE")
SHARED = Path(__file__).resolve().parent.parent.parent / "shared"  # the shared folder beside the repo
FACES_DIR = SHARED / "testdata" / "faces" / "deepface"
FRONT_FIELDS = ("name", "birth_date", "address", "id_number", "portrait")
BACK_FIELDS = ("issuing_authority", "valid_until")
NON_DESTRUCTIVE = {"SCREEN_RECAPTURE", "PHOTOCOPY", "BW_PHOTOCOPY"}
PHOTO_SIZE = (gen.PHOTO_W, gen.PHOTO_H)
SELFIE_SIZE = (960, 1280)


def _rng(seed: int) -> random.Random:
    return random.Random(seed)


def _nprng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _labels(*detected: str, codes: tuple[str, ...] = CODES) -> dict[str, str]:
    """Every code "clear" except the detected ones."""
    return {c: "detected" if c in detected else "clear" for c in codes}


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    """The image after a JPEG round trip (the form it is uploaded in)."""
    buf = io.BytesIO()
    img.convert("RGB").save(buf, "JPEG", quality=int(quality))
    buf.seek(0)
    with Image.open(buf) as out:
        return out.convert("RGB")


# ---------------------------------------------------------------------------------------------------------------
# Cards, fields and geometry


@functools.lru_cache(maxsize=1)
def _faces() -> tuple[Image.Image, ...]:
    return tuple(gen._face_sources())


def _person(person_seed: int) -> gen.Person:
    return gen.make_person(_rng(person_seed))


def _card(person_seed: int, side: str) -> tuple[gen.Person, Image.Image]:
    """The person and their card side (RGBA 856x540), the same for the same seed."""
    person = _person(person_seed)
    if side == "front":
        faces = _faces()
        card, _ = gen.render_front(person, faces[person_seed % len(faces)], _rng(person_seed + 1))
    else:
        card = gen.render_back(person, _rng(person_seed + 1))
    return person, card


def _union(boxes: list[tuple[float, ...]], pad: int = 0) -> list[int]:
    return [int(min(b[0] for b in boxes)) - pad, int(min(b[1] for b in boxes)) - pad,
            int(max(b[2] for b in boxes)) + pad, int(max(b[3] for b in boxes)) + pad]


def field_boxes(person: gen.Person, side: str) -> tuple[dict[str, list[int]], list[list[int]]]:
    """Value boxes of the fields in card coordinates (as render_front/render_back draw them), and the boxes of
    everything printed that a benign glare or thumb must leave alone (labels and values)."""
    d = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    lab, val = gen._font(gen.SANS, 22), gen._font(gen.SANS, 29)
    fields: dict[str, list[int]] = {}
    keep: list[list[int]] = []
    if side == "front":
        fields["name"] = _union([d.textbbox((150, 50), person.name, font=val)], 4)
        keep.append(_union([d.textbbox((150, 108), person.sex, font=val),
                            d.textbbox((335, 108), person.ethnicity, font=val)], 4))
        parts, x = [], 150
        for value, unit in ((str(person.birth.year), "年"), (str(person.birth.month), "月"),
                            (str(person.birth.day), "日")):
            parts.append(d.textbbox((x, 166), value, font=val))
            x += int(d.textlength(value, font=val)) + 8
            parts.append(d.textbbox((x, 174), unit, font=lab))
            x += 34
        fields["birth_date"] = _union(parts, 4)
        fields["address"] = _union([d.textbbox((150, 224 + 42 * i), line, font=val)
                                    for i, line in enumerate(gen.wrap_address(person.address))], 4)
        mono = gen._font(gen.MONO, 31)
        fields["id_number"] = _union([d.textbbox((270 + 27 * i, 438), ch, font=mono)
                                      for i, ch in enumerate(person.id_number)], 4)
        fields["portrait"] = [585, 60, 800, 325]
        for xy, text in (((60, 58), "姓名"), ((60, 116), "性别"), ((250, 116), "民族"), ((60, 174), "出生"),
                         ((60, 232), "住址"), ((60, 445), "公民身份号码")):
            keep.append(_union([d.textbbox(xy, text, font=lab)], 4))
    else:
        val = gen._font(gen.SANS, 27)
        until = "长期" if person.valid_until is None else f"{person.valid_until:%Y.%m.%d}"
        fields["issuing_authority"] = _union([d.textbbox((300, 368), person.authority, font=val)], 4)
        fields["valid_until"] = _union([d.textbbox((300, 433), f"{person.valid_from:%Y.%m.%d}-{until}",
                                                   font=val)], 4)
        keep += [_union([d.textbbox((175, 375), "签发机关", font=lab)], 4),
                 _union([d.textbbox((175, 440), "有效期限", font=lab)], 4)]
    return fields, [*fields.values(), *keep]


def _replay_homography(photo_seed: int, canvas: tuple[int, int], upside_down: bool, size: tuple[int, int],
                       scale_range: tuple[float, float], max_angle: float) -> np.ndarray:
    """The homography generate.photograph(card, Random(photo_seed), ...) will use, without drawing anything: the
    desk's draws (generate._clutter_plan), then the pose (generate.photo_pose), as photograph takes them; render
    checks that the photograph really used it, so a change in generate.py fails loudly instead of mislabelling
    regions."""
    rng = _rng(photo_seed)
    gen._clutter_plan(rng, size)
    return gen.photo_pose(canvas, rng, upside_down, size, scale_range, max_angle)


def _pose(v: dict, canvas: tuple[int, int]) -> np.ndarray:
    """Homography canvas -> photo of a planned photograph (variant keys photo_seed, upside_down, shot_size,
    scale_range, max_angle)."""
    return _replay_homography(v["photo_seed"], canvas, v["upside_down"], tuple(v["shot_size"]),
                              tuple(v["scale_range"]), v["max_angle"])


def _shoot(canvas: Image.Image, v: dict) -> tuple[Image.Image, np.ndarray]:
    """generate.photograph of an RGBA canvas with the planned pose (checked against the replay)."""
    photo, homography = gen.photograph(canvas, _rng(v["photo_seed"]), v["upside_down"], tuple(v["shot_size"]),
                                       tuple(v["scale_range"]), v["max_angle"])
    if not np.allclose(homography, _pose(v, canvas.size), atol=1e-6):
        raise RuntimeError("generate.photograph no longer draws its pose as card_attacks replays it")
    return photo, homography


def _plan_shot(rng: random.Random, v: dict, pad: int = 0, size: tuple[int, int] = PHOTO_SIZE,
               scale_range: tuple[float, float] = (0.95, 1.2), max_angle: float = 15,
               upside_down_p: float = 0.1) -> None:
    """Choose a photograph of the card on a canvas padded by `pad` px (photograph scales canvas pixels, so the card
    keeps its size in the photo and the padding lets a hand run out of the frame)."""
    v.update(photo_seed=rng.randrange(1 << 30), upside_down=rng.random() < upside_down_p, shot_size=list(size),
             scale_range=list(scale_range), max_angle=max_angle, pad=pad)


def _map_points(pts: np.ndarray, homography: np.ndarray) -> np.ndarray:
    p = np.c_[np.asarray(pts, np.float64), np.ones(len(pts))] @ homography.T
    return p[:, :2] / p[:, 2:]


def _map_box(box: list[int], homography: np.ndarray, pad: int = 0) -> list[int]:
    """Photo box around a card-coordinate box, for a canvas padded by `pad`."""
    x0, y0, x1, y1 = (b + pad for b in box)
    return gen._map_box([x0, y0, x1, y1], homography)


def _padded(card: Image.Image, pad: int) -> Image.Image:
    if pad == 0:
        return card
    out = Image.new("RGBA", (card.width + 2 * pad, card.height + 2 * pad), (0, 0, 0, 0))
    out.paste(card, (pad, pad))
    return out


def _flat(card: Image.Image, colour: tuple[int, int, int] = (255, 255, 255)) -> Image.Image:
    """A flat scan: the RGBA card on a plain background (as generate's clean scans)."""
    out = Image.new("RGB", card.size, colour)
    out.paste(card, mask=card.split()[3])
    return out


# ---------------------------------------------------------------------------------------------------------------
# Occluders and glare, drawn in (padded) card coordinates before the card is photographed

THUMB_PAD = 600  # canvas padding for hands: the hand runs on beyond the photo's frame
SKIN_DEV = ((236, 196, 168), (200, 150, 118))  # light to medium (the two ends of a range)
SKIN_HELD_OUT = (((128, 84, 60), (86, 56, 40)), ((252, 222, 212), (240, 196, 186)))  # deep brown; very pale/pink
EDGE_NORMALS = {"top": (0.0, -1.0), "bottom": (0.0, 1.0), "left": (-1.0, 0.0), "right": (1.0, 0.0)}


def _thumb_geometry(t: dict, xx: np.ndarray, yy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For a thumb {tip, angle, hw}: along-axis distance from the tip, lateral position (-1..1 inside) and alpha.

    The thumb points from its base (outside the card) to the tip; its end is an ellipse and beyond the first joint
    it widens into the hand, which runs on out of the picture.
    """
    ux, uy = math.cos(t["angle"]), math.sin(t["angle"])  # from the tip towards the hand
    dx, dy = xx - t["tip"][0], yy - t["tip"][1]
    along, side = dx * ux + dy * uy, -dx * uy + dy * ux
    hw, r_tip = t["hw"], 1.15 * t["hw"]
    cap = np.sqrt(np.clip(1 - ((r_tip - along) / r_tip) ** 2, 0, 1))
    width = hw * np.where(along < r_tip, cap, 1 + 0.05 * (along - r_tip) / hw)
    width = width * (1 + 0.6 * np.clip((along - 3.8 * hw) / (3 * hw), 0, 1))
    lateral = side / np.maximum(width, 1e-3)
    alpha = np.clip((width - np.abs(side)) / 1.5, 0, 1) * np.clip(along / 1.5, 0, 1)
    return along, lateral, alpha


def _thumb_cover(t: dict, box: list[int], step: int = 4) -> float:
    """Share of a card-coordinate box under the thumb (coarse grid)."""
    yy, xx = np.mgrid[box[1]:box[3]:step, box[0]:box[2]:step].astype(np.float32)
    return float((_thumb_geometry(t, xx, yy)[2] > 0.5).mean()) if xx.size else 0.0


def _draw_thumb(canvas: Image.Image, t: dict, pad: int, seed: int) -> Image.Image:
    """A thumb with cylinder shading, skin texture, a knuckle crease, a nail and a soft shadow on the card.

    Drawn at half resolution (skin is smooth; the photo blurs it anyway) and scaled up.
    """
    nprng = _nprng(seed)
    w, h = canvas.size
    yy, xx = np.mgrid[0:h:2, 0:w:2].astype(np.float32)
    along, lat, alpha = _thumb_geometry(t, xx - pad, yy - pad)
    alpha = np.clip(alpha * 1.5, 0, 1)
    hw = t["hw"]
    latc = np.clip(lat, -1, 1)
    shade = 0.6 + 0.4 * np.sqrt(1 - latc ** 2) + 0.08 * t["light"] * latc
    tex = cv2.GaussianBlur(nprng.normal(0, 1, along.shape).astype(np.float32), (0, 0), 1.5) * 0.1
    crease = 1 - 0.14 * np.exp(-(((along - 2.9 * hw) / 3.0) ** 2)) * (np.abs(latc) < 0.8)
    skin = np.asarray(t["skin"], np.float32)
    tip_flush = np.clip(1 - along / (1.4 * hw), 0, 1)[..., None] * np.float32([10, -6, -5])
    col = skin[None, None, :] * (shade * (1 + tex) * crease)[..., None] + tip_flush
    # Nail: a rounded plate from just behind the tip, a little lighter, with a pale free edge and a highlight.
    n0, n1 = 0.2 * hw, 1.45 * hw
    nail = np.clip(1 - (np.abs(lat) / 0.66) ** 4 - ((along - (n0 + n1) / 2) / ((n1 - n0) / 2)) ** 2, 0, 1)
    nail = np.clip(nail * 6, 0, 1)
    nail_col = 0.7 * skin + 0.3 * np.float32([232, 196, 192])
    nail_shaded = nail_col[None, None, :] * (0.8 + 0.3 * shade)[..., None]
    col = col * (1 - nail[..., None]) + nail_shaded * nail[..., None]
    free_edge = nail * np.clip(1 - (along - n0) / (0.16 * hw), 0, 1)
    col = col * (1 - 0.8 * free_edge[..., None]) + 0.8 * np.float32([240, 234, 224]) * free_edge[..., None]
    gloss = nail * np.exp(-(((lat + 0.3 * t["light"]) / 0.15) ** 2)) * 0.3
    col = col + gloss[..., None] * (255 - col)
    sx, sy = 5 * math.cos(t["angle"] + 0.8) + 3, 5 * math.sin(t["angle"] + 0.8) + 3
    shadow = cv2.GaussianBlur(np.roll(alpha, (int(sy), int(sx)), axis=(0, 1)), (0, 0), 7)
    full = (w, h)
    col, alpha, shadow = (cv2.resize(a, full, interpolation=cv2.INTER_LINEAR) for a in (col, alpha, shadow))
    rgba = np.asarray(canvas).astype(np.float32)
    rgba[..., :3] *= (1 - 0.45 * shadow)[..., None]
    rgba[..., :3] = rgba[..., :3] * (1 - alpha[..., None]) + col * alpha[..., None]
    rgba[..., 3] = np.maximum(rgba[..., 3], alpha * 255)
    return Image.fromarray(rgba.clip(0, 255).astype(np.uint8), "RGBA")


def _skin(rng: random.Random, held_out: bool) -> list[int]:
    lo, hi = rng.choice(SKIN_HELD_OUT) if held_out else SKIN_DEV
    k = rng.random()
    return [int(a + (b - a) * k) for a, b in zip(lo, hi)]


def _plan_thumb(rng: random.Random, box: list[int] | None, keep: list[list[int]], held_out: bool) -> dict:
    """A thumb over `box` (from the nearest card edges) or, with box None, one that touches no printed box."""
    for _ in range(400):
        hw = rng.uniform(92, 118)
        if box is not None:
            cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
            dist = {"top": cy, "bottom": gen.CARD_H - cy, "left": cx, "right": gen.CARD_W - cx}
            edge = rng.choice(sorted(dist, key=dist.get)[:2])
            tip = [rng.uniform(box[0] + 0.2 * (box[2] - box[0]), box[2] - 0.2 * (box[2] - box[0])),
                   rng.uniform(box[1] + 0.2 * (box[3] - box[1]), box[3] - 0.2 * (box[3] - box[1]))]
            nx, ny = EDGE_NORMALS[edge]
            tip = [tip[0] - nx * rng.uniform(0, 0.5 * hw), tip[1] - ny * rng.uniform(0, 0.5 * hw)]
        else:
            edge = rng.choice(list(EDGE_NORMALS))
            nx, ny = EDGE_NORMALS[edge]
            depth = rng.uniform(25, 95)
            along_edge = rng.uniform(0.05, 0.95)
            if edge in ("top", "bottom"):
                tip = [along_edge * gen.CARD_W, depth if edge == "top" else gen.CARD_H - depth]
            else:
                tip = [depth if edge == "left" else gen.CARD_W - depth, along_edge * gen.CARD_H]
        angle = math.atan2(ny, nx) + math.radians(rng.uniform(-25, 25))
        t = {"tip": [round(tip[0], 1), round(tip[1], 1)], "angle": round(angle, 4), "hw": round(hw, 1),
             "skin": _skin(rng, held_out), "light": rng.choice((-1, 1)), "edge": edge}
        if box is not None and _thumb_cover(t, box) >= 0.3:
            t["covered"] = round(_thumb_cover(t, box, 2), 3)
            return t
        if box is None and all(_thumb_cover(t, [k[0] - 6, k[1] - 6, k[2] + 6, k[3] + 6], 3) == 0 for k in keep):
            return t
    raise RuntimeError("no thumb placement found")


STICKER_COLOURS = ((250, 236, 120), (252, 190, 205), (246, 246, 240), (190, 226, 250), (200, 240, 190))
DOT_COLOURS = ((220, 40, 40), (40, 150, 70), (40, 90, 200), (245, 200, 30), (245, 130, 30))
COIN_METALS = ((196, 196, 200), (204, 172, 96), (180, 120, 80))


def _sticker_alpha(s: dict, xx: np.ndarray, yy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Alpha of a sticker {shape square|round|coin, center, size, angle} and its local coordinates (-1..1)."""
    ca_, sa = math.cos(s["angle"]), math.sin(s["angle"])
    dx, dy = xx - s["center"][0], yy - s["center"][1]
    u, v = (dx * ca_ + dy * sa) / (s["size"] / 2), (-dx * sa + dy * ca_) / (s["size"] / 2)
    edge = (1 - np.maximum(np.abs(u), np.abs(v))) if s["shape"] == "square" else 1 - np.hypot(u, v)
    return np.clip(edge * s["size"] / 2 / 1.2, 0, 1), u, v


def _sticker_cover(s: dict, box: list[int], step: int = 3) -> float:
    yy, xx = np.mgrid[box[1]:box[3]:step, box[0]:box[2]:step].astype(np.float32)
    return float((_sticker_alpha(s, xx, yy)[0] > 0.5).mean()) if xx.size else 0.0


def _plan_sticker(rng: random.Random, box: list[int], held_out: bool) -> dict:
    """A square note/label (dev) or a round sticker or coin (held-out) over a field box."""
    shape = rng.choice(("round", "coin")) if held_out else "square"
    for _ in range(400):
        size = rng.uniform(190, 250) if shape == "coin" else rng.uniform(110, 220)
        s = {"shape": shape, "size": round(size, 1), "angle": round(rng.uniform(-0.35, 0.35), 3),
             "center": [round(rng.uniform(box[0], box[2]), 1), round(rng.uniform(box[1], box[3]), 1)],
             "colour": list(rng.choice(COIN_METALS if shape == "coin" else DOT_COLOURS if shape == "round"
                                       else STICKER_COLOURS)),
             "scribble": shape == "square" and rng.random() < 0.5, "seed": rng.randrange(1 << 30)}
        if _sticker_cover(s, box) >= 0.35:
            s["covered"] = round(_sticker_cover(s, box, 2), 3)
            return s
    raise RuntimeError("no sticker placement found")


def _draw_sticker(canvas: Image.Image, s: dict, pad: int) -> Image.Image:
    """A paper note (paper grain, a lifted corner, maybe pen scribbles), a glossy round sticker or a coin."""
    nprng = _nprng(s["seed"])
    w, h = canvas.size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    alpha, u, v = _sticker_alpha(s, xx - pad, yy - pad)
    base = np.asarray(s["colour"], np.float32)
    r = np.hypot(u, v)
    if s["shape"] == "square":
        grain = cv2.GaussianBlur(nprng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 0.8) * 0.03
        lift = 1 + 0.06 * np.clip((u + v - 1.2) / 0.8, 0, 1) - 0.03 * (u + 1) / 2
        col = base[None, None, :] * (lift * (1 + grain))[..., None]
    elif s["shape"] == "round":
        gloss = np.exp(-(((u + 0.35) ** 2 + (v + 0.35) ** 2) / 0.08)) * 0.6
        col = base[None, None, :] * (1 - 0.15 * r ** 2)[..., None]
        col = col + gloss[..., None] * (255 - col)
    else:
        emboss = cv2.GaussianBlur(nprng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 3) * 0.35
        rim = np.exp(-(((r - 0.9) / 0.035) ** 2)) * 0.35 - np.exp(-(((r - 0.82) / 0.02) ** 2)) * 0.25
        light = 0.75 + 0.35 * np.clip(-(u + v) / 2, -1, 1) + rim + emboss * (r < 0.8)
        col = base[None, None, :] * light[..., None]
        spec = np.exp(-(((u + 0.4) ** 2 + (v + 0.3) ** 2) / 0.05)) * 0.5
        col = col + spec[..., None] * (255 - col)
    lift_shadow = 9 if s["shape"] == "coin" else 5
    shadow = cv2.GaussianBlur(np.roll(alpha, (lift_shadow, lift_shadow), axis=(0, 1)), (0, 0), lift_shadow)
    rgba = np.asarray(canvas).astype(np.float32)
    rgba[..., :3] *= (1 - 0.4 * shadow)[..., None]
    rgba[..., :3] = rgba[..., :3] * (1 - alpha[..., None]) + col * alpha[..., None]
    rgba[..., 3] = np.maximum(rgba[..., 3], alpha * 255)
    out = Image.fromarray(rgba.clip(0, 255).astype(np.uint8), "RGBA")
    if s["scribble"]:  # a few pen strokes on the note
        rng = _rng(s["seed"])
        d = ImageDraw.Draw(out)
        cx, cy, half = s["center"][0] + pad, s["center"][1] + pad, s["size"] * 0.3
        for _ in range(rng.randint(2, 4)):
            y0 = cy + rng.uniform(-half, half)
            pts = [(cx - half + k * half / 5, y0 + rng.uniform(-5, 5)) for k in range(11)]
            d.line(pts, fill=(40, 50, 120, 255), width=2)
    return out


def _glare_map(g: dict, xx: np.ndarray, yy: np.ndarray) -> np.ndarray:
    """Glare intensity 0..1 of a {shape spot|window|tube, center, angle, ...} reflection at card points."""
    ca_, sa = math.cos(g["angle"]), math.sin(g["angle"])
    dx, dy = xx - g["center"][0], yy - g["center"][1]
    a, c = dx * ca_ + dy * sa, -dx * sa + dy * ca_
    if g["shape"] == "spot":
        d2 = (a / g["sx"]) ** 2 + (c / g["sy"]) ** 2
        return np.clip(1.35 * np.exp(-d2), 0, 1)
    if g["shape"] == "tube":
        ends = np.clip((g["length"] / 2 - np.abs(a)) / 25 + 0.5, 0, 1)
        core = np.clip(1.3 * np.exp(-((c / g["width"]) ** 2)), 0, 1)
        halo = 0.35 * np.exp(-np.abs(c) / (2.5 * g["width"]))
        return np.clip((core + halo) * ends, 0, 1)
    # window: a bright soft-edged pane split by cross bars, with a faint halo
    hw_, hh = g["length"] / 2, g["width"] / 2
    out_d = np.maximum(np.abs(a) - hw_, 0) + np.maximum(np.abs(c) - hh, 0)
    pane = np.clip(1 - out_d / 6, 0, 1)
    bars = np.clip(np.minimum(np.abs(a), np.abs(c)) / 4.0 - 0.5, 0, 1)
    return np.clip(pane * (0.35 + 0.65 * bars) + 0.3 * np.exp(-out_d / 25) * (1 - pane), 0, 1)


def _glare_cover(g: dict, box: list[int], level: float = 0.6, step: int = 2) -> float:
    yy, xx = np.mgrid[box[1]:box[3]:step, box[0]:box[2]:step].astype(np.float32)
    return float((_glare_map(g, xx, yy) > level).mean()) if xx.size else 0.0


def _plan_glare(rng: random.Random, box: list[int] | None, keep: list[list[int]], elongated: bool) -> dict:
    """A round spot or an elongated window/tube reflection over `box`, or (box None) one clear of every print."""
    for _ in range(600):
        if box is not None:
            center = [rng.uniform(box[0], box[2]), rng.uniform(box[1], box[3])]
        else:
            center = [rng.uniform(0, gen.CARD_W), rng.uniform(0, gen.CARD_H)]
        g = {"center": [round(center[0], 1), round(center[1], 1)], "angle": round(rng.uniform(-math.pi, math.pi), 3),
             "strength": round(rng.uniform(0.9, 1.0), 3), "tint": rng.choice(([255, 255, 255], [250, 252, 255],
                                                                               [255, 252, 244]))}
        short = 60 if box is None else max(40, min(box[2] - box[0], box[3] - box[1]))
        if elongated:
            g["shape"] = rng.choice(("window", "tube"))
            if g["shape"] == "tube":
                g.update(length=round(rng.uniform(300, 700), 1), width=round(max(14, rng.uniform(0.3, 0.5) * short), 1))
            else:
                g.update(length=round(rng.uniform(120, 220), 1), width=round(rng.uniform(70, 140), 1))
                if box is not None:
                    g["length"] = round(max(g["length"], 1.1 * short), 1)
                    g["width"] = round(max(g["width"], 0.8 * short), 1)
        else:
            big = rng.uniform(35, 75) if box is None or short < 100 else rng.uniform(0.35, 0.6) * short
            big = big if box is not None else rng.uniform(25, 55)
            g.update(shape="spot", sx=round(big * rng.uniform(1.0, 1.5), 1), sy=round(big, 1))
        if box is not None and _glare_cover(g, box, 0.6, 3) >= 0.35:
            g["covered"] = round(_glare_cover(g, box), 3)
            return g
        if box is None and all(_glare_cover(g, [k[0] - 6, k[1] - 6, k[2] + 6, k[3] + 6], 0.1, 3) == 0 for k in keep):
            return g
    raise RuntimeError("no glare placement found")


def _apply_glare(photo: Image.Image, g: dict, homography: np.ndarray, card_alpha: Image.Image, pad: int = 0
                 ) -> Image.Image:
    """A specular reflection on the card's laminate (not the desk), added to the photo so that it clips at white.

    The glare map is evaluated in card coordinates through the inverse homography; a little bloom spreads it.
    """
    w, h = photo.size
    inv = np.linalg.inv(homography)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    den = inv[2, 0] * xx + inv[2, 1] * yy + inv[2, 2]
    cx = (inv[0, 0] * xx + inv[0, 1] * yy + inv[0, 2]) / den - pad
    cy = (inv[1, 0] * xx + inv[1, 1] * yy + inv[1, 2]) / den - pad
    on_card = cv2.warpPerspective(np.asarray(card_alpha, np.float32) / 255, homography, (w, h))
    k = _glare_map(g, cx.astype(np.float32), cy.astype(np.float32)) * on_card * g["strength"]
    k = np.clip(k + 0.25 * cv2.GaussianBlur(k, (0, 0), 12), 0, 1)[..., None]
    out = np.asarray(photo).astype(np.float32)
    out = out * (1 - k) + np.float32(g["tint"]) * k
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


# ---------------------------------------------------------------------------------------------------------------
# Screens: every display pixel drawn as its sub-pixels, integrated by the camera's pixels (moire)

SUPERSAMPLE = 3  # camera samples per photo pixel and axis; the photo pixel is their area average


def _soft_band(x: np.ndarray, a: float, b: float, soft: float = 0.05) -> np.ndarray:
    return np.clip((x - a) / soft + 0.5, 0, 1) * np.clip((b - x) / soft + 0.5, 0, 1)


def _subpixels(panel: str, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Emission masks (..., 3) of the panel's sub-pixels at display coordinates (u, v) in display pixels.

    lcd_stripe: R, G and B vertical stripes in every pixel with a black matrix between rows.
    oled_pentile: diamond PenTile: a small green dot at every pixel centre, red and blue diamonds alternating on
    the pixel corners (so each pixel shares its red and blue with neighbours).
    """
    fu, fv = u - np.floor(u), v - np.floor(v)
    if panel == "lcd_stripe":
        rows = _soft_band(fv, 0.06, 0.92)
        return np.stack([_soft_band(fu, a, a + 0.27) * rows for a in (0.03, 0.36, 0.69)], axis=-1)
    a, b = np.round(u), np.round(v)
    diamond = np.abs(u - a) + np.abs(v - b)
    red_site = ((a + b) % 2) == 0
    r = np.where(red_site, np.clip((0.36 - diamond) / 0.05 + 0.5, 0, 1), 0)
    bl = np.where(~red_site, np.clip((0.44 - diamond) / 0.05 + 0.5, 0, 1), 0)
    turn = (np.floor(u) + np.floor(v)) % 2 == 0
    gu, gv = np.where(turn, fu - 0.5, fv - 0.5), np.where(turn, fv - 0.5, fu - 0.5)
    g = np.clip((1 - (gu / 0.2) ** 2 - (gv / 0.13) ** 2) / 0.3, 0, 1)
    return np.stack([r, g, bl], axis=-1)


@functools.lru_cache(maxsize=4)
def _subpixel_gain(panel: str) -> np.ndarray:
    """1 / mean emission of each channel, so that a white screen averages to white."""
    g = (np.arange(400) + 0.5) / 100
    u, v = np.meshgrid(g, g)
    return 1 / _subpixels(panel, u, v).reshape(-1, 3).mean(axis=0)


def _rounded_inside(u: np.ndarray, v: np.ndarray, box: list[float], r: float) -> np.ndarray:
    x0, y0, x1, y1 = box
    dx = np.maximum(np.maximum(x0 + r - u, u - (x1 - r)), 0)
    dy = np.maximum(np.maximum(y0 + r - v, v - (y1 - r)), 0)
    return (u >= x0) & (u < x1) & (v >= y0) & (v < y1) & (dx * dx + dy * dy <= r * r)


def _screen_tone(content: np.ndarray, s: dict) -> np.ndarray:
    """Display response: gamma change, colour cast and raised black level (content 0..1 -> emission 0..1)."""
    out = np.clip(content, 0, 1) ** s["gamma"] * np.float32(s["cast"])
    return s["black"] + (1 - s["black"]) * out


def _screen_photo(display: np.ndarray, s: dict, homography: np.ndarray, room: np.ndarray,
                  size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray]:
    """Photo (float RGB 0..255) and glass mask (0..1) of a screen showing `display` (Dh x Dw x 3, 0..1, one value
    per display pixel).

    `homography` maps display coordinates to photo coordinates; the bezel (s["bezel"]: width in display px,
    colour, corner radii) surrounds the active area; beyond it the room (`room`, a photo-sized image) shows.
    Camera samples SUPERSAMPLE x SUPERSAMPLE per photo pixel are averaged, so the sub-pixel grid beats against
    the camera's pixel grid (moire); lens blur (s["lens"], photo px) before that keeps it from being pure aliasing.
    """
    w, h = size
    ss = SUPERSAMPLE
    dh, dw = display.shape[:2]
    emit = _screen_tone(display, s).astype(np.float32) * _subpixel_gain(s["panel"]).astype(np.float32)
    inv = np.linalg.inv(homography)
    bez = s.get("bezel")
    rows, masks = [], []
    xs = (np.arange(w * ss) + 0.5) / ss - 0.5
    strip = 48 * ss
    for r0 in range(0, h * ss, strip):
        ys = (np.arange(r0, min(r0 + strip, h * ss)) + 0.5) / ss - 0.5
        xx, yy = np.meshgrid(xs, ys)
        den = inv[2, 0] * xx + inv[2, 1] * yy + inv[2, 2]
        u = (inv[0, 0] * xx + inv[0, 1] * yy + inv[0, 2]) / den
        v = (inv[1, 0] * xx + inv[1, 1] * yy + inv[1, 2]) / den
        active = _rounded_inside(u, v, [0, 0, dw, dh], s.get("screen_radius", 0))
        iu = np.clip(np.floor(u), 0, dw - 1).astype(np.int32)
        iv = np.clip(np.floor(v), 0, dh - 1).astype(np.int32)
        col = emit[iv, iu] * _subpixels(s["panel"], u, v) * 255 * s["exposure"]
        ry = np.clip(np.round(yy).astype(np.int32), 0, h - 1)
        rx = np.clip(np.round(xx).astype(np.int32), 0, w - 1)
        out = room[ry, rx]
        if bez:
            b = bez["width"]
            body = _rounded_inside(u, v, [-b, -b, dw + b, dh + b], bez["radius"])
            sheen = 1 + 0.25 * np.clip((u + v) / (dw + dh), 0, 1)
            out = np.where(body[..., None], np.float32(bez["colour"]) * sheen[..., None], out)
        out = np.where(active[..., None], col, out)
        out = cv2.GaussianBlur(out.astype(np.float32), (0, 0), s["lens"] * ss)
        rows.append(cv2.resize(out, (w, out.shape[0] // ss), interpolation=cv2.INTER_AREA))
        glass = (active | body) if bez else active
        masks.append(cv2.resize(glass.astype(np.float32), (w, out.shape[0] // ss), interpolation=cv2.INTER_AREA))
    return np.concatenate(rows, axis=0), np.concatenate(masks, axis=0)


def _camera(photo: np.ndarray, s: dict, nprng: np.random.Generator, glass: np.ndarray | None = None) -> np.ndarray:
    """Specular glare on the glass, lens blur and sensor noise on a float photo."""
    h, w = photo.shape[:2]
    g = s.get("glare")
    if g and glass is not None:
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        ca_, sa = math.cos(g["angle"]), math.sin(g["angle"])
        a, c = (xx - g["x"]) * ca_ + (yy - g["y"]) * sa, -(xx - g["x"]) * sa + (yy - g["y"]) * ca_
        k = g["strength"] * np.exp(-((a / g["sx"]) ** 2 + (c / g["sy"]) ** 2)) * glass
        photo = photo + k[..., None] * (255 - photo)
    photo = cv2.GaussianBlur(photo.astype(np.float32), (0, 0), s["blur"])
    photo = photo + nprng.normal(0, s["noise"], photo.shape)
    return photo.clip(0, 255)


APP_BACKGROUNDS = ((18, 18, 18), (0, 0, 0), (242, 242, 242), (58, 58, 62), (250, 250, 250))
PHONE_COLOURS = ((12, 12, 14), (30, 34, 48), (170, 172, 176), (190, 170, 140))


def _plan_screen(rng: random.Random, held: bool, size: tuple[int, int], content_aspect: float,
                 fit: tuple[float, float] = (0.6, 0.92), landscape: bool | None = None,
                 bezel_p: tuple[float, float] = (0.5, 0.85)) -> dict:
    """A screen showing some content, photographed: panel, pitch, framing, tone, bezel, glare, camera.

    dev: a desktop LCD (RGB stripes, 1.4-2.6 photo px per display pixel); held-out: a phone OLED (diamond PenTile,
    0.55-1.0 photo px per display pixel) inside its phone body. The screen's long side follows the photo's unless
    `landscape` says otherwise; bezel_p is the chance (monitor, phone) that the bezel is in the frame.
    """
    w, h = size
    landscape = w >= h if landscape is None else landscape
    phone = held
    for _ in range(200):
        s = {"panel": "oled_pentile" if phone else "lcd_stripe",
             "pitch": round(rng.uniform(0.55, 1.0) if phone else rng.uniform(1.4, 2.6), 3)}
        aspect = rng.choice((2.0, 2.17, 2.22)) if phone else rng.choice((16 / 9, 16 / 10, 4 / 3))
        in_frame = rng.random() < bezel_p[phone]  # the bezel/body shows, or the screen fills the frame
        f = rng.uniform(0.68, 0.9) if in_frame else rng.uniform(1.04, 1.2)
        long_px = (max(w, h) * f) / s["pitch"]
        dw, dh = (long_px, long_px / aspect) if landscape else (long_px / aspect, long_px)
        if in_frame and (dw * s["pitch"] > 0.95 * w or dh * s["pitch"] > 0.95 * h):
            scale = min(0.9 * w / (dw * s["pitch"]), 0.9 * h / (dh * s["pitch"]))
            dw, dh = dw * scale, dh * scale
        if not in_frame and (dw * s["pitch"] < 1.04 * w or dh * s["pitch"] < 1.04 * h):
            scale = max(1.06 * w / (dw * s["pitch"]), 1.06 * h / (dh * s["pitch"]))
            dw, dh = dw * scale, dh * scale
        s["display"] = [round(dw), round(dh)]
        s["bezel_in_frame"] = in_frame
        short = min(dw, dh)
        s["bezel"] = ({"width": round(short * rng.uniform(0.035, 0.06), 1), "radius": round(short * 0.14, 1),
                       "colour": list(rng.choice(PHONE_COLOURS))} if phone else
                      {"width": round(max(dw, dh) * rng.uniform(0.012, 0.03), 1), "radius": 3.0,
                       "colour": list(rng.choice(((22, 22, 24), (40, 40, 44), (160, 162, 166))))})
        s["screen_radius"] = round(short * 0.09, 1) if phone else 0.0
        s["angle"] = round(rng.uniform(-8, 8), 2)
        s["center"] = [round(w / 2 + rng.uniform(-50, 50), 1), round(h / 2 + rng.uniform(-40, 40), 1)]
        s["jitter"] = [round(rng.uniform(-0.045, 0.045), 4) for _ in range(8)]
        # Content: fitted into the screen on an app background.
        k = rng.uniform(*fit)
        cw = min(dw * k, dh * k * content_aspect)
        ch = cw / content_aspect
        cx, cy = dw / 2 + rng.uniform(-0.04, 0.04) * dw, dh / 2 + rng.uniform(-0.04, 0.04) * dh
        s["content_rect"] = [round(cx - cw / 2), round(cy - ch / 2), round(cx + cw / 2), round(cy + ch / 2)]
        q = _map_points(np.float64([[s["content_rect"][0], s["content_rect"][1]], [s["content_rect"][2],
                        s["content_rect"][3]], [s["content_rect"][0], s["content_rect"][3]],
                        [s["content_rect"][2], s["content_rect"][1]]]), _screen_homography(s))
        if q.min() >= 8 and (q[:, 0] <= w - 8).all() and (q[:, 1] <= h - 8).all():
            break
    else:
        raise RuntimeError("no screen framing found")
    s["app_bg"] = list(rng.choice(APP_BACKGROUNDS))
    if phone:
        s.update(gamma=round(rng.uniform(0.85, 1.05), 3), black=round(rng.uniform(0.0, 0.025), 3),
                 cast=[round(rng.uniform(0.9, 0.98), 3), round(rng.uniform(0.97, 1.05), 3),
                       round(rng.uniform(1.0, 1.1), 3)])
    else:
        s.update(gamma=round(rng.uniform(0.8, 1.1), 3), black=round(rng.uniform(0.03, 0.11), 3),
                 cast=[round(rng.uniform(0.88, 0.97), 3), round(rng.uniform(0.94, 1.0), 3),
                       round(rng.uniform(1.02, 1.1), 3)])
    s.update(exposure=round(rng.uniform(0.85, 1.02), 3), room_dim=round(rng.uniform(0.3, 0.7), 3),
             lens=round(rng.uniform(0.4, 0.65), 3),
             room_seed=rng.randrange(1 << 30), blur=round(rng.uniform(0.45, 1.1), 3),
             noise=round(rng.uniform(2.0, 5.0), 2))
    s["glare"] = None if rng.random() < 0.4 else {
        "x": round(rng.uniform(0.1, 0.9) * w, 1), "y": round(rng.uniform(0.1, 0.9) * h, 1),
        "angle": round(rng.uniform(-math.pi, math.pi), 3), "sx": round(rng.uniform(150, 520), 1),
        "sy": round(rng.uniform(50, 240), 1), "strength": round(rng.uniform(0.12, 0.42), 3)}
    return s


def _screen_homography(s: dict) -> np.ndarray:
    """Display coordinates -> photo coordinates: pitch, turn, centre and a perspective jitter of the corners."""
    dw, dh = s["display"]
    src = np.float32([[0, 0], [dw, 0], [dw, dh], [0, dh]])
    ang = math.radians(s["angle"])
    dst = []
    for i, (x, y) in enumerate(src):
        x0 = (x - dw / 2 + s["jitter"][2 * i] * dw) * s["pitch"]
        y0 = (y - dh / 2 + s["jitter"][2 * i + 1] * dh) * s["pitch"]
        dst.append([s["center"][0] + x0 * math.cos(ang) - y0 * math.sin(ang),
                    s["center"][1] + x0 * math.sin(ang) + y0 * math.cos(ang)])
    return cv2.getPerspectiveTransform(src, np.float32(dst))


def _render_screen(content: Image.Image, s: dict, size: tuple[int, int], seed: int) -> Image.Image:
    """Photograph of `content` shown on the planned screen."""
    dw, dh = s["display"]
    display = Image.new("RGB", (dw, dh), tuple(s["app_bg"]))
    x0, y0, x1, y1 = s["content_rect"]
    display.paste(content.convert("RGB").resize((x1 - x0, y1 - y0), Image.LANCZOS), (x0, y0))
    disp = np.asarray(display).astype(np.float32) / 255
    room = np.asarray(gen._background(_rng(s["room_seed"]), size)).astype(np.float32) * s["room_dim"]
    photo, glass = _screen_photo(disp, s, _screen_homography(s), room, size)
    photo = _camera(photo, s, _nprng(seed), glass)
    return Image.fromarray(photo.astype(np.uint8))


def _plan_screen_card(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    v["content"] = rng.choice(("scan", "photo"))
    v["content_photo_seed"] = rng.randrange(1 << 30)
    aspect = gen.CARD_W / gen.CARD_H if v["content"] == "scan" else PHOTO_SIZE[0] / PHOTO_SIZE[1]
    v["screen"] = _plan_screen(rng, held, PHOTO_SIZE, aspect)
    item["expected"] = gen.expected(_person(item["person_seed"]), item["side"])


def _render_screen_card(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], item["side"])
    if v["content"] == "scan":
        content = _flat(card, tuple(v["screen"]["app_bg"]))
    else:
        content = gen.photograph(card, _rng(v["content_photo_seed"]), False)[0]
    return _render_screen(content, v["screen"], PHOTO_SIZE, v["seed"])


# ---------------------------------------------------------------------------------------------------------------
# Photocopies: the card copied onto paper (halftone/toner or inkjet dots), the page photographed

COPY_DPMM = 20  # copier raster, px per mm (the card is drawn at 10 px/mm)
PAGE_DPMM = 12  # the page handed to generate.photograph
INKS = {"C": (0.18, 0.66, 0.92), "M": (0.92, 0.22, 0.58), "Y": (0.97, 0.92, 0.16), "K": (0.1, 0.1, 0.11)}
SCREEN_ANGLES = {"C": 15, "M": 75, "Y": 0, "K": 45}


def _plan_copy(rng: random.Random, held: bool, bw: bool) -> dict:
    """Copier and paper: dev white paper + laser toner, held-out greyish recycled paper + inkjet dots."""
    c = {"process": "inkjet" if held else "laser", "bw": bw, "skew": round(rng.uniform(-3, 3), 2),
         "outline": rng.random() < 0.5, "period": round(rng.uniform(4.0, 6.0), 2),
         "saturation": round(rng.uniform(0.2, 0.45) if bw else rng.uniform(0.45, 0.8), 3),
         "hue_shift": round(rng.uniform(-10, 10), 1),
         "black_point": round(rng.uniform(0.1, 0.25) if bw else rng.uniform(0.0, 0.08), 3),
         "white_point": round(rng.uniform(0.66, 0.8) if bw else rng.uniform(0.8, 0.92), 3),
         "gamma": round(rng.uniform(0.85, 1.25), 3), "streaks": bw and not held and rng.random() < 0.7,
         "banding": held and rng.random() < 0.6, "band_period": rng.randint(36, 90),
         "margins": [rng.randint(90, 450) for _ in range(4)], "seed": rng.randrange(1 << 30)}
    if held:
        grey = rng.uniform(208, 230)
        c["paper"] = [round(grey + rng.uniform(0, 8)), round(grey + rng.uniform(0, 5)), round(grey - rng.uniform(0, 6))]
    else:
        white = rng.uniform(246, 254)
        c["paper"] = [round(white), round(white), round(min(255, white + rng.uniform(-3, 3)))]
    return c


def _halftone(cover: np.ndarray, ink: str, c: dict, nprng: np.random.Generator) -> np.ndarray:
    """Ink coverage (0..1) -> inked area (0..1): rotated clustered dots (laser) or stochastic dots (inkjet)."""
    h, w = cover.shape
    if c["process"] == "laser":
        yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
        a = math.radians(SCREEN_ANGLES[ink])
        xr, yr = xx * math.cos(a) + yy * math.sin(a), -xx * math.sin(a) + yy * math.cos(a)
        p = c["period"]
        t = (np.cos(2 * np.pi * xr / p) + np.cos(2 * np.pi * yr / p) + 2) / 4
        t = 1 - t + cv2.GaussianBlur(nprng.normal(0, 0.08, (h, w)).astype(np.float32), (0, 0), 0.7)
        dots = np.clip((cover - np.clip(t, 0.03, 1)) / 0.08, 0, 1)
        return cv2.GaussianBlur(dots, (0, 0), 0.5)
    t = nprng.random((h, w)).astype(np.float32)
    t = cv2.GaussianBlur(t, (0, 0), 0.6)
    t = (t - t.mean()) / (t.std() + 1e-6) * 0.29 + 0.5  # back to a spread of thresholds
    dots = np.clip((cover - np.clip(t, 0.03, 1)) / 0.06, 0, 1)
    return np.clip(cv2.GaussianBlur(dots, (0, 0), 1.0) * 1.15, 0, 1)  # ink spreads into the paper


def _copy_tone(rgb: np.ndarray, c: dict) -> np.ndarray:
    """The copier's colour: less and shifted saturation, highlights blown to paper, crushed darks (0..1)."""
    hsv = cv2.cvtColor(rgb.astype(np.float32), cv2.COLOR_RGB2HSV)
    hsv[..., 0] = (hsv[..., 0] + c["hue_shift"]) % 360
    hsv[..., 1] *= 0 if c["bw"] else c["saturation"]
    out = cv2.cvtColor(hsv, cv2.COLOR_HSV2RGB)
    out = np.clip((out - c["black_point"]) / (c["white_point"] - c["black_point"]), 0, 1) ** c["gamma"]
    return out


def _copy_card(card: Image.Image, c: dict) -> np.ndarray:
    """Reflectance (0..1, relative to paper) of the copied card at COPY_DPMM, skewed as it lay on the glass."""
    nprng = _nprng(c["seed"])
    k = COPY_DPMM // 10
    big = card.resize((card.width * k, card.height * k), Image.BICUBIC)
    if c["outline"]:  # the copier prints the card's edge as a faint grey line
        ImageDraw.Draw(big).rounded_rectangle((1, 1, big.width - 2, big.height - 2), 32 * k, outline=(150, 150, 150,
                                                                                                        255), width=3)
    big = big.rotate(c["skew"], resample=Image.BICUBIC, expand=True)
    rgb = np.asarray(_flat(big)).astype(np.float32) / 255
    tone = _copy_tone(rgb, c)
    if c["bw"]:
        inks = {"K": 1 - tone[..., 0]}
    else:
        cmy = 1 - tone
        kk = cmy.min(axis=2) * 0.85
        inks = {"C": cmy[..., 0] - kk, "M": cmy[..., 1] - kk, "Y": cmy[..., 2] - kk, "K": kk}
    refl = np.ones_like(rgb)
    for ink, cover in inks.items():
        dots = _halftone(np.clip(cover, 0, 1), ink, c, nprng)
        refl *= 1 - dots[..., None] * (1 - np.float32(INKS[ink] if not c["bw"] else (0.09, 0.09, 0.1)))
    return np.clip(refl, 0, 1)


def _copy_page(card: Image.Image, c: dict) -> Image.Image:
    """The copied page at PAGE_DPMM: paper (colour, grain, fibres for recycled paper) with the card printed on."""
    nprng = _nprng(c["seed"] + 1)
    refl = _copy_card(card, c)
    f = PAGE_DPMM / COPY_DPMM
    refl = cv2.resize(refl, (round(refl.shape[1] * f), round(refl.shape[0] * f)), interpolation=cv2.INTER_AREA)
    left, top, right, bottom = c["margins"]
    h, w = refl.shape[0] + top + bottom, refl.shape[1] + left + right
    page = np.ones((h, w, 3), np.float32)
    page[top:top + refl.shape[0], left:left + refl.shape[1]] = refl
    if c["process"] == "laser":  # stray toner specks all over the page
        specks = (nprng.random((h, w)) < 0.0012).astype(np.float32)
        page *= 1 - np.clip(cv2.GaussianBlur(specks, (0, 0), 0.7) * 2.5, 0, 0.7)[..., None]
    if c["streaks"]:  # a few drum streaks along the paper feed, the page's whole length
        line = cv2.GaussianBlur(nprng.normal(0, 1, (1, w)).astype(np.float32), (0, 0), 1.2)
        line /= line.std() + 1e-6
        page *= 1 - np.clip((np.abs(line) - 1.8) * 0.2, 0, 0.3)[..., None]
    if c.get("banding"):  # inkjet head passes: faint horizontal bands
        rows = np.arange(h, dtype=np.float32)[:, None, None]
        page *= 1 - 0.025 * (1 + np.sin(2 * np.pi * rows / c["band_period"])) * (page < 0.97)
    grain = cv2.GaussianBlur(nprng.normal(0, 1, (h, w)).astype(np.float32), (0, 0), 0.7) * 0.012
    mottle = cv2.GaussianBlur(nprng.normal(0, 1, (h // 8, w // 8)).astype(np.float32), (0, 0), 2)
    mottle = cv2.resize(mottle, (w, h)) * (0.05 if c["process"] == "inkjet" else 0.015)
    paper = np.float32(c["paper"]) * (1 + grain + mottle)[..., None]
    if c["process"] == "inkjet":  # recycled paper: fibres and specks
        fib = Image.new("L", (w, h), 0)
        d = ImageDraw.Draw(fib)
        rng = _rng(c["seed"])
        for _ in range(w * h // 2500):
            x, y, a, n = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0, math.pi), rng.uniform(3, 14)
            d.line((x, y, x + n * math.cos(a), y + n * math.sin(a)), fill=rng.randint(20, 90), width=1)
        paper *= (1 - np.asarray(fib, np.float32) / 255 * 0.5)[..., None]
    out = (paper * page).clip(0, 255).astype(np.uint8)
    return Image.fromarray(out).convert("RGBA")


def _plan_photocopy(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    v["copy"] = _plan_copy(rng, held, bw=item["kind"] == "BW_PHOTOCOPY")
    _plan_shot(rng, v, scale_range=(0.72, 0.95), max_angle=10)
    item["expected"] = gen.expected(_person(item["person_seed"]), item["side"])


def _render_photocopy(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], item["side"])
    return _shoot(_copy_page(card, v["copy"]), v)[0]


# ---------------------------------------------------------------------------------------------------------------
# Temporary ID (临时居民身份证): an invented layout in its own colours (not the real design)

TEMP_RED, TEMP_INK, TEMP_LABEL = (176, 32, 36), (24, 24, 28), (40, 70, 120)


def _temp_person(person_seed: int) -> gen.Person:
    """The person with a temporary card's validity: issued in the last 80 days, valid three months."""
    p = _person(person_seed)
    start = gen.TODAY - dt.timedelta(days=_rng(person_seed + 2).randint(0, 80))
    month = start.month + 3
    year, month = start.year + (month - 1) // 12, (month - 1) % 12 + 1
    until = dt.date(year, month, min(start.day, 28))
    return gen.Person(p.name, p.sex, p.ethnicity, p.birth, p.address, p.id_number, p.authority, start, until)


def _temp_background(rng: random.Random) -> Image.Image:
    """Pale blue-green with a rosette of rings and a red frame line."""
    yy, xx = np.mgrid[0:gen.CARD_H, 0:gen.CARD_W].astype(np.float32)
    cx, cy = rng.uniform(300, 560), rng.uniform(200, 340)
    r = np.hypot(xx - cx, yy - cy)
    ang = np.arctan2(yy - cy, xx - cx)
    rings = 0.5 + 0.5 * np.cos(r / 5.5 + 2.2 * np.sin(6 * ang))
    base = np.float32([224, 238, 240]) - 10 * (yy / gen.CARD_H)[..., None]
    img = base - (rings ** 8)[..., None] * np.float32([16, 9, 5])
    out = Image.fromarray(img.clip(0, 255).astype(np.uint8))
    ImageDraw.Draw(out).rounded_rectangle((14, 14, gen.CARD_W - 15, gen.CARD_H - 15), 20, outline=(214, 120, 120),
                                          width=2)
    return out


def render_temp_front(p: gen.Person, face: Image.Image, rng: random.Random) -> Image.Image:
    """Front of a 临时居民身份证: red title on top, portrait on the left, the fields on the right."""
    card = _temp_background(rng)
    d = ImageDraw.Draw(card)
    title = gen._font(gen.SANS_BOLD, 40)
    tw = d.textlength("临时居民身份证", font=title) + 6 * 12
    x = (gen.CARD_W - tw) / 2
    for ch in "临时居民身份证":
        d.text((x, 26), ch, font=title, fill=TEMP_RED)
        x += d.textlength(ch, font=title) + 12
    card.paste(gen._portrait(face, (180, 225)), (52, 112))
    lab, val = gen._font(gen.SANS, 21), gen._font(gen.SANS, 27)
    rows = [("姓　名", p.name, 112), ("性　别", f"{p.sex}      民族  {p.ethnicity}", 160),
            ("出生日期", f"{p.birth.year}年{p.birth.month}月{p.birth.day}日", 208)]
    for label, value, y in rows:
        d.text((262, y + 5), label, font=lab, fill=TEMP_LABEL)
        d.text((372, y), value, font=val, fill=TEMP_INK)
    d.text((262, 261), "住　址", font=lab, fill=TEMP_LABEL)
    for i, line in enumerate(gen.wrap_address(p.address, 15)):
        d.text((372, 256 + 38 * i), line, font=val, fill=TEMP_INK)
    d.text((52, 440), "公民身份号码", font=lab, fill=TEMP_LABEL)
    num = gen._font(gen.MONO, 30)
    x = 205
    for ch in p.id_number:
        d.text((x, 434), ch, font=num, fill=TEMP_INK)
        x += 29
    return gen._round_corners(card, 24)


def render_temp_back(p: gen.Person, rng: random.Random) -> Image.Image:
    """Back of a 临时居民身份证: emblem, titles, issuing authority and a three-month validity."""
    card = _temp_background(rng)
    d = ImageDraw.Draw(card)
    d.ellipse((60, 50, 170, 160), fill=(200, 40, 40))
    star = [(115 + 40 * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
             105 + 40 * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    d.polygon(star, fill=(250, 210, 60))
    d.text((250, 60), "中华人民共和国", font=gen._font(gen.SANS_BOLD, 36), fill=TEMP_INK)
    d.text((205, 150), "临时居民身份证", font=gen._font(gen.SANS_BOLD, 60), fill=TEMP_RED)
    lab, val = gen._font(gen.SANS, 22), gen._font(gen.SANS, 27)
    d.text((150, 330), "签发机关", font=lab, fill=TEMP_LABEL)
    d.text((270, 323), p.authority, font=val, fill=TEMP_INK)
    d.text((150, 395), "有效期限", font=lab, fill=TEMP_LABEL)
    d.text((270, 388), f"{p.valid_from:%Y.%m.%d}-{p.valid_until:%Y.%m.%d}", font=val, fill=TEMP_INK)
    return gen._round_corners(card, 24)


def _plan_temp(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    v["style"] = "flat_scan" if held else "phone_photo"
    if not held:
        _plan_shot(rng, v)
    p = _temp_person(item["person_seed"])
    v["valid_from"], v["valid_until"] = p.valid_from.isoformat(), p.valid_until.isoformat()


def _render_temp(item: dict) -> Image.Image:
    v = item["variant"]
    p = _temp_person(item["person_seed"])
    if item["side"] == "front":
        faces = _faces()
        card = render_temp_front(p, faces[item["person_seed"] % len(faces)], _rng(item["person_seed"] + 1))
    else:
        card = render_temp_back(p, _rng(item["person_seed"] + 1))
    if v["style"] == "flat_scan":
        return _flat(card)
    return _shoot(card, v)[0]


# ---------------------------------------------------------------------------------------------------------------
# Edit traces: digits replaced after the photo was taken, then saved as JPEG

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
EDIT_FONTS = (DEJAVU + "DejaVuSans-Bold.ttf", DEJAVU + "DejaVuSansMono.ttf", DEJAVU + "DejaVuSansCondensed-Bold.ttf",
              gen.SANS_BOLD, gen.MONO)
ID_RUNS = ((6, 9), (6, 13), (10, 13), (14, 17), (12, 17))  # birth year, birth date, month+day, last four, last six


def _edit_box(person: gen.Person, field: str, run: list[int]) -> list[int]:
    """Card box of the replaced characters: ID-number positions run[0]..run[1], or the birth year."""
    d = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    if field == "id_number":
        mono = gen._font(gen.MONO, 31)
        return _union([d.textbbox((270 + 27 * i, 438), person.id_number[i], font=mono)
                       for i in range(run[0], run[1] + 1)], 3)
    return _union([d.textbbox((150, 166), str(person.birth.year), font=gen._font(gen.SANS, 29))], 3)


def _plan_edit(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    item["side"] = "front"
    person = _person(item["person_seed"])
    v["field"] = "id_number" if rng.random() < 0.6 else "birth_date"
    v["run"] = list(rng.choice(ID_RUNS)) if v["field"] == "id_number" else [6, 9]
    a, b = v["run"]
    for _ in range(100):
        donor_seed = rng.randrange(1 << 30)
        donor = _person(donor_seed)
        if sum(x != y for x, y in zip(donor.id_number[a:b + 1], person.id_number[a:b + 1])) >= (b - a + 2) // 2:
            break
    new = donor.id_number[a:b + 1]
    shown = person.id_number[:a] + new + person.id_number[b + 1:]
    if v["field"] == "id_number":
        v.update(original=person.id_number, shown=shown)
    else:
        v.update(original=person.birth.isoformat(), shown=f"{new}{person.birth.isoformat()[4:]}")
    v["method"] = "rerendered_digits" if held else "pasted_patch"
    v["q_original"] = rng.randint(80, 95)
    _plan_shot(rng, v)
    if held:
        v["font"] = rng.choice(EDIT_FONTS)
        v.update(size_delta=rng.choice((-3, -2, -1, 1, 2, 3)), dx=round(rng.uniform(-2.5, 2.5), 2),
                 dy=round(rng.uniform(-2.5, 2.5), 2), ink=rng.randint(0, 60), sharp=rng.random() < 0.5,
                 blur=round(rng.uniform(1.2, 1.9), 2))
    else:
        v.update(donor_seed=donor_seed, donor_blur=round(rng.uniform(0.2, 1.6), 2),
                 donor_noise=round(rng.uniform(1.0, 7.0), 2), donor_q=rng.randint(45, 85),
                 donor_gain=[round(rng.uniform(0.97, 1.03), 3) for _ in range(3)],
                 grid_shift=[rng.randrange(8), rng.randrange(8)], margin=rng.randint(2, 9),
                 feather=rng.choice((0, 0, 1, 2)),
                 misalign=[round(rng.uniform(-1.5, 1.5), 2), round(rng.uniform(-1.5, 1.5), 2),
                           round(rng.uniform(-1.2, 1.2), 2), round(rng.uniform(0.97, 1.03), 3)])
    box = _edit_box(person, v["field"], v["run"])
    if not held:
        box = [box[0] - v["margin"], box[1] - v["margin"], box[2] + v["margin"], box[3] + v["margin"]]
    v["card_box"] = box
    item["region"] = _map_box(box, _pose(v, (gen.CARD_W, gen.CARD_H)))


def _donor_patch(v: dict) -> np.ndarray:
    """RGBA (card coordinates) of the digits cut from a photo of another person's card."""
    donor = _person(v["donor_seed"])
    faces = _faces()
    card = _flat(gen.render_front(donor, faces[v["donor_seed"] % len(faces)], _rng(v["donor_seed"] + 1))[0])
    arr = np.asarray(card).astype(np.float32)
    arr = cv2.GaussianBlur(arr, (0, 0), v["donor_blur"])
    arr += _nprng(v["donor_seed"]).normal(0, v["donor_noise"], arr.shape)
    gx, gy = v["grid_shift"]  # the donor photo's own JPEG grid, not aligned with this photo's
    shifted = Image.fromarray(np.pad(arr.clip(0, 255).astype(np.uint8), ((gy, 0), (gx, 0), (0, 0)), mode="edge"))
    arr = np.asarray(_jpeg(shifted, v["donor_q"])).astype(np.float32)[gy:, gx:]
    mask = np.zeros(arr.shape[:2], np.float32)
    x0, y0, x1, y1 = v["card_box"]
    mask[y0:y1, x0:x1] = 1
    if v["feather"]:
        mask = cv2.GaussianBlur(mask, (0, 0), v["feather"])
    return np.dstack([arr, mask * 255])


def _render_edit(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], "front")
    photo, homography = _shoot(card, v)
    out = np.asarray(_jpeg(photo, v["q_original"])).astype(np.float32)  # the photo as the forger received it
    size = PHOTO_SIZE
    if v["method"] == "pasted_patch":
        tx, ty, rot, sc = v["misalign"]
        cx, cy = (v["card_box"][0] + v["card_box"][2]) / 2, (v["card_box"][1] + v["card_box"][3]) / 2
        m = cv2.getRotationMatrix2D((cx, cy), rot, sc)
        m[:, 2] += (tx, ty)
        layer = cv2.warpPerspective(_donor_patch(v), homography @ np.vstack([m, [0, 0, 1]]), size,
                                    flags=cv2.INTER_LINEAR)
        a = layer[..., 3:4] / 255
        inside = a[..., 0] > 0.5
        if inside.any():  # the forger matches the patch's paper colour to the photo's, roughly
            ratio = np.median(out[inside], axis=0) / np.maximum(np.median(layer[..., :3][inside], axis=0), 1)
            layer[..., :3] *= ratio * np.float32(v["donor_gain"])
        out = out * (1 - a) + layer[..., :3] * a
        return Image.fromarray(out.clip(0, 255).astype(np.uint8))
    # Re-rendered digits: ink strokes inpainted away inside the box, then new digits drawn over it.
    box_mask = cv2.warpPerspective(_box_mask(v["card_box"]), homography, size)
    grey = out.mean(axis=2)
    local = np.median(grey[box_mask > 0.5]) if (box_mask > 0.5).any() else 200
    ink = ((grey < local - 40) & (box_mask > 0.5)).astype(np.uint8)
    ink = cv2.dilate(ink, np.ones((5, 5), np.uint8))
    out = cv2.inpaint(out.clip(0, 255).astype(np.uint8), ink, 4, cv2.INPAINT_TELEA).astype(np.float32)
    layer = Image.new("RGBA", (gen.CARD_W, gen.CARD_H), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    a, b = v["run"]
    text = v["shown"][a:b + 1] if v["field"] == "id_number" else v["shown"][:4]
    fill = (v["ink"], v["ink"], v["ink"], 255)
    if v["field"] == "id_number":
        font = gen._font(v["font"], 31 + v["size_delta"])
        for k, ch in enumerate(text):
            d.text((270 + 27 * (a + k) + v["dx"], 438 + v["dy"]), ch, font=font, fill=fill)
    else:
        font = gen._font(v["font"], 29 + v["size_delta"])
        d.text((150 + v["dx"], 166 + v["dy"]), text, font=font, fill=fill)
    warped = cv2.warpPerspective(np.asarray(layer).astype(np.float32), homography, size, flags=cv2.INTER_LINEAR)
    if not v["sharp"]:
        warped = cv2.GaussianBlur(warped, (0, 0), v["blur"])
    k = warped[..., 3:4] / 255
    out = out * (1 - k) + warped[..., :3] * k
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def _box_mask(box: list[int]) -> np.ndarray:
    mask = np.zeros((gen.CARD_H, gen.CARD_W), np.float32)
    mask[box[1]:box[3], box[0]:box[2]] = 1
    return mask


# ---------------------------------------------------------------------------------------------------------------
# Items: planners (labels and parameters, no pixels) and renderers, per kind

CLEAN_MODES = ("scan",) * 5 + ("photo",) * 11 + ("glare_off_field",) * 2 + ("thumb_off_field",) * 2


def _new_item(kind: str, j: int, held: bool, rng: random.Random, side: str) -> dict:
    detected = () if kind == "clean" else ("BW_PHOTOCOPY", "PHOTOCOPY") if kind == "BW_PHOTOCOPY" else (kind,)
    return {"id": f"{kind.lower()}_{j:03d}", "kind": kind, "side": side, "split": "held_out" if held else "dev",
            "variant": {"seed": rng.randrange(1 << 30), "jpeg_quality": rng.randint(72, 92)},
            "labels": _labels(*detected), "region": None, "expected": None, "person_seed": rng.randrange(1 << 30)}


def _plan_clean(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    v["mode"] = CLEAN_MODES[j % len(CLEAN_MODES)]
    person = _person(item["person_seed"])
    item["expected"] = gen.expected(person, item["side"])
    if v["mode"] == "scan":
        return
    _, keep = field_boxes(person, item["side"])
    if v["mode"] == "thumb_off_field":
        _plan_shot(rng, v, pad=THUMB_PAD)
        v["thumb"] = _plan_thumb(rng, None, keep, held_out=rng.random() < 0.5)
        item["benign"] = "thumb_off_field"
    else:
        _plan_shot(rng, v)
        if v["mode"] == "glare_off_field":
            v["glare"] = _plan_glare(rng, None, keep, elongated=rng.random() < 0.5)
            item["benign"] = "glare_off_field"


def _render_clean(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], item["side"])
    if v["mode"] == "scan":
        return _flat(card)
    if v["mode"] == "thumb_off_field":
        return _shoot(_draw_thumb(_padded(card, THUMB_PAD), v["thumb"], THUMB_PAD, v["seed"]), v)[0]
    photo, homography = _shoot(card, v)
    if v["mode"] == "glare_off_field":
        photo = _apply_glare(photo, v["glare"], homography, card.split()[3])
    return photo


def _plan_field_attack(item: dict, rng: random.Random) -> tuple[str, dict[str, list[int]]]:
    """Pick the attacked field (front five or back two) and so the side; return the field and the field boxes."""
    field = rng.choice(FRONT_FIELDS + BACK_FIELDS)
    item["side"] = "front" if field in FRONT_FIELDS else "back"
    person = _person(item["person_seed"])
    item["variant"]["field"] = field
    return field, field_boxes(person, item["side"])[0]


def _plan_occlusion(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    field, boxes = _plan_field_attack(item, rng)
    _plan_shot(rng, v, pad=THUMB_PAD)
    if rng.random() < 0.5:
        v["occluder"] = "thumb"
        v["thumb"] = _plan_thumb(rng, boxes[field], [], held_out=held)
        v["covered"] = v["thumb"]["covered"]
    else:
        v["sticker"] = _plan_sticker(rng, boxes[field], held_out=held)
        v["occluder"] = v["sticker"]["shape"]
        v["covered"] = v["sticker"]["covered"]
    canvas = (gen.CARD_W + 2 * THUMB_PAD, gen.CARD_H + 2 * THUMB_PAD)
    item["region"] = _map_box(boxes[field], _pose(v, canvas), THUMB_PAD)


def _render_occlusion(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], item["side"])
    canvas = _padded(card, THUMB_PAD)
    if v["occluder"] == "thumb":
        canvas = _draw_thumb(canvas, v["thumb"], THUMB_PAD, v["seed"])
    else:
        canvas = _draw_sticker(canvas, v["sticker"], THUMB_PAD)
    return _shoot(canvas, v)[0]


def _plan_glare_on_field(item: dict, rng: random.Random, held: bool, j: int) -> None:
    v = item["variant"]
    field, boxes = _plan_field_attack(item, rng)
    _plan_shot(rng, v)
    v["glare"] = _plan_glare(rng, boxes[field], [], elongated=held)
    v["covered"] = v["glare"]["covered"]
    item["region"] = _map_box(boxes[field], _pose(v, (gen.CARD_W, gen.CARD_H)))


def _render_glare_on_field(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], item["side"])
    photo, homography = _shoot(card, v)
    return _apply_glare(photo, v["glare"], homography, card.split()[3])


BORDER_MARGIN = 420  # the photo is cut out of a photograph this much larger on every side
CARD_CORNERS = ("top_left", "top_right", "bottom_right", "bottom_left")
CARD_EDGES = {frozenset((0, 1)): "top", frozenset((1, 2)): "right", frozenset((2, 3)): "bottom",
              frozenset((0, 3)): "left"}
FRAME_SIDES = {"left": (0, -1), "right": (0, 1), "top": (1, -1), "bottom": (1, 1)}  # (axis, outward sign)


def _plan_border(item: dict, rng: random.Random, held: bool, j: int) -> None:
    """Dev: one card corner out of the frame; held-out: a whole card edge (both its corners) out."""
    v = item["variant"]
    person = _person(item["person_seed"])
    big = (PHOTO_SIZE[0] + 2 * BORDER_MARGIN, PHOTO_SIZE[1] + 2 * BORDER_MARGIN)
    card_pts = np.float64([[0, 0], [gen.CARD_W, 0], [gen.CARD_W, gen.CARD_H], [0, gen.CARD_H]])
    for _ in range(500):
        _plan_shot(rng, v, size=big, scale_range=(1.0, 1.3), max_angle=20)
        corners = _map_points(card_pts, _pose(v, (gen.CARD_W, gen.CARD_H)))
        side = rng.choice(list(FRAME_SIDES))
        axis, sign = FRAME_SIDES[side]
        proj = sign * corners[:, axis]
        order = np.argsort(-proj)
        if held:  # both corners of the edge facing this frame side go out
            if frozenset(order[:2].tolist()) not in CARD_EDGES:
                continue
            extent = proj[order[0]] - proj[order[3]]
            depth = proj[order[1]] - rng.uniform(0.06, 0.35) * extent  # the frame line, in `proj` units
            room = depth - proj[order[2]]
        else:
            gap = proj[order[0]] - proj[order[1]]
            if gap < 80:
                continue
            depth = proj[order[0]] - rng.uniform(max(45, 0.15 * gap), 0.9 * gap)
            room = depth - proj[order[1]]
        if room < 12:
            continue
        size_along = PHOTO_SIZE[axis]
        lo = sign * depth - (size_along if sign > 0 else 0)  # window start along the cut axis
        other = 1 - axis
        span = corners[:, other].min(), corners[:, other].max()
        if span[1] - span[0] > PHOTO_SIZE[other] - 24:
            continue
        start_other = rng.uniform(span[1] - PHOTO_SIZE[other] + 12, span[0] - 12)
        offset = [0.0, 0.0]
        offset[axis], offset[other] = lo, start_other
        if all(0 <= offset[a] <= 2 * BORDER_MARGIN for a in (0, 1)):
            break
    else:
        raise RuntimeError("no border cut found")
    ox, oy = round(offset[0]), round(offset[1])
    v["crop"] = [ox, oy, ox + PHOTO_SIZE[0], oy + PHOTO_SIZE[1]]
    v["frame_side"] = side
    if held:
        v["cut"] = "edge"
        v["card_edge"] = CARD_EDGES[frozenset(order[:2].tolist())]
    else:
        v["cut"] = "corner"
        v["card_corner"] = CARD_CORNERS[order[0]]
    homography = np.float64([[1, 0, -ox], [0, 1, -oy], [0, 0, 1]]) @ _pose(v, (gen.CARD_W, gen.CARD_H))
    yy, xx = np.mgrid[0:gen.CARD_H:4, 0:gen.CARD_W:4]
    pts = _map_points(np.c_[xx.ravel(), yy.ravel()], homography)
    out = (pts[:, 0] < 0) | (pts[:, 0] >= PHOTO_SIZE[0]) | (pts[:, 1] < 0) | (pts[:, 1] >= PHOTO_SIZE[1])
    v["out_fraction"] = round(float(out.mean()), 4)
    item["region"] = [int(pts[out, 0].min()), int(pts[out, 1].min()), int(pts[out, 0].max()), int(pts[out, 1].max())]
    boxes = field_boxes(person, item["side"])[0]
    cut = []
    for name, (x0, y0, x1, y1) in boxes.items():
        q = _map_points(np.float64([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]), homography)
        if q.min() < 0 or (q[:, 0] >= PHOTO_SIZE[0]).any() or (q[:, 1] >= PHOTO_SIZE[1]).any():
            cut.append(name)
    v["fields_cut"] = cut
    if not [c for c in cut if c != "portrait"]:
        item["expected"] = gen.expected(person, item["side"])


def _render_border(item: dict) -> Image.Image:
    v = item["variant"]
    _, card = _card(item["person_seed"], item["side"])
    return _shoot(card, v)[0].crop(tuple(v["crop"]))


PLANNERS = {"clean": _plan_clean, "OCCLUSION": _plan_occlusion, "GLARE_ON_FIELD": _plan_glare_on_field,
            "BORDER_INCOMPLETE": _plan_border, "SCREEN_RECAPTURE": _plan_screen_card,
            "PHOTOCOPY": _plan_photocopy, "BW_PHOTOCOPY": _plan_photocopy, "TEMPORARY_ID": _plan_temp,
            "EDIT_TRACES": _plan_edit}
RENDERERS = {"clean": _render_clean, "OCCLUSION": _render_occlusion, "GLARE_ON_FIELD": _render_glare_on_field,
             "BORDER_INCOMPLETE": _render_border, "SCREEN_RECAPTURE": _render_screen_card,
             "PHOTOCOPY": _render_photocopy, "BW_PHOTOCOPY": _render_photocopy, "TEMPORARY_ID": _render_temp,
             "EDIT_TRACES": _render_edit}


def card_items(seed: int = 20261129, per_kind: int = 100, clean: int = 200) -> list[dict]:
    """The card attack set's items (labels and parameters, no pixels); deterministic for a seed.

    per_kind items of each code in CODES, then `clean` clean ones; index % 3 == 2 is held out.
    """
    items = []
    for kind, count in [*((k, per_kind) for k in CODES), ("clean", clean)]:
        rng = random.Random(f"{seed}:{kind}")  # each kind its own stream (str seeds are hashed with SHA-512)
        for j in range(count):
            held = j % 3 == 2
            item = _new_item(kind, j, held, rng, "front" if rng.random() < 0.65 else "back")
            PLANNERS[kind](item, rng, held, j)
            items.append(item)
    return items


def render_card_item(item: dict) -> Image.Image:
    """The uploaded photo of a card item (PIL RGB), deterministic from the item."""
    img = RENDERERS[item["kind"]](item)
    return _jpeg(img, item["variant"]["jpeg_quality"])


# ---------------------------------------------------------------------------------------------------------------
# Selfies: the shared face photos printed or shown on a screen, and photographed


@functools.lru_cache(maxsize=1)
def face_identities() -> tuple[tuple[str, ...], ...]:
    """The face photos grouped by identity (joined through pairs.csv same_person), in a fixed order."""
    import re

    names = sorted(p.name for p in FACES_DIR.glob("*.jpg"))
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n

    with open(FACES_DIR / "pairs.csv", newline="") as f:
        for row in csv.DictReader(f):
            if row["same_person"] == "1" and row["img1"] in parent and row["img2"] in parent:
                parent[root(row["img1"])] = root(row["img2"])
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(root(n), []).append(n)
    number = lambda n: int(re.findall(r"\d+", n)[0])  # noqa: E731
    return tuple(tuple(sorted(g, key=number)) for g in sorted(groups.values(), key=lambda g: min(map(number, g))))


def _selfie_pool(held: bool) -> list[tuple[int, str]]:
    """(identity, file) of the dev or the held-out identities: every third identity is held out."""
    return [(i, n) for i, group in enumerate(face_identities()) if (i % 3 == 2) == held for n in group]


def _load_face(name: str) -> Image.Image:
    return gen._load(FACES_DIR / name)


def _plan_print(rng: random.Random, held: bool) -> dict:
    """A print of the face: dev a glossy colour-laser print on white paper, held-out a matte inkjet print on
    greyish plain paper, bent in the hand. Both held by a thumb at the bottom edge."""
    c = _plan_copy(rng, held, bw=False)
    c.update(saturation=round(rng.uniform(0.8, 1.05), 3), black_point=round(rng.uniform(0.0, 0.05), 3),
             white_point=round(rng.uniform(0.93, 1.0), 3), gamma=round(rng.uniform(0.9, 1.1), 3),
             period=round(rng.uniform(3.5, 5.0), 2), outline=False, skew=0.0)
    p = {"style": "matte_inkjet_bent" if held else "glossy_laser", "copy": c,
         "long_side": rng.randint(720, 920), "border": rng.choice((0, 0, rng.randint(12, 40))),
         "flat": round(rng.uniform(0.7, 0.85), 3)}
    if held:
        p["bend"] = round(rng.uniform(0.05, 0.14), 3)
    else:
        p["gloss"] = {"x": round(rng.uniform(0.1, 0.9), 3), "y": round(rng.uniform(0.1, 0.9), 3),
                      "angle": round(rng.uniform(-math.pi, math.pi), 3), "strength": round(rng.uniform(0.15, 0.4), 3)}
    along = rng.uniform(0.06, 0.28) if rng.random() < 0.5 else rng.uniform(0.72, 0.94)  # a corner, not the face
    p["thumb"] = {"along": round(along, 3), "depth": round(rng.uniform(30, 80), 1),
                  "angle": round(math.pi / 2 + rng.uniform(-0.35, 0.35), 4), "hw": round(rng.uniform(85, 110), 1),
                  "skin": _skin(rng, held), "light": rng.choice((-1, 1))}
    return p


def _render_print(face: Image.Image, v: dict) -> Image.Image:
    """The face printed (flat light, tone, halftone, paper, gloss or bend), held by a thumb and photographed."""
    p = v["print"]
    c = p["copy"]
    k = 2 * p["long_side"] / max(face.size)
    big = np.asarray(face.resize((round(face.width * k), round(face.height * k)), Image.LANCZOS)) / 255.0
    big = (1 - p["flat"]) / 2 + p["flat"] * big  # a print has no light of its own: flat, compressed tones
    tone = _copy_tone(big.astype(np.float32), c)
    cmy = 1 - tone
    kk = cmy.min(axis=2) * 0.85
    inks = {"C": cmy[..., 0] - kk, "M": cmy[..., 1] - kk, "Y": cmy[..., 2] - kk, "K": kk}
    nprng = _nprng(c["seed"])
    refl = np.ones_like(tone)
    for ink, cover in inks.items():
        refl *= 1 - _halftone(np.clip(cover, 0, 1), ink, c, nprng)[..., None] * (1 - np.float32(INKS[ink]))
    refl = cv2.resize(refl, (refl.shape[1] // 2, refl.shape[0] // 2), interpolation=cv2.INTER_AREA)
    b = p["border"]
    page = np.ones((refl.shape[0] + 2 * b, refl.shape[1] + 2 * b, 3), np.float32)
    page[b:b + refl.shape[0], b:b + refl.shape[1]] = refl
    h, w = page.shape[:2]
    rgb = page * np.float32(c["paper"]) * (1 + cv2.GaussianBlur(nprng.normal(0, 0.01, (h, w)).astype(np.float32),
                                                                (0, 0), 0.8))[..., None]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    alpha = np.full((h, w), 255, np.float32)
    if "gloss" in p:  # a broad sheen on glossy paper
        g = p["gloss"]
        ca_, sa = math.cos(g["angle"]), math.sin(g["angle"])
        dx, dy = xx - g["x"] * w, yy - g["y"] * h
        a, b = (dx * ca_ + dy * sa) / (0.5 * w), (-dx * sa + dy * ca_) / (0.12 * h)
        sheen = g["strength"] * np.exp(-(a ** 2 + b ** 2))
        rgb = rgb + sheen[..., None] * (255 - rgb)
    else:  # bent around a vertical axis: squeezed towards the sides, shaded, top and bottom edges bowed
        bend = p["bend"]
        xn = (xx - w / 2) / (w / 2)
        src_x = (np.sin(np.clip(xn, -1, 1) * (1 + bend) * math.pi / 2) / math.sin((1 + bend) * math.pi / 2) + 1) * w / 2
        src_y = h / 2 + (yy - h / 2) * (1 + 0.5 * bend * (1 - xn ** 2)) - bend * 40 * (1 - xn ** 2)
        rgb = cv2.remap(rgb, src_x.astype(np.float32), src_y.astype(np.float32), cv2.INTER_LINEAR,
                        borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        alpha = cv2.remap(alpha, src_x.astype(np.float32), src_y.astype(np.float32), cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0)
        rgb *= (0.86 + 0.14 * np.cos(xn * 1.4 + bend * 6))[..., None]
    canvas = Image.fromarray(np.dstack([rgb, alpha]).clip(0, 255).astype(np.uint8), "RGBA")
    t = dict(p["thumb"])
    t["tip"] = [t["along"] * w, h - t["depth"]]
    canvas = _draw_thumb(_padded(canvas, THUMB_PAD), t, THUMB_PAD, v["seed"])
    return _shoot(canvas, v)[0]


def selfie_items(seed: int = 20261129, per_kind: int = 60) -> list[dict]:
    """Selfie items: per_kind PRINTED_PHOTO, per_kind SCREEN_RECAPTURE and per_kind clean (index % 3 == 2 held out:
    held-out identities, and for attacks the held-out print/screen style)."""
    if not FACES_DIR.is_dir():
        raise FileNotFoundError(f"{FACES_DIR} is not there (the shared folder beside the repo)")
    items = []
    for kind in (*SELFIE_CODES, "clean"):
        rng = random.Random(f"{seed}:selfie:{kind}")
        pools = {h: _selfie_pool(h) for h in (False, True)}
        order = {h: rng.sample(pools[h], len(pools[h])) for h in (False, True)}
        seen = {False: 0, True: 0}
        for j in range(per_kind):
            held = j % 3 == 2
            identity, name = order[held][seen[held] % len(order[held])]
            seen[held] += 1
            item = {"id": f"selfie_{kind.lower()}_{j:03d}", "kind": kind, "split": "held_out" if held else "dev",
                    "face": name, "identity": identity,
                    "labels": _labels(*(() if kind == "clean" else (kind,)), codes=SELFIE_CODES),
                    "variant": {"seed": rng.randrange(1 << 30), "jpeg_quality": rng.randint(75, 93)}}
            v = item["variant"]
            if kind == "clean":
                v["mode"] = "as_is" if j % 2 == 0 else "rephoto"
                v.update(blur=round(rng.uniform(0.3, 0.8), 2), noise=round(rng.uniform(1.5, 4.0), 2),
                         gain=[round(rng.uniform(0.95, 1.05), 3) for _ in range(3)])
            elif kind == "SCREEN_RECAPTURE":
                with Image.open(FACES_DIR / name) as img:
                    aspect = img.width / img.height
                v["screen"] = _plan_screen(rng, held, SELFIE_SIZE, aspect, fit=(0.7, 0.97), landscape=not held,
                                           bezel_p=(0.25, 0.85))
            else:
                v["print"] = _plan_print(rng, held)
                _plan_shot(rng, v, pad=THUMB_PAD, size=SELFIE_SIZE, scale_range=(0.95, 1.2), max_angle=10,
                           upside_down_p=0)
            items.append(item)
    return items


def render_selfie_item(item: dict) -> Image.Image:
    """The uploaded selfie of a selfie item (PIL RGB), deterministic from the item."""
    v = item["variant"]
    face = _load_face(item["face"])
    if item["kind"] == "clean":
        if v["mode"] == "as_is":
            return face
        if max(face.size) > 1280:
            k = 1280 / max(face.size)
            face = face.resize((round(face.width * k), round(face.height * k)), Image.LANCZOS)
        arr = np.asarray(face).astype(np.float32) * np.float32(v["gain"])
        arr = _camera(arr, v, _nprng(v["seed"]))
        return _jpeg(Image.fromarray(arr.astype(np.uint8)), v["jpeg_quality"])
    if item["kind"] == "SCREEN_RECAPTURE":
        img = _render_screen(face, v["screen"], SELFIE_SIZE, v["seed"])
    else:
        img = _render_print(face, v)
    return _jpeg(img, v["jpeg_quality"])


def main(argv: list[str] | None = None) -> int:
    """Command line: write every item as a JPEG (cards/, selfies/) plus labels.jsonl (one item a line + "file")."""
    import shutil
    from collections import Counter

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--per-kind", type=int, default=100, help="card items per attack kind")
    ap.add_argument("--clean", type=int, default=200, help="clean card items")
    ap.add_argument("--selfies-per-kind", type=int, default=60, help="selfie items per kind (0: none)")
    args = ap.parse_args(argv)
    start = time.time()
    (args.out / "cards").mkdir(parents=True, exist_ok=True)
    items = card_items(args.seed, args.per_kind, args.clean)
    selfies = selfie_items(args.seed, args.selfies_per_kind) if args.selfies_per_kind else []
    if selfies:
        (args.out / "selfies").mkdir(exist_ok=True)
    with open(args.out / "labels.jsonl", "w", encoding="utf-8") as f:
        for n, item in enumerate(items + selfies, 1):
            if n > len(items):
                rel = f"selfies/{item['id']}.jpg"
                if item["kind"] == "clean" and item["variant"]["mode"] == "as_is":
                    shutil.copyfile(FACES_DIR / item["face"], args.out / rel)  # byte for byte, as it is
                else:
                    render_selfie_item(item).save(args.out / rel, quality=item["variant"]["jpeg_quality"])
            else:
                rel = f"cards/{item['id']}.jpg"
                render_card_item(item).save(args.out / rel, quality=item["variant"]["jpeg_quality"])
            f.write(json.dumps({**item, "file": rel}, ensure_ascii=False) + "\n")
            if n % 50 == 0:
                print(f"{n}/{len(items) + len(selfies)} {time.time() - start:.0f}s", flush=True)
    counts = Counter((("selfie " if n >= len(items) else "") + it["kind"], it["split"])
                     for n, it in enumerate(items + selfies))
    for (kind, split), count in sorted(counts.items()):
        print(f"{kind:28s} {split:9s} {count}")
    print(f"wrote {len(items)} card and {len(selfies)} selfie images to {args.out} in {time.time() - start:.0f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
