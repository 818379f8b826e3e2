"""`--format markdown`: the findings for a ticket or a CI job summary (GitHub-flavoured tables)."""

from __future__ import annotations

from typing import Any

from budget_audit.batch.work import FAILED, Outcome
from budget_audit.reporters.places import where
from budget_audit.reporters.summary import COLUMNS, DOCTYPE, SEVERITY, row, worst_first


def render(outcomes: list[Outcome]) -> str:
    parts = []
    if len(outcomes) != 1:
        parts.append(_summary(outcomes))
    parts.extend(_report(o) for o in outcomes)
    return "\n".join(parts)


def _summary(outcomes: list[Outcome]) -> str:
    lines = [f"# budget-audit 审核汇总（{len(outcomes)} 个文件）", "", _row(COLUMNS), _row(["---"] * len(COLUMNS))]
    lines += [_row(row(o)) for o in worst_first(outcomes)]
    return "\n".join(lines) + "\n"


def _report(o: Outcome) -> str:
    head = f"## {o.path}"
    if o.document is None:
        return f"{head}\n\n**{FAILED}**：{_cell(o.reason or '')}\n"
    d, s, c = o.document["document"], o.document["summary"], o.document["coverage"]
    lines = [head, "",
             f"{d['body'] or '单位未识别'} · {DOCTYPE.get(d['type'], d['type'])} · {d['year'] or '年度未识别'} · "
             f"识别表格 {len(d['tables'])} 张 · 错误 {s['error']}，警告 {s['warning']}，提示 {s['info']} · "
             f"说明中的数字已核对 {c['claims']['verified']}/{c['claims']['found']}", ""]
    findings = o.document["findings"]
    if not findings:
        return "\n".join(lines + ["未发现不一致。", ""])
    header = ("级别", "规则", "说明", "位置", "列示", "应为", "差额", "指纹")
    lines += [_row(header), _row(["---"] * len(header))]
    lines += [_row(_finding(f)) for f in findings]
    return "\n".join(lines) + "\n"


def _finding(f: dict[str, Any]) -> list[str]:
    places = "<br>".join(where(loc) for loc in f["locations"][:4])
    return [SEVERITY[f["severity"]], f["rule"], f["message"], places, f["stated"] or "", f["expected"] or "",
            f["difference"] or "", f"`{f['fingerprint']}`"]


def _row(cells: Any) -> str:
    return "| " + " | ".join(_cell(str(c)) for c in cells) + " |"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
