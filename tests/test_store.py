"""store.py: finding the store, reading its files, indexing records across files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimtrack.errors import StoreNotFound
from claimtrack.pipeline import load_store
from claimtrack.store import archive_path, display_path, find_store, iter_store_files

SPEAKER = "speakers:\n  - {id: s, name: S}\n"


def write(path: Path, text: str = SPEAKER) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes_at(store) -> list[tuple[str, int, int, str]]:
    return [(Path(d.location.path).name, d.location.line, d.location.column, d.code) for d in store.diagnostics]


# --- find_store ------------------------------------------------------------------


def test_option_beats_environment_beats_nearest(tmp_path):
    opt, env = tmp_path / "opt", tmp_path / "env"
    write(opt / "a.yaml")
    write(env / "a.yaml")
    write(tmp_path / "work" / "claims" / "a.yaml")
    cwd = tmp_path / "work"
    environ = {"CLAIMTRACK_STORE": str(env)}
    assert find_store(str(opt), environ, cwd) == opt
    assert find_store(None, environ, cwd) == env
    assert find_store(None, {}, cwd) == (cwd / "claims").resolve()
    # An empty variable counts as unset.
    assert find_store(None, {"CLAIMTRACK_STORE": ""}, cwd) == (cwd / "claims").resolve()


def test_nearest_claims_folder_upwards_from_a_nested_cwd(tmp_path):
    write(tmp_path / "claims" / "a.yaml")
    deep = tmp_path / "project" / "docs" / "deep"
    deep.mkdir(parents=True)
    assert find_store(None, {}, deep) == (tmp_path / "claims").resolve()
    # A nearer claims/ wins over one further up.
    write(tmp_path / "project" / "claims" / "b.yml")
    assert find_store(None, {}, deep) == (tmp_path / "project" / "claims").resolve()


def test_cwd_inside_the_claims_folder(tmp_path):
    write(tmp_path / "claims" / "a.yaml")
    inner = tmp_path / "claims" / "2020"
    inner.mkdir()
    assert find_store(None, {}, inner) == (tmp_path / "claims").resolve()
    assert find_store(None, {}, tmp_path / "claims") == (tmp_path / "claims").resolve()


def test_claims_folder_without_yaml_is_skipped(tmp_path):
    write(tmp_path / "claims" / "a.yaml")
    empty = tmp_path / "sub" / "claims"
    write(empty / "notes.txt", "not yaml")
    write(empty / ".hidden.yaml")
    write(empty / ".git" / "x.yaml")
    assert find_store(None, {}, tmp_path / "sub") == (tmp_path / "claims").resolve()


def test_yaml_in_a_subfolder_counts(tmp_path):
    write(tmp_path / "claims" / "2020" / "april.yml")
    assert find_store(None, {}, tmp_path) == (tmp_path / "claims").resolve()


def test_no_store_found(tmp_path):
    with pytest.raises(StoreNotFound) as info:
        find_store(None, {}, tmp_path)
    message = str(info.value)
    assert "no claim store found" in message and str(tmp_path.resolve()) in message
    assert "\n" not in message
    assert "--store" in info.value.hint and "CLAIMTRACK_STORE" in info.value.hint


@pytest.mark.parametrize("origin", ["option", "env"])
def test_given_store_must_be_a_folder(tmp_path, origin):
    missing = str(tmp_path / "nope")
    a_file = write(tmp_path / "a.yaml")
    for given, words in ((missing, "does not exist"), (str(a_file), "is a file")):
        with pytest.raises(StoreNotFound) as info:
            if origin == "option":
                find_store(given, {}, tmp_path)
            else:
                find_store(None, {"CLAIMTRACK_STORE": given}, tmp_path)
        assert words in str(info.value)
        assert ("--store" if origin == "option" else "CLAIMTRACK_STORE") in str(info.value)


# --- which files, in which order ---------------------------------------------------


def test_iter_store_files_skips_dot_names_and_reads_yml(tmp_path):
    root = tmp_path / "store"
    for name in (
        "b.yaml",
        "a.yml",
        "sub/c.yaml",
        "z/y/x.yaml",
        ".hidden.yaml",
        ".git/config.yaml",
        "sub/.cache/d.yaml",
        "notes.txt",
        "README.md",
        "x.yaml.bak",
        "y.json",
    ):
        write(root / name)
    got = [p.relative_to(root).as_posix() for p in iter_store_files(root)]
    assert got == ["a.yml", "b.yaml", "sub/c.yaml", "z/y/x.yaml"]


def test_records_load_in_sorted_path_order(tmp_path):
    root = tmp_path / "store"
    write(root / "b.yaml", "claims:\n  - {id: from-b, speaker: s, date: 2020, statement: b}\n")
    write(root / "a.yaml", "claims:\n  - {id: from-a, speaker: s, date: 2020, statement: a}\n" + SPEAKER)
    write(root / "c" / "c.yml", "claims:\n  - {id: from-c, speaker: s, date: 2020, statement: c}\n")
    store = load_store(root, cwd=root)
    assert list(store.claims) == ["from-a", "from-b", "from-c"]
    assert list(store.files) == ["a.yaml", "b.yaml", "c/c.yml"]
    assert store.diagnostics == []


def test_display_paths_are_relative_to_cwd(tmp_path):
    root = tmp_path / "store"
    write(root / "sub" / "a.yaml")
    assert display_path(root / "sub" / "a.yaml", root) == "sub/a.yaml"
    assert display_path(root / "sub" / "a.yaml", tmp_path) == "store/sub/a.yaml"
    store = load_store(root, cwd=tmp_path)
    assert store.speakers["s"].path == "store/sub/a.yaml"


def test_unreadable_file_is_a_diagnostic(tmp_path):
    root = tmp_path / "store"
    write(root / "a.yaml")
    (root / "broken.yaml").symlink_to("does-not-exist.yaml")
    (root / "gone.yaml").symlink_to(tmp_path / "does-not-exist.yaml")
    store = load_store(root, cwd=root)
    # (1.1) A dangling link inside the store cannot be read (E117); one pointing out leaves it (E115).
    assert codes_at(store) == [("broken.yaml", 1, 1, "E117"), ("gone.yaml", 1, 1, "E115")]
    assert "does not exist" in store.diagnostics[0].message
    assert list(store.speakers) == ["s"]


# --- records across files --------------------------------------------------------


def test_records_refer_to_records_in_other_files(tmp_path):
    root = tmp_path / "store"
    write(
        root / "people" / "speakers.yaml",
        "speakers:\n  - {id: trump, name: Donald Trump}\n  - {id: zarif, name: Zarif}\n",
    )
    write(root / "sources.yaml", "sources:\n  - {id: tweet, author: trump}\n")
    write(
        root / "2020" / "a.yaml",
        "claims:\n  - {id: attack, speaker: trump, date: 2020-04-01, statement: s, appears_in: [{source: tweet}]}\n",
    )
    write(
        root / "2021" / "b.yaml",
        "claims:\n  - {id: denial, speaker: zarif, date: 2020-04-02, statement: no,"
        " responds_to: [{claim: attack, relation: denies}]}\n",
    )
    store = load_store(root, cwd=root)
    assert [d.code for d in store.diagnostics] == ["W202"]  # the bare word `no`
    assert [(c.id, link.relation) for c, link in store.answers_to("attack")] == [("denial", "denies")]
    assert store.answers_to("denial") == []
    assert store.speaker_name("zarif") == "Zarif" and store.speaker_name("ghost") == "ghost"


def test_duplicate_ids_across_files_point_at_the_second(tmp_path):
    root = tmp_path / "store"
    write(root / "a.yaml", SPEAKER + "claims:\n  - {id: dup, speaker: s, date: 2020, statement: first}\n")
    write(
        root / "b.yaml",
        "speakers:\n  - id: s\n    name: Second S\n"
        "claims:\n  - id: dup\n    speaker: s\n    date: 2021\n    statement: second\n",
    )
    store = load_store(root, cwd=root)
    assert codes_at(store) == [("b.yaml", 2, 9, "E109"), ("b.yaml", 5, 9, "E109")]
    assert "speaker id 's' is already used at a.yaml:2:5" in store.diagnostics[0].message
    assert "claim id 'dup' is already used at a.yaml:4:5" in store.diagnostics[1].message
    # The first one is used.
    assert store.claims["dup"].statement == "first" and store.speakers["s"].name == "S"
    assert store.error_count == 2 and store.warning_count == 0


def test_same_id_for_different_kinds_is_fine(tmp_path):
    root = tmp_path / "store"
    write(
        root / "a.yaml",
        "speakers: [{id: same, name: S}]\nsources: [{id: same}]\n"
        "claims: [{id: same, speaker: same, date: 2020, statement: x, appears_in: [{source: same}]}]\n",
    )
    assert load_store(root, cwd=root).diagnostics == []


def test_duplicate_id_in_one_file(tmp_path):
    root = tmp_path / "store"
    write(root / "a.yaml", SPEAKER + "  - {id: s, name: Again}\n")
    store = load_store(root, cwd=root)
    assert codes_at(store) == [("a.yaml", 3, 10, "E109")]


def test_responses_index(tmp_path):
    root = tmp_path / "store"
    write(
        root / "a.yaml",
        SPEAKER
        + """claims:
  - {id: orig, speaker: s, date: 2020-01-01, statement: x}
  - {id: later, speaker: s, date: 2020-03-01, statement: x, responds_to: [{claim: orig, relation: rebuts}]}
  - {id: early, speaker: s, date: 2020-02-01, statement: x, responds_to: [{claim: orig, relation: supports}]}
  - id: both
    speaker: s
    date: 2020-02-01
    statement: x
    responds_to: [{claim: orig, relation: clarifies}, {claim: early, relation: denies}]
  - {id: self, speaker: s, date: 2020-02-01, statement: x, responds_to: [{claim: self, relation: supports}]}
  - {id: dangling, speaker: s, date: 2020-02-01, statement: x, responds_to: [{claim: ghost, relation: supports}]}
""",
    )
    store = load_store(root, cwd=root)
    # By date, then id.
    assert [(c.id, link.relation) for c, link in store.answers_to("orig")] == [
        ("both", "clarifies"),
        ("early", "supports"),
        ("later", "rebuts"),
    ]
    assert [c.id for c, _ in store.answers_to("early")] == ["both"]
    assert "self" not in store.responses and "ghost" not in store.responses
    assert sorted(d.code for d in store.diagnostics) == ["E110", "E111"]


def test_line_at_gives_the_excerpt(tmp_path):
    root = tmp_path / "store"
    write(root / "a.yaml", SPEAKER + "claims:\n  - {id: c, speaker: nobody, date: 2020, statement: x}\n")
    store = load_store(root, cwd=root)
    (d,) = store.diagnostics
    assert d.code == "E110" and d.excerpt == "  - {id: c, speaker: nobody, date: 2020, statement: x}"
    assert store.line_at(d.location) == d.excerpt


# --- archives ------------------------------------------------------------------------


def sources_file(*archives: str) -> str:
    return "sources:\n" + "".join(f"  - id: s{n}\n    archive: {a}\n" for n, a in enumerate(archives))


def test_archive_inside_the_store(tmp_path):
    root = tmp_path / "store"
    write(root / "archive" / "a.txt", "text")
    archives = ("archive/a.txt", "./archive/a.txt", "archive/../archive/a.txt", "archive/none.txt")
    write(root / "a.yaml", sources_file(*archives))
    store = load_store(root, cwd=root)
    assert codes_at(store) == [("a.yaml", 9, 14, "W203")]


@pytest.mark.parametrize("archive", ["../outside.txt", "archive/../../outside.txt", "/etc/passwd", "~/outside.txt"])
def test_archive_outside_the_store(tmp_path, archive):
    root = tmp_path / "store"
    write(tmp_path / "outside.txt", "secret")
    write(root / "a.yaml", sources_file(archive))
    store = load_store(root, cwd=root)
    assert codes_at(store) == [("a.yaml", 3, 14, "E113")]
    assert f"'{archive}'" in store.diagnostics[0].message
    assert archive_path(root, archive) is None


def test_archive_symlink_pointing_outside(tmp_path):
    root = tmp_path / "store"
    write(tmp_path / "outside.txt", "secret")
    (root / "archive").mkdir(parents=True)
    (root / "archive" / "link.txt").symlink_to(tmp_path / "outside.txt")
    (root / "linked-dir").symlink_to(tmp_path)
    write(root / "a.yaml", sources_file("archive/link.txt", "linked-dir/outside.txt"))
    store = load_store(root, cwd=root)
    # (1.1) The folder link leaving the store is an error of its own: a store folder may not be one.
    assert codes_at(store) == [("a.yaml", 3, 14, "E113"), ("a.yaml", 5, 14, "E113"), ("linked-dir", 1, 1, "E115")]
    assert archive_path(root, "archive/link.txt") is None


def test_archive_symlink_inside_is_fine(tmp_path):
    root = tmp_path / "store"
    write(root / "archive" / "real.txt", "text")
    (root / "archive" / "link.txt").symlink_to(root / "archive" / "real.txt")
    write(root / "a.yaml", sources_file("archive/link.txt"))
    assert load_store(root, cwd=root).diagnostics == []
    assert archive_path(root, "archive/link.txt") == (root / "archive" / "real.txt").resolve()


def test_archive_paths_with_a_relative_store_root(tmp_path, monkeypatch):
    root = tmp_path / "store"
    write(root / "archive" / "a.txt", "text")
    monkeypatch.chdir(tmp_path)
    assert archive_path(Path("store"), "archive/a.txt") == (root / "archive" / "a.txt").resolve()
    assert archive_path(Path("store"), "../store/archive/a.txt") == (root / "archive" / "a.txt").resolve()
    assert archive_path(Path("store"), "../elsewhere.txt") is None
    assert os.path.isabs(str(archive_path(Path("store"), "archive/a.txt")))
