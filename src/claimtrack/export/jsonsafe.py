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
    if isinstance(value, list):
        return "[\n" + ",\n".join(dumps(item) for item in value) + "\n]" if value else "[]"
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            body = dumps_lines(item) if isinstance(item, list | dict) and item else dumps(item)
            items.append(f"{dumps(key)}: {body}")
        return "{\n" + ",\n".join(items) + "\n}"
    return dumps(value)
