"""The rule pack a configuration asks for: the base pack, extra rule folders, parameters, severities.

`extend-rules` folders hold rule files (*.yaml) like the built-in pack's; their rules are added,
and one with an existing id replaces that rule. `params` re-prepares a rule with its own keys
changed (e.g. A16's `total`), exactly as if the rule file said so.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budget_audit.engine.rules import PACK_FILES, Rule, RulePack, _rule, _rules_in, load_pack
from budget_audit.errors import RuleError
from budget_audit.yamlfile import Mapping, load


@dataclass(frozen=True)
class PackSetup:
    """Plain, picklable: what a batch worker needs to build the same pack."""

    rules_dir: Path | None = None
    extend: tuple[Path, ...] = ()
    params: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    origin: str = "配置"  # where params and severity were set, for messages


    @classmethod
    def of(cls, rules_dir: Path | None, extend: Iterable[Path], params: dict[str, dict[str, Any]],
           severity: dict[str, str], origin: str = "配置") -> PackSetup:
        return cls(rules_dir, tuple(extend), tuple((r, tuple(sorted(p.items()))) for r, p in sorted(params.items())),
                   tuple(sorted(severity.items())), origin)


def build_pack(setup: PackSetup) -> RulePack:
    pack = load_pack(setup.rules_dir)
    rules = {r.id: r for r in pack.rules}
    digest = hashlib.sha256(pack.fingerprint.encode())
    for folder in setup.extend:
        if not folder.is_dir():
            raise RuleError(f"{folder}: extend-rules 指定的规则目录不存在")
        for path in sorted(p for p in folder.glob("*.yaml") if p.name not in PACK_FILES):
            digest.update(path.name.encode() + path.read_bytes())
            rules.update((r.id, r) for r in _rules_in(path, pack.catalog))
    for rule_id, params in setup.params:
        rules[rule_id] = _with_params(rules, rule_id, dict(params), pack, setup.origin)
    for rule_id, severity in setup.severity:
        if rule_id not in rules:
            raise RuleError(f"{setup.origin}: severity 中的规则 {rule_id} 不存在")
        rules[rule_id] = dataclasses.replace(rules[rule_id], severity=severity)
    digest.update(repr((setup.params, setup.severity)).encode())
    changed = setup.extend or setup.params or setup.severity
    return dataclasses.replace(pack, rules=list(rules.values()),
                               fingerprint="sha256:" + digest.hexdigest() if changed else pack.fingerprint)


def _with_params(rules: dict[str, Rule], rule_id: str, params: dict[str, Any], pack: RulePack, origin: str) -> Rule:
    """The rule read again from its file, with the configured keys set."""
    if rule_id not in rules:
        raise RuleError(f"{origin}: params 中的规则 {rule_id} 不存在")
    fixed = {"id", "title", "severity", "document", "check", "explain", "catalogue"} & set(params)
    if fixed:
        raise RuleError(f"{origin}: params.{rule_id} 只能设置检查参数，不能设置 {', '.join(sorted(fixed))}")
    file = rules[rule_id].where.rsplit(":", 1)[0]
    source = next(m for m in load(Path(file))["rules"] if m.get("id") == rule_id)
    merged = Mapping({**source, **params})
    merged.file, merged.line = source.file, source.line
    try:
        return _rule(merged, pack.catalog)
    except RuleError as e:
        raise RuleError(f"{origin}: params.{rule_id}：{e}") from None
