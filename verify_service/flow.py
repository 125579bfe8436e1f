"""The case flow every front door shares: parts (bytes and declared data) -> decode -> verify -> result with its
timings. `/v1/verify`, the review page's upload and the batch command each call `run_case`; keeping the case in
the store is a step the caller adds (`keep`). No Flask here."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from verify_service.errors import MissingFile
from verify_service.pipeline.application import Application
from verify_service.pipeline.common.imaging import decode_image
from verify_service.pipeline.common.pages import load_pages
from verify_service.pipeline.verify import VerifyResult

PARTS = ("id_front", "selfie", "id_back", "income_proof", "reference_photo")  # in the order they are decoded
REQUIRED = ("id_front", "selfie")
IMAGE_PARTS = ("id_front", "selfie", "id_back", "reference_photo")


@dataclass(frozen=True)
class CaseParts:
    """One application as it arrives: the uploaded bytes by part name, and what the applicant declared."""

    files: Mapping[str, bytes]
    application: Application = field(default_factory=Application)


@dataclass
class CaseOutcome:
    """The verification of a case: the typed result, the contract's JSON (without request_id) and the bytes."""

    result: VerifyResult
    body: dict
    files: dict[str, bytes]

    def overlay(self) -> dict:
        """What the review page draws: the OCR lines of each card side."""
        return {part: [{"box": ln.box.round(1).tolist(), "text": ln.text} for ln in card.lines]
                for part, card in (("id_front", self.result.front), ("id_back", self.result.back))
                if card is not None}


def run_case(services: Any, parts: CaseParts, deadline: float | None = None,
             started: float | None = None) -> CaseOutcome:
    """Decode the parts and verify the case. `deadline` is a time.monotonic() value; `started` a
    time.perf_counter() value from which `decode` and `total` are timed (default: now)."""
    t0 = time.perf_counter() if started is None else started
    settings = services.settings
    for part in REQUIRED:
        if part not in parts.files:
            raise MissingFile(f"multipart/form-data part {part!r} is required")
    images = {part: decode_image(parts.files[part], settings.max_pixels, what=part, max_side=settings.max_work_side)
              for part in IMAGE_PARTS if part in parts.files}
    pages = (load_pages(parts.files["income_proof"], settings.max_pdf_pages, settings.max_pixels, "income_proof",
                        deadline) if "income_proof" in parts.files else None)
    decode_ms = (time.perf_counter() - t0) * 1000
    result = services.verifier.verify(images["id_front"], images["selfie"], images.get("id_back"),
                                      parts.application, pages, deadline, images.get("reference_photo"))
    body = result.to_dict()
    body["timings_ms"] = {"decode": round(decode_ms, 1), **body["timings_ms"],
                          "total": round((time.perf_counter() - t0) * 1000, 1)}
    return CaseOutcome(result, body, {p: parts.files[p] for p in PARTS if p in parts.files})


def keep(store: Any, request_id: str, outcome: CaseOutcome, body: dict, owner: str) -> None:
    """Keep a verified case (its answer, the review overlay and the uploads, sealed) in the case store, as the
    case of `owner` (an API key's name, "review-page" or "local"), who alone may delete it besides an operator."""
    store.save(request_id, {**body, "_overlay": outcome.overlay()}, outcome.files, owner=owner)
