"""What the engine concludes: an outcome for every rule instance, findings with evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budget_audit.document import Location
from budget_audit.engine.binding import Binding
from budget_audit.engine.fingerprint import fingerprint
from budget_audit.understand.model import Report

if TYPE_CHECKING:  # the ledger cites its places with Evidence
    from budget_audit.engine.ledger import Ledger

OUTCOMES = ("pass", "fail", "not_applicable", "insufficient_data", "error")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Evidence:
    """One place a finding points at: the logical place and the printed place."""

    table: str | None = None
    row: str | None = None
    column: str | None = None
    section: str | None = None
    text: str | None = None
    location: Location | None = None
    span: tuple[int, int] | None = None  # the figure's place in `text`


@dataclass
class Finding:
    rule: str
    severity: str
    title: str
    message: str
    evidence: list[Evidence]
    stated: str | None = None
    expected: str | None = None
    difference: str | None = None
    unit: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self)


@dataclass
class RuleRun:
    """The outcomes of one rule over all its instances."""

    rule: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    notes: list[str] = field(default_factory=list)  # why instances were not checked


@dataclass
class Results:
    report: Report
    findings: list[Finding]
    runs: list[RuleRun]
    rules_fingerprint: str
    claims: list[Binding] = field(default_factory=list)
    verified: set[int] = field(default_factory=set)  # id() of the claims a check evaluated
    ledger: Ledger | None = None  # the projects and where each is named
    unread: dict[str, str] = field(default_factory=dict)  # listed table kind → why it was not read

    def claim_coverage(self) -> dict[str, int]:
        return {"found": len(self.claims), "bound": sum(1 for b in self.claims if b.operand is not None),
                "verified": sum(1 for b in self.claims if id(b.claim) in self.verified)}

    def coverage(self) -> dict[str, int]:
        total = dict.fromkeys(OUTCOMES, 0)
        for run in self.runs:
            for k, v in run.counts.items():
                total[k] += v
        return total

    def summary(self) -> dict[str, int]:
        out = dict.fromkeys(SEVERITIES, 0)
        for f in self.findings:
            out[f.severity] += 1
        return out
