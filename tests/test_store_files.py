"""What the store reads on disk: regular files inside it, never what a link or special file points at.

Each case would leak, hang or blow up if the file were opened: the tests
prove it is not (a pipe that were opened would block the test for ever, so
each such case runs in a child process with a time limit).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimtrack.pipeline import load_store

SPEAKER = "speakers: [{id: s, name: S}]\n"


def codes_of(root: Path) -> list[tuple[str, str]]:
    return [(d.location.path, d.code) for d in load_store(root, cwd=root).diagnostics]


def run_cli(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "claims"
    folder.mkdir()
    (folder / "s.yaml").write_text(SPEAKER)
    return folder


def test_a_link_to_a_secret_outside_is_an_error_and_its_text_never_shown(root, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("claims: [{id: leak, speaker: s, date: 2020, statement: TOP-SECRET-TOKEN}]\n")
    (root / "x.yaml").symlink_to("../secret.yaml")
    (root / "passwd.yaml").symlink_to("/etc/passwd")
    result = run_cli("check", "--format", "json", "--store", str(root))
    assert result.returncode == 1
    assert "TOP-SECRET-TOKEN" not in result.stdout + result.stderr
    assert "root:" not in result.stdout + result.stderr
    found = {(d["path"].rsplit("/", 1)[-1], d["code"]) for d in json.loads(result.stdout)["diagnostics"]}
    assert found == {("x.yaml", "E115"), ("passwd.yaml", "E115")}
    assert list(load_store(root).claims) == []


def test_a_link_inside_the_store_is_read(root):
    (root / "sub").mkdir()
    (root / "sub" / "c.yaml").write_text("claims: [{id: a, speaker: s, date: 2020, statement: x}]\n")
    (root / "alias.yaml").symlink_to("sub/c.yaml")
    st = load_store(root, cwd=root)
    assert [d.code for d in st.diagnostics] == ["E109"]  # read twice: through the link and as itself
    assert list(st.claims) == ["a"]


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "/proc/self/environ"])
def test_links_to_devices_and_proc_are_never_read(root, target):
    (root / "dev.yaml").symlink_to(target)
    result = run_cli("check", "--store", str(root), timeout=20)
    assert result.returncode == 1
    assert "E115" in result.stdout and "Traceback" not in result.stderr
    assert len(result.stdout) < 2000


def test_a_pipe_named_yaml_is_reported_not_waited_on(root):
    os.mkfifo(root / "x.yaml")
    for command in ("check", "list"):
        result = run_cli(command, "--store", str(root), timeout=20)  # a read would block for ever
        assert "Traceback" not in result.stderr
    check = run_cli("check", "--store", str(root))
    assert check.returncode == 1 and "E116" in check.stdout and "named pipe" in check.stdout


def test_a_link_loop_and_a_folder_loop_end(root):
    (root / "a.yaml").symlink_to("b.yaml")
    (root / "b.yaml").symlink_to("a.yaml")
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to("..")
    assert sorted(codes_of(root)) == [("a.yaml", "E117"), ("b.yaml", "E117"), ("sub/up", "E117")]


def test_a_file_over_the_size_bound_is_refused_before_it_is_read(root, monkeypatch):
    from claimtrack import fsutil

    monkeypatch.setattr(fsutil, "DEFAULT_LIMIT", 1000)
    (root / "big.yaml").write_text("claims:\n" + "  - {id: a, speaker: s, date: 2020, statement: x}\n" * 100)
    st = load_store(root, cwd=root)
    assert [(d.location.path, d.code) for d in st.diagnostics] == [("big.yaml", "E117")]
    assert "MB" in st.diagnostics[0].message and "split it" in (st.diagnostics[0].hint or "")


def test_only_yaml_files_count_and_other_links_are_ignored(root, tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    (root / "notes.txt").symlink_to("../notes.txt")
    (root / ".hidden.yaml").symlink_to("/etc/passwd")
    assert codes_of(root) == []


def test_an_unreadable_store_folder_is_one_line(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    locked = tmp_path / "claims"
    locked.mkdir(mode=0)
    result = run_cli("list", "--store", str(locked))
    assert result.returncode == 2 and "cannot read the store folder" in result.stderr


@pytest.mark.parametrize("cwd", ["/tmp/x", "/tmp/x/claims", "/tmp/x/claims/sub", "/", "/tmp/y", None])
@pytest.mark.parametrize("root", ["/tmp/x/claims", "claims", "/tmp", "../x/claims", "."])
def test_files_are_named_as_display_path_names_them(root, cwd):
    """The load step names a store's files with display_namer, which works the folder out once."""
    from claimtrack.store import display_namer, display_path

    name = display_namer(Path(root), Path(cwd) if cwd else None)
    for rel in ("a.yaml", "sub/c.yaml", "sub/deeper/d.yml"):
        assert name(rel) == display_path(Path(root) / rel, Path(cwd) if cwd else None)
