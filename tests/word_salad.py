"""Papers of random words: the words every layout looks for (drawn from the sample papers,
so headings, priorities, statuses and dates are all there) in no order at all. No layout
may read records out of them, and a paper with nothing extracted must never be reported
as a success."""

from __future__ import annotations

import random
import re
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def vocabulary() -> list[str]:
    """Every word of every sample text paper, with its frequency (so cue words are common)."""
    words: list[str] = []
    for paper in sorted(SAMPLES.glob("*/*.txt")):
        words += re.findall(r"[A-Za-z][A-Za-z'-]*|\d+", paper.read_text(encoding="utf-8"))
    return words


def salad(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words = vocabulary()
    return [rng.choice(words) for _ in range(count)]


def salad_pdf(path: Path, count: int, seed: int, per_line: int = 12, lines: int = 64) -> Path:
    """A PDF of `count` random words in Helvetica, `lines` lines of `per_line` words a page,
    written object by object (no exporter needed)."""
    words = salad(count, seed)
    rows = [" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line)]
    pages = [rows[i : i + lines] for i in range(0, len(rows), lines)]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for page in pages:
        text = (
            b"BT /F1 8 Tf 11 TL 36 800 Td "
            + b"".join(
                b"(" + row.encode("latin-1").replace(b"(", b"").replace(b")", b"") + b") Tj T* "
                for row in page
            )
            + b"ET"
        )
        objects.append(b"<< /Length %d >>stream\n" % len(text) + text + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj " % i + body + b" endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def salad_text(path: Path, count: int, seed: int, per_line: int = 12) -> Path:
    words = salad(count, seed)
    rows = [" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line)]
    path.write_text("\n\n".join(rows) + "\n", encoding="utf-8")
    return path
