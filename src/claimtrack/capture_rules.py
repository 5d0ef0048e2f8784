"""Finding attributions in sentences: who (source), the cue, and what (content).

The rules, in the order a reader meets them:

- ``SOURCE CUE [OBJECT] [ADVERBIALS] [that] CONTENT``: "Zarif said that ...",
  "a US official told The Wall Street Journal on Wednesday ...".
- ``CONTENT, SOURCE CUE`` and ``CONTENT, CUE SOURCE``: "“...,” he said.",
  "..., said Hugh Hill, a doctor at the clinic."; when the sentence goes on
  after the cue (", “...”" or ", it is ...") that is a second fragment, and
  the quotations that follow in the same paragraph continue the first.
- ``according to SOURCE``, before or after the content.
- ``, adding that ...``: a participle after a comma shares the main clause's
  speaker.
- ``SOURCE CUE:`` ending a paragraph: the next paragraph is the content.

A cue inside a quotation is the speaker's own words, never a cue; a cue
inside another attribution's content is left to that attribution (PolNeAR,
like a claim record, attributes each word once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from . import capture_labels
from .capture_cues import after_comma, cue_at, phrase_head, quoting_participle, valid_subject
from .capture_lexicon import (
    CUE_FORMS,
    CUE_PREPOSITIONS,
    DATA_NOUNS,
    EVIDENCE_CUES,
    INTENT,
    NEEDS_PREPOSITION,
    NEEDS_THAT,
    NP_STOPS,
    OBJECT,
    QUOTE_ONLY,
    RAISING,
    SPEECH,
    STANCE,
    THOUGHT,
    TIME_WORDS,
    TO_VERBS,
    cue_class,
)
from .capture_phrases import (
    NEGATED,
    adverbials_after,
    infinitive,
    is_clause_start,
    is_word,
    object_after,
    skip_aside_after,
    skip_back_aside,
    skip_back_auxiliaries,
)
from .capture_spans import (
    AS_VERBS,
    CLOSED,
    TERMINAL,
    Found,
    Frame,
    Span,
    clause_boundary,
    clause_end,
    content_begin,
    content_span,
    continued,
    object_end,
    only_quote,
    quote_paragraph,
    span,
)
from .capture_subjects import apposition_before, noun_phrase_after, noun_phrase_before, subject_at_start
from .capture_text import Item, Sentence

_CLAUSE_EDGES = frozenset(", ; : — – -- ( )".split())
_CLAUSE_OPENERS = frozenset(
    "that which who whom whose because if when while whereas but and or although though since as so yet".split()
)
_SUBORDINATORS = frozenset("when as while after before because during".split())
_PASSIVE_ASK = frozenset("was were is are been being be".split())
_QUESTION_OPENERS = frozenset("whether if what why how who which when where to".split())
_CLAUSE_SUBJECTS = frozenset("he she it they we i you there this that these those his her their its".split())
# "The argument would be aided, Devine said, by the upcoming calendar": the sentence goes on.
_GOES_ON = frozenset("by to while".split())
# What asks people and reports their answers: "In a CNN poll, ...".
_POLL_NOUNS = frozenset("poll polls polling survey surveys study studies".split())
_NOT_SECOND = frozenset(
    "according citing who which whose where when in on at during before after as to from with by for about "
    "while because since though although if than adding saying noting without".split()
)


class SentenceRules:
    """The attributions of one sentence, with its neighbours for continued quotations and colons."""

    def __init__(self, sentences: Sequence[Sentence], index: int) -> None:
        self.sentences = sentences
        self.index = index
        self.items = sentences[index].items

    def find(self) -> list[Found]:
        label = capture_labels.label(self.sentences, self.index)
        if label is not None:
            return [label]
        poll = self._in_poll()
        if poll is not None:
            return [poll]
        found = self._cued()
        colon = capture_labels.named_colon(self.sentences, self.index, found)
        return found + ([colon] if colon else [])

    def _cued(self) -> list[Found]:
        items = self.items
        cues: list[tuple[int, str]] = []
        k = 0
        while k < len(items):
            if not items[k].quote and items[k].low == "according" and k + 1 < len(items) and items[k + 1].low == "to":
                cues.append((k, "according"))
                k += 2
                continue
            lemma = cue_at(items, k)
            if lemma is not None:
                cues.append((k, lemma))
            k += 1
        if not cues:
            return []
        # Where each cue's own frame starts, so that an earlier content stops before it.
        frames: list[tuple[int, int, str, tuple | None, int | None]] = []
        stops: list[int] = []
        for k, lemma in cues:
            if lemma == "according":
                frames.append((k, k, lemma, None, None))
                continue
            subject = self._subject(k, lemma)
            conj = self._conjoined(k) if subject is None else None
            start = subject[0] if subject else (conj if conj is not None else k)
            frames.append((k, start, lemma, subject, conj))
            if subject is not None and clause_boundary(items, start):
                stops.append(start)
            if subject is not None and subject[2] is not None:
                stops.append(subject[1])  # "Barkley, who said X, said Y": X ends at the comma
            if conj is not None:
                stops.append(conj)
        found = self._frames(frames, stops)
        # Only frames that are attributions end an earlier content: "and then would continue" is not one.
        # A speaker and a verb of saying end a clause even when they yield nothing ("..., Zarif tweeted").
        kept = {f.cue[0] for f in found}
        useful = [
            stop
            for (k, start, lemma, subject, conj) in frames
            if items[k].start in kept or (subject is not None and lemma != "according" and cue_class(lemma) == SPEECH)
            for stop in stops
            if stop in (start, conj) or (subject is not None and stop == subject[1])
        ]
        if len(useful) != len(stops):
            found = self._frames(frames, useful)
        return found

    def _frames(self, frames, stops: list[int]) -> list[Found]:
        found: list[Found] = []
        main: Found | None = None
        for k, start, lemma, subject, conj in frames:
            others = [s for s in stops if s != start]
            if lemma == "according":
                f = self._according(k, others, bool(found))
            elif lemma == "ask" and self._unnamed_asker(k):
                f = self._question(k, others)
            else:
                f = self._verb(k, lemma, subject, conj, others, main)
            if f is not None:
                found.append(f)
                if f.pattern not in ("participle", "conjoined") and f.source is not None:
                    main = f
        return found

    def _unnamed_asker(self, k: int) -> bool:
        """ "Asked about the plan, she said ..." and "he was asked whether ...": a question whose asker is
        not named; "asked" opens the sentence (or follows "when") or is passive."""
        items = self.items
        if k == 0 or (k == 1 and items[0].low in ("when", "after", "if", "as")):
            return True
        return not items[k - 1].quote and items[k - 1].low in _PASSIVE_ASK

    def _question(self, k: int, stops: list[int]) -> Found | None:
        """The question of an unnamed asker: what follows "asked" (and "about") up to the comma."""
        items = self.items
        cue_last = k + 1 if k + 1 < len(items) and items[k + 1].low == "about" else k
        start = cue_last + 1
        if start >= len(items) or not (items[start].low in _QUESTION_OPENERS or cue_last > k):
            return None
        last = clause_end(items, start, stops)
        comma = next((m for m in range(start, last + 1) if items[m].text == ","), None)
        last = comma - 1 if comma is not None else last
        if last < start:
            return None
        frame = Frame(None, span(items, k, cue_last), "ask", SPEECH, "question", self.index)
        return frame.found([span(items, start, last)])

    def _in_poll(self) -> Found | None:
        """ "In a CNN poll released Monday, 38 percent said ... while 60 percent said ...": the poll is the
        source of the whole clause after the comma, the answers of those it asked included."""
        items = self.items
        if not items or items[0].quote or items[0].low != "in":
            return None
        comma = next((m for m in range(1, min(len(items), 16)) if items[m].quote or items[m].text == ","), None)
        if comma is None or items[comma].quote or comma < 2:
            return None
        if not any(items[m].low in _POLL_NOUNS for m in range(1, comma)):
            return None
        last = clause_end(items, comma + 1, [])
        if last < comma + 3:
            return None
        frame = Frame(span(items, 1, comma - 1), span(items, 0, 0), "according to", "according", "poll", self.index)
        return frame.found([span(items, comma + 1, last)])

    def _conjoined(self, k: int) -> int | None:
        """The "and"/"but" that joins the cue at k to an earlier verb of the same speaker: "... and insisted that"."""
        items = self.items
        j = skip_back_auxiliaries(items, k - 1)
        m = j
        while m >= 0 and j - m <= 7:
            item = items[m]
            if item.quote or not (is_word(item) or item.text in ("'s", "’s")):
                return None
            if item.low in ("and", "but"):
                return m if m > 0 else None
            if item.low in CUE_FORMS and m != k:
                return None
            m -= 1
        return None

    # ------------------------------------------------------------ subject

    def _subject(self, k: int, lemma: str) -> tuple[int, int, tuple[int, int] | None, bool] | None:
        """(first, last, apposition, negated) of the speaker before the cue at k."""
        items = self.items
        kind = cue_class(lemma)
        j = skip_back_auxiliaries(items, k - 1)
        negated = any(items[m].low in ("not", "never") or items[m].low.endswith(NEGATED) for m in range(j + 1, k))
        if j < 0:
            return None
        if items[j].text == "," and j > 0 and items[j - 1].text == ")":
            j -= 1  # "Gov. John Kasich (R-OH), said"
        if items[j].text == ",":
            j = skip_back_aside(items, j)
        if items[j].text == "," or items[j].text in ("—", "–", "--", "-"):
            app = apposition_before(items, j)
            if app is not None and valid_subject(items, app[0], app[1], kind, lemma):
                return (app[0], j, (app[2], app[3]), negated)
            return None
        np = noun_phrase_before(items, j)
        if np is None or not (kind == RAISING or valid_subject(items, np[0], np[1], kind, lemma)):
            return None  # what seems or is expected may be anything: "the sale is expected to ..."
        return (np[0], np[1], None, negated)

    # --------------------------------------------------------------- verbs

    def _verb(self, k: int, lemma: str, subject, conj, stops: list[int], main: Found | None) -> Found | None:
        items = self.items
        n = len(items)
        kind = cue_class(lemma)
        cue_last = k
        after = k + 1
        # "warned of", "called for", "pointed out": the preposition is part of the cue.
        if after < n and items[after].low in CUE_PREPOSITIONS.get(lemma, ()):
            cue_last = after
            after += 1
        if lemma in NEEDS_PREPOSITION and cue_last == k:
            return None
        participle = items[k].low.endswith("ing") and (after_comma(items, k) or quoting_participle(items, k))
        if subject is None and conj is not None and kind not in (SPEECH, INTENT):
            return None
        if subject is None and (participle or conj is not None):
            return self._participle(k, cue_last, lemma, kind, stops, main, "participle" if participle else "conjoined")
        if subject is None:
            return self._inverted(k, cue_last, lemma, kind, stops)
        if kind == RAISING:
            return self._raising(k, cue_last, lemma, subject, stops)
        first, last, apposition, negated = subject
        source = span(items, first, last)
        if lemma in EVIDENCE_CUES and any(
            items[m].low in DATA_NOUNS for m in range(first, phrase_head(items, first, last) + 1)
        ):
            kind = STANCE  # "polls show Clinton up by 10 points": what the data show, clause or not
        after, content = self._complement(k, cue_last, lemma, kind, stops)
        name = None
        if apposition is not None:
            name = span(items, first, apposition[0] - 2)
        elif first == last and items[first].low in ("who", "which") and first >= 2 and items[first - 1].text == ",":
            # "Obama, who called ...": the phrase before the comma is who spoke
            antecedent = noun_phrase_before(items, first - 2)
            name = span(items, *antecedent) if antecedent else None
        role = span(items, *apposition) if apposition else None
        frame = Frame(source, span(items, k, cue_last), lemma, kind, "after", self.index, role, name, negated)
        fronts = kind == SPEECH and lemma not in EVIDENCE_CUES  # "“...,” she said", never "..., the poll found"
        if fronts and self._content_before_first(first, after):
            found = self._before(frame, first, cue_last, stops)
            if found is not None:
                return found
        if content is not None and lemma in QUOTE_ONLY and not (after < len(items) and items[after].quote):
            content = None  # "he pressed the button": these verbs report a quotation or nothing
        if content is not None:
            consumed: list[int] = []
            contents = [content]
            last_item = items[-1]
            if kind == SPEECH and not (last_item.quote and not last_item.closed) and self._quotation_next():
                # "Smith said the plan was dead." and a sentence or paragraph that is only a quotation: Smith
                # goes on
                contents.extend(continued(self.sentences, self.index, consumed, CLOSED))
            elif last_item.quote and not last_item.closed and content[1] >= last_item.inner[0]:
                # "She said: “... [next paragraph]"
                contents.extend(continued(self.sentences, self.index, consumed, last_item))
            return frame.found(contents, consumed)
        if not fronts or (after < len(items) and items[after].text not in TERMINAL | {",", ";", ":"}):
            return None  # "In the race, Sanders maintained a lead": words after the cue that are no content
        if any(
            items[m].low == "to" and infinitive(items[m + 1]) for m in range(cue_last + 1, min(after, len(items) - 1))
        ):
            return None  # "In an interview, Trump continued to question ...": an infinitive follows the cue
        # Nothing after the cue: the content comes before the speaker ("“...,” she said.").
        return self._before(frame, first, cue_last, stops)

    def _raising(self, k: int, cue_last: int, lemma: str, subject, stops: list[int]) -> Found | None:
        """ "Sanders seemed to be of two minds", "Trump is expected to win": nobody speaks; the content is
        the subject and what follows the verb, the two fragments PolNeAR marks too."""
        items = self.items
        after = cue_last + 1
        if after < len(items) and items[after].low != "to":
            after = adverbials_after(items, after)  # "seemed, on Tuesday, unperturbed"; never past "to be"
        if after >= len(items) or items[after].text in TERMINAL or not (is_word(items[after]) or items[after].quote):
            return None
        if items[after].low in NP_STOPS and items[after].low not in ("to", "that"):
            return None  # "appeared at a rally", "appeared before reporters": a place, not a look
        last = object_end(items, after, clause_end(items, after, stops))
        if last < after:
            return None
        first, subject_last = subject[0], subject[1]
        while (
            first > 0
            and not items[first - 1].quote
            and items[first - 1].text not in _CLAUSE_EDGES
            and (items[first - 1].low not in _CLAUSE_OPENERS)
        ):
            first -= 1  # the whole subject: "inaccurate explanations of her email practices appear to ..."
        content = [span(items, first, subject_last), span(items, after, last)]
        frame = Frame(None, span(items, k, cue_last), lemma, RAISING, "raising", self.index, negated=subject[3])
        return frame.found(content)

    def _quotation_next(self) -> bool:
        """Whether the next sentence of this paragraph is only a quotation, or this sentence ends its paragraph
        and the next paragraph is only quotations."""
        here = self.sentences[self.index]
        following = self.index + 1
        if following >= len(self.sentences):
            return False
        if here.last_in_paragraph:
            return quote_paragraph(self.sentences, following)
        return only_quote(self.sentences[following].items) is not None

    def _complement(self, k: int, cue_last: int, lemma: str, kind: str, stops: list[int]) -> tuple[int, Span | None]:
        """Where the cue's complement starts (past the person spoken to and adverbials) and the content there."""
        items = self.items
        n = len(items)
        after = cue_last + 1
        if lemma in OBJECT or (lemma == "call" and items[cue_last].low == "on"):
            after = object_after(items, after) if not (after < n and items[after].low in ("that", "to")) else after
        if lemma in TO_VERBS and after < n and items[after].low == "to":
            # "vowed to repeal it", "urged voters to stay home": the infinitive is the content
            last = clause_end(items, after, stops)
            return after, (span(items, after, last) if last > after else None)
        if kind == INTENT:
            return after, None
        after = skip_aside_after(items, adverbials_after(items, after))
        return after, self._after(after, lemma, kind, stops)

    def _content_before_first(self, first: int, after: int) -> bool:
        """Whether a quotation before the speaker is the content even when words follow the cue
        ("“...,” she said at the time"); a colon after the cue says the content follows it."""
        items = self.items
        if first == 0:
            return False
        if after < len(items) and items[after].text == ":":
            return False  # "... he warned: “...”"
        prev = items[first - 1]
        quote = first - 1 if prev.quote else first - 2
        if not (prev.quote or (prev.text == "," and first >= 2 and items[first - 2].quote)):
            return False
        # "Recalling “...”, the statement urged ...": a quotation after a word is that word's object
        return quote == 0 or not is_word(items[quote - 1])

    def _after(self, j: int, lemma: str, kind: str, stops: list[int]) -> Span | None:
        """The content after the cue's frame, starting at items[j], or None."""
        items = self.items
        n = len(items)
        if j >= n:
            return None
        item = items[j]
        if item.text in (":", ","):
            if j + 1 < n and items[j + 1].quote:
                j += 1
                item = items[j]
            elif item.text == ":" and j + 1 < n:
                j += 1
                item = items[j]
            else:
                return None
        if item.text in TERMINAL:
            return None
        if item.quote:
            if _complete_quote(items, j):
                return content_span(items, j, j)  # chanted “Lock her up!” as they had before
            last = clause_end(items, j, stops)
            return content_span(items, j, last)
        if lemma in NEEDS_THAT and item.low != "that" and not (kind == STANCE and lemma in EVIDENCE_CUES):
            if not (kind == THOUGHT and item.low in _CLAUSE_SUBJECTS):
                return None  # "she feels the country is ..." is a clause; "she feels the pain" is not
        if item.low == "that" or (kind in (SPEECH, THOUGHT) and is_clause_start(items, j)) or kind == STANCE:
            if kind == STANCE and not is_word(item):
                return None
            last = clause_end(items, j, stops)
            if kind == STANCE and lemma not in AS_VERBS:
                last = object_end(items, j, last)
            if last < j or (last == j and item.low == "that"):
                return None  # "the poll found that, ..." is cut short, not a statement of "that"
            if lemma == "see" and item.low != "that" and not any(items[m].low == "as" for m in range(j, last + 1)):
                return None  # "sees the gains as evidence", "saw that ..."; never "saw bodies in the street"
            if lemma in AS_VERBS and not any(items[m].low == "as" for m in range(j, last + 1)):
                return None  # "described the scene" is no statement; "described him as a liar" is
            return span(items, j, last)
        return None

    def _before(self, frame: Frame, first: int, cue_last: int, stops: list[int]) -> Found | None:
        """ "CONTENT, SOURCE CUE [, CONTENT2]." with quotations continued in the paragraph."""
        items = self.items
        if first == 0:
            return self._colon(replace(frame, pattern="colon"), cue_last)
        end = first - 1
        if items[end].low == "as":
            end -= 1  # "the race “is a dead heat,” as Cruz said"
        if items[end].text == ",":
            end -= 1
        elif not items[end].quote and items[first - 1].low != "as":
            return None
        if end < 0:
            return None
        if frame.lemma in QUOTE_ONLY and not items[end].quote:
            return None
        if any(stop < first for stop in stops) and not items[end].quote:
            # "Zarif said that “...” so against Iran, Zarif tweeted": the earlier frame has the content
            return None
        after = cue_last + 1
        if frame.lemma in OBJECT:
            after = object_after(items, after)
        return self._fronted(replace(frame, pattern="before"), first, end, after, stops)

    def _fronted(self, frame: Frame, first: int, end: int, after: int, stops: list[int]) -> Found | None:
        """The content before a frame that starts at items[first] and ends before items[after]: from the
        sentence's start (or an earlier frame) to items[end], then the rest of the sentence after the frame
        (", “...”") or the quotations that continue it."""
        items = self.items
        begin = content_begin(items, first, end, stops)
        if begin > end:
            return None
        content = [content_span(items, begin, end)]
        consumed: list[int] = []
        rest = self._second_fragment(after, quoted=items[end].quote)
        if rest is not None:
            content.append(rest)
        else:
            # The quotations after the sentence continue it, whether it ends in one or in the writer's words
            # ("“People were celebrating” before the parade, she said. “It was so peaceful.”").
            content.extend(continued(self.sentences, self.index, consumed, items[end] if items[end].quote else CLOSED))
        return frame.found(content, consumed)

    def _second_fragment(self, j: int, quoted: bool = False) -> Span | None:
        """After "..., she said" the sentence may go on with the rest of the content: ", “...”" or ", it is ..."."""
        items = self.items
        n = len(items)
        if j < n and items[j].quote and len(items[j].text.split()) > 3:
            # "..., Trump said “Bush and even Obama ...”": the comma left out
            return content_span(items, j, clause_end(items, j, []))
        j = adverbials_after(items, j)
        if quoted and j < n and items[j].text != ",":
            j = self._aside_end(j)
        if j >= n or items[j].text != ",":
            return None
        j += 1
        if j >= n:
            return None
        item = items[j]
        if quoted and not item.quote:
            return None  # "“...,” Clinton said in an interview, the first of ...": an aside, not her words
        if not item.quote:
            # An interrupted sentence goes on in lowercase: "But, she added, it's not the way to win."
            if not is_word(item) or item.text[:1].isdigit() or item.low in TIME_WORDS:
                return None
            if item.low in _NOT_SECOND - _GOES_ON or item.low.endswith("ing") or CUE_FORMS.get(item.low) == "say":
                return None  # "..., McKinnon says, citing ...": an adjunct, not the content
        last = clause_end(items, j, [])
        if last < j:
            return None
        words = [items[m] for m in range(j, last + 1) if not items[m].quote]
        if len(words) == last + 1 - j and all(w.capitalized or not is_word(w) for w in words):
            return None  # "..., said another user, Johanna Bayer": a name, not the rest of the content
        return content_span(items, j, last)

    def _aside_end(self, j: int) -> int:
        """ "“...,” he said of Trump, “...”": the comma after the writer's words about the speaker, when a
        quotation follows it; j itself when none does."""
        items = self.items
        for m in range(j, min(len(items) - 1, j + 15)):
            item = items[m]
            if item.quote or item.text in TERMINAL or item.text in (";", ":") or item.low in CUE_FORMS:
                return j
            if item.text == "," and items[m + 1].quote:
                return m
        return j

    def _colon(self, frame: Frame, cue_last: int) -> Found | None:
        """ "SOURCE CUE:" at a paragraph's end: the next paragraph is what was said."""
        items = self.items
        here = self.sentences[self.index]
        if not (items[-1].text == ":" and cue_last >= len(items) - 3 and here.last_in_paragraph):
            return None
        m = self.index + 1
        if m >= len(self.sentences):
            return None
        nxt = self.sentences[m]
        quote = only_quote(nxt.items)
        if quote is not None:
            paragraph = quote.inner
        else:
            # the whole next paragraph
            last = m
            while last + 1 < len(self.sentences) and self.sentences[last + 1].paragraph == nxt.paragraph:
                last += 1
            paragraph = (nxt.start, self.sentences[last].end)
        return frame.found([paragraph], [m])

    def _inverted(self, k: int, cue_last: int, lemma: str, kind: str, stops: list[int]) -> Found | None:
        """ "CONTENT, said SOURCE." and "“...,” said SOURCE, a doctor at the clinic." """
        items = self.items
        if kind != SPEECH:
            return None
        if k == 0:
            return self._inverted_colon(k, cue_last, lemma, kind)
        prev = items[k - 1]
        if not (prev.text == "," or prev.quote):
            return None
        np = noun_phrase_after(items, cue_last + 1)
        if np is None or not valid_subject(items, np[0], np[1], kind):
            return None
        first, last, apposition = np
        src_last = apposition[1] if apposition else last
        # "..., said Smith." ends the frame: what follows the speaker is a time, a comma or the end.
        tail = adverbials_after(items, src_last + 1)
        if tail < len(items) and items[tail].low in ("who", "whose") and apposition is None:
            # "said the man who built his career on ...": the relative clause says who he is
            stop = next((m for m in range(tail, len(items)) if items[m].quote), len(items))
            stop = stop - 1 if stop < len(items) else stop
            while stop > tail and items[stop - 1].text in (",", ".", "!", "?"):
                stop -= 1
            apposition = (tail, stop - 1)
            src_last = stop - 1
            tail = stop
        if (
            tail < len(items)
            and items[tail].text not in (",", ".", "!", "?", ")")
            and not items[tail].quote
            and items[tail].low not in _SUBORDINATORS
        ):
            return None  # "..., said Dan Golvach when asked about it" ends the frame too
        role = span(items, *apposition) if apposition else None
        name = span(items, first, last) if apposition else None
        frame = Frame(
            span(items, first, src_last), span(items, k, cue_last), lemma, kind, "inverted", self.index, role, name
        )
        end = k - 1 if prev.quote else k - 2
        if end < 0 or (lemma in QUOTE_ONLY and not items[end].quote):
            return None
        return self._fronted(frame, k, end, src_last + 1, stops)

    def _inverted_colon(self, k: int, cue_last: int, lemma: str, kind: str) -> Found | None:
        """ "Continued Stone: “...”" and "Said Comey, “...”": the cue first and the quotation after a colon
        (here or in the next paragraph) or a comma."""
        items = self.items
        np = noun_phrase_after(items, cue_last + 1)
        if np is None or np[2] is not None or np[1] + 1 >= len(items) or items[np[1] + 1].text not in (":", ","):
            return None
        frame = Frame(span(items, np[0], np[1]), span(items, k, cue_last), lemma, kind, "inverted", self.index)
        colon = np[1] + 1
        if items[colon].text == ",":
            # "Said Comey, “...”": with a comma, only a quotation is what was said
            if colon + 1 >= len(items) or not items[colon + 1].quote:
                return None
            consumed: list[int] = []
            quote = items[colon + 1]
            return frame.found([quote.inner, *continued(self.sentences, self.index, consumed, quote)], consumed)
        if colon + 1 < len(items):
            return frame.found([content_span(items, colon + 1, clause_end(items, colon + 1, []))])
        return self._colon(replace(frame, pattern="colon"), cue_last)

    def _participle(self, k, cue_last, lemma, kind, stops, main: Found | None, pattern: str) -> Found | None:
        """ "..., adding that ...": the main clause's speaker said it too."""
        items = self.items
        _start, content = self._complement(k, cue_last, lemma, kind, stops)
        if content is None:
            return None
        if main is not None and main.sentence == self.index:
            source = main.source
        else:
            np = subject_at_start(items, k)
            source = span(items, *np) if np else None
        return Frame(source, span(items, k, cue_last), lemma, kind, pattern, self.index).found([content])

    # ------------------------------------------------------- according to

    def _according(self, k: int, stops: list[int], after_other: bool) -> Found | None:
        """ "According to X, ...", "..., according to X." and "His criticism, according to X, was ..."."""
        items = self.items
        n = len(items)
        np = noun_phrase_after(items, k + 2)
        if np is None:
            return None
        first, last, apposition = np
        opening = k == 0 or (k == 1 and not is_word(items[0]))
        if opening:
            apposition = None  # "According to X, the ...": what follows the comma is the content
        src_last = apposition[1] if apposition else last
        name = span(items, first, last) if apposition else None
        role = span(items, *apposition) if apposition else None
        frame = Frame(
            span(items, first, src_last),
            span(items, k, k + 1),
            "according to",
            "according",
            "according",
            self.index,
            role,
            name,
        )
        if k > 0 and items[k - 1].text == ",":
            if after_other:
                return None  # "“...,” Pence said, according to audio ...": the source of that attribution
            # "..., according to X." and "His criticism, according to X, was ...": the sentence goes on
            return self._fronted(frame, k, k - 2, src_last + 1, stops)
        if opening:
            j = src_last + 1
            if j >= n or items[j].text != ",":
                return None
            last_c = clause_end(items, j + 1, stops)
            if last_c <= j:
                return None
            return frame.found([content_span(items, j + 1, last_c)])
        if k < 2 or after_other:
            return None
        return frame.found([content_span(items, 0, k - 1)])


def _complete_quote(items: Sequence[Item], j: int) -> bool:
    """Whether the quotation at j is a whole utterance that the writer's words after it do not continue:
    it ends with its own punctuation (“You lie!” at the president, “We'll see,” when asked)."""
    item = items[j]
    if j + 1 >= len(items) or items[j + 1].text in TERMINAL or not item.closed:
        return False
    inner = item.text[item.mark : len(item.text) - item.mark].rstrip()
    return inner[-1:] in (",", ".", "!", "?")


def find_all(sentences: Sequence[Sentence], skip: set[int]) -> list[Found]:
    """Every attribution in the article, each word attributed once."""
    out: list[Found] = []
    consumed: set[int] = set()
    for index in range(len(sentences)):
        if index in consumed:
            continue
        # A tweet's credit line looks like a heading ("— Javad Zarif (@JZarif) January 2, 2021").
        credited = capture_labels.credit(sentences, index)
        if index in skip or credited:
            out.extend(credited)
            for found in credited:
                consumed.update(found.consumed)
            continue
        for found in SentenceRules(sentences, index).find():
            out.append(found)
            consumed.update(found.consumed)
    return _univocal(out)


def _univocal(found: list[Found]) -> list[Found]:
    """Drop attributions whose cue lies inside another's content, and contents found twice."""
    keep: list[Found] = []
    by_length = sorted(found, key=lambda f: -sum(b - a for a, b in f.content))
    for f in by_length:
        inside = any(a <= f.cue[0] and f.cue[1] <= b for g in keep for a, b in g.content)
        twice = any(_overlap(f.content, g.content) > 0.5 * min(_length(f.content), _length(g.content)) for g in keep)
        if not inside and not twice:
            keep.append(f)
    keep.sort(key=lambda f: f.content[0][0])
    return keep


def _length(spans: list[Span]) -> int:
    return sum(b - a for a, b in spans)


def _overlap(x: list[Span], y: list[Span]) -> int:
    return sum(max(0, min(b, d) - max(a, c)) for a, b in x for c, d in y)
