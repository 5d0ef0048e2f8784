"""What a Tab costs: shell completion of ids on a large store, and `--help` before and after.

    .venv/bin/python benchmarks/bench_complete.py [--claims N] [--files F] [--repeat R] [--base REV]

Fresh processes, as a shell runs them, interleaved (round-robin after one
warm-up run each), on a synthetic store from synth.py (default 10,000
claims in 100 files) under benchmarks/.data/:

- `claimtrack --help` at the working tree, and at --base REV (a commit
  checked out beside it with `git worktree`) when given: completion must
  not slow start-up;
- completion as bash asks for it (`COMP_WORDS`, ids only) and as zsh asks
  for it (`_TYPER_COMPLETE_ARGS`, ids with their labels), for a few typed
  characters and for nothing typed (every claim id), each against `--help`:
  the ratio is what completing adds to starting up;
- in-process: skim_store (ids; ids and labels) against load_store, which
  is what completing would cost if it loaded the store.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import DATA, Row, print_rows, time_calls
from common import RUN_ENV, Timing
from synth import generate_store

from claimtrack.pipeline import load_store
from claimtrack.skim import skim_store

REPO = Path(__file__).resolve().parent.parent
# The app run from a source tree given as the first argument, so that two commits run alike.
RUNNER = "import sys; sys.path.insert(0, sys.argv.pop(1)); from claimtrack.cli import app; app(prog_name='claimtrack')"


def time_runs(commands: dict[str, tuple[list[str], dict[str, str]]], repeat: int) -> dict[str, Timing]:
    """Each (argv, extra environment) `repeat` times, round-robin, after one untimed warm-up round."""
    timings = {name: Timing(name) for name in commands}
    for round_no in range(repeat + 1):
        for name, (argv, extra) in commands.items():
            start = time.perf_counter()
            done = subprocess.run(argv, env={**RUN_ENV, **extra}, stdin=subprocess.DEVNULL, capture_output=True)
            elapsed = time.perf_counter() - start
            if done.returncode != 0 or (extra and not done.stdout.strip()):
                timings[name].failures.append(f"exit {done.returncode}: {done.stderr.decode()[-300:]}")
            if round_no > 0:
                timings[name].samples.append(elapsed)
    return timings


def bash(src: Path, store: Path, line: str) -> tuple[list[str], dict[str, str]]:
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_CLAIMTRACK_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}
    return [sys.executable, "-c", RUNNER, str(src)], {**env, "CLAIMTRACK_STORE": str(store)}


def zsh(src: Path, store: Path, line: str) -> tuple[list[str], dict[str, str]]:
    env = {"_CLAIMTRACK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    return [sys.executable, "-c", RUNNER, str(src)], {**env, "CLAIMTRACK_STORE": str(store)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--base", help="also time --help at this commit (e.g. main)")
    args = parser.parse_args()

    store = DATA / f"complete-{args.claims}-{args.files}"
    if store.exists():
        shutil.rmtree(store)
    info = generate_store(store, claims=args.claims, files=args.files, seed=1)
    some_id = sorted(r.id for r in skim_store(store, ("claims",)))[len(info.root.name) % 7]
    typed = some_id[:6]
    head = REPO / "src"
    print(f"store     {store}: {info.claims:,} claims in {info.files} files, {info.bytes / 2**20:.1f} MiB")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine   {os.cpu_count()} CPUs, load average {load}; {args.repeat} runs each")
    print(f"typed     `claimtrack show {typed}` completes to {len(skim_store(store, ('claims',), typed))} ids")

    with tempfile.TemporaryDirectory() as tmp:
        commands = {"help": ([sys.executable, "-c", RUNNER, str(head), "--help"], {})}
        if args.base:
            base = Path(tmp) / "base"
            subprocess.run(
                ["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(base), args.base], check=True
            )
            commands["help-base"] = ([sys.executable, "-c", RUNNER, str(base / "src"), "--help"], {})
        commands |= {
            "bash-typed": bash(head, store, f"claimtrack show {typed}"),
            "bash-all": bash(head, store, "claimtrack show "),
            "zsh-typed": zsh(head, store, f"claimtrack show {typed}"),
            "zsh-all": zsh(head, store, "claimtrack show "),
        }
        try:
            t = time_runs(commands, args.repeat)
        finally:
            if args.base:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)], check=False)
    rows = []
    if args.base:
        rows.append(Row(f"--help at {args.base}", t["help-base"]))
        rows.append(Row("--help at the working tree, vs base", t["help"], t["help-base"]))
    else:
        rows.append(Row("--help at the working tree", t["help"]))
    rows += [
        Row(f"bash: show {typed}<Tab>, vs --help", t["bash-typed"], t["help"]),
        Row(f"bash: show <Tab> ({info.claims:,} ids), vs --help", t["bash-all"], t["help"]),
        Row(f"zsh: show {typed}<Tab>, with labels, vs --help", t["zsh-typed"], t["help"]),
        Row("zsh: show <Tab>, every id with its label, vs --help", t["zsh-all"], t["help"]),
    ]
    print_rows("Fresh processes (ratio = median / median of the row named)", rows)
    for timing in t.values():
        for failure in timing.failures[:1]:
            print(f"FAILED {timing.name}: {failure}")

    calls = {
        "load": lambda: load_store(store),
        "skim": lambda: skim_store(store, ("claims",)),
        "labels": lambda: skim_store(store, ("claims",), labels=True),
    }
    c = time_calls(calls, max(3, args.repeat // 3))
    print_rows(
        "In-process (ratio = median / median of load_store)",
        [
            Row("load_store (what loading the store would cost)", c["load"]),
            Row("skim_store, claim ids", c["skim"], c["load"]),
            Row("skim_store, claim ids and labels", c["labels"], c["load"]),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
