"""Checklist templates: the rows of a 公开情况检查表 and which findings feed each row.

A template is data (rules/checklists/NAME.yaml). Each row is an item of the form with its
requirement, and either `reviewer` (the document cannot tell: 及时性 needs the publication
date) or `feeds`: matchers, any of which claims a finding for the row. A matcher's keys must
all hold: `rules` (ids or prefixes), `tables` (kinds: a cited table of that kind, or the kind
named in “” or （） in the message), `sections` (words of the cited section's heading),
`mentions` (words of the message). One row may say `rest: true`: it takes every finding no
other row claims, so that no finding is left off the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget_audit.engine.rules import RulePack
from budget_audit.errors import RuleError
from budget_audit.yamlfile import Mapping, check_keys, load

FOLDER = "checklists"
_DOCUMENTS = {"budget", "final_accounts"}


@dataclass(frozen=True)
class Matcher:
    rules: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    item: str
    requirement: str
    feeds: tuple[Matcher, ...] = ()
    reviewer: str | None = None  # why a person must judge this row
    rest: bool = False


@dataclass(frozen=True)
class Template:
    name: str  # the file's stem, what --template takes
    title: str
    document: str
    title_words: tuple[str, ...]  # fits a document whose table titles contain one of these
    rows: tuple[Row, ...]


def folder(rules_dir: Path) -> Path:
    return rules_dir / FOLDER


def load_templates(rules_dir: Path, pack: RulePack) -> list[Template]:
    files = sorted(folder(rules_dir).glob("*.yaml"))
    if not files:
        raise RuleError(f"{folder(rules_dir)}: 没有检查表模板（*.yaml）")
    return [load_template(f, pack) for f in files]


def load_template(path: Path, pack: RulePack) -> Template:
    data = load(path)
    check_keys(data, {"title", "document", "title_words", "rows"}, {"title", "document", "rows"}, str(path))
    if data["document"] not in _DOCUMENTS:
        raise RuleError(f"{data.where()}: document 应为 budget 或 final_accounts")
    if not isinstance(data["rows"], list) or not data["rows"]:
        raise RuleError(f"{data.where()}: rows 应为非空列表")
    rows = tuple(_row(m, pack) for m in data["rows"])
    if sum(r.rest for r in rows) > 1:
        raise RuleError(f"{data.where()}: 只能有一行 rest: true")
    return Template(path.stem, str(data["title"]), data["document"], _words(data, "title_words"), rows)


def _row(m: Mapping, pack: RulePack) -> Row:
    check_keys(m, {"item", "requirement", "feeds", "reviewer", "rest"}, {"item", "requirement"}, "检查项")
    if not m.get("feeds") and not m.get("reviewer") and not m.get("rest"):
        raise RuleError(f"{m.where()}: 检查项“{m['item']}”应有 feeds、reviewer 或 rest")
    feeds = tuple(_matcher(f, pack) for f in m.get("feeds") or [])
    return Row(str(m["item"]), str(m["requirement"]), feeds, m.get("reviewer"), bool(m.get("rest")))


def _matcher(m: Mapping, pack: RulePack) -> Matcher:
    check_keys(m, {"rules", "tables", "sections", "mentions"}, set(), "feeds 条目")
    if not m:
        raise RuleError(f"{m.where()}: feeds 条目不能为空")
    out = Matcher(*(_words(m, k) for k in ("rules", "tables", "sections", "mentions")))
    ids = [r.id for r in pack.rules]
    for rule in out.rules:
        if not any(i == rule or i.startswith(rule) for i in ids):
            raise RuleError(f"{m.where()}: 没有编号为（或以此开头的）规则 {rule}")
    for kind in out.tables:
        if kind not in pack.catalog.kinds:
            raise RuleError(f"{m.where()}: 表 {kind!r} 未在 tables.yaml 中声明")
    return out


def _words(m: Mapping, key: str) -> tuple[str, ...]:
    value = m.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"{m.where()}: {key} 应为文字列表")
    return tuple(value)


def choose(templates: list[Template], name: str | None, doc: dict) -> Template:  # type: ignore[type-arg]
    """--template NAME, or the template that fits the document: its type, then its title words."""
    if name is not None:
        found = next((t for t in templates if t.name == name), None)
        if found is None:
            raise RuleError(f"没有名为 {name} 的检查表模板（可用：{'、'.join(t.name for t in templates)}）")
        return found
    titles = " ".join(t["title"] for t in doc["document"]["tables"])
    fitting = [t for t in templates if t.document == doc["document"]["type"]] or templates
    worded = [t for t in fitting if t.title_words and any(w in titles for w in t.title_words)]
    plain = [t for t in fitting if not t.title_words]
    return (worded or plain or fitting)[0]
