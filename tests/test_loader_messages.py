"""The loader's messages for text that is not a store yet: YAML errors with their hint, a value
written where a list belongs, a word that is not in the vocabulary. Pinned whole: place, message, hint.
"""

# ruff: noqa: E501 -- one case a line reads best
from __future__ import annotations

import pytest

from claimtrack.loader import parse_bytes, parse_text
from claimtrack.textsafe import QUOTE_LIMIT

# Words of a mapping without values, ", "-joined to exactly QUOTE_LIMIT characters.
WORDS_AT_LIMIT = ", ".join(["ab"] * 28 + ["c" * (QUOTE_LIMIT - len(", ".join(["ab"] * 28)) - 2)])

CASES = [
    # (text, code, line, column, message, hint)
    (
        "a: b: c\n",
        "E001",
        1,
        5,
        "not valid YAML: mapping values are not allowed in this context",
        "a value containing ': ' needs quotes around it",
    ),
    (
        "claims:\n\t- id: x\n",
        "E001",
        2,
        1,
        "not valid YAML: while scanning for the next token found character that cannot start any token",
        "indent with spaces, not tabs",
    ),
    (
        "claims: *nope\n",
        "E001",
        1,
        9,
        "not valid YAML: found undefined alias",
        "'*' starts an alias in YAML; quote the text if you meant a literal '*'",
    ),
    (
        "claims: []\n---\nclaims: []\n",
        "E001",
        2,
        1,
        "not valid YAML: expected a single document in the stream but found another document",
        "a store file holds one document: remove the second '---'",
    ),
    (
        'claims: ["\\q"]\n',
        "E001",
        1,
        11,
        "not valid YAML: while parsing a quoted scalar found unknown escape character",
        "in double quotes a backslash starts an escape; use single quotes or write '\\\\'",
    ),
    (
        "claims: [\n",
        "E001",
        2,
        1,
        "not valid YAML: while parsing a flow node did not find expected node content",
        "check the indentation and quoting at this spot",
    ),
    (
        "éé: b: c\n",
        "E001",
        1,
        6,
        "not valid YAML: mapping values are not allowed in this context",
        "a value containing ': ' needs quotes around it",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, responds_to: other-claim}\n",
        "E105",
        2,
        64,
        "claim responds_to must be a list of mappings, not 'other-claim'",
        "write it as a list of responses: responds_to: [{claim: other-claim, relation: ...}]; relation is one of: denies, rebuts, counters, questions, supports, corroborates, repeats, clarifies, retracts",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, appears_in: https://x.invalid/a}\n",
        "E105",
        2,
        63,
        "claim appears_in must be a list of mappings, not 'https://x.invalid/a'",
        "write it as a list of appearances: appears_in: [{url: https://x.invalid/a}]",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, appears_in: src}\n",
        "E105",
        2,
        63,
        "claim appears_in must be a list of mappings, not 'src'",
        "write it as a list of appearances: appears_in: [{source: src}]",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, evidence: a memo}\n",
        "E105",
        2,
        61,
        "claim evidence must be a list of mappings, not 'a memo'",
        "write it as a list of evidences: evidence: [{description: a memo}]",
    ),
    (
        "speakers:\n  - {id: s, name: S, kind: persn}\n",
        "E106",
        2,
        28,
        "speaker kind 'persn' is not one of: person, organization, government, media, unknown",
        "did you mean 'person'? expected one of: person, organization, government, media, unknown",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, sourcing: {status: nonee}}\n",
        "E106",
        2,
        70,
        "sourcing status 'nonee' is not one of: none, unspecified, anonymous, named, documented, unknown",
        "did you mean 'none'? expected one of: none, unspecified, anonymous, named, documented, unknown",
    ),
    (
        "speakers:\n  - {id: s, name: S, kind: zzzzzz}\n",
        "E106",
        2,
        28,
        "speaker kind 'zzzzzz' is not one of: person, organization, government, media, unknown",
        "expected one of: person, organization, government, media, unknown",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, appears_in: ''}\n",
        "E105",
        2,
        63,
        "claim appears_in must be a list of mappings, not ''",
        "write it as a list of appearances: appears_in: [{source: ...}]",
    ),
    (
        "claims:\n  - id: a\n    note: é\x07\n",
        "E001",
        3,
        12,
        "not valid YAML: control characters are not allowed",
        'write control characters as escapes inside double quotes, e.g. "\\e" or "\\x07"',
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, appears_in: [src]}\n",
        "E105",
        2,
        64,
        "claim appears_in must be a mapping of fields, not 'src'",
        "write it as fields, e.g. {source: ...}; appearance fields are: source, url, quote, form, attributed_to, note",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, sourcing: [none]}\n",
        "E105",
        2,
        61,
        "claim sourcing must be a mapping of fields, not a list",
        "write it as fields, e.g. {status: ...}; sourcing fields are: status, note",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, sourcing: {status: half-true}}\n",
        "E106",
        2,
        70,
        "sourcing status 'half-true' is not one of: none, unspecified, anonymous, named, documented, unknown",
        "expected one of: none, unspecified, anonymous, named, documented, unknown",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, <<: {tags: [a]}}\n",
        "E102",
        2,
        51,
        "merge keys (<<) are not supported; write the fields out",
        "fields are: id, speaker, date, statement, summary, venue, wording, about, tags, appears_in, sourcing, evidence, responds_to, verdict, context; keys starting with 'x-' are yours and ignored",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: ''}\n",
        "E104",
        2,
        5,
        "claim 'c' has an empty 'statement'",
        "every claim needs: id, speaker, date, statement",
    ),
    (  # a ligature pasted from a PDF is folded, as names are: 'ﬁlse' is 'false', not 'mostly-false'
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, verdict: {rating: \ufb01lse}}\n",
        "E106",
        2,
        69,
        "verdict rating '\ufb01lse' is not one of: true, mostly-true, mixed, misleading, mostly-false, false, unproven",
        "did you mean 'false'? expected one of: true, mostly-true, mixed, misleading, mostly-false, false, unproven",
    ),
    # A blank item of a list is a value without its text (E104), left out; `~` is absent and skipped.
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, tags: [iraq, '', ~]}\n",
        "E104",
        2,
        64,
        "claim tags has an empty item",
        "remove the empty item from tags, or write the text it was meant to hold",
    ),
    (
        'claims:\n  - {id: c, speaker: s, date: 2020, statement: x, about: ["  "]}\n',
        "E104",
        2,
        59,
        "claim about has an empty item",
        "remove the empty item from about, or write the text it was meant to hold",
    ),
    (
        "speakers:\n  - id: s\n    name: S\n    aliases:\n      - Esse\n      - ''\n",
        "E104",
        6,
        9,
        "speaker aliases has an empty item",
        "remove the empty item from aliases, or write the text it was meant to hold",
    ),
    (
        "speakers:\n  - {id: s, name: S, members: [a, '']}\n",
        "E104",
        2,
        35,
        "speaker members has an empty item",
        "remove the empty item from members, or write the id it was meant to hold",
    ),
    # A list or mapping where one value belongs (E105): the hint says what to write instead.
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: [inaudible]}\n",
        "E105",
        2,
        48,
        "claim statement must be text, not a list",
        "statement takes one text; to keep this as written, quote it: statement: '[inaudible]'",
    ),
    (  # a quote inside is doubled, as single quotes in YAML want it
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, summary: {it's: odd}}\n",
        "E105",
        2,
        60,
        "claim summary must be text, not a mapping",
        "summary takes one text; to keep this as written, quote it: summary: '{it''s: odd}'",
    ),
    (  # written over lines: nothing to quote back
        "claims:\n  - id: c\n    speaker: s\n    date: 2020\n    statement:\n      - one\n      - two\n",
        "E105",
        6,
        7,
        "claim statement must be text, not a list",
        "statement takes one text: write it after 'statement:' on one line, or indented below 'statement: >-'",
    ),
    (  # an anchor before the list is not part of the text
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, venue: &v [a]}\n",
        "E105",
        2,
        58,
        "claim venue must be text, not a list",
        "venue takes one text: write it after 'venue:' on one line, or indented below 'venue: >-'",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, tags: [a, [b, c]]}\n",
        "E105",
        2,
        61,
        "claim tags must be text, not a list",
        "each item of tags is one text; to keep this as written, quote it: '[b, c]'",
    ),
    (
        "claims:\n  - id: c\n    speaker: s\n    date: 2020\n    statement: x\n    tags:\n      - a: b\n",
        "E105",
        7,
        9,
        "claim tags must be text, not a mapping",
        "each item of tags is one text: tags: [first, second], or one '- ' line each",
    ),
    (  # {a, b} is a mapping of keys without values: the list meant has the same words
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, tags: {iraq, us-troops}}\n",
        "E105",
        2,
        57,
        "claim tags must be a list of text, not a mapping",
        "write a list in square brackets: tags: [iraq, us-troops]",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, about: {iran: yes}}\n",
        "E105",
        2,
        58,
        "claim about must be a list of text, not a mapping",
        "write about: [first, second], or one '- ' line each below 'about:'",
    ),
    (
        "speakers:\n  - {id: g, name: G, members: {a: b}}\n",
        "E105",
        2,
        31,
        "speaker members must be a list of ids, not a mapping",
        "write members: [first-id, second-id], or one '- ' line each below 'members:'",
    ),
    (
        "speakers:\n  - {id: g, name: G, members: [a, [b]]}\n",
        "E105",
        2,
        35,
        "speaker members must be text, not a list",
        "each item of members is one id: members: [first-id, second-id]",
    ),
    (  # an id, date or word of a vocabulary takes one value: the list's first is offered
        "claims:\n  - {id: c, speaker: s, date: [2020-01, 2020-02], statement: x}\n",
        "E105",
        2,
        31,
        "claim date must be text, not a list",
        "date takes one value: date: 2020-01",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: 2020, statement: x, wording: {a: b}}\n",
        "E105",
        2,
        60,
        "claim wording must be text, not a mapping",
        "wording takes one value, written after 'wording:'",
    ),
    (
        "claims:\n  - {[x]: c, id: c, speaker: s, date: 2020, statement: x}\n",
        "E105",
        2,
        6,
        "a key in this claim must be a plain word, not a list",
        "write the key as a plain name before its ':', without brackets or braces; claim fields are: id, speaker, date, statement, summary, venue, wording, about, tags, appears_in, sourcing, evidence, responds_to, verdict, context",
    ),
    (
        "? {claims: x}\n: y\n",
        "E105",
        1,
        3,
        "a key in the file must be a plain word, not a mapping",
        "write the key as a plain name before its ':', without brackets or braces; top-level keys are: speakers, sources, claims",
    ),
    (  # a list written over lines, even one whose first line ends in a bracket (a comment's), is not quoted back
        "claims:\n  - id: c\n    speaker: s\n    date: 2020\n    statement: [a, # note]\n" + " " * 30 + "b]\n",
        "E105",
        5,
        16,
        "claim statement must be text, not a list",
        "statement takes one text: write it after 'statement:' on one line, or indented below 'statement: >-'",
    ),
    (  # quoted back up to QUOTE_LIMIT characters, not one more
        f"claims:\n  - {{id: c, speaker: s, date: 2020, statement: [{'x' * (QUOTE_LIMIT - 2)}]}}\n",
        "E105",
        2,
        48,
        "claim statement must be text, not a list",
        f"statement takes one text; to keep this as written, quote it: statement: '[{'x' * (QUOTE_LIMIT - 2)}]'",
    ),
    (
        f"claims:\n  - {{id: c, speaker: s, date: 2020, statement: [{'x' * (QUOTE_LIMIT - 1)}]}}\n",
        "E105",
        2,
        48,
        "claim statement must be text, not a list",
        "statement takes one text: write it after 'statement:' on one line, or indented below 'statement: >-'",
    ),
    (  # the words of {a, b} in brackets up to QUOTE_LIMIT characters, not one more
        f"claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, tags: {{{WORDS_AT_LIMIT}}}}}\n",
        "E105",
        2,
        57,
        "claim tags must be a list of text, not a mapping",
        f"write a list in square brackets: tags: [{WORDS_AT_LIMIT}]",
    ),
    (
        f"claims:\n  - {{id: c, speaker: s, date: 2020, statement: x, tags: {{{WORDS_AT_LIMIT}d}}}}\n",
        "E105",
        2,
        57,
        "claim tags must be a list of text, not a mapping",
        "write tags: [first, second], or one '- ' line each below 'tags:'",
    ),
    (  # no first value to offer: an empty list or mapping, a first value over lines
        "claims:\n  - {id: c, speaker: s, date: [], statement: x}\n",
        "E105",
        2,
        31,
        "claim date must be text, not a list",
        "date takes one value, written after 'date:'",
    ),
    (
        "claims:\n  - {id: c, speaker: s, date: {}, statement: x}\n",
        "E105",
        2,
        31,
        "claim date must be text, not a mapping",
        "date takes one value, written after 'date:'",
    ),
    (
        'claims:\n  - {id: c, speaker: s, date: ["2020\\n2021"], statement: x}\n',
        "E105",
        2,
        31,
        "claim date must be text, not a list",
        "date takes one value, written after 'date:'",
    ),
    (  # one id where a list of ids belongs, and the other way round
        "speakers:\n  - {id: g, name: G, members: {a, b}}\n",
        "E105",
        2,
        31,
        "speaker members must be a list of ids, not a mapping",
        "write a list in square brackets: members: [a, b]",
    ),
    (
        "claims:\n  - {id: c, speaker: [zarif, trump], date: 2020, statement: x}\n",
        "E105",
        2,
        22,
        "claim speaker must be text, not a list",
        "speaker takes one value: speaker: zarif",
    ),
    # parse_text is given text, not bytes (edits and capture use it): a lone surrogate, which is what
    # bytes that are not UTF-8 decode to with 'surrogateescape', is said as a byte that is not UTF-8 is.
    (
        'claims:\n  - {id: c, speaker: s, date: 2020, statement: "caf\udce9"}\n',
        "E002",
        2,
        52,
        "not UTF-8 text: U+DCE9 is half of a surrogate pair, not a character",
        "it stands for a byte that is not UTF-8 (typed or piped in another encoding?): write the text as UTF-8",
    ),
]


@pytest.mark.parametrize(
    ("text", "code", "line", "column", "message", "hint"), CASES, ids=[f"case{n}" for n in range(len(CASES))]
)
def test_one_clear_diagnostic(text, code, line, column, message, hint):
    (found,) = parse_text("a.yaml", text).diagnostics
    assert (found.code, found.location.line, found.location.column) == (code, line, column)
    assert (found.message, found.hint) == (message, hint)


def test_a_problem_on_the_first_line_shows_that_line_without_a_byte_order_mark():
    for text in ("claim: []\n", "\ufeffclaim: []\n"):
        parsed = parse_text("a.yaml", text)
        (found,) = parsed.diagnostics
        assert (parsed.path, found.location.line, found.location.column) == ("a.yaml", 1, 1)
        assert found.excerpt == "claim: []"


def test_a_bad_value_used_again_through_an_alias_is_said_once():
    text = (
        "claims:\n"
        "  - {id: a, speaker: s, date: &when 2020-13-45, statement: x}\n"
        "  - {id: b, speaker: s, date: *when, statement: y}\n"
    )
    (found,) = parse_text("a.yaml", text).diagnostics
    assert (found.code, found.location.line, found.location.column) == ("E108", 2, 31)


def test_a_byte_that_is_not_utf_8_after_a_leading_newline_is_at_column_1():
    parsed = parse_bytes("a.yaml", b"\n\xff")
    assert parsed.path == "a.yaml"
    (found,) = parsed.diagnostics
    assert (found.code, found.location.line, found.location.column) == ("E002", 2, 1)


def test_nesting_past_libyamls_limit_is_one_yaml_error_at_its_place():
    (found,) = parse_text("a.yaml", "claims: " + "[" * 2000 + "]" * 2000 + "\n").diagnostics
    assert (found.code, found.location.line) == ("E001", 1)
    assert found.message == "not valid YAML: while increasing flow level exceeded maximum nesting depth"
