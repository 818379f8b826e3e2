"""required_tables: the tables a report's template requires are all there.

The template is decided from the document itself: the first template of the report's
type whose evidence holds (enough of its own tables appear in the body or are listed in
the table of contents) — a 湖北/武汉 report shows 政府采购、绩效目标 tables — else the
general set for the type. A table required only from some year on is required then.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import Toc, cite_paragraph, kinds_param, toc
from budget_audit.engine.results import Evidence
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import DOCUMENT_TYPES, Catalog, TableKind
from budget_audit.understand.model import Report
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping, check_keys

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"templates"}
_TITLE_LINE = 60  # longer paragraphs are prose that may name a table in passing
REQUIRED = {"templates"}


@dataclass(frozen=True)
class Template:
    name: str
    document: str
    tables: list[str]
    evidence: list[str]  # tables that show the template is used
    at_least: int  # how many of them must appear
    since: dict[str, int]  # table → first report year it is required


def prepare(params: Mapping, catalog: Catalog) -> list[Template]:
    items = params.get("templates")
    if not isinstance(items, list) or not items:
        raise RuleError(f"{params.where()}: templates 应为模板列表")
    return [_template(t, catalog) for t in items]


def _template(m: Mapping, catalog: Catalog) -> Template:
    check_keys(m, {"name", "document", "tables", "evidence", "at_least", "since"}, {"name", "document", "tables"},
               "模板")
    if m["document"] not in DOCUMENT_TYPES - {"any"}:
        raise RuleError(f"{m.where()}: 模板 {m['name']} 的 document 应为 budget 或 final_accounts")
    evidence = kinds_param(m, "evidence", catalog.kinds) if "evidence" in m else []
    since = m.get("since") or {}
    if not isinstance(since, dict) or any(k not in catalog.kinds or not isinstance(v, int) for k, v in since.items()):
        raise RuleError(f"{m.where()}: since 应为 表名: 年份")
    return Template(str(m["name"]), m["document"], kinds_param(m, "tables", catalog.kinds), evidence,
                    int(m.get("at_least", 1)), dict(since))


def run(spec: list[Template], ctx: Context) -> Iterator[Instance]:
    report, catalog = ctx.report, ctx.catalog
    contents = toc(report)
    listed = _listed(contents, catalog)
    present = {t.kind.name for t in report.tables}
    template, why = _choose(spec, report, present, set(listed))
    if template is None:
        yield Instance("not_applicable", note="没有适用于该文档类型的模板")
        return
    for kind in template.tables:
        if report.year is not None and report.year < template.since.get(kind, 0):
            yield Instance("not_applicable", note=f"{report.year}年尚不要求{kind}")
        elif kind in present:
            yield Instance("pass")
        elif (seen := title_elsewhere(catalog.kinds[kind], report, contents)) is not None:
            yield Instance("insufficient_data", note=f"“{seen}”中出现{kind}的表题，但未能读出该表")
        else:
            yield _missing(kind, template, why, catalog, report, listed.get(kind))


def title_elsewhere(kind: TableKind, report: Report, contents: Toc | None) -> str | None:
    """A table's title printed outside the 目录 where no table was read — in a note or a
    short line: the reader saw the title but not the table, so the table may well be
    there (fail closed: not a finding)."""
    skip = contents.paragraph_ids() if contents else set()
    texts = [n.text for t in report.tables for n in t.notes]
    texts += [p.text for p in report.paragraphs if id(p) not in skip and len(p.text) <= _TITLE_LINE]
    return next((t for t in texts if any(a in key(t) for a in kind.aliases)), None)


def _listed(contents: Toc | None, catalog: Catalog) -> dict[str, Evidence]:
    """Table kinds the table of contents lists, with the entry that lists each."""
    out: dict[str, Evidence] = {}
    for entry in contents.entries if contents else []:
        kind = catalog.kind_of_title(entry.text) if "表" in entry.bare else None
        if kind is not None and kind.name not in out:
            out[kind.name] = cite_paragraph(entry.paragraph)
    return out


def _choose(spec: list[Template], report: Report, present: set[str], listed: set[str]) -> tuple[Template | None, str]:
    """The first template of the report's type whose evidence holds, and why it was chosen."""
    for template in spec:
        if template.document != report.document_type:
            continue
        if not template.evidence:
            return template, "按文档类型的通用要求"
        shown = [k for k in template.evidence if k in present]
        only_listed = [k for k in template.evidence if k in listed and k not in present]
        if len(shown) + len(only_listed) >= template.at_least:
            why = f"正文中有{'、'.join(shown)}" if shown else ""
            if only_listed:
                why += f"{'，' if why else ''}目录中列有{'、'.join(only_listed)}"
            return template, why
    return None, ""


def _missing(kind: str, template: Template, why: str, catalog: Catalog, report: Report,
             entry: Evidence | None) -> Instance:
    code = catalog.kinds[kind].catalogue
    msg = f"按{template.name}（{why}），应有“{kind}”{f'（{code}）' if code else ''}，报告中未找到"
    if entry is not None:
        msg += "；目录中列有此表"
        evidence = [entry]
    else:
        names = "、".join(dict.fromkeys(t.kind.name for t in report.tables)) or "无"
        first = report.tables[0].location if report.tables else None
        evidence = [Evidence(section="报表部分", text=f"已识别的表：{names}", location=first)]
    return Instance("fail", msg, evidence=evidence)
