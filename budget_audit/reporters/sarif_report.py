"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, Azure DevOps, any SARIF viewer).

One run; one `rules` entry per rule of the pack with its explanation; one result per finding.
A text report's finding points at its line (region.startLine); a PDF has no lines, so its page
and box go in the result's properties (and sheet/cell for workbooks). `partialFingerprints`
carries the finding's fingerprint, so code scanning tracks a finding across re-typesetting.
Waived findings are results with a suppression (their justification is the waiver's reason).
"""

from __future__ import annotations

import json
from pathlib import PurePath, PurePosixPath
from urllib.parse import quote
from typing import Any

from budget_audit.batch.work import Outcome

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "budgetAudit/v1"
_PROPERTIES = ("page", "bbox", "sheet", "cell", "paragraph", "table", "row", "column", "section")


def render(outcomes: list[Outcome], rules: list[dict[str, Any]], version: str) -> str:
    index = {r["id"]: i for i, r in enumerate(rules)}
    results = []
    for o in outcomes:
        if o.document is None:
            continue
        results += [_result(f, o.path, index) for f in o.document["findings"]]
        results += [_result(f, o.path, index, f["waiver"]) for f in o.document.get("gate", {}).get("waived", [])]
    failed = [{"level": "error", "message": {"text": f"{o.path}: {o.reason}"},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(o.path)}}}]}
              for o in outcomes if o.document is None]
    run = {"tool": {"driver": {"name": "budget-audit", "version": version,
                               "informationUri": "https://github.com/budget-audit/budget-audit",
                               "rules": [_rule(r) for r in rules]}},
           "invocations": [{"executionSuccessful": not failed, "toolExecutionNotifications": failed}],
           "results": results}
    doc = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _rule(r: dict[str, Any]) -> dict[str, Any]:
    ex = r["explain"]
    return {"id": r["id"], "name": r["id"], "shortDescription": {"text": r["title"]},
            "fullDescription": {"text": ex["what"]},
            "help": {"text": f"检查什么：{ex['what']}\n为什么：{ex['why']}\n如何改正：{ex['fix']}"},
            "defaultConfiguration": {"level": LEVEL[r["severity"]]}}


def _result(f: dict[str, Any], path: str, index: dict[str, int], waiver: dict[str, Any] | None = None) -> dict[str, Any]:
    loc = f["locations"][0] if f["locations"] else {}
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(path)}}
    if loc.get("line"):
        physical["region"] = {"startLine": loc["line"], **({"startColumn": loc["field"]} if loc.get("field") else {})}
    out: dict[str, Any] = {"ruleId": f["rule"], "level": LEVEL[f["severity"]], "message": {"text": _message(f)},
                           "locations": [{"physicalLocation": physical}],
                           "partialFingerprints": {FINGERPRINT_KEY: f["fingerprint"]}}
    if f["rule"] in index:
        out["ruleIndex"] = index[f["rule"]]
    props = {k: loc[k] for k in _PROPERTIES if loc.get(k) is not None}
    props.update({k: f[k] for k in ("stated", "expected", "difference", "unit") if f.get(k)})
    if props:
        out["properties"] = props
    if waiver is not None:
        out["suppressions"] = [{"kind": "external", "status": "accepted", "justification": waiver["reason"]}]
    return out


def _message(f: dict[str, Any]) -> str:
    figures = "；".join(f"{label}{f[k]}" for k, label in (("stated", "列示 "), ("expected", "应为 "),
                                                           ("difference", "差额 ")) if f.get(k))
    return f["message"] + (f"（{figures}）" if figures and figures not in f["message"] else "")


def _uri(path: str) -> str:
    """A relative path stays relative (code scanning resolves it from the checkout); an absolute one is a file: URI."""
    p = PurePosixPath(PurePath(path).as_posix())
    return p.as_uri() if p.is_absolute() else quote(str(p))
