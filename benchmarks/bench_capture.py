"""How fast `capture` is: the issue's target is under 0.3 s for a 1,500-word article, once started.

    .venv/bin/python benchmarks/bench_capture.py [--claims 10000] [--repeat 7]

Generates a store with synth.py under benchmarks/.data/ (its archive texts
are articles full of quotations from the store's claims), joins archive
texts into a 1,500-word article, then measures in this process:
- propose() without a store (the rules alone) and with the store's speakers
  and claims (speaker resolution, same_as and answers against every claim);
and as fresh processes, what a user waits for:
- `claimtrack capture ARTICLE --format json` with the store, against
  `claimtrack list --limit 1 --format json` on the same store (start-up and
  loading, the floor capture cannot go below) and `claimtrack --help`.
Medians and minimums in milliseconds, from round-robin runs after a warm-up
(the helpers of common.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench import prepare_store
from common import DATA, Timing, claimtrack_argv, time_calls, time_commands

ARTICLE_WORDS = 1500


def article_from(root: Path, words: int) -> str:
    """Archive texts of the synthetic store joined until the article has `words` words."""
    parts: list[str] = []
    count = 0
    for path in sorted(root.glob("**/*.txt")):
        text = path.read_text(encoding="utf-8")
        parts.append(text)
        count += len(text.split())
        if count >= words:
            break
    return "\n\n".join(parts)


def row(label: str, timing: Timing, reference: Timing | None = None) -> None:
    ratio = f"{timing.median_ms / reference.median_ms:5.2f}x" if reference else "      "
    print(f"  {label:<48} {timing.median_ms:8.1f} {timing.min_ms:8.1f}  {ratio}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=10_000, help="claims in the synthetic store (10000)")
    parser.add_argument("--files", type=int, default=100, help="files in the store (100)")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs of each measurement (7)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from claimtrack.capture import propose
    from claimtrack.pipeline import load_store

    info = prepare_store(args.claims, args.files, args.seed)
    text = article_from(info.root, ARTICLE_WORDS)
    words = len(text.split())
    article = DATA / "capture-article.txt"
    article.write_text(text, encoding="utf-8")
    store = load_store(info.root)
    speakers, claims = list(store.speakers.values()), list(store.claims.values())
    found = propose(text, speakers=speakers, claims=claims)
    print(
        f"article: {words:,} words, {len(found)} proposals ({sum(1 for p in found if p.same_as)} already recorded);"
        f" store: {len(claims):,} claims, {len(speakers):,} speakers"
    )
    print(f"\n  {'in process (ms)':<48} {'median':>8} {'min':>8}")
    calls = time_calls(
        {
            "propose, no store": lambda: propose(text),
            "propose, with the store": lambda: propose(text, speakers=speakers, claims=claims),
        },
        args.repeat,
    )
    for name, timing in calls.items():
        row(name, timing)
    scale = ARTICLE_WORDS / words
    print(f"  per {ARTICLE_WORDS:,} words, with the store: {calls['propose, with the store'].median_ms * scale:.1f} ms")

    ct, note = claimtrack_argv()
    print(f"\n  {'fresh processes (ms): ' + note[:26]:<48} {'median':>8} {'min':>8}  vs list")
    commands = {
        "capture --format json": [*ct, "capture", str(article), "--format", "json", "--store", str(info.root)],
        "list --limit 1 --format json": [*ct, "list", "--limit", "1", "--format", "json", "--store", str(info.root)],
        "--help": [*ct, "--help"],
    }
    timings = time_commands(commands, args.repeat)
    for name, timing in timings.items():
        if timing.failures:
            print(f"  {name}: FAILED {timing.failures[0]}")
    row("capture --format json", timings["capture --format json"], timings["list --limit 1 --format json"])
    row("list --limit 1 --format json", timings["list --limit 1 --format json"])
    row("--help", timings["--help"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
