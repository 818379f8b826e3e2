"""Waivers: a YAML list of accepted findings, each with a reason and an expiry date.

An entry names a finding by its `fingerprint`, or by `rule` plus a `where` pattern (shell-style,
matched against each location's table/row/column/section and printed place). `reason` and
`expires` are required, `by` is optional. An expired waiver no longer waives.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budget_audit.config import ConfigError
from budget_audit.errors import RuleError
from budget_audit.reporters.places import where as place_words
from budget_audit.yamlfile import Mapping, load

_KEYS = {"fingerprint", "rule", "where", "reason", "expires", "by"}


@dataclass(frozen=True)
class Waiver:
    where_defined: str  # file:line
    reason: str
    expires: dt.date
    fingerprint: str | None = None
    rule: str | None = None
    pattern: str | None = None
    by: str | None = None

    def matches(self, finding: dict[str, Any]) -> bool:
        if self.fingerprint is not None:
            return finding["fingerprint"] == self.fingerprint
        if finding["rule"] != self.rule:
            return False
        if self.pattern is None:
            return True
        return any(fnmatch.fnmatch(place_words(loc), f"*{self.pattern}*") for loc in finding["locations"])

    def describe(self) -> str:
        return self.fingerprint or f"{self.rule} {self.pattern or ''}".strip()


def read(path: Path) -> list[Waiver]:
    """The waivers of a file; a malformed entry is a configuration error naming file:line."""
    if not path.is_file():
        raise ConfigError(f"{path}: 豁免文件不存在")
    try:
        data = load(path) or []
    except RuleError as e:
        raise ConfigError(str(e)) from None
    if isinstance(data, Mapping) and "waivers" in data:
        data = data["waivers"]
    if not isinstance(data, list):
        raise ConfigError(f"{path}: 豁免文件应为条目列表")
    return [_entry(m, path) for m in data]


def _entry(m: Any, path: Path) -> Waiver:
    if not isinstance(m, Mapping):
        raise ConfigError(f"{path}: 每条豁免应为映射（fingerprint、reason、expires …）")
    where = m.where()
    unknown = sorted(set(m) - _KEYS)
    if unknown:
        raise ConfigError(f"{where}: 豁免含未知的键 {', '.join(unknown)}（允许：{', '.join(sorted(_KEYS))}）")
    if not str(m.get("reason") or "").strip():
        raise ConfigError(f"{where}: 豁免缺少 reason（豁免的理由）")
    expires = m.get("expires")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            expires = None
    if not isinstance(expires, dt.date):
        raise ConfigError(f"{where}: 豁免缺少 expires 或日期不合格式（YYYY-MM-DD）")
    if not m.get("fingerprint") and not m.get("rule"):
        raise ConfigError(f"{where}: 豁免需要 fingerprint，或 rule 加 where")
    return Waiver(where, str(m["reason"]).strip(), expires, _opt(m, "fingerprint"), _opt(m, "rule"),
                  _opt(m, "where"), _opt(m, "by"))


def _opt(m: Mapping, key: str) -> str | None:
    return str(m[key]) if m.get(key) not in (None, "") else None


def append(path: Path, fingerprint: str, reason: str, expires: dt.date, by: str | None) -> None:
    """Add one entry at the end of the file (created when missing), keeping what is there."""
    if not reason.strip():
        raise ConfigError("豁免需要 --reason")
    lines = [f"- fingerprint: {_quote(fingerprint)}", f"  reason: {_quote(reason)}", f"  expires: {expires.isoformat()}"]
    if by:
        lines.append(f"  by: {_quote(by)}")
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    sep = "" if not old or old.endswith("\n") else "\n"
    path.write_text(old + sep + "\n".join(lines) + "\n", encoding="utf-8")
    read(path)  # the file must still parse, with the new entry in it


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string
