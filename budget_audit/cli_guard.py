"""The command line's outer edge: whatever happens, exit 0, 1 or 2, and exit 2 with one line.

`GuardedGroup` runs the typer commands and turns everything that escapes them into the
contract: usage errors become one Chinese line, output that cannot be written (closed or full
stdout) one line and exit 2, a reader that went away (`| head`) a quiet end, anything else one
line "内部错误" — never a traceback (`BUDGET_AUDIT_DEBUG=1` shows it). Output is UTF-8 whatever
the locale says. `console()` prints through rich with markup off: "[/x]" in a file name, a table
title or a rule's text is printed as it is, never read as markup.
"""

from __future__ import annotations

import errno
import io
import os
import sys
import traceback
from typing import Any, NoReturn

try:  # typer vendors click from 0.26 on
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click  # type: ignore[no-redef]
import typer
from typer.core import TyperCommand, TyperGroup

from budget_audit.errors import AuditError

DEBUG_ENV = "BUDGET_AUDIT_DEBUG"


class Failed(Exception):
    """Stop with exit 2 and this one-line message."""


_verdict = 0  # the exit code the command has decided on, kept if its reader goes away


def one_line(text: object) -> str:
    """A message on one line: line breaks in file names or library errors shown as spaces."""
    return " ".join(str(text).split())


def fail(message: str) -> NoReturn:
    raise Failed(message)


def decided(code: int) -> int:
    """The command's exit code, decided before its output is written."""
    global _verdict
    _verdict = code
    return code


def stdout() -> Any:
    """The stream results go to; exit 2 if there is none (stdout closed)."""
    if sys.stdout is None:
        raise Failed("无法输出结果：标准输出已关闭")
    return sys.stdout


def console() -> Any:
    """The terminal: text from the report or the rule pack is printed as it is, never as markup;
    a reader that goes away ends the run quietly (rich would exit 1, as if there were findings)."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    return _Console(file=stdout(), highlight=False, markup=False, emoji=False)


class GuardedGroup(TyperGroup):
    """typer's command group, with the outer edge above."""

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        global _verdict
        _verdict = 0
        _utf8_streams()
        code = _last_resort(lambda: super(GuardedGroup, self).main(args, prog_name, complete_var,
                                                              standalone_mode=False, **extra))
        if standalone_mode:
            sys.exit(code)
        return code


class Command(TyperCommand):
    """A command whose usage line reads `check [OPTIONS] FILE`, not typer's `{file}`."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [p.strip("{}") for p in super().collect_usage_pieces(ctx)]


def _last_resort(work: Any) -> int:
    """Even a fault in the handlers below ends in one line."""
    try:
        return _run(work)
    except BaseException as e:  # noqa: BLE001
        if isinstance(e, SystemExit) and e.code in (0, 1, 2):
            return int(e.code)
        return _say(f"内部错误，无法审核：{type(e).__name__}")


def _run(work: Any) -> int:
    try:
        code = work()
        _flush()
        return code if isinstance(code, int) else 0
    except BrokenPipeError:
        return _quiet()
    except (Failed, AuditError) as e:
        return _say(str(e))
    except typer.Abort:
        return _say("已中止")
    except typer.Exit as e:
        return _exit_code(e.exit_code)
    except click.ClickException as e:
        from budget_audit.cli_usage import usage_message

        return _say(usage_message(e))
    except OSError as e:
        return _say(f"无法输出或读取：{_os_reason(e)}")
    except (MemoryError, RecursionError) as e:
        return _say(f"无法审核：{type(e).__name__}（输入过大或结构过深）")
    except KeyboardInterrupt:
        return _say("已中断")
    except Exception as e:  # noqa: BLE001 - a crash must never look like findings (exit 1)
        return _say(f"内部错误，无法审核：{type(e).__name__}: {e}")


def _exit_code(code: int) -> int:
    """The command's own exit code, once its output has been written out."""
    try:
        _flush()
    except BrokenPipeError:
        return _quiet()
    except OSError as e:
        return _say(f"无法输出结果：{_os_reason(e)}")
    return code


def _os_reason(e: OSError) -> str:
    reasons = {errno.ENOSPC: "磁盘已满", errno.EACCES: "没有权限", errno.EBADF: "输出已关闭", errno.EIO: "输入输出错误"}
    return reasons.get(e.errno or 0, e.strerror or type(e).__name__)


def _flush() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _say(message: str) -> int:
    """Exit 2 with one line on stderr; the traceback only when BUDGET_AUDIT_DEBUG is set."""
    if os.environ.get(DEBUG_ENV) and sys.exc_info()[0] is not None:
        traceback.print_exc()
    _silence_stdout()  # a half-written stdout must not fail again at exit
    if sys.stderr is not None:
        try:
            sys.stderr.write(f"budget-audit: {one_line(message)}\n")
            sys.stderr.flush()
        except OSError:
            pass
    return 2


def _quiet() -> int:
    """Broken pipe: the reader has what it wanted. End quietly with the audit's own verdict."""
    _silence_stdout()
    return _verdict


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's buffer): nothing to flush at exit


def _utf8_streams() -> None:
    """Chinese output whatever the locale (LC_ALL=C, PYTHONIOENCODING=ascii)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
                stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError, OSError):
            pass
