"""Second round of unseen layout families of income proofs: a clean held-out set for the final figure only.

Twelve more families (four 收入证明 certificates, four 工资条 payslips, four 银行流水 statements), each modelled on a
kind of real Chinese document and each structurally different from every family in income_families.py and
income_families_unseen.py. They were written without reading the parsers, their tests or the benchmark, so that
no parser was developed against them: use them for the final figure only, never while developing or tuning.

    from sample_docs import income_families as fam
    from sample_docs import income_families_unseen2 as unseen2
    doc = fam.make(unseen2.FAMILIES[0], seed=3, tamper=None)   # fam.make accepts a Family object
    data, suffix = fam.render(doc, "photo")                     # "scan" | "photo" | "pdf"
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
import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from PIL import Image, ImageDraw, ImageFont

from sample_docs import generate
from sample_docs import income_families as fam
from sample_docs import income_families_unseen as unseen1
from sample_docs.generate import make_person

PAGE_W, PAGE_H = fam.PAGE_W, fam.PAGE_H
INK, GREY, GRID = fam.INK, fam.GREY, fam.GRID
CERT, SLIP, STMT = fam.KINDS
CENT = Decimal("0.01")
RED = (196, 22, 28)
CITIES = ["北京", "上海", "天津", "重庆", "南京", "杭州", "成都", "武汉", "长沙", "西安", "青岛", "厦门", "合肥",
          "郑州", "济南", "福州", "昆明", "南昌", "沈阳", "大连", "宁波", "苏州", "无锡", "佛山", "温州", "常州",
          "绍兴", "泉州"]
CN_ORD = "一二三四五六七八九"
EN_MONTHS = fam.EN_MONTHS
PINYIN = {
    "王": "WANG", "李": "LI", "张": "ZHANG", "刘": "LIU", "陈": "CHEN", "杨": "YANG", "黄": "HUANG", "赵": "ZHAO",
    "吴": "WU", "周": "ZHOU", "徐": "XU", "孙": "SUN", "马": "MA", "朱": "ZHU", "胡": "HU", "郭": "GUO", "何": "HE",
    "高": "GAO", "林": "LIN", "罗": "LUO", "郑": "ZHENG", "梁": "LIANG", "谢": "XIE", "宋": "SONG", "唐": "TANG",
    "许": "XU", "韩": "HAN", "冯": "FENG", "邓": "DENG", "曹": "CAO", "彭": "PENG", "曾": "ZENG", "萧": "XIAO",
    "田": "TIAN", "董": "DONG", "潘": "PAN", "袁": "YUAN", "蔡": "CAI", "蒋": "JIANG", "余": "YU", "于": "YU",
    "杜": "DU", "叶": "YE", "程": "CHENG", "苏": "SU", "魏": "WEI", "吕": "LYU", "丁": "DING", "任": "REN",
    "沈": "SHEN", "姚": "YAO", "卢": "LU", "伟": "WEI", "芳": "FANG", "娜": "NA", "秀": "XIU", "英": "YING",
    "敏": "MIN", "静": "JING", "丽": "LI", "强": "QIANG", "磊": "LEI", "军": "JUN", "洋": "YANG", "勇": "YONG",
    "艳": "YAN", "杰": "JIE", "娟": "JUAN", "涛": "TAO", "明": "MING", "超": "CHAO", "霞": "XIA", "平": "PING",
    "刚": "GANG", "桂": "GUI", "兰": "LAN", "华": "HUA", "建": "JIAN", "国": "GUO", "志": "ZHI", "红": "HONG",
    "文": "WEN", "斌": "BIN", "宇": "YU", "浩": "HAO", "然": "RAN", "子": "ZI", "轩": "XUAN", "欣": "XIN", "怡": "YI",
    "梓": "ZI", "涵": "HAN", "博": "BO", "雅": "YA", "思": "SI", "远": "YUAN", "嘉": "JIA", "琪": "QI", "俊": "JUN",
    "晨": "CHEN",
}


def _q(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, ROUND_HALF_UP)


def _seals(tamper: str | None, page: int = 1) -> tuple[int, ...]:
    return () if tamper == "seal" else (page,)


def _words_delta(rng: random.Random) -> Decimal:
    return Decimal(rng.choice([100, 200, 500, 1000, 2000, -300, -500, -1000]))


def _fit(text: str, fnt: ImageFont.FreeTypeFont, width: float) -> ImageFont.FreeTypeFont:
    """The font, made smaller until the text fits the width."""
    while fnt.size > 12 and fnt.getlength(text) > width:
        fnt = fam.font(str(fnt.path), fnt.size - 1)
    return fnt


def en_date(day: dt.date, how: str) -> str:
    """A date the way English letters and foreign payroll systems write it."""
    month = EN_MONTHS[day.month - 1]
    return {"dmy": f"{day.day} {month} {day.year}", "mdy": f"{month} {day.day}, {day.year}",
            "dmy_short": f"{day.day:02d} {month[:3]} {day.year}", "mdy_short": f"{month[:3]} {day.day}, {day.year}",
            "iso": day.isoformat()}[how]


def pinyin(name: str) -> str | None:
    """The passport spelling of a name (ZHANG XIAOMING), when every character is known."""
    if any(ch not in PINYIN for ch in name):
        return None
    return PINYIN[name[0]] + " " + "".join(PINYIN[ch] for ch in name[1:])


def hand(page: Image.Image, x: float, y: float, text: str, size: int, rng: random.Random,
         color: tuple[int, int, int] = fam.PEN) -> float:
    """Write text by hand with its top left at (x, y): every character a little turned, lifted and resized, the
    line on a slant; returns the x after the text."""
    slant = rng.uniform(-2.5, 2.5)
    for ch in text:
        if ch == " ":
            x += size * 0.35
            continue
        s = max(12, int(size * rng.uniform(0.9, 1.08)))
        f = fam.font(fam.SANS, s)
        glyph = Image.new("RGBA", (2 * s, 2 * s), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((s / 2, s / 2), ch, font=f, fill=(*color, 240))
        glyph = glyph.rotate(slant + rng.uniform(-8, 8), resample=Image.BICUBIC)
        page.paste(glyph, (int(x - s / 2), int(y - s / 2 + (size - s) * 0.6 + rng.uniform(-2.5, 2.5))), glyph)
        x += f.getlength(ch) * rng.uniform(0.96, 1.12)
    return x


def hand_width(text: str, size: int) -> float:
    return fam.font(fam.SANS, size).getlength(text) * 1.05


def checkbox(d: ImageDraw.ImageDraw, x: float, y: float, size: int, ticked: bool, rng: random.Random) -> None:
    """A printed box, ticked by hand when ticked."""
    d.rectangle((x, y, x + size, y + size), outline=INK, width=2)
    if ticked:
        a = (x + size * 0.15 + rng.uniform(-2, 2), y + size * 0.5 + rng.uniform(-2, 2))
        b = (x + size * 0.42 + rng.uniform(-2, 2), y + size * 0.88 + rng.uniform(-2, 2))
        c = (x + size * 1.05 + rng.uniform(-3, 3), y - size * 0.15 + rng.uniform(-3, 3))
        d.line((a, b), fill=fam.PEN, width=4)
        d.line((b, c), fill=fam.PEN, width=4)


def choices_line(d: ImageDraw.ImageDraw, x: float, y: float, options: list[str], chosen: str,
                 fnt: ImageFont.FreeTypeFont, rng: random.Random, gap: int = 28) -> float:
    """Printed options each behind a box, the chosen one ticked; (x, y) is the top left; returns the x after."""
    box = int(fnt.size * 0.8)
    for option in options:
        checkbox(d, x, y + fnt.size * 0.25, box, option == chosen, rng)
        x += box + 8
        d.text((x, y), option, font=fnt, fill=INK)
        x += fnt.getlength(option) + gap
    return x


# ----------------------------------------------------------------------------- 收入证明 (income certificates)


def _institution(rng: random.Random) -> tuple[str, str, list[tuple[str, str]], list[str]]:
    """A public institution or government office: its name, a short name for file numbers, posts and grades."""
    c = rng.choice(CITIES)
    kind = rng.randrange(5)
    if kind == 0:
        unit = rng.choice([f"{c}市第{rng.choice(CN_ORD[:6])}人民医院", f"{c}市中医医院", f"{c}市妇幼保健院"])
        posts = [("心血管内科", "主治医师"), ("普外科", "副主任医师"), ("护理部", "主管护师"), ("药剂科", "主管药师"),
                 ("检验科", "主管技师"), ("医务处", "科员")]
        grades = ["专业技术七级", "专业技术九级", "专业技术十级", "专业技术十一级"]
        short = c[0] + "医"
    elif kind == 1:
        unit = rng.choice([f"{c}市第{rng.choice(CN_ORD)}中学", f"{c}市实验中学", f"{c}市实验小学"])
        posts = [("高中部", "一级教师"), ("初中部", "高级教师"), ("教务处", "副主任"), ("德育处", "二级教师"),
                 ("总务处", "会计")]
        grades = ["专业技术八级", "专业技术十级", "专业技术十二级", "管理八级"]
        short = c[0] + "教"
    elif kind == 2:
        unit = f"{c}{rng.choice(['城市', '工程', '科技', '交通', '商贸'])}职业技术学院"
        posts = [("机电工程学院", "讲师"), ("教务处", "科员"), ("图书馆", "馆员"), ("信息工程学院", "副教授"),
                 ("财务处", "会计师")]
        grades = ["专业技术七级", "专业技术十级", "管理九级", "专业技术六级"]
        short = c[0] + "职院"
    elif kind == 3:
        unit = f"{c}市{rng.choice(['自然资源和规划局', '住房和城乡建设局', '市场监督管理局', '统计局', '生态环境局'])}"
        posts = [("办公室", "一级科员"), ("法规科", "四级主任科员"), ("综合科", "二级主任科员"),
                 ("执法支队", "三级主任科员"), ("规划科", "一级主任科员")]
        grades = ["", "", "二十二级", "二十级"]
        short = c[0] + "政"
    else:
        unit = f"{c}市{rng.choice(['疾病预防控制中心', '图书馆', '档案馆', '农业科学研究院', '水文水资源勘测中心'])}"
        posts = [("信息科", "工程师"), ("业务科", "助理研究员"), ("办公室", "副主任"), ("检测中心", "高级工程师"),
                 ("财务科", "会计")]
        grades = ["专业技术九级", "专业技术七级", "管理八级", "工勤技能三级"]
        short = c[0] + "事"
    return unit, short, posts, grades


def cert_institution_redhead(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """事业单位/机关 red-head letter with a 文号: the monthly pay composition in a small table, total and 大写."""
    e = fam.employee(rng, tamper)
    unit, short, posts, grades = _institution(rng)
    dept, title = rng.choice(posts)
    grade = rng.choice(grades)
    s = fam.make_style(rng, sizes=(28, 32), serif_p=0.75, dates=("cn", "cn", "cn0"))
    post = Decimal(rng.randrange(1900, 6700, 5))
    scale = Decimal(rng.randrange(480, 3300))
    perf = Decimal(rng.randrange(2400, 9000, 10))
    allow = Decimal(rng.randrange(400, 3200, 10))
    items: list[tuple[str, Decimal]] = [("岗位工资", post), ("薪级工资", scale)]
    if rng.random() < 0.45:
        basic = (perf * Decimal("0.7")).quantize(Decimal(10))
        items += [("基础性绩效", basic), ("奖励性绩效", perf - basic)]
    else:
        items.append(("绩效工资", perf))
    items.append((rng.choice(["津贴补贴", "各项津补贴", "规范津贴补贴"]), allow))
    total = sum((v for _, v in items), Decimal(0))
    words_amount = total + (_words_delta(rng) if tamper == "words" else 0)
    page, d = fam.blank_page()
    width = PAGE_W - 2 * s.margin
    y = rng.randint(90, 130)
    head = _fit(unit, fam.font(fam.SERIF_BOLD, rng.randint(56, 70)), width)
    d.text((PAGE_W / 2, y), unit, font=head, fill=RED, anchor="ma")
    y += int(head.size * 1.45)
    number = f"{short}{rng.choice(['人', '人证', '政人'])}〔{e.issue.year}〕{rng.randint(3, 260)}号"
    d.text((PAGE_W / 2, y), number, font=s.f(26, serif=True), fill=INK, anchor="ma")
    y += 50
    d.line((s.margin - 30, y, PAGE_W - s.margin + 30, y), fill=RED, width=5)
    y += rng.randint(70, 100)
    title_text = rng.choice(["证　明", "工资收入证明", "收入证明", "工 资 证 明"])
    d.text((PAGE_W / 2, y), title_text, font=s.f(rng.randint(44, 52), bold=True), fill=INK, anchor="ma")
    y += rng.randint(100, 130)
    body = s.f()
    addressee = rng.choice([f"{rng.choice(fam.BANKS)}：", f"{rng.choice(fam.BANKS)}{rng.choice(CITIES)}分行：",
                            "致有关单位：", ""])
    if addressee:
        d.text((s.margin, y), addressee, font=body, fill=INK)
        y += int(body.size * 1.9)
    who = e.person.name + rng.choice(["同志", "同志", ""])
    staff = rng.choice(["在编在岗职工", "在编人员", "正式在编职工", "工作人员"])
    since = f"{e.since.year}年{e.since.month}月"
    post_text = f"{dept}{title}" + (f"（{grade}岗位）" if grade and rng.random() < 0.6 else "")
    para1 = (f"兹有我单位{staff}{who}（{e.person.sex}，身份证号码：{e.person.id_number}），{since}"
             f"{rng.choice(['参加工作', '到我单位工作', '调入我单位'])}，现任{post_text}。")
    month_label = rng.choice(["其现月工资收入", "该同志目前月工资收入", "该同志每月应发工资"])
    para2 = f"{month_label}构成如下（单位：元）："
    y = fam.paragraphs(d, s.margin, y, width, [para1, para2], body, leading=1.85)
    y += 10
    head_row = [k for k, _ in items] + [rng.choice(["合计", "月应发合计", "小计"])]
    decimals = rng.choice([2, 2, 0])
    value_row = [s.num(v, decimals=decimals) for _, v in items]
    value_row.append(s.num(total, decimals=2))
    n = len(head_row)
    col = width // n
    widths = [col] * n
    widths[-1] += width - sum(widths)
    tf = s.f(s.size - 4)
    y = fam.table(d, s.margin, y, widths, [head_row, value_row], tf, rng.randint(58, 68), head=s.f(s.size - 4,
                  bold=True), aligns="c" * n, head_fill=(240, 240, 240) if rng.random() < 0.4 else None)
    y += 24
    words = fam.words_text(rng, words_amount)
    para3 = rng.choice([
        f"以上月工资收入合计（税前）人民币{s.num(total)}元（大写：{words}），不含年终一次性奖励。",
        f"月收入合计（税前）为人民币{s.num(total)}元（大写：{words}）。",
        f"合计月收入人民币{s.num(total)}元（大写：{words}），以上均为税前金额。"])
    purpose = rng.choice(["个人住房贷款", "公积金贷款", "信用卡申请", "个人消费贷款", "子女入学"])
    y = fam.paragraphs(d, s.margin, y, width, [para3, f"本证明仅供其办理{purpose}使用。", "特此证明。"], body,
                       leading=1.85)
    y += rng.randint(100, 160)
    right = PAGE_W - s.margin - rng.randint(20, 60)
    unit_w = body.getlength(unit)
    date_text = unseen1.cn_date(e.issue, rng.choice("〇〇零")) if rng.random() < 0.65 else s.day(e.issue)
    d.text((right, y), unit, font=body, fill=INK, anchor="ra")
    d.text((right - (unit_w - body.getlength(date_text)) / 2, y + int(body.size * 1.9)), date_text, font=body,
           fill=INK, anchor="ra")
    if tamper != "seal":
        fam.seal(d, right - unit_w / 2 + rng.randint(-20, 20), y + body.size * 1.3, rng.randint(125, 145), unit)
    if rng.random() < 0.6:
        d.text((s.margin, PAGE_H - rng.randint(190, 240)), f"（联系人：{e.hr}，联系电话：{e.phone}）",
               font=s.f(s.size - 4), fill=INK)
    f = fam._fields(e.person.name, e.person.id_number, unit, total, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"pay_items": {k: float(v) for k, v in items}})


BILINGUAL_COMPANIES = [
    ("Hanwell Precision Instruments (Suzhou) Co., Ltd.", "汉威精密仪器（苏州）有限公司", "Suzhou"),
    ("Nordvik Medical Devices (Shanghai) Co., Ltd.", "诺维克医疗器械（上海）有限公司", "Shanghai"),
    ("Brightline Logistics (Shenzhen) Co., Ltd.", "明线物流（深圳）有限公司", "Shenzhen"),
    ("Aurelia Cosmetics (Guangzhou) Co., Ltd.", "奥瑞莉雅化妆品（广州）有限公司", "Guangzhou"),
    ("Kestrel Software Development (Chengdu) Co., Ltd.", "凯斯翠软件开发（成都）有限公司", "Chengdu"),
    ("Veltro Automotive Parts (Tianjin) Co., Ltd.", "维尔卓汽车配件（天津）有限公司", "Tianjin"),
    ("Oakridge Management Consulting (Beijing) Co., Ltd.", "橡岭管理咨询（北京）有限公司", "Beijing"),
    ("Sunmere Foods (Qingdao) Co., Ltd.", "桑米尔食品（青岛）有限公司", "Qingdao"),
    ("Lindqvist Industrial Automation (Wuxi) Co., Ltd.", "林德奎工业自动化（无锡）有限公司", "Wuxi"),
    ("Pacific Crest Trading (Xiamen) Co., Ltd.", "太平峰贸易（厦门）有限公司", "Xiamen"),
]
EN_ROLES = [("Engineering", "工程部", "Senior Software Engineer", "高级软件工程师"),
            ("Finance", "财务部", "Finance Manager", "财务经理"),
            ("Sales", "销售部", "Key Account Manager", "大客户经理"),
            ("Human Resources", "人力资源部", "HR Specialist", "人力资源专员"),
            ("Quality", "质量部", "Quality Engineer", "质量工程师"),
            ("Operations", "运营部", "Project Manager", "项目经理"),
            ("Marketing", "市场部", "Marketing Executive", "市场主管"),
            ("Supply Chain", "供应链部", "Logistics Coordinator", "物流协调员"),
            ("Design", "设计部", "Product Designer", "产品设计师"),
            ("Finance", "财务部", "Accountant", "会计")]
EMBASSIES = [("the Federal Republic of Germany", "Germany", "德国", "德意志联邦共和国驻华大使馆"),
             ("France", "France", "法国", "法国驻华大使馆"), ("Italy", "Italy", "意大利", "意大利驻华大使馆"),
             ("Japan", "Japan", "日本", "日本国驻华大使馆"), ("Spain", "Spain", "西班牙", "西班牙驻华大使馆"),
             ("Switzerland", "Switzerland", "瑞士", "瑞士驻华大使馆"),
             ("Australia", "Australia", "澳大利亚", "澳大利亚驻华大使馆")]
EN_STREETS = ["Xinghu Street", "Zhangjiang Road", "Keyuan Road", "Tianfu Avenue", "Hongqiao Road", "Jinji Lake Avenue",
              "Huaxia Road", "Haitai Road", "Guanshan Avenue", "Ximen Road"]


def cert_bilingual_fields(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Foreign company's visa letter, English first: dated at the top, a bilingual label/value block, 大写 row."""
    e = fam.employee(rng, tamper, step=rng.choice([100, 500]))
    en_name, zh_name, city = rng.choice(BILINGUAL_COMPANIES)
    dept_en, dept_zh, role_en, role_zh = rng.choice(EN_ROLES)
    country_en, travel_en, country_zh, embassy_zh = rng.choice(EMBASSIES)
    s = fam.make_style(rng, sizes=(24, 27), serif_p=0.3)
    date_how = rng.choice(["dmy", "mdy", "dmy_short", "mdy_short"])
    en_f = fam.font(fam.SANS if rng.random() < 0.6 else fam.SERIF, s.size)
    en_b = fam.font(fam.SANS_BOLD, s.size)
    zh_f = s.f()
    page, d = fam.blank_page()
    accent = rng.choice([(0, 70, 140), (20, 20, 20), (120, 20, 40), (0, 105, 95)])
    x = rng.randint(90, 120)
    right = PAGE_W - x
    y = rng.randint(70, 100)
    name_f = _fit(en_name, fam.font(fam.SANS_BOLD, rng.randint(30, 36)), right - x - 330)
    d.text((x, y), en_name, font=name_f, fill=accent)
    d.text((x, y + int(name_f.size * 1.45)), zh_name, font=s.f(24, bold=True), fill=accent)
    small = fam.font(fam.SANS, 18)
    contact = [f"No. {rng.randint(8, 388)} {rng.choice(EN_STREETS)}", f"{city}, P.R. China {rng.randint(100, 999)}000",
               f"Tel: +86 {fam.phone(rng)[1:]}"]
    for i, line in enumerate(contact):
        d.text((right, y + 4 + i * 26), line, font=small, fill=GREY, anchor="ra")
    y += int(name_f.size * 1.45) + 52
    d.line((x, y, right, y), fill=accent, width=3)
    y += 40
    d.text((right, y), f"Date 日期: {en_date(e.issue, date_how)}", font=en_f, fill=INK, anchor="ra")
    y += 60
    to = rng.random()
    if to < 0.6:
        d.text((x, y), f"To: Visa Section, Embassy of {country_en} in China", font=en_f, fill=INK)
        d.text((x, y + int(s.size * 1.6)), f"致：{embassy_zh}签证处", font=zh_f, fill=INK)
        y += int(s.size * 3.4)
    else:
        d.text((x, y), "To Whom It May Concern / 致有关方面：", font=en_f, fill=INK)
        y += int(s.size * 1.9)
    y += 20
    title_f = fam.font(fam.SANS_BOLD, rng.randint(32, 38))
    d.text((PAGE_W / 2, y), rng.choice(["EMPLOYMENT VERIFICATION LETTER", "CERTIFICATE OF EMPLOYMENT",
                                        "LETTER OF EMPLOYMENT AND INCOME"]), font=title_f, fill=INK, anchor="ma")
    d.text((PAGE_W / 2, y + int(title_f.size * 1.45)), rng.choice(["在职收入证明", "在职及收入证明"]),
           font=s.f(30, bold=True), fill=INK, anchor="ma")
    y += int(title_f.size * 1.45) + 80
    width = right - x
    y = fam.paragraphs(d, x, y, width, ["This is to certify that the following person is a full-time employee of "
                                        "our company. 兹证明以下人员为我公司全职员工："], en_f, leading=1.5,
                       indent=False)
    y += 14
    py = pinyin(e.person.name)
    name_value = f"{e.person.name}（{py}）" if py and rng.random() < 0.8 else e.person.name
    joined = en_date(e.since, rng.choice(["dmy", "mdy"]))
    salary = f"RMB {fam.money(e.monthly)}"
    words = "人民币" + fam.to_words(e.words_amount)
    rows = [("Name 姓名", name_value), ("ID Card No. 身份证号码", e.person.id_number)]
    if rng.random() < 0.7:
        rows.append(("Passport No. 护照号码", rng.choice(["E", "EA", "EB", "EC"]) +
                     "".join(str(rng.randrange(10)) for _ in range(7 if rng.random() < 0.5 else 8))))
    rows += [("Department 部门", f"{dept_en} {dept_zh}"), ("Position 职位", f"{role_en} {role_zh}"),
             ("Date of Joining 入职日期", joined),
             (rng.choice(["Monthly Salary (Pre-tax) 税前月薪", "Monthly Gross Salary 月薪（税前）"]), salary),
             ("In Words 大写", words)]
    annual_months = None
    if rng.random() < 0.35:
        annual_months = rng.choice([13, 14, 15])
        annual = e.monthly * annual_months
        rows.append(("Annual Package 年度总收入", f"RMB {fam.money(annual)} ({annual_months} months)"))
    label_w = max(en_b.getlength(k) for k, _ in rows) + 40
    step = int(s.size * 1.85)
    for k, v in rows:
        d.text((x + 20, y), k, font=fam.font(fam.SANS_BOLD, s.size - 1), fill=INK)
        d.text((x + 20 + label_w, y), ": " + v, font=_fit(": " + v, zh_f, width - label_w - 30), fill=INK)
        y += step
    y += 20
    start = e.issue + dt.timedelta(days=rng.randint(14, 50))
    end = start + dt.timedelta(days=rng.randint(7, 20))
    pron, obj, own = ("He", "his", "himself") if e.person.sex == "男" else ("She", "her", "herself")
    mr = "Mr." if e.person.sex == "男" else "Ms."
    sur = (py or "").split(" ")[0].title() or e.person.name
    en_para = (f"{mr} {sur} has been approved to take annual leave from {en_date(start, 'dmy')} to "
               f"{en_date(end, 'dmy')} to travel to {travel_en}. All expenses "
               f"of the trip will be borne by {own}. {pron} will resume {obj} position upon return.")
    zh_para = (f"经公司批准，该员工将于{start.year}年{start.month}月{start.day}日至{end.year}年{end.month}月{end.day}日"
               f"休年假赴{country_zh}旅游，费用自理，假期结束后将返回我公司继续工作。")
    y = fam.paragraphs(d, x, y, width, [en_para], en_f, leading=1.5, indent=False)
    y = fam.paragraphs(d, x, y + 10, width, [zh_para], zh_f, leading=1.7, indent=False)
    y += 10
    email = f"hr@{en_name.split()[0].lower()}.com.cn"
    d.text((x, y), f"Contact 联系人: {e.hr}  Tel: {e.phone}  Email: {email}", font=_fit(
        f"Contact 联系人: {e.hr}  Tel: {e.phone}  Email: {email}", s.f(s.size - 3), width), fill=INK)
    y += rng.randint(70, 100)
    d.text((x, y), "Sincerely yours, 此致", font=en_f, fill=INK)
    y += int(s.size * 2.6)
    d.line((x, y + 40, x + 360, y + 40), fill=INK, width=1)
    hr_py = pinyin(e.hr)
    hand(page, x + 20, y - 8, hr_py.title() if hr_py else e.hr, 36, rng, (20, 20, 60))
    y += 56
    d.text((x, y), f"{e.hr}{('  ' + hr_py) if hr_py else ''}", font=zh_f, fill=INK)
    d.text((x, y + int(s.size * 1.6)), rng.choice(["HR Manager 人力资源经理", "HR Director 人力资源总监",
                                                   "General Manager 总经理"]), font=zh_f, fill=INK)
    d.text((x, y + int(s.size * 3.2)), f"{en_name}", font=_fit(en_name, en_f, width), fill=INK)
    if tamper != "seal":
        fam.seal(d, x + rng.randint(420, 560), y - 10, rng.randint(120, 140), zh_name)
    f = fam._fields(e.person.name, e.person.id_number, zh_name, e.monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"employer_en": en_name, "annual_months": annual_months})


def cert_avg12_breakdown(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Letterhead letter listing the last 12 months' 税前 pay in a table, then 合计 and 月均税前收入 with 大写."""
    e = fam.employee(rng, tamper)
    s = fam.make_style(rng, sizes=(25, 29), serif_p=0.4)
    level = Decimal(rng.randrange(50, 420) * 100)
    last = fam.add_months(dt.date(e.issue.year, e.issue.month, 1), -1)
    months = [fam.add_months(last, -k) for k in range(11, -1, -1)]
    cents = rng.random() < 0.5
    pays = []
    for m in months:
        v = level + Decimal(rng.randrange(-20, 60) * 50)
        if cents:
            v += Decimal(rng.randrange(0, 100)) / 100
        if m.month in (1, 2) and rng.random() < 0.5:  # a year-end bonus paid with January's or February's pay
            v += Decimal(rng.randrange(5, 40) * 500)
        pays.append(v)
    total = sum(pays, Decimal(0))
    avg = _q(total / 12)
    words_amount = avg + (_words_delta(rng) if tamper == "words" else 0)
    page, d = fam.blank_page()
    accent = rng.choice([(0, 84, 150), (150, 30, 30), (30, 110, 70), (60, 60, 60)])
    x = s.margin
    right = PAGE_W - x
    y = rng.randint(70, 100)
    d.rectangle((x - 30, y, x - 20, y + 80), fill=accent)
    name_f = _fit(e.company, s.f(rng.randint(34, 40), bold=True), right - x - 380)
    d.text((x, y + 4), e.company, font=name_f, fill=accent)
    small = s.f(18)
    lines = [f"地址：{e.address}", f"电话：{e.phone}", f"邮编：{rng.randint(100, 850)}{rng.randint(0, 9)}00"]
    for i, line in enumerate(lines):
        d.text((right, y + i * 26), line, font=_fit(line, small, 370), fill=GREY, anchor="ra")
    y += 100
    d.line((x - 30, y, right + 30, y), fill=accent, width=2)
    y += rng.randint(70, 100)
    d.text((PAGE_W / 2, y), rng.choice(["收入证明", "个人收入情况证明", "员工收入证明"]),
           font=s.f(rng.randint(44, 52), bold=True), fill=INK, anchor="ma")
    y += rng.randint(100, 120)
    body = s.f()
    width = right - x
    d.text((x, y), rng.choice([f"{rng.choice(fam.BANKS)}：", "致：贵行", f"致：{rng.choice(fam.BANKS)}个人信贷中心"]),
           font=body, fill=INK)
    y += int(body.size * 1.9)
    first, final = months[0], months[-1]
    span = f"{first.year}年{first.month}月至{final.year}年{final.month}月"
    intro = (f"兹证明{e.person.name}（{rng.choice(['身份证号', '证件号码', '身份证号码'])}：{e.person.id_number}）"
             f"为我公司员工，于{fam._since(e, 'cn')}入职，现任{e.dept}{e.title}。经核算，该员工近十二个月（{span}）"
             f"税前收入明细如下：")
    y = fam.paragraphs(d, x, y, width, [intro], body, leading=1.8)
    y += 6
    month_fmt = rng.choice(["cn", "iso", "dot", "cn0"])
    tf = s.f(s.size - 3)
    row_h = rng.randint(44, 50)
    label = rng.choice(["税前收入（元）", "应发工资（元）", "税前工资（元）"])
    if rng.random() < 0.5:
        rows: list[list[fam.Cell]] = [["月份", label, "月份", label]]
        for k in range(6):
            rows.append([fam.fmt_month(months[k], month_fmt), s.num(pays[k]),
                         fam.fmt_month(months[k + 6], month_fmt), s.num(pays[k + 6])])
        rows.append([("合计", 2), (s.num(total), 2)])
        tw = int(width * rng.uniform(0.9, 1.0))
        widths = [tw // 4] * 4
        aligns = "crcr"
    else:
        rows = [["序号", "月份", label]]
        rows += [[str(k + 1), fam.fmt_month(m, month_fmt), s.num(v)] for k, (m, v) in enumerate(zip(months, pays))]
        rows.append([("合计", 2), s.num(total)])
        tw = int(width * rng.uniform(0.7, 0.85))
        widths = [int(tw * 0.18), int(tw * 0.38)]
        widths.append(tw - sum(widths))
        aligns = "ccr"
        row_h = rng.randint(38, 42)
    tx = x + (width - sum(widths)) // 2
    y = fam.table(d, tx, y, widths, rows, tf, row_h, head=s.f(s.size - 3, bold=True), aligns=aligns,
                  head_fill=(238, 238, 238) if rng.random() < 0.5 else None)
    y += 22
    avg_text = (f"上述十二个月税前收入合计人民币{s.num(total)}元，月均税前收入人民币{s.num(avg)}元"
                f"（大写：{fam.to_words(words_amount)}）。")
    tail = rng.choice(["以上收入包括基本工资、岗位工资、绩效奖金及各项补贴，均为代扣个人所得税及社会保险前金额。",
                       "上述收入均以银行代发方式发放。"])
    y = fam.paragraphs(d, x, y, width, [avg_text, tail, "特此证明。"], body, leading=1.8)
    y += rng.randint(70, 120)
    sx = right - max(int(body.getlength(e.company + "（盖章）")), 420)
    d.text((sx, y), f"{e.company}（盖章）", font=body, fill=INK)
    d.text((sx, y + int(body.size * 1.9)), f"{rng.choice(['日期：', '', '出具日期：'])}{s.day(e.issue)}", font=body,
           fill=INK)
    if tamper != "seal":
        fam.seal(d, sx + body.getlength(e.company) / 2, y + body.size, rng.randint(118, 138), e.company)
    if rng.random() < 0.6:
        d.text((x, min(PAGE_H - 150, y + int(body.size * 4.5))), f"经办人：{e.hr}    联系电话：{e.phone}",
               font=s.f(s.size - 4), fill=INK)
    f = fam._fields(e.person.name, e.person.id_number, e.company, avg, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"twelve_month_total": float(total), "monthly_pays": [float(v) for v in pays]})


def cert_bank_handfilled(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """A bank's boxed 收入证明 form filled in by hand: ID number in 18 boxes, ticked 月/年收入 and 税前/税后."""
    e = fam.employee(rng, tamper, step=rng.choice([100, 500]))
    bank = rng.choice([*fam.BANKS, "中信银行", "光大银行", "民生银行", "广发银行", "华夏银行"])
    s = fam.make_style(rng, sizes=(22, 25), serif_p=0.5)
    mode = rng.choice(["月收入", "月收入", "年收入"])
    basis = "税前" if rng.random() < 0.85 else "税后"
    stated = e.monthly if mode == "月收入" else e.monthly * 12
    words_amount = stated + (_words_delta(rng) * (12 if mode == "年收入" else 1) if tamper == "words" else 0)
    pen = rng.choice([fam.PEN, (20, 20, 30), (35, 35, 90)])
    hs = s.size + rng.randint(2, 6)
    page, d = fam.blank_page()
    x = rng.randint(70, 100)
    total = PAGE_W - 2 * x
    y = rng.randint(70, 100)
    d.ellipse((x, y, x + 56, y + 56), outline=RED, width=5)
    d.text((x + 28, y + 28), bank[-4:-2] if bank.endswith("银行") and len(bank) > 4 else bank[:2],
           font=fam.font(fam.SANS_BOLD, 18), fill=RED, anchor="mm")
    d.text((x + 72, y + 6), bank, font=s.f(30, bold=True), fill=INK)
    d.text((PAGE_W - x, y + 4), f"（{rng.choice(['2021', '2022', '2023', '2024'])}版）", font=s.f(20), fill=GREY,
           anchor="ra")
    d.text((PAGE_W - x, y + 34), "编号：______________", font=s.f(20), fill=GREY, anchor="ra")
    y += 100
    d.text((PAGE_W / 2, y), rng.choice(["个人收入证明", "个人客户收入证明", "借款人收入证明"]),
           font=s.f(44, bold=True), fill=INK, anchor="ma")
    y += 90
    lf = s.f()
    row_h = rng.randint(62, 70)
    lw = int(total * 0.2)

    def section(y: int, text: str) -> int:
        d.rectangle((x, y, x + total, y + row_h - 8), fill=(232, 232, 232), outline=GRID, width=2)
        d.text((x + 14, y + (row_h - 8) / 2), text, font=s.f(s.size, bold=True), fill=INK, anchor="lm")
        return y + row_h - 8

    def cell(x0: float, y0: int, w: float, label: str | None = None) -> None:
        d.rectangle((x0, y0, x0 + w, y0 + row_h), outline=GRID, width=2)
        if label:
            d.text((x0 + w / 2, y0 + row_h / 2), label, font=_fit(label, lf, w - 12), fill=INK, anchor="mm")

    def write(x0: float, y0: int, text: str, w: float | None = None) -> float:
        size = hs
        if w is not None:
            while size > 14 and hand_width(text, size) > w - 24:
                size -= 1
        return hand(page, x0 + 14, y0 + (row_h - size) / 2 - 2, text, size, rng, pen)

    y = section(y, "一、申请人基本情况（由申请人填写）")
    half = (total - 2 * lw) // 2
    cell(x, y, lw, "姓　　名")
    cell(x + lw, y, half)
    write(x + lw, y, e.person.name)
    cell(x + lw + half, y, lw, "性　　别")
    cell(x + 2 * lw + half, y, total - 2 * lw - half)
    write(x + 2 * lw + half, y, e.person.sex)
    y += row_h
    cell(x, y, lw, "证件类型")
    cell(x + lw, y, total - lw)
    choices_line(d, x + lw + 16, y + (row_h - lf.size) / 2 - 4, ["居民身份证", "护照", "港澳台通行证", "其他"],
                 "居民身份证", lf, rng)
    y += row_h
    cell(x, y, lw, "证件号码")
    cell(x + lw, y, total - lw)
    bw = min(40, (total - lw - 40) // 18)
    bx = x + lw + 20
    by = y + (row_h - bw - 6) // 2
    for i, ch in enumerate(e.person.id_number):
        d.rectangle((bx + i * bw, by, bx + (i + 1) * bw, by + bw + 6), outline=INK, width=1)
        hand(page, bx + i * bw + bw * 0.22, by + 4, ch, int(bw * 0.8), rng, pen)
    y += row_h
    cell(x, y, lw, "申请人签名")
    cell(x + lw, y, total - lw)
    write(x + lw + 20, y, e.person.name)
    y += row_h + 24
    y = section(y, "二、收入情况（由申请人所在单位填写）")
    cell(x, y, lw, "单位名称")
    cell(x + lw, y, total - lw)
    write(x + lw, y, e.company, total - lw)
    y += row_h
    cell(x, y, lw, "单位地址")
    cell(x + lw, y, total - lw)
    write(x + lw, y, e.address, total - lw)
    y += row_h
    cell(x, y, lw, "单位性质")
    cell(x + lw, y, total - lw)
    nature = rng.choice(["国有企业", "民营企业", "民营企业", "外资企业"])
    natures = ["机关事业", "国有企业", "民营企业", "外资企业", "其他"]
    choices_line(d, x + lw + 16, y + (row_h - lf.size) / 2 - 4, natures, nature, lf, rng, gap=20)
    y += row_h
    cell(x, y, lw, "入职时间")
    cell(x + lw, y, half)
    yx = write(x + lw, y, str(e.since.year))
    d.text((yx + 8, y + (row_h - lf.size) / 2 - 3), "年", font=lf, fill=INK)
    mx = hand(page, yx + 44, y + (row_h - hs) / 2 - 2, str(e.since.month), hs, rng, pen)
    d.text((mx + 8, y + (row_h - lf.size) / 2 - 3), "月", font=lf, fill=INK)
    cell(x + lw + half, y, lw, "职务/职称")
    cell(x + 2 * lw + half, y, total - 2 * lw - half)
    write(x + 2 * lw + half, y, e.title, total - 2 * lw - half)
    y += row_h
    cell(x, y, lw, "收入类型")
    cell(x + lw, y, total - lw)
    cx = choices_line(d, x + lw + 16, y + (row_h - lf.size) / 2 - 4, ["月收入", "年收入"], mode, lf, rng)
    choices_line(d, cx + 30, y + (row_h - lf.size) / 2 - 4, ["税前", "税后"], basis, lf, rng)
    y += row_h
    cell(x, y, lw, "金额（小写）")
    cell(x + lw, y, total - lw)
    ty = y + (row_h - lf.size) / 2 - 3
    d.text((x + lw + 16, ty), "¥", font=lf, fill=INK)
    amount_text = rng.choice([fam.money(stated), fam.money(stated, thousands=False),
                              fam.money(stated, thousands=False, decimals=0)])
    ax = hand(page, x + lw + 48, y + (row_h - hs) / 2 - 2, amount_text, hs, rng, pen)
    d.text((ax + 10, ty), "元", font=lf, fill=INK)
    y += row_h
    cell(x, y, lw, "金额（大写）")
    cell(x + lw, y, total - lw)
    d.text((x + lw + 16, y + (row_h - lf.size) / 2 - 3), "人民币", font=lf, fill=INK)
    hand(page, x + lw + 24 + lf.getlength("人民币"), y + (row_h - hs) / 2 - 2,
         fam.to_words(words_amount, *rng.choice([("元", "整"), ("圆", "整"), ("元", "正")])), hs, rng, pen)
    y += row_h
    cell(x, y, lw, "联 系 人")
    cell(x + lw, y, half)
    write(x + lw, y, e.hr)
    cell(x + lw + half, y, lw, "联系电话")
    cell(x + 2 * lw + half, y, total - 2 * lw - half)
    write(x + 2 * lw + half, y, e.phone, total - 2 * lw - half)
    y += row_h
    box_h = rng.randint(270, 310)
    d.rectangle((x, y, x + total, y + box_h), outline=GRID, width=2)
    fam.paragraphs(d, x + 20, y + 18, total - 40, ["兹证明上述申请人为我单位员工，以上所填收入情况真实无误。如有不实，"
                                                   "我单位愿承担由此引起的一切责任。"], s.f(s.size - 1), indent=True)
    sx = x + total - 430
    sy = y + box_h - 110
    d.text((sx, sy), "单位公章：", font=lf, fill=INK)
    dy = sy + int(lf.size * 1.8)
    dx = sx + 60
    for value, unit in ((str(e.issue.year), "年"), (str(e.issue.month), "月"), (str(e.issue.day), "日")):
        dx = hand(page, dx, dy - 4, value, hs, rng, pen)
        d.text((dx + 6, dy), unit, font=lf, fill=INK)
        dx += 6 + lf.getlength(unit) + 14
    if tamper != "seal":
        fam.seal(d, sx + rng.randint(150, 220), sy + 10, rng.randint(112, 130), e.company)
    y += box_h + 24
    y = section(y, "三、银行核实情况（由银行填写）")
    cell(x, y, total)
    choices_line(d, x + 20, y + (row_h - lf.size) / 2 - 4, ["电话核实", "实地核实", "其他"], "", lf, rng)
    d.text((x + total - 380, y + (row_h - lf.size) / 2 - 3), "核实人：", font=lf, fill=INK)
    d.text((x, y + row_h + 20), "注：本证明须加盖单位公章或人事部门章方为有效，涂改无效。", font=s.f(19), fill=GREY)
    monthly = stated if mode == "月收入" else stated / 12
    f = fam._fields(e.person.name, e.person.id_number, e.company, monthly, e.issue)
    return [page], fam.Facts(CERT, f, seal_pages=_seals(tamper), words_page=1, tampered=tamper,
                             extra={"income_mode": mode, "tax_basis": basis, "stated_amount": float(stated)})


# ------------------------------------------------------------------------------------- 工资条 (payslips)


def _pay_month(rng: random.Random, pay_day: int, same_month: bool) -> tuple[dt.date, dt.date]:
    """The most recent (or the one before) month already paid on pay_day, and its pay date."""
    month = dt.date(fam.TODAY.year, fam.TODAY.month, 1)
    while (month if same_month else fam.add_months(month, 1)).replace(day=pay_day) >= fam.TODAY:
        month = fam.add_months(month, -1)
    month = fam.add_months(month, -rng.choice([0, 0, 1]))
    return month, (month if same_month else fam.add_months(month, 1)).replace(day=pay_day)


def _vertical_text(d: ImageDraw.ImageDraw, cx: float, top: float, bottom: float, text: str,
                   fnt: ImageFont.FreeTypeFont) -> None:
    """Characters stacked one under another, centred between top and bottom."""
    step = fnt.size * 1.15
    y = (top + bottom) / 2 - step * len(text) / 2
    for ch in text:
        d.text((cx, y), ch, font=fnt, fill=INK, anchor="ma")
        y += step


def slip_institution_grid(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """事业单位 工资条 (岗位/薪级/绩效/津补贴, 职业年金): every item a cell with its label over its value."""
    # Items in rows of cells grouped 应发 / 扣款 with the group's name set vertically at the left; 实发 in a bar.
    s = fam.make_style(rng, sizes=(20, 23), serif_p=0.3)
    person = make_person(rng)
    unit = _institution(rng)[0]
    month, paid = _pay_month(rng, rng.choice([5, 8, 10, 15]), True)
    post = Decimal(rng.randrange(1900, 6700, 5))
    scale = Decimal(rng.randrange(480, 3300))
    basic_perf = Decimal(rng.randrange(1800, 6000, 10))
    reward_perf = Decimal(rng.choice([0, rng.randrange(300, 4000, 10)]))
    allow = Decimal(rng.randrange(300, 2800, 10))
    earnings: list[tuple[str, Decimal]] = [
        ("岗位工资", post), ("薪级工资", scale), ("基础性绩效工资", basic_perf), ("奖励性绩效工资", reward_perf),
        (rng.choice(["地区附加津贴", "岗位津贴", "工作性津贴", "生活性补贴"]), allow),
        ("提租补贴", Decimal(rng.randrange(80, 900))), ("通讯补贴", Decimal(rng.choice([0, 100, 150, 200, 300])))]
    child = Decimal(rng.choice([0, 0, 5, 10]))
    if child or rng.random() < 0.3:
        earnings.append(("独生子女费", child))
    back = Decimal(rng.choice([0, 0, 0, rng.randrange(100, 3000)]))
    if back or rng.random() < 0.4:
        earnings.append(("补发工资", back))
    gross = sum((v for _, v in earnings), Decimal(0))
    base = post + scale + basic_perf + allow
    pension, annuity = _q(base * Decimal("0.08")), _q(base * Decimal("0.04"))
    medical, unemployment = _q(base * Decimal("0.02")), _q(base * Decimal(rng.choice(["0.005", "0.003"])))
    fund = (base * Decimal(rng.choice(["0.12", "0.1", "0.08"]))).quantize(Decimal(1), ROUND_HALF_UP)
    deductions: list[tuple[str, Decimal]] = [("养老保险", pension), ("职业年金", annuity), ("医疗保险", medical),
                                             ("失业保险", unemployment), ("住房公积金", fund)]
    if rng.random() < 0.5:
        deductions.append(("工会会费", _q((post + scale) * Decimal("0.005"))))
    special = Decimal(rng.choice([0, 1000, 2000, 3000]))
    taxable = gross - sum((v for _, v in deductions), Decimal(0)) - 5000 - special
    deductions.append((rng.choice(["个人所得税", "代扣个税"]), fam._tax(taxable)))
    ded_total = sum((v for _, v in deductions), Decimal(0))
    net = gross - ded_total
    gross_label = rng.choice(["应发合计", "应发工资", "应发数"])
    earnings.append((gross_label, gross))
    deductions.append((rng.choice(["扣款合计", "代扣合计"]), ded_total))
    blank_zero = rng.random() < 0.5

    def shown(v: Decimal) -> str:
        return "" if blank_zero and v == 0 else s.num(v)

    page, d = fam.blank_page()
    x = rng.randint(60, 90)
    total = PAGE_W - 2 * x
    y = rng.randint(100, 150)
    title = f"{fam.fmt_month(month, rng.choice(['cn', 'cn0']))}{rng.choice(['工资条', '工资明细', '个人工资单'])}"
    if rng.random() < 0.5:
        d.text((PAGE_W / 2, y), unit, font=s.f(36, bold=True), fill=INK, anchor="ma")
        y += 62
        d.text((PAGE_W / 2, y), title, font=s.f(30, bold=True), fill=INK, anchor="ma")
        y += 70
        info = []
    else:
        d.text((PAGE_W / 2, y), title, font=s.f(38, bold=True), fill=INK, anchor="ma")
        y += 80
        info = [f"{s.lab(rng.choice(['单位名称', '单位', '预算单位']))}{unit}"]
    with_id = rng.random() < 0.45
    info += [f"{s.lab('姓名')}{person.name}", f"{s.lab('人员编号')}{rng.randint(10**7, 10**8 - 1)}"]
    if with_id:
        info.append(f"{s.lab('身份证号')}{person.id_number}")
    info_f = s.f(s.size + 1)
    line, lines = "", []
    for part in info:
        if line and info_f.getlength(line + "    " + part) > total:
            lines.append(line)
            line = part
        else:
            line = part if not line else line + "    " + part
    lines.append(line)
    for ln in lines:
        d.text((x, y), ln, font=info_f, fill=INK)
        y += int(info_f.size * 1.8)
    y += 10
    per_row = rng.choice([5, 6, 6, 7])
    side = 56
    cell_w = (total - side) // per_row
    total = side + per_row * cell_w
    half_h = int(s.size * 1.75)
    lab_f, val_f = s.f(s.size - 1), s.f(s.size, bold=rng.random() < 0.4)
    shade = rng.choice([(236, 240, 246), (242, 242, 242), (234, 244, 236)])
    for name, items in ((rng.choice(["应发项目", "收入项目", "应发"]), earnings),
                        (rng.choice(["扣款项目", "代扣项目", "扣发"]), deductions)):
        rows = [items[i:i + per_row] for i in range(0, len(items), per_row)]
        top = y
        for row in rows:
            for j in range(per_row):
                cx = x + side + j * cell_w
                d.rectangle((cx, y, cx + cell_w, y + half_h), fill=shade, outline=GRID, width=1)
                d.rectangle((cx, y + half_h, cx + cell_w, y + 2 * half_h), outline=GRID, width=1)
                if j < len(row):
                    label, value = row[j]
                    d.text((cx + cell_w / 2, y + half_h / 2), label, font=_fit(label, lab_f, cell_w - 10), fill=INK,
                           anchor="mm")
                    d.text((cx + cell_w / 2, y + half_h * 1.5), shown(value), font=val_f, fill=INK, anchor="mm")
            y += 2 * half_h
        d.rectangle((x, top, x + side, y), outline=GRID, width=2)
        d.rectangle((x, top, x + total, y), outline=GRID, width=2)
        _vertical_text(d, x + side / 2, top, y, name, s.f(s.size, bold=True))
        y += rng.choice([0, 16])
    bar_h = int(s.size * 2.6)
    d.rectangle((x, y, x + total, y + bar_h), outline=GRID, width=2, fill=(248, 248, 244))
    d.text((x + 24, y + bar_h / 2), f"{rng.choice(['实发合计', '实发工资', '实发数'])}：{s.num(net)}", font=s.f(
        s.size + 4, bold=True), fill=INK, anchor="lm")
    if rng.random() < 0.5:
        d.text((x + total - 24, y + bar_h / 2), f"（大写：{fam.to_words(net)}）", font=s.f(s.size), fill=INK,
               anchor="rm")
    y += bar_h + 36
    issue = paid if rng.random() < 0.6 else None
    if issue:
        d.text((x, y), f"{s.lab(rng.choice(['发放日期', '发薪日期']))}{s.day(issue)}", font=info_f, fill=INK)
        y += int(info_f.size * 1.9)
    d.text((x, y), rng.choice(["注：如对工资有疑问，请与单位财务科联系。", "注：本工资条由财务处编制，请注意保密。"]),
           font=s.f(19), fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.45:
        fam.seal(d, PAGE_W - x - rng.randint(170, 260), y + 60, rng.randint(100, 118), unit)
        seals = (1,)
    f = fam._fields(person.name, person.id_number if with_id else None, unit, gross, issue)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={"pay_month": f"{month:%Y-%m}", "gross_pay": float(gross), "net_pay": float(net)})


FACTORIES = ["浙江永康恒达五金制品有限公司", "东莞市长安镇鑫泰电子厂", "晋江市安海华利鞋业有限公司",
             "中山市小榄镇德润灯饰厂", "苏州工业园区恒信精密制造有限公司", "福州闽江纺织有限公司",
             "佛山顺德美居家具集团", "重庆山城汽车零部件有限公司", "东莞松湖智造科技有限公司",
             "宁波北仑精工模具有限公司",
             "温州瓯海鹏程服饰有限公司", "昆山玉山博创电子有限公司"]
PIECES = [("A-2031 外壳", "注塑", (120, 350)), ("B-118 线束", "压接", (50, 200)), ("PCB-76 主板", "插件", (80, 300)),
          ("X7 鞋面", "车缝", (800, 2500)), ("M-55 灯罩", "组装", (300, 1200)), ("T-09 面料", "裁剪", (200, 900)),
          ("G-12 齿轮", "去毛刺", (60, 250)), ("K-300 纸箱", "打包", (100, 400)), ("S-88 面板", "质检", (30, 100)),
          ("C-6 衬衫", "锁眼钉扣", (150, 600)), ("R-21 模具件", "抛光", (400, 1600)), ("D-3 插头", "焊接", (90, 320))]


def slip_piece_rate(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Factory 计件工资 slip on a small sheet: 产品 | 工序 | 单价 | 数量 | 金额 lines, allowances, deductions."""
    # The allowances and deductions each as a row of headings over a row of values; signature line at the foot.
    s = fam.make_style(rng, sizes=(20, 22), serif_p=0.25)
    person, company = make_person(rng), rng.choice(FACTORIES)
    month, paid = _pay_month(rng, rng.choice([10, 15, 20, 25]), False)
    lines = []
    precision = Decimal("0.01") if rng.random() < 0.5 else Decimal("0.001")
    for model, step, (lo, hi) in rng.sample(PIECES, rng.randint(3, 6)):
        price = (Decimal(rng.randrange(lo, hi)) / 1000).quantize(precision)
        qty = max(60, int(Decimal(rng.randrange(300, 1800)) / price))
        qty -= qty % rng.choice([1, 1, 5, 10])
        lines.append((model, step, price, qty, _q(price * qty)))
    piece = sum((v for *_, v in lines), Decimal(0))
    if piece < 2500:  # a short month tops up to the minimum wage
        lines.append(("—", "保底补差", Decimal(0), 0, Decimal(2500) - piece))
        piece = Decimal(2500)
    extras: list[tuple[str, Decimal]] = [("计件工资", piece)]
    if rng.random() < 0.7:
        extras.append(("全勤奖", Decimal(rng.choice([100, 150, 200, 300]))))
    extras.append((rng.choice(["加班补贴", "夜班补贴"]), Decimal(rng.choice([0, rng.randrange(4, 40) * 20]))))
    if rng.random() < 0.5:
        extras.append(("住房补贴", Decimal(rng.choice([150, 200, 300]))))
    if 6 <= month.month <= 9 and rng.random() < 0.7:
        extras.append(("高温补贴", Decimal(rng.choice([150, 200, 300]))))
    if rng.random() < 0.5:
        extras.append(("工龄工资", Decimal(rng.randrange(1, 10) * 50)))
    gross = sum((v for _, v in extras), Decimal(0))
    social = _q(Decimal(rng.choice([3800, 4000, 4462, 4812])) * Decimal("0.105"))
    deductions: list[tuple[str, Decimal]] = [(rng.choice(["社保个人", "社保"]), social)]
    if rng.random() < 0.6:
        deductions.append(("住宿费", Decimal(rng.choice([50, 100, 150]))))
    if rng.random() < 0.6:
        deductions.append(("伙食费", Decimal(rng.randrange(10, 45) * 10)))
    if rng.random() < 0.5:
        deductions.append(("水电费", _q(Decimal(rng.randrange(1500, 9000)) / 100)))
    if rng.random() < 0.2:
        deductions.append(("借支", Decimal(rng.choice([300, 500, 1000]))))
    deductions.append(("个税", fam._tax(gross - social - 5000)))
    ded_total = sum((v for _, v in deductions), Decimal(0))
    net = gross - ded_total
    size = (PAGE_W, rng.randint(1020, 1100))
    page, d = fam.blank_page(size)
    x = rng.randint(50, 70)
    total = size[0] - 2 * x
    y = rng.randint(40, 60)
    d.text((size[0] / 2, y), company, font=_fit(company, s.f(34, bold=True), total), fill=INK, anchor="ma")
    y += 56
    d.text((size[0] / 2, y), rng.choice(["计件工资结算单", "员工计件工资条", "计件工资明细"]), font=s.f(30, bold=True),
           fill=INK, anchor="ma")
    y += 58
    workshop = f"{rng.choice(['一', '二', '三', '四', '五'])}车间"
    info = [f"{s.lab('结算月份')}{fam.fmt_month(month, rng.choice(['cn', 'cn0', 'dot']))}",
            f"{s.lab('车间')}{workshop}", f"{s.lab('班组')}{rng.choice(['甲', '乙', '丙', 'A', 'B'])}组",
            f"{s.lab('工号')}{rng.randint(1001, 9899)}", f"{s.lab('姓名')}{person.name}"]
    info_f = s.f()
    gap = (total - sum(info_f.getlength(t) for t in info)) / (len(info) - 1)
    ix = x
    for part in info:
        d.text((ix, y), part, font=info_f, fill=INK)
        ix += info_f.getlength(part) + gap
    y += 44
    row_h = rng.randint(38, 44)
    rows: list[list[fam.Cell]] = [["序号", "产品型号", "工序", "单价（元）", "数量", "金额（元）"]]
    for i, (model, step, price, qty, amount) in enumerate(lines, start=1):
        rows.append([str(i), model, step, "" if not qty else f"{price}", "" if not qty else f"{qty:,}"
                     if s.thousands else str(qty), s.num(amount)])
    rows.append([("计件小计", 5), s.num(piece)])
    widths = [int(total * w) for w in (0.08, 0.24, 0.18, 0.15, 0.15)]
    widths.append(total - sum(widths))
    y = fam.table(d, x, y, widths, rows, s.f(), row_h, head=s.f(bold=True), aligns="cllrrr",
                  head_fill=(236, 236, 236) if rng.random() < 0.5 else None)
    y += 18
    gross_label = rng.choice(["应发工资", "应发合计", "工资总额"])
    net_label = rng.choice(["实发工资", "实领工资", "实发金额"])
    for items in ([*extras, (gross_label, gross)], [*deductions, ("扣款合计", ded_total), (net_label, net)]):
        n = len(items)
        w = [total // n] * n
        w[-1] += total - sum(w)
        y = fam.table(d, x, y, w, [[k for k, _ in items], [s.num(v) for _, v in items]], s.f(), row_h,
                      head=s.f(bold=True), aligns="c" * n)
        y += 14
    y += 20
    issue = paid if rng.random() < 0.55 else None
    foot = [f"统计员：{fam.person_name(rng)}", f"车间主任：{fam.person_name(rng)}", "员工签字："]
    if issue:
        foot.append(f"{s.lab('发放日期')}{s.day(issue)}")
    ix = x
    for part in foot:
        d.text((ix, y), part, font=info_f, fill=INK)
        ix += info_f.getlength(part) + (150 if part == "员工签字：" else 50)
    if rng.random() < 0.6:
        hand(page, x + info_f.getlength(foot[0] + foot[1]) + 100 + info_f.getlength("员工签字："), y - 6, person.name,
             30, rng, (30, 30, 40))
    y += 44
    d.text((x, y), "注：对计件数量有异议者请于三日内向车间统计员提出，逾期视为确认。", font=s.f(18), fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.5:
        fam.seal(d, size[0] - x - rng.randint(130, 220), y - 40, rng.randint(92, 105), company)
        seals = (1,)
    page = page.crop((0, 0, size[0], min(size[1], y + rng.randint(90, 130))))
    f = fam._fields(person.name, None, company, gross, issue)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={"pay_month": f"{month:%Y-%m}", "gross_pay": float(gross), "net_pay": float(net),
                                    "piece_total": float(piece)})


def slip_bilingual_panels(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Foreign company's English-first payslip: info boxes, Earnings and Deductions panels side by side, Net Pay bar."""
    s = fam.make_style(rng, sizes=(21, 24), serif_p=0.1)
    person = make_person(rng)
    en_name, zh_name, _ = rng.choice(BILINGUAL_COMPANIES)
    dept_en, dept_zh, role_en, _ = rng.choice(EN_ROLES)
    month, paid = _pay_month(rng, rng.choice([5, 10, 15, 25, 28]), rng.random() < 0.5)
    base = Decimal(rng.randrange(80, 450) * 100)
    earnings: list[tuple[str, Decimal]] = [("Base Salary 基本工资", base)]
    for label, options in (("Housing Allowance 住房补贴", [0, 1000, 1500, 2000, 3000]),
                           ("Meal Allowance 餐费补贴", [0, 300, 440, 500]),
                           ("Transport Allowance 交通补贴", [0, 300, 500, 800])):
        v = Decimal(rng.choice(options))
        if v:
            earnings.append((label, v))
    if rng.random() < 0.4:
        earnings.append(("Overtime Pay 加班费", _q(base / Decimal("21.75") / 8 * Decimal("1.5") * rng.randint(4, 30))))
    if rng.random() < 0.3:
        earnings.append(("Performance Bonus 绩效奖金", Decimal(rng.randrange(10, 120) * 100)))
    gross = sum((v for _, v in earnings), Decimal(0))
    social_base = min(base, Decimal(36549))
    pension, medical = _q(social_base * Decimal("0.08")), _q(social_base * Decimal("0.02"))
    unemployment = _q(social_base * Decimal("0.005"))
    fund = (social_base * Decimal(rng.choice(["0.07", "0.12"]))).quantize(Decimal(1), ROUND_HALF_UP)
    deductions: list[tuple[str, Decimal]] = [("Pension 养老保险", pension), ("Medical Insurance 医疗保险", medical),
                                             ("Unemployment 失业保险", unemployment), ("Housing Fund 住房公积金", fund)]
    if rng.random() < 0.3:
        deductions.append(("Supplementary HF 补充公积金", _q(social_base * Decimal("0.05"))))
    taxable = gross - sum((v for _, v in deductions), Decimal(0)) - 5000 - Decimal(rng.choice([0, 1500, 2000, 3000]))
    deductions.append(("Individual Income Tax 个人所得税", fam._tax(taxable)))
    ded_total = sum((v for _, v in deductions), Decimal(0))
    net = gross - ded_total
    date_how = rng.choice(["dmy_short", "dmy", "mdy_short", "iso"])
    page, d = fam.blank_page()
    accent = rng.choice([(0, 61, 121), (33, 33, 33), (0, 110, 100), (110, 30, 60)])
    x = rng.randint(70, 100)
    total = PAGE_W - 2 * x
    y = rng.randint(70, 100)
    en_b = font_of(fam.SANS_BOLD)
    en_r = font_of(fam.SANS)
    name_f = _fit(en_name, en_b(rng.randint(28, 32)), total - 330)
    d.text((x, y), en_name, font=name_f, fill=accent)
    d.text((x, y + int(name_f.size * 1.45)), zh_name, font=s.f(22), fill=accent)
    d.text((PAGE_W - x, y - 4), "PAYSLIP", font=en_b(40), fill=accent, anchor="ra")
    d.text((PAGE_W - x, y + 50), "工资单 · Private & Confidential", font=s.f(19), fill=GREY, anchor="ra")
    y += int(name_f.size * 1.45) + 50
    d.rectangle((x, y, PAGE_W - x, y + 4), fill=accent)
    y += 26
    if rng.random() < 0.5:
        period = f"{EN_MONTHS[month.month - 1]} {month.year} / {month.year}年{month.month}月"
    else:
        period = f"{en_date(month, date_how)} - {en_date(fam.month_end(month), date_how)}"
    shown_date = rng.random() < 0.8
    boxes = [("Employee Name 员工姓名", person.name), ("Employee ID 员工编号", f"{rng.choice(['CN', 'E', ''])}"
                                                                          f"{rng.randint(10000, 99999)}"),
             ("Department 部门", f"{dept_en} {dept_zh}"), ("Position 职位", f"{role_en}"),
             ("Pay Period 薪资期间", period), ("Pay Date 发薪日期", en_date(paid, date_how) if shown_date else "—"),
             ("Bank Account 银行账号", fam.card_number(rng, True)), ("Currency 币种", "CNY")]
    if not shown_date:
        boxes.pop(5)
    per = 4 if rng.random() < 0.5 else 3
    bw = total // per
    bh = 84
    for i, (label, value) in enumerate(boxes):
        bx, by = x + (i % per) * bw, y + (i // per) * bh
        d.rectangle((bx, by, bx + bw, by + bh), outline=(170, 170, 170), width=1)
        d.text((bx + 12, by + 10), label, font=_fit(label, s.f(17), bw - 20), fill=GREY)
        d.text((bx + 12, by + 42), value, font=_fit(value, s.f(s.size), bw - 20), fill=INK)
    y += bh * ((len(boxes) + per - 1) // per) + 40
    gap = 30
    pw = (total - gap) // 2
    row_h = int(s.size * 2.0)
    n = max(len(earnings), len(deductions))
    for k, (title, items, subtotal_label, subtotal) in enumerate((
            ("EARNINGS 收入", earnings, "Gross Pay 应发合计", gross),
            ("DEDUCTIONS 扣除", deductions, "Total Deductions 扣款合计", ded_total))):
        px = x + k * (pw + gap)
        d.rectangle((px, y, px + pw, y + row_h + 4), fill=accent)
        d.text((px + 14, y + (row_h + 4) / 2), title, font=en_b(s.size), fill=(255, 255, 255), anchor="lm")
        d.text((px + pw - 14, y + (row_h + 4) / 2), "CNY", font=en_b(s.size - 2), fill=(255, 255, 255), anchor="rm")
        ry = y + row_h + 4
        for i in range(n):
            if i % 2:
                d.rectangle((px, ry, px + pw, ry + row_h), fill=(244, 246, 248))
            if i < len(items):
                label, value = items[i]
                d.text((px + 14, ry + row_h / 2), label, font=_fit(label, s.f(s.size - 1), pw - 170), fill=INK,
                       anchor="lm")
                d.text((px + pw - 14, ry + row_h / 2), fam.money(value), font=en_r(s.size), fill=INK, anchor="rm")
            ry += row_h
        d.line((px, ry, px + pw, ry), fill=accent, width=2)
        d.text((px + 14, ry + row_h / 2 + 4), subtotal_label, font=s.f(s.size - 1, bold=True), fill=INK, anchor="lm")
        d.text((px + pw - 14, ry + row_h / 2 + 4), fam.money(subtotal), font=en_b(s.size), fill=INK, anchor="rm")
        d.rectangle((px, y, px + pw, ry + row_h + 8), outline=(170, 170, 170), width=1)
    y += (n + 2) * row_h + 50
    bar = int(s.size * 3)
    d.rectangle((x, y, PAGE_W - x, y + bar), fill=(236, 240, 244), outline=accent, width=2)
    d.text((x + 20, y + bar / 2), "NET PAY 实发工资", font=s.f(s.size + 4, bold=True), fill=accent, anchor="lm")
    d.text((PAGE_W - x - 20, y + bar / 2), f"CNY {fam.money(net)}", font=en_b(s.size + 10), fill=accent, anchor="rm")
    y += bar + 40
    if rng.random() < 0.6:
        d.text((x, y), f"Payment method 发放方式: Bank Transfer 银行转账 — {rng.choice(fam.BANKS)}", font=s.f(19),
               fill=INK)
        y += 40
    d.text((x, y), "This payslip is computer generated and requires no signature. 本工资单由系统生成，无需签字盖章。",
           font=_fit("This payslip is computer generated and requires no signature. 本工资单由系统生成，无需签字盖章。",
                     s.f(18), total), fill=GREY)
    f = fam._fields(person.name, None, zh_name, gross, paid if shown_date else None)
    return [page], fam.Facts(SLIP, f, tampered=tamper,
                             extra={"pay_month": f"{month:%Y-%m}", "gross_pay": float(gross), "net_pay": float(net),
                                    "employer_en": en_name})


def font_of(path: str) -> Callable[[int], ImageFont.FreeTypeFont]:
    """A font of a size, from one file (Noto Sans CJK holds the Latin letters too)."""
    return lambda size: fam.font(path, size)


DISPATCHERS = ["江苏众才人力资源服务有限公司", "广东南方英才劳务派遣有限公司", "浙江博远人力资源有限公司",
               "四川蜀才劳务派遣有限公司", "山东鲁信人力资源服务有限公司", "上海申智人力资源管理有限公司",
               "北京京英联合劳务派遣有限公司", "湖北楚天才智人力资源有限公司"]


def slip_dispatch_basis(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """劳务派遣 payslip from the agency (用人单位) for a worker placed at a 用工单位: 项目 | 计算依据 | 金额."""
    # Attendance days, hourly overtime and contribution bases written out in the middle column; sections as rows.
    s = fam.make_style(rng, sizes=(22, 25), serif_p=0.3)
    person, agency, client = make_person(rng), rng.choice(DISPATCHERS), rng.choice(fam.EMPLOYERS)
    month, paid = _pay_month(rng, rng.choice([10, 12, 15, 18, 20]), False)
    std = Decimal(rng.randrange(2200, 6500, 10))
    due = Decimal("21.75")
    worked = Decimal(rng.choice([22, 22, 21, 21, 20, 19, 23]))
    daily = _q(std / due)
    hourly = _q(std / due / 8)
    base_pay = std if worked >= due else _q(daily * worked)
    earnings: list[tuple[str, str, Decimal]] = [
        ("基本工资", f"{s.num(std)} ÷ 21.75 × {worked}天" if worked < due else f"月标准 {s.num(std)}", base_pay)]
    h1 = rng.choice([0, rng.randrange(8, 60)])
    if h1:
        earnings.append(("平时加班费", f"{h1}小时 × {hourly} × 1.5", _q(hourly * h1 * Decimal("1.5"))))
    h2 = rng.choice([0, 0, rng.randrange(8, 32, 4)])
    if h2:
        earnings.append(("休息日加班费", f"{h2}小时 × {hourly} × 2", _q(hourly * h2 * 2)))
    if rng.random() < 0.6:
        earnings.append(("岗位津贴", "按用工单位标准", Decimal(rng.randrange(2, 16) * 50)))
    if worked >= due and rng.random() < 0.7:
        earnings.append(("全勤奖", "当月无缺勤", Decimal(rng.choice([100, 200, 300]))))
    meal = Decimal(rng.choice([10, 12, 15]))
    earnings.append(("餐费补贴", f"{worked}天 × {meal}元", meal * worked))
    gross = sum((v for *_, v in earnings), Decimal(0))
    base = Decimal(rng.choice([4000, 4462, 4812, 5000, 5975, 7310]))
    deductions: list[tuple[str, str, Decimal]] = [
        ("养老保险", f"{s.num(base)} × 8%", _q(base * Decimal("0.08"))),
        ("医疗保险", f"{s.num(base)} × 2%", _q(base * Decimal("0.02"))),
        ("失业保险", f"{s.num(base)} × 0.5%", _q(base * Decimal("0.005")))]
    if rng.random() < 0.5:
        rate = rng.choice([5, 7, 12])
        deductions.append(("住房公积金", f"{s.num(base)} × {rate}%", (base * rate / 100).quantize(Decimal(1))))
    taxable = gross - sum((v for *_, v in deductions), Decimal(0)) - 5000
    deductions.append(("个人所得税", "累计预扣法", fam._tax(taxable)))
    ded_total = sum((v for *_, v in deductions), Decimal(0))
    net = gross - ded_total
    page, d = fam.blank_page()
    x = rng.randint(90, 130)
    total = PAGE_W - 2 * x
    y = rng.randint(100, 140)
    d.text((PAGE_W / 2, y), agency, font=_fit(agency, s.f(36, bold=True), total), fill=INK, anchor="ma")
    y += 64
    d.text((PAGE_W / 2, y), rng.choice(["派遣员工工资明细单", "劳务派遣人员工资条", "派遣人员薪资结算单"]),
           font=s.f(32, bold=True), fill=INK, anchor="ma")
    y += 80
    id_mode = rng.choice(["full", "full", "masked"])
    pairs = [("姓名", person.name), ("身份证号", person.id_number if id_mode == "full" else fam.mask_id(
        person.id_number)), ("用人单位", agency), ("用工单位", client), ("派遣岗位", rng.choice(fam.DEPARTMENTS)[1]),
             ("结算周期", f"{s.day(month)}—{s.day(fam.month_end(month))}"),
             ("应出勤天数", "21.75"), ("实出勤天数", str(worked))]
    info_f = s.f()
    col_w = total // 2
    for i in range(0, len(pairs), 2):
        wide = any(len(v) > 14 for _, v in pairs[i:i + 2])
        if wide:
            for k, v in pairs[i:i + 2]:
                d.text((x, y), f"{s.lab(k)}{v}", font=info_f, fill=INK)
                y += int(info_f.size * 1.75)
        else:
            for j, (k, v) in enumerate(pairs[i:i + 2]):
                d.text((x + j * col_w, y), f"{s.lab(k)}{v}", font=info_f, fill=INK)
            y += int(info_f.size * 1.75)
    y += 20
    gross_label = rng.choice(["应发工资合计", "应发合计", "应发工资"])
    net_label = rng.choice(["实发工资", "实发金额"])
    rows: list[list[fam.Cell]] = [["项目", "计算依据", "金额（元）"], [("一、应发项目", 3)]]
    rows += [[k, basis, s.num(v)] for k, basis, v in earnings]
    rows.append([gross_label, "", s.num(gross)])
    rows.append([("二、代扣项目", 3)])
    rows += [[k, basis, s.num(v)] for k, basis, v in deductions]
    rows.append(["扣款合计", "", s.num(ded_total)])
    rows.append([net_label, "", s.num(net)])
    row_h = rng.randint(50, 58)
    widths = [int(total * 0.27), int(total * 0.45)]
    widths.append(total - sum(widths))
    for i, r in enumerate(rows):
        if len(r) == 1:
            d.rectangle((x, y + i * row_h, x + total, y + (i + 1) * row_h), fill=(240, 240, 240))
    y = fam.table(d, x, y, widths, rows, s.f(), row_h, head=s.f(bold=True), aligns="llr",
                  head_fill=(226, 230, 236) if rng.random() < 0.5 else None)
    y += 40
    issue = paid if rng.random() < 0.7 else None
    if issue:
        d.text((x, y), f"{s.lab(rng.choice(['发放日期', '发薪日期']))}{s.day(issue)}", font=info_f, fill=INK)
        y += int(info_f.size * 1.9)
    note = "注：工资由用人单位按月以银行转账方式支付；如有疑问请于收到本单后五个工作日内联系派遣专员。"
    y = fam.paragraphs(d, x, y, total, [note], s.f(19), indent=False, fill=GREY)
    seals: tuple[int, ...] = ()
    if tamper != "seal" and rng.random() < 0.55:
        fam.seal(d, PAGE_W - x - rng.randint(170, 250), y + 70, rng.randint(105, 122), agency)
        seals = (1,)
    f = fam._fields(person.name, person.id_number if id_mode == "full" else None, agency, gross, issue)
    return [page], fam.Facts(SLIP, f, seal_pages=seals, tampered=tamper,
                             extra={"pay_month": f"{month:%Y-%m}", "gross_pay": float(gross), "net_pay": float(net),
                                    "client": client})


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
    print_on_first: bool
    seal_page: int | None  # the page the seal is on


Build = Callable[[random.Random, Acct, list[fam.Tx]], Drawn]


def _statement(rng: random.Random, tamper: str | None, bank: str, build: Build, marks: tuple[str, ...],
               dates: tuple[str, ...], months: tuple[int, int] = (3, 5), per_month: tuple[int, int] = (3, 7),
               id_modes: tuple[str, ...] = ("full", "masked", "none"), extra: dict | None = None,
               ) -> tuple[list[Image.Image], fam.Facts]:
    """A statement for one invented person; build lays out the transactions. A statement over five pages is drawn
    again over fewer months (the service reads five pages)."""
    person, company = make_person(rng), rng.choice(fam.EMPLOYERS)
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
        if len(drawn.pages) <= 5 or n_months <= 2:
            break
        n_months -= 1
    shown_all = [t for page in drawn.shown for t in page]
    id_number = person.id_number if id_mode == "full" else None
    f = fam._fields(person.name, id_number, None, fam.salary_mean(shown_all), drawn.print_date)
    first = None
    if len(drawn.pages) > 1:
        first = fam._fields(person.name, id_number, None, fam.salary_mean(drawn.shown[0]),
                            drawn.print_date if drawn.print_on_first else None)
    seals = (drawn.seal_page,) if drawn.seal_page else ()
    info = {"salary_by_month": fam.salary_by_month(shown_all), "salary_mark": mark, "id_shown": id_mode,
            "rows": len(shown_all), "rows_per_page": [len(t) for t in drawn.shown],
            "print_date_on_page_1": drawn.print_on_first, **(extra or {})}
    return drawn.pages, fam.Facts(STMT, f, first, seals, None, tamper, info)


def _masked_account(account: str, rng: random.Random) -> str:
    return rng.choice([f"{account[:4]} **** **** {account[-4:]}", f"{account[:6]}******{account[-4:]}",
                       f"尾号{account[-4:]}"])


APP_BANKS = [("微众银行", "深圳前海微众银行股份有限公司"), ("网商银行", "浙江网商银行股份有限公司"),
             ("平安银行", "平安银行股份有限公司"), ("中信银行", "中信银行股份有限公司"),
             ("广发银行", "广发银行股份有限公司")]


def stmt_app_list(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Phone-bank app's statement export (PDF): newest first, grouped by month with 收入/支出 totals, no grid."""
    # Each transaction two lines: 摘要 and signed amount, then time, counterparty, 附言 and the balance.
    bank, full_name = rng.choice(APP_BANKS)

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        accent = rng.choice([(232, 84, 30), (0, 102, 204), (214, 40, 40), (0, 140, 110)])
        x = rng.randint(70, 100)
        right = PAGE_W - x
        t_f = s.f(rng.randint(23, 26))
        sub_f = s.f(rng.randint(17, 19))
        amt_f = fam.font(fam.SANS_BOLD, t_f.size)
        item_h = int(t_f.size * 1.45 + sub_f.size * 1.45 + 26)
        month_h = int(t_f.size * 2.6)
        time_fmt = rng.choice(["%m-%d %H:%M", "%m月%d日 %H:%M:%S", "%Y-%m-%d %H:%M:%S"])
        income_colour = rng.choice([accent, (220, 90, 30), INK])
        print_label = rng.choice(["导出时间", "生成时间", "申请时间"])
        newest = sorted(txs, key=lambda t: t.when, reverse=True)
        entries: list[tuple[str, object]] = []
        sums: dict[tuple[int, int], list[Decimal]] = {}
        for t in newest:
            key = (t.when.year, t.when.month)
            if key not in sums:
                sums[key] = [Decimal(0), Decimal(0)]
                entries.append(("month", key))
            sums[key][0 if t.amount > 0 else 1] += abs(t.amount)
            entries.append(("tx", t))
        account = _masked_account(c.account, rng) if rng.random() < 0.6 else c.account

        def top(d: ImageDraw.ImageDraw, p: int) -> int:
            y = 70
            if p > 1:
                d.text((x, y), f"{bank} · 账户交易明细", font=sub_f, fill=GREY)
                d.text((right, y), f"户名：{c.person.name}", font=sub_f, fill=GREY, anchor="ra")
                d.line((x, y + 36, right, y + 36), fill=(220, 220, 220), width=1)
                return y + 56
            d.ellipse((x, y, x + 64, y + 64), fill=accent)
            d.text((x + 32, y + 32), bank[0], font=fam.font(fam.SANS_BOLD, 34), fill=(255, 255, 255), anchor="mm")
            d.text((x + 82, y + 4), bank, font=fam.font(fam.SANS_BOLD, 34), fill=accent)
            d.text((right, y + 2), "账户交易明细", font=fam.font(fam.SANS_BOLD, 30), fill=INK, anchor="ra")
            d.text((right, y + 44), rng.choice(["（电子版）", "Transaction Details", "（手机银行导出）"]), font=sub_f,
                   fill=GREY, anchor="ra")
            y += 92
            d.rectangle((x, y, right, y + 3), fill=accent)
            y += 26
            pairs = [("户名", c.person.name), ("账号", account),
                     ("账户类型", rng.choice(["电子账户", "II类账户", "借记卡", "一类户"])), ("币种", "人民币")]
            if c.id_mode != "none":
                pairs.append(("证件号码", c.id_text()))
            pairs += [("查询区间", f"{c.start:%Y.%m.%d}-{c.end:%Y.%m.%d}"),
                      (print_label, f"{c.printed:%Y-%m-%d %H:%M:%S}")]
            hf = s.f(21)
            for k in range(0, len(pairs), 2):
                for j, (label, value) in enumerate(pairs[k:k + 2]):
                    d.text((x + j * (right - x) // 2, y), f"{label}：{value}", font=hf, fill=INK)
                y += 36
            return y + 24

        def month_bar(d: ImageDraw.ImageDraw, y: int, key: tuple[int, int], cont: bool) -> None:
            d.rectangle((x, y + 6, right, y + month_h - 10), fill=(244, 245, 247))
            mid = y + (month_h - 4) / 2
            d.text((x + 16, mid), f"{key[0]}年{key[1]:02d}月" + ("（续）" if cont else ""),
                   font=fam.font(fam.SANS_BOLD, t_f.size), fill=INK, anchor="lm")
            if not cont:
                inc, out = sums[key]
                d.text((right - 16, mid), f"收入 ¥{s.num(inc)}    支出 ¥{s.num(out)}", font=sub_f, fill=GREY,
                       anchor="rm")

        def item(d: ImageDraw.ImageDraw, y: int, t: fam.Tx) -> None:
            y1 = y + 10
            d.text((x + 16, y1), t.desc, font=t_f, fill=INK)
            sign = "+" if t.amount > 0 else "-"
            d.text((right - 16, y1), f"{sign}{s.num(abs(t.amount))}", font=amt_f,
                   fill=income_colour if t.amount > 0 else INK, anchor="ra")
            y2 = y1 + int(t_f.size * 1.45)
            detail = [t.when.strftime(time_fmt)]
            if t.party:
                detail.append(t.party)
            if t.memo:
                detail.append(f"附言：{t.memo}")
            text = "  ".join(detail)
            d.text((x + 16, y2), text, font=_fit(text, sub_f, right - x - 300), fill=GREY)
            d.text((right - 16, y2), f"余额 {s.num(t.balance)}", font=sub_f, fill=GREY, anchor="ra")
            d.line((x + 16, y + item_h - 4, right - 16, y + item_h - 4), fill=(226, 226, 226), width=1)

        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        current: tuple[int, int] | None = None
        while i < len(entries) or not pages:
            page, d = fam.blank_page()
            y = top(d, len(pages) + 1)
            bottom = PAGE_H - 170
            here: list[fam.Tx] = []
            if i < len(entries) and entries[i][0] == "tx" and current is not None:
                month_bar(d, y, current, True)
                y += month_h
            while i < len(entries):
                kind, value = entries[i]
                if y + (month_h + item_h if kind == "month" else item_h) > bottom:
                    break
                if kind == "month":
                    current = value  # type: ignore[assignment]
                    month_bar(d, y, value, False)  # type: ignore[arg-type]
                    y += month_h
                else:
                    item(d, y, value)  # type: ignore[arg-type]
                    here.append(value)  # type: ignore[arg-type]
                    y += item_h
                i += 1
            pages.append((page, d, y))
            shown.append(here)
        n = len(pages)
        note = rng.choice([f"本明细由{bank}手机银行生成，仅供参考，以银行系统记录为准。",
                           "温馨提示：本交易明细仅作为账户交易参考，不作为对账凭证。"])
        for p, (_, d, y) in enumerate(pages, start=1):
            d.text((PAGE_W / 2, PAGE_H - 120), note, font=s.f(17), fill=GREY, anchor="ma")
            d.text((PAGE_W / 2, PAGE_H - 88), f"第 {p} 页 / 共 {n} 页", font=s.f(18), fill=GREY, anchor="ma")
            if p == n and c.sealed:
                cy = y + 130 if y + 250 < PAGE_H - 150 else PAGE_H - 290
                fam.seal(d, right - rng.randint(140, 260), cy, rng.randint(100, 118), full_name)
        return Drawn([pg for pg, _, _ in pages], shown, c.printed.date(), True, n if c.sealed else None)

    return _statement(rng, tamper, bank, build, ("desc", "desc", "memo", "party"), ("iso",), months=(3, 5),
                      per_month=(3, 6))


RURAL_BANKS = ["顺德农村商业银行", "常熟农村商业银行", "张家港农村商业银行", "成都农村商业银行", "重庆农村商业银行",
               "北京农村商业银行", "上海农村商业银行", "广州农村商业银行", "武汉农村商业银行", "天津农村商业银行"]
PASSBOOK_WORDS = {"转账支出": "转账", "手机银行转账": "手机转账", "网银转账": "网银转账", "信用卡还款": "还信用卡",
                  "贷款还款": "还贷", "按揭还款": "还贷", "转账存入": "转存", "费用报销": "报销"}


def stmt_passbook_copy(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Photocopy of a 农商行 passbook: its first page (户名, 账号), then opened pages printed line by line."""
    # Pre-printed numbered lines and column heads in the bank's colour, dot-matrix print a little off the lines;
    # no counterparty, no print date, no seal.
    bank = rng.choice(RURAL_BANKS)

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        tint = rng.choice([(40, 110, 160), (40, 130, 90), (150, 60, 60), (110, 80, 150)])
        pale = tuple(int(255 - (255 - v) * 0.1) for v in tint)
        rule = tuple(int(255 - (255 - v) * 0.45) for v in tint)
        mono = unseen1.mono(rng.choice([21, 22, 23]))
        ink = rng.choice([(40, 40, 48), (30, 30, 30), (50, 45, 70)])
        pb_w = 1080
        x0 = (PAGE_W - pb_w) // 2
        half_h, head_h, line_h, lines = 500, 48, 40, 10
        rel = [0.45, 1.45, 1.35, 1.5, 1.5, 1.75, 0.85, 0.85]
        heads = ["", "日期", "摘要", rng.choice(["支取", "支出"]), rng.choice(["存入", "存款"]),
                 rng.choice(["结余", "余额"]), "网点", "柜员"]
        widths = [int((pb_w - 40) * w / sum(rel)) for w in rel]
        date_how = rng.choice(["compact", "iso", "short"])
        thousands = rng.random() < 0.4
        branch_no = f"{rng.randint(1, 899):04d}"
        tellers = [f"{rng.randint(1, 99999):05d}" for _ in range(3)]
        carry = rng.random() < 0.5

        def when(t: fam.Tx) -> str:
            day = t.when.date()
            return {"compact": f"{day:%Y%m%d}", "iso": day.isoformat(), "short": f"{day:%y.%m.%d}"}[date_how]

        def amt(v: Decimal) -> str:
            return fam.money(v, thousands)

        def line_cells(t: fam.Tx | None, balance: Decimal | None = None) -> list[str]:
            if t is None:
                return ["", "承前页", "", "", amt(balance or Decimal(0)), "", ""]
            return [when(t), PASSBOOK_WORDS.get(t.desc, t.desc), amt(-t.amount) if t.amount < 0 else "",
                    amt(t.amount) if t.amount > 0 else "", amt(t.balance), branch_no,
                    "批量" if t.channel == "批量" else rng.choice(tellers)]

        def spread(page: Image.Image, d: ImageDraw.ImageDraw, top: int, rows: list[list[str]], first_no: int) -> None:
            d.rectangle((x0, top, x0 + pb_w, top + 2 * half_h), fill=pale, outline=(120, 120, 120), width=2)
            d.line((x0, top + half_h, x0 + pb_w, top + half_h), fill=(150, 150, 150), width=3)
            dx, dy = rng.uniform(-6, 10), rng.uniform(-5, 4)
            for h in range(2):
                ht = top + h * half_h + 20
                cx = x0 + 20
                for w, label in zip(widths, heads):
                    d.text((cx + w / 2, ht + head_h / 2), label, font=s.f(20, bold=True), fill=tint, anchor="mm")
                    cx += w
                d.line((x0 + 20, ht + head_h, x0 + pb_w - 20, ht + head_h), fill=tint, width=2)
                for k in range(lines):
                    ly = ht + head_h + (k + 1) * line_h
                    d.line((x0 + 20, ly, x0 + pb_w - 20, ly), fill=rule, width=1)
                    d.text((x0 + 20 + widths[0] / 2, ly - line_h / 2), str(first_no + h * lines + k), font=s.f(16),
                           fill=tint, anchor="mm")
                cx = x0 + 20
                for w in widths[:-1]:
                    cx += w
                    d.line((cx, ht, cx, ht + head_h + lines * line_h), fill=tint, width=1)
                for k, row in enumerate(rows[h * lines:(h + 1) * lines]):
                    ly = ht + head_h + k * line_h + line_h / 2 + dy
                    cx = x0 + 20 + widths[0]
                    for j, (w, text) in enumerate(zip(widths[1:], row)):
                        if text:
                            f = mono if mono.getlength(text) <= w - 6 else _fit(text, mono, w - 6)
                            if j in (2, 3, 4):
                                d.text((cx + w - 6 + dx, ly), text, font=f, fill=ink, anchor="rm")
                            else:
                                d.text((cx + 4 + dx, ly), text, font=f, fill=ink, anchor="lm")
                        cx += w

        def cover(d: ImageDraw.ImageDraw, top: int) -> int:
            h = 470
            d.rectangle((x0, top, x0 + pb_w, top + h), fill=pale, outline=(120, 120, 120), width=2)
            d.ellipse((x0 + 40, top + 36, x0 + 110, top + 106), outline=tint, width=6)
            d.text((x0 + 75, top + 71), "农", font=fam.font(fam.SANS_BOLD, 30), fill=tint, anchor="mm")
            d.text((x0 + 130, top + 40), bank, font=fam.font(fam.SERIF_BOLD, 36), fill=tint)
            d.text((x0 + pb_w - 40, top + 48), rng.choice(["活期储蓄存折", "个人结算账户存折", "活期一本通"]),
                   font=fam.font(fam.SERIF_BOLD, 30), fill=tint, anchor="ra")
            d.line((x0 + 40, top + 130, x0 + pb_w - 40, top + 130), fill=tint, width=2)
            opened = c.start - dt.timedelta(days=rng.randint(400, 3000))
            fields = [("账　　号", " ".join(c.account[i:i + 4] for i in range(0, len(c.account), 4))),
                      ("户　　名", c.person.name), ("开户日期", f"{opened:%Y%m%d}"),
                      ("开户网点", f"{rng.choice(generate.STREETS)[:2]}支行"), ("币　　种", "人民币"),
                      ("通兑标志", rng.choice(["通存通兑", "通兑"]))]
            fy = top + 160
            for label, value in fields:
                d.text((x0 + 60, fy), label, font=s.f(22), fill=tint)
                d.text((x0 + 60 + 130 + rng.uniform(-3, 6), fy + rng.uniform(-3, 3)), value, font=mono, fill=ink)
                fy += 46
            d.rectangle((x0 + pb_w - 300, top + 170, x0 + pb_w - 60, top + 400), outline=tint, width=2)
            d.text((x0 + pb_w - 180, top + 185), "预留印鉴", font=s.f(20), fill=tint, anchor="ma")
            return top + h

        rows: list[list[str]] = []
        row_tx: list[fam.Tx | None] = []
        per_spread = 2 * lines
        for t in txs:
            if carry and rows and len(rows) % per_spread == 0:
                rows.append(line_cells(None, row_tx[-1].balance if row_tx[-1] else None))
                row_tx.append(None)
            rows.append(line_cells(t))
            row_tx.append(t)
        pages: list[Image.Image] = []
        shown: list[list[fam.Tx]] = []
        k = 0
        while k < len(rows) or not pages:
            page = Image.new("RGB", (PAGE_W, PAGE_H), (246, 246, 243))
            d = ImageDraw.Draw(page)
            top = 70 if not pages else rng.randint(250, 350)
            if not pages:
                top = cover(d, top) + 50
            chunk = rows[k:k + per_spread]
            spread(page, d, top, chunk, 1 + (k % 60))
            shown.append([t for t in row_tx[k:k + per_spread] if t is not None])
            k += per_spread
            pages.append(page)
        return Drawn(pages, shown, None, False, None)

    return _statement(rng, tamper, bank, build, ("desc",), ("iso",), months=(4, 6), per_month=(3, 7),
                      id_modes=("none",))


TWO_ROW_BANKS = ["中国银行", "交通银行", "中信银行", "中国光大银行", "中国民生银行", "华夏银行", "浦发银行", "兴业银行"]


def stmt_two_row(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Every transaction on two printed rows: date, time, 摘要, amount, balance; then 对方户名, 对方账号, 附言."""
    # A two-row column header to match, no vertical rules, a summary of credits and debits at the end.
    bank = rng.choice(TWO_ROW_BANKS)

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        fs = rng.randint(18, 20)
        x = rng.randint(50, 70)
        total = PAGE_W - 2 * x
        flag = rng.random() < 0.5
        top_cols = ["序号", "交易日期", "交易时间", "业务摘要", *(["收/支"] if flag else []), "交易金额", "账户余额"]
        top_rel = [0.6, 1.25, 1.0, 1.5, *([0.6] if flag else []), 1.35, 1.4]
        bot_cols = ["", "对方户名", "对方账号", "交易渠道", "附言"]
        bot_rel = [0.6, 2.6, 2.2, 1.0, 1.4]

        def spans(rel: list[float]) -> list[tuple[float, float]]:
            out, cx = [], float(x)
            for w in rel:
                width = total * w / sum(rel)
                out.append((cx, width))
                cx += width
            return out

        top_span, bot_span = spans(top_rel), spans(bot_rel)
        top_align = "cccc" + ("c" if flag else "") + "rr"
        bot_align = "cllcl"
        body = s.f(fs)
        small = s.f(fs - 1)
        ha, hb = int(fs * 1.9), int(fs * 1.75)
        stripe = rng.random() < 0.6
        where = rng.choice(["header", "footer", "last"])
        print_text = f"{rng.choice(['打印时间', '打印日期'])}：{s.day(c.printed.date())} {c.printed:%H:%M:%S}"
        counter = iter(range(1, 10_000))
        title = rng.choice(["个人账户交易流水", "账户交易明细清单", "借记卡交易流水"])

        def row(d: ImageDraw.ImageDraw, y: float, h: int, cols: list[tuple[float, float]], cells: list[str],
                aligns: str, fnt: ImageFont.FreeTypeFont, fill: tuple[int, int, int] = INK) -> None:
            for (cx, w), text, al in zip(cols, cells, aligns):
                if not text:
                    continue
                f = _fit(text, fnt, w - 12)
                if al == "l":
                    d.text((cx + 6, y + h / 2), text, font=f, fill=fill, anchor="lm")
                elif al == "c":
                    d.text((cx + w / 2, y + h / 2), text, font=f, fill=fill, anchor="mm")
                else:
                    d.text((cx + w - 6, y + h / 2), text, font=f, fill=fill, anchor="rm")

        def cells(t: fam.Tx) -> tuple[list[str], list[str]]:
            if flag:
                money = ["收" if t.amount > 0 else "支", s.num(abs(t.amount))]
            else:
                money = [("-" if t.amount < 0 else "") + s.num(abs(t.amount))]
            desc = t.desc
            a = [str(next(counter)), s.day(t.when.date()), f"{t.when:%H:%M:%S}", desc, *money, s.num(t.balance)]
            channel = {"第三方支付": "快捷支付", "自动": "批量", "网银": "网上银行"}.get(t.channel, t.channel)
            b = ["", t.party, t.account, channel or "柜面", t.memo]
            return a, b

        def top(d: ImageDraw.ImageDraw, p: int) -> int:
            y = 80
            if p == 1:
                d.text((PAGE_W / 2, y), bank + title, font=s.f(34, bold=True), fill=INK, anchor="ma")
                y += 76
                pairs = [("户名", c.person.name), ("账号", c.account), ("币种", "人民币元")]
                if c.id_mode != "none":
                    pairs.append(("证件号码", c.id_text()))
                pairs.append(("起止日期", f"{s.day(c.start)} 至 {s.day(c.end)}"))
                if where == "header":
                    pairs.append(tuple(print_text.split("：", 1)))  # type: ignore[arg-type]
                hf = s.f(21)
                per = 3 if len(pairs) > 4 else 2
                box_top = y
                col_w = total / per
                for k in range(0, len(pairs), per):
                    for j, (label, value) in enumerate(pairs[k:k + per]):
                        text = f"{label}：{value}"
                        d.text((x + 14 + j * col_w, y + 12), text, font=_fit(text, hf, col_w - 20), fill=INK)
                    y += 40
                d.rectangle((x, box_top, x + total, y + 20), outline=GRID, width=1)
                y += 44
            else:
                d.text((x, y), f"户名：{c.person.name}    账号：{c.account}", font=s.f(19), fill=GREY)
                y += 44
            d.rectangle((x, y, x + total, y + ha + hb), fill=(232, 232, 232))
            row(d, y, ha, top_span, top_cols, "c" * len(top_cols), s.f(fs, bold=True))
            row(d, y + ha, hb, bot_span, bot_cols, "ccccc", s.f(fs - 1, bold=True), GREY)
            d.line((x, y, x + total, y), fill=INK, width=2)
            y += ha + hb
            d.line((x, y, x + total, y), fill=INK, width=2)
            return y

        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(txs) or not pages:
            page, d = fam.blank_page()
            y = top(d, len(pages) + 1)
            here: list[fam.Tx] = []
            while i < len(txs) and y + ha + hb <= PAGE_H - 160:
                t = txs[i]
                a, b = cells(t)
                if stripe and i % 2:
                    d.rectangle((x, y, x + total, y + ha + hb), fill=(245, 246, 248))
                row(d, y, ha, top_span, a, top_align, body)
                row(d, y + ha, hb, bot_span, b, bot_align, small, (70, 70, 70))
                y += ha + hb
                d.line((x, y, x + total, y), fill=(170, 170, 170), width=1)
                here.append(t)
                i += 1
            pages.append((page, d, y))
            shown.append(here)
        n = len(pages)
        income = [t.amount for t in txs if t.amount > 0]
        spend = [-t.amount for t in txs if t.amount < 0]
        for p, (_, d, y) in enumerate(pages, start=1):
            foot = f"第 {p} 页 / 共 {n} 页"
            if where == "footer" or (where == "last" and p == n):
                foot = print_text + "        " + foot
            d.text((PAGE_W / 2, PAGE_H - 100), foot, font=s.f(18), fill=GREY, anchor="ma")
            if p == n:
                summary = (f"本期收入 {len(income)} 笔，合计 {s.num(sum(income, Decimal(0)))} 元；"
                           f"本期支出 {len(spend)} 笔，合计 {s.num(sum(spend, Decimal(0)))} 元")
                sy = min(y + 24, PAGE_H - 260)
                d.text((x, sy), summary, font=_fit(summary, s.f(19), total), fill=INK)
                d.text((x, sy + 36), "—— 以下空白 ——", font=s.f(18), fill=GREY)
                if c.sealed:
                    cy = y + 190 if y + 320 < PAGE_H - 120 else PAGE_H - 230
                    fam.seal(d, PAGE_W - x - rng.randint(150, 280), cy, rng.randint(105, 122),
                             f"{bank}{rng.choice(CITIES)}分行")
        print_on_first = where in ("header", "footer") or n == 1
        return Drawn([pg for pg, _, _ in pages], shown, c.printed.date(), print_on_first, n if c.sealed else None)

    return _statement(rng, tamper, bank, build, ("desc", "memo", "memo", "party"), ("iso", "slash", "dot", "compact"),
                      months=(4, 6), per_month=(4, 8))


def stmt_payroll_credits(rng: random.Random, tamper: str | None) -> tuple[list[Image.Image], fam.Facts]:
    """Bank-issued 代发工资明细 (payroll credits only) as a letter: intro, 代发单位 | 代发项目 table, 合计, seal."""
    # 代发项目 tells 工资 from 奖金 and 报销; the issue date and the branch seal close the letter.
    bank = rng.choice([*fam.BANKS, "中信银行", "宁波银行", "南京银行", "北京银行"])

    def build(rng: random.Random, c: Acct, txs: list[fam.Tx]) -> Drawn:
        s = c.s
        paid = [t for t in txs if t.party == c.company and t.amount > 0]
        x = rng.randint(90, 120)
        total = PAGE_W - 2 * x
        body = s.f(rng.randint(25, 28))
        city = bank[:2] if bank[:2] in CITIES else rng.choice(CITIES)
        branch = f"{city}{rng.choice(generate.STREETS)}支行"
        issued = s.day(c.printed.date())
        rows: list[list[fam.Cell]] = []
        for k, t in enumerate(paid, start=1):
            item = "工资" if t.salary else "奖金" if t.bonus else rng.choice(["报销", "费用"])
            rows.append([str(k), s.day(t.when.date()), c.company, item, s.num(t.amount), t.memo])
        head = ["序号", rng.choice(["入账日期", "交易日期"]), "代发单位", "代发项目",
                rng.choice(["入账金额", "金额（元）"]), rng.choice(["附言", "用途"])]
        rel = [0.55, 1.25, 3.0, 0.95, 1.3, 1.4]
        widths = [int(total * w / sum(rel)) for w in rel]
        widths[-1] += total - sum(widths)
        tf = s.f(rng.randint(19, 21))
        row_h = rng.randint(42, 48)
        closing_h = 430
        pages: list[tuple[Image.Image, ImageDraw.ImageDraw, int]] = []
        shown: list[list[fam.Tx]] = []
        i = 0
        while i < len(rows) or not pages:
            page, d = fam.blank_page()
            y = rng.randint(110, 140)
            if not pages:
                d.text((PAGE_W / 2, y), rng.choice(["个人代发工资明细", "代发工资流水证明", "代发薪资入账明细"]),
                       font=s.f(44, bold=True), fill=INK, anchor="ma")
                y += 70
                d.text((PAGE_W / 2, y), bank, font=s.f(26), fill=GREY, anchor="ma")
                y += 80
                who = f"{c.person.name}（证件号码：{c.id_text()}）"
                intro = (f"兹证明{who}在我行开立的个人结算账户（账号：{c.account}），于{s.day(c.start)}至{s.day(c.end)}"
                         f"期间由单位代发入账明细如下：")
                y = fam.paragraphs(d, x, y, total, [intro], body, leading=1.8)
                y += 10
            chunk_rows = max(1, (PAGE_H - 180 - y - row_h) // row_h)
            chunk = rows[i:i + chunk_rows]
            y = fam.table(d, x, y, widths, [head, *chunk], tf, row_h, head=s.f(tf.size, bold=True), aligns="cclcrl",
                          head_fill=(236, 236, 236) if rng.random() < 0.5 else None)
            shown.append(paid[i:i + len(chunk)])
            i += len(chunk)
            pages.append((page, d, y))
        if pages[-1][2] + closing_h > PAGE_H - 120:
            page, d = fam.blank_page()
            pages.append((page, d, 120))
            shown.append([])
        page, d, y = pages[-1]
        sum_all = sum((t.amount for t in paid), Decimal(0))
        y = fam.paragraphs(d, x, y + 24, total, [f"合计：{len(paid)}笔，金额人民币{s.num(sum_all)}元。",
                                                 "特此证明。"], body, leading=1.8)
        y += 60
        right = PAGE_W - x
        sign = f"{bank}{branch}"
        sx = right - max(body.getlength(sign), body.getlength("出具日期：" + issued)) - 10
        d.text((sx, y), sign, font=body, fill=INK)
        d.text((sx, y + int(body.size * 1.9)), f"{rng.choice(['出具日期：', '打印日期：', ''])}{issued}", font=body,
               fill=INK)
        if c.sealed:
            fam.seal(d, sx + body.getlength(sign) / 2, y + body.size * 1.2, rng.randint(112, 130), sign)
        d.text((x, y + int(body.size * 4.6)), f"经办：{rng.randint(10000, 99999)}    复核：{rng.randint(10000, 99999)}",
               font=s.f(20), fill=GREY)
        n = len(pages)
        if n > 1:
            for p, (_, dd, _) in enumerate(pages, start=1):
                dd.text((PAGE_W / 2, PAGE_H - 90), f"第{p}页 共{n}页", font=s.f(18), fill=GREY, anchor="ma")
        return Drawn([pg for pg, _, _ in pages], shown, c.printed.date(), n == 1, n if c.sealed else None)

    return _statement(rng, tamper, bank, build, ("memo",), ("cn", "cn", "iso", "dot"), months=(6, 12),
                      per_month=(0, 1), id_modes=("full", "full", "masked"))


# --------------------------------------------------------------------------------------------------- registry


def _family(fn: Callable, kind: str, tampers: tuple[str, ...]) -> fam.Family:
    return fam.Family("unseen2_" + fn.__name__, kind, True, fn, tampers, (fn.__doc__ or "").split("\n")[0])


FAMILIES: list[fam.Family] = [
    _family(cert_institution_redhead, CERT, ("words", "seal")),
    _family(cert_bilingual_fields, CERT, ("words", "seal")),
    _family(cert_avg12_breakdown, CERT, ("words", "seal")),
    _family(cert_bank_handfilled, CERT, ("words", "seal")),
    _family(slip_institution_grid, SLIP, ("seal",)),
    _family(slip_piece_rate, SLIP, ("seal",)),
    _family(slip_bilingual_panels, SLIP, ()),
    _family(slip_dispatch_basis, SLIP, ("seal",)),
    _family(stmt_app_list, STMT, ("seal",)),
    _family(stmt_passbook_copy, STMT, ()),
    _family(stmt_two_row, STMT, ("seal",)),
    _family(stmt_payroll_credits, STMT, ("seal",)),
]
BY_NAME = {f.name: f for f in FAMILIES}


def families(kind: str | None = None) -> list[fam.Family]:
    """The unseen2 families of a kind (None = all)."""
    return [f for f in FAMILIES if kind is None or f.kind == kind]
