"""JSON text that is safe to print and to embed: for the claimreview and aif exports.

json.dumps escapes C0 controls but leaves DEL, the C1 controls and the
bidirectional controls raw, which cli.md (1.1) forbids in JSON output; and a
statement containing "</script>" would end the <script type="application/ld+json">
element a fact-checker pastes ClaimReview markup into. Both are escaped as
\\uXXXX, which every JSON reader turns back into the same text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..textsafe import UNSAFE_CHARACTERS

# Outside strings json.dumps writes only structure and whitespace, so every
# match below is inside a string, where \uXXXX means the same character.
# What a terminal would act on (textsafe), and the separators JavaScript reads as line ends:
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}\u2028\u2029]")
# ... and what would end or open an HTML element around embedded JSON.
_EMBEDDED = re.compile(f"[{UNSAFE_CHARACTERS}\u2028\u2029<>&]")


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: object, indent: int | None = None, *, embed: bool = True) -> str:
    """JSON text with every unsafe character escaped; `embed=False` keeps <, > and & readable
    where the JSON is not meant for pasting into HTML."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    unsafe = _EMBEDDED if embed else _UNSAFE
    # Searching first keeps the common case (nothing to escape) as fast as json.dumps alone.
    return unsafe.sub(_escape, text) if unsafe.search(text) else text


def dumps_lines(value: object) -> str:
    """One JSON document laid out a line per item: a top-level object's lists an item per line.

    Readable and diffable like indent=1, at the speed of the C encoder (indent
    makes json fall back to pure Python; see export.json.write_json).
    """
    return "".join(iter_lines(value))


def iter_lines(value: object, depth: int | None = None, *, embed: bool = True) -> Iterator[str]:
    """dumps_lines' text in pieces, an item at a time: a list may be an iterator, never held whole.

    `depth` is how many levels of lists and objects are laid out a line per
    item (None: all); below it a value is written on one line. `embed` as for `dumps`."""
    if isinstance(value, list | Iterator) and depth != 0:
        first = True
        for item in value:
            yield ("[\n" if first else ",\n") + dumps(item, embed=embed)
            first = False
        yield "[]" if first else "\n]"
    elif isinstance(value, dict) and depth != 0:
        inner = None if depth is None else depth - 1
        yield "{\n"
        for n, (key, item) in enumerate(value.items()):
            head = (",\n" if n else "") + f"{dumps(key, embed=embed)}: "
            if inner != 0 and (isinstance(item, Iterator) or (isinstance(item, list | dict) and item)):
                yield head
                yield from iter_lines(item, inner, embed=embed)
            else:
                yield head + dumps(item, embed=embed)
        yield "\n}"
    else:
        yield dumps(value, embed=embed)
