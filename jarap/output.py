"""What the command line prints, made safe: one line per message, file names escaped,
secrets redacted, and the files a folder walk left out counted.

A file name is attacker-chosen text: a newline in it could print a fake `FAILED` line, an
escape sequence could repaint the terminal, and a name that is not UTF-8 (kept by Python as
surrogates) cannot be printed at all. Every name and message goes through `escape` first.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

# a printed message (a warning, a reason) is cut here: long enough to name what and where
LINE_MAX = 200

_URL_PASSWORD = re.compile(r"(\b[a-z][\w+.-]*://[^:/@\s]*:)[^@\s]+@", re.I)

# Unicode's Bidi_Control characters (UAX #9): the explicit embeddings, overrides and
# isolates (found by their bidi class) and the three marks. In a printed name they reorder
# what follows, so `gpj.exe` can show as `exe.jpg` and a line can seem to say another thing.
_EXPLICIT_BIDI = {"LRE", "RLE", "PDF", "LRO", "RLO", "LRI", "RLI", "FSI", "PDI"}
BIDI_CONTROLS = frozenset(
    {chr(c) for c in range(0x2000, 0x2070) if unicodedata.bidirectional(chr(c)) in _EXPLICIT_BIDI}
    | {"\u061c", "\u200e", "\u200f"}
)


def escape(text: object) -> str:
    """Control characters as `\\n`, `\\x1b` …, bidi controls and line separators as
    `\\u202e`; undecodable bytes of a file name as `\\xNN`."""
    out = []
    for ch in str(text):
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 0x20 or code == 0x7F or 0x80 <= code < 0xA0:
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{code:02x}"))
        elif 0xD800 <= code <= 0xDFFF or code in (0x2028, 0x2029) or ch in BIDI_CONTROLS:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def redact(text: str) -> str:
    """Any URL password in the text as `***`."""
    return _URL_PASSWORD.sub(r"\1***@", text)


def one_line(text: object, limit: int = LINE_MAX) -> str:
    """A message as one printable line of at most `limit` characters (whitespace runs and
    line breaks folded to one space, the rest escaped, the tail cut with an ellipsis)."""
    flat = " ".join(str(text).split())
    line = redact(escape(flat))
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line


def reason(message: str | None, path: Path) -> str:
    """A failure's reason without the file name the line already starts with."""
    text = message or "unknown error"
    for prefix in (str(path), path.name):
        if text.startswith(prefix + ": "):
            return text[len(prefix) + 2 :]
    return text


OTHER_EXTENSION = "other extension(s)"
NO_EXTENSION = "(none)"
# extensions named one by one in the summary line; the rest are counted together
SHOWN_EXTENSIONS = 6


def by_count(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most first, ties by name: the same order on every run."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True)
class SkippedFile:
    """One file a folder walk left out: where, its extension, and why."""

    path: Path
    extension: str
    why: str  # the summary's category, plural: "other extension(s)"

    @property
    def reason(self) -> str:
        """The category said of one file: "other extension"."""
        return self.why.replace("(s)", "")


@dataclass
class Skipped:
    """Files inside the folders given that were not read, by why, and each one named."""

    counts: Counter[str] = field(default_factory=Counter)
    files: list[SkippedFile] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def extensions(self) -> Counter[str]:
        """Files of other extensions, by extension (`(none)` for a name without one)."""
        return Counter(f.extension for f in self.files if f.why == OTHER_EXTENSION)

    def add(self, path: Path, why: str) -> None:
        self.counts[why] += 1
        self.files.append(SkippedFile(path, path.suffix.lower() or NO_EXTENSION, why))

    def summary(self) -> str:
        """`skipped 34 (34 other extension(s): 20 .json, 14 .py)`: one line."""
        if not self.total:
            return ""
        parts = []
        for why, n in sorted(self.counts.items()):
            part = f"{n} {why}"
            if why == OTHER_EXTENSION:
                by = by_count(self.extensions)
                shown = [f"{k} {escape(ext)}" for ext, k in by[:SHOWN_EXTENSIONS]]
                if len(by) > SHOWN_EXTENSIONS:
                    shown.append(f"{sum(k for _e, k in by[SHOWN_EXTENSIONS:])} more")
                part += ": " + ", ".join(shown)
            parts.append(part)
        return f"skipped {self.total} ({'; '.join(parts)})"

    def listing(self) -> list[str]:
        """One line per file left out, for `--verbose`."""
        return [f"skipped {escape(f.path)}: {f.reason}" for f in self.files]


def skipped_in(paths: Iterable[Path], extensions: Iterable[str]) -> Skipped:
    """Count what a folder walk leaves out, with the same rules as `ingest.discover`: other
    extensions, hidden and lock files (`.x`, `~$x`), entries that are not regular files
    (dangling links, FIFOs) and folders that cannot be listed."""
    wanted = {e.lower() for e in extensions}
    skipped = Skipped()
    for root in paths:
        if not root.is_dir():
            continue

        def unreadable(exc: OSError, root: Path = root) -> None:
            skipped.add(Path(exc.filename or root), "unreadable folder(s)")

        for folder, _dirs, files in os.walk(root, onerror=unreadable):
            for name in sorted(files):
                path = Path(folder, name)
                if not path.exists():
                    skipped.add(path, "dangling link(s)")
                elif not path.is_file():
                    skipped.add(path, "not regular file(s)")
                elif path.suffix.lower() not in wanted:
                    skipped.add(path, OTHER_EXTENSION)
                elif name.startswith((".", "~$")):
                    skipped.add(path, "hidden or lock file(s)")
    return skipped
