"""query: sources by id or start of an id, long headlines in candidate lists, speakers a word names,
groups at any depth (cli.md: ids, `--speaker`, `--source`)."""

from __future__ import annotations

import pytest

from claimtrack.errors import NotFound
from claimtrack.query import ClaimFilter, resolve_claim, resolve_source, resolve_speakers, with_groups

STORE = """\
speakers:
  - {id: barack-obama, name: Barack Obama}
  - {id: michelle-obama, name: Michelle Obama}
  - {id: cabinet, name: Cabinet, kind: government, members: [barack-obama]}
  - {id: nation, name: Nation, kind: government, members: [cabinet]}
  - {id: other, name: Other}
sources:
  - {id: nyt-2020-a, title: Alpha story, outlet: The Times}
  - {id: nyt-2020-b, title: Beta story}
  - {id: wapo, title: Gamma story, outlet: The Post}
claims:
  - id: long-one
    speaker: barack-obama
    date: 2020
    statement: >-
      A statement that goes on and on past sixty characters, so the label of it must be cut at a word
  - {id: long-two, speaker: other, date: 2021, statement: Short}
  - {id: by-nation, speaker: nation, date: 2021, statement: National}
"""


@pytest.fixture
def store(load):
    return load(a__yaml=STORE)


def test_a_source_by_id_or_unique_start(store):
    assert resolve_source(store, "wapo").id == "wapo"
    assert resolve_source(store, " WA ").id == "wapo"  # spaces and case do not matter: ids are lower-case
    assert resolve_source(store, "nyt-2020-b").id == "nyt-2020-b"


def test_an_ambiguous_source_start_lists_the_ids(store):
    with pytest.raises(NotFound) as info:
        resolve_source(store, "nyt")
    assert str(info.value) == "'nyt' is the start of 2 source ids"
    assert info.value.candidates == ["nyt-2020-a", "nyt-2020-b"]
    assert info.value.hint == "type more of the id"


def test_an_unknown_source_suggests_by_id_title_or_outlet(store):
    with pytest.raises(NotFound) as info:
        resolve_source(store, "the post")
    assert str(info.value) == "no source with id 'the post'"
    assert info.value.candidates[0] == "wapo"
    assert info.value.hint == "`claimtrack sources` lists them; any unique start of an id works"
    with pytest.raises(NotFound) as info:
        resolve_source(store, "")
    assert str(info.value) == "no source with id ''"


def test_a_long_headline_is_cut_at_a_word_in_the_candidates(store):
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "long")
    assert info.value.candidates == [
        "long-one (2020, Barack Obama: A statement that goes on and on past sixty characters, so \u2026)",
        "long-two (2021, Other: Short)",
    ]


def test_a_word_naming_several_speakers_is_announced(store):
    told: list[str] = []
    found = resolve_speakers(store, "obama", told.append)
    assert [s.id for s in found] == ["barack-obama", "michelle-obama"]
    assert told == ["--speaker obama matches 2 speakers: barack-obama (Barack Obama), michelle-obama (Michelle Obama)"]
    told.clear()
    assert [s.id for s in resolve_speakers(store, "michelle", told.append)] == ["michelle-obama"]
    assert told == []  # one speaker: nothing to say


def test_groups_at_any_depth(store):
    assert with_groups(store, {"barack-obama"}) == {"barack-obama", "cabinet", "nation"}
    assert with_groups(store, {"other"}) == {"other"}
    chosen = ClaimFilter(speakers=["barack-obama"]).apply(store)
    assert [c.id for c in chosen] == ["long-one", "by-nation"]  # the group of a group speaks for him too


def test_an_id_is_matched_by_its_start_never_by_a_piece_inside_it(store, run, make_store):
    # "one" is inside long-one but starts no id: it names nothing (cli.md: any unique start of an id).
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "one")
    assert str(info.value) == "no claim with id 'one'"
    with pytest.raises(NotFound):
        resolve_source(store, "2020-a")
    result = run("--store", str(make_store({"a.yaml": STORE})), "show", "nation")
    assert result.exit_code == 1 and "no claim with id 'nation'" in result.stderr  # by-nation does not start so
