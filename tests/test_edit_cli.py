"""`claimtrack edit ID`: a fake editor (a small Python program as $EDITOR) changes the file as a person would."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from claimtrack.store import display_path
from fixtures import CLAIMS, SPEAKERS

# The fake editor: records the arguments it got, then does the next action listed in $FAKE_ACTIONS.
FAKE_EDITOR = r"""
import json, os, signal, sys, time
from pathlib import Path
log, actions = Path(os.environ["FAKE_LOG"]), Path(os.environ["FAKE_ACTIONS"])
with log.open("a") as out:
    out.write(json.dumps(sys.argv[1:]) + "\n")
todo = actions.read_text().split()
action, rest = (todo[0], todo[1:]) if todo else ("none", [])
actions.write_text(" ".join(rest))
path = Path(next(a for a in sys.argv[1:] if a.endswith(".yaml") or ".yaml:" in a).split(".yaml")[0] + ".yaml")
text = path.read_text()
if action == "break":  # an unknown speaker: one new error
    old = "speaker: javad-zarif\n    date: 2020-04-02"
    path.write_text(text.replace(old, old.replace("javad-zarif", "nobody-known")))
elif action == "warn":  # a YAML 1.1 word as text: a warning, not an error
    old = "speaker: javad-zarif\n    date: 2020-04-02\n"
    path.write_text(text.replace(old, old + "    venue: yes\n"))
elif action == "fix":
    path.write_text("# fixed\n" + text.replace("speaker: nobody-known", "speaker: javad-zarif"))
elif action == "summary":  # a valid change, two lines added above the claim
    path.write_text(text.replace("claims:\n", "# a note\n# another\nclaims:\n"))
elif action == "sigint":
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGINT)
elif action == "wait":  # until the test says so
    while not Path(os.environ["FAKE_LOG"] + ".go").exists():
        time.sleep(0.05)
    path.write_text(text.replace("claims:\n", "# waited\nclaims:\n"))
elif action == "fail":
    sys.exit(3)
"""

CLAIMTRACK = [sys.executable, "-m", "claimtrack"]


@pytest.fixture
def setup(tmp_path: Path):
    """A store in a folder whose name has a space, and the fake editor; returns (store, claims file, env)."""
    root = tmp_path / "my claims"
    root.mkdir()
    (root / "speakers.yaml").write_text(textwrap.dedent(SPEAKERS))
    (root / "claims.yaml").write_text(textwrap.dedent(CLAIMS))
    editor = tmp_path / "fake editor.py"
    editor.write_text(FAKE_EDITOR)
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("VISUAL", "EDITOR")},
        "EDITOR": f"{sys.executable} '{editor}'",  # a command with an argument, split as a shell splits it
        "FAKE_LOG": str(tmp_path / "log"),
        "FAKE_ACTIONS": str(tmp_path / "actions"),
        "NO_COLOR": "1",
        "CLAIMTRACK_STORE": str(root),
    }
    return root, root / "claims.yaml", env


def actions(env: dict[str, str], *todo: str) -> None:
    Path(env["FAKE_ACTIONS"]).write_text(" ".join(todo))


def calls(env: dict[str, str]) -> list[list[str]]:
    log = Path(env["FAKE_LOG"])
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def edit(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLAIMTRACK, "edit", *args], env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60
    )


def line_of(path: Path, claim_id: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if f"id: {claim_id}" in line)


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["index", "no-cache"])
def test_a_valid_edit_opens_the_record_and_says_what_changed(setup, cache):
    root, claims, env = setup
    actions(env, "summary")
    line = line_of(claims, "zarif-no-wars-2020")
    result = edit(env, "zarif-no", *cache)  # a unique start of the id
    assert result.returncode == 0, result.stderr
    assert calls(env) == [[f"+{line}", str(claims)]]
    shown = display_path(claims)
    assert result.stdout == f"changed claim zarif-no-wars-2020 at {shown}:{line + 2}\n"
    assert result.stderr == ""


def test_json_says_what_was_written(setup):
    _, claims, env = setup
    actions(env, "summary")
    result = edit(env, "zarif-no-wars-2020", "--format", "json")
    written = json.loads(result.stdout)["written"]
    assert written == [
        {
            "action": "changed",
            "kind": "claim",
            "id": "zarif-no-wars-2020",
            "path": display_path(claims),
            "line": line_of(claims, "zarif-no-wars-2020"),
        }
    ]


def test_visual_wins_over_editor(setup, tmp_path):
    _, claims, env = setup
    other = tmp_path / "visual.py"
    other.write_text(FAKE_EDITOR.replace('os.environ["FAKE_LOG"]', 'os.environ["FAKE_LOG"] + ".visual"'))
    actions(env, "none")
    result = edit({**env, "VISUAL": f"{sys.executable} {other}"}, "zarif-no-wars-2020")
    assert result.returncode == 0
    assert calls(env) == [] and Path(env["FAKE_LOG"] + ".visual").exists()
    assert "no changes to" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("cache", [[], ["--no-cache"]], ids=["index", "no-cache"])
def test_an_edit_that_adds_an_error_is_reported_and_kept_off_a_terminal(setup, cache):
    _, claims, env = setup
    actions(env, "break")
    assert edit(env, "zarif-no-wars-2020", *cache).returncode == 1
    claims.write_text(claims.read_text().replace("nobody-known", "javad-zarif"))  # put right by hand
    actions(env, "break")
    result = edit(env, "zarif-no-wars-2020", *cache)  # the index knew the file before: it must see the edit
    assert result.returncode == 1
    assert "E110" in result.stderr and "nobody-known" in result.stderr
    assert "added 1 error" in result.stderr and "saved as edited" in result.stderr
    assert "What now" not in result.stderr  # nothing is asked off a terminal
    assert "nobody-known" in claims.read_text()


def test_an_edit_that_adds_only_warnings_shows_them_and_succeeds(setup):
    _, _, env = setup
    actions(env, "warn")
    result = edit(env, "zarif-no-wars-2020")
    assert result.returncode == 0, result.stderr
    assert "W202" in result.stderr and "What now" not in result.stderr
    assert result.stdout.startswith("changed claim zarif-no-wars-2020 at ")


def test_only_a_regular_file_inside_the_store_is_opened(tmp_path):
    from claimtrack.cli.edit import EditFailed, _read

    root = tmp_path / "store"
    root.mkdir()
    outside = tmp_path / "outside.yaml"
    outside.write_text("claims: []\n")
    (root / "link.yaml").symlink_to(outside)
    os.mkfifo(root / "pipe.yaml")
    with pytest.raises(EditFailed, match="cannot edit link.yaml: a link to .*, outside the store"):
        _read(root, root / "link.yaml", "link.yaml")
    with pytest.raises(EditFailed, match="cannot edit pipe.yaml: .*not a regular file"):
        _read(root, root / "pipe.yaml", "pipe.yaml")  # refused from its stat: never opened, never blocks


def test_problems_the_store_had_before_do_not_count(setup):
    root, claims, env = setup
    (root / "broken.yaml").write_text("claims:\n  - id: lonely\n    speaker: nobody\n")
    actions(env, "summary")
    result = edit(env, "zarif-no-wars-2020")
    assert result.returncode == 0, result.stderr
    assert "E1" not in result.stderr


def test_a_speaker_or_source_id_opens_that_record(setup):
    root, _, env = setup
    speakers = root / "speakers.yaml"
    actions(env, "none", "summary")
    result = edit(env, "javad-zarif")  # no claim id starts so: the speaker with exactly this id
    assert result.returncode == 0, result.stderr
    assert calls(env) == [[f"+{line_of(speakers, 'javad-zarif')}", str(speakers)]]
    (root / "claims.yaml").write_text((root / "claims.yaml").read_text() + "sources:\n  - id: wsj\n    title: T\n")
    result = edit(env, "wsj")
    assert (
        result.stdout
        == f"changed source wsj at {display_path(root / 'claims.yaml')}:{line_of(root / 'claims.yaml', 'wsj')}\n"
    )


def test_unknown_and_ambiguous_ids_exit_1_with_candidates(setup):
    _, _, env = setup
    unknown = edit(env, "zarif-no-war-2020x")
    assert unknown.returncode == 1 and "did you mean" in unknown.stderr and "zarif-no-wars-2020" in unknown.stderr
    ambiguous = edit(env, "zarif")
    assert ambiguous.returncode == 1 and "is the start of 2 claim ids" in ambiguous.stderr
    assert calls(env) == []


def test_editors_that_take_the_line_another_way(setup, tmp_path):
    _, claims, env = setup
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    code = bin_dir / "code"
    code.write_text(f"#!{sys.executable}\n" + FAKE_EDITOR)
    code.chmod(0o755)
    actions(env, "none")
    result = edit({**env, "EDITOR": f"{code} --wait"}, "zarif-no-wars-2020")
    assert result.returncode == 0, result.stderr
    assert calls(env) == [["--wait", "--goto", f"{claims}:{line_of(claims, 'zarif-no-wars-2020')}"]]


def test_an_editor_that_cannot_run_or_fails(setup, tmp_path):
    _, _, env = setup
    missing = edit({**env, "EDITOR": str(tmp_path / "no-such-editor")}, "zarif-no-wars-2020")
    assert missing.returncode == 1 and "cannot run the editor" in missing.stderr and "EDITOR" in missing.stderr
    assert "Traceback" not in missing.stderr
    unquoted = edit({**env, "EDITOR": "vi 'unclosed"}, "zarif-no-wars-2020")
    assert unquoted.returncode == 1 and "$EDITOR cannot be read as a command" in unquoted.stderr
    actions(env, "fail")
    failed = edit(env, "zarif-no-wars-2020")
    assert failed.returncode == 1 and "exited with status 3" in failed.stderr


def test_the_editor_dying_of_ctrl_c_exits_130(setup):
    _, _, env = setup
    actions(env, "sigint")
    result = edit(env, "zarif-no-wars-2020")
    assert result.returncode == 130
    assert "Traceback" not in result.stderr


def test_ctrl_c_while_the_editor_runs_is_the_editors(setup):
    """In a terminal Ctrl-C reaches both; claimtrack must not die under an editor that uses it (vi does)."""
    _, claims, env = setup
    actions(env, "wait")
    proc = subprocess.Popen(
        [*CLAIMTRACK, "edit", "zarif-no-wars-2020"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not calls(env) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    Path(env["FAKE_LOG"] + ".go").write_text("")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert out.startswith("changed claim zarif-no-wars-2020")


def test_new_problems_are_counted_with_lines_aside():
    from claimtrack.errors import Diagnostic, Location, new_problems

    def d(line: int, message: str, path: str = "a.yaml") -> Diagnostic:
        return Diagnostic(Location(path, line, 1), "error", "E109", message)

    before = [d(3, "claim id 'x' is already used at a.yaml:1:7"), d(9, "same")]
    moved = [d(5, "claim id 'x' is already used at a.yaml:2:7"), d(11, "same")]
    assert new_problems(before, moved) == []
    assert new_problems(before, [*moved, d(12, "same")]) == [d(12, "same")]  # a third one is new
    assert new_problems(before, [d(9, "same", "b.yaml")]) == [d(9, "same", "b.yaml")]  # another file
    assert new_problems(before, []) == []


# --- on a terminal: the offer to edit again, as visudo makes it ----------------


def on_terminal(
    env: dict[str, str], answers: list[str], *args: str, meanwhile: Callable[[], object] | None = None
) -> tuple[int, str]:
    """Run `claimtrack edit` with a pseudo-terminal as stdin, stdout and stderr; answer each question in turn.

    `meanwhile` runs when the first question is on the screen, before it is answered."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen([*CLAIMTRACK, "edit", *args], env=env, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    screen = bytearray()
    pending = list(answers)

    def drain() -> None:
        asked = 0
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            screen.extend(chunk)
            while pending and screen.count(b"What now?") > asked:
                asked += 1
                if meanwhile is not None and asked == 1:
                    meanwhile()
                os.write(master, pending.pop(0).encode() + b"\n")

    reader = threading.Thread(target=drain)
    reader.start()
    code = proc.wait(timeout=60)
    reader.join(timeout=5)
    os.close(master)
    return code, screen.decode(errors="replace")


def test_on_a_terminal_the_file_is_reopened_at_the_error(setup):
    _, claims, env = setup
    actions(env, "break", "fix")
    line = line_of(claims, "zarif-no-wars-2020")
    code, screen = on_terminal(env, ["e"], "zarif-no-wars-2020")
    assert code == 0, screen
    assert "What now? (e)dit again, (k)eep it as it is, (r)evert" in screen
    first, second = calls(env)
    assert first == [f"+{line}", str(claims)]
    assert second == [f"+{line + 1}", str(claims)]  # the speaker line, where the error is
    assert "changed claim zarif-no-wars-2020" in screen
    assert "nobody-known" not in claims.read_text()


def test_on_a_terminal_revert_puts_back_every_byte(setup):
    _, claims, env = setup
    before = claims.read_bytes()
    actions(env, "break")
    code, screen = on_terminal(env, ["what?", "r"], "zarif-no-wars-2020")
    assert code == 0, screen
    assert screen.count("What now?") == 2  # an answer it does not know is asked again
    assert claims.read_bytes() == before
    assert "reverted" in screen


def test_on_a_terminal_keep_leaves_the_edit_and_exits_1(setup):
    _, claims, env = setup
    actions(env, "break")
    code, screen = on_terminal(env, ["k"], "zarif-no-wars-2020")
    assert code == 1
    assert "nobody-known" in claims.read_text()
    assert len(calls(env)) == 1


def test_the_readme_example_is_real_output(tmp_path):
    """README "Editing a record by hand": the problem report is what `edit` prints (off a terminal, no question)."""
    import shutil

    from fixtures import BUNDLED
    from readme_examples import README

    store = tmp_path / "claims"
    shutil.copytree(BUNDLED, store)
    editor = tmp_path / "typo.py"
    editor.write_text(
        "import sys\np = sys.argv[-1]\nt = open(p).read()\n"
        "i = t.index('speaker: javad-zarif', t.index('zarif-starts-no'))\n"
        "open(p, 'w').write(t[:i] + 'speaker: javad-zarf' + t[i + 20:])\n"
    )
    env = {**os.environ, "EDITOR": f"{sys.executable} {editor}", "NO_COLOR": "1", "COLUMNS": "200"}
    result = subprocess.run(
        [*CLAIMTRACK, "edit", "zarif-starts"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    text = README.read_text(encoding="utf-8")
    shown = text.split("$ claimtrack edit zarif-starts\n", 1)[1].split("What now?", 1)[0]
    assert result.returncode == 1
    assert result.stderr.startswith(shown)


def test_revert_does_not_undo_what_another_program_wrote_meanwhile(setup):
    _, claims, env = setup
    actions(env, "break")

    def someone_else() -> None:
        claims.write_text(claims.read_text() + "# written by another program\n")

    code, screen = on_terminal(env, ["r"], "zarif-no-wars-2020", meanwhile=someone_else)
    assert code == 1
    assert "changed on disk since it was read" in screen
    assert claims.read_text().endswith("# written by another program\n")


def test_a_speaker_id_that_starts_a_claim_id_opens_the_speaker(setup):
    """New claim ids start with their speaker's id: the exact id wins over the prefix."""
    root, claims, env = setup
    claims.write_text(
        claims.read_text().replace(
            "claims:\n",
            "claims:\n  - id: javad-zarif-words-2021\n    speaker: javad-zarif\n"
            "    date: 2021-01-02\n    statement: Words.\n",
            1,
        )
    )
    speakers = root / "speakers.yaml"
    actions(env, "none")
    result = edit(env, "javad-zarif")
    assert result.returncode == 0, result.stderr
    assert calls(env) == [[f"+{line_of(speakers, 'javad-zarif')}", str(speakers)]]
