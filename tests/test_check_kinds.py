"""Check kinds live in family folders of engine/checks; a kind's name is its module's name, unique
across families; imports go one way — a family module imports its own family or the shared modules
at engine/checks level, and those import no family."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT

from budget_audit.engine.checks import KINDS

FAMILIES = {"arithmetic", "cross_table", "narrative", "crossref", "completeness", "wording", "layout"}


def test_every_kind_is_named_after_its_module_in_a_family():
    assert KINDS and list(KINDS) == sorted(KINDS)
    for name, module in KINDS.items():
        *_, family, leaf = module.__name__.split(".")
        assert leaf == name and family in FAMILIES, module.__name__


def test_a_kind_name_defined_twice_fails_loudly(tmp_path):
    shutil.copytree(ROOT / "budget_audit", tmp_path / "budget_audit",
                    ignore=shutil.ignore_patterns("__pycache__"))
    checks = tmp_path / "budget_audit" / "engine" / "checks"
    shutil.copy(checks / "arithmetic" / "row_sum.py", checks / "layout" / "row_sum.py")
    run = subprocess.run([sys.executable, "-c", "import budget_audit.engine.checks"], cwd=tmp_path,
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "check kind 'row_sum' is defined twice" in run.stderr


def test_imports_are_one_way():
    checks = ROOT / "budget_audit" / "engine" / "checks"
    imported = re.compile(r"budget_audit\.engine\.checks\.(\w+)")
    for path in checks.rglob("*.py"):
        family = path.parent.name if path.parent != checks else None
        for target in imported.findall(path.read_text(encoding="utf-8")):
            if target in FAMILIES:
                assert target == family, f"{path.relative_to(checks)} imports from {target}/"
