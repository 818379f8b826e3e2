"""The wheel ships every package of the source tree, and the rule pack inside it."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "budget_audit").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
    assert "budget_audit.rules" in listed
