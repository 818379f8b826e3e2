"""total_formula: in a workbook, a 合计/类/款 cell computed by a formula sums the cells it should.

A coded table's 合计 is the sum of its 类, a 类 of its 款, a 款 of its 项 (or, equally, of
any set of lower rows that covers each leaf once). A formula that leaves a row out, or adds
a row twice (a 款 and its 项), gives a wrong total as soon as the figures change, even when
today's cached value still agrees. Only plain sums of cells on the same sheet are judged:
=SUM(E5:E9), =SUM(E5,E9,E12), =E5+E9.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.document import Location
from budget_audit.engine.checks.base import Instance, no_params, operand
from budget_audit.engine.checks.arithmetic.hierarchy import families
from budget_audit.engine.judge import evidence
from budget_audit.understand.model import Line, ReportTable

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
prepare = no_params

_REF = r"[A-Z]{1,3}[0-9]+"
_ITEM = re.compile(rf"^({_REF})(?::({_REF}))?$")
_SUM = re.compile(r"^SUM\(([^()]*)\)$")


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    judged = False
    for table in ctx.report.tables:
        formulas = {c.location: c.formula for row in table.source.rows for c in row if c is not None and c.formula}
        if not formulas or table.kind.layout != "coded" or not table.readable:
            continue
        for panel in table.panels:
            coded = [ln for ln in panel.lines if ln.code and ln.level]
            for column in panel.columns if coded else []:
                printed = {c for ln in panel.lines for col in panel.columns if (c := _cell(ln, col))}
                for parent, children in families(panel.lines, coded):
                    outcome = _family(table, parent, children, coded, column, formulas, printed)
                    if outcome is not None:
                        judged = True
                        yield outcome
    if not judged:
        yield Instance("not_applicable", note="没有以求和公式计算的合计单元格")


def _family(table: ReportTable, parent: Line, children: list[Line], coded: list[Line], column: str,
            formulas: dict[Location, str], printed: set[str]) -> Instance | None:
    """Judge parent's formula; `printed` are the table's figures (a cell outside it is not judged)."""
    fig = parent.figure(column)
    refs = _refs(formulas.get(fig.location, "")) if fig is not None else None
    if fig is None or refs is None:
        return None
    below = [ln for ln in coded if _under(ln, parent)]
    cells = {c: ln for ln in below if (c := _cell(ln, column)) is not None}
    counted = [cells[r] for r in refs if r in cells]
    missing = _missing(parent, below, counted, column)
    twice = [ln for ln in counted if any(_under(ln, other) for other in counted)]
    stray = [r for r in refs if r in printed and r not in cells and r != fig.location.cell]
    if not (missing or twice or stray):
        return Instance("pass")
    total = operand(table, parent, column)
    ev = [evidence(total)] + [evidence(operand(table, ln, column)) for ln in missing + twice]
    problems = [f"漏加了{_rows(missing, column)}" if missing else "",
                f"重复加了{_rows(twice, column)}" if twice else "",
                f"加了下级科目以外的单元格 {'、'.join(stray)}" if stray else ""]
    message = (f"{table.kind.name}“{column}”列：“{evidence(total).row}”（{fig.location.where()}）的公式 "
               f"{formulas[fig.location]} " + "，".join(p for p in problems if p)
               + f"；应加总 {_rows(children, column)}")
    return Instance("fail", message, evidence=ev)


def _missing(node: Line, below: list[Line], counted: list[Line], column: str) -> list[Line]:
    """The highest rows under node that the formula leaves out, with none of their rows counted."""
    out: list[Line] = []
    for kid in [ln for ln in below if _under(ln, node) and not any(_under(ln, m) and _under(m, node) for m in below)]:
        if any(kid is c for c in counted):
            continue
        inside = [ln for ln in below if _under(ln, kid)]
        if any(c is ln for c in counted for ln in inside):
            out.extend(_missing(kid, below, counted, column))
        elif any(_cell(ln, column) for ln in [kid, *inside]):
            out.append(kid)
    return out


def _under(line: Line, parent: Line) -> bool:
    """line is a coded row below parent (below the 合计 row: every coded row)."""
    if parent.code is None:
        return line.code is not None
    return line.code is not None and line.code != parent.code and line.code.startswith(parent.code)


def _cell(line: Line, column: str) -> str | None:
    fig = line.figure(column)
    return fig.location.cell if fig is not None and fig.amount is not None else None


def _rows(lines: list[Line], column: str) -> str:
    return "、".join(f"“{(ln.code or '') + ' ' + ln.label}”（{_cell(ln, column) or '空'}）".replace("“ ", "“")
                    for ln in lines)


def _refs(formula: str) -> list[str] | None:
    """The cells a plain sum adds, ranges expanded; None for any other formula."""
    text = formula.lstrip("=").replace("$", "").replace(" ", "").upper()
    items = []
    for term in text.split("+"):
        m = _SUM.match(term)
        items.extend(m.group(1).split(",") if m else [term])
    out: list[str] = []
    for item in items:
        ref = _ITEM.match(item)
        if ref is None:
            return None
        out.extend(_expand(ref.group(1), ref.group(2) or ref.group(1)))
    return out


def _expand(first: str, last: str) -> list[str]:
    (c0, r0), (c1, r1) = _split(first), _split(last)
    return [f"{_letters(c)}{r}" for c in range(min(c0, c1), max(c0, c1) + 1) for r in range(min(r0, r1), max(r0, r1) + 1)]


def _split(ref: str) -> tuple[int, int]:
    letters = re.match(r"[A-Z]+", ref).group()  # type: ignore[union-attr]
    col = 0
    for ch in letters:
        col = col * 26 + ord(ch) - ord("A") + 1
    return col, int(ref[len(letters):])


def _letters(col: int) -> str:
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(ord("A") + rem) + out
    return out
