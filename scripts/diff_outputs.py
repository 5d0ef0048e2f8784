"""Run every read command over the bundled store and tests/data at two commits, and diff the outputs.

Used when code moves: a refactor must leave every command's stdout, stderr
and exit code as they were. Each commit is checked out into a temporary git
worktree and run with this checkout's interpreter (its dependencies).

    python scripts/diff_outputs.py BASE [HEAD]     # HEAD defaults to the working tree
"""

from __future__ import annotations

import argparse
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def stores(tree: Path) -> list[Path]:
    found = [tree / "claims"]
    data = tree / "tests" / "data"
    found += sorted(p for p in data.iterdir() if p.is_dir() and p.name != "errors")
    found += sorted(p for p in (data / "errors").iterdir() if p.is_dir())
    return found


def commands(tree: Path, store: Path) -> list[list[str]]:
    runs: list[list[str]] = []
    for fmt in ("table", "json", "csv"):
        runs.append(["list", "--format", fmt])
    runs += [["list", "--unsourced"], ["list", "--contested", "--format", "json"], ["list", "--sort", "sourcing"]]
    for fmt in ("text", "json", "markdown"):
        runs.append(["report", "--unsourced", "--format", fmt])
    for extra in ([], ["--strict"], ["--format", "json"], ["--strict", "--format", "json"]):
        runs.append(["check", *extra])
    for cmd in ("speakers", "sources"):
        runs += [[cmd], [cmd, "--format", "json"]]
    runs += [["quotes"], ["quotes", "--all"], ["quotes", "--format", "json"], ["dupes"], ["dupes", "--format", "json"]]
    runs += [["search", "sneak attack"], ["search", "iran", "--format", "json"], ["show", "nonexistent-id"]]
    ids = claim_ids(tree, store)
    for cid in ids:
        runs += [["show", cid], ["show", cid, "--format", "json"]]
    return runs


def claim_ids(tree: Path, store: Path) -> list[str]:
    import json

    out = run(tree, store, ["list", "--format", "json"])[1]
    try:
        return [c["id"] for c in json.loads(out)]
    except ValueError:
        return []


def run(tree: Path, store: Path, args: list[str]) -> tuple[int, str, str]:
    """One command in this process (the worker), through Typer's test runner."""
    from typer.testing import CliRunner

    from claimtrack.cli import app

    result = CliRunner().invoke(app, [*args, "--store", str(store)], env={"COLUMNS": "100", "NO_COLOR": "1"})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    # Paths differ between the two trees; name them from the tree's root.
    return result.exit_code, result.stdout.replace(str(tree), "<tree>"), result.stderr.replace(str(tree), "<tree>")


def worker(tree: Path) -> None:
    import json

    os.chdir(tree)
    os.environ.pop("CLAIMTRACK_STORE", None)
    os.environ["CLAIMTRACK_NO_CACHE"] = "1"
    result = {}
    for store in stores(tree):
        rel = store.relative_to(tree).as_posix()
        for args in commands(tree, store):
            code, out, err = run(tree, store, args)
            result[f"{rel} :: {' '.join(args)}"] = f"exit {code}\n--- stdout\n{out}--- stderr\n{err}"
    json.dump(result, sys.stdout)


def outputs(tree: Path) -> dict[str, str]:
    import json

    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", str(tree)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(proc.stdout)


def checkout(rev: str, where: Path) -> Path:
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(where), rev], check=True)
    return where


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", nargs="?")
    parser.add_argument("head", nargs="?", help="a commit; default: the working tree")
    parser.add_argument("--worker", metavar="TREE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        trees = [checkout(args.base, Path(tmp) / "base")]
        trees.append(checkout(args.head, Path(tmp) / "head") if args.head else REPO)
        try:
            before, after = (outputs(tree) for tree in trees)
        finally:
            for tree in trees:
                if tree != REPO:
                    subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)], check=False)
    changed = 0
    for key in sorted(set(before) | set(after)):
        a, b = before.get(key, ""), after.get(key, "")
        if a != b:
            changed += 1
            print(f"=== {key}")
            sys.stdout.writelines(difflib.unified_diff(a.splitlines(True), b.splitlines(True), "before", "after"))
    print(f"{len(before)} runs before, {len(after)} after; {changed} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
