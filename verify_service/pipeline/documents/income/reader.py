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

import cv2
import numpy as np

from verify_service.errors import Timeout
from verify_service.pipeline.common.imaging import fit_within
from verify_service.pipeline.common.layout import in_columns, read_place_grids, read_rows
from verify_service.pipeline.documents.income import certificate, payslip, statement
from verify_service.pipeline.documents.income.checks import income_checks
from verify_service.pipeline.documents.income.seal import Seal, find_seals, red_mask, unroll
from verify_service.pipeline.documents.income.text import PageField, PageText, as_company, simplified
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


_STRONG = {
    "income_certificate": "收入证明|工资证明|在职证明|收入情况证明|薪资证明|薪酬证明|收入声明|劳动合同",
    "payslip": "工资条|工资单|薪资单|薪酬单|工资表|薪资表|薪资明细|(?<!代发)工资明细|薪酬明细|工资发放|收入纳税明细",
    "bank_statement": "交易明细|银行流水|对账单|账户明细|交易流水|账户流水|流水明细|历史明细|活期明细|交易清单|收支明细"
                      "|入账明细|存折|代发明细|代发工资明细|电子回单",
}
TITLE_ROWS, TITLE_CHARS = 8, 16  # a title is a short row near the top of page 1
_CERTIFICATE_WORDS = ("兹证明", "特此证明", "兹有", "月收入", "年收入", "特此说明", "劳动合同", "核实")
_PAYSLIP_WORDS = ("应发", "实发", "实领", "税前工资", "工资总额", "个人所得税", "个税", "工资薪金", "扣缴义务人",
                  "所得期间", "工号", "公积金", "养老")
_STATEMENT_WORDS = ("余额", "结余", "摘要", "对方户名", "交易金额", "借贷", "我行", "支取", "存入")
# Kinds whose words score within this many points of the best are told apart by reading the document as each: the
# words of a lender's verification form (工资发放方式) or a fax (收入情况的证明 in its subject) do not settle it
CONTEST = 3


def _keyword_scores(pages: Sequence[PageText]) -> dict[str, int]:
    """Each kind's score by the words only it uses (its title's words count most)."""
    text = "".join(p.joined for p in pages)
    titles = [re.sub(r"\s+", "", row.text) for row in (pages[0].rows[:TITLE_ROWS] if pages else [])]
    titles = [t for t in titles if len(t) <= TITLE_CHARS]
    scores = {kind: 3 * bool(re.search(strong, text)) + 4 * any(re.search(strong, t) for t in titles)
              for kind, strong in _STRONG.items()}
    scores["income_certificate"] += sum(w in text for w in _CERTIFICATE_WORDS)
    scores["payslip"] += sum(w in text for w in _PAYSLIP_WORDS)
    scores["bank_statement"] += sum(w in text for w in _STATEMENT_WORDS)
    return scores


@dataclass
class ParsedIncome:
    """The pure parse of an income proof's text."""

    kind: str
    fields: dict[str, Field]
    amount_words: Field = MISSING
    words_digits: Field = MISSING  # the amounts in digits the words stand beside, nearest first (else monthly_income)
    salary_credits: list[dict] = field(default_factory=list)


def _read_as(kind: str, pages: Sequence[PageText]) -> ParsedIncome:
    """The document read as one kind."""
    if kind == "income_certificate":
        fields, words, digits = certificate.parse(pages)
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **fields}, words, digits)
    if kind == "payslip":
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **payslip.parse(pages)})
    fields, credits = statement.parse(pages)
    return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **fields}, salary_credits=credits)


def _reading_score(parsed: ParsedIncome) -> int:
    """How much a reading found: an income counts most, then a name and a date (fields every kind has)."""
    f = parsed.fields
    return 3 * (f["monthly_income"].value is not None) + (f["name"].value is not None) + \
        (f["issue_date"].value is not None)


def parse_income(pages: Sequence[PageText]) -> ParsedIncome:
    """Classify and read an income proof from its pages' rows (a page of two prose columns read column by column).
    The kind is the one whose words score best; where another kind's words score nearly as well, or no kind's
    score enough, the document is read as each contender and the reading that finds the most decides with the
    words (an income found as a payslip's gross, a certificate's monthly figure or a statement's salary credits)."""
    pages = [PageText(page.page, read_place_grids(in_columns(page.rows))) for page in pages]
    scores = _keyword_scores(pages)
    best = max(scores.values())
    contenders = [kind for kind, score in scores.items() if score >= max(best - CONTEST, 1)]
    if best >= 2 and len(contenders) == 1:
        return _read_as(contenders[0], pages)
    readings = [_read_as(kind, pages) for kind in contenders]
    weighed = [(scores[r.kind] + 2 * found, r) for r in readings if (found := _reading_score(r)) >= 3 or best >= 2]
    if weighed:
        return max(weighed, key=lambda w: w[0])[1]
    empty = dict.fromkeys(("name", "id_number", "employer", "monthly_income", "annual_income", "issue_date"), MISSING)
    return ParsedIncome("unknown", {"document_kind": Field("unknown", 0.0), **empty})


# What a seal's curved, crowded rim text is most often misread as, in the legal forms that end every company name.
_RIM_FIXES = ((re.compile(r"有.?公司$"), "有限公司"), (re.compile(r"有限.任公司$"), "有限责任公司"),
              (re.compile(r"股.有限"), "股份有限"), (re.compile(r"有限公.$"), "有限公司"))


def seal_rim_fixes(text: str) -> str:
    """A seal's rim text with its legal form's usual misreadings put right (有网公司 -> 有限公司)."""
    text = re.sub(r"\s+", "", text)
    for pattern, fixed in _RIM_FIXES:
        text = pattern.sub(fixed, text)
    return text


SOLID_RED_MIN_SHARE = 0.01  # of the page: a red area this large and filled is a banner or a band, not a seal
SOLID_RED_FILL = 0.6  # share of its bounding box the red covers


def drop_red(image: np.ndarray, hsv: np.ndarray | None = None) -> np.ndarray:
    """The page as its red channel in grey: red seal ink turns nearly white while black print stays black, so the
    seal stamped over the employer's name no longer garbles it (the "red drop-out" of form readers). A solid red
    area (an app's red banner, a coloured header band) keeps its grey levels instead: white text printed on it
    would vanish in the red channel. `hsv`: the page in HSV, when the caller has it already."""
    red = np.ascontiguousarray(image[:, :, 2])
    h, w = red.shape
    mask = red_mask(cv2.cvtColor(image, cv2.COLOR_BGR2HSV) if hsv is None else hsv)
    k = max(3, round(0.015 * min(h, w)))  # wider than a seal's strokes
    solid = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((k, k), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(solid)
    grey = None
    for x, y, bw, bh, area in stats[1:count]:
        if area >= SOLID_RED_MIN_SHARE * h * w and area >= SOLID_RED_FILL * bw * bh:
            grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if grey is None else grey
            red[y:y + bh, x:x + bw] = grey[y:y + bh, x:x + bw]
    return np.repeat(red[:, :, None], 3, axis=2)


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
        texts, seal, seal_on = [], None, None
        for index, image in enumerate(pages, start=1):
            if deadline is not None and time.monotonic() > deadline:
                raise Timeout(f"the request ran out of time before page {index} of the income proof")
            work, scale = fit_within(image, self.max_side)
            t0 = time.perf_counter()
            hsv = cv2.cvtColor(work, cv2.COLOR_BGR2HSV)  # once: the red drop-out and the seal finder both read it
            rows, _ = read_rows(simplified(self.ocr.read(drop_red(work, hsv)).lines))
            timings["ocr"] += (time.perf_counter() - t0) * 1000
            texts.append(PageText(index, rows))
            t0 = time.perf_counter()
            if seal is None:
                found = find_seals(work, hsv=hsv)
                if found:
                    best = found[0]
                    seal = Seal([round(v / scale) for v in best.bbox], best.ring, index)
                    seal_on = (work, best, index)
            timings["seal"] += (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        parsed = parse_income(texts)
        timings["parsing"] = (time.perf_counter() - t0) * 1000
        if seal_on is not None and parsed.kind in ("income_certificate", "payslip") \
                and parsed.fields["employer"].value is None and not certificate.names_no_employer(texts):
            t0 = time.perf_counter()
            parsed.fields["employer"] = self._seal_employer(*seal_on)
            timings["seal"] += (time.perf_counter() - t0) * 1000
        checks = income_checks(parsed, seal, self.today(), self.max_age_days, name, id_number)
        return IncomeResult(parsed.kind, parsed.fields, checks, seal, len(pages), parsed.salary_credits, timings)

    def _seal_employer(self, work: np.ndarray, seal: Seal, page: int) -> Field:
        """The employer read from the rim of its seal, for a letter or payslip that names it nowhere else (a
        company seal's rim text is the company's registered name). Its confidence is the reading's, halved: a
        seal is curved, often faint and crossed by print, so a reviewer should look at it."""
        lines = simplified(self.ocr.read(cv2.cvtColor(unroll(work, seal), cv2.COLOR_GRAY2BGR)).lines)
        if not lines:
            return MISSING
        text = "".join(line.text for line in sorted(lines, key=lambda ln: ln.box[0][0]))
        name = as_company(seal_rim_fixes(text))
        if name is None:
            return MISSING
        return PageField(name, 0.5 * min(line.score for line in lines), page, "seal")
