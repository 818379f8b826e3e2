from pathlib import Path

import pytest

from budget_audit.document import Table
from budget_audit.errors import AuditError
from budget_audit.readers import read

REPORT = """2024年部门预算

一、收支预算总体安排情况

2024年收支总预算100.00万元，比2023年预算增加10

万元，增长 11.11%。

2024年支出预算总表

单位：万元

科目编码\t科目名称\t合计\t基本支出\t项目支出
\t合计\t100.00\t60.00\t40.00
201\t一般公共服务支出\t100.00\t60.00\t40.00

2024年一般公共预算基本支出表

单位：万元

科目编码\t科目名称\t合计
301\t工资福利支出\t50.00

2024年一般公共预算基本支出表

单位：万元

科目编码\t科目名称\t合计
302\t商品和服务\t10.00

2024年政府性基金预算支出表

单位：万元

科目编码\t科目名称\t合计
注：本单位无政府性基金预算相关支出
"""


def _write(tmp_path: Path, data: bytes) -> Path:
    p = tmp_path / "r.txt"
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_reads_every_supported_encoding(tmp_path, encoding):
    doc = read(_write(tmp_path, REPORT.encode(encoding)))
    assert doc.paragraphs[0].text == "2024年部门预算"
    assert len(doc.tables) == 3


def test_paragraph_broken_mid_sentence_is_joined(tmp_path):
    doc = read(_write(tmp_path, REPORT.encode()))
    texts = [p.text for p in doc.paragraphs]
    assert "2024年收支总预算100.00万元，比2023年预算增加10万元，增长 11.11%。" in texts
    joined = next(p for p in doc.paragraphs if p.text.startswith("2024年收支总预算"))
    assert joined.location.line == 5


def test_table_caption_rows_and_line_numbers(tmp_path):
    doc = read(_write(tmp_path, REPORT.encode()))
    table = doc.tables[0]
    assert [p.text for p in table.caption] == ["2024年支出预算总表", "单位：万元"]
    assert table.rows[2][0].text == "201" and table.rows[2][0].location.line == 15


def test_continued_table_is_joined_without_repeated_header(tmp_path):
    doc = read(_write(tmp_path, REPORT.encode()))
    basic: Table = doc.tables[1]
    assert [r[0].text for r in basic.rows] == ["科目编码", "301", "302"]


def test_note_under_empty_table(tmp_path):
    doc = read(_write(tmp_path, REPORT.encode()))
    assert [n.text for n in doc.tables[2].notes] == ["注：本单位无政府性基金预算相关支出"]


@pytest.mark.parametrize("data, message", [
    (b"", "为空"),
    (b"\x00\x01\x02binary\x00", "二进制"),
    (bytes(range(128, 256)) * 40, "编码"),
])
def test_unreadable_input_is_a_clear_error(tmp_path, data, message):
    with pytest.raises(AuditError, match=message):
        read(_write(tmp_path, data))


def test_missing_file(tmp_path):
    with pytest.raises(AuditError, match="不存在"):
        read(tmp_path / "nope.txt")
