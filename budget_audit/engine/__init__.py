"""Run the rule pack on a Report and record an outcome for every rule instance."""

from __future__ import annotations

from budget_audit import deadline
from budget_audit.engine.checks import KINDS
from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.completeness.unread_tables import unread_tables
from budget_audit.engine.context import Context
from budget_audit.engine.results import Finding, Results, RuleRun
from budget_audit.engine.rules import Rule, RulePack
from budget_audit.understand.model import Report


def run_rules(report: Report, pack: RulePack, rules: list[Rule]) -> Results:
    findings: list[Finding] = []
    runs: list[RuleRun] = []
    ctx = Context(report, pack)
    unread = unread_tables(report, pack.catalog)
    for rule in rules:
        deadline.reached(f"核对规则 {rule.id}")
        run = RuleRun(rule.id)
        for inst in _needing(rule, unread, _instances(rule, ctx)):
            run.counts[inst.outcome] += 1
            if inst.note:
                run.notes.append(inst.note)
            if inst.message:
                findings.append(_finding(rule, inst))
        runs.append(run)
    return Results(report, findings, runs, pack.fingerprint, claims=ctx.bindings, verified=ctx.verified,
                   ledger=ctx.ledger, unread=unread)


def _needing(rule: Rule, unread: dict[str, str], instances: list[Instance]) -> list[Instance]:
    """A rule that does not apply only because a listed table could not be read could not be
    checked: insufficient data, not "does not apply"."""
    missing = sorted(rule.tables & unread.keys())
    if not missing:
        return instances
    note = f"需要的{'、'.join(missing)}未能读出"
    return [Instance("insufficient_data", note=note) if i.outcome == "not_applicable" else i for i in instances]


def _instances(rule: Rule, ctx: Context) -> list[Instance]:
    if rule.document not in ("any", ctx.report.document_type):
        return [Instance("not_applicable", note="文档类型不适用")]
    try:
        return list(KINDS[rule.check].run(rule.spec, ctx))
    except deadline.TimedOut:
        raise
    except Exception as e:  # a rule must never take the audit down with it
        return [Instance("error", note=f"规则执行出错：{type(e).__name__}: {e}")]


def _finding(rule: Rule, inst: Instance) -> Finding:
    v = inst.verdict
    rounding = v is not None and v.rounding
    return Finding(
        rule=rule.id,
        severity="info" if rounding else (inst.severity or rule.severity),
        title=rule.title if not rounding else f"{rule.title}（四舍五入差异）",
        message=inst.message or "",
        evidence=inst.evidence,
        stated=v.stated if v else None,
        expected=v.expected if v else None,
        difference=v.difference if v else None,
        unit=v.unit if v else None,
    )
