"""Sixth round of unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document that applicants upload to online lenders and each structurally different from every
family in income_families.py and income_families_unseen.py to income_families_unseen5.py. They were written without
reading the parsers, their tests or the benchmark, so that no parser was developed against them: use them for the
final figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen6 as unseen6
    doc = fam.make(unseen6.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
    data, suffix = fam.render(doc, "photo")                     # "scan" | "photo" | "pdf"
    want = fam.expected_for(doc, "photo")

Expected fields follow income_families.py exactly: name; id_number (None unless stated in full); employer (None
when not stated; None for statements); monthly_income in yuan (certificates: the monthly figure, 税前 when both
are given, annual / 12 when only a year is stated; payslips: 应发 gross of the most recent month; statements: the
mean over the months with salary credits of the salary credits in that month, page 1 only for an image);
issue_date (the letter's date; the payslip's pay date, or the date a multi-month table is dated; the statement's
print date; None when not stated). Judgement calls a family makes are recorded in Facts.extra. Every person,
employer, lender and amount is invented; bank names are real banks.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from sample_docs import generate
from sample_docs import income_families as fam
from sample_docs import income_families_unseen as unseen1
from sample_docs import income_families_unseen2 as unseen2
from sample_docs import income_families_unseen3 as unseen3
from sample_docs import income_families_unseen4 as unseen4
from sample_docs import income_families_unseen5 as unseen5
from sample_docs.generate import make_person

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
CENT = Decimal("0.01")
CITIES = unseen3.CITIES
fit = unseen3.fit
multiply = unseen3.multiply
scrawl = unseen3.scrawl
fill_line = unseen3.fill_line
vertical = unseen3.vertical
credit_code = unseen3.credit_code
mobile = unseen3.mobile
mono = unseen3.mono
cells = unseen3.cells
pad = unseen3.pad
status_bar = unseen3.status_bar
watermark = unseen3.watermark
hand = unseen2.hand
hand_width = unseen2.hand_width
checkbox = unseen2.checkbox
choices_line = unseen2.choices_line
cn_date = unseen1.cn_date
day_text = unseen4.day_text
wan = unseen4.wan
Acct, Drawn = unseen4.Acct, unseen4.Drawn
Build = Callable[[random.Random, Acct, list[fam.Tx]], Drawn]
statement = unseen5._statement
room = unseen5._room
px = unseen5._px


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _seals(tamper: str | None, *pages: int) -> tuple[int, ...]:
    return () if tamper == "seal" else (pages or (1,))


def _employee(rng: random.Random, tamper: str | None, step: int = 100) -> fam.Employee:
    """fam.employee of working age (20 to 58 on TODAY) with a hiring date the person was old enough for (unseen4's
    rule)."""
    while True:
        e = unseen4._employee(rng, tamper, step)
        if 20 <= fam.TODAY.year - e.person.birth.year <= 58:
            return e


def _worker(rng: random.Random, oldest: int = 58) -> generate.Person:
    """An invented person of working age (20 to `oldest` on TODAY)."""
    while True:
        person = make_person(rng)
        age = fam.TODAY.year - person.birth.year
        if 20 <= age <= oldest:
            return person


def _center(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], text: str, fnt: ImageFont.FreeTypeFont,
            fill: tuple[int, int, int] = INK, align: str = "c", pad_x: int = 10) -> None:
    """Text in a box: vertically centred; left, centre or right aligned; shrunk to fit the width."""
    x0, y0, x1, y1 = box
    f = fit(text, fnt, x1 - x0 - 2 * pad_x)
    cy = (y0 + y1) / 2
    if align == "l":
        d.text((x0 + pad_x, cy), text, font=f, fill=fill, anchor="lm")
    elif align == "r":
        d.text((x1 - pad_x, cy), text, font=f, fill=fill, anchor="rm")
    else:
        d.text(((x0 + x1) / 2, cy), text, font=f, fill=fill, anchor="mm")


def _dashed(d: ImageDraw.ImageDraw, x0: float, x1: float, y: float, fill: tuple[int, int, int] = GREY,
            dash: int = 12, gap: int = 8, width: int = 2) -> None:
    x = x0
    while x < x1:
        d.line((x, y, min(x + dash, x1), y), fill=fill, width=width)
        x += dash + gap


def _paper(size: tuple[int, int], tint: tuple[int, int, int], rng: random.Random, grain: int = 5) -> Image.Image:
    """A sheet of tinted paper with a little grain and uneven light."""
    w, h = size
    gen = np.random.default_rng(rng.randrange(1 << 30))
    base = np.empty((h, w, 3), np.float32)
    base[:] = np.array(tint, np.float32)
    base += gen.normal(0, grain, (h, w, 1)).astype(np.float32)
    xx = np.linspace(0, 1, w, dtype=np.float32)[None, :, None]
    yy = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    base *= 1 - 0.05 * (rng.uniform(0, 1) * xx + rng.uniform(0, 1) * yy)
    return Image.fromarray(base.clip(0, 255).astype(np.uint8))


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


LENDERS = [("衡远消费金融有限公司", (0, 94, 170), "HY"), ("青禾网络小额贷款有限公司", (0, 130, 90), "QH"),
           ("泰祥消费金融股份有限公司", (196, 70, 20), "TX"), ("瀚海普惠小额贷款有限公司", (30, 80, 160), "HH"),
           ("嘉岳消费金融有限公司", (150, 30, 60), "JY"), ("朗信网络小额贷款有限公司", (220, 110, 0), "LX")]
LOANS = ["个人消费贷款", "个人信用贷款", "消费分期业务", "个人经营性贷款"]


def cert_lender_verification(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A lender's 工作及收入情况核实函, returned by the employer filled in by hand: numbered questions with tick boxes
    and blanks under the lender's printed request."""
    # The lender (a consumer-finance or micro-loan company, not the employer) prints its name, a 编号, the employer as
    # addressee, the applicant's name and ID number (sometimes masked) and sometimes its own 发函日期; the employer
    # ticks and writes the answers (税前 monthly income with 大写, or 税前 and 税后, or a yearly figure in 万元),
    # signs 回函单位 under its seal and writes the 回函日期: the issue date is the employer's, not the lender's.
    e = _employee(rng, tamper)
    lender, colour, code = rng.choice(LENDERS)
    s = fam.make_style(rng, sizes=(26, 29), serif_p=0.3)
    page, d = fam.blank_page()
    x = rng.randint(95, 120)
    right = PAGE_W - x
    tw = right - x
    y = rng.randint(70, 95)
    d.rounded_rectangle((x, y, x + 58, y + 58), 10, fill=colour)
    d.text((x + 29, y + 29), lender[0], font=fam.font(fam.SANS_BOLD, 34), fill=(255, 255, 255), anchor="mm")
    d.text((x + 74, y), lender, font=fam.font(fam.SANS_BOLD, 27), fill=colour)
    d.text((x + 74, y + 36), rng.choice(["个人信贷业务部", "信审中心", "风险管理部"]), font=fam.font(fam.SANS, 18),
           fill=GREY)
    d.text((right, y + 36), f"编号：{code}{e.issue.year}{rng.randint(10**6, 10**7 - 1)}", font=fam.font(fam.SANS, 18),
           fill=GREY, anchor="ra")
    y += 78
    d.line((x, y, right, y), fill=colour, width=3)
    y += 38
    title = rng.choice(["工作及收入情况核实函", "借款人工作及收入核实函", "员工在职及收入情况核实函"])
    d.text((PAGE_W / 2, y), title, font=s.f(44, bold=True), fill=INK, anchor="ma")
    y += 86
    body = s.f()
    to = f"{e.company}{rng.choice(['：', '（人力资源部）：', '人力资源部：'])}"
    d.text((x, y), to, font=fit(to, body, tw), fill=INK)
    y += int(body.size * 1.9)
    id_full = rng.random() < 0.75
    id_text = e.person.id_number if id_full else fam.mask_id(e.person.id_number)
    intro = (f"我司客户{e.person.name}（身份证号码：{id_text}）向我司申请{rng.choice(LOANS)}，并声明其为贵单位员工。"
             "为核实其工作及收入情况，恳请贵单位协助如实填写以下内容，加盖单位公章后交由客户本人提交或回传我司。"
             "感谢贵单位的支持与配合！")
    y = fam.paragraphs(d, x, y, tw, [intro], body, leading=1.8)
    sent = None
    if rng.random() < 0.6:
        sent = e.issue - dt.timedelta(days=rng.randint(1, 6))
        d.text((right, y + 4), f"{lender}　{s.day(sent)}", font=s.f(s.size - 3), fill=INK, anchor="ra")
        y += int(body.size * 1.9)
    y += 16
    note = "以下内容由贵单位填写"
    nf = s.f(20)
    nw = nf.getlength(note) + 30
    _dashed(d, x, PAGE_W / 2 - nw / 2, y + 12)
    _dashed(d, PAGE_W / 2 + nw / 2, right, y + 12)
    d.text((PAGE_W / 2, y), note, font=nf, fill=GREY, anchor="ma")
    y += 52
    hs = s.size + 5
    step = int(s.size * rng.uniform(2.5, 2.7))
    x0 = x + 10
    num = iter(range(1, 20))
    mode = rng.choice(["monthly", "monthly", "pre_post", "annual_wan"])
    if tamper == "words":
        mode = rng.choice(["monthly", "pre_post"])
    words_shown = mode == "monthly" or (mode == "pre_post" and rng.random() < 0.6) or tamper == "words"

    def label(text: str) -> float:
        q = f"{next(num)}. {text}"
        d.text((x0, y), q, font=body, fill=INK)
        return x0 + body.getlength(q) + 12

    cx = label("该客户是否为贵单位在职员工：")
    choices_line(d, cx, y, ["是", "否"], "是", body, rng, gap=40)
    y += step
    hired = f"{e.since.year}年{e.since.month}月"
    fill_line(page, x0, y, [f"{next(num)}. 入职时间：", (hired, 200), "　　所在部门：", (e.dept, 200)], body, hs, rng,
              fam.PEN)
    y += step
    fill_line(page, x0, y, [f"{next(num)}. 担任职务：", (e.title, 240)], body, hs, rng, fam.PEN)
    y += step
    cx = label("用工性质：")
    choices_line(d, cx, y, ["正式员工", "劳务派遣", "实习/临时"], "正式员工", body, rng)
    y += step
    digits = fam.money(e.monthly, rng.random() < 0.5, rng.choice([0, 2]))
    words_line = False
    if mode == "monthly":
        fill_line(page, x0, y, [f"{next(num)}. 该客户税前月收入约为人民币", (digits, 200), "元"], body, hs, rng,
                  fam.PEN)
        y += step
        words_line = True
    elif mode == "pre_post":
        net = (e.monthly * Decimal(rng.choice(["0.78", "0.81", "0.84", "0.86"]))).quantize(Decimal(100))
        parts = [f"{next(num)}. 该客户月收入：税前", (digits, 170), "元；税后", (fam.money(net, False, 0), 150), "元"]
        fill_line(page, x0, y, parts, body, hs, rng, fam.PEN)
        y += step
        words_line = words_shown
    else:
        fill_line(page, x0, y, [f"{next(num)}. 该客户近一年税前收入约为", (wan(e.monthly * 12), 150), "万元"], body,
                  hs, rng, fam.PEN)
        y += step
    if words_line:
        fill_line(page, x0 + body.getlength("0. "), y, ["（大写：", (fam.to_words(e.words_amount), 430), "）"], body,
                  hs, rng, fam.PEN)
        y += step
    cx = label("工资发放方式：")
    choices_line(d, cx, y, ["银行代发", "现金", "其他"], "银行代发", body, rng)
    y += step
    fill_line(page, x0, y, [f"{next(num)}. 单位联系人：", (e.hr, 150), "　联系电话：", (e.phone, 230)], body, hs, rng,
              fam.PEN)
    y += step + 10
    d.rectangle((x, y, right, y + 300), outline=GRID, width=2)
    d.text((x + 20, y + 18), "单位意见：以上信息经核实无误，我单位对所填内容的真实性负责。", font=s.f(s.size - 1),
           fill=INK)
    yy = y + 100
    lab = rng.choice(["回函单位（盖章）：", "单位名称（公章）：", "回执单位（盖章）："])
    sx = x + 20
    end = fill_line(page, sx, yy, [lab, (e.company, 480)], body, hs, rng, fam.PEN)
    if tamper != "seal":
        fam.seal(d, end - rng.randint(160, 260), yy + rng.randint(0, 40), rng.randint(112, 130), e.company)
    yy += step
    fill_line(page, sx, yy, [rng.choice(["回函日期：", "日期：", "填写日期："]), (str(e.issue.year), 90), "年",
                             (str(e.issue.month), 50), "月", (str(e.issue.day), 50), "日"], body, hs, rng, fam.PEN)
    y += 330
    foot = (f"客服热线：400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}　　"
            "本函仅用于核实客户信息，我司将依法保护客户个人信息。")
    d.text((x, PAGE_H - 120), foot, font=fit(foot, fam.font(fam.SANS, 18), tw), fill=GREY)
    monthly = e.monthly
    f = fam._fields(e.person.name, e.person.id_number if id_full else None, e.company, monthly, e.issue)
    extra = {"income_mode": mode, "lender": lender, "lender_sent": None if sent is None else sent.isoformat(),
             "issue_date_is": "the employer's 回函日期", "id_masked": not id_full}
    if mode == "annual_wan":
        extra["annual_income"] = float(e.monthly * 12)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1 if words_line else None,
                             tampered=tamper, extra=extra)



def _contract_dates(rng: random.Random) -> tuple[dt.date, dt.date, int]:
    """A labour contract in force on TODAY: its start (the first of a month 4 to 30 months back), the day it was
    signed (a few days before) and its term in years."""
    start = fam.add_months(dt.date(fam.TODAY.year, fam.TODAY.month, 1), -rng.randint(4, 30))
    signed = start - dt.timedelta(days=rng.randint(0, 9))
    return start, signed, rng.choice([3, 3, 3, 5, 2])


def cert_labour_contract(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 劳动合同书 uploaded as proof of income: the parties' block, numbered 第X条 clauses with the wage in the
    劳动报酬 clause, the signatures, seal and 签订日期 on the last page; sometimes a printed cover page first."""
    # The monthly figure is the wage after probation (when the probation wage is also given, it is lower); the
    # employer is 甲方, the person 乙方 with a full ID number; the issue date is the 签订日期 (also on the cover when
    # there is one). The 大写 follows the wage. 3 pages with the cover, else 2.
    e = _employee(rng, tamper)
    start, signed, years = _contract_dates(rng)
    end = generate.add_years(start, years) - dt.timedelta(days=1)
    probation_months = rng.choice([1, 2, 3, 6])
    s = fam.make_style(rng, sizes=(23, 25), serif_p=0.8, dates=("cn",))
    body = s.f()
    bold = s.f(bold=True)
    mx = rng.randint(120, 150)
    tw = PAGE_W - 2 * mx
    lead = 1.75
    city = rng.choice(CITIES)
    pages: list[tuple[Image.Image, ImageDraw.ImageDraw]] = []
    cover = rng.random() < 0.35
    number = f"{rng.choice(['LD', 'HT', 'RS'])}-{signed.year}-{rng.randint(1, 999):03d}"
    legal = fam.person_name(rng)

    def date_cn(day: dt.date) -> str:
        return f"{day.year}年{day.month}月{day.day}日"

    if cover:
        page, d = fam.blank_page()
        d.text((PAGE_W - mx, 150), f"合同编号：{number}", font=s.f(22), fill=INK, anchor="ra")
        d.text((PAGE_W / 2, 420), "劳 动 合 同 书", font=s.f(76, bold=True), fill=INK, anchor="ma")
        y = 860
        lx = mx + 140
        for label, value in (("甲方（用人单位）", e.company), ("乙方（劳　动　者）", e.person.name),
                             ("签 订 日 期", date_cn(signed))):
            d.text((lx, y), f"{label}：", font=s.f(30), fill=INK)
            vx = lx + s.f(30).getlength(f"{label}：")
            d.line((vx, y + 44, PAGE_W - mx - 60, y + 44), fill=INK, width=2)
            d.text((vx + 16, y), value, font=fit(value, s.f(30), PAGE_W - mx - 80 - vx), fill=INK)
            y += 110
        d.text((PAGE_W / 2, PAGE_H - 260), f"{city}市人力资源和社会保障局监制", font=s.f(30), fill=INK, anchor="ma")
        pages.append((page, d))
    page, d = fam.blank_page()
    pages.append((page, d))
    y = 110
    if not cover:
        d.text((PAGE_W - mx, y), f"合同编号：{number}", font=s.f(21), fill=INK, anchor="ra")
        y += 60
        d.text((PAGE_W / 2, y), rng.choice(["劳动合同书", "劳动合同", "劳动合同书（通用）"]), font=s.f(48, bold=True),
               fill=INK, anchor="ma")
        y += 110
    step = int(body.size * lead)
    parties = [("甲方（用人单位）", e.company), ("统一社会信用代码", credit_code(rng)), ("法定代表人", legal),
               ("注册地址", e.address), ("乙方（劳动者）", f"{e.person.name}　　性别：{e.person.sex}"),
               ("居民身份证号码", e.person.id_number), ("户籍地址", e.person.address),
               ("联系电话", mobile(rng))]
    for label, value in parties:
        text = f"{label}：{value}"
        d.text((mx, y), text, font=fit(text, body if label[:2] not in ("甲方", "乙方") else bold, tw), fill=INK)
        y += step
    y += 12
    paras: list[tuple[str, str]] = [("p", "根据《中华人民共和国劳动法》《中华人民共和国劳动合同法》和有关法律"
                                           "法规，甲乙双方经平等自愿、协商一致签订本合同，共同遵守本合同所列条款。")]
    probation_pay = (e.monthly * Decimal(rng.choice(["0.8", "0.8", "0.85", "0.9"]))).quantize(Decimal(100))
    with_probation = rng.random() < 0.5
    base = (e.monthly * Decimal(rng.choice(["0.6", "0.7", "0.75"]))).quantize(Decimal(100))
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整")])
    words = fam.to_words(e.words_amount, yuan, whole)
    amount = fam.money(e.monthly, s.thousands)
    if with_probation:
        pay_text = (f"第六条　乙方试用期间月工资为人民币{fam.money(probation_pay, s.thousands)}元；试用期满后，"
                    f"乙方月工资（税前）为人民币{amount}元（大写：{words}），其中基本工资"
                    f"{fam.money(base, s.thousands)}元，其余为岗位及绩效工资。")
    else:
        pay_text = (f"第六条　甲方按月以货币形式支付乙方工资，乙方月工资标准（税前）为人民币{amount}元"
                    f"（大写：{words}），其中基本工资{fam.money(base, s.thousands)}元，岗位及绩效工资按甲方"
                    "薪酬制度考核发放。")
    pay_day = rng.choice([5, 10, 15, 20])
    clauses1: list[tuple[str, str]] = [
        ("h", "一、劳动合同期限"),
        ("p", f"第一条　本合同为固定期限劳动合同，期限{years}年，自{date_cn(start)}起至{date_cn(end)}止。其中试用期"
              f"{probation_months}个月，自{date_cn(start)}起至"
              f"{date_cn(fam.add_months(start, probation_months) - dt.timedelta(days=1))}止。"),
        ("h", "二、工作内容和工作地点"),
        ("p", f"第二条　乙方同意根据甲方工作需要，在{e.dept}担任{e.title}岗位工作。"),
        ("p", f"第三条　乙方的工作地点为{city}市，甲方因经营需要调整乙方工作地点的，应与乙方协商一致。"),
        ("h", "三、工作时间和休息休假"),
        ("p", "第四条　甲方安排乙方执行标准工时工作制度，每日工作不超过8小时，每周工作不超过40小时。"),
        ("p", "第五条　乙方依法享有法定节假日、年休假、婚假、产假等假期。"),
        ("h", "四、劳动报酬"),
        ("p", pay_text),
        ("p", f"第七条　甲方于每月{pay_day}日前支付乙方上月工资，如遇节假日或休息日，则提前到最近的工作日支付。"),
    ]
    clauses2: list[tuple[str, str]] = [
        ("h", "五、社会保险和福利待遇"),
        ("p", "第八条　甲乙双方依法参加社会保险，按时缴纳各项社会保险费，其中依法应由乙方缴纳的部分，由甲方从乙方工资中"
              "代扣代缴。"),
        ("h", "六、劳动保护、劳动条件和职业危害防护"),
        ("p", "第九条　甲方按照国家和地方有关规定，为乙方提供必要的劳动条件和劳动保护用品，建立健全安全生产制度。"),
        ("h", "七、劳动合同的变更、解除、终止"),
        ("p", "第十条　经甲乙双方协商一致，可以变更本合同约定的内容。变更劳动合同，应当采用书面形式。"),
        ("p", "第十一条　甲乙双方解除或终止本合同，应当按照《中华人民共和国劳动合同法》的有关规定执行。"),
        ("h", "八、其他事项"),
        ("p", "第十二条　本合同未尽事宜，按国家和地方有关规定执行。"),
        ("p", "第十三条　本合同一式两份，甲乙双方各执一份，经双方签字（盖章）后生效。"),
    ]
    words_page = len(pages)

    def draw_clauses(d: ImageDraw.ImageDraw, y: int, items: list[tuple[str, str]]) -> int:
        for kind, text in items:
            if kind == "h":
                y += 6
                d.text((mx, y), text, font=bold, fill=INK)
                y += step
            else:
                y = fam.paragraphs(d, mx, y, tw, [text], body, leading=lead, indent=kind == "p")
        return y

    y = draw_clauses(d, y, paras + clauses1)
    first_items = clauses2[:4] if y < PAGE_H - 520 else []
    y = draw_clauses(d, y, first_items)
    page2, d2 = fam.blank_page()
    pages.append((page2, d2))
    y = draw_clauses(d2, 130, clauses2[len(first_items):])
    y += 60
    y = fam.paragraphs(d2, mx, y, tw, ["（以下无正文）"], body, indent=False)
    y += 90
    col = mx + tw // 2 + 20
    d2.text((mx, y), "甲方（盖章）：", font=body, fill=INK)
    d2.text((col, y), "乙方（签字）：", font=body, fill=INK)
    scrawl(page2, col + body.getlength("乙方（签字）："), y - 22, e.person.name, 40, rng)
    if tamper != "seal":
        fam.seal(d2, mx + rng.randint(190, 260), y + rng.randint(40, 90), rng.randint(120, 140), e.company)
    y += 110
    d2.text((mx, y), "法定代表人或", font=body, fill=INK)
    d2.text((mx, y + step), "委托代理人（签字）：", font=body, fill=INK)
    scrawl(page2, mx + body.getlength("委托代理人（签字）："), y + step - 22, legal, 38, rng)
    y += 2 * step + 60
    how = rng.choice(["cn", "blank"])
    for cx in (mx, col):
        if how == "cn":
            d2.text((cx, y), f"签订日期：{date_cn(signed)}", font=body, fill=INK)
        else:
            fill_line(page2, cx, y, ["签订日期：", (str(signed.year), 80), "年", (str(signed.month), 44), "月",
                                     (str(signed.day), 44), "日"], body, body.size + 4, rng, (25, 25, 40))
    n = len(pages)
    for i, (_, dd) in enumerate(pages, start=1):
        if cover and i == 1:
            continue
        k, total = (i - 1, n - 1) if cover else (i, n)
        dd.text((PAGE_W / 2, PAGE_H - 90), f"第 {k} 页 共 {total} 页", font=s.f(19), fill=GREY, anchor="ma")
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, signed)
    if cover:
        first = fam._fields(e.person.name, None, e.company, None, signed)
    else:
        first = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, None)
    extra = {"contract_start": start.isoformat(), "contract_end": end.isoformat(), "cover_page": cover,
             "probation_wage": float(probation_pay) if with_probation else None,
             "issue_date_is": "签订日期 (the signing date)", "monthly_is": "the wage after probation (税前)"}
    return [pg for pg, _ in pages], fam.Facts(CERT, f, first, _seals(tamper, n), words_page, tamper, extra)



def _fax(page: Image.Image, rng: random.Random, header: str) -> Image.Image:
    """The page as the receiving fax machine prints it: a little skewed, black and white (grey, such as a red seal,
    dithered to dots), in standard or fine resolution, with specks, dropouts and the transmission line on top."""
    arr = np.asarray(page).astype(np.int16)
    grey = np.asarray(page.convert("L")).astype(np.float32)
    red = (arr[..., 0] - arr[..., 1] > 70) & (arr[..., 0] - arr[..., 2] > 60)
    grey[red] = np.maximum(grey[red], 150)  # a red seal reaches the fax as mid grey
    img = Image.fromarray(grey.clip(0, 255).astype(np.uint8))
    img = img.rotate(rng.uniform(-0.9, 0.9), resample=Image.BICUBIC, fillcolor=255)
    w, h = img.size
    standard = rng.random() < 0.4
    if standard:  # 98 lines per inch: half the vertical detail
        img = img.resize((w, int(h * 0.62)), Image.BILINEAR).resize((w, h), Image.NEAREST)
    g = np.asarray(img).astype(np.float32)
    g = np.where(g < 105, 0, np.where(g > 215, 255, g))
    bw = np.asarray(Image.fromarray(g.astype(np.uint8)).convert("1")).astype(np.uint8) * 255
    gen = np.random.default_rng(rng.randrange(1 << 30))
    specks = gen.random(bw.shape) < 0.0006
    bw[specks] = 0
    for _ in range(rng.randint(1, 4)):  # lines the machine dropped
        yy = rng.randrange(120, h - 40)
        bw[yy:yy + rng.choice([1, 1, 2])] = 255
    if rng.random() < 0.35:  # a dirty spot on the scanning head draws a thin line down the page
        xx = rng.randrange(80, w - 80)
        bw[:, xx] = np.where(gen.random(h) < 0.8, 0, bw[:, xx])
    out = Image.fromarray(bw).convert("RGB")
    d = ImageDraw.Draw(out)
    d.rectangle((0, 0, w, 40), fill=(255, 255, 255))
    d.text((30, 10), header, font=mono(19), fill=(0, 0, 0))
    return out


FAX_SUBJECTS = ["关于{name}同志工作及收入情况的说明", "关于{name}收入情况的证明", "{name}在职及收入情况说明"]


def cert_fax_memo(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 传真 memo the employer faxed to a bank: a 致/发自/传真/电话/日期/页数/主题 grid at the top, a short
    说明 below it, signed by its 人力资源部; received black and white with the fax machine's transmission line."""
    # The date is in the memo grid (sometimes repeated under the signature); the fax line's time stamp is the
    # transmission (the same day or a day or two later) and is not the issue date. The income is the 税前 average of
    # the last 6 or 12 months with 大写 (sometimes 税后 too). The seal came through the fax as a dotted grey ring.
    e = _employee(rng, tamper)
    bank = rng.choice(fam.BANKS)
    s = fam.make_style(rng, sizes=(26, 29), serif_p=0.6, dates=("cn", "cn", "iso", "cn0", "dot"))
    page, d = fam.blank_page()
    x = rng.randint(110, 140)
    right = PAGE_W - x
    tw = right - x
    y = 110
    d.text((PAGE_W / 2, y), e.company, font=fit(e.company, s.f(38, bold=True), tw), fill=INK, anchor="ma")
    y += 64
    d.text((PAGE_W / 2, y), rng.choice(["传　真", "传 真 函", "FAX 传真"]), font=s.f(48, bold=True), fill=INK,
           anchor="ma")
    y += 92
    fax_own = fam.phone(rng)
    fax_bank = fam.phone(rng)
    officer = fam.person_name(rng)
    memo_date = e.issue
    grid = [("致", f"{bank}{rng.choice(['个人信贷部', '零售信贷部', '个人金融部'])}", "发自", f"{e.company}人力资源部"),
            ("收件人", f"{officer[0]}{rng.choice(['经理', '先生', '女士'])}", "发件人", e.hr),
            ("传真", fax_bank, "电话", e.phone),
            ("日期", s.day(memo_date), "页数", rng.choice(["1（含本页）", "共1页", "1"]))]
    lw = 120
    half = tw // 2
    gf = s.f(s.size - 2)
    rh = int(gf.size * 2.0)
    for a, b, c, v in grid:
        d.text((x, y + 8), f"{a}：", font=gf, fill=INK)
        _center(d, (x + lw, y, x + half - 10, y + rh), b, gf, align="l", pad_x=0)
        d.text((x + half, y + 8), f"{c}：", font=gf, fill=INK)
        _center(d, (x + half + lw, y, right, y + rh), v, gf, align="l", pad_x=0)
        y += rh
        d.line((x, y, right, y), fill=GREY, width=1)
    subject = rng.choice(FAX_SUBJECTS).format(name=e.person.name)
    d.text((x, y + 8), "主题：", font=gf, fill=INK)
    d.text((x + lw, y + 8), subject, font=fit(subject, s.f(s.size - 2, bold=True), tw - lw), fill=INK)
    y += rh
    d.line((x, y, right, y), fill=INK, width=3)
    d.line((x, y + 6, right, y + 6), fill=INK, width=1)
    y += 50
    body = s.f()
    months = rng.choice([6, 12])
    net = (e.monthly * Decimal(rng.choice(["0.79", "0.82", "0.85"]))).quantize(Decimal(1))
    post = f"，税后约{s.amount(net)}" if rng.random() < 0.4 else ""
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整"), ("元", "正")])
    paras = [
        f"现就我公司员工{e.person.name}（身份证号码：{e.person.id_number}）的有关情况说明如下：",
        f"该员工于{e.since.year}年{e.since.month}月入职我公司，现在{e.dept}任{e.title}，与我公司签订有劳动合同，"
        "目前在职。",
        f"该员工近{months}个月平均月收入（税前）为{s.amount(e.monthly)}"
        f"（大写：{fam.to_words(e.words_amount, yuan, whole)}）{post}，工资每月通过银行代发。",
        "以上情况属实，如需核实请致电我公司人力资源部。",
        "特此说明。",
    ]
    d.text((x, y), f"{bank}：", font=body, fill=INK)
    y += int(body.size * 1.9)
    y = fam.paragraphs(d, x, y, tw, paras, body, leading=1.85)
    y += rng.randint(80, 130)
    sign = f"{e.company}人力资源部"
    sf = fit(sign, body, tw * 0.62)
    sx = right - sf.getlength(sign)
    d.text((sx, y), sign, font=sf, fill=INK)
    repeat = rng.random() < 0.5
    if repeat:
        d.text((right, y + int(body.size * 1.9)), s.day(memo_date), font=body, fill=INK, anchor="ra")
    if tamper != "seal":
        fam.seal(d, sx + sf.getlength(sign) * rng.uniform(0.45, 0.7), y + 10, rng.randint(118, 136), e.company)
    sent = dt.datetime.combine(memo_date + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2])),
                               dt.time(rng.randint(9, 17), rng.randrange(60)))
    header = (f"{sent:%Y-%m-%d %H:%M}  FROM: {fax_own.replace('-', ' ')}  TO: {fax_bank.replace('-', '')}"
              f"    P.001/001")
    faxed = _fax(page, rng, header)
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, memo_date)
    extra = {"fax_sent": sent.isoformat(timespec="minutes"), "date_repeated_at_signature": repeat,
             "income_basis": f"近{months}个月平均（税前）", "net_shown": bool(post),
             "seal_colour": "dithered black (fax)"}
    return [faxed], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper, extra=extra)



def _face(rng: random.Random) -> Image.Image:
    """A plain head-and-shoulders silhouette for the card copy's portrait (the copy shows it as a grey shape)."""
    w, h = 215, 265
    img = Image.new("RGB", (w, h), (236, 238, 240))
    d = ImageDraw.Draw(img)
    tone = rng.randint(150, 190)
    hair = rng.randint(30, 70)
    d.ellipse((20, 190, 195, 330), fill=(hair + 30, hair + 30, hair + 40))
    d.rectangle((88, 150, 128, 205), fill=(tone, tone - 10, tone - 20))
    d.ellipse((52, 30, 164, 150), fill=(hair, hair, hair))
    d.ellipse((62, 62, 154, 174), fill=(tone, tone - 10, tone - 20))
    return img


def _card_copy(card: Image.Image, scale: float, rng: random.Random) -> Image.Image:
    """A card as a photocopier reproduces it: grey, the security print gone, the text darker, the card's edge a
    grey outline, a little toner dust."""
    flat = Image.new("RGB", card.size, (255, 255, 255))
    flat.paste(card, mask=card.split()[3])
    g = flat.convert("L")
    tone = rng.randint(222, 236)
    g = g.point(lambda v: tone if v > 212 else int(v * 0.72))
    w, h = int(card.width * scale), int(card.height * scale)
    g = g.resize((w, h), Image.LANCZOS)
    arr = np.asarray(g).astype(np.float32)
    gen = np.random.default_rng(rng.randrange(1 << 30))
    arr += gen.normal(0, 4, arr.shape)
    dust = gen.random(arr.shape) < 0.002
    arr[dust] = rng.randint(60, 120)
    copy = Image.fromarray(arr.clip(0, 255).astype(np.uint8)).convert("RGB")
    mask = Image.new("L", (w, h), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, w - 1, h - 1), int(32 * scale), fill=255)
    out = Image.new("RGB", (w, h), (255, 255, 255))
    out.paste(copy, mask=mask)
    ImageDraw.Draw(out).rounded_rectangle((0, 0, w - 1, h - 1), int(32 * scale), outline=(110, 110, 110), width=2)
    return out


PURPOSES = ["仅供办理贷款申请使用", "此复印件仅供贷款审核使用，他用无效", "仅供{lender}贷款使用",
            "仅限本次借款申请使用"]


def cert_id_copy_sheet(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """One A4 sheet with the applicant's ID card copied on its upper half (front and back, annotated by hand) and
    the employer's 收入证明 printed on the lower half."""
    # The card copy states the name and the full ID number (with a birth date, an address and a validity period
    # that are not the fields); the letter restates the name and usually the ID number, states the employer in the
    # signature block (证明单位) and the monthly income with 大写. The applicant's pen note across the copy sometimes
    # carries a date (the day of signing it): the issue date is the letter's date.
    e = _employee(rng, tamper)
    s = fam.make_style(rng, sizes=(26, 28), serif_p=0.5, dates=("cn", "cn", "cnspace", "cn0", "iso"))
    page, d = fam.blank_page()
    front = generate.render_front(e.person, _face(rng), rng)[0]
    back = generate.render_back(e.person, rng)
    stacked = rng.random() < 0.4
    if stacked:
        scale = rng.uniform(0.7, 0.74)
        fc, bc = _card_copy(front, scale, rng), _card_copy(back, scale, rng)
        cx = (PAGE_W - fc.width) // 2 + rng.randint(-40, 40)
        y0 = rng.randint(60, 90)
        page.paste(fc, (cx, y0))
        back_at = (cx + rng.randint(-8, 8), y0 + fc.height + rng.randint(26, 40))
        page.paste(bc, back_at)
        copy_bottom = y0 + 2 * fc.height + 40
    else:
        scale = rng.uniform(0.63, 0.66)
        fc, bc = _card_copy(front, scale, rng), _card_copy(back, scale, rng)
        gap = rng.randint(30, 50)
        x0 = (PAGE_W - 2 * fc.width - gap) // 2
        y0 = rng.randint(90, 150)
        page.paste(fc, (x0, y0))
        back_at = (x0 + fc.width + gap, y0 + rng.randint(-6, 6))
        page.paste(bc, back_at)
        copy_bottom = y0 + fc.height + 10
    lender = rng.choice(LENDERS)[0]
    note = rng.choice(PURPOSES).format(lender=lender.replace("有限公司", "").replace("股份", ""))
    noted = None
    hs = rng.randint(30, 34)
    layer = Image.new("RGBA", (PAGE_W, hs * 5), (0, 0, 0, 0))
    ink = rng.choice([fam.PEN, (30, 30, 30)])
    end = hand(layer, 20, 10, note, hs, rng, ink)
    if rng.random() < 0.4:
        noted = e.issue + dt.timedelta(days=rng.choice([0, 0, 1, 2]))
        when = f"{noted.year}.{noted.month}.{noted.day}"
        hand(layer, max(20, end - hand_width(when, hs) - 10), 20 + hs * 1.6, when, hs, rng, ink)
    layer = layer.crop(layer.getbbox() or (0, 0, 10, 10))
    layer = layer.rotate(rng.uniform(4, 10), resample=Image.BICUBIC, expand=True)
    # across the back of the card, so that the front's name and number stay clear of the pen
    lx = max(10, min(back_at[0] + rng.randint(0, 40), PAGE_W - 15 - layer.width))
    ly = back_at[1] + bc.height // 2 - layer.height // 2 + rng.randint(-10, 20)
    page.paste(layer, (lx, ly), layer)
    y = copy_bottom + rng.randint(60, 90)
    x = rng.randint(110, 140)
    right = PAGE_W - x
    tw = right - x
    if rng.random() < 0.5:
        d.line((x, y - 30, right, y - 30), fill=(200, 200, 200), width=1)
    d.text((PAGE_W / 2, y), rng.choice(["收入证明", "收 入 证 明", "工作收入证明"]), font=s.f(44, bold=True), fill=INK,
           anchor="ma")
    y += 90
    body = s.f()
    with_id = rng.random() < 0.7
    ident = f"（身份证号码：{e.person.id_number}）" if with_id else "（身份证复印件附上）"
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整")])
    kind = rng.choice(["正式", "在职", "合同制"])
    income = rng.choice(["月收入", "月平均收入", "税前月收入"])
    text = (f"兹证明{e.person.name}{ident}系我单位{kind}员工，自{e.since.year}年{e.since.month}月起在我单位"
            f"{e.dept}从事{e.title}工作，{income}{s.amount(e.monthly)}"
            f"（大写：{fam.to_words(e.words_amount, yuan, whole)}）。")
    y = fam.paragraphs(d, x, y, tw, [text, "本证明仅用于贷款申请，特此证明。"], body, leading=1.8)
    y += rng.randint(50, 80)
    lab = rng.choice(["证明单位（盖章）：", "单位名称（盖章）：", "证明单位："])
    sx = right - max(body.getlength(lab), body.getlength(e.company)) - 10
    d.text((sx, y), lab, font=body, fill=INK)
    d.text((sx, y + int(body.size * 1.7)), e.company, font=fit(e.company, body, right - sx), fill=INK)
    d.text((sx, y + int(body.size * 3.6)), s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        fam.seal(d, sx + body.getlength(e.company) * rng.uniform(0.35, 0.6), y + body.size * 2, rng.randint(118, 135),
                 e.company)
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    extra = {"id_on_card_copy": True, "id_in_letter": with_id, "cards": "stacked" if stacked else "side by side",
             "note_dated": None if noted is None else noted.isoformat(), "issue_date_is": "the letter's date"}
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper, extra=extra)



# ------------------------------------------------------------------------------------- 工资条 (payslips)


FOREIGN_EMPLOYERS = [
    ("德孚精密机械（太仓）有限公司", "Deufer Precision Machinery (Taicang) Co., Ltd."),
    ("斯堪维尔医疗科技（上海）有限公司", "Skanwell Medical Technology (Shanghai) Co., Ltd."),
    ("马尔腾化工（南京）有限公司", "Malten Chemicals (Nanjing) Co., Ltd."),
    ("艾德隆汽车电子（苏州）有限公司", "Adelon Automotive Electronics (Suzhou) Co., Ltd."),
    ("霍恩伯格物流（天津）有限公司", "Hornberg Logistics (Tianjin) Co., Ltd."),
    ("维森特软件（大连）有限公司", "Wissent Software (Dalian) Co., Ltd."),
    ("诺尔特食品（广州）有限公司", "Nordt Foods (Guangzhou) Co., Ltd."),
    ("克雷斯顿光学（无锡）有限公司", "Crestone Optics (Wuxi) Co., Ltd."),
]


@dataclass
class Line:
    code: str
    text: str
    qty: Decimal | None
    rate: Decimal | None
    amount: Decimal


def _social(gross_base: Decimal, rng: random.Random) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
    """The social-insurance base and the employee's pension, medical, unemployment and housing-fund deductions."""
    base = min(gross_base, Decimal(rng.choice([31884, 35283, 36549])))
    rate = Decimal(rng.choice(["0.05", "0.07", "0.1", "0.12"]))
    return (base, _q(base * Decimal("0.08")), _q(base * Decimal("0.02")) + rng.choice([0, 3]),
            _q(base * Decimal("0.005")), (base * rate).quantize(Decimal(1)))


def _sap_amount(value: Decimal) -> str:
    """SAP prints a negative amount with the minus sign after it: 960.00-."""
    return f"{abs(value):,.2f}" + ("-" if value < 0 else " ")


def slip_sap_wagetype(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A foreign-invested company's SAP payroll 薪资单 / Remuneration Statement: fixed-pitch lines of wage-type codes
    (1000, /101, /559) with bilingual texts, 数量 and 单价 columns, deductions with a trailing minus."""
    # Header lines 人员编号 / 组织单位 / 成本中心 / 核算期间 09.2026 / 付款日期 DD.MM.YYYY (the issue date; SAP's
    # day-first dates). The gross is /101 应发合计; employer contributions and year-to-date totals follow the net
    # (/559 银行转账) and are not income of the month. Sometimes a print stamp (打印) with its own date at the foot.
    company, company_en = rng.choice(FOREIGN_EMPLOYERS)
    person = _worker(rng)
    month, paid = unseen4._recent_pay(rng)
    base = Decimal(rng.randrange(60, 400) * 100)
    lines: list[Line] = [Line("1000", "基本工资 Basic Salary", None, None, base)]
    position = Decimal(rng.choice([0, 0, rng.randrange(5, 40) * 100]))
    if position:
        lines.append(Line("1010", "岗位津贴 Position Allowance", None, None, position))
    hourly = base / Decimal("21.75") / 8
    if rng.random() < 0.6:
        hours = Decimal(rng.randrange(4, 60)) / 2
        rate = _q(hourly * Decimal("1.5"))
        lines.append(Line("2100", "加班费 Overtime 150%", hours, rate, _q(hours * rate)))
    if rng.random() < 0.3:
        hours = Decimal(rng.randrange(8, 32))
        rate = _q(hourly * 2)
        lines.append(Line("2110", "加班费 Overtime 200%", hours, rate, _q(hours * rate)))
    if rng.random() < 0.7:
        days = Decimal(rng.randint(18, 23))
        rate = Decimal(rng.choice([15, 20, 25, 30]))
        lines.append(Line("3050", "餐费补贴 Meal Allowance", days, rate, days * rate))
    if rng.random() < 0.5:
        lines.append(Line("3060", rng.choice(["交通补贴 Transport Allowance", "通讯补贴 Phone Allowance"]), None, None,
                          Decimal(rng.randrange(2, 9) * 100)))
    if rng.random() < 0.4:
        lines.append(Line("1500", "绩效奖金 Performance Bonus", None, None, Decimal(rng.randrange(5, 80) * 100)))
    gross = sum((ln.amount for ln in lines), Decimal(0))
    sbase, pension, medical, unemp, fund = _social(base + position, rng)
    tax = fam._tax(gross - pension - medical - unemp - fund - 5000)
    deductions = [Line("/311", "养老保险个人 Pension EE", None, None, -pension),
                  Line("/321", "医疗保险个人 Medical EE", None, None, -medical),
                  Line("/331", "失业保险个人 Unemployment EE", None, None, -unemp),
                  Line("/341", "住房公积金个人 Housing Fund EE", None, None, -fund),
                  Line("/401", "个人所得税 Individual Income Tax", None, None, -tax)]
    total_ded = sum((ln.amount for ln in deductions), Decimal(0))
    net = gross + total_ded
    employer_part = [Line("/312", "养老保险单位 Pension ER", None, None, _q(sbase * Decimal("0.16"))),
                     Line("/322", "医疗保险单位 Medical ER", None, None, _q(sbase * Decimal("0.095"))),
                     Line("/332", "失业保险单位 Unemployment ER", None, None, _q(sbase * Decimal("0.005"))),
                     Line("/342", "住房公积金单位 Housing Fund ER", None, None, fund)]
    n = month.month
    ytd_gross = gross + sum((gross + Decimal(rng.randrange(-30, 30) * 50) for _ in range(n - 1)), Decimal(0))
    ytd_tax = tax * n + Decimal(rng.randrange(0, 200)) if tax else Decimal(0)
    size = rng.choice([19, 20, 20, 21])
    mf, mb = mono(size), mono(size, bold=True)
    cw = size / 2
    width = 100
    page, d = fam.blank_page()
    x = int((PAGE_W - width * cw) / 2)
    y = rng.randint(80, 110)
    d.text((x, y), company, font=fam.font(fam.SANS_BOLD, 30), fill=INK)
    d.text((x + width * cw, y + 4), "薪资单", font=fam.font(fam.SANS_BOLD, 28), fill=INK, anchor="ra")
    y += 44
    d.text((x, y), company_en, font=fam.font(fam.SANS, 20), fill=GREY)
    d.text((x + width * cw, y), "Remuneration Statement", font=fam.font(fam.SANS, 20), fill=GREY, anchor="ra")
    y += 46
    lh = int(size * 1.55)

    def put(text: str, bold: bool = False) -> None:
        nonlocal y
        d.text((x, y), text, font=mb if bold else mf, fill=INK)
        y += lh

    def dmy(day: dt.date) -> str:
        return f"{day:%d.%m.%Y}"

    pers_no = f"{rng.randint(10000, 99999999):08d}"
    cost = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    dept = rng.choice(fam.DEPARTMENTS)[0]
    put("=" * width)
    put(pad("人员编号 Pers.No.", 20) + ": " + pad(pers_no, 26) + pad("姓名 Name", 18) + ": " + person.name)
    put(pad("组织单位 Org.Unit", 20) + ": " + pad(dept, 26) + pad("成本中心 Cost Ctr", 18) + ": " + cost)
    last = fam.month_end(month)
    put(pad("核算期间 Period", 20) + ": " + f"{month:%m.%Y}  ({dmy(month)} - {dmy(last)})")
    put(pad("付款日期 Pay Date", 20) + ": " + pad(dmy(paid), 26) + pad("币种 Currency", 18) + ": CNY")
    put("-" * width)
    put(pad("工资项", 8) + pad("项目 Wage Type", 42) + pad("数量 Qty", 12, True) + pad("单价 Rate", 14, True)
        + pad("金额 Amount", 24, True), bold=True)
    put("-" * width)

    def row(ln: Line, bold: bool = False) -> None:
        qty = "" if ln.qty is None else f"{ln.qty:.2f}"
        rate = "" if ln.rate is None else f"{ln.rate:,.2f}"
        put(pad(ln.code, 8) + pad(ln.text, 42) + pad(qty, 12, True) + pad(rate, 14, True)
            + pad(_sap_amount(ln.amount), 24, True), bold)

    put("收入 Earnings", bold=True)
    for ln in lines:
        row(ln)
    row(Line("/101", "应发合计 Total Gross", None, None, gross), bold=True)
    y += lh // 2
    put("扣除 Deductions", bold=True)
    for ln in deductions:
        if ln.amount:
            row(ln)
    row(Line("/550", "扣除合计 Total Deductions", None, None, total_ded), bold=True)
    put("=" * width)
    row(Line("/559", "银行转账 Bank Transfer", None, None, net), bold=True)
    put("=" * width)
    y += lh // 2
    put("雇主缴纳（不计入应发）Employer Contributions, for information", bold=True)
    for ln in employer_part:
        row(ln)
    y += lh // 2
    put("本年累计 Year to Date", bold=True)
    put(pad("  应发合计 Gross YTD", 30) + pad(f"{ytd_gross:,.2f}", 18, True) + "    "
        + pad("个人所得税 IIT YTD", 22) + pad(f"{ytd_tax:,.2f}", 16, True))
    bank = rng.choice(fam.BANKS)
    put(pad("  银行 Bank", 30) + f"{bank}  ****{rng.randint(1000, 9999)}")
    put("-" * width)
    printed = None
    if rng.random() < 0.5:
        printed = dt.datetime.combine(min(fam.TODAY, paid + dt.timedelta(days=rng.randint(0, 20))),
                                      dt.time(rng.randint(8, 18), rng.randrange(60)))
        put(f"打印 Printed: {printed:%d.%m.%Y %H:%M}   用户 User: HRSS{rng.randint(1, 40):02d}")
    put("本薪资单由系统生成，无需签章。This statement is system generated and valid without signature.")
    f = fam._fields(person.name, None, company, gross, paid)
    extra = {**fam._slip_extra(fam.Pay(month, [(ln.text, ln.amount) for ln in lines], gross, pension, medical, unemp,
                                       fund, tax, paid)),
             "date_format": "DD.MM.YYYY", "printed": None if printed is None else printed.isoformat(timespec="minutes"),
             "employer_contributions_not_income": True}
    return [page], fam.Facts(SLIP, f, tampered=tamper, extra=extra)



OUTSOURCERS = [("申联薪酬", "上海申联人力资源服务有限公司", (0, 92, 160)),
               ("京才外包", "北京京才人力资源外包服务有限公司", (170, 30, 40)),
               ("鹏程薪酬", "深圳鹏程薪酬服务有限公司", (0, 120, 110)),
               ("汇才通", "杭州汇才通人力资源有限公司", (220, 100, 0)),
               ("锦才人力", "成都锦才人力资源服务有限公司", (90, 60, 150)),
               ("穗联外包", "广州穗联人力资源外包有限公司", (20, 110, 60))]
ANNUAL_BRACKETS = [(36000, "0.03", 0), (144000, "0.1", 2520), (300000, "0.2", 16920), (420000, "0.25", 31920),
                   (660000, "0.3", 52920), (960000, "0.35", 85920), (10**12, "0.45", 181920)]


def _cumulative_tax(taxable: Decimal) -> tuple[Decimal, Decimal, int]:
    """累计预扣法: tax on the year's cumulative taxable income, with its rate and quick deduction."""
    for limit, rate, quick in ANNUAL_BRACKETS:
        if taxable <= limit:
            return max(Decimal(0), _q(taxable * Decimal(rate) - quick)), Decimal(rate), quick
    return Decimal(0), Decimal(0), 0


def slip_outsourced_payroll(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A payroll outsourcer's 薪资明细单 for a client company's employee: an info grid, then numbered sections
    (收入明细; 社保公积金 with 单位 and 个人 columns; 累计预扣 个税; the 实发 sum written out)."""
    # The employer is the client company (所在单位), for which the outsourcer computes and pays the wages (said in the
    # notes); the outsourcer's name heads the page and is on its seal. The gross is 税前收入合计; the employer's
    # contributions and the cumulative tax figures are not the month's income. 发放日期 (the issue date) most times.
    brand, outsourcer, colour = rng.choice(OUTSOURCERS)
    company = rng.choice(fam.EMPLOYERS)
    person = _worker(rng)
    month, paid = unseen4._recent_pay(rng)
    s = fam.make_style(rng, sizes=(19, 21), serif_p=0.1)
    base = Decimal(rng.randrange(35, 250) * 100)
    items: list[tuple[str, Decimal]] = [("基本工资", base)]
    post = Decimal(rng.choice([0, rng.randrange(5, 40) * 100]))
    if post:
        items.append(("岗位工资", post))
    items.append((rng.choice(["绩效工资", "绩效奖金"]), Decimal(rng.randrange(0, 60) * 100)))
    if rng.random() < 0.5:
        items.append(("加班工资", _q(base / Decimal("21.75") / 8 * Decimal("1.5") * rng.randint(4, 40))))
    items.append((rng.choice(["餐费补贴", "午餐补贴"]), Decimal(rng.choice([300, 400, 440, 500, 600]))))
    if rng.random() < 0.5:
        items.append((rng.choice(["交通补贴", "通讯补贴", "高温补贴"]), Decimal(rng.choice([150, 200, 300, 500]))))
    gross = sum((v for _, v in items), Decimal(0))
    sbase, pension, medical, unemp, fund = _social(base + post, rng)
    fund_rate = (fund / sbase * 100).quantize(Decimal(1))
    rows_si = [("养老保险", "16%", _q(sbase * Decimal("0.16")), "8%", pension),
               ("医疗保险", "9.5%", _q(sbase * Decimal("0.095")), "2%", medical),
               ("失业保险", "0.5%", _q(sbase * Decimal("0.005")), "0.5%", unemp),
               ("工伤保险", "0.2%", _q(sbase * Decimal("0.002")), "—", Decimal(0)),
               ("住房公积金", f"{fund_rate}%", fund, f"{fund_rate}%", fund)]
    personal = pension + medical + unemp + fund
    n = month.month
    prev_income = sum((gross + Decimal(rng.randrange(-20, 20) * 50) for _ in range(n - 1)), Decimal(0))
    extra_ded = Decimal(rng.choice([0, 1000, 1500, 2000, 3000, 4000]))
    cum_income = prev_income + gross
    cum_taxable = max(Decimal(0), cum_income - 5000 * n - personal * n - extra_ded * n)
    prev_taxable = max(Decimal(0), prev_income - 5000 * (n - 1) - personal * (n - 1) - extra_ded * (n - 1))
    cum_tax, rate, quick = _cumulative_tax(cum_taxable)
    prev_tax = _cumulative_tax(prev_taxable)[0]
    tax = max(Decimal(0), cum_tax - prev_tax)
    net = gross - personal - tax
    page, d = fam.blank_page()
    x = rng.randint(70, 95)
    right = PAGE_W - x
    tw = right - x
    d.rectangle((0, 0, PAGE_W, 118), fill=colour)
    d.text((x, 34), brand, font=fam.font(fam.SANS_BOLD, 40), fill=(255, 255, 255))
    d.text((right, 44), rng.choice(["员工薪资明细单", "工资明细单", "薪酬发放明细"]), font=fam.font(fam.SANS_BOLD, 32),
           fill=(255, 255, 255), anchor="ra")
    y = 134
    hotline = f"400-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}"
    d.text((x, y), f"{outsourcer}　　服务热线：{hotline}", font=fam.font(fam.SANS, 18), fill=GREY)
    y += 46
    cf, bf = s.f(), s.f(bold=True)
    rh = int(s.size * 2.3)
    id_full = rng.random() < 0.4
    id_text = person.id_number if id_full else fam.mask_id(person.id_number)
    bank = rng.choice(fam.BANKS)
    show_paid = rng.random() < 0.75
    staff = f"{rng.choice(['C', 'W', 'SL'])}{rng.randint(10**5, 10**6 - 1)}"
    info: list[list[fam.Cell]] = [["所在单位", (company, 3)],
                                  ["员工姓名", person.name, "员工编号", staff],
                                  ["证件号码", id_text, "薪资所属期", f"{month.year}年{month.month:02d}月"]]
    account = f"{bank}（尾号{rng.randint(1000, 9999)}）"
    if show_paid:
        info.append(["发放日期", s.day(paid), "发放账户", account])
    else:
        info.append(["发放账户", (account, 3)])
    y = fam.table(d, x, y, px([0.17, 0.33, 0.17, 0.33], tw), info, cf, rh, head_rows=0, aligns="clcl",
                  line=(150, 150, 150), lw=1)
    light = tuple(int(255 - (255 - c) * 0.12) for c in colour)

    def section(title: str) -> None:
        nonlocal y
        y += 22
        d.rectangle((x, y, x + 8, y + 34), fill=colour)
        d.text((x + 20, y + 2), title, font=fam.font(fam.SANS_BOLD, 23), fill=INK)
        y += 46

    section("一、收入明细（单位：元）")
    pairs = [(k, s.num(v)) for k, v in items]
    if len(pairs) % 2:
        pairs.append(("", ""))
    rows: list[list[fam.Cell]] = [["项目", "金额", "项目", "金额"]]
    rows += [[pairs[i][0], pairs[i][1], pairs[i + 1][0], pairs[i + 1][1]] for i in range(0, len(pairs), 2)]
    gross_label = rng.choice(["税前收入合计", "应发工资合计", "税前应发合计"])
    rows.append([gross_label, (s.num(gross), 3)])
    y = fam.table(d, x, y, px([0.25, 0.25, 0.25, 0.25], tw), rows, cf, rh, head=bf, aligns="lrlr",
                  line=(150, 150, 150), lw=1, head_fill=light)
    section("二、社会保险及住房公积金（单位：元）")
    si: list[list[fam.Cell]] = [["险种", "缴费基数", "单位比例", "单位缴纳", "个人比例", "个人缴纳"]]
    for name, ur, ua, pr, pa in rows_si:
        si.append([name, s.num(sbase), ur, s.num(ua), pr, s.num(pa) if pa else "—"])
    si.append(["合计", "", "", s.num(sum((r[2] for r in rows_si), Decimal(0))), "", s.num(personal)])
    y = fam.table(d, x, y, px([1.2, 1.1, 0.8, 1.1, 0.8, 1.1], tw), si, cf, rh, head=bf, aligns="crcrcr",
                  line=(150, 150, 150), lw=1, head_fill=light)
    section("三、个人所得税（累计预扣法，单位：元）")
    tax_rows: list[list[fam.Cell]] = [
        ["累计收入", "累计减除费用", "累计专项扣除", "累计专项附加扣除", "累计应纳税所得额"],
        [s.num(cum_income), s.num(Decimal(5000 * n)), s.num(personal * n), s.num(extra_ded * n), s.num(cum_taxable)],
        ["预扣率", "速算扣除数", "累计应预扣税额", "累计已预扣税额", "本期应预扣税额"],
        [f"{rate * 100:.0f}%", s.num(Decimal(quick)), s.num(cum_tax), s.num(prev_tax), s.num(tax)]]
    for k, r in enumerate(tax_rows):
        if k % 2 == 0:
            d.rectangle((x, y, right, y + rh), fill=light)
        y = fam.table(d, x, y, px([1] * 5, tw), [r], bf if k % 2 == 0 else cf, rh, head_rows=0, aligns="ccccc",
                      line=(150, 150, 150), lw=1)
    section("四、实发工资")
    net_label = rng.choice(["实发工资", "实发金额"])
    formula = (f"{gross_label} {s.num(gross)} － 个人社保公积金 {s.num(personal)} － 本期个税 {s.num(tax)} ＝ "
               f"{net_label}")
    d.rectangle((x, y, right, y + 90), outline=colour, width=2)
    ff = fit(formula + " 00,000.00", s.f(s.size), tw - 40)
    d.text((x + 20, y + 45), formula, font=ff, fill=INK, anchor="lm")
    d.text((right - 20, y + 45), s.num(net), font=fam.font(fam.SANS_BOLD, 30), fill=colour, anchor="rm")
    y += 120
    notes = [f"说明：1. 本薪资单由{outsourcer}受{company}委托核算并代为发放；",
             "2. 单位缴纳的社会保险及住房公积金不计入个人收入；",
             f"3. 如对薪资有疑问，请于收到本单后7日内致电{hotline}。"]
    for k, line in enumerate(notes):
        d.text((x + (0 if k == 0 else 60), y), line, font=fit(line, fam.font(fam.SANS, 18), tw), fill=GREY)
        y += 32
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.65:
        fam.seal(d, right - 170, min(y + 90, PAGE_H - 160), rng.randint(100, 115), outsourcer)
        seals = (1,)
    pay = fam.Pay(month, items, gross, pension, medical, unemp, fund, tax, paid)
    f = fam._fields(person.name, person.id_number if id_full else None, company, gross, paid if show_paid else None)
    extra = {**fam._slip_extra(pay), "net_pay": float(net), "outsourcer": outsourcer,
             "employer_is": "the client company (所在单位), not the outsourcer that prints and pays",
             "pay_date_shown": show_paid}
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper, extra=extra)



FORM_PAPERS = [((250, 224, 230), "第二联　员工留存"), ((250, 244, 204), "第二联　领款人留存"),
               ((224, 238, 250), "第三联　员工联"), ((228, 246, 226), "第二联　员工存根")]
FORM_INKS = [(36, 72, 160), (186, 40, 52), (20, 110, 80)]


def _carbon(layer: Image.Image) -> Image.Image:
    """Writing that came through carbon paper: soft edged and a little uneven."""
    return layer.filter(ImageFilter.GaussianBlur(0.9))


def slip_carbon_booklet(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A small firm's 工资单 from a stationer's carbon-copy booklet (the employee's coloured copy), filled in by hand:
    each amount written digit by digit in 万千百十元角分 columns, the net also in 大写."""
    # Printed labels 基本工资 / 加班工资 / 全勤奖 / 补贴 / 应发合计 / 扣：社保 / 扣：其他 / 实发合计 (the gross is the
    # 应发合计 row), a 备注 column with hours and reasons, 单位 and the date written in the blanks (the pay date:
    # the issue date), 工资月份, the 领款人's signature. Auto-cropped by a phone scanning app: the page is the slip.
    paper, copy_name = rng.choice(FORM_PAPERS)
    ink = rng.choice(FORM_INKS)
    pen = rng.choice([(64, 58, 150), (52, 52, 120), (80, 60, 140)])
    person = _worker(rng)
    company = rng.choice(fam.EMPLOYERS) if rng.random() < 0.5 else unseen3.shop_name(rng)[0]
    month, paid = unseen4._recent_pay(rng)
    base = Decimal(rng.randrange(25, 80) * 100)
    hours = rng.choice([0, rng.randrange(10, 80)])
    hour_rate = Decimal(rng.choice([15, 18, 20, 25, 30]))
    overtime = hour_rate * hours
    full = Decimal(rng.choice([0, 100, 200, 300]))
    allowance = Decimal(rng.choice([0, 150, 200, 300, 500]))
    gross = base + overtime + full + allowance
    social = _q(Decimal(rng.choice([3800, 4000, 4492, 4812])) * Decimal("0.105")) if rng.random() < 0.6 else Decimal(0)
    other_kind = rng.choice(["", "", "住宿费", "借支", "水电费"])
    other = {"": Decimal(0), "住宿费": Decimal(rng.choice([150, 200, 300])), "借支": Decimal(rng.choice([500, 1000])),
             "水电费": Decimal(rng.randrange(40, 160))}[other_kind]
    net = gross - social - other
    w, h = 1500, rng.randint(975, 1010)
    page = _paper((w, h), paper, rng)
    d = ImageDraw.Draw(page)
    writing = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    hs = rng.randint(30, 34)
    serif = rng.random() < 0.6

    def pf(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
        path = (fam.SERIF_BOLD if bold else fam.SERIF) if serif else (fam.SANS_BOLD if bold else fam.SANS)
        return fam.font(path, size)

    def write(x: float, y: float, text: str, size: int = hs) -> float:
        return hand(writing, x, y, text, size, rng, pen)

    x0, x1 = 70, w - 120
    title = "工　资　单"
    d.text(((x0 + x1) / 2, 38), title, font=pf(54, True), fill=ink, anchor="ma")
    tl = pf(54, True).getlength(title)
    d.line(((x0 + x1) / 2 - tl / 2 - 10, 108, (x0 + x1) / 2 + tl / 2 + 10, 108), fill=ink, width=3)
    d.line(((x0 + x1) / 2 - tl / 2 - 10, 115, (x0 + x1) / 2 + tl / 2 + 10, 115), fill=ink, width=1)
    d.text((x1, 52), "No", font=pf(26), fill=ink, anchor="ra")
    d.text((x1, 82), f"{rng.randint(1, 99999):07d}", font=mono(30, bold=True), fill=(200, 30, 40), anchor="ra")
    f24 = pf(25)
    y = 140
    d.text((x0, y), "单位：", font=f24, fill=ink)
    ux = x0 + f24.getlength("单位：")
    d.line((ux, y + 34, ux + 600, y + 34), fill=ink, width=1)
    write(ux + 10, y - 8, company, hs if len(company) < 16 else hs - 4)
    dx = x1 - 330
    for k, (value, unit) in enumerate(((str(paid.year), "年"), (str(paid.month), "月"), (str(paid.day), "日"))):
        cx = dx + [0, 150, 250][k]
        wide = [100, 60, 60][k]
        d.line((cx, y + 34, cx + wide, y + 34), fill=ink, width=1)
        d.text((cx + wide + 4, y), unit, font=f24, fill=ink)
        write(cx + (wide - hand_width(value, hs)) / 2, y - 8, value)
    y += 64
    d.text((x0, y), "姓名：", font=f24, fill=ink)
    nx = x0 + f24.getlength("姓名：")
    d.line((nx, y + 34, nx + 220, y + 34), fill=ink, width=1)
    write(nx + 30, y - 8, person.name, hs + 2)
    gx = x0 + 420
    d.text((gx, y), "部门/工种：", font=f24, fill=ink)
    jx = gx + f24.getlength("部门/工种：")
    d.line((jx, y + 34, jx + 220, y + 34), fill=ink, width=1)
    write(jx + 20, y - 8, rng.choice(["车间", "仓库", "门店", "后厨", "销售", "行政", "装配"]))
    mx = x1 - 330
    d.text((mx, y), "工资月份：", font=f24, fill=ink)
    kx = mx + f24.getlength("工资月份：")
    d.line((kx, y + 34, x1, y + 34), fill=ink, width=1)
    month_text = rng.choice([f"{month.month}月", f"{month.year}年{month.month}月", f"{month.year}.{month.month}"])
    write(kx + 20, y - 8, month_text)
    y += 66
    item_w, digit_w = 250, 54
    note_x = x0 + item_w + 7 * digit_w
    top = y
    head_h, row_h = 40, 54
    lines = [("基本工资", base, ""), ("加班工资", overtime, f"加班{hours}小时" if hours else ""),
             ("全勤奖", full, "满勤" if full else ""),
             ("各项补贴", allowance, rng.choice(["餐补", "话补", "交通"]) if allowance else ""),
             ("应发合计", gross, ""), ("扣：社保", social, "个人部分" if social else ""),
             ("扣：其他", other, other_kind), ("实发合计", net, "")]
    bottom = top + 2 * head_h + row_h * len(lines)
    d.rectangle((x0, top, x1, bottom + row_h), outline=ink, width=3)
    d.line((x0 + item_w, top, x0 + item_w, bottom), fill=ink, width=2)
    d.line((note_x, top, note_x, bottom), fill=ink, width=2)
    d.line((x0 + item_w, top + head_h, note_x, top + head_h), fill=ink, width=1)
    d.line((x0, top + 2 * head_h, x1, top + 2 * head_h), fill=ink, width=2)
    hf = pf(24, True)
    d.text((x0 + item_w / 2, top + head_h), "项　　目", font=hf, fill=ink, anchor="mm")
    d.text((x0 + item_w + 7 * digit_w / 2, top + head_h / 2), "金　　额", font=hf, fill=ink, anchor="mm")
    d.text(((note_x + x1) / 2, top + head_h), "备　　注", font=hf, fill=ink, anchor="mm")
    for k, unit in enumerate("万千百十元角分"):
        cx = x0 + item_w + k * digit_w
        if k:
            d.line((cx, top + head_h, cx, bottom), fill=ink, width=2 if unit == "角" else 1)
        d.text((cx + digit_w / 2, top + head_h * 1.5), unit, font=pf(20), fill=ink, anchor="mm")
    yen = rng.random() < 0.6
    for r, (label, value, note) in enumerate(lines):
        ry = top + 2 * head_h + r * row_h
        if r:
            d.line((x0, ry, x1, ry), fill=ink, width=1)
        bold = label in ("应发合计", "实发合计")
        d.text((x0 + item_w / 2, ry + row_h / 2), label, font=pf(24, bold), fill=ink, anchor="mm")
        if value:
            digits = str(int(value * 100)).rjust(3, "0")
            for k, ch in enumerate(reversed(digits)):
                col = 6 - k
                if col >= 0:
                    write(x0 + item_w + col * digit_w + digit_w / 2 - hs * 0.28, ry + 6, ch)
            col = 6 - len(digits)
            if yen and col >= 0:
                write(x0 + item_w + col * digit_w + digit_w / 2 - hs * 0.3, ry + 6, "¥")
        if note:
            write(note_x + 16, ry + 6, note, hs - 4)
    d.line((x0, bottom, x1, bottom), fill=ink, width=2)
    d.text((x0 + 14, bottom + row_h / 2), "合计人民币（大写）：", font=pf(24, True), fill=ink, anchor="lm")
    words = fam.to_words(net)
    write(x0 + 14 + pf(24, True).getlength("合计人民币（大写）：") + 10, bottom + 6, words, hs - 2)
    d.text((note_x + 10, bottom + row_h / 2), "¥", font=pf(26, True), fill=ink, anchor="lm")
    write(note_x + 40, bottom + 6, f"{net:.2f}")
    y = bottom + row_h + 34
    third = (x1 - x0) / 3
    for k, lab in enumerate(["领款人：", "审核：", "制表："]):
        d.text((x0 + k * third, y), lab, font=f24, fill=ink)
    scrawl(writing, x0 + f24.getlength("领款人：") + 5, y - 26, person.name, 34, rng, pen)
    checker = fam.person_name(rng)[0] + rng.choice(["总", "姐", "经理"])
    write(x0 + third + f24.getlength("审核：") + 10, y - 6, checker, hs - 4)
    write(x0 + 2 * third + f24.getlength("制表：") + 10, y - 6, fam.person_name(rng), hs - 4)
    vertical(d, w - 70, 200, copy_name, pf(24), fill=ink)
    page.paste(_carbon(writing), (0, 0), _carbon(writing))
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.55:
        fam.seal(d, x1 - rng.randint(100, 190), y - rng.randint(0, 40), rng.randint(82, 96), company)
        seals = (1,)
    angle = rng.uniform(-0.8, 0.8)
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    pay = fam.Pay(month, [("基本工资", base), ("加班工资", overtime), ("全勤奖", full), ("各项补贴", allowance)], gross,
                  social, Decimal(0), Decimal(0), Decimal(0), Decimal(0), paid)
    f = fam._fields(person.name, None, company, gross, paid)
    extra = {**fam._slip_extra(pay), "net_pay": float(net), "deduction_other": other_kind or None,
             "amounts_in_digit_columns": True, "words_are_net": True}
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper, extra=extra)



CONTRACTORS = ["中鼎建设集团有限公司", "华筑建工集团有限公司", "衡基建设工程集团有限公司", "江岳建设集团股份有限公司",
               "正弘建工集团有限公司", "东晟建设工程有限公司"]
LABOUR_BRANDS = ["鑫达", "恒信", "顺安", "宏力", "建鸿", "永固", "众诚", "华工", "兴邦", "安泰"]
CREWS = [("钢筋班组", "钢筋工"), ("木工班组", "木工"), ("泥工班组", "泥瓦工"), ("架子工班组", "架子工"),
         ("水电班组", "水电工"), ("砌筑班组", "砌筑工"), ("油漆班组", "油漆工")]


def _fingerprint(page: Image.Image, cx: float, cy: float, rng: random.Random) -> None:
    """A red thumbprint: ridges in 印泥 red inside an oval, pressed unevenly (not a seal)."""
    w, h = rng.randint(40, 48), rng.randint(54, 62)
    scale = 3
    layer = Image.new("L", (w * scale, h * scale), 0)
    d = ImageDraw.Draw(layer)
    cx0, cy0 = w * scale / 2 + rng.uniform(-6, 6), h * scale * 0.55
    for k in range(1, 14):
        rr = k * 3.3 * scale + rng.uniform(-1, 1)
        d.ellipse((cx0 - rr, cy0 - rr * 1.25, cx0 + rr, cy0 + rr * 1.25), outline=255, width=scale + 1)
    mask = Image.new("L", layer.size, 0)
    ImageDraw.Draw(mask).ellipse((0, 0, layer.width - 1, layer.height - 1), fill=255)
    gen = np.random.default_rng(rng.randrange(1 << 30))
    press = Image.fromarray((gen.random((h, w)) * 255).astype(np.uint8)).resize(layer.size, Image.BILINEAR)
    press = press.filter(ImageFilter.GaussianBlur(6)).point(lambda v: 255 if v > 100 else v * 2)
    layer = ImageChops.multiply(ImageChops.multiply(layer, mask), press).filter(ImageFilter.GaussianBlur(1))
    layer = layer.resize((w, h), Image.LANCZOS).rotate(rng.uniform(-25, 25), resample=Image.BICUBIC, expand=True)
    red = Image.new("RGB", layer.size, (196, 36, 44))
    ink = Image.new("RGB", layer.size, (255, 255, 255))
    ink.paste(red, mask=layer.point(lambda v: int(v * 0.85)))
    box = (int(cx - layer.width / 2), int(cy - layer.height / 2))
    region = page.crop((*box, box[0] + layer.width, box[1] + layer.height))
    page.paste(ImageChops.multiply(region, ink), box)


def _creases(page: Image.Image, rng: random.Random) -> Image.Image:
    """Folded in four and flattened again: soft light and dark bands along the folds."""
    w, h = page.size
    arr = np.asarray(page).astype(np.float32)
    xx = np.arange(w, dtype=np.float32)[None, :]
    yy = np.arange(h, dtype=np.float32)[:, None]
    fx, fy = w / 2 + rng.uniform(-30, 30), h / 2 + rng.uniform(-30, 30)
    shade = 1 - 0.07 * np.exp(-(((xx - fx) / 5) ** 2)) + 0.03 * np.exp(-(((xx - fx - 9) / 8) ** 2))
    shade = shade - 0.07 * np.exp(-(((yy - fy) / 5) ** 2)) + 0.03 * np.exp(-(((yy - fy - 9) / 8) ** 2))
    shade = shade * (1 - 0.04 * (xx / w) * rng.uniform(0.5, 1))
    return Image.fromarray((arr * shade[..., None]).clip(0, 255).astype(np.uint8))


def slip_site_wage_confirm(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A construction site's 农民工工资发放确认单 for one worker (landscape): project, 总承包单位 and 劳务分包单位,
    then a row of 出勤天数 × 日工资 with 应发 / 扣减 / 实发, signed and thumb-printed by the worker."""
    # The employer is the 劳务分包单位 (labelled 用工单位): the general contractor and the project are not. The gross is
    # 应发工资 (days × daily rate + overtime); 发放日期 in the info grid is the issue date (the worker's 确认 date, when
    # written, is the same day). The red thumbprints are not seals; the seals are the two companies' (both or none).
    city = rng.choice(CITIES)
    gc = rng.choice(CONTRACTORS)
    employer = rng.choice([f"{city}{rng.choice(LABOUR_BRANDS)}劳务有限公司",
                           f"{city}{rng.choice(LABOUR_BRANDS)}建筑劳务有限公司",
                           f"{rng.choice(LABOUR_BRANDS)}建筑劳务分包（{city}）有限公司"])
    site = rng.choice(["滨江花园", "锦绣华庭", "智慧产业园", "人民医院新院区", "学府雅苑", "高新区人才公寓"])
    project = (f"{city}{site}{rng.choice(['二期', '一标段', '三期', ''])}"
               f"{rng.choice(['住宅工程', '建设项目', '施工总承包工程'])}")
    crew, trade = rng.choice(CREWS)
    person = _worker(rng)
    month, paid = unseen4._recent_pay(rng, same_month=False)
    last = fam.month_end(month)
    days = rng.randint(18, min(30, last.day))
    daily = Decimal(rng.randrange(26, 53) * 10)
    ot_hours = rng.choice([0, 0, rng.randrange(8, 40)])
    ot = Decimal(ot_hours * rng.choice([35, 40, 50]))
    gross = daily * days + ot
    advance = Decimal(rng.choice([0, 0, rng.randrange(5, 30) * 100]))
    net = gross - advance
    s = fam.make_style(rng, sizes=(20, 22), serif_p=0.4)
    size = (PAGE_H, PAGE_W)
    page, d = fam.blank_page(size)
    W = size[0]
    x = rng.randint(60, 80)
    tw = W - 2 * x
    y = 60
    title = rng.choice(["农民工工资发放确认单", "建筑工人工资支付确认表", "劳务人员工资发放签收确认单"])
    d.text((W / 2, y), title, font=s.f(42, bold=True), fill=INK, anchor="ma")
    d.text((W - x, y + 20), f"编号：GZ-{month:%Y%m}-{rng.randint(1, 300):03d}", font=s.f(18), fill=GREY, anchor="ra")
    y += 78
    cf, bf = s.f(), s.f(bold=True)
    widths = px([0.13, 0.2, 0.13, 0.2, 0.13, 0.21], tw)
    period = f"{month.year}年{month.month}月1日至{last.month}月{last.day}日"
    branch = (f"{rng.choice(['中国建设银行', '中国农业银行', '中国工商银行', '中国银行'])}{city}"
              f"{rng.choice(['分行营业部', '高新支行', '城东支行'])}")
    info: list[list[fam.Cell]] = [
        ["工程名称", (project, 5)],
        ["总承包单位", (gc, 2), "劳务分包单位\n（用工单位）", (employer, 2)],
        ["班　　组", crew, "工资所属期", period, "发放日期", s.day(paid)],
        ["发放方式", ("农民工工资专用账户代发", 2), "专户开户行", (branch, 2)],
    ]
    for r, height, aligns in zip(info, (50, 62, 50, 50), ("clclcl", "clcclc", "clclcl", "clcclc")):
        y = fam.table(d, x, y, widths, [r], cf, height, head_rows=0, aligns=aligns)
    y += 26
    cols = ["序号", "姓名", "身份证号码", "工种", "出勤\n天数", "日工资\n（元/天）", "加班工资\n（元）",
            "应发工资\n（元）", "扣减/借支\n（元）", "实发工资\n（元）", "工资卡号", "本人签字\n（按手印）"]
    cw = px([0.5, 0.85, 2.2, 0.8, 0.7, 0.95, 0.95, 1.1, 1.0, 1.1, 1.7, 1.35], tw)
    card = fam.card_number(rng, False).replace(" ", "")
    card_text = card if rng.random() < 0.5 else card[:4] + " **** **** " + card[-4:]
    row = ["1", person.name, person.id_number, trade, str(days), s.num(daily), s.num(ot) if ot else "0.00",
           s.num(gross), s.num(advance) if advance else "0.00", s.num(net), card_text, ""]
    y_row = y + 72
    y = fam.table(d, x, y, cw, [cols, row], cf, [72, 84], head=bf, aligns="cccccrrrrrcc",
                  head_fill=(238, 238, 238))
    sig_x = x + sum(cw[:-1])
    scrawl(page, sig_x + 12, y_row + 14, person.name, 30, rng)
    _fingerprint(page, sig_x + cw[-1] - 36, y_row + 44, rng)
    blank = [["", ("（以下空白）", 11)], ["", ("", 11)]]
    y = fam.table(d, x, y, cw, blank, cf, 44, head_rows=0, aligns="cl")
    total = ["合计", ("", 3), str(days), "", s.num(ot) if ot else "0.00", s.num(gross),
             s.num(advance) if advance else "0.00", s.num(net), ("", 2)]
    y = fam.table(d, x, y, cw, [total], bf, 50, head_rows=0, aligns="cccccrrrrrc")
    y += 30
    body = s.f(s.size + 1)
    confirm = (f"本人确认：以上出勤天数及工资金额真实无误，{month.month}月工资已通过农民工工资专用账户足额发放至"
               "本人工资卡，不存在拖欠情况。")
    y = fam.paragraphs(d, x, y, tw, [confirm], body, indent=False)
    y += 10
    lab = "确认人（签字并按手印）："
    d.text((x, y), lab, font=body, fill=INK)
    lx = x + body.getlength(lab)
    scrawl(page, lx + 10, y - 20, person.name, 32, rng)
    _fingerprint(page, lx + 170, y + 12, rng)
    dated = rng.random() < 0.6
    if dated:
        d.text((lx + 280, y), f"日期：{s.day(paid)}", font=body, fill=INK)
    y += 90
    quarter = tw / 4
    labels = ["班组长（签字）：", "劳务分包单位（盖章）：", "总承包单位项目部（盖章）：", "制表人："]
    for k, lab in enumerate(labels):
        d.text((x + k * quarter, y), lab, font=cf, fill=INK)
    scrawl(page, x + cf.getlength(labels[0]), y - 22, fam.person_name(rng), 30, rng)
    hand(page, x + 3 * quarter + cf.getlength(labels[3]) + 6, y - 6, fam.person_name(rng), 26, rng, (30, 30, 40))
    sealed = tamper != "seal" and rng.random() < 0.75
    if sealed:
        fam.seal(d, x + quarter + rng.randint(150, 220), y + rng.randint(10, 50), rng.randint(92, 104), employer)
        fam.seal(d, x + 2 * quarter + rng.randint(170, 240), y + rng.randint(10, 50), rng.randint(92, 104), gc)
    page = _creases(page, rng)
    pay = fam.Pay(month, [("出勤工资", daily * days), ("加班工资", ot)], gross, Decimal(0), Decimal(0), Decimal(0),
                  Decimal(0), Decimal(0), paid)
    f = fam._fields(person.name, person.id_number, employer, gross, paid)
    extra = {**fam._slip_extra(pay), "net_pay": float(net), "days": days, "daily_rate": float(daily),
             "general_contractor": gc, "employer_is": "劳务分包单位 (用工单位)", "thumbprints_not_seals": True,
             "confirm_dated": dated}
    return [page], fam.Facts(SLIP, f, seal_pages=(1,) if sealed else (), tampered=tamper, extra=extra)



# ------------------------------------------------------------------------- 银行流水 (bank statements)


APP_THEMES = {"招商银行": (200, 22, 42), "中国建设银行": (0, 82, 164), "中国工商银行": (196, 18, 30),
              "中国农业银行": (0, 138, 110), "交通银行": (22, 52, 132), "中国银行": (168, 22, 34),
              "中国邮政储蓄银行": (0, 118, 62), "浦发银行": (0, 62, 142), "兴业银行": (0, 64, 152)}
WEEKDAYS = "一二三四五六日"
ICONS = [("代发", "薪"), ("工资", "薪"), ("薪", "薪"), ("奖", "奖"), ("绩效", "奖"), ("报销", "报"), ("结息", "息"),
         ("退款", "退"), ("ATM", "取"), ("还款", "还"), ("缴费", "缴"), ("消费", "消"), ("支付", "消"), ("转", "转"),
         ("汇", "转"), ("存入", "转")]


def _icon(t: fam.Tx) -> str:
    return next((ch for word, ch in ICONS if word in t.desc), "转")


def stmt_app_longshot(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Consecutive phone screenshots of a bank app's 收支明细 list, newest first: month bands, day headers
    (10月15日 星期三) and one row per transaction with an icon, payer or payee, time and 摘要, signed amount and
    balance."""
    # 720x1600 screenshots; the holder's name and the card's last four digits in the account card of the first
    # screenshot only; the query range under it is not a print date, and nothing states one (issue date None).
    # The salary shows as the employer paying in (摘要 代发工资 / 工资 in the memo / only 转账存入).

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        colour = APP_THEMES[c.bank]
        w, h = 720, 1600
        ordered = sorted(txs, key=lambda t: t.when, reverse=True)
        income = rng.choice([(230, 80, 30), (220, 40, 40), colour])
        sans, bold = fam.SANS, fam.SANS_BOLD
        title = rng.choice(["收支明细", "交易明细", "账户明细"])
        clock = f"{rng.randint(8, 22)}:{rng.randrange(60):02d}"
        row_h, day_h, month_h = rng.randint(104, 112), 52, 64
        pages: list[Image.Image] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        last_month = last_day = None
        while i < len(ordered) or not pages:
            page = Image.new("RGB", (w, h), (255, 255, 255))
            d = ImageDraw.Draw(page)
            status_bar(d, w, rng, INK, clock)
            d.text((34, 118), "‹", font=fam.font(sans, 54), fill=INK, anchor="lm")
            d.text((w / 2, 118), title, font=fam.font(bold, 32), fill=INK, anchor="mm")
            d.text((w - 34, 118), "筛选", font=fam.font(sans, 26), fill=INK, anchor="rm")
            d.line((0, 164, w, 164), fill=(236, 236, 236), width=2)
            y = 168
            if not pages:
                card = (24, y + 16, w - 24, y + 190)
                d.rounded_rectangle(card, 18, fill=colour)
                tail = c.account[-4:]
                d.text((52, y + 46), f"{c.bank}", font=fam.font(bold, 30), fill=(255, 255, 255))
                d.text((52, y + 96), f"{rng.choice(['借记卡', '储蓄卡', '一类户'])}  尾号{tail}",
                       font=fam.font(sans, 25), fill=(255, 255, 255))
                d.text((52, y + 138), f"户名：{c.person.name}", font=fam.font(sans, 25), fill=(255, 255, 255))
                d.text((w - 52, y + 50), "切换账户 ›", font=fam.font(sans, 22), fill=(255, 255, 255), anchor="ra")
                y += 214
                rng_text = f"{c.start:%Y.%m.%d} - {c.end:%Y.%m.%d}"
                d.rounded_rectangle((24, y, 24 + 330, y + 50), 25, fill=(244, 245, 247))
                d.text((24 + 165, y + 25), rng_text + " ▼", font=fam.font(sans, 19), fill=INK, anchor="mm")
                d.rounded_rectangle((370, y, 370 + 150, y + 50), 25, fill=(244, 245, 247))
                d.text((445, y + 25), "全部 ▼", font=fam.font(sans, 21), fill=INK, anchor="mm")
                y += 70
            chunk: list[fam.Tx] = []
            first_on_page = True
            while i < len(ordered):
                t = ordered[i]
                month_key, day_key = (t.when.year, t.when.month), t.when.date()
                need = row_h + (month_h if (month_key != last_month or first_on_page) else 0)
                need += day_h if (day_key != last_day or first_on_page) else 0
                if y + need > h - 50:
                    break
                if month_key != last_month or first_on_page:
                    d.rectangle((0, y, w, y + month_h), fill=(246, 246, 248))
                    d.text((30, y + month_h / 2), f"{t.when.year}年{t.when.month}月", font=fam.font(bold, 27),
                           fill=INK, anchor="lm")
                    y += month_h
                if day_key != last_day or first_on_page:
                    label = f"{t.when.month}月{t.when.day}日 星期{WEEKDAYS[t.when.weekday()]}"
                    d.text((30, y + day_h / 2 + 4), label, font=fam.font(sans, 22), fill=GREY, anchor="lm")
                    y += day_h
                last_month, last_day, first_on_page = month_key, day_key, False
                icon = _icon(t)
                d.ellipse((30, y + row_h / 2 - 30, 90, y + row_h / 2 + 30), fill=(242, 244, 248))
                d.text((60, y + row_h / 2), icon, font=fam.font(bold, 26), fill=colour, anchor="mm")
                amount = ("+" if t.amount > 0 else "-") + fam.money(abs(t.amount))
                af = fam.font(bold, 29)
                aw = af.getlength(amount)
                d.text((w - 30, y + 22), amount, font=af, fill=income if t.amount > 0 else INK, anchor="ra")
                head = t.party or t.desc
                d.text((112, y + 20), head, font=fit(head, fam.font(sans, 27), w - 30 - aw - 130), fill=INK)
                sub = f"{t.when:%H:%M}  {t.desc}" + (f" {t.memo}" if t.memo else "")
                d.text((112, y + 64), sub, font=fit(sub, fam.font(sans, 21), w - 330), fill=GREY)
                d.text((w - 30, y + 66), f"余额 {fam.money(t.balance)}", font=fam.font(sans, 20), fill=GREY,
                       anchor="ra")
                y += row_h
                d.line((112, y, w, y), fill=(238, 238, 238), width=1)
                chunk.append(t)
                i += 1
            if i >= len(ordered):
                d.text((w / 2, min(y + 40, h - 70)), "— 没有更多了 —", font=fam.font(sans, 21), fill=(170, 170, 170),
                       anchor="mm")
            d.rounded_rectangle((w / 2 - 100, h - 22, w / 2 + 100, h - 14), 4, fill=INK)
            pages.append(page)
            shown.append(chunk)
        return Drawn(pages, shown, None, False, ())

    return statement(rng, tamper, list(APP_THEMES), build, ("desc", "desc", "memo", "party"), ("iso",),
                     months=(3, 4), per_month=(3, 6), id_modes=("none",))



COMPACT_BANKS = {"中国建设银行": (0, 82, 164), "交通银行": (22, 52, 132), "中国邮政储蓄银行": (0, 118, 62),
                 "中信银行": (190, 20, 30), "华夏银行": (200, 30, 40), "中国光大银行": (100, 40, 140),
                 "广发银行": (190, 25, 40), "浙商银行": (180, 30, 40)}


def stmt_two_panel_compact(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 简版 transaction list printed two panels to a page to save paper: each panel its own 交易日期 | 摘要 |
    交易金额 | 余额 header, rows running down the left panel and on down the right."""
    # No counterparty column, so the salary is marked in 摘要 (代发工资, or the memo joined to it: 跨行汇入/工资).
    # Page 1 carries the header block with 打印日期; later pages a one-line running header. The bank's seal closes
    # the last panel.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        colour = COMPACT_BANKS[c.bank]
        x = rng.randint(56, 70)
        right = PAGE_W - x
        tw = right - x
        gap = rng.randint(22, 30)
        pw = (tw - gap) // 2
        widths = px([1.15, 1.65, 1.2, 1.2], pw)
        fs = rng.randint(16, 18)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        row_h, head_h = int(fs * 1.95), int(fs * 2.2)
        bottom = PAGE_H - 150

        def cell(t: fam.Tx) -> list[fam.Cell]:
            desc = f"{t.desc}/{t.memo}" if c.mark == "memo" and t.memo else t.desc
            return [s.day(t.when.date()), desc, fam._signed(t.amount, s, plus), s.num(t.balance)]

        plus = rng.random() < 0.6
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, tuple[int, int, int]]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        masked = c.account[:6] + "******" + c.account[-4:]
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            y = 66
            if not pages:
                d.text((x, y), c.bank, font=fam.font(fam.SANS_BOLD, 30), fill=colour)
                d.text((right, y + 4), rng.choice(["个人账户交易明细（简版）", "活期账户交易明细（精简版）"]),
                       font=fam.font(fam.SANS_BOLD, 26), fill=INK, anchor="ra")
                y += 52
                d.line((x, y, right, y), fill=colour, width=3)
                y += 18
                fields = [("户名", c.person.name), ("账号", masked), ("币种", "人民币"),
                          ("起止日期", unseen4.day_text(c.start, "iso") + " 至 " + unseen4.day_text(c.end, "iso")),
                          ("打印日期", s.day(c.printed.date()))]
                if c.id_mode != "none":
                    fields.insert(2, ("证件号码", c.id_text()))
                hf = fam.font(fam.SANS, 19)
                for k in range(0, len(fields), 2):
                    for j, (label, value) in enumerate(fields[k:k + 2]):
                        d.text((x + j * (tw // 2), y), f"{label}：{value}", font=hf, fill=INK)
                    y += 32
                y += 10
            else:
                d.text((x, y), f"{c.bank}　户名：{c.person.name}　账号：{masked}　（续）", font=fam.font(fam.SANS, 18),
                       fill=GREY)
                y += 38
            top = y
            chunk: list[fam.Tx] = []
            ends = []
            for k in range(2):
                px0 = x + k * (pw + gap)
                if k and i >= len(txs):
                    ends.append(top)
                    break
                yy = fam.table(d, px0, top, widths, [["交易日期", "摘要", "交易金额", "余额"]], cf, head_h, head=bf,
                               grid="rules", head_fill=(238, 240, 244))
                n = max(1, (bottom - yy) // row_h)
                part = txs[i:i + n]
                if part:
                    yy = fam.table(d, px0, yy, widths, [cell(t) for t in part], cf, row_h, head_rows=0, aligns="llrr",
                                   grid="rules", line=(200, 200, 200), lw=1)
                chunk += part
                i += len(part)
                ends.append(yy)
            d.line((x + pw + gap / 2, top, x + pw + gap / 2, bottom), fill=(150, 150, 150), width=1)
            pages.append((page, d, (ends[0], ends[1], top)))
            shown.append(chunk)
        n = len(pages)
        seal_pages: tuple[int, ...] = ()
        for p, (_, d, (end_l, end_r, top)) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 110), f"第 {p} 页 / 共 {n} 页", font=fam.font(fam.SANS, 17), fill=GREY,
                   anchor="ma")
            if p == n:
                right_used = end_r > top
                ex = x + (pw + gap if right_used else 0)
                ey = end_r if right_used else end_l
                d.text((ex + 10, ey + 12), "—— 以下空白 ——", font=fam.font(fam.SANS, 17), fill=GREY)
                if c.sealed:
                    cx = ex + pw / 2 + rng.randint(-40, 60)
                    cy = min(ey + 150, PAGE_H - 250)
                    fam.seal(d, cx, cy, rng.randint(100, 112), f"{c.bank}{rng.choice(['业务', '电子业务'])}")
                    seal_pages = (n,)
        return Drawn([pg for pg, _, _ in pages], shown, c.printed.date(), True, seal_pages)

    return statement(rng, tamper, list(COMPACT_BANKS), build, ("desc", "desc", "memo"),
                     ("iso", "compact", "dot", "slash"), months=(6, 9), per_month=(7, 12))



@dataclass
class FxTx(fam.Tx):
    """A transaction of a foreign-currency sub-account."""

    currency: str = "CNY"
    cash: str = "现汇"


FX_BANKS = {"中国银行": (168, 22, 34), "招商银行": (200, 22, 42), "中国工商银行": (196, 18, 30),
            "交通银行": (22, 52, 132), "中信银行": (190, 20, 30), "浦发银行": (0, 62, 142)}
FX_NAMES = {"CNY": "人民币", "USD": "美元", "HKD": "港币", "EUR": "欧元"}
REMITTERS = ["SMITH JOHN", "WANG LI", "CHEN MEI LING", "BROWN DAVID", "LIU YANG", "ZHANG WEI", "MUELLER ANNA"]


def _fx_events(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> list[fam.Tx]:
    """The statement's rows in time order: the RMB rows with foreign-currency rows among them (remittances in,
    conversions to and from RMB, interest, spending abroad), each currency with its own running balance."""
    start, end = c.start, c.end
    span = max(1, (end - start).days)

    def when() -> dt.datetime:
        day = start + dt.timedelta(days=rng.randrange(span))
        return dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.randrange(60), rng.randrange(60)))

    fx: list[fam.Tx] = []
    rate = Decimal(rng.randrange(70200, 72600)) / 10000
    for _ in range(rng.randint(1, 2)):
        amount = Decimal(rng.randrange(300, 3000)) + Decimal(rng.choice([0, 0, rng.randrange(100)])) / 100
        t0 = when()
        fx.append(FxTx(t0, rng.choice(["汇入汇款", "境外汇入"]), amount, rng.choice(REMITTERS), "", rng.choice(
            ["GIFT", "FAMILY SUPPORT", "TUITION REFUND", "PERSONAL SAVINGS"]), "SWIFT", currency="USD"))
        if rng.random() < 0.7:  # sold for RMB a few days later
            sold = _q(amount * Decimal(rng.choice(["0.5", "0.6", "1"])))
            t1 = t0 + dt.timedelta(days=rng.randint(1, 6), hours=rng.randint(0, 3))
            if t1.date() <= end:
                fx.append(FxTx(t1, "结汇", -sold, c.person.name, "", "结汇卖出", "手机银行", currency="USD"))
                fx.append(FxTx(t1 + dt.timedelta(seconds=2), "结汇", _q(sold * rate), c.person.name, "", "结汇入账",
                               "手机银行", currency="CNY", cash="—"))
    if rng.random() < 0.5:
        t2 = when()
        bought = Decimal(rng.randrange(2, 20) * 100)
        fx.append(FxTx(t2, "购汇", -_q(bought * (rate + Decimal("0.04"))), c.person.name, "", "购汇支出", "手机银行",
                       currency="CNY", cash="—"))
        fx.append(FxTx(t2 + dt.timedelta(seconds=2), "购汇", bought, c.person.name, "", "购汇入账", "手机银行",
                       currency="USD"))
    hkd = rng.random() < 0.5
    if hkd:
        for _ in range(rng.randint(1, 3)):
            fx.append(FxTx(when(), rng.choice(["境外消费", "境外ATM取款"]), -Decimal(rng.randrange(80, 2400)),
                           rng.choice(["HK DUTY FREE", "SASA HK", "ATM HK CENTRAL", "MTR CORP"]), "", "", "VISA",
                           currency="HKD", cash="现钞"))
    month = dt.date(start.year, start.month, 1)
    while month <= end:
        if month.month in (3, 6, 9, 12):
            day = month.replace(day=21)
            if start <= day <= end:
                fx.append(FxTx(dt.datetime.combine(day, dt.time(3, rng.randrange(60))), "外币结息",
                               Decimal(rng.randrange(5, 300)) / 100, "", "", "", "批量", currency="USD"))
        month = fam.add_months(month, 1)
    rows = sorted([*txs, *fx], key=lambda t: t.when)
    opening = {"CNY": txs[0].balance - txs[0].amount if txs else Decimal(rng.randrange(5000, 40000)),
               "USD": Decimal(rng.randrange(200, 6000)) + Decimal(rng.randrange(100)) / 100,
               "HKD": Decimal(rng.randrange(500, 8000))}
    balance = dict(opening)
    out = []
    for t in rows:
        cur = getattr(t, "currency", "CNY")
        if balance[cur] + t.amount < 0:
            if isinstance(t, FxTx):
                continue
            t.amount = -_q(balance[cur] * Decimal("0.3"))
        balance[cur] += t.amount
        t.balance = balance[cur]
        out.append(t)
    return out


def stmt_fx_mixed(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A multi-currency debit card's statement (landscape): a 币种 and 钞汇 column, RMB, USD and HKD rows in one
    time-ordered list, each currency with its own running balance; a balance summary by currency on page 1."""
    # Only RMB rows from the employer are salary; 结汇入账 (RMB credited for sold dollars), remittances from abroad and
    # foreign interest are not. Balances jump between currencies from row to row. 打印日期 in the header.

    def build(rng: random.Random, c: Acct, base: list[fam.Tx]) -> Drawn:
        s = c.s
        colour = FX_BANKS[c.bank]
        rows = _fx_events(rng, c, base)
        codes = rng.random() < 0.5
        W, H = PAGE_H, PAGE_W
        x = rng.randint(50, 64)
        right = W - x
        tw = right - x
        fs = rng.randint(16, 18)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["记账日期", "币种", "钞汇", "摘要", "交易金额", "账户余额", "对方户名", "对方账号", "附言", "渠道"]
        widths = px([1.05, 0.7, 0.55, 1.0, 1.15, 1.2, 2.1, 1.9, 1.1, 0.85], tw)
        row_h, head_h = int(fs * 2.05), int(fs * 2.3)

        def cur(t: fam.Tx) -> str:
            code = getattr(t, "currency", "CNY")
            return code if codes else FX_NAMES[code]

        def cells(t: fam.Tx) -> list[fam.Cell]:
            cash = getattr(t, "cash", "—")
            return [s.day(t.when.date()), cur(t), cash, t.desc, fam._signed(t.amount, s, True), s.num(t.balance),
                    t.party, t.account, t.memo, t.channel or "柜面"]

        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(rows) or not pages:
            page, d = fam.blank_page((W, H))
            y = 56
            if not pages:
                d.text((x, y), c.bank, font=fam.font(fam.SANS_BOLD, 30), fill=colour)
                title = rng.choice(["借记卡账户交易明细（多币种）", "个人外币及人民币账户交易明细",
                                    "一卡通全币种交易流水"])
                d.text((W / 2, y + 2), title, font=fam.font(fam.SANS_BOLD, 28), fill=INK, anchor="ma")
                y += 52
                d.line((x, y, right, y), fill=colour, width=3)
                y += 16
                fields = [("户名", c.person.name), ("卡号", c.account), ("查询币种", "全部币种"),
                          ("起止日期", f"{s.day(c.start)} 至 {s.day(c.end)}"), ("打印日期", s.day(c.printed.date())),
                          ("证件号码", c.id_text() if c.id_mode != "none" else "")]
                third = tw / 3
                hf = fam.font(fam.SANS, 19)
                for k, (label, value) in enumerate(f for f in fields if f[1]):
                    d.text((x + (k % 3) * third, y + (k // 3) * 32), f"{label}：{value}", font=hf, fill=INK)
                y += 32 * ((len([f for f in fields if f[1]]) + 2) // 3) + 8
                ends: dict[str, Decimal] = {}
                for t in rows:
                    ends[getattr(t, "currency", "CNY")] = t.balance
                summary: list[list[fam.Cell]] = [["币种", "钞汇", "期末余额"]]
                for code in ("CNY", "USD", "HKD"):
                    if code in ends:
                        summary.append([code if codes else FX_NAMES[code], "—" if code == "CNY" else
                                        ("现钞" if code == "HKD" else "现汇"), s.num(ends[code])])
                d.text((x, y), "账户余额汇总", font=fam.font(fam.SANS_BOLD, 19), fill=INK)
                y = fam.table(d, x + 150, y - 4, [120, 100, 180], summary, cf, int(fs * 1.9), head=bf,
                              aligns="ccr", line=(170, 170, 170), lw=1, head_fill=(240, 240, 240))
                y += 18
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, head_fill=(232, 234, 240),
                          line=(150, 150, 150), lw=1)
            chunk = rows[i:i + room(y, len(rows) - i, row_h, bottom=H - 110, reserve=230)]
            if chunk:
                y = fam.table(d, x, y, widths, [cells(t) for t in chunk], cf, row_h, head_rows=0,
                              aligns="lcclrrlllc", line=(190, 190, 190), lw=1)
            pages.append((page, d, y))
            shown.append(chunk)
            i += len(chunk)
        n = len(pages)
        seals: tuple[int, ...] = ()
        for p, (_, d, y) in enumerate(pages, start=1):
            d.text((W / 2, H - 80), f"第{p}页/共{n}页", font=fam.font(fam.SANS, 17), fill=GREY, anchor="ma")
            if p == n:
                note = "注：交易金额正数为存入，负数为支取；各币种余额分别计算。"
                d.text((x, y + 12), note, font=fam.font(fam.SANS, 17), fill=GREY)
                if c.sealed:
                    fam.seal(d, right - rng.randint(160, 260), min(y + 130, H - 190), rng.randint(96, 108),
                             f"{c.bank}业务")
                    seals = (n,)
        return Drawn([pg for pg, _, _ in pages], shown, c.printed.date(), True, seals)

    return statement(rng, tamper, list(FX_BANKS), build, ("desc", "memo", "party"), ("iso", "slash", "dot"),
                     months=(3, 5), per_month=(3, 6))



CREDIT_BANKS = {"中国工商银行": (196, 18, 30), "中国建设银行": (0, 82, 164), "中国农业银行": (0, 138, 110),
                "招商银行": (200, 22, 42), "中国民生银行": (0, 100, 160), "平安银行": (240, 90, 20),
                "兴业银行": (0, 64, 152), "中国邮政储蓄银行": (0, 118, 62)}
STAMP_TEXTS = ["仅供{lender}贷款审核使用 他用无效", "仅用于{lender}借款申请", "本流水仅供贷款申请使用 复印无效"]


def stmt_credits_filtered_watermarked(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 网银 query of incoming transactions only (收支方向：收入), exported to PDF: a 查询条件 box with the count and
    total of all credits, then 序号 | 入账日期 | 入账时间 | 入账金额 | 付款方户名 | 付款方账号 | 摘要 | 附言; the
    applicant's diagonal 仅供…使用 watermark over every page."""
    # No debits and no balance column. The credits total counts everything (salary, bonuses, reimbursements, friends'
    # transfers, refunds, interest): not the income. 导出时间 in the footer of every page is the print date.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        colour = CREDIT_BANKS[c.bank]
        credits = [t for t in txs if t.amount > 0]
        lender = rng.choice(LENDERS)[0].replace("有限公司", "").replace("股份", "")
        stamp = rng.choice(STAMP_TEXTS).format(lender=lender)
        x = rng.randint(56, 70)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(16, 18)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["序号", "入账日期", "入账时间", "入账金额", "付款方户名", "付款方账号", "摘要", "附言"]
        widths = px([0.5, 1.1, 0.85, 1.15, 2.65, 1.95, 1.0, 0.95], tw)
        row_h, head_h = int(fs * 2.1), int(fs * 2.4)
        stamp_time = c.printed
        total = sum((t.amount for t in credits), Decimal(0))
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        zebra = rng.random() < 0.6
        while i < len(credits) or not pages:
            page, d = fam.blank_page()
            y = 64
            d.text((x, y), c.bank, font=fam.font(fam.SANS_BOLD, 30), fill=colour)
            d.text((right, y + 6), rng.choice(["账户收入明细查询结果", "个人账户入账明细"]) if not pages else "（续）",
                   font=fam.font(fam.SANS_BOLD, 24), fill=INK, anchor="ra")
            y += 50
            d.line((x, y, right, y), fill=colour, width=2)
            y += 18
            if not pages:
                box_top = y
                hf = fam.font(fam.SANS, 19)
                conds = [("账号", c.account), ("户名", c.person.name), ("币种", "人民币"),
                         ("查询期间", f"{s.day(c.start)} — {s.day(c.end)}"), ("收支方向", "收入（贷方）"),
                         ("交易类型", "全部")]
                if c.id_mode != "none":
                    conds.insert(2, ("证件号码", c.id_text()))
                d.text((x + 16, y + 12), "查询条件", font=fam.font(fam.SANS_BOLD, 20), fill=colour)
                y += 48
                for k in range(0, len(conds), 2):
                    for j, (label, value) in enumerate(conds[k:k + 2]):
                        d.text((x + 16 + j * (tw // 2), y), f"{label}：{value}", font=hf, fill=INK)
                    y += 32
                y += 6
                d.text((x + 16, y), f"查询结果：共 {len(credits)} 笔，入账金额合计 {s.amount(total)}", font=hf,
                       fill=INK)
                y += 40
                d.rectangle((x, box_top, right, y), outline=(190, 190, 190), width=1)
                y += 18
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, grid="rules", head_fill=(236, 238, 242))
            chunk = credits[i:i + room(y, len(credits) - i, row_h, bottom=PAGE_H - 150, reserve=240)]
            for k, t in enumerate(chunk):
                if zebra and k % 2:
                    d.rectangle((x, y, right, y + row_h), fill=(246, 247, 249))
                y = fam.table(d, x, y, widths, [[str(i + k + 1), s.day(t.when.date()), f"{t.when:%H:%M:%S}",
                                                 s.num(t.amount), t.party, t.account, t.desc, t.memo]], cf, row_h,
                              head_rows=0, aligns="cllrllll", grid="none")
            d.line((x, y, right, y), fill=GRID, width=1)
            pages.append((page, d, y))
            shown.append(chunk)
            i += len(chunk)
        n = len(pages)
        seals: tuple[int, ...] = ()
        out = []
        for p, (page, d, y) in enumerate(pages, start=1):
            d.text((x, PAGE_H - 100), f"导出时间：{s.day(stamp_time.date())} {stamp_time:%H:%M:%S}",
                   font=fam.font(fam.SANS, 17), fill=GREY)
            d.text((right, PAGE_H - 100), f"第 {p} 页，共 {n} 页", font=fam.font(fam.SANS, 17), fill=GREY, anchor="ra")
            if p == n:
                d.text((x, y + 12), "—— 查询结果结束 ——", font=fam.font(fam.SANS, 17), fill=GREY)
                if c.sealed:
                    fam.seal(d, right - rng.randint(150, 250), min(y + 140, PAGE_H - 240), rng.randint(98, 110),
                             f"{c.bank}电子业务")
                    seals = (n,)
            watermark(page, stamp, rng, size=rng.randint(30, 38))
            out.append(page)
        return Drawn(out, shown, c.printed.date(), True, seals)

    return statement(rng, tamper, list(CREDIT_BANKS), build, ("desc", "memo", "party"),
                     ("iso", "slash", "compact", "cn0"), months=(6, 12), per_month=(6, 12))


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen6_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_lender_verification, CERT, ("words", "seal")),
    _family(cert_labour_contract, CERT, ("words", "seal")),
    _family(cert_fax_memo, CERT, ("words", "seal")),
    _family(cert_id_copy_sheet, CERT, ("words", "seal")),
    _family(slip_sap_wagetype, SLIP, ()),
    _family(slip_outsourced_payroll, SLIP, ("seal",)),
    _family(slip_carbon_booklet, SLIP, ("seal",)),
    _family(slip_site_wage_confirm, SLIP, ("seal",)),
    _family(stmt_app_longshot, STMT, ()),
    _family(stmt_two_panel_compact, STMT, ("seal",)),
    _family(stmt_fx_mixed, STMT, ("seal",)),
    _family(stmt_credits_filtered_watermarked, STMT, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen6 families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
