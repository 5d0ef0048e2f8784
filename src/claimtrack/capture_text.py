"""An article's text as capture reads it: paragraphs, quotations, sentences and words.

Quotations are found first, paragraph by paragraph, and kept whole: a
sentence never ends inside one, and a quotation is one item of its sentence,
so the rules that find who said what see `“...,” she said.` as three items.
Every offset is a Python string index into the text as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .capture_lexicon import CUE_FORMS, OBJECT, SPEECH, TIME_WORDS, cue_class

# Opening mark -> the marks that may close it. „ is closed by “ (German) or ”.
_DOUBLE_OPEN = {"“": '”"', "„": "“”", "«": "»", "‹": "›", '"': '"”'}
_STRAIGHT = '"'
_TWO_SINGLES = "''"
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_CLOSERS = "”»›’\"'"
QUOTE_MARKS = '“”„«»‹›‘’"'

# Words whose trailing full stop does not end a sentence, and those that end one
# only when a plainly new sentence follows ("Inc. The company said ...").
_NEVER_FINAL = frozenset(
    "mr mrs ms dr sen rep gov gen lt col sgt capt adm prof rev hon st mt ft messrs cmdr maj brig supt det "
    "pres atty gens reps sens".split()
)
_MAYBE_FINAL = frozenset(
    "jr sr inc co corp ltd bros no vs v etc jan feb mar apr jun jul aug sep sept oct nov dec ala ariz ark calif "
    "colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev okla ore pa tenn tex va vt "
    "wash wis wyo a.m p.m u.s u.n d.c u.k e.u n.y l.a".split()
)
_SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i this that these those his her their its but and in on at for if when while "
    "after before as there what why how mr mrs ms dr".split()
)

_CONTRACTION = re.compile(r"(he|she|it|they|we|i|you|who|that|there)[’'](?:s|ve|d|ll|re|m)", re.IGNORECASE)
_SPEECH_FORMS = frozenset(form for form, lemma in CUE_FORMS.items() if cue_class(lemma) == SPEECH)
_WORD = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|\w+(?:[’'\-.&]\w+)*|[^\w\s]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Item:
    """A word, a punctuation mark, or a whole quotation (its marks included)."""

    start: int
    end: int
    text: str
    low: str
    quote: bool = False
    closed: bool = True  # for quotations: False when the paragraph ended first
    mark: int = 1  # the width of a quotation's marks: 2 for the '' of some newspapers

    @property
    def inner(self) -> tuple[int, int]:
        """A quotation's span without its marks."""
        if not self.quote:
            return self.start, self.end
        return self.start + self.mark, self.end - self.mark if self.closed else self.end

    @property
    def capitalized(self) -> bool:
        return not self.quote and self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return not self.quote and (self.text[:1].isalnum())


@dataclass(frozen=True, slots=True)
class Sentence:
    items: tuple[Item, ...]
    paragraph: int
    first_in_paragraph: bool
    last_in_paragraph: bool

    @property
    def start(self) -> int:
        return self.items[0].start

    @property
    def end(self) -> int:
        return self.items[-1].end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The non-blank lines of text, each a paragraph, as (start, end) without surrounding spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def _straight_opens(text: str, i: int, start: int) -> bool:
    """A straight double quote opens when nothing or a space, bracket or dash comes before it."""
    return i == start or not (text[i - 1].isalnum() or text[i - 1] in ".,;:!?%")


def _elided_year(text: str, i: int, end: int) -> bool:
    """‘08 is a year, not a quotation."""
    return text[i + 1 : i + 3].isdigit() and (i + 3 >= end or not text[i + 3].isalnum())


def _closes(text: str, j: int, opener: str, start: int, end: int) -> bool:
    """Whether the mark at j closes a quotation opened with `opener`; a “ written for ” closes too
    when it follows a word and stands before a space or punctuation."""
    ch = text[j]
    if ch in _DOUBLE_OPEN[opener]:
        return True
    if opener == "“" and ch == "“" and j > start and not text[j - 1].isspace():
        return j + 1 >= end or not text[j + 1].isalnum()
    return False


def _single_close(text: str, i: int, end: int) -> int:
    """Where a ‘ quotation opened at i closes: a ’ followed by no letter; -1 when none does."""
    fallback = -1
    j = text.find(_SINGLE_CLOSE, i + 1, end)
    while j != -1:
        after = text[j + 1] if j + 1 < end else " "
        if not after.isalnum():
            # "the voters’ choice" is a plural possessive, not the end of a quotation.
            if text[j - 1] in "sS" and after == " " and j + 2 < end and text[j + 2].islower():
                fallback = j if fallback == -1 else fallback
            else:
                return j
        j = text.find(_SINGLE_CLOSE, j + 1, end)
    return fallback


def quotations(text: str, start: int, end: int) -> list[tuple[int, int, bool, int]]:
    """The quotations of one paragraph as (start, end, closed, mark width), marks included.

    A quotation left open at the paragraph's end (the convention for a quote
    continued in the next paragraph, or a stray mark) runs to the paragraph's
    end. Quotation marks inside a quotation are part of it.
    """
    out: list[tuple[int, int, bool, int]] = []
    i = start
    while i < end:
        ch = text[i]
        if ch == "'" and text.startswith(_TWO_SINGLES, i) and _straight_opens(text, i, start):
            # ''quoted'' (two apostrophes for each mark), as some newspapers print it
            j = text.find(_TWO_SINGLES, i + 2, end)
            if j != -1 and text.startswith(_TWO_SINGLES + "'", j):
                j += 1  # ''... 'China bad.''' : the single quotation closes first
            if j != -1:
                out.append((i, j + 2, True, 2))
                i = j + 2
            else:
                out.append((i, end, False, 2))
                i = end
            continue
        if ch in _DOUBLE_OPEN and (ch != _STRAIGHT or _straight_opens(text, i, start)):
            j = i + 1
            while j < end and not (text[j] in QUOTE_MARKS and _closes(text, j, ch, start, end)):
                j += 1
            if j < end:
                out.append((i, j + 1, True, 1))
                i = j + 1
            else:
                out.append((i, end, False, 1))
                i = end
            continue
        if (
            ch == _SINGLE_OPEN
            and (i == start or not text[i - 1].isalnum())
            and i + 1 < end
            and text[i + 1].isalnum()
            and not _elided_year(text, i, end)
        ):
            j = _single_close(text, i, end)
            if j != -1:
                out.append((i, j + 1, True, 1))
                i = j + 1
                continue
        i += 1
    return out


def _items(text: str, start: int, end: int) -> list[Item]:
    items: list[Item] = []
    pos = start
    for q_start, q_end, closed, mark in quotations(text, start, end):
        items.extend(_words(text, pos, q_start))
        body = text[q_start:q_end]
        items.append(Item(q_start, q_end, body, body.lower(), quote=True, closed=closed, mark=mark))
        pos = q_end
    items.extend(_words(text, pos, end))
    return items


def _words(text: str, start: int, end: int) -> list[Item]:
    out = []
    pos = start
    for m in _WORD.finditer(text, start, end):
        if m.start() < pos:
            continue
        word, s, e = m.group(), m.start(), m.end()
        # "U.S." keeps its final full stop; "said." does not.
        if "." in word and e < end and text[e] == ".":
            word, e = word + ".", e + 1
        contraction = _CONTRACTION.fullmatch(word)
        if contraction:
            # "he’s said" is "he" "’s" "said": the pronoun stays a subject.
            cut = s + contraction.end(1)
            out.append(Item(s, cut, text[s:cut], text[s:cut].lower()))
            out.append(Item(cut, e, text[cut:e], text[cut:e].lower()))
        else:
            out.append(Item(s, e, word, word.lower()))
        pos = e
    return out


def _ends_sentence(items: list[Item], k: int) -> bool:
    """Whether a sentence ends after items[k]."""
    item = items[k]
    if k + 1 >= len(items):
        return True
    following = items[k + 1]
    starts_new = following.quote or following.text[:1].isupper() or following.text[:1].isdigit()
    if following.text in ("(", "[") and k + 2 < len(items):
        starts_new = items[k + 2].quote or items[k + 2].text[:1].isupper()
    if item.quote:
        inner = item.text.rstrip(_CLOSERS)
        if not (item.closed and inner[-1:] in (".", "!", "?") and starts_new):
            return False
        # "“Is that all?” Trump said." goes on: a speaker and a cue that end the sentence follow the
        # quotation ("“...” He added: “...”" is a new sentence).
        for m in range(k + 1, min(len(items), k + 20)):
            if items[m].low in _SPEECH_FORMS:
                if m == k + 1 and items[m].capitalized:
                    return True  # "“...” Asked about it, she said ...": the cue opens a new sentence
                after = items[m + 1] if m + 1 < len(items) else None
                # "“...” He added: “...”" and "“...nominee.” The aide said the deal ..." are new sentences:
                # the cue has its own content after it.
                # "“...!” Trump tweeted, quoting ..." goes on: a comma after the cue opens a new sentence's
                # content when a quotation follows it ("He added, “...”") or the cue is itself set off by
                # commas ("It was, he said, one of ...").
                comma = after is not None and after.text == ","
                opens = comma and (
                    (m + 2 < len(items) and items[m + 2].quote) or any(items[x].text == "," for x in range(k + 1, m))
                )
                return after is not None and (
                    after.quote or after.text == ":" or opens or _opens_clause(items[m], after)
                )
            if items[m].quote or items[m].text in (".", "!", "?", ";", ":"):
                break
        return True
    if item.text in ("!", "?"):
        return starts_new
    if item.text.endswith(".") and item.text != ".":
        # "U.S." at the end of a sentence, before a plain new one or a quotation.
        return starts_new and (following.quote or following.low in _SENTENCE_STARTERS)
    if item.text != ".":
        return False
    if not starts_new:
        return False
    before = items[k - 1] if k else None
    if before is not None and before.end == item.start and not before.quote:
        word = before.low
        if word in _NEVER_FINAL:
            return False
        if word in _MAYBE_FINAL or (len(before.text) == 1 and before.text.isupper()):
            return following.low in _SENTENCE_STARTERS
    return True


_CLAUSE_OPENERS = frozenset("that the a an he she it they we i this these those his her their its there".split())


def _opens_clause(cue: Item, item: Item) -> bool:
    """Whether a word after a cue starts its reported clause ("said the deal ..."), not an adverbial
    ("said in an interview", "said Tuesday") or the person spoken to."""
    if item.quote:
        return False
    if item.low in _CLAUSE_OPENERS:
        return True
    # A name after "said" starts the clause ("said Trump was ..."); after "asked" it is the person asked.
    return item.capitalized and item.low not in TIME_WORDS and CUE_FORMS[cue.low] not in OBJECT


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    for number, (start, end) in enumerate(paragraphs(text)):
        items = _items(text, start, end)
        if not items:
            continue
        pieces: list[list[Item]] = [[]]
        for k, item in enumerate(items):
            pieces[-1].append(item)
            # Closing marks and brackets after the full stop belong to the sentence.
            if _ends_sentence(items, k) and k + 1 < len(items):
                pieces.append([])
        pieces = [p for p in pieces if p]
        for index, piece in enumerate(pieces):
            out.append(Sentence(tuple(piece), number, index == 0, index == len(pieces) - 1))
    return out
