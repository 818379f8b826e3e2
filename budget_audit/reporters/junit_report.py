"""`--format junit`: JUnit XML for CI test tabs — a testsuite per file, a testcase per rule,
a failure per finding at or above --fail-on (findings below it go to the case's system-out)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from budget_audit.batch.work import Outcome
from budget_audit.reporters.places import where


def render(outcomes: list[Outcome], rules: list[dict[str, Any]], levels: tuple[str, ...]) -> str:
    root = ET.Element("testsuites", name="budget-audit")
    for o in outcomes:
        root.append(_suite(o, rules, levels))
    for key in ("tests", "failures", "errors"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(o: Outcome, rules: list[dict[str, Any]], levels: tuple[str, ...]) -> ET.Element:
    suite = ET.Element("testsuite", name=o.path)
    if o.document is None:
        case = ET.SubElement(suite, "testcase", classname=o.path, name="审核")
        ET.SubElement(case, "error", message=o.reason or "无法审核")
        suite.set("tests", "1"), suite.set("failures", "0"), suite.set("errors", "1")
        return suite
    by_rule: dict[str, list[dict[str, Any]]] = {}
    for f in o.document["findings"]:
        by_rule.setdefault(f["rule"], []).append(f)
    failures = 0
    for r in rules:
        case = ET.SubElement(suite, "testcase", classname=o.path, name=f"{r['id']} {r['title']}")
        quiet = []
        for f in by_rule.get(r["id"], []):
            if f["severity"] in levels:
                failures += 1
                fail = ET.SubElement(case, "failure", type=f["severity"], message=f["message"])
                fail.text = _details(f)
            else:
                quiet.append(f"[{f['severity']}] {f['message']}\n{_details(f)}")
        if quiet:
            ET.SubElement(case, "system-out").text = "\n\n".join(quiet)
    suite.set("tests", str(len(rules))), suite.set("failures", str(failures)), suite.set("errors", "0")
    return suite


def _details(f: dict[str, Any]) -> str:
    lines = [f"{label}：{f[k]}" for k, label in (("stated", "列示"), ("expected", "应为"), ("difference", "差额"))
             if f.get(k)]
    lines += [f"位置：{where(loc)}" for loc in f["locations"][:4]]
    lines.append(f"指纹：{f['fingerprint']}")
    return "\n".join(lines)
