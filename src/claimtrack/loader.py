"""The only place that parses YAML: one file's text in, records and problems out.

We compose YAML into nodes with libyaml and build records from the nodes
ourselves, rather than letting PyYAML construct Python values, because:

- nodes carry the line and column of every key and value;
- two equal keys in one mapping are visible (PyYAML keeps the last silently);
- no YAML 1.1 implicit typing happens: `no` stays the text the user wrote
  instead of becoming False, and `2020-13-45` is a bad date we can report
  instead of an exception from PyYAML's timestamp constructor.

Loading is a pure function of (display path, text), so a later cache can key
on each file and replay both records and diagnostics.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import codes, schema
from .codes import Code
from .errors import Diagnostic, Location
from .fuzzy import closest, fold
from .model import DATE_HINT, ID_RE, VERDICT_RATINGS, Claim, PartialDate, Reference, Source, Speaker, id_hint
from .scales import foreign_rating_hint
from .schema import SECTIONS, TOP_LEVEL_KEYS, Field, RecordSchema
from .textsafe import QUOTE_LIMIT, clip

_STR_TAG = "tag:yaml.org,2002:str"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MAP_TAG = "tag:yaml.org,2002:map"
_DEFAULT_TAGS = {ScalarNode: _STR_TAG, SequenceNode: _SEQ_TAG, MappingNode: _MAP_TAG}


class _NodeLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
    """libyaml's parser with YAML 1.1 implicit typing switched off."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]


_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Words YAML 1.1 reads as booleans; other YAML tools would see True/False.
_YAML11_BOOLS = frozenset(
    w for base in ("yes", "no", "on", "off", "true", "false") for w in (base, base.capitalize(), base.upper())
)


# --- field types -----------------------------------------------------------
# A field reader takes (node, ctx) and returns a value, or _INVALID after
# reporting why through ctx.


class _Invalid:
    pass


_INVALID: Any = _Invalid()


def _plain_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value in _NULLS


def _scalar_text(node: Node, ctx: _Ctx, what: str, free: bool = False, item: bool = False) -> str | None:
    """The scalar's text as written, or None (reported) when the node is not a scalar.

    free: the field holds free text (not an id, date or word of a vocabulary);
    item: the node is an item of a list. Both only shape the hint."""
    if not isinstance(node, ScalarNode):
        hint = _one_value_hint(node, ctx, what, free, item)
        ctx.report(codes.WRONG_TYPE, node, f"{what} must be text, not {_describe(node)}", hint=hint)
        return None
    if not node.style and node.value in _YAML11_BOOLS:
        ctx.report(
            codes.YAML11_WORD,
            node,
            f"'{node.value}' in {what} is a word that YAML 1.1 tools read as a boolean",
            hint=f'claimtrack reads it as text; quote it ("{node.value}") so every tool agrees',
        )
    return node.value.strip()


def read_text(node: Node, ctx: _Ctx, what: str) -> Any:
    text = _scalar_text(node, ctx, what, free=True)
    return _INVALID if text is None else text


def read_id(node: Node, ctx: _Ctx, what: str) -> Any:
    text = _scalar_text(node, ctx, what)
    if text is None:
        return _INVALID
    if not ID_RE.match(text):
        ctx.report(codes.BAD_ID, node, f"{what} '{clip(text)}' is not a valid id", hint=id_hint(text))
        return _INVALID
    return text


def read_date(node: Node, ctx: _Ctx, what: str) -> Any:
    text = _scalar_text(node, ctx, what)
    if text is None:
        return _INVALID
    try:
        return PartialDate.parse(text)
    except ValueError as exc:
        ctx.report(codes.BAD_DATE, node, f"{what} '{clip(text)}' {exc}", hint=DATE_HINT)
        return _INVALID


def read_text_list(node: Node, ctx: _Ctx, what: str) -> Any:
    if isinstance(node, ScalarNode):
        # `tags: iraq` means a list of one; accepting it loses nothing. `tags: ''`
        # is blank text, which counts as absent as in any text field.
        text = _scalar_text(node, ctx, what, free=True)
        return _INVALID if text is None else (text,) if text else ""
    if not isinstance(node, SequenceNode):
        hint = _list_of_hint(node, what, "first, second")
        ctx.report(codes.WRONG_TYPE, node, f"{what} must be a list of text, not {_describe(node)}", hint=hint)
        return _INVALID
    items = []
    for item in node.value:
        if _holds_nothing(item, ctx, what, "text"):
            continue
        text = _scalar_text(item, ctx, what, free=True, item=True)
        if text is not None:
            items.append(text)
    return tuple(items)


def _holds_nothing(item: Node, ctx: _Ctx, what: str, noun: str) -> bool:
    """Whether a list's item holds nothing, and is left out.

    `~` or no value at all is absent, as a field is. Blank text ('' or '  ')
    is a value without its text, so it is reported (E104, as an empty required
    field is): an empty tag or alias would otherwise be kept, and an empty
    alias would make '' a name of that speaker."""
    if _plain_null(item):
        return True
    if isinstance(item, ScalarNode) and not item.value.strip():
        key = what.split()[-1]
        hint = f"remove the empty item from {key}, or write the {noun} it was meant to hold"
        ctx.report(codes.MISSING_FIELD, item, f"{what} has an empty item", hint=hint)
        return True
    return False


def read_choice(node: Node, ctx: _Ctx, what: str, words: tuple[str, ...]) -> Any:
    text = _scalar_text(node, ctx, what)
    if text is None:
        return _INVALID
    if text not in words:
        # Another scale's word is mapped, not fuzzily matched: 'half-true' is not 'true'.
        foreign = foreign_rating_hint(text) if words == VERDICT_RATINGS else None
        ctx.report(
            codes.VOCABULARY,
            node,
            f"{what} '{clip(text)}' is not one of: {', '.join(words)}",
            hint=foreign or _closest_hint(text, words),
        )
        return _INVALID
    return text


# How each kind of field in schema.py is read from its node.
READERS: dict[str, Callable[[Node, _Ctx, str], Any]] = {
    schema.ID: read_id,
    schema.TEXT: read_text,
    schema.DATE: read_date,
    schema.WORDS: read_text_list,
}


def _read_ids(spec: Field, node: Node, ctx: _Ctx, what: str) -> Any:
    """A list of ids of other records, each kept as a reference at its own place (a single id is a list of one)."""
    assert spec.refers_to is not None  # schema.IDS: the ids name records
    if isinstance(node, ScalarNode):
        if not node.value.strip():
            return ""  # blank, as `members: ''`: absent, as blank text is
        items = [node]
    elif isinstance(node, SequenceNode):
        items = node.value
    else:
        hint = _list_of_hint(node, what, "first-id, second-id")
        ctx.report(codes.WRONG_TYPE, node, f"{what} must be a list of ids, not {_describe(node)}", hint=hint)
        return _INVALID
    ids = []
    for item in items:
        if _holds_nothing(item, ctx, what, "id"):
            continue
        value = _read_reference(spec, item, ctx, what, item=True)
        if value is not _INVALID:
            ids.append(value)
            ref = Reference(spec.refers_to, value, Location(ctx.path, *_pos(item)), spec.label or spec.name)
            ctx.references.append(ref)
    return tuple(ids)


def _read_reference(spec: Field, node: Node, ctx: _Ctx, what: str, item: bool = False) -> Any:
    """An id that names another record. A malformed one is kept as a reference and
    reported by checks.py, which knows the store: `speaker: Peskov` is then named
    as the alias of speaker 'dmitry-peskov' instead of getting a slug to try."""
    text = _scalar_text(node, ctx, what, item=item)
    if text is None:
        return _INVALID
    if not ID_RE.match(text):
        assert spec.refers_to is not None
        problem = f"{what} '{clip(text)}' is not a valid id"
        ref = Reference(spec.refers_to, text, Location(ctx.path, *_pos(node)), spec.label or spec.name, problem)
        ctx.references.append(ref)
        return _INVALID
    return text


def _reader_for(spec: Field) -> Callable[[Node, _Ctx, str], Any]:
    """The function that reads one field's node, chosen once per field of the schema."""
    if spec.kind == schema.ID and spec.refers_to:
        return lambda node, ctx, what: _read_reference(spec, node, ctx, what)
    if spec.kind == schema.IDS:
        return lambda node, ctx, what: _read_ids(spec, node, ctx, what)
    if spec.kind == schema.CHOICE:
        choices = spec.choices
        return lambda node, ctx, what: read_choice(node, ctx, what, choices)
    nested = spec.nested
    if spec.kind == schema.RECORD:
        assert nested is not None

        def read_nested(node: Node, ctx: _Ctx, what: str) -> Any:
            value = _read_record(node, nested, ctx, what)
            return _INVALID if value is None else value

        return read_nested
    if spec.kind == schema.RECORDS:
        assert nested is not None
        return lambda node, ctx, what: _read_list(node, nested, ctx, what)
    return READERS[spec.kind]


# --- the walk --------------------------------------------------------------


@dataclass
class ParsedFile:
    """What one file holds: its records in file order, and its problems."""

    path: str
    speakers: list[Speaker] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Where each record lies in the text (loader_splice.Layout), when asked for and the file is
    # clean: what lets the next parse of the file, once changed, read only the records that
    # changed. Not part of what the file holds, so not compared.
    layout: Any = field(default=None, compare=False, repr=False)


class _Ctx:
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self._lines: list[str] | None = None
        self.diagnostics: list[Diagnostic] = []
        self.references: list[Reference] = []
        # YAML aliases let one node stand in many places (200,000 `*bad` in a
        # file): each node is read as a record once, and each problem said once.
        self.records: dict[tuple[int, str, str], Any] = {}
        self._said: set[tuple[str, int, int, str]] = set()

    def line_text(self, line: int) -> str | None:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return None

    def report_at(self, code: Code, line: int, column: int, message: str, hint: str | None = None) -> None:
        said = (code.code, line, column, message)
        if said in self._said:
            return
        self._said.add(said)
        self.diagnostics.append(code.at(Location(self.path, line, column), message, hint, self.line_text(line)))

    def report(self, code: Code, node: Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.report_at(code, mark.line + 1, mark.column + 1, message, hint)


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"'{clip(node.value)}'"


def _pos(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


def _pairs(node: MappingNode, ctx: _Ctx, where: str, rs: RecordSchema | None) -> list[tuple[str, Node, Node]]:
    """The (key, key node, value node) pairs of a mapping, first of equal keys kept.

    rs: the kind of record the mapping is (None: the file's top level), whose keys the hint to a key
    that is not a word lists."""
    seen: dict[str, Node] = {}
    pairs: list[tuple[str, Node, Node]] = []
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            label, names = (f"{rs.kind} fields are", rs.names) if rs else ("top-level keys are", TOP_LEVEL_KEYS)
            hint = "write the key as a plain name before its ':', without brackets or braces"
            ctx.report(
                codes.WRONG_TYPE,
                key_node,
                f"a key in {where} must be a plain word, not {_describe(key_node)}",
                hint=f"{hint}; {label}: {', '.join(names)}",
            )
            continue
        key = key_node.value
        first = seen.get(key)
        if first is not None:
            line = first.start_mark.line + 1
            ctx.report(
                codes.DUPLICATE_KEY,
                key_node,
                f"'{clip(key)}' is given twice in {where} (first on line {line}); the first is used",
                hint="remove or merge one of them: YAML keeps only one value per key",
            )
            continue
        seen[key] = key_node
        pairs.append((key, key_node, value_node))
    return pairs


def _read_record(node: Node, rs: RecordSchema, ctx: _Ctx, where: str) -> Any:
    key = (id(node), rs.kind, where)
    if key not in ctx.records:
        ctx.records[key] = _build_record(node, rs, ctx, where)
    return ctx.records[key]


def _build_record(node: Node, rs: RecordSchema, ctx: _Ctx, where: str) -> Any:
    if not isinstance(node, MappingNode):
        first = rs.required[0] if rs.required else rs.names[0]
        ctx.report(
            codes.WRONG_TYPE,
            node,
            f"{where} must be a mapping of fields, not {_describe(node)}",
            hint=f"write it as fields, e.g. {{{first}: ...}}; {rs.kind} fields are: {', '.join(rs.names)}",
        )
        return None
    line, column = _pos(node)
    values: dict[str, Any] = {}
    positions: dict[str, tuple[int, int]] = {}
    empty: set[str] = set()
    fields = _fields_of(rs)
    record_id = None
    invalid = False
    for key, key_node, value_node in _pairs(node, ctx, f"this {rs.kind}", rs):
        planned = fields.get(key)
        if planned is None:
            if not key.startswith("x-"):
                ctx.report(
                    codes.UNKNOWN_FIELD,
                    key_node,
                    "merge keys (<<) are not supported; write the fields out"
                    if key == "<<"
                    else f"unknown field '{clip(key)}' in {rs.kind}",
                    hint=_closest_hint(key, rs.names, "fields are") + "; keys starting with 'x-' are yours and ignored",
                )
            continue
        if _plain_null(value_node):
            continue
        read, refers_to, label = planned
        value = read(value_node, ctx, f"{rs.kind} {key}")
        if value is _INVALID:
            values[key] = _INVALID
            invalid = True
            continue
        if value == "":
            # Blank text counts as absent: a required field is then reported as empty.
            empty.add(key)
            continue
        if key == "id":
            record_id = value
        values[key] = value
        positions[key] = pos = _pos(value_node)
        if refers_to:
            ctx.references.append(Reference(refers_to, value, Location(ctx.path, *pos), label))
    complete = True
    for key in rs.required:
        if key not in values:
            complete = False
            name = f"{rs.kind} '{record_id}'" if record_id else f"this {rs.kind}"
            ctx.report_at(
                codes.MISSING_FIELD,
                line,
                column,
                f"{name} has no '{key}'" if key not in empty else f"{name} has an empty '{key}'",
                hint=f"every {rs.kind} needs: {', '.join(rs.required)}",
            )
        elif values[key] is _INVALID:
            complete = False
    if rs.one_of and not any(k in values for k in rs.one_of):
        complete = False
        ctx.report_at(
            codes.APPEARANCE_UNNAMED,
            line,
            column,
            f"this {rs.kind} names neither a {' nor a '.join(rs.one_of)}",
            hint="give " + ", ".join(f"'{k}: ...'" for k in rs.one_of) + " or both",
        )
    if not complete:
        return None
    if invalid:
        values = {k: v for k, v in values.items() if v is not _INVALID}
    return rs.record(path=ctx.path, line=line, column=column, positions=positions, **values)


# Per field: its reader, and the kind of record and the label of the reference it holds, if it is one.
_Plan = tuple[Callable[[Node, _Ctx, str], Any], str | None, str]
_FIELDS: dict[str, dict[str, _Plan]] = {}


def _fields_of(rs: RecordSchema) -> dict[str, _Plan]:
    """A record kind's fields by name with their readers, built once per kind: this runs for every record."""
    fields = _FIELDS.get(rs.kind)
    if fields is None:
        fields = _FIELDS[rs.kind] = {
            # IDS fields record each of their references as they read them.
            f.name: (_reader_for(f), f.refers_to if f.kind == schema.ID else None, f.label or f.name)
            for f in rs.fields
        }
    return fields


def _read_list(node: Node, rs: RecordSchema, ctx: _Ctx, what: str) -> Any:
    if isinstance(node, MappingNode):
        # A single entry written without the leading dash: accept it as a list of one.
        items = [node]
    elif isinstance(node, SequenceNode):
        items = node.value
    else:
        hint = _list_hint(what, node, rs)
        ctx.report(codes.WRONG_TYPE, node, f"{what} must be a list of mappings, not {_describe(node)}", hint=hint)
        return _INVALID
    records = []
    for item in items:
        record = _read_record(item, rs, ctx, what)
        if record is not None:
            records.append(record)
    return tuple(records)


def parse_text(path: str, text: str) -> ParsedFile:
    """Build the records of one file's text. Never raises on bad input."""
    return parse_with_items(path, text)[0]


@dataclass(frozen=True)
class Items:
    """Where a clean file's records begin, for loader_splice: per section in file order, its
    name, the column of its items' dashes and the line (0-based) of each item's dash; and the
    line of every top-level key."""

    sections: tuple[tuple[str, int, tuple[int, ...]], ...]
    keys: tuple[int, ...]


def parse_with_items(path: str, text: str) -> tuple[ParsedFile, Items | None]:
    """parse_text, and where the file's records begin when every record is a mapping begun on its
    dash's line, and the file has no problem (else None)."""
    text = text.removeprefix("\ufeff")  # a byte-order mark is not content
    parsed, root = _parse_nodes(path, text)
    if root is None or parsed.diagnostics:
        return parsed, None
    items = _items_of(root, text)
    if items is not None and any(len(getattr(parsed, name)) != len(lines) for name, _, lines in items.sections):
        return parsed, None  # a record not made, without a problem of the file's (an id that is no id: checks.py says)
    return parsed, items


def _items_of(root: MappingNode, text: str) -> Items | None:
    lines = text.split("\n")
    sections = []
    for key_node, value_node in root.value:
        if key_node.value not in SECTIONS or _plain_null(value_node):
            continue  # (an x- key, or an empty section: lines between records)
        if not isinstance(value_node, SequenceNode):
            return None  # (one record without a dash; a list in brackets fails _item_lines: no dashes)
        indent = value_node.start_mark.column
        starts = _item_lines(value_node, indent, lines)
        if starts is None:
            return None
        sections.append((key_node.value, indent, starts))
    return Items(tuple(sections), tuple(key_node.start_mark.line for key_node, _ in root.value))


def _item_lines(node: SequenceNode, indent: int, lines: list[str]) -> tuple[int, ...] | None:
    """The line of each item's dash, when each item is a mapping begun on its dash's line (in braces
    or not: what an item holds is closed within its lines either way)."""
    starts = []
    for item in node.value:
        line = item.start_mark.line
        if not isinstance(item, MappingNode) or not is_item_line(lines[line], indent):
            return None
        starts.append(line)
    return tuple(starts)


def is_item_line(line: str, indent: int) -> bool:
    """Whether the line begins an item of a block list whose dashes are at column indent."""
    return line.startswith(" " * indent + "- ")


def read_items(
    path: str, text: str, section: str, indent: int
) -> tuple[list[Any], list[Reference], tuple[int, ...]] | None:
    """The records of a run of items of a section, given as a text of their own (loader_splice:
    the lines of a file that changed, after as many blank lines as come before them there):
    their records, their references, and the line of each one's dash. None unless the text is a list of
    mappings, each begun on a dash at that column, read without a problem."""
    ctx = _Ctx(path, text)
    try:
        node = yaml.compose(text, Loader=_NodeLoader)
    except (yaml.YAMLError, UnicodeEncodeError):
        return None
    if not isinstance(node, SequenceNode):
        return None
    starts = _item_lines(node, indent, text.split("\n"))
    if starts is None:
        return None
    rs = SECTIONS[section]
    records = [_read_record(item, rs, ctx, section) for item in node.value]
    if ctx.diagnostics or any(record is None for record in records):
        return None
    return records, ctx.references, starts


def _parse_nodes(path: str, text: str) -> tuple[ParsedFile, MappingNode | None]:
    """The file's records and problems, and its top-level mapping when it is one."""
    ctx = _Ctx(path, text)
    parsed = ParsedFile(path)
    try:
        # libyaml composes in C: nesting past its limit (1000) is a marked error, never a RecursionError.
        root = yaml.compose(text, Loader=_NodeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(p for p in (exc.context, exc.problem) if p)
        # libyaml's messages do not name the tab ("found character that cannot start any token"): the line does.
        tabbed = "\t" in (ctx.line_text(line) or "")
        hint = "indent with spaces, not tabs" if tabbed else _yaml_hint(message)
        ctx.report_at(codes.YAML_SYNTAX, line, column, f"not valid YAML: {message}", hint=hint)
        parsed.diagnostics = ctx.diagnostics
        return parsed, None
    except yaml.YAMLError as exc:  # ReaderError: a character YAML does not allow
        line, column = _offset_to_pos(text, getattr(exc, "position", 0))
        reason = getattr(exc, "reason", str(exc))
        ctx.report_at(
            codes.YAML_SYNTAX,
            line,
            column,
            f"not valid YAML: {reason}",
            hint='write control characters as escapes inside double quotes, e.g. "\\e" or "\\x07"',
        )
        parsed.diagnostics = ctx.diagnostics
        return parsed, None
    except UnicodeEncodeError as exc:
        # A lone surrogate, which libyaml cannot be given as UTF-8. No file
        # holds one (parse_bytes decodes strictly), but text from elsewhere
        # may: bytes that are not UTF-8 decoded with 'surrogateescape', as
        # Python decodes a command line's or a file name's.
        line, column = _end_of(text[: exc.start])
        ctx.report_at(
            codes.UNREADABLE,
            line,
            column,
            f"not UTF-8 text: U+{ord(text[exc.start]):04X} is half of a surrogate pair, not a character",
            hint="it stands for a byte that is not UTF-8 (typed or piped in another encoding?):"
            " write the text as UTF-8",
        )
        parsed.diagnostics = ctx.diagnostics
        return parsed, None
    if root is None or _plain_null(root):
        return parsed, None  # an empty file is allowed
    if not isinstance(root, MappingNode):
        ctx.report(
            codes.NOT_A_MAPPING,
            root,
            f"the file must be a mapping with speakers:, sources: or claims:, not {_describe(root)}",
            hint="start the file with 'claims:' and list the claims below it",
        )
        parsed.diagnostics = ctx.diagnostics
        return parsed, None
    for key, key_node, value_node in _pairs(root, ctx, "the file", None):
        section = SECTIONS.get(key)
        if section is None:
            if not key.startswith("x-"):
                ctx.report(
                    codes.UNKNOWN_TOP_KEY,
                    key_node,
                    f"unknown top-level key '{clip(key)}'",
                    hint=_closest_hint(key, TOP_LEVEL_KEYS, "top-level keys are")
                    + "; keys starting with 'x-' are yours and ignored",
                )
            continue
        if _plain_null(value_node):
            continue
        records = _read_list(value_node, section, ctx, key)
        if records is not _INVALID:
            getattr(parsed, key).extend(records)
    parsed.diagnostics = ctx.diagnostics
    parsed.references = ctx.references
    return parsed, root


def parse_bytes(path: str, data: bytes) -> ParsedFile:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        # Columns count characters, as editors do, not the bytes before the bad one.
        column = len(data[line_start : exc.start].decode("utf-8", "replace")) + 1
        parsed = ParsedFile(path)
        parsed.diagnostics.append(
            codes.UNREADABLE.at(
                Location(path, line, column),
                f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be decoded",
                "save the file as UTF-8",
            )
        )
        return parsed
    return parse_text(path, text)


# --- hints -----------------------------------------------------------------


def _offset_to_pos(text: str, offset: int) -> tuple[int, int]:
    # libyaml counts the offset in UTF-8 bytes of the text it was given.
    return _end_of(text.encode("utf-8")[:offset].decode("utf-8", "ignore"))


def _end_of(head: str) -> tuple[int, int]:
    """The line and column of the character just after head, the text before it."""
    line = head.count("\n") + 1
    return line, len(head) - (head.rfind("\n") + 1) + 1


def _closest_hint(word: str, choices: tuple[str, ...], label: str = "expected one of") -> str:
    # Folded as names are (case, and ligatures such as 'ﬁ' pasted from a PDF): 'ﬁlse' is 'false'.
    close = closest(fold(word[:QUOTE_LIMIT]), choices, limit=1)
    listing = f"{label}: {', '.join(choices)}"
    return f"did you mean '{close[0]}'? {listing}" if close else listing


def _list_hint(what: str, node: Node, rs: RecordSchema) -> str:
    """`responds_to: some-claim` (a scalar) written as the list it must be: `[{claim: some-claim, relation: ...}]`.

    A blank value (`appears_in: ""`) gets the same example, with '...' in its place."""
    value = clip(node.value.strip()) or "..."
    key = what.split()[-1]
    first = (rs.required or rs.one_of or rs.names)[0]
    if "url" in rs.names and "://" in value:
        first = "url"
    parts = [f"{first}: {value}"]
    choices = []
    for spec in rs.fields:
        if spec.required and spec.name != first:
            parts.append(f"{spec.name}: ...")
            if spec.choices:
                choices.append(f"{spec.name} is one of: {', '.join(spec.choices)}")
    example = f"{key}: [{{{', '.join(parts)}}}]"
    return "; ".join([f"write it as a list of {rs.kind}s: {example}", *choices])


def _one_value_hint(node: Node, ctx: _Ctx, what: str, free: bool, item: bool) -> str:
    """What to write where one value belongs and a list or mapping is written (E105).

    A one-line `statement: [inaudible]` may well be text that YAML took for a
    list: quoted, it is kept as written. An id, date or word of a vocabulary
    takes one value: a list's first is offered."""
    key = what.split()[-1]
    one = f"each item of {key} is one" if item else f"{key} takes one"
    if not free:
        if item:  # the one list of values that are not free text
            return f"{one} id: {key}: [first-id, second-id]"
        first = node.value[0] if isinstance(node, SequenceNode) and node.value else None
        if isinstance(first, ScalarNode) and first.value.strip() and "\n" not in first.value:
            return f"{one} value: {key}: {clip(first.value.strip())}"
        return f"{one} value, written after '{key}:'"
    written = _flow_written(node, ctx)
    if written is not None:
        quoted = "'" + written.replace("'", "''") + "'"
        return f"{one} text; to keep this as written, quote it: {quoted if item else f'{key}: {quoted}'}"
    if item:
        return f"{one} text: {key}: [first, second], or one '- ' line each"
    return f"{one} text: write it after '{key}:' on one line, or indented below '{key}: >-'"


def _list_of_hint(node: Node, what: str, example: str) -> str:
    """What to write where a list belongs and a mapping is written (E105).

    `tags: {iraq, us-troops}` is a mapping of keys without values: the same
    words in square brackets are the list meant."""
    key = what.split()[-1]
    if isinstance(node, MappingNode) and all(
        isinstance(k, ScalarNode) and not k.style and _plain_null(v) for k, v in node.value
    ):
        words = ", ".join(k.value for k, _v in node.value)
        if len(words) <= QUOTE_LIMIT:
            return f"write a list in square brackets: {key}: [{words}]"
    return f"write {key}: [{example}], or one '- ' line each below '{key}:'"


def _flow_written(node: Node, ctx: _Ctx) -> str | None:
    """A `[...]` or `{...}` as written on one line, when it is short enough to quote back."""
    start, end = node.start_mark, node.end_mark
    if not getattr(node, "flow_style", False) or start.line != end.line:
        return None
    written = (ctx.line_text(start.line + 1) or "")[start.column : end.column]
    if len(written) > QUOTE_LIMIT or written[:1] not in ("[", "{") or written[-1:] not in ("]", "}"):
        return None  # too long, or an anchor or tag before it
    return written


def _yaml_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return "a value containing ': ' needs quotes around it"
    if "undefined alias" in message:
        return "'*' starts an alias in YAML; quote the text if you meant a literal '*'"
    if "expected a single document" in message:
        return "a store file holds one document: remove the second '---'"
    if "found unknown escape character" in message:
        return "in double quotes a backslash starts an escape; use single quotes or write '\\\\'"
    return "check the indentation and quoting at this spot"


# --- where values lie in the text, for edits -------------------------------
# A writer splices text into a file rather than writing it again, so it needs
# the lines each section, record and field occupies. Only this module parses
# YAML, so the outline is built here, from the same libyaml nodes.


@dataclass(frozen=True, slots=True)
class Place:
    """Where one YAML value lies in a file's text.

    Lines are 0-based indexes into `text.splitlines(keepends=True)` (for a
    parseable file those are exactly YAML's line breaks); columns are
    0-based characters. `end` is the column just after the value on its last
    line, so that what follows (a comment, say) can be kept.
    """

    first: int
    column: int
    last: int
    end: int
    style: str  # plain ' " | > (scalars), flow, block (collections), empty (no value)
    text: str | None = None  # a scalar's value as written
    keys: dict[str, Place] = field(default_factory=dict)  # a mapping's keys, first of equal keys
    fields: dict[str, Place] = field(default_factory=dict)  # a mapping's values by key
    items: tuple[Place, ...] = ()  # a list's items
    dash: tuple[int, int] | None = None  # (line, column) of a block list item's '-'


def outline(text: str) -> Place | None:
    """The places of a file's root value and everything in it; None when it is not valid YAML,
    or nested too deeply to take apart (libyaml composes more levels than Python can recurse).

    The text is taken without a leading byte-order mark, as parse_text takes it.
    """
    text = text.removeprefix("\ufeff")
    try:
        root = yaml.compose(text, Loader=_NodeLoader)
        if root is None:
            return Place(-1, 0, -1, 0, "empty")
        return _place(root, text.splitlines())
    except (yaml.YAMLError, RecursionError, UnicodeEncodeError):  # (a lone surrogate: not YAML's text either)
        return None


def _place(node: Node, lines: list[str], dash: tuple[int, int] | None = None) -> Place:
    start = node.start_mark
    if isinstance(node, ScalarNode):
        last, end = node.end_mark.line, node.end_mark.column
        if node.style in ("|", ">"):
            # A block scalar ends where the next token starts: after its
            # trailing line break and any blank lines, which are not its text.
            if end == 0 and last > start.line:
                last -= 1
            while last > start.line and not lines[last].strip():
                last -= 1
            end = len(lines[last]) if last < len(lines) else 0
        style = node.style or ("empty" if node.value == "" else "plain")
        return Place(start.line, start.column, last, end, style, text=node.value, dash=dash)
    tail: Place | None = None  # the value that comes last in the text
    children: dict[str, Any]
    if isinstance(node, SequenceNode):
        items = tuple(_place(item, lines, None if node.flow_style else _dash(item, lines)) for item in node.value)
        tail = items[-1] if items else None
        children = {"items": items}
    else:
        keys: dict[str, Place] = {}
        fields: dict[str, Place] = {}
        for key_node, value_node in node.value:
            tail = _place(value_node, lines)
            name = key_node.value if isinstance(key_node, ScalarNode) else None
            if name is not None and name not in keys:
                keys[name] = _place(key_node, lines)
                fields[name] = tail
        children = {"keys": keys, "fields": fields}
    if getattr(node, "flow_style", False):
        return Place(start.line, start.column, node.end_mark.line, node.end_mark.column, "flow", dash=dash, **children)
    # A block collection's own end mark lies at the next token, past comments
    # and blank lines: it ends where its last value ends.
    last, end = (tail.last, tail.end) if tail else (start.line, start.column)
    return Place(start.line, start.column, last, end, "block", dash=dash, **children)


def _dash(item: Node, lines: list[str]) -> tuple[int, int] | None:
    """The '-' of a block list item: just before it on its line, or ending an earlier line (`-` alone)."""
    line = item.start_mark.line
    head = lines[line][: item.start_mark.column] if line < len(lines) else ""
    while not head.strip() and line > 0:
        line -= 1
        head = lines[line]
        if head.lstrip().startswith("#"):
            head = ""
        head = head.split(" #", 1)[0]
    head = head.rstrip()
    return (line, len(head) - 1) if head.endswith("-") else None
