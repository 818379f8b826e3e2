"""What every check kind shares: the instance it yields and small helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from budget_audit.engine.judge import Verdict, describe, evidence, judge_sum
from budget_audit.engine.results import Evidence
from budget_audit.engine.selectors import Operand
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Figure, Line, Report, ReportTable
from budget_audit.yamlfile import Mapping


@dataclass
class Instance:
    """One checked relation. A fail or a rounding-level pass carries its message."""

    outcome: str
    message: str | None = None
    verdict: Verdict | None = None
    evidence: list[Evidence] = field(default_factory=list)
    note: str | None = None
    severity: str | None = None  # overrides the rule's severity (a doubt rather than a contradiction)


def tables_checked(report: Report, kind: str) -> Iterator[ReportTable | Instance]:
    """The tables of a kind, or an insufficient_data instance for each unreadable one."""
    tables = report.tables_of(kind)
    if not tables:
        yield Instance("not_applicable", note=f"报告中没有{kind}")
    for table in tables:
        if table.readable:
            yield table
        else:
            yield Instance("insufficient_data", note=f"{table.title}：{table.problems[0]}")


def no_params(params: Mapping, catalog: Catalog) -> None:
    """prepare() of the check kinds that take no parameters."""
    return None


def table_param(params: Mapping, catalog: Catalog, name: str = "table") -> str:
    kind = params.get(name)
    if kind not in catalog.kinds:
        raise RuleError(f"{params.where()}: 表 {kind!r} 未在 tables.yaml 中声明")
    return str(kind)


def columns_param(params: Mapping, catalog: Catalog, name: str) -> list[str]:
    cols = params.get(name)
    cols = [cols] if isinstance(cols, str) else cols
    if not isinstance(cols, list) or not cols:
        raise RuleError(f"{params.where()}: {name} 应为列名或列名列表")
    for c in cols:
        if str(c).split("@")[0] not in catalog.columns:
            raise RuleError(f"{params.where()}: 列 {c!r} 未在 tables.yaml 的 columns 中声明")
    return [str(c) for c in cols]


def relation_param(params: Mapping) -> str:
    rel = params.get("relation", "eq")
    if rel not in ("eq", "le", "ge"):
        raise RuleError(f"{params.where()}: relation 应为 eq、le 或 ge，而不是 {rel!r}")
    return str(rel)


def operand(table: ReportTable, line: Line, column: str) -> Operand:
    fig: Figure | None = line.figure(column)
    return Operand(fig.amount if fig else None, fig, table, line, column)


_SIGN = {"eq": "=", "le": "≤", "ge": "≥"}


def judged(total: Operand, parts: list[Operand], relation: str = "eq", context: str = "",
           name: Callable[[Operand], str] = describe) -> Instance:
    """Judge total (relation) Σ parts and word the finding, naming figures with `name`."""
    v = judge_sum(total, parts, relation)
    ev = [evidence(total)] + [evidence(p) for p in parts]
    if v.outcome == "pass" and not v.rounding:
        return Instance("pass", verdict=v)
    shown = [p for p in parts if p.amount is not None]
    rhs = " + ".join(f"{name(p)} {_shown(p, v)}" for p in shown) or "各项（均为空）"
    if 0 < len(shown) < len(parts):
        rhs += f"（另有 {len(parts) - len(shown)} 项为空）"
    sign = _SIGN[relation] if v.outcome == "pass" else {"eq": "≠", "le": ">", "ge": "<"}[relation]
    msg = f"{context}{name(total)} {v.stated} {sign} {rhs}"
    if len(shown) > 1:
        msg += f"（合计 {v.expected}）"
    msg += f"，差额 {v.difference} {v.unit}"
    if v.rounding:
        msg += "，在各数四舍五入的误差范围内"
    if v.unit_slip:
        msg += "；两数恰好相差一万倍，可能是“元”与“万元”混用"
    return Instance(v.outcome, msg, v, ev)


def _shown(op: Operand, v: Verdict) -> str:
    if op.amount is None:
        return "（空）"
    return op.amount.raw if op.amount.unit == v.unit else f"{op.amount.raw}{op.amount.unit}"


def nonempty(ops: list[Operand]) -> bool:
    return any(op.amount is not None for op in ops)


Params = Any
