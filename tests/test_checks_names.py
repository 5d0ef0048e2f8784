"""checks.py: a speaker reference written as a name or handle is answered with the id to write.

A leading @ is a handle's mark, not part of the name (cli.md: names and aliases
match ignoring case, accents and a leading @), on either side.
"""

from __future__ import annotations

from claimtrack.pipeline import load_store

STORE = """\
speakers:
  - {id: donald-trump, name: Donald Trump, aliases: ["@realDonaldTrump"]}
claims:
  - {id: a, speaker: "@Donald Trump", date: 2020-01-01, statement: x, sourcing: {status: none}}
  - {id: b, speaker: realDonaldTrump, date: 2020-01-01, statement: x, sourcing: {status: none}}
"""


def test_a_name_or_handle_with_or_without_its_at_sign_points_at_the_speakers_id(make_store):
    root = make_store({"a.yaml": STORE})
    store = load_store(root, cwd=root)
    hints = [(d.location.line, d.hint) for d in store.diagnostics]
    assert hints == [
        (4, "'@Donald Trump' is a name of speaker 'donald-trump': write its id, donald-trump"),
        (5, "'realDonaldTrump' is a name of speaker 'donald-trump': write its id, donald-trump"),
    ]


def test_a_source_or_claim_reference_is_never_answered_with_a_speakers_name(make_store):
    """Only a speaker reference may be a speaker's name: an unknown source 'reuters' is no speaker.

    The unknown speaker comes first, so the names are at hand when the source and claim are looked up."""
    text = """\
speakers:
  - {id: s, name: reuters}
claims:
  - id: a
    speaker: qqqqqqqq
    date: 2020-01-01
    statement: x
    sourcing: {status: none}
    appears_in: [{source: reuters}]
    responds_to: [{claim: reuters, relation: denies}]
"""
    root = make_store({"a.yaml": text})
    store = load_store(root, cwd=root)
    assert [(d.location.line, d.hint) for d in store.diagnostics] == [
        (5, "add a speaker with id 'qqqqqqqq', or correct the reference"),
        (9, "add a source with id 'reuters', or correct the reference"),
        (10, "add a claim with id 'reuters', or correct the reference"),
    ]


def test_a_well_formed_unknown_id_is_offered_the_closest_not_rewritten_as_an_id(make_store):
    """'donald--trump' is a valid id that names nobody: a typo to correct, not text to turn into an id."""
    text = """\
speakers:
  - {id: donald-trump, name: Donald Trump}
claims:
  - {id: a, speaker: donald--trump, date: 2020-01-01, statement: x, sourcing: {status: none}}
"""
    root = make_store({"a.yaml": text})
    store = load_store(root, cwd=root)
    assert [(d.code, d.hint) for d in store.diagnostics] == [("E110", "did you mean 'donald-trump'?")]
