"""How fast the exports, the scorecard and the timeline are, next to loading the store they start from.

    .venv/bin/python benchmarks/bench_exports.py [--sizes 10000,100000] [--repeat 3]

Generates stores with synth.py under benchmarks/.data/ (reused when present)
and, per size, in this process: load_store once, then each export's pure
function on every claim (sqlite writes its file into a temporary folder),
the scorecard and the timeline. Each figure is printed in milliseconds and
as a ratio to load_store's time in the same run, so that the figures compare
across machines: an export much slower than loading is the thing to fix.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import DATA, claimtrack_argv, print_environment, print_store
from synth import StoreInfo, generate_store

from claimtrack.export import aif, claimreview, diagram
from claimtrack.export import sqlite as sqlite_export
from claimtrack.export.jsonsafe import dumps_lines
from claimtrack.pipeline import load_store
from claimtrack.scorecard import scorecard
from claimtrack.timeline import timeline, timeline_json


def store_of(size: int) -> StoreInfo:
    root = DATA / f"exports-{size}"
    info_file = DATA / f"exports-{size}.json"
    if root.is_dir() and info_file.is_file():
        return StoreInfo(**json.loads(info_file.read_text()) | {"root": root})
    DATA.mkdir(parents=True, exist_ok=True)
    info = generate_store(root, claims=size, files=max(size // 100, 1))
    info_file.write_text(json.dumps({k: v for k, v in vars(info).items() if k != "root"}))
    return info


def best_of(call: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000", help="claims per store, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print_environment(claimtrack_argv()[1])
    for size in (int(s) for s in args.sizes.split(",")):
        bench_size(store_of(size), args.repeat)


def bench_size(info: StoreInfo, repeat: int) -> None:
    print()
    print_store(info)
    load_s = best_of(lambda: load_store(info.root), 1)
    store = load_store(info.root)
    claims = list(store.claims.values())
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "claims.db"
        calls: dict[str, Callable[[], object]] = {
            "claimreview (dict + JSON text)": lambda: dumps_lines(claimreview.document(store, claims)),
            "aif (dict + JSON text)": lambda: dumps_lines(aif.document(store, claims)),
            "dot": lambda: diagram.dot(store, claims),
            "mermaid": lambda: diagram.mermaid(store, claims),
            "sqlite (file + metadata)": lambda: sqlite_export.write(store, claims, db),
            "scorecard": lambda: [r.as_json() for r in scorecard(store, claims)],
            "timeline (JSON)": lambda: timeline_json(timeline(store, claims)),
        }
        print(f"{'load_store':32} {load_s * 1000:9.0f} ms   (1.00x: what every export starts from)")
        for name, call in calls.items():
            seconds = best_of(call, repeat)
            print(f"{name:32} {seconds * 1000:9.0f} ms   ({seconds / load_s:.2f}x load)")
        print(f"sqlite file {db.stat().st_size / 2**20:.1f} MiB")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
