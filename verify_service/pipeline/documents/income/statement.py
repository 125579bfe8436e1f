"""银行流水: a bank statement of any of the common banks' column sets: separate 收入/支出 (存入/支取, 贷方/借方)
columns, one signed 交易金额 column, or an amount with a 借/贷 flag; with or without 交易时间, 币别, 渠道, 网点,
对方户名/账号 and 附言; over several pages with or without the header repeated.

A credit is salary when its 摘要 or 附言 says so (代发工资, 工资, 代发, 批量代发, 薪资 ...) or when an organisation pays
it in two or more months at a steady amount; bonus credits (奖金, 绩效, 年终) are listed with `"kind": "bonus"`
and left out of the income. `monthly_income` is the mean, over the months that have salary, of the salary
credited in each; `issue_date` is the print date (None when the statement prints none)."""

from __future__ import annotations

import difflib
import re
import statistics
from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from verify_service.pipeline.common.dates import iso_date
from verify_service.pipeline.common.layout import Row
from verify_service.pipeline.common.table import Column, Record, Table, find_header, panel_split, panels, read_table
from verify_service.pipeline.documents.income.text import (
    COMPANY,
    DATE_EN_COMPACT,
    PageField,
    PageText,
    addressee,
    as_company,
    as_date,
    as_person,
    dates_in,
    id_after_label,
    is_bare_name,
    labelled,
    last_date,
    money,
)
from verify_service.pipeline.types import MISSING, Field

VOCABULARY = {
    "date": ("交易日期", "记账日期", "入账日期", "日期", "交易日", "记账日", "交易时间日期"),
    "time": ("交易时间", "时间"),
    "desc": ("摘要", "交易摘要", "业务摘要", "交易类型", "交易说明", "业务类型", "代发项目", "交易名称"),
    "memo": ("附言", "备注", "交易附言", "用途", "商品说明"),
    "credit": ("收入", "收入金额", "存入", "存入金额", "存款", "存款金额", "收入额", "存入额", "贷方", "贷方金额",
               "贷方发生额", "转入金额", "入账金额", "收款金额"),
    "debit": ("支出", "支出金额", "支取", "支取金额", "借方", "借方金额", "借方发生额", "转出金额", "出账金额",
              "付款金额"),
    # one signed column for both directions, however the bank names it (收入/支出金额 names both: it is signed)
    "amount": ("交易金额", "金额", "发生额", "交易额", "收入支出金额", "支出收入金额", "存入支取金额", "收支金额",
               "借贷金额", "收付金额", "存取金额", "发生金额"),
    "flag": ("借贷", "借贷标志", "借贷方向", "借贷方", "收支", "收支标志", "收付", "方向", "交易方向", "资金方向",
             "记账方向", "收支其他", "收支类型"),
    "balance": ("余额", "账户余额", "联机余额", "可用余额", "本次余额", "结余", "结余金额", "存款余额"),
    "counterparty": ("对方户名", "对方名称", "对方信息", "对方账户名", "对方帐户名", "交易对方", "对手方", "对方",
                     "对手信息", "对手户名", "对手名称", "交易对手", "对手", "收付款人", "收款人付款人",
                     "对方账号与户名", "对方帐号与户名", "对方账号户名", "对方户名账号", "代发单位", "付款单位",
                     "付款人", "汇款人", "付款方"),
    # the other party's account number, a column of its own beside its name in some banks' statements
    "counterparty_account": ("对方账号", "对方帐号", "对方账户", "对方帐户", "对方卡号", "对手账号", "对手帐号",
                             "付款方账号", "付款人账号", "付款账号", "汇款人账号"),
    "currency": ("币别", "币种"),
    "channel": ("渠道", "交易渠道", "网点", "交易网点"),
    # how a payment app's user paid or was paid (零钱, a bank card): not the other party
    "method": ("交易方式", "收付款方式", "支付方式", "付款方式", "收款方式"),
}
MONEY_KEYS = ("credit", "debit", "amount", "balance")
CREDITS_ONLY = "入账明细|代发明细|代发工资流水|代发薪资入账|收入明细|入账记录|工资入账"
HOLDER_LABELS = ("账户名称", "账户户名", "客户姓名", "客户名称", "账户名", "开户名", "持卡人", "户名", "户主", "姓名")
PRINT_DATE_LABELS = ("打印日期", "打印时间", "出具日期", "出具时间", "结单日期", "账单日期", "对账日期",
                     "制单日期", "制表日期", "制表时间", "开具日期",
                     "生成日期", "生成时间", "导出日期", "导出时间", "下载日期", "查询日期", "申请时间", "申请日期",
                     "出单日期", "开具时间")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-./年]?\s*(\d{1,2})\s*[-./月]?\s*(\d{1,2})")
# a transaction's date at the start of its cell: 2026-10-08, 2026年10月8日, 20261008, or a passbook's 26.10.08
_SHORT = r"(\d{2})[-./](0?[1-9]|1[0-2])[-./](0?[1-9]|[12]\d|3[01])(?![\d.])"  # a passbook's 26.10.08
# (a spreadsheet's row number may run into the date: 202026-10-10 is row 20's 2026-10-10)
_ANCHOR = re.compile(r"^\s*(?:\d{1,3}(?=(?:19|20)\d{2}\s*[-./年]))?\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}"
                     r"|^\s*20\d{6}(?!\d)|^\s*" + _SHORT
                     + "|^\\s*(?i:" + DATE_EN_COMPACT.pattern + ")")
_SHORT_DATE = re.compile(_SHORT)
_SALARY = re.compile("代发工资|工资|代发|批量代发|薪资|代发薪|薪金|薪酬|发薪")
_BONUS = re.compile("奖金|绩效|年终奖|年终|季度奖|提成")
_AMOUNT = re.compile(r"[+\-]?\d{1,3}(?:[,，]\d{3})+(?:\.\d{1,2})?|[+\-]?\d+\.\d{1,2}|[+\-]?\d+")
STEADY = 0.35  # an organisation's credits count as salary when they stay within this share of their median
# what the words say a credit from the employer is when it is not pay: a reimbursement, a refund, a loan
_NOT_SALARY = re.compile("报销|退款|退货|还款|借款|结息|利息|冲正|退回")
MIN_SALARY = 500.0  # yuan: smaller recurring credits (refunds, interest) are not salary


def _date(text: str | None) -> str | None:
    """The ISO date at the start of a date cell."""
    if not text:
        return None
    compact = text.replace(" ", "")
    for start in range(min(4, len(compact))):  # past a row number that ran into the date (202026-10-10)
        m = _DATE.match(compact, start)
        if m and (iso := iso_date(*m.groups())):
            return iso
    for token in text.split():  # a passbook's two-digit year, maybe after a row number in the same cell
        short = _SHORT_DATE.match(token)
        if short:
            return iso_date("20" + short.group(1), short.group(2), short.group(3))
    hits = dates_in(text.strip())  # a foreign bank's 24OCT26 or 01 Jul 2026
    return hits[0][0] if hits and hits[0][1] == 0 else None


def _amount(text: str | None) -> Decimal | None:
    """The signed amount in a cell (a full-width or typographic minus, or brackets, mark a debit too)."""
    if not text:
        return None
    text = text.replace(" ", "").replace("－", "-").replace("−", "-")
    if re.fullmatch(r"[（(][\d,.]+[）)]", text):
        text = "-" + text.strip("（）()")
    m = _AMOUNT.search(text)
    if not m:
        return None
    value = money(m.group(0).lstrip("+"))
    return None if value is None else Decimal(str(value))


def _credit(record: Record, signed: bool) -> Decimal | None:
    """The amount credited by a row, or None for a debit or a row that says neither."""
    if "credit" in record.cells or "debit" in record.cells:
        value = _amount(record.get("credit"))
        return abs(value) if value else None
    raw = record.get("amount")
    value = _amount(raw)
    if value is None or value == 0:
        return None
    flag = record.get("flag")
    if flag:
        # a payment app's 不计收支 or 其他 (a withdrawal to the card, a fund's yield) is neither direction
        if re.search("不计|其他", flag):
            return None
        if re.search("贷|收|存|入", flag) or re.fullmatch(r"\s*(?:C|CR|Cr|\+)\s*", flag):
            return abs(value)
        return None
    if value < 0 or (raw or "").strip().startswith(("-", "－", "−")):
        return None
    mark = re.search(r"(CR|DR)\s*$", (raw or "").upper())  # 8,500.00 CR is credited, 120.50 DR debited
    if mark:
        return value if mark.group(1) == "CR" else None
    # unsigned amounts are credits only in a statement that marks its debits with a minus
    return value if signed or (raw or "").strip().startswith("+") else None


def _rows(pages: Sequence[PageText]) -> list[tuple[int, Record]]:
    """Every transaction row of the statement's table, page by page (a page without its own header continues
    the previous page's columns)."""
    rows: list[tuple[int, Record]] = []
    columns: list[list[Column] | None] = [None]  # each panel's columns, for a next page without a header
    split: float | None = None
    for page in pages:
        # a page printed as two panels side by side is read as two tables, the left one first; a page without a
        # header of its own goes on with the previous page's panels
        header = find_header(page.rows, VOCABULARY)
        split = panel_split(header[1]) if header is not None else split
        sides = panels(page.rows, split) if split is not None else [list(page.rows)]
        columns = columns if len(columns) == len(sides) else [columns[0]] * len(sides)
        earlier = {_same_row(r) for p, r in rows if p < page.page}
        for side, side_rows in enumerate(sides):
            table = _table(side_rows, columns[side])
            if table is None:
                continue
            columns[side] = table.columns
            # a row printed again at the top of the next page (a spreadsheet's repeated rows, an overlapping
            # screenshot) is one transaction: same date, same amounts, same balance
            rows += [(page.page, r) for r in table.records
                     if _date(r.get("date")) and not (r.get("balance") and _same_row(r) in earlier)]
    return rows or _list_rows(pages) or _receipts(pages)


def _table(rows: Sequence[Row], columns: list[Column] | None) -> Table | None:
    """The transactions table in these rows (or the rows of a table whose header was on an earlier page)."""
    table = read_table(rows, VOCABULARY, "date", _ANCHOR, columns=columns, numeric_keys=MONEY_KEYS)
    if table is None:
        return None
    keys = {c.key for c in table.columns}
    if "date" not in keys and "time" in keys:
        # no date column: a payment app's 交易时间 holds the date and the time (2026-08-10 11:40:55)
        timed = read_table(rows, VOCABULARY, "time", _ANCHOR, columns=columns, numeric_keys=MONEY_KEYS)
        if timed is not None and timed.records:
            for record in timed.records:
                record.cells["date"] = record.cells.pop("time", "")
            return timed
    return table


# A bank's electronic receipts (电子回单) of credits, several to a page: label and value boxes, one receipt after
# another; a receipt ends where a label it already has appears again.
_RECEIPT_LABELS = {"amount": re.compile(r"^(?:交易|小写|入账)?金额(?:\(小写\)|（小写）)?[:：]?"),
                   "date": re.compile(r"^(?:记账|交易|入账|转账)日期[:：]?"),
                   "desc": re.compile(r"^(?:摘要|用途|附言)[:：]?")}
_RECEIPT_AMOUNT = re.compile(r"[¥￥]\s*\d[\d,]*(?:\.\d{1,2})?")


def _receipts(pages: Sequence[PageText]) -> list[tuple[int, Record]]:
    """The credits of a page of receipts (代发业务电子回单: 金额 … ¥24,920.00, 摘要 工资, 记账日期 2026-07-22): each
    receipt's amount (the ¥ amount on its 金额 row), date and words, as records of credits."""
    if not any("回单" in page.joined for page in pages):
        return []
    out: list[tuple[int, Record]] = []
    for page in pages:
        current: dict[str, str] = {}
        receipts = [current]
        for row in page.rows:
            texts = [re.sub(r"\s+", "", ln.text) for ln in row.lines]
            for i, text in enumerate(texts):
                for key, label in _RECEIPT_LABELS.items():
                    m = label.match(text)
                    if m is None:
                        continue
                    rest = text[m.end():] or (texts[i + 1] if i + 1 < len(texts) else "")
                    if key == "amount":
                        found = _RECEIPT_AMOUNT.search("".join(texts[i:]))
                        rest = found.group(0) if found else ""
                    if not rest:
                        continue
                    if key == "desc":  # 摘要 and 用途 both say what the credit is
                        current[key] = current.get(key, "") + rest
                        continue
                    if key in current:
                        current = {}
                        receipts.append(current)
                    current[key] = rest
        for receipt in receipts:
            date = _date(receipt.get("date"))
            if date and receipt.get("amount"):
                out.append((page.page, Record(cells={"date": date, "credit": receipt["amount"].lstrip("¥￥"),
                                                     "desc": receipt.get("desc", "")}, score=page.score)))
    return out


def _same_row(record: Record) -> tuple:
    """What makes two records the same transaction: the date and every money cell."""
    return (_date(record.get("date")), *(re.sub(r"[\s,，]", "", record.get(k) or "") for k in sorted(MONEY_KEYS)))


# A phone banking app's list has no table: each item is a line with a signed amount (转账存入  +3,700.00) and a
# line with its day (10-05 16:40 or 10月5日) under a month heading (2026年10月) or within the query period.
_SIGNED = re.compile(r"^[+\-－]\s*[¥￥]?\s*\d{1,3}(?:,\d{3})*(?:\.\d{2})$|^[+\-－]\s*[¥￥]?\s*\d+\.\d{2}$")
_MONTH_HEADING = re.compile(r"^\s*(20\d{2})\s*[年\-./]\s*(\d{1,2})\s*月?\s*$")
_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?(?:(?!\d)|(?=\d{1,2}:\d{2}))")
_YEAR = re.compile(r"(20\d{2})\s*[-./年]\s*\d{1,2}")
_DAY_HEADING = re.compile(r"^(\d{1,2})月(\d{1,2})日(?:星期|周)?[一二三四五六日天]?(?:今天|昨天)?$")


def _list_rows(pages: Sequence[PageText]) -> list[tuple[int, Record]]:
    """The items of a statement printed as a list (no header row): each row with one signed amount, with the
    rows next to it up to the next item's, dated by the day they print and the month heading above them."""
    out: list[tuple[int, Record]] = []
    year = next((m.group(1) for p in pages[:1] for m in [_YEAR.search(p.joined)] if m), None)
    heading_year: str | None = None  # the year of the month heading the items stand under (2026年10月)
    for page in pages:
        # (row index, amount, its rows' texts, year, the day heading it stands under)
        items: list[tuple[int, str, list[str], str | None, re.Match | None]] = []
        heading_day: re.Match | None = None  # an app that groups items under their day (10月11日 星期日)
        for i, row in enumerate(page.rows):
            texts = [ln.text.strip() for ln in row.lines]
            head = next((m for t in texts if (m := _MONTH_HEADING.match(t))), None)
            if head:
                heading_year = head.group(1)
                continue
            day_head = _DAY_HEADING.match(re.sub(r"\s+", "", row.text))
            if day_head:
                heading_day = day_head
                continue
            signed = [t for t in texts if _SIGNED.match(t.replace(" ", ""))]
            if len(signed) == 1:
                items.append((i, signed[0], [t for t in texts if t != signed[0]], heading_year or year, heading_day))
            elif items and not signed and i == items[-1][0] + 1:
                items[-1][2].extend(texts)  # the item's second line: its day, the other party, the 附言
        for _, amount, texts, y, under in items:
            text = " ".join(texts)
            full = dates_in(text)
            day = _DAY.search(text) or under
            iso = full[0][0] if full else iso_date(y, day.group(1), day.group(2)) if y and day else None
            if iso is None:
                continue
            words = re.sub(r"余额\s*[¥￥]?[\d,.]+", "", text)
            out.append((page.page, Record(cells={"date": iso, "amount": amount.replace(" ", ""), "memo": words},
                                          score=page.score)))
    return out


def _organisation(counterparty: str | None) -> str | None:
    """A key for a counterparty that is an organisation (its first Chinese characters, so that a name cut off
    in one row still meets itself in another), or None for a person, a bank or nothing."""
    chars = "".join(re.findall(r"[\u4e00-\u9fff]", counterparty or ""))
    if len(chars) < 6 or "银行" in chars:
        return None
    if as_company(chars) is None and not re.search("有限|股份|集团|公司|研究|大学|医院|学校|事务所", chars):
        return None
    return chars


def _same_payer(a: str, b: str) -> bool:
    """Two readings of one organisation's name: OCR may drop or change a character, a cell may cut it off."""
    match = difflib.SequenceMatcher(None, a, b).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(6, len(a), len(b))


# A print whose 摘要 is a code explains its codes in a legend at the foot (摘要代码说明：DF-代发工资 JJ-奖金 …).
_LEGEND_ENTRY = re.compile(r"(?<![A-Za-z])([A-Za-z]{2,4})\s*[-－—:：=]\s*([\u4e00-\u9fff]{2,8})")


def _legend(pages: Sequence[PageText]) -> dict[str, str]:
    """The meanings of a statement's 摘要 codes, from a legend that says it explains them (代码, 说明)."""
    out: dict[str, str] = {}
    for page in pages:
        text = page.joined
        at = re.search("代码说明|代码含义|摘要代码|代码释义|代码表", text)
        if at:
            out.update({code.upper(): meaning for code, meaning in _LEGEND_ENTRY.findall(text[at.start():])})
    return out


def credits_of(pages: Sequence[PageText]) -> list[dict[str, Any]]:
    """Salary and bonus credits: {date, amount, page, confidence, kind: salary | bonus}."""
    rows = _rows(pages)
    # unsigned amounts are credits in a statement that marks its debits with a minus, and in a list of credits
    # only (a bank's 代发工资入账明细)
    signed = any((r.get("amount") or "").strip().startswith("-") for _, r in rows) or bool(
        pages and re.search(CREDITS_ONLY, pages[0].joined))
    legend = _legend(pages)
    credits: list[dict[str, Any]] = []
    for page, record in rows:
        amount = _credit(record, signed)
        date = _date(record.get("date"))
        if amount is None or date is None:
            continue
        # what the record says it is: every text cell but the counterparty's name (a photo's perspective may move
        # 摘要 into the next column)
        words = "".join(v for k, v in record.cells.items()
                        if k not in MONEY_KEYS and k not in ("counterparty", "date", "time", "balance"))
        words += "".join(legend.get(token.upper(), "") for token in re.findall(r"[A-Za-z]{2,4}", words))
        # the payer: the counterparty column, else an organisation named anywhere in the record (转账 XX有限公司 in
        # 摘要, or a second line of the record under columns of its own)
        payer = _organisation(record.get("counterparty"))
        if payer is None and "counterparty" not in record.cells:
            text = "".join(v for k, v in record.cells.items() if k not in MONEY_KEYS)
            named = COMPANY.search(re.sub(r"\s+", "", text))
            payer = _organisation(named.group(0)) if named else None
        credits.append({"date": date, "amount": float(amount), "page": page, "confidence": record.score,
                        "words": words, "payer": payer})
    out = []
    by_payer: dict[str, list[dict]] = defaultdict(list)
    for credit in credits:
        if _BONUS.search(credit["words"]):
            out.append({**credit, "kind": "bonus"})
        elif _SALARY.search(credit["words"]):
            out.append({**credit, "kind": "salary"})
        elif credit["payer"] and not _NOT_SALARY.search(credit["words"]):
            key = next((k for k in by_payer if _same_payer(k, credit["payer"])), credit["payer"])
            by_payer[key].append(credit)
    # An organisation whose credits are steady salary-sized amounts over two or more months pays a salary; so
    # does one that already pays a salary the words name, when the amount is like that salary.
    salaries: dict[str, list[float]] = defaultdict(list)
    for c in out:
        if c["kind"] == "salary" and c["payer"]:
            salaries[c["payer"]].append(c["amount"])
    known = {payer: statistics.median(paid) for payer, paid in salaries.items()}
    for payer, paid in by_payer.items():
        salary = next((amount for name, amount in known.items() if _same_payer(name, payer)), None)
        median = salary or statistics.median(c["amount"] for c in paid)
        steady = [c for c in paid if abs(c["amount"] - median) <= STEADY * median and c["amount"] >= MIN_SALARY]
        if len({c["date"][:7] for c in steady}) >= (1 if salary else 2):
            out += [{**c, "kind": "salary"} for c in steady]
    # A statement of one month (an image of one page of a monthly statement) cannot show a payer paying month
    # after month: when nothing else names a salary, the one organisation that pays a salary-sized sum does.
    months = {d[:7] for d in (_date(r.get("date")) for _, r in rows) if d}
    payers = [paid for paid in by_payer.values() if any(c["amount"] >= MIN_SALARY for c in paid)]
    if len(months) == 1 and len(payers) == 1 and not any(c["kind"] == "salary" for c in out):
        out += [{**c, "kind": "salary"} for c in payers[0] if c["amount"] >= MIN_SALARY]
    out.sort(key=lambda c: (c["page"], c["date"]))
    return [{k: v for k, v in c.items() if k not in ("words", "payer")} for c in out]


# A foreign or joint-venture bank's address block: the romanised name, then the Chinese one (LI XIA 李霞).
_ROMANISED_NAME = re.compile(r"^[A-Z][A-Za-z]+(?:[ \-][A-Z][A-Za-z]+){1,3}\s*([\u4e00-\u9fff·]{2,4})$")


def _holder(pages: Sequence[PageText]) -> Field:
    """The account holder: after 户名/客户姓名, else the person a bank's letter certifies (兹证明X在我行开立...),
    else the person an online bank's page greets (您好，X！), else a romanised name with its Chinese one at the
    top of page 1 (LI XIA 李霞)."""
    found = labelled(pages, HOLDER_LABELS, as_person, below=0)
    if found.value is not None:
        return found
    for page in pages:
        m = re.search(r"(?:兹证明|兹有)[:：]?([\u4e00-\u9fff·]{2,12})", page.joined)
        name = as_person(m.group(1)) if m else None
        if name and is_bare_name(name):
            return PageField(name, page.score, page.page)
    greeted = addressee(pages)
    if greeted.value is not None:
        return greeted
    for row in pages[0].rows[:12] if pages else []:
        for line in row.lines:
            m = _ROMANISED_NAME.match(line.text.strip())
            if m and is_bare_name(m.group(1)):
                return PageField(m.group(1), line.score, pages[0].page)
    return MISSING


# A web browser's print header: the date and time the page was printed, first on the sheet (2026/10/23 10:24,
# or with a two-digit year 26/10/23 10:24; OCR may drop the space: 2026/10/917:23).
_BROWSER_STAMP = re.compile(r"^((?:20)?\d{2})/(\d{1,2})/(\d{1,2}?)\s*(?:\d{2}|\s\d):\d{2}\b")


def _print_date(pages: Sequence[PageText]) -> Field:
    """The print date: after its label (打印日期, 打印时间, 出具日期 ...), else a date a sentence says the statement
    was printed or issued on (本流水于2026年11月20日打印, 打印于2026-11-20)."""
    found = labelled(pages, PRINT_DATE_LABELS, as_date, below=1)
    if found.value is not None:
        return found
    for page in pages:
        text = page.joined
        for iso, start, end in dates_in(text):
            if re.search(r"(?:打印|出具|生成|导出)于[:：]?$", text[max(0, start - 4):start]) \
                    or re.match(r"(?:\d{1,2}:\d{2}(?::\d{2})?)?(?:打印|出具|生成|导出)", text[end:end + 12]):
                return PageField(iso, page.score, page.page)
    if any("特此证明" in page.joined for page in pages):
        return last_date(pages)  # a bank's letter about the account, dated where it signs
    for page in pages:
        first_line = page.rows[0].lines[0] if page.rows else None
        m = _BROWSER_STAMP.match(first_line.text.strip()) if first_line else None
        if first_line and m:
            year = m.group(1) if len(m.group(1)) == 4 else "20" + m.group(1)
            stamped = iso_date(year, m.group(2), m.group(3))
            if stamped:
                return PageField(stamped, first_line.score, page.page)
    return MISSING


def parse(pages: Sequence[PageText]) -> tuple[dict[str, Field], list[dict]]:
    """Fields of a bank statement and its salary and bonus credits."""
    credits = credits_of(pages)
    by_month: dict[str, Decimal] = {}
    for credit in credits:
        if credit["kind"] == "salary":
            month = credit["date"][:7]
            by_month[month] = by_month.get(month, Decimal(0)) + Decimal(str(credit["amount"]))
    monthly: Field = MISSING
    salary: Field = MISSING
    if by_month:
        average = (sum(by_month.values(), Decimal(0)) / len(by_month)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        confidence = float(min(c["confidence"] for c in credits if c["kind"] == "salary"))
        monthly = Field(float(average), confidence)
        salary = Field({m: float(v) for m, v in sorted(by_month.items())}, confidence)
    fields = {"name": _holder(pages), "id_number": id_after_label(pages),
              "employer": MISSING, "monthly_income": monthly, "annual_income": MISSING,
              "issue_date": _print_date(pages), "salary_by_month": salary}
    for credit in credits:
        credit.pop("confidence")
    return fields, credits
