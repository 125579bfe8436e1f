"""Drawing what the machine saw on the input images: pure functions from image bytes and result data to PNG."""

from __future__ import annotations

import io
import re
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont, ImageOps

FIELD_COLOURS = {"name": (220, 50, 47), "sex": (203, 75, 22), "ethnicity": (181, 137, 0), "birth_date": (133, 153, 0),
                 "address": (42, 161, 152), "id_number": (38, 139, 210), "issuing_authority": (108, 113, 196),
                 "valid_from": (211, 54, 130), "valid_until": (211, 54, 130)}
OTHER = (120, 120, 120)
FACE = (0, 170, 80)
FONT_PATHS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
              "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """A CJK font when the machine has one (labels are field names, values are never drawn)."""
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size, index=2)
        except OSError:
            continue
    return ImageFont.load_default()


def _clean(text: str) -> str:
    return re.sub(r"[\s:：]", "", text)


def field_of(text: str, fields: dict) -> str | None:
    """Which field an OCR line belongs to: the field whose value contains the line's text (beyond its label)."""
    text = _clean(text)
    for label in ("公民身份号码", "签发机关", "有效期限", "姓名", "性别", "民族", "出生", "住址"):
        text = text.replace(label, "")
    if len(text) < 1:
        return None
    for name, field in fields.items():
        value = field.get("value") if isinstance(field, dict) else None
        if isinstance(value, str) and value and (text in _clean(value) or _clean(value) in text):
            return name
        if name in ("birth_date", "valid_from", "valid_until") and isinstance(value, str) and value[:1].isdigit():
            digits, wanted = re.sub(r"\D", "", text), value.replace("-", "")
            if len(digits) >= 6 and (wanted in digits or digits in value.replace("-0", "").replace("-", "")):
                return name
    return None


def card_overlay(image_bytes: bytes, lines: list[dict], fields: dict, portrait: list[int] | None,
                 max_side: int = 1100) -> bytes:
    """The card photo with every OCR box (coloured by the field it fed, grey otherwise), the field name above
    it, and the portrait's face box; as PNG."""
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(image_bytes))).convert("RGB")
    scale = min(1.0, max_side / max(img.size))
    if scale < 1:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    draw = ImageDraw.Draw(img)
    size = max(12, round(img.width / 60))
    font = _font(size)
    for line in lines:
        name = field_of(line["text"], fields)
        colour = FIELD_COLOURS.get(name or "", OTHER)
        points = [(x * scale, y * scale) for x, y in line["box"]]
        draw.polygon(points, outline=colour, width=3 if name else 1)
        if name:
            x, y = min(p[0] for p in points), min(p[1] for p in points)
            label = name.replace("_", " ")
            w = draw.textlength(label, font=font)
            draw.rectangle((x, y - size - 4, x + w + 6, y), fill=colour)
            draw.text((x + 3, y - size - 3), label, font=font, fill=(255, 255, 255))
    if portrait:
        draw.rectangle([v * scale for v in portrait], outline=FACE, width=4)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def face_overlay(image_bytes: bytes, bbox: list[int] | None, max_side: int = 900) -> bytes:
    """A photo with its face box, as PNG."""
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(image_bytes))).convert("RGB")
    scale = min(1.0, max_side / max(img.size))
    if scale < 1:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    if bbox:
        ImageDraw.Draw(img).rectangle([v * scale for v in bbox], outline=FACE, width=4)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def face_crop(image_bytes: bytes, bbox: list[int] | None, size: int = 240) -> bytes | None:
    """The face with a margin, scaled to `size` px high, as PNG; None without a box."""
    if not bbox:
        return None
    img = ImageOps.exif_transpose(Image.open(io.BytesIO(image_bytes))).convert("RGB")
    x1, y1, x2, y2 = bbox
    mx, my = 0.35 * (x2 - x1), 0.35 * (y2 - y1)
    crop = img.crop((max(0, x1 - mx), max(0, y1 - my), min(img.width, x2 + mx), min(img.height, y2 + my)))
    crop = crop.resize((round(crop.width * size / crop.height), size), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    crop.save(out, "PNG")
    return out.getvalue()
