"""Word 97 `.doc`, `.rtf`, OpenDocument and the other word-processor formats, read by
converting them to `.docx` with LibreOffice and reading that (as unstructured's
`partition_doc` does): one reader of Word tables, shading and strike-through, not four.

A council's older papers are mostly `.doc`; nothing in Python reads its binary tables
with their formatting, and LibreOffice's filters are the well-kept way. Each conversion runs
`soffice --headless --convert-to docx` with a private user profile (parallel calls sharing
one fail or block), a time limit below the worker's (a hung LibreOffice is killed with its
whole process group, never left behind), in a temporary folder removed afterwards. The
source is copied in under a plain name, so a file name with odd bytes or a leading dash
never reaches the command line. The `Document` says what converted it (`converted_by`).
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from jarap.ingest.document import Document

# Word-processor formats LibreOffice converts to .docx (read by the .docx reader). `.docm`
# and the templates are zip packages python-docx refuses by content type, so they go
# through LibreOffice as well.
OFFICE_FORMATS: dict[str, str] = {
    ".doc": "Word 97-2003",
    ".dot": "Word 97-2003 template",
    ".rtf": "Rich Text Format",
    ".odt": "OpenDocument text",
    ".ott": "OpenDocument text template",
    ".fodt": "flat OpenDocument text",
    ".wpd": "WordPerfect",
    ".docm": "Word macro-enabled",
    ".dotx": "Word template",
    ".dotm": "Word macro-enabled template",
    ".wps": "Microsoft Works",
}

# seconds one conversion may take, unless $JARAP_SOFFICE_TIMEOUT says otherwise (`jarap
# ingest` sets it below its own --timeout): a hung LibreOffice is killed here, with its
# process group, rather than orphaned when the worker is killed at its limit
CONVERT_TIMEOUT = 90.0
TIMEOUT_ENV = "JARAP_SOFFICE_TIMEOUT"
INSTALL_HINT = "install LibreOffice Writer (apt-get install libreoffice-writer)"
SOFFICE_NAMES = ("soffice", "libreoffice")


class MissingConverter(RuntimeError):
    """LibreOffice is not installed: the file cannot be read (a failure, never a skip)."""


def soffice() -> str | None:
    """The LibreOffice command on PATH, if any."""
    return next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)


@functools.cache
def soffice_version(command: str) -> str:
    """`LibreOffice 7.4.7.2` (asked once per process; the bare name if it will not say)."""
    try:
        done = subprocess.run(
            [command, "--version"], capture_output=True, timeout=30, check=False, text=True
        )
    except (OSError, subprocess.TimeoutExpired):
        return "LibreOffice"
    words = done.stdout.split()
    return " ".join(words[:2]) if len(words) >= 2 else "LibreOffice"


def convert_timeout() -> float:
    """The time limit of one conversion (read at each call: workers inherit the variable)."""
    try:
        return float(os.environ.get(TIMEOUT_ENV, CONVERT_TIMEOUT))
    except ValueError:
        return CONVERT_TIMEOUT


def _run_killable(cmd: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    """Run `cmd` in its own process group; on timeout kill the whole group (soffice is a
    script that starts oosplash, which starts soffice.bin: killing only the first leaves
    the others running)."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def convert_to_docx(path: Path, work: Path, command: str) -> Path:
    """`path` converted to a .docx inside `work` (a folder the caller removes)."""
    suffix = path.suffix.lower()
    source = work / f"paper{suffix}"
    shutil.copyfile(path, source)
    out = work / "out"
    cmd = [
        command,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out),
        str(source),
    ]
    limit = convert_timeout()
    try:
        done = _run_killable(cmd, limit)
    except subprocess.TimeoutExpired as exc:
        raise ValueError(f"{path.name}: LibreOffice did not convert it within {limit:g} s") from exc
    written = out / "paper.docx"
    if done.returncode != 0 or not written.is_file():
        said = _complaint(done.stderr or b"")
        kind = OFFICE_FORMATS.get(suffix, suffix)
        raise ValueError(
            f"{path.name}: LibreOffice could not convert this {kind} file"
            + (f" ({said})" if said else " (damaged or not that format?)")
        )
    return written


def _complaint(stderr: bytes) -> str:
    """What LibreOffice said went wrong, without its start-up warnings (`javaldx`)."""
    lines = stderr.decode(errors="replace").splitlines()
    kept = [line.strip() for line in lines if line.strip() and not line.startswith("Warning:")]
    return " ".join(" ".join(kept).split())[-200:]


def read_office(path: Path) -> Document:
    """Read a word-processor file other than .docx through a LibreOffice conversion."""
    from jarap.ingest.docx_reader import read_docx

    command = soffice()
    if command is None:
        kind = OFFICE_FORMATS.get(path.suffix.lower(), path.suffix)
        raise MissingConverter(
            f"{path.name}: {kind} files are read through LibreOffice, which is not on PATH: "
            f"{INSTALL_HINT}"
        )
    with tempfile.TemporaryDirectory(prefix="jarap-office-") as tmp:
        docx = convert_to_docx(path, Path(tmp), command)
        try:
            doc = read_docx(docx)
        except ValueError as exc:  # it names the temporary copy: name the user's file
            said = str(exc).removeprefix(f"{docx.name}: ")
            raise ValueError(f"{path.name}: after conversion by LibreOffice, {said}") from exc
    doc.path = path
    doc.converted_by = (
        f"{soffice_version(command)} ({path.suffix.lower()} to .docx, soffice --convert-to)"
    )
    return doc
