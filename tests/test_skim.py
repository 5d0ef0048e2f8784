"""skim.py: record ids read from the line layout, held to what the loader reads."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from claimtrack.loader import outline, parse_text
from claimtrack.pipeline import load_store
from claimtrack.skim import skim, skim_store
from fixtures import BUNDLED, CLAIMS, SPEAKERS


def ids(text: str, section: str = "claims", prefix: str = "") -> list[str]:
    return [r.id for r in skim(textwrap.dedent(text), (section,), prefix)]


def loaded(text: str, section: str = "claims") -> list[str]:
    """The ids YAML itself gives (the loader's outline), whether or not the records are complete."""
    root = outline(textwrap.dedent(text))
    assert root is not None
    items = root.fields[section].items if section in root.fields else ()
    return [item.fields["id"].text for item in items if "id" in item.fields]


LAYOUTS = {
    "block": CLAIMS,
    "indentless items": """
        claims:
        - id: a-1
          speaker: s
          statement: x
        - speaker: s
          id: b-2
        """,
    "id not first, deeper indent": """
        claims:
            -   speaker: s
                id: a-1
                statement: x
            -   id: b-2
        """,
    "flow items": """
        claims:
          - {id: a-1, speaker: s, date: 2020, statement: x}
          - { id: "b-2", speaker: s, date: 2020, statement: y }
        """,
    "flow section": """
        speakers: [{id: s, name: S}]
        claims: [{id: a-1, speaker: s, date: 2020, statement: x}, {id: b-2, speaker: s, date: 2020, statement: y}]
        """,
    "quoted ids and comments": """
        # id: not-a-record
        claims:  # id: nor-this
          # - id: commented-out
          - id: "a-1"   # the first
            speaker: s
          - id: 'b-2'
        """,
    "text that looks like ids": """
        claims:
          - id: a-1
            statement: |
              id: fake-one
              - id: fake-two
                id: fake-three
            summary: >-
              said: id: fake-four
            appears_in:
              - source: x
                id: nested-one
            evidence:
            - id: nested-two
          - id: b-2
            statement: "a quote that goes on
              id: fake-five"
        """,
    "sections interleaved": """
        speakers:
          - id: s
            name: S
        claims:
          - id: a-1
        x-notes: {id: ignored}
        sources:
          - id: src
        claims2:
          - id: not-a-section
        """,
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_skim_finds_what_the_loader_finds(name):
    text = LAYOUTS[name]
    for section in ("speakers", "sources", "claims"):
        assert ids(text, section) == loaded(text, section), section


def test_crlf_bom_and_prefix():
    text = "\ufeffclaims:\r\n  - id: zarif-a\r\n    summary: One\r\n  - id: zarif-b\r\n  - id: trump-c\r\n"
    assert [r.id for r in skim(text)] == ["zarif-a", "zarif-b", "trump-c"]
    assert [r.id for r in skim(text, prefix="zarif-")] == ["zarif-a", "zarif-b"]
    assert skim(text, labels=True)[0].label == "One"


def test_a_broken_file_gives_what_it_can():
    text = "claims:\n  - id: good-one\n    statement: [unclosed\n  - id: good-two\n    : : :\n"
    assert parse_text("f.yaml", text).claims == []  # not valid YAML: the loader reads nothing
    assert ids(text) == ["good-one", "good-two"]


def test_invalid_ids_are_left_out():
    longest, too_long = "a" * 80, "b" * 81  # the loader's limit
    text = f"claims:\n  - id: Not-Valid\n  - id: ok\n  - id: two words\n  - id: {longest}\n  - id: {too_long}\n"
    assert ids(text) == ["ok", longest]


def test_labels_are_the_name_title_or_summary():
    text = textwrap.dedent(
        """
        speakers:
          - id: s
            role: x
            name: "Somebody 'Q' Person"   # a comment
        sources:
          - id: src
            outlet: Outlet
        claims:
          - id: a-1
            statement: >-
              The first line
              and the second
          - id: b-2
            statement: Plain statement
            summary: 'It''s the summary'
        """
    )
    labels = {r.id: r.label for r in skim(text, labels=True)}
    assert labels == {
        "s": "Somebody 'Q' Person",
        "src": "Outlet",
        "a-1": "The first line",
        "b-2": "It's the summary",
    }


def test_store_skim_matches_the_loaded_store(make_store):
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS, "more/extra.yml": LAYOUTS["flow items"]})
    (root / "notes.txt").write_text("claims:\n  - id: not-yaml-file\n")
    for store in (root, BUNDLED):
        st = load_store(Path(store))
        found = skim_store(Path(store), ("speakers", "sources", "claims"))
        for section, records in (("speakers", st.speakers), ("sources", st.sources), ("claims", st.claims)):
            assert sorted(r.id for r in found if r.section == section) == sorted(records)


def test_store_skim_skips_what_fsutil_refuses(make_store, tmp_path):
    root = make_store({"claims.yaml": "claims:\n  - id: inside\n"})
    outside = tmp_path / "outside.yaml"
    outside.write_text("claims:\n  - id: outside\n")
    (root / "link.yaml").symlink_to(outside)
    assert [r.id for r in skim_store(root, ("claims",))] == ["inside"]


# --- generated layouts: the skim finds every id YAML gives, and nothing else ---

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_TEXT = st.text(alphabet="ab id:-#'\"{}[],", min_size=1, max_size=30)
_IDS = st.from_regex(r"[a-z0-9][a-z0-9-]{0,12}", fullmatch=True)


@st.composite
def store_file(draw: st.DrawFn) -> str:
    """A claims section in one of the layouts people write, with text that looks like ids in its values."""
    dash = draw(st.sampled_from([0, 2, 4]))
    gap = draw(st.sampled_from([1, 3]))
    keys = " " * (dash + 1 + gap)
    lines = ["# id: in-a-comment", "claims:"]
    for record_id in draw(st.lists(_IDS, min_size=1, max_size=6, unique=True)):
        text = draw(_TEXT)
        style = draw(st.sampled_from(["first", "later", "flow", "literal", "quoted"]))
        head = " " * dash + "-" + " " * gap
        if style == "flow":
            lines.append(f"{' ' * dash}- {{id: {record_id}, statement: {json_string(text)}}}")
        elif style == "later":
            lines += [f"{head}statement: {json_string(text)}", f"{keys}id: {record_id}"]
        else:
            lines.append(f"{head}id: {record_id}")
            if style == "literal":
                lines += [
                    f"{keys}statement: |",
                    *(f"{keys}  {part.strip() or 'x'}" for part in text.split("#")),
                    f"{keys}tags: [x]",
                ]
            elif style == "quoted":
                lines.append(f"{keys}summary: {json_string(text)}")
        if style != "flow" and draw(st.booleans()):
            lines += [f"{keys}appears_in:", f"{keys}  - source: s", f"{keys}    id: nested-{record_id}"]
    return "\n".join(lines) + "\n"


def json_string(text: str) -> str:
    import json

    return json.dumps(text)


@given(store_file())
def test_generated_layouts_skim_as_yaml_reads_them(text):
    assert ids(text) == loaded(text)


def test_the_one_known_way_to_fool_it():
    """Documented in skim.py: a quoted value continued over lines, a line of it reading `id: x` at the keys' column."""
    text = 'claims:\n  - id: a\n    statement: "first line\n    id: fake\n    more"\n  - id: b\n'
    assert loaded(text) == ["a", "b"]
    assert ids(text) == ["a", "fake", "b"]
