"""model: ids made from text, partial dates (store-format.md, "Dates"), and what a claim reports of itself."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.errors import Location
from claimtrack.model import (
    Claim,
    Link,
    PartialDate,
    Sourcing,
    date_text,
    id_hint,
    slug,
)


@pytest.mark.parametrize(
    ("text", "made"),
    [
        ("Dmitry Peskov", "dmitry-peskov"),
        ("  U.S. Department of State!  ", "u-s-department-of-state"),
        ("CNN -- 2020", "cnn-2020"),
        ("\u00c9lys\u00e9e", "lys-e"),  # only a-z and 0-9 survive
        ("", ""),
        ("!!!", ""),
        ("x" * 300, "x" * 80),  # at most 80 characters
        ("a" * 79 + " b", "a" * 79),  # a cut that ends in '-' is trimmed
        ("!" + "a" * 85, "a" * 80),  # leading separators go before the cut, not into it
        ("!" * 199 + "ab", "a"),  # only the first 200 characters are read
    ],
)
def test_slug(text, made):
    assert slug(text) == made


def test_id_hint_suggests_the_slug_only_when_there_is_one():
    rule = "ids use lower-case letters, digits and '-', start with a letter or digit, at most 80 characters"
    assert id_hint("Dmitry Peskov") == rule + " such as 'dmitry-peskov'"
    assert id_hint("!!!") == rule


@pytest.mark.parametrize(
    ("text", "first", "last", "is_day"),
    [
        ("2020-04-01", dt.date(2020, 4, 1), dt.date(2020, 4, 1), True),
        ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29), False),  # a leap year
        ("2021-02", dt.date(2021, 2, 1), dt.date(2021, 2, 28), False),
        ("2020-12", dt.date(2020, 12, 1), dt.date(2020, 12, 31), False),
        ("2020", dt.date(2020, 1, 1), dt.date(2020, 12, 31), False),
        ("9999-12", dt.date(9999, 12, 1), dt.date(9999, 12, 31), False),  # no overflow past the last month
        ("unknown", dt.date.min, dt.date.max, False),
    ],
)
def test_partial_dates_span_their_days(text, first, last, is_day):
    date = PartialDate.parse(text)
    assert (date.first_day, date.last_day, date.is_day) == (first, last, is_day)
    assert str(date) == date.text == text
    assert date.unknown is (text == "unknown")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-13", "is not a real date (month must be in 1..12)"),
        ("2021-02-29", "is not a real date (day is out of range for month)"),
        ("2020-1", "is not a date"),
        ("20201", "is not a date"),
        ("2020-04-01x", "is not a date"),
        ("\u0662\u0660\u0662\u0660", "is not a date"),  # Arabic-Indic digits
        ("Unknown", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_what_is_not_a_date(text, message):
    with pytest.raises(ValueError) as caught:
        PartialDate.parse(text)
    assert str(caught.value) == message


def test_partial_dates_sort_as_their_first_day_unknown_first():
    texts = ["2020-02-01", "2020", "unknown", "2019-12-31", "2020-02"]
    ordered = sorted(PartialDate.parse(t) for t in texts)
    assert [d.first_day for d in ordered] == sorted(PartialDate.parse(t).first_day for t in texts)
    assert ordered[0].text == "unknown" and ordered[1].text == "2019-12-31"


def test_date_text():
    assert date_text(PartialDate.parse("2020-04")) == "2020-04"
    assert date_text(None) is None


def claim(**fields) -> Claim:
    base = dict(
        path="a.yaml", line=3, column=5, positions={"statement": (7, 16)},
        id="c", speaker="s", date=PartialDate.parse("2020"), statement="Said so.",
    )  # fmt: skip
    return Claim(**{**base, **fields})


def test_a_record_knows_where_it_and_each_field_are():
    c = claim()
    assert c.location == Location("a.yaml", 3, 5)
    assert c.location_of("statement") == Location("a.yaml", 7, 16)
    assert c.location_of("summary") == Location("a.yaml", 3, 5)  # not in the file: the record's place


def test_sourcing_status_and_assessed():
    def sourcing(status: str) -> Sourcing:
        return Sourcing("a.yaml", 4, 5, {}, status)

    assert (claim().status, claim().assessed) == ("unknown", False)  # no block
    assert (claim(sourcing=sourcing("unknown")).status, claim(sourcing=sourcing("unknown")).assessed) == (
        "unknown",
        False,
    )
    assert (claim(sourcing=sourcing("none")).status, claim(sourcing=sourcing("none")).assessed) == ("none", True)


def test_headline_is_the_summary_else_the_statement():
    assert claim().headline == "Said so."
    assert claim(summary="Short").headline == "Short"
    assert claim(summary="").headline == "Said so."


def test_a_link_has_its_relations_stance():
    link = Link("a.yaml", 1, 1, {}, claim="b", relation="questions")
    assert link.stance == "opposing"


def test_ids_are_at_most_80_characters_of_lower_case_letters_digits_and_dashes():
    from claimtrack.model import ID_RE

    assert ID_RE.match("a" * 80) and not ID_RE.match("a" * 81)
    assert ID_RE.match("0-a") and not ID_RE.match("-a") and not ID_RE.match("A") and not ID_RE.match("a_b")
