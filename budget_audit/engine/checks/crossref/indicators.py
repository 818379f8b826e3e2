"""Shared by the performance-target checks: how an indicator and its values are named and
cited, and which printings of one indicator a form holds."""

from __future__ import annotations

from budget_audit.engine.checks.crossref.amounts import at
from budget_audit.engine.results import Evidence
from budget_audit.understand.forms.model import Target, TargetSheet, TargetValue
from budget_audit.understand.forms.targets import Measure, measure
from budget_audit.understand.normalize import key

Printing = tuple[Target, TargetValue, Measure | None]


def form_name(sheet: TargetSheet) -> str:
    return f"项目“{sheet.project}”的绩效目标申报表" if sheet.project else sheet.table.title


def cite(sheet: TargetSheet, target: Target, value: TargetValue) -> Evidence:
    column = f"{target.table}绩效目标表" + (f"·{_COLUMN_NAMES[value.column]}" if value.column in _COLUMN_NAMES else "")
    return Evidence(table=sheet.table.title, row=target.name or None, column=column, location=value.location)


_COLUMN_NAMES = {"前年": "前年", "上年": "上年", "当年": "预计当年实现"}


def shown(target: Target, value: TargetValue) -> str:
    """“年度绩效目标表上年列（第12行）“≥6户””."""
    column = f"{_COLUMN_NAMES[value.column]}列" if value.column in _COLUMN_NAMES else ""
    return f"{target.table}绩效目标表{column}（{at(value.location)}）“{value.text}”"


def indicators(sheet: TargetSheet) -> list[list[Printing]]:
    """Every printing of each indicator of a form: the rows of one name in its 长期 and 年度
    tables together; a row without a name of its own stands alone."""
    groups: dict[str, list[Printing]] = {}
    alone: list[list[Printing]] = []
    for t in sheet.targets:
        printings = [(t, v, measure(v.text)) for v in t.values if v.text]
        if t.name:
            groups.setdefault(key(t.name), []).extend(printings)
        else:
            alone.append(printings)
    return list(groups.values()) + alone


def current(target: Target) -> TargetValue | None:
    """The value a form sets for the report year: 预计当年实现 of a 年度 row, the 长期 value."""
    wanted = "当年" if target.table == "年度" else "长期"
    return next((v for v in target.values if v.column == wanted and v.text), None)
