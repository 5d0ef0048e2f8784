"""Fuzzy matching of words and names, shared by every "did you mean".

rapidfuzz is imported on first use: most runs of a clean store never need it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Combining marks, removed after NFKD decomposition by one regex pass rather than
# a per-character test in Python, which made indexing 100,000 claims 3x slower.
_COMBINING = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f"
    "\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]"
)


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Zarîf' and 'zarif' match."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))


# A "did you mean" below this WRatio score suggests noise: 'nope' scores 68
# against 'Mike Pompeo' (four letters, three of them in order), while real
# typos score higher ('zarf' 77 on 'zarif-...', 'pompeu' 75 on 'Mike Pompeo').
SUGGEST_CUTOFF = 75


def closest(word: str, choices: Sequence[str], limit: int = 3, cutoff: float = 70) -> list[str]:
    """The choices nearest to word, best first, that score at least cutoff (0-100)."""
    if not choices or not word:
        return []
    from rapidfuzz import fuzz, process, utils

    hits = process.extract(
        word, choices, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit, score_cutoff=cutoff
    )
    return [choice for choice, _score, _index in hits]


def ranked(query: str, keyed: Iterable[tuple[str, str]], limit: int = 5, cutoff: float = 60) -> list[str]:
    """Keys of the (key, text) pairs whose text is nearest to query, best key first, no repeats."""
    from rapidfuzz import fuzz, process, utils

    pairs = list(keyed)
    texts = [text for _key, text in pairs]
    hits = process.extract(
        query, texts, scorer=fuzz.WRatio, processor=utils.default_process, limit=limit * 4, score_cutoff=cutoff
    )
    keys: list[str] = []
    for _text, _score, index in hits:
        key = pairs[index][0]
        if key not in keys:
            keys.append(key)
        if len(keys) == limit:
            break
    return keys
