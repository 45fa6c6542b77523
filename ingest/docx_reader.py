"""Word (`.docx`) papers into the document model.

python-docx is used only to open the package and find the body and style parts; the body is
walked with lxml directly, for two reasons. First, python-docx's text API drops tracked
changes (`w:ins` and `w:del`), and a deleted target date is exactly the superseded value the
archive has to keep: here inserted text is current and deleted text becomes a struck run, as
a reader of the printed paper with changes shown would see it. Second, `row.cells` repeats
merged cells and is quadratic on merged tables; walking `w:tr` / `w:tc` keeps a 50-page
tracker well under a second.

Word has no fixed pages, so `pages` and every `page` are None. Whitespace-only paragraphs are
dropped and paragraph edges trimmed, as the text and HTML readers do, so parsers see the same
shapes whatever the source format.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from lxml import etree

from jarap.ingest.document import Block, Cell, Document, Paragraph, Row, Run, Table
from jarap.ingest.docx_numbering import Numbering, num_pr

# Caps on the bytes actually inflated, never on the sizes the zip declares (those can lie).
# XML is what python-docx parses into a tree (~25x its size in memory): a 190 MB
# document.xml took 140 s and 4.9 GB, while a 100-page paper's XML is a few MB.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # every member, images included
MAX_XML_BYTES = 32 * 1024 * 1024  # the XML parts together
# A 300-page paper has some tens of thousands of paragraphs (table cells included); a file
# of a million one-letter paragraphs fits in 22 MB of XML, reads in seconds, and then costs
# gigabytes as blocks, text rows and database rows: refused at its paragraph count.
MAX_PARAGRAPHS = 200_000
_CHUNK = 1 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_P = qn("w:p")
_R = qn("w:r")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_T = qn("w:t")
_DEL_TEXT = qn("w:delText")
_RPR = qn("w:rPr")
_PPR = qn("w:pPr")
_VAL = qn("w:val")

# Containers whose content is read as if it stood in their place.
_TRANSPARENT = {
    qn("w:hyperlink"),
    qn("w:smartTag"),
    qn("w:fldSimple"),
    qn("w:ins"),
    qn("w:moveTo"),
    qn("w:sdt"),
    qn("w:sdtContent"),
    qn("w:customXml"),
    qn("w:dir"),
    qn("w:bdo"),
}
# Containers of superseded text: their runs are kept, struck through.
_DELETED = {qn("w:del"), qn("w:moveFrom")}
# Run children that stand for a character (w:sym and anything not listed are ignored;
# w:softHyphen only shows at a line wrap, so it is not text).
_RUN_CHARS = {
    qn("w:tab"): "\t",
    qn("w:ptab"): "\t",
    qn("w:br"): "\n",
    qn("w:cr"): "\n",
    qn("w:noBreakHyphen"): "-",
}
_FLAG_TAGS = {
    "bold": (qn("w:b"),),
    "underline": (qn("w:u"),),
    "strike": (qn("w:strike"), qn("w:dstrike")),
}
_OFF = {"0", "false", "off", "none"}

Flags = tuple[bool | None, bool | None, bool | None]  # bold, underline, strike; None: inherit


def read_docx(path: Path) -> Document:
    """Read a `.docx` paper into a :class:`Document` (format "docx", no pages).

    Raises ValueError naming the file when it is not a readable Word document or when its
    zip inflates to more than 200 MB, or its XML to more than 32 MB (a zip bomb would
    otherwise exhaust memory and time), or it holds more than MAX_PARAGRAPHS paragraphs.

    Tables: each merged region is one logical cell. A horizontal merge (`w:gridSpan`) is one
    cell with `col_span`. A vertical merge is the restarting cell with `row_span` counting the
    rows it covers; each later row it covers gets an EMPTY placeholder Cell (no paragraphs,
    the continued cell's own `col_span`) at that position instead of a copy, so every row's
    cells still line up with the grid columns and nothing is read twice. A placeholder looks
    like an empty cell; parsers that care find the covering cell above by its `row_span`.
    Leading `w:gridBefore` columns get one such empty cell for the same reason. A table
    nested in a cell is flattened: one paragraph per nested row, cell texts joined by " | ".
    """
    path = Path(path)
    _check_package(path)
    try:
        word = docx.Document(str(path))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        EOFError,
        NotImplementedError,
        zlib.error,
        etree.XMLSyntaxError,
    ) as exc:
        raise ValueError(f"{path.name}: not a readable Word .docx file ({exc})") from exc
    paragraphs = sum(1 for _ in word.element.body.iter(_P))
    if paragraphs > MAX_PARAGRAPHS:
        raise ValueError(
            f"{path.name}: refusing to read: {paragraphs:,} paragraphs, more than any paper "
            f"(the limit is {MAX_PARAGRAPHS:,})"
        )
    styles = _Styles(word.styles.element)
    reader = _BodyReader(styles, _numbering(word))
    body = word.element.body
    blocks = reader.blocks(body)
    return Document(
        path=path, format="docx", blocks=blocks, pages=None, warnings=_entity_warnings(path, body)
    )


def _entity_warnings(path: Path, body: etree._Element) -> list[str]:
    """A warning when the body refers to entities of its own DOCTYPE (`&name;`): python-docx
    never resolves them (an external one could read a file of this machine or the network:
    XXE), so their text is missing from what is read, and the reader should know."""
    names = sorted({e.name for e in body.iter(etree.Entity)})
    if not names:
        return []
    shown = ", ".join(f"&{n};" for n in names[:5]) + (" …" if len(names) > 5 else "")
    return [
        f"{path.name}: {len(names)} XML entity reference(s) ({shown}) left unresolved, "
        "for safety: any text they stand for is missing"
    ]


def _numbering(word) -> Numbering:  # noqa: ANN001 - a python-docx Document
    """The document's lists (none when it has no numbering part)."""
    try:
        part = word.part.numbering_part
    except (KeyError, NotImplementedError):
        return Numbering(None)
    return Numbering(part.element)


def _check_package(path: Path) -> None:
    """Refuse non-zips and zip bombs before python-docx decompresses anything.

    Every member is inflated here in 1 MB chunks through `ZipFile.open`, counting the bytes
    that really come out: the sizes in the zip directory are not trusted (a 2 MB file
    declaring 1,000 bytes for `document.xml` once inflated to 2.2 GB in one `read()`).
    Reading in chunks keeps memory at one chunk, and a member that inflates past its
    declared size fails its CRC check here, so what python-docx reads next is bounded.
    """
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except IsADirectoryError as exc:
        raise ValueError(f"{path.name}: is a directory, not a Word .docx file") from exc
    if head == _OLE_MAGIC:
        raise ValueError(
            f"{path.name}: an OLE compound file (legacy Word .doc or a password-protected "
            "document), not a .docx; save it as .docx first"
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if not any(info.filename == "[Content_Types].xml" for info in infos):
                raise ValueError(
                    f"{path.name}: not a Word .docx file (zip without [Content_Types].xml)"
                )
            _inflate_within_caps(path, archive, infos)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise ValueError(f"{path.name}: not a Word .docx file (not a zip archive: {exc})") from exc


def _read(path: Path, info: zipfile.ZipInfo, member: IO[bytes]) -> bytes:
    try:
        return member.read(_CHUNK)
    except zipfile.BadZipFile as exc:  # zipfile stops at the declared size: the CRC fails
        raise ValueError(
            f"{path.name}: refusing to read: {info.filename} does not inflate to the "
            f"{info.file_size} bytes its zip entry declares (zip bomb? {exc})"
        ) from exc


def _inflate_within_caps(
    path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> None:
    total = xml = 0
    for info in infos:
        is_xml = info.filename.endswith((".xml", ".rels"))
        with archive.open(info) as member:
            while chunk := _read(path, info, member):
                total += len(chunk)
                xml += len(chunk) if is_xml else 0
                if xml > MAX_XML_BYTES:
                    raise ValueError(
                        f"{path.name}: refusing to read: its XML inflates past the "
                        f"{MAX_XML_BYTES // 2**20} MB limit (zip bomb?)"
                    )
                if total > MAX_UNCOMPRESSED_BYTES:
                    raise ValueError(
                        f"{path.name}: refusing to read: it inflates past the "
                        f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB limit (zip bomb?)"
                    )


def _flag(el: etree._Element | None) -> bool | None:
    """A toggle property's value when the element is present; None when it is absent."""
    if el is None:
        return None
    val = el.get(_VAL)
    return val is None or val.lower() not in _OFF


def _read_flags(rpr: etree._Element | None) -> Flags:
    if rpr is None:
        return (None, None, None)
    out: list[bool | None] = []
    for tags in _FLAG_TAGS.values():
        values = [_flag(rpr.find(tag)) for tag in tags]
        set_values = [v for v in values if v is not None]
        out.append(any(set_values) if set_values else None)
    return (out[0], out[1], out[2])


def _merge(own: Flags, inherited: Flags) -> Flags:
    return (
        own[0] if own[0] is not None else inherited[0],
        own[1] if own[1] is not None else inherited[1],
        own[2] if own[2] is not None else inherited[2],
    )


class _Styles:
    """Bold / underline / strike that styles give runs, resolved through `w:basedOn` once.

    Table-style conditional formatting (a bold header row set by the table style) is not
    applied: it is rare in the papers and costly to resolve.
    """

    def __init__(self, root: etree._Element) -> None:
        self._elements: dict[str, etree._Element] = {}
        self._cache: dict[str, Flags] = {}
        self.default_paragraph: str | None = None
        for style in root.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if not style_id:
                continue
            self._elements[style_id] = style
            is_default = style.get(qn("w:default")) in ("1", "true", "on")
            if is_default and style.get(qn("w:type")) == "paragraph":
                self.default_paragraph = style_id
        defaults = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{_RPR}")
        self.doc_defaults = _read_flags(defaults)

    def num_pr(self, style_id: str | None) -> tuple[str, int] | None:
        """The list a paragraph style numbers its paragraphs with (`List Number`), through
        `w:basedOn`."""
        seen: set[str] = set()
        current = style_id
        while current and current not in seen and current in self._elements:
            seen.add(current)
            style = self._elements[current]
            found = num_pr(style.find(_PPR))
            if found is not None:
                return found
            based = style.find(qn("w:basedOn"))
            current = based.get(_VAL) if based is not None else None
        return None

    def flags(self, style_id: str | None) -> Flags:
        if not style_id:
            return (None, None, None)
        cached = self._cache.get(style_id)
        if cached is not None:
            return cached
        result: Flags = (None, None, None)
        seen: set[str] = set()
        current: str | None = style_id
        while current and current not in seen and current in self._elements:
            seen.add(current)
            style = self._elements[current]
            result = _merge(result, _read_flags(style.find(_RPR)))
            based = style.find(qn("w:basedOn"))
            current = based.get(_VAL) if based is not None else None
        self._cache[style_id] = result
        return result


class _BodyReader:
    """Turns body, cell and paragraph XML into model blocks."""

    def __init__(self, styles: _Styles, numbering: Numbering | None = None) -> None:
        self.styles = styles
        self.numbering = numbering or Numbering(None)
        self._para_flags: dict[str | None, Flags] = {}

    # -- blocks ----------------------------------------------------------
    def blocks(self, container: etree._Element) -> list[Block]:
        out: list[Block] = []
        for el in _block_children(container):
            if el.tag == _P:
                para = self.paragraph(el)
                if para is not None:
                    out.append(para)
            else:
                out.append(self.table(el))
        return out

    def paragraph(self, p: etree._Element) -> Paragraph | None:
        style_id = None
        ppr = p.find(_PPR)
        if ppr is not None:
            pstyle = ppr.find(qn("w:pStyle"))
            if pstyle is not None:
                style_id = pstyle.get(_VAL)
        inherited = self._paragraph_flags(style_id)
        runs: list[Run] = []
        self._collect_runs(p, inherited, deleted=False, out=runs)
        listed = num_pr(ppr) or self.styles.num_pr(style_id)
        if listed is not None and runs:  # Word's automatic number, as the page prints it
            label = self.numbering.label(*listed)
            if label:
                first = runs[0]
                runs.insert(0, Run(f"{label} ", first.bold, first.underline, first.strike))
        return _tidy(runs)

    def _paragraph_flags(self, style_id: str | None) -> Flags:
        flags = self._para_flags.get(style_id)
        if flags is None:
            own = self.styles.flags(style_id or self.styles.default_paragraph)
            flags = _merge(own, self.styles.doc_defaults)
            self._para_flags[style_id] = flags
        return flags

    def _collect_runs(
        self, parent: etree._Element, inherited: Flags, deleted: bool, out: list[Run]
    ) -> None:
        for child in parent:
            tag = child.tag
            if tag == _R:
                run = self._run(child, inherited, deleted)
                if run is not None:
                    _append_run(out, run)
            elif tag in _TRANSPARENT:
                self._collect_runs(child, inherited, deleted, out)
            elif tag in _DELETED:
                self._collect_runs(child, inherited, True, out)

    def _run(self, r: etree._Element, inherited: Flags, deleted: bool) -> Run | None:
        parts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == _T or tag == _DEL_TEXT:
                if child.text:
                    parts.append(child.text)
                parts += [e.tail for e in child if e.tail]  # text after an unread entity
            else:
                char = _RUN_CHARS.get(tag)
                if char is not None:
                    parts.append(char)
        if not parts:
            return None
        rpr = r.find(_RPR)
        if rpr is not None and _flag(rpr.find(qn("w:vanish"))):
            return None  # hidden text: not on the printed paper, nor in its PDF
        flags = _read_flags(rpr)
        if rpr is not None:
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None:
                flags = _merge(flags, self.styles.flags(rstyle.get(_VAL)))
        bold, underline, strike = _merge(flags, inherited)
        return Run(
            "".join(parts),
            bold=bool(bold),
            underline=bool(underline),
            strike=deleted or bool(strike),
        )

    # -- tables ----------------------------------------------------------
    def table(self, tbl: etree._Element) -> Table:
        rows: list[Row] = []
        open_merges: dict[int, Cell] = {}  # grid column -> cell whose vMerge is running
        for tr in _children(tbl, _TR):
            cells: list[Cell] = []
            col = 0
            before = _grid_int(tr.find(qn("w:trPr")), "w:gridBefore", 0)
            if before > 0:
                cells.append(Cell(col_span=before))
                col = before
            for tc in _children(tr, _TC):
                tcpr = tc.find(qn("w:tcPr"))
                span = max(1, _grid_int(tcpr, "w:gridSpan", 1))
                merge = _vmerge(tcpr)
                origin = open_merges.get(col) if merge == "continue" else None
                if origin is not None:
                    origin.row_span += 1
                    # Word moves text into the first cell when merging; any left behind in
                    # a continuation is still shown, so it goes to the merged cell.
                    origin.paragraphs.extend(self.cell_paragraphs(tc))
                    cells.append(Cell(shading=_shading(tcpr), col_span=span))
                else:
                    for c in range(col, col + span):
                        open_merges.pop(c, None)
                    cell = Cell(
                        paragraphs=self.cell_paragraphs(tc),
                        shading=_shading(tcpr),
                        col_span=span,
                    )
                    if merge is not None:  # a restart, or a continue with nothing above
                        open_merges[col] = cell
                    cells.append(cell)
                col += span
            for c in [c for c in open_merges if c >= col]:  # short row: merges end
                del open_merges[c]
            rows.append(Row(cells=cells))
        return Table(rows=rows)

    def cell_paragraphs(self, tc: etree._Element) -> list[Paragraph]:
        out: list[Paragraph] = []
        for block in self.blocks(tc):
            if isinstance(block, Paragraph):
                out.append(block)
            else:
                out.extend(_flatten(block))
        return out


def _flatten(table: Table) -> list[Paragraph]:
    """A nested table as one paragraph per row, so its text stays in reading order."""
    out: list[Paragraph] = []
    for row in table.rows:
        runs: list[Run] = []
        for cell in row.cells:
            cell_runs: list[Run] = []
            for para in cell.paragraphs:
                if cell_runs:
                    cell_runs.append(Run(" "))
                cell_runs.extend(para.runs)
            if not cell_runs:
                continue
            if runs:
                runs.append(Run(" | "))
            for run in cell_runs:
                _append_run(runs, Run(run.text, run.bold, run.underline, run.strike))
        if runs:
            out.append(Paragraph(runs=runs))
    return out


def _block_children(container: etree._Element) -> Iterator[etree._Element]:
    """`w:p` and `w:tbl` children in order, looking inside content controls (`w:sdt`)."""
    for child in container:
        tag = child.tag
        if tag == _P or tag == _TBL:
            yield child
        elif tag in _TRANSPARENT:
            yield from _block_children(child)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, including those wrapped in content controls or custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def _grid_int(pr: etree._Element | None, name: str, default: int) -> int:
    if pr is None:
        return default
    el = pr.find(qn(name))
    if el is None:
        return default
    value = (el.get(_VAL) or "").strip()
    return int(value) if value.isdigit() else default


def _vmerge(tcpr: etree._Element | None) -> str | None:
    """The cell's part in a vertical merge: "restart", "continue" (a bare `w:vMerge` too)."""
    if tcpr is None:
        return None
    el = tcpr.find(qn("w:vMerge"))
    if el is None:
        return None
    return "restart" if el.get(_VAL) == "restart" else "continue"


def _shading(tcpr: etree._Element | None) -> str | None:
    if tcpr is None:
        return None
    shd = tcpr.find(qn("w:shd"))
    if shd is None:
        return None
    fill = (shd.get(qn("w:fill")) or "").strip()
    if not fill or fill.lower() == "auto":
        return None
    return fill.upper()


def _append_run(runs: list[Run], run: Run) -> None:
    """Join a run to the previous one when the formatting is the same.

    Word splits text into runs for reasons invisible on the page (spell-check, revision
    ids); joining keeps a struck date like "31/03/2017" in one piece for `struck_text`.
    """
    if runs:
        last = runs[-1]
        if (last.bold, last.underline, last.strike) == (run.bold, run.underline, run.strike):
            last.text += run.text
            return
    runs.append(run)


def _tidy(runs: list[Run]) -> Paragraph | None:
    """Trim the paragraph's edges; None for a whitespace-only paragraph."""
    if not runs or not "".join(r.text for r in runs).strip():
        return None
    runs[0].text = runs[0].text.lstrip()
    runs[-1].text = runs[-1].text.rstrip()
    return Paragraph(runs=[r for r in runs if r.text])
