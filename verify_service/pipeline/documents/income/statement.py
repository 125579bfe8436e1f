"""银行流水: a bank statement; the monthly income is the mean of its salary credits per month."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from verify_service.pipeline.common import amounts
from verify_service.pipeline.common.dates import iso_date
from verify_service.pipeline.documents.income.text import (
    DATE_ISO,
    PageText,
    as_field,
    first,
    id_after_label,
)
from verify_service.pipeline.types import MISSING, Field


def parse(pages: Sequence[PageText]) -> tuple[dict[str, Field], list[dict]]:
    """Fields of a bank statement and its salary credits (代发工资 / 工资 rows), averaged per month."""
    credits: list[dict[str, Any]] = []
    for page in pages:
        for row in page.rows:
            text = re.sub(r"\s+", "", row.text)
            date = DATE_ISO.match(text)
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
    name = as_field(first(pages, r"(?:户名|客户名称|姓名)[:：]([\u4e00-\u9fff·]{2,5}?)(?:证件|账号|卡号|币种|$)"))
    issue = as_field(first(pages, r"打印日期[:：]?(\d{4})年(\d{1,2})月(\d{1,2})日", 0),
                   lambda s: iso_date(*re.findall(r"\d+", s)[:3]))
    if issue.value is None:
        issue = as_field(first(pages, r"至(\d{4}-\d{1,2}-\d{1,2})"), lambda s: iso_date(*re.split(r"-", s)))
    fields = {"name": name, "id_number": id_after_label(pages), "employer": MISSING, "monthly_income": monthly,
              "annual_income": MISSING, "issue_date": issue, "salary_by_month": salary}
    for credit in credits:
        credit.pop("confidence")
    return fields, credits
