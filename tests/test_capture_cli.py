"""`claimtrack capture ARTICLE`: formats, options, and clear errors for bad input."""

from __future__ import annotations

import json
import os
import textwrap

import pytest

from claimtrack.pipeline import load_store

SOURCES = """
sources:
  - id: gazette-2020-04-02
    title: Zarif answers Trump
    outlet: The Gazette
    published: 2020-04-02
    kind: news-report
"""

ARTICLE = textwrap.dedent(
    """\
    Zarif Answers Trump

    TEHRAN - Iran's foreign minister, Javad Zarif, on Thursday rejected claims that Iran or its proxies are
    planning a sneak attack on US troops in Iraq.

    "Iran starts no wars, but teaches lessons to those who do," Zarif said.

    Hugh Hill, a doctor at the clinic, said on Wednesday that the outbreak was [bold]under control[/bold].
    """
)


@pytest.fixture
def store(make_store):
    from fixtures import CLAIMS, SPEAKERS

    return make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS, "sources.yaml": SOURCES})


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def proposals(result) -> list[dict]:
    data = json.loads(result.stdout)
    assert list(data) == ["article", "proposals"]
    return data["proposals"]


def test_json_with_a_source_record(run, store, article):
    result = run("--store", str(store), "capture", str(article), "--source", "gazette", "--format", "json")
    assert result.exit_code == 0, result.output
    found = proposals(result)
    assert [p["cue"]["text"] for p in found] == ["rejected", "said", "said"]
    rejected, quoted, reported = found
    assert rejected["speaker"] == "javad-zarif"
    assert rejected["date"] == "2020-04-02"  # "on Thursday", read against the source's date
    answer = rejected["responds_to"][0]
    assert (answer["claim"], answer["relation"]) == ("trump-sneak-attack-2020", "denies")
    assert 50 <= answer["score"] <= 100
    assert quoted["same_as"] == "zarif-no-wars-2020"
    assert quoted["kind"] == "direct"
    assert ARTICLE[quoted["content"]["start"] : quoted["content"]["end"]] == quoted["content"]["text"]
    assert reported["new_speaker"] == "Hugh Hill"
    assert reported["new_speaker_role"] == "doctor at the clinic"
    assert reported["date"] == "2020-04-01"


def test_offsets_do_not_count_a_leading_bom(run, store, tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    found = proposals(run("--store", str(store), "capture", str(path), "--format", "json"))
    quoted = found[1]
    assert ARTICLE[quoted["content"]["start"] : quoted["content"]["end"]] == quoted["content"]["text"]


def test_text_shows_who_what_and_answers_and_keeps_article_text_literal(run, store, article):
    result = run("--store", str(store), "capture", str(article), "--published", "2020-04-02")
    assert result.exit_code == 0
    out = result.stdout
    assert "Mohammad Javad Zarif (javad-zarif) · rejected · 2020-04-02" in out
    assert "answers: denies trump-sneak-attack-2020 (" in out
    assert "already recorded as zarif-no-wars-2020" in out
    assert "Hugh Hill (new speaker, doctor at the clinic)" in out
    assert "[bold]under control[/bold]" in out  # never read as markup
    assert out.rstrip().endswith("3 proposals, 1 already recorded")


def test_yaml_drafts_load_into_the_store_without_problems(run, store, article):
    result = run("--store", str(store), "capture", str(article), "--source", "gazette-2020-04-02", "-f", "yaml")
    assert result.exit_code == 0, result.output
    assert "# already recorded: zarif-no-wars-2020" in result.stdout
    (store / "drafts.yaml").write_text(result.stdout, encoding="utf-8")
    loaded = load_store(store)
    assert [d.message for d in loaded.diagnostics] == []
    assert loaded.speakers["hugh-hill"].role == "doctor at the clinic"
    drafted = [c for c in loaded.claims.values() if c.id not in ("zarif-no-wars-2020",) and c.speaker == "hugh-hill"]
    assert [(c.statement, c.wording, str(c.date)) for c in drafted] == [
        ("the outbreak was [bold]under control[/bold]", "paraphrase", "2020-04-01")
    ]
    assert drafted[0].appears_in[0].source == "gazette-2020-04-02"


def test_min_confidence_leaves_out_weaker_proposals(run, store, article):
    every = proposals(run("--store", str(store), "capture", str(article), "-f", "json"))
    strong = proposals(run("--store", str(store), "capture", str(article), "-f", "json", "--min-confidence", "0.8"))
    assert 0 < len(strong) < len(every)
    assert all(p["confidence"] >= 0.8 for p in strong)


def test_standard_input(run, store):
    from claimtrack.cli import app

    result = run.runner.invoke(
        app, ["--store", str(store), "capture", "-", "-f", "json"], input="Zarif said the talks had failed."
    )
    found = proposals(result)
    assert json.loads(result.stdout)["article"] == "-"
    assert [(p["speaker"], p["content"]["text"]) for p in found] == [("javad-zarif", "the talks had failed")]


def test_without_a_store_it_still_proposes(run, article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("capture", str(article), "-f", "json", env={"CLAIMTRACK_STORE": ""})
    assert result.exit_code == 0, result.output
    found = proposals(result)
    assert found and all(p["speaker"] is None and p["same_as"] is None for p in found)
    assert found[0]["new_speaker"] == "Javad Zarif"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: _write(d / "latin1.txt", "Caf\xe9 said so.".encode("latin-1")), "is not UTF-8 text (byte 3"),
    ],
)
def test_bad_articles_give_one_clear_line(run, store, tmp_path, make, message):
    path = make(tmp_path)
    result = run("--store", str(store), "capture", str(path))
    assert result.exit_code == 2
    assert message in result.stderr
    # The message and what to do, nothing else (an exception would have raised here: `run` does not catch).
    first, hint = result.stderr.splitlines()
    assert first.startswith("claimtrack: ") and hint.startswith("hint: ")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_not_waited_on(run, store, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("--store", str(store), "capture", str(fifo))
    assert result.exit_code == 2
    assert "is not a regular file" in result.stderr


def test_unknown_source_and_bad_date(run, store, article):
    result = run("--store", str(store), "capture", str(article), "--source", "gazete-2020")
    assert result.exit_code == 1
    assert "no source with id 'gazete-2020'" in result.stderr
    assert "gazette-2020-04-02" in result.stderr
    result = run("--store", str(store), "capture", str(article), "--published", "2020-04")
    assert result.exit_code == 2
    assert "--published '2020-04' is not a date" in result.stderr


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
