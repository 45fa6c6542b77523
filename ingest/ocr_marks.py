"""Marks Tesseract's English model has no letters for, made out from their shape in the page
image: a ditto mark alone in a cell, a tick (✓) and a ballot cross (✗).

Each rule states what the mark looks like, not where a paper prints it: a ditto mark is one or
two small upright commas high in an otherwise empty cell; a tick is a stroke rising to the
right from a low point left of its middle, with a short arm up to the left; a ballot cross is
one long stroke rising to the right crossed by a short one that stops above the baseline.
Tesseract reads these as `;` or nothing, `v` or `/`, and `x`: the reading is replaced only
when the shape says so, so a real `v` or `x` stays a letter.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jarap.ingest.ocr import Word

DITTO_MARK = "\u201c"
TICK = "\u2713"  # ✓
CROSS = "\u2717"  # ✗
# what Tesseract reads a tick or a cross as
READ_AS_TICK = frozenset({"v", "V", "/", "\\/", "J", "y", "Y", "\u221a", TICK, "\u2714"})
READ_AS_CROSS = frozenset({"x", "X", "\u00d7", "%", "*", "K", "k", CROSS, "\u2718"})
BAND = 0.3  # the top and bottom share of a mark's height looked at
HANG = 0.1  # of a digit's height: a comma's tail hangs further than this below the baseline
TOP_BAND = 0.2  # the top share of a word's ink only capitals reach (not a small letter)
ONE_GLYPH = 0.7  # ink across this share of the word's width at capital height: one glyph
FOOT = 0.15  # the bottom share of a cross's height its legs must reach to be an `x`


def ditto_mark(crop: Any, words: list[Word], k: float, pad: int) -> Word | None:
    """A cell whose ink begins with one or two quotation marks (up to four small upright
    marks side by side high in its first line: commas, not a dash, a dot or a letter),
    followed by nothing or by at most two strokes on that line (the `I I` typed after a
    ditto), read as punctuation or a stray letter (`;`, `‘`, `%`, `7`), not at all, or as
    a word Tesseract has no confidence in (`wnry` for `“ “ I I` at 200 dpi), holds a ditto
    mark ("as the row above"): Tesseract has no model for a lone quotation mark. The mark
    as a Word in crop pixels (`pad`: the paper added around the cell)."""
    import cv2
    import numpy as np

    from jarap.ingest.ocr import Word

    trusted = [w for w in words if w.conf >= SPECK_CONF]
    if sum(len(w.text) for w in trusted) > 2 or any(
        w.text.isalpha() and len(w.text) > 1 for w in trusted
    ):
        return None
    dark = (crop < 128).astype(np.uint8)
    speck = max(int((0.6 * k) ** 2), 2)
    count, _l, stats, _c = cv2.connectedComponentsWithStats(dark, connectivity=8)
    found = sorted(
        (stats[i] for i in range(1, count) if stats[i, cv2.CC_STAT_AREA] >= speck),
        key=lambda m: int(m[0]),
    )
    # commas, not a dash, a dot or a letter: under 3 pt wide, 4 pt tall, upright
    lead = 0
    while lead < min(len(found), DITTO_COMMAS) and _comma(found[lead], k):
        lead += 1
    marks, after = found[:lead], found[lead:]
    if not marks:
        return None
    level = max(m[1] for m in marks) - min(m[1] for m in marks) < 2 * k
    top = min(int(m[1]) for m in marks)
    near_top = top - pad < 14 * k
    # what may follow on the mark's line: strokes (`I I`), each taller than wide, no taller
    # than a capital, starting near the marks' top
    trailing = len(after) <= DITTO_STROKES and all(
        m[3] >= 2 * m[2] and m[3] < STROKE_PT * k and abs(int(m[1]) - top) < 2 * k for m in after
    )
    if not (level and near_top and trailing):
        return None
    left = min(int(m[0]) for m in marks)
    right = max(int(m[0] + m[2]) for m in marks)
    conf = min((w.conf for w in words), default=0.0)
    # boxed as a quotation mark is drawn: at cap height, a third of the size tall
    return Word(DITTO_MARK, left, top, right, top + int(3 * k), conf, (0, 0, 0))


DITTO_COMMAS = 4  # a ditto is one or two quotation marks: up to four raised commas
DITTO_STROKES = 2  # ... and may be followed on its line by two strokes (`“ “ I I`)
STROKE_PT = 12.0  # a stroke after the marks is no taller than a large capital


def _comma(m: Any, k: float) -> bool:
    """A connected piece of ink the size and shape of a raised comma (under 3 pt wide,
    4 pt tall, upright)."""
    return bool(m[2] < 3 * k and m[3] < 4 * k and m[3] >= m[2])


SPECK_CONF = 40.0  # punctuation read with less confidence than this may be noise
SPECK_PT = 0.9  # ... and is, when its ink is less than a square this many points a side


def drop_specks(clean: Any, words: list[Word], k: float) -> list[Word]:
    """Words without a letter or digit, read with little confidence, whose ink is a speck:
    the scanner's grain read as punctuation. A dash between words is read with little
    confidence too, but it has a dash's ink, and it is kept (`Fleet Maintenance – report
    issued …` lost its dash, and the audit its title)."""
    least = (SPECK_PT * k) ** 2
    out = []
    for w in words:
        if w.conf < SPECK_CONF and not any(ch.isalnum() for ch in w.text):
            patch = clean[w.top : w.bottom + 1, w.left : w.right + 1] < 128
            if int(patch.sum()) < least:
                continue
        out.append(w)
    return out


def _ink(clean: Any, w: Word) -> Any:
    """The ink of a word's box, trimmed to the ink (None when too small to judge)."""
    import numpy as np

    patch = clean[max(w.top - 1, 0) : w.bottom + 2, max(w.left - 1, 0) : w.right + 2] < 128
    ys, xs = np.nonzero(patch)
    if len(ys) < 6:
        return None
    ink = patch[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1]
    return ink if ink.shape[0] >= 5 and ink.shape[1] >= 5 else None


def _centre(band: Any) -> float | None:
    """The mean column of a band's ink, as a share of its width."""
    import numpy as np

    ys, xs = np.nonzero(band)
    return float(xs.mean()) / max(band.shape[1] - 1, 1) if len(xs) else None


def is_tick(ink: Any) -> bool:
    """About as wide as tall (a slash is narrow), a low point left of the middle, the top
    of the mark on the right, and the leftmost ink above the bottom (a short arm)."""
    import numpy as np

    h, w = ink.shape
    if w < 0.6 * h:
        return False
    band = max(int(round(BAND * h)), 1)
    low, high = _centre(ink[-band:]), _centre(ink[:band])
    if low is None or high is None or not (low < 0.45 and high > 0.6):
        return False
    if _centre(ink[:band, : max(int(0.35 * w), 1)]) is not None:
        return False  # ink at the top left: a `v` (both arms reach the top)
    left = ink[:, : max(int(0.15 * w), 1)]
    rows = np.nonzero(left)[0]
    return len(rows) > 0 and float(rows.mean()) < 0.85 * (h - 1)


def is_cross(ink: Any) -> bool:
    """Both top corners inked, but the foot only on the left: one long stroke rising to the
    right, the other short, ending above the baseline (an `x` has four legs)."""
    h, w = ink.shape
    band = max(int(round(FOOT * h)), 1)
    right = ink[-band:, int(0.6 * w) :]
    left = ink[-band:, : max(int(0.4 * w), 1)]
    top_left = ink[:band, : max(int(0.45 * w), 1)]
    top_right = ink[:band, int(0.6 * w) :]
    if not (left.any() and top_left.any() and top_right.any()):
        return False
    return int(right.sum()) < 0.15 * int(ink[-band:].sum())


def ticks_and_crosses(clean: Any, words: list[Word]) -> None:
    """Words read as a letter a tick or a cross is read as, given the mark's own glyph when
    their shape is a tick's or a cross's (in place)."""
    for w in words:
        if w.text in READ_AS_TICK:
            ink = _ink(clean, w)
            if ink is not None and is_tick(ink):
                w.text = TICK
        elif w.text in READ_AS_CROSS:
            ink = _ink(clean, w)
            if ink is not None and is_cross(ink):
                w.text = CROSS


_DIGIT_COMMA_DIGIT = re.compile(r"\d,\d")


def commas_between_digits(clean: Any, words: list[Word]) -> None:
    """A comma read between two digits (`4,2`) that does not hang below the digits'
    baseline is a point (`4.2`): Tesseract mixes the two up at scanning resolutions, and a
    comma's tail is what tells them apart (in place; a thousands comma keeps its tail)."""
    import cv2
    import numpy as np

    for w in words:
        if not _DIGIT_COMMA_DIGIT.search(w.text):
            continue
        patch = (clean[w.top : w.bottom + 1, w.left : w.right + 1] < 128).astype(np.uint8)
        count, _l, stats, _c = cv2.connectedComponentsWithStats(patch, connectivity=8)
        if count < 3:
            continue
        parts = sorted((stats[i] for i in range(1, count)), key=lambda s: int(s[0]))
        areas = sorted(int(s[4]) for s in parts)
        big = areas[len(areas) // 2]
        glyphs = [s for s in parts if s[4] >= 0.3 * big]
        marks = [s for s in parts if s[4] < 0.3 * big]
        if not glyphs or not marks:
            continue
        base = float(np.median([s[1] + s[3] for s in glyphs]))
        height = float(np.median([s[3] for s in glyphs]))
        text = list(w.text)
        for i in [m.start() + 1 for m in _DIGIT_COMMA_DIGIT.finditer(w.text)]:
            # the mark nearest where the text puts the comma
            x = w.left + (i + 0.5) * (w.right - w.left) / len(text) - w.left
            beside = [s for s in marks if s[1] < base]  # not a stroke wholly below the digits
            if not beside:
                continue
            mark = min(beside, key=lambda s: abs(s[0] + s[2] / 2 - x))
            if mark[1] + mark[3] <= base + HANG * height:
                text[i] = "."
        w.text = "".join(text)


def one_glyph_read_twice(clean: Any, words: list[Word]) -> None:
    """A word read as a capital and its own small letter (`Cc`, `Oo`, `Ss`: letters whose
    small form is the capital's shape, smaller) whose ink reaches capital height across its
    whole width is that capital alone (in place): Tesseract reads a lone capital in a cell
    as both, and a small letter beside a capital leaves the top of its half empty."""
    import numpy as np

    for w in words:
        t = w.text
        if len(t) != 2 or not t[0].isupper() or t[1] != t[0].lower():
            continue
        ink = _ink(clean, w)
        if ink is None:
            continue
        top = ink[: max(int(TOP_BAND * ink.shape[0]), 1)]
        cols = np.nonzero(top.any(axis=0))[0]
        if len(cols) and cols.max() - cols.min() + 1 >= ONE_GLYPH * ink.shape[1]:
            w.text = t[0]
