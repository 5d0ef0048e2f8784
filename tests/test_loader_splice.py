"""loader_splice: a changed file read again only where it changed gives what parsing it whole gives.

The oracle is loader.parse_text itself: over random files (every section, dashes at columns 0,
2 and 4, block scalars of every chomping, quoted and plain scalars over several lines, comments,
blank lines, x- keys) and random edits (lines changed, added, removed; records replaced, added,
removed; lines that break the YAML or would change what the lines around them mean), a splice
that is taken must equal the whole parse: records, references, no problem, and the layout
that parse would keep.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from claimtrack.loader import ParsedFile, parse_bytes, parse_text
from claimtrack.loader_splice import Spliced, parse_laid_out, splice

PATH = "f.yaml"
KINDS = ("speakers", "sources", "claims")

STATEMENTS = (
    ["statement: plain words here"],
    ["statement: >-", "  folded line one", "  and line two"],
    ["statement: |", "  literal", "    indented more", ""],
    ["statement: |+", "  kept with its blank lines", "", ""],
    ["statement: |-", "  stripped"],
    ['statement: "double quoted', '  and continued"'],
    ["statement: 'single: quoted'"],
    ["statement: plain over", "  two lines"],
    ["statement: text with a # hash and a: colon"],
)
EXTRAS = (
    [],
    ["tags: [a, b]"],
    ["tags:", "  - a", "  - b"],
    ["responds_to:", "  - claim: c0", "    relation: denies"],
    ["responds_to: [{claim: c1, relation: rebuts}]"],
    ["# a comment inside the record"],
    ["sourcing: {status: anonymous}"],
    ["sourcing:", "  status: named", "  note: >", "    a note"],
    ["x-mine: ignored"],
)


@st.composite
def record(draw: st.DrawFn, kind: str, n: int, indent: int) -> list[str]:
    pad = " " * (indent + 2)
    rid = f"{kind[:2]}{n}"
    if kind == "speakers":
        body = [f"name: Name {n}", *draw(st.sampled_from(([], ["aliases: [x, y]"], ["role: minister"])))]
    elif kind == "sources":
        body = draw(st.sampled_from(([], ["title: A title"], ["outlet: Paper", "url: https://example.org/a"])))
    else:
        if draw(st.integers(0, 5)) == 0:  # in braces, its references on its dash's line
            flow = f"{{id: {rid}, speaker: sp0, date: 2020-02-0{n % 9 + 1}, statement: some words}}"
            return [" " * indent + "- " + flow, *[""] * draw(st.integers(0, 1))]
        body = ["speaker: sp0", f"date: 2020-01-{n % 28 + 1:02d}", *draw(st.sampled_from(STATEMENTS))]
        body += draw(st.sampled_from(EXTRAS))
    lines = [" " * indent + f"- id: {rid}", *(pad + line if line else "" for line in body)]
    return lines + [""] * draw(st.integers(0, 2))


@st.composite
def clean_file(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(([], ["# a header"], ["# a header", ""])))
    kinds = draw(st.permutations(KINDS))
    shown = [kind for kind in kinds if kind == "claims" or draw(st.booleans())]
    for kind in shown:
        indent = draw(st.sampled_from((0, 2, 4)))
        lines.append(f"{kind}:")
        for n in range(draw(st.integers(1, 5))):
            lines += draw(record(kind, n, indent))
        if draw(st.booleans()):
            lines += [f"x-after-{kind}: between", ""]
    text = "\n".join(lines)
    return text + "\n" if draw(st.booleans()) else text


ODD_LINES = (
    "",
    "# c",
    "    # deep comment",
    "  - id: new1",
    "  - id: new2",
    "    speaker: sp0",
    "    date: 2020-02-02",
    "    statement: new words",
    "- id: col0",
    "      more text",
    "---",
    "...",
    "claims:",
    "x-other: 1",
    "\t- id: tab",
    "    statement: &a anchored",
    "    speaker: *a",
    "  -",
    "    tags: [x, y]",
    "    tags: [unclosed",
    '    statement: "open',
    "   odd: indent",
    "    date: 2020-13-45",
    "    unknown_field: x",
    "    id: dup",
    "  - {id: flow, speaker: s, date: 2020, statement: s}",
)


def _item_starts(lines: list[str]) -> list[int]:
    return [n for n, line in enumerate(lines) if line.lstrip(" ").startswith("- id:")]


@st.composite
def edited(draw: st.DrawFn, text: str, odd: bool = True) -> str:
    """A few edits of the text: those of a working day (a word, a date, a record added,
    dropped or commented), and with `odd`, lines anywhere that may break it or change what the
    lines around them mean."""
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        ops = ["reword", "redate", "comment", "new record", "drop record"]
        what = draw(st.sampled_from(ops + ["replace", "insert", "delete"] * odd))
        at = draw(st.integers(0, len(lines)))
        starts = _item_starts(lines)
        if what == "reword":
            texts = [n for n, line in enumerate(lines) if any(w in line for w in ("words", "line", "Name", "title"))]
            if texts:
                lines[draw(st.sampled_from(texts))] += " more"
        elif what == "redate":
            dates = [n for n, line in enumerate(lines) if "date: 2020-01-" in line]
            if dates:
                n = draw(st.sampled_from(dates))
                lines[n] = lines[n].replace("2020-01-", "2021-02-")
        elif what == "comment" and starts:
            n = draw(st.sampled_from(starts))
            indent = len(lines[n]) - len(lines[n].lstrip(" "))
            lines.insert(n + 1, " " * (indent + 2) + "# checked")
        elif what == "new record":
            where = draw(st.sampled_from([*starts, len(lines)]))
            indent = len(lines[where]) - len(lines[where].lstrip(" ")) if where < len(lines) else 0
            lines[where:where] = draw(record("claims", 90 + where, indent))
        elif what == "drop record" and starts:
            first = draw(st.sampled_from(starts))
            later = [n for n in starts if n > first]
            del lines[first : later[0] if later else len(lines)]
        elif what == "replace" and at < len(lines):
            lines[at] = draw(st.sampled_from(ODD_LINES))
        elif what == "insert":
            lines.insert(at, draw(st.sampled_from(ODD_LINES)))
        elif what == "delete" and at < len(lines):
            del lines[at]
    return "\n".join(lines)


def applied(old: ParsedFile, made: Spliced) -> ParsedFile:
    """The parse the splice stands for, as the index makes it from the last parse's records."""
    parsed = ParsedFile(PATH, references=made.references)
    for kind in KINDS:
        getattr(parsed, kind).extend(made.apply(kind, getattr(old, kind), made.records))
    return parsed


def spliced(old_text: str, new_text: str) -> tuple[ParsedFile, Spliced] | None:
    old = parse_laid_out(PATH, old_text.encode("utf-8"))
    assert old.layout is not None, "the test's clean files must each have a layout"
    made = splice(PATH, new_text, old.layout, old.references)
    return None if made is None else (applied(old, made), made)


def same_as_whole(old_text: str, new_text: str) -> bool:
    """Whether a splice was taken; when it was, it is what parsing the whole new text gives."""
    got = spliced(old_text, new_text)
    if got is None:
        return False
    parsed, made = got
    whole = parse_laid_out(PATH, new_text.encode("utf-8"))
    assert whole.diagnostics == []
    assert parsed == whole
    assert made.layout == whole.layout
    return True


@given(data=st.data())
def test_a_splice_is_the_whole_parse(data):
    old = data.draw(clean_file())
    assume(parse_text(PATH, old).diagnostics == [])
    new = data.draw(edited(old, odd=data.draw(st.booleans())))
    taken = same_as_whole(old, new)
    event("taken" if taken else "parsed whole")


@settings(suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(old=clean_file(), data=st.data())
def test_a_splice_of_a_splice_is_the_whole_parse(old, data):
    """The layout a splice gives serves the next change as the whole parse's would."""
    assume(parse_text(PATH, old).diagnostics == [])
    first = data.draw(edited(old, odd=False))
    got = spliced(old, first)
    assume(got is not None)
    parsed, made = got
    second = data.draw(edited(first))
    again = splice(PATH, second, made.layout, made.references)
    if again is not None:
        assert applied(parsed, again) == parse_text(PATH, second)


@given(text=clean_file())
def test_every_clean_file_of_the_generator_has_a_layout(text):
    """Else the properties above would hold over nothing."""
    assume(parse_text(PATH, text).diagnostics == [])
    assert parse_laid_out(PATH, text.encode()).layout is not None


CLAIMS = """\
# header
speakers:
  - id: sp0
    name: A Speaker
claims:
  - id: c0
    speaker: sp0
    date: 2020-01-01
    statement: >-
      first words
  - id: c1
    speaker: sp0
    date: 2020-01-02
    statement: |+
      kept

  - id: c2
    speaker: sp0
    date: 2020-01-03
    statement: last words
    responds_to: [{claim: c0, relation: denies}]
"""


@pytest.mark.parametrize(
    "change",
    [
        ("first words", "first words, edited"),
        ("2020-01-02", "2020-01-09"),
        ("last words", "last\n      words"),  # a line more in the last record
        ("  - id: c1", "  - id: c9"),
        ("    name: A Speaker", "    name: Another"),  # another section
        (
            "relation: denies}]\n",
            "relation: denies}]\n  - id: c3\n    speaker: sp0\n    date: 2021\n    statement: new\n",
        ),
        (
            "  - id: c1\n",
            "  - id: c5\n    speaker: sp0\n    date: 2021\n    statement: new\n  - id: c1\n",
        ),  # later ones move
        ("    statement: >-\n      first words\n", "    statement: first\n"),  # a line fewer
        ("    date: 2020-01-02\n", "    # a comment\n    date: 2020-01-02\n"),
        ("claims:\n", "claims:\n  - id: c5\n    speaker: sp0\n    date: 2021\n    statement: new\n"),  # first
        (
            "  - id: c1\n",
            "  - id: c0\n    speaker: sp0\n    date: 2020-01-01\n    statement: >-\n      first words\n  - id: c1\n",
        ),  # a record copied below itself, to be changed next
        ("    date: 2020-01-02\n", "  # a comment at the dashes' column\n    date: 2020-01-02\n"),
        (
            "    statement: last words\n    responds_to: [{claim: c0, relation: denies}]\n",
            "    statement: last words\n  - {id: c3, speaker: sp0, date: 2020-01-03,\n     statement: more words}\n",
        ),  # in braces, over two lines
    ],
)
def test_the_edits_of_a_working_day_are_spliced(change):
    old, new = change
    assert old in CLAIMS
    assert same_as_whole(CLAIMS, CLAIMS.replace(old, new, 1))


@pytest.mark.parametrize(
    "before",
    ["x-notes: kept as they are\n", "sources:\n", "sources: []\n"],
    ids=["a key of yours", "an empty section", "an empty list"],
)
def test_the_edits_of_a_working_day_are_spliced_around_keys_without_records(before):
    for text in (CLAIMS + before, CLAIMS.replace("claims:\n", before + "claims:\n")):
        assert same_as_whole(text, text.replace("first words", "first words, edited"))


def test_a_record_whose_first_field_is_a_reference_gives_its_references_once():
    """The references on the first line read again are the new ones, not the old ones too."""
    text = CLAIMS.replace("  - id: c1\n    speaker: sp0\n", "  - speaker: sp0\n    id: c1\n")
    for changed in (
        text.replace("speaker: sp0\n    id: c1", "speaker: sp1\n    id: c1"),
        text.replace("kept", "kept too"),
    ):
        assert same_as_whole(text, changed)


def test_the_byte_order_mark_of_the_last_parse_is_not_part_of_its_layout():
    """The index reads a file's text without its byte-order mark, as parse_text does."""
    assert same_as_whole("\ufeff" + CLAIMS, CLAIMS.replace("first words", "first words, edited"))
    assert same_as_whole("\ufeff\ufeff" + CLAIMS, CLAIMS.replace("first words", "first words, edited"))  # one decoded
    got = spliced("\ufeff" + CLAIMS, CLAIMS)  # the mark alone went: nothing read again
    assert got is not None and got[1].section is None and got[1].records == ()


def test_text_that_is_not_utf8_is_parsed_as_parse_bytes_parses_it():
    data = CLAIMS.encode() + b"\xff\n"
    assert parse_laid_out(PATH, data) == parse_bytes(PATH, data) and parse_laid_out(PATH, data).diagnostics


DEDENTED = "\n".join(line[2:] if line.startswith("  ") else line for line in CLAIMS.split("\n"))


@pytest.mark.parametrize(
    "text,changed",
    [
        (CLAIMS, CLAIMS.replace("# header", "- header")),  # the first character: the file is a list now
        (CLAIMS, CLAIMS.replace("# header", "claims: [")),
        (DEDENTED, DEDENTED.replace("    kept\n\n", "    kept\n...\n")),  # dashes at column 0
        (DEDENTED, DEDENTED.replace("  date: 2020-01-02", "x-key: 2020-01-02")),
    ],
    ids=["first character", "first line", "document end at column 0", "key at column 0"],
)
def test_changes_at_the_edges_are_parsed_whole(text, changed):
    assert spliced(text, changed) is None


@pytest.mark.parametrize(
    "value,laid_out",
    [
        ("last words", True),
        ("5 * 3 = 15, indeed! & more", True),  # not anchors, aliases or tags: a character alone
        ("ends with a bang!", True),
        ("a*b&c!d", True),
        ("&anchored words", False),
        ("'quoted' # then *alias-like words in a comment", False),
        ("[a, *b]", False),
        ("{a: *b}", False),
        ("!!str tagged", False),
        ("plain * and then *again", False),  # the second of two
        ("plain * then *alias and * more", False),  # the second of three
        ("plain & and then &again", False),
        ("plain ! and then !again", False),
        ("tab\t*after", False),
    ],
)
def test_a_file_that_may_hold_an_anchor_alias_or_tag_has_no_layout(value, laid_out):
    """One node could stand in two records: changing one would change the other, unread."""
    text = CLAIMS.replace("statement: last words", "statement: " + value)
    assert (parse_laid_out(PATH, text.encode()).layout is not None) is laid_out


def test_a_file_beginning_with_an_anchor_has_no_layout():
    text = "&r\n" + CLAIMS + "x-end: z"  # (its last character is none that may come before an anchor)
    assert parse_text(PATH, text).diagnostics == [] and parse_laid_out(PATH, text.encode()).layout is None


def test_a_layout_counts_the_records_of_each_section():
    layout = parse_laid_out(PATH, CLAIMS.encode()).layout
    assert (layout.count("speakers"), layout.count("sources"), layout.count("claims")) == (1, 0, 3)


@pytest.mark.parametrize(
    "change",
    [
        ("statement: last words", "statement: &a last words"),  # an anchor
        ("      first words", "      first *words"),  # an alias, or what may be one
        ("claims:", "claims: # the claims"),  # a top-level key's line
        ("      kept\n\n", "      kept\n\n\n"),  # a blank line more, kept by |+ above the next dash
        ("  - id: c2", "\n  - id: c2"),  # the same, before the dash
        ("last words", "last words\n---"),  # a document marker
        ("      kept\n\n", "      kept\n...\n"),  # a document's end, with the lines after it as they were
        ("    speaker: sp0\n    date: 2020-01-02", "    speaker: not an id\n    date: 2020-01-02"),  # no record
        ("    statement: last words", "    statement: last words\r"),  # a line break libyaml counts
        ("    date: 2020-01-03", "    date: 2020-13-03"),  # a problem: parsed whole, and said there
        (
            "  - id: c0\n    speaker: sp0\n    date: 2020-01-01\n    statement: >-\n      first words\n"
            "  - id: c1\n    speaker: sp0\n    date: 2020-01-02\n    statement: |+\n      kept\n\n"
            "  - id: c2\n    speaker: sp0\n    date: 2020-01-03\n    statement: last words\n"
            "    responds_to: [{claim: c0, relation: denies}]\n",
            "",
        ),  # the section emptied
        ("    name: A Speaker\n", "    name: A Speaker\n  - id: sp1\n    name: B\n"),  # a shift, then another section
    ],
)
def test_what_a_splice_cannot_vouch_for_is_parsed_whole(change):
    old, new = change
    assert old in CLAIMS
    changed = CLAIMS.replace(old, new, 1)
    assert spliced(CLAIMS, changed) is None


def test_no_change_of_lines_keeps_everything():
    got = spliced(CLAIMS, CLAIMS)
    assert got is not None and got[1].section is None and got[0] == parse_text(PATH, CLAIMS)


def test_a_file_with_an_anchor_has_no_layout():
    text = CLAIMS.replace("statement: last words", "statement: &a last words")
    assert parse_text(PATH, text).diagnostics == []
    assert parse_laid_out(PATH, text.encode()).layout is None
    assert parse_laid_out(PATH, b"claims: [{id: a, speaker: s, date: 2020, statement: s}]\n").layout is None  # flow
    assert parse_laid_out(PATH, b"claims:\n  -\n    id: a\n").layout is None  # a problem, and a dash alone
    # A record not made, without a problem of the file's (an id that is no id: the store's check says so).
    text = CLAIMS.replace("    speaker: sp0\n    date: 2020-01-02", "    speaker: not an id\n    date: 2020-01-02")
    parsed = parse_laid_out(PATH, text.encode())
    assert parsed.diagnostics == [] and len(parsed.claims) == 2 and parsed.layout is None
