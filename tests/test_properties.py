"""Property tests over whole stores: references, answers, chains, cycles, filters and reports.

Hypothesis builds a store from records (speakers, claims with dates of every
precision, sourcing, tags, links between claims) and then perturbs it: links
to itself, to claims that do not exist or did not load, the same link twice,
cycles, unknown speakers, a bad date or a missing statement that drops a
record, a second record under an id already used. The expected answers are
computed here from the generated records, by a few lines of plain Python
that follow the contract, never by asking claimtrack.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from claimtrack.cli import app
from claimtrack.errors import ClaimtrackError, NotFound
from claimtrack.graph import build_chain, find_cycles, response_graph
from claimtrack.loader import parse_text
from claimtrack.pipeline import store_of
from claimtrack.query import ClaimFilter, resolve_claim, sort_claims
from claimtrack.reports import unsourced_report
from claimtrack.store import Store
from fixtures import CONTRACT_LADDER, CONTRACT_RELATIONS, CONTRACT_UNSUPPORTED

# Ids that start one another and contain one another: `ab` is the start of `abc` and
# `ab-2020`; `2020` is inside three ids and the start of one.
ID_POOL = ["a", "ab", "abc", "ab-2020", "b", "b-2020", "c2020", "2020-c", "x1", "x10", "x100"]
RELATIONS = list(CONTRACT_RELATIONS)
STATUSES = [*CONTRACT_LADDER, "unknown"]
TAGS = ["t1", "t2", "t3"]


@dataclass
class GenClaim:
    id: str
    speaker: str
    date: str  # as written: YYYY, YYYY-MM or YYYY-MM-DD
    status: str  # "unknown" is written as no sourcing block
    tags: list[str]
    links: list[tuple[str, str]]  # (claim, relation) as written, in order
    broken: str | None  # "date" or "statement": the record does not load


@dataclass
class GenStore:
    speakers: list[str]
    claims: list[GenClaim]
    duplicates: list[str]  # ids given to a second record, after the first
    # what the contract says follows from them
    valid: dict[str, GenClaim] = field(default_factory=dict)
    responses: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # target -> (responder, relation)

    def __post_init__(self) -> None:
        self.valid = {c.id: c for c in self.claims if c.broken is None}
        for c in self.valid.values():
            answered = set()
            for target, relation in c.links:
                # A link to itself or to no loaded claim answers nothing; a second link to the same claim counts once.
                if target != c.id and target in self.valid and target not in answered:
                    answered.add(target)
                    self.responses.setdefault(target, []).append((c.id, relation))

    def yaml(self) -> str:
        """The store file, written by hand: yaml.safe_dump would take most of each example's time."""
        lines = ["speakers:"] + [f'  - {{id: "{s}", name: "Speaker {s}"}}' for s in self.speakers] + ["claims:"]
        for c in self.claims:
            date = "2020-13-01" if c.broken == "date" else c.date
            lines.append(f'  - {{id: "{c.id}", speaker: "{c.speaker}", date: "{date}"')
            if c.broken != "statement":
                lines[-1] += f', statement: "What {c.id} said"'
            if c.status != "unknown":
                lines[-1] += f", sourcing: {{status: {c.status}}}"
            if c.tags:
                lines[-1] += f", tags: [{', '.join(c.tags)}]"
            if c.links:
                links = ", ".join(f'{{claim: "{t}", relation: {r}}}' for t, r in c.links)
                lines[-1] += f", responds_to: [{links}]"
            lines[-1] += "}"
        lines += [
            f'  - {{id: "{d}", speaker: "{self.speakers[0]}", date: "1999", statement: again}}' for d in self.duplicates
        ]
        return "\n".join(lines) + "\n"

    def load(self) -> Store:
        """The store as the load step builds it, without a disk."""
        return store_of(Path("."), [parse_text("a.yaml", self.yaml())])


def first_day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def last_day(text: str) -> dt.date:
    """The last day a date may mean: 2020 -> 2020-12-31, 2020-02 -> 2020-02-29."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return first_day(text)
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return following - dt.timedelta(days=1)


DATES = st.tuples(st.dates(dt.date(2018, 1, 1), dt.date(2021, 12, 31)), st.sampled_from(["year", "month", "day"])).map(
    lambda dp: {"year": f"{dp[0].year}", "month": f"{dp[0]:%Y-%m}", "day": dp[0].isoformat()}[dp[1]]
)


@st.composite
def stores(draw) -> GenStore:
    speakers = [f"s{n}" for n in range(draw(st.integers(1, 3)))]
    ids = draw(st.lists(st.sampled_from(ID_POOL), min_size=1, max_size=8, unique=True))
    claims = [
        GenClaim(
            id=cid,
            speaker=draw(st.sampled_from([*speakers, "ghost"])),  # ghost: an unknown speaker (E110), still loads
            date=draw(DATES),
            status=draw(st.sampled_from(STATUSES)),
            tags=draw(st.lists(st.sampled_from(TAGS), max_size=2, unique=True)),
            links=draw(st.lists(st.tuples(st.sampled_from([*ids, "missing"]), st.sampled_from(RELATIONS)), max_size=3)),
            broken=draw(st.sampled_from([None] * 8 + ["date", "statement"])),
        )
        for cid in ids
    ]
    loading = [c.id for c in claims if c.broken is None]
    duplicates = draw(st.lists(st.sampled_from(loading), max_size=2)) if loading else []
    return GenStore(speakers, claims, duplicates)


# At most 100 stores a test: with the loader's properties, the property suites stay under a minute.
STORES = settings(max_examples=min(100, settings.default.max_examples))


# --- list, through the command line ----------------------------------------------------


@STORES
@given(stores())
def test_list_json_holds_every_valid_claim_once_and_every_link_in_both_views(gen):
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "a.yaml").write_text(gen.yaml(), encoding="utf-8")
        result = CliRunner().invoke(app, ["list", "--format", "json", "--store", tmp], catch_exceptions=False)
    assert result.exit_code == 0
    claims = json.loads(result.stdout)
    assert Counter(c["id"] for c in claims) == Counter(list(gen.valid))
    for c in claims:
        written = gen.valid[c["id"]]
        # responds_to gives every link as written, even one that answers nothing.
        assert c["responds_to"] == [{"claim": t, "relation": r} for t, r in written.links]
        want = [{"claim": a, "relation": r} for a, r in gen.responses.get(c["id"], [])]
        assert sorted(c["responses"], key=str) == sorted(want, key=str)
        assert c["date"] == written.date
        assert c["sourcing"] == written.status
        assert c["tags"] == written.tags
    by_id = {c["id"]: c for c in claims}
    for target, answers in gen.responses.items():
        for responder, relation in answers:
            assert {"claim": target, "relation": relation} in by_id[responder]["responds_to"]
            assert {"claim": responder, "relation": relation} in by_id[target]["responses"]


# --- in-process properties -------------------------------------------------------------


@STORES
@given(stores())
def test_answers_are_the_links_that_answer(gen):
    store = gen.load()
    assert set(store.claims) == set(gen.valid)
    for cid in gen.valid:
        got = [(responder.id, link.relation) for responder, link in store.answers_to(cid)]
        assert sorted(got) == sorted(gen.responses.get(cid, []))
        # Oldest answer first, ties by id.
        assert got == sorted(got, key=lambda a: (first_day(gen.valid[a[0]].date), a[0]))


def component(gen: GenStore, start: str) -> set[str]:
    """Every claim reached from start through answers, either way."""
    neighbours: dict[str, set[str]] = {cid: set() for cid in gen.valid}
    for target, answers in gen.responses.items():
        for responder, _ in answers:
            neighbours[target].add(responder)
            neighbours[responder].add(target)
    seen, todo = {start}, [start]
    while todo:
        for other in neighbours[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return seen


@STORES
@given(stores(), st.data())
def test_a_chain_holds_every_reachable_claim_and_nothing_else(gen, data):
    if not gen.valid:
        return
    store = gen.load()
    focus = data.draw(st.sampled_from(sorted(gen.valid)))
    chain = build_chain(store, focus)
    members = component(gen, focus)
    assert [c.id for c in chain.claims] == sorted(members, key=lambda m: (first_day(gen.valid[m].date), m))
    want_links = {(a, t, r) for t, answers in gen.responses.items() if t in members for a, r in answers}
    assert {(a, t) for a, t, _ in chain.links} == {(a, t) for a, t, _ in want_links}
    assert want_links <= set(chain.links)
    # The tree shows each member once in full; every other appearance is a reference.
    full: list[str] = []
    stack = list(chain.roots)
    while stack:
        node = stack.pop()
        if not node.reference:
            full.append(node.claim.id)
        stack.extend(node.children)
    assert sorted(full) == sorted(members)
    assert chain.focus == focus


def has_cycle(gen: GenStore) -> bool:
    edges = {a: {t for t, answers in gen.responses.items() for r, _ in answers if r == a} for a in gen.valid}
    state: dict[str, int] = {}
    for start in edges:
        if start in state:
            continue
        stack = [(start, iter(edges[start]))]
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return True
            elif nxt not in state:
                state[nxt] = 1
                stack.append((nxt, iter(edges[nxt])))
    return False


@STORES
@given(stores())
def test_cycles_are_found_and_real(gen):
    store = gen.load()
    cycles = find_cycles(response_graph(store))
    assert bool(cycles) == has_cycle(gen)
    answered = {(r, t) for t, answers in gen.responses.items() for r, _ in answers}
    for path in cycles:
        assert path[0] == path[-1] and len(path) >= 3
        assert len(set(path[:-1])) == len(path) - 1  # a simple cycle
        for a, b in zip(path, path[1:], strict=False):
            assert (a, b) in answered
    # The load step says identical diagnostics once: a cycle found twice is one E112.
    assert sum(d.code == "E112" for d in store.diagnostics) == len({tuple(path) for path in cycles})
    assert sum(d.code == "E111" for d in store.diagnostics) == sum(
        1 for c in gen.valid.values() for t, _ in c.links if t == c.id
    )


FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "speakers": st.lists(st.sampled_from(["s0", "s1", "s2"]), min_size=1, max_size=2),
        "sourcing": st.lists(st.sampled_from(STATUSES), min_size=1, max_size=2),
        "unsourced": st.just(True),
        "contested": st.just(True),
        "unanswered": st.just(True),
        "tags": st.lists(st.sampled_from(TAGS), min_size=1, max_size=2),
        "since": DATES,
        "until": DATES,
    },
)


def keeps(gen: GenStore, f: dict, c: GenClaim) -> bool:
    """The contract's meaning of each filter (cli.md, `list`), all of them together."""
    answers = gen.responses.get(c.id, [])
    return all(
        [
            "speakers" not in f or c.speaker in f["speakers"],
            "sourcing" not in f or c.status in f["sourcing"],
            "unsourced" not in f or c.status in CONTRACT_UNSUPPORTED,
            "contested" not in f or any(CONTRACT_RELATIONS[r] == "opposing" for _, r in answers),
            "unanswered" not in f or not answers,
            "tags" not in f or bool(set(c.tags) & set(f["tags"])),
            "since" not in f or first_day(c.date) >= first_day(f["since"]),
            "until" not in f or first_day(c.date) <= last_day(f["until"]),
        ]
    )


def apply(store: Store, f: dict, claims=None) -> set[str] | None:
    """The ids a filter keeps; None when it is refused (--since after --until)."""
    try:
        return {c.id for c in ClaimFilter(**f).apply(store, claims)}
    except ClaimtrackError:
        return None


@STORES
@given(stores(), FILTERS, FILTERS)
def test_filters_keep_what_the_contract_says_and_commute(gen, f, g):
    store = gen.load()
    for one in (f, g):
        if "speakers" in one:  # a speaker the store lacks is an error, tested elsewhere
            one["speakers"] = [s for s in one["speakers"] if s in gen.speakers] or [gen.speakers[0]]
        got = apply(store, one)
        refused = "since" in one and "until" in one and first_day(one["since"]) > last_day(one["until"])
        if refused:
            assert got is None
            return
        assert got == {c.id for c in gen.valid.values() if keeps(gen, one, c)}, one
    f_then_g = apply(store, g, [store.claims[i] for i in apply(store, f) or ()])
    g_then_f = apply(store, f, [store.claims[i] for i in apply(store, g) or ()])
    assert f_then_g == g_then_f
    if "tags" in f and "tags" in g:
        # Each keeps a claim with any of its tags: one claim can hold one of f's and one of g's,
        # which no single filter says (the intersection of the tags would keep none).
        assert f_then_g == {c.id for c in gen.valid.values() if keeps(gen, f, c) and keeps(gen, g, c)}
        return
    together = {**f, **g}
    for key in set(f) & set(g):  # both give the key: the combined filter must hold both
        if key in ("speakers", "sourcing", "tags"):
            together[key] = sorted(set(f[key]) & set(g[key]))
        elif key == "since":
            together[key] = max(f[key], g[key], key=first_day)
        elif key == "until":
            together[key] = min(f[key], g[key], key=last_day)
    if any(together.get(k) == [] for k in ("speakers", "sourcing", "tags")):
        assert f_then_g == set()
        return
    combined = apply(store, together)
    assert f_then_g == (combined if combined is not None else set())


@STORES
@given(stores(), FILTERS)
def test_unsourced_report_counts_and_answers(gen, f):
    f.pop("speakers", None)
    f.pop("since", None)  # no refused filters here
    store = gen.load()
    chosen = ClaimFilter(**f).apply(store)
    report = unsourced_report(store, chosen)
    considered = [gen.valid[c.id] for c in chosen]
    unsupported = [c for c in considered if c.status in CONTRACT_UNSUPPORTED]
    assert report.total_claims == len(gen.valid) and report.considered == len(considered)
    assert report.by_status == {s: sum(c.status == s for c in unsupported) for s in CONTRACT_UNSUPPORTED}
    assert sorted(c.id for c in report.unassessed) == sorted(c.id for c in considered if c.status == "unknown")
    assert sum(report.by_speaker.values()) == len(unsupported)
    items = {item.claim.id: item for _, group in report.groups for item in group}
    assert set(items) == {c.id for c in unsupported}
    for cid, item in items.items():
        answers = gen.responses.get(cid, [])
        assert sorted(a.claim.id for a in item.answers) == sorted(
            a for a, r in answers if CONTRACT_RELATIONS[r] == "opposing"
        )
        assert sorted(a.claim.id for a in item.corroborated_by) == sorted(
            a for a, r in answers if r in ("supports", "corroborates")
        )
    for sid, group in report.groups:
        assert {item.claim.speaker for item in group} == {sid}
        assert len(group) == report.by_speaker[sid]
    assert report.has_findings == bool(unsupported or report.unassessed)


@STORES
@given(stores(), st.sampled_from(["date", "id", "sourcing", "answers"]), st.booleans())
def test_sorting(gen, key, reverse):
    store = gen.load()
    got = [c.id for c in sort_claims(store, list(store.claims.values()), key, reverse)]
    rank = {s: n for n, s in enumerate(STATUSES)}
    keys = {
        "date": lambda c: (first_day(c.date), c.id),
        "id": lambda c: c.id,
        "sourcing": lambda c: (rank[c.status], first_day(c.date), c.id),
        "answers": lambda c: (len(gen.responses.get(c.id, [])), first_day(c.date), c.id),
    }
    newest_first = key in ("date", "answers")
    want = sorted(gen.valid.values(), key=keys[key], reverse=newest_first != reverse)
    assert got == [c.id for c in want]


@STORES
@given(stores(), st.sampled_from(ID_POOL), st.integers(1, 7))
def test_ids_resolve_by_exact_match_or_unique_prefix(gen, cid, length):
    store = gen.load()
    typed = cid[:length]
    starts = [i for i in gen.valid if i.startswith(typed)]
    if typed in gen.valid:
        assert resolve_claim(store, typed.upper()).id == typed
    elif len(starts) == 1:
        assert resolve_claim(store, typed).id == starts[0]
    else:
        with pytest.raises(NotFound):
            resolve_claim(store, typed)
