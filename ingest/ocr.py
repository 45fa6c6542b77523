"""Pages with no usable text layer read by OCR, as the same :class:`RawPage` a born-digital
page gives, so the one layout step reads a scan as it reads any PDF.

Each page is rendered by pypdfium2 (300 dpi by default), turned level (a scanner feeds paper
a little askew), its rules and shading found in the image (:mod:`jarap.ingest.ocr_grid`), the
rules erased, and the rest given to Tesseract (through pytesseract's ``image_to_data``: word
boxes, line numbers and confidences). Each word's box is shared among its letters; its line
gives the letters a common baseline and font size, and bold is read from the word's stroke
thickness against the page's usual one, because Tesseract's LSTM engine reports no font.
Every char keeps Tesseract's confidence for its word (``conf``), so values read by OCR can
say so in their provenance.

OCR is an optional extra (``pip install 'jarap-archive[ocr]'`` and the system
``tesseract-ocr``): :func:`unavailable` says what is missing, in words a user can act on.
"""

from __future__ import annotations

import os
import shutil
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jarap.ingest.pdf_raw import Fill, RawPage

ENV_DPI = "JARAP_OCR_DPI"
ENV_BUDGET = "JARAP_OCR_BUDGET"
DEFAULT_DPI = 300
DEFAULT_BUDGET_S = 120.0  # per page: a dense A4 page took 20–60 s on this loaded 2-core VM
LANG = "eng"
REMEDY = "pip install 'jarap-archive[ocr]' and the system package tesseract-ocr"

# Letter shapes, for a line's baseline and font size from word boxes.
DESCENDERS = frozenset("gjpqy,;()[]{}|/@$§µ")
HANGING = frozenset("gjpqy")  # letters whose tail hangs below the baseline
LETTERS = frozenset("abcdefhiklmnorstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ")
TALL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789bdfhkl")  # (`t` is shorter)
EDGE_PUNCT = ".,:;!?'\"’‘“”"  # stripped before a word's letters are looked at
CAP_HEIGHT = 0.72  # of the font size, for the sans and serif faces Word and LibreOffice use
X_HEIGHT = 0.52
DESCENT = 0.21  # pdfminer's box runs from the font's descent up one font size
DASHES = frozenset("–—")
EM_DASH = 0.75  # a dash wider than this share of the font size is an em dash
BOLD_RATIO = 1.3  # a word whose strokes are this much thicker than the page's usual is bold


def images_unavailable() -> str | None:
    """Why page images cannot be measured here (rules, shading: no Tesseract needed)."""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
    except ImportError as e:
        return f"the OCR extra is not installed ({e.name}): {REMEDY}"
    return None


def unavailable() -> str | None:
    """Why OCR cannot run here (a missing package or program), or None when it can."""
    missing = images_unavailable()
    if missing:
        return missing
    try:
        import pytesseract  # noqa: F401
    except ImportError as e:
        return f"the OCR extra is not installed ({e.name}): {REMEDY}"
    if shutil.which("tesseract") is None:
        return f"the tesseract program is not installed: {REMEDY}"
    return None


def budget_seconds(budget_s: float | None = None) -> float:
    """OCR's time limit per page: the argument, else ``$JARAP_OCR_BUDGET``, else 120 s."""
    if budget_s is not None:
        return budget_s
    raw = os.environ.get(ENV_BUDGET)
    try:
        return float(raw) if raw else DEFAULT_BUDGET_S
    except ValueError:
        return DEFAULT_BUDGET_S


# A resolution set for one reading of one file (:func:`at_resolution`), over the default's.
_resolution: ContextVar[int | None] = ContextVar("ocr_resolution", default=None)


def dpi() -> int:
    """The resolution pages are rendered at for OCR: the one set for this reading
    (:func:`at_resolution`), else ``$JARAP_OCR_DPI``, else 300."""
    forced = _resolution.get()
    if forced is not None:
        return forced
    raw = os.environ.get(ENV_DPI)
    return int(raw) if raw and raw.isdigit() else DEFAULT_DPI


@contextmanager
def at_resolution(resolution: int) -> Iterator[None]:
    """OCR inside the block renders pages at `resolution` dpi: a second reading of one
    paper (jarap/convert.py) without touching the environment other papers read by."""
    token = _resolution.set(resolution)
    try:
        yield
    finally:
        _resolution.reset(token)


# Where one reading of a page falls short (a heading's ref misread, a row's words run into
# the rule below), Tesseract seldom errs at the same place in a picture of another size:
# the second resolution of a paper read again, for the first one it was read at.
SECOND_DPI_ABOVE, SECOND_DPI_BELOW = 200, 300


def second_dpi(first: int) -> int:
    """The resolution a paper's OCR'd pages are read again at (jarap/convert.py): 200 dpi
    after a reading above it, 300 after one at or below it. Both lie in the range a scanner
    writes and Tesseract reads well (a capital ~30–40 px tall at 10 pt)."""
    return SECOND_DPI_ABOVE if first > SECOND_DPI_ABOVE else SECOND_DPI_BELOW


# Called before each page is OCR'd with (page number, pages to OCR in this file, the budget
# per page): a batch worker passes it on so the writer extends the file's time limit and
# shows the OCR in the progress bar (db/batch.py). None outside a batch.
progress_hook: Callable[[int, int, float], None] | None = None


@dataclass
class Word:
    """One word as Tesseract read it, in image pixels."""

    text: str
    left: int
    top: int
    right: int
    bottom: int
    conf: float
    line: tuple[int, int, int]  # block, paragraph, line
    bold: bool = False


@dataclass
class PageImage:
    """One rendered, levelled page with the geometry found in it."""

    page_no: int
    width_pt: float
    height_pt: float
    px_per_pt: float
    skew: float
    edges: list[dict[str, Any]] = field(default_factory=list)
    strokes: list[tuple[float, float, float, float]] = field(default_factory=list)
    # pieces of a strike or underline the rules lost to a speck (ocr_grid.broken_ends): the
    # layout's, not erased before Tesseract reads the page
    decorations: list[tuple[float, float, float, float]] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)


def ocr_pages(
    path: Path, pages: list[int] | None = None, *, budget_s: float | None = None
) -> dict[int, RawPage]:
    """The given pages (1-based; all when None) of a PDF read by OCR, as RawPages.

    Fails with a ValueError naming the file and the page when OCR is not installed, or a
    page takes longer than its budget (``budget_s`` per page; see :func:`budget_seconds`).
    Colours are brought to one palette over the pages read, so the same fill is the same
    "RRGGBB" in a legend row and in the cells it explains.
    """
    from jarap.ingest.ocr_grid import one_palette

    missing = unavailable()
    if missing:
        raise ValueError(f"{path}: needs OCR, but {missing}")
    import pypdfium2 as pdfium

    limit = budget_seconds(budget_s)
    out: dict[int, RawPage] = {}
    refuse_loops(path, "no text layer, and OCR refused it")
    pdf = pdfium.PdfDocument(path)
    try:
        wanted = pages or list(range(1, len(pdf) + 1))
        for page_no in wanted:
            if progress_hook is not None:
                progress_hook(page_no, len(wanted), limit)
            page = pdf[page_no - 1]
            try:
                out[page_no] = ocr_page(page, page_no, path, limit)
            finally:
                page.close()
    finally:
        pdf.close()
    palette = one_palette([f for raw in out.values() for f in raw.fills])
    for raw in out.values():
        raw.fills = [(*f[:4], palette.get(f[4], f[4]) if f[4] else None) for f in raw.fills]
    return out


def refuse_loops(path: Path, doing: str) -> None:
    """PDFium renders a page whose content draws itself for ever, inside one C call: such a
    file is refused before any page is rendered (the pdfium backend's own check)."""
    from jarap.ingest.pdf_pdfium import _self_drawing_form

    loop = _self_drawing_form(path)
    if loop is not None:
        raise ValueError(f"{path}: {doing}: a content stream draws itself (object {loop})")


def render(page: Any, resolution: int) -> Any:
    """The page as an RGB numpy array at `resolution` dpi (``/Rotate`` applied)."""
    import numpy as np

    bitmap = page.render(scale=resolution / 72, grayscale=False)
    try:
        image = np.array(bitmap.to_pil().convert("RGB"))
    finally:
        bitmap.close()
    return image


def page_geometry(
    image: Any, page_no: int, width_pt: float, height_pt: float
) -> tuple[PageImage, Any, Any]:
    """Level the page and find its rules and cell shading; returns the geometry, the levelled
    image and its ink mask."""
    from jarap.ingest import ocr_grid as g

    px_per_pt = image.shape[1] / width_pt
    skew = g.skew_angle(g.gray_of(image))
    image = g.rotate(image, skew)
    gray = g.gray_of(image)
    ink = g.ink_mask(gray, px_per_pt)
    h, v, ends = g.rules(ink, px_per_pt)
    edges = [g.edge(b, "h") for b in h] + [g.edge(b, "v") for b in v]
    geo = PageImage(page_no, width_pt, height_pt, px_per_pt, skew, edges, [*h, *v])
    geo.decorations = ends
    geo.fills = g.cell_fills(image, ink, edges, px_per_pt)
    return geo, image, ink


def prepared(page: Any, page_no: int) -> tuple[PageImage, Any, Any]:
    """A page rendered, levelled and measured, and flattened for Tesseract: its geometry,
    the flattened image and the ink mask."""
    from jarap.ingest.ocr_grid import flattened, gray_of, table_rules

    width_pt, height_pt = page.get_size()
    geo, image, ink = page_geometry(render(page, dpi()), page_no, width_pt, height_pt)
    h = [b for b in geo.strokes if b[2] - b[0] >= b[3] - b[1]]
    v = [b for b in geo.strokes if b[2] - b[0] < b[3] - b[1]]
    ruling, through = table_rules(h, v, geo.edges)
    return geo, flattened(gray_of(image), ruling, geo.px_per_pt, through, geo.fills), ink


def finished(words: list[Word], clean: Any, ink: Any, geo: PageImage) -> RawPage:
    """Words read from a page image, their marks made out from their shape, as a RawPage."""
    from jarap.ingest.ocr_marks import (
        commas_between_digits,
        drop_specks,
        one_glyph_read_twice,
        ticks_and_crosses,
    )

    words = drop_specks(clean, words, geo.px_per_pt)
    ticks_and_crosses(clean, words)
    commas_between_digits(clean, words)
    one_glyph_read_twice(clean, words)
    mark_bold(words, ink)
    return raw_page(words, geo)


def ocr_page(page: Any, page_no: int, path: Path, limit: float) -> RawPage:
    """One pdfium page read by OCR into a RawPage (:func:`read_image`)."""
    deadline = time.monotonic() + limit
    geo, clean, ink = prepared(page, page_no)
    try:
        return read_image(geo, clean, ink, deadline)
    except RuntimeError as e:  # pytesseract's timeout, or the page's deadline passed
        raise _over_budget(path, page_no, limit) from e


def read_image(geo: PageImage, clean: Any, ink: Any, deadline: float) -> RawPage:
    """A prepared page's words read from its picture: its table cells each on its own, the
    rest of the page with Tesseract's page segmentation (:mod:`jarap.ingest.ocr_cells`).
    Raises RuntimeError when the deadline (``time.monotonic()``) passes, as pytesseract's
    own timeout does. One reading for scans and for the pictures under sandwich PDFs."""
    from jarap.ingest.ocr_cells import blank_tables, read_cells, table_cells

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RuntimeError("OCR deadline passed")
        return remaining

    cells, tables = table_cells(geo)
    words = tesseract_words(blank_tables(clean, tables), 3, geo.px_per_pt, left())
    words += read_cells(clean, cells, geo.px_per_pt, left())
    return finished(words, clean, ink, geo)


def _over_budget(path: Path, page_no: int, limit: float) -> ValueError:
    return ValueError(
        f"{path}: OCR of page {page_no} took longer than its budget of {limit:.0f} s "
        f"(raise {ENV_BUDGET})"
    )


def _tesseract(image: Any, psm: int, px_per_pt: float, timeout: float) -> dict[str, list[Any]]:
    import pytesseract

    data: dict[str, list[Any]] = pytesseract.image_to_data(
        image,
        lang=LANG,
        config=f"--psm {psm} --dpi {round(px_per_pt * 72)}",
        output_type=pytesseract.Output.DICT,
        timeout=max(timeout, 1.0),
    )
    return data


def tesseract_words(image: Any, psm: int, px_per_pt: float, timeout: float) -> list[Word]:
    """Tesseract's words of an image."""
    return words_of(_tesseract(image, psm, px_per_pt, timeout))


def words_of(data: dict[str, list[Any]]) -> list[Word]:
    """Tesseract's word rows (level 5) with text."""
    out = []
    for i, level in enumerate(data["level"]):
        text = str(data["text"][i]).strip()
        if level != 5 or not text:
            continue
        left, top = int(data["left"][i]), int(data["top"][i])
        w, h = int(data["width"][i]), int(data["height"][i])
        conf = float(data["conf"][i])
        if len(text) >= 3 and int(data["height"][i]) > 1.5 * int(data["width"][i]):
            continue  # letters stacked down a margin, read as one tall word: no text line
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        out.append(Word(text, left, top, left + w, top + h, conf, key))
    return out


def mark_bold(words: list[Word], ink: Any) -> None:
    """Bold from stroke thickness: each word's against the median word's of the page."""
    from jarap.ingest.ocr_grid import stroke_width

    widths = [stroke_width(ink[w.top : w.bottom, w.left : w.right]) for w in words]
    usual = statistics.median(
        [x for x, w in zip(widths, words, strict=True) if x and len(w.text) > 3] or [0.0]
    )
    if not usual:
        return
    for w, x in zip(words, widths, strict=True):
        w.bold = x > BOLD_RATIO * usual and sum(ch.isalnum() for ch in w.text) >= 2


def _line_metrics(words: list[Word]) -> tuple[float, float]:
    """A line's baseline (px) and font size (px) from its words' ink boxes: the baseline from
    words sitting on it, else from words hanging a descender below it (`Property`,
    `Delivering`: taken as the baseline, the line came out a descent low and a quarter too
    big, and its cell's next line started a paragraph)."""
    cores = [(w, w.text.strip(EDGE_PUNCT)) for w in words]
    flat = [w for w, t in cores if t.isalnum() and not DESCENDERS & set(t)]
    if flat:
        baseline = statistics.median([w.bottom for w in flat])
    else:
        hanging = [
            w.bottom
            - DESCENT / ((CAP_HEIGHT if TALL & set(t) else X_HEIGHT) + DESCENT) * (w.bottom - w.top)
            for w, t in cores
            if t.isalpha() and set(t) & HANGING and not set(t) - HANGING - LETTERS
        ]
        baseline = statistics.median(hanging or [w.bottom for w in words])
    tall = [baseline - w.top for w, t in cores if TALL & set(t) and t.isalnum()]
    if tall:
        size = statistics.median(tall) / CAP_HEIGHT
    else:
        short = [baseline - w.top for w, t in cores if t.isalpha()]
        size = (
            statistics.median(short) / X_HEIGHT if short else max(w.bottom - w.top for w in words)
        )
    return baseline, max(size, 1.0)


SIZE_GAP = 0.04  # sorted line sizes further apart than this share are two font sizes
SIZE_SPAN = 0.1  # ... and so are sizes this share above the smallest of their kind


def snap_sizes(sizes: list[float]) -> list[float]:
    """Each line's size replaced by the median of its kind on the page: a size measured from
    ink varies a few per cent line by line, and the layout learns one line pitch per size
    (two measures of one 9.5 pt face learnt a paragraph's pitch as a line's, and two
    paragraphs of a cell ran together)."""
    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    out = list(sizes)
    group: list[int] = []
    for i in [*order, -1]:
        if (
            i >= 0
            and group
            and sizes[i] <= sizes[group[-1]] * (1 + SIZE_GAP)
            and sizes[i] <= sizes[group[0]] * (1 + SIZE_SPAN)
        ):
            group.append(i)
            continue
        if group:
            middle = statistics.median(sizes[j] for j in group)
            for j in group:
                out[j] = middle
        group = [i]
    return out


def _level(words: list[Word]) -> list[list[Word]]:
    """A Tesseract line split where its words do not share a level: it sometimes joins two
    lines of text, or letters stacked down a margin, into one, which would give them one
    baseline and interleave their letters."""
    heights = sorted(w.bottom - w.top for w in words)
    step = 0.6 * heights[len(heights) // 2]
    out: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        mid = (w.top + w.bottom) / 2
        if out and mid - statistics.median((v.top + v.bottom) / 2 for v in out[-1]) <= step:
            out[-1].append(w)
        else:
            out.append([w])
    for sub in out:
        sub.sort(key=lambda w: w.left)
    return out


def raw_page(words: list[Word], geo: PageImage) -> RawPage:
    """Words as pdfminer-like chars: a word's box shared among its letters, each letter
    boxed from the line's baseline (descent below it, one font size tall)."""
    by_line: dict[tuple[int, int, int], list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    lines = {i: sub for i, sub in enumerate(s for ws in by_line.values() for s in _level(ws))}
    k = 1.0 / geo.px_per_pt
    chars: list[dict[str, Any]] = []
    metrics = [_line_metrics(ws) for ws in lines.values()]
    sizes = snap_sizes([m[1] for m in metrics])
    for line_words, (base_px, _measured), size_px in zip(
        lines.values(), metrics, sizes, strict=True
    ):
        size = size_px * k
        baseline = base_px * k
        bottom = baseline + DESCENT * size
        top = bottom - size
        for w in line_words:
            x0, x1 = w.left * k, w.right * k
            if w.text in DASHES:  # Tesseract mixes them up; their width tells them apart
                w.text = "—" if x1 - x0 > EM_DASH * size else "–"
            step = (x1 - x0) / len(w.text)
            for i, ch in enumerate(w.text):
                chars.append(
                    {
                        "text": ch,
                        "x0": x0 + i * step,
                        "x1": x0 + (i + 1) * step,
                        "top": top,
                        "bottom": bottom,
                        "size": size,
                        "bold": w.bold,
                        "upright": True,
                        "baseline": baseline,
                        "conf": w.conf,
                    }
                )
    strokes = [*geo.strokes, *geo.decorations]
    return RawPage(geo.height_pt, chars, strokes, list(geo.edges), list(geo.fills))
