"""One change, all or nothing: checked with the whole store before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimtrack.edits import add_record, set_field
from claimtrack.fsutil import FileChanged
from claimtrack.pipeline import load_store
from claimtrack.transaction import ADDED, Edit, Plan, Record, Refused
from claimtrack.transaction import run as transact

SPEAKERS = "speakers:\n  - id: s\n    name: S\n"
CLAIMS = """\
claims:
  - id: a
    speaker: s
    date: 2021-01-02
    statement: A statement.
    sourcing: {status: none}
"""


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file's bytes and modification time, the lock file aside."""
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".claimtrack.lock"
    }


def adding(rel: str, values: dict) -> Plan:
    return Plan(
        [Edit(rel, lambda text, shown: add_record(text, "claims", values, shown))],
        [Record(ADDED, "claim", values["id"], rel)],
    )


GOOD = {"id": "b", "speaker": "s", "date": "2021-01-03", "statement": "Another."}


def test_load_store_overlay_reads_new_texts_without_writing(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    before = snapshot(root)
    new = CLAIMS + "  - id: b\n    speaker: nobody\n    date: 2021\n    statement: x\n"
    store = load_store(root, overlay={"claims.yaml": new, "more/new.yaml": SPEAKERS.replace("id: s", "id: t")})
    assert set(store.claims) == {"a", "b"} and set(store.speakers) == {"s", "t"}
    assert [d.code for d in store.diagnostics if d.is_error] == ["E110"]
    assert store.diagnostics[0].excerpt == "    speaker: nobody"  # the excerpt comes from the overlay text
    assert snapshot(root) == before and not (root / "more").exists()


def test_a_change_is_written_and_reported(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    outcome = transact(root, lambda store: adding("claims.yaml", GOOD))
    assert [(w.action, w.id, w.line) for w in outcome.written] == [("added", "b", 7)]
    assert set(load_store(root).claims) == {"a", "b"}


@pytest.mark.parametrize(
    "values",
    [
        {**GOOD, "speaker": "nobody"},  # an unknown speaker
        {**GOOD, "id": "a"},  # a duplicate id
        {**GOOD, "statement": "   "},  # a required field left empty
        {**GOOD, "responds_to": [{"claim": "b", "relation": "denies"}]},  # answers itself
    ],
)
def test_a_change_that_adds_an_error_is_refused_and_nothing_changes(make_store, values) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    before = snapshot(root)
    with pytest.raises(Refused) as refused:
        transact(root, lambda store: adding("claims.yaml", values))
    assert refused.value.exit_code == 1 and refused.value.diagnostics
    assert all(d.is_error for d in refused.value.diagnostics)
    assert snapshot(root) == before


def test_a_refused_change_into_a_new_file_creates_nothing(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    before = snapshot(root)
    with pytest.raises(Refused):
        transact(root, lambda store: adding("2030/2030-01.yaml", {**GOOD, "speaker": "nobody"}))
    assert snapshot(root) == before and not (root / "2030").exists()


def test_an_error_already_in_the_store_does_not_refuse_an_unrelated_change(make_store) -> None:
    broken = CLAIMS + "  - id: z\n    speaker: ghost\n    date: 2021\n    statement: x\n"
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": broken})
    outcome = transact(root, lambda store: adding("claims.yaml", GOOD))
    assert [w.id for w in outcome.written] == ["b"]
    assert load_store(root).error_count == 1


def test_an_error_in_the_changed_lines_refuses_even_when_it_fixes_another(make_store) -> None:
    broken = CLAIMS + "  - id: z\n    speaker: ghost\n    date: 2021\n    statement: x\n"
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": broken})
    # Fixing z's speaker but giving a's sourcing an unknown status: as many errors as before, one in the change.
    plan = Plan(
        [
            Edit("claims.yaml", lambda t, s: set_field(t, "claims", "z", "speaker", "s", s)),
            Edit("claims.yaml", lambda t, s: set_field(t, "claims", "a", "date", "2021-13", s)),
        ]
    )
    with pytest.raises(Exception):  # noqa: B017 - the writer refuses a bad date itself, or the check does
        transact(root, lambda store: plan)
    assert load_store(root).claims.get("z") is not None


def test_dry_run_gives_the_diff_and_writes_nothing(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    before = snapshot(root)
    outcome = transact(root, lambda store: adding("new/file.yaml", GOOD), dry_run=True)
    assert outcome.diff.startswith("--- /dev/null\n+++ b/")
    assert "+  - id: b\n" in outcome.diff
    assert snapshot(root) == before and not (root / "new").exists()


def test_a_file_changed_between_read_and_write_is_not_overwritten(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    target = root / "claims.yaml"

    def meddling(text: str, shown: str):
        splice = add_record(text, "claims", GOOD, shown)
        target.write_text(text + "# an editor saved this\n")  # after the read, before the write
        return splice

    with pytest.raises(FileChanged) as changed:
        transact(root, lambda store: Plan([Edit("claims.yaml", meddling)]))
    assert changed.value.exit_code == 1
    assert target.read_text().endswith("# an editor saved this\n") and "id: b" not in target.read_text()


def test_warnings_the_change_brings_are_returned_not_refused(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    early = {**GOOD, "date": "2020-01-01", "responds_to": [{"claim": "a", "relation": "denies"}]}
    outcome = transact(root, lambda store: adding("claims.yaml", early))
    assert [d.code for d in outcome.warnings] == ["W201"]


def test_the_mode_of_a_file_is_kept(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    os.chmod(root / "claims.yaml", 0o640)
    transact(root, lambda store: adding("claims.yaml", GOOD))
    assert (root / "claims.yaml").stat().st_mode & 0o777 == 0o640


def test_cli_refusal_prints_the_diagnostics_and_exits_1(make_store, run) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    before = snapshot(root)
    result = run("--store", str(root), "add", "claim", "-s", "s", "-d", "2021", "--statement", "x", "--id", "a")
    assert result.exit_code == 1 and "already used" in result.stderr and result.stdout == ""
    result = run("--store", str(root), "add", "claim", "-s", "s", "-d", "2021", "--statement", "x", "--evidence", " ")
    assert result.exit_code == 1 and "error[" in result.stderr and "refused" in result.stderr
    assert snapshot(root) == before


def test_cli_dry_run_prints_the_diff_and_writes_nothing(make_store, run) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    before = snapshot(root)
    result = run("--store", str(root), "assess", "a", "--sourcing", "named", "--note", "On the record", "--dry-run")
    assert result.exit_code == 0
    assert "-    sourcing: {status: none}\n" in result.stdout and "+      status: named\n" in result.stdout
    assert "would change claim a" in result.stderr
    assert snapshot(root) == before


def test_a_memo_shares_parsed_files_between_loads_but_never_an_overlay(make_store) -> None:
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    memo: dict = {}
    load_store(root, memo=memo)
    assert sorted(memo) == ["claims.yaml", "speakers.yaml"]
    (root / "speakers.yaml").write_text(SPEAKERS.replace("id: s", "id: t"))
    overlay = CLAIMS.replace("id: a", "id: z")
    again = load_store(root, overlay={"claims.yaml": overlay}, memo=memo)
    assert set(again.speakers) == {"s"}  # from the memo, not read again
    assert set(again.claims) == {"z"} and set(load_store(root, memo=memo).claims) == {"a"}
    assert set(load_store(root).speakers) == {"t"}  # without a memo, the disk
