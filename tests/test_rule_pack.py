"""A malformed rule pack stops the run with file, line and what is wrong (exit 2)."""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app
from budget_audit.engine.rules import default_rules_dir, load_pack
from budget_audit.errors import RuleError

from conftest import SAMPLE

GOOD = """rules:
  - id: T01
    title: 测试规则
    severity: error
    check: compare
    pairs:
      - ["收支总表.收入[收入总计]", "收支总表.支出[支出总计]"]
    explain: {what: 检查, why: 原因, fix: 改正}
"""


@pytest.fixture
def rules_dir(tmp_path):
    d = tmp_path / "rules"
    d.mkdir()
    shutil.copy(default_rules_dir() / "tables.yaml", d / "tables.yaml")
    return d


def test_a_minimal_pack_loads(rules_dir):
    (rules_dir / "t.yaml").write_text(GOOD, encoding="utf-8")
    assert [r.id for r in load_pack(rules_dir).rules] == ["T01"]


@pytest.mark.parametrize("change, message", [
    (("severity: error", "severity: fatal"), "severity"),
    (("    check: compare", "    check: compare\n    colour: red"), "未知的键 colour"),
    (("收支总表.收入[收入总计]", "收支总表.收入收入总计"), "无法解析的引用"),
    (("收支总表.收入[收入总计]", "收支总帐.收入[收入总计]"), "未在 tables.yaml 中声明"),
    (("check: compare", "check: telepathy"), "check 'telepathy' 未知"),
    (("    explain: {what: 检查, why: 原因, fix: 改正}", ""), "缺少必需的键 explain"),
    (("- [", "- ["), None),
])
def test_malformed_rules_name_file_and_line(rules_dir, change, message):
    if message is None:
        (rules_dir / "t.yaml").write_text(GOOD + "  - id: [unclosed\n", encoding="utf-8")
        message = "YAML 语法错误"
    else:
        (rules_dir / "t.yaml").write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(RuleError, match=message) as err:
        load_pack(rules_dir)
    assert "t.yaml:" in str(err.value)


def test_duplicate_ids_are_rejected(rules_dir):
    (rules_dir / "a.yaml").write_text(GOOD, encoding="utf-8")
    (rules_dir / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleError, match="T01 重复"):
        load_pack(rules_dir)


def test_cli_reports_a_bad_pack_in_one_line_exit_2(rules_dir):
    (rules_dir / "t.yaml").write_text(GOOD.replace("severity: error", "severity: fatal"), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(SAMPLE), "--rules", str(rules_dir)])
    assert result.exit_code == 2
    assert "t.yaml:2" in result.output and "Traceback" not in result.output


def test_shipped_pack_covers_the_catalogue_ids(pack):
    ids = {r.catalogue for r in pack.rules}
    wanted = {"A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A11", "A12",
              "X01", "X02", "X03", "X04", "X06", "X08", "X09", "D01", "D02", "D03", "D04", "D06", "D07"}
    assert wanted <= ids
