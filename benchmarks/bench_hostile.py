"""The big hostile cases of issue 7, at two commits: time, peak memory and output size.

Each case is a store generated here (never committed) and one command run as
a fresh process, stdout captured, with the commit's `src` first on the path.
A run is stopped after --timeout seconds and shown as such. Runs alternate
between the two commits, so that a busy machine slows both alike; the
figures are medians.

    python benchmarks/bench_hostile.py BASE [HEAD] [--runs 3] [--timeout 120]

HEAD defaults to the working tree. A case whose command a commit does not
have (show --all before it existed) prints its usage error's figures: read
the exit code column.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

# Runs claimtrack as `python -m claimtrack` would, from the given src, and
# writes its peak memory (KB) to the file named by argv[2] when it exits.
# VmHWM, not ru_maxrss: the latter survives exec, so it would report this script's own size.
CHILD = """
import atexit, re, runpy, sys
src, report = sys.argv[1], sys.argv[2]
sys.path.insert(0, src)
def peak():
    status = open("/proc/self/status").read()
    open(report, "w").write(re.search(r"VmHWM:\\s+(\\d+)", status).group(1))
atexit.register(peak)
sys.argv = ["claimtrack", *sys.argv[3:]]
runpy.run_module("claimtrack", run_name="__main__")
"""

SPEAKER = "speakers: [{id: s, name: S, aliases: [&bad nobody-here]}]\n"


def huge_lines(folder: Path) -> None:
    """A 5 MB statement on the line of a bad date; a 5 MB date; a 5 MB key."""
    (folder / "a.yaml").write_text(
        "speakers: [{id: s, name: S}]\nclaims:\n"
        f"  - {{id: c1, speaker: s, date: 2020-13-45, statement: {'word ' * 1_000_000}}}\n"
        f"  - {{id: c2, speaker: s, date: {'x' * 5_000_000}, statement: a}}\n"
        f"  - {{id: c3, speaker: s, date: 2020, statement: a, ? {'k' * 5_000_000} : 1}}\n"
    )


def alias_claims(folder: Path) -> None:
    """200,000 claims whose speaker is one alias of an id that names no speaker."""
    rows = "".join(f"  - {{id: c{i}, speaker: *bad, date: 2020, statement: x}}\n" for i in range(200_000))
    (folder / "a.yaml").write_text(SPEAKER + "claims:\n" + rows)


def valid_claims(folder: Path) -> None:
    """The same 200,000 claims with a speaker that exists: what loading them costs anyway."""
    rows = "".join(f"  - {{id: c{i}, speaker: s, date: 2020, statement: x}}\n" for i in range(200_000))
    (folder / "a.yaml").write_text(SPEAKER + "claims:\n" + rows)


def alias_members(folder: Path) -> None:
    """200,000 uses of one bad alias in one list."""
    rows = "".join("      - *bad\n" for _ in range(200_000))
    (folder / "a.yaml").write_text(
        "speakers:\n  - {id: s, name: S, aliases: [&bad Nobody Here]}\n  - id: g\n    name: G\n    members:\n" + rows
    )


def wide(folder: Path) -> None:
    """One claim with 10,000 answers."""
    rows = "".join(
        f"  - {{id: a{i}, speaker: s, date: 2020-01-02, statement: answer {i},"
        f" responds_to: [{{claim: root, relation: denies}}]}}\n"
        for i in range(10_000)
    )
    (folder / "a.yaml").write_text(
        "speakers: [{id: s, name: S}]\nclaims:\n  - {id: root, speaker: s, date: 2020-01-01, statement: x}\n" + rows
    )


def deep(folder: Path) -> None:
    """A chain of 10,000 answers, each to the one before."""
    rows = "".join(
        f"  - {{id: c{i}, speaker: s, date: 2020-01-02, statement: answer {i},"
        f" responds_to: [{{claim: c{i - 1}, relation: denies}}]}}\n"
        for i in range(1, 10_000)
    )
    (folder / "a.yaml").write_text(
        "speakers: [{id: s, name: S}]\nclaims:\n  - {id: c0, speaker: s, date: 2020-01-01, statement: x}\n" + rows
    )


# name, store maker, command, extra environment
CASES: list[tuple[str, Callable[[Path], None], list[str], dict[str, str]]] = [
    ("check, three 5 MB lines", huge_lines, ["check"], {}),
    ("check --format json, 200,000 claims with speaker: *bad", alias_claims, ["check", "--format", "json"], {}),
    ("check --format json, the same 200,000 claims, valid", valid_claims, ["check", "--format", "json"], {}),
    ("check --format json, 200,000 *bad in one list", alias_members, ["check", "--format", "json"], {}),
    ("show, a claim with 10,000 answers", wide, ["show", "root"], {}),
    ("show, a 10,000-long chain, COLUMNS=1000", deep, ["show", "c0"], {"COLUMNS": "1000"}),
    ("show --all, a 10,000-long chain, COLUMNS=1000", deep, ["show", "c0", "--all"], {"COLUMNS": "1000"}),
]


def run_once(src: Path, store: Path, command: list[str], env: dict[str, str], timeout: float) -> tuple:
    import os

    with tempfile.NamedTemporaryFile("r", suffix=".kb") as report:
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, "-c", CHILD, str(src), report.name, *command, "--store", str(store)],
                capture_output=True,
                env={**os.environ, "NO_COLOR": "1", **env},
                timeout=timeout,
            )
        except subprocess.TimeoutExpired:
            return (timeout, None, None, "timeout")
        seconds = time.perf_counter() - started
        peak = report.read().strip()
    return (seconds, int(peak) if peak else None, len(done.stdout) + len(done.stderr), done.returncode)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", help="default: the working tree")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees: dict[str, Path] = {}
        for label, rev in (("base", args.base), ("head", args.head)):
            if rev is None:
                trees[label] = REPO
                continue
            where = Path(tmp) / label
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(where), rev], check=True)
            trees[label] = where
        try:
            print(f"median of {args.runs} runs: wall seconds, peak MB, output bytes, exit code")
            for name, make, command, env in CASES:
                store = Path(tmp) / "store"
                if store.exists():
                    import shutil

                    shutil.rmtree(store)
                store.mkdir()
                make(store)
                results: dict[str, list[tuple]] = {label: [] for label in trees}
                for _ in range(args.runs):
                    for label, tree in trees.items():
                        results[label].append(run_once(tree / "src", store, command, env, args.timeout))
                print(name)
                for label, runs in results.items():
                    seconds = statistics.median(r[0] for r in runs)
                    peaks = [r[1] for r in runs if r[1] is not None]
                    peak = f"{statistics.median(peaks) / 1024:7.0f} MB" if peaks else "      - MB"
                    size = runs[-1][2]
                    shown = f"{size:>12,} B" if size is not None else "           - B"
                    print(f"  {label:<5} {seconds:7.2f} s {peak} {shown}  exit {runs[-1][3]}")
        finally:
            for tree in trees.values():
                if tree != REPO:
                    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
