"""Validation of ID card fields: each check says pass, fail or unknown (could not check) with a reason."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from verify_service.codes import CheckCode as C
from verify_service.pipeline.common.dates import add_years, age_on
from verify_service.pipeline.documents.cn_id_card import idnumber
from verify_service.pipeline.types import Check, CheckStatus, Field

PASS, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.UNKNOWN


def _value(fields: Mapping[str, Field], name: str):
    """A field's value, or None when absent or unread."""
    f = fields.get(name)
    return None if f is None else f.value


def legal_span(age_at_issue: int) -> int | None:
    """Validity in years for an age at issue (居民身份证法 Art. 5); None means 长期."""
    if age_at_issue < 16:
        return 5
    if age_at_issue <= 25:
        return 10
    if age_at_issue <= 45:
        return 20
    return None


def front_checks(fields: Mapping[str, Field]) -> list[Check]:
    """ID_NUMBER_FORMAT, ID_NUMBER_CHECKSUM, ID_REGION_CODE, BIRTH_DATE_MATCHES_ID, SEX_MATCHES_ID."""
    number = _value(fields, "id_number")
    if number is None:
        reason = "the ID number could not be read"
        return [Check(code, UNKNOWN, reason) for code in
                (C.ID_NUMBER_FORMAT, C.ID_NUMBER_CHECKSUM, C.ID_REGION_CODE, C.BIRTH_DATE_MATCHES_ID, C.SEX_MATCHES_ID)]
    checks = []
    well_formed = bool(idnumber.ID_RE.match(number))
    checks.append(Check(C.ID_NUMBER_FORMAT, PASS if well_formed else FAIL,
                        "18 characters: 17 digits and a digit or X" if well_formed
                        else "not 17 digits followed by a digit or X"))
    if not well_formed:
        return checks + [Check(code, UNKNOWN, "the ID number is malformed") for code in
                         (C.ID_NUMBER_CHECKSUM, C.ID_REGION_CODE, C.BIRTH_DATE_MATCHES_ID, C.SEX_MATCHES_ID)]
    expected = idnumber.check_char(number[:17])
    checks.append(Check(C.ID_NUMBER_CHECKSUM, PASS if expected == number[17] else FAIL,
                        "MOD 11-2 check character agrees" if expected == number[17]
                        else f"check character is {number[17]}, MOD 11-2 gives {expected}"))
    province = idnumber.province_of(number)
    checks.append(Check(C.ID_REGION_CODE, PASS if province else FAIL,
                        f"address code {number[:6]} is in {province}" if province
                        else f"address code prefix {number[:2]} is not a province-level region"))
    encoded = idnumber.birth_date_of(number)
    birth = _value(fields, "birth_date")
    if encoded is None:
        checks.append(Check(C.BIRTH_DATE_MATCHES_ID, FAIL, f"{number[6:14]} in the ID number is not a date"))
    elif birth is None:
        checks.append(Check(C.BIRTH_DATE_MATCHES_ID, UNKNOWN, "the birth date could not be read"))
    else:
        same = birth == encoded.isoformat()
        checks.append(Check(C.BIRTH_DATE_MATCHES_ID, PASS if same else FAIL,
                            "printed birth date agrees with the ID number" if same
                            else f"printed birth date {birth} differs from {encoded.isoformat()} in the ID number"))
    sex = _value(fields, "sex")
    if sex is None:
        checks.append(Check(C.SEX_MATCHES_ID, UNKNOWN, "the sex could not be read"))
    else:
        coded = idnumber.sex_of(number)
        checks.append(Check(C.SEX_MATCHES_ID, PASS if sex == coded else FAIL,
                            "printed sex agrees with the sequence digit" if sex == coded
                            else f"printed sex {sex}, the sequence digit says {coded}"))
    return checks


def back_checks(fields: Mapping[str, Field], today: dt.date, birth: dt.date | None = None) -> list[Check]:
    """VALIDITY_PERIOD_RULE (5/10/20 years or 长期, by age at issue when the birth date is known) and NOT_EXPIRED."""
    start_raw, end_raw = _value(fields, "valid_from"), _value(fields, "valid_until")
    if start_raw is None or end_raw is None:
        reason = "the validity period could not be read"
        return [Check(C.VALIDITY_PERIOD_RULE, UNKNOWN, reason), Check(C.NOT_EXPIRED, UNKNOWN, reason)]
    start = dt.date.fromisoformat(start_raw)
    end = None if end_raw == "long_term" else dt.date.fromisoformat(end_raw)
    checks = [_validity_rule(start, end, birth, today)]
    if end is None:
        checks.append(Check(C.NOT_EXPIRED, PASS, "valid long-term (长期)"))
    elif end < today:
        checks.append(Check(C.NOT_EXPIRED, FAIL, f"expired on {end.isoformat()}"))
    else:
        checks.append(Check(C.NOT_EXPIRED, PASS, f"valid until {end.isoformat()}"))
    return checks


def _validity_rule(start: dt.date, end: dt.date | None, birth: dt.date | None, today: dt.date) -> Check:
    """Whether the printed validity span is one the law allows, for the holder's age at issue where known."""
    code = C.VALIDITY_PERIOD_RULE
    if start > today:
        return Check(code, FAIL, f"valid from {start.isoformat()}, which is in the future")
    span = None
    if end is not None:
        span = next((y for y in (5, 10, 20) if add_years(start, y) == end), None)
        if span is None:
            return Check(code, FAIL, f"{start.isoformat()} to {end.isoformat()} is not a 5, 10 or 20 year span")
    if birth is None:
        what = "long-term" if end is None else f"{span} years"
        return Check(code, PASS, f"{what} is a legal span (age at issue not known without the front)")
    age = age_on(birth, start)
    expected = legal_span(age)
    if expected == span:
        return Check(code, PASS, f"age {age} at issue gives {'long-term' if span is None else f'{span} years'}")
    want = "long-term" if expected is None else f"{expected} years"
    got = "long-term" if span is None else f"{span} years"
    return Check(code, FAIL, f"age {age} at issue should give {want}, the card says {got}")
