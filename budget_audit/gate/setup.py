"""From the command line and the configuration file to plain values: done once, at the edge."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from budget_audit.config import Config, discover, load
from budget_audit.config.pack import PackSetup
from budget_audit.gate import Gate
from budget_audit.gate import baseline as baselines
from budget_audit.gate import waivers as waiver_file


@dataclass
class Settings:
    config: Config
    setup: PackSetup
    gate: Gate

    def rules(self, pack: Any) -> list[dict[str, Any]]:
        """The rules that run, as the SARIF and JUnit reporters list them."""
        from budget_audit.selection import chosen

        return [{"id": r.id, "title": r.title, "severity": r.severity, "explain": r.explain}
                for r in chosen(pack.rules, self.config["select"], self.config["ignore"])]


def settings(paths: list[Path], config_file: Path | None, flags: dict[str, Any], rules_dir: Path | None) -> Settings:
    """The effective settings: the nearest (or named) configuration file, then the flags given."""
    start = paths[0] if paths and str(paths[0]) != "-" else Path.cwd()
    config = load(config_file or discover(start)).override(flags)
    setup = PackSetup.of(rules_dir, config["extend-rules"], config["params"], config["severity"],
                         str(config.file) if config.file else "配置")
    waivers = waiver_file.read(config["waivers"]) if config["waivers"] else []
    baseline = baselines.read(config["baseline"]) if config["baseline"] else None
    return Settings(config, setup, Gate(waivers, baseline, severity=config["severity"]))


def stdin_paths(paths: list[Path]) -> list[Path]:
    """`-` becomes a temporary file holding standard input, named for its format."""
    if [str(p) for p in paths] != ["-"]:
        return paths
    data = sys.stdin.buffer.read()
    folder = Path(tempfile.mkdtemp(prefix="budget-audit-"))
    atexit.register(shutil.rmtree, folder, True)
    file = folder / ("stdin" + _suffix(data))
    file.write_bytes(data)
    return [file]


def _suffix(data: bytes) -> str:
    if data.startswith(b"%PDF"):
        return ".pdf"
    if data.startswith(b"PK"):
        return ".docx" if b"word/" in data[:4096] else ".xlsx"
    return ".txt"


def no_color(flag: bool) -> None:
    """--no-color: rich (and everything else) honours NO_COLOR."""
    if flag:
        os.environ["NO_COLOR"] = "1"


def configured_pack(rules_dir: Path | None) -> Any:
    """The pack `rules` and `explain` show: the configuration found from the current folder applied."""
    from budget_audit.config.pack import build_pack

    return build_pack(settings([], None, {}, rules_dir).setup)
