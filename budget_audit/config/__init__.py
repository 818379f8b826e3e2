"""Configuration: `[tool.budget-audit]` in pyproject.toml or a budget-audit.toml, read once at the edge.

The nearest file from the report's folder upward wins (or the one named by --config); flags on
the command line win over the file. Every value remembers where it came from, for
`budget-audit config`. Paths in a file are relative to that file's folder.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from budget_audit.deadline import DEFAULT_SECONDS
from budget_audit.errors import AuditError

OWN_FILE = "budget-audit.toml"
PYPROJECT = "pyproject.toml"
SEVERITIES = ("error", "warning", "info")
DEFAULTS: dict[str, Any] = {
    "select": None, "ignore": None, "fail-on": "error", "min-coverage": None, "jobs": None,
    "timeout": DEFAULT_SECONDS, "severity": {}, "extend-rules": [], "waivers": None, "baseline": None, "params": {},
}
_PATHS = ("waivers", "baseline")


class ConfigError(AuditError):
    """A configuration file is malformed; the message names the file and line."""


@dataclass
class Config:
    """The effective configuration: plain values, and where each came from."""

    values: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict[str, str] = field(default_factory=lambda: dict.fromkeys(DEFAULTS, "默认"))
    file: Path | None = None

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def override(self, flags: dict[str, Any]) -> Config:
        """Command-line flags (those given, not None) win over the file."""
        for key, value in flags.items():
            if value is not None:
                self.values[key], self.sources[key] = value, "命令行"
        return self


def discover(start: Path) -> Path | None:
    """The nearest budget-audit.toml, or pyproject.toml with a [tool.budget-audit] table."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for d in (folder, *folder.parents):
        if (d / OWN_FILE).is_file():
            return d / OWN_FILE
        py = d / PYPROJECT
        if py.is_file() and "budget-audit" in _read(py).get("tool", {}):
            return py
    return None


def load(path: Path | None) -> Config:
    config = Config(file=path)
    if path is None:
        return config
    data = _read(path)
    table = data.get("tool", {}).get("budget-audit", {}) if path.name == PYPROJECT else data
    text = path.read_text(encoding="utf-8")
    for key, value in table.items():
        line = _line_of(text, key)
        where = f"{path}:{line}"
        if key not in DEFAULTS:
            raise ConfigError(f"{where}: 未知的配置项 {key}（允许：{', '.join(sorted(DEFAULTS))}）")
        config.values[key] = _checked(key, value, where, path.parent)
        config.sources[key] = where
    return config


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: 无法读取配置文件（{e}）") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: TOML 语法错误：{e}") from None


def _line_of(text: str, key: str) -> int:
    """tomllib keeps no lines: the first line that sets or opens the key."""
    name = re.escape(key)
    pattern = re.compile(rf'^\s*(\[\s*(tool\.)?("?budget-audit"?\.)?)?["\']?{name}["\']?\s*[=.\]]')
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _TABLE.match(line)), 0)  # pyproject: from our table on
    for i, line in enumerate(lines[start:], start + 1):
        if pattern.match(line):
            return i
    return 0


_TABLE = re.compile(r'^\s*\[\s*tool\.("?)budget-audit\1\s*[.\]]')


def _checked(key: str, value: Any, where: str, base: Path) -> Any:
    """One value, of the type its key takes; paths made absolute from the file's folder."""
    def fail(what: str) -> ConfigError:
        return ConfigError(f"{where}: {key} 应为{what}")

    if key in ("select", "ignore"):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise fail("规则编号的列表")
        return set(value)
    if key == "fail-on":
        if value not in SEVERITIES:
            raise fail(" error、warning 或 info")
        return value
    if key in ("min-coverage", "timeout", "jobs"):
        kind = int if key == "jobs" else (int, float)
        low, high = (0, 1) if key == "min-coverage" else (1, math.inf)
        if isinstance(value, bool) or not isinstance(value, kind) or not low <= value <= high:  # NaN fails too
            raise fail("正数" if key != "min-coverage" else " 0 到 1 之间的数")
        return value
    if key == "severity":
        if not isinstance(value, dict) or any(v not in SEVERITIES for v in value.values()):
            raise fail("规则编号到 error、warning、info 的表")
        return dict(value)
    if key == "extend-rules":
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise fail("规则目录的列表")
        return [base / v for v in value]
    if key in _PATHS:
        if not isinstance(value, str):
            raise fail("文件路径")
        return base / value
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise fail("规则编号到参数表的表，如 [tool.budget-audit.params.A16]")
    return {rule: dict(p) for rule, p in value.items()}


def describe(config: Config) -> list[tuple[str, str, str]]:
    """(key, value, where it came from) for `budget-audit config`."""
    return [(key, _show(config.values[key]), config.sources[key]) for key in DEFAULTS]


def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (set, list)):
        return ", ".join(sorted(map(str, value))) or "-"
    if isinstance(value, dict):
        return "; ".join(f"{k}={_show(v) if isinstance(v, dict) else v}" for k, v in sorted(value.items())) or "-"
    return str(value)
