"""The README's console examples: run each `$ claimtrack ...` and compare or rewrite its output.

`python tests/readme_examples.py --write` refreshes README.md after a deliberate
change of output; tests/test_readme.py fails whenever the two drift apart.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n\$ (claimtrack [^\n]*)\n(.*?)```", re.S)


def run_example(command: str) -> str:
    """What a user sees for the command, piped, at 80 columns: stdout and stderr in order."""
    from typer.testing import CliRunner

    from claimtrack.cli import app

    args = shlex.split(command)[1:]
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args, env={"COLUMNS": "80", "NO_COLOR": "1", "CLAIMTRACK_STORE": ""})
    finally:
        os.chdir(here)
    return result.output


def examples(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in BLOCK.finditer(text)]


def rewrite(text: str) -> str:
    return BLOCK.sub(lambda m: f"```console\n$ {m.group(1)}\n{run_example(m.group(1))}```", text)


if __name__ == "__main__":
    if "--write" in sys.argv:
        README.write_text(rewrite(README.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        for command, shown in examples(README.read_text(encoding="utf-8")):
            print("ok  " if run_example(command) == shown else "DIFF", command)
