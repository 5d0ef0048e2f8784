"""What the loader says, word for word: each message names the problem and each hint what to do.

The golden examples (tests/data/errors) pin the place and a part of each
message; here one small file per kind of problem pins the whole message and
hint, and the records that still load beside it. A changed message is a
deliberate change: update the table with it.
"""

from __future__ import annotations

import pytest

from claimtrack import loader
from claimtrack.loader import parse_bytes, parse_text

# name: (file text, [(line, column, code, message, hint)], ids of the records that load)
CASES = {
    "colon": (
        "claims:\n  - id: a\n    statement: He said: no\n",
        [
            (
                3,
                23,
                "E001",
                "not valid YAML: mapping values are not allowed in this context",
                "a value containing ': ' needs quotes around it",
            ),
        ],
        [],
    ),
    "tab": (
        "claims:\n  - id: a\n\tspeaker: s\n",
        [
            (
                3,
                1,
                "E001",
                "not valid YAML: while scanning a plain scalar found a tab character that violates indentation",
                "indent with spaces, not tabs",
            ),
        ],
        [],
    ),
    "alias": (
        "claims:\n  - id: *nothing\n",
        [
            (
                2,
                9,
                "E001",
                "not valid YAML: found undefined alias",
                "'*' starts an alias in YAML; quote the text if you meant a literal '*'",
            ),
        ],
        [],
    ),
    "docs": (
        "claims: []\n---\nclaims: []\n",
        [
            (
                2,
                1,
                "E001",
                "not valid YAML: expected a single document in the stream but found another document",
                "a store file holds one document: remove the second '---'",
            ),
        ],
        [],
    ),
    "escape": (
        'claims:\n  - statement: "bad \\q escape"\n',
        [
            (
                2,
                21,
                "E001",
                "not valid YAML: while parsing a quoted scalar found unknown escape character",
                "in double quotes a backslash starts an escape; use single quotes or write '\\\\'",
            ),
        ],
        [],
    ),
    "flow": (
        "claims: [a, b\n",
        [
            (
                2,
                1,
                "E001",
                "not valid YAML: while parsing a flow sequence did not find expected ',' or ']'",
                "check the indentation and quoting at this spot",
            ),
        ],
        [],
    ),
    "control": (
        "speakers: []\nclaims:\n  - statement: é\x07\n",
        [
            (
                3,
                17,
                "E001",
                "not valid YAML: control characters are not allowed",
                'write control characters as escapes inside double quotes, e.g. "\\e" or "\\x07"',
            ),
        ],
        [],
    ),
    "nonscalar_key": (
        "claims:\n  - ? [a]\n    : 1\n    id: a\n    speaker: s\n    date: 2020\n    statement: x\n",
        [
            (
                2,
                7,
                "E105",
                "a key in this claim must be a plain word, not a list",
                "write the key as a plain name before its ':', without brackets or braces; claim fields are: id,"
                " speaker, date, statement, summary, venue, wording, about, tags, appears_in, sourcing, evidence,"
                " responds_to, verdict, context",
            ),
        ],
        ["a"],
    ),
    "dupkey": (
        "claims:\n  - id: a\n    id: b\n    speaker: s\n    date: 2020\n    statement: x\n",
        [
            (
                3,
                5,
                "E103",
                "'id' is given twice in this claim (first on line 2); the first is used",
                "remove or merge one of them: YAML keeps only one value per key",
            ),
        ],
        ["a"],
    ),
    "sourcing_text": (
        "claims:\n  - {id: a, speaker: s, date: 2020, statement: x, sourcing: just text}\n",
        [
            (
                2,
                61,
                "E105",
                "claim sourcing must be a mapping of fields, not 'just text'",
                "write it as fields, e.g. {status: ...}; sourcing fields are: status, note",
            ),
        ],
        ["a"],
    ),
    "appears_text": (
        "claims:\n  - {id: a, speaker: s, date: 2020, statement: x, appears_in: [just text], responds_to: [words]}\n",
        [
            (
                2,
                64,
                "E105",
                "claim appears_in must be a mapping of fields, not 'just text'",
                "write it as fields, e.g. {source: ...}; appearance fields are: source, url, quote, form, attributed_to, note",
            ),
            (
                2,
                90,
                "E105",
                "claim responds_to must be a mapping of fields, not 'words'",
                "write it as fields, e.g. {claim: ...}; response fields are: claim, relation",
            ),
        ],
        ["a"],
    ),
    "merge": (
        "claims:\n  - &a {id: a, speaker: s, date: 2020, statement: x}\n  - <<: *a\n    id: b\n",
        [
            (
                3,
                5,
                "E102",
                "merge keys (<<) are not supported; write the fields out",
                "fields are: id, speaker, date, statement, summary, venue, wording, about, tags, appears_in, sourcing, evidence, responds_to, verdict, context; keys starting with 'x-' are yours and ignored",
            ),
            (3, 5, "E104", "claim 'b' has no 'speaker'", "every claim needs: id, speaker, date, statement"),
            (3, 5, "E104", "claim 'b' has no 'date'", "every claim needs: id, speaker, date, statement"),
            (3, 5, "E104", "claim 'b' has no 'statement'", "every claim needs: id, speaker, date, statement"),
        ],
        ["a"],
    ),
    "unknown_field": (
        "claims:\n  - {id: a, speker: s, date: 2020, statement: x}\n",
        [
            (
                2,
                13,
                "E102",
                "unknown field 'speker' in claim",
                "did you mean 'speaker'? fields are: id, speaker, date, statement, summary, venue, wording, about, tags, appears_in, sourcing, evidence, responds_to, verdict, context; keys starting with 'x-' are yours and ignored",
            ),
            (2, 5, "E104", "claim 'a' has no 'speaker'", "every claim needs: id, speaker, date, statement"),
        ],
        [],
    ),
    "empty_req": (
        'claims:\n  - {id: a, summary: "", speaker: s, date: 2020, statement: "  "}\n',
        [
            (2, 5, "E104", "claim 'a' has an empty 'statement'", "every claim needs: id, speaker, date, statement"),
        ],
        [],
    ),
    "no_id": (
        "claims:\n  - {speaker: s, date: 2020, statement: x}\n",
        [
            (2, 5, "E104", "this claim has no 'id'", "every claim needs: id, speaker, date, statement"),
        ],
        [],
    ),
    "ids": (
        "speakers:\n  - {id: Bad Id!, name: N}\n  - {id: '---', name: N}\n  - {id: AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA, name: N}\n",
        [
            (
                2,
                10,
                "E107",
                "speaker id 'Bad Id!' is not a valid id",
                "ids use lower-case letters, digits and '-', start with a letter or digit, at most 80 characters such as 'bad-id'",
            ),
            (
                3,
                10,
                "E107",
                "speaker id '---' is not a valid id",
                "ids use lower-case letters, digits and '-', start with a letter or digit, at most 80 characters",
            ),
            (
                4,
                10,
                "E107",
                "speaker id 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' is not a valid id",
                "ids use lower-case letters, digits and '-', start with a letter or digit, at most 80 characters such as 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
            ),
        ],
        [],
    ),
    "badref": (
        "claims:\n  - {id: a, speaker: Bad Speaker, date: 2020-13-45, statement: {x: 1}, sourcing: {status: rumour}}\n",
        # `speaker: Bad Speaker` is E107 too, reported by checks.py, which can name the speaker
        # whose name it is (tests/test_hostile.py); the loader keeps it as a reference.
        [
            (
                2,
                41,
                "E108",
                "claim date '2020-13-45' is not a real date (month must be in 1..12)",
                "write dates as YYYY-MM-DD, or YYYY-MM or YYYY when the day is not known, or 'unknown' when the date is not known",
            ),
            (
                2,
                64,
                "E105",
                "claim statement must be text, not a mapping",
                "statement takes one text; to keep this as written, quote it: statement: '{x: 1}'",
            ),
            (
                2,
                91,
                "E106",
                "sourcing status 'rumour' is not one of: none, unspecified, anonymous, named, documented, unknown",
                "expected one of: none, unspecified, anonymous, named, documented, unknown",
            ),
        ],
        [],
    ),
    "tags": (
        "claims:\n  - {id: a, speaker: s, date: 2020, statement: x, tags: [a, ~, b, [c]]}\n",
        [
            (
                2,
                67,
                "E105",
                "claim tags must be text, not a list",
                "each item of tags is one text; to keep this as written, quote it: '[c]'",
            ),
        ],
        ["a"],
    ),
    "topkey": (
        "claim:\n  - {id: a}\n",
        [
            (
                1,
                1,
                "E101",
                "unknown top-level key 'claim'",
                "did you mean 'claims'? top-level keys are: speakers, sources, claims; keys starting with 'x-' are yours and ignored",
            ),
        ],
        [],
    ),
    "notmap": (
        "- a\n",
        [
            (
                1,
                1,
                "E003",
                "the file must be a mapping with speakers:, sources: or claims:, not a list",
                "start the file with 'claims:' and list the claims below it",
            ),
        ],
        [],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_message_and_hint(name):
    text, want, loaded = CASES[name]
    parsed = parse_text("x.yaml", text)
    got = [(d.location.line, d.location.column, d.code, d.message, d.hint) for d in parsed.diagnostics]
    assert got == want
    assert [c.id for c in parsed.claims] + [s.id for s in parsed.speakers] == loaded
    for d in parsed.diagnostics:
        lines = text.splitlines()
        # The excerpt is the offending line, as written (none past the end of the file).
        assert d.excerpt == (lines[d.location.line - 1] if d.location.line <= len(lines) else None)


def test_null_items_of_a_list_are_skipped_not_the_rest():
    (claim,) = parse_text("x.yaml", CASES["tags"][0]).claims
    assert claim.tags == ("a", "b")


def test_fields_after_a_bad_key_or_a_blank_value_are_still_read():
    parsed = parse_text(
        "x.yaml",
        'claims:\n  - {id: a, summary: "", speaker: s, id: b, date: 2020, statement: x}\n',
    )
    assert [(c.id, c.speaker, c.summary) for c in parsed.claims] == [("a", "s", None)]


def test_undecodable_bytes_point_at_the_byte_on_its_line():
    parsed = parse_bytes("x.yaml", b"\nclaims: caf\xe9\n")
    assert parsed.path == "x.yaml"
    assert [(d.location.line, d.location.column, d.code, d.message, d.hint) for d in parsed.diagnostics] == [
        (2, 12, "E002", "not UTF-8 text: byte 0xe9 cannot be decoded", "save the file as UTF-8")
    ]


def test_field_tables_are_built_once_on_first_use(monkeypatch):
    monkeypatch.setattr(loader, "_FIELDS", {})
    text = "claims:\n  - {id: a, speaker: s, date: 2020, statement: x}\n"
    assert [c.id for c in parse_text("x.yaml", text).claims] == ["a"]
    table = loader._FIELDS["claim"]
    assert list(table) == [
        "id",
        "speaker",
        "date",
        "statement",
        "summary",
        "venue",
        "wording",
        "about",
        "tags",
        "appears_in",
        "sourcing",
        "evidence",
        "responds_to",
        "verdict",
        "context",
    ]
    parse_text("x.yaml", text)
    assert loader._FIELDS["claim"] is table
