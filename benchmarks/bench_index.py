"""The index (issue 9): warm, cold and one-file-changed times against `claimtrack --help`.

    .venv/bin/python benchmarks/bench_index.py [--sizes 1000,10000,100000] [--repeat R]

For each size, a synthetic store (benchmarks/synth.py) of N claims in N/100
files (1,000 files at 100,000 claims) under benchmarks/.data/, and an index
folder of its own. Each figure is the median of R fresh processes after an
untimed warm-up, with the peak RSS of the process; ratios are of medians
within one run. Targets (issue 9), warm meaning nothing changed since the
last command:

- `list --limit 20`, `show ID`, `search QUERY`, `report --unsourced
  --speaker X`, `speakers`: at most 3x `claimtrack --help`, under 150 MB;
- `check`: at most 5x `claimtrack --help`;
- one file of the store changed (a claim's statement; every other run its
  date as well): at most warm `check` + 2x parsing that file;
- cold (no index): at most 1.5x reading every file with yaml.CSafeLoader;
- `add claim` (an answer to the first claim): at most 5x `claimtrack --help`.

Warm `dupes` and `quotes` (what they compare read back from the index) are
printed as ratios to `claimtrack --help`, without a target; `--only
dupes,quotes` runs only those rows (and --help), to compare commits.

`--no-cache check` is printed too: what every command cost before the index.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import common
from common import DATA, MIB, claimtrack_argv, print_environment, print_store, run_child
from synth import StoreInfo, generate_store

WARM_TARGET = 3.0
CHECK_TARGET = 5.0
ADD_TARGET = 5.0
COLD_TARGET = 1.5
MEMORY_TARGET = 150 * MIB

READ_ALL = """
import gc, sys, yaml
from pathlib import Path
gc.disable()
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def prepare(claims: int, files: int) -> StoreInfo:
    root = DATA / f"store-{claims}-{files}-s1"
    if root.exists():
        shutil.rmtree(root)  # the one-file-changed runs edit it: start from the generator's bytes
    DATA.mkdir(parents=True, exist_ok=True)
    return generate_store(root, claims=claims, files=files, seed=1)


def runs(argv: list[str], repeat: int, before=None) -> tuple[float, int, str]:
    """Median seconds and peak RSS of `repeat` runs after a warm-up; `before` runs ahead of each."""
    seconds, peaks, failure = [], [], ""
    for n in range(repeat + 1):
        if before:
            before()
        run = run_child(argv, memory_limit=4)
        if not run.ok:
            failure = run.why()
        if n:
            seconds.append(run.seconds)
            peaks.append(run.maxrss)
    return statistics.median(seconds), max(peaks), failure


def first_claim(ct: list[str], root: Path) -> dict:
    done = subprocess.run(
        [*ct, "list", "-n", "1", "--format", "json", "--store", str(root)], capture_output=True, env=common.RUN_ENV
    )
    return json.loads(done.stdout)[0]


def parse_seconds(path: Path, repeat: int) -> float:
    """Parsing one store file alone, in this process (no start-up): the unit of the one-file target."""
    from claimtrack.loader import parse_bytes

    data = path.read_bytes()
    samples = []
    for _ in range(repeat + 2):
        start = time.perf_counter()
        parse_bytes(path.name, data)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def bench(
    info: StoreInfo, ct: list[str], repeat: int, only: list[str] | None = None
) -> list[tuple[str, float, int, str, str]]:
    root = info.root
    cache = DATA / f"index-{info.claims}"
    shutil.rmtree(cache, ignore_errors=True)
    common.RUN_ENV["CLAIMTRACK_CACHE_DIR"] = str(cache)
    store = ["--store", str(root)]
    rows: list[tuple[str, float, int, str, str]] = []

    help_s, help_peak, _ = runs([*ct, "--help"], repeat)
    rows.append(("claimtrack --help", help_s, help_peak, "1.00x", ""))

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    claim = first_claim(ct, root)
    # What dupes and quotes compare is kept in the index (issue 9): warm, they read it back.
    fuzzy = {"dupes": [*ct, "dupes", *store], "quotes": [*ct, "quotes", *store]}

    def warm_fuzzy(names: list[str]) -> list[tuple[str, float, int, str, str]]:
        rows = []
        for name in names:
            seconds, peak, failure = runs(fuzzy[name], repeat)
            rows.append((f"warm {name}", seconds, peak, f"{seconds / help_s:.2f}x", failure and f"FAILED {failure}"))
        return rows

    if only is not None:
        return rows + warm_fuzzy([name for name in fuzzy if any(word in name for word in only)])

    read_s, read_peak, _ = runs([sys.executable, "-c", READ_ALL, str(root)], repeat)
    rows.append(("read all, yaml.CSafeLoader", read_s, read_peak, f"{read_s / help_s:.2f}x", ""))
    cold_s, cold_peak, failure = runs([*ct, "check", *store], repeat, before=clear)
    rows.append(
        (
            "cold check (no index yet)",
            cold_s,
            cold_peak,
            f"{cold_s / read_s:.2f}x read",
            verdict(cold_s <= COLD_TARGET * read_s, failure, f"<= {COLD_TARGET}x read"),
        )
    )
    nocache_s, nocache_peak, _ = runs([*ct, "--no-cache", "check", *store], repeat)
    rows.append(("--no-cache check", nocache_s, nocache_peak, f"{nocache_s / help_s:.2f}x", "(before the index)"))

    words = " ".join(claim["statement"].split()[:4])
    warm = {
        "check": [*ct, "check", *store],
        "list --limit 20": [*ct, "list", "--limit", "20", *store],
        "show ID": [*ct, "show", claim["id"], *store],
        "search QUERY": [*ct, "search", words, *store],
        "report --unsourced --speaker X": [*ct, "report", "--unsourced", "--speaker", claim["speaker"], *store],
        "speakers": [*ct, "speakers", *store],
    }
    warm_check = 0.0
    for name, argv in warm.items():
        seconds, peak, failure = runs(argv, repeat)
        target = CHECK_TARGET if name == "check" else WARM_TARGET
        ok = seconds <= target * help_s and (name == "check" or peak <= MEMORY_TARGET)
        memory = "" if name == "check" else ", < 150 MB"
        rows.append(
            (
                f"warm {name}",
                seconds,
                peak,
                f"{seconds / help_s:.2f}x",
                verdict(ok, failure, f"<= {target:.0f}x{memory}"),
            )
        )
        if name == "check":
            warm_check = seconds
    rows += warm_fuzzy(list(fuzzy))

    files = sorted(root.glob("*.yaml"))
    changed = files[len(files) // 2]
    one_file = parse_seconds(changed, repeat)
    original = changed.read_bytes()
    edits = iter(range(10**6))

    def edit() -> None:
        # A real edit, not a comment: one claim's statement gets a word, every other run its
        # date moves a day too (which the answers to it are checked against again).
        n = next(edits)
        text = original.replace(b"statement: >-\n      ", f"statement: >-\n      Edit{n} ".encode(), 1)
        if n % 2:
            text = re.sub(
                rb"date: (\d{4}-\d\d)-(\d\d)", lambda m: b"date: %s-%02d" % (m[1], int(m[2]) % 28 + 1), text, count=1
            )
        assert text != original
        changed.write_bytes(text)

    try:
        seconds, peak, failure = runs([*ct, "check", *store], repeat, before=edit)
    finally:
        changed.write_bytes(original)
    limit = warm_check + 2 * one_file
    rows.append(
        (
            "one file changed (a statement, a date), check",
            seconds,
            peak,
            f"{seconds / limit:.2f}x limit",
            verdict(seconds <= limit, failure, f"<= warm check + 2x {one_file * 1000:.1f} ms"),
        )
    )
    # Last: each run adds a claim (an answer to the first claim) to the store, a statement of its own each time.
    add = [*ct, "add", "claim", "--speaker", claim["speaker"], "--date", "2026-01-02", *store]
    add += ["--responds-to", claim["id"], "--relation", "questions", "--sourcing", "none", "--statement", ""]
    statements = (f"New statement number {n} for the benchmark." for n in itertools.count())

    def next_statement() -> None:
        add[-1] = next(statements)

    seconds, peak, failure = runs(add, repeat, before=next_statement)
    rows.append(
        (
            "add claim",
            seconds,
            peak,
            f"{seconds / help_s:.2f}x",
            verdict(seconds <= ADD_TARGET * help_s, failure, "<= 5x"),
        )
    )
    return rows


def verdict(ok: bool, failure: str, target: str) -> str:
    if failure:
        return f"FAILED {failure}"
    return f"{'PASS' if ok else 'MISS'} ({target})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="claims per store, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (after one warm-up)")
    parser.add_argument("--only", help="only --help and the warm dupes/quotes rows so named, comma-separated")
    args = parser.parse_args(argv)
    ct, note = claimtrack_argv()
    print_environment(note)
    for size in (int(s) for s in args.sizes.split(",")):
        info = prepare(size, max(1, size // 100))
        print()
        print_store(info)
        rows = bench(info, ct, args.repeat, args.only.split(",") if args.only else None)
        print(f"{'':2}{'command':34} {'median':>10} {'peak RSS':>10} {'ratio':>14}  target")
        for name, seconds, peak, ratio, target in rows:
            print(f"{'':2}{name:34} {seconds * 1000:>8.0f}ms {peak / MIB:>8.0f}MB {ratio:>14}  {target}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
