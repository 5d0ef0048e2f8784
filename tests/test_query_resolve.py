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


def test_a_group_listed_before_its_member_group_still_counts(load):
    # with_groups must go on until nothing changes: here the outer group comes first in the file,
    # so one pass over the speakers finds only the inner one.
    store = load(
        a__yaml="speakers:\n"
        "  - {id: nation, name: Nation, kind: government, members: [cabinet]}\n"
        "  - {id: cabinet, name: Cabinet, kind: government, members: [minister]}\n"
        "  - {id: minister, name: Minister}\n"
        "claims:\n"
        "  - {id: said-by-nation, speaker: nation, date: 2021, statement: National}\n"
    )
    assert with_groups(store, {"minister"}) == {"minister", "cabinet", "nation"}
    assert [c.id for c in ClaimFilter(speakers=["minister"]).apply(store)] == ["said-by-nation"]


def test_a_name_with_a_leading_at_is_that_name_not_a_word_of_others(load):
    # "@Bob Smith" is the name Bob Smith (cli.md: a leading @ ignored): it must not fall through
    # to the word match, which would take Bob Smith Jr too.
    store = load(a__yaml="speakers:\n  - {id: bob, name: Bob Smith}\n  - {id: bob-jr, name: Bob Smith Jr}\n")
    assert [s.id for s in resolve_speakers(store, "@Bob Smith")] == ["bob"]
    assert [s.id for s in resolve_speakers(store, "Bob Smith")] == ["bob"]


def test_an_ambiguous_source_start_lists_at_most_ten_ids(load):
    store = load(a__yaml="sources:\n" + "".join(f"  - {{id: s-{n:02}}}\n" for n in range(1, 13)))
    with pytest.raises(NotFound) as info:
        resolve_source(store, "s-")
    assert str(info.value) == "'s-' is the start of 12 source ids"
    assert info.value.candidates == [f"s-{n:02}" for n in range(1, 11)]


@pytest.mark.parametrize(
    "headline, label",
    [
        ("x" * 60, "x" * 60),  # 60 characters fit whole
        ("x" * 50 + " " + "y" * 9 + "z", "x" * 50 + " \u2026"),  # 61 do not: cut at the last word that fits
        # The 60th character is a space: the word before it fits whole.
        ("a" * 29 + " " + "b" * 29 + " ccc", "a" * 29 + " " + "b" * 29 + " \u2026"),
    ],
    ids=["sixty", "sixty-one", "space-at-sixty"],
)
def test_a_headline_is_cut_only_past_sixty_characters(load, headline, label):
    store = load(
        a__yaml="claims:\n"
        f"  - {{id: only-1, speaker: s, date: 2020, statement: '{headline}'}}\n"
        "  - {id: only-2, speaker: s, date: 2020, statement: Short}\n"
    )
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "only")
    assert info.value.candidates == [f"only-1 (2020, s: {label})", "only-2 (2020, s: Short)"]


SPEAKERS = """\
speakers:
  - {id: donald-trump, name: Donald Trump}
  - {id: mike-pompeo, name: Mike Pompeo}
  - {id: zarif-1, name: Zarif One}
  - {id: zarif-2, name: Zarif Two}
  - {id: zarif-3, name: Zarif Three}
  - {id: zarif-4, name: Zarif Four}
"""


def test_the_words_of_a_name_in_any_order_name_its_speaker(load):
    assert [s.id for s in resolve_speakers(load(a__yaml=SPEAKERS), "Trump, Donald")] == ["donald-trump"]


def test_a_unique_start_of_a_speaker_id_names_that_speaker(load):
    store = load(a__yaml=SPEAKERS)
    assert [s.id for s in resolve_speakers(store, "donald-t")] == ["donald-trump"]
    assert [s.id for s in resolve_speakers(store, "mike-p")] == ["mike-pompeo"]


def test_an_empty_speaker_names_nobody_even_in_a_store_of_one(load):
    with pytest.raises(NotFound) as info:
        resolve_speakers(load(a__yaml="speakers: [{id: only, name: Only One}]\n"), "")
    assert str(info.value) == "no speaker called ''"


def test_an_unknown_speaker_offers_at_most_three_close_names_and_no_noise(load):
    store = load(a__yaml=SPEAKERS)
    with pytest.raises(NotFound) as info:
        resolve_speakers(store, "zarf")
    assert len(info.value.candidates) == 3
    assert all(c.startswith("zarif-") for c in info.value.candidates)
    assert info.value.hint == "give a speaker's id, name or alias; `claimtrack speakers` lists them"
    # 'nope' shares three letters in order with Mike Pompeo: too little to be offered.
    with pytest.raises(NotFound) as info:
        resolve_speakers(store, "nope")
    assert info.value.candidates == []


def test_an_unknown_source_is_matched_against_titles_too(store):
    with pytest.raises(NotFound) as info:
        resolve_source(store, "beta stroy")
    assert info.value.candidates[0] == "nyt-2020-b"


def test_an_ambiguous_claim_start_lists_at_most_ten_claims(load):
    claims = "".join(f"  - {{id: c-{n:02}, speaker: s, date: 2020, statement: S}}\n" for n in range(1, 13))
    store = load(a__yaml="claims:\n" + claims)
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "c-")
    assert str(info.value) == "'c-' is the start of 12 claim ids"
    assert [c.split(" ")[0] for c in info.value.candidates] == [f"c-{n:02}" for n in range(1, 11)]


def test_an_unknown_claim_offers_at_most_five(load):
    # Seven ids close to what was typed: five candidates, however many ranked() was asked for.
    store = load(
        a__yaml="claims:\n"
        + "".join(f"  - {{id: zarif-{n}, speaker: s, date: 2020, statement: zarif said {n}}}\n" for n in range(1, 8))
    )
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "zarf")
    assert len(info.value.candidates) == 5


def test_an_unknown_claim_offers_close_ids_before_close_statements(load):
    # Five close ids fill the list: the two claims whose statements are what was typed come after, so not at all.
    store = load(
        a__yaml="claims:\n"
        + "".join(f"  - {{id: zarif-{n}, speaker: s, date: 2020, statement: nothing}}\n" for n in range(1, 6))
        + "  - {id: other-a, speaker: s, date: 2020, statement: zarf}\n"
        + "  - {id: other-b, speaker: s, date: 2020, statement: zarf}\n"
    )
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "zarf")
    assert [c.split(" ")[0] for c in info.value.candidates] == [f"zarif-{n}" for n in range(1, 6)]


def test_suggestions_read_only_the_first_300_characters_of_a_statement(load):
    # The cut bounds the fuzzy work on long statements: a word beginning at the 300th character counts for nothing.
    store = load(a__yaml=f"claims:\n  - {{id: long, speaker: s, date: 2020, statement: '{'.' * 299}zanzibarian'}}\n")
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "zanzibarian")
    assert info.value.candidates == []
