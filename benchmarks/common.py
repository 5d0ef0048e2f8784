"""What the benchmark scripts share: timing, running fresh processes, the header they print.

bench.py (load, list, report, check, start-up) and bench_fuzzy.py (search,
dupes) import these; nothing here knows what is measured.
"""

from __future__ import annotations

import gc
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from synth import StoreInfo

HERE = Path(__file__).resolve().parent
DATA = HERE / ".data"  # gitignored
GIB = 2**30
MIB = 2**20
MIN_RUNS = 10  # timed runs behind every PASS or MISS


# --- timing -----------------------------------------------------------------------


@dataclass
class Timing:
    name: str
    samples: list[float] = field(default_factory=list)  # seconds
    failures: list[str] = field(default_factory=list)  # why runs exited non-zero

    @property
    def median_ms(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def min_ms(self) -> float:
        return min(self.samples) * 1000

    @property
    def max_ms(self) -> float:
        return max(self.samples) * 1000

    @property
    def runs(self) -> int:
        return len(self.samples)

    def spread(self, unit: str = "ms") -> str:
        """min / median / max (runs), in ms or s."""
        scale = 1.0 if unit == "ms" else 0.001
        return (
            f"{self.min_ms * scale:,.1f} / {self.median_ms * scale:,.1f} / {self.max_ms * scale:,.1f}{unit}"
            f" ({self.runs})"
        )


def run_env() -> dict[str, str]:
    """The environment of timed runs: bytecode cached, as in any installed copy.

    Some sandboxes set PYTHONDONTWRITEBYTECODE, which makes every run compile
    claimtrack's modules again (a reference script has none of its own to
    compile). The cache goes under .data so that nothing is written into src/.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")
    return env


RUN_ENV = run_env()


def run_once(argv: list[str]) -> tuple[float, int, str]:
    """Wall time of one fresh process, its exit code, and the end of its stderr."""
    start = time.perf_counter()
    done = subprocess.run(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=RUN_ENV
    )
    elapsed = time.perf_counter() - start
    return elapsed, done.returncode, done.stderr.decode("utf-8", "replace")[-500:]


def time_commands(commands: dict[str, list[str]], repeat: int) -> dict[str, Timing]:
    """Time each command `repeat` times, round-robin, after one untimed warm-up run each.

    Round-robin spreads the machine's slow moments over all commands instead
    of one; the warm-up fills the page cache and writes .pyc files.
    """
    timings = {name: Timing(name) for name in commands}
    for round_no in range(repeat + 1):
        for name, argv in commands.items():
            elapsed, code, stderr = run_once(argv)
            if code != 0:
                timings[name].failures.append(f"exit {code}: {stderr.strip()}")
            if round_no > 0:
                timings[name].samples.append(elapsed)
    return timings


def time_calls(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """In-process counterpart of time_commands: round-robin, one untimed warm-up round."""
    timings = {name: Timing(name) for name in calls}
    for round_no in range(repeat + 1):
        for name, call in calls.items():
            elapsed, result = timed(call)
            del result
            if round_no > 0:
                timings[name].samples.append(elapsed)
    return timings


def time_call_keep(call: Callable[[], object], repeat: int) -> tuple[Timing, object]:
    """One call timed as time_calls does, keeping the last result (a store, an index) for later steps.

    The previous result is dropped before each call, so two never sit in memory at once.
    """
    timing = Timing("call")
    result: object = None
    for round_no in range(repeat + 1):
        result = None
        elapsed, result = timed(call)
        if round_no > 0:
            timing.samples.append(elapsed)
    return timing, result


def timed(call: Callable[[], object]) -> tuple[float, object]:
    """One call from a collected heap; undoes load_store's gc.freeze so the next call starts alike."""
    gc.collect()
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    gc.unfreeze()
    return elapsed, result


def without_collector(call: Callable[[], object]) -> Callable[[], object]:
    """The call with the cyclic collector paused, as load_store runs its own parse."""

    def run() -> object:
        gc.disable()
        try:
            return call()
        finally:
            gc.enable()

    return run


def exponent(small: float | None, large: float | None, scale: float | None) -> float | None:
    """k in value ~ n**k, from two sizes `scale` apart: 1 grows with n, 2 with its square."""
    if not small or not large or not scale or scale <= 1 or small <= 0 or large <= 0:
        return None
    return math.log(large / small) / math.log(scale)


def verdict(ok: bool | None, runs: int | None = None) -> str:
    """PASS or MISS; 'too few runs' when it rests on fewer than MIN_RUNS timed runs."""
    if ok is None:
        return ""
    word = "PASS" if ok else "MISS"
    return f"{word} (only {runs} runs)" if runs is not None and runs < MIN_RUNS else word


# --- fresh processes with their memory ----------------------------------------------------


@dataclass
class ChildRun:
    """One fresh process: wall time, exit code, its own peak RSS, what it printed."""

    seconds: float
    code: int
    maxrss: int  # bytes: peak RSS of the program the child ran (see run_child)
    stdout: str
    stderr: str
    timed_out: bool = False
    cpu: float = 0.0  # seconds of CPU (user + system) the child used: steadier than wall on a busy machine

    @property
    def ok(self) -> bool:
        return self.code == 0 and not self.timed_out

    def why(self) -> str:
        if self.timed_out:
            return f"killed after {self.seconds:.0f} s (--timeout)"
        # The last two lines: an exception's message can be wrapped over them.
        last = " ".join(line.strip() for line in self.stderr.strip().splitlines()[-2:])
        return f"exit {self.code}: {last[-240:]}"


def rusage_bytes(value: int) -> int:
    """ru_maxrss is in KiB on Linux and in bytes on macOS."""
    return value if sys.platform == "darwin" else value * 1024


def watch_peak(pid: int, stop: threading.Event, peak: list[int]) -> None:
    """Follow a child's VmHWM (peak RSS of its current program) until it exits; Linux only.

    ru_maxrss cannot be used for children of this process: Linux carries the
    RSS a process had before exec into its ru_maxrss, and a child starts as a
    copy of this benchmark (fork, vfork or posix_spawn alike; measured:
    `python -c pass` from a parent holding 800 MiB reports ru_maxrss 810 MiB,
    VmHWM 9 MiB). VmHWM belongs to the program after exec and only grows, so
    the last reading before the child exits is its peak.
    """
    path = f"/proc/{pid}/status"
    while True:
        try:
            with open(path, encoding="ascii", errors="replace") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak[0] = max(peak[0], int(line.split()[1]) * 1024)
                        break
        except (OSError, ValueError):
            return
        if stop.wait(0.005):
            return


def run_child(argv: list[str], memory_limit: float | None = None, timeout: float | None = None) -> ChildRun:
    """Run argv to completion: wall time, exit code, output, and peak RSS (watch_peak).

    The memory limit (GiB of address space) turns a runaway allocation into a
    MemoryError in the child instead of the kernel's OOM killer picking a
    victim on a shared machine.
    """

    def limit() -> None:
        if memory_limit:
            cap = int(memory_limit * GIB)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=RUN_ENV, preexec_fn=limit)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        elapsed, peak, cpu = wait_watched(proc, start)
        if timer:
            timer.cancel()
        out.seek(0)
        err.seek(0)
        return ChildRun(
            elapsed,
            proc.returncode,
            peak,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace")[-2000:],
            killed.is_set(),
            cpu,
        )


def wait_watched(proc: subprocess.Popen, start: float) -> tuple[float, int, float]:
    """Wait for a child started at `start` (perf_counter), watching its memory:
    (wall seconds, peak RSS in bytes, CPU seconds); proc.returncode is set."""
    # Popen returns once the child has exec'd, so what is watched is the program's own memory.
    peak, stop = [0], threading.Event()
    watcher = threading.Thread(target=watch_peak, args=(proc.pid, stop, peak), daemon=True)
    watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stop.set()
    watcher.join()
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here; tell Popen so it never waits again
    # No /proc: ru_maxrss, an overestimate.
    return elapsed, peak[0] or rusage_bytes(usage.ru_maxrss), usage.ru_utime + usage.ru_stime


def time_child(argv: list[str], repeat: int, **limits: float | None) -> tuple[Timing, list[ChildRun]]:
    """One untimed warm-up run (page cache, .pyc files), then `repeat` timed runs, with their memory."""
    return time_runs(" ".join(argv[:3]), lambda: run_child(argv, **limits), repeat)


def time_runs(name: str, child: Callable[[], ChildRun], repeat: int) -> tuple[Timing, list[ChildRun]]:
    """One untimed warm-up call of `child` (page cache, .pyc files), then `repeat` timed ones:
    their wall times, and every run (the warm-up first) for their CPU and memory."""
    timing = Timing(name)
    runs = []
    for round_no in range(repeat + 1):
        run = child()
        runs.append(run)
        if not run.ok:
            timing.failures.append(run.why())
            break  # a failing command fails the same way again; do not wait for it twice
        if round_no > 0:
            timing.samples.append(run.seconds)
    return timing, runs


# --- the header and the store -----------------------------------------------------------------


def claimtrack_argv() -> tuple[list[str], str]:
    """The console script users run, when installed next to this Python; else `python -m claimtrack`."""
    script = Path(sys.executable).parent / ("claimtrack.exe" if os.name == "nt" else "claimtrack")
    if script.is_file():
        return [str(script)], f"console script {script}"
    return [sys.executable, "-m", "claimtrack"], f"{sys.executable} -m claimtrack (no console script found)"


def print_environment(ct_note: str) -> None:
    import yaml

    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("claimtrack", "typer", "rich", "rapidfuzz", "pyyaml")
    )
    print(f"python    {platform.python_version()} ({sys.executable})")
    print(f"packages  {versions}; libyaml {'yes' if yaml.__with_libyaml__ else 'NO'}")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    print(f"machine   {platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average {load}")
    print(f"runs      {ct_note}")
    ignored = " (PYTHONDONTWRITEBYTECODE ignored)" if "PYTHONDONTWRITEBYTECODE" in os.environ else ""
    print(f"bytecode  cached in {RUN_ENV['PYTHONPYCACHEPREFIX']}{ignored}")


def print_store(info: StoreInfo) -> None:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(info.sourcing.items()))
    print(f"store     {info.root}")
    print(
        f"          {info.files} files, {info.bytes:,} bytes ({info.bytes / MIB:.1f} MiB), {info.claims:,} claims, "
        f"{info.speakers} speakers, {info.sources} sources ({info.archives} archived)"
    )
    print(
        f"          {info.responding:,} claims answer others through {info.links:,} links; "
        f"longest chain {info.longest_chain} claims"
    )
    print(f"          sourcing: {statuses}")


def validate_store(ct: list[str], info: StoreInfo) -> bool:
    """A benchmark means little on a store that claimtrack rejects, so say so loudly."""
    argv = [*ct, "check", "--store", str(info.root), "--format", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, env=RUN_ENV)
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        print(f"WARNING: `claimtrack check` printed no JSON (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        return False
    counts = report.get("counts", {})
    ok = done.returncode == 0 and counts.get("claims", info.claims) == info.claims
    if ok:
        print(
            f"store is valid: claimtrack check exit 0, {counts.get('claims')} claims, "
            f"{counts.get('warnings', 0)} warnings"
        )
    else:
        print(f"WARNING: the generated store is not valid: check exit {done.returncode}, counts {counts}")
        for d in report.get("diagnostics", [])[:5]:
            print(f"  {d.get('path')}:{d.get('line')}: {d.get('code')} {d.get('message')}")
    return ok
