"""Repeats and echoes: planted groups, exactness against all pairs, unrecorded links."""

from __future__ import annotations

import json
import random

import pytest

from claimtrack.dupes import all_pairs, normalise, similar_pairs

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
    assert all(p["score"] >= 90 for p in repeat["pairs"]) and len(repeat["pairs"]) == 3
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
