"""Income proofs without models: classification, field parsing from OCR rows, checks, seals, PDFs."""

import datetime as dt
import io
import time
import zlib

import cv2
import numpy as np
import pytest
from PIL import Image

from tests.fakes import ENCRYPTED, LETTER, line, pdf_bytes, rows
from verify_service.errors import EncryptedPdf, ImageTooLarge, InvalidImage, TooManyPages, UnsupportedMedia
from verify_service.pipeline.common.layout import read_rows
from verify_service.pipeline.common.pages import load_pages
from verify_service.pipeline.documents.income.checks import income_checks
from verify_service.pipeline.documents.income.reader import parse_income
from verify_service.pipeline.documents.income.seal import find_seals
from verify_service.pipeline.documents.income.text import PageText, as_company, as_person

TODAY = dt.date(2026, 11, 1)


def pages(*page_lines):
    return [PageText(i + 1, read_rows(lines)[0]) for i, lines in enumerate(page_lines)]






def test_letter_read_across_line_breaks():
    parsed = parse_income(pages(LETTER))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert values == {"document_kind": "income_certificate", "name": "马浩", "id_number": "370202198609286023",
                      "employer": "杭州青禾网络科技有限公司", "monthly_income": 5200.0, "annual_income": 62400.0,
                      "issue_date": "2026-09-06"}
    assert parsed.amount_words.value == "伍仟贰佰元整"
    assert parsed.fields["name"].to_dict()["page"] == 1


def statuses(checks):
    return {c.code: c.status.value for c in checks}


def test_letter_checks():
    parsed = parse_income(pages(LETTER))
    seal = find_seals(seal_image())[0]
    got = statuses(income_checks(parsed, seal, TODAY, 90, "马浩", "370202198609286023"))
    assert got == {"AMOUNT_WORDS_MATCH": "pass", "SEAL_PRESENT": "pass", "NAME_MATCHES": "pass",
                   "ID_NUMBER_MATCHES": "pass", "ISSUE_DATE_RECENT": "pass"}
    got = statuses(income_checks(parsed, None, dt.date(2027, 6, 1), 90, "马涛", None))
    assert got == {"AMOUNT_WORDS_MATCH": "pass", "SEAL_PRESENT": "fail", "NAME_MATCHES": "fail",
                   "ID_NUMBER_MATCHES": "unknown", "ISSUE_DATE_RECENT": "fail"}


def test_words_disagreeing_with_digits_fail():
    tampered = [ln if "伍仟贰佰" not in ln.text else line("陆仟贰佰元整），年收入约为人民币62,400.00元。", 100, 340, 600)
                for ln in LETTER]
    assert statuses(income_checks(parse_income(pages(tampered)), None, TODAY, 90, None, None))[
        "AMOUNT_WORDS_MATCH"] == "fail"


PAYSLIP = rows("南京紫金软件有限公司", "2026年9月工资条", "姓名 杨洋", "身份证号 110108199001011234", "工资月份 2026-09",
               "基本工资 12,000.00", "应发工资 15,500.00", "住房公积金 1,085.00", "实发工资 12,311.25",
               "发放日期：2026年9月28日")


def test_payslip():
    parsed = parse_income(pages(PAYSLIP))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert values == {"document_kind": "payslip", "name": "杨洋", "id_number": "110108199001011234",
                      "employer": "南京紫金软件有限公司", "monthly_income": 15500.0, "annual_income": None,
                      "issue_date": "2026-09-28", "pay_month": "2026-09", "gross_pay": 15500.0, "net_pay": 12311.25}


STATEMENT_1 = rows("招商银行 个人账户交易明细", "户名：杨秀静", "证件号码：440305200107166198",
                   "查询期间：2026-07-02 至 2026-10-23", "交易日期 摘要 交易金额 账户余额 对方户名",
                   "2026-07-10 代发工资 +17,000.00 52,635.10 上海远航物流", "2026-07-18 转账 -267.00 52,368.10 个人",
                   "2026-08-10 代发工资 +17,200.00 68,676.10 上海远航物流")
STATEMENT_2 = rows("2026-09-10 代发工资 +17,200.00 82,869.20 上海远航物流", "2026-09-12 工资退回 -100.00 82,769.20 上海",
                   "2026-10-10 代发工资 +17,550.00 97,139.80 上海远航物流", "第2页 共2页 打印日期：2026年10月23日")


def test_statement_over_two_pages():
    parsed = parse_income(pages(STATEMENT_1, STATEMENT_2))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert values == {"document_kind": "bank_statement", "name": "杨秀静", "id_number": "440305200107166198",
                      "employer": None, "monthly_income": 17237.5, "annual_income": None, "issue_date": "2026-10-23",
                      "salary_by_month": {"2026-07": 17000.0, "2026-08": 17200.0, "2026-09": 17200.0,
                                          "2026-10": 17550.0}}
    assert [c["page"] for c in parsed.salary_credits] == [1, 1, 2, 2]  # debits like 工资退回 are not income


def test_unknown_document():
    parsed = parse_income(pages(rows("菜单", "宫保鸡丁 38元")))
    assert parsed.kind == "unknown" and parsed.fields["monthly_income"].value is None


def seal_image(radius=120, ring=True):
    page = np.full((800, 700, 3), 250, np.uint8)
    cv2.putText(page, "TEXT", (50, 100), cv2.FONT_HERSHEY_SIMPLEX, 2, (20, 20, 20), 4)
    if ring:
        cv2.circle(page, (400, 450), radius, (40, 36, 214), 10)
    cv2.drawMarker(page, (400, 450), (40, 36, 214), cv2.MARKER_STAR, 60, 8)
    return page


def test_seal_found_with_its_box():
    seals = find_seals(seal_image())
    assert len(seals) == 1 and seals[0].ring > 0.9
    np.testing.assert_allclose(seals[0].bbox, [275, 325, 525, 575], atol=8)


def test_red_without_a_ring_or_black_circles_are_not_seals():
    assert find_seals(seal_image(ring=False)) == []
    black = np.full((800, 700, 3), 250, np.uint8)
    cv2.circle(black, (400, 450), 120, (20, 20, 20), 10)
    assert find_seals(black) == []


def test_a_red_ring_in_a_brown_surface_around_the_page_is_no_seal():
    """A photo shows the table around the page: reddish wood or fur can close into a ring, but what lies inside
    it is not paper."""
    wood = seal_image()
    rng = np.random.default_rng(3)
    brown = np.stack([rng.integers(40, 90, (800, 700)), rng.integers(70, 120, (800, 700)),
                      rng.integers(120, 170, (800, 700))], axis=2).astype(np.uint8)
    inside = np.zeros((800, 700), bool)
    cv2.circle(inside.view(np.uint8), (400, 450), 118, 1, -1)
    wood[inside & (wood.min(axis=2) > 200)] = brown[inside & (wood.min(axis=2) > 200)]
    assert find_seals(seal_image()) and find_seals(wood) == []








def test_pdf_pages_are_rendered_at_150_dpi():
    rendered = load_pages(pdf_bytes(pages=2), max_pages=5, max_pixels=50_000_000)
    assert len(rendered) == 2 and rendered[0].shape[2] == 3
    np.testing.assert_allclose(rendered[0].shape[:2], (1754, 1240), atol=1)


@pytest.mark.parametrize("data, error", [
    (pdf_bytes(pages=6), TooManyPages),
    (b"%PDF-1.4\nthis is not a pdf at all", InvalidImage),
    (pdf_bytes()[:200], InvalidImage),
    (ENCRYPTED, EncryptedPdf),
    (b"GIF89a" + b"\0" * 100, UnsupportedMedia),
    (pdf_bytes(size=(20000, 20000)), InvalidImage),
])
def test_bad_documents(data, error):
    with pytest.raises(error):
        load_pages(data, max_pages=5, max_pixels=50_000_000)


def test_image_documents_keep_the_pixel_limit():
    buf = io.BytesIO()
    Image.new("RGB", (3000, 3000), (255, 255, 255)).save(buf, "PNG")
    with pytest.raises(ImageTooLarge):
        load_pages(buf.getvalue(), max_pages=5, max_pixels=1_000_000)


# Issue 14, item 2: PDFs are rendered in a child process under CPU, memory and time limits.
def test_sandboxed_pdf_pages_are_the_pixels_pdfium_renders_in_process():
    import pypdfium2 as pdfium

    from verify_service.pipeline.common.pages import PDF_DPI

    data = pdf_bytes(pages=2)
    pdf = pdfium.PdfDocument(data)
    expected = [np.asarray(pdf[i].render(scale=PDF_DPI / 72).to_pil().convert("RGB"))[:, :, ::-1] for i in range(2)]
    pdf.close()
    rendered = load_pages(data, max_pages=5, max_pixels=50_000_000)
    assert len(rendered) == 2 and all(p.flags.writeable and p.flags.c_contiguous for p in rendered)
    for got, want in zip(rendered, expected):
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("size", [(1300, 1300), (14400, 200), (595, 5)])
def test_pages_beyond_a_document_page_are_refused_before_rendering(size):
    from tests.http.test_income_api import pdf_document, stream
    from verify_service.errors import PdfTooComplex

    with pytest.raises(PdfTooComplex, match="pt"):
        load_pages(pdf_document([(*size, stream(b""))]), max_pages=5, max_pixels=50_000_000)


def test_an_a3_page_still_renders():
    from tests.http.test_income_api import pdf_document, stream

    (page,) = load_pages(pdf_document([(842, 1191, stream(b""))]), max_pages=5, max_pixels=50_000_000)
    assert page.shape == (2482, 1755, 3)


@pytest.mark.parametrize("filters", ["/Filter/FlateDecode", "/Filter[/FlateDecode /FlateDecode]",
                                     "/Filter /Fl#61teDecode", "/Filter[/FlateDecode/LZWDecode]"])
def test_content_that_inflates_past_the_budget_is_refused_however_its_filters_are_spelled(filters):
    from tests.http.test_income_api import deflate_bomb, pdf_document, stream
    from verify_service.errors import PdfTooComplex

    body = deflate_bomb(64)
    if filters.count("Flate") == 2:
        body = zlib.compress(body, 9)
    with pytest.raises(PdfTooComplex, match="page content expands"):
        load_pages(pdf_document([(595, 842, stream(body, filters))]), max_pages=5, max_pixels=50_000_000)


def test_the_sandbox_limits_hold_what_the_checks_let_through(monkeypatch):
    """With the stream budget switched off, the 1 GB content stream reaches pdfium: the child's memory limit or
    the deadline stops it, and this process does not grow."""
    from tests.http.test_income_api import content_bomb, peak_mb
    from verify_service.errors import PdfTooComplex, Timeout
    from verify_service.pipeline.common import pdf_sandbox

    monkeypatch.setattr(pdf_sandbox, "MAX_DRAWING_BYTES", 1 << 40)
    monkeypatch.setattr(pdf_sandbox, "MAX_STREAM_BYTES", 1 << 40)
    data = content_bomb(1024)
    peak, t0 = peak_mb(), time.monotonic()
    with pytest.raises((PdfTooComplex, Timeout)):
        load_pages(data, max_pages=5, max_pixels=50_000_000, deadline=time.monotonic() + 4)
    assert time.monotonic() - t0 < 5.5
    assert peak_mb() - peak < 300


def test_a_render_past_the_deadline_is_a_timeout():
    from verify_service.errors import Timeout

    with pytest.raises(Timeout):
        load_pages(pdf_bytes(pages=2), max_pages=5, max_pixels=50_000_000, deadline=time.monotonic() - 1)


def test_income_reader_stops_between_pages_past_the_deadline():
    from tests.fakes import FakeOcr
    from verify_service.errors import Timeout
    from verify_service.pipeline.documents.income.reader import IncomeReader

    reader = IncomeReader(FakeOcr(LETTER), lambda: TODAY)
    page = np.full((400, 300, 3), 255, np.uint8)
    assert reader.read([page, page], deadline=time.monotonic() + 60).pages == 2
    with pytest.raises(Timeout):
        reader.read([page, page], deadline=time.monotonic() - 1)


def test_pdf_renders_queue_for_one_child_per_worker(monkeypatch):
    """A burst of costly PDFs waits for the render slot instead of running a child each on every core."""
    import threading

    from verify_service.pipeline.common import pdf_sandbox

    running, peak, lock = [0], [0], threading.Lock()

    def slow_render(*args, **kwargs):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        threading.Event().wait(0.05)
        with lock:
            running[0] -= 1
        return []

    monkeypatch.setattr(pdf_sandbox, "_render", slow_render)
    threads = [threading.Thread(target=pdf_sandbox.render_pdf, args=(b"", 5, 10**7, "document", 150, 16, 20))
               for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak[0] == pdf_sandbox.CHILDREN == 1


def test_payslip_with_a_two_level_header():
    """A group heading (应发项目, 扣款项目) over its items, and 姓名 / 实发工资 cells merged across both header rows."""
    lines = [line("恒信精密制造有限公司2026年10月工资表", 200, 20, 700),
             line("工号", 50, 100, 60), line("姓名", 150, 115, 60), line("应发项目", 400, 100, 120),
             line("扣款项目", 820, 100, 120), line("实发工资", 1120, 115, 120),
             line("基本工资", 300, 140, 90), line("绩效奖金", 400, 140, 90), line("加班费", 500, 140, 70),
             line("应发合计", 600, 140, 90), line("养老保险", 720, 140, 90), line("公积金", 830, 140, 70),
             line("个税", 940, 140, 50), line("扣款合计", 1000, 140, 90),
             line("0012", 50, 200, 50), line("张伟", 150, 200, 60), line("6,000.00", 300, 200, 90),
             line("1,500.00", 400, 200, 90), line("300.00", 500, 200, 70), line("7,800.00", 600, 200, 90),
             line("480.00", 720, 200, 70), line("600.00", 830, 200, 70), line("120.00", 940, 200, 60),
             line("1,200.00", 1000, 200, 90), line("6,600.00", 1120, 200, 90)]
    values = {k: v.value for k, v in parse_income(pages(lines)).fields.items()}
    assert (values["document_kind"], values["name"], values["gross_pay"], values["net_pay"], values["employer"]) == \
        ("payslip", "张伟", 7800.0, 6600.0, "恒信精密制造有限公司")


def test_payslip_with_the_months_as_columns_reads_the_latest_month():
    lines = [line("工资明细", 400, 20, 160), line("姓名：李娜", 50, 70, 200),
             line("项目", 50, 120, 60), line("2026年8月", 300, 120, 120), line("2026年9月", 500, 120, 120),
             line("2026年10月", 700, 120, 130),
             line("基本工资", 50, 170, 90), line("8,000.00", 300, 170, 90), line("8,000.00", 500, 170, 90),
             line("8,000.00", 700, 170, 90),
             line("应发工资", 50, 220, 90), line("9,100.00", 300, 220, 90), line("9,350.00", 500, 220, 90),
             line("9,800.00", 700, 220, 90),
             line("实发工资", 50, 270, 90), line("7,300.00", 300, 270, 90), line("7,500.00", 500, 270, 90),
             line("7,880.00", 700, 270, 90)]
    values = {k: v.value for k, v in parse_income(pages(lines)).fields.items()}
    assert (values["name"], values["gross_pay"], values["net_pay"], values["pay_month"]) == \
        ("李娜", 9800.0, 7880.0, "2026-10")


def test_letter_dated_in_chinese_numerals_with_the_words_before_the_digits():
    letter = rows("收入证明", "兹证明王芳（身份证号：110108199001011234）系我公司员工，其月收入（税后）为人民币",
                  "玖仟捌佰元整（¥9,800.00），税前为人民币壹万贰仟元整（¥12,000.00）。", "特此证明。",
                  "北京华辰信息技术有限公司", "二〇二六年十月八日")
    parsed = parse_income(pages(letter))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert (values["name"], values["monthly_income"], values["issue_date"], values["employer"]) == \
        ("王芳", 12000.0, "2026-10-08", "北京华辰信息技术有限公司")
    assert statuses(income_checks(parsed, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "pass"
    tampered = parse_income(pages([*letter[:1], *rows("兹证明王芳系我公司员工，月收入为人民币壹万伍仟元整（¥12,000.00）。")]))
    assert statuses(income_checks(tampered, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "fail"


def test_statement_with_one_signed_in_and_out_column_and_the_payer_in_the_memo():
    parsed = parse_income(pages(rows(
        "个人活期明细", "账户户名：赵磊", "记账日期 摘要 收入/支出金额 余额 附言",
        "2026-08-15 转账 +12,300.00 20,100.00 宁波东港国际贸易有限公司", "2026-08-20 消费 -300.00 19,800.00 美团",
        "2026-09-15 转账 +12,500.00 32,300.00 宁波东港国际贸易有限公司", "2026-10-15 转账 +12,400.00 44,700.00 宁波东港国际贸易有限公司",
        "本流水于2026年10月20日打印")))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert (values["document_kind"], values["name"], values["monthly_income"], values["issue_date"]) == \
        ("bank_statement", "赵磊", 12400.0, "2026-10-20")


def test_letterhead_logo_beside_the_name_and_a_remark_cell_after_the_label():
    letter = [line("太湖", 100, 20, 60), line("无锡太湖半导体有限公司", 200, 20, 390), line("收入证明", 400, 120, 200),
              line("兹证明冯华（身份证号码：320102197204238550）自2012年8月起与我公司建立劳动关系，", 50, 200, 900),
              line("月收入为人民币8,000.00元。", 50, 250, 400), line("2026年10月3日", 600, 400, 200)]
    values = {k: v.value for k, v in parse_income(pages(letter)).fields.items()}
    assert (values["employer"], values["name"], values["monthly_income"]) == ("无锡太湖半导体有限公司", "冯华", 8000.0)
    form = [line("收入证明表", 400, 20, 200), line("姓名", 50, 100, 60), line("潘艳", 300, 100, 60),
            line("单位名称", 50, 160, 110), line("(全称)", 165, 160, 80), line("深圳蓝海智能设备有限公司", 300, 160, 290),
            line("单位性质", 50, 220, 110), line("有限责任公司", 300, 220, 150),
            line("月工资", 50, 280, 80), line("(税前)", 135, 280, 80), line("¥33900.00", 300, 280, 120),
            line("大写金额", 50, 340, 110), line("叁万叁仟玖佰元整", 300, 340, 200),
            line("实发月收入", 50, 400, 110), line("¥26781.00", 300, 400, 120), line("填表日期：2026-09-21", 500, 500, 260)]
    parsed = parse_income(pages(form))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert (values["employer"], values["monthly_income"], values["issue_date"]) == \
        ("深圳蓝海智能设备有限公司", 33900.0, "2026-09-21")
    assert statuses(income_checks(parsed, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "pass"


def test_payslip_app_screen_with_a_bare_name_and_a_year_to_date_column():
    app = [line("工资明细", 300, 20, 140), line("福州闽江纺织有限公司", 250, 80, 240), line("2026-09", 50, 140, 150),
           line("丁强思 A68517", 500, 140, 190), line("实发金额(元)", 290, 200, 150), line("13,488.31", 250, 260, 260),
           line("应发合计", 60, 320, 100), line("17,050.12", 560, 320, 130), line("发薪日期", 50, 380, 110),
           line("2026/10/05", 540, 380, 150)]
    values = {k: v.value for k, v in parse_income(pages(app)).fields.items()}
    assert (values["name"], values["gross_pay"], values["issue_date"]) == ("丁强思", 17050.12, "2026-10-05")
    ytd = [line("工资条", 900, 20, 110), line("薪资期间：2026年09月01日至2026年09月30日", 90, 80, 490),
           line("支付日期：2026年10月15日", 750, 80, 290), line("姓名", 100, 130, 60), line("徐芳建", 240, 130, 80),
           line("项目", 250, 200, 60), line("本月", 580, 200, 60), line("本年累计", 840, 200, 110),
           line("应发工资", 100, 250, 100), line("14200.00", 645, 250, 110), line("131880.75", 914, 250, 120),
           line("实发金额", 100, 300, 100), line("11502.80", 645, 300, 110), line("107197.87", 912, 300, 120)]
    values = {k: v.value for k, v in parse_income(pages(ytd)).fields.items()}
    assert (values["name"], values["gross_pay"], values["net_pay"], values["issue_date"]) == \
        ("徐芳建", 14200.0, 11502.8, "2026-10-15")


def test_a_pay_period_end_is_not_the_issue_date():
    slip = rows("工资条", "薪资期间：2026年09月01日至2026年09月30日", "姓名：徐芳建", "应发工资 14200.00")
    assert parse_income(pages(slip)).fields["issue_date"].value is None


def test_statement_names_left_aligned_under_a_centred_header_and_two_counterparty_columns():
    # 对手信息's values start left of its header: the text is not the balance column's
    lines = [line("个人账户明细清单", 300, 10, 300), line("户名：郑兰琪", 30, 50, 130), line("打印日期：2026-10-30", 560, 50, 250),
             line("交易日期", 50, 100, 80), line("交易摘要", 230, 100, 80), line("交易金额", 330, 100, 80),
             line("本次余额", 440, 100, 80), line("对手信息", 640, 100, 80), line("对方帐号", 900, 100, 80)]
    for i, (day, desc, amount, balance, party, account) in enumerate([
            ("20260808", "汇兑", "+25320.00", "48512.10", "北京星河数据科技有限公司", "91420999730423233730"),
            ("20260811", "缴费", "-626.75", "47885.35", "中国移动", ""),
            ("20260908", "转账", "+25400.00", "73545.45", "北京星河数据科技有限公司", "91420999730423233730"),
            ("20261009", "汇兑", "+25400.00", "93599.35", "北京星河数据科技有限公司", "91420999730423233730")]):
        y = 150 + 50 * i
        lines += [line(day, 50, y, 85), line(desc, 247, y, 45), line(amount, 335, y, 85), line(balance, 453, y, 80),
                  line(party, 540, y, 200 if len(party) > 4 else 80)]
        lines += [line(account, 860, y, 180)] if account else []
    parsed = parse_income(pages(lines))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert (values["name"], values["monthly_income"], values["issue_date"]) == ("郑兰琪", 25373.33, "2026-10-30")


def test_institution_letter_with_a_pay_breakdown_and_a_monthly_total():
    letter = rows("佛山市妇幼保健院", "证明", "兹有我单位正式在编职工张斌红同志（女，身份证号码：440305200104195663），",
                  "2012年4月参加工作，现任普外科副主任医师。", "该同志每月应发工资构成如下（单位：元）：",
                  "岗位工资 薪级工资 基础性绩效 合计", "2,800.00 695.00 4,767.00 8,262.00",
                  "月收入合计(税前）为人民币8,262.00元（大写：捌仟贰佰陆拾贰元正）。", "二〇二六年九月二十三日")
    parsed = parse_income(pages(letter))
    values = {k: v.value for k, v in parsed.fields.items()}
    assert (values["name"], values["employer"], values["monthly_income"], values["issue_date"]) == \
        ("张斌红", "佛山市妇幼保健院", 8262.0, "2026-09-23")
    assert statuses(income_checks(parsed, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "pass"


def test_a_twelve_month_total_is_not_a_monthly_income_and_english_dates_are_read():
    letter = rows("收入证明", "Date 日期: 28 Sep 2026", "兹证明叶娜军为我公司员工，近十二个月税前收入合计人民币308,950.00元，",
                  "月均税前收入人民币25,745.83元。", "Date of Joining 入职日期: October 11, 2016",
                  "annual leave from 4 November 2026 to 18 November 2026")
    values = {k: v.value for k, v in parse_income(pages(letter)).fields.items()}
    assert (values["name"], values["monthly_income"], values["issue_date"]) == ("叶娜军", 25745.83, "2026-09-28")


def test_bank_form_with_a_spaced_label_and_an_unticked_option():
    form = [line("个人客户收入证明", 400, 20, 320), line("姓", 135, 100, 30), line("名", 200, 100, 30),
            line("任雅", 284, 100, 70), line("收入类型", 130, 160, 100), line("月收入", 282, 160, 80),
            line("□年收入", 400, 160, 110), line("☑税前 □税后", 548, 160, 180), line("金额(小写)", 116, 220, 130),
            line("￥35300.00元", 281, 220, 200), line("2026年10月10日", 700, 300, 240)]
    values = {k: v.value for k, v in parse_income(pages(form)).fields.items()}
    assert (values["name"], values["monthly_income"]) == ("任雅", 35300.0)


def test_payslip_of_a_public_institution_and_of_a_works():
    grid = rows("2026年10月工资明细", "预算单位:苏州市第二人民医院 姓名:冯磊轩 人员编号:52362490",
                "应发合计 13,387.00", "实发工资：10,201.41", "结算周期：2026年8月1日一2026年8月31日")
    values = {k: v.value for k, v in parse_income(pages(grid)).fields.items()}
    assert (values["name"], values["employer"], values["gross_pay"], values["issue_date"]) == \
        ("冯磊轩", "苏州市第二人民医院", 13387.0, None)
    works = rows("东莞市长安镇鑫泰电子厂", "员工计件工资条", "姓名：朱国欣", "应发工资 3,480.00",
                 "发放日期：2026/09/10")
    assert parse_income(pages(works)).fields["employer"].value == "东莞市长安镇鑫泰电子厂"


def test_statement_records_of_two_lines_under_a_two_line_header():
    lines = [line("中国光大银行个人账户交易流水", 345, 50, 440), line("户名：田勇洋", 60, 100, 130),
             line("序号", 72, 150, 50), line("交易日期", 177, 150, 80), line("业务摘要", 492, 150, 84),
             line("收/支", 645, 150, 56), line("交易金额", 763, 150, 80), line("账户余额", 945, 150, 80),
             line("对方户名", 268, 180, 76), line("对方账号", 581, 180, 76), line("附言", 960, 180, 50)]
    for i, (day, flag, amount, party, memo) in enumerate([
            ("2026.05.09", "收", "11,962.00", "天津瑞丰化工股份有限公司", "工资"),
            ("2026.05.23", "支", "4,700.00", "彭思华", ""),
            ("2026.06.09", "收", "12,162.00", "天津瑞丰化工股份有限公司", "工资发放"),
            ("2026.06.12", "收", "2,600.00", "余芳芳", "还款"),
            ("2026.07.10", "收", "12,042.00", "天津瑞丰化工股份有限公司", "薪资")]):
        y = 215 + 64 * i
        lines += [line(str(i + 1), 86, y, 20), line(day, 172, y, 98), line("转账", 510, y, 50),
                  line(flag, 657, y, 30), line(amount, 804, y, 90), line("30,000.00", 990, y, 90),
                  line(party, 133, y + 30, 20 * len(party))]
        lines += [line(memo, 896, y + 30, 20 * len(memo))] if memo else []
    values = {k: v.value for k, v in parse_income(pages(lines)).fields.items()}
    assert (values["name"], values["monthly_income"]) == ("田勇洋", 12055.33)


def test_passbook_and_a_banks_list_of_payroll_credits_and_an_app_list():
    passbook = [line("重庆农村商业银行", 295, 50, 250), line("活期储蓄存折", 903, 50, 156), line("户", 230, 100, 30),
                line("名", 286, 100, 30), line("冯涵思", 341, 100, 72)]
    passbook += [line(t, x, 200, 50) for t, x in (("日期", 282), ("摘要", 410), ("支取", 536), ("存款", 669),
                                                  ("结余", 815), ("网点", 929))]
    for i, (day, desc, out, into, balance) in enumerate([("2026-07-09", "工资", "", "30,719.50", "103,565.33"),
                                                          ("2026-07-10", "POS消费", "473.76", "", "103,091.57"),
                                                          ("2026-08-08", "工资", "", "30,674.00", "133,578.66")]):
        y = 250 + 35 * i
        passbook += [line(day, 240, y, 110), line(desc, 373, y, 60), line(balance, 813, y, 110)]
        passbook += [line(out, 566, y, 70)] if out else [line(into, 671, y, 95)]
    values = {k: v.value for k, v in parse_income(pages(passbook)).fields.items()}
    assert (values["document_kind"], values["monthly_income"]) == ("bank_statement", 30696.75)
    payroll = rows("代发工资流水证明", "交通银行", "兹证明朱秀嘉(证件号码：440106198305113623)在我行开立的个人结算账户，",
                   "由单位代发入账明细如下：", "序号 入账日期 代发单位 代发项目 金额（元） 用途",
                   "1 2026.08.07 广州南粤建设工程有限公司 工资 26845.50 工资",
                   "2 2026.09.05 广州南粤建设工程有限公司 工资 26920.00 工资发放", "特此证明。", "2026.10.20")
    values = {k: v.value for k, v in parse_income(pages(payroll)).fields.items()}
    assert (values["document_kind"], values["name"], values["monthly_income"], values["issue_date"]) == \
        ("bank_statement", "朱秀嘉", 26882.75, "2026-10-20")
    app = [line("微众银行", 145, 50, 120), line("账户交易明细", 897, 50, 170), line("户名：田红", 64, 100, 110),
           line("申请时间：2026-10-1718:31:01", 67, 140, 280), line("2026年10月", 79, 200, 130),
           line("跨行转入", 77, 250, 100), line("+30,500.00", 926, 250, 128),
           line("10-04 10:22 西安秦川电子科技股份有限公司", 79, 280, 350), line("余额136,802.43", 917, 280, 137),
           line("2026年09月", 77, 340, 130), line("POS消费", 75, 390, 100), line("-699.21", 966, 390, 86),
           line("09-28 08:27 永辉超市", 79, 420, 177), line("余额106,302.43", 917, 420, 137),
           line("转账存入", 81, 470, 94), line("+30,820.00", 924, 470, 126),
           line("09-0711:51 西安秦川电子科技股份有限公司", 79, 500, 352), line("余额107,595.09", 919, 500, 135)]
    values = {k: v.value for k, v in parse_income(pages(app)).fields.items()}
    assert (values["name"], values["monthly_income"], values["issue_date"]) == ("田红", 30660.0, "2026-10-17")


@pytest.mark.parametrize("sentence, monthly", [
    ("月收入（税后）7,000元，年收入税前96,000元。", 7000.0),      # another label's amount is not the twin
    ("月收入税后7000元，年终奖税前20000元。", 7000.0),
    ("月均收入（近6个月）9000元。", 9000.0),                       # a count of months is no amount
    ("月收入（2026-09）8000元。", 8000.0),                          # nor is a year
    ("月薪资发放日为每月15号。", None),
    ("2026年1-9月工资收入合计90,000元。", None),                    # nor a total over months
])
def test_certificate_amounts_that_are_not_a_months_income(sentence, monthly):
    assert parse_income(pages(rows("收入证明", "兹证明张伟系我公司员工，" + sentence))).fields["monthly_income"].value == monthly


def test_dates_of_entry_birth_or_account_opening_are_not_the_issue_date():
    letter = rows("收入证明", "兹证明张伟系我公司员工，月收入8,000元。", "入司日期：2019年3月1日",
                  "Date of Birth 出生日期: 12 May 1990", "劳动合同签订日期：2024年1月1日", "北京星河数据科技有限公司",
                  "2026年10月3日")
    assert parse_income(pages(letter)).fields["issue_date"].value == "2026-10-03"


def test_words_must_agree_with_the_digits_beside_them_not_with_any_amount_nearby():
    tampered = rows("收入证明", "兹证明张伟系我公司员工，月收入人民币15,000元（大写：壹万贰仟元整），税后12,000元。")
    assert statuses(income_checks(parse_income(pages(tampered)), None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] \
        == "fail"


def test_sentence_fragments_and_departments_are_no_employer_and_split_names_stay_whole():
    assert [as_company(t) for t in ("市场部门店经理", "担任区域店长", "本证明仅供贵馆办理签证使用", "人力资源部客户服务中心")] \
        == [None, None, None, None]
    assert as_company("北京市住房公积金管理中心") == "北京市住房公积金管理中心"
    assert [as_person(t) for t in ("张伟 明", "欧阳 娜娜", "冯磊轩 人员编号:52362490", "正式员工")] == \
        ["张伟明", "欧阳娜娜", "冯磊轩", None]
    split = [line("北京星河", 100, 20, 120), line("数据科技有限公司", 230, 20, 240), line("收入证明", 400, 120, 200),
             line("兹证明张伟系我公司员工，月收入8,000元。", 50, 200, 700)]
    assert parse_income(pages(split)).fields["employer"].value == "北京星河数据科技有限公司"


def test_a_pay_item_is_no_bare_name_and_a_customer_label_is_no_holder():
    app = [line("工资明细", 300, 20, 140), line("2026-09", 50, 80, 150), line("全勤奖", 60, 140, 90),
           line("200.00", 560, 140, 90), line("应发合计", 60, 200, 100), line("9,050.12", 560, 200, 130)]
    assert parse_income(pages(app)).fields["name"].value is None
    statement = rows("个人账户交易明细", "客户类型：个人客户", "客户经理：张三", "交易日期 摘要 交易金额 余额",
                     "2026-07-10 代发工资 +17,000.00 52,635.10")
    assert parse_income(pages(statement)).fields["name"].value is None


def test_a_seal_on_paper_under_warm_light_is_still_a_seal():
    warm = seal_image()
    warm[warm.min(axis=2) > 200] = (170, 215, 240)  # BGR: paper in tungsten light
    assert find_seals(warm)


# --- readers generalised on the third round of unseen families ---------------------------------------------------


def values(parsed):
    return {k: v.value for k, v in parsed.fields.items()}


def test_sms_thread_of_pay_notices_reads_the_latest_month():
    texts = ["【恒信精密】蔡娜，您2026年8月工资已于2026-09-05发放，", "明细：基本工资:14600.00；应发工资:18300.49；",
             "实发金额:14221.24。如有疑问请联系苏州工业园区恒信精密制造有限公司人力资源部。",
             "【恒信精密】蔡娜，您2026年9月工资已于2026-10-05发放，", "明细：基本工资:14600.00；应发工资:19100.00；",
             "实发金额:15000.00。"]
    got = values(parse_income(pages(rows(*texts))))
    assert (got["document_kind"], got["name"], got["employer"], got["monthly_income"], got["issue_date"],
            got["pay_month"]) == ("payslip", "蔡娜", "苏州工业园区恒信精密制造有限公司", 19100.0, "2026-10-05", "2026-09")


def test_tax_app_list_reads_the_newest_salary_item_and_not_the_year_total():
    texts = ["收入纳税明细查询", "2026年度 纳税人：蒋静洋 4301**********6X", "收入合计（元）", "131,251.69",
             "工资薪金 ¥15,800.18", "所得期间：2026-09", "扣缴义务人：上海信诚会计师事务所（普通合伙）",
             "工资薪金 ¥16,000.00", "所得期间：2026-08", "扣缴义务人：上海信诚会计师事务所（普通合伙）"]
    got = values(parse_income(pages(rows(*texts))))
    assert (got["document_kind"], got["name"], got["employer"], got["monthly_income"], got["pay_month"],
            got["issue_date"]) == ("payslip", "蒋静洋", "上海信诚会计师事务所（普通合伙）", 15800.18, "2026-09", None)


def test_roster_totals_row_is_nobodys_pay():
    header = [line(t, x, 100, 80) for t, x in (("序号", 20), ("姓名", 120), ("税前工资", 240), ("实领工资", 360))]
    person = [line(t, x, 160, 80) for t, x in (("1", 20), ("蒋斌桂", 120), ("25180.11", 240), ("18615.69", 360))]
    total = [line(t, x, 220, 80) for t, x in (("合计", 20), ("194471.69", 240), ("153568.32", 360))]
    got = values(parse_income(pages([line("工资明细表", 150, 40, 150), *header, *person, *total])))
    assert (got["name"], got["monthly_income"], got["net_pay"]) == ("蒋斌桂", 25180.11, 18615.69)


def test_voucher_box_grid_reads_in_fen_and_words_stand_in_for_unread_digits():
    grid = rows("收入证明", "兹证明黄英敏系我单位员工。", "月收入人民币(大写) 捌仟陆佰元正", "十万 万 仟 佰 拾 元 角 分",
                "小写 ￥ 8 6 0 0 0 0", "单位名称（盖章）：西安秦川电子科技股份有限公司", "开具日期：2026年9月25日")
    parsed = parse_income(pages(grid))
    assert parsed.fields["monthly_income"].value == 8600.0
    unread = [ln for ln in grid if not ln.text.startswith(("十万", "小写"))]
    assert parse_income(pages(unread)).fields["monthly_income"].value == 8600.0
    handwritten = [line("月收入人民币（大写）壹万贰仟参佰伍拾圆整", 100, 160) if "大写" in ln.text else ln for ln in unread]
    assert parse_income(pages(handwritten)).fields["monthly_income"].value == 12350.0


def test_shop_letter_names_its_shop_and_dates_after_a_phone_number():
    got = values(parse_income(pages(rows(
        "工资收入证明", "兹证明苏静志（女，身份证号码：510107196604273980）自2019年1月起在我店（广州",
        "市白云区永兴服装店）工作，从事店长，每月工资7350元（大写：柒仟叁佰伍拾圆整）。", "特此证明！",
        "证明人：孙涛霞", "联系电话：19693261704", "2026.9.22"))))
    assert (got["employer"], got["monthly_income"], got["issue_date"]) == ("广州市白云区永兴服装店", 7350.0, "2026-09-22")


def test_online_bank_print_holder_greeted_and_dated_by_the_browser_header():
    page = [line("26/10/18 20:08", 20, 10, 120), line("中信银行个人网上银行", 500, 10, 200),
            line("您好，宋建博！", 900, 50, 140),
            *[line(t, x, 120, 90) for t, x in (("交易日期", 20), ("交易类型", 200), ("交易金额", 380), ("余额", 560),
                                                ("对方账户名称", 740))],
            *[line(t, x, 180, 150) for t, x in (("2026-09-10", 20), ("代发工资", 200), ("16,600.00", 380),
                                                 ("67,345.31", 560), ("成都锦城餐饮管理有限公司", 740))],
            *[line(t, x, 240, 150) for t, x in (("2026-09-12", 20), ("消费", 200), ("-593.92", 380),
                                                 ("66,751.39", 560), ("中国石化加油站", 740))]]
    got = values(parse_income(pages(page)))
    assert (got["document_kind"], got["name"], got["issue_date"], got["monthly_income"]) == \
        ("bank_statement", "宋建博", "2026-10-18", 16600.0)


def test_foreign_bank_statement_english_dates_and_romanised_holder():
    head = [line("Statement of Account", 700, 20, 250), line("账户结单·交易明细", 800, 50, 200),
            line("ZHOU ZIHAN 周梓涵", 70, 100, 190), line("Statement Date 结单日期", 550, 100, 190),
            line("240CT26", 960, 100, 80)]
    header = [line(t, x, 200, 70) for t, x in (("日期", 70), ("交易摘要", 220), ("存入", 690), ("支取", 840), ("结余", 1010))]
    body = []
    for i, (date, amount, balance) in enumerate((("26JUL26", "24,700.00", "64,108.49"),
                                                  ("25 Aug 2026", "24,500.00", "88,608.49"))):
        y = 260 + 60 * i
        body += [line(date, 70, y, 110), line("PAYROLL 代发", 220, y, 120), line(amount, 650, y, 90),
                 line(balance, 960, y, 90)]
    got = values(parse_income(pages([*head, *header, *body])))
    assert (got["name"], got["issue_date"], got["monthly_income"]) == ("周梓涵", "2026-10-24", 24600.0)


def test_row_repeated_at_the_top_of_the_next_page_counts_once():
    def page(rows_):
        header = [line(t, x, 100, 80) for t, x in (("交易日期", 20), ("收入金额", 200), ("支出金额", 380), ("账户余额", 560),
                                                    ("交易摘要", 740))]
        body = [line(t, x, 160 + 60 * i, 120) for i, r in enumerate(rows_) for t, x in zip(r, (20, 200, 560, 740))]
        return [line("个人账户交易明细", 300, 20, 200), *header, *body]
    first = [("2026-08-19", "26400.00", "113182.33", "薪资"), ("2026-09-19", "26400.00", "139582.33", "薪资")]
    second = [("2026-09-19", "26400.00", "139582.33", "薪资"), ("2026-10-19", "26400.00", "165982.33", "薪资")]
    parsed = parse_income(pages(page(first), page(second)))
    assert [c["date"] for c in parsed.salary_credits] == ["2026-08-19", "2026-09-19", "2026-10-19"]


def test_reimbursement_from_the_employer_is_not_salary():
    header = [line(t, x, 100, 80) for t, x in (("交易日期", 20), ("交易金额", 200), ("账户余额", 380), ("对方户名", 560),
                                                ("附言", 900))]
    data = [("2026/8/7", "1,610.40", "64,972.51", "深圳蓝海智能设备有限公司", "差旅报销"),
            ("2026/8/25", "14,192.00", "78,503.27", "深圳蓝海智能设备有限公司", "工资"),
            ("2026/9/24", "13,842.00", "88,259.11", "深圳蓝海智能设备有限公司", "工资"),
            ("2026/9/27", "1,300.00", "89,559.11", "深圳蓝海智能设备有限公司", "补发工资"),
            ("2026/9/29", "-4,344.00", "85,215.11", "交通银行", "")]
    body = [line(t, x, 160 + 60 * i, 150) for i, r in enumerate(data) for t, x in zip(r, (20, 200, 380, 560, 900)) if t]
    parsed = parse_income(pages([line("账户交易明细", 300, 20, 200), *header, *body]))
    assert [(c["date"], c["amount"]) for c in parsed.salary_credits if c["kind"] == "salary"] == \
        [("2026-08-25", 14192.0), ("2026-09-24", 13842.0), ("2026-09-27", 1300.0)]
    assert parsed.fields["monthly_income"].value == 14667.0


def test_white_text_on_a_red_banner_survives_the_red_dropout():
    from verify_service.pipeline.documents.income.reader import drop_red
    page = np.full((600, 400, 3), 250, np.uint8)
    page[:150] = (36, 30, 200)  # an app's red banner (BGR) with white text on it
    cv2.putText(page, "NAME", (40, 90), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 5)
    cv2.circle(page, (200, 400), 80, (40, 36, 214), 6)  # a seal's ring: dropped out as before
    grey = drop_red(page)[:, :, 0]
    assert grey[20:40, 300:380].mean() < 120  # the banner stays dark around its white text
    assert grey[395:405, 117:123].min() > 180  # the seal's ring is gone


def test_seal_rim_text_fixes_the_legal_form():
    from verify_service.pipeline.documents.income.reader import seal_rim_fixes
    assert seal_rim_fixes("重庆山城汽车零部件有网公司") == "重庆山城汽车零部件有限公司"
    assert seal_rim_fixes("大连北方海运股伤有限公司") == "大连北方海运股份有限公司"
    assert seal_rim_fixes("上海远航物流有公司") == "上海远航物流有限公司"


# --- readers generalised on the fourth round of unseen families ---------------------------------------------------


def test_a_letter_titled_income_certificate_is_one_though_it_says_its_pay_is_paid_monthly():
    got = values(parse_income(pages(rows(
        "苏州安信达劳务派遣有限公司", "收入证明", "兹证明罗芳杰（女，身份证号码：430104198310196561）系我公司员工，",
        "该员工工资由我公司按月发放，月应发工资（税前）为￥38,800.00（大写：叁万捌仟捌佰元正），",
        "扣除个人所得税后，月实发工资约31,820.00元。", "用工单位 杭州青禾网络科技有限公司", "特此证明。",
        "劳务派遣单位（盖章）：苏州安信达劳务派遣有限公司", "日期：2026年9月9日"))))
    assert (got["document_kind"], got["name"], got["employer"], got["monthly_income"], got["issue_date"]) == \
        ("income_certificate", "罗芳杰", "苏州安信达劳务派遣有限公司", 38800.0, "2026-09-09")


def test_two_prose_columns_are_read_column_by_column():
    left = ["兹证明梁敏琪（男，身份证号码：", "440106197111109250）自2025年7月起在", "我公司工作，现任财务部会计主管。",
            "其税前月薪为人民币16000.00元（大写：壹", "万陆仟元整），年收入约人民币208000元。", "特此证明。单位盖章：北京博远恒信"]
    right = ["This is to certify that Mr. LIANG MINQI", "has been working for our company since",
             "July 2025 and is currently Accounting", "Supervisor. His monthly salary before tax",
             "is RMB 16,000.00 and his annual income is", "about RMB 208,000. Yours faithfully,"]
    lines = [line("北京博远恒信文化传播有限公司", 300, 20, 420), line("在职收入证明", 150, 80, 180)]
    for i, (a, b) in enumerate(zip(left, right)):
        lines += [line(a, 60, 140 + 32 * i, 400, 24), line(b, 480, 146 + 32 * i, 400, 24)]
    parsed = parse_income(pages(lines))
    assert parsed.amount_words.value == "壹万陆仟元整" and parsed.fields["monthly_income"].value == 16000.0
    assert statuses(income_checks(parsed, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "pass"


def test_table_form_certificate_reads_its_amount_cell_and_no_id_number_is_an_amount():
    got = values(parse_income(pages([
        line("天津市城南中学", 400, 20, 300), line("教职工收入证明", 440, 70, 240),
        *[line(t, x, 130, 90) for t, x in (("姓名", 130), ("性别", 290), ("所在部门", 750))],
        *[line(t, x, 180, 90) for t, x in (("曹子", 145), ("女", 312), ("总务处", 763))],
        line("身份证号码", 270, 230, 120), line("440106199010062384", 216, 280, 230),
        line("每月工资收入（元）", 440, 330, 220),
        *[line(t, x, 380, 100) for t, x in (("岗位工资", 125), ("薪级工资", 280), ("月应发合计", 743), ("实发工资", 911))],
        *[line(t, x, 430, 100) for t, x in (("1800.00", 130), ("413.00", 290), ("10,363.00", 748), ("7,935.89", 913))],
        line("月应发合计(大写）", 150, 480, 190), line("人民币壹万零叁佰陆拾叁元正", 578, 480, 290),
        line("2026年10月22日", 836, 560, 170)])))
    assert (got["name"], got["id_number"], got["monthly_income"], got["issue_date"]) == \
        ("曹子", "440106199010062384", 10363.0, "2026-10-22")


def test_amount_read_from_its_words_is_no_check_of_the_words():
    parsed = parse_income(pages(rows("收入证明", "兹证明黄英敏系我单位员工。", "月收入人民币（大写）捌仟陆佰元正",
                                     "小写", "单位名称（盖章）：西安秦川电子科技股份有限公司", "开具日期：2026年9月25日")))
    monthly = parsed.fields["monthly_income"]
    assert (monthly.value, monthly.to_dict()["source"]) == (8600.0, "words")
    assert statuses(income_checks(parsed, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "unknown"


def test_stacked_slips_of_several_months_read_the_latest_wherever_it_lies():
    def slip(y, month, gross, paid):
        return [line("西安秦川电子科技股份有限公司", 400, y, 340), line(f"{month}工资条", 470, y + 40, 200),
                line("姓名：周英", 100, y + 80, 110),
                *[line(t, x, y + 130, 90) for t, x in (("基本工资", 120), ("工资总额", 470), ("实领工资", 940))],
                *[line(t, x, y + 175, 95) for t, x in (("10,100.00", 112), (gross, 466), ("9,000.00", 945))],
                line(f"发放日期：{paid}", 95, y + 220, 210)]
    got = values(parse_income(pages([*slip(100, "2026年08月", "11,900.00", "2026.09.05"),
                                     *slip(500, "2026年09月", "13,750.00", "2026.10.05"),
                                     *slip(900, "2026年07月", "13,490.41", "2026.08.05")])))
    assert (got["name"], got["monthly_income"], got["pay_month"], got["issue_date"]) == \
        ("周英", 13750.0, "2026-09", "2026-10-05")


def test_header_labels_set_on_two_lines_are_one_label_each():
    top = [line(t, x, 100, 48, 20) for t, x in (("月份", 190), ("姓名", 350), ("基本", 440), ("应发", 778),
                                               ("养老", 875), ("实领", 1393), ("发放", 1480))]
    bottom = [line(t, x, 122, 48, 20) for t, x in (("工资", 440), ("工资", 780), ("保险", 875), ("工资", 1395),
                                                  ("日期", 1480))]
    values_row = [line(t, x, 160, 85, 20) for t, x in (("202610", 180), ("周杰欣", 338), ("24,700.00", 430),
                                                      ("31,150.00", 758), ("2,376.00", 863), ("22,456.80", 1365),
                                                      ("2026/10/05", 1470))]
    got = values(parse_income(pages([line("工资条", 700, 40, 90), *top, *bottom, *values_row])))
    assert (got["name"], got["monthly_income"], got["net_pay"], got["issue_date"]) == \
        ("周杰欣", 31150.0, 22456.8, "2026-10-05")


def test_salary_receipts_are_read_as_credits():
    def receipt(y, words, amount, date, what):
        return [line("中国建设银行", 60, y, 140), line("代发业务电子回单", 380, y, 170),
                line("户名", 120, y + 40, 50), line("成都锦城餐饮管理有限公司", 195, y + 40, 230),
                line("户名", 520, y + 40, 50), line("田轩", 590, y + 40, 50),
                line("金额", 100, y + 90, 50), line(f"人民币（大写）：{words}", 195, y + 90, 270),
                line(amount, 640, y + 90, 110),
                line("摘要", 100, y + 120, 50), line(what, 195, y + 120, 50), line("用途", 520, y + 120, 50),
                line(what, 590, y + 120, 50), line("记账日期", 510, y + 150, 80), line(date, 590, y + 150, 110),
                line("打印日期：2026-10-11", 60, y + 200, 200)]
    got = parse_income(pages([*receipt(60, "贰万肆仟玖佰贰拾元整", "¥24,920.00", "2026-07-22", "工资"),
                              *receipt(340, "贰万伍仟肆佰贰拾元整", "¥25,420.00", "2026-08-20", "工资"),
                              *receipt(620, "伍佰元整", "¥500.00", "2026-08-25", "报销")]))
    assert got.kind == "bank_statement" and got.fields["issue_date"].value == "2026-10-11"
    assert got.fields["monthly_income"].value == 25170.0


def test_a_solid_red_disc_or_a_red_banner_beside_a_round_button_is_no_seal():
    disc = np.full((800, 700, 3), 250, np.uint8)
    cv2.circle(disc, (400, 450), 120, (40, 36, 214), -1)  # an app's round red badge, filled
    banner = np.full((1600, 740, 3), 245, np.uint8)
    banner[:420] = (36, 30, 200)  # an app's red header
    cv2.rectangle(banner, (30, 440), (170, 490), (36, 30, 200), -1)  # and its red tab button under it
    assert find_seals(disc) == [] and find_seals(banner) == []
    assert find_seals(seal_image())  # a seal's ring, text and star still are one


def test_amounts_marked_cr_or_dr_and_a_payment_apps_flag_column():
    head = [line(t, x, 100, 80) for t, x in (("交易日期", 60), ("摘要", 200), ("对方户名", 330), ("交易金额", 560),
                                            ("账户余额", 700))]
    body = [line(t, x, y, w) for y, cells in (
        (150, (("20261010", 60, 90), ("代发工资", 200, 80), ("星河科技有限公司", 330, 160), ("11,110.00 CR", 540, 110),
               ("99,457.30 CR", 680, 110))),
        (190, (("20261007", 60, 90), ("网上支付", 200, 80), ("京东商城", 330, 80), ("475.53 DR", 550, 90),
               ("88,347.30 CR", 680, 110))),
        (230, (("20260910", 60, 90), ("代发工资", 200, 80), ("星河科技有限公司", 330, 160), ("10,910.00 CR", 540, 110),
               ("88,822.83 CR", 680, 110)))) for t, x, w in cells]
    got = parse_income(pages([line("个人账户交易明细", 300, 40, 200), line("户名：李霞", 60, 70, 120), *head, *body]))
    assert got.kind == "bank_statement" and got.fields["monthly_income"].value == 11010.0
    # a payment app: 收/支 says the direction, 不计收支 and 其他 are neither; 交易时间 holds the date
    head = [line(t, x, 100, 80) for t, x in (("交易时间", 60), ("交易类型", 260), ("收/支/其他", 380), ("交易方式", 500),
                                            ("金额(元)", 620), ("交易对方", 740))]
    body = [line(t, x, y, w) for y, cells in (
        (150, (("2026-08-10 11:40:55", 40, 170), ("商家转账", 260, 80), ("收入", 400, 40), ("/", 520, 10),
               ("11620.00", 620, 80), ("大连北方海运股份有限公司", 740, 220))),
        (190, (("2026-08-13 08:37:15", 40, 170), ("零钱提现", 260, 80), ("其他", 400, 40), ("零钱", 520, 40),
               ("9600.00", 620, 80), ("招商银行储蓄卡(8635)", 740, 180))),
        (230, (("2026-09-11 09:24:21", 40, 170), ("商家转账", 260, 80), ("收入", 400, 40), ("/", 520, 10),
               ("11500.00", 620, 80), ("大连北方海运股份有限公司", 740, 220)))) for t, x, w in cells]
    got = parse_income(pages([line("微信支付交易明细证明", 300, 20, 300),
                              line("兹证明：余雅兰（居民身份证：510107197502266995）在其微信号中的交易明细信息如下：", 40, 60, 900),
                              *head, *body]))
    assert (got.fields["name"].value, got.fields["monthly_income"].value) == ("余雅兰", 11560.0)


def test_a_column_whose_header_was_lost_is_not_the_last_columns_text():
    head = [line(t, x, 100, 75) for t, x in (("交易日期", 90), ("交易摘要", 215), ("存入", 360), ("支出", 480),
                                            ("余额", 600), ("对方户名", 776))]
    body = [line("2026-08-17", 70, 150, 97), line("转账存入", 217, 150, 78), line("18,600.00", 355, 150, 86),
            line("123,606.04", 594, 150, 95), line("沈阳盛京机械制造有限公司", 700, 150, 200), line("工资发放", 939, 150, 76),
            line("2026-08-20", 70, 190, 97), line("消费", 217, 190, 40), line("851.09", 495, 190, 60),
            line("122,754.95", 594, 190, 95), line("拼多多", 700, 190, 60)]
    got = parse_income(pages([line("借记卡电子对账单", 400, 30, 200), line("户名：高欣晨", 60, 60, 150), *head, *body]))
    # one month shown, one credit: the 工资发放 of the headerless column names it salary
    assert got.fields["monthly_income"].value == 18600.0


def test_a_one_month_page_with_one_paying_organisation():
    head = [line(t, x, 100, 75) for t, x in (("交易日期", 90), ("交易摘要", 215), ("存入", 360), ("支出", 480),
                                            ("余额", 600), ("对方户名", 776))]
    body = [line("2026.09.28", 70, 150, 97), line("转账存入", 217, 150, 78), line("17,045.50", 355, 150, 86),
            line("103,772.66", 594, 150, 95), line("广州南粤建设工程有限公司", 776, 150, 200),
            line("2026.09.21", 70, 190, 97), line("结息", 217, 190, 40), line("16.90", 385, 190, 50),
            line("86,727.16", 594, 190, 95)]
    got = parse_income(pages([line("借记卡电子对账单", 400, 30, 200), line("户名：高欣晨", 60, 60, 150), *head, *body]))
    assert got.fields["monthly_income"].value == 17045.5


def test_a_village_committee_letter_states_the_persons_own_yearly_net_income_and_no_employer():
    letter = [line("证明", 480, 230, 160),
              line("兹证明徐超艳，女，身份证号：420106196910167061，系我村第4村民", 150, 345, 880),
              line("小组村民，家住四川省南部县梅林镇枫树村4组5号。", 90, 400, 640),
              line("该村民常年从事肉牛养殖，家庭年收入约12.3万元，其中本人年纯收入约", 150, 456, 880),
              line("8.1万元。", 90, 513, 110), line("特此证明。", 150, 625, 130),
              line("负责人：", 90, 888, 100), line("梅林镇枫树村村民委员会", 726, 888, 315),
              line("联系电话：17866422052", 90, 938, 280), line("2026年10月14日", 775, 938, 210)]
    got = values(parse_income(pages(letter)))
    assert (got["name"], got["employer"], got["monthly_income"], got["issue_date"]) == \
        ("徐超艳", None, 6750.0, "2026-10-14")


def test_an_attached_licence_copy_is_not_the_letter():
    letter = [line("收入证明", 560, 220, 230), line("经核实，我公司员工的在职及收入情况如下:", 290, 320, 500),
              line("姓☑名:", 290, 380, 120), line("吴远", 505, 380, 60), line("月收入（税前）：人民币34,600.00元", 300, 430, 440),
              line("大写金额:", 300, 480, 120), line("叁万肆仟陆佰元正", 510, 480, 210), line("特此证明。", 300, 530, 120),
              line("天津瑞丰化工股份有限公司", 700, 700, 330), line("2026年10月30日", 760, 750, 210)]
    licence = [line("营业执照", 500, 200, 200), line("名称", 200, 300, 60), line("国家企业信用信息公示系统", 600, 300, 300),
               line("注册资本 壹仟万元整", 200, 350, 300), line("成立日期 2019年06月20日", 200, 400, 300),
               line("登记机关", 700, 800, 120), line("国家市场监督管理总局", 700, 850, 280), line("2024年07月18日", 700, 900, 200)]
    parsed = parse_income(pages(letter, licence))
    got = values(parsed)
    assert (got["name"], got["employer"], got["monthly_income"], got["issue_date"]) == \
        ("吴远", "天津瑞丰化工股份有限公司", 34600.0, "2026-10-30")
    assert parsed.amount_words.value == "叁万肆仟陆佰元正"


def test_a_single_payslip_is_dated_by_its_pay_date_never_by_its_print_date():
    top = [line("昆明市五华区财政局 工资统发系统", 45, 49, 270), line("打印日期：2026.10.08", 1024, 49, 176),
           line("工资发放明细单", 520, 98, 200), line("预算单位：913330昆明市五华区实验小学", 45, 148, 400),
           line("姓", 732, 183, 30), line("名：郭思宇", 798, 183, 116)]
    items = [line("岗位工资", 50, 353, 97), line("1480.00", 337, 353, 87), line("应发工资", 434, 445, 94),
             line("6880.50", 717, 445, 88)]
    slip = [*top, *items]
    got = values(parse_income(pages([*slip, line("入卡日期：20260918", 44, 730, 190)])))
    assert (got["name"], got["employer"], got["monthly_income"], got["issue_date"]) == \
        ("郭思宇", "昆明市五华区实验小学", 6880.5, "2026-09-18")
    assert values(parse_income(pages(slip)))["issue_date"] is None


def test_compact_dates_and_words_checked_against_the_income_read_in_digits():
    from verify_service.pipeline.documents.income.text import as_single_date
    assert (as_single_date("20260918"), as_single_date("2026.1025"), as_single_date("2026-09")) == \
        ("2026-09-18", "2026-10-25", None)
    # a form prints other amounts between the income and its 大写 line: the words agree with the income
    form = [line("住房公积金贷款收入证明", 360, 160, 400), line("兹证明下列职工在我单位工作，其基本情况及收入情况如下：", 110, 200, 540),
            line("姓名", 200, 250, 60), line("徐艳斌", 350, 250, 80), line("工作单位", 200, 300, 90),
            line("宁波东港国际贸易有限公司", 357, 300, 240), line("月工资收入(税前)", 150, 350, 170),
            line("¥48,300.00", 355, 350, 110), line("其中：基本工资", 167, 400, 150), line("33,810.00", 357, 400, 100),
            line("津贴及绩效", 670, 400, 110), line("14,490.00", 818, 400, 100), line("大写金额", 197, 450, 90),
            line("人民币肆万捌仟叁佰元正", 357, 450, 220), line("2026-08-31", 919, 600, 106)]
    parsed = parse_income(pages(form))
    assert parsed.fields["monthly_income"].value == 48300.0
    assert statuses(income_checks(parsed, None, TODAY, 90, None, None))["AMOUNT_WORDS_MATCH"] == "pass"
    assert as_company("623798 长沙市雨花区第二中学") == "长沙市雨花区第二中学"


def test_a_document_whose_words_do_not_settle_its_kind_is_read_as_each_contender():
    # a lender's verification form: its only strong word is a payslip's (工资发放方式), yet it reads as a certificate
    form = [line("青禾网络小额贷款有限公司", 60, 80, 300), line("借款人工作及收入核实函", 400, 200, 300),
            line("我司客户郭静刚（身份证号码：370202******4246）向我司申请个人经营性贷款，", 60, 300, 900),
            line("5.该客户月收入：税前35,300.00元；税后29652元", 60, 400, 600),
            line("6. 工资发放方式：银行代发 现金 其他", 60, 450, 500),
            line("回函单位（盖章）：", 60, 600, 200), line("青岛海悦食品有限公司", 300, 600, 260),
            line("回函日期：2026年10月5日", 60, 650, 300)]
    got = values(parse_income(pages(form)))
    assert (got["document_kind"], got["name"], got["employer"], got["monthly_income"], got["issue_date"]) == \
        ("income_certificate", "郭静刚", "青岛海悦食品有限公司", 35300.0, "2026-10-05")
    # a labour contract: the employer is 甲方（用人单位）, the pay is the one after probation
    contract = [line("劳动合同", 480, 190, 140), line("甲方(用人单位):上海远航物流有限公司", 60, 270, 500),
                line("乙方(劳动者):陈洋华性别:女", 60, 430, 400),
                line("第六条 乙方试用期间月工资为人民币10,540.00元;试用期满后，乙方月工资(税前)为", 60, 1150, 1000),
                line("人民币12,400.00元（大写：壹万贰仟肆佰元整），其中基本工资9,300.00元。", 60, 1190, 1000),
                line("签订日期：2025年3月29日", 60, 1300, 300)]
    got = values(parse_income(pages(contract)))
    assert (got["document_kind"], got["name"], got["employer"], got["monthly_income"], got["issue_date"]) == \
        ("income_certificate", "陈洋华", "上海远航物流有限公司", 12400.0, "2025-03-29")
    assert parse_income(pages([line("会议纪要", 400, 100, 200), line("参会人员：张三", 60, 200, 300)])).kind == "unknown"


def test_a_bilingual_payslip_with_wage_type_codes_and_day_first_dates():
    slip = [line("诺尔特食品（广州）有限公司", 130, 100, 360), line("薪资单", 919, 100, 82),
            line("姓名 Name", 544, 200, 90), line("：郑兰怡", 698, 200, 83),
            line("付款日期 Pay Date", 128, 280, 158), line(":15.09.2026", 295, 280, 122),
            line("/101", 126, 500, 49), line("应发合计 Total Gross", 195, 500, 189), line("16,748.28", 907, 500, 91),
            line("/401", 128, 530, 45), line("个人所得税 Individual Income Tax", 193, 530, 295), line("607.08-", 934, 530, 69)]
    got = values(parse_income(pages(slip)))
    assert (got["name"], got["monthly_income"], got["issue_date"]) == ("郑兰怡", 16748.28, "2026-09-15")


def test_amounts_written_one_digit_per_box_under_place_units():
    units = [line(u, x, 325, 30) for u, x in (("项目", 144), ("万", 334), ("干", 388), ("百", 444), ("十", 497),
                                              ("元", 548), ("角", 606), ("分", 656), ("备注", 991))]
    gross = [line("应发合计", 142, 598, 105), *(line(d, x, 598, 25) for d, x in (("夫", 331), ("4", 386), ("2", 444),
                                                                            ("5", 495), ("5", 548), ("0", 605),
                                                                            ("0", 658)))]
    slip = [line("工资单", 584, 78, 285), line("单位:长沙市雨花区万家乐川菜馆", 69, 158, 493),
            line("2026年9月8日", 1052, 158, 342), line("姓名:", 69, 223, 76), line("许芳欣", 164, 223, 117), *units, *gross]
    got = values(parse_income(pages(slip)))
    assert (got["document_kind"], got["monthly_income"], got["issue_date"]) == ("payslip", 4255.0, "2026-09-08")
    # a screen's clock is no date written on the slip
    screen = [line("工资条(2026.09)", 60, 400, 200), line("应发合计", 60, 500, 100), line("25,800.00", 200, 500, 100),
              line("18:06", 1300, 960, 50), line("2026/10/31", 1280, 985, 100)]
    assert values(parse_income(pages(screen)))["issue_date"] is None


def test_a_site_wage_sheet_names_the_labour_subcontractor_not_the_general_contractor():
    sheet = [line("建筑工人工资支付确认表", 60, 85, 300), line("总承包单位", 60, 206, 110), line("衡基建设工程集团有限公司", 200, 206, 250),
             line("劳务分包单位", 480, 206, 120), line("(用工单位)", 610, 206, 100), line("昆明华工劳务有限公司", 720, 206, 220),
             line("应发工资", 60, 400, 90), line("7,800.00", 200, 400, 90), line("发放日期", 60, 450, 90),
             line("2026-10-25", 200, 450, 110)]
    assert values(parse_income(pages(sheet)))["employer"] == "昆明华工劳务有限公司"


def test_a_statement_printed_as_two_panels_side_by_side():
    head = [line(t, x, 244, 70) for t, x in (("交易日期", 74), ("摘要", 224), ("交易金额", 345), ("余额", 476),
                                            ("交易日期", 594), ("摘要", 744), ("交易金额", 865), ("余额", 996))]
    body = []
    for y, left, right in ((276, ("20260305", "薪资", "28,000.00", "99,178.50"), ("20260605", "薪资", "28,120.00", "153,555.05")),
                           (306, ("20260314", "网上支付", "-475.23", "98,703.27"), ("20260606", "POS消费", "-402.47", "153,152.58")),
                           (336, ("20260405", "薪资", "28,000.00", "126,703.27"), ("20260705", "薪资", "27,800.00", "180,952.58"))):
        body += [line(t, x, y, 80) for t, x in zip(left, (59, 170, 355, 470))]
        body += [line(t, x, y, 80) for t, x in zip(right, (579, 690, 877, 985))]
    got = parse_income(pages([line("活期账户交易明细（精简版）", 760, 83, 300), line("户名：魏国轩", 49, 137, 113), *head, *body]))
    assert got.fields["monthly_income"].value == 27980.0  # 28,000 in March and April, 28,120 and 27,800 after


def test_an_app_list_grouped_under_day_headings_and_cells_run_together():
    rows_ = [line("收支明细", 300, 200, 120), line("户名：李晨宇", 60, 380, 150), line("2026年10月", 60, 520, 130),
             line("10月11日 星期日", 60, 574, 180), line("转", 60, 631, 30), line("福州闽江纺织有限公司", 120, 631, 250),
             line("+15,200.00", 800, 631, 120), line("14:37 汇入工资", 120, 661, 150), line("余额95,173.98", 700, 661, 200),
             line("2026年9月", 60, 720, 130), line("9月8日 星期二", 60, 770, 160), line("转", 60, 830, 30),
             line("福州闽江纺织有限公司", 120, 830, 250), line("+15,100.00", 800, 830, 120),
             line("10:47 汇入工资", 120, 860, 150), line("余额79,973.98", 700, 860, 200)]
    assert parse_income(pages(rows_)).fields["monthly_income"].value == 15150.0
    # an amount and the payer's name the detector read as one box (23143.00杭州青禾…), a payer's account column
    head = [line(t, x, 363, 75) for t, x in (("入账日期", 131), ("入账金额", 327), ("付款方户名", 507), ("付款方账号", 735),
                                            ("摘要", 902))]
    body = [line("2026-07-27", 116, 846, 83), line("23143.00杭州青禾网络科技有限公司", 340, 846, 269),
            line("60518564853594932015薪资", 683, 846, 236),
            line("2026-08-26", 114, 967, 88), line("22593.00", 342, 967, 74), line("杭州青禾网络科技有限公司", 417, 967, 191),
            line("60518564853594932015", 683, 967, 175), line("薪资", 877, 967, 39)]
    got = parse_income(pages([line("账户收入明细查询结果", 848, 82, 226), line("户名：郑兰国", 576, 180, 116), *head, *body]))
    assert got.fields["monthly_income"].value == 22868.0
