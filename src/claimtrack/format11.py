"""The fields store format 1.1 adds, read so that code works before and after the model has them.

Exports, the scorecard and the timeline read these through here, with the
defaults store-format.md gives, instead of scattering getattr over the code.
Once model.py carries every field, each function becomes a plain attribute
read (or goes away) without touching its callers.

Dates: 1.1 allows `date: unknown`. Whether the model spells that as None or
as a PartialDate whose text is "unknown", the functions below treat both the
same way, and an absent date the same as an unknown one.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

UNKNOWN_DATE = "unknown"
VERBATIM = "verbatim"
QUOTED = "quoted"


# --- dates -----------------------------------------------------------------


def date_text(date: Any) -> str:
    """The date as the store wrote it: ISO, partial ISO, or 'unknown'."""
    text = getattr(date, "text", None)
    return text if text else UNKNOWN_DATE


def is_known(date: Any) -> bool:
    return date_text(date) != UNKNOWN_DATE


def is_full(date: Any) -> bool:
    """A known day: '2020-04-01', not '2020-04', '2020' or unknown."""
    return is_known(date) and len(date_text(date)) == 10


def date_key(date: Any) -> tuple[int, _dt.date]:
    """Sorts oldest first, a partial date as its first day, unknown dates after every known one."""
    if not is_known(date):
        return (1, _dt.date.max)
    return (0, date.first_day)


def days_between(earlier: Any, later: Any) -> int | None:
    """Whole days from one date to another; None unless both are full dates."""
    if is_full(earlier) and is_full(later):
        return int((later.first_day - earlier.first_day).days)
    return None


# --- records -----------------------------------------------------------------


def wording(claim: Any) -> str:
    return getattr(claim, "wording", None) or VERBATIM


def members(speaker: Any) -> tuple[str, ...]:
    """The speaker ids of a group speaker (a joint statement); () for everyone else."""
    return tuple(getattr(speaker, "members", None) or ())


def byline(source: Any) -> str | None:
    return getattr(source, "byline", None)


def appearance_source(appearance: Any) -> str | None:
    """In 1.1 an appearance may name a URL instead of a source."""
    return getattr(appearance, "source", None)


def appearance_url(appearance: Any) -> str | None:
    return getattr(appearance, "url", None)


def appearance_form(appearance: Any) -> str:
    return getattr(appearance, "form", None) or QUOTED


def attributed_to(appearance: Any) -> str | None:
    return getattr(appearance, "attributed_to", None)


def verdict_url(verdict: Any) -> str | None:
    return getattr(verdict, "url", None)
