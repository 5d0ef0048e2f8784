"""Record ids read from the layout of a file's lines, for shell completion.

Completion runs at every Tab and must answer in a blink on a 10,000-claim
store, where composing the YAML alone takes about a second. This module does
not parse YAML (loader.py is the one parser, and every command goes through
it); it skims. Record ids sit where the line layout gives them away: under a
top-level section (`claims:` at column 0), a record is a list item whose
dash stands at the column of the section's first item, and its id is `id:`
at the column of the record's keys, or just after its `- `, or first in a
one-line `- {id: ...}`. A few regular expressions that start with a newline
and spaces, which the regex engine searches for fast, find them.

A skim errs by leaving a record out (an id written in a way it does not
recognise: a quoted key, a record spread over a flow mapping's lines), and
almost never by inventing one: the text of a block scalar or a plain
multi-line value is indented deeper than its record's keys, so it cannot pass
for a key. The one way to fool it is a quoted value continued over lines
with a line that reads `id: x` at the column of the keys; completion would
then offer `x`, which `show x` answers with "no claim". A file that is not valid YAML
still gives what it can. tests/test_skim.py holds it to the ids YAML gives
(the loader's outline), on generated layouts as well as written ones.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from .fsutil import StoreFile, read_store_file, walk_store
from .model import ID_RE

SECTIONS = ("speakers", "sources", "claims")
# The fields that name a record for people, by section, in order of preference.
LABELS = {"speakers": ("name",), "sources": ("title", "outlet"), "claims": ("summary", "statement")}

# A line at column 0 (after its newline): a top-level key.
_TOP_LINE = re.compile(r"\n[^\s#\-.][^\n]*")
_SECTION = re.compile(r"\n(?P<q>[\"']?)(?P<name>speakers|sources|claims)(?P=q) *:(?P<rest>.*)")
_FIRST_ITEM = re.compile(r"\n( *)- ")
_ID = r"(?P<q{n}>[\"']?)(?P<id{n}>{prefix}[a-z0-9-]{{0,80}})(?P=q{n})"  # ID_RE judges it after
_QUOTED = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^']|'')*)'")


@dataclass(frozen=True, slots=True)
class Skimmed:
    """A record found by skimming: its section, id, and a label for people (or None)."""

    section: str
    id: str
    label: str | None = None


def skim(text: str, sections: tuple[str, ...] = SECTIONS, prefix: str = "", labels: bool = False) -> list[Skimmed]:
    """The records of the given sections of a file whose ids start with `prefix` (see above).

    `labels` also finds each record's name, title or summary: it costs more,
    and only shells that show descriptions (zsh, fish) need it.
    """
    text = "\n" + text.removeprefix("\ufeff")  # every line, the first too, starts after a newline
    prefix = re.escape(prefix)
    found: list[Skimmed] = []
    tops = [(m.start(), _SECTION.match(m.group())) for m in _TOP_LINE.finditer(text)]
    for n, (start, head) in enumerate(tops):
        if head is None or head.group("name") not in sections:
            continue
        section, rest = head.group("name"), head.group("rest")
        end = tops[n + 1][0] if n + 1 < len(tops) else len(text)
        if rest.lstrip().startswith("["):  # `speakers: [{id: a, ...}, ...]` on one line
            flow = re.compile(r"[\[{,] *[\"']?id[\"']? *: *" + _ID.format(n=0, prefix=prefix) + " *[,}]")
            found += [Skimmed(section, m.group("id0")) for m in flow.finditer(rest) if ID_RE.match(m.group("id0"))]
            continue
        first = _FIRST_ITEM.search(text, start + 1, end)
        if first is not None:
            found += _skim_section(text, section, first.start(), end, len(first.group(1)), prefix, labels)
    return found


@functools.lru_cache(maxsize=64)
def _patterns(dash: int, prefix: str, section: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """For a list whose dashes stand at column `dash`: its record ids, its records' labels.

    Both take a key after the item's dash or indented deeper than it; the
    caller keeps those at the column of their own record's keys.
    """
    # Spaces written out, not as ` {4}`: a pattern's literal start is what the engine searches for fast.
    item = "\n" + " " * dash
    ids = (
        f"{item}(?:(?P<dash>- ++)|(?P<indent> ++))id *: *{_ID.format(n=1, prefix=prefix)} *(?:#[^\\n]*)?(?=\\r?\\n|\\Z)"
        f"|{item}- +\\{{ *id *: *{_ID.format(n=2, prefix=prefix)} *[,}}]"
    )
    # The line after a label key is looked at, not taken: it may hold the next label.
    value = "(?P<value>[^\\n]*)(?:(?=\\n(?P<next>[^\\n]*)))?"
    named = f"{item}(?P<lead>- ++| ++)(?P<key>{'|'.join(LABELS[section])}) *:{value}"
    return re.compile(ids), re.compile(named)


def _skim_section(text: str, section: str, start: int, end: int, dash: int, prefix: str, labels: bool) -> list[Skimmed]:
    """The records of one section's block list, from `start` (the newline before its first item) to `end`."""
    ids_re, labels_re = _patterns(dash, prefix, section)
    found = []
    item = "\n" + " " * dash + "-"
    for match in ids_re.finditer(text, start, end):
        record_id = match.group("id1") or match.group("id2")
        if not ID_RE.match(record_id):
            continue
        indent = match.group("indent")
        first = match.start()
        if indent is not None:  # `id:` below the record's first line: it must stand where its keys do
            first = text.rfind(item, start, first)
            if dash + len(indent) != _keys_column(text, first, dash):
                continue  # deeper inside the record (a list's item), or text of a multi-line value
        label = None
        if labels and match.group("id1"):
            keys = _keys_column(text, first, dash)
            after = text.find(item, match.end(), end)
            if keys is not None:
                label = _label(labels_re, text, first, end if after == -1 else after, dash, keys, LABELS[section])
        found.append(Skimmed(section, record_id, label))
    return found


def _keys_column(text: str, line: int, dash: int) -> int | None:
    """Where the keys of the record whose dash line starts at offset `line` (its newline) stand."""
    if line < 0:
        return None
    after_dash = line + 1 + dash + 1
    spaces = len(text[after_dash : after_dash + 16]) - len(text[after_dash : after_dash + 16].lstrip(" "))
    if not spaces or text.startswith(("{", "\n", "\r", "#"), after_dash + spaces):
        return None  # `- {...}`, or a dash alone on its line: its keys are not skimmed
    return dash + 1 + spaces


def _label(
    pattern: re.Pattern[str], text: str, start: int, end: int, dash: int, keys: int, names: tuple[str, ...]
) -> str | None:
    """The first of `names` with a one-line value (or a block scalar's first line) among the record's keys."""
    values: dict[str, str] = {}
    for match in pattern.finditer(text, start, end):
        lead = match.group("lead")
        if (lead.startswith("-") and match.start() != start) or (not lead.startswith("-") and dash + len(lead) != keys):
            continue
        value = match.group("value").strip()
        if value[:1] in ("|", ">"):  # a block scalar: its first line is label enough
            value = (match.group("next") or "").strip()
        else:
            value = _scalar(value)
        if value:
            values.setdefault(match.group("key"), value)
    return next((values[k] for k in names if k in values), None)


def _scalar(value: str) -> str:
    """A one-line scalar as written after `key:`, without its quotes or a trailing comment."""
    if value[:1] in "[{&*!":
        return ""
    quoted = _QUOTED.match(value)
    if quoted:
        return quoted.group(1) if quoted.group(1) is not None else quoted.group(2).replace("''", "'")
    if value[:1] in "\"'":
        return ""  # a quoted value that goes on to the next line
    return value.split(" #", 1)[0].strip()


def skim_store(root: Path, sections: tuple[str, ...], prefix: str = "", labels: bool = False) -> list[Skimmed]:
    """The records of the given sections in every store file, found by skimming (see above).

    Files are found and read as the loader finds and reads them (fsutil: only
    regular files inside the store); one that cannot be read is passed over.
    The first of two equal ids is kept, as the loader keeps it.
    """
    found: dict[tuple[str, str], Skimmed] = {}
    for item in walk_store(root):
        if isinstance(item, StoreFile):
            data = read_store_file(root, item)
            if isinstance(data, bytes):
                for record in skim(data.decode("utf-8", "replace"), sections, prefix, labels):
                    found.setdefault((record.section, record.id), record)
    return list(found.values())
