"""The never-crash contract (issue 9) over a few hundred seeded hostile inputs.

Every input ends in a result or one AuditError line, within its time limit, without touching
the file; the CLI exits 0, 1 or 2, and 2 with exactly one `budget-audit:` line on stderr.
Mutations of small made-up fixtures: truncation, bit flips, zeroed ranges, rich markup in
titles and cells, other encodings, hostile file names, scaled-down pathological texts, odd
arguments and terminals. The long run over the corpus is bench/fuzz_contract.py.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

import fuzzcases as fc
from budget_audit import audit
from budget_audit.cli import app
from budget_audit.engine.rules import load_pack
from budget_audit.errors import AuditError
from budget_audit.reporters import json_report, rich_report
from conftest import FIXTURES, ROOT

SEED = 9
LIMIT = 3.0  # seconds per input (the --timeout); a run may overshoot it by a moment
TEXT = (FIXTURES / "shanghai-style-budget.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    from pdfbuild import build_pdf

    return build_pdf(TEXT[:1500], tmp_path_factory.mktemp("pdf") / "s.pdf").read_bytes()


def keeps_contract(path: Path, pack) -> None:  # type: ignore[no-untyped-def]
    """audit() returns results that both reporters render, or raises AuditError; in time; file untouched."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    start = time.monotonic()
    try:
        results = audit(path, pack=pack, timeout=LIMIT)
    except AuditError as e:
        assert str(e).strip(), "an AuditError must say why"
    else:
        json.loads(json_report.render(results, "test"))
        rich_report.render(results, Console(file=io.StringIO(), markup=False, emoji=False, width=100))
    assert time.monotonic() - start < LIMIT + 2, f"{path.name} ran past its time limit"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


def test_mutated_pdfs_keep_the_contract(tmp_path, pack, small_pdf):
    rng = random.Random(SEED)
    mutations = [fc.truncated, fc.bit_flipped, fc.zeroed, lambda d, r: fc.bit_flipped(d, r, 20)]
    for i in range(100):
        path = tmp_path / f"m{i}.pdf"
        path.write_bytes(rng.choice(mutations)(small_pdf, rng))
        keeps_contract(path, pack)


def test_mutated_texts_keep_the_contract(tmp_path, pack):
    rng = random.Random(SEED)
    data = TEXT.encode()
    for i in range(60):
        path = tmp_path / f"t{i}.txt"
        kind = i % 4
        if kind == 3:
            path.write_bytes(fc.with_markup(TEXT, rng).encode())
        else:
            path.write_bytes([fc.truncated, fc.bit_flipped, fc.zeroed][kind](data, rng))
        keeps_contract(path, pack)


@pytest.mark.parametrize("encoding", fc.ENCODINGS)
def test_other_encodings_are_read(tmp_path, pack, encoding):
    path = tmp_path / "e.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert len(audit(path, pack=pack).report.tables) == len(audit(FIXTURES / "shanghai-style-budget.txt",
                                                                  pack=pack).report.tables)


@pytest.mark.parametrize("name, data", [
    ("long-caption", fc.long_caption(200_000)),
    ("many-claims", fc.many_claims(1_500)),
    ("big-table", fc.big_table(2_500)),
    ("newlines", fc.newlines(5_000_000)),
    ("repeated", fc.repeated_sections(TEXT, 8)),
    ("random-bytes", bytes(random.Random(SEED).randrange(256) for _ in range(20_000))),
])
def test_pathological_texts_end_in_time(tmp_path, pack, name, data):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    keeps_contract(path, pack)


runner = CliRunner()


def cli_contract(args: list[str]) -> int:
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1, 2)
    lines = result.stderr.splitlines()
    if result.exit_code == 2:
        assert len(lines) == 1 and lines[0].startswith("budget-audit:"), result.stderr
    else:
        assert not lines, result.stderr
    return result.exit_code


def test_cli_keeps_the_contract_on_hostile_names_and_arguments(tmp_path, monkeypatch):
    import budget_audit
    import budget_audit.cli

    packs: dict = {}  # each run would read the rule pack again: once per folder is enough here
    cached = lambda d=None: packs.setdefault(d, load_pack(d))  # noqa: E731
    monkeypatch.setattr(budget_audit, "load_pack", cached)
    monkeypatch.setattr(budget_audit.cli, "load_pack", cached)
    rng = random.Random(SEED)
    for case in fc.text_cases("t", TEXT[:2500], rng) + fc.argument_cases(TEXT[:2500].encode()) \
            + fc.rule_pack_cases(TEXT[:2500].encode(), rng):
        if case.name.split(":")[-1].split("-")[0] in ("newlines", "many", "big", "repeated", "long", "enc", "random"):
            continue  # sizes and encodings are tested through the API above, faster
        d = tmp_path / str(abs(hash(case.name)))
        d.mkdir()
        case.write(d)
        cli_contract(case.argv(d))


def test_markup_in_titles_and_names_is_printed_as_it_is(tmp_path):
    path = tmp_path / "a[" / "x].txt"
    path.parent.mkdir()
    path.write_text(TEXT.replace("预算总表", "预算总表[/x][bold]", 1), encoding="utf-8")
    result = runner.invoke(app, ["tables", str(path)], env={"COLUMNS": "400"})  # no folded cells
    assert result.exit_code == 0 and "预算总表[/x][bold]" in result.stdout and "a[/x].txt" in result.stdout


@pytest.mark.parametrize("stdout, env, code", [
    ("full", {}, 2), ("closed", {}, 2), ("broken", {}, None),
    ("pipe", {"PYTHONIOENCODING": "ascii", "LC_ALL": "C"}, None),
])
def test_terminals_and_pipes(tmp_path, stdout, env, code):
    path = tmp_path / "r.txt"
    path.write_text(TEXT, encoding="utf-8")
    expected = cli_contract(["check", str(path)])
    out = {"full": open("/dev/full", "wb"), "pipe": subprocess.PIPE}.get(stdout, subprocess.DEVNULL)  # noqa: SIM115
    pre = (lambda: os.close(1)) if stdout == "closed" else None
    if stdout == "broken":
        reader, out = os.pipe()
        os.close(reader)
    p = subprocess.run([sys.executable, "-m", "budget_audit", "check", str(path)], cwd=ROOT, stdout=out,
                       stderr=subprocess.PIPE, env={**os.environ, **env}, preexec_fn=pre, timeout=60)
    err = p.stderr.decode()
    assert "Traceback" not in err
    assert p.returncode == (code if code is not None else expected), err
    assert len(err.splitlines()) == (1 if p.returncode == 2 else 0), err
    if stdout == "pipe":
        assert "收支" in p.stdout.decode("utf-8")  # UTF-8 whatever the locale says
