"""How fast claimtrack's fuzzy commands are: search and dupes, against the issue's targets.

    .venv/bin/python benchmarks/bench_fuzzy.py [--search-sizes 10000,100000] [--dupes-sizes 10000,50000] ...

Generates stores with synth.py under benchmarks/.data/, with 3% of claims
planted as near copies of an earlier statement (synth's `echoes`) so that
dupes has something to find, then measures:

search, per store size, in this process:
- load_store, SearchIndex construction and SearchIndex.search apart, since
  the target (under 250 ms per query at 100,000 claims) is for a query after
  loading; queries are ~20 realistic ones drawn from the store: typos,
  reordered words, fragments of statements, speaker aliases;
- one `claimtrack search QUERY --format json` as a fresh process, which is
  what a user waits for today: it pays interpreter start-up, loading, index
  build and the query.

dupes, per store size, in a child process each, under an address-space limit
(a quadratic step must fail there, not take the shared machine down):
- find_groups time, pairs and groups found, planted copies found;
- memory: the child's peak RSS, its RSS after loading, the peak RSS of the
  first find_groups run (Linux's VmHWM, reset after loading), tracemalloc's
  peak of one more run (peaks are VmHWM, not ru_maxrss: see watch_peak);
- `claimtrack dupes --format json` as a fresh process: time and peak RSS.

and on samples of the smallest dupes store:
- similar_pairs against dupes.all_pairs (every pair scored): identical pairs;
- find_groups against a difflib.SequenceMatcher loop over all pairs.

Timing, child processes, the environment header and store validation come from common.py.
"""

from __future__ import annotations

import argparse
import cProfile
import difflib
import gc
import io
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from random import Random

from common import (
    DATA,
    HERE,
    MIB,
    MIN_RUNS,
    ChildRun,
    Timing,
    claimtrack_argv,
    exponent,
    print_environment,
    print_store,
    run_child,
    time_call_keep,
    time_child,
    validate_store,
    verdict,
)
from synth import StoreInfo, generate_store

SEARCH_TARGET_MS = 250.0  # one query at 100,000 claims, after loading
DUPES_TARGET_S = 30.0  # dupes on 50,000 claims
SEARCH_TARGET_SIZE, DUPES_TARGET_SIZE = 100_000, 50_000
ECHOES = 0.03  # share of claims planted as near copies of an earlier statement
LIMIT = 10  # hits per query: the CLI's default --limit
# What a dupes child measured before find_groups, so still true when find_groups failed.
BEFORE_GROUPING = frozenset({"load_s", "rss_after_load", "peak_load", "planted", "planted_reaching", "claims"})

# Short words carry no fuzzy signal and a user rarely types them alone; queries are built from the others.
STOPWORDS = frozenset(
    "the this that these those their there they them then than with from into about have has had were was "
    "will shall would could should never not and for are our all any who what when which been being".split()
)


# --- child processes ------------------------------------------------------------------------


# --- stores ----------------------------------------------------------------------------------


def prepare_store(claims: int, per_file: int, seed: int, echoes: float) -> StoreInfo:
    files = max(1, claims // per_file)
    root = DATA / f"store-{claims}-{files}-s{seed}-e{echoes:g}"
    if root.exists():
        shutil.rmtree(root)  # generation is deterministic; never trust a stale copy
    info = generate_store(root, claims=claims, files=files, seed=seed, echoes=echoes)
    # Beside the store, not in it: claimtrack reads every file under root.
    planted_file(info).write_text(json.dumps(info.echoes), encoding="utf-8")
    return info


def planted_file(info: StoreInfo) -> Path:
    return info.root.with_name(info.root.name + ".echoes.json")


# --- search -----------------------------------------------------------------------------------


@dataclass
class Query:
    kind: str
    text: str


def content_words(text: str) -> list[str]:
    words = (w.strip(".,!?:;\"'()") for w in text.split())
    return [w for w in words if len(w) >= 4 and w.isalpha() and w.lower() not in STOPWORDS]


def typo(rng: Random, word: str) -> str:
    """One slip of the keyboard, inside the word: letters swapped, missed, doubled or wrong."""
    k = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:k] + word[k + 1] + word[k] + word[k + 2 :]
    if kind == 1:
        return word[:k] + word[k + 1 :]
    if kind == 2:
        return word[:k] + word[k] + word[k:]
    return word[:k] + rng.choice("aeiou".replace(word[k].lower(), "")) + word[k + 1 :]


def make_queries(store, seed: int) -> list[Query]:
    """About 20 queries of the kinds users type, drawn from the store with a fixed seed.

    Drawn from what the store says (and from the smallest store, whose
    vocabulary every generated store shares), so that each one should find
    something, and the same texts are timed at every size.
    """
    rng = Random(seed)
    claims = list(store.claims.values())
    said = {c.speaker for c in claims}
    people = [s for s in store.speakers.values() if s.aliases and s.id in said]
    queries: list[Query] = []

    def statement_words(minimum: int) -> list[str]:
        while True:
            words = content_words(rng.choice(claims).statement)
            if len(words) >= minimum:
                return words

    for _ in range(5):  # half-remembered words, each mistyped: "sneek atack"
        words = [w for w in statement_words(3) if len(w) >= 5]
        if len(words) < 2:
            continue
        start = rng.randrange(len(words) - 1)
        chosen = words[start : start + rng.randint(2, 3)]
        queries.append(Query("typos", " ".join(typo(rng, w.lower()) for w in chosen)))
    for _ in range(4):  # the right words in another order
        words = list(dict.fromkeys(statement_words(4)))
        chosen = rng.sample(words, min(len(words), rng.randint(3, 4)))
        queries.append(Query("reordered", " ".join(w.lower() for w in chosen)))
    for size in (4, 6, 8, 10, 12):  # a fragment of a quote, pasted as read
        words = rng.choice([c for c in claims if len(c.statement.split()) > size]).statement.split()
        start = rng.randrange(len(words) - size + 1)
        queries.append(Query("fragment", " ".join(words[start : start + size]).rstrip(".,!")))
    # Who said it, as the news names them: a surname typed in lower case,
    # "Dr. Haddad", a handle, a full name with the surname mistyped.
    titled = [s for s in people if len(s.aliases) >= 2]
    handles = [a for s in people for a in s.aliases if a.startswith("@")]
    queries.append(Query("alias", rng.choice(people).aliases[0].lower()))
    queries.append(Query("alias", rng.choice(titled).aliases[1]))
    queries.append(Query("alias", rng.choice(handles)))
    first, *_, last = rng.choice(people).name.split()
    queries.append(Query("alias", f"{first} {typo(rng, last)}"))
    for speaker in rng.sample(people, 2):  # who said what: a name and a word of theirs
        theirs = [c for c in claims if c.speaker == speaker.id]
        word = rng.choice(content_words(rng.choice(theirs).statement)).lower()
        queries.append(Query("name+word", f"{speaker.aliases[0]} {word}"))
    return queries


@dataclass
class SearchResult:
    size: int
    files: int
    load: Timing
    build: Timing
    queries: dict[str, Timing]  # query text -> timing
    hits: dict[str, tuple[int, float]]  # query text -> (hits, best score)
    cli: Timing
    cli_query: str
    cli_maxrss: int = 0
    cli_same_hits: bool | None = None
    entries: int = 0
    vocabulary: int = 0

    @property
    def query_medians(self) -> list[float]:
        return [t.median_ms for t in self.queries.values()]


def bench_search(
    ct: list[str], info: StoreInfo, queries: list[Query], repeat: int, query_repeat: int, cli_repeat: int
) -> SearchResult:
    from claimtrack.pipeline import load_store
    from claimtrack.search import SearchIndex

    root = info.root
    load, store = time_call_keep(lambda: load_store(root), repeat)
    # All claims, in store order: what `claimtrack search` indexes when no filter is given.
    claims = list(store.claims.values())
    build, index = time_call_keep(lambda: SearchIndex(store, claims), repeat)

    # Round-robin over the queries (a b c ... a b c) after one untimed round,
    # which also imports rapidfuzz. The collector stays on, as in the CLI:
    # a collection that a query triggers over the loaded store is part of its cost.
    gc.collect()
    timings = {q.text: Timing(q.text) for q in queries}
    hits: dict[str, tuple[int, float]] = {}
    for round_no in range(query_repeat + 1):
        for q in queries:
            start = time.perf_counter()
            found = index.search(q.text, LIMIT)
            elapsed = time.perf_counter() - start
            if round_no > 0:
                timings[q.text].samples.append(elapsed)
            hits[q.text] = (len(found), found[0].score if found else 0.0)

    # The CLI, as a user runs it: one query pays start-up + load + build + query.
    cli_query = queries[0].text
    expected = [hit.claim.id for hit in index.search(cli_query, LIMIT)]
    argv = [*ct, "search", cli_query, "--store", str(root), "--format", "json"]
    cli, runs = time_child(argv, cli_repeat)
    result = SearchResult(info.claims, info.files, load, build, timings, hits, cli, cli_query)
    result.entries, result.vocabulary = index.entry_count, len(index.vocabulary)
    if runs and runs[-1].ok:
        result.cli_maxrss = max(r.maxrss for r in runs)
        try:
            result.cli_same_hits = [h["id"] for h in json.loads(runs[-1].stdout)] == expected
        except (json.JSONDecodeError, KeyError, TypeError):
            result.cli_same_hits = False
    return result  # the store and its index go with this frame


# --- dupes ------------------------------------------------------------------------------------

# Runs in a fresh process per store, under an address-space limit; see its docstring.
DUPES_CHILD = HERE / "dupes_child.py"


@dataclass
class DupesResult:
    size: int
    files: int
    child: dict = field(default_factory=dict)  # what dupes_child.py printed
    child_run: ChildRun | None = None
    cli: Timing | None = None  # claimtrack dupes, fresh processes after a warm-up
    cli_runs: list[ChildRun] = field(default_factory=list)

    @property
    def error(self) -> str | None:
        if self.child_run is None or not self.child_run.ok:
            return self.child_run.why() if self.child_run else "not run"
        return self.child.get("error")

    @property
    def grouping(self) -> Timing | None:
        """find_groups' timed runs in the child, after its warm-up."""
        times = self.child.get("times")
        return Timing("find_groups", list(times)) if times and not self.child.get("error") else None

    @property
    def growth(self) -> int | None:
        """Extra resident memory while grouping, over what the loaded store holds."""
        if "rss_peak_grouping" not in self.child:
            return None
        return self.child["rss_peak_grouping"] - self.child["rss_after_load"]


def bench_dupes(
    ct: list[str],
    info: StoreInfo,
    threshold: float,
    repeat: int,
    cli_repeat: int,
    budget: float,
    memory_limit: float,
    timeout: float,
) -> DupesResult:
    result = DupesResult(info.claims, info.files)
    child = [str(info.root), str(threshold), str(repeat), str(planted_file(info)), str(budget)]
    run = run_child([sys.executable, str(DUPES_CHILD), *child], memory_limit=memory_limit, timeout=timeout)
    result.child_run = run
    if run.stdout.strip():
        try:
            result.child = json.loads(run.stdout.strip().splitlines()[-1])
        except json.JSONDecodeError:
            pass
    # The command itself: it pays start-up, load, find_groups and JSON output; a warm-up, then timed runs.
    cli = [*ct, "dupes", "--store", str(info.root), "--threshold", f"{threshold:g}", "--format", "json"]
    result.cli, result.cli_runs = time_child(cli, cli_repeat, memory_limit=memory_limit, timeout=timeout)
    return result


@dataclass
class Exactness:
    size: int
    fast: float  # seconds, similar_pairs
    reference: float  # seconds, all_pairs
    fast_pairs: int
    reference_pairs: int
    identical: bool
    max_score_diff: float


def bench_exactness(claims: list, threshold: float) -> Exactness:
    """similar_pairs must find exactly the pairs that scoring every pair finds."""
    from claimtrack.dupes import all_pairs, normalise, similar_pairs

    texts = [normalise(c.statement) for c in claims]
    gc.collect()
    start = time.perf_counter()
    fast = similar_pairs(texts, threshold)
    fast_s = time.perf_counter() - start
    gc.collect()
    start = time.perf_counter()
    reference = all_pairs(texts, threshold)
    reference_s = time.perf_counter() - start
    same = [(p.a, p.b) for p in fast] == [(p.a, p.b) for p in reference]
    diff = max((abs(p.score - q.score) for p, q in zip(fast, reference, strict=False)), default=0.0)
    return Exactness(len(texts), fast_s, reference_s, len(fast), len(reference), same, diff)


@dataclass
class DifflibResult:
    size: int
    dupes_s: float
    difflib_s: float
    dupes_pairs: set[tuple[int, int]]
    difflib_pairs: set[tuple[int, int]]


def difflib_pairs(claims: list, threshold: float) -> set[tuple[int, int]]:
    """What one would write with the standard library: SequenceMatcher over every pair.

    Same semantics as SequenceMatcher(None, a, b).ratio() * 100 >= threshold on
    the normalised statements, a = the earlier one; set_seq2 is outside the
    inner loop because SequenceMatcher caches what it learns about b, the
    documented way to compare one text against many.
    """
    from claimtrack.dupes import normalise

    texts = [normalise(c.statement) for c in claims]
    matcher = difflib.SequenceMatcher(None)
    found = set()
    for j, b in enumerate(texts):
        matcher.set_seq2(b)
        for i in range(j):
            matcher.set_seq1(texts[i])
            if matcher.ratio() * 100 >= threshold:
                found.add((i, j))
    return found


def bench_difflib(claims: list, threshold: float) -> DifflibResult:
    """find_groups' time against the loop's; pairs from similar_pairs, the same scorer-level question.

    find_groups then drops pairs where one claim answers the other against it
    (a denial quoting what it denies); the loop knows nothing of answers, so
    the pairs are compared before that step.
    """
    from claimtrack.dupes import find_groups, normalise, similar_pairs

    gc.collect()
    start = time.perf_counter()
    find_groups(claims, threshold)
    dupes_s = time.perf_counter() - start
    ours = {(p.a, p.b) for p in similar_pairs([normalise(c.statement) for c in claims], threshold)}
    gc.collect()
    start = time.perf_counter()
    theirs = difflib_pairs(claims, threshold)
    difflib_s = time.perf_counter() - start
    return DifflibResult(len(claims), dupes_s, difflib_s, ours, theirs)


# --- profiles ---------------------------------------------------------------------------------


def profile(label: str, call: Callable[[], object], top: int = 12) -> None:
    """cProfile of one call, by time spent in each function itself (tottime)."""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("tottime").print_stats(top)
    lines = [line for line in text.getvalue().splitlines() if line.strip()]
    print(f"\nprofile: {label}")
    for line in lines[1:]:
        print(f"  {line}")


def profile_search(info: StoreInfo, queries: list[Query]) -> None:
    from claimtrack.pipeline import load_store
    from claimtrack.search import SearchIndex

    store = load_store(info.root)
    claims = list(store.claims.values())
    index = SearchIndex(store, claims)
    profile(f"SearchIndex build, {len(claims):,} claims", lambda: SearchIndex(store, claims))
    index.search(queries[0].text, LIMIT)  # imports rapidfuzz outside the profile

    def fastest(q: Query) -> float:
        return min(time_once(lambda: index.search(q.text, LIMIT)) for _ in range(2))

    slowest = max(queries, key=fastest)
    label = f"search {slowest.text!r} ({slowest.kind}), {len(claims):,} claims"
    profile(label, lambda: index.search(slowest.text, LIMIT))


def profile_dupes(info: StoreInfo, threshold: float) -> None:
    from claimtrack.dupes import find_groups
    from claimtrack.pipeline import load_store

    claims = list(load_store(info.root).claims.values())
    profile(f"find_groups, {len(claims):,} claims", lambda: find_groups(claims, threshold))


def time_once(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


# --- output -----------------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}ms"


def secs(seconds: float | None) -> str:
    return "-" if seconds is None else f"{seconds:,.2f}s"


def mib(value: int | None) -> str:
    return "-" if value is None else f"{value / MIB:,.0f}MiB"


def short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def print_search(results: list[SearchResult], queries: list[Query]) -> None:
    for r in results:
        medians = r.query_medians
        slowest = max(r.queries.values(), key=lambda t: t.median_ms)
        over = sum(1 for m in medians if m > SEARCH_TARGET_MS)
        sums = r.load.median_ms + r.build.median_ms + statistics.median(medians)
        is_target = r.size == SEARCH_TARGET_SIZE
        runs = min(t.runs for t in r.queries.values())
        print(
            f"\nsearch, {r.size:,} claims in {r.files} files: {r.entries:,} index entries, "
            f"{r.vocabulary:,} distinct words"
        )
        print(f"  {'':58} {'min / median / max (runs)':>32}  {'target':>8}  result")
        across = Timing("queries", [m / 1000 for m in medians])
        target = f"<={SEARCH_TARGET_MS:g}ms" if is_target else ""
        rows = [
            ("load_store, in this process", r.load.spread(), "", ""),
            ("SearchIndex(store, claims): index build", r.build.spread(), "", ""),
            (
                f"one query: the {len(medians)} queries' medians ({runs} runs each)",
                across.spread().rsplit(" (", 1)[0] + f" ({len(medians)})",
                target,
                verdict(statistics.median(medians) <= SEARCH_TARGET_MS, runs) if is_target else "",
            ),
            (
                f"  slowest query; {over} of {len(medians)} over {SEARCH_TARGET_MS:g}ms",
                slowest.spread(),
                target,
                verdict(slowest.median_ms <= SEARCH_TARGET_MS, slowest.runs) if is_target else "",
            ),
            ("load + build + median query (sum of medians)", f"{sums:,.1f}ms", "", ""),
        ]
        if r.cli.samples:
            rows.append(("claimtrack search QUERY --format json, fresh process", r.cli.spread(), "", ""))
        for label, figures, target_text, result in rows:
            print(f"  {label:58} {figures:>32}  {target_text:>8}  {result}".rstrip())
        if r.cli.failures:
            print(f"  WARNING: claimtrack search failed: {r.cli.failures[-1]}")
        else:
            same = {True: "the same hits as in-process", False: "DIFFERENT hits from in-process", None: "-"}
            print(
                f"    CLI query {r.cli_query!r}: {same[r.cli_same_hits]}; peak RSS {mib(r.cli_maxrss)}; "
                f"it pays start-up + load + index build + query every time"
            )

    print(
        f"\nsearch queries: ms = median of each query's runs, hits = of at most {LIMIT} (the CLI's default "
        f"--limit), top = best score"
    )
    header = "".join(f"  {f'{r.size:,}: ms':>14} {'hits':>4} {'top':>5}" for r in results)
    print(f"  {'kind':10} {'query':46}{header}")
    for q in queries:
        cells = ""
        for r in results:
            n, top = r.hits[q.text]
            cells += f"  {r.queries[q.text].median_ms:12,.1f}ms {n:4} {top:5.1f}"
        print(f"  {q.kind:10} {short(q.text, 46):46}{cells}")
    empty = [q.text for q in queries if any(r.hits[q.text][0] == 0 for r in results)]
    if empty:
        print(f"  {len(empty)} queries found nothing at some size: {', '.join(repr(t) for t in empty)}")


def print_dupes(results: list[DupesResult], threshold: float, memory_limit: float) -> None:
    sizes = "".join(f" {f'{r.size:,}':>24}" for r in results)
    first, last = results[0], results[-1]
    scale = last.size / first.size if len(results) > 1 else None
    print(
        f"\ndupes (find_groups, threshold {threshold:g}), one child process per store, "
        f"address space limited to {memory_limit:g} GiB"
    )
    print(f"  {'':52}{sizes} {'exponent':>9}  {'target':>8}  result")

    def row(
        label: str, values: list, fmt: Callable, grows: list | None = None, target: str = "", result: str = ""
    ) -> None:
        """One figure per store size; `grows`: the numbers whose growth with the size is given as an exponent."""
        cells = "".join(f" {fmt(v):>24}" for v in values)
        k = exponent(grows[0], grows[-1], scale) if grows else None
        shown = f"n^{k:.2f}" if k is not None else ""
        print(f"  {label:52}{cells} {shown:>9}  {target:>8}  {result}".rstrip())

    def capped(value: int | None, failed: bool = False) -> str:
        """Memory of a run stopped by the limit: a floor of what it needed, not a measurement."""
        return f">={mib(value)}" if failed and value else mib(value)

    def get(key: str) -> list:
        """A figure of each child; of one that failed, only what it measured before failing."""
        return [r.child.get(key) if not r.error or key in BEFORE_GROUPING else None for r in results]

    def spread(t: Timing | None) -> str:
        return t.spread("s") if t and t.samples else "-"

    target_row = [r for r in results if r.size == DUPES_TARGET_SIZE]
    tr = target_row[0] if target_row else None

    def meets(t: Timing | None) -> str:
        return verdict(t is not None and bool(t.samples) and t.median_ms / 1000 <= DUPES_TARGET_S, t.runs if t else 0)

    target = f"<={DUPES_TARGET_S:g}s" if tr else ""
    row("load_store in the child", get("load_s"), secs)
    row("find_groups warm-up run (untimed; its peak RSS below)", get("warmup_s"), secs)
    grouping = [r.grouping for r in results]
    row(
        "find_groups: min / median / max (timed runs)",
        grouping,
        spread,
        grows=[g.median_ms if g else None for g in grouping],
        target=target,
        result=meets(tr.grouping) if tr else "",
    )
    row(
        "claimtrack dupes --format json, fresh process",
        [r.cli for r in results],
        spread,
        grows=[r.cli.median_ms if r.cli and r.cli.samples else None for r in results],
        target=target,
        result=meets(tr.cli) if tr else "",
    )
    row("pairs reaching the threshold", get("pairs"), lambda v: "-" if v is None else f"{v:,}", grows=get("pairs"))
    row(
        "groups (of them repeats: one speaker)",
        results,
        lambda r: f"{r.child['groups']} ({r.child['repeat_groups']})" if r.child and not r.error else "-",
    )
    row("claims in groups", get("claims_in_groups"), lambda v: "-" if v is None else f"{v:,}")
    row("later claims with no recorded link (unrecorded)", get("unrecorded"), lambda v: "-" if v is None else f"{v:,}")
    row("planted near copies", get("planted"), lambda v: "-" if v is None else f"{v:,}")
    row(
        "  of them scoring >= threshold, by fuzz.ratio",
        get("planted_reaching"),
        lambda v: "-" if v is None else f"{v:,}",
    )
    row("  of those, found by dupes", results, lambda r: planted_found(r))
    print("  memory")
    child_rss = [(r.child_run.maxrss if r.child_run else None, bool(r.error)) for r in results]
    row("  peak RSS of the child (load, all runs, tracemalloc's)", child_rss, lambda v: capped(*v))
    row("  RSS after load", get("rss_after_load"), mib, grows=get("rss_after_load"))
    row("  peak RSS during the warm-up find_groups (VmHWM)", get("rss_peak_grouping"), mib)
    growth = [r.growth for r in results]
    k = exponent(growth[0], growth[-1], scale)
    linear = verdict(k is not None and k <= 1.5) if scale else ""
    if scale and last.error:
        linear = "MISS"  # it did not fit in the limit at all; see the warning below
    row(
        "  growth during find_groups (peak - after load)",
        growth,
        mib,
        grows=growth,
        target="<=n^1.5" if scale else "",
        result=linear,
    )
    traced = [r.child.get("tracemalloc_peak") for r in results]
    skipped = any(t is None and not r.error for t, r in zip(traced, results, strict=True))
    label = "  tracemalloc peak of one run" + (" (- = over --dupes-budget)" if skipped else "")
    row(label, traced, mib, grows=traced)
    cli_rss = [(max(run.maxrss for run in r.cli_runs), not r.cli_runs[-1].ok) if r.cli_runs else None for r in results]
    row("  claimtrack dupes: peak RSS", cli_rss, lambda v: capped(v[0], v[1]) if v else "-")
    if scale:
        print(
            f"  (exponent k: the figure grows as n^k from {first.size:,} to {last.size:,} claims, "
            f"k = log(ratio) / log({scale:g}); 1 grows with the count, 2 with its square; the memory target is 1.5)"
        )
    for r in results:
        if r.error:
            print(f"  WARNING: find_groups on {r.size:,} claims did not finish: {r.error}")
        if r.cli and r.cli.failures:
            print(f"  WARNING: claimtrack dupes on {r.size:,} claims did not finish: {r.cli.failures[-1]}")
        g = r.grouping
        if g and r.child.get("budget_reached"):
            print(f"  note: find_groups on {r.size:,} claims: {g.runs} timed runs, then --dupes-budget was reached")


def planted_found(r: DupesResult) -> str:
    if "planted_found" not in r.child or r.child.get("error"):
        return "-"
    return f"{r.child['planted_found']:,}/{r.child['planted_reaching']:,}"


def print_exactness(e: Exactness, sample_of: int) -> None:
    print(
        f"\ndupes exactness: similar_pairs (filters, then scores) against all_pairs (scores every pair), "
        f"the first {e.size:,} claims of the {sample_of:,}-claim store"
    )
    print(f"  {'similar_pairs':52} {secs(e.fast):>12} {e.fast_pairs:>8,} pairs")
    print(f"  {'all_pairs (rapidfuzz cdist, every pair)':52} {secs(e.reference):>12} {e.reference_pairs:>8,} pairs")
    print(
        f"  identical pairs: {'yes' if e.identical else 'NO'} ({e.fast_pairs:,} and {e.reference_pairs:,}); "
        f"scores differ by at most {e.max_score_diff:.3f}; similar_pairs takes "
        f"{e.fast / e.reference:.2f}x the time of all_pairs   {verdict(e.identical)}"
    )


def print_difflib(d: DifflibResult, threshold: float) -> None:
    both = d.dupes_pairs & d.difflib_pairs
    print(
        f"\ndupes against difflib.SequenceMatcher over all {d.size * (d.size - 1) // 2:,} pairs of the first "
        f"{d.size:,} claims, threshold {threshold:g} on normalised statements"
    )
    for label, seconds, pairs in (
        ("find_groups (pairs: similar_pairs, rapidfuzz ratio)", d.dupes_s, d.dupes_pairs),
        ("SequenceMatcher(None, a, b).ratio() * 100 >= t", d.difflib_s, d.difflib_pairs),
    ):
        print(f"  {label:52} {secs(seconds):>12} {len(pairs):>8,} pairs")
    print(
        f"  difflib / dupes: {d.difflib_s / d.dupes_s:,.0f}x the time; pairs found by both {len(both):,}, "
        f"only by dupes {len(d.dupes_pairs - both):,}, only by difflib {len(d.difflib_pairs - both):,}"
    )
    print(
        "  The scorers differ, so the counts may: rapidfuzz's ratio is 2*LCS/(|a|+|b|); SequenceMatcher's is "
        "2*M/(|a|+|b|)\n  with M the characters in the blocks its greedy longest-block matching finds (M <= LCS), "
        "and on texts of\n  200+ characters its autojunk heuristic ignores characters that are over 1% of b. "
        "So difflib's ratio is never\n  higher, and its pairs should be a subset."
    )


# --- main -------------------------------------------------------------------------------------


def source_mtime() -> float:
    """When a file under src/ last changed: a commit is not the only way code changes under a long run."""
    return max((p.stat().st_mtime for p in (HERE.parent / "src").rglob("*.py")), default=0.0)


def source_state() -> str:
    """Which claimtrack was measured: the commit, and whether src/ had changes on top of it."""
    repo = HERE.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(repo), "status", "--porcelain", "--", "src"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "not a git checkout"
    return f"commit {head}" + (", with uncommitted changes in src/" if dirty else ", src/ as committed")


def sizes(text: str) -> list[int]:
    try:
        values = sorted({int(v.replace("_", "")) for v in text.split(",") if v.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {text!r}") from None
    if not values or values[0] < 2:
        raise argparse.ArgumentTypeError("sizes must be at least 2")
    return values


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--search-sizes", type=sizes, default=[10_000, 100_000], help="store sizes for search (default 10000,100000)")
    add("--dupes-sizes", type=sizes, default=[10_000, 50_000], help="store sizes for dupes (default 10000,50000)")
    add("--per-file", type=int, default=100, help="claims per file (default 100, as bench.py)")
    add("--echoes", type=float, default=ECHOES, help=f"share of claims planted as near copies (default {ECHOES})")
    add("--seed", type=int, default=1, help="seed of the generated stores and queries (default 1)")
    add("--repeat", type=int, default=3, help="timed runs of load_store and the index build (default 3)")
    add("--query-repeat", type=int, default=MIN_RUNS, help=f"timed runs of each query (default {MIN_RUNS})")
    add("--cli-repeat", type=int, default=2, help="timed runs of `claimtrack search`, after a warm-up (default 2)")
    add(
        "--dupes-repeat",
        type=int,
        default=MIN_RUNS,
        help=f"timed find_groups runs in each child after a warm-up, at most (default {MIN_RUNS})",
    )
    add(
        "--dupes-cli-repeat",
        type=int,
        default=MIN_RUNS,
        help=f"timed runs of `claimtrack dupes` after a warm-up (default {MIN_RUNS})",
    )
    add(
        "--dupes-budget",
        type=float,
        default=300.0,
        help="seconds of find_groups runs after which a child stops repeating and skips tracemalloc (default 300)",
    )
    add("--threshold", type=float, default=90.0, help="dupes threshold (default 90, the CLI's)")
    add("--sample", type=int, default=5000, help="claims compared with all_pairs (default 5000)")
    add("--difflib", type=int, default=1000, help="claims compared with difflib (default 1000)")
    add("--memory-limit", type=float, default=8.0, help="GiB of address space per dupes child (default 8)")
    add("--timeout", type=float, default=900.0, help="seconds before a dupes child is killed (default 900)")
    add("--profile", action="store_true", help="also print cProfile tables of index build, a query, find_groups")
    args = parser.parse_args(argv)
    if (
        min(args.per_file, args.repeat, args.query_repeat, args.cli_repeat, args.dupes_repeat, args.dupes_cli_repeat)
        < 1
    ):
        parser.error("--per-file and the repeat counts must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        import numpy  # noqa: F401

        import claimtrack  # noqa: F401
    except ImportError as exc:
        print(f"bench_fuzzy: {exc}; run it with the project's Python: .venv/bin/python benchmarks/bench_fuzzy.py")
        return 2
    ct, ct_note = claimtrack_argv()
    started = time.time()
    print_environment(ct_note)
    print(f"          numpy {metadata.version('numpy')}; rapidfuzz workers=-1 use the {os.cpu_count()} CPUs")
    source = source_state()
    print(f"source    {source}")

    infos: dict[int, StoreInfo] = {}
    for size in sorted({*args.search_sizes, *args.dupes_sizes}):
        start = time.perf_counter()
        info = prepare_store(size, args.per_file, args.seed, args.echoes)
        print(f"\ngenerated in {time.perf_counter() - start:.1f} s (seed {args.seed}, echoes {args.echoes:g})")
        print_store(info)
        print(f"          {len(info.echoes):,} claims planted as near copies of an earlier statement")
        validate_store(ct, info)
        infos[size] = info

    from claimtrack.pipeline import load_store

    smallest = load_store(infos[args.search_sizes[0]].root)
    queries = make_queries(smallest, args.seed)
    del smallest

    search_results = []
    for size in args.search_sizes:
        print(
            f"\ntiming search on {size:,} claims: load and build {args.repeat} runs, {len(queries)} queries "
            f"{args.query_repeat} runs each, the CLI {args.cli_repeat} ...",
            flush=True,
        )
        search_results.append(bench_search(ct, infos[size], queries, args.repeat, args.query_repeat, args.cli_repeat))

    dupes_results = []
    for size in args.dupes_sizes:
        print(
            f"timing dupes on {size:,} claims in a child process: a warm-up and up to {args.dupes_repeat} runs, "
            f"then the CLI: a warm-up and {args.dupes_cli_repeat} runs ...",
            flush=True,
        )
        dupes_results.append(
            bench_dupes(
                ct,
                infos[size],
                args.threshold,
                args.dupes_repeat,
                args.dupes_cli_repeat,
                args.dupes_budget,
                args.memory_limit,
                args.timeout,
            )
        )

    sample_store = load_store(infos[args.dupes_sizes[0]].root)
    claims = list(sample_store.claims.values())
    print(f"checking similar_pairs against all_pairs on {min(args.sample, len(claims)):,} claims ...", flush=True)
    exact = bench_exactness(claims[: args.sample], args.threshold)
    print(f"timing difflib on {min(args.difflib, len(claims)):,} claims ...", flush=True)
    against_difflib = bench_difflib(claims[: args.difflib], args.threshold)
    del sample_store, claims

    print_search(search_results, queries)
    print_dupes(dupes_results, args.threshold, args.memory_limit)
    print_exactness(exact, args.dupes_sizes[0])
    print_difflib(against_difflib, args.threshold)

    if args.profile:
        profile_search(infos[args.search_sizes[-1]], queries)
        profile_dupes(infos[args.dupes_sizes[0]], args.threshold)

    failed = [r for r in search_results if r.cli.failures] + [
        r for r in dupes_results if r.error or (r.cli and r.cli.failures)
    ]
    if source_state() != source or source_mtime() > started:
        print(f"\nWARNING: src/ changed during the run (now {source_state()}); the figures may mix two versions")
    print(
        f"\nTargets: a search query under {SEARCH_TARGET_MS:g} ms at {SEARCH_TARGET_SIZE:,} claims after loading "
        f"(a CLI query also pays load and index build);\ndupes on {DUPES_TARGET_SIZE:,} claims under "
        f"{DUPES_TARGET_S:g} s with the same pairs as scoring every pair, memory not growing with the square."
    )
    print("Times follow the machine's load; the stores are synthetic (see benchmarks/README.md).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
