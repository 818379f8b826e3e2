"""Baselines: the findings a set of reports had, by fingerprint, so only new ones fail.

Fingerprints never include page, line or path: a re-typeset or renamed report keeps its baseline.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from budget_audit.config import ConfigError

SCHEMA = "budget-audit/baseline@1"


def document(reports: list[dict[str, Any]], version: str) -> dict[str, Any]:
    """The baseline of these report documents (budget-audit/report@1)."""
    entries = [{"fingerprint": f["fingerprint"], "rule": f["rule"], "severity": f["severity"],
                "message": f["message"], "path": r["source"]["path"]}
               for r in reports for f in r["findings"]]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    return {"schema": SCHEMA, "tool": {"version": version}, "findings": entries}


def read(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ConfigError(f"{path}: 无法读取基线文件（{e}）") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: 不是 budget-audit 基线文件（schema 应为 {SCHEMA}）")
    return data["findings"]
