"""A page image's geometry: its skew, its ruling lines and its cell shading.

A scanned page draws no paths, so what the PDF reader takes from the drawing of a
born-digital page is found in the picture instead, in the same units (points, origin at the
top left) and the same shapes (:mod:`jarap.ingest.pdf_raw`): ruling lines become the grid
finder's edges and the strokes that strike or underline text, and each grid cell's
background colour becomes a fill. The project's own grid finder and layout code then read a
scan exactly as they read a born-digital page.

Ink is found by local contrast (a pixel darker than its neighbourhood), not by one global
threshold: text and rules inside a dark red cell are ink, the red itself is not. Rules are
long thin runs of ink (morphological opening with a long line-shaped kernel); text strokes
are too short to survive it.
"""

from __future__ import annotations

from typing import Any

import cv2
import numpy as np

from jarap.ingest.pdf_grid import find_grids
from jarap.ingest.pdf_raw import RULE_MAX, Box, Fill

Px = tuple[int, int, int, int]  # a box in whole pixels: x0, top, x1, bottom

RULE_MIN_PT = 14.0  # a run of ink shorter than this is a glyph's stroke, not a rule
# A run of ink at least half that long, in line with a rule's end and this close to it, is
# the rule's continuation: a speck of ink lost cut a struck date's first 13 pt from its
# strike at 200 dpi, too short alone to be a rule, and its digits lost the strike (`30t`
# plain, `h June 2019` struck). Bridging such breaks everywhere first made a "rule" through
# the crossbars of a bold capital heading (`TFIEMATICS`).
RULE_BREAK_PT = 1.2
MAX_SKEW = 3.0  # degrees a scanned page may be turned (more is a rotated page, not skew)
BLANK = 24  # a cell whose background differs from paper by less than this is unshaded
SHADE_STEP = 8  # colours of one paper closer than this (per channel) are the same fill
CELL_MARGIN_PT = 2.5  # the band inside a cell's border left out when its colour is sampled
PAPER = 200  # a flattened pixel lighter than this is paper
DARK_CELL = 160  # a background darker than this (a red cell in grey) is smoothed first


def gray_of(image: np.ndarray) -> np.ndarray:
    return image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)


def skew_angle(gray: np.ndarray) -> float:
    """The small turn (degrees, anticlockwise as shown: `rotate`'s argument) that makes the
    page's text lines and rules horizontal.

    Projection profiles: the sum of ink per row is sharpest (largest variance) when lines
    are level. Tried within ±3° in steps of 0.2° on a half-size copy, then within ±0.2° of
    the best in steps of 0.02° at full size; of near-equal scores the smallest turn wins,
    so a level page is left alone.
    """
    ink = (gray < 128).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    small = cv2.resize(ink, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    coarse = _best_turn(small, np.arange(-MAX_SKEW, MAX_SKEW + 0.1, 0.2))
    fine = np.arange(coarse - 0.2, coarse + 0.21, 0.02)
    return round(_best_turn(ink, fine), 2)


def _best_turn(ink: np.ndarray, angles: np.ndarray) -> float:
    h, w = ink.shape
    scores = []
    for angle in angles:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), float(angle), 1.0)
        turned = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR)
        scores.append(float(turned.sum(axis=1).var()))
    best = max(scores)
    near = [float(a) for a, sc in zip(angles, scores, strict=True) if sc >= 0.999 * best]
    return min(near, key=abs)


def rotate(image: np.ndarray, angle: float) -> np.ndarray:
    """The image turned by `angle` degrees about its centre, the corners filled with paper."""
    if not angle:
        return image
    h, w = image.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    border = 255 if image.ndim == 2 else (255, 255, 255)
    return cv2.warpAffine(
        image,
        m,
        (w, h),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=border,
    )


def ink_mask(gray: np.ndarray, px_per_pt: float) -> np.ndarray:
    """Ink (255) where a pixel is clearly darker than its surroundings."""
    block = int(6 * px_per_pt) | 1  # about half a line of text
    return cv2.adaptiveThreshold(
        gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, max(block, 15), 18
    )


def rule_masks(ink: np.ndarray, px_per_pt: float) -> tuple[np.ndarray, np.ndarray]:
    """Horizontal and vertical rules: ink that survives opening with a long thin line.

    Nothing is bridged first: closing the gaps between letters makes a line of text a
    "rule" along its baseline. A rule broken by noise comes back in pieces, which the grid
    finder joins (its join tolerance)."""
    length = max(int(RULE_MIN_PT * px_per_pt), 10)
    h = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1))
    )
    v = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length))
    )
    return h, v


def broken_ends(ink: np.ndarray, h: np.ndarray, px_per_pt: float) -> list[Box]:
    """Runs of ink (half a rule long or more, along one row) continuing a horizontal rule
    across breaks of at most ``RULE_BREAK_PT``, in points: strike-through and underline for
    the layout only. They are not erased before Tesseract reads the page: erasing an
    underline this much more fully cut the tails of its `g`s (`Reportina`, `Reaister`)."""
    length = max(int(RULE_MIN_PT * px_per_pt), 10)
    half = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length // 2, 1))
    )
    if not cv2.subtract(half, h).any():
        return []
    gap = max(round(RULE_BREAK_PT * px_per_pt), 2)
    joined = cv2.morphologyEx(
        half, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (gap + 1, 1))
    )
    _count, labels = cv2.connectedComponents(joined, connectivity=4)
    touching = np.unique(labels[h > 0])
    touching = touching[touching > 0]
    grown = np.isin(labels, touching) & (half > 0) & (h == 0)
    return _segments(np.where(grown, 255, 0).astype(np.uint8), True, 1.0 / px_per_pt)


def flattened(
    gray: np.ndarray,
    erase: list[Box],
    px_per_pt: float,
    through: list[Box] | None = None,
    fills: list[Fill] | None = None,
) -> np.ndarray:
    """The page as Tesseract should see it: the paper and every cell's shading brought to
    white (each pixel divided by its neighbourhood's background), the table rules erased.
    Inside a shaded cell the background is never taken lighter than the cell's own colour:
    next to a lighter cell the neighbourhood reaches across the rule, and the dark cell's
    edge would come out as a band of ink.
    Lines `through` text (underline, strike-through) are erased except where ink goes on
    both above and below the line: there a letter crosses it (a `y`'s tail), and cutting it
    reads `y` as `v`. (Keeping every column with ink above left the underline under each
    letter standing on it, and `Key`, `Housekeeping` read `Kev`, `Housekeenina`.)"""
    size = max(int(4 * px_per_pt), 3)
    background = cv2.dilate(gray, np.ones((size, size), np.uint8))
    background = cv2.medianBlur(background, min(2 * size + 1, 255))
    for x0, top, x1, bottom, colour in fills or []:
        if not colour:
            continue
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        level = int(0.299 * r + 0.587 * g + 0.114 * b) + BLANK // 2
        ya, yb = int(top * px_per_pt), int(bottom * px_per_pt) + 1
        xa, xb = int(x0 * px_per_pt), int(x1 * px_per_pt) + 1
        region = background[ya:yb, xa:xb]
        np.minimum(region, level, out=region)
    # a scanner's grain, divided by a dark cell's background, becomes specks Tesseract reads
    # as letters: smoothed there (only there: on paper it blurs small print, `D` reads `ie)`),
    # and what is near paper after dividing is paper
    gray = np.where(background < DARK_CELL, cv2.medianBlur(gray, 3), gray).astype(np.uint8)
    flat = cv2.divide(gray, background, scale=255)
    flat[flat > PAPER] = 255
    grow = 0.8  # pt either side of a rule's ink (its anti-aliased edge)
    h, w = flat.shape
    for x0, top, x1, bottom in erase:
        xa, xb = max(int((x0 - grow) * px_per_pt), 0), min(int((x1 + grow) * px_per_pt) + 1, w)
        ya, yb = max(int((top - grow) * px_per_pt), 0), min(int((bottom + grow) * px_per_pt) + 1, h)
        flat[ya:yb, xa:xb] = 255
    for x0, top, x1, bottom in through or []:
        xa, xb = max(int(x0 * px_per_pt), 0), min(int(x1 * px_per_pt) + 1, w)
        # the line's own rows only: a tail crossing it shows below them, if only just
        ya, yb = int(top * px_per_pt), int(np.ceil(bottom * px_per_pt))
        if ya < 2 or yb + 2 >= h or xb <= xa:
            continue
        above = (flat[ya - 2 : ya, xa:xb] < 128).any(axis=0)
        below = (flat[yb : yb + 2, xa:xb] < 128).any(axis=0)
        cols = np.nonzero(~(above & below))[0] + xa
        flat[ya:yb, cols] = 255
    return flat


def table_rules(
    h: list[Box], v: list[Box], edges: list[dict[str, Any]]
) -> tuple[list[Box], list[Box]]:
    """The rules that rule a table (every vertical one, and the horizontal ones on a grid's
    row lines), and the other horizontal ones (an underline or a strike-through)."""
    grids = find_grids(edges)
    ruling, other = list(v), []
    for box in h:
        y = (box[1] + box[3]) / 2
        if any(g.is_ruling(y, box[0], box[2]) for g in grids):
            ruling.append(box)
        else:
            other.append(box)
    return ruling, other


def _segments(mask: np.ndarray, horizontal: bool, pt_per_px: float) -> list[Box]:
    """Each thin connected run of a rule mask as a box in points (x0, top, x1, bottom)."""
    count, _labels, stats, _c = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[Box] = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i, :4])
        thick = (h if horizontal else w) * pt_per_px
        if thick > RULE_MAX * 1.5:  # a solid area, not a rule (a black box, a bar chart)
            continue
        out.append((x * pt_per_px, y * pt_per_px, (x + w) * pt_per_px, (y + h) * pt_per_px))
    return out


def edge(box: Box, orientation: str) -> dict[str, Any]:
    """A rule as a pdfplumber edge (zero-thickness, along the middle of the run)."""
    x0, top, x1, bottom = box
    if orientation == "h":
        y = (top + bottom) / 2
        x0, x1, top, bottom = x0, x1, y, y
    else:
        x = (x0 + x1) / 2
        x0 = x1 = x
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def rules(ink: np.ndarray, px_per_pt: float) -> tuple[list[Box], list[Box], list[Box]]:
    """Horizontal and vertical rules, and the broken ends of horizontal ones
    (:func:`broken_ends`), in points."""
    h, v = rule_masks(ink, px_per_pt)
    pt_per_px = 1.0 / px_per_pt
    ends = broken_ends(ink, h, px_per_pt)
    return _segments(h, True, pt_per_px), _segments(v, False, pt_per_px), ends


def pixel_box(bbox: tuple[float, ...], px_per_pt: float, inset: float) -> Px:
    """A box in points as whole pixels, ``inset`` points inside it (negative: outside)."""
    x0, top, x1, bottom = bbox[:4]
    return (
        int((x0 + inset) * px_per_pt),
        int((top + inset) * px_per_pt),
        int((x1 - inset) * px_per_pt),
        int((bottom - inset) * px_per_pt),
    )


def cell_fills(
    image: np.ndarray, ink: np.ndarray, edges: list[dict[str, Any]], px_per_pt: float
) -> list[Fill]:
    """One fill per cell of every grid whose background is not paper: the median colour of
    the cell's pixels away from any ink (a short cell is mostly text), as "RRGGBB"."""
    out: list[Fill] = []
    rgb = image if image.ndim == 3 else cv2.cvtColor(image, cv2.COLOR_GRAY2RGB)
    near_ink = cv2.dilate(ink, np.ones((5, 5), np.uint8)) > 0
    margin = CELL_MARGIN_PT
    for grid in find_grids(edges):
        for inner in [grid, *grid.nested]:
            for *_span, bbox in inner.cells:
                x0, top, x1, bottom = bbox
                xa, ya, xb, yb = pixel_box(bbox, px_per_pt, margin)
                if xb - xa < 3 or yb - ya < 3:
                    continue
                clear = ~near_ink[ya:yb, xa:xb]
                if int(clear.sum()) < 9:
                    continue
                colour = np.median(rgb[ya:yb, xa:xb][clear], axis=0)
                if float(255 - colour.min()) < BLANK:
                    continue
                out.append((x0, top, x1, bottom, _hex(colour)))
    return out


def _hex(colour: np.ndarray) -> str:
    return "".join(f"{int(round(float(c))):02X}" for c in colour)


def one_palette(fills: list[Fill]) -> dict[str, str]:
    """Colours of one paper mapped to one representative each: a scanned fill comes back a
    little different in every cell, but a paper's colour key (a legend row, a Risk cell)
    must give the same colour for the same fill. Near colours (within `SHADE_STEP` per
    channel of the first of their kind, most common first) share the mean of the group."""
    counts: dict[str, int] = {}
    for f in fills:
        if f[4]:
            counts[f[4]] = counts.get(f[4], 0) + 1
    groups: list[list[tuple[int, int, int]]] = []
    member: dict[str, int] = {}
    for hx in sorted(counts, key=lambda k: -counts[k]):
        rgb = (int(hx[0:2], 16), int(hx[2:4], 16), int(hx[4:6], 16))
        for gi, group in enumerate(groups):
            if max(abs(a - b) for a, b in zip(rgb, group[0], strict=True)) <= SHADE_STEP:
                group.extend([rgb] * counts[hx])
                member[hx] = gi
                break
        else:
            member[hx] = len(groups)
            groups.append([rgb] * counts[hx])
    means = [_hex(np.mean(np.array(g), axis=0)) for g in groups]
    return {hx: means[gi] for hx, gi in member.items()}


def stroke_width(ink: np.ndarray) -> float:
    """The usual thickness (px) of a patch's upright strokes: the mean length of its
    horizontal runs of ink no longer than twice their median (stems outnumber bars; a mean,
    not the median itself, because at 200 dpi stems are 2 or 3 px and a median jumps)."""
    if ink.size == 0:
        return 0.0
    on = (ink > 0).astype(np.int8)
    padded = np.pad(on, ((0, 0), (1, 1)))
    diff = np.diff(padded, axis=1)
    starts = np.nonzero(diff == 1)
    ends = np.nonzero(diff == -1)
    if len(starts[0]) < 4:
        return 0.0
    runs = ends[1] - starts[1]
    stems = runs[runs <= 2 * np.median(runs)]
    return float(stems.mean())
