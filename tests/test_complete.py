"""Shell completion: Typer's protocol with the variables a shell sets; real processes where they are the point."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from typer.testing import CliRunner

from claimtrack.cli import app
from fixtures import BUNDLED

CLAIMTRACK = str(Path(sys.executable).parent / "claimtrack")


def complete(line: str, shell: str = "bash", store: Path | str | None = BUNDLED, cwd: Path | None = None):
    """What claimtrack offers for the last word of `line` (a trailing space: a new, empty word).

    Run in-process, with the variables a shell sets, through the same entry point:
    a fresh process per Tab (~0.3 s of start-up) tests nothing the protocol does.
    The process and the shell are tested below (test_bash_runs_the_installed_script,
    test_completion_imports_neither_yaml_nor_rich, the shells' scripts).
    """
    env: dict[str, str | None] = {"CLAIMTRACK_STORE": None if store is None else str(store)}
    env["_CLAIMTRACK_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        words = line.split()
        env["COMP_WORDS"] = line
        env["COMP_CWORD"] = str(len(words) if line.endswith(" ") else len(words) - 1)
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    here = Path.cwd()
    os.chdir(cwd or here)
    try:
        # catch_exceptions=False: a traceback fails the test where it is raised.
        done = CliRunner().invoke(app, [], env=env, prog_name="claimtrack", catch_exceptions=False)
    finally:
        os.chdir(here)
    return SimpleNamespace(stdout=done.stdout, stderr=done.stderr, returncode=done.exit_code)


def offered(line: str, **kw: object) -> list[str]:
    done = complete(line, **kw)  # type: ignore[arg-type]
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_claim_ids_complete_for_show_and_claim_options():
    zarif = ["zarif-agent-provocateurs-2021", "zarif-beware-trap-2021", "zarif-starts-no-wars-2020"]
    assert offered("claimtrack show zarif") == zarif
    assert offered("claimtrack quotes --claim zarif") == zarif
    assert offered("claimtrack timeline --claim zarif-s") == ["zarif-starts-no-wars-2020"]
    assert offered("claimtrack export dot --claim zarif-b") == ["zarif-beware-trap-2021"]
    assert len(offered("claimtrack show ")) == 18


def test_speaker_and_source_ids_complete_for_their_options():
    assert offered("claimtrack list --speaker j") == ["javad-zarif"]
    assert offered("claimtrack report --unsourced -s donald") == ["donald-trump"]
    assert offered("claimtrack list --source report-") == ["report-2020-04-02", "report-2021-01-02"]
    assert offered("claimtrack capture article.txt --source wsj") == ["wsj-2020-04-01"]


def test_the_writing_commands_complete_their_ids():
    assert offered("claimtrack respond zarif-s") == ["zarif-starts-no-wars-2020"]
    assert offered("claimtrack link zarif-b zarif-s") == ["zarif-starts-no-wars-2020"]
    assert offered("claimtrack unlink zarif-b") == ["zarif-beware-trap-2021"]
    assert offered("claimtrack assess trump-s") == ["trump-sneak-attack-2020"]
    assert offered("claimtrack add claim --speaker j") == ["javad-zarif"]
    assert offered("claimtrack add claim --responds-to zarif-s") == ["zarif-starts-no-wars-2020"]
    assert offered("claimtrack add claim --source wsj") == ["wsj-2020-04-01"]
    assert offered("claimtrack add claim --evidence-source wsj") == ["wsj-2020-04-01"]
    assert offered("claimtrack add claim --url u --attributed-to donald") == ["donald-trump"]
    assert offered("claimtrack add speaker Team --member donald") == ["donald-trump"]
    assert offered("claimtrack add source --author donald") == ["donald-trump"]
    assert offered("claimtrack verdict zarif-s --by us-") == ["us-government", "us-media"]
    assert offered("claimtrack appear zarif-s --source wsj") == ["wsj-2020-04-01"]
    # Commands that take any record: claims, speakers and sources.
    assert offered("claimtrack rm javad") == ["javad-zarif"]
    assert offered("claimtrack rename report-2021") == ["report-2021-01-02"]
    assert offered("claimtrack edit zarif-s") == ["zarif-starts-no-wars-2020"]
    assert offered("claimtrack edit donald") == ["donald-trump"]


def test_commands_and_options_still_complete():
    assert offered("claimtrack sh") == ["show"]
    assert "--speaker" in offered("claimtrack list --sp")


def test_the_store_option_is_read_before_or_after_the_command(make_store):
    other = make_store({"c.yaml": "claims:\n  - id: other-claim\n    speaker: s\n"})
    assert offered(f"claimtrack --store {other} show o") == ["other-claim"]
    assert offered(f"claimtrack show --store {other} o") == ["other-claim"]
    assert offered("claimtrack show o", store=None, cwd=other.parent) == ["other-claim"]  # the nearest claims/


def test_no_store_or_a_broken_one_completes_what_it_can(make_store, tmp_path):
    assert offered("claimtrack show z", store=tmp_path / "missing") == []
    assert offered("claimtrack show z", store=None, cwd=tmp_path) == []
    broken = make_store(
        {
            "good.yaml": "claims:\n  - id: zz-good\n",
            "bad.yaml": "claims:\n  - id: zz-in-bad-yaml\n    statement: [unclosed\n",
        }
    )
    (broken / "binary.yaml").write_bytes(b"claims:\n  - statement: \xff\xfe\n    id: zz-after-bad-bytes\n")
    os.mkfifo(broken / "fifo.yaml")  # never opened: a read would block the shell
    assert offered("claimtrack show zz", store=broken) == ["zz-after-bad-bytes", "zz-good", "zz-in-bad-yaml"]


def test_zsh_and_fish_show_labels_as_written(make_store):
    store = make_store(
        {
            "c.yaml": (
                "speakers:\n  - id: s\n    name: Somebody\n"
                'claims:\n  - id: c-one\n    summary: "Says [sic] :fire: [bold]x[/bold] \\e[31mred: yes"\n'
                "  - id: c-two\n    statement: Plain \u202eright-to-left\n"
            )
        }
    )
    zsh = complete("claimtrack show c-", shell="zsh", store=store).stdout
    # Not rendered as rich markup or emoji; the escape stays as written (`\e`, not ESC); ':' escaped for zsh.
    assert '"c-one":"Says [sic] \\\\:fire\\\\: [bold]x[/bold] \\e[31mred\\\\: yes"' in zsh
    assert '"c-two":"Plain \\u202eright-to-left"' in zsh  # a bidirectional control is shown escaped
    assert "\x1b" not in zsh and "\u202e" not in zsh
    fish = complete("claimtrack list --speaker ", shell="fish", store=store).stdout
    assert fish == "s\tSomebody\n"


def test_a_long_label_is_cut_at_a_word(make_store):
    summary = "word " * 40
    store = make_store({"c.yaml": f"claims:\n  - id: long-one\n    summary: {summary}\n"})
    fish = complete("claimtrack show l", shell="fish", store=store).stdout
    value, label = fish.rstrip("\n").split("\t")
    assert value == "long-one"
    assert len(label) <= 70 and label.endswith("word…")


def test_completion_imports_neither_yaml_nor_rich():
    """A Tab must not pay for the YAML parser or rich (~200 ms): completion skims the files."""
    code = (
        "import atexit, sys; "
        "atexit.register(lambda: sys.stderr.write('LOADED=' + ','.join(m for m in ('yaml', 'rich', "
        "'claimtrack.loader', 'claimtrack.store') if m in sys.modules))); "
        "from claimtrack.cli import app; app(prog_name='claimtrack')"
    )
    env = {
        **os.environ,
        "CLAIMTRACK_STORE": str(BUNDLED),
        "_CLAIMTRACK_COMPLETE": "complete_zsh",
        "_TYPER_COMPLETE_ARGS": "claimtrack show zarif-",
    }
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert "zarif-agent-provocateurs-2021" in done.stdout
    assert done.stderr.endswith("LOADED=")


def test_show_completion_prints_the_script_for_the_current_shell():
    done = subprocess.run([CLAIMTRACK, "--show-completion"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "_CLAIMTRACK_COMPLETE" in done.stdout


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _claimtrack_completion claimtrack"),
        ("zsh", "#compdef claimtrack"),
        ("fish", "complete --command claimtrack"),
    ],
)
def test_each_shells_script_as_the_readme_installs_it(shell, marker):
    env = {**os.environ, "_CLAIMTRACK_COMPLETE": f"source_{shell}"}
    done = subprocess.run([CLAIMTRACK], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert marker in done.stdout
    assert f"_CLAIMTRACK_COMPLETE=complete_{shell}" in done.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_runs_the_installed_script():
    """End to end: the script --show-completion prints, sourced in bash, fills COMPREPLY."""
    script = (
        "source <(claimtrack --show-completion bash); COMP_WORDS=(claimtrack show zarif-s); COMP_CWORD=2; "
        '_claimtrack_completion claimtrack; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    env = {
        **os.environ,
        "PATH": f"{Path(CLAIMTRACK).parent}{os.pathsep}{os.environ['PATH']}",
        "CLAIMTRACK_STORE": str(BUNDLED),
    }
    done = subprocess.run(["bash", "--norc", "-c", script], env=env, capture_output=True, text=True)
    assert done.stdout == "zarif-starts-no-wars-2020\n", done.stderr


def test_install_completion_on_a_terminal_says_where_and_exits_0(tmp_path):
    """On a terminal stdout is held for the pager; Click's echo hands it bytes there."""
    import pty

    master, slave = pty.openpty()
    env = {**os.environ, "HOME": str(tmp_path), "SHELL": "/bin/bash", "TERM": "xterm"}
    proc = subprocess.Popen([CLAIMTRACK, "--install-completion"], stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    assert proc.wait(timeout=60) == 0, seen
    assert b"Traceback" not in seen
    assert b"completion installed in" in seen
    assert (tmp_path / ".bash_completions" / "claimtrack.sh").is_file()
