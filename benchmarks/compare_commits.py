"""Is loading as fast as it was? load_store at two commits, on one generated store, alternately.

Moves and refactors must not slow loading. Each run is a fresh process that
imports claimtrack from a checkout of the commit and times load_store (CPU
time, collector policy included); runs alternate between the two commits so
that a busy machine slows both alike. Prints min/median/max per commit and
the ratio of medians.

    python benchmarks/compare_commits.py BASE [HEAD] [--claims 10000] [--runs 11]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

CHILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
try:
    from claimtrack.pipeline import load_store
except ImportError:  # before the load step moved to pipeline.py
    from claimtrack.store import load_store
start = time.process_time()
store = load_store(Path(sys.argv[2]))
print(time.process_time() - start, len(store.claims))
"""


def load_seconds(src: Path, store: Path) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(src), str(store)], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base")
    parser.add_argument("head", nargs="?", help="default: the working tree")
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from synth import generate_store

    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        generate_store(store, claims=args.claims, files=args.files, seed=1)
        trees: dict[str, Path] = {}
        for label, rev in (("base", args.base), ("head", args.head)):
            if rev is None:
                trees[label] = REPO
                continue
            where = Path(tmp) / label
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(where), rev], check=True)
            trees[label] = where
        try:
            times: dict[str, list[float]] = {label: [] for label in trees}
            counts = set()
            for _ in range(args.runs):
                for label, tree in trees.items():
                    seconds, claims = load_seconds(tree / "src", store)
                    times[label].append(seconds)
                    counts.add(claims)
        finally:
            for tree in trees.values():
                if tree != REPO:
                    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)
    print(f"load_store, {args.claims:,} claims in {args.files} files, {args.runs} runs each, CPU seconds")
    for label, values in times.items():
        rev = getattr(args, label) or "working tree"
        print(
            f"  {label} ({rev}): min {min(values):.3f}  median {statistics.median(values):.3f}  max {max(values):.3f}"
        )
    ratio = statistics.median(times["head"]) / statistics.median(times["base"])
    print(f"  head / base, medians: {ratio:.2f}x" + ("" if len(counts) == 1 else f"  (claims loaded differ: {counts})"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
