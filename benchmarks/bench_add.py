"""What recording one claim costs: `claimtrack add claim` against `claimtrack check` on the same store.

    .venv/bin/python benchmarks/bench_add.py [--claims N] [--files F] [--repeat R] [--seed S]

A store of N claims (default 10,000 in 100 files, synth.py) under
benchmarks/.data/. Fresh processes, round-robin, one untimed warm-up each
(common.time_commands), at least 10 timed runs:

- `add claim` answering a claim in the middle of the store, written into
  that claim's file: the lock, a load of the store, the splice, a second
  whole-store check with the new text in place (the files parsed by the
  first load are reused; only the changed file is parsed again), and the
  atomic write;
- the same with `--dry-run` (all but the write);
- `check`, the one load and check every command pays.

The store grows by one claim per `add` run (about 11 in 10,000): the same
work for every run. The ratio says what writing safely costs over reading:
one load, one more build and check of the whole store, and the changed file
parsed twice; measured at about 1.2-1.3x `check` (2.2x before the second
load reused the first one's parsed files).
"""

from __future__ import annotations

import argparse
import sys

from bench import Row, prepare_store, print_rows, report_failures
from common import MIN_RUNS, claimtrack_argv, print_environment, print_store, time_commands, validate_store

from claimtrack.pipeline import load_store


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=MIN_RUNS)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    ct, ct_note = claimtrack_argv()
    print_environment(ct_note)
    info = prepare_store(args.claims, args.files, args.seed)
    print_store(info)
    validate_store(ct, info)
    store = load_store(info.root)
    claims = sorted(store.claims.values(), key=lambda c: (c.date, c.id))
    answered = claims[len(claims) // 2]
    base = [*ct, "--store", str(info.root)]
    add = [
        *base, "add", "claim", "--speaker", answered.speaker, "--date", "2026-01-02",
        "--statement", "A new statement: with a colon, 'quotes' and no more.",
        "--responds-to", answered.id, "--relation", "questions", "--sourcing", "none",
    ]  # fmt: skip
    timings = time_commands({"check": [*base, "check"], "add": add, "dry": [*add, "--dry-run"]}, args.repeat)
    rows = [
        Row("claimtrack check", timings["check"]),
        Row("claimtrack add claim, vs check", timings["add"], timings["check"]),
        Row("claimtrack add claim --dry-run, vs check", timings["dry"], timings["check"]),
    ]
    print_rows(f"Recording one claim into a store of {args.claims:,} claims in {args.files} files", rows)
    after = load_store(info.root)
    added = len(after.claims) - len(store.claims)
    print(f"\nclaims added by the timed and warm-up runs: {added}; store errors after: {after.error_count}")
    return 1 if report_failures(rows) or after.error_count else 0


if __name__ == "__main__":
    sys.exit(main())
