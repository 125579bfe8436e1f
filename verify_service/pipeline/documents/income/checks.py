"""The income proof's checks: amount in words against digits, seal, name and ID number against the ones given,
and a recent issue date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from verify_service.codes import CheckCode as C
from verify_service.pipeline.common import amounts
from verify_service.pipeline.documents.income.seal import Seal
from verify_service.pipeline.types import MISSING, Check, CheckStatus

if TYPE_CHECKING:
    from verify_service.pipeline.documents.income.reader import ParsedIncome

PASS, FAIL, UNKNOWN = CheckStatus.PASS, CheckStatus.FAIL, CheckStatus.UNKNOWN


def income_checks(parsed: ParsedIncome, seal: Seal | None, today: dt.date, max_age_days: int,
                  name: str | None, id_number: str | None) -> list[Check]:
    """AMOUNT_WORDS_MATCH, SEAL_PRESENT, NAME_MATCHES, ID_NUMBER_MATCHES, ISSUE_DATE_RECENT."""
    f = parsed.fields
    checks = []
    # the words agree with the amount printed nearest them, or with the monthly income read in digits (a form may
    # print 税前 and 税后 on either side of its 大写 line, or other amounts between the income and its 大写 line)
    beside = [float(v) for v in parsed.words_digits.value or []]
    # a monthly income read from the words themselves is no digit to check them against
    monthly = f.get("monthly_income", MISSING)
    stated = monthly.value if getattr(monthly, "source", None) != "words" else None
    candidates = beside[:1] + ([stated] if stated is not None else [])
    if parsed.kind != "income_certificate":
        checks.append(Check(C.AMOUNT_WORDS_MATCH, UNKNOWN, "this kind of document states no amount in words"))
    elif parsed.amount_words.value is None:
        checks.append(Check(C.AMOUNT_WORDS_MATCH, UNKNOWN, "no amount in words (大写) was found"))
    else:
        words = amounts.parse_words(parsed.amount_words.value)
        if words is None:
            checks.append(Check(C.AMOUNT_WORDS_MATCH, UNKNOWN, "the amount in words could not be parsed"))
        elif not candidates:
            checks.append(Check(C.AMOUNT_WORDS_MATCH, UNKNOWN, "the amount in digits could not be read"))
        elif any(Decimal(str(v)).quantize(Decimal("0.01")) == words for v in candidates):
            checks.append(Check(C.AMOUNT_WORDS_MATCH, PASS, f"大写 {words:,.2f} agrees with the digits"))
        else:
            checks.append(Check(C.AMOUNT_WORDS_MATCH, FAIL,
                                f"大写 says {words:,.2f}, the digits {candidates[0]:,.2f}"))
    checks.append(Check(C.SEAL_PRESENT, PASS, "a red round seal is on the document") if seal
                  else Check(C.SEAL_PRESENT, FAIL, "no red round seal was found"))
    for code, key, given, label in ((C.NAME_MATCHES, "name", name, "name"),
                                    (C.ID_NUMBER_MATCHES, "id_number", id_number, "ID number")):
        read = f.get(key, MISSING).value
        if given is None:
            checks.append(Check(code, UNKNOWN, f"no {label} was given to compare with"))
        elif read is None:
            checks.append(Check(code, UNKNOWN, f"the document's {label} could not be read"))
        elif read == (given.strip().upper() if key == "id_number" else given.strip()):
            checks.append(Check(code, PASS, f"the document's {label} is the one given"))
        else:
            checks.append(Check(code, FAIL, f"the document's {label} differs from the one given"))
    issued = f.get("issue_date", MISSING).value
    if issued is None:
        checks.append(Check(C.ISSUE_DATE_RECENT, UNKNOWN, "the issue date could not be read"))
    else:
        age = (today - dt.date.fromisoformat(issued)).days
        if age < 0:
            checks.append(Check(C.ISSUE_DATE_RECENT, FAIL, f"issued {issued}, which is in the future"))
        elif age > max_age_days:
            checks.append(Check(C.ISSUE_DATE_RECENT, FAIL, f"issued {age} days ago, more than {max_age_days}"))
        else:
            checks.append(Check(C.ISSUE_DATE_RECENT, PASS, f"issued {age} days ago"))
    return checks
