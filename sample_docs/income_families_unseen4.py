"""Fourth round of unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document that applicants upload and each structurally different from every family in
income_families.py, income_families_unseen.py, income_families_unseen2.py and income_families_unseen3.py. They were
written without reading the parsers, their tests or the benchmark, so that no parser was developed against them:
use them for the final figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen4 as unseen4
    doc = fam.make(unseen4.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
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
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PIL import Image, ImageDraw, ImageFont

from sample_docs import generate
from sample_docs import income_families as fam
from sample_docs import income_families_unseen as unseen1
from sample_docs import income_families_unseen2 as unseen2
from sample_docs import income_families_unseen3 as unseen3
from sample_docs.generate import make_person

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
A5 = (874, 1240)  # 148 x 210 mm at 150 dpi
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
CENT = Decimal("0.01")
RED = (196, 26, 32)
DEJAVU_SERIF = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
DEJAVU_SERIF_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"
DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEJAVU_SANS_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CITIES = unseen3.CITIES
fit = unseen3.fit
multiply = unseen3.multiply
scrawl = unseen3.scrawl
vertical = unseen3.vertical
credit_code = unseen3.credit_code
pinyin = unseen2.pinyin
cn_date = unseen1.cn_date


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _seals(tamper: str | None, page: int = 1) -> tuple[int, ...]:
    return () if tamper == "seal" else (page,)


def _words_delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice([100, 200, 300, 500, 1000, -200, -500, -1000]))


def day_text(day: dt.date, how: str) -> str:
    """A date in more of the ways documents write it: 2026年3月5日, 2026/3/5, 20260305, 05 MAR 2026…"""
    mon = fam.EN_MONTHS[day.month - 1]
    return {
        "cn": f"{day.year}年{day.month}月{day.day}日",
        "cn0": f"{day.year}年{day.month:02d}月{day.day:02d}日",
        "iso": day.isoformat(),
        "slash": f"{day.year}/{day.month}/{day.day}",
        "slash0": f"{day:%Y/%m/%d}",
        "dot": f"{day.year}.{day.month}.{day.day}",
        "dot0": f"{day:%Y.%m.%d}",
        "compact": f"{day:%Y%m%d}",
        "dmy_caps": f"{day.day:02d} {mon[:3].upper()} {day.year}",
        "dmy": f"{day.day} {mon} {day.year}",
        "mdy": f"{mon} {day.day}, {day.year}",
        "cnnum": cn_date(day),
    }[how]


def wan(value: Decimal) -> str:
    """An amount in 万 as letters write it: 12500 -> 1.25, 20000 -> 2, 186000 -> 18.6."""
    return f"{(Decimal(value) / 10000).normalize():f}"


def _recent_pay(rng: random.Random, same_month: bool | None = None) -> tuple[dt.date, dt.date]:
    """A recent pay month (the first of it) and its pay date, already past on TODAY."""
    pay_day = rng.choice([5, 8, 10, 12, 15, 18, 20, 25, 28])
    same = (pay_day >= 25) if same_month is None else same_month
    month = dt.date(fam.TODAY.year, fam.TODAY.month, 1)
    while (month if same else fam.add_months(month, 1)).replace(day=pay_day) >= fam.TODAY:
        month = fam.add_months(month, -1)
    month = fam.add_months(month, -rng.choice([0, 0, 1]))
    return month, (month if same else fam.add_months(month, 1)).replace(day=pay_day)


def _employee(rng: random.Random, tamper: str | None, step: int = 100) -> fam.Employee:
    """fam.employee, with a hiring date the person was old enough for (18 or over)."""
    e = fam.employee(rng, tamper, step)
    earliest = dt.date(e.person.birth.year + rng.randint(18, 23), e.since.month, 1)
    if e.since < earliest:
        e.since = min(earliest, e.issue - dt.timedelta(days=150))
    return e


def _scan_bed(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """The grey of a flatbed scanner's lid around paper smaller than the glass, a little uneven."""
    tone = rng.randint(226, 242)
    bed = Image.new("RGB", size, (tone, tone, tone - 2))
    d = ImageDraw.Draw(bed)
    for _ in range(220):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        v = tone - rng.randint(3, 10)
        d.point((x, y), fill=(v, v, v))
    return bed


def _lay_paper(bed: Image.Image, paper: Image.Image, at: tuple[int, int], angle: float) -> None:
    """Put a sheet of paper on the scan bed: turned a little, with the soft shadow of its edge."""
    rot = paper.convert("RGBA").rotate(angle, resample=Image.BICUBIC, expand=True)
    shadow = Image.new("RGBA", rot.size, (0, 0, 0, 0))
    shadow.putalpha(rot.getchannel("A").point(lambda a: a * 40 // 255))
    bed.paste(shadow, (at[0] + 4, at[1] + 5), shadow)
    bed.paste(rot, at, rot)


def dotted(d: ImageDraw.ImageDraw, x0: float, x1: float, y: float, step: int = 9,
           fill: tuple[int, int, int] = (150, 150, 150)) -> None:
    """A dotted leader from x0 to x1 at height y."""
    x = x0
    while x < x1:
        d.ellipse((x - 1.2, y - 1.2, x + 1.2, y + 1.2), fill=fill)
        x += step


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


DISTRICT_WORDS = ["滨江", "东湖", "西城", "南湖", "北郊", "新城", "高新", "临港", "江北", "河西", "城南", "开发"]
CN_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十四", "十七", "二十", "二十三",
          "二十六", "三十一", "三十五", "四十二"]


def _public_unit(rng: random.Random) -> tuple[str, list[tuple[str, str]], list[str], str]:
    """An invented hospital, school or public centre (事业单位): its name, posts (科室, 职称), grades and a word for
    its staff."""
    city = rng.choice(CITIES)
    district = rng.choice(DISTRICT_WORDS)
    kind = rng.randrange(4)
    if kind == 0:
        unit = rng.choice([f"{city}市{district}区人民医院", f"{city}市{district}区中医医院",
                           f"{city}市{district}区妇幼保健院",
                           f"{city}市第{rng.choice(CN_NUM[:8])}人民医院{district}院区"])
        posts = [("心血管内科", "主治医师"), ("普外科", "副主任医师"), ("护理部", "主管护师"), ("药剂科", "主管药师"),
                 ("医学影像科", "主管技师"), ("儿科", "住院医师"), ("检验科", "技师"), ("急诊科", "主治医师")]
        grades = ["专业技术七级", "专业技术九级", "专业技术十级", "专业技术十一级", "专业技术十二级"]
        staff = "职工"
    elif kind == 1:
        unit = rng.choice([f"{city}市{district}区实验学校", f"{city}市第{rng.choice(CN_NUM)}中学",
                           f"{city}市{district}区第{rng.choice(CN_NUM[:12])}小学", f"{city}市{district}中学"])
        posts = [("高中部", "一级教师"), ("初中部", "高级教师"), ("小学部", "二级教师"), ("教务处", "一级教师"),
                 ("总务处", "会计"), ("德育处", "一级教师")]
        grades = ["专业技术八级", "专业技术十级", "专业技术十一级", "专业技术十二级", "管理九级"]
        staff = "教职工"
    elif kind == 2:
        centre = rng.choice(["疾病预防控制中心", "社区卫生服务中心", "图书馆", "水务服务中心", "不动产登记中心",
                             "综合检验检测中心"])
        unit = f"{city}市{district}区{centre}"
        posts = [("业务科", "助理工程师"), ("办公室", "科员"), ("检测室", "工程师"), ("财务科", "会计"),
                 ("信息科", "工程师"), ("综合科", "副科长")]
        grades = ["专业技术十级", "专业技术九级", "管理八级", "管理九级", "工勤技能三级"]
        staff = "职工"
    else:
        unit = f"{city}{rng.choice(['应用', '信息', '健康', '城建', '轻工', '商务'])}职业学院"
        posts = [("机电工程系", "讲师"), ("教务处", "科员"), ("图书馆", "馆员"), ("信息工程系", "副教授"),
                 ("财务处", "会计师"), ("护理系", "讲师")]
        grades = ["专业技术七级", "专业技术十级", "专业技术九级", "管理九级"]
        staff = "教职工"
    return unit, posts, grades, staff


def cert_hospital_roster(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """事业单位 (hospital, school) 职工收入证明表: label rows over value rows, pay items, seal in the 单位意见 cell."""
    # Column-header grid (姓名 | 性别 | 出生年月 | 参加工作时间 | 科室 | 职称, values in the row below); the pay row
    # ends 月应发合计 | 月实发金额 (税前 and 税后: the monthly income is 应发); 大写 row; seal and date in a cell.
    e = _employee(rng, tamper)
    unit, posts, grades, staff = _public_unit(rng)
    dept, title = rng.choice(posts)
    grade = rng.choice(grades)
    serif = rng.random() < 0.6
    regular = fam.SERIF if serif else fam.SANS
    bold = fam.SERIF_BOLD if serif else fam.SANS_BOLD
    fs = rng.randint(22, 25)
    cf, hf = fam.font(regular, fs), fam.font(bold, fs)
    post = Decimal(rng.randrange(1800, 5200, 10))
    scale = Decimal(rng.randrange(300, 2800))
    perf = Decimal(rng.randrange(2000, 9000, 10))
    allow = Decimal(rng.randrange(300, 2500, 10))
    items = [("岗位工资", post), ("薪级工资", scale), (rng.choice(["绩效工资", "月绩效工资", "绩效工资"]), perf),
             (rng.choice(["津贴补贴", "各项津补贴", "规范津补贴"]), allow)]
    total = sum((v for _, v in items), Decimal(0))
    base = _q(total * Decimal("0.85"))
    withheld = sum((_q(base * Decimal(r)) for r in ("0.08", "0.04", "0.02", "0.005")), Decimal(0))
    fund = (base * Decimal("0.12")).quantize(Decimal(1))
    tax = fam._tax(total - withheld - fund - 5000)
    net = total - withheld - fund - tax
    words_amount = total + (_words_delta(rng) if tamper == "words" else 0)
    page, d = fam.blank_page()
    x = rng.randint(80, 110)
    tw = PAGE_W - 2 * x
    y = rng.randint(110, 160)
    uf = fit(unit, fam.font(bold, rng.randint(44, 52)), tw)
    d.text((PAGE_W / 2, y), unit, font=uf, fill=INK, anchor="ma")
    y += int(uf.size * 1.5)
    sub = rng.choice([f"{staff}工资收入证明", f"在职{staff}收入证明表", f"{staff}收入证明"])
    d.text((PAGE_W / 2, y), sub, font=fam.font(bold, 36), fill=INK, anchor="ma")
    y += 76
    small = fam.font(regular, 20)
    d.text((x, y), rng.choice(["填表说明：本表由单位人事（财务）部门填写", "（本表一式两份）", ""]), font=small,
           fill=GREY)
    d.text((PAGE_W - x, y), f"编号：{e.issue.year}-{rng.randint(1, 480):03d}", font=small, fill=GREY, anchor="ra")
    y += 44
    col = tw // 6
    widths = [col] * 5 + [tw - 5 * col]
    shade = rng.choice([(238, 238, 238), (232, 238, 246), None])
    label_h, value_h = rng.randint(56, 64), rng.randint(60, 70)

    def labels(row: list[fam.Cell], h: int = label_h) -> None:
        nonlocal y
        y = fam.table(d, x, y, widths, [row], cf, h, head=hf, head_fill=shade)

    def values(row: list[fam.Cell], h: int = value_h) -> None:
        nonlocal y
        y = fam.table(d, x, y, widths, [row], cf, h, head_rows=0, aligns="cccccc")

    birth = rng.choice([f"{e.person.birth.year}年{e.person.birth.month:02d}月", f"{e.person.birth:%Y.%m}",
                        f"{e.person.birth:%Y-%m}"])
    joined = e.since
    if joined.year - e.person.birth.year > 40:  # 参加工作时间: the first job, in the person's twenties
        joined = min(dt.date(e.person.birth.year + rng.randint(21, 27), rng.choice([7, 7, 8, 9, 3]), 1), e.since)
    since = rng.choice([f"{joined.year}年{joined.month:02d}月", f"{joined:%Y.%m}", f"{joined:%Y-%m}"])
    labels(["姓　名", "性　别", "出生年月", "参加工作\n时间", rng.choice(["科室（部门）", "所在部门", "科　室"]),
            rng.choice(["职务（职称）", "专业技术职务", "职　称"])])
    values([e.person.name, e.person.sex, birth, since, dept, title])
    labels([(rng.choice(["公民身份号码", "身份证号码"]), 3), "人员身份", ("岗位等级", 2)])
    values([(e.person.id_number, 3), rng.choice(["事业编制", "在编", "编制内", "人事代理"]), (grade, 2)])
    y = fam.table(d, x, y, [tw], [[rng.choice(["月工资收入情况（单位：元）", "每月工资收入（元）",
                                                "工资收入构成（单位：元/月）"])]], cf, label_h - 6, head=hf,
                  head_fill=shade)
    gross_label = rng.choice(["月应发合计", "应发合计", "月应发工资"])
    net_label = rng.choice(["月实发金额", "实发工资", "月实发工资"])
    labels([k for k, _ in items] + [gross_label, net_label])
    decimals = rng.choice([2, 2, 0]) if all(v == v.to_integral() for _, v in items) else 2
    commas = rng.random() < 0.3
    values([fam.money(v, commas, decimals) for _, v in items] + [fam.money(total), fam.money(net)])
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整"), ("元", "正")])
    y = fam.table(d, x, y, widths, [[(f"{gross_label}（大写）", 2), (f"人民币{fam.to_words(words_amount, yuan, whole)}",
                                                                      4)]], cf, value_h, head_rows=0, aligns="cccccc")
    box_h = rng.randint(280, 310)
    top = y
    y = fam.table(d, x, y, widths, [["单位\n意见", ("", 5)]], cf, box_h, head_rows=0, aligns="cccccc")
    bx = x + widths[0] + 24
    opinion = rng.choice(["经核实，以上情况属实。", "以上所填内容经核对与本单位工资发放记录一致，情况属实。",
                          "情况属实，特此证明。"])
    fam.paragraphs(d, bx, top + 22, tw - widths[0] - 48, [opinion], cf, indent=False)
    date_how = rng.choice(["cn", "cn", "cnnum", "cn0"])
    date_text = day_text(e.issue, date_how)
    sx = PAGE_W - x - 40 - max(cf.getlength(date_text), cf.getlength("（单位盖章）"))
    d.text((sx, top + box_h - 120), "（单位盖章）", font=cf, fill=INK)
    d.text((sx, top + box_h - 66), date_text, font=cf, fill=INK)
    if tamper != "seal":
        r = rng.randint(100, 112)  # stamped over the 盖章 line, its 专用章 left of the date
        fam.seal(d, sx - r * 0.6 - rng.randint(0, 20), top + box_h - 112, r, unit)
    y = fam.table(d, x, y, widths, [["经办人", e.hr, "联系电话", (e.phone, 3)]], cf, value_h, head_rows=0,
                  aligns="cccccc")
    notes = rng.choice([["注：1. 月应发合计为税前收入，不含年终一次性奖励；2. 本表涂改无效。"],
                        ["注：本证明仅用于职工办理个人贷款业务，自开具之日起三个月内有效。"],
                        ["注：以上收入数据来源于本单位工资系统。"]])
    fam.paragraphs(d, x, y + 30, tw, notes, fam.font(regular, 20), indent=False, fill=GREY)
    f = fam._fields(e.person.name, e.person.id_number, unit, total, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"pay_items": {k: float(v) for k, v in items}, "net_monthly": float(net),
                                    "gross_label": gross_label, "monthly_is": "应发 (税前)"})


def cert_wan_halfsheet(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Half-sheet (A5) letter stating the income only in 万元 in a sentence: a month, a month 税前/税后, or a year."""
    # "月收入（税前）约1.25万元"; the 大写 (when present) spells the figure in 元; employer in the signature only.
    e = _employee(rng, tamper)
    mode = rng.choice(["month", "month", "month_net", "year"])
    words_on = tamper == "words" or rng.random() < 0.6
    portrait = rng.random() < 0.5
    w, h = A5 if portrait else (A5[1], A5[0])
    s = fam.make_style(rng, sizes=(23, 26), dates=("cn", "cn", "dot", "cnnum", "cn0"), serif_p=0.55)
    page, d = fam.blank_page((w, h))
    margin = rng.randint(62, 84) if portrait else rng.randint(90, 130)
    body = s.f()
    y = rng.randint(80, 130) if portrait else rng.randint(45, 65)
    if rng.random() < 0.5:
        hf = fit(e.company, s.f(24, bold=True), w - 2 * margin)
        d.text((w / 2, y), e.company, font=hf, fill=rng.choice([INK, RED, (20, 60, 130)]), anchor="ma")
        y += 44
        d.line((margin - 10, y, w - margin + 10, y), fill=GREY, width=2)
        y += 40
    else:
        y += 50
    d.text((w / 2, y), rng.choice(["收入证明", "收 入 证 明", "证　明"]), font=s.f(42, bold=True), fill=INK,
           anchor="ma")
    y += 100 if portrait else 84
    if rng.random() < 0.5:
        d.text((margin, y), rng.choice([f"{rng.choice(fam.BANKS)}：", "致有关单位：", "致相关单位："]), font=body,
               fill=INK)
        y += int(body.size * 1.9)
    yuan, whole = rng.choice([("元", "整"), ("元", "整"), ("圆", "整")])
    annual = None
    if mode == "year":
        annual = Decimal(rng.randrange(60, 720) * 1000)
        monthly = annual / 12
        stated = annual
        year = e.issue.year - rng.choice([0, 1])
        phrase = rng.choice([f"{year}年度税前收入共计人民币{wan(annual)}万元", f"年收入（税前）约{wan(annual)}万元",
                             f"近一年税前总收入约为{wan(annual)}万元"])
    else:
        monthly = e.monthly
        stated = monthly
        if mode == "month":
            phrase = rng.choice([f"月收入（税前）约{wan(monthly)}万元", f"税前月薪{wan(monthly)}万元",
                                 f"每月工资收入为人民币{wan(monthly)}万元", f"月均收入{wan(monthly)}万元左右"])
        else:
            net = (monthly * Decimal(rng.choice(["0.78", "0.8", "0.82", "0.85"])) / 100).quantize(Decimal(1)) * 100
            phrase = rng.choice([f"月收入税前{wan(monthly)}万元，税后约{wan(net)}万元",
                                 f"每月税前工资{wan(monthly)}万元，实发约{wan(net)}万元"])
    words_value = stated + ((_words_delta(rng) * (12 if mode == "year" else 1)) if tamper == "words" else 0)
    words = f"（大写：{fam.to_words(words_value, yuan, whole)}）" if words_on else ""
    if mode == "month_net" and words_on:  # the 大写 goes with the 税前 figure, right after it
        head, _, tail = phrase.partition("万元")
        phrase = f"{head}万元{words}{tail}"
        words = ""
    who = e.person.name + fam._salutation(rng, e)
    text = (f"兹证明{who}（身份证号码：{e.person.id_number}）系我公司员工，{e.since.year}年{e.since.month}月入职，"
            f"现任{e.title}，{phrase}{words}。")
    paras = [text, rng.choice(["特此证明。", "以上情况属实，特此证明。"])]
    y = fam.paragraphs(d, margin, y, w - 2 * margin, paras, body, leading=rng.choice([1.85, 2.0] if portrait else
                                                                                      [1.7, 1.8]))
    y += rng.randint(130, 200) if portrait else rng.randint(50, 80)
    date_text = s.day(e.issue) if s.date != "cnnum" else cn_date(e.issue)
    cf = fit(e.company, body, w - 2 * margin - 40)
    right = w - margin
    d.text((right, y), e.company, font=cf, fill=INK, anchor="ra")
    cw = cf.getlength(e.company)
    dw = body.getlength(date_text)
    offset = rng.choice([0, 0, max(0, (cw - dw) / 2)])
    d.text((right - offset, y + int(body.size * 1.9)), date_text, font=body, fill=INK, anchor="ra")
    if tamper != "seal":  # over the name, its 专用章 clear of the date
        fam.seal(d, min(right - cw * 0.7, right - offset - dw - 60), y + body.size * 0.4, rng.randint(92, 106),
                 e.company)
    f = fam._fields(e.person.name, e.person.id_number, e.company, monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1 if words_on else None, tampered=tamper,
                             extra={"income_mode": mode, "stated_wan": wan(stated),
                                    "annual_income": None if annual is None else float(annual)})


VISA_COMPANIES = [  # Chinese name, English name, city
    ("浙江云帆智能装备有限公司", "Zhejiang Yunfan Intelligent Equipment Co., Ltd.", "杭州"),
    ("成都锦程软件技术有限公司", "Chengdu Jincheng Software Technology Co., Ltd.", "成都"),
    ("武汉汇通江城物流有限公司", "Wuhan Huitong Jiangcheng Logistics Co., Ltd.", "武汉"),
    ("深圳市鹏海微电子科技有限公司", "Shenzhen Penghai Microelectronics Technology Co., Ltd.", "深圳"),
    ("南京金陵睿材新材料股份有限公司", "Nanjing Jinling Ruicai New Materials Co., Ltd.", "南京"),
    ("青岛海澜湾食品有限公司", "Qingdao Hailanwan Food Co., Ltd.", "青岛"),
    ("北京博远恒信文化传播有限公司", "Beijing Boyuan Hengxin Culture Communication Co., Ltd.", "北京"),
    ("厦门鹭港通国际贸易有限公司", "Xiamen Lugangtong International Trade Co., Ltd.", "厦门"),
    ("苏州瑞禾康生物科技有限公司", "Suzhou Ruihekang Biotechnology Co., Ltd.", "苏州"),
    ("上海澄明建筑设计咨询有限公司", "Shanghai Chengming Architectural Design Consulting Co., Ltd.", "上海"),
]
AREA_CODES = {"杭州": "0571", "成都": "028", "武汉": "027", "深圳": "0755", "南京": "025", "青岛": "0532",
              "北京": "010", "厦门": "0592", "苏州": "0512", "上海": "021"}
VISA_ROLES = [("技术部", "Technology", "软件工程师", "Software Engineer"), ("财务部", "Finance", "会计主管",
                                                                         "Accounting Supervisor"),
              ("销售部", "Sales", "销售经理", "Sales Manager"), ("人力资源部", "Human Resources", "招聘专员",
                                                                 "Recruitment Specialist"),
              ("市场部", "Marketing", "品牌经理", "Brand Manager"), ("研发中心", "R&D", "高级工程师",
                                                                     "Senior Engineer"),
              ("运营部", "Operations", "运营主管", "Operations Supervisor"), ("设计部", "Design", "设计师", "Designer"),
              ("采购部", "Purchasing", "采购经理", "Purchasing Manager")]
VISA_COUNTRIES = [("法国", "France", "法国驻华大使馆"), ("德国", "Germany", "德国驻华大使馆"),
                  ("意大利", "Italy", "意大利驻华大使馆"), ("日本", "Japan", "日本国驻华大使馆"),
                  ("英国", "the United Kingdom", "英国驻华大使馆"), ("西班牙", "Spain", "西班牙驻华大使馆"),
                  ("新西兰", "New Zealand", "新西兰驻华大使馆"), ("瑞士", "Switzerland", "瑞士驻华大使馆")]


def cert_bilingual_columns(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Visa 在职收入证明 in two parallel columns, Chinese left and English right, paragraph beside paragraph."""
    # Monthly pay (税前, with 大写) and often a yearly total that is not 12 x the month (年终奖); dates 2026年3月5日
    # on the left and 05 MAR 2026 on the right; seal over the Chinese signature block.
    e = _employee(rng, tamper, step=rng.choice([100, 500]))
    company, company_en, city = rng.choice(VISA_COMPANIES)
    tel = f"{AREA_CODES[city]}-{rng.randint(5, 8)}{rng.randrange(10**6, 10**7)}"
    address = f"{city}市{rng.choice(DISTRICT_WORDS)}区{rng.choice(generate.STREETS)}{rng.randint(1, 399)}号"
    dept, dept_en, title, title_en = rng.choice(VISA_ROLES)
    country, country_en, embassy = rng.choice(VISA_COUNTRIES)
    zh_serif = rng.random() < 0.5
    zf = fam.font(fam.SERIF if zh_serif else fam.SANS, rng.randint(23, 25))
    zb = fam.font(fam.SERIF_BOLD if zh_serif else fam.SANS_BOLD, zf.size)
    en_path, en_bold = rng.choice([(DEJAVU_SERIF, DEJAVU_SERIF_BOLD), (DEJAVU_SANS, DEJAVU_SANS_BOLD),
                                   (fam.SANS, fam.SANS_BOLD)])
    ef = fam.font(en_path, rng.randint(18, 20))
    eb = fam.font(en_bold, ef.size)
    en_how = rng.choice(["dmy_caps", "dmy", "mdy"])
    page, d = fam.blank_page()
    x0 = rng.randint(70, 90)
    gap = 44
    colw = (PAGE_W - 2 * x0 - gap) // 2
    xr = x0 + colw + gap
    accent = rng.choice([(20, 60, 130), INK, (140, 20, 30)])
    y = rng.randint(70, 100)
    d.text((PAGE_W / 2, y), company, font=fit(company, fam.font(fam.SANS_BOLD, 34), PAGE_W - 2 * x0), fill=accent,
           anchor="ma")
    y += 50
    d.text((PAGE_W / 2, y), company_en, font=fit(company_en, fam.font(en_bold, 22), PAGE_W - 2 * x0), fill=accent,
           anchor="ma")
    y += 36
    addr = f"{address}  Tel: +86 {tel[1:]}"
    d.text((PAGE_W / 2, y), addr, font=fit(addr, fam.font(fam.SANS, 17), PAGE_W - 2 * x0), fill=GREY, anchor="ma")
    y += 34
    d.line((x0, y, PAGE_W - x0, y), fill=accent, width=3)
    y += 50
    top_rule = y - 20
    zt = rng.choice(["在职收入证明", "在职及收入证明", "工作及收入证明"])
    et = rng.choice(["CERTIFICATE OF EMPLOYMENT AND INCOME", "EMPLOYMENT AND INCOME CERTIFICATE",
                     "LETTER OF EMPLOYMENT"])
    d.text((x0 + colw / 2, y), zt, font=fam.font(fam.SERIF_BOLD if zh_serif else fam.SANS_BOLD, 34), fill=INK,
           anchor="ma")
    d.text((xr + colw / 2, y + 6), et, font=fit(et, fam.font(en_bold, 24), colw), fill=INK, anchor="ma")
    y += 80
    py = pinyin(e.person.name)
    en_name = py or e.person.name
    mr = "Mr." if e.person.sex == "男" else "Ms."
    he, his = ("he", "his") if e.person.sex == "男" else ("she", "her")
    prefix = rng.choice(["E", "E", "EA", "EB", "EC", "ED"])
    passport = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    leave = e.issue + dt.timedelta(days=rng.randint(15, 45))
    back = leave + dt.timedelta(days=rng.randint(7, 18))
    annual_mult = rng.choice([12, 13, 14, 15, None])
    words = fam.to_words(e.words_amount)
    money_zh = fam.money(e.monthly, rng.random() < 0.6)
    income_zh = f"其税前月薪为人民币{money_zh}元（大写：{words}）"
    income_en = f"{his.capitalize()} monthly salary before tax is RMB {fam.money(e.monthly)}"
    if annual_mult:
        annual = e.monthly * annual_mult
        income_zh += (f"，年收入{'（含年终奖金）' if annual_mult > 12 else ''}约人民币{fam.money(annual, False, 0)}元")
        income_en += (f", and {his} annual income{' including the year-end bonus' if annual_mult > 12 else ''} is "
                      f"about RMB {fam.money(annual, True, 0)}")
    pairs = [
        (rng.choice([f"致：{embassy}签证处", "致有关方面："]),
         f"To: Visa Section, Embassy of {country_en}" if rng.random() < 0.6 else "To Whom It May Concern:"),
        (f"兹证明{e.person.name}（{e.person.sex}，出生日期：{e.person.birth.year}年{e.person.birth.month}月"
         f"{e.person.birth.day}日，身份证号码：{e.person.id_number}，护照号码：{passport}）自{e.since.year}年"
         f"{e.since.month}月起在我公司工作，现任{dept}{title}。",
         f"This is to certify that {mr} {en_name} (born on {day_text(e.person.birth, en_how)}, passport no. "
         f"{passport}) has been working for our company since {fam.EN_MONTHS[e.since.month - 1]} {e.since.year} "
         f"and is currently {title_en} in the {dept_en} Department."),
        (income_zh + "。", income_en + "."),
        (f"经公司批准，该员工将于{day_text(leave, 'cn')}至{day_text(back, 'cn')}赴{country}旅游，一切费用由其本人承担。"
         f"假期结束后，其将返回我公司继续工作，我公司为其保留职位。",
         f"{he.capitalize()} has been granted leave from {day_text(leave, en_how)} to {day_text(back, en_how)} to "
         f"travel to {country_en} at {his} own expense, and {his} position will be kept for {his} return."),
        ("特此证明。", "Yours faithfully,"),
    ]
    for k, (zh, en) in enumerate(pairs):
        indent = 0 < k < len(pairs) - 1
        zy = fam.paragraphs(d, x0, y, colw, [zh], zf, leading=1.75, indent=indent)
        ey = fam.paragraphs(d, xr, y + 3, colw, [en], ef, leading=1.6, indent=False)
        y = max(zy, ey) + 18
    y += 40
    hr_py = pinyin(e.hr)
    role_zh, role_en = rng.choice([("人力资源部经理", "HR Manager"), ("总经理", "General Manager"),
                                   ("人事行政总监", "HR & Admin Director")])
    signer = hr_py.title() if hr_py else e.hr
    zl = [("单位盖章：", zb), (company, zf), ("负责人签字：", zf), (f"{e.hr}（{role_zh}）", zf),
          (f"联系电话：{tel}", zf), (f"日期：{day_text(e.issue, rng.choice(['cn', 'cn0']))}", zf)]
    el = [("Company Seal:", eb), (company_en, ef), ("Signature:", ef), (f"{signer}, {role_en}", ef),
          (f"Tel: +86 {tel[1:]}", ef), (f"Date: {day_text(e.issue, en_how)}", ef)]
    step = int(zf.size * 1.8)
    sy = y
    for (zt_, zfont), (et_, efont) in zip(zl, el):
        d.text((x0, y), zt_, font=fit(zt_, zfont, colw), fill=INK)
        d.text((xr, y + 3), et_, font=fit(et_, efont, colw), fill=INK)
        y += step
    if rng.random() < 0.7:  # the signature on the 签字 / Signature line, in the English column
        scrawl(page, xr + ef.getlength("Signature:") + 16, sy + 2 * step - 18, signer, 30, rng)
    d.line((x0 + colw + gap / 2, top_rule, x0 + colw + gap / 2, y), fill=(170, 170, 170), width=1)
    if tamper != "seal":
        r = rng.randint(104, 118)
        fam.seal(d, x0 + min(colw - r - 10, zf.getlength(company) * 0.65), sy + step * 1.0, r, company)
    f = fam._fields(e.person.name, e.person.id_number, company, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"employer_en": company_en, "annual_months": annual_mult,
                                    "name_en": en_name, "passport": passport})


PROVINCE_OF = {"北京": "京", "上海": "沪", "天津": "津", "重庆": "渝", "南京": "苏", "杭州": "浙", "成都": "川",
               "武汉": "鄂", "长沙": "湘", "西安": "陕", "青岛": "鲁", "厦门": "闽", "合肥": "皖", "郑州": "豫",
               "济南": "鲁", "福州": "闽", "昆明": "滇", "南昌": "赣", "沈阳": "辽", "大连": "辽", "宁波": "浙",
               "苏州": "苏", "无锡": "苏", "佛山": "粤", "温州": "浙", "常州": "苏", "绍兴": "浙", "泉州": "闽",
               "东莞": "粤", "中山": "粤", "嘉兴": "浙", "台州": "浙", "潍坊": "鲁", "洛阳": "豫"}
AGENCY_BRANDS = ["众诚", "聚才", "汇英", "智联通", "博才", "安信达", "同程", "德才", "鑫源", "恒才", "仁和", "锐达"]


def cert_dispatch_agency(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """劳务派遣 agency's letter in a double-ruled frame: worker placed at a client (用工单位), paid by the agency."""
    # Licence number under the agency's name; 应发 (税前) with 大写 and an approximate 实发; a small 派遣信息 table;
    # the employer is the agency (the labour contract and the pay are its), the client named in the body and table.
    e = _employee(rng, tamper)
    city = rng.choice(CITIES)
    agency = rng.choice([f"{city}{rng.choice(AGENCY_BRANDS)}人力资源服务有限公司",
                         f"{city}{rng.choice(AGENCY_BRANDS)}劳务派遣有限公司",
                         f"{rng.choice(AGENCY_BRANDS)}人才服务（{city}）有限公司"])
    client = rng.choice([c for c in fam.EMPLOYERS if not c.endswith("事务所（普通合伙）")])
    s = fam.make_style(rng, sizes=(25, 28), dates=("cn", "iso", "slash", "dot", "cn0"), serif_p=0.5)
    frame = rng.choice([(28, 52, 120), (150, 30, 36), (60, 60, 60)])
    page, d = fam.blank_page()
    d.rectangle((40, 40, PAGE_W - 40, PAGE_H - 40), outline=frame, width=6)
    d.rectangle((54, 54, PAGE_W - 54, PAGE_H - 54), outline=frame, width=2)
    for cx, cy in ((54, 54), (PAGE_W - 54, 54), (54, PAGE_H - 54), (PAGE_W - 54, PAGE_H - 54)):
        d.rectangle((cx - 12, cy - 12, cx + 12, cy + 12), fill=frame)
    x = rng.randint(110, 130)
    tw = PAGE_W - 2 * x
    y = rng.randint(110, 140)
    af = fit(agency, s.f(36, bold=True), tw)
    d.text((PAGE_W / 2, y), agency, font=af, fill=INK, anchor="ma")
    y += 56
    prov = PROVINCE_OF.get(city, "苏")
    licence = f"劳务派遣经营许可证编号：{prov}人社派许字〔{rng.randint(2019, 2024)}〕第{rng.randint(10, 999):03d}号"
    d.text((PAGE_W / 2, y), licence, font=s.f(19), fill=GREY, anchor="ma")
    y += 30
    d.text((PAGE_W / 2, y), f"统一社会信用代码：{credit_code(rng)}", font=s.f(19), fill=GREY, anchor="ma")
    y += 90
    d.text((PAGE_W / 2, y), rng.choice(["收入证明", "工资收入证明", "收 入 证 明"]), font=s.f(52, bold=True), fill=INK,
           anchor="ma")
    y += 120
    body = s.f()
    if rng.random() < 0.6:
        d.text((x, y), rng.choice([f"{rng.choice(fam.BANKS)}：", "致有关单位："]), font=body, fill=INK)
        y += int(body.size * 1.9)
    net = (e.monthly * Decimal(rng.choice(["0.8", "0.82", "0.84", "0.86"])) / 10).quantize(Decimal(1)) * 10
    words = fam.words_text(rng, e.words_amount)
    p1 = (f"兹证明{e.person.name}（{e.person.sex}，身份证号码：{e.person.id_number}）系我公司员工，与我公司签订"
          f"{rng.choice(['劳动合同', '劳务派遣劳动合同', '固定期限劳动合同'])}，自{fam._since(e, 'cn')}起由我公司派遣至"
          f"{client}（用工单位）{e.dept}从事{e.title}工作。")
    p2 = (f"该员工工资由我公司按月发放，月应发工资（税前）为{s.amount(e.monthly)}（大写：{words}），扣除社会保险、"
          f"住房公积金个人缴纳部分及个人所得税后，月实发工资约{fam.money(net, s.thousands, 0)}元。")
    y = fam.paragraphs(d, x, y, tw, [p1, p2], body, leading=1.85)
    y += 14
    lw = int(tw * 0.26)
    term = rng.choice([3, 5])
    end_year = e.since.year + term * ((e.issue.year - e.since.year) // term + 1)
    until = rng.choice(["无固定期限", f"{fam._since(e, 'cn')}至{end_year}年{e.since.month}月"])
    rows = [["用工单位", client], ["派遣岗位", f"{e.dept} {e.title}"], ["派遣期限", until],
            ["工资发放", rng.choice([f"银行代发（{rng.choice(fam.BANKS)}）", "银行代发", "每月15日前银行转账"])]]
    y = fam.table(d, x + 20, y, [lw, tw - 40 - lw], rows, s.f(s.size - 3), rng.randint(50, 58), head_rows=0,
                  aligns="cl")
    y += 30
    purpose = rng.choice(["办理个人贷款", "申请信用卡", "办理按揭贷款"])
    y = fam.paragraphs(d, x, y, tw, [f"本证明仅用于该员工{purpose}，我公司对证明内容的真实性负责。", "特此证明。"],
                       body, leading=1.85)
    y += rng.randint(60, 100)
    client_line = rng.random() < 0.35
    if client_line:
        d.text((x, y), "用工单位确认（盖章）：", font=s.f(s.size - 3), fill=INK)
    right = PAGE_W - x
    label = rng.choice(["劳务派遣单位（盖章）：", "派遣单位（盖章）：", "用人单位（盖章）："])
    cw = max(body.getlength(agency), body.getlength(label)) + 10
    sx = right - cw
    d.text((sx, y), label, font=body, fill=INK)
    af2 = fit(agency, body, right - sx)
    d.text((sx, y + int(body.size * 1.8)), agency, font=af2, fill=INK)
    date_text = day_text(e.issue, rng.choice(["cn", "iso", "slash", "dot", "cn0"]))
    d.text((sx, y + int(body.size * 5.2)), f"日期：{date_text}", font=body, fill=INK)
    contact = f"联系人：{e.hr}　电话：{e.phone}"
    d.text((sx, y + int(body.size * 7.0)), contact, font=fit(contact, s.f(s.size - 4), right - sx), fill=INK)
    if tamper != "seal":  # over the name; its 专用章 falls in the gap above the date
        fam.seal(d, sx + af2.getlength(agency) / 2, y + body.size * 1.5, rng.randint(112, 126), agency)
    f = fam._fields(e.person.name, e.person.id_number, agency, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"client": client,
                                    "employer_is": "派遣单位 (holds the labour contract, pays, seals)",
                                    "net_monthly_about": float(net), "client_confirm_line": client_line})


# ------------------------------------------------------------------------------------- 工资条 (payslips)


def _two_line(label: str) -> str:
    """A spreadsheet's narrow header cell wraps a four-character label onto two lines: 基本工资 -> 基本/工资."""
    return f"{label[:2]}\n{label[2:]}" if len(label) >= 4 and "\n" not in label else label


def slip_scissor_strip(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """One employee's strip cut with scissors from an Excel 工资条 sheet (a header row over each person's row)."""
    # Scanned on a landscape bed: a title row (the month, often the employer) or a 月份 column; many narrow columns
    # with two-line labels; sometimes a 发放日期 column; the cut edges a little ragged, half a dashed cut guide left.
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pay = fam.pay_series(rng, 1)[0]
    fs = rng.randint(17, 19)
    cf, hf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
    thousands = rng.random() < 0.4
    zero = rng.choice(["0.00", "-", "0"])

    def num(v: Decimal) -> str:
        return zero if v == 0 else fam.money(v, thousands)

    title_row = rng.random() < 0.65
    with_company = title_row and rng.random() < 0.75
    month_col = not title_row or rng.random() < 0.3
    paid_col = rng.random() < 0.35
    cols: list[tuple[str, str]] = []
    if month_col:
        cols.append(("月份", fam.fmt_month(pay.month, rng.choice(["iso", "compact", "dot", "cn"]))))
    cols += [("工号", fam._staff_no(rng)), ("姓名", person.name)]
    if rng.random() < 0.6:
        cols.append(("部门", rng.choice(fam.DEPARTMENTS)[0]))
    if rng.random() < 0.5:
        cols.append(("出勤\n天数", rng.choice(["21.75", "22", "21", "20.5", "23"])))
    cols += [(_two_line(k), num(v)) for k, v in pay.earnings]
    cols.append((_two_line(rng.choice(fam.GROSS)), num(pay.gross)))
    if rng.random() < 0.6:
        cols += [("养老\n保险", num(pay.pension)), ("医疗\n保险", num(pay.medical)),
                 ("失业\n保险", num(pay.unemployment))]
    else:
        cols.append(("社保\n个人", num(pay.social)))
    cols += [("住房\n公积金", num(pay.fund)), ("个人\n所得税", num(pay.tax))]
    if rng.random() < 0.6:
        cols.append(("扣款\n合计", num(pay.deductions)))
    cols.append((_two_line(rng.choice(fam.NET)), num(pay.net)))
    if paid_col:
        cols.append(("发放日期", fam.fmt_date(pay.paid, rng.choice(["iso", "slash", "compact"]))))
    if rng.random() < 0.3:
        cols.append(("签字", ""))
    centred = {"月份", "工号", "姓名", "部门", "出勤\n天数", "发放日期", "签字"}
    natural = [max(max(hf.getlength(ln) for ln in k.split("\n")), cf.getlength(v)) + 26 for k, v in cols]
    natural = [max(58.0, w) for w in natural]
    target = min(max(sum(natural), rng.randint(1180, 1380)), 1440)
    widths = [int(w * target / sum(natural)) for w in natural]
    side, top, bottom = rng.randint(8, 26), rng.randint(6, 20), rng.randint(6, 20)
    head_h, val_h, title_h = int(fs * 2.6 + 10), int(fs * 2.2), int(fs * 2.3)
    sw = sum(widths) + 2 * side
    sh = top + (title_h if title_row else 0) + head_h + val_h + bottom
    paper = rng.choice([(255, 255, 255), (252, 252, 248), (248, 248, 246)])
    strip = Image.new("RGB", (sw, sh), paper)
    d = ImageDraw.Draw(strip)
    y = top
    month_text = fam.fmt_month(pay.month, rng.choice(["cn", "cn0"]))
    if title_row:
        text = (f"{company}{month_text}工资条" if with_company else
                rng.choice([f"{month_text}工资条", f"工资条（{month_text}）", f"{month_text}员工工资条"]))
        y = fam.table(d, side, y, [sum(widths)], [[text]], cf, title_h, head=fam.font(fam.SANS_BOLD, fs + 3))
    fill = rng.choice([(255, 242, 204), (221, 235, 247), (226, 239, 218), None])
    y = fam.table(d, side, y, widths, [[k for k, _ in cols]], cf, head_h, head=hf, head_fill=fill)
    aligns = "".join("c" if k in centred else "r" for k, _ in cols)
    fam.table(d, side, y, widths, [[v for _, v in cols]], cf, val_h, head_rows=0, aligns=aligns)
    guide = rng.random() < 0.45
    if guide:  # the dashed guide printed between strips, cut along: its upper half stays on this strip
        gy = sh - 2
        for gx in range(rng.randint(0, 12), sw, 18):
            d.line((gx, gy, gx + 9, gy), fill=(120, 120, 120), width=2)
    mask = Image.new("L", (sw, sh), 255)
    md = ImageDraw.Draw(mask)
    for edge_y, sign in ((0, 1), (sh - 1, -1)):  # scissors never cut quite straight
        a, b = rng.randint(0, 4), rng.randint(0, 4)
        md.polygon([(0, edge_y), (sw, edge_y), (sw, edge_y + sign * b), (0, edge_y + sign * a)], fill=0)
    strip_rgba = strip.convert("RGBA")
    strip_rgba.putalpha(mask)
    size = (PAGE_H, PAGE_W)
    bed = _scan_bed(size, rng)
    angle = rng.uniform(-1.4, 1.4)
    probe = strip_rgba.rotate(angle, expand=True)
    at = (rng.randint(130, max(131, size[0] - probe.width - 130)), rng.randint(140, 520))
    _lay_paper(bed, strip_rgba, at, angle)
    issue = pay.paid if paid_col else None
    f = fam._fields(person.name, None, company if with_company else None, pay.gross, issue)
    return [bed], fam.Facts(SLIP, f, tampered=tamper,
                            extra={**fam._slip_extra(pay), "title_row": title_row, "employer_in_title": with_company,
                                   "columns": len(cols)})


def slip_sections_subtotal(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Payslip building 应发 in sections (固定工资, 浮动工资, 津贴补贴), each with its 小计, then 应发合计."""
    # A category column merged down each section (characters stacked); 所属期间 and 发放日期 both stated (the pay
    # date is the issue date); 代扣代缴 with 扣款合计 and 实发 at the foot. No subtotal is the gross.
    s = fam.make_style(rng, sizes=(22, 25), serif_p=0.3)
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    month, paid = _recent_pay(rng)
    base = Decimal(rng.randrange(25, 150) * 100)
    post = Decimal(rng.randrange(5, 60) * 100)
    seniority = Decimal(rng.randint(1, 20) * rng.choice([30, 50, 100]))
    perf = Decimal(rng.randrange(0, 80) * 50) + (Decimal(rng.randrange(0, 100)) / 100 if rng.random() < 0.3 else 0)
    hours = rng.choice([0, 0, rng.randint(4, 36)])
    overtime = _q(Decimal(hours) * base / Decimal("21.75") / 8 * Decimal("1.5"))
    attendance = Decimal(rng.choice([0, 100, 200, 300]))
    sections = [
        (rng.choice(["固定工资", "固定薪酬"]), [("基本工资", base), ("岗位工资", post), ("工龄工资", seniority)]),
        (rng.choice(["浮动工资", "浮动薪酬", "绩效薪酬"]),
         [(rng.choice(["绩效工资", "绩效奖金", "月度绩效"]), perf), ("加班工资", overtime), ("全勤奖", attendance)]),
        (rng.choice(["津贴补贴", "补贴津贴"]),
         [("交通补贴", Decimal(rng.choice([0, 200, 300, 400, 500]))),
          ("餐费补贴", Decimal(rng.choice([0, 220, 300, 440, 600]))),
          ("通讯补贴", Decimal(rng.choice([0, 100, 150, 200])))]),
    ]
    gross = sum((v for _, items in sections for _, v in items), Decimal(0))
    social_base = min(base + post, Decimal(35000))
    pension = _q(social_base * Decimal("0.08"))
    medical = _q(social_base * Decimal("0.02") + 3)
    unemployment = _q(social_base * Decimal("0.005"))
    fund = (social_base * Decimal(rng.choice(["0.05", "0.08", "0.1", "0.12"]))).quantize(Decimal(1))
    tax = fam._tax(gross - pension - medical - unemployment - fund - 5000)
    deductions = [("养老保险", pension), ("医疗保险", medical), ("失业保险", unemployment), ("住房公积金", fund),
                  ("个人所得税", tax)]
    if rng.random() < 0.3:
        deductions.append(("工会会费", _q(base * Decimal("0.005"))))
    ded_total = sum((v for _, v in deductions), Decimal(0))
    net = gross - ded_total
    page, d = fam.blank_page()
    x = rng.randint(100, 130)
    tw = PAGE_W - 2 * x
    y = rng.randint(90, 130)
    d.text((PAGE_W / 2, y), company, font=fit(company, s.f(36, bold=True), tw), fill=INK, anchor="ma")
    y += 62
    d.text((PAGE_W / 2, y), rng.choice(["员工工资明细单", "薪酬发放明细", "工资条"]), font=s.f(32, bold=True), fill=INK,
           anchor="ma")
    y += 78
    period = rng.choice([fam.fmt_month(month, "cn0"), fam.fmt_month(month, "iso"), fam.fmt_month(month, "cn"),
                         f"{month:%Y.%m.%d}-{fam.month_end(month):%Y.%m.%d}"])
    paid_text = day_text(paid, rng.choice(["cn", "iso", "slash", "compact", "dot0"]))
    dept, post_title = rng.choice(fam.DEPARTMENTS)
    info = [(("姓名", person.name), ("员工编号", fam._staff_no(rng))), (("部门", dept), ("岗位", post_title)),
            ((rng.choice(["所属期间", "工资所属期", "计薪期间"]), period),
             (rng.choice(["发放日期", "发薪日期"]), paid_text))]
    body = s.f()
    for left, right in info:
        d.text((x, y), f"{s.lab(left[0])}{left[1]}", font=body, fill=INK)
        d.text((x + tw // 2 + 20, y), f"{s.lab(right[0])}{right[1]}", font=body, fill=INK)
        y += int(body.size * 1.8)
    y += 16
    with_note = rng.random() < 0.5
    cw = int(tw * 0.12)
    iw = int(tw * (0.4 if with_note else 0.5))
    aw = int(tw * 0.26) if with_note else tw - cw - iw
    nw = tw - cw - iw - aw
    row_h = rng.randint(44, 50)
    cf, bf = s.f(s.size - 1), s.f(s.size - 1, bold=True)
    shade = rng.choice([(240, 240, 240), (234, 241, 250)])

    def box(x0: float, y0: float, w: float, h: float, text: str, fnt: ImageFont.FreeTypeFont, align: str = "l",
            fill: tuple[int, int, int] | None = None) -> None:
        if fill:
            d.rectangle((x0, y0, x0 + w, y0 + h), fill=fill)
        d.rectangle((x0, y0, x0 + w, y0 + h), outline=GRID, width=2)
        if not text:
            return
        f = fit(text, fnt, w - 20)
        if align == "l":
            d.text((x0 + 12, y0 + h / 2), text, font=f, fill=INK, anchor="lm")
        elif align == "r":
            d.text((x0 + w - 12, y0 + h / 2), text, font=f, fill=INK, anchor="rm")
        else:
            d.text((x0 + w / 2, y0 + h / 2), text, font=f, fill=INK, anchor="mm")

    def line(label: str, value: Decimal | None, note: str = "", strong: bool = False, span: bool = False,
             fill: tuple[int, int, int] | None = None) -> None:
        nonlocal y
        fnt = bf if strong else cf
        if span:
            box(x, y, cw + iw, row_h, label, fnt, "c", fill)
        else:
            box(x + cw, y, iw, row_h, label, fnt, "l", fill)
        box(x + cw + iw, y, aw, row_h, "" if value is None else s.num(value), fnt, "r", fill)
        if nw:
            box(x + cw + iw + aw, y, nw, row_h, note, s.f(s.size - 4), "l", fill)
        y += row_h

    heads = ["类别", "项目", "金额（元）"] + (["备注"] if nw else [])
    hx = x
    for text, w in zip(heads, [cw, iw, aw, nw]):
        box(hx, y, w, row_h, text, bf, "c", shade)
        hx += w
    y += row_h
    notes = {"加班工资": f"加班{hours}小时" if hours else "", "全勤奖": "全勤" if attendance else ""}
    vf = s.f(s.size - 1, bold=True)

    def section(name: str, items: list[tuple[str, Decimal]], total_label: str) -> None:
        top = y
        for k, v in items:
            line(k, v, notes.get(k, ""))
        line(total_label, sum((v for _, v in items), Decimal(0)), strong=True, fill=(248, 248, 248))
        d.rectangle((x, top, x + cw, y), outline=GRID, width=2)
        vertical(d, x + cw / 2, top + (y - top - len(name) * vf.size * 1.15) / 2, name, vf)

    for name, items in sections:
        section(name, items, rng.choice(["小计", "小计", f"{name}小计"]) if len(name) <= 4 else "小计")
    line(rng.choice(["应发合计", "应发工资", "应发工资合计"]), gross, strong=True, span=True, fill=shade)
    section(rng.choice(["代扣代缴", "扣款项目"]), deductions, "扣款合计")
    line(rng.choice(["实发工资", "实发金额", "实发合计"]), net, strong=True, span=True, fill=shade)
    y += 34
    y = fam.paragraphs(d, x, y, tw, [rng.choice(["如对工资有异议，请于发放之日起3个工作日内向人力资源部反映。",
                                                 "本工资单仅供员工本人核对，请妥善保管，注意保密。"])],
                       s.f(20), indent=False, fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.55:
        fam.seal(d, PAGE_W - x - rng.randint(150, 240), y + 60, rng.randint(100, 118), company)
        seals = (1,)
    pay = fam.Pay(month, [(k, v) for _, items in sections for k, v in items], gross, pension, medical, unemployment,
                  fund, tax, paid)
    f = fam._fields(person.name, None, company, gross, paid)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={"pay_month": f"{month:%Y-%m}", "gross_pay": float(gross), "net_pay": float(net),
                                    "subtotals": [float(sum((v for _, v in items), Decimal(0)))
                                                  for _, items in sections], "earnings_items": len(pay.earnings)})


def slip_stacked_months(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Two or three monthly 工资条 of one employee scanned together on one A4 bed, not in date order."""
    # Each slip: employer, "2026年9月工资条", a name line and a two-row table, sometimes a 发放日期 line and a small
    # seal. The monthly income is the most recent month's 应发 wherever on the page that slip lies.
    n = rng.choice([2, 3, 3])
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pays = fam.pay_series(rng, n)
    s = fam.make_style(rng, sizes=(20, 22), serif_p=0.3)
    staff, dept = fam._staff_no(rng), rng.choice(fam.DEPARTMENTS)[0]
    gross_label, net_label = rng.choice(fam.GROSS), rng.choice(fam.NET)
    social_label, fund_label, tax_label = rng.choice(fam.SOCIAL), rng.choice(fam.FUND), rng.choice(fam.TAX)
    dated = rng.random() < 0.65
    sealed = tamper != "seal" and rng.random() < 0.5
    date_how = rng.choice(["cn", "iso", "slash", "dot0"])
    month_how = rng.choice(["cn", "cn0"])
    paper = rng.choice([(255, 255, 255), (250, 250, 244), (246, 249, 252)])
    slip_w = rng.randint(1020, 1100)
    order = list(range(n))
    rng.shuffle(order)
    slips = []
    for k in order:
        p = pays[k]
        sheet = Image.new("RGB", (slip_w, 520), paper)
        d = ImageDraw.Draw(sheet)
        y = 22
        d.text((slip_w / 2, y), company, font=fit(company, s.f(26, bold=True), slip_w - 60), fill=INK, anchor="ma")
        y += 42
        d.text((slip_w / 2, y), f"{fam.fmt_month(p.month, month_how)}工资条", font=s.f(24, bold=True), fill=INK,
               anchor="ma")
        y += 46
        d.text((30, y), f"{s.lab('姓名')}{person.name}　　{s.lab('工号')}{staff}　　{s.lab('部门')}{dept}", font=s.f(),
               fill=INK)
        y += 40
        cols = [(k_, s.num(v)) for k_, v in p.earnings] + [
            (gross_label, s.num(p.gross)), (social_label, s.num(p.social)), (fund_label, s.num(p.fund)),
            (tax_label, s.num(p.tax)), (net_label, s.num(p.net))]
        tw = slip_w - 60
        widths = [tw // len(cols)] * len(cols)
        widths[-1] += tw - sum(widths)
        y = fam.table(d, 30, y, widths, [[c for c, _ in cols], [v for _, v in cols]], s.f(s.size - 1), 46,
                      head=s.f(s.size - 1, bold=True), aligns="c" * len(cols))
        y += 16
        if dated:
            d.text((30, y), f"{s.lab('发放日期')}{day_text(p.paid, date_how)}", font=s.f(s.size - 1), fill=INK)
        bottom = y + 60
        if sealed:  # the 财务 stamp under the table's right end, clear of the figures
            r = rng.randint(58, 66)
            fam.seal(d, slip_w - rng.randint(110, 220), y + r - 6, r, company)
            bottom = y + 2 * r + 10
        sheet = sheet.crop((0, 0, slip_w, bottom))
        slips.append((p, sheet))
    bed = _scan_bed((PAGE_W, PAGE_H), rng)
    cur = rng.randint(50, 110)
    for _, sheet in slips:
        angle = rng.uniform(-1.8, 1.8)
        probe = sheet.rotate(angle, expand=True)
        at = (rng.randint(30, max(31, PAGE_W - probe.width - 30)), cur)
        _lay_paper(bed, sheet, at, angle)
        cur += probe.height + rng.randint(30, 70)
    latest = pays[-1]
    f = fam._fields(person.name, None, company, latest.gross, latest.paid if dated else None)
    return [bed], fam.Facts(SLIP, f, seal_pages=(1,) if sealed else (), tampered=tamper,
                            extra={**fam._slip_extra(latest), "months_top_to_bottom": [f"{p.month:%Y-%m}" for p, _ in
                                                                                       slips], "slips": n})


PLATFORMS = ["薪福通", "易薪云", "人事邦", "云薪宝", "慧算薪", "薪事帮"]


def slip_leader_dots(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """HR SaaS 电子工资单 exported to PDF: summary tiles, then 收入项/扣除项 lists with dotted leaders, no grid."""
    # 薪资期间 as a date range and 发薪日期 apart; a 个税 block with 本期应纳税所得额 (not the gross); masked card and
    # (mostly) masked ID; "系统自动生成，无需盖章" and the generation time in the footer.
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
    pay = fam.pay_series(rng, 1)[0]
    platform = rng.choice(PLATFORMS)
    accent = rng.choice([(37, 99, 235), (16, 140, 110), (224, 104, 28), (104, 78, 196)])
    sans = functools.partial(fam.font, fam.SANS)
    bold = functools.partial(fam.font, fam.SANS_BOLD)
    page, d = fam.blank_page()
    page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
    x, right = rng.randint(80, 100), PAGE_W - rng.randint(80, 100)
    tw = right - x
    d.rectangle((0, 0, PAGE_W, 110), fill=accent)
    d.text((x, 55), platform, font=bold(34), fill=(255, 255, 255), anchor="lm")
    d.text((right, 55), rng.choice(["电子工资单", "电子工资单 · Payslip", "薪资明细"]), font=sans(24),
           fill=(255, 255, 255), anchor="rm")
    y = 150
    d.text((x, y), company, font=fit(company, bold(28), tw), fill=INK)
    y += 54
    d.text((x, y), f"{fam.fmt_month(pay.month, rng.choice(['cn0', 'cn']))}工资单", font=bold(40), fill=INK)
    y += 70
    period = f"{pay.month:%Y.%m.%d} - {fam.month_end(pay.month):%Y.%m.%d}"
    paid_text = day_text(pay.paid, rng.choice(["slash", "iso", "cn", "dmy_caps"]))
    d.text((x, y), f"薪资期间：{period}", font=sans(22), fill=GREY)
    d.text((right, y), f"发薪日期：{paid_text}", font=sans(22), fill=GREY, anchor="ra")
    y += 46
    d.line((x, y, right, y), fill=(225, 228, 234), width=2)
    y += 26
    card = fam.card_number(rng, False).replace(" ", "")
    full_id = rng.random() < 0.3
    dept, title = rng.choice(fam.DEPARTMENTS)
    info = [("姓　　名", person.name), ("工　　号", fam._staff_no(rng)), ("部　　门", dept), ("职　　位", title),
            ("入职日期", f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"),
            ("工资卡号", f"{card[:4]} **** **** {card[-4:]}"),
            ("证件号码", person.id_number if full_id else fam.mask_id(person.id_number))]
    half = tw // 2
    for i, (k, v) in enumerate(info):
        cx = x + (i % 2) * half
        d.text((cx, y), k, font=sans(21), fill=(130, 134, 142))
        d.text((cx + 130, y - 2), v, font=fit(v, sans(23), half - 150), fill=INK)
        if i % 2 == 1 or i == len(info) - 1:
            y += 44
    y += 20
    gross_label = rng.choice(["税前应发", "应发合计", "应发工资"])
    tiles = [(gross_label, pay.gross), ("扣款合计", pay.deductions), (rng.choice(["实发金额", "实发工资"]), pay.net)]
    tile_w = (tw - 40) / 3
    for i, (k, v) in enumerate(tiles):
        tx = x + i * (tile_w + 20)
        d.rounded_rectangle((tx, y, tx + tile_w, y + 128), radius=12, fill=(245, 247, 251), outline=(226, 230, 238))
        d.text((tx + 24, y + 22), k, font=sans(21), fill=(120, 124, 132))
        d.text((tx + 24, y + 62), f"¥{fam.money(v)}", font=bold(32), fill=accent if i == 2 else INK)
    y += 170
    unit = rng.choice(["", "元"])
    thousands = rng.random() < 0.7

    def header(text: str) -> None:
        nonlocal y
        d.rectangle((x, y + 4, x + 6, y + 32), fill=accent)
        d.text((x + 18, y), text, font=bold(26), fill=INK)
        y += 52

    def item(label: str, value: Decimal, strong: bool = False) -> None:
        nonlocal y
        f = bold(23) if strong else sans(23)
        text = f"{fam.money(value, thousands)}{unit}"
        d.text((x + 24, y), label, font=f, fill=INK)
        d.text((right - 10, y), text, font=f, fill=INK, anchor="ra")
        dotted(d, x + 24 + f.getlength(label) + 14, right - 10 - f.getlength(text) - 14, y + 17)
        y += 42

    header("收入项")
    for k, v in pay.earnings:
        item(k, v)
    d.line((x + 24, y + 2, right - 10, y + 2), fill=(210, 214, 222), width=1)
    y += 10
    item(gross_label if rng.random() < 0.5 else "收入合计", pay.gross, True)
    y += 20
    header("扣除项")
    for k, v in [("养老保险", pay.pension), ("医疗保险", pay.medical), ("失业保险", pay.unemployment),
                 (rng.choice(fam.FUND), pay.fund), (rng.choice(fam.TAX), pay.tax)]:
        item(k, v)
    d.line((x + 24, y + 2, right - 10, y + 2), fill=(210, 214, 222), width=1)
    y += 10
    item("扣款合计", pay.deductions, True)
    y += 20
    if y + 52 + 4 * 42 + 20 + 40 < PAGE_H - 130:
        header("个税信息")
        taxable = max(Decimal(0), pay.gross - pay.social - pay.fund - 5000)
        item("本期减除费用", Decimal(5000))
        item("本期专项扣除（三险一金）", pay.social + pay.fund)
        item("本期应纳税所得额", taxable)
        item("本期预扣预缴税额", pay.tax)
        y += 20
    d.text((x, y), f"实发工资已转入尾号{card[-4:]}的工资卡，请注意查收。", font=sans(21), fill=GREY)
    gen = dt.datetime.combine(pay.paid - dt.timedelta(days=rng.choice([0, 0, 1])),
                              dt.time(rng.randint(8, 18), rng.randrange(60), rng.randrange(60)))
    d.line((x, PAGE_H - 110, right, PAGE_H - 110), fill=(225, 228, 234), width=1)
    d.text((x, PAGE_H - 96), f"本工资单由{platform}系统自动生成，无需盖章　　生成时间：{gen:%Y-%m-%d %H:%M:%S}",
           font=sans(17), fill=GREY)
    d.text((right, PAGE_H - 96), "1/1", font=sans(17), fill=GREY, anchor="ra")
    f = fam._fields(person.name, person.id_number if full_id else None, company, pay.gross, pay.paid)
    return [page], fam.Facts(SLIP, f, tampered=tamper,
                             extra={**fam._slip_extra(pay), "platform": platform, "generated": f"{gen:%Y-%m-%d}"})


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
    seal_pages: tuple[int, ...]  # the pages carrying the bank's seal


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
    printed = dt.datetime.combine(printed_day, dt.time(rng.randint(8, 20), rng.randrange(60), rng.randrange(60)))
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
    shown_all = [t for page in drawn.shown for t in page]
    id_number = person.id_number if id_mode == "full" else None
    f = fam._fields(person.name, id_number, None, fam.salary_mean(shown_all), drawn.print_date)
    first = None
    if len(drawn.pages) > 1:
        first = fam._fields(person.name, id_number, None, fam.salary_mean(drawn.shown[0]),
                            drawn.print_date if drawn.print_on_first else None)
    info = {"bank": bank, "salary_by_month": fam.salary_by_month(shown_all), "salary_mark": mark, "id_shown": id_mode,
            "rows": len(shown_all), "rows_per_page": [len(t) for t in drawn.shown],
            "print_date_on_page_1": drawn.print_on_first}
    return drawn.pages, fam.Facts(STMT, f, first, drawn.seal_pages, None, tamper, info)


def _px(weights: list[float], total: int) -> list[int]:
    widths = [int(total * w / sum(weights)) for w in weights]
    widths[-1] += total - sum(widths)
    return widths


def _branch(rng: random.Random, bank: str) -> str:
    city = rng.choice(CITIES)
    return f"{bank}{city}{rng.choice(['分行营业部', '城南支行', '高新区支行', '开发区支行', '人民路支行', '新城支行'])}"


SUMMARY_BANKS = ["交通银行", "中国邮政储蓄银行", "兴业银行", "浦发银行", "中信银行", "华夏银行"]


def stmt_summary_first(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Statement whose page 1 opens with 交易汇总 (期初/期末余额, 收支笔数与金额) and a 按月汇总 table, then details."""
    # Details: 序号 | 交易日期 | 交易时间 | 交易类型 | 发生额 (+/-) | 余额 | 对方户名 | 对方账号 | 渠道; each page
    # footed with 本页收入/支出合计 and 第p页/共n页. The monthly totals count every credit, not only the salary.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        x = rng.randint(60, 76)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(17, 19)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        cols = ["序号", "交易日期", "交易时间", "交易类型", "发生额", "余额", "对方户名", "对方账号", "渠道"]
        widths = _px([0.55, 1.15, 0.95, 1.1, 1.2, 1.25, 2.0, 1.45, 0.85], tw)
        row_h, head_h = int(fs * 2.0), int(fs * 2.3)

        def cells(k: int, t: fam.Tx) -> list[fam.Cell]:
            other = f"****{t.account[-4:]}" if t.account else ""
            return [str(k), s.day(t.when.date()), f"{t.when:%H:%M:%S}", t.desc,
                    ("+" if t.amount > 0 else "-") + s.num(abs(t.amount)), s.num(t.balance), t.party, other,
                    t.channel or "柜面"]

        opening = txs[0].balance - txs[0].amount if txs else Decimal(0)
        closing = txs[-1].balance if txs else opening
        credits = [t for t in txs if t.amount > 0]
        debits = [t for t in txs if t.amount < 0]
        months: dict[str, list[fam.Tx]] = {}
        for t in txs:
            months.setdefault(f"{t.when:%Y-%m}", []).append(t)
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        i = 0
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            y = 80
            if not pages:
                title = c.bank + rng.choice(["个人账户交易明细清单", "账户交易明细", "个人活期账户交易明细"])
                d.text((PAGE_W / 2, y), title, font=fam.font(fam.SANS_BOLD, 34), fill=INK, anchor="ma")
                y += 66
                lw = int(tw * 0.14)
                info = [["户名", c.person.name, "账号", c.account],
                        ["币种", "人民币", "账户类型", rng.choice(["借记卡", "I类账户", "活期储蓄"])],
                        ["开户机构", _branch(rng, c.bank), "证件号码" if c.id_mode != "none" else "客户号",
                         c.id_text() if c.id_mode != "none" else str(rng.randint(10**9, 10**10 - 1))],
                        ["查询期间", fam._period(c.start, c.end, s), "打印日期", s.day(c.printed.date())]]
                y = fam.table(d, x, y, [lw, tw // 2 - lw, lw, tw - tw // 2 - lw], info, fam.font(fam.SANS, 19), 40,
                              head_rows=0, aligns="clcl")
                y += 22
                d.text((x, y), "一、交易汇总", font=fam.font(fam.SANS_BOLD, 21), fill=INK)
                y += 36
                sf = fam.font(fam.SANS, 18)
                summary = [["期初余额", "收入笔数", "收入金额", "支出笔数", "支出金额", "期末余额"],
                           [s.num(opening), str(len(credits)), s.num(sum((t.amount for t in credits), Decimal(0))),
                            str(len(debits)), s.num(-sum((t.amount for t in debits), Decimal(0))), s.num(closing)]]
                y = fam.table(d, x, y, _px([1] * 6, tw), summary, sf, 36, head=fam.font(fam.SANS_BOLD, 18),
                              aligns="cccccc", head_fill=(238, 238, 238))
                y += 22
                d.text((x, y), "二、按月汇总", font=fam.font(fam.SANS_BOLD, 21), fill=INK)
                y += 36
                monthly = [["月份", "收入笔数", "收入金额", "支出笔数", "支出金额", "月末余额"]]
                for key, group in months.items():
                    inc = [t for t in group if t.amount > 0]
                    out = [t for t in group if t.amount < 0]
                    monthly.append([key, str(len(inc)), s.num(sum((t.amount for t in inc), Decimal(0))), str(len(out)),
                                    s.num(-sum((t.amount for t in out), Decimal(0))), s.num(group[-1].balance)])
                y = fam.table(d, x, y, _px([1] * 6, tw), monthly, sf, 34, head=fam.font(fam.SANS_BOLD, 18),
                              aligns="ccrcrr", head_fill=(238, 238, 238))
                y += 22
                d.text((x, y), "三、交易明细", font=fam.font(fam.SANS_BOLD, 21), fill=INK)
                y += 36
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, head_fill=(232, 236, 242))
            room = max(1, (PAGE_H - 190 - y) // row_h)
            chunk = txs[i:i + room]
            if chunk:
                y = fam.table(d, x, y, widths, [cells(i + k + 1, t) for k, t in enumerate(chunk)], cf, row_h,
                              head_rows=0, aligns="ccclrrllc")
            i += len(chunk)
            pages.append((page, d, y, chunk))
        n = len(pages)
        for p, (_, d, y, chunk) in enumerate(pages, start=1):
            inc = sum((t.amount for t in chunk if t.amount > 0), Decimal(0))
            out = -sum((t.amount for t in chunk if t.amount < 0), Decimal(0))
            foot = fam.font(fam.SANS, 18)
            d.text((x, PAGE_H - 130), f"本页收入合计：{s.num(inc)}　　本页支出合计：{s.num(out)}", font=foot, fill=INK)
            d.text((right, PAGE_H - 130), f"第{p}页/共{n}页", font=foot, fill=INK, anchor="ra")
            if p == n:
                d.text((x, y + 20), "—— 以下无交易 ——", font=foot, fill=GREY)
                if c.sealed:
                    cy = y + 150 if y + 270 < PAGE_H - 150 else PAGE_H - 270
                    fam.seal(d, right - rng.randint(150, 280), cy, rng.randint(105, 120), f"{c.bank}业务")
        return Drawn([pg for pg, _, _, _ in pages], [ch for _, _, _, ch in pages], c.printed.date(), True,
                     (n,) if c.sealed else ())

    return _statement(rng, tamper, SUMMARY_BANKS, build, ("desc", "desc", "party"), ("iso", "iso", "slash", "dot"),
                      months=(3, 5), per_month=(3, 7))


MULTI_BANKS = ["中国工商银行", "中国银行", "中国建设银行", "中国农业银行", "交通银行"]


def _side_account(rng: random.Random, c: Acct, kind: str) -> list[fam.Tx]:
    """Transactions of the customer's other account: a 定期 sub-account or a second card (never salary)."""
    own = c.person.name
    days = (c.end - c.start).days

    def when() -> dt.datetime:
        day = c.start + dt.timedelta(days=rng.randint(0, max(0, days)))
        return dt.datetime.combine(day, dt.time(rng.randint(8, 21), rng.randrange(60), rng.randrange(60)))

    out: list[fam.Tx] = []
    if kind == "fixed":  # opened with a first deposit, topped up, perhaps one deposit run out, interest
        times = sorted(when() for _ in range(rng.randint(3, 5)))
        for k, moment in enumerate(times):
            if k == 0:
                out.append(fam.Tx(moment, "定期开户", Decimal(rng.randrange(20, 60) * 1000), own, c.account, "",
                                  "柜面", ""))
            elif k == len(times) - 1 and rng.random() < 0.6:
                out.append(fam.Tx(moment, rng.choice(["定期到期转活期", "定期支取"]),
                                  -Decimal(rng.randrange(5, 20) * 1000), own, c.account, "", "自动", ""))
            elif rng.random() < 0.3:
                out.append(fam.Tx(moment, "利息", Decimal(rng.randrange(300, 9000)) / 100, "", "", "", "批量", ""))
            else:
                out.append(fam.Tx(moment, rng.choice(["活期转定期", "转存定期"]), Decimal(rng.randrange(5, 40) * 1000),
                                  own, c.account, "", "手机银行", ""))
    else:
        for _ in range(rng.randint(3, 6)):
            r = rng.random()
            if r < 0.3:
                out.append(fam.Tx(when(), "理财赎回", Decimal(rng.randrange(50, 800) * 100), f"{c.bank}理财", "", "",
                                  "手机银行", ""))
            elif r < 0.55:
                out.append(fam.Tx(when(), "理财购买", -Decimal(rng.randrange(50, 500) * 100), f"{c.bank}理财", "", "",
                                  "手机银行", ""))
            elif r < 0.8:
                out.append(fam.Tx(when(), "转账存入", Decimal(rng.randrange(5, 80) * 100), own, c.account, "",
                                  "手机银行", ""))
            else:
                desc, party = rng.choice(fam.SPEND)
                out.append(fam.Tx(when(), desc, -(Decimal(rng.randrange(800, 90000)) / 100), party, "", "",
                                  "第三方支付", ""))
    out.sort(key=lambda t: t.when)
    balance = Decimal(0) if kind == "fixed" else Decimal(rng.randrange(2000, 90000))
    for t in out:
        if balance + t.amount < 0:
            t.amount = -(balance * Decimal("0.5")).quantize(CENT)
        balance += t.amount
        t.balance = balance
    return out


def stmt_multi_account(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """客户全部账户交易明细: one section per account (the salary card, a 定期 sub-account, a second card), each with
    its own header bar, column header and 小计."""
    # 交易日期 | 摘要 | 支出 | 存入 | 余额 | 对方户名 | 对方账号 | 附言; the salary card may come first or last; the
    # other accounts carry 定期/理财 moves between the customer's own accounts and interest, never salary.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        x = rng.randint(56, 72)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(16, 18)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        second = fam.card_number(rng, False).replace(" ", "")
        main = (f"{c.account}", rng.choice(["借记卡 活期储蓄", "借记卡（I类）活期", "工资卡 活期"]), txs)
        sections = [main, (f"{c.account[:6]}******{c.account[-4:]}-{rng.randint(2, 9):05d}",
                           rng.choice(["定期储蓄子账户", "整存整取", "定期一本通"]), _side_account(rng, c, "fixed"))]
        if rng.random() < 0.6:
            sections.append((second, rng.choice(["借记卡 活期储蓄", "II类账户 活期"]), _side_account(rng, c, "card")))
        if rng.random() < 0.4:
            sections = sections[1:] + sections[:1]
        cols = ["交易日期", "摘要", "支出", "存入", "余额", "对方户名", "对方账号", "附言"]
        widths = _px([1.05, 1.15, 1.0, 1.0, 1.1, 2.75, 1.75, 0.9], tw)
        row_h, head_h, bar_h = int(fs * 2.0), int(fs * 2.2), 42

        def cells(t: fam.Tx) -> list[fam.Cell]:
            return [s.day(t.when.date()), t.desc, s.num(-t.amount) if t.amount < 0 else "",
                    s.num(t.amount) if t.amount > 0 else "", s.num(t.balance), t.party, t.account, t.memo]

        blocks: list[tuple[str, int, fam.Tx | None]] = []
        for k, (_, _, items) in enumerate(sections):
            blocks.append(("bar", k, None))
            blocks += [("row", k, t) for t in items]
            blocks.append(("sum", k, None))
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        i = 0
        shade = rng.choice([(226, 232, 242), (236, 236, 236), (244, 236, 226)])

        def bar(d: ImageDraw.ImageDraw, y: int, k: int, more: bool) -> int:
            number, kind, _ = sections[k]
            d.rectangle((x, y, right, y + bar_h), fill=shade, outline=GRID, width=2)
            text = f"账户{k + 1}：{number}　{kind}　币种：人民币　钞汇：钞" + ("（续）" if more else "")
            d.text((x + 12, y + bar_h / 2), text, font=fit(text, fam.font(fam.SANS_BOLD, 19), tw - 24), fill=INK,
                   anchor="lm")
            y += bar_h
            return fam.table(d, x, y, widths, [cols], cf, head_h, head=bf)

        while i < len(blocks):
            page, d = fam.blank_page()
            y = 80
            if not pages:
                title = rng.choice([f"{c.bank}个人客户全部账户交易明细", f"{c.bank}客户账户交易明细清单（全部账户）"])
                d.text((PAGE_W / 2, y), title, font=fit(title, fam.font(fam.SANS_BOLD, 34), tw), fill=INK, anchor="ma")
                y += 70
                hf = fam.font(fam.SANS, 21)
                customer = rng.randint(10**9, 10**10 - 1)
                lines = [f"客户名称：{c.person.name}　　客户号：{customer}　　账户数：{len(sections)}",
                         f"查询期间：{fam._period(c.start, c.end, s)}　　打印日期：{s.day(c.printed.date())}"]
                if c.id_mode != "none":
                    lines.insert(1, f"证件类型：居民身份证　　证件号码：{c.id_text()}")
                for ln in lines:
                    d.text((x, y), ln, font=hf, fill=INK)
                    y += 38
                y += 14
            here: list[fam.Tx] = []
            first = True
            while i < len(blocks):
                kind, k, t = blocks[i]
                need = bar_h + head_h + row_h if kind == "bar" else row_h + 4
                if y + need > PAGE_H - 160:
                    break
                if kind == "bar":
                    y = bar(d, y, k, False)
                elif first:
                    y = bar(d, y, k, True)
                if kind == "row" and t is not None:
                    y = fam.table(d, x, y, widths, [cells(t)], cf, row_h, head_rows=0, aligns="clrrrlll")
                    here.append(t)
                elif kind == "sum":
                    items = sections[k][2]
                    inc = [u for u in items if u.amount > 0]
                    out = [u for u in items if u.amount < 0]
                    text = (f"本账户小计：存入{len(inc)}笔 {s.num(sum((u.amount for u in inc), Decimal(0)))}　　支出"
                            f"{len(out)}笔 {s.num(-sum((u.amount for u in out), Decimal(0)))}　　期末余额 "
                            f"{s.num(items[-1].balance if items else Decimal(0))}")
                    y = fam.table(d, x, y, [tw], [[text]], bf, row_h + 4, head_rows=0)
                    y += 18
                first = False
                i += 1
            pages.append((page, d, y, here))
        n = len(pages)
        for p, (_, d, y, _) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 110), f"第{p}页 共{n}页", font=fam.font(fam.SANS, 18), fill=GREY, anchor="ma")
            if p == n and c.sealed:
                cy = y + 140 if y + 260 < PAGE_H - 140 else PAGE_H - 250
                fam.seal(d, right - rng.randint(150, 280), cy, rng.randint(105, 120), f"{c.bank}业务")
        return Drawn([pg for pg, _, _, _ in pages], [h for _, _, _, h in pages], c.printed.date(), True,
                     (n,) if c.sealed else ())

    return _statement(rng, tamper, MULTI_BANKS, build, ("desc", "desc", "memo", "party"), ("iso", "iso", "slash"),
                      months=(3, 4), per_month=(3, 6))


CODE_BANKS = {"江苏江南农村商业银行": "常州", "重庆农村商业银行": "重庆", "成都农村商业银行": "成都",
              "广州农村商业银行": "广州", "上海农村商业银行": "上海", "北京农村商业银行": "北京", "长沙银行": "长沙",
              "徽商银行": "合肥"}
CODE_NAMES = {"DF": "代发工资", "JJ": "奖金", "BX": "报销", "ZR": "转账转入", "ZC": "转账转出", "XF": "消费",
              "KJ": "快捷支付", "WZ": "网上支付", "JF": "缴费", "HK": "还款", "QX": "ATM取现", "TK": "退款",
              "JX": "结息"}
DESC_CODES = {"转账存入": "ZR", "他行汇入": "ZR", "跨行转入": "ZR", "跨行汇入": "ZR", "网银入账": "ZR", "汇入": "ZR",
              "转账支出": "ZC", "手机银行转账": "ZC", "网银转账": "ZC", "消费": "XF", "POS消费": "XF",
              "快捷支付": "KJ", "网上支付": "WZ", "缴费": "JF", "信用卡还款": "HK", "贷款还款": "HK", "按揭还款": "HK",
              "ATM取款": "QX", "退款": "TK", "结息": "JX", "费用报销": "BX"}


def code_of(t: fam.Tx) -> str:
    """The two-letter 摘要 code a rural bank's core system prints."""
    if t.desc in fam.SALARY_WORDS:
        return "DF"
    if t.desc in fam.BONUS_WORDS:
        return "JJ"
    return DESC_CODES.get(t.desc, "ZR" if t.amount > 0 else "ZC")


def stmt_code_legend(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Rural or city commercial bank statement whose 摘要 is a two-letter code (DF, ZR, XF…) explained in a legend."""
    # 交易日期 | 流水号 | 摘要 | 借方发生额 | 贷方发生额 | 余额 | 对方户名 | 机构号; the 摘要代码说明 box at the foot
    # of every page; salary coded DF (代发工资) or only recognisable by the employer as counterparty (ZR).

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        x = rng.randint(60, 80)
        right = PAGE_W - x
        tw = right - x
        fs = rng.randint(17, 19)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        org = f"{rng.randint(10, 99)}{rng.randint(1000, 9999)}"
        teller = f"{rng.choice('ABCGT')}{rng.randint(100, 999)}"
        cols = ["交易日期", "流水号", "摘要", "借方发生额", "贷方发生额", "余额", "对方户名", "机构号"]
        widths = _px([1.15, 1.45, 0.7, 1.25, 1.25, 1.3, 2.1, 0.95], tw)
        serials = [f"{t.when:%m%d}{rng.randint(10**5, 10**6 - 1)}" for t in txs]

        def where(t: fam.Tx) -> str:
            """The 机构号: the branch for counter business, virtual units for e-channels and batch runs."""
            if t.channel in ("手机银行", "第三方支付", "网银", "POS"):
                return "990001"
            return "990002" if t.channel == "批量" else org

        def cells(k: int, t: fam.Tx) -> list[fam.Cell]:
            return [s.day(t.when.date()), serials[k], code_of(t), s.num(-t.amount) if t.amount < 0 else "",
                    s.num(t.amount) if t.amount > 0 else "", s.num(t.balance), t.party, where(t)]

        legend = "摘要代码说明：" + "　".join(f"{k}-{v}" for k, v in CODE_NAMES.items())
        lf = fam.font(fam.SANS, 17)
        legend_lines = fam.wrap(legend, lf, tw - 30)
        legend_h = len(legend_lines) * 28 + 20
        row_h, head_h = int(fs * 2.0), int(fs * 2.3)
        branch = f"{c.bank}{CODE_BANKS[c.bank]}{rng.choice(['营业部', '城南支行', '高新区支行', '开发区支行'])}"
        header = [("户名", c.person.name), ("账号", c.account), ("开户机构", branch), ("币种", "人民币")]
        if c.id_mode != "none":
            header.append(("证件号码", c.id_text()))
        header += [("起止日期", fam._period(c.start, c.end, s)), ("打印日期", s.day(c.printed.date())),
                   ("打印柜员", teller)]
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int, list[fam.Tx]]] = []
        i = 0
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            y = 80
            if not pages:
                title = f"{c.bank}{rng.choice(['个人账户交易清单', '客户账户明细', '储蓄账户交易明细'])}"
                d.text((PAGE_W / 2, y), title, font=fit(title, fam.font(fam.SANS_BOLD, 34), tw), fill=INK, anchor="ma")
                y += 70
                hf = fam.font(fam.SANS, 20)
                for k in range(0, len(header), 2):
                    for j, (label, value) in enumerate(header[k:k + 2]):
                        text = f"{label}：{value}"
                        d.text((x + j * (tw // 2), y), text, font=fit(text, hf, tw // 2 - 10), fill=INK)
                    y += 36
                y += 14
            y = fam.table(d, x, y, widths, [cols], cf, head_h, head=bf, grid="rules")
            room = max(1, (PAGE_H - 170 - legend_h - y) // row_h)
            chunk = txs[i:i + room]
            if chunk:
                y = fam.table(d, x, y, widths, [cells(i + k, t) for k, t in enumerate(chunk)], cf, row_h, head_rows=0,
                              aligns="cccrrrlc", grid="rules")
            i += len(chunk)
            ly = PAGE_H - 150 - legend_h
            d.rectangle((x, ly, right, ly + legend_h), outline=(150, 150, 150), width=1)
            for k, ln in enumerate(legend_lines):
                d.text((x + 15, ly + 10 + k * 28), ln, font=lf, fill=GREY)
            pages.append((page, d, y, chunk))
        n = len(pages)
        for p, (_, d, y, _) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 110), f"第{p}页 共{n}页", font=fam.font(fam.SANS, 18), fill=GREY, anchor="ma")
            if p == n:
                d.text((x, y + 16), "******** 打印结束 ********", font=fam.font(fam.SANS, 18), fill=GREY)
                if c.sealed:
                    limit = PAGE_H - 170 - legend_h
                    cy = y + 150 if y + 260 < limit else limit - 110
                    fam.seal(d, right - rng.randint(150, 280), cy, rng.randint(105, 118), f"{branch}")
        return Drawn([pg for pg, _, _, _ in pages], [ch for _, _, _, ch in pages], c.printed.date(), True,
                     (n,) if c.sealed else ())

    return _statement(rng, tamper, list(CODE_BANKS), build, ("desc", "desc", "party"), ("compact", "compact", "iso"),
                      months=(3, 5), per_month=(3, 6))


RECEIPT_BANKS = {"中国工商银行": (196, 20, 30), "中国建设银行": (0, 72, 152), "中国农业银行": (0, 128, 96),
                 "中国银行": (176, 18, 40), "招商银行": (200, 16, 32), "交通银行": (22, 52, 128)}


def stmt_salary_receipts(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """代发 电子回单 printed three to an A4 page: payer the employer, payee the applicant, amount in 大写 and digits."""
    # One receipt per credit from the employer (工资, 奖金 and 报销 told apart by 摘要 and 用途); each with 回单编号,
    # 记账日期, 打印日期 and the bank's 电子回单专用章. Monthly income: the mean of each month's 工资 receipts.

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        colour = RECEIPT_BANKS[c.bank]
        paid = [t for t in txs if t.party == c.company and t.amount > 0]
        if rng.random() < 0.3:
            paid.reverse()
        x = rng.randint(70, 90)
        rw = PAGE_W - 2 * x
        fs = rng.randint(18, 20)
        cf, bf = fam.font(fam.SANS, fs), fam.font(fam.SANS_BOLD, fs)
        widths = _px([0.52, 1.05, 3.45, 0.52, 1.05, 3.45], rw)
        row_h = rng.randint(40, 44)
        company_bank = _branch(rng, rng.choice(list(RECEIPT_BANKS)))
        my_bank = _branch(rng, c.bank)
        title = rng.choice(["网上银行电子回单", "代发业务电子回单", "业务回单（收款）"])
        card = c.account if rng.random() < 0.5 else f"{c.account[:6]}******{c.account[-4:]}"
        prints = rng.randint(1, 3)

        def receipt(d: ImageDraw.ImageDraw, y0: int, t: fam.Tx) -> int:
            d.rectangle((x, y0, x + rw, y0 + 4), fill=colour)
            y = y0 + 12
            d.ellipse((x + 4, y + 2, x + 42, y + 40), outline=colour, width=4)
            d.text((x + 23, y + 21), c.bank[-4:-2] if c.bank.startswith("中国") else c.bank[:1], font=fam.font(
                fam.SANS_BOLD, 14), fill=colour, anchor="mm")
            d.text((x + 52, y + 21), c.bank, font=fam.font(fam.SANS_BOLD, 22), fill=colour, anchor="lm")
            d.text((x + rw / 2, y + 21), title, font=fam.font(fam.SANS_BOLD, 28), fill=INK, anchor="mm")
            number = f"{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
            d.text((x + rw, y + 21), f"回单编号：{number}", font=fam.font(fam.SANS, 16), fill=GREY, anchor="rm")
            y += 52
            grid_top = y
            starts = [x + sum(widths[:k]) for k in range(6)]
            for label, payer, payee in [("户　名", c.company, c.person.name), ("账　号", t.account, card),
                                        ("开户行", company_bank, my_bank)]:
                for col, text in ((1, label), (2, payer), (4, label), (5, payee)):
                    cx, w = starts[col], widths[col]
                    d.rectangle((cx, y, cx + w, y + row_h), outline=GRID, width=1)
                    if col in (1, 4):
                        d.text((cx + w / 2, y + row_h / 2), text, font=fit(text, cf, w - 12), fill=INK, anchor="mm")
                    elif text:
                        d.text((cx + 10, y + row_h / 2), text, font=fit(text, cf, w - 20), fill=INK, anchor="lm")
                y += row_h
            for cx, who in ((starts[0], "付款人"), (starts[3], "收款人")):
                d.rectangle((cx, grid_top, cx + widths[0], y), outline=GRID, width=1)
                vertical(d, cx + widths[0] / 2, grid_top + (y - grid_top - 3 * fs * 1.15) / 2, who, bf)
            purpose = t.memo or ("工资" if t.salary else "奖金" if t.bonus else "报销")
            kind = rng.choice(["代发工资", "代发业务", "批量代发"]) if t.salary else "代发业务" if t.bonus else "转账"
            stamp = f"{t.when:%Y-%m-%d-%H.%M.%S}.{rng.randint(10**5, 10**6 - 1)}"
            rows: list[list[fam.Cell]] = [
                [("金　额", 2), (f"人民币（大写）：{fam.to_words(t.amount)}", 2), (f"¥{fam.money(t.amount)}", 2)],
                [("摘　要", 2), (t.desc, 2), "用途", purpose],
                [("交易流水号", 2), (f"{t.when:%Y%m%d}{rng.randint(10**8, 10**9 - 1)}", 2), "记账日期",
                 s.day(t.when.date())],
                [("时间戳", 2), (stamp, 2), "业务种类", kind],
                [("备　注", 2), (f"批次号{rng.randint(10**6, 10**7 - 1)}" + (f"　{t.memo}" if t.memo else ""), 4)],
            ]
            y = fam.table(d, x, y, widths, rows, cf, row_h, head_rows=0, aligns="cclccl",
                          lw=1)
            code = rng.randint(10**5, 10**6 - 1)
            foot = f"打印日期：{s.day(c.printed.date())}　　打印次数：{prints}　　验证码：{code}"
            d.text((x, y + 10), foot, font=fam.font(fam.SANS, 17), fill=GREY)
            if c.sealed:
                fam.seal(d, x + rw - rng.randint(95, 125), y - row_h * rng.uniform(1.8, 2.6), rng.randint(70, 80),
                         f"{c.bank}电子回单")
            return y + 40

        pages: list[tuple[Image.Image, list[fam.Tx]]] = []
        per_page = 3
        for k in range(0, max(1, len(paid)), per_page):
            page, d = fam.blank_page()
            page.paste((255, 255, 255), (0, 0, PAGE_W, PAGE_H))
            y = rng.randint(60, 80)
            chunk = paid[k:k + per_page]
            for j, t in enumerate(chunk):
                y = receipt(d, y, t)
                if j < len(chunk) - 1:
                    for gx in range(x, x + rw, 20):
                        d.line((gx, y + 14, gx + 10, y + 14), fill=(170, 170, 170), width=1)
                    y += 44
            pages.append((page, chunk))
        n = len(pages)
        return Drawn([pg for pg, _ in pages], [ch for _, ch in pages], c.printed.date(), True,
                     tuple(range(1, n + 1)) if c.sealed else ())

    return _statement(rng, tamper, list(RECEIPT_BANKS), build, ("desc", "desc", "memo"), ("iso", "iso", "slash"),
                      months=(3, 6), per_month=(0, 2), id_modes=("none",))


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen4_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_hospital_roster, CERT, ("words", "seal")),
    _family(cert_wan_halfsheet, CERT, ("words", "seal")),
    _family(cert_bilingual_columns, CERT, ("words", "seal")),
    _family(cert_dispatch_agency, CERT, ("words", "seal")),
    _family(slip_scissor_strip, SLIP, ()),
    _family(slip_sections_subtotal, SLIP, ("seal",)),
    _family(slip_stacked_months, SLIP, ("seal",)),
    _family(slip_leader_dots, SLIP, ()),
    _family(stmt_summary_first, STMT, ("seal",)),
    _family(stmt_multi_account, STMT, ("seal",)),
    _family(stmt_code_legend, STMT, ("seal",)),
    _family(stmt_salary_receipts, STMT, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen4 families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
