"""Load and validate the YAML rule pack: every problem names its file and line."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budget_audit.engine.binding import Scopes, load_scopes
from budget_audit.engine.checks import KINDS
from budget_audit.engine.results import SEVERITIES
from budget_audit.engine.selectors import Ref
from budget_audit.errors import RuleError
from budget_audit.understand.catalog import DOCUMENT_TYPES, Catalog, load_catalog
from budget_audit.yamlfile import Mapping, check_keys, load

CATALOG_FILE = "tables.yaml"
SCOPES_FILE = "narrative.yaml"
PACK_FILES = (CATALOG_FILE, SCOPES_FILE)
_RULE_KEYS = {"id", "title", "severity", "document", "check", "explain", "catalogue"}
_EXPLAIN_KEYS = {"what", "why", "fix"}
_ID = re.compile(r"^[A-Z][A-Z0-9]*[0-9][A-Za-z0-9.-]*$")


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    severity: str
    document: str
    check: str
    spec: Any
    explain: dict[str, str]
    catalogue: str
    where: str
    tables: frozenset[str]


@dataclass(frozen=True)
class RulePack:
    catalog: Catalog
    scopes: Scopes
    rules: list[Rule]
    fingerprint: str


def default_rules_dir() -> Path:
    """The rules shipped in the wheel, or the repository's rules/ when run from source."""
    packaged = Path(__file__).resolve().parents[1] / "rules"
    return packaged if (packaged / CATALOG_FILE).exists() else Path(__file__).resolve().parents[2] / "rules"


def load_pack(directory: Path | None = None) -> RulePack:
    directory = directory or default_rules_dir()
    if not (directory / CATALOG_FILE).is_file():
        raise RuleError(f"{directory}: 规则目录中没有 {CATALOG_FILE}")
    catalog = load_catalog(directory / CATALOG_FILE)
    scopes = load_scopes(directory / SCOPES_FILE, catalog) if (directory / SCOPES_FILE).is_file() \
        else Scopes(frozenset(), ())
    files = sorted(p for p in directory.glob("*.yaml") if p.name not in PACK_FILES)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in files:
        for rule in _rules_in(path, catalog):
            if rule.id in seen:
                raise RuleError(f"{rule.where}: 规则编号 {rule.id} 重复（已在 {seen[rule.id]} 定义）")
            seen[rule.id] = rule.where
            rules.append(rule)
    present = [directory / f for f in PACK_FILES if (directory / f).is_file()]
    return RulePack(catalog, scopes, rules, _fingerprint([*present, *files]))


def _rules_in(path: Path, catalog: Catalog) -> list[Rule]:
    data = load(path)
    check_keys(data, {"rules"}, {"rules"}, str(path))
    if not isinstance(data["rules"], list):
        raise RuleError(f"{data.where()}: rules 应为列表")
    return [_rule(m, catalog) for m in data["rules"]]


def _rule(m: Mapping, catalog: Catalog) -> Rule:
    if not isinstance(m, Mapping):
        raise RuleError(f"规则应为映射，实际为 {m!r}")
    kind = KINDS.get(m.get("check"))  # type: ignore[arg-type]
    if kind is None:
        raise RuleError(f"{m.where()}: 规则 {m.get('id')} 的 check {m.get('check')!r} 未知"
                        f"（可用：{', '.join(sorted(KINDS))}）")
    check_keys(m, _RULE_KEYS | kind.KEYS, {"id", "title", "severity", "check", "explain"} | kind.REQUIRED,
               f"规则 {m.get('id')}")
    if not isinstance(m["id"], str) or not _ID.match(m["id"]):
        raise RuleError(f"{m.where()}: 规则编号 {m['id']!r} 不合格式（如 A01、X03b）")
    if m["severity"] not in SEVERITIES:
        raise RuleError(f"{m.where()}: 规则 {m['id']} 的 severity 应为 error、warning 或 info")
    if m.get("document", "any") not in DOCUMENT_TYPES:
        raise RuleError(f"{m.where()}: 规则 {m['id']} 的 document 应为 budget、final_accounts 或 any")
    check_keys(m["explain"], _EXPLAIN_KEYS, _EXPLAIN_KEYS, f"规则 {m['id']} 的 explain")
    texts = [m["title"], *m["explain"].values()]
    if not all(isinstance(t, (str, int, float)) for t in texts):
        raise RuleError(f"{m.where()}: 规则 {m['id']} 的 title 和 explain 应为文字")
    params = Mapping({k: v for k, v in m.items() if k in kind.KEYS})
    params.file, params.line = m.file, m.line
    try:
        spec = kind.prepare(params, catalog)
    except RuleError:
        raise
    except Exception as e:  # a parameter of the wrong shape: say where, not crash
        raise RuleError(f"{m.where()}: 规则 {m['id']} 的参数有误（{type(e).__name__}: {e}）") from None
    return Rule(m["id"], str(m["title"]), m["severity"], m.get("document", "any"), m["check"], spec,
                {k: str(v).strip() for k, v in m["explain"].items()}, str(m.get("catalogue", "")),
                m.where(), _tables_of(spec))


def _tables_of(spec: Any) -> frozenset[str]:
    """The table kinds a prepared rule reads, for per-table summaries."""
    names: set[str] = set()
    for value in (vars(spec) if hasattr(spec, "__dict__") else {}).values():
        items = value if isinstance(value, list) else [value]
        for item in items:
            for v in item if isinstance(item, tuple) else (item,):
                if isinstance(v, Ref):
                    names.add(v.table)
    for attr in ("table", "left"):
        if isinstance(getattr(spec, attr, None), str):
            names.add(getattr(spec, attr))
    names.update(getattr(spec, "right", []) or [])
    return frozenset(names)


def _fingerprint(files: list[Path]) -> str:
    h = hashlib.sha256()
    for p in files:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return "sha256:" + h.hexdigest()
