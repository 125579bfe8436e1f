"""Fifth round of unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document that applicants upload and each structurally different from every family in
income_families.py and income_families_unseen.py to income_families_unseen4.py. They were written without reading
the parsers, their tests or the benchmark, so that no parser was developed against them: use them for the final
figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen5 as unseen5
    doc = fam.make(unseen5.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
    data, suffix = fam.render(doc, "photo")                     # "scan" | "photo" | "pdf"
    want = fam.expected_for(doc, "photo")

Expected fields follow income_families.py exactly: name; id_number (None unless stated in full); employer (None
when not stated; None for statements); monthly_income in yuan (certificates: the monthly figure, 税前 when both
are given, annual / 12 when only a year is stated; payslips: 应发 gross of the most recent month; statements: the
mean over the months with salary credits of the salary credits in that month, page 1 only for an image);
issue_date (the letter's date; the payslip's pay date, or the date a multi-month table is dated; the statement's
print date; None when not stated). Judgement calls a family makes are recorded in Facts.extra. Every person,
employer and amount is invented; bank names are real banks.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sample_docs import income_families as fam
from sample_docs import income_families_unseen as unseen1
from sample_docs import income_families_unseen2 as unseen2
from sample_docs import income_families_unseen3 as unseen3
from sample_docs import income_families_unseen4 as unseen4
from sample_docs.generate import make_person

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
CENT = Decimal("0.01")
RED = (192, 24, 30)
CITIES = unseen3.CITIES
fit = unseen3.fit
multiply = unseen3.multiply
scrawl = unseen3.scrawl
vertical = unseen3.vertical
credit_code = unseen3.credit_code
mobile = unseen3.mobile
qr_code = unseen3.qr_code
mono = unseen3.mono
cells = unseen3.cells
pad = unseen3.pad
hand = unseen2.hand
hand_width = unseen2.hand_width
checkbox = unseen2.checkbox
cn_date = unseen1.cn_date
day_text = unseen4.day_text
wan = unseen4.wan
Acct, Drawn = unseen4.Acct, unseen4.Drawn
Build = Callable[[random.Random, Acct, list[fam.Tx]], Drawn]


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _seals(tamper: str | None, *pages: int) -> tuple[int, ...]:
    return () if tamper == "seal" else (pages or (1,))


def _words_delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice([100, 200, 300, 500, 1000, -200, -500, -1000]))


def _employee(rng: random.Random, tamper: str | None, step: int = 100) -> fam.Employee:
    """fam.employee with a hiring date the person was old enough for (unseen4's rule)."""
    return unseen4._employee(rng, tamper, step)


def _px(weights: list[float], total: int) -> list[int]:
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _since_cn(day: dt.date) -> str:
    return f"{day.year}年{day.month}月"


def _box_text(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], text: str,
              fnt: ImageFont.FreeTypeFont, align: str = "l", fill: tuple[int, int, int] = INK, pad_x: int = 12) -> None:
    """Text centred vertically in a box, left / centre / right aligned, shrunk to fit its width."""
    x0, y0, x1, y1 = box
    f = fit(text, fnt, x1 - x0 - 2 * pad_x)
    cy = (y0 + y1) / 2
    if align == "l":
        d.text((x0 + pad_x, cy), text, font=f, fill=fill, anchor="lm")
    elif align == "r":
        d.text((x1 - pad_x, cy), text, font=f, fill=fill, anchor="rm")
    else:
        d.text(((x0 + x1) / 2, cy), text, font=f, fill=fill, anchor="mm")


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


def cert_fund_centre_form(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """住房公积金中心's 借款人收入证明 form: section names stacked at the left, 缴存基数 and 月缴存额 by the income."""
    # The fund centre (not the employer) heads the form and is its addressee; the employer fills in 工作单位, the 税前
    # monthly income with 大写, the fund accounts and its 缴存 figures (amounts that are not the income); seal and
    # date in the 单位意见 section at the foot.
    e = _employee(rng, tamper)
    city = rng.choice(CITIES)
    centre = f"{city}住房公积金管理中心"
    s = fam.make_style(rng, sizes=(22, 24), dates=("cn", "cn", "cn0", "iso", "dot"), serif_p=0.5)
    page, d = fam.blank_page()
    x = rng.randint(80, 100)
    tw = PAGE_W - 2 * x
    y = rng.randint(70, 100)
    small = s.f(19)
    d.text((x, y), rng.choice([f"{centre}印制", centre, f"{centre}（{rng.choice(['贷款部', '归集贷款科'])}）"]),
           font=small, fill=GREY)
    d.text((PAGE_W - x, y), rng.choice(["表 DK-03", "GJJ-DK-05", "贷款表四", "附件2"]), font=small, fill=GREY,
           anchor="ra")
    y += 54
    title = rng.choice(["住房公积金个人住房贷款借款人收入证明", "住房公积金贷款收入证明", "公积金贷款借款人收入证明"])
    d.text((PAGE_W / 2, y), title, font=fit(title, s.f(40, bold=True), tw), fill=INK, anchor="ma")
    y += 78
    body = s.f()
    role = rng.choice(["借款人", "借款人", "共同借款人"])
    if rng.random() < 0.6:
        bx = PAGE_W - x - 380
        for k, option in enumerate(["借款人", "共同借款人"]):
            ox = bx + k * 170
            checkbox(d, ox, y + 4, 22, option == role, rng)
            d.text((ox + 32, y), option, font=s.f(s.size - 2), fill=INK)
        y += int(body.size * 1.8)
    d.text((x, y), f"{centre}：", font=body, fill=INK)
    y += int(body.size * 1.8)
    y = fam.paragraphs(d, x, y, tw, [rng.choice([
        "兹证明下列职工在我单位工作，其基本情况及收入情况如下：",
        "现有我单位职工申请住房公积金贷款，经核实，其基本情况及收入情况如下：",
    ])], body, leading=1.7)
    y += 8
    sec_w = rng.randint(54, 62)
    inner = tw - sec_w
    widths = _px([0.24, 0.3, 0.2, 0.26], inner)
    rh = rng.randint(54, 60)
    cf = s.f(s.size - 1)
    sf = s.f(s.size - 1, bold=True)
    thousands = s.thousands

    def num(v: Decimal, decimals: int = 2) -> str:
        return fam.money(v, thousands, decimals)

    def section(label: str, rows: list[list[fam.Cell]], height: int | None = None) -> None:
        nonlocal y
        top = y
        y = fam.table(d, x + sec_w, y, widths, rows, cf, height or rh, head_rows=0, aligns="clcl")
        d.rectangle((x, top, x + sec_w, y), outline=GRID, width=2)
        step = sf.size * 1.15
        vertical(d, x + sec_w / 2, top + (y - top - len(label) * step) / 2, label, sf)

    rate = rng.choice([5, 7, 8, 10, 12, 12])
    cap = Decimal(rng.choice([28221, 31884, 35283, 36549]))
    fund_base = min((e.monthly * Decimal(rng.choice(["0.6", "0.7", "0.75", "0.8", "0.9", "1"]))).quantize(Decimal(1)),
                    cap)
    each = (fund_base * rate / 100).quantize(Decimal(1), ROUND_HALF_UP)
    deposit = 2 * each
    unit_acct = "".join(str(rng.randrange(10)) for _ in range(rng.choice([9, 12])))
    own_acct = "".join(str(rng.randrange(10)) for _ in range(rng.choice([12, 15])))
    served = (e.issue.year - e.since.year) * 12 + e.issue.month - e.since.month
    months_paid = rng.randint(min(12, served), max(12, served)) if rng.random() < 0.5 else served
    since = rng.choice([_since_cn(e.since), f"{e.since:%Y.%m}", f"{e.since:%Y-%m}"])
    basic: list[list[fam.Cell]] = [["姓　　名", e.person.name, "性　　别", e.person.sex],
                                   [rng.choice(["身份证号码", "证件号码"]), (e.person.id_number, 3)],
                                   ["工作单位", (e.company, 3)],
                                   ["入职时间", since, rng.choice(["职务（职称）", "职　　务"]), e.title]]
    if rng.random() < 0.5:
        basic.append(["单位地址", (e.address, 3)])
    fund_rows: list[list[fam.Cell]] = [
        ["单位公积金账号", unit_acct, "个人公积金账号", own_acct],
        ["缴存基数（元）", num(fund_base), "缴存比例", f"单位{rate}%　个人{rate}%"],
        [rng.choice(["月缴存额（元）", "月缴存额合计"]), num(deposit), "连续缴存月数", f"{months_paid}个月"],
    ]
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整"), ("元", "正")])
    words = fam.to_words(e.words_amount, yuan, whole)
    income_label = rng.choice(["月收入（税前）", "税前月收入", "月工资收入（税前）"])
    income_rows: list[list[fam.Cell]] = [[income_label, (s.amount(e.monthly), 3)],
                                         [rng.choice(["大写金额", "收入（大写）", "大　　写"]), (f"人民币{words}", 3)]]
    split = rng.random() < 0.4
    if split:
        base_pay = (e.monthly * Decimal(rng.choice(["0.5", "0.6", "0.65", "0.7"]))).quantize(Decimal(100))
        income_rows.insert(1, ["其中：基本工资", num(base_pay), "津贴及绩效", num(e.monthly - base_pay)])
    section(rng.choice(["职工情况", "基本情况", "借款人情况"]), basic)
    section(rng.choice(["缴存情况", "公积金缴存"]), fund_rows)
    section("收入情况", income_rows)
    box_h = rng.randint(270, 300)
    top = y
    d.rectangle((x, top, x + sec_w, top + box_h), outline=GRID, width=2)
    d.rectangle((x + sec_w, top, x + tw, top + box_h), outline=GRID, width=2)
    vertical(d, x + sec_w / 2, top + (box_h - 4 * sf.size * 1.15) / 2, "单位意见", sf)
    fam.paragraphs(d, x + sec_w + 20, top + 20, inner - 330, [rng.choice([
        "以上情况属实，我单位对所填内容的真实性负责，如有虚假，愿承担相应的法律责任。",
        "经核实，以上所填内容与本单位人事、工资档案一致，情况属实。",
    ])], cf, indent=True, leading=1.6)
    d.text((x + sec_w + 20, top + box_h - 60), f"经办人：{e.hr}　联系电话：{e.phone}", font=s.f(s.size - 3), fill=INK)
    right = x + tw - 40
    date_text = fam.fmt_date(e.issue, rng.choice(["cnspace", "cn"])) if s.date.startswith("cn") else s.day(e.issue)
    label = rng.choice(["单位（公章）", "单位盖章：", "（单位公章）"])
    d.text((right, top + box_h - 140), label, font=cf, fill=INK, anchor="ra")
    d.text((right, top + box_h - 80), date_text, font=cf, fill=INK, anchor="ra")
    if tamper != "seal":  # over the 公章 line, its 专用章 clear of the date
        r = rng.randint(96, 108)
        fam.seal(d, right - cf.getlength(label) / 2 - rng.randint(0, 40), top + box_h - 128 - 0.55 * r, r, e.company)
    y = top + box_h + 24
    notes = ["说明：1. 本证明由借款人所在单位如实填写，须加盖单位公章或人事章方有效；",
             "2. 月收入指借款人税前月工资性收入；缴存基数、月缴存额以公积金中心系统记录为准；",
             f"3. 本证明自出具之日起{rng.choice(['一个月', '30日', '三个月'])}内有效，涂改无效。"]
    for ln in notes:
        d.text((x, y), ln, font=fit(ln, s.f(19), tw), fill=GREY)
        y += 32
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"form_of": centre, "fund_base": float(fund_base), "fund_monthly_deposit":
                                    float(deposit), "role": role, "split_shown": split})


UNI_PLACES = ["明湖", "鹭江", "澄江", "青屿", "星澜", "锦川", "瀚海", "东陵", "西岭", "南屏", "北辰", "云麓", "江澜",
              "嵩阳"]
UNI_KINDS = ["理工大学", "师范大学", "科技大学", "医科大学", "财经大学", "大学", "农林大学", "交通大学"]
UNI_POSTS = [("计算机学院", "从事教学科研工作", "副教授"), ("外国语学院", "从事教学工作", "讲师"),
             ("经济管理学院", "从事教学科研工作", "教授"), ("图书馆", "从事图书管理工作", "副研究馆员"),
             ("后勤管理处", "从事管理工作", "科员"), ("机械工程学院", "从事教学科研工作", "讲师"),
             ("教务处", "从事教学管理工作", "助理研究员"), ("附属医院", "从事临床医疗工作", "主治医师"),
             ("化学化工学院", "从事实验教学工作", "高级实验师"), ("马克思主义学院", "从事教学工作", "副教授")]


def cert_university_office(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A university's 在职证明 with income, issued and sealed by its 人事处 under a red letterhead and a 文号."""
    # The employer is the university (the 人事处 is its office); income stated as last year's 税前 total with a
    # 月均 figure, or as a monthly 应发 with its parts, or as a twelve-month total only (monthly = total / 12);
    # 工号 beside the ID number; a 验证码 and the office's phone at the foot.
    e = _employee(rng, tamper)
    uni = rng.choice(UNI_PLACES) + rng.choice(UNI_KINDS)
    office = f"{uni}人事处"
    college, duty, title = rng.choice(UNI_POSTS)
    s = fam.make_style(rng, sizes=(26, 29), dates=("cn", "cn", "cnnum", "cn0"), serif_p=0.7)
    page, d = fam.blank_page()
    x = rng.randint(110, 140)
    tw = PAGE_W - 2 * x
    y = rng.randint(90, 120)
    head = fit(uni, fam.font(fam.SERIF_BOLD, rng.randint(60, 72)), tw)
    red = rng.choice([RED, (176, 20, 28)])
    if rng.random() < 0.5:
        d.text((PAGE_W / 2, y), uni, font=head, fill=red, anchor="ma")
        y += int(head.size * 1.3)
        d.text((PAGE_W / 2, y), "人　事　处", font=fam.font(fam.SERIF_BOLD, 34), fill=red, anchor="ma")
        y += 62
    else:
        both = f"{uni}人事处"
        hf = fit(both, fam.font(fam.SERIF_BOLD, 58), tw)
        d.text((PAGE_W / 2, y), both, font=hf, fill=red, anchor="ma")
        y += int(hf.size * 1.45)
    number = rng.choice([f"{rng.choice(['人证', '人事证', '校人'])}〔{e.issue.year}〕{rng.randint(12, 480)}号",
                         f"编号：RSC-{e.issue.year}-{rng.randint(1, 999):04d}"])
    d.text((PAGE_W - x, y), number, font=s.f(21), fill=INK, anchor="ra")
    y += 36
    d.line((x - 20, y, PAGE_W - x + 20, y), fill=red, width=4)
    y += 70
    heading = rng.choice(["在职证明", "在职及收入证明", "教职工在职收入证明", "在 职 证 明"])
    d.text((PAGE_W / 2, y), heading, font=s.f(50, bold=True), fill=INK, anchor="ma")
    y += 110
    body = s.f()
    if rng.random() < 0.55:
        bank = rng.choice(fam.BANKS)
        to = rng.choice([f"{bank}：", "致有关单位：", f"{bank}{rng.choice(CITIES)}分行："])
        d.text((x, y), to, font=body, fill=INK)
        y += int(body.size * 1.9)
    staff = f"{rng.choice(['', '', 'T', 'Z'])}{rng.randint(19, 26)}{rng.randint(1000, 9999)}"
    status = rng.choice(["在编在岗教职工", "在职在编教职工", "正式在编人员"])
    p1 = (f"兹证明{e.person.name}同志（{e.person.sex}，身份证号码：{e.person.id_number}，工号：{staff}）系我校"
          f"{status}，于{_since_cn(e.since)}入校工作，现在{college}{duty}，专业技术职务为{title}。")
    mode = rng.choice(["year_month", "year_month", "month_parts", "twelve"])
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整")])
    annual = None
    if mode == "year_month":
        monthly = e.monthly
        annual = monthly * 12
        words_value = annual + (_words_delta(rng) * 10 if tamper == "words" else 0)
        year = e.issue.year - 1
        p2 = (f"该同志{year}年度工资薪金收入（税前）合计人民币{fam.money(annual)}元（大写："
              f"{fam.to_words(words_value, yuan, whole)}），月均{fam.money(monthly)}元。")
    elif mode == "month_parts":
        monthly = e.monthly
        words_value = e.words_amount
        post = (monthly * Decimal(rng.choice(["0.2", "0.25", "0.3"]))).quantize(Decimal(10))
        scale = (monthly * Decimal(rng.choice(["0.1", "0.15", "0.2"]))).quantize(Decimal(10))
        allow = (monthly * Decimal(rng.choice(["0.1", "0.12", "0.15"]))).quantize(Decimal(10))
        perf = monthly - post - scale - allow
        p2 = (f"该同志目前每月应发工资（税前）为人民币{fam.money(monthly)}元（大写："
              f"{fam.to_words(words_value, yuan, whole)}），其中岗位工资{fam.money(post)}元，薪级工资"
              f"{fam.money(scale)}元，绩效工资{fam.money(perf)}元，津贴补贴"
              f"{fam.money(allow)}元。")
    else:
        annual = Decimal(rng.randrange(72000, 480000))
        monthly = annual / 12
        words_value = annual + (_words_delta(rng) * 10 if tamper == "words" else 0)
        start = fam.add_months(dt.date(e.issue.year, e.issue.month, 1), -12)
        last = fam.month_end(fam.add_months(start, 11))
        p2 = (f"该同志近十二个月（{start.year}年{start.month}月至{last.year}年{last.month}月）税前工资收入合计人民币"
              f"{fam.money(annual, rng.random() < 0.5)}元（大写：{fam.to_words(words_value, yuan, whole)}）。")
    purpose = rng.choice(["个人住房贷款", "个人消费贷款", "信用卡", "出国（境）签证"])
    p3 = f"本证明仅供其办理{purpose}使用，自开具之日起三个月内有效。"
    y = fam.paragraphs(d, x, y, tw, [p1, p2, p3, "特此证明。"], body, leading=rng.choice([1.85, 2.0]))
    y += rng.randint(220, 250)
    date_text = cn_date(e.issue) if s.date == "cnnum" else s.day(e.issue)
    right = PAGE_W - x
    of = fit(office, body, tw)
    d.text((right, y), office, font=of, fill=INK, anchor="ra")
    dw = body.getlength(date_text)
    ow = of.getlength(office)
    d.text((right - max(0, (ow - dw) / 2), y + int(body.size * 1.9)), date_text, font=body, fill=INK, anchor="ra")
    if tamper != "seal":
        r = rng.randint(118, 132)
        fam.seal(d, right - ow / 2, y - 0.72 * r, r, office)
    code = "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))
    foot = [f"联系人：{e.hr}　联系电话：{e.phone}",
            f"本证明可登录人事处网站，凭验证码 {code} 查验真伪。"]
    fy = PAGE_H - 150 - 34 * len(foot)
    d.line((x, fy - 16, right, fy - 16), fill=(170, 170, 170), width=1)
    for ln in foot:
        d.text((x, fy), ln, font=fit(ln, s.f(20), tw), fill=GREY)
        fy += 34
    f = fam._fields(e.person.name, e.person.id_number, uni, monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"income_mode": mode, "annual_income": None if annual is None else float(annual),
                                    "issued_by": office, "employer_is": "the university; its 人事处 issues and seals",
                                    "staff_no": staff})


LICENCE_SCOPES = {
    "科技": "技术开发、技术咨询、技术服务、技术转让；软件开发；信息系统集成服务；计算机软硬件及辅助设备销售；"
            "数据处理和存储支持服务。",
    "制造": "通用设备制造；金属制品加工；机械零部件加工及销售；货物进出口；技术进出口。",
    "化工": "化工产品生产（不含许可类化工产品）；化工产品销售（不含许可类化工产品）；货物进出口。",
    "食品": "食品生产；食品销售；农副产品销售；包装服务；仓储服务（不含危险化学品）。",
    "贸易": "货物进出口；技术进出口；日用百货、五金产品、电子产品、纺织品的批发及零售；国内贸易代理。",
    "医": "医疗器械的研发、生产、销售；医药技术开发；第二类医疗器械销售；技术服务。",
    "物流": "普通货物道路运输；国内货物运输代理；仓储服务；装卸搬运；供应链管理服务。",
    "": "企业管理咨询；商务信息咨询；市场营销策划；会议及展览服务；广告设计、制作、代理。",
}


def _licence_scope(company: str) -> str:
    for key, scope in LICENCE_SCOPES.items():
        if key and key in company:
            return scope + "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"
    return LICENCE_SCOPES[""] + "（依法须经批准的项目，经相关部门批准后方可开展经营活动）"


def _licence_copy(rng: random.Random, company: str, address: str) -> tuple[Image.Image, dict]:
    """A 营业执照（副本） in black and white, as a photocopier renders it (the registration seal turned grey)."""
    w, h = 1060, 760
    lic = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(lic)
    for k, width in ((14, 6), (26, 2), (34, 1)):
        d.rectangle((k, k, w - k, h - k), outline=(60, 60, 60), width=width)
    for cx in range(46, w - 40, 22):  # the guilloche band along the top and the foot
        d.arc((cx - 14, 36, cx + 14, 58), 0, 180, fill=(170, 170, 170), width=1)
        d.arc((cx - 14, h - 58, cx + 14, h - 36), 180, 360, fill=(170, 170, 170), width=1)
    d.ellipse((w / 2 - 34, 62, w / 2 + 34, 130), outline=(120, 120, 120), width=3)
    star = [(w / 2 + 20 * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
             96 + 20 * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    d.polygon(star, fill=(120, 120, 120))
    d.text((w / 2, 140), "营　业　执　照", font=fam.font(fam.SERIF_BOLD, 54), fill=INK, anchor="ma")
    d.text((w / 2, 208), "（副　　本）", font=fam.font(fam.SERIF, 24), fill=INK, anchor="ma")
    code = credit_code(rng)
    small = fam.font(fam.SANS, 17)
    d.text((70, 150), "统一社会信用代码", font=small, fill=INK)
    d.text((70, 176), code, font=fam.font(fam.SANS, 19), fill=INK)
    d.text((70, 206), f"证照编号：{rng.randint(10**13, 10**14 - 1)}", font=fam.font(fam.SANS, 15), fill=INK)
    qr_code(d, w - 170, 120, 100, rng)
    d.text((w - 120, 226), "扫描二维码登录“国家企业", font=fam.font(fam.SANS, 12), fill=INK, anchor="ma")
    d.text((w - 120, 242), "信用信息公示系统”了解更多", font=fam.font(fam.SANS, 12), fill=INK, anchor="ma")
    legal = fam.person_name(rng)
    capital_wan = rng.choice([100, 200, 300, 500, 800, 1000, 2000, 5000])
    if "股份" in company:
        kind, capital_wan = "股份有限公司（非上市、自然人投资或控股）", rng.choice([5000, 8000, 10000, 12000])
    elif "集团" in company:
        kind = "有限责任公司（自然人投资或控股）"
    else:
        kind = rng.choice(["有限责任公司（自然人投资或控股）", "有限责任公司（自然人独资）", "其他有限责任公司"])
    capital = fam.to_words(Decimal(capital_wan) * 10000)
    founded = dt.date(rng.randint(2003, 2019), rng.randint(1, 12), rng.randint(1, 28))
    last_day = max(1, founded.day - 1)
    term = rng.choice(["长期", f"{founded.year + 30}年{founded.month:02d}月{last_day:02d}日"])
    lf, vf = fam.font(fam.SERIF_BOLD, 20), fam.font(fam.SERIF, 20)
    col_w = (w - 160) // 2
    left = [("名　　称", company), ("类　　型", kind), ("法定代表人", legal), ("经营范围", _licence_scope(company))]
    right = [("注册资本", f"{capital}"), ("成立日期", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日"),
             ("营业期限", f"{founded.year}年{founded.month:02d}月{founded.day:02d}日至{term}"), ("住　　所", address)]
    for column, items in ((70, left), (90 + col_w, right)):
        yy = 290
        for label, value in items:
            d.text((column, yy), label, font=lf, fill=INK)
            lines = fam.wrap(value, vf, col_w - 130)
            for ln in lines[:7]:
                d.text((column + 124, yy), ln, font=vf, fill=INK)
                yy += 30
            yy += 12
    home = re.search(r"（(.+?)）", company)
    known = [c for c in [*CITIES, "广州", "深圳", "珠海"] if company.startswith(c)]
    city = home.group(1) if home else known[0] if known else rng.choice(CITIES)
    authority = f"{city}市市场监督管理局"
    reg = dt.date(rng.randint(max(founded.year, 2019), 2025), rng.randint(1, 12), rng.randint(1, 28))
    d.text((w - 300, h - 190), "登记机关", font=lf, fill=INK)
    d.text((w - 300, h - 110), f"{reg.year}年{reg.month:02d}月{reg.day:02d}日", font=vf, fill=INK)
    fam.seal(d, w - 190, h - 160, 74, authority)
    d.text((70, h - 92), "国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", font=fam.font(fam.SANS, 14), fill=INK)
    d.text((w / 2, h - 70), "国家市场监督管理总局监制", font=fam.font(fam.SANS, 13), fill=INK, anchor="ma")
    grey = lic.convert("L").point(lambda v: 0 if v < 60 else min(255, int(v * 1.08) + 10))
    info = {"legal_representative": legal, "registered_capital": capital, "founded": founded.isoformat(),
            "registration_authority": authority, "credit_code": code}
    return grey.convert("RGB"), info


def cert_licence_attached(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Two pages: a letter listing the facts as label lines, then a stamped photocopy of the employer's 营业执照."""
    # Page 1: a lead sentence, indented 姓名/身份证号/入职时间/部门职务/月收入（税前）/大写 lines, the employer only
    # in the signature. Page 2: the 营业执照副本 copied in black and white (its 注册资本 in 大写, its 成立日期, a
    # 法定代表人 and a grey registration seal), stamped 与原件一致 and sealed again in red by the employer.
    candidates = [c for c in fam.EMPLOYERS if "事务所" not in c]
    e = _employee(rng, tamper)
    e.company = rng.choice(candidates)
    s = fam.make_style(rng, sizes=(27, 30), serif_p=0.55)
    page1, d = fam.blank_page()
    x = s.margin
    tw = PAGE_W - 2 * x
    y = rng.randint(170, 230)
    d.text((PAGE_W / 2, y), rng.choice(["收入证明", "收 入 证 明", "员工收入证明"]), font=s.f(54, bold=True), fill=INK,
           anchor="ma")
    y += 130
    body = s.f()
    if rng.random() < 0.5:
        d.text((x, y), rng.choice([f"{rng.choice(fam.BANKS)}：", "致有关单位："]), font=body, fill=INK)
        y += int(body.size * 1.9)
    y = fam.paragraphs(d, x, y, tw, [rng.choice(["兹证明下列人员系我公司正式员工，其基本情况及收入情况如下：",
                                                 "经核实，我公司员工的在职及收入情况如下："])], body, leading=1.8)
    y += 16
    words = fam.words_text(rng, e.words_amount)
    income_label = rng.choice(["月收入（税前）", "税前月收入", "月工资收入（税前）"])
    lines = [("姓　　名", e.person.name), ("身份证号", e.person.id_number),
             ("入职时间", fam._since(e, rng.choice(["cn", "iso", "dot"]))), ("部门职务", f"{e.dept}　{e.title}"),
             (income_label, s.amount(e.monthly)), ("大写金额", words)]
    if rng.random() < 0.4:
        lines.insert(4, ("用工性质", rng.choice(["全职", "正式合同制", "全日制劳动合同"])))
    lx = x + 2 * body.size
    label_w = max(body.getlength(k) for k, _ in lines) + body.getlength("：") + 10
    for k, v in lines:
        d.text((lx, y), f"{k}：", font=body, fill=INK)
        d.text((lx + label_w, y), v, font=fit(v, body, tw - label_w - 2 * body.size), fill=INK)
        y += int(body.size * 1.9)
    y += 10
    y = fam.paragraphs(d, x, y, tw, [rng.choice(["我公司对上述内容的真实性负责，随附本公司营业执照副本复印件一份。",
                                                 "以上情况属实。附：营业执照副本复印件（加盖公章）。"]), "特此证明。"],
                       body, leading=1.8)
    y += rng.randint(230, 260)
    right = PAGE_W - x
    label = rng.choice(["（公司盖章）", "公司名称（盖章）：", ""])
    if label:
        d.text((right - max(body.getlength(e.company), body.getlength(label)), y - int(body.size * 1.9)), label,
               font=body, fill=INK)
    cf = fit(e.company, body, tw)
    d.text((right, y), e.company, font=cf, fill=INK, anchor="ra")
    cw = cf.getlength(e.company)
    date_text = s.day(e.issue)
    d.text((right - max(0, (cw - body.getlength(date_text)) / 2), y + int(body.size * 1.9)), date_text, font=body,
           fill=INK, anchor="ra")
    if tamper != "seal":
        r = rng.randint(120, 135)
        fam.seal(d, right - cw / 2, y - 0.72 * r, r, e.company)
    d.text((PAGE_W / 2, PAGE_H - 90), "第 1 页 共 2 页", font=s.f(19), fill=GREY, anchor="ma")
    page2, d2 = fam.blank_page()
    page2.paste((247, 247, 245), (0, 0, PAGE_W, PAGE_H))
    lic, info = _licence_copy(rng, e.company, e.address)
    angle = rng.uniform(-1.2, 1.2)
    rot = lic.convert("RGBA").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(0, 0, 0, 0))
    lx0, ly0 = (PAGE_W - rot.width) // 2 + rng.randint(-20, 20), rng.randint(110, 170)
    page2.paste(rot, (lx0, ly0), rot)
    speck = random.Random(rng.random())
    for _ in range(160):  # toner specks of the copier
        px, py = speck.randrange(PAGE_W), speck.randrange(PAGE_H)
        d2.point((px, py), fill=(90, 90, 90))
    below = ly0 + rot.height + 70
    stamp = rng.choice(["此复印件与原件一致", "与原件核对一致", "复印件与原件相符"])
    use = rng.choice([f"仅供{e.person.name}办理贷款使用", "仅供办理贷款业务使用，再复印无效", "仅供银行审核使用"])
    if rng.random() < 0.5:
        sx = PAGE_W / 2 - hand_width(stamp, 44) / 2
        hand(page2, sx, below, stamp, 44, rng, fam.PEN)
        hand(page2, PAGE_W / 2 - hand_width(use, 36) / 2, below + 70, use, 36, rng, fam.PEN)
    else:
        sf = fam.font(fam.SANS_BOLD, 40)
        bw = sf.getlength(stamp) + 50
        d2.rectangle((PAGE_W / 2 - bw / 2, below - 14, PAGE_W / 2 + bw / 2, below + 62), outline=RED, width=4)
        d2.text((PAGE_W / 2, below), stamp, font=sf, fill=RED, anchor="ma")
        d2.text((PAGE_W / 2, below + 90), use, font=fam.font(fam.SANS, 30), fill=RED, anchor="ma")
    if tamper != "seal":
        fam.seal(d2, PAGE_W / 2 + rng.randint(230, 330), below + rng.randint(-30, 60), rng.randint(120, 135),
                 e.company)
    d2.text((PAGE_W / 2, PAGE_H - 90), "第 2 页 共 2 页", font=s.f(19), fill=GREY, anchor="ma")
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page1, page2], fam.Facts(CERT, f, seal_pages=_seals(tamper, 1, 2), words_page=1, tampered=tamper,
                                     extra={"licence": info, "licence_seal": "photocopied grey, the authority's",
                                            "pages": "letter, then licence copy"})


VILLAGE_COUNTIES = [("湖南省", "衡阳县"), ("江西省", "于都县"), ("四川省", "南部县"), ("河南省", "固始县"),
                    ("安徽省", "霍邱县"), ("广西壮族自治区", "博白县"), ("湖北省", "监利市"), ("贵州省", "湄潭县"),
                    ("山东省", "曹县"), ("云南省", "宣威市"), ("福建省", "安溪县"), ("浙江省", "开化县")]
TOWNS = ["石桥", "杨柳", "河口", "新塘", "长岭", "白沙", "太平", "龙泉", "清水", "黄土岭", "大坪", "梅林"]
VILLAGES = ["梅花", "五里", "桂花", "红星", "前进", "高桥", "马安", "双溪", "青山", "大塘", "柳林", "枫树"]
FARM_WORK = ["从事柑橘种植", "从事生猪养殖", "从事水产养殖", "经营农家乐", "从事水稻及蔬菜种植", "从事个体货物运输",
             "在本村经营小卖部", "从事茶叶种植及加工", "从事肉牛养殖", "从事中药材种植", "经营农机作业服务"]


def cert_village_committee(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """村民委员会 letter certifying a villager's yearly income from farming or a family business (no employer)."""
    # Income stated by the year (万元, or 元 with 大写), sometimes beside the household's: monthly = the person's
    # own yearly income / 12. Signed by the 村委会主任 and sealed by the committee, sometimes countersigned and
    # sealed by the 乡镇人民政府 in a box below. Employer None: the committee certifies, it does not employ.
    e = _employee(rng, tamper)
    province, county = rng.choice(VILLAGE_COUNTIES)
    town = rng.choice(TOWNS) + rng.choice(["镇", "镇", "乡"])
    village = rng.choice(VILLAGES) + "村"
    committee = f"{town}{village}村民委员会"
    work = rng.choice(FARM_WORK)
    annual = Decimal(rng.randrange(24, 96) * 1000)
    mode = rng.choice(["wan", "wan", "yuan", "household"])
    words_on = tamper == "words" or mode == "yuan" or rng.random() < 0.5
    words_value = annual + (_words_delta(rng) * 10 if tamper == "words" else 0)
    words = f"（大写：人民币{fam.to_words(words_value)}）" if words_on else ""
    household = None
    if mode == "wan":
        phrase = rng.choice([f"年收入约{wan(annual)}万元{words}", f"个人年纯收入约为{wan(annual)}万元{words}"])
    elif mode == "yuan":
        phrase = f"年收入为人民币{fam.money(annual, rng.random() < 0.5, 0)}元{words}"
    else:
        household = annual + Decimal(rng.randrange(20, 120) * 1000)
        phrase = f"家庭年收入约{wan(household)}万元，其中本人年收入约{wan(annual)}万元{words}"
    s = fam.make_style(rng, sizes=(28, 31), dates=("cn", "cn", "cnnum"), serif_p=0.75)
    page, d = fam.blank_page()
    x = s.margin
    tw = PAGE_W - 2 * x
    y = rng.randint(180, 240)
    d.text((PAGE_W / 2, y), rng.choice(["收入证明", "证　明", "村民收入证明"]), font=s.f(56, bold=True), fill=INK,
           anchor="ma")
    y += 140
    body = s.f()
    if rng.random() < 0.5:
        d.text((x, y), rng.choice([f"{rng.choice(['中国农业银行', '中国邮政储蓄银行', '农村信用合作联社'])}：",
                                   "致有关单位："]), font=body, fill=INK)
        y += int(body.size * 1.9)
    group = rng.randint(1, 12)
    id_label = rng.choice(["身份证号码", "身份证号", "公民身份号码"])
    p1 = (f"兹证明{e.person.name}，{e.person.sex}，{id_label}：{e.person.id_number}，系我村第{group}村民小组村民，"
          f"家住{province}{county}{town}{village}{group}组{rng.randint(1, 90)}号。")
    p2 = f"该村民常年{work}，{phrase}。"
    purpose = rng.choice(["农户小额信用贷款", "个人经营贷款", "个人消费贷款", "农村信用社贷款"])
    p3 = f"以上情况属实。本证明仅用于其申请{purpose}。"
    y = fam.paragraphs(d, x, y, tw, [p1, p2, p3, "特此证明。"], body, leading=2.0)
    y += rng.randint(190, 230)
    right = PAGE_W - x
    cf = fit(committee, body, tw)
    cw = cf.getlength(committee)
    d.text((right, y), committee, font=cf, fill=INK, anchor="ra")
    date_text = cn_date(e.issue) if s.date == "cnnum" else s.day(e.issue)
    d.text((right - max(0, (cw - body.getlength(date_text)) / 2), y + int(body.size * 1.9)), date_text, font=body,
           fill=INK, anchor="ra")
    head_name = fam.person_name(rng)
    sign_label = rng.choice(["村委会主任（签字）：", "负责人：", "村主任："])
    d.text((x, y), sign_label, font=body, fill=INK)
    scrawl(page, x + body.getlength(sign_label) + 6, y - body.size * 0.8, head_name, 44, rng)
    phone_line = f"联系电话：{mobile(rng)}"
    d.text((x, y + int(body.size * 1.9)), phone_line, font=s.f(s.size - 4), fill=INK)
    seal_pages = _seals(tamper)
    if tamper != "seal":
        r = rng.randint(118, 132)
        fam.seal(d, right - cw / 2, y - 0.72 * r, r, committee)
    countersign = rng.random() < 0.4
    if countersign:
        top = y + int(body.size * 4.2)
        gov = f"{county}{town}人民政府"
        bh = 250
        d.rectangle((x, top, right, top + bh), outline=GRID, width=2)
        d.text((x + 20, top + 18), f"{rng.choice(['乡（镇）人民政府意见', '镇政府审核意见'])}：", font=body, fill=INK)
        hand(page, x + 60, top + 80, rng.choice(["情况属实", "经核实，情况属实。", "同意"]), 38, rng, fam.PEN)
        gf = fit(gov, s.f(s.size - 2), tw / 2)
        d.text((right - 30, top + bh - 100), f"{gov}（盖章）", font=gf, fill=INK, anchor="ra")
        d.text((right - 30, top + bh - 50), date_text, font=s.f(s.size - 2), fill=INK, anchor="ra")
        if tamper != "seal":
            fam.seal(d, right - 30 - gf.getlength(gov) / 2, top + bh - 110, rng.randint(100, 112), gov)
    monthly = annual / 12
    f = fam._fields(e.person.name, e.person.id_number, None, monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=seal_pages, words_page=1 if words_on else None, tampered=tamper,
                             extra={"issuer": committee, "employer_is": "none: self-employed; the committee certifies",
                                    "annual_income": float(annual), "income_mode": mode,
                                    "household_income": None if household is None else float(household),
                                    "countersigned": countersign, "signer": head_name})


# ------------------------------------------------------------------------------------- 工资条 (payslips)


FACTORY_WORDS = ("制造", "电子", "精密", "半导体", "机械", "汽车零部件", "纺织", "家具", "食品", "化工", "智造")
WORKSHOPS = ["装配一车间", "装配二车间", "注塑车间", "SMT车间", "包装车间", "品检课", "仓储课", "机加工车间",
             "喷涂车间", "冲压车间", "成品课"]


def _thermal(strip: Image.Image, rng: random.Random) -> Image.Image:
    """Print on thermal paper: grey rather than black, fading unevenly down the roll, a pale streak where the head
    is worn, torn zigzag ends."""
    w, h = strip.size
    ink = np.asarray(strip.convert("L")).astype(np.float32)
    yy = np.arange(h, dtype=np.float32)[:, None]
    xx = np.arange(w, dtype=np.float32)[None, :]
    strength = rng.uniform(0.62, 0.85) * (1 - rng.uniform(0.1, 0.3) * (0.5 + 0.5 * np.sin(yy / h * math.pi *
                                                                                              rng.uniform(1, 3))))
    strength = strength * (1 - rng.uniform(0.0, 0.15) * xx / w)
    sx = rng.uniform(0.2, 0.8) * w
    strength = strength * (1 - 0.35 * np.exp(-((xx - sx) / rng.uniform(3, 7)) ** 2))
    dark = (255 - ink) * strength
    paper = np.array(rng.choice([(250, 250, 246), (247, 247, 243), (252, 251, 248)]), dtype=np.float32)
    out = paper[None, None, :] - dark[..., None] * (paper[None, None, :] - np.array([40, 40, 48],
                                                                                    dtype=np.float32)) / 255
    img = Image.fromarray(out.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.45))
    mask = Image.new("L", (w, h), 255)
    md = ImageDraw.Draw(mask)
    tooth = rng.randint(9, 14)
    for edge, sign in ((0, 1), (h - 1, -1)):
        pts = [(0, edge)]
        for k, tx in enumerate(range(0, w + tooth, tooth)):
            pts.append((tx, edge + sign * (rng.randint(5, 9) if k % 2 else rng.randint(0, 2))))
        pts.append((w, edge))
        md.polygon(pts, fill=0)
    rgba = img.convert("RGBA")
    rgba.putalpha(mask)
    return rgba


def slip_thermal_kiosk(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A factory's self-service kiosk 工资单 on 80 mm thermal paper, faded, laid on an A4 scan bed."""
    # Fixed-pitch print: 工号/姓名/部门, 工资月份 and (often) 发薪日期; hourly overtime items with their hours in the
    # label; 应发工资, deductions (宿舍费, 水电费 among them), 扣款合计, 实发工资; the terminal's 打印时间 at the foot
    # is not the pay date. No seal.
    company = rng.choice([c for c in fam.EMPLOYERS if any(k in c for k in FACTORY_WORDS)])
    person = make_person(rng)
    month, paid = unseen4._recent_pay(rng, same_month=False)
    base = Decimal(rng.choice([2280, 2360, 2420, 2510, 2690, 2820]))
    hourly = base / Decimal("21.75") / 8
    h1 = Decimal(rng.randint(32, 180)) / 2
    h2 = Decimal(rng.choice([0, 0, rng.randint(8, 64)]))
    items = [("基本工资", base), (f"平时加班({h1:.1f}h)", _q(h1 * hourly * Decimal("1.5")))]
    if h2:
        items.append((f"周末加班({h2:.1f}h)", _q(h2 * hourly * 2)))
    items += [("岗位津贴", Decimal(rng.choice([100, 150, 200, 300, 500]))),
              ("全勤奖", Decimal(rng.choice([0, 100, 200, 200]))),
              ("夜班补贴", Decimal(rng.choice([0, 0, rng.randint(5, 22) * 15]))),
              (rng.choice(["绩效奖金", "计件奖金", "产量奖"]), Decimal(rng.randrange(0, 30) * 50))]
    items = [(k, v) for k, v in items if v or k in ("基本工资", "全勤奖")]
    gross = sum((v for _, v in items), Decimal(0))
    social_base = Decimal(rng.choice([int(base), 3500, 4000, 4462]))
    pension, medical = _q(social_base * Decimal("0.08")), _q(social_base * Decimal("0.02"))
    unemployment = _q(social_base * Decimal(rng.choice(["0.005", "0.003"])))
    fund = (social_base * Decimal("0.05")).quantize(Decimal(1)) if rng.random() < 0.4 else Decimal(0)
    tax = fam._tax(gross - pension - medical - unemployment - fund - 5000)
    dorm = Decimal(rng.choice([0, 0, 100, 150, 200]))
    deductions = [("养老保险", pension), ("医疗保险", medical), ("失业保险", unemployment)]
    if fund:
        deductions.append(("住房公积金", fund))
    if dorm:
        deductions += [("宿舍费", dorm), ("水电费", _q(Decimal(rng.randint(1500, 9000)) / 100))]
    deductions.append(("个人所得税", tax))
    total_ded = sum((v for _, v in deductions), Decimal(0))
    net = gross - total_ded
    width = 40
    fs = rng.randint(23, 25)
    thousands = rng.random() < 0.5

    def num(v: Decimal) -> str:
        return fam.money(v, thousands)

    staff = f"{rng.choice(['A', 'B', 'F', ''])}{rng.randint(100000, 999999)}"
    gross_label = rng.choice(["应发工资", "应发合计", "工资总额"])
    net_label = rng.choice(["实发工资", "实发金额", "实领工资"])
    dated = rng.random() < 0.7
    printed = dt.datetime.combine(min(paid + dt.timedelta(days=rng.randint(0, 18)), fam.TODAY - dt.timedelta(days=1)),
                                  dt.time(rng.randint(7, 21), rng.randrange(60), rng.randrange(60)))
    month_how = rng.choice(["cn0", "dot", "iso", "compact"])
    terminal = rng.choice(["员工自助查询终端", "自助打印终端", "工资查询打印机"])
    heading = rng.choice(["工 资 单", "工资明细单", "工 资 条"])
    lines: list[tuple[str, str]] = [("c", company), ("c", terminal), ("r", "="), ("big", heading),
                                    ("l", f"工号：{staff}"), ("l", f"姓名：{person.name}"),
                                    ("l", f"部门：{rng.choice(WORKSHOPS)}"),
                                    ("l", f"工资月份：{fam.fmt_month(month, month_how)}")]
    if dated:
        lines.append(("l", f"发薪日期：{day_text(paid, rng.choice(['iso', 'slash0', 'compact']))}"))
    lines += [("r", "-"), ("lr", "项目|金额(元)")]
    lines += [("lr", f"{k}|{num(v)}") for k, v in items]
    lines += [("r", "-"), ("lrb", f"{gross_label}|{num(gross)}"),
              ("l", rng.choice(["【扣款项目】", "扣款明细：", "-- 扣款 --"]))]
    lines += [("lr", f"{k}|{num(v)}") for k, v in deductions]
    lines += [("lr", f"扣款合计|{num(total_ded)}"), ("r", "="), ("lrb", f"{net_label}|{num(net)}"), ("r", "="),
              ("l", f"终端号：T{rng.randint(1, 40):03d}"), ("l", f"打印时间：{printed:%Y-%m-%d %H:%M:%S}"),
              ("l", rng.choice(["本凭条仅供员工本人核对", "如有疑问请联系人事部", "请妥善保管，注意保密"])),
              ("c", "*** 谢谢使用 ***")]
    regular, bold = mono(fs), mono(fs, True)
    cw = fs / 2
    margin = 26
    sw = int(width * cw + 2 * margin)
    step = int(fs * 1.5)
    sh = margin * 2 + 40 + step * (len(lines) + 2)
    strip = Image.new("RGB", (sw, sh), (255, 255, 255))
    d = ImageDraw.Draw(strip)
    y = margin + 30
    for kind, text in lines:
        if kind == "c":
            f = regular if cells(text) <= width else mono(int(fs * width / cells(text)))
            d.text((sw / 2, y), text, font=f, fill=(0, 0, 0), anchor="ma")
        elif kind == "big":
            big = mono(int(fs * 1.45), True)
            d.text((sw / 2, y), text, font=big, fill=(0, 0, 0), anchor="ma")
            y += int(fs * 0.6)
        elif kind == "r":
            d.text((margin, y), text * width, font=regular, fill=(0, 0, 0))
        elif kind == "l":
            d.text((margin, y), text, font=regular, fill=(0, 0, 0))
        else:
            label, value = text.split("|")
            d.text((margin, y), pad(label, width - cells(value)) + value, font=bold if kind == "lrb" else regular,
                   fill=(0, 0, 0))
        y += step
    strip = strip.crop((0, 0, sw, y + margin))
    paper = _thermal(strip, rng)
    bed = unseen4._scan_bed((PAGE_W, PAGE_H), rng)
    angle = rng.uniform(-2.5, 2.5)
    probe = paper.rotate(angle, expand=True)
    at = (rng.randint(140, max(141, PAGE_W - probe.width - 140)), rng.randint(60, max(61, PAGE_H - probe.height - 60)))
    unseen4._lay_paper(bed, paper, at, angle)
    pay = fam.Pay(month, items, gross, pension, medical, unemployment, fund, tax, paid)
    f = fam._fields(person.name, None, company, gross, paid if dated else None)
    return [bed], fam.Facts(SLIP, f, tampered=tamper,
                            extra={**fam._slip_extra(pay), "net_pay": float(net), "printed": f"{printed:%Y-%m-%d}",
                                   "pay_date_shown": dated, "issue_is": "发薪日期 (the kiosk's 打印时间 is not it)"})


SMALL_BRANDS = ["湘味轩", "悦来", "佳福", "海之味", "百味园", "鑫源", "优品汇", "家家乐", "锦华", "如意", "小城故事",
                "鸿运"]
SMALL_TRADES = [("餐饮管理有限公司", [("前厅部", "服务员"), ("后厨", "厨师"), ("后厨", "帮厨"), ("收银组", "收银员")]),
                ("连锁超市有限公司", [("生鲜课", "理货员"), ("收银组", "收银员"), ("仓储部", "仓管员"),
                                      ("防损部", "防损员")]),
                ("物业服务有限公司", [("保安部", "保安员"), ("工程部", "维修工"), ("客服部", "客服专员"),
                                      ("保洁部", "保洁员")]),
                ("酒店管理有限公司", [("客房部", "客房服务员"), ("前厅部", "前台接待"), ("餐饮部", "传菜员"),
                                      ("工程部", "电工")])]
WEEKDAYS = "一二三四五六日"


def slip_attendance_grid(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """考勤工资单 of a restaurant, supermarket, property firm or hotel: a day-by-day attendance grid over the pay."""
    # Days 1-31 in two grids (日期 / 星期 / 考勤 marks: √ 休 事 病 迟), an attendance summary, then the pay as two
    # header-over-value tables (earnings with 应发; deductions with 扣款合计 and 实发), a 计算说明 line full of
    # rates and day counts, the worker's signature; sometimes a 发放日期 and a seal.
    brand = rng.choice(SMALL_BRANDS)
    trade, posts = rng.choice(SMALL_TRADES)
    city = rng.choice(CITIES)
    company = f"{city}{brand}{trade}"
    dept, post = rng.choice(posts)
    person = make_person(rng)
    month, paid = unseen4._recent_pay(rng, same_month=False)
    days = fam.month_end(month).day
    marks = ["√"] * days
    for k in rng.sample(range(days), rng.choice([2, 4, 4, 4, 6, 8])):
        marks[k] = "休"
    work_days = [k for k in range(days) if marks[k] == "√"]
    leave = rng.choice([0, 0, 0, 1, 2])
    for k in rng.sample(work_days, leave):
        marks[k] = rng.choice(["事", "病"])
    late = rng.choice([0, 0, 0, 1, 2])
    for k in rng.sample([k for k in range(days) if marks[k] == "√"], late):
        marks[k] = "迟"
    rest = marks.count("休")
    worked = days - rest - leave
    daily = Decimal(rng.choice([130, 150, 160, 170, 180, 200, 220]))
    ot_hours = rng.choice([0, rng.randint(4, 40), rng.randint(10, 30)])
    ot_rate = Decimal(rng.choice([15, 18, 20, 25, 30]))
    meal = Decimal(rng.choice([0, 10, 12, 15]))
    earnings = [("基本工资", daily * worked), ("加班费", ot_rate * ot_hours)]
    if meal:
        earnings.append(("餐补", meal * worked))
    post_pay = Decimal(rng.choice([0, 100, 200, 300, 500]))
    if post_pay:
        earnings.append(("岗位补贴", post_pay))
    earnings.append(("全勤奖", Decimal(rng.choice([100, 200, 300])) if leave == 0 and late == 0 else Decimal(0)))
    gross = sum((v for _, v in earnings), Decimal(0))
    enrolled = rng.random() < 0.7
    social = _q(Decimal(rng.choice([4000, 4462, 4927, 5211])) * Decimal("0.105")) if enrolled else Decimal(0)
    deductions = [("社保个人", social)] if enrolled else []
    dorm = Decimal(rng.choice([0, 0, 150, 200, 300]))
    if dorm:
        deductions.append(("住宿费", dorm))
    if late:
        deductions.append(("迟到扣款", Decimal(20 * late)))
    advance = Decimal(rng.choice([0, 0, 0, 500, 1000]))
    if advance:
        deductions.append(("借支", advance))
    tax = fam._tax(gross - social - 5000)
    deductions.append(("个税", tax))
    total_ded = sum((v for _, v in deductions), Decimal(0))
    net = gross - total_ded
    s = fam.make_style(rng, sizes=(20, 22), serif_p=0.3)
    page, d = fam.blank_page()
    x = rng.randint(60, 80)
    tw = PAGE_W - 2 * x
    y = rng.randint(80, 110)
    d.text((PAGE_W / 2, y), company, font=fit(company, s.f(36, bold=True), tw), fill=INK, anchor="ma")
    y += 60
    month_text = fam.fmt_month(month, rng.choice(["cn", "cn0", "dot"]))
    title = rng.choice([f"{month_text}考勤工资单", f"员工考勤及工资明细（{month_text}）",
                        f"{month_text}工资条（含考勤）"])
    d.text((PAGE_W / 2, y), title, font=fit(title, s.f(30, bold=True), tw), fill=INK, anchor="ma")
    y += 66
    cf, bf = s.f(), s.f(bold=True)
    shade = rng.choice([(236, 240, 246), (240, 240, 240), (246, 240, 228)])
    staff = f"{rng.randint(1, 9)}{rng.randint(100, 999)}"
    since = dt.date(rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28))
    since = min(since, month - dt.timedelta(days=40))
    info = ["姓名", person.name, "工号", staff, "部门", dept, "岗位", post]
    y = fam.table(d, x, y, _px([0.8, 1.2, 0.8, 1, 0.8, 1.1, 0.8, 1.1], tw), [info], cf, 46, head_rows=0,
                  aligns="clclclcl")
    y += 24
    d.text((x, y), "一、考勤记录", font=bf, fill=INK)
    legend = "√出勤　休休息　事事假　病病假　迟迟到"
    d.text((PAGE_W - x, y + 2), legend, font=s.f(s.size - 3), fill=GREY, anchor="ra")
    y += 40
    label_w = 80
    col_w = (tw - label_w) / 16
    for block in (range(0, 16), range(16, 32)):
        rows = [("日期", [str(k + 1) if k < days else "" for k in block]),
                ("星期", [WEEKDAYS[(month.weekday() + k) % 7] if k < days else "" for k in block]),
                ("考勤", [marks[k] if k < days else "" for k in block])]
        for r, (label, values) in enumerate(rows):
            h = 40 if r < 2 else 46
            d.rectangle((x, y, x + label_w, y + h), outline=GRID, width=1, fill=shade)
            _box_text(d, (x, y, x + label_w, y + h), label, cf, "c")
            for j, v in enumerate(values):
                bx = x + label_w + j * col_w
                weekend = values and rows[1][1][j] in ("六", "日")
                d.rectangle((bx, y, bx + col_w, y + h), outline=GRID, width=1,
                            fill=(248, 248, 248) if weekend and r < 2 else None)
                if v:
                    colour = INK if v == "√" or r < 2 else (170, 30, 30) if v in ("事", "病", "迟") else (40, 90, 160)
                    _box_text(d, (bx, y, bx + col_w, y + h), v, s.f(s.size - (2 if r < 2 else 0)), "c", colour, 4)
            y += h
        y += 14
    summary = [["应出勤（天）", "实出勤（天）", "休息（天）", "请假（天）", "加班（小时）", "迟到（次）"],
               [str(days - rest), str(worked), str(rest), str(leave), str(ot_hours), str(late)]]
    y = fam.table(d, x, y, _px([1] * 6, tw), summary, cf, 42, head=bf, aligns="cccccc", head_fill=shade)
    y += 30
    d.text((x, y), "二、工资明细（单位：元）", font=bf, fill=INK)
    y += 42
    gross_label, net_label = rng.choice(fam.GROSS), rng.choice(fam.NET)
    top_row = [*earnings, (gross_label, gross)]
    y = fam.table(d, x, y, _px([1] * len(top_row), tw), [[k for k, _ in top_row], [s.num(v) for _, v in top_row]], cf,
                  46, head=bf, aligns="c" * len(top_row), head_fill=shade)
    y += 14
    low_row = [*deductions, ("扣款合计", total_ded), (net_label, net)]
    y = fam.table(d, x, y, _px([1] * len(low_row), tw), [[k for k, _ in low_row], [s.num(v) for _, v in low_row]], cf,
                  46, head=bf, aligns="c" * len(low_row), head_fill=shade)
    y += 24
    note = (f"计算说明：基本工资＝日工资{daily}元×实出勤{worked}天；加班费＝{ot_hours}小时×{ot_rate}元/小时"
            + (f"；餐补＝{meal}元/天×{worked}天" if meal else "") + "。")
    y = fam.paragraphs(d, x, y, tw, [note], s.f(s.size - 2), indent=False, fill=GREY, leading=1.6)
    y += 30
    dated = rng.random() < 0.6
    if dated:
        d.text((x, y), f"{s.lab('发放日期')}{s.day(paid)}", font=cf, fill=INK)
    d.text((x + tw // 2, y), "员工签字：", font=cf, fill=INK)
    scrawl(page, x + tw // 2 + cf.getlength("员工签字：") + 4, y - 22, person.name, 40, rng)
    y += 56
    d.text((x, y), f"制表：{fam.person_name(rng)}　　审核：{fam.person_name(rng)}", font=s.f(s.size - 2), fill=INK)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        fam.seal(d, PAGE_W - x - rng.randint(130, 220), y + 40, rng.randint(95, 110), company)
        seals = (1,)
    pay = fam.Pay(month, earnings, gross, social, Decimal(0), Decimal(0), Decimal(0), tax, paid)
    f = fam._fields(person.name, None, company, gross, paid if dated else None)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={**fam._slip_extra(pay), "net_pay": float(net), "days_worked": worked,
                                    "daily_rate": float(daily), "overtime_hours": ot_hours})


ESS_HOSTS = ["ess", "ehr", "hr", "portal"]
ESS_SLUGS = ["xinghe", "hengxin", "ruifeng", "qiming", "dongfang", "huachen", "taihu", "songhu", "luda", "qinchuan"]
ESS_NAV = ["首页", "个人信息", "考勤管理", "假期申请", "我的薪资", "  工资条", "  个税明细", "  社保公积金", "报销管理",
           "通知公告"]


def _desk_photo_of_screen(screen: Image.Image, rng: random.Random) -> Image.Image:
    """A phone photo of a monitor showing screen: bezel and stand on a desk, keystone perspective, moiré, a colour
    cast, glare, blur and noise."""
    import cv2

    w, h = 1600, 1200
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    tone = np.array(rng.choice([(120, 104, 88), (96, 96, 100), (150, 140, 128), (70, 66, 64)]), dtype=np.float32)
    bg = tone[None, None, :] * (0.75 + 0.35 * (yy / h))[..., None]
    sw, sh = screen.size
    tw = rng.uniform(1400, 1480)
    th = tw * sh / sw
    cx, cy = w / 2 + rng.uniform(-25, 25), h / 2 + rng.uniform(-60, -20)
    k_top, k_side = rng.uniform(-0.025, 0.025), rng.uniform(-0.02, 0.02)
    dst = np.float32([(cx - tw / 2 + k_top * tw, cy - th / 2 + k_side * th),
                      (cx + tw / 2 - k_top * tw, cy - th / 2 - k_side * th),
                      (cx + tw / 2, cy + th / 2 + k_side * th), (cx - tw / 2, cy + th / 2 - k_side * th)])
    src = np.float32([(0, 0), (sw, 0), (sw, sh), (0, sh)])
    frame = Image.fromarray(bg.clip(0, 255).astype(np.uint8))
    fd = ImageDraw.Draw(frame)
    bezel = rng.randint(18, 30)
    centre = dst.mean(axis=0)
    outer = [(float(px + (px - centre[0]) / tw * 2 * bezel), float(py + (py - centre[1]) / th * 2 * bezel))
             for px, py in dst]
    fd.polygon([(cx - 60, outer[3][1] - 4), (cx + 60, outer[2][1] - 4), (cx + 80, h), (cx - 80, h)], fill=(34, 34, 36))
    fd.polygon(outer, fill=rng.choice([(22, 22, 24), (36, 36, 40), (200, 200, 204)]))
    homography = cv2.getPerspectiveTransform(src, dst)
    shown = cv2.warpPerspective(np.asarray(screen.convert("RGB")).astype(np.float32), homography, (w, h),
                                flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.ones((sh, sw), np.float32), homography, (w, h))[..., None]
    theta = rng.uniform(0, math.pi)
    period = rng.uniform(3.2, 5.0)
    fine = np.sin(2 * math.pi * (xx * math.cos(theta) + yy * math.sin(theta)) / period)
    beat = 0.5 + 0.5 * np.sin(2 * math.pi * (xx * math.sin(theta) - yy * math.cos(theta)) / rng.uniform(90, 200))
    moire = 1 - rng.uniform(0.05, 0.08) * (0.5 + 0.5 * fine) * beat
    cast = np.array(rng.choice([(0.95, 0.99, 1.05), (1.0, 0.98, 0.94), (0.97, 1.0, 1.02)]), dtype=np.float32)
    light = 0.9 + 0.12 * (1 - ((xx - cx) / w) ** 2 - ((yy - cy) / h) ** 2)
    shown = shown * moire[..., None] * cast[None, None, :] * light[..., None]
    gx, gy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.6) * h
    glare = np.exp(-(((xx - gx) / rng.uniform(180, 300)) ** 2 + ((yy - gy) / rng.uniform(120, 220)) ** 2))
    shown = shown + rng.uniform(0.12, 0.22) * glare[..., None] * (255 - shown)
    out = np.asarray(frame).astype(np.float32) * (1 - mask) + shown * mask
    out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.5, 0.8))
    out += np.random.default_rng(rng.randrange(1 << 30)).normal(0, 2.5, out.shape)
    return Image.fromarray(out.clip(0, 255).astype(np.uint8))


def slip_monitor_photo(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Phone photo of a PC monitor showing the employer's ESS web portal on its 工资条 page (period 2026.09)."""
    # Browser tab and URL, the portal's header (employer, the user's name), a left menu, a 薪资期间 select reading
    # 2026.09, a card with 收入项目 | 金额 | 扣除项目 | 金额 and the three totals; the taskbar clock shows today's
    # date (not the pay date); 发放日期 in the card only sometimes. Moiré, keystone and glare from the capture.
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pay = fam.pay_series(rng, 1)[0]
    accent = rng.choice([(24, 96, 186), (0, 122, 110), (196, 64, 40), (88, 64, 170), (30, 30, 60)])
    sans = functools.partial(fam.font, fam.SANS)
    bold = functools.partial(fam.font, fam.SANS_BOLD)
    sw, sh = 1600, 1000
    screen = Image.new("RGB", (sw, sh), (255, 255, 255))
    d = ImageDraw.Draw(screen)
    d.rectangle((0, 0, sw, 46), fill=(222, 225, 230))
    d.rounded_rectangle((70, 8, 470, 52), radius=10, fill=(255, 255, 255))
    d.text((92, 28), "员工自助服务平台 - 我的工资条", font=sans(18), fill=INK, anchor="lm")
    d.text((450, 28), "×", font=sans(18), fill=GREY, anchor="mm")
    d.rectangle((0, 46, sw, 98), fill=(255, 255, 255))
    d.rounded_rectangle((150, 56, sw - 150, 90), radius=17, fill=(241, 243, 245))
    url = (f"https://{rng.choice(ESS_HOSTS)}.{rng.choice(ESS_SLUGS)}{rng.choice(['tech', 'group', 'corp', 'hr'])}"
           f".com.cn/portal/salary/payslip?period={pay.month:%Y%m}")
    d.text((180, 73), url, font=sans(17), fill=(60, 60, 60), anchor="lm")
    for k, ch in enumerate("←→"):
        d.text((30 + k * 38, 73), ch, font=sans(20), fill=GREY, anchor="mm")
    d.arc((96, 63, 116, 83), 40, 330, fill=GREY, width=2)
    d.rectangle((0, 98, sw, 160), fill=accent)
    d.rounded_rectangle((24, 110, 62, 148), radius=8, fill=(255, 255, 255))
    d.text((43, 129), company[2] if len(company) > 3 else company[0], font=bold(22), fill=accent, anchor="mm")
    head = f"{company}｜员工自助服务"
    d.text((78, 129), head, font=fit(head, bold(24), 900), fill=(255, 255, 255), anchor="lm")
    d.ellipse((sw - 250, 112, sw - 214, 148), fill=(255, 255, 255))
    d.text((sw - 232, 130), person.name[0], font=bold(18), fill=accent, anchor="mm")
    d.text((sw - 204, 130), person.name, font=sans(21), fill=(255, 255, 255), anchor="lm")
    caret = sw - 204 + sans(21).getlength(person.name) + 10
    d.polygon([(caret, 126), (caret + 12, 126), (caret + 6, 133)], fill=(255, 255, 255))
    d.text((sw - 40, 130), "退出", font=sans(19), fill=(255, 255, 255), anchor="rm")
    taskbar = 44
    d.rectangle((0, 160, 230, sh - taskbar), fill=(245, 246, 248))
    ny = 185
    for item in ESS_NAV:
        selected = item.strip() == "工资条"
        if selected:
            d.rectangle((0, ny - 10, 230, ny + 34), fill=(228, 236, 248))
            d.rectangle((0, ny - 10, 5, ny + 34), fill=accent)
        d.text((28 + (18 if item.startswith(" ") else 0), ny), item.strip(), font=(bold if selected else sans)(20),
               fill=accent if selected else (70, 70, 70))
        ny += 50
    x0, right = 262, sw - 40
    d.text((x0, 178), "首页 / 我的薪资 / 工资条", font=sans(18), fill=GREY)
    fy = 222
    d.text((x0, fy + 20), "薪资期间", font=sans(20), fill=INK, anchor="lm")
    d.rounded_rectangle((x0 + 96, fy, x0 + 296, fy + 40), radius=5, outline=(190, 194, 200), width=2)
    d.text((x0 + 110, fy + 20), fam.fmt_month(pay.month, "dot"), font=sans(20), fill=INK, anchor="lm")
    d.polygon([(x0 + 266, fy + 16), (x0 + 280, fy + 16), (x0 + 273, fy + 25)], fill=GREY)
    bx = x0 + 320
    for k, label in enumerate(["查询", "打印", "导出PDF"]):
        bw = 86 if k < 2 else 110
        if k == 0:
            d.rounded_rectangle((bx, fy, bx + bw, fy + 40), radius=5, fill=accent)
            d.text((bx + bw / 2, fy + 20), label, font=sans(19), fill=(255, 255, 255), anchor="mm")
        else:
            d.rounded_rectangle((bx, fy, bx + bw, fy + 40), radius=5, outline=(190, 194, 200), width=2)
            d.text((bx + bw / 2, fy + 20), label, font=sans(19), fill=INK, anchor="mm")
        bx += bw + 14
    cy0 = fy + 66
    d.rounded_rectangle((x0, cy0, right, sh - taskbar - 16), radius=8, outline=(226, 229, 234), width=2)
    cx = x0 + 28
    ty = cy0 + 22
    d.text((cx, ty), f"工资条（{fam.fmt_month(pay.month, 'dot')}）", font=bold(28), fill=INK)
    dated = rng.random() < 0.6
    status = f"发放日期：{day_text(pay.paid, rng.choice(['iso', 'slash0', 'dot0']))}" if dated else "状态：已发放"
    d.text((right - 28, ty + 8), status, font=sans(20), fill=GREY, anchor="ra")
    ty += 56
    dept, title = rng.choice(fam.DEPARTMENTS)
    info = [("姓名", person.name), ("工号", fam._staff_no(rng)), ("部门", dept), ("岗位", title)]
    col = (right - 28 - cx) / 4
    for k, (label, value) in enumerate(info):
        d.text((cx + k * col, ty), f"{label}：{value}", font=fit(f"{label}：{value}", sans(21), col - 10), fill=INK)
    ty += 46
    gross_label, net_label = rng.choice(["应发合计", "应发工资", "税前工资"]), rng.choice(["实发合计", "实发工资"])
    totals = [(gross_label, pay.gross), ("扣款合计", pay.deductions), (net_label, pay.net)]
    tile = (right - 28 - cx - 40) / 3
    for k, (label, value) in enumerate(totals):
        tx = cx + k * (tile + 20)
        d.rounded_rectangle((tx, ty, tx + tile, ty + 78), radius=6, fill=(246, 248, 251))
        d.text((tx + 18, ty + 39), label, font=sans(20), fill=GREY, anchor="lm")
        d.text((tx + tile - 18, ty + 39), fam.money(value), font=bold(28), fill=accent if k == 2 else INK, anchor="rm")
    ty += 100
    earn = [*pay.earnings]
    ded = fam._deduction_items(rng, pay, rng.random() < 0.6)
    n = max(len(earn), len(ded))
    rows: list[list[fam.Cell]] = [["收入项目", "金额（元）", "扣除项目", "金额（元）"]]
    for k in range(n):
        a = earn[k] if k < len(earn) else ("", None)
        b = ded[k] if k < len(ded) else ("", None)
        rows.append([a[0], "" if a[1] is None else fam.money(a[1]), b[0], "" if b[1] is None else fam.money(b[1])])
    row_h = min(44, int((sh - taskbar - 40 - ty) / (n + 1)))
    fam.table(d, cx, ty, _px([1.2, 1, 1.2, 1], right - 28 - cx), rows, sans(20), row_h, head=bold(20),
              aligns="lrlr", grid="rules", line=(200, 204, 210), head_fill=(241, 243, 246))
    d.rectangle((0, sh - taskbar, sw, sh), fill=(32, 36, 44))
    for k in range(5):
        d.rounded_rectangle((20 + k * 52, sh - taskbar + 8, 48 + k * 52, sh - 8), radius=4,
                            fill=[(0, 120, 215), (240, 180, 0), (60, 160, 80), (200, 60, 60), (120, 120, 120)][k])
    now = dt.datetime.combine(min(pay.paid + dt.timedelta(days=rng.randint(3, 30)), fam.TODAY - dt.timedelta(days=1)),
                              dt.time(rng.randint(8, 18), rng.randrange(60)))
    d.text((sw - 20, sh - taskbar / 2 - 9), f"{now:%H:%M}", font=sans(15), fill=(235, 235, 235), anchor="rm")
    d.text((sw - 20, sh - taskbar / 2 + 10), f"{now.year}/{now.month}/{now.day}", font=sans(15), fill=(235, 235, 235),
           anchor="rm")
    photo = _desk_photo_of_screen(screen, rng)
    f = fam._fields(person.name, None, company, pay.gross, pay.paid if dated else None)
    return [photo], fam.Facts(SLIP, f, tampered=tamper,
                              extra={**fam._slip_extra(pay), "pay_date_shown": dated,
                                     "taskbar_date": f"{now:%Y-%m-%d}",
                                     "period_shown": fam.fmt_month(pay.month, "dot")})


A5_LANDSCAPE = (1240, 874)
ADMIN_UNITS = ["自然资源局", "住房和城乡建设局", "市场监督管理局", "人力资源和社会保障局", "农业农村局", "交通运输局",
               "统计局", "应急管理局"]
PUBLIC_UNITS = ["第一中学", "实验小学", "第二中学", "中心幼儿园", "职业中等专业学校", "疾病预防控制中心", "图书馆"]


def slip_fiscal_flow(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """财政统发 工资单 of a 机关 or 事业单位 employee on a half sheet, items flowing row by row in 项目|金额 pairs."""
    # Three pairs to a row, 应发 items then 应发合计, a 代扣项目 band, deductions (职业年金 among them) then 代扣合计,
    # 实发金额 with its 大写. 发放年月 2026.09 and 统发批次 202609; the 预算单位 is the employer, the 财政局 that prints
    # and pays is not; 入卡日期 (the pay date) only sometimes, 打印日期 always (not the pay date).
    counties = [f"{c}市{dn}" for c, dn in unseen3.DISTRICTS] + [c for _, c in VILLAGE_COUNTIES if c.endswith("县")]
    county = rng.choice(counties)
    admin = rng.random() < 0.5
    unit = county + rng.choice(ADMIN_UNITS if admin else PUBLIC_UNITS)
    person = make_person(rng)
    month, paid = unseen4._recent_pay(rng, same_month=True)

    def amount(lo: int, hi: int) -> Decimal:
        return Decimal(rng.randrange(lo, hi, 10)) + (Decimal("0.5") if rng.random() < 0.15 else 0)

    if admin:
        category = rng.choice(["公务员", "公务员", "参照公务员法管理"])
        earnings = [("职务工资", amount(1000, 1900)), ("级别工资", amount(1000, 2800)),
                    ("工作性津贴", amount(1200, 2600)), ("生活性补贴", amount(700, 1400)),
                    ("奖励性补贴", amount(800, 2500)), ("改革性补贴", amount(300, 900))]
    else:
        category = rng.choice(["事业编制", "事业编制（专技）", "事业编制（管理）"])
        earnings = [("岗位工资", amount(1000, 2600)), ("薪级工资", amount(300, 2400)),
                    ("基础性绩效工资", amount(1500, 3500)), ("奖励性绩效工资", amount(500, 2500)),
                    ("提租补贴", amount(100, 300))]
        if "学" in unit or "幼儿园" in unit:
            earnings.insert(4, ("教龄津贴", Decimal(rng.choice([3, 5, 7, 10]))))
        if rng.random() < 0.4:
            earnings.append(("乡镇工作补贴", Decimal(rng.choice([300, 400, 500]))))
    gross = sum((v for _, v in earnings), Decimal(0))
    base = (gross * Decimal(rng.choice(["0.8", "0.85", "0.9"]))).quantize(Decimal(1))
    deductions = [("养老保险", _q(base * Decimal("0.08"))), ("职业年金", _q(base * Decimal("0.04"))),
                  ("医疗保险", _q(base * Decimal("0.02")))]
    if not admin:
        deductions.append(("失业保险", _q(base * Decimal("0.005"))))
    deductions.append(("住房公积金", (base * Decimal("0.12")).quantize(Decimal(1))))
    if rng.random() < 0.5:
        deductions.append(("工会会费", _q(earnings[0][1] * Decimal("0.005"))))
    withheld = sum((v for _, v in deductions), Decimal(0))
    tax = fam._tax(gross - withheld - 5000)
    deductions.append(("个人所得税", tax))
    total_ded = withheld + tax
    net = gross - total_ded
    s = fam.make_style(rng, sizes=(20, 22), serif_p=0.35)
    w, h = A5_LANDSCAPE
    page, d = fam.blank_page((w, h))
    x = rng.randint(44, 60)
    tw = w - 2 * x
    small = s.f(17)
    printed = min(paid + dt.timedelta(days=rng.randint(2, 40)), fam.TODAY - dt.timedelta(days=1))
    y = 34
    d.text((x, y), f"{county}财政局　工资统发系统", font=small, fill=GREY)
    d.text((w - x, y), f"打印日期：{day_text(printed, rng.choice(['iso', 'dot0', 'slash0']))}", font=small, fill=GREY,
           anchor="ra")
    y += 38
    title = rng.choice(["工资发放明细单", "个人工资清单", "财政统发工资条"])
    d.text((w / 2, y), title, font=s.f(32, bold=True), fill=INK, anchor="ma")
    y += 58
    code = f"{rng.randint(100, 999)}{rng.randint(100, 999):03d}"
    id_full = rng.random() < 0.4
    bank = rng.choice(["中国农业银行", "中国建设银行", "中国工商银行", "农村商业银行", "中国邮政储蓄银行"])
    card = fam.card_number(rng, True)
    info = [(f"预算单位：{code} {unit}", f"发放年月：{fam.fmt_month(month, 'dot')}"),
            (f"人员编号：{rng.randint(10**7, 10**8 - 1)}", f"姓　　名：{person.name}"),
            (f"人员类别：{category}", f"统发批次：{month:%Y%m}-{rng.randint(1, 3):02d}"),
            (f"身份证号：{person.id_number if id_full else fam.mask_id(person.id_number)}", f"工资卡号：{card}")]
    cf = s.f()
    half = tw * 0.6
    for left, right_text in info:
        d.text((x, y), left, font=fit(left, cf, half - 20), fill=INK)
        d.text((x + half, y), right_text, font=fit(right_text, cf, tw - half), fill=INK)
        y += int(cf.size * 1.6)
    y += 8
    widths = _px([1.25, 1, 1.25, 1, 1.25, 1], tw)
    rh = rng.randint(42, 46)
    bf = s.f(bold=True)
    shade = rng.choice([(236, 236, 236), (232, 238, 246), (244, 238, 226)])

    def band(text: str) -> None:
        nonlocal y
        y = fam.table(d, x, y, [tw], [[text]], bf, rh, head=bf, head_fill=shade)

    def flow(items: list[tuple[str, Decimal]], total: tuple[str, Decimal]) -> None:
        nonlocal y
        cells_: list[fam.Cell] = []
        for k, v in items:
            cells_ += [k, s.num(v)]
        cells_ += [total[0], s.num(total[1])]
        while len(cells_) % 6:
            cells_.append("")
        rows = [cells_[i:i + 6] for i in range(0, len(cells_), 6)]
        y = fam.table(d, x, y, widths, rows, cf, rh, head_rows=0, aligns="lrlrlr")
        last = rows[-1]
        k = last.index(total[0])
        bx = x + sum(widths[:k])
        d.rectangle((bx, y - rh, bx + widths[k] + widths[k + 1], y), fill=None, outline=INK, width=3)

    gross_label = rng.choice(["应发合计", "应发工资", "应发小计"])
    band(rng.choice(["应发项目", "一、应发项目"]))
    flow(earnings, (gross_label, gross))
    band(rng.choice(["代扣项目", "二、代扣项目", "代扣代缴项目"]))
    flow(deductions, ("代扣合计", total_ded))
    net_label = rng.choice(["实发金额", "实发工资", "实发合计"])
    words = f"{s.num(net)}（大写：{fam.to_words(net)}）"
    y = fam.table(d, x, y, [widths[0], tw - widths[0]], [[net_label, words]], bf, rh + 4, head_rows=0, aligns="ll")
    y += 18
    dated = rng.random() < 0.5
    foot = f"入卡日期：{day_text(paid, rng.choice(['dot0', 'iso', 'compact']))}　　" if dated else ""
    foot += f"经办人：{fam.person_name(rng)}　　审核：{fam.person_name(rng)}"
    d.text((x, y), foot, font=s.f(s.size - 2), fill=INK)
    y += 36
    d.text((x, y), f"注：本单据由财政工资统发系统生成，工资已由{bank}直接划入个人工资卡。", font=s.f(16), fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.55:
        fam.seal(d, w - x - rng.randint(110, 200), min(y + 24, h - 100), rng.randint(80, 90), unit)
        seals = (1,)
    pay = fam.Pay(month, earnings, gross, deductions[0][1], deductions[2][1], Decimal(0),
                  next(v for k, v in deductions if k == "住房公积金"), tax, paid)
    f = fam._fields(person.name, person.id_number if id_full else None, unit, gross, paid if dated else None)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={**fam._slip_extra(pay), "net_pay": float(net), "printed": printed.isoformat(),
                                    "pay_date_shown": dated, "employer_is": "预算单位 (not the 财政局 that prints)",
                                    "category": category})


# ------------------------------------------------------------------------- 银行流水 (bank statements)


def _statement(rng: random.Random, tamper: str | None, banks: list[str], build: Build, marks: tuple[str, ...],
               dates: tuple[str, ...], months: tuple[int, int] = (3, 5), per_month: tuple[int, int] = (3, 7),
               id_modes: tuple[str, ...] = ("full", "masked", "none"), max_pages: int = 5,
               whole_months: bool = False) -> tuple[list[Image.Image], fam.Facts]:
    """A statement for one invented person (unseen4's driver; whole_months ends it on a month's last day and starts
    it on a first, as monthly statements run). A statement over max_pages pages is drawn again over fewer months."""
    person, company, bank = make_person(rng), rng.choice(fam.EMPLOYERS), rng.choice(banks)
    if whole_months:
        end = fam.month_end(fam.add_months(dt.date(fam.TODAY.year, fam.TODAY.month, 1), -rng.choice([2, 2, 3])))
        printed_day = end + dt.timedelta(days=rng.randint(3, 25))
    else:
        end = fam.TODAY - dt.timedelta(days=rng.randint(3, 25))
        printed_day = end + dt.timedelta(days=rng.randint(0, 2))
    printed = dt.datetime.combine(printed_day, dt.time(rng.randint(8, 20), rng.randrange(60), rng.randrange(60)))
    mark = rng.choice(marks)
    id_mode = rng.choice(id_modes)
    s = fam.make_style(rng, dates=dates, serif_p=0.1)
    bonus, reimburse = rng.random() < 0.5, rng.random() < 0.3
    n_months = rng.randint(*months)
    offset = 0 if whole_months or rng.random() >= 0.4 else rng.randint(1, 20)
    account = fam.card_number(rng, False).replace(" ", "")
    state = rng.getstate()
    while True:
        rng.setstate(state)
        start = fam.add_months(dt.date(end.year, end.month, 1), -(n_months - 1)) + dt.timedelta(days=offset)
        txs = fam.transactions(rng, company, start, end, mark, bonus, reimburse, per_month)
        acct = Acct(person, company, bank, start, end, printed, id_mode, mark, account, tamper != "seal", s)
        drawn = build(rng, acct, txs)
        if len(drawn.pages) <= max_pages or n_months <= 2:
            break
        n_months -= 1
    shown_all = [t for page in drawn.shown for t in page]
    id_number = person.id_number if id_mode == "full" else None
    f = fam._fields(person.name, id_number, None, fam.salary_mean(shown_all), drawn.print_date)
    first = None
    if len(drawn.pages) > 1:
        first = fam._fields(person.name, id_number, None, fam.salary_mean(drawn.shown[0]),
                            drawn.print_date if drawn.print_on_first else None)
    info = {"bank": bank, "salary_by_month": fam.salary_by_month(shown_all), "salary_mark": mark, "id_shown": id_mode,
            "rows": len(shown_all), "rows_per_page": [len(t) for t in drawn.shown],
            "print_date_on_page_1": drawn.print_on_first,
            "salary_by_month_page_1": fam.salary_by_month(drawn.shown[0]) if drawn.shown else {}}
    return drawn.pages, fam.Facts(STMT, f, first, drawn.seal_pages, None, tamper, info)


def _room(y: int, left: int, row_h: int, bottom: int = PAGE_H - 160, reserve: int = 280) -> int:
    """How many rows go on a page: as many as fit, except that the last page keeps room under its rows for the
    bank's seal (the rows that would crowd it go over to one more page)."""
    room = max(1, (bottom - y) // row_h)
    if left <= room and y + left * row_h + reserve > bottom + 30:
        room = max(1, min(left - 1, (bottom + 30 - reserve - y) // row_h))
    return room


def _masked_name(name: str) -> str:
    return name[0] + "*" + name[2:] if len(name) > 2 else name[0] + "*"


def _digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randrange(10)) for _ in range(n - 1))


APP_PROOFS = {"微信支付": ("财付通支付科技有限公司", (7, 170, 80)),
              "支付宝": ("支付宝（中国）网络技术有限公司", (22, 119, 255))}
SPEND_DESCS = {"消费", "快捷支付", "网上支付", "POS消费", "缴费"}
OUT_TRANSFERS = {"转账支出", "手机银行转账", "网银转账"}
REPAYMENTS = {"信用卡还款", "贷款还款", "按揭还款"}
GOODS = {"美团": "美团外卖订单", "淘宝": "淘宝购物", "京东商城": "京东订单", "永辉超市": "超市购物",
         "中国石化加油站": "加油", "滴滴出行": "快车行程", "拼多多": "拼多多订单", "国家电网": "电费缴纳",
         "中国移动": "话费充值", "华润万家": "超市购物", "携程旅行": "机票订单"}


def stmt_payment_app_proof(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """WeChat Pay or Alipay 交易明细证明 on landscape pages: the holder named only in the opening sentence."""
    # WeChat: 交易单号 | 交易时间 | 交易类型 | 收/支/其他 | 交易方式 | 金额(元) | 交易对方 | 商户单号; wages come as
    # 商家转账 from the employer (known only by the payer); the 出具日期 and the 业务凭证专用章 close the last page.
    # Alipay: 收/支 | 交易对方 | 商品说明 | 收/付款方式 | 金额 | 交易订单号 | 商家订单号 | 交易时间 (the time last),
    # wages named in 商品说明, 开具时间 under the opening sentence. People as payees are masked (张*伟).
    platform = rng.choice(list(APP_PROOFS))
    operator, colour = APP_PROOFS[platform]
    wechat = platform == "微信支付"

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        size = (PAGE_H, PAGE_W)
        w, h = size
        x = rng.randint(50, 64)
        tw = w - 2 * x
        fs = rng.randint(17, 18)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        card = f"{rng.choice(fam.BANKS)}储蓄卡({c.account[-4:]})"
        methods_out = ["零钱", "零钱", card, "零钱通"] if wechat else ["余额", "余额宝", "花呗", card]

        def when(t: fam.Tx) -> str:
            return f"{t.when:%Y-%m-%d %H:%M:%S}"

        rows: list[list[fam.Cell]] = []
        for t in txs:
            from_employer = t.party == c.company and t.amount > 0
            amount = fam.money(abs(t.amount), False)
            number = f"{t.when:%Y%m%d}" + _digits(rng, 20) if wechat else f"{t.when:%Y%m%d}2200" + _digits(rng, 16)
            merchant_no = "/"
            if from_employer:
                kind, way, method, party = "商家转账", "收入", "/", c.company
                if c.mark == "memo":
                    goods = t.memo or "转账"
                elif c.mark == "desc":
                    goods = t.desc
                else:
                    goods = "转账"
                merchant_no = f"{rng.randint(10**9, 10**10 - 1)}{t.when:%Y%m%d}{rng.randint(1000, 9999)}"
            elif t.desc in SPEND_DESCS or t.desc.startswith("POS"):
                party = t.party.split("-")[-1]
                kind, way, method, goods = "商户消费", "支出", rng.choice(methods_out), GOODS.get(party, "订单支付")
                merchant_no = "".join(rng.choice("0123456789ABCDEF") for _ in range(rng.choice([18, 24, 32])))
            elif t.desc in OUT_TRANSFERS:
                party = _masked_name(t.party) if t.party else "/"
                kind, way, method, goods = "转账", "支出", rng.choice(methods_out[:2]), t.memo or "转账"
            elif t.desc in REPAYMENTS:
                kind, way, party, goods = "信用卡还款", "支出" if wechat else "不计收支", t.party, "信用卡还款"
                method = rng.choice(methods_out[:2])
            elif t.desc == "ATM取款":
                kind, way = ("零钱提现", "其他") if wechat else ("提现", "不计收支")
                method, party, goods = ("零钱" if wechat else "余额"), card, "提现"
            elif t.desc == "退款":
                kind, way, method, party, goods = "退款", "收入", "/", t.party.split("-")[-1], "退款"
            elif t.desc == "结息":
                kind, way = ("零钱通收益", "收入") if wechat else ("收益发放", "不计收支")
                method, party, goods = "/", ("零钱通" if wechat else "余额宝"), "收益发放"
            elif t.amount > 0:
                firm = t.party.endswith(("公司", "集团"))
                party = _masked_name(t.party) if t.party and not firm else (t.party or "/")
                kind, way, method, goods = "转账", "收入", "/", t.memo or "转账"
            else:
                kind, way, method, party, goods = "转账", "支出", rng.choice(methods_out), t.party or "/", "转账"
            if wechat:
                rows.append([number, when(t), kind, way, method, amount, party, merchant_no])
            else:
                rows.append([way, party, goods, method, amount, number, merchant_no, when(t)])
        if wechat:
            cols = ["交易单号", "交易时间", "交易类型", "收/支/其他", "交易方式", "金额(元)", "交易对方", "商户单号"]
            widths = _px([2.45, 1.55, 0.95, 0.85, 1.65, 0.95, 2.2, 2.3], tw)
            aligns = "lcccl" + "r" + "ll"
        else:
            cols = ["收/支", "交易对方", "商品说明", "收/付款方式", "金额", "交易订单号", "商家订单号", "交易时间"]
            widths = _px([0.75, 2.2, 1.45, 1.7, 0.95, 2.45, 2.3, 1.55], tw)
            aligns = "cllcrllc"
        row_h = int(fs * 2.0)
        closing_h = 370
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        i = 0
        ident = c.id_text() if c.id_mode != "none" else ""
        while i < len(rows) or not pages:
            page, d = fam.blank_page(size)
            page.paste((255, 255, 255), (0, 0, w, h))
            y = 50
            if not pages:
                d.ellipse((x, y, x + 40, y + 40), fill=colour)
                d.text((x + 20, y + 20), "微" if wechat else "支", font=fam.font(fam.SANS_BOLD, 22),
                       fill=(255, 255, 255), anchor="mm")
                d.text((x + 52, y + 20), platform, font=fam.font(fam.SANS_BOLD, 26), fill=colour, anchor="lm")
                number = f"{c.printed:%Y%m%d}{_digits(rng, 10)}"
                d.text((w - x, y + 20), f"编号：{number}", font=fam.font(fam.SANS, 17), fill=GREY, anchor="rm")
                y += 60
                title = "微信支付交易明细证明" if wechat else "支付宝交易流水证明"
                d.text((w / 2, y), title, font=fam.font(fam.SANS_BOLD, 36), fill=INK, anchor="ma")
                y += 74
                pf = fam.font(fam.SANS, 21)
                if wechat:
                    wxid = "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789") for _ in range(14))
                    lines = [f"兹证明：{c.person.name}（居民身份证：{ident}）在其微信号：{wxid} 中的交易明细信息如下："
                             if ident else f"兹证明：{c.person.name} 在其微信号：{wxid} 中的交易明细信息如下：",
                             f"交易明细对应时间段：{c.start:%Y-%m-%d} 00:00:00 至 {c.end:%Y-%m-%d} 23:59:59"]
                else:
                    login = f"{mobile(rng)[:3]}******{rng.randint(10, 99)}"
                    who = f"{c.person.name}（证件号码：{ident}）" if ident else f"{c.person.name} "
                    lines = [f"兹证明：{who}在支付宝的账户 {login} 于{c.start:%Y-%m-%d}至{c.end:%Y-%m-%d}期间的交易流水"
                             "如下：",
                             f"开具时间：{c.printed:%Y-%m-%d %H:%M:%S}　　交易笔数：{len(rows)}笔"]
                for ln in lines:
                    d.text((x, y), ln, font=fit(ln, pf, tw), fill=INK)
                    y += 38
                y += 10
            y = fam.table(d, x, y, widths, [cols], cf, int(fs * 2.2), head=bf, head_fill=(240, 242, 245),
                          line=(150, 150, 150), lw=1)
            chunk = rows[i:i + _room(y, len(rows) - i, row_h, h - 110, closing_h)]
            if chunk:
                y = fam.table(d, x, y, widths, chunk, cf, row_h, head_rows=0, aligns=aligns, line=(150, 150, 150), lw=1)
            pages.append((page, d, y, txs[i:i + len(chunk)]))
            i += len(chunk)
        page, d, y, _ = pages[-1]
        if y + closing_h > h - 90:
            page, d = fam.blank_page(size)
            page.paste((255, 255, 255), (0, 0, w, h))
            y = 60
            pages.append((page, d, y, []))
        sf = fam.font(fam.SANS, 18)
        note = ("说明：1. 本证明所列交易明细以微信支付系统记录为准；2. 收/支/其他为“其他”的交易不计入收支；3. 本证明仅"
                "证明该账户在上述期间的交易情况。" if wechat else
                "说明：1. 本证明所列交易流水以支付宝系统记录为准；2. “不计收支”的交易不计入收支统计；3. 本证明经电子"
                "签章后有效。")
        y = fam.paragraphs(d, x, y + 24, tw, [note], sf, indent=False, fill=GREY, leading=1.6)
        right = w - x - 60
        of = fam.font(fam.SANS, 22)
        oy = y + 210
        d.text((right, oy), operator, font=of, fill=INK, anchor="ra")
        if wechat:
            d.text((right, oy + 42), f"出具日期：{c.printed:%Y-%m-%d}", font=of, fill=INK, anchor="ra")
        n = len(pages)
        if c.sealed:
            r = rng.randint(96, 108)
            fam.seal(d, right - of.getlength(operator) / 2, oy - 0.72 * r, r, operator)
        for p, (_, dp, _, _) in enumerate(pages, start=1):
            dp.text((w / 2, h - 60), f"第 {p} 页 / 共 {n} 页", font=fam.font(fam.SANS, 16), fill=GREY, anchor="ma")
        return Drawn([pg for pg, _, _, _ in pages], [ch for _, _, _, ch in pages], c.printed.date(),
                     not wechat or n == 1, (n,) if c.sealed else ())

    marks = ("party",) if wechat else ("desc", "desc", "memo", "party")
    return _statement(rng, tamper, [platform], build, marks, ("iso",), months=(3, 5), per_month=(4, 8),
                      id_modes=("full", "full", "masked"))


CRDR_BANKS = {"平安银行": (236, 100, 20), "浦发银行": (0, 64, 128), "广发银行": (200, 20, 40),
              "中国光大银行": (100, 40, 140), "渤海银行": (0, 90, 160), "浙商银行": (190, 30, 40),
              "恒丰银行": (0, 100, 170)}


def stmt_crdr_newest(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Statement listing the newest transaction first, amounts and balances suffixed CR/DR, the date near the end."""
    # 序号 | 摘要 | 对方户名 | 交易金额 (8,500.00 CR / 120.50 DR) | 账户余额 (CR) | 交易日期 | 交易时间 | 渠道; zebra
    # rows without vertical rules; header fields three to a line, the print date among them. Page 1 holds the latest
    # weeks, so an image of it shows only the most recent salary months.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        colour = CRDR_BANKS[c.bank]
        x = rng.randint(56, 70)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(17, 19)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        ordered = list(reversed(txs))
        cols = ["序号", "摘要", "对方户名", "交易金额", "账户余额", "交易日期", "交易时间", "渠道"]
        widths = _px([0.5, 1.3, 2.6, 1.45, 1.5, 1.05, 0.9, 0.85], tw)
        spaced = rng.random() < 0.6

        def cr(v: Decimal) -> str:
            return f"{s.num(abs(v))}{' ' if spaced else ''}{'CR' if v >= 0 else 'DR'}"

        def cells(k: int, t: fam.Tx) -> list[fam.Cell]:
            desc = f"{t.desc} {t.memo}".strip() if c.mark == "memo" else t.desc
            return [str(k), desc, t.party, cr(t.amount), cr(t.balance), s.day(t.when.date()), f"{t.when:%H:%M:%S}",
                    t.channel or "柜面"]

        row_h, head_h = int(fs * 2.0), int(fs * 2.3)
        zebra = rng.choice([(243, 246, 250), (245, 245, 245), (250, 246, 238)])
        branch = unseen4._branch(rng, c.bank)
        fields = [("户名", c.person.name), ("账号", c.account), ("币种", "CNY 人民币"),
                  ("起始日期", s.day(c.start)), ("截止日期", s.day(c.end)), ("打印日期", s.day(c.printed.date()))]
        if c.id_mode != "none":
            fields.append(("证件号码", c.id_text()))
        fields += [("开户网点", branch), ("排序", "按交易时间倒序")]
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        i = 0
        while i < len(ordered) or not pages:
            page, d = fam.blank_page()
            y = 70
            if not pages:
                d.text((x, y), c.bank, font=fam.font(fam.SANS_BOLD, 32), fill=colour)
                title = rng.choice(["个人账户交易明细清单", "账户交易明细对账单", "活期账户交易明细"])
                d.text((right, y + 6), title, font=fam.font(fam.SANS_BOLD, 27), fill=INK, anchor="ra")
                y += 58
                d.line((x, y, right, y), fill=colour, width=3)
                y += 22
                hf = fam.font(fam.SANS, 19)
                third = tw / 3
                for k in range(0, len(fields), 3):
                    for j, (label, value) in enumerate(fields[k:k + 3]):
                        text = f"{label}：{value}"
                        d.text((x + j * third, y), text, font=fit(text, hf, third - 12), fill=INK)
                    y += 34
                y += 6
                legend = "注：金额后的 CR 表示贷记（存入），DR 表示借记（支出）；余额 CR 表示贷方余额。"
                d.text((x, y), legend, font=fit(legend, fam.font(fam.SANS, 17), tw), fill=GREY)
                y += 36
            d.line((x, y, right, y), fill=GRID, width=2)
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, grid="none")
            d.line((x, y, right, y), fill=GRID, width=1)
            chunk = ordered[i:i + _room(y, len(ordered) - i, row_h)]
            for k, t in enumerate(chunk):
                if k % 2:
                    d.rectangle((x, y, right, y + row_h), fill=zebra)
                y = fam.table(d, x, y, widths, [cells(i + k + 1, t)], cf, row_h, head_rows=0, aligns="cllrrccc",
                              grid="none")
            d.line((x, y, right, y), fill=GRID, width=2)
            pages.append((page, d, y, chunk))
            i += len(chunk)
        n = len(pages)
        for p, (_, d, y, _) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 100), f"Page {p} / {n}　　第{p}页 共{n}页", font=fam.font(fam.SANS, 17),
                   fill=GREY, anchor="ma")
            if p == n:
                d.text((x, y + 16), "*** 本清单结束 ***", font=fam.font(fam.SANS, 17), fill=GREY)
                if c.sealed:
                    cy = y + 150 if y + 270 < PAGE_H - 130 else PAGE_H - 250
                    fam.seal(d, right - rng.randint(150, 260), cy, rng.randint(105, 118), f"{branch}")
        return Drawn([pg for pg, _, _, _ in pages], [ch for _, _, _, ch in pages], c.printed.date(), True,
                     (n,) if c.sealed else ())

    return _statement(rng, tamper, list(CRDR_BANKS), build, ("desc", "desc", "memo", "party"),
                      ("iso", "compact", "slash"), months=(3, 5), per_month=(3, 7))


MARKED_BANKS = ["中国邮政储蓄银行", "中国民生银行", "兴业银行", "华夏银行", "中信银行"]
HIGHLIGHTERS = [(255, 236, 80), (168, 240, 140), (255, 176, 210), (150, 220, 255)]


def _highlight(page: Image.Image, box: tuple[float, float, float, float], colour: tuple[int, int, int],
               rng: random.Random) -> None:
    """A highlighter stroke over box, its ends and edges a little uneven; multiplied, as ink on paper."""
    x0, y0, x1, y1 = box
    layer = Image.new("RGB", page.size, (255, 255, 255))
    ld = ImageDraw.Draw(layer)
    x0 += rng.uniform(-14, 10)
    x1 += rng.uniform(-10, 16)
    tilt = rng.uniform(-3, 3)
    top = [(x0 + k * (x1 - x0) / 8, y0 + rng.uniform(-2, 3) + tilt * k / 8) for k in range(9)]
    bottom = [(x1 - k * (x1 - x0) / 8, y1 + rng.uniform(-3, 2) + tilt * (8 - k) / 8) for k in range(9)]
    ld.polygon(top + bottom, fill=colour)
    multiply(page, layer)


def stmt_highlighter_marked(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Bank statement the applicant marked by hand: salary rows highlighted (or circled) and labelled 工资."""
    # 交易日期 | 交易摘要 | 交易金额 (+/-) | 账户余额 | 对方户名 | 对方账号 | 渠道 in a grid narrowed to leave a margin;
    # the pen notes (工资, 9月工资, sometimes 奖金 beside a bonus) in that margin, a note at the top and sometimes the
    # holder's signature at the end. The salary is often marked only by the payer (摘要 转账存入).

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        x = rng.randint(50, 60)
        margin = rng.randint(120, 140)
        right = PAGE_W - margin
        tw = right - x
        fs = rng.randint(17, 18)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["交易日期", "交易摘要", "交易金额", "账户余额", "对方户名", "对方账号", "渠道"]
        widths = _px([1.1, 1.2, 1.15, 1.2, 2.75, 1.85, 0.85], tw)

        def cells(t: fam.Tx) -> list[fam.Cell]:
            desc = (t.memo or t.desc) if c.mark == "memo" else t.desc
            amount = ("+" if t.amount > 0 else "-") + s.num(abs(t.amount))
            return [s.day(t.when.date()), desc, amount, s.num(t.balance), t.party, t.account, t.channel or "柜面"]

        row_h, head_h = int(fs * 2.1), int(fs * 2.3)
        pen = rng.choice([fam.PEN, (200, 30, 30), (20, 20, 30)])
        style = rng.choice(["highlight", "highlight", "highlight", "circle"])
        colour = rng.choice(HIGHLIGHTERS)
        hs = rng.randint(26, 30)
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        marks: list[list[tuple[fam.Tx, int]]] = []
        i = 0
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            y = 80
            if not pages:
                title = f"{c.bank}{rng.choice(['个人账户交易明细', '活期账户交易明细', '借记卡交易明细'])}"
                d.text((PAGE_W / 2, y), title, font=fit(title, fam.font(fam.SANS_BOLD, 34), tw), fill=INK, anchor="ma")
                y += 72
                header = [("户名", c.person.name), ("账号", c.account), ("币种", "人民币")]
                if c.id_mode != "none":
                    header.append(("证件号码", c.id_text()))
                header += [("起止日期", fam._period(c.start, c.end, s)), ("打印日期", s.day(c.printed.date()))]
                hf = fam.font(fam.SANS, 20)
                for k in range(0, len(header), 2):
                    for j, (label, value) in enumerate(header[k:k + 2]):
                        text = f"{label}：{value}"
                        d.text((x + j * (tw // 2), y), text, font=fit(text, hf, tw // 2 - 10), fill=INK)
                    y += 36
                y += 14
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, head_fill=(236, 236, 236))
            chunk = txs[i:i + _room(y, len(txs) - i, row_h, PAGE_H - 170)]
            here: list[tuple[fam.Tx, int]] = []
            for t in chunk:
                here.append((t, y))
                y = fam.table(d, x, y, widths, [cells(t)], cf, row_h, head_rows=0, aligns="lcrrllc")
            pages.append((page, d, y, chunk))
            marks.append(here)
            i += len(chunk)
        n = len(pages)
        noted: list[str] = []
        for p, ((page, d, y, _), here) in enumerate(zip(pages, marks), start=1):
            d.text((PAGE_W / 2, PAGE_H - 100), f"第 {p} 页 共 {n} 页", font=fam.font(fam.SANS, 17), fill=GREY,
                   anchor="ma")
            for t, ty in here:
                if t.salary:
                    if style == "highlight":
                        _highlight(page, (x, ty + 3, right, ty + row_h - 3), colour, rng)
                    else:
                        ax = x + sum(widths[:2])
                        d.ellipse((ax - 6, ty - 4, ax + widths[2] + 8, ty + row_h + 4), outline=pen, width=3)
                    note = rng.choice(["工资", "工资", f"{fam.add_months(t.when.date(), -1).month}月工资", "工资√"])
                    noted.append(note)
                    hand(page, right + 12, ty + (row_h - hs) / 2 - 2, note, hs if len(note) < 4 else hs - 5, rng, pen)
                elif t.bonus and rng.random() < 0.6:
                    hand(page, right + 12, ty + (row_h - hs) / 2 - 2, "奖金", hs, rng, pen)
                    noted.append("奖金")
            if p == 1 and rng.random() < 0.6:
                hand(page, right - 300, 28, rng.choice(["工资卡流水", "近期工资流水", "已标注工资"]), 32, rng, pen)
            if p == n:
                d.text((x, y + 16), "—— 以下空白 ——", font=fam.font(fam.SANS, 17), fill=GREY)
                if c.sealed:
                    cy = y + 150 if y + 270 < PAGE_H - 130 else PAGE_H - 250
                    fam.seal(d, right - rng.randint(160, 260), cy, rng.randint(105, 118), f"{c.bank}业务")
                if rng.random() < 0.5 and y + 120 < PAGE_H - 150:
                    d.text((x, y + 70), "申请人确认：", font=fam.font(fam.SANS, 20), fill=INK)
                    scrawl(page, x + 130, y + 50, c.person.name, 40, rng, pen)
        return Drawn([pg for pg, _, _, _ in pages], [ch for _, _, _, ch in pages], c.printed.date(), True,
                     (n,) if c.sealed else ())

    return _statement(rng, tamper, MARKED_BANKS, build, ("party", "party", "memo", "desc"), ("iso", "slash", "dot"),
                      months=(3, 5), per_month=(3, 6))


ESTATEMENT_BANKS = {"交通银行": ((22, 52, 128), "95559"), "中信银行": ((200, 20, 40), "95558"),
                    "兴业银行": ((0, 56, 130), "95561"), "浦发银行": ((0, 64, 128), "95528"),
                    "中国光大银行": ((100, 40, 140), "95595"), "华夏银行": ((210, 20, 30), "95577")}


def stmt_monthly_estatements(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Monthly 借记卡电子对账单 for several whole months in one PDF, each month starting its own page."""
    # Every month: the bank's band, a greeting naming the holder, 户名/卡号/账单周期/生成日期, tiles 上期余额 |
    # 本期存入 | 本期支出 | 本期余额, then 交易日期 | 交易摘要 | 存入 | 支出 | 余额 | 对方户名 | 备注. Months oldest or
    # newest first; one 生成日期 on every page (the download). An image shows one month.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        colour, hotline = ESTATEMENT_BANKS[c.bank]
        x = rng.randint(64, 80)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(18, 19)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["交易日期", "交易摘要", "存入", "支出", "余额", "对方户名", "备注"]
        widths = _px([1.15, 1.25, 1.15, 1.1, 1.25, 2.3, 1.2], tw)
        row_h, head_h = int(fs * 2.05), int(fs * 2.3)
        masked = f"{c.account[:4]} **** **** {c.account[-4:]}"
        title = rng.choice(["借记卡电子对账单", "个人账户对账单", "借记卡月度对账单"])
        sir = "先生" if c.person.sex == "男" else "女士"
        months: list[dt.date] = []
        m = dt.date(c.start.year, c.start.month, 1)
        while m <= c.end:
            months.append(m)
            m = fam.add_months(m, 1)
        newest_first = rng.random() < 0.35
        opening: dict[dt.date, Decimal] = {}
        balance = txs[0].balance - txs[0].amount if txs else Decimal(rng.randrange(3000, 60000))
        by_month: dict[dt.date, list[fam.Tx]] = {mm: [] for mm in months}
        for t in txs:
            by_month[dt.date(t.when.year, t.when.month, 1)].append(t)
        for mm in months:
            opening[mm] = balance
            if by_month[mm]:
                balance = by_month[mm][-1].balance
        generated = f"{c.printed:%Y-%m-%d %H:%M}" if rng.random() < 0.5 else s.day(c.printed.date())
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        for mm in (list(reversed(months)) if newest_first else months):
            rows = by_month[mm]
            i = 0
            first = True
            while first or i < len(rows):
                page, d = fam.blank_page()
                page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
                d.rectangle((0, 0, PAGE_W, 96), fill=colour)
                d.text((x, 48), c.bank, font=fam.font(fam.SANS_BOLD, 32), fill=(255, 255, 255), anchor="lm")
                d.text((right, 48), title + ("" if first else "（续）"), font=fam.font(fam.SANS, 24),
                       fill=(255, 255, 255), anchor="rm")
                y = 128
                period = f"{mm:%Y/%m/%d} - {fam.month_end(mm):%Y/%m/%d}"
                if first:
                    hf = fam.font(fam.SANS, 21)
                    d.text((x, y), f"尊敬的{c.person.name}{sir}：", font=hf, fill=INK)
                    y += 38
                    intro = f"以下是您{mm.year}年{mm.month:02d}月的账户对账单，请核对。如有疑问，请致电{hotline}。"
                    d.text((x, y), intro, font=fam.font(fam.SANS, 19), fill=GREY)
                    y += 46
                    info = [["户　　名", c.person.name, "卡　　号", masked],
                            ["账单周期", period, "生成日期", generated]]
                    if c.id_mode != "none":
                        info.append(["证件号码", c.id_text(), "币　　种", "人民币"])
                    lw = int(tw * 0.14)
                    y = fam.table(d, x, y, [lw, tw // 2 - lw, lw, tw - tw // 2 - lw], info, fam.font(fam.SANS, 19), 40,
                                  head_rows=0, aligns="clcl", line=(180, 180, 180), lw=1)
                    y += 22
                    inc = sum((t.amount for t in rows if t.amount > 0), Decimal(0))
                    out = -sum((t.amount for t in rows if t.amount < 0), Decimal(0))
                    tiles = [("上期余额", opening[mm]), ("本期存入", inc), ("本期支出", out),
                             ("本期余额", opening[mm] + inc - out)]
                    tile_w = (tw - 36) / 4
                    for k, (label, value) in enumerate(tiles):
                        tx = x + k * (tile_w + 12)
                        d.rectangle((tx, y, tx + tile_w, y + 84), fill=(245, 246, 249), outline=(220, 222, 228))
                        d.text((tx + 16, y + 14), label, font=fam.font(fam.SANS, 18), fill=GREY)
                        d.text((tx + tile_w - 16, y + 48), s.num(value), font=fam.font(fam.SANS_BOLD, 24), fill=INK,
                               anchor="ra")
                    y += 108
                    d.text((x, y), "交易明细", font=fam.font(fam.SANS_BOLD, 21), fill=colour)
                    y += 38
                else:
                    d.text((x, y), f"户名：{c.person.name}　卡号：{masked}　账单周期：{period}　生成日期：{generated}",
                           font=fam.font(fam.SANS, 18), fill=INK)
                    y += 40
                y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, head_fill=(236, 238, 243), grid="rules")
                chunk = rows[i:i + _room(y, len(rows) - i, row_h)]
                if chunk:
                    y = fam.table(d, x, y, widths, [[s.day(t.when.date()), t.desc,
                                                     s.num(t.amount) if t.amount > 0 else "",
                                                     s.num(-t.amount) if t.amount < 0 else "", s.num(t.balance),
                                                     t.party, t.memo] for t in chunk], cf, row_h, head_rows=0,
                                  aligns="lcrrrll", grid="rules", line=(170, 170, 170), lw=1)
                else:
                    d.text((x, y + 16), "本期无交易", font=cf, fill=GREY)
                    y += 50
                pages.append((page, d, y, chunk))
                i += len(chunk)
                first = False
        n = len(pages)
        seal_page = None
        if c.sealed and rng.random() < 0.7:
            seal_page = n
            _, d, y, _ = pages[-1]
            cy = y + 140 if y + 260 < PAGE_H - 130 else PAGE_H - 240
            fam.seal(d, right - rng.randint(150, 240), cy, rng.randint(100, 112), f"{c.bank}电子对账单")
        for p, (_, d, _, _) in enumerate(pages, start=1):
            d.line((x, PAGE_H - 120, right, PAGE_H - 120), fill=(210, 210, 210), width=1)
            d.text((x, PAGE_H - 106), f"本对账单由{c.bank}系统生成，仅供参考。", font=fam.font(fam.SANS, 16), fill=GREY)
            d.text((right, PAGE_H - 106), f"第 {p} 页 / 共 {n} 页", font=fam.font(fam.SANS, 16), fill=GREY, anchor="ra")
        return Drawn([pg for pg, _, _, _ in pages], [ch for _, _, _, ch in pages], c.printed.date(), True,
                     (seal_page,) if seal_page else ())

    return _statement(rng, tamper, list(ESTATEMENT_BANKS), build, ("desc", "memo", "party"), ("iso", "slash", "dot"),
                      months=(3, 5), per_month=(4, 9), whole_months=True)


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen5_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_fund_centre_form, CERT, ("words", "seal")),
    _family(cert_university_office, CERT, ("words", "seal")),
    _family(cert_licence_attached, CERT, ("words", "seal")),
    _family(cert_village_committee, CERT, ("words", "seal")),
    _family(slip_thermal_kiosk, SLIP, ()),
    _family(slip_attendance_grid, SLIP, ("seal",)),
    _family(slip_monitor_photo, SLIP, ()),
    _family(slip_fiscal_flow, SLIP, ("seal",)),
    _family(stmt_payment_app_proof, STMT, ("seal",)),
    _family(stmt_crdr_newest, STMT, ("seal",)),
    _family(stmt_highlighter_marked, STMT, ("seal",)),
    _family(stmt_monthly_estatements, STMT, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen5 families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
