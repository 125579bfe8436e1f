"""Income proofs in many layout families: 收入证明 letters and forms, 工资条 payslips and 银行流水 statements, each
family modelled on a kind of real Chinese document (see /work/shared/docs/DOMAIN.md, "Income proofs").

A family is one layout: a function that draws A4 pages (1240x1754 at 150 dpi; a wide payslip is landscape) with
PIL and says which fields the document states. About a third of the families of each kind are HELD OUT: chosen
because they differ in structure from the rest, they are only used for the final figure, never for development.

    from sample_docs import income_families as fam
    doc = fam.make("cert_signature_block", seed=3)        # a Doc; `pages, expected = doc` also works
    data, suffix = fam.render(doc, "photo")               # bytes to upload, ".png" | ".jpg" | ".pdf"
    want = fam.expected_for(doc, "photo")                 # the expected JSON for that upload

Variants: "scan" (clean PNG of page 1), "photo" (phone photo of page 1), "pdf" (every page, an image PDF like
generate_income.py makes). An image shows page 1 only, so for a document of several pages the expected fields
of an image variant are those page 1 states (a statement's monthly income over the rows page 1 shows).

Expected fields: name, id_number (None when not stated in full), employer (None when not stated), monthly_income
(yuan; certificates: the monthly figure, 税前 when both are given, annual / 12 when only a year is stated;
payslips: 应发 gross of the most recent month; statements: mean over the months with salary credits of the sum of
the salary credits (not bonuses, not reimbursements) in that month), issue_date (the letter's date; the payslip's
pay date, or the date a multi-month table is dated; the statement's print date; None when not stated).

Every person, employer and amount is invented. Bank names are real banks (the column sets are modelled on them).

    python -m sample_docs.income_families --out /tmp/families --per-family 1 --seed 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import json
import math
import random
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sample_docs import generate, generate_income
from sample_docs.generate import SANS, SANS_BOLD, make_person, photograph

TODAY = generate.TODAY
PAGE_W, PAGE_H = generate_income.PAGE_W, generate_income.PAGE_H
SERIF = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
SERIF_BOLD = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"
INK = (25, 25, 25)
GREY = (95, 95, 95)
GRID = (70, 70, 70)
PEN = (28, 48, 138)  # filled-in values on a printed form
KINDS = ("income_certificate", "payslip", "bank_statement")
VARIANTS = ("scan", "photo", "pdf")

EMPLOYERS = [
    *generate_income.COMPANIES,
    "苏州工业园区恒信精密制造有限公司", "天津瑞丰化工股份有限公司", "厦门鹭岛文化传媒有限公司",
    "青岛海悦食品有限公司", "西安秦川电子科技股份有限公司", "长沙湘江教育咨询有限公司",
    "重庆山城汽车零部件有限公司", "华辰（北京）信息技术有限公司", "中科启明（上海）生物医药有限公司",
    "宁波东港国际贸易有限公司", "合肥晨光新能源科技有限公司", "郑州中原物产集团有限公司",
    "昆明彩云旅游开发有限责任公司", "济南泉城建筑设计研究院有限公司", "福州闽江纺织有限公司",
    "大连北方海运股份有限公司", "无锡太湖半导体有限公司", "沈阳盛京机械制造有限公司",
    "南昌赣鄱医疗器械有限公司", "东莞松湖智造科技有限公司", "上海信诚会计师事务所（普通合伙）",
    "北京朗润律师事务所", "佛山顺德美居家具集团", "珠海横琴云帆科技有限公司",
]
DEPARTMENTS = [
    *generate_income.DEPARTMENTS,
    ("研发中心", "高级工程师"), ("质量部", "质检员"), ("行政部", "行政助理"), ("采购部", "采购专员"),
    ("客服中心", "客服主管"), ("生产部", "车间主任"), ("法务部", "法务专员"), ("设计部", "设计师"),
    ("审计部", "审计专员"), ("物流部", "调度员"),
]
BANKS = [*generate_income.BANKS, "中国农业银行", "交通银行", "中国邮政储蓄银行", "兴业银行", "浦发银行"]
CARD_BINS = ["6222", "6217", "6214", "6228", "6225", "6230", "6212"]
SALARY_WORDS = ["代发工资", "工资", "代发", "批量代发", "薪资", "代发薪"]
BONUS_WORDS = ["奖金", "绩效奖金", "绩效", "代发奖金", "季度奖"]
SPEND = [("消费", "财付通-美团"), ("快捷支付", "支付宝-淘宝"), ("网上支付", "京东商城"), ("POS消费", "永辉超市"),
         ("消费", "中国石化加油站"), ("快捷支付", "滴滴出行"), ("网上支付", "拼多多"), ("消费", "国家电网"),
         ("缴费", "中国移动"), ("POS消费", "华润万家"), ("快捷支付", "携程旅行")]
CHANNELS = ["手机银行", "网上银行", "柜面", "ATM", "批量", "第三方支付", "POS"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]


# --------------------------------------------------------------------------------------------------- basics


@functools.lru_cache(maxsize=256)
def font(path: str, size: int) -> ImageFont.FreeTypeFont:
    """A cached font; index 2 of the Noto CJK collections is Simplified Chinese."""
    return generate._font(path, size)


def to_words(value: Decimal, yuan: str = "元", whole: str = "整") -> str:
    """An amount in 大写: 12000 -> 壹万贰仟元整, 100005000.5 -> 壹亿零伍仟元伍角 (written here, independently of the
    service, so that the generator does not borrow the code under test)."""
    digits = "零壹贰叁肆伍陆柒捌玖"
    cents = int((value * 100).quantize(Decimal(1), ROUND_HALF_UP))
    integer, jiao, fen = cents // 100, cents // 10 % 10, cents % 10

    def group(g: int) -> str:
        out, zero = "", False
        for unit, ch in zip(("仟", "佰", "拾", ""), f"{g:04d}"):
            if ch == "0":
                zero = bool(out)
                continue
            out += ("零" if zero else "") + digits[int(ch)] + unit
            zero = False
        return out

    groups = []
    while integer:
        groups.append(integer % 10000)
        integer //= 10000
    out, need_zero = "", False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or g < 1000):
            out += "零"
        need_zero = False
        out += group(g) + ("", "万", "亿", "万亿")[idx]
    if not out and not (jiao or fen):
        out = "零"
    out += yuan if out else ""
    if jiao == 0 and fen == 0:
        return out + whole
    if jiao:
        out += digits[jiao] + "角"
    if fen:
        out += ("零" if not jiao and out else "") + digits[fen] + "分"
    return out


def money(value: Decimal, thousands: bool = True, decimals: int = 2) -> str:
    """12000 -> 12,000.00 (or 12000.00, or 12000)."""
    return f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"


def fmt_date(day: dt.date, how: str) -> str:
    """A date the way documents write it."""
    return {
        "cn": f"{day.year}年{day.month}月{day.day}日",
        "cn0": f"{day.year}年{day.month:02d}月{day.day:02d}日",
        "cnspace": f"{day.year} 年 {day.month} 月 {day.day} 日",
        "iso": day.isoformat(),
        "dot": f"{day:%Y.%m.%d}",
        "slash": f"{day:%Y/%m/%d}",
        "compact": f"{day:%Y%m%d}",
    }[how]


def fmt_month(day: dt.date, how: str) -> str:
    """A pay month the way payslips write it."""
    return {"cn": f"{day.year}年{day.month}月", "cn0": f"{day.year}年{day.month:02d}月", "iso": f"{day:%Y-%m}",
            "dot": f"{day:%Y.%m}", "slash": f"{day:%Y/%m}", "compact": f"{day:%Y%m}"}[how]


def add_months(day: dt.date, k: int) -> dt.date:
    """The first of the month k months after day's month."""
    index = day.year * 12 + day.month - 1 + k
    return dt.date(index // 12, index % 12 + 1, 1)


def month_end(first: dt.date) -> dt.date:
    return add_months(first, 1) - dt.timedelta(days=1)


def phone(rng: random.Random) -> str:
    area = rng.choice(["010", "021", "020", "0755", "0571", "025", "028", "027", "023", "029"])
    return f"{area}-{rng.randint(5, 8)}{rng.randrange(10**6, 10**7)}"


def card_number(rng: random.Random, masked: bool) -> str:
    number = rng.choice(CARD_BINS) + "".join(str(rng.randrange(10)) for _ in range(15))
    if masked:
        return number[:6] + "*" * 9 + number[-4:]
    return " ".join(number[i:i + 4] for i in range(0, 19, 4)) if rng.random() < 0.4 else number


def mask_id(id_number: str) -> str:
    return id_number[:6] + "********" + id_number[-4:]


def company_address(rng: random.Random) -> str:
    _, prefix, _ = rng.choice(generate.REGIONS)
    return (f"{prefix}{rng.choice(generate.STREETS)}{rng.randint(1, 399)}号"
            + rng.choice(["", f"{rng.choice('东西南北中')}楼{rng.randint(2, 28)}层",
                          f"{rng.randint(1, 9)}号楼{rng.randint(101, 1808)}室"]))


def person_name(rng: random.Random) -> str:
    return rng.choice(generate.SURNAMES) + "".join(rng.choice(generate.GIVEN) for _ in range(rng.choice((1, 2))))


@dataclass
class Style:
    """Typographic choices drawn per document: font, size, margin, label colon, money and date formats."""

    serif: bool
    size: int
    margin: int
    colon: str
    thousands: bool
    currency: str  # "人民币" | "¥" | "￥" | "" (always followed by 元 except for ¥/￥)
    date: str

    def f(self, size: int | None = None, bold: bool = False, serif: bool | None = None) -> ImageFont.FreeTypeFont:
        use_serif = self.serif if serif is None else serif
        path = (SERIF_BOLD if bold else SERIF) if use_serif else (SANS_BOLD if bold else SANS)
        return font(path, size or self.size)

    def lab(self, label: str) -> str:
        """A label with this document's colon ("：", ":" or a space)."""
        return label + (self.colon or " ")

    def num(self, value: Decimal, decimals: int = 2) -> str:
        return money(value, self.thousands, decimals)

    def amount(self, value: Decimal, decimals: int = 2) -> str:
        """12,000.00 with this document's currency marks: 人民币12,000.00元, ¥12,000.00, 12,000.00元."""
        digits = self.num(value, decimals)
        if self.currency in ("¥", "￥"):
            return f"{self.currency}{digits}"
        return f"{self.currency}{digits}元"

    def day(self, day: dt.date) -> str:
        return fmt_date(day, self.date)


def make_style(rng: random.Random, sizes: tuple[int, int] = (27, 34), dates: tuple[str, ...] | None = None,
               serif_p: float = 0.5) -> Style:
    return Style(
        serif=rng.random() < serif_p,
        size=rng.randint(*sizes),
        margin=rng.randint(100, 170),
        colon=rng.choices(["：", ":", ""], [6, 2, 1])[0],
        thousands=rng.random() < 0.65,
        currency=rng.choice(["人民币", "人民币", "¥", "￥", ""]),
        date=rng.choice(dates or ("cn", "cn", "cn", "cn0", "iso", "dot", "slash")),
    )


def blank_page(size: tuple[int, int] = (PAGE_W, PAGE_H)) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    page = Image.new("RGB", size, (252, 252, 250))
    return page, ImageDraw.Draw(page)


_TOKEN = re.compile(r"[A-Za-z0-9.,:/\-+¥￥%*@_]+|\s|.")
_NO_LINE_START = set("，。、；：:）)」』》！？,.%")


def wrap(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Wrap to a pixel width as a word processor does Chinese: any character may break, runs of Latin letters and
    digits stay together, and closing punctuation never starts a line."""
    lines, cur = [], ""
    for tok in _TOKEN.findall(text):
        if cur and fnt.getlength(cur + tok) > width:
            if tok not in _NO_LINE_START:
                lines.append(cur)
                cur = tok.lstrip()
            elif len(cur) > 1 and cur[-1] not in _NO_LINE_START and not cur[-1].isascii():
                lines.append(cur[:-1])  # closing punctuation may not start a line: the character before goes too
                cur = cur[-1] + tok
            else:
                cur += tok
        else:
            cur += tok
    if cur:
        lines.append(cur)
    return lines


def paragraphs(d: ImageDraw.ImageDraw, x: int, y: int, width: int, paras: list[str], fnt: ImageFont.FreeTypeFont,
               leading: float = 1.75, indent: bool = True, fill: tuple[int, int, int] = INK) -> int:
    """Draw paragraphs (first line indented two characters); return the y under them."""
    step = int(fnt.size * leading)
    for para in paras:
        for line in wrap(("　　" if indent else "") + para, fnt, width):
            d.text((x, y), line, font=fnt, fill=fill)
            y += step
    return y


def seal(d: ImageDraw.ImageDraw, cx: float, cy: float, r: int, name: str) -> None:
    generate_income._seal(d, int(cx), int(cy), r, name)


Cell = str | tuple[str, int]


def table(d: ImageDraw.ImageDraw, x: int, y: int, widths: list[int], rows: Sequence[Sequence[Cell]],
          fnt: ImageFont.FreeTypeFont, row_h: int | list[int], *, head: ImageFont.FreeTypeFont | None = None,
          head_rows: int = 1, aligns: str | None = None, grid: str = "full", pad: int = 10,
          line: tuple[int, int, int] = GRID, lw: int = 2, head_fill: tuple[int, int, int] | None = None) -> int:
    """Draw a table; a cell is text (lines split on \\n) or (text, column span). grid = full | rules | none.
    aligns: one of l/c/r per column for body rows (header rows are centred). Returns the y under the table."""
    top = y
    for r, row in enumerate(rows):
        h = row_h[r] if isinstance(row_h, list) else row_h
        is_head = r < head_rows and head is not None
        if is_head and head_fill:
            d.rectangle((x, y, x + sum(widths), y + h), fill=head_fill)
        cx, col = x, 0
        for cell in row:
            text, span = (cell, 1) if isinstance(cell, str) else cell
            w = sum(widths[col:col + span])
            if grid == "full":
                d.rectangle((cx, y, cx + w, y + h), outline=line, width=lw)
            f = head if head is not None and is_head else fnt
            lines = text.split("\n") if text else []
            avail = w - 2 * pad + 4
            if len(lines) == 1 and f.getlength(lines[0]) > avail:
                shrunk = _fit(lines, f, avail)
                if shrunk.size < f.size * 0.85:  # a long name wraps onto two lines rather than shrinking to dust
                    f2 = f
                    while f2.size > 12:
                        two = wrap(lines[0], f2, avail)
                        if len(two) <= 2 and 2 * int(f2.size * 1.2) <= h - 4:
                            lines, shrunk = two, f2
                            break
                        f2 = font(str(f2.path), f2.size - 1)
                f = shrunk
            elif lines:
                f = _fit(lines, f, avail)
            step = int(f.size * (1.2 if len(lines) > 1 else 1.25))
            ty = y + (h - step * len(lines)) / 2 + f.size * 0.1
            align = "c" if is_head else (aligns[col] if aligns else "l")
            for ln in lines:
                if align == "l":
                    d.text((cx + pad, ty), ln, font=f, fill=INK)
                elif align == "c":
                    d.text((cx + w / 2, ty), ln, font=f, fill=INK, anchor="ma")
                else:
                    d.text((cx + w - pad, ty), ln, font=f, fill=INK, anchor="ra")
                ty += step
            cx += w
            col += span
        y += h
        if grid == "rules" and (r == head_rows - 1 or r == len(rows) - 1):
            d.line((x, y, x + sum(widths), y), fill=line, width=lw)
    if grid == "rules":
        d.line((x, top, x + sum(widths), top), fill=line, width=lw)
    return y


def _fit(lines: list[str], f: ImageFont.FreeTypeFont, width: float) -> ImageFont.FreeTypeFont:
    """The font, made smaller until the longest line fits the width (a spreadsheet's shrink-to-fit)."""
    while f.size > 12 and max(f.getlength(ln) for ln in lines) > width:
        f = font(str(f.path), f.size - 1)
    return f


# --------------------------------------------------------------------------------------------------- documents


@dataclass
class Facts:
    """What a drawn document states."""

    kind: str
    fields: dict
    first_page_fields: dict | None = None  # what page 1 alone states, when there are more pages
    seal_pages: tuple[int, ...] = ()  # 1-based pages carrying a red seal
    words_page: int | None = None  # page with the amount in words (certificates)
    tampered: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Family:
    name: str
    kind: str
    held_out: bool
    draw: Callable[[random.Random, str | None], tuple[list[Image.Image], Facts]]
    tampers: tuple[str, ...]
    about: str


@dataclass
class Doc:
    """One generated document: `pages, expected = doc` unpacks it."""

    family: Family
    seed: int | str
    pages: list[Image.Image]
    facts: Facts

    @property
    def expected(self) -> dict:
        return expected_for(self, "pdf") | {"variant": None}

    def __iter__(self) -> Iterator:
        yield self.pages
        yield self.expected


def _fields(name: str | None, id_number: str | None, employer: str | None, monthly: Decimal | None,
            issue: dt.date | None) -> dict:
    return {"name": name, "id_number": id_number, "employer": employer,
            "monthly_income": None if monthly is None else float(Decimal(monthly).quantize(Decimal("0.01"))),
            "issue_date": None if issue is None else issue.isoformat()}


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


@dataclass
class Employee:
    person: generate.Person
    company: str
    dept: str
    title: str
    since: dt.date
    monthly: Decimal  # the monthly income the document means (税前)
    words_amount: Decimal  # what the 大写 says (differs when tampered)
    issue: dt.date
    hr: str
    phone: str
    address: str


def employee(rng: random.Random, tamper: str | None, step: int = 100) -> Employee:
    person = make_person(rng)
    dept, title = rng.choice(DEPARTMENTS)
    if step == 100:
        monthly = Decimal(rng.randrange(45, 600) * 100)
    else:
        monthly = Decimal(rng.randrange(4500 // step, 60000 // step) * step)
    words_amount = monthly
    if tamper == "words":
        words_amount = monthly + Decimal(rng.choice([100, 500, 1000, 2000, -500, -1000]))
    issue = TODAY - dt.timedelta(days=rng.randint(2, 75))
    since = dt.date(rng.randint(2008, 2025), rng.randint(1, 12), rng.choice([1, 1, rng.randint(2, 28)]))
    since = min(since, issue - dt.timedelta(days=120))
    return Employee(person, rng.choice(EMPLOYERS), dept, title, since, monthly, words_amount, issue,
                    person_name(rng), phone(rng), company_address(rng))


def words_text(rng: random.Random, amount: Decimal) -> str:
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整"), ("元", "正")])
    return rng.choice(["人民币", "", ""]) + to_words(amount, yuan, whole)


def _since(e: Employee, how: str) -> str:
    return f"{e.since.year}年{e.since.month}月" if how in ("cn", "cn0", "cnspace") else fmt_date(e.since, how)


def _salutation(rng: random.Random, e: Employee) -> str:
    return rng.choice(["", "", "同志", "先生" if e.person.sex == "男" else "女士"])


def _title(d: ImageDraw.ImageDraw, y: int, text: str, s: Style, size: int, spaced: bool = False) -> int:
    shown = " ".join(text) if spaced else text
    d.text((PAGE_W / 2, y), shown, font=s.f(size, bold=True), fill=INK, anchor="ma")
    return y + int(size * 2.0)


def cert_letterhead(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Free letter; the employer only in the letterhead (name, address and phone over a rule); seal and date at the
    foot with no name."""
    e, s = employee(rng, tamper), make_style(rng)
    page, d = blank_page()
    head = s.f(rng.randint(38, 48), bold=True)
    y = rng.randint(90, 140)
    if rng.random() < 0.5:
        d.text((PAGE_W / 2, y), e.company, font=head, fill=(150, 30, 30) if rng.random() < 0.4 else INK, anchor="ma")
    else:
        d.text((s.margin, y), e.company, font=head, fill=INK)
    y += int(head.size * 1.5)
    d.text((PAGE_W / 2, y), f"地址：{e.address}    电话：{e.phone}", font=s.f(20), fill=GREY, anchor="ma")
    y += 40
    d.line((s.margin - 20, y, PAGE_W - s.margin + 20, y), fill=(150, 30, 30), width=4)
    d.line((s.margin - 20, y + 8, PAGE_W - s.margin + 20, y + 8), fill=(150, 30, 30), width=1)
    y = _title(d, y + 80, "收入证明", s, rng.randint(52, 64), spaced=rng.random() < 0.3)
    body = s.f()
    if rng.random() < 0.5:
        d.text((s.margin, y), f"{rng.choice(BANKS)}：", font=body, fill=INK)
        y += int(body.size * 1.9)
    income_phrase = rng.choice(["月收入（税前）为", "月收入为", "每月工资收入（税前）为", "月薪为税前"])
    text = (f"兹证明{e.person.name}{_salutation(rng, e)}（身份证号码：{e.person.id_number}）系我公司正式员工，"
            f"自{_since(e, s.date)}起在{e.dept}担任{e.title}一职。该员工{income_phrase}{s.amount(e.monthly)}"
            f"（大写：{words_text(rng, e.words_amount)}）。")
    y = paragraphs(d, s.margin, y, PAGE_W - 2 * s.margin, [text, "本证明仅用于办理个人贷款业务，不作其他用途。",
                                                            "特此证明。"], body)
    y += rng.randint(90, 160)
    x = PAGE_W - s.margin - 380
    d.text((x, y), rng.choice(["（盖章）", "公司盖章：", "（公司公章）"]), font=body, fill=INK)
    d.text((x, y + int(body.size * 2.0)), s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        seal(d, x + 170, y + 30, rng.randint(120, 150), e.company)
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,), words_page=1,
                         tampered=tamper)


def cert_body_paren(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Free letter naming the employer only in the body: 系我单位（XX公司）员工; signed 单位（盖章）."""
    e, s = employee(rng, tamper), make_style(rng)
    page, d = blank_page()
    y = _title(d, rng.randint(150, 220), rng.choice(["收入证明", "收入证明", "工作收入证明"]), s, rng.randint(50, 62))
    body = s.f()
    y += 40
    sex = e.person.sex
    text = (f"兹证明{e.person.name}，{sex}，身份证号：{e.person.id_number}，系我单位（{e.company}）员工，"
            f"于{_since(e, s.date)}入职，现任{e.dept}{e.title}。其月收入为{s.amount(e.monthly)}"
            f"（{rng.choice(['大写：', '大写', '人民币大写：'])}{to_words(e.words_amount)}）。")
    purpose = rng.choice(["本证明仅用于申请贷款。", "本证明仅供申请信用卡使用。", "本证明仅用于办理按揭贷款。"])
    paras = [text, purpose, "特此证明。"]
    y = paragraphs(d, s.margin, y, PAGE_W - 2 * s.margin, paras, body)
    y += rng.randint(100, 180)
    x = PAGE_W - s.margin - 360
    d.text((x, y), rng.choice(["单位（盖章）", "单位盖章：", "（单位公章）"]), font=body, fill=INK)
    d.text((x, y + int(body.size * 2.1)), s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        seal(d, x + 150, y + 40, rng.randint(120, 150), e.company)
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,), words_page=1,
                         tampered=tamper)


def cert_signature_block(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Free letter with 我单位 in the body; the employer only in the signature block: 单位名称（盖章）: and the
    name on the next line, under the seal."""
    e, s = employee(rng, tamper, step=rng.choice([100, 10])), make_style(rng)
    page, d = blank_page()
    y = _title(d, rng.randint(140, 220), "收入证明", s, rng.randint(50, 64), spaced=rng.random() < 0.4)
    body = s.f()
    y += 40
    text = (f"兹证明{e.person.name}{_salutation(rng, e)}（身份证号码：{e.person.id_number}）为我单位在职员工，"
            f"工作岗位为{e.title}，{rng.choice(['月收入', '月收入（税前）', '月平均收入'])}{s.amount(e.monthly)}，"
            f"大写{words_text(rng, e.words_amount)}。")
    paras = [text, "我单位保证以上所填内容真实有效。", "特此证明。"]
    y = paragraphs(d, s.margin, y, PAGE_W - 2 * s.margin, paras, body)
    y += rng.randint(90, 170)
    x = PAGE_W - s.margin - max(460, int(body.getlength(e.company)) + 20)
    d.text((x, y), rng.choice(["单位名称（盖章）：", "单位名称(盖章)：", "单位名称（公章）:"]), font=body, fill=INK)
    y += int(body.size * 1.8)
    d.text((x + rng.randint(0, 40), y), e.company, font=body, fill=INK)
    if tamper != "seal":
        seal(d, x + body.getlength(e.company) / 2 + 20, y + 10, rng.randint(120, 150), e.company)
    y += int(body.size * 2.2)
    d.text((x, y), rng.choice(["日期：", "", "签发日期："]) + s.day(e.issue), font=body, fill=INK)
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,), words_page=1,
                         tampered=tamper)


def _blank_line(d: ImageDraw.ImageDraw, x: float, y: int, parts: list, s: Style, pen: ImageFont.FreeTypeFont) -> float:
    """One line of a fill-in form: printed text, and blanks (value, minimum width) underlined and filled in pen."""
    label = s.f()
    for part in parts:
        if isinstance(part, str):
            d.text((x, y), part, font=label, fill=INK)
            x += label.getlength(part)
        else:
            value, width = part
            w = max(width, pen.getlength(value) + 24)
            baseline = y + label.getmetrics()[0]
            d.line((x + 4, baseline + 8, x + w - 4, baseline + 8), fill=INK, width=2)
            d.text((x + w / 2, baseline + 2), value, font=pen, fill=PEN, anchor="ms")
            x += w
    return x


def cert_bank_template(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """A bank's fill-in form (个人贷款收入证明): underlined blanks, 先生/女士, and either 月收入 税前 and 税后 (the
    monthly income is 税前), or 年收入 in 万元 or 元 (monthly = annual / 12)."""
    e, s = employee(rng, tamper), make_style(rng, sizes=(26, 29))
    s.margin = rng.randint(90, 120)
    bank = rng.choice(BANKS)
    mode = "monthly" if tamper == "words" else rng.choice(["monthly", "monthly", "annual_wan", "annual_yuan"])
    page, d = blank_page()
    pen = s.f(s.size + 1, serif=not s.serif)
    d.text((s.margin, 90), f"{bank}个人贷款业务", font=s.f(22), fill=GREY)
    d.text((PAGE_W - s.margin, 90), f"编号：{rng.randint(10**7, 10**8 - 1)}", font=s.f(20), fill=GREY, anchor="ra")
    y = _title(d, 170, "收入证明", s, 56)
    d.text((s.margin, y), f"致：{bank}", font=s.f(), fill=INK)
    y += int(s.size * 2.1)
    step = int(s.size * 2.3)
    x0 = s.margin + 2 * s.size
    years = max(1, (e.issue - e.since).days // 365)
    _blank_line(d, x0, y, ["兹证明", (e.person.name, 150), "先生/女士（身份证号码：", (e.person.id_number, 300), "）"],
                s, pen)
    y += step
    _blank_line(d, s.margin, y, ["是我单位员工，在我单位工作已", (str(years), 60), "年，目前担任", (e.title, 180),
                                 "职务。"], s, pen)
    y += step
    annual = e.monthly * 12
    words_page = None
    if mode == "monthly":
        net = (e.monthly * Decimal(rng.choice(["0.78", "0.8", "0.83", "0.85"]))).quantize(Decimal(1))
        _blank_line(d, s.margin, y, ["其月收入（税前）为人民币", (s.num(e.monthly), 170), "元，（税后）为",
                                     (s.num(net), 170), "元。"], s, pen)
        y += step
        if rng.random() < 0.6 or tamper == "words":
            _blank_line(d, s.margin, y, ["（大写：", (to_words(e.words_amount), 420), "）"], s, pen)
            y += step
            words_page = 1
    elif mode == "annual_wan":
        wan = (annual / 10000).normalize()
        shown = f"{wan:f}" if rng.random() < 0.5 else f"{annual / 10000:.2f}"
        _blank_line(d, s.margin, y, ["其年收入（税前）为人民币", (shown, 150), "万元。"], s, pen)
        y += step
    else:
        _blank_line(d, s.margin, y, ["其近一年收入总额（税前）为人民币", (s.num(annual), 200), "元。"], s, pen)
        y += step
    y = paragraphs(d, s.margin, y + 10, PAGE_W - 2 * s.margin,
                   ["我单位保证上述情况真实，如因本证明失实给贵行造成损失，我单位愿承担相应责任。", "特此证明。"],
                   s.f(), leading=2.1, indent=True)
    y += 60
    end = _blank_line(d, s.margin, y, ["单位名称（公章）：", (e.company, 520)], s, pen)
    if tamper != "seal":
        seal(d, end - 200, y + 10, rng.randint(115, 140), e.company)
    y += step
    _blank_line(d, s.margin, y, ["单位地址：", (e.address, 520)], s, pen)
    y += step
    _blank_line(d, s.margin, y, ["人事部门联系人：", (e.hr, 120), "  联系电话：", (e.phone, 230)], s, pen)
    y += step
    _blank_line(d, s.margin, y, ["日期：", (str(e.issue.year), 90), "年", (str(e.issue.month), 50), "月",
                                 (str(e.issue.day), 50), "日"], s, pen)
    d.text((s.margin, PAGE_H - 170), "注：1. 本证明须加盖单位公章或人事章方为有效；2. 涂改无效。", font=s.f(20),
           fill=GREY)
    monthly = annual / 12
    f = _fields(e.person.name, e.person.id_number, e.company, monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,), words_page=words_page,
                         tampered=tamper, extra={"income_mode": mode, "annual_income": float(annual)})


def cert_hr_contact(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Letter starting 兹有我公司员工…, with the 人事 contact and phone, the employer on the signature line
    (单位名称：XX（盖章）) and a date often in digits (2026-10-08 / 2026.10.08)."""
    e = employee(rng, tamper, step=rng.choice([100, 50]))
    s = make_style(rng, dates=("iso", "dot", "slash", "cn", "cn0"))
    page, d = blank_page()
    y = _title(d, rng.randint(150, 200), "收入证明", s, rng.randint(50, 60))
    body = s.f()
    y += 30
    with_words = rng.random() < 0.6 or tamper == "words"
    words = f"（大写：{to_words(e.words_amount)}）" if with_words else ""
    text = (f"兹有我公司员工{e.person.name}（身份证号码：{e.person.id_number}），自{_since(e, s.date)}至今在我公司"
            f"{e.dept}工作，职务为{e.title}，月收入{s.amount(e.monthly)}{words}。")
    paras = [text, "我公司已依法为其缴纳社会保险和住房公积金。",
             f"如需核实，请与我公司人力资源部联系。联系人：{e.hr}，联系电话：{e.phone}。", "特此证明。"]
    y = paragraphs(d, s.margin, y, PAGE_W - 2 * s.margin, paras, body)
    y += rng.randint(80, 150)
    x = s.margin + rng.choice([0, 300])
    d.text((x, y), f"{s.lab('单位名称')}{e.company}（盖章）", font=body, fill=INK)
    y += int(body.size * 1.9)
    d.text((x, y), f"{s.lab('单位地址')}{e.address}", font=s.f(s.size - 4), fill=INK)
    y += int(body.size * 1.9)
    d.text((x, y), f"{s.lab('日期')}{s.day(e.issue)}", font=body, fill=INK)
    if tamper != "seal":
        seal(d, x + body.getlength("单位名称：") + body.getlength(e.company) * 0.6, y - body.size * 2,
             rng.randint(120, 145), e.company)
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,),
                         words_page=1 if with_words else None, tampered=tamper)


def cert_table(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Table-form certificate: label cells (姓名, 身份证号, 工作单位, 职务, 入职时间, 月收入) beside value cells in a
    drawn grid; the statement and the seal under the table."""
    e, s = employee(rng, tamper), make_style(rng, sizes=(25, 29))
    page, d = blank_page()
    y = _title(d, rng.randint(140, 200), "收入证明", s, rng.randint(50, 60), spaced=rng.random() < 0.5)
    if rng.random() < 0.5:
        d.text((PAGE_W / 2, y - 30), "（单位填写）", font=s.f(22), fill=GREY, anchor="ma")
        y += 20
    x = rng.randint(90, 130)
    total = PAGE_W - 2 * x
    w = [int(total * 0.2), int(total * 0.3), int(total * 0.18)]
    w.append(total - sum(w))
    id_label = rng.choice(["身份证号", "身份证号码", "证件号码"])
    employer_label = rng.choice(["工作单位", "单位名称", "工作单位"])
    income_label = rng.choice(["月收入", "月收入（税前）", "月均收入"])
    hire = _since(e, rng.choice(["cn", "iso", "dot"]))
    separate_words = rng.random() < 0.5
    income_cell = s.amount(e.monthly)
    if not separate_words:
        income_cell += f"（大写：{to_words(e.words_amount)}）"
    rows: list[list[Cell]] = [
        ["姓名", e.person.name, "性别", e.person.sex],
        [id_label, (e.person.id_number, 3)],
        [employer_label, (e.company, 3)],
        ["所在部门", e.dept, "职务", e.title],
        ["入职时间", hire, "用工性质", rng.choice(["正式员工", "劳动合同制", "正式"])],
        [income_label, (income_cell, 3)],
    ]
    if separate_words:
        rows.append(["大写金额", (to_words(e.words_amount), 3)])
    rows += [["单位地址", (e.address, 3)], ["联系人", e.hr, "联系电话", e.phone]]
    y = table(d, x, y + 20, w, rows, s.f(), rng.randint(72, 90), head=None, head_rows=0,
              aligns="lclc" if rng.random() < 0.5 else "llll")
    body = s.f()
    y = paragraphs(d, x, y + 50, total, ["兹证明以上信息真实无误，如有不实，我单位愿承担相应责任。"], body)
    y += 90
    sx = PAGE_W - x - 420
    d.text((sx, y), rng.choice(["单位盖章：", "（单位公章）", "盖章："]), font=body, fill=INK)
    d.text((sx, y + int(body.size * 2.2)), f"{rng.choice(['', '日期：'])}{s.day(e.issue)}", font=body, fill=INK)
    if tamper != "seal":
        seal(d, sx + 200, y + 30, rng.randint(120, 145), e.company)
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,), words_page=1,
                         tampered=tamper)


def cert_two_page(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """A long letter over two pages: name, ID number and amounts on page 1; the employer (signature block), the
    date and the seal on page 2. Page numbers in the footer."""
    e, s = employee(rng, tamper), make_style(rng, sizes=(30, 34))
    page1, d1 = blank_page()
    y = _title(d1, rng.randint(150, 200), rng.choice(["收入证明", "收入及在职证明"]), s, 58)
    body = s.f()
    bank = rng.choice(BANKS)
    d1.text((s.margin, y), f"{bank}：", font=body, fill=INK)
    y += int(body.size * 1.9)
    base = (e.monthly * Decimal(rng.choice(["0.6", "0.65", "0.7"]))).quantize(Decimal(100))
    allowance = e.monthly - base
    paras = [
        f"兹证明{e.person.name}（身份证号码：{e.person.id_number}）自{_since(e, s.date)}起在我单位工作，现任{e.dept}"
        f"{e.title}，与我单位签订{rng.choice(['无固定期限', '三年期', '五年期'])}劳动合同，目前劳动关系正常。",
        f"该员工月基本工资{s.num(base)}元，岗位津贴{s.num(allowance)}元，月收入合计（税前）{s.amount(e.monthly)}"
        f"（大写：{words_text(rng, e.words_amount)}），绩效奖金按季度考核另行发放。",
        "我单位已按国家规定为其缴纳养老、医疗、失业、工伤、生育保险及住房公积金，缴费基数与其实际工资收入相符。",
        "本证明仅供该员工向贵行申请个人住房贷款时使用，不作为我单位对该员工债务的任何担保。我单位保证所提供信息"
        "真实、准确、完整，如有虚假，愿承担由此产生的一切法律责任。",
        "该员工在我单位工作期间，遵守单位各项规章制度，工作表现良好，未受过任何处分。如贵行需进一步核实有关情况，"
        "可通过下列方式与我单位人力资源部门联系，我单位将予以积极配合。",
    ]
    y = paragraphs(d1, s.margin, y, PAGE_W - 2 * s.margin, paras, body, leading=1.9)
    footer = rng.choice(["第{p}页 共2页", "第 {p} 页 / 共 2 页", "- {p} -"])
    d1.text((PAGE_W / 2, PAGE_H - 100), footer.format(p=1), font=s.f(22), fill=GREY, anchor="ma")
    page2, d2 = blank_page()
    y = paragraphs(d2, s.margin, 160, PAGE_W - 2 * s.margin,
                   [f"联系人：{e.hr}（人力资源部）    联系电话：{e.phone}", "特此证明。"], body, leading=1.9)
    y += 140
    x = PAGE_W - s.margin - max(470, int(body.getlength(e.company)) + 20)
    d2.text((x, y), "单位名称（盖章）：", font=body, fill=INK)
    d2.text((x, y + int(body.size * 1.8)), e.company, font=body, fill=INK)
    d2.text((x, y + int(body.size * 3.8)), s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        seal(d2, x + body.getlength(e.company) / 2, y + body.size * 2, rng.randint(125, 150), e.company)
    d2.text((PAGE_W / 2, PAGE_H - 100), footer.format(p=2), font=s.f(22), fill=GREY, anchor="ma")
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    first = _fields(e.person.name, e.person.id_number, None, e.monthly, None)
    return [page1, page2], Facts("income_certificate", f, first, () if tamper == "seal" else (2,), 1, tamper)


def cert_visa_bilingual(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """在职收入证明 for a visa application: Chinese paragraph, then English; 月薪; signature block with the
    company name on its own line and a bilingual date line (日期 Date: 2026-10-08)."""
    e, s = employee(rng, tamper), make_style(rng, sizes=(27, 31))
    page, d = blank_page()
    y = _title(d, rng.randint(120, 170), rng.choice(["在职收入证明", "在职及收入证明"]), s, 54)
    d.text((PAGE_W / 2, y - 20), "Certificate of Employment and Income", font=font(SANS_BOLD, 32), fill=INK,
           anchor="ma")
    y += 60
    body = s.f()
    d.text((s.margin, y), "致：中国驻外使领馆 / To: Consular Section", font=body, fill=INK)
    y += int(body.size * 2)
    zh = (f"兹证明{e.person.name}（身份证号：{e.person.id_number}）自{_since(e, 'cn')}起在我公司任职，现任{e.title}，"
          f"月薪为人民币{s.num(e.monthly)}元（大写：{to_words(e.words_amount)}）。我公司同意其于"
          f"{add_months(e.issue, 1).year}年{add_months(e.issue, 1).month}月赴欧洲旅游，假期结束后保留其职位。")
    y = paragraphs(d, s.margin, y, PAGE_W - 2 * s.margin, [zh, "特此证明。"], body)
    en_font = font(SANS, s.size - 3)
    en = (f"This is to certify that the above-mentioned employee has worked for our company since "
          f"{EN_MONTHS[e.since.month - 1]} {e.since.year} as a full-time employee, with a monthly salary of "
          f"RMB {money(e.monthly)}. The company approves the leave and will keep the position open upon return.")
    y = paragraphs(d, s.margin, y + 20, PAGE_W - 2 * s.margin, [en], en_font, leading=1.5, indent=False)
    y += 110
    x = PAGE_W - s.margin - max(480, int(body.getlength(e.company)) + 20)
    d.text((x, y), "公司盖章 Company Seal：", font=body, fill=INK)
    d.text((x, y + int(body.size * 1.8)), e.company, font=body, fill=INK)
    d.text((x, y + int(body.size * 3.6)), f"日期 Date：{e.issue.isoformat()}", font=body, fill=INK)
    if tamper != "seal":
        seal(d, x + body.getlength(e.company) / 2, y + body.size * 2, rng.randint(120, 145), e.company)
    f = _fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], Facts("income_certificate", f, seal_pages=() if tamper == "seal" else (1,), words_page=1,
                         tampered=tamper)


# ------------------------------------------------------------------------------------- 工资条 (payslips)


@dataclass
class Pay:
    month: dt.date
    earnings: list[tuple[str, Decimal]]
    gross: Decimal
    pension: Decimal
    medical: Decimal
    unemployment: Decimal
    fund: Decimal
    tax: Decimal
    paid: dt.date

    @property
    def variable(self) -> Decimal:
        """Everything earned beyond the base pay."""
        return sum((v for _, v in self.earnings[1:]), Decimal(0))

    @property
    def social(self) -> Decimal:
        return self.pension + self.medical + self.unemployment

    @property
    def deductions(self) -> Decimal:
        return self.social + self.fund + self.tax

    @property
    def net(self) -> Decimal:
        return self.gross - self.deductions


def _tax(taxable: Decimal) -> Decimal:
    for limit, rate, quick in ((3000, "0.03", 0), (12000, "0.1", 210), (25000, "0.2", 1410), (35000, "0.25", 2660),
                               (55000, "0.3", 4410), (80000, "0.35", 7160), (10**9, "0.45", 15160)):
        if taxable <= limit:
            return max(Decimal(0), (taxable * Decimal(rate) - quick).quantize(Decimal("0.01")))
    return Decimal(0)


def pay_series(rng: random.Random, months: int) -> list[Pay]:
    """Consecutive months of pay for one employee, the most recent last; paid on a fixed day."""
    base = Decimal(rng.randrange(30, 250) * 100)
    post = Decimal(rng.choice([0, rng.randrange(5, 60) * 100]))
    social_base = min(base + post, Decimal(35000))
    fund_rate = Decimal(rng.choice(["0.05", "0.07", "0.08", "0.1", "0.12"]))
    perf_label = rng.choice(["绩效工资", "绩效奖金", "绩效"])
    extra_label = rng.choice(["加班费", "交通补贴", "餐费补贴", "通讯补贴"])
    pay_day, same_month = rng.choice([(5, False), (10, False), (15, False), (25, True), (28, True)])
    latest = dt.date(TODAY.year, TODAY.month, 1)
    while (latest if same_month else add_months(latest, 1)).replace(day=pay_day) >= TODAY:
        latest = add_months(latest, -1)
    latest = add_months(latest, -rng.choice([0, 0, 1]))
    out = []
    for k in range(months - 1, -1, -1):
        month = add_months(latest, -k)
        perf = Decimal(rng.randrange(0, 80) * 50) + (Decimal(rng.randrange(0, 100)) / 100 if rng.random() < 0.3 else 0)
        extra = Decimal(rng.choice([0, 0, rng.randrange(2, 30) * 20]))
        earnings = [("基本工资", base), *([("岗位工资", post)] if post else []), (perf_label, perf),
                    (extra_label, extra)]
        gross = sum((v for _, v in earnings), Decimal(0))
        pension = (social_base * Decimal("0.08")).quantize(Decimal("0.01"))
        medical = (social_base * Decimal("0.02") + 3).quantize(Decimal("0.01"))
        unemployment = (social_base * Decimal("0.005")).quantize(Decimal("0.01"))
        fund = (social_base * fund_rate).quantize(Decimal(1))
        tax = _tax(gross - pension - medical - unemployment - fund - 5000)
        paid = (month if same_month else add_months(month, 1)).replace(day=pay_day)
        out.append(Pay(month, earnings, gross, pension, medical, unemployment, fund, tax, paid))
    return out


GROSS = ["应发工资", "应发合计", "税前工资", "工资总额"]
NET = ["实发工资", "实发金额", "实发合计", "实领工资"]
SOCIAL = ["社保", "社会保险", "社保个人"]
FUND = ["公积金", "住房公积金"]
TAX = ["个税", "个人所得税", "代扣个税"]


def _slip_extra(pay: Pay) -> dict:
    return {"pay_month": f"{pay.month:%Y-%m}", "gross_pay": float(pay.gross), "net_pay": float(pay.net)}


def _staff_no(rng: random.Random) -> str:
    return rng.choice(["", "E", "HR", "A"]) + str(rng.randint(1000, 99999))


def slip_header_row(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Horizontal table: header row 姓名 | 工号 | 应发工资 | 社保 | 公积金 | 个税 | 实发工资 (synonyms vary, sometimes
    with 基本工资 / 绩效 columns), one row of values; the employer and month as title lines."""
    s = make_style(rng, sizes=(22, 26))
    person, company = make_person(rng), rng.choice(EMPLOYERS)
    pay = pay_series(rng, 1)[0]
    page, d = blank_page()
    y = rng.randint(110, 180)
    d.text((PAGE_W / 2, y), company, font=s.f(rng.randint(36, 44), bold=True), fill=INK, anchor="ma")
    y += 75
    title = fmt_month(pay.month, rng.choice(["cn", "cn0"])) + rng.choice(["工资条", "工资单", "工资条"])
    d.text((PAGE_W / 2, y), title, font=s.f(rng.randint(30, 36), bold=True), fill=INK, anchor="ma")
    y += 90
    cols = [("姓名", person.name), ("工号", _staff_no(rng))]
    if rng.random() < 0.5:
        cols += [("基本工资", s.num(pay.earnings[0][1])), ("绩效", s.num(pay.variable))]
    cols += [(rng.choice(GROSS), s.num(pay.gross)), (rng.choice(SOCIAL), s.num(pay.social)),
             (rng.choice(FUND), s.num(pay.fund)), (rng.choice(TAX), s.num(pay.tax)), (rng.choice(NET), s.num(pay.net))]
    x = rng.randint(60, 100)
    total = PAGE_W - 2 * x
    weights = [1.0 if label in ("姓名", "工号") else 1.25 for label, _ in cols]
    widths = [int(total * w / sum(weights)) for w in weights]
    y = table(d, x, y, widths, [[c for c, _ in cols], [v for _, v in cols]], s.f(), rng.randint(56, 70),
              head=s.f(bold=True), aligns="c" * len(cols), head_fill=(232, 236, 242) if rng.random() < 0.5 else None)
    issue = None
    if rng.random() < 0.65:
        issue = pay.paid
        d.text((x, y + 40), f"{s.lab('发放日期')}{s.day(pay.paid)}", font=s.f(), fill=INK)
    d.text((x, y + 100), "注：本工资条仅供本人核对，如有疑问请于三日内联系人力资源部。", font=s.f(20), fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        seal(d, PAGE_W - 300, y + 160, 110, company)
        seals = (1,)
    f = _fields(person.name, None, company, pay.gross, issue)
    return [page], Facts("payslip", f, seal_pages=seals, tampered=tamper,
                         extra=_slip_extra(pay))


def slip_monthly_rows(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Horizontal table with one row per month (3 to 6 months, oldest or newest first): 月份 | 基本工资 | 绩效 |
    应发合计 | 养老 | 医疗 | 失业 | 公积金 | 个税 | 实发; the monthly income is the latest month's gross."""
    s = make_style(rng, sizes=(19, 22))
    person, company = make_person(rng), rng.choice(EMPLOYERS)
    pays = pay_series(rng, rng.randint(3, 6))
    page, d = blank_page()
    y = rng.randint(110, 170)
    d.text((PAGE_W / 2, y), f"{company}", font=s.f(38, bold=True), fill=INK, anchor="ma")
    y += 70
    d.text((PAGE_W / 2, y), rng.choice(["员工工资明细表", "个人工资明细", "工资发放明细"]), font=s.f(32, bold=True),
           fill=INK, anchor="ma")
    y += 80
    x = rng.randint(50, 80)
    with_id = rng.random() < 0.5
    info = (f"{s.lab('姓名')}{person.name}    {s.lab('工号')}{_staff_no(rng)}    "
            f"{s.lab('部门')}{rng.choice(DEPARTMENTS)[0]}")
    d.text((x, y), info, font=s.f(24), fill=INK)
    y += 45
    if with_id:
        d.text((x, y), f"{s.lab('身份证号')}{person.id_number}", font=s.f(24), fill=INK)
        y += 45
    y += 20
    gross_label, net_label = rng.choice(GROSS), rng.choice(NET)
    head = ["月份", "基本工资", "岗位/绩效", gross_label, "养老保险", "医疗保险", "失业保险", rng.choice(FUND),
            rng.choice(TAX), net_label]
    month_fmt = rng.choice(["cn", "iso", "compact", "dot"])
    ordered = pays if rng.random() < 0.6 else list(reversed(pays))
    body = [[fmt_month(p.month, month_fmt), s.num(p.earnings[0][1]), s.num(p.variable),
             s.num(p.gross), s.num(p.pension), s.num(p.medical), s.num(p.unemployment), s.num(p.fund), s.num(p.tax),
             s.num(p.net)] for p in ordered]
    total = PAGE_W - 2 * x
    widths = [int(total * w / 10.6) for w in (1.2, 1.1, 1.1, 1.2, 1, 1, 0.9, 1, 0.9, 1.2)]
    y = table(d, x, y, widths, [head, *body], s.f(), rng.randint(48, 58), head=s.f(bold=True),
              aligns="c" + "r" * 9, grid=rng.choice(["full", "full", "rules"]))
    dated = TODAY - dt.timedelta(days=rng.randint(1, 20))
    dated = max(dated, pays[-1].paid)
    d.text((x, y + 50), f"{s.lab(rng.choice(['制表日期', '打印日期']))}{s.day(dated)}", font=s.f(24), fill=INK)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.6:
        seal(d, PAGE_W - 320, y + 170, 115, company)
        seals = (1,)
    latest = pays[-1]
    f = _fields(person.name, person.id_number if with_id else None, company, latest.gross, dated)
    return [page], Facts("payslip", f, seal_pages=seals, tampered=tamper,
                         extra={"pay_month": f"{latest.month:%Y-%m}", "gross_pay": float(latest.gross),
                                "net_pay": float(latest.net), "months": len(pays)})


def _deduction_items(rng: random.Random, pay: Pay, split_social: bool) -> list[tuple[str, Decimal]]:
    items = ([("养老保险", pay.pension), ("医疗保险", pay.medical), ("失业保险", pay.unemployment)] if split_social
             else [(rng.choice(SOCIAL), pay.social)])
    return [*items, (rng.choice(FUND), pay.fund), (rng.choice(TAX), pay.tax)]


def slip_label_lines(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """"label：value" lines, one or two pairs to a line, no grid; the employer as the title line."""
    s = make_style(rng, sizes=(26, 31))
    person, company = make_person(rng), rng.choice(EMPLOYERS)
    pay = pay_series(rng, 1)[0]
    page, d = blank_page()
    y = rng.randint(120, 180)
    d.text((s.margin, y), company, font=s.f(40, bold=True), fill=INK)
    y += 70
    d.text((s.margin, y), rng.choice(["工资条", "薪资单", "工资单"]), font=s.f(36, bold=True), fill=INK)
    y += 90
    with_id = rng.random() < 0.5
    pairs: list[tuple[str, str]] = [("姓名", person.name), ("工号", _staff_no(rng))]
    if with_id:
        pairs.append(("身份证号", person.id_number))
    pairs += [("部门", rng.choice(DEPARTMENTS)[0]),
              (rng.choice(["工资月份", "所属期间", "月份"]), fmt_month(pay.month, rng.choice(["cn0", "iso", "cn"])))]
    money_pairs = [(k, s.num(v)) for k, v in pay.earnings]
    money_pairs.append((rng.choice(GROSS), s.num(pay.gross)))
    money_pairs += [(k, s.num(v)) for k, v in _deduction_items(rng, pay, rng.random() < 0.5)]
    money_pairs += [("扣款合计", s.num(pay.deductions)), (rng.choice(NET), s.num(pay.net))]
    issue = pay.paid if rng.random() < 0.7 else None
    two = rng.random() < 0.5
    body = s.f()
    step = int(body.size * 1.9)
    for group in (pairs, money_pairs):
        if two:
            for i in range(0, len(group), 2):
                for j, (k, v) in enumerate(group[i:i + 2]):
                    d.text((s.margin + j * 520, y), f"{s.lab(k)}{v}", font=body, fill=INK)
                y += step
        else:
            for k, v in group:
                d.text((s.margin, y), f"{s.lab(k)}{v}", font=body, fill=INK)
                y += step
        d.line((s.margin, y + 6, PAGE_W - s.margin, y + 6), fill=(170, 170, 170), width=1)
        y += 30
    if issue:
        d.text((s.margin, y + 20), f"{s.lab('发放日期')}{s.day(issue)}", font=body, fill=INK)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        seal(d, PAGE_W - s.margin - 180, y + 20, 115, company)
        seals = (1,)
    f = _fields(person.name, person.id_number if with_id else None, company, pay.gross, issue)
    return [page], Facts("payslip", f, seal_pages=seals, tampered=tamper,
                         extra=_slip_extra(pay))


def slip_email(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """An e-mailed 电子工资单 printed out: mail header (发件人/收件人/主题/时间), greeting with the name, a
    two-row table of items, the pay date in a sentence; the employer only in the sign-off under the table."""
    s = make_style(rng, sizes=(24, 28), serif_p=0.2)
    person, company = make_person(rng), rng.choice(EMPLOYERS)
    pay = pay_series(rng, 1)[0]
    page, d = blank_page()
    small = s.f(22)
    y = 90
    sent = dt.datetime.combine(pay.paid, dt.time(rng.randint(9, 18), rng.randint(0, 59)))
    for k, v in (("发件人", "薪酬福利部 <payroll@hr-mail.example.cn>"), ("收件人", person.name),
                 ("时间", f"{sent:%Y-%m-%d %H:%M}"), ("主题", f"{fmt_month(pay.month, 'cn')}电子工资单")):
        d.text((s.margin, y), f"{k}：{v}", font=small, fill=GREY)
        y += 38
    d.line((s.margin, y + 10, PAGE_W - s.margin, y + 10), fill=(190, 190, 190), width=2)
    y += 60
    body = s.f()
    greeting = f"{rng.choice(['尊敬的', '亲爱的', ''])}{person.name}{rng.choice(['：', '，您好！'])}"
    d.text((s.margin, y), greeting, font=body, fill=INK)
    y += int(body.size * 2)
    y = paragraphs(d, s.margin, y, PAGE_W - 2 * s.margin,
                   [f"您{fmt_month(pay.month, 'cn')}的工资已于{s.day(pay.paid)}发放至您的工资卡，明细如下，请查收："],
                   body)
    items = [*pay.earnings, (rng.choice(GROSS), pay.gross), *_deduction_items(rng, pay, False),
             (rng.choice(NET), pay.net)]
    items = [(k, v) for k, v in items if v or k in GROSS or k in NET]
    x = s.margin - 40
    total = PAGE_W - 2 * x
    half = math.ceil(len(items) / 2)
    y += 20
    for chunk in (items[:half], items[half:]):
        widths = [total // len(chunk)] * len(chunk)
        y = table(d, x, y, widths, [[k for k, _ in chunk], [s.num(v) for _, v in chunk]], s.f(s.size - 2), 56,
                  head=s.f(s.size - 2, bold=True), aligns="c" * len(chunk), head_fill=(236, 240, 236))
        y += 30
    y = paragraphs(d, s.margin, y + 20, PAGE_W - 2 * s.margin,
                   ["工资信息属个人隐私，请注意保密。如有疑问，请回复本邮件或致电人力资源部。"], s.f(s.size - 2),
                   indent=False)
    d.text((PAGE_W - s.margin, y + 40), company, font=body, fill=INK, anchor="ra")
    d.text((PAGE_W - s.margin, y + 40 + int(body.size * 1.7)), "人力资源部", font=body, fill=INK, anchor="ra")
    f = _fields(person.name, None, company, pay.gross, pay.paid)
    return [page], Facts("payslip", f, tampered=tamper,
                         extra=_slip_extra(pay))


def slip_vertical(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """Vertical table under a 项目 | 金额 header (or 收入项目 | 金额 | 扣除项目 | 金额, earnings left, deductions
    right, totals at the foot); name, month and employer above."""
    s = make_style(rng, sizes=(26, 30))
    person, company = make_person(rng), rng.choice(EMPLOYERS)
    pay = pay_series(rng, 1)[0]
    page, d = blank_page()
    y = rng.randint(120, 170)
    d.text((PAGE_W / 2, y), company, font=s.f(40, bold=True), fill=INK, anchor="ma")
    y += 70
    d.text((PAGE_W / 2, y), rng.choice(["工资单", "工资条", "薪资明细"]), font=s.f(36, bold=True), fill=INK,
           anchor="ma")
    y += 90
    with_id = rng.random() < 0.4
    x = rng.randint(110, 170)
    info = [f"{s.lab('姓名')}{person.name}", f"{s.lab('月份')}{fmt_month(pay.month, rng.choice(['cn', 'iso', 'cn0']))}"]
    if with_id:
        info.append(f"{s.lab('身份证号')}{person.id_number}")
    for line in info:
        d.text((x, y), line, font=s.f(), fill=INK)
        y += int(s.size * 1.8)
    y += 20
    total = PAGE_W - 2 * x
    gross_label, net_label = rng.choice(GROSS), rng.choice(NET)
    deductions = _deduction_items(rng, pay, True)
    rows: list[list[Cell]]
    if rng.random() < 0.5:
        items = [*pay.earnings, (gross_label, pay.gross), *deductions, ("扣款合计", pay.deductions),
                 (net_label, pay.net)]
        rows = [["项目", "金额"]]
        rows += [[k, s.num(v)] for k, v in items]
        widths = [total // 2, total - total // 2]
        aligns = "lr"
    else:
        left: list[tuple[str, Decimal | None]] = [*pay.earnings]
        right: list[tuple[str, Decimal | None]] = list(deductions)
        n = max(len(left), len(right))
        left += [("", None)] * (n - len(left))
        right += [("", None)] * (n - len(right))
        rows = [["收入项目", "金额", "扣除项目", "金额"]]
        rows += [[a, "" if va is None else s.num(va), b, "" if vb is None else s.num(vb)]
                 for (a, va), (b, vb) in zip(left, right)]
        rows += [[gross_label, s.num(pay.gross), "扣款合计", s.num(pay.deductions)], [net_label, (s.num(pay.net), 3)]]
        widths = [int(total * 0.27), int(total * 0.23), int(total * 0.27)]
        widths.append(total - sum(widths))
        aligns = "lrlr"
    y = table(d, x, y, widths, rows, s.f(), rng.randint(56, 66), head=s.f(bold=True), aligns=aligns)
    issue = pay.paid if rng.random() < 0.6 else None
    if issue:
        d.text((x, y + 40), f"{s.lab(rng.choice(['发薪日期', '发放日期']))}{s.day(issue)}", font=s.f(), fill=INK)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        seal(d, PAGE_W - x - 170, y + 150, 115, company)
        seals = (1,)
    f = _fields(person.name, person.id_number if with_id else None, company, pay.gross, issue)
    return [page], Facts("payslip", f, seal_pages=seals, tampered=tamper,
                         extra=_slip_extra(pay))


def slip_grouped_header(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """A payroll sheet (工资表) on a landscape page: a line 单位：XX公司 所属期：2026-09 over a two-level header
    (应发项目 and 代扣项目 spanning their items; 序号, 姓名, 应发合计, 实发工资, 签字 spanning both rows) and
    one row of values."""
    s = make_style(rng, sizes=(20, 23), serif_p=0.2)
    person, company = make_person(rng), rng.choice(EMPLOYERS)
    pay = pay_series(rng, 1)[0]
    size = (PAGE_H, PAGE_W)
    page, d = blank_page(size)
    y = 90
    title = fmt_month(pay.month, rng.choice(["cn", "cn0"])) + rng.choice(["工资表", "工资发放表", "工资条"])
    d.text((size[0] / 2, y), title,
           font=s.f(40, bold=True), fill=INK, anchor="ma")
    y += 90
    x = 70
    d.text((x, y), f"{rng.choice(['单位', '单位名称', '编制单位'])}：{company}", font=s.f(24), fill=INK)
    d.text((size[0] - x, y), f"所属期：{fmt_month(pay.month, 'iso')}    单位：元", font=s.f(24), fill=INK, anchor="ra")
    y += 55
    earn = [(k.replace("工资", "") if k != "基本工资" else k, v) for k, v in pay.earnings]
    ded = _deduction_items(rng, pay, True)
    gross_label, net_label = rng.choice(GROSS), rng.choice(NET)
    cols = ["序号", "姓名"] + [k for k, _ in earn] + [gross_label] + [k for k, _ in ded] + [net_label, "签字"]
    vals = ["1", person.name, *(s.num(v) for _, v in earn), s.num(pay.gross), *(s.num(v) for _, v in ded),
            s.num(pay.net), ""]
    unit = (size[0] - 2 * x) / (len(cols) + 1.5)
    widths = [int(unit * (0.6 if c == "序号" else 1.1 if c in ("签字",) else 1.05)) for c in cols]
    widths[-1] += size[0] - 2 * x - sum(widths)
    h = 50
    head_font, body_font = s.f(bold=True), s.f()
    spans = {"earn": (2, 2 + len(earn)), "ded": (3 + len(earn), 3 + len(earn) + len(ded))}
    cx = x
    for i, (c, w) in enumerate(zip(cols, widths)):
        grouped = spans["earn"][0] <= i < spans["earn"][1] or spans["ded"][0] <= i < spans["ded"][1]
        hf = _fit([c], head_font, w - 8)
        if grouped:
            d.rectangle((cx, y + h, cx + w, y + 2 * h), outline=GRID, width=2)
            d.text((cx + w / 2, y + h + 10), c, font=hf, fill=INK, anchor="ma")
        else:
            d.rectangle((cx, y, cx + w, y + 2 * h), outline=GRID, width=2)
            d.text((cx + w / 2, y + h - hf.size / 2), c, font=hf, fill=INK, anchor="ma")
        cx += w
    for key, label in (("earn", "应发项目"), ("ded", rng.choice(["代扣项目", "扣除项目", "代扣代缴"]))):
        a, b = spans[key]
        gx = x + sum(widths[:a])
        gw = sum(widths[a:b])
        d.rectangle((gx, y, gx + gw, y + h), outline=GRID, width=2)
        d.text((gx + gw / 2, y + 10), label, font=head_font, fill=INK, anchor="ma")
    y += 2 * h
    y = table(d, x, y, widths, [vals], body_font, 60, aligns="cc" + "r" * (len(cols) - 3) + "c")
    d.text((x, y + 40), f"制表人：{person_name(rng)}    审核人：{person_name(rng)}", font=s.f(22), fill=INK)
    issue = pay.paid if rng.random() < 0.5 else None
    if issue:
        d.text((size[0] - x, y + 40), f"发放日期：{s.day(issue)}", font=s.f(22), fill=INK, anchor="ra")
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        seal(d, size[0] - 400, y + 120, 105, company)
        seals = (1,)
    f = _fields(person.name, None, company, pay.gross, issue)
    return [page], Facts("payslip", f, seal_pages=seals, tampered=tamper,
                         extra=_slip_extra(pay))


# ------------------------------------------------------------------------- 银行流水 (bank statements)


@dataclass
class Tx:
    when: dt.datetime
    desc: str  # 摘要
    amount: Decimal  # signed: positive = credit (收入)
    party: str  # 对方户名
    account: str  # 对方账号
    memo: str = ""  # 附言
    channel: str = ""
    branch: str = ""
    salary: bool = False
    bonus: bool = False
    balance: Decimal = Decimal(0)


def transactions(rng: random.Random, company: str, start: dt.date, end: dt.date, mark: str,
                 bonus: bool, reimburse: bool, per_month: tuple[int, int] = (4, 9)) -> list[Tx]:
    """Transactions between start and end: a salary credit on a fixed day each month (marked in 摘要 with one of
    the salary words, in 附言 (mark = "memo"), or by the employer as counterparty only (mark = "party")), bonuses
    and reimbursements from the employer in some months, spending, transfers, interest."""
    salary = Decimal(rng.randrange(40, 320) * 100) + (Decimal(rng.randrange(0, 100)) if rng.random() < 0.4 else 0)
    pay_day = rng.choice([5, 8, 10, 15, 20, 25, 28])
    salary_word = rng.choice(SALARY_WORDS)
    company_account = "".join(str(rng.randrange(10)) for _ in range(rng.choice([16, 19, 20])))
    city = rng.choice(generate.REGIONS)[1][:2]
    txs: list[Tx] = []
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        last = month_end(month)

        def when(day: int, hour: tuple[int, int] = (7, 23), _month: dt.date = month,
                 _last: dt.date = last) -> dt.datetime:
            day = min(max(day, 1), _last.day)
            return dt.datetime.combine(_month.replace(day=day), dt.time(rng.randint(*hour), rng.randrange(60),
                                                                        rng.randrange(60)))

        day = pay_day + rng.choice([0, 0, 0, -1, 1, 2])
        amount = salary + Decimal(rng.choice([0, 0, 0, 120, -80, 350, -200, 45.5]))
        if mark == "desc":
            desc, memo = salary_word, rng.choice(["", "", f"{add_months(month, -1).month}月工资"])
        elif mark == "memo":
            desc, memo = rng.choice(["转账存入", "跨行汇入", "网银入账", "汇入"]), rng.choice(
                ["工资", f"{add_months(month, -1).month}月工资", "薪资", "代发薪", "工资发放"])
        else:
            desc, memo = rng.choice(["转账存入", "他行汇入", "跨行转入"]), ""
        txs.append(Tx(when(day, (9, 11)), desc, amount, company, company_account, memo, "批量", f"{city}分行营业部",
                      salary=True))
        if rng.random() < 0.15 and mark != "party":  # a back-pay credit in the same month: also salary
            txs.append(Tx(when(day + rng.randint(1, 5), (9, 16)), salary_word if mark == "desc" else "转账存入",
                          Decimal(rng.randrange(2, 30) * 50), company, company_account,
                          "补发工资" if mark == "memo" else "", "批量", "", salary=True))
        if bonus and mark != "party" and rng.random() < 0.35:
            word = rng.choice(BONUS_WORDS)
            txs.append(Tx(when(day + rng.randint(0, 6), (9, 17)), word if mark == "desc" else "转账存入",
                          Decimal(rng.randrange(5, 150) * 100), company, company_account,
                          word if mark == "memo" else "", "批量", "", bonus=True))
        if reimburse and mark != "party" and rng.random() < 0.25:
            txs.append(Tx(when(rng.randint(1, 28), (9, 17)), "费用报销" if mark == "desc" else "转账存入",
                          Decimal(rng.randrange(50, 3000)) + Decimal(rng.randrange(0, 100)) / 100, company,
                          company_account, "差旅报销" if mark == "memo" else "", "网银", ""))
        for _ in range(rng.randint(*per_month)):
            kind = rng.random()
            day = rng.randint(1, last.day)
            if kind < 0.55:
                desc, party = rng.choice(SPEND)
                amt = -(Decimal(rng.randrange(800, 90000)) / 100)
                txs.append(Tx(when(day), desc, amt, party, "", "", rng.choice(["第三方支付", "POS", "手机银行"]), ""))
            elif kind < 0.7:
                txs.append(Tx(when(day), rng.choice(["转账支出", "手机银行转账", "网银转账"]),
                              -Decimal(rng.randrange(2, 60) * 100), person_name(rng),
                              card_number(rng, False).replace(" ", ""),
                              rng.choice(["", "", "还款", "房租", "生活费"]), "手机银行", ""))
            elif kind < 0.8:
                txs.append(Tx(when(day), rng.choice(["信用卡还款", "贷款还款", "按揭还款"]),
                              -Decimal(rng.randrange(500, 9000)), rng.choice(BANKS), "", "", "自动", ""))
            elif kind < 0.88:
                txs.append(Tx(when(day), "转账存入", Decimal(rng.randrange(2, 50) * 100), person_name(rng),
                              card_number(rng, False).replace(" ", ""), rng.choice(["", "还款", "红包"]), "手机银行",
                              ""))
            elif kind < 0.94:
                txs.append(Tx(when(day), "ATM取款", -Decimal(rng.randrange(1, 30) * 100), "", "", "", "ATM",
                              f"{city}{rng.choice(generate.STREETS)}支行"))
            else:
                txs.append(Tx(when(day), "退款", Decimal(rng.randrange(500, 30000)) / 100, rng.choice(SPEND)[1], "", "",
                              "第三方支付", ""))
        if month.month in (3, 6, 9, 12):
            txs.append(Tx(when(21, (2, 4)), "结息", Decimal(rng.randrange(50, 4000)) / 100, "", "", "", "批量", ""))
        month = add_months(month, 1)
    txs = sorted((t for t in txs if start <= t.when.date() <= end), key=lambda t: t.when)
    balance = Decimal(rng.randrange(2000, 80000)) + Decimal(rng.randrange(0, 100)) / 100
    for t in txs:
        if balance + t.amount < 0:
            t.amount = -(balance * Decimal("0.3")).quantize(Decimal("0.01"))
        balance += t.amount
        t.balance = balance
    return txs


def salary_mean(txs: list[Tx]) -> Decimal | None:
    """Mean over months with salary credits of the sum of salary credits in that month."""
    by: dict[str, Decimal] = {}
    for t in txs:
        if t.salary:
            key = f"{t.when:%Y-%m}"
            by[key] = by.get(key, Decimal(0)) + t.amount
    if not by:
        return None
    return (sum(by.values(), Decimal(0)) / len(by)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def salary_by_month(txs: list[Tx]) -> dict[str, float]:
    by: dict[str, Decimal] = {}
    for t in txs:
        if t.salary:
            key = f"{t.when:%Y-%m}"
            by[key] = by.get(key, Decimal(0)) + t.amount
    return {k: float(v) for k, v in sorted(by.items())}


@dataclass
class StatementLayout:
    """How one statement family lays out its pages."""

    title: str
    header: list[tuple[str, str]]  # label, value pairs of the header block, two to a line
    columns: list[str]
    widths: list[float]  # relative
    aligns: str
    cell: Callable[[Tx], list[str]]
    font_size: int
    row_lines: int = 1
    repeat_header: bool = True
    grid: str = "rules"
    print_date: str = "header"  # header | footer | last
    print_text: str = ""
    seal_name: str | None = None
    footer: str = "第{p}页 共{n}页"
    x: int = 70


def draw_statement(rng: random.Random, lay: StatementLayout, txs: list[Tx],
                   s: Style) -> tuple[list[Image.Image], list[int]]:
    """Pages of a statement; returns the pages and how many rows each page holds."""
    body = s.f(lay.font_size)
    head = s.f(lay.font_size, bold=True)
    row_h = int(lay.font_size * (1.25 * lay.row_lines + 0.75))
    total_w = PAGE_W - 2 * lay.x
    widths = [int(total_w * w / sum(lay.widths)) for w in lay.widths]
    widths[-1] += total_w - sum(widths)
    cells = [lay.cell(t) for t in txs]
    pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
    counts: list[int] = []
    i = 0
    while True:
        page, d = blank_page()
        y = 90
        first = not pages
        if first:
            d.text((PAGE_W / 2, y), lay.title, font=s.f(38, bold=True), fill=INK, anchor="ma")
            y += 80
            hf = s.f(24)
            pairs = list(lay.header)
            for k in range(0, len(pairs), 2):
                for j, (label, value) in enumerate(pairs[k:k + 2]):
                    d.text((lay.x + j * (total_w // 2), y), f"{s.lab(label)}{value}", font=hf, fill=INK)
                y += 42
            y += 20
        if first or lay.repeat_header:
            y = table(d, lay.x, y, widths, [lay.columns], body, int(lay.font_size * 2.0), head=head, grid=lay.grid,
                      head_fill=(235, 235, 235) if lay.grid == "full" else None)
        bottom = PAGE_H - 170
        rows_here = max(1, (bottom - y) // row_h)
        chunk = cells[i:i + rows_here]
        if chunk:
            y = table(d, lay.x, y, widths, chunk, body, row_h, aligns=lay.aligns, grid=lay.grid, head_rows=0)
        counts.append(len(chunk))
        i += len(chunk)
        pages.append((page, d, y))
        if i >= len(cells):
            break
    n = len(pages)
    out = []
    for p, (page, d, y) in enumerate(pages, start=1):
        foot = lay.footer.format(p=p, n=n)
        if lay.print_date == "footer" or (lay.print_date == "last" and p == n):
            foot += "    " + lay.print_text
        d.text((PAGE_W / 2, PAGE_H - 110), foot, font=s.f(20), fill=GREY, anchor="ma")
        if p == n:
            end_mark = "—— 以下空白 ——" if rng.random() < 0.5 else ""
            d.text((lay.x, min(y + 30, PAGE_H - 230)), end_mark, font=s.f(20), fill=GREY)
            if lay.seal_name:  # under the last row when there is room, else over the foot of the page
                cy = y + 150 if y + 280 < PAGE_H - 90 else PAGE_H - 150
                seal(d, PAGE_W - rng.randint(260, 420), cy, rng.randint(105, 125), lay.seal_name)
        out.append(page)
    return out, counts


def _statement(rng: random.Random, tamper: str | None, make_layout: Callable[..., StatementLayout],
               mark: str | None = None, months: tuple[int, int] = (3, 5), per_month: tuple[int, int] = (3, 7),
               ) -> tuple[list[Image.Image], Facts]:
    """A statement for one invented person: draws transactions, lets the family lay them out, and works out what
    the whole document and its first page state. The service reads at most five pages, so a statement that
    runs longer is drawn again over fewer months."""
    person, company, bank = make_person(rng), rng.choice(EMPLOYERS), rng.choice(BANKS)
    end = TODAY - dt.timedelta(days=rng.randint(3, 25))
    printed = end + dt.timedelta(days=rng.randint(0, 2))
    mark = mark or rng.choice(["desc", "desc", "memo", "party"])
    id_mode = rng.choice(["full", "masked", "none"])
    s = make_style(rng, dates=("iso", "iso", "dot", "slash", "compact"), serif_p=0.15)
    bonus, reimburse = rng.random() < 0.5, rng.random() < 0.3
    n_months = rng.randint(*months)
    offset = rng.randint(1, 20) if rng.random() < 0.4 else 0
    state = rng.getstate()
    while True:
        rng.setstate(state)
        start = add_months(dt.date(end.year, end.month, 1), -(n_months - 1)) + dt.timedelta(days=offset)
        txs = transactions(rng, company, start, end, mark, bonus, reimburse, per_month)
        lay = make_layout(rng, s, person, bank, start, end, printed, id_mode, mark)
        if tamper == "seal":
            lay.seal_name = None
        pages, counts = draw_statement(rng, lay, txs, s)
        if len(pages) <= 5 or n_months <= 2:
            break
        n_months -= 1
    id_number = person.id_number if id_mode == "full" else None
    f = _fields(person.name, id_number, None, salary_mean(txs), printed)
    first = None
    if len(pages) > 1:
        first_issue = printed if lay.print_date in ("header", "footer") else None
        first = _fields(person.name, id_number, None, salary_mean(txs[:counts[0]]), first_issue)
    seals = (len(pages),) if lay.seal_name else ()
    extra = {"salary_by_month": salary_by_month(txs), "salary_mark": mark, "id_shown": id_mode, "rows": len(txs),
             "rows_per_page": counts, "print_date_at": lay.print_date}
    return pages, Facts("bank_statement", f, first, seals, None, tamper, extra)


def _period(start: dt.date, end: dt.date, s: Style) -> str:
    return f"{s.day(start)} 至 {s.day(end)}" if s.date != "compact" else f"{s.day(start)}-{s.day(end)}"


def _signed(amount: Decimal, s: Style, plus: bool) -> str:
    text = s.num(abs(amount))
    return ("-" if amount < 0 else "+" if plus else "") + text


def _layout_in_out(rng, s, person, bank, start, end, printed, id_mode, mark) -> StatementLayout:
    header = [(rng.choice(["户名", "客户姓名", "账户名称"]), person.name),
              (rng.choice(["账号", "卡号"]), card_number(rng, rng.random() < 0.4)), ("币种", "人民币")]
    if id_mode != "none":
        header.append(("证件号码", person.id_number if id_mode == "full" else mask_id(person.id_number)))
    header.append((rng.choice(["起止日期", "查询区间", "交易期间"]), _period(start, end, s)))
    where = rng.choice(["header", "footer", "last"])
    print_text = f"{s.lab('打印日期')}{s.day(printed)}"
    if where == "header":
        header.append(("打印日期", s.day(printed)))
    with_memo = mark == "memo"
    cols = ["交易日期", "摘要", "收入金额", "支出金额", "账户余额", "对方户名"] + (["附言"] if with_memo else [])
    widths = [1.25, 1.2, 1.25, 1.25, 1.35, 1.9] + ([1.2] if with_memo else [])

    def cell(t: Tx) -> list[str]:
        row = [s.day(t.when.date()), t.desc, s.num(t.amount) if t.amount > 0 else "",
               s.num(-t.amount) if t.amount < 0 else "", s.num(t.balance), t.party]
        return row + ([t.memo] if with_memo else [])

    title = bank + rng.choice(["个人账户交易明细", "个人客户交易流水", "借记卡账户历史明细"])
    return StatementLayout(title, header, cols,
                           widths, "lcrrrl" + ("l" if with_memo else ""), cell, rng.randint(19, 22),
                           repeat_header=rng.random() < 0.7, grid=rng.choice(["rules", "full"]), print_date=where,
                           print_text=print_text, seal_name=bank + "业务" if rng.random() < 0.7 else None,
                           footer=rng.choice(["第{p}页 共{n}页", "第 {p} 页 / 共 {n} 页", "Page {p} of {n}"]))


def _layout_time_channel(rng, s, person, bank, start, end, printed, id_mode, mark) -> StatementLayout:
    header = [(rng.choice(["客户姓名", "户名"]), person.name), ("卡号", card_number(rng, rng.random() < 0.5))]
    if id_mode != "none":
        header.append(("证件号码", person.id_number if id_mode == "full" else mask_id(person.id_number)))
    header += [("查询区间", _period(start, end, s)), ("打印时间", f"{s.day(printed)} {rng.randint(8, 20):02d}:"
                                                              f"{rng.randrange(60):02d}:{rng.randrange(60):02d}")]
    with_party = mark == "party" or rng.random() < 0.7  # a salary known only by its payer needs the payer shown
    cols = ["交易日期", "交易时间", "币别", "交易金额", "账户余额", "交易渠道", "摘要"]
    cols += ["对方户名"] if with_party else []
    widths = [1.25, 1.05, 0.7, 1.3, 1.35, 1.1, 1.15] + ([1.8] if with_party else [])

    def cell(t: Tx) -> list[str]:
        desc = t.desc if not t.memo else f"{t.desc}{t.memo}" if mark == "memo" else t.desc
        row = [s.day(t.when.date()), f"{t.when:%H:%M:%S}", "人民币", _signed(t.amount, s, True), s.num(t.balance),
               t.channel or "柜面", desc]
        return row + ([t.party] if with_party else [])

    return StatementLayout(rng.choice(["账户交易明细", "个人账户交易明细清单"]) + f"（{bank}）", header, cols, widths,
                           "lccrrcl" + ("l" if with_party else ""), cell, rng.randint(18, 21),
                           repeat_header=True, grid=rng.choice(["rules", "full"]), print_date="header",
                           seal_name=bank + "电子回单" if rng.random() < 0.6 else None)


def _layout_memo(rng, s, person, bank, start, end, printed, id_mode, mark) -> StatementLayout:
    header = [("户名", person.name), ("账号", card_number(rng, False)), ("币种", "人民币 钞")]
    if id_mode != "none":
        header.append(("证件号码", person.id_number if id_mode == "full" else mask_id(person.id_number)))
    header += [("起止日期", _period(start, end, s)), ("打印日期", s.day(printed))]
    cols = ["记账日期", "摘要", "交易金额", "余额", "对方户名/账号", "附言"]
    widths = [1.2, 1.1, 1.3, 1.3, 2.6, 1.3]

    def cell(t: Tx) -> list[str]:
        other = f"{t.party}\n{t.account}" if t.account else t.party
        return [s.day(t.when.date()), t.desc, _signed(t.amount, s, True), s.num(t.balance), other, t.memo]

    return StatementLayout(f"{bank}活期账户交易明细", header, cols, widths, "lcrrll", cell, rng.randint(18, 21),
                           row_lines=2,
                           repeat_header=rng.random() < 0.8, grid="full", print_date="header",
                           seal_name=bank + "业务" if rng.random() < 0.7 else None)


def _layout_debit_credit(rng, s, person, bank, start, end, printed, id_mode, mark) -> StatementLayout:
    header = [("账户名称", person.name), ("账号", card_number(rng, rng.random() < 0.3)), ("币种", "人民币"),
              ("查询期间", _period(start, end, s))]
    if id_mode != "none":
        header.append(("证件号码", person.id_number if id_mode == "full" else mask_id(person.id_number)))
    print_text = f"打印日期：{s.day(printed)}"
    cols = ["序号", "记账日期", "摘要", "借方发生额", "贷方发生额", "余额", "对方户名", "网点"]
    widths = [0.6, 1.7, 1.1, 1.2, 1.2, 1.3, 1.6, 1.4]
    counter = iter(range(1, 10_000))

    def cell(t: Tx) -> list[str]:
        return [str(next(counter)), f"{s.day(t.when.date())} {t.when:%H:%M}", t.desc + (f" {t.memo}" if t.memo else ""),
                s.num(-t.amount) if t.amount < 0 else "", s.num(t.amount) if t.amount > 0 else "", s.num(t.balance),
                t.party, t.branch or "电子渠道"]

    title = bank + rng.choice(["活期账户对账单", "个人活期明细对账单"])
    return StatementLayout(title, header, cols, widths, "clcrrrll", cell, rng.randint(17, 20), repeat_header=True,
                           grid="full", print_date=rng.choice(["footer", "last"]),
                           print_text=print_text, seal_name=bank + "业务" if rng.random() < 0.8 else None)


def _layout_signed(rng, s, person, bank, start, end, printed, id_mode, mark) -> StatementLayout:
    header = [("户名", person.name), ("账号", card_number(rng, rng.random() < 0.5))]
    if id_mode != "none":
        header.append(("证件号", person.id_number if id_mode == "full" else mask_id(person.id_number)))
    header += [("币种", "人民币"), ("起始日期", s.day(start)), ("截止日期", s.day(end)),
               (rng.choice(["打印日期", "申请时间"]), s.day(printed))]
    cols = ["交易日期", "交易金额", "联机余额", "交易摘要", "对方信息"]
    widths = [1.2, 1.35, 1.35, 1.5, 3.0]

    def cell(t: Tx) -> list[str]:
        desc = t.desc if mark != "memo" else f"{t.desc} {t.memo}".strip()
        other = f"{t.party} {t.account}".strip()
        return [s.day(t.when.date()), _signed(t.amount, s, False), s.num(t.balance), desc, other]

    title = bank + rng.choice(["交易流水", "户口交易明细", "账户交易流水"])
    return StatementLayout(title, header, cols, widths, "lrrll", cell,
                           rng.randint(18, 21), repeat_header=rng.random() < 0.5, grid="rules", print_date="header",
                           seal_name=None if rng.random() < 0.5 else bank + "流水专用",
                           footer=rng.choice(["{p}/{n}", "第{p}页/共{n}页"]))


def _layout_dc_flag(rng, s, person, bank, start, end, printed, id_mode, mark) -> StatementLayout:
    header = [("客户姓名", person.name), ("卡号", card_number(rng, rng.random() < 0.5))]
    if id_mode != "none":
        header.append(("证件号码", person.id_number if id_mode == "full" else mask_id(person.id_number)))
    header += [("交易区间", _period(start, end, s)), ("币种", "CNY")]
    flag_col = rng.choice(["借贷标志", "借/贷", "借贷"])
    with_account = rng.random() < 0.5
    cols = ["日期", "金额", flag_col, "余额", "摘要", "对方户名"] + (["对方账号"] if with_account else [])
    widths = [1.2, 1.3, 0.8, 1.35, 1.3, 1.7] + ([2.2] if with_account else [])
    where = rng.choice(["footer", "last"])

    def cell(t: Tx) -> list[str]:
        desc = t.desc if mark != "memo" else (t.memo or t.desc)
        row = [s.day(t.when.date()), s.num(abs(t.amount)), "贷" if t.amount > 0 else "借", s.num(t.balance), desc,
               t.party]
        return row + ([t.account] if with_account else [])

    return StatementLayout(f"{bank}{rng.choice(['借记卡交易明细', '客户交易明细清单'])}", header, cols, widths,
                           "lrcrll" + ("l" if with_account else ""), cell, rng.randint(18, 21),
                           repeat_header=True, grid=rng.choice(["full", "rules"]), print_date=where,
                           print_text=f"打印日期：{s.day(printed)}",
                           seal_name=bank + "业务" if rng.random() < 0.6 else None)


def stmt_in_out(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """date | 摘要 | 收入金额 | 支出金额 | 账户余额 | 对方户名 (+ 附言 when the salary is marked there); the print date
    in the header, the footer or on the last page only."""
    return _statement(rng, tamper, _layout_in_out, months=(4, 6), per_month=(4, 8))


def stmt_time_channel(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """交易日期 | 交易时间 | 币别 | 交易金额 (+/-) | 账户余额 | 交易渠道 | 摘要 | 对方户名; 打印时间 with a clock
    time."""
    return _statement(rng, tamper, _layout_time_channel)


def stmt_memo(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """记账日期 | 摘要 | 交易金额 (+/-) | 余额 | 对方户名/账号 (two lines) | 附言: salary often marked only in 附言
    (摘要 转账存入 / 汇入) or by the employer as counterparty."""
    return _statement(rng, tamper, _layout_memo, mark=rng.choice(["memo", "memo", "party", "desc"]))


def stmt_debit_credit_cols(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """对账单: 序号 | 记账日期 时间 | 摘要 | 借方发生额 | 贷方发生额 | 余额 | 对方户名 | 网点; the print date in the
    footer or on the last page."""
    return _statement(rng, tamper, _layout_debit_credit)


def stmt_signed(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """交易日期 | 交易金额 (signed, credits bare, -100.00 for a debit) | 联机余额 | 交易摘要 | 对方信息 (name and
    account in one cell); 起始日期 / 截止日期 as separate header fields."""
    return _statement(rng, tamper, _layout_signed)


def stmt_dc_flag(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], Facts]:
    """日期 | 金额 (unsigned) | 借/贷 flag | 余额 | 摘要 | 对方户名 (| 对方账号); the print date in the footer or on the
    last page only."""
    return _statement(rng, tamper, _layout_dc_flag, months=(4, 6), per_month=(4, 8))


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, held_out: bool, tampers: tuple[str, ...]) -> Family:
    return Family(fn.__name__, kind, held_out, fn, tampers, (fn.__doc__ or "").split("\n")[0])


CERT, SLIP, STMT = KINDS
FAMILIES: list[Family] = [
    _family(cert_letterhead, CERT, False, ("words", "seal")),
    _family(cert_body_paren, CERT, False, ("words", "seal")),
    _family(cert_signature_block, CERT, False, ("words", "seal")),
    _family(cert_bank_template, CERT, False, ("words", "seal")),
    _family(cert_hr_contact, CERT, False, ("words", "seal")),
    _family(cert_table, CERT, True, ("words", "seal")),
    _family(cert_two_page, CERT, True, ("words", "seal")),
    _family(cert_visa_bilingual, CERT, True, ("words", "seal")),
    _family(slip_header_row, SLIP, False, ("seal",)),
    _family(slip_monthly_rows, SLIP, False, ("seal",)),
    _family(slip_label_lines, SLIP, False, ("seal",)),
    _family(slip_email, SLIP, False, ()),
    _family(slip_vertical, SLIP, True, ("seal",)),
    _family(slip_grouped_header, SLIP, True, ("seal",)),
    _family(stmt_in_out, STMT, False, ("seal",)),
    _family(stmt_time_channel, STMT, False, ("seal",)),
    _family(stmt_memo, STMT, False, ("seal",)),
    _family(stmt_debit_credit_cols, STMT, False, ("seal",)),
    _family(stmt_signed, STMT, True, ("seal",)),
    _family(stmt_dc_flag, STMT, True, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None, held_out: bool | None = None) -> list[Family]:
    """The families of a kind and split (None = any)."""
    return [f for f in FAMILIES if (kind is None or f.kind == kind) and (held_out is None or f.held_out == held_out)]


def make(family: str | Family, seed: int | str, tamper: str | None = None) -> Doc:
    """One document of a family (its name here, or a Family of another module such as income_families_unseen),
    the same for the same seed. tamper: "words" (大写 disagrees with the digits) or "seal" (no seal), where the
    family supports it. `pages, expected = make(...)` unpacks."""
    fam = BY_NAME[family] if isinstance(family, str) else family
    if tamper is not None and tamper not in fam.tampers:
        raise ValueError(f"{fam.name} cannot be tampered with {tamper!r} (supports {fam.tampers})")
    rng = random.Random(f"{fam.name}:{seed}:{tamper}")
    pages, facts = fam.draw(rng, tamper)
    return Doc(fam, seed, pages, facts)


def expected_for(doc: Doc, variant: str) -> dict:
    """The expected JSON for the upload `render(doc, variant)` makes (an image shows page 1 only)."""
    facts = doc.facts
    shown = len(doc.pages) if variant == "pdf" else 1
    fields = facts.fields if shown == len(doc.pages) or facts.first_page_fields is None else facts.first_page_fields
    checks = {"SEAL_PRESENT": "pass" if any(p <= shown for p in facts.seal_pages) else "fail"}
    if facts.kind == "income_certificate" and facts.words_page is not None and facts.words_page <= shown:
        checks["AMOUNT_WORDS_MATCH"] = "fail" if facts.tampered == "words" else "pass"
    else:
        checks["AMOUNT_WORDS_MATCH"] = "unknown"
    return {"family": doc.family.name, "held_out": doc.family.held_out, "variant": variant,
            "document_kind": facts.kind, "seed": doc.seed, "pages": len(doc.pages), "pages_shown": shown,
            "fields": dict(fields), "tampered": facts.tampered, "checks": checks, "extra": facts.extra}


def render(doc: Doc, variant: str) -> tuple[bytes, str]:
    """The bytes to upload and their suffix: scan -> PNG of page 1, photo -> JPEG phone photo of page 1,
    pdf -> an image PDF of every page at 150 dpi."""
    buf = io.BytesIO()
    if variant == "scan":
        doc.pages[0].save(buf, "PNG")
        return buf.getvalue(), ".png"
    if variant == "photo":
        rng = random.Random(f"{doc.family.name}:{doc.seed}:photo")
        page = doc.pages[0]
        size = (1600, 1200) if page.width > page.height else (1200, 1600)
        photo, _ = photograph(page.convert("RGBA"), rng, False, size=size, scale_range=(0.82, 0.9), max_angle=6)
        photo.save(buf, "JPEG", quality=88)
        return buf.getvalue(), ".jpg"
    if variant == "pdf":
        doc.pages[0].save(buf, "PDF", resolution=150, save_all=True, append_images=doc.pages[1:])
        return buf.getvalue(), ".pdf"
    raise ValueError(f"unknown variant {variant!r}")


def main(argv: list[str] | None = None) -> int:
    """Command line: write every family's documents in every variant, with expected JSON beside each."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--per-family", type=int, default=1)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--family", action="append", help="only these families (repeatable)")
    ap.add_argument("--variants", default="scan,photo,pdf")
    ap.add_argument("--tamper", choices=["words", "seal"], help="tamper every document that supports it")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for fam in FAMILIES:
        if args.family and fam.name not in args.family:
            continue
        for i in range(args.per_family):
            tamper = args.tamper if args.tamper in fam.tampers else None
            doc = make(fam.name, f"{args.seed}-{i}", tamper)
            for variant in args.variants.split(","):
                data, suffix = render(doc, variant)
                stem = f"{fam.name}_{i:02d}{'_' + tamper if tamper else ''}_{variant}"
                (args.out / (stem + suffix)).write_bytes(data)
                (args.out / (stem + suffix + ".json")).write_text(
                    json.dumps(expected_for(doc, variant), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                count += 1
    print(f"wrote {count} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
