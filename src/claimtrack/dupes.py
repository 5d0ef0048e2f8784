"""Repeated and echoed claims: groups of claims that make the same statement.

Two statements are "the same" when rapidfuzz's `fuzz.ratio` (normalised
Indel similarity, 0-100) of their normalised texts reaches the threshold,
that is when their Indel distance d <= (1 - threshold/100) * (|a| + |b|).
Comparing all pairs is quadratic, so candidates pass two exact filters
first, neither of which can drop a pair the scorer would keep:

1. length: d >= | |a| - |b| |, so with claims sorted by length each one is
   compared only with a window of longer ones;
2. character counts: each inserted or deleted character changes one count
   by one, so d >= L1(counts of a - counts of b) = |a| + |b| - 2 * sum(min).
   The sums of minima for a whole block of pairs come from one matrix
   product of "thermometer" codes (column t of character c is 1 when the
   text has more than t of c), whose dot product is exactly sum(min).
   Folding characters into 64 classes only lowers the L1, never raises it.

Survivors are scored exactly with `process.cpdist` (workers=-1), tile by
tile, so memory is bounded by the tile and the codes (linear in the number of
claims), never by the square of it. An earlier bigram-profile bound (/3 for
the three bigrams one edit touches) let 8x more candidates through.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .model import OPPOSING, Claim

if TYPE_CHECKING:
    import numpy as np

DEFAULT_THRESHOLD = 90.0
_BLOCK = 512  # rows per block
_TILE = 8192  # columns per matrix product
_CLASSES = 64  # character classes (code point mod 64); merging classes only weakens the bound


def normalise(text: str) -> str:
    from rapidfuzz import utils

    return " ".join(utils.default_process(text).split())


@dataclass(frozen=True)
class Pair:
    a: int  # indexes into the compared list
    b: int
    score: float


def _thermometer(texts: list[str]) -> np.ndarray:
    """Per text, one 0/1 column per (character class c, t) saying "more than t of c":
    the dot product of two rows is then exactly sum over c of min(count_a(c), count_b(c))."""
    import numpy as np

    counts = np.zeros((len(texts), _CLASSES), dtype=np.int32)
    for row, text in enumerate(texts):
        # Code points, not UTF-8 bytes: the bound counts characters, as the scorer does.
        points = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32) % _CLASSES
        counts[row] = np.bincount(points, minlength=_CLASSES)
    highest = counts.max(axis=0)
    codes = np.zeros((len(texts), max(int(highest.sum()), 1)), dtype=np.float32)
    column = 0
    for c in range(_CLASSES):
        for t in range(int(highest[c])):
            codes[:, column] = counts[:, c] > t
            column += 1
    return codes


def similar_pairs(texts: list[str], threshold: float = DEFAULT_THRESHOLD) -> list[Pair]:
    """Every pair (i < j) with fuzz.ratio(texts[i], texts[j]) >= threshold; texts already normalised."""
    import numpy as np
    from rapidfuzz import fuzz, process

    n = len(texts)
    if n < 2:
        return []
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    order = np.argsort(lengths, kind="stable")
    sorted_lengths = lengths[order]
    sorted_texts = [texts[i] for i in order]
    codes = _thermometer(sorted_texts)
    slack = 1.0 - threshold / 100.0
    # Longest partner a text of length L can have: ratio bound 200*L/(L+M) >= threshold.
    reach = sorted_lengths * (200.0 / threshold - 1.0) if threshold > 0 else np.full(n, np.inf)
    found: list[Pair] = []
    for start in range(0, n, _BLOCK):
        stop = min(n, start + _BLOCK)
        limit = int(np.searchsorted(sorted_lengths, reach[stop - 1] + 1e-9, side="right"))
        rows = slice(start, stop)
        for col_start in range(start, limit, _TILE):
            col_stop = min(limit, col_start + _TILE)
            cols = slice(col_start, col_stop)
            total = sorted_lengths[rows, None] + sorted_lengths[None, cols]
            # Sums of 0/1 products stay exact integers in float32; the margin only guards rounding of `allowed`.
            keep = total - 2.0 * (codes[rows] @ codes[cols].T) <= slack * total + 0.01
            r, c = np.nonzero(keep)
            r += start
            c += col_start
            upper = c > r
            r, c = r[upper], c[upper]
            if not len(r):
                continue
            # Scored tile by tile, so memory stays that of one tile however many candidates pass.
            scores = process.cpdist(
                [sorted_texts[i] for i in r],
                [sorted_texts[j] for j in c],
                scorer=fuzz.ratio,
                processor=None,
                workers=-1,
                score_cutoff=threshold,
                dtype=np.float32,
            )
            for k in np.nonzero(scores >= threshold)[0]:
                i, j = int(order[r[k]]), int(order[c[k]])
                found.append(Pair(min(i, j), max(i, j), float(scores[k])))
    return sorted(found, key=lambda p: (p.a, p.b))


def all_pairs(texts: list[str], threshold: float = DEFAULT_THRESHOLD, block: int = 1000) -> list[Pair]:
    """The reference: every pair scored, no filter. Quadratic; for tests and benchmarks."""
    import numpy as np
    from rapidfuzz import fuzz, process

    pairs = []
    for start in range(0, len(texts), block):
        matrix = process.cdist(
            texts[start : start + block],
            texts,
            scorer=fuzz.ratio,
            processor=None,
            workers=-1,
            score_cutoff=threshold,
            dtype=np.float32,
        )
        for r, c in zip(*np.nonzero(matrix >= threshold), strict=True):
            i, j = start + int(r), int(c)
            if i < j:
                pairs.append(Pair(i, j, float(matrix[r, c])))
    return sorted(pairs, key=lambda p: (p.a, p.b))


# --- groups of claims ------------------------------------------------------------


@dataclass
class DupeGroup:
    kind: str  # repeat (one speaker) | echo (several)
    claims: list[Claim]  # earliest first
    pairs: list[tuple[Claim, Claim, float]]
    unrecorded: list[tuple[Claim, Claim]] = field(default_factory=list)  # (later, earlier) lacking `repeats`

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "claims": [c.id for c in self.claims],
            "pairs": [{"a": a.id, "b": b.id, "score": round(s, 1)} for a, b, s in self.pairs],
            "unrecorded": [{"from": later.id, "to": earlier.id} for later, earlier in self.unrecorded],
        }


def _opposed(a: Claim, b: Claim) -> bool:
    """One answers the other against it: a denial that quotes what it denies is no echo."""
    return any(link.claim == b.id and link.stance == OPPOSING for link in a.responds_to) or any(
        link.claim == a.id and link.stance == OPPOSING for link in b.responds_to
    )


def find_groups(claims: list[Claim], threshold: float = DEFAULT_THRESHOLD) -> list[DupeGroup]:
    pairs = [
        p
        for p in similar_pairs([normalise(c.statement) for c in claims], threshold)
        if not _opposed(claims[p.a], claims[p.b])
    ]
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for pair in pairs:
        parent[root(pair.a)] = root(pair.b)
    members: dict[int, list[int]] = {}
    for i in sorted({i for pair in pairs for i in (pair.a, pair.b)}):
        members.setdefault(root(i), []).append(i)
    by_group: dict[int, list[Pair]] = {}
    for pair in pairs:
        by_group.setdefault(root(pair.a), []).append(pair)

    def when(c: Claim) -> tuple[Any, str]:
        return (c.date, c.id)

    groups = []
    for key, indexes in members.items():
        group_claims = sorted((claims[i] for i in indexes), key=when)
        group_pairs = []
        for p in by_group[key]:
            a, b = sorted((claims[p.a], claims[p.b]), key=when)
            group_pairs.append((a, b, p.score))
        group_pairs.sort(key=lambda t: (when(t[0]), when(t[1])))
        kind = "repeat" if len({c.speaker for c in group_claims}) == 1 else "echo"
        groups.append(DupeGroup(kind, group_claims, group_pairs, _unrecorded(group_claims, group_pairs)))
    groups.sort(key=lambda g: when(g.claims[0]))
    return groups


def _unrecorded(group_claims: list[Claim], pairs: list[tuple[Claim, Claim, float]]) -> list[tuple[Claim, Claim]]:
    """Later claims with no recorded link to any earlier claim of their group.

    Each is paired with the earlier claim it matched best: the `repeats` link
    to add. Two claims already linked either way (a denial quoting the claim
    it denies, say) are recorded, whatever the relation.
    """
    position = {c.id: n for n, c in enumerate(group_claims)}
    missing = []
    for later in group_claims[1:]:
        earlier = group_claims[: position[later.id]]
        earlier_ids = {c.id for c in earlier}
        if any(link.claim in earlier_ids for link in later.responds_to) or any(
            link.claim == later.id for c in earlier for link in c.responds_to
        ):
            continue
        partners = [(score, earlier) for earlier, other, score in pairs if other is later]
        if partners:
            missing.append((later, max(partners, key=lambda t: t[0])[1]))
    return missing
