"""Uploaded documents as page images: an image is one page, a PDF is rendered page by page with pypdfium2."""

from __future__ import annotations

import numpy as np

from verify_service.errors import EncryptedPdf, InvalidPdf, TooManyPages, UnsupportedMedia
from verify_service.pipeline.common.imaging import decode_image, sniff

PDF_DPI = 150  # A4 at 150 dpi is 1240x1754: enough for 9-pt text, and what the OCR is scaled to anyway



def is_pdf(data: bytes) -> bool:
    """True when the bytes start like a PDF (the header may follow a little junk, as readers allow)."""
    return b"%PDF-" in data[:1024]


def load_pages(data: bytes, max_pages: int, max_pixels: int, what: str = "document") -> list[np.ndarray]:
    """BGR page images of an uploaded image or PDF; every problem is a client error naming `what`."""
    if is_pdf(data):
        return _pdf_pages(data, max_pages, max_pixels, what)
    if sniff(data) is None:
        raise UnsupportedMedia(f"{what} is not a PDF, JPEG, PNG, WebP or BMP file")
    return [decode_image(data, max_pixels, what=what, max_side=2400)]


def _pdf_pages(data: bytes, max_pages: int, max_pixels: int, what: str) -> list[np.ndarray]:
    """Render each page at PDF_DPI (a page larger than max_pixels at that size is refused)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf(f"{what} is an encrypted PDF: send it without a password") from None
        raise InvalidPdf(f"{what} is not a readable PDF ({exc})") from None
    try:
        count = len(pdf)
        if count == 0:
            raise InvalidPdf(f"{what} is a PDF without pages")
        if count > max_pages:
            raise TooManyPages(f"{what} has {count} pages; at most {max_pages} are read (VERIFY_MAX_PDF_PAGES)")
        pages = []
        for index in range(count):
            page = pdf[index]
            try:
                width, height = page.get_size()
                scale = PDF_DPI / 72
                if width * height * scale * scale > max_pixels or width <= 0 or height <= 0:
                    raise InvalidPdf(f"{what} page {index + 1} is {width:.0f}x{height:.0f} pt: too large to render")
                bitmap = page.render(scale=scale)
                rgb = np.asarray(bitmap.to_pil().convert("RGB"))
                pages.append(np.ascontiguousarray(rgb[:, :, ::-1]))
            except pdfium.PdfiumError as exc:
                raise InvalidPdf(f"{what} page {index + 1} could not be rendered ({exc})") from None
            finally:
                page.close()
        return pages
    finally:
        pdf.close()
