"""How fast claimtrack is, against named references and the floor it cannot go below.

    .venv/bin/python benchmarks/bench.py [--claims N] [--files F] [--repeat R] [--seed S]

Generates a synthetic store (benchmarks/synth.py) under benchmarks/.data/,
checks that it is valid, then times, each as a fresh process because that is
what a user waits for:

- `check`, `list --format json` and `report --unsourced --format json`
  against two references that read the same files:
  - the floor: libyaml composing every file into nodes, YAML 1.1 typing off,
    the collector paused: the least any reader of these files must do, and
    the first step of claimtrack's own loader;
  - PyYAML's full load (`yaml.load` with CSafeLoader: YAML 1.1 typing,
    Python values, collector on), the reference the issue's target names;
- `load_store` in this process against the same two loops, which leaves out
  interpreter and Typer start-up and isolates the loader;
- `claimtrack --help` against a minimal Typer app that prints a rich table
  (the issue's reference) and against that app's own --help.

Every figure is min / median / max of at least 10 timed runs (--repeat)
after an untimed warm-up; ratios are of medians. The machine is shared and
noisy, so commands that are compared run interleaved (A B A B ...).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    DATA,
    MIN_RUNS,
    Timing,
    claimtrack_argv,
    print_environment,
    print_store,
    time_calls,
    time_commands,
    validate_store,
    verdict,
    without_collector,
)
from synth import StoreInfo, generate_store

CHECK_TARGET = 1.5  # check on 10,000 claims, against PyYAML's full load of the same files (the reference)
HELP_TARGET = 1.3  # claimtrack --help, against a minimal Typer app that prints a rich table

# The floor: libyaml composes every file into nodes, with YAML 1.1 typing off
# (every scalar a string, as claimtrack reads them) and the collector paused:
# no values built, no records, no checks. Nothing that reads these files can
# do less, and claimtrack's loader starts with exactly this.
FLOOR_CODE = """
import gc, sys, yaml
from pathlib import Path
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

TAGS = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


class Composer(yaml.CSafeLoader):
    def resolve(self, kind, value, implicit):
        return TAGS[kind]


gc.disable()
root = Path(sys.argv[1])
for path in sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")]):
    yaml.compose(path.read_text(encoding="utf-8"), Loader=Composer)
"""

# PyYAML's full load, the reference the target names: libyaml parses,
# PyYAML resolves YAML 1.1 types and builds Python values, collector on.
PYYAML_LOAD_CODE = """
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

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        runs = min(self.timing.runs, self.reference.runs if self.reference else self.timing.runs)
        return verdict(self.ratio <= self.target, runs)


def prepare_store(claims: int, files: int, seed: int) -> StoreInfo:
    root = DATA / f"store-{claims}-{files}-s{seed}"
    if root.exists():
        import shutil

        shutil.rmtree(root)  # generation is deterministic and quick; never trust a stale copy
    return generate_store(root, claims=claims, files=files, seed=seed)


def bench_store_commands(ct: list[str], root: Path, repeat: int) -> list[Row]:
    store = ["--store", str(root)]
    timings = time_commands(
        {
            "floor": [sys.executable, "-c", FLOOR_CODE, str(root)],
            "pyyaml": [sys.executable, "-c", PYYAML_LOAD_CODE, str(root)],
            "check": [*ct, "check", *store],
            "list": [*ct, "list", *store, "--format", "json"],
            "report": [*ct, "report", "--unsourced", *store, "--format", "json"],
        },
        repeat,
    )
    floor, pyyaml = timings["floor"], timings["pyyaml"]
    return [
        Row("floor: libyaml composition, typing off, gc paused", floor),
        Row("PyYAML full load (yaml.load, YAML 1.1, gc on)", pyyaml, floor),
        Row("claimtrack check, vs PyYAML full load (target)", timings["check"], pyyaml, CHECK_TARGET),
        Row("claimtrack check, vs the floor", timings["check"], floor),
        Row("claimtrack list --format json, vs the floor", timings["list"], floor),
        Row("claimtrack report --unsourced --format json, vs floor", timings["report"], floor),
    ]


def bench_loader(root: Path, repeat: int) -> list[Row]:
    import yaml
    from yaml.nodes import MappingNode, ScalarNode, SequenceNode

    from claimtrack.pipeline import load_store

    tags = {
        ScalarNode: "tag:yaml.org,2002:str",
        SequenceNode: "tag:yaml.org,2002:seq",
        MappingNode: "tag:yaml.org,2002:map",
    }

    class Composer(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
        def resolve(self, kind: type, value: object, implicit: object) -> str:
            return tags[kind]

    paths = sorted([*root.rglob("*.yaml"), *root.rglob("*.yml")])

    def compose() -> list[object]:
        return [yaml.compose(p.read_text(encoding="utf-8"), Loader=Composer) for p in paths]

    def pyyaml_load() -> list[object]:
        return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in paths]

    timings = time_calls(
        {
            "floor": without_collector(compose),
            "pyyaml": pyyaml_load,
            "pyyaml-nogc": without_collector(pyyaml_load),
            "load_store": lambda: load_store(root),
        },
        repeat,
    )
    floor, pyyaml = timings["floor"], timings["pyyaml"]
    return [
        Row("floor: libyaml composition, typing off, gc paused", floor),
        Row("PyYAML full load, gc on", pyyaml, floor),
        Row("PyYAML full load, gc paused", timings["pyyaml-nogc"], floor),
        Row("claimtrack.pipeline.load_store, vs the floor", timings["load_store"], floor),
        Row("claimtrack.pipeline.load_store, vs PyYAML full load", timings["load_store"], pyyaml),
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


def print_rows(title: str, rows: list[Row]) -> None:
    print(f"\n{title}")
    print(f"  {'':54} {'min / median / max (runs)':>32} {'ratio':>7} {'of min':>7}  {'target':>7}  result")
    for row in rows:
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        min_ratio = f"{row.min_ratio:.2f}x" if row.min_ratio is not None else "-"
        target = f"<={row.target}x" if row.target is not None else ""
        print(
            f"  {row.label:54} {row.timing.spread():>32} {ratio:>7} {min_ratio:>7}  {target:>7}  {row.verdict}".rstrip()
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
    parser.add_argument(
        "--repeat", type=int, default=MIN_RUNS, help=f"timed runs of each store command (default {MIN_RUNS})"
    )
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

        yaml.CSafeLoader  # noqa: B018 -- the references need libyaml
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

    print(f"\ntiming store commands: {args.repeat} runs each after a warm-up, interleaved ...", flush=True)
    store_rows = bench_store_commands(ct, info.root, args.repeat)
    print(f"timing the loader in-process: {args.repeat} runs each after a warm-up, interleaved ...", flush=True)
    loader_rows = bench_loader(info.root, args.repeat)
    print(f"timing start-up: {args.help_repeat} runs each after a warm-up, interleaved ...", flush=True)
    help_rows = bench_help(ct, args.help_repeat)

    print_rows(
        f"Store commands, fresh process each, {info.claims:,} claims in {info.files} files "
        f"(ratio = median / the reference's median)",
        store_rows,
    )
    print_rows("Loader alone, in this process (ratio = median / the reference's median)", loader_rows)
    print_rows("Start-up, fresh process each (ratio = median / median of the row named)", help_rows)
    failed = report_failures(store_rows + help_rows)
    print("\nTargets: check within 1.5x of PyYAML's full load of the same files (the issue's reference); --help within")
    print("1.3x of a minimal Typer app printing a rich table. The floor (libyaml composition, typing off, gc paused)")
    print("is the least any reader of the store must do. Times follow the machine's load: compare ratios.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
