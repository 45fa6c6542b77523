"""The fast PDF backend: pypdfium2 (PDFium, C++) pages as :class:`RawPage`.

pdfplumber spends nearly all its time in pdfminer interpreting content streams in Python;
PDFium does that in C++ and hands back the same raw material through its C API, so this
module only asks for it and shapes it the way pdfminer would, so that the shared layout
code (tuned on pdfminer's numbers) sees the same page:

- chars: pdfminer's box runs from the glyph's origin along the text by its advance width
  (``FPDFFont_GetGlyphWidth``), and from the font's descent up by one font size.
  PDFium's own "loose" box is that unioned with the glyph's ink, so it is only a fallback.
  Chars PDFium adds between words (``FPDFText_IsGenerated``) are dropped, a ligature it
  splits into letters at one origin is put back together, and its end-of-line hyphen
  marker is the "-" it stands for. Direction and uprightness come from each char's
  page-space matrix, so text turned by a form or for ``/Rotate`` is boxed like pdfminer's.
- paths: each path object is split into subpaths at every move-to and classified like
  pdfminer's ``paint_path`` (one segment: line; closed axis-aligned box: rect; else curve),
  after the object's matrix, any enclosing form's, and the page's ``/Rotate``.

The char walk is the backend's cost: one C call per char (its origin), its text object
found a few calls per run of chars (a text object's chars are one run of the text page),
font facts looked up once per text object, the page's text in one call. The path walk
asks per object and per segment, without argument conversion either.

PDFium stops a form that draws itself (so does this walk: see ``_walk``) and reports a
bad or encrypted file when it is loaded, so every failure is a ValueError naming the file.
"""

from __future__ import annotations

import ctypes
import mmap
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from jarap.ingest.pdf_plumber import is_bold
from jarap.ingest.pdf_raw import RawPage, page_from_objects

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
FORM_DEPTH = 16  # forms inside forms deeper than this are drawn by nobody real
_FONT_NAME_BUF = 256
# Code points PDFium reports that are no glyph of the page: none, and line breaks it added
# itself (but did not mark as generated).
_NOT_DRAWN = frozenset("\x00\n\r")
# PDFium reports a hyphen that ends a line as 0x02 (one char at a time) or 0xFFFE (in
# bulk text); pdfminer keeps the glyph's "-".
_SHOWN = {"\x02": "-", "\ufffe": "-"}


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _page_ctm(rotation: int, box: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's page matrix: user space to the page as displayed (``/Rotate`` applied)."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _matrix(obj: Any) -> Matrix:
    m = _MATRIX
    if not _object_matrix(obj, _MATRIX_REF):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _unchecked(fn: Any, restype: Any) -> Any:
    """The same C function with no argument types: ctypes then passes ints and ctypes
    pointers as they are instead of converting each argument through its ``argtypes``,
    which costs more than the call itself when done for every char (635 against 234 ns
    for ``FPDFText_GetCharOrigin``). Callers pass only ints (C ``int``), ctypes pointers
    and ``byref``s; a pointer result comes back as an int (None for NULL), a cheap key."""
    address = ctypes.cast(fn, ctypes.c_void_p).value
    if address is None:
        raise ValueError("a NULL PDFium function")
    return ctypes.CFUNCTYPE(restype)(address)


_text_object_at = _unchecked(pdfium_c.FPDFText_GetTextObject, ctypes.c_void_p)
_font_of = _unchecked(pdfium_c.FPDFTextObj_GetFont, ctypes.c_void_p)
_origin_of = _unchecked(pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int)
_is_generated = _unchecked(pdfium_c.FPDFText_IsGenerated, ctypes.c_int)
_loose_box = _unchecked(pdfium_c.FPDFText_GetLooseCharBox, ctypes.c_int)
_font_size = _unchecked(pdfium_c.FPDFText_GetFontSize, ctypes.c_double)
_char_matrix = _unchecked(pdfium_c.FPDFText_GetMatrix, ctypes.c_int)
# per path segment (a ruled table has thousands a page)
_segment_at = _unchecked(pdfium_c.FPDFPath_GetPathSegment, pdfium_c.FPDF_PATHSEGMENT)
_segment_kind = _unchecked(pdfium_c.FPDFPathSegment_GetType, ctypes.c_int)
_segment_point = _unchecked(pdfium_c.FPDFPathSegment_GetPoint, ctypes.c_int)
_segment_closes = _unchecked(pdfium_c.FPDFPathSegment_GetClose, ctypes.c_int)
_segment_count = _unchecked(pdfium_c.FPDFPath_CountSegments, ctypes.c_int)
# per path object (a ruled page has hundreds), with their out-parameters made once
_draw_mode = _unchecked(pdfium_c.FPDFPath_GetDrawMode, ctypes.c_int)
_fill_color = _unchecked(pdfium_c.FPDFPageObj_GetFillColor, ctypes.c_int)
_FILL_MODE, _STROKE = ctypes.c_int(0), ctypes.c_int(0)
_DRAW_REFS = (ctypes.byref(_FILL_MODE), ctypes.byref(_STROKE))
_RGBA = tuple(ctypes.c_uint() for _ in range(4))
_RGBA_REFS = tuple(ctypes.byref(v) for v in _RGBA)
# per page object (an AbiWord page has hundreds): objects come back as ints and are passed
# on as c_void_p (a bare int would be cut to a C int)
_page_object_at = _unchecked(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p)
_page_object_count = _unchecked(pdfium_c.FPDFPage_CountObjects, ctypes.c_int)
_form_object_at = _unchecked(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p)
_form_object_count = _unchecked(pdfium_c.FPDFFormObj_CountObjects, ctypes.c_int)
_object_kind = _unchecked(pdfium_c.FPDFPageObj_GetType, ctypes.c_int)
_object_matrix = _unchecked(pdfium_c.FPDFPageObj_GetMatrix, ctypes.c_int)
_MATRIX = pdfium_c.FS_MATRIX()
_MATRIX_REF = ctypes.byref(_MATRIX)


class _Font:
    """What a text object says about its chars: bold (from the font's name), size and
    descent, the directions its text runs in, and whether that is the plain case (upright
    text on an unrotated page), which is boxed without any matrix arithmetic.

    Shared by every text object of a page with the same font, size and direction (a page
    has dozens of text objects and a handful of fonts), so it is built once per kind."""

    __slots__ = (
        "bold",
        "size",
        "advance_size",
        "lo",
        "hi",
        "u",
        "v",
        "upright",
        "plain",
        "widths",
        "font",
    )

    def __init__(
        self,
        font_key: int,
        facts: tuple[bool, float],
        size: float,
        m: Matrix,
        ctm: Matrix,
        widths: dict[tuple[int, float], dict[str, float]],
    ) -> None:
        self.font = ctypes.cast(font_key, pdfium_c.FPDF_FONT) if font_key else None
        self.bold, descent = facts
        # PDFium's size is the ``Tf`` operand; the text matrix scales it (AbiWord and cairo
        # set ``1 Tf`` under a ``12 0 0 12 … Tm``): pdfminer's size is the glyph's height
        # on the page, and its advance the width along the text, so both are scaled here
        a, b, c, d, _, _ = m
        along, up = (a * a + b * b) ** 0.5 or 1.0, (c * c + d * d) ** 0.5 or 1.0
        size *= up
        self.size = size
        self.advance_size = size * along / up
        # pdfminer's box starts at the descent (forced negative) and is one size tall
        self.lo = min(0.0, descent) * size
        self.hi = self.lo + size
        # the char's matrix in page space (a text object's own matrix is relative to the
        # form it is drawn in, which may be what turns it)
        self.u = _unit(a, b, (1.0, 0.0))  # along the text, in user space
        self.v = _unit(c, d, (0.0, 1.0))  # up the glyphs
        a, b, c, d, _, _ = _mult(m, ctm)
        self.upright = a * d > 0 and b * c <= 0
        self.plain = self.u == (1.0, 0.0) and self.v == (0.0, 1.0) and ctm[:4] == (1, 0, 0, 1)
        self.widths = widths.setdefault((font_key, self.advance_size), {})

    def advance(self, ch: str) -> float | None:
        """The char's advance width (``FPDFFont_GetGlyphWidth`` takes the Unicode code
        point and maps it to the font's char code), None when the font has none; cached
        (a char the font has no width for is looked up again: rare, and still correct)."""
        w = self.widths.get(ch)
        if w is None:
            out = ctypes.c_float(0.0)
            ok = self.font and pdfium_c.FPDFFont_GetGlyphWidth(
                self.font, ord(ch), ctypes.c_float(self.advance_size), ctypes.byref(out)
            )
            if not ok:
                return None
            w = self.widths[ch] = out.value
        return w


def _font_facts(font_key: int) -> tuple[bool, float]:
    """Bold (from the base font name) and the descent per unit of size, of one font."""
    if not font_key:
        return is_bold(""), 0.0
    font = ctypes.cast(font_key, pdfium_c.FPDF_FONT)
    buf = ctypes.create_string_buffer(_FONT_NAME_BUF)
    n = pdfium_c.FPDFFont_GetBaseFontName(font, buf, _FONT_NAME_BUF)
    name = buf.raw[: max(0, min(n, _FONT_NAME_BUF) - 1)].decode("utf-8", "replace")
    descent = ctypes.c_float(0.0)
    pdfium_c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
    return is_bold(name), descent.value


def _unit(x: float, y: float, default: tuple[float, float]) -> tuple[float, float]:
    n = (x * x + y * y) ** 0.5
    return (x / n, y / n) if n > 1e-9 else default


# Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko…, their presentation
# forms, and the astral ones): PDFium reorders such a line's chars, which can interleave two
# text objects' chars.
_RIGHT_TO_LEFT = re.compile(
    "[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]"
)


# A run of chars of one text object: the object (0: none), where the run ends, its length,
# and the char probed past its end with that char's object (-1, 0: none).
Run = tuple[int, int, int, int, int]


def _run_at(page_text: Any, text: str, i: int, last: Run, runs: bool) -> Run:
    """The run of chars that starts at char ``i``, the one after run ``last``."""
    _, _, length, probe, probe_key = last
    key = probe_key if i == probe else (_text_object_at(page_text, i) or 0)
    if not (key and runs):
        return key, i + 1, length, -1, 0
    limit = text.find("\r", i)
    end, probe, probe_key = _run_end(
        page_text, i, key, len(text) if limit < 0 else limit, length
    )
    return key, end, end - i, probe, probe_key


def _run_end(page_text: Any, i: int, key: int, limit: int, guess: int) -> tuple[int, int, int]:
    """Where the run of chars of text object ``key`` that holds char ``i`` ends (the first
    index after it with another object, at most ``limit``), that index and its object (the
    next run's, so it is not asked again), or ``-1, 0`` when the run reaches ``limit``.

    PDFium's text page appends each text object's chars in one go (chars it generates
    between objects have none, those inside one have that object) and only bidi reordering
    moves them: so each object's chars are one run of indices, and its end is found by
    galloping from ``i`` (first step ``guess``, the last run's length) then bisecting, a
    handful of calls where asking every char took one each (tests/test_pdf_pdfium_runs.py
    checks every char of every sample against the per-char answer)."""
    lo, step = i, max(1, guess)
    while True:
        j = lo + step
        if j >= limit - 1:
            j = limit - 1
            if j <= lo:
                return limit, -1, 0
            k = _text_object_at(page_text, j)
            if k == key:
                return limit, -1, 0
            hi, hi_key = j, k or 0
            break
        k = _text_object_at(page_text, j)
        if k != key:
            hi, hi_key = j, k or 0
            break
        lo, step = j, step * 2
    while hi - lo > 1:
        mid = (lo + hi) // 2
        k = _text_object_at(page_text, mid)
        if k == key:
            lo = mid
        else:
            hi, hi_key = mid, k or 0
    return hi, hi, hi_key


def _page_text(textpage: Any, n: int) -> str:
    """The page's text, one str char per text-page char, in one call (one call per char
    only when a UTF-16 surrogate would shift the indices: astral text, rare).

    Decoding is the cheap test: a surrogate pair makes the text shorter, a lone one fails."""
    buf = (ctypes.c_ushort * (n + 1))()
    pdfium_c.FPDFText_GetText(textpage, 0, n, buf)
    try:
        text = ctypes.string_at(buf, 2 * n).decode("utf-16-le")
    except UnicodeDecodeError:
        text = ""
    if len(text) != n:
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(n))
    return text


class FontMemo:
    """Font facts and advance widths by PDFium font address, carried from page to page
    (looking them up again on every page cost more than the rest of the font handling).

    An address names the same font only while an open page holds that font (PDFium frees
    a font no page uses, and may reuse its address). So the reader keeps the previous page
    open while it reads the next, and carries over only the entries of fonts the previous
    page used: every address carried is of a font still alive."""

    def __init__(self) -> None:
        self.facts: dict[int, tuple[bool, float]] = {}
        self.widths: dict[tuple[int, float], dict[str, float]] = {}
        self.used: set[int] = set()

    def carried(self) -> FontMemo:
        """What the next page may use, while the page this memo was used for stays open."""
        memo = FontMemo()
        memo.facts = {k: v for k, v in self.facts.items() if k in self.used}
        memo.widths = {k: v for k, v in self.widths.items() if k[0] in self.used}
        return memo


class _Fonts:
    """The :class:`_Font` of each text object of one page, built once per font, size and
    direction; font facts once per font. Keys are PDFium's object addresses, which stay
    valid (and unique) only while the page is open, so this lives for one page (with what
    a :class:`FontMemo` carries over from the previous one)."""

    def __init__(self, page_text: Any, ctm: Matrix, memo: FontMemo) -> None:
        self.page_text = page_text
        self.ctm = ctm
        self.by_object: dict[int, _Font] = {}
        self.by_kind: dict[tuple[int, float, float, float, float, float], _Font] = {}
        self.memo = memo
        self.matrix = pdfium_c.FS_MATRIX()
        self.matrix_ref = ctypes.byref(self.matrix)

    def of(self, key: int, i: int) -> _Font:
        """The font of text object ``key``, whose chars include char ``i``."""
        font_key = _font_of(ctypes.c_void_p(key)) or 0
        size = _font_size(self.page_text, i)
        _char_matrix(self.page_text, i, self.matrix_ref)
        mx = self.matrix
        m = (mx.a, mx.b, mx.c, mx.d, mx.e, mx.f)
        kind = (font_key, size, *m[:4])
        font = self.by_kind.get(kind)
        if font is None:
            memo = self.memo
            memo.used.add(font_key)
            facts = memo.facts.get(font_key)
            if facts is None:
                facts = memo.facts[font_key] = _font_facts(font_key)
            font = self.by_kind[kind] = _Font(font_key, facts, size, m, self.ctm, memo.widths)
        self.by_object[key] = font
        return font


def _chars(
    textpage: Any, ctm: Matrix, height: float, memo: FontMemo | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Every drawn char as pdfminer would box it, in pdfplumber's page coordinates, and
    their texts in a list of their own (the text-layer check reads the first few hundred:
    appending each here costs a tenth of fetching them back out of the dicts).

    pdfminer's box runs from the origin along the text by the advance width, and from the
    font's descent up by the font size. PDFium's "loose" box is the union of that with the
    glyph's ink, so it is only the fallback when the font gives no width. This loop is
    the backend's cost (one C call per char and a few per text object, made without
    argument conversion): keep it lean.
    """
    out: list[dict[str, Any]] = []
    texts: list[str] = []
    add_text = texts.append
    page_text = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value)
    fonts = _Fonts(page_text, ctm, FontMemo() if memo is None else memo)
    known = fonts.by_object
    rect = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    rect_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    origin, append = _origin_of, out.append
    e, f = ctm[4], ctm[5]
    last_key, last_x, last_y = 0, 0.0, 0.0
    n = pdfium_c.FPDFText_CountChars(textpage)
    font: _Font | None = None
    # the current font's facts, in locals: they change only between text objects
    widths: dict[str, float] = {}
    plain = bold = upright = False
    size = hi = lo = 0.0
    line_y, line_font = float("nan"), None
    line_copy: Callable[[], dict[str, Any]] = dict  # see the plain case below
    char: dict[str, Any]
    text = _page_text(textpage, n)
    # each text object's chars are one run of indices, found with a few calls per run (see
    # _run_end) instead of one per char; not where bidi reordering may split a run
    runs = _RIGHT_TO_LEFT.search(text) is None
    run: Run = (0, 0, 1, -1, 0)
    for i, ch in enumerate(text):
        if ch <= " " or ch == "\ufffe":
            if ch in _NOT_DRAWN:
                continue
            if i >= run[1]:
                run = _run_at(page_text, text, i, run, runs)
            if not run[0] or (ch == " " and _is_generated(page_text, i)):
                continue  # a char of no text object, or a space PDFium put between words
            ch = _SHOWN.get(ch, ch)
        elif i >= run[1]:
            run = _run_at(page_text, text, i, run, runs)
        key = run[0]
        if key != last_key or font is None:
            if not key:
                continue  # a char of no text object
            font = known.get(key) or fonts.of(key, i)
            widths, plain, bold, upright = font.widths, font.plain, font.bold, font.upright
            size, hi, lo = font.size, font.hi, font.lo
        origin(page_text, i, ox_ref, oy_ref)
        x, y = ox.value, oy.value
        if key == last_key and x == last_x and y == last_y:
            # a ligature ("fi") comes out as its letters, all at the glyph's origin: one
            # char, as pdfminer has it, as wide as the ligature's (loose) box
            _loose_box(page_text, i, rect_ref)
            out[-1]["text"] += ch
            texts[-1] += ch
            out[-1].update(_box(font, x, y, rect.right - rect.left, ctm, height))
            continue
        last_key, last_x, last_y = key, x, y
        adv = widths.get(ch)
        if adv is None:
            adv = font.advance(ch)
            if adv is None:
                _loose_box(page_text, i, rect_ref)
                adv = rect.right - rect.left
        if plain:
            if y != line_y or font is not line_font:
                # what every char of this font on this line shares, copied for each char
                # (a copy and three stores cost half of building the dict)
                line_y, line_font, base = y, font, height - y - f
                template: dict[str, Any] = {
                    "text": "",
                    "x0": 0.0,
                    "x1": 0.0,
                    "top": base - hi,
                    "bottom": base - lo,
                    "size": size,
                    "bold": bold,
                    "upright": upright,
                    "baseline": base,
                }
                line_copy = template.copy
            x += e
            char = line_copy()
            char["text"], char["x0"], char["x1"] = ch, x, x + adv
            append(char)
            add_text(ch)
        else:
            char = _box(font, x, y, adv, ctm, height)
            char.update(text=ch, size=size, bold=bold, upright=upright)
            append(char)
            add_text(ch)
    return out, texts


def _box(
    font: _Font, x: float, y: float, adv: float, ctm: Matrix, height: float
) -> dict[str, Any]:
    """pdfminer's box of a char drawn at (x, y): along the text by its advance, up the
    glyph from the font's descent by the font size; through the page matrix, then flipped."""
    a, b, c, d, e, f = ctm
    (ux, uy), (vx, vy) = font.u, font.v
    xs, ys = [], []
    for along in (0.0, adv):
        for up in (font.lo, font.hi):
            px, py = x + ux * along + vx * up, y + uy * along + vy * up
            xs.append(a * px + c * py + e)
            ys.append(b * px + d * py + f)
    return {
        "x0": min(xs),
        "x1": max(xs),
        "top": height - max(ys),
        "bottom": height - min(ys),
        "baseline": height - (b * x + d * y + f),
    }


_MOVETO, _BEZIERTO = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_BEZIERTO
_POINT = (ctypes.c_float(), ctypes.c_float())
_POINT_REFS = tuple(ctypes.byref(v) for v in _POINT)


def _subpaths(obj: Any, m: Matrix) -> list[tuple[str, list[tuple[float, float]]]]:
    """A path object's subpaths as pdfminer's shape strings ("mlllh") and their end points."""
    out: list[tuple[str, list[tuple[float, float]]]] = []
    shape: list[str] = []
    pts: list[tuple[float, float]] = []
    x, y = _POINT
    xr, yr = _POINT_REFS
    a, b, c, d, e, f = m
    segment_at, segment_kind, segment_point, segment_closes = (
        _segment_at,
        _segment_kind,
        _segment_point,
        _segment_closes,
    )
    bezier = 0
    for j in range(_segment_count(obj)):
        seg = segment_at(obj, j)
        kind = segment_kind(seg)
        segment_point(seg, xr, yr)
        px, py = x.value, y.value
        pt = (a * px + c * py + e, b * px + d * py + f)
        if kind == _MOVETO:
            if shape:
                out.append(("".join(shape), pts))
            shape, pts, bezier = ["m"], [pt], 0
        elif kind == _BEZIERTO:
            bezier += 1
            if bezier % 3:
                continue  # a control point: pdfminer keeps only where the curve ends
            shape.append("c")
            pts.append(pt)
        else:
            shape.append("l")
            pts.append(pt)
        if segment_closes(seg) and shape:
            shape.append("h")
            pts.append(pts[0])
    if shape:
        out.append(("".join(shape), pts))
    return out


def _classify(shape: str, pts: list[tuple[float, float]]) -> str:
    """pdfminer's ``paint_path``: line, rect or curve (pts may lose a redundant point)."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        return "line"
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if pts[0] == pts[4] and square:
            return "rect"
    return "curve"


def _path_objects(obj: Any, m: Matrix, height: float, out: dict[str, list[dict[str, Any]]]) -> None:
    """Add one path object's lines, rects and curves, as pdfplumber would list them."""
    _FILL_MODE.value = _STROKE.value = 0
    _draw_mode(obj, *_DRAW_REFS)
    fill, stroked = _FILL_MODE.value != 0, bool(_STROKE.value)
    if not (fill or stroked):
        return
    color = None
    if fill and _fill_color(obj, *_RGBA_REFS):
        r, g, b, _a = (v.value for v in _RGBA)
        color = (r / 255, g / 255, b / 255)
    for shape, raw_pts in _subpaths(obj, m):
        kind = _classify(shape, raw_pts)
        pts = [(x, height - y) for x, y in raw_pts]
        xs, tops = [p[0] for p in pts], [p[1] for p in pts]
        x0, x1, top, bottom = min(xs), max(xs), min(tops), max(tops)
        out[kind].append(
            {
                "object_type": kind,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "y0": height - bottom,
                "y1": height - top,
                "width": x1 - x0,
                "height": bottom - top,
                "pts": pts,
                "fill": fill,
                "stroke": stroked,
                "non_stroking_color": color,
            }
        )


def _walk(
    parent: Any,
    m: Matrix,
    height: float,
    out: dict[str, list[dict[str, Any]]],
    stack: tuple[tuple, ...] | None = None,
) -> int:
    """Every path object of a page or form, in drawing order, with its full matrix; returns
    how many image objects it met (any depth), so that a page without one is known to be
    no scan without loading it again.

    PDFium expands a form that draws itself many levels deep; pdfminer refuses to run a
    content stream already running. PDFium gives no object numbers, so a form is taken to
    be one already on the stack when its objects (kinds and matrices) are the same.
    """
    in_form = stack is not None
    count = _form_object_count if in_form else _page_object_count
    get = _form_object_at if in_form else _page_object_at
    objs = [ctypes.c_void_p(get(parent, i)) for i in range(max(0, count(parent)))]
    kinds = list(map(_object_kind, objs))
    if stack is not None:
        signature = tuple(zip(kinds, map(_matrix, objs), strict=True))
        if signature in stack or len(stack) >= FORM_DEPTH:
            return 0
        stack = (*stack, signature)
    images = kinds.count(pdfium_c.FPDF_PAGEOBJ_IMAGE)
    for obj, kind in zip(objs, kinds, strict=True):
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            _path_objects(obj, _mult(_matrix(obj), m), height, out)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            images += _walk(obj, _mult(_matrix(obj), m), height, out, stack or ())
    return images


def raw_page(page: pdfium.PdfPage, memo: FontMemo | None = None) -> RawPage:
    """One PDFium page as a RawPage, in the coordinates pdfplumber would give; `memo`
    holds what earlier pages learnt of their fonts (see :class:`FontMemo`)."""
    rotation = page.get_rotation() % 360
    x0, y0, x1, y1 = page.get_mediabox()
    box = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    ctm = _page_ctm(rotation, box)
    w, h = box[2] - box[0], box[3] - box[1]
    height = w if rotation in (90, 270) else h
    textpage = page.get_textpage()
    try:
        chars, texts = _chars(textpage.raw, ctm, height, memo)
    finally:
        textpage.close()
    objects: dict[str, list[dict[str, Any]]] = {"line": [], "rect": [], "curve": []}
    page_ref = ctypes.c_void_p(ctypes.cast(page.raw, ctypes.c_void_p).value)
    images = _walk(page_ref, ctm, height, objects)
    raw = page_from_objects(height, chars, objects["line"], objects["rect"], objects["curve"])
    raw.images, raw.texts = images > 0, texts
    return raw


def _reason(e: BaseException) -> str:
    text = str(e)
    if "password" in text.lower():
        return f"encrypted: it needs a password ({text})"
    return text or type(e).__name__


def _self_drawing_form(path: Path) -> int | None:
    """The object number of a page content stream that is also a form the page draws
    (directly or through other forms), found from the object graph alone, without running
    any content: PDFium loads such a page for ever (the C call cannot be interrupted),
    where pdfminer refuses the circular reference. A form that only draws itself is fine:
    PDFium stops that loop itself. None when there is none, or when pdfminer cannot read
    the file (PDFium then gives its own error).

    A page draws a form only through an ``/XObject`` resource, and a dictionary is hidden
    from a byte search only inside an object stream (``/ObjStm``): a file with neither name
    in its bytes has no form to loop on, and is not parsed again in Python (for an
    image-free paper this check cost as much as a tenth of reading it with PDFium). A name
    spelt with ``#`` escapes would pass unseen; the batch's time limit still stops it."""
    if not _may_draw_forms(path):
        return None
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

    def forms_in(resources: Any) -> list[PDFObjRef]:
        xobjects = resolve1((resolve1(resources) or {}).get("XObject")) or {}
        return [ref for ref in xobjects.values() if isinstance(ref, PDFObjRef)]

    def loops(ref: PDFObjRef, contents: set[int], seen: set[int]) -> int | None:
        if ref.objid in contents:
            return ref.objid
        if ref.objid in seen:
            return None
        seen.add(ref.objid)
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream) or resolve1(stream.attrs.get("Subtype")) is None:
            return None
        if getattr(resolve1(stream.attrs.get("Subtype")), "name", "") != "Form":
            return None
        for inner in forms_in(stream.attrs.get("Resources")):
            found = loops(inner, contents, seen)
            if found is not None:
                return found
        return None

    try:
        with path.open("rb") as fh:
            document = PDFDocument(PDFParser(fh))
            for page in PDFPage.create_pages(document):
                contents = page.attrs.get("Contents")
                refs = contents if isinstance(contents, list) else [contents]
                contents = {r.objid for r in refs if isinstance(r, PDFObjRef)}
                seen: set[int] = set()
                for ref in forms_in(page.resources):
                    found = loops(ref, contents, seen)
                    if found is not None:
                        return found
    except Exception:  # noqa: BLE001 - not readable this way: PDFium says what is wrong
        return None
    return None


_FORM_HOSTS = re.compile(rb"/XObject|/ObjStm")


def _may_draw_forms(path: Path) -> bool:
    """Whether the file's bytes name an XObject or an object stream (see above); searched
    in place (mapped, not read into memory: a paper can be hundreds of megabytes)."""
    try:
        with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return _FORM_HOSTS.search(data) is not None
    except (OSError, ValueError):  # unreadable, or empty: the full check (then PDFium) says
        return True


def raw_pages(path: Path) -> Iterator[RawPage]:
    """Every page of the PDF in order; a broken file is a ValueError naming it."""
    loop = _self_drawing_form(path)
    if loop is not None:
        raise ValueError(
            f"{path}: a content stream draws itself (object {loop}): refused, "
            "it would loop the PDF reader"
        )
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        raise ValueError(f"{path}: cannot open PDF ({_reason(e)})") from e
    page_no = 0
    memo = FontMemo()
    held: pdfium.PdfPage | None = None  # the previous page, open while the next is read
    try:
        for i in range(len(pdf)):
            page_no = i + 1
            page = pdf[i]
            try:
                raw = raw_page(page, memo)
            finally:
                if held is not None:
                    held.close()
                held = page
            memo = memo.carried()
            yield raw
    except pdfium.PdfiumError as e:
        where = f" at page {page_no}" if page_no else ""
        raise ValueError(f"{path}: corrupt PDF{where} ({_reason(e)})") from e
    finally:
        if held is not None:
            held.close()
        pdf.close()
