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

Bounds, each said on stderr by the command when it cuts something:
- a statement is compared by its first and last 1,000 characters when it is
  longer than 2,000 (two 5 MB statements ran for minutes);
- identical statements are compared once;
- each statement keeps its 50 most similar partners (1,000 near-identical
  statements at threshold 60 made 500,000 pairs), so a group holds at most 51
  different statements, and the pairs kept are linear in the claims;
- at most 200 million candidate pairs are scored.

Groups are cliques, not chains: a statement joins a group only when it reaches
the threshold with every statement already in it (complete linkage, merging
the closest pairs first), and two statements that differ in a name or a
number do not count as a pair, nor do two statements about their speakers
made by different speakers (dupes_tokens.py). Single-link grouping chained
unrelated claims at 80 through a member similar to both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .dupes_tokens import Keys, Usage, about_its_speaker, keys, same_claim_keys
from .model import OPPOSING, Claim

if TYPE_CHECKING:
    import numpy as np

    from .store import Store

DEFAULT_THRESHOLD = 90.0
MAX_CHARS = 2_000  # of a normalised statement compared; a longer one by its first and last half of this
MAX_PARTNERS = 50  # most similar partners kept per statement
MAX_CANDIDATES = 200_000_000  # candidate pairs scored, at most
_BLOCK = 512  # rows per block
_TILE = 8192  # columns per matrix product
_CLASSES = 64  # character classes (code point mod 64); merging classes only weakens the bound
_PRUNE_AT = 2_000_000  # pairs held before those beyond each statement's closest are dropped
_DERIVED = "dupes"  # what store_groups keeps in the store's index, by threshold


def normalise(text: str) -> str:
    from rapidfuzz import utils

    return " ".join(utils.default_process(text).split())


def compared_part(text: str) -> str:
    """What of a normalised statement is compared: all of it, or its first and last
    MAX_CHARS / 2 characters when it is longer than MAX_CHARS."""
    if len(text) <= MAX_CHARS:
        return text
    half = MAX_CHARS // 2
    return text[:half] + " " + text[-half:]


@dataclass(frozen=True)
class Pair:
    a: int  # indexes into the compared list
    b: int
    score: float


@dataclass
class Bounds:
    """What the bounds cut, for the command to say."""

    shortened: int = 0  # statements compared by their ends only
    crowded: int = 0  # statements with more than max_partners partners
    unscored: int = 0  # candidate pairs left unscored once MAX_CANDIDATES were scored

    def notes(self, max_partners: int) -> list[str]:
        out = []
        if self.shortened:
            out.append(
                f"{self.shortened:,} statements longer than {MAX_CHARS:,} characters were compared by their "
                f"first and last {MAX_CHARS // 2:,}"
            )
        if self.crowded:
            out.append(
                f"{self.crowded:,} statements had more than {max_partners} similar ones: each was grouped with at "
                f"most its {max_partners} closest (a higher --threshold gives fewer, closer matches)"
            )
        if self.unscored:
            out.append(
                f"{self.unscored:,} candidate pairs were not scored after the first {MAX_CANDIDATES:,}; "
                "some groups may be missing (raise --threshold, or narrow with --speaker or --since)"
            )
        return out


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


def similar_pairs(
    texts: list[str],
    threshold: float = DEFAULT_THRESHOLD,
    max_partners: int | None = None,
    bounds: Bounds | None = None,
) -> list[Pair]:
    """Every pair (i < j) with fuzz.ratio(texts[i], texts[j]) >= threshold; texts already normalised.

    With max_partners, only the pairs among the max_partners best of either of their two
    texts are kept (ties: the earlier text first), and bounds counts the texts that had more.
    """
    import numpy as np
    from rapidfuzz import fuzz, process

    n = len(texts)
    if n < 2:
        return []
    bounds = bounds if bounds is not None else Bounds()
    lengths = np.array([len(t) for t in texts], dtype=np.float64)
    order = np.argsort(lengths, kind="stable")
    sorted_lengths = lengths[order]
    sorted_texts = [texts[i] for i in order]
    codes = _thermometer(sorted_texts)
    slack = 1.0 - threshold / 100.0
    # Longest partner a text of length L can have: ratio bound 200*L/(L+M) >= threshold.
    reach = sorted_lengths * (200.0 / threshold - 1.0) if threshold > 0 else np.full(n, np.inf)
    found: list[tuple[Any, Any, Any]] = []  # (a, b, score) arrays, in the caller's indexes
    held = scored = 0
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
            if scored + len(r) > MAX_CANDIDATES:
                bounds.unscored += len(r)
                continue
            scored += len(r)
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
            hit = scores >= threshold
            a, b = order[r[hit]], order[c[hit]]
            found.append((np.minimum(a, b), np.maximum(a, b), scores[hit]))
            held += int(hit.sum())
            if max_partners is not None and held > _PRUNE_AT:
                found = [_closest(*_joined_pairs(found), max_partners, n, None)]
                held = len(found[0][0])
    a, b, score = _joined_pairs(found)
    if max_partners is not None:
        a, b, score = _closest(a, b, score, max_partners, n, bounds)
    pairs = (Pair(int(x), int(y), float(z)) for x, y, z in zip(a, b, score, strict=True))
    return sorted(pairs, key=lambda p: (p.a, p.b))


def _joined_pairs(found: list[tuple[Any, Any, Any]]) -> tuple[Any, Any, Any]:
    import numpy as np

    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return tuple(np.concatenate(parts) for parts in zip(*found, strict=True))  # type: ignore[return-value]


def _closest(a: Any, b: Any, score: Any, k: int, n: int, bounds: Bounds | None) -> tuple[Any, Any, Any]:
    """The pairs among the k best of either end (by score, then the partner's index)."""
    import numpy as np

    pairs = np.arange(len(a))
    ends = np.concatenate([a, b])
    partners = np.concatenate([b, a])
    both = np.concatenate([pairs, pairs])
    order = np.lexsort((partners, -np.concatenate([score, score]), ends))
    grouped = ends[order]
    first = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]]) if len(grouped) else np.zeros(0, dtype=np.int64)
    sizes = np.diff(np.r_[first, len(grouped)])
    rank = np.arange(len(grouped)) - np.repeat(first, sizes)
    kept = np.unique(both[order[rank < k]])
    if bounds is not None:
        bounds.crowded = int((sizes > k).sum())
    return a[kept], b[kept], score[kept]


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


def find_groups(
    claims: list[Claim], threshold: float = DEFAULT_THRESHOLD, note: Callable[[str], None] | None = None
) -> list[DupeGroup]:
    """Groups of claims making the same statement; `note` hears what the bounds cut."""
    return _groups(compare(claims, threshold), claims.__getitem__, note)


def store_groups(
    store: Store, threshold: float = DEFAULT_THRESHOLD, note: Callable[[str], None] | None = None
) -> list[DupeGroup]:
    """find_groups over every claim of the store. What the groups are made from (the similar
    pairs among all the statements: the cost) is kept in the store's index with the state of
    the store it was computed from, by threshold: an unchanged store reads it back, and only
    the claims in groups are read."""
    index = store.index
    name = f"{_DERIVED}:{threshold!r}"
    compared = Compared.loads(index.derived(name)) if index is not None else None
    if compared is None:
        compared = compare(list(store.claims.values()), threshold)
        if index is not None and index.persistent:
            index.keep_derived({name: compared.dumps()})
    return _groups(compared, lambda n: store.claims[compared.ids[n]], note)


@dataclass
class Compared:
    """What the groups are made from: the claims' distinct statements (members: the claims that
    make each, as indexes into the claims compared, whose ids are kept), the pairs of statements
    that are the same claim, and what the bounds cut."""

    ids: list[str]
    members: list[list[int]]
    pairs: list[Pair]
    bounds: Bounds

    def dumps(self) -> tuple[Any, ...]:
        """Plain values, for the index."""
        b = self.bounds
        flat = [x for p in self.pairs for x in (p.a, p.b)]
        return (self.ids, self.members, flat, [p.score for p in self.pairs], (b.shortened, b.crowded, b.unscored))

    @classmethod
    def loads(cls, value: Any) -> Compared | None:
        """What `dumps` gave; None when the value is no such thing (nothing kept, a damaged index)."""
        try:
            ids, members, flat, scores, (shortened, crowded, unscored) = value
            pairs = [Pair(a, b, score) for a, b, score in zip(flat[0::2], flat[1::2], scores, strict=True)]
            texts, claims = len(members), len(ids)
            sound = (
                all(isinstance(i, str) for i in ids)
                and all(0 <= n < claims for m in members for n in m)
                and all(0 <= p.a < p.b < texts and isinstance(p.score, float) for p in pairs)
                and all(isinstance(x, int) for x in (shortened, crowded, unscored))
            )
        except (TypeError, ValueError):
            return None
        return cls(ids, members, pairs, Bounds(shortened, crowded, unscored)) if sound else None


def compare(claims: list[Claim], threshold: float = DEFAULT_THRESHOLD) -> Compared:
    """The claims' distinct statements and the pairs of them that are the same claim."""
    # Identical statements are compared once: a text stands for all the claims that make it,
    # or, when the statement is about its speaker ('On abortion.'), for that speaker's claims.
    text_of: dict[tuple[str, str | None], int] = {}
    members: list[list[int]] = []
    bounds = Bounds()
    for n, claim in enumerate(claims):
        whole = normalise(claim.statement)
        bounds.shortened += len(whole) > MAX_CHARS
        key = (compared_part(whole), claim.speaker if about_its_speaker(claim.statement) else None)
        if key not in text_of:
            text_of[key] = len(members)
            members.append([])
        members[text_of[key]].append(n)
    words = Usage.of(claims[m[0]].statement for m in members)
    own = [speaker is not None for _text, speaker in text_of]
    speakers = [{claims[n].speaker for n in m} for m in members]
    token_keys: dict[int, Keys] = {}  # only for the texts that have a similar one: most have none

    def keys_of(t: int) -> Keys:
        if t not in token_keys:
            token_keys[t] = keys(claims[members[t][0]].statement, words)
        return token_keys[t]

    def same_claim(a: int, b: int) -> bool:
        if (own[a] or own[b]) and not (len(speakers[a]) == 1 and speakers[a] == speakers[b]):
            return False  # about its speaker, and said by another
        return same_claim_keys(keys_of(a), keys_of(b))

    texts = [text for text, _speaker in text_of]
    pairs = [p for p in similar_pairs(texts, threshold, MAX_PARTNERS, bounds) if same_claim(p.a, p.b)]
    return Compared([c.id for c in claims], members, pairs, bounds)


def _groups(compared: Compared, claim: Callable[[int], Claim], note: Callable[[str], None] | None) -> list[DupeGroup]:
    """The groups, from what `compare` found; claim(n) is the n-th claim compared."""
    members, pairs = compared.members, compared.pairs
    if note:
        for line in compared.bounds.notes(MAX_PARTNERS):
            note(line)
    cliques = _cliques(len(members), pairs)
    clique_of = {t: n for n, clique in enumerate(cliques) for t in clique}
    pairs_of: dict[int, list[Pair]] = {}
    for pair in pairs:
        if clique_of[pair.a] == clique_of[pair.b]:
            pairs_of.setdefault(clique_of[pair.a], []).append(pair)
    groups = []
    for n, clique in enumerate(cliques):
        if sum(len(members[t]) for t in clique) < 2:
            continue
        inside = {i: claim(i) for t in clique for i in members[t]}
        group_claims = sorted(inside.values(), key=_when)
        for part in _without_opposed(group_claims):
            if len(part) >= 2:
                groups.append(_group(part, {t: members[t] for t in clique}, inside, pairs_of.get(n, [])))
    groups.sort(key=lambda g: _when(g.claims[0]))
    return groups


def _when(c: Claim) -> tuple[Any, str]:
    return (c.date, c.id)


def _cliques(count: int, pairs: list[Pair]) -> list[list[int]]:
    """Texts merged closest pair first, two groups only when every pair across them is similar
    (complete linkage): no text joins a group through one member alone. A group holds at most
    MAX_PARTNERS + 1 texts, as no text keeps more partners."""
    similar = {(p.a, p.b) for p in pairs}
    cluster = list(range(count))
    held: dict[int, list[int]] = {t: [t] for t in range(count)}
    for pair in sorted(pairs, key=lambda p: (-p.score, p.a, p.b)):
        x, y = cluster[pair.a], cluster[pair.b]
        if x == y or len(held[x]) + len(held[y]) > MAX_PARTNERS + 1:
            continue
        if all((min(i, j), max(i, j)) in similar for i in held[x] for j in held[y]):
            if len(held[x]) < len(held[y]):
                x, y = y, x
            for t in held.pop(y):
                cluster[t] = x
                held[x].append(t)
    return [sorted(ts) for ts in held.values()]


def _without_opposed(group_claims: list[Claim]) -> list[list[Claim]]:
    """The group split so that no claim sits with one it answers against (or that answers it
    so): each claim, earliest first, joins the first part holding no such claim."""
    parts: list[list[Claim]] = []
    for claim in group_claims:
        for part in parts:
            if not any(_opposed(claim, other) for other in part):
                part.append(claim)
                break
        else:
            parts.append([claim])
    return parts


def _group(
    group_claims: list[Claim], text_members: dict[int, list[int]], claims: dict[int, Claim], pairs: list[Pair]
) -> DupeGroup:
    """A group and its pairs: one for each two texts in it (their earliest claims), and one for
    each further claim of a text with that text's earliest claim (score 100). Listing every pair
    of 1,000 identical statements would be half a million lines."""
    inside = {c.id for c in group_claims}
    earliest: dict[int, Claim] = {}
    group_pairs: list[tuple[Claim, Claim, float]] = []
    for t, indexes in text_members.items():
        present = sorted((claims[n] for n in indexes if claims[n].id in inside), key=_when)
        if present:
            earliest[t] = present[0]
            group_pairs += [(present[0], later, 100.0) for later in present[1:]]
    for p in pairs:
        if p.a in earliest and p.b in earliest:
            a, b = sorted((earliest[p.a], earliest[p.b]), key=_when)
            group_pairs.append((a, b, p.score))
    group_pairs.sort(key=lambda t: (_when(t[0]), _when(t[1])))
    kind = "repeat" if len({c.speaker for c in group_claims}) == 1 else "echo"
    return DupeGroup(kind, group_claims, group_pairs, _unrecorded(group_claims, group_pairs))


def _unrecorded(group_claims: list[Claim], pairs: list[tuple[Claim, Claim, float]]) -> list[tuple[Claim, Claim]]:
    """Later claims with no recorded link to any earlier claim of their group.

    Each is paired with the earlier claim it matched best: the `repeats` link
    to add. Two claims already linked either way (a denial quoting the claim
    it denies, say) are recorded, whatever the relation. Two answers to one
    claim are not proposed as repeats of each other: two denials of the same
    claim say alike, yet each is its speaker's own answer.
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
        answered = {link.claim for link in later.responds_to}
        partners = [
            (score, first)
            for first, other, score in pairs
            if other is later and not answered & {link.claim for link in first.responds_to}
        ]
        if partners:
            missing.append((later, max(partners, key=lambda t: t[0])[1]))
    return missing
