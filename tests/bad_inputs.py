"""Generators for the inputs that hurt a batch (issue 10), small on disk, made in tests.

Each is the smallest file that shows one failure mode: a PDF that makes the interpreter
loop, zips that lie about or honestly declare a huge expansion.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import docx


def _pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj " % i + body + b" endobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    head = b"<< /Type /XObject /Subtype /Form /BBox [0 0 9 9] " + extra
    return head + b"/Length %d >>stream\n" % len(content) + content + b"\nendstream"


_PAGE_TREE = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
]


def self_referencing_pdf() -> bytes:
    """A page whose content stream draws itself as a form XObject (~550 bytes): the
    issue's 521-byte PDF. pdfminer >= 20251230 refuses the circular reference."""
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /Contents 4 0 R "
        b"/Resources << /XObject << /X 4 0 R >> >> >>"
    )
    loop = _stream(b"/X Do /X Do", b"/Resources << /XObject << /X 4 0 R >> >> ")
    return _pdf([*_PAGE_TREE, page, loop])


def doubling_pdf(levels: int = 32) -> bytes:
    """Form XObjects each drawing the next one twice: 2**levels draws (~5 KB for 32 levels,
    hours of interpretation). No stream refers to itself, so a circular-reference check
    does not stop it: only a time limit does."""
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 9 9] /Contents 4 0 R "
        b"/Resources << /XObject << /A 5 0 R >> >> >>"
    )
    forms = []
    for i in range(levels):
        if i < levels - 1:
            res = b"/Resources << /XObject << /A %d 0 R >> >> " % (5 + i)
            forms.append(_stream(b"/A Do /A Do", res))
        else:
            forms.append(_stream(b"BT ET"))
    return _pdf([*_PAGE_TREE, page, *forms])


def _docx(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Internal audit recommendations tracker")
    d.save(str(path))
    return path


def lying_zip_docx(path: Path, inflated: int = 64 * 2**20, declared: int = 1000) -> Path:
    """A .docx with a member that declares `declared` bytes but inflates to `inflated`
    (64 MB of zeros, ~64 KB on disk): trusting the declared size is the bug."""
    _docx(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/image1.bin", b"\0" * inflated)
        info = archive.getinfo("word/media/image1.bin")
    data = bytearray(path.read_bytes())
    # local file header: uncompressed size at offset 22
    struct.pack_into("<I", data, info.header_offset + 22, declared)
    # central directory entry: uncompressed size at offset 24
    name = info.filename.encode()
    at = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    assert data[at + 46 : at + 46 + len(name)] == name
    struct.pack_into("<I", data, at + 24, declared)
    path.write_bytes(bytes(data))
    return path


def huge_xml_docx(path: Path, megabytes: int = 40) -> Path:
    """An honest .docx whose document.xml inflates to `megabytes` MB (~100 KB on disk):
    every declared size is true, the expansion itself is the attack."""
    _docx(path)
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    xml = parts["word/document.xml"].decode()
    para = "<w:p><w:r><w:t>Recommendation</w:t></w:r></w:p>"
    body = para * (megabytes * 2**20 // len(para))
    parts["word/document.xml"] = xml.replace("<w:body>", "<w:body>" + body, 1).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return path


def many_paragraphs_docx(path: Path, paragraphs: int = 1_000_000) -> Path:
    """An honest .docx of `paragraphs` one-letter paragraphs (~200 KB on disk, ~22 MB of
    XML with WordprocessingML as the default namespace: under the XML cap): cheap to
    read, but each paragraph becomes a block, a line of text and rows to store, so it is
    what comes after reading that grows."""
    _docx(path)
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    letters = "abcdefghijklmnopqrstuvwxyz"
    body = "".join(f"<p><r><t>{letters[i % 26]}</t></r></p>" for i in range(paragraphs))
    parts["word/document.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<document xmlns="{main}"><body>{body}</body></document>'
    ).encode()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, blob in parts.items():
            archive.writestr(name, blob)
    return path
