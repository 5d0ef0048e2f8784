"""Quote integrity: each classification on examples written for the tests, archive look-ups,
format 1.1's wording, form and attributed_to, and bounded work on megabyte texts."""

from __future__ import annotations

import json

import pytest

from claimtrack.quotes import ArchiveText, check_claim, compare_quote, locate
from work_budget import limit_rapidfuzz

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
        # Only punctuation and spacing differ from a run of the statement's words: still a part of it.
        ("planning a sneak-attack on U.S. troops", "excerpt"),
        ("(on US troops and / or assets)", "excerpt"),
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


def test_a_fragment_is_judged_against_its_own_stretch():
    # The words of the statement around a short quote were not quoted: they are no deletions.
    kind, _score, diff = compare_quote(
        "Iran rejected the US claim that Soleimani was planning to carry out attacks on Americans in Iraq.",
        "which Iran rejected",
    )
    assert kind == "altered"
    assert [(op.op, op.statement, op.reported) for op in diff] == [
        ("insert", "", "which"),
        ("equal", "Iran rejected", "Iran rejected"),
        ("equal", "\u2026", "\u2026"),
    ]


def test_locate_in_archive_gives_line_and_span():
    archive = 'Headline\n\nHe wrote:\n"Iran starts no wars, but teaches\nlessons to those who do" on Thursday.\n'
    score, line, span = locate("Iran starts no wars, but teaches lessons to those who do", ArchiveText.of(archive))
    assert score == 100
    assert line == 4
    assert span == "Iran starts no wars, but teaches lessons to those who do"
    low, _line, _span = locate("A completely different sentence about fishing boats", ArchiveText.of(archive))
    assert low < 85


@pytest.mark.parametrize(
    ("needle", "archive", "line"),
    [
        # Words left out of the archive's copy: the match still starts where the copy starts,
        # not lines earlier where a window of the needle's length would begin.
        (
            "We will never accept any deal that gives them the bomb, not now and not ever in the future",
            "So\nhe\nsaid:\nWe will never accept a deal that gives them the bomb.\n",
            4,
        ),
        (
            "Iran starts no wars, but it teaches its lessons to all of those who do it",
            "In\nthe\nend\nIran starts no wars,\nbut teaches lessons to those who do.\n",
            4,
        ),
        ("Zarîf said the talks are over", "Note\n\nZARIF SAID THE TALKS\nARE OVER\n", 3),
    ],
)
def test_the_line_is_where_the_match_starts(needle, archive, line):
    assert locate(needle, ArchiveText.of(archive))[1] == line


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
    kinds = sorted((f["claim"], f["source"], f["of"], f["kind"], f["review"]) for f in data["findings"])
    assert kinds == [
        ("invented", "report", "statement", "not-found", True),
        ("sneak", "paper", "quote", "excerpt", False),
        ("sneak", "report", "quote", "altered", True),
        ("sneak", "report", "quote", "found", False),
        ("sneak", "report", "statement", "found", False),
        ("sneak", "tweet", "statement", "found", False),
    ]
    found = next(f for f in data["findings"] if f["source"] == "report" and f["kind"] == "found")
    assert found["line"] == 2
    assert found["reported"].startswith("Iran or its proxies")
    altered = next(f for f in data["findings"] if f["kind"] == "altered")
    assert {"op": "replace", "statement": "and/or", "reported": "or"} in altered["diff"]
    assert data["counts"]["altered"] == 1 and data["counts"]["not-found"] == 1
    assert data["counts"]["misattributed"] == 0


def test_the_statement_is_looked_up_on_its_own(run, make_store):
    # A made-up statement whose short quote is in the article: the quote is found, the statement is not.
    root = make_store(
        {
            "s.yaml": """
            speakers: [{id: t, name: T}]
            sources: [{id: report, kind: news-report, archive: archive/report.txt}]
            claims:
              - id: made-up
                speaker: t
                date: 2020-04-02
                statement: The minister said the talks collapsed because the other side walked out.
                appears_in: [{source: report, quote: the talks collapsed}]
            """,
            "archive/report.txt": "Talks\n\nOfficials say the talks collapsed on Friday.\nNo one walked out.\n",
        }
    )
    data = json.loads(run("quotes", "--store", str(root), "--format", "json").stdout)
    lookups = {f["of"]: (f["kind"], f["line"], f["review"]) for f in data["findings"] if f["kind"].endswith("found")}
    assert lookups["quote"] == ("found", 3, False)
    assert lookups["statement"][0] == "not-found" and lookups["statement"][2] is True


WORDING_STORE = """
speakers: [{id: t, name: Donald Trump}, {id: p, name: Mike Pence}, {id: o, name: Official}]
sources:
  - {id: report, kind: news-report, archive: archive/report.txt}
  - {id: wire, kind: news-report}
claims:
  - id: verbatim
    speaker: t
    date: 2020-04-01
    statement: Iran or its proxies are planning a sneak attack on US troops and/or assets in Iraq.
    appears_in:
      - source: wire
        form: reported
        quote: Iran or its proxies were planning an attack on US troops
      - url: https://example.invalid/story
        quote: Iran or its proxies are planning a sneak attack on American troops
      - source: wire
        attributed_to: p
      - source: report
        attributed_to: t
  - id: paraphrased
    speaker: o
    date: 2020-04-02
    wording: paraphrase
    statement: An official said Iran was behind the plot.
    appears_in:
      - source: report
        quote: Iran was, we believe, behind the whole plot
"""


def test_wording_form_and_attribution(run, make_store):
    root = make_store({"s.yaml": WORDING_STORE, "archive/report.txt": "Nothing relevant at all.\n"})
    result = run("quotes", "--store", str(root), "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    rows = [(f["claim"], f["source"], f["of"], f["kind"], f["review"]) for f in data["findings"]]
    assert rows == [
        # Reported speech is compared, but is never a finding to review.
        ("verbatim", "wire", "quote", "altered", False),
        # An appearance named by its URL alone is compared as any other.
        ("verbatim", None, "quote", "altered", True),
        ("verbatim", "wire", "statement", "misattributed", True),
        ("verbatim", "report", "statement", "not-found", True),
        # A paraphrase is not the speaker's words: no word-by-word comparison, nothing to review.
        ("paraphrased", "report", "quote", "paraphrase", False),
        ("paraphrased", "report", "statement", "not-found", False),
        ("paraphrased", "report", "quote", "not-found", True),
    ]
    misattributed = data["findings"][2]
    assert misattributed["reported"] == "p"
    paraphrase = data["findings"][4]
    assert paraphrase["diff"] is None
    assert data["counts"]["misattributed"] == 1

    text = run("quotes", "--store", str(root), "--claim", "verbatim").stdout
    assert "credited to Mike Pence, not Donald Trump" in text
    assert "at https://example.invalid/story" in text
    assert "; 3 to review" in text


def test_fail_on_findings_counts_only_what_needs_review(run, make_store):
    root = make_store(
        {
            "s.yaml": """
            speakers: [{id: t, name: T}]
            sources: [{id: wire, kind: news-report}]
            claims:
              - id: c
                speaker: t
                date: 2020
                statement: We will win this war and we will win it soon.
                appears_in: [{source: wire, form: reported, quote: they would win the war soon}]
            """
        }
    )
    result = run("quotes", "--store", str(root), "--fail-on-findings")
    assert result.exit_code == 0, result.stdout
    assert "0 to review" in result.stdout
    shown = run("quotes", "--store", str(root), "--all").stdout
    assert "paraphrase" in shown or "altered" in shown


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
    statement_missing = run("quotes", "--store", str(root), "--claim", "inv")
    assert "the statement in report" in statement_missing.stdout and "closest:" not in statement_missing.stdout


def test_bundled_store_reports_the_or_variant(run):
    from fixtures import BUNDLED

    data = json.loads(
        run("quotes", "--store", str(BUNDLED), "--claim", "trump-sneak-attack-2020", "--format", "json").stdout
    )
    altered = [f for f in data["findings"] if f["kind"] == "altered"]
    assert len(altered) == 1
    assert {"op": "replace", "statement": "and/or", "reported": "or"} in altered[0]["diff"]


# --- megabyte statements, quotes and archives: bounded work -------------------------------


def _text(rng, words):
    vocabulary = ["".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(3000)]
    return " ".join(rng.choice(vocabulary) for _ in range(words))


def test_a_long_quote_of_a_long_statement_is_compared_in_bounded_work(monkeypatch):
    import random

    rng = random.Random(9)
    statement = _text(rng, 20_000)  # about 140 kB
    words = statement.split()
    quote_words = words[5_000:15_000]
    quote_words[3_000] = "changed"
    del quote_words[7_000]
    budget = limit_rapidfuzz(monkeypatch, per_call=50_000_000)
    kind, score, diff = compare_quote(statement, " ".join(quote_words))
    assert kind == "altered" and score > 99
    changed = [(op.op, op.reported) for op in diff if op.op != "equal"]
    assert changed == [("replace", "changed"), ("delete", "")]
    assert budget.largest <= 50_000_000


def test_a_long_statement_is_looked_up_in_a_long_archive_in_bounded_work(monkeypatch):
    import random

    rng = random.Random(10)
    statement = _text(rng, 20_000)
    words = statement.split()
    copy = list(words)
    for k in range(100, len(copy), 2_000):  # typos here and there, and lines every 15 words
        copy[k] = copy[k][::-1]
    archive = "Title\n\n" + "\n".join(" ".join(copy[i : i + 15]) for i in range(0, len(copy), 15))
    limit_rapidfuzz(monkeypatch, per_call=50_000_000)
    score, line, span = locate(statement, ArchiveText.of(archive))
    assert score > 99 and line == 3
    assert span.split()[:3] == words[:3]


def test_check_claim_on_a_megabyte_claim(monkeypatch, make_store):
    import random

    from claimtrack.pipeline import load_store

    rng = random.Random(11)
    statement = _text(rng, 150_000)  # about 1 MB
    words = statement.split()
    quote = " ".join([*words[40_000:75_000], "extra", *words[75_000:110_000]])  # about 0.5 MB, a word added
    root = make_store(
        {
            "s.yaml": f"""
            speakers: [{{id: t, name: T}}]
            sources: [{{id: paper, kind: news-report, archive: archive/paper.txt}}]
            claims:
              - id: big
                speaker: t
                date: 2020
                statement: "{statement}"
                appears_in: [{{source: paper, quote: "{quote}"}}]
            """,
            "archive/paper.txt": "Headline\n" + statement.replace(words[500], "typo", 1),
        }
    )
    store = load_store(root)
    limit_rapidfuzz(monkeypatch, per_call=50_000_000)  # the comparisons only: loading is not charged
    findings = check_claim(store, store.claims["big"])
    assert [(f.of, f.kind) for f in findings] == [("quote", "altered"), ("statement", "found"), ("quote", "found")]
    assert [f.line for f in findings] == [None, 2, 2]
    assert [(op.op, op.reported) for op in findings[0].diff if op.op != "equal"] == [("insert", "extra")]
