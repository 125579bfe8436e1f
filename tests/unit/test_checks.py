import datetime as dt

import pytest

from verify_service.pipeline.documents.cn_id_card.checks import back_checks, front_checks
from verify_service.pipeline.types import MISSING, Field

TODAY = dt.date(2026, 11, 1)


def statuses(checks):
    return {c.code: c.status.value for c in checks}


def front(**values):
    base = {"name": "张三", "sex": "女", "ethnicity": "汉", "birth_date": "1949-12-31", "address": "北京市",
            "id_number": "11010519491231002X"}
    base.update(values)
    return {k: (MISSING if v is None else Field(v, 0.99)) for k, v in base.items()}


def test_consistent_front_passes_every_check():
    assert statuses(front_checks(front())) == {
        "ID_NUMBER_FORMAT": "pass", "ID_NUMBER_CHECKSUM": "pass", "ID_REGION_CODE": "pass",
        "BIRTH_DATE_MATCHES_ID": "pass", "SEX_MATCHES_ID": "pass"}


@pytest.mark.parametrize("changes, code, status", [
    ({"id_number": "110105194912310021"}, "ID_NUMBER_CHECKSUM", "fail"),
    ({"id_number": "99010519491231002X"}, "ID_REGION_CODE", "fail"),
    ({"birth_date": "1950-01-01"}, "BIRTH_DATE_MATCHES_ID", "fail"),
    ({"sex": "男"}, "SEX_MATCHES_ID", "fail"),
    ({"sex": None}, "SEX_MATCHES_ID", "unknown"),
    ({"birth_date": None}, "BIRTH_DATE_MATCHES_ID", "unknown"),
    ({"id_number": "1101051949"}, "ID_NUMBER_FORMAT", "fail"),
    ({"id_number": "1101051949"}, "ID_NUMBER_CHECKSUM", "unknown"),
])
def test_front_check_failures_and_unknowns(changes, code, status):
    assert statuses(front_checks(front(**changes)))[code] == status


def test_unread_number_makes_every_front_check_unknown_not_pass():
    assert set(statuses(front_checks(front(id_number=None))).values()) == {"unknown"}


def back(start, end):
    return {"issuing_authority": Field("北京市公安局", 1.0), "valid_from": Field(start, 1.0),
            "valid_until": Field(end, 1.0)}


@pytest.mark.parametrize("start, end, birth, rule, expired", [
    ("2015-03-07", "2035-03-07", None, "pass", "pass"),
    ("2015-03-07", "long_term", None, "pass", "pass"),
    ("2010-03-07", "2020-03-07", None, "pass", "fail"),
    ("2015-03-07", "2032-03-07", None, "fail", "pass"),          # 17 years is no legal span
    ("2015-03-07", "2035-03-07", dt.date(1990, 1, 1), "fail", "pass"),   # 25 at issue gives 10 years, not 20
    ("2015-03-07", "2025-03-07", dt.date(1990, 1, 1), "pass", "fail"),   # 10 years is right, and has run out
    ("2015-03-07", "long_term", dt.date(1990, 1, 1), "fail", "pass"),    # 25 at issue cannot be long-term
    ("2015-03-07", "long_term", dt.date(1960, 1, 1), "pass", "pass"),    # 55 at issue -> long-term
    ("2027-01-01", "2037-01-01", None, "fail", "pass"),          # issued in the future
])
def test_validity_rule_and_expiry(start, end, birth, rule, expired):
    result = statuses(back_checks(back(start, end), TODAY, birth))
    assert result == {"VALIDITY_PERIOD_RULE": rule, "NOT_EXPIRED": expired}


def test_unread_validity_is_unknown():
    fields = {"issuing_authority": MISSING, "valid_from": MISSING, "valid_until": MISSING}
    assert statuses(back_checks(fields, TODAY)) == {"VALIDITY_PERIOD_RULE": "unknown", "NOT_EXPIRED": "unknown"}
