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
from collections.abc import Sequence
from dataclasses import dataclass

from .capture_lexicon import RELATION_BY_LEMMA, RELATION_STEMS
from .capture_speakers import SpeakerIndex

SAME_AS = 90  # token set ratio for "this is the claim already recorded"
ANSWER_FLOOR = 50  # the least score of a proposed answer whose relation the words give
REPEAT_FLOOR = 85  # without a relation word, only a near copy is proposed, as a repeat
SPEAKER_BONUS = 10
CONTEXT_WEIGHT = 0.6  # a named speaker's claim scores at most this share of its words found in the article
MAX_ANSWERS = 3
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
    """The store's claims, ready to be compared with captured statements."""

    def __init__(self, claims: Sequence, speakers: SpeakerIndex, article: str = "") -> None:
        self.claims = list(claims)
        self.speakers = speakers
        self.article_words = set(_content_words(article))
        self.statements = [c.statement for c in self.claims]
        self.texts = [f"{c.statement} {c.summary or ''}".strip() for c in self.claims]

    def __bool__(self) -> bool:
        return bool(self.claims)

    def scores(self, queries: Sequence[str], against_summaries: bool = True) -> list[list[float]]:
        """Token set ratio of every query against every claim's statement (and summary), in one rapidfuzz call."""
        if not self.claims or not queries:
            return [[] for _q in queries]
        from rapidfuzz import fuzz, process, utils

        choices = self.texts if against_summaries else self.statements
        matrix = process.cdist(
            list(queries), choices, scorer=fuzz.token_set_ratio, processor=utils.default_process, workers=1
        )
        return [list(row) for row in matrix]

    def same_as(self, row: Sequence[float], content: str, speaker: str | None) -> str | None:
        """The recorded claim this statement is, when the same speaker said it in nearly the same words."""
        from rapidfuzz import fuzz, utils

        best: tuple[float, str] | None = None
        for i, score in enumerate(row):
            if score < SAME_AS:
                continue
            claim = self.claims[i]
            if speaker is not None and claim.speaker != speaker:
                continue
            # A few words of a long statement are not the statement: both ways of the ratio must agree.
            whole = fuzz.token_sort_ratio(content, claim.statement, processor=utils.default_process)
            partial = fuzz.partial_ratio(content, claim.statement, processor=utils.default_process)
            if whole < 60 and partial < SAME_AS:
                continue
            if best is None or score > best[0]:
                best = (score, claim.id)
        return best[1] if best else None

    def answers(
        self,
        row: Sequence[float],
        relation: str | None,
        target: str,
        speaker: str | None,
        date: str | None,
        same_as: str | None,
    ) -> list[Scored]:
        mentioned = self.speakers.find(_possessor(target)) if target else None
        latest = _last_day(date)
        out: list[Scored] = []
        for i, score in enumerate(row):
            claim = self.claims[i]
            if claim.id == same_as:
                continue
            first_day = getattr(getattr(claim, "date", None), "first_day", None)
            if latest is not None and first_day is not None and first_day > latest:
                continue  # nothing answers a statement made after it
            if mentioned is not None and claim.speaker == mentioned:
                # "Dismissing Trump's claims": Trump's claims, those the article is about first
                score = min(100.0, max(score + SPEAKER_BONUS, CONTEXT_WEIGHT * self._coverage(i), ANSWER_FLOOR))
            if speaker is not None and claim.speaker == speaker and relation not in (None, "retracts", "clarifies"):
                continue  # a speaker denies or backs what others said
            if relation is None:
                if same_as is not None or score < REPEAT_FLOOR or claim.speaker == speaker:
                    continue  # a statement already recorded needs no repeat link
                out.append(Scored(claim.id, "repeats", round(score)))
            elif score >= ANSWER_FLOOR:
                out.append(Scored(claim.id, relation, round(score)))
        # Equal scores: the latest claim first, as the one most likely answered.
        dates = {c.id: getattr(getattr(c, "date", None), "first_day", None) or dt.date.min for c in self.claims}
        out.sort(key=lambda a: (-a.score, -dates[a.claim].toordinal(), a.claim))
        return out[:MAX_ANSWERS]

    def _coverage(self, i: int) -> float:
        """The share (0-100) of a claim's words that the article uses."""
        words = set(_content_words(self.texts[i]))
        if not words:
            return 0.0
        return 100.0 * len(words & self.article_words) / len(words)


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3]


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
