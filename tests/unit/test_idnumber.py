import datetime as dt

import pytest

from verify_service.pipeline.documents.cn_id_card import idnumber


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014", "330106198311020751"])
def test_known_valid_numbers_pass_the_checksum(number):
    assert idnumber.is_checksum_valid(number)
    assert idnumber.check_char(number[:17]) == number[17]


@pytest.mark.parametrize("number", ["110105194912310021", "440524188001010015", "11010519491231002", "1101051949123100XX"])
def test_wrong_check_character_or_shape_fails(number):
    assert not idnumber.is_checksum_valid(number)


@pytest.mark.parametrize("ocr_text, expected", [
    ("11010519491231002x", "11010519491231002X"),
    ("11010519491231002×", "11010519491231002X"),
    ("公民身份号码 1101O519491231002X", "11010519491231002X"),
    ("4405 2418 8001 0100 14", "440524188001010014"),
    ("４４０５２４１８８００１０１００１４", "440524188001010014"),
    ("no number here", None),
    ("12345", None),
])
def test_find_id_number_undoes_ocr_confusions(ocr_text, expected):
    assert idnumber.find_id_number(ocr_text) == expected


def test_find_prefers_the_window_whose_checksum_holds():
    # A stray digit before the number: the 18-character window starting one later is the valid one.
    assert idnumber.find_id_number("7440524188001010014") == "440524188001010014"


def test_birth_sex_province():
    assert idnumber.birth_date_of("11010519491231002X") == dt.date(1949, 12, 31)
    assert idnumber.birth_date_of("110105194913310021") is None
    assert idnumber.sex_of("11010519491231002X") == "女"
    assert idnumber.sex_of("440524188001010014") == "男"
    assert idnumber.province_of("440524188001010014") == "广东"
    assert idnumber.province_of("990524188001010014") is None


def test_mask_keeps_region_and_last_four_only():
    assert idnumber.mask("11010819900307001X") == "110108********001X"
    assert idnumber.mask(None) is None
