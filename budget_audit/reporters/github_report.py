"""`--format github`: workflow commands that annotate the files of a GitHub Actions run, and the
Markdown report appended to the job summary when GITHUB_STEP_SUMMARY is set.

Syntax: `::error file=F,line=L,title=T::message`. In the message %, CR and LF are escaped; in a
property also `:` and `,` (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from budget_audit.batch.work import Outcome
from budget_audit.reporters.places import printed

COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def render(outcomes: list[Outcome], notes: list[dict[str, str]] | None = None) -> str:
    lines = []
    for o in outcomes:
        if o.document is None:
            lines.append(_command("error", {"file": o.path, "title": "无法审核"}, o.reason or ""))
            continue
        lines += [_finding(o.path, f) for f in o.document["findings"]]
    for n in notes or []:
        file, _, line = n["where"].rpartition(":")
        props = {"file": file, "line": line} if line.isdigit() else {"file": n["where"]}
        lines.append(_command(n["severity"], {**props, "title": "budget-audit 豁免/基线"}, n["message"]))
    return "".join(line + "\n" for line in lines)


def _finding(path: str, f: dict[str, Any]) -> str:
    loc = f["locations"][0] if f["locations"] else {}
    props: dict[str, Any] = {"file": path}
    if loc.get("line"):
        props["line"] = loc["line"]
    place = printed(loc) if not loc.get("line") else ""
    props["title"] = f"{f['rule']} {f.get('title') or ''}".strip() + (f" {place}" if place else "")
    figures = "；".join(f"{label}{f[k]}" for k, label in (("stated", "列示 "), ("expected", "应为 "),
                                                           ("difference", "差额 ")) if f.get(k))
    return _command(f["severity"], props, f"{f['message']}\n{figures}\n指纹 {f['fingerprint']}".replace("\n\n", "\n"))


def _command(severity: str, props: dict[str, Any], message: str) -> str:
    body = ",".join(f"{k}={_escape_property(str(v))}" for k, v in props.items() if v not in (None, ""))
    return f"::{COMMAND[severity]} {body}::{_escape_data(message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def step_summary(outcomes: list[Outcome]) -> None:
    """Append the Markdown report to the job summary, when running in GitHub Actions."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    from budget_audit.reporters import markdown_report

    with Path(target).open("a", encoding="utf-8") as f:
        f.write(markdown_report.render(outcomes))
