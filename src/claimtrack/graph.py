"""The responds_to graph: who answers whom, chains, cycles.

Takes a store, never a path. Everything here is iterative, not recursive: a
run of 100,000 answers must not exhaust Python's recursion limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Claim, Link
from .store import Store


def response_graph(store: Store) -> dict[str, list[str]]:
    """Claim id -> the ids of the claims it answers (links to unknown claims and to itself left out)."""
    claims = store.claims
    return {
        claim.id: [link.claim for link in claim.responds_to if link.claim in claims and link.claim != claim.id]
        for claim in claims.values()
    }


def find_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Each cycle of the graph once, as a path that returns to its start.

    Tarjan's strongly connected components, iterative so that a chain of
    100,000 answers cannot exhaust Python's recursion limit.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if i < len(targets):
                work.append((node, i + 1))
                target = targets[i]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    # Within each component, every back edge of a depth-first walk closes a
    # cycle of its own: reporting one per back edge names every link that has
    # to go, not only the first cycle found.
    order = {node: n for n, node in enumerate(graph)}
    cycles = []
    for component in components:
        members = set(component)
        first = min(component, key=order.__getitem__)
        path: list[str] = [first]
        on_path = {first}
        done: set[str] = set()
        walk = [(first, iter(graph[first]))]
        while walk:
            here, pending = walk[-1]
            step = next((t for t in pending if t in members), None)
            if step is None:
                walk.pop()
                path.pop()
                on_path.discard(here)
                done.add(here)
            elif step in on_path:
                cycles.append(path[path.index(step) :] + [step])
            elif step not in done:
                path.append(step)
                on_path.add(step)
                walk.append((step, iter(graph[step])))
    cycles.sort(key=lambda path: order[path[0]])
    return cycles


# --- chains -------------------------------------------------------------------


@dataclass
class ChainNode:
    claim: Claim
    link: Link | None  # how this claim answers its parent in the tree; None at a root
    children: list[ChainNode] = field(default_factory=list)
    reference: bool = False  # already shown elsewhere in the tree: not expanded again


@dataclass
class Chain:
    focus: str
    roots: list[ChainNode]
    claims: list[Claim]  # every claim of the chain, by date
    links: list[tuple[str, str, str]]  # (from, to, relation): `from` answers `to`


def chain_members(store: Store, claim_id: str) -> set[str]:
    """Every claim connected to this one by answers in either direction."""
    seen = {claim_id}
    todo = [claim_id]
    while todo:
        current = store.claims[todo.pop()]
        neighbours = [link.claim for link in current.responds_to if link.claim in store.claims]
        neighbours += [responder.id for responder, _link in store.answers_to(current.id)]
        for other in neighbours:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def build_chain(store: Store, claim_id: str) -> Chain:
    members = chain_members(store, claim_id)
    claims = sorted((store.claims[m] for m in members), key=lambda c: (c.date, c.id))
    links = [
        (c.id, link.claim, link.relation)
        for c in claims
        for link in c.responds_to
        if link.claim in members and link.claim != c.id
    ]
    # Original statements: claims that answer nothing within the chain.
    starts = [c for c in claims if not any(link.claim in members and link.claim != c.id for link in c.responds_to)]
    shown: set[str] = set()
    roots: list[ChainNode] = []

    def grow(start: Claim) -> ChainNode:
        # Depth-first and iterative: a long run of answers must not hit the
        # recursion limit. Children are pushed in reverse so that the tree is
        # expanded in reading order, which decides where a claim that answers
        # two claims is shown in full and where as a reference.
        top = ChainNode(start, None)
        stack = [top]
        while stack:
            node = stack.pop()
            if node.claim.id in shown:
                node.reference = True
                continue
            shown.add(node.claim.id)
            node.children = [ChainNode(responder, link) for responder, link in store.answers_to(node.claim.id)]
            stack.extend(reversed(node.children))
        return top

    for start in starts:
        roots.append(grow(start))
    # Claims caught in a cycle have no start; show each remaining one as a root.
    for claim in claims:
        if claim.id not in shown:
            roots.append(grow(claim))
    return Chain(claim_id, roots, claims, links)
