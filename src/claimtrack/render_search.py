"""Rendering search hits: each claim found, with the words that matched marked.

Apart from the quotes and dupes renderers (render_fuzzy.py), whose modules a search
does not need to import. Same rules as render.py: store text only through `t()`.
"""

from __future__ import annotations

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.text import Text

from .fuzzy import fold
from .render import indented, status_text, t
from .search import WORD_RE, Hit
from .store import Store
from .textsafe import one_line

MATCH_STYLE = "bold underline"


def highlighted(text: str, matched: frozenset[str]) -> Text:
    """The text with the words that matched the query marked; never parsed as markup."""
    out = t(one_line(text))
    for m in WORD_RE.finditer(out.plain):
        if fold(m.group()) in matched:
            out.stylize(MATCH_STYLE, m.start(), m.end())
    return out


def search_hits(store: Store, hits: list[Hit]) -> RenderableType:
    parts: list[RenderableType] = []
    for hit in hits:
        claim = hit.claim
        # Short first line (score and id), details indented below: nothing
        # long sits on a line that would wrap back to the margin.
        parts.append(Text(f"{hit.score:5.1f}  ", style="bold").append_text(t(claim.id, "bold")))
        meta = Text(f"{claim.date} \u00b7 ").append_text(t(store.speaker_name(claim.speaker)))
        parts.append(indented(meta.append(" \u00b7 ").append_text(status_text(claim.status)), 7))
        body = Text(f"{hit.field}: ", style="dim").append_text(highlighted(hit.text, hit.matched))
        parts.append(indented(body, 7))
    return RichGroup(*parts)
