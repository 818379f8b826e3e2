"""The closed vocabulary of check kinds. Each module has KEYS, REQUIRED, prepare and run."""

from __future__ import annotations

from types import ModuleType

from budget_audit.engine.checks import (breakdown, compare, completion, count_breakdown, hierarchy, match, outline, percent_format, row_sum,
                                        stated_amount, stated_change, stated_share, sum)

KINDS: dict[str, ModuleType] = {
    "row_sum": row_sum,
    "hierarchy": hierarchy,
    "outline": outline,
    "compare": compare,
    "sum": sum,
    "match": match,
    "stated_amount": stated_amount,
    "stated_share": stated_share,
    "stated_change": stated_change,
    "completion": completion,
    "percent_format": percent_format,
    "breakdown": breakdown,
    "count_breakdown": count_breakdown,
}
