"""Dates as people type them into writing commands, made into store dates.

`YYYY[-MM[-DD]]` and `unknown` as the store writes them; `today`,
`yesterday`, `N days ago` (also weeks), and `last Wednesday` (the latest
Wednesday before the reference day, never the day itself), all counted from
`--as-of DATE`, which defaults to today. Anything else is a usage error that
says what is accepted.
"""

from __future__ import annotations

import datetime as _dt
import re

from .errors import ClaimtrackError
from .model import DATE_HINT, PartialDate
from .textsafe import clip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ACCEPTED = (
    "YYYY-MM-DD, YYYY-MM, YYYY, unknown, today, yesterday, 'N days ago', 'N weeks ago' or 'last Wednesday' "
    "(counted from --as-of, default today)"
)
_AGO = re.compile(r"(\d{1,5}) +(day|week)s? +ago\Z")
_LAST = re.compile(r"last +([a-z]+)\Z")


class DateUsageError(ClaimtrackError):
    """A date that cannot be read: wrong usage (exit 2)."""


def as_of_date(text: str | None, today: _dt.date | None = None) -> _dt.date:
    """The day relative dates count from: --as-of (a whole date), else today."""
    if text is None:
        return today or _dt.date.today()
    try:
        day = PartialDate.parse(text.strip())
    except ValueError:
        day = None
    if day is None or not day.is_day:
        raise DateUsageError(f"--as-of '{clip(text)}' is not a whole date", "write it as YYYY-MM-DD")
    return day.first_day


def relative_day(text: str, as_of: _dt.date, option: str = "--date") -> _dt.date | None:
    """The day a relative date (today, yesterday, N days/weeks ago, last Wednesday) names,
    counted from as_of; None when the text is not one of those words."""
    typed = " ".join(text.strip().lower().split())
    if typed == "today":
        return as_of
    if typed == "yesterday":
        return as_of - _dt.timedelta(days=1)
    if m := _AGO.match(typed):
        count = int(m[1]) * (7 if m[2] == "week" else 1)
        return _shift(as_of, count, text, option)
    if m := _LAST.match(typed):
        name = m[1]
        matches = [i for i, weekday in enumerate(WEEKDAYS) if weekday.startswith(name) and len(name) >= 3]
        if len(matches) != 1:
            raise DateUsageError(
                f"{option} '{clip(text)}': '{clip(name)}' is not a day of the week", f"accepted: {ACCEPTED}"
            )
        back = (as_of.weekday() - matches[0]) % 7 or 7
        return _shift(as_of, back, text, option)
    return None


def parse_user_date(text: str, as_of: _dt.date, option: str = "--date") -> PartialDate:
    """A typed date as the store writes it; DateUsageError naming the option otherwise."""
    day = relative_day(text, as_of, option)
    if day is not None:
        return PartialDate(day, day.isoformat())
    try:
        return PartialDate.parse(text.strip())
    except ValueError as exc:
        raise DateUsageError(f"{option} '{clip(text)}' {exc}", f"accepted: {ACCEPTED}; {DATE_HINT}") from None


def _shift(as_of: _dt.date, days: int, text: str, option: str) -> _dt.date:
    try:
        return as_of - _dt.timedelta(days=days)
    except OverflowError:
        raise DateUsageError(f"{option} '{clip(text)}' lies before the year 1", f"accepted: {ACCEPTED}") from None
