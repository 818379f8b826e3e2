"""The gate between findings and the exit code: waivers and a baseline, on report documents.

Works on the JSON form of a report (budget-audit/report@1), so one file and a batch are gated
the same way. A waived or baseline finding leaves `findings` (and the exit code) and is listed
apart under `gate`. What the gate itself has to say — an expired waiver, a waiver that matched
nothing, a baseline finding that is gone — is a note, known once every report has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from budget_audit.gate.waivers import Waiver

SEVERITIES = ("error", "warning", "info")


@dataclass
class Gate:
    waivers: list[Waiver] = field(default_factory=list)
    baseline: list[dict[str, Any]] | None = None
    today: dt.date = field(default_factory=dt.date.today)
    severity: dict[str, str] = field(default_factory=dict)  # rule id → the severity its findings take
    _known: frozenset[str] = field(init=False)  # the baseline's fingerprints
    _seen: set[str] = field(init=False, default_factory=set)  # those met in a report of this run
    _used: set[int] = field(init=False, default_factory=set)  # index of each waiver that waived a finding

    def __post_init__(self) -> None:
        self._known = frozenset(e["fingerprint"] for e in self.baseline or [])

    @property
    def active(self) -> bool:
        return bool(self.waivers) or self.baseline is not None or bool(self.severity)

    def apply(self, doc: dict[str, Any]) -> dict[str, Any]:
        """The document with configured severities, and waived and baseline findings moved out of `findings`.

        A rule's configured severity holds for all its findings, also those a check marks as a doubt."""
        if not self.active:
            return doc
        kept, waived, known = [], [], []
        for f in doc["findings"]:
            f = {**f, "severity": self.severity.get(f["rule"], f["severity"])}
            waiver = self._waiver(f)
            if waiver is not None:
                waived.append({**f, "waiver": _show(waiver)})
            elif f["fingerprint"] in self._known:
                self._seen.add(f["fingerprint"])
                known.append(f)
            else:
                kept.append(f)
        summary = dict.fromkeys(SEVERITIES, 0)
        for f in kept:
            summary[f["severity"]] += 1
        return {**doc, "findings": kept, "summary": summary, "gate": {"waived": waived, "baseline": known}}

    def _waiver(self, finding: dict[str, Any]) -> Waiver | None:
        for i, w in enumerate(self.waivers):
            if w.expires >= self.today and w.matches(finding):
                self._used.add(i)
                return w
        return None

    def notes(self) -> list[dict[str, str]]:
        """Expired waivers (warning), unused waivers and fixed baseline findings (info)."""
        out = []
        for i, w in enumerate(self.waivers):
            if w.expires < self.today:
                out.append(_note("warning", w.where_defined,
                                 f"豁免已于 {w.expires.isoformat()} 过期，不再生效：{w.describe()}（{w.reason}）"))
            elif i not in self._used:
                out.append(_note("info", w.where_defined, f"豁免未匹配任何发现，可删除：{w.describe()}"))
        for e in self.baseline or []:
            if e["fingerprint"] not in self._seen:
                out.append(_note("info", e.get("path", ""),
                                 f"基线中的发现已不再出现（已改正）：{e['rule']} {e['fingerprint']} {e.get('message', '')}"))
        return out


def _show(w: Waiver) -> dict[str, Any]:
    out = {"reason": w.reason, "expires": w.expires.isoformat(), "by": w.by, "defined": w.where_defined}
    return {k: v for k, v in out.items() if v is not None}


def _note(severity: str, where: str, message: str) -> dict[str, str]:
    return {"severity": severity, "where": where, "message": message}
