"""edits.py: a change to a file touches only its own lines.

Every file below is written by hand in one of the styles the loader accepts.
After each edit: the new text loads without errors and gives the values
asked for; the file minus the lines the edit reports as added or changed is
byte-identical to before; and the new lines follow the file's style
(indentation, flush or indented lists, line endings, final line ending).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimtrack import schema
from claimtrack.edits import (
    EditError,
    Splice,
    add_record,
    append_item,
    new_file,
    remove_field,
    remove_item,
    remove_record,
    rename_id,
    set_field,
)
from claimtrack.loader import ParsedFile, Place, outline, parse_text
from claimtrack.model import Claim
from claimtrack.writer import Style
from fixtures import TRAPS, without_places

TWO_SPACES = """\
# Claims of the January 2021 episode, written by hand.

claims:
  # The first claim.
  - id: a   # the tweet
    speaker: s
    date: 2021-01-02
    statement: >-
      New intelligence from Iraq indicate that Israeli agent-provocateurs are
      plotting attacks against Americans.

    tags: [iraq, "false-flag"]
    sourcing:
      status: unspecified   # alludes to intelligence
      note: 'Cites "new intelligence".'

  - id: b
    speaker: 's'
    date: "2021-01-03"
    statement: |-
      We have seen no such intelligence.
      None at all.
    responds_to:
      - claim: a
        relation: denies
    # a comment at the end of the record

# A comment at the end of the file.
"""

FOUR_SPACES = """\
claims:
    -   id: a
        speaker: s
        date: 2020
        statement: "A statement, in double quotes"
        appears_in:
            -   source: src
                quote: 'a quote'
    -   id: b
        speaker: s
        date: 2020-04
        statement: Another
        responds_to:
            -   claim: a
                relation: denies
"""

FLUSH_LISTS = """\
claims:
- id: a
  speaker: s
  date: 2020-04
  statement: plain statement
  about:
  - iran
  - us
- id: b
  speaker: s
  date: 2020-05
  statement: 'quoted: statement'
  responds_to:
  - claim: a
    relation: denies
"""

FLOW_EVERYWHERE = """\
---
# A document header, flow lists and flow mappings.
speakers:
  - {id: s, name: S}
claims:
  - id: a
    speaker: s
    date: 2020
    statement: a
    sourcing: {status: none}
    appears_in: [{source: src, quote: "q"}]
  - id: b
    speaker: s
    date: 2020
    statement: b
    responds_to: [{claim: a, relation: denies}]
...
"""

ENDS_IN_A_BLOCK_SCALAR = """\
claims:
  - id: a
    speaker: s
    date: 2020
    statement: x
  - id: b
    speaker: s
    date: 2020
    responds_to:
      - claim: a
        relation: denies
    statement: |-
      one
      two"""

FILES: dict[str, str] = {
    "two spaces, comments, blank lines": TWO_SPACES,
    "four spaces": FOUR_SPACES,
    "flush lists": FLUSH_LISTS,
    "flow lists and ---": FLOW_EVERYWHERE,
    "CRLF": TWO_SPACES.replace("\n", "\r\n"),
    "CRLF, four spaces": FOUR_SPACES.replace("\n", "\r\n"),
    "no final newline": TWO_SPACES.rstrip("\n"),
    "no final newline after a record": FLUSH_LISTS.rstrip("\n"),
    "ends in a block scalar without newline": ENDS_IN_A_BLOCK_SCALAR,
    "byte-order mark": "\ufeff" + FOUR_SPACES,
}


def load(text: str) -> ParsedFile:
    parsed = parse_text("t.yaml", text)
    assert [d for d in parsed.diagnostics if d.is_error] == [], text
    return parsed


def assert_only_its_lines_changed(old: str, splice: Splice) -> None:
    """The new text minus the lines the splice names is the old text minus the lines it replaced."""
    new = splice.text
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    newline = "\r\n" if "\r\n" in old else "\n"
    if splice.scattered:  # changed in place, here and there
        assert len(new_lines) == len(old_lines)
        for number, (before, after) in enumerate(zip(old_lines, new_lines, strict=True), 1):
            assert number in splice.scattered or before == after
        return
    ends_open = bool(old) and not old.endswith(("\n", "\r"))
    if old_lines and splice.first - 1 == len(old_lines) and ends_open:
        old_lines[-1] += newline  # lines added after a last line without a line ending: it gains one
    if ends_open and splice.first - 1 + splice.replaced == len(old_lines) and splice.last < splice.first:
        # The file's last lines removed: the line now last loses its line ending, as the file had none.
        old_lines[splice.first - 2] = old_lines[splice.first - 2].rstrip("\r\n")
    assert new_lines[: splice.first - 1] == old_lines[: splice.first - 1]
    kept_after = old_lines[splice.first - 1 + splice.replaced :]
    if kept_after:
        assert new_lines[splice.last :] == kept_after
    else:
        assert new_lines[splice.last :] == []
    # A last line without a line ending stays without one; the rest keep the file's ending.
    assert new.endswith(("\n", "\r")) == (old.endswith(("\n", "\r")) or not old)
    for line in new_lines[splice.first - 1 : splice.last]:
        if line.endswith("\n"):
            assert line.endswith(newline), repr(line)
    if old.startswith("\ufeff"):
        assert new.startswith("\ufeff")


NEW_CLAIM_NOTE = "A bare assertion.\nTwo lines."
NEW_CLAIM = {
    "id": "c",
    "speaker": "s",
    "date": "2021-01-04",
    "statement": "no",
    "tags": ["a: b", "[sic]"],
    "responds_to": [{"claim": "a", "relation": "denies"}],
    "sourcing": {"status": "none", "note": NEW_CLAIM_NOTE},
}


def claim(parsed: ParsedFile, claim_id: str) -> Claim:
    return next(c for c in parsed.claims if c.id == claim_id)


def links(parsed: ParsedFile, claim_id: str) -> list[tuple[str, str]]:
    return [(link.claim, link.relation) for link in claim(parsed, claim_id).responds_to]


def added_claim(p: ParsedFile) -> None:
    c = claim(p, "c")
    assert (c.statement, c.tags, c.sourcing and c.sourcing.note) == ("no", ("a: b", "[sic]"), NEW_CLAIM_NOTE)
    assert [c.id for c in p.claims] == ["a", "b", "c"]


def added_source(p: ParsedFile) -> None:
    assert (p.sources[-1].id, p.sources[-1].title) == ("src-2", "A title: with a colon")


def new_statement(p: ParsedFile) -> None:
    assert claim(p, "a").statement == "It's a new statement, #2"


def new_sourcing(p: ParsedFile) -> None:
    sourcing = claim(p, "a").sourcing
    assert sourcing is not None and (sourcing.status, sourcing.note) == ("anonymous", "US officials")


def new_summary(p: ParsedFile) -> None:
    assert claim(p, "b").summary == "Yes"


def new_verdict(p: ParsedFile) -> None:
    verdict = claim(p, "b").verdict
    assert verdict is not None and (verdict.rating, str(verdict.date)) == ("unproven", "2021-02-01")


def one_more_link(p: ParsedFile) -> None:
    assert links(p, "b") == [("a", "denies"), ("x", "questions")]


def first_link(p: ParsedFile) -> None:
    assert links(p, "a") == [("x", "supports")]


def removed_claim(p: ParsedFile) -> None:
    assert [c.id for c in p.claims] == ["b"]


def removed_last_claim(p: ParsedFile) -> None:
    assert [c.id for c in p.claims] == ["a"]


def removed_link(p: ParsedFile) -> None:
    assert links(p, "b") == []


def renamed_claim(p: ParsedFile) -> None:
    assert [c.id for c in p.claims] == ["a-2021", "b"]
    assert links(p, "b") == [("a-2021", "denies")]


# name: (the edit, what it must read back as, the records it may change)
EDITS: dict[str, tuple[Callable[[str], Splice | None], Callable[[ParsedFile], None], set[str]]] = {
    "add a claim": (lambda t: add_record(t, "claims", NEW_CLAIM), added_claim, {"c"}),
    "add a source (a new section)": (
        lambda t: add_record(t, "sources", {"id": "src-2", "title": "A title: with a colon", "published": "2021"}),
        added_source,
        {"src-2"},
    ),
    "replace the statement": (
        lambda t: set_field(t, "claims", "a", "statement", "It's a new statement, #2"),
        new_statement,
        {"a"},
    ),
    "set the sourcing": (
        lambda t: set_field(t, "claims", "a", "sourcing", {"status": "anonymous", "note": "US officials"}),
        new_sourcing,
        {"a"},
    ),
    "add a summary (a new field)": (lambda t: set_field(t, "claims", "b", "summary", "Yes"), new_summary, {"b"}),
    "add a verdict (a new nested field)": (
        lambda t: set_field(t, "claims", "b", "verdict", {"rating": "unproven", "date": "2021-02-01"}),
        new_verdict,
        {"b"},
    ),
    "answer another claim (one more link)": (
        lambda t: append_item(t, "claims", "b", "responds_to", {"claim": "x", "relation": "questions"}),
        one_more_link,
        {"b"},
    ),
    "first link of a claim (a new list)": (
        lambda t: append_item(t, "claims", "a", "responds_to", {"claim": "x", "relation": "supports"}),
        first_link,
        {"a"},
    ),
    "remove a claim": (lambda t: remove_record(t, "claims", "a"), removed_claim, {"a"}),
    "remove the last claim": (lambda t: remove_record(t, "claims", "b"), removed_last_claim, {"b"}),
    "remove a link": (lambda t: remove_item(t, "claims", "b", "responds_to", 0), removed_link, {"b"}),
    "rename a claim": (lambda t: rename_id(t, "claim", "a", "a-2021"), renamed_claim, {"a", "a-2021", "b"}),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
@pytest.mark.parametrize("name", sorted(FILES))
def test_an_edit_changes_only_its_own_lines(name: str, edit: str) -> None:
    old = FILES[name]
    make, check, touched = EDITS[edit]
    splice = make(old)
    assert splice is not None
    assert_only_its_lines_changed(old, splice)
    before, after = load(old), load(splice.text)
    check(after)
    # Every record the edit did not touch reads back as before.
    for section in schema.SECTIONS:
        kept = {r.id: without_places(r) for r in getattr(after, section) if r.id not in touched}
        assert kept == {r.id: without_places(r) for r in getattr(before, section) if r.id not in touched}


def test_a_new_record_follows_the_files_layout() -> None:
    splice = add_record(TWO_SPACES, "claims", {"id": "c", "speaker": "s", "date": "2021", "statement": "New"})
    assert splice.text.endswith(
        "    # a comment at the end of the record\n"
        "\n"
        "  - id: c\n"
        "    speaker: s\n"
        "    date: 2021\n"
        "    statement: New\n"
        "\n"
        "# A comment at the end of the file.\n"
    )
    assert (splice.first, splice.last, splice.replaced) == (27, 31, 0)

    splice = add_record(FOUR_SPACES, "claims", NEW_CLAIM)
    assert "\n    -   id: c\n        speaker: s\n" in splice.text
    added = splice.text[len(FOUR_SPACES) :]
    assert "        responds_to:\n            -   claim: a\n                relation: denies\n" in added
    assert "        sourcing:\n            status: none\n            note: |-\n" in added

    splice = add_record(FLUSH_LISTS, "claims", NEW_CLAIM)
    assert splice.text.startswith(FLUSH_LISTS)
    assert splice.text[len(FLUSH_LISTS) :].startswith("- id: c\n  speaker: s\n")
    assert "  responds_to:\n  - claim: a\n    relation: denies\n" in splice.text[len(FLUSH_LISTS) :]


def test_a_record_added_after_a_last_line_without_newline() -> None:
    old = FLUSH_LISTS.rstrip("\n")
    splice = add_record(old, "claims", {"id": "c", "speaker": "s", "date": "2021", "statement": "New"})
    assert splice.text == old + "\n- id: c\n  speaker: s\n  date: 2021\n  statement: New"


def test_a_changed_field_keeps_its_prefix_and_comment() -> None:
    splice = set_field(TWO_SPACES, "claims", "a", "id", "a2")
    assert "  - id: a2   # the tweet\n" in splice.text
    assert (splice.first, splice.last, splice.replaced) == (5, 5, 1)
    splice = set_field(TWO_SPACES, "claims", "a", "sourcing", {"status": "none"})
    assert "    sourcing:\n      status: none\n\n  - id: b\n" in splice.text


def test_a_new_field_goes_in_schema_order() -> None:
    splice = set_field(FOUR_SPACES, "claims", "a", "summary", "Short")
    assert '        statement: "A statement, in double quotes"\n        summary: Short\n' in splice.text


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        ("claims:\n", "claims:\n  - id: c\n"),
        ("claims: []  # none yet\n", "claims:  # none yet\n  - id: c\n"),
        ("claims: ~\n", "claims:\n  - id: c\n"),
        ("# Only a comment\n", "# Only a comment\n\nclaims:\n  - id: c\n"),
        ("", "claims:\n  - id: c\n"),
        ("speakers:\n  - id: s\n    name: S\n", "speakers:\n  - id: s\n    name: S\n\nclaims:\n  - id: c\n"),
    ],
)
def test_an_empty_or_missing_section_gets_its_first_record(old: str, expected: str) -> None:
    splice = add_record(old, "claims", {"id": "c", "speaker": "s", "date": "2021", "statement": "New"})
    assert splice.text.startswith(expected)
    load(splice.text)


@pytest.mark.parametrize(
    "old",
    [
        "claims: [\n",  # not YAML
        "- a\n- b\n",  # not a mapping
        "{claims: []}\n",  # a flow mapping
        "claims: [{id: a, speaker: s, date: 2020, statement: x}]\n",  # the records in a flow list
    ],
)
def test_files_that_cannot_be_spliced_are_refused(old: str) -> None:
    with pytest.raises(EditError):
        add_record(old, "claims", {"id": "c", "speaker": "s", "date": "2021", "statement": "New"})


def test_a_record_on_one_line_cannot_be_changed_as_text() -> None:
    with pytest.raises(EditError, match="on one line"):
        set_field(FLOW_EVERYWHERE, "speakers", "s", "name", "New name")


def test_an_unknown_record_is_refused() -> None:
    with pytest.raises(EditError, match="no claim 'zz'"):
        set_field(TWO_SPACES, "claims", "zz", "summary", "x")


def test_new_file() -> None:
    text = new_file("speakers", [{"id": "javad-zarif", "name": "Mohammad Javad Zarif", "aliases": ["Zarif"]}])
    assert text == "speakers:\n  - id: javad-zarif\n    name: Mohammad Javad Zarif\n    aliases: [Zarif]\n"


def test_outline_places_records_and_fields() -> None:
    root = outline(TWO_SPACES)
    assert root is not None
    a, b = root.fields["claims"].items
    assert a.dash == (4, 2) and (a.first, a.column) == (4, 4)
    assert (a.fields["statement"].first, a.fields["statement"].last) == (7, 9)  # the blank line after is not its
    assert a.last == 14 and b.last == 24
    assert re.match(r"\s*#", TWO_SPACES.splitlines()[4][a.fields["id"].end :])


def test_columns_count_characters_not_bytes() -> None:
    old = "claims:\n  - id: a\n    statement: محمد جواد ظریف 👨‍👩‍👧 x   # نظر\n    summary: y\n"
    assert set_field(old, "claims", "a", "statement", "new").text == (
        "claims:\n  - id: a\n    statement: new   # نظر\n    summary: y\n"
    )


# --- any layout, any values ------------------------------------------------------

LAYOUTS = [
    Style(),
    Style(indent=4),
    Style(seq_indent=False),
    Style(indent=4, dash_gap=3, newline="\r\n"),
    Style(newline="\r\n", flow_lists=False),
]
TEXT = st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(TRAPS)).filter(lambda t: bool(t.strip()))


def commented(text: str, where: list[int], blank: bool) -> str:
    """Comment lines (or blank lines) put before the given lines, indented as they are."""
    lines = text.splitlines(keepends=True)
    newline = "\r\n" if text.endswith("\r\n") else "\n"
    for index in sorted(set(where), reverse=True):
        line = lines[index]
        pad = line[: len(line) - len(line.lstrip(" "))]
        lines.insert(index, newline if blank else f"{pad}# a comment: [x], 'y'{newline}")
    return "".join(lines)


def starts_of(place: Place) -> list[int]:
    """Lines where a key or a list item starts: a comment line may go before any of them."""
    found = [key.first for key in place.keys.values()]
    found += [item.dash[0] for item in place.items if item.dash]
    for child in [*place.fields.values(), *place.items]:
        found += starts_of(child)
    return found


@st.composite
def store_files(draw: st.DrawFn) -> str:
    style = draw(st.sampled_from(LAYOUTS))
    claims = [
        {
            "id": f"c{n}",
            "speaker": "s",
            "date": "2020",
            "statement": draw(TEXT),
            "tags": draw(st.lists(TEXT, max_size=2)),
            "sourcing": draw(st.none() | st.just({"status": "none", "note": "n"})),
            "responds_to": [{"claim": "c0", "relation": "denies"}] if n and draw(st.booleans()) else [],
        }
        for n in range(draw(st.integers(1, 3)))
    ]
    text = new_file("claims", claims, style)
    if draw(st.booleans()):
        text = new_file("speakers", [{"id": "s", "name": draw(TEXT)}], style) + style.newline + text
    root = outline(text)
    assert root is not None
    starts = starts_of(root)
    text = commented(text, draw(st.lists(st.sampled_from(starts), max_size=4)), blank=draw(st.booleans()))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")
    return text


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(old=store_files(), data=st.data())
def test_any_edit_of_any_layout_changes_only_its_own_lines(old: str, data: st.DataObject) -> None:
    ids = [c.id for c in load(old).claims]
    target = data.draw(st.sampled_from(ids))
    text = data.draw(TEXT)
    edit = data.draw(st.sampled_from(["add", "statement", "summary", "sourcing", "link", "source", "rm", "rename"]))
    if edit == "add":
        splice = add_record(old, "claims", {"id": "new", "speaker": "s", "date": "2021", "statement": text})
        touched, expect = {"new"}, ("new", "statement", text.strip())
    elif edit == "source":
        splice = add_record(old, "sources", {"id": "src", "title": text})
        touched, expect = {"src"}, None
    elif edit in ("statement", "summary"):
        splice = set_field(old, "claims", target, edit, text)
        touched, expect = {target}, (target, edit, text.strip())
    elif edit == "sourcing":
        splice = set_field(old, "claims", target, "sourcing", {"status": "named", "note": text})
        touched, expect = {target}, None
    elif edit == "rm":
        splice = remove_record(old, "claims", target)
        touched, expect = {target}, None
    elif edit == "rename":
        renamed = rename_id(old, "claim", target, "renamed")
        assert renamed is not None
        splice = renamed
        touched, expect = {target, "renamed", *(c.id for c in load(old).claims if c.responds_to)}, None
    else:
        splice = append_item(old, "claims", target, "responds_to", {"claim": "zz", "relation": "supports"})
        touched, expect = {target}, None
    assert_only_its_lines_changed(old, splice)
    before, after = load(old), load(splice.text)
    if expect:
        record_id, name, value = expect
        assert getattr(claim(after, record_id), name) == value
    if edit == "source":
        assert after.sources[-1].title == text.strip()
    if edit == "sourcing":
        sourcing = claim(after, target).sourcing
        assert sourcing is not None and sourcing.note == text.strip()
    if edit == "link":
        assert claim(after, target).responds_to[-1].claim == "zz"
    if edit == "rm":
        assert [c.id for c in after.claims] == [c.id for c in before.claims if c.id != target]
    if edit == "rename":
        assert [c.id for c in after.claims] == [("renamed" if c.id == target else c.id) for c in before.claims]
        assert [link.claim for c in after.claims for link in c.responds_to] == [
            ("renamed" if link.claim == target else link.claim) for c in before.claims for link in c.responds_to
        ]
    for section in schema.SECTIONS:
        kept = {r.id: without_places(r) for r in getattr(after, section) if r.id not in touched}
        assert kept == {r.id: without_places(r) for r in getattr(before, section) if r.id not in touched}


def test_removing_a_record_keeps_one_blank_line_between_the_others() -> None:
    three = add_record(TWO_SPACES, "claims", {"id": "c", "speaker": "s", "date": "2021", "statement": "C"}).text
    splice = remove_record(three, "claims", "b")
    assert "      plotting attacks against Americans.\n\n    tags:" in splice.text
    assert "      note: 'Cites \"new intelligence\".'\n\n  - id: c\n" in splice.text
    assert "a comment at the end of the record" not in splice.text  # it was b's


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
@pytest.mark.parametrize("blanks", [0, 1, 2])
def test_removing_the_last_record_leaves_the_file_ending_on_text(ending: str, blanks: int) -> None:
    # (Found by the property test above: two blank lines before the last claim of a file
    # without a final line ending, and that claim removed, left the file ending in a blank line.)
    newline = ending or "\n"
    head = newline.join(["claims:", "  - id: a", "    speaker: s", "    date: 2020", "    statement: A", ""])
    text = head + newline * blanks + newline.join(["  - id: b", "    speaker: s", "    date: 2020", "    statement: B"])
    splice = remove_record(text + ending, "claims", "b")
    assert splice.text == head.removesuffix(newline) + ending
    assert (splice.first, splice.replaced) == (6, 4 + blanks)


def test_removing_a_field_or_the_last_entry_of_a_list() -> None:
    splice = remove_field(TWO_SPACES, "claims", "a", "sourcing")
    assert "sourcing" not in splice.text and "  - id: b\n" in splice.text
    assert (splice.first, splice.last, splice.replaced) == (13, 12, 3)  # lines 13-15 went
    splice = remove_item(TWO_SPACES, "claims", "b", "responds_to", 0)
    assert "responds_to" not in splice.text
    assert "      None at all.\n    # a comment at the end of the record\n" in splice.text
    with pytest.raises(EditError, match="first field"):
        remove_field(TWO_SPACES, "claims", "a", "id")


def test_renaming_keeps_quotes_flow_lists_and_comments() -> None:
    splice = rename_id(FLOW_EVERYWHERE, "claim", "a", "a-2021")
    assert splice is not None
    assert "  - id: a-2021\n" in splice.text
    assert "    responds_to: [{claim: a-2021, relation: denies}]\n" in splice.text
    splice = rename_id(TWO_SPACES, "speaker", "s", "javad-zarif")
    assert splice is not None
    assert "    speaker: javad-zarif\n" in splice.text and "    speaker: 'javad-zarif'\n" in splice.text
    assert splice.scattered == (6, 18)
    assert rename_id(TWO_SPACES, "source", "s", "x") is None  # no source s here
