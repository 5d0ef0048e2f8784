"""Who a source is: a store speaker by name or alias, or a proposed new speaker with a role.

A source as written ("US President Donald Trump", "Hugh Hill, a doctor at
the clinic", "he") is matched, case- and accent-insensitively, against every
speaker's name and aliases. Pronouns and bare roles ("the senator") point
back to the last named speaker of the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .capture_lexicon import PRONOUNS, TITLE_WORDS
from .fuzzy import fold

_PAREN = re.compile(r"\s*\([^)]*\)")
_ARTICLES = ("the ", "a ", "an ")
# Leading words that are a nationality or place, part of a title: "Iranian Foreign Minister".
_NATIONALITY = re.compile(
    r"^(?:[A-Z][a-z]+(?:an|ian|ese|ish)|Iraqi|Israeli|Saudi|Pakistani|Kuwaiti|Qatari|Yemeni|Omani|Bahraini"
    r"|Emirati|Somali|Nepali|Thai|Bangladeshi|Azerbaijani|Afghan|Dutch|French|Swiss|Greek|Czech|Welsh|Irish"
    r"|Scottish|Danish|Swedish|Polish|Turkish|British|Spanish|Finnish|U\.?S\.?|UK|U\.K\.|EU|UN|GOP)$"
)


@dataclass(frozen=True, slots=True)
class Who:
    """A resolved source: a store id, or a new speaker's name and role; none of them for "he" with no antecedent."""

    speaker: str | None = None
    new_speaker: str | None = None
    role: str | None = None


class SpeakerIndex:
    """The store's speakers by folded name and alias, and by family name when that is unique."""

    def __init__(self, speakers: Iterable) -> None:
        self.by_name: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        family: dict[str, set[str]] = {}
        for speaker in speakers:
            if getattr(speaker, "role", None):
                self.roles[speaker.id] = speaker.role
            names = [speaker.name, *getattr(speaker, "aliases", ())]
            for name in names:
                key = fold(name).strip()
                if key:
                    self.by_name.setdefault(key, speaker.id)
            words = fold(speaker.name).split()
            if len(words) >= 2 and getattr(speaker, "kind", "person") == "person":
                family.setdefault(words[-1], set()).add(speaker.id)
        self.by_family = {word: next(iter(ids)) for word, ids in family.items() if len(ids) == 1}

    def role(self, speaker: str | None) -> str | None:
        return self.roles.get(speaker) if speaker else None

    def find(self, text: str) -> str | None:
        """The id of the speaker named by text, whose name or alias must end where the phrase ends."""
        folded = fold(_PAREN.sub("", text)).strip().rstrip(",")
        if not folded:
            return None
        if folded in self.by_name:
            return self.by_name[folded]
        for article in _ARTICLES:
            if folded.startswith(article) and folded[len(article) :] in self.by_name:
                return self.by_name[folded[len(article) :]]
        words = folded.split()
        for i in range(1, len(words)):
            # the longest ending of the phrase that is a name: "US President Donald Trump" -> "donald trump"
            key = " ".join(words[i:])
            if key in self.by_name:
                return self.by_name[key]
        if words and words[-1] in self.by_family and any(w[:1].isupper() for w in text.split()):
            return self.by_family[words[-1]]
        return None


def split_title(name: str) -> tuple[str, str | None]:
    """ "Iranian Foreign Minister Mohammad Javad Zarif" -> ("Mohammad Javad Zarif", "Iranian Foreign Minister")."""
    words = _PAREN.sub("", name).split()
    cut = 0
    while cut < len(words) - 1:
        word = words[cut]
        bare = word.rstrip(".,").lower()
        if bare in TITLE_WORDS or word[:1].islower() or _NATIONALITY.match(word.rstrip(",")):
            cut += 1
            continue
        break
    head = " ".join(words[cut:]).strip(" ,")
    title = " ".join(words[:cut]).strip(" ,") or None
    return head, title


def _is_name(text: str) -> bool:
    """A proper name: every word capitalized (apart from "of", "de", "van" ...)."""
    words = [w for w in text.split() if w.lower() not in ("of", "de", "da", "van", "von", "bin", "al", "the", "and")]
    return bool(words) and all(w[:1].isupper() or w[:1] in "@" for w in words)


class Resolver:
    """Resolves the sources of one article in reading order, remembering who was named."""

    def __init__(self, index: SpeakerIndex) -> None:
        self.index = index
        self.people: list[tuple[Who, str]] = []  # named people so far, with the words for their role
        self.last_any: Who | None = None

    @property
    def last_person(self) -> Who | None:
        return self.people[-1][0] if self.people else None

    def resolve(self, source: str | None, name: str | None, apposition: str | None) -> Who:
        if not source:
            return Who()
        text = (name or source).strip().strip(",—–- ")
        low = fold(text)
        words = low.split()
        if low == "which":
            return self.last_any or Who()
        if low in PRONOUNS or low in ("i", "we"):
            if low in ("he", "she", "who"):
                return self.last_person or Who()
            if low in ("they", "it"):
                return self.last_any or Who()
            return Who()
        if 2 <= len(words) <= 4 and words[0] == "the" and text == text[:1] + text[1:].lower():
            # "the campaign manager said": the latest person named whose role says so
            for earlier, described in reversed(self.people):
                if words[-1] in fold(described).split():
                    self.people.append((earlier, described))
                    return earlier
        named = _role(apposition)
        if named and name and _is_name(named) and not _is_name(split_title(name)[0]):
            # "Iran's foreign minister, Javad Zarif, said": the apposition is the name, the phrase the role
            apposition = name
            text = named
        found = self.index.find(text)
        role = _role(apposition)
        head, title = split_title(text)
        if found is not None:
            who = Who(speaker=found, role=role)
        elif _is_name(head):
            who = Who(new_speaker=head, role=role or title)
        else:
            who = Who(new_speaker=text, role=role)
        self.last_any = who
        if _is_name(head) and len(head.split()) <= 5:
            self.people.append((who, " ".join(filter(None, (role, title, self.index.role(found))))))
        return who

    def mention(self, text: str) -> None:
        """A person named as a sentence's subject ("Clinton did not mince words.") is who "she" means next."""
        head, title = split_title(text)
        if not _is_name(head) or fold(head) in PRONOUNS or len(head.split()) > 5:
            return
        found = self.index.find(text)
        who = Who(speaker=found) if found else Who(new_speaker=head, role=title)
        self.people.append((who, " ".join(filter(None, (title, self.index.role(found))))))


def _role(apposition: str | None) -> str | None:
    """The role an apposition gives: "a doctor at the clinic," -> "doctor at the clinic"."""
    if not apposition:
        return None
    role = apposition.strip().strip(",—–- ").strip()
    for article in ("a ", "an ", "the "):
        if role.lower().startswith(article):
            role = role[len(article) :]
            break
    return role or None
