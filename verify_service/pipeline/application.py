"""What the applicant declared (the `application` part of /v1/verify, or a batch manifest's column)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from verify_service.errors import InvalidParameter
from verify_service.pipeline.documents.cn_id_card import idnumber

FIELDS = frozenset({"name", "id_number", "monthly_income"})


@dataclass(frozen=True)
class Application:
    """Declared name, ID number and monthly income; each None when not declared."""

    name: str | None = None
    id_number: str | None = None
    monthly_income: float | None = None

    @classmethod
    def parse(cls, raw: str | None) -> Application:
        """Parse and check the JSON text; a malformed one is a 400 naming the problem."""
        if raw is None or not raw.strip():
            return cls()
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InvalidParameter(f"application is not valid JSON: {exc.msg} at position {exc.pos}") from None
        except RecursionError:
            raise InvalidParameter("application is nested too deeply to be an application") from None
        except ValueError:
            # Python refuses integers of more than sys.get_int_max_str_digits() digits (a CPU guard of its own).
            raise InvalidParameter("application holds a number with too many digits") from None
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Application:
        """Check an already decoded object (what a batch manifest holds)."""
        if not isinstance(data, dict):
            raise InvalidParameter("application must be a JSON object")
        unknown = set(data) - FIELDS
        if unknown:
            raise InvalidParameter(f"application has unknown fields: {', '.join(sorted(unknown))[:200]}")
        name, number, income = data.get("name"), data.get("id_number"), data.get("monthly_income")
        if name is not None and (not isinstance(name, str) or not 0 < len(name) <= 64):
            raise InvalidParameter("application.name must be a string of 1 to 64 characters")
        if number is not None and (not isinstance(number, str) or not idnumber.ID_RE.match(number.upper())):
            raise InvalidParameter("application.id_number must be 17 digits followed by a digit or X")
        if income is not None and (isinstance(income, bool) or not isinstance(income, int | float)
                                   or not 0 <= income < 1e9):
            raise InvalidParameter("application.monthly_income must be a number of yuan, 0 or more")
        return cls(name, number.upper() if number else None, None if income is None else float(income))
