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
_OF = (OF_STATEMENT, OF_QUOTE)

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
    claim_id: str  # the claim's id: the store gives the claim, when it is shown
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
            "claim": self.claim_id,
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
    (fsutil's rules for store files); what cannot be read is not looked up in.

    What was looked up in an archive is kept in the store's index with the archive's bytes'
    digest (the store's state does not cover archives): an archive unchanged since answers
    again without being split into words and searched."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._archives: dict[str, _Archive | None] = {}

    def located(self, source: Source | None, needle: str) -> tuple[float, int, str] | None:
        """locate(needle, the source's archive text); None when it has none that can be read."""
        archive = self._archive(source)
        if archive is None:
            return None
        found = archive.found.get(needle)
        if not _is_location(found):
            found = archive.found[needle] = locate(needle, archive.text())
            archive.changed = True
        return found

    def _archive(self, source: Source | None) -> _Archive | None:
        if source is None or not source.archive:
            return None
        name = source.archive
        if name not in self._archives:
            archive = None
            if archive_path(self.store.root, name) is not None:
                data = read_store_file(self.store.root, name)
                if isinstance(data, bytes):
                    archive = _Archive(name, data, self.store.index)
            self._archives[name] = archive
        return self._archives[name]

    def keep(self) -> None:
        """Keep in the store's index what was looked up anew."""
        index = self.store.index
        if index is None or not index.persistent:
            return
        changed = [a for a in self._archives.values() if a is not None and a.changed]
        if changed:
            index.keep_derived({a.derived: (a.digest, a.found) for a in changed})


class _Archive:
    """One archive's bytes, its text as words when a lookup needs them, and the lookups' answers."""

    def __init__(self, name: str, data: bytes, index: Any) -> None:
        import hashlib

        self.data = data
        self.digest = hashlib.blake2b(data, digest_size=16).digest()
        self.derived = f"{_DERIVED}:archive:{name}"
        kept = index.derived(self.derived) if index is not None else None
        sound = isinstance(kept, tuple) and len(kept) == 2 and kept[0] == self.digest and isinstance(kept[1], dict)
        self.found: dict[str, Any] = kept[1] if sound else {}  # type: ignore[index]
        self.changed = False
        self._text: ArchiveText | None = None

    def text(self) -> ArchiveText:
        if self._text is None:
            self._text = ArchiveText.of(self.data.decode("utf-8-sig", errors="replace"))
        return self._text


def _is_location(found: Any) -> bool:
    return (
        isinstance(found, tuple)
        and len(found) == 3
        and isinstance(found[0], float)
        and isinstance(found[1], int)
        and isinstance(found[2], str)
    )


# What checking a claim takes, its archive lookups left to do (they depend on the archives):
# (DONE, source, kind, score, reported, diff, of, review, url): a finding as it is;
# (LOOKUP, source, needle, of, reviewable): a finding once needle is looked up in the source's archive.
_DONE, _LOOKUP = "done", "lookup"
_DERIVED = "quotes"  # the steps of every claim, kept in the store's index


def _steps(claim: Claim) -> list[tuple[Any, ...]]:
    verbatim = claim.wording == VERBATIM
    steps: list[tuple[Any, ...]] = []
    for appearance in claim.appears_in:
        if appearance.quote:
            kind, score, diff_ops = compare_quote(claim.statement, appearance.quote)
            if not verbatim and kind in (ALTERED, PARAPHRASE):
                kind, diff_ops = PARAPHRASE, None  # the statement is not the speaker's words
            review = verbatim and appearance.form == QUOTED and kind in (ALTERED, PARAPHRASE)
            steps.append(
                (_DONE, appearance.source, kind, score, appearance.quote, diff_ops, OF_QUOTE, review, appearance.url)
            )
        credited = appearance.attributed_to
        if credited and credited != claim.speaker:
            steps.append(
                (_DONE, appearance.source, MISATTRIBUTED, 100.0, credited, None, OF_STATEMENT, True, appearance.url)
            )
    by_source: dict[str, list[Appearance]] = {}
    for appearance in claim.appears_in:
        if appearance.source:
            by_source.setdefault(appearance.source, []).append(appearance)
    for source_id, appearances in by_source.items():
        # The statement always gets its own lookup: a quote found in the text says nothing
        # about whether the statement is there.
        quoted_here = any(a.form == QUOTED for a in appearances)
        steps.append((_LOOKUP, source_id, claim.statement, OF_STATEMENT, verbatim and quoted_here))
        for appearance in appearances:
            if appearance.quote:
                steps.append((_LOOKUP, source_id, appearance.quote, OF_QUOTE, appearance.form == QUOTED))
    return steps


def _findings(store: Store, claim_id: str, steps: list[tuple[Any, ...]], archives: _Archives) -> list[Finding]:
    """The findings the steps of claim claim_id give."""
    findings = []
    for step in steps:
        if step[0] == _DONE:
            _, source, kind, score, reported, ops, of, review, url = step
            findings.append(Finding(claim_id, source, kind, score, reported, ops, of=of, review=review, url=url))
            continue
        _, source_id, needle, of, reviewable = step
        located = archives.located(store.sources.get(source_id), needle)
        if located is not None:
            score, line, span = located
            kind = FOUND if score >= FOUND_MIN_SCORE else NOT_FOUND
            review = kind == NOT_FOUND and reviewable
            at = line or None
            findings.append(Finding(claim_id, source_id, kind, score, span or None, line=at, of=of, review=review))
    return findings


def check_claim(store: Store, claim: Claim, archives: _Archives | None = None) -> list[Finding]:
    return _findings(store, claim.id, _steps(claim), archives or _Archives(store))


def check_quotes(store: Store, claims: list[Claim]) -> list[Finding]:
    """The findings of the claims given, in their order; what the index keeps of every claim's
    steps (store_quotes) is used where it is there."""
    archives = _Archives(store)
    kept = _kept_steps(store)
    findings = []
    for claim in claims:
        steps = kept.get(claim.id, []) if kept is not None else _steps(claim)
        findings += _findings(store, claim.id, steps, archives)
    archives.keep()
    return findings


def store_quotes(store: Store) -> list[Finding]:
    """check_quotes over every claim of the store. The steps of every claim (the quotes compared
    with the statements) are kept in the store's index with the state of the store they were
    made from: an unchanged store reads them back, and reads no claim (a finding names its claim)."""
    kept = _kept_steps(store)
    if kept is None:
        kept = {}
        for claim in store.claims.values():
            # A lookup in a source with no archive (a part of the store's state) finds nothing.
            steps = [s for s in _steps(claim) if s[0] == _DONE or _archived(store.sources.get(s[1]))]
            if steps:
                kept[claim.id] = steps
        index = store.index
        if index is not None and index.persistent:
            index.keep_derived({_DERIVED: kept})
    archives = _Archives(store)
    findings = [finding for claim_id, steps in kept.items() for finding in _findings(store, claim_id, steps, archives)]
    archives.keep()
    return findings


def _archived(source: Source | None) -> bool:
    return source is not None and bool(source.archive)


def _kept_steps(store: Store) -> dict[str, list[tuple[Any, ...]]] | None:
    """The steps of every claim that has any, as store_quotes kept them; None when there are none
    kept for the store as it is, or they are damaged."""
    index = store.index
    kept = index.derived(_DERIVED) if index is not None else None
    if not isinstance(kept, dict):
        return None
    for claim_id, steps in kept.items():
        if not (isinstance(claim_id, str) and isinstance(steps, list) and all(map(_is_step, steps))):
            return None
    return kept


def _is_step(step: Any) -> bool:
    if not isinstance(step, tuple) or not step:
        return False
    if step[0] == _DONE:
        return len(step) == 9 and step[2] in KINDS and isinstance(step[3], float) and step[6] in _OF
    return step[0] == _LOOKUP and len(step) == 5 and isinstance(step[2], str) and step[3] in _OF


def counts(findings: list[Finding]) -> dict[str, int]:
    return {kind: sum(1 for f in findings if f.kind == kind) for kind in KINDS}


def to_review(findings: list[Finding]) -> int:
    return sum(1 for f in findings if f.review)
