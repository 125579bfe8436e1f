"""Uploaded documents as page images: an image is one page, a PDF is rendered page by page with pypdfium2."""

from __future__ import annotations

import numpy as np

from verify_service.errors import UnsupportedMedia
from verify_service.pipeline.common.imaging import MAX_ASPECT, MIN_SIDE, decode_image, sniff
from verify_service.pipeline.common.pdf_sandbox import render_pdf

PDF_DPI = 150  # A4 at 150 dpi is 1240x1754: enough for 9-pt text, and what the OCR is scaled to anyway


def is_pdf(data: bytes) -> bool:
    """True when the bytes start like a PDF (the header may follow a little junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def load_pages(data: bytes, max_pages: int, max_pixels: int, what: str = "document",
               deadline: float | None = None) -> list[np.ndarray]:
    """BGR page images of an uploaded image or PDF; every problem is a client error naming `what`. A PDF is
    rendered in a sandboxed child process, stopped with Timeout at `deadline` (a time.monotonic() value)."""
    if is_pdf(data):
        return _pdf_pages(data, max_pages, max_pixels, what, deadline)
    if sniff(data) is None:
        raise UnsupportedMedia(f"{what} is not a PDF, JPEG, PNG, WebP or BMP file")
    return [decode_image(data, max_pixels, what=what, max_side=2400)]


def _pdf_pages(data: bytes, max_pages: int, max_pixels: int, what: str, deadline: float | None) -> list[np.ndarray]:
    """Render each page at PDF_DPI in the PDF sandbox (a page larger than A3 or max_pixels at that size, content
    that inflates past its budget, or a render past its limits or the deadline is refused)."""
    return render_pdf(data, max_pages, max_pixels, what, PDF_DPI, MIN_SIDE, MAX_ASPECT, deadline)
