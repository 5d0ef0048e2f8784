"""Writers as separate processes: at once, killed mid-write, on a terminal and off one."""

from __future__ import annotations

import os
import pty
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimtrack.pipeline import load_store
from terminal import Seen, answer, read_until

STORE = """\
speakers:
  - id: s
    name: Some Speaker
claims:
  - id: first
    speaker: s
    date: 2021
    statement: x
"""


def claimtrack(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "claimtrack", "--store", str(root), *args]


def env() -> dict[str, str]:
    return {**os.environ, "CLAIMTRACK_STORE": "", "NO_COLOR": "1"}


# cli.md's own test, as it states it: twenty `add` processes started at once
# into one file leave twenty records and a store that checks clean.
WRITERS = 20


def test_twenty_processes_adding_at_once_leave_twenty_records_and_a_clean_store(make_store) -> None:
    root = make_store({"e.yaml": STORE})
    procs = [
        subprocess.Popen(
            claimtrack(
                root,
                "add",
                "claim",
                "-s",
                "s",
                "-d",
                "2021-01-02",
                "--statement",
                f"Number {n} said.",
                "--file",
                "e.yaml",
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env(),
            text=True,
        )  # fmt: skip
        for n in range(WRITERS)
    ]
    results = [(p.wait(timeout=300), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    assert [code for code, _, _ in results] == [0] * WRITERS, results
    store = load_store(root)
    assert store.diagnostics == []
    assert len(store.claims) == WRITERS + 1
    assert sorted(c.statement for c in store.claims.values() if c.id != "first") == sorted(
        f"Number {n} said." for n in range(WRITERS)
    )
    assert sorted(out.split()[2] for _, out, _ in results) == sorted(set(store.claims) - {"first"})


def test_a_process_killed_while_writing_leaves_the_old_file_or_the_new_one(make_store) -> None:
    # A big file, so that the write takes a while; killed at spread-out moments.
    body = "".join(
        f"  - id: c{n}\n    speaker: s\n    date: 2021\n    statement: Claim {n} " + "word " * 40 + "\n"
        for n in range(3000)
    )
    root = make_store({"e.yaml": "speakers:\n  - id: s\n    name: S\nclaims:\n" + body})
    path = root / "e.yaml"
    rng = random.Random(8)
    for attempt in range(4):
        old = path.read_bytes()
        proc = subprocess.Popen(
            claimtrack(root, "add", "claim", "-s", "s", "-d", "2021", "--statement", "Killed? " * 200,
                       "--file", "e.yaml", "--id", f"k{attempt}"),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env(),
        )  # fmt: skip
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        new = path.read_bytes()
        assert new == old or (new.startswith(old) and f"- id: k{attempt}\n".encode() in new[len(old) :])
        store = load_store(root)
        assert store.diagnostics == []


@pytest.fixture
def terminal():
    master, slave = pty.openpty()
    yield master, slave
    for fd in (master, slave):
        try:
            os.close(fd)
        except OSError:
            pass


def test_on_a_terminal_a_missing_speaker_is_asked_for_with_did_you_mean(make_store, terminal) -> None:
    master, slave = terminal
    root = make_store({"e.yaml": STORE})
    proc = subprocess.Popen(
        claimtrack(root, "add", "claim", "-d", "2021", "--statement", "asked", "--id", "p"),
        stdin=slave, stderr=slave, stdout=subprocess.PIPE, env=env(),
    )  # fmt: skip
    seen = Seen()
    answer(master, seen, b"Speaker (id, name or alias): ", b"Some Speeker")
    read_until(master, b"did you mean: s (Some Speaker)", seen)
    answer(master, seen, b"Speaker (id, name or alias): ", b"s")
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0
    assert out.decode().startswith("added claim p at ")
    assert load_store(root).claims["p"].speaker == "s"


def test_ctrl_c_at_a_prompt_exits_130_and_writes_nothing(make_store, terminal) -> None:
    master, slave = terminal
    root = make_store({"e.yaml": STORE})
    before = (root / "e.yaml").read_bytes()
    proc = subprocess.Popen(
        claimtrack(root, "add", "claim", "-s", "s", "-d", "2021", "--id", "p"),
        stdin=slave, stderr=slave, stdout=subprocess.PIPE, env=env(),
    )  # fmt: skip
    read_until(master, b"Statement: ", Seen())
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert (root / "e.yaml").read_bytes() == before


def test_off_a_terminal_nothing_is_asked_and_a_missing_value_is_exit_2(make_store, run) -> None:
    root = make_store({"e.yaml": STORE})
    done = subprocess.run(
        claimtrack(root, "add", "claim", "-s", "s", "-d", "2021"),
        stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env(), timeout=60,
    )  # fmt: skip
    assert (done.returncode, done.stdout) == (2, "") and "missing --statement " in done.stderr
    for args, option in [
        (["add", "claim", "-s", "s", "-d", "2021"], "--statement"),
        (["add", "claim", "-s", "s", "--statement", "x"], "--date"),
        (["add", "claim", "-d", "2021", "--statement", "x"], "--speaker"),
        (["add", "claim", "-s", "s", "-d", "2021", "--statement", "x", "--responds-to", "first"], "--relation"),
        (["assess", "first"], "--sourcing"),
        (["verdict", "first", "--rating", "false"], "--by"),
        (["link", "first"], "TO"),
        (["add", "speaker"], "NAME"),
    ]:
        result = run("--store", str(root), *args)  # CliRunner's stdin is not a terminal
        assert result.exit_code == 2, (args, result.stderr)
        assert f"missing {option} " in result.stderr, result.stderr
        assert result.stdout == ""
