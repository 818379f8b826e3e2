"""Issue 9, item by item: time limits, bounded libraries, rule-pack hazards, arguments, help."""

from __future__ import annotations

import logging
import time
import zlib
from types import SimpleNamespace

import pdfminer.pdftypes
import pytest
from typer.testing import CliRunner

from budget_audit import audit, deadline
from budget_audit.cli import app
from budget_audit.engine.regex_safety import backtracking_risk
from budget_audit.errors import AuditError, RuleError
from budget_audit.readers.pdf import safety
from budget_audit.yamlfile import load
from conftest import FIXTURES

runner = CliRunner()
BUDGET = FIXTURES / "complete-budget.txt"


def test_deadline_names_where_the_time_ran_out(monkeypatch):
    clock = SimpleNamespace(monotonic=lambda: 0.0)
    monkeypatch.setattr(deadline, "time", clock)
    with deadline.limit(2.5), pytest.raises(deadline.TimedOut, match="超过时限 2.5 秒，读取第 3 页时停止"):
        for page in range(1, 100):
            clock.monotonic = lambda page=page: float(page)  # a page a second
            deadline.reached(f"读取第 {page} 页")


def test_deadline_backstop_interrupts_a_loop_without_checks():
    start = time.monotonic()
    with deadline.limit(0.1, alarm=True), pytest.raises(deadline.TimedOut):
        while True:
            sum(range(1000))
    assert time.monotonic() - start < 3


def test_audit_past_its_timeout_is_an_audit_error():
    with pytest.raises(AuditError, match="超过时限"):
        audit(BUDGET, timeout=0.000001)


def _corrupt(data: bytes) -> bytes:
    """A zlib stream whose checksum is wrong: pdfminer recovers the data before it."""
    z = bytearray(zlib.compress(data))
    z[-1] ^= 0xFF
    return bytes(z)


@pytest.mark.parametrize("data", [b"", b"q 1 0 0 1 0 0 cm Q\n" * 3, bytes(range(256)) * 300])
def test_corrupted_stream_recovery_matches_pdfminer(data):
    broken = _corrupt(data)
    assert safety._decompress_corrupted(broken) == pdfminer.pdftypes.decompress_corrupted(broken)
    middle = bytearray(zlib.compress(data * 2 or b"x"))
    middle[len(middle) // 2] ^= 0x55  # bad data early: both give up, as pdfminer does
    results = []
    for f in (safety._decompress_corrupted, pdfminer.pdftypes.decompress_corrupted):
        try:
            results.append(f(bytes(middle)))
        except zlib.error:
            results.append("error")
    assert results[0] == results[1]


def test_corrupted_stream_recovery_is_linear():
    broken = _corrupt(bytes(range(256)) * 8000)  # 2 MB: pdfminer's own takes minutes
    start = time.monotonic()
    assert len(safety._decompress_corrupted(broken)) == 256 * 8000
    assert time.monotonic() - start < 3


def test_a_stream_may_not_inflate_without_bound(monkeypatch):
    monkeypatch.setattr(safety, "MAX_STREAM", 1000)
    bomb = zlib.compress(b" " * 5000)
    with pytest.raises(safety.StreamTooLarge):
        safety._decompress(bomb)
    assert safety._decompress(zlib.compress(b" " * 999)) == b" " * 999


def test_library_warnings_are_collected_per_page_not_printed(capsys):
    with safety.bounded_pdfminer() as warnings:
        warnings.page = 4
        logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing corrupted data")
        logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing corrupted data")
    assert warnings.problems() == ["第 4 页：数据流损坏（解压时丢失数据）"]
    assert capsys.readouterr().err == ""
    assert pdfminer.pdftypes.zlib is zlib  # put back


@pytest.mark.parametrize("pattern", ["(.*)*X", "(a+)+b", "(?:a|aa)*c", "(x{1,3})*y"])
def test_backtracking_regexes_are_refused(pattern):
    assert backtracking_risk(pattern)


@pytest.mark.parametrize("pattern", ["出国[^,;:。、]{0,12}?(?:\\d|无)", "([\u4e00-\u9fff]{2,8})\\1",
                                     "\\d{1,3}(?:,\\d{3})+", "a*b*c"])
def test_ordinary_regexes_pass(pattern):
    assert backtracking_risk(pattern) is None


def test_yaml_alias_bomb_is_refused(tmp_path):
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    (tmp_path / "bomb.yaml").write_text("\n".join(lines), encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(RuleError, match="别名"):
        load(tmp_path / "bomb.yaml")
    assert time.monotonic() - start < 2


def _err(args: list[str]) -> tuple[int, str]:
    result = runner.invoke(app, args)
    return result.exit_code, result.stderr


@pytest.mark.parametrize("args, words", [
    (["--select", "ZZ"], ["ZZ", "可用前缀", "A、"]),
    (["--select", "A", "--ignore", "A"], ["没有剩下任何规则"]),
    (["--ignore", "Q9"], ["Q9"]),
    (["--min-coverage", "nan"], ["--min-coverage", "0 到 1"]),
    (["--format", "xml"], ["--format", "rich、json"]),
    (["--format", "json", "--bogus"], ["未知的选项 --bogus"]),
    (["--timeout", "0"], ["--timeout"]),
])
def test_bad_arguments_are_one_chinese_line(args, words):
    code, err = _err(["check", str(BUDGET), *args])
    assert code == 2 and len(err.splitlines()) == 1 and err.startswith("budget-audit:")
    assert all(w in err for w in words), err


def test_newline_in_a_path_stays_one_line(tmp_path):
    code, err = _err(["check", str(tmp_path / "a\nb.txt")])
    assert code == 2 and len(err.splitlines()) == 1 and "a b.txt" in err


def test_short_help_whole_and_without_placeholders():
    result = runner.invoke(app, ["check", "-h"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "{file}" not in result.stdout and "check [OPTIONS] PATH..." in result.stdout
    assert "以退出码1结束" in result.stdout.replace("\n", "").replace(" ", "") and "…" not in result.stdout
    assert "--timeout" in result.stdout and "--verbose" in result.stdout


def test_debug_shows_the_traceback(tmp_path):
    result = runner.invoke(app, ["check", str(tmp_path / "missing.txt")], env={"BUDGET_AUDIT_DEBUG": "1"})
    assert result.exit_code == 2 and "Traceback" in result.stderr
    assert result.stderr.rstrip().splitlines()[-1].startswith("budget-audit:")
