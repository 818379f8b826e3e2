"""--select / --ignore: which rules run. A mistyped id must not pass a gate by running nothing."""

from __future__ import annotations

import re

from budget_audit.engine.rules import Rule
from budget_audit.errors import AuditError


def chosen(rules: list[Rule], select: set[str] | None, ignore: set[str] | None) -> list[Rule]:
    """The rules matching `select` (ids or prefixes: A selects A01, A02 …) and not `ignore`.

    An id or prefix that names no rule, or a selection that leaves no rule, is an error that
    lists the valid prefixes.
    """
    for given in (select or set()) | (ignore or set()):
        if not any(_hit(r.id, {given}) for r in rules):
            raise AuditError(f"没有编号为或以 {given!r} 开头的规则（可用前缀：{_prefixes(rules)}）")
    out = [r for r in rules if (not select or _hit(r.id, select)) and not (ignore and _hit(r.id, ignore))]
    if not out:
        raise AuditError(f"--select / --ignore 之后没有剩下任何规则（可用前缀：{_prefixes(rules)}）")
    return out


def _hit(rule_id: str, ids: set[str]) -> bool:
    return any(rule_id == i or rule_id.startswith(i) for i in ids)


def _prefixes(rules: list[Rule]) -> str:
    return "、".join(sorted({m.group() for r in rules if (m := re.match(r"[A-Z]+", r.id))}))
