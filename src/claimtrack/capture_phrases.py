"""The words between a speaker, a cue and its content: auxiliaries, asides, adverbials, the person spoken to.

Each function takes a sentence's items and an index and returns item
indices, never text, so that the caller can turn them into offsets. The
speaker's own phrase is capture_subjects'.
"""

from __future__ import annotations

from collections.abc import Sequence

from .capture_lexicon import AUXILIARIES, DETERMINERS, OBJECT_PRONOUNS, TIME_WORDS, WEEKDAYS
from .capture_text import Item

NEGATED = ("n’t", "n't")

_CLAUSE_STARTS = frozenset("he she they we i it there this that these those you".split())

_NOT_CONTENT = frozenset(
    "so nothing something anything otherwise goodbye hello yes no much more little thanks it".split()
)


def is_word(item: Item) -> bool:
    return not item.quote and item.text[:1].isalnum()


def is_time(items: Sequence[Item], j: int) -> bool:
    return not items[j].quote and items[j].low in TIME_WORDS


_GO = frozenset("went goes go going".split())


def went_on_to(items: Sequence[Item], k: int) -> bool:
    """Whether items[k] follows "went on to" ("she went on to say")."""
    return k >= 3 and items[k - 1].low == "to" and items[k - 2].low == "on" and items[k - 3].low in _GO


def skip_back_auxiliaries(items: Sequence[Item], j: int) -> int:
    """From j backwards over auxiliaries, adverbs and time phrases ("has also", "on Thursday"); the new j."""
    while j >= 0:
        item = items[j]
        if item.quote:
            return j
        low = item.low
        if low == "to" and j >= 2 and items[j - 1].low == "on" and items[j - 2].low in _GO:
            j -= 3  # "Lee went on to say": the speaker is before "went on to"
        elif (
            low in AUXILIARIES
            or low.endswith(NEGATED)
            or (low.endswith("ly") and len(low) > 4 and not item.capitalized)
        ):
            j -= 1
        elif low in TIME_WORDS and (item.capitalized is False or low in WEEKDAYS or low in ("yesterday", "today")):
            j -= 1
            # "on Thursday", "late Tuesday", "last week", "earlier this month"
            while j >= 0 and items[j].low in ("on", "late", "early", "last", "this", "earlier", "next", "by"):
                j -= 1
        elif low.isdigit() and j > 0 and items[j - 1].low in TIME_WORDS:
            j -= 2  # "on March 11"
            while j >= 0 and items[j].low in ("on", "by"):
                j -= 1
        else:
            return j
    return j


# Short asides between a speaker and the cue: "Ayotte’s campaign, for example, said".
_ASIDES = frozenset(
    "for example instance however meanwhile in turn too though also in fact instead his her their part by "
    "contrast response at the time particular a statement an interview on monday tuesday wednesday thursday "
    "friday saturday sunday later earlier separately similarly too though still then among other things "
    "once again now".split()
)


def skip_back_aside(items: Sequence[Item], j: int) -> int:
    """From a comma at j, back over ", for example," to the item before the aside; j when there is none."""
    if j < 2 or items[j].text != ",":
        return j
    k = j - 1
    while k >= 0 and j - k <= 4 and not items[k].quote and items[k].low in _ASIDES:
        k -= 1
    if k < j - 1 and k >= 1 and items[k].text == ",":
        return k - 1
    return j


def object_after(items: Sequence[Item], j: int) -> int:
    """Past the person spoken to after "told", "warned" ...: the index after the object (j when none)."""
    n = len(items)
    if j >= n:
        return j
    item = items[j]
    if item.quote:
        # told "Fox and Friends" that ...: a programme's name in quotation marks
        return j + 1 if len(item.text) < 40 and j + 1 < n and items[j + 1].low == "that" else j
    if item.low in OBJECT_PRONOUNS or item.low in ("reporters", "journalists", "supporters", "voters", "viewers"):
        return j + 1
    k = j
    while k < n and k - j < 8:
        item = items[k]
        if item.quote and k > j and items[k - 1].low.endswith(("'s", "’s")) and len(item.text) < 40:
            k += 1  # told NBC’s “Today”: a programme's name
            continue
        if item.quote or not is_word(item) and item.text not in ("'s", "’s", "&", "."):
            break
        low = item.low
        if low == "that" or low in ("he", "she", "they", "we", "i", "it", "there"):
            break
        if low in ("on", "in", "at", "during", "via", "to", "about", "of", "against", "not", "if", "whether"):
            break
        if low in TIME_WORDS and not item.capitalized:
            break
        if low in WEEKDAYS:
            break
        k += 1
    return k


_ADVERBIAL_PREPS = frozenset("on in at during to via through after before from over with inside outside".split())


def skip_aside_after(items: Sequence[Item], j: int) -> int:
    """Past ", however," or ", without providing evidence," right after a cue, to the comma before
    the content ("that ..." or a quotation); j when there is none."""
    n = len(items)
    if j + 2 < n and items[j].text == ",":
        k = j + 1
        while k < n and k - j <= 4 and not items[k].quote and items[k].low in _ASIDES:
            k += 1
        if k > j + 1 and k < n and items[k].text == ",":
            return k
        opener = items[j + 1]
        if not opener.quote and (
            opener.low.endswith("ing")
            or opener.low in _ADVERBIAL_PREPS
            or opener.low == "without"
            or opener.capitalized  # "said Thursday in Buffalo, New York, that ..."
        ):
            for k in range(j + 2, min(n - 1, j + 14)):
                if items[k].quote or items[k].text in (";", ":"):
                    break
                if items[k].text == "," and (items[k + 1].low == "that" or items[k + 1].quote):
                    return k + 1 if items[k + 1].low == "that" else k
    return j


def infinitive(item: Item) -> bool:
    """Whether the word after "to" makes an infinitive ("to question") rather than a place ("to reporters")."""
    return is_word(item) and not item.capitalized and item.low not in DETERMINERS and item.low not in _NOUN_LEADS


_NOUN_LEADS = frozenset("his her their its our my your reporters supporters voters him them us me".split())


def adverbials_after(items: Sequence[Item], j: int) -> int:
    """Past time words and short prepositional phrases after a cue ("in a statement on Monday"); the new j.

    A phrase counts only when it ends before "that", a comma, a colon, a
    quotation or a pronoun that starts the clause; otherwise j is returned.
    """
    n = len(items)
    while j < n:
        item = items[j]
        if item.quote:
            return j
        low = item.low
        if low in TIME_WORDS or (low.endswith("ly") and len(low) > 4 and not item.capitalized) or low == "back":
            j += 1  # "on Monday", "angrily", "shot back"
            continue
        if low.isdigit() and j > 0 and items[j - 1].low in TIME_WORDS:
            j += 1
            continue
        if low in ("last", "this", "earlier", "late", "early") and j + 1 < n and items[j + 1].low in TIME_WORDS:
            j += 2
            continue
        if low in _ADVERBIAL_PREPS and not item.capitalized:
            k = j + 1
            while k < n and k - j <= 10:
                nxt = items[k]
                if nxt.quote or nxt.text in (",", ":", ";", ".", "!", "?") or nxt.low == "that":
                    break
                if nxt.low in _CLAUSE_STARTS and nxt.low not in ("this", "that", "these", "those"):
                    break
                k += 1
            else:
                return j
            if k >= n:
                return n  # "he said in the email" ends the sentence
            # The phrase must end the frame: before "that", punctuation, a quotation or a clause's subject.
            nxt = items[k]
            if nxt.text in (".", "!", "?") and k == n - 1:
                return k
            if nxt.quote or nxt.text in (",", ":") or nxt.low == "that" or nxt.low in _CLAUSE_STARTS:
                j = k
                continue
            if items[k - 1].low in WEEKDAYS:
                j = k
                continue
            return j
        return j
    return j


def is_clause_start(items: Sequence[Item], j: int) -> bool:
    """Whether items[j] can start the reported clause of "said ..." without "that"."""
    if j >= len(items):
        return False
    item = items[j]
    if item.quote:
        return True
    if item.low in _NOT_CONTENT and (j + 1 >= len(items) or not is_word(items[j + 1])):
        return False
    if item.low in ("so", "nothing", "goodbye", "yes", "no"):
        return False
    return is_word(item) or item.text in ("$", "(")
