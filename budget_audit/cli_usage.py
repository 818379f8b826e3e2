"""Argument errors as one Chinese line, like every other error (click's are English boxes)."""

from __future__ import annotations

import sys
from typing import Any

try:  # typer vendors click from 0.26 on
    from typer import _click as click
except ImportError:  # pragma: no cover
    import click  # type: ignore[no-redef]
ce = click.exceptions


def usage_message(e: Any) -> str:
    """What was wrong with the command line, and where to read the usage."""
    ctx = getattr(e, "ctx", None)
    command = ctx.command_path if ctx else "budget-audit"
    hint = f"（用 {command} -h 查看用法）"
    if isinstance(e, ce.NoArgsIsHelpError):
        _help_to_stdout(ctx)
        return "缺少命令或参数；用法见标准输出"
    if isinstance(e, ce.NoSuchOption):
        near = f"，是否是 {'、'.join(e.possibilities)}" if e.possibilities else ""
        return f"未知的选项 {e.option_name}{near}{hint}"
    if isinstance(e, ce.MissingParameter):
        return f"缺少参数 {_name(e.param, e.param_hint)}{hint}"
    if isinstance(e, ce.BadParameter):
        return f"参数 {_name(e.param, e.param_hint)} 的值无效：{_expected(e)}{hint}"
    if isinstance(e, ce.BadOptionUsage):
        return f"选项 {e.option_name} 用法有误{hint}"
    if isinstance(e, ce.UsageError):
        return f"{_usage_text(e.message)}{hint}"
    return e.format_message()


def _name(param: Any, given: str | None) -> str:
    if given:
        return str(given)
    if param is None:
        return ""
    opts = getattr(param, "opts", None)
    if getattr(param, "param_type_name", "") == "option" and opts:
        return "/".join(opts)
    return str(getattr(param, "human_readable_name", "") or "").upper()


def _expected(e: Any) -> str:
    """The kind of value the parameter takes (click's own message only as the last resort)."""
    if not str(e.message).isascii():  # our own callbacks speak Chinese already
        return str(e.message)
    kind = getattr(e.param, "type", None)
    if choices := getattr(kind, "choices", None):
        return f"应为 {'、'.join(map(str, choices))} 之一"
    if hasattr(kind, "min") and hasattr(kind, "max"):
        low = f"不小于 {kind.min}" if kind.min is not None else ""
        high = f"不大于 {kind.max}" if kind.max is not None else ""
        return f"应为{'、'.join(x for x in (low, high) if x)}的数"
    if getattr(kind, "name", "") in ("float", "integer"):
        return "应为数字"
    return "格式不对"


def _usage_text(message: str) -> str:
    """click's few free-text usage errors, in Chinese."""
    if message.startswith("No such command"):
        return f"未知的命令 {message.split(' ', 3)[-1].rstrip('.')}"
    if message.startswith("Got unexpected extra argument"):
        return f"多余的参数 {message.split(' (', 1)[-1].rstrip(')')}"
    return message


def _help_to_stdout(ctx: Any) -> None:
    if ctx is not None and sys.stdout is not None:
        sys.stdout.write(ctx.get_help() + "\n")
