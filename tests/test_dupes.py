"""Repeats and echoes: planted groups, exactness against all pairs, unrecorded links, names and
numbers, no chaining, and bounded work on big and crowded stores."""

from __future__ import annotations

import json
import random

import pytest

from claimtrack.dupes import all_pairs, find_groups, normalise, similar_pairs
from work_budget import limit_rapidfuzz

DUPES_STORE = """
speakers:
  - {id: a, name: Speaker A}
  - {id: b, name: Speaker B}
claims:
  - id: first
    speaker: a
    date: 2020-01-01
    statement: Iran or its proxies are planning a sneak attack on US troops in Iraq.
  - id: again
    speaker: a
    date: 2020-02-01
    statement: Iran or its proxies are planning a sneak attack on US troops in Iraq!
  - id: recorded
    speaker: a
    date: 2020-03-01
    statement: Iran, or its proxies, are planning a sneak attack on US troops in Iraq
    responds_to: [{claim: first, relation: repeats}]
  - id: echoed
    speaker: b
    date: 2020-05-01
    statement: Israeli agent-provocateurs are plotting attacks against the Americans in Iraq.
  - id: echo-source
    speaker: a
    date: 2020-04-01
    statement: Israeli agent provocateurs are plotting attacks against Americans in Iraq
  - id: unrelated
    speaker: b
    date: 2020-06-01
    statement: The weather in Tehran was mild this spring.
"""


def test_planted_repeats_and_echoes(run, make_store):
    root = make_store({"d.yaml": DUPES_STORE})
    result = run("dupes", "--store", str(root), "--format", "json")
    assert result.exit_code == 0, result.stderr
    groups = json.loads(result.stdout)["groups"]
    assert [(g["kind"], g["claims"]) for g in groups] == [
        ("repeat", ["first", "again", "recorded"]),
        ("echo", ["echo-source", "echoed"]),
    ]
    repeat, echo = groups
    # The three statements are the same once normalised: each later one is paired with the first.
    assert repeat["pairs"] == [
        {"a": "first", "b": "again", "score": 100.0},
        {"a": "first", "b": "recorded", "score": 100.0},
    ]
    assert repeat["unrecorded"] == [{"from": "again", "to": "first"}]
    assert echo["unrecorded"] == [{"from": "echoed", "to": "echo-source"}]


def test_dupes_filters_and_threshold(run, make_store):
    root = make_store({"d.yaml": DUPES_STORE})

    def kinds(*args):
        return [
            g["kind"]
            for g in json.loads(run("dupes", "--store", str(root), "--format", "json", *args).stdout)["groups"]
        ]

    assert kinds("--speaker", "SPEAKER A") == ["repeat"]  # the echo needs speaker b
    assert kinds("--since", "2020-02") == ["repeat", "echo"]
    assert kinds("--threshold", "99.5") == ["repeat"]
    text = run("dupes", "--store", str(root))
    assert "group 1: repeat, 3 claims" in text.stdout and "not recorded: again repeats first" in text.stdout


@pytest.mark.parametrize("threshold", [95, 90, 80, 70])
def test_filtered_pairs_equal_all_pairs(threshold):
    rng = random.Random(threshold)
    words = [
        "iran",
        "proxies",
        "attack",
        "troops",
        "iraq",
        "sneak",
        "official",
        "said",
        "brewing",
        "militia",
        "rocket",
        "base",
        "strike",
        "soleimani",
        "élite",
        "ракета",
        "العراق",
    ]
    base = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 25))) for _ in range(300)]
    texts = list(base)
    for _ in range(300):  # near copies: a few characters changed, added or dropped
        chars = list(rng.choice(base))
        for _ in range(rng.randint(0, 6)):
            k = rng.randrange(len(chars) + 1)
            op = rng.random()
            if op < 0.4 and chars:
                del chars[min(k, len(chars) - 1)]
            elif op < 0.7:
                chars.insert(k, rng.choice("abcé "))
            elif chars:
                chars[min(k, len(chars) - 1)] = rng.choice("xyzж")
        texts.append(normalise("".join(chars)))
    fast = [(p.a, p.b, round(p.score, 3)) for p in similar_pairs(texts, threshold)]
    slow = [(p.a, p.b, round(p.score, 3)) for p in all_pairs(texts, threshold)]
    assert fast == slow
    assert len(slow) > 50  # the planted near copies are there to be found


def test_a_denial_quoting_the_claim_is_no_echo(run, make_store):
    root = make_store(
        {
            "d.yaml": """
            speakers: [{id: a, name: A}, {id: b, name: B}]
            claims:
              - {id: claim, speaker: a, date: 2020-01-01, statement: Soleimani was planning attacks on Americans}
              - id: denial
                speaker: b
                date: 2020-01-02
                statement: Soleimani was planning attacks on Americans, they say
                responds_to: [{claim: claim, relation: denies}]
            """
        }
    )
    assert json.loads(run("dupes", "--store", str(root), "--threshold", "70", "--format", "json").stdout) == {
        "groups": []
    }


def _claims(load, statements, **extra):
    """A store of claims c0, c1, ... by speaker s (or as given), dated in order."""
    lines = ["speakers: [{id: s, name: S}, {id: t, name: T}]", "claims:"]
    for n, statement in enumerate(statements):
        speaker = extra.get("speakers", {}).get(n, "s")
        lines.append(f"  - {{id: c{n}, speaker: {speaker}, date: 2020-01-{n % 28 + 1:02d}, statement: {statement!r}}}")
    store = load(s__yaml="\n".join(lines) + "\n")
    return [store.claims[f"c{n}"] for n in range(len(statements))]


def ids(groups):
    return [[c.id for c in g.claims] for g in groups]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # One ad naming different senators; one statement with different years.
        (
            "Says Sen. Luther Olsen, his recall opponent, supported the sale of state-owned power plants.",
            "Says Sen. Robert Cowles, her recall opponent, supported the sale of state-owned power plants.",
            False,
        ),
        (
            "Americans will spend more on taxes in 2015 than on food, clothing and housing combined.",
            "Americans will spend more on taxes in 2014 than on food, clothing and housing combined.",
            False,
        ),
        ("Twenty million Americans are out of work today.", "Some 25 million Americans are out of work today.", False),
        ("Says Mary Brown voted five times to raise taxes.", "Says Mark Brown voted five times to raise taxes.", False),
        (
            "The ceasefire in Gaza was broken by the militias.",
            "The ceasefire in Gzaa was broken by the militias.",
            True,
        ),
        # A name added, shortened or misspelt, or the same number in words, is the same claim.
        (
            "Says Romney wants to add $2 trillion to the defense budget.",
            "Says Mitt Romney wants to add $2 trillion to the defense budget.",
            True,
        ),
        (
            "Phoenix, Arizona, is the No. 2 kidnapping capital of the world.",
            "Phoenix, Ariz., is the No. 2 kidnapping capital of the world.",
            True,
        ),
        (
            "Thirty-four percent of Hispanics have no health insurance.",
            "34 percent of Hispanics have no health insurance at all.",
            True,
        ),
    ],
)
def test_statements_differing_in_a_name_or_a_number_are_not_the_same_claim(load, a, b, same):
    from rapidfuzz import fuzz

    assert fuzz.ratio(normalise(a), normalise(b)) >= 80
    groups = find_groups(_claims(load, [a, b]), 80)
    assert ids(groups) == ([["c0", "c1"]] if same else [])


@pytest.mark.parametrize(
    ("statement", "grouped_across_speakers"),
    [
        ("On abortion.", False),  # a topic headline: this speaker's position
        ("I have never voted for a tax increase.", False),  # the first person: the speaker
        ("Says he never voted for a tax increase.", False),  # the speaker, reported
        ("I repeat: the border crossing is closed to all traffic.", True),  # an opener, then a claim about anything
        ("Social Security is a Ponzi scheme.", True),
    ],
)
def test_a_statement_about_its_speaker_is_another_claim_from_another_speaker(load, statement, grouped_across_speakers):
    claims = _claims(load, [statement, statement, statement], speakers={0: "s", 1: "t", 2: "s"})
    groups = ids(find_groups(claims, 90))
    assert groups == ([["c0", "c1", "c2"]] if grouped_across_speakers else [["c0", "c2"]])


def test_groups_are_not_chained_through_a_member(load):
    from rapidfuzz import fuzz

    a = "The governor cut school funding by a large amount last year"
    b = "The governor cut the school funding by a large amount this year"
    c = "The new governor cut the school budget by a large amount this year"
    texts = [normalise(x) for x in (a, b, c)]
    assert fuzz.ratio(texts[0], texts[1]) >= 85 and fuzz.ratio(texts[1], texts[2]) >= 85
    assert fuzz.ratio(texts[0], texts[2]) < 85
    groups = find_groups(_claims(load, [a, b, c]), 85)
    # a and c are not alike: one group holds b with the closer of them, never all three.
    assert len(groups) == 1 and len(groups[0].claims) == 2


def test_answers_to_one_claim_are_not_proposed_as_repeats_of_each_other(run, make_store):
    root = make_store(
        {
            "d.yaml": """
            speakers: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
            claims:
              - {id: claim, speaker: a, date: 2020-01-01, statement: The general was planning attacks on embassies}
              - id: first-denial
                speaker: b
                date: 2020-01-02
                statement: We reject the false claim that the general was planning attacks.
                responds_to: [{claim: claim, relation: denies}]
              - id: second-denial
                speaker: c
                date: 2020-01-03
                statement: We reject the false claim that the general was planning any attacks.
                responds_to: [{claim: claim, relation: denies}]
            """
        }
    )
    groups = json.loads(run("dupes", "--store", str(root), "--format", "json").stdout)["groups"]
    assert [g["claims"] for g in groups] == [["first-denial", "second-denial"]]
    assert groups[0]["unrecorded"] == []


@pytest.mark.parametrize("option", [("dupes", "--threshold"), ("search", "sneak", "--min-score")])
def test_nan_is_no_threshold(run, demo_store, option):
    result = run(*option, "nan", "--store", str(demo_store))
    assert result.exit_code == 2
    assert "nan is not a number from 0 to 100" in result.stderr


# --- big and crowded stores: bounded work, and said -----------------------------------------


def test_long_statements_are_compared_by_their_ends(run, make_store, monkeypatch):
    import random

    rng = random.Random(4)
    words = ["".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(2000)]
    first = " ".join(rng.choice(words) for _ in range(60_000))  # about 400 kB each
    second = first[:200_000] + " inserted words " + first[200_000:]
    root = make_store(
        {
            "d.yaml": f"speakers: [{{id: s, name: S}}]\nclaims:\n"
            f"  - {{id: a, speaker: s, date: 2020-01-01, statement: {first}}}\n"
            f"  - {{id: b, speaker: s, date: 2020-01-02, statement: {second}}}\n"
        }
    )
    budget = limit_rapidfuzz(monkeypatch, per_call=50_000_000)
    result = run("dupes", "--store", str(root), "--format", "json")
    assert result.exit_code == 0
    assert [g["claims"] for g in json.loads(result.stdout)["groups"]] == [["a", "b"]]
    assert "2 statements longer than 2,000 characters were compared by their first and last 1,000" in result.stderr
    assert budget.largest <= 50_000_000


def test_a_crowd_of_near_identical_statements_is_grouped_in_bounded_groups(run, make_store):
    import random

    from rapidfuzz import fuzz

    rng = random.Random(5)
    base = "the city council voted to raise the parking fees downtown by a large amount again this spring".split()
    statements = []
    for _ in range(150):
        words = list(base)
        for _ in range(2):
            words[rng.randrange(len(words))] = rng.choice(["tax", "rent", "cost", "budget", "toll", "rate"])
        statements.append(" ".join(words))
    lines = ["speakers: [{id: s, name: S}]", "claims:"]
    lines += [f"  - {{id: c{n}, speaker: s, date: 2020-01-01, statement: {t}}}" for n, t in enumerate(statements)]
    root = make_store({"d.yaml": "\n".join(lines) + "\n"})
    result = run("dupes", "--store", str(root), "--threshold", "60", "--format", "json")
    assert result.exit_code == 0
    assert "had more than 50 similar ones: each was grouped with at most its 50 closest" in result.stderr
    groups = json.loads(result.stdout)["groups"]
    by_id = {f"c{n}": normalise(t) for n, t in enumerate(statements)}
    assert groups and all(len(g["claims"]) <= 51 for g in groups)
    for g in groups:  # cliques: every two claims of a group reach the threshold
        assert all(fuzz.ratio(by_id[x], by_id[y]) >= 60 for x in g["claims"] for y in g["claims"])
    text = run("dupes", "--store", str(root), "--threshold", "60")
    assert "more pairs (--format json lists them all)" in text.stdout
    assert len(text.stdout.splitlines()) < 60 * len(groups)


def test_many_identical_statements_are_one_group_shown_in_part(run, make_store):
    lines = ["speakers: [{id: s, name: S}]", "claims:"]
    lines += [f"  - {{id: c{n:03d}, speaker: s, date: 2020-01-01, statement: On abortion.}}" for n in range(300)]
    root = make_store({"d.yaml": "\n".join(lines) + "\n"})
    data = json.loads(run("dupes", "--store", str(root), "--format", "json").stdout)
    (group,) = data["groups"]
    assert len(group["claims"]) == 300 and len(group["pairs"]) == 299  # not 44,850
    text = run("dupes", "--store", str(root)).stdout
    assert "\u2026 and 280 more claims (--format json lists them all)" in text


def test_templated_statements_differing_in_names_and_numbers_make_no_groups(load):
    import random

    rng = random.Random(6)
    first = ["John", "Mary", "Rick", "Nancy", "Paul", "Lisa", "Mark", "Susan"]
    last = ["Smith", "Jones", "Perry", "Brown", "Davis", "Miller", "Wilson", "Moore"]
    seen = set()
    statements = []
    while len(statements) < 2000:
        text = f"Says {rng.choice(first)} {rng.choice(last)} voted {rng.randint(2, 99)} times to raise taxes."
        if text not in seen:
            seen.add(text)
            statements.append(text)
    claims = _claims(load, statements)
    notes = []
    assert find_groups(claims, 90, notes.append) == []
    assert any("had more than 50 similar ones" in n for n in notes)
