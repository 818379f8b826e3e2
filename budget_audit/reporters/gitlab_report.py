"""`--format gitlab`: a GitLab Code Quality report (a JSON list of issues) for merge requests."""

from __future__ import annotations

import json
from typing import Any

from budget_audit.batch.work import Outcome
from budget_audit.reporters.places import where

SEVERITY = {"error": "critical", "warning": "major", "info": "info"}


def render(outcomes: list[Outcome]) -> str:
    issues = []
    for o in outcomes:
        for f in (o.document or {}).get("findings", []):
            issues.append(_issue(o.path, f))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _issue(path: str, f: dict[str, Any]) -> dict[str, Any]:
    loc = f["locations"][0] if f["locations"] else {}
    place = where(loc)
    return {"type": "issue", "check_name": f["rule"], "severity": SEVERITY[f["severity"]],
            "description": f"{f['rule']} {f['message']}" + (f"（{place}）" if place else ""),
            "fingerprint": f["fingerprint"], "categories": ["Bug Risk"],
            "location": {"path": path, "lines": {"begin": loc.get("line") or 1}}}
