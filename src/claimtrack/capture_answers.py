"""Which recorded claims a captured statement answers, repeats or already is.

The relation comes from the words: the cue itself ("denied", "confirmed")
or a relation word elsewhere in the sentence ("Dismissing Trump's claims,
Zarif said ..."). The claims it may answer are ranked by how close their
statement and summary are to the content and the words after the relation
word (rapidfuzz's token set ratio, 0-100), with a few points for a claim by
a speaker those words name ("Trump's claims"), and none dated after the
statement. A claim of the same speaker whose statement the content
matches almost word for word is the same statement (`same_as`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .capture_lexicon import RELATION_BY_LEMMA, RELATION_STEMS
from .capture_speakers import SpeakerIndex
from .fuzzy import fold

SAME_AS = 90  # token set ratio for "this is the claim already recorded"
ANSWER_FLOOR = 50  # the least score of a proposed answer whose relation the words give
REPEAT_FLOOR = 85  # without a relation word, only a near copy is proposed, as a repeat
SPEAKER_BONUS = 10
CONTEXT_WEIGHT = 0.6  # a named speaker's claim scores at most this share of its words found in the article
MAX_ANSWERS = 3
CANDIDATES = 200  # claims scored per statement, at most, besides those of the speakers concerned
RAREST = 6  # a statement's rarest words that find candidates however common they are
_WORD = re.compile(r"[^\W_]{4,}")
_OBJECT = re.compile(r"[^,;:.!?“”\"]{0,120}")
_STEMS = re.compile(r"\b(" + "|".join(re.escape(stem) for stem, _r in RELATION_STEMS) + r")\w*", re.IGNORECASE)
_RELATION_OF_STEM = {stem: relation for stem, relation in RELATION_STEMS}


@dataclass(frozen=True, slots=True)
class Scored:
    claim: str
    relation: str
    score: int


def relation_words(lemma: str, outside: str) -> tuple[str | None, str]:
    """The relation the words give, and the words naming what is answered ("Trump's claims").

    `outside` is the sentence with the content blanked out, so that a
    denial quoted inside the content is not read as the speaker's relation.
    """
    if lemma in RELATION_BY_LEMMA:
        return RELATION_BY_LEMMA[lemma], ""
    m = _STEMS.search(outside)
    if m is None:
        return None, ""
    stem = next(s for s, _r in RELATION_STEMS if m.group(1).lower().startswith(s))
    target = _OBJECT.match(outside, m.end())
    return _RELATION_OF_STEM[stem], (target.group(0).strip() if target else "")


class ClaimMatcher:
    """The store's claims, ready to be compared with captured statements.

    A store may hold 100,000 claims: each statement is compared (rapidfuzz's
    token set ratio, the costly part) only with the claims that share some
    of its less common words, found through an index of words built once per
    article, and with the claims of the speakers it concerns.
    """

    def __init__(self, claims: Sequence, speakers: SpeakerIndex, article: str = "") -> None:
        self.claims = list(claims)
        self.speakers = speakers
        self.article_words = set(_content_words(article))
        self.statements = [c.statement for c in self.claims]
        self.texts = [f"{c.statement} {c.summary or ''}".strip() for c in self.claims]
        self.by_speaker: dict[str, list[int]] = {}
        for i, claim in enumerate(self.claims):
            self.by_speaker.setdefault(claim.speaker, []).append(i)
        self._postings: dict[str, list[int]] | None = None

    def __bool__(self) -> bool:
        return bool(self.claims)

    def _index(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for i, text in enumerate(self.texts):
                for word in set(_content_words(text)):
                    postings.setdefault(word, []).append(i)
            self._postings = postings
        return self._postings

    def candidates(self, query: str, *speakers: str | None) -> list[int]:
        """The claims worth scoring against query: those sharing its rarer words, and those of the speakers."""
        index = self._index()
        common = max(CANDIDATES, len(self.claims) // 20)  # a word in 5% of claims says little
        counts: Counter[int] = Counter()
        words = set(_content_words(query))
        postings = sorted((index[w] for w in words if w in index), key=len)
        for n, posting in enumerate(postings):
            if len(posting) <= common or n < RAREST:  # the rarest few count even when common
                counts.update(posting)
        least = min(2, len(words))
        chosen = {i for i, n in counts.most_common(CANDIDATES) if n >= least}
        for speaker in speakers:
            if speaker is not None:
                chosen.update(self.by_speaker.get(speaker, ()))
        return sorted(chosen)

    def scores(self, query: str, indices: Sequence[int], against_summaries: bool = True) -> dict[int, float]:
        """Token set ratio (0-100) of query against the given claims' statements (and summaries)."""
        if not indices:
            return {}
        from rapidfuzz import fuzz, process, utils

        texts = self.texts if against_summaries else self.statements
        row = process.cdist(
            [query], [texts[i] for i in indices], scorer=fuzz.token_set_ratio, processor=utils.default_process
        )[0]
        return dict(zip(indices, (float(x) for x in row), strict=True))

    def same_as(self, content: str, speaker: str | None, indices: Sequence[int]) -> str | None:
        """The recorded claim this statement is, when the same speaker said it in nearly the same words."""
        from rapidfuzz import fuzz, utils

        own = [i for i in indices if speaker is None or self.claims[i].speaker == speaker]
        best: tuple[float, str] | None = None
        for i, score in self.scores(content, own, against_summaries=False).items():
            if score < SAME_AS:
                continue
            statement = self.claims[i].statement
            # A few words of a long statement are not the statement: both ways of the ratio must agree.
            whole = fuzz.token_sort_ratio(content, statement, processor=utils.default_process)
            partial = fuzz.partial_ratio(content, statement, processor=utils.default_process)
            if whole < 60 and partial < SAME_AS:
                continue
            if best is None or score > best[0]:
                best = (score, self.claims[i].id)
        return best[1] if best else None

    def mentioned(self, target: str) -> str | None:
        """The store speaker that the words after a relation word name: "Trump's claims" -> donald-trump."""
        return self.speakers.find(_possessor(target)) if target else None

    def answers(
        self,
        query: str,
        indices: Sequence[int],
        relation: str | None,
        mentioned: str | None,
        speaker: str | None,
        date: str | None,
        same_as: str | None,
    ) -> list[Scored]:
        latest = _last_day(date)
        out: list[tuple[Scored, dt.date]] = []
        for i, score in self.scores(query, indices).items():
            claim = self.claims[i]
            if claim.id == same_as:
                continue
            first_day = getattr(getattr(claim, "date", None), "first_day", None) or dt.date.min
            if latest is not None and first_day > latest:
                continue  # nothing answers a statement made after it
            if mentioned is not None and claim.speaker == mentioned:
                # "Dismissing Trump's claims": Trump's claims, those the article is about first
                score = min(100.0, max(score + SPEAKER_BONUS, CONTEXT_WEIGHT * self._coverage(i), ANSWER_FLOOR))
            if speaker is not None and claim.speaker == speaker and relation not in (None, "retracts", "clarifies"):
                continue  # a speaker denies or backs what others said
            if relation is None:
                if same_as is not None or score < REPEAT_FLOOR or claim.speaker == speaker:
                    continue  # a statement already recorded needs no repeat link
                out.append((Scored(claim.id, "repeats", round(score)), first_day))
            elif score >= ANSWER_FLOOR:
                out.append((Scored(claim.id, relation, round(score)), first_day))
        # Equal scores: the latest claim first, as the one most likely answered.
        out.sort(key=lambda pair: (-pair[0].score, -pair[1].toordinal(), pair[0].claim))
        return [scored for scored, _day in out[:MAX_ANSWERS]]

    def _coverage(self, i: int) -> float:
        """The share (0-100) of a claim's words that the article uses."""
        words = set(_content_words(self.texts[i]))
        if not words:
            return 0.0
        return 100.0 * len(words & self.article_words) / len(words)


def _content_words(text: str) -> list[str]:
    """Words of four letters or more, folded: what two statements about the same thing share."""
    return _WORD.findall(fold(text))


def _possessor(target: str) -> str:
    """ "Trump's claims that ..." -> "Trump"; "US claims that ..." -> "US"."""
    m = re.match(
        r"\s*((?:[A-Z][\w.-]*\s?){1,4}?)(?:['’]s?\s|\s*(?:claims?|allegations?|accusations?|reports?)\b)", target
    )
    return m.group(1).strip() if m else ""


def _last_day(date: str | None) -> dt.date | None:
    """The latest day an ISO date, month or year may mean."""
    if not date:
        return None
    try:
        if len(date) == 10:
            return dt.date.fromisoformat(date)
        if len(date) == 7:
            year, month = date.split("-")
            following = dt.date(int(year), int(month), 28) + dt.timedelta(days=4)
            return following - dt.timedelta(days=following.day)
        return dt.date(int(date), 12, 31)
    except ValueError:
        return None
