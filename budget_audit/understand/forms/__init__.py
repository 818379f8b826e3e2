"""Read the project forms (rule catalogue B10–B14) of a report into `Forms`.

A performance form is often printed as several tables: the text reader splits it at
lines without tabs (“长期绩效目标表”, “年度绩效目标表”), the PDF reader at page and
layout breaks. Those parts follow their form in reading order and are not recognised as
tables of their own: they are read together with the form before them, their captions
taken as heading rows.
"""

from __future__ import annotations

import re
from dataclasses import replace

from budget_audit.document import Block, Paragraph, Row, Table
from budget_audit.understand.forms.cells import pseudo_row
from budget_audit.understand.forms.lists import read_list
from budget_audit.understand.forms.model import Forms
from budget_audit.understand.forms.overview import read_overview
from budget_audit.understand.forms.project import read_project_form
from budget_audit.understand.forms.targets import read_targets
from budget_audit.understand.model import Figure, ReportTable

_LISTS = {"B10": "project_lists", "B11": "procurement", "B12": "services"}
_WITH_PARTS = {"B13", "B14"}  # forms whose parts follow them as unrecognised tables
_NEW_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_PART_LINE_MAX = 60  # a longer paragraph is narrative, not a heading inside a form


def read_forms(blocks: list[Block], tables: list[ReportTable]) -> Forms:
    forms = Forms()
    by_source = {id(t.source): t for t in tables}
    for table, rows in _forms_with_parts(blocks, by_source):
        cat = table.kind.catalogue
        if cat in _LISTS:
            getattr(forms, _LISTS[cat]).append(read_list(table))
        elif cat == "B13":
            forms.overviews.append(read_overview(table, rows))
            forms.sheets.append(read_targets(table, rows, cat))
        elif cat == "B14":
            forms.projects.append(read_project_form(table, rows))
            forms.sheets.append(read_targets(table, rows, cat))
            forms.sheets[-1].project = forms.projects[-1].name
    _general_format(forms)
    return forms


def _general_format(forms: Forms) -> None:
    """The forms print amounts as a budget system exports them, without trailing zeros
    (“60万元” beside “12.35万元”): a figure with fewer decimals than the report's forms
    use elsewhere in its unit is exact to that precision, not a rounded one."""
    figures = [f for f in _amount_figures(forms) if f.amount is not None]
    places: dict[str, int] = {}
    for f in figures:
        places[f.amount.unit] = max(places.get(f.amount.unit, 0), f.amount.decimals)  # type: ignore[union-attr]
    for f in figures:
        if f.amount.decimals < places[f.amount.unit]:  # type: ignore[union-attr]
            f.amount = replace(f.amount, decimals=places[f.amount.unit])  # type: ignore[union-attr,arg-type]


def _amount_figures(forms: Forms) -> list[Figure]:
    """Every money figure of the forms (weights and counts are no money)."""
    out: list[Figure | None] = []
    for t in forms.project_lists + forms.procurement + forms.services:
        for r in t.rows + ([t.total] if t.total else []):
            out += [r.amount, r.price, r.sme, r.small]
    for o in forms.overviews:
        for ln in o.income + o.spending:
            out += [ln.amount, *ln.years.values()]
        out += [x for p in o.projects for x in (p.total, p.current)]
    for f in forms.projects:
        out += [f.budget, f.funding_total, *(ln.amount for ln in f.funding)]
        out += [a for d in f.details for a in d.amounts] + [i.amount for i in f.plan]
    return [f for f in out if f is not None]


def _forms_with_parts(blocks: list[Block], by_source: dict[int, ReportTable]) -> list[tuple[ReportTable, list[Row]]]:
    out: list[tuple[ReportTable, list[Row]]] = []
    open_rows: list[Row] | None = None  # the rows of the form that takes parts, if any
    for block in blocks:
        if isinstance(block, Table):
            recognised = by_source.get(id(block))
            if recognised is not None:
                rows = list(block.rows)
                out.append((recognised, rows))
                open_rows = rows if recognised.kind.catalogue in _WITH_PARTS else None
            elif open_rows is not None:
                open_rows.extend(pseudo_row(p.text, p.location) for p in block.caption)
                open_rows.extend(block.rows)
        elif open_rows is not None:
            open_rows = _heading_inside(block, open_rows)
    return out


def _heading_inside(p: Paragraph, rows: list[Row]) -> list[Row] | None:
    """A short line between parts of a form belongs to it; a new part of the report ends it."""
    if _NEW_PART.match(p.text) or len(p.text.strip()) > _PART_LINE_MAX:
        return None
    rows.append(pseudo_row(p.text, p.location))
    return rows
