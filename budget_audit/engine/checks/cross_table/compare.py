"""compare: the same figure in two places, or one bounded by the other (relation le/ge)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from collections.abc import Iterator
from dataclasses import dataclass

from budget_audit.engine.checks.base import Instance, relation_param
from budget_audit.engine.checks.cross_table.printings import same_figure
from budget_audit.engine.selectors import Ref, Unresolved, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import Catalog
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"pairs", "relation"}
REQUIRED = {"pairs"}


@dataclass(frozen=True)
class Spec:
    pairs: list[tuple[Ref, Ref]]
    relation: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    pairs = params.get("pairs")
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise RuleError(f"{params.where()}: pairs 应为 [左, 右] 引用对的列表")
    return Spec([(parse_ref(a, catalog, params.where()), parse_ref(b, catalog, params.where())) for a, b in pairs],
                relation_param(params))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    report, catalog = ctx.report, ctx.catalog
    for left_ref, right_ref in spec.pairs:
        left, right = resolve(left_ref, report, catalog), resolve(right_ref, report, catalog)
        if isinstance(left, Unresolved) or isinstance(right, Unresolved):
            why = left if isinstance(left, Unresolved) else right
            yield Instance(why.outcome, note=why.reason)  # type: ignore[union-attr]
            continue
        if left.amount is None and right.amount is None:
            yield Instance("pass")
            continue
        yield same_figure(left, right, spec.relation)
