"""find_groups on one store, in a process of its own: bench_fuzzy.py runs it under an address-space limit.

    python benchmarks/dupes_child.py STORE THRESHOLD REPEAT PLANTED.json BUDGET

Loads the store, runs find_groups once untimed (the warm-up, which also
measures the peak resident set of a run), then times up to REPEAT runs, runs
it once more under tracemalloc, and prints one JSON object. Once the timed
runs have taken BUDGET seconds it stops repeating and skips tracemalloc: a
few runs of a minutes-long step are figure enough, and bench_fuzzy says how
many there were.
"""

from __future__ import annotations

import gc
import json
import sys
import time
import tracemalloc
from pathlib import Path

from rapidfuzz import fuzz

from claimtrack.dupes import find_groups, normalise
from claimtrack.pipeline import load_store


def status(key: str) -> int | None:
    """A figure of /proc/self/status in bytes; None where there is no /proc."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def reset_peak() -> bool:
    """Restart the high-water mark (VmHWM) from the current RSS (Linux 4.0+).

    VmHWM afterwards is the peak of what ran in between, short spikes
    included. A sampling thread can miss those: it cannot run while a C call
    holds the GIL, as rapidfuzz does while it converts its inputs.
    """
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def main() -> None:
    root, planted_path = Path(sys.argv[1]), Path(sys.argv[4])
    threshold, repeat, budget = float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[5])
    out: dict[str, object] = {}
    start = time.perf_counter()
    store = load_store(root)
    out["load_s"] = time.perf_counter() - start
    claims = list(store.claims.values())
    gc.collect()
    out["rss_after_load"], out["peak_load"] = status("VmRSS"), status("VmHWM")
    times: list[float] = []
    out["times"] = times
    groups: list = []
    try:
        # The warm-up: imports numpy's and rapidfuzz's code paths, fills caches;
        # timed apart, and the run whose peak resident set is measured.
        measured = reset_peak()
        start = time.perf_counter()
        groups = find_groups(claims, threshold)
        out["warmup_s"] = time.perf_counter() - start
        if measured:
            out["rss_peak_grouping"] = status("VmHWM")
        for _ in range(repeat):
            if sum(times) + out["warmup_s"] > budget and times:  # type: ignore[operator]
                out["budget_reached"] = True
                break
            groups = []
            gc.collect()
            start = time.perf_counter()
            groups = find_groups(claims, threshold)
            times.append(time.perf_counter() - start)
        if sum(times) <= budget:
            # A run of its own: tracemalloc slows every allocation. It counts
            # Python objects and numpy arrays, not rapidfuzz's C++ buffers.
            kept, groups = groups, []
            gc.collect()
            tracemalloc.start()
            find_groups(claims, threshold)
            out["tracemalloc_peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            groups = kept
    except MemoryError:
        out["error"] = "MemoryError: the address-space limit was reached"
    out["peak_after_load"] = status("VmHWM")  # since the reset: every run, tracemalloc's too
    pairs = {frozenset((a.id, b.id)) for g in groups for a, b, _ in g.pairs}
    out["pairs"] = len(pairs)
    out["groups"] = len(groups)
    out["repeat_groups"] = sum(1 for g in groups if g.kind == "repeat")
    out["claims_in_groups"] = sum(len(g.claims) for g in groups)
    out["unrecorded"] = sum(len(g.unrecorded) for g in groups)
    planted = json.loads(planted_path.read_text(encoding="utf-8"))
    scores = [
        fuzz.ratio(normalise(store.claims[a].statement), normalise(store.claims[b].statement)) for a, b in planted
    ]
    out["planted"] = len(planted)
    out["planted_reaching"] = sum(1 for s in scores if s >= threshold)
    out["planted_found"] = sum(
        1 for (a, b), s in zip(planted, scores, strict=True) if s >= threshold and frozenset((a, b)) in pairs
    )
    out["claims"] = len(claims)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
