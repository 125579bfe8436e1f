"""Calendar helpers shared by the document readers: ISO dates from printed parts, anniversaries, ages."""

from __future__ import annotations

import datetime as dt


def iso_date(y: str, m: str, d: str) -> str | None:
    """ISO date from parts, or None when they are no real date."""
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Whole years of age on a day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
