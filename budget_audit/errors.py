"""Errors that stop an audit: the CLI turns each into a one-line message and exit 2."""


class AuditError(Exception):
    """The input cannot be audited (missing, empty, binary, undecodable, unreadable PDF)."""


class RuleError(AuditError):
    """The rule pack is malformed; the message names the file and line."""


def describe(e: BaseException) -> str:
    """The one-line reason an audit stopped, for stderr (one file) or a 无法审核 row (a batch)."""
    if isinstance(e, AuditError):
        return str(e)
    if isinstance(e, (OSError, MemoryError, RecursionError)):
        return f"无法审核：{type(e).__name__}: {e}"
    return f"内部错误，无法审核：{type(e).__name__}: {e}"
