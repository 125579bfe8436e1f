"""Third round of unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document that applicants upload and each structurally different from every family in
income_families.py, income_families_unseen.py and income_families_unseen2.py. They were written without reading
the parsers, their tests or the benchmark, so that no parser was developed against them: use them for the final
figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen3 as unseen3
    doc = fam.make(unseen3.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
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
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from sample_docs import generate
from sample_docs import income_families as fam
from sample_docs import income_families_unseen2 as unseen2
from sample_docs.generate import make_person

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
CENT = Decimal("0.01")
RED = (200, 30, 36)
CITIES = ["北京", "上海", "天津", "重庆", "南京", "杭州", "成都", "武汉", "长沙", "西安", "青岛", "厦门", "合肥",
          "郑州", "济南", "福州", "昆明", "南昌", "沈阳", "大连", "宁波", "苏州", "无锡", "佛山", "温州", "常州",
          "绍兴", "泉州", "东莞", "中山", "嘉兴", "台州", "潍坊", "洛阳"]
DISTRICTS = [("南京", "鼓楼区"), ("杭州", "西湖区"), ("成都", "武侯区"), ("武汉", "江汉区"), ("长沙", "雨花区"),
             ("西安", "雁塔区"), ("青岛", "市南区"), ("厦门", "思明区"), ("合肥", "蜀山区"), ("郑州", "金水区"),
             ("济南", "历下区"), ("昆明", "五华区"), ("南昌", "东湖区"), ("沈阳", "和平区"), ("大连", "沙河口区"),
             ("宁波", "海曙区"), ("苏州", "姑苏区"), ("无锡", "梁溪区"), ("佛山", "南海区"), ("温州", "鹿城区"),
             ("常州", "天宁区"), ("绍兴", "越城区"), ("泉州", "丰泽区"), ("嘉兴", "南湖区"), ("台州", "椒江区"),
             ("潍坊", "奎文区"), ("洛阳", "涧西区"), ("北京", "朝阳区"), ("上海", "闵行区"), ("广州", "白云区")]
hand = unseen2.hand
hand_width = unseen2.hand_width
pinyin = unseen2.pinyin


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _seals(tamper: str | None, page: int = 1) -> tuple[int, ...]:
    return () if tamper == "seal" else (page,)


def _words_delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice([100, 200, 300, 500, 1000, -200, -500, -1000]))


@functools.lru_cache(maxsize=64)
def mono(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """Noto Sans Mono CJK SC (index 7 of the Noto Sans CJK collections): Latin half width, CJK full width."""
    return ImageFont.truetype(fam.SANS_BOLD if bold else fam.SANS, size, index=7)


def cells(text: str) -> int:
    """How many half-width cells a monospaced printer gives the text (CJK and full-width forms take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, right: bool = False) -> str:
    """The text padded with spaces to width cells (cut when longer), left- or right-aligned."""
    while cells(text) > width:
        text = text[:-1]
    gap = " " * (width - cells(text))
    return gap + text if right else text + gap


def fit(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> ImageFont.FreeTypeFont:
    """The font, made smaller until the text fits the width."""
    while fnt.size > 12 and fnt.getlength(text) > width:
        fnt = fam.font(str(fnt.path), fnt.size - 1)
    return fnt


def multiply(page: Image.Image, layer: Image.Image) -> None:
    """Lay an RGB layer (white = nothing) on the page as ink or a stamp does: multiplied."""
    page.paste(ImageChops.multiply(page, layer))


def qr_code(d: ImageDraw.ImageDraw, x: int, y: int, size: int, rng: random.Random) -> None:
    """A QR-code-like square: three finder patterns and random modules."""
    n = 25
    m = size / n
    finders = [(0, 0), (n - 7, 0), (0, n - 7)]

    def in_finder(i: int, j: int) -> bool:
        return any(fx - 1 <= i <= fx + 7 and fy - 1 <= j <= fy + 7 for fx, fy in finders)

    for i in range(n):
        for j in range(n):
            if not in_finder(i, j) and rng.random() < 0.48:
                d.rectangle((x + i * m, y + j * m, x + (i + 1) * m - 0.5, y + (j + 1) * m - 0.5), fill=(0, 0, 0))
    for fx, fy in finders:
        d.rectangle((x + fx * m, y + fy * m, x + (fx + 7) * m, y + (fy + 7) * m), fill=(0, 0, 0))
        d.rectangle((x + (fx + 1) * m, y + (fy + 1) * m, x + (fx + 6) * m, y + (fy + 6) * m), fill=(255, 255, 255))
        d.rectangle((x + (fx + 2) * m, y + (fy + 2) * m, x + (fx + 5) * m, y + (fy + 5) * m), fill=(0, 0, 0))


def shop_name(rng: random.Random) -> tuple[str, str]:
    """An invented 个体工商户's registered name and its trade: 杭州市西湖区鑫盛五金店."""
    brand = rng.choice(["鑫盛", "福源", "佳美", "老王", "顺发", "惠民", "好运来", "金鼎", "聚福", "新宇", "永兴",
                        "宏达", "小李", "阿芳", "味道坊", "家和", "万家乐", "恒丰"])
    trade, suffix = rng.choice([("五金", "店"), ("川菜", "馆"), ("服装", "店"), ("汽车维修", "部"), ("便利", "店"),
                                ("烘焙", "坊"), ("美容美发", "店"), ("建材", "经营部"), ("水果", "店"),
                                ("餐饮", "店"), ("电动车", "行"), ("日用百货", "商行"), ("快递服务", "部"),
                                ("茶叶", "店"), ("家电维修", "部")])
    city, district = rng.choice(DISTRICTS)
    return f"{city}市{district}{brand}{trade}{suffix}", trade


def credit_code(rng: random.Random, prefix: str = "91") -> str:
    chars = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    return prefix + "".join(rng.choice("0123456789") for _ in range(6)) + "".join(rng.choice(chars) for _ in range(10))


def mobile(rng: random.Random) -> str:
    return rng.choice(["13", "15", "18", "17", "19"]) + "".join(str(rng.randrange(10)) for _ in range(9))


def scrawl(page: Image.Image, x: float, y: float, name: str, size: int, rng: random.Random,
           color: tuple[int, int, int] = (20, 20, 35)) -> float:
    """A signature: the name written fast by hand, leaning right and joined by a flourish; (x, y) is the top left;
    returns the x after it."""
    w, h = int(hand_width(name, size) * 1.3 + size), int(size * 2.2)
    layer = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    end = hand(layer, size * 0.3, size * 0.5, name, size, rng, color)
    lean = rng.uniform(0.18, 0.35)
    layer = layer.transform(layer.size, Image.AFFINE, (1, lean, -lean * h / 2, 0, 1, 0), resample=Image.BICUBIC)
    ld = ImageDraw.Draw(layer)
    y0 = size * 1.45
    pts = [(size * 0.3 + (end - size * 0.3) * k / 8, y0 + math.sin(k * rng.uniform(0.8, 1.4)) * size * 0.12)
           for k in range(9)]
    ld.line(pts, fill=(*color, 220), width=max(2, size // 16))
    page.paste(layer, (int(x), int(y)), layer)
    return x + end


def fill_line(page: Image.Image, x: float, y: float, parts: list, fnt: ImageFont.FreeTypeFont, hs: int,
              rng: random.Random, pen: tuple[int, int, int], rule: tuple[int, int, int] = INK,
              writing: Image.Image | None = None) -> float:
    """One printed line with blanks filled in by hand: a part is printed text, or (value, minimum width), a blank
    underlined and written in (on writing, a transparent layer, when given). (x, y) is the top left of the printed
    text; returns the x after the line."""
    d = ImageDraw.Draw(page)
    writing = page if writing is None else writing
    base = y + fnt.getmetrics()[0]
    for part in parts:
        if isinstance(part, str):
            d.text((x, y), part, font=fnt, fill=INK)
            x += fnt.getlength(part)
            continue
        value, min_w = part
        size = hs
        w = max(min_w, hand_width(value, size) + 30)
        d.line((x + 4, base + 8, x + w - 4, base + 8), fill=rule, width=2)
        if value:
            start = x + (w - hand_width(value, size)) / 2 + rng.uniform(-6, 6)
            hand(writing, start, base + 2 - size * 1.05 + rng.uniform(-3, 3), value, size, rng, pen)
        x += w
    return x


def vertical(d: ImageDraw.ImageDraw, cx: float, top: float, text: str, fnt: ImageFont.FreeTypeFont,
             fill: tuple[int, int, int] = INK, gap: float = 1.15) -> None:
    """Characters stacked one under another from top, centred on cx."""
    for i, ch in enumerate(text):
        if ch != " ":
            d.text((cx, top + i * fnt.size * gap), ch, font=fnt, fill=fill, anchor="ma")


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


SHOP_JOBS = ["收银员", "店员", "厨师", "服务员", "维修技师", "销售员", "帮工", "店长", "会计", "配送员", "学徒"]


def cert_shop_handwritten(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """个体工商户 letter written by hand on ruled 信笺 paper, signed by the 经营者 and stamped with the shop's seal."""
    e = fam.employee(rng, tamper)
    monthly = Decimal(rng.randrange(28, 130) * 100 + rng.choice([0, 0, 0, 50]))
    words_amount = monthly + (_words_delta(rng) if tamper == "words" else 0)
    shop, _ = shop_name(rng)
    owner = fam.person_name(rng)
    job = rng.choice(SHOP_JOBS)
    paper = rng.choice([(250, 249, 243), (248, 246, 236), (252, 252, 249)])
    rule = rng.choice([(214, 120, 120), (150, 170, 214), (190, 190, 190)])
    pen = rng.choice([fam.PEN, (22, 22, 30), (30, 40, 95)])
    page = Image.new("RGB", (PAGE_W, PAGE_H), paper)
    d = ImageDraw.Draw(page)
    left, right = rng.randint(90, 130), PAGE_W - rng.randint(90, 130)
    top = rng.randint(150, 200)
    if rng.random() < 0.6:
        d.text((PAGE_W / 2, top - 100), rng.choice(["信　　笺", "信 笺", "稿 纸"]), font=fam.font(fam.SERIF_BOLD, 40),
               fill=rule, anchor="ma")
    d.line((left - 20, top, right + 20, top), fill=rule, width=4)
    d.line((left - 20, top + 7, right + 20, top + 7), fill=rule, width=1)
    step = rng.randint(64, 74)
    lines = list(range(top + step + 20, PAGE_H - 130, step))
    for ly in lines:
        d.line((left - 20, ly, right + 20, ly), fill=rule, width=1)
    d.line((left - 20, PAGE_H - 120, right + 20, PAGE_H - 120), fill=rule, width=2)
    hs = rng.randint(33, 39)
    measure = fam.font(fam.SANS, hs)
    row = 0

    def write(text: str, x: float | None = None, size: int = hs) -> float:
        nonlocal row
        ly = lines[row]
        row += 1
        x0 = left + rng.uniform(-4, 10) if x is None else x
        return hand(page, x0, ly - size - 8, text, size, rng, pen)

    title = rng.choice(["收入证明", "收 入 证 明", "工资收入证明", "证明"])
    write(title, PAGE_W / 2 - hand_width(title, hs + 8) / 2, hs + 8)
    if rng.random() < 0.55:
        write(rng.choice([f"{rng.choice(fam.BANKS)}：", "致有关单位：",
                          f"{rng.choice(fam.BANKS)}{rng.choice(CITIES)}支行："]))
    digits = rng.choice([f"{monthly:.0f}元", f"{monthly:.0f}元", f"{monthly:.2f}元", f"¥{monthly:.0f}",
                         f"{fam.money(monthly, True, 0)}元"])
    words = fam.to_words(words_amount, *rng.choice([("元", "整"), ("元", "整"), ("圆", "整"), ("元", "正")]))
    since = f"{e.since.year}年{e.since.month}月"
    how_paid = rng.choice(["工资每月以银行转账方式发放。", "工资每月按时发放。", "工资按月通过微信转账发放。", ""])
    body = (f"兹证明{e.person.name}（{e.person.sex}，身份证号码：{e.person.id_number}）自{since}起在我店"
            f"（{shop}）工作，{rng.choice(['担任', '从事'])}{job}{rng.choice(['', '工作', '一职'])}，每月工资{digits}"
            f"（大写：{words}）。{how_paid}")
    paras = [body, rng.choice(["特此证明。", "以上情况属实，特此证明。", "特此证明！"])]
    width = (right - left) / 1.1
    for para in paras:
        for i, line in enumerate(fam.wrap("　　" + para, measure, width)):
            write(line.lstrip("　"), left + (2 * hs if i == 0 else 0) + rng.uniform(-4, 8))
    row += rng.choice([1, 2])
    sx = left + (right - left) * rng.uniform(0.42, 0.5)
    sign = [f"{rng.choice(['经营者', '负责人', '店主', '证明人'])}：{owner}"]
    if rng.random() < 0.5:
        sign.append(f"统一社会信用代码：{credit_code(rng, '92')}")
    if rng.random() < 0.7:
        sign.append(f"{rng.choice(['联系电话', '电话'])}：{mobile(rng)}")
    sign.append(rng.choice([fam.fmt_date(e.issue, "cn"), fam.fmt_date(e.issue, "cn"), fam.fmt_date(e.issue, "dot"),
                            f"{e.issue.year}.{e.issue.month}.{e.issue.day}"]))
    first_sign = row
    sizes = [hs if cells(line) < 34 else hs - 6 for line in sign]
    sx = min(sx, right - max(hand_width(line, size) * 1.08 for line, size in zip(sign, sizes)))
    for line, size in zip(sign, sizes):
        write(line, sx, size)
    if tamper != "seal":
        cy = lines[first_sign] + rng.randint(-60, 40)
        fam.seal(d, sx + rng.randint(80, 200), cy, rng.randint(112, 132), shop)
    f = fam._fields(e.person.name, e.person.id_number, shop, monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"owner": owner})


SIGNER_ROLES = ["人力资源部经理", "人事主管", "总经理", "财务负责人", "法定代表人", "人事行政经理", "综合办主任"]


def cert_seal_only_signed(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Plain typed letter saying only 我公司: the employer is named by its seal alone, over a hand signature."""
    # The signer's typed name and post under the signature; 税前 monthly pay with 大写, sometimes 税后 too.
    e = fam.employee(rng, tamper, step=rng.choice([100, 100, 10]))
    s = fam.make_style(rng, sizes=(28, 33), serif_p=0.6)
    page, d = fam.blank_page()
    body = s.f()
    width = PAGE_W - 2 * s.margin
    y = rng.randint(170, 250)
    title = rng.choice(["收入证明", "收入证明", "在职收入证明", "工资收入证明"])
    d.text((PAGE_W / 2, y), title, font=s.f(rng.randint(46, 58), bold=True), fill=INK, anchor="ma")
    y += rng.randint(120, 160)
    if rng.random() < 0.6:
        d.text((s.margin, y), rng.choice([f"{rng.choice(fam.BANKS)}：", "致有关单位：", "To whom it may concern："]),
               font=body, fill=INK)
        y += int(body.size * 2.0)
    unit = rng.choice(["公司", "公司", "单位", "司"])
    id_label = rng.choice(["身份证号码", "身份证号", "公民身份号码"])
    net = (e.monthly * Decimal(rng.choice(["0.78", "0.81", "0.84"]))).quantize(Decimal(1))
    words = fam.words_text(rng, e.words_amount)
    income = rng.choice([
        f"其月收入（税前）为{s.amount(e.monthly)}（大写：{words}），税后月收入约{s.num(net, 0)}元。",
        f"该员工月均税前收入为{s.amount(e.monthly)}，大写{words}。",
        f"其每月固定工资收入为{s.amount(e.monthly)}（{words}），另有季度绩效奖金按考核结果发放。",
    ])
    text = (f"兹证明{e.person.name}（{id_label}：{e.person.id_number}）为我{unit}正式员工，于{fam._since(e, s.date)}"
            f"入职，现在{e.dept}担任{e.title}。{income}")
    tail = rng.choice([f"本证明仅用于该员工办理{rng.choice(['个人贷款', '信用卡', '房屋按揭', '车辆贷款'])}，"
                       f"我{unit}对本证明内容的真实性负责。",
                       "本证明不作为我司对该员工任何债务的担保。", f"以上情况属实，如需核实请致电{e.phone}。"])
    y = fam.paragraphs(d, s.margin, y, width, [text, tail, "特此证明。"], body, leading=rng.choice([1.8, 1.95]))
    y += rng.randint(110, 170)
    x = PAGE_W - s.margin - rng.randint(420, 480)
    label = rng.choice(["证明人（签字）：", "负责人签字：", "签字：", "授权签字人："])
    d.text((x, y), label, font=body, fill=INK)
    sig_x = x + body.getlength(label) + 6
    sig_y = y - int(body.size * 0.9)
    scrawl(page, sig_x, sig_y, e.hr, rng.randint(44, 56), rng)
    y += int(body.size * 2.1)
    role = rng.choice(SIGNER_ROLES)
    typed = rng.choice([f"（{e.hr}　{role}）", f"{role}：{e.hr}", f"{e.hr}\n{role}"])
    for line in typed.split("\n"):
        d.text((x + rng.choice([0, body.size]), y), line, font=body, fill=INK)
        y += int(body.size * 1.8)
    if rng.random() < 0.5:
        d.text((x, y), f"联系电话：{e.phone}", font=s.f(s.size - 3), fill=INK)
        y += int(body.size * 1.8)
    d.text((x, y), rng.choice(["", "日期：", "（盖章）　"]) + s.day(e.issue), font=body, fill=INK)
    if tamper != "seal":
        fam.seal(d, x + rng.randint(150, 280), y - body.size * rng.uniform(1.2, 2.4), rng.randint(125, 148),
                 e.company)
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"employer_only_in_seal": True, "net_monthly": float(net)})


def cert_voucher_book(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A leaf of a numbered 收入证明 voucher book, torn off its counterfoil, filled in by hand, scanned."""
    # Half a seal at the perforation, 第二联 printed on the side, the amount in 大写 and in per-digit boxes.
    e = fam.employee(rng, tamper)
    monthly = Decimal(rng.randrange(30, 480) * 100 + rng.choice([0, 0, 0, 50]))
    words_amount = monthly + (_words_delta(rng) if tamper == "words" else 0)
    serif = rng.random() < 0.5
    lf = fam.font(fam.SERIF if serif else fam.SANS, rng.randint(25, 28))
    hs = lf.size + rng.randint(2, 6)
    step = int(lf.size * rng.uniform(2.25, 2.5))
    vw, vh = rng.randint(1110, 1170), 50 + 58 + 46 + 7 * step + 10 + lf.size + rng.randint(80, 130)
    paper = rng.choice([(253, 236, 238), (252, 249, 226), (233, 242, 252), (250, 250, 247)])
    leaf = Image.new("RGB", (vw, vh), paper)
    d = ImageDraw.Draw(leaf)
    carbon = rng.random() < 0.5
    pen = (72, 60, 150) if carbon else rng.choice([fam.PEN, (25, 25, 35)])
    ink = rng.choice([(150, 30, 40), (30, 60, 120), INK])
    perf = rng.randint(52, 70)
    for yy in range(6, vh, 18):
        d.ellipse((perf - 3, yy, perf + 3, yy + 6), fill=(205, 205, 205))
    d.rectangle((perf + 24, 24, vw - 70, vh - 24), outline=ink, width=2)
    x0, right = perf + 60, vw - 100
    y = 50
    title = rng.choice(["收 入 证 明", "收入证明", "职工收入证明"])
    d.text(((x0 + right) / 2, y), title, font=fam.font(fam.SERIF_BOLD if serif else fam.SANS_BOLD, 44), fill=ink,
           anchor="ma")
    serial = f"{rng.randint(1, 99999):07d}"
    sf = mono(30, bold=True)
    d.text((vw - 90, y + 2), serial, font=sf, fill=(205, 30, 40), anchor="ra")
    d.text((vw - 96 - sf.getlength(serial), y + 8), "No", font=fam.font(fam.SANS_BOLD, 24), fill=ink, anchor="ra")
    y += 58
    d.line(((x0 + right) / 2 - 150, y, (x0 + right) / 2 + 150, y), fill=ink, width=2)
    d.line(((x0 + right) / 2 - 150, y + 5, (x0 + right) / 2 + 150, y + 5), fill=ink, width=1)
    copy = rng.choice(["第二联　交申请人", "第二联　交银行", "第二联　申请人留存", "第三联　交贷款银行"])
    vertical(d, vw - 42, 110, copy, fam.font(fam.SANS, 22), fill=ink)
    writing = Image.new("RGBA", leaf.size, (0, 0, 0, 0))
    y += 46
    since = e.since
    fill_line(leaf, x0, y, ["兹证明", (e.person.name, 170), rng.choice(["同志，", "，"]), "身份证号码",
                                  (e.person.id_number, 420)], lf, hs, rng, pen, ink, writing)
    y += step
    fill_line(leaf, x0, y, ["系我单位", (e.dept, 170), "部门", (e.title, 170), "，于", (str(since.year), 90),
                                  "年", (str(since.month), 50), "月入职。"], lf, hs, rng, pen, ink, writing)
    y += step
    yuan, whole = rng.choice([("元", "整"), ("圆", "整"), ("元", "正")])
    fill_line(leaf, x0, y, ["月收入人民币（大写）", (fam.to_words(words_amount, yuan, whole), 440)], lf, hs, rng,
              pen, ink, writing)
    # the per-digit boxes: 十万 万 仟 佰 拾 元 角 分, the ¥ in the box before the first digit
    units = ["十万", "万", "仟", "佰", "拾", "元", "角", "分"]
    bw, bh = rng.randint(40, 46), 30
    bx = right - len(units) * bw - 10
    by = y + step - 6
    digits = f"{int(monthly * 100):d}".rjust(len(units), " ")
    d.text((bx - 12, by + bh + 22), "小写", font=lf, fill=INK, anchor="rm")
    for i, unit in enumerate(units):
        cx = bx + i * bw
        d.rectangle((cx, by, cx + bw, by + bh), outline=ink, width=1)
        d.rectangle((cx, by + bh, cx + bw, by + bh + 50), outline=ink, width=1)
        d.text((cx + bw / 2, by + bh / 2), unit, font=fam.font(fam.SANS, 15 if len(unit) > 1 else 18), fill=ink,
               anchor="mm")
    first = next(i for i, ch in enumerate(digits) if ch != " ")
    marks = (["¥"] if first > 0 else []) + list(digits[first:])
    for k, ch in enumerate(marks):
        i = first - (1 if first > 0 else 0) + k
        hand(writing, bx + i * bw + bw / 2 - hs * 0.3, by + bh + 8, ch, hs, rng, pen)
    y += 2 * step + 10
    purpose = rng.choice(["办理个人住房贷款", "申请信用卡", "办理个人消费贷款", "办理车辆贷款"])
    fill_line(leaf, x0, y, ["用途：", (purpose, 300)], lf, hs, rng, pen, ink, writing)
    y += step
    end = fill_line(leaf, x0, y, ["单位名称（盖章）：", (e.company, 520)], lf, hs, rng, pen, ink, writing)
    seal_at = (end - rng.randint(160, 300), y + rng.randint(-10, 50))
    y += step
    fill_line(leaf, x0, y, ["经办人：", (e.hr, 140), "　联系电话：", (e.phone, 230)], lf, hs, rng, pen, ink, writing)
    y += step
    fill_line(leaf, x0, y, ["开具日期：", (str(e.issue.year), 90), "年", (str(e.issue.month), 50), "月",
                                  (str(e.issue.day), 50), "日"], lf, hs, rng, pen, ink, writing)
    if carbon:  # a carbon copy: the handwriting is fuzzier than the print
        writing = writing.filter(ImageFilter.GaussianBlur(1.0))
    leaf.paste(writing, (0, 0), writing)
    if tamper != "seal":
        r = rng.randint(110, 128)
        fam.seal(d, seal_at[0], seal_at[1], r, e.company)
        half = Image.new("RGB", leaf.size, (255, 255, 255))  # the 骑缝章: what the counterfoil did not take
        fam.seal(ImageDraw.Draw(half), perf, vh / 2 + rng.randint(-200, 200), r, e.company)
        half.paste((255, 255, 255), (0, 0, perf, vh))
        multiply(leaf, half)
    page = Image.new("RGB", (PAGE_W, PAGE_H), rng.choice([(246, 246, 246), (240, 240, 238), (250, 250, 250)]))
    angle = rng.uniform(-1.2, 1.2)
    rot = leaf.convert("RGBA").rotate(angle, resample=Image.BICUBIC, expand=True)
    page.paste(rot, (rng.randint(20, PAGE_W - rot.width - 20), rng.randint(30, 90)), rot)
    f = fam._fields(e.person.name, e.person.id_number, e.company, monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"serial": serial, "carbon_copy": carbon})


PLATFORMS = [("云犀人事", "yunxi-hr.cn"), ("简签", "jianqian.com.cn"), ("睿人事云", "ruirs.cn"),
             ("薪云帆", "xinyunfan.cn"), ("合约通", "heyuetong.cn")]


def watermark(page: Image.Image, text: str, rng: random.Random, size: int = 34) -> None:
    """Light diagonal text repeated over the whole page, as applicants (or platforms) mark copies."""
    w, h = page.size
    tile = Image.new("L", (2 * w, 2 * h), 0)
    td = ImageDraw.Draw(tile)
    fnt = fam.font(fam.SANS, size)
    gap_x, gap_y = int(fnt.getlength(text)) + rng.randint(120, 220), rng.randint(200, 280)
    for row, yy in enumerate(range(0, 2 * h, gap_y)):
        for xx in range(-(row % 2) * gap_x // 2, 2 * w, gap_x):
            td.text((xx, yy), text, font=fnt, fill=255)
    tile = tile.rotate(rng.choice([25, 30, 35, -30]), resample=Image.BICUBIC).crop((w // 2, h // 2, w // 2 + w,
                                                                                      h // 2 + h))
    shade = rng.randint(38, 60)
    layer = Image.eval(tile, lambda v: 255 - v * shade // 255).convert("RGB")
    multiply(page, layer)


def cert_esign_watermark(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Electronic 收入证明 from an HR e-signing platform, with a 仅供…使用 watermark over the page."""
    # An info card of label/value rows, QR code and 验证码, electronic seal, 签发日期 (sometimes with a time).
    months = rng.choice([3, 6, 12])
    basis = rng.choice([f"近{months}个月月均税前收入", "月收入（税前）", "税前月收入"])
    e = fam.employee(rng, tamper, step=rng.choice([100, 1]) if basis.startswith("近") else 100)
    s = fam.make_style(rng, sizes=(25, 28), serif_p=0.15, dates=("iso", "cn", "cn0", "slash"))
    platform, domain = rng.choice(PLATFORMS)
    accent = rng.choice([(22, 100, 200), (0, 130, 120), (90, 70, 170), (200, 90, 20)])
    page, d = fam.blank_page()
    page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
    x, right = rng.randint(100, 130), PAGE_W - rng.randint(100, 130)
    small = fam.font(fam.SANS, 19)
    y = 60
    d.text((x, y), f"{platform} · 电子证明", font=fam.font(fam.SANS_BOLD, 21), fill=accent)
    number = f"{rng.choice(['ZM', 'HR', 'EC'])}{e.issue:%Y%m%d}{rng.randint(10000, 99999)}"
    d.text((right, y + 2), f"证明编号：{number}", font=small, fill=GREY, anchor="ra")
    y += 40
    d.line((x, y, right, y), fill=accent, width=3)
    y += rng.randint(90, 130)
    d.text((PAGE_W / 2, y), rng.choice(["收入证明", "收入证明", "员工收入证明"]), font=s.f(50, bold=True), fill=INK,
           anchor="ma")
    y += 120
    body = s.f()
    y = fam.paragraphs(d, x, y, right - x, [rng.choice(["经核实，现就我司员工在职及收入情况证明如下：",
                                                        "兹证明以下员工为我单位在职员工，其收入情况如下："])],
                       body, indent=False)
    y += 20
    if rng.random() < 0.5 or e.monthly % 100:
        amount = f"¥{fam.money(e.monthly)}"
    else:
        amount = f"人民币{fam.money(e.monthly, s.thousands)}元"
    rows = [("员工姓名", e.person.name), ("证件类型", "居民身份证"), ("证件号码", e.person.id_number),
            ("入职日期", fam.fmt_date(e.since, rng.choice(["iso", "cn"]))), ("所在部门", e.dept), ("岗位", e.title),
            ("用工形式", rng.choice(["全职", "正式员工", "劳动合同制"])), (basis, amount),
            ("大写金额", fam.to_words(e.words_amount))]
    if rng.random() < 0.5:
        rows.append(("收入构成", rng.choice(["基本工资、岗位津贴、绩效奖金", "固定工资及月度绩效",
                                             "基本工资、各项补贴"])))
    if rng.random() < 0.4:
        rows.remove(("证件类型", "居民身份证"))
    row_h = rng.randint(60, 68)
    label_w = int(body.getlength("近12个月月均税前收入")) + 60
    card_h = row_h * len(rows) + 24
    d.rounded_rectangle((x, y, right, y + card_h), radius=14, fill=(246, 248, 251), outline=(214, 219, 228), width=2)
    ry = y + 12
    for i, (k, v) in enumerate(rows):
        mid = ry + row_h / 2
        d.text((x + 30, mid), k, font=s.f(s.size - 1), fill=(110, 115, 125), anchor="lm")
        vf = fit(v, s.f(s.size, bold=k == basis), right - x - label_w - 40)
        d.text((x + label_w, mid), v, font=vf, fill=INK, anchor="lm")
        if i < len(rows) - 1:
            d.line((x + 24, ry + row_h, right - 24, ry + row_h), fill=(226, 230, 236), width=1)
        ry += row_h
    y += card_h + 40
    notes = ["本证明仅用于证明上述员工的在职及收入情况，不作为我单位对其任何债务的担保依据。",
             f"本证明自签发之日起{rng.choice([30, 60, 90])}日内有效。可扫描下方二维码或登录 {domain} 输入验证码"
             f"核验真伪。"]
    y = fam.paragraphs(d, x, y, right - x, notes, s.f(s.size - 3), leading=1.7)
    y += rng.randint(60, 110)
    qr = rng.randint(150, 180)
    qr_code(d, x + 10, y, qr, rng)
    code = "".join(rng.choice("ABCDEFGHJKMNPQRSTUVWXY23456789") for _ in range(8))
    d.text((x + 10, y + qr + 16), f"验证码：{code[:4]}-{code[4:]}", font=s.f(20), fill=INK)
    d.text((x + 10, y + qr + 46), "扫码核验", font=s.f(18), fill=GREY)
    one_line = f"出具单位：{e.company}"
    if body.getlength(one_line) <= 640:
        sx = right - max(440, int(body.getlength(one_line)) + 10)
        d.text((sx, y + 10), one_line, font=body, fill=INK)
        yy = y + 10 + int(body.size * 1.9)
    else:
        sx = right - max(440, int(body.getlength(e.company)) + 10)
        d.text((sx, y + 10), "出具单位：", font=body, fill=INK)
        d.text((sx, y + 10 + int(body.size * 1.9)), e.company, font=body, fill=INK)
        yy = y + 10 + int(body.size * 3.8)
    when = dt.datetime.combine(e.issue, dt.time(rng.randint(9, 18), rng.randrange(60), rng.randrange(60)))
    stamp = s.day(e.issue) + (f" {when:%H:%M:%S}" if s.date in ("iso", "slash") and rng.random() < 0.6 else "")
    d.text((sx, yy), f"{rng.choice(['签发日期', '签发时间', '出具日期'])}：{stamp}", font=body, fill=INK)
    if tamper != "seal":
        fam.seal(d, sx + rng.randint(200, 300), y + rng.randint(20, 60), rng.randint(118, 135), e.company)
        d.text((sx, yy + int(body.size * 1.9)), rng.choice(["（已加盖电子签章）", "电子签章 · 有效"]), font=s.f(18),
               fill=GREY)
    d.line((x, PAGE_H - 110, right, PAGE_H - 110), fill=(220, 220, 220), width=1)
    d.text((PAGE_W / 2, PAGE_H - 95), f"{platform}电子签约服务 · 文件哈希 {rng.getrandbits(64):016x}",
           font=fam.font(fam.SANS, 16), fill=GREY, anchor="ma")
    bank = rng.choice([*fam.BANKS, "中信银行", "光大银行", "民生银行"])
    mark = rng.choice([f"仅供{bank}贷款审核使用", f"仅供办理{bank}信用卡使用", f"{e.person.name} 仅限本人使用",
                       f"{platform} {e.issue:%Y-%m-%d}"])
    watermark(page, mark, rng)
    f = fam._fields(e.person.name, e.person.id_number, e.company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"watermark": mark})


# ------------------------------------------------------------------------------------- 工资条 (payslips)


def status_bar(d: ImageDraw.ImageDraw, w: int, rng: random.Random, fill: tuple[int, int, int],
               clock: str | None = None) -> None:
    """A phone's status bar: the clock left, signal, network and battery right."""
    bold = fam.font(fam.SANS_BOLD, 28)
    d.text((50, 42), clock or f"{rng.randint(7, 23)}:{rng.randrange(60):02d}", font=bold, fill=fill, anchor="lm")
    bx = w - 56
    d.rounded_rectangle((bx - 46, 30, bx, 54), radius=7, outline=fill, width=2)
    d.rectangle((bx - 42, 34, bx - 42 + int(38 * rng.uniform(0.2, 0.95)), 50), fill=fill)
    net = rng.choice(["5G", "4G", ""])
    nf = fam.font(fam.SANS_BOLD, 21)
    d.text((bx - 60, 42), net, font=nf, fill=fill, anchor="rm")
    sx = bx - 60 - nf.getlength(net) - 44
    for i in range(4):
        d.rectangle((sx + i * 8, 50 - 5 - i * 5, sx + i * 8 + 5, 50), fill=fill)


def slip_tax_app(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Phone screenshot of the 个人所得税 app's 收入纳税明细 for a year: one card per 所得期间, newest first."""
    # Each card: 所得项目, 收入, 已申报税额, 扣缴义务人; the monthly income is the latest 工资薪金 收入.
    w, h = 750, rng.choice([1334, 1624, 1624])
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pays = fam.pay_series(rng, 12)
    year = pays[-1].paid.year
    pays = [p for p in pays if p.paid.year == year]
    items: list[tuple[str, dt.date, str, Decimal, Decimal]] = [
        ("工资薪金", p.paid, company, p.gross, p.tax) for p in pays]
    if rng.random() < 0.35 and len(pays) > 2:  # the year-end bonus, taxed on its own
        bonus = Decimal(rng.randrange(10, 60) * 1000)
        when = pays[rng.randrange(0, min(3, len(pays) - 1))].paid
        items.append(("全年一次性奖金收入", when, company, bonus, _q(bonus * Decimal("0.03"))))
    if rng.random() < 0.2:  # a side job's fee, withheld by someone else
        other = rng.choice([c for c in fam.EMPLOYERS if c != company])
        fee = Decimal(rng.randrange(8, 60) * 100)
        items.append(("劳务报酬", pays[rng.randrange(len(pays))].paid, other, fee, _q(max(Decimal(0), fee - 800)
                                                                                    * Decimal("0.2"))))
    items.sort(key=lambda it: (it[1], it[0] == "工资薪金"), reverse=True)
    blue = rng.choice([(38, 104, 226), (22, 119, 255), (214, 56, 48)])
    bg = (243, 244, 247)
    page = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(page)
    sans = functools.partial(fam.font, fam.SANS)
    bold = functools.partial(fam.font, fam.SANS_BOLD)
    d.rectangle((0, 0, w, 420), fill=blue)
    status_bar(d, w, rng, (255, 255, 255))
    d.text((34, 120), "‹", font=sans(56), fill=(255, 255, 255), anchor="lm")
    d.text((w / 2, 120), rng.choice(["收入纳税明细查询", "收入纳税明细"]), font=bold(34), fill=(255, 255, 255),
           anchor="mm")
    d.text((w - 40, 120), "筛选", font=sans(28), fill=(255, 255, 255), anchor="rm")
    d.text((44, 190), f"{year}年度", font=bold(32), fill=(255, 255, 255))
    d.polygon([(44 + bold(32).getlength(f"{year}年度") + 12, 204), (44 + bold(32).getlength(f"{year}年度") + 30, 204),
               (44 + bold(32).getlength(f"{year}年度") + 21, 214)], fill=(255, 255, 255))
    who = f"纳税人：{person.name}　{person.id_number[:4]}{'*' * 10}{person.id_number[-4:]}"
    d.text((w - 44, 196), who, font=sans(22), fill=(225, 235, 255), anchor="ra")
    total = sum((it[3] for it in items), Decimal(0))
    taxes = sum((it[4] for it in items), Decimal(0))
    for i, (label, value) in enumerate((("收入合计（元）", total), ("已申报税额合计（元）", taxes))):
        cx = 44 + i * (w - 88) / 2
        d.text((cx, 268), label, font=sans(24), fill=(225, 235, 255))
        d.text((cx, 306), fam.money(value), font=bold(40), fill=(255, 255, 255))
    y = 440
    chips = ["全部所得", "工资薪金", "劳务报酬", "经营所得"]
    cx = 32
    for i, chip in enumerate(chips):
        cw = sans(24).getlength(chip) + 40
        on = i == 0
        d.rounded_rectangle((cx, y, cx + cw, y + 48), radius=24, fill=blue if on else (255, 255, 255))
        d.text((cx + cw / 2, y + 24), chip, font=sans(24), fill=(255, 255, 255) if on else (90, 90, 95),
               anchor="mm")
        cx += cw + 16
    y += 74
    grey, dark = (140, 142, 150), (34, 34, 38)
    card_h = 176
    shown: list[tuple[str, dt.date, str, Decimal, Decimal]] = []
    for label, when, payer, income, tax in items:
        if y > h - 40:
            break
        d.rounded_rectangle((24, y, w - 24, y + card_h), radius=18, fill=(255, 255, 255))
        d.text((52, y + 28), label, font=bold(30), fill=dark)
        d.text((w - 52, y + 28), f"¥{fam.money(income)}", font=bold(30), fill=dark, anchor="ra")
        d.text((52, y + 80), f"所得期间：{when:%Y-%m}", font=sans(24), fill=grey)
        d.text((w - 52, y + 80), f"已申报税额 {fam.money(tax)}", font=sans(24), fill=grey, anchor="ra")
        d.text((52, y + 122), f"扣缴义务人：{payer}", font=fit(f"扣缴义务人：{payer}", sans(24), w - 150), fill=grey)
        d.text((w - 48, y + 134), "›", font=sans(34), fill=(190, 190, 195), anchor="rm")
        shown.append((label, when, payer, income, tax))
        y += card_h + 18
    d.rounded_rectangle((w / 2 - 134, h - 22, w / 2 + 134, h - 12), radius=5, fill=(20, 20, 20))
    latest = next(p for p in reversed(pays))
    f = fam._fields(person.name, None, company, latest.gross, None)
    return [page], fam.Facts(SLIP, f, tampered=tamper,
                             extra={**fam._slip_extra(latest), "income_period": f"{latest.paid:%Y-%m}",
                                    "cards_shown": len(shown), "source": "个税APP 收入纳税明细"})


def short_name(company: str) -> str:
    """What an SMS signature calls a company: 苏州工业园区恒信精密制造有限公司 -> 恒信精密."""
    name = company
    for city in [*CITIES, "苏州工业园区", "佛山顺德", "珠海横琴"]:
        if name.startswith(city):
            name = name[len(city):]
    for tail in ["股份有限公司", "有限责任公司", "有限公司", "集团", "（普通合伙）"]:
        name = name.replace(tail, "")
    name = name.split("（")[0].split("）")[-1]
    return name[:4] if len(name) > 4 else name


def slip_sms_thread(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Phone screenshot of the SMS thread in which the payroll number texts each month's 工资条."""
    # Items, 应发, deductions and 实发 in running text with the pay date; the latest message at the bottom.
    w, h = 750, 1624
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pays = fam.pay_series(rng, rng.randint(3, 5))
    full_sig = rng.random() < 0.5
    sig = company if full_sig else short_name(company)
    sender = "10657" + "".join(str(rng.randrange(10)) for _ in range(rng.choice([7, 8, 9])))
    card_tail = "".join(str(rng.randrange(10)) for _ in range(4))
    unit = rng.choice(["元", ""])
    colon = rng.choice(["", ":", "："])
    split = rng.random() < 0.5
    gross_label = rng.choice(["应发合计", "应发工资", "税前工资"])
    net_label = rng.choice(["实发工资", "实发", "实发金额"])
    greeting = rng.choice([f"{person.name}您好", f"尊敬的{person.name}", f"{person.name}"])
    tail = (f"如有疑问请联系{company}人力资源部。" if not full_sig else
            rng.choice(["如有疑问请联系人力资源部。", "工资信息请注意保密。", "回复TD退订"]))

    def text(p: fam.Pay) -> str:
        def item(k: str, v: Decimal, minus: bool = False) -> str:
            return f"{k}{colon}{'-' if minus else ''}{fam.money(v, False)}{unit}"

        earn = [item(k, v) for k, v in p.earnings if v]
        if split:
            ded = [item("养老", p.pension, True), item("医疗", p.medical, True), item("失业", p.unemployment, True)]
        else:
            ded = [item("社保", p.social, True)]
        ded += [item("公积金", p.fund, True), item("个税", p.tax, True)]
        body = (f"【{sig}】{greeting}，您{p.month.year}年{p.month.month}月工资已于{p.paid:%Y-%m-%d}发放至尾号"
                f"{card_tail}的工资卡，明细：{'，'.join(earn)}；{item(gross_label, p.gross)}；{'，'.join(ded)}；"
                f"{item(net_label, p.net)}。")
        return body + tail

    page = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(page)
    sans = functools.partial(fam.font, fam.SANS)
    size = rng.randint(27, 30)
    bubble_w = w - 190
    stamp_how = rng.choice(["cn", "dash", "am"])
    bubble = rng.choice([(236, 236, 240), (242, 242, 246)])
    dark = (28, 28, 30)
    # the thread is laid out from the input bar up; older messages scroll away under the title bar
    bottom = h - 130
    d.rectangle((0, bottom, w, h), fill=(248, 248, 250))
    d.rounded_rectangle((100, bottom + 22, w - 100, bottom + 82), radius=30, outline=(210, 210, 215), width=2)
    d.text((130, bottom + 52), "短信", font=sans(26), fill=(170, 170, 175), anchor="lm")
    y = bottom - 24
    shown: list[fam.Pay] = []
    for p in reversed(pays):
        lines = fam.wrap(text(p), sans(size), bubble_w - 48)
        bh = int(len(lines) * size * 1.45) + 36
        top = y - bh
        d.rounded_rectangle((28, top, 28 + bubble_w, y), radius=26, fill=bubble)
        ty = top + 18
        for line in lines:
            d.text((52, ty), line, font=sans(size), fill=dark)
            ty += int(size * 1.45)
        sent = dt.datetime.combine(p.paid, dt.time(rng.randint(9, 11), rng.randrange(60)))
        stamp = {"cn": f"{sent.month}月{sent.day}日 {sent:%H:%M}", "dash": f"{sent:%m-%d %H:%M}",
                 "am": f"{sent.month}月{sent.day}日 上午{sent.hour}:{sent:%M}"}[stamp_how]
        y = top - 22
        d.text((w / 2, y - 16), stamp, font=sans(22), fill=(150, 150, 155), anchor="mm")
        y -= 52
        shown.append(p)
        if y < 200:  # the rest has scrolled away under the title bar
            break
    d.rectangle((0, 0, w, 200), fill=(255, 255, 255))
    status_bar(d, w, rng, dark)
    d.text((34, 130), "‹", font=sans(60), fill=dark, anchor="lm")
    d.ellipse((w / 2 - 34, 84, w / 2 + 34, 152), fill=rng.choice([(120, 150, 210), (150, 160, 175)]))
    d.text((w / 2, 118), "1", font=fam.font(fam.SANS_BOLD, 30), fill=(255, 255, 255), anchor="mm")
    d.text((w / 2, 176), sender, font=sans(24), fill=dark, anchor="mm")
    d.line((0, 200, w, 200), fill=(228, 228, 232), width=1)
    latest = pays[-1]
    f = fam._fields(person.name, None, company, latest.gross, latest.paid)
    return [page], fam.Facts(SLIP, f, tampered=tamper,
                             extra={**fam._slip_extra(latest), "messages_shown": len(shown)})


def _last_paid_month(rng: random.Random) -> tuple[dt.date, dt.date]:
    """A recent pay month and its pay date (in the next month), already past."""
    month = fam.add_months(dt.date(fam.TODAY.year, fam.TODAY.month, 1), -rng.choice([1, 1, 2]))
    paid = fam.add_months(month, 1).replace(day=rng.choice([8, 10, 12, 15, 18, 20, 25]))
    while paid >= fam.TODAY:
        month = fam.add_months(month, -1)
        paid = fam.add_months(month, 1).replace(day=paid.day)
    return month, paid


def slip_pay_envelope(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A factory's printed 工资袋 (kraft pay envelope) filled in by hand, scanned on an A4 bed."""
    # Items, 应发合计, deductions such as 住宿费 and 借支, 扣款合计, 实发, the worker's signature.
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    month, paid = _last_paid_month(rng)
    base = Decimal(rng.randrange(2200, 4600, 10))
    hours = Decimal(rng.randint(16, 96)) + (Decimal("0.5") if rng.random() < 0.3 else 0)
    rate = _q(base / Decimal("21.75") / 8 * Decimal("1.5"))
    overtime = _q(hours * rate)
    earnings = [("基本工资", base), ("加班工资", overtime),
                ("全勤奖", Decimal(rng.choice([0, 100, 150, 200, 300]))),
                (rng.choice(["岗位津贴", "技能津贴", "计件奖"]), Decimal(rng.choice([0, 200, 300, 500, 800]))),
                (rng.choice(["其他补贴", "高温补贴", "夜班补贴"]), Decimal(rng.choice([0, 0, 120, 150, 300])))]
    gross = sum((v for _, v in earnings), Decimal(0))
    social = _q(Decimal(rng.choice([4000, 4200, 4500])) * Decimal("0.105"))
    deductions = [("社保", social), ("住宿费", Decimal(rng.choice([0, 100, 150, 200]))),
                  ("水电费", Decimal(rng.randint(0, 90)) if rng.random() < 0.6 else Decimal(0)),
                  ("伙食费", Decimal(rng.choice([0, 150, 240, 300]))),
                  ("个税", fam._tax(gross - social - 5000)),
                  ("借支", Decimal(rng.choice([0, 0, 0, 500, 1000])))]
    total_ded = sum((v for _, v in deductions), Decimal(0))
    net = gross - total_ded
    ew, eh = rng.randint(780, 860), 2000
    kraft = rng.choice([(222, 190, 140), (214, 178, 126), (236, 222, 196), (246, 244, 238)])
    env = Image.new("RGB", (ew, eh), kraft)
    d = ImageDraw.Draw(env)
    for _ in range(600):  # paper fibres
        fx, fy = rng.randrange(ew), rng.randrange(eh)
        shade = tuple(max(0, c - rng.randint(8, 22)) for c in kraft)
        d.line((fx, fy, fx + rng.randint(-9, 9), fy + rng.randint(-3, 3)), fill=shade, width=1)
    flap = rng.randint(90, 120)
    darker = tuple(max(0, c - 16) for c in kraft)
    d.polygon([(0, 0), (ew, 0), (ew - 60, flap), (60, flap)], fill=darker)
    d.line((60, flap, ew - 60, flap), fill=tuple(max(0, c - 40) for c in kraft), width=2)
    ink = rng.choice([(190, 36, 40), (30, 30, 30), (30, 70, 140)])
    pen = rng.choice([fam.PEN, (25, 25, 35)])
    x0, x1 = 60, ew - 60
    y = flap + 36
    printed_company = rng.random() < 0.6
    if printed_company:
        cf = fit(company, fam.font(fam.SANS_BOLD, 30), x1 - x0)
        d.text((ew / 2, y), company, font=cf, fill=ink, anchor="ma")
        y += 52
    d.text((ew / 2, y), rng.choice(["工 资 袋", "工资袋", "工 资 单"]), font=fam.font(fam.SERIF_BOLD, 58), fill=ink,
           anchor="ma")
    y += 96
    lf = fam.font(fam.SANS, 26)
    hs = rng.randint(29, 33)
    row = rng.randint(52, 58)
    if not printed_company:
        fill_line(env, x0, y, ["单位：", (company, x1 - x0 - lf.getlength("单位：") - 4)], lf, hs - 2, rng, pen, ink)
        y += row
    fill_line(env, x0, y, [(str(month.year), 100), "年", (str(month.month), 60), "月份"], lf, hs, rng, pen, ink)
    y += row + 6
    w_label = int((x1 - x0) * 0.42)
    d.rectangle((x0, y, x1, y + row), outline=ink, width=2)
    d.line((x0 + w_label, y, x0 + w_label, y + row), fill=ink, width=2)
    d.text((x0 + w_label / 2, y + row / 2), "姓　名", font=lf, fill=ink, anchor="mm")
    hand(env, x0 + w_label + 30, y + (row - hs) / 2 - 4, person.name, hs, rng, pen)
    y += row
    d.rectangle((x0, y, x1, y + row), outline=ink, width=2)
    d.line((x0 + w_label, y, x0 + w_label, y + row), fill=ink, width=2)
    d.text((x0 + w_label / 2, y + row / 2), "项　目", font=fam.font(fam.SANS_BOLD, 26), fill=ink, anchor="mm")
    d.text((x0 + w_label + (x1 - x0 - w_label) / 2, y + row / 2), "金　额", font=fam.font(fam.SANS_BOLD, 26),
           fill=ink, anchor="mm")
    y += row
    blank = rng.choice(["", "/", "—"])
    cents = rng.random() < 0.4

    def money_text(v: Decimal) -> str:
        return f"{v:.2f}" if v != v.to_integral() or cents else f"{v:.0f}"

    def line(label: str, value: Decimal | None, strong: bool = False) -> None:
        nonlocal y
        d.rectangle((x0, y, x1, y + row), outline=ink, width=2)
        d.line((x0 + w_label, y, x0 + w_label, y + row), fill=ink, width=2)
        d.text((x0 + 22, y + row / 2), label, font=fam.font(fam.SANS_BOLD if strong else fam.SANS, 26), fill=ink,
               anchor="lm")
        shown = blank if value is None or value == 0 else money_text(value)
        if shown:
            hand(env, x1 - hand_width(shown, hs) - 40, y + (row - hs) / 2 - 4, shown, hs, rng, pen)
        y += row

    for k, v in earnings:
        line(k, v)
    line(rng.choice(["应发合计", "应发工资", "应发金额"]), gross, True)
    for k, v in deductions:
        line(("扣：" if k == "社保" else "　　") + k, v)
    line("扣款合计", total_ded, True)
    line(rng.choice(["实发金额", "实发工资", "实领金额"]), net, True)
    y += 30
    end = fill_line(env, x0, y, ["领款人签字："], lf, hs, rng, pen, ink)
    scrawl(env, end + 10, y - 30, person.name, hs + 10, rng, pen)
    y += row + 10
    dated = rng.random() < 0.55
    fill_line(env, x0, y, ["发放日期：", (fam.fmt_date(paid, rng.choice(["cn", "dot", "iso"])) if dated else "", 260)],
              lf, hs, rng, pen, ink)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.55:
        fam.seal(d, x1 - rng.randint(140, 220), y - rng.randint(40, 160), rng.randint(100, 118), company)
        seals = (1,)
    env = env.crop((0, 0, ew, y + row + rng.randint(50, 110)))
    if env.height > PAGE_H - 90:
        env = env.resize((int(ew * (PAGE_H - 90) / env.height), PAGE_H - 90), Image.LANCZOS)
    page = Image.new("RGB", (PAGE_W, PAGE_H), rng.choice([(244, 244, 244), (236, 236, 234)]))
    rot = env.convert("RGBA").rotate(rng.uniform(-2.0, 2.0), resample=Image.BICUBIC, expand=True)
    at = ((PAGE_W - rot.width) // 2 + rng.randint(-80, 80), rng.randint(40, max(41, PAGE_H - rot.height - 40)))
    page.paste(rot, at, rot)
    f = fam._fields(person.name, None, company, gross, paid if dated else None)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={"pay_month": f"{month:%Y-%m}", "gross_pay": float(gross), "net_pay": float(net)})


def redact(page: Image.Image, box: tuple[float, float, float, float], how: str, rng: random.Random) -> None:
    """Hide a region as applicants hide their colleagues' rows: a black marker, a mosaic or a white box."""
    x0, y0, x1, y1 = (int(v) for v in box)
    d = ImageDraw.Draw(page)
    if how == "marker":
        for _ in range(3):
            d.rectangle((x0 + rng.randint(-4, 2), y0 + rng.randint(-2, 2), x1 + rng.randint(-2, 6),
                         y1 + rng.randint(-2, 2)), fill=(18, 18, 20))
    elif how == "mosaic":
        region = page.crop((x0, y0, x1, y1))
        cell = rng.randint(10, 14)
        small = region.resize((max(1, (x1 - x0) // cell), max(1, (y1 - y0) // cell)), Image.BILINEAR)
        page.paste(small.resize(region.size, Image.NEAREST), (x0, y0))
    else:
        d.rectangle((x0, y0, x1, y1), fill=(255, 255, 255), outline=(200, 200, 200), width=1)


def slip_redacted_roster(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A department's monthly 工资发放表 with every colleague's row hidden by the applicant."""
    # Landscape; the other rows blacked out, mosaicked or whited out, the applicant's row sometimes highlighted.
    s = fam.make_style(rng, sizes=(17, 19), serif_p=0.2)
    s.thousands = rng.random() < 0.3
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    mine = fam.pay_series(rng, 1)[0]
    n = rng.randint(8, 14)
    me = rng.randrange(n)
    others = [fam.pay_series(rng, 1)[0] for _ in range(n - 1)]
    pays = [*others[:me], mine, *others[me:]]
    names = [fam.person_name(rng) for _ in range(n)]
    names[me] = person.name
    with_id = rng.random() < 0.35
    size = (PAGE_H, PAGE_W)
    page, d = fam.blank_page(size)
    page.paste((255, 255, 255), (0, 0, *size))
    x = rng.randint(40, 60)
    total_w = size[0] - 2 * x
    y = rng.randint(60, 90)
    dept = rng.choice(fam.DEPARTMENTS)[0]
    d.text((size[0] / 2, y), f"{company}", font=s.f(30, bold=True), fill=INK, anchor="ma")
    y += 50
    sheet_title = fam.fmt_month(mine.month, rng.choice(["cn", "cn0"])) + rng.choice(["工资发放表", "员工工资表",
                                                                                     "工资明细表"])
    d.text((size[0] / 2, y), sheet_title, font=s.f(34, bold=True), fill=INK, anchor="ma")
    y += 64
    d.text((x, y), f"部门：{dept}", font=s.f(20), fill=INK)
    d.text((size[0] - x, y), "单位：元", font=s.f(20), fill=INK, anchor="ra")
    y += 40
    gross_label, net_label = rng.choice(fam.GROSS), rng.choice(fam.NET)
    perf_label = mine.earnings[-2][0]
    cols: list[tuple[str, float, Callable[[fam.Pay], str]]] = [("序号", 0.5, lambda p: "")]
    cols.append(("姓名", 0.9, lambda p: ""))
    if with_id:
        cols.append(("身份证号", 2.1, lambda p: ""))
    cols += [("基本工资", 1, lambda p: s.num(p.earnings[0][1])),
             ("岗位工资", 1, lambda p: s.num(dict(p.earnings).get("岗位工资", Decimal(0)))),
             (perf_label, 1, lambda p: s.num(p.earnings[-2][1])),
             ("补贴", 0.9, lambda p: s.num(p.earnings[-1][1])),
             (gross_label, 1.1, lambda p: s.num(p.gross))]
    if with_id:
        cols.append(("社保", 0.95, lambda p: s.num(p.social)))
    else:
        cols += [("养老", 0.9, lambda p: s.num(p.pension)), ("医疗", 0.85, lambda p: s.num(p.medical)),
                 ("失业", 0.8, lambda p: s.num(p.unemployment))]
    cols += [("公积金", 0.9, lambda p: s.num(p.fund)), ("个税", 0.9, lambda p: s.num(p.tax)),
             ("扣款合计", 1, lambda p: s.num(p.deductions)), (net_label, 1.1, lambda p: s.num(p.net)),
             ("签名", 1.0, lambda p: "")]
    weights = [c[1] for c in cols]
    widths = [int(total_w * wgt / sum(weights)) for wgt in weights]
    widths[-1] += total_w - sum(widths)
    ids = {i: make_person(rng).id_number for i in range(n)}
    ids[me] = person.id_number
    rows: list[list[fam.Cell]] = []
    for i, p in enumerate(pays):
        row = [str(i + 1), names[i]] + ([ids[i]] if with_id else []) + [fn(p) for _, _, fn in cols[(3 if with_id
                                                                                                     else 2):]]
        rows.append(row)
    sums = fam.Pay(mine.month, [(k, sum((dict(p.earnings).get(k, Decimal(0)) for p in pays), Decimal(0)))
                                for k, _ in mine.earnings], sum((p.gross for p in pays), Decimal(0)),
                   sum((p.pension for p in pays), Decimal(0)), sum((p.medical for p in pays), Decimal(0)),
                   sum((p.unemployment for p in pays), Decimal(0)), sum((p.fund for p in pays), Decimal(0)),
                   sum((p.tax for p in pays), Decimal(0)), mine.paid)
    total_row: list[fam.Cell] = ["合计", ""] + ([""] if with_id else [])
    for label, _, fn in cols[(3 if with_id else 2):-1]:
        if label == "岗位工资":
            total_row.append(s.num(sum((dict(p.earnings).get("岗位工资", Decimal(0)) for p in pays), Decimal(0))))
        elif label in (perf_label, "补贴"):
            total_row.append(s.num(sum((p.earnings[-2 if label == perf_label else -1][1] for p in pays), Decimal(0))))
        else:
            total_row.append(fn(sums))
    total_row.append("")
    head_h, row_h = 54, rng.randint(42, 48)
    top = y
    y = fam.table(d, x, y, widths, [[c[0] for c in cols]], s.f(), head_h, head=s.f(bold=True),
                  head_fill=(236, 236, 236) if rng.random() < 0.5 else None)
    y = fam.table(d, x, y, widths, [*rows, total_row], s.f(), row_h, head_rows=0,
                  aligns="cc" + ("c" if with_id else "") + "r" * (len(cols) - (4 if with_id else 3)) + "c")
    sign_x = x + sum(widths[:-1])
    my_top = top + head_h + me * row_h
    sig = int(row_h * 0.6)
    scrawl(page, sign_x + 6, my_top + row_h / 2 - sig * 1.05, person.name, sig, rng)
    if rng.random() < 0.5:
        hl = Image.new("RGB", size, (255, 255, 255))
        ImageDraw.Draw(hl).rectangle((x + 2, my_top + 3, x + total_w - 2, my_top + row_h - 3), fill=(255, 240, 120))
        multiply(page, hl)
    how = rng.choice(["marker", "marker", "mosaic", "white"])
    keep_index = rng.random() < 0.6
    for i in range(n):
        if i != me:
            ry = top + head_h + i * row_h
            redact(page, (x + (widths[0] if keep_index else 0) + 3, ry + 3, x + total_w - 3, ry + row_h - 3), how, rng)
    totals_hidden = rng.random() < 0.5
    if totals_hidden:
        ry = top + head_h + n * row_h
        redact(page, (x + widths[0] + widths[1] + 3, ry + 3, x + total_w - 3, ry + row_h - 3), how, rng)
    d = ImageDraw.Draw(page)
    y += 36
    signers = f"制表：{fam.person_name(rng)}　　审核：{fam.person_name(rng)}　　部门负责人：{fam.person_name(rng)}"
    d.text((x, y), signers, font=s.f(20), fill=INK)
    issue = mine.paid if rng.random() < 0.6 else None
    if issue:
        d.text((size[0] - x, y), f"{rng.choice(['发放日期', '发放时间'])}：{s.day(issue)}", font=s.f(20), fill=INK,
               anchor="ra")
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        fam.seal(d, size[0] - rng.randint(260, 420), min(y + 60, size[1] - 130), rng.randint(100, 115), company)
        seals = (1,)
    f = fam._fields(person.name, person.id_number if with_id else None, company, mine.gross, issue)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={**fam._slip_extra(mine), "rows": n, "row_shown": me + 1, "redaction": how,
                                    "totals_hidden": totals_hidden})


# ------------------------------------------------------------------------- 银行流水 (bank statements)


@dataclass
class Acct:
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
    s: fam.Style

    def id_text(self) -> str:
        return self.person.id_number if self.id_mode == "full" else fam.mask_id(self.person.id_number)


@dataclass
class Drawn:
    """A statement's pages and what they show."""

    pages: list[Image.Image]
    shown: list[list[fam.Tx]]  # the transactions each page shows
    print_date: dt.date | None  # the print date the document states, None when it states none
    print_on_first: bool  # whether page 1 states it
    seal_page: int | None  # the page the seal is on


Build = Callable[[random.Random, Acct, list[fam.Tx]], Drawn]


def _statement(rng: random.Random, tamper: str | None, banks: list[str], build: Build, marks: tuple[str, ...],
               dates: tuple[str, ...], months: tuple[int, int] = (3, 5), per_month: tuple[int, int] = (3, 7),
               id_modes: tuple[str, ...] = ("full", "masked", "none"), max_pages: int = 5,
               ) -> tuple[list[Image.Image], fam.Facts]:
    """A statement for one invented person; build lays out the transactions. A statement over max_pages pages is
    drawn again over fewer months (the service reads five pages)."""
    person, company, bank = make_person(rng), rng.choice(fam.EMPLOYERS), rng.choice(banks)
    end = fam.TODAY - dt.timedelta(days=rng.randint(3, 25))
    printed_day = end + dt.timedelta(days=rng.randint(0, 2))
    printed = dt.datetime.combine(printed_day, dt.time(rng.randint(8, 21), rng.randrange(60), rng.randrange(60)))
    mark = rng.choice(marks)
    id_mode = rng.choice(id_modes)
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
        acct = Acct(person, company, bank, start, end, printed, id_mode, mark, account, tamper != "seal", s)
        drawn = build(rng, acct, txs)
        if len(drawn.pages) <= max_pages or n_months <= 2:
            break
        n_months -= 1
    seen: set[int] = set()
    shown_all = []
    for page_txs in drawn.shown:  # a transaction shown twice (overlapping screenshots) counts once
        for t in page_txs:
            if id(t) not in seen:
                seen.add(id(t))
                shown_all.append(t)
    id_number = person.id_number if id_mode == "full" else None
    f = fam._fields(person.name, id_number, None, fam.salary_mean(shown_all), drawn.print_date)
    first = None
    if len(drawn.pages) > 1:
        first = fam._fields(person.name, id_number, None, fam.salary_mean(drawn.shown[0]),
                            drawn.print_date if drawn.print_on_first else None)
    seals = (drawn.seal_page,) if drawn.seal_page else ()
    info = {"bank": bank, "salary_by_month": fam.salary_by_month(shown_all), "salary_mark": mark, "id_shown": id_mode,
            "rows": len(shown_all), "rows_per_page": [len(t) for t in drawn.shown],
            "print_date_on_page_1": drawn.print_on_first}
    return drawn.pages, fam.Facts(STMT, f, first, seals, None, tamper, info)


WEB_BANKS = {"中信银行": "https://i.bank.ecitic.com/perbank6/pb1310_account_detail.do",
             "中国光大银行": "https://www.cebbank.com/per/prePerlogin.do?_locale=zh_CN",
             "华夏银行": "https://sbank.hxb.com.cn/easybanking/jsp/indexPerson.jsp",
             "中国民生银行": "https://nper.cmbc.com.cn/pweb/static/index.html#/account/detail",
             "广发银行": "https://ebanks.cgbchina.com.cn/perbank/AcctDetailQuery.do"}


def stmt_browser_print(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A 网上银行 账户明细查询 page printed from a web browser, the browser's header and footer on every sheet."""
    # Date/time, page title, URL and page count; the bank's nav bar, the query form, zebra rows and the pager.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        url = WEB_BANKS[c.bank]
        accent = {"中信银行": (200, 20, 40), "中国光大银行": (100, 40, 140), "华夏银行": (210, 30, 30),
                  "中国民生银行": (0, 110, 180), "广发银行": (205, 30, 40)}[c.bank]
        x, right = rng.randint(56, 80), PAGE_W - rng.randint(56, 80)
        sans = functools.partial(fam.font, fam.SANS)
        bold = functools.partial(fam.font, fam.SANS_BOLD)
        fs = rng.randint(17, 19)
        browser_time = rng.choice([f"{c.printed:%Y/%m/%d %H:%M}", f"{c.printed.year}/{c.printed.month}/"
                                   f"{c.printed.day} {c.printed:%H:%M}", f"{c.printed:%y/%m/%d %H:%M}"])
        page_title = f"{c.bank}个人网上银行"
        newest_first = rng.random() < 0.5
        rows = list(reversed(txs)) if newest_first else list(txs)
        variant = rng.randrange(3)
        if variant == 0:
            cols = ["交易日期", "摘要", "收入金额", "支出金额", "账户余额", "对方户名", "附言"]
            widths = [1.45, 1.1, 1.15, 1.15, 1.25, 2.2, 1.3]
        elif variant == 1:
            cols = ["交易时间", "交易类型", "交易金额", "余额", "对方账户名称", "备注"]
            widths = [1.75, 1.2, 1.3, 1.3, 2.4, 1.6]
        else:
            cols = ["记账日期", "收/支", "金额(元)", "余额(元)", "交易摘要", "对方信息"]
            widths = [1.3, 0.75, 1.3, 1.3, 1.6, 3.2]
        total_w = right - x
        px = [int(total_w * wgt / sum(widths)) for wgt in widths]
        px[-1] += total_w - sum(px)
        income_ink = rng.choice([(200, 40, 40), (20, 140, 60), INK])

        def desc_of(t: fam.Tx) -> str:
            return t.desc

        def cells_of(t: fam.Tx) -> list[tuple[str, tuple[int, int, int]]]:
            memo = t.memo
            if variant == 0:
                return [(s.day(t.when.date()), INK), (desc_of(t), INK),
                        (s.num(t.amount) if t.amount > 0 else "", income_ink),
                        (s.num(-t.amount) if t.amount < 0 else "", INK), (s.num(t.balance), INK), (t.party, INK),
                        (memo, INK)]
            if variant == 1:
                sign = "+" if t.amount > 0 else "-"
                return [(f"{s.day(t.when.date())} {t.when:%H:%M:%S}", INK), (desc_of(t), INK),
                        (f"{sign}{s.num(abs(t.amount))}", income_ink if t.amount > 0 else INK),
                        (s.num(t.balance), INK), (t.party, INK), (memo, INK)]
            other = " ".join(v for v in (t.party, t.account[-4:] and f"({t.account[:4]}***{t.account[-4:]})") if v)
            ink = income_ink if t.amount > 0 else INK
            return [(s.day(t.when.date()), INK), ("收入" if t.amount > 0 else "支出", ink),
                    (s.num(abs(t.amount)), ink), (s.num(t.balance), INK),
                    (desc_of(t) + (f" {memo}" if memo else ""), INK), (other, INK)]

        row_h = int(fs * 2.3)
        head_h = int(fs * 2.5)
        repeat_head = rng.random() < 0.6
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        income = sum((t.amount for t in txs if t.amount > 0), Decimal(0))
        spend = -sum((t.amount for t in txs if t.amount < 0), Decimal(0))
        while True:
            page, d = fam.blank_page()
            page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
            p = len(pages) + 1
            y = 80
            if p == 1:
                d.ellipse((x, y, x + 54, y + 54), fill=accent)
                logo = {"中信银行": "信", "中国光大银行": "光", "华夏银行": "华", "中国民生银行": "民",
                        "广发银行": "广"}
                d.text((x + 27, y + 27), logo[c.bank], font=bold(28),
                       fill=(255, 255, 255), anchor="mm")
                d.text((x + 68, y + 2), c.bank, font=bold(30), fill=accent)
                d.text((x + 68, y + 40), "个人网上银行", font=sans(18), fill=GREY)
                d.text((right, y + 6), f"您好，{c.person.name}！", font=sans(19), fill=INK, anchor="ra")
                last = c.printed - dt.timedelta(days=rng.randint(1, 9), minutes=rng.randint(1, 900))
                d.text((right, y + 34), f"上次登录：{last:%Y-%m-%d %H:%M:%S}", font=sans(16), fill=GREY, anchor="ra")
                y += 76
                d.rectangle((x, y, right, y + 46), fill=accent)
                nx = x + 20
                for k, item in enumerate(["首页", "我的账户", "转账汇款", "信用卡", "投资理财", "贷款", "生活缴费"]):
                    if k == 1:
                        d.rectangle((nx - 14, y, nx + sans(19).getlength(item) + 14, y + 46), fill=(255, 255, 255))
                    d.text((nx, y + 23), item, font=sans(19), fill=accent if k == 1 else (255, 255, 255),
                           anchor="lm")
                    nx += sans(19).getlength(item) + 44
                y += 66
                d.text((x, y), "当前位置：我的账户 > 账户管理 > 账户明细查询", font=sans(17), fill=GREY)
                y += 40
                box_h = 128
                d.rectangle((x, y, right, y + box_h), outline=(214, 214, 220), fill=(249, 250, 252), width=1)
                fy = y + 18
                masked = f"{c.account[:4]} **** **** {c.account[-4:]}"

                def field(fx: float, fy: float, label: str, value: str, w: int, d: ImageDraw.ImageDraw = d) -> None:
                    d.text((fx, fy + 16), label, font=sans(18), fill=INK, anchor="lm")
                    bx = fx + sans(18).getlength(label) + 8
                    d.rectangle((bx, fy, bx + w, fy + 32), outline=(190, 190, 198), fill=(255, 255, 255))
                    d.text((bx + 8, fy + 16), value, font=sans(17), fill=INK, anchor="lm")

                field(x + 20, fy, "查询账户：", f"{masked}  {c.person.name}  活期", 430)
                field(x + 640, fy, "币种：", "人民币", 150)
                fy += 52
                field(x + 20, fy, "起始日期：", c.start.isoformat(), 170)
                field(x + 330, fy, "截止日期：", c.end.isoformat(), 170)
                field(x + 640, fy, "收支类型：", "全部", 110)
                for k, label in enumerate(["查 询", "下载"]):
                    bx = right - 220 + k * 110
                    d.rounded_rectangle((bx, fy, bx + 96, fy + 32), radius=4,
                                        fill=accent if k == 0 else (255, 255, 255), outline=accent)
                    d.text((bx + 48, fy + 16), label, font=sans(17), fill=(255, 255, 255) if k == 0 else accent,
                           anchor="mm")
                y += box_h + 24
                d.text((x, y), f"查询结果：共 {len(txs)} 笔　　收入合计：{s.num(income)}　　支出合计：{s.num(spend)}",
                       font=sans(18), fill=INK)
                y += 40
            else:
                y = 80
            if p == 1 or repeat_head:
                d.rectangle((x, y, right, y + head_h), fill=(238, 241, 246))
                cx = x
                for col, w in zip(cols, px):
                    d.text((cx + 10, y + head_h / 2), col, font=bold(fs), fill=INK, anchor="lm")
                    cx += w
                y += head_h
            here: list[fam.Tx] = []
            while i < len(rows) and y + row_h < PAGE_H - 120:
                t = rows[i]
                if i % 2:
                    d.rectangle((x, y, right, y + row_h), fill=(247, 248, 250))
                d.line((x, y + row_h, right, y + row_h), fill=(228, 230, 234), width=1)
                cx = x
                for (text, ink), w in zip(cells_of(t), px):
                    f = fit(text, sans(fs), w - 14)
                    d.text((cx + 10, y + row_h / 2), text, font=f, fill=ink, anchor="lm")
                    cx += w
                here.append(t)
                y += row_h
                i += 1
            pages.append((page, d))
            shown.append(here)
            if i >= len(rows):
                if y + 90 < PAGE_H - 120:
                    n_web = max(1, math.ceil(len(txs) / rng.choice([50, 100])))
                    pager = "首页　上一页　" + "　".join(str(k) for k in range(1, n_web + 1)) + "　下一页　尾页"
                    d.text((right, y + 24), pager, font=sans(17), fill=GREY, anchor="ra")
                    d.text((x, y + 60), "温馨提示：以上信息仅供参考，具体以我行系统记录为准。", font=sans(16),
                           fill=GREY)
                break
        n = len(pages)
        tiny = sans(15)
        for p, (_, d) in enumerate(pages, start=1):
            d.text((40, 28), browser_time, font=tiny, fill=INK)
            d.text((PAGE_W / 2, 28), page_title, font=tiny, fill=INK, anchor="ma")
            d.text((40, PAGE_H - 44), url, font=tiny, fill=INK)
            d.text((PAGE_W - 40, PAGE_H - 44), f"{p}/{n}", font=tiny, fill=INK, anchor="ra")
        return Drawn([pg for pg, _ in pages], shown, c.printed.date(), True, None)

    return _statement(rng, tamper, list(WEB_BANKS), build, ("desc", "desc", "memo", "party"), ("iso", "iso", "slash"),
                      months=(3, 5), per_month=(3, 7), id_modes=("none",))


CITY_BANKS = {"北京银行": "北京", "上海银行": "上海", "江苏银行": "南京", "南京银行": "南京", "宁波银行": "宁波",
              "杭州银行": "杭州", "江南农村商业银行": "常州", "无锡农村商业银行": "无锡"}
TX_CODES = {"转账存入": "2101", "他行汇入": "2111", "跨行转入": "2111", "跨行汇入": "2111", "网银入账": "2121",
            "汇入": "2111", "转账支出": "2102", "手机银行转账": "2132", "网银转账": "2122", "消费": "3301",
            "快捷支付": "3312", "网上支付": "3311", "POS消费": "3302", "缴费": "3320", "信用卡还款": "2208",
            "贷款还款": "2209", "按揭还款": "2209", "ATM取款": "1003", "退款": "3305", "结息": "4001",
            "费用报销": "2305"}


def stmt_counter_mono(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A city or rural commercial bank's counter printout in a fixed-pitch font, text columns and rules."""
    # 机构号/柜员号 header; 序号 | 交易日期 | 交易码 | 摘要 | 借方 | 贷方 | 余额 | 现转 | 对方户名 | 柜员; page totals.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        size = rng.randint(16, 18)
        fnt, bold = mono(size), mono(size, bold=True)
        half = fnt.getlength("0")
        x = rng.randint(60, 90)
        width = int((PAGE_W - 2 * x) / half)
        lh = int(size * rng.uniform(1.55, 1.75))
        city = CITY_BANKS[c.bank]
        branch = rng.choice(["城南支行", "高新区支行", "营业部", "开发区支行", "城东支行", "新城支行"])
        org = f"{rng.randint(10, 99)}{rng.randint(1000, 9999)}"
        teller = f"{rng.choice('ABCDEG')}{rng.randint(1000, 9999)}"
        day = "compact" if s.date == "compact" else "iso"
        dw = 8 if day == "compact" else 10
        spec = [("序号", 4, False), ("交易日期", dw, False), ("交易码", 6, False), ("摘要", 12, False),
                ("借方发生额", 13, True), ("贷方发生额", 13, True), ("余额", 14, True), ("现转", 4, False),
                ("对方户名", 0, False), ("柜员", 6, False)]
        fixed = sum(w for _, w, _ in spec) + len(spec) - 1
        spec[8] = ("对方户名", max(12, width - fixed), False)

        def line(values: list[str]) -> str:
            return " ".join(pad(v, w, right) for v, (_, w, right) in zip(values, spec))

        def summary(t: fam.Tx) -> str:
            if c.mark == "memo" and t.memo:
                return t.memo
            return t.desc

        rows = []
        for k, t in enumerate(txs, start=1):
            debit = s.num(-t.amount) if t.amount < 0 else ""
            credit = s.num(t.amount) if t.amount > 0 else ""
            rows.append(line([str(k), fam.fmt_date(t.when.date(), day), TX_CODES.get(t.desc, "2305" if t.salary or
                                                                                      t.bonus else "2100"),
                              summary(t), debit, credit, s.num(t.balance), "现" if t.desc == "ATM取款" else "转",
                              t.party, "EB01" if t.channel in ("手机银行", "网银", "第三方支付") else teller]))
        printed = c.printed
        id_line = ""
        if c.id_mode != "none":
            id_line = f"证件类型：居民身份证    证件号码：{c.id_text()}"
        period = f"查询区间：{fam.fmt_date(c.start, day)}-{fam.fmt_date(c.end, day)}"
        head_lines = [
            f"机构号：{org}    机构名称：{c.bank}{branch}",
            f"柜员号：{teller}    打印日期：{printed:%Y-%m-%d}    打印时间：{printed:%H:%M:%S}",
            f"客户名称：{c.person.name}    账号：{c.account}    币种：人民币    钞汇：钞",
        ]
        if id_line:
            head_lines.append(id_line)
        head_lines.append(period)
        title = f"{c.bank}{rng.choice(['个人客户账户交易明细', '账户交易明细查询', '客户交易明细清单'])}"
        rule_eq, rule_dash = "=" * width, "-" * width
        col_line = line([name for name, _, _ in spec])
        top_h = 90 + int(size * 2.6) + lh * (len(head_lines) + 3)
        per_page = max(5, (PAGE_H - top_h - 190) // lh)
        chunks = [list(range(i, min(i + per_page, len(txs)))) for i in range(0, len(txs), per_page)] or [[]]
        if len(chunks) > 1 and len(chunks[-1]) > per_page - 4:  # room for the totals and the seal
            chunks.append([])
        pages, shown = [], []
        n = len(chunks)
        ink = rng.choice([(30, 30, 30), (45, 45, 60)])
        for p, idx in enumerate(chunks, start=1):
            page, d = fam.blank_page()
            y = 90
            d.text((PAGE_W / 2, y), title, font=mono(int(size * 1.45), bold=True), fill=ink, anchor="ma")
            y += int(size * 2.6)
            for hl in head_lines:
                d.text((x, y), hl, font=fnt, fill=ink)
                y += lh
            d.text((x, y), rule_eq, font=fnt, fill=ink)
            y += lh
            d.text((x, y), col_line, font=bold, fill=ink)
            y += lh
            d.text((x, y), rule_dash, font=fnt, fill=ink)
            y += lh
            for k in idx:
                d.text((x, y), rows[k], font=fnt, fill=ink)
                y += lh
            here = [txs[k] for k in idx]
            d.text((x, y), rule_dash, font=fnt, fill=ink)
            y += lh
            debit = -sum((t.amount for t in here if t.amount < 0), Decimal(0))
            credit = sum((t.amount for t in here if t.amount > 0), Decimal(0))
            d.text((x, y), f"本页借方合计：{s.num(debit)}    本页贷方合计：{s.num(credit)}", font=fnt, fill=ink)
            y += lh
            if p == n:
                all_debit = [t for t in txs if t.amount < 0]
                all_credit = [t for t in txs if t.amount > 0]
                d.text((x, y), f"累计借方：{len(all_debit)}笔 {s.num(-sum((t.amount for t in all_debit), Decimal(0)))}"
                               f"    累计贷方：{len(all_credit)}笔 "
                               f"{s.num(sum((t.amount for t in all_credit), Decimal(0)))}", font=fnt, fill=ink)
                y += lh
                d.text((PAGE_W / 2, y + 10), "*** 打印结束 ***", font=fnt, fill=ink, anchor="ma")
                y += 2 * lh
                d.text((x, y), f"经办：{teller}    复核：", font=fnt, fill=ink)
                if c.sealed:
                    fam.seal(d, PAGE_W - x - rng.randint(140, 260), min(y + 40, PAGE_H - 160), rng.randint(105, 120),
                             f"{c.bank}{city}{branch}")
            d.text((PAGE_W - x, PAGE_H - 90), f"第{p}页/共{n}页", font=fnt, fill=ink, anchor="ra")
            pages.append(page)
            shown.append(here)
        return Drawn(pages, shown, c.printed.date(), True, n if c.sealed else None)

    return _statement(rng, tamper, list(CITY_BANKS), build, ("desc", "desc", "memo"), ("compact", "iso"),
                      months=(4, 6), per_month=(4, 8))


FOREIGN_BANKS = {"汇丰银行（中国）有限公司": ("HSBC Bank (China) Company Limited", "HSBC", (219, 0, 17)),
                 "渣打银行（中国）有限公司": ("Standard Chartered Bank (China) Limited", "Standard Chartered",
                                             (0, 114, 170)),
                 "东亚银行（中国）有限公司": ("The Bank of East Asia (China) Limited", "BEA", (200, 16, 46)),
                 "星展银行（中国）有限公司": ("DBS Bank (China) Limited", "DBS", (230, 30, 30)),
                 "华侨永亨银行（中国）有限公司": ("OCBC Wing Hang Bank (China) Limited", "OCBC", (220, 40, 40))}
EN_DESC = {"转账存入": "TRANSFER IN", "他行汇入": "INWARD REMITTANCE", "跨行转入": "INTERBANK CREDIT",
           "跨行汇入": "INWARD REMITTANCE", "网银入账": "ONLINE CREDIT", "汇入": "INWARD REMITTANCE",
           "转账支出": "TRANSFER OUT", "手机银行转账": "MOBILE TRANSFER", "网银转账": "ONLINE TRANSFER",
           "消费": "PURCHASE", "快捷支付": "QUICK PAY", "网上支付": "ONLINE PAYMENT", "POS消费": "POS PURCHASE",
           "缴费": "BILL PAYMENT", "信用卡还款": "CARD REPAYMENT", "贷款还款": "LOAN REPAYMENT",
           "按揭还款": "MORTGAGE REPAYMENT", "ATM取款": "ATM WITHDRAWAL", "退款": "REFUND", "结息": "INTEREST",
           "费用报销": "REIMBURSEMENT"}
BRANCH_CITIES = [("上海", "Shanghai"), ("北京", "Beijing"), ("广州", "Guangzhou"), ("深圳", "Shenzhen"),
                 ("杭州", "Hangzhou"), ("苏州", "Suzhou"), ("成都", "Chengdu"), ("天津", "Tianjin")]


def en_desc(t: fam.Tx) -> str:
    """A foreign bank's English description, with the Chinese 摘要 after it: PAYROLL 代发工资."""
    if t.desc in fam.SALARY_WORDS:
        return f"PAYROLL {t.desc}"
    if t.desc in fam.BONUS_WORDS:
        return f"BONUS {t.desc}"
    return f"{EN_DESC.get(t.desc, 'TRANSACTION')} {t.desc}"


def stmt_foreign_bilingual(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A foreign bank's (China subsidiary) English-first bilingual 账户结单 with a mailing address."""
    # Date | Transaction Details (two lines) | Deposit | Withdrawal | Balance; BALANCE B/F and CLOSING BALANCE.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        en_name, short, colour = FOREIGN_BANKS[c.bank]
        city_cn, city_en = rng.choice(BRANCH_CITIES)
        sans = functools.partial(fam.font, fam.SANS)
        bold = functools.partial(fam.font, fam.SANS_BOLD)
        x, right = rng.randint(70, 95), PAGE_W - rng.randint(70, 95)
        date_how = rng.choice(["dmy", "dmy_caps", "ddmmmyy", "iso"])

        def day(v: dt.date) -> str:
            mon = fam.EN_MONTHS[v.month - 1][:3]
            return {"dmy": f"{v.day:02d} {mon} {v.year}", "dmy_caps": f"{v.day:02d} {mon.upper()} {v.year}",
                    "ddmmmyy": f"{v.day:02d}{mon.upper()}{v.year % 100:02d}", "iso": v.isoformat()}[date_how]

        account = f"{c.account[:3]}-{c.account[3:9]}-{c.account[-3:]}"
        roman = pinyin(c.person.name)
        print_label = rng.choice(["Statement Date 结单日期", "Date of Issue 出具日期", "Print Date 打印日期"])
        fs = rng.randint(17, 19)
        row_h = int(fs * 3.0)
        cols = ["Date\n日期", "Transaction Details\n交易摘要", "Deposit\n存入", "Withdrawal\n支取", "Balance\n结余"]
        weights = [1.25, 3.3, 1.3, 1.3, 1.45]
        total_w = right - x
        widths = [int(total_w * wgt / sum(weights)) for wgt in weights]
        widths[-1] += total_w - sum(widths)
        opening = txs[0].balance - txs[0].amount if txs else Decimal(rng.randrange(1000, 9000))
        entries: list[tuple[list[str], fam.Tx | None]] = [([day(c.start), "BALANCE B/F 承上结余", "", "",
                                                            fam.money(opening)], None)]
        for t in txs:
            detail = en_desc(t)
            second = " ".join(v for v in (t.party, f"REF {t.memo}" if t.memo else "") if v)
            entries.append(([day(t.when.date()), f"{detail}\n{second}" if second else detail,
                             fam.money(t.amount) if t.amount > 0 else "", fam.money(-t.amount) if t.amount < 0 else "",
                             fam.money(t.balance)], t))
        closing = txs[-1].balance if txs else opening
        entries.append(([day(c.end), "CLOSING BALANCE 期末结余", "", "", fam.money(closing)], None))
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(entries) or not pages:
            page, d = fam.blank_page()
            page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
            p = len(pages) + 1
            y = 70
            d.rectangle((x, y, x + 16, y + 52), fill=colour)
            d.text((x + 30, y - 2), short, font=bold(34), fill=colour)
            d.text((x + 30, y + 40), c.bank, font=sans(17), fill=GREY)
            d.text((right, y), "Statement of Account", font=bold(28), fill=INK, anchor="ra")
            d.text((right, y + 40), "账户结单 · 交易明细", font=sans(20), fill=INK, anchor="ra")
            y += 100
            if p == 1:
                ay = y
                lines = [f"{roman} {c.person.name}" if roman else c.person.name,
                         *generate.wrap_address(c.person.address, 16)]
                for k, ln in enumerate(lines):
                    d.text((x, ay), ln, font=bold(21) if k == 0 else sans(19), fill=INK)
                    ay += 32
                bx = x + int(total_w * 0.5)
                info = [(print_label, day(c.printed.date())), ("Account Number 账号", account),
                        ("Account Type 账户类型", rng.choice(["Savings 储蓄账户", "Integrated Account 综合账户",
                                                             "Current 活期"])),
                        ("Currency 货币", "CNY 人民币"), ("Period 期间", f"{day(c.start)} - {day(c.end)}"),
                        ("Branch 分行", f"{city_en} Branch {city_cn}分行")]
                if c.id_mode != "none":
                    info.append(("ID No. 证件号码", c.id_text()))
                by = y - 6
                box_h = 32 * len(info) + 20
                d.rectangle((bx - 16, by, right, by + box_h), outline=(200, 200, 205), width=1)
                for label, value in info:
                    d.text((bx, by + 12), label, font=sans(17), fill=GREY)
                    d.text((right - 14, by + 12), value, font=fit(value, sans(18), right - bx - 230), fill=INK,
                           anchor="ra")
                    by += 32
                y = max(ay, by + 20) + 30
            else:
                d.text((x, y), f"{c.person.name}    Account Number 账号 {account}", font=sans(18), fill=GREY)
                y += 46
            d.rectangle((x, y, right, y + int(fs * 3.0)), fill=(240, 240, 242))
            cx = x
            for col, w, align in zip(cols, widths, "llrrr"):
                en, cn = col.split("\n")
                tx = cx + 10 if align == "l" else cx + w - 10
                anchor = "la" if align == "l" else "ra"
                d.text((tx, y + 8), en, font=bold(fs), fill=INK, anchor=anchor)
                d.text((tx, y + 8 + int(fs * 1.3)), cn, font=sans(fs - 1), fill=INK, anchor=anchor)
                cx += w
            y += int(fs * 3.0)
            d.line((x, y, right, y), fill=INK, width=2)
            here: list[fam.Tx] = []
            while i < len(entries) and y + row_h < PAGE_H - 150:
                values, t = entries[i]
                cx = x
                for k, (v, w) in enumerate(zip(values, widths)):
                    parts = v.split("\n")
                    for j, part in enumerate(parts):
                        f = fit(part, (bold if t is None and k == 1 else sans)(fs if j == 0 else fs - 2), w - 20)
                        ty = y + 8 + j * int(fs * 1.35)
                        if k <= 1:
                            d.text((cx + 10, ty), part, font=f, fill=INK if j == 0 else GREY)
                        else:
                            d.text((cx + w - 10, ty), part, font=f, fill=INK, anchor="ra")
                    cx += w
                d.line((x, y + row_h, right, y + row_h), fill=(222, 222, 226), width=1)
                if t is not None:
                    here.append(t)
                y += row_h
                i += 1
            pages.append((page, d, y))
            shown.append(here)
        n = len(pages)
        for p, (_, d, y) in enumerate(pages, start=1):
            d.line((x, PAGE_H - 120, right, PAGE_H - 120), fill=(200, 200, 205), width=1)
            d.text((x, PAGE_H - 108), f"{en_name} · {c.bank}", font=sans(15), fill=GREY)
            d.text((right, PAGE_H - 108), f"Page {p} of {n} 第{p}页 共{n}页", font=sans(15), fill=GREY, anchor="ra")
            d.text((x, PAGE_H - 84), "Please examine this statement promptly. 请仔细核对本结单，如有不符请于30日内"
                                     "通知本行。", font=sans(15), fill=GREY)
            if p == n:
                d.text((x, y + 24), "*** END OF STATEMENT 结单完 ***", font=sans(17), fill=GREY)
                if c.sealed:
                    cy = y + 150 if y + 280 < PAGE_H - 130 else PAGE_H - 260
                    fam.seal(d, right - rng.randint(150, 260), cy, rng.randint(105, 120),
                             f"{c.bank.split('（')[0]}{city_cn}分行")
        return Drawn([pg for pg, _, _ in pages], shown, c.printed.date(), True, n if c.sealed else None)

    return _statement(rng, tamper, list(FOREIGN_BANKS), build, ("desc", "desc", "memo", "party"), ("iso",),
                      months=(3, 5), per_month=(3, 6))


EXPORT_BANKS = ["中国民生银行", "广发银行", "浦发银行", "平安银行", "兴业银行", "中信银行", "中国光大银行"]


def stmt_spreadsheet_export(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Screenshots of the 网银 transaction export opened in Excel or WPS, later ones scrolled down."""
    # Ribbon, formula bar, column letters, row numbers; the export's header rows; General-format numbers.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        sw, sh = rng.choice([(1920, 1080), (1680, 1050), (1600, 900)])
        wps = rng.random() < 0.4
        sans = functools.partial(fam.font, fam.SANS)
        fs = rng.randint(16, 18)
        cf = sans(fs)
        cb = fam.font(fam.SANS_BOLD, fs)
        number_fmt = rng.choice(["general", "fixed", "comma"])
        sci_accounts = rng.random() < 0.3
        typed_dates = rng.random() < 0.5

        def num(v: Decimal) -> str:
            if number_fmt == "general":
                text = f"{v.normalize():f}"
                return text
            return fam.money(v, number_fmt == "comma")

        def date_cell(v: dt.datetime) -> tuple[str, str]:
            if typed_dates:
                return f"{v.year}/{v.month}/{v.day}", "r"
            return v.date().isoformat(), "l"

        def account_cell(a: str) -> tuple[str, str]:
            if not a:
                return "", "l"
            if sci_accounts and len(a) > 15:
                return f"{float(a):.5E}", "r"
            return a, "l"

        variant = rng.randrange(2)
        if variant == 0:
            head = ["交易日期", "交易时间", "摘要", "交易金额", "账户余额", "对方户名", "对方账号", "附言"]
            col_w = [120, 96, 120, 120, 130, 280, 190, 150]
        else:
            head = ["交易日期", "收入金额", "支出金额", "账户余额", "交易摘要", "对方户名", "备注"]
            col_w = [120, 120, 120, 130, 130, 300, 170]

        def data_row(t: fam.Tx) -> list[tuple[str, str]]:
            date = date_cell(t.when)
            if variant == 0:
                signed = num(t.amount) if t.amount > 0 else "-" + num(-t.amount)
                return [date, (f"{t.when:%H:%M:%S}", "l"), (t.desc, "l"), (signed, "r"), (num(t.balance), "r"),
                        (t.party, "l"), account_cell(t.account), (t.memo, "l")]
            return [date, (num(t.amount) if t.amount > 0 else "", "r"), (num(-t.amount) if t.amount < 0 else "", "r"),
                    (num(t.balance), "r"), (t.desc, "l"), (t.party, "l"), (t.memo, "l")]

        exported = rng.random() < 0.75
        sheet: list[tuple[list[tuple[str, str]], bool, fam.Tx | None]] = [
            ([(f"{c.bank}{rng.choice(['个人账户交易明细', '账户交易明细', '活期账户交易明细'])}", "l")], True, None),
            ([(f"户名：{c.person.name}", "l")], False, None),
            ([(f"账号：{c.account}", "l")], False, None)]
        if c.id_mode != "none":
            sheet.append(([(f"证件号码：{c.id_text()}", "l")], False, None))
        sheet.append(([(f"查询起止日期：{c.start.isoformat()} 至 {c.end.isoformat()}", "l")], False, None))
        if exported:
            sheet.append(([(f"导出时间：{c.printed:%Y-%m-%d %H:%M:%S}", "l")], False, None))
        sheet.append(([], False, None))
        header_row = len(sheet)
        sheet.append(([(h, "c") for h in head], True, None))
        newest_first = rng.random() < 0.3
        for t in (reversed(txs) if newest_first else txs):
            sheet.append((data_row(t), False, t))
        # the window
        title_h, tabs_h, ribbon_h, bar_h, colhead_h = 38, 34, rng.randint(92, 110), 34, 26
        foot_h = 62
        row_h = int(fs * 1.6)
        rown_w = 46
        grid_top = title_h + tabs_h + ribbon_h + bar_h + colhead_h
        freeze = rng.random() < 0.4
        visible = (sh - grid_top - foot_h) // row_h
        accent = (33, 115, 70) if not wps else (40, 110, 200)
        fname = f"{rng.choice(['交易明细', '账户明细', 'detail'])}_{c.printed:%Y%m%d}.xlsx"
        pages: list[Image.Image] = []
        shown: list[list[fam.Tx]] = []
        top = 0
        while True:
            page = Image.new("RGB", (sw, sh), (255, 255, 255))
            d = ImageDraw.Draw(page)
            d.rectangle((0, 0, sw, title_h), fill=accent if not wps else (236, 238, 242))
            tcol = (255, 255, 255) if not wps else INK
            d.text((sw / 2, title_h / 2), f"{fname} - {'WPS表格' if wps else 'Excel'}", font=sans(17), fill=tcol,
                   anchor="mm")
            bx, by = sw - 140, title_h / 2
            d.line((bx - 7, by, bx + 7, by), fill=tcol, width=1)
            d.rectangle((bx + 41, by - 7, bx + 55, by + 7), outline=tcol, width=1)
            d.line((bx + 89, by - 7, bx + 103, by + 7), fill=tcol, width=1)
            d.line((bx + 89, by + 7, bx + 103, by - 7), fill=tcol, width=1)
            y = title_h
            d.rectangle((0, y, sw, y + tabs_h), fill=(243, 243, 243) if not wps else (248, 249, 251))
            tx = 16
            for k, tab in enumerate(["文件", "开始", "插入", "页面布局", "公式", "数据", "审阅", "视图", "帮助"]):
                f = sans(16)
                if k == 1:
                    d.line((tx, y + tabs_h - 3, tx + f.getlength(tab), y + tabs_h - 3), fill=accent, width=3)
                d.text((tx, y + tabs_h / 2), tab, font=f, fill=accent if k == 1 else INK, anchor="lm")
                tx += f.getlength(tab) + 30
            y += tabs_h
            d.rectangle((0, y, sw, y + ribbon_h), fill=(249, 249, 249))
            gx = 14
            for group, items in (("剪贴板", ["粘贴", "剪切", "复制"]), ("字体", ["等线", "11", "B", "I", "U"]),
                                 ("对齐方式", ["≡", "≡", "合并后居中"]), ("数字", ["常规", "%", ","]),
                                 ("样式", ["条件格式", "套用表格格式"]), ("编辑", ["求和", "排序和筛选", "查找"])):
                ix = gx
                for item in items:
                    f = sans(15)
                    d.rectangle((ix, y + 14, ix + f.getlength(item) + 14, y + 46), outline=(222, 222, 222))
                    d.text((ix + 7, y + 30), item, font=f, fill=(70, 70, 70), anchor="lm")
                    ix += f.getlength(item) + 20
                d.text(((gx + ix) / 2, y + ribbon_h - 16), group, font=sans(13), fill=GREY, anchor="mm")
                d.line((ix + 4, y + 10, ix + 4, y + ribbon_h - 8), fill=(220, 220, 220))
                gx = ix + 16
            y += ribbon_h
            d.line((0, y, sw, y), fill=(214, 214, 214))
            sel_col = rng.randrange(len(col_w))
            sel_row = top + rng.randrange(max(1, min(visible, len(sheet) - top)))
            name_box = f"{chr(65 + sel_col)}{sel_row + 1}"
            d.rectangle((6, y + 5, 96, y + bar_h - 5), outline=(200, 200, 200))
            d.text((14, y + bar_h / 2), name_box, font=sans(15), fill=INK, anchor="lm")
            d.text((120, y + bar_h / 2), "fx", font=fam.font(fam.SERIF, 16), fill=GREY, anchor="lm")
            cells_sel = sheet[sel_row][0]
            formula = cells_sel[sel_col][0].replace(",", "") if sel_col < len(cells_sel) else ""
            d.text((160, y + bar_h / 2), formula, font=sans(15), fill=INK, anchor="lm")
            y += bar_h
            d.line((0, y, sw, y), fill=(214, 214, 214))
            d.rectangle((0, y, sw, y + colhead_h), fill=(240, 240, 240))
            xs = [rown_w]
            for w in col_w:
                xs.append(xs[-1] + w)
            while xs[-1] < sw:
                xs.append(xs[-1] + 90)
            for k in range(len(xs) - 1):
                d.line((xs[k], y, xs[k], sh - foot_h), fill=(218, 218, 218))
                d.text(((xs[k] + xs[k + 1]) / 2, y + colhead_h / 2), chr(65 + k) if k < 26 else "", font=sans(14),
                       fill=(90, 90, 90), anchor="mm")
            y += colhead_h
            d.line((0, y, sw, y), fill=(200, 200, 200))
            frozen = freeze and top > header_row
            body_rows = list(range(top, min(len(sheet), top + visible - (1 if frozen else 0))))
            rows_here = [header_row, *body_rows] if frozen else body_rows
            here: list[fam.Tx] = []
            for k, r in enumerate(rows_here):
                ry = y + k * row_h
                cells_r, strong, t = sheet[r]
                if strong and r == header_row:
                    d.rectangle((rown_w, ry, xs[len(head)], ry + row_h), fill=(221, 235, 247))
                d.rectangle((0, ry, rown_w, ry + row_h), fill=(240, 240, 240))
                d.text((rown_w - 8, ry + row_h / 2), str(r + 1), font=sans(14), fill=(90, 90, 90), anchor="rm")
                d.line((0, ry + row_h, sw, ry + row_h), fill=(218, 218, 218))
                for col, (text, align) in enumerate(cells_r):
                    if not text:
                        continue
                    f = cb if strong else cf
                    if r < header_row:  # the export's header lines spill over the empty cells to their right
                        d.rectangle((xs[col] + 1, ry + 1, xs[col] + f.getlength(text) + 10, ry + row_h - 1),
                                    fill=(255, 255, 255))
                        d.text((xs[col] + 5, ry + row_h / 2), text, font=fam.font(fam.SANS_BOLD, fs + 3) if strong
                               else f, fill=INK, anchor="lm")
                        continue
                    w = col_w[col]
                    shown_text = text
                    while f.getlength(shown_text) > w - 8 and len(shown_text) > 1:
                        shown_text = shown_text[:-1]  # a narrow column cuts the text off at its edge
                    if align == "r" and f.getlength(text) > w - 8:
                        shown_text = "#" * int((w - 8) / f.getlength("#"))
                    if align == "l":
                        d.text((xs[col] + 5, ry + row_h / 2), shown_text, font=f, fill=INK, anchor="lm")
                    elif align == "r":
                        d.text((xs[col] + w - 5, ry + row_h / 2), shown_text, font=f, fill=INK, anchor="rm")
                    else:
                        d.text((xs[col] + w / 2, ry + row_h / 2), shown_text, font=f, fill=INK, anchor="mm")
                if t is not None:
                    here.append(t)
                if r == sel_row:
                    d.rectangle((xs[sel_col] - 1, ry - 1, xs[sel_col + 1] + 1, ry + row_h + 1), outline=accent,
                                width=3)
            for k in range(len(rows_here), visible):  # the empty rows under the data
                ry = y + k * row_h
                d.rectangle((0, ry, rown_w, ry + row_h), fill=(240, 240, 240))
                d.text((rown_w - 8, ry + row_h / 2), str(rows_here[-1] + 2 + k - len(rows_here)) if rows_here else "",
                       font=sans(14), fill=(90, 90, 90), anchor="rm")
                d.line((0, ry + row_h, sw, ry + row_h), fill=(218, 218, 218))
            if frozen:
                d.line((0, y + row_h, sw, y + row_h), fill=(120, 120, 120), width=2)
            fy = sh - foot_h
            d.rectangle((0, fy, sw, sh), fill=(240, 240, 240))
            d.text((16, fy + 16), "◀  ▶", font=sans(14), fill=GREY, anchor="lm")
            d.rectangle((80, fy, 220, fy + 32), fill=(255, 255, 255))
            d.line((80, fy + 30, 220, fy + 30), fill=accent, width=3)
            d.text((150, fy + 16), rng.choice(["交易明细", "Sheet1", "明细"]), font=sans(15), fill=accent, anchor="mm")
            d.text((240, fy + 16), "⊕", font=sans(16), fill=GREY, anchor="lm")
            d.text((16, fy + 47), "就绪", font=sans(14), fill=INK, anchor="lm")
            d.text((sw - 20, fy + 47), "100%", font=sans(14), fill=INK, anchor="rm")
            pages.append(page)
            shown.append(here)
            last = body_rows[-1] if body_rows else len(sheet)
            if last >= len(sheet) - 1:
                break
            top = last + 1 - rng.choice([0, 0, 1, 2])
        return Drawn(pages, shown, c.printed.date() if exported else None, exported, None)

    return _statement(rng, tamper, EXPORT_BANKS, build, ("desc", "desc", "memo", "party"), ("iso",), months=(3, 5),
                      per_month=(3, 6), id_modes=("none", "none", "masked", "full"))


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen3_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_shop_handwritten, CERT, ("words", "seal")),
    _family(cert_seal_only_signed, CERT, ("words", "seal")),
    _family(cert_voucher_book, CERT, ("words", "seal")),
    _family(cert_esign_watermark, CERT, ("words", "seal")),
    _family(slip_tax_app, SLIP, ()),
    _family(slip_sms_thread, SLIP, ()),
    _family(slip_pay_envelope, SLIP, ("seal",)),
    _family(slip_redacted_roster, SLIP, ("seal",)),
    _family(stmt_browser_print, STMT, ()),
    _family(stmt_counter_mono, STMT, ("seal",)),
    _family(stmt_foreign_bilingual, STMT, ("seal",)),
    _family(stmt_spreadsheet_export, STMT, ()),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen3 families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
