"""capture --add: proposals walked through on a terminal (y, n, e, q) or all added with --yes,
written through the writing path (new speakers first, the store checked, nothing half-written)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimtrack.pipeline import load_store
from terminal import Seen, answer, read_until

FILES = {
    "speakers.yaml": """\
        speakers:
          - id: donald-trump
            name: Donald Trump
            aliases: [Trump]
          - id: javad-zarif
            name: Mohammad Javad Zarif
            aliases: [Zarif, Javad Zarif]
        """,
    "sources.yaml": """\
        sources:
          - id: gazette-2020-04-02
            title: Zarif answers Trump
            outlet: The Gazette
            published: 2020-04-02
            kind: news-report
        """,
    "claims.yaml": """\
        claims:
          - id: zarif-no-wars-2020
            speaker: javad-zarif
            date: 2020-04-02
            statement: Iran starts no wars, but teaches lessons to those who do
        """,
}

# Proposals, in order: 1 Zarif rejected claims ... (0.45), 2 "Iran starts no wars" (recorded),
# 3 Hugh Hill said on Wednesday ... (new speaker), 4 "The bridge will reopen in May," he added.
ARTICLE = textwrap.dedent(
    """\
    Zarif Answers Trump

    TEHRAN - Iran's foreign minister, Javad Zarif, on Thursday rejected claims that Iran is planning an attack.

    "Iran starts no wars, but teaches lessons to those who do," Zarif said.

    Hugh Hill, a doctor at the clinic, said on Wednesday that the outbreak was under control.

    "The bridge will reopen in May," he added.
    """
)


@pytest.fixture
def store(make_store) -> Path:
    return make_store(FILES)


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def added_claims(root: Path) -> dict:
    return {cid: c for cid, c in load_store(root).claims.items() if cid != "zarif-no-wars-2020"}


def test_yes_adds_every_proposal_new_speaker_first_with_the_forms_the_contract_gives(run, store, article):
    result = run(
        "--store", str(store), "capture", str(article), "--source", "gazette-2020-04-02",
        "--add", "--yes", "--min-confidence", "0.5",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    # the recorded statement gets its appearance in the new source; the new speaker comes before its claims
    assert lines[0].startswith("changed claim zarif-no-wars-2020 at ")
    assert lines[1].startswith("added speaker hugh-hill at ")
    assert [line.split()[:2] for line in lines[2:]] == [["added", "claim"], ["added", "claim"]]
    st = load_store(store)
    assert st.diagnostics == []
    hill = st.speakers["hugh-hill"]
    assert (hill.name, hill.role) == ("Hugh Hill", "doctor at the clinic")
    (appearance,) = st.claims["zarif-no-wars-2020"].appears_in
    assert (appearance.source, appearance.form) == ("gazette-2020-04-02", "quoted")
    claims = sorted(added_claims(store).values(), key=lambda c: c.statement)
    reported, quoted = claims[1], claims[0]
    assert reported.statement == "the outbreak was under control"
    assert (reported.speaker, str(reported.date), reported.wording) == ("hugh-hill", "2020-04-01", "paraphrase")
    assert [(a.source, a.form, a.quote) for a in reported.appears_in] == [
        ("gazette-2020-04-02", "reported", "that the outbreak was under control")
    ]
    assert quoted.statement == "The bridge will reopen in May"
    # "he added" gives no date: the article's date; the pronoun is Hugh Hill, already added
    assert (quoted.speaker, str(quoted.date), quoted.wording) == ("hugh-hill", "2020-04-02", "verbatim")
    assert [(a.source, a.form) for a in quoted.appears_in] == [("gazette-2020-04-02", "quoted")]


def test_yes_twice_adds_nothing_more(run, store, article):
    args = ("--store", str(store), "capture", str(article), "--source", "gazette-2020-04-02", "--add", "--yes")
    run(*args, "--min-confidence", "0.5")
    before = {p.name: p.read_bytes() for p in store.rglob("*.yaml")}
    result = run(*args, "--min-confidence", "0.5")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "already recorded as zarif-no-wars-2020; skipped" in result.stderr
    assert {p.name: p.read_bytes() for p in store.rglob("*.yaml")} == before


def test_yes_without_any_date_skips_with_a_message_and_without_a_source_skips_what_is_recorded(run, store, article):
    result = run("--store", str(store), "capture", str(article), "--add", "--yes", "--min-confidence", "0.5")
    assert result.exit_code == 0, result.output
    # numbered as `capture --min-confidence 0.5` numbers them; "on Wednesday" needs the article's date
    assert result.stderr.splitlines() == [
        "proposal 1: already recorded as zarif-no-wars-2020; skipped",
        "proposal 2: skipped, no date: the words give none and the article has none (--published)",
        "proposal 3: skipped, no date: the words give none and the article has none (--published)",
    ]
    assert result.stdout == ""
    assert added_claims(store) == {}


def test_published_gives_the_date_of_proposals_without_one(run, store, article):
    result = run(
        "--store", str(store), "capture", str(article), "--published", "2020-04-02", "--add", "--yes",
        "--min-confidence", "0.5",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    dates = sorted(str(c.date) for c in added_claims(store).values())
    assert dates == ["2020-04-01", "2020-04-02"]


def test_add_needs_a_terminal_or_yes_and_yes_needs_add(run, store, article):
    result = run("--store", str(store), "capture", str(article), "--add")
    assert result.exit_code == 2
    assert "--add --yes" in result.stderr
    result = run("--store", str(store), "capture", str(article), "--yes")
    assert result.exit_code == 2
    assert "--yes goes with --add" in result.stderr
    assert load_store(store).claims.keys() == {"zarif-no-wars-2020"}


def test_add_needs_a_store(run, article, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("capture", str(article), "--add", "--yes", env={"CLAIMTRACK_STORE": ""})
    assert result.exit_code != 0
    assert "store" in result.stderr.lower()


# ------------------------------------------------------------------ on a terminal


def _on_a_terminal(root: Path, article: Path, *args: str) -> tuple[subprocess.Popen, int, Seen]:
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "--store", str(root), "capture", str(article), *args],
        stdin=slave, stderr=slave, stdout=subprocess.PIPE,
        env={**os.environ, "CLAIMTRACK_STORE": "", "NO_COLOR": "1"},
    )  # fmt: skip
    os.close(slave)
    return proc, master, Seen()


def test_on_a_terminal_accept_skip_edit_and_quit(store, article):
    proc, master, seen = _on_a_terminal(store, article, "--source", "gazette-2020-04-02", "--add")
    try:
        answer(master, seen, b"(1/4) Add this proposal [y,n,e,q,?]? ", b"n")  # skip "rejected claims"
        answer(master, seen, b"(2/4) Add its appearance in gazette-2020-04-02 [y,n,e,q,?]? ", b"?")
        answer(master, seen, b"q - quit; add nothing more", b"y")  # help, then asked again: accept
        answer(master, seen, b"(3/4) Add this proposal [y,n,e,q,?]? ", b"e")
        answer(master, seen, b"Statement [the outbreak was under control]: ", b"The outbreak is under control")
        answer(master, seen, b"Speaker (id, name or alias; a new name adds a speaker) [Hugh Hill]: ", b"")
        answer(master, seen, b"Date (YYYY[-MM[-DD]]) [2020-04-01]: ", b"not a date")
        answer(master, seen, b"Date (YYYY[-MM[-DD]]) [2020-04-01]: ", b"2020-03-31")
        answer(master, seen, b"(4/4) Add this proposal [y,n,e,q,?]? ", b"q")
        out, _ = proc.communicate(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 0, bytes(seen)
    written = out.decode().splitlines()
    assert [line.split()[:3] for line in written] == [
        ["changed", "claim", "zarif-no-wars-2020"],
        ["added", "speaker", "hugh-hill"],
        ["added", "claim", written[2].split()[2]],
    ]
    (claim,) = added_claims(store).values()  # 1 skipped, 4 never added: quit
    assert (claim.statement, claim.speaker, str(claim.date)) == (
        "The outbreak is under control",
        "hugh-hill",
        "2020-03-31",
    )
    assert load_store(store).diagnostics == []


def test_on_a_terminal_end_of_input_quits_and_keeps_what_was_added(store, article):
    proc, master, seen = _on_a_terminal(store, article, "--published", "2020-04-02", "--add")
    try:
        answer(master, seen, b"(1/4) Add this proposal [y,n,e,q,?]? ", b"y")
        read_until(master, b"proposal 2: already recorded as zarif-no-wars-2020; skipped", seen)
        read_until(master, b"(3/4) Add this proposal [y,n,e,q,?]? ", seen)
        os.write(master, b"\x04")  # Ctrl-D
        out, _ = proc.communicate(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 0, bytes(seen)
    (claim,) = added_claims(store).values()
    assert (claim.speaker, claim.wording) == ("javad-zarif", "paraphrase")
    assert out.decode().startswith(f"added claim {claim.id} at ")


def test_on_a_terminal_a_speaker_typo_is_not_a_new_speaker_and_dates_count_from_the_article(store, article):
    """Stdout on the terminal too: each 'added' line shows before the next question."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "--store", str(store), "capture", str(article),
         "--source", "gazette-2020-04-02", "--add"],
        stdin=slave, stderr=slave, stdout=slave,
        env={**os.environ, "CLAIMTRACK_STORE": "", "NO_COLOR": "1", "PAGER": "cat"},
    )  # fmt: skip
    os.close(slave)
    seen = Seen()
    try:
        answer(master, seen, b"(1/4) Add this proposal [y,n,e,q,?]? ", b"e")
        answer(master, seen, b"Statement [", b"")
        answer(master, seen, b"a new name adds a speaker) [javad-zarif]: ", b"Zarfi")
        read_until(master, b"no speaker called 'Zarfi'; did you mean:", seen)
        answer(master, seen, b"add 'Zarfi' as a new speaker? [y/N] ", b"n")
        answer(master, seen, b"a new name adds a speaker) [javad-zarif]: ", b"Zarif")
        answer(master, seen, b"Date (YYYY[-MM[-DD]]) [", b"yesterday")
        read_until(master, b"added claim ", seen)
        answer(master, seen, b"(2/4) Add its appearance in gazette-2020-04-02 [y,n,e,q,?]? ", b"q")
        proc.wait(timeout=60)
    finally:
        os.close(master)
    assert proc.returncode == 0, bytes(seen)
    (claim,) = added_claims(store).values()
    assert (claim.speaker, str(claim.date)) == ("javad-zarif", "2020-04-01")
    assert "zarfi" not in load_store(store).speakers
