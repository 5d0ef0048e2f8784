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
measured apart (benchmarks/bench.py). Built over every claim, its tables are
kept in the store's index with the state of the store they came from
(`SearchIndex.of_store`): an unchanged store reads them back, and only the
records of the hits, instead of building every record and its words again.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
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
# The search tables' name in the store's index, and how many texts and claim ids are kept together there.
_DERIVED = "search"
_CHUNK = 16
_ID_CHUNK = 64


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


class _Tables:
    """The search index as flat arrays and parts: what `SearchIndex` queries, built from the
    claims or read back from the store's index (cli.md, "The index").

    Entries are numbered: each claim's own texts first, claim by claim (`starts`), then the
    texts shared by claims (speakers, tags, sources). The vocabulary is sorted. The rest is
    kept in parts, named by kind and number, because a query needs only a few of each:
    "p:k", the entries holding the vocabulary's k-th word; "s:n", the claims the n-th shared
    entry belongs to; "t:k", the k-th chunk of texts; "i:k", the k-th chunk of claim ids.
    Built, every part is in memory; read back from the index, the header comes in one value and
    the parts as asked for (`need`): at 100,000 claims the whole took 75 ms to read and
    unpickle, of which a search used a few hundredths."""

    claims: int
    own_texts: int
    fields: bytes  # each entry's field, as its place in FIELDS
    vocabulary: list[str]
    days: Any  # each claim's first day, as an ordinal: newer first among equal scores
    starts: Any

    _LAYOUT = 2  # tables kept by another layout are built again
    _ARRAYS = ("days", "starts")  # each an array of int32: 4 bytes a number halves what is read
    _HEADER = ("claims", "own_texts", "fields", "vocabulary", *_ARRAYS)
    _SIZES = {"t": _CHUNK, "i": _ID_CHUNK}

    def __init__(self, fetch: Callable[[list[str]], dict[str, Any]] | None, **header: Any) -> None:
        for name in self._HEADER:
            setattr(self, name, header[name])
        self._fetch = fetch  # None: built, every part in `_parts`
        self._parts: dict[str, Any] = {}

    @classmethod
    def build(cls, store: Store, claims: list[Claim]) -> _Tables:
        import numpy as np

        texts: list[str] = []
        fields: list[int] = []
        shared_owners: list[list[int]] = []
        postings: dict[str, list[int]] = defaultdict(list)

        def add(text: str, field: int) -> None:
            entry = len(texts)
            texts.append(text)
            fields.append(field)
            for word in set(words_of(text)):
                postings[word].append(entry)

        by_speaker: dict[str, list[int]] = defaultdict(list)
        by_tag: dict[str, list[int]] = defaultdict(list)
        # A source's title, outlet and byline are text of every claim appearing in it.
        by_source_text: dict[str, list[int]] = defaultdict(list)
        # A claim's own texts are added first and side by side, claim by claim, so
        # that one reduceat over these offsets gives each claim's best per word.
        starts: list[int] = []
        statement, summary, quote, speaker_field, tag_field, source_field = range(len(FIELDS))
        for n, claim in enumerate(claims):
            starts.append(len(texts))
            add(claim.statement, statement)
            if claim.summary:
                add(claim.summary, summary)
            for appearance in claim.appears_in:
                if appearance.quote:
                    add(appearance.quote, quote)
            by_speaker[claim.speaker].append(n)
            for tag in claim.tags:
                by_tag[tag].append(n)
            for source_id in dict.fromkeys(a.source for a in claim.appears_in if a.source):
                source = store.sources.get(source_id)
                if source:
                    for text in (source.title, source.outlet, source.byline):
                        if text:
                            by_source_text[text].append(n)
        own_texts = len(texts)  # entries past this are speakers, tags and sources, shared by claims

        def add_shared(text: str, field: int, owners: list[int]) -> None:
            add(text, field)
            shared_owners.append(owners)

        for speaker_id, owners in by_speaker.items():
            speaker = store.speakers.get(speaker_id)
            names = (speaker.name, *speaker.aliases, speaker_id) if speaker else (speaker_id,)
            for name in dict.fromkeys(names):
                add_shared(name, speaker_field, owners)
        for tag, owners in by_tag.items():
            add_shared(tag, tag_field, owners)
        for text, owners in by_source_text.items():
            add_shared(text, source_field, list(dict.fromkeys(owners)))
        vocabulary = sorted(postings)
        tables = cls(
            None,
            claims=len(claims),
            own_texts=own_texts,
            fields=bytes(fields),
            vocabulary=vocabulary,
            days=np.array([c.date.first_day.toordinal() for c in claims], dtype=np.int32),
            starts=np.array(starts, dtype=np.int32),
        )
        parts = tables._parts
        parts.update((f"p:{k}", np.array(postings[word], dtype=np.int32)) for k, word in enumerate(vocabulary))
        parts.update((f"s:{n}", np.array(owners, dtype=np.int32)) for n, owners in enumerate(shared_owners))
        parts.update((f"t:{k // _CHUNK}", texts[k : k + _CHUNK]) for k in range(0, len(texts), _CHUNK))
        ids = [c.id for c in claims]
        parts.update((f"i:{k // _ID_CHUNK}", ids[k : k + _ID_CHUNK]) for k in range(0, len(ids), _ID_CHUNK))
        return tables

    def dumps(self) -> dict[str, Any]:
        """The header and every part as plain values (bytes, str, int, lists of str), named for
        the store's index; `loads` reads them back."""
        assert self._fetch is None  # built: every part in memory
        header: dict[str, Any] = {name: getattr(self, name) for name in self._HEADER}
        for name in self._ARRAYS:
            header[name] = header[name].tobytes()
        header["vocabulary"] = "\n".join(self.vocabulary)  # words never hold a line break
        header["layout"] = self._LAYOUT
        kept: dict[str, Any] = {_DERIVED: header}
        for name, value in self._parts.items():
            kind = name[0]
            kept[f"{_DERIVED}:{name}"] = (
                value.tobytes() if kind in "ps" else "\n".join(value) if kind == "i" else value
            )  # ids never hold a line break: they are slugs
        return kept

    @classmethod
    def loads(cls, value: Any, fetch: Callable[[list[str]], dict[str, Any]]) -> _Tables | None:
        """The tables `dumps` gave, their parts read through fetch(["p:3", ...]) when asked for;
        None when the value is not such tables (a damaged index, or another layout)."""
        import numpy as np

        try:
            header = dict(value)
            if header.get("layout") != cls._LAYOUT:
                return None
            for name in cls._ARRAYS:
                header[name] = np.frombuffer(header[name], dtype=np.int32)
            header["vocabulary"] = header["vocabulary"].split("\n") if header["vocabulary"] else []
            tables = cls(fetch, **header)
        except (TypeError, ValueError, KeyError, AttributeError):
            return None
        sound = (
            len(tables.days) == tables.claims == len(tables.starts)
            and isinstance(tables.fields, bytes)
            and 0 <= tables.own_texts <= len(tables.fields)
        )
        return tables if sound else None

    def need(self, names: Iterable[str]) -> None:
        """Read these parts in one query, those not read yet. Raises _Lost when the index lost
        one: a search asks for its few parts together, a query each took a quarter of it."""
        wanted = [name for name in dict.fromkeys(names) if name not in self._parts]
        if not wanted:
            return
        if self._fetch is None:
            raise _Lost  # (built: every part is there; asked for one that is not)
        found = self._fetch(wanted)
        for name in wanted:
            part = self._checked(name, found.get(name))
            if part is None:
                raise _Lost
            self._parts[name] = part

    def _checked(self, name: str, value: Any) -> Any:
        """A part read back, as the tables use it, or None when it is not what `dumps` wrote."""
        import numpy as np

        kind, k = name[0], int(name[2:])
        if kind in "ps":
            if not isinstance(value, bytes) or len(value) % 4:
                return None
            numbers = np.frombuffer(value, dtype=np.int32)
            bound = len(self.fields) if kind == "p" else self.claims
            return numbers if not len(numbers) or 0 <= numbers.min() <= numbers.max() < bound else None
        size = self._SIZES[kind]
        expected = min(size, (len(self.fields) if kind == "t" else self.claims) - k * size)
        if kind == "i":
            value = value.split("\n") if isinstance(value, str) else None
        ok = isinstance(value, list) and len(value) == expected and all(isinstance(t, str) for t in value)
        return value if ok else None

    def _part(self, kind: str, k: int) -> Any:
        name = f"{kind}:{k}"
        if name not in self._parts:
            self.need([name])
        return self._parts[name]

    def postings(self, k: int) -> Any:
        """The entries holding the vocabulary's k-th word, as an array."""
        return self._part("p", k)

    def shared(self, entry: int) -> Any:
        """The claims a shared entry (a speaker, tag or source text) belongs to, as an array."""
        return self._part("s", entry - self.own_texts)

    def text(self, entry: int) -> str:
        """The text of an entry, as written in the store."""
        k, n = divmod(entry, _CHUNK)
        return self._part("t", k)[n]  # type: ignore[no-any-return]

    def claim_id(self, owner: int) -> str:
        k, n = divmod(owner, _ID_CHUNK)
        return self._part("i", k)[n]  # type: ignore[no-any-return]

    def read_ahead(
        self,
        *,
        words: Iterable[int] = (),
        shared: Iterable[int] = (),
        entries: Iterable[int] = (),
        owners: Iterable[int] = (),
    ) -> None:
        """`need` the parts holding these words' entries (by place in the vocabulary), these
        shared entries' claims, these entries' texts and these claims' ids."""
        self.need(
            [
                *(f"p:{k}" for k in words),
                *(f"s:{entry - self.own_texts}" for entry in shared),
                *(f"t:{entry // _CHUNK}" for entry in entries),
                *(f"i:{owner // _ID_CHUNK}" for owner in owners),
            ]
        )


def _parts_of(index: Any, names: list[str]) -> dict[str, Any]:
    kept = index.derived_many([f"{_DERIVED}:{name}" for name in names])
    return {name.removeprefix(f"{_DERIVED}:"): value for name, value in kept.items()}


class _Lost(Exception):
    """A chunk of texts the index should hold is missing or damaged."""


class SearchIndex:
    """Entries (a text, its field, the claims it belongs to) and an inverted index of their words."""

    def __init__(self, store: Store, claims: list[Claim] | None = None, tables: _Tables | None = None) -> None:
        """Over the claims given; `of_store` searches every claim, through the store's index."""
        self._store = store
        self._claims = claims
        self._use(tables or self._built())

    def _built(self) -> _Tables:
        claims = self._claims if self._claims is not None else list(self._store.claims.values())
        return _Tables.build(self._store, claims)

    def _use(self, tables: _Tables) -> None:
        self.tables = tables
        self.vocabulary = tables.vocabulary  # sorted: prefixes are ranges of it
        self.entry_count = len(tables.fields)
        self._starts = tables.starts
        self._own_texts = tables.own_texts

    @classmethod
    def of_store(cls, store: Store) -> SearchIndex:
        """Over every claim of the store. The tables are kept in the store's index with the state
        of the store they were built from: an unchanged store reads them back instead of
        building every record and its words again."""
        index = store.index
        tables = None
        if index is not None:
            tables = _Tables.loads(index.derived(_DERIVED), lambda names: _parts_of(index, names))
        searched = cls(store, tables=tables)
        if tables is None and index is not None and index.persistent:
            index.keep_derived(searched.tables.dumps())
        return searched

    def _claim(self, owner: int) -> Claim:
        if self._claims is not None:
            return self._claims[owner]
        return self._store.claims[self.tables.claim_id(owner)]  # type: ignore[no-any-return]

    def _word_index(self, word: str) -> int | None:
        """The place of a word in the (sorted) vocabulary, or None."""
        k = bisect.bisect_left(self.vocabulary, word)
        return k if k < len(self.vocabulary) and self.vocabulary[k] == word else None

    def _postings_array(self, word: str) -> Any:
        """The entries holding a word (a word of the vocabulary)."""
        k = self._word_index(word)
        assert k is not None
        return self.tables.postings(k)

    def _claim_coverage(self, per_word: list[tuple[float, Any]], weights: float) -> Any:
        """Per claim, how much of the query its own texts, its speaker and its tags hold together:
        "Zarif intelligence" finds Zarif's claims that mention intelligence."""
        import numpy as np

        claims = self.tables.claims
        total = np.zeros(claims, dtype=np.float32)
        if not claims:
            return total
        for weight, best in per_word:
            per_claim = np.maximum.reduceat(best[: self._own_texts], self._starts)
            for entry in np.flatnonzero(best[self._own_texts :]) + self._own_texts:
                owners = self.tables.shared(int(entry))
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
        # Only the candidates' best shared entry is asked for: a tag or source shared by tens of
        # thousands of claims is not walked claim by claim (52 ms of a search at 100,000 claims).
        candidate = np.zeros(self.tables.claims, dtype=bool)
        candidate[claims] = True
        for entry in shared[np.argsort(coverage[shared], kind="stable")]:  # ascending: the best wins
            owners = self.tables.shared(int(entry))
            for owner in owners[candidate[owners]].tolist():
                best_shared[owner] = int(entry)
        starts = self._starts
        for n in (int(c) for c in claims):
            start = int(starts[n])
            end = int(starts[n + 1]) if n + 1 < len(starts) else self._own_texts
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
        if self._word_index(word) is not None:
            matches[word] = 100.0
        if len(word) >= 3:
            cutoff = _edits_allowed(len(word))
            for candidate, edits, _ in process.extract(
                word, self.vocabulary, scorer=OSA.distance, score_cutoff=cutoff, limit=None
            ):  # each word of the vocabulary once; the word itself (0 edits) is 100 above
                if 0 < edits <= _edits_allowed(min(len(word), len(candidate))):
                    matches[candidate] = 100.0 * (1 - edits / (len(candidate) + 1))
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
        start = bisect.bisect_left(self.vocabulary, prefix)
        end = bisect.bisect_left(self.vocabulary, prefix + "\U0010ffff")
        return self.vocabulary[start:end]

    def search(self, query: str, limit: int | None = 20, min_score: float = MIN_SCORE) -> list[Hit]:
        """At most `limit` hits (None or 0: every one), the best first, scoring min_score or more."""
        try:
            return self._search(query, limit, min_score)
        except _Lost:  # the index lost texts of its tables: build them, as a run without the index does
            self._use(self._built())
            return self._search(query, limit, min_score)

    def _search(self, query: str, limit: int | None, min_score: float) -> list[Hit]:
        from rapidfuzz import fuzz

        query_words = list(dict.fromkeys(words_of(query)))
        if not query_words or not self.entry_count:
            return []
        import numpy as np

        total = self.entry_count
        # Per query word, the best similarity each entry reaches, as one array:
        # vectorised, so a common word in 200,000 entries costs milliseconds.
        per_word: list[tuple[float, np.ndarray]] = []
        word_matches = [self._word_matches(word) for word in query_words]
        matched_words = {candidate for matches in word_matches for candidate in matches}
        self.tables.read_ahead(words=(k for k in map(self._word_index, matched_words) if k is not None))
        for matches in word_matches:
            best = np.zeros(total, dtype=np.float32)
            for candidate, similarity in matches.items():
                entries = self._postings_array(candidate)
                best[entries] = np.maximum(best[entries], similarity)
            # Rare words tell more than common ones: weight by inverse document frequency.
            weight = math.log(1 + total / (1 + int(np.count_nonzero(best))))
            per_word.append((weight, best))
        weights = sum(w for w, _ in per_word)  # not 0: each is log(1 + total / (1 + count)), count <= total
        coverage = np.zeros(total, dtype=np.float32)  # per entry
        for weight, best in per_word:
            coverage += best * (weight / weights)
        self.tables.read_ahead(shared=np.flatnonzero(coverage[self._own_texts :]) + self._own_texts)
        by_claim = self._claim_coverage(per_word, weights)
        matched = np.flatnonzero(by_claim)
        if len(matched) > _RERANK:
            matched = matched[np.argpartition(-by_claim[matched], _RERANK)[:_RERANK]]
        shown_entry = self._entry_to_show(coverage, matched)
        self.tables.read_ahead(entries=shown_entry.values())
        folded_query = " ".join(query_words)
        scored: list[tuple[float, int, int]] = []
        for owner in (int(n) for n in matched):
            entry = shown_entry[owner]
            order = fuzz.partial_ratio(folded_query, " ".join(words_of(self.tables.text(entry))))
            score = 0.8 * float(by_claim[owner]) + 0.2 * order
            if score >= min_score:
                scored.append((score, owner, entry))

        def rank(item: tuple[float, int, int]) -> tuple[float, int, int]:
            score, owner, entry = item
            # Equal scores: what the speaker said before what others wrote about it, then newest.
            return (-score, self.tables.fields[entry], -int(self.tables.days[owner]))

        scored.sort(key=rank)
        if limit:
            # Then by id, which is read only for the claims shown and those they tie with.
            end = limit
            while 0 < end < len(scored) and rank(scored[end]) == rank(scored[end - 1]):
                end += 1
            del scored[end:]
        self.tables.read_ahead(owners=(owner for _, owner, _ in scored))
        scored.sort(key=lambda item: (*rank(item), self.tables.claim_id(item[1])))
        hits = []
        for score, owner, entry in scored[:limit] if limit else scored:
            text = self.tables.text(entry)
            hit_words = frozenset(w for w in words_of(text) if w in matched_words)
            hits.append(Hit(self._claim(owner), min(score, 100.0), FIELDS[self.tables.fields[entry]], text, hit_words))
        return hits


def _edits_allowed(letters: int) -> int:
    return 0 if letters < 3 else 1 if letters < 9 else 2
