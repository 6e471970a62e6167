"""The ``qckpt`` command line.

Every user error ends as one ``file:line:col: error: ...`` line (with an
excerpt where there is a source line), exit code 1, and no traceback.
Exit code 2 is a usage error (argparse's convention).
"""

from __future__ import annotations

import os
import sys
import warnings

from qckpt.cli.checks import check_args, os_error_line
from qckpt.cli.io import EXIT_INTERNAL_ERROR, EXIT_USER_ERROR
from qckpt.cli.parser import build_parser
from qckpt.diagnostics import QckptError

__all__ = ["EXIT_INTERNAL_ERROR", "EXIT_USER_ERROR", "build_parser", "main"]


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    from qckpt.diagnostics import QckptWarning

    if issubclass(category, QckptWarning):
        print(f"warning: {message}", file=sys.stderr)
    else:
        _python_showwarning(message, category, filename, lineno, file, line)


_python_showwarning = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    from qckpt.cli import early_signals

    if argv is None:  # this process is the qckpt command: a stop signal during start-up is kept, not fatal
        early_signals.hold()
    from qckpt.cli import run_commands

    run_commands.OWNS_PROCESS = argv is None
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit:  # --help, a usage error
        early_signals.release()
        raise
    if not run_commands.counts_stop_signals(args):
        early_signals.release()
    if args.command is None:  # bare qckpt: what it can do, not an error
        parser.print_help()
        return 0
    warnings.showwarning = _show_warning
    try:
        check_args(args)
        status = args.func(args)
        try:
            sys.stdout.flush()  # a full stdout fails here, inside the handlers, not at exit
        except BrokenPipeError:
            raise
        except OSError as e:
            raise QckptError(f"cannot write to standard output: {e.strerror or e}") from None
        return status
    except QckptError as e:
        print(e.render(), file=sys.stderr)
        _silence_stdout()
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except OSError as e:
        # A path the command could not read or write (a directory where a
        # file is expected, a full disk, no permission): the user's to fix.
        print(f"error: {os_error_line(e)}", file=sys.stderr)
        _silence_stdout()
        return EXIT_USER_ERROR
    except Exception as e:  # a bug in qckpt, not in the input
        if os.environ.get("QCKPT_TRACEBACK"):
            raise
        print(f"internal error: {type(e).__name__}: {e}\n(this is a qckpt bug; rerun with QCKPT_TRACEBACK=1 to see the traceback)", file=sys.stderr)
        return EXIT_INTERNAL_ERROR


def _silence_stdout() -> None:
    """If stdout cannot take what is buffered (full, closed), point it at
    /dev/null so the interpreter's exit does not fail on it again (with a
    second message and exit 120). A stdout that flushes is left alone."""
    try:
        sys.stdout.flush()
        return
    except (OSError, ValueError):
        pass
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
