"""The big and hostile inputs that made the fuzzy commands hang or crash (issue 7, items 9 and 10).

    .venv/bin/python benchmarks/big_fuzzy.py [--timeout 300] [--memory-limit-gib 6] [--only NAME,...]

Each case is a store generated here from a fixed seed under benchmarks/.data/big-fuzzy/,
then one `claimtrack` command run as a fresh process (common.run_child) under
a wall-clock timeout and an address-space limit (a blow-up must fail there,
not take the shared machine down). Printed per case: seconds, exit code, peak
RSS, characters of stdout, the first line of stderr (or a traceback's last),
and for `quotes-vs-check` the ratio to `check` on the same store (the issue's
"30x"). Exits 1 when a command failed or timed out.

Cases:
- quotes-1mb: one claim whose statement is 1 MB, reported with a 0.5 MB quote
  (the middle half, a few words changed), in a source whose archive holds the
  statement with a few typos.
- quotes-vs-check: 100 claims with 100 KB statements, each with a 2,000-word
  altered quote and an archive holding its statement; `quotes` against `check`.
- dupes-5mb: two statements of 5 MB, one a near copy of the other.
- dupes-1000-t60: 1,000 near-identical statements, `--threshold 60`.
- dupes-10k-templated: 10,000 statements from 20 templates that differ in a
  name or a number.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from random import Random

from common import DATA as COMMON_DATA
from common import HERE, MIB, claimtrack_argv, run_child

DATA = COMMON_DATA / "big-fuzzy"  # gitignored


def vocabulary(rng: Random, size: int = 5000) -> list[str]:
    """Pronounceable made-up words of 2-10 letters: a big vocabulary without any real text."""
    consonants, vowels = "bcdfghjklmnprstvwz", "aeiou"
    words = set()
    while len(words) < size:
        n = rng.randint(1, 5)
        words.add("".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(n)))
    return sorted(words)


def text_of(rng: Random, words: list[str], chars: int) -> str:
    out: list[str] = []
    total = 0
    while total < chars:
        # Zipf-like: a few words very common, most rare, as in prose.
        word = words[min(len(words) - 1, int(rng.paretovariate(1.1)) - 1)] if rng.random() < 0.5 else rng.choice(words)
        out.append(word)
        total += len(word) + 1
        if rng.random() < 0.06:
            out[-1] += "."
    return " ".join(out)


def changed(rng: Random, text: str, edits: int, words: list[str]) -> str:
    tokens = text.split(" ")
    for _ in range(edits):
        k = rng.randrange(len(tokens))
        op = rng.random()
        if op < 0.4:
            tokens[k] = rng.choice(words)
        elif op < 0.7:
            del tokens[k]
        else:
            tokens.insert(k, rng.choice(words))
    return " ".join(tokens)


def typos(rng: Random, text: str, count: int) -> str:
    chars = list(text)
    for _ in range(count):
        k = rng.randrange(1, len(chars) - 1)
        if chars[k].isalpha() and chars[k + 1].isalpha():
            chars[k], chars[k + 1] = chars[k + 1], chars[k]
    return "".join(chars)


def yaml_text(value: str) -> str:
    """A double-quoted YAML scalar: the generated text holds only letters, dots and spaces."""
    return '"' + value + '"'


def write_store(root: Path, claims: list[dict], sources: list[dict] | None = None) -> None:
    if root.exists():
        shutil.rmtree(root)
    (root / "archive").mkdir(parents=True)
    lines = ["speakers:"]
    speakers = sorted({c["speaker"] for c in claims})
    lines += [f"  - {{id: {s}, name: Speaker {s}}}" for s in speakers]
    if sources:
        lines.append("sources:")
        for source in sources:
            lines.append(f"  - {{id: {source['id']}, kind: news-report, archive: archive/{source['id']}.txt}}")
            (root / "archive" / f"{source['id']}.txt").write_text(source["text"], encoding="utf-8")
    lines.append("claims:")
    for claim in claims:
        lines.append(f"  - id: {claim['id']}")
        lines.append(f"    speaker: {claim['speaker']}")
        lines.append("    date: 2020-01-01")
        lines.append(f"    statement: {yaml_text(claim['statement'])}")
        if claim.get("source"):
            lines.append("    appears_in:")
            lines.append(f"      - source: {claim['source']}")
            if claim.get("quote"):
                lines.append(f"        quote: {yaml_text(claim['quote'])}")
    (root / "store.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the cases ------------------------------------------------------------------------


def case_quotes_1mb(root: Path, rng: Random) -> list[list[str]]:
    words = vocabulary(rng)
    statement = text_of(rng, words, 1_000_000)
    half = statement[len(statement) // 4 : len(statement) // 4 + 500_000]
    half = half[half.index(" ") + 1 : half.rindex(" ")]
    quote = changed(rng, half, 5, words)
    archive = "Headline\n\n" + typos(rng, statement, 20).replace(". ", ".\n") + "\n"
    write_store(
        root,
        [{"id": "big", "speaker": "s", "statement": statement, "source": "paper", "quote": quote}],
        [{"id": "paper", "text": archive}],
    )
    return [["quotes", "--store", str(root), "--format", "json"]]


def case_quotes_vs_check(root: Path, rng: Random) -> list[list[str]]:
    words = vocabulary(rng)
    claims, sources = [], []
    for n in range(100):
        statement = text_of(rng, words, 100_000)
        tokens = statement.split(" ")
        start = rng.randrange(len(tokens) - 2000)
        quote = changed(rng, " ".join(tokens[start : start + 2000]), 3, words)
        sources.append({"id": f"src{n}", "text": "Report\n\n" + typos(rng, statement, 10).replace(". ", ".\n")})
        claims.append({"id": f"c{n}", "speaker": "s", "statement": statement, "source": f"src{n}", "quote": quote})
    write_store(root, claims, sources)
    return [["check", "--store", str(root)], ["quotes", "--store", str(root), "--format", "json"]]


def case_dupes_5mb(root: Path, rng: Random) -> list[list[str]]:
    words = vocabulary(rng)
    first = text_of(rng, words, 5_000_000)
    second = changed(rng, first, 50, words)
    write_store(
        root, [{"id": "a", "speaker": "s", "statement": first}, {"id": "b", "speaker": "s", "statement": second}]
    )
    return [["dupes", "--store", str(root), "--format", "json"]]


def case_dupes_1000_t60(root: Path, rng: Random) -> list[list[str]]:
    words = vocabulary(rng)
    base = text_of(rng, words, 120)
    claims = [{"id": f"c{n}", "speaker": f"s{n % 7}", "statement": changed(rng, base, 2, words)} for n in range(1000)]
    write_store(root, claims)
    return [["dupes", "--store", str(root), "--threshold", "60"]]


TEMPLATES = [
    "Says {name} voted {n} times to raise taxes on the middle class.",
    "On abortion, {name} has changed positions {n} times.",
    "{name} supports a {n} percent sales tax on everything you buy.",
    "Says {name} missed {n} votes in Congress last year.",
    "Under {name}, the state lost {n} thousand jobs.",
    "{name} wants to cut Medicare by {n} billion dollars.",
    "Says {name} took {n} thousand dollars from oil companies.",
    "{name} raised the debt by {n} billion dollars in one term.",
    "Says {name} has never held a job in the private sector for {n} years.",
    "In {n} years, {name} never once voted against the party.",
    "{name} voted to give Congress a pay raise {n} times.",
    "Says {name} spent {n} million dollars on a bridge to nowhere.",
    "{name} is responsible for {n} percent of the deficit.",
    "Crime went up {n} percent while {name} was mayor.",
    "Says {name} wants to ban {n} kinds of guns.",
    "{name} cut school funding by {n} million dollars.",
    "Says {name} supported amnesty for {n} million illegal immigrants.",
    "{name} doubled the state budget in {n} years.",
    "Says {name} has been in office for {n} years and passed no bills.",
    "{name} voted {n} times against veterans benefits.",
]
FIRST = ["John", "Mary", "Rick", "Nancy", "Paul", "Lisa", "Mark", "Susan", "Tom", "Karen", "Jim", "Ann"]
LAST = ["Smith", "Jones", "Perry", "Brown", "Davis", "Miller", "Wilson", "Moore", "Taylor", "Clark", "Lewis", "Young"]


def case_dupes_10k_templated(root: Path, rng: Random) -> list[list[str]]:
    claims = []
    for n in range(10_000):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        statement = rng.choice(TEMPLATES).format(name=name, n=rng.randint(2, 99))
        claims.append({"id": f"c{n}", "speaker": f"s{n % 50}", "statement": statement})
    write_store(root, claims)
    return [["dupes", "--store", str(root), "--format", "json"]]


CASES: dict[str, Callable[[Path, Random], list[list[str]]]] = {
    "quotes-1mb": case_quotes_1mb,
    "quotes-vs-check": case_quotes_vs_check,
    "dupes-5mb": case_dupes_5mb,
    "dupes-1000-t60": case_dupes_1000_t60,
    "dupes-10k-templated": case_dupes_10k_templated,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per command (default 300)")
    parser.add_argument("--memory-limit-gib", type=float, default=6.0, help="address space per command (6)")
    parser.add_argument("--only", default="", help="comma-separated case names")
    args = parser.parse_args(argv)
    chosen = [c for c in args.only.split(",") if c] or list(CASES)
    ct, _note = claimtrack_argv()
    commit = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"commit {commit.stdout.strip()}, timeout {args.timeout:g} s, address space {args.memory_limit_gib:g} GiB")
    print(f"{'case':<22} {'command':<9} {'seconds':>8} {'exit':>7} {'peak RSS':>9} {'stdout':>10}  stderr")
    failed = False
    for name in chosen:
        root = DATA / name
        commands = CASES[name](root, Random(7))
        times: dict[str, float] = {}
        for command in commands:
            run = run_child([*ct, *command], memory_limit=args.memory_limit_gib, timeout=args.timeout)
            times[command[0]] = run.seconds
            failed |= not run.ok
            shown = f">{args.timeout:g}" if run.timed_out else f"{run.seconds:.2f}"
            code = "timeout" if run.timed_out else str(run.code)
            lines = run.stderr.strip().splitlines()
            said = (lines[-1] if "Traceback" in run.stderr else lines[0] if lines else "")[:110]
            print(
                f"{name:<22} {command[0]:<9} {shown:>8} {code:>7} {run.maxrss / MIB:>6.0f}MiB "
                f"{len(run.stdout):>10}  {said}",
                flush=True,
            )
        if "check" in times and "quotes" in times:
            print(f"{name:<22} quotes / check = {times['quotes'] / times['check']:.1f}x")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
