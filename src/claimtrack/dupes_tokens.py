"""The names and numbers of a statement, and whether it is about its speaker: what makes two
statements alike in their words two different claims.

Templates make statements that score 90 and above on characters yet claim
different things: "Says Sen. Luther Olsen ... supported the sale" and "Says
Sen. Robert Cowles ... supported the sale"; "Americans will spend more on taxes
in 2015" and "... in 2014". So a pair only counts as the same claim when
neither statement puts a name or a number where the other has a different one.
A name or number added on one side only ("Romney" and "Mitt Romney", "said"
and "said in 2010") is no substitution; nor is a name that another name
starts ("Ariz." and "Arizona") or that a typo turns into it ("Gzaa" and
"Gaza"; but "Mary" and "Mark" are two names: a changed letter passes only in
names of six letters or more).

A name is a capitalised word that is no common word (not in a short list of
function words: 'Our' in a broken sentence names nobody). At the start of a
sentence it must also be found capitalised inside sentences at least as often
as in lower case, among the statements compared ('Buck wants to ...' names
Ken Buck). A number is written in digits or in words ('Twenty million' is 20
and million; 'thirty-four' is 34).

A statement about its speaker is a different claim in another speaker's
mouth, whatever its words: a topic headline ('On abortion.', the form
fact-checkers give a change of position: this speaker's position), one that
opens in the first person singular ('I have never supported cap and trade',
'Says I was the first governor ...') or the reported form 'Says he ...'. An
opener is no subject: 'I repeat: ...' and 'As I said before, ...' introduce
claims about anything.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_TOKEN = re.compile(r"[\w'\u2019.-]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_UNITS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen \
seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_NUMBER_WORDS = {w: str(n) for n, w in enumerate(_UNITS)} | {w: str(20 + 10 * n) for n, w in enumerate(_TENS)}
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "trillion"})  # '$2 billion' is not '$2 trillion'
_HEADLINE = re.compile(r"on\s+[\w'\u2019-]+(?:\s+[\w'\u2019-]+){0,7}\s*[.!]?", re.IGNORECASE)
_SAYS_HE = re.compile(r"says (?:he|she)\b", re.IGNORECASE)
# 'I' or 'My' as the subject, not an opener like 'I repeat:' (a colon or comma after the next word).
_FIRST_PERSON = re.compile(r"(?:says\s+)?(?:i|i'm|i've|i'd|i'll|im|ive|my)\b(?!\s*[\w']*\s*[:,])", re.IGNORECASE)
# Counting words in C over all the statements at once: every word, and the words that start a sentence.
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'\u2019]*")
_FIRST_WORD = re.compile(r"(?:^|[.!?:;\"\u201c\u201d(\[])[^\w\n]*([^\W\d_][\w'\u2019]*)", re.MULTILINE)
_MISSPELT_FROM = 6  # letters a name needs before a changed letter in it is taken for a typo
_SENTENCE_BREAK = re.compile(r"[.!?:;\"\u201c\u201d(\[]")  # between two words: the next one starts a sentence
# Function words: never names, capitalised or not.
_STARTERS = frozenset(
    """a about according after again all also although an and another any are as at because before both but by
    during each even every few for from had has have he her here his how i if in is it its just last many may more
    most much my new next no not now of on once one only or other our over says said she since so some still such
    than that the their then there these they this those though today under unless until we what when where which
    while who why will with without yes you your let please well""".split()
)


@dataclass(frozen=True)
class Keys:
    names: frozenset[str]
    numbers: Counter[str]


@dataclass(frozen=True)
class Usage:
    """How the statements compared write their words: how often each occurs as written, and how
    often at the start of a sentence."""

    written: Counter[str]
    first: Counter[str]

    @classmethod
    def of(cls, statements: Iterable[str]) -> Usage:
        text = "\n".join(statements)
        return cls(Counter(_PLAIN_WORD.findall(text)), Counter(_FIRST_WORD.findall(text)))

    def is_name(self, word: str) -> bool:
        """Whether a capitalised word that starts a sentence is a name rather than a common word."""
        inside = self.written[word] - self.first[word]
        return inside >= self.written[word.lower()]


def _words(statement: str) -> Iterator[tuple[str, bool]]:
    """Each word with whether it starts a sentence."""
    previous = 0
    for m in _TOKEN.finditer(statement):
        yield m.group(), previous == 0 or bool(_SENTENCE_BREAK.search(statement, max(previous - 1, 0), m.start()))
        previous = m.end()


def keys(statement: str, words: Usage) -> Keys:
    names: set[str] = set()
    numbers = Counter(n.replace(",", "") for n in _NUMBER.findall(statement))  # '1,500' is one number
    for token, starts in _words(statement):
        word = token.strip(".'\u2019-")
        folded = word.replace(".", "").lower()
        number = _number_word(folded)
        if number:
            numbers[number] += 1
        elif word[:1].isupper() and folded not in _STARTERS and (not starts or words.is_name(word)):
            names.add(folded)
    return Keys(frozenset(names), numbers)


def _number_word(folded: str) -> str | None:
    """'twenty' -> '20', 'thirty-four' -> '34', 'million' -> 'million'; None for other words."""
    if folded in _SCALES:
        return folded
    if folded in _NUMBER_WORDS:
        return _NUMBER_WORDS[folded]
    tens, _, unit = folded.partition("-")
    if tens in _TENS and unit in _UNITS[1:10]:
        return str(int(_NUMBER_WORDS[tens]) + int(_NUMBER_WORDS[unit]))
    return None


def about_its_speaker(statement: str) -> bool:
    text = statement.strip()
    return bool(_HEADLINE.fullmatch(text) or _SAYS_HE.match(text) or _FIRST_PERSON.match(text))


def same_claim_keys(a: Keys, b: Keys) -> bool:
    """False when each side has a number, or a name, that the other lacks."""
    if (a.numbers - b.numbers) and (b.numbers - a.numbers):
        return False
    only_a, only_b = a.names - b.names, b.names - a.names
    if only_a and only_b:
        unmatched_a = {x for x in only_a if not any(_near(x, y) for y in only_b)}
        unmatched_b = {y for y in only_b if not any(_near(x, y) for x in only_a)}
        return not (unmatched_a and unmatched_b)
    return True


def _near(x: str, y: str) -> bool:
    """One name shortened or mistyped into the other: 'ariz' and 'arizona', 'obama' and 'obamas',
    'gzaa' or 'gaaza' and 'gaza', 'clintin' and 'clinton'; not 'mary' and 'mark', nor 'ryan' and
    'bryan'. A swap of two letters or one letter more passes from three letters, a changed letter
    from six: short names that differ by a letter are mostly other names."""
    from rapidfuzz.distance import OSA

    shorter, longer = sorted((x, y), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return True
    if len(shorter) < 3 or x[0] != y[0] or len(longer) - len(shorter) > 1 or OSA.distance(x, y, score_cutoff=1) > 1:
        return False
    if len(shorter) >= _MISSPELT_FROM:
        return True
    return sorted(x) == sorted(y) if len(x) == len(y) else _is_subsequence(shorter, longer)


def _is_subsequence(short: str, long: str) -> bool:
    letters = iter(long)
    return all(ch in letters for ch in short)
