"""A few files changed: the index brings its tables and the check forward (index_delta.py).

A state machine edits a store of several files (speakers, sources with archives, claims
that answer claims of other files, unknown references, dates of every precision) a file
at a time, and after each edit compares the store loaded through the index, brought
forward from the last result, with the store built from the files in memory: the
diagnostics, the records and their order, the answers, the rows the queries read, and the
index's own tables with those of an index built from scratch. It also counts how often
the update was taken rather than a full build, so that it cannot pass by never running.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from typer.testing import CliRunner

from claimtrack import pipeline
from claimtrack.cli import app
from claimtrack.index import Index, index_path
from claimtrack.pipeline import load_store, release

CLAIM_FILES = ("a.yaml", "b.yaml", "sub/c.yaml")
OWN_IDS = {"a.yaml": ("a1", "a2", "a3"), "b.yaml": ("b1", "b2", "b3"), "sub/c.yaml": ("c1", "c2", "c3")}
ALL_IDS = tuple(i for ids in OWN_IDS.values() for i in ids) + ("nobody",)
SPEAKER_IDS = ("trump", "zarif", "pompeo")
NAMES = ("Donald Trump", "Javad Zarif", "Zarif", "Mike Pompeo")
SOURCE_IDS = ("tweet", "article")
DATES = ("2020", "2020-04", "2020-04-02", "2020-04-05", "2021-01-01", "unknown")
RELATIONS = ("denies", "supports", "repeats", "questions")

claim_value = st.fixed_dictionaries(
    {
        "speaker": st.sampled_from((*SPEAKER_IDS, "ghost")),
        "date": st.sampled_from(DATES),
        "statement": st.sampled_from(("Iran plans an attack.", "Iran starts no wars.", "Agents plot attacks.")),
        "source": st.sampled_from((*SOURCE_IDS, "missing-source")),
        "answers": st.lists(st.tuples(st.sampled_from(ALL_IDS), st.sampled_from(RELATIONS)), max_size=2),
    }
)

UPDATES = {"taken": 0, "tried": 0, "writes": 0}


def claim_text(cid: str, value: dict[str, Any]) -> str:
    lines = [
        f"  - id: {cid}",
        f"    speaker: {value['speaker']}",
        f"    date: {value['date']}",
        f"    statement: {value['statement']}",
        "    appears_in:",
        f"      - source: {value['source']}",
    ]
    if value["answers"]:
        lines.append("    responds_to:")
        for target, relation in value["answers"]:
            lines += [f"      - claim: {target}", f"        relation: {relation}"]
    return "\n".join(lines) + "\n"


class DeltaMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="ct-delta-"))
        self.root = self.tmp / "claims"
        self.cache = self.tmp / "cache"
        self.clock = time.time_ns() - 10 * 86400 * 10**9
        self.claims: dict[str, dict[str, dict[str, Any]]] = {rel: {} for rel in CLAIM_FILES}
        self.speakers = {"trump": "Donald Trump", "zarif": "Javad Zarif"}
        self.sources = {"tweet": None, "article": "archive/article.txt"}
        self.real = pipeline.updated_store
        pipeline.updated_store = self._counted  # type: ignore[assignment]

    def _counted(self, index: Index, *args: Any) -> Any:
        store = self.real(index, *args)
        if index.persistent:  # (an index in memory has no last result to bring forward)
            UPDATES["tried"] += 1
            UPDATES["taken"] += store is not None
        return store

    def teardown(self) -> None:
        pipeline.updated_store = self.real  # type: ignore[assignment]
        shutil.rmtree(self.tmp, ignore_errors=True)

    # --- the files -----------------------------------------------------------

    def _write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.clock += 2 * 10**9  # long before it is indexed: not racily clean
        os.utime(path, ns=(self.clock, self.clock))

    def _write_claims(self, rel: str) -> None:
        claims = self.claims[rel]
        if not claims:
            (self.root / rel).unlink(missing_ok=True)
            return
        self._write(rel, "claims:\n" + "".join(claim_text(cid, value) for cid, value in claims.items()))

    def _write_speakers(self) -> None:
        lines = ["speakers:"] + [f"  - id: {sid}\n    name: {name}" for sid, name in self.speakers.items()]
        self._write("speakers.yaml", "\n".join(lines) + "\n")

    def _write_sources(self) -> None:
        lines = ["sources:"]
        for sid, archive in self.sources.items():
            lines += [f"  - id: {sid}", f"    title: The {sid}", "    published: 2020-04-01"]
            if archive:
                lines.append(f"    archive: {archive}")
        self._write("sources.yaml", "\n".join(lines) + "\n")

    # --- rules -----------------------------------------------------------------

    @initialize(first=st.lists(claim_value, min_size=3, max_size=3))
    def start(self, first: list[dict[str, Any]]) -> None:
        self.root.mkdir()
        self._write_speakers()
        self._write_sources()
        for rel, value in zip(CLAIM_FILES, first, strict=True):
            self.claims[rel][OWN_IDS[rel][0]] = value
            self._write_claims(rel)
        self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES), n=st.integers(0, 2), value=claim_value)
    def set_claim(self, rel: str, n: int, value: dict[str, Any]) -> None:
        self.claims[rel][OWN_IDS[rel][n]] = value
        self._write_claims(rel)
        self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES), n=st.integers(0, 2))
    def drop_claim(self, rel: str, n: int) -> None:
        self.claims[rel].pop(OWN_IDS[rel][n], None)
        self._write_claims(rel)
        self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES), other=st.sampled_from(ALL_IDS[:-1]), value=claim_value)
    def borrow_an_id(self, rel: str, other: str, value: dict[str, Any]) -> None:
        """An id of another file: a duplicate, built in full, and the update after it."""
        self.claims[rel][other] = value
        self._write_claims(rel)
        self.compare()
        del self.claims[rel][other]
        self._write_claims(rel)
        self.compare()

    @rule(sid=st.sampled_from(SPEAKER_IDS), name=st.sampled_from((*NAMES, None)))
    def set_speaker(self, sid: str, name: str | None) -> None:
        if name is None:
            self.speakers.pop(sid, None)
        else:
            self.speakers[sid] = name
        self._write_speakers()
        self.compare()

    @rule(sid=st.sampled_from(SOURCE_IDS), archive=st.sampled_from((None, "archive/article.txt", "archive/tweet.txt")))
    def set_source(self, sid: str, archive: str | None) -> None:
        self.sources[sid] = archive
        self._write_sources()
        self.compare()

    @rule(name=st.sampled_from(("article.txt", "tweet.txt")))
    def toggle_archive(self, name: str) -> None:
        path = self.root / "archive" / name
        if path.exists():
            path.unlink()
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text("The text.\n", encoding="utf-8")
        self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES))
    def comment_only(self, rel: str) -> None:
        path = self.root / rel
        if path.exists():
            self._write(rel, path.read_text(encoding="utf-8") + "# checked\n")
            self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES))
    def broken_for_a_while(self, rel: str) -> None:
        self._write(rel, "claims: [\n")
        self.compare()
        self._write_claims(rel)
        self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES), n=st.integers(0, 2), value=claim_value)
    def check_a_change(self, rel: str, n: int, value: dict[str, Any]) -> None:
        """A writer's change, checked and not written: brought forward through the index like
        the store after it is built from the files, and forgotten by the index after."""
        claims = {**self.claims[rel], OWN_IDS[rel][n]: value}
        overlay = {rel: "claims:\n" + "".join(claim_text(cid, v) for cid, v in claims.items())}
        load_store(self.root, index=Index.open(self.root, self.cache))  # the store on disk, as `add` first loads it
        tried = UPDATES["taken"]
        through = load_store(self.root, overlay=overlay, index=Index.open(self.root, self.cache))
        built = load_store(self.root, overlay=overlay)
        UPDATES["writes"] += UPDATES["taken"] - tried
        try:
            same_store(through, built)
        finally:
            release(through)
        self.compare()

    @rule(rel=st.sampled_from(CLAIM_FILES), n=st.integers(0, 2), value=claim_value)
    def write_a_change(self, rel: str, n: int, value: dict[str, Any]) -> None:
        """A writer's change, checked and written: the index keeps the update, and the next
        load replays it as the store on disk."""
        self.claims[rel][OWN_IDS[rel][n]] = value
        text = "claims:\n" + "".join(claim_text(cid, v) for cid, v in self.claims[rel].items())
        load_store(self.root, index=Index.open(self.root, self.cache))
        through = load_store(self.root, overlay={rel: text}, index=Index.open(self.root, self.cache))
        self._write(rel, text)
        release(through, written=True)
        self.compare()

    # --- the comparison ----------------------------------------------------------

    def compare(self) -> None:
        index = Index.open(self.root, self.cache)
        same_store(load_store(self.root, index=index), load_store(self.root))
        index.close()
        assert tables(index_path(self.root, self.cache)) == tables(self.fresh_index())

    def fresh_index(self) -> Path:
        """The same store indexed from scratch, in a cache folder of its own."""
        fresh = self.tmp / "fresh"
        shutil.rmtree(fresh, ignore_errors=True)
        index = Index.open(self.root, fresh)
        pipeline.updated_store = self.real  # type: ignore[assignment]  (not counted: there is nothing to update)
        load_store(self.root, index=index)
        pipeline.updated_store = self._counted  # type: ignore[assignment]
        index.close()
        return index_path(self.root, fresh)


def same_store(through: Any, built: Any) -> None:
    assert through.diagnostics == built.diagnostics
    for kind in ("speakers", "sources", "claims"):
        assert list(getattr(through, kind).items()) == list(getattr(built, kind).items()), kind
    assert answers(through) == answers(built)
    assert claim_rows(through.index) == claim_rows(built.index)


def answers(store: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    return [(target, [(c.id, link.relation) for c, link in pairs]) for target, pairs in store.responses.items()]


def claim_rows(index: Index) -> list[tuple[Any, ...]]:
    # rel and pos are the store's order only: an index in memory numbers its rows instead.
    return index.query(
        "SELECT id, speaker, first_day, last_day, known, status, rank, verdict, speaker_key "
        "FROM claim_rows ORDER BY rel, pos"
    )


def tables(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(path)
    try:
        found = {
            table: sorted(conn.execute(f"SELECT * FROM {table}"))
            for table in ("records", "answers", "claim_rows", "refs")
        }
        found["result"] = conn.execute("SELECT count(*) FROM meta WHERE key = 'result'").fetchone()
    finally:
        conn.close()
    return found


def test_updates_give_what_a_full_build_gives():
    UPDATES.update(taken=0, tried=0, writes=0)
    run_state_machine_as_test(
        DeltaMachine,
        settings=settings(
            max_examples=12,
            stateful_step_count=12,
            deadline=None,
            derandomize=True,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
    # Most edits are brought forward, not built in full: otherwise this test tests nothing.
    assert UPDATES["taken"] >= UPDATES["tried"] // 2 > 0, UPDATES
    assert UPDATES["writes"] > 0, UPDATES


# --- a few scenarios the machine does not make ------------------------------------------


def _claims(*ids: str, speaker: str = "trump", answers: str = "") -> str:
    body = "".join(
        f"  - id: {cid}\n    speaker: {speaker}\n    date: 2020-04\n    statement: Troops {cid}.\n{answers}"
        for cid in ids
    )
    return "claims:\n" + body


def _aged(root: Path, rel: str, text: str, clock: list[int]) -> None:
    """Write a file dated on the test's clock, long before it is indexed (not racily clean)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    clock[0] += 2 * 10**9
    os.utime(path, ns=(clock[0], clock[0]))


def _invoke(args: list[str], cwd: Path) -> tuple[str, str, int]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result.stdout, result.stderr, result.exit_code


def test_updates_from_other_folders_and_through_a_link_answer_as_a_full_load(tmp_path, monkeypatch):
    """Names of files depend on where the command runs: a command run from elsewhere, or through
    a link to the store, sees every file renamed (brought forward, their old findings dropped),
    and a file moved into a subfolder is one removed and one added."""
    root = tmp_path / "claims"
    link = tmp_path / "link"
    link.symlink_to(root)
    clock = [time.time_ns() - 10 * 86400 * 10**9]
    _aged(root, "speakers.yaml", "speakers:\n  - id: trump\n    name: Donald Trump\n", clock)
    _aged(root, "a.yaml", _claims("a1", speaker="trmp"), clock)
    answers = "    responds_to: [{claim: a1, relation: denies}, {claim: a9, relation: denies}]\n"
    _aged(root, "b.yaml", _claims("b1", answers=answers), clock)
    taken = []
    real = pipeline.updated_store
    monkeypatch.setattr(pipeline, "updated_store", lambda *args: taken.append(real(*args)) or taken[-1])
    places = [  # (where the command runs, the store as given)
        (tmp_path, "claims"),
        (root, "."),
        (root, "."),  # (from the same place: only the speakers' file changes)
        (root / "sub", str(link)),
        (tmp_path, str(root)),
    ]
    edits = [
        ("a.yaml", _claims("a1", "a9", speaker="trmp")),
        ("sub/a.yaml", None),  # a.yaml moved into a subfolder
        # Names that turn the order of `list --sort speaker` over, of claims in files not changed.
        ("speakers.yaml", "speakers:\n  - id: trump\n    name: Zack Trump\n  - id: trmp\n    name: Able\n"),
        ("sub/a.yaml", "claims: [\n"),
    ]
    (root / "sub").mkdir()
    for (cwd, store), (rel, text) in zip(places, edits + [("b.yaml", "")], strict=True):
        if text is None:
            (root / "a.yaml").rename(root / rel)
        else:
            _aged(root, rel, text, clock)
        for command in (["check"], ["list", "--sort", "speaker"], ["show", "b1"]):
            indexed = _invoke([*command, "--store", store], cwd)
            assert indexed == _invoke([*command, "--store", store, "--no-cache"], cwd), (rel, command)
    assert sum(store is not None for store in taken) >= 4, taken  # brought forward, not built in full


def test_writing_commands_through_the_index_answer_as_without_it(tmp_path, monkeypatch):
    """Each writing command on a store through its index, and on a copy with --no-cache: the
    same output, the same files, and the same answers to the reads after. A change refused or
    only shown (--dry-run) is forgotten by the index; one written is kept (release)."""
    root, twin = tmp_path / "claims", tmp_path / "twin"
    clock = [time.time_ns() - 10 * 86400 * 10**9]
    speakers = "speakers:\n  - id: trump\n    name: Donald Trump\n  - id: zarif\n    name: Zarif\n"
    _aged(root, "speakers.yaml", speakers, clock)
    _aged(root, "a.yaml", _claims("a1", "a2"), clock)
    answers = "    responds_to: [{claim: a1, relation: denies}]\n"
    _aged(root, "b.yaml", _claims("b1", speaker="zarif", answers=answers), clock)
    editor = tmp_path / "editor.py"  # an editor that renames a speaker, or dates a2 before the claims answering it
    editor.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[-1])\nt = p.read_text().replace('Zarif', 'Able Zarif')\n"
        "p.write_text(t.replace('2020-04\\n    statement: Troops a2.', '2020-01\\n    statement: Troops a2.'))\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    shutil.copytree(root, twin)
    claim = ["--date", "2020-03", "--statement", "Before all."]
    answer = ["--responds-to", "a2", "--relation", "denies"]
    writes = [
        ["add", "claim", "--speaker", "zarif", *claim, "--id", "z1", "--file", "sub/z.yaml", *answer],
        ["add", "claim", "--speaker", "nobody", *claim, "--id", "z2", "--file", "a.yaml"],  # refused
        ["respond", "z1", "--relation", "supports", "--speaker", "trump", *claim, "--id", "t1", "--dry-run"],
        ["respond", "z1", "--relation", "supports", "--speaker", "trump", *claim, "--id", "t1"],
        ["edit", "zarif"],
        ["edit", "a2"],  # z1 answered it before its date (W201): no longer
        ["rename", "trump", "donald"],
        ["rm", "a1", "--cascade"],
    ]
    for write in writes:
        assert _invoke([*write, "--store", "."], root) == _invoke([*write, "--store", ".", "--no-cache"], twin), write
        for path in root.rglob("*.yaml"):
            assert path.read_bytes() == (twin / path.relative_to(root)).read_bytes(), write
        for read in (["check"], ["list", "--sort", "speaker"], ["show", "a2"], ["speakers"]):
            assert _invoke([*read, "--store", "."], root) == _invoke([*read, "--store", ".", "--no-cache"], twin), read


def test_an_edit_rewrites_only_the_rows_it_changes(tmp_path, monkeypatch):
    """An edited file's rows that are as they were stay in place: each row written dirties a page
    of every index of its table, which made one edited file of 100 claims write 2.9 MB (speed:
    benchmarks/bench_index.py; here, that the other rows keep their rowids)."""
    root, cache = tmp_path / "claims", tmp_path / "cache"
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(cache))
    clock = [time.time_ns() - 10 * 86400 * 10**9]
    _aged(root, "speakers.yaml", "speakers:\n  - id: trump\n    name: Donald Trump\n", clock)
    answers = "    responds_to: [{claim: b1, relation: denies}]\n    tags: [iraq]\n"
    _aged(root, "a.yaml", _claims("a1", "a2", "a3", answers=answers), clock)
    _aged(root, "b.yaml", _claims("b1"), clock)
    taken = []
    real = pipeline.updated_store
    monkeypatch.setattr(pipeline, "updated_store", lambda *args: taken.append(real(*args)) or taken[-1])
    queries = {
        "records": "SELECT rowid, id FROM records WHERE rel = 'a.yaml'",
        "claim_rows": "SELECT rowid, id FROM claim_rows WHERE rel = 'a.yaml'",
        "answers": "SELECT rowid, responder FROM answers WHERE rel = 'a.yaml'",
        "file_records": "SELECT rowid, n FROM file_records WHERE rel = 'a.yaml' AND kind = 'claims'",
    }

    def rows() -> dict[str, set[tuple[Any, ...]]]:
        conn = sqlite3.connect(index_path(root, cache))
        try:
            return {table: set(conn.execute(sql)) for table, sql in queries.items()}
        finally:
            conn.close()

    assert _invoke(["check", "--store", "."], root)[2] == 0
    before = rows()
    _aged(root, "a.yaml", _claims("a1", "a2", "a3", answers=answers).replace("Troops a2.", "Troops a2 again."), clock)
    indexed = _invoke(["check", "--store", "."], root)
    assert taken[-1] is not None  # brought forward, not built in full
    assert indexed == _invoke(["check", "--store", ".", "--no-cache"], root)
    after = rows()
    assert after["records"] == before["records"] and after["claim_rows"] == before["claim_rows"]
    assert after["answers"] == before["answers"] and len(after["answers"]) == 3
    # The edited claim's record is written again; the others' rows stay.
    assert len(after["file_records"] & before["file_records"]) == 2 and len(after["file_records"]) == 3
    # A claim removed takes its rows along, its record's included.
    _aged(root, "a.yaml", _claims("a1", "a2", answers=answers).replace("Troops a2.", "Troops a2 again."), clock)
    indexed = _invoke(["check", "--store", "."], root)
    assert taken[-1] is not None and indexed == _invoke(["check", "--store", ".", "--no-cache"], root)
    removed = rows()
    assert all(len(removed[table]) == 2 for table in ("records", "claim_rows", "answers", "file_records")), removed
    assert removed["file_records"] < after["file_records"] and removed["claim_rows"] < after["claim_rows"]


def test_an_edit_that_closes_a_cycle_is_found_as_a_full_load_finds_it(tmp_path, monkeypatch):
    """The update looks for a new cycle only when the graph of answers gained an edge: a changed
    claim's link it did not have before, or a link to a claim id new to the store. Each edit here
    closes a cycle one way or the other (or keeps the links as they were, and skips the search)."""
    root, cache = tmp_path / "claims", tmp_path / "cache"
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(cache))
    clock = [time.time_ns() - 10 * 86400 * 10**9]
    _aged(root, "speakers.yaml", "speakers:\n  - id: trump\n    name: Donald Trump\n", clock)

    def answering(*targets: str) -> str:
        return "    responds_to: [" + ", ".join(f"{{claim: {t}, relation: denies}}" for t in targets) + "]\n"

    taken = []
    real = pipeline.updated_store
    monkeypatch.setattr(pipeline, "updated_store", lambda *args: taken.append(real(*args)) or taken[-1])
    steps = [  # (file, its text, whether the check finds a cycle)
        ("a.yaml", _claims("a1", answers=answering("b1", "b2")), False),  # b2 names no claim (E110)
        ("b.yaml", _claims("b1", answers=answering("c1")), False),
        ("c.yaml", _claims("c1"), False),
        # The same links, another statement: brought forward without a search.
        ("c.yaml", _claims("c1").replace("Troops c1.", "Troops c1 again."), False),
        # A link c1 did not give before closes a1 -> b1 -> c1 -> a1 through two files not changed.
        ("c.yaml", _claims("c1", answers=answering("a1")), True),
        ("c.yaml", _claims("c1"), False),
        # A claim id new to the store that a1 answered all along: a1 -> b2 -> a1.
        ("b.yaml", _claims("b1", answers=answering("c1")) + _claims("b2", answers=answering("a1"))[8:], True),
        ("b.yaml", _claims("b1", answers=answering("c1")), False),
        # b1 linked to b3 before b3 existed: the link was no answer then, and is one now.
        ("b.yaml", _claims("b1", answers=answering("c1", "b3")), False),
        ("b.yaml", _claims("b1", answers=answering("c1", "b3")) + _claims("b3", answers=answering("b1"))[8:], True),
    ]
    for n, (rel, text, cycle) in enumerate(steps):
        _aged(root, rel, text, clock)
        indexed = _invoke(["check", "--store", "."], root)
        through = taken[-1] if taken else None
        assert indexed == _invoke(["check", "--store", ".", "--no-cache"], root), (n, indexed)
        assert ("E112" in indexed[0] + indexed[1]) == cycle, (n, indexed)
        if n in (3, 4, 6, 8, 9):  # (the others follow a result with a cycle, or are a first load)
            assert (through is None) == cycle, n  # a cycle found is built in full; else brought forward


def test_an_id_a_changed_file_takes_from_a_file_not_changed_is_a_duplicate(tmp_path, monkeypatch):
    """Only ids new to the changed files are looked for elsewhere (those they had are used nowhere
    else): a speaker or source id another file has is a duplicate, built in full, as without the
    index. (Claims' ids are also held unique by claim_rows' index; speakers' and sources' are not.)"""
    root, cache = tmp_path / "claims", tmp_path / "cache"
    monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(cache))
    clock = [time.time_ns() - 10 * 86400 * 10**9]
    _aged(root, "speakers.yaml", "speakers:\n  - id: trump\n    name: Donald Trump\n", clock)
    _aged(root, "more.yaml", "speakers:\n  - id: zarif\n    name: Javad Zarif\n", clock)
    source = "  - id: {}\n    title: The {}\n    published: 2020-04-01\n"
    _aged(root, "sources.yaml", "sources:\n" + source.format("tweet", "tweet"), clock)
    _aged(root, "a.yaml", _claims("a1"), clock)
    edits = [
        ("more.yaml", "speakers:\n  - id: zarif\n    name: Javad Zarif\n  - id: trump\n    name: Trump\n"),
        ("more.yaml", "speakers:\n  - id: zarif\n    name: Javad Zarif\n"),
        ("a.yaml", _claims("a1") + "sources:\n" + source.format("tweet", "other")),
    ]
    for n, (rel, text) in enumerate([("a.yaml", _claims("a1")), *edits]):
        _aged(root, rel, text, clock)
        indexed = _invoke(["check", "--store", "."], root)
        assert indexed == _invoke(["check", "--store", ".", "--no-cache"], root), (rel, indexed)
        assert ("E109" in indexed[0]) == (n in (1, 3)), (n, indexed)
