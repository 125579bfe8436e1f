"""What every income reader shares: a page's rows as text, fields that carry their page, and the small
matchers (first pattern, value after a label, ID number after its label, the last date, money)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from verify_service.pipeline.common import amounts
from verify_service.pipeline.common.dates import iso_date
from verify_service.pipeline.common.layout import Row
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.types import MISSING, Field

DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
MONEY = r"([+\-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|[+\-]?\d+(?:\.\d{1,2})?)"
COMPANY = re.compile(r"[\u4e00-\u9fff（）()]{2,30}?(?:有限责任公司|股份有限公司|有限公司|集团|银行|研究院|大学|医院)")


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


def money(text: str) -> float | None:
    """A digits amount as a float of yuan, or None."""
    value = amounts.parse_digits(text)
    return None if value is None else float(value)


def first(pages: Sequence[PageText], pattern: str | re.Pattern, group: int = 1) -> tuple[str, int, float] | None:
    """First match of a pattern in the joined text of any page: (text, page, confidence)."""
    for page in pages:
        m = re.search(pattern, page.joined)
        if m:
            return m.group(group), page.page, page.score
    return None


def row_value(pages: Sequence[PageText], label: str) -> tuple[str, int, float] | None:
    """The text after a label in the first row that holds it (a table cell's value)."""
    for page in pages:
        for row in page.rows:
            text = re.sub(r"\s+", "", row.text)
            idx = text.find(label)
            if idx >= 0 and text[idx + len(label):].strip("：:"):
                return text[idx + len(label):].lstrip("：:"), page.page, row.score
    return None


def as_field(hit: tuple[str, int, float] | None, convert: Callable[[str], object] = str) -> Field:
    """A PageField from a match, or MISSING when there was none or it does not convert."""
    if hit is None:
        return MISSING
    value = convert(hit[0])
    return MISSING if value is None else PageField(value, hit[2], hit[1])


def id_after_label(pages: Sequence[PageText]) -> Field:
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


def last_cn_date(pages: Sequence[PageText]) -> Field:
    """The last full date (年月日) in the document: where letters and payslips put their date."""
    best = None
    for page in pages:
        for m in DATE_CN.finditer(page.joined):
            iso = iso_date(*m.groups())
            if iso:
                best = PageField(iso, page.score, page.page)
    return best or MISSING
