"""A workbook number as Excel displays it under the cell's number format.

The printed precision is the format's, not the stored binary value's: 1234.5600001 under
"0.00" is shown, and so claimed, as 1234.56. Like Excel, a float is first cut to 15
significant digits and then rounded half away from zero, all in Decimal.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

# one token of a format section: "literal", \x, _x (padding), *x (fill), [colour], or one character
_TOKEN = re.compile(r'"([^"]*)"|\\(.)|_.|\*.|\[[^\]]*\]|(.)')
_PLACEHOLDER = set("0#?")


def display(value: int | float | Decimal, number_format: str | None) -> str:
    """The text a number is shown as: '1,582.87', '03', '17.06%', '(12.50)', '-' (an accounting zero)."""
    sections = _sections(number_format or "General")
    if sections is None:
        return general(value)  # General, text and scientific formats show a number as General does
    number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    own_sign = number < 0 and len(sections) > 1  # the negative section prints its own sign
    prefix, pattern, suffix = sections[1] if own_sign else sections[2] if number == 0 and len(sections) > 2 \
        else sections[0]
    if not pattern:  # no digit placeholder: a literal such as "-"
        return (prefix + suffix).strip()
    if "%" in prefix + suffix:
        number *= 100
    digits = _digits(abs(number), pattern)
    sign = "-" if number < 0 and not own_sign and digits.strip("0.,") else ""
    return (sign + prefix + digits + suffix).strip()


@lru_cache(maxsize=256)
def _sections(number_format: str) -> list[tuple[str, str, str]] | None:
    """Each section as (literal before, placeholder pattern, literal after); None for General-like formats."""
    if number_format.strip().lower() in ("general", "@") or re.search(r"[eE][+-]", number_format):
        return None
    out = []
    for section in _split(number_format):
        tokens = [(m.group(0), m.group(1) or m.group(2) or m.group(3) or "") for m in _TOKEN.finditer(section)]
        marks = [i for i, (tok, _) in enumerate(tokens) if tok in _PLACEHOLDER]
        if not marks:
            out.append(("".join(lit for _, lit in tokens), "", ""))
            continue
        out.append(("".join(lit for _, lit in tokens[:marks[0]]),
                    "".join(tok for tok, _ in tokens[marks[0]:marks[-1] + 1]),
                    "".join(lit for _, lit in tokens[marks[-1] + 1:])))
    return out


def _digits(number: Decimal, pattern: str) -> str:
    """The number under a placeholder pattern such as '#,##0.00' or '00'."""
    integer, _, fraction = pattern.partition(".")
    decimals = sum(1 for ch in fraction if ch in _PLACEHOLDER)
    shown = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{shown:{',' if ',' in integer else ''}.{decimals}f}"
    whole, dot, frac = text.partition(".")
    leading = integer.count("0")
    if whole.strip(",") == "0" and leading == 0:
        whole = ""  # '#' and '?' print nothing for a zero integer part
    return whole.rjust(leading, "0") + dot + frac


def _split(number_format: str) -> list[str]:
    """positive;negative;zero;text sections, ignoring ';' inside quotes."""
    parts, current, quoted = [], "", False
    for ch in number_format:
        quoted = not quoted if ch == '"' else quoted
        if ch == ";" and not quoted:
            parts.append(current)
            current = ""
        else:
            current += ch
    return parts + [current]


def general(value: int | float | Decimal) -> str:
    """General format: the number with as many decimals as it needs (15 significant digits)."""
    number = Decimal(format(value, ".15g")) if isinstance(value, float) else Decimal(value)
    return format(number.normalize(), "f") if number else "0"
