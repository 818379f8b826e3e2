"""Bind each narrative claim to the table figure it speaks of, or say why it cannot be.

The scopes (rules/narrative.yaml) say which section speaks of which table; the subject
picks the row. A claim is bound only when exactly one figure fits: never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from budget_audit.engine.project_scope import ProjectScope, load_project_scope
from budget_audit.engine.selectors import Operand, Ref, parse_ref, resolve
from budget_audit.errors import RuleError
from budget_audit.numbers import is_empty_amount
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import Claim, path_of
from budget_audit.understand.model import Line, Panel, Report, ReportTable
from budget_audit.understand.normalize import key, split_numbering
from budget_audit.yamlfile import Mapping, check_keys, load

_HEADING_NOISE = re.compile(r"(情况说明|情况|说明|预算|决算|安排)$")
_TOTAL = re.compile(r"合计|总计")


@dataclass(frozen=True)
class Scope:
    name: str
    headings: tuple[str, ...]
    subjects: tuple[tuple[str, tuple[Ref, ...]], ...]  # longest alias first
    names: tuple[tuple[str, str | None], ...]  # (table kind, panel)


@dataclass(frozen=True)
class Scopes:
    generic: frozenset[str]
    scopes: tuple[Scope, ...]
    projects: ProjectScope = ProjectScope()  # the narrative's project list (ledger)


@dataclass
class Binding:
    claim: Claim
    operand: Operand | None
    reason: str = ""  # why it is unbound
    scope: str = ""


def load_scopes(path: Path, catalog: Catalog) -> Scopes:
    data = load(path)
    check_keys(data, {"generic_subjects", "scopes", "projects"}, {"scopes"}, str(path))
    scopes = tuple(_scope(m, catalog) for m in data["scopes"])
    return Scopes(frozenset(key(g) for g in data.get("generic_subjects", [])), scopes,
                  load_project_scope(data.get("projects")))


def _scope(m: Mapping, catalog: Catalog) -> Scope:
    check_keys(m, {"name", "headings", "subjects", "names"}, {"name", "headings"}, "说明范围")
    subjects = []
    for alias, refs in (m.get("subjects") or {}).items():
        if not isinstance(refs, list):
            raise RuleError(f"{m.where()}: {alias} 应对应引用列表")
        subjects.append((key(alias), tuple(parse_ref(r, catalog, m.where()) for r in refs)))
    names = []
    for name in m.get("names") or []:
        table, _, panel = str(name).partition(".")
        if table not in catalog.kinds:
            raise RuleError(f"{m.where()}: names 中的表 {table!r} 未在 tables.yaml 中声明")
        names.append((table, panel or None))
    subjects.sort(key=lambda s: -len(s[0]))
    return Scope(m["name"], tuple(key(h) for h in m["headings"]), tuple(subjects), tuple(names))


def bind_all(report: Report, catalog: Catalog, scopes: Scopes) -> list[Binding]:
    return [bind(c, report, catalog, scopes) for c in report.claims]


def bind(claim: Claim, report: Report, catalog: Catalog, scopes: Scopes) -> Binding:
    subject = _subject(claim, scopes)
    reason = "没有与之对应的表格数字"
    about_path = _is_generic_path_claim(claim, key(claim.subject))
    for scope in _scopes_for(claim, scopes):
        # “支出决算为B万元” in an item about a 类/款/项 path speaks of that path's row
        # and nothing else: if that row is not found, the claim stays unbound
        if about_path:
            found = _by_name(scope, claim, subject, report, catalog)
        else:
            found = _by_subject(scope, claim, subject, report, catalog) or _by_name(scope, claim, subject, report, catalog)
        if isinstance(found, Operand):
            return Binding(claim, found, scope=scope.name)
        if isinstance(found, str):
            reason = found
    return Binding(claim, None, reason)


def _subject(claim: Claim, scopes: Scopes) -> str:
    """The claim's subject; a generic one (预算控制数 …) means its section's heading."""
    subject = key(claim.subject)
    if (not subject or subject in scopes.generic) and claim.headings:
        heading = key(split_numbering(claim.headings[-1])[1])
        return _HEADING_NOISE.sub("", re.sub(r"^20\d{2}年?", "", heading))
    return subject


def _scopes_for(claim: Claim, scopes: Scopes) -> list[Scope]:
    out: list[Scope] = []
    for heading in reversed(claim.headings):
        h = key(heading)
        for scope in scopes.scopes:
            if scope.headings and any(x in h for x in scope.headings) and scope not in out:
                out.append(scope)
                break
    return out + [s for s in scopes.scopes if not s.headings]


def _by_subject(scope: Scope, claim: Claim, subject: str, report: Report, catalog: Catalog) -> Operand | str | None:
    for alias, refs in scope.subjects:
        if subject == alias or subject.endswith(alias):
            absent = None  # an optional ref to a table the report does not have: a last resort
            for ref in refs:
                found = resolve(ref, report, catalog)
                if isinstance(found, Operand) and found.table is None:
                    absent = absent or found
                elif isinstance(found, Operand):
                    return found
                elif found.outcome == "insufficient_data":
                    return found.reason
            return _printed_blank(refs, report) or absent
    return None


def _printed_blank(refs: tuple[Ref, ...], report: Report) -> Operand | None:
    """A table printed with every cell blank (blank is 0) has no row to find: a figure
    stated for it is compared with 0, not left unbound. Only when the blank is seen —
    rows read with blank cells, or a printed row of blank cells — not a table unread."""
    for ref in refs:
        tables = report.tables_of(ref.table)
        if len(tables) == 1 and _blank(tables[0]):
            return Operand(None, None, tables[0], None, ref.column or "合计")
    return None


def _blank(table: ReportTable) -> bool:
    """Every figure blank, and a row seen printed so: read, or of blank cells (and 合计)."""
    if not (table.readable and table.is_empty):
        return False
    rows = [[c.text for c in row if c is not None] for row in table.source.rows]
    return bool(table.lines) or any(any(is_empty_amount(t) for t in row) and
                                    all(is_empty_amount(t) or _TOTAL.fullmatch(key(t)) for t in row) for row in rows)


def _by_name(scope: Scope, claim: Claim, subject: str, report: Report, catalog: Catalog) -> Operand | str | None:
    """A 类/款/项 name or path: the one row of a names table it designates."""
    path = path_of(claim.subject) or (claim.topic if _is_generic_path_claim(claim, key(claim.subject)) else "")
    names = path.split("/") if path else [subject]
    for table_kind, panel_name in scope.names:
        for table in report.tables_of(table_kind):
            panel = table.panel(panel_name)
            if panel is None or not table.readable:
                continue
            lines = _lines_by_path(panel, names) or _same_leaf_and_amount(panel, names, claim)
            if len(lines) == 1:
                return _operand(table, panel, lines[0])
            if len(lines) > 1:
                return f"“{claim.subject}”对应{table.kind.name}中不止一行"
    return None


def _same_leaf_and_amount(panel: Panel, names: list[str], claim: Claim) -> list[Line]:
    """A path whose 类/款 names differ from the table's (an old or wrong name; F05 reports the
    name) still designates the one 项 of that name whose figure is the one stated."""
    if len(names) < 2:
        return []
    leaves = [ln for ln in panel.lines if ln.level == len(names) and key(ln.label) == names[-1]]
    column = "合计" if "合计" in panel.columns else (panel.columns[0] if panel.columns else "")
    return [ln for ln in leaves if (f := ln.figure(column)) is not None and f.amount is not None
            and f.amount.interval.meets(claim.amount.interval)]


def _is_generic_path_claim(claim: Claim, subject: str) -> bool:
    """“2024年预算安排53.84万元” inside an item about a 类/款/项 path speaks of that path."""
    return bool(claim.topic) and (not subject or subject in ("预算", "支出决算", "决算") or subject.endswith("预算安排"))


def _lines_by_path(panel: Panel, names: list[str]) -> list[Line]:
    leaf = names[-1]
    lines = [ln for ln in panel.lines if key(ln.label) == leaf and not ln.is_total]
    if len(names) == 1:  # a bare name: prefer the 类 of that name
        return [ln for ln in lines if ln.level in (None, 1)] or lines
    by_code = {ln.code: ln for ln in panel.lines if ln.code}
    return [ln for ln in lines if _ancestors_match(ln, names[:-1], by_code)]


def _ancestors_match(line: Line, parents: list[str], by_code: dict[str, Line]) -> bool:
    """The 款 (and 类 when it agrees) above a 项 carry the names the path gives."""
    if not line.code:
        return False
    chain = [by_code.get(line.code[:n]) for n in (3, 5, 7) if n < len(line.code)]
    names = [key(p.label) for p in chain if p is not None]
    # 类 names change between years (医疗卫生与计划生育 → 卫生健康): the 款 decides
    return bool(names) and names[-1] == parents[-1]


def _operand(table: ReportTable, panel: Panel, line: Line) -> Operand:
    column = "合计" if "合计" in panel.columns else panel.columns[0]
    fig = line.figure(column)
    return Operand(fig.amount if fig else None, fig, table, line, column)
