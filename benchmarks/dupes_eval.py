"""Precision of `claimtrack dupes` on the LIAR statements, and recall of exact repeats.

    .venv/bin/python benchmarks/dupes_eval.py [--thresholds 90,80] [--sample 30] [--seed 1] [--show]

Follows ../shared/design/search-eval.md ("dupes"). Reads ../shared/data/liar
when it is there (and says so and exits 0 when it is not), writes the 12,836
statements as a store in a temporary folder, runs `find_groups` at each
threshold, and:

- samples --sample groups per threshold from a fixed seed;
- reads the judgements in benchmarks/dupes_judgements.tsv: one line per group
  judged by reading it (threshold, the group's claim ids joined by '+',
  `same` or `not`, and the reason), and reports precision = same / judged over
  the sampled groups. Sampled groups without a judgement are listed with
  their statements (--show prints them in full) so that a person can judge
  them and add lines; the figure is only complete when none is missing;
- reports the recall of exact repeats: every pair of claims whose normalised
  statements are identical must be in one group. Apart: the identical pairs
  of statements about their speakers by two speakers ('On torture.' by McCain
  and by Gingrich: each one's own position), which dupes keeps apart by design
  (the issue counts them among the false groups);
- times find_groups, and prints what the bounds of dupes cut, as the command
  says on stderr.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import defaultdict
from pathlib import Path
from random import Random

from liar import LIAR, available, liar_rows, liar_store

HERE = Path(__file__).resolve().parent
JUDGEMENTS = HERE / "dupes_judgements.tsv"


def read_judgements() -> dict[tuple[str, str], tuple[str, str]]:
    """(threshold, group key) -> (verdict, reason)."""
    found: dict[tuple[str, str], tuple[str, str]] = {}
    if not JUDGEMENTS.is_file():
        return found
    for line in JUDGEMENTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        threshold, key, verdict, reason = (line.split("\t") + ["", "", "", ""])[:4]
        if verdict not in ("same", "not"):
            raise SystemExit(f"{JUDGEMENTS.name}: verdict must be 'same' or 'not': {line!r}")
        if verdict == "not" and not reason.strip():
            raise SystemExit(f"{JUDGEMENTS.name}: a 'not' needs its reason: {line!r}")
        found[(threshold, key)] = (verdict, reason)
    return found


def grouped(pairs: list[tuple[str, str]], group_of: dict[str, int]) -> int:
    """How many of the pairs of claim ids sit in one group."""
    return sum(1 for a, b in pairs if a in group_of and group_of.get(a) == group_of.get(b))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--thresholds", default="90,80", help="comma-separated (default 90,80)")
    parser.add_argument("--sample", type=int, default=30, help="groups sampled per threshold (default 30)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--show", action="store_true", help="print every sampled group in full")
    args = parser.parse_args(argv)
    if not available():
        return 0
    sys.path.insert(0, str(HERE.parent / "src"))
    from claimtrack.dupes import find_groups, normalise
    from claimtrack.dupes_tokens import about_its_speaker
    from claimtrack.pipeline import load_store

    rows = list(liar_rows())
    judgements = read_judgements()
    with liar_store(rows) as root:
        store = load_store(root)
    claims = list(store.claims.values())
    print(f"LIAR: {len(claims)} statements from {LIAR}, {len(store.diagnostics)} diagnostics")

    by_text: dict[str, list] = defaultdict(list)
    for claim in claims:
        by_text[normalise(claim.statement)].append(claim)
    exact_pairs, own_pairs = [], []
    for same_text in by_text.values():
        for a, b in itertools.combinations(sorted(same_text, key=lambda c: c.id), 2):
            apart = a.speaker != b.speaker and about_its_speaker(a.statement)
            (own_pairs if apart else exact_pairs).append((a.id, b.id))

    missing_total = 0
    for threshold in (float(t) for t in args.thresholds.split(",")):
        label = f"{threshold:g}"
        start = time.perf_counter()
        notes: list[str] = []
        groups = find_groups(claims, threshold, notes.append)
        elapsed = time.perf_counter() - start
        group_of = {c.id: n for n, g in enumerate(groups) for c in g.claims}

        sizes = sorted((len(g.claims) for g in groups), reverse=True)
        print(f"\nthreshold {label}: {len(groups)} groups in {elapsed:.2f} s; largest {sizes[:5]}")
        for note in notes:
            print(f"  bounded: {note}")
        print(f"  exact repeats grouped: {grouped(exact_pairs, group_of)} of {len(exact_pairs)} pairs")
        print(
            f"  identical statements about their speakers, by two speakers: {grouped(own_pairs, group_of)} of "
            f"{len(own_pairs)} pairs grouped (kept apart by design)"
        )
        sample = Random(args.seed).sample(groups, min(args.sample, len(groups)))
        same = judged = 0
        for n, group in enumerate(sample, 1):
            key = "+".join(sorted(c.id for c in group.claims))
            verdict = judgements.get((label, key))
            if verdict:
                judged += 1
                same += verdict[0] == "same"
            if args.show or not verdict:
                print(f"  [{n}] {label}\t{key}\t{verdict[0] if verdict else 'UNJUDGED'}")
                for claim in group.claims:
                    print(f"       {store.speaker_name(claim.speaker)}: {claim.statement}")
        missing = len(sample) - judged
        missing_total += missing
        precision = f"{same / judged:.2f} ({same} of {judged} judged)" if judged else "n/a"
        print(f"  precision at {label}: {precision}; {missing} sampled groups not judged yet")
    if missing_total:
        print(f"\n{missing_total} sampled groups need a judgement in {JUDGEMENTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
