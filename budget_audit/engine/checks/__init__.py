"""The closed vocabulary of check kinds: every module here with KEYS, REQUIRED, prepare
and run is one kind, named after its module (yamllint-style: a new kind is a new file)."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _kinds() -> dict[str, ModuleType]:
    kinds: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if all(hasattr(module, attr) for attr in ("KEYS", "REQUIRED", "prepare", "run")):
            kinds[info.name] = module
    return kinds


KINDS: dict[str, ModuleType] = _kinds()
