"""writer.py: whatever it writes, the loader reads back as the same values.

The round trip is tested over arbitrary text (hypothesis), in every place a
value can stand (a field, a nested field, a flow list, a block list) and in
every layout a file may have (2 or 4 spaces, flush lists, CRLF); other YAML
tools must read the text as text too (PyYAML's own resolver, with YAML 1.1
implicit typing on).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from claimtrack import schema
from claimtrack.loader import ParsedFile, parse_text
from claimtrack.model import Claim, PartialDate, Record
from claimtrack.writer import (
    FIELD_EMITTERS,
    Style,
    Token,
    UnwritableText,
    clean,
    detect_style,
    field_text,
    flow_list,
    record_fields,
    record_of,
    record_text,
    scalar,
    section_text,
)
from fixtures import TRAPS, without_places

BUNDLED = Path(__file__).resolve().parent.parent / "claims"

STYLES = [
    Style(),
    Style(indent=4),
    Style(seq_indent=False),
    Style(newline="\r\n"),
    Style(indent=4, seq_indent=False, newline="\r\n", flow_lists=False),
    Style(width=40),
    Style(indent=4, dash_gap=3),  # `-   id: a`
]


def style_id(style: Style) -> str:
    """A test id without backslashes: pytest cannot select an id holding an escaped "\\r" (mutmut does)."""
    return repr(style).replace("\\r", "CR").replace("\\n", "LF")


def traps() -> st.SearchStrategy[str]:
    """Text built mostly from traps, glued with spaces, breaks or arbitrary characters."""
    piece = st.one_of(st.sampled_from(TRAPS), st.text(max_size=5))
    glue = st.sampled_from(["", " ", "  ", "\n", "\n\n", " \n ", "\t"])
    return st.lists(st.tuples(piece, glue), max_size=8).map(lambda parts: "".join(p + g for p, g in parts))


def long_text() -> st.SearchStrategy[str]:
    """Long text, so that folding and continued lines are exercised."""
    word = st.one_of(st.sampled_from(TRAPS), st.from_regex(r"[a-z]{1,12}", fullmatch=True), st.text(max_size=20))
    glue = st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n", ""])
    return st.lists(st.tuples(word, glue), min_size=10, max_size=60).map(lambda p: "".join(w + g for w, g in p))


ANY_TEXT = st.one_of(st.text(), traps(), long_text())


def load(text: str) -> ParsedFile:
    return parse_text("t.yaml", text)


def record(**fields: Any) -> dict[str, Any]:
    return {"id": Token("a"), "speaker": Token("b"), "date": Token("2020"), "statement": "s", **fields}


# Where a piece of text can stand in a claim, and how to read it back from
# the loader's record and from PyYAML's plain data.
PLACES: dict[str, tuple[Callable[[str], dict[str, Any]], Callable[[Claim], Any], Callable[[dict], Any]]] = {
    "statement": (
        lambda t: record(statement=t),
        lambda c: c.statement,
        lambda d: d["statement"],
    ),
    "appearance quote": (
        lambda t: record(appears_in=[{"source": Token("s1")}, {"source": Token("s2"), "quote": t, "note": "n"}]),
        lambda c: c.appears_in[1].quote,
        lambda d: d["appears_in"][1]["quote"],
    ),
    "sourcing note": (
        lambda t: record(sourcing={"status": Token("none"), "note": t}),
        lambda c: c.sourcing.note,
        lambda d: d["sourcing"]["note"],
    ),
    "list item": (
        lambda t: record(tags=[Token("first"), t, "last"]),
        lambda c: c.tags[1],
        lambda d: d["tags"][1],
    ),
    "first field of a list item": (
        lambda t: record(evidence=[{"description": t, "source": Token("s1")}]),
        lambda c: c.evidence[0].description,
        lambda d: d["evidence"][0]["description"],
    ),
}


def assert_round_trip(text: str, place: str, style: Style) -> None:
    make, read, read_plain = PLACES[place]
    written = section_text("claims", [make(text)], style)
    parsed = load(written)
    assert parsed.diagnostics == [], written
    assert len(parsed.claims) == 1, written
    assert read(parsed.claims[0]) == text.strip(), written
    # Other YAML tools, implicit typing on, read the same text as text.
    for loader in (yaml.SafeLoader, yaml.CSafeLoader):
        plain = yaml.load(written, Loader=loader)
        assert read_plain(plain["claims"][0]) == text.strip(), written
    if style.newline == "\r\n":
        assert "\n" not in written.replace("\r\n", ""), "every line ends in CRLF"
    # No trailing spaces: invisible, and editors strip them (which would change a block scalar).
    assert not re.search(r"[ \t]\r?$", written, re.M), written


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=ANY_TEXT, place=st.sampled_from(sorted(PLACES)), style=st.sampled_from(STYLES))
@example(text="no", place="statement", style=Style())
@example(text="a\u2028b", place="list item", style=Style(flow_lists=False))
def test_any_text_reads_back_the_same(text: str, place: str, style: Style) -> None:
    if not clean(text):
        return  # blank text is no value: the loader reports it as missing
    assert_round_trip(text, place, style)


@pytest.mark.parametrize("trap", TRAPS)
def test_every_trap_reads_back_the_same(trap: str) -> None:
    for text in (trap, f"x {trap} y", f"{trap} " * 30):
        if clean(text):
            for place in PLACES:
                for style in (STYLES[0], STYLES[4]):  # the default, and 4 spaces, flush lists, CRLF, block lists
                    assert_round_trip(text, place, style)


@settings(max_examples=300)
@given(words=st.lists(st.from_regex(r"[A-Za-z,.'()-]{1,30}", fullmatch=True), min_size=1, max_size=80))
def test_text_that_can_wrap_stays_within_the_width(words: list[str]) -> None:
    text = " ".join(words)
    for style in (Style(), Style(indent=4), Style(width=60)):
        written = section_text("claims", [record(statement=text, context="\n".join(words))], style)
        assert max(len(line) for line in written.splitlines()) <= style.width, written
        claim = load(written).claims[0]
        assert (claim.statement, claim.context) == (text, "\n".join(words).strip())


# --- how text is written -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Iran starts no wars", "Iran starts no wars"),
        ("agent-provocateurs are plotting attacks against Americans—putting", None),  # plain, as given
        ("محمد جواد ظریف", None),
        ("It's a 100% sure thing", None),  # '%' only matters first
        ("https://example.invalid/a?b=c", None),
        ("no", "'no'"),
        ("y", "'y'"),  # a boolean in YAML 1.1 as specified (Go's yaml.v2 reads it so)
        ("2020-04", "'2020-04'"),
        ("012", "'012'"),
        ("1e3", "'1e3'"),
        ("~", "'~'"),
        ("- a", "'- a'"),
        ("[sic] it is", "'[sic] it is'"),
        ("note: this", "'note: this'"),
        ("a #b", "'a #b'"),
        ("it's: here", '"it\'s: here"'),  # a single quote inside: double quotes read better
        ("'both' \"kinds\"", "'''both'' \"kinds\"'"),
        ("tab\there", '"tab\\there"'),
        ("bell\x07", '"bell\\a"'),
        ("esc\x1b[31m", '"esc\\e[31m"'),
        ("nel\x85x", '"nel\\Nx"'),
        ("rlo\u202ex", '"rlo\\u202Ex"'),
        ("c1\x9bx", '"c1\\x9Bx"'),
        ("", '""'),
    ],
)
def test_text_is_plain_when_safe_then_single_then_double_quoted(text: str, written: str | None) -> None:
    assert scalar(text) == (text if written is None else written)


def test_tokens_are_plain_but_never_misread() -> None:
    assert scalar("2020-04", token=True) == "2020-04"
    assert scalar("2020", token=True) == "2020"
    assert scalar("- x", token=True) == "'- x'"


def test_flow_lists_quote_what_a_flow_list_would_split() -> None:
    month = PartialDate(dt.date(2020, 4, 1), "2020-04")
    items = [Token("iran"), "us troops", "a, b", "x:y", "@JZarif", "no", month]
    assert flow_list(items) == "[iran, us troops, 'a, b', 'x:y', '@JZarif', 'no', 2020-04]"


def test_long_text_is_folded_and_lines_as_literal() -> None:
    long = "word " * 30 + "end"
    assert field_text("statement", long, column=4).splitlines()[0] == "    statement: >-"
    assert field_text("note", "one\ntwo", column=4) == "    note: |-\n      one\n      two\n"
    # A line too long for |- is folded, its line break an empty line.
    folded = field_text("note", long + "\nsecond", column=0)
    assert folded.startswith("note: >-\n  word") and "\n\n  second\n" in folded


LONG_LINE = "word " * 20 + "end"


@pytest.mark.parametrize(
    "text",
    [
        LONG_LINE + "\n indented",  # folded: a line starting with a space is not folded
        "short\n indented",  # literal keeps it
        LONG_LINE + "\ntrailing \nspace",  # neither: double quotes
        LONG_LINE + "\n\ttab",
        LONG_LINE + "\nnel\x85here",
        LONG_LINE + "\n\n\nthree breaks",
        "a\r\nb",
    ],
)
@pytest.mark.parametrize("style", STYLES, ids=style_id)
def test_block_scalars_only_where_they_read_back_exactly(text: str, style: Style) -> None:
    for place in PLACES:
        assert_round_trip(text, place, style)


def test_long_double_quoted_text_keeps_one_line_of_text_per_line() -> None:
    assert field_text("note", ("x" * 30 + "\t\n") * 3 + "end", column=4) == (
        '    note: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\t\\n\\\n'
        "      xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\t\\n\\\n"
        "      xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\t\\n\\\n"
        '      end"\n'
    )


def test_an_unbreakable_long_word_stays_plain() -> None:
    url = "https://example.invalid/" + "a" * 100
    assert field_text("url", url) == f"url: {url}\n"


def test_lone_surrogates_are_refused_with_their_position() -> None:
    with pytest.raises(UnwritableText, match=r"U\+DC80 at position 3"):
        field_text("statement", "ab\udc80c")


def test_values_of_unknown_type_are_refused() -> None:
    with pytest.raises(TypeError, match="bool"):
        field_text("x-flag", True)


def test_empty_values_are_left_out() -> None:
    text = record_text(record(summary=None, venue=" \n", tags=[], sourcing={}, about=(Token("iran"),)))
    assert "summary" not in text and "venue" not in text and "tags" not in text and "sourcing" not in text
    assert "about: [iran]" in text


# --- records -------------------------------------------------------------------

FULL_CLAIM = {
    "id": Token("zarif-agent-provocateurs-2021"),
    "speaker": Token("javad-zarif"),
    "date": PartialDate(dt.date(2021, 1, 2), "2021-01-02"),
    "statement": (
        "New intelligence from Iraq indicate that Israeli agent-provocateurs are plotting attacks against "
        "Americans—putting an outgoing Trump in a bind with a fake casus belli."
    ),
    "summary": "Israeli agent-provocateurs are plotting attacks on Americans in Iraq",
    "venue": "tweet",
    "about": [Token("israel"), Token("donald-trump")],
    "tags": ["iraq", "false-flag"],
    "appears_in": [
        {"source": Token("zarif-tweet-2021-01-02")},
        {"source": Token("report-2021-01-02"), "quote": 'might come under attack from "Israeli agent-provocateurs"'},
    ],
    "sourcing": {"status": Token("unspecified"), "note": 'Cites "new intelligence from Iraq" without saying whose.'},
    "evidence": [{"description": "Nothing was released with the tweet.", "source": Token("report-2021-01-02")}],
    "responds_to": [{"claim": Token("us-iran-backed-militias-attacks-2020"), "relation": Token("counters")}],
    "verdict": {"rating": Token("unproven"), "by": Token("checker"), "date": dt.date(2021, 1, 10), "note": "No."},
    "context": "Posted in the last weeks of Trump's term.",
}


@pytest.mark.parametrize("style", STYLES, ids=style_id)
def test_a_full_claim_reads_back_field_for_field(style: Style) -> None:
    parsed = load(section_text("claims", [FULL_CLAIM, record()], style))
    assert parsed.diagnostics == []
    claim = parsed.claims[0]
    assert claim.id == "zarif-agent-provocateurs-2021"
    assert claim.date == PartialDate(dt.date(2021, 1, 2), "2021-01-02")
    assert claim.statement == FULL_CLAIM["statement"]
    assert (claim.about, claim.tags) == (("israel", "donald-trump"), ("iraq", "false-flag"))
    assert [(a.source, a.quote) for a in claim.appears_in] == [
        ("zarif-tweet-2021-01-02", None),
        ("report-2021-01-02", 'might come under attack from "Israeli agent-provocateurs"'),
    ]
    assert (claim.sourcing.status, claim.sourcing.note) == ("unspecified", FULL_CLAIM["sourcing"]["note"])
    assert [(e.description, e.source) for e in claim.evidence] == [
        ("Nothing was released with the tweet.", "report-2021-01-02")
    ]
    assert [(link.claim, link.relation) for link in claim.responds_to] == [
        ("us-iran-backed-militias-attacks-2020", "counters")
    ]
    assert claim.verdict is not None
    assert (claim.verdict.rating, claim.verdict.by, str(claim.verdict.date)) == ("unproven", "checker", "2021-01-10")
    assert claim.context == FULL_CLAIM["context"]
    assert parsed.claims[1].id == "a"


def test_a_claim_is_written_in_the_bundled_store_style() -> None:
    assert record_text(FULL_CLAIM) == (
        "  - id: zarif-agent-provocateurs-2021\n"
        "    speaker: javad-zarif\n"
        "    date: 2021-01-02\n"
        "    statement: >-\n"
        "      New intelligence from Iraq indicate that Israeli agent-provocateurs are\n"
        "      plotting attacks against Americans—putting an outgoing Trump in a bind\n"
        "      with a fake casus belli.\n"
        "    summary: >-\n"  # 82 columns on one line: folded to stay within 80
        "      Israeli agent-provocateurs are plotting attacks on Americans in Iraq\n"
        "    venue: tweet\n"
        "    about: [israel, donald-trump]\n"
        "    tags: [iraq, false-flag]\n"
        "    appears_in:\n"
        "      - source: zarif-tweet-2021-01-02\n"
        "      - source: report-2021-01-02\n"
        '        quote: might come under attack from "Israeli agent-provocateurs"\n'
        "    sourcing:\n"
        "      status: unspecified\n"
        '      note: Cites "new intelligence from Iraq" without saying whose.\n'
        "    evidence:\n"
        "      - description: Nothing was released with the tweet.\n"
        "        source: report-2021-01-02\n"
        "    responds_to:\n"
        "      - claim: us-iran-backed-militias-attacks-2020\n"
        "        relation: counters\n"
        "    verdict:\n"
        "      rating: unproven\n"
        "      by: checker\n"
        "      date: 2021-01-10\n"
        "      note: No.\n"
        "    context: Posted in the last weeks of Trump's term.\n"
    )


def test_speakers_and_sources_read_back() -> None:
    speaker = {
        "id": Token("javad-zarif"),
        "name": "Mohammad Javad Zarif",
        "kind": Token("person"),
        "aliases": ["Zarif", "@JZarif", "محمد جواد ظریف", "no"],
    }
    source = {
        "id": Token("zarif-tweet-2021-01-02"),
        "title": "New intelligence from Iraq indicate ...",
        "outlet": "Twitter",
        "author": Token("javad-zarif"),
        "url": "https://twitter.com/JZarif/status/1345434353400274945",
        "published": dt.date(2021, 1, 2),
        "kind": Token("post"),
    }
    for style in STYLES:
        text = section_text("speakers", [speaker], style) + section_text("sources", [source], style)
        parsed = load(text)
        assert parsed.diagnostics == [], text
        assert parsed.speakers[0].aliases == ("Zarif", "@JZarif", "محمد جواد ظریف", "no")
        assert parsed.sources[0].url == source["url"]
        assert str(parsed.sources[0].published) == "2021-01-02"


def test_records_are_separated_by_a_blank_line_in_a_new_section() -> None:
    text = section_text("claims", [record(), record(id=Token("b"))], Style(newline="\r\n"))
    assert text.startswith("claims:\r\n  - id: a\r\n")
    assert "\r\n\r\n  - id: b\r\n" in text


# --- reading a file's style ------------------------------------------------------


def test_detect_style_reads_the_bundled_files() -> None:
    for path in sorted(BUNDLED.glob("*.yaml")):
        # speakers.yaml lists aliases as blocks of `- alias` lines; the others write [a, b].
        expected = Style(flow_lists=path.name != "speakers.yaml")
        assert detect_style(path.read_text(encoding="utf-8")) == expected, path


@pytest.mark.parametrize("style", [s for s in STYLES if s.width == Style().width], ids=style_id)
def test_detect_style_reads_what_the_writer_wrote(style: Style) -> None:
    text = "# a comment" + style.newline + section_text("claims", [FULL_CLAIM, record()], style)
    assert detect_style(text) == style


def test_detect_style_defaults_for_an_empty_file() -> None:
    assert detect_style("") == Style()
    assert detect_style("claims: []\n") == Style()


def test_detect_style_sees_block_word_lists() -> None:
    text = "speakers:\n  - id: a\n    name: A\n    aliases:\n      - One\n      - Two\n"
    assert detect_style(text).flow_lists is False


def test_writer_does_not_import_yaml() -> None:
    source = (Path(__file__).resolve().parent.parent / "src" / "claimtrack" / "writer.py").read_text()
    assert not re.search(r"^\s*(import yaml|from yaml)", source, re.M)


# --- records by their schema -----------------------------------------------------


def test_every_field_kind_has_an_emitter() -> None:
    assert set(FIELD_EMITTERS) == set(schema.FIELD_KINDS)


def rewrite(parsed: ParsedFile, style: Style) -> str:
    """Every record of a loaded file written again by the writer, section by section."""
    return "".join(
        section_text(section, [record_fields(rs, r) for r in getattr(parsed, section)], style)
        for section, rs in schema.SECTIONS.items()
        if getattr(parsed, section)
    )


@pytest.mark.parametrize("style", STYLES, ids=style_id)
@pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.yaml")), ids=lambda p: p.name)
def test_the_bundled_records_are_written_and_read_back_the_same(path: Path, style: Style) -> None:
    before = load(path.read_text(encoding="utf-8"))
    assert before.diagnostics == []
    written = rewrite(before, style)
    after = load(written)
    assert after.diagnostics == [], written
    for section in schema.SECTIONS:
        assert without_places(getattr(after, section)) == without_places(getattr(before, section))


def field_values(rs: schema.RecordSchema, depth: int = 0) -> st.SearchStrategy[dict[str, Any]]:
    """Any valid values for a record of this schema: every field kind, nested ones too."""
    slug = st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)
    text = st.one_of(st.text(min_size=1, max_size=30), traps()).filter(lambda t: bool(t.strip()))
    date = st.one_of(
        st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)).map(lambda d: PartialDate(d, d.isoformat())),
        st.sampled_from(["2020", "2020-04", "unknown"]).map(PartialDate.parse),
    )
    by_kind: dict[str, Callable[[schema.Field], st.SearchStrategy[Any]]] = {
        schema.ID: lambda f: slug,
        schema.TEXT: lambda f: text,
        schema.DATE: lambda f: date,
        schema.WORDS: lambda f: st.lists(text, min_size=1, max_size=4),
        schema.IDS: lambda f: st.lists(slug, min_size=1, max_size=4),
        schema.CHOICE: lambda f: st.sampled_from(f.choices),
        schema.RECORD: lambda f: field_values(f.nested, depth + 1),  # type: ignore[arg-type]
        schema.RECORDS: lambda f: st.lists(field_values(f.nested, depth + 1), min_size=1, max_size=2),  # type: ignore[arg-type]
    }
    assert set(by_kind) == set(schema.FIELD_KINDS)
    required = {f.name: by_kind[f.kind](f) for f in rs.fields if f.required}
    optional = {f.name: by_kind[f.kind](f) for f in rs.fields if not f.required}
    values = st.fixed_dictionaries(required, optional=optional)
    if rs.one_of:  # (1.1) an appearance names a source, a url or both
        values = values.filter(lambda v: any(name in v for name in rs.one_of))
    return values


def expected_values(rs: schema.RecordSchema, values: dict[str, Any]) -> dict[str, Any]:
    """What the loader gives back for values: text trimmed, dates as written, nested alike."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        spec = rs.field(name)
        assert spec is not None
        if spec.kind == schema.TEXT:
            out[name] = value.strip()
        elif spec.kind in (schema.WORDS, schema.IDS):
            out[name] = tuple(v.strip() for v in value)
        elif spec.kind == schema.RECORD:
            out[name] = expected_values(spec.nested, value)  # type: ignore[arg-type]
        elif spec.kind == schema.RECORDS:
            out[name] = tuple(expected_values(spec.nested, v) for v in value)  # type: ignore[arg-type]
        else:
            out[name] = value
    return out


def loaded_values(rs: schema.RecordSchema, record: Record) -> dict[str, Any]:
    """The fields of a loaded record that its file gave (as positions record them)."""
    out: dict[str, Any] = {}
    for name in record.positions:
        spec = rs.field(name)
        assert spec is not None
        value = getattr(record, name)
        if spec.kind == schema.RECORD:
            value = loaded_values(spec.nested, value)  # type: ignore[arg-type]
        elif spec.kind == schema.RECORDS:
            value = tuple(loaded_values(spec.nested, v) for v in value)  # type: ignore[arg-type]
        out[name] = value
    return out


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data(), style=st.sampled_from(STYLES))
def test_every_record_kind_with_any_values_reads_back(data: st.DataObject, style: Style) -> None:
    for section, rs in schema.SECTIONS.items():
        values = data.draw(field_values(rs), label=rs.kind)
        written = section_text(section, [record_fields(rs, values)], style)
        parsed = load(written)
        errors = [d for d in parsed.diagnostics if d.is_error]
        assert errors == [], written
        (record,) = getattr(parsed, section)
        assert loaded_values(rs, record) == expected_values(rs, values), written


def test_fields_come_in_schema_order_whatever_the_order_given() -> None:
    values = {"statement": "s", "date": "2021-01-02", "speaker": "b", "x-mine": "kept", "id": "a"}
    assert record_of(schema.CLAIM, values) == (
        "  - id: a\n    speaker: b\n    date: 2021-01-02\n    statement: s\n    x-mine: kept\n"
    )


def test_a_field_the_schema_does_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="claim has no field 'speker'"):
        record_fields(schema.CLAIM, {"id": "a", "speker": "b"})


def test_a_bad_date_is_refused() -> None:
    with pytest.raises(ValueError, match="not a real date"):
        record_fields(schema.CLAIM, {"date": "2021-02-30"})


def test_defaults_of_the_model_are_not_written() -> None:
    parsed = load("speakers:\n  - id: a\n    name: A\n")
    assert record_of(schema.SPEAKER, parsed.speakers[0]) == "  - id: a\n    name: A\n"
