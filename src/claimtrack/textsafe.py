"""Store text made harmless for every output: terminals, CSV, Markdown, diagrams.

Store text is data. Control characters (ANSI escapes among them) and the
bidirectional controls are shown as escapes, never sent raw, in every format.
"""

from __future__ import annotations

import re

# C0 and C1 controls except newline and tab, and the bidirectional controls
# that can make text display in a different order than it is stored.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


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
