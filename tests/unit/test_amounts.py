"""The Chinese amount parser (大写金额): every rule, garbage, and round trips over many values."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify_service.pipeline.common.amounts import parse_digits, parse_words, to_words

KNOWN = [
    ("壹万贰仟伍佰元整", "12500.00"),
    ("人民币壹万贰仟元整", "12000.00"),
    ("壹万贰仟元正", "12000.00"),          # 正 for 整
    ("壹万贰仟圆整", "12000.00"),          # 圆 for 元
    ("壹拾元整", "10.00"),
    ("拾元整", "10.00"),                   # 拾 alone at the start means 壹拾
    ("拾伍元整", "15.00"),
    ("贰仟零伍元整", "2005.00"),           # 零 inside a group
    ("壹仟零壹拾元整", "1010.00"),
    ("壹万零伍元伍角", "10005.50"),        # 零 across the 万 boundary
    ("壹万零伍元伍角整", "10005.50"),
    ("壹拾万零贰佰元整", "100200.00"),
    ("壹佰万元整", "1000000.00"),
    ("壹仟万零壹元整", "10000001.00"),
    ("壹亿元整", "100000000.00"),          # 亿
    ("壹亿零伍佰万元整", "105000000.00"),
    ("壹亿零壹元整", "100000001.00"),
    ("壹仟亿零壹元整", "100000000001.00"),
    ("贰万亿元整", "2000000000000.00"),
    ("壹元零伍分", "1.05"),               # 零 before 分
    ("壹元伍角", "1.50"),
    ("壹元伍角陆分", "1.56"),
    ("伍角整", "0.50"),                    # under one yuan
    ("伍分", "0.05"),
    ("零元整", "0.00"),
]


@pytest.mark.parametrize("words, value", KNOWN)
def test_known_amounts(words, value):
    assert parse_words(words) == Decimal(value)


@pytest.mark.parametrize("words", [
    "", "abc", "12000", "元整", "整", "壹贰元整",      # two digits in a row
    "贰仟伍元整",                                      # ambiguous: spoken it means 2500
    "壹万万元整", "壹亿亿元整",                        # a big unit twice
    "佰元整", "仟元整",                                # a unit with no digit
    "壹佰壹仟元整",                                    # units must fall
    "壹零零元整", "壹万零零伍元整",                    # 零零
    "壹仟零元整",                                      # 零 at the end of the number
    "壹元整伍角", "壹元伍角分", "壹元零伍角",          # 整 before the end; 分 with no digit; 零 before 角
    "壹元元整", "壹万贰仟元整整",
    "壹万贰仟", "零万元整",
])
def test_garbage_is_none(words):
    assert parse_words(words) is None


@pytest.mark.parametrize("value, words", [(0, "零元整"), (10, "壹拾元整"), (12500, "壹万贰仟伍佰元整"),
                                          (2005, "贰仟零伍元整"), (100200, "壹拾万零贰佰元整"),
                                          (10000001, "壹仟万零壹元整"), (1.05, "壹元零伍分"),
                                          (0.5, "伍角整"), (105000000, "壹亿零伍佰万元整")])
def test_to_words(value, words):
    assert to_words(value) == words


@settings(max_examples=3000, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_round_trip_cents(cents):
    value = Decimal(cents) / 100
    assert parse_words(to_words(value)) == value


@settings(max_examples=1000, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_round_trip_whole_yuan(yuan):
    assert parse_words(to_words(yuan)) == Decimal(yuan)


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet="零壹贰叁肆伍陆柒捌玖拾佰仟万亿元圆角分整正人民币", max_size=20))
def test_random_words_never_crash_and_parse_only_to_what_they_say(text):
    value = parse_words(text)
    if value is not None:
        # Whatever parses must survive a trip back through the writer.
        assert parse_words(to_words(value)) == value


@pytest.mark.parametrize("text, value", [("人民币12,000.00元", "12000.00"), ("12000元", "12000.00"),
                                         ("月收入12，000.00元", "12000.00"), ("5.5", "5.50"), ("无", None)])
def test_digits(text, value):
    assert parse_digits(text) == (None if value is None else Decimal(value))


def test_to_words_rejects_negative_and_huge():
    with pytest.raises(ValueError):
        to_words(-1)
    with pytest.raises(ValueError):
        to_words(10**16)
