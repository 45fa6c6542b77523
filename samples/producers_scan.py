"""Scans and sandwich PDFs for the producer matrix: a paper printed, scanned, maybe OCR'd.

A scan is the LibreOffice PDF of the sample rasterised by `pdftoppm` (grey or colour, at a
scanner's resolution), turned a little and speckled by ImageMagick, then wrapped page by page
by `img2pdf`: image-only pages, as a photocopier's "scan to PDF" writes them. The skew angle
and the noise are drawn from the source file's hash, not picked by hand, so every paper gets
its own and a rerun gets the same. A sandwich is that scan through `tesseract … pdf`: the page
image with Tesseract's words as invisible text (render mode 3) and no ruling lines.

    python samples/producers_scan.py samples/tracker-2021/northshire-tracker-2021-07.docx
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import producers  # noqa: E402  (the registry, beside this file)
from producers import Producer, register, run, soffice_convert  # noqa: E402


@dataclass(frozen=True)
class ScanSpec:
    """How one scanner writes a page: resolution, colour, how far the page may turn."""

    dpi: int
    gray: bool
    max_skew: float  # degrees, either way
    noise: float  # ImageMagick `-attenuate` of Gaussian noise (0: none)


SCANS: dict[str, ScanSpec] = {
    "scan-200-grey": ScanSpec(dpi=200, gray=True, max_skew=1.0, noise=0.4),
    "scan-300-colour": ScanSpec(dpi=300, gray=False, max_skew=0.6, noise=0.25),
}
SANDWICH_OF = "scan-200-grey"  # the scan Tesseract's PDF output wraps


def skew_and_seed(source: Path, spec: ScanSpec) -> tuple[float, int]:
    """The page's turn (degrees) and the noise seed, from the source's bytes."""
    digest = hashlib.sha256(source.read_bytes()).digest()
    unit = int.from_bytes(digest[:4], "big") / 0xFFFFFFFF  # 0..1
    return round((2 * unit - 1) * spec.max_skew, 2), int.from_bytes(digest[4:6], "big")


def scan_pages(source: Path, spec: ScanSpec, work: Path) -> list[Path]:
    """The sample's pages as scanned images (PNG, with their resolution recorded)."""
    pdf = soffice_convert(source, "pdf", work)
    args = ["pdftoppm", "-r", str(spec.dpi), "-png"] + (["-gray"] if spec.gray else [])
    run([*args, str(pdf), str(work / "page")])
    skew, seed = skew_and_seed(source, spec)
    out = []
    for i, png in enumerate(sorted(work.glob("page*.png"))):
        page = work / f"scan-{i:03d}.png"
        cmd = ["convert", str(png), "-background", "white", "-rotate", str(skew)]
        if spec.noise:
            cmd += ["-seed", str(seed + i), "-attenuate", str(spec.noise), "+noise", "Gaussian"]
        if spec.gray:
            cmd += ["-colorspace", "Gray"]
        cmd += ["-units", "PixelsPerInch", "-density", str(spec.dpi), str(page)]
        run(cmd)
        out.append(page)
    return out


def _scan(spec: ScanSpec) -> Callable[[Path, Path], None]:
    def make(source: Path, out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="scan-") as tmp:
            pages = scan_pages(source, spec, Path(tmp))
            run(["img2pdf", *map(str, pages), "-o", str(out)])

    return make


def _sandwich(source: Path, out: Path) -> None:
    """The scan through Tesseract's PDF renderer, page by page, joined by qpdf."""
    spec = SCANS[SANDWICH_OF]
    with tempfile.TemporaryDirectory(prefix="sandwich-") as tmp:
        work = Path(tmp)
        parts = []
        for page in scan_pages(source, spec, work):
            base = page.with_suffix("")
            run(["tesseract", str(page), str(base), "-l", "eng", "pdf"])
            parts.append(str(base) + ".pdf")
        if len(parts) == 1:
            shutil.copy(parts[0], out)
        else:
            run(["qpdf", "--empty", "--pages", *parts, "--", str(out)])


for _name, _spec in SCANS.items():
    register(
        Producer(
            _name,
            ".pdf",
            ("soffice", "pdftoppm", "convert", "img2pdf"),
            _scan(_spec),
            kind="scan",
            description=f"scan at {_spec.dpi} dpi, {'grey' if _spec.gray else 'colour'}, "
            f"turned up to {_spec.max_skew}°, with noise",
        )
    )
register(
    Producer(
        "sandwich",
        ".pdf",
        ("soffice", "pdftoppm", "convert", "img2pdf", "tesseract", "qpdf"),
        _sandwich,
        kind="scan",
        description=f"the {SANDWICH_OF} scan with Tesseract's invisible text layer",
    )
)

if __name__ == "__main__":
    sys.exit(producers.main(sys.argv[1:] + ["--only", "scan-200-grey", "--only", "sandwich"]))
