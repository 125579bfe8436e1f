"""Unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document and each structurally different from every family in income_families.py. They were
written without reading the parsers, their tests or the benchmark, so that no parser was developed against them:
use them for the final figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen as unseen
    doc = fam.make(unseen.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
    data, suffix = fam.render(doc, "photo")                    # "scan" | "photo" | "pdf"
    want = fam.expected_for(doc, "photo")

Expected fields follow income_families.py exactly: name; id_number (None unless stated in full); employer (None
when not stated; None for statements); monthly_income in yuan (certificates: the monthly figure, 税前 when both
are given, annual / 12 when only a year is stated; payslips: 应发 gross of the most recent month; statements: the
mean over the months with salary credits of the salary credits in that month, page 1 only for an image);
issue_date (the letter's date; the payslip's pay date, or the date a multi-month table is dated; the statement's
print date; None when not stated). Every person, employer and amount is invented.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from PIL import Image, ImageDraw, ImageFont

from sample_docs import generate
from sample_docs import income_families as fam
from sample_docs.generate import make_person

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
MONO = fam.SANS  # the collection also holds Noto Sans Mono CJK SC, at index 7
CN_DIGITS = "〇一二三四五六七八九"
CITY_PREFIXES = ("北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "天津", "苏州工业园区", "厦门",
                 "青岛", "西安", "长沙", "重庆", "宁波", "合肥", "郑州", "昆明", "济南", "福州", "大连", "无锡",
                 "沈阳", "南昌", "东莞", "佛山顺德", "珠海横琴")
MERCHANTS = {"财付通-美团": "财付通支付科技有限公司", "支付宝-淘宝": "支付宝（中国）网络技术有限公司"}


@functools.lru_cache(maxsize=64)
def mono(size: int) -> ImageFont.FreeTypeFont:
    """Noto Sans Mono CJK SC: Latin half width, CJK full width, as a dot-matrix printer's font."""
    return ImageFont.truetype(MONO, size, index=7)


def _cn_small(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def cn_date(day: dt.date, zero: str = "〇", with_day: bool = True) -> str:
    """A date in Chinese numerals, as official letters write it: 二〇二六年十月九日."""
    year = "".join(CN_DIGITS[int(c)] for c in str(day.year)).replace("〇", zero)
    return f"{year}年{_cn_small(day.month)}月" + (f"{_cn_small(day.day)}日" if with_day else "")


def _seal_facts(tamper: str | None, page: int = 1) -> tuple[int, ...]:
    return () if tamper == "seal" else (page,)


def _city(rng: random.Random) -> str:
    """A city name (北京, 南京, 广州…) from the regions the ID numbers use."""
    return rng.choice(generate.REGIONS)[1].split("省")[-1].split("市")[0]


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


def cert_hr_footer(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Letter: 大写 first (人民币…元整（¥…）), employer only in a closing "XX公司人力资源部", date 二〇二六年…"""
    # A file number at the top right; the letter dated in Chinese numerals; the seal over the closing lines.
    e = fam.employee(rng, tamper)
    s = fam.make_style(rng, sizes=(28, 33), serif_p=0.7)
    zero = rng.choice("〇〇零")
    page, d = fam.blank_page()
    body = s.f()
    width = PAGE_W - 2 * s.margin
    y = rng.randint(100, 140)
    if rng.random() < 0.7:
        number = f"{rng.choice(['人证字', '人力证字', 'HR证'])}〔{e.issue.year}〕{rng.randint(3, 480)}号"
        d.text((PAGE_W - s.margin, y), f"编号：{number}", font=s.f(22), fill=GREY, anchor="ra")
    y += rng.randint(70, 110)
    title = rng.choice(["收入证明", "收 入 证 明", "个人收入证明", "员工收入证明"])
    d.text((PAGE_W / 2, y), title, font=s.f(rng.randint(50, 60), bold=True), fill=INK, anchor="ma")
    y += rng.randint(130, 170)
    bank = rng.choice(fam.BANKS)
    addressee = rng.choice([f"{bank}：", "致有关单位：", f"致：{bank}{_city(rng)}分行", ""])
    if addressee:
        d.text((s.margin, y), addressee, font=body, fill=INK)
        y += int(body.size * 1.9)
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整"), ("元", "正")])
    words = fam.to_words(e.words_amount, yuan, whole)
    digits = rng.choice([f"¥{fam.money(e.monthly)}", f"￥{fam.money(e.monthly)}",
                         f"小写：{fam.money(e.monthly)}元", f"{fam.money(e.monthly, thousands=False)}元"])
    since = cn_date(e.since, zero, with_day=False) if rng.random() < 0.6 else f"{e.since.year}年{e.since.month}月"
    who = e.person.name + rng.choice(["同志", "", "先生" if e.person.sex == "男" else "女士"])
    phrase = rng.choice(["月收入为", "每月税前收入为", "月均收入（税前）为", "月工资收入为"])
    text = (f"兹证明{who}（身份证号：{e.person.id_number}）自{since}起在我司{e.dept}工作，任{e.title}职务。"
            f"该员工{phrase}人民币{words}（{digits}）。")
    tail = rng.choice(["以上情况属实。", "本证明仅用于办理个人贷款，自开具之日起一个月内有效。",
                       "本证明仅作收入证明使用，我司不承担任何担保责任。"])
    y = fam.paragraphs(d, s.margin, y, width, [text, tail, "特此证明。"], body, leading=rng.choice([1.8, 2.0]))
    if rng.random() < 0.5:
        y += 20
        d.text((s.margin, y), f"联系人：{e.hr}    联系电话：{e.phone}", font=s.f(s.size - 4), fill=INK)
        y += int(body.size * 1.6)
    y += rng.randint(120, 200)
    dept = rng.choice(["人力资源部", "人力资源部", "人事部", "人力资源中心"])
    line1, line2 = f"{e.company}{dept}", cn_date(e.issue, zero)
    right = PAGE_W - s.margin - rng.randint(0, 40)
    w1 = body.getlength(line1)
    d.text((right, y), line1, font=body, fill=INK, anchor="ra")
    d.text((right - (w1 - body.getlength(line2)) / 2, y + int(body.size * 2.0)), line2, font=body, fill=INK,
           anchor="ra")
    if tamper != "seal":
        fam.seal(d, right - w1 / 2 + rng.randint(-40, 40), y + body.size, rng.randint(120, 145), e.company)
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seal_facts(tamper), words_page=1, tampered=tamper)


def cert_employment_annual(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """在职收入证明 in numbered clauses (一、二、…) stating only a yearly income (万元, or 元 with 大写)."""
    # The employer named in the body (系XX公司正式在职员工); a contract term; seal and date at the foot.
    e = fam.employee(rng, tamper)
    s = fam.make_style(rng, sizes=(27, 32), dates=("cn", "cnspace", "cn0"))
    mode = "yuan_words" if tamper == "words" else rng.choice(["yuan_words", "wan", "wan", "wan_net"])
    annual = Decimal(rng.randrange(60, 720) * 1000)
    words_annual = annual
    if tamper == "words":
        words_annual = annual + Decimal(rng.choice([1000, 5000, 10000, -2000, -10000]))
    page, d = fam.blank_page()
    body = s.f()
    width = PAGE_W - 2 * s.margin
    y = rng.randint(140, 200)
    title = rng.choice(["在职收入证明", "在职及收入证明", "工作及收入证明"])
    d.text((PAGE_W / 2, y), title, font=s.f(rng.randint(48, 58), bold=True), fill=INK, anchor="ma")
    y += rng.randint(120, 150)
    bank = rng.choice(fam.BANKS)
    d.text((s.margin, y), rng.choice([f"致：{bank}{_city(rng)}支行", f"{bank}：", "致：贵行"]), font=body, fill=INK)
    y += int(body.size * 2.0)
    sex = "先生" if e.person.sex == "男" else "女士"
    intro = (f"兹证明{e.person.name}{sex}（身份证号码：{e.person.id_number}）系{e.company}正式在职员工，"
             f"现将其在职及收入情况证明如下：")
    term = rng.choice(["无固定期限劳动合同", f"劳动合同，合同期至{e.issue.year + rng.randint(1, 4)}年12月31日",
                       "固定期限劳动合同"])
    clauses = [f"一、该员工于{fam._since(e, s.date)}入职，现任{e.dept}{e.title}，与我单位签订{term}。"]
    if mode == "yuan_words":
        income = (f"二、该员工近一年税前年收入为人民币{s.num(annual)}元（大写：{fam.to_words(words_annual)}），"
                  f"收入包括基本工资、岗位津贴及绩效奖金。")
    else:
        wan = f"{(annual / 10000).normalize():f}" if rng.random() < 0.6 else f"{annual / 10000:.2f}"
        income = f"二、该员工年收入（税前）为{wan}万元"
        if mode == "wan_net":
            net = (annual * Decimal(rng.choice(["0.78", "0.8", "0.82", "0.85"])) / 10000).quantize(Decimal("0.1"))
            income += f"，税后约{net:f}万元"
        income += "。"
    purpose = rng.choice(["个人住房贷款", "信用卡申请", "个人消费贷款", "出国签证"])
    clauses += [income, "三、我单位已依法为该员工缴纳社会保险及住房公积金，目前劳动关系正常。",
                f"四、本证明仅供该员工办理{purpose}使用，不作为我单位对其债务的任何担保。"]
    y = fam.paragraphs(d, s.margin, y, width, [intro], body, leading=1.9)
    y = fam.paragraphs(d, s.margin + 2 * body.size, y + 10, width - 2 * body.size, clauses, body, leading=1.9,
                       indent=False)
    y = fam.paragraphs(d, s.margin, y + 10, width, ["特此证明。"], body)
    y += rng.randint(110, 180)
    x = PAGE_W - s.margin - rng.randint(340, 420)
    d.text((x, y), rng.choice(["单位（盖章）", "单位公章：", "（盖章）"]), font=body, fill=INK)
    d.text((x, y + int(body.size * 2.2)), s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        fam.seal(d, x + rng.randint(110, 170), y + 30, rng.randint(120, 145), e.company)
    if rng.random() < 0.6:
        d.text((s.margin, PAGE_H - 200), f"经办人：{e.hr}    联系电话：{e.phone}", font=s.f(s.size - 5), fill=INK)
    words_page = 1 if mode == "yuan_words" else None
    f = fam._fields(e.person.name, e.person.id_number, e.company, annual / 12, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seal_facts(tamper), words_page=words_page, tampered=tamper,
                             extra={"income_mode": mode, "annual_income": float(annual)})


def _credit_code(rng: random.Random) -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return "91" + "".join(rng.choice("0123456789") for _ in range(6)) + "".join(rng.choice(chars) for _ in range(10))


def cert_form_rows(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Two-column form: label cell left, value right, over many rows (税后/税前 月收入, 大写, 单位地址, 电话)."""
    # The unit's declaration, seal and date sit in a last cell spanning the width.
    e = fam.employee(rng, tamper)
    s = fam.make_style(rng, sizes=(24, 28))
    s.currency = rng.choice(["¥", "￥", "人民币", ""])
    page, d = fam.blank_page()
    y = rng.randint(110, 150)
    title = rng.choice(["职工收入证明表", "个人收入证明（单位填写）", "收入证明表"])
    d.text((PAGE_W / 2, y), title, font=s.f(rng.randint(44, 52), bold=True), fill=INK, anchor="ma")
    y += 90
    x = rng.randint(90, 130)
    total = PAGE_W - 2 * x
    small = s.f(21)
    if rng.random() < 0.6:
        d.text((PAGE_W - x, y), f"表号：{rng.randint(10**5, 10**6 - 1)}", font=small, fill=GREY, anchor="ra")
    d.text((x, y), rng.choice(["（本表由申请人所在单位人事或财务部门填写）", "填写说明：请用黑色签字笔填写，涂改无效"]),
           font=small, fill=GREY)
    y += 45
    net = (e.monthly * Decimal(rng.choice(["0.76", "0.79", "0.81", "0.84"]))).quantize(Decimal(1))
    label_w = int(total * rng.uniform(0.28, 0.34))
    gross_row = (rng.choice(["税前月收入", "月收入（税前）", "月工资（税前）"]), s.amount(e.monthly))
    net_row = (rng.choice(["税后月收入", "月收入（税后）", "实发月收入"]), s.amount(net))
    words_row = (rng.choice(["税前月收入（大写）", "大写金额", "月收入大写"]), fam.to_words(e.words_amount))
    income = [net_row, gross_row, words_row] if rng.random() < 0.55 else [gross_row, words_row, net_row]
    rows = [("姓名", e.person.name), ("性别", e.person.sex),
            (rng.choice(["身份证件号码", "身份证号码"]), e.person.id_number),
            (rng.choice(["工作单位（全称）", "单位名称（全称）"]), e.company),
            ("统一社会信用代码", _credit_code(rng)), ("单位地址", e.address),
            ("单位性质", rng.choice(["有限责任公司", "股份有限公司", "民营企业", "国有企业"])),
            ("入职日期", fam.fmt_date(e.since, rng.choice(["cn", "iso", "dot"]))),
            ("部门及职务", f"{e.dept}  {e.title}"), *income, ("人事联系人", e.hr), ("单位联系电话", e.phone)]
    if rng.random() < 0.4:
        rows.remove(next(r for r in rows if r[0] == "性别"))
    row_h = rng.randint(64, 76)
    cells: list[list[fam.Cell]] = [[k, v] for k, v in rows]
    shade = rng.random() < 0.5
    if shade:
        for i in range(len(rows)):
            d.rectangle((x, y + i * row_h, x + label_w, y + (i + 1) * row_h), fill=(238, 238, 238))
    y = fam.table(d, x, y, [label_w, total - label_w], cells, s.f(), row_h, head=None, head_rows=0,
                  aligns=rng.choice(["cl", "ll"]), pad=16)
    box_h = rng.randint(300, 360)
    d.rectangle((x, y, x + total, y + box_h), outline=GRID, width=2)
    body = s.f()
    inner = fam.paragraphs(d, x + 24, y + 24, total - 48,
                           [rng.choice(["单位声明：以上所填内容真实、准确，如有虚假，我单位愿承担相应法律责任。",
                                        "兹证明上述信息属实。本证明仅用于申请个人贷款，不作他用。"])],
                           body, indent=False)
    sx = x + total - rng.randint(400, 460)
    sy = max(inner + 30, y + box_h - 150)
    d.text((sx, sy), rng.choice(["单位盖章：", "单位公章：", "（单位盖章）"]), font=body, fill=INK)
    d.text((sx, sy + int(body.size * 1.9)), f"{rng.choice(['日期：', '', '填表日期：'])}{s.day(e.issue)}", font=body,
           fill=INK)
    if tamper != "seal":
        fam.seal(d, sx + rng.randint(160, 230), sy + 10, rng.randint(115, 135), e.company)
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seal_facts(tamper), words_page=1, tampered=tamper)


def cert_net_first(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Stationery (logo block, footer band) HR letter: monthly pay 税后 first, then 税前 with its 大写."""
    # Signed 人力资源部（盖章） with 经办人; the ID number is sometimes left out.
    e = fam.employee(rng, tamper, step=rng.choice([100, 10]))
    s = fam.make_style(rng, sizes=(27, 31), serif_p=0.35, dates=("cn", "cn", "cn0", "iso", "dot"))
    accent = rng.choice([(20, 80, 160), (170, 30, 40), (0, 110, 90), (60, 60, 60)])
    page, d = fam.blank_page()
    y = rng.randint(80, 110)
    logo = rng.randint(70, 90)
    x = s.margin - 30
    d.rectangle((x, y, x + logo, y + logo), fill=accent)
    short = e.company.replace("（", "").replace("）", "")
    for prefix in CITY_PREFIXES:
        if short.startswith(prefix):
            short = short[len(prefix):]
            break
    d.text((x + logo / 2, y + logo / 2), short[:2], font=fam.font(fam.SANS_BOLD, int(logo * 0.38)),
           fill=(255, 255, 255), anchor="mm")
    name_font = s.f(rng.randint(34, 40), bold=True)
    d.text((x + logo + 24, y + logo / 2), e.company, font=name_font, fill=accent, anchor="lm")
    y += logo + 26
    d.line((x, y, PAGE_W - x, y), fill=accent, width=3)
    y += rng.randint(120, 160)
    title = rng.choice(["收入证明", "员工收入证明", "工资收入证明"])
    d.text((PAGE_W / 2, y), title, font=s.f(rng.randint(46, 56), bold=True), fill=INK, anchor="ma")
    y += rng.randint(120, 150)
    body = s.f()
    width = PAGE_W - 2 * s.margin
    d.text((s.margin, y), rng.choice([f"致：{rng.choice(fam.BANKS)}信用卡中心", f"{rng.choice(fam.BANKS)}：",
                                      "致：有关单位"]), font=body, fill=INK)
    y += int(body.size * 2.0)
    with_id = rng.random() < 0.8
    who = f"{e.person.name}（身份证号码：{e.person.id_number}）" if with_id else f"{e.person.name}{_gender(e)}"
    net = (e.monthly * Decimal(rng.choice(["0.77", "0.8", "0.83", "0.86"]))).quantize(Decimal("0.01"))
    period = rng.choice(["近六个月", "近十二个月", "近三个月", ""])
    gross_words = fam.to_words(e.words_amount)
    text = (f"兹证明{who}自{fam._since(e, 'cn')}起与我公司建立劳动关系，现任{e.title}。经核实，该员工{period}"
            f"月均实发工资（税后）为人民币{s.num(net)}元，月均应发工资（税前）为人民币{s.num(e.monthly)}元"
            f"（大写：{gross_words}）。")
    paras = [text,
             "上述收入包括基本工资、岗位津贴、绩效奖金及各类补贴，已扣除社会保险、住房公积金个人缴纳部分及"
             "个人所得税的金额为税后数额。",
             "本证明仅用于证明该员工收入情况，不作为我公司对该员工任何形式的担保。", "特此证明。"]
    y = fam.paragraphs(d, s.margin, y, width, paras, body, leading=1.85)
    y += rng.randint(100, 160)
    x2 = PAGE_W - s.margin - rng.randint(360, 420)
    d.text((x2, y), rng.choice(["人力资源部（盖章）", "人力资源部（章）", "人事部（盖章）"]), font=body, fill=INK)
    d.text((x2, y + int(body.size * 1.9)), f"经办人：{e.hr}", font=body, fill=INK)
    d.text((x2, y + int(body.size * 3.8)), s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        fam.seal(d, x2 + rng.randint(110, 170), y + body.size, rng.randint(118, 140), e.company)
    band = PAGE_H - rng.randint(120, 150)
    d.line((x, band, PAGE_W - x, band), fill=accent, width=2)
    d.text((PAGE_W / 2, band + 18), f"地址：{e.address}    电话：{e.phone}", font=s.f(19), fill=GREY, anchor="ma")
    d.text((PAGE_W / 2, band + 48), f"www.{rng.choice(['hx', 'zk', 'ry', 'tm', 'xd', 'qs'])}{rng.randint(10, 99)}"
           f".com.cn", font=fam.font(fam.SANS, 18), fill=GREY, anchor="ma")
    f = fam._fields(e.person.name, e.person.id_number if with_id else None, e.company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seal_facts(tamper), words_page=1, tampered=tamper,
                             extra={"net_monthly": float(net)})


def _gender(e: fam.Employee) -> str:
    return "先生" if e.person.sex == "男" else "女士"


# ------------------------------------------------------------------------------------- 工资条 (payslips)


def _deductions(rng: random.Random, pay: fam.Pay, split: bool) -> list[tuple[str, Decimal]]:
    social = ([("养老保险", pay.pension), ("医疗保险", pay.medical), ("失业保险", pay.unemployment)] if split
              else [(rng.choice(fam.SOCIAL), pay.social)])
    return [*social, (rng.choice(fam.FUND), pay.fund), (rng.choice(fam.TAX), pay.tax)]


def slip_transposed(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Multi-month table on its side: pay items as rows, months as columns (newest right or left), dated."""
    # Sometimes a 合计 column; dated at the foot by 制表日期 / 打印日期 / 出具日期.
    s = fam.make_style(rng, sizes=(20, 24), serif_p=0.25)
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pays = fam.pay_series(rng, rng.randint(3, 6))
    newest_first = rng.random() < 0.4
    shown = list(reversed(pays)) if newest_first else pays
    with_total = rng.random() < 0.4
    page, d = fam.blank_page()
    y = rng.randint(110, 160)
    d.text((PAGE_W / 2, y), company, font=s.f(rng.randint(34, 40), bold=True), fill=INK, anchor="ma")
    y += 65
    title = rng.choice(["个人工资明细表", "员工薪酬明细", "工资发放明细（按月）"])
    d.text((PAGE_W / 2, y), title, font=s.f(30, bold=True), fill=INK, anchor="ma")
    y += 75
    x = rng.randint(70, 110)
    total = PAGE_W - 2 * x
    with_id = rng.random() < 0.35
    info = [f"{s.lab('姓名')}{person.name}", f"{s.lab('工号')}{fam._staff_no(rng)}",
            f"{s.lab('部门')}{rng.choice(fam.DEPARTMENTS)[0]}"]
    d.text((x, y), "    ".join(info), font=s.f(s.size + 1), fill=INK)
    y += int(s.size * 1.9)
    if with_id:
        d.text((x, y), f"{s.lab('身份证号')}{person.id_number}", font=s.f(s.size + 1), fill=INK)
        y += int(s.size * 1.9)
    d.text((PAGE_W - x, y), "单位：元", font=s.f(20), fill=GREY, anchor="ra")
    y += 36
    month_fmt = rng.choice(["cn", "cn0", "iso", "compact"])
    head: list[fam.Cell] = ["项目", *(fam.fmt_month(p.month, month_fmt) for p in shown)]
    if with_total:
        head.append("合计")
    gross_label, net_label = rng.choice(fam.GROSS), rng.choice(fam.NET)
    blank_zero = rng.random() < 0.4
    split = rng.random() < 0.6
    items: list[tuple[str, Callable[[fam.Pay], Decimal]]] = [
        (label, (lambda p, i=i: p.earnings[i][1])) for i, (label, _) in enumerate(pays[-1].earnings)]
    items.append((gross_label, lambda p: p.gross))
    if split:
        items += [("养老保险", lambda p: p.pension), ("医疗保险", lambda p: p.medical),
                  ("失业保险", lambda p: p.unemployment)]
    else:
        items.append((rng.choice(fam.SOCIAL), lambda p: p.social))
    items += [(rng.choice(fam.FUND), lambda p: p.fund), (rng.choice(fam.TAX), lambda p: p.tax),
              ("扣款合计", lambda p: p.deductions), (net_label, lambda p: p.net)]

    def shown_num(v: Decimal) -> str:
        return "" if (blank_zero and v == 0) else s.num(v)

    rows: list[list[fam.Cell]] = [head]
    for label, get in items:
        row: list[fam.Cell] = [label, *(shown_num(get(p)) for p in shown)]
        if with_total:
            row.append(shown_num(sum((get(p) for p in pays), Decimal(0))))
        rows.append(row)
    ncol = len(head)
    label_w = int(total * (0.2 if ncol > 6 else 0.24))
    rest = total - label_w
    widths = [label_w] + [rest // (ncol - 1)] * (ncol - 1)
    widths[-1] += total - sum(widths)
    y = fam.table(d, x, y, widths, rows, s.f(), rng.randint(50, 60), head=s.f(bold=True),
                  aligns="l" + "r" * (ncol - 1), grid=rng.choice(["full", "full", "rules"]),
                  head_fill=(230, 236, 244) if rng.random() < 0.5 else None)
    dated = max(fam.TODAY - dt.timedelta(days=rng.randint(1, 20)), pays[-1].paid)
    d.text((PAGE_W - x, y + 50), f"{s.lab(rng.choice(['制表日期', '打印日期', '出具日期']))}{s.day(dated)}",
           font=s.f(s.size + 1), fill=INK, anchor="ra")
    if rng.random() < 0.5:
        d.text((x, y + 50), f"制表人：{fam.person_name(rng)}", font=s.f(s.size + 1), fill=INK)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.6:
        fam.seal(d, PAGE_W - x - rng.randint(150, 260), y + 150, rng.randint(105, 125), company)
        seals = (1,)
    latest = pays[-1]
    f = fam._fields(person.name, person.id_number if with_id else None, company, latest.gross, dated)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={"pay_month": f"{latest.month:%Y-%m}", "gross_pay": float(latest.gross),
                                    "net_pay": float(latest.net), "months": len(pays),
                                    "newest_first": newest_first})


def _status_bar(d: ImageDraw.ImageDraw, w: int, rng: random.Random, dark: tuple[int, int, int]) -> None:
    d.text((44, 44), f"{rng.randint(8, 22)}:{rng.randrange(60):02d}", font=fam.font(fam.SANS_BOLD, 30), fill=dark,
           anchor="lm")
    bx = w - 60
    d.rounded_rectangle((bx - 44, 32, bx, 56), radius=6, outline=dark, width=2)
    d.rectangle((bx - 40, 36, bx - 40 + int(36 * rng.uniform(0.3, 0.95)), 52), fill=dark)
    d.rectangle((bx + 2, 40, bx + 5, 48), fill=dark)
    net = rng.choice(["5G", "4G", "WiFi"])
    d.text((bx - 58, 44), net, font=fam.font(fam.SANS_BOLD, 22), fill=dark, anchor="rm")
    sx = bx - 58 - fam.font(fam.SANS_BOLD, 22).getlength(net) - 50
    for i in range(4):
        d.rectangle((sx + i * 9, 54 - 6 - i * 5, sx + i * 9 + 5, 54), fill=dark)


def slip_mobile(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Phone screenshot of an HR app's 工资条: big 实发 figure, then 应发/扣款 sections with subtotals."""
    # 750x1624, status bar and nav bar; each item a label at the left and a right-aligned value; a confirm button.
    w, h = 750, 1624
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pay = fam.pay_series(rng, 1)[0]
    bg, card, dark, grey = (244, 245, 247), (255, 255, 255), (30, 30, 30), (140, 140, 145)
    accent = rng.choice([(255, 106, 0), (22, 119, 255), (0, 160, 110), (230, 60, 60)])
    page = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(page)
    sans = functools.partial(fam.font, fam.SANS)
    bold = functools.partial(fam.font, fam.SANS_BOLD)
    thousands = rng.random() < 0.7

    def num(v: Decimal) -> str:
        return fam.money(v, thousands)

    d.rectangle((0, 0, w, 176), fill=card)
    _status_bar(d, w, rng, dark)
    d.text((40, 132), "‹", font=sans(56), fill=dark, anchor="lm")
    d.text((w / 2, 132), rng.choice(["工资条", "薪资详情", "工资明细", "我的工资条"]), font=bold(34), fill=dark,
           anchor="mm")
    d.text((w - 44, 132), "···", font=bold(30), fill=dark, anchor="rm")
    y = 200
    d.text((w / 2, y), company, font=sans(24), fill=grey, anchor="ma")
    y += 50
    # the summary card
    top = y
    d.rounded_rectangle((24, top, w - 24, top + 330), radius=20, fill=card)
    month = fam.fmt_month(pay.month, rng.choice(["cn0", "cn", "iso"]))
    d.text((56, top + 34), month, font=bold(30), fill=dark)
    tx = 56 + bold(30).getlength(month) + 14
    d.polygon([(tx, top + 50), (tx + 16, top + 50), (tx + 8, top + 60)], fill=dark)
    d.text((w - 56, top + 38), f"{person.name}  {fam._staff_no(rng)}", font=sans(26), fill=grey, anchor="ra")
    d.text((w / 2, top + 104), rng.choice(["实发工资（元）", "实发金额(元)", "本月实发"]), font=sans(26), fill=grey,
           anchor="ma")
    d.text((w / 2, top + 146), num(pay.net), font=bold(66), fill=accent, anchor="ma")
    gross_label = rng.choice(["应发工资", "应发合计", "税前工资"])
    for i, (label, value) in enumerate(((gross_label, pay.gross), ("扣款合计", pay.deductions))):
        cx = w / 4 + i * w / 2
        d.text((cx, top + 244), label, font=sans(24), fill=grey, anchor="ma")
        d.text((cx, top + 280), num(value), font=bold(28), fill=dark, anchor="ma")
    d.line((w / 2, top + 246, w / 2, top + 306), fill=(225, 225, 228), width=2)
    y = top + 330 + 20
    shown_date = rng.random() < 0.75
    row_h = 56

    def section(y: int, title: str, subtotal: Decimal, items: list[tuple[str, Decimal]], sign: str) -> int:
        height = 84 + row_h * len(items) + 16
        d.rounded_rectangle((24, y, w - 24, y + height), radius=20, fill=card)
        d.rectangle((48, y + 30, 54, y + 56), fill=accent)
        d.text((68, y + 43), title, font=bold(30), fill=dark, anchor="lm")
        d.text((w - 56, y + 43), num(subtotal), font=bold(30), fill=dark, anchor="rm")
        ry = y + 84
        d.line((48, ry - 6, w - 48, ry - 6), fill=(235, 235, 238), width=2)
        for label, value in items:
            d.text((68, ry + row_h / 2), label, font=sans(27), fill=(90, 90, 95), anchor="lm")
            d.text((w - 56, ry + row_h / 2), sign + num(value), font=sans(27), fill=dark, anchor="rm")
            ry += row_h
        return y + height + 20

    earnings = [(k, v) for k, v in pay.earnings if v or rng.random() < 0.5]
    y = section(y, rng.choice(["应发项目", "收入项"]), pay.gross, earnings, "")
    sign = "-" if rng.random() < 0.4 else ""
    y = section(y, rng.choice(["扣款项目", "扣除项", "代扣项目"]), pay.deductions,
                _deductions(rng, pay, rng.random() < 0.5), sign)
    if shown_date:
        d.rounded_rectangle((24, y, w - 24, y + 76), radius=20, fill=card)
        d.text((56, y + 38), rng.choice(["发放日期", "发薪日期", "发放时间"]), font=sans(27), fill=(90, 90, 95),
               anchor="lm")
        d.text((w - 56, y + 38), fam.fmt_date(pay.paid, rng.choice(["iso", "cn", "slash"])), font=sans(27), fill=dark,
               anchor="rm")
        y += 96
    if y + 110 < h - 40:
        d.text((w / 2, y + 10), "如对工资有疑问，请联系HR或薪酬专员", font=sans(22), fill=grey, anchor="ma")
    if y + 200 < h - 30:
        d.rounded_rectangle((48, h - 150, w - 48, h - 62), radius=44, fill=accent)
        d.text((w / 2, h - 106), rng.choice(["确认无误", "确认工资条", "我已确认"]), font=bold(30),
               fill=(255, 255, 255), anchor="mm")
    d.rounded_rectangle((w / 2 - 134, h - 22, w / 2 + 134, h - 12), radius=5, fill=(20, 20, 20))
    f = fam._fields(person.name, None, company, pay.gross, pay.paid if shown_date else None)
    return [page], fam.Facts(SLIP, f, tampered=tamper, extra=fam._slip_extra(pay))


def slip_ytd_summary(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Payroll-system payslip: detail grid, 本月应发/本月扣款/本月实发 boxes, 项目 | 本月 | 本年累计 table."""
    # Section rows 一、收入项目 / 二、扣除项目 / 三、实发 span the table.
    s = fam.make_style(rng, sizes=(22, 25), serif_p=0.15)
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    series = fam.pay_series(rng, 12)
    pays = [p for p in series if p.month.year == series[-1].month.year]
    pay = pays[-1]
    accent = rng.choice([(31, 78, 121), (46, 110, 70), (120, 40, 40), (70, 70, 70)])
    page, d = fam.blank_page()
    x = rng.randint(80, 110)
    total = PAGE_W - 2 * x
    y = rng.randint(90, 130)
    d.text((x, y), company, font=s.f(rng.randint(30, 36), bold=True), fill=INK)
    d.text((PAGE_W - x, y), rng.choice(["工资单", "薪资单", "工资条"]), font=s.f(38, bold=True), fill=accent,
           anchor="ra")
    y += 62
    d.rectangle((x, y, PAGE_W - x, y + 5), fill=accent)
    y += 24
    start, end = pay.month, fam.month_end(pay.month)
    d.text((x, y), f"{s.lab('薪资期间')}{s.day(start)} 至 {s.day(end)}", font=s.f(), fill=INK)
    shown_date = rng.random() < 0.7
    if shown_date:
        label = rng.choice(["发薪日期", "发放日期", "支付日期"])
        d.text((PAGE_W - x, y), f"{s.lab(label)}{s.day(pay.paid)}", font=s.f(), fill=INK, anchor="ra")
    y += 56
    dept, title = rng.choice(fam.DEPARTMENTS)
    with_id = rng.random() < 0.3
    info: list[list[fam.Cell]] = [["姓名", person.name, "员工编号", fam._staff_no(rng)], ["部门", dept, "职位", title],
                                  ["开户银行", rng.choice(fam.BANKS), "银行账号", fam.card_number(rng, True)]]
    if with_id:
        info.insert(1, ["身份证号", (person.id_number, 3)])
    w4 = [int(total * 0.15), int(total * 0.35), int(total * 0.15)]
    w4.append(total - sum(w4))
    rh = 52
    for i in range(len(info)):
        d.rectangle((x, y + i * rh, x + w4[0], y + (i + 1) * rh), fill=(240, 242, 245))
        if len(info[i]) == 4:
            d.rectangle((x + w4[0] + w4[1], y + i * rh, x + sum(w4[:3]), y + (i + 1) * rh), fill=(240, 242, 245))
    y = fam.table(d, x, y, w4, info, s.f(), rh, head=None, head_rows=0, aligns="llll", line=(150, 150, 150))
    y += 34
    gap = 24
    bw = (total - 2 * gap) // 3
    for i, (label, value) in enumerate((("本月应发", pay.gross), ("本月扣款", pay.deductions), ("本月实发", pay.net))):
        bx = x + i * (bw + gap)
        d.rectangle((bx, y, bx + bw, y + 128), outline=accent, width=2)
        d.rectangle((bx, y, bx + bw, y + 44), fill=accent)
        d.text((bx + bw / 2, y + 22), label, font=s.f(24, bold=True), fill=(255, 255, 255), anchor="mm")
        d.text((bx + bw / 2, y + 88), s.num(value), font=s.f(36, bold=True), fill=INK, anchor="mm")
    y += 128 + 36
    gross_label, net_label = rng.choice(["应发合计", "应发工资"]), rng.choice(["实发工资", "实发金额"])
    split = rng.random() < 0.6

    def ytd(get: Callable[[fam.Pay], Decimal]) -> str:
        return s.num(sum((get(p) for p in pays), Decimal(0)))

    rows: list[list[fam.Cell]] = [["项目", "本月", "本年累计"], [("一、收入项目", 3)]]
    for i, (label, value) in enumerate(pay.earnings):
        rows.append([label, s.num(value), ytd(lambda p, i=i: p.earnings[i][1])])
    rows.append([gross_label, s.num(pay.gross), ytd(lambda p: p.gross)])
    rows.append([("二、扣除项目", 3)])
    deductions: list[tuple[str, Callable[[fam.Pay], Decimal]]]
    if split:
        deductions = [("养老保险（个人）", lambda p: p.pension), ("医疗保险（个人）", lambda p: p.medical),
                      ("失业保险（个人）", lambda p: p.unemployment)]
    else:
        deductions = [("社会保险（个人）", lambda p: p.social)]
    deductions += [("住房公积金（个人）", lambda p: p.fund), (rng.choice(fam.TAX), lambda p: p.tax),
                   ("扣款合计", lambda p: p.deductions)]
    for label, get in deductions:
        rows.append([label, s.num(get(pay)), ytd(get)])
    rows.append([("三、实发", 3)])
    rows.append([net_label, s.num(pay.net), ytd(lambda p: p.net)])
    widths = [int(total * 0.4), int(total * 0.3)]
    widths.append(total - sum(widths))
    row_h = 48
    section_rows = [i for i, r in enumerate(rows) if len(r) == 1]
    for i in section_rows:
        d.rectangle((x, y + i * row_h, x + total, y + (i + 1) * row_h), fill=(236, 240, 244))
    d.rectangle((x, y, x + total, y + row_h), fill=(220, 226, 234))
    y = fam.table(d, x, y, widths, rows, s.f(), row_h, head=s.f(bold=True), aligns="lrr", line=(150, 150, 150))
    y += 30
    d.text((x, y), f"注：本年累计自{pays[0].month.year}年{pays[0].month.month}月起计算；个人所得税按累计预扣法预扣。",
           font=s.f(19), fill=GREY)
    d.text((x, y + 32), "本工资单由系统生成，请妥善保管，注意保密。", font=s.f(19), fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        fam.seal(d, PAGE_W - x - 180, y + 60, rng.randint(100, 120), company)
        seals = (1,)
    f = fam._fields(person.name, person.id_number if with_id else None, company, pay.gross,
                    pay.paid if shown_date else None)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper, extra=fam._slip_extra(pay))


def slip_dot_matrix(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Dot-matrix payslip torn from green-bar continuous paper: stacked label/value line pairs, no grid."""
    # Tractor-feed holes at both edges, monospaced print, dashed rules between the blocks.
    w, h = 1420, 680
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pay = fam.pay_series(rng, 1)[0]
    page = Image.new("RGB", (w, h), (250, 250, 246))
    d = ImageDraw.Draw(page)
    green = rng.random() < 0.6
    band = 80
    if green:
        for top in range(0, h, 2 * band):
            d.rectangle((70, top, w - 70, top + band), fill=(222, 238, 222))
    for cy in range(38, h, 75):
        for cx in (32, w - 32):
            d.ellipse((cx - 12, cy - 12, cx + 12, cy + 12), fill=(208, 208, 204), outline=(180, 180, 176))
    for lx in (66, w - 66):
        for yy in range(0, h, 14):
            d.line((lx, yy, lx, yy + 7), fill=(190, 190, 186), width=1)
    ribbon = rng.choice([(45, 45, 60), (55, 50, 80), (35, 35, 35)])
    size = rng.choice([24, 25, 26])
    fnt = mono(size)
    half = fnt.getlength("0")
    x0 = rng.randint(100, 130)
    y = rng.randint(28, 46)
    thousands = rng.random() < 0.25

    def put(x: float, y: float, text: str, f: ImageFont.FreeTypeFont = fnt) -> None:
        d.text((x + rng.uniform(-0.8, 0.8), y + rng.uniform(-1.2, 1.2)), text, font=f, fill=ribbon)

    title = f"{company}  {fam.fmt_month(pay.month, rng.choice(['cn0', 'cn']))}{rng.choice(['工资单', '工资条'])}"
    big = mono(size + 8)
    put((w - big.getlength(title)) / 2, y, title, big)
    y += int(size * 2.2)
    col = 13 * half
    line = int(size * 1.6)
    staff = fam._staff_no(rng)
    shown_date = rng.random() < 0.65
    info = [("部门", rng.choice(fam.DEPARTMENTS)[0]), ("工号", staff), ("姓名", person.name)]
    ix = x0
    for k, v in info:
        put(ix, y, f"{k}:{v}")
        ix += max(fnt.getlength(f"{k}:{v}") + 4 * half, 2 * col)
    y += line
    if shown_date:
        put(x0, y, f"发放日期:{fam.fmt_date(pay.paid, rng.choice(['iso', 'compact', 'dot']))}")
    put(x0 + 4 * col, y, f"卡号:{fam.card_number(rng, True)}")
    y += line
    rule = "-" * int((w - 2 * x0) // half)

    def block(y: int, items: list[tuple[str, Decimal]]) -> int:
        put(x0, y - 6, rule)
        y += int(line * 0.6)
        for i, (label, _) in enumerate(items):
            put(x0 + i * col, y, label)
        y += line
        for i, (_, value) in enumerate(items):
            put(x0 + i * col, y, fam.money(value, thousands))
        return y + line

    gross_label = rng.choice(["应发合计", "应发工资", "工资总额"])
    earn = [(k if len(k) <= 5 else k[:5], v) for k, v in pay.earnings]
    y = block(y, [*earn, (gross_label, pay.gross)])
    y = block(y, [*_deductions(rng, pay, True)[:5], ("扣款合计", pay.deductions)][:6])
    y = block(y, [(rng.choice(["实发工资", "实发金额"]), pay.net)])
    put(x0, y - 6, rule)
    page = page.crop((0, 0, w, min(h, y + rng.randint(40, 90))))  # torn off at the perforation under the slip
    f = fam._fields(person.name, None, company, pay.gross, pay.paid if shown_date else None)
    return [page], fam.Facts(SLIP, f, tampered=tamper, extra=fam._slip_extra(pay))


# ------------------------------------------------------------------------- 银行流水 (bank statements)


@dataclass
class Ctx:
    """Who and what a statement is about."""

    person: generate.Person
    company: str
    bank: str
    start: dt.date
    end: dt.date
    printed: dt.datetime
    id_mode: str  # full | masked | none
    mark: str  # desc | memo | party
    account: str
    sealed: bool

    def id_text(self) -> str:
        return self.person.id_number if self.id_mode == "full" else fam.mask_id(self.person.id_number)


@dataclass
class Ledger:
    """How a statement family lays out its table across pages."""

    size: tuple[int, int]
    x: int
    columns: list[str]
    widths: list[float]
    aligns: str
    font_size: int
    top: Callable[[ImageDraw.ImageDraw, int], int]  # draws a page's top, returns the y where the table starts
    foot: Callable[[ImageDraw.ImageDraw, int, int, int], None]  # (draw, page, pages, y under the table)
    row_lines: float = 1
    grid: str = "full"
    repeat_header: bool = True
    head_fill: tuple[int, int, int] | None = None
    bottom: int = 150
    carry: Callable[[str, Decimal], list[str]] | None = None  # 承前页 / 过次页 rows


@dataclass
class Row:
    cells: list[str]
    tx: fam.Tx | None = None


def draw_ledger(lay: Ledger, rows: list[Row], s: fam.Style) -> tuple[list[Image.Image], list[list[fam.Tx]]]:
    """Pages of a statement; returns the pages and the transactions each page shows."""
    body = s.f(lay.font_size)
    head = s.f(lay.font_size, bold=True)
    row_h = int(lay.font_size * (1.25 * lay.row_lines + 0.8))
    head_lines = max(c.count("\n") + 1 for c in lay.columns)
    head_h = int(lay.font_size * (1.25 * head_lines + 0.9))
    total_w = lay.size[0] - 2 * lay.x
    widths = [int(total_w * w / sum(lay.widths)) for w in lay.widths]
    widths[-1] += total_w - sum(widths)
    pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
    shown: list[list[fam.Tx]] = []
    i, balance = 0, None
    while True:
        page, d = fam.blank_page(lay.size)
        p = len(pages) + 1
        y = lay.top(d, p)
        if p == 1 or lay.repeat_header:
            y = fam.table(d, lay.x, y, widths, [lay.columns], body, head_h, head=head, grid=lay.grid,
                          head_fill=lay.head_fill)
        if lay.carry and p > 1 and balance is not None:
            y = fam.table(d, lay.x, y, widths, [lay.carry("承前页", balance)], body, row_h, aligns=lay.aligns,
                          grid=lay.grid, head_rows=0)
        room = (lay.size[1] - lay.bottom - y) // row_h - (1 if lay.carry else 0)
        chunk = rows[i:i + max(1, room)]
        if chunk:
            y = fam.table(d, lay.x, y, widths, [r.cells for r in chunk], body, row_h, aligns=lay.aligns, grid=lay.grid,
                          head_rows=0)
        i += len(chunk)
        txs = [r.tx for r in chunk if r.tx is not None]
        if txs:
            balance = txs[-1].balance
        if lay.carry and i < len(rows) and balance is not None:
            y = fam.table(d, lay.x, y, widths, [lay.carry("过次页", balance)], body, row_h, aligns=lay.aligns,
                          grid=lay.grid, head_rows=0)
        pages.append((page, d, y))
        shown.append(txs)
        if i >= len(rows):
            break
    n = len(pages)
    for p, (_, d, y) in enumerate(pages, start=1):
        lay.foot(d, p, n, y)
    return [pg for pg, _, _ in pages], shown


Build = Callable[[random.Random, fam.Style, Ctx, list[fam.Tx]], tuple[list[Image.Image], list[list[fam.Tx]], bool]]


def statement(rng: random.Random, tamper: str | None, bank: str, build: Build, marks: tuple[str, ...],
              dates: tuple[str, ...], months: tuple[int, int] = (3, 5), per_month: tuple[int, int] = (3, 7),
              ) -> tuple[list[Image.Image], fam.Facts]:
    """A statement for one invented person; build lays out the transactions and says whether page 1 shows the
    print date. A statement over five pages is drawn again over fewer months (the service reads five pages)."""
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    end = fam.TODAY - dt.timedelta(days=rng.randint(3, 25))
    printed_day = end + dt.timedelta(days=rng.randint(0, 2))
    printed = dt.datetime.combine(printed_day, dt.time(rng.randint(8, 17), rng.randrange(60), rng.randrange(60)))
    mark = rng.choice(marks)
    id_mode = rng.choice(["full", "masked", "none"])
    s = fam.make_style(rng, dates=dates, serif_p=0.1)
    bonus, reimburse = rng.random() < 0.5, rng.random() < 0.3
    n_months = rng.randint(*months)
    offset = rng.randint(1, 20) if rng.random() < 0.4 else 0
    account = fam.card_number(rng, False).replace(" ", "")
    state = rng.getstate()
    while True:
        rng.setstate(state)
        start = fam.add_months(dt.date(end.year, end.month, 1), -(n_months - 1)) + dt.timedelta(days=offset)
        txs = fam.transactions(rng, company, start, end, mark, bonus, reimburse, per_month)
        ctx = Ctx(person, company, bank, start, end, printed, id_mode, mark, account, tamper != "seal")
        pages, shown, print_on_first = build(rng, s, ctx, txs)
        if len(pages) <= 5 or n_months <= 2:
            break
        n_months -= 1
    id_number = person.id_number if id_mode == "full" else None
    f = fam._fields(person.name, id_number, None, fam.salary_mean(txs), printed_day)
    first = None
    if len(pages) > 1:
        first = fam._fields(person.name, id_number, None, fam.salary_mean(shown[0]),
                            printed_day if print_on_first else None)
    seals = (len(pages),) if ctx.sealed else ()
    extra = {"salary_by_month": fam.salary_by_month(txs), "salary_mark": mark, "id_shown": id_mode, "rows": len(txs),
             "rows_per_page": [len(t) for t in shown], "print_date_on_page_1": print_on_first}
    return pages, fam.Facts(STMT, f, first, seals, None, tamper, extra)


def _spending(t: fam.Tx) -> bool:
    return t.amount < 0 and not t.account and t.party not in fam.BANKS and t.party != ""


ICBC_REGIONS = ["0200", "1001", "3602", "4000", "1202", "1102", "4402", "2301", "3301", "0302"]


def stmt_icbc_landscape(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """ICBC 借记卡账户历史明细清单, landscape: 帐号/储种/序号/币种/钞汇/地区 columns, signed 收入/支出金额."""
    # 交易日期 | 帐号 | 储种 | 序号 | 币种 | 钞汇 | 摘要 | 地区 | 收入/支出金额 | 余额 | 对方户名 | 对方帐号 | 渠道.
    size = (PAGE_H, PAGE_W)

    def build(rng: random.Random, s: fam.Style, c: Ctx, txs: list[fam.Tx]):
        region = rng.choice(ICBC_REGIONS)
        where = rng.choice(["header", "footer", "last"])
        print_text = f"打印日期：{rng.choice([fam.fmt_date(c.printed.date(), 'cn'), c.printed.date().isoformat()])}"
        fs = rng.randint(16, 18)
        x = 50
        desc_map = {"转账存入": rng.choice(["转账", "汇款"]), "他行汇入": "跨行汇款", "跨行转入": "跨行汇款",
                    "手机银行转账": "转账", "网银转账": "转账", "转账支出": "转账"}
        sub = f"{rng.randrange(100000):05d}" if rng.random() < 0.5 else "00000"

        def cell(t: fam.Tx) -> list[str]:
            desc = desc_map.get(t.desc, t.desc)
            if c.mark == "memo" and t.memo:
                desc = t.memo
            channel = {"批量": "批量", "手机银行": "手机银行", "第三方支付": "快捷", "POS": "POS", "ATM": "ATM",
                       "网银": "网银", "自动": "批量"}.get(t.channel, "柜面")
            return [t.when.date().isoformat(), c.account, "活期", sub, "人民币", "钞", desc, region,
                    f"{'+' if t.amount > 0 else '-'}{fam.money(abs(t.amount))}", fam.money(t.balance), t.party,
                    t.account, channel]

        def top(d: ImageDraw.ImageDraw, p: int) -> int:
            y = 60
            hf = s.f(20)
            if p == 1:
                d.text((size[0] / 2, y), "中国工商银行借记卡账户历史明细清单", font=s.f(34, bold=True), fill=INK,
                       anchor="ma")
                y += 72
                line1 = [f"卡号：{c.account}", f"户名：{c.person.name}", "币种：人民币"]
                if c.id_mode != "none":
                    line1.append(f"证件号码：{c.id_text()}")
                d.text((x, y), "      ".join(line1), font=hf, fill=INK)
                y += 36
                line2 = f"起止日期：{c.start.isoformat()} 至 {c.end.isoformat()}"
                d.text((x, y), line2, font=hf, fill=INK)
                if where == "header":
                    d.text((size[0] - x, y), print_text, font=hf, fill=INK, anchor="ra")
                return y + 46
            d.text((x, y), f"卡号：{c.account}    户名：{c.person.name}", font=hf, fill=GREY)
            return y + 40

        def foot(d: ImageDraw.ImageDraw, p: int, n: int, y: int) -> None:
            text = f"第 {p} 页，共 {n} 页"
            if where == "footer" or (where == "last" and p == n):
                text += "        " + print_text
            d.text((size[0] / 2, size[1] - 70), text, font=s.f(18), fill=GREY, anchor="ma")
            if p == n and c.sealed:
                cy = y + 130 if y + 250 < size[1] - 60 else size[1] - 150
                fam.seal(d, size[0] - rng.randint(240, 380), cy, rng.randint(100, 118),
                         "中国工商银行" + _city(rng) + "分行")

        lay = Ledger(size, x, ["交易日期", "帐号", "储种", "序号", "币种", "钞汇", "摘要", "地区", "收入/支出金额",
                               "余额", "对方户名", "对方帐号", "渠道"],
                     [1.2, 2.0, 0.55, 0.65, 0.7, 0.5, 1.05, 0.55, 1.35, 1.3, 2.6, 2.0, 0.8],
                     "cccccclcrrllc", fs, top, foot, row_lines=1.5, grid=rng.choice(["full", "rules"]),
                     head_fill=(232, 232, 232) if rng.random() < 0.5 else None, bottom=110)
        pages, shown = draw_ledger(lay, [Row(cell(t), t) for t in txs], s)
        return pages, shown, where in ("header", "footer")

    return statement(rng, tamper, "中国工商银行", build, ("desc", "party", "party", "memo"), ("iso",), months=(4, 6),
                     per_month=(3, 6))


def stmt_ccb_detail(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """CCB 个人活期账户全部交易明细: header grid; 序号 first, date fifth, 对方账号与户名 in one cell."""
    # 序号 | 摘要 | 币别 | 钞汇 | 交易日期 | 交易金额 | 账户余额 | 交易地点/附言 | 对方账号与户名; 打印时间 at the foot.

    def build(rng: random.Random, s: fam.Style, c: Ctx, txs: list[fam.Tx]):
        where = rng.choice(["footer", "footer", "last"])
        print_text = f"打印时间：{c.printed:%Y/%m/%d %H:%M:%S}"
        fs = rng.randint(17, 19)
        x = rng.randint(45, 60)
        total = PAGE_W - 2 * x
        counter = iter(range(1, 10_000))
        branch = f"{_city(rng)}{rng.choice(generate.STREETS)}支行"

        def cell(t: fam.Tx) -> list[str]:
            place = t.memo or (t.party if _spending(t) else t.branch or "")
            other = f"{t.account}\n{t.party}" if t.account else ("" if _spending(t) else t.party)
            return [str(next(counter)), t.desc, "人民币元", "钞", s.day(t.when.date()),
                    ("-" if t.amount < 0 else "") + s.num(abs(t.amount)), s.num(t.balance), place, other]

        def top(d: ImageDraw.ImageDraw, p: int) -> int:
            y = 80
            if p > 1:
                return y
            d.text((PAGE_W / 2, y), "中国建设银行个人活期账户全部交易明细", font=s.f(32, bold=True), fill=INK,
                   anchor="ma")
            y += 76
            rows: list[list[fam.Cell]] = [["客户名称", c.person.name, "卡号/账号", c.account],
                                          ["币别", "人民币元", "钞汇", "钞"],
                                          ["起始日期", s.day(c.start), "结束日期", s.day(c.end)]]
            if c.id_mode != "none":
                rows.insert(1, ["证件号码", c.id_text(), "开户机构", branch])
            w4 = [int(total * 0.15), int(total * 0.3), int(total * 0.15)]
            w4.append(total - sum(w4))
            y = fam.table(d, x, y, w4, rows, s.f(20), 44, head=None, head_rows=0, aligns="llll")
            return y + 26

        def foot(d: ImageDraw.ImageDraw, p: int, n: int, y: int) -> None:
            yy = PAGE_H - 100
            if where == "footer" or p == n:
                d.text((x, yy), print_text, font=s.f(19), fill=GREY)
            d.text((PAGE_W - x, yy), f"第{p}页/共{n}页", font=s.f(19), fill=GREY, anchor="ra")
            if p == n:
                d.text((x, min(y + 24, PAGE_H - 200)), "温馨提示：本明细仅供参考，如需核对请至网点柜面办理。",
                       font=s.f(18), fill=GREY)
                if c.sealed:
                    cy = y + 150 if y + 280 < PAGE_H - 110 else PAGE_H - 190
                    fam.seal(d, PAGE_W - rng.randint(260, 400), cy, rng.randint(105, 122), "中国建设银行" + branch)

        lay = Ledger((PAGE_W, PAGE_H), x, ["序号", "摘要", "币别", "钞汇", "交易日期", "交易金额", "账户余额",
                                           "交易地点/附言", "对方账号与户名"],
                     [0.55, 1.05, 0.85, 0.45, 1.1, 1.25, 1.25, 1.7, 2.7], "clcccrrll", fs, top, foot, row_lines=2,
                     grid=rng.choice(["full", "full", "rules"]), repeat_header=rng.random() < 0.8, bottom=140)
        pages, shown = draw_ledger(lay, [Row(cell(t), t) for t in txs], s)
        return pages, shown, where == "footer"

    return statement(rng, tamper, "中国建设银行", build, ("desc", "desc", "memo", "party"),
                     ("compact", "compact", "iso"))


def stmt_abc_log(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """ABC 账户交易明细: 20261010 dates, 093512 times, signed amounts, 对手信息, 日志号, 交易附言."""
    # Salary is often known only by the employer paying each month (摘要 转账/汇兑).

    def build(rng: random.Random, s: fam.Style, c: Ctx, txs: list[fam.Tx]):
        where = rng.choice(["header", "last", "last"])
        printed = rng.choice([fam.fmt_date(c.printed.date(), "cn"), f"{c.printed:%Y-%m-%d %H:%M:%S}"])
        fs = rng.randint(16, 18)
        x = rng.randint(40, 55)
        desc_map = {"转账存入": "转账", "他行汇入": "汇兑", "跨行转入": "汇兑", "跨行汇入": "汇兑", "网银入账": "转账",
                    "汇入": "汇兑", "手机银行转账": "转账", "网银转账": "转账", "转账支出": "转账", "快捷支付": "支付",
                    "网上支付": "支付", "POS消费": "消费", "ATM取款": "取款", "费用报销": "转账"}
        channel_map = {"批量": "批量业务", "手机银行": "掌上银行", "第三方支付": "第三方", "POS": "POS", "ATM": "ATM",
                       "网银": "网上银行", "自动": "批量业务"}

        def cell(t: fam.Tx) -> list[str]:
            party = t.party
            if _spending(t):
                party = MERCHANTS.get(party, party)
            other = f"{party}\n{t.account}" if t.account else party
            return [f"{t.when:%Y%m%d}", f"{t.when:%H%M%S}", desc_map.get(t.desc, t.desc),
                    f"{'+' if t.amount > 0 else '-'}{abs(t.amount):.2f}", f"{t.balance:.2f}", other,
                    f"{rng.randrange(16**6):06X}", channel_map.get(t.channel, "柜面"), t.memo]

        def top(d: ImageDraw.ImageDraw, p: int) -> int:
            y = 80
            if p > 1:
                d.text((x, y), f"账号：{c.account}", font=s.f(19), fill=GREY)
                return y + 40
            d.text((PAGE_W / 2, y), rng.choice(["中国农业银行账户交易明细", "中国农业银行个人账户明细清单"]),
                   font=s.f(32, bold=True), fill=INK, anchor="ma")
            y += 76
            hf = s.f(21)
            lines = [f"户名：{c.person.name}", f"账号：{c.account}", "币种：人民币    钞汇标志：钞",
                     f"起止日期：{c.start:%Y%m%d}-{c.end:%Y%m%d}"]
            if c.id_mode != "none":
                lines.insert(1, f"证件号码：{c.id_text()}")
            if where == "header":
                lines.append(f"打印日期：{printed}")
            for k in range(0, len(lines), 2):
                for j, text in enumerate(lines[k:k + 2]):
                    d.text((x + j * (PAGE_W - 2 * x) // 2, y), text, font=hf, fill=INK)
                y += 38
            return y + 20

        def foot(d: ImageDraw.ImageDraw, p: int, n: int, y: int) -> None:
            d.text((PAGE_W / 2, PAGE_H - 90), f"{p}/{n}", font=s.f(19), fill=GREY, anchor="ma")
            if p == n:
                yy = min(y + 30, PAGE_H - 260)
                d.text((x, yy), "说明：本清单所列交易以我行系统记录为准。", font=s.f(19), fill=GREY)
                if where == "last":
                    d.text((PAGE_W - x, yy + 40), f"打印日期：{printed}", font=s.f(21), fill=INK, anchor="ra")
                if c.sealed:
                    cy = y + 170 if y + 300 < PAGE_H - 100 else PAGE_H - 200
                    fam.seal(d, PAGE_W - rng.randint(260, 420), cy, rng.randint(105, 120),
                             "中国农业银行" + _city(rng) + "分行")

        lay = Ledger((PAGE_W, PAGE_H), x, ["交易日期", "交易时间", "交易摘要", "交易金额", "本次余额", "对手信息",
                                           "日志号", "交易渠道", "交易附言"],
                     [1.05, 0.9, 0.8, 1.15, 1.15, 2.8, 0.85, 0.95, 1.0], "cccrrlccl", fs, top, foot, row_lines=2,
                     grid=rng.choice(["rules", "full"]), repeat_header=True, bottom=130)
        pages, shown = draw_ledger(lay, [Row(cell(t), t) for t in txs], s)
        return pages, shown, where == "header"

    return statement(rng, tamper, "中国农业银行", build, ("party", "party", "memo", "desc"), ("compact",))


def stmt_carry_forward(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """对账单 with 上期结余, 本月小计 rows and 承前页/过次页 rows at page breaks; 存入 | 支取 | 结余."""
    # 日期 | 交易类型 | 存入 | 支取 | 结余 | 对方户名 | 备注; 打印日期 in the header.
    bank = rng.choice(["中国邮政储蓄银行", "交通银行", "兴业银行", "浦发银行", "中国银行"])

    def build(rng: random.Random, s: fam.Style, c: Ctx, txs: list[fam.Tx]):
        fs = rng.randint(18, 20)
        x = rng.randint(60, 80)
        branch = f"{_city(rng)}{rng.choice(generate.STREETS)}支行"
        printed = rng.choice([fam.fmt_date(c.printed.date(), "cn"), fam.fmt_date(c.printed.date(), "cn0")])

        def num(v: Decimal) -> str:
            return s.num(v)

        def cell(t: fam.Tx) -> list[str]:
            return [s.day(t.when.date()), t.desc, num(t.amount) if t.amount > 0 else "",
                    num(-t.amount) if t.amount < 0 else "", num(t.balance), t.party, t.memo]

        rows: list[Row] = []
        if txs:
            opening = txs[0].balance - txs[0].amount
            rows.append(Row(["", "上期结余", "", "", num(opening), "", ""]))
        month, cred, deb = None, Decimal(0), Decimal(0)
        for t in txs:
            key = (t.when.year, t.when.month)
            if month is not None and key != month:
                rows.append(Row(["", f"{month[1]}月小计", num(cred), num(deb), "", "", ""]))
                cred, deb = Decimal(0), Decimal(0)
            month = key
            if t.amount > 0:
                cred += t.amount
            else:
                deb -= t.amount
            rows.append(Row(cell(t), t))
        if month is not None:
            rows.append(Row(["", f"{month[1]}月小计", num(cred), num(deb), "", "", ""]))

        def carry(label: str, balance: Decimal) -> list[str]:
            return ["", label, "", "", num(balance), "", ""]

        def top(d: ImageDraw.ImageDraw, p: int) -> int:
            y = 80
            if p > 1:
                d.text((x, y), f"户名：{c.person.name}    账号：{c.account}", font=s.f(19), fill=GREY)
                return y + 44
            title = bank + rng.choice(["个人账户对账单", "活期储蓄对账单"])
            d.text((PAGE_W / 2, y), title, font=s.f(34, bold=True), fill=INK, anchor="ma")
            y += 80
            hf = s.f(22)
            pairs = [("户名", c.person.name), ("账号", c.account), ("开户网点", branch), ("币种", "人民币"),
                     ("对账期间", f"{s.day(c.start)}—{s.day(c.end)}"), ("打印日期", printed)]
            if c.id_mode != "none":
                pairs.insert(2, ("证件号码", c.id_text()))
            for k in range(0, len(pairs), 2):
                for j, (label, value) in enumerate(pairs[k:k + 2]):
                    d.text((x + j * (PAGE_W - 2 * x) // 2, y), f"{s.lab(label)}{value}", font=hf, fill=INK)
                y += 40
            return y + 20

        def foot(d: ImageDraw.ImageDraw, p: int, n: int, y: int) -> None:
            d.text((PAGE_W / 2, PAGE_H - 95), f"第 {p} 页 / 共 {n} 页", font=s.f(19), fill=GREY, anchor="ma")
            if p == n:
                d.text((x, min(y + 26, PAGE_H - 230)), f"经办柜员：{rng.randint(10000, 99999)}    复核：", font=s.f(19),
                       fill=GREY)
                if c.sealed:
                    cy = y + 160 if y + 290 < PAGE_H - 110 else PAGE_H - 200
                    fam.seal(d, PAGE_W - rng.randint(260, 400), cy, rng.randint(105, 122), bank + branch)

        lay = Ledger((PAGE_W, PAGE_H), x, ["日期", "交易类型", "存入", "支取", "结余", "对方户名", "备注"],
                     [1.2, 1.15, 1.1, 1.1, 1.2, 2.9, 1.0], "lcrrrll", fs, top, foot, row_lines=1.5,
                     grid=rng.choice(["full", "rules"]), repeat_header=True, bottom=150, carry=carry,
                     head_fill=(236, 236, 236) if rng.random() < 0.5 else None)
        pages, shown = draw_ledger(lay, rows, s)
        return pages, shown, True

    return statement(rng, tamper, bank, build, ("desc", "desc", "memo", "party"), ("iso", "dot", "slash"),
                     months=(4, 6), per_month=(4, 8))


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_hr_footer, CERT, ("words", "seal")),
    _family(cert_employment_annual, CERT, ("words", "seal")),
    _family(cert_form_rows, CERT, ("words", "seal")),
    _family(cert_net_first, CERT, ("words", "seal")),
    _family(slip_transposed, SLIP, ("seal",)),
    _family(slip_mobile, SLIP, ()),
    _family(slip_ytd_summary, SLIP, ("seal",)),
    _family(slip_dot_matrix, SLIP, ()),
    _family(stmt_icbc_landscape, STMT, ("seal",)),
    _family(stmt_ccb_detail, STMT, ("seal",)),
    _family(stmt_abc_log, STMT, ("seal",)),
    _family(stmt_carry_forward, STMT, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
