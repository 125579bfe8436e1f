"""Generator of synthetic income proofs: 收入证明 letters with a red round seal, payslips (工资条) and bank
statements (银行流水), as a clean PNG, a phone photo and a PDF, each with an expected-JSON file beside it.
Tampered letters are included: amount in words disagreeing with the digits, and no seal.

Every person, employer and amount is invented.

    python -m sample_docs.generate_income --out sample_docs/income --count 4 --seed 11
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
from decimal import Decimal
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw

from sample_docs import generate
from sample_docs.generate import SANS, SANS_BOLD, _font, make_person, photograph

PAGE_W, PAGE_H = 1240, 1754  # A4 at 150 dpi
INK = (25, 25, 25)
SEAL_RED = (214, 36, 40)
COMPANIES = ["北京星河数据科技有限公司", "上海远航物流有限公司", "杭州青禾网络科技有限公司", "广州南粤建设工程有限公司",
             "深圳蓝海智能设备有限公司", "成都锦城餐饮管理有限公司", "武汉长江医药有限公司", "南京紫金软件有限公司"]
DEPARTMENTS = [("技术部", "软件工程师"), ("财务部", "会计"), ("市场部", "市场专员"), ("人力资源部", "招聘主管"),
               ("运营部", "运营经理"), ("销售部", "销售代表")]
BANKS = ["中国工商银行", "中国建设银行", "招商银行", "中国银行"]
DIGITS_WORDS = "零壹贰叁肆伍陆柒捌玖"


def _money(value: Decimal) -> str:
    """12000 -> 12,000.00"""
    return f"{value:,.2f}"


def _wrap(text: str, per_line: int) -> list[str]:
    """Fixed-width wrapping, as a word processor does with Chinese text: amounts and numbers may be split."""
    return [text[i:i + per_line] for i in range(0, len(text), per_line)]


def _seal(page_draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, name: str) -> None:
    """A red round company seal (ring, five-pointed star, the company name around the top), stamped like ink:
    multiplied onto the page, so print under it stays readable as it does on paper."""
    page = page_draw._image  # type: ignore[attr-defined]
    layer = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(layer)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=SEAL_RED, width=max(5, r // 14))
    star = [(cx + 0.32 * r * math.cos(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4),
             cy + 0.32 * r * math.sin(math.radians(-90 + 36 * k)) * (1 if k % 2 == 0 else 0.4)) for k in range(10)]
    draw.polygon(star, fill=SEAL_RED)
    font = _font(SANS_BOLD, max(14, r // 5))
    chars = list(name)
    span = 220
    for i, ch in enumerate(chars):
        a = math.radians(-90 - span / 2 + span * (i + 0.5) / len(chars))
        x, y = cx + 0.72 * r * math.cos(a), cy + 0.72 * r * math.sin(a)
        glyph = Image.new("RGBA", (font.size + 6, font.size + 6), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((3, 0), ch, font=font, fill=(*SEAL_RED, 255))
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        draw._image.paste(glyph, (int(x - glyph.width / 2), int(y - glyph.height / 2)), glyph)  # type: ignore[attr-defined]
    draw.text((cx - 1.5 * font.size, cy + 0.45 * r), "专用章", font=font, fill=SEAL_RED)
    page.paste(ImageChops.multiply(page, layer))


def _page() -> tuple[Image.Image, ImageDraw.ImageDraw]:
    """A blank white A4 page."""
    page = Image.new("RGB", (PAGE_W, PAGE_H), (252, 252, 250))
    return page, ImageDraw.Draw(page)


def income_certificate(rng: random.Random, tamper: str | None = None) -> tuple[list[Image.Image], dict]:
    """A 收入证明 letter; tamper = 'words' (大写 disagrees with the digits) or 'seal' (no seal)."""
    person = make_person(rng)
    company = rng.choice(COMPANIES)
    dept, title = rng.choice(DEPARTMENTS)
    monthly = Decimal(rng.randrange(45, 420) * 100)
    annual = monthly * 12
    words_amount = monthly + Decimal(rng.choice([1000, 2000, 500])) if tamper == "words" else monthly
    issue = generate.TODAY - dt.timedelta(days=rng.randint(3, 60))
    since = dt.date(rng.randint(2012, 2024), rng.randint(1, 12), 1)
    from verify_service.pipeline.common.amounts import to_words

    body = (f"兹证明{person.name}（身份证号：{person.id_number}）系我单位正式员工，自{since.year}年{since.month}月起"
            f"在{dept}担任{title}职务，月收入（税前）为人民币{_money(monthly)}元（大写：{to_words(words_amount)}），"
            f"年收入约为人民币{_money(annual)}元。")
    page, d = _page()
    d.text((PAGE_W // 2 - 110, 170), "收入证明", font=_font(SANS_BOLD, 64), fill=INK)
    body_font = _font(SANS, 34)
    y = 340
    for line in _wrap("　　" + body, 29):
        d.text((120, y), line, font=body_font, fill=INK)
        y += 62
    for line in ["　　本证明仅用于申请贷款，不作其他用途。", "　　特此证明。"]:
        d.text((120, y), line, font=body_font, fill=INK)
        y += 62
    y += 120
    d.text((640, y), f"单位名称：{company}", font=_font(SANS, 30), fill=INK)
    d.text((640, y + 60), f"日期：{issue.year}年{issue.month}月{issue.day}日", font=_font(SANS, 30), fill=INK)
    if tamper != "seal":
        _seal(d, 930, y + 20, 150, company)
    fields = {"document_kind": "income_certificate", "name": person.name, "id_number": person.id_number,
              "employer": company, "monthly_income": float(monthly), "annual_income": float(annual),
              "issue_date": issue.isoformat()}
    checks = {"AMOUNT_WORDS_MATCH": "fail" if tamper == "words" else "pass",
              "SEAL_PRESENT": "fail" if tamper == "seal" else "pass"}
    return [page], {"fields": fields, "checks": checks}


def payslip(rng: random.Random) -> tuple[list[Image.Image], dict]:
    """A monthly 工资条 with gross, deductions and net pay."""
    person = make_person(rng)
    company = rng.choice(COMPANIES)
    dept, _ = rng.choice(DEPARTMENTS)
    month = dt.date(generate.TODAY.year, generate.TODAY.month, 1) - dt.timedelta(days=rng.randint(1, 60))
    base = Decimal(rng.randrange(40, 300) * 100)
    bonus = Decimal(rng.randrange(0, 60) * 100)
    gross = base + bonus
    social = (gross * Decimal("0.105")).quantize(Decimal("0.01"))
    fund = (gross * Decimal("0.07")).quantize(Decimal("0.01"))
    tax = max(Decimal(0), ((gross - social - fund - 5000) * Decimal("0.03")).quantize(Decimal("0.01")))
    net = gross - social - fund - tax
    page, d = _page()
    d.text((150, 150), f"{company}", font=_font(SANS_BOLD, 44), fill=INK)
    d.text((150, 230), f"{month.year}年{month.month}月 工资条", font=_font(SANS_BOLD, 44), fill=INK)
    rows = [("姓名", person.name), ("身份证号", person.id_number), ("部门", dept),
            ("工资月份", f"{month.year}-{month.month:02d}"), ("基本工资", _money(base)), ("绩效奖金", _money(bonus)),
            ("应发工资", _money(gross)), ("养老医疗失业保险", _money(social)), ("住房公积金", _money(fund)),
            ("个人所得税", _money(tax)), ("实发工资", _money(net))]
    font = _font(SANS, 32)
    y = 360
    for label, value in rows:
        d.rectangle((140, y - 14, 1100, y + 56), outline=(150, 150, 150), width=2)
        d.line((560, y - 14, 560, y + 56), fill=(150, 150, 150), width=2)
        d.text((170, y), label, font=font, fill=INK)
        d.text((600, y), value, font=font, fill=INK)
        y += 70
    issue = dt.date(month.year, month.month, 28)
    d.text((600, y + 80), f"发放日期：{issue.year}年{issue.month}月{issue.day}日", font=_font(SANS, 30), fill=INK)
    _seal(d, 900, y + 60, 130, company)
    fields = {"document_kind": "payslip", "name": person.name, "id_number": person.id_number, "employer": company,
              "monthly_income": float(gross), "annual_income": None, "issue_date": issue.isoformat(),
              "pay_month": f"{month.year}-{month.month:02d}", "gross_pay": float(gross), "net_pay": float(net)}
    return [page], {"fields": fields, "checks": {"SEAL_PRESENT": "pass"}}


def bank_statement(rng: random.Random, pages: int = 1) -> tuple[list[Image.Image], dict]:
    """A 个人账户交易明细 over six months: salary credits (代发工资) among other transactions."""
    person = make_person(rng)
    company = rng.choice(COMPANIES)
    bank = rng.choice(BANKS)
    end = generate.TODAY - dt.timedelta(days=rng.randint(2, 20))
    salary = Decimal(rng.randrange(50, 300) * 100)
    rows = []
    balance = Decimal(rng.randrange(1000, 50000))
    months = []
    for k in range(6, 0, -1):
        index = end.year * 12 + end.month - 1 - (k - 1)
        first = dt.date(index // 12, index % 12 + 1, 1)
        pay = salary + Decimal(rng.choice([0, 0, 0, 350, -200]))
        months.append((f"{first.year}-{first.month:02d}", pay))
        spend = Decimal(rng.randrange(100, 30000)) / 10
        for day, desc, amount, party in sorted([
            (10, "代发工资", pay, company),
            (rng.randint(1, 9), "消费", -spend, rng.choice(["美团", "京东商城", "超市发"])),
            (rng.randint(12, 27), rng.choice(["转账", "还款"]), -Decimal(rng.randrange(200, 3000)), "个人"),
        ]):
            balance += amount
            rows.append((first.replace(day=day), desc, amount, balance, party))
    head = [f"{bank} 个人账户交易明细", f"户名：{person.name}", f"证件号码：{person.id_number}",
            f"账号：6222 **** **** {rng.randint(1000, 9999)}",
            f"查询期间：{rows[0][0].isoformat()} 至 {end.isoformat()}"]
    per_page = math.ceil(len(rows) / pages)
    images = []
    for p in range(pages):
        page, d = _page()
        y = 130
        if p == 0:
            d.text((120, y), head[0], font=_font(SANS_BOLD, 44), fill=INK)
            y += 90
            for line in head[1:]:
                d.text((120, y), line, font=_font(SANS, 30), fill=INK)
                y += 52
            y += 30
        font = _font(SANS, 28)
        cols = [120, 350, 560, 800, 1000]
        for x, label in zip(cols, ["交易日期", "摘要", "交易金额", "账户余额", "对方户名"]):
            d.text((x, y), label, font=_font(SANS_BOLD, 28), fill=INK)
        y += 56
        d.line((110, y - 10, 1140, y - 10), fill=(120, 120, 120), width=2)
        for when, desc, amount, bal, party in rows[p * per_page:(p + 1) * per_page]:
            sign = "+" if amount > 0 else "-"
            cells = [when.isoformat(), desc, f"{sign}{_money(abs(amount))}", _money(bal), party[:6]]
            for x, text in zip(cols, cells):
                d.text((x, y), text, font=font, fill=INK)
            y += 52
        d.text((120, PAGE_H - 120), f"第{p + 1}页 共{pages}页    打印日期：{end.year}年{end.month}月{end.day}日",
               font=_font(SANS, 26), fill=(90, 90, 90))
        if p == pages - 1:
            _seal(d, 980, PAGE_H - 210, 125, bank + "电子回单")
        images.append(page)
    average = sum(a for _, a in months) / len(months)
    fields = {"document_kind": "bank_statement", "name": person.name, "id_number": person.id_number,
              "employer": None, "monthly_income": float(average.quantize(Decimal("0.01"))), "annual_income": None,
              "issue_date": end.isoformat(), "salary_by_month": {m: float(a) for m, a in months}}
    return images, {"fields": fields, "checks": {"SEAL_PRESENT": "pass"}}


KINDS = {"certificate": income_certificate, "payslip": payslip, "statement": bank_statement}


def generate_all(out: Path, count: int, seed: int) -> list[Path]:
    """`count` documents of each kind (plus two tampered letters per round) as PNG, photo and PDF."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for i in range(count):
        jobs = [("certificate", {}), ("payslip", {}), ("statement", {"pages": 1})]
        if i % 2 == 0:
            jobs += [("certificate", {"tamper": "words"}), ("certificate", {"tamper": "seal"})]
        for kind, options in jobs:
            suffix = options.get("tamper", "")
            stem = f"{kind}{i:02d}{'_' + suffix if suffix else ''}"
            pages, exp = KINDS[kind](rng, **options)
            variants = {"scan": (pages[0], ".png"), "photo": (None, ".jpg"), "pdf": (None, ".pdf")}
            for variant, (img, ext) in variants.items():
                path = out / f"{stem}_{variant}{ext}"
                if variant == "scan":
                    img.save(path)
                elif variant == "photo":
                    photo, _ = photograph(pages[0].convert("RGBA"), rng, False, size=(1200, 1600),
                                          scale_range=(0.82, 0.9), max_angle=6)
                    photo.save(path, quality=88)
                else:
                    pdf_pages, expected = pages, exp
                    if kind == "statement":  # the PDF variant is another statement, spread over two pages
                        pdf_pages, expected = bank_statement(random.Random(f"{seed}-{stem}"), pages=2)
                    pdf_pages[0].save(path, "PDF", resolution=150, save_all=True, append_images=pdf_pages[1:])
                record = {**(expected if variant == "pdf" else exp), "variant": variant}
                path.with_suffix(path.suffix + ".json").write_text(
                    json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
                written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: write a sample set."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "income")
    ap.add_argument("--count", type=int, default=4)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args(argv)
    paths = generate_all(args.out, args.count, args.seed)
    print(f"wrote {len(paths)} documents to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
