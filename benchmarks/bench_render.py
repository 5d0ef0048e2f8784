"""How long `list` takes to draw, and how much memory JSON output takes, at 10,000 and 100,000 claims.

    .venv/bin/python benchmarks/bench_render.py [--sizes 10000,100000] [--repeat 3] [--src DIR]

Generates stores with synth.py under benchmarks/.data/ (reused when
present), then runs each command as a fresh process, the way a user runs
it, and prints its wall time (min / median / max of the timed runs) and its
peak memory (VmHWM):

- `list --limit 1`: the same store loaded, nothing to draw: the reference;
- `list` on a pseudo-terminal, --no-pager, at 200 columns (the boxed table)
  and at 120 (the plain layout: the generated ids are too long for a table
  there), and at 200 through a pager (PAGER reads everything, as `less`
  does when you go to the end);
- `list` piped (the plain layout), `list --format json` and `export json`
  to a file.

Each figure is also given as a ratio to the reference in the same run: what
drawing or writing the claims adds to loading them. `--src DIR` runs the
claimtrack package found in DIR (a checkout's src/) with `python -m
claimtrack`, to measure another commit on the same stores.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from common import DATA, MIB, RUN_ENV, ChildRun, Timing, claimtrack_argv, print_environment, run_child, watch_peak
from synth import StoreInfo, generate_store


def store_of(size: int) -> StoreInfo:
    root = DATA / f"render-{size}"
    info_file = DATA / f"render-{size}.json"
    if root.is_dir() and info_file.is_file():
        return StoreInfo(**json.loads(info_file.read_text()) | {"root": root})
    DATA.mkdir(parents=True, exist_ok=True)
    info = generate_store(root, claims=size, files=max(size // 100, 1))
    info_file.write_text(json.dumps({k: v for k, v in vars(info).items() if k != "root"}, default=str))
    return info


def on_terminal(argv: list[str], columns: int, env: dict[str, str] = RUN_ENV) -> ChildRun:
    """Run argv with stdout on a pseudo-terminal of `columns` x 40, reading all it draws."""
    master, slave = pty.openpty()
    env = {**env, "COLUMNS": str(columns), "LINES": "40", "TERM": "xterm-256color"}
    env.pop("NO_COLOR", None)
    drawn = [0]

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            drawn[0] += len(chunk)

    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=slave, stderr=subprocess.PIPE, env=env)
    os.close(slave)
    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    peak, stop = [0], threading.Event()
    watcher = threading.Thread(target=watch_peak, args=(proc.pid, stop, peak), daemon=True)
    watcher.start()
    _, status, _usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stop.set()
    watcher.join()
    reader.join(timeout=5)
    os.close(master)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    return ChildRun(elapsed, proc.returncode, peak[0], f"{drawn[0]} bytes drawn", err[-2000:], False)


def measure(name: str, run: Callable[[], ChildRun], repeat: int) -> tuple[Timing, int]:
    """One untimed warm-up, then `repeat` timed runs: (times, highest peak memory)."""
    timing, peak = Timing(name), 0
    for round_no in range(repeat + 1):
        done = run()
        if not done.ok:
            timing.failures.append(done.why())
            break
        peak = max(peak, done.maxrss)
        if round_no:
            timing.samples.append(done.seconds)
    return timing, peak


def bench_size(info: StoreInfo, ct: list[str], repeat: int) -> None:
    store = ["--store", str(info.root)]
    out_file = DATA / "render-out.json"
    paged = {**RUN_ENV, "PAGER": "wc -c > /dev/null"}
    runs = {
        "list --limit 1 (load only)": lambda: run_child([*ct, "list", "--limit", "1", *store]),
        "list, terminal 200 cols, table": lambda: on_terminal([*ct, "list", "--no-pager", *store], 200),
        "list, terminal 120 cols, plain": lambda: on_terminal([*ct, "list", "--no-pager", *store], 120),
        "list, terminal 200 cols, pager": lambda: on_terminal([*ct, "list", *store], 200, paged),
        "list piped (plain)": lambda: run_child([*ct, "list", *store]),
        "list --format json": lambda: run_child([*ct, "list", "--format", "json", *store]),
        "export json -o FILE": lambda: run_child([*ct, "export", "json", "-o", str(out_file), *store]),
    }
    print(f"\n{info.claims:,} claims in {info.files} files ({info.bytes / MIB:.0f} MiB), {repeat} timed runs each")
    print(f"{'command':34} {'wall min / median / max (runs)':>34} {'x load':>7} {'peak RSS':>10} {'x load':>7}")
    results: dict[str, tuple[Timing, int]] = {}
    for name, run in runs.items():
        results[name] = measure(name, run, repeat)
    base_time, base_peak = results["list --limit 1 (load only)"]
    for name, (timing, peak) in results.items():
        if timing.failures:
            print(f"{name:34} FAILED: {timing.failures[0][:200]}")
            continue
        ratio = timing.median_ms / base_time.median_ms if base_time.samples else float("nan")
        mem_ratio = peak / base_peak if base_peak else float("nan")
        print(f"{name:34} {timing.spread('s'):>34} {ratio:7.2f} {peak / MIB:8.0f}MB {mem_ratio:7.2f}")
    out_file.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="claims per store, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--src", type=Path, help="run the claimtrack package in this folder (a checkout's src/)")
    args = parser.parse_args()
    if args.src:
        ct, note = [sys.executable, "-m", "claimtrack"], f"python -m claimtrack from {args.src}"
        RUN_ENV["PYTHONPATH"] = str(args.src.resolve())  # every run, through run_child too
    else:
        ct, note = claimtrack_argv()
    print_environment(note)
    for size in (int(s) for s in args.sizes.split(",")):
        bench_size(store_of(size), ct, args.repeat)


if __name__ == "__main__":
    main()
