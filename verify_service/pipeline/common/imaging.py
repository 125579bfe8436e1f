"""Decoding uploaded images safely: format sniffing, pixel limits before decoding, EXIF orientation."""

from __future__ import annotations

import io
import warnings

import numpy as np
from PIL import Image, ImageOps

from verify_service.errors import EmptyFile, ImageTooLarge, InvalidImage, UnsupportedMedia

# Magic numbers of the formats the service accepts.
_SIGNATURES = {
    b"\xff\xd8\xff": "JPEG",
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"RIFF": "WEBP",
    b"BM": "BMP",
}
MIN_SIDE = 16  # pixels: nothing smaller holds a readable field or a face
# Longer side over shorter side. Beyond 1:20 the work copies every stage scales to (640-2400 px on the longer side)
# leave the shorter side a few pixels wide, or none: no document or face is that shape.
MAX_ASPECT = 20
# Memory a lossless image (PNG, WebP, BMP) may take once decoded: it has no reduced-scale decode as a JPEG has, and
# an RGBA PNG of 7000x7000 (49 M pixels, under max_pixels) took about 1 GB while it was converted. A 300 dpi A4
# scan in RGBA is 35 MB; screenshots are far smaller.
MAX_LOSSLESS_BYTES = 100_000_000


def sniff(data: bytes) -> str | None:
    """The image format the bytes start with, or None."""
    for magic, name in _SIGNATURES.items():
        if data.startswith(magic):
            if name == "WEBP" and data[8:12] != b"WEBP":
                continue
            return name
    return None


def decode_image(data: bytes, max_pixels: int, what: str = "image", max_side: int | None = None) -> np.ndarray:
    """A BGR uint8 array from uploaded bytes, upright per EXIF; every failure is a client error naming `what`.

    With `max_side`, a large JPEG is decoded at a reduced DCT scale no smaller than max_side on its longer side
    (several times faster for 12-megapixel phone photos; the pipeline scales down to that size anyway)."""
    if not data:
        raise EmptyFile(f"{what} is empty")
    fmt = sniff(data)
    if fmt is None:
        raise UnsupportedMedia(f"{what} is not a JPEG, PNG, WebP or BMP image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data), formats=[fmt])
            width, height = img.size
            if width * height > max_pixels:
                raise ImageTooLarge(f"{what} is {width}x{height} pixels, more than the limit of {max_pixels}")
            decoded = width * height * len(img.getbands()) * (2 if "16" in img.mode or img.mode in ("I", "F") else 1)
            if fmt != "JPEG" and decoded > MAX_LOSSLESS_BYTES:
                raise ImageTooLarge(f"{what} is a {width}x{height} {img.mode} {fmt}: {decoded // 1_000_000} MB once "
                                    f"decoded, more than the limit of {MAX_LOSSLESS_BYTES // 1_000_000} MB")
            if max(width, height) > MAX_ASPECT * max(1, min(width, height)):
                raise InvalidImage(f"{what} is {width}x{height} pixels: an aspect ratio beyond 1:{MAX_ASPECT} "
                                   "is not a photo of a document or a face")
            if max_side and fmt == "JPEG" and max(width, height) > 2 * max_side:
                s = max_side / max(width, height)
                img.draft("RGB", (int(width * s) + 1, int(height * s) + 1))
            img.load()
            rgb = _to_rgb(ImageOps.exif_transpose(img))
    except ImageTooLarge:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageTooLarge(f"{what} has too many pixels: {exc}") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise InvalidImage(f"{what} could not be decoded as {fmt} (corrupt or truncated)") from exc
    if rgb.width < MIN_SIDE or rgb.height < MIN_SIDE:
        raise InvalidImage(f"{what} is only {rgb.width}x{rgb.height} pixels")
    return np.ascontiguousarray(np.asarray(rgb)[:, :, ::-1])


def _to_rgb(img: Image.Image) -> Image.Image:
    """An 8-bit RGB copy; 16-bit greyscale is scaled to 0-255, since PIL's own convert clips it (all white)."""
    if img.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):
        # PNG's 16-bit grey opens as I;16 (or I): values 0-65535, rounded onto 0-255.
        wide = np.asarray(img).astype(np.uint32)
        grey = ((np.clip(wide, 0, 65535) * 255 + 32767) // 65535).astype(np.uint8)
        return Image.fromarray(grey).convert("RGB")
    return img.convert("RGB")


def fit_within(image: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """The image scaled down so its longest side is at most max_side, and the scale applied."""
    import cv2

    h, w = image.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    if scale >= 1.0:
        return image, 1.0
    # At least one pixel a side: a long thin image must not scale to an empty one (cv2.resize refuses 0).
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return cv2.resize(image, size, interpolation=cv2.INTER_AREA), scale
