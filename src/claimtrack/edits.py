"""Changes to a store file as text splices: every byte outside them stays.

A new record is spliced in after the last record of its section (or a new
section after the file's last value); a changed field replaces only that
field's lines; a new field or list item is added inside its record. The
file is never written again from parsed data, so its comments, quoting,
flow and block lists, blank lines, indentation, CRLF line endings and a
last line without a line ending all stay as they were. The new text is
written in the file's own style (`writer.detect_style`).

Everything here is pure: text in, a `Splice` out. Checking the store with
the change applied, and writing it (fsutil: lock, fingerprint, atomic
write), is the caller's work.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from . import schema
from .errors import EXIT_FINDINGS, ClaimtrackError
from .loader import Place, outline, parse_text
from .writer import (
    Style,
    detect_style,
    double_quoted,
    field_lines,
    item_lines,
    record_fields,
    scalar,
    section_text,
    single_quoted,
    values_of,
)


class EditError(ClaimtrackError):
    """A file that this change cannot be spliced into as text."""

    exit_code = EXIT_FINDINGS


@dataclass(frozen=True)
class Splice:
    """A file's new text, and where the change lies in it."""

    text: str
    first: int  # 1-based first line added or changed, in the new text
    last: int  # 1-based last line added or changed
    replaced: int  # how many lines of the old text the change took the place of (0: only added)
    # When the change is in several places (a rename), the lines changed; the
    # lines between first and last are then as they were.
    scattered: tuple[int, ...] = ()

    @property
    def lines(self) -> Sequence[int]:
        """The 1-based lines added or changed (none when lines were only removed)."""
        return self.scattered or range(self.first, self.last + 1)


BOM = "\ufeff"
_COMMENT = re.compile(r"\s*(#.*)?\Z")
_NULLS = ("~", "null", "Null", "NULL")


class _Doc:
    """A file's text taken apart for splicing: lines, outline, style."""

    def __init__(self, text: str, shown: str) -> None:
        self.bom = BOM if text.startswith(BOM) else ""
        self.text = text.removeprefix(BOM)
        self.shown = shown
        root = outline(self.text)
        if root is None:
            raise EditError(
                f"{shown} is not valid YAML, or nests values too deeply to take apart,"
                " so nothing can be added to it safely",
                f"run 'claimtrack check' and fix {shown} first, or flatten what is nested hundreds of levels deep",
            )
        if root.style not in ("block", "empty") or (root.style == "block" and root.items):
            raise EditError(
                f"{shown} is not a mapping of sections written as a block",
                "write it as 'claims:' (or speakers:, sources:) at the start of a line, its records below",
            )
        self.root = root
        self.lines = self.text.splitlines(keepends=True)
        self.style = detect_style(self.text)

    def bare(self, index: int) -> str:
        """A line without its line ending."""
        return self.lines[index].rstrip("\r\n")

    def splice(self, start: int, stop: int, new: Sequence[str]) -> Splice:
        """Put the lines new (without line endings) in place of lines [start, stop)."""
        newline = self.style.newline
        offsets = [0]
        for line in self.lines:
            offsets.append(offsets[-1] + len(line))
        head, tail = self.text[: offsets[start]], self.text[offsets[stop] :]
        body = newline.join(new)
        ends_open = bool(self.text) and not self.text.endswith(("\n", "\r"))
        if not new:
            if ends_open and not tail:
                # The file's last lines removed: the line now last loses its
                # break, as the file had no final line ending.
                head = head.removesuffix("\n").removesuffix("\r")
        elif tail or not ends_open:
            body += newline
        elif start == stop:
            # Added after a last line that has no line ending: the new lines
            # end the file the same way, and the old line gains the break.
            body = newline + body
        text = head + body + tail
        return Splice(self.bom + text, start + 1, start + len(new), stop - start)

    def item_end(self, item: Place) -> int:
        """The line after a list item, counting the comments indented under it as its own."""
        end = item.last + 1
        dash = item.dash[1] if item.dash else item.column - 1
        for index in range(end, len(self.lines)):
            line = self.bare(index)
            stripped = line.lstrip(" ")
            if stripped.startswith("#") and len(line) - len(stripped) > dash:
                end = index + 1
            elif stripped:
                break
        return end

    def section(self, name: str) -> Place | None:
        return self.root.fields.get(name)

    def record(self, section: str, record_id: str, one_line: bool = False) -> Place:
        """The record with this id; one written as {...} only when one_line (it has no field lines)."""
        place = self.section(section)
        for item in place.items if place else ():
            id_place = item.fields.get("id")
            if id_place is not None and (id_place.text or "").strip() == record_id:
                if item.style != "block" and not one_line:
                    raise EditError(
                        f"{section[:-1]} '{record_id}' in {self.shown} is written on one line as {{...}}",
                        "write its fields one per line to let claimtrack change it, or edit it by hand",
                    )
                return item
        raise EditError(f"no {section[:-1]} '{record_id}' in {self.shown}")


# --- adding records ----------------------------------------------------------


def add_record(text: str, section: str, values: Mapping[str, Any], shown: str = "the file") -> Splice:
    """The text with a new record of section ('speakers', 'sources', 'claims') added."""
    doc = _Doc(text, shown)
    fields = record_fields(schema.SECTIONS[section], values)
    place = doc.section(section)
    if place is None:
        return _add_section(doc, section, fields)
    if place.style == "block" and place.items:
        last = place.items[-1]
        dash = last.dash[1] if last.dash else doc.style.item_column
        key_column = last.column if last.style == "block" else dash + 2
        new = item_lines(fields, doc.style, dash, key_column)
        if _blank_between_records(doc, place):
            new.insert(0, "")
        end = doc.item_end(last)
        return doc.splice(end, end, new)
    key = doc.root.keys[section]
    records = item_lines(fields, doc.style, doc.style.item_column)
    if place.style == "empty":  # `claims:` and nothing yet
        return doc.splice(key.first + 1, key.first + 1, records)
    if (place.style == "flow" and not place.items and not place.fields) or (
        place.style == "plain" and place.text in _NULLS
    ):
        # `claims: []` or `claims: ~`: the records go below the key, whose
        # line loses the empty value and keeps its comment.
        line = doc.bare(key.first)
        return doc.splice(key.first, key.first + 1, [line[: key.end] + ":" + line[place.end :], *records])
    raise _not_a_list(doc, section)


def _not_a_list(doc: _Doc, section: str) -> EditError:
    return EditError(
        f"'{section}' in {doc.shown} is not a list written as a block, so a record cannot be added as text",
        f"write the {section} one per '- ' line (see any store file), or add the record by hand",
    )


def _add_section(doc: _Doc, section: str, fields: dict[str, Any]) -> Splice:
    new = section_text(section, [fields], doc.style).splitlines()
    if doc.root.style == "empty":
        at = len(doc.lines)  # after a header of comments, say
    else:
        at = doc.root.last + 1
    if at > 0 and doc.bare(at - 1).strip():
        new.insert(0, "")
    return doc.splice(at, at, new)


def _blank_between_records(doc: _Doc, section: Place) -> bool:
    """Whether the section's records are set apart by blank lines (the last gap decides), else other sections'."""
    for place in [section, *doc.root.fields.values()]:
        items = place.items if place.style == "block" else ()
        for before, after in reversed(list(zip(items, items[1:], strict=False))):
            start = after.dash[0] if after.dash else after.first
            return any(not doc.bare(i).strip() for i in range(before.last + 1, start))
    return False


def new_file(section: str, records: Sequence[Mapping[str, Any]], style: Style | None = None) -> str:
    """The text of a new store file holding records of one section."""
    rs = schema.SECTIONS[section]
    return section_text(section, [record_fields(rs, values) for values in records], style)


# --- changing fields -----------------------------------------------------------


def set_field(text: str, section: str, record_id: str, name: str, value: Any, shown: str = "the file") -> Splice:
    """The text with one field of a record set: its lines replaced, or new lines added in schema order.

    A field written over several lines (a nested record, a list) is replaced
    as a whole, comments inside it included; a comment after it on its last
    line is kept where the new text can hold one.
    """
    doc = _Doc(text, shown)
    rs = schema.SECTIONS[section]
    ready = record_fields(rs, {name: value})
    if name not in ready:
        raise ValueError(f"no value given for '{name}'")
    record = doc.record(section, record_id)
    key = record.keys.get(name)
    if key is None:
        return _insert_field(doc, rs, record, name, ready[name])
    old = record.fields[name]
    prefix = doc.bare(key.first)[: key.column]
    after = doc.bare(old.last)[old.end :]
    if not _COMMENT.match(after):
        raise EditError(
            f"'{name}' of {rs.kind} '{record_id}' in {shown} shares its last line with other text",
            "put it on lines of its own to let claimtrack change it, or edit it by hand",
        )
    new = field_lines(name, ready[name], doc.style, key.column)
    new[0] = prefix + new[0][key.column :]
    if after.strip() and (len(new) == 1 or new[0].endswith((":", "|-", ">-"))):
        new[0] += after
    return doc.splice(key.first, old.last + 1, new)


def _insert_field(doc: _Doc, rs: schema.RecordSchema, record: Place, name: str, value: Any) -> Splice:
    order = {spec.name: i for i, spec in enumerate(rs.fields)}
    rank = order.get(name, len(order))
    before = [n for n in record.fields if order.get(n, len(order)) <= rank]
    anchor = record.fields[before[-1]] if before else record
    new = field_lines(name, value, doc.style, record.column)
    return doc.splice(anchor.last + 1, anchor.last + 1, new)


def append_item(
    text: str, section: str, record_id: str, name: str, item: Mapping[str, Any], shown: str = "the file"
) -> Splice:
    """The text with one more entry in a record's list of records (appears_in, evidence, responds_to)."""
    doc = _Doc(text, shown)
    rs = schema.SECTIONS[section]
    spec = rs.field(name)
    if spec is None or spec.kind != schema.RECORDS or spec.nested is None:
        raise ValueError(f"'{name}' is not a list of records in a {rs.kind}")
    record = doc.record(section, record_id)
    place = record.fields.get(name)
    if place is None:
        return set_field(text, section, record_id, name, [item], shown)
    if place.style == "block" and place.items:
        last = place.items[-1]
        dash = last.dash[1] if last.dash else record.column
        key_column = last.column if last.style == "block" else dash + 2
        new = item_lines(record_fields(spec.nested, item), doc.style, dash, key_column)
        end = doc.item_end(last)
        return doc.splice(end, end, new)
    # A flow list ([{...}]) or one entry without its dash: written again as a
    # block list with the new entry, from the entries as loaded.
    loaded = _loaded(doc, section, record_id)
    entries = getattr(loaded, name)
    written = place.items or ((place,) if place.fields else ())
    if len(entries) != len(written) or any(k.startswith("x-") for p in written for k in p.fields):
        raise EditError(
            f"'{name}' of {rs.kind} '{record_id}' in {shown} has entries claimtrack would not write back as they are",
            "fix them (claimtrack check), or add the entry by hand",
        )
    return set_field(text, section, record_id, name, [*map(values_of, entries), item], shown)


def _loaded(doc: _Doc, section: str, record_id: str) -> Any:
    for record in getattr(parse_text(doc.shown, doc.text), section):
        if record.id == record_id:
            return record
    raise EditError(f"{section[:-1]} '{record_id}' in {doc.shown} does not load; fix it first (claimtrack check)")


# --- removing --------------------------------------------------------------------


def remove_record(text: str, section: str, record_id: str, shown: str = "the file") -> Splice:
    """The text without a record: its lines and the comments indented under it.

    Comments above it are left: they may speak of more than this record.
    Where records are set apart by blank lines, one blank line goes with it; the file's last
    record takes the blank lines before it along, so that the file still ends on text (without
    a line ending, where it had none).
    """
    doc = _Doc(text, shown)
    item = doc.record(section, record_id, one_line=True)
    start = item.dash[0] if item.dash else item.first
    if doc.bare(start)[: (item.dash or (0, item.column))[1]].strip():
        raise EditError(f"{section[:-1]} '{record_id}' in {shown} shares its first line with other text")
    stop = max(doc.item_end(item), item.last + 1)
    if stop == len(doc.lines):
        while start > 0 and not doc.bare(start - 1).strip():
            start -= 1
    elif start > 0 and not doc.bare(start - 1).strip() and not doc.bare(stop).strip():
        start -= 1  # it sat between two blank lines: keep one
    return doc.splice(start, stop, [])


def remove_field(text: str, section: str, record_id: str, name: str, shown: str = "the file") -> Splice:
    """The text without one field of a record (its lines, from its key to the end of its value)."""
    doc = _Doc(text, shown)
    record = doc.record(section, record_id)
    key = record.keys.get(name)
    if key is None:
        raise EditError(f"{section[:-1]} '{record_id}' in {shown} has no '{name}'")
    if doc.bare(key.first)[: key.column].strip():
        raise EditError(
            f"'{name}' is the first field of {section[:-1]} '{record_id}' in {shown}, on the line of its '-'",
            "edit it by hand",
        )
    value = record.fields[name]
    if not _COMMENT.match(doc.bare(value.last)[value.end :]):
        raise EditError(f"'{name}' of {section[:-1]} '{record_id}' in {shown} shares its last line with other text")
    return doc.splice(key.first, value.last + 1, [])


def remove_item(text: str, section: str, record_id: str, name: str, index: int, shown: str = "the file") -> Splice:
    """The text without entry `index` (from 0) of a record's list of records; the field goes with its last entry."""
    doc = _Doc(text, shown)
    rs = schema.SECTIONS[section]
    record = doc.record(section, record_id)
    place = record.fields.get(name)
    if place is None:
        raise EditError(f"{rs.kind} '{record_id}' in {shown} has no '{name}'")
    if place.style == "block" and place.items:
        if len(place.items) == 1:
            return remove_field(text, section, record_id, name, shown)
        item = place.items[index]
        start = item.dash[0] if item.dash else item.first
        return doc.splice(start, max(doc.item_end(item), item.last + 1), [])
    entries = list(getattr(_loaded(doc, section, record_id), name))
    del entries[index]
    if not entries:
        return remove_field(text, section, record_id, name, shown)
    return set_field(text, section, record_id, name, [values_of(entry) for entry in entries], shown)


# --- renaming --------------------------------------------------------------------


def rename_id(text: str, kind: str, old: str, new: str, shown: str = "the file") -> Splice | None:
    """The text with a speaker's, source's or claim's id changed, in its record and every
    field that refers to it; None when the file holds neither.

    Each id is replaced where it stands, in the quotes it was written in, so
    that flow lists and comments around it stay as they were.
    """
    doc = _Doc(text, shown)
    found: list[Place] = []
    for section, rs in schema.SECTIONS.items():
        place = doc.section(section)
        for item in place.items if place else ():
            found += _references(item, rs, kind, old, own=rs.kind == kind)
    if not found:
        return None
    lines = list(doc.lines)  # with their line endings, which columns never reach
    for place in sorted(found, key=lambda p: (p.first, p.column), reverse=True):
        if place.first != place.last:
            raise EditError(f"'{old}' in {shown} is written over several lines; rename it by hand")
        line = lines[place.first]
        lines[place.first] = line[: place.column] + _requote(place.style, new) + line[place.end :]
    changed = sorted({p.first + 1 for p in found})
    span = changed[-1] - changed[0] + 1
    return Splice(doc.bom + "".join(lines), changed[0], changed[-1], span, tuple(changed))


def _requote(style: str, value: str) -> str:
    if style == "'":
        return single_quoted(value)
    if style == '"':
        return double_quoted(value)
    return scalar(value, flow=True, token=True)


def _references(place: Place, rs: schema.RecordSchema, kind: str, old: str, own: bool) -> list[Place]:
    """The scalars in a record (and its nested records) that hold the id old of a record of kind."""
    found: list[Place] = []
    for spec in rs.fields:
        value = place.fields.get(spec.name)
        if value is None:
            continue
        if spec.kind == schema.ID and (spec.refers_to == kind or (own and spec.name == "id")):
            found += [value] if (value.text or "").strip() == old else []
        elif spec.kind == schema.IDS and spec.refers_to == kind:
            found += [v for v in (value.items or (value,)) if (v.text or "").strip() == old]
        elif spec.nested is not None:
            entries = value.items or ((value,) if value.fields else ())
            for entry in entries:
                found += _references(entry, spec.nested, kind, old, own=False)
    return found
