"""Quote integrity: is a statement reported as it was made, and by whom?

Per claim:
- each appearance's `quote` against the statement: identical, trivial
  (only case, punctuation, quote marks or spacing differ), excerpt (a
  faithful part of it), altered (words changed, added or dropped; a
  word-level diff says which) or paraphrase (little in common). Word by word
  only against a verbatim statement: against a paraphrase or translation a
  quote that is not a faithful part is a paraphrase, with no diff;
- each appearance whose `attributed_to` is not the claim's speaker:
  misattributed;
- each archived source the claim appears in: is the statement in its text,
  and is each quote that source reported? One lookup each, found or
  not-found, with the line where the best-matching stretch starts.

`review` says whether a person should look: a misquote in a `quoted`
appearance of a verbatim statement, a not-found (never for a `reported`
appearance, whose words are the reporter's), a misattribution.

The work is near-linear in the texts' length (fuzzy_align.py): a 1 MB
statement with a 0.5 MB quote takes about a second.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any

from .fsutil import read_store_file
from .fuzzy import fold
from .fuzzy_align import EQUAL, Words, anchored_window, best_windows, diff, find_run, kept_words, similarity, trim_edges
from .model import QUOTED, VERBATIM, Appearance, Claim, Source
from .store import Store, archive_path

IDENTICAL, TRIVIAL, EXCERPT, ALTERED, PARAPHRASE = "identical", "trivial", "excerpt", "altered", "paraphrase"
FOUND, NOT_FOUND = "found", "not-found"
MISATTRIBUTED = "misattributed"
KINDS = (IDENTICAL, TRIVIAL, EXCERPT, ALTERED, PARAPHRASE, FOUND, NOT_FOUND, MISATTRIBUTED)
OF_STATEMENT, OF_QUOTE = "statement", "quote"

# An altered quote still shares most of its words with the statement: more than
# this share of them; at or below it, it is a paraphrase.
ALTERED_MIN_SHARED = 0.5
# Found: the text holds the needle with small differences (about one word in ten changed).
FOUND_MIN_SCORE = 90.0
_NEAR_EXACT = 95.0  # an archive stretch found from an anchor this close needs no wider search

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})
_EDGE_PUNCT = "\"'.,;:!?()[]{}<>\u00ab\u00bb-\u2026*"
_LETTERS_AND_DIGITS = re.compile(r"[^\W_]+")
_ASCII_ALNUM = bytes(1 if chr(c).isalnum() else 0 for c in range(128))  # what the regex takes, in ASCII


@dataclass(frozen=True)
class DiffOp:
    op: str  # equal | replace | delete | insert
    statement: str  # the statement's words in this stretch
    reported: str  # the reported words in this stretch

    def as_json(self) -> dict[str, str]:
        return {"op": self.op, "statement": self.statement, "reported": self.reported}


@dataclass(frozen=True)
class Finding:
    claim: Claim
    source: str | None
    kind: str
    score: float
    reported: str | None  # the quote as reported, the archive span, or the speaker credited
    diff: tuple[DiffOp, ...] | None = None
    line: int | None = None
    of: str = OF_QUOTE  # what the finding is about: the statement or a reported quote
    review: bool = False  # whether a person should look
    url: str | None = field(default=None, compare=False)  # where, for an appearance without a source

    def as_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim.id,
            "source": self.source,
            "kind": self.kind,
            "of": self.of,
            "review": self.review,
            "score": round(self.score, 1),
            "reported": self.reported,
            "diff": [op.as_json() for op in self.diff] if self.diff is not None else None,
            "line": self.line,
        }


# --- statement against a reported quote --------------------------------------


def _words(text: str) -> tuple[list[str], list[str]]:
    """Words as written, keeping inner punctuation ('and/or' stays one word), and the same
    words compared: quote marks unified, edge punctuation dropped, case and accents folded."""
    text = text.translate(_QUOTE_MARKS)
    written = text.split()
    if text.isascii():  # the common case: lower-casing ASCII keeps the words apart as they were
        compared = [tok.strip(_EDGE_PUNCT) for tok in text.lower().split()]
    else:
        compared = [fold(tok.strip(_EDGE_PUNCT)) for tok in written]
    if "" in compared:  # a word of punctuation only ('-', '...') is no word
        kept = [n for n, tok in enumerate(compared) if tok]
        return [written[n] for n in kept], [compared[n] for n in kept]
    return written, compared


def _letter_words(text: str) -> list[str]:
    """Runs of letters and digits, folded: what survives when punctuation, quote marks and
    spacing are set aside. Archive texts and what is looked up in them are split so too."""
    if text.isascii():
        return _LETTERS_AND_DIGITS.findall(text.lower())
    return [fold(w) for w in _LETTERS_AND_DIGITS.findall(text)]  # word by word: folding can merge words


def _is_part(quote: list[str], statement: list[str]) -> bool:
    """Whether the quote's letters and digits are those of a run of whole words of the
    statement: 'a sneak-attack on U.S. troops' is part of '... a sneak attack on US troops'."""
    needle, hay = "".join(quote), "".join(statement)
    if not needle:
        return False
    offsets = list(accumulate(map(len, statement), initial=0))
    starts, ends = set(offsets[:-1]), set(offsets[1:])
    at = hay.find(needle)
    while at >= 0:
        if at in starts and at + len(needle) in ends:
            return True
        at = hay.find(needle, at + 1)
    return False


def _margin(words: int) -> int:
    """How far past a best window the match may reach: a quote may leave words out."""
    return min(words // 4, 500) + 3


def compare_quote(statement: str, quote: str) -> tuple[str, float, tuple[DiffOp, ...] | None]:
    """Classify how a reported quote differs from the statement: (kind, score 0-100, diff)."""
    if quote == statement:
        return IDENTICAL, 100.0, None
    s_letters, q_letters = _letter_words(statement), _letter_words(quote)
    if "".join(s_letters) == "".join(q_letters):
        return TRIVIAL, 100.0, None
    if _is_part(q_letters, s_letters):
        return EXCERPT, 100.0, None
    (s_tok, s_list), (q_tok, q_norm) = _words(statement), _words(quote)
    s_norm = Words(s_list)
    fragment = 0 < len(q_norm) < len(s_norm)
    # A shorter quote is judged against the stretch of the statement it reports, not the
    # whole: the words around that stretch were not quoted, so they are not deletions.
    lo, hi = 0, len(s_norm)
    if fragment:
        anchor = anchored_window(q_norm, s_norm)
        starts = [anchor] if anchor is not None else best_windows(q_norm, s_norm, count=1)
        if starts:
            margin = _margin(len(q_norm))
            lo, hi = max(0, starts[0] - margin), min(len(s_norm), starts[0] + len(q_norm) + margin)
    ops = diff(s_norm[lo:hi], q_norm)
    if fragment:
        ops = trim_edges(ops, replacing=True)
    if not any(op.tag == EQUAL for op in ops):
        return PARAPHRASE, 0.0, None
    score = similarity(s_norm[lo:hi], q_norm, ops)
    first, last = lo + ops[0].a_start, lo + ops[-1].a_end
    shared = kept_words(ops) / max(len(q_norm), last - first, 1)
    if shared <= ALTERED_MIN_SHARED:
        return PARAPHRASE, score, None
    shown = [
        DiffOp(op.tag, " ".join(s_tok[lo + op.a_start : lo + op.a_end]), " ".join(q_tok[op.b_start : op.b_end]))
        for op in ops
    ]
    if first > 0:
        shown.insert(0, DiffOp("equal", "\u2026", "\u2026"))
    if last < len(s_norm):
        shown.append(DiffOp("equal", "\u2026", "\u2026"))
    return ALTERED, score, tuple(shown)


# --- statement against an archived source text ---------------------------------


@dataclass
class ArchiveText:
    """An archived text as words (letters and digits, folded), each with where it stands in
    the raw text, so that a match maps back to its line and its words as written."""

    raw: str
    words: Words
    starts: Sequence[int]  # offset in raw of each word
    ends: Sequence[int]
    _newlines: list[int] | None = None

    @classmethod
    def of(cls, raw: str) -> ArchiveText:
        if raw.isascii():
            # Lower-casing keeps offsets in ASCII, so the words and their places come from
            # C loops: one regex pass and one numpy pass over the bytes.
            import numpy as np

            codes = np.frombuffer(raw.encode("ascii"), dtype=np.uint8)
            inside = np.frombuffer(_ASCII_ALNUM, dtype=np.uint8)[codes].astype(np.int8)
            edges = np.flatnonzero(np.diff(np.concatenate(([0], inside, [0]))))
            words = _LETTERS_AND_DIGITS.findall(raw.lower())
            return cls(raw, Words(words), edges[0::2].tolist(), edges[1::2].tolist())
        found = [(fold(m.group()), m.start(), m.end()) for m in _LETTERS_AND_DIGITS.finditer(raw)]
        return cls(raw, Words([w for w, _, _ in found]), [s for _, s, _ in found], [e for _, _, e in found])

    def line_of(self, offset: int) -> int:
        """Line number (from 1) of a character offset."""
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.raw)]
        return bisect.bisect_left(self._newlines, offset) + 1

    def span(self, first: int, last: int) -> str:
        """Words first..last-1 as written, spacing collapsed."""
        return " ".join(self.raw[self.starts[first] : self.ends[last - 1]].split())


def locate(needle: str, archive: ArchiveText) -> tuple[float, int, str]:
    """Best-matching stretch of needle in an archive text: (score 0-100, line where it
    starts, counted from 1, the stretch as written); (0, 0, "") when nothing matches."""
    words = _letter_words(needle)
    if not words or not archive.words:
        return 0.0, 0, ""
    at = find_run(words, archive.words)
    if at >= 0:
        return 100.0, archive.line_of(archive.starts[at]), archive.span(at, at + len(words))
    best: tuple[float, int, int] = (0.0, 0, 0)
    margin = _margin(len(words))

    def consider(start: int) -> None:
        nonlocal best
        lo, hi = max(0, start - margin), min(len(archive.words), start + len(words) + margin)
        ops = trim_edges(diff(archive.words[lo:hi], words))
        if any(op.tag == EQUAL for op in ops):
            score = similarity(archive.words[lo:hi], words, ops)
            first, last = lo + ops[0].a_start, lo + ops[-1].a_end
            if score > best[0] or (score == best[0] and first < best[1]):
                best = (score, first, last)

    anchor = anchored_window(words, archive.words)
    if anchor is not None:
        consider(anchor)
    if best[0] < _NEAR_EXACT:  # no anchor, or it found a poor stretch: weigh every window
        for start in best_windows(words, archive.words):
            consider(start)
    score, first, last = best
    if last <= first:
        return 0.0, 0, ""
    return score, archive.line_of(archive.starts[first]), archive.span(first, last)


# --- the whole store -----------------------------------------------------------


class _Archives:
    """Archive texts read once each: regular files inside the store only, never too large
    (fsutil's rules for store files); what cannot be read is not looked up in."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._texts: dict[str, ArchiveText | None] = {}

    def get(self, source: Source | None) -> ArchiveText | None:
        if source is None:
            return None
        if source.id not in self._texts:
            text = None
            if source.archive and archive_path(self.store.root, source.archive) is not None:
                data = read_store_file(self.store.root, source.archive)
                if isinstance(data, bytes):
                    text = ArchiveText.of(data.decode("utf-8-sig", errors="replace"))
            self._texts[source.id] = text
        return self._texts[source.id]


def _lookup(claim: Claim, source: str, archive: ArchiveText, needle: str, of: str, reviewable: bool) -> Finding:
    score, line, span = locate(needle, archive)
    kind = FOUND if score >= FOUND_MIN_SCORE else NOT_FOUND
    review = kind == NOT_FOUND and reviewable
    return Finding(claim, source, kind, score, span or None, line=line or None, of=of, review=review)


def check_claim(store: Store, claim: Claim, archives: _Archives | None = None) -> list[Finding]:
    archives = archives or _Archives(store)
    verbatim = claim.wording == VERBATIM
    findings = []
    for appearance in claim.appears_in:
        if appearance.quote:
            kind, score, diff_ops = compare_quote(claim.statement, appearance.quote)
            if not verbatim and kind in (ALTERED, PARAPHRASE):
                kind, diff_ops = PARAPHRASE, None  # the statement is not the speaker's words
            review = verbatim and appearance.form == QUOTED and kind in (ALTERED, PARAPHRASE)
            reported = appearance.quote
            findings.append(
                Finding(
                    claim,
                    appearance.source,
                    kind,
                    score,
                    reported,
                    diff_ops,
                    of=OF_QUOTE,
                    review=review,
                    url=appearance.url,
                )
            )
        credited = appearance.attributed_to
        if credited and credited != claim.speaker:
            findings.append(
                Finding(
                    claim,
                    appearance.source,
                    MISATTRIBUTED,
                    100.0,
                    credited,
                    of=OF_STATEMENT,
                    review=True,
                    url=appearance.url,
                )
            )
    by_source: dict[str, list[Appearance]] = {}
    for appearance in claim.appears_in:
        if appearance.source:
            by_source.setdefault(appearance.source, []).append(appearance)
    for source_id, appearances in by_source.items():
        archive = archives.get(store.sources.get(source_id))
        if archive is None:
            continue
        # The statement always gets its own lookup: a quote found in the text says nothing
        # about whether the statement is there.
        quoted_here = any(a.form == QUOTED for a in appearances)
        findings.append(_lookup(claim, source_id, archive, claim.statement, OF_STATEMENT, verbatim and quoted_here))
        for appearance in appearances:
            if appearance.quote:
                reviewable = appearance.form == QUOTED
                findings.append(_lookup(claim, source_id, archive, appearance.quote, OF_QUOTE, reviewable))
    return findings


def check_quotes(store: Store, claims: list[Claim]) -> list[Finding]:
    archives = _Archives(store)
    return [finding for claim in claims for finding in check_claim(store, claim, archives)]


def counts(findings: list[Finding]) -> dict[str, int]:
    return {kind: sum(1 for f in findings if f.kind == kind) for kind in KINDS}


def to_review(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.review)
