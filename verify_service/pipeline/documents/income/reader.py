"""Income proofs: 收入证明 letters, payslips (工资条) and bank statements (银行流水), from page images.

Parsing is a pure function of OCR rows per page (`parse_income`); the stage (`IncomeReader`) runs the OCR, the
seal finder and the checks. Text is read across line breaks: a letter's sentences, amounts and ID numbers are
joined from wrapped lines before they are matched.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from verify_service.errors import Timeout
from verify_service.pipeline.common.imaging import fit_within
from verify_service.pipeline.common.layout import read_rows
from verify_service.pipeline.documents.income import certificate, payslip, statement
from verify_service.pipeline.documents.income.checks import income_checks
from verify_service.pipeline.documents.income.seal import Seal, find_seals
from verify_service.pipeline.documents.income.text import PageText, simplified
from verify_service.pipeline.types import MISSING, Check, Field, TextReader

KINDS = ("income_certificate", "payslip", "bank_statement", "unknown")


@dataclass
class IncomeResult:
    """Everything read from one income proof."""

    kind: str
    fields: dict[str, Field]
    checks: list[Check]
    seal: Seal | None
    pages: int
    salary_credits: list[dict] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        """JSON form."""
        return {
            "document_type": "income_proof",
            "document_kind": self.kind,
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "checks": [c.to_dict() for c in self.checks],
            "seal": {"found": self.seal is not None, **(self.seal.to_dict() if self.seal else {})},
            "salary_credits": self.salary_credits,
            "pages": self.pages,
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
        }


def classify(pages: Sequence[PageText]) -> str:
    """The document kind by the words that only it uses."""
    text = "".join(p.joined for p in pages)
    scores = {
        "income_certificate": 3 * bool(re.search("收入证明|工资证明|在职证明|收入情况证明|薪资证明|薪酬证明"
                                                 "|收入声明", text))
                              + sum(w in text for w in ("兹证明", "特此证明", "兹有", "月收入", "年收入")),
        "payslip": 3 * bool(re.search("工资条|工资单|薪资单|薪酬单|工资表|薪资表|薪资明细|工资明细|薪酬明细"
                                      "|工资发放", text))
                   + sum(w in text for w in ("应发", "实发", "实领", "税前工资", "工资总额", "个人所得税", "个税")),
        "bank_statement": 3 * bool(re.search("交易明细|银行流水|对账单|账户明细|交易流水|账户流水|流水明细"
                                             "|历史明细|活期明细|交易清单|收支明细|入账明细|存折|代发明细", text))
                          + sum(w in text for w in ("余额", "结余", "摘要", "对方户名", "交易金额", "借贷", "我行",
                                                    "支取", "存入")),
    }
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= 2 else "unknown"


@dataclass
class ParsedIncome:
    """The pure parse of an income proof's text."""

    kind: str
    fields: dict[str, Field]
    amount_words: Field = MISSING
    words_digits: Field = MISSING  # the amounts in digits the words stand beside, nearest first (else monthly_income)
    salary_credits: list[dict] = field(default_factory=list)


def parse_income(pages: Sequence[PageText]) -> ParsedIncome:
    """Classify and read an income proof from its pages' rows."""
    kind = classify(pages)
    if kind == "income_certificate":
        fields, words, digits = certificate.parse(pages)
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **fields}, words, digits)
    if kind == "payslip":
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **payslip.parse(pages)})
    if kind == "bank_statement":
        fields, credits = statement.parse(pages)
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **fields}, salary_credits=credits)
    empty = dict.fromkeys(("name", "id_number", "employer", "monthly_income", "annual_income", "issue_date"), MISSING)
    return ParsedIncome(kind, {"document_kind": Field("unknown", 0.0), **empty})


def drop_red(image: np.ndarray) -> np.ndarray:
    """The page as its red channel in grey: red seal ink turns nearly white while black print stays black, so the
    seal stamped over the employer's name no longer garbles it (the "red drop-out" of form readers)."""
    red = image[:, :, 2]
    return np.ascontiguousarray(np.repeat(red[:, :, None], 3, axis=2))


class IncomeReader:
    """Reads an income proof's pages with the injected OCR engine."""

    document_type = "income_proof"

    def __init__(self, ocr: TextReader, today: Callable[[], dt.date], max_age_days: int = 90,
                 max_side: int = 1600):
        self.ocr = ocr
        self.today = today
        self.max_age_days = max_age_days
        self.max_side = max_side

    def read(self, pages: Sequence[np.ndarray], name: str | None = None, id_number: str | None = None,
             deadline: float | None = None) -> IncomeResult:
        """OCR every page, parse, find the seal and check; past `deadline` (a time.monotonic() value) it stops
        with Timeout before the next page."""
        timings: dict[str, float] = {"ocr": 0.0, "seal": 0.0}
        texts, seal = [], None
        for index, image in enumerate(pages, start=1):
            if deadline is not None and time.monotonic() > deadline:
                raise Timeout(f"the request ran out of time before page {index} of the income proof")
            work, scale = fit_within(image, self.max_side)
            t0 = time.perf_counter()
            rows, _ = read_rows(simplified(self.ocr.read(drop_red(work)).lines))
            timings["ocr"] += (time.perf_counter() - t0) * 1000
            texts.append(PageText(index, rows))
            t0 = time.perf_counter()
            if seal is None:
                found = find_seals(work)
                if found:
                    best = found[0]
                    seal = Seal([round(v / scale) for v in best.bbox], best.ring, index)
            timings["seal"] += (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        parsed = parse_income(texts)
        checks = income_checks(parsed, seal, self.today(), self.max_age_days, name, id_number)
        timings["parsing"] = (time.perf_counter() - t0) * 1000
        return IncomeResult(parsed.kind, parsed.fields, checks, seal, len(pages), parsed.salary_credits, timings)
