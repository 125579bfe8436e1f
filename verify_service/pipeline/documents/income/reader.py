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
from decimal import Decimal
from typing import Any

import numpy as np

from verify_service.pipeline.common import amounts
from verify_service.pipeline.common.imaging import fit_within
from verify_service.pipeline.common.layout import Row, read_rows
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.documents.cn_id_card.parse import iso_date
from verify_service.pipeline.documents.income.seal import Seal, find_seals
from verify_service.pipeline.types import MISSING, Check, CheckStatus, Field, TextReader

PASS, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.UNKNOWN
KINDS = ("income_certificate", "payslip", "bank_statement", "unknown")
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
_MONEY = r"([+\-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|[+\-]?\d+(?:\.\d{1,2})?)"
_COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:有限责任公司|股份有限公司|有限公司|集团|银行|研究院|大学|医院)")


@dataclass(frozen=True)
class PageField(Field):
    """A field with the page (1-based) it was read from."""

    page: int | None = None

    def to_dict(self) -> dict:
        """The contract's field object plus its page."""
        out = super().to_dict()
        if self.page is not None:
            out["page"] = self.page
        return out


@dataclass(frozen=True)
class PageText:
    """One page's rows in reading order."""

    page: int
    rows: list[Row]

    @property
    def joined(self) -> str:
        """The page's text with line breaks removed, so that wrapped sentences read as one."""
        return "".join(re.sub(r"\s+", "", r.text) for r in self.rows)

    @property
    def score(self) -> float:
        return float(min((r.score for r in self.rows), default=0.0))


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
        "income_certificate": 3 * ("收入证明" in text) + ("兹证明" in text) + ("特此证明" in text),
        "payslip": 3 * bool(re.search("工资条|工资单|薪资单|薪酬单", text)) + ("应发" in text) + ("实发" in text),
        "bank_statement": 3 * bool(re.search("交易明细|银行流水|对账单|账户明细", text))
                          + ("余额" in text) + ("摘要" in text),
    }
    kind, best = max(scores.items(), key=lambda kv: kv[1])
    return kind if best >= 2 else "unknown"


def _money(text: str) -> float | None:
    """A digits amount as a float of yuan, or None."""
    value = amounts.parse_digits(text)
    return None if value is None else float(value)


def _first(pages: Sequence[PageText], pattern: str | re.Pattern, group: int = 1) -> tuple[str, int, float] | None:
    """First match of a pattern in the joined text of any page: (text, page, confidence)."""
    for page in pages:
        m = re.search(pattern, page.joined)
        if m:
            return m.group(group), page.page, page.score
    return None


def _row_value(pages: Sequence[PageText], label: str) -> tuple[str, int, float] | None:
    """The text after a label in the first row that holds it (a table cell's value)."""
    for page in pages:
        for row in page.rows:
            text = re.sub(r"\s+", "", row.text)
            idx = text.find(label)
            if idx >= 0 and text[idx + len(label):].strip("：:"):
                return text[idx + len(label):].lstrip("：:"), page.page, row.score
    return None


def _field(hit: tuple[str, int, float] | None, convert: Callable[[str], object] = str) -> Field:
    """A PageField from a match, or MISSING when there was none or it does not convert."""
    if hit is None:
        return MISSING
    value = convert(hit[0])
    return MISSING if value is None else PageField(value, hit[2], hit[1])


def _id_after_label(pages: Sequence[PageText]) -> Field:
    """The ID number after 身份证号/证件号码 (it may wrap onto the next line), else anywhere."""
    for page in pages:
        text = page.joined
        for m in re.finditer("身份证号码|身份证号|证件号码|身份证", text):
            found = idnumber.find_id_number(text[m.end():m.end() + 30])
            if found:
                return PageField(found, page.score, page.page)
    for page in pages:
        found = idnumber.find_id_number(page.joined)
        if found:
            return PageField(found, page.score, page.page)
    return MISSING


def _last_cn_date(pages: Sequence[PageText]) -> Field:
    """The last full date (年月日) in the document: where letters and payslips put their date."""
    best = None
    for page in pages:
        for m in _DATE_CN.finditer(page.joined):
            iso = iso_date(*m.groups())
            if iso:
                best = PageField(iso, page.score, page.page)
    return best or MISSING


def parse_certificate(pages: Sequence[PageText]) -> tuple[dict[str, Field], Field]:
    """Fields of a 收入证明 letter, and its amount in words (raw text) for the words-vs-digits check."""
    fields = {
        "name": _field(_first(pages, r"兹证明[:：]?([\u4e00-\u9fff·]{2,5}?)(?:[（(，,]|同志|先生|女士|系|为)")),
        "id_number": _id_after_label(pages),
        "employer": _field(_first(pages, rf"(?:单位名称|公司名称|单位)[:：]({_COMPANY.pattern})")
                           or _first(pages, rf"系({_COMPANY.pattern})")),
        "monthly_income": _field(_first(pages, rf"月(?:收入|工资|薪)[^0-9大]{{0,16}}?{_MONEY}\s*元"), _money),
        "annual_income": _field(_first(pages, rf"年(?:收入|薪)[^0-9大]{{0,16}}?{_MONEY}\s*元"), _money),
        "issue_date": _last_cn_date(pages),
    }
    words = _field(_first(pages, rf"大写[:：]?([{amounts.WORD_CHARS}人民币]+)"))
    return fields, words


def parse_payslip(pages: Sequence[PageText]) -> dict[str, Field]:
    """Fields of a payslip: the gross pay is the monthly income."""
    gross = _field(_row_value(pages, "应发工资") or _row_value(pages, "应发合计") or _row_value(pages, "应发"), _money)
    net = _field(_row_value(pages, "实发工资") or _row_value(pages, "实发金额") or _row_value(pages, "实发"), _money)
    month = _field(_first(pages, r"(?:工资月份|所属月份|月份)[:：]?(\d{4})[-年.](\d{1,2})", 0),
                   lambda s: "{}-{:02d}".format(*map(int, re.findall(r"\d+", s)[-2:])))
    if month.value is None:
        month = _field(_first(pages, r"(\d{4})年(\d{1,2})月(?:份)?工资", 0),
                       lambda s: "{}-{:02d}".format(*map(int, re.findall(r"\d+", s)[:2])))
    employer = MISSING
    for page in pages:
        for row in page.rows[:4]:
            m = _COMPANY.search(re.sub(r"\s+", "", row.text))
            if m:
                employer = PageField(m.group(0), row.score, page.page)
                break
        if employer.value is not None:
            break
    return {
        "name": _field(_row_value(pages, "姓名"), lambda s: "".join(re.findall(r"[\u4e00-\u9fff·]", s)) or None),
        "id_number": _id_after_label(pages),
        "employer": employer,
        "monthly_income": gross,
        "annual_income": MISSING,
        "issue_date": _last_cn_date(pages),
        "pay_month": month,
        "gross_pay": gross,
        "net_pay": net,
    }


def parse_statement(pages: Sequence[PageText]) -> tuple[dict[str, Field], list[dict]]:
    """Fields of a bank statement and its salary credits (代发工资 / 工资 rows), averaged per month."""
    credits: list[dict[str, Any]] = []
    for page in pages:
        for row in page.rows:
            text = re.sub(r"\s+", "", row.text)
            date = _DATE_ISO.match(text)
            if not date or not re.search("工资|代发|薪", text):
                continue
            rest = text[date.end():]
            amount = re.search(r"\+\d{1,3}(?:[,，]\d{3})*(?:\.\d{2})|\+\d+\.\d{2}", rest)
            if not amount:
                continue
            value = amounts.parse_digits(amount.group(0).lstrip("+"))
            iso = iso_date(*date.groups())
            if value is not None and iso:
                credits.append({"date": iso, "amount": float(value), "page": page.page, "confidence": row.score})
    by_month: dict[str, Decimal] = {}
    for credit in credits:
        month = credit["date"][:7]
        by_month[month] = by_month.get(month, Decimal(0)) + Decimal(str(credit["amount"]))
    monthly = MISSING
    salary = MISSING
    if by_month:
        average = (sum(by_month.values(), Decimal(0)) / len(by_month)).quantize(Decimal("0.01"))
        confidence = float(min(c["confidence"] for c in credits))
        monthly = Field(float(average), confidence)
        salary = Field({m: float(v) for m, v in sorted(by_month.items())}, confidence)
    name = _field(_first(pages, r"(?:户名|客户名称|姓名)[:：]([\u4e00-\u9fff·]{2,5}?)(?:证件|账号|卡号|币种|$)"))
    issue = _field(_first(pages, r"打印日期[:：]?(\d{4})年(\d{1,2})月(\d{1,2})日", 0),
                   lambda s: iso_date(*re.findall(r"\d+", s)[:3]))
    if issue.value is None:
        issue = _field(_first(pages, r"至(\d{4}-\d{1,2}-\d{1,2})"), lambda s: iso_date(*re.split(r"-", s)))
    fields = {"name": name, "id_number": _id_after_label(pages), "employer": MISSING, "monthly_income": monthly,
              "annual_income": MISSING, "issue_date": issue, "salary_by_month": salary}
    for credit in credits:
        credit.pop("confidence")
    return fields, credits


@dataclass
class ParsedIncome:
    """The pure parse of an income proof's text."""

    kind: str
    fields: dict[str, Field]
    amount_words: Field = MISSING
    salary_credits: list[dict] = field(default_factory=list)


def parse_income(pages: Sequence[PageText]) -> ParsedIncome:
    """Classify and read an income proof from its pages' rows."""
    kind = classify(pages)
    if kind == "income_certificate":
        fields, words = parse_certificate(pages)
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **fields}, words)
    if kind == "payslip":
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **parse_payslip(pages)})
    if kind == "bank_statement":
        fields, credits = parse_statement(pages)
        return ParsedIncome(kind, {"document_kind": Field(kind, 1.0), **fields}, salary_credits=credits)
    empty = dict.fromkeys(("name", "id_number", "employer", "monthly_income", "annual_income", "issue_date"), MISSING)
    return ParsedIncome(kind, {"document_kind": Field("unknown", 0.0), **empty})


def income_checks(parsed: ParsedIncome, seal: Seal | None, today: dt.date, max_age_days: int,
                  name: str | None, id_number: str | None) -> list[Check]:
    """AMOUNT_WORDS_MATCH, SEAL_PRESENT, NAME_MATCHES, ID_NUMBER_MATCHES, ISSUE_DATE_RECENT."""
    f = parsed.fields
    checks = []
    digits = f.get("monthly_income", MISSING).value
    if parsed.kind != "income_certificate":
        checks.append(Check("AMOUNT_WORDS_MATCH", UNKNOWN, "this kind of document states no amount in words"))
    elif parsed.amount_words.value is None:
        checks.append(Check("AMOUNT_WORDS_MATCH", UNKNOWN, "no amount in words (大写) was found"))
    else:
        words = amounts.parse_words(parsed.amount_words.value)
        if words is None:
            checks.append(Check("AMOUNT_WORDS_MATCH", UNKNOWN, "the amount in words could not be parsed"))
        elif digits is None:
            checks.append(Check("AMOUNT_WORDS_MATCH", UNKNOWN, "the amount in digits could not be read"))
        elif Decimal(str(digits)).quantize(Decimal("0.01")) == words:
            checks.append(Check("AMOUNT_WORDS_MATCH", PASS, f"大写 {words:,.2f} agrees with the digits"))
        else:
            checks.append(Check("AMOUNT_WORDS_MATCH", FAIL, f"大写 says {words:,.2f}, the digits {digits:,.2f}"))
    checks.append(Check("SEAL_PRESENT", PASS, "a red round seal is on the document") if seal
                  else Check("SEAL_PRESENT", FAIL, "no red round seal was found"))
    for code, key, given, label in (("NAME_MATCHES", "name", name, "name"),
                                    ("ID_NUMBER_MATCHES", "id_number", id_number, "ID number")):
        read = f.get(key, MISSING).value
        if given is None:
            checks.append(Check(code, UNKNOWN, f"no {label} was given to compare with"))
        elif read is None:
            checks.append(Check(code, UNKNOWN, f"the document's {label} could not be read"))
        elif read == (given.strip().upper() if key == "id_number" else given.strip()):
            checks.append(Check(code, PASS, f"the document's {label} is the one given"))
        else:
            checks.append(Check(code, FAIL, f"the document's {label} differs from the one given"))
    issued = f.get("issue_date", MISSING).value
    if issued is None:
        checks.append(Check("ISSUE_DATE_RECENT", UNKNOWN, "the issue date could not be read"))
    else:
        age = (today - dt.date.fromisoformat(issued)).days
        if age < 0:
            checks.append(Check("ISSUE_DATE_RECENT", FAIL, f"issued {issued}, which is in the future"))
        elif age > max_age_days:
            checks.append(Check("ISSUE_DATE_RECENT", FAIL, f"issued {age} days ago, more than {max_age_days}"))
        else:
            checks.append(Check("ISSUE_DATE_RECENT", PASS, f"issued {age} days ago"))
    return checks


def drop_red(image: np.ndarray) -> np.ndarray:
    """The page as its red channel in grey: red seal ink turns nearly white while black print stays black, so the
    seal stamped over the employer's name no longer garbles it (the "red drop-out" of form readers)."""
    red = image[:, :, 2]
    return np.ascontiguousarray(np.repeat(red[:, :, None], 3, axis=2))


class IncomeReader:
    """Reads an income proof's pages with the injected OCR engine."""

    def __init__(self, ocr: TextReader, today: Callable[[], dt.date], max_age_days: int = 90,
                 max_side: int = 1600):
        self.ocr = ocr
        self.today = today
        self.max_age_days = max_age_days
        self.max_side = max_side

    def read(self, pages: Sequence[np.ndarray], name: str | None = None,
             id_number: str | None = None) -> IncomeResult:
        """OCR every page, parse, find the seal and check."""
        timings: dict[str, float] = {"ocr": 0.0, "seal": 0.0}
        texts, seal = [], None
        for index, image in enumerate(pages, start=1):
            work, scale = fit_within(image, self.max_side)
            t0 = time.perf_counter()
            rows, _ = read_rows(self.ocr.read(drop_red(work)).lines)
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
