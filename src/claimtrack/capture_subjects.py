"""Who speaks: the speaker's noun phrase before or after a cue, its apposition, a sentence's subject.

Each function takes a sentence's items and an index and returns item
indices, never text ("Hugh Hill, a doctor at the clinic," is a name and an
apposition as index pairs).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .capture_lexicon import (
    CUE_FORMS,
    DETERMINERS,
    NEEDS_PREPOSITION,
    NP_INNER,
    NP_STOPS,
    OBJECT_PRONOUNS,
    PRONOUN_DETERMINERS,
    PRONOUNS,
    SOURCE_HEADS,
    TIME_WORDS,
)
from .capture_phrases import is_word
from .capture_text import Item

MAX_NP = 14

# Openers that are not part of a speaker's phrase when they start the sentence.
_SENTENCE_ADVERBS = frozenset(
    "but and so still meanwhile however now yet then later also instead indeed moreover separately "
    "earlier previously recently again even thus therefore finally ultimately today yesterday tonight "
    "last this on in at".split()
)

_DASHES = frozenset("-—–")


# Links inside a name: "Jeff Lane of the Center for Rivers", "a fellow at the Institute for Science".
_NAME_LINKS = frozenset("of for at in".split())

# "people close to Clinton", "aides loyal to the governor": "to" inside a speaker's phrase.
_CLOSE = frozenset("close loyal near".split())


def _np_word(item: Item) -> bool:
    """A word that may stand inside a speaker's noun phrase."""
    if item.quote:
        return False
    if not item.text[:1].isalnum():
        return item.text in ("&", "'s", "’s")
    if item.low in CUE_FORMS and (item.low in SOURCE_HEADS or CUE_FORMS[item.low] in NEEDS_PREPOSITION):
        return True  # "the email said", "familiar with the talks said": a cue's form that is a noun here
    return item.low not in NP_STOPS and item.low not in CUE_FORMS or item.capitalized


def _modifier(items: Sequence[Item], k: int) -> bool:
    """ "policy planning director", "a welcome message": a cue's form before a lowercase noun of the phrase
    modifies it when it is an -ing form or follows a determiner."""
    item, nxt = items[k], items[k + 1]
    return (
        (item.low.endswith("ing") or (k > 0 and items[k - 1].low in DETERMINERS))
        and item.low in CUE_FORMS
        and is_word(nxt)
        and not nxt.capitalized
        and nxt.low not in NP_STOPS
        and nxt.low not in CUE_FORMS
    )


def noun_phrase_before(items: Sequence[Item], j: int) -> tuple[int, int] | None:
    """The noun phrase ending at items[j] (inclusive) as (first, last), or None when j is no phrase's end.

    Walks back over names, titles, determiners, adjectives and "of"/"for"/"at"
    links ("a spokesman for the campaign"), stopping at punctuation, verbs and
    clause words.
    """
    if j < 0:
        return None
    last = j
    head = items[j]
    if head.quote:
        return None
    if head.low in PRONOUNS or head.low == "which":
        return (j, j)  # "he", "it", and "who" or "which" standing for the phrase before them
    if head.text == ")":
        # "Sen. Ted Cruz (R-Tex.) said": step over the parenthesis to the name.
        depth = 0
        while j >= 0:
            if items[j].text == ")":
                depth += 1
            elif items[j].text == "(":
                depth -= 1
                if depth == 0:
                    break
            j -= 1
        j -= 1
        if j < 0 or not items[j].capitalized:
            return None
        head = items[j]
    counted = j >= 2 and items[j - 1].low in ("in", "of")  # "one in five say", "two of three"
    if not _np_word(head) or (head.low in DETERMINERS and head.low not in PRONOUN_DETERMINERS and not counted):
        return None
    if head.low in OBJECT_PRONOUNS - {"it", "you"} and not head.text.isupper():
        return None  # "told us" (but "US claimed" is a country)
    if not head.capitalized and (head.low in TIME_WORDS or head.low.endswith("ly")):
        return None
    first = j
    k = j - 1
    while k >= 0 and last - k < MAX_NP:
        item = items[k]
        if item.quote:
            break
        if item.text == "." and k > 0 and items[k - 1].end == item.start and items[k - 1].capitalized:
            k -= 1  # "Sen." "Gov." written as two items
            continue
        inner = item.low in NP_INNER or (item.low == "to" and k > 0 and items[k - 1].low in _CLOSE)
        if inner and not item.capitalized:
            before = items[k - 1] if k > 0 else None
            if before is None or not is_word(before) or before.low in NP_STOPS or before.low in PRONOUNS:
                break
            if item.low not in _NAME_LINKS and before.capitalized or (before.capitalized and k - 1 == 0):
                break  # "In Ohio Trump said", "Speaking in Ohio Trump said": not one phrase
            first = k - 1
            k -= 2
            continue
        if (
            item.low == "and"
            and k > 0
            and items[k + 1].capitalized
            and (items[k - 1].capitalized or items[k - 1].low in SOURCE_HEADS)
        ):
            # "Forbes and Wealth-X say": two names, one phrase; "the Florida senator and Republican
            # presidential candidate said": two roles of one person
            first = k - 1
            k -= 2
            continue
        if item.low in PRONOUNS and item.low not in ("it",):
            break
        if not _np_word(item) and not _modifier(items, k):
            break
        if item.low in _SENTENCE_ADVERBS and (k == 0 or not items[k - 1].capitalized) and item.capitalized:
            break
        first = k
        k -= 1
    # A dateline ("WASHINGTON -") or a sentence adverb at the start is not part of the phrase.
    while first < last and items[first].low in _SENTENCE_ADVERBS and items[first].capitalized:
        first += 1
    while first < last and items[first].low in TIME_WORDS and not _determiner_of(items, first):
        first += 1
    if first > last:
        return None
    return (first, last)


def _determiner_of(items: Sequence[Item], k: int) -> bool:
    """ "this source", "that official": a time word that is the determiner of a noun, not "this week"."""
    return items[k].low in DETERMINERS and items[k + 1].low not in TIME_WORDS


_MODALS = frozenset("would will could should can may might must is was are were has have had does did".split())

_PARTY = re.compile(r"^[RDI]-[A-Z][A-Za-z.]*$")

_PARTY_WORDS = frozenset("democrat republican independent".split())


def _apposition_like(items: Sequence[Item], first: int, last: int) -> bool:
    """Whether items[first..last] reads as an apposition: "a doctor at the clinic", "45", "R-Fla.",
    "Mrs. Obama's chief of staff", "who lives in Ohio"."""
    opener = items[first]
    if opener.quote:
        return False
    if (
        opener.low in DETERMINERS
        or opener.low in ("who", "whose", "himself", "herself", "former", "then")
        or opener.text.isdigit()
        or (is_word(opener) and not opener.capitalized and opener.low not in NP_STOPS)
        or opener.low in _PARTY_WORDS
    ):
        return True
    words = "".join(items[m].text for m in range(first, last + 1))
    if _PARTY.match(words):
        return True
    # A capitalized opener: the phrase must end in a lowercase role ("Mrs. Obama's chief of staff"),
    # or be a name after a role ("Iran's foreign minister, Javad Zarif,").
    tail = items[last]
    if is_word(tail) and not tail.capitalized and tail.low not in NP_STOPS and last > first:
        return True
    return _proper(items, first, last)


_CONNECTORS = frozenset("of in at from for the and de da van von".split())


def _proper(items: Sequence[Item], first: int, last: int) -> bool:
    """A proper name, perhaps with its place: "Darran Whiting of Liberty Baptist Church in Marion"."""
    if not items[first].capitalized or not items[last].capitalized or last - first > 10:
        return False
    return all(items[m].capitalized or items[m].text == "." or items[m].low in _CONNECTORS for m in range(first, last))


def apposition_before(items: Sequence[Item], j: int) -> tuple[int, int, int, int] | None:
    """ "Hugh Hill, a doctor at the clinic," ending at the comma or dash items[j]:
    (np_first, np_last, app_first, app_last).

    Up to three appositions may follow the name ("Ramil Carr, 31, a
    photographer,"); a pair of dashes holds one ("Joyce — who is listed
    as an attorney —"). The name before them must end in a capitalized word.
    """
    if j < 2 or not (items[j].text == "," or items[j].text in _DASHES):
        return None
    closing = items[j].text
    app_last = j - 1
    end = j
    for _round in range(3):
        k = end - 1
        while k >= 0 and end - k < 30:
            item = items[k]
            if (item.quote and (k == end - 1 or len(item.text.split()) > 4)) or item.text in (";", ":", "!", "?"):
                return None  # a short title inside is part of it: 'wearing “Ted Cruz” campaign pins'
            if (closing == "," and item.text == ",") or (closing in _DASHES and item.text in _DASHES):
                break
            if closing == "," and item.text in _DASHES:
                return None
            k -= 1
        else:
            return None
        if k < 1 or k == end - 1 or not _apposition_like(items, k + 1, end - 1):
            return None
        app_first = k + 1
        name = noun_phrase_before(items, k - 1)
        proper = _proper(items, app_first, app_last)
        relative = items[app_first].low in ("which", "who", "whose")
        people = name is not None and items[name[1]].low in SOURCE_HEADS  # "Several candidates, including Trump,"
        if name is not None and (
            items[name[1]].capitalized or items[name[1]].text == ")" or proper or relative or people
        ):
            if not (name[0] == name[1] and items[name[0]].low in PRONOUNS):
                return (name[0], name[1], app_first, app_last)
        if closing != "," or items[k - 1].text == ",":
            return None
        end = k  # another apposition before this one: "Carr, 31, a photographer,"
    return None


def noun_phrase_after(items: Sequence[Item], j: int) -> tuple[int, int, tuple[int, int] | None] | None:
    """The speaker after an inverted cue ("said Smith, a doctor at the clinic."): (first, last, apposition)."""
    n = len(items)
    if j >= n:
        return None
    first = j
    item = items[j]
    if item.quote:
        return None
    if item.low in ("he", "she", "they", "we", "i"):
        return (j, j, None)
    k = j
    seen_word = False
    while k < n and k - j < MAX_NP:
        item = items[k]
        if item.quote or item.text in (",", ";", ":", "!", "?", ")") or item.text in _DASHES:
            break
        if item.text == ".":
            if k + 1 < n:
                k += 1  # inside a sentence, a full stop ends an abbreviation ("Mich.")
                continue
            break
        if item.text == "(":
            # "(R-Tex.)"
            close = next((m for m in range(k, min(n, k + 8)) if items[m].text == ")"), None)
            if close is None:
                break
            k = close + 1
            continue
        if item.low in ("who", "whose") and k > j:
            break  # "said one source who spoke on condition of anonymity": the relative clause is no name
        if item.low == "by" and k > j and items[k - 1].low.endswith("ed"):
            k += 1  # "his schedule issued by the White House"
            continue
        if not item.capitalized and (item.low in NP_STOPS and item.low not in NP_INNER or item.low in TIME_WORDS):
            break
        if item.low in NP_INNER and not seen_word:
            break
        if item.low in NP_INNER and item.low != "of" and not (is_word(items[k - 1]) and not items[k - 1].capitalized):
            break  # "said Rep. Bobby Scott (D-Va.) at the time": the name ends before "at"
        seen_word = True
        k += 1
    last = k - 1
    # A determiner ends no phrase, except one that stands for people ("tweeted another", "said many").
    while last >= first and (
        items[last].low in NP_INNER or (items[last].low in DETERMINERS and items[last].low not in PRONOUN_DETERMINERS)
    ):
        last -= 1
    if last < first:
        return None
    if not any(
        items[i].capitalized or items[i].low not in DETERMINERS or items[i].low in PRONOUN_DETERMINERS
        for i in range(first, last + 1)
    ):
        return None
    apposition = None
    if k < n and items[k].text == ",":
        m = k + 1
        opener = items[m] if m < n else None
        if (
            opener is not None
            and not opener.quote
            and (
                opener.low in DETERMINERS
                or opener.low in ("who", "former")
                or (is_word(opener) and not opener.capitalized and opener.low not in NP_STOPS)
                or (opener.capitalized and _role_after_name(items, m))
            )
            and opener.low not in ("adding", "saying", "according", "citing", "noting")
        ):
            # The apposition runs to the sentence's end, or to a comma before a quotation or a participle.
            end = m
            while end < n and items[end].text not in (";", ":", "!", "?") and not items[end].quote:
                if items[end].text == "." and end == n - 1:
                    break
                if (
                    items[end].text == ","
                    and end + 1 < n
                    and (items[end + 1].quote or items[end + 1].low.endswith("ing") or items[end + 1].low in _MODALS)
                ):
                    break
                end += 1
            if end > m:
                apposition = (m, end - 1)
    return (first, last, apposition)


def _role_after_name(items: Sequence[Item], m: int) -> bool:
    """ "Obama's deputy national security adviser": a capitalized apposition that names a role."""
    end = m
    while end < len(items) and items[end].text not in (",", ".", ";", ":") and not items[end].quote:
        end += 1
    return _apposition_like(items, m, end - 1) and not items[end - 1].capitalized


_OPENERS = frozenset("but and so yet meanwhile still also now then instead indeed however".split())

_INTRODUCERS = frozenset(
    "in on at during after before when while as since although though if for with without despite because "
    "following asked speaking last earlier later this".split()
)


def subject_at_start(items: Sequence[Item], limit: int) -> tuple[int, int] | None:
    """The subject of a sentence's main clause, before items[limit]: "Clinton attacked Trump, saying ...".

    Steps over "But", and over an introductory phrase up to its comma ("On
    Monday, ..."); the subject is a pronoun, a run of capitalized words (with
    titles before it and "of" inside), or a phrase ending in a word for
    people, bodies or documents. Its apposition is left out.
    """
    j = 0
    while j < limit and not items[j].quote and items[j].low in _OPENERS:
        j += 1
    if j < limit and not items[j].quote and (items[j].low in _INTRODUCERS or items[j].low.endswith("ing")):
        comma = next((m for m in range(j, limit) if items[m].text == ","), None)
        if comma is None:
            return None
        j = comma + 1
    if j >= limit or items[j].quote:
        return None
    if items[j].low in PRONOUNS:
        return (j, j)
    first = j
    last = None
    k = j
    while k < limit and k - first < MAX_NP:
        item = items[k]
        if item.quote:
            break
        if item.capitalized or (item.text in (".", "&") and k > first) or (item.low == "of" and last is not None):
            if item.capitalized:
                last = k
            k += 1
            continue
        if item.text == "(":
            close = next((m for m in range(k, min(limit, k + 8)) if items[m].text == ")"), None)
            if close is None:
                break
            last = close
            k = close + 1
            continue
        if not is_word(item) or item.low in NP_STOPS:
            break
        if item.low in SOURCE_HEADS and (k + 1 >= limit or not items[k + 1].capitalized):
            last = k
            k += 1
            break
        if last is not None:
            break  # a lowercase word after a name: the verb
        k += 1
    if last is None:
        return None
    while last > first and items[last].low == "of":
        last -= 1
    return (first, last)
