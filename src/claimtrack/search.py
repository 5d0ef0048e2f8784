"""Ranked fuzzy search over what the store says and who said it.

A query is matched word by word, so typos ("sneek atack"), another word
order and fragments of a quote all find their claim: each query word is
matched against the store's vocabulary (see `_word_matches`: a typo is one
edit, two in long words; a word of three or more letters also matches as the
start of a longer word, and inflections of a stem of four or more letters
match), documents are
scored by how much of the query, weighted by rarity, they contain, and the
best candidates get a bonus for keeping the query's words together and in
order. A claim's text is its statement, summary and quotes as reported, its
speaker's names, its tags, and the titles, outlets and bylines of the
sources it appears in.

Building the index is separate from querying it, so the cost of each is
measured apart (benchmarks/bench.py).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .fuzzy import fold
from .model import Claim
from .store import Store

FIELDS = ("statement", "summary", "quote", "speaker", "tag", "source")
WORD_RE = re.compile(r"\w+")
MIN_SCORE = 60.0
# How many top candidates get the (slower) word-order and phrase bonus.
_RERANK = 300
_PREFIX_SCORE = 90.0  # a query word that starts a longer store word ('provocat')
_STEM_SCORE = 85.0  # another inflection of the query word's stem: below a one-letter typo of a long word
# Endings that make inflections of one stem: 'planned' and 'planning', 'attacks' and 'attacked'.
_ENDINGS = frozenset({"", "s", "es", "ed", "d", "ing", "er", "ers", "e"})
_MIN_STEM = 4


def words_of(text: str) -> list[str]:
    return WORD_RE.findall(fold(text))


@dataclass(frozen=True)
class Hit:
    claim: Claim
    score: float  # 0-100
    field: str
    text: str  # the matching text, as written in the store
    matched: frozenset[str]  # folded store words that matched a query word

    def as_json(self, claim_object: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.claim.id,
            "score": round(self.score, 1),
            "field": self.field,
            "text": self.text,
            "claim": claim_object,
        }


class SearchIndex:
    """Entries (a text, its field, the claims it belongs to) and an inverted index of their words."""

    def __init__(self, store: Store, claims: list[Claim]) -> None:
        self.claims = claims
        self.texts: list[str] = []
        self.fields: list[str] = []
        self.owners: list[tuple[int, ...]] = []  # positions in self.claims
        self.postings: dict[str, list[int]] = defaultdict(list)
        by_speaker: dict[str, list[int]] = defaultdict(list)
        by_tag: dict[str, list[int]] = defaultdict(list)
        # A source's title, outlet and byline are text of every claim appearing in it.
        by_source_text: dict[str, list[int]] = defaultdict(list)
        # A claim's own texts are added first and side by side, claim by claim, so
        # that one reduceat over these offsets gives each claim's best per word.
        starts: list[int] = []
        for n, claim in enumerate(claims):
            starts.append(len(self.texts))
            self._add(claim.statement, "statement", (n,))
            if claim.summary:
                self._add(claim.summary, "summary", (n,))
            for appearance in claim.appears_in:
                if appearance.quote:
                    self._add(appearance.quote, "quote", (n,))
            by_speaker[claim.speaker].append(n)
            for tag in claim.tags:
                by_tag[tag].append(n)
            for source_id in dict.fromkeys(a.source for a in claim.appears_in if a.source):
                source = store.sources.get(source_id)
                if source:
                    for text in (source.title, source.outlet, source.byline):
                        if text:
                            by_source_text[text].append(n)
        self._starts = starts
        self._own_texts = len(self.texts)  # entries past this are speakers, tags and sources, shared by claims
        for speaker_id, owners in by_speaker.items():
            speaker = store.speakers.get(speaker_id)
            names = (speaker.name, *speaker.aliases, speaker_id) if speaker else (speaker_id,)
            for name in dict.fromkeys(names):
                self._add(name, "speaker", tuple(owners))
        for tag, owners in by_tag.items():
            self._add(tag, "tag", tuple(owners))
        for text, owners in by_source_text.items():
            self._add(text, "source", tuple(dict.fromkeys(owners)))
        self.vocabulary = list(self.postings)
        self._sorted: list[str] | None = None  # the vocabulary sorted, for prefix look-ups
        # numpy arrays built on first use: entries per word, claims per shared (speaker, tag, source) entry
        self._word_entries: dict[str, Any] = {}
        self._entry_claims: dict[int, Any] = {}

    def _add(self, text: str, field: str, owners: tuple[int, ...]) -> None:
        entry = len(self.texts)
        self.texts.append(text)
        self.fields.append(field)
        self.owners.append(owners)
        postings = self.postings
        for word in set(words_of(text)):
            postings[word].append(entry)

    def _postings_array(self, word: str) -> Any:
        """The entries holding a word, as a numpy array built on first use."""
        import numpy as np

        cached = self._word_entries.get(word)
        if cached is None:
            cached = self._word_entries[word] = np.array(self.postings[word], dtype=np.int64)
        return cached

    def _shared(self, entry: int) -> Any:
        """The claims a shared entry (a speaker, tag or source text) belongs to, as an array."""
        import numpy as np

        cached = self._entry_claims.get(entry)
        if cached is None:
            cached = self._entry_claims[entry] = np.array(self.owners[entry], dtype=np.int64)
        return cached

    def _claim_coverage(self, per_word: list[tuple[float, Any]], weights: float) -> Any:
        """Per claim, how much of the query its own texts, its speaker and its tags hold together:
        "Zarif intelligence" finds Zarif's claims that mention intelligence."""
        import numpy as np

        total = np.zeros(len(self.claims), dtype=np.float32)
        if not self.claims:
            return total
        for weight, best in per_word:
            per_claim = np.maximum.reduceat(best[: self._own_texts], self._starts)
            for entry in np.flatnonzero(best[self._own_texts :]) + self._own_texts:
                owners = self._shared(int(entry))
                per_claim[owners] = np.maximum(per_claim[owners], best[entry])
            total += per_claim * (weight / weights)
        return total

    def _entry_to_show(self, coverage: Any, claims: Any) -> dict[int, int]:
        """For each claim, the text to show and highlight: its own best-matching text when
        any of it matches (more telling than a name), else its speaker, tag or source entry."""
        import numpy as np

        shown: dict[int, int] = {}
        shared = np.flatnonzero(coverage[self._own_texts :]) + self._own_texts
        best_shared: dict[int, int] = {}
        for entry in shared[np.argsort(coverage[shared], kind="stable")]:  # ascending: the best wins
            for owner in self.owners[int(entry)]:
                best_shared[owner] = int(entry)
        ends = [*self._starts[1:], self._own_texts]
        for n in (int(c) for c in claims):
            start, end = self._starts[n], ends[n]
            entry = start + int(np.argmax(coverage[start:end]))
            other = best_shared.get(n)
            if other is not None and coverage[entry] == 0:
                entry = other
            shown[n] = entry
        return shown

    def _word_matches(self, word: str) -> dict[str, float]:
        """Store words close to one query word, with their similarity (0-100).

        A typo is an edit: a letter dropped, added or changed, or two neighbours
        swapped (optimal string alignment distance). One edit is allowed when the
        shorter of the two words has 3 to 8 letters, two from 9: a measure that
        grows with length would let 'Politico' match 'political' (two edits in
        eight letters), and one that leaves short words out loses every typo in
        'tax' or 'vote'. Similarity is 100 less a share for each edit, so one
        typo in a long word costs less than in a short one.
        """
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        matches: dict[str, float] = {}
        if word in self.postings:
            matches[word] = 100.0
        if len(word) >= 3:
            cutoff = _edits_allowed(len(word))
            for candidate, edits, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=cutoff, limit=None
            ):
                if 0 < edits <= _edits_allowed(min(len(word), len(candidate))):
                    matches[candidate] = max(matches.get(candidate, 0.0), 100.0 * (1 - edits / (len(candidate) + 1)))
            for candidate in self._starting_with(word):
                matches.setdefault(candidate, _PREFIX_SCORE)
            for ending in _ENDINGS:
                stem = word[: len(word) - len(ending)]
                if word.endswith(ending) and len(stem) >= _MIN_STEM:
                    for candidate in self._starting_with(stem):
                        if candidate[len(stem) :] in _ENDINGS:
                            matches.setdefault(candidate, _STEM_SCORE)
        return matches

    def _starting_with(self, prefix: str) -> list[str]:
        """Store words that start with prefix: a range of the sorted vocabulary."""
        if self._sorted is None:
            self._sorted = sorted(self.vocabulary)
        start = bisect.bisect_left(self._sorted, prefix)
        end = bisect.bisect_left(self._sorted, prefix + "\U0010ffff")
        return self._sorted[start:end]

    def search(self, query: str, limit: int | None = 20, min_score: float = MIN_SCORE) -> list[Hit]:
        from rapidfuzz import fuzz

        query_words = list(dict.fromkeys(words_of(query)))
        if not query_words:
            return []
        import numpy as np

        total = len(self.texts) or 1
        # Per query word, the best similarity each entry reaches, as one array:
        # vectorised, so a common word in 200,000 entries costs milliseconds.
        per_word: list[tuple[float, np.ndarray]] = []
        matched_words: set[str] = set()
        for word in query_words:
            matches = self._word_matches(word)
            matched_words.update(matches)
            best = np.zeros(total, dtype=np.float32)
            for candidate, similarity in matches.items():
                entries = self._postings_array(candidate)
                best[entries] = np.maximum(best[entries], similarity)
            # Rare words tell more than common ones: weight by inverse document frequency.
            weight = math.log(1 + total / (1 + int(np.count_nonzero(best))))
            per_word.append((weight, best))
        weights = sum(w for w, _ in per_word) or 1.0
        coverage = np.zeros(total, dtype=np.float32)  # per entry
        for weight, best in per_word:
            coverage += best * (weight / weights)
        by_claim = self._claim_coverage(per_word, weights)
        matched = np.flatnonzero(by_claim)
        if len(matched) > _RERANK:
            matched = matched[np.argpartition(-by_claim[matched], _RERANK)[:_RERANK]]
        shown_entry = self._entry_to_show(coverage, matched)
        folded_query = " ".join(query_words)
        scored: list[tuple[float, int, int]] = []
        for owner in (int(n) for n in matched):
            entry = shown_entry[owner]
            order = fuzz.partial_ratio(folded_query, " ".join(words_of(self.texts[entry])))
            score = 0.8 * float(by_claim[owner]) + 0.2 * order
            if score >= min_score:
                scored.append((score, owner, entry))

        def rank(item: tuple[float, int, int]) -> tuple[float, int, int, str]:
            score, owner, entry = item
            claim = self.claims[owner]
            # Equal scores: what the speaker said before what others wrote about it, then newest.
            return (-score, FIELDS.index(self.fields[entry]), -claim.date.first_day.toordinal(), claim.id)

        scored.sort(key=rank)
        hits = []
        for score, owner, entry in scored[:limit] if limit else scored:
            text = self.texts[entry]
            hit_words = frozenset(w for w in words_of(text) if w in matched_words)
            hits.append(Hit(self.claims[owner], min(score, 100.0), self.fields[entry], text, hit_words))
        return hits


def _edits_allowed(letters: int) -> int:
    return 0 if letters < 3 else 1 if letters < 9 else 2
