"""Word alignment: each function against a brute-force reference on random inputs, the chunked
diff included (with small chunks, so that short lists take that path)."""

from __future__ import annotations

import math
import random
from collections import Counter

import pytest

from claimtrack import fuzzy_align
from claimtrack.fuzzy_align import (
    DELETE,
    EQUAL,
    INSERT,
    REPLACE,
    Op,
    Words,
    anchored_window,
    best_windows,
    diff,
    find_run,
    similarity,
    trim_edges,
)


def rebuilt(a: list[str], b: list[str], ops: list[Op]) -> list[str]:
    """b, from the ops: equal blocks must really be equal, and the blocks must tile both lists."""
    out: list[str] = []
    at_a = at_b = 0
    for op in ops:
        assert (op.a_start, op.b_start) == (at_a, at_b)
        if op.tag == EQUAL:
            assert a[op.a_start : op.a_end] == b[op.b_start : op.b_end]
        out += b[op.b_start : op.b_end]
        at_a, at_b = op.a_end, op.b_end
    assert (at_a, at_b) == (len(a), len(b))
    return out


def edited(rng: random.Random, words: list[str], edits: int, vocabulary: list[str]) -> list[str]:
    out = list(words)
    for _ in range(edits):
        k = rng.randrange(len(out) + 1)
        op = rng.random()
        if op < 0.3 and out:
            del out[min(k, len(out) - 1)]
        elif op < 0.6:
            out.insert(k, rng.choice(vocabulary))
        elif op < 0.8 and out:
            out[min(k, len(out) - 1)] = rng.choice(vocabulary)
        else:  # a long passage dropped or added: the chunked diff must get back in step
            span = rng.randint(20, 60)
            if rng.random() < 0.5:
                del out[k : k + span]
            else:
                out[k:k] = [rng.choice(vocabulary) for _ in range(span)]
    return out


@pytest.mark.parametrize("chunked", [False, True])
def test_diff_tiles_both_lists_and_keeps_what_is_equal(monkeypatch, chunked):
    if chunked:
        monkeypatch.setattr(fuzzy_align, "_CELLS", 400)
        monkeypatch.setattr(fuzzy_align, "_CHUNK", 40)
        monkeypatch.setattr(fuzzy_align, "_REACH", 16 * 40)
    rng = random.Random(1 + chunked)
    vocabulary = [f"w{n}" for n in range(300)]
    for _ in range(200):
        a = [rng.choice(vocabulary) for _ in range(rng.randint(0, 400))]
        b = edited(rng, a, rng.randint(0, 8), vocabulary)
        ops = diff(a, b)
        assert rebuilt(a, b, ops) == b
        # Blocks alternate: no two equal blocks, no two changes side by side.
        assert all((x.tag == EQUAL) != (y.tag == EQUAL) for x, y in zip(ops, ops[1:], strict=False))
        if a == b:
            assert similarity(a, b, ops) == 100.0 and all(op.tag == EQUAL for op in ops)


def test_chunked_diff_of_near_copies_keeps_nearly_everything(monkeypatch):
    monkeypatch.setattr(fuzzy_align, "_CELLS", 400)
    monkeypatch.setattr(fuzzy_align, "_CHUNK", 40)
    monkeypatch.setattr(fuzzy_align, "_REACH", 16 * 40)
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(2000)]
    a = [rng.choice(vocabulary) for _ in range(3000)]
    b = list(a)
    del b[1000:1100]  # a passage longer than a chunk dropped
    b[2000] = "changed"
    ops = diff(a, b)
    assert rebuilt(a, b, ops) == b
    kept = sum(op.a_end - op.a_start for op in ops if op.tag == EQUAL)
    assert kept >= len(b) - 1


def test_find_run_and_anchored_window():
    rng = random.Random(4)
    vocabulary = [f"w{n}" for n in range(6)]
    for _ in range(300):
        hay = [rng.choice(vocabulary) for _ in range(rng.randint(0, 30))]
        needle = [rng.choice(vocabulary) for _ in range(rng.randint(1, 4))]
        naive = next((i for i in range(len(hay) - len(needle) + 1) if hay[i : i + len(needle)] == needle), -1)
        assert find_run(needle, Words(hay)) == naive
    words = [f"w{n}" for n in range(100)]
    quote = words[30:60]
    quote[3] = quote[15] = "changed"  # the first and middle anchors are broken; the last one holds
    assert anchored_window(quote, Words(words)) == 30
    assert anchored_window(["x"] * 30, Words(words)) is None


def test_best_windows_is_the_best_weighted_multiset_overlap():
    rng = random.Random(5)
    for _ in range(400):
        vocabulary = [str(n) for n in range(rng.randint(1, 8))]
        hay = [rng.choice(vocabulary) for _ in range(rng.randint(1, 40))]
        needle = [rng.choice([*vocabulary, "x", "y"]) for _ in range(rng.randint(1, 15))]
        width = min(len(needle), len(hay))
        counts, want = Counter(hay), Counter(needle)
        weight = {w: math.log1p(len(hay) / counts[w]) for w in counts}
        scores = []
        for s in range(len(hay) - width + 1):
            window = Counter(hay[s : s + width])
            scores.append(sum(min(window[w], want[w]) * weight[w] for w in window))
        got = best_windows(needle, Words(hay), count=1)
        if max(scores) > 0:
            assert got and math.isclose(scores[got[0]], max(scores))  # ties: any of them
        else:
            assert got == []


def test_trim_edges_drops_the_window_around_the_match():
    ops = [Op(DELETE, 0, 3, 0, 0), Op(EQUAL, 3, 5, 0, 2), Op(REPLACE, 5, 9, 2, 3)]
    assert trim_edges(ops) == [Op(EQUAL, 3, 5, 0, 2), Op(INSERT, 5, 5, 2, 3)]
    assert trim_edges(ops, replacing=True) == [Op(EQUAL, 3, 5, 0, 2), Op(REPLACE, 5, 6, 2, 3)]
    leading = [Op(REPLACE, 0, 4, 0, 2), Op(EQUAL, 4, 6, 2, 4)]
    assert trim_edges(leading, replacing=True) == [Op(REPLACE, 2, 4, 0, 2), Op(EQUAL, 4, 6, 2, 4)]
