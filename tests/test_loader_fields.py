"""Each kind of field is read by its own reader, built from schema.py (loader._reader_for).

The readers of a record kind are built once per process, on its first record,
and kept: every test after the first reads with readers some earlier test
built. Here they are built anew, so that what they read is checked against
the contract (store-format.md) on a fresh start too.
"""

from __future__ import annotations

import pytest

from claimtrack import codes, loader
from claimtrack.loader import parse_text

EVERY_KIND = """\
speakers:
  - id: group
    name: A Group
    members: [alice, bob]            # ids, each a reference
  - id: group-2
    name: Another
    members: [Not An Id]
claims:
  - id: c1                           # id
    speaker: alice                   # id naming a speaker
    date: 2020-04                    # date
    statement: Something was said.   # text
    tags: [a, b]                     # words
    wording: paraphrase              # choice
    sourcing: {status: none}         # record
    verdict: {rating: "false", by: bob}
    appears_in: [{source: paper, quote: q}]   # records
    responds_to: {claim: c0, relation: rebuts}   # records: one written without its dash
  - id: c2
    speaker: alice
    date: 2020
    statement: x
    verdict: {rating: mixed, by: Dmitry Peskov}   # not an id: kept as a reference with a problem
    wording: slogan
    sourcing: [none]
    appears_in: paper
  - id: c3
    speaker: alice
    date: 2020
    statement: y
    sourcing: {note: no status}
"""


@pytest.fixture
def fresh_readers(monkeypatch):
    monkeypatch.setattr(loader, "_FIELDS", {})


def test_every_kind_of_field_is_read_as_the_format_says(fresh_readers):
    parsed = parse_text("x.yaml", EVERY_KIND)
    group, group_2 = parsed.speakers
    assert group.members == ("alice", "bob") and group_2.members == ()
    c1, c2, c3 = parsed.claims
    assert (c1.id, c1.speaker, str(c1.date), c1.statement) == ("c1", "alice", "2020-04", "Something was said.")
    assert (c1.tags, c1.wording) == (("a", "b"), "paraphrase")
    assert c1.sourcing.status == "none" and (c1.verdict.rating, c1.verdict.by) == ("false", "bob")
    assert [(a.source, a.quote) for a in c1.appears_in] == [("paper", "q")]
    assert [(link.claim, link.relation) for link in c1.responds_to] == [("c0", "rebuts")]
    assert c1.positions["sourcing"] == (15, 15) and c1.sourcing.positions == {"status": (15, 24)}
    # A record keeps its valid fields when others are not valid; a bad word is as if not given.
    assert (c2.id, c2.wording, c2.sourcing, c2.appears_in) == ("c2", "verbatim", None, ())
    assert (c2.verdict.rating, c2.verdict.by) == ("mixed", None)
    assert set(c2.positions) == {"id", "speaker", "date", "statement", "verdict"}
    # A nested record without its required field is left out, and so is its place.
    assert c3.sourcing is None and "sourcing" not in c3.positions


def test_every_reference_is_kept_with_its_field_and_place(fresh_readers):
    refs = parse_text("x.yaml", EVERY_KIND).references
    assert {r.location.path for r in refs} == {"x.yaml"}
    assert [(r.kind, r.id, r.field, r.location.line, r.location.column, r.malformed) for r in refs] == [
        ("speaker", "alice", "member", 4, 15, None),
        ("speaker", "bob", "member", 4, 22, None),
        ("speaker", "Not An Id", "member", 7, 15, "speaker members 'Not An Id' is not a valid id"),
        ("speaker", "alice", "speaker", 10, 14, None),
        ("speaker", "bob", "verdict by", 16, 36, None),
        ("source", "paper", "source", 17, 27, None),
        ("claim", "c0", "responds to", 18, 26, None),
        ("speaker", "alice", "speaker", 20, 14, None),
        ("speaker", "Dmitry Peskov", "verdict by", 23, 34, "verdict by 'Dmitry Peskov' is not a valid id"),
        ("speaker", "alice", "speaker", 28, 14, None),
    ]


def test_every_bad_value_is_said_with_its_field(fresh_readers):
    said = [(d.location.line, d.code, d.message) for d in parse_text("x.yaml", EVERY_KIND).diagnostics]
    assert said == [
        (24, codes.VOCABULARY.code, "claim wording 'slogan' is not one of: verbatim, paraphrase, translation"),
        (25, codes.WRONG_TYPE.code, "claim sourcing must be a mapping of fields, not a list"),
        (26, codes.WRONG_TYPE.code, "claim appears_in must be a list of mappings, not 'paper'"),
        (31, codes.MISSING_FIELD.code, "this sourcing has no 'status'"),
    ]


def said(text: str) -> list[tuple[int, int, str, str]]:
    return [(d.location.line, d.location.column, d.code, d.message) for d in parse_text("x.yaml", text).diagnostics]


def test_a_list_where_one_value_belongs_is_said_with_the_field_whatever_its_kind(fresh_readers):
    text = "claims:\n  - {id: [c], speaker: [s], date: [2020], statement: x, wording: [verbatim], tags: [[a]]}\n"
    assert said(text) == [
        (2, 10, "E105", "claim id must be text, not a list"),
        (2, 24, "E105", "claim speaker must be text, not a list"),
        (2, 35, "E105", "claim date must be text, not a list"),
        (2, 66, "E105", "claim wording must be text, not a list"),
        (2, 85, "E105", "claim tags must be text, not a list"),
    ]


def test_ids_one_or_a_list_and_nothing_else(fresh_readers):
    text = (
        "speakers:\n"
        "  - {id: g, name: G, members: alice}\n"
        "  - {id: h, name: H, members: {a: b}}\n"
        "  - {id: i, name: I, members: [a, ~, b]}\n"
    )
    g, h, i = parse_text("x.yaml", text).speakers
    assert (g.members, h.members, i.members) == (("alice",), (), ("a", "b"))  # a single id is a list of one
    assert [r.id for r in parse_text("x.yaml", text).references] == ["alice", "a", "b"]  # no '~'
    assert said(text) == [(3, 31, "E105", "speaker members must be a list of ids, not a mapping")]


def test_empty_items_of_a_list_of_words_are_left_out(fresh_readers):
    text = "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, tags: [a, ~, null, b]}\n"
    (claim,) = parse_text("x.yaml", text).claims
    assert claim.tags == ("a", "b")


def test_blank_items_of_a_list_are_said_and_left_out(fresh_readers):
    # Blank text is a value without its text: an empty tag, alias or member is never kept, and
    # each is said at its place (E104, as an empty required field is); `~` is absent, and skipped silently.
    text = (
        "speakers:\n"
        "  - {id: g, name: G, aliases: [Gee, '', ' '], members: [a, \"\", ~, b]}\n"
        "claims:\n"
        "  - {id: c, speaker: g, date: 2020, statement: x, tags: [iraq, '\t', ~], about: ['']}\n"
    )
    parsed = parse_text("x.yaml", text)
    ((speaker,), (claim,)) = (parsed.speakers, parsed.claims)
    assert (speaker.aliases, speaker.members) == (("Gee",), ("a", "b"))
    assert (claim.tags, claim.about) == (("iraq",), ())
    assert [r.id for r in parsed.references] == ["a", "b", "g"]  # no '' to look up
    assert said(text) == [
        (2, 37, "E104", "speaker aliases has an empty item"),
        (2, 41, "E104", "speaker aliases has an empty item"),
        (2, 60, "E104", "speaker members has an empty item"),
        (4, 64, "E104", "claim tags has an empty item"),
        (4, 81, "E104", "claim about has an empty item"),
    ]


def test_a_blank_list_field_is_absent_as_a_blank_text_field_is(fresh_readers):
    text = (
        "speakers:\n"
        "  - {id: g, name: G, aliases: '', members: ' '}\n"
        "claims:\n"
        "  - {id: c, speaker: g, date: 2020, statement: x, tags: \"\", about: '  ', summary: ''}\n"
    )
    parsed = parse_text("x.yaml", text)
    ((speaker,), (claim,)) = (parsed.speakers, parsed.claims)
    assert (speaker.aliases, speaker.members, claim.tags, claim.about) == ((), (), (), ())
    assert [r.id for r in parsed.references] == ["g"]
    assert parsed.diagnostics == []


def test_unknown_empty_and_blank_fields_leave_the_fields_after_them(fresh_readers):
    text = "claims:\n  - {venue: ~, summary: '', x-mine: 1, colour: red, id: c, speaker: s, date: 2020, statement: x}\n"
    (claim,) = parse_text("x.yaml", text).claims
    assert (claim.id, claim.venue, claim.summary, claim.statement) == ("c", None, None, "x")
    assert [code for _line, _column, code, _message in said(text)] == ["E102"]  # colour; x-mine is the user's


def test_a_yaml_11_word_as_a_list_of_words_is_said_with_its_field(fresh_readers):
    text = "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, tags: no}\n"
    (claim,) = parse_text("x.yaml", text).claims
    assert claim.tags == ("no",)  # a single word is a list of one
    assert said(text) == [(2, 57, "W202", "'no' in claim tags is a word that YAML 1.1 tools read as a boolean")]


def test_an_empty_section_leaves_the_sections_after_it():
    parsed = parse_text("x.yaml", "speakers:\nsources: ~\nclaims:\n  - {id: c, speaker: s, date: 2020, statement: x}\n")
    assert [c.id for c in parsed.claims] == ["c"] and parsed.diagnostics == []
