"""Seventh round of unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document that applicants upload to online lenders and each structurally different from every
family in income_families.py and income_families_unseen.py to income_families_unseen6.py. They were written without
reading the parsers, their tests or the benchmark, so that no parser was developed against them: use them for the
final figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen7 as unseen7
    doc = fam.make(unseen7.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
    data, suffix = fam.render(doc, "photo")                     # "scan" | "photo" | "pdf"
    want = fam.expected_for(doc, "photo")

Expected fields follow income_families.py exactly: name; id_number (None unless stated in full); employer (None
when not stated; None for statements); monthly_income in yuan (certificates: the monthly figure, 税前 when both
are given, annual / 12 when only a year is stated; payslips: 应发 gross of the most recent month; statements: the
mean over the months with salary credits of the salary credits in that month, page 1 only for an image);
issue_date (the letter's date; the payslip's pay date, or the date a multi-month table is dated; the statement's
print date; None when not stated). Judgement calls a family makes are recorded in Facts.extra. Every person,
employer, platform and amount is invented; bank names are real banks.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import random
from collections.abc import Callable
from dataclasses import replace
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
from sample_docs import income_families_unseen6 as unseen6

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
CENT = Decimal("0.01")
STAMP_RED = (206, 38, 46)
CITIES = unseen3.CITIES
scrawl = unseen3.scrawl
status_bar = unseen3.status_bar
watermark = unseen3.watermark
qr_code = unseen3.qr_code
mobile = unseen3.mobile
credit_code = unseen3.credit_code
hand = unseen2.hand
hand_width = unseen2.hand_width
cn_date = unseen1.cn_date
wan = unseen4.wan
Acct, Drawn = unseen4.Acct, unseen4.Drawn
statement = unseen5._statement
room = unseen5._room
px = unseen5._px
LENDERS = unseen6.LENDERS


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _seals(tamper: str | None, *pages: int) -> tuple[int, ...]:
    return () if tamper == "seal" else (pages or (1,))


def _words_delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice([100, 200, 300, 500, 1000, -200, -500, -1000]))


@functools.lru_cache(maxsize=128)
def cjk(path: str, size: int, index: int = 2) -> ImageFont.FreeTypeFont:
    """A Noto CJK face by collection index: 0 Japanese, 2 Simplified Chinese, 3 Traditional Chinese."""
    return ImageFont.truetype(path, size, index=index)


def tc(size: int, bold: bool = False, serif: bool = False) -> ImageFont.FreeTypeFont:
    """Traditional Chinese glyph forms (Noto CJK TC)."""
    if serif:
        return cjk(fam.SERIF_BOLD if bold else fam.SERIF, size, 3)
    return cjk(fam.SANS_BOLD if bold else fam.SANS, size, 3)


def jp(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Japanese glyph forms (Noto Sans CJK JP), for the kanji and kana of a Japanese-style form."""
    return cjk(fam.SANS_BOLD if bold else fam.SANS, size, 0)


def fit(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> ImageFont.FreeTypeFont:
    """The font (same face and collection index), made smaller until the text fits the width."""
    while fnt.size > 12 and fnt.getlength(text) > width:
        fnt = cjk(str(fnt.path), fnt.size - 1, getattr(fnt, "index", 2))
    return fnt


def _wrap_draw(d: ImageDraw.ImageDraw, x: float, y: float, width: float, text: str, fnt: ImageFont.FreeTypeFont,
               leading: float = 1.6, fill: tuple[int, int, int] = INK, indent: str = "") -> float:
    """Wrapped text (no paragraph indent unless given); returns the y under it."""
    step = int(fnt.size * leading)
    for line in fam.wrap(indent + text, fnt, width):
        d.text((x, y), line, font=fnt, fill=fill)
        y += step
    return y


def _stamp_layer(page: Image.Image, layer: Image.Image, at: tuple[int, int]) -> None:
    """Press an RGB stamp image (white = no ink) onto the page at its top left, multiplied like ink."""
    x, y = at
    box = (max(0, x), max(0, y), min(page.width, x + layer.width), min(page.height, y + layer.height))
    if box[2] <= box[0] or box[3] <= box[1]:
        return
    part = layer.crop((box[0] - x, box[1] - y, box[2] - x, box[3] - y))
    page.paste(ImageChops.multiply(page.crop(box), part), box[:2])


def name_stamp(page: Image.Image, cx: float, cy: float, name: str, rng: random.Random, size: int = 50,
               round_: bool = False) -> None:
    """A personal name stamp (私章 / 名章, or a round Japanese-style 印鑑 when round_): a square of two to four
    characters read top-right first, or one surname in a small ring. Not an institution's seal."""
    k = 4
    img = Image.new("RGB", (size * k, size * k), (255, 255, 255))
    d = ImageDraw.Draw(img)
    red = (rng.randint(196, 214), rng.randint(30, 50), rng.randint(38, 56))
    w = size * k
    if round_:
        d.ellipse((6, 6, w - 6, w - 6), outline=red, width=4 * k // 2)
        f = fam.font(fam.SERIF_BOLD, int(w * 0.55))
        d.text((w / 2, w / 2), name[0], font=f, fill=red, anchor="mm")
    else:
        d.rectangle((6, 6, w - 6, w - 6), outline=red, width=5 * k // 2)
        chars = list(name) + (["印"] if len(name) == 3 else ["之", "印"] if len(name) == 2 else [])
        chars = chars[:4]
        f = fam.font(fam.SERIF_BOLD, int(w * 0.36))
        # read right column top to bottom, then the left column
        spots = [(0.72, 0.3), (0.72, 0.72), (0.28, 0.3), (0.28, 0.72)]
        for ch, (fx, fy) in zip(chars, spots):
            d.text((w * fx, w * fy), ch, font=f, fill=red, anchor="mm")
    img = img.resize((size, size), Image.LANCZOS).rotate(rng.uniform(-8, 8), resample=Image.BICUBIC,
                                                          fillcolor=(255, 255, 255))
    gen = np.random.default_rng(rng.randrange(1 << 30))
    arr = np.asarray(img).astype(np.float32)
    fade = gen.uniform(0.55, 1.0, arr.shape[:2])[..., None]
    arr = 255 - (255 - arr) * fade
    _stamp_layer(page, Image.fromarray(arr.clip(0, 255).astype(np.uint8)), (int(cx - size / 2), int(cy - size / 2)))


def pen_text(page: Image.Image, cx: float, cy: float, text: str, size: int, rng: random.Random,
             colour: tuple[int, int, int]) -> None:
    """A short run (two digits, a letter pair) written by hand in one stroke: even size, a slight common slant,
    centred on (cx, cy)."""
    f = fam.font(fam.SANS, size)
    w = int(f.getlength(text)) + size
    layer = Image.new("RGBA", (w, 2 * size), (0, 0, 0, 0))
    ImageDraw.Draw(layer).text((w / 2, size), text, font=f, fill=(*colour, 235), anchor="mm")
    layer = layer.transform(layer.size, Image.AFFINE, (1, 0.12, -0.12 * size, 0, 1, 0), resample=Image.BICUBIC)
    layer = layer.rotate(rng.uniform(-4, 4), resample=Image.BICUBIC)
    page.paste(layer, (int(cx - w / 2), int(cy - size)), layer)


def _kv_rows(d: ImageDraw.ImageDraw, x: int, y: int, widths: tuple[int, int], rows: list[tuple[str, str]],
             lf: ImageFont.FreeTypeFont, vf: ImageFont.FreeTypeFont, line: tuple[int, int, int] = GRID,
             label_fill: tuple[int, int, int] | None = (244, 244, 244), pad: int = 14) -> int:
    """A two-column label | value table whose value cells wrap onto as many lines as they need."""
    lw, vw = widths
    step = int(vf.size * 1.5)
    for label, value in rows:
        lines = fam.wrap(value, vf, vw - 2 * pad)
        h = max(int(lf.size * 2.2), step * len(lines) + 2 * pad - (step - vf.size) + 6)
        if label_fill:
            d.rectangle((x, y, x + lw, y + h), fill=label_fill)
        d.rectangle((x, y, x + lw, y + h), outline=line, width=2)
        d.rectangle((x + lw, y, x + lw + vw, y + h), outline=line, width=2)
        d.text((x + lw / 2, y + h / 2), label, font=fit(label, lf, lw - 2 * pad), fill=INK, anchor="mm")
        ty = y + (h - step * len(lines) + (step - vf.size)) / 2 - 2
        for ln in lines:
            d.text((x + lw + pad, ty), ln, font=vf, fill=INK)
            ty += step
        y += h
    return y


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


OFFER_FIRMS = [("云帆", "杭州云帆网络科技有限公司", "YUNFAN NETWORK", (0, 110, 220)),
               ("知行", "北京知行互动科技有限公司", "ZHIXING INTERACTIVE", (230, 90, 30)),
               ("橙序", "上海橙序信息技术有限公司", "CHENGXU TECH", (240, 125, 0)),
               ("深澜", "深圳深澜数据科技有限公司", "SHENLAN DATA", (20, 60, 140)),
               ("拾光", "成都拾光文化传媒有限公司", "SHIGUANG MEDIA", (160, 40, 90)),
               ("万象", "广州万象智联科技有限公司", "WANXIANG IOT", (0, 140, 120)),
               ("启元", "南京启元生物医药有限公司", "QIYUAN BIOPHARMA", (40, 120, 60)),
               ("鲸算", "武汉鲸算智能科技有限公司", "JINGSUAN AI", (60, 70, 180))]
OFFER_JOBS = [("研发中心", "高级Java开发工程师"), ("产品部", "产品经理"), ("算法部", "算法工程师"),
              ("市场部", "品牌经理"), ("运营中心", "用户运营专员"), ("设计中心", "UI设计师"), ("财务部", "财务主管"),
              ("销售部", "大客户经理"), ("质量部", "测试工程师"), ("人力资源部", "招聘专员"), ("数据部", "数据分析师")]
CN_ORDINALS = "一二三四五六七八九十"


def cert_offer_letter(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 录用通知书 (offer letter) uploaded as proof of income: the employer's logo and name, the offer terms as a
    numbered list or a 项目 | 内容 table (the pay in one clause among post, place, start date and benefits), the HR
    department's seal and date, and the candidate's signed 回执 at the foot."""
    # The title does not say 收入证明. The monthly income is the 月度固定工资 (税前) after probation: the probation
    # wage, the 13th-to-16th-month pay and the annual package (年度总薪酬, when shown) are not the monthly figure. The
    # issue date is the offer's date under the seal; the candidate's handwritten acceptance date and the 报到日期 are
    # not. The ID number is in the salutation paragraph only sometimes.
    brand, company, en_brand, colour = rng.choice(OFFER_FIRMS)
    person = unseen6._worker(rng, 50)
    dept, job = rng.choice(OFFER_JOBS)
    monthly = Decimal(rng.randrange(80, 460) * 100)
    words_amount = monthly + (_words_delta(rng) if tamper == "words" else 0)
    report = fam.TODAY - dt.timedelta(days=rng.randint(45, 330))
    issue = report - dt.timedelta(days=rng.randint(12, 35))
    reply_by = issue + dt.timedelta(days=rng.randint(4, 8))
    accepted = issue + dt.timedelta(days=rng.randint(1, (reply_by - issue).days))
    probation = rng.choice([3, 3, 6, 2])
    ratio = rng.choice(["0.8", "0.8", "0.9", "1"])
    probation_pay = (monthly * Decimal(ratio)).quantize(Decimal(100))
    months_paid = rng.choice([12, 13, 13, 14, 15, 16])
    s = fam.make_style(rng, sizes=(24, 27), serif_p=0.3, dates=("cn", "cn", "cn0", "iso"))
    body = s.f()
    x = rng.randint(110, 140)
    right = PAGE_W - x
    tw = right - x
    page, d = fam.blank_page()
    page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
    y = 70
    d.rounded_rectangle((x, y, x + 66, y + 66), 14, fill=colour)
    d.text((x + 33, y + 33), brand[0], font=fam.font(fam.SANS_BOLD, 38), fill=(255, 255, 255), anchor="mm")
    d.text((x + 84, y + 2), brand, font=fam.font(fam.SANS_BOLD, 34), fill=colour)
    d.text((x + 84, y + 46), en_brand, font=fam.font(fam.SANS, 16), fill=GREY)
    d.text((right, y + 10), company, font=fam.font(fam.SANS, 19), fill=GREY, anchor="ra")
    d.text((right, y + 40), f"www.{en_brand.split()[0].lower()}-tech.example.cn", font=fam.font(fam.SANS, 16),
           fill=GREY, anchor="ra")
    y += 92
    d.line((x, y, right, y), fill=colour, width=3)
    y += 50
    title = rng.choice(["录用通知书", "入职邀请函", "录 用 通 知 书", "聘用通知书"])
    d.text((PAGE_W / 2, y), title, font=s.f(46, bold=True), fill=INK, anchor="ma")
    y += 66
    if rng.random() < 0.5:
        d.text((PAGE_W / 2, y), "OFFER LETTER", font=fam.font(fam.SANS, 20), fill=GREY, anchor="ma")
        y += 40
    y += 20
    honor = "先生" if person.sex == "男" else "女士"
    d.text((x, y), f"尊敬的{person.name}{honor}：", font=body, fill=INK)
    y += int(body.size * 1.9)
    with_id = rng.random() < 0.3
    ident = f"（身份证号码：{person.id_number}）" if with_id else ""
    intro = (f"感谢您对{company}的关注与信任。经过面试及综合评估，我们很高兴地通知您{ident}，您已被我公司正式录用。"
             "现将录用的相关事项通知如下：")
    y = fam.paragraphs(d, x, y, tw, [intro], body, leading=1.7)
    words_shown = tamper == "words" or rng.random() < 0.6
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整")])
    words = fam.to_words(words_amount, yuan, whole)
    amount = fam.money(monthly, s.thousands)
    fixed_label = rng.choice(["月度固定工资（税前）", "税前月薪", "月基本薪酬（税前）"])
    pay = f"{fixed_label}人民币{amount}元" + (f"（大写：{words}）" if words_shown else "")
    if ratio == "1":
        pay += "，试用期工资与转正后相同"
    else:
        pay += f"；试用期月工资为人民币{fam.money(probation_pay, s.thousands)}元"
    pay += (f"；全年按{months_paid}薪发放" if months_paid > 12 else "") + "；年终奖金根据公司经营业绩及个人绩效考核结果"
    pay += "另行核定。"
    package = rng.random() < 0.4
    if package:
        pay += f"年度总薪酬（税前，含{months_paid}薪）约人民币{wan(monthly * months_paid)}万元。"
    place = f"{rng.choice(CITIES)}市{rng.choice(['高新区', '滨江区', '经开区', '软件园', '科技园'])}公司办公区"
    items = [("职位", f"{job}（{dept}）"), ("工作地点", place),
             ("报到日期", f"{s.day(report)} 上午9:00，请至公司人力资源部报到"),
             ("合同期限", f"劳动合同期限{rng.choice([3, 3, 5])}年，其中试用期{probation}个月"),
             ("薪酬待遇", pay),
             ("福利待遇", "公司依法为您缴纳养老、医疗、失业、工伤、生育保险及住房公积金，并享有带薪年假、补充医疗保险、"
                          "节日福利等。"),
             ("报到材料", "身份证原件及复印件、学历学位证书原件、原单位离职证明、近期一寸免冠照片2张。")]
    if rng.random() < 0.5:
        y += 14
        step = int(body.size * 1.7)
        for k, (label, text) in enumerate(items):
            head = f"{CN_ORDINALS[k]}、{label}："
            hw = body.getlength(head)
            lines = fam.wrap(text, body, tw - hw - body.size)
            d.text((x + body.size, y), head, font=s.f(bold=True), fill=INK)
            for ln in lines:
                d.text((x + body.size + hw, y), ln, font=body, fill=INK)
                y += step
            y += 6
        layout = "numbered"
    else:
        y += 10
        y = _kv_rows(d, x, y, (int(tw * 0.2), tw - int(tw * 0.2)), items, s.f(bold=True), s.f(s.size - 1))
        layout = "table"
    y += 16
    y = fam.paragraphs(d, x, y, tw, [f"请您于{s.day(reply_by)}前在本通知书回执处签字确认并回传，逾期未确认视为您放弃"
                                     "本次录用。期待您的加入！"], body, leading=1.7)
    y += 40
    sign = [company, "人力资源部", s.day(issue)]
    sx = right - max(body.getlength(t) for t in sign) - 10
    for k, t in enumerate(sign):
        d.text((sx, y + k * int(body.size * 1.7)), t, font=body, fill=INK)
    if tamper != "seal":
        fam.seal(d, sx + body.getlength(company) * rng.uniform(0.4, 0.65), y + body.size * 1.6, rng.randint(112, 128),
                 company)
    y += 3 * int(body.size * 1.7) + 40
    note = rng.choice(["回　执", "候选人确认", "录用确认回执"])
    nf = fam.font(fam.SANS, 20)
    unseen6._dashed(d, x, PAGE_W / 2 - 90, y + 12)
    unseen6._dashed(d, PAGE_W / 2 + 90, right, y + 12)
    d.text((PAGE_W / 2, y), note, font=nf, fill=GREY, anchor="ma")
    y += 48
    y = fam.paragraphs(d, x, y, tw, ["本人已阅读并接受上述录用条件，将于约定日期按时报到。"], s.f(s.size - 1),
                       leading=1.7)
    y += 18
    sf = s.f(s.size - 1)
    d.text((x, y), "候选人签名：", font=sf, fill=INK)
    scrawl(page, x + sf.getlength("候选人签名："), y - 24, person.name, 38, rng)
    dx = x + tw * 0.55
    d.text((dx, y), "日期：", font=sf, fill=INK)
    a = accepted
    when = rng.choice([f"{a.year}.{a.month}.{a.day}", f"{a.year}/{a.month}/{a.day}", f"{a.year}年{a.month}月{a.day}日"])
    hand(page, dx + sf.getlength("日期：") + 8, y - 4, when, 30, rng, rng.choice([fam.PEN, (25, 25, 30)]))
    f = fam._fields(person.name, person.id_number if with_id else None, company, monthly, issue)
    extra = {"monthly_is": "月度固定工资 (税前) after probation", "probation_wage": float(probation_pay),
             "months_paid": months_paid, "annual_package_shown": package, "report_date": report.isoformat(),
             "accepted_by_hand": accepted.isoformat(), "issue_date_is": "the offer's date under the seal",
             "layout": layout, "words_shown": words_shown}
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1 if words_shown else None,
                             tampered=tamper, extra=extra)


GIG_PLATFORMS = [("快马配送", "上海快马信息科技有限公司", (255, 176, 0), "骑手", "即时配送服务", "KM", "完成单量"),
                 ("闪骑到家", "杭州闪骑网络科技有限公司", (0, 166, 230), "骑手", "同城配送服务", "SQ", "完成单量"),
                 ("顺途出行", "南京顺途出行科技有限公司", (20, 180, 120), "司机", "网约车客运服务", "ST", "完成订单"),
                 ("易达约车", "成都易达智行科技有限公司", (245, 96, 40), "司机", "网约车客运服务", "YD", "完成订单"),
                 ("速帮跑腿", "广州速帮信息技术有限公司", (226, 58, 70), "跑腿员", "同城跑腿服务", "SB", "完成单量")]


def cert_gig_platform(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Phone screenshot of a delivery or ride-hailing platform's in-app 服务者收入证明 (电子版): a coloured banner, the
    statement text with the month average and its 大写, a 月份 | 单量 | 收入 table, the platform company's electronic
    seal over 出具单位 and the 开具时间."""
    # The worker is not an employee (the text says so); the employer is the platform's operating company that issues
    # and seals the certificate. The monthly income is the stated 月均 (税前), the mean of the listed months to the
    # cent; the total is not. The ID number is masked half the time. The issue date is the 开具时间's date (the
    # phone's clock in the status bar is not a date).
    name, company, colour, role, service, code, unit = rng.choice(GIG_PLATFORMS)
    person = unseen6._worker(rng, 55)
    n = rng.choice([3, 6, 6, 6, 12])
    issue_dt = dt.datetime.combine(fam.TODAY - dt.timedelta(days=rng.randint(2, 40)),
                                   dt.time(rng.randint(8, 23), rng.randrange(60), rng.randrange(60)))
    issue = issue_dt.date()
    first_month = fam.add_months(dt.date(issue.year, issue.month, 1), -n)
    level = Decimal(rng.randrange(45, 150) * 100)
    per_order = Decimal(rng.choice(["6.8", "7.5", "8.2", "5.9"])) if role != "司机" else Decimal(rng.choice(["24", "28",
                                                                                                       "31"]))
    months = []
    for k in range(n):
        m = fam.add_months(first_month, k)
        income = _q(level * Decimal(rng.uniform(0.75, 1.25)) + Decimal(rng.randrange(100)) / 100)
        orders = int(income / per_order * Decimal(rng.uniform(0.93, 1.07)))
        months.append((m, orders, income))
    total = sum((v for _, _, v in months), Decimal(0))
    avg = _q(total / n)
    words_amount = avg + (_words_delta(rng) if tamper == "words" else 0)
    since = fam.add_months(first_month, -rng.randint(2, 30))
    masked = rng.random() < 0.5
    id_text = fam.mask_id(person.id_number) if masked else person.id_number
    w, h = 750, rng.choice([1624, 1624, 1700])
    page = Image.new("RGB", (w, h), (244, 245, 247))
    d = ImageDraw.Draw(page)
    sans, bold = fam.SANS, fam.SANS_BOLD
    d.rectangle((0, 0, w, 300), fill=colour)
    status_bar(d, w, rng, (255, 255, 255))
    d.text((34, 124), "‹", font=fam.font(sans, 52), fill=(255, 255, 255), anchor="lm")
    d.text((w / 2, 124), "收入证明", font=fam.font(bold, 32), fill=(255, 255, 255), anchor="mm")
    d.text((w - 34, 124), "···", font=fam.font(bold, 30), fill=(255, 255, 255), anchor="rm")
    d.text((40, 190), name, font=fam.font(bold, 40), fill=(255, 255, 255))
    d.text((40, 244), f"{role}收入证明 · 电子版 · 可在线验真", font=fam.font(sans, 22), fill=(255, 255, 255))
    card = (24, 296, w - 24, h - 130)
    d.rounded_rectangle(card, 20, fill=(255, 255, 255))
    x, right = 56, w - 56
    tw = right - x
    y = 318
    number = f"{code}{issue:%Y%m%d}{rng.randint(10**5, 10**6 - 1)}"
    d.text((x, y), f"证明编号：{number}", font=fam.font(sans, 19), fill=GREY)
    y += 50
    d.text((w / 2, y), "收 入 证 明", font=fam.font(bold, 36), fill=INK, anchor="ma")
    y += 66
    bf = fam.font(sans, rng.choice([23, 24]))
    thousands = rng.random() < 0.6
    text = (f"兹证明{person.name}（身份证号：{id_text}）自{since.year}年{since.month}月起在{name}平台注册成为{role}，"
            f"提供{service}，目前账号状态正常。根据平台结算记录，其近{n}个月在本平台获得的服务收入（税前）合计人民币"
            f"{fam.money(total, thousands)}元，月均收入人民币{fam.money(avg, thousands)}元（大写："
            f"{fam.to_words(words_amount)}）。明细如下：")
    y = _wrap_draw(d, x, y, tw, text, bf, leading=1.62, indent="　　")
    y += 10
    widths = px([1.3, 1, 1.5], tw)
    rows = [["月份", unit, "服务收入（元）"]]
    month_fmt = rng.choice(["cn", "iso", "dot"])
    rows += [[fam.fmt_month(m, month_fmt), str(o), fam.money(v, thousands)] for m, o, v in months]
    rows.append(["合计", str(sum(o for _, o, _ in months)), fam.money(total, thousands)])
    rh = 40 if n == 12 else 46
    tf = fam.font(sans, 21 if n == 12 else 22)
    head_fill = tuple(int(255 - (255 - c) * 0.16) for c in colour)
    y = fam.table(d, x, y, widths, rows, tf, rh, head=fam.font(bold, 21), aligns="ccr", line=(210, 210, 214), lw=1,
                  head_fill=head_fill)
    y += 18
    note = "注：本证明仅证明服务者在本平台获得的服务收入情况，平台与服务者之间为合作关系，不构成劳动关系。"
    y = _wrap_draw(d, x, y, tw, note, fam.font(sans, 18), leading=1.5, fill=GREY)
    y += 26
    sf = fam.font(sans, 22)
    issuer = f"出具单位：{company}"
    d.text((right, y), issuer, font=fit(issuer, sf, tw), fill=INK, anchor="ra")
    d.text((right, y + 40), f"开具时间：{issue_dt:%Y-%m-%d %H:%M:%S}", font=sf, fill=INK, anchor="ra")
    if tamper != "seal":
        fam.seal(d, right - rng.randint(110, 170), y + rng.randint(10, 40), rng.randint(82, 92), company)
    y += 96
    qr_code(d, x, y, 96, rng)
    d.text((x + 112, y + 16), "扫码或登录平台官网验证真伪", font=fam.font(sans, 18), fill=GREY)
    d.text((x + 112, y + 48), f"验证码：{rng.randint(10**7, 10**8 - 1)}", font=fam.font(sans, 18), fill=GREY)
    by = h - 108
    d.rounded_rectangle((24, by, w / 2 - 10, by + 76), 38, fill=(255, 255, 255), outline=colour, width=2)
    d.text((w / 4 + 7, by + 38), "下载PDF", font=fam.font(bold, 26), fill=colour, anchor="mm")
    d.rounded_rectangle((w / 2 + 10, by, w - 24, by + 76), 38, fill=colour)
    d.text((3 * w / 4 - 7, by + 38), "分享证明", font=fam.font(bold, 26), fill=(255, 255, 255), anchor="mm")
    f = fam._fields(person.name, None if masked else person.id_number, company, avg, issue)
    extra = {"employer_is": "the platform's operating company (出具单位); a service, not labour, relationship",
             "monthly_is": f"stated 月均 over {n} months (税前)", "months_total": float(total),
             "by_month": {f"{m:%Y-%m}": float(v) for m, _, v in months}, "id_masked": masked,
             "issue_time": issue_dt.isoformat(timespec="seconds")}
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper, extra=extra)


# Names and company names written with characters that are the same in simplified and traditional script, so that
# the expected strings do not depend on the script.
SAFE_SURNAMES = "王李林周徐朱胡郭何高梁宋唐曹彭曾田董潘袁蔡余杜程魏丁任沈姚"
SAFE_GIVEN = "芳娜秀英敏磊洋勇杰娟明超霞平桂建志文斌宇浩然子欣怡梓涵博雅思嘉琪俊晨"
TW_FIRMS = [("昆山嘉禾精密科技有限公司", "Kunshan Jiahe Precision Technology Co., Ltd."),
            ("福州永昌食品有限公司", "Fuzhou Yongchang Foods Co., Ltd."),
            ("中山富田精密科技有限公司", "Zhongshan Futian Precision Technology Co., Ltd."),
            ("上海台昇科技有限公司", "Shanghai Taisheng Technology Co., Ltd."),
            ("天津正新化工有限公司", "Tianjin Zhengxin Chemical Co., Ltd."),
            ("昆山宏泰包材有限公司", "Kunshan Hongtai Packaging Co., Ltd."),
            ("中山新昌五金有限公司", "Zhongshan Xinchang Hardware Co., Ltd."),
            ("上海和泰精密模具有限公司", "Shanghai Hetai Precision Mould Co., Ltd.")]
TW_POSTS = [("製造部", "組長"), ("品保部", "品管工程師"), ("管理部", "人資專員"), ("業務部", "業務專員"),
            ("研發部", "工程師"), ("資材部", "採購專員"), ("財務部", "會計"), ("生管部", "生管專員")]
TW_BANKS = ["中國工商銀行", "中國建設銀行", "中國銀行", "招商銀行", "交通銀行", "中國農業銀行"]
TO_TRAD = str.maketrans({"贰": "貳", "叁": "參", "陆": "陸", "万": "萬", "亿": "億", "圆": "圓"})


def _safe_person(rng: random.Random) -> generate.Person:
    person = unseen6._worker(rng)
    name = rng.choice(SAFE_SURNAMES) + "".join(rng.choice(SAFE_GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return replace(person, name=name)


def cert_traditional_form(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A Taiwanese-invested factory's 在職薪資證明書 in traditional characters: an ISO document-control grid (文件編號
    / 版次 / 生效日期) at the top, the pay items in a header row over a value row, 大寫 in traditional numerals,
    此致 the bank, the seal over 立證明書人, the date spread along the foot and a 核准 | 審核 | 承辦 sign-off box."""
    # The 生效日期 in the control grid is the form revision's date, not the issue date (the date line at the foot).
    # The monthly income is 月薪合計 (稅前); the 實領 figure, when shown, is after deductions. The name and the
    # company are written with characters common to both scripts; the seal carries the registered name.
    company, company_en = rng.choice(TW_FIRMS)
    person = _safe_person(rng)
    dept, title = rng.choice(TW_POSTS)
    issue = fam.TODAY - dt.timedelta(days=rng.randint(3, 60))
    since = dt.date(rng.randint(max(2006, person.birth.year + 19), issue.year - 1), rng.randint(1, 12),
                    rng.randint(1, 28))
    base = Decimal(rng.randrange(32, 180) * 100)
    items = [("本薪", base), ("職務加給", Decimal(rng.choice([0, rng.randrange(3, 30) * 100]))),
             ("全勤獎金", Decimal(rng.choice([200, 300, 400, 500]))),
             ("伙食津貼", Decimal(rng.choice([300, 390, 450, 600]))),
             ("交通津貼", Decimal(rng.choice([0, 0, 200, 300])))]
    items = [(k, v) for k, v in items if v]
    monthly = sum((v for _, v in items), Decimal(0))
    words_amount = monthly + (_words_delta(rng) if tamper == "words" else 0)
    serif = rng.random() < 0.65
    size = rng.randint(25, 28)
    body = tc(size, serif=serif)
    thousands = rng.random() < 0.7
    page, d = fam.blank_page()
    x = rng.randint(100, 125)
    right = PAGE_W - x
    tw = right - x
    y = rng.randint(70, 95)
    form_no = f"HR-F-{rng.randint(1, 60):03d}"
    revised = dt.date(rng.randint(2019, 2024), rng.randint(1, 12), 1)
    gh = 44
    cw = [int(tw * 0.52), int(tw * 0.16), tw - int(tw * 0.52) - int(tw * 0.16)]
    d.rectangle((x, y, right, y + 3 * gh), outline=INK, width=2)
    d.line((x + cw[0], y, x + cw[0], y + 3 * gh), fill=INK, width=2)
    d.line((x + cw[0] + cw[1], y, x + cw[0] + cw[1], y + 3 * gh), fill=INK, width=1)
    for k in (1, 2):
        d.line((x + cw[0], y + k * gh, right, y + k * gh), fill=INK, width=1)
    d.text((x + cw[0] / 2, y + gh * 1.05), company, font=fit(company, tc(30, bold=True), cw[0] - 30), fill=INK,
           anchor="mm")
    d.text((x + cw[0] / 2, y + gh * 2.15), company_en, font=fit(company_en, fam.font(fam.SANS, 17), cw[0] - 30),
           fill=GREY, anchor="mm")
    rev_how = rng.choice(["slash", "dot0", "iso"])
    for k, (label, value) in enumerate((("文件編號", form_no), ("版　　次", rng.choice(["A1", "A2", "B0", "C1"])),
                                        ("生效日期", unseen4.day_text(revised, rev_how)))):
        d.text((x + cw[0] + cw[1] / 2, y + k * gh + gh / 2), label, font=tc(19), fill=INK, anchor="mm")
        d.text((x + cw[0] + cw[1] + 14, y + k * gh + gh / 2), value, font=tc(19), fill=INK, anchor="lm")
    y += 3 * gh + 60
    d.text((PAGE_W / 2, y), rng.choice(["在職薪資證明書", "在職及薪資證明書", "薪 資 證 明 書"]), font=tc(46, bold=True,
                                                                                    serif=serif),
           fill=INK, anchor="ma")
    y += 76
    d.text((right, y), f"證明字號：{rng.choice(['人', '管'])}字第{issue.year}{rng.randint(1, 400):04d}號",
           font=tc(20), fill=GREY, anchor="ra")
    y += 46
    since_text = f"{since.year}年{since.month}月{since.day}日"
    text = (f"茲證明{person.name}君（身分證號碼：{person.id_number}），自{since_text}起任職於本公司{dept}，擔任{title}"
            "職務，現仍在職。其每月薪資結構（稅前）如下表所列：")
    y = fam.paragraphs(d, x, y, tw, [text], body, leading=1.8)
    y += 12
    head = [k for k, _ in items] + ["月薪合計"]
    vals = [fam.money(v, thousands) for _, v in items] + [fam.money(monthly, thousands)]
    widths = px([1] * len(head), tw)
    y = fam.table(d, x, y, widths, [head, vals], tc(22), [52, 58], head=tc(22, bold=True), aligns="c" * len(head),
                  head_fill=(240, 240, 240))
    d.text((right, y + 8), "幣別：人民幣　單位：元", font=tc(18), fill=GREY, anchor="ra")
    y += 50
    words = fam.to_words(words_amount, rng.choice(["元", "圆"]), "整").translate(TO_TRAD)
    paras = [f"月薪合計（稅前）人民幣{fam.money(monthly, thousands)}元，大寫：人民幣{words}。"]
    net_shown = rng.random() < 0.45
    if net_shown:
        net = (monthly * Decimal(rng.choice(["0.8", "0.83", "0.86"]))).quantize(Decimal(1))
        paras.append(f"扣除社會保險、住房公積金及個人所得稅後，每月實領約人民幣{fam.money(net, thousands, 0)}元。")
    purpose = rng.choice(["個人消費貸款", "信用卡", "個人住房貸款", "個人信用貸款"])
    paras.append(f"本證明書僅供{person.name}君申請{purpose}之用，不作其他用途。")
    y = fam.paragraphs(d, x, y, tw, paras, body, leading=1.8)
    y += 20
    d.text((x + 2 * size, y), "此　致", font=body, fill=INK)
    y += int(size * 1.8)
    d.text((x, y), rng.choice(TW_BANKS), font=body, fill=INK)
    y += int(size * 2.6)
    sx = x + int(tw * 0.36)
    d.text((sx, y), f"立證明書人：{company}", font=fit(f"立證明書人：{company}", body, right - sx), fill=INK)
    if tamper != "seal":
        fam.seal(d, sx + body.getlength("立證明書人：") + body.getlength(company) * rng.uniform(0.35, 0.6),
                 y + rng.randint(-10, 30), rng.randint(112, 128), company)
    y += int(size * 1.9)
    d.text((sx, y), "負　責　人：", font=body, fill=INK)
    scrawl(page, sx + body.getlength("負　責　人："), y - 22, rng.choice(SAFE_SURNAMES) + rng.choice(SAFE_GIVEN), 36,
           rng)
    y += int(size * 1.9)
    phone = fam.phone(rng)
    contact = f"聯絡電話：{phone}（管理部人資課）"
    d.text((sx, y), contact, font=fit(contact, body, right - sx), fill=INK)
    y = max(y + 110, PAGE_H - 330) if rng.random() < 0.5 else y + 120
    spread = "　".join([str(issue.year), "年", str(issue.month), "月", str(issue.day), "日"])
    if rng.random() < 0.4:
        spread = "公　元　" + spread
    d.text((PAGE_W / 2, y), spread, font=tc(size + 2, serif=serif), fill=INK, anchor="ma")
    y += 80
    bw, bh = 120, 40
    bx = right - 3 * bw
    for k, lab in enumerate(["核准", "審核", "承辦"]):
        d.rectangle((bx + k * bw, y, bx + (k + 1) * bw, y + bh), outline=INK, width=2)
        d.rectangle((bx + k * bw, y + bh, bx + (k + 1) * bw, y + bh + 70), outline=INK, width=2)
        d.text((bx + k * bw + bw / 2, y + bh / 2), lab, font=tc(20), fill=INK, anchor="mm")
        if rng.random() < 0.85:
            scrawl(page, bx + k * bw + 12, y + bh + 10, rng.choice(SAFE_SURNAMES) + rng.choice(SAFE_GIVEN), 28, rng)
    d.text((x, y + 20), f"{form_no}　保存期限：三年", font=tc(17), fill=GREY)
    f = fam._fields(person.name, person.id_number, company, monthly, issue)
    extra = {"script": "traditional", "form_revision_date_not_issue": revised.isoformat(), "net_shown": net_shown,
             "monthly_is": "月薪合計 (稅前)", "words_script": "traditional 大寫 (貳 參 陸 萬)"}
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper, extra=extra)


SOE_UNITS = ["{city}市第二建筑工程公司", "{county}县供销合作社联合社", "{city}市公共交通总公司", "{city}市自来水公司",
             "{county}县粮食购销有限公司", "国营{place}林场", "{city}市{district}区环境卫生管理所",
             "{city}市煤气公司", "{county}县农机修造厂", "{city}市第三运输公司"]
SOE_COUNTIES = ["临泉", "沭阳", "固始", "南部", "于都", "衡阳", "巨野", "滑县", "蒲城", "彭泽", "祁东", "丰城"]
SOE_PLACES = ["青峰", "黄岗", "白石岭", "红旗", "大青山", "松涛"]
SOE_POSTS = [("施工二队", "技术员"), ("办公室", "文书"), ("财务科", "会计"), ("运输队", "驾驶员"), ("供应科", "采购员"),
             ("调度室", "调度员"), ("保卫科", "干事"), ("生产科", "统计员"), ("营业所", "营业员"), ("机修车间", "钳工")]
PUNCT = set("，。、；：！？）」』》")


def _grid_cells(text: str) -> list[str]:
    """Text cut into the cells of 稿纸 as people write it: a character to a cell, digits and Latin letters two to a
    cell, punctuation in its own cell; "　" is an empty cell."""
    out: list[str] = []
    run = ""
    for ch in text:
        if ch.isascii() and ch not in " ":
            run += ch
            continue
        while run:
            out.append(run[:2])
            run = run[2:]
        out.append("" if ch == "　" else ch)
    while run:
        out.append(run[:2])
        run = run[2:]
    return out


def cert_manuscript_grid(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """An old state-owned or collective unit's 收入证明 written by hand on 400-cell 方格稿纸 (the unit's own printed
    paper or a plain pad): a character to a cell, digits two to a cell, the unit's name and the date written at the
    right of the last rows with the red seal stamped over them."""
    # The employer is the unit (on the seal and in the signature rows; also printed above the grid when the paper is
    # the unit's own). The date is in Chinese numerals or digits. The monthly figure is 月工资收入 (it includes the
    # allowances, says 含津补贴); a yearly figure, when also written, is not used since the month is stated.
    city = rng.choice(CITIES)
    unit = rng.choice(SOE_UNITS).format(city=city, county=rng.choice(SOE_COUNTIES), place=rng.choice(SOE_PLACES),
                                        district=rng.choice(["城关", "城东", "城西", "新华", "和平"]))
    e = unseen6._employee(rng, None)
    person = e.person
    dept, job = rng.choice(SOE_POSTS)
    monthly = Decimal(rng.randrange(38, 140) * 100 + rng.choice([0, 0, 0, 50]))
    words_amount = monthly + (_words_delta(rng) if tamper == "words" else 0)
    issue = e.issue
    start_year = max(e.since.year, person.birth.year + 19)
    colour = rng.choice([(70, 150, 100), (205, 90, 90), (90, 140, 80)])
    pen = rng.choice([fam.PEN, (30, 30, 45), (20, 40, 110)])
    page, d = fam.blank_page()
    paper = (250, 249, 242)
    page.paste(paper, (0, 0, PAGE_W, PAGE_H))
    cols, rows_n = 20, 20
    cell = rng.choice([48, 49, 50])
    gap = 16
    gx = (PAGE_W - cols * cell) // 2
    gy = 200
    own_paper = rng.random() < 0.55
    head = f"{unit}稿纸" if own_paper else "稿　　纸"
    d.text((PAGE_W / 2, 110), head, font=fit(head, fam.font(fam.SERIF_BOLD, 40), PAGE_W - 240), fill=colour,
           anchor="ma")
    for r in range(rows_n):
        top = gy + r * (cell + gap)
        d.rectangle((gx, top, gx + cols * cell, top + cell), outline=colour, width=2)
        for c in range(1, cols):
            d.line((gx + c * cell, top, gx + c * cell, top + cell), fill=colour, width=1)
    bottom = gy + rows_n * (cell + gap)
    d.rectangle((gx - 10, gy - 10, gx + cols * cell + 10, bottom - gap + 10), outline=colour, width=3)
    d.text((gx, bottom + 10), "20×20＝400", font=fam.font(fam.SANS, 20), fill=colour)
    d.text((gx + cols * cell, bottom + 10), "第　　页", font=fam.font(fam.SANS, 20), fill=colour, anchor="ra")
    honor = rng.choice(["同志", "同志", ""])
    amount = f"{monthly:.0f}"
    words = fam.to_words(words_amount, rng.choice(["元", "圆"]), rng.choice(["整", "正"]))
    body = (f"兹证明{person.name}{honor}，{person.sex}，身份证号：{person.id_number}，系我单位正式职工，"
            f"于{start_year}年参加工作，现在我单位{dept}从事{job}工作。该同志月工资收入（含津补贴）为人民币{amount}元，大写：{words}。")
    annual = rng.random() < 0.35
    if annual:
        body += f"全年收入约{wan(monthly * 12)}万元。"
    paras = [body, "该同志工作积极，遵纪守法。特此证明。"]
    content: list[list[str]] = []
    breaks: dict[int, str] = {}  # punctuation written past the last cell of a row (it may not start a row)
    for para in paras:
        row: list[str] = []
        for tok in ["", "", *_grid_cells(para)]:
            if len(row) == cols:
                if tok in PUNCT:
                    breaks[len(content)] = tok
                    continue
                content.append(row)
                row = []
            row.append(tok)
        content.append(row)
    title_row = ["", "", "", "", "", "", "", "收", "", "入", "", "证", "", "明"]
    head_rows: list[list[str]] = [[], title_row, []]
    gap_rows: list[list[str]] = [[]]
    # 20 rows: the blank rows give way (the top one first) when the text runs long
    for trim in ("top", "gap", "under_title"):
        if len(head_rows) + len(content) + len(gap_rows) + 2 <= rows_n:
            break
        if trim == "top":
            head_rows = head_rows[1:]
        elif trim == "gap":
            gap_rows = []
        else:
            head_rows = head_rows[:-1]
    lines = [*head_rows, *content, *gap_rows]
    overflow = {k + len(head_rows): v for k, v in breaks.items()}
    sign_rows = len(lines)
    date_text = cn_date(issue) if rng.random() < 0.55 else f"{issue.year}年{issue.month}月{issue.day}日"
    lines.append([""] * (cols - len(_grid_cells(unit)) - 1) + _grid_cells(unit))
    dcells = _grid_cells(date_text)
    lines.append([""] * (cols - len(dcells) - 1) + dcells)
    hs = int(cell * 0.7)

    def write_cell(r: int, c: int, tok: str) -> None:
        if not tok:
            return
        x0 = gx + c * cell
        y0 = gy + r * (cell + gap)
        if tok.isascii():
            pen_text(page, x0 + cell / 2 + rng.uniform(-2, 2), y0 + cell / 2 + rng.uniform(-2, 2), tok,
                     int(hs * 0.92), rng, pen)
            return
        tx = x0 + (cell - hand_width(tok, hs)) / 2 + rng.uniform(-2, 2)
        hand(page, tx, y0 + (cell - hs) / 2 - hs * 0.12 + rng.uniform(-2, 2), tok, hs, rng, pen)

    for r, row in enumerate(lines[:rows_n]):
        for c, tok in enumerate(row[:cols]):
            write_cell(r, c, tok)
        if r in overflow:
            write_cell(r, cols, overflow[r])
    if tamper != "seal":
        ucells = len(_grid_cells(unit))
        cx = gx + (cols - 1 - ucells / 2) * cell + rng.randint(-30, 30)
        cy = gy + (sign_rows + 0.9) * (cell + gap)
        fam.seal(d, cx, cy, rng.randint(112, 126), unit)
    f = fam._fields(person.name, person.id_number, unit, monthly, issue)
    extra = {"handwritten_on_grid": True, "own_paper": own_paper, "annual_also_written": annual,
             "monthly_is": "月工资收入（含津补贴）", "date_written": date_text}
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper, extra=extra)


# ------------------------------------------------------------------------------------- 工资条 (payslips)


JP_FIRMS = [("大连北和精工有限公司", "DALIAN HOKUWA SEIKO CO., LTD."),
            ("苏州丸之内电子有限公司", "SUZHOU MARUNOUCHI ELECTRONICS CO., LTD."),
            ("天津樱川汽车部件有限公司", "TIANJIN SAKURAGAWA AUTO PARTS CO., LTD."),
            ("广州北斗化成有限公司", "GUANGZHOU HOKUTO KASEI CO., LTD."),
            ("上海浅野物流有限公司", "SHANGHAI ASANO LOGISTICS CO., LTD."),
            ("无锡清水精密机械有限公司", "WUXI SHIMIZU PRECISION MACHINERY CO., LTD.")]
JP_DEPTS = [("製造部", "制造部"), ("品質保証部", "品质保证部"), ("生産管理部", "生产管理部"), ("技術部", "技术部"),
            ("総務部", "总务部"), ("営業部", "营业部"), ("物流部", "物流部")]


def slip_japanese_bands(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A Japanese-invested company's 給与明細書 (landscape): horizontal bands 勤怠 / 支給 / 控除 / 合計, each a
    vertical band label beside rows of label cells over value cells, labels in Chinese with Japanese beneath (or
    Japanese only), 氏名 followed by 様, and 承認 | 検印 | 作成 boxes with small round personal stamps."""
    # The gross is 総支給額 (应发合计), also repeated in the 合計 band; the 勤怠 band holds days and hours, not money.
    # The issue date is 支給日 (the pay date); "2026年9月分" is the pay month. The small round stamps in the approval
    # boxes are personal 印鑑, not a company seal (the company seal, when present, is the round red one).
    company, company_en = rng.choice(JP_FIRMS)
    person = unseen6._worker(rng)
    month, paid = unseen4._recent_pay(rng)
    mode = rng.choice(["bi", "bi", "jp"])
    base = Decimal(rng.randrange(35, 200) * 100)
    duty = Decimal(rng.choice([0, 0, rng.randrange(3, 20) * 100]))
    full = Decimal(rng.choice([0, 200, 300]))
    housing = Decimal(rng.choice([0, 300, 500, 800]))
    commute = Decimal(rng.choice([0, 150, 200, 300]))
    hourly = (base / Decimal("21.75") / 8).quantize(CENT)
    ot_h = Decimal(rng.randrange(0, 50)) / 2
    hol_h = Decimal(rng.choice([0, 0, 8, 16]))
    ot = _q(ot_h * hourly * Decimal("1.5"))
    hol = _q(hol_h * hourly * 2)
    pay_items = [(("基本工资", "基本給"), base), (("职务津贴", "職務手当"), duty), (("全勤奖", "皆勤手当"), full),
                 (("住房补贴", "住宅手当"), housing), (("交通补贴", "通勤手当"), commute), (("加班费", "残業手当"), ot),
                 (("休日加班费", "休日出勤手当"), hol)]
    gross = sum((v for _, v in pay_items), Decimal(0))
    _, pension, medical, unemp, fund = unseen6._social(base + duty, rng)
    tax = fam._tax(gross - pension - medical - unemp - fund - 5000)
    union = Decimal(rng.choice([0, 0, 10, 20, 30]))
    deductions = [(("养老保险", "養老保険"), pension), (("医疗保险", "医療保険"), medical),
                  (("失业保险", "失業保険"), unemp), (("住房公积金", "住宅積立金"), fund),
                  (("个人所得税", "個人所得税"), tax), (("工会会费", "組合費"), union)]
    total_ded = sum((v for _, v in deductions), Decimal(0))
    net = gross - total_ded
    days = Decimal(rng.randint(19, 23))
    paid_leave = Decimal(rng.choice([0, 0, 1, 2]))
    attendance = [(("出勤天数", "出勤日数"), f"{days:.1f}"), (("缺勤天数", "欠勤日数"), "0.0"),
                  (("带薪年假", "有給休暇"), f"{paid_leave:.1f}"),
                  (("迟到早退", "遅刻早退"), str(rng.choice([0, 0, 1]))),
                  (("平时加班", "普通残業"), f"{ot_h:.1f}h"), (("休日加班", "休日出勤"), f"{hol_h:.1f}h"),
                  (("夜班时数", "深夜勤務"), f"{Decimal(rng.choice([0, 0, 16, 24])):.1f}h"),
                  (("剩余年假", "有給残日数"), f"{Decimal(rng.randint(0, 20)) / 2:.1f}")]
    thousands = rng.random() < 0.55
    decimals = 2

    def num(v: Decimal) -> str:
        return fam.money(v, thousands, decimals) if v else "0.00"

    W, H = PAGE_H, PAGE_W
    page, d = fam.blank_page((W, H))
    x = rng.randint(70, 90)
    right = W - x
    tw = right - x
    y = 60
    d.text((x, y), company, font=fam.font(fam.SANS_BOLD, 30), fill=INK)
    d.text((x, y + 42), company_en, font=fam.font(fam.SANS, 16), fill=GREY)
    month_label = f"{month.year}年{month.month}月分"
    d.text((W / 2, y - 4), month_label, font=jp(24), fill=INK, anchor="ma")
    title = "給与明細書" if mode == "jp" else rng.choice(["給与明細書　工资明细", "工资明细书 給与明細書"])
    d.text((W / 2, y + 30), title, font=jp(36, bold=True), fill=INK, anchor="ma")
    bw, bh = 92, 34
    bx = right - 3 * bw
    stamps = []
    for k, lab in enumerate(["承認", "検印", "作成"]):
        d.rectangle((bx + k * bw, y - 10, bx + (k + 1) * bw, y - 10 + bh), outline=INK, width=2)
        d.rectangle((bx + k * bw, y - 10 + bh, bx + (k + 1) * bw, y - 10 + bh + 70), outline=INK, width=2)
        d.text((bx + k * bw + bw / 2, y - 10 + bh / 2), lab, font=jp(18), fill=INK, anchor="mm")
        if rng.random() < 0.85:
            surname = rng.choice(generate.SURNAMES)
            stamps.append(surname)
            name_stamp(page, bx + k * bw + bw / 2 + rng.randint(-6, 6), y - 10 + bh + 35 + rng.randint(-5, 5),
                       surname, rng, size=46, round_=True)
    y += 110
    dept_jp, dept_cn = rng.choice(JP_DEPTS)
    staff = f"{rng.choice(['E', 'S', ''])}{rng.randint(1000, 99999):05d}"
    honor = rng.choice(["様", "様", "殿"])
    info = [("社員番号" if mode == "jp" else "工号 社員番号", staff),
            ("所属" if mode == "jp" else "部门 所属", dept_jp if mode == "jp" else f"{dept_cn} {dept_jp}"),
            ("氏名" if mode == "jp" else "姓名 氏名", f"{person.name}　{honor}")]
    iw = px([0.9, 1.2, 0.9, 1.4, 0.9, 1.5], tw)
    cx = x
    for k, (lab, val) in enumerate(info):
        d.rectangle((cx, y, cx + iw[2 * k], y + 46), fill=(236, 240, 246), outline=GRID, width=2)
        d.text((cx + iw[2 * k] / 2, y + 23), lab, font=fit(lab, jp(19), iw[2 * k] - 12), fill=INK, anchor="mm")
        cx += iw[2 * k]
        d.rectangle((cx, y, cx + iw[2 * k + 1], y + 46), outline=GRID, width=2)
        d.text((cx + 14, y + 23), val, font=fit(val, jp(22), iw[2 * k + 1] - 20), fill=INK, anchor="lm")
        cx += iw[2 * k + 1]
    y += 66
    band_w = 58
    ncol = 8
    colw = px([1] * ncol, tw - band_w)
    lab_h, val_h = 54 if mode == "bi" else 40, 42
    vf = fam.font(fam.SANS, 20)

    def label_cell(box: tuple[float, float, float, float], label: tuple[str, str], strong: bool) -> None:
        x0, y0, x1, y1 = box
        d.rectangle(box, fill=(232, 238, 246) if not strong else (214, 226, 242), outline=GRID, width=1)
        if mode == "jp":
            d.text(((x0 + x1) / 2, (y0 + y1) / 2), label[1], font=fit(label[1], jp(18, strong), x1 - x0 - 10),
                   fill=INK, anchor="mm")
        else:
            d.text(((x0 + x1) / 2, y0 + 16), label[0], font=fit(label[0], fam.font(fam.SANS_BOLD if strong else
                                                                                 fam.SANS, 18), x1 - x0 - 10),
                   fill=INK, anchor="mm")
            d.text(((x0 + x1) / 2, y0 + 39), label[1], font=fit(label[1], jp(15), x1 - x0 - 10), fill=GREY,
                   anchor="mm")

    def band(name: str, cells: list[tuple[tuple[str, str], str]], strong_last: bool = False) -> None:
        nonlocal y
        rows = math.ceil(len(cells) / ncol)
        top = y
        for r in range(rows):
            part = cells[r * ncol:(r + 1) * ncol]
            cx = x + band_w
            for k in range(ncol):
                box_l = (cx, y, cx + colw[k], y + lab_h)
                box_v = (cx, y + lab_h, cx + colw[k], y + lab_h + val_h)
                if k < len(part):
                    label, value = part[k]
                    strong = strong_last and r == rows - 1 and k == len(part) - 1
                    label_cell(box_l, label, strong)
                    d.rectangle(box_v, outline=GRID, width=1)
                    d.text((box_v[2] - 10, (box_v[1] + box_v[3]) / 2), value,
                           font=fam.font(fam.SANS_BOLD, 21) if strong else vf, fill=INK, anchor="rm")
                else:
                    d.rectangle(box_l, outline=GRID, width=1)
                    d.rectangle(box_v, outline=GRID, width=1)
                cx += colw[k]
            y += lab_h + val_h
        d.rectangle((x, top, x + band_w, y), fill=(220, 228, 240), outline=INK, width=2)
        d.rectangle((x, top, right, y), outline=INK, width=2)
        unseen3.vertical(d, x + band_w / 2, top + (y - top) / 2 - 32, name, jp(24, True), gap=1.3)
        y += 14

    band("勤怠", attendance)
    pay_cells = [(lab, num(v)) for lab, v in pay_items if v or lab[0] in ("基本工资", "加班费")]
    band("支給", [*pay_cells, (("应发合计", "総支給額"), num(gross))], strong_last=True)
    ded_cells = [(lab, num(v)) for lab, v in deductions if v or lab[0] != "工会会费"]
    band("控除", [*ded_cells, (("扣除合计", "控除合計"), num(total_ded))], strong_last=True)
    bank = rng.choice(fam.BANKS)
    band("合計", [(("应发合计", "総支給額"), num(gross)), (("扣除合计", "控除合計"), num(total_ded)),
                (("银行转账", "銀行振込額"), num(net)), (("现金支付", "現金支給額"), "0.00"),
                (("实发金额", "差引支給額"), num(net))], strong_last=True)
    y += 6
    d.rectangle((x, y, x + int(tw * 0.62), y + 96), outline=GRID, width=2)
    d.text((x + 12, y + 8), "備考" if mode == "jp" else "备注 備考", font=jp(18), fill=GREY)
    remark = rng.choice([f"振込先：{bank}（尾号{rng.randint(1000, 9999)}）", "有給休暇は年内に取得してください。",
                         f"{paid.month}月より通勤手当を変更しました。", "本明细如有疑问请联系总务部。"])
    d.text((x + 12, y + 48), remark, font=fit(remark, jp(20), tw * 0.6 - 24), fill=INK)
    pay_label = "支給日" if mode == "jp" else "发薪日 支給日"
    date_text = rng.choice([f"{paid.year}年{paid.month}月{paid.day}日", f"{paid:%Y/%m/%d}"])
    d.text((right, y + 20), f"{pay_label}：{date_text}", font=jp(22), fill=INK, anchor="ra")
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.45:
        fam.seal(d, right - rng.randint(120, 200), y + rng.randint(80, 130), rng.randint(86, 96), company)
        seals = (1,)
    pay = fam.Pay(month, [(lab[0], v) for lab, v in pay_items], gross, pension, medical, unemp, fund, tax, paid)
    f = fam._fields(person.name, None, company, gross, paid)
    extra = {**fam._slip_extra(pay), "net_pay": float(net), "labels": {"bi": "Chinese over Japanese",
                                                                      "jp": "Japanese only"}[mode],
             "name_suffix": honor, "personal_stamps_not_seals": stamps, "issue_date_is": "支給日"}
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper, extra=extra)


OVERSEAS_FIRMS = ["中拓国际工程有限公司", "华远路桥建设集团有限公司", "中环国际水电建设有限公司",
                  "中亚能源工程有限公司", "华夏港航建设集团有限公司", "中鼎国际建设工程有限公司"]
OVERSEAS_SITES = [("肯尼亚", "内罗毕东部绕城公路项目部"), ("沙特阿拉伯", "吉赞燃气电站项目部"),
                  ("印度尼西亚", "苏拉威西镍业园区项目部"), ("巴基斯坦", "卡拉奇港口扩建项目部"),
                  ("埃塞俄比亚", "德雷达瓦工业园项目部"), ("哈萨克斯坦", "阿拉木图环城公路项目部"),
                  ("坦桑尼亚", "达累斯萨拉姆供水项目部"), ("阿尔及利亚", "东西高速公路项目部")]
OVERSEAS_POSTS = ["施工员", "测量工程师", "机械工程师", "安全主管", "翻译", "商务经理", "电气工程师", "项目会计"]


def slip_overseas_project(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A state-owned contractor's pay sheet for an employee posted to an overseas project: the domestic pay in RMB
    and the overseas allowances in US dollars in one 项目 | 币种 | 原币金额 | 汇率 | 折合人民币 | 发放地 table, the
    应发合计 converted to RMB, RMB deductions, and the net split into 国内 (RMB, to the card) and 境外 (USD, on
    site)."""
    # The gross is 应发合计（折合人民币）: the RMB items plus the dollar items at the stated rate. The employer is the
    # company (the 项目部 is its overseas project office). The issue date is 发放日期 (the domestic pay date); the
    # 派出日期 and the rate date are not. Two net figures (RMB and USD) and their converted sum are all net.
    company = rng.choice(OVERSEAS_FIRMS)
    country, site = rng.choice(OVERSEAS_SITES)
    person = unseen6._worker(rng, 55)
    month, paid = unseen4._recent_pay(rng, same_month=False)
    rate = Decimal(rng.randrange(70600, 72800)) / 10000
    cny = [("国内岗位工资", Decimal(rng.randrange(40, 120) * 100)),
           ("国内薪级工资", Decimal(rng.randrange(15, 45) * 100))]
    if rng.random() < 0.5:
        cny.append(("年功工资", Decimal(rng.randrange(2, 9) * 100)))
    usd = [("境外津贴", Decimal(rng.randrange(16, 50) * 50)), ("艰苦地区补贴", Decimal(rng.randrange(4, 16) * 50)),
           ("伙食补贴", Decimal(rng.choice([150, 180, 200, 240, 300])))]
    if rng.random() < 0.5:
        usd.append(("加班补助", Decimal(rng.randrange(2, 12) * 50)))
    rows_in = [(k, "CNY", v, Decimal(1), v, "国内") for k, v in cny]
    rows_in += [(k, "USD", v, rate, _q(v * rate), "境外" if k == "伙食补贴" or rng.random() < 0.5 else "国内")
                for k, v in usd]
    gross = sum((r[4] for r in rows_in), Decimal(0))
    cny_base = sum((v for _, v in cny), Decimal(0))
    pension, medical = _q(cny_base * Decimal("0.08")), _q(cny_base * Decimal("0.02"))
    unemp = _q(cny_base * Decimal("0.005"))
    fund = (cny_base * Decimal(rng.choice(["0.1", "0.12"]))).quantize(Decimal(1))
    annuity = _q(cny_base * Decimal(rng.choice(["0.02", "0.04"])))
    tax = fam._tax(gross - pension - medical - unemp - fund - annuity - 5000)
    deds = [("养老保险", pension), ("医疗保险", medical), ("失业保险", unemp), ("住房公积金", fund),
            ("企业年金", annuity), ("个人所得税", tax)]
    total_ded = sum((v for _, v in deds), Decimal(0))
    dom_in = sum((r[4] for r in rows_in if r[5] == "国内"), Decimal(0))
    abroad_usd = sum((r[2] for r in rows_in if r[5] == "境外"), Decimal(0))
    dom_net = dom_in - total_ded
    if dom_net <= 0:  # very rare: pay everything at home
        rows_in = [(k, c, a, rt, v, "国内") for k, c, a, rt, v, _ in rows_in]
        dom_in, abroad_usd = gross, Decimal(0)
        dom_net = dom_in - total_ded
    net_cny = dom_net + _q(abroad_usd * rate)
    s = fam.make_style(rng, sizes=(20, 22), serif_p=0.35, dates=("iso", "cn", "cn0", "slash"))
    page, d = fam.blank_page()
    x = rng.randint(70, 90)
    right = PAGE_W - x
    tw = right - x
    y = 80
    d.text((PAGE_W / 2, y), company, font=s.f(36, bold=True), fill=INK, anchor="ma")
    y += 56
    d.text((PAGE_W / 2, y), f"{country}{site}", font=s.f(24), fill=INK, anchor="ma")
    y += 52
    d.text((PAGE_W / 2, y), rng.choice(["境外派驻人员工资发放明细", "驻外员工薪酬结算单", "境外项目人员工资单"]),
           font=s.f(32, bold=True), fill=INK, anchor="ma")
    y += 70
    cf, bf = s.f(), s.f(bold=True)
    posted = fam.add_months(month, -rng.randint(3, 30)).replace(day=rng.randint(1, 28))
    rate_note = rng.choice(["按发放当月1日中国银行美元现汇买入价", "按项目部月初记账汇率",
                            "按公司财务部公布的当月折算汇率"])
    info: list[list[fam.Cell]] = [
        ["姓　　名", person.name, "员工编号", f"{rng.choice(['ZT', 'HY', 'GJ'])}{rng.randint(10000, 99999)}", "职　务",
         rng.choice(OVERSEAS_POSTS)],
        ["派驻国别", country, "派出日期", s.day(posted), "所属期间", f"{month.year}年{month.month:02d}月"],
        ["折算汇率", (f"1美元＝{rate:.4f}元人民币（{rate_note}）", 3), "发放日期", s.day(paid)],
    ]
    y = fam.table(d, x, y, px([0.9, 1.1, 0.9, 1.3, 0.9, 1.2], tw), info, cf, 52, head_rows=0, aligns="clclcl")
    y += 26
    d.text((x, y), "一、应发项目", font=s.f(s.size + 2, bold=True), fill=INK)
    y += 42
    head = ["序号", "项目", "币种", "原币金额", "汇率", "折合人民币", "发放地"]
    body = [[str(k + 1), name, cur, s.num(amt), f"{rt:.4f}", s.num(cny_v), where]
            for k, (name, cur, amt, rt, cny_v, where) in enumerate(rows_in)]
    gross_label = rng.choice(["应发合计（折合人民币）", "应发工资合计（折人民币）"])
    body.append([(gross_label, 5), s.num(gross), ""])
    widths = px([0.55, 1.7, 0.7, 1.2, 0.9, 1.3, 0.8], tw)
    y = fam.table(d, x, y, widths, [head, *body], cf, 46, head=bf, aligns="clcrrrc", head_fill=(238, 238, 238))
    y += 24
    d.text((x, y), "二、代扣项目（人民币）", font=s.f(s.size + 2, bold=True), fill=INK)
    y += 42
    dh = [k for k, _ in deds] + ["扣款合计"]
    dv = [s.num(v) for _, v in deds] + [s.num(total_ded)]
    y = fam.table(d, x, y, px([1] * len(dh), tw), [dh, dv], cf, 48, head=bf, aligns="c" * len(dh),
                  head_fill=(238, 238, 238))
    y += 24
    d.text((x, y), "三、实发", font=s.f(s.size + 2, bold=True), fill=INK)
    y += 42
    net_rows = [["国内实发（人民币，转入工资卡）", s.num(dom_net)],
                ["境外实发（美元，项目部现场发放）", f"USD {s.num(abroad_usd)}" if abroad_usd else "—"],
                ["实发合计（折合人民币）", s.num(net_cny)]]
    y = fam.table(d, x, y, px([2.2, 1], tw), net_rows, cf, 48, head_rows=0, aligns="lr")
    y += 22
    note = (f"注：1. 境外发放部分以美元计发，{rate_note}折算为人民币；2. 社会保险、住房公积金及企业年金按国内缴费基数"
            "扣缴；3. 个人所得税由公司统一代扣代缴。")
    y = _wrap_draw(d, x, y, tw, note, s.f(18), leading=1.5, fill=GREY)
    y += 40
    q = tw / 4
    labels = ["项目经理：", "财务负责人：", "制表：", "领款人："]
    for k, lab in enumerate(labels):
        d.text((x + k * q, y), lab, font=cf, fill=INK)
        who = person.name if k == 3 else fam.person_name(rng)
        if k != 2 or rng.random() < 0.7:
            scrawl(page, x + k * q + cf.getlength(lab), y - 20, who, 30, rng)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.7:
        fam.seal(d, right - rng.randint(170, 260), y + rng.randint(-120, -60), rng.randint(98, 110), company)
        seals = (1,)
    pay = fam.Pay(month, [(k, v) for k, _, _, _, v, _ in rows_in], gross, pension, medical, unemp, fund, tax, paid)
    f = fam._fields(person.name, None, company, gross, paid)
    extra = {**fam._slip_extra(pay), "net_pay": float(net_cny), "usd_rate": float(rate),
             "gross_is": "应发合计（折合人民币）incl. the USD items at the stated rate", "net_rmb_home": float(dom_net),
             "net_usd_abroad": float(abroad_usd), "employer_is": "the company (not its 项目部)"}
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper, extra=extra)


SAAS_BRANDS = [("薪福云", (90, 80, 220)), ("易薪通", (0, 150, 136)), ("薪立方", (230, 90, 40)),
               ("云薪宝", (30, 120, 230))]
DONUT = [(255, 159, 64), (54, 162, 235), (75, 192, 192), (255, 99, 132), (153, 102, 255)]


def slip_donut_dashboard(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """An HR SaaS 电子工资单 exported to PDF as a dashboard: a profile card with an initial avatar, a donut chart with
    the gross in its hole and a legend of net, social insurance, housing fund and tax with percentages, then
    收入 and 扣除 lists side by side and a 实发 pill; the viewer's name and number as a faint watermark."""
    # The gross is the figure in the donut's hole (税前收入 / 应发工资), repeated as the 收入 list's total. The issue
    # date is 发薪日期 in the chip under the title (sometimes absent: None); the 查看时间 in the footer is when the
    # employee opened it, not a pay date.
    brand, colour = rng.choice(SAAS_BRANDS)
    person = unseen6._worker(rng)
    company = rng.choice(fam.EMPLOYERS)
    pay = fam.pay_series(rng, 1)[0]
    staff = f"{rng.choice(['', 'E', 'P'])}{rng.randint(10000, 999999)}"
    page, d = fam.blank_page()
    page.paste((248, 249, 252), (0, 0, PAGE_W, PAGE_H))
    sans, bold = fam.SANS, fam.SANS_BOLD
    x = 80
    right = PAGE_W - x
    tw = right - x
    d.rectangle((0, 0, PAGE_W, 96), fill=colour)
    d.text((x, 48), f"{brand} · 电子工资单", font=fam.font(bold, 28), fill=(255, 255, 255), anchor="lm")
    d.text((right, 48), company, font=fit(company, fam.font(sans, 22), tw * 0.55), fill=(255, 255, 255), anchor="rm")
    y = 140
    d.text((x, y), f"{pay.month.year}年{pay.month.month:02d}月 工资单", font=fam.font(bold, 40), fill=INK)
    y += 66
    dated = rng.random() < 0.85
    if dated:
        p = pay.paid
        chip = "发薪日期  " + (f"{p:%Y-%m-%d}" if rng.random() < 0.6 else f"{p.year}年{p.month}月{p.day}日")
        cw = fam.font(sans, 22).getlength(chip) + 40
        d.rounded_rectangle((x, y, x + cw, y + 44), 22, fill=tuple(int(255 - (255 - c) * 0.12) for c in colour))
        d.text((x + 20, y + 22), chip, font=fam.font(sans, 22), fill=colour, anchor="lm")
    y += 76
    card_h = 430
    lw = int(tw * 0.36)
    d.rounded_rectangle((x, y, x + lw, y + card_h), 18, fill=(255, 255, 255), outline=(226, 228, 236), width=2)
    ax, ay = x + lw / 2, y + 90
    d.ellipse((ax - 56, ay - 56, ax + 56, ay + 56), fill=colour)
    d.text((ax, ay), person.name[-2:] if len(person.name) > 2 else person.name[-1], font=fam.font(bold, 34),
           fill=(255, 255, 255), anchor="mm")
    d.text((ax, ay + 88), person.name, font=fam.font(bold, 32), fill=INK, anchor="mm")
    dept, post = rng.choice(fam.DEPARTMENTS)
    hire = dt.date(rng.randint(2012, 2025), rng.randint(1, 12), rng.randint(1, 28))
    py = ay + 140
    for k, v in (("工号", staff), ("部门", dept), ("岗位", post), ("入职日期", f"{hire:%Y-%m-%d}")):
        d.text((x + 34, py), k, font=fam.font(sans, 21), fill=GREY)
        d.text((x + lw - 34, py), v, font=fit(v, fam.font(sans, 21), lw - 160), fill=INK, anchor="ra")
        py += 44
    rx = x + lw + 28
    d.rounded_rectangle((rx, y, right, y + card_h), 18, fill=(255, 255, 255), outline=(226, 228, 236), width=2)
    slices = [("实发工资", pay.net), ("个人社保", pay.social), ("个人公积金", pay.fund), ("个人所得税", pay.tax)]
    slices = [(k, v) for k, v in slices if v > 0]
    cx, cy, r = rx + 200, y + card_h / 2, 150
    start = -90.0
    for k, (_, v) in enumerate(slices):
        sweep = float(v / pay.gross) * 360
        d.pieslice((cx - r, cy - r, cx + r, cy + r), start, start + sweep, fill=DONUT[k])
        start += sweep
    d.ellipse((cx - r * 0.62, cy - r * 0.62, cx + r * 0.62, cy + r * 0.62), fill=(255, 255, 255))
    centre_label = rng.choice(["税前收入", "应发工资", "应发合计"])
    d.text((cx, cy - 24), centre_label, font=fam.font(sans, 20), fill=GREY, anchor="mm")
    gross_text = f"¥{fam.money(pay.gross)}"
    d.text((cx, cy + 14), gross_text, font=fit(gross_text, fam.font(bold, 30), r * 1.2), fill=INK, anchor="mm")
    lx = cx + r + 40
    ly = cy - len(slices) * 34
    for k, (lab, v) in enumerate(slices):
        d.rounded_rectangle((lx, ly + 8, lx + 18, ly + 26), 4, fill=DONUT[k])
        d.text((lx + 30, ly), lab, font=fam.font(sans, 20), fill=GREY)
        pct = f"{float(v / pay.gross) * 100:.1f}%"
        d.text((right - 26, ly), pct, font=fam.font(sans, 18), fill=GREY, anchor="ra")
        d.text((lx + 30, ly + 28), fam.money(v), font=fam.font(bold, 22), fill=INK)
        ly += 68
    y += card_h + 30
    half = (tw - 28) // 2
    gross_total_label = rng.choice(["应发合计", "收入合计", "税前收入合计"])
    earn = [(k, v) for k, v in pay.earnings if v] + [(gross_total_label, pay.gross)]
    ded = [("养老保险", pay.pension), ("医疗保险", pay.medical), ("失业保险", pay.unemployment),
           ("住房公积金", pay.fund), ("个人所得税", pay.tax)]
    ded = [(k, v) for k, v in ded if v] + [("扣除合计", pay.deductions)]
    list_h = 70 + 50 * max(len(earn), len(ded))
    for k, (title, rows) in enumerate((("收入项", earn), ("扣除项", ded))):
        bx = x + k * (half + 28)
        d.rounded_rectangle((bx, y, bx + half, y + list_h), 18, fill=(255, 255, 255), outline=(226, 228, 236), width=2)
        d.text((bx + 26, y + 22), title, font=fam.font(bold, 24), fill=colour)
        ry = y + 70
        for j, (lab, v) in enumerate(rows):
            last = j == len(rows) - 1
            if last:
                d.line((bx + 26, ry - 4, bx + half - 26, ry - 4), fill=(226, 228, 236), width=2)
            f = fam.font(bold if last else sans, 22)
            d.text((bx + 26, ry + 6), lab, font=f, fill=INK if last else (80, 80, 90))
            d.text((bx + half - 26, ry + 6), ("-" if k == 1 and not last else "") + fam.money(v), font=f, fill=INK,
                   anchor="ra")
            ry += 50
    y += list_h + 30
    d.rounded_rectangle((x, y, right, y + 96), 48, fill=colour)
    net_label = rng.choice(["实发工资", "实发金额", "本月实发"])
    d.text((x + 48, y + 48), net_label, font=fam.font(bold, 28), fill=(255, 255, 255), anchor="lm")
    d.text((right - 48, y + 48), f"¥{fam.money(pay.net)}", font=fam.font(bold, 38), fill=(255, 255, 255), anchor="rm")
    y += 130
    bank = rng.choice(fam.BANKS)
    d.text((x, y), f"发放账户：{bank}（尾号{rng.randint(1000, 9999)}）", font=fam.font(sans, 20), fill=GREY)
    viewed = dt.datetime.combine(min(fam.TODAY, pay.paid + dt.timedelta(days=rng.randint(0, 25))),
                                 dt.time(rng.randint(7, 23), rng.randrange(60), rng.randrange(60)))
    d.line((x, PAGE_H - 130, right, PAGE_H - 130), fill=(226, 228, 236), width=2)
    d.text((x, PAGE_H - 110), f"查看时间：{viewed:%Y-%m-%d %H:%M:%S}　本工资单由{brand}系统生成，仅供员工本人查看。",
           font=fam.font(sans, 18), fill=GREY)
    watermark(page, f"{person.name} {staff}", rng, size=rng.randint(26, 32))
    f = fam._fields(person.name, None, company, pay.gross, pay.paid if dated else None)
    extra = {**fam._slip_extra(pay), "gross_in_donut_label": centre_label, "pay_date_shown": dated,
             "viewed_not_pay_date": viewed.isoformat(timespec="seconds")}
    return [page], fam.Facts(SLIP, f, tampered=tamper, extra=extra)


MEMO_HEADS = ["便　笺", "MEMO 便签", "备忘录"]


def slip_memo_formula(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A small shop's monthly wage worked out by hand on a notepad leaf (the shop's own 便笺 or a plain pad) and
    scanned on an A4 bed: one item a line as 底薪 3500, 提成 18600×3%=558, 餐补 15×26=390, then the total, the
    deductions with minus signs, 实发, the date it was paid and the boss's signature."""
    # The gross is the line marked 应发 / 合计 (the sum before deductions). The employer is the shop: printed at the
    # head of its own notepad or written on the first line, and on its seal when stamped. The issue date is the pay
    # date written on the 已发 line (always with its year). No ID number.
    shop, trade = unseen3.shop_name(rng)
    person = unseen6._worker(rng, 56)
    month, paid = unseen4._recent_pay(rng, same_month=False)
    days = rng.randint(24, 30)
    base = Decimal(rng.randrange(26, 62) * 100)
    items: list[str] = []
    earn: list[tuple[str, Decimal]] = [("底薪", base)]
    if trade in ("服装", "五金", "建材", "茶叶", "水果", "便利", "日用百货", "电动车", "烘焙") or rng.random() < 0.3:
        sales = Decimal(rng.randrange(80, 600) * 100)
        pct = rng.choice([1, 2, 3, 5])
        comm = _q(sales * pct / 100)
        earn.append(("提成", comm))
        items.append(f"提成 {sales:.0f}×{pct}%={_fmt_hand(comm)}")
    full = Decimal(rng.choice([0, 100, 200, 300]))
    if full:
        earn.append(("全勤", full))
        items.append(f"全勤 {full:.0f}")
    if rng.random() < 0.5:
        h = rng.randint(4, 30)
        rate_h = rng.choice([15, 18, 20, 25])
        earn.append(("加班", Decimal(h * rate_h)))
        items.append(f"加班 {h}h×{rate_h}={h * rate_h}")
    if rng.random() < 0.6:
        meal = rng.choice([10, 12, 15, 20])
        earn.append(("餐补", Decimal(meal * days)))
        items.append(f"餐补 {meal}×{days}={meal * days}")
    gross = sum((v for _, v in earn), Decimal(0))
    deds: list[tuple[str, Decimal]] = []
    if rng.random() < 0.55:
        deds.append(("社保", Decimal(rng.choice(["386.5", "428.5", "455.2", "512"]))))
    if rng.random() < 0.4:
        deds.append(("借支", Decimal(rng.randrange(2, 15) * 100)))
    if rng.random() < 0.2:
        deds.append(("迟到", Decimal(rng.choice([20, 50, 100]))))
    net = gross - sum((v for _, v in deds), Decimal(0))
    own_pad = rng.random() < 0.5
    bed = unseen4._scan_bed((PAGE_W, PAGE_H), rng)
    pw, ph = rng.choice([(640, 900), (680, 940), (600, 860)])
    pad = Image.new("RGB", (pw, ph), rng.choice([(252, 251, 244), (250, 250, 250), (253, 249, 232)]))
    d = ImageDraw.Draw(pad)
    red = (196, 50, 50)
    if own_pad:
        d.text((pw / 2, 34), shop, font=fit(shop, fam.font(fam.SERIF_BOLD, 30), pw - 60), fill=red, anchor="ma")
        d.text((pw / 2, 78), f"地址：{rng.choice(generate.STREETS)}{rng.randint(1, 300)}号　电话：{mobile(rng)}",
               font=fit("地址：人民路100号　电话：13800000000", fam.font(fam.SANS, 16), pw - 60), fill=red, anchor="ma")
    else:
        d.text((pw / 2, 44), rng.choice(MEMO_HEADS), font=fam.font(fam.SANS_BOLD, 30), fill=(90, 110, 160),
               anchor="ma")
    top = 122
    d.line((30, top - 8, pw - 30, top - 8), fill=red if own_pad else (90, 110, 160), width=2)
    pitch = rng.choice([58, 60, 62])
    rule = (170, 195, 225)
    yy = top + pitch
    while yy < ph - 30:
        d.line((30, yy, pw - 30, yy), fill=rule, width=1)
        yy += pitch
    ink = rng.choice([fam.PEN, (25, 25, 35), (20, 40, 120)])
    hs = rng.randint(30, 34)
    lines: list[str] = []
    month_text = rng.choice([f"{month.year}年{month.month}月", f"{month.year}.{month.month}月"])
    if not own_pad:
        lines.append(shop)
    lines.append(f"{person.name}  {month_text}工资")
    lines.append(rng.choice([f"出勤 {days}天", f"上班{days}天", f"出勤：{days}天"]))
    lines.append(f"底薪 {base:.0f}")
    lines += items
    gross_label = rng.choice(["应发合计", "合计(应发)", "应发", "工资合计"])
    lines.append(f"{gross_label}：{_fmt_hand(gross)}")
    if deds:
        lines.append("扣：" + "  ".join(f"{k} -{_fmt_hand(v)}" for k, v in deds))
    lines.append(f"{rng.choice(['实发', '实发：', '实领'])} {_fmt_hand(net)}")
    how = rng.choice(["已转卡", "已发", "微信已转", "已转银行卡"])
    lines.append(rng.choice([f"{paid.year}.{paid.month}.{paid.day} {how}",
                             f"{paid.year}年{paid.month}月{paid.day}日{how}"]))
    writing = Image.new("RGBA", (pw, ph), (0, 0, 0, 0))
    y = top + pitch - hs - 12
    for k, text in enumerate(lines):
        indent = 44 if k and not text.startswith(("应发", "合计", "工资合计", "实", "扣")) else 30
        hand(writing, indent + rng.uniform(-4, 4), y + rng.uniform(-3, 3), text, hs, rng, ink)
        if text.startswith(gross_label):
            d2 = ImageDraw.Draw(writing)
            wx = indent + hand_width(text, hs)
            d2.line((indent - 4, y + hs + 8, wx + 6, y + hs + 6), fill=(*ink, 200), width=2)
        y += pitch
    boss = rng.choice(["老板", "经手人", "店长"])
    signer = fam.person_name(rng)
    hand(writing, pw - 300, y + 6, f"{boss}：", hs - 4, rng, ink)
    scrawl(writing, pw - 300 + hand_width(f"{boss}：", hs - 4), y - 14, signer, 32, rng, ink)
    pad.paste(writing, (0, 0), writing)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.45:
        fam.seal(d, pw - rng.randint(150, 220), min(y + 10, ph - 110), rng.randint(80, 92), shop)
        seals = (1,)
    at = (rng.randint(120, PAGE_W - pw - 120), rng.randint(100, 300))
    unseen4._lay_paper(bed, pad, at, rng.uniform(-3, 3))
    pay = fam.Pay(month, earn, gross, Decimal(0), Decimal(0), Decimal(0), Decimal(0), Decimal(0), paid)
    f = fam._fields(person.name, None, shop, gross, paid)
    extra = {**fam._slip_extra(pay), "net_pay": float(net), "deductions": {k: float(v) for k, v in deds},
             "employer_printed_on_pad": own_pad, "gross_label": gross_label, "issue_date_is": "the 已发 date"}
    return [bed], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper, extra=extra)


def _fmt_hand(v: Decimal) -> str:
    """An amount as people write it by hand: 4888, 3719.5, 428.25."""
    v = _q(v)
    if v == v.to_integral():
        return f"{v:.0f}"
    text = f"{v:.2f}"
    return text[:-1] if text.endswith("0") else text


# ------------------------------------------------------------------------- 银行流水 (bank statements)


COVER_BANKS = {"中国工商银行": (196, 18, 30), "中国建设银行": (0, 82, 164), "中国农业银行": (0, 138, 110),
               "中国银行": (168, 22, 34), "交通银行": (22, 52, 132), "招商银行": (200, 22, 42),
               "中国邮政储蓄银行": (0, 118, 62), "兴业银行": (0, 64, 152)}
BRANCH_WORDS = ["城南支行", "高新区支行", "人民路支行", "经济开发区支行", "新城支行", "中山路支行", "滨江支行"]


def _straddle_seal(d: ImageDraw.ImageDraw, page_no: int, pages: int, r: int, name: str, cy: float) -> None:
    """One page's share of a 骑缝章: the pages were fanned out and stamped across their right edges, so each page
    shows a different thin slice of the seal at its edge."""
    visible = 28 + int(34 * page_no / max(pages, 1))
    fam.seal(d, PAGE_W + r - visible, cy, r, name)


def stmt_cover_letter_bound(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A counter-issued 账户交易明细证明: page 1 is the bank branch's letter (the holder, the account, the period and
    how many pages and rows follow, 经办 / 复核 name stamps, the branch's seal and date) with no transaction on it;
    the rows follow on the next pages; a 骑缝章 across the right edges of all pages."""
    # Page 1 states name, ID (full, masked or not at all) and the letter's date (the print date; the list pages
    # repeat it as 打印日期) but no rows: an image of page 1 has no monthly income. The square red name stamps are
    # the tellers' personal stamps, not the bank's seal; with the seal removed the 骑缝章 goes too.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        colour = COVER_BANKS[c.bank]
        city = rng.choice(CITIES)
        branch = f"{c.bank}{city}{rng.choice(BRANCH_WORDS)}"
        x = rng.randint(64, 76)
        right = PAGE_W - 92
        tw = right - x
        fs = rng.randint(17, 19)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["记账日期", "摘要", "支出金额", "存入金额", "余额", "对方户名", "交易渠道"]
        widths = px([1.15, 1.25, 1.15, 1.15, 1.3, 2.3, 0.95], tw)
        row_h, head_h = int(fs * 2.0), int(fs * 2.3)
        printed = c.printed.date()
        list_pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(txs) or not list_pages:
            page, d = fam.blank_page()
            y = 80
            if not list_pages:
                d.text((x, y), "附件：", font=fam.font(fam.SANS_BOLD, 22), fill=INK)
                d.text((PAGE_W / 2, y), "个人账户交易明细", font=fam.font(fam.SANS_BOLD, 32), fill=INK, anchor="ma")
                y += 60
                line = (f"户名：{c.person.name}　　账号：{c.account}　　币种：人民币　　"
                        f"期间：{s.day(c.start)} 至 {s.day(c.end)}")
                d.text((x, y), line, font=fit(line, fam.font(fam.SANS, 19), tw), fill=INK)
                y += 34
                d.text((x, y), f"打印日期：{s.day(printed)}　　打印网点：{branch}", font=fam.font(fam.SANS, 19),
                       fill=INK)
                y += 44
            else:
                d.text((x, y), f"户名：{c.person.name}　账号：{c.account}（续）", font=fam.font(fam.SANS, 18),
                       fill=GREY)
                y += 40
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, head_fill=(236, 236, 236), lw=1)
            chunk = txs[i:i + room(y, len(txs) - i, row_h, bottom=PAGE_H - 160, reserve=120)]
            if chunk:
                rows = [[s.day(t.when.date()), t.desc + (f"/{t.memo}" if c.mark == "memo" and t.memo else ""),
                         s.num(-t.amount) if t.amount < 0 else "", s.num(t.amount) if t.amount > 0 else "",
                         s.num(t.balance), t.party, t.channel or "柜面"] for t in chunk]
                y = fam.table(d, x, y, widths, rows, cf, row_h, head_rows=0, aligns="llrrrlc", lw=1)
            list_pages.append((page, d, y))
            shown.append(chunk)
            i += len(chunk)
        n_list = len(list_pages)
        cover, d = fam.blank_page()
        y = 90
        d.ellipse((x, y, x + 56, y + 56), fill=colour)
        d.text((x + 28, y + 28), c.bank[-4] if len(c.bank) > 4 else c.bank[0], font=fam.font(fam.SANS_BOLD, 30),
               fill=(255, 255, 255), anchor="mm")
        d.text((x + 72, y + 2), c.bank, font=fam.font(fam.SANS_BOLD, 30), fill=colour)
        d.text((x + 72, y + 40), branch.replace(c.bank, ""), font=fam.font(fam.SANS, 18), fill=GREY)
        y += 84
        d.line((x, y, right, y), fill=colour, width=3)
        y += 70
        title = rng.choice(["个人账户交易明细证明", "账户交易流水证明", "存款账户交易明细证明书"])
        size = rng.randint(26, 29)
        body = s.f(size)
        d.text((PAGE_W / 2, y), title, font=s.f(46, bold=True), fill=INK, anchor="ma")
        y += 100
        if rng.random() < 0.5:
            addressee = rng.choice(["有关单位", rng.choice(LENDERS)[0]])
            d.text((x, y), f"致：{addressee}", font=body, fill=INK)
            y += int(size * 2)
        if c.id_mode == "none":
            who = c.person.name
        else:
            who = f"{c.person.name}（证件类型：居民身份证，证件号码：{c.id_text()}）"
        kind = rng.choice(["个人结算账户", "借记卡账户", "活期储蓄账户"])
        paras = [f"兹证明{who}在我行开立的{kind}（账号：{c.account}，币种：人民币），自{s.day(c.start)}至"
                 f"{s.day(c.end)}期间的交易明细详见后附《个人账户交易明细》，共{n_list}页、{len(txs)}笔。后附明细由我行"
                 "业务系统打印，与我行系统记录相符。",
                 "本证明仅证明上述账户在所列期间的交易记录，不构成我行对该账户资金状况的任何承诺或担保，涂改无效。",
                 "特此证明。"]
        y = fam.paragraphs(d, x, y, tw, paras, body, leading=1.9)
        y += 110
        sx = right - max(body.getlength(branch), body.getlength("（业务专用章）")) - 10
        d.text((sx, y), branch, font=fit(branch, body, right - sx), fill=INK)
        d.text((sx, y + int(size * 1.8)), "（业务专用章）", font=body, fill=INK)
        d.text((sx, y + int(size * 3.6)), s.day(printed) if rng.random() < 0.5 else
               f"{printed.year}年{printed.month}月{printed.day}日", font=body, fill=INK)
        stamps = rng.random() < 0.6
        for k, lab in enumerate(["经办：", "复核："]):
            ly = y + k * 90
            d.text((x, ly), lab, font=body, fill=INK)
            if stamps:
                name_stamp(cover, x + body.getlength(lab) + 40, ly + size * 0.55, fam.person_name(rng), rng, size=52)
        pages = [(cover, d, y), *list_pages]
        n = len(pages)
        seal_pages: tuple[int, ...] = ()
        seal_name = f"{c.bank}{city}{rng.choice(['分行', '支行'])}"
        cy = PAGE_H * rng.uniform(0.42, 0.55)
        r = rng.randint(110, 124)
        for p, (_, dd, _) in enumerate(pages, start=1):
            dd.text((PAGE_W / 2, PAGE_H - 90), f"第 {p} 页 共 {n} 页", font=fam.font(fam.SANS, 18), fill=GREY,
                    anchor="ma")
            if c.sealed:
                _straddle_seal(dd, p, n, r, seal_name, cy)
        if c.sealed:
            fam.seal(d, sx + body.getlength(branch) * rng.uniform(0.35, 0.6), y + size * 1.6, rng.randint(118, 132),
                     seal_name)
            seal_pages = tuple(range(1, n + 1))
        return Drawn([pg for pg, _, _ in pages], [[], *shown], printed, True, seal_pages)

    return statement(rng, tamper, list(COVER_BANKS), build, ("desc", "desc", "memo", "party"),
                     ("cn", "iso", "cn0"), months=(3, 6), per_month=(3, 6))


EXCEL_BANKS = ["中国民生银行", "平安银行", "浦发银行", "中信银行", "华夏银行", "广发银行", "中国光大银行", "兴业银行"]


def stmt_excel_split_columns(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 网银 export (.xls) printed from Excel or WPS without fit-to-page: the sheet is too wide, so the printer puts
    the left columns (date, time, 摘要, income, spending, balance) on the first pages and the right columns
    (counterparty, its account, channel, 附言) on the pages after them, down then over."""
    # The export's header rows (户名, 账号, 起止日期, 导出时间) are in the top-left cells: page 1 has the name and the
    # export time (the print date). The salary is marked in 摘要, which is on the left pages; the right pages repeat no
    # amount, so they add no rows. Numbers in Excel's General format sometimes (12000, 8520.5). No seal.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        general = rng.random() < 0.5

        def num(v: Decimal) -> str:
            if not general:
                return fam.money(v, True)
            text = f"{_q(v):f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text

        ml, mt = rng.randint(60, 80), rng.randint(70, 96)
        fs = rng.randint(18, 20)
        f = fam.font(rng.choice([fam.SANS, fam.SERIF]), fs)
        fb = fam.font(fam.SANS_BOLD, fs)
        row_h = int(fs * 1.7)
        left = [("交易日期", 150), ("交易时间", 112), ("交易摘要", 170), ("收入金额", 150), ("支出金额", 150),
                ("账户余额", 160)]
        right_cols = [("对方户名", 330), ("对方账号", 250), ("交易渠道", 120), ("附言", 190)]
        borders = rng.random() < 0.7
        repeat_head = rng.random() < 0.5
        footer = rng.random() < 0.6
        header_rows = [(rng.choice(["账户交易明细", "交易明细查询结果", "账户明细"]), True),
                       (f"账号：{c.account}", False), (f"户名：{c.person.name}", False)]
        if c.id_mode != "none":
            header_rows.append((f"证件号码：{c.id_text()}", False))
        header_rows += [(f"币种：人民币　起止日期：{s.day(c.start)}-{s.day(c.end)}", False),
                        (f"导出时间：{s.day(c.printed.date())} {c.printed:%H:%M:%S}", False), ("", False)]
        avail = (PAGE_H - mt - 110) // row_h
        blocks: list[tuple[int, int, bool]] = []  # (first tx, count, has header rows)
        i = 0
        first = True
        while i < len(txs) or first:
            used = (len(header_rows) if first else 0) + (1 if first or repeat_head else 0)
            count = max(1, avail - used)
            blocks.append((i, min(count, len(txs) - i), first))
            i += count
            first = False
        n = 2 * len(blocks)
        pages: list[Image.Image] = []
        shown: list[list[fam.Tx]] = []
        for side, cols in ((0, left), (1, right_cols)):
            for b, (start, count, has_header) in enumerate(blocks):
                page, d = fam.blank_page()
                page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
                y = mt
                if has_header:
                    for text, strong in header_rows:
                        if side == 0 and text:
                            d.text((ml + 6, y + row_h / 2), text, font=fam.font(fam.SANS_BOLD, fs + 4) if strong
                                   else f, fill=INK, anchor="lm")
                        y += row_h
                if has_header or repeat_head:
                    cx = ml
                    for name, w in cols:
                        d.rectangle((cx, y, cx + w, y + row_h), fill=(217, 225, 242), outline=(120, 120, 120)
                                    if borders else None, width=1)
                        d.text((cx + w / 2, y + row_h / 2), name, font=fb, fill=INK, anchor="mm")
                        cx += w
                    y += row_h
                part = txs[start:start + count]
                for t in part:
                    if side == 0:
                        vals = [(f"{t.when:%Y-%m-%d}" if s.date != "compact" else f"{t.when:%Y%m%d}", "l"),
                                (f"{t.when:%H:%M:%S}", "l"), (t.desc, "l"),
                                (num(t.amount) if t.amount > 0 else "", "r"),
                                (num(-t.amount) if t.amount < 0 else "", "r"), (num(t.balance), "r")]
                    else:
                        vals = [(t.party, "l"), (t.account, "l"), (t.channel or "柜面", "l"), (t.memo, "l")]
                    cx = ml
                    for (text, align), (_, w) in zip(vals, cols):
                        if borders:
                            d.rectangle((cx, y, cx + w, y + row_h), outline=(150, 150, 150), width=1)
                        ff = fit(text, f, w - 12) if text else f
                        if align == "l":
                            d.text((cx + 6, y + row_h / 2), text, font=ff, fill=INK, anchor="lm")
                        else:
                            d.text((cx + w - 6, y + row_h / 2), text, font=ff, fill=INK, anchor="rm")
                        cx += w
                    y += row_h
                if footer:
                    p = side * len(blocks) + b + 1
                    d.text((PAGE_W / 2, PAGE_H - 60), f"第 {p} 页，共 {n} 页", font=fam.font(fam.SANS, 17),
                           fill=INK, anchor="ma")
                pages.append(page)
                shown.append(part if side == 0 else [])
        return Drawn(pages, shown, c.printed.date(), True, ())

    return statement(rng, tamper, EXCEL_BANKS, build, ("desc",), ("iso", "compact", "slash"), months=(4, 6),
                     per_month=(5, 10), max_pages=4)


SOCIAL_BANKS = ["中国农业银行", "中国建设银行", "中国工商银行", "中国邮政储蓄银行", "中国银行"]
SUBSIDIES = [("耕地地力保护补贴", "{county}县财政局"), ("惠民惠农补贴", "{county}县财政局"),
             ("职业技能提升补贴", "{city}市就业服务中心"), ("医保报销", "{city}市医疗保障事务中心"),
             ("一次性求职创业补贴", "{city}市就业服务中心")]


def _pantograph_copy(page: Image.Image, rng: random.Random, text: str, colour: bool) -> Image.Image:
    """A photocopy of a page printed on bank security paper: the hidden 复印无效 pattern comes up as rows of
    dotted words, the print goes darker and the paper greyer, a little toner dust, a slight skew, the copier lid's
    shadow along one edge. colour=False gives a black-and-white copy (the red seal turns grey)."""
    w, h = page.size
    tile = Image.new("L", (w, h), 0)
    td = ImageDraw.Draw(tile)
    fnt = fam.font(fam.SANS_BOLD, rng.randint(44, 56))
    gap_x, gap_y = int(fnt.getlength(text)) + rng.randint(90, 160), rng.randint(150, 210)
    for row, yy in enumerate(range(-40, h, gap_y)):
        for xx in range(-(row % 2) * gap_x // 2, w, gap_x):
            td.text((xx, yy), text, font=fnt, fill=255)
    dots = np.zeros((h, w), np.uint8)
    dots[::4, ::4] = 1
    mask = (np.asarray(tile) > 128) & (dots == 1)
    arr = np.asarray(page.convert("RGB")).astype(np.float32)
    if not colour:
        grey = arr @ np.array([0.299, 0.587, 0.114], np.float32)
        arr = np.repeat(grey[..., None], 3, axis=2)
    arr = np.where(arr < 200, arr * 0.78, np.minimum(255, arr * 0.97 + 4))
    arr[mask] = arr[mask] * 0.72
    gen = np.random.default_rng(rng.randrange(1 << 30))
    arr += gen.normal(0, 5, arr.shape[:2])[..., None]
    dust = gen.random(arr.shape[:2]) < 0.0012
    arr[dust] = arr[dust] * 0.4
    side = rng.choice(["left", "top", "right"])
    ramp = np.linspace(1, 0, 40, dtype=np.float32)
    if side == "left":
        arr[:, :40] *= (1 - 0.5 * ramp)[None, :, None]
    elif side == "right":
        arr[:, -40:] *= (1 - 0.5 * ramp[::-1])[None, :, None]
    else:
        arr[:40] *= (1 - 0.5 * ramp)[:, None, None]
    out = Image.fromarray(arr.clip(0, 255).astype(np.uint8))
    return out.rotate(rng.uniform(-0.8, 0.8), resample=Image.BICUBIC, fillcolor=(238, 238, 236))


def stmt_social_card_ledger(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 社会保障卡（金融账户）交易明细 printed at the counter in the account-ledger style (the year over separate 月 |
    日 columns, 存入 | 支取 | 余额), the 社会保障号码 in the header, government subsidies among the credits, then
    photocopied: the security paper's hidden 复印无效 pattern shows over every page."""
    # The 社会保障号码 is the ID number (full or masked). Credits from the county 财政局 / 就业服务中心 / 医保 are
    # subsidies or refunds, not salary. The salary is marked in 摘要 (代发工资…) or known by the employer paying on
    # the same day each month. The print date is in the header of page 1. Mostly a black-and-white copy (the seal
    # grey), sometimes a colour copy.

    def build(rng: random.Random, c: Acct, base: list[fam.Tx]) -> Drawn:
        s = c.s
        city = rng.choice(CITIES)
        county = rng.choice(SOE_COUNTIES)
        txs = list(base)
        span = max(1, (c.end - c.start).days)
        for _ in range(rng.randint(1, 3)):
            what, payer = rng.choice(SUBSIDIES)
            day = c.start + dt.timedelta(days=rng.randrange(span))
            when = dt.datetime.combine(day, dt.time(rng.randint(9, 16), rng.randrange(60)))
            amount = Decimal(rng.randrange(80, 2500)) + Decimal(rng.choice([0, 0, 50])) / 100
            txs.append(fam.Tx(when, what, amount, payer.format(county=county, city=city), "", "", "批量", ""))
        txs.sort(key=lambda t: t.when)
        balance = (base[0].balance - base[0].amount) if base else Decimal(rng.randrange(500, 9000))
        for t in txs:
            balance += t.amount
            t.balance = balance
        years = sorted({t.when.year for t in txs}) or [c.end.year]
        one_year = len(years) == 1
        colour_copy = rng.random() < 0.3
        x = rng.randint(60, 76)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(18, 19)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        lead = ["月", "日"] if one_year else ["年", "月", "日"]
        rest = ["摘要", "存入金额", "支取金额", "余额", "交易对方", "交易网点"]
        wts = ([0.45, 0.45] if one_year else [0.65, 0.45, 0.45]) + [1.3, 1.25, 1.25, 1.35, 2.4, 1.5]
        widths = px(wts, tw)
        row_h = int(fs * 2.0)
        sub_h = int(fs * 1.7)
        card_no = f"{rng.choice('ABCDEFGHJKLM')}{rng.randint(10**7, 10**8 - 1)}"
        branch = f"{c.bank}{county}县{rng.choice(['支行营业室', '城关支行', '城郊支行'])}"
        teller = f"{rng.randint(10000, 99999)}"
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
            y = 80
            if not pages:
                d.text((PAGE_W / 2, y), rng.choice(["社会保障卡（金融账户）交易明细", "社会保障卡银行账户分户明细账"]),
                       font=fam.font(fam.SANS_BOLD, 32), fill=INK, anchor="ma")
                y += 54
                d.text((PAGE_W / 2, y), f"合作银行：{c.bank}　　发卡机构：{city}市人力资源和社会保障局",
                       font=fam.font(fam.SANS, 18), fill=GREY, anchor="ma")
                y += 44
                fields = [("姓　　名", c.person.name), ("社会保障号码", c.id_text() if c.id_mode != "none" else
                                                  fam.mask_id(c.person.id_number)),
                          ("社保卡卡号", card_no), ("银行账号", c.account),
                          ("开户网点", branch), ("查询期间", f"{s.day(c.start)}至{s.day(c.end)}"),
                          ("打印日期", s.day(c.printed.date())), ("柜员号", teller)]
                gw = px([0.9, 1.6, 0.9, 1.6], tw)
                for k in range(0, len(fields), 2):
                    cx = x
                    for label, value in fields[k:k + 2]:
                        d.rectangle((cx, y, cx + gw[0], y + 42), fill=(240, 240, 240), outline=GRID, width=1)
                        d.text((cx + gw[0] / 2, y + 21), label, font=fit(label, cf, gw[0] - 10), fill=INK, anchor="mm")
                        d.rectangle((cx + gw[0], y, cx + gw[0] + gw[1], y + 42), outline=GRID, width=1)
                        d.text((cx + gw[0] + 10, y + 21), value, font=fit(value, cf, gw[1] - 20), fill=INK,
                               anchor="lm")
                        cx += gw[0] + gw[1]
                    y += 42
                y += 20
            else:
                d.text((x, y), f"姓名：{c.person.name}　银行账号：{c.account}（续页）", font=fam.font(fam.SANS, 18),
                       fill=GREY)
                y += 40
            top = y
            span_w = sum(widths[:len(lead)])
            d.rectangle((x, y, x + span_w, y + sub_h), fill=(236, 236, 236), outline=GRID, width=1)
            d.text((x + span_w / 2, y + sub_h / 2), f"{years[0]}年" if one_year else "交易日期", font=bf, fill=INK,
                   anchor="mm")
            cx = x
            for k, lab in enumerate(lead):
                d.rectangle((cx, y + sub_h, cx + widths[k], y + 2 * sub_h), fill=(236, 236, 236), outline=GRID, width=1)
                d.text((cx + widths[k] / 2, y + 1.5 * sub_h), lab, font=bf, fill=INK, anchor="mm")
                cx += widths[k]
            for k, lab in enumerate(rest):
                w = widths[len(lead) + k]
                d.rectangle((cx, top, cx + w, top + 2 * sub_h), fill=(236, 236, 236), outline=GRID, width=1)
                d.text((cx + w / 2, top + sub_h), lab, font=bf, fill=INK, anchor="mm")
                cx += w
            y = top + 2 * sub_h
            chunk = txs[i:i + room(y, len(txs) - i, row_h, bottom=PAGE_H - 150, reserve=240)]
            rows = []
            for t in chunk:
                day = t.when.date()
                lead_vals = [str(day.month), str(day.day)] if one_year else [str(day.year), str(day.month),
                                                                               str(day.day)]
                where = t.branch or ("手机银行" if t.channel in ("手机银行", "第三方支付") else t.channel or "柜面")
                rows.append([*lead_vals, t.desc, s.num(t.amount) if t.amount > 0 else "",
                             s.num(-t.amount) if t.amount < 0 else "", s.num(t.balance), t.party, where])
            if rows:
                y = fam.table(d, x, y, widths, rows, cf, row_h, head_rows=0,
                              aligns="c" * len(lead) + "lrrrll", lw=1)
            pages.append((page, d, y))
            shown.append(chunk)
            i += len(chunk)
        n = len(pages)
        seal_pages: tuple[int, ...] = ()
        out = []
        for p, (page, d, y) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 100), f"第{p}页　共{n}页", font=fam.font(fam.SANS, 18), fill=INK,
                   anchor="ma")
            if p == n:
                d.text((x, y + 14), "以下空白", font=fam.font(fam.SANS, 18), fill=GREY)
                d.text((x, y + 50), f"经办柜员：{teller}　　本明细仅供持卡人本人使用", font=fam.font(fam.SANS, 18),
                       fill=INK)
                if c.sealed:
                    fam.seal(d, right - rng.randint(160, 240), min(y + 150, PAGE_H - 230), rng.randint(100, 112),
                             f"{c.bank}{county}县支行")
                    seal_pages = (n,)
            out.append(_pantograph_copy(page, rng, rng.choice(["复印无效", "COPY 复印件"]), colour_copy))
        return Drawn(out, shown, c.printed.date(), True, seal_pages)

    return statement(rng, tamper, SOCIAL_BANKS, build, ("desc", "desc", "party"), ("iso", "cn", "dot"),
                     months=(3, 5), per_month=(3, 6), id_modes=("full", "full", "masked"))


CITY_BANKS = ["北京银行", "上海银行", "江苏银行", "宁波银行", "南京银行", "杭州银行", "徽商银行", "长沙银行",
              "成都农商银行", "重庆农村商业银行"]
PAYER_BANKS = ["中国工商银行", "中国建设银行", "招商银行", "中国银行", "交通银行", "中国农业银行"]


def _finger(photo: Image.Image, at: tuple[float, float], rng: random.Random, angle: float) -> None:
    """A thumb holding the page down: a skin-toned rounded shape with a nail, softly shaded, its tip at `at`."""
    w, h = 120, 230
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    skin = (rng.randint(205, 228), rng.randint(160, 182), rng.randint(130, 152))
    d.rounded_rectangle((8, 10, w - 8, h + 60), 56, fill=(*skin, 255))
    d.rounded_rectangle((28, 24, w - 28, 96), 26, fill=(min(255, skin[0] + 18), min(255, skin[1] + 22),
                                                       min(255, skin[2] + 24), 255))
    layer = layer.filter(ImageFilter.GaussianBlur(1.6)).rotate(angle, resample=Image.BICUBIC, expand=True)
    shadow = Image.new("RGBA", layer.size, (0, 0, 0, 0))
    shadow.putalpha(layer.getchannel("A").point(lambda a: a * 70 // 255).filter(ImageFilter.GaussianBlur(8)))
    px0, py0 = int(at[0] - layer.width / 2), int(at[1] - 12)  # the tip at `at`, the thumb running down
    photo.paste(shadow, (px0 + 10, py0 + 12), shadow)
    photo.paste(layer, (px0, py0), layer)


def stmt_photographed_pages(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A city or rural commercial bank's printed statement (a boxed header grid; 序号 | 交易日期 | 收/付 | 交易金额 |
    账户余额 | 摘要 | 对方户名 | 对方开户行) that the applicant photographed page by page with a phone and joined into
    one PDF: every page a photo on a desk, turned a little, unevenly lit, a thumb on a corner now and then."""
    # Amounts are unsigned with a 收 / 付 flag; the salary is marked in 摘要 or known by the employer paying on the
    # same day each month. The print date and the name are in the header grid of page 1. The bank's seal is on the
    # last page.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        x = rng.randint(64, 80)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(20, 21)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["序号", "交易日期", "收/付", "交易金额", "账户余额", "摘要", "对方户名", "对方开户行"]
        widths = px([0.55, 1.2, 0.6, 1.25, 1.3, 1.2, 2.2, 1.7], tw)
        row_h, head_h = int(fs * 2.0), int(fs * 2.3)
        payer_bank = rng.choice(PAYER_BANKS)
        banks: dict[str, str] = {}

        def other_bank(t: fam.Tx) -> str:
            if not t.party or t.party in ("财付通-美团", "支付宝-淘宝") or not t.account:
                return "—"
            if t.salary or t.bonus or t.party == c.company:
                return payer_bank
            return banks.setdefault(t.party, rng.choice([*PAYER_BANKS, c.bank]))

        def desc(t: fam.Tx) -> str:
            return f"{t.desc} {t.memo}" if c.mark == "memo" and t.memo else t.desc

        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
            y = 90
            if not pages:
                d.text((PAGE_W / 2, y), f"{c.bank}个人账户交易明细", font=fam.font(fam.SANS_BOLD, 36), fill=INK,
                       anchor="ma")
                y += 70
                fields = [("户名", c.person.name), ("账号", c.account), ("币种", "人民币"),
                          ("起止日期", f"{s.day(c.start)}-{s.day(c.end)}"), ("打印日期", s.day(c.printed.date())),
                          ("打印机构", f"{c.bank}{rng.choice(CITIES)}{rng.choice(BRANCH_WORDS)}")]
                if c.id_mode != "none":
                    fields.insert(2, ("证件号码", c.id_text()))
                    fields.pop(2 + 1)  # 币种 gives way to the ID number
                gw = px([0.7, 1.6, 0.7, 1.6], tw)
                for k in range(0, len(fields), 2):
                    cx = x
                    for label, value in fields[k:k + 2]:
                        d.rectangle((cx, y, cx + gw[0], y + 44), fill=(242, 242, 242), outline=GRID, width=1)
                        d.text((cx + gw[0] / 2, y + 22), label, font=bf, fill=INK, anchor="mm")
                        d.rectangle((cx + gw[0], y, cx + gw[0] + gw[1], y + 44), outline=GRID, width=1)
                        d.text((cx + gw[0] + 10, y + 22), value, font=fit(value, cf, gw[1] - 20), fill=INK, anchor="lm")
                        cx += gw[0] + gw[1]
                    y += 44
                y += 24
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, head_fill=(230, 230, 230), lw=1)
            chunk = txs[i:i + room(y, len(txs) - i, row_h, bottom=PAGE_H - 150, reserve=250)]
            rows = [[str(i + k + 1), s.day(t.when.date()), "收" if t.amount > 0 else "付", s.num(abs(t.amount)),
                     s.num(t.balance), desc(t), t.party or "—", other_bank(t)] for k, t in enumerate(chunk)]
            if rows:
                y = fam.table(d, x, y, widths, rows, cf, row_h, head_rows=0, aligns="cccrrlll", lw=1)
            pages.append((page, d, y))
            shown.append(chunk)
            i += len(chunk)
        n = len(pages)
        seal_pages: tuple[int, ...] = ()
        photos = []
        for p, (page, d, y) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 96), f"第 {p} 页 / 共 {n} 页", font=fam.font(fam.SANS, 19), fill=GREY,
                   anchor="ma")
            if p == n:
                d.text((x, y + 14), "—— 以下空白 ——", font=fam.font(fam.SANS, 19), fill=GREY)
                if c.sealed:
                    fam.seal(d, right - rng.randint(160, 260), min(y + 150, PAGE_H - 240), rng.randint(104, 116),
                             f"{c.bank}业务专用")
                    seal_pages = (n,)
            photo, homography = generate.photograph(page.convert("RGBA"), rng, False, size=(1200, 1600),
                                                    scale_range=(0.8, 0.86), max_angle=3.5)
            if rng.random() < 0.4:  # on the bottom margin, below the page footer
                tip = np.array([rng.choice([90.0, PAGE_W - 90.0]), PAGE_H - 45.0, 1.0])
                q = homography @ tip
                _finger(photo, (q[0] / q[2], q[1] / q[2]), rng, rng.uniform(-20, 20))
            photos.append(photo)
        return Drawn(photos, shown, c.printed.date(), True, seal_pages)

    return statement(rng, tamper, CITY_BANKS, build, ("desc", "desc", "party", "memo"), ("iso", "slash", "dot"),
                     months=(3, 5), per_month=(3, 6), max_pages=4)


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen7_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_offer_letter, CERT, ("words", "seal")),
    _family(cert_gig_platform, CERT, ("words", "seal")),
    _family(cert_traditional_form, CERT, ("words", "seal")),
    _family(cert_manuscript_grid, CERT, ("words", "seal")),
    _family(slip_japanese_bands, SLIP, ("seal",)),
    _family(slip_overseas_project, SLIP, ("seal",)),
    _family(slip_donut_dashboard, SLIP, ()),
    _family(slip_memo_formula, SLIP, ("seal",)),
    _family(stmt_cover_letter_bound, STMT, ("seal",)),
    _family(stmt_excel_split_columns, STMT, ()),
    _family(stmt_social_card_ledger, STMT, ("seal",)),
    _family(stmt_photographed_pages, STMT, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen7 families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
