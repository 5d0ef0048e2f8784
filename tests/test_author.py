"""The writing commands on files written by hand: only their own lines change, and the store checks clean.

Every command runs through the CLI on a copy of a store whose one file is
written in one of the styles the loader accepts. After each, the file's
lines outside the record added or changed are byte-identical to before
(line endings included), and `check` finds no problem the file did not have.
"""

from __future__ import annotations

import difflib
import json

import pytest

from claimtrack.pipeline import load_store
from claimtrack.store import display_path

BASE = """\
# A store file written by hand: comments everywhere.

speakers:
  # who speaks
  - id: s   # a person
    name: Some Speaker
    aliases: [Speaker, "@some"]
  - id: checker
    name: A Fact Checker
    kind: organization

sources:
  - id: src
    title: 'A report: quoted'
    outlet: Outlet
    published: 2021-01-02

claims:
  # The first claim.
  - id: a   # the tweet
    speaker: s
    date: 2021-01-02
    statement: >-
      New intelligence from Iraq indicate that Israeli agent-provocateurs are
      plotting attacks against Americans.

    tags: [iraq, "false-flag"]
    sourcing:
      status: unspecified   # alludes to intelligence
      note: 'Cites "new intelligence".'

  - id: b
    speaker: 's'
    date: "2021-01-03"
    statement: |-
      We have seen no such intelligence.
      None at all.
    sourcing: {status: none}
    responds_to:
      - claim: a
        relation: denies
    # a comment at the end of the record

  - id: c
    speaker: s
    date: 2021-01-04
    statement: "A third, in double quotes"
    sourcing:
      status: none

# A comment at the end of the file.
"""


def four_spaces(text: str) -> str:
    return "\n".join(_reindent(line, 2) for line in text.split("\n"))


def _reindent(line: str, factor: int) -> str:
    stripped = line.lstrip(" ")
    pad = " " * ((len(line) - len(stripped)) * factor)
    if stripped.startswith("- "):  # `-   key:`: the item's keys line up four spaces in
        return pad + "-   " + stripped[2:]
    return pad + stripped


FLOW_AND_HEADER = """\
---
# A document header, flow lists and flow mappings.
speakers:
  - {id: s, name: Some Speaker}
  - id: checker
    name: A Fact Checker
sources:
  - id: src
    outlet: Outlet
claims:
  - id: a
    speaker: s
    date: 2021
    statement: a
    sourcing: {status: none}
    appears_in: [{source: src, quote: "q"}]
  - id: b
    speaker: s
    date: 2021
    statement: b
    sourcing: {status: none}
    responds_to: [{claim: a, relation: denies}]
  - id: c
    speaker: s
    date: 2021
    statement: c
    sourcing: {status: none}
"""

FLUSH = """\
speakers:
- id: s
  name: Some Speaker
- id: checker
  name: A Fact Checker
sources:
- id: src
  outlet: Outlet
claims:
- id: a
  speaker: s
  date: 2021-01
  statement: plain statement
  about:
  - iran
  sourcing:
    status: none
- id: b
  speaker: s
  date: 2021-02
  statement: 'quoted: statement'
  sourcing:
    status: none
  responds_to:
  - claim: a
    relation: denies
- id: c
  speaker: s
  date: 2021-03
  statement: c
  sourcing:
    status: none
"""

STYLES = {
    "comments, blank lines, quoted and block scalars": BASE,
    "four-space indents": four_spaces(BASE),
    "CRLF": BASE.replace("\n", "\r\n"),
    "no final newline": BASE.rstrip("\n"),
    "flow lists and a --- header": FLOW_AND_HEADER,
    "flush lists": FLUSH,
    "flush lists, CRLF, no final newline": FLUSH.replace("\n", "\r\n").rstrip("\r\n"),
}

# (command, the record whose lines may change: None when only lines are added)
COMMANDS: list[tuple[list[str], str | None]] = [
    (["add", "speaker", "New Person", "--alias", "NP"], None),
    (["add", "source", "--outlet", "Other Outlet", "--published", "2021-01-05", "--title", "no"], None),
    (["add", "claim", "--speaker", "s", "--date", "2021-01-05", "--statement", "yes: #1", "--file", "e.yaml"], None),
    (
        ["respond", "a", "--relation", "supports", "--speaker", "Speaker", "--date", "2021-01-06", "--statement", "x"],
        None,
    ),
    (["link", "c", "a", "--relation", "supports"], "c"),
    (["assess", "b", "--sourcing", "anonymous", "--note", "An unnamed official"], "b"),
    (["verdict", "a", "--rating", "false", "--by", "checker", "--date", "2021-02-01"], "a"),
    (["appear", "c", "--source", "src", "--quote", "A third"], "c"),
    (["unlink", "b", "a"], "b"),
    (["rm", "c"], "c"),
]


def _record_lines(text: str, record: str) -> range:
    """The 0-based lines from a claim's '- id:' line to the line before the next record or section."""
    store_lines = text.splitlines()
    start = next(
        i
        for i, line in enumerate(store_lines)
        if line.lstrip(" -{").split("#")[0].split(",")[0].strip() == f"id: {record}"
        and store_lines[i + 1].strip().startswith("speaker:")
    )
    end = start + 1
    while end < len(store_lines) and not store_lines[end].lstrip().startswith(("- id:", "-   id:", "- {id:")):
        if store_lines[end] and not store_lines[end].startswith((" ", "-", "#")):
            break
        end += 1
    if start > 0 and not store_lines[start - 1].strip():
        start -= 1  # removing a record set apart by blank lines takes one with it
    return range(start, end)


def assert_only_record_changed(old: str, new: str, record: str | None) -> None:
    old_lines, new_lines = old.splitlines(), new.splitlines()
    allowed = _record_lines(old, record) if record else range(0)
    for tag, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            assert all(i in allowed for i in range(i1, i2)), (tag, old_lines[i1:i2], new)
    crlf = "\r\n" in old
    assert new.count("\r\n") == (new.count("\n") if crlf else 0), "line endings changed"
    assert new.endswith(("\n", "\r")) == old.endswith(("\n", "\r")) or not old.strip(), "final line ending"


@pytest.mark.parametrize("style", list(STYLES))
@pytest.mark.parametrize(("args", "record"), COMMANDS, ids=[" ".join(c[:2]) for c, _ in COMMANDS])
def test_a_command_changes_only_its_own_lines_and_the_store_checks_clean(
    make_store, run, style: str, args: list[str], record: str | None
) -> None:
    root = make_store({"e.yaml": "placeholder"})
    path = root / "e.yaml"
    path.write_bytes(STYLES[style].encode("utf-8"))
    before = load_store(root)
    assert before.diagnostics == [], before.diagnostics
    old = path.read_bytes().decode("utf-8")
    result = run("--store", str(root), *args)
    assert result.exit_code == 0, result.output
    new = path.read_bytes().decode("utf-8")
    assert new != old
    assert_only_record_changed(old, new, record)
    assert load_store(root).diagnostics == []
    assert result.stdout.startswith(("added ", "changed ", "removed ")), result.stdout


def test_rename_changes_every_reference_and_nothing_else(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    old = (root / "e.yaml").read_text()
    result = run("--store", str(root), "rename", "a", "a-renamed")
    assert result.exit_code == 0, result.output
    new = (root / "e.yaml").read_text()
    assert new == old.replace("  - id: a   #", "  - id: a-renamed   #").replace("- claim: a\n", "- claim: a-renamed\n")
    store = load_store(root)
    assert store.diagnostics == [] and [link.claim for link in store.claims["b"].responds_to] == ["a-renamed"]


def test_output_names_what_was_written_and_json_says_the_same(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "add", "claim", "-s", "s", "-d", "2021-01-05", "--statement", "Words said.")
    shown = display_path(root / "2021" / "2021-01.yaml")
    assert result.stdout == f"added claim speaker-words-2021 at {shown}:2\n"
    result = run("--store", str(root), "assess", "speaker-words", "--sourcing", "none", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc == {
        "written": [
            {
                "action": "changed",
                "kind": "claim",
                "id": "speaker-words-2021",
                "path": shown,
                "line": 2,
            }
        ]
    }


def test_repeated_options_pair_in_the_order_given(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run(
        "--store", str(root), "add", "claim", "-s", "s", "-d", "2021", "--statement", "x", "--id", "x",
        "--source", "src", "--source", "src", "--quote", "second", "--url", "https://e.example/1",
        "--form", "reported", "--attributed-to", "checker",
        "--responds-to", "a", "--relation", "supports", "--responds-to", "b", "--relation", "questions",
        "--evidence", "first", "--evidence", "second", "--evidence-source", "src",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    claim = load_store(root).claims["x"]
    assert [(a.source, a.quote, a.url, a.form, a.attributed_to) for a in claim.appears_in] == [
        ("src", None, None, "quoted", None),
        ("src", "second", None, "quoted", None),
        (None, None, "https://e.example/1", "reported", "checker"),
    ]
    assert [(link.claim, link.relation) for link in claim.responds_to] == [("a", "supports"), ("b", "questions")]
    assert [(e.description, e.source) for e in claim.evidence] == [("first", None), ("second", "src")]


def test_an_option_that_belongs_to_nothing_is_a_usage_error(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "add", "claim", "-s", "s", "-d", "2021", "--statement", "x", "--quote", "q")
    assert result.exit_code == 2 and "--quote must follow the --source or --url" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-d", "2021-01-05"], "2021/2021-01.yaml"),
        (["-d", "2021"], "2021/2021.yaml"),
        (["-d", "unknown"], "undated.yaml"),
        (["-d", "2021-01-05", "--responds-to", "a", "--relation", "denies"], "e.yaml"),
        (["-d", "2021-01-05", "--file", "sub/here.yml"], "sub/here.yml"),
    ],
)
def test_a_new_claim_goes_where_the_contract_says(make_store, run, args: list[str], expected: str) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "add", "claim", "-s", "s", "--statement", "Said.", "--id", "n", *args)
    assert result.exit_code == 0, result.output
    store = load_store(root)
    assert store.files[store.claims["n"].path] == root / expected


@pytest.mark.parametrize("given", ["../out.yaml", "/tmp/x.yaml", "notes.txt", ".hidden.yaml"])
def test_a_file_outside_the_store_or_not_yaml_is_refused(make_store, run, given: str) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "add", "claim", "-s", "s", "-d", "2021", "--statement", "x", "--file", given)
    assert result.exit_code == 2 and "--file" in result.stderr
    written = sorted(p.relative_to(root.parent).as_posix() for p in root.parent.rglob("*") if p.is_file())
    assert [name for name in written if not name.endswith(".claimtrack.lock")] == ["claims/e.yaml"]


def test_new_speakers_and_sources_go_to_the_file_holding_most_of_their_kind(make_store, run) -> None:
    root = make_store(
        {
            "a.yaml": "speakers:\n  - id: one\n    name: One\n",
            "people.yaml": "speakers:\n  - id: two\n    name: Two\n  - id: three\n    name: Three\n",
        }
    )
    assert run("--store", str(root), "add", "speaker", "Four Person").exit_code == 0
    assert run("--store", str(root), "add", "source", "--outlet", "Wire", "--published", "2020-01-02").exit_code == 0
    store = load_store(root)
    assert store.speakers["four-person"].path.endswith("people.yaml")
    assert store.sources["wire-2020-01-02"].path.endswith("sources.yaml")


def test_an_unknown_speaker_gives_the_closest_and_the_command_to_add_it(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "add", "claim", "-s", "Some Speeker", "-d", "2021", "--statement", "x")
    assert result.exit_code == 1
    assert "s (Some Speaker)" in result.stderr
    assert "claimtrack add speaker 'Some Speeker'" in result.stderr
    assert result.stdout == ""


def test_a_speaker_matching_several_is_refused_with_the_list(make_store, run) -> None:
    root = make_store({"p.yaml": "speakers:\n  - id: ann-lee\n    name: Ann Lee\n  - id: bob-lee\n    name: Bob Lee\n"})
    result = run("--store", str(root), "add", "claim", "-s", "lee", "-d", "2021", "--statement", "x")
    assert result.exit_code == 1
    assert "matches 2 speakers" in result.stderr and "ann-lee (Ann Lee)" in result.stderr


def test_an_ambiguous_claim_prefix_lists_the_claims(make_store, run) -> None:
    root = make_store({"e.yaml": BASE.replace("id: b\n", "id: ab\n").replace("claim: a\n", "claim: c\n")})
    result = run("--store", str(root), "assess", "a", "--sourcing", "none")
    assert result.exit_code == 0  # 'a' is an id: exact ids win over prefixes
    result = run("--store", str(root), "link", "c", "zz", "--relation", "denies")
    assert result.exit_code == 1 and "no claim with id 'zz'" in result.stderr


def test_rm_is_refused_while_referred_to_unless_cascade(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    before = (root / "e.yaml").read_bytes()
    result = run("--store", str(root), "rm", "a")
    assert result.exit_code == 1 and "claim b responds to it (denies)" in result.stderr
    assert (root / "e.yaml").read_bytes() == before
    result = run("--store", str(root), "rm", "a", "--cascade")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith("removed claim a at")
    store = load_store(root)
    assert "a" not in store.claims and store.claims["b"].responds_to == () and store.diagnostics == []


def test_rm_of_a_speaker_with_claims_is_refused_even_with_cascade(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "rm", "s", "--cascade")
    assert result.exit_code == 1 and "claim a was made by it" in result.stderr


def test_link_refuses_a_link_that_exists_and_a_claim_answering_itself(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    assert run("--store", str(root), "link", "b", "a", "--relation", "rebuts").exit_code == 1
    assert run("--store", str(root), "link", "a", "a", "--relation", "rebuts").exit_code == 1


def test_a_cycle_of_answers_is_refused(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    before = (root / "e.yaml").read_bytes()
    result = run("--store", str(root), "link", "a", "b", "--relation", "rebuts")
    assert result.exit_code == 1, result.output
    assert "refused" in result.stderr and "error[" in result.stderr
    assert (root / "e.yaml").read_bytes() == before


def test_init_makes_a_store_that_passes_strict_check_and_refuses_an_existing_one(tmp_path, run) -> None:
    folder = tmp_path / "new"
    result = run("init", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == [".claimtrack.lock", "archive", "sources.yaml", "speakers.yaml"]
    assert run("--store", str(folder), "check", "--strict").exit_code == 0
    before = {p: p.read_bytes() for p in folder.glob("*.yaml")}
    again = run("init", str(folder))
    assert again.exit_code == 1 and "already holds YAML files" in again.stderr
    assert {p: p.read_bytes() for p in folder.glob("*.yaml")} == before


def test_add_source_archive_copies_the_file_into_the_store(make_store, run, tmp_path) -> None:
    root = make_store({"e.yaml": BASE})
    article = tmp_path / "Article Text.txt"
    article.write_text("The report.\n")
    args = ["--store", str(root), "add", "source", "--outlet", "Wire", "--archive", str(article)]
    assert run(*args).exit_code == 0
    assert (root / "archive" / "article-text.txt").read_text() == "The report.\n"
    assert run(*args, "--id", "wire-again").exit_code == 0  # the same bytes: the same copy
    article.write_text("Another.\n")
    assert run(*args, "--id", "wire-third").exit_code == 0
    store = load_store(root)
    assert [store.sources[i].archive for i in ("wire", "wire-again", "wire-third")] == [
        "archive/article-text.txt",
        "archive/article-text.txt",
        "archive/article-text-2.txt",
    ]
    assert store.diagnostics == []


def test_statement_dash_reads_standard_input(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run.runner.invoke(
        __import__("claimtrack.cli", fromlist=["app"]).app,
        ["--store", str(root), "add", "claim", "-s", "s", "-d", "2021", "--statement", "-", "--id", "piped"],
        input="Line one: no\nline two #3\n",
    )
    assert result.exit_code == 0, result.output
    assert load_store(root).claims["piped"].statement == "Line one: no\nline two #3"


def test_relative_dates_count_from_as_of(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    args = ["--store", str(root), "add", "claim", "-s", "s", "--statement", "x", "--as-of", "2021-01-07"]
    assert run(*args, "-d", "last Wednesday", "--id", "w").exit_code == 0
    assert run(*args, "-d", "3 days ago", "--id", "t").exit_code == 0
    store = load_store(root)
    assert (str(store.claims["w"].date), str(store.claims["t"].date)) == ("2021-01-06", "2021-01-04")
    bad = run(*args, "-d", "last Funday")
    assert bad.exit_code == 2 and "--date 'last Funday'" in bad.stderr


def test_rename_of_a_speaker_reaches_every_file(make_store, run) -> None:
    root = make_store(
        {
            "people.yaml": "speakers:\n  - id: s\n    name: S\n  - id: group\n    name: G\n    members: [s]\n",
            "sub/claims.yaml": "claims:\n  - id: a\n    speaker: s   # keep me\n    date: 2021\n    statement: x\n"
            "    about: [s, iran]\n"
            "    sourcing: {status: none}\n    verdict:\n      rating: 'false'\n      by: s\n",
        }
    )
    result = run("--store", str(root), "rename", "s", "new-s")
    assert result.exit_code == 0, result.output
    assert "speaker: new-s   # keep me\n" in (root / "sub" / "claims.yaml").read_text()
    store = load_store(root)
    assert store.diagnostics == [] and store.speakers["group"].members == ("new-s",)
    assert store.claims["a"].verdict is not None and store.claims["a"].verdict.by == "new-s"
    assert store.claims["a"].about == ("new-s", "iran")


def test_an_id_shared_by_two_kinds_needs_kind(make_store, run) -> None:
    root = make_store({"e.yaml": BASE.replace("  - id: c\n", "  - id: checker\n")})
    result = run("--store", str(root), "rm", "checker")
    assert result.exit_code == 1 and "--kind" in result.stderr
    result = run("--store", str(root), "rm", "checker", "--kind", "claim")
    assert result.exit_code == 0, result.output
    store = load_store(root)
    assert "checker" in store.speakers and "checker" not in store.claims


def test_a_record_written_on_one_line_is_refused_with_a_reason(make_store, run) -> None:
    root = make_store(
        {
            "e.yaml": FLOW_AND_HEADER.replace(
                "  - id: c\n    speaker: s\n    date: 2021\n    statement: c\n    sourcing: {status: none}\n",
                "  - {id: c, speaker: s, date: 2021, statement: c}\n",
            )
        }
    )
    before = (root / "e.yaml").read_bytes()
    result = run("--store", str(root), "assess", "c", "--sourcing", "none")
    assert result.exit_code == 1 and "written on one line" in result.stderr
    assert (root / "e.yaml").read_bytes() == before


def test_init_without_a_folder_makes_claims_here(tmp_path, run, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init").exit_code == 0
    assert (tmp_path / "claims" / "speakers.yaml").is_file()
    assert run("check", "--strict").exit_code == 0  # found as the nearest claims/


def test_unknown_reviewer_and_source_name_the_command_to_add_them(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), "verdict", "a", "--rating", "false", "--by", "Snopes")
    assert result.exit_code == 1 and "claimtrack add speaker Snopes" in result.stderr
    result = run("--store", str(root), "appear", "a", "--source", "nowhere")
    assert result.exit_code == 1 and "claimtrack add source --id nowhere" in result.stderr
    result = run("--store", str(root), "appear", "a", "--url", "https://e.example/x", "--form", "reported")
    assert result.exit_code == 0
    assert load_store(root).claims["a"].appears_in[-1].form == "reported"


def test_warnings_a_change_brings_are_printed_and_do_not_refuse_it(make_store, run) -> None:
    root = make_store({"e.yaml": BASE})
    result = run(
        "--store", str(root), "respond", "c", "--relation", "denies", "-s", "s", "-d", "2020", "--statement", "x"
    )
    assert result.exit_code == 0 and result.stdout.startswith("added claim ")
    assert "warning[W201]" in result.stderr


@pytest.mark.parametrize(
    ("first", "again", "kind", "rid"),
    [
        (["add", "speaker", "Ann Lee"], ["add", "speaker", "ann  LEE"], "speaker", "ann-lee"),
        (
            ["add", "claim", "-s", "ann-lee", "-d", "2021-01-02", "--statement", "The bridge is safe."],
            ["add", "claim", "-s", "Ann Lee", "-d", "2021-01-02", "--statement", "the bridge  is SAFE."],
            "claim",
            None,
        ),
        (
            ["add", "source", "--url", "https://example.org/a", "--outlet", "Gazette"],
            ["add", "source", "--url", "https://example.org/a", "--outlet", "Other"],
            "source",
            None,
        ),
    ],
)
def test_running_an_add_twice_refuses_the_second_unless_an_id_is_given(make_store, run, first, again, kind, rid):
    root = make_store({"p.yaml": "speakers:\n  - id: ann-lee\n    name: Ann Lee\n"})
    if kind != "speaker":
        assert run("--store", str(root), *first).exit_code == 0
    before = {p: p.read_bytes() for p in root.rglob("*.yaml")}
    result = run("--store", str(root), *again)
    assert result.exit_code == 1, result.stdout
    assert f"is already recorded as {kind} '" in result.stderr
    assert result.stdout == ""
    assert {p: p.read_bytes() for p in root.rglob("*.yaml")} == before
    result = run("--store", str(root), *again, "--id", f"another-{kind}")
    assert result.exit_code == 0, result.stderr
    assert f"added {kind} another-{kind}" in result.stdout


def test_the_same_words_on_another_day_or_by_another_speaker_are_new_claims(make_store, run) -> None:
    root = make_store({"p.yaml": "speakers:\n  - id: ann-lee\n    name: Ann Lee\n  - id: bob-roe\n    name: Bob Roe\n"})
    for who, day in (("ann-lee", "2021-01-02"), ("ann-lee", "2021-01-03"), ("bob-roe", "2021-01-02")):
        result = run("--store", str(root), "add", "claim", "-s", who, "-d", day, "--statement", "It is safe.")
        assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("command", [["rm", "nothing-here"], ["rename", "nothing-here", "new-id"]])
def test_an_unknown_id_to_rm_or_rename_points_to_the_listings_not_to_add(make_store, run, command) -> None:
    root = make_store({"e.yaml": BASE})
    result = run("--store", str(root), *command)
    assert result.exit_code == 1
    assert "no claim with id 'nothing-here'" in result.stderr
    assert "claimtrack list" in result.stderr and "add claim" not in result.stderr
