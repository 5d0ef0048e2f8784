"""Attributions without a verb: a transcript's turn ("TAPPER: ..."), a name before a quotation, a tweet's credit.

"Republican pollster Daron Shaw: “...”" has no verb; neither has a
transcript, where a paragraph opening with a speaker's label is what that
speaker said. Notes ("CORRECTION: ...") are not turns, nor are lists of
names or figures. A headline without a final stop is no statement at all
(capture skips it); one written as a sentence, "Obama: I'm Optimistic
Americans Will Say No to Trump.", says who said what like any sentence, but
a kicker ("Breaking: ...", "BYLINE: ...") or a question is not a speaker's.
"""

from __future__ import annotations

from collections.abc import Sequence

from .capture_cues import valid_subject
from .capture_lexicon import CUE_FORMS, NP_INNER, SOURCE_HEADS, SPEECH, TITLE_WORDS
from .capture_phrases import is_word
from .capture_spans import CLOSED, Found, Frame, Span, continued, only_quote, quote_paragraph, span
from .capture_subjects import noun_phrase_before, subject_at_start
from .capture_text import Item, Sentence

_NOT_LABELS = frozenset(
    [
        "correction",
        "update",
        "updated",
        "the latest",
        "editor's note",
        "editor’s note",
        "note",
        "photo",
        "source",
        "related",
        "watch",
        "read more",
        "also read",
        "video",
        "transcript",
        "delegate update",
        "advertisement",
    ]
)

# Kickers: the first words of a headline that announce it, not who said it.
_KICKERS = frozenset(
    "breaking bombshell boom busted wow look watch byline exclusive analysis opinion photos just in".split()
) | {"paid notice", "just leaked", "breaking news", "must see"}


def label(sentences: Sequence[Sentence], index: int) -> Found | None:
    """A transcript's turn, "JAKE TAPPER: ..." or "Q: ...": the paragraph is what the label's speaker said."""
    items = sentences[index].items
    here = sentences[index]
    if not here.first_in_paragraph:
        return None
    colon = next((m for m in range(min(len(items), 13)) if items[m].text == ":"), None)
    if colon is None or colon == 0 or colon + 1 >= len(items):
        return None
    words = items[:colon]
    if any(w.low in CUE_FORMS or w.quote for w in words):
        return None
    # "TAPPER", "Rep. Trey Gowdy (R-S.C.)", "Former secretary of state Hillary Rodham Clinton"
    last_word = next((w for w in reversed(words) if w.text not in ("(", ")", ".", "-")), None)
    if last_word is None or not last_word.capitalized:
        return None
    lowercase = [w for w in words if is_word(w) and not w.capitalized]
    if len(words) > 6 and not all(w.low in TITLE_WORDS or w.low in NP_INNER for w in lowercase):
        return None
    if not all(w.capitalized or w.text in (".", "(", ")", "-") or w in lowercase for w in words):
        return None
    if not (len(words) == 1 and words[0].text in ("Q", "A") or any(len(w.text) > 1 for w in words)):
        return None
    named = " ".join(w.low for w in words)
    if named in _NOT_LABELS:
        return None  # a note ("CORRECTION: ...")
    headline = here.paragraph == 0
    if headline and (named in _KICKERS or _not_a_speaker(words) or items[-1].text == "?"):
        return None  # "Breaking: ...", "Netanyahu and Obama: A tortured relationship", "Cruz: Conservative?"
    rest = [i for i in items[colon + 1 :] if is_word(i)]
    quoted = any(i.quote for i in items[colon + 1 :])
    # A headline is written in title case; elsewhere that is a list of names.
    if (
        not headline
        and not quoted
        and (len(rest) < 4 or sum(1 for i in rest if i.capitalized or i.text[:1].isdigit()) > 0.5 * len(rest))
    ):
        return None  # a list of names or figures ("Iowa: Tim Albrecht, Brad Anderson, ...", "Clinton: 547.")
    last = index
    while last + 1 < len(sentences) and sentences[last + 1].paragraph == here.paragraph:
        last += 1
    consumed = list(range(index + 1, last + 1))
    content = (items[colon + 1].start, sentences[last].end)
    if last == index and only_quote(items[colon + 1 :]) is not None:
        content = items[colon + 1].inner  # "GOWDY: “...”": the quotation without its marks
    source = span(items, 0, colon - 1)
    cue = span(items, colon, colon)
    return Frame(source, cue, "say", SPEECH, "label", index).found([content], consumed)


def _not_a_speaker(words: Sequence[Item]) -> bool:
    """A headline's label that names a pair or a number, not one speaker: "Netanyahu and Obama", "2016 Nerdcast"."""
    return any(w.low in ("and", "&", "vs", "vs.") or w.text[:1].isdigit() for w in words)


def named_colon(sentences: Sequence[Sentence], index: int, found: list[Found]) -> Found | None:
    """ "Republican pollster Daron Shaw: “...”": a name, a colon and a quotation, no verb; and
    "President Clinton released the following statement:" with the quotation in the next paragraph."""
    items = sentences[index].items
    here = sentences[index]
    m = len(items) - 1
    if (
        m > 0
        and items[m].text == ":"
        and here.last_in_paragraph
        and index + 1 < len(sentences)
        and quote_paragraph(sentences, index + 1)
        and not any(f.sentence == index for f in found)
    ):
        framed = _clause_before_colon(items, m)
        if framed is not None:
            consumed: list[int] = []
            content = continued(sentences, index, consumed, CLOSED)
            if content:
                return Frame(framed[0], framed[1], "say", SPEECH, "label", index).found(content, consumed)
    for m in range(1, len(items) - 1):
        if items[m].text != ":" or not items[m + 1].quote:
            continue
        if any(f.cue[0] <= items[m].start <= f.content[-1][1] for f in found):
            continue
        np = noun_phrase_before(items, m - 1)
        if np is None or not items[np[1]].capitalized or items[np[1]].low in CUE_FORMS:
            framed = _clause_before_colon(items, m)
            if framed is None:
                continue
            source, cue = framed  # "he demurred: “...”"
        else:
            # The name and at most two words of title before it: "Republican pollster Daron Shaw".
            first = np[1]
            while first > np[0] and items[first - 1].capitalized:
                first -= 1
            first = max(np[0], first - 2)
            while first < np[1] and not (items[first].capitalized or items[first].low in SOURCE_HEADS):
                first += 1
            source, cue = span(items, first, np[1]), span(items, m, m)
        consumed = []
        content = [items[m + 1].inner, *continued(sentences, index, consumed, items[m + 1])]
        return Frame(source, cue, "say", SPEECH, "label", index).found(content, consumed)
    return None


def _clause_before_colon(items: Sequence[Item], colon: int) -> tuple[Span, Span] | None:
    """ "he demurred: “...”", "A footnote in the report makes that clear: “...”": a short clause whose
    subject can speak, then a colon and a quotation; (source, cue) spans, the cue being the verb phrase."""
    subject = subject_at_start(items, colon)
    if subject is None or not valid_subject(items, subject[0], subject[1], SPEECH):
        return None
    first, last = subject[1] + 1, colon - 1
    if last < first or last - first > 7:
        return None
    if any(items[k].quote or not is_word(items[k]) for k in range(first, last + 1)):
        return None
    return span(items, subject[0], subject[1]), span(items, first, colon)


_DASH_OPENERS = frozenset("— – - --".split())


def credit(sentences: Sequence[Sentence], index: int) -> list[Found]:
    """A tweet copied into an article with its credit line, "— Javad Zarif (@JZarif) January 2, 2021":
    the paragraph before the line is the tweet, and so is the paragraph after it when that one addresses
    someone by @handle and has no cue of its own (the rest of a tweet the copy split around its credit)."""
    here = sentences[index]
    items = here.items
    if not (here.first_in_paragraph and here.last_in_paragraph) or len(items) < 6 or items[0].text not in _DASH_OPENERS:
        return []
    opening = next((m for m in range(1, len(items) - 3) if items[m].text == "("), None)
    if opening is None or opening < 2 or items[opening + 1].text != "@" or items[opening + 3].text != ")":
        return []
    if not all(items[m].capitalized or items[m].text == "." for m in range(1, opening)):
        return []
    frame = Frame(span(items, 1, opening - 1), span(items, opening, opening + 3), "tweet", SPEECH, "credit", index)
    found = []
    before = _paragraph(sentences, index, here.paragraph - 1)
    if before is not None:
        found.append(frame.found([before[0]]))
    after = _paragraph(sentences, index, here.paragraph + 1)
    if after is not None:
        words = [i for m in after[1] for i in sentences[m].items if not i.quote]
        handle = any(i.text == "@" for i in words)
        if handle and not any(i.low in CUE_FORMS for i in words):
            found.append(frame.found([after[0]], after[1]))
    return found


def _paragraph(sentences: Sequence[Sentence], index: int, number: int) -> tuple[Span, list[int]] | None:
    """The span of paragraph `number` next to sentence index, and its sentences; None when there is none."""
    near = range(max(0, index - 12), min(len(sentences), index + 13))
    members = [m for m in near if sentences[m].paragraph == number]
    if not members:
        return None
    return (sentences[members[0]].start, sentences[members[-1]].end), members
