"""query.py: ids and names typed by a user, filters and sorting."""

from __future__ import annotations

import datetime as dt

import pytest

from claimtrack.errors import ClaimtrackError, NotFound
from claimtrack.pipeline import load_store
from claimtrack.query import ClaimFilter, parse_date_bound, resolve_claim, resolve_speakers, sort_claims

STORE = """\
speakers:
  - {id: javad-zarif, name: Mohammad Javad Zarif, aliases: [Zarif, Javad Zarif, "@JZarif"]}
  - {id: donald-trump, name: Donald Trump, aliases: [Trump, "@realDonaldTrump"]}
  - {id: emile-zola, name: Émile Zola}
  - {id: a1, name: Alice Spokes, aliases: [Spokesperson]}
  - {id: a2, name: Bob Spokes, aliases: [spokesperson]}
claims:
  - id: c-2019
    speaker: emile-zola
    date: 2019-06-01
    statement: J'accuse
    tags: [France]
    about: [donald-trump]
    sourcing: {status: documented}
  - id: c-2020a
    speaker: donald-trump
    date: 2020-04-01
    statement: Upon information and belief, Iran or its proxies are planning a sneak attack
    summary: Iran plans a sneak attack on US troops
    tags: [iraq]
    about: [iran]
    sourcing: {status: unspecified}
  - id: c-2020b
    speaker: javad-zarif
    date: 2020-04-02
    statement: Iran starts no wars
    responds_to: [{claim: c-2020a, relation: denies}]
    sourcing: {status: none}
  - id: c-2020c
    speaker: a1
    date: 2020-12-31
    statement: Something is brewing
    responds_to: [{claim: c-2020a, relation: supports}]
    sourcing: {status: anonymous}
  - id: c-2021
    speaker: a2
    date: 2021-01-01
    statement: Nothing to add
    tags: [Iraq]
"""


@pytest.fixture
def store(make_store):
    root = make_store({"a.yaml": STORE})
    st = load_store(root, cwd=root)
    assert st.diagnostics == []
    return st


def ids(claims) -> list[str]:
    return [c.id for c in claims]


# --- resolve_claim -------------------------------------------------------------------------


def test_resolve_claim_exact_and_unique_prefix(store):
    assert resolve_claim(store, "c-2020a").id == "c-2020a"
    assert resolve_claim(store, "c-2019").id == "c-2019"
    assert resolve_claim(store, "c-201").id == "c-2019"
    assert resolve_claim(store, "c-2021").id == "c-2021"


def test_resolve_claim_exact_beats_prefix(make_store):
    root = make_store(
        {
            "a.yaml": "claims:\n  - {id: trump, speaker: s, date: 2020, statement: a}\n"
            "  - {id: trump-2, speaker: s, date: 2020, statement: b}\n"
        }
    )
    st = load_store(root, cwd=root)
    assert resolve_claim(st, "trump").id == "trump"
    assert resolve_claim(st, "trump-").id == "trump-2"


def test_resolve_claim_ambiguous_prefix_lists_candidates(store):
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "c-2020")
    assert str(info.value) == "'c-2020' is the start of 3 claim ids"
    assert [c.split(" ")[0] for c in info.value.candidates] == ["c-2020a", "c-2020b", "c-2020c"]
    assert info.value.candidates[0] == "c-2020a (2020-04-01, Donald Trump: Iran plans a sneak attack on US troops)"
    assert info.value.hint == "type more of the id"


def test_resolve_claim_unknown_gives_fuzzy_candidates(store):
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "c-2020x")
    assert str(info.value) == "no claim with id 'c-2020x'"
    assert info.value.candidates and info.value.candidates[0].split(" ")[0] in {"c-2020a", "c-2020b", "c-2020c"}
    # Matching reaches summaries, statements and speaker names, not only ids.
    for typed, wanted in (("sneak atack", "c-2020a"), ("J'accuse", "c-2019"), ("Emile Zola", "c-2019")):
        with pytest.raises(NotFound) as info:
            resolve_claim(store, typed)
        assert info.value.candidates[0].startswith(wanted + " ("), (typed, info.value.candidates)


def test_resolve_claim_nothing_close(store):
    with pytest.raises(NotFound) as info:
        resolve_claim(store, "qqqqqqqqqqqq")
    assert info.value.candidates == []
    with pytest.raises(NotFound):
        resolve_claim(store, "")


def test_resolve_claim_reads_ids_in_lower_case(store):
    # Ids are lower-case by definition, so "C-2019" can only mean c-2019.
    assert resolve_claim(store, "C-2019").id == "c-2019"


# --- resolve_speakers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "javad-zarif",
        "Javad Zarif",
        "Mohammad Javad Zarif",
        "mohammad javad zarîf",
        "zarîf",
        "ZARIF",
        "Zarif",
        " zarif ",
        "@jzarif",
        "@JZarif",
        "jzarif",
        "JAVAD-ZARIF",
        "javad",
    ],
)
def test_resolve_speakers_by_id_name_alias_ignoring_case_and_accents(store, typed):
    assert [s.id for s in resolve_speakers(store, typed)] == ["javad-zarif"]


def test_resolve_speakers_accents_in_the_store(store):
    for typed in ("emile zola", "ÉMILE ZOLA", "Émile Zola", "emile-zola"):
        assert [s.id for s in resolve_speakers(store, typed)] == ["emile-zola"]


def test_resolve_speakers_shared_alias_gives_all(store):
    assert [s.id for s in resolve_speakers(store, "SPOKESPERSON")] == ["a1", "a2"]


def test_resolve_speakers_unknown(store):
    with pytest.raises(NotFound) as info:
        resolve_speakers(store, "zarf")
    assert str(info.value) == "no speaker called 'zarf'"
    assert info.value.candidates[0] == "javad-zarif (Mohammad Javad Zarif)"
    assert "speakers" in info.value.hint


def test_resolve_speakers_ambiguous_prefix_is_not_found(store):
    # 'a' starts both a1 and a2: never pick one silently.
    with pytest.raises(NotFound):
        resolve_speakers(store, "a")


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, end, wanted",
    [
        ("2020", False, dt.date(2020, 1, 1)),
        ("2020", True, dt.date(2020, 12, 31)),
        ("2020-02", False, dt.date(2020, 2, 1)),
        ("2020-02", True, dt.date(2020, 2, 29)),
        ("2021-02", True, dt.date(2021, 2, 28)),
        ("2020-04-05", True, dt.date(2020, 4, 5)),
        (" 2020-04-05 ", False, dt.date(2020, 4, 5)),
    ],
)
def test_parse_date_bound(text, end, wanted):
    assert parse_date_bound(text, "--until", end=end) == wanted


@pytest.mark.parametrize("text", ["April", "2020-13", "2020-02-30", "20200101", "", "2020-4"])
def test_parse_date_bound_rejects(text):
    with pytest.raises(ClaimtrackError) as info:
        parse_date_bound(text, "--since")
    assert str(info.value) == f"--since '{text}' is not a date"
    assert "YYYY-MM-DD" in info.value.hint


# --- ClaimFilter -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options, wanted",
    [
        ({}, ["c-2019", "c-2020a", "c-2020b", "c-2020c", "c-2021"]),
        ({"speakers": ["zarîf"]}, ["c-2020b"]),
        ({"speakers": ["trump", "ZARIF"]}, ["c-2020a", "c-2020b"]),
        ({"speakers": ["Spokesperson"]}, ["c-2020c", "c-2021"]),
        ({"sourcing": ["none", "unknown"]}, ["c-2020b", "c-2021"]),
        ({"sourcing": ["documented"]}, ["c-2019"]),
        ({"unsourced": True}, ["c-2020a", "c-2020b", "c-2020c"]),
        ({"contested": True}, ["c-2020a"]),
        ({"unanswered": True}, ["c-2019", "c-2020b", "c-2020c", "c-2021"]),
        ({"about": ["IRAN"]}, ["c-2020a"]),
        ({"about": ["Trump"]}, ["c-2019"]),  # a speaker's name finds claims about that speaker's id
        ({"about": ["nobody"]}, []),
        ({"tags": ["IRAQ"]}, ["c-2020a", "c-2021"]),
        ({"tags": ["france", "iraq"]}, ["c-2019", "c-2020a", "c-2021"]),
        ({"since": "2020-04-02"}, ["c-2020b", "c-2020c", "c-2021"]),
        ({"since": "2021"}, ["c-2021"]),
        ({"until": "2020"}, ["c-2019", "c-2020a", "c-2020b", "c-2020c"]),  # the whole year, 12-31 included
        ({"until": "2020-04"}, ["c-2019", "c-2020a", "c-2020b"]),
        ({"until": "2020-04-01"}, ["c-2019", "c-2020a"]),
        ({"since": "2020", "until": "2020"}, ["c-2020a", "c-2020b", "c-2020c"]),
    ],
)
def test_each_filter(store, options, wanted):
    assert ids(ClaimFilter(**options).apply(store)) == wanted


def test_filters_combine_with_and(store):
    f = ClaimFilter(since="2020", until="2020", unsourced=True, tags=["iraq"])
    assert ids(f.apply(store)) == ["c-2020a"]
    assert ids(ClaimFilter(unanswered=True, unsourced=True).apply(store)) == ["c-2020b", "c-2020c"]
    assert ids(ClaimFilter(contested=True, speakers=["zarif"]).apply(store)) == []
    assert ids(ClaimFilter(speakers=["Spokesperson"], sourcing=["unknown"]).apply(store)) == ["c-2021"]


def test_filter_applies_to_a_given_list(store):
    some = [store.claims["c-2021"], store.claims["c-2019"]]
    assert ids(ClaimFilter(tags=["iraq"]).apply(store, some)) == ["c-2021"]


def test_filter_errors(store):
    with pytest.raises(ClaimtrackError) as info:
        ClaimFilter(sourcing=["rumour"]).apply(store)
    assert "'rumour' is not a sourcing status" in str(info.value)
    with pytest.raises(ClaimtrackError) as info:
        ClaimFilter(until="next year").apply(store)
    assert "--until 'next year' is not a date" in str(info.value)
    with pytest.raises(NotFound):
        ClaimFilter(speakers=["nobody-at-all"]).apply(store)


# --- sort_claims ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, reverse, wanted",
    [
        ("date", False, ["c-2021", "c-2020c", "c-2020b", "c-2020a", "c-2019"]),
        ("date", True, ["c-2019", "c-2020a", "c-2020b", "c-2020c", "c-2021"]),
        ("id", False, ["c-2019", "c-2020a", "c-2020b", "c-2020c", "c-2021"]),
        ("id", True, ["c-2021", "c-2020c", "c-2020b", "c-2020a", "c-2019"]),
        # By name, accents folded: Émile sorts between Donald and Mohammad.
        ("speaker", False, ["c-2020c", "c-2021", "c-2020a", "c-2019", "c-2020b"]),
        # Weakest sourcing first, not-assessed last.
        ("sourcing", False, ["c-2020b", "c-2020a", "c-2020c", "c-2019", "c-2021"]),
        ("answers", False, ["c-2020a", "c-2021", "c-2020c", "c-2020b", "c-2019"]),
    ],
)
def test_sort_claims(store, key, reverse, wanted):
    assert ids(sort_claims(store, list(store.claims.values()), key, reverse)) == wanted


def test_sort_claims_same_date_is_stable_by_id(make_store):
    root = make_store(
        {
            "a.yaml": "claims:\n"
            "  - {id: b, speaker: s, date: 2020-01-01, statement: x}\n"
            "  - {id: a, speaker: s, date: 2020-01-01, statement: x}\n"
            "  - {id: c, speaker: s, date: 2020, statement: x}\n"
        }
    )
    st = load_store(root, cwd=root)
    # '2020' sorts as 2020-01-01: a tie with the others, broken by id.
    assert ids(sort_claims(st, list(st.claims.values()), "date", reverse=True)) == ["a", "b", "c"]


def test_sort_claims_bad_key(store):
    with pytest.raises(ClaimtrackError) as info:
        sort_claims(store, [], "colour")
    assert "--sort 'colour' is not a sort key" in str(info.value)
    assert info.value.hint == "use one of: date, id, speaker, sourcing, answers"


def test_about_matches_a_word_of_an_entry(load):
    store = load(
        a__yaml="speakers: [{id: s, name: S}]\n"
        "claims: [{id: x, speaker: s, date: 2020, statement: y, about: [qassem-soleimani]}]\n"
    )
    assert [c.id for c in ClaimFilter(about=["Soleimani"]).apply(store)] == ["x"]
    assert ClaimFilter(about=["qassem"]).apply(store) and not ClaimFilter(about=["soleiman"]).apply(store)


def test_date_bounds_take_the_relative_words_the_writing_commands_take():
    import datetime as dt

    from claimtrack.errors import ClaimtrackError
    from claimtrack.query import parse_date_bound

    wed = dt.date(2021, 1, 6)  # a Wednesday
    assert parse_date_bound("yesterday", "--since", today=wed) == dt.date(2021, 1, 5)
    assert parse_date_bound("Last  Friday", "--since", today=wed) == dt.date(2021, 1, 1)
    assert parse_date_bound("2 weeks ago", "--until", end=True, today=wed) == dt.date(2020, 12, 23)
    assert parse_date_bound("2021-01", "--until", end=True, today=wed) == dt.date(2021, 1, 31)
    with pytest.raises(ClaimtrackError) as caught:
        parse_date_bound("unknown", "--since", today=wed)
    assert "'unknown'" not in (caught.value.hint or "") and "yesterday" in (caught.value.hint or "")


def test_a_bad_relative_bound_names_its_option():
    with pytest.raises(ClaimtrackError) as caught:
        parse_date_bound("last Funday", "--until", end=True, today=dt.date(2021, 1, 6))
    assert str(caught.value) == "--until 'last Funday': 'funday' is not a day of the week"


def test_about_a_speakers_name_finds_claims_about_its_id(load):
    # The id shares no word with the name: only the id the name resolves to can match.
    store = load(
        a__yaml="speakers: [{id: potus-45, name: Donald Trump}, {id: s, name: S}]\n"
        "claims: [{id: x, speaker: s, date: 2020, statement: y, about: [potus-45]}]\n"
    )
    assert [c.id for c in ClaimFilter(about=["donald trump"]).apply(store)] == ["x"]


def test_a_bad_verdict_names_itself_and_the_ratings(store):
    with pytest.raises(ClaimtrackError) as info:
        ClaimFilter(verdicts=["true", "maybe"]).apply(store)
    assert str(info.value) == "--verdict 'maybe' is not a rating"
    assert info.value.hint == "use one of: true, mostly-true, mixed, misleading, mostly-false, false, unproven"


def test_a_bad_sourcing_status_names_the_statuses(store):
    with pytest.raises(ClaimtrackError) as info:
        ClaimFilter(sourcing=["none", "rumour"]).apply(store)
    assert str(info.value) == "--sourcing 'rumour' is not a sourcing status"
    assert info.value.hint == "use one of: none, unspecified, anonymous, named, documented, unknown"


def test_since_after_until_is_refused_and_the_same_day_is_one_day(store):
    with pytest.raises(ClaimtrackError) as info:
        ClaimFilter(since="2021", until="2020").apply(store)
    assert str(info.value) == "--since 2021 is after --until 2020"
    assert info.value.hint == "swap the two dates"
    assert ids(ClaimFilter(since="2020-04-02", until="2020-04-02").apply(store)) == ["c-2020b"]


def test_select_sorts_as_sort_claims_newest_first_unless_reversed(store):
    assert ids(ClaimFilter().select(store, sort="date")) == ["c-2021", "c-2020c", "c-2020b", "c-2020a", "c-2019"]
    assert ids(ClaimFilter().select(store, sort="date", reverse=True, limit=2)) == ["c-2019", "c-2020a"]


def test_select_among_given_claims_sorts_and_limits_them(store):
    # search's matches: only those, filtered, sorted as asked, at most limit.
    given = [store.claims[cid] for cid in ("c-2019", "c-2021", "c-2020a", "c-2020b")]
    chosen = ClaimFilter(until="2020").select(store, given, sort="id", reverse=True, limit=2)
    assert ids(chosen) == ["c-2020b", "c-2020a"]
    assert ids(ClaimFilter().select(store, given, sort="date")) == ["c-2021", "c-2020b", "c-2020a", "c-2019"]
    assert ids(ClaimFilter().select(store, given, sort="id")) == ["c-2019", "c-2020a", "c-2020b", "c-2021"]
    assert ids(ClaimFilter(tags=["iraq"]).select(store, given, limit=1)) == ["c-2021"]
