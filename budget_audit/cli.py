"""The command line: check, tables, rules, explain. Thin: the work lives in audit()."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from budget_audit import __version__, audit
from budget_audit.engine.rules import load_pack
from budget_audit.errors import AuditError

# Reporters (and rich) are imported where used: a pipeline asking for JSON should not
# pay for the terminal renderer.

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="审核部门预算、决算公开报告：找出报告自相矛盾之处。")


class Format(str, Enum):
    rich = "rich"
    json = "json"


class Threshold(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}
RulesOption = Annotated[Path | None, typer.Option("--rules", help="规则目录（默认使用内置规则）")]
FormatOption = Annotated[Format, typer.Option("--format", help="输出格式")]


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="报告文件（PDF 或文本）")],
    format: FormatOption = Format.rich,
    fail_on: Annotated[Threshold, typer.Option("--fail-on", help="达到该级别的发现即以退出码 1 结束")] = Threshold.error,
    rules: RulesOption = None,
    select: Annotated[str | None, typer.Option("--select", help="只运行这些规则（逗号分隔，可用前缀）")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="不运行这些规则（逗号分隔，可用前缀）")] = None,
    min_coverage: Annotated[float | None, typer.Option(
        "--min-coverage", min=0, max=1, help="说明中已核对数字的比例低于此值（0–1）时以退出码 1 结束")] = None,
) -> None:
    """审核一份报告，列出每一处不一致及其证据。"""
    results = _guard(lambda: audit(file, rules, _ids(select), _ids(ignore)))
    if format is Format.json:
        from budget_audit.reporters import json_report

        sys.stdout.write(json_report.render(results, __version__))
    else:
        from budget_audit.reporters import rich_report

        rich_report.render(results, _console())
    failing = [f for f in results.findings if f.severity in _LEVELS[fail_on.value]]
    raise typer.Exit(1 if failing or _below(results.claim_coverage(), min_coverage) else 0)


def _below(claims: dict[str, int], minimum: float | None) -> bool:
    """The verified share of narrative figures is under the required minimum."""
    if minimum is None:
        return False
    found = claims["found"]
    return found == 0 or claims["verified"] * 1000 < round(minimum * 1000) * found


@app.command()
def tables(
    file: Annotated[Path, typer.Argument(help="报告文件（PDF 或文本）")],
    format: FormatOption = Format.rich,
    rules: RulesOption = None,
) -> None:
    """列出读到的表格：种类、标题、页码、单位、行列数，以及表内是否自洽。"""
    from budget_audit.reporters import tables_report

    pack = _guard(lambda: load_pack(rules))
    results = _guard(lambda: audit(file, pack=pack, select={r.id for r in tables_report.self_checks(pack)}))
    if format is Format.json:
        sys.stdout.write(tables_report.render_json(results, pack))
    else:
        tables_report.render(results, pack, _console())


@app.command("rules")
def list_rules(rules: RulesOption = None) -> None:
    """列出全部规则：编号、级别、标题。"""
    pack = _guard(lambda: load_pack(rules))
    console = _console()
    for r in pack.rules:
        console.print(f"{r.id:<6} {r.severity:<8} {r.title}")


@app.command()
def explain(rule_id: Annotated[str, typer.Argument(help="规则编号，如 A01")], rules: RulesOption = None) -> None:
    """说明一条规则：检查什么、为什么、如何改正。"""
    pack = _guard(lambda: load_pack(rules))
    rule = next((r for r in pack.rules if r.id == rule_id), None)
    if rule is None:
        _fail(f"没有编号为 {rule_id} 的规则；用 budget-audit rules 查看全部规则")
    console = _console()
    console.print(f"[bold]{rule.id}[/] {rule.title}")
    console.print(f"级别：{rule.severity}    适用：{_doc(rule.document)}    检查方式：{rule.check}"
                  f"    目录编号：{rule.catalogue or '-'}    定义于：{rule.where}")
    for key, label in (("what", "检查什么"), ("why", "为什么"), ("fix", "如何改正")):
        console.print(f"\n[bold]{label}[/]\n{rule.explain[key]}")


def _doc(kind: str) -> str:
    return {"budget": "预算", "final_accounts": "决算", "any": "预算和决算"}[kind]


def _ids(text: str | None) -> set[str] | None:
    return {t.strip() for t in text.split(",") if t.strip()} if text else None


def _guard(work):  # type: ignore[no-untyped-def]
    """Run work; anything that stops the audit becomes one line on stderr and exit 2."""
    try:
        return work()
    except AuditError as e:
        _fail(str(e))
    except (OSError, MemoryError, RecursionError) as e:
        _fail(f"无法审核：{type(e).__name__}: {e}")
    except Exception as e:  # noqa: BLE001 - a crash must never look like findings (exit 1)
        _fail(f"内部错误，无法审核：{type(e).__name__}: {e}")


def _console(stderr: bool = False):  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def _fail(message: str) -> NoReturn:
    _console(stderr=True).print(f"budget-audit: {message}", soft_wrap=True, markup=False)
    raise typer.Exit(2)


def main() -> None:
    app()
