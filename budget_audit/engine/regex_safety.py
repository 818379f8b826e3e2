"""Rule-pack regexes that cannot backtrack for ever.

Python's `re` has no time limit and holds the interpreter while it runs, so a pattern such as
`(.*)*X` or `(a+)+b` would hang the audit on an ordinary sentence, beyond the reach of any
deadline. Such patterns are refused when the rule pack is loaded: an unbounded repeat may not
contain another repeat of variable length, or an alternation. (Bounded repeats such as `{0,12}` are fine.)
"""

from __future__ import annotations

from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
_UNBOUNDED = 100  # more repeats than this count as unbounded


def backtracking_risk(pattern: str) -> str | None:
    """Why the pattern may backtrack exponentially, or None."""
    return _walk(_parser.parse(pattern), inside=False)


def _walk(items: Any, inside: bool) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            low, high, body = av
            unbounded = high == sre.MAXREPEAT or high > _UNBOUNDED
            if inside and high > 1 and low != high:  # a fixed count (\d{3}) leaves no choice
                return "重复之内又有重复（如 (.*)*、(a+)+）"
            if (found := _walk(body, inside or unbounded)) is not None:
                return found
        elif op is sre.BRANCH:
            if inside:
                return "无上限的重复之内有分支（如 (a|aa)*）"
            for branch in av[1]:
                if (found := _walk(branch, inside)) is not None:
                    return found
        elif op is sre.SUBPATTERN:
            if (found := _walk(av[-1], inside)) is not None:
                return found
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if (found := _walk(av[1], inside)) is not None:
                return found
    return None
