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
claimtrack`, to measure another commit on the same stores; `--only json,piped`
runs only the commands so named (and the reference), for the slow old ones.
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

from common import (
    DATA,
    MIB,
    RUN_ENV,
    ChildRun,
    Timing,
    claimtrack_argv,
    print_environment,
    run_child,
    time_runs,
    wait_watched,
)
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
    elapsed, peak, cpu = wait_watched(proc, start)
    reader.join(timeout=5)
    os.close(master)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    return ChildRun(elapsed, proc.returncode, peak, f"{drawn[0]} bytes drawn", err[-2000:], False, cpu)


def measure(name: str, run: Callable[[], ChildRun], repeat: int) -> tuple[Timing, Timing, int]:
    """One untimed warm-up, then `repeat` timed runs: (wall times, CPU times, highest peak memory)."""
    wall, runs = time_runs(name, run, repeat)
    timed = runs[1:] if not wall.failures else []
    return wall, Timing(name, [done.cpu for done in timed]), max((done.maxrss for done in runs), default=0)


def bench_size(info: StoreInfo, ct: list[str], repeat: int, only: list[str] | None = None) -> None:
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
    print("wall: min / median / max (runs); CPU: median, user + system of the process; x load: median / load's")
    print(f"{'command':32} {'wall':>28} {'x load':>6} {'CPU':>7} {'x load':>6} {'peak RSS':>9} {'x load':>6}")
    reference = "list --limit 1 (load only)"
    chosen = {name: run for name, run in runs.items() if name == reference or not only or any(w in name for w in only)}
    results = {name: measure(name, run, repeat) for name, run in chosen.items()}
    base_wall, base_cpu, base_peak = results[reference]
    for name, (wall, cpu, peak) in results.items():
        if wall.failures:
            print(f"{name:32} FAILED: {wall.failures[0][:200]}")
            continue
        cpu_s = cpu.median_ms / 1000
        print(
            f"{name:32} {wall.spread('s'):>28} {wall.median_ms / base_wall.median_ms:6.2f}"
            f" {cpu_s:6.2f}s {cpu.median_ms / base_cpu.median_ms:6.2f}"
            f" {peak / MIB:7.0f}MB {peak / base_peak:6.2f}"
        )
    out_file.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="claims per store, comma-separated")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", help="run only the commands whose names hold one of these words (comma-separated)")
    parser.add_argument("--src", type=Path, help="run the claimtrack package in this folder (a checkout's src/)")
    args = parser.parse_args()
    if args.src:
        ct, note = [sys.executable, "-m", "claimtrack"], f"python -m claimtrack from {args.src}"
        RUN_ENV["PYTHONPATH"] = str(args.src.resolve())  # every run, through run_child too
    else:
        ct, note = claimtrack_argv()
    print_environment(note)
    for size in (int(s) for s in args.sizes.split(",")):
        bench_size(store_of(size), ct, args.repeat, args.only.split(",") if args.only else None)


if __name__ == "__main__":
    main()
