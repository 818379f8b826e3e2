"""The terminal report: what was read, the findings with their evidence, the coverage ledger."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from budget_audit.engine.ledger import Mention
from budget_audit.engine.results import Evidence, Finding, Results
from budget_audit.reporters.excerpt import excerpt

_SEVERITY = {"error": ("错误", "bold red"), "warning": ("警告", "yellow"), "info": ("提示", "cyan")}
_OUTCOME = {"pass": "通过", "fail": "不符", "not_applicable": "不适用", "insufficient_data": "数据不足", "error": "出错"}
_EVIDENCE_SHOWN = 6
_PER_RULE_SHOWN = 30  # a terminal of thousands of panels helps nobody (and takes minutes to draw)
_UNBOUND_SHOWN = 60
_DOCTYPE = {"budget": "预算", "final_accounts": "决算"}


def render(results: Results, console: Console) -> None:
    console.print(_header(results))
    console.print(_tables(results))
    _findings(results, console)
    _projects(results, console)
    console.print(_coverage(results))
    _unread(results, console)
    _unbound(results, console)


_FORMATS = {"text": "文本", "xlsx": "Excel 工作簿", "docx": "Word 文档"}


def _header(results: Results) -> Panel:
    r = results.report
    size = f"{r.pages} 页" if r.pages else " + ".join(_FORMATS.get(f, f) for f in r.format.split("+"))
    lines = [f"文件：{r.path}（{size}）",
             f"类型：{_DOCTYPE.get(r.document_type, r.document_type)}    年度：{r.year or '未识别'}    单位：{r.body or '未识别'}"]
    if r.ocr_pages:  # a scan: say so, and that its tables count only when they reconcile
        lines.append(f"扫描件：第 {pages_text(r.ocr_pages)} 页经文字识别（OCR）读出，用时 {r.ocr_seconds} 秒；"
                     "OCR 读出的表仅在本表合计自洽时参与核对")
    return Panel("\n".join(lines), title="budget-audit 审核报告", expand=False)


def _tables(results: Results) -> Table:
    r = results.report
    t = Table(title=f"识别的表格（{len(r.tables)} 张；另有 {r.unrecognised_tables} 张未归类）", title_justify="left")
    for col in ("表", "标题", "位置", "单位", "行数", "读取"):
        t.add_column(col, overflow="fold")
    seen: dict[str, int] = {}
    for tab in r.tables:
        seen[tab.kind.name] = seen.get(tab.kind.name, 0) + 1
    shown: set[str] = set()
    for tab in r.tables:
        if tab.kind.name in shown:
            continue
        shown.add(tab.kind.name)
        count = seen[tab.kind.name]
        where = f"第{pages_text(tab.pages)}页" if tab.pages else tab.location.where()
        status = Text("正常", "green") if tab.readable else Text(tab.problems[0], "red")
        name = tab.kind.name if count == 1 else f"{tab.kind.name} ×{count}"
        rows = str(len(tab.lines)) if tab.kind.layout != "list" else "—"
        t.add_row(name, tab.title, where + ("起" if count > 1 else ""), tab.unit, rows, status)
    return t


def pages_text(pages: list[int]) -> str:
    """'6-7' for a table over pages 6 and 7, '15' for one page."""
    return f"{pages[0]}-{pages[-1]}" if len(pages) > 1 else str(pages[0])


def _findings(results: Results, console: Console) -> None:
    if not results.findings:
        console.print(Text("未发现不一致。", "bold green"))
        return
    for severity in ("error", "warning", "info"):
        found = [f for f in results.findings if f.severity == severity]
        if not found:
            continue
        label, style = _SEVERITY[severity]
        console.print(Text(f"\n{label}（{len(found)}）", style))
        shown: dict[str, int] = {}
        for f in sorted(found, key=lambda f: (f.rule, f.message)):
            shown[f.rule] = shown.get(f.rule, 0) + 1
            if shown[f.rule] <= _PER_RULE_SHOWN:  # rounding notes are many and minor: one line each
                console.print(_finding(f, style) if severity != "info" else _info(f))
        for rule, n in shown.items():
            if n > _PER_RULE_SHOWN:
                console.print(Text(f"{rule} 另有 {n - _PER_RULE_SHOWN} 条（见 --format json）", style))


def _info(f: Finding) -> Text:
    """A rounding note or a hint: one line, with where it is."""
    where = f"（{_where(f.evidence[0])}）" if f.evidence and _where(f.evidence[0]) else ""
    return Text(f"{f.rule} {f.message}{where}", "dim")


def _finding(f: Finding, style: str) -> Panel:
    body: list[Text] = [Text(f.message)]
    quoted = next((e for e in f.evidence if e.text and e.span), None)
    if quoted is not None:
        body.append(_highlighted(quoted.text or "", quoted.span or (0, 0), style))
    if f.stated is not None:
        body.append(Text(f"列示 {f.stated}    应为 {f.expected}    差额 {f.difference}    单位 {f.unit}", "bold"))
    for e in f.evidence[:_EVIDENCE_SHOWN]:
        body.append(Text("· " + _where(e), "dim"))
    if len(f.evidence) > _EVIDENCE_SHOWN:
        body.append(Text(f"· 另有 {len(f.evidence) - _EVIDENCE_SHOWN} 处（见 --format json）", "dim"))
    return Panel(Group(*body), title=Text.assemble((f.rule, style), " ", f.title), title_align="left", expand=True)


def _highlighted(sentence: str, span: tuple[int, int], style: str) -> Text:
    """The sentence with the figure in question marked."""
    sentence, cut = excerpt(sentence, span)
    span = cut or span
    text = Text("原文：", "dim")
    text.append(sentence[:span[0]])
    text.append(sentence[span[0]:span[1]], f"{style} reverse")
    text.append(sentence[span[1]:])
    return text


def _where(e: Evidence) -> str:
    parts = [p for p in (e.table, e.row, e.column if e.column != "合计" else None, e.section) if p]
    loc = e.location
    if loc and loc.where():
        parts.append(loc.where() + (f"第{loc.column}栏" if loc.line and loc.column else ""))
    if loc and loc.bbox:
        parts.append("坐标(" + ", ".join(f"{v:.0f}" for v in loc.bbox) + ")")
    return " · ".join(parts)


_PLACES = {"narrative": "说明", "B10": "项目表", "B13": "整体绩效", "B14": "项目绩效",
           "B11": "采购", "B12": "购买服务"}  # short column heads: the ledger is one line a project
_STATUS = {"matched": Text("一致", "green"), "missing": Text("缺失", "red"),
           "amount_differs": Text("金额不一致", "red"), "name_differs": Text("名称不一致", "yellow")}


def _projects(results: Results, console: Console) -> None:
    """The project ledger: one line per project, its amount in each place that names it."""
    ledger = results.ledger
    if ledger is None or not ledger.projects:
        return
    shown = [p for p in _PLACES if any(p in x.mentions for x in ledger.projects)]
    t = Table(title=f"项目对账（{len(ledger.projects)} 个项目，单位：万元）", title_justify="left")
    t.add_column("项目", overflow="fold")
    for place in shown:
        t.add_column(_PLACES[place], justify="right", no_wrap=True)
    t.add_column("状态", no_wrap=True)
    for p in ledger.projects:
        issues = ledger.status(p)
        cells = [_amount(p.mentions[pl]) if pl in p.mentions else "—" for pl in shown]
        t.add_row(p.name, *cells, _STATUS[issues[0] if issues else "matched"])
    console.print(t)


def _amount(m: Mention) -> str:
    return f"{m.amount.wan:,.2f}" if m.amount is not None else "（空）"


def _coverage(results: Results) -> Group:
    cov = results.coverage()
    t = Table(title="核对覆盖（规则实例）", title_justify="left")
    for key in cov:
        t.add_column(_OUTCOME[key], justify="right")
    t.add_row(*(str(v) for v in cov.values()))
    s = results.summary()
    c = results.claim_coverage()
    summary = Text(f"说明中的数字：找到 {c['found']} 个；其中对应到某个表格数字的 {c['bound']} 个；"
                   f"经至少一项检查核对的 {c['verified']} 个（含不需对应表格、在说明内部核对的占比和增减）\n"
                   f"发现：错误 {s['error']}，警告 {s['warning']}，提示 {s['info']}", "bold")
    return Group(t, summary)


def _unread(results: Results, console: Console) -> None:
    """What could not be checked, and why: unread tables, damage the reader met."""
    for kind, why in results.unread.items():
        console.print(Text(f"未能核对：{kind}，{why}；需要该表的规则计为数据不足", "bold red"))
    problems = results.report.problems
    if problems:
        shown = "；".join(problems[:_EVIDENCE_SHOWN]) + (f" 等 {len(problems)} 处" if len(problems) > _EVIDENCE_SHOWN else "")
        console.print(Text(f"读取时遇到的问题：{shown}", "yellow"))


def _unbound(results: Results, console: Console) -> None:
    """Claims that could not be tied to one table figure: listed, never guessed."""
    loose = [b for b in results.claims if b.operand is None and id(b.claim) not in results.verified]
    if not loose:
        return
    console.print(Text(f"未能对应到表格、未核对的数字（{len(loose)}）", "bold"))
    for b in loose[:_UNBOUND_SHOWN]:
        c = b.claim
        place = c.location.where()
        console.print(Text(f"  {place} {c.section[:16]}：{c.subject[:24]} {c.amount.raw}", "dim"))
    if len(loose) > _UNBOUND_SHOWN:
        console.print(Text(f"  另有 {len(loose) - _UNBOUND_SHOWN} 个（见 --format json）", "dim"))
