"""What the writing foundation costs: safe reads, the walk, splices, emitting.

    .venv/bin/python benchmarks/bench_writing.py [--claims N] [--repeat R] [--seed S]

In-process timings (medians of R runs, interleaved) on synthetic stores
from synth.py under benchmarks/.data/, each against the thing it replaces
or must keep up with:

- walk_store + read_store_file (links judged, special files refused, size
  bound) against os.walk + Path.read_bytes, on N claims in 100 files and
  on N claims one file each;
- add_record and set_field on one file holding all N claims, against
  parse_text of that file: a change is checked after it is made, so the
  splice should cost a fraction of one parse;
- record_of for N claims (the writer alone), against parse_text of the text
  it wrote.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from bench import DATA, Row, print_rows, time_calls
from synth import generate_store

from claimtrack import schema
from claimtrack.edits import add_record, set_field
from claimtrack.fsutil import StoreFile, read_store_file, walk_store
from claimtrack.loader import parse_text
from claimtrack.writer import record_of


def plain_read(root: Path) -> int:
    total = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                total += len(Path(folder, name).read_bytes())
    return total


def safe_read(root: Path) -> int:
    total = 0
    for entry in walk_store(root):
        if isinstance(entry, StoreFile):
            data = read_store_file(root, entry)
            assert isinstance(data, bytes)
            total += len(data)
    return total


def store(claims: int, files: int, seed: int) -> Path:
    root = DATA / f"writing-{claims}-{files}-s{seed}"
    if root.exists():
        shutil.rmtree(root)
    generate_store(root, claims=claims, files=files, seed=seed)
    return root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n, repeat = args.claims, args.repeat

    rows: list[Row] = []
    for files in (100, n):
        root = store(n, files, args.seed)
        assert plain_read(root) == safe_read(root)
        t = time_calls({"plain": lambda r=root: plain_read(r), "safe": lambda r=root: safe_read(r)}, repeat)
        rows.append(Row(f"walk_store + read_store_file, {files} files", t["safe"], t["plain"]))
    print_rows("Reading a store: safe reads against os.walk + read_bytes", rows)

    root = store(n, 1, args.seed)
    (path,) = sorted(root.glob("*.yaml"))
    text = path.read_text(encoding="utf-8")
    parsed = parse_text(path.name, text)
    assert not [d for d in parsed.diagnostics if d.is_error]
    middle = parsed.claims[len(parsed.claims) // 2].id
    new_claim = {
        "id": "bench-new-claim",
        "speaker": parsed.claims[0].speaker,
        "date": "2021-01-02",
        "statement": "A new statement: with a colon, and 'quotes'.",
        "responds_to": [{"claim": middle, "relation": "denies"}],
    }
    calls = {
        "parse": lambda: parse_text(path.name, text),
        "add": lambda: add_record(text, "claims", new_claim),
        "set": lambda: set_field(text, "claims", middle, "sourcing", {"status": "none", "note": "Bare."}),
    }
    t = time_calls(calls, repeat)
    print_rows(
        f"Splicing into one file of {n:,} claims ({len(text.encode()) / 1e6:.1f} MB), against parse_text of it",
        [
            Row("add_record (new claim after the last)", t["add"], t["parse"]),
            Row("set_field (sourcing of a middle claim)", t["set"], t["parse"]),
        ],
    )

    claims = parsed.claims
    written = "claims:\n" + "".join(record_of(schema.CLAIM, c) for c in claims)
    t = time_calls(
        {
            "emit": lambda: "".join(record_of(schema.CLAIM, c) for c in claims),
            "parse": lambda: parse_text("w.yaml", written),
        },
        repeat,
    )
    print_rows(
        f"Writing {n:,} claims with record_of, against parse_text of the result",
        [Row("record_of", t["emit"], t["parse"])],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
