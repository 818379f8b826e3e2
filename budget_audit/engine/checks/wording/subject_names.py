"""subject_names: each 类/款/项 name of a 科目 path written in the narrative is the name the
report's own tables print for that code.

The code is read from the path when it is written (“（210类）”, “2080505”); otherwise the
path's names pick it: a path whose names all match a table's chain passes; one that matches at
every level but one designates that subject, and the odd name is classed: a name shifted one
level (the 类 name given as the 款: error), a 项 that no table prints under that 款 (error; a warning when
its item states 0 or no figure: a 项 with nothing spent may be left out of the tables), an
outdated name from the rule's dictionary of renamed subjects, another spelling (warning), or
“其它” for “其他” (info). A name written alone (“XX（款）”) is only checked against the
dictionary. Each wrong name is reported once, with every place it is written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import AMOUNT, body_passages, cite_passage
from budget_audit.engine.checks.wording.subject_index import (Rename, SubjectIndex, level_of, name_key, outdated,
                                                      renames_param, similar, variant_key)
from budget_audit.engine.results import Evidence
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.subject_paths import LEVELS, Level, WrittenPath, written_paths
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"renames"}
REQUIRED = {"renames"}
_LENGTHS = (3, 5, 7)
_ITEM_CHARS = 160  # how far an item's figures reach after its path
_SIMILAR = 0.7  # a misspelt name; below this a differing name designates nothing: never guess


@dataclass(frozen=True)
class Spec:
    renames: list[Rename]


@dataclass
class Problem:
    kind: str  # shifted | missing | renamed | differs | variant
    written: Level
    code: str  # the code whose name is wrong (for a missing 项: its 款)
    message: str
    severity: str | None = None
    places: list[Evidence] = field(default_factory=list)


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    return Spec(renames_param(params))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    index = SubjectIndex(ctx.report)
    if not index:
        yield Instance("not_applicable", note="没有按功能分类编码的表")
        return
    found: dict[tuple[str, int, str, str], Problem] = {}
    for passage in body_passages(ctx):
        for path in written_paths(passage.text):
            problems = _judge(path, index, spec.renames, ctx.report.year)
            if problems is None:
                if len(path.levels) > 1:
                    yield Instance("insufficient_data", note=f"无法确定“{passage.text[slice(*path.span)]}”对应的科目")
                continue
            if not problems:
                yield Instance("pass")
            for p in problems:
                if p.kind == "missing" and _states_zero(passage.text, path):
                    p.severity = None  # a 项 with nothing spent may be left out of the tables
                same = found.setdefault((p.kind, p.written.level, name_key(p.written.name), p.code), p)
                same.places.append(cite_passage(passage, p.written.span))
    for p in found.values():
        yield _instance(p, index)


def _states_zero(text: str, path: WrittenPath) -> bool:
    """The item after a path states a figure of 0 (“支出决算为0万元”), or none at all."""
    after = text[path.span[1]:path.span[1] + _ITEM_CHARS]
    item = after[:m.start()] if (m := re.search(r"\(\d{0,3}类\)", after)) else after
    values = [Decimal(m.group("num").replace(",", "")) for m in AMOUNT.finditer(item)]
    return not values or 0 in values


def _instance(p: Problem, index: SubjectIndex) -> Instance:
    times = f"（共{len(p.places)}处）" if len(p.places) > 1 else ""
    printed = index.first(p.code)
    table = [Evidence(table=printed.table.title, row=f"{printed.code} {printed.name}", location=printed.line.location)] \
        if printed else []
    return Instance("fail", p.message + times, evidence=p.places + table, severity=p.severity)


def _judge(path: WrittenPath, index: SubjectIndex, renames: list[Rename], year: int | None) -> list[Problem] | None:
    """The problems of one path: [] when it agrees with the tables, None when undecidable."""
    if path.code:
        return _by_code(path, index, renames, year)
    found = _by_names(path, index, renames, year) if len(path.levels) > 1 else None
    if found is None:  # no code designated: an outdated name is outdated all the same
        stale = [(lv, r) for lv in path.levels if (r := outdated(lv.name, lv.level, "", year, renames, lv.loose))]
        return [_renamed(lv, r, "", "") for lv, r in stale] or None
    return found


def _by_names(path: WrittenPath, index: SubjectIndex, renames: list[Rename], year: int | None) -> list[Problem] | None:
    chains = {c: index.chain(c) for c in index.codes(path.levels[-1].level)}
    scores = {c: [_match(lv, chain[lv.level]) for lv in path.levels] for c, chain in chains.items()}
    full = [c for c, s in scores.items() if all(s)]
    if full:
        code = min(full, key=lambda c: scores[c].count(1))
        return [_variant(lv, code[:_LENGTHS[lv.level]], chains[code][lv.level])
                for lv, s in zip(path.levels, scores[code]) if s == 1]
    near = {c: next(i for i, s in enumerate(scores[c]) if not s) for c, s in scores.items() if s.count(0) == 1}
    if len(set(near.values())) != 1:
        return _shifted_path(path, index) or _crossed(path, near, index)
    position = next(iter(near.values()))
    return _odd_name(path.levels[position], list(near), index, renames, year) or _shifted_path(path, index)


def _match(lv: Level, printed: str) -> int:
    """2 the same name, 1 the same but for 其它/其他, 0 another name."""
    for score, norm in ((2, name_key), (1, variant_key)):
        w, t = norm(lv.name), norm(printed)
        if t and (w == t or (lv.loose == "front" and w.endswith(t)) or (lv.loose == "back" and w.startswith(t))):
            return score
    return 0


def _odd_name(lv: Level, codes: list[str], index: SubjectIndex, renames: list[Rename],
              year: int | None) -> list[Problem] | None:
    """The one name that differs from the chains the other names designate."""
    n = _LENGTHS[lv.level]
    for code in codes:
        chain = index.chain(code)
        rename = outdated(lv.name, lv.level, code[:n], year, renames, lv.loose)
        if rename and name_key(rename.new) == name_key(chain[lv.level]):
            return [_renamed(lv, rename, code[:n], chain[lv.level])]
        shifted = [j for j, name in enumerate(chain) if j != lv.level and _match(lv, name) == 2]
        if shifted:
            return [_shifted(lv, code, shifted[0], index)]
    rename = outdated(lv.name, lv.level, codes[0][:n - 2] if lv.level else "", year, renames, lv.loose)
    if rename:
        return [_renamed(lv, rename, codes[0][:n], "")]
    at = sorted({c[:n] for c in codes}, key=lambda c: -similar(lv.name, index.name(c)))
    best = similar(lv.name, index.name(at[0]))
    designated = len(at) == 1 and lv.level < len(index.chain(codes[0])) - 1 and lv.loose != "front"
    if designated or (best >= _SIMILAR and (len(at) == 1 or similar(lv.name, index.name(at[1])) < best)):
        return [_differs(lv, at[0], index)]
    if lv.level == 2 and lv.loose != "front" and len({c[:5] for c in codes}) == 1:
        return [_missing(lv, codes[0][:5], index)]
    return None


def _by_code(path: WrittenPath, index: SubjectIndex, renames: list[Rename], year: int | None) -> list[Problem] | None:
    """A path written with its code: each name against the table's name for that code."""
    if index.first(path.code[:_LENGTHS[path.levels[-1].level]]) is None:
        return None
    problems: list[Problem] = []
    for lv in path.levels:
        code = path.code[:_LENGTHS[lv.level]]
        printed = index.name(code)
        if not printed or _match(lv, printed) == 2:
            continue
        problem = _coded_name(lv, code, printed, index, renames, year)
        if problem is None:
            return None
        problems.append(problem)
    return problems


def _coded_name(lv: Level, code: str, printed: str, index: SubjectIndex, renames: list[Rename],
                year: int | None) -> Problem | None:
    """The problem of a name written beside its code; None when where the name ends is unclear."""
    if _match(lv, printed) == 1:
        return _variant(lv, code, printed)
    if rename := outdated(lv.name, lv.level, code, year, renames, lv.loose):
        return _renamed(lv, rename, code, printed)
    if shifted := [j for j, name in enumerate(index.chain(code)) if j != lv.level and _match(lv, name) == 2]:
        return _shifted(lv, code, shifted[0], index)
    # free text around a name: only another subject's name shows which name was meant
    if not lv.loose or any(_match(lv, index.name(c)) == 2 for c in index.codes(lv.level)):
        return _differs(lv, code, index)
    return None


def _shifted_path(path: WrittenPath, index: SubjectIndex) -> list[Problem] | None:
    """“卫生健康支出（类）卫生健康支出（款）计划生育事务（项）”: every name is the table's, but
    one level off — the chain of the subject whose own name the path ends with."""
    fits = []
    for code in index.printed:
        chain = [name_key(n) for n in index.chain(code)]
        where = [next((j for j, n in enumerate(chain) if n and _match(lv, n) == 2), None) for lv in path.levels]
        if None not in where and where[-1] == len(chain) - 1 and where != [lv.level for lv in path.levels]:
            fits.append(code)
    if len(fits) != 1:
        return None
    code, whole = fits[0], path.levels[-1]
    written = "".join(f"{lv.name}（{LEVELS[lv.level]}）" for lv in path.levels)
    printed = "".join(f"{name}（{LEVELS[j]}）" for j, name in enumerate(index.chain(code)))
    msg = f"说明中的科目“{written}”级次错位：报表中{code}为“{printed}”"
    span = (path.levels[0].span[0], whole.span[1])
    return [Problem("shifted", Level(whole.level, written, span), code, msg, "error")]


def _crossed(path: WrittenPath, near: dict[str, int], index: SubjectIndex) -> list[Problem] | None:
    """“A（款）X（项）” where the tables print X under another 款 and A without X: the path
    exists nowhere, and which of the two names is wrong cannot be told — both are named."""
    leaf = len(path.levels) - 1
    elsewhere = {c for c, i in near.items() if i == leaf - 1}  # the leaf's own code, under another 款
    parents = {c[:_LENGTHS[path.levels[leaf - 1].level]] for c, i in near.items() if i == leaf}
    if len(elsewhere) != 1 or len(parents) != 1:
        return None
    (code,), (parent,) = elsewhere, parents
    lv = path.levels[leaf]
    msg = (f"说明中的“{path.levels[leaf - 1].name}（{LEVELS[path.levels[leaf - 1].level]}）{lv.name}"
           f"（{LEVELS[lv.level]}）”在报表中没有：报表中“{lv.name}”为{code}，属于“{index.name(code[:len(parent)])}”，"
           f"而{parent}“{index.name(parent)}”下没有“{lv.name}”")
    return [Problem("crossed", lv, code, msg)]


def _shifted(lv: Level, code: str, other: int, index: SubjectIndex) -> Problem:
    n = _LENGTHS[lv.level]
    msg = (f"说明中把“{index.chain(code)[other]}”写作{LEVELS[lv.level]}级名称，而报表中它是"
           f"{LEVELS[other]}级科目（{code[:_LENGTHS[other]]}）；{code[:n]}的{LEVELS[lv.level]}级名称为“{index.name(code[:n])}”"
           f"（同一科目：{code} {index.name(code)}）")
    return Problem("shifted", lv, code[:n], msg, "error")


def _missing(lv: Level, parent: str, index: SubjectIndex) -> Problem:
    items = [c for c in index.codes(2) if c.startswith(parent)]
    listed = "、".join(f"“{index.name(c)}”" for c in items)
    elsewhere = index.named(lv.name, 2)
    where = f"；报表中“{lv.name}”为{elsewhere[0]}，属于“{index.name(elsewhere[0][:5])}”" if elsewhere else ""
    msg = (f"说明中的项“{lv.name}”在报表中没有：报表中{parent}“{index.name(parent)}”款下的项为{listed}{where}")
    return Problem("missing", lv, parent, msg, None if elsewhere else "error")


def _differs(lv: Level, code: str, index: SubjectIndex) -> Problem:
    level = LEVELS[level_of(code)]
    msg = f"说明中写作“{lv.name}（{level}）”，而报表中{code}的{level}级名称为“{index.name(code)}”"
    return Problem("differs", lv, code, msg)


def _renamed(lv: Level, rename: Rename, code: str, printed: str) -> Problem:
    table = f"，报表中{code}为“{printed}”" if printed else ""
    msg = (f"说明中的“{rename.old}（{LEVELS[rename.level]}）”是旧科目名称，{rename.since}年起已改为"
           f"“{rename.new}”{table}")
    return Problem("renamed", lv, code or rename.code, msg)


def _variant(lv: Level, code: str, printed: str) -> Problem:
    msg = f"说明中写作“{lv.name}”，而报表中{code}的名称为“{printed}”（“其它”与“其他”写法不一）"
    return Problem("variant", lv, code, msg, "info")
