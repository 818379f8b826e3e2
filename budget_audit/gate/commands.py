"""`budget-audit config`, `waive` and `baseline`: the gate's own commands (registered by cli.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated

import typer


def config(
    path: Annotated[Path, typer.Argument(help="报告文件或文件夹（从它所在的文件夹向上查找配置）")] = Path("."),
    config_file: Annotated[Path | None, typer.Option("--config", help="配置文件")] = None,
) -> None:
    """显示生效的配置，以及每一项来自哪里。"""
    from rich.text import Text

    from budget_audit.cli_guard import console as terminal
    from budget_audit.config import describe, discover, load

    cfg = load(config_file or discover(path))
    console = terminal()
    console.print(f"配置文件：{cfg.file or '无（全部为默认值）'}", soft_wrap=True)
    for key, value, source in describe(cfg):
        console.print(Text.assemble(f"{key:<13} = {value}    ", (f"# {source}", "dim")), soft_wrap=True)


def waive(
    fingerprint: Annotated[str, typer.Argument(help="发现的指纹（见 JSON、Markdown 报告）")],
    reason: Annotated[str, typer.Option("--reason", help="豁免的理由（必填）")],
    expires: Annotated[str, typer.Option("--expires", help="到期日 YYYY-MM-DD（必填）")],
    file: Annotated[Path, typer.Option("--file", help="豁免文件")] = Path("waivers.yaml"),
    by: Annotated[str | None, typer.Option("--by", help="批准人")] = None,
) -> None:
    """把一条豁免（指纹、理由、到期日）追加到豁免文件。"""
    from budget_audit.cli_guard import fail
    from budget_audit.gate import waivers

    try:
        date = dt.date.fromisoformat(expires)
    except ValueError:
        fail(f"--expires 应为日期 YYYY-MM-DD，实际为 {expires!r}")
    waivers.append(file, fingerprint, reason, date, by)
    typer.echo(f"已追加豁免 {fingerprint} 到 {file}（至 {date.isoformat()}）")


def baseline(
    paths: Annotated[list[Path], typer.Argument(help="报告文件或文件夹")],
    output: Annotated[Path, typer.Option("--output", "-o", help="基线文件（JSON）")],
    config_file: Annotated[Path | None, typer.Option("--config", help="配置文件")] = None,
    rules: Annotated[Path | None, typer.Option("--rules", help="规则目录（默认使用内置规则）")] = None,
) -> None:
    """记录这些报告当前的全部发现；之后 check --baseline 只对新出现的发现失败。"""
    from budget_audit import __version__, audit
    from budget_audit.batch.files import collect
    from budget_audit.cli_guard import fail
    from budget_audit.config.pack import build_pack
    from budget_audit.gate import baseline as baselines
    from budget_audit.gate.setup import settings
    from budget_audit.reporters import json_report

    s = settings(paths, config_file, {"waivers": None, "baseline": None}, rules)
    pack = build_pack(s.setup)
    files = collect(paths)
    if not files:
        fail("没有找到可审核的报告文件")
    docs = [json_report.document(audit(f, select=s.config["select"], ignore=s.config["ignore"], pack=pack,
                                       timeout=s.config["timeout"]), __version__) for f in files]
    doc = baselines.document(docs, __version__)
    output.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    typer.echo(f"已记录 {len(doc['findings'])} 个发现（{len(files)} 个文件）到 {output}")
