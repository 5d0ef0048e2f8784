"""Word alignment in near-linear time: where a run of words sits in a longer
text, and a word diff between two texts.

`quotes` compares quotes with statements and looks statements up in archived
articles. Character-level alignment over whole texts (rapidfuzz's
`partial_ratio_alignment`) is quadratic in the lengths: a 1 MB statement
with a 0.5 MB quote ran for minutes. Here the work is bounded:

- an exact run is found with `str.find` (linear);
- the stretch a fuzzy needle best matches is found by sliding a window of
  its length over the haystack and summing the rarity of the words it shares
  with the needle (linear: one cumulative sum), and only the best few
  stretches, widened by a margin, are aligned;
- the diff aligns word lists with rapidfuzz's Indel (bit-parallel), whole
  when the product of the lengths is small, else chunk by chunk along the
  diagonal, each chunk committed up to a matched stretch so the next chunk
  starts in step; a chunk that keeps few words is out of step, and the next
  place where a few words of one text occur in the other puts it back;
  texts that share nothing cost one chunk per step.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count
from typing import Any, overload

EQUAL, REPLACE, DELETE, INSERT = "equal", "replace", "delete", "insert"

# Word pairs aligned at once: 20 million cells take rapidfuzz's bit-parallel
# Indel about 25 ms; a 2,000-word chunk is 4 million.
_CELLS = 20_000_000
_CHUNK = 2_000
# Getting back in step after a long passage dropped or added: a run of this many words,
# looked for this far ahead.
_ANCHOR = 6
_REACH = 16 * _CHUNK
# A changed stretch of up to this many words a side still counts the characters it keeps.
_SCORE_WORDS = 3
_SEP = "\x00"  # never inside a word: words are split on whitespace or taken as letters and digits


@dataclass(frozen=True)
class Op:
    """One block of a diff: a[a_start:a_end] against b[b_start:b_end]."""

    tag: str  # equal | replace | delete | insert
    a_start: int
    a_end: int
    b_start: int
    b_end: int


class Words(Sequence[str]):
    """A list of words, with what repeated searches in it need, built on first use: the words
    joined for `str.find`, and for best_windows an id per distinct word and each position's
    rank among the occurrences of its word."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._joined: str | None = None
        self._vocab: dict[str, int] | None = None
        self._ids: Any = None  # numpy arrays, from _index
        self._by_word: Any = None  # positions, grouped by word, ascending within a word
        self._rank: Any = None  # for each entry of _by_word: how many earlier occurrences its word has
        self._weights: Any = None  # per word id: rarity

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        return self.words[index]

    @property
    def joined(self) -> str:
        if self._joined is None:
            self._joined = _joined(self.words)
        return self._joined

    def _index(self) -> dict[str, int]:
        if self._vocab is None:
            import numpy as np

            first_at: dict[str, int] = {}
            # setdefault with a running count gives each word the position of its first
            # occurrence (a C loop); np.unique renumbers those densely.
            firsts = np.fromiter(map(first_at.setdefault, self.words, count()), dtype=np.int64, count=len(self.words))
            _unique, self._ids = np.unique(firsts, return_inverse=True)
            self._vocab = {w: int(self._ids[at]) for w, at in first_at.items()}
            self._by_word = np.argsort(self._ids, kind="stable")
            grouped = self._ids[self._by_word]
            first = np.flatnonzero(np.r_[True, grouped[1:] != grouped[:-1]])
            self._rank = np.arange(len(grouped)) - np.repeat(first, np.diff(np.r_[first, len(grouped)]))
            counts = np.bincount(self._ids, minlength=len(first))
            # Rare words place a needle better than common ones: inverse frequency, as in search.
            self._weights = np.log1p(len(self.words) / np.maximum(counts, 1))
        return self._vocab


def _joined(words: Sequence[str]) -> str:
    return _SEP + _SEP.join(words) + _SEP


def find_run(needle: Sequence[str], haystack: Words) -> int:
    """Index in haystack where the words of needle occur consecutively, or -1."""
    if not needle or len(needle) > len(haystack):
        return -1
    hay = haystack.joined
    at = hay.find(_joined(needle))
    return -1 if at < 0 else hay.count(_SEP, 0, at)


def anchored_window(needle: Sequence[str], haystack: Words) -> int | None:
    """Where a window of len(needle) words would start if the needle's first, middle or last
    few words (an anchor) occur as they are in haystack; None when none does. A quote with a
    word or two changed keeps most runs of six words, and one str.find costs less than
    weighing every window (best_windows), which remains for needles changed throughout."""
    if len(needle) < 2 * _ANCHOR:
        return None
    for at in dict.fromkeys((0, len(needle) // 2 - _ANCHOR // 2, len(needle) - _ANCHOR)):
        found = find_run(needle[at : at + _ANCHOR], haystack)
        if found >= 0:
            return max(0, found - at)
    return None


def best_windows(needle: Sequence[str], haystack: Words, count: int = 3, within: float = 0.6) -> list[int]:
    """Starts of the windows of len(needle) words in haystack that share most words with
    needle, as multisets (a word the needle has twice counts at most twice), each word
    weighted by its rarity in haystack: best first, at most `count`, no two overlapping, none
    holding less than `within` of the best one's weight, none when no word is shared.

    Linear after one sort of the haystack (kept): an occurrence of a word counts in the
    windows that hold fewer than need(word) earlier occurrences of it, which is one range of
    window starts; a difference array adds up the ranges.
    """
    import numpy as np

    n, width = len(haystack), min(len(needle), len(haystack))
    if not width:
        return []
    vocab = haystack._index()
    wanted = Counter(w for w in needle if w in vocab)
    if not wanted:
        return []
    need = np.zeros(len(haystack._weights), dtype=np.int64)
    need[[vocab[w] for w in wanted]] = list(wanted.values())
    order, rank = haystack._by_word, haystack._rank
    need_sorted = need[haystack._ids[order]]
    useful = need_sorted > 0
    order, rank, need_sorted = order[useful], rank[useful], need_sorted[useful]
    # The occurrence need(w) places back, in the sorted order: windows starting after it hold
    # fewer than need(w) occurrences before this one. (-1: there is none.)
    back = np.flatnonzero(useful)
    everything = haystack._by_word
    previous = np.where(rank >= need_sorted, everything[np.maximum(back - need_sorted, 0)], -1)
    first = np.maximum(previous + 1, order - width + 1)
    last = np.minimum(order, n - width)
    keep = first <= last
    weight = haystack._weights[haystack._ids[order[keep]]]
    delta = np.bincount(first[keep], weights=weight, minlength=n - width + 2)
    delta -= np.bincount(last[keep] + 1, weights=weight, minlength=n - width + 2)
    scores = np.cumsum(delta)[: n - width + 1]
    starts: list[int] = []
    best = float(scores.max())
    while len(starts) < count:
        start = int(np.argmax(scores))
        if scores[start] <= 1e-9 or scores[start] < within * best:
            break
        starts.append(start)
        scores[max(0, start - width + 1) : start + width] = -1.0
    return starts


def diff(a: Sequence[str], b: Sequence[str]) -> list[Op]:
    """Blocks turning word list a into b: equal blocks alternate with changed ones."""
    raw: list[Op] = []
    i = j = _common_prefix(a, b)
    suffix = _common_suffix(a[i:], b[j:])
    end_a, end_b = len(a) - suffix, len(b) - suffix
    if i:
        raw.append(Op(EQUAL, 0, i, 0, i))
    resynced = False
    while i < end_a or j < end_b:
        if (end_a - i) * (end_b - j) <= _CELLS:
            raw += _aligned(a, b, i, end_a, j, end_b)
            break
        ops = _aligned(a, b, i, min(end_a, i + _CHUNK), j, min(end_b, j + _CHUNK))
        # A chunk that keeps few words is out of step: a long passage was dropped or added.
        skip = None if resynced or kept_words(ops) >= _CHUNK // 4 else _resync(a, b, i, end_a, j, end_b)
        taken = [skip] if skip else _commit(ops, i + _CHUNK * 3 // 4, j + _CHUNK * 3 // 4)
        resynced = skip is not None
        raw += taken
        i, j = taken[-1].a_end, taken[-1].b_end
    if suffix:
        raw.append(Op(EQUAL, end_a, len(a), end_b, len(b)))
    return _merged(raw)


def trim_edges(ops: list[Op], replacing: bool = False) -> list[Op]:
    """The diff of a needle against a window around its match, without the window's words
    before the first matched word and after the last: the needle never reached them. Needle
    words left over at either end stay, as insertions; or, with `replacing`, as replacements
    of as many window words next to the match, when there are such words: a quote 'surprise
    attack' of '... a sneak attack' changed 'sneak', while 'which Iran rejected' of 'Iran
    rejected ...' added 'which'."""
    out = list(ops)
    while out and out[0].tag in (DELETE, REPLACE):
        op = out.pop(0)
        if op.tag == REPLACE:
            k = min(op.a_end - op.a_start, op.b_end - op.b_start) if replacing else 0
            out.insert(0, Op(REPLACE if k else INSERT, op.a_end - k, op.a_end, op.b_start, op.b_end))
            break
    while out and out[-1].tag in (DELETE, REPLACE):
        op = out.pop()
        if op.tag == REPLACE:
            k = min(op.a_end - op.a_start, op.b_end - op.b_start) if replacing else 0
            out.append(Op(REPLACE if k else INSERT, op.a_start, op.a_start + k, op.b_start, op.b_end))
            break
    return out


def similarity(a: Sequence[str], b: Sequence[str], ops: list[Op]) -> float:
    """0-100, like rapidfuzz's `ratio` of the joined texts over the stretch the ops cover:
    twice the characters kept over the characters of both sides. Equal words are kept
    whole; a changed stretch of a few words (a typo, a word changed) keeps its common
    subsequence of characters; a longer one keeps nothing, as it is no longer the same words."""
    from rapidfuzz.distance import Indel

    if not ops:
        return 100.0 if not a and not b else 0.0
    first, last = ops[0], ops[-1]
    total = _chars(a[first.a_start : last.a_end]) + _chars(b[first.b_start : last.b_end])
    kept = 0.0
    for op in ops:
        if op.tag == EQUAL:
            kept += _chars(a[op.a_start : op.a_end])
        elif op.tag == REPLACE and max(op.a_end - op.a_start, op.b_end - op.b_start) <= _SCORE_WORDS:
            left, right = " ".join(a[op.a_start : op.a_end]), " ".join(b[op.b_start : op.b_end])
            common = Indel.similarity(left, right) / 2  # Indel similarity counts both sides
            kept += common + min(op.a_end - op.a_start, op.b_end - op.b_start)
    return min(100.0, 200.0 * kept / total) if total else 0.0


def _chars(words: Sequence[str]) -> int:
    """Characters of the words, one separator each (a join is a C loop)."""
    return len(" ".join(words)) + 1 if words else 0


def kept_words(ops: list[Op]) -> int:
    return sum(op.a_end - op.a_start for op in ops if op.tag == EQUAL)


# --- inside diff ----------------------------------------------------------------------


def _common_prefix(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: Sequence[str], b: Sequence[str]) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _aligned(a: Sequence[str], b: Sequence[str], a0: int, a1: int, b0: int, b1: int) -> list[Op]:
    """Indel alignment of a[a0:a1] with b[b0:b1], as blocks in the whole lists' positions."""
    from rapidfuzz.distance import Indel

    if a0 == a1 or b0 == b1:
        return [Op(DELETE if a0 < a1 else INSERT, a0, a1, b0, b1)] if (a0 < a1 or b0 < b1) else []
    return [
        Op(op.tag, a0 + op.src_start, a0 + op.src_end, b0 + op.dest_start, b0 + op.dest_end)
        for op in Indel.opcodes(list(a[a0:a1]), list(b[b0:b1]))
    ]


def _resync(a: Sequence[str], b: Sequence[str], i: int, end_a: int, j: int, end_b: int) -> Op | None:
    """Where the two texts are in step again: the nearest place ahead where the next few words
    of one occur in the other, as one deletion or insertion up to there; None if not near."""

    def ahead(needle: Sequence[str], hay: Sequence[str], lo: int, hi: int) -> int | None:
        if len(needle) < _ANCHOR or lo >= hi:
            return None
        at = find_run(needle, Words(list(hay[lo:hi])))
        return None if at < 0 else lo + at

    in_a = ahead(b[j : j + _ANCHOR], a, i + 1, min(end_a, i + _REACH))
    in_b = ahead(a[i : i + _ANCHOR], b, j + 1, min(end_b, j + _REACH))
    if in_a is not None and (in_b is None or in_a - i <= in_b - j):
        return Op(DELETE, i, in_a, j, j)
    if in_b is not None:
        return Op(INSERT, i, i, j, in_b)
    return None


def _commit(ops: list[Op], cut_a: int, cut_b: int) -> list[Op]:
    """The blocks of a chunk's alignment to keep: up to the last equal block that starts
    before the cut on both sides (itself cut there), so the next chunk starts in step on
    matched words. With no such block, the chunk's first half is taken as changed."""
    for n in reversed(range(len(ops))):
        op = ops[n]
        if op.tag == EQUAL and op.a_start < cut_a and op.b_start < cut_b:
            k = min(op.a_end - op.a_start, cut_a - op.a_start, cut_b - op.b_start)
            return [*ops[:n], Op(EQUAL, op.a_start, op.a_start + k, op.b_start, op.b_start + k)]
    a0, b0 = ops[0].a_start, ops[0].b_start
    half = _CHUNK // 2
    a1 = min(max(op.a_end for op in ops), a0 + half)
    b1 = min(max(op.b_end for op in ops), b0 + half)
    return [Op(REPLACE, a0, a1, b0, b1)]


def _merged(ops: list[Op]) -> list[Op]:
    """Adjacent changes as one block (a deletion next to an insertion is a replacement);
    adjacent equal blocks as one."""
    out: list[Op] = []
    for op in ops:
        if op.a_start == op.a_end and op.b_start == op.b_end:
            continue
        if out and (out[-1].tag == EQUAL) == (op.tag == EQUAL):
            prev = out.pop()
            a0, b0, a1, b1 = prev.a_start, prev.b_start, op.a_end, op.b_end
            if op.tag == EQUAL:
                tag = EQUAL
            else:
                tag = REPLACE if a1 > a0 and b1 > b0 else (DELETE if a1 > a0 else INSERT)
            out.append(Op(tag, a0, a1, b0, b1))
        else:
            out.append(op)
    return out
