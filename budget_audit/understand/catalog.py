"""The table catalogue (rules/tables.yaml): table kinds, their aliases and vocabulary."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from budget_audit.errors import RuleError
from budget_audit.understand.normalize import key
from budget_audit.yamlfile import Mapping, check_keys, load

LAYOUTS = {"statement", "coded", "grid", "list"}
CODE_SYSTEMS = {"功能分类", "经济分类", "单位"}
DOCUMENT_TYPES = {"budget", "final_accounts", "any"}


@dataclass(frozen=True)
class TableKind:
    name: str
    catalogue: str
    document: str
    layout: str
    aliases: tuple[str, ...]
    codes: str | None


@dataclass(frozen=True)
class Catalog:
    kinds: dict[str, TableKind]
    columns: dict[str, tuple[str, ...]]  # canonical → aliases (keys)
    column_groups: tuple[str, ...]
    code_headers: frozenset[str]
    name_headers: frozenset[str]
    rows: dict[str, tuple[str, ...]]  # canonical → alias keys

    def kind_of_title(self, caption: str) -> TableKind | None:
        """The kind whose longest alias occurs in the caption text."""
        text = key(caption)
        best: tuple[int, TableKind] | None = None
        for kind in self.kinds.values():
            for alias in kind.aliases:
                if alias in text and (best is None or len(alias) > best[0]):
                    best = (len(alias), kind)
        return best[1] if best else None

    def row_aliases(self, name: str) -> tuple[str, ...]:
        return self.rows.get(name, (key(name),))


def load_catalog(path: Path) -> Catalog:
    data = load(path)
    check_keys(data, {"kinds", "columns", "column_groups", "code_headers", "name_headers", "rows"},
               {"kinds", "columns"}, f"{path}")
    kinds = {name: _kind(name, spec) for name, spec in data["kinds"].items()}
    return Catalog(
        kinds=kinds,
        columns=_aliases(data["columns"], path),
        column_groups=tuple(key(g) for g in data.get("column_groups", [])),
        code_headers=frozenset(key(h) for h in data.get("code_headers", [])),
        name_headers=frozenset(key(h) for h in data.get("name_headers", [])),
        rows=_aliases(data.get("rows", {}), path),
    )


def _kind(name: str, spec: Mapping) -> TableKind:
    check_keys(spec, {"catalogue", "document", "layout", "aliases", "codes"},
               {"layout", "aliases"}, f"表 {name}")
    if spec["layout"] not in LAYOUTS:
        raise RuleError(f"{spec.where()}: 表 {name} 的 layout {spec['layout']!r} 未知（{', '.join(sorted(LAYOUTS))}）")
    if spec.get("codes") is not None and spec["codes"] not in CODE_SYSTEMS:
        raise RuleError(f"{spec.where()}: 表 {name} 的 codes {spec['codes']!r} 未知")
    if spec.get("document", "any") not in DOCUMENT_TYPES:
        raise RuleError(f"{spec.where()}: 表 {name} 的 document {spec['document']!r} 未知")
    return TableKind(name, spec.get("catalogue", ""), spec.get("document", "any"), spec["layout"],
                     tuple(key(a) for a in spec["aliases"]), spec.get("codes"))


def _aliases(spec: Mapping, path: Path) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for name, aliases in spec.items():
        if not isinstance(aliases, list):
            raise RuleError(f"{spec.where()}: {name} 的别名应为列表")
        out[name] = tuple("/".join(key(p) for p in str(a).split("/")) for a in aliases)
    return out
