"""`budget-audit checklist PATH... --output FILE.xlsx`: audit each report, fill its checklist."""

from __future__ import annotations

from pathlib import Path

from budget_audit.batch.check import files_of
from budget_audit.batch.runner import run_batch
from budget_audit.batch.work import Job
from budget_audit.checklist.fill import NO, fill
from budget_audit.checklist.template import choose, load_templates
from budget_audit.engine.rules import RulePack, default_rules_dir
from budget_audit.errors import AuditError


def checklist(paths: list[Path], output: Path, template: str | None, pack: RulePack, rules_dir: Path | None,
              severities: tuple[str, ...], jobs: int, timeout: float, shard: str | None) -> int:
    """Write the workbook; return the exit code (2 any unaudited, 1 any 否, else 0)."""
    from budget_audit.reporters.checklist_xlsx import Sheet, write

    if output.suffix.lower() != ".xlsx":
        raise AuditError(f"检查表输出应为 .xlsx 文件：{output}")
    templates = load_templates(rules_dir or default_rules_dir(), pack)
    if template is not None:
        choose(templates, template, {})  # an unknown name stops the run before any audit
    files = files_of(paths, shard)
    sheets = []
    for o in run_batch(files, Job(rules_dir, illustrate=True), jobs, timeout):
        if o.document is None:
            sheets.append(Sheet(o, None, []))
            continue
        chosen = choose(templates, template, o.document)
        sheets.append(Sheet(o, chosen, fill(chosen, o.document, severities)))
    write(output, sheets)
    if any(s.outcome.failed for s in sheets):
        return 2
    return 1 if any(r.verdict == NO for s in sheets for r in s.rows) else 0
