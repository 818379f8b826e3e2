"""Tests of the PDF fixture builder itself (not of the auditor)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

try:  # tests/ may or may not become a package; work either way
    from tests.pdfbuild import build_pdf
except ImportError:
    from pdfbuild import build_pdf


def _rows(tables: list[list[list[str | None]]]) -> list[list[str]]:
    # A wrapped cell comes back with newlines inside; the text format has none.
    return [[(c or "").replace("\n", "") for c in row] for t in tables for row in t]


SMALL = """某单位 2099 年预算

这是一段说明文字，用来检查正文能被读出。

预算01表

2099年收支预算总表

单位：万元

收 入\t\t支 出\t
项 目\t预算数\t项 目\t预算数
一、一般公共预算拨款收入\t1,234.56\t一、一般公共服务支出\t1,000.00
二、其他收入\t\t二、教育支出\t234.56
收 入 总 计\t1,234.56\t支 出 总 计\t1,234.56

注：本表为测试数据。

2099年政府采购预算表

单位：万元

代码\t名称\t项目\t品目\t科目\t分类\t来源\t性质\t数量\t金额
\t合计\t\t\t\t\t\t\t\t12.00
001\t本级\t办公\t纸张\t行政运行\t办公费\t预算安排\t拨款\t1\t12.00
"""


def test_pdf_opens_with_titles_and_footer(tmp_path: Path) -> None:
    out = build_pdf(SMALL, tmp_path / "small.pdf")
    with pdfplumber.open(out) as pdf:
        first = pdf.pages[0].extract_text()
        assert "2099年收支预算总表" in first
        assert "单位：万元" in first
        assert "注：本表为测试数据。" in first
        assert "这是一段说明文字" in first
        assert first.rstrip().endswith("- 1 -")


def test_table_rows_round_trip_and_wide_table_is_landscape(tmp_path: Path) -> None:
    out = build_pdf(SMALL, tmp_path / "small.pdf")
    with pdfplumber.open(out) as pdf:
        narrow, wide = pdf.pages[0], pdf.pages[-1]
        assert narrow.height > narrow.width
        assert wide.width > wide.height
        assert _rows(narrow.extract_tables()) == [
            ["收 入", "", "支 出", ""],
            ["项 目", "预算数", "项 目", "预算数"],
            ["一、一般公共预算拨款收入", "1,234.56", "一、一般公共服务支出", "1,000.00"],
            ["二、其他收入", "", "二、教育支出", "234.56"],
            ["收 入 总 计", "1,234.56", "支 出 总 计", "1,234.56"],
        ]
        assert _rows(wide.extract_tables())[-1] == [
            "001", "本级", "办公", "纸张", "行政运行", "办公费", "预算安排", "拨款", "1", "12.00",
        ]


def test_long_table_spans_pages_with_header_repeated(tmp_path: Path) -> None:
    body = [f"2{i:04d}\t科目{i}\t{i}.50\t{i}.50" for i in range(1, 121)]
    text = "长表\n\n单位：万元\n\n编码\t名称\t合计\t基本支出\n" + "\n".join(body) + "\n"
    out = build_pdf(text, tmp_path / "long.pdf")
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) >= 2
        pages = [_rows(p.extract_tables()) for p in pdf.pages]
    header = ["编码", "名称", "合计", "基本支出"]
    assert all(rows and rows[0] == header for rows in pages)
    seen = [r[0] for rows in pages for r in rows[1:]]
    assert seen == [f"2{i:04d}" for i in range(1, 121)]


@pytest.mark.parametrize("text", ["", "\t\n", "<b>&\t<i>\n"])
def test_odd_inputs_still_render(tmp_path: Path, text: str) -> None:
    out = build_pdf(text, tmp_path / "odd.pdf")
    with pdfplumber.open(out) as pdf:
        assert len(pdf.pages) == 1
