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

# Outside strings json.dumps writes only structure and whitespace, so every
# match below is inside a string, where \uXXXX means the same character.
_ESCAPED = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029<>&]")


def dumps(value: object, indent: int | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


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
