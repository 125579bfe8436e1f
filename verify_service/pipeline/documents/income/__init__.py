"""Income proofs: certificate.py (收入证明), payslip.py (工资条) and statement.py (银行流水) each parse one kind
from the pages' rows; text.py holds what they share, checks.py the checks, seal.py the red seal, reader.py the
stage (OCR, classification, parsing, seal, checks)."""

from __future__ import annotations

from verify_service.pipeline.documents import ReaderDeps, register
from verify_service.pipeline.documents.income.reader import IncomeReader, IncomeResult

__all__ = ["IncomeReader", "IncomeResult"]


@register("income_proof")
def _build(deps: ReaderDeps) -> IncomeReader:
    s = deps.settings
    return IncomeReader(deps.ocr, s.today, s.income_max_age_days, s.max_work_side)
