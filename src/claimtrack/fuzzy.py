"""Fuzzy matching of words and names, shared by every "did you mean".

rapidfuzz is imported on first use: most runs of a clean store never need it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence


def fold(text: str) -> str:
    """Case- and accent-insensitive form: 'Zarîf' and 'zarif' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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
