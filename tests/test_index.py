"""The index (cli.md, "The index"): the same answers with it, without it, cold and warm,
after any change to the store's files; diagnostics replayed; a broken index never shows.

The state machine edits a store between commands and compares every command's
stdout, stderr and exit code with the index (twice: cold or after the edit,
then warm) and with --no-cache. File times are set on a clock of their own,
well in the past, so that unchanged files are really taken from the index
(a file written within a second of being indexed is read again, racily clean).
"""

from __future__ import annotations

import array
import json
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from typer.testing import CliRunner

from claimtrack import index as index_mod
from claimtrack import parse_pool, pipeline
from claimtrack.cli import app
from claimtrack.index import Index, index_path, list_indexes
from fixtures import CLAIMS, SPEAKERS

# --- store text ------------------------------------------------------------------

IDS = ("c1", "c2", "c3", "c4")
SPEAKER_IDS = ("donald-trump", "javad-zarif", "ghost")  # ghost names nobody: E110
WORDS = ("attack", "troops", "lessons", "wars", "brewing", "iraq")
STATUSES = ("none", "anonymous", "named", "unknown")
RELATIONS = ("denies", "supports", "repeats")

SPEAKER_FILES = (
    SPEAKERS,
    "speakers:\n  - id: donald-trump\n    name: Donald Trump\n  - id: javad-zarif\n    name: Javad Zarif\n",
    "speakers:\n  - id: javad-zarif\n    name: Zarif\n    aliases: [JZ]\n",
)
BROKEN = (
    "claims: [\n",  # not YAML
    "claims:\n  - id: c9\n    speaker: donald-trump\n",  # no date, no statement
    "claims: nothing\n",  # the wrong type
    "claims:\n  - id: c1\n    speaker: donald-trump\n    date: 2020-02-31\n    statement: x\n",  # no such date
)


@st.composite
def claims_text(draw: st.DrawFn) -> str:
    lines = ["claims:"]
    for cid in draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=3)):
        lines += [
            f"  - id: {cid}",
            f"    speaker: {draw(st.sampled_from(SPEAKER_IDS))}",
            f"    date: 2020-0{draw(st.integers(1, 9))}-1{draw(st.integers(0, 9))}",
            f"    statement: {' '.join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))}",
        ]
        status = draw(st.sampled_from(STATUSES))
        if status != "unknown":
            lines.append(f"    sourcing: {{status: {status}}}")
        if draw(st.booleans()):
            target, relation = draw(st.sampled_from(IDS)), draw(st.sampled_from(RELATIONS))
            lines.append(f"    responds_to: [{{claim: {target}, relation: {relation}}}]")
    return "\n".join(lines) + "\n"


FILE_TEXT = st.one_of(claims_text(), st.sampled_from(SPEAKER_FILES), st.sampled_from(BROKEN))
NAMES = ("a.yaml", "b.yaml", "sub/c.yaml", "d.yml")

COMMANDS = (
    ("check",),
    ("check", "--format", "json"),
    ("check", "--strict"),
    ("list",),
    ("list", "--format", "json"),
    ("list", "--speaker", "zarif", "--limit", "2"),
    ("show", "c1"),
    ("show", "c2", "--format", "json"),
    ("speakers",),
    ("sources", "--format", "json"),
    ("report", "--unsourced"),
    ("search", "attack"),
    ("search", "atack brewng", "--format", "json"),  # typos
    ("search", "wars lessons", "-n", "2"),  # another word order
    ("search", "JZ", "--min-score", "40"),  # an alias, a speaker's entry
    ("search", "troops", "--speaker", "zarif", "--format", "json"),  # over some claims: built from them
    ("timeline", "--format", "json"),
    ("scorecard",),
    ("export", "json"),
    ("export", "csv", "--contested"),
    ("list", "--sort", "speaker", "--reverse", "--format", "json"),
    ("list", "--sort", "answers", "--unanswered"),
    ("list", "--sort", "sourcing", "--since", "2020-03", "--until", "2020-06", "-n", "3"),
    ("list", "--sourcing", "named", "--tag", "x", "-n", "1"),
    ("show", "c", "--format", "mermaid"),
    ("dupes",),
    ("dupes", "--threshold", "60", "--format", "json"),  # its own pairs, kept beside those of 90
    ("dupes", "--speaker", "zarif", "--threshold", "60"),  # over some claims: compared anew
    ("quotes", "--format", "json"),
    ("quotes", "--all"),
    ("quotes", "--speaker", "zarif", "--format", "json"),
)


def invoke(args: list[str], cache: Path, **env: str) -> tuple[str, str, int]:
    result = CliRunner().invoke(app, args, env={"CLAIMTRACK_CACHE_DIR": str(cache), **env}, catch_exceptions=False)
    return result.stdout, result.stderr, result.exit_code


class IndexMachine(RuleBasedStateMachine):
    """Edits a store's files between commands; every command answers alike with and without the index."""

    def __init__(self) -> None:
        super().__init__()
        self.tmp = Path(tempfile.mkdtemp(prefix="ct-index-"))
        self.root = self.tmp / "claims"
        self.root.mkdir()
        self.cache = self.tmp / "cache"
        # Files are dated on this clock, long before they are indexed: not racily clean.
        self.clock = time.time_ns() - 10 * 86400 * 10**9

    def teardown(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)

    def _present(self) -> list[str]:
        return [n for n in NAMES if (self.root / n).exists()]

    def _date(self, path: Path) -> None:
        self.clock += 2 * 10**9
        os.utime(path, ns=(self.clock, self.clock))

    @initialize(text=FILE_TEXT)
    def first_file(self, text: str) -> None:
        self.write("a.yaml", text)

    @rule(name=st.sampled_from(NAMES), text=FILE_TEXT)
    def write(self, name: str, text: str) -> None:
        path = self.root / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self._date(path)

    @rule(name=st.sampled_from(NAMES), text=FILE_TEXT)
    def write_now(self, name: str, text: str) -> None:
        """Written now: racily clean when indexed within the second."""
        path = self.root / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")

    @precondition(lambda self: self._present())
    @rule(data=st.data())
    def remove(self, data: st.DataObject) -> None:
        (self.root / data.draw(st.sampled_from(self._present()))).unlink()

    @precondition(lambda self: self._present())
    @rule(data=st.data(), to=st.sampled_from(NAMES))
    def rename(self, data: st.DataObject, to: str) -> None:
        source = self.root / data.draw(st.sampled_from(self._present()))
        (self.root / to).parent.mkdir(exist_ok=True)
        source.rename(self.root / to)

    @precondition(lambda self: self._present())
    @rule(data=st.data())
    def touch(self, data: st.DataObject) -> None:
        """A new modification time, the same bytes."""
        self._date(self.root / data.draw(st.sampled_from(self._present())))

    @precondition(lambda self: self._present())
    @rule(data=st.data())
    def sneaky_edit(self, data: st.DataObject) -> None:
        """The same size and modification time, other bytes: only the change time tells."""
        path = self.root / data.draw(st.sampled_from(self._present()))
        before = path.stat()
        text = path.read_text(encoding="utf-8")
        swapped = text.replace("a", "e", 1) if "a" in text else text.replace("e", "a", 1)
        path.write_text(swapped, encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    @rule()
    def clear_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    @rule(command=st.sampled_from(COMMANDS))
    def command(self, command: tuple[str, ...]) -> None:
        args = [*command, "--store", str(self.root)]
        indexed = invoke(args, self.cache)
        fresh = invoke([*args, "--no-cache"], self.cache)
        warm = invoke(args, self.cache)
        assert indexed == fresh, command
        assert warm == fresh, command

    @invariant()
    def no_cache_leaves_no_index(self) -> None:
        assert not self.cache.exists() or all(i.store == str(self.root.resolve()) for i in list_indexes(self.cache))


# Without shrinking: a failing run prints its steps as found; shrinking a run of CLI calls took minutes.
IndexMachine.TestCase.settings = settings(
    max_examples=15, stateful_step_count=15, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate)
)
TestIndexMachine = IndexMachine.TestCase


# --- the store read back from the index is the store built --------------------------


def test_store_from_the_index_is_the_built_store(make_store, tmp_path):
    root = make_store(
        {
            "speakers.yaml": SPEAKERS,
            "claims.yaml": CLAIMS,
            "more.yaml": "claims:\n  - &c {id: c1, speaker: ghost, date: 2020-01-01, statement: s,"
            " responds_to: [{claim: zarif-no-wars-2020, relation: denies}]}\n  - *c\n"
            "  - {id: trump-sneak-attack-2020, speaker: donald-trump, date: 2021, statement: again}\n",
            "bad.yaml": "claims: [\n",
        }
    )
    age(root)
    built = pipeline.load_store(root, cwd=root, index=Index.open(root, tmp_path / "cache"))
    read_back = pipeline.load_store(root, cwd=root, index=Index.open(root, tmp_path / "cache"))
    assert type(read_back.claims) is not dict  # the lazy store, or this test proves nothing
    assert len(read_back.claims) == len(built.claims) and "c1" in read_back.claims and "nope" not in read_back.claims
    assert read_back.answers_to("trump-sneak-attack-2020") == built.answers_to("trump-sneak-attack-2020")
    assert read_back.claims.get("nope") is None and read_back.answers_to("nope") == []
    for kind in ("speakers", "sources", "claims", "responses"):
        assert list(getattr(read_back, kind).items()) == list(getattr(built, kind).items()), kind
    assert list(read_back.references) == list(built.references)
    assert read_back.diagnostics == built.diagnostics and built.diagnostics
    assert read_back.files == built.files


def test_records_asked_for_one_by_one_stay_the_same_objects_and_the_order_holds(make_store, tmp_path):
    """A record read before the dict fills is the object the filled dict holds, in the store's order."""
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    age(root)
    built = pipeline.load_store(root, cwd=root, index=Index.open(root, tmp_path / "cache"))
    read_back = pipeline.load_store(root, cwd=root, index=Index.open(root, tmp_path / "cache"))
    last = list(built.claims)[-1]
    early = read_back.claims[last]
    assert read_back.claims[last] is early  # read once
    assert list(read_back.claims.items()) == list(built.claims.items())  # filled in order, last not first
    assert read_back.claims[last] is early


# --- what the index spares ---------------------------------------------------------


@pytest.fixture
def store(make_store):
    return make_store(
        {
            "speakers.yaml": SPEAKERS,
            "claims.yaml": CLAIMS,
            # errors of every kind: in a file, and across files (a duplicate id, an unknown speaker)
            "more.yaml": "claims:\n  - id: trump-sneak-attack-2020\n    speaker: ghost\n"
            "    date: 2020-01-01\n    statement: again\n  - id: x\n    date: nope\n",
        }
    )


def age(root: Path) -> None:
    """Date every file of the store a minute ago, as files are that were not just written."""
    past = time.time_ns() - 60 * 10**9
    for path in root.rglob("*.y*ml"):
        os.utime(path, ns=(past, past))


def counting(monkeypatch, module, name, calls=None):
    calls = [] if calls is None else calls
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def counting_parses(monkeypatch):
    """Every file read again: parsed one by one (index.py) or many together (parse_pool.py), or
    read only where it changed (a splice that was taken: loader_splice.py)."""
    calls = counting(monkeypatch, parse_pool, "parse_laid_out", counting(monkeypatch, index_mod, "parse_laid_out"))
    real = index_mod.splice

    def spliced(*args, **kwargs):
        made = real(*args, **kwargs)
        if made is not None:
            calls.append(args)
        return made

    monkeypatch.setattr(index_mod, "splice", spliced)
    return calls


def test_unchanged_files_are_not_read_and_diagnostics_replay(run, store, monkeypatch):
    age(store)
    cold = run("check", "--store", str(store))
    assert cold.exit_code == 1 and "already used" in cold.stdout and "ghost" in cold.stdout
    parses = counting_parses(monkeypatch)
    checks = counting(monkeypatch, pipeline, "check_store")
    warm = run("check", "--store", str(store))
    assert (warm.stdout, warm.stderr, warm.exit_code) == (cold.stdout, cold.stderr, cold.exit_code)
    assert parses == [] and checks == []  # nothing read, nothing checked: all replayed
    (store / "claims.yaml").write_text(CLAIMS + "\n# a comment\n", encoding="utf-8")
    age(store)
    changed = run("check", "--store", str(store))
    assert [args[0].rsplit("/", 1)[-1] for args in parses] == ["claims.yaml"]  # only the changed file
    assert len(checks) == 1  # the whole store checked again: duplicates across files are found anew
    assert changed.stdout == cold.stdout


def test_one_claim_edited_is_read_alone_and_answers_as_without_the_index(run, store, monkeypatch):
    """A claim's statement and date changed in a file of several: only that claim is parsed again
    (loader_splice.py), its file's other records are taken from the index, and every answer is
    the answer without the index; twice over, the second from the first splice's layout."""
    age(store)
    run("check", "--store", str(store))
    whole = counting(monkeypatch, index_mod, "parse_laid_out", counting(monkeypatch, parse_pool, "parse_laid_out"))
    read: list[int] = []
    real = index_mod.splice

    def splice(*args):
        made = real(*args)
        read.append(-1 if made is None else len(made.records))  # (--no-cache has no last parse to splice)
        return made

    monkeypatch.setattr(index_mod, "splice", splice)
    path = store / "claims.yaml"
    edits = [("pretty seriously", "quite seriously"), ("date: 2021-01-02", "date: 2021-01-03")]
    for old, new in edits:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        age(store)
        for args in (("check",), ("list", "--format", "json"), ("show", "official-brewing-2020"), ("search", "iraq")):
            indexed = run(*args, "--store", str(store))
            assert whole == []  # not parsed whole
            fresh = run(*args, "--store", str(store), "--no-cache")
            whole.clear()
            assert (indexed.stdout, indexed.stderr, indexed.exit_code) == (fresh.stdout, fresh.stderr, fresh.exit_code)
    assert read == [1, 1]  # one claim read again per edit
    assert "quite seriously" in run("show", "official-brewing-2020", "--store", str(store)).stdout


def test_a_splice_without_the_rows_it_keeps_parses_the_file_whole(run, store, private_cache, monkeypatch):
    """The index lost a record of the changed file: the splice cannot keep it, and the file is parsed whole."""
    age(store)
    run("check", "--store", str(store))
    with sqlite3.connect(index_path(store, private_cache)) as conn:
        conn.execute("DELETE FROM file_records WHERE rel = 'claims.yaml' AND kind = 'claims' AND n = 3")
    conn.close()
    whole = counting(monkeypatch, index_mod, "parse_laid_out", counting(monkeypatch, parse_pool, "parse_laid_out"))
    path = store / "claims.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("pretty seriously", "quite seriously"), encoding="utf-8")
    age(store)
    indexed = run("check", "--store", str(store))
    assert [args[0].rsplit("/", 1)[-1] for args in whole] == ["claims.yaml"]
    assert indexed.stdout == run("check", "--store", str(store), "--no-cache").stdout
    for args in (("list", "--format", "json"), ("show", "zarif-provocateurs-2021")):
        indexed = run(*args, "--store", str(store))
        fresh = run(*args, "--store", str(store), "--no-cache")
        assert (indexed.stdout, indexed.stderr, indexed.exit_code) == (fresh.stdout, fresh.stderr, fresh.exit_code)


def test_touched_file_is_not_parsed_again(run, store, monkeypatch):
    age(store)
    first = run("list", "--store", str(store), "--format", "json").stdout
    (store / "claims.yaml").touch()
    parses = counting_parses(monkeypatch)
    assert run("list", "--store", str(store), "--format", "json").stdout == first
    assert parses == []  # read again (its times moved), found the same bytes


def test_racily_clean_file_is_read_again(tmp_path, monkeypatch):
    # Blind the index to change times, as on a filesystem that keeps none: only the racy rule is left.
    monkeypatch.setattr(
        index_mod.FileKey, "of", classmethod(lambda cls, st: cls(st.st_size, st.st_ino, st.st_mtime_ns, 0))
    )
    root = tmp_path / "claims"
    root.mkdir()
    path = root / "a.yaml"
    path.write_text(CLAIMS.replace("troops", "forces"), encoding="utf-8")
    kept = path.stat()
    index = Index.open(root, tmp_path / "cache")
    first = pipeline.load_store(root, index=index)
    index.close()
    # Rewritten within the same second, same size, same times, as a fast editor can.
    path.write_text(CLAIMS.replace("troops", "armies"), encoding="utf-8")
    os.utime(path, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    index = Index.open(root, tmp_path / "cache")
    second = pipeline.load_store(root, index=index)
    index.close()
    assert "forces" in first.claims["trump-sneak-attack-2020"].statement
    assert "armies" in second.claims["trump-sneak-attack-2020"].statement


def test_a_file_shown_by_another_name_is_parsed_again(store, tmp_path):
    age(store)
    index = Index.open(store, tmp_path / "cache")
    here = pipeline.load_store(store, cwd=store, index=index)
    index.close()
    index = Index.open(store, tmp_path / "cache")
    there = pipeline.load_store(store, cwd=tmp_path, index=index)
    index.close()
    assert here.diagnostics[0].location.path == "more.yaml"
    assert there.diagnostics[0].location.path == "claims/more.yaml"
    assert there.claims["zarif-no-wars-2020"].path == "claims/claims.yaml"


def test_archive_appearing_is_checked_again(run, make_store):
    root = make_store({"s.yaml": "sources:\n  - id: s1\n    title: T\n    archive: archive/s1.txt\n", "c.yaml": CLAIMS})
    age(root)
    before = run("check", "--store", str(root))
    assert "E1" in before.stdout or "archive" in before.stdout
    (root / "archive").mkdir()
    (root / "archive" / "s1.txt").write_text("text\n", encoding="utf-8")
    after = run("check", "--store", str(root))
    assert after.stdout == run("check", "--store", str(root), "--no-cache").stdout
    assert after.stdout != before.stdout


# --- a broken index is rebuilt or done without, silently -----------------------------


def reference(run, store) -> tuple[str, str, int]:
    r = run("check", "--store", str(store), "--no-cache")
    return r.stdout, r.stderr, r.exit_code


def the_index(store: Path, cache: Path) -> Path:
    return index_path(store, cache)


def entries(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM files").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(b"this is not a database at all, just bytes" * 100),
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b""),
        lambda p: (
            sqlite3.connect(p)
            .execute("UPDATE meta SET value = 'another-version' WHERE key = 'version'")
            .connection.commit()
        ),
        lambda p: (
            sqlite3.connect(p)
            .execute("UPDATE files SET claims = x'80049500', speakers = x'00', rest = x'80'")
            .connection.commit()
        ),
        lambda p: sqlite3.connect(p).execute("UPDATE meta SET value = x'01' WHERE key = 'result'").connection.commit(),
        lambda p: sqlite3.connect(p).execute("DROP TABLE files").connection.commit(),
    ],
    ids=["garbage", "truncated", "empty", "foreign-version", "bad-pickles", "bad-result", "foreign-tables"],
)
def test_damaged_index_is_rebuilt(run, store, private_cache, damage):
    age(store)
    expected = reference(run, store)
    run("check", "--store", str(store))
    path = the_index(store, private_cache)
    damage(path)
    first = run("check", "--store", str(store))
    assert (first.stdout, first.stderr, first.exit_code) == expected
    second = run("check", "--store", str(store))
    assert (second.stdout, second.stderr, second.exit_code) == expected
    assert entries(path) == 3  # rebuilt: every file in it again


def test_locked_index_is_done_without(run, store, private_cache, monkeypatch):
    monkeypatch.setattr(index_mod, "BUSY_SECONDS", 0.05)
    expected = reference(run, store)
    run("check", "--store", str(store))
    holder = sqlite3.connect(the_index(store, private_cache), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        (store / "claims.yaml").write_text(CLAIMS + "# changed\n", encoding="utf-8")
        locked = run("check", "--store", str(store))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert (locked.stdout, locked.stderr, locked.exit_code) == expected
    assert entries(the_index(store, private_cache)) == 3  # not removed: it belonged to someone busy


def test_read_only_index_is_used_but_not_written(run, store, private_cache, monkeypatch):
    expected = reference(run, store)
    run("check", "--store", str(store))
    real_connect = index_mod._connect

    def read_only(path):
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
        conn.isolation_level = "DEFERRED"
        return conn

    monkeypatch.setattr(index_mod, "_connect", read_only)
    (store / "new.yaml").write_text("claims: []\n", encoding="utf-8")
    got = run("check", "--store", str(store))
    monkeypatch.setattr(index_mod, "_connect", real_connect)
    assert (got.stdout, got.stderr, got.exit_code) == (
        expected[0].replace("in 3 files", "in 4 files"),
        expected[1],
        expected[2],
    )
    assert got.stdout == run("check", "--store", str(store), "--no-cache").stdout


def test_unusable_cache_folder_is_done_without(run, store, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    expected = reference(run, store)
    got = run("check", "--store", str(store), env={"CLAIMTRACK_CACHE_DIR": str(blocker / "sub")})
    assert (got.stdout, got.stderr, got.exit_code) == expected


def test_two_commands_at_once_both_succeed(store, private_cache):
    age(store)
    argv = [sys.executable, "-m", "claimtrack", "list", "--format", "json", "--store", str(store)]
    env = {**os.environ, "CLAIMTRACK_CACHE_DIR": str(private_cache)}
    for _ in range(3):
        shutil.rmtree(private_cache, ignore_errors=True)
        both = [subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
        outs = [p.communicate(timeout=60) for p in both]
        assert [p.returncode for p in both] == [0, 0]
        assert outs[0] == outs[1] and outs[0][0].startswith(b"[")
    plain = subprocess.run([*argv, "--no-cache"], env=env, capture_output=True, timeout=60)
    assert (plain.stdout, plain.stderr) == outs[0]


def test_a_store_read_while_another_claimtrack_brings_the_index_forward(make_store, tmp_path):
    """Two commands at once, deterministically: the first has loaded the store (read from the index
    as asked), the second sees a file added and keeps its update before the first lists the claims.
    The first reads the tables as they were when it loaded (a WAL snapshot held while it lives)."""
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    age(root)
    pipeline.load_store(root, index=Index.open(root, tmp_path / "cache"))
    first = pipeline.load_store(root, index=Index.open(root, tmp_path / "cache"))
    assert type(first.claims) is not dict  # read from the index as asked
    expected = list(pipeline.load_store(root).claims)
    (root / "new.yaml").write_text("claims:\n  - {id: aa, speaker: ghost, date: 2020, statement: s}\n")
    age(root)
    pipeline.load_store(root, index=Index.open(root, tmp_path / "cache"))
    assert [claim.id for claim in first.claims.values()] == expected


def test_a_file_name_that_is_not_utf8_is_refused_with_and_without_the_index(run, store):
    """A name the index cannot hold (nor the state's digest encode) is one error naming the file,
    as --no-cache says it, never a traceback."""
    with open(os.path.join(os.fsencode(store), b"caf\xe9.yaml"), "wb") as f:
        f.write(b"claims:\n  - {id: zz, speaker: ghost, date: 2020, statement: s}\n")
    age(store)
    plain = run("check", "--no-cache", "--store", str(store))
    assert plain.exit_code == 1 and "caf\\udce9.yaml:1:1" in plain.stdout and "not UTF-8" in plain.stdout
    for _ in range(2):  # cold, then warm
        got = run("check", "--store", str(store))
        assert (got.stdout, got.stderr, got.exit_code) == (plain.stdout, plain.stderr, plain.exit_code)


# --- turning it off, finding it, clearing it ---------------------------------------------


def test_no_cache_leaves_no_index(run, store, private_cache):
    run("list", "--no-cache", "--store", str(store))
    run("--no-cache", "check", "--store", str(store))
    run("list", "--store", str(store), env={"CLAIMTRACK_NO_CACHE": "1"})
    assert list_indexes(private_cache) == []
    run("list", "--store", str(store))
    assert [i.store for i in list_indexes(private_cache)] == [str(store.resolve())]


def test_cache_folder_follows_the_environment(tmp_path):
    assert index_mod.cache_dir({"CLAIMTRACK_CACHE_DIR": "/x/y", "XDG_CACHE_HOME": "/z"}) == Path("/x/y")
    assert index_mod.cache_dir({"XDG_CACHE_HOME": "/z"}) == Path("/z/claimtrack")
    home = Path.home() / ".cache" / "claimtrack"
    assert index_mod.cache_dir({"XDG_CACHE_HOME": "relative"}) == home
    assert index_mod.cache_dir({}) == home


def test_cache_command_lists_and_clears(run, store, private_cache):
    run("list", "--store", str(store))
    listed = run("cache")
    assert listed.exit_code == 0
    assert str(private_cache) in listed.stdout and str(store.resolve()) in listed.stdout and "1 index" in listed.stdout
    cleared = run("cache", "--clear")
    assert cleared.stdout.startswith(f"removed {private_cache}: 1 index")
    assert list_indexes(private_cache) == [] and "0 indexes" in run("cache").stdout


def test_index_of_a_vanished_store_goes_after_30_days(run, make_store, tmp_path, private_cache):
    kept_store = make_store({"a.yaml": CLAIMS})
    gone_store = tmp_path / "gone"
    shutil.copytree(kept_store, gone_store)
    recent_store = tmp_path / "recent"
    shutil.copytree(kept_store, recent_store)
    for root in (kept_store, gone_store, recent_store):
        run("list", "--store", str(root))
    old = time.time() - 31 * 86400
    for root in (kept_store, gone_store):
        os.utime(index_path(root, private_cache), (old, old))
    shutil.rmtree(gone_store)
    shutil.rmtree(recent_store)
    run("check", "--store", str(kept_store))  # any command on any store tidies
    stores = sorted(i.store for i in list_indexes(private_cache))
    assert stores == sorted([str(kept_store.resolve()), str(recent_store.resolve())])


def test_cache_command_as_json(run, store, private_cache, tmp_path):
    import json

    run("list", "--store", str(store))
    gone = tmp_path / "gone"
    shutil.copytree(store, gone)
    run("list", "--store", str(gone))
    shutil.rmtree(gone)
    got = json.loads(run("cache", "--format", "json").stdout)
    assert got["folder"] == str(private_cache) and got["cleared"] is False
    assert sorted((i["store"], i["store_exists"]) for i in got["indexes"]) == sorted(
        [(str(store.resolve()), True), (str(gone.resolve()), False)]
    )
    assert got["bytes"] == sum(i["bytes"] for i in got["indexes"]) > 0
    assert "store folder gone" in run("cache").stdout


# --- the writing commands ---------------------------------------------------------------


def test_a_write_takes_unchanged_files_from_the_index_and_the_next_command_sees_it(run, store, monkeypatch):
    age(store)
    run("check", "--store", str(store))  # the index now holds every file
    parses = counting_parses(monkeypatch)
    added = run(
        "--store",
        str(store),
        "add",
        "claim",
        "-s",
        "donald-trump",
        "-d",
        "2021-01-05",
        "--statement",
        "Words said.",
        "--file",
        "claims.yaml",
    )
    assert added.exit_code == 0, added.output
    new_id = added.stdout.split()[2]  # "added claim ID at PATH:LINE"
    assert parses == []  # the write's two whole-store loads read no file again
    read_again = []
    for args in (("list", "--format", "json"), ("check",), ("show", new_id)):
        indexed = run(*args, "--store", str(store))
        read_again += [one[0].rsplit("/", 1)[-1] for one in parses]
        fresh = run(*args, "--store", str(store), "--no-cache")
        parses.clear()
        assert (indexed.stdout, indexed.stderr, indexed.exit_code) == (fresh.stdout, fresh.stderr, fresh.exit_code)
    assert "Words said." in run("show", new_id, "--store", str(store)).stdout
    assert read_again == ["claims.yaml"]  # the file written, read once by the next command


def test_a_new_claims_id_is_made_unique_without_reading_every_id(run, make_store, private_cache, monkeypatch):
    from claimtrack import index_records

    said = "speaker: donald-trump, date: 2020, statement: Troops attack"
    root = make_store(
        {
            "speakers.yaml": SPEAKERS,
            "a.yaml": f"claims:\n  - {{id: trump-troops-attack-2020, {said}}}\n"
            f"  - {{id: trump-troops-attack-2020-2, {said}}}\n",
        }
    )
    age(root)
    run("check", "--store", str(root))
    every_id = counting(monkeypatch, index_records._Records, "_all_places")
    args = ("add", "claim", "--speaker", "donald-trump", "--date", "2020", "--statement", "The troops will attack.")
    args += ("--store", str(root))
    added = run(*args)
    assert added.exit_code == 0, added.stderr
    written = "".join(path.read_text(encoding="utf-8") for path in sorted(root.rglob("*.yaml")))
    assert "id: trump-troops-attack-2020-3" in written, written
    # Each candidate asked for by id (one indexed query each), not every claim's id read: 0.2 s at 100,000.
    assert every_id == []


# --- search's tables -----------------------------------------------------------------


def test_search_reads_its_tables_back_and_builds_them_again_after_a_change(run, store, monkeypatch):
    from claimtrack import search

    age(store)
    args = ("search", "sneek atack", "--store", str(store), "--format", "json")
    expected = run(*args, "--no-cache").stdout
    builds = counting(monkeypatch, search._Tables, "build")
    assert run(*args).stdout == expected and len(builds) == 1  # built, and kept in the index
    records = counting(monkeypatch, index_mod.Index, "record")
    warm = run(*args)
    assert warm.stdout == expected and len(builds) == 1  # read back, not built
    assert 0 < len(records) <= 10  # only the hits' records were read
    (store / "claims.yaml").write_text(CLAIMS.replace("sneak", "snake"), encoding="utf-8")
    age(store)
    changed = run(*args).stdout
    assert changed == run(*args, "--no-cache").stdout != expected and len(builds) == 3  # stale tables unused


@pytest.mark.parametrize("reverse", [False, True])
def test_the_default_listing_reads_its_order_from_an_index(run, store, private_cache, reverse):
    # `list -n 20` on 100,000 claims sorted every row for 20 of them (52 ms); a plan without a
    # temporary B-tree reads the first 20 entries of an index instead (benchmarks/bench_index.py).
    from claimtrack.query import _order_by

    age(store)
    run("list", "-n", "1", "--store", str(store))
    conn = sqlite3.connect(the_index(store, private_cache))
    try:
        sql = f"SELECT c.id FROM claim_rows c ORDER BY {_order_by('date', reverse)} LIMIT 20"
        plan = " ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
    finally:
        conn.close()
    assert "INDEX" in plan and "TEMP B-TREE" not in plan, plan


def test_values_of_another_state_are_left_by_a_change_and_go_when_new_ones_are_kept(run, store, private_cache):
    age(store)
    run("search", "sneak", "--store", str(store))
    run("dupes", "--store", str(store))

    def states() -> dict[bytes, set[str]]:
        conn = sqlite3.connect(the_index(store, private_cache))
        try:
            found: dict[bytes, set[str]] = {}
            for name, state in conn.execute("SELECT name, state FROM derived"):
                found.setdefault(state, set()).add(name.split(":")[0])
            return found
        finally:
            conn.close()

    (first,) = states().values()
    assert first >= {"search", "dupes"}
    (store / "claims.yaml").write_text(CLAIMS.replace("sneak", "snake"), encoding="utf-8")
    age(store)
    run("check", "--store", str(store))
    assert list(states().values()) == [first]  # a change leaves them: deleting them was slow
    run("search", "snake", "--store", str(store))
    assert list(states().values()) == [{"search"}]  # the new state's only


def test_equal_scores_rank_newest_then_by_id_with_tables_read_back(run, make_store, private_cache):
    # Four claims saying the same words: equal scores. Newest first, then by id, whatever their
    # order in the file; read back, the tables read the ids of the claims shown and their ties.
    said = "statement: Troops will face a sneak attack"
    root = make_store(
        {
            "a.yaml": "speakers: [{id: s, name: S}]\nclaims:\n"
            + "".join(
                f"  - {{id: {claim}, speaker: s, date: '{day}', {said}}}\n"
                for claim, day in [("zz", "2020-01"), ("bb", "2020-01"), ("new", "2021-05"), ("aa", "2020-01")]
            )
        }
    )
    age(root)
    ranked = ["new", "aa", "bb", "zz"]
    for limit in (1, 2, 3, 9):
        expected = ranked[:limit]
        args = ("search", "sneak attack", "-n", str(limit), "--format", "json", "--store", str(root))
        for extra in (["--no-cache"], [], []):  # without the index, built and kept, read back
            assert [hit["id"] for hit in json.loads(run(*args, *extra).stdout)] == expected


@pytest.mark.parametrize(
    "damage",
    [
        "DELETE FROM derived WHERE name = 'search:t:0'",
        "UPDATE derived SET value = x'80049500' WHERE name = 'search:t:0'",
        "UPDATE derived SET value = x'80' WHERE name = 'search'",
    ],
    ids=["lost-texts", "bad-texts", "bad-tables"],
)
def test_damaged_search_tables_are_built_again(run, store, private_cache, damage):
    age(store)
    args = ("search", "Zarif intelligence", "--store", str(store))
    expected = run(*args, "--no-cache")
    run(*args)
    conn = sqlite3.connect(the_index(store, private_cache))
    with conn:
        assert conn.execute(damage).rowcount == 1
    conn.close()
    again = run(*args)
    assert (again.stdout, again.stderr, again.exit_code) == (expected.stdout, expected.stderr, expected.exit_code)


def damage_kept(root: Path, cache: Path, pattern: str, change: Callable[[dict, Any], Any]) -> None:
    """Replace each kept value named like pattern with change(header, value), or delete it for None."""
    conn = sqlite3.connect(the_index(root, cache))
    with conn:
        (header,) = [pickle.loads(v) for (v,) in conn.execute("SELECT value FROM derived WHERE name = 'search'")]
        rows = conn.execute("SELECT name, value FROM derived WHERE name LIKE ?", (pattern,)).fetchall()
        assert rows, pattern
        for name, value in rows:
            changed = change(header, pickle.loads(value))
            if changed is None:
                conn.execute("DELETE FROM derived WHERE name = ?", (name,))
            else:
                conn.execute("UPDATE derived SET value = ? WHERE name = ?", (pickle.dumps(changed), name))
    conn.close()


def numbers(*values: int) -> bytes:
    return array.array("i", values).tobytes()  # int32, as the parts of entries and claims are kept


@pytest.mark.parametrize(
    ("pattern", "change"),
    [
        ("search:p:%", lambda header, value: None),
        ("search:p:%", lambda header, value: value[:-1]),  # not a whole number of int32
        ("search:p:%", lambda header, value: numbers(len(header["fields"]))),  # past the last entry
        ("search:s:%", lambda header, value: numbers(header["claims"])),  # past the last claim, not the last entry
        ("search:t:0", lambda header, value: []),
        ("search:i:0", lambda header, value: value.split("\n")),  # a list, not the ids' text
        ("search:i:0", lambda header, value: " ".join(reversed(value.split("\n")))),
        ("search", lambda header, value: {**value, "own_texts": len(value["fields"]) + 1}),
        ("search", lambda header, value: {**value, "own_texts": -1}),
        ("search", lambda header, value: {**value, "claims": value["claims"] + 1}),
        ("search", lambda header, value: {**value, "fields": list(value["fields"])}),
    ],
    ids=[
        "lost-postings",
        "short-postings",
        "postings-out-of-range",
        "claims-out-of-range",
        "no-texts",
        "ids-as-list",
        "ids-run-together",
        "own-texts-too-many",
        "own-texts-negative",
        "claims-miscounted",
        "fields-as-list",
    ],
)
def test_search_parts_out_of_range_or_misshapen_are_built_again(run, store, private_cache, pattern, change):
    age(store)
    args = ("search", "Zarif intelligence", "--min-score", "0", "--format", "json", "--store", str(store))
    limits = ([], ["-n", "1"])  # two hits, and one: the search built again keeps the limit
    expected = [run(*args, *limit, "--no-cache") for limit in limits]
    run(*args)
    damage_kept(store, private_cache, pattern, change)
    for limit, answer in zip(limits, expected, strict=True):
        again = run(*args, *limit)
        assert (again.stdout, again.stderr, again.exit_code) == (answer.stdout, answer.stderr, answer.exit_code), limit


# Seventy claims: the last part of texts and of ids is not full; the last claim alone says
# 'zeppelin', is tagged 'aviation' and is said by Tess.
SEVENTY = (
    "speakers: [{id: sam, name: Sam Speaker}, {id: tess, name: Tess}]\nclaims:\n"
    + "".join(f"  - {{id: c{n:02}, speaker: sam, date: 2020, statement: Troops went home {n}}}\n" for n in range(69))
    + "  - {id: last, speaker: tess, date: 2021, statement: A zeppelin over Iraq, tags: [aviation]}\n"
)


def test_search_tables_read_back_answer_as_built_and_are_not_built_again(run, make_store, monkeypatch):
    from claimtrack import search

    root = make_store({"a.yaml": SEVENTY})
    age(root)
    queries = ("zeppelin", "aviation", "Tess", "Sam Speaker")
    expected = [run("search", q, "--format", "json", "--store", str(root), "--no-cache").stdout for q in queries]
    assert [hit["id"] for hit in json.loads(expected[0])] == ["last"]
    builds = counting(monkeypatch, search._Tables, "build")
    run("search", "troops", "--store", str(root))  # built and kept
    for query, answer in zip(queries, expected, strict=True):
        assert run("search", query, "--format", "json", "--store", str(root)).stdout == answer, query
    assert len(builds) == 1  # every part read back was taken as it was kept


def test_a_search_reads_the_parts_it_needs_in_a_few_queries(run, store, monkeypatch):
    # At 100,000 claims a query each took a quarter of a search: the header, then the entries of
    # the words matched, the claims of the speakers matched, the texts shown and the ids, together.
    age(store)
    args = ("search", "Zarif intelligence", "--store", str(store))
    expected = run(*args, "--no-cache").stdout
    run(*args)
    reads = counting(monkeypatch, index_mod.Index, "derived_many")
    assert run(*args).stdout == expected
    assert 0 < len(reads) <= 5, [names for _, names in reads]


def test_search_tables_read_back_read_a_part_when_asked_for_it(run, store, private_cache):
    from claimtrack.search import SearchIndex, _Tables

    age(store)
    run("search", "sneak", "--store", str(store))  # built and kept
    loaded = pipeline.load_store(store, index=Index.open(store, private_cache))
    kept = SearchIndex.of_store(loaded).tables
    built = _Tables.build(loaded, list(loaded.claims.values()))
    assert kept._fetch is not None and not kept._parts  # read back, and no part read yet
    entries, claims = range(len(built.fields)), range(built.claims)
    assert [kept.text(e) for e in entries] == [built.text(e) for e in entries]
    assert [kept.claim_id(n) for n in claims] == [built.claim_id(n) for n in claims]
    for k in range(len(built.vocabulary)):
        assert kept.postings(k).tolist() == built.postings(k).tolist()
    for entry in range(built.own_texts, len(built.fields)):
        assert kept.shared(entry).tolist() == built.shared(entry).tolist()


def test_an_empty_stores_search_tables_are_read_back_too(run, make_store, monkeypatch):
    from claimtrack import search

    root = make_store({"a.yaml": "speakers: [{id: s, name: Sam}]\n"})
    age(root)
    builds = counting(monkeypatch, search._Tables, "build")
    for _ in range(2):
        result = run("search", "anything", "--store", str(root))
        assert result.exit_code == 0 and "nothing matches" in result.stderr
    assert len(builds) == 1


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE file_records SET value = x'80' WHERE n = 1",
        "DELETE FROM file_records WHERE n = 1",
        "UPDATE files SET digest = x'00'",  # the rows belong to another state of the files
    ],
    ids=["bad-record", "lost-record", "foreign-records"],
)
def test_damaged_records_are_read_from_the_files(run, store, private_cache, damage):
    age(store)
    commands = [("show", "zarif-no-wars-2020", "--format", "json"), ("list", "--format", "json")]
    expected = [run(*c, "--store", str(store), "--no-cache").stdout for c in commands]
    run("check", "--store", str(store))
    conn = sqlite3.connect(the_index(store, private_cache))
    with conn:
        assert conn.execute(damage).rowcount > 0
    conn.close()
    for command, output in zip(commands, expected, strict=True):
        assert run(*command, "--store", str(store)).stdout == output, command
    assert [run(*c, "--store", str(store)).stdout for c in commands] == expected


def test_one_claim_is_read_as_one_row(run, store, monkeypatch):
    age(store)
    run("check", "--store", str(store))
    unpickled = counting(monkeypatch, index_mod.pickle, "loads")
    shown = run("show", "zarif-no-wars-2020", "--format", "json", "--store", str(store))
    assert shown.exit_code == 0 and "zarif-no-wars-2020" in shown.stdout
    claims = [args[0] for args in unpickled if b"Claim" in args[0]]
    # the claim, and the claims answering it (show lists them): never a file's whole list of claims
    assert claims and all(blob.count(b"\x8c\x05Claim") <= 1 for blob in claims), claims


# --- what dupes compares ---------------------------------------------------------------

ECHOES = """
claims:
  - id: e1
    speaker: donald-trump
    date: 2020-04-01
    statement: Iran is planning a sneak attack on American troops in Iraq
  - id: e2
    speaker: javad-zarif
    date: 2020-04-03
    statement: Iran is planning a sneak attack on American troops in Iraq!
  - id: e3
    speaker: us-official
    date: 2020-04-04
    statement: Iran is planning a sneaky attack on the American troops in Iraq
  - id: e4
    speaker: us-official
    date: 2020-04-05
    statement: Nothing alike at all, about something else entirely
  - id: e5
    speaker: donald-trump
    date: 2020-04-06
    statement: Iran is planning an attack on troops in Iraq
"""


@pytest.fixture
def echoes(make_store):
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS + ECHOES.removeprefix("\nclaims:\n")})
    age(root)
    return root


def test_dupes_reads_its_pairs_back_by_threshold_and_compares_again_after_a_change(run, echoes, monkeypatch):
    from claimtrack import dupes

    def both(*args: str) -> tuple[str, str]:
        fresh = run("dupes", *args, "--store", str(echoes), "--format", "json", "--no-cache")
        return fresh.stdout, run("dupes", *args, "--store", str(echoes), "--format", "json").stdout

    expected, _ = both()
    assert '"e1"' in expected and '"e2"' in expected  # a group, to be found again
    compared = counting(monkeypatch, dupes, "similar_pairs")
    assert run("dupes", "--store", str(echoes), "--format", "json").stdout == expected and compared == []
    records = counting(monkeypatch, index_mod.Index, "record")
    assert run("dupes", "--store", str(echoes), "--format", "json").stdout == expected and compared == []
    assert 0 < len(records) <= 3  # only the claims in groups were read
    wider, kept_wider = both("--threshold", "70")  # another threshold: its own pairs, not those of 90
    assert wider == kept_wider != expected and len(compared) == 2
    assert run("dupes", "--threshold", "70", "--store", str(echoes), "--format", "json").stdout == wider
    assert len(compared) == 2
    (echoes / "claims.yaml").write_text(
        (CLAIMS + ECHOES.removeprefix("\nclaims:\n")).replace("Iraq!", "Syria, says Zarif"), encoding="utf-8"
    )
    age(echoes)
    changed, kept_changed = both()
    assert changed == kept_changed != expected and len(compared) == 4  # stale pairs unused


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE derived SET value = x'80' WHERE name = 'dupes:90.0'",
        "DELETE FROM derived WHERE name = 'dupes:90.0'",
        # The same state, values that are no such pairs: an index out of range, a wrong shape.
        ("replace", lambda ids, members, flat, scores, bounds: (ids, members, [0, 99], [95.0], bounds)),
        ("replace", lambda ids, members, flat, scores, bounds: (ids, [[len(ids)]], flat, scores, bounds)),
        ("replace", lambda *parts: parts[:3]),
        ("replace", lambda ids, members, flat, scores, bounds: (ids, members, flat, ["95"] * len(scores), bounds)),
    ],
    ids=["bad-pickle", "lost", "pair-out-of-range", "member-out-of-range", "wrong-shape", "bad-score"],
)
def test_damaged_dupes_pairs_are_computed_again(run, echoes, private_cache, damage):
    import pickle

    args = ("dupes", "--store", str(echoes))
    expected = run(*args, "--no-cache")
    run(*args)
    conn = sqlite3.connect(the_index(echoes, private_cache))
    with conn:
        if isinstance(damage, str):
            assert conn.execute(damage).rowcount == 1
        else:
            (blob,) = conn.execute("SELECT value FROM derived WHERE name = 'dupes:90.0'").fetchone()
            blob = pickle.dumps(damage[1](*pickle.loads(blob)))
            conn.execute("UPDATE derived SET value = ? WHERE name = 'dupes:90.0'", (blob,))
    conn.close()
    for _ in range(2):  # computed again, then kept again
        again = run(*args)
        assert (again.stdout, again.stderr, again.exit_code) == (expected.stdout, expected.stderr, expected.exit_code)


# --- what quotes compares -------------------------------------------------------------

QUOTED = """
sources:
  - id: paper
    title: A paper
    archive: archive/paper.txt
  - id: radio
    title: A radio show
claims:
  - id: q1
    speaker: donald-trump
    date: 2020-04-01
    statement: Iran is planning a sneak attack on American troops in Iraq
    appears_in:
      - {source: paper, quote: Iran is planning a sneaky attack on troops in Iraq}
      - {source: radio, quote: "Iran is planning a sneak attack", attributed_to: javad-zarif}
  - id: q2
    speaker: javad-zarif
    date: 2020-04-02
    statement: Iran starts no wars, but teaches lessons to those who do
    appears_in:
      - {source: paper, quote: Iran starts no wars}
"""
Q1 = "Iran is planning a sneak attack on American troops in Iraq"
PAPER = "Front page.\nIran is planning a sneak attack on American troops in Iraq, the president said.\n"


@pytest.fixture
def quoted(make_store):
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": QUOTED, "archive/paper.txt": PAPER})
    age(root)
    return root


def test_quotes_reads_its_comparisons_back_and_looks_again_in_a_changed_archive(run, quoted, monkeypatch):
    from claimtrack import quotes

    def both(*args: str) -> tuple[str, str]:
        command = ("quotes", "--all", *args, "--store", str(quoted), "--format", "json")
        return run(*command, "--no-cache").stdout, run(*command).stdout

    expected, kept = both()
    assert expected == kept and '"not-found"' in expected and '"found"' in expected and '"altered"' in expected
    compared = counting(monkeypatch, quotes, "compare_quote")
    split = counting(monkeypatch, quotes.ArchiveText, "of")
    records = counting(monkeypatch, index_mod.Index, "record")
    warm = run("quotes", "--all", "--store", str(quoted), "--format", "json").stdout
    assert warm == expected and compared == [] and split == []  # nothing compared or looked up again
    claims = [args for args in records if args[2] == "claims"]
    assert claims == []  # findings name their claims: none is read for JSON
    shown = run("quotes", "--store", str(quoted)).stdout
    claims = [args for args in records if args[2] == "claims"]
    assert "q1" in shown and 0 < len(claims) <= 2  # the text reads the claims of the findings shown
    some = run("quotes", "--all", "--speaker", "zarif", "--store", str(quoted), "--format", "json").stdout
    assert compared == [] and split == []  # some claims: their kept steps and lookups
    assert some == both("--speaker", "zarif")[0] != expected
    # The archive changed, not the store's files: what was looked up in it is looked up again.
    (quoted / "archive" / "paper.txt").write_text(PAPER + "Iran starts no wars.\n", encoding="utf-8")
    looked_again, kept_again = both()
    assert looked_again == kept_again != expected
    (quoted / "claims.yaml").write_text(QUOTED.replace("sneaky attack", "surprise attack"), encoding="utf-8")
    age(quoted)
    compared.clear()
    changed, kept_changed = both()
    assert changed == kept_changed != looked_again and compared  # compared anew: the kept steps are stale


@pytest.mark.parametrize(
    "key",
    ["quotes", "quotes:archive:archive/paper.txt"],
    ids=["steps", "lookups"],
)
@pytest.mark.parametrize(
    "damage",
    [
        lambda value: b"\x80",  # no pickle
        lambda value: ("not", "steps"),
        lambda value: {"q1": [("done", None, "identical", "100")]} if isinstance(value, dict) else (value[0], {Q1: 1}),
        lambda value: {"q1": [("lookup",)]} if isinstance(value, dict) else (value[0], {Q1: (1.0, "2", "x")}),
    ],
    ids=["bad-pickle", "wrong-type", "bad-step", "bad-lookup"],
)
def test_damaged_quotes_values_are_computed_again(run, quoted, private_cache, key, damage):
    import pickle

    args = ("quotes", "--all", "--store", str(quoted))
    expected = run(*args, "--no-cache")
    run(*args)
    conn = sqlite3.connect(the_index(quoted, private_cache))
    with conn:
        (blob,) = conn.execute("SELECT value FROM derived WHERE name = ?", (key,)).fetchone()
        damaged = damage(pickle.loads(blob))
        blob = damaged if isinstance(damaged, bytes) else pickle.dumps(damaged)
        conn.execute("UPDATE derived SET value = ? WHERE name = ?", (blob, key))
    conn.close()
    for _ in range(2):
        again = run(*args)
        assert (again.stdout, again.stderr, again.exit_code) == (expected.stdout, expected.stderr, expected.exit_code)


def test_every_module_that_keeps_derived_values_is_a_producer():
    """What keep_derived keeps was computed by a module's code: a new version of that code must
    make the kept values foreign (code_version), or they would answer as the old code did."""
    import re

    source = Path(index_mod.__file__).parent
    keeping = {path.stem for path in source.glob("*.py") if re.search(r"\.keep_derived\(", path.read_text())}
    assert keeping >= {"search", "dupes", "quotes"}
    assert keeping <= set(index_mod._PRODUCERS)


def test_tables_kept_by_another_claimtrack_before_the_snapshot_mean_a_store_built_in_memory(
    make_store, tmp_path, monkeypatch
):
    """Between a load's save and its snapshot another claimtrack may keep another state: the store
    is then read and built without the tables, and answers as a load without the index does."""
    root = make_store({"speakers.yaml": SPEAKERS, "claims.yaml": CLAIMS})
    age(root)
    pipeline.load_store(root, index=Index.open(root, tmp_path / "cache"))
    monkeypatch.setattr(Index, "hold_snapshot", lambda self, state: not self.persistent)  # (in memory: True)
    got = pipeline.load_store(root, index=Index.open(root, tmp_path / "cache"))
    built = pipeline.load_store(root)
    assert type(got.claims) is dict and not got.index.persistent  # not read from the index
    assert got.diagnostics == built.diagnostics and list(got.claims.items()) == list(built.claims.items())


def test_a_listing_reads_its_claims_a_few_queries_at_a_time(run, make_store, monkeypatch):
    """Not a query per claim: `list` asks the index for its claims' rows file by file."""

    def claims(k: int) -> str:
        return "claims:\n" + "".join(
            f"  - id: c{k}-{n}\n    speaker: donald-trump\n    date: 2020-0{k}-1{n}\n    statement: Said {k} {n}.\n"
            for n in range(6)
        )

    root = make_store({"speakers.yaml": SPEAKERS, **{f"m{k}.yaml": claims(k) for k in range(1, 6)}})
    age(root)
    args = ("list", "--store", str(root), "--format", "json")
    expected = run(*args, "--no-cache").stdout
    assert run(*args).stdout == expected  # the index made
    queries = counting(monkeypatch, index_mod.Index, "_rows_of")
    assert run(*args).stdout == expected and len(json.loads(expected)) == 30
    assert 0 < len(queries) <= 10  # a few per file at most, not one per claim
