"""Tests of the PDF reader, on PDFs built at test time (reportlab) and on the real corpus."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from reportlab.lib import colors, pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import SimpleDocTemplate, Spacer
from reportlab.platypus import Table as RLTable
from reportlab.platypus import TableStyle

from budget_audit.document import Table
from budget_audit.errors import AuditError
from budget_audit.readers import pdf as pdf_reader
from budget_audit.readers.pdf import NO_TEXT, read_pdf

CJK = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(CJK))

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

BODY = ParagraphStyle("body", fontName=CJK, fontSize=11, leading=16, wordWrap="CJK", firstLineIndent=22)
TITLE = ParagraphStyle("title", fontName=CJK, fontSize=16, leading=22, alignment=1)
UNIT = ParagraphStyle("unit", fontName=CJK, fontSize=10, leading=14, alignment=2)
CELL = ParagraphStyle("cell", fontName=CJK, fontSize=9, leading=11, wordWrap="CJK")
GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("FONTNAME", (0, 0), (-1, -1), CJK),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
    ]
)
LONG_TEXT = "本部门坚持勤俭节约，严格控制一般性支出，" * 12 + "全年预算执行情况良好。"
CODES = [f"2010{i:03d}" for i in range(1, 61)]


def _page_decorations(c: canvas.Canvas, doc: SimpleDocTemplate) -> None:
    """A running header and a "- N -" footer on every page, as real reports have."""
    c.saveState()
    c.setFont(CJK, 9)
    c.drawCentredString(A4[0] / 2, A4[1] - 30, "上海市某某局2025年部门预算")
    c.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
    c.restoreState()


def _build(path: Path, story: list) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=A4, topMargin=60, bottomMargin=60)
    doc.build(story, onFirstPage=_page_decorations, onLaterPages=_page_decorations)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory):
    """Narrative, a captioned 61-row table split over two pages (header repeated), a note,
    a wrapped cell, then an empty fund table with its note."""
    header = ["科目编码", "科目名称", "预算数"]
    rows = [header] + [[code, f"项目{i}", f"{i * 1000:,}"] for i, code in enumerate(CODES, 1)]
    rows[5][1] = RLParagraph("机关事业单位基本养老保险缴费支出", CELL)  # wraps in a narrow column
    rows.append(["合计", "", "1,830,000"])
    empty = [header] + [["", "", ""] for _ in range(4)] + [["合计", "", ""]]
    story = [
        RLParagraph("一、部门预算编制说明", BODY),
        RLParagraph(LONG_TEXT, BODY),
        Spacer(1, 12),
        RLParagraph("2025年部门一般公共预算支出功能分类预算表", TITLE),
        RLParagraph("单位：元", UNIT),
        RLTable(rows, colWidths=[80, 90, 100], repeatRows=1, style=GRID),
        RLParagraph("注：本表反映部门一般公共预算支出情况。", BODY),
        Spacer(1, 24),
        RLParagraph("2025年部门政府性基金预算支出功能分类预算表", TITLE),
        RLParagraph("单位：元", UNIT),
        RLTable(empty, colWidths=[80, 90, 100], style=GRID),
        RLParagraph("注：本部门2025年无政府性基金预算，故本表为空表。", BODY),
    ]
    path = _build(tmp_path_factory.mktemp("pdf") / "report.pdf", story)
    return read_pdf(path)


def _text(cell) -> str | None:
    return None if cell is None else cell.text


# ---------------------------------------------------------------- built fixtures


def test_split_table_is_one_table_without_repeated_header(report):
    table = report.tables[0]
    assert table.pages == [1, 2]
    texts = [[_text(c) for c in r] for r in table.rows]
    assert texts.count(["科目编码", "科目名称", "预算数"]) == 1
    codes = [r[0] for r in texts if r[0] and r[0].isdigit()]
    assert codes == CODES  # every row, once, in order
    assert texts[-1] == ["合计", "", "1,830,000"]
    assert table.location.page == table.pages[0]
    cell = table.rows[1][0]
    assert cell.location.page == table.pages[0] and cell.location.bbox is not None


def test_wrapped_cell_is_joined_without_newline(report):
    row = report.tables[0].rows[5]
    assert row[1].text == "机关事业单位基本养老保险缴费支出"
    assert all("\n" not in c.text for r in report.tables[0].rows for c in r if c)


def test_caption_and_notes(report):
    main, fund = report.tables
    assert [p.text for p in main.caption] == ["2025年部门一般公共预算支出功能分类预算表", "单位：元"]
    assert [p.text for p in main.notes] == ["注：本表反映部门一般公共预算支出情况。"]
    assert [p.text for p in fund.caption][0] == "2025年部门政府性基金预算支出功能分类预算表"
    assert fund.notes[0].text.startswith("注：本部门2025年无政府性基金预算")
    # empty is a valid table: header and empty rows are kept
    assert len(fund.rows) == 6 and fund.rows[0][0].text == "科目编码"
    body = [p.text for p in report.paragraphs]
    assert not any("功能分类预算表" in t or t.startswith("注：") for t in body)


def test_paragraph_reflow_and_footers_dropped(report):
    texts = [p.text for p in report.paragraphs]
    assert texts[0] == "一、部门预算编制说明"
    assert texts[1] == LONG_TEXT  # wrapped lines joined with no space or newline
    assert report.paragraphs[1].location.page == 1
    assert not any(re.fullmatch(r"-\s*\d+\s*-", t) for t in texts)
    assert not any("上海市某某局" in t for t in texts)  # running header
    assert report.pages >= 2


def test_table_repeated_under_the_same_title_is_one_table(tmp_path):
    header = ["科目编码", "科目名称", "预算数"]
    story = []
    for part in (CODES[:3], CODES[3:5]):
        story += [RLParagraph("2025年部门基本支出预算表", TITLE), RLParagraph("单位：元", UNIT)]
        story.append(RLTable([header] + [[c, "工资", "1"] for c in part], colWidths=[80, 90, 100], style=GRID))
    [table] = read_pdf(_build(tmp_path / "repeat.pdf", story)).tables
    assert [r[0].text for r in table.rows] == ["科目编码", *CODES[:5]]


def test_paragraph_continues_across_page_break(tmp_path):
    story = [RLParagraph("二、收入预算情况", BODY), Spacer(1, 640), RLParagraph(LONG_TEXT, BODY)]
    story.append(RLParagraph("三、支出预算情况", BODY))
    doc = read_pdf(_build(tmp_path / "flow.pdf", story))
    texts = [p.text for p in doc.paragraphs]
    assert texts == ["二、收入预算情况", LONG_TEXT, "三、支出预算情况"]  # footer and header dropped
    assert doc.paragraphs[1].location.page == 1 and doc.paragraphs[2].location.page == 2


def _canvas_pdf(path: Path, draw) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    draw(c)
    c.showPage()
    c.save()
    return path


def _grid(c: canvas.Canvas, top: float, widths: list[float], heights: list[float], rows: list[list[str]]) -> None:
    """Draw a fully ruled table with its top-left corner at (72, top), top measured downwards."""
    h = A4[1]
    xs, ys = [72.0], [top]
    for w in widths:
        xs.append(xs[-1] + w)
    for height in heights:
        ys.append(ys[-1] + height)
    for y in ys:
        c.line(xs[0], h - y, xs[-1], h - y)
    for x in xs:
        c.line(x, h - ys[0], x, h - ys[-1])
    c.setFont(CJK, 10)
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            c.drawString(xs[j] + 1, h - ys[i + 1] + (heights[i] - 10) / 2 + 1, text)


def test_continuation_aligned_by_x_broken_row_and_blank_page(tmp_path):
    """Page 1: a 4-column table whose last row is cut by the page break; page 2: only
    ruling lines; page 3: the rest, with 类/款 merged into one column."""
    path = tmp_path / "cont.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(CJK, 14)
    c.drawString(200, A4[1] - 100, "测试支出决算表")
    widths = [40, 40, 132, 80]
    rows = [["类", "款", "科目名称", "决算数"], ["201", "06", "行政运行", "1,511.90"]]
    rows.append(["208", "05", "机关事业单位基本养老保险缴", "160.75"])
    _grid(c, 120, widths, [20, 20, 13], rows)
    c.showPage()
    _grid(c, 100, widths, [20, 20], [["", "", "", ""], ["", "", "", ""]])
    c.showPage()
    rows = [["", "费支出", ""], ["20806", "职业年金缴费支出", "80.38"], ["合计", "", "1,752.03"]]
    _grid(c, 72, [80, 132, 80], [12, 20, 20], rows)
    c.showPage()
    c.save()

    [table] = read_pdf(path).tables
    assert table.pages == [1, 2, 3]
    texts = [[_text(cell) for cell in row] for row in table.rows]
    assert texts == [
        ["类", "款", "科目名称", "决算数"],
        ["201", "06", "行政运行", "1,511.90"],
        ["208", "05", "机关事业单位基本养老保险缴费支出", "160.75"],
        ["20806", None, "职业年金缴费支出", "80.38"],
        ["合计", None, "", "1,752.03"],
    ]


def test_digits_printed_lower_than_cjk_stay_in_sentence(tmp_path):
    def draw(c: canvas.Canvas) -> None:
        y = 700
        c.setFont(CJK, 12)
        c.drawString(72, y, "本年收入合计")
        c.setFont("Helvetica", 12)
        c.drawString(144, y - 5, "2946.25")  # a different font on a lower baseline
        c.setFont(CJK, 12)
        c.drawString(186, y, "万元。")
        c.drawString(72, y - 40, "下一段。")

    doc = read_pdf(_canvas_pdf(tmp_path / "low.pdf", draw))
    assert [p.text for p in doc.paragraphs] == ["本年收入合计2946.25万元。", "下一段。"]


def test_fake_bold_and_detached_quotes(tmp_path):
    def draw(c: canvas.Canvas) -> None:
        c.setFont(CJK, 14)
        for dx in (0, 0.4):  # overprinted to fake bold
            c.drawString(72 + dx, 700, "其他支出")
        c.drawString(72, 650, "财政拨款")
        c.drawString(72 + 4 * 14 + 7, 650, "三公")
        c.drawString(72 + 7 * 14, 650, "经费")
        c.setFont("Helvetica", 14)
        c.drawString(72 + 4 * 14, 641, "\u201c")  # quotes from a fallback font, 9 pt lower
        c.drawString(72 + 6 * 14 + 7, 641, "\u201d")

    doc = read_pdf(_canvas_pdf(tmp_path / "bold.pdf", draw))
    assert [p.text for p in doc.paragraphs] == ["其他支出", "财政拨款\u201c三公\u201d经费"]


@pytest.mark.parametrize(
    "content",
    [b"this is not a pdf at all", b"%PDF-1.4\n garbage garbage\n", b""],
)
def test_corrupt_file_raises_audit_error(tmp_path, content):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(AuditError) as err:
        read_pdf(path)
    assert "\n" not in str(err.value)


def test_truncated_pdf_raises_audit_error(tmp_path, report):
    source = Path(report.path)
    path = tmp_path / "cut.pdf"
    path.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    with pytest.raises(AuditError):
        read_pdf(path)


def test_encrypted_pdf_raises_audit_error(tmp_path):
    path = tmp_path / "enc.pdf"
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    c.drawString(100, 700, "hello")
    c.save()
    with pytest.raises(AuditError, match="加密"):
        read_pdf(path)


def test_no_text_layer_raises_audit_error(tmp_path):
    doc = _canvas_pdf(tmp_path / "scan.pdf", lambda c: c.rect(100, 100, 200, 200))
    with pytest.raises(AuditError) as err:
        read_pdf(doc)
    # with the [ocr] extra OCR finds no text either; without it, the message names the extra
    assert str(err.value).startswith("PDF 无可提取的文字层")


def test_cid_garbage_raises_audit_error(tmp_path, monkeypatch):
    """Fonts without a ToUnicode map come out as "(cid:NN)": report, don't audit garbage."""

    class FakePage:
        height = 842.0
        bbox = (0.0, 0.0, 595.0, 842.0)
        chars = [
            {"text": f"(cid:{i})", "x0": 10.0 * i, "x1": 10.0 * i + 9, "top": 100.0, "bottom": 110.0, "size": 10.0}
            for i in range(1, 30)
        ]

        def find_tables(self):
            return []

        def close(self):
            pass

    class FakePdf:
        pages = [FakePage()]

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    path = tmp_path / "cid.pdf"
    path.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(pdf_reader.pdfplumber, "open", lambda *a, **k: FakePdf())
    with pytest.raises(AuditError) as err:
        read_pdf(path)
    assert str(err.value) == NO_TEXT


# ---------------------------------------------------------------- real corpus

CORPUS_TABLES = {
    "sh-putuo-commerce-2025-dept-budget.pdf": 10,
    "sh-putuo-finance-bureau-2024-dept-final.pdf": 10,
    "sh-putuo-finance-bureau-2025-dept-budget.pdf": 9,
    "sh-putuo-govoffice-2025-dept-budget.pdf": 10,
    "sh-putuo-govoffice-2025-unit-budget.pdf": 9,
    "sh-putuo-planning-resources-2024-dept-final.pdf": 10,
    "sh-putuo-wanli-street-2025-dept-budget.pdf": 10,
    "sh-putuo-welfare-home-2024-unit-budget.pdf": 9,
}


@functools.lru_cache(maxsize=None)
def _corpus(name: str):
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"needs the real report {path} (not present: skipped)")
    return read_pdf(path)


def _caption(table: Table) -> str:
    return "".join(p.text for p in table.caption)


@pytest.mark.parametrize("name", sorted(CORPUS_TABLES))
def test_corpus_table_count(name):
    doc = _corpus(name)
    assert len(doc.tables) == CORPUS_TABLES[name]
    assert doc.pages and doc.sha256 and doc.format == "pdf"
    for table in doc.tables:
        assert table.rows and table.pages[0] == table.location.page
        assert all("\n" not in c.text for r in table.rows for c in r if c)


def test_corpus_function_table_spans_five_pages_once():
    doc = _corpus("sh-putuo-wanli-street-2025-dept-budget.pdf")
    [table] = [t for t in doc.tables if "一般公共预算支出功能分类预算表" in _caption(t)]
    assert table.pages == [20, 21, 22, 23, 24]
    codes = ["".join(c.text for c in r[:3]) for r in table.rows if r[0] and r[0].text.isdigit()]
    assert len(codes) == 66 and len(set(codes)) == len(codes)  # 66 code rows, each once
    assert codes[0] == "201" and codes[-1] == "2210399" and "2120101" in codes
    assert [_text(c) for c in table.rows[-1]][0] == "合计"
    assert table.rows[-1][4].text == "189,767,551"
    assert sum(1 for r in table.rows if r[0] and r[0].text == "项目") == 1
    assert [p.text for p in table.caption][0] == "2025年部门一般公共预算支出功能分类预算表"


def test_corpus_digits_lower_than_cjk_keep_their_numbers():
    doc = _corpus("sh-putuo-finance-bureau-2024-dept-final.pdf")
    page21 = [p.text for p in doc.paragraphs if p.location.page == 21]
    assert any(
        t.startswith("上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，") for t in page21
    )
    assert "一、收入支出决算总体情况说明" in page21


def test_corpus_quotes_reattached_and_blank_page_inside_table():
    doc = _corpus("sh-putuo-finance-bureau-2024-dept-final.pdf")
    captions = [_caption(t) for t in doc.tables]
    assert "财政拨款“三公”经费支出决算表单位：万元" in captions
    # page 14 holds only ruling lines between two tables: no table of its own, no rows
    assert not any(14 in t.pages for t in doc.tables)
    assert sum(1 for t in doc.tables if "财政拨款收入支出决算总表" in _caption(t)) == 1


def test_corpus_empty_tables_with_notes():
    doc = _corpus("sh-putuo-planning-resources-2024-dept-final.pdf")
    [fund] = [t for t in doc.tables if _caption(t).startswith("政府性基金预算财政拨款收入支出决算表")]
    assert [p.text[:2] for p in fund.notes] == ["注：", "说明"]
    assert not any(p.text.startswith("注：本表反映") for p in doc.paragraphs)


def test_corpus_title_printed_inside_the_rules_starts_a_table():
    doc = _corpus("sh-putuo-welfare-home-2024-unit-budget.pdf")
    [table] = [t for t in doc.tables if _caption(t).startswith("2024年预算单位财政拨款收支预算总表")]
    assert table.pages == [10] and table.rows[0][0].text == "财政拨款收入"
    assert [p.text for p in table.caption][1] == "编制单位：上海市普陀区社会福利院 单位：元"


# ---------------------------------------------------------------- fast content tokenizer
# The reader tokenizes content streams itself (pdfminer's tokenizer is most of the reading
# time). Wherever it answers, it must answer exactly what pdfminer's parser would; these
# differential tests also flag a pdfminer upgrade that changes its token rules.

COMMON_CONTENT = [
    b"q 1 0 0 1 50 700 cm BT /F1 12 Tf 14.4 TL (Hello) Tj T* ET Q",
    b"0.05 0 0 -0.05 285.85 90.65 Tm<043A>Tj 360 -0 TD<23A7>Tj\nETQqBT0 0 0 rg/FT16 240 Tf",
    b"[<0011>-23.75032<004A 004B>]TJ 0.5 0.5 0.5 RG 2 J 0 j [] 0 d",
    b"/Span<</ActualText<FEFF0041>>>BDC EMC /P <</MCID 0 /Lang (en-US)>> BDC",
    b"(a(b)c) Tj (\\n\\t\\(\\)\\\\) Tj (\\101\\7\\0123) Tj (\\x\\8) Tj (line\\\ncont) Tj",
    b"1.2.3 -.5 +4 6. .5 12abc true false null ' \" T* W* n",
    b"%comment\n1 w % another\r\n/a.b-c /\xe4\xb8\xad /\xff 1 0 0 1 0 0 cm",
]
PDFMINER_QUIRKS = [  # left to pdfminer (or read as it reads them)
    b"/Name#20x Tj", b"{ 1 } ", b"BI /W 1 /H 1 ID \x00\xff\xff EI Q", b"<ABC> Tj", b"<0A>> Tj",
    b"- 1 Tj", b". 1 Tj", b"(\\777) Tj", b"(a\\\r\nb) Tj", b"[1 2", b"1 2] Tj", b"<< /A >> BDC",
    b"<< 1 2 >> BDC", b"q /", b"(unterminated", b"<0A", b"1 > 2", b"q >", b"\x80 Tj", b"(a)\x00(b)",
]


def _typed(obj):
    """Objects comparable by type too (1, 1.0 and True are == in Python)."""
    from pdfminer.psparser import PSKeyword, PSLiteral

    if isinstance(obj, (list, tuple)):
        return (type(obj).__name__, [_typed(o) for o in obj])
    if isinstance(obj, dict):
        return ("dict", {k: _typed(v) for k, v in obj.items()})
    if isinstance(obj, (PSKeyword, PSLiteral)):
        return (type(obj).__name__, id(obj))  # both are interned
    return (type(obj).__name__, obj)


def _pdfminer_objects(streams: list[bytes]) -> list:
    from pdfminer.pdfinterp import PDFContentParser
    from pdfminer.pdftypes import PDFStream

    return _all_objects(PDFContentParser, [PDFStream({}, s) for s in streams])


def _all_objects(parser_class, streams) -> list:
    from pdfminer.psparser import PSEOF

    try:
        parser = parser_class(streams)
    except PSEOF:
        return []
    out = []
    while True:
        try:
            out.append(parser.nextobject())
        except PSEOF:
            return out


@pytest.mark.parametrize("data", COMMON_CONTENT + PDFMINER_QUIRKS)
def test_fast_tokenizer_reads_what_pdfminer_reads(data):
    try:
        fast = pdf_reader._content_objects(data)
    except pdf_reader._Unsupported:
        assert data not in COMMON_CONTENT, "common content must not fall back to pdfminer"
        return
    assert _typed(fast) == _typed(_pdfminer_objects([data]))


@pytest.mark.parametrize(
    "streams", [[b"1 0 0 RG 12", b"3 Tj"], [b"q /", b"F1 12 Tf"], [b"[1 2", b"] TJ"], [b"(a", b"b) Tj"], [b"", b"Q"], []]
)
def test_fast_parser_over_several_streams_or_falling_back(streams):
    from pdfminer.pdftypes import PDFStream

    fast = _all_objects(pdf_reader._FastContentParser, [PDFStream({}, s) for s in streams])
    assert _typed(fast) == _typed(_pdfminer_objects(streams))


def test_pdfminer_parser_is_restored_after_reading(tmp_path):
    import pdfminer.pdfinterp

    parser = pdfminer.pdfinterp.PDFContentParser
    c = canvas.Canvas(str(tmp_path / "one.pdf"))
    c.setFont(CJK, 12)
    c.drawString(72, 720, "预算（含“三公”经费）\\(1)")
    c.save()
    assert read_pdf(tmp_path / "one.pdf").blocks
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF")
    with pytest.raises(AuditError):
        read_pdf(bad)
    assert pdfminer.pdfinterp.PDFContentParser is parser
