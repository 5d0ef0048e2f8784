"""Search: typos, word order, fragments, aliases, filters and the JSON shape."""

from __future__ import annotations

import json

import pytest

from claimtrack.search import SearchIndex


@pytest.fixture
def index(load):
    from fixtures import CLAIMS, SPEAKERS

    store = load(speakers__yaml=SPEAKERS, claims__yaml=CLAIMS)
    return SearchIndex(store, list(store.claims.values()))


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
