"""Which words are cues, and which phrases can be the speaker of one.

A cue is a verb of the lexicon used as a verb here: not "the report", not
"declined to comment", not "was asked". A speaker's phrase is headed by a
name, a pronoun or a word for people, bodies or documents.
"""

from __future__ import annotations

from collections.abc import Sequence

from .capture_lexicon import (
    AMBIGUOUS,
    CUE_FORMS,
    DETERMINERS,
    EXPECTED,
    NP_INNER,
    PRONOUN_DETERMINERS,
    PRONOUNS,
    SOURCE_HEADS,
    TIME_WORDS,
)
from .capture_phrases import is_word, skip_back_auxiliaries, went_on_to
from .capture_text import Item

_PASSIVE = frozenset("was were is are be been being get got gets".split())
_INFINITIVE = frozenset({"to"})
_NUMBERS = frozenset("two three four five six seven eight nine ten".split())
_VERB_AFTER_NOUN = frozenset("is was are were has had have will would could can may might must".split())
_ASKED_ABOUT = frozenset("about whether if what why how who which".split())
_PARTICIPLE_SUFFIX = "ing"


def cue_at(items: Sequence[Item], k: int) -> str | None:
    """The cue lemma of items[k], or None when it is not used as a cue here."""
    item = items[k]
    if item.quote or item.low not in CUE_FORMS:
        return None
    if item.capitalized and k > 0 or (item.text.isupper() and len(item.text) > 1):
        return None  # "Said", "Hope" as names or titles mid-sentence; "READ MORE:" as a heading
    lemma = CUE_FORMS[item.low]
    prev = items[k - 1] if k else None
    if prev is not None and not prev.quote:
        if prev.low in _INFINITIVE and not went_on_to(items, k):
            return None  # "declined to comment", "wants to say"; but "went on to say" is saying
        if (
            prev.low in DETERMINERS
            and prev.low != "that"
            and (prev.low not in PRONOUN_DETERMINERS or item.low in AMBIGUOUS)
            and not (k >= 3 and items[k - 2].low in ("in", "of"))  # "one in five say", "two of three said"
        ):
            return None  # "the report", "his claims"
        if prev.low.endswith(("’s", "'s", "s’")) and prev.low not in ("’s", "'s"):
            return None  # "the convention’s pledged delegates", "Trump’s claims"
        if item.low.endswith(("ed", "en", "told", "said", "known", "thought", "found")):
            m = k - 1
            while m > 0 and items[m].low.endswith("ly") and not items[m].quote:
                m -= 1  # "had been previously reported"
            if items[m].low in _PASSIVE:
                if item.low == "expected" and k + 1 < len(items) and items[k + 1].low == "to":
                    return EXPECTED  # "Trump is expected to win": a forecast with nobody named
                if item.low == "asked" and k + 1 < len(items) and items[k + 1].low in _ASKED_ABOUT:
                    return lemma  # "he was asked whether ...": a question, its asker unnamed
                return None  # "was asked", "is expected"
    linked = quoting_participle(items, k)
    if item.low.endswith(_PARTICIPLE_SUFFIX) and lemma not in ("say",) and not after_comma(items, k) and not linked:
        # "the saying goes", "a warning": a participle is a cue after a comma only, or after "was"
        if not (prev and prev.low in ("was", "were", "is", "are", "been", "am")):
            return None
    participle = item.low.endswith(_PARTICIPLE_SUFFIX) and (after_comma(items, k) or linked)
    if item.low in AMBIGUOUS and not participle:
        # Ambiguous forms count only right after a subject ("officials report").
        j = skip_back_auxiliaries(items, k - 1)
        if j < 0 or items[j].quote or not (items[j].low in PRONOUNS or is_word(items[j])):
            return None
        if items[j].text[:1].isdigit():
            return None
        nxt = items[k + 1] if k + 1 < len(items) else None
        if nxt is not None and not nxt.quote and (nxt.low in _VERB_AFTER_NOUN or nxt.low.endswith("ing")):
            return None  # "the rules committee report was finalized", "the FEC report covering ...": a noun
    if k + 1 < len(items) and not items[k + 1].quote and items[k + 1].low in ("by",) and item.low.endswith("ed"):
        return None  # "was criticized by"
    return lemma


def after_comma(items: Sequence[Item], k: int) -> bool:
    """Whether items[k] follows a comma, one inside a closing quotation included ("“...,” adding")."""
    if k == 0:
        return False
    prev = items[k - 1]
    if prev.quote:
        return prev.closed and prev.text[: len(prev.text) - prev.mark].rstrip().endswith(",")
    return prev.text == ","


_PARTICIPLE_LINKS = frozenset("and by upon while before after".split())


def quoting_participle(items: Sequence[Item], k: int) -> bool:
    """ "... and telling her, “...”", "by saying, “...”", "before adding: “...”": an -ing form after a link
    word whose quotation follows within a few words (the person spoken to and a comma or colon)."""
    if k == 0 or not items[k].low.endswith(_PARTICIPLE_SUFFIX) or items[k - 1].low not in _PARTICIPLE_LINKS:
        return False
    for m in range(k + 1, min(len(items), k + 5)):
        if items[m].quote:
            return True
        if items[m].text == ":" and m + 1 < len(items) and items[m + 1].quote:
            continue  # "before adding: “...”"
        if items[m].text in (".", "!", "?", ";", ":") or items[m].low in CUE_FORMS:
            return False
    return False


def phrase_head(items: Sequence[Item], first: int, last: int) -> int:
    """The head of a noun phrase: the word before its first "of", "for", "in" ... ("Polls in New Hampshire")."""
    for m in range(first + 1, last + 1):
        if items[m].low in NP_INNER and not items[m].capitalized:
            return m - 1
    return last


def valid_subject(items: Sequence[Item], first: int, last: int, kind: str, lemma: str = "say") -> bool:
    """A speaker's phrase is headed by a name, a pronoun or a word for people, bodies or documents.

    The head is the last word before "of", "for", "with" ...: "a person familiar with the talks"."""
    inner = next((m for m in range(first + 1, last + 1) if items[m].low in NP_INNER and not items[m].capitalized), None)
    if inner is not None and any(items[m].low in SOURCE_HEADS for m in range(first, inner)):
        return True
    if inner is not None and items[inner - 1].capitalized and items[inner].low in ("of", "from", "at"):
        return True  # "Robert Antonacci of the New York delegation": a name, then where the person is from
    head = items[last]
    if (head.text.isdigit() or head.low in _NUMBERS) and last >= first + 2 and items[last - 1].low in ("in", "of"):
        return True  # "Six in 10 say", "two of three"
    if head.low in ("who", "which"):
        return True  # "Graham, who says ...", "the union, which endorsed Mr. Sanders"
    if head.low in PRONOUNS or head.text == ")":
        return True
    if head.capitalized:
        return not (first == last and head.low in TIME_WORDS)
    if head.low in SOURCE_HEADS or _person_noun(head.low) or head.low.endswith("-year-old"):
        return True
    # "a person close": an adjective after the head
    return last > first and items[last - 1].low in SOURCE_HEADS and head.low not in SOURCE_HEADS


# Nouns for people by their ending: "partner", "employee", "economist", "resident", "spokeswoman".
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "ee", "man", "woman", "person", "ess")


def _person_noun(word: str) -> bool:
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return len(stem) > 3 and stem.endswith(_PERSON_ENDINGS) and stem not in _NOT_PERSONS


_NOT_PERSONS = frozenset(
    "never however whatever whenever other another either neither rather order matter number letter "
    "paper water power center summer winter quarter border corner manner error factor sector ever "
    "major minor prior interior exterior former latter better later earlier further after over under "
    "percent recent current event moment statement content agent intent extent argument government "
    "department movement agreement comment element segment parliament document amendment payment "
    "president incident student talent parent patient client resident".split()
) - frozenset("president student parent patient client resident agent".split())
