"""Many files parsed in worker processes give what parsing them one by one gives (parse_pool.py)."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claimtrack import index, loader, parse_pool
from claimtrack.cli import app
from fixtures import CLAIMS, SPEAKERS

ALIASED = """
claims:
  - &one
    id: aliased-claim
    speaker: donald-trump
    date: 2020-04
    statement: Said once, listed twice.
  - *one
"""

BROKEN = "claims:\n  - id: [unclosed\n"
WRONG = "claims:\n  - id: Not An Id\n    speaker: nobody\n    date: someday\n    statement: ''\n"

TEXTS = [
    ("speakers.yaml", SPEAKERS.encode()),
    ("claims.yaml", CLAIMS.encode()),
    ("aliased.yaml", ALIASED.encode()),
    ("broken.yaml", BROKEN.encode()),
    ("wrong.yaml", WRONG.encode()),
    ("latin1.yaml", "claims: caf\xe9\n".encode("latin-1")),
    ("empty.yaml", b""),
]


def parsed_only(items):
    return [parsed for parsed, _rows in parse_pool.parse_many(items)]


@pytest.fixture
def pooled(monkeypatch):
    """Workers for any number of bytes, two of them."""
    monkeypatch.setattr(parse_pool, "MIN_BYTES", 0)
    monkeypatch.setenv(parse_pool.JOBS_ENV, "2")


def test_workers_parse_as_one_process_does(pooled, monkeypatch):
    workers = []
    real = parse_pool._in_workers
    monkeypatch.setattr(parse_pool, "_in_workers", lambda *args: workers.append(args[1]) or real(*args))
    together, rows = zip(*parse_pool.parse_many(TEXTS), strict=True)
    assert workers == [2]
    assert all(one is not None for one in rows)  # what the index writes came made
    assert list(together) == [loader.parse_bytes(name, data) for name, data in TEXTS]
    assert [one.path for one in together] == [name for name, _data in TEXTS]
    aliased = together[2].claims
    assert len(aliased) == 2 and aliased[0] is aliased[1]  # one record, as the loader makes it
    assert together[3].diagnostics and together[5].diagnostics  # the broken and the undecodable file


def test_few_bytes_or_one_core_parse_here(monkeypatch):
    monkeypatch.setattr(parse_pool, "_in_workers", lambda *args: pytest.fail("workers started"))
    monkeypatch.setenv(parse_pool.JOBS_ENV, "2")
    assert parsed_only(TEXTS) == [loader.parse_bytes(n, d) for n, d in TEXTS]  # under MIN_BYTES
    monkeypatch.setattr(parse_pool, "MIN_BYTES", 0)
    monkeypatch.setenv(parse_pool.JOBS_ENV, "1")
    assert parsed_only(TEXTS) == [loader.parse_bytes(n, d) for n, d in TEXTS]
    monkeypatch.setenv(parse_pool.JOBS_ENV, "2")
    assert parsed_only(TEXTS[:1]) == [loader.parse_bytes(*TEXTS[0])]  # one file: no one to share with


def test_no_workers_to_be_had_parses_here(pooled, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing, "get_context", refuse)
    assert parsed_only(TEXTS) == [loader.parse_bytes(n, d) for n, d in TEXTS]


@pytest.mark.parametrize(
    ("value", "expected"), [("3", 3), (" 2 ", 2), ("0", 1), ("1", 1), ("many", None), ("-2", None), ("", None)]
)
def test_jobs_from_the_environment(value, expected):
    cores = min(parse_pool.jobs({}), parse_pool.MAX_JOBS)
    assert parse_pool.jobs({parse_pool.JOBS_ENV: value}) == (expected if expected is not None else cores)
    assert 1 <= cores <= parse_pool.MAX_JOBS


def test_a_first_load_in_workers_answers_as_one_process(pooled, tmp_path, monkeypatch):
    store = tmp_path / "claims"
    store.mkdir()
    for name, data in TEXTS:
        (store / name).write_bytes(data)
    runner = CliRunner()
    workers = []
    real = parse_pool._in_workers
    monkeypatch.setattr(parse_pool, "_in_workers", lambda *args: workers.append(len(args[0])) or real(*args))
    answers = []
    for jobs in ("2", "1"):
        monkeypatch.setenv(parse_pool.JOBS_ENV, jobs)
        monkeypatch.setenv("CLAIMTRACK_CACHE_DIR", str(tmp_path / f"index-{jobs}"))
        for argv in (["check"], ["list", "--format", "json"]):
            result = runner.invoke(app, [*argv, "--store", str(store)])
            answers.append((jobs, argv[0], result.exit_code, result.stdout, result.stderr))
    pooled_answers, serial_answers = answers[:2], answers[2:]
    assert [a[1:] for a in pooled_answers] == [a[1:] for a in serial_answers]
    assert pooled_answers[0][2] == 1 and "broken.yaml" in pooled_answers[0][3]
    assert workers == [len(TEXTS)]  # the first load parsed every file in workers; the rest came from the index


def _die(item):
    os._exit(3)  # a worker killed mid-file (by the kernel's OOM killer, say)


def test_a_worker_that_dies_is_not_waited_for(pooled, monkeypatch):
    monkeypatch.setattr(parse_pool, "_parse_rows", _die)
    assert parsed_only(TEXTS) == [loader.parse_bytes(n, d) for n, d in TEXTS]


@pytest.mark.parametrize(("name", "data"), TEXTS)
def test_a_parse_comes_back_from_its_rows(name, data):
    parsed = loader.parse_bytes(name, data)
    again = index.parsed_from_rows(name, index.file_rows(parsed))
    assert again == parsed
    if name == "aliased.yaml":
        assert again.claims[0] is again.claims[1]  # one record listed twice, as the loader made it


def test_loading_imports_no_workers_machinery():
    """Every command that reads a store imports the load step: the pool's modules (15 ms) only when used."""
    code = (
        "import sys, claimtrack.pipeline; "
        "print(sorted(m for m in ('multiprocessing', 'concurrent.futures') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
