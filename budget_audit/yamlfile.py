"""YAML loading that remembers where each mapping sits, for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from budget_audit.errors import RuleError


class Mapping(dict):
    """A YAML mapping that knows its file and line."""

    file: str = ""
    line: int = 0

    def where(self) -> str:
        return f"{self.file}:{self.line}"


MAX_NODES = 200_000  # the whole shipped pack has a few thousand

# libyaml's parser when present: the rule pack is read on every run
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _loader(file: str) -> type[yaml.SafeLoader]:
    class Loader(_BASE):  # type: ignore[valid-type,misc]
        pass

    def construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Mapping:
        loader.flatten_mapping(node)
        m = Mapping()
        for key_node, value_node in node.value:
            k = loader.construct_object(key_node, deep=True)
            if k in m:
                raise RuleError(f"{file}:{key_node.start_mark.line + 1}: 重复的键 {k!r}")
            m[k] = loader.construct_object(value_node, deep=True)
        m.file, m.line = file, node.start_mark.line + 1
        return m

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def load(path: Path) -> Any:
    """Parse a YAML file; any syntax error becomes a RuleError naming file and line."""
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RuleError(f"{name}: 无法读取规则文件（{e}）") from None
    try:
        data = yaml.load(text, Loader=_loader(name))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else 0
        raise RuleError(f"{name}:{line}: YAML 语法错误：{e.problem}") from None
    except yaml.YAMLError as e:
        raise RuleError(f"{name}: YAML 错误：{e}") from None
    except RecursionError:
        raise RuleError(f"{name}: YAML 嵌套过深") from None
    _bounded(data, name)
    return data


def _bounded(data: Any, name: str) -> None:
    """Refuse a file whose aliases expand past MAX_NODES values (a "billion laughs" bomb):
    each reuse of an anchor counts again, as it will for whoever walks the data."""
    budget, stack = MAX_NODES, [data]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            raise RuleError(f"{name}: YAML 别名（&/*）展开后超过 {MAX_NODES} 个值，拒绝读取")
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def check_keys(m: Any, allowed: set[str], required: set[str], what: str) -> None:
    """Reject unknown or missing keys with the mapping's file and line."""
    if not isinstance(m, Mapping):
        raise RuleError(f"{what} 应为映射（键: 值），实际为 {type(m).__name__}")
    unknown = sorted(set(m) - allowed)
    if unknown:
        raise RuleError(f"{m.where()}: {what} 含未知的键 {', '.join(map(str, unknown))}"
                        f"（允许：{', '.join(sorted(allowed))}）")
    missing = sorted(required - set(m))
    if missing:
        raise RuleError(f"{m.where()}: {what} 缺少必需的键 {', '.join(missing)}")
