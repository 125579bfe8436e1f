"""Tables and key-value pairs from OCR geometry (pipeline/common/table.py), on lines as the OCR returns them."""

import re

from tests.fakes import line
from verify_service.pipeline.common.layout import read_rows
from verify_service.pipeline.common.table import join_wrapped, label_value, read_table
from verify_service.pipeline.documents.income.text import as_amount, as_company, as_date, as_person

VOCAB = {"date": ("交易日期", "日期"), "desc": ("摘要",), "credit": ("收入", "收入金额"), "debit": ("支出", "支出金额"),
         "balance": ("余额",), "counterparty": ("对方户名",)}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def cell(text, x, y, w=None):
    return line(text, x, y, w if w is not None else 24 * len(text), 24)


def header(y=100):
    return [cell("交易日期", 50, y), cell("摘要", 250, y), cell("收入金额", 400, y), cell("支出金额", 550, y),
            cell("余额", 700, y), cell("对方户名", 850, y)]


def test_columns_come_from_the_header_and_wrapped_cells_stay_in_their_record():
    lines = [*header(), cell("2026-07-10", 50, 150, 120), cell("代发工资", 250, 150), cell("17,000.00", 420, 150, 110), cell("52,635.10", 700, 150, 110), cell("上海远航物流有限", 850, 140), cell("公司", 850, 165), cell("2026-07-18", 50, 200, 120), cell("消费", 250, 200), cell("267.00", 570, 200, 80), cell("52,368.10", 700, 200, 110)]
    table = read_table(read_rows(lines)[0], VOCAB, "date", DATE)
    assert [c.key for c in table.columns] == ["date", "desc", "credit", "debit", "balance", "counterparty"]
    first, second = table.records
    assert first.cells == {"date": "2026-07-10", "desc": "代发工资", "credit": "17,000.00", "balance": "52,635.10",
                           "counterparty": "上海远航物流有限公司"}
    assert second.cells == {"date": "2026-07-18", "desc": "消费", "debit": "267.00", "balance": "52,368.10"}


def test_a_repeated_header_and_a_footer_are_not_records():
    lines = [*header(), cell("2026-07-10", 50, 150, 120), cell("工资", 250, 150), cell("100.00", 420, 150, 80)]
    lines += [*header(y=200), cell("2026-08-10", 50, 250, 120), cell("工资", 250, 250), cell("200.00", 420, 250, 80)]
    lines += [cell("第1页 共1页", 400, 600)]
    table = read_table(read_rows(lines)[0], VOCAB, "date", DATE)
    assert [r.get("credit") for r in table.records] == ["100.00", "200.00"]


def test_a_page_without_a_header_continues_the_columns_it_is_given():
    page1 = read_table(read_rows([*header(), cell("2026-07-10", 50, 150, 120)])[0], VOCAB, "date", DATE)
    page2 = read_table(read_rows([cell("2026-08-10", 50, 50, 120), cell("12.00", 570, 50, 80)])[0], VOCAB, "date",
                       DATE, columns=page1.columns)
    assert page2.records[0].cells == {"date": "2026-08-10", "debit": "12.00"}


def test_headers_and_values_the_detector_merged_are_cut_apart():
    vocab = {"name": ("姓名",), "gross": ("应发工资",), "social": ("社保",), "net": ("实发工资",)}
    lines = [cell("姓名", 50, 100), cell("应发工资社保个人", 200, 100, 240), cell("实发工资", 500, 100),
             cell("沈磊明", 50, 150), cell("27450.002470.50", 200, 150, 240), cell("20137.60", 500, 150, 100)]
    table = read_table(read_rows(lines)[0], vocab, "name", re.compile("^[\u4e00-\u9fff]{2,4}$"))
    assert table.records[0].cells == {"name": "沈磊明", "gross": "27450.00", "social": "2470.50", "net": "20137.60"}


def test_one_merged_line_per_row_is_read_by_token_order():
    rows = read_rows([line("交易日期 摘要 收入 余额", 50, 100, 400), line("2026-07-10 代发工资 17,000.00 52,635.10", 50, 150, 520)])[0]
    table = read_table(rows, VOCAB, "date", DATE)
    assert table.records[0].cells == {"date": "2026-07-10", "desc": "代发工资", "credit": "17,000.00",
                                      "balance": "52,635.10"}


def test_a_value_after_its_label_in_the_next_cell_or_on_the_line_below():
    rows = read_rows([cell("单位名称（盖章）：", 600, 100), cell("合肥晨光新能源科技有限公司", 600, 140),
                      cell("姓名", 50, 300), cell("梁文", 150, 300), cell("工号", 260, 300), cell("HR81128", 340, 300),
                      cell("打印日期：2026/10/10", 50, 400), cell("对方户名", 50, 500), cell("国家电网", 50, 540)])[0]
    assert label_value(rows, ["单位名称"], as_company)[0] == "合肥晨光新能源科技有限公司"
    assert label_value(rows, ["姓名"], as_person)[0] == "梁文"
    assert label_value(rows, ["打印日期"], as_date)[0] == "2026-10-10"
    assert label_value(rows, ["户名"], as_person) is None  # 对方户名 is the counterparty's, never the holder's


def test_value_readers_refuse_what_is_not_their_kind():
    assert as_person("工号税前工资社保") is None and as_person("许嘉洋先生/女士") == "许嘉洋"
    assert as_person("梁文工号HR81128") == "梁文" and as_person("吕强系我单位员工") == "吕强"
    assert as_company("我单位保证以上内容") is None
    assert as_company("上海信诚会计师事务所(普通合伙)") == "上海信诚会计师事务所（普通合伙）"
    assert as_amount("¥56,900.00") == 56900.0 and as_amount("12000元") == 12000.0 and as_amount("HR76522") is None
    assert as_date("2026101013:39:11") == "2026-10-10" and as_date("2026年9月11日") == "2026-09-11"
    assert join_wrapped(["跨行汇入9月工", "资"]) == "跨行汇入9月工资" and join_wrapped(["6225", "7401"]) == "6225 7401"
