"""Quote integrity: is a statement reported as it was made?

Two questions, each answered per claim:
- each appearance's `quote` against the statement: identical, trivial
  (only case, punctuation, quote marks or spacing differ), excerpt (a
  faithful part of it), altered (words changed, added or dropped; a
  word-level diff says which) or paraphrase (little in common);
- each archived source the claim appears in: does its text contain the
  statement (or the quote it was reported with)? found or not-found, with the
  line and the score of the best-matching span (rapidfuzz's alignment).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .fuzzy import fold
from .model import Claim, Source
from .store import Store, archive_path

IDENTICAL, TRIVIAL, EXCERPT, ALTERED, PARAPHRASE = "identical", "trivial", "excerpt", "altered", "paraphrase"
FOUND, NOT_FOUND = "found", "not-found"
KINDS = (IDENTICAL, TRIVIAL, EXCERPT, ALTERED, PARAPHRASE, FOUND, NOT_FOUND)
# What --fail-on-findings fails on: a quote that changed or a source that lacks the statement.
PROBLEMS = (ALTERED, PARAPHRASE, NOT_FOUND)

# An altered quote still shares most of its words with the statement; below
# this share of words kept, it is a paraphrase.
ALTERED_MIN_SHARED = 0.5
FOUND_MIN_SCORE = 85.0

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-"})
_EDGE_PUNCT = "\"'.,;:!?()[]{}<>\u00ab\u00bb-\u2026*"


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
    reported: str | None  # the quote as reported, or the archive span
    diff: tuple[DiffOp, ...] | None = None
    line: int | None = None

    @property
    def is_problem(self) -> bool:
        return self.kind in PROBLEMS

    def as_json(self) -> dict[str, Any]:
        return {
            "claim": self.claim.id,
            "source": self.source,
            "kind": self.kind,
            "score": round(self.score, 1),
            "reported": self.reported,
            "diff": [op.as_json() for op in self.diff] if self.diff is not None else None,
            "line": self.line,
        }


# --- statement against a reported quote --------------------------------------


def _tokens(text: str) -> list[str]:
    """Words as written, keeping inner punctuation: 'and/or' stays one word."""
    return [tok for tok in text.translate(_QUOTE_MARKS).split() if tok.strip(_EDGE_PUNCT)]


def _norm(token: str) -> str:
    return fold(token.translate(_QUOTE_MARKS).strip(_EDGE_PUNCT))


def _find_run(needle: list[str], haystack: list[str]) -> int:
    n = len(needle)
    for start in range(len(haystack) - n + 1):
        if haystack[start : start + n] == needle:
            return start
    return -1


def compare_quote(statement: str, quote: str) -> tuple[str, float, tuple[DiffOp, ...] | None]:
    """Classify how a reported quote differs from the statement: (kind, score 0-100, diff)."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Levenshtein

    if quote == statement:
        return IDENTICAL, 100.0, None
    s_tok, q_tok = _tokens(statement), _tokens(quote)
    s_norm, q_norm = [_norm(t) for t in s_tok], [_norm(t) for t in q_tok]
    if s_norm == q_norm:
        return TRIVIAL, 100.0, None
    if q_norm and len(q_norm) < len(s_norm) and _find_run(q_norm, s_norm) >= 0:
        return EXCERPT, 100.0, None
    # Align the quote with the stretch of the statement it best matches, so a
    # changed excerpt is judged against its own part, not the whole.
    start, end = 0, len(s_norm)
    if q_norm and len(q_norm) < len(s_norm):
        alignment = fuzz.partial_ratio_alignment(" ".join(q_norm), " ".join(s_norm))
        if alignment is not None:
            joined = " ".join(s_norm)
            start = joined[: alignment.dest_start].count(" ")
            end = joined[: alignment.dest_end].count(" ") + 1
            # Widen to whole words and by the quote's own length difference.
            end = min(len(s_norm), max(end, start + len(q_norm)))
    window_norm, window_tok = s_norm[start:end], s_tok[start:end]
    ops = Levenshtein.opcodes(window_norm, q_norm)
    diff = []
    kept = 0
    for op in ops:
        if op.tag == "equal":
            kept += op.src_end - op.src_start
        diff.append(
            DiffOp(
                op.tag, " ".join(window_tok[op.src_start : op.src_end]), " ".join(q_tok[op.dest_start : op.dest_end])
            )
        )
    if start > 0:
        diff.insert(0, DiffOp("equal", "\u2026", "\u2026"))
    if end < len(s_norm):
        diff.append(DiffOp("equal", "\u2026", "\u2026"))
    score = fuzz.ratio(" ".join(window_norm), " ".join(q_norm))
    shared = kept / max(len(q_norm), len(window_norm), 1)
    if shared >= ALTERED_MIN_SHARED:
        return ALTERED, score, tuple(diff)
    return PARAPHRASE, score, None


# --- statement against an archived source text ---------------------------------


@dataclass(frozen=True)
class Searchable:
    """Text lower-cased with punctuation and spacing collapsed to single spaces,
    remembering where each character came from so a match maps back to a line."""

    text: str
    origin: list[int]  # index in the raw text of each character of `text`

    @classmethod
    def of(cls, raw: str) -> Searchable:
        out: list[str] = []
        origin: list[int] = []
        spaced = True
        for i, ch in enumerate(raw):
            low = ch.lower()
            if len(low) == 1 and low.isalnum():
                out.append(low)
                origin.append(i)
                spaced = False
            elif not spaced:
                out.append(" ")
                origin.append(i)
                spaced = True
        return cls("".join(out), origin)


def locate(needle: str, raw: str, hay: Searchable) -> tuple[float, int, str]:
    """Best-matching span of needle in an archive text: (score 0-100, line from 1, span as written)."""
    from rapidfuzz import fuzz

    probe = Searchable.of(needle).text.strip()
    if not probe or not hay.text:
        return 0.0, 0, ""
    alignment = fuzz.partial_ratio_alignment(probe, hay.text)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return 0.0, 0, ""
    start = hay.origin[alignment.dest_start]
    end = hay.origin[alignment.dest_end - 1] + 1
    # The alignment is by character; show whole words.
    while start > 0 and raw[start - 1].isalnum():
        start -= 1
    while end < len(raw) and raw[end].isalnum():
        end += 1
    line = raw.count("\n", 0, start) + 1
    return float(alignment.score), line, " ".join(raw[start:end].split())


# --- the whole store -----------------------------------------------------------


class _Archives:
    """Archive texts read once each, only from inside the store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._texts: dict[str, tuple[str, Searchable] | None] = {}

    def get(self, source: Source) -> tuple[str, Searchable] | None:
        if source.id not in self._texts:
            text = None
            target = archive_path(self.store.root, source.archive) if source.archive else None
            if target is not None and target.is_file():
                try:
                    raw = target.read_text(encoding="utf-8-sig", errors="replace")
                    text = (raw, Searchable.of(raw))
                except OSError:
                    text = None
            self._texts[source.id] = text
        return self._texts[source.id]


def check_claim(store: Store, claim: Claim, archives: _Archives | None = None) -> list[Finding]:
    archives = archives or _Archives(store)
    findings = []
    for appearance in claim.appears_in:
        if appearance.quote:
            kind, score, diff = compare_quote(claim.statement, appearance.quote)
            findings.append(Finding(claim, appearance.source, kind, score, appearance.quote, diff))
    for source_id in dict.fromkeys(a.source for a in claim.appears_in if a.source):
        source = store.sources.get(source_id)
        archived = archives.get(source) if source else None
        if archived is None:
            continue
        raw, searchable = archived
        needles = [claim.statement] + [a.quote for a in claim.appears_in if a.source == source_id and a.quote]
        score, line, span = max(locate(n, raw, searchable) for n in needles)
        kind = FOUND if score >= FOUND_MIN_SCORE else NOT_FOUND
        findings.append(Finding(claim, source_id, kind, score, span or None, None, line or None))
    return findings


def check_quotes(store: Store, claims: list[Claim]) -> list[Finding]:
    archives = _Archives(store)
    return [finding for claim in claims for finding in check_claim(store, claim, archives)]


def counts(findings: list[Finding]) -> dict[str, int]:
    return {kind: sum(1 for f in findings if f.kind == kind) for kind in KINDS}
