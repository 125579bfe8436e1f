"""Decoding and scaling uploaded images: bit depths, extreme aspect ratios, and the helpers that must not fail on
what decoding lets through."""

import io

import numpy as np
import pytest
from PIL import Image

from verify_service.errors import ImageTooLarge, InvalidImage
from verify_service.pipeline.common import imaging
from verify_service.pipeline.common.imaging import decode_image, fit_within
from verify_service.pipeline.signals import quality

ASPECT = getattr(imaging, "MAX_ASPECT", 20)


def png_of(array: np.ndarray, mode: str | None = None) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(array, mode).save(buf, "PNG") if mode else Image.fromarray(array).save(buf, "PNG")
    return buf.getvalue()


def test_sixteen_bit_greyscale_png_keeps_its_tones():
    ramp = np.tile(np.linspace(0, 65535, 64).astype(np.uint16), (32, 1))
    data = png_of(ramp)
    assert Image.open(io.BytesIO(data)).mode.startswith("I")  # really a 16-bit greyscale PNG
    bgr = decode_image(data, 50_000_000)
    assert bgr.shape == (32, 64, 3) and bgr.dtype == np.uint8
    np.testing.assert_array_equal(bgr[0, :, 0], np.round(ramp[0] / 257).astype(np.uint8))
    assert bgr[0, 0].tolist() == [0, 0, 0] and bgr[0, -1].tolist() == [255, 255, 255]
    assert 120 <= bgr[:, 31:33].mean() <= 135


def test_eight_bit_greyscale_and_colour_pngs_are_unchanged():
    grey = np.random.default_rng(0).integers(0, 255, (40, 50), dtype=np.uint8)
    np.testing.assert_array_equal(decode_image(png_of(grey), 50_000_000)[:, :, 1], grey)
    rgb = np.random.default_rng(1).integers(0, 255, (40, 50, 3), dtype=np.uint8)
    np.testing.assert_array_equal(decode_image(png_of(rgb), 50_000_000), rgb[:, :, ::-1])


@pytest.mark.parametrize("size", [(16, 25000), (25000, 16), (100, 100 * ASPECT + 1)])
def test_extreme_aspect_ratio_is_refused_at_decode(size):
    width, height = size
    data = png_of(np.zeros((height, width, 3), np.uint8))
    with pytest.raises(InvalidImage, match="aspect ratio"):
        decode_image(data, 50_000_000)


def test_the_widest_accepted_aspect_ratio_decodes():
    data = png_of(np.zeros((16 * ASPECT, 16, 3), np.uint8))
    assert decode_image(data, 50_000_000).shape == (16 * ASPECT, 16, 3)


@pytest.mark.parametrize("shape", [(25000, 16, 3), (16, 25000, 3), (100000, 1, 3), (3000, 2, 3)])
def test_fit_within_never_makes_an_empty_image(shape):
    image = np.zeros(shape, np.uint8)
    small, scale = fit_within(image, 640)
    assert min(small.shape[:2]) >= 1 and max(small.shape[:2]) <= 640 and 0 < scale < 1


@pytest.mark.parametrize("shape", [(25000, 16, 3), (16, 25000, 3), (100000, 1, 3)])
def test_quality_measures_any_aspect_ratio(shape):
    measured = quality.measure(np.full(shape, 128, np.uint8))
    assert measured["brightness"] == pytest.approx(128, abs=1) and not measured["too_dark"]


def test_lossless_image_that_would_take_too_much_memory_is_refused_before_decoding():
    buf = io.BytesIO()
    Image.new("RGBA", (6000, 5000), (200, 200, 200, 255)).save(buf, "PNG")  # 30 M pixels, 120 MB decoded
    with pytest.raises(ImageTooLarge, match="120 MB once decoded"):
        decode_image(buf.getvalue(), 50_000_000)
    small = io.BytesIO()
    Image.new("RGB", (2480, 3508), (250, 250, 250)).save(small, "PNG")  # a 300 dpi A4 scan still reads
    assert decode_image(small.getvalue(), 50_000_000).shape == (3508, 2480, 3)
