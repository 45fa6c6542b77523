"""Text producers of the matrix: the same paper as the text converters an archive's text
files come from write it.

`pdftotext -layout` (poppler) sets tables as whitespace columns, cells wrapped over several
lines, page footers and form feeds inside tables; plain `pdftotext` writes in reading order,
a cell's lines after another's; LibreOffice's "Text (encoded)" export writes a paragraph
per line and a cell per paragraph; pandoc's `plain` writes grid or simple tables and its
`markdown` pipe or grid tables. The PDFs are LibreOffice's own (`lo-pdf`, made once).

    python samples/producers_text.py samples/tracker-2021/*.docx --only pdftotext-layout
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import producers  # noqa: E402 - the registry beside this file
from producers import Producer, register, run, soffice_convert  # noqa: E402


def _pdftotext(*options: str) -> Callable[[Path, Path], None]:
    def make(source: Path, out: Path) -> None:
        pdf = producers.variant(source, "lo-pdf", out.parent.parent)
        run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), str(out)])

    make.__doc__ = f"pdftotext {' '.join(options)} of LibreOffice's PDF"
    return make


def _lo_txt(source: Path, out: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="lo-out-") as tmp:
        shutil.move(soffice_convert(source, "txt:Text (encoded):UTF8", Path(tmp)), out)


def _pandoc(to: str) -> Callable[[Path, Path], None]:
    def make(source: Path, out: Path) -> None:
        run(["pandoc", "-f", "docx", "-t", to, "-o", str(out), str(source)])

    make.__doc__ = f"pandoc -t {to}"
    return make


TEXT_PRODUCERS = (
    Producer(
        "pdftotext-layout",
        ".txt",
        ("soffice", "pdftotext"),
        _pdftotext("-layout"),
        kind="text",
        description="poppler pdftotext -layout of LibreOffice's PDF (whitespace columns)",
    ),
    Producer(
        "pdftotext-raw",
        ".txt",
        ("soffice", "pdftotext"),
        _pdftotext(),
        kind="text",
        description="poppler pdftotext of LibreOffice's PDF (reading order)",
    ),
    Producer(
        "lo-txt",
        ".txt",
        ("soffice",),
        _lo_txt,
        kind="text",
        description="LibreOffice, Text (encoded) UTF-8",
    ),
    Producer(
        "pandoc-plain",
        ".txt",
        ("pandoc",),
        _pandoc("plain"),
        kind="text",
        description="pandoc -t plain (grid and simple tables)",
    ),
    Producer(
        "pandoc-md",
        ".md",
        ("pandoc",),
        _pandoc("markdown"),
        kind="text",
        description="pandoc -t markdown (pipe and grid tables)",
    ),
)
for _producer in TEXT_PRODUCERS:
    register(_producer)


if __name__ == "__main__":
    sys.exit(producers.main())
