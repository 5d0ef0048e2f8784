"""Store text made harmless for every output: terminals, CSV, Markdown, diagrams.

Store text is data. Control characters (ANSI escapes among them) and the
bidirectional controls are shown as escapes, never sent raw, in every format.
"""

from __future__ import annotations

import re

# C0 and C1 controls except newline and tab, the bidirectional controls that
# can make text display in a different order than it is stored, and the
# byte-order mark, an invisible character inside text.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str | None) -> str:
    """Store text made harmless for a terminal: control characters shown as escapes."""
    return _UNSAFE.sub(_escape, text) if text else ""


def json_safe(json_text: str) -> str:
    """JSON text with the same characters written as \\uXXXX escapes (format 1.1).

    json.dumps escapes C0 itself but leaves DEL, C1, the bidirectional controls
    and the BOM raw; in JSON text they can only stand inside strings, where the
    escape means the same character. Searching first keeps the common case
    (nothing to escape) as fast as json.dumps alone: sub() always builds a copy.
    """
    return _UNSAFE.sub(_json_escape, json_text) if _UNSAFE.search(json_text) else json_text


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def one_line(text: str | None) -> str:
    return " ".join(safe(text).split())


def shorten(text: str, width: int) -> str:
    """At most `width` characters, cut at a word boundary where there is one, marked with '…'."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
