"""Quote integrity: each classification on examples written for the tests, and archive look-ups."""

from __future__ import annotations

import json

import pytest

from claimtrack.quotes import Searchable, compare_quote, locate

STATEMENT = (
    "Upon information and belief, Iran or its proxies are planning a sneak attack on US troops "
    "and/or assets in Iraq. If this happens, Iran will pay a very heavy price, indeed!"
)


@pytest.mark.parametrize(
    ("quote", "kind"),
    [
        (STATEMENT, "identical"),
        (STATEMENT.upper().replace("!", "."), "trivial"),
        (
            "  upon information and belief — iran or its proxies are planning a sneak attack on US troops "
            "and/or assets in Iraq; if this happens, Iran will pay a very heavy price, indeed",
            "trivial",
        ),
        ("Iran or its proxies are planning a sneak attack", "excerpt"),
        ("\u201cIran will pay a very heavy price\u201d", "excerpt"),
        ("Iran or its proxies are planning a sneak attack on US troops or assets in Iraq", "altered"),
        ("Iran and its proxies are planning a surprise attack on US troops and/or assets in Iraq", "altered"),
        ("Trump warned Tehran of severe consequences over an alleged plot", "paraphrase"),
    ],
)
def test_classifications(quote, kind):
    assert compare_quote(STATEMENT, quote)[0] == kind


def test_altered_quote_gets_a_word_diff():
    kind, score, diff = compare_quote(
        STATEMENT, "Iran or its proxies are planning a sneak attack on US troops or assets in Iraq"
    )
    assert kind == "altered"
    assert 90 <= score < 100
    changed = [(op.op, op.statement, op.reported) for op in diff if op.op != "equal"]
    assert changed == [("replace", "and/or", "or")]
    # The quote is judged against the stretch it reports, marked as cut on both sides.
    assert diff[0].statement == "\u2026" and diff[-1].statement == "\u2026"


def test_dropped_and_added_words_are_marked():
    kind, _score, diff = compare_quote(
        "We have seen nothing at all of the sort", "We have seen nothing of the sort yet"
    )
    assert kind == "altered"
    changed = {(op.op, op.statement, op.reported) for op in diff if op.op != "equal"}
    assert changed == {("delete", "at all", ""), ("insert", "", "yet")}


def test_locate_in_archive_gives_line_and_span():
    archive = 'Headline\n\nHe wrote:\n"Iran starts no wars, but teaches\nlessons to those who do" on Thursday.\n'
    score, line, span = locate(
        "Iran starts no wars, but teaches lessons to those who do", archive, Searchable.of(archive)
    )
    assert score == 100
    assert line == 4
    assert span == "Iran starts no wars, but teaches lessons to those who do"
    low, _line, _span = locate("A completely different sentence about fishing boats", archive, Searchable.of(archive))
    assert low < 85


QUOTE_STORE = {
    "s.yaml": """
    speakers: [{id: t, name: Donald Trump}]
    sources:
      - {id: tweet, kind: post, archive: archive/tweet.txt}
      - {id: report, kind: news-report, archive: archive/report.txt}
      - {id: paper, kind: news-report}
    claims:
      - id: sneak
        speaker: t
        date: 2020-04-01
        statement: Iran or its proxies are planning a sneak attack on US troops and/or assets in Iraq.
        sourcing: {status: unspecified}
        appears_in:
          - source: tweet
          - source: report
            quote: Iran or its proxies are planning a sneak attack on US troops or assets in Iraq
          - source: paper
            quote: planning a sneak attack on US troops
      - id: invented
        speaker: t
        date: 2020-04-02
        statement: The moon is made of green cheese and always has been.
        sourcing: {status: none}
        appears_in: [{source: report}]
    """,
    "archive/tweet.txt": "Iran or its proxies are planning a sneak attack on US troops and/or assets in Iraq.\n",
    "archive/report.txt": 'Intro line.\nTrump alleged that "Iran or its proxies are planning a sneak attack on US '
    'troops or assets in Iraq."\nMore text about other matters entirely.\n',
}


def test_quotes_command_json(run, make_store):
    root = make_store(QUOTE_STORE)
    result = run("quotes", "--store", str(root), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    kinds = sorted((f["claim"], f["source"], f["kind"]) for f in data["findings"])
    assert kinds == [
        ("invented", "report", "not-found"),
        ("sneak", "paper", "excerpt"),
        ("sneak", "report", "altered"),
        ("sneak", "report", "found"),
        ("sneak", "tweet", "found"),
    ]
    found = next(f for f in data["findings"] if f["source"] == "report" and f["kind"] == "found")
    assert found["line"] == 2
    assert found["reported"].startswith("Iran or its proxies")
    altered = next(f for f in data["findings"] if f["kind"] == "altered")
    assert {"op": "replace", "statement": "and/or", "reported": "or"} in altered["diff"]
    assert data["counts"]["altered"] == 1 and data["counts"]["not-found"] == 1


def test_quotes_command_text_filters_and_fail(run, make_store):
    root = make_store(QUOTE_STORE)
    text = run("quotes", "--store", str(root))
    assert "[-and/or-]" in text.stdout and "{+or+}" in text.stdout
    assert "not-found" in text.stdout and "invented" in text.stdout
    only = json.loads(run("quotes", "--store", str(root), "--claim", "inv", "--format", "json").stdout)
    assert {f["claim"] for f in only["findings"]} == {"invented"}
    assert run("quotes", "--store", str(root), "--fail-on-findings").exit_code == 1
    clean = run("quotes", "--store", str(root), "--claim", "sneak", "--format", "json")
    assert clean.exit_code == 0


def test_bundled_store_reports_the_or_variant(run):
    from fixtures import BUNDLED

    data = json.loads(
        run("quotes", "--store", str(BUNDLED), "--claim", "trump-sneak-attack-2020", "--format", "json").stdout
    )
    altered = [f for f in data["findings"] if f["kind"] == "altered"]
    assert len(altered) == 1
    assert {"op": "replace", "statement": "and/or", "reported": "or"} in altered[0]["diff"]
