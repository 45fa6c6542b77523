"""The shared writer of the synthetic sample papers: markup, layout model, Word / PDF / text.

Every table-layout generator (generate_2021.py, generate_2020.py, generate_2022.py, …) builds
its papers as blocks of the layout model below (paragraphs P, tables T of rows R of cells C,
NewSection) with the markup described here, and writes them with `write_paper`:

    <doc_dir>/<stem>.docx   Word (python-docx): real tables, merged header cells, shaded
                            cells, struck-through runs
    <doc_dir>/<stem>.pdf    the .docx converted by LibreOffice (headless)
    <doc_dir>/<stem>.txt    a text conversion in the style of the reference converter:
                            paragraphs as lines (bold as **..**), tables as TAB-separated rows
                            of HTML fragments, rows split by a page break continued on a line
                            of TABs
    samples/truth/<stem>.json  what a parser should extract (the generator's truth)

Markup used in the texts (parsed into Word runs and into truth values):

    **bold**  __underline__  ~~strike~~
    {T:31st March 2021}   a target date stated for the recommendation (truth: target_history)
    {U:Update March 2021} a dated progress-update heading                (truth: update_dates)
    {O:C/Insp Jim Harrow} an owner (person responsible), name as printed  (truth: owners)
    {F:Insp Carl Pike}    a former owner                                   (truth: former_owners)

Output is deterministic: fixed document dates, fixed zip timestamps, and the PDF's creation
date and /ID are normalised. Run this file to regenerate the 2021 papers (generate_2021.py).
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
TRUTH_DIR = HERE / "truth"
LO_PROFILE = "file:///tmp/lo-profile"
FOOTER = "Northshire JARAP – Internal Audit Tracker"  # before the month and page number

ORGANISATION = "POLICE AND CRIME COMMISSIONER FOR NORTHSHIRE JOINT AUDIT, RISK AND ASSURANCE PANEL"
SUBJECT = "INTERNAL AUDIT RECOMMENDATIONS AND TRACKING"
HEADER_FILL = "D9D9D9"
DITTO = "“"


class PaperLike(Protocol):
    """What the writers need of a generator's paper."""

    stem: str
    month: str  # as the footer prints it
    doc_date: datetime  # docx core properties, PDF dates
    list_style: str  # txt rendering of bullets: "li" or "ref" (reference quirk)


# Split spec for the .txt: one dict per page break inside the row, mapping a column index to
# (paragraph index, word index) where that cell's text continues on the next page.
Split = dict[int, tuple[int, int]]

# ======================================================================================
# Markup, dates
# ======================================================================================

ANNOTATION = re.compile(r"\{([TUOF]):([^{}]*)\}")
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))


def annotations(text: str) -> list[tuple[str, str]]:
    return ANNOTATION.findall(text)


def strip_annotations(text: str) -> str:
    return ANNOTATION.sub(lambda m: m.group(2), text)


@dataclass
class Run:
    text: str
    bold: bool = False
    underline: bool = False
    strike: bool = False


def runs_of(markup: str) -> list[Run]:
    """Parse **bold**, __underline__, ~~strike~~ (annotations removed) into runs."""
    runs: list[Run] = []
    fmt = {"**": False, "__": False, "~~": False}
    for piece in re.split(r"(\*\*|__|~~)", strip_annotations(markup)):
        if piece in fmt:
            fmt[piece] = not fmt[piece]
        elif piece:
            runs.append(Run(piece, fmt["**"], fmt["__"], fmt["~~"]))
    return runs


def plain(markup: str) -> str:
    return "".join(r.text for r in runs_of(markup))


def last_day(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def date_value(raw: str) -> dict:
    """{"raw", "date", "precision"}; a period is dated by its last day."""
    m = re.search(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\s+(\d{{4}})", raw, re.I)
    if m:
        y, mo, d = int(m[3]), MONTHS[m[2].lower()], int(m[1])
        return {"raw": raw, "date": f"{y:04d}-{mo:02d}-{d:02d}", "precision": "day"}
    m = re.search(r"Q(?:tr)?\s*([1-4])\s+(\d{4})", raw, re.I)
    if m:
        return {"raw": raw, "date": last_day(int(m[2]), int(m[1]) * 3), "precision": "quarter"}
    found = re.findall(rf"({MONTH_RE})\s+(\d{{4}})", raw, re.I)
    if found:
        mon, y = found[-1]
        return {"raw": raw, "date": last_day(int(y), MONTHS[mon.lower()]), "precision": "month"}
    m = re.search(r"\b(\d{4})\b", raw)
    if m:
        return {"raw": raw, "date": f"{m[1]}-12-31", "precision": "year"}
    return {"raw": raw, "date": None, "precision": None}


# ======================================================================================
# Layout model shared by the Word and text writers
# ======================================================================================


@dataclass
class P:
    """A paragraph: runs plus how it is laid out."""

    runs: list[Run]
    style: str = "p"  # "p" | "li" | "center" | "title"
    size: float | None = None  # font size in points (None = document default)
    tight: bool = False  # txt: no blank line after it
    indent: bool = False  # txt: the converter prefixes a space (header block lines)


def par(markup: str, style: str = "p", **kw) -> P:
    return P(runs_of(markup), style, **kw)


@dataclass
class C:
    """A table cell (the origin of a merge carries the spans)."""

    paras: list[P] = field(default_factory=list)
    fill: str | None = None
    colspan: int = 1
    rowspan: int = 1


@dataclass
class R:
    cells: list[C | None]  # None = covered by a merge
    splits: list[Split] = field(default_factory=list)  # txt: continuation after page breaks
    wrap: bool = False  # txt: single paragraphs wrapped in <p>
    key: str | None = None  # recommendation key (for the PDF check)


@dataclass
class T:
    rows: list[R]
    widths: list[float]  # cm
    grid: bool = True  # borders
    size: float = 10
    legend: bool = False  # the one-row colour legend (the converter adds a dash row)
    breakable: bool = False  # rows may break across pages (Word's default; Appendix A only)


@dataclass
class NewSection:
    landscape: bool


Block = P | T | NewSection

PORTRAIT = (21.0, 29.7, 2.5)  # width, height, side margins (cm)
LANDSCAPE = (29.7, 21.0, 1.5)
TOP_BOTTOM = 2.0


def cell(*markups: str, fill: str | None = None, **kw) -> C:
    return C([par(m) for m in markups], fill=fill, **kw)


# ======================================================================================
# Writers
# ======================================================================================


def _shade(tc, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shd)


def _set_page(section, landscape: bool) -> None:
    w, h, side = LANDSCAPE if landscape else PORTRAIT
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(w), Cm(h)
    section.left_margin = section.right_margin = Cm(side)
    section.top_margin = section.bottom_margin = Cm(TOP_BOTTOM)
    section.footer_distance = Cm(1.0)


def _fill_paragraph(dp, p: P, size: float | None) -> None:
    if p.style == "li":
        dp.style = "List Bullet"
    if p.style in ("center", "title"):
        dp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r in p.runs:
        run = dp.add_run(r.text)
        run.bold = r.bold or None
        run.underline = r.underline or None
        run.font.strike = r.strike or None
        if size or p.size:
            run.font.size = Pt(p.size or size)


@dataclass
class Nested(P):
    """A small table printed inside a cell, in place of one paragraph of the cell (the
    quirks papers: its rows must stay inside that cell)."""

    rows: list[list[str]] | None = None


def write_nested_table(dp, rows: list[list[str]], widths: list[float], fill_cell) -> None:
    """Word: a real table inside the cell of paragraph `dp`, just before it. python-docx
    appends the table with an empty paragraph after it: that one is removed and `dp` stays
    after the table, where Word needs a paragraph. `fill_cell(paragraph, text)` writes each
    nested cell's runs."""
    cell_ = dp._parent
    table = cell_.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    for ci, w in enumerate(widths):
        table.columns[ci].width = Cm(w)
    for ri, row in enumerate(rows):
        for ci, text in enumerate(row):
            tc = table.cell(ri, ci)
            tc.width = Cm(widths[ci])
            fill_cell(tc.paragraphs[0], text)
    extra = cell_.paragraphs[-1]
    extra._p.getparent().remove(extra._p)
    dp._p.addprevious(table._tbl)


def print_nested_tables(widths: list[float], fill_cell) -> None:
    """Let the writers print what the quirks papers need: a `Nested` slot as a real table
    inside its cell (`fill_cell(paragraph, text, size)` writes each nested cell's runs) and
    a `\n` in a run as a manual line break (`<w:br/>` in Word, `<br>` in the text
    conversion). It wraps whatever writers are installed, a layout's own included."""
    global _fill_paragraph, _html_runs
    fill_plain, html_plain = _fill_paragraph, _html_runs

    def fill(dp, p: P, size: float | None) -> None:
        if not isinstance(p, Nested):
            fill_plain(dp, p, size)
            return
        write_nested_table(dp, p.rows, widths, lambda para, text: fill_cell(para, text, size))

    def html(runs: list[Run]) -> str:
        return html_plain(runs).replace("\n", "<br>")

    _fill_paragraph, _html_runs = fill, html


def _write_table(doc, t: T) -> None:
    table = doc.add_table(rows=len(t.rows), cols=len(t.widths))
    if t.grid:
        table.style = "Table Grid"
    table.autofit = False
    for i, w in enumerate(t.widths):
        table.columns[i].width = Cm(w)
        for row in table.rows:
            row.cells[i].width = Cm(w)
    if not t.breakable:
        for row in table.rows:
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for ri, row in enumerate(t.rows):  # merges first, then contents
        for ci, c in enumerate(row.cells):
            if c is not None and (c.colspan > 1 or c.rowspan > 1):
                table.cell(ri, ci).merge(table.cell(ri + c.rowspan - 1, ci + c.colspan - 1))
    for ri, row in enumerate(t.rows):
        for ci, c in enumerate(row.cells):
            if c is None:
                continue
            dc = table.cell(ri, ci)
            for k, p in enumerate(c.paras):
                dp = dc.paragraphs[0] if k == 0 else dc.add_paragraph()
                dp.paragraph_format.space_after = Pt(4)
                _fill_paragraph(dp, p, t.size)
            if c.fill:
                _shade(dc._tc, c.fill)


def footer_text(paper: PaperLike) -> str:
    """The page footer's words before the page number (a panel's generator sets `FOOTER`,
    or replaces this where it prints the month as the paper does)."""
    return f"{FOOTER} – {paper.month.title()} – Page "


def _footer(section, paper: PaperLike) -> None:
    fp = section.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = fp.add_run(footer_text(paper))
    run.font.size = Pt(8)
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "16")
    rpr.append(sz)
    r.append(rpr)
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    fp._p.append(fld)


def _deterministic_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def write_docx(paper: PaperLike, blocks: list[Block], path: Path) -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.font.size = Pt(11)
    _set_page(doc.sections[0], landscape=False)
    _footer(doc.sections[0], paper)
    for blk in blocks:
        if isinstance(blk, NewSection):
            _set_page(doc.add_section(WD_SECTION.NEW_PAGE), blk.landscape)
        elif isinstance(blk, T):
            _write_table(doc, blk)
            if blk is not blocks[-1]:  # LibreOffice adds a blank page for a final empty one
                doc.add_paragraph().paragraph_format.space_after = Pt(0)
        else:
            dp = doc.add_paragraph()
            dp.paragraph_format.space_after = Pt(2 if blk.tight else 8)
            _fill_paragraph(dp, blk, None)
    cp = doc.core_properties
    cp.author = cp.last_modified_by = "Northshire Police Inspectorate"
    cp.title, cp.subject, cp.comments = SUBJECT, f"JARAP {paper.month.title()}", ""
    cp.created = cp.modified = paper.doc_date
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(_deterministic_zip(buf.getvalue()))


def convert_pdf(docx: Path, paper: PaperLike) -> Path:
    """LibreOffice headless conversion, then normalise creation date, /ID and /DocChecksum."""
    out = docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation={LO_PROFILE}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        data = (Path(tmp) / f"{docx.stem}.pdf").read_bytes()
    stamp = paper.doc_date.strftime("%Y%m%d%H%M%S").encode()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", lambda m: m.group(1) + stamp, data)
    digest = hashlib.md5(docx.read_bytes()).hexdigest().upper().encode()
    data = re.sub(
        rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]",
        lambda m: re.sub(rb"<[0-9A-Fa-f]{32}>", b"<" + digest + b">", m.group(0)),
        data,
    )
    data = re.sub(rb"/DocChecksum /[0-9A-Fa-f]{32}", b"/DocChecksum /" + digest, data)
    out.write_bytes(data)
    return out


# ---- text conversion in the style of the reference converter -------------------------


def _md(p: P) -> str:
    """A body paragraph: bold as **..**, other formatting dropped."""
    groups: list[list] = []
    for r in p.runs:
        if groups and groups[-1][0] == r.bold:
            groups[-1][1] += r.text
        else:
            groups.append([r.bold, r.text])
    text = "".join(f"**{t}**" if b else t for b, t in groups)
    if p.style == "li":
        text = "- " + text
    return (" " if p.indent else "") + text


def _html_runs(runs: list[Run]) -> str:
    out = []
    for r in runs:
        s = r.text
        if r.strike:
            s = f"<del>{s}</del>"
        if r.underline:
            s = f"<u>{s}</u>"
        if r.bold:
            s = f"<b>{s}</b>"
        out.append(s)
    return "".join(out)


def plain_text(paras: list[P]) -> str:
    return "\n".join("".join(r.text for r in p.runs) for p in paras)


def _html_cell(paras: list[P], wrap: bool, list_style: str) -> str:
    if not paras:
        return ""
    if len(paras) == 1 and paras[0].style == "p" and (not wrap or plain_text(paras) == DITTO):
        return _html_runs(paras[0].runs)
    out: list[str] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        if p.style == "li":
            items = []
            while i < len(paras) and paras[i].style == "li":
                items.append(_html_runs(paras[i].runs))
                i += 1
            if list_style == "ref":  # the reference converter: unclosed list, inline bullets
                out.append(
                    '<ul style="list-style-type: none"> ' + " ".join(f"• {it}" for it in items)
                )
            else:
                out.append("<ul>" + "".join(f"<li>{it}</li>" for it in items) + "</ul>")
            continue
        attr = ' style="text-align: center;"' if p.style == "center" else ""
        out.append(f"<p{attr}>{_html_runs(p.runs)}</p>")
        i += 1
    return " ".join(out)


def _split_para(p: P, word: int) -> tuple[P, P]:
    """Split a paragraph before its word-th word (runs kept)."""
    text = "".join(r.text for r in p.runs)
    starts = [m.start() for m in re.finditer(r"\S+", text)]
    cut = starts[word]
    a, b, pos = [], [], 0
    for r in p.runs:
        lo, hi = pos, pos + len(r.text)
        if hi <= cut:
            a.append(r)
        elif lo >= cut:
            b.append(r)
        else:
            a.append(Run(r.text[: cut - lo].rstrip(), r.bold, r.underline, r.strike))
            b.append(Run(r.text[cut - lo :], r.bold, r.underline, r.strike))
        pos = hi
    return P(a, p.style), P(b, p.style)


def _segments(paras: list[P], points: list[tuple[int, int] | None]) -> list[list[P]]:
    """Cut a cell's paragraphs at successive (paragraph, word) points, one per page break.

    None = the cell has no text after that break (only trailing Nones can occur).
    """
    segs: list[list[P]] = []
    rest, para0, word0 = list(paras), 0, 0  # rest[0] is original paragraph para0 from word0
    for pt in points:
        if pt is None:
            segs.append(rest)
            rest = []
            continue
        k = pt[0] - para0
        w = pt[1] - (word0 if k == 0 else 0)
        if w > 0:
            head, tail = _split_para(rest[k], w)
            segs.append(rest[:k] + [head])
            rest = [tail] + rest[k + 1 :]
            para0, word0 = pt
        else:
            segs.append(rest[:k])
            rest = rest[k:]
            para0, word0 = pt[0], 0 if k else word0
    segs.append(rest)
    return segs


def _row_lines(row: R, list_style: str) -> list[str]:
    """One line per row; a row broken by page breaks continues on further lines, each after a
    blank line, with the text each cell carries over (empty cells as empty strings)."""
    cells = [c.paras if c else [] for c in row.cells]
    segs = [_segments(ps, [sp.get(ci) for sp in row.splits]) for ci, ps in enumerate(cells)]
    # the converter wraps every piece of a cell in <p> when the whole cell has several
    wraps = [row.wrap or len(ps) > 1 for ps in cells]
    lines = []
    for k in range(len(row.splits) + 1):
        if k:
            lines.append("")
        parts = [_html_cell(seg[k], w, list_style) for seg, w in zip(segs, wraps, strict=True)]
        lines.append("\t".join(parts))
    return lines


def write_txt(paper: PaperLike, blocks: list[Block], path: Path) -> None:
    lines: list[str] = []
    for blk in blocks:
        if isinstance(blk, NewSection):
            lines += ["", ""]
        elif isinstance(blk, T):
            if lines and lines[-1] != "":
                lines.append("")
            for row in blk.rows:
                lines += _row_lines(row, paper.list_style)
            if blk.legend:
                lines.append(
                    "\t".join(
                        "-" * max(2, len(c.paras[0].runs[0].text) + 2)
                        for c in blk.rows[0].cells
                        if c
                    )
                )
            lines.append("")
        else:
            lines.append(_md(blk))
            if not blk.tight:
                lines.append("")
            if blk.style == "title":
                lines += ["", ""]  # the converter's extra blank lines around the heading
            elif blk.runs[0].text == " ":
                lines.append("")
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def save_truth(truth_dir: Path, stem: str, truth: dict) -> None:
    """A sample's ground truth as the tests read it (one JSON file, stable formatting)."""
    (truth_dir / f"{stem}.json").write_text(
        json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )


# the counts table's columns after the priority (the 2021 and 2022 trackers print the same)
COUNT_COLUMNS = ["RED", "AMBER", "GREEN", "Proposed Closed", "Not Adopted proposed closed"]


def counts_table(n: dict[str, dict[str, int]]) -> T:
    """The cover's counts table: per priority, its recommendations by COUNT_COLUMNS."""
    hdr = HEADER_FILL
    rows = [
        R([cell("Risk/Priority of Recommendation", fill=hdr, rowspan=2),
           cell("Remaining", fill=hdr, colspan=3), None, None,
           cell("Completed and proposed closed", fill=hdr, colspan=2), None,
           cell("Total", fill=hdr, rowspan=2)]),
        R([None] + [cell(c, fill=hdr) for c in COUNT_COLUMNS] + [None]),
    ]
    totals = dict.fromkeys(COUNT_COLUMNS, 0)
    for prio, row in n.items():
        for c in COUNT_COLUMNS:
            totals[c] += row[c]
        rows.append(R([cell(prio)] + [cell(str(row[c]) if row[c] else "-") for c in COUNT_COLUMNS]
                      + [cell(str(sum(row.values())))]))
    rows.append(R([cell("Total")] + [cell(str(totals[c])) for c in COUNT_COLUMNS]
                  + [cell(str(sum(totals.values())))]))
    return T(rows, [3.4, 1.5, 1.7, 1.7, 2.4, 3.0, 1.6])


def write_paper(paper, blocks: list, doc_dir: Path, truth_dir: Path, truth: dict) -> None:  # noqa: ANN001
    """One sample in all three formats (.docx, its LibreOffice .pdf, the text conversion)
    and its truth: what every table-layout generator writes for each paper."""
    docx = doc_dir / f"{paper.stem}.docx"
    write_docx(paper, blocks, docx)
    convert_pdf(docx, paper)
    write_txt(paper, blocks, doc_dir / f"{paper.stem}.txt")
    save_truth(truth_dir, paper.stem, truth)
    print("wrote", paper.stem)


def write_papers(papers, build, build_truth, doc_dir: Path, truth_dir: Path) -> int:  # noqa: ANN001
    """Every paper of a table-layout generator (`write_paper` each): its `main`."""
    doc_dir.mkdir(exist_ok=True)
    truth_dir.mkdir(exist_ok=True)
    for paper in papers:
        write_paper(paper, build(paper), doc_dir, truth_dir, build_truth(paper))
    return 0


def main(argv: list[str] | None = None) -> int:
    """The 2021 papers (this file's `main` before the data moved to generate_2021.py)."""
    import generate_2021

    return generate_2021.main(argv)


if __name__ == "__main__":
    sys.exit(main())
