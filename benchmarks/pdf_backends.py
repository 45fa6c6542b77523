"""Speed of the two PDF backends against the pdfplumber floor, paired in one run.

The floor is what any pdfplumber-based reader pays at least: open each page once, words
and tables, close it. Against it, on the same pages and in the same run (measures
interleaved, best of ``--repeat``):

- our read (``read_pdf``: chars, decorations, grids, paragraphs, rows over pages) with
  each backend, in this process;
- whole-process ``jarap ingest`` of the set with each backend: a fresh subprocess and a
  fresh database each time, so interpreter start, imports, the spaCy pipeline build,
  parsing, loading and linking are all paid, on one job;
- the fixed cost of a process (``jarap ingest`` of one small PDF), which dominates
  small inputs: it is printed so the page rates are read with it in mind.

The sample PDFs are repeated (each copy made unique by a trailing comment, so ingest does
not skip it by hash) until the set has ``--pages`` pages. Prints figures; asserts nothing.

    python benchmarks/pdf_backends.py [--pages 300] [--repeat 3] [PDF_OR_FOLDER ...]

``--baseline REV`` instead compares the read itself against the reading code of a commit
(``git archive`` of REV, imported in a fresh interpreter ahead of this tree's): CPU
seconds per page of ``read_pdf`` over the given PDFs for pdfium here, pdfium at REV and
pdfplumber here, each in its own process after a warm-up read of every file, interleaved
rounds, best of ``--repeat``; with ``--instructions`` it counts instructions per page under
``valgrind --tool=callgrind`` (the only figure this shared, loaded VM does not blur),
collected only inside the timed read, so start-up and warm-up are not counted.
``--no-reference`` leaves the pdfplumber row out (it is the slow one).

    python benchmarks/pdf_backends.py --baseline 9c4f4b6 [--instructions] samples/tracker-2021
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

from jarap.ingest import discover
from jarap.ingest.pdf_reader import BACKENDS, read_pdf

ROOT = Path(__file__).resolve().parent.parent
JARAP = Path(sys.executable).with_name("jarap")


def page_count(path: Path) -> int:
    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def build_set(sources: list[Path], pages: int, folder: Path) -> list[Path]:
    """Copies of the sources, round after round, until the set has ``pages`` pages."""
    out: list[Path] = []
    total = copy = 0
    while total < pages or not out:
        copy += 1
        for src in sources:
            dst = folder / f"{src.stem}-copy{copy:03}.pdf"
            dst.write_bytes(src.read_bytes() + f"\n% benchmark copy {copy}\n".encode())
            out.append(dst)
            total += page_count(dst)
    return out


def floor(files: list[Path]) -> None:
    """pdfplumber alone: each page once, words + tables, closed."""
    for path in files:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_words()
                page.find_tables()
                page.close()


def read_all(backend: str) -> Callable[[list[Path]], None]:
    def run(files: list[Path]) -> None:
        for path in files:
            read_pdf(path, backend)

    return run


def ingest(backend: str, folder: Path, tmp: Path) -> Callable[[list[Path]], None]:
    """``jarap ingest`` of the folder in a new process, into a new database."""

    def run(files: list[Path]) -> None:
        db = tmp / f"bench-{backend}.db"
        db.unlink(missing_ok=True)
        env = {**os.environ, "JARAP_PDF_BACKEND": backend}
        done = subprocess.run(
            [str(JARAP), "ingest", str(folder), "--db", str(db), "-q"],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp,
        )
        if done.returncode != 0:
            sys.exit(f"jarap ingest with {backend} failed:\n{done.stdout}\n{done.stderr}")

    return run


# What a process pays before its first page: the interpreter with jarap's imports, and the
# owner rules (tokenizer rules and patterns, compiled once per process, on the first paper).
STARTUP = {
    "python + jarap imports": "import jarap.cli, jarap.convert, jarap.db.load",
    "owner rules build": "from jarap.extract.owners import find_owners; find_owners('Mr A Smith')",
}


def startup(code: str) -> Callable[[list[Path]], None]:
    def run(files: list[Path]) -> None:
        subprocess.run([sys.executable, "-c", code], check=True)

    return run


# Run in a child: read every PDF once (imports, lazy caches), then ``reads`` more times,
# printing the CPU seconds of those (the text-layer verdict's word memo emptied before each,
# so no read is flattered by words the warm-up judged).
_READER = """
import operator, sys, time
from pathlib import Path
from jarap.ingest.pdf_reader import read_pdf
backend, reads, files = sys.argv[1], int(sys.argv[2]), [Path(f) for f in sys.argv[3:]]
for f in files:
    read_pdf(f, backend)
import jarap.ingest.text_layer as layer
memo = getattr(layer, "token_kind", None)
spent = 0.0
for _ in range(reads):
    if memo is not None:  # no word judged in the warm-up counts as known
        memo.cache_clear()
    started = time.process_time()
    operator.call(lambda: [read_pdf(f, backend) for f in files])  # (what callgrind counts)
    spent += time.process_time() - started
print(spent)
"""


def tree_at(rev: str, folder: Path) -> Path:
    """An importable ``jarap`` package of the repository at ``rev`` (the source folders laid
    out as the installed package maps them), for PYTHONPATH."""
    src = folder / "src"
    src.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    pkg = folder / "pkg" / "jarap"
    shutil.copytree(src / "jarap", pkg)
    for name in ("ingest", "extract", "model", "db"):
        shutil.copytree(src / name, pkg / name)
    return pkg.parent


def read_cost(
    backend: str, files: list[Path], reads: int, path: Path | None, instructions: bool
) -> float:
    """CPU seconds (or instructions) of ``reads`` reads of the files in a fresh process."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    if path is not None:
        env["PYTHONPATH"] = str(path)
    # -P: the working directory not first on the path (run from the checkout, its `jarap/`
    # folder would shadow the baseline's package and both rows would read this tree)
    cmd = [sys.executable, "-P", "-c", _READER, backend, str(reads), *map(str, files)]
    if not instructions:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        return float(done.stdout.split()[-1])
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            # only the timed reads are counted (run inside operator.call, which nothing else
            # calls; not exec, which every import runs): no start-up, no warm-up
            "--collect-atstart=no",
            "--toggle-collect=_operator_call",
            *cmd,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    for line in done.stderr.splitlines():
        if "Collected" in line:
            return float(line.split()[-1])
    sys.exit(f"no instruction count from callgrind:\n{done.stderr[-2000:]}")


def against_baseline(
    rev: str, files: list[Path], repeat: int, instructions: bool, reference: bool = True
) -> None:
    """This tree's read per page, pdfium and pdfplumber, against pdfium at ``rev``."""
    pages = sum(page_count(p) for p in files)
    with tempfile.TemporaryDirectory() as tmp_name:
        base = tree_at(rev, Path(tmp_name))
        runs = {
            "pdfium, this tree": ("pdfium", None),
            f"pdfium at {rev}": ("pdfium", base),
        }
        if reference:
            runs["pdfplumber, this tree"] = ("pdfplumber", None)
        best: dict[str, float] = {}
        for _ in range(1 if instructions else repeat):
            for name, (backend, path) in runs.items():
                cost = read_cost(backend, files, 1, path, instructions)
                best[name] = min(best.get(name, cost), cost)
    unit = "M instructions" if instructions else "ms CPU"
    scale = 1e-6 if instructions else 1e3
    print(f"{len(files)} PDFs, {pages} pages; read_pdf per page ({unit}), one process each\n")
    ref = best[f"pdfium at {rev}"]
    for name, cost in best.items():
        print(f"{name:32} {cost / pages * scale:10.2f}   {cost / ref:6.3f}x baseline")


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="*", type=Path, default=[ROOT / "samples"])
    ap.add_argument("--pages", type=int, default=300, help="repeat the set to this many pages")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    ap.add_argument("--baseline", metavar="REV", help="compare the read with the code at REV")
    ap.add_argument(
        "--instructions", action="store_true", help="with --baseline: callgrind instructions"
    )
    ap.add_argument(
        "--no-reference", action="store_true", help="with --baseline: leave pdfplumber out"
    )
    args = ap.parse_args(argv)
    sources = [p for p in discover(args.paths) if p.suffix.lower() == ".pdf"]
    if not sources:
        sys.exit("no PDFs found")
    if args.baseline:
        against_baseline(
            args.baseline, sources, args.repeat, args.instructions, not args.no_reference
        )
        return
    backends = sorted(BACKENDS)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "set"
        folder.mkdir()
        files = build_set(sources, args.pages, folder)
        pages = sum(page_count(p) for p in files)
        small = tmp / "small"
        small.mkdir()
        smallest = min(sources, key=page_count)
        shutil.copy(smallest, small / smallest.name)
        measures: dict[str, tuple[Callable[[list[Path]], None], list[Path]]] = {
            "pdfplumber floor (words + tables)": (floor, files)
        }
        for b in backends:
            measures[f"read_pdf, {b}"] = (read_all(b), files)
        for b in backends:
            measures[f"jarap ingest, {b} (whole process)"] = (ingest(b, folder, tmp), files)
        for b in backends:
            measures[f"jarap ingest of 1 paper, {b}"] = (ingest(b, small, tmp), [smallest])
        for name, code in STARTUP.items():
            measures[name] = (startup(code), [])
        best: dict[str, float] = {}
        for _ in range(args.repeat):  # interleaved, so a busy machine hurts every measure
            for name, (run, which) in measures.items():
                started = time.perf_counter()
                run(which)
                elapsed = time.perf_counter() - started
                best[name] = min(best.get(name, elapsed), elapsed)
    base = pages / best["pdfplumber floor (words + tables)"]
    print(
        f"{len(files)} PDFs ({len(sources)} distinct, repeated), {pages} pages; "
        f"best of {args.repeat}, one process / one job each\n"
    )
    print(f"{'measure':44} {'seconds':>8} {'pages/s':>8} {'x floor':>8}")
    for name, (_, which) in measures.items():
        if not which:
            print(f"{name:44} {best[name]:8.2f}")
            continue
        n = pages if which is files else page_count(smallest)
        rate = n / best[name]
        print(f"{name:44} {best[name]:8.2f} {rate:8.1f} {rate / base:8.2f}")
    fixed = {b: best[f"jarap ingest of 1 paper, {b}"] for b in backends}
    print(
        "\nfixed cost of a process (interpreter, imports, spaCy pipeline, schema, linker) "
        "is at most the 1-paper time: " + ", ".join(f"{b} {fixed[b]:.2f} s" for b in backends)
    )
    for b in backends:
        whole = best[f"jarap ingest, {b} (whole process)"]
        per_page = (whole - fixed[b]) / pages
        print(
            f"{b}: {fixed[b] / whole:.0%} of the {pages}-page ingest is that fixed cost; "
            f"without it {1 / per_page:.1f} pages/s ({1 / per_page / base:.2f}x floor)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
