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
    as_amount,
    as_company,
    as_date,
    as_person,
    first,
    id_after_label,
    is_bare_name,
    labelled,
    last_company,
    last_date,
    letterhead_company,
    money,
)
from verify_service.pipeline.types import MISSING, Field

NAME_LABELS = ("员工姓名", "职工姓名", "姓名", "乙方", "劳动者", "受聘人")  # a labour contract's 乙方（劳动者）
EMPLOYER_LABELS = ("单位名称", "工作单位", "公司名称", "用人单位", "单位全称", "企业名称", "任职单位", "所在单位",
                   "就职单位", "任职公司", "所在公司", "就职公司", "雇主", "单位")
# A monthly or annual income statement: its label, what may stand between label and amount (a bracketed 税前, 为,
# 人民币, the amount in words first), the amount, its unit. Labels are built from their parts, as employers vary
# them: (税前)(每)月(平均)(税前)收入/工资/薪资/薪酬, 年(度)(总)收入, 月薪, 年薪.
_TAX = r"(?:税前|税后|应发|实发)?"
_PAY = r"(?:工资收入|总收入|收入|工资|薪资|薪酬|薪金|薪水)"
# 月 of a month's income, not of a count of months (近十二个月税前收入合计 is a total over a year)
_MONTHLY = (rf"{_TAX}(?:每月|月度|(?<![个一二两三四五六七八九十])(?<!-\d)(?<!-\d\d)月)(?:平均|均)?(?:固定|综合)?{_TAX}"
            rf"(?:{_PAY}|薪)")
_ANNUAL = rf"{_TAX}(?:全年|年度|每年|年)(?:平均|均)?{_TAX}(?:纯|净)?(?:{_PAY}|薪)"  # a farmer's 年纯收入
# an amount, never a year, a date or a count (2019年, 2026.10.08, 2026-09, 近6个月, 每月15号): a whole number has
# three digits or more and does not run on into 个/年/月/日/号 or a date
_AMOUNT = (r"(\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?(?!\.?\d)|\d+\.\d{1,2}(?!\.?\d)"
           r"|\d{3,9}(?![\d个年月日号/\-]|\.\d))")  # never a run of ten digits or more: an ID, a serial
# Between label and amount: no other income label, no sentence end, no table announced (构成如下：), no other
# amount (a table's header row over its values), at most a short remark or the amount in words; and a label
# followed by 累计 / 构成 names a running total or a breakdown.
_INCOME = re.compile(
    rf"(?P<label>{_MONTHLY}|{_ANNUAL})(?!累计|构成|明细)"
    r"(?P<between>(?:(?!月收入|年收入|月薪|年薪|电话|联系|如下|[。；;]|\d[\d,]*\.\d|\d{1,3},\d{3}).){0,28}?)[¥￥]?\s*"
    r"(?<![\d.,，])" + _AMOUNT
    + r"\s*(?P<unit>万元|万|元|圆)?")
# A table-form certificate's cell labels for the monthly amount, whose value is in the next cell or the one below.
MONTHLY_LABELS = ("月应发合计", "月应发工资", "月应发金额", "税前月收入", "月均应发", "月平均收入", "月均收入",
                  "月工资收入", "月收入", "月工资", "月薪", "每月收入", "应发合计", "应发工资", "税前收入")
# An option a form leaves unticked (□年收入, □税后): not what the form states. OCR reads the box as 口 too.
_UNTICKED = re.compile(r"[□☐口]\s*(?:年收入|月收入|年薪|月薪|税前|税后)")
_AFTER_TAX = re.compile("税后|实发|到手|净收入")
_HOUSEHOLD = re.compile("家庭|全家|家里|全户|户均")
_PROBATION = re.compile("试用期(?!满|后)|见习期(?!满|后)")
_LETTER = re.compile("证明|兹有|特此|收入|工资|薪")


# A voucher's amount in boxes: a row of units (十万 万 仟 佰 拾 元 角 分) over one digit per box, filled from the
# right (￥ 8 6 0 0 0 0 under 仟 … 分 is 8,600.00).
_GRID = re.compile(r"(?P<units>(?:十万|百万|千万|亿|万|仟|千|佰|百|拾|十|元|角|分){4,})(?P<mid>\D{0,8}?)"
                   r"(?P<digits>\d(?:\s*\d){2,})(?!\s*[\d.,])")


def _ungrid(text: str) -> str:
    """The text with a box grid's digits written as an amount (…小写￥8600.00), so that it reads as any other."""
    def amount(m: re.Match) -> str:
        digits = re.sub(r"\s+", "", m.group("digits"))
        if m.group("units").endswith("角分"):
            digits = f"{int(digits) // 100}.{digits[-2:]}"
        return f"{m.group('units')}{m.group('mid')}{digits}元"
    return _GRID.sub(amount, text)


def _words_income(pages: Sequence[PageText]) -> Field:
    """The monthly income a form states in words only (月收入人民币（大写）叁万零柒佰元整, its boxes for the digits
    left empty or unread), marked `source` "words": the words-vs-digits check has no digits to compare then."""
    for page in pages:
        m = re.search(rf"{_MONTHLY}(?:人民币)?[（(]?大写[）)]?[:：]?(?:人民币)?([{amounts.WORD_CHARS}]+)", page.joined)
        words = re.sub(r"(?<=[整正]).*", "", m.group(1)) if m else ""  # not the box units printed after it
        value = amounts.parse_words(words) if words else None
        if value:
            return PageField(float(value), page.score, page.page, "words")
    return MISSING


def _incomes(pages: Sequence[PageText]) -> tuple[Field, Field]:
    """The monthly income (税前 first; else annual / 12) and the annual income, from the sentences or cells that
    state them."""
    monthly: list[tuple[bool, float, int, float]] = []  # (after tax, yuan, page, score)
    annual: list[tuple[bool, float, int, float]] = []
    for page in pages:
        text = _ungrid(_UNTICKED.sub("", page.joined))
        for m in _INCOME.finditer(text):
            value = money(m.group(3))
            before = text[max(0, m.start() - 8):m.start()]
            if value is None or _HOUSEHOLD.search(before[-4:]) or _PROBATION.search(before):
                continue  # a household's income (家庭年收入), or the pay during probation, is not the applicant's
            if m.group("unit") in ("万元", "万"):
                value = round(value * 10000, 2)
            context = m.group("label") + m.group("between")
            after_tax = bool(_AFTER_TAX.search(context)) and "税前" not in context
            target = annual if re.fullmatch(_ANNUAL, m.group("label")) else monthly
            target.append((after_tax, value, page.page, page.score))
            # the same income stated again in the sentence for the other side of tax: 月收入（税后）8,000元，税前
            # 10,000元
            rest = re.match(r"(?:(?!年|月|奖|薪)[^。；;]){0,12}?(税前|税后)(?:收入|工资)?[为是:：]?(?:人民币)?"
                            rf"(?:[{amounts.WORD_CHARS}]+[（(](?:小写)?[:：]?)?[¥￥]?\s*"
                            + _AMOUNT + r"\s*(万元|万|元)?", text[m.end():])
            again = money(rest.group(2)) if rest else None
            if rest and again is not None and (rest.group(1) == "税前") == after_tax:
                unit = rest.group(3) or m.group("unit")
                target.append((rest.group(1) == "税后", round(again * 10000, 2) if unit in ("万元", "万") else again,
                               page.page, page.score))
    pick = sorted(monthly, key=lambda x: x[0])  # pre-tax first, in reading order otherwise
    year = sorted(annual, key=lambda x: x[0])
    annual_field = PageField(year[0][1], year[0][3], year[0][2]) if year else MISSING
    if pick:
        return PageField(pick[0][1], pick[0][3], pick[0][2]), annual_field
    if year:
        return PageField(round(year[0][1] / 12, 2), year[0][3], year[0][2]), annual_field
    cell = labelled(pages, MONTHLY_LABELS, as_amount, below=1)  # a table-form certificate: label over value
    if cell.value is not None:
        return cell, annual_field
    return _words_income(pages), MISSING


def _name(pages: Sequence[PageText]) -> Field:
    """The employee's name: after 兹证明/兹有...员工, before 先生/女士, or in a 姓名 cell."""
    hit = labelled(pages, NAME_LABELS, as_person)
    if hit.value is not None:
        return hit
    # In the body, a name carries no label: it must start with a common surname (正式, 在编 are no names).
    for page in pages:
        text = page.joined
        for m in re.finditer(r"(?:兹证明|兹有|特证明)[:：]?(?:我|本|贵)?(?:单位|公司|司|行|院|校|局)?的?"
                             r"(?:正式|在编|在职|全职|合同制|聘用|退休)*(?:工作)?(?:员工|职工|同志|雇员|人员|教师|医生|干部)?"
                             r"|证明(?=[\u4e00-\u9fff]{2,4}(?:先生|女士|同志|系|为|（|\())"
                             r"|(?:员工|职工|雇员|客户|借款人)(?=[\u4e00-\u9fff]{2,4}(?:同志|先生|女士|（|\())", text):
            name = as_person(re.sub(r"^[:：]", "", text[m.end():m.end() + 14]))
            if name and is_bare_name(name):
                return PageField(name, page.score, page.page)
    return MISSING


def _employer(pages: Sequence[PageText]) -> Field:
    """The employer: a 单位名称-style label's value (on its line, in the next cell or on the line below, as in a
    signature block), else the body (系我单位（X）员工, 在X工作, 系X员工), else the letterhead, else the last
    organisation named on the document (the signature block)."""
    hit = labelled(pages, EMPLOYER_LABELS, as_company)
    if hit.value is not None:
        return hit
    body = first(pages, rf"(?:我|本)(?:单位|公司|司|店|厂|行|馆|院|校|所)[（(]({COMPANY.pattern})[）)]")
    if body and (name := as_company(body[0])):
        return PageField(name, body[2], body[1])
    head = letterhead_company(pages, above="证明")
    if head.value is not None:
        return head
    body = first(pages, rf"(?:在|系|为|于)({COMPANY.pattern})(?:的)?(?:正式|在职|全职|合同制)*"
                        r"(?:员工|职工|雇员|工作|任职|担任)")
    if body and (name := as_company(body[0])):
        return PageField(name, body[2], body[1])
    return last_company(pages)


# An amount in words without its 大写 label: a run of 大写 digits and units that names yuan (壹万贰仟元整).
_WORDS = re.compile(rf"[{amounts.WORD_CHARS}]*[壹贰叁肆伍陆柒捌玖][{amounts.WORD_CHARS}]*[元圆][{amounts.WORD_CHARS}]*")
_NEAR_DIGITS = re.compile(r"(?<![\d.])(\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|\d+\.\d{1,2}|\d+(?=\s*(?:万元|万|元)))"
                          r"(?![\d年月日/])\s*(万元|万)?")


def amount_in_words(pages: Sequence[PageText]) -> tuple[Field, Field]:
    """The amount in words (raw text: after 大写, else the first run of 大写 digits that names yuan), and the
    amounts in digits it stands beside (those within a sentence's reach, in yuan, nearest first), for the
    words-vs-digits check; MISSING where there is none."""
    for page in pages:
        text = _ungrid(page.spaced)
        m = re.search(rf"大写(?:金额)?[:：）)]*(?:人民币)?([{amounts.WORD_CHARS}]+)", text)
        start, end = (m.start(1), m.end(1)) if m else (-1, -1)
        labelled_words = m is not None  # （大写：…） follows its digits; unlabelled words come first, digits after
        if m is None:
            m = next((w for w in _WORDS.finditer(text) if re.search("[拾佰仟万]", w.group(0))), None)
            if m is None:
                continue
            start, end = m.span()
        words = PageField(text[start:end], page.score, page.page)
        near = []
        for d in _NEAR_DIGITS.finditer(text, max(0, start - 40), min(len(text), end + 40)):
            value = money(d.group(1))
            if value is not None:
                value = round(value * 10000, 2) if d.group(2) else value
                before = d.end() <= start
                near.append((before != labelled_words, min(abs(d.start() - end), abs(start - d.end())), value))
        # every amount within reach, the one the words belong to first (before a 大写 label, after unlabelled
        # words), nearest first: on a form the words may stand between 税前 and 税后
        digits = PageField([v for _, _, v in sorted(near)], page.score, page.page) if near else MISSING
        return words, digits
    return MISSING, MISSING


ISSUE_DATE_LABELS = ("出具日期", "开具日期", "签发日期", "落款日期", "证明日期", "填表日期", "回函日期", "签订日期",
                     "签署日期")
# a line that is the letter's date and nothing else: 日期：2026年9月4日, Date 日期: 28 Sep 2026 (not 入司日期, not
# Date of Birth: a bare 日期 or Date only where the line starts with it)
_DATE_LINE = re.compile(r"^\s*(?:Date\s*日期|日期|Date)\s*[:：]", re.IGNORECASE)


def _issue_date(pages: Sequence[PageText]) -> Field:
    """The letter's date: after an issue-date label (出具日期 ...) or on a line that starts with 日期/Date, else
    the last date the letter prints that is not part of a period, a start or a birth date (where letters sign)."""
    found = labelled(pages, ISSUE_DATE_LABELS, as_date, below=1)
    if found.value is not None:
        return found
    for page in pages:
        for row in page.rows:
            for line in row.lines:
                m = _DATE_LINE.match(line.text)
                iso = as_date(line.text[m.end():]) if m else None
                if iso:
                    return PageField(iso, line.score, page.page)
    return last_date(pages)


# A letter from a village or neighbourhood committee about one of its residents (系我村第4村民小组村民): the issuer
# certifies, it does not employ, and the letter names no employer (a farmer's or a trader's own income).
_RESIDENT = re.compile(r"系(?:我|本|该)(?:村|社区|居委会|街道|嘎查)[^。，,；]{0,10}?(?:村民|居民|牧民)")


def names_no_employer(pages: Sequence[PageText]) -> bool:
    """Whether the letter certifies a resident's own income rather than an employee's (no employer to read)."""
    return any(_RESIDENT.search(p.joined) for p in pages)


def parse(pages: Sequence[PageText]) -> tuple[dict[str, Field], Field, Field]:
    """Fields of a 收入证明, its amount in words (raw text) and the amount in digits beside the words, for the
    words-vs-digits check."""
    # pages attached to the letter (a copy of the business licence, of an ID card) state other names and dates:
    # the letter is on the pages that certify or state income
    letter = [p for p in pages if _LETTER.search(p.joined)]
    pages = letter or pages
    monthly, annual = _incomes(pages)
    fields = {
        "name": _name(pages),
        "id_number": id_after_label(pages),
        "employer": MISSING if names_no_employer(pages) else _employer(pages),
        "monthly_income": monthly,
        "annual_income": annual,
        "issue_date": _issue_date(pages),
    }
    words, digits = amount_in_words(pages)
    return fields, words, digits
