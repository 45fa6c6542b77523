"""The producer matrix: the same sample paper written by every program a real archive's files
come from.

A ten-year archive holds the same kind of tracker as a LibreOffice PDF, an AbiWord PDF, a PDF
"printed" through PostScript, a Word 97 `.doc`, an `.rtf`, an `.odt`, a page saved as HTML, a
scan and a scan with an OCR text layer. Each `Producer` turns a sample's `.docx` into one such
variant with the system tools this machine can install (Debian packages named in the README),
so a test can assert that every variant reads to the same records as the `.docx` itself.

Variants are generated, not committed (some are megabytes): `variant(docx, name)` writes one
into a cache folder keyed by the source's hash and the producer's name, so a test session makes
each once. Every tool call runs with a time limit, and LibreOffice with a private user profile
per call (parallel calls sharing one profile fail or block).

    python samples/producers.py samples/tracker-2021/northshire-tracker-2021-07.docx --out /tmp/m
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(
    os.environ.get("JARAP_PRODUCER_CACHE", Path(tempfile.gettempdir()) / "jarap-producers")
)
TIMEOUT = 300


@dataclass(frozen=True)
class Producer:
    """One program's way of writing a paper: what it makes, which tools it needs, how."""

    name: str
    suffix: str  # the variant's file extension, with its dot
    tools: tuple[str, ...]  # system commands it needs (all on PATH)
    make: Callable[[Path, Path], None]  # (source .docx, variant to write)
    kind: str = "born-digital"  # born-digital | office | html | scan
    description: str = ""
    # the producer's own code, when it is ours (an imitation of a program that cannot run
    # here): part of a variant's cache key, so a changed imitation makes its variants anew
    version: str = ""

    def missing_tools(self) -> list[str]:
        return [t for t in self.tools if shutil.which(t) is None]


def run(cmd: list[str], timeout: int = TIMEOUT, cwd: Path | None = None) -> None:
    """Run one tool, failing with its own words (stderr) when it fails."""
    done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False, cwd=cwd)
    if done.returncode != 0:
        said = done.stderr.decode(errors="replace")[-500:]
        raise RuntimeError(f"{cmd[0]} failed ({done.returncode}): {said}")


def soffice_convert(source: Path, target_format: str, out_dir: Path) -> Path:
    """`soffice --convert-to` with a private profile; returns the file it wrote."""
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target_format,
                "--outdir",
                str(out_dir),
                str(source),
            ]
        )
    ext = target_format.split(":", 1)[0]
    written = out_dir / f"{source.stem}.{ext}"
    if not written.is_file():
        raise RuntimeError(f"soffice wrote no {ext} for {source.name}")
    return written


def _lo(target_format: str) -> Callable[[Path, Path], None]:
    def make(source: Path, out: Path) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.move(soffice_convert(source, target_format, Path(tmp)), out)

    return make


# Producers register themselves here by name; the matrix is every producer whose tools exist.
PRODUCERS: dict[str, Producer] = {}


def register(producer: Producer) -> Producer:
    PRODUCERS[producer.name] = producer
    return producer


register(Producer("lo-pdf", ".pdf", ("soffice",), _lo("pdf"), description="LibreOffice PDF"))


# ---------------------------------------------------------------- PDFs from other engines


def _abiword_pdf(source: Path, out: Path) -> None:
    """AbiWord lays the .docx out itself: glyphs placed one by one, no space glyphs, a text
    matrix that carries the font size (``1 Tf`` under ``12 0 0 -12 … Tm``)."""
    with tempfile.TemporaryDirectory(prefix="abiword-") as home:
        env = {**os.environ, "HOME": home}
        done = subprocess.run(
            ["abiword", "--to=pdf", "-o", str(out), str(source)],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            env=env,
        )
    if done.returncode != 0 or not out.is_file():
        said = done.stderr.decode(errors="replace")[-500:]
        raise RuntimeError(f"abiword failed ({done.returncode}): {said}")


def _postscript_pdf(source: Path, out: Path) -> None:
    """The classic print path: LibreOffice's PDF to PostScript (``pdftops``) and back
    (``ps2pdf``); the fonts come back as Type 3 without a Unicode map."""
    pdf = variant(source, "lo-pdf", out.parent.parent)
    with tempfile.TemporaryDirectory() as tmp:
        ps = Path(tmp) / "paper.ps"
        run(["pdftops", str(pdf), str(ps)])
        run(["ps2pdf", str(ps), str(out)])


def _cairo_pdf(source: Path, out: Path) -> None:
    """LibreOffice's PDF redrawn by poppler through cairo (``pdftocairo -pdf``): the same
    page, new fonts (subsets with their own encodings) and paths drawn cairo's way."""
    run(["pdftocairo", "-pdf", str(variant(source, "lo-pdf", out.parent.parent)), str(out)])


def _chromium_pdf(source: Path, out: Path) -> None:
    """The paper saved as HTML by LibreOffice, printed to PDF by headless Chromium: a
    browser's layout of the same tables (CSS borders as filled rectangles, its own fonts)."""
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as profile:
        html = soffice_convert(source, "html", Path(tmp))
        # LibreOffice's HTML keeps no page orientation: printed on portrait paper, a wide
        # landscape table is cut off at the right edge. Whoever prints a wide table from a
        # browser picks landscape, as this rule does.
        text = html.read_text(encoding="utf-8", errors="replace")
        html.write_text(
            text.replace("</head>", f"<style>{LANDSCAPE}</style></head>", 1), encoding="utf-8"
        )
        run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--no-pdf-header-footer",
                f"--print-to-pdf={out}",
                html.as_uri(),
            ]
        )
    if not out.is_file():
        raise RuntimeError(f"chromium wrote no PDF for {source.name}")


CHROMIUM = "chromium"
LANDSCAPE = "@page { size: A4 landscape; margin: 1.5cm }"

register(
    Producer(
        "abiword-pdf",
        ".pdf",
        ("abiword",),
        _abiword_pdf,
        description="AbiWord's own layout of the .docx, as PDF",
    )
)
register(
    Producer(
        "ps-pdf",
        ".pdf",
        ("soffice", "pdftops", "ps2pdf"),
        _postscript_pdf,
        kind="unreadable",
        description="LibreOffice PDF printed through PostScript (pdftops, ps2pdf)",
    )
)
register(
    Producer(
        "cairo-pdf",
        ".pdf",
        ("soffice", "pdftocairo"),
        _cairo_pdf,
        description="LibreOffice PDF redrawn by pdftocairo -pdf",
    )
)
register(
    Producer(
        "chromium-pdf",
        ".pdf",
        ("soffice", CHROMIUM),
        _chromium_pdf,
        description="LibreOffice HTML printed to PDF by headless Chromium",
    )
)


def variant(docx: Path, name: str, cache: Path = CACHE) -> Path:
    """The variant of `docx` that producer `name` writes, made once and cached by content."""
    producer = PRODUCERS[name]
    digest = hashlib.sha256(docx.read_bytes() + producer.version.encode()).hexdigest()[:16]
    out = cache / name / f"{docx.stem}-{digest}{producer.suffix}"
    if out.is_file():
        return out
    missing = producer.missing_tools()
    if missing:
        raise RuntimeError(f"producer {name} needs {', '.join(missing)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".part")
    producer.make(docx, partial)
    partial.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("docx", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=CACHE)
    parser.add_argument("--only", action="append", help="producer name (repeatable)")
    args = parser.parse_args(argv)
    names = args.only or sorted(PRODUCERS)
    for docx in args.docx:
        for name in names:
            try:
                print(variant(docx, name, args.out))
            except (RuntimeError, subprocess.TimeoutExpired) as exc:
                print(f"{docx.name} {name}: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
