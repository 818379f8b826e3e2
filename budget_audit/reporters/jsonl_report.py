"""`--format jsonl`: one budget-audit/report@1 document per line, one line per file.

A file that could not be audited has a line too: its path and the reason, under "error".
"""

from __future__ import annotations

import json
from typing import Any

from budget_audit.batch.work import Outcome
from budget_audit.reporters.json_report import SCHEMA


def line(o: Outcome, tool: dict[str, Any]) -> str:
    doc = o.document if o.document is not None else \
        {"schema": SCHEMA, "tool": tool, "source": {"path": o.path}, "error": o.reason}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n"
