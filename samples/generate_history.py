"""Series of tracker papers of invented panels over many years, with the truth of every history.

Run:  python samples/generate_history.py OUT_DIR [--seeds 1,2,3] [--no-pdf]

Each seed is one panel (its own invented organisation, audits, people and dates) publishing a
tracker every four to eight months for years, drawn by samples/history_draw.py. Its layout mix
follows the seed (`mix_of`): the 2022–25 tables, the 2016–20 blocks, the 2021 tables, or a
panel that changes layout within the series (blocks, then the 2021 tables, then the 2022
tables, where references are counted again and the priority words change); seeds from 1000
print one of the layout zoo's forms (samples/generate_zoo.py) for the whole series. Each paper is
printed by its layout's sample generator (samples/history_render_*.py), written in one format
drawn by the seed (.txt, .docx, or .pdf converted from the .docx in one batched LibreOffice
call), and some papers twice (the Word original and a PDF or text conversion: twins).

What varies, all drawn from the seed (none of it hand-picked):
- references renumbered from one paper on (`4.2` becomes `2.`, counted again among the
  recommendations still listed), or printed without a reference;
- audit titles printed with their report date (`FLEET MANAGEMENT – Sept 2018`), an opinion in
  brackets, a report number, a note `[Revisit audit]`, an abbreviation (`MGMT`), or `&`;
- re-audits: the same area audited again later, its references restarting at 1 with new
  recommendations; generic recommendation titles (`Policy Review`) shared across audits;
- a recommendation title reworded while its reference is kept; a recommendation missing from
  one paper and back in the next (skipped);
- targets revised (struck, then `Revised Target Date`), restated at a coarser precision in the
  same month (`1st July 2024`, later `July 2024`: no revision);
- closures (proposed closed, then absent), refused closures (proposed closed, then listed
  again), vanishings (absent without a proposal).

The truth (`OUT_DIR/<series>/truth.json`): each paper (stem, files, date, index) and each
recommendation (its key, its snapshots by paper index with the reference and title printed
there, its original and latest target, revisions, slippage, closure paper and whether it
vanished, and whether it belongs to a re-audit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import history_render_2013  # noqa: E402
import history_render_2020  # noqa: E402
import history_render_2021  # noqa: E402
import history_render_2022  # noqa: E402
import history_render_zoo  # noqa: E402
from history_draw import (  # noqa: E402
    HRec,
    Series,
    draw_series,
    last_day,
    listed_in,
    printed_ref,
    printed_title,
    stated_targets,
)

RENDERERS: dict[str, ModuleType] = {
    "table": history_render_2022,
    "2021": history_render_2021,
    "block": history_render_2020,
    "zoo": history_render_zoo,
    "2013": history_render_2013,
}


def write_series(series: Series, out: Path, pdf: bool = True) -> dict:
    folder = out / series.name
    folder.mkdir(parents=True, exist_ok=True)
    to_pdf: list[Path] = []
    files: dict[int, list[str]] = {}
    for paper in series.papers:
        render = RENDERERS[paper.layout]
        gp, blocks = render.build(series, paper)
        wanted = [paper.fmt] + ([paper.twin] if paper.twin else [])
        if not pdf:
            wanted = [f if f != "pdf" else "txt" for f in wanted]
            wanted = list(dict.fromkeys(wanted))
        files[paper.index] = []
        for fmt in wanted:
            if fmt == "txt":
                render.write_txt(gp, blocks, folder / f"{paper.stem}.txt")
            else:
                render.write_docx(gp, blocks, folder / f"{paper.stem}.docx")
                if fmt == "pdf":
                    to_pdf.append(folder / f"{paper.stem}.docx")
            files[paper.index].append(f"{paper.stem}.{fmt}")
    if to_pdf:
        _batch_pdf(to_pdf)
        for docx in to_pdf:  # a paper whose only format is PDF keeps no .docx
            if f"{docx.stem}.docx" not in {f for fs in files.values() for f in fs}:
                docx.unlink()
    truth = series_truth(series, files)
    (folder / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return truth


def _batch_pdf(docs: list[Path]) -> None:
    """One LibreOffice call for every .docx (its own profile: calls may run in parallel)."""
    with tempfile.TemporaryDirectory(prefix="lo-history-") as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(docs[0].parent),
                *map(str, docs),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )


def _printed(series: Series, rec: HRec, pi: int) -> list[str]:
    """The target dates a paper prints for `rec`, as dates: the trackers print the whole
    chain, each at its own precision; the zoo's forms the first and the current target, all
    at the series' one precision."""
    chain = stated_targets(rec, pi)
    if series.mix != "zoo":
        return [(d if how == "day" else last_day(d)).isoformat() for d, how in chain]
    shown = [chain[0]] + chain[-1:] if len(chain) > 1 else chain
    month = history_render_zoo.month_precision(series)
    return [(last_day(d) if month else d).isoformat() for d, _how in shown]


def series_truth(series: Series, files: dict[int, list[str]]) -> dict:
    papers = series.papers
    zoo = series.mix == "zoo"
    month_only = zoo and history_render_zoo.month_precision(series)
    recs = []
    for rec in series.recs:
        pis = sorted(rec.present)
        listed_by = {}
        for pi in pis:
            listed = listed_in(series, pi)
            listed_by[pi] = {
                "ref": history_render_zoo.zoo_ref(series, rec, papers[pi], listed)
                if series.mix == "zoo"
                else printed_ref(rec, papers[pi], listed),
                "title": printed_title(rec, pi, papers[pi].layout),
                "state": rec.present[pi],
                "targets": _printed(series, rec, pi),
            }
        moves = [rec.targets[0]]
        for t in rec.targets[1:]:
            if (t[1].year, t[1].month) > (moves[-1][1].year, moves[-1][1].month):
                moves.append(t)
        if zoo:  # what the papers print: the first and the current target, one precision
            moves = []
            for pi in pis:
                for d in map(dt.date.fromisoformat, listed_by[pi]["targets"]):
                    if not moves or (d.year, d.month) > (moves[-1][1].year, moves[-1][1].month):
                        moves.append((pi, d, "month" if month_only else "day"))
        last = pis[-1]
        closed_by = vanished = None
        if rec.present[last] == "Proposed Closed" and zoo:  # closed in the paper saying so
            closed_by = last_day(papers[last].date).isoformat()
        elif rec.present[last] == "Proposed Closed" and last + 1 < len(papers):
            closed_by = last_day(papers[last + 1].date).isoformat()
        elif last + 1 < len(papers):
            vanished = last_day(papers[last + 1].date).isoformat()
        recs.append(
            {
                "key": rec.key,
                "audit": rec.audit.area,
                "reaudit": rec.audit.reaudit,
                "audit_month": f"{rec.audit.report:%Y-%m}",
                "snapshots": {str(pi): v for pi, v in listed_by.items()},
                "original_target": (
                    last_day(moves[0][1]) if month_only else moves[0][1]
                ).isoformat(),
                "latest_target": moves[-1][1].isoformat()
                if moves[-1][2] == "day"
                else last_day(moves[-1][1]).isoformat(),
                "revisions": len(moves) - 1,
                "closed_by": closed_by,
                "vanished_from": vanished,
            }
        )
    for r in recs:
        r["slippage_days"] = (
            dt.date.fromisoformat(r["latest_target"]) - dt.date.fromisoformat(r["original_target"])
        ).days
    return {
        "series": series.name,
        "organisation": series.organisation,
        "mix": series.mix,
        "papers": [
            {
                "index": p.index,
                "stem": p.stem,
                "date": last_day(p.date).isoformat(),
                "layout": p.layout,
                "files": files[p.index],
            }
            for p in papers
        ],
        "recommendations": recs,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--no-pdf", action="store_true", help="write text instead of PDF")
    args = ap.parse_args(argv)
    if shutil.which("soffice") is None and not args.no_pdf:
        ap.error("soffice (LibreOffice) is needed for PDFs; use --no-pdf")
    for seed in (int(s) for s in args.seeds.split(",")):
        truth = write_series(draw_series(seed), args.out, pdf=not args.no_pdf)
        print(
            f"wrote {truth['series']} ({truth['mix']}): {len(truth['papers'])} papers, "
            f"{len(truth['recommendations'])} recommendations"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
