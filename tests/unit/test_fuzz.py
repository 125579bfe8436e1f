"""Property-based fuzzing of every parser: whatever text OCR produces, parsers return well-formed values or
None, and never raise."""

import contextlib
import datetime as dt
import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fakes import line
from verify_service.errors import InvalidParameter
from verify_service.pipeline.application import Application
from verify_service.pipeline.common.amounts import parse_digits, parse_words
from verify_service.pipeline.common.layout import read_rows
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.documents.cn_id_card.parse import parse_back, parse_front
from verify_service.pipeline.documents.income.reader import parse_income
from verify_service.pipeline.documents.income.text import PageText

OCR_ALPHABET = "0123456789Xx×OolI|-.年月日长期姓名性别男女民族汉出生住址公民身份号码签发机关有效期限公安局 :：,，元整"
ocr_text = st.text(alphabet=OCR_ALPHABET, max_size=40)


@settings(max_examples=500, deadline=None)
@given(ocr_text)
def test_id_number_finder(text):
    found = idnumber.find_id_number(text)
    assert found is None or re.fullmatch(r"\d{17}[\dX]", found)
    assert re.fullmatch(r"[0-9X]*", idnumber.normalise(text))


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 10**17 - 1))
def test_every_17_digits_get_a_check_character_that_validates(first17):
    digits = f"{first17:017d}"
    assert idnumber.is_checksum_valid(digits + idnumber.check_char(digits))
    wrong = next(c for c in "0123456789X" if c != idnumber.check_char(digits))
    assert not idnumber.is_checksum_valid(digits + wrong)


def _iso_or_none(value):
    if value is None:
        return True
    return value == "long_term" or dt.date.fromisoformat(value).isoformat() == value


@settings(max_examples=300, deadline=None)
@given(st.lists(ocr_text, max_size=8))
def test_card_parsers_never_raise(texts):
    rows, _ = read_rows([line(t, 20, 20 + 50 * i) for i, t in enumerate(texts) if t.strip()])
    front = parse_front(rows)
    back = parse_back(rows)
    assert _iso_or_none(front["birth_date"].value)
    assert _iso_or_none(back["valid_from"].value) and _iso_or_none(back["valid_until"].value)
    assert front["sex"].value in (None, "男", "女")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=OCR_ALPHABET + "收入证明兹系我单位月年大写壹贰叁仟佰拾万工资条应发实发交易明细余额代发+", max_size=40),
                max_size=8))
def test_income_parser_never_raises(texts):
    rows, _ = read_rows([line(t, 20, 20 + 50 * i) for i, t in enumerate(texts) if t.strip()])
    parsed = parse_income([PageText(1, rows)])
    assert parsed.kind in ("income_certificate", "payslip", "bank_statement", "unknown")
    income = parsed.fields["monthly_income"].value
    assert income is None or income >= 0


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_amount_parsers_take_any_text(text):
    words = parse_words(text)
    assert words is None or words >= 0
    parse_digits(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(json_values)
def test_application_parse_takes_any_json(value):
    for text in (json.dumps(value), json.dumps({"name": value}), json.dumps({"id_number": value}),
                 json.dumps({"monthly_income": value}), "[" * 10000 + "]" * 10000, '{"monthly_income": ' + "9" * 5000):
        with contextlib.suppress(InvalidParameter):
            Application.parse(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.sampled_from("0123456789X"),
       st.sampled_from(["", "\n", "\r\n", " ", "\u0663"]))
def test_id_number_format_is_the_whole_string(first17, last, suffix):
    assert bool(idnumber.ID_RE.match(first17 + last + suffix)) == (suffix == "")
    assert not idnumber.ID_RE.match("\u0663" + first17[1:] + last)  # an Arabic-Indic digit is not an ID digit
