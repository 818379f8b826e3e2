"""科目编码 as the table evidently means them, when a leading zero was left out in print.

“301 │ 2” in the 类/款 columns is 30102; a code one digit short that continues the code printed
above it (“3012” under 301, “208051” under 20805) is that code's child with the zero restored.
The printing itself stays in Line.printed_code, for the code checks to report.
"""

from __future__ import annotations

from budget_audit.understand.model import Line

LEVELS = {3: 1, 5: 2, 7: 3}  # code length → level (类, 款, 项)


def joined_code(texts: list[str]) -> str:
    """The code from its cells: a 款 or 项 segment of one digit after a 3-digit 类 is padded."""
    digits = [t for t in texts if t.isdigit()]
    if len(digits) > 1 and len(digits[0]) == 3:
        return digits[0] + "".join(d.zfill(2) for d in digits[1:])
    return "".join(digits)


def mend_codes(lines: list[Line]) -> None:
    """Restore the zero of a code one digit short of a level under the code printed above it."""
    above: dict[int, str] = {}  # the last code printed at each length
    for line in lines:
        code = line.code
        if not code:
            continue
        parent = above.get(len(code) - 1)
        if len(code) + 1 in LEVELS and parent and code.startswith(parent):
            code = line.code = parent + "0" + code[len(parent):]
            line.level = LEVELS[len(code)]
        above = {n: c for n, c in above.items() if n < len(code)} | {len(code): code}
