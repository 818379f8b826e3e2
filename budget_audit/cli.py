"""The command line: check, checklist, tables, rules, explain. Thin: the work lives in audit()
and the batch runner."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from budget_audit import __version__, audit
from budget_audit.cli_guard import Command, GuardedGroup, console, decided, fail, stdout
from budget_audit.deadline import DEFAULT_SECONDS
from budget_audit.engine.rules import load_pack
from budget_audit.gate.setup import configured_pack

if TYPE_CHECKING:
    from budget_audit.gate.setup import Settings

# Reporters (and rich) are imported where used: a pipeline asking for JSON should not
# pay for the terminal renderer.

app = typer.Typer(cls=GuardedGroup, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
                  help="审核部门预算、决算公开报告：找出报告自相矛盾之处。")


class Format(str, Enum):
    rich = "rich"
    json = "json"


class CheckFormat(str, Enum):
    rich = "rich"
    json = "json"
    jsonl = "jsonl"
    html = "html"
    markdown = "markdown"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    gitlab = "gitlab"


class Threshold(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


_LEVELS = {"error": ("error",), "warning": ("error", "warning"), "info": ("error", "warning", "info")}
RulesOption = Annotated[Path | None, typer.Option("--rules", help="规则目录（默认使用内置规则）")]
FormatOption = Annotated[Format, typer.Option("--format", help="输出格式")]
TimeoutOption = Annotated[float, typer.Option(
    "--timeout", min=0.1, metavar="SECONDS", help="每个文件的时限（秒），超时以退出码 2 结束")]
VerboseOption = Annotated[bool, typer.Option("--verbose", help="显示 PDF 解析库的警告")]
FileArgument = Annotated[Path, typer.Argument(help="报告文件（PDF、文本、Excel 工作簿或 Word 文档）", metavar="FILE")]
PathsArgument = Annotated[list[Path], typer.Argument(
    help="报告文件或文件夹（PDF、文本、Excel 工作簿或 Word 文档；文件夹递归查找）", metavar="PATH...")]
JobsOption = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="并行审核的进程数（默认为 CPU 数）")]
ShardOption = Annotated[str | None, typer.Option("--shard", help="只审核文件列表的第 K 份（共 N 份），写作 K/N")]


@app.command(cls=Command)
def check(
    ctx: typer.Context,
    paths: PathsArgument,
    format: Annotated[CheckFormat, typer.Option("--format", help="输出格式")] = CheckFormat.rich,
    one_report: Annotated[bool, typer.Option(
        "--one-report", help="几个文件合为一份报告（如说明 .docx 与报表 .xlsx），相互核对")] = False,
    fail_on: Annotated[Threshold, typer.Option("--fail-on", help="达到该级别的发现即以退出码 1 结束")] = Threshold.error,
    rules: RulesOption = None,
    select: Annotated[str | None, typer.Option("--select", help="只运行这些规则（逗号分隔，可用前缀）")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", help="不运行这些规则（逗号分隔，可用前缀）")] = None,
    min_coverage: Annotated[float | None, typer.Option(
        "--min-coverage", callback=lambda v: _ratio(v), metavar="R",
        help="说明中已核对数字的比例低于此值（0–1）时以退出码 1 结束")] = None,
    jobs: JobsOption = None,
    timeout: TimeoutOption = DEFAULT_SECONDS,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（除终端报告外的各种格式）")] = None,
    summary: Annotated[Path | None, typer.Option("--summary", help="把汇总表写入 FILE.csv 或 FILE.xlsx（另附全部发现）")] = None,
    shard: ShardOption = None,
    verbose: VerboseOption = False,
    # the review-pipeline gate (budget_audit/config, budget_audit/gate)
    config: Annotated[Path | None, typer.Option("--config", help="配置文件（默认从报告所在文件夹向上查找）")] = None,
    waivers: Annotated[Path | None, typer.Option("--waivers", help="豁免文件（YAML）")] = None,
    baseline: Annotated[Path | None, typer.Option("--baseline", help="基线文件：只有基线中没有的发现才算失败")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="不输出终端报告，只给退出码（和机器格式的输出）")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="不使用颜色（也可设 NO_COLOR）")] = False,
) -> None:
    """审核报告（一个文件，或多个文件和文件夹），列出每一处不一致及其证据；- 从标准输入读取。"""
    from budget_audit.batch.files import is_batch
    from budget_audit.gate.setup import no_color as set_no_color, settings, stdin_paths

    _verbose(verbose)
    set_no_color(no_color)
    paths = stdin_paths(paths)
    s = settings(paths, config, _given(ctx, {
        "select": _ids(select), "ignore": _ids(ignore), "fail-on": fail_on.value, "min-coverage": min_coverage,
        "jobs": jobs, "timeout": timeout, "waivers": waivers, "baseline": baseline}), rules)
    fail_on, min_coverage, jobs, timeout = Threshold(s.config["fail-on"]), s.config["min-coverage"], \
        s.config["jobs"], s.config["timeout"]
    select, ignore = (",".join(sorted(s.config[k])) if s.config[k] else None for k in ("select", "ignore"))
    if not one_report and (is_batch(paths) or format.value in ("jsonl", "html", "markdown") or summary or shard):
        _check_batch(paths, format.value, fail_on, rules, select, ignore, min_coverage, jobs, timeout,
                     output, summary, shard, s, quiet)
    if output is not None and format is CheckFormat.rich:
        fail("--output 用于 json、jsonl、markdown、html、sarif、junit、github、gitlab 格式；终端报告请重定向")
    from budget_audit.config.pack import build_pack
    from budget_audit.gate.output import emit_one

    pack = build_pack(s.setup)
    results = audit(paths if one_report else paths[0], select=_ids(select), ignore=_ids(ignore), pack=pack,
                    timeout=timeout)
    levels = _LEVELS[fail_on.value]
    verdict: list[int] = []

    def judged(doc: dict) -> None:
        failing = any(f["severity"] in levels for f in doc["findings"])
        verdict.append(decided(1 if failing or _below(results.claim_coverage(), min_coverage) else 0))

    emit_one(results, format.value, s, pack, __version__, levels, output, console(), quiet, judged)
    raise typer.Exit(verdict[0])


def _given(ctx: typer.Context, flags: dict[str, object]) -> dict[str, object]:
    """The flags set on the command line (or by environment): they win over the configuration file."""
    names = {"fail-on": "fail_on", "min-coverage": "min_coverage"}
    sources = {k: ctx.get_parameter_source(names.get(k, k)) for k in flags}
    return {k: v for k, v in flags.items() if getattr(sources[k], "name", "") in ("COMMANDLINE", "ENVIRONMENT")}


def _check_batch(paths: list[Path], format: str, fail_on: Threshold, rules: Path | None, select: str | None,
                 ignore: str | None, min_coverage: float | None, jobs: int | None, timeout: float,
                 output: Path | None, summary: Path | None, shard: str | None, s: Settings, quiet: bool) -> NoReturn:
    """Many files (or one with a batch output): the batch runner, in worker processes."""
    import os

    from budget_audit.batch.check import Options, check_batch
    from budget_audit.batch.work import Job

    from budget_audit.config.pack import build_pack
    from budget_audit.gate.output import batch_hooks

    pack = build_pack(s.setup)  # a bad rule pack stops the batch before it starts
    levels = _LEVELS[fail_on.value]

    def failing(doc: dict) -> bool:
        return any(f["severity"] in levels for f in doc["findings"]) or \
            _below(doc["coverage"]["claims"], min_coverage)

    job = Job(rules, frozenset(_ids(select) or ()) or None, frozenset(_ids(ignore) or ()) or None,
              illustrate=format == "html", timeout=timeout, setup=s.setup)
    term = console()
    term.quiet = quiet
    gate, render, close = batch_hooks(format, s, pack, __version__, levels, term)
    opts = Options(format, job, jobs or os.cpu_count() or 1, timeout, failing,
                   {"version": __version__, "rules_fingerprint": pack.fingerprint}, output, summary, shard,
                   gate, render)
    code = check_batch(paths, opts, term)
    close()
    raise typer.Exit(decided(code))


def _ratio(value: float | None) -> float | None:
    if value is not None and not 0 <= value <= 1:  # NaN fails this too
        raise typer.BadParameter("应为 0 到 1 之间的数")
    return value


def _verbose(on: bool) -> None:
    """--verbose: the PDF libraries' own warnings on stderr (kept out of sight otherwise)."""
    if on:
        import logging

        logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")


def _below(claims: dict[str, int], minimum: float | None) -> bool:
    """The verified share of narrative figures is under the required minimum."""
    if minimum is None:
        return False
    found = claims["found"]
    return found == 0 or claims["verified"] * 1000 < round(minimum * 1000) * found


@app.command(cls=Command)
def checklist(
    paths: PathsArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="检查表工作簿（.xlsx）")],
    template: Annotated[str | None, typer.Option("--template", help="检查表模板（默认按报告类型选择）")] = None,
    fail_on: Annotated[Threshold, typer.Option("--fail-on", help="达到该级别的发现即判为“否”")] = Threshold.warning,
    rules: RulesOption = None,
    jobs: JobsOption = None,
    timeout: TimeoutOption = DEFAULT_SECONDS,
    shard: ShardOption = None,
) -> None:
    """填写公开情况检查表：每份报告一张表，有问题的项目标“否”并附问题描述和截图。"""
    import os

    from budget_audit.checklist.command import checklist as fill_checklists

    pack = load_pack(rules)
    raise typer.Exit(decided(fill_checklists(paths, output, template, pack, rules, _LEVELS[fail_on.value],
                                             jobs or os.cpu_count() or 1, timeout, shard)))


@app.command(cls=Command)
def tables(
    file: FileArgument,
    format: FormatOption = Format.rich,
    rules: RulesOption = None,
    timeout: TimeoutOption = DEFAULT_SECONDS,
    verbose: VerboseOption = False,
) -> None:
    """列出读到的表格：种类、标题、页码、单位、行列数，以及表内是否自洽。"""
    from budget_audit.reporters import tables_report

    _verbose(verbose)
    pack = load_pack(rules)
    results = audit(file, pack=pack, select={r.id for r in tables_report.self_checks(pack)}, timeout=timeout)
    if format is Format.json:
        stdout().write(tables_report.render_json(results, pack))
    else:
        tables_report.render(results, pack, console())


@app.command("rules")
def list_rules(rules: RulesOption = None) -> None:
    """列出全部规则：编号、级别、标题。"""
    pack = configured_pack(rules)  # with the configuration's extend-rules and severities
    term = console()
    for r in pack.rules:
        term.print(f"{r.id:<6} {r.severity:<8} {r.title}")  # the console reads no markup


@app.command(cls=Command)
def explain(rule_id: Annotated[str, typer.Argument(help="规则编号，如 A01")], rules: RulesOption = None) -> None:
    """说明一条规则：检查什么、为什么、如何改正。"""
    from rich.text import Text

    pack = configured_pack(rules)  # with the configuration's extend-rules and severities
    rule = next((r for r in pack.rules if r.id == rule_id), None)
    if rule is None:
        fail(f"没有编号为 {rule_id!r} 的规则；用 budget-audit rules 查看全部规则")
    term = console()
    term.print(Text.assemble((rule.id, "bold"), " ", rule.title))
    term.print(f"级别：{rule.severity}    适用：{_doc(rule.document)}    检查方式：{rule.check}"
                  f"    目录编号：{rule.catalogue or '-'}    定义于：{rule.where}")
    for key, label in (("what", "检查什么"), ("why", "为什么"), ("fix", "如何改正")):
        term.print(Text.assemble("\n", (label, "bold"), "\n", rule.explain[key]))


def _doc(kind: str) -> str:
    return {"budget": "预算", "final_accounts": "决算", "any": "预算和决算"}[kind]


def _ids(text: str | None) -> set[str] | None:
    return {t.strip() for t in text.split(",") if t.strip()} if text else None


def _version(value: bool) -> None:
    if value:
        stdout().write(f"budget-audit {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _options(version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                                   help="显示版本号")] = False) -> None:
    """审核部门预算、决算公开报告：找出报告自相矛盾之处。"""


def _gate_commands() -> None:
    """config, waive, baseline (budget_audit/gate/commands.py)."""
    from budget_audit.gate import commands

    app.command("config", cls=Command)(commands.config)
    app.command(cls=Command)(commands.waive)
    app.command(cls=Command)(commands.baseline)


_gate_commands()


def main() -> None:
    app()
