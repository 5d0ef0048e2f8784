"""The records of a store as plain, immutable values.

Each record keeps where it starts and where each of its fields' values
starts, so that any later check can point at the exact spot.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, field

from .errors import Location

SPEAKER_KINDS = ("person", "organization", "government", "media", "unknown")
SOURCE_KINDS = ("post", "news-report", "statement", "transcript", "document", "other")

# The sourcing ladder, weakest first: reports filter and sort on this order.
SOURCING_LADDER = ("none", "unspecified", "anonymous", "named", "documented")
UNSUPPORTED = ("none", "unspecified", "anonymous")
UNKNOWN_SOURCING = "unknown"
# (1.1) `sourcing: {status: unknown}` may be written: the same as no sourcing block.
SOURCING_STATUSES = (*SOURCING_LADDER, UNKNOWN_SOURCING)
# Every value a claim's sourcing status can take, as filters accept them.
STATUSES = SOURCING_STATUSES

OPPOSING = "opposing"
SUPPORTING = "supporting"
NEUTRAL = "neutral"
RELATIONS: dict[str, str] = {
    "denies": OPPOSING,
    "rebuts": OPPOSING,
    "counters": OPPOSING,
    "questions": OPPOSING,
    "supports": SUPPORTING,
    "corroborates": SUPPORTING,
    "repeats": SUPPORTING,
    "clarifies": NEUTRAL,
    "retracts": OPPOSING,
}
# What report --unsourced counts as having backed a claim: a repeat is
# support, but not independent corroboration.
CORROBORATING = ("supports", "corroborates")

VERDICT_RATINGS = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unproven")

# (1.1) Whose words a statement holds, and how a source presents it.
WORDINGS = ("verbatim", "paraphrase", "translation")
VERBATIM = "verbatim"
FORMS = ("quoted", "reported")
QUOTED = "quoted"
REPORTED = "reported"

# How `list` can sort claims, and `speakers` and `sources` their records.
SORT_KEYS = ("date", "id", "speaker", "sourcing", "answers")
RECORD_SORTS = ("claims", "name", "id")

ID_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,79}\Z")
# ASCII digits only: \d also matches Arabic-Indic and full-width digits, which no other tool reads as a date.
DATE_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")
UNKNOWN_DATE = "unknown"


def slug(text: str) -> str:
    """The id a text would make: 'Dmitry Peskov' -> 'dmitry-peskov' ('' when nothing is left)."""
    made = re.sub(r"[^a-z0-9]+", "-", text[:200].lower()).strip("-")[:80].strip("-")
    return made if ID_RE.match(made) else ""


def id_hint(text: str) -> str:
    """What an id looks like, with the id the text would make."""
    made = slug(text)
    suggestion = f" such as '{made}'" if made else ""
    return (
        f"ids use lower-case letters, digits and '-', start with a letter or digit, at most 80 characters{suggestion}"
    )


DATE_HINT = (
    "write dates as YYYY-MM-DD, or YYYY-MM or YYYY when the day is not known, or 'unknown' when the date is not known"
)


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """An ISO date whose month or day may be unknown; sorts as its first day.

    (1.1) `unknown` is a date too: it sorts before every known date, so that
    newest-first lists show it last, and spans every day, so that no check
    of order between two dates can fail on it.
    """

    first_day: _dt.date
    text: str = field(compare=False)

    def __str__(self) -> str:
        return self.text

    @property
    def unknown(self) -> bool:
        return self.text == UNKNOWN_DATE

    @property
    def is_day(self) -> bool:
        """A whole calendar date, not a month, a year or unknown."""
        return len(self.text) == 10

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """`2020-04-01`, `2020-04`, `2020` or `unknown`; ValueError saying what is wrong otherwise."""
        if text == UNKNOWN_DATE:
            return cls(_dt.date.min, UNKNOWN_DATE)
        m = DATE_RE.match(text)
        if m is None:
            raise ValueError("is not a date")
        year, month, day = int(m[1]), int(m[2] or 1), int(m[3] or 1)
        try:
            return cls(_dt.date(year, month, day), text)
        except ValueError as exc:
            raise ValueError(f"is not a real date ({exc})") from None

    @property
    def last_day(self) -> _dt.date:
        """The latest day the date may mean: 2020-04 may be any day up to 2020-04-30."""
        if self.unknown:
            return _dt.date.max
        if len(self.text) == 4:
            return _dt.date(self.first_day.year, 12, 31)
        if len(self.text) == 7:
            year, month = self.first_day.year, self.first_day.month
            # Computed without date arithmetic, which overflows past 9999-12.
            return _dt.date(year, month, calendar.monthrange(year, month)[1])
        return self.first_day


def date_text(value: PartialDate | None) -> str | None:
    """A date as written in the store, or None: how JSON gives optional dates."""
    return value.text if value else None


Pos = tuple[int, int]  # (line, column), both from 1


@dataclass(frozen=True, slots=True)
class Record:
    path: str
    line: int
    column: int
    # Where each field's value starts; only the fields present in the file.
    positions: dict[str, Pos]

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    def location_of(self, name: str) -> Location:
        line, column = self.positions.get(name, (self.line, self.column))
        return Location(self.path, line, column)


@dataclass(frozen=True, slots=True)
class Reference:
    """One use of an id in a field, kept even when the record holding it is invalid,
    so that `check` reports every bad reference, not only those in valid records."""

    kind: str  # what it must name: speaker | source | claim
    id: str
    location: Location
    field: str  # how messages name the field: "speaker", "responds to" ...
    # Why the text is not an id at all (`speaker: Peskov`), as the message says it; None for an id.
    # checks.py reports these, with a hint that knows the store's names.
    malformed: str | None = None


@dataclass(frozen=True, slots=True)
class Speaker(Record):
    id: str
    name: str
    role: str | None = None
    affiliation: str | None = None
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()  # (1.1) a group's speakers, by id


@dataclass(frozen=True, slots=True)
class Source(Record):
    id: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: PartialDate | None = None
    kind: str | None = None
    archive: str | None = None
    byline: str | None = None  # (1.1) who wrote a report


@dataclass(frozen=True, slots=True)
class Appearance(Record):
    source: str | None = None  # (1.1) a source, a url, or both
    quote: str | None = None
    note: str | None = None
    url: str | None = None
    form: str = QUOTED  # (1.1) quoted | reported: how the source presents the statement
    attributed_to: str | None = None  # (1.1) the speaker this source credits, when not the claim's


@dataclass(frozen=True, slots=True)
class Sourcing(Record):
    status: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    description: str
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Link(Record):
    """One entry of a claim's responds_to: this claim answers `claim`."""

    claim: str
    relation: str

    @property
    def stance(self) -> str:
        return RELATIONS[self.relation]


@dataclass(frozen=True, slots=True)
class Verdict(Record):
    rating: str
    by: str | None = None
    date: PartialDate | None = None
    note: str | None = None
    label: str | None = None
    url: str | None = None  # (1.1) the published review


@dataclass(frozen=True, slots=True)
class Claim(Record):
    id: str
    speaker: str
    date: PartialDate
    statement: str
    summary: str | None = None
    venue: str | None = None
    about: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    appears_in: tuple[Appearance, ...] = ()
    sourcing: Sourcing | None = None
    evidence: tuple[Evidence, ...] = ()
    responds_to: tuple[Link, ...] = ()
    verdict: Verdict | None = None
    context: str | None = None
    wording: str = VERBATIM  # (1.1) verbatim | paraphrase | translation

    @property
    def status(self) -> str:
        return self.sourcing.status if self.sourcing else UNKNOWN_SOURCING

    @property
    def assessed(self) -> bool:
        """Whether someone judged the sourcing: a block with status `unknown` says nobody has."""
        return self.status != UNKNOWN_SOURCING

    @property
    def headline(self) -> str:
        """What a one-line listing shows: the summary, else the statement."""
        return self.summary or self.statement
