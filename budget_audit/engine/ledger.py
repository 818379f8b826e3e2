"""The project ledger: every project, each place the report names it, its amount there.

A project is named in the narrative's list (项目支出安排情况), in 项目支出表 (B10), in the
整体绩效目标表's 项目支出情况 (B13), in the header of its 项目绩效目标表 (B14) and in the
project column of 政府采购表 / 购买服务表 (B11 / B12). Names are paired after
normalisation (NFKC, no spaces or brackets); a name spelt differently (“绿化养护” and
“绿化养护工作经费”, a name short of a word) is paired when it is clearly the most similar name,
the amounts breaking ties, and the pairing is recorded so that a check can quote both
spellings. A name that pairs with nothing stays a project of its own: never guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from budget_audit.document import Location
from budget_audit.engine.project_scope import ProjectScope
from budget_audit.engine.results import Evidence
from budget_audit.numbers import Amount
from budget_audit.understand.claims import Claim
from budget_audit.understand.forms.cells import summed
from budget_audit.understand.forms.model import ListRow, ListTable, ProjectForm
from budget_audit.understand.model import Figure, Report
from budget_audit.understand.normalize import key

NARRATIVE = "narrative"
LIST_PLACES = ("B10", "B14", "B13", NARRATIVE)  # where every project is listed; first names it
SPENDING_PLACES = ("B11", "B12")  # where only projects that buy something appear
PLACE_LABEL = {NARRATIVE: "说明", "B10": "项目支出表", "B11": "政府采购表", "B12": "购买服务表",
               "B13": "整体绩效目标表", "B14": "项目绩效目标表"}
SIMILAR = 0.8  # least similarity of two spellings of one name
CONTAINED = 0.9  # “绿化养护” inside “绿化养护工作经费”
MIN_CONTAINED = 4  # characters a contained name needs (“经费” alone names nothing)
CLEAR = 0.05  # how much better the best pairing must be than the next
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}\s*[、.．]|[(（]\d{1,2}[)）]|[一二三四五六七八九十]+\s*、)")


@dataclass
class Mention:
    """One place a project is named: the spelling, the amount, where."""

    place: str  # narrative | B10 | B11 | B12 | B13 | B14
    name: str
    amount: Amount | None
    evidence: list[Evidence]
    claim: Claim | None = None
    table: str = ""  # the table's title, or the narrative section
    source: Any = None  # what was read: the ProjectForm (B14), the rows (B10–B12), the line (B13)

    @property
    def key(self) -> str:
        return key(self.name)

    @property
    def label(self) -> str:
        return PLACE_LABEL[self.place]

    @property
    def location(self) -> Location | None:
        return self.evidence[0].location if self.evidence else None


@dataclass
class Project:
    mentions: dict[str, Mention] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return next(iter(self.mentions.values())).name

    @property
    def keys(self) -> set[str]:
        return {m.key for m in self.mentions.values()}

    @property
    def listed(self) -> list[Mention]:
        return [self.mentions[p] for p in LIST_PLACES if p in self.mentions]


@dataclass
class Ledger:
    projects: list[Project]
    places: list[str]  # the list places this report has (and could read)
    notes: list[str] = field(default_factory=list)  # places left out of the comparison, and why

    def status(self, project: Project) -> list[str]:
        """missing | amount_differs | name_differs (empty: matched everywhere)."""
        issues = []
        if any(p not in project.mentions for p in self.places) or not project.listed:
            issues.append("missing")
        amounts = [m.amount for m in project.listed if m.amount is not None]
        if any(not a.interval.meets(amounts[0].interval) for a in amounts[1:]):
            issues.append("amount_differs")
        if len(project.keys) > 1:
            issues.append("name_differs")
        return issues


def build_ledger(report: Report, scope: ProjectScope) -> Ledger:
    places = _mentions(report, scope)
    notes = [f"{PLACE_LABEL[p]}未能读取，不参与项目核对" for p, found in places.items() if found is None]
    projects: list[Project] = []
    for place in LIST_PLACES + SPENDING_PLACES:
        _merge(projects, place, places.get(place) or [])
    if _not_a_project_list(projects, NARRATIVE):
        notes.append("说明中的编号列表大多对应不到表中的项目（可能按科目而非按项目列示），不参与项目核对")
        projects = _without(projects, NARRATIVE)
    present = [p for p in LIST_PLACES if any(p in x.mentions for x in projects)]
    return Ledger(projects, present, notes)


def _not_a_project_list(projects: list[Project], place: str) -> bool:
    """A narrative list whose items mostly pair with no table's project lists something
    else (科目, 用途): judging it as a project list would only raise false alarms."""
    named = [p for p in projects if place in p.mentions]
    others = [p for p in projects if any(q in p.mentions for q in LIST_PLACES if q != place)]
    if not named or not others:
        return False
    paired = sum(1 for p in named if any(q in p.mentions for q in LIST_PLACES if q != place))
    return paired * 2 < len(named)


def _without(projects: list[Project], place: str) -> list[Project]:
    for p in projects:
        p.mentions.pop(place, None)
    return [p for p in projects if p.mentions]


def _merge(projects: list[Project], place: str, mentions: list[Mention]) -> None:
    """Pair each mention with a project by exact name, then by clear similarity."""
    pending = []
    for m in mentions:
        same = next((p for p in projects if place not in p.mentions and m.key in p.keys), None)
        if same is not None:
            same.mentions[place] = m
        else:
            pending.append(m)
    for m, p in _similar_pairs(pending, [p for p in projects if place not in p.mentions]):
        p.mentions[place] = m
        pending.remove(m)
    projects.extend(Project({place: m}) for m in pending)


def _similar_pairs(mentions: list[Mention], projects: list[Project]) -> list[tuple[Mention, Project]]:
    scored = []
    for m in mentions:
        ranked = sorted(((_score(m, p), p) for p in projects), key=lambda s: (-s[0][0], -s[0][1]))
        ranked = [(s, p) for s, p in ranked if s[0] >= SIMILAR]
        if not ranked:
            continue
        best, runner = ranked[0], ranked[1] if len(ranked) > 1 else None
        if runner is None or best[0][0] - runner[0][0] > CLEAR or (best[0][1] and not runner[0][1]):
            scored.append((best[0], m, best[1]))
    pairs: list[tuple[Mention, Project]] = []
    for _, m, p in sorted(scored, key=lambda s: (-s[0][0], -s[0][1])):
        if all(p is not q and m is not n for n, q in pairs):
            pairs.append((m, p))
    return pairs


def _score(m: Mention, p: Project) -> tuple[float, bool]:
    """(name similarity, same amount) — the amount only breaks ties."""
    sim = max(similarity(m.key, k) for k in p.keys)
    amounts = [x.amount for x in p.listed if x.amount is not None]
    same = m.amount is not None and any(a.interval.meets(m.amount.interval) for a in amounts)
    return sim, same


def similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    short, long = sorted((a, b), key=len)
    if len(short) >= MIN_CONTAINED and short in long:
        return CONTAINED
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# ---- the places ---------------------------------------------------------------------------

def _mentions(report: Report, scope: ProjectScope) -> dict[str, list[Mention] | None]:
    forms = report.forms
    out: dict[str, list[Mention] | None] = {NARRATIVE: _narrative(report, scope)}
    out["B10"] = _from_lists(forms.project_lists, "B10", ())
    out["B11"] = _from_lists(forms.procurement, "B11", scope.not_projects)
    out["B12"] = _from_lists(forms.services, "B12", scope.not_projects)
    out["B13"] = _overview(report)
    out["B14"] = [_form(f) for f in forms.projects if f.name]
    return out


def narrative_projects(report: Report, scope: ProjectScope) -> list[Claim]:
    """The first figure of each numbered item in the project-list section."""
    out: list[Claim] = []
    seen: set[tuple[int | None, int | None, int | None, str]] = set()
    for c in report.claims:
        if not scope.headings or not any(h in key(x) for x in c.headings for h in scope.headings):
            continue
        sentence = ((id(c.origin[0]), c.origin[1], None, c.sentence) if c.origin  # one per sentence
                    else (c.location.page, c.location.line, c.location.paragraph, c.sentence))
        if sentence in seen:
            continue
        seen.add(sentence)
        if _NUMBERED.match(c.sentence) and c.whole is None and key(c.subject):
            out.append(c)
    return out


def _narrative(report: Report, scope: ProjectScope) -> list[Mention]:
    return [Mention(NARRATIVE, c.subject, c.amount, [_cite(c)], claim=c, table=c.section)
            for c in narrative_projects(report, scope)]


def _cite(c: Claim) -> Evidence:
    return Evidence(section=c.section or None, text=c.sentence, location=c.location, span=c.span)


def cell_evidence(title: str, row: str, column: str | None, fig: Figure | None, at: Location) -> Evidence:
    return Evidence(table=title, row=row, column=column, location=fig.location if fig else at)


def _from_lists(tables: list[ListTable], place: str, skip: tuple[str, ...]) -> list[Mention] | None:
    if any(not t.readable for t in tables):
        return None
    groups: dict[str, list[tuple[ListTable, ListRow]]] = {}
    for t in tables:
        for row in t.rows:
            if row.project and key(row.project) not in skip:
                groups.setdefault(key(row.project), []).append((t, row))
    out = []
    for rows in groups.values():
        amounts = [r.amount.amount for _, r in rows if r.amount and r.amount.amount]
        ev = [cell_evidence(t.table.title, r.project, "金额", r.amount, r.location) for t, r in rows]
        out.append(Mention(place, rows[0][1].project, summed(amounts), ev, table=rows[0][0].table.title,
                           source=[r for _, r in rows]))
    return out


def _overview(report: Report) -> list[Mention] | None:
    overviews = [o for o in report.forms.overviews if o.projects or o.project_problems]
    if any(o.project_problems for o in overviews):
        return None
    return [Mention("B13", p.name, p.current.amount if p.current else None,
                    [cell_evidence(o.table.title, p.name, "项目本年度预算", p.current, p.location)], table=o.table.title,
                    source=p)
            for o in overviews for p in o.projects]


def _form(f: ProjectForm) -> Mention:
    fig = f.budget or f.funding_total
    column = "项目当年预算" if f.budget else "当年预算合计"
    at = f.name_location or f.table.location
    return Mention("B14", f.name, fig.amount if fig else None,
                   [cell_evidence(f.table.title, f.name, column, fig, at)], table=f.table.title, source=f)
