"""Where stdout goes, and what happens when it cannot take the output (cli.md 1.1).

One gate around every run of the command line (`run`), one stream standing in
for sys.stdout (`Stdout`), so that no command has to think about these:

- a reader that goes away (`claimtrack list | head -1`) stops the output
  quietly, exit 0: the reader had what it wanted;
- a stdout that cannot be written (closed with `>&-`, a full disk) is one line
  on stderr and exit 1, never a traceback;
- a character the output encoding cannot hold (PYTHONIOENCODING=ascii) is
  escaped as `\\u00e9`, never a UnicodeEncodeError: the escape JSON uses, so
  that JSON output stays JSON (Python's own `\\xe9` is not);
- Ctrl-C exits 130;
- on a terminal, output taller than the screen goes through a pager
  ($PAGER, else `less -FRX`), as git does; `--no-pager` turns it off.

The failures are raised as BaseException subclasses so that no `except
Exception` on the way (Typer's, Click's, ours) can swallow or reword them.
"""

from __future__ import annotations

import atexit
import os
import sys
from collections.abc import Callable
from typing import IO, Any, NoReturn

EXIT_INTERRUPTED = 130
ESCAPE_ERRORS = "claimtrack-escape"
NO_PAGER = "--no-pager"
DEFAULT_PAGER = "less -FRX"


class PipeClosed(BaseException):
    """The reader of stdout went away."""


class OutputFailed(BaseException):
    """Stdout cannot be written: closed, or the disk is full."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.reason = error.strerror or str(error)


class Stdout:
    """sys.stdout for the length of a run: turns write failures into the two exceptions above,
    and holds the first screenful on a terminal to decide whether the pager is needed."""

    def __init__(self, real: IO[str] | None) -> None:
        self._real = real
        self.encoding = getattr(real, "encoding", None) or "utf-8"
        self.errors = ESCAPE_ERRORS
        self._terminal = bool(real and _isatty(real))
        self.paging = self._terminal
        self._held: list[str] | None = [] if self._terminal else None
        self._held_lines = 0
        self._pager: Any = None  # the pager process, once started
        self._pipe: IO[str] | None = None  # its stdin, as text
        self._dropped = False  # after a failure, writes go nowhere

    # --- the stream interface rich, Click, csv and json use --------------------

    def write(self, text: str) -> int:
        if isinstance(text, (bytes, bytearray)):
            # Click's echo sends bytes when it thinks it may (Typer's
            # --install-completion does): held text must all be str.
            text = bytes(text).decode("utf-8", "replace")
        if self._dropped:
            return len(text)
        if self._held is not None and not self.paging:  # --no-pager came after the first write
            held, self._held = self._held, None
            self._call(lambda stream: stream.write("".join(held)))
        if self._held is not None:
            self._held.append(text)
            self._held_lines += text.count("\n")
            if self.paging and self._held_lines >= _screen_lines():
                self._start_pager()
            return len(text)
        self._call(lambda stream: stream.write(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._held is None and not self._dropped:
            self._call(lambda stream: stream.flush())

    def isatty(self) -> bool:
        return self._terminal

    def fileno(self) -> int:
        if self._real is None:
            raise OSError(9, "stdout is closed")
        return self._real.fileno()

    def writable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    # --- the end of a run --------------------------------------------------------

    def finish(self) -> None:
        """Send what is held and wait for the pager; failures raise as during the run."""
        held, self._held = self._held, None
        if held:
            self._call(lambda stream: stream.write("".join(held)))
        self._call(lambda stream: stream.flush())
        self._stop_pager()

    def discard(self) -> None:
        """After a failure: drop what is left, so that nothing is written (or fails) at exit."""
        self._held = None
        self._dropped = True
        pipe, self._pipe = self._pipe, None
        if pipe is not None:
            try:
                pipe.close()
            except OSError:
                pass
        self._stop_pager()
        if self._real is not None:
            try:
                # Python flushes stdout once more at exit: let that go nowhere.
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, self._real.fileno())
                os.close(devnull)
            except (OSError, ValueError):
                pass

    # --- inside ------------------------------------------------------------------

    def _call(self, action: Callable[[IO[str]], object]) -> None:
        stream = self._pipe or self._real
        if stream is None:
            raise OutputFailed(OSError(9, "stdout is closed"))
        try:
            action(stream)
        except BrokenPipeError:
            raise PipeClosed() from None
        except OSError as error:
            raise OutputFailed(error) from None
        except ValueError as error:  # a stream closed under us
            raise OutputFailed(OSError(9, str(error))) from None

    def _start_pager(self) -> None:
        command = pager_command()
        held, self._held = self._held or [], None
        if command is not None:
            import subprocess

            env = dict(os.environ)
            env.setdefault("LESS", "FRX")  # as git: quit if one screen, keep colours, leave the screen
            env.setdefault("LV", "-c")
            try:
                self._pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE, env=env)
            except OSError:
                self._pager = None
            if self._pager is not None:
                import io

                assert self._pager.stdin is not None
                self._pipe = io.TextIOWrapper(self._pager.stdin, encoding=self.encoding, errors=self.errors)
        self._call(lambda stream: stream.write("".join(held)))

    def _stop_pager(self) -> None:
        pager, self._pager = self._pager, None
        if pager is None:
            return
        pipe, self._pipe = self._pipe, None
        try:
            if pipe is not None:
                pipe.close()
        except OSError:
            pass
        import signal

        # The pager owns the terminal until it quits; Ctrl-C is the pager's to handle meanwhile.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            pager.wait()
        finally:
            signal.signal(signal.SIGINT, previous)


def pager_command() -> str | None:
    """$PAGER, else `less -FRX`; None when it is empty, `cat`, or cannot be found."""
    import shlex
    import shutil

    command = os.environ.get("PAGER", DEFAULT_PAGER).strip()
    try:
        words = shlex.split(command)
    except ValueError:
        return None
    if not words or words[0] == "cat" or shutil.which(words[0]) is None:
        return None
    return command


def pager_off() -> None:
    """`--no-pager`: write straight through."""
    if isinstance(sys.stdout, Stdout):
        sys.stdout.paging = False


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False


def _screen_lines() -> int:
    import shutil

    return shutil.get_terminal_size().lines


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """`\\u00e9` for what the encoding cannot hold; past the BMP, a surrogate pair, as JSON writes it."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escapes = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escapes.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escapes.append(f"\\u{code:04x}")
    return "".join(escapes), error.end


def _prepare_streams() -> Stdout:
    import codecs

    codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)
    real_out, real_err = sys.stdout, sys.stderr
    # A closed descriptor 1 or 2 would be handed to the next file opened (a store
    # file, say), which a later write would then overwrite: fill it, as git does.
    for fd in (1, 2):
        try:
            os.fstat(fd)
        except OSError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != fd:
                os.dup2(devnull, fd)
                os.close(devnull)
    if real_err is None or real_err.closed:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    for stream in (real_out, sys.stderr):
        try:
            stream.reconfigure(errors=ESCAPE_ERRORS)  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass
    out = Stdout(real_out if real_out is not None and not real_out.closed else None)
    sys.stdout = out  # type: ignore[assignment]
    return out


_RUNNING = False


def exits_next() -> bool:
    """Whether the process exits when the command ends (`run` drives it), rather than a test
    that runs many commands in one process."""
    return _RUNNING


def run(main: Callable[[], object]) -> NoReturn:
    """Run the command line with stdout guarded; exit with the command's code or the gate's."""
    global _RUNNING
    _RUNNING = True
    out = _prepare_streams()
    code: Any = 0
    try:
        try:
            main()
        except SystemExit as exc:
            code = exc.code
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
        out.finish()
    except PipeClosed:
        out.discard()
        code = 0
    except OutputFailed as exc:
        out.discard()
        _say(f"claimtrack: cannot write the output: {exc.reason}")
        code = 1
    except KeyboardInterrupt:
        out.discard()
        code = EXIT_INTERRUPTED
    except BaseException:
        out.discard()  # an internal bug: its traceback, and nothing half-written after it
        raise
    _exit(code)


def _exit(code: Any) -> NoReturn:
    """Exit without freeing every object one by one, as an interpreter's shutdown does: a first
    load of 100,000 claims holds millions, and freeing them cost more than a warm command.
    What exit does besides is done here: the atexit handlers run, the streams are flushed
    (stdout's gate is finished or discarded by now). A code that is not a number is a message,
    which sys.exit prints."""
    if code is not None and not isinstance(code, int):
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, PipeClosed, OutputFailed):
            pass  # a stdout already given up on, a stderr closed: nothing more can be said
    os._exit(code or 0)


def _say(line: str) -> None:
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
