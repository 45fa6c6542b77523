"""The Word reader against real .docx files built here with python-docx.

Tracked changes, content controls and shading have no python-docx API, so those fixtures are
finished with raw XML (`OxmlElement`), the way Word itself writes them.
"""

from __future__ import annotations

import copy
import time
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from jarap.ingest import docx_reader
from jarap.ingest.document import Cell, Table
from jarap.ingest.docx_reader import read_docx


def _run_xml(text: str, *, deleted: bool = False) -> OxmlElement:
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    r.append(t)
    return r


def _revision(tag: str, *runs: OxmlElement) -> OxmlElement:
    el = OxmlElement(tag)
    el.set(qn("w:id"), "1")
    el.set(qn("w:author"), "Auditor")
    el.set(qn("w:date"), "2017-04-01T00:00:00Z")
    for r in runs:
        el.append(r)
    return el


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _save(document, tmp_path: Path, name: str = "paper.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def _only_table(doc) -> Table:
    assert len(doc.tables) == 1
    return doc.tables[0]


def test_document_model_basics_and_order(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Internal Audit Recommendations")
    d.add_table(rows=1, cols=2).rows[0].cells[0].text = "Ref"
    d.add_paragraph("")  # whitespace-only paragraphs are dropped, as in the other readers
    d.add_paragraph("Between the tables")
    d.add_table(rows=1, cols=1).rows[0].cells[0].text = "Second"
    d.add_paragraph("After")
    doc = read_docx(_save(d, tmp_path))

    assert doc.format == "docx"
    assert doc.pages is None
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph", "Table", "Paragraph", "Table", "Paragraph"]
    assert [p.text for p in doc.paragraphs] == [
        "Internal Audit Recommendations",
        "Between the tables",
        "After",
    ]
    assert doc.tables[0].rows[0].texts == ["Ref", ""]
    assert doc.tables[1].rows[0].texts == ["Second"]
    assert all(p.page is None for p in doc.paragraphs)
    assert all(r.page is None for t in doc.tables for r in t.rows)


def test_run_formatting(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Plain ")
    p.add_run("Bold").bold = True
    p.add_run(" ")
    p.add_run("Title").underline = True
    p.add_run(" ")
    p.add_run("31/03/2017").font.strike = True
    p.add_run(" ")
    p.add_run("30/06/2017").font.double_strike = True
    doc = read_docx(_save(d, tmp_path))

    runs = doc.paragraphs[0].runs
    by_text = {r.text: r for r in runs}
    assert by_text["Bold"].bold and not by_text["Bold"].underline
    assert by_text["Title"].underline and not by_text["Title"].bold
    assert by_text["31/03/2017"].strike
    assert by_text["30/06/2017"].strike
    assert not by_text["Plain "].bold and not by_text["Plain "].strike
    assert doc.paragraphs[0].struck_text == ["31/03/2017", "30/06/2017"]
    assert doc.paragraphs[0].plain_text == "Plain Bold Title  "


def test_bold_inherited_from_styles(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Heading text", style="Heading 1")  # Heading 1 is bold in the template
    custom = d.styles.add_style("Tracker Ref", 1)  # paragraph style based on a bold one
    custom.base_style = d.styles["Heading 1"]
    d.add_paragraph("Based-on heading", style=custom)
    p = d.add_paragraph("Not bold here: ", style="Heading 1")
    p.runs[0].bold = False
    p = d.add_paragraph()
    p.add_run("Strong run", style="Strong")  # character style sets bold
    p.add_run(" normal")
    doc = read_docx(_save(d, tmp_path))

    paras = doc.paragraphs
    assert paras[0].runs[0].bold
    assert paras[1].runs[0].bold
    assert not paras[2].runs[0].bold
    assert [(r.text, r.bold) for r in paras[3].runs] == [("Strong run", True), (" normal", False)]


def test_tracked_changes_inserted_current_deleted_struck(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Target: ")
    p._p.append(_revision("w:del", _run_xml("31/03/2017", deleted=True)))
    p._p.append(_revision("w:ins", _run_xml("30/09/2017")))
    p.add_run(" agreed")
    path = _save(d, tmp_path)

    # python-docx's own text loses both the superseded and the new target.
    assert docx.Document(str(path)).paragraphs[0].text == "Target:  agreed"

    para = read_docx(path).paragraphs[0]
    assert para.text == "Target: 31/03/201730/09/2017 agreed"
    assert para.plain_text == "Target: 30/09/2017 agreed"
    assert para.struck_text == ["31/03/2017"]
    inserted = next(r for r in para.runs if "30/09/2017" in r.text)
    assert not inserted.strike


def test_moved_and_hidden_text(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph("Owner: ")
    p._p.append(_revision("w:moveFrom", _run_xml("Ch Insp Smith")))
    p._p.append(_revision("w:moveTo", _run_xml("Supt Jones")))
    hidden = p.add_run(" internal note")
    hidden.font.hidden = True
    para = read_docx(_save(d, tmp_path)).paragraphs[0]

    assert para.struck_text == ["Ch Insp Smith"]
    assert para.plain_text == "Owner: Supt Jones"


def test_wrappers_and_special_characters(tmp_path: Path) -> None:
    d = docx.Document()
    p = d.add_paragraph()
    link = OxmlElement("w:hyperlink")
    link.append(_run_xml("VCOP Audit Report"))
    p._p.append(link)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    field.append(_run_xml(" p3"))
    p._p.append(field)
    tag = OxmlElement("w:smartTag")
    tag.append(_run_xml(" Nov"))
    p._p.append(tag)
    r = OxmlElement("w:r")
    for name in ("w:tab", "w:noBreakHyphen", "w:sym", "w:br"):
        r.append(OxmlElement(name))
    r.append(_run_xml("end")[0])
    p._p.append(r)
    sdt = OxmlElement("w:sdt")  # a content control around a whole body paragraph
    content = OxmlElement("w:sdtContent")
    inner = OxmlElement("w:p")
    inner.append(_run_xml("In a content control"))
    content.append(inner)
    sdt.append(content)
    d.element.body.insert(1, sdt)
    doc = read_docx(_save(d, tmp_path))

    assert [p.text for p in doc.paragraphs] == [
        "VCOP Audit Report p3 Nov\t-\nend",
        "In a content control",
    ]


def test_horizontal_merge_is_one_cell(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=2, cols=3)
    merged = t.cell(0, 0).merge(t.cell(0, 1))
    merged.text = "Recommendation 1"
    t.cell(0, 2).text = "Open"
    for i, text in enumerate(["a", "b", "c"]):
        t.cell(1, i).text = text
    assert len(t.rows[0].cells) == 3  # python-docx repeats the merged cell
    table = _only_table(read_docx(_save(d, tmp_path)))

    first = table.rows[0].cells
    assert [c.text for c in first] == ["Recommendation 1", "Open"]
    assert [c.col_span for c in first] == [2, 1]
    assert table.rows[1].texts == ["a", "b", "c"]


def test_vertical_merge_spans_rows_with_placeholder(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    merged = t.cell(0, 1).merge(t.cell(1, 1))
    merged.text = "Owner: Head of Fleet"
    t.cell(0, 0).text, t.cell(0, 2).text = "1.1", "Update one"
    t.cell(1, 0).text, t.cell(1, 2).text = "1.2", "Update two"
    t.cell(2, 0).text, t.cell(2, 1).text, t.cell(2, 2).text = "1.3", "Owner: DCC", "Done"
    table = _only_table(read_docx(_save(d, tmp_path)))

    r0, r1, r2 = (row.cells for row in table.rows)
    assert [c.text for c in r0] == ["1.1", "Owner: Head of Fleet", "Update one"]
    assert r0[1].row_span == 2
    assert r0[1].text.count("Head of Fleet") == 1
    assert len(r1) == 3  # still aligned with the grid
    assert r1[1].paragraphs == [] and r1[1].row_span == 1
    assert [c.text for c in r1] == ["1.2", "", "Update two"]
    assert [c.text for c in r2] == ["1.3", "Owner: DCC", "Done"]
    assert r2[1].row_span == 1


def test_merge_region_and_short_rows(tmp_path: Path) -> None:
    """A 2x2 merge and a row that starts after skipped grid columns stay aligned."""
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 1)).text = "Block"
    t.cell(0, 2).text, t.cell(1, 2).text = "x", "y"
    row = t.rows[2]._tr
    row.remove(row.tc_lst[0])
    tr_pr = row.get_or_add_trPr()
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    tr_pr.append(before)
    row.tc_lst[0].p_lst[0].append(_run_xml("mid"))
    table = _only_table(read_docx(_save(d, tmp_path)))

    r0, r1, r2 = (row.cells for row in table.rows)
    assert [(c.text, c.col_span, c.row_span) for c in r0] == [("Block", 2, 2), ("x", 1, 1)]
    assert [(c.text, c.col_span) for c in r1] == [("", 2), ("y", 1)]
    assert r1[0].paragraphs == []
    assert [(c.text, c.col_span) for c in r2] == [("", 1), ("mid", 1), ("", 1)]


def test_cell_shading(tmp_path: Path) -> None:
    d = docx.Document()
    t = d.add_table(rows=1, cols=3)
    _shade(t.cell(0, 0), "ff0000")
    _shade(t.cell(0, 1), "auto")
    t.cell(0, 0).text = "Red"
    table = _only_table(read_docx(_save(d, tmp_path)))

    assert [c.shading for c in table.rows[0].cells] == ["FF0000", None, None]


def test_cell_paragraphs_keep_formatting_and_tracked_changes(tmp_path: Path) -> None:
    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("4.2 Fleet").underline = True
    p = cell.add_paragraph("Due ")
    p._p.append(_revision("w:del", _run_xml("Q1 2018", deleted=True)))
    p._p.append(_revision("w:ins", _run_xml("Q3 2018")))
    colour = cell.add_paragraph().add_run("red text")
    colour.font.color.rgb = RGBColor(0xFF, 0, 0)
    got = _only_table(read_docx(_save(d, tmp_path))).rows[0].cells[0]

    assert got.paragraphs[0].runs[0].underline
    assert got.paragraphs[1].struck_text == ["Q1 2018"]
    assert got.plain_text == "4.2 Fleet\nDue Q3 2018\nred text"


def test_nested_table_flattened_in_order(tmp_path: Path) -> None:
    d = docx.Document()
    outer = d.add_table(rows=1, cols=2)
    host = outer.cell(0, 0)
    host.text = "Actions:"
    nested = host.add_table(rows=2, cols=3)
    for r, texts in enumerate([("Action", "Owner", "Date"), ("Review", "", "31/03/2017")]):
        for c, text in enumerate(texts):
            nested.cell(r, c).text = text
    nested.cell(1, 2).paragraphs[0].runs[0].font.strike = True
    host.add_paragraph("After nested")
    outer.cell(0, 1).text = "Status"
    table = _only_table(read_docx(_save(d, tmp_path)))

    assert len(table.rows) == 1  # nested rows are not rows of the outer table
    cell = table.rows[0].cells[0]
    assert [p.text for p in cell.paragraphs] == [
        "Actions:",
        "Action | Owner | Date",
        "Review | 31/03/2017",
        "After nested",
    ]
    assert cell.paragraphs[2].struck_text == ["31/03/2017"]
    assert table.rows[0].cells[1].text == "Status"


def test_plain_text_named_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Tracker March 2017.docx"
    path.write_text("Recommendation 1: not really a Word file\n")
    with pytest.raises(ValueError, match="Tracker March 2017.docx") as info:
        read_docx(path)
    assert "zip" in str(info.value)


def test_zip_that_is_not_word_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ValueError, match="notes.docx"):
        read_docx(path)

    broken = tmp_path / "broken.docx"  # a Word package whose body XML is cut short
    source = _save(docx.Document(), tmp_path, "source.docx")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            dst.writestr(info, data)
    with pytest.raises(ValueError, match="broken.docx"):
        read_docx(broken)


def test_legacy_doc_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    with pytest.raises(ValueError, match=r"old\.docx.*legacy Word \.doc"):
        read_docx(path)


def test_zip_bomb_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _save(docx.Document(), tmp_path, "bomb.docx")
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/zeros.bin", b"\0" * 2_000_000)
    assert read_docx(path).format == "docx"  # under the real limit
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1_000_000)
    with pytest.raises(ValueError, match=r"bomb\.docx: refusing.*limit"):
        read_docx(path)


def test_fifty_page_tracker_reads_fast(tmp_path: Path) -> None:
    """Merged tables must not go quadratic (python-docx's `row.cells` does)."""
    d = docx.Document()
    for _ in range(20):
        d.add_paragraph("Fleet Management audit", style="Heading 1")
    t = d.add_table(rows=2, cols=6)
    for c in range(6):
        t.cell(0, c).text = f"Header {c}"
        t.cell(1, c).text = f"Recommendation text {c} with some words to make it realistic"
    t.cell(0, 4).merge(t.cell(0, 5))
    template = t.rows[1]._tr
    for _ in range(600):
        t._tbl.append(copy.deepcopy(template))
    path = _save(d, tmp_path)

    start = time.perf_counter()
    doc = read_docx(path)
    elapsed = time.perf_counter() - start
    assert len(doc.tables[0].rows) == 602
    assert elapsed < 1.0, f"read took {elapsed:.2f}s"


def test_cell_type_is_model_cell(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_table(rows=1, cols=1)
    cell = _only_table(read_docx(_save(d, tmp_path))).rows[0].cells[0]
    assert isinstance(cell, Cell)
    assert cell.paragraphs == []  # an empty Word cell reads as an empty model cell
