"""收入证明: an employer's income certificate, in any of the layouts employers and banks use: a free letter (the
employer in the letterhead, in the body or only in the signature block), a bank's fill-in template, a
table-form certificate of label and value cells.

`monthly_income` is the monthly amount it states: 税前 when it states both; its annual amount / 12 when it
states only that; 万元 converted to yuan."""

from __future__ import annotations

import re
from collections.abc import Sequence

from verify_service.pipeline.common import amounts
from verify_service.pipeline.documents.income.text import (
    COMPANY,
    PageField,
    PageText,
    as_company,
    as_person,
    first,
    id_after_label,
    labelled,
    last_company,
    last_date,
    letterhead_company,
    money,
)
from verify_service.pipeline.types import MISSING, Field

NAME_LABELS = ("员工姓名", "姓名")
EMPLOYER_LABELS = ("单位名称", "工作单位", "公司名称", "用人单位", "单位全称", "企业名称", "任职单位", "所在单位",
                   "单位")
# A monthly or annual income statement: its label, what may stand between label and amount, the amount, its unit.
_AMOUNT = r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
_INCOME = re.compile(
    r"(?P<label>(?:税前|税后)?(?:月平均收入|月均收入|月收入|月薪|月工资|每月收入|每月工资|月平均工资"
    r"|年收入|年薪|年均收入|年平均收入|年工资|全年收入))"
    r"(?P<between>[^0-9大写]{0,16}?)[¥￥]?" + _AMOUNT + r"\s*(?P<unit>万元|万|元|圆)?")
_AFTER_TAX = re.compile("税后|实发|到手|净收入")


def _incomes(pages: Sequence[PageText]) -> tuple[Field, Field]:
    """The monthly income (税前 first; else annual / 12) and the annual income, from the sentences or cells that
    state them."""
    monthly: list[tuple[bool, float, int, float]] = []  # (after tax, yuan, page, score)
    annual: list[tuple[bool, float, int, float]] = []
    for page in pages:
        text = page.joined
        for m in _INCOME.finditer(text):
            value = money(m.group(3))
            if value is None:
                continue
            if m.group("unit") in ("万元", "万"):
                value = round(value * 10000, 2)
            context = m.group("label") + m.group("between")
            after_tax = bool(_AFTER_TAX.search(context)) and "税前" not in context
            target = annual if "年" in m.group("label") else monthly
            target.append((after_tax, value, page.page, page.score))
    pick = sorted(monthly, key=lambda x: x[0])  # pre-tax first, in reading order otherwise
    year = sorted(annual, key=lambda x: x[0])
    annual_field = PageField(year[0][1], year[0][3], year[0][2]) if year else MISSING
    if pick:
        return PageField(pick[0][1], pick[0][3], pick[0][2]), annual_field
    if year:
        return PageField(round(year[0][1] / 12, 2), year[0][3], year[0][2]), annual_field
    return MISSING, MISSING


def _name(pages: Sequence[PageText]) -> Field:
    """The employee's name: after 兹证明/兹有...员工, before 先生/女士, or in a 姓名 cell."""
    hit = labelled(pages, NAME_LABELS, as_person)
    if hit.value is not None:
        return hit
    for page in pages:
        text = page.joined
        for m in re.finditer(r"兹证明|兹有(?:我|本)?(?:单位|公司|司)?(?:员工|职工|同志)?|特证明"
                             r"|证明(?=[\u4e00-\u9fff]{2,4}(?:先生|女士|同志|系|为|（|\())", text):
            name = as_person(re.sub(r"^[:：]", "", text[m.end():m.end() + 14]))
            if name:
                return PageField(name, page.score, page.page)
    return MISSING


def _employer(pages: Sequence[PageText]) -> Field:
    """The employer: a 单位名称-style label's value (on its line, in the next cell or on the line below, as in a
    signature block), else the body (系我单位（X）员工, 在X工作, 系X员工), else the letterhead, else the last
    organisation named on the document (the signature block)."""
    hit = labelled(pages, EMPLOYER_LABELS, as_company)
    if hit.value is not None:
        return hit
    body = first(pages, rf"(?:我|本)(?:单位|公司|司)[（(]({COMPANY.pattern})[）)]")
    if body:
        return PageField(body[0], body[2], body[1])
    head = letterhead_company(pages, above="证明")
    if head.value is not None:
        return head
    body = first(pages, rf"(?:在|系|为|于)({COMPANY.pattern})(?:的)?(?:正式|在职)?(?:员工|职工|工作|任职|担任)")
    if body:
        return PageField(body[0], body[2], body[1])
    return last_company(pages)


def parse(pages: Sequence[PageText]) -> tuple[dict[str, Field], Field]:
    """Fields of a 收入证明, and its amount in words (raw text) for the words-vs-digits check."""
    monthly, annual = _incomes(pages)
    fields = {
        "name": _name(pages),
        "id_number": id_after_label(pages),
        "employer": _employer(pages),
        "monthly_income": monthly,
        "annual_income": annual,
        "issue_date": last_date(pages),
    }
    words = first(pages, rf"大写(?:金额)?[:：）)]*(?:人民币)?([{amounts.WORD_CHARS}]+)")
    return fields, (PageField(words[0], words[2], words[1]) if words else MISSING)
