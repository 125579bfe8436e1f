"""Chinese resident ID card (居民身份证): parse.py reads fields from OCR rows, idnumber.py knows GB 11643,
checks.py validates, reader.py runs the stage on an image."""

from __future__ import annotations

from verify_service.pipeline.documents import ReaderDeps, register
from verify_service.pipeline.documents.cn_id_card.reader import IdCardReader, IdCardResult

__all__ = ["IdCardReader", "IdCardResult"]


@register("cn_id_card")
def _build(deps: ReaderDeps) -> IdCardReader:
    return IdCardReader(deps.ocr, deps.faces, deps.settings.today, deps.settings.max_work_side)
