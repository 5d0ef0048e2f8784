"""capture: find the attributable statements in a news article and propose claim records.

`propose` is a pure function of the article's text and what the store
already knows (speakers, claims): it reads, never writes, and needs nothing
but the standard library and rapidfuzz. The rules live in the capture_*
modules, in the order they run:

- capture_text: paragraphs, quotations of every kind, sentences;
- capture_lexicon: the cue verbs and the words around speakers (data only);
- capture_cues, capture_subjects, capture_phrases: which words are cues, the
  speaker's phrase and its apposition, and the words to step over around a cue;
- capture_rules, capture_spans, capture_labels: the attribution frames of a
  sentence and where their contents begin and end;
- capture_speakers, capture_dates, capture_sourcing, capture_answers: who the
  speaker is, when, on what basis, and which recorded claims it answers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .capture_answers import ClaimMatcher, relation_words
from .capture_dates import resolve_date
from .capture_rules import Found, find_all
from .capture_sourcing import propose_sourcing
from .capture_speakers import Resolver, SpeakerIndex, Who
from .capture_subjects import subject_at_start
from .capture_text import QUOTE_MARKS, Sentence, sentences
from .fuzzy import fold

KINDS = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    def as_json(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Answer:
    """A proposed responds_to link: this statement answers `claim`."""

    claim: str
    relation: str
    score: int  # 0-100

    def as_json(self) -> dict:
        return {"claim": self.claim, "relation": self.relation, "score": self.score}


@dataclass(frozen=True, slots=True)
class Proposal:
    """One statement found in an article, as `capture --format json` prints it."""

    content: Span
    fragments: tuple[tuple[int, int], ...]
    source: Span | None
    cue: Span | None
    kind: str  # direct | indirect | mixed
    speaker: str | None = None
    new_speaker: str | None = None
    new_speaker_role: str | None = None
    date: str | None = None
    sourcing: str | None = None
    sourcing_cue: str | None = None
    responds_to: tuple[Answer, ...] = ()
    same_as: str | None = None
    confidence: float = 0.5

    def as_json(self) -> dict:
        return {
            "content": self.content.as_json(),
            "fragments": [list(f) for f in self.fragments],
            "source": self.source.as_json() if self.source else None,
            "cue": self.cue.as_json() if self.cue else None,
            "kind": self.kind,
            "speaker": self.speaker,
            "new_speaker": self.new_speaker,
            "new_speaker_role": self.new_speaker_role,
            "date": self.date,
            "sourcing": self.sourcing,
            "sourcing_cue": self.sourcing_cue,
            "responds_to": [a.as_json() for a in self.responds_to],
            "same_as": self.same_as,
            "confidence": self.confidence,
        }


def _not_statements(text: str, sents: list[Sentence]) -> set[int]:
    """Sentences of headlines, bylines and credits: short paragraphs without a final full stop that are
    the article's first, or written in title case ("Jeb Bush Super PAC Chief Praises Rubio Donor")."""
    skip: set[int] = set()
    by_paragraph: dict[int, list[int]] = {}
    for i, s in enumerate(sents):
        by_paragraph.setdefault(s.paragraph, []).append(i)
    for number, indices in enumerate(by_paragraph.values()):
        first, last = sents[indices[0]], sents[indices[-1]]
        body = text[first.start : last.end]
        tail = body.rstrip(QUOTE_MARKS + "')]’ ")
        words = body.split()
        if tail[-1:] in (".", "!", "?", ":", ";", ",") or len(words) > 25:
            continue
        capitalized = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        if number == 0 or capitalized >= 0.6 * len(words):
            skip.update(indices)
    return skip


def _kind(text: str, fragments: Iterable[tuple[int, int]], quoted: bytearray) -> str:
    letters = [i for a, b in fragments for i in range(a, b) if text[i].isalnum()]
    if not letters:
        return "indirect"
    inside = sum(quoted[i] for i in letters)
    if inside == len(letters):
        return "direct"
    return "mixed" if inside else "indirect"


def _quoted_mask(text: str, sents: list[Sentence]) -> bytearray:
    mask = bytearray(len(text))
    for s in sents:
        for item in s.items:
            if item.quote:
                a, b = item.inner
                mask[a:b] = b"\x01" * (b - a)
    return mask


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """A content's span without surrounding spaces, its final full stop or comma, or unpaired marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _confidence(f: Found, kind: str, who: Who) -> float:
    """How likely a person is to accept the proposal: the cue's class, quotation marks, a known speaker."""
    score = _BASE_CONFIDENCE[f.kind]
    if kind == "direct":
        score += 0.15
    elif kind == "mixed":
        score += 0.05
    if f.source is None:
        score -= 0.2
    elif who.speaker is None and who.new_speaker is None:
        score -= 0.1  # a pronoun with nobody named before it
    if f.negated:
        score -= 0.3
    if f.pattern in ("participle", "conjoined"):
        score -= 0.05
    return round(max(0.05, min(0.99, score)), 2)


_BASE_CONFIDENCE = {
    "speech": 0.75,
    "according": 0.75,
    "thought": 0.5,
    "stance": 0.45,
    "intent": 0.35,
    "raising": 0.45,  # nobody is named, so a raising frame ends near 0.25
}


def _note_subjects(text: str, sents: list[Sentence], start: int, stop: int, found: list[Found], resolver) -> int:
    """Tell the resolver who the sentences start..stop-1 without attributions are about; the new start."""
    with_attributions = {f.sentence for f in found}
    for i in range(start, stop):
        if i in with_attributions:
            continue
        subject = subject_at_start(sents[i].items, len(sents[i].items))
        if subject is not None:
            items = sents[i].items
            resolver.mention(text[items[subject[0]].start : items[subject[1]].end])
    return max(start, stop)


def _clause(f: Found, found: list[Found], start: int, end: int) -> tuple[int, int]:
    """The part of a sentence that belongs to one attribution: between its neighbours in the sentence."""
    mine = _extent(f)
    for other in found:
        if other is f or other.sentence != f.sentence:
            continue
        lo, hi = _extent(other)
        if hi <= mine[0]:
            start = max(start, hi)
        elif lo >= mine[1]:
            end = min(end, lo)
    return start, end


def _extent(f: Found) -> tuple[int, int]:
    spans = [*f.content, f.cue] + ([f.source] if f.source else [])
    return min(a for a, _b in spans), max(b for _a, b in spans)


def _blank(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> str:
    """text[start:end] with the given spans replaced by spaces, offsets kept."""
    chars = list(text[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def propose(
    text: str,
    *,
    speakers: Iterable = (),
    claims: Iterable = (),
    published: dt.date | None = None,
) -> list[Proposal]:
    """The statements of an article as proposals, in the order they appear.

    `speakers` and `claims` are the store's records (objects with the
    attributes of claimtrack.model.Speaker and Claim); `published` is the
    article's date, against which "on Wednesday" is resolved.
    """
    sents = sentences(text)
    skip = _not_statements(text, sents)
    found = find_all(sents, skip)
    quoted = _quoted_mask(text, sents)
    index = SpeakerIndex(speakers)
    resolver = Resolver(index)
    matcher = ClaimMatcher(list(claims), index, text)

    drafts = []
    noted = 0  # sentences before this one have been read for the people they name
    for f in found:
        noted = _note_subjects(text, sents, noted, f.sentence, found, resolver)
        fragments = tuple(fr for fr in (_trim(text, a, b) for a, b in f.content) if fr[0] < fr[1])
        if not fragments:
            continue
        start, end = fragments[0][0], fragments[-1][1]
        # A tweet under its credit line is the speaker's own words, quotation marks or not.
        kind = "direct" if f.pattern == "credit" else _kind(text, fragments, quoted)
        sentence = sents[f.sentence]
        source_text = text[f.source[0] : f.source[1]] if f.source else None
        name_text = text[f.name[0] : f.name[1]] if f.name else None
        role_text = text[f.role[0] : f.role[1]] if f.role else None
        who = resolver.resolve(source_text, name_text, role_text)
        # The words around the content: its clause of the cue's sentence (not the clauses of other
        # attributions in it), and the content wherever it runs.
        lo, hi = _clause(f, found, sentence.start, sentence.end)
        lo, hi = min(lo, start), max(hi, end)
        outside = _blank(text, lo, hi, fragments)
        date = resolve_date(outside, f.cue[0] - lo, published)
        sourcing, sourcing_cue = propose_sourcing(text[lo:hi], source_text)
        relation, target = relation_words(f.lemma, outside)
        content = " ".join(text[a:b] for a, b in fragments)
        drafts.append((f, fragments, kind, who, date, sourcing, sourcing_cue, relation, target, content))

    out: list[Proposal] = []
    for f, fragments, kind, who, date, sourcing, sourcing_cue, relation, target, content in drafts:
        start, end = fragments[0][0], fragments[-1][1]
        same_as, answers = None, []
        if matcher:
            mentioned = matcher.mentioned(target)
            candidates = matcher.candidates(f"{content} {target}", who.speaker, mentioned)
            same_as = matcher.same_as(content, who.speaker, candidates)
            query = f"{content} {target}".strip()
            answers = matcher.answers(
                query, candidates, relation, mentioned, who.speaker, date or _iso(published), same_as
            )
        out.append(
            Proposal(
                content=Span(start, end, text[start:end]),
                fragments=fragments if len(fragments) > 1 else (),
                source=Span(f.source[0], f.source[1], text[f.source[0] : f.source[1]]) if f.source else None,
                cue=Span(f.cue[0], f.cue[1], text[f.cue[0] : f.cue[1]]),
                kind=kind,
                speaker=who.speaker,
                new_speaker=who.new_speaker,
                new_speaker_role=who.role if who.new_speaker else None,
                date=date,
                sourcing=sourcing,
                sourcing_cue=sourcing_cue,
                responds_to=tuple(Answer(a.claim, a.relation, a.score) for a in answers),
                same_as=same_as,
                confidence=_confidence(f, kind, who),
            )
        )
    return out


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


# ------------------------------------------------------------ draft records


def statement_text(proposal: Proposal, text: str) -> str:
    """The words of a proposal as a claim's statement: its fragments joined, without quotation marks."""
    pieces = [proposal.content.text] if not proposal.fragments else [text[a:b] for a, b in proposal.fragments]
    cleaned = []
    for piece in pieces:
        piece = " ".join(piece.split()).rstrip(",;: ")
        if proposal.kind == "direct":
            piece = piece.strip(QUOTE_MARKS + "' ").rstrip(",;: ")
        if piece:
            cleaned.append(piece)
    words = " ".join(cleaned)
    if proposal.kind != "direct" and words[:5].lower() == "that ":
        words = words[5:]  # "said that the bridge is safe": the statement is what follows "that"
    return words


def draft_record(
    proposal: Proposal,
    text: str,
    *,
    source: str | None = None,
    published: dt.date | None = None,
    speaker_id: str | None = None,
) -> dict:
    """The fields of a draft claim record for a proposal, in store order.

    `source` is the id of the article's source record, `published` the
    article's date (used when the words give none), `speaker_id` the id
    chosen for a proposed new speaker (default: one made from its name).
    The caller writes the record; nothing here knows YAML.
    """
    speaker = proposal.speaker or speaker_id or (speaker_slug(proposal.new_speaker) if proposal.new_speaker else None)
    record: dict = {
        "speaker": speaker,
        "date": proposal.date or _iso(published),
        "statement": statement_text(proposal, text),
    }
    verbatim = proposal.kind == "direct"
    record["wording"] = "verbatim" if verbatim else "paraphrase"
    if source:
        # An appearance must name its source: without one the draft has none.
        appearance: dict = {"source": source}
        if not verbatim:
            appearance["quote"] = " ".join(proposal.content.text.split())
        appearance["form"] = "quoted" if verbatim else "reported"
        record["appears_in"] = [appearance]
    if proposal.sourcing:
        note = f"Proposed by capture from the words: {proposal.sourcing_cue}" if proposal.sourcing_cue else None
        record["sourcing"] = {"status": proposal.sourcing, "note": note}
    if proposal.responds_to:
        record["responds_to"] = [{"claim": a.claim, "relation": a.relation} for a in proposal.responds_to[:1]]
    return record


def speaker_slug(name: str) -> str:
    """An id for a new speaker: "Hugh Hill" -> "hugh-hill"."""
    words = re.findall(r"[a-z0-9]+", fold(name))[:6]
    return "-".join(words) or "speaker"


def claim_id(record: dict, taken: set[str]) -> str:
    """An id for a draft claim, not in `taken` (which it joins): speaker, first words, year."""
    words = [w for w in re.findall(r"[a-z0-9]+", fold(record.get("statement") or "")) if len(w) > 2][:4]
    year = (record.get("date") or "")[:4]
    base = "-".join(filter(None, [record.get("speaker") or "unknown", *words, year])) or "claim"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def draft_speaker(proposal: Proposal, speaker_id: str | None = None) -> dict | None:
    """The fields of a speaker record for a proposed new speaker, or None when the proposal names a store speaker."""
    if proposal.speaker or not proposal.new_speaker:
        return None
    return {
        "id": speaker_id or speaker_slug(proposal.new_speaker),
        "name": proposal.new_speaker,
        "role": proposal.new_speaker_role,
    }
