"""Mutation testing: does the suite fail when the code is wrong?

    .venv/bin/python scripts/mutation.py [MODULE ...] [--children N] [--keep | --survivors] [--no-planted]
                                         [--tests FILE ...]

Two kinds of mutants, because mutmut 3 only mutates function and method
bodies, while several of the bugs that changed answers were in module-level
tables (a relation's stance, the order of the sourcing ladder, the escaping
regex):

1. mutmut's mutants of the modules listed in pyproject.toml ([tool.mutmut]
   only_mutate), one module at a time, each mutant run under only the tests
   that reach the mutated function. Prints, per module, the score
   killed / (killed + survived) and the run time. Survivors that no test can
   tell apart from the original are listed with a reason in
   tests/mutation-equivalents.txt; every other survivor is printed with its
   change, to be killed by a new test.

   A module that every command goes through (loader: every test loads a
   store) would run each mutant under the whole suite, for hours. Its mutants
   run first under a chosen subset of the tests, the files that target it
   ([tool.mutmut.test_subsets] in pyproject.toml, or --tests): that score is
   a lower bound. Then each mutant that survived the subset, equivalents
   included, runs again under the tests of the whole suite that reach it, and
   the verdicts of both runs make the module's score. Both figures are
   printed.
2. The planted bugs of tests/planted-bugs.txt: hand-written one-line bugs,
   tables included, each applied to a copy of src/ and run against the whole
   suite (stopping at the first failure). The working tree is never changed.

MODULE is a name as in `model`, `export/json`; without one, all. Exits 1
when a module scores below 85%, a planted bug survives, or an entry of the
equivalents file no longer matches a surviving mutant.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tests" / "mutation-equivalents.txt"
PLANTED = ROOT / "tests" / "planted-bugs.txt"
TARGET = 0.85
# What counts as what (mutmut's own exit-code table names the statuses).
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
SURVIVED = {"survived", "no tests", "suspicious", "not checked", "skipped"}


def _default_sigint() -> None:
    """Ctrl-C as usual in the tests' processes: a shell that starts this script in the background
    ignores SIGINT, every child inherits that, and the tests of Ctrl-C then fail on the mutants."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


def configured_modules() -> dict[str, Path]:
    """name -> source path, for every file [tool.mutmut] only_mutate lists."""
    base = Path("src/claimtrack")
    return {Path(p).relative_to(base).with_suffix("").as_posix(): Path(p) for p in _config()["only_mutate"]}


def chosen_tests() -> dict[str, list[str]]:
    """module name -> the test files its mutants run under first ([tool.mutmut.test_subsets]; mutmut ignores it)."""
    subsets: dict[str, list[str]] = _config().get("test_subsets", {})
    modules = configured_modules()
    for name, files in subsets.items():
        if name not in modules:
            sys.exit(f"pyproject.toml [tool.mutmut.test_subsets]: '{name}' is not a configured module")
        missing = [f for f in files if not (ROOT / f).is_file()]
        if missing:
            sys.exit(f"pyproject.toml [tool.mutmut.test_subsets] {name}: no such test file: {', '.join(missing)}")
    return subsets


# --- equivalents ---------------------------------------------------------------


@dataclass(frozen=True)
class Equivalent:
    function: str  # claimtrack.textsafe._escape, claimtrack.model.PartialDate.parse
    change: str  # the mutated line(s), as mutmut writes them, stripped; " / " between lines
    reason: str
    line: int


def read_equivalents(path: Path = EQUIVALENTS) -> list[Equivalent]:
    found = []
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        # A mutated line may hold " | " (`str | None`): the function ends at the first, the reason starts at the last.
        function, _, rest = raw.partition(" | ")
        change, _, reason = rest.rpartition(" | ")
        parts = [function.strip(), change.strip(), reason.strip()]
        if not all(parts):
            sys.exit(f"{path.name}:{n}: expected 'function | mutated line | reason', got: {raw}")
        found.append(Equivalent(parts[0], parts[1], parts[2], n))
    return found


def function_of(mutant: str) -> str:
    """claimtrack.model.xǁPartialDateǁparse__mutmut_3 -> claimtrack.model.PartialDate.parse"""
    module, _, name = mutant.rpartition(".")
    name = name.rsplit("__mutmut_", 1)[0]
    if name.startswith("x\u01c1"):
        name = ".".join(part for part in name[2:].split("\u01c1") if part)
    else:
        name = name.removeprefix("x_")
    return f"{module}.{name}"


def change_of(diff: str) -> str:
    added = [line[1:].strip() for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return " / ".join(added) if added else "(line removed)"


def removed_of(diff: str) -> str:
    gone = [line[1:].strip() for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    return " / ".join(gone)


# --- mutmut --------------------------------------------------------------------


@dataclass
class ModuleResult:
    name: str
    counts: Counter[str]
    equivalent: int
    survivors: list[tuple[str, str, str]]  # mutant, removed line, added line
    seconds: float
    subset_killed: int | None = None  # killed by the module's chosen tests, before the recheck

    @property
    def killed(self) -> int:
        return sum(self.counts[s] for s in KILLED)

    @property
    def survived(self) -> int:
        return sum(self.counts[s] for s in SURVIVED) - self.equivalent

    @property
    def score(self) -> float:
        total = self.killed + self.survived
        return self.killed / total if total else 1.0

    @property
    def subset_score(self) -> float | None:
        """The score the chosen tests alone gave: a lower bound (the equivalents found count for neither)."""
        if self.subset_killed is None:
            return None
        total = sum(self.counts.values()) - self.equivalent
        return self.subset_killed / total if total else 1.0


def exit_codes(path: Path) -> dict[str, int | None]:
    """Each mutant's last verdict, as mutmut's exit code (None: not run)."""
    meta = ROOT / "mutants" / f"{path}.meta"
    return json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"] if meta.exists() else {}


def survivors_of(path: Path) -> list[str]:
    """The mutants of a module that survived its last run (mutants/ of an earlier run)."""
    from mutmut.stats import status_by_exit_code

    return [m for m, code in exit_codes(path).items() if code is not None and status_by_exit_code[code] in SURVIVED]


def narrow(tests_by_function: dict[str, set[str]], files: set[str]) -> None:
    """Keep, of the tests that reach each function, those in the files given (ids 'tests/test_x.py::name')."""
    for tests in tests_by_function.values():
        tests.intersection_update({test for test in tests if test.partition("::")[0] in files})


def mutmut_under_tests() -> None:
    """mutmut's command line, run as `-c` by _mutmut: argv[1] is the JSON list of the test files
    the mutants run under (null: every test that reaches them), the rest mutmut's arguments.

    mutmut keeps which tests reach which function in its stats, collected from the whole suite
    and shared by every module's run; changing its test selection instead would make it forget
    every verdict and collect them anew. So the stats are narrowed in this process only, after
    they are saved and before it forks the mutants."""
    import mutmut.__main__ as cli
    from mutmut.state import state

    files = json.loads(sys.argv.pop(1))
    collect = cli.collect_or_load_stats

    def collect_then_narrow(*args: object, **kwargs: object) -> None:
        collect(*args, **kwargs)  # type: ignore[arg-type]
        if files is not None:
            narrow(state().tests_by_mangled_function_name, set(files))

    cli.collect_or_load_stats = collect_then_narrow
    cli.cli()


def _mutmut(mutants: list[str], children: int, tests: list[str] | None, log: Path) -> int:
    """Run mutmut on the mutants named, under the test files given (None: the whole suite); its exit code."""
    here = str(Path(__file__).resolve().parent)
    start = f"import sys; sys.path.insert(0, {here!r}); import mutation; mutation.mutmut_under_tests()"
    with open(os.devnull, "w") as sink:
        proc = subprocess.run(
            [sys.executable, "-c", start, json.dumps(tests), "run", "--max-children", str(children), *mutants],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=sink,
            text=True,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            preexec_fn=_default_sigint,
        )
    log.parent.mkdir(exist_ok=True)
    with log.open("a", encoding="utf-8") as out:
        out.write(proc.stdout)
    return proc.returncode


def run_mutmut(
    name: str,
    path: Path,
    children: int,
    equivalents: list[Equivalent],
    used: set[int],
    survivors_only: bool = False,
    tests: list[str] | None = None,
) -> ModuleResult:
    """Run a module's mutants; given test files, under those first and then their survivors under the whole suite."""
    module = "claimtrack." + name.replace("/", ".")
    log = ROOT / "mutants" / f"mutation-{name.replace('/', '-')}.log"
    log.unlink(missing_ok=True)
    # Only the last run's survivors, against the tests as they are now: the check after writing tests.
    chosen = survivors_of(path) if survivors_only else [f"{module}.*"]
    start = time.perf_counter()
    returncode = 0
    subset_killed = None
    if chosen:  # nothing to rerun when nothing survived
        returncode = _mutmut(chosen, children, tests, log)
        if tests is not None:
            from mutmut.stats import status_by_exit_code

            subset_killed = sum(status_by_exit_code[code] in KILLED for code in exit_codes(path).values())
            again = survivors_of(path)
            if again:  # the recheck: each under every test of the suite that reaches it
                returncode = _mutmut(again, children, None, log)
    seconds = time.perf_counter() - start
    if returncode != 0 and not (ROOT / "mutants" / f"{path}.meta").exists():
        sys.exit(f"mutmut failed on {name} (exit {returncode}); see {log}")
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    codes = exit_codes(path)
    counts: Counter[str] = Counter()
    survivors = []
    equivalent = 0
    cwd = Path.cwd()
    os.chdir(ROOT)  # mutmut reads its files relative to the project
    try:
        for mutant, code in sorted(codes.items(), key=lambda kv: _mutant_order(kv[0])):
            status = status_by_exit_code[code]
            counts[status] += 1
            if status not in SURVIVED:
                continue
            diff = get_diff_for_mutant(mutant, path=path)
            function, change = function_of(mutant), change_of(diff)
            match = next((e for e in equivalents if e.function == function and e.change == change), None)
            if match is not None:
                used.add(match.line)
                equivalent += 1
            else:
                survivors.append((f"{mutant} ({status})", removed_of(diff), change))
    finally:
        os.chdir(cwd)
    return ModuleResult(name, counts, equivalent, survivors, seconds, subset_killed)


def _mutant_order(mutant: str) -> tuple[str, int]:
    head, _, number = mutant.rpartition("__mutmut_")
    return (head, int(number) if number.isdigit() else 0)


# --- planted bugs ----------------------------------------------------------------


@dataclass
class Planted:
    title: str
    file: str
    old: str
    new: str


def read_planted(path: Path = PLANTED) -> list[Planted]:
    bugs: list[Planted] = []
    title = file = None
    old: list[str] = []
    new: list[str] = []

    def close() -> None:
        if title is not None:
            if not file or not old:
                sys.exit(f"{path.name}: '{title}' needs a 'file:' line and '-' lines")
            bugs.append(Planted(title, file, "\n".join(old), "\n".join(new)))

    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("## "):
            close()
            title, file, old, new = raw[3:].strip(), None, [], []
        elif raw.startswith("file: "):
            file = raw[6:].strip()
        elif raw.startswith("- "):
            old.append(raw[2:])
        elif raw.startswith("+ "):
            new.append(raw[2:])
        elif raw.strip() == "+":
            new.append("")
    close()
    return bugs


# The tests that pin the tables and the plumbing run first, so that a planted bug, which they
# usually catch, stops the run in seconds rather than after the capture tests.
FIRST_TESTS = (
    "test_contract_tables.py",
    "test_cli_filters.py",
    "test_escaping.py",
    "test_model.py",
    "test_query.py",
    "test_query_resolve.py",
    "test_reports.py",
    "test_diagnostics.py",
)


def test_files() -> list[str]:
    tests = ROOT / "tests"
    first = [tests / name for name in FIRST_TESTS if (tests / name).exists()]
    rest = sorted(p for p in tests.glob("test_*.py") if p not in first)
    return [str(p.relative_to(ROOT)) for p in first + rest]


def run_planted(bug: Planted) -> tuple[bool, str, float]:
    """Apply one bug to a copy of src/, run the suite against it: (killed, first failing test, seconds)."""
    source = (ROOT / bug.file).read_text(encoding="utf-8")
    if source.count(bug.old) != 1:
        sys.exit(f"planted bug '{bug.title}': its '-' lines occur {source.count(bug.old)} times in {bug.file}")
    with tempfile.TemporaryDirectory(prefix="planted-") as tmp:
        shutil.copytree(ROOT / "src", Path(tmp) / "src")
        (Path(tmp) / bug.file).write_text(source.replace(bug.old, bug.new), encoding="utf-8")
        start = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--hypothesis-profile=mutation"]
            + test_files(),
            cwd=ROOT,
            capture_output=True,
            text=True,
            # Ahead of the editable install's path: the copy with the bug is what the tests import.
            env={**os.environ, "PYTHONPATH": str(Path(tmp) / "src")},
            preexec_fn=_default_sigint,
        )
        seconds = time.perf_counter() - start
    failed = next((line[7:].split(" - ")[0] for line in proc.stdout.splitlines() if line.startswith("FAILED ")), "")
    return proc.returncode != 0, failed, seconds


# --- report ----------------------------------------------------------------------------


def main() -> int:
    modules = configured_modules()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE", help=f"any of: {', '.join(modules)}")
    parser.add_argument("--children", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run instead of starting anew")
    parser.add_argument(
        "--survivors", action="store_true", help="rerun only the last run's survivors (implies --keep): after new tests"
    )
    parser.add_argument("--no-planted", action="store_true", help="skip the planted bugs")
    parser.add_argument("--only-planted", action="store_true", help="run only the planted bugs")
    parser.add_argument(
        "--tests",
        nargs="+",
        metavar="FILE",
        help="run the mutants under these test files first, then their survivors under the whole suite "
        "(default: [tool.mutmut.test_subsets]); name the modules before it",
    )
    args = parser.parse_args()
    unknown = [m for m in args.modules if m not in modules]
    if unknown:
        parser.error(f"not a configured module: {', '.join(unknown)}; choose from {', '.join(modules)}")
    missing = [f for f in args.tests or () if not (ROOT / f).is_file()]
    if missing:
        parser.error(f"no such test file: {', '.join(missing)} (give paths like tests/test_loader.py)")
    subsets = chosen_tests()
    failed = False

    if not args.only_planted:
        if not (args.keep or args.survivors):
            shutil.rmtree(ROOT / "mutants", ignore_errors=True)  # results of older code or tests would be stale
        equivalents = read_equivalents()
        used: set[int] = set()
        results = []
        for name in args.modules or modules:
            tests = args.tests or subsets.get(name)
            result = run_mutmut(name, modules[name], args.children, equivalents, used, args.survivors, tests)
            results.append(result)
            print(
                f"{name:16} {result.score:6.1%}  killed {result.killed:4}  survived {result.survived:3}"
                f"  equivalent {result.equivalent:2}  ({sum(result.counts.values())} mutants, {result.seconds:.0f} s)",
                flush=True,
            )
            if tests and result.subset_score is not None:
                print(
                    f"{'':16} {result.subset_score:6.1%}  killed {result.subset_killed:4}  under the {len(tests)}"
                    f" test file{'s' if len(tests) > 1 else ''} alone; above: after the survivors' recheck",
                    flush=True,
                )
        print()
        for result in results:
            for mutant, removed, added in result.survivors:
                print(f"survived: {mutant}\n    - {removed}\n    + {added}")
        below = [r.name for r in results if r.score < TARGET]
        if below:
            print(f"below {TARGET:.0%}: {', '.join(below)}")
            failed = True
        if not args.modules:
            stale = [e for e in equivalents if e.line not in used]
            for e in stale:
                print(f"{EQUIVALENTS.name}:{e.line}: matches no surviving mutant: {e.function} | {e.change}")
            failed |= bool(stale)
        total = sum(r.seconds for r in results)
        print(
            f"mutmut: {sum(r.killed for r in results)} killed, {sum(r.survived for r in results)} survived, "
            f"{sum(r.equivalent for r in results)} equivalent in {total:.0f} s"
        )

    if not args.no_planted:
        print()
        bugs = read_planted()
        survivors = 0
        for bug in bugs:
            killed, test, seconds = run_planted(bug)
            survivors += not killed
            print(
                f"planted {'killed  ' if killed else 'SURVIVED'} {seconds:5.1f} s  {bug.title}"
                + (f"  <- {test}" if test else ""),
                flush=True,
            )
        print(f"planted bugs: {len(bugs) - survivors} of {len(bugs)} killed")
        failed |= survivors > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
