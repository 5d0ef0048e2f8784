"""loader.parse_text / parse_bytes on their own: one file's text in, records and problems out."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack import codes
from claimtrack.loader import ParsedFile, outline, parse_bytes, parse_text
from claimtrack.model import PartialDate
from claimtrack.schema import CLAIM, SOURCE, SPEAKER

ALL_CODES = {c.code for c in codes.ALL_CODES}
BUNDLED = Path(__file__).resolve().parent.parent / "claims"


def parse(text: str) -> ParsedFile:
    return parse_text("x.yaml", textwrap.dedent(text))


def codes_of(parsed: ParsedFile) -> list[str]:
    return [d.code for d in parsed.diagnostics]


def where(parsed: ParsedFile) -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.code) for d in parsed.diagnostics]


# --- positions -------------------------------------------------------------

POSITIONED = """\
claims:
  - id: first
    speaker: s
    date: 2020-04
    statement: |
      line one
      line two
    appears_in:
      - source: src
        quote: "q"
    sourcing:
      status: none
  - {id: second, speaker: s, date: 2020, statement: flow style}
"""


def test_record_and_field_positions():
    parsed = parse_text("x.yaml", POSITIONED)
    assert parsed.diagnostics == []
    first, second = parsed.claims
    assert (first.path, first.line, first.column) == ("x.yaml", 2, 5)
    assert first.positions == {
        "id": (2, 9),
        "speaker": (3, 14),
        "date": (4, 11),
        "statement": (5, 16),
        "appears_in": (9, 7),
        "sourcing": (12, 7),
    }
    appearance = first.appears_in[0]
    assert (appearance.line, appearance.column) == (9, 9)
    assert appearance.positions == {"source": (9, 17), "quote": (10, 16)}
    assert (first.sourcing.line, first.sourcing.column) == (12, 7)
    assert first.sourcing.positions == {"status": (12, 15)}
    assert (second.line, second.column) == (13, 5)
    assert second.positions["statement"] == (13, 53)
    assert first.location_of("date").line == 4 and first.location_of("date").column == 11
    # A field that is not in the file points at the record.
    assert (first.location_of("verdict").line, first.location_of("verdict").column) == (2, 5)


def test_diagnostic_excerpt_is_the_offending_line():
    parsed = parse(
        """\
        claims:
          - id: Bad_Id
            speaker: s
        """
    )
    bad = [d for d in parsed.diagnostics if d.code == "E107"]
    assert len(bad) == 1
    assert (bad[0].location.line, bad[0].location.column) == (2, 9)
    assert bad[0].excerpt == "  - id: Bad_Id"


# --- block scalars and exact text --------------------------------------------


def test_block_scalars():
    parsed = parse(
        """\
        claims:
          - id: a
            speaker: s
            date: 2020-01-01
            statement: |
              Line one
                indented two
            summary: >-
              folded
              onto one line
            context: >
              folded with
              a final newline
        """
    )
    (claim,) = parsed.claims
    assert claim.statement == "Line one\n  indented two"
    assert claim.summary == "folded onto one line"
    assert claim.context == "folded with a final newline"


@pytest.mark.parametrize(
    "written, kept",
    [
        ("1.10", "1.10"),
        ("1.0", "1.0"),
        ("0o17", "0o17"),
        ("012", "012"),
        ("1e3", "1e3"),
        ("12:30", "12:30"),  # sexagesimal in YAML 1.1
        ("2020-04-01", "2020-04-01"),
        ('"null"', "null"),
        ("'yes'", "yes"),
        ("0x1F", "0x1F"),
        (".inf", ".inf"),
        ('"[sic] text"', "[sic] text"),
    ],
)
def test_text_is_kept_as_written(written, kept):
    parsed = parse_text("x.yaml", f"claims:\n  - id: a\n    speaker: s\n    date: 2020\n    statement: {written}\n")
    assert [c.statement for c in parsed.claims] == [kept]
    assert parsed.diagnostics == []


@pytest.mark.parametrize("word", ["no", "No", "NO", "yes", "on", "off", "true", "False"])
def test_yaml11_boolean_word_stays_text_with_a_warning(word):
    parsed = parse_text("x.yaml", f"claims:\n  - id: a\n    speaker: s\n    date: 2020\n    statement: {word}\n")
    assert [c.statement for c in parsed.claims] == [word]
    assert where(parsed) == [(5, 16, "W202")]
    assert f"'{word}'" in parsed.diagnostics[0].message


def test_quoted_boolean_word_has_no_warning():
    parsed = parse("""\
        speakers:
          - {id: s, name: "no", aliases: ["no", 'off', Norway]}
        """)
    assert parsed.diagnostics == []
    assert parsed.speakers[0].name == "no"
    assert parsed.speakers[0].aliases == ("no", "off", "Norway")


def test_no_in_alias_list_warns_and_is_kept():
    parsed = parse("""\
        speakers:
          - id: s
            name: S
            aliases: [Speaker, no, y, n]
        """)
    assert where(parsed) == [(4, 24, "W202")]
    assert parsed.speakers[0].aliases == ("Speaker", "no", "y", "n")


# --- dates -------------------------------------------------------------------


def test_partial_dates_sort_as_their_first_day():
    parsed = parse("""\
        claims:
          - {id: day, speaker: s, date: 2020-04-02, statement: x}
          - {id: month, speaker: s, date: 2020-04, statement: x}
          - {id: year, speaker: s, date: 2020, statement: x}
          - {id: earlier, speaker: s, date: 2019-12-31, statement: x}
        """)
    assert parsed.diagnostics == []
    by_id = {c.id: c.date for c in parsed.claims}
    assert by_id["year"] == PartialDate(dt.date(2020, 1, 1), "2020")
    assert by_id["month"].first_day == dt.date(2020, 4, 1)
    assert str(by_id["month"]) == "2020-04" and by_id["year"].text == "2020"
    assert [c.id for c in sorted(parsed.claims, key=lambda c: c.date)] == ["earlier", "year", "month", "day"]


@pytest.mark.parametrize(
    "date, ok",
    [
        ("2020-02-29", True),
        ("2019-02-29", False),
        ("2020-13-45", False),
        ("2020-00", False),
        ("2020-1-5", False),
        ("20200101", False),
        ("2020-04-01T10:00", False),
        ("April 2020", False),
        ('"2020-04-01"', True),
        ("0000", False),
    ],
)
def test_dates(date, ok):
    parsed = parse_text("x.yaml", f"claims:\n  - id: a\n    speaker: s\n    date: {date}\n    statement: x\n")
    if ok:
        assert len(parsed.claims) == 1 and parsed.diagnostics == []
    else:
        assert parsed.claims == []
        assert where(parsed) == [(4, 11, "E108")]
        assert date in parsed.diagnostics[0].message


def test_bad_date_keeps_the_other_records_of_the_file():
    parsed = parse("""\
        claims:
          - {id: a, speaker: s, date: 2020-13-45, statement: bad}
          - {id: b, speaker: s, date: 2020-12-31, statement: good}
        speakers:
          - {id: s, name: S}
        """)
    assert [c.id for c in parsed.claims] == ["b"]
    assert [s.id for s in parsed.speakers] == ["s"]
    assert codes_of(parsed) == ["E108"]


# --- x- keys, empty files, null sections --------------------------------------


def test_x_keys_are_ignored_everywhere():
    parsed = parse("""\
        x-notes: {anything: [1, 2, {deep: true}]}
        x-list: [a, b]
        claims:
          - id: a
            speaker: s
            date: 2020
            statement: x
            x-mine: whatever
            sourcing: {status: none, x-reviewer: me}
            appears_in: [{source: src, x-page: 3}]
        speakers:
          - {id: s, name: S, x-twitter: "@s"}
        """)
    assert parsed.diagnostics == []
    assert [c.id for c in parsed.claims] == ["a"]
    assert "x-mine" not in parsed.claims[0].positions
    assert parsed.claims[0].sourcing.status == "none"
    assert parsed.claims[0].appears_in[0].source == "src"


def test_unknown_keys_that_only_look_like_x_keys_are_errors():
    parsed = parse("""\
        x_notes: 1
        claims:
          - {id: a, speaker: s, date: 2020, statement: x, X-mine: 1}
        """)
    assert where(parsed) == [(1, 1, "E101"), (3, 51, "E102")]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n", "null\n", "---\n...\n"])
def test_empty_file_is_fine(text):
    parsed = parse_text("x.yaml", text)
    assert (parsed.speakers, parsed.sources, parsed.claims, parsed.diagnostics) == ([], [], [], [])


def test_null_sections_are_fine():
    parsed = parse("""\
        speakers:
        sources: ~
        claims: null
        """)
    assert (parsed.speakers, parsed.sources, parsed.claims, parsed.diagnostics) == ([], [], [], [])


def test_empty_lists_and_null_optional_fields():
    parsed = parse("""\
        speakers: []
        claims:
          - id: a
            speaker: s
            date: 2020
            statement: x
            summary:
            tags: []
            about: ~
            sourcing: null
        """)
    assert parsed.diagnostics == []
    (claim,) = parsed.claims
    assert claim.summary is None and claim.tags == () and claim.about == () and claim.sourcing is None


# --- shapes that are accepted --------------------------------------------------


def test_tags_and_about_as_a_single_string():
    parsed = parse("""\
        claims:
          - {id: a, speaker: s, date: 2020, statement: x, tags: iraq, about: iran}
        speakers:
          - {id: s, name: S, aliases: Esse}
        """)
    assert parsed.diagnostics == []
    assert parsed.claims[0].tags == ("iraq",)
    assert parsed.claims[0].about == ("iran",)
    assert parsed.speakers[0].aliases == ("Esse",)


def test_single_mapping_in_place_of_a_list():
    parsed = parse("""\
        claims:
          id: a
          speaker: s
          date: 2020
          statement: x
          appears_in: {source: src, quote: q}
        """)
    assert parsed.diagnostics == []
    assert [c.id for c in parsed.claims] == ["a"]
    assert [a.source for a in parsed.claims[0].appears_in] == ["src"]


def test_defaults_and_nested_records_load():
    parsed = parse("""\
        speakers:
          - {id: s, name: S}
        sources:
          - {id: src, published: 2020-04, kind: post, author: s}
        claims:
          - id: a
            speaker: s
            date: 2020-04-01
            statement: x
            evidence: [{description: d, source: src, url: "https://e.org"}]
            responds_to: [{claim: b, relation: denies}]
            verdict: {rating: mostly-false, by: s, date: 2020-05, label: Pants on fire}
        """)
    assert parsed.diagnostics == []
    assert parsed.speakers[0].kind == "person" and parsed.speakers[0].aliases == ()
    assert parsed.sources[0].published.text == "2020-04" and parsed.sources[0].author == "s"
    claim = parsed.claims[0]
    assert claim.evidence[0].url == "https://e.org"
    assert [(link.claim, link.relation, link.stance) for link in claim.responds_to] == [("b", "denies", "opposing")]
    assert claim.verdict.rating == "mostly-false" and claim.verdict.label == "Pants on fire"
    assert claim.verdict.date.first_day == dt.date(2020, 5, 1)
    assert claim.status == "unknown" and claim.headline == "x"


# --- invalid values -----------------------------------------------------------


def test_invalid_optional_values_are_dropped_and_the_record_loads():
    parsed = parse("""\
        speakers:
          - {id: s, name: S, kind: robot, role: [a]}
        claims:
          - id: a
            speaker: s
            date: 2020
            statement: x
            summary: [not, text]
            sourcing: {status: rumour}
            appears_in:
              - {quote: no source here}
              - {source: good}
            responds_to:
              - {claim: b, relation: agrees}
              - {claim: c, relation: supports}
        """)
    assert where(parsed) == [
        (2, 28, "E106"),
        (2, 41, "E105"),
        (8, 14, "E105"),
        (9, 24, "E106"),
        (11, 9, "E114"),  # (1.1) an appearance needs a source or a url
        (14, 30, "E106"),
    ]
    speaker = parsed.speakers[0]
    assert speaker.kind == "person" and speaker.role is None
    claim = parsed.claims[0]
    assert claim.summary is None and claim.sourcing is None
    assert [a.source for a in claim.appears_in] == ["good"]
    assert [link.claim for link in claim.responds_to] == ["c"]
    assert "summary" not in claim.positions and "sourcing" not in claim.positions


@pytest.mark.parametrize("missing", ["id", "speaker", "date", "statement"])
def test_record_missing_a_required_field_is_dropped(missing):
    fields = {"id": "a", "speaker": "s", "date": "2020", "statement": "x"}
    del fields[missing]
    body = "".join(f"    {k}: {v}\n" for k, v in fields.items())
    text = "claims:\n  - x-first: 1\n" + body + "  - {id: ok, speaker: s, date: 2020, statement: y}\n"
    parsed = parse_text("x.yaml", text)
    assert [c.id for c in parsed.claims] == ["ok"]
    assert where(parsed) == [(2, 5, "E104")]
    assert f"no '{missing}'" in parsed.diagnostics[0].message
    if missing != "id":
        assert "claim 'a'" in parsed.diagnostics[0].message


def test_required_field_null_counts_as_missing():
    parsed = parse("""\
        speakers:
          - {id: s, name: ~}
          - {id: t, name: null}
          - {id: u}
        """)
    assert parsed.speakers == []
    assert codes_of(parsed) == ["E104", "E104", "E104"]


@pytest.mark.parametrize(
    "text",
    [
        'claims:\n  - {id: a, speaker: s, date: 2020, statement: ""}\n',
        "claims:\n  - {id: a, speaker: s, date: 2020, statement: '   '}\n",
        'speakers:\n  - {id: s, name: ""}\n',
    ],
)
def test_empty_required_text_is_missing(text):
    parsed = parse_text("x.yaml", text)
    assert parsed.claims == [] and parsed.speakers == []
    assert codes_of(parsed) == ["E104"]


def test_wrong_shapes():
    parsed = parse("""\
        claims:
          -
          - just text
          - [a, list]
        sources: {id: Bad Id}
        speakers: a word
        """)
    assert where(parsed) == [
        (2, 4, "E105"),
        (3, 5, "E105"),
        (4, 5, "E105"),
        (5, 15, "E107"),
        (6, 11, "E105"),
    ]
    assert parsed.claims == [] and parsed.sources == [] and parsed.speakers == []


def test_non_scalar_key():
    parsed = parse("""\
        ? [a, b]
        : value
        claims: []
        """)
    assert where(parsed) == [(1, 3, "E105")]


def test_duplicate_keys_first_wins():
    parsed = parse("""\
        claims:
          - id: a
            speaker: s
            date: 2020
            statement: first
            statement: second
        claims:
          - {id: b, speaker: s, date: 2020, statement: ignored}
        """)
    found = sorted(parsed.diagnostics, key=lambda d: d.sort_key())
    assert [(d.location.line, d.location.column, d.code) for d in found] == [(6, 5, "E103"), (7, 1, "E103")]
    assert [(c.id, c.statement) for c in parsed.claims] == [("a", "first")]
    assert "'statement' is given twice in this claim (first on line 5)" in found[0].message
    assert "'claims' is given twice in the file (first on line 1)" in found[1].message


def test_ids():
    long_ok = "a" * 80
    too_long = "a" * 81
    parsed = parse_text(
        "x.yaml",
        "speakers:\n"
        + "".join(
            f"  - {{id: {i}, name: N}}\n"
            for i in (long_ok, too_long, "9-lives", "-dash", "UPPER", "under_score", "space d", "é", "ok-")
        ),
    )
    assert [s.id for s in parsed.speakers] == [long_ok, "9-lives", "ok-"]
    assert [d.location.line for d in parsed.diagnostics] == [3, 5, 6, 7, 8, 9]
    assert set(codes_of(parsed)) == {"E107"}
    assert "'under-score'" in parsed.diagnostics[3].hint


# --- syntax and encoding -------------------------------------------------------


@pytest.mark.parametrize(
    "text, line, column, words",
    [
        ("claims:\n  - id: a\n    statement: He said: no\n", 3, 23, "mapping values are not allowed"),
        ("claims:\n  - id: a\n\tspeaker: s\n", 3, 1, "tab"),
        ("claims: [a, b\n", 2, 1, "flow"),
        ("claims:\n  - id: *nothing\n", 2, 9, "undefined alias"),
        ("claims: []\n---\nclaims: []\n", 2, 1, "single document"),
        ('claims:\n  - statement: "bad \\q escape"\n', 2, 21, "escape"),
        ("claims:\n  - statement: é\x07\n", 2, 17, "control characters"),
    ],
)
def test_yaml_syntax_errors(text, line, column, words):
    parsed = parse_text("x.yaml", text)
    assert parsed.claims == [] and parsed.speakers == [] and parsed.sources == []
    assert where(parsed) == [(line, column, "E001")]
    assert words in parsed.diagnostics[0].message + " " + (parsed.diagnostics[0].hint or "")


def test_top_level_not_a_mapping():
    for text, what in (("- a\n- b\n", "a list"), ("just words\n", "'just words'"), ('""\n', "''")):
        parsed = parse_text("x.yaml", text)
        assert where(parsed) == [(1, 1, "E003")]
        assert what in parsed.diagnostics[0].message


def test_parse_bytes_utf8_bom_and_invalid_bytes():
    bom = b"\xef\xbb\xbf"
    parsed = parse_bytes("x.yaml", bom + b"claims:\n  - {id: a, speaker: s, date: 2020, statement: caf\xc3\xa9}\n")
    assert parsed.diagnostics == []
    assert parsed.claims[0].statement == "caf\u00e9" and parsed.claims[0].line == 2
    parsed = parse_bytes("x.yaml", b"claims:\n  - id: a\n    statement: caf\xe9\n")
    assert parsed.claims == []
    assert where(parsed) == [(3, 19, "E002")]
    assert "0xe9" in parsed.diagnostics[0].message


def test_parse_bytes_column_counts_characters():
    # 'éé' are two characters (four bytes); the bad byte is the 26th character of its line.
    parsed = parse_bytes("x.yaml", b"claims:\n  - {id: a, statement: \xc3\xa9\xc3\xa9\xff}\n")
    assert where(parsed) == [(2, 26, "E002")]


# --- properties: never raises, always well-formed diagnostics ---------------------

FIELD_NAMES = sorted(
    {
        *SPEAKER.names,
        *SOURCE.names,
        *CLAIM.names,
        "speakers",
        "sources",
        "claims",
        "status",
        "rating",
        "source",
        "claim",
        "relation",
        "quote",
        "note",
        "by",
        "description",
        "x-mine",
        "speker",
    }
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.dates().map(str),
    st.sampled_from(["no", "yes", "2020-13-45", "2020-04", "none", "denies", "Bad Id", "a", "s", "1.10", ""]),
    st.text(max_size=20),
)
DOCS = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELD_NAMES), children, max_size=6),
    ),
    max_leaves=25,
)
VALID = (BUNDLED / "2020-04-sneak-attack.yaml").read_text(encoding="utf-8")
FAST = settings()  # examples and deadline from the profile (conftest.py)


def well_formed(parsed: ParsedFile, text: str | None = None) -> None:
    assert isinstance(parsed, ParsedFile)
    for record in (*parsed.speakers, *parsed.sources, *parsed.claims):
        assert record.line >= 1 and record.column >= 1
    for d in parsed.diagnostics:
        assert d.location.path == "x.yaml"
        assert d.location.line >= 1 and d.location.column >= 1, d
        assert d.code in ALL_CODES, d
        assert d.severity in ("error", "warning")
        assert d.message
        if text is not None:
            # Never a line past the end of the file (one past the last line break at most).
            assert d.location.line <= len(text.splitlines()) + 1, d


@FAST
@given(st.text())
def test_any_text_never_raises(text):
    well_formed(parse_text("x.yaml", text), text)


SURROGATE = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)


@FAST
@given(st.text(st.characters() | SURROGATE | st.sampled_from(":-[]{}'\"\n ")))
def test_text_with_lone_surrogates_never_raises(text):
    """parse_text takes text from elsewhere than files too (edits, capture), where bytes that are not
    UTF-8 may have been decoded to lone surrogates: one E002 at the first of them, as parse_bytes says
    a byte that is not UTF-8, and nothing else."""
    parsed = parse_text("x.yaml", text)
    well_formed(parsed, text)
    body = text.removeprefix("\ufeff")
    bad = [i for i, ch in enumerate(body) if "\ud800" <= ch <= "\udfff"]
    if bad:
        (found,) = parsed.diagnostics
        head = body[: bad[0]]
        place = (head.count("\n") + 1, bad[0] - head.rfind("\n"))
        assert (found.code, found.location.line, found.location.column) == ("E002", *place)
        assert f"U+{ord(body[bad[0]]):04X}" in found.message
        assert (parsed.claims, parsed.speakers, parsed.sources) == ([], [], [])


def test_a_lone_surrogate_has_no_outline():
    # outline() is for edits, which then refuse the file as they refuse text that is not YAML.
    assert outline("claims:\n  - {id: c, statement: caf\udce9}\n") is None
    assert outline("claims:\n  - {id: c, statement: caf\u00e9}\n") is not None


@FAST
@given(st.dictionaries(st.sampled_from(FIELD_NAMES), DOCS, max_size=4) | DOCS)
def test_any_yaml_document_never_raises(doc):
    text = yaml.safe_dump(doc, allow_unicode=True)
    well_formed(parse_text("x.yaml", text), text)


MUTATION_CHARS = ":-[]{}&*!|>'\"%@`#,? \t\n\x00\x07\u00e9\ufeff\u2028\x85~"


@st.composite
def mutated_store_file(draw):
    lines = VALID.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "insert"]))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(draw(st.integers(0, len(lines))), lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            line = lines[i]
            at = draw(st.integers(0, len(line)))
            bit = draw(st.text(alphabet=MUTATION_CHARS, min_size=1, max_size=3))
            lines[i] = line[:at] + bit + line[at:]
    return "".join(lines)


@FAST
@given(mutated_store_file())
def test_mutated_store_file_never_raises(text):
    parsed = parse_text("x.yaml", text)
    well_formed(parsed, text)
    assert parsed.claims or parsed.speakers or parsed.sources or parsed.diagnostics


@st.composite
def store_bytes(draw):
    """A store file's bytes, half of them with a stray byte: random bytes alone nearly always stop at decoding."""
    data = bytearray(draw(mutated_store_file()).encode("utf-8"))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(data)))
        data[at:at] = bytes([draw(st.integers(0x80, 0xFF))])
    return bytes(data)


@FAST
@given(st.binary() | store_bytes())
def test_any_bytes_never_raise(data):
    """Bytes that are not UTF-8 give one E002 at the bad byte and nothing else; the rest parse as their text."""
    parsed = parse_bytes("x.yaml", data)
    well_formed(parsed)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        assert [d.code for d in parsed.diagnostics] == ["E002"]
        assert (parsed.claims, parsed.speakers, parsed.sources) == ([], [], [])
        assert parsed.diagnostics[0].location.line == data[: exc.start].count(b"\n") + 1
        assert f"byte 0x{data[exc.start]:02x} cannot be decoded" in parsed.diagnostics[0].message
    else:
        assert parsed == parse_text("x.yaml", text)


@FAST
@given(mutated_store_file())
def test_mutated_store_file_as_bytes_is_the_same(text):
    """parse_bytes is parse_text after decoding: same records, same diagnostics."""
    a = parse_text("x.yaml", text)
    b = parse_bytes("x.yaml", text.encode("utf-8"))
    assert a == b


IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
CLEAN_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40).filter(
    lambda s: s == s.strip() and s == " ".join(s.split())
)


@FAST
@given(
    st.lists(
        st.fixed_dictionaries(
            {"id": IDS, "speaker": IDS, "date": st.dates(min_value=dt.date(1000, 1, 1)), "statement": CLEAN_TEXT},
            optional={"summary": CLEAN_TEXT, "tags": st.lists(CLEAN_TEXT, max_size=3)},
        ),
        max_size=5,
    )
)
def test_dumped_claims_load_exactly(claims):
    """Whatever a YAML tool writes for a claim, claimtrack reads back as the same text."""
    for c in claims:
        c["date"] = c["date"].isoformat()
    text = yaml.safe_dump({"claims": claims}, allow_unicode=True)
    parsed = parse_text("x.yaml", text)
    assert [d for d in parsed.diagnostics if d.code != "W202"] == []
    assert [(c.id, c.speaker, c.date.text, c.statement, c.summary, c.tags) for c in parsed.claims] == [
        (c["id"], c["speaker"], c["date"], c["statement"], c.get("summary"), tuple(c.get("tags", ()))) for c in claims
    ]
