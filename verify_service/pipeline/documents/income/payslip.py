"""工资条: a payslip; its gross pay is the monthly income."""

from __future__ import annotations

import re
from collections.abc import Sequence

from verify_service.pipeline.documents.income.text import (
    COMPANY,
    PageField,
    PageText,
    as_field,
    first,
    id_after_label,
    last_cn_date,
    money,
    row_value,
)
from verify_service.pipeline.types import MISSING, Field


def parse(pages: Sequence[PageText]) -> dict[str, Field]:
    """Fields of a payslip: the gross pay is the monthly income."""
    gross = as_field(row_value(pages, "应发工资") or row_value(pages, "应发合计") or row_value(pages, "应发"), money)
    net = as_field(row_value(pages, "实发工资") or row_value(pages, "实发金额") or row_value(pages, "实发"), money)
    month = as_field(first(pages, r"(?:工资月份|所属月份|月份)[:：]?(\d{4})[-年.](\d{1,2})", 0),
                   lambda s: "{}-{:02d}".format(*map(int, re.findall(r"\d+", s)[-2:])))
    if month.value is None:
        month = as_field(first(pages, r"(\d{4})年(\d{1,2})月(?:份)?工资", 0),
                       lambda s: "{}-{:02d}".format(*map(int, re.findall(r"\d+", s)[:2])))
    employer = MISSING
    for page in pages:
        for row in page.rows[:4]:
            m = COMPANY.search(re.sub(r"\s+", "", row.text))
            if m:
                employer = PageField(m.group(0), row.score, page.page)
                break
        if employer.value is not None:
            break
    return {
        "name": as_field(row_value(pages, "姓名"), lambda s: "".join(re.findall(r"[\u4e00-\u9fff·]", s)) or None),
        "id_number": id_after_label(pages),
        "employer": employer,
        "monthly_income": gross,
        "annual_income": MISSING,
        "issue_date": last_cn_date(pages),
        "pay_month": month,
        "gross_pay": gross,
        "net_pay": net,
    }
