"""The README's console examples: run each `$ claimtrack ...` and compare or rewrite its output.

`python tests/readme_examples.py --write` refreshes README.md after a deliberate
change of output; tests/test_readme.py fails whenever the two drift apart.

Examples run from the repository's root, on the bundled store, each on its
own. The section "Recording claims" is a session: its commands build a new
store one after another, so they run in order in a scratch folder that holds
only the article they archive (at the same path as in the repository).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n\$ (claimtrack [^\n]*)\n(.*?)```", re.S)
SESSION = re.compile(r"^## Recording claims\n.*?(?=^## )", re.S | re.M)
# What the session's commands read from the repository, copied into its scratch folder.
SESSION_FILES = ("claims/archive/2021-01-agent-provocateurs-report.txt",)


def run_example(command: str, cwd: Path = ROOT) -> str:
    """What a user sees for the command, piped, at 80 columns: stdout and stderr in order."""
    from typer.testing import CliRunner

    from claimtrack.cli import app

    args = shlex.split(command)[1:]
    here = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(app, args, env={"COLUMNS": "80", "NO_COLOR": "1", "CLAIMTRACK_STORE": ""})
    finally:
        os.chdir(here)
    return result.output


def _session_span(text: str) -> tuple[int, int]:
    m = SESSION.search(text)
    return (m.start(), m.end()) if m else (0, 0)


def examples(text: str) -> list[tuple[str, str]]:
    """The examples that run on their own (outside the session)."""
    start, end = _session_span(text)
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text) if not start <= m.start() < end]


def session_examples(text: str) -> list[tuple[str, str]]:
    start, end = _session_span(text)
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text, start, end)]


def run_session(commands: list[str]) -> list[str]:
    """The outputs of the session's commands, run in order in a fresh scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name in SESSION_FILES:
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, folder / name)
        return [run_example(command, folder) for command in commands]


def rewrite(text: str) -> str:
    start, end = _session_span(text)
    outputs = iter(run_session([command for command, _ in session_examples(text)]))

    def block(m: re.Match[str]) -> str:
        inside = start <= m.start() < end
        output = next(outputs) if inside else run_example(m.group(1))
        return f"```console\n$ {m.group(1)}\n{output}```"

    return BLOCK.sub(block, text)


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        text = README.read_text(encoding="utf-8")
        for command, shown in examples(text):
            print("ok  " if run_example(command) == shown else "DIFF", command)
        session = session_examples(text)
        for (command, shown), output in zip(session, run_session([c for c, _ in session]), strict=True):
            print("ok  " if output == shown else "DIFF", command)
