"""Every check across records, with its exact message and hint (docs/diagnostics.md).

The golden examples of test_diagnostics.py check each code with a piece of
its message; here one store sets off every check and every kind of hint a
reference can get, and each diagnostic is pinned whole: what it says is the
interface a user reads.
"""

from __future__ import annotations

import json
import os

STORE = """\
speakers:
  - {id: javad-zarif, name: Javad Zarif, aliases: [Zarif]}
  - {id: mike, name: Mike, aliases: [The Minister]}
  - {id: mika, name: Mika, aliases: [The Minister]}
sources:
  - {id: out, title: Outside, archive: ../elsewhere.txt}
  - {id: gone, title: Gone, archive: archive/missing.txt}
  - {id: loop, title: Loop, archive: archive/loop.txt}
claims:
  - {id: c1, speaker: Zarif, date: 2020-01-01, statement: One, sourcing: {status: none}}
  - {id: c2, speaker: The Minister, date: 2020-01-02, statement: Two, sourcing: {status: none}}
  - {id: c3, speaker: Javad Zarif!, date: 2020-01-03, statement: Three, sourcing: {status: none}}
  - {id: c4, speaker: javad-zarf, date: 2020-01-04, statement: Four, sourcing: {status: none}}
  - {id: c5, speaker: qqqqqqq, date: 2020-01-05, statement: Five, sourcing: {status: none}}
  - {id: c6, speaker: "!!!", date: 2020-01-06, statement: Six, sourcing: {status: none}}
  - id: c7
    speaker: mike
    date: 2020-01-07
    statement: Seven
    responds_to: [{claim: c7, relation: denies}, {claim: c1, relation: denies}, {claim: c1, relation: rebuts}]
  - id: c8
    speaker: mike
    date: 2019-12
    statement: Eight
    sourcing: {status: unknown}
    responds_to: [{claim: c9, relation: denies}, {claim: c2, relation: supports}]
  - {id: c9, speaker: mike, date: 2020-02, statement: Nine, sourcing: {status: none},
     responds_to: [{claim: c8, relation: denies}]}
"""

EXPECTED = [
    # (path, line, column, code, message, hint)
    (
        "a.yaml",
        6,
        40,
        "E113",
        "archive '../elsewhere.txt' of source 'out' is outside the store folder; it is not read",
        "copy the text into the store (e.g. archive/NAME.txt) and give that path relative to the store",
    ),
    (
        "a.yaml",
        7,
        38,
        "W203",
        "archive 'archive/missing.txt' of source 'gone' does not exist",
        "create archive/missing.txt relative to the store folder, or remove the archive field",
    ),
    (
        "a.yaml",
        8,
        38,
        "W203",
        "archive 'archive/loop.txt' of source 'loop' is a link that leads back to itself (a loop of links)",
        "replace the link archive/loop.txt with the text file, or a link to one in the store",
    ),
    (
        "a.yaml",
        10,
        23,
        "E107",
        "claim speaker 'Zarif' is not a valid id",
        "'Zarif' is a name of speaker 'javad-zarif': write its id, javad-zarif",
    ),
    (
        "a.yaml",
        11,
        23,
        "E107",
        "claim speaker 'The Minister' is not a valid id",
        "'The Minister' is a name of 2 speakers (mike, mika): write the id of the one meant",
    ),
    ("a.yaml", 12, 23, "E107", "claim speaker 'Javad Zarif!' is not a valid id", "write it as an id: javad-zarif"),
    ("a.yaml", 13, 23, "E110", "speaker 'javad-zarf' is not a speaker in the store", "did you mean 'javad-zarif'?"),
    (
        "a.yaml",
        14,
        23,
        "E110",
        "speaker 'qqqqqqq' is not a speaker in the store",
        "add a speaker with id 'qqqqqqq', or correct the reference",
    ),
    (
        "a.yaml",
        15,
        23,
        "E107",
        "claim speaker '!!!' is not a valid id",
        "ids use lower-case letters, digits and '-', start with a letter or digit, at most 80 characters",
    ),
    (
        "a.yaml",
        16,
        9,
        "W205",
        "claim 'c7' has no sourcing block: its sourcing is not assessed",
        "add 'sourcing: {status: ..., note: ...}' with one of none, unspecified, anonymous, named, documented",
    ),
    (
        "a.yaml",
        20,
        27,
        "E111",
        "claim 'c7' responds to itself",
        "a claim answers other claims; remove this link or point it at the claim meant",
    ),
    (
        "a.yaml",
        20,
        58,
        "E110",
        "responds to 'c1' is not a claim in the store",
        "add a claim with id 'c1', or correct the reference",
    ),
    (
        "a.yaml",
        20,
        89,
        "E110",
        "responds to 'c1' is not a claim in the store",
        "add a claim with id 'c1', or correct the reference",
    ),
    (
        "a.yaml",
        20,
        89,
        "W204",
        "claim 'c7' responds to 'c1' twice (denies, rebuts)",
        "keep the one relation that fits best",
    ),
    (
        "a.yaml",
        21,
        9,
        "W205",
        "claim 'c8' has sourcing status 'unknown': its sourcing is not assessed",
        "add 'sourcing: {status: ..., note: ...}' with one of none, unspecified, anonymous, named, documented",
    ),
    (
        "a.yaml",
        26,
        27,
        "E112",
        "claims respond to each other in a cycle: c8 -> c9 -> c8",
        "an answer comes after what it answers; remove the link that points back",
    ),
    (
        "a.yaml",
        26,
        27,
        "W201",
        "claim 'c8' (2019-12) denies 'c9', dated later (2020-02)",
        "check both dates; an answer cannot come before what it answers",
    ),
    (
        "a.yaml",
        26,
        58,
        "E110",
        "responds to 'c2' is not a claim in the store",
        "add a claim with id 'c2', or correct the reference",
    ),
    (
        "archive/loop.txt",
        1,
        1,
        "E117",
        "a link that leads back into itself (a loop); it is not followed",
        "remove the link, or point it at a real file or folder",
    ),
]


def test_every_check_says_exactly_what_is_wrong_and_what_to_do(run, make_store):
    root = make_store({"a.yaml": STORE})
    (root / "archive").mkdir()
    os.symlink("loop.txt", root / "archive" / "loop.txt")
    result = run("--store", str(root), "check", "--strict", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    got = [
        (os.path.relpath(d["path"], root), d["line"], d["column"], d["code"], d["message"], d["hint"])
        for d in data["diagnostics"]
    ]
    assert got == EXPECTED
    assert data["counts"] == {"errors": 13, "warnings": 6, "files": 1, "claims": 5, "speakers": 3, "sources": 3}
