"""The spans of an attribution: the record of one found, and where a content begins and ends.

Item indices in, item indices or character spans out: the rules in
capture_rules.py decide which frame a sentence has, these helpers where its
content stops (the sentence's end, another frame, ", adding that ...") and
which later sentences continue a quotation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .capture_lexicon import CUE_FORMS
from .capture_text import Item, Sentence

Span = tuple[int, int]
TERMINAL = frozenset({".", "!", "?"})


@dataclass
class Found:
    """One attribution as found, before speakers, dates and answers are resolved."""

    content: list[Span]
    source: Span | None
    cue: Span
    lemma: str
    kind: str  # the cue's class: speech | thought | stance | according
    pattern: str  # which rule: after | before | inverted | according | participle | colon
    sentence: int  # index of the cue's sentence
    role: Span | None = None  # an apposition that says who the speaker is
    name: Span | None = None  # the name inside the source, when the source has an apposition
    negated: bool = False
    consumed: list[int] = field(default_factory=list)  # sentences taken as continuation fragments


@dataclass(frozen=True, slots=True)
class Frame:
    """Who spoke and the cue, as a rule has read them: an attribution without its content yet.

    Each rule reads a frame; where the frame stands (before, after or inside
    its content) decides where the content is, and `found` joins the two.
    """

    source: Span | None
    cue: Span
    lemma: str
    kind: str
    pattern: str
    sentence: int
    role: Span | None = None
    name: Span | None = None
    negated: bool = False

    def found(self, content: list[Span], consumed: list[int] | None = None) -> Found:
        return Found(
            content,
            self.source,
            self.cue,
            self.lemma,
            self.kind,
            self.pattern,
            self.sentence,
            role=self.role,
            name=self.name,
            negated=self.negated,
            consumed=consumed if consumed is not None else [],
        )


# A content that ends with nothing left open: where `continued` starts after a sentence without quotations.
CLOSED = Item(0, 0, "", "", quote=True)


def clause_end(items: Sequence[Item], start: int, stops: Sequence[int]) -> int:
    """The last index of a content that starts at `start`: the sentence's end, or before the next frame."""
    end = len(items) - 1
    for stop in stops:
        if stop > start:
            end = min(end, stop - 1)
    # ", adding that", ", according to", ", citing", ", which": the content stops at the comma.
    for m in range(start + 1, end + 1):
        item = items[m]
        if item.text == "," and m + 1 <= end:
            nxt = items[m + 1]
            if not nxt.quote and (
                nxt.low in ("according", "citing", "adding", "saying", "noting", "arguing", "explaining", "insisting")
                or (nxt.low.endswith("ing") and nxt.low in CUE_FORMS)
                or nxt.low in ("which", "compared")  # ", which ...", ", compared with ...": the writer's gloss
                or (
                    nxt.low in ("and", "but")
                    and m + 2 <= end
                    and items[m + 2].low in _NEW_SUBJECTS  # ", and more than 4 in 10 said ...": a new clause
                )
            ):
                end = m - 1
                break
    while end > start and items[end].low in _TRAILING:
        end -= 1
    return end


_NEW_SUBJECTS = frozenset("he she they it we i this these those there the more most many some".split())
_BOUNDARY_WORDS = frozenset("and but while whereas ; , — – - -- yet or".split())


def clause_boundary(items: Sequence[Item], start: int) -> bool:
    """Whether a new clause may start at items[start]: after a comma, "and", "but" or a quotation."""
    if start == 0:
        return False
    prev = items[start - 1]
    return prev.quote or prev.low in _BOUNDARY_WORDS


AS_VERBS = frozenset({"describe", "characterize", "portray"})
_OBJECT_STOPS = frozenset(
    ", ; : — – - -- because when after before while as since during if although though amid despite".split()
)


def object_end(items: Sequence[Item], start: int, last: int) -> int:
    """A stance verb's object ends at punctuation or a subordinate clause: "criticized the plan, calling ..."."""
    for m in range(start + 1, last + 1):
        if not items[m].quote and items[m].low in _OBJECT_STOPS:
            return m - 1
    return last


_TRAILING = frozenset(", ; : - — – -- and but or while whereas as yet so . ! ?".split())


# What polls and records show: "polls show Clinton up by 10 points" has no "that".


def content_begin(items: Sequence[Item], first: int, end: int, stops: Sequence[int]) -> int:
    """Where a content before its speaker begins: the sentence's start, after an earlier frame,
    or after a colon, semicolon or dash ("..., especially fundraising: “...,” he said")."""
    begin = 0
    for stop in stops:
        if stop < first:
            begin = max(begin, stop)
    for m in range(end - 1, begin - 1, -1):
        if not items[m].quote and items[m].text in (":", ";", "—", "–", "--"):
            return m + 1
    return begin


def span(items: Sequence[Item], first: int, last: int) -> Span:
    return (items[first].start, items[last].end)


def content_span(items: Sequence[Item], first: int, last: int) -> Span:
    """A content's span; a content that is one quotation is given without its marks."""
    if first == last and items[first].quote:
        return items[first].inner
    return span(items, first, last)


def only_quote(items: Sequence[Item]) -> Item | None:
    """The quotation a sentence consists of (with at most a final full stop), else None."""
    words = [i for i in items if i.text not in TERMINAL]
    if len(words) == 1 and words[0].quote:
        return words[0]
    return None


def continued(sentences: Sequence[Sentence], index: int, consumed: list[int], last_quote: Item) -> list[Span]:
    """The sentences after this one in its paragraph that are nothing but a quotation, and the
    next paragraph's when a quotation is left open at the end of one (a quote continued)."""
    out = []
    m = index + 1
    paragraph = sentences[index].paragraph
    left_open = not last_quote.closed
    while m < len(sentences):
        sentence = sentences[m]
        if sentence.paragraph != paragraph:
            if not sentence.first_in_paragraph or sentence.paragraph != paragraph + 1:
                break
            if not left_open and not quote_paragraph(sentences, m):
                break
            paragraph = sentence.paragraph
        quote = only_quote(sentence.items)
        if quote is None:
            lead = _leading_quote(sentence.items)
            if lead is not None and sentence.paragraph == sentences[index].paragraph:
                out.append(lead)
                consumed.append(m)
            break
        out.append(quote.inner)
        consumed.append(m)
        left_open = not quote.closed
        m += 1
    return out


def _leading_quote(items: Sequence[Item]) -> Span | None:
    """ "“...” or to control the arsenal.": a sentence that opens with a quotation and has no cue of its
    own goes on with the speaker's words (its words after the quotation are the writer's gloss on them)."""
    if not items[0].quote or not items[0].closed:
        return None
    words = [i for i in items[1:] if not i.quote]
    if any(i.low in CUE_FORMS or i.text in (":", ";") for i in words):
        return None
    last = len(items) - 1
    while last > 0 and items[last].text in TERMINAL:
        last -= 1
    return (items[0].inner[0], items[last].inner[1] if items[last].quote else items[last].end)


def quote_paragraph(sentences: Sequence[Sentence], m: int) -> bool:
    """Whether the paragraph starting at sentence m is nothing but quotations (the speaker goes on)."""
    paragraph = sentences[m].paragraph
    while m < len(sentences) and sentences[m].paragraph == paragraph:
        if only_quote(sentences[m].items) is None:
            return False
        m += 1
    return True
