"""A spec's options are checked when the registry loads: an unknown value, or an option the
spec's pipeline does not read, refuses the registry instead of being silently ignored."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from jarap.extract import block_tracker, table_tracker
from jarap.extract.layouts import LAYOUTS, check_registry, follow_up, tracker_2020
from jarap.extract.layouts.spec import check_spec
from jarap.extract.options import LayoutOptions
from jarap.extract.vocab import Status, status_word
from jarap.ingest import read_document


def test_every_registered_spec_sets_only_options_its_pipeline_reads() -> None:
    assert all(check_spec(spec) == [] for spec in LAYOUTS)
    assert any(spec.options.set_options() for spec in LAYOUTS)


@pytest.mark.parametrize(
    ("spec", "options", "why"),
    [
        # the block pipeline prints no cover tables of this kind
        (tracker_2020.SPEC, LayoutOptions(cover_tables=frozenset({"targets"})), "not read"),
        # no pipeline reads a status from a fill colour yet
        (follow_up.SPEC, LayoutOptions(status_from_colour=True), "not read"),
        # the table pipeline prints no status lines
        (follow_up.SPEC, LayoutOptions(status_lines="status column"), "not read"),
        (follow_up.SPEC, LayoutOptions(cover_tables=frozenset({"counts"})), "unknown cover"),
        (tracker_2020.SPEC, LayoutOptions(status_lines="colour"), "unknown status vocabulary"),
    ],
)
def test_an_option_a_pipeline_would_ignore_refuses_the_registry(
    spec: object, options: LayoutOptions, why: str
) -> None:
    bad = dataclasses.replace(spec, options=options)  # type: ignore[type-var]
    assert any(why in problem for problem in check_spec(bad))
    with pytest.raises(ValueError, match=why):
        check_registry([*LAYOUTS, bad])


def test_pipelines_declare_the_options_they_read() -> None:
    assert block_tracker.parse.options_read >= {"status_lines", "yearless_update_dates"}
    assert table_tracker.parse.options_read >= {"cover_tables", "yearless_update_dates"}


def test_completed_means_what_its_vocabulary_says() -> None:
    """`Completed` in a status column is closed; `COMPLETED` on a line of its own under a
    panel tracker's recommendation is proposed closed (closure is the panel's to agree)."""
    assert status_word("Completed") == Status.CLOSED
    assert status_word("COMPLETED", "status line") == Status.PROPOSED_CLOSED
    assert status_word("Completed", "status line") is None  # a word in prose is not a line
    assert tracker_2020.SPEC.options.status_lines == "status line"


def test_a_spec_names_the_vocabulary_of_its_status_column() -> None:
    """The same `Implemented` cell: closed by the default vocabulary, proposed closed where
    the spec names `status column, closure to agree` (the panel agrees closure)."""
    paper = (
        Path(__file__).parent.parent / "samples" / "follow-up" / "haldenmoor-follow-up-2024-06.docx"
    )
    doc = read_document(paper)
    agree = dataclasses.replace(
        follow_up.SPEC,
        options=dataclasses.replace(
            follow_up.SPEC.options, status_column="status column, closure to agree"
        ),
    )
    assert check_spec(agree) == []
    as_printed = {r.status_as_printed: r.status for r in follow_up.SPEC.read(doc).recommendations}
    agreed = {r.status_as_printed: r.status for r in agree.read(doc).recommendations}
    assert as_printed["Implemented"] == Status.CLOSED
    assert agreed["Implemented"] == Status.PROPOSED_CLOSED
    assert {k: v for k, v in agreed.items() if k != "Implemented"} == {
        k: v for k, v in as_printed.items() if k != "Implemented"
    }
