"""工资条: a payslip, as a horizontal table (a header row of items over one row of values, or one row per
month), a vertical 项目 | 金额 table, or "label: value" lines; the employer as a title or sign-off line.

`monthly_income` is the gross pay (应发) of the most recent month it shows; `issue_date` is its pay date (发放
日期, else the date the table was made or printed)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from verify_service.pipeline.common.dates import iso_date
from verify_service.pipeline.common.table import Record, Table, column_key, normalise, read_table, row_cells
from verify_service.pipeline.documents.income.text import (
    MONEY,
    NOT_ISSUED,
    OTHER_DATE,
    PageField,
    PageText,
    addressee,
    as_amount,
    as_company,
    as_date,
    as_person,
    as_single_date,
    date_before,
    dates_in,
    id_after_label,
    is_bare_name,
    labelled,
    last_company,
    last_date,
    letterhead_company,
)
from verify_service.pipeline.types import MISSING, Field

GROSS = ("应发工资", "应发合计", "应发金额", "应发总额", "应发数", "应发小计", "应发薪资", "应发薪酬", "应发总计",
         "应发工资合计", "本月应发", "合计应发", "税前工资", "税前收入", "税前应发", "税前合计", "工资总额", "工资总计",
         "薪酬总额", "应付工资", "收入合计", "收入项合计", "工资合计", "应发")
NET = ("实发工资", "实发金额", "实发合计", "实发数", "实发小计", "实发薪资", "实发薪酬", "实发总计", "本月实发",
       "实领工资", "实领金额", "实际发放", "实收工资", "实得工资", "实付工资", "实付金额", "到手工资", "净工资", "实发",
       "实领", "税后工资")
VOCABULARY = {
    "name": ("姓名", "员工姓名", "职工姓名", "人员姓名", "纳税人"),
    "month": ("月份", "工资月份", "所属月份", "发放月份", "薪资月份", "计薪月份", "工资所属期", "所属期间", "年月",
              "期间"),
    "gross": GROSS,
    "net": NET,
    "employee_no": ("工号", "员工编号", "编号"),
    "pay_date": ("发放日期", "发薪日期", "支付日期"),
    "basic": ("基本工资", "岗位工资", "基础工资"),
    "deduction": ("社保", "社会保险", "公积金", "住房公积金", "个税", "个人所得税", "代扣个税", "养老保险", "医疗保险",
                  "失业保险", "扣款合计", "代扣合计"),
}
PAY_DATE_LABELS = ("发放日期", "发薪日期", "发薪日", "支付日期", "发放时间", "入卡日期", "到账日期", "付款日期")
MADE_DATE_LABELS = ("制表日期", "打印日期", "制单日期", "日期")
_MONTH = re.compile(r"(\d{4})\s*(?:年|[-./])\s*(\d{1,2})\s*月?")
_COMPACT_MONTH = r"(20\d{2})(0[1-9]|1[0-2])"  # 202608
# a month column's heading: 2026年8月, 2026-08, 2026.08, 202608
_MONTH_ONLY = re.compile(r"\d{4}(?:年|[-./])\d{1,2}(?:月份?)?(?:工资|薪资)?|" + _COMPACT_MONTH)


# a time of day beside a date: a timestamp (a screen's clock, a system's print stamp), not a date written on a slip
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"


def _month(text: str | None) -> str | None:
    """YYYY-MM from a month cell or title (2026-09, 2026年9月, 2026.09)."""
    if not text:
        return None
    m = _MONTH.search(text.replace(" ", "")) or re.fullmatch(r"\s*" + _COMPACT_MONTH + r"\s*", text)
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return f"{m.group(1)}-{int(m.group(2)):02d}"


# a totals row's label: a token of its own, or the start or end of a cell the row below ran into (合计制表：赵文,
# 制表:赵文合计)
_TOTALS = re.compile(r"(?:^|\s)(?:本页|本月)?(?:合\s*计|总\s*计|小\s*计)|(?:合计|总计|小计)$")


def _table(pages: Sequence[PageText]) -> tuple[Table, int] | None:
    """The payslip's horizontal table: a header naming pay items, and the value row(s) under it. Its records are
    anchored by their month cell, their name cell or their gross amount, whichever gives the most records with a
    gross amount (a slip's 姓名：X line above its table is no record)."""
    for page in pages:
        best: tuple[int, Table] | None = None
        # a month cell is a month alone (2026-09, 2026年9月): a title (2026年09月工资条) anchors no record
        for anchor_key, anchor in (("month", re.compile(r"^\s*(?:" + _MONTH_ONLY.pattern + r")\s*$")),
                                   ("name", re.compile(r"^[\u4e00-\u9fff·]{2,6}$")),
                                   ("gross", re.compile(r"^\s*[¥￥]?\s*-?\d[\d,，]*(?:\.\d{1,2})?\s*元?\s*$"))):
            table = read_table(page.rows, VOCABULARY, anchor_key, anchor)
            if table is None or not table.has("gross") or not table.records:
                continue
            paid = sum(as_amount(r.get("gross") or "") is not None for r in table.records)
            if best is None or paid > best[0]:
                best = (paid, table)
        if best is not None:
            return best[1], page.page
    return None


def _by_month(pages: Sequence[PageText], labels: Sequence[str]) -> tuple[Field, Field]:
    """A table with the months as columns and the pay items as rows (several months side by side): the amount
    of the row one of `labels` heads in the column of the latest month of the header row above it, and that
    month. MISSING, MISSING when there is no such table."""
    wanted = [normalise(label) for label in labels]
    for page in pages:
        months: list[tuple[str, float]] = []  # the latest header row with two or more months: (YYYY-MM, centre x)
        for row in page.rows:
            cells = row_cells(row)
            found = [(m, c.cx) for c in cells
                     if _MONTH_ONLY.fullmatch(c.text.replace(" ", "")) and (m := _month(c.text))]
            if len(found) >= 2:
                months = found
                continue
            if not months or not cells or not any(normalise(cells[0].text).startswith(w) for w in wanted):
                continue
            values = [(c.cx, v, c.score) for c in cells[1:] if (v := as_amount(c.text)) is not None]
            if len(values) < 2:
                continue
            latest, x = max(months)
            spacing = min((abs(a[1] - b[1]) for a, b in itertools.pairwise(sorted(months, key=lambda m: m[1]))),
                          default=0.0)
            cx, value, score = min(values, key=lambda v: abs(v[0] - x))
            if abs(cx - x) > 0.5 * spacing:
                continue  # the latest month's cell is empty: another month's amount is not its
            return PageField(value, score, page.page), PageField(latest, score, page.page)
    return MISSING, MISSING


# Pay records as running text, several to a document: an SMS thread of pay notices (您2026年9月工资已于2026-10-05
# 发放…应发工资：20850.00), a tax app's list of 工资薪金 items (工资薪金 ¥20,250.00 所得期间：2026-09).
_GROSS_AMOUNT = re.compile("(?:" + "|".join(sorted(map(re.escape, (*GROSS, "工资薪金")), key=len, reverse=True))
                           + r")\s*[:：]?\s*[¥￥]?\s*" + MONEY)
# a month by itself (2026年9月, 所得期间：2026-09), not the start of a full date
_MONTH_MENTION = re.compile(r"(?<!\d)(20\d{2})\s*(?:年\s*(\d{1,2})\s*月(?!\s*\d{1,2}\s*[日号])"
                            r"|[-./](\d{1,2})(?![-./]?\d))")


def _latest_record(pages: Sequence[PageText]) -> tuple[Field, Field, Field]:
    """The gross pay, month and pay date of the most recent of several pay records in running text (gross,
    month, pay date; MISSING each when there are not two or more records of different months). The records run
    oldest first (a message thread) or newest first (an app's list): the latest is the last or the first."""
    text = "".join(page.joined for page in pages)
    grosses = [(m.start(), m.end(), value) for m in _GROSS_AMOUNT.finditer(text)
               if (value := as_amount(m.group(1))) is not None]
    months = [(m.start(), f"{m.group(1)}-{int(mo):02d}") for m in _MONTH_MENTION.finditer(text)
              if (mo := m.group(2) or m.group(3)) and 1 <= int(mo) <= 12]
    distinct = list(dict.fromkeys(month for _, month in months))
    if len(grosses) < 2 or len(distinct) < 2:
        return MISSING, MISSING, MISSING
    newest_first = distinct[0] > distinct[-1]
    index = 0 if newest_first else len(grosses) - 1
    start, end, value = grosses[index]
    # the pay date is told with the record: after the previous record's amount, up to this one's (oldest first),
    # or after this one's, up to the next record's (newest first)
    window = (end, grosses[1][0]) if newest_first else (grosses[index - 1][1], start)
    score = min(page.score for page in pages)
    pay_date = next((PageField(iso, score, None) for iso, at, _ in dates_in(text)
                     if window[0] <= at < window[1]), MISSING)
    return PageField(value, score, None), PageField(max(distinct), score, None), pay_date


def _cell_amount(text: str | None) -> float | None:
    """The amount in a record's cell: the cell itself, else its last token that is an amount when the rest is no
    pay item's label (a title or a line of the slip above may have joined the cell: 2026年09月工资条 13,750.00;
    代扣个税 42.20 is another item's label over its value)."""
    if not text:
        return None
    whole = as_amount(text)
    if whole is not None:
        return whole
    tokens = text.split()
    if any(column_key(t, VOCABULARY) for t in tokens if as_amount(t) is None):
        return None
    return next((v for token in reversed(tokens) if (v := as_amount(token)) is not None), None)


def _titled_months(page: PageText, records: Sequence[Record]) -> dict[int, tuple[str, float]]:
    """For slips printed one under another on a page (a scan of several months' slips), each record's month from
    the nearest title above it (2026年10月工资条) and where the next title starts (the end of its slip); empty
    unless the records stand under two or more different titles."""
    titles = [(row.cy, m) for row in page.rows if not dates_in(row.text) and (m := _month(row.text))
              and _MONTH.search(row.text.replace(" ", ""))]
    out: dict[int, tuple[str, float]] = {}
    for record in records:
        above = [(cy, m) for cy, m in titles if cy < record.cy]
        if above:
            below = [cy for cy, _ in titles if cy > record.cy]
            out[id(record)] = (above[-1][1], min(below, default=float("inf")))
    return out if len({m for m, _ in out.values()}) >= 2 else {}


def _pay_date_below(page: PageText, top: float, bottom: float) -> Field:
    """The pay date (发放日期 …) printed between a slip's record and the next slip's title."""
    rows = [row for row in page.rows if top < row.cy < bottom]
    return labelled([PageText(page.page, rows)], PAY_DATE_LABELS, as_single_date, below=1)


def parse(pages: Sequence[PageText]) -> dict[str, Field]:
    """Fields of a payslip: its gross pay is the monthly income."""
    found = _table(pages)
    gross: Field = MISSING
    net: Field = MISSING
    month: Field = MISSING
    name: Field = MISSING
    slip_date: Field = MISSING
    several = False  # a table of several months' pay
    records_gross, records_month, record_date = _latest_record(pages)
    if found is not None and len(found[0].records) <= 1 and records_gross.value is not None:
        found = None  # pay records in running text (a tax app's list) under a stray one-row "table" of totals
    if found is not None:
        table, on_page = found
        # the most recent month's row when the table has one row per month, else its (last) row
        # a roster's totals row (合计) sums everyone's pay: it is nobody's record
        records = [r for r in table.records if not any(_TOTALS.search(v.strip()) for v in r.cells.values())]
        # with a name column, a row that names nobody (a totals row whose 合计 went unread, a sign-off line) is no
        # one's pay
        named = [r for r in records if as_person(r.get("name") or "")]
        records = named if table.has("name") and named else records
        page = next(p for p in pages if p.page == on_page)
        titled = _titled_months(page, records) if not any(_month(r.get("month")) for r in records) else {}

        def month_of(r: Record) -> str:
            return _month(r.get("month")) or titled.get(id(r), ("", 0.0))[0]

        several = len({month_of(r) for r in records} - {""}) > 1
        latest = max(records or table.records, key=lambda r: (month_of(r), r.cy))
        paid_on = as_single_date(latest.get("pay_date") or "")
        if paid_on:  # a 发放日期 column
            slip_date = PageField(paid_on, latest.score, on_page)
        if id(latest) in titled:  # several slips on one page, each under its own month's title
            month = PageField(titled[id(latest)][0], latest.score, on_page)
            slip_date = _pay_date_below(page, latest.cy, titled[id(latest)][1])
        value = _cell_amount(latest.get("gross"))
        if value is not None:
            gross = PageField(value, latest.score, on_page)
        value = _cell_amount(latest.get("net"))
        if value is not None:
            net = PageField(value, latest.score, on_page)
        if _month(latest.get("month")):
            month = PageField(_month(latest.get("month")), latest.score, on_page)
        person = as_person(latest.get("name") or "")
        if person:
            name = PageField(person, latest.score, on_page)
    if gross.value is None:
        gross, month = _by_month(pages, GROSS)
        net = _by_month(pages, NET)[0] if gross.value is not None else net
        several = gross.value is not None
    if gross.value is None:
        gross, month = records_gross, records_month
        several = gross.value is not None
    else:
        record_date = MISSING
    if gross.value is None:
        gross = labelled(pages, GROSS, as_amount, below=1)
    if net.value is None:
        net = labelled(pages, NET, as_amount, below=1)
    if name.value is None:
        name = labelled(pages, VOCABULARY["name"], as_person, below=1)
    if name.value is None:
        name = addressee(pages)
    if name.value is None:
        name = _bare_name(pages)
    if month.value is None:
        month = labelled(pages, VOCABULARY["month"], _month, below=1)
    if month.value is None:
        for page in pages:
            m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:份)?(?:工资|薪资|薪酬)", page.joined)
            if m and iso_date(m.group(1), m.group(2), "1"):
                month = PageField(f"{m.group(1)}-{int(m.group(2)):02d}", page.score, page.page)
                break
    issue = next((f for f in (slip_date, record_date) if f.value is not None), MISSING)
    if issue.value is None:
        issue = labelled(pages, PAY_DATE_LABELS, as_single_date, below=1)
    if issue.value is None:
        issue = date_before(pages, "发放|发薪|支付|入账")
    # a table of several months is dated where it was made (制表日期); one month's slip by the date written on it
    # (a booklet's blank), never by a date labelled as the day it was printed or made
    if issue.value is None and several:
        issue = labelled(pages, MADE_DATE_LABELS, as_date, below=1)
    if issue.value is None:
        issue = last_date(pages) if several else \
            last_date(pages, before=f"{NOT_ISSUED}|{OTHER_DATE}|{_CLOCK}$", after=rf"^\s*起|^\s*{_CLOCK}")
    return {
        "name": name,
        "id_number": id_after_label(pages),
        "employer": _employer(pages),
        "monthly_income": gross,
        "annual_income": MISSING,
        "issue_date": issue,
        "pay_month": month,
        "gross_pay": gross,
        "net_pay": net,
    }


# Characters of pay items (全勤奖, 高温补贴, 车补, 餐费) that a surname can start: such a box is no name.
_PAY_ITEM = re.compile("奖|补|贴|费|税|险|扣|薪|资|计|额")


def _bare_name(pages: Sequence[PageText]) -> Field:
    """A name printed with no label near the top of the payslip (an HR app shows 张伟 A1234 under the month): a
    box that is a name alone, or a name followed by a staff number."""
    if not pages:
        return MISSING
    for row in pages[0].rows[:8]:
        for line in row.lines:
            tokens = line.text.split()
            if not tokens:
                continue
            head = re.match(r"([\u4e00-\u9fff·]{2,6}?)(?:[A-Za-z]{0,2}\d{3,})?$", tokens[0])  # 李琪明10379
            if head and is_bare_name(head.group(1)) and not _PAY_ITEM.search(head.group(1)) \
                    and all(re.fullmatch(r"[A-Za-z0-9\-]{2,}", t) for t in tokens[1:]):
                return PageField(head.group(1), line.score, pages[0].page)
    return MISSING


def _employer(pages: Sequence[PageText]) -> Field:
    """The employer: a labelled one, else the title line, else the sign-off (the last organisation named)."""
    labels = ("单位名称", "公司名称", "发放单位", "用人单位", "工作单位", "所属公司", "所属单位", "企业名称",
              "预算单位", "发薪单位", "所在单位", "扣缴义务人", "劳务分包单位", "劳务公司", "单位")
    hit = labelled(pages, labels, as_company, below=1)
    if hit.value is not None:
        return hit
    head = letterhead_company(pages)
    if head.value is not None:
        return head
    for page in pages:  # a pay notice's sender (【X】) or the company it says to contact (如有疑问请联系X人力资源部)
        for m in re.finditer(r"【|联系|咨询|致电", page.joined):
            name = as_company(page.joined[m.end():m.end() + 40])
            if name:
                return PageField(name, page.score, page.page)
    return last_company(pages)
