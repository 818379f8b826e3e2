"""The 功能分类 subjects the report's own tables print: code → name, per table, and the
renamed-subject dictionary the name checks share.

Not a check kind (no KEYS/run): subject_names, table_names and outdated_names import it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from budget_audit.errors import RuleError
from budget_audit.understand.model import Line, Report, ReportTable
from budget_audit.understand.normalize import key
from budget_audit.understand.subject_paths import LEVELS
from budget_audit.yamlfile import Mapping

_LENGTHS = (3, 5, 7)  # 类, 款, 项


@dataclass(frozen=True)
class Printed:
    """One printing of a subject: its code and name in one table."""

    code: str
    name: str
    table: ReportTable
    line: Line


@dataclass(frozen=True)
class Rename:
    """A 功能分类 subject renamed in the 政府收支分类科目: from `since` on, `old` is outdated."""

    old: str
    new: str
    level: int  # 0 类, 1 款, 2 项
    code: str  # the subject's code, or the code of a level above it
    since: int


def name_key(name: str) -> str:
    """Names compared after NFKC with brackets, spaces and punctuation removed."""
    return key(name)


def variant_key(name: str) -> str:
    """其它 and 其他 are one word written two ways."""
    return key(name).replace("其它", "其他")


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, key(a), key(b)).ratio()


class SubjectIndex:
    """Every 功能分类 code the report's tables print, with each table's name for it."""

    def __init__(self, report: Report) -> None:
        self.printed: dict[str, list[Printed]] = {}
        # the 一般公共预算 table first: its names are the ones a narrative about 财政拨款 quotes
        for table in sorted(report.tables, key=lambda t: not t.kind.name.startswith("一般公共预算")):
            if table.kind.codes != "功能分类":
                continue
            for line in table.lines:
                if line.code and len(line.code) in _LENGTHS and line.label:
                    self.printed.setdefault(line.code, []).append(Printed(line.code, line.label, table, line))

    def __bool__(self) -> bool:
        return bool(self.printed)

    def first(self, code: str) -> Printed | None:
        found = self.printed.get(code)
        return found[0] if found else None

    def name(self, code: str) -> str:
        found = self.first(code)
        return found.name if found else ""

    def codes(self, level: int) -> list[str]:
        return [c for c in self.printed if len(c) == _LENGTHS[level]]

    def chain(self, code: str) -> tuple[str, ...]:
        """The names of a code and its ancestors, 类 first ("" where a level is not printed)."""
        return tuple(self.name(code[:n]) for n in _LENGTHS if n <= len(code))

    def named(self, name: str, level: int) -> list[str]:
        """Codes of a level printed with this name."""
        k = name_key(name)
        return [c for c in self.codes(level) if any(name_key(p.name) == k for p in self.printed[c])]


def level_of(code: str) -> int:
    return _LENGTHS.index(len(code))


def renames_param(params: Mapping) -> list[Rename]:
    """The renamed-subject dictionary given in a rule file (one mapping per rename)."""
    entries = params.get("renames")
    if not isinstance(entries, list) or not entries:
        raise RuleError(f"{params.where()}: renames 应为更名列表")
    out = []
    for e in entries:
        if not isinstance(e, dict) or set(e) != {"old", "new", "level", "code", "since"}:
            raise RuleError(f"{params.where()}: renames 的每一项应含 old、new、level、code、since")
        if e["level"] not in LEVELS or not str(e["code"]).isdigit() or len(str(e["code"])) not in \
                _LENGTHS[:LEVELS.index(e["level"]) + 1]:
            raise RuleError(f"{params.where()}: 更名“{e['old']}”的 level 或 code 不合格式")
        if not isinstance(e["since"], int):
            raise RuleError(f"{params.where()}: 更名“{e['old']}”的 since 应为年份")
        out.append(Rename(str(e["old"]), str(e["new"]), LEVELS.index(e["level"]), str(e["code"]), e["since"]))
    return out


def outdated(name: str, level: int, code: str, year: int | None, renames: list[Rename],
             loose: str = "") -> Rename | None:
    """The rename that makes a name written at this level (and code, when known) outdated
    in a report of this year."""
    if year is None:
        return None
    k = name_key(name)
    for r in renames:
        if r.level != level or year < r.since or (code and not (code.startswith(r.code) or r.code.startswith(code))):
            continue
        old = name_key(r.old)
        if k == old or (loose == "front" and len(old) >= 4 and k.endswith(old)):
            return r
    return None
