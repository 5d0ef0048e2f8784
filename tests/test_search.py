"""Search: typos, word order, fragments, aliases, filters and the JSON shape."""

from __future__ import annotations

import json

import pytest

from claimtrack.search import SearchIndex


@pytest.fixture
def searching(load):
    """A search over every claim of a store of these files (name -> YAML text)."""

    def over(**files: str) -> SearchIndex:
        store = load(**files)
        return SearchIndex(store, list(store.claims.values()))

    return over


@pytest.fixture
def index(searching):
    from fixtures import CLAIMS, SPEAKERS

    return searching(speakers__yaml=SPEAKERS, claims__yaml=CLAIMS)


def top(index, query):
    hits = index.search(query, limit=3)
    return [(h.claim.id, h.field) for h in hits]


@pytest.mark.parametrize(
    "query",
    ["sneak attack", "sneek atack", "attack sneak", "planing a sneek", "proxies planning"],
)
def test_typos_word_order_and_fragments_find_the_tweet(index, query):
    assert top(index, query)[0] == ("trump-sneak-attack-2020", "statement")


def test_word_prefix_and_alias(index):
    assert top(index, "provocat")[0][0] == "zarif-provocateurs-2021"
    hits = index.search("JZarif")
    assert {h.claim.id for h in hits} == {"zarif-no-wars-2020", "zarif-provocateurs-2021"}
    assert {h.field for h in hits} == {"speaker"}


def test_scores_rank_closer_matches_higher(index):
    exact = index.search("sneak attack")[0].score
    typo = index.search("sneek atack")[0].score
    assert 100 >= exact > typo >= 60


def test_unrelated_query_finds_nothing(index):
    assert index.search("fishing boats harbour") == []
    assert index.search("!!!") == []


def test_highlighted_words_are_the_matching_ones(index):
    hit = index.search("sneek atack")[0]
    assert hit.matched == frozenset({"sneak", "attack"})


def test_search_command_json_and_filters(run, demo_store):
    result = run("search", "sneek atack", "--store", str(demo_store), "--format", "json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "trump-sneak-attack-2020"
    assert set(hits[0]) >= {"id", "score", "field", "claim"}
    assert 0 <= hits[0]["score"] <= 100 and hits[0]["field"] == "statement"
    assert hits[0]["claim"]["speaker_name"] == "Donald Trump"
    filtered = json.loads(
        run("search", "iran", "--speaker", "Zarif", "--store", str(demo_store), "--format", "json").stdout
    )
    assert {h["claim"]["speaker"] for h in filtered} == {"javad-zarif"}
    limited = json.loads(run("search", "iran", "--limit", "1", "--store", str(demo_store), "--format", "json").stdout)
    assert len(limited) == 1


def test_search_text_is_never_markup(run, make_store):
    root = make_store(
        {
            "a.yaml": "speakers: [{id: s, name: S}]\n"
            'claims: [{id: x, speaker: s, date: 2020, statement: "[bold]sneak[/bold] \\e[2J attack"}]\n'
        }
    )
    result = run("search", "sneak", "--store", str(root))
    assert "[bold]sneak[/bold]" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[2J" in result.stdout


def test_search_takes_unquoted_words(run, demo_store):
    quoted = run("search", "sneek atack", "--store", str(demo_store), "--format", "json").stdout
    assert run("search", "sneek", "atack", "--store", str(demo_store), "--format", "json").stdout == quoted


def test_speaker_and_word_combine(index):
    # Neither the statement nor the speaker's name holds both words; the claim does.
    hits = index.search("Zarif intelligence")
    assert hits[0].claim.id == "zarif-provocateurs-2021"
    assert hits[0].score > 90
    assert all(h.claim.speaker == "javad-zarif" for h in index.search("Zarif intelligence", min_score=80))


SHORT_WORDS = """
speakers: [{id: s, name: Sam Speaker}]
sources:
  - {id: paper, kind: news-report, title: Budget fight looms, outlet: Politico, byline: Ellen Nakashima}
claims:
  - {id: tax-cut, speaker: s, date: 2020, statement: The tax cut will pay for itself by next year.}
  - {id: vote, speaker: s, date: 2020, statement: Every vote for the bill is a vote for higher prices.}
  - id: political
    speaker: s
    date: 2020
    statement: This is a political stunt and nothing more.
  - id: in-the-paper
    speaker: s
    date: 2020
    statement: The deficit doubled in four years.
    appears_in: [{source: paper}]
"""


@pytest.fixture
def short_words(searching):
    return searching(s__yaml=SHORT_WORDS)


@pytest.mark.parametrize(
    ("query", "claim"),
    [
        ("atx cut", "tax-cut"),  # two letters of a three-letter word swapped
        ("tax ctu", "tax-cut"),
        ("vte bill", "vote"),  # a letter dropped from a four-letter word
        ("voet for the bil", "vote"),
    ],
)
def test_typos_in_short_words_match(short_words, query, claim):
    hits = short_words.search(query)
    assert hits and hits[0].claim.id == claim, [(h.claim.id, h.score) for h in hits]


def test_a_name_is_not_a_typo_of_a_longer_word(short_words):
    # 'Politico' is two edits from 'political': the outlet, not the adjective.
    hits = short_words.search("Politico")
    assert [(h.claim.id, h.field) for h in hits] == [("in-the-paper", "source")]


@pytest.mark.parametrize("query", ["Nakashima", "budget fight", "Politico deficit"])
def test_sources_titles_outlets_and_bylines_are_a_claims_text(short_words, query):
    hits = short_words.search(query)
    assert hits and hits[0].claim.id == "in-the-paper"


def test_inflections_of_a_stem_match(short_words):
    assert short_words._word_matches("doubling") == {"doubled": 85.0}
    assert short_words.search("doubling deficits")[0].claim.id == "in-the-paper"
    assert "politico" not in short_words._word_matches("political")


# --- typo tolerance by word length ------------------------------------------------

TYPOS = """
speakers: [{id: s, name: Sam}]
claims:
  - {id: by-year, speaker: s, date: 2020, statement: Done by next year.}
  - {id: political, speaker: s, date: 2020, statement: A political stunt.}
  - {id: intelligence, speaker: s, date: 2020, statement: New intelligence from Iraq.}
"""


@pytest.fixture
def typos(searching):
    return searching(s__yaml=TYPOS)


@pytest.mark.parametrize(
    ("query", "claim"),
    [
        ("bye", None),  # one edit from 'by': a two-letter word is no typo's target
        ("politcail", "political"),  # two edits in nine letters
        ("inteligense", "intelligence"),  # two in eleven
        ("inteligensse", None),  # three are too many, however long the word
    ],
)
def test_typos_allowed_grow_with_the_shorter_words_length(typos, query, claim):
    hits = typos.search(query)
    assert [h.claim.id for h in hits] == ([claim] if claim else []), [(h.claim.id, h.score) for h in hits]


def test_every_typo_neighbour_counts_not_only_the_closest_few(searching):
    words = ["cat", "bat", "hat", "mat", "rat", "sat", "fat"]
    claims = "".join(f"  - {{id: {w}, speaker: s, date: 2020, statement: The {w} sleeps.}}\n" for w in words)
    hits = searching(s__yaml="speakers: [{id: s, name: Sam}]\nclaims:\n" + claims).search("vat", limit=None)
    assert sorted(h.claim.id for h in hits) == sorted(words)


# --- stems ------------------------------------------------------------------------

STEMS = """
speakers: [{id: s, name: Sam}]
claims:
  - {id: plane, speaker: s, date: 2020, statement: The plane landed.}
  - {id: warning, speaker: s, date: 2020, statement: A warning came late.}
"""


def test_a_four_letter_stem_finds_its_inflections_and_a_shorter_one_is_no_stem(searching):
    index = searching(s__yaml=STEMS)
    assert [h.claim.id for h in index.search("warns")] == ["warning"]  # 'warn' + 's', 'warn' + 'ing'
    # 'planned' is 'plann' + 'ed': 'plan' is not its stem, nor 'plane' an inflection of it.
    assert index.search("planned") == []


# --- scores -----------------------------------------------------------------------

EXACT = """
speakers: [{id: s, name: Sam}]
claims:
  - {id: c0, speaker: s, date: 2020, statement: golf echo charlie hotel}
  - {id: c1, speaker: s, date: 2020, statement: golf echo bravo charlie alpha}
  - {id: c2, speaker: s, date: 2020, statement: charlie foxtrot hotel}
"""


def test_a_claim_saying_the_query_scores_exactly_100(searching):
    # The weighted shares of the words add up, in float32, to a hair above 100 here.
    hit = searching(s__yaml=EXACT).search("golf echo charlie hotel")[0]
    assert (hit.claim.id, hit.score) == ("c0", 100.0)


def test_a_partial_match_scores_its_share_of_the_querys_weight(searching):
    # 0.8 x the share of the query's weight the claim holds (a word's weight: how rare it is,
    # log(1 + entries / (1 + entries holding it))) + 0.2 x how well its text keeps the query's order.
    import math

    from rapidfuzz import fuzz

    index = searching(s__yaml=EXACT)
    entries = 5  # three statements, the speaker's name and id
    assert index.entry_count == entries
    foxtrot, zulu = math.log(1 + entries / (1 + 1)), math.log(1 + entries / (1 + 0))
    order = fuzz.partial_ratio("foxtrot zulu", "charlie foxtrot hotel")
    expected = 0.8 * 100 * foxtrot / (foxtrot + zulu) + 0.2 * order
    (hit,) = index.search("foxtrot zulu", min_score=0)
    assert hit.claim.id == "c2" and hit.score == pytest.approx(expected, abs=1e-4)


def test_min_score_keeps_a_hit_scoring_exactly_that(index):
    score = index.search("sneek atack")[0].score
    assert score < 100
    assert index.search("sneek atack", min_score=score)[0].score == score


def test_json_scores_have_one_decimal_and_the_matching_text(run, demo_store, index):
    hit = index.search("sneak atack")[0]
    assert round(hit.score, 1) != round(hit.score) and round(hit.score, 1) != round(hit.score, 2)
    result = run("search", "sneak atack", "--store", str(demo_store), "--format", "json")
    shown = json.loads(result.stdout)[0]
    assert shown["score"] == round(hit.score, 1)
    assert shown["text"] == hit.text == hit.claim.statement


# --- what a hit shows -------------------------------------------------------------

SHOWN = """
speakers: [{id: jz, name: Javad Zarif}, {id: other, name: Other}]
claims:
  - {id: t1, speaker: other, date: 2020, statement: Troops went home.}
  - {id: t2, speaker: other, date: 2020, statement: More troops arrive.}
  - id: main
    speaker: jz
    date: 2020
    statement: Troops gather at dawn.
    summary: A border clash.
  - {id: named, speaker: other, date: 2020, statement: Zarif said so.}
"""


@pytest.fixture
def shown(searching):
    return searching(s__yaml=SHOWN)


def test_a_hit_shows_its_text_holding_most_of_the_querys_weight(shown):
    # 'border' is rarer than 'troops' (in three statements): the summary holds more of the query.
    hit = next(h for h in shown.search("border troops") if h.claim.id == "main")
    assert (hit.field, hit.text) == ("summary", "A border clash.")


def test_a_hit_shows_its_own_text_or_its_speaker_never_another_claims_text(shown):
    hits = {h.claim.id: (h.field, h.text) for h in shown.search("zarif")}
    assert hits == {"main": ("speaker", "Javad Zarif"), "named": ("statement", "Zarif said so.")}


def test_the_text_a_hit_shows_does_not_depend_on_the_other_claims(load):
    # Among many equally matching tags, as alone: the same one of its own.
    lines = ["speakers: [{id: s, name: Sam}]", "claims:"]
    lines.append("  - {id: x, speaker: s, date: 2020, statement: Nothing here., tags: [iran-deal, iran-talks]}")
    for n in range(20):
        lines.append(f"  - {{id: c{n}, speaker: s, date: 2020, statement: Words {n}., tags: [ira{'nq'[n % 2]}-{n}]}}")
    store = load(s__yaml="\n".join(lines) + "\n")
    x = store.claims["x"]
    among_all = SearchIndex(store, list(store.claims.values())).search("iran", limit=None, min_score=0)
    alone = SearchIndex(store, [x]).search("iran")
    assert [(h.field, h.text) for h in among_all if h.claim is x] == [(h.field, h.text) for h in alone]


# --- how many hits ----------------------------------------------------------------


def same_words(ids: list[str], said: str = "Troops face a sneak attack", last: str = "") -> str:
    """Claims saying the same words, in this order; the last one says `last` if given."""
    says = [said] * len(ids)
    if last:
        says[-1] = last
    claims = "".join(
        f"  - {{id: {c}, speaker: s, date: 2020, statement: {text}}}\n" for c, text in zip(ids, says, strict=True)
    )
    return "speakers: [{id: s, name: Sam}]\nclaims:\n" + claims


def test_limit_and_the_default_of_twenty(searching):
    index = searching(s__yaml=same_words([f"c{n:02}" for n in range(25)]))
    assert len(index.search("sneak attack")) == 20
    assert [h.claim.id for h in index.search("sneak attack", limit=3)] == ["c00", "c01", "c02"]
    assert len(index.search("sneak attack", limit=None)) == len(index.search("sneak attack", limit=0)) == 25


def test_a_tie_at_the_limit_of_one_goes_by_id(searching):
    index = searching(s__yaml=same_words(["bb", "aa"]))
    assert [h.claim.id for h in index.search("sneak attack", limit=1)] == ["aa"]


@pytest.mark.parametrize("matching", [299, 300, 301])
def test_only_the_best_candidates_are_reranked(searching, matching):
    from claimtrack.search import _RERANK

    ids = [f"c{n:03}" for n in range(matching - 1)] + ["best"]
    index = searching(s__yaml=same_words(ids, said="Troops went home", last="Troops at the border"))
    hits = index.search("troops border", limit=None, min_score=0)
    assert hits[0].claim.id == "best"
    assert len(hits) == min(matching, _RERANK)


def test_an_empty_store_finds_nothing(load):
    store = load(s__yaml="speakers: [{id: s, name: Sam}]\n")
    assert SearchIndex(store, []).search("anything at all") == []


def test_speakers_names_and_aliases_are_searched(searching):
    index = searching(
        s__yaml="speakers: [{id: s1, name: Sam Speaker, aliases: [Samwise]}]\n"
        "claims: [{id: c, speaker: s1, date: 2020, statement: Troops went home.}]\n"
    )
    for query in ("Sam Speaker", "Samwise", "s1"):
        assert [(h.claim.id, h.field) for h in index.search(query)] == [("c", "speaker")], query
