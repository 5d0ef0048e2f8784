"""When a statement was made, from the words around it and the article's date.

News copy dates statements relative to the day it appeared: "on Wednesday"
is the latest Wednesday up to the article's date, "last week" the week
before its week, "on January 2" the latest January 2 not after it. The
result is an ISO date, or a month or year (`2020-04`, `2020`) when that is
all the words say, as claim records allow.
"""

from __future__ import annotations

import datetime as dt
import re

from .capture_lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS

# Month and day names count only capitalized: "may" is a verb, "march" a noun.
_MONTH = (
    "|".join(m.capitalize() for m in MONTHS)
    + "|"
    + "|".join(a.capitalize() for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
)
_WEEKDAY = "|".join(d.capitalize() for d in WEEKDAYS)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day_month_year", re.compile(rf"\b(\d{{1,2}}) ({_MONTH})\.? (\d{{4}})\b")),
    ("month_day", re.compile(rf"\b({_MONTH})\.? (\d{{1,2}})(?:st|nd|rd|th)?\b(?:,? (\d{{4}})\b)?")),
    ("weekday", re.compile(rf"\b((?i:last|this|on|late|early) )?({_WEEKDAY})\b")),
    ("relative", re.compile(r"\b(yesterday|today|tonight|this morning|this afternoon|this evening)\b", re.IGNORECASE)),
    ("week", re.compile(r"\b(last|this|earlier this) week\b", re.IGNORECASE)),
    ("month", re.compile(r"\b(last|this|earlier this) month\b", re.IGNORECASE)),
    ("year", re.compile(r"\b(last|this|earlier this) year\b", re.IGNORECASE)),
    ("in_month", re.compile(rf"\b(?i:in|since|during|by) ({_MONTH})\b(?:,? (\d{{4}}))?")),
    ("in_year", re.compile(r"\bin (\d{4})\b")),
)


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return MONTH_ABBREVIATIONS[word]


def _latest(month: int, day: int, published: dt.date) -> dt.date | None:
    """The latest month/day not after the article's date."""
    for year in (published.year, published.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate
    return None


def _month_text(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}"


def _previous_month(date: dt.date) -> dt.date:
    return date.replace(day=1) - dt.timedelta(days=1)


def _resolve(kind: str, m: re.Match[str], published: dt.date | None) -> str | None:
    if kind == "day_month_year":
        try:
            return dt.date(int(m.group(3)), _month_number(m.group(2)), int(m.group(1))).isoformat()
        except ValueError:
            return None
    if kind == "month_day":
        month, day = _month_number(m.group(1)), int(m.group(2))
        if m.group(3):
            try:
                return dt.date(int(m.group(3)), month, day).isoformat()
            except ValueError:
                return None
        date = _latest(month, day, published) if published else None
        return date.isoformat() if date else None
    if kind == "in_month":
        month = _month_number(m.group(1))
        if m.group(2):
            return f"{int(m.group(2)):04d}-{month:02d}"
        if published is None:
            return None
        year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}"
    if kind == "in_year":
        return m.group(1)
    if published is None:
        return None
    if kind == "weekday":
        qualifier = (m.group(1) or "").strip().lower()
        target = WEEKDAYS.index(m.group(2).lower())
        back = (published.weekday() - target) % 7
        if qualifier == "last" and back == 0:
            back = 7
        return (published - dt.timedelta(days=back)).isoformat()
    if kind == "relative":
        word = m.group(1).lower()
        return (published - dt.timedelta(days=1 if word == "yesterday" else 0)).isoformat()
    if kind == "week":
        monday = published - dt.timedelta(days=published.weekday())
        if m.group(1).lower() == "last":
            monday -= dt.timedelta(days=7)
        sunday = monday + dt.timedelta(days=6)
        if m.group(1).lower() != "last":
            sunday = min(sunday, published)
        # A week is no date a record can hold: its month when it lies in one, else its year.
        if (monday.year, monday.month) == (sunday.year, sunday.month):
            return _month_text(monday)
        return str(monday.year) if monday.year == sunday.year else None
    if kind == "month":
        date = _previous_month(published) if m.group(1).lower() == "last" else published
        return _month_text(date)
    if kind == "year":
        return str(published.year - 1 if m.group(1).lower() == "last" else published.year)
    return None


def resolve_date(text: str, anchor: int, published: dt.date | None) -> str | None:
    """The date the words of `text` give a statement, preferring the expression nearest `anchor` (the cue)."""
    best: tuple[int, str] | None = None
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            value = _resolve(kind, m, published)
            if value is None:
                continue
            distance = min(abs(m.start() - anchor), abs(m.end() - anchor))
            if best is None or distance < best[0]:
                best = (distance, value)
    return best[1] if best else None
