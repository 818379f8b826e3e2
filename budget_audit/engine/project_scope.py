"""narrative.yaml `projects`: where the narrative lists the projects, and which names in the
project column of 政府采购表 / 购买服务表 stand for 基本支出 rather than a project."""

from __future__ import annotations

from dataclasses import dataclass

from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping, check_keys


@dataclass(frozen=True)
class ProjectScope:
    headings: tuple[str, ...] = ()  # heading fragments of the narrative's project list
    not_projects: tuple[str, ...] = ()  # 在职人员公用 …: basic expenditure, not a project


def load_project_scope(m: Mapping | None) -> ProjectScope:
    if m is None:
        return ProjectScope()
    check_keys(m, {"headings", "not_projects"}, {"headings"}, "projects")
    return ProjectScope(tuple(key(h) for h in m["headings"]), tuple(key(n) for n in m.get("not_projects") or []))
