"""The child side of the PDF sandbox (pdf_sandbox.py): renders an untrusted PDF under CPU-time and address-space
limits. It is run as a script (`python -I pdf_child.py`), never imported by the service, and imports only the
standard library and pypdfium2, so it starts quickly and never loads a model.

Protocol: stdin is one JSON line of limits followed by the PDF's bytes. stdout is a sequence of JSON lines:
`{"page": i, "width": w, "height": h}` each followed by w*h*3 bytes of BGR pixels, then `{"done": true}`; or one
`{"error": kind, "message": ...}` line, kind being invalid, encrypted, too_many_pages or too_complex.
"""

from __future__ import annotations

import json
import math
import re
import resource
import sys
import zlib
from collections.abc import Iterator

CHUNK = 1 << 20
_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[<>(]+)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
# Streams that hold no drawing operators: images, embedded fonts, cross-reference and object streams, metadata.
# Everything else (page contents, form XObjects, patterns, Type 3 glyphs) is parsed operator by operator.
_NOT_DRAWING = re.compile(rb"/Subtype\s*/(?:Image|Type1C|CIDFontType0C|OpenType|XML)\b|/Length[123]\b"
                          rb"|/Type\s*/(?:XRef|ObjStm|Metadata|EmbeddedFile)\b")


class Refused(Exception):
    """The PDF is refused: `kind` picks the service's error, `message` is for the client."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


def limit(cpu_seconds: int, memory_bytes: int) -> None:
    """Cap this process: SIGXCPU past cpu_seconds of CPU (SIGKILL a second later), allocations past memory_bytes."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def _filters(dictionary: bytes) -> list[bytes] | None:
    """The stream's filter names in order ([] without a filter); None when they cannot be read here (a reference)."""
    found = _FILTER.search(dictionary)
    if found is None:
        return [] if b"/Filter" not in dictionary else None
    return [name for name in _NAME.findall(found.group(1))]


def _inflated(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """Decompress a zlib stream chunk by chunk, never more than CHUNK bytes at a time; stops at its end or an error."""
    inflater = zlib.decompressobj()
    try:
        for chunk in chunks:
            pending = chunk
            while pending and not inflater.eof:
                yield inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
            if inflater.eof:
                return
    except zlib.error:
        return  # a corrupt stream: what came out is all a renderer gets from it too


def _raw(data: bytes, start: int) -> Iterator[bytes]:
    """The file's bytes from `start` on, in chunks (a zlib stream ends itself; /Length may be a reference)."""
    view = memoryview(data)
    for offset in range(start, len(data), CHUNK):
        yield bytes(view[offset:offset + CHUNK])


def stream_sizes(data: bytes, what: str, max_drawing: int, max_total: int) -> tuple[int, int]:
    """The decoded sizes of the file's drawing streams and of all its streams, counted without holding them; a
    Refused as soon as either passes its budget. A chain that starts with a filter other than FlateDecode (rare)
    is not measured: the child's CPU and memory limits still hold it."""
    drawing = total = 0

    def count(size: int, is_drawing: bool) -> None:
        nonlocal drawing, total
        total += size
        drawing += size if is_drawing else 0
        if drawing > max_drawing:
            raise Refused("too_complex", f"{what}'s page content expands to more than {max_drawing >> 20} MB of "
                                         "drawing operators")
        if total > max_total:
            raise Refused("too_complex", f"{what}'s streams expand to more than {max_total >> 20} MB")

    for match in _STREAM.finditer(data):
        heads = list(_OBJ.finditer(data, max(0, match.start() - 4096), match.start()))
        dictionary = data[heads[-1].end() if heads else max(0, match.start() - 4096):match.start() + 2]
        # PDF names may spell any character as #xx (/Fl#61teDecode): read them as a parser would.
        dictionary = _NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), dictionary)
        filters = _filters(dictionary)
        is_drawing = _NOT_DRAWING.search(dictionary) is None
        if filters == []:
            end = data.find(b"endstream", match.end())
            count((len(data) if end < 0 else end) - match.end(), is_drawing)
            continue
        if filters is None or filters[0] not in (b"FlateDecode", b"Fl"):
            continue
        chunks = _raw(data, match.end())
        for name in filters:
            if name not in (b"FlateDecode", b"Fl"):
                break  # measured up to here: LZW or run-length after a deflate are the sandbox's to hold
            chunks = _inflated(chunks)
        for piece in chunks:
            count(len(piece), is_drawing)
    return drawing, total


def render(data: bytes, job: dict, out) -> None:
    """Check the page count and sizes, then write each page at job['dpi'] as BGR bytes to `out`."""
    import pypdfium2 as pdfium

    what = job["what"]
    stream_sizes(data, what, job["max_drawing_bytes"], job["max_stream_bytes"])
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise Refused("encrypted", f"{what} is an encrypted PDF: send it without a password") from None
        raise Refused("invalid", f"{what} is not a readable PDF ({exc})") from None
    count = len(pdf)
    if count == 0:
        raise Refused("invalid", f"{what} is a PDF without pages")
    if count > job["max_pages"]:
        raise Refused("too_many_pages",
                      f"{what} has {count} pages; at most {job['max_pages']} are read (VERIFY_MAX_PDF_PAGES)")
    scale = job["dpi"] / 72
    # Sizes come from the page dictionaries alone (FPDF_GetPageSizeByIndexF): no content is parsed before every
    # page has passed, so a page of a square metre is refused before it costs anything.
    for index in range(count):
        try:
            width, height = pdf.get_page_size(index)
        except pdfium.PdfiumError as exc:
            raise Refused("invalid", f"{what} page {index + 1} has no readable size ({exc})") from None
        pixels_w, pixels_h = width * scale, height * scale
        if not (math.isfinite(width) and math.isfinite(height)) or width <= 0 or height <= 0:
            raise Refused("invalid", f"{what} page {index + 1} has no size")
        if pixels_w * pixels_h > job["max_page_pixels"]:
            raise Refused("too_complex", f"{what} page {index + 1} is {width:.0f}x{height:.0f} pt: larger than a "
                                         f"document page (at most {job['max_page_pixels']} pixels at {job['dpi']} dpi)")
        if min(pixels_w, pixels_h) < job["min_side"] or max(width, height) > job["max_aspect"] * min(width, height):
            raise Refused("too_complex", f"{what} page {index + 1} is {width:.0f}x{height:.0f} pt: too narrow to "
                                         "be a document page")
    for index in range(count):
        page = pdf[index]
        try:
            bitmap = page.render(scale=scale)  # BGR, packed rows: what the pipeline uses as it is
        except pdfium.PdfiumError as exc:
            raise Refused("invalid", f"{what} page {index + 1} could not be rendered ({exc})") from None
        finally:
            page.close()
        rows = bytes(bitmap.buffer)
        if bitmap.stride != bitmap.width * 3:
            rows = b"".join(rows[y * bitmap.stride:y * bitmap.stride + bitmap.width * 3] for y in range(bitmap.height))
        out.write(json.dumps({"page": index, "width": bitmap.width, "height": bitmap.height}).encode() + b"\n")
        out.write(rows)
        bitmap.close()
    pdf.close()


def main() -> int:
    """Read the job, limit this process, render, and answer on stdout."""
    job = json.loads(sys.stdin.buffer.readline())
    limit(job["cpu_seconds"], job["memory_bytes"])
    out = sys.stdout.buffer
    try:
        render(sys.stdin.buffer.read(), job, out)
        out.write(b'{"done": true}\n')
    except Refused as exc:
        out.write(json.dumps({"error": exc.kind, "message": exc.message}).encode() + b"\n")
    except MemoryError:
        out.write(json.dumps({"error": "too_complex", "message": f"{job['what']} needs more memory to render than "
                                                                  "a document page does"}).encode() + b"\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
