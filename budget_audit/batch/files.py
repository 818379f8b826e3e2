"""Which files a batch audits, and which slice of them this machine takes (--shard K/N)."""

from __future__ import annotations

import re
from pathlib import Path

from budget_audit.errors import AuditError
from budget_audit.readers import SUFFIXES


def collect(paths: list[Path]) -> list[Path]:
    """Named files as given; folders searched recursively for every readable report format.

    Sorted by path, so that a batch, its shards and their outputs are the same on every run.
    A missing path is kept: it becomes a 无法审核 row like any unreadable file.
    """
    found: set[Path] = set()
    for p in paths:
        if p.is_dir():
            found.update(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            found.add(p)
    return sorted(found, key=lambda f: f.as_posix())


def is_batch(paths: list[Path]) -> bool:
    return len(paths) != 1 or paths[0].is_dir()


_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str) -> tuple[int, int]:
    m = _SHARD.match(text)
    if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
        raise AuditError(f"--shard 应写作 K/N（1 ≤ K ≤ N），如 3/10；实际为 {text!r}")
    return int(m.group(1)), int(m.group(2))


def shard(files: list[Path], k: int, n: int) -> list[Path]:
    """The K-th of N slices: every N-th file of the sorted list, starting at the K-th.

    Round robin keeps the slices the same size within one file and mixes big and small
    folders; the N slices are disjoint and together are the whole list.
    """
    return files[k - 1::n]
