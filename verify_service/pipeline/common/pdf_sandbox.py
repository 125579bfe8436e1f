"""Rendering untrusted PDFs where a bomb cannot hurt the worker: a fresh child process (pdf_child.py, run with
`python -I`) under RLIMIT_CPU and RLIMIT_AS, killed at the request's deadline. The child refuses, before parsing
any content, a file whose drawing streams inflate past a budget and pages larger than a document page; whatever
slips past those checks is held by the limits. The worker only ever holds the rendered pages."""

from __future__ import annotations

import json
import logging
import math
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

from verify_service.errors import EncryptedPdf, InvalidPdf, PdfTooComplex, Timeout, TooManyPages

log = logging.getLogger(__name__)

CHILD = Path(__file__).with_name("pdf_child.py")
MAX_DRAWING_BYTES = 16 << 20  # decoded page content; a text PDF's page holds tens of KB, a scan's a few bytes
MAX_STREAM_BYTES = 256 << 20  # every stream decoded (images, fonts): a 5-page 300-dpi colour scan is ~130 MB
MAX_PAGE_PIXELS = 4_500_000  # an A3 page at 150 dpi is 1754x2480 (4.35 M pixels): no income proof is larger
CPU_SECONDS = 10  # a 5-page A4 PDF renders in well under a second of CPU
MEMORY_BYTES = 512 << 20  # address space of the child: Python and pdfium take ~45 MB, an A3 page's bitmap 13 MB
WALL_SECONDS = 20.0  # the longest a render may take when the caller has no deadline (batch, tests)
CHILDREN = 1  # renders at once per worker process: a burst of costly PDFs queues instead of taking every core
_slots = threading.BoundedSemaphore(CHILDREN)

_ERRORS = {"invalid": InvalidPdf, "encrypted": EncryptedPdf, "too_many_pages": TooManyPages,
           "too_complex": PdfTooComplex}


def render_pdf(data: bytes, max_pages: int, max_pixels: int, what: str, dpi: int, min_side: int, max_aspect: int,
               deadline: float | None = None) -> list[np.ndarray]:
    """BGR page images of a PDF rendered at `dpi` in a limited child process; every refusal is a client error
    naming `what`, and passing `deadline` (a time.monotonic() value) is a Timeout."""
    now = time.monotonic()
    own_deadline = now + WALL_SECONDS
    wait_until = min(own_deadline, deadline) if deadline is not None else own_deadline
    if wait_until <= now:
        raise Timeout(f"the request ran out of time before {what} was rendered")
    if not _slots.acquire(timeout=wait_until - now):
        raise Timeout(f"the request ran out of time waiting to render {what}")
    try:
        return _render(data, max_pages, max_pixels, what, dpi, min_side, max_aspect, deadline, own_deadline,
                       wait_until)
    finally:
        _slots.release()


def _render(data: bytes, max_pages: int, max_pixels: int, what: str, dpi: int, min_side: int, max_aspect: int,
            deadline: float | None, own_deadline: float, wait_until: float) -> list[np.ndarray]:
    """One render in a child process, holding a slot (render_pdf)."""
    now = time.monotonic()
    if wait_until <= now:
        raise Timeout(f"the request ran out of time before {what} was rendered")
    job = {"what": what, "max_pages": max_pages, "dpi": dpi, "min_side": min_side, "max_aspect": max_aspect,
           "max_page_pixels": min(max_pixels, MAX_PAGE_PIXELS), "max_drawing_bytes": MAX_DRAWING_BYTES,
           "max_stream_bytes": MAX_STREAM_BYTES, "memory_bytes": MEMORY_BYTES,
           "cpu_seconds": max(1, min(CPU_SECONDS, math.ceil(wait_until - now)))}
    # A fixed argv (this interpreter, isolated, on our own script); the untrusted bytes only ever go to its stdin.
    with subprocess.Popen([sys.executable, "-I", str(CHILD)], stdin=subprocess.PIPE,  # noqa: S603
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as child:
        try:
            out, err = child.communicate(json.dumps(job).encode() + b"\n" + data, timeout=wait_until - now)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            if deadline is not None and deadline <= own_deadline:
                raise Timeout(f"the request ran out of time while {what} was rendered") from None
            raise PdfTooComplex(f"{what} took more than {WALL_SECONDS:.0f} s to render") from None
    return _pages(out, err, child.returncode, what)


def _pages(out: bytes, err: bytes, returncode: int, what: str) -> list[np.ndarray]:
    """The child's answer as page arrays, or the error it reports or died of."""
    pages: list[np.ndarray] = []
    offset = 0
    while offset < len(out):
        end = out.find(b"\n", offset)
        if end < 0:
            break
        header = json.loads(out[offset:end])
        offset = end + 1
        if "error" in header:
            raise _ERRORS[header["error"]](header["message"])
        if header.get("done"):
            return pages
        width, height = header["width"], header["height"]
        size = width * height * 3
        if offset + size > len(out):
            break
        # A copy: the pipeline may write into its pages, and the answer's bytes are then freed.
        pages.append(np.frombuffer(out, np.uint8, size, offset).reshape(height, width, 3).copy())
        offset += size
    if returncode < 0:
        # Killed by its own limits: SIGXCPU/SIGKILL past the CPU budget, SIGSEGV/SIGABRT/SIGTRAP from an
        # allocation refused under RLIMIT_AS. Either way it is the file that asked for too much.
        reason = "CPU time" if -returncode in (signal.SIGXCPU, signal.SIGKILL) else "memory"
        raise PdfTooComplex(f"{what} needs more {reason} to render than a document page does")
    log.error("the PDF renderer failed (exit %s): %s", returncode, err[-2000:].decode(errors="replace"))
    raise RuntimeError(f"the PDF renderer failed with exit status {returncode}")
