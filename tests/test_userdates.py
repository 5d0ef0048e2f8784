"""Dates as people type them, counted from --as-of."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.userdates import DateUsageError, as_of_date, parse_user_date

THURSDAY = dt.date(2021, 1, 7)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2021-01-02", "2021-01-02"),
        ("2021-01", "2021-01"),
        ("2021", "2021"),
        ("unknown", "unknown"),
        ("today", "2021-01-07"),
        ("Today", "2021-01-07"),
        ("yesterday", "2021-01-06"),
        ("3 days ago", "2021-01-04"),
        ("1 day ago", "2021-01-06"),
        ("2 weeks ago", "2020-12-24"),
        ("last Wednesday", "2021-01-06"),
        ("last thursday", "2020-12-31"),  # never the day itself
        ("last fri", "2021-01-01"),
        ("  last   Monday ", "2021-01-04"),
    ],
)
def test_accepted_dates(typed: str, expected: str) -> None:
    assert parse_user_date(typed, THURSDAY).text == expected


@pytest.mark.parametrize(
    "typed", ["2021-13-01", "2021-02-30", "next week", "last Funday", "last m", "Jan 2", "٢٠٢٠", ""]
)
def test_other_text_is_a_usage_error_naming_the_option(typed: str) -> None:
    with pytest.raises(DateUsageError) as error:
        parse_user_date(typed, THURSDAY, "--published")
    assert error.value.exit_code == 2 and str(error.value).startswith("--published '")
    assert "YYYY-MM-DD" in (error.value.hint or "")


def test_as_of_is_a_whole_date_and_defaults_to_today() -> None:
    assert as_of_date("2021-01-07") == THURSDAY
    assert as_of_date(None, today=THURSDAY) == THURSDAY
    for bad in ("2021-01", "yesterday", "x"):
        with pytest.raises(DateUsageError):
            as_of_date(bad)


def test_far_back_is_an_error_not_a_crash() -> None:
    with pytest.raises(DateUsageError):
        parse_user_date("99999 weeks ago", dt.date(1, 2, 1))
