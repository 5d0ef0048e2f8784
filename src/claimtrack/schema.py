"""The record fields as data: for each kind, its fields in store order, which are
required, what kind of value each holds, and what other records it names.

The loader maps each field kind to a node reader; the writer maps it to an
emitter; checks, exports and docs read the same table. A field is added to
the format here, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from . import model
from .model import FORMS, RELATIONS, SOURCE_KINDS, SOURCING_STATUSES, SPEAKER_KINDS, VERDICT_RATINGS, WORDINGS

# Field kinds: how a value is written in YAML and read back.
ID = "id"  # a slug
TEXT = "text"  # free text
DATE = "date"  # YYYY[-MM[-DD]]
WORDS = "words"  # a list of free text (a single text is read as a list of one)
IDS = "ids"  # a list of ids of other records
CHOICE = "choice"  # one word of a vocabulary
RECORD = "record"  # a nested record
RECORDS = "records"  # a list of nested records
FIELD_KINDS = (ID, TEXT, DATE, WORDS, IDS, CHOICE, RECORD, RECORDS)


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    required: bool = False
    choices: tuple[str, ...] = ()  # for CHOICE
    nested: RecordSchema | None = None  # for RECORD and RECORDS
    refers_to: str | None = None  # the kind of record an ID or IDS field names: speaker | source | claim
    label: str | None = None  # how messages name the reference ("responds to")


@dataclass(frozen=True)
class RecordSchema:
    kind: str  # the word used in messages: "claim", "speaker" ...
    record: type  # the model class built from it
    fields: tuple[Field, ...]
    one_of: tuple[str, ...] = ()  # at least one of these fields must be given (E114)

    # Cached: the loader asks for these once per record it reads.
    @cached_property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.required)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _ref(name: str, refers_to: str, label: str | None = None, required: bool = False) -> Field:
    return Field(name, ID, required, refers_to=refers_to, label=label or name)


APPEARANCE = RecordSchema(
    "appearance",
    model.Appearance,
    (
        _ref("source", "source"),
        Field("url", TEXT),
        Field("quote", TEXT),
        Field("form", CHOICE, choices=FORMS),
        _ref("attributed_to", "speaker", "attributed to"),
        Field("note", TEXT),
    ),
    one_of=("source", "url"),  # (1.1) an appearance names a source, a url, or both
)
SOURCING = RecordSchema(
    "sourcing",
    model.Sourcing,
    (Field("status", CHOICE, True, SOURCING_STATUSES), Field("note", TEXT)),
)
EVIDENCE = RecordSchema(
    "evidence",
    model.Evidence,
    (Field("description", TEXT, True), _ref("source", "source", "evidence source"), Field("url", TEXT)),
)
LINK = RecordSchema(
    "response",
    model.Link,
    (_ref("claim", "claim", "responds to", required=True), Field("relation", CHOICE, True, tuple(RELATIONS))),
)
VERDICT = RecordSchema(
    "verdict",
    model.Verdict,
    (
        Field("rating", CHOICE, True, VERDICT_RATINGS),
        _ref("by", "speaker", "verdict by"),
        Field("date", DATE),
        Field("note", TEXT),
        Field("label", TEXT),
        Field("url", TEXT),
    ),
)
SPEAKER = RecordSchema(
    "speaker",
    model.Speaker,
    (
        Field("id", ID, True),
        Field("name", TEXT, True),
        Field("role", TEXT),
        Field("affiliation", TEXT),
        Field("kind", CHOICE, choices=SPEAKER_KINDS),
        Field("aliases", WORDS),
        Field("members", IDS, refers_to="speaker", label="member"),
    ),
)
SOURCE = RecordSchema(
    "source",
    model.Source,
    (
        Field("id", ID, True),
        Field("title", TEXT),
        Field("outlet", TEXT),
        _ref("author", "speaker"),
        Field("url", TEXT),
        Field("published", DATE),
        Field("kind", CHOICE, choices=SOURCE_KINDS),
        Field("archive", TEXT),
        Field("byline", TEXT),
    ),
)
CLAIM = RecordSchema(
    "claim",
    model.Claim,
    (
        Field("id", ID, True),
        _ref("speaker", "speaker", required=True),
        Field("date", DATE, True),
        Field("statement", TEXT, True),
        Field("summary", TEXT),
        Field("venue", TEXT),
        Field("wording", CHOICE, choices=WORDINGS),
        Field("about", WORDS),
        Field("tags", WORDS),
        Field("appears_in", RECORDS, nested=APPEARANCE),
        Field("sourcing", RECORD, nested=SOURCING),
        Field("evidence", RECORDS, nested=EVIDENCE),
        Field("responds_to", RECORDS, nested=LINK),
        Field("verdict", RECORD, nested=VERDICT),
        Field("context", TEXT),
    ),
)

# The top-level keys of a store file, in the order a new file lists them.
SECTIONS: dict[str, RecordSchema] = {"speakers": SPEAKER, "sources": SOURCE, "claims": CLAIM}
TOP_LEVEL_KEYS = tuple(SECTIONS)
RECORD_KINDS: tuple[RecordSchema, ...] = (SPEAKER, SOURCE, CLAIM, APPEARANCE, SOURCING, EVIDENCE, LINK, VERDICT)
