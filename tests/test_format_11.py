"""Store format 1.1 and cli.md's "Version 1.1" filters, through the loader and the command line.

tests/data/format-1.1/ uses every field 1.1 added; it must load clean, and
each command must show the new fields where cli.md says.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimtrack.model import PartialDate
from claimtrack.pipeline import load_store

STORE = Path(__file__).resolve().parent / "data" / "format-1.1"


@pytest.fixture
def st():
    return load_store(STORE, cwd=STORE)


def ids_of(result) -> list[str]:
    assert result.exit_code == 0, result.stderr
    return [c["id"] for c in json.loads(result.stdout)]


def test_the_11_store_loads_without_diagnostics(st):
    assert st.diagnostics == []
    assert st.speakers["odni-dhs-joint"].members == ("odni", "dhs")
    assert st.sources["wapo-2016-06-14"].byline == "Ellen Nakashima"
    joint = st.claims["joint-russia-directed-2016"]
    assert joint.wording == "verbatim" and joint.verdict.url == "https://example.invalid/review"
    url_only = joint.appears_in[1]
    assert (url_only.source, url_only.url, url_only.form) == (
        None,
        "https://example.invalid/mirror-of-statement",
        "reported",
    )
    assert joint.appears_in[0].form == "quoted"  # the default
    peskov = st.claims["peskov-denies-2016"]
    assert peskov.wording == "paraphrase" and peskov.appears_in[0].attributed_to == "us-official"
    unknown = st.claims["official-hack-2016"]
    assert unknown.date.unknown and unknown.date.text == "unknown"
    assert unknown.status == "unknown" and not unknown.assessed and unknown.sourcing is not None


# --- dates ----------------------------------------------------------------------------


def test_unknown_dates_sort_last_newest_first_and_never_match_bounds(run):
    store = ("--store", str(STORE))
    assert ids_of(run("list", *store, "--format", "json"))[-1] == "official-hack-2016"
    assert "official-hack-2016" not in ids_of(run("list", *store, "--format", "json", "--since", "1900"))
    assert "official-hack-2016" not in ids_of(run("list", *store, "--format", "json", "--until", "2100"))
    obj = next(c for c in json.loads(run("list", *store, "--format", "json").stdout) if c["date"] == "unknown")
    assert obj["id"] == "official-hack-2016"


def test_an_answer_to_an_undated_claim_is_not_dated_before_it(load):
    st = load(
        **{
            "s.yaml": """
            speakers: [{id: s, name: S}]
            claims:
              - {id: a, speaker: s, date: unknown, statement: x, sourcing: {status: none}}
              - {id: b, speaker: s, date: 1900, statement: y, sourcing: {status: none},
                 responds_to: [{claim: a, relation: denies}]}
              - {id: c, speaker: s, date: unknown, statement: z, sourcing: {status: none},
                 responds_to: [{claim: b, relation: denies}]}
            """
        }
    )
    assert st.diagnostics == []


@pytest.mark.parametrize(
    "text", ["\u0662\u0660\u0662\u0660-\u0660\u0661-\u0660\u0661", "\uff12\uff10\uff12\uff10", "Unknown"]
)
def test_dates_need_ascii_digits_or_the_word_unknown(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_the_last_day_of_the_last_month_does_not_overflow():
    assert PartialDate.parse("9999-12").last_day.isoformat() == "9999-12-31"
    assert PartialDate.parse("2020-02").last_day.day == 29
    assert PartialDate.parse("unknown").last_day.year == 9999


# --- appearances and sourcing --------------------------------------------------------


def test_an_appearance_needs_a_source_or_a_url(load):
    st = load(
        **{
            "s.yaml": """
            speakers: [{id: s, name: S}]
            claims:
              - id: a
                speaker: s
                date: 2020
                statement: x
                appears_in:
                  - {url: https://example.invalid/a}
                  - {note: neither}
                  - {attributed_to: nobody, url: u}
            """
        }
    )
    assert [(d.code, d.location.line) for d in st.diagnostics] == [("E114", 10), ("E110", 11)]
    assert [a.url for a in st.claims["a"].appears_in] == ["https://example.invalid/a", "u"]


def test_members_must_name_speakers(load):
    st = load(**{"s.yaml": "speakers: [{id: g, name: G, members: [s1, nobody]}, {id: s1, name: S1}]\n"})
    assert [(d.code, d.message) for d in st.diagnostics] == [("E110", "member 'nobody' is not a speaker in the store")]


def test_explicit_unknown_sourcing_is_not_assessed(run, make_store):
    root = make_store(
        **{
            "s.yaml": "speakers: [{id: s, name: S}]\nclaims:\n  - {id: a, speaker: s, date: 2020, statement: x, "
            "sourcing: {status: unknown}}\n"
        }
    )
    strict = run("check", "--strict", "--store", str(root))
    assert strict.exit_code == 1 and "W205" in strict.stdout
    report = json.loads(run("report", "--unsourced", "--format", "json", "--store", str(root)).stdout)
    assert [c["id"] for c in report["unassessed"]] == ["a"] and report["claims"] == []


# --- JSON ----------------------------------------------------------------------------------


def test_claim_objects_gain_verdict_wording_and_appearances(run):
    claims = {c["id"]: c for c in json.loads(run("list", "--store", str(STORE), "--format", "json").stdout)}
    joint = claims["joint-russia-directed-2016"]
    assert joint["verdict"] == "mostly-true"
    assert joint["verdict_detail"]["url"] == "https://example.invalid/review"
    assert joint["wording"] == "verbatim"
    assert joint["appears_in"][1] == {
        "source": None,
        "url": "https://example.invalid/mirror-of-statement",
        "quote": None,
        "form": "reported",
        "attributed_to": None,
        "note": None,
    }
    assert claims["peskov-denies-2016"]["appears_in"][0]["attributed_to"] == "us-official"
    assert claims["peskov-denies-2016"]["verdict"] is None


def test_speakers_and_sources_json_carry_members_and_byline(run):
    speakers = {s["id"]: s for s in json.loads(run("speakers", "--store", str(STORE), "-f", "json").stdout)}
    assert speakers["odni-dhs-joint"]["members"] == ["odni", "dhs"]
    sources = {s["id"]: s for s in json.loads(run("sources", "--store", str(STORE), "-f", "json").stdout)}
    assert sources["wapo-2016-06-14"]["byline"] == "Ellen Nakashima"


# --- filters ------------------------------------------------------------------------------


def test_a_member_matches_the_claims_of_its_groups(run):
    store = ("--store", str(STORE), "--format", "json")
    assert ids_of(run("list", *store, "--speaker", "dhs")) == ["joint-russia-directed-2016"]
    assert ids_of(run("list", *store, "--speaker", "Homeland Security")) == ["joint-russia-directed-2016"]
    assert ids_of(run("list", *store, "--speaker", "odni-dhs-joint")) == ["joint-russia-directed-2016"]
    assert ids_of(run("list", *store, "--speaker", "peskov")) == ["peskov-denies-2016"]


def test_speaker_by_a_whole_word_of_names_and_aliases(run, make_store):
    root = make_store(
        **{
            "s.yaml": """
            speakers:
              - {id: barack-obama, name: Barack Obama}
              - {id: michelle-obama, name: Michelle Obama}
              - {id: obamacare-critic, name: Critic of Obamacare}
            claims:
              - {id: a, speaker: barack-obama, date: 2020-01-01, statement: x}
              - {id: b, speaker: michelle-obama, date: 2020-01-02, statement: y}
              - {id: c, speaker: obamacare-critic, date: 2020-01-03, statement: z}
            """
        }
    )
    result = run("list", "--store", str(root), "--format", "json", "--speaker", "obama")
    assert ids_of(result) == ["b", "a"]
    assert "matches 2 speakers: barack-obama (Barack Obama), michelle-obama (Michelle Obama)" in result.stderr
    one = run("list", "--store", str(root), "--format", "json", "--speaker", "barack")
    assert ids_of(one) == ["a"] and "matches" not in one.stderr
    missing = run("list", "--store", str(root), "--speaker", "bama")
    assert missing.exit_code == 1 and "no speaker called 'bama'" in missing.stderr


def test_list_by_source_and_verdict(run):
    store = ("--store", str(STORE), "--format", "json")
    assert ids_of(run("list", *store, "--source", "wapo-2016-06-14")) == ["peskov-denies-2016"]
    assert ids_of(run("list", *store, "--source", "joint")) == ["joint-russia-directed-2016"]  # a unique prefix
    assert ids_of(run("list", *store, "--verdict", "mostly-true")) == ["joint-russia-directed-2016"]
    assert ids_of(run("list", *store, "--verdict", "false", "--verdict", "mostly-true")) == [
        "joint-russia-directed-2016"
    ]
    assert ids_of(run("list", *store, "--verdict", "false")) == []
    unknown = run("list", *store, "--source", "nyt")
    assert unknown.exit_code == 1 and "no source with id 'nyt'" in unknown.stderr
    assert run("list", *store, "--verdict", "half-true").exit_code == 2


def test_the_list_table_shows_verdicts_only_when_a_claim_has_one(run, demo_store):
    with_verdict = run("list", "--store", str(STORE)).stdout
    assert "rated mostly-true" in with_verdict
    assert "rated" not in run("list", "--store", str(demo_store)).stdout


def test_speakers_and_sources_sort_and_limit(run):
    def listed(*args):
        return [r["id"] for r in json.loads(run(*args, "--store", str(STORE), "-f", "json").stdout)]

    assert listed("speakers") == ["odni", "dhs", "odni-dhs-joint", "dmitry-peskov", "us-official", "checker"]
    assert listed("speakers", "--sort", "id") == sorted(listed("speakers"))
    assert listed("speakers", "--sort", "name")[:2] == ["checker", "dhs"]
    assert listed("speakers", "--sort", "claims", "--limit", "3") == ["dmitry-peskov", "odni-dhs-joint", "us-official"]
    assert listed("sources", "--sort", "name") == ["joint-statement-2016-10-07", "wapo-2016-06-14"]
    assert listed("sources", "--limit", "1") == ["wapo-2016-06-14"]
    assert listed("speakers", "--limit", "0") == listed("speakers")  # 0 means no limit (issue 7, item 19)


def test_report_caps_the_unassessed_list_unless_all(run, make_store):
    claims = "\n".join(f"  - {{id: c{n:02}, speaker: s, date: 2020-01-{n:02}, statement: x{n}}}" for n in range(1, 13))
    root = make_store(**{"s.yaml": f"speakers: [{{id: s, name: S}}]\nclaims:\n{claims}\n"})
    text = run("report", "--unsourced", "--store", str(root)).stdout
    assert text.count("c0") + text.count("c1") == 10 and "and 2 more not yet assessed (--all lists them)" in text
    every = run("report", "--unsourced", "--all", "--store", str(root)).stdout
    assert "c12" in every and "more not yet assessed" not in every
    md = run("report", "--unsourced", "--format", "markdown", "--store", str(root)).stdout
    assert "- and 2 more not yet assessed" in md
    data = json.loads(run("report", "--unsourced", "--format", "json", "--store", str(root)).stdout)
    assert len(data["unassessed"]) == 12


def test_check_counts_per_code_past_twenty_problems(run, make_store, tmp_path):
    bad = "\n".join(f"  - {{id: c{n}, speaker: nobody, date: 2020-13-01, statement: x}}" for n in range(11))
    root = make_store(**{"s.yaml": f"claims:\n{bad}\n"})
    out = run("check", "--store", str(root)).stdout
    assert out.splitlines()[-2] == "by code: E108 11, E110 11"
    few = tmp_path / "few"
    few.mkdir()
    (few / "t.yaml").write_text("claims:\n" + "\n".join(bad.splitlines()[:10]) + "\n")
    out = run("check", "--store", str(few)).stdout  # 20 problems: no tally
    assert "20 errors" in out and "by code" not in out
