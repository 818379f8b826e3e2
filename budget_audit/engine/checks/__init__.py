"""The closed vocabulary of check kinds. Each module has KEYS, REQUIRED, prepare and run."""

from __future__ import annotations

from types import ModuleType

from budget_audit.engine.checks import compare, hierarchy, match, outline, row_sum, sum

KINDS: dict[str, ModuleType] = {
    "row_sum": row_sum,
    "hierarchy": hierarchy,
    "outline": outline,
    "compare": compare,
    "sum": sum,
    "match": match,
}
