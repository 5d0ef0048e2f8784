"""Ranked fuzzy search over what the store says and who said it.

A query is matched word by word, so typos ("sneek atack"), another word
order and fragments of a quote all find their claim: each query word is
matched against the store's vocabulary with rapidfuzz (one typo in five
letters passes; three or more letters also match as the start of a longer
word), documents are scored by how much of the query, weighted by rarity,
they contain, and the best candidates get a bonus for keeping the query's
words together and in order.

Building the index is separate from querying it, so the cost of each is
measured apart (benchmarks/bench.py).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from .fuzzy import fold
from .model import Claim
from .store import Store

FIELDS = ("statement", "summary", "quote", "speaker", "tag")
WORD_RE = re.compile(r"\w+")
MIN_SCORE = 60.0
# How many top candidates get the (slower) word-order and phrase bonus.
_RERANK = 300
_WORD_CUTOFF = 75.0  # rapidfuzz ratio for one query word against one store word
_PREFIX_SCORE = 90.0


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
        self._starts = starts
        self._own_texts = len(self.texts)  # entries past this are speakers and tags, shared by claims
        for speaker_id, owners in by_speaker.items():
            speaker = store.speakers.get(speaker_id)
            names = (speaker.name, *speaker.aliases, speaker_id) if speaker else (speaker_id,)
            for name in dict.fromkeys(names):
                self._add(name, "speaker", tuple(owners))
        for tag, owners in by_tag.items():
            self._add(tag, "tag", tuple(owners))
        self.vocabulary = list(self.postings)
        # numpy arrays built on first use: entries per word, claims per speaker or tag entry
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
        """The claims a speaker or tag entry belongs to, as an array."""
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
        any of it matches (more telling than a name), else its speaker or tag entry."""
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
        """Store words close to one query word, with their similarity (0-100)."""
        from rapidfuzz import fuzz, process

        matches: dict[str, float] = {}
        if word in self.postings:
            matches[word] = 100.0
        if len(word) >= 4:
            for candidate, score, _ in process.extract(
                word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=_WORD_CUTOFF, limit=None
            ):
                matches[candidate] = max(matches.get(candidate, 0.0), score)
        if len(word) >= 3:
            for candidate in self.vocabulary:
                if candidate.startswith(word) and candidate not in matches:
                    matches[candidate] = _PREFIX_SCORE
        return matches

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
