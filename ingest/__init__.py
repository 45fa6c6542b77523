"""Readers: a file in, one :class:`~ingest.document.Document` out, picked by extension."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from jarap.ingest.document import Document
from jarap.ingest.office_convert import OFFICE_FORMATS

Reader = Callable[[Path], Document]


def _pdf(path: Path, pdf_backend: str | None = None) -> Document:
    from jarap.ingest.pdf_reader import read_pdf

    return read_pdf(path, backend=pdf_backend)


def _docx(path: Path) -> Document:
    from jarap.ingest.docx_reader import read_docx

    return read_docx(path)


def _text(path: Path) -> Document:
    from jarap.ingest.text_reader import read_text

    return read_text(path)


def _office(path: Path) -> Document:
    from jarap.ingest.office_convert import read_office

    return read_office(path)


READERS: dict[str, Reader] = {
    ".pdf": _pdf,
    ".docx": _docx,
    ".txt": _text,
    ".md": _text,
    ".html": _text,
    ".htm": _text,
    **dict.fromkeys(OFFICE_FORMATS, _office),
}


class UnsupportedFile(ValueError):
    """A file no reader takes (by its extension)."""


# Documents a panel's folder holds that no reader takes: a folder walk hands each on, so it
# fails with what it is and what to do instead of vanishing into a count. (An extension here
# with a reader above is read: a reader added later wins. `.key` and `.pub` are left out:
# as often key files as Keynote or Publisher documents.)
_SAVE_AS = "save it as PDF or .docx to read it"
NOT_READ: dict[str, str] = {
    **dict.fromkeys(
        (".xls", ".xlsx", ".xlsm", ".xlsb", ".xltx"), f"an Excel spreadsheet: {_SAVE_AS}"
    ),
    ".ods": f"an OpenDocument spreadsheet: {_SAVE_AS}",
    ".numbers": "an Apple Numbers spreadsheet: export it from Numbers as PDF",
    **dict.fromkeys(
        (".ppt", ".pptx", ".pptm", ".pps", ".ppsx"), f"a PowerPoint presentation: {_SAVE_AS}"
    ),
    ".odp": f"an OpenDocument presentation: {_SAVE_AS}",
    ".pages": "an Apple Pages document: export it from Pages as .docx or PDF",
    **dict.fromkeys((".xps", ".oxps"), "an XPS document: print it to PDF to read it"),
    ".msg": "an Outlook message: save its attached papers beside it to read them",
}


def not_read_reason(path: Path) -> str | None:
    """Why a document of a kind no reader takes is not read (None for any other file)."""
    suffix = path.suffix.lower()
    if suffix in READERS or suffix not in NOT_READ:
        return None
    return f"{path.name}: not read, {NOT_READ[suffix]}"


def walked_extensions() -> set[str]:
    """The extensions a folder walk hands on: read ones, and documents that fail by name."""
    return set(READERS) | set(NOT_READ)


def read_document(path: Path, pdf_backend: str | None = None) -> Document:
    """Read one file with the reader for its extension.

    ``pdf_backend`` picks the PDF library ("pdfium" or "pdfplumber"); None means
    ``$JARAP_PDF_BACKEND``, else the default (pdfium), so worker processes inherit a choice
    made once on the command line.
    """
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        why = not_read_reason(path)
        raise UnsupportedFile(why or f"{path.name}: no reader for '{path.suffix}' files")
    if not path.is_file():
        raise ValueError(f"{path}: not a file")
    doc = _pdf(path, pdf_backend) if reader is _pdf else reader(path)
    return doc.assign_locators()


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every readable paper under the given files and folders, recursively, in sorted order.

    Files named explicitly are yielded even with an unknown extension, so the user is told
    why they were skipped; files found in folders are filtered by extension: papers, and the
    office documents no reader takes (`NOT_READ`), which then fail with their reason. The
    rest are counted and listed by `jarap.output.skipped_in`.
    """
    wanted = walked_extensions()
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in wanted and not p.name.startswith((".", "~$"))
            )
        else:
            found = [path]
        for p in found:
            key = p.resolve()
            if key not in seen:
                seen.add(key)
                yield p


class NotARegularFile(OSError):
    """A FIFO, device or socket: reading one may never end, so it is refused unread."""


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a directory",
}


def check_regular_file(path: Path) -> None:
    """Raise `NotARegularFile` unless `path` is a regular file (symlinks followed).

    `os.stat` never opens the file, so this cannot block the way reading `/dev/zero` or
    a FIFO with no writer does; it must run before hashing or reading.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
        raise NotARegularFile(f"{path}: not a regular file ({kind}), not read")


def file_sha256(path: Path) -> str:
    """SHA-256 of a regular file's bytes; refuses FIFOs and devices before opening them."""
    check_regular_file(path)
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def fs_text(text: str) -> str:
    """Text that came from the file system (a file name, a path, a message naming one) as
    storable Unicode: bytes that were not UTF-8, which Python keeps as lone surrogates that
    no database or JSON encoder accepts, become their escaped form `\\xNN`."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
