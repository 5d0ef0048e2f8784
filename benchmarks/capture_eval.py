"""Measure `capture` on PolNeAR, the way ../shared/design/capture-eval.md says.

Run from the repository root with the project's Python:

    .venv/bin/python benchmarks/capture_eval.py                 # the dev split, the figures that are reported
    .venv/bin/python benchmarks/capture_eval.py --split train   # where rules are developed
    .venv/bin/python benchmarks/capture_eval.py --json figures.json

The data are read from ../shared/data/polnear-<split>/ beside the project
(or --data DIR). When they are not there, the script says so and exits 0:
nothing of PolNeAR is ever copied into the project.

Protocol, in short (the design note is the reference):
- Gold: one unit per `E` line with a Content (joined with Content2), from the
  first .ann of each article in sorted order; Discard and Discuss spans are
  ignored.
- Every span, gold or predicted, becomes the set of its characters after each
  fragment is trimmed of whitespace and of “”"‘’'., at both ends.
- Coverage of a gold unit by a prediction is |gold ∩ predicted| / |gold| over
  the content; a prediction longer than twice the gold plus 20 covers nothing.
  Pairs with coverage >= tau are matched greedily, highest coverage first,
  one to one.
- Figures: attribution precision/recall/F1; source and cue accuracy among
  matched pairs (overlap by one character, or both absent); exact span F1 per
  role (distinct position sets per article, summed over the split); recall by
  content type (direct, mixed, indirect); the human ceiling on the articles
  with several annotators; time per article.

The predictions are the `as_json()` objects of `claimtrack.capture.propose`,
which are what `capture --format json` prints as "proposals"; each article
gets its publication date from metadata.tsv, as `--published` would give it.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TAUS = (0.3, 0.5, 0.8)
HEADLINE_TAU = 0.5
TRIM = "“”\"‘’'.,"
BOM = "\ufeff"

Span = tuple[tuple[int, int], ...]  # fragments, as given
Positions = frozenset[int]


# ---------------------------------------------------------------- gold units


@dataclass(frozen=True)
class Unit:
    content: Span
    source: Span | None
    cue: Span | None


@dataclass
class Article:
    name: str
    text: str  # as read, a BOM included: the gold offsets count it
    published: str | None
    annotations: list[list[Unit]] = field(default_factory=list)  # one list per .ann file, sorted


_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
IGNORED_TYPES = ("Discard", "Discuss")


def read_ann(text: str) -> list[Unit]:
    """The gold units of one .ann file (BRAT standoff)."""
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in text.split("\n"):
        if m := _T_LINE.match(line):
            fragments = tuple((int(a), int(b)) for a, b in (pair.split() for pair in m.group(3).split(";")))
            spans[m.group(1)] = (m.group(2), fragments)
        elif m := _E_LINE.match(line):
            roles: dict[str, str] = {}
            for item in m.group(2).split():
                role, _, ident = item.partition(":")
                roles[role] = ident
            events.append(roles)

    def span(ident: str | None) -> Span | None:
        if ident is None or ident not in spans:
            return None
        kind, fragments = spans[ident]
        return None if kind in IGNORED_TYPES else fragments

    units = []
    for roles in events:
        content = span(roles.get("Content"))
        if content is None:
            continue
        extra = span(roles.get("Content2"))
        if extra:
            content = tuple(sorted(content + extra))
        units.append(Unit(content, span(roles.get("Source")), span(roles.get("Cue"))))
    return units


def read_metadata(folder: Path) -> dict[str, str]:
    dates: dict[str, str] = {}
    path = folder / "metadata.tsv"
    if not path.is_file():
        return dates
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=False))
        if row.get("filename"):
            dates[row["filename"]] = row.get("publication_date", "")
    return dates


def read_split(folder: Path, limit: int | None = None) -> list[Article]:
    dates = read_metadata(folder)
    articles = []
    for path in sorted((folder / "text").glob("*.txt")):
        name = path.stem
        anns = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        article = Article(name, path.read_text(encoding="utf-8"), dates.get(name) or None)
        article.annotations = [read_ann(ann.read_text(encoding="utf-8")) for ann in anns]
        articles.append(article)
        if limit and len(articles) == limit:
            break
    return articles


# -------------------------------------------------------------- normalising


def positions(text: str, fragments: Iterable[tuple[int, int]] | None) -> Positions:
    """The characters of a span, each fragment trimmed of whitespace, quotation marks, commas and full stops."""
    out: set[int] = set()
    for start, end in fragments or ():
        start, end = max(0, start), min(len(text), end)
        while start < end and (text[start].isspace() or text[start] in TRIM):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in TRIM):
            end -= 1
        out.update(range(start, end))
    return frozenset(out)


@dataclass(frozen=True)
class Item:
    """A gold unit or a prediction, as position sets."""

    content: Positions
    source: Positions  # empty when absent
    cue: Positions
    has_source: bool
    has_cue: bool


def gold_item(text: str, unit: Unit) -> Item:
    return Item(
        positions(text, unit.content),
        positions(text, unit.source),
        positions(text, unit.cue),
        unit.source is not None,
        unit.cue is not None,
    )


def predicted_item(text: str, proposal: dict, shift: int) -> Item:
    """A proposal of `capture --format json`; shift re-adds a BOM the proposal's offsets do not count."""
    fragments = proposal.get("fragments") or []
    if fragments:
        content = [(a + shift, b + shift) for a, b in fragments]
    else:
        content = [(proposal["content"]["start"] + shift, proposal["content"]["end"] + shift)]

    def one(key: str) -> tuple[Positions, bool]:
        span = proposal.get(key)
        if not span:
            return frozenset(), False
        return positions(text, [(span["start"] + shift, span["end"] + shift)]), True

    source, has_source = one("source")
    cue, has_cue = one("cue")
    return Item(positions(text, content), source, cue, has_source, has_cue)


# ------------------------------------------------------------------ matching


def coverage(gold: Positions, predicted: Positions) -> float:
    if not gold or len(predicted) > 2 * len(gold) + 20:
        return 0.0
    return len(gold & predicted) / len(gold)


def match(golds: Sequence[Item], predictions: Sequence[Item], tau: float) -> list[tuple[int, int]]:
    """Greedy one-to-one (prediction, gold) pairs with coverage >= tau, highest coverage first."""
    pairs = []
    for p, pred in enumerate(predictions):
        if not pred.content:
            continue
        for g, gold in enumerate(golds):
            if gold.content and pred.content.isdisjoint(gold.content):
                continue
            c = coverage(gold.content, pred.content)
            if c >= tau:
                pairs.append((c, p, g))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    taken_p: set[int] = set()
    taken_g: set[int] = set()
    out = []
    for _c, p, g in pairs:
        if p in taken_p or g in taken_g:
            continue
        taken_p.add(p)
        taken_g.add(g)
        out.append((p, g))
    return out


def agrees(gold_span: Positions, gold_present: bool, pred_span: Positions, pred_present: bool) -> bool:
    """Source or cue accuracy: overlap by at least one character, or both absent."""
    if not gold_present and not pred_present:
        return True
    return bool(gold_span & pred_span)


# ------------------------------------------------------------- content type

# Double quotation marks of every kind; single marks are left out because
# apostrophes cannot be told from closing single quotes by their code point.
_OPENING = '“„«"'
_CLOSING = {"“": '”‟"', "„": '“”"', "«": "»", '"': '"”'}


def quoted_mask(text: str) -> bytearray:
    """1 for every character inside a pair of double quotation marks; a quote left open runs to its paragraph's end."""
    mask = bytearray(len(text))
    inside = ""
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n":
            if inside:
                mask[start:i] = b"\x01" * (i - start)
            inside = ""
            continue
        if inside:
            if ch in _CLOSING[inside]:
                mask[start:i] = b"\x01" * (i - start)
                inside = ""
        elif ch in _OPENING:
            inside, start = ch, i + 1
    if inside:
        mask[start:] = b"\x01" * (len(text) - start)
    return mask


def content_type(text: str, unit_content: Positions, mask: bytearray) -> str:
    """direct: every letter or digit of the content lies inside quotation marks; mixed: some do; indirect: none."""
    letters = [i for i in unit_content if text[i].isalnum()]
    if not letters:
        return "indirect"
    inside = sum(mask[i] for i in letters)
    if inside == len(letters):
        return "direct"
    return "mixed" if inside else "indirect"


# ------------------------------------------------------------------ figures


def ratio(a: float, b: float) -> float | None:
    return a / b if b else None


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None or p + r == 0:
        return None if p is None or r is None else 0.0
    return 2 * p * r / (p + r)


@dataclass
class Tally:
    predictions: int = 0
    gold: int = 0
    matched: int = 0
    source_ok: int = 0
    cue_ok: int = 0
    gold_by_type: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0})
    matched_by_type: dict[str, int] = field(default_factory=lambda: {"direct": 0, "mixed": 0, "indirect": 0})

    def figures(self) -> dict:
        p, r = ratio(self.matched, self.predictions), ratio(self.matched, self.gold)
        return {
            "predictions": self.predictions,
            "gold": self.gold,
            "matched": self.matched,
            "precision": p,
            "recall": r,
            "f1": f1(p, r),
            "source_accuracy": ratio(self.source_ok, self.matched),
            "cue_accuracy": ratio(self.cue_ok, self.matched),
            "recall_by_type": {
                kind: ratio(self.matched_by_type[kind], self.gold_by_type[kind]) for kind in self.gold_by_type
            },
            "gold_by_type": dict(self.gold_by_type),
        }


@dataclass
class Exact:
    predicted: int = 0
    gold: int = 0
    true: int = 0

    def add(self, predicted: set[Positions], gold: set[Positions]) -> None:
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.true += len(predicted & gold)

    def figures(self) -> dict:
        p, r = ratio(self.true, self.predicted), ratio(self.true, self.gold)
        return {"precision": p, "recall": r, "f1": f1(p, r), "true": self.true}


def score_article(
    text: str, golds: list[Item], preds: list[Item], tallies: dict[float, Tally], exact: dict[str, Exact]
) -> None:
    mask = quoted_mask(text)
    types = [content_type(text, g.content, mask) for g in golds]
    for tau, tally in tallies.items():
        tally.predictions += len(preds)
        tally.gold += len(golds)
        for kind in types:
            tally.gold_by_type[kind] += 1
        for p, g in match(golds, preds, tau):
            tally.matched += 1
            tally.matched_by_type[types[g]] += 1
            gold, pred = golds[g], preds[p]
            tally.source_ok += agrees(gold.source, gold.has_source, pred.source, pred.has_source)
            tally.cue_ok += agrees(gold.cue, gold.has_cue, pred.cue, pred.has_cue)
    for role, exact_role in exact.items():
        predicted = {getattr(p, role) for p in preds if getattr(p, role)}
        gold = {getattr(g, role) for g in golds if getattr(g, role)}
        exact_role.add(predicted, gold)


def human_ceiling(articles: list[Article]) -> dict:
    """Attribution figures between annotators, each annotation taken in turn as gold against each other one."""
    several = [a for a in articles if len(a.annotations) > 1]
    tallies = {tau: Tally() for tau in TAUS}
    pairs = 0
    for article in several:
        items = [[gold_item(article.text, u) for u in units] for units in article.annotations]
        for i, golds in enumerate(items):
            for j, preds in enumerate(items):
                if i != j:
                    pairs += 1
                    score_article(article.text, golds, preds, tallies, {})
    return {
        "articles": len(several),
        "ordered_pairs": pairs,
        **{f"tau={tau}": tallies[tau].figures() for tau in TAUS},
    }


# --------------------------------------------------------------------- run


def evaluate(articles: list[Article], propose) -> dict:
    tallies = {tau: Tally() for tau in TAUS}
    exact = {role: Exact() for role in ("content", "source", "cue")}
    times: list[float] = []
    for article in articles:
        shift = 1 if article.text.startswith(BOM) else 0
        body = article.text[shift:]
        started = time.perf_counter()
        proposals = propose(body, article.published)
        times.append(time.perf_counter() - started)
        preds = [predicted_item(article.text, p, shift) for p in proposals]
        golds = [gold_item(article.text, u) for u in article.annotations[0]]
        score_article(article.text, golds, preds, tallies, exact)
    words = sum(len(a.text.split()) for a in articles)
    return {
        "articles": len(articles),
        "words": words,
        **{f"tau={tau}": tallies[tau].figures() for tau in TAUS},
        "exact_f1": {role: e.figures() for role, e in exact.items()},
        "time": {
            "total_s": sum(times),
            "mean_ms": 1000 * statistics.fmean(times) if times else None,
            "median_ms": 1000 * statistics.median(times) if times else None,
            "max_ms": 1000 * max(times) if times else None,
            "ms_per_1500_words": 1000 * sum(times) / words * 1500 if words else None,
        },
    }


def claimtrack_propose():
    """capture's engine, as `capture --published DATE --format json` runs it without a store."""
    import datetime as dt

    sys.path.insert(0, str(ROOT / "src"))
    from claimtrack.capture import propose

    def run(text: str, published: str | None) -> list[dict]:
        date = dt.date.fromisoformat(published) if published else None
        return [p.as_json() for p in propose(text, published=date)]

    return run


def fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def print_table(split: str, figures: dict, ceiling: dict) -> None:
    print(f"capture on PolNeAR {split}: {figures['articles']} articles, {figures['words']:,} words")
    print()
    print(
        f"{'tau':>5} {'pred':>6} {'gold':>6} {'match':>6} {'P':>6} {'R':>6} {'F1':>6} {'src':>6} {'cue':>6}"
        f" {'direct':>7} {'mixed':>6} {'indir':>6}"
    )
    for tau in TAUS:
        f = figures[f"tau={tau}"]
        by = f["recall_by_type"]
        print(
            f"{tau:>5} {f['predictions']:>6} {f['gold']:>6} {f['matched']:>6} {fmt(f['precision']):>6}"
            f" {fmt(f['recall']):>6} {fmt(f['f1']):>6} {fmt(f['source_accuracy']):>6} {fmt(f['cue_accuracy']):>6}"
            f" {fmt(by['direct']):>7} {fmt(by['mixed']):>6} {fmt(by['indirect']):>6}"
        )
    gb = figures[f"tau={HEADLINE_TAU}"]["gold_by_type"]
    total = sum(gb.values()) or 1
    print("  gold by content type: " + ", ".join(f"{k} {v} ({100 * v / total:.0f}%)" for k, v in gb.items()))
    print()
    print("exact span F1 (P / R / F1):")
    for role, e in figures["exact_f1"].items():
        print(f"  {role:<8} {fmt(e['precision'])} / {fmt(e['recall'])} / {fmt(e['f1'])}")
    print()
    if ceiling["articles"]:
        parts = []
        for tau in TAUS:
            f = ceiling[f"tau={tau}"]
            parts.append(f"tau={tau} P {fmt(f['precision'])} R {fmt(f['recall'])} F1 {fmt(f['f1'])}")
        print(
            f"human ceiling ({ceiling['articles']} articles, {ceiling['ordered_pairs']} annotator pairs): "
            + "; ".join(parts)
        )
    else:
        print("human ceiling: no article with several annotators in this split")
    t = figures["time"]
    print(
        f"time: {fmt(t['total_s'], 2)} s in all, per article mean {fmt(t['mean_ms'], 1)} ms,"
        f" median {fmt(t['median_ms'], 1)} ms, max {fmt(t['max_ms'], 1)} ms;"
        f" {fmt(t['ms_per_1500_words'], 1)} ms per 1,500 words"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev", choices=("dev", "train"), help="which PolNeAR split (dev)")
    parser.add_argument("--data", type=Path, help="the split's folder (default ../shared/data/polnear-SPLIT)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON to PATH")
    parser.add_argument("--limit", type=int, help="only the first N articles (a quick look, not a figure)")
    args = parser.parse_args(argv)

    folder = args.data or (ROOT.parent / "shared" / "data" / f"polnear-{args.split}")
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        print(f"PolNeAR {args.split} split not found at {folder}: nothing to measure.")
        return 0
    articles = read_split(folder, args.limit)
    if not articles:
        print(f"No annotated articles in {folder}: nothing to measure.")
        return 0
    figures = evaluate(articles, claimtrack_propose())
    ceiling = human_ceiling(articles)
    print_table(args.split, figures, ceiling)
    if args.json:
        report = {"split": args.split, "data": str(folder), **figures, "human_ceiling": ceiling}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
