"""What an export holds: the chosen claims, and the speakers, sources and links that follow them.

cli.md: "speakers and sources follow the claims; links between exported
claims are kept, links to claims left out are not". Following means every
record an exported record names: a claim's speaker, its verdict's reviewer,
the speaker an appearance credits (1.1), the sources it appears in and its
evidence cites, a source's author, and a group speaker's members (1.1).
An id that names nothing in the store (a store with errors) is left out.
Every format module starts from one Selection, so they all agree on counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ..model import Claim, Link, Source, Speaker
from ..store import Store


@dataclass(frozen=True)
class Selection:
    store: Store
    claims: tuple[Claim, ...]  # in the order they were chosen
    ids: frozenset[str]
    # (answering claim, link), both ends exported; in the order of the claims answered
    links: tuple[tuple[Claim, Link], ...]
    speakers: tuple[Speaker, ...]  # in store order
    sources: tuple[Source, ...]  # in store order
    _answers: dict[str, list[tuple[Claim, Link]]] = field(default_factory=dict, repr=False)
    _responds: dict[str, list[Link]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for responder, link in self.links:
            self._answers.setdefault(link.claim, []).append((responder, link))
            self._responds.setdefault(responder.id, []).append(link)

    def answers_to(self, claim_id: str) -> list[tuple[Claim, Link]]:
        """The exported claims that answer this one, as the store orders them."""
        return self._answers.get(claim_id, [])

    def responds_to(self, claim: Claim) -> list[Link]:
        """This claim's links to exported claims, once each (the store keeps the first of two, W204)."""
        return self._responds.get(claim.id, [])

    def speaker_name(self, speaker_id: str | None) -> str:
        return self.store.speaker_name(speaker_id) if speaker_id else ""


def select(store: Store, claims: Iterable[Claim]) -> Selection:
    chosen = tuple({c.id: c for c in claims}.values())  # a claim chosen twice is exported once
    ids = frozenset(c.id for c in chosen)
    links = tuple(
        (responder, link) for claim in chosen for responder, link in store.answers_to(claim.id) if responder.id in ids
    )
    source_ids = {sid for claim in chosen for sid in _sources_named(claim) if sid in store.sources}
    speaker_ids = {sid for claim in chosen for sid in _speakers_named(claim)}
    speaker_ids.update(author for sid in source_ids if (author := store.sources[sid].author))
    _add_members(store, speaker_ids)
    return Selection(
        store=store,
        claims=chosen,
        ids=ids,
        links=links,
        speakers=tuple(s for sid, s in store.speakers.items() if sid in speaker_ids),
        sources=tuple(s for sid, s in store.sources.items() if sid in source_ids),
    )


def _sources_named(claim: Claim) -> Iterator[str]:
    for appearance in claim.appears_in:
        if source := appearance.source:
            yield source
    for evidence in claim.evidence:
        if evidence.source:
            yield evidence.source


def _speakers_named(claim: Claim) -> Iterator[str]:
    yield claim.speaker
    if claim.verdict and claim.verdict.by:
        yield claim.verdict.by
    for appearance in claim.appears_in:
        if credited := appearance.attributed_to:
            yield credited


def _add_members(store: Store, speaker_ids: set[str]) -> None:
    """Members of exported groups, and of groups among those members, until nothing is added."""
    todo = list(speaker_ids)
    while todo:
        speaker = store.speakers.get(todo.pop())
        for member in speaker.members if speaker else ():
            if member not in speaker_ids:
                speaker_ids.add(member)
                todo.append(member)
    speaker_ids.intersection_update(store.speakers)
