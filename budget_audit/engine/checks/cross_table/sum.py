"""sum: a figure equals the sum of figures elsewhere (possibly in other tables)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.engine.checks.base import Instance, judged, nonempty, relation_param
from budget_audit.engine.selectors import Operand, Ref, Unresolved, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"total", "parts", "relation"}
REQUIRED = {"total", "parts"}


@dataclass(frozen=True)
class Spec:
    total: Ref
    parts: list[Ref]
    relation: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    parts = params.get("parts")
    if not isinstance(parts, list) or not parts:
        raise RuleError(f"{params.where()}: parts 应为引用列表")
    where = params.where()
    return Spec(parse_ref(str(params["total"]), catalog, where),
                [parse_ref(str(p), catalog, where) for p in parts], relation_param(params))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    report, catalog = ctx.report, ctx.catalog
    resolved = [resolve(r, report, catalog) for r in [spec.total, *spec.parts]]
    missing = next((r for r in resolved if isinstance(r, Unresolved)), None)
    if missing is not None:
        yield Instance(missing.outcome, note=missing.reason)
        return
    ops: list[Operand] = resolved  # type: ignore[assignment]
    present = [op for op in ops[1:] if op.table is not None]
    if not nonempty(ops):
        yield Instance("pass")
        return
    yield judged(ops[0], present, spec.relation)
