"""Errors that stop an audit: the CLI turns each into a one-line message and exit 2."""


class AuditError(Exception):
    """The input cannot be audited (missing, empty, binary, undecodable, unreadable PDF)."""


class RuleError(AuditError):
    """The rule pack is malformed; the message names the file and line."""
