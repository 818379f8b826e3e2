"""Where a finding points, in words: shared by the summary, HTML, Markdown and checklist.

Works on the JSON form of a location (reporters/json_report.location), and prints whatever
place keys a reader filled in — page, line, sheet and cell, paragraph, or any later one.
"""

from __future__ import annotations

from typing import Any

_LOGICAL = ("table", "row", "column", "section")  # what the place is, in the report's own words
_NOT_A_PLACE = {"text", "span", "bbox", *_LOGICAL}


def printed(loc: dict[str, Any]) -> str:
    """Where it is printed: 第12页, 第113行第5栏, Sheet1!B3, 第4段 …"""
    parts = []
    if loc.get("page") is not None:
        parts.append(f"第{loc['page']}页")
    if loc.get("line") is not None:
        parts.append(f"第{loc['line']}行" + (f"第{loc['field']}栏" if loc.get("field") else ""))
    if loc.get("sheet") or loc.get("cell"):
        parts.append("!".join(str(loc[k]) for k in ("sheet", "cell") if loc.get(k)))
    if loc.get("paragraph") is not None:
        parts.append(f"第{loc['paragraph']}段")
    known = {"page", "line", "field", "sheet", "cell", "paragraph"}
    parts.extend(f"{k} {v}" for k, v in loc.items() if k not in known | _NOT_A_PLACE and v is not None)
    return " ".join(parts)


def logical(loc: dict[str, Any]) -> str:
    """What it is: table, row, column (合计 left out as obvious), section."""
    return " · ".join(str(loc[k]) for k in _LOGICAL if loc.get(k) and not (k == "column" and loc[k] == "合计"))


def where(loc: dict[str, Any]) -> str:
    return " · ".join(p for p in (logical(loc), printed(loc)) if p)


def finding_places(finding: dict[str, Any]) -> str:
    """The printed places of a finding, each once, in order: “第6页；第11页”."""
    seen: list[str] = []
    for loc in finding.get("locations", []):
        p = printed(loc)
        if p and p not in seen:
            seen.append(p)
    return "；".join(seen)
