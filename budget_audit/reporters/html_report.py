"""`--format html`: one self-contained page per report — no script, no external asset.

The document summary, every finding with its figures and its picture (the page crop with the
cited figures boxed, or the cited text lines with the figure marked), the tables read, the
coverage ledger and the unbound claims. A batch adds an index page linking every file's page.
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from budget_audit.batch.work import FAILED, Outcome
from budget_audit.reporters.crops import cited_pages
from budget_audit.reporters.places import logical, printed
from budget_audit.reporters.summary import COLUMNS, DOCTYPE, SEVERITY, row, worst_first

_OUTCOME = {"pass": "通过", "fail": "不符", "not_applicable": "不适用", "insufficient_data": "数据不足", "error": "出错"}
_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em auto;max-width:1200px;
color:#222;line-height:1.5;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right}
.error{color:#b00020}.warning{color:#a15c00}.info{color:#00639b}
article{border:1px solid #ddd;border-left:6px solid #999;margin:1em 0;padding:.5em 1em}
article.error{border-left-color:#b00020}article.warning{border-left-color:#e0a000}article.info{border-left-color:#4a90c0}
article h3{margin:.2em 0;font-size:1em;color:#222}.fp{color:#888;font-size:.8em;font-family:monospace}
img{max-width:100%;border:1px solid #bbb;margin:.5em 0}figure{margin:0}figcaption{color:#666;font-size:.85em}
pre{background:#f7f7f7;padding:.5em;overflow-x:auto;font-size:.85em}pre .cited{background:#fff3c4}
mark{background:none;outline:2px solid #d00000;color:#000;font-weight:bold}
.failed{background:#fde8e8;padding:1em;border:1px solid #b00020}
"""


def render(o: Outcome, back: str | None = None) -> str:
    title = f"budget-audit 审核报告：{o.path}"
    body = [f'<p><a href="{escape(back)}">← 返回汇总</a></p>' if back else "", f"<h1>{escape(title)}</h1>"]
    if o.document is None:
        body.append(f'<p class="failed">{FAILED}：{escape(o.reason or "")}</p>')
    else:
        body += [_header(o.document), _findings(o), _tables(o.document), _coverage(o.document), _unbound(o.document)]
    return _page(title, body)


def index(outcomes: list[Outcome], links: dict[str, str]) -> str:
    """The batch's summary table, each file linking to its own report."""
    head = "".join(f"<th>{c}</th>" for c in COLUMNS)
    rows = []
    for o in worst_first(outcomes):
        cells = row(o)
        cells[0] = f'<a href="{escape(links[o.path])}">{escape(o.path)}</a>'
        rows.append("<tr>" + "".join(f"<td>{c if i == 0 else escape(str(c))}</td>" for i, c in enumerate(cells)) + "</tr>")
    return _page(f"budget-audit 审核汇总（{len(outcomes)} 个文件）",
                 [f"<h1>budget-audit 审核汇总（{len(outcomes)} 个文件，问题最多的在前）</h1>",
                  f"<table><tr>{head}</tr>{''.join(rows)}</table>"])


def _page(title: str, body: list[str]) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{_CSS}</style></head><body>\n" + "\n".join(b for b in body if b) + "\n</body></html>\n")


def _header(doc: dict[str, Any]) -> str:
    d, src, s = doc["document"], doc["source"], doc["summary"]
    facts = [("单位", d["body"] or "未识别"), ("类型", DOCTYPE.get(d["type"], d["type"])), ("年度", d["year"] or "未识别"),
             ("格式", src["format"]), ("页数", src["pages"] or "—"), ("SHA-256", src["sha256"]),
             ("规则版本", doc["tool"]["rules_fingerprint"][:19] + "…")]
    counts = " ".join(f'<span class="{k}">{SEVERITY[k]} {s[k]}</span>' for k in ("error", "warning", "info"))
    rows = "".join(f"<tr><th>{k}</th><td>{escape(str(v))}</td></tr>" for k, v in facts)
    return f"<table>{rows}<tr><th>发现</th><td>{counts}</td></tr></table>"


def _findings(o: Outcome) -> str:
    findings = o.document["findings"] if o.document else []
    if not findings:
        return "<h2>发现</h2><p>未发现不一致。</p>"
    seen: dict[str, int] = {}
    out = [f"<h2>发现（{len(findings)}）</h2>"]
    for i, f in enumerate(findings):
        seen[f["fingerprint"]] = seen.get(f["fingerprint"], 0) + 1
        anchor = f["fingerprint"] + ("" if seen[f["fingerprint"]] == 1 else f"-{seen[f['fingerprint']]}")
        crop = o.crops[i] if i < len(o.crops) else None
        excerpt = o.excerpts[i] if i < len(o.excerpts) else None
        out.append(_finding(f, anchor, crop, excerpt))
    return "\n".join(out)


def _finding(f: dict[str, Any], anchor: str, crop: bytes | None, excerpt: list[dict[str, Any]] | None) -> str:
    sev = f["severity"]
    parts = [f'<article class="{sev}" id="f-{anchor}">',
             f'<h3><span class="{sev}">{SEVERITY[sev]}</span> {escape(f["rule"])} {escape(f["title"])}'
             f' <a class="fp" href="#f-{anchor}">#{escape(f["fingerprint"])}</a></h3>',
             f"<p>{escape(f['message'])}</p>"]
    if f.get("stated") is not None:
        figures = [("列示", f["stated"]), ("应为", f["expected"]), ("差额", f["difference"]), ("单位", f["unit"])]
        parts.append("<table><tr>" + "".join(f"<th>{k}</th><td>{escape(str(v or '—'))}</td>" for k, v in figures)
                     + "</tr></table>")
    places = [p for p in ((logical(loc), printed(loc)) for loc in f["locations"]) if any(p)]
    if places:
        parts.append("<ul>" + "".join(f"<li>{escape(' · '.join(x for x in p if x))}</li>" for p in places) + "</ul>")
    if crop:
        pages = "、".join(f"第{p}页" for p in cited_pages(f))
        parts.append(f'<figure><img alt="{escape(f["rule"])} 所在页面截图" src="data:image/png;base64,'
                     f'{base64.b64encode(crop).decode()}"><figcaption>{pages}（红框为所引数字）</figcaption></figure>')
    if excerpt:
        parts.append(_excerpt(excerpt))
    parts.append("</article>")
    return "\n".join(parts)


def _excerpt(lines: list[dict[str, Any]]) -> str:
    out: list[str] = []
    for prev, ln in zip([None, *lines], lines):
        if prev is not None and ln["line"] > prev["line"] + 1:
            out.append("     ⋮")
        text = "".join(f"<mark>{escape(t)}</mark>" if marked else escape(t) for t, marked in ln["parts"])
        cls = ' class="cited"' if ln["cited"] else ""
        out.append(f'<span{cls}>{ln["line"]:>6}  {text.replace(chr(9), "  ")}</span>')
    return "<pre>" + "\n".join(out) + "</pre>"


def _tables(doc: dict[str, Any]) -> str:
    d = doc["document"]
    rows = []
    for t in d["tables"]:
        pages = t.get("pages") or []
        where = f"第{pages[0]}-{pages[-1]}页" if len(pages) > 1 else f"第{pages[0]}页" if pages else f"第{t.get('line')}行"
        state = "正常" if t["readable"] else "未能读取：" + "；".join(t["problems"])
        rows.append("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in
                                     (t["kind"], t["title"], where, t["unit"], t["rows"], state)) + "</tr>")
    head = "".join(f"<th>{c}</th>" for c in ("表", "标题", "位置", "单位", "行数", "读取"))
    return (f"<h2>识别的表格（{len(d['tables'])} 张；另有 {d['unrecognised_tables']} 张未归类）</h2>"
            f"<table><tr>{head}</tr>{''.join(rows)}</table>")


def _coverage(doc: dict[str, Any]) -> str:
    rules, claims = doc["coverage"]["rules"], doc["coverage"]["claims"]
    head = "".join(f"<th>{_OUTCOME[k]}</th>" for k in rules)
    cells = "".join(f'<td class="n">{v}</td>' for v in rules.values())
    return (f"<h2>核对覆盖</h2><table><tr><th>规则实例</th>{head}</tr><tr><td></td>{cells}</tr></table>"
            f"<p>说明中的数字：找到 {claims['found']}，对应到表格 {claims['bound']}，已核对 {claims['verified']}。"
            "没有发现问题而核对很少的报告，不等于没有问题。</p>")


def _unbound(doc: dict[str, Any]) -> str:
    loose = doc.get("unbound_claims", [])
    if not loose:
        return ""
    rows = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in
                                    (printed(c), c.get("section") or "", c["subject"], c["amount"], c["reason"]))
                   + "</tr>" for c in loose)
    head = "".join(f"<th>{c}</th>" for c in ("位置", "部分", "主语", "数字", "原因"))
    return f"<h2>未能对应到表格的数字（{len(loose)}）</h2><table><tr>{head}</tr>{rows}</table>"
