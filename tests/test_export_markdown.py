"""Markdown exports, whole: `report --unsourced --format markdown` and `scorecard --format markdown`.

Pinned character for character on a store that has every part: a group per
speaker, why, answers and backing, the chains, the cut list of claims not yet
assessed, a speaker with nothing assessed; store text with Markdown's special
characters, which must come out escaped (cli.md: store text is never markup).
"""

# ruff: noqa: E501 -- the Markdown below is pinned as it is printed, long lines included
from __future__ import annotations

import pytest

STORE = (
    """speakers:
  - {id: alice, name: "Alice <A|B>"}
  - {id: bob, name: Bob_Smith}
  - {id: carol, name: Carol}
claims:
  - id: a1
    speaker: alice
    date: 2020-01-02
    statement: Troops *were* attacked at the [base]
    sourcing: {status: none, note: "No source `given`"}
  - id: b1
    speaker: bob
    date: 2020-01-03
    statement: That never happened
    sourcing: {status: documented}
    responds_to: [{claim: a1, relation: denies}]
  - id: b2
    speaker: bob
    date: 2020-01-04
    statement: It did happen
    sourcing: {status: anonymous}
    responds_to: [{claim: a1, relation: corroborates}]
  - id: a2
    speaker: alice
    date: 2020-02
    statement: Something else
    summary: Else
    sourcing: {status: unspecified}
"""
    + "".join(
        f"  - id: u{i:02d}\n    speaker: bob\n    date: 2021-01-{i + 1:02d}\n    statement: Unassessed {i}\n"
        for i in range(11)
    )
    + """  - id: c1
    speaker: carol
    date: 2021-02
    statement: Nobody assessed this
    responds_to: [{claim: b1, relation: questions}]
"""
)

REPORT_HEAD = r"""# Unsupported assertions

16 claims in the store, 16 considered; **3 unsupported** (1 none, 1 unspecified, 1 anonymous); 12 not yet assessed.

| speaker | unsupported |
|---|---|
| Alice \<A\|B\> | 2 |
| Bob\_Smith | 1 |

## Alice \<A\|B\>

- **2020-01-02** `a1` (none): Troops \*were\* attacked at the \[base\]
  - why: No source \`given\`
  - answered: denied by Bob\_Smith (`b1`)
  - backed: corroborated by Bob\_Smith (`b2`; itself unsupported: anonymous)
- **2020-02** `a2` (unspecified): Else
  - answered: not answered
  - backed: not corroborated

## Bob\_Smith

- **2020-01-04** `b2` (anonymous): It did happen
  - answered: not answered
  - backed: not corroborated

## Chains

"""
# (the Mermaid diagram of the chains, drawn by export/diagram.py, comes between these two)
REPORT_TAIL = r"""
## Not yet assessed

- **2021-01-01** `u00` Bob\_Smith: Unassessed 0
- **2021-01-02** `u01` Bob\_Smith: Unassessed 1
- **2021-01-03** `u02` Bob\_Smith: Unassessed 2
- **2021-01-04** `u03` Bob\_Smith: Unassessed 3
- **2021-01-05** `u04` Bob\_Smith: Unassessed 4
- **2021-01-06** `u05` Bob\_Smith: Unassessed 5
- **2021-01-07** `u06` Bob\_Smith: Unassessed 6
- **2021-01-08** `u07` Bob\_Smith: Unassessed 7
- **2021-01-09** `u08` Bob\_Smith: Unassessed 8
- **2021-01-10** `u09` Bob\_Smith: Unassessed 9
- and 2 more not yet assessed (`--all` lists them)
"""
SCORECARD = r"""| speaker | claims | none | unspecified | anonymous | named | documented | unknown | unsupported | contested | answers given | retracted |
|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|
| Bob\_Smith | 13 | 0 | 0 | 1 | 0 | 1 | 11 | 50% | 1 | 1 denies, 1 corroborates | 0 |
| Alice \<A\|B\> | 2 | 1 | 1 | 0 | 0 | 0 | 0 | 100% | 1 | none | 0 |
| Carol | 1 | 0 | 0 | 0 | 0 | 0 | 1 | n/a | 0 | 1 questions | 0 |
"""


@pytest.fixture
def store(make_store):
    return make_store({"a.yaml": STORE})


def test_unsourced_report_markdown(run, store):
    result = run("--store", str(store), "report", "--unsourced", "--format", "markdown")
    assert result.exit_code == 0 and result.stderr == ""
    head, rest = result.stdout.split("```mermaid\n")
    diagram, tail = rest.split("\n```\n")
    assert head == REPORT_HEAD
    assert tail == REPORT_TAIL
    assert diagram.startswith("flowchart") and "c_b1 -->|denies| c_a1" in diagram and "c_u00" not in diagram


def test_unsourced_report_markdown_all_lists_every_unassessed_claim(run, store):
    out = run("--store", str(store), "report", "--unsourced", "--format", "markdown", "--all").stdout
    assert out.endswith(
        REPORT_TAIL.replace(
            "- and 2 more not yet assessed (`--all` lists them)\n",
            "- **2021-01-11** `u10` Bob\\_Smith: Unassessed 10\n- **2021-02** `c1` Carol: Nobody assessed this\n",
        )
    )


def test_scorecard_markdown(run, store):
    result = run("--store", str(store), "scorecard", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == SCORECARD


def test_a_report_without_chains_has_no_diagram(run, make_store):
    root = make_store(
        {
            "a.yaml": "speakers: [{id: s, name: S}]\nclaims:\n"
            "  - {id: c, speaker: s, date: 2020, statement: Alone, sourcing: {status: none}}\n"
        }
    )
    out = run("--store", str(root), "report", "--unsourced", "--format", "markdown").stdout
    assert out == (
        "# Unsupported assertions\n\n"
        "1 claims in the store, 1 considered; **1 unsupported** (1 none, 0 unspecified, 0 anonymous); "
        "0 not yet assessed.\n\n"
        "| speaker | unsupported |\n|---|---|\n| S | 1 |\n\n"
        "## S\n\n- **2020** `c` (none): Alone\n  - answered: not answered\n  - backed: not corroborated\n"
    )


def test_the_diagram_ends_at_the_fence(run, store):
    out = run("--store", str(store), "report", "--unsourced", "--format", "markdown").stdout
    diagram = out.split("```mermaid\n")[1].split("```")[0]
    assert diagram.endswith("\n") and not diagram.endswith("\n\n")


CHAINS = """\
speakers: [{id: s, name: S}, {id: t, name: T}]
claims:
  - {id: x, speaker: s, date: 2020-01-01, statement: Answered only, sourcing: {status: none}}
  - {id: y, speaker: t, date: 2020-01-02, statement: Denial one, sourcing: {status: documented},
     responds_to: [{claim: x, relation: denies}]}
  - {id: z, speaker: t, date: 2020-01-03, statement: Denial two, sourcing: {status: named},
     responds_to: [{claim: x, relation: rebuts}]}
  - {id: p, speaker: s, date: 2020-02-01, statement: Other chain, sourcing: {status: none}}
  - {id: q, speaker: t, date: 2020-02-02, statement: Its answer, sourcing: {status: documented},
     responds_to: [{claim: p, relation: questions}]}
"""


def test_every_chain_of_the_listed_claims_is_drawn_and_answers_are_joined(run, make_store):
    # x and p answer nothing and are answered by claims that are not listed (well sourced):
    # both chains are drawn, each of x's two answers listed.
    out = run("--store", str(make_store({"a.yaml": CHAINS})), "report", "--unsourced", "--format", "markdown").stdout
    assert "  - answered: denied by T (`y`); rebutted by T (`z`)\n" in out
    diagram = out.split("```mermaid\n")[1]
    for edge in ("c_y -->|denies| c_x", "c_z -->|rebuts| c_x", "c_q -->|questions| c_p"):
        assert edge in diagram


def test_the_not_yet_assessed_list_is_cut_unless_asked_for_all(load):
    from claimtrack.export.markdown import unsourced_markdown
    from claimtrack.reports import unsourced_report

    st = load(a__yaml=STORE)
    report = unsourced_report(st, list(st.claims.values()))
    assert "- and 2 more not yet assessed" in unsourced_markdown(st, report)  # by default, cut
    assert "- and 2 more" not in unsourced_markdown(st, report, show_all=True)
