"""target_history (A18): a year without the project has no indicator values.

A project form that says a year had no such project (“2022年无此项目”, “上年无此项目” in
项目前两年预算及当年预算变动情况 or 上年绩效评价结果) leaves that year's column of its 年度
绩效目标表 (前年 = report year − 2, 上年 = report year − 1) empty or “-”. Values printed
there were set for a project that did not exist: a warning, one per form and year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance, no_params
from budget_audit.engine.checks.crossref.amounts import at
from budget_audit.engine.checks.crossref.indicators import cite, form_name
from budget_audit.engine.results import Evidence
from budget_audit.understand.forms.cells import text
from budget_audit.understand.forms.model import TargetSheet

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS: set[str] = set()
REQUIRED: set[str] = set()
_NONE = re.compile(r"无(此|该|本)项目|未(安排|设立|设置)(此|该|本)项目")
_CLAUSE = re.compile(r"[；;。\n]|\s\d+[.．、]")
_EMPTY = {"", "-", "—", "－", "/", "无", "0"}

prepare = no_params


def run(spec: None, ctx: Context) -> Iterator[Instance]:
    sheets = [s for s in ctx.report.forms.sheets if s.form == "B14" and s.targets]
    if not sheets:
        yield Instance("not_applicable", note="报告中没有项目支出绩效目标表的指标")
    for sheet in sheets:
        absent = _absent_years(sheet, ctx.report.year)
        if not absent:
            yield Instance("not_applicable", note=f"{form_name(sheet)}未说明哪一年没有此项目")
        for column, where in sorted(absent.items()):
            yield _column(sheet, column, where)


def _absent_years(sheet: TargetSheet, year: int | None) -> dict[str, Evidence]:
    """The 年度 columns (前年 / 上年) of years the form says had no such project."""
    names = {year - 1: "上年", year - 2: "前年"} if year else {}
    out: dict[str, Evidence] = {}
    for cells in sheet.texts:
        for cell in cells:
            for clause in _CLAUSE.split(text(cell)):
                if not _NONE.search(clause):
                    continue
                said = [names.get(int(y)) for y in re.findall(r"(20\d{2})年", clause)]
                said += [w for w in ("上年", "前年") if w in clause]
                for column in filter(None, said):
                    out.setdefault(column, Evidence(table=sheet.table.title, text=clause, location=cell.location))
    return out


def _column(sheet: TargetSheet, column: str, said: Evidence) -> Instance:
    filled = [(t, v) for t in sheet.targets if t.table == "年度" for v in t.values
              if v.column == column and v.text.strip() not in _EMPTY]
    if not filled:
        return Instance("pass")
    shown = "、".join(f"“{t.name or '（未填名称）'}”{v.text}" for t, v in filled[:3])
    more = f"等{len(filled)}个指标" if len(filled) > 3 else ""
    msg = (f"{form_name(sheet)}称“{said.text}”（{at(said.location)}），"
           f"但年度绩效目标表的{column}列填有指标值：{shown}{more}")
    return Instance("fail", msg, evidence=[said] + [cite(sheet, t, v) for t, v in filled])
