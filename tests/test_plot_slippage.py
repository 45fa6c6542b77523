"""`jarap slippage --plot`: one dumbbell per recommendation, first to latest target, as dates.

The data are read back from the figure itself (the scatter offsets, the tick labels, the
vertical lines), so the test checks what is drawn, not what was meant to be drawn."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from jarap.cli import cli
from jarap.db.engine import open_archive
from jarap.db.plot import (
    COLOURS,
    LABEL_LINES,
    LABEL_WIDTH,
    Mark,
    draw,
    paper_dates,
    slippage_marks,
)
from jarap.db.sql import run_query

matplotlib = pytest.importorskip("matplotlib")
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.dates import num2date  # noqa: E402

PAPERS = [
    SAMPLES / "tracker-2021" / f"northshire-tracker-2021-{m}.docx" for m in ("03", "07", "11")
]
TODAY = dt.date(2026, 1, 15)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("plot") / "archive.db")
    result = CliRunner().invoke(cli, ["ingest", *map(str, PAPERS), "--db", db])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def engine(db: str):  # type: ignore[no-untyped-def]
    engine = open_archive(db)
    yield engine
    engine.dispose()


def _drawn(fig) -> tuple[list[str], dict[str, list[dt.date]], dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    ax = fig.axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    dates, colours = {}, {}
    for coll in ax.collections:
        if coll.get_label() in ("first target", "latest target"):
            offsets = coll.get_offsets()
            rows = [int(y) for _, y in offsets]
            assert rows == list(range(len(labels)))  # one mark per row, in row order
            dates[coll.get_label()] = [num2date(x).date() for x, _ in offsets]
            edge = (
                coll.get_edgecolors()
                if coll.get_label() == "first target"
                else coll.get_facecolors()
            )
            colours[coll.get_label()] = [to_hex(c) for c in edge]
    return labels, dates, colours


def test_one_dumbbell_per_recommendation_with_its_dates(engine) -> None:  # type: ignore[no-untyped-def]
    marks = slippage_marks(engine)
    fig = draw(marks, paper_dates(engine), TODAY)
    labels, dates, colours = _drawn(fig)
    sql = (
        "SELECT COUNT(*) FROM v_slippage "
        "WHERE original_target IS NOT NULL AND latest_target IS NOT NULL"
    )
    (expected,) = run_query(engine, sql).rows[0]
    assert len(labels) == len(marks) == expected == len({m.recommendation_id for m in marks})
    # Custody Detainee Property 4.1: 31/3/21 first, moved three times to 31/1/22
    row = labels.index("CUSTODY DETAINEE PROPERTY 4.1: Reconciliation of Stored Property")
    assert dates["first target"][row] == dt.date(2021, 3, 31)
    assert dates["latest target"][row] == dt.date(2022, 1, 31)
    for i, m in enumerate(marks):
        assert (dates["first target"][i], dates["latest target"][i]) == (m.first, m.latest)
        assert colours["latest target"][i] == COLOURS.get(m.priority or "", "#34495e")
    for audit in {m.audit for m in marks}:  # grouped: each audit's rows are together
        rows = [i for i, m in enumerate(marks) if m.audit == audit]
        assert rows == list(range(rows[0], rows[-1] + 1)), audit


def test_today_and_each_paper_date_are_marked(engine) -> None:  # type: ignore[no-untyped-def]
    fig = draw(slippage_marks(engine), paper_dates(engine), TODAY)
    ax = fig.axes[0]
    vertical = {line.get_gid(): [] for line in ax.lines}
    for line in ax.lines:
        vertical[line.get_gid()].append(num2date(line.get_xdata()[0]).date())
    assert vertical["today"] == [TODAY]
    assert vertical["paper"] == [dt.date(2021, 3, 31), dt.date(2021, 7, 31), dt.date(2021, 11, 30)]


def test_two_recommendations_with_the_same_label_stay_two_rows() -> None:
    """Bars drawn by label merged these into one bar and shifted every value label after it."""
    same = dict(
        audit="FLEET MANAGEMENT", ref="4.2", title="Vehicle Defect Reporting", priority="high"
    )
    marks = [
        Mark("R1", first=dt.date(2018, 9, 30), latest=dt.date(2019, 3, 31), **same),
        Mark("R2", first=dt.date(2021, 11, 30), latest=dt.date(2022, 6, 30), **same),
    ]
    labels, dates, _ = _drawn(draw(marks, [], TODAY))
    assert labels == ["FLEET MANAGEMENT 4.2: Vehicle Defect Reporting"] * 2
    assert dates["first target"] == [dt.date(2018, 9, 30), dt.date(2021, 11, 30)]
    assert dates["latest target"] == [dt.date(2019, 3, 31), dt.date(2022, 6, 30)]


def test_long_titles_keep_audit_and_ref_whole() -> None:
    mark = Mark(
        "R", "INFORMATION MANAGEMENT – RETENTION AND DISPOSAL", "4.3", "x" * 200, None, TODAY, TODAY
    )
    assert mark.label.startswith("INFORMATION MANAGEMENT – RETENTION AND DISPOSAL 4.3: xxx")
    lines = mark.label.splitlines()
    assert len(lines) <= LABEL_LINES and all(len(line) <= LABEL_WIDTH for line in lines)
    assert mark.label.endswith("…")


def test_cli_writes_the_png(db: str, tmp_path: Path) -> None:
    png = tmp_path / "slippage.png"
    result = CliRunner().invoke(cli, ["slippage", "--db", db, "--plot", str(png)])
    assert result.exit_code == 0, result.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "plot of " in result.stderr and str(png) in result.stderr


# --- what a newcomer tripped over (issue 20, item 14) ---------------------------------------


def _paper_dates(seed: int) -> list[dt.date]:
    """Paper dates as panels have them: some a year apart, some in clusters a month apart."""
    rng = random.Random(seed)
    day = dt.date(2012 + rng.randint(0, 3), 1, 31)
    out = []
    for _ in range(rng.randint(8, 30)):
        day += dt.timedelta(days=rng.choice([28, 31, 61, 92, 182, 365, 400]))
        out.append(day)
    return out


def _marks(seed: int, count: int = 12) -> list[Mark]:
    rng = random.Random(seed)
    words = "the cash office safe limit should be reviewed with insurer each year and".split()
    marks = []
    for i in range(count):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(3, 40))) + "."
        text += " " + " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        title = text[: rng.choice([len(text), rng.randint(5, len(text))])].rstrip()
        first = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
        marks.append(
            Mark(f"R{i}", "AUDIT " * rng.randint(1, 4), f"{i}.1", title, "high", first,
                 first + dt.timedelta(days=rng.randint(0, 900)), text.strip())
        )  # fmt: skip
    return marks


def _label_boxes(fig) -> list:  # type: ignore[no-untyped-def]
    renderer = fig.canvas.get_renderer()
    return [
        t.get_window_extent(renderer) for t in fig.axes[0].texts if t.get_gid() == "paper-label"
    ]


@pytest.mark.parametrize("seed", range(6))
def test_paper_date_labels_never_overlap(seed: int) -> None:
    papers = _paper_dates(seed)
    fig = draw(_marks(seed), papers, TODAY)
    boxes = _label_boxes(fig)
    assert len(boxes) >= min(len(papers), 8)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not a.overlaps(b), (a, b)


def test_paper_date_labels_never_overlap_on_the_samples(engine) -> None:  # type: ignore[no-untyped-def]
    papers = paper_dates(engine)
    boxes = _label_boxes(draw(slippage_marks(engine), papers, TODAY))
    assert len(boxes) == len(papers)
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


@pytest.mark.parametrize("rows", [1, 5, 40, 120])
def test_the_legend_sits_beside_the_plot(rows: int) -> None:
    fig = draw(_marks(rows, rows), _paper_dates(rows), TODAY)
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0].get_window_extent(renderer)
    legend = fig.axes[0].get_legend().get_window_extent(renderer)
    assert 0 <= legend.x0 - ax.x1 <= 0.02 * fig.bbox.width  # just right of the plot
    assert abs(legend.y1 - ax.y1) <= 0.01 * fig.bbox.height + 2  # level with its top


def _label_is_whole_or_says_cut(mark: Mark) -> None:
    label = mark.label
    lines = label.splitlines()
    assert len(lines) <= LABEL_LINES and all(len(line) <= LABEL_WIDTH for line in lines), label
    shown = " ".join(lines).split(": ", 1)[1]
    if shown.endswith("…"):
        return
    text = " ".join(mark.text.split())
    title = " ".join(mark.title.split())
    whole = shown == text or (
        shown == title and not (text.startswith(title) and len(text) > len(title))
    )
    sentence = text.startswith(shown) and shown.endswith((".", "!", "?"))
    assert whole or sentence, (label, mark.title, mark.text)


def test_row_labels_end_a_sentence_or_say_they_are_cut(engine) -> None:  # type: ignore[no-untyped-def]
    marks = slippage_marks(engine)
    for mark in marks:
        _label_is_whole_or_says_cut(mark)


@pytest.mark.parametrize("seed", range(5))
def test_row_labels_end_a_sentence_or_say_they_are_cut_held_back(seed: int) -> None:
    marks = _marks(100 + seed, 40)
    for mark in marks:
        _label_is_whole_or_says_cut(mark)
    assert any(m.text.startswith(m.title) and len(m.text) > len(m.title) for m in marks)


def test_the_chart_says_how_many_are_drawn_and_why_not_the_rest(db: str, tmp_path: Path) -> None:
    engine = open_archive(db)
    (total,) = run_query(engine, "SELECT COUNT(*) FROM v_slippage").rows[0]
    marks = slippage_marks(engine)
    engine.dispose()
    assert total > len(marks)  # the samples hold recommendations without a readable target
    title = draw(marks, [], TODAY, total).axes[0].get_title()
    assert f"{len(marks)} of {total} recommendations drawn" in title
    assert f"{total - len(marks)} not drawn: no readable" in title
    png = tmp_path / "s.png"
    result = CliRunner().invoke(cli, ["slippage", "--db", db, "--plot", str(png)])
    assert f"plot of {len(marks)} of {total} recommendation(s) ({total - len(marks)} without" in (
        result.stderr
    )
