"""`budget-audit tables`: what was read, and whether each table's own totals reconcile."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from budget_audit.engine.results import Results
from budget_audit.engine.rules import Rule, RulePack
from budget_audit.reporters.json_report import table as table_json
from budget_audit.reporters.rich_report import pages_text
from budget_audit.understand.model import ReportTable

SCHEMA = "budget-audit/tables@1"


def self_checks(pack: RulePack) -> list[Rule]:
    """Rules that read a single table: the extraction's self-check."""
    return [r for r in pack.rules if len(r.tables) == 1]


def reconcile(results: Results, pack: RulePack, table: ReportTable) -> dict[str, int]:
    """Pass / fail counts of the self-check rules for the table's kind (all its instances)."""
    ids = {r.id for r in self_checks(pack) if table.kind.name in r.tables}
    out = {"pass": 0, "fail": 0, "insufficient_data": 0}
    for run in results.runs:
        if run.rule in ids:
            for k in out:
                out[k] += run.counts[k]
    return out


def render_json(results: Results, pack: RulePack) -> str:
    r = results.report
    doc: dict[str, Any] = {
        "schema": SCHEMA,
        "source": {"path": r.path, "sha256": r.sha256, "format": r.format, "pages": r.pages},
        "document": {"type": r.document_type, "year": r.year, "body": r.body},
        "tables": [{**table_json(t), "columns": _columns(t), "self_check": reconcile(results, pack, t)}
                   for t in r.tables],
        "unrecognised_tables": r.unrecognised_tables,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def render(results: Results, pack: RulePack, console: Console) -> None:
    r = results.report
    t = Table(title=f"{r.path}：识别 {len(r.tables)} 张表，另有 {r.unrecognised_tables} 张未归类", title_justify="left")
    for col in ("种类", "标题", "位置", "单位", "行×列", "表内自洽"):
        t.add_column(col, overflow="fold")
    for tab in r.tables:
        where = f"第{pages_text(tab.pages)}页" if tab.pages else tab.location.where()
        t.add_row(tab.kind.name, tab.title, where, tab.unit, f"{len(tab.lines)}×{_columns(tab)}",
                  _status(tab, reconcile(results, pack, tab)))
    console.print(t)


def _columns(t: ReportTable) -> int:
    return sum(len(p.columns) for p in t.panels)


def _status(table: ReportTable, counts: dict[str, int]) -> Text:
    if not table.readable:
        return Text("未能读取：" + table.problems[0], "red")
    if counts["fail"]:
        return Text(f"不符 {counts['fail']} 处（通过 {counts['pass']}）", "red")
    if counts["pass"]:
        return Text(f"自洽（{counts['pass']} 项核对）", "green")
    return Text("无可核对项" if table.kind.layout != "list" else "—", "dim")
