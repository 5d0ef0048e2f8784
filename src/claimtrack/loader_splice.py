"""A changed file read again only where it changed: the index's file-by-file update taken down
to the record (cli.md, "The index"; issue 9: one claim edited in a file of 100 is checked in
about the time of parsing one claim, not the file).

The last parse of a clean file keeps its Layout: its lines cut into spans, one per record (from
its item's dash to the next item or top-level key) and one per run of lines between records
(top-level keys, comments), each with a digest of its text. When the file changes, the spans
found unchanged from either end keep their records; the lines left between are read on their
own, as items of their section, and their records take the place of the records they replace.

The answer is what parsing the whole file gives (tests/test_loader_splice.py holds it to
parse_text over random edits), or None, and the file is parsed whole. It holds because:

- the lines read again begin on an item's dash, at the column of their section's dashes, and
  end where an unchanged item or top-level key begins (or at the end of the file): whatever
  comes before them ends at that dash as it did, and what they hold is closed where they end
  (a quote or bracket left open is an error there, and they are then not taken);
- no line of theirs is less indented than that column but a dash's or a comment's (no
  top-level key, document marker or directive among them);
- the file holds no anchor, alias or tag (one node could then stand in two records), nor a line
  break other than '\\n' (Python and libyaml would then count lines apart), and had no problem;
- every unchanged record after them is on the same line as before, since the count of lines
  is the same; when it is not, the section's later items are read again too, and a change
  followed by anything else (another section, a key) is parsed whole.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any, NamedTuple, TypeVar

from .loader import Items, ParsedFile, is_item_line, parse_bytes, parse_with_items, read_items
from .model import Reference

T = TypeVar("T")

# What makes lines count differently in libyaml and in str.split('\n'): a file with any is parsed whole.
_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# What may begin an anchor, an alias or a tag, with which one node stands in several places or
# takes a type, after what may come before one.
_PROPERTIES = "&*!"
_BEFORE_PROPERTY = frozenset(" \t\n[]{},")


def _unsafe(text: str) -> bool:
    """Whether the text may hold an anchor, alias or tag, or a line break other than '\n'.
    (Conservative: a statement with '*emphasis*' in it counts as an alias here.) Characters are
    looked for one by one with str.find: one pattern for them all took 4 ms a file of 100
    claims, a third of parsing it."""
    if any(char in text for char in _BREAKS):
        return True
    for char in _PROPERTIES:
        at = text.find(char)
        while at >= 0:
            after = text[at + 1 : at + 2]
            if (at == 0 or text[at - 1] in _BEFORE_PROPERTY) and after and not after.isspace():
                return True
            at = text.find(char, at + 1)
    return False


class Span(NamedTuple):
    start: int  # its first line (0-based)
    end: int  # the line after its last
    digest: bytes  # of its text
    section: str | None = None  # the section of the record it holds; None for lines between records
    indent: int = 0  # the column of the dashes of its section's items


@dataclass(frozen=True)
class Layout:
    """A clean file's lines as spans of records and of what lies between them."""

    lines: int
    spans: tuple[Span, ...]

    def count(self, section: str) -> int:
        return sum(1 for span in self.spans if span.section == section)


class _Lines:
    """A text's lines ('\\n'-separated), and the digest of a run of them."""

    def __init__(self, text: str) -> None:
        self.text = text
        lengths = [len(line) + 1 for line in text.split("\n")]
        self.count = len(lengths)
        self._starts = [0, *accumulate(lengths)]  # where each line begins (the last: past the end)

    def slice(self, start: int, end: int) -> str:
        return self.text[self._starts[start] : self._starts[end]]

    def digest(self, start: int, end: int) -> bytes:
        return hashlib.blake2b(self.slice(start, end).encode("utf-8", "surrogatepass"), digest_size=16).digest()

    def spans(self, items: Iterable[tuple[int, str, int]], keys: Iterable[int], begin: int, end: int) -> list[Span]:
        """The spans of lines [begin, end): one per item (line, section, indent), running to the
        next item or key line, and one per run of lines between."""
        starts = sorted(items)
        bounds = sorted({*keys, *(line for line, _section, _indent in starts), end})
        spans, at = [], begin
        for line, section, indent in starts:
            if at < line:
                spans.append(Span(at, line, self.digest(at, line)))
            stop = bounds[bisect_right(bounds, line)]
            spans.append(Span(line, stop, self.digest(line, stop), section, indent))
            at = stop
        if at < end:
            spans.append(Span(at, end, self.digest(at, end)))
        return spans


def layout_of(text: str, items: Items) -> Layout | None:
    """The layout of a clean file's text (as parse_text reads it: without a byte-order mark)."""
    if _unsafe(text):
        return None
    lines = _Lines(text)
    starts = [(line, section, indent) for section, indent, lines_ in items.sections for line in lines_]
    return Layout(lines.count, tuple(lines.spans(starts, items.keys, 0, lines.count)))


def text_of(data: bytes) -> str | None:
    """A file's text as parse_text reads it (decoded, without its byte-order mark: parse_bytes
    takes one off, parse_text another), which its layout describes; None when it is not UTF-8."""
    try:
        return data.decode("utf-8-sig").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None


def parse_laid_out(path: str, data: bytes, with_layout: bool = True) -> ParsedFile:
    """loader.parse_bytes, with the file's Layout when it has one and `with_layout` (for an
    index kept on disk: 6% of a parse, which an index kept for one run only does without)."""
    text = text_of(data) if with_layout else None
    if text is None:
        return parse_bytes(path, data)
    parsed, items = parse_with_items(path, text)
    if items is not None:
        parsed.layout = layout_of(text, items)
    return parsed


@dataclass(frozen=True)
class Spliced:
    """A changed file's parse made from its last: the items [first, last) of a section replaced
    by new records; the file's references and layout, whole."""

    references: list[Reference]
    layout: Layout
    section: str | None = None  # None: no record changed
    first: int = 0
    last: int = 0
    records: Sequence[Any] = ()

    def apply(self, section: str, old: Sequence[T], made: Sequence[T]) -> list[T]:
        """A section's list (of records, or of anything kept per record) after the change."""
        if section != self.section:
            return list(old)
        return [*old[: self.first], *made, *old[self.last :]]


def splice(path: str, text: str, old: Layout, references: list[Reference]) -> Spliced | None:
    """The parse of text, the file's new text (without a byte-order mark), made from the layout
    and references of its last parse, which had no problem; None when it must be parsed whole."""
    new = _Lines(text)
    spans, m = old.spans, len(old.spans)
    shift = new.count - old.lines
    p = 0  # spans unchanged from the start
    while p < m and spans[p].end <= new.count and new.digest(spans[p].start, spans[p].end) == spans[p].digest:
        p += 1
    if p == m:
        # The same lines (a byte-order mark came or went). (No line more: the last span, which
        # ran to the end of the text, would then end in a line break it did not have.)
        return Spliced(list(references), old)
    r0 = spans[p].start  # where the lines read again begin, in both texts
    q = m  # spans unchanged from the end, at their place moved by the shift
    while q > p and spans[q - 1].start + shift >= r0:
        span = spans[q - 1]
        if new.digest(span.start + shift, span.end + shift) != span.digest:
            break
        q -= 1
    near = _section_of(spans, p, q)
    if near is None or near.section is None:
        return None
    section, indent = near.section, near.indent
    if shift:
        # The section's later items moved: read again, at their new lines; and if what follows
        # them moved too, the file is parsed whole.
        q = next((n for n in range(q, m) if spans[n].section != section), m)
        if q < m:
            return None
    # (r0 <= r1: the spans kept from the end begin after r0; when any is kept, the lines did not move.)
    r1 = spans[q].start if q < m else new.count
    made = _read(path, new, r0, r1, section, indent)
    if made is None:
        return None
    records, found, starts = made
    first = sum(1 for span in spans[:p] if span.section == section)
    last = first + (q - p)
    if old.count(section) - (last - first) + len(records) == 0:
        return None  # the section emptied: `claims:` alone is read as no list at all
    before, after = _kept_references(references, r0, spans[q].start if q < m else old.lines)
    middle = new.spans(((line, section, indent) for line in starts), (), r0, r1)
    layout = Layout(new.count, (*spans[:p], *middle, *spans[q:]))
    return Spliced([*before, *found, *after], layout, section, first, last, records)


def _section_of(spans: tuple[Span, ...], p: int, q: int) -> Span | None:
    """A span of the section whose items the changed spans [p, q) are, or before which lines were
    inserted (lines inserted after a section's last item move what follows: parsed whole anyway).
    (Lines between sections hold a key, which _read turns down, unless the change took it away:
    the records below would then be read as the wrong section's.)"""
    near = spans[p:q] or spans[q : q + 1]  # (p == q == len(spans) is the same lines, returned before)
    return near[0] if all(span.section == near[0].section for span in near) else None


def _read(
    path: str, new: _Lines, r0: int, r1: int, section: str, indent: int
) -> tuple[list[Any], list[Reference], tuple[int, ...]] | None:
    """The records of lines [r0, r1) of the new text, read as items of the section; None when
    they are not only that (see the module's reasons)."""
    region = new.slice(r0, r1)
    if not region:
        return [], [], ()
    lines = region.split("\n")
    if _unsafe(region):
        return None
    for line in lines:
        stripped = line.lstrip(" ")
        if stripped and not stripped.startswith("#") and len(line) - len(stripped) <= indent:
            if not is_item_line(line, indent):
                return None  # a key, a document marker, a tab, text out at the left
    # After as many blank lines as come before them: lines and columns are the file's.
    read = read_items(path, "\n" * r0 + region, section, indent)
    if read is None:
        return None
    records, found, starts = read
    if not starts or starts[0] != r0:
        return None  # lines before its first dash would end the record above, or belong to it
    return records, found, starts


def _kept_references(references: list[Reference], r0: int, r1: int) -> tuple[list[Reference], list[Reference]]:
    """The last parse's references before line r0 and from line r1 on (0-based, as that parse
    had them). A record's references lie within its lines, in the file's order of records."""
    before = [ref for ref in references if ref.location.line - 1 < r0]
    after = [ref for ref in references if ref.location.line - 1 >= r1]
    return before, after
