"""What the speaker offered to back a statement, read from the words around it.

The words are matched against a phrase list for each rung of the sourcing
ladder (model.SOURCING_LADDER); the strongest rung found wins, so that a
statement "upon information and belief", reported "without providing
detailed information", is `unspecified` (it alludes to a basis) rather
than `none`. A speaker who is not named ("a US official", "people familiar
with the talks") makes a statement `anonymous` unless documents back it.
The phrase that decided is returned with the status, for the person to judge.
"""

from __future__ import annotations

import re

from .capture_lexicon import ANONYMOUS_HEADS


def _any(words: str) -> str:
    """A regex alternation of space-separated words: "a b" -> "(?:a|b)"."""
    return "(?:" + "|".join(words.split()) + ")"


_DOC = _any(
    "documents? records? data filings? court\\s+papers e-?mails? memos? transcripts? footage videos? photos? "
    "photographs recordings? satellite\\s+images? receipts spreadsheets? statistics figures"
)
_UNNAMED = _any(
    "officials? sources? aides? advisers? advisors? diplomats? insiders? people persons? intelligence agents?"
)
_DOC_OPENERS = "(?:(?:the|a|an|new|newly|internal|court|leaked|public|official|its|his|her|their) )*(?:\\w+ ){0,2}?"
_SHOW = _any("show shows showed reveal reveals revealed indicate indicates confirm confirms confirmed")
_RELEASE = _any("released published provided posted shared presented produced")
_UNNAMED_OPENERS = "(?:(?:a|an|two|three|four|several|some|other|senior|unnamed|anonymous) )+(?:\\w+ ){0,3}?"
_WHO_NOT_NAMED = "(?:familiar|close|with knowledge|who (?:spoke|requested|asked|declined|was not|were not|is not))"
_ANY_WORD = "(?:\\w+ )*?"
_WITHOUT = "(?:providing |offering |citing |giving |presenting |producing |showing )?(?:any )?"
_NO_BASIS = _any("evidence proof details information specifics support substantiation")


def _compile(*patterns: str, case: bool = False) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, 0 if case else re.IGNORECASE) for p in patterns)


# Strongest first: the first rung with a match decides.
_LADDER: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...] = (
    (
        "documented",
        _compile(
            rf"\baccording to {_DOC_OPENERS}{_DOC}\b",
            rf"\b{_DOC} (?:obtained|reviewed|seen|released|published) by\b",
            rf"\b{_DOC} {_SHOW}\b",
            rf"\bciting {_DOC_OPENERS}{_DOC}\b",
            rf"\b{_RELEASE} {_DOC_OPENERS}(?:{_DOC}|evidence)\b",
            r"\b(?:a copy of which|which was) (?:was )?obtained by\b",
        ),
    ),
    (
        "named",
        # "citing Pentagon spokesman John Kirby": a name after "citing", not an unnamed body
        _compile(r"\b[Cc]iting (?:the )?(?:[\w’'-]+ ){0,3}?[A-Z][\w.’'-]+ [A-Z][\w’'-]+", case=True),
    ),
    (
        "anonymous",
        _compile(
            rf"\b{_UNNAMED_OPENERS}{_UNNAMED} {_WHO_NOT_NAMED}",
            r"\b(?:person|people|sources?) familiar with\b",
            r"\b(?:speaking )?on (?:the )?condition of anonymity\b",
            r"\bwho (?:asked|requested|declined) (?:not )?to be (?:named|identified)\b",
            r"\bnot authorized to (?:speak|discuss|comment)\b",
            rf"\bciting (?:\w+ )?{_UNNAMED}\b",
            rf"\baccording to {_ANY_WORD}{_UNNAMED}\b",
            rf"\b(?:unnamed|anonymous|unidentified) (?:\w+ )?{_UNNAMED}\b",
        ),
    ),
    (
        "unspecified",
        _compile(
            r"\b(?:upon|on) information and belief\b",
            r"\bnew intelligence\b",
            r"\bintelligence (?:indicates?|suggests?|shows?|showed)\b",
            r"\breports? (?:indicate|suggest|say)\b",
            r"\bwe have (?:information|reason to believe|intelligence)\b",
            r"\b(?:many|a lot of) people (?:are saying|say|have said)\b",
            r"\bi(?:'|’)ve (?:heard|been told)\b",
            r"\bi(?:'|’)m told\b",
            r"\bsources (?:say|said|tell)\b",
            r"\bthere are reports\b",
            r"\bit is (?:believed|understood)\b",
        ),
    ),
    (
        "none",
        _compile(
            rf"\bwithout {_WITHOUT}(?:detailed |specific |further |supporting )?{_NO_BASIS}\b",
            rf"\b(?:offered|provided|gave|presented|cited|produced|showed) no {_NO_BASIS}\b",
            rf"\bdid(?: not|n[’']t) (?:provide|offer|cite|give|present|produce) (?:any )?{_NO_BASIS}\b",
            r"\bwithout elaborating\b",
            r"\b(?:unsubstantiated|baseless|unfounded|unsupported)\b",
        ),
    ),
)

_DEFINITE = frozenset("the his her their its our my this that these those".split())


def anonymous_speaker(source: str | None) -> bool:
    """ "a US official", "officials", "people familiar with the talks": a speaker nobody is named as.

    "the spokesman" points at someone the article names, and a name after the
    role ("a spokesman, John Kirby") names the speaker: neither is anonymous.
    """
    words = re.findall(r"[\w’'.-]+", source or "")
    heads = [i for i, w in enumerate(words) if w.lower() in ANONYMOUS_HEADS]
    if not heads or words[0].lower() in _DEFINITE:
        return False
    return not any(w[:1].isupper() for w in words[heads[-1] + 1 :])


def propose_sourcing(words: str, source: str | None) -> tuple[str | None, str | None]:
    """(status, the words that suggest it) for a statement whose surroundings are `words`."""
    found: dict[str, str] = {}
    for status, patterns in _LADDER:
        for pattern in patterns:
            m = pattern.search(words)
            if m:
                found[status] = m.group(0)
                break
    if anonymous_speaker(source):
        found.setdefault("anonymous", source or "")
    for status, _patterns in _LADDER:
        if status in found:
            return status, found[status].strip()
    return None, None
