"""Recall of `claimtrack search` on half-remembered queries over the LIAR statements.

    .venv/bin/python benchmarks/search_eval.py [--sample 200] [--seed 1] [--cli 20]

Follows ../shared/design/search-eval.md. Reads ../shared/data/liar when it is
there (and says so and exits 0 when it is not), writes the 12,836 statements
as a store in a temporary folder (`date: unknown`, speakers named from
LIAR's slugs), then:

- samples statements with at least six content words (letters only, four or
  more letters, not a stop word) from a fixed seed;
- builds four queries per statement: (1) shuffled: four to six of its content
  words in another order; (2) typos: the same words, each with one typo (a
  letter dropped or two adjacent letters swapped); (3) fragment: five
  consecutive words; (4) speaker: the speaker's name and two content words;
- counts a hit when a returned claim's statement equals the sampled one, and
  prints recall@1 and recall@10 per kind at the default settings (limit 10,
  --min-score 60), for claimtrack's SearchIndex, for rapidfuzz's
  process.extract with token_set_ratio over statement + speaker name, and for
  BM25 (k1 1.5, b 0.75) over the same text;
- times a query in-process after loading (median over all queries), and end
  to end through the CLI on the first --cli queries of each kind.
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from random import Random

from common import claimtrack_argv, run_once
from liar import LIAR, Row, available, liar_rows, liar_store

KINDS = ("shuffled", "typos", "fragment", "speaker")
STOP = set(
    """a about above after again against all also among an and any are as at be because been before being
    below between both but by can could did do does doing down during each even every few for from further had
    has have having he her here hers herself him himself his how however i if in into is it its itself just
    last like made make many may me more most much must my myself never new no nor not now of off on once only
    or other our ours ourselves out over own said same says she should since so some still such than that the
    their theirs them themselves then there these they this those through to too under until up upon us very
    was we were what when where which while who whom why will with within without would year years yet you
    your yours yourself""".split()
)
LETTERS = re.compile(r"[A-Za-z]+")


def content_words(statement: str) -> list[str]:
    seen: dict[str, None] = {}
    for token in statement.split():
        word = token.strip(".,;:!?\"'()[]")
        if LETTERS.fullmatch(word) and len(word) >= 4 and word.lower() not in STOP:
            seen.setdefault(word, None)
    return list(seen)


def typo(rng: Random, word: str) -> str:
    """One letter dropped, or two adjacent letters swapped (when that changes the word)."""
    swaps = [k for k in range(len(word) - 1) if word[k] != word[k + 1]]
    if swaps and rng.random() < 0.5:
        k = rng.choice(swaps)
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    k = rng.randrange(len(word))
    return word[:k] + word[k + 1 :]


def make_queries(rows: list[Row], sample: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, query, statement sought) for each sampled statement and kind."""
    rng = Random(seed)
    eligible = [r for r in rows if len(content_words(r.statement)) >= 6]
    queries = []
    for row in rng.sample(eligible, sample):
        words = content_words(row.statement)
        chosen = rng.sample(words, rng.randint(4, min(6, len(words))))
        shuffled = list(chosen)
        while len(set(shuffled)) > 1 and shuffled == [w for w in words if w in chosen]:
            rng.shuffle(shuffled)
        tokens = row.statement.split()
        start = rng.randrange(max(1, len(tokens) - 4))
        queries += [
            ("shuffled", " ".join(shuffled), row.statement),
            ("typos", " ".join(typo(rng, w) for w in shuffled), row.statement),
            ("fragment", " ".join(tokens[start : start + 5]), row.statement),
            ("speaker", " ".join([row.speaker_name, *rng.sample(words, 2)]), row.statement),
        ]
    return queries


# --- the baselines ---------------------------------------------------------------------


def token_set_baseline(rows: list[Row]) -> Callable[[str], list[str]]:
    from rapidfuzz import fuzz, process, utils

    texts = [f"{r.statement} {r.speaker_name}" for r in rows]

    def search(query: str) -> list[str]:
        hits = process.extract(query, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=10)
        return [rows[i].statement for _text, _score, i in hits]

    return search


def bm25_baseline(rows: list[Row], k1: float = 1.5, b: float = 0.75) -> Callable[[str], list[str]]:
    def terms(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    docs = [Counter(terms(f"{r.statement} {r.speaker_name}")) for r in rows]
    lengths = [sum(d.values()) for d in docs]
    average = sum(lengths) / len(lengths)
    postings: dict[str, list[int]] = defaultdict(list)
    for n, doc in enumerate(docs):
        for term in doc:
            postings[term].append(n)
    idf = {t: math.log(1 + (len(docs) - len(p) + 0.5) / (len(p) + 0.5)) for t, p in postings.items()}

    def search(query: str) -> list[str]:
        scores: dict[int, float] = defaultdict(float)
        for term in set(terms(query)):
            for n in postings.get(term, ()):
                tf = docs[n][term]
                scores[n] += idf[term] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * lengths[n] / average))
        best = sorted(scores, key=lambda n: -scores[n])[:10]
        return [rows[n].statement for n in best]

    return search


# --- measuring ----------------------------------------------------------------------------


def recall(search: Callable[[str], list[str]], queries: list[tuple[str, str, str]]) -> tuple[dict, list[float]]:
    """Per kind: (recall@1, recall@10, queries that found nothing); and the time of each query."""
    at1: dict[str, int] = Counter()
    at10: dict[str, int] = Counter()
    empty: dict[str, int] = Counter()
    total: dict[str, int] = Counter()
    times = []
    for kind, query, statement in queries:
        start = time.perf_counter()
        found = search(query)
        times.append(time.perf_counter() - start)
        total[kind] += 1
        at1[kind] += bool(found) and found[0] == statement
        at10[kind] += statement in found[:10]
        empty[kind] += not found
    return {k: (at1[k] / total[k], at10[k] / total[k], empty[k]) for k in KINDS}, times


def cli_times(root: Path, queries: list[tuple[str, str, str]], per_kind: int) -> list[float]:
    """Seconds of `claimtrack search QUERY --format json` as fresh processes, after one warm-up."""
    argv, _note = claimtrack_argv()
    chosen = [q for kind in KINDS for q in [q for q in queries if q[0] == kind][:per_kind]]
    run_once([*argv, "search", "warm up", "--store", str(root)])
    return [run_once([*argv, "search", query, "--store", str(root), "--format", "json"])[0] for _k, query, _s in chosen]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", type=int, default=200, help="statements sampled (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--cli", type=int, default=5, help="queries of each kind timed through the CLI (default 5)")
    parser.add_argument("--show-misses", type=int, default=0, help="print up to N missed queries per kind")
    parser.add_argument("--no-baselines", action="store_true", help="measure claimtrack only (quicker)")
    args = parser.parse_args(argv)
    if not available():
        return 0
    rows = list(liar_rows())
    queries = make_queries(rows, args.sample, args.seed)
    print(f"LIAR: {len(rows)} statements from {LIAR}; {args.sample} sampled (seed {args.seed}), 4 queries each")

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from claimtrack.pipeline import load_store
    from claimtrack.search import SearchIndex

    with liar_store(rows) as root:
        start = time.perf_counter()
        store = load_store(root)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        index = SearchIndex(store, list(store.claims.values()))
        built = time.perf_counter() - start

        def claimtrack(query: str) -> list[str]:
            return [hit.claim.statement for hit in index.search(query, limit=10)]

        results = {"claimtrack search": recall(claimtrack, queries)}
        if not args.no_baselines:
            results["token_set_ratio"] = recall(token_set_baseline(rows), queries)
            results["BM25"] = recall(bm25_baseline(rows), queries)
        cli = cli_times(root, queries, args.cli) if args.cli else []
        if args.show_misses:
            for kind in KINDS:
                misses = [q for q in queries if q[0] == kind and q[2] not in claimtrack(q[1])][: args.show_misses]
                for _kind, query, statement in misses:
                    print(f"  miss {kind}: {query!r} -> {statement[:90]!r}")

    counts = f"{len(store.claims)} claims, {len(store.diagnostics)} diagnostics"
    print(f"store: {counts}; load {loaded:.2f} s, index {built:.2f} s")
    print()
    print(f"{'method':<20}" + "".join(f"{kind + ' @1':>13}{'@10':>7}" for kind in KINDS) + f"{'median ms':>11}")
    for method, (by_kind, times) in results.items():
        cells = "".join(f"{by_kind[k][0]:>13.3f}{by_kind[k][1]:>7.3f}" for k in KINDS)
        print(f"{method:<20}{cells}{statistics.median(times) * 1000:>11.1f}")
    nothing = ", ".join(f"{k} {results['claimtrack search'][0][k][2]}" for k in KINDS)
    print(f"claimtrack queries that found nothing: {nothing} (of {args.sample} each)")
    if cli:
        print(f"\nclaimtrack search through the CLI, {len(cli)} queries: median {statistics.median(cli):.2f} s")
    targets = results["claimtrack search"][0]
    ok = targets["typos"][1] >= 0.95 and all(targets[k][1] >= 0.98 for k in ("shuffled", "fragment"))
    print(f"targets (typos @10 >= 0.95, shuffled and fragment @10 >= 0.98): {'MET' if ok else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
