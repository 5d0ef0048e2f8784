"""How fast claimtrack is, measured against the floors it is held to.

    .venv/bin/python benchmarks/bench.py [--claims N] [--files F] [--repeat R] [--seed S]

Generates a synthetic store (benchmarks/synth.py) under benchmarks/.data/,
checks that it is valid, then times, each as a fresh process because that is
what a user waits for:

- `check`, `list --format json` and `report --unsourced --format json`
  against the floor: a Python process that only reads the same files with
  yaml.CSafeLoader;
- `load_store` in this process against a loop of CSafeLoader loads, which
  leaves out interpreter and Typer start-up and isolates the loader;
- `claimtrack --help` against a minimal Typer app that prints a rich table
  (the issue's reference) and against that app's own --help.

It prints medians and minimums in milliseconds, the ratios, and PASS or MISS
against the targets. The machine is shared and noisy, so commands that are
compared are run interleaved (A B A B ...) rather than one after the other.
Fuzzy commands (search, dupes, quotes) can be added as more `bench_*`
functions built on `time_commands` and `time_calls`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from synth import StoreInfo, generate_store

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"  # gitignored
CHECK_TARGET = 1.5  # check on 10,000 claims, against the bare CSafeLoader parse
HELP_TARGET = 1.3  # claimtrack --help, against a minimal Typer app that prints a rich table

# The floor: no validation, no records, no checks; just libyaml over every file.
FLOOR_CODE = """
import sys, yaml
from pathlib import Path
root = Path(sys.argv[1])
for path in sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")]):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""

MINIMAL_APP = '''
import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main() -> None:
    """Print a small table of claims."""
    table = Table("id", "date", "speaker", "summary")
    table.add_row("trump-sneak-attack-2020", "2020-04-01", "Donald Trump", "Iran plans a sneak attack")
    table.add_row("zarif-reply-2020", "2020-04-02", "Javad Zarif", "Iran starts no wars")
    Console().print(table)


if __name__ == "__main__":
    app()
'''


# --- timing -----------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    failures: list[str] = field(default_factory=list)  # why runs exited non-zero

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.samples) * 1000


def run_env() -> dict[str, str]:
    """The environment of timed runs: bytecode cached, as in any installed copy.

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every run compile
    claimtrack's modules again (the floor has none of its own to compile).
    The cache goes under .data so that nothing is written into src/.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


RUN_ENV = run_env()


def run_once(argv: list[str]) -> tuple[float, int, str]:
    """Wall time of one fresh process, its exit code, and the end of its stderr."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=RUN_ENV
    )
    elapsed = time.perf_counter() - start
    return elapsed, done.returncode, done.stderr.decode("utf-8", "replace")[-500:]


def time_commands(commands: dict[str, list[str]], repeat: int) -> dict[str, Timing]:
    """Time each command `repeat` times, round-robin, after one untimed warm-up run each.

    Round-robin spreads the machine's slow moments over all commands instead
    of one; the warm-up fills the page cache and writes .pyc files.
    """
    timings = {name: Timing(name) for name in commands}
    for round_no in range(repeat + 1):
        for name, argv in commands.items():
            elapsed, code, stderr = run_once(argv)
            if code != 0:
                timings[name].failures.append(f"exit {code}: {stderr.strip()}")
            if round_no > 0:
                timings[name].samples.append(elapsed)
    return timings


def time_cmd(argv: list[str], repeat: int) -> Timing:
    return time_commands({" ".join(argv): argv}, repeat)[" ".join(argv)]


def time_calls(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """In-process counterpart of time_commands, from the same heap state each time."""
    timings = {name: Timing(name) for name in calls}
    for round_no in range(repeat + 1):
        for name, call in calls.items():
            gc.collect()
            start = time.perf_counter()
            result = call()
            elapsed = time.perf_counter() - start
            del result
            # load_store freezes the heap when it is done; undo it so the next
            # call, whichever it is, starts from the same collector state.
            gc.unfreeze()
            if round_no > 0:
                timings[name].samples.append(elapsed)
    return timings


# --- what is measured ------------------------------------------------------------


@dataclass
class Row:
    label: str
    timing: Timing
    reference: Timing | None = None
    target: float | None = None

    @property
    def ratio(self) -> float | None:
        return self.timing.median_ms / self.reference.median_ms if self.reference else None

    @property
    def min_ratio(self) -> float | None:
        """Ratio of the fastest runs: steadier than medians when the machine is busy."""
        return self.timing.min_ms / self.reference.min_ms if self.reference else None


def claimtrack_argv() -> tuple[list[str], str]:
    """The console script users run, when installed next to this Python; else `python -m claimtrack`."""
    script = Path(sys.executable).parent / ("claimtrack.exe" if os.name == "nt" else "claimtrack")
    if script.is_file():
        return [str(script)], f"console script {script}"
    return [sys.executable, "-m", "claimtrack"], f"{sys.executable} -m claimtrack (no console script found)"


def prepare_store(claims: int, files: int, seed: int) -> StoreInfo:
    root = DATA / f"store-{claims}-{files}-s{seed}"
    if root.exists():
        shutil.rmtree(root)  # generation is deterministic and quick; never trust a stale copy
    return generate_store(root, claims=claims, files=files, seed=seed)


def validate_store(ct: list[str], info: StoreInfo) -> bool:
    """The benchmark means little on a store that claimtrack rejects, so say so loudly."""
    argv = [*ct, "check", "--store", str(info.root), "--format", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, env=RUN_ENV)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"WARNING: `claimtrack check` printed no JSON (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        return False
    counts = report.get("counts", {})
    ok = done.returncode == 0 and counts.get("claims", info.claims) == info.claims
    if ok:
        print(
            f"store is valid: claimtrack check exit 0, {counts.get('claims')} claims, "
            f"{counts.get('warnings', 0)} warnings"
        )
    else:
        print(f"WARNING: the generated store is not valid: check exit {done.returncode}, counts {counts}")
        for d in report.get("diagnostics", [])[:5]:
            print(f"  {d.get('path')}:{d.get('line')}: {d.get('code')} {d.get('message')}")
    return ok


def bench_store_commands(ct: list[str], root: Path, repeat: int) -> list[Row]:
    store = ["--store", str(root)]
    timings = time_commands(
        {
            "floor": [sys.executable, "-c", FLOOR_CODE, str(root)],
            "check": [*ct, "check", *store],
            "list": [*ct, "list", *store, "--format", "json"],
            "report": [*ct, "report", "--unsourced", *store, "--format", "json"],
        },
        repeat,
    )
    floor = timings["floor"]
    return [
        Row("floor: python + CSafeLoader over every file", floor),
        Row("claimtrack check", timings["check"], floor, CHECK_TARGET),
        Row("claimtrack list --format json", timings["list"], floor),
        Row("claimtrack report --unsourced --format json", timings["report"], floor),
    ]


def without_collector(call: Callable[[], object]) -> Callable[[], object]:
    """The call with the cyclic collector off, as load_store runs its own parse."""

    def run() -> object:
        gc.disable()
        try:
            return call()
        finally:
            gc.enable()

    return run


def bench_loader(root: Path, repeat: int) -> list[Row]:
    import yaml

    from claimtrack.pipeline import load_store

    def bare_parse() -> list[object]:
        paths = sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")])
        return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in paths]

    timings = time_calls(
        {"floor": bare_parse, "floor-nogc": without_collector(bare_parse), "load_store": lambda: load_store(root)},
        repeat,
    )
    floor, tuned = timings["floor"], timings["floor-nogc"]
    return [
        Row("in-process floor: CSafeLoader loop", floor),
        Row("  the same, collector off (as load_store runs)", tuned, floor),
        Row("claimtrack.pipeline.load_store, vs the floor", timings["load_store"], floor),
        Row("claimtrack.pipeline.load_store, vs collector off", timings["load_store"], tuned),
    ]


def bench_help(ct: list[str], repeat: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="claimtrack-bench-") as tmp:
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        timings = time_commands(
            {
                "python": [sys.executable, "-c", "pass"],
                "table": [sys.executable, str(minimal)],
                "minimal-help": [sys.executable, str(minimal), "--help"],
                "help": [*ct, "--help"],
            },
            repeat,
        )
    table = timings["table"]
    return [
        Row("python -c pass (interpreter start-up alone)", timings["python"]),
        Row("minimal Typer app printing a rich table", table),
        Row("minimal Typer app --help", timings["minimal-help"]),
        Row("claimtrack --help, vs the app's table (target)", timings["help"], table, HELP_TARGET),
        Row("claimtrack --help, vs the app's --help", timings["help"], timings["minimal-help"], HELP_TARGET),
    ]


# --- output -------------------------------------------------------------------------


def print_environment(ct_note: str) -> None:
    import yaml

    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("claimtrack", "typer", "rich", "rapidfuzz", "pyyaml")
    )
    print(f"python    {platform.python_version()} ({sys.executable})")
    print(f"packages  {versions}; libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"machine   {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average {load}")
    print(f"runs      {ct_note}")
    ignored = " (PYTHONDONTWRITEBYTECODE ignored)" if "PYTHONDONTWRITEBYTECODE" in os.environ else ""
    print(f"bytecode  cached in {RUN_ENV['PYTHONPYCACHEPREFIX']}{ignored}")


def print_store(info: StoreInfo) -> None:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(info.sourcing.items()))
    print(f"store     {info.root}")
    print(
        f"          {info.files} files, {info.bytes:,} bytes ({info.bytes / 2**20:.1f} MiB), {info.claims:,} claims, "
        f"{info.speakers} speakers, {info.sources} sources ({info.archives} archived)"
    )
    print(
        f"          {info.responding:,} claims answer others through {info.links:,} links; "
        f"longest chain {info.longest_chain} claims"
    )
    print(f"          sourcing: {statuses}")


def verdict(row: Row) -> str:
    if row.target is None or row.ratio is None:
        return ""
    return "PASS" if row.ratio <= row.target else "MISS"


def print_rows(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"  {'':50} {'median':>9} {'min':>9} {'ratio':>7} {'of min':>7}  {'target':>7}  result")
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        min_ratio = f"{row.min_ratio:.2f}x" if row.min_ratio is not None else "-"
        target = f"<={row.target}x" if row.target is not None else ""
        print(
            f"  {row.label:50} {row.timing.median_ms:7.1f}ms {row.timing.min_ms:7.1f}ms {ratio:>7} {min_ratio:>7}  "
            f"{target:>7}  {verdict(row)}".rstrip()
        )


def report_failures(rows: list[Row]) -> bool:
    failed = False
    for timing in {id(r.timing): r.timing for r in rows}.values():
        if timing.failures:
            failed = True
            print(
                f"WARNING: {timing.name} exited non-zero in {len(timing.failures)} runs; "
                f"its times measure an error path. Last: {timing.failures[-1]}"
            )
    return failed


# --- main ------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the store (default 10000)")
    parser.add_argument("--files", type=int, default=100, help="files they are spread over (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each store command (default 5)")
    parser.add_argument("--help-repeat", type=int, default=15, help="timed runs of each start-up command (default 15)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated store (default 1)")
    args = parser.parse_args(argv)
    if args.claims < 1 or args.files < 1 or args.repeat < 1 or args.help_repeat < 1:
        parser.error("--claims, --files, --repeat and --help-repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import yaml

        import claimtrack  # noqa: F401

        yaml.CSafeLoader  # noqa: B018 -- the floor needs libyaml
    except (ImportError, AttributeError) as exc:
        print(f"bench: {exc}; run it with the project's Python: .venv/bin/python benchmarks/bench.py")
        return 2
    ct, ct_note = claimtrack_argv()
    print_environment(ct_note)

    start = time.perf_counter()
    info = prepare_store(args.claims, args.files, args.seed)
    print(f"generated in {time.perf_counter() - start:.1f} s (seed {args.seed})")
    print_store(info)
    validate_store(ct, info)

    print(f"\ntiming store commands: {args.repeat} runs each, interleaved ...", flush=True)
    store_rows = bench_store_commands(ct, info.root, args.repeat)
    print(f"timing the loader in-process: {args.repeat} runs each, interleaved ...", flush=True)
    loader_rows = bench_loader(info.root, args.repeat)
    print(f"timing start-up: {args.help_repeat} runs each, interleaved ...", flush=True)
    help_rows = bench_help(ct, args.help_repeat)

    print_rows(
        f"Store commands, fresh process each, {info.claims:,} claims in {info.files} files "
        f"(ratio = median / floor median; PASS/MISS on it)",
        store_rows,
    )
    print_rows("Loader alone, in this process (ratio = median / CSafeLoader loop median)", loader_rows)
    print_rows("Start-up, fresh process each (ratio = median / median of the row named)", help_rows)
    failed = report_failures(store_rows + help_rows)
    print("\nTargets: check within 1.5x of the bare CSafeLoader parse; --help within 1.3x of a minimal Typer app")
    print("printing a rich table. The floor builds Python values with the collector on; claimtrack composes nodes")
    print("without YAML 1.1 typing, collector off, so it can beat it. Times follow the machine's load: compare ratios.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
