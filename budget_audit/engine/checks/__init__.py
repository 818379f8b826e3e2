"""The closed vocabulary of check kinds: every module with KEYS, REQUIRED, prepare and run, here
or in a family subpackage (arithmetic/, cross_table/, narrative/, crossref/, completeness/,
wording/, layout/), is one kind, named after its module (yamllint-style: a new kind is a new file).
The family is only where the file lives: a kind's name is its module's name, unique across families."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def _kinds() -> dict[str, ModuleType]:
    kinds: dict[str, ModuleType] = {}
    for info in pkgutil.walk_packages(__path__, prefix=f"{__name__}."):
        if info.ispkg:
            continue
        module = importlib.import_module(info.name)
        if all(hasattr(module, attr) for attr in ("KEYS", "REQUIRED", "prepare", "run")):
            name = info.name.rsplit(".", 1)[1]
            if name in kinds:
                raise ImportError(f"check kind {name!r} is defined twice: "
                                  f"{kinds[name].__name__} and {module.__name__}")
            kinds[name] = module
    return dict(sorted(kinds.items()))


KINDS: dict[str, ModuleType] = _kinds()
