"""Store text made harmless for every output: terminals, CSV, Markdown, JSON, diagrams.

Store text is data. Control characters (ANSI escapes among them), the
bidirectional controls and a stray byte-order mark are shown as escapes,
never sent raw, in every format; so are lone surrogates, which a file name
that is not UTF-8 decodes to and which no output encoding can write.
"""

from __future__ import annotations

import re

# C0 and C1 controls except newline and tab; DEL; the bidirectional controls
# (ALM, LRM, RLM, the embeddings, overrides and isolates) that can make text
# display in a different order than it is stored; the byte-order mark, which
# is invisible inside text; lone surrogates.
UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff"
_UNSAFE = re.compile(f"[{UNSAFE_CHARACTERS}]")
# Cut long values quoted in messages to about a line's worth: a 5 MB line is data, not a message.
QUOTE_LIMIT = 120


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str | None) -> str:
    """Store text made harmless for a terminal: control characters shown as escapes."""
    return _UNSAFE.sub(_escape, text) if text else ""


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def one_line(text: str | None) -> str:
    return " ".join(safe(text).split())


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A value as a message quotes it: at most `limit` characters, the cut said."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}\u2026 ({len(text):,} characters)"


def shorten(text: str, width: int) -> str:
    """At most `width` characters, cut at a word boundary where there is one, marked with '…'."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
