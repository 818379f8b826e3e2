"""What a check sees: the report, the rule pack, and the claims bound to figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from budget_audit.engine.binding import Binding, bind_all
from budget_audit.engine.items import Item, build_items, owned
from budget_audit.engine.ledger import Ledger, build_ledger
from budget_audit.engine.rules import RulePack
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.model import Report
from budget_audit.understand.narrative import Passage, passages


@dataclass
class Context:
    report: Report
    pack: RulePack
    verified: set[int] = field(default_factory=set)  # id() of claims a check evaluated

    @property
    def catalog(self) -> Catalog:
        return self.pack.catalog

    @cached_property
    def passages(self) -> list[Passage]:
        """The narrative paragraphs with the headings above them."""
        return passages(self.report.paragraphs)

    @cached_property
    def bindings(self) -> list[Binding]:
        """Every claim bound once per run, shared by the narrative checks."""
        return bind_all(self.report, self.pack.catalog, self.pack.scopes)

    @cached_property
    def items(self) -> list[Item]:
        """The printings of each 科目 item's figure, judged together (T14)."""
        return build_items(self.bindings)

    @cached_property
    def owned(self) -> set[int]:
        """id() of the claims T14 judges instead of T01, P04 and D05."""
        return owned(self.items)

    @cached_property
    def ledger(self) -> Ledger:
        """Every project and the places it is named, built once per run."""
        return build_ledger(self.report, self.pack.scopes.projects)
