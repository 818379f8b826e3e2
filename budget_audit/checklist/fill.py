"""Fill a checklist template from one report document: each row 是, 否 (with its findings) or
待人工核对. A row is 否 exactly when a finding at or above the threshold feeds it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from budget_audit.checklist.template import Matcher, Row, Template

YES, NO, REVIEWER = "是", "否", "待人工核对"


@dataclass
class Filled:
    row: Row
    verdict: str
    findings: list[int] = field(default_factory=list)  # indexes into the document's findings


def fill(template: Template, doc: dict[str, Any], severities: tuple[str, ...]) -> list[Filled]:
    findings = doc["findings"]
    kinds = {t["title"]: t["kind"] for t in doc["document"]["tables"]}
    out = [Filled(row, "") for row in template.rows]
    claimed: set[int] = set()
    for i, f in enumerate(findings):
        if f["severity"] not in severities:
            continue
        for filled in _rows_for(f, out, kinds):
            filled.findings.append(i)
            claimed.add(i)
    for filled in out:
        if filled.row.rest:
            filled.findings = sorted(set(filled.findings) | {i for i, f in enumerate(findings)
                                                              if f["severity"] in severities and i not in claimed})
        filled.verdict = NO if filled.findings else REVIEWER if filled.row.reviewer else YES
    return out


def _rows_for(f: dict[str, Any], rows: list[Filled], kinds: dict[str, str]) -> list[Filled]:
    """The rows a finding belongs to: every row whose rules, tables or mentions claim it, and
    of the rows that claim it by its section, those with the most specific (longest) heading
    word — “财政拨款收入支出决算总体情况说明” is the 财政拨款 item, not the 收入支出总体 one."""
    plain, by_section = [], {}
    for filled in rows:
        scores = [s for m in filled.row.feeds if (s := _claim(m, f, kinds)) is not None]
        if 0 in scores:
            plain.append(filled)
        elif scores:
            by_section[id(filled)] = max(scores)
    best = max(by_section.values(), default=0)
    return [r for r in rows if r in plain or by_section.get(id(r)) == best > 0]


def _claim(m: Matcher, f: dict[str, Any], kinds: dict[str, str]) -> int | None:
    """None: the matcher does not claim the finding; 0: it does; n: it does by a section
    heading word n characters long."""
    if m.rules and not any(f["rule"] == r or f["rule"].startswith(r) for r in m.rules):
        return None
    if m.tables and not _names_table(f, m.tables, kinds):
        return None
    if m.mentions and not any(w in f["message"] for w in m.mentions):
        return None
    if not m.sections:
        return 0
    sections = [loc.get("section") or "" for loc in f["locations"]]
    return max((len(w) for w in m.sections for s in sections if w in s), default=None)


def _names_table(f: dict[str, Any], wanted: tuple[str, ...], kinds: dict[str, str]) -> bool:
    """The finding cites a table of a wanted kind, or names the kind in quotes or brackets
    (a missing table has no place to cite: “收入总表”（B02）未找到)."""
    cited = {kinds.get(loc.get("table") or "", loc.get("table")) for loc in f["locations"]}
    return any(k in cited or f"“{k}”" in f["message"] or f"（{k}）" in f["message"] for k in wanted)
