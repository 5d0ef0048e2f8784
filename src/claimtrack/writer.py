"""Records -> YAML text: the writer that pairs with loader.py.

Whatever this module writes, the loader reads back as the same values:
text comes back as the same string (the loader trims whitespace at both
ends of every value, so the writer trims it first), lists as the same
lists, nested fields as the same fields. The writer also keeps to the
store's own look: 2-space indents, `[a, b]` for short lists of words,
`>-` for long text wrapped at 80 columns; `detect_style` reads another
file's look (indent width, flush or indented lists, CRLF) so that a record
spliced into it matches.

How a piece of text is written, first that fits:
- plain (`Iran starts no wars`) when YAML reads it back as the same text,
  and other YAML tools read it as text too (`no`, `012`, `1e3`, `2020-04`,
  `null` are quoted, although claimtrack itself would read them as text);
- in single quotes (`'[sic] -- see: note'`), or in double quotes when the
  text holds a `'` and no `"`;
- in double quotes with escapes when it holds a character YAML cannot hold
  as is: a control character, a tab, a line or paragraph separator, a
  byte-order mark, a bidirectional-text control (which would reorder the
  file's text in an editor's view);
- long text as `>-` (folded at spaces), text of several lines as `|-` when
  its lines are short and `>-` otherwise, each only when it reads back
  exactly; else double quotes continued over lines with `\\`.

This module never imports yaml: the test suite reads everything it writes
through the loader (and PyYAML's own resolver) to prove the round trip.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import schema
from .model import PartialDate, Record
from .schema import Field, RecordSchema


@dataclass(frozen=True)
class Style:
    """How a file lays out its YAML; a record spliced into it follows the same."""

    indent: int = 2  # spaces per level of nesting
    seq_indent: bool = True  # `key:\n  - item` (True) or `key:\n- item` (False)
    newline: str = "\n"
    width: int = 80  # long text is wrapped to this many columns
    flow_lists: bool = True  # short lists of words as `[a, b]`
    dash_gap: int = 1  # spaces between a record's '-' and its first key (`-   id: a` has 3)

    @property
    def item_column(self) -> int:
        """The column of a record's '-' under its section key."""
        return self.indent if self.seq_indent else 0


class Token(str):
    """A word of the format (an id, a date, a vocabulary word), written plain.

    Free text such as `2020-04` is quoted so that every YAML tool reads it as
    text; a date field's `2020-04` is a date and is written as the store
    writes dates. A token that YAML could misread is still quoted.
    """

    __slots__ = ()


class UnwritableText(ValueError):
    """Text that no UTF-8 file can hold (a lone surrogate)."""


# --- what text needs -------------------------------------------------------

# Characters written only as double-quoted escapes: those YAML does not allow
# in a file (C0 and C1 controls, DEL, U+FFFE/U+FFFF), those it reads as
# line breaks (NEL, U+2028, U+2029) and tab, and the invisible ones that
# would change how the file looks or reads: a byte-order mark, zero-width
# space and word joiner, and the bidirectional controls.
_UNUSUAL = (
    "\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e\u2060\u2066-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff"
)
_NEEDS_ESCAPE = re.compile(f"[\x00-\x1f{_UNUSUAL}]")
# The same but the line feed: what block scalars (`|-`, `>-`) cannot hold.
_NOT_IN_BLOCK = re.compile(f"[\x00-\x09\x0b-\x1f{_UNUSUAL}]")
_SURROGATE = re.compile("[\ud800-\udfff]")

_NAMED_ESCAPES = {
    "\0": "\\0",
    "\x07": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}

# A plain scalar may not start with an indicator.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
# Inside [a, b] a plain item may not hold these at all: older libyaml ends a
# flow scalar at any ':', PyYAML at any '?'.
_FLOW_UNSAFE = re.compile(r"[,?\[\]{}:#]")
# Plain text that YAML 1.1 or 1.2 tools would read as something other than
# text: booleans (y and n too, as YAML 1.1 defines them), null, merge and
# value keys, infinities and NaN, and anything shaped like a number, a date
# or a time (quoting more of these than strictly needed costs nothing).
_TYPED = re.compile(
    r"""(?:
        [yYnN] | yes|Yes|YES | no|No|NO | true|True|TRUE | false|False|FALSE | on|On|ON | off|Off|OFF
      | ~ | null|Null|NULL | << | =
      | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)
      | [-+]?\.?[0-9][0-9a-zA-Z_:.+-]*
      | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9].*
    )\Z""",
    re.VERBOSE,
)
# Words the loader warns about when written plain, whatever the field (W-code
# YAML11_WORD): a token such as the rating `false` is quoted too.
_BOOLEAN_WORD = re.compile(r"(?:[yYnN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)\Z")
# Where folded text may break a line: a single space between two non-spaces.
_BREAK = re.compile(r"(?<=[^ ]) (?=[^ ])")


def clean(text: str) -> str:
    """The text as the loader will read it back: trimmed. Refuses lone surrogates."""
    match = _SURROGATE.search(text)
    if match:
        raise UnwritableText(
            f"the text holds U+{ord(match.group()):04X} at position {match.start() + 1}, which is not a "
            "character and cannot be saved as UTF-8 (was it typed or piped in another encoding?)"
        )
    return text.strip()


def _plain_ok(text: str, flow: bool, token: bool) -> bool:
    return not (
        not text
        or text[0] in _INDICATORS
        or text != text.strip()
        or text.endswith(":")
        or ": " in text
        or " #" in text
        or _NEEDS_ESCAPE.search(text)
        or (flow and _FLOW_UNSAFE.search(text))
        or (not token and _TYPED.match(text))
        or (token and _BOOLEAN_WORD.match(text))
    )


def _escape(char: str) -> str:
    named = _NAMED_ESCAPES.get(char)
    if named:
        return named
    if _NEEDS_ESCAPE.match(char):
        code = ord(char)
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"
    return char


def double_quoted(text: str) -> str:
    return '"' + "".join(map(_escape, text)) + '"'


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scalar(text: str, *, flow: bool = False, token: bool = False) -> str:
    """Text as one line of YAML: plain when safe, else single, else double quotes.

    `flow` is for an item of `[a, b]`; `token` for a word of the format
    (see Token), which need not be quoted for looking like a number or date.
    The text is written as given: trim it first (`clean`) to match the loader.
    """
    if not text:
        return '""'
    if _plain_ok(text, flow, token):
        return text
    if _NEEDS_ESCAPE.search(text) or ("'" in text and '"' not in text):
        return double_quoted(text)
    return single_quoted(text)


def flow_list(items: Sequence[Any]) -> str:
    """`[a, b, "c, d"]`: a list of words or ids on one line."""
    texts = (_text_of(item) for item in items)
    return "[" + ", ".join(scalar(text, flow=True, token=token) for text, token in texts) + "]"


# --- values ----------------------------------------------------------------


def _text_of(value: Any) -> tuple[str, bool]:
    """(text, is a token) for a scalar value."""
    if isinstance(value, Token):
        return clean(value), True
    if isinstance(value, str):
        return clean(value), False
    if isinstance(value, PartialDate):
        return value.text, True
    if isinstance(value, _dt.date):
        return value.isoformat(), True
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), True
    raise TypeError(f"cannot write a {type(value).__name__} as a field value: {value!r}")


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, PartialDate, _dt.date, int)) and not isinstance(value, bool)


def _is_empty(value: Any) -> bool:
    """No value to write: None, blank text (the loader reads it as absent), an empty list or mapping."""
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, (Mapping, list, tuple)) and not value)


# --- text over several lines -----------------------------------------------


def _block_ok(text: str, folded: bool) -> bool:
    """Whether `|-` (or `>-` when folded) reads back exactly this text."""
    if not text or text[0] == " " or _NOT_IN_BLOCK.search(text):
        return False
    for line in text.split("\n"):
        # Trailing spaces would be kept but are invisible, and editors strip
        # them; a folded line starting with a space is not folded.
        if line.endswith(" ") or (folded and line.startswith(" ")):
            return False
    return True


def _wrap(paragraph: str, room: int) -> list[str]:
    """Cut a paragraph at single spaces into lines of at most room columns where possible."""
    if len(paragraph) <= room:
        return [paragraph]
    breaks = [m.start() for m in _BREAK.finditer(paragraph)]
    lines = []
    start = 0
    for i, at in enumerate(breaks):
        following = breaks[i + 1] if i + 1 < len(breaks) else len(paragraph)
        if following - start > room and at > start:
            lines.append(paragraph[start:at])
            start = at + 1
    lines.append(paragraph[start:])
    return lines


def _folded_lines(text: str, room: int) -> list[str]:
    # In `>-` a single line break reads as a space and each empty line as a
    # newline, so a newline in the text becomes one empty line.
    lines: list[str] = []
    for i, paragraph in enumerate(text.split("\n")):
        if i:
            lines.append("")
        if paragraph:
            lines.extend(_wrap(paragraph, room))
    return lines


def _double_lines(text: str, first: str, pad: str, width: int) -> list[str]:
    """Double-quoted text continued over lines: a line ending in '\\' joins the next without a space.

    Lines are cut after a space where one is near, else anywhere between two
    characters; an escape is never cut. A continuation line's leading spaces
    would not be content, so a space that starts one is written as an escape.
    A line break in the text also ends a line of the file.
    """
    lines: list[str] = []
    head = first + '"'
    line: list[str] = []  # the escaped characters on the current line
    used = len(head)

    def cut(at: int) -> None:
        nonlocal head, line, used
        lines.append(head + "".join(line[:at]) + "\\")
        head, line = pad, line[at:]  # never starts with a space: cuts fall after the last one
        used = len(head) + sum(map(len, line))

    pieces = [_escape(char) for char in text]
    for i, piece in enumerate(pieces):
        if line and used + len(piece) + 1 > width:
            spaces = [k for k in range(len(line) // 2, len(line)) if line[k] == " "]
            cut(spaces[-1] + 1 if spaces else len(line))
        if not line and head == pad and piece == " ":
            piece = "\\ "
        line.append(piece)
        used += len(piece)
        if piece == "\\n" and i + 1 < len(pieces):
            cut(len(line))
    lines.append(head + "".join(line) + '"')
    return lines


def scalar_lines(prefix: str, value: Any, content_column: int, style: Style) -> list[str]:
    """`prefix value` as lines: prefix is `key:` or `-` at its indentation.

    Block scalars and continuation lines are indented to content_column.
    """
    text, token = _text_of(value)
    one = scalar(text, token=token)
    multiline = "\n" in text
    if not multiline and len(prefix) + 1 + len(one) <= style.width:
        return [f"{prefix} {one}"]
    pad = " " * content_column
    room = style.width - content_column
    if multiline:
        literal = _block_ok(text, folded=False)
        if literal and all(len(line) <= room for line in text.split("\n")):
            return [f"{prefix} |-", *_indent(text.split("\n"), pad)]
        if _block_ok(text, folded=True):
            return [f"{prefix} >-", *_indent(_folded_lines(text, room), pad)]
        if literal:
            return [f"{prefix} |-", *_indent(text.split("\n"), pad)]
    elif _block_ok(text, folded=True):
        folded = _folded_lines(text, room)
        if len(folded) > 1 or len(folded[0]) <= room:
            return [f"{prefix} >-", *_indent(folded, pad)]
    if not one.startswith('"'):
        return [f"{prefix} {one}"]  # one long word, a URL say: no place to break it
    return _double_lines(text, f"{prefix} ", pad, style.width)


def _indent(lines: list[str], pad: str) -> list[str]:
    return [pad + line if line else "" for line in lines]


# --- fields and records ----------------------------------------------------


def _key(name: str) -> str:
    return scalar(name)


def field_lines(key: str, value: Any, style: Style, column: int) -> list[str]:
    """The lines of one field, `key: value`, with the key at column (no line endings).

    Values: text (str; Token for ids, dates and vocabulary words), a date,
    a list of those, a mapping of fields, or a list of mappings. Within a
    mapping, fields with no value (None, blank text, an empty list or
    mapping) are left out.
    """
    pad = " " * column
    head = f"{pad}{_key(key)}:"
    if isinstance(value, Mapping):
        return [head, *mapping_lines(value, style, column + style.indent)]
    if isinstance(value, (list, tuple)):
        items = [item for item in value if item is not None]
        item_column = column + (style.indent if style.seq_indent else 0)
        if all(_is_scalar(item) for item in items):
            if style.flow_lists:
                flow = flow_list(items)
                if len(head) + 1 + len(flow) <= style.width:
                    return [f"{head} {flow}"]
            lines = [head]
            for item in items:
                lines += scalar_lines(" " * item_column + "-", item, item_column + style.indent, style)
            return lines
        lines = [head]
        for item in items:
            if not isinstance(item, Mapping):
                raise TypeError(f"'{key}' mixes mappings with other values: {item!r}")
            lines += item_lines(item, style, item_column)
        return lines
    return scalar_lines(head, value, column + style.indent, style)


def mapping_lines(fields: Mapping[str, Any], style: Style, column: int) -> list[str]:
    """A block mapping's fields, in the order given, keys at column."""
    lines: list[str] = []
    for key, value in fields.items():
        if not _is_empty(value):
            lines += field_lines(key, value, style, column)
    return lines


def item_lines(fields: Mapping[str, Any], style: Style, column: int, key_column: int | None = None) -> list[str]:
    """A mapping as a list item: `- first: ...` with the dash at column, the other keys under first.

    The keys start at key_column (default: two after the dash), so that an
    item added to a file written `-   key: ...` lines up with its neighbours.
    """
    key_column = column + 1 + style.dash_gap if key_column is None else max(key_column, column + 2)
    lines = mapping_lines(fields, style, key_column)
    if not lines:
        return [" " * column + "- {}"]
    lines[0] = " " * column + "-" + " " * (key_column - column - 1) + lines[0][key_column:]
    return lines


def join(lines: Sequence[str], style: Style) -> str:
    """Lines as text in the style's line ending, each line ended."""
    return "".join(line + style.newline for line in lines)


def record_text(fields: Mapping[str, Any], style: Style | None = None, column: int | None = None) -> str:
    """A record as the text of one list item of its section, ending in a line ending."""
    style = style or Style()
    return join(item_lines(fields, style, style.item_column if column is None else column), style)


def field_text(key: str, value: Any, style: Style | None = None, column: int = 0) -> str:
    """One field's lines, to add to a record or replace a field of it."""
    style = style or Style()
    return join(field_lines(key, value, style, column), style)


def section_text(section: str, records: Sequence[Mapping[str, Any]], style: Style | None = None) -> str:
    """A new section (`claims:` and its records, a blank line between records)."""
    style = style or Style()
    parts = [join([f"{section}:"], style)]
    for i, record in enumerate(records):
        if i:
            parts.append(style.newline)
        parts.append(record_text(record, style))
    return "".join(parts)


# --- records by their schema ----------------------------------------------
# One emitter per field kind: each turns a value of that kind into what the
# generic emitters above write (a Token where the format wants a bare word).


def _date_token(value: Any) -> Token:
    if isinstance(value, PartialDate):
        return Token(value.text)
    if isinstance(value, _dt.date):
        return Token(value.isoformat())
    return Token(PartialDate.parse(str(value).strip()).text)  # ValueError for a bad date


def _words(value: Any) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


FIELD_EMITTERS: dict[str, Callable[[Field, Any], Any]] = {
    schema.ID: lambda spec, value: Token(value),
    schema.TEXT: lambda spec, value: value,
    schema.DATE: lambda spec, value: _date_token(value),
    schema.WORDS: lambda spec, value: _words(value),
    schema.IDS: lambda spec, value: [Token(item) for item in _words(value)],
    schema.CHOICE: lambda spec, value: Token(value),
    schema.RECORD: lambda spec, value: record_fields(_nested(spec), value),
    schema.RECORDS: lambda spec, value: [record_fields(_nested(spec), item) for item in value],
}


def _nested(spec: Field) -> RecordSchema:
    assert spec.nested is not None, spec.name
    return spec.nested


_RECORD_BASE = frozenset(f.name for f in dataclasses.fields(Record))  # where it was read, not what it says


def values_of(record: Record) -> dict[str, Any]:
    """A loaded record's fields, without those left at the model's default (a
    speaker's `kind: person` is not written unless it was given)."""
    values = {}
    for f in dataclasses.fields(record):
        if f.name in _RECORD_BASE:
            continue
        value = getattr(record, f.name)
        if f.default is not dataclasses.MISSING and value == f.default:
            continue
        values[f.name] = value
    return values


def record_fields(rs: RecordSchema, values: Mapping[str, Any] | Record) -> dict[str, Any]:
    """A record's values in its schema's order, each made ready by its kind's emitter.

    values is a mapping of field names (keys starting with 'x-' are the
    user's own and come last, as text) or a loaded record. A field the
    schema does not know is a ValueError: it would not load back.
    """
    if isinstance(values, Record):
        values = values_of(values)
    unknown = [name for name in values if rs.field(name) is None and not name.startswith("x-")]
    if unknown:
        raise ValueError(
            f"{rs.kind} has no field {', '.join(map(repr, unknown))}; its fields are {', '.join(rs.names)}"
        )
    ready: dict[str, Any] = {}
    for spec in rs.fields:
        value = values.get(spec.name)
        if not _is_empty(value):
            ready[spec.name] = FIELD_EMITTERS[spec.kind](spec, value)
    ready.update((name, value) for name, value in values.items() if name.startswith("x-"))
    return ready


def record_of(rs: RecordSchema, values: Mapping[str, Any] | Record, style: Style | None = None) -> str:
    """A speaker, source or claim as the text of one list item of its section."""
    return record_text(record_fields(rs, values), style)


# --- reading a file's style ------------------------------------------------

_OPENER = re.compile(r"[^#'\"\s][^#]*:[ \t]*(?:#.*)?\Z")  # `key:` with nothing after it but a comment
_LEAD = re.compile(r" *(?:-[ ]+)*")  # indentation, and the dashes of list items on the same line


def detect_style(text: str, width: int = 80) -> Style:
    """The layout of an existing file: line ending, indent width, flush or indented lists, `- key` or `-   key`.

    Read from each `key:` line that opens a block and the first line under
    it: the most common step wins; the defaults stand where the file shows
    nothing (an empty file). Lists of words are written `[a, b]` unless the
    file writes more of them as blocks of `- a` lines.
    """
    first_break = text.find("\n")
    newline = "\r\n" if first_break > 0 and text[first_break - 1] == "\r" else "\n"
    lines = [line.rstrip("\r") for line in text.split("\n")]
    lines = [line for line in lines if line.strip() and not line.lstrip().startswith("#")]
    steps: Counter[int] = Counter()
    lists: Counter[bool] = Counter()  # dash indented under its key (True) or flush (False)
    word_lists = {"flow": 0, "block": 0}
    gaps = Counter(len(m[1]) for line in lines if (m := re.match(r" *-( +)[^\s#'\"-][^#]*:([ \t]|\Z)", line)))
    for line, following in zip(lines, lines[1:], strict=False):
        key_column = _LEAD.match(line).end()  # type: ignore[union-attr]
        rest = line[key_column:]
        if re.match(r"[^#'\"\s][^#]*:[ \t]+\[", rest):
            word_lists["flow"] += 1
        if not _OPENER.match(rest):
            continue
        column = len(following) - len(following.lstrip(" "))
        body = following[column:]
        if body.startswith("- ") or body == "-":
            lists[column > key_column] += 1
            if not re.match(r"-[ ]+[^#'\"\s][^#]*:([ \t]|\Z)", body):
                word_lists["block"] += 1
        if column > key_column:
            steps[column - key_column] += 1
    indent = min(steps, key=lambda k: (-steps[k], k)) if steps else 2
    return Style(
        indent=indent,
        seq_indent=lists[True] >= lists[False],
        newline=newline,
        width=width,
        flow_lists=word_lists["flow"] >= word_lists["block"],
        dash_gap=min(gaps, key=lambda k: (-gaps[k], k)) if gaps else 1,
    )
