"""The linker: one recommendation_id per recommendation across papers, whatever the titles do."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from jarap.cli import cli
from jarap.db.engine import open_engine
from jarap.db.export import export_records, load_papers, vanished_records
from jarap.db.linker import OverrideError, audit_title_score, link, load_overrides
from jarap.db.rows import add_paper, paper_to_row
from jarap.extract.assemble import complete_provenance
from jarap.extract.dates import normalise_date
from jarap.extract.records import Paper, Provenance, Recommendation, Target
from jarap.model import LinkRow, PaperRow, RecommendationRow


def _rec(
    label: str,
    audit: str,
    audit_date: str | None,
    ref: str | None,
    title: str,
    status: str = "open",
    target: str = "31st March 2019",
) -> Recommendation:
    rec = Recommendation(
        audit_title=audit,
        ref=ref,
        title=title,
        audit_date=normalise_date(audit_date) if audit_date else None,
        status=status,
        owners=["C/Insp Jim Harrow"],
        targets=[Target(normalise_date(target))],
    )
    rec.current_target = rec.targets[0].value
    rec.source_text = label  # the test's own truth: which audit + recommendation this is
    return rec


# label = the real identity ("fleet18/4.2"), then the recommendation as each paper prints it
PAPERS: dict[str, tuple[str, list[Recommendation]]] = {
    "tracker-2020-01": (
        "January 2020",
        [
            _rec("fleet18/4.2", "FLEET MANAGEMENT", "September 2018", "4.2", "Sample Check"),
            _rec("fleet18/4.4", "FLEET MANAGEMENT", "September 2018", "4.4", "Indicators"),
            _rec("seized18/4.1", "SEIZED & FOUND PROPERTY", "March 2018", "4.1", "Firearm"),
            _rec("seized19/4.1", "SEIZED AND FOUIND PROPERTY", "May 2019", "4.1", "Stores"),
            _rec(
                "gdpr/4.1",
                "GENERAL DATA PROTECTION REGULATION (GDPR)",
                "February 2019",
                "4.1",
                "Implementation of Action Plan",
            ),
            _rec(
                "wellbeing/4.1",
                "WORKFORCE WELLBEING & ABSENCE MANAGEMENT",
                "September 2019",
                "4.1",
                "Review of Policies and Procedures",
            ),
            _rec("recruit/4.3", "RECRUITMENT", "September 2019", None, "Reporting of KPIs"),
        ],
    ),
    "tracker-2021-07": (
        "July 2021",
        [
            _rec("fleet18/4.2", "Fleet Management", "September 2018", "4.2.", "Sample Check"),
            _rec("fleet18/4.4", "FLEET", "September 2018", "4.4", "Performance Indicators"),
            _rec("seized18/4.1", "SEIZED AND FOUIND PROPERTY", "March 2018", "4.1", "Firearm"),
            _rec("seized19/4.1", "Seized and Found Property", "May 2019", "4.1", "Stores"),
            _rec("gdpr/4.1", "GDPR", "February 2019", "4.1", "Implementation of Action Plan"),
            _rec(
                "wellbeing/4.1",
                "Workforce Wellbeing and Absence Management",
                None,
                "4.1",
                "Review of Policies and Procedures",
                status="proposed_closed",
            ),
            _rec("recruit/4.3", "Recruitment", "September 2019", "4.3", "Reporting of all KPIs"),
            # the same paper printing two items with one reference: never one recommendation
            _rec("custody/4.1a", "CUSTODY", "March 2019", "4.1", "Property Ledger"),
            _rec("custody/4.1b", "CUSTODY", "March 2019", "4.1", "Property Lockers"),
        ],
    ),
    "tracker-2022-03": (
        "March 2022",
        [
            _rec("fleet18/4.2", "FLEET", "September 2018", "4.2", "Sample Check"),
            _rec("fleet21/4.2", "FLEET MANAGEMENT", "November 2021", "4.2", "Vehicle Utilisation"),
            _rec("seized18/4.1", "Seized & Found Property", "March 2018", "4.1", "Firearm"),
            _rec("seized19/4.1", "SEIZED & FOUND PROPERTY", "May 2019", "4.1", "Stores"),
            _rec("recruit/4.3", "RECRUITMENT", "September 2019", None, "Reporting of all KPIs"),
            _rec("custody/4.1a", "CUSTODY", "March 2019", "4.1", "Property Ledger"),
            _rec("custody/4.1b", "CUSTODY", "March 2019", "4.1", "Property Lockers"),
        ],
    ),
    "tracker-2022-07": (
        "July 2022",
        [
            # undated, and two dated Fleet audits came before: ambiguous, left on its own
            _rec("fleet?/4.2", "FLEET MANAGEMENT", None, "4.2", "Vehicle Utilisation"),
            # undated, and two dated audits of this title came before: ambiguous too
            _rec("seized?/4.1", "Seized & Found Property", None, "4.1", "Missing Firearm"),
        ],
    ),
}


def _load(engine: Engine, names: list[str]) -> None:
    for name in names:
        date, recs = PAPERS[name]
        paper = Paper(layout="tracker-2021", paper_date=normalise_date(date))
        paper.recommendations = [Recommendation(**vars(r)) for r in recs]
        for i, rec in enumerate(paper.recommendations):  # as if read from block i of a paper
            complete_provenance(rec, Provenance(f"#/blocks/{i}", None, rec.title))
        sha = hashlib.sha256(name.encode()).hexdigest()
        rows = paper_to_row(paper, Path(f"{name}.txt"), sha, "text", None)
        with Session(engine) as session, session.begin():
            add_paper(session, rows)


def _ids(engine: Engine) -> dict[tuple[str, int], tuple[str, str]]:
    """(paper file, seq) -> (truth label, recommendation_id)."""
    with Session(engine) as session:
        rows = session.execute(
            select(PaperRow.source_file, RecommendationRow.seq, RecommendationRow).join(
                PaperRow, PaperRow.paper_id == RecommendationRow.paper_id
            )
        )
        return {(f, seq): (r.source_text, r.recommendation_id) for f, seq, r in rows}


def _by_label(ids: dict[tuple[str, int], tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for label, rid in ids.values():
        out.setdefault(label, set()).add(rid)
    return out


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    engine = open_engine(str(tmp_path / "archive.db"))
    _load(engine, list(PAPERS))
    link(engine)
    return engine


def test_title_variants_get_one_id_across_papers(engine: Engine) -> None:
    labels = _by_label(_ids(engine))
    for label in ("fleet18/4.2", "fleet18/4.4", "seized18/4.1", "seized19/4.1", "gdpr/4.1"):
        assert len(labels[label]) == 1, label
    assert len(labels["wellbeing/4.1"]) == 1  # undated in July 2021: the one dated audit
    assert len(labels["recruit/4.3"]) == 1  # reference missing twice: matched on title


def test_a_revisit_and_a_second_audit_of_the_area_are_other_recommendations(
    engine: Engine,
) -> None:
    labels = _by_label(_ids(engine))
    assert labels["fleet18/4.2"] != labels["fleet21/4.2"]  # September 2018 vs November 2021
    assert labels["seized18/4.1"] != labels["seized19/4.1"]  # March 2018 vs May 2019
    # each id belongs to exactly one real recommendation: nothing linked across audits
    owners: dict[str, set[str]] = {}
    for label, rid in _ids(engine).values():
        owners.setdefault(rid, set()).add(label)
    assert all(len(labels_) == 1 for labels_ in owners.values()), owners


def test_two_snapshots_of_one_paper_are_never_linked(engine: Engine) -> None:
    labels = _by_label(_ids(engine))
    a, b = labels["custody/4.1a"], labels["custody/4.1b"]
    assert len(a) == 1 and len(b) == 1 and a != b
    with Session(engine) as session:
        rows = session.execute(
            select(RecommendationRow.paper_id, RecommendationRow.recommendation_id)
        ).all()
    assert len(rows) == len(set(rows))


def test_an_undated_title_with_two_dated_candidates_is_left_alone_and_flagged(
    engine: Engine,
) -> None:
    labels = _by_label(_ids(engine))
    assert labels["fleet?/4.2"].isdisjoint(labels["fleet18/4.2"] | labels["fleet21/4.2"])
    with Session(engine) as session:
        link_row = session.scalars(
            select(LinkRow).where(LinkRow.recommendation_id.in_(labels["fleet?/4.2"]))
        ).one()
    assert link_row.method == "ambiguous_audit" and link_row.score < 0.9
    assert "2018-09" in link_row.matched_to and "2021-11" in link_row.matched_to


def test_every_snapshot_has_a_link_with_its_method(engine: Engine) -> None:
    with Session(engine) as session:
        links = {
            r.source_text + "@" + r.paper_id: link
            for link, r in session.execute(
                select(LinkRow, RecommendationRow).join(
                    RecommendationRow, RecommendationRow.id == LinkRow.recommendation_pk
                )
            )
        }
        total = len(session.scalars(select(RecommendationRow.id)).all())
    assert len(links) == total
    methods = {link.method for link in links.values()}
    assert {"exact", "new", "containment", "acronym", "fuzzy_title", "assigned"} <= methods
    assert "date_inferred" in methods


def test_relinking_and_reloading_in_another_order_give_the_same_ids(
    engine: Engine, tmp_path: Path
) -> None:
    first = _ids(engine)
    link(engine)
    assert _ids(engine) == first
    other = open_engine(str(tmp_path / "other.db"))
    _load(other, list(reversed(PAPERS)))
    link(other)
    assert _ids(other) == first


def test_overrides_merge_two_and_split_one(engine: Engine, tmp_path: Path) -> None:
    labels = _by_label(_ids(engine))
    (ambiguous,) = labels["fleet?/4.2"]
    (revisit,) = labels["fleet21/4.2"]
    (wellbeing,) = labels["wellbeing/4.1"]
    overrides = tmp_path / "overrides.toml"
    overrides.write_text(
        f"""
# the undated Fleet 4.2 of July 2022 is the November 2021 revisit
[[merge]]
ids = ["{revisit}", "{ambiguous}"]

# the same, by what the papers print
[[merge]]
recommendations = [
  {{ audit_title = "Seized and Found Property", audit_date = "2018-03", ref = "4.1" }},
  {{ audit_title = "Seized & Found Property", audit_date = "", ref = "4.1" }},
]

# the July 2021 snapshot of Wellbeing 4.1 is a different recommendation
[[split]]
id = "{wellbeing}"
detach = {{ papers = ["2021-07"] }}
""",
        encoding="utf-8",
    )
    report = link(engine, overrides)
    assert not report.warnings, report.warnings
    after = _by_label(_ids(engine))
    assert after["fleet?/4.2"] == after["fleet21/4.2"] == {revisit}
    assert len(after["wellbeing/4.1"]) == 2 and wellbeing in after["wellbeing/4.1"]
    assert len(after["seized18/4.1"]) == 1 and after["seized?/4.1"] == after["seized18/4.1"]
    with Session(engine) as session:
        methods = session.scalars(
            select(LinkRow.method).where(LinkRow.recommendation_id == revisit)
        ).all()
    assert "override" in methods
    # re-running with the same file gives the same ids
    link(engine, overrides)
    assert _by_label(_ids(engine)) == after


def test_overrides_problems_are_named(tmp_path: Path, engine: Engine) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[merge]]\nids = ['Rnothing']\n")
    with pytest.raises(OverrideError, match=r"bad.toml: \[\[merge\]\] #1"):
        load_overrides(bad)
    bad.write_text("[[merge]]\nids = ['Rnothing', 'Rnowhere']\n")
    report = link(engine, bad)
    assert any("no recommendation Rnothing" in w for w in report.warnings)
    bad.write_text("[[merge]\n")
    with pytest.raises(OverrideError, match="not valid TOML"):
        load_overrides(bad)


def test_vanished_without_closure_is_flagged_not_closed(engine: Engine) -> None:
    labels = _by_label(_ids(engine))
    (gdpr,) = labels["gdpr/4.1"]
    (wellbeing,) = labels["wellbeing/4.1"]
    with Session(engine) as session:
        papers = load_papers(session)
        vanished = {v["recommendation_id"]: v for v in vanished_records(papers)}
    assert gdpr in vanished
    assert vanished[gdpr]["warning"].startswith(
        "vanished without closure after tracker-2021-07.txt"
    )
    assert wellbeing not in vanished  # proposed closed, then absent: closed, not vanished
    history = {h["recommendation_id"]: h for h in export_records(engine)["history"]}
    assert history[gdpr]["latest_status"] == "open" and history[gdpr]["closed_by"] is None
    assert history[wellbeing]["latest_status"] == "closed"
    assert history[wellbeing]["closed_by"]["date"] == "2022-03-31"


def test_cli_link_and_check(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    _load(open_engine(db), list(PAPERS))
    runner = CliRunner()
    result = runner.invoke(cli, ["link", "--db", db])
    assert result.exit_code == 0, result.output
    assert "linked 25 snapshots" in result.output and "to review" in result.output
    result = runner.invoke(cli, ["check", "--db", db])
    assert "vanished without closure after tracker-2021-07.txt" in result.output
    assert "recommendation(s) vanished without closure" in result.output
    bad = tmp_path / "overrides.toml"
    bad.write_text("[[split]]\nid = 'R1'\n")
    result = runner.invoke(cli, ["link", "--db", db, "--overrides", str(bad)])
    assert result.exit_code == 1 and "Error: overrides.toml: [[split]] #1" in result.output


def test_ingest_links_with_the_overrides_file_of_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from conftest import SAMPLES

    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    Path("overrides.toml").write_text(
        "[[merge]]\nrecommendations = [\n"
        '  { audit_title = "FLEET MANAGEMENT", ref = "4.2" },\n'
        '  { audit_title = "FLEET MANAGEMENT", ref = "4.4" },\n]\n'
    )
    paper = SAMPLES / "tracker-2021" / "northshire-tracker-2021-03.docx"
    result = runner.invoke(cli, ["ingest", str(paper), "--db", "a.db", "-q"])
    assert result.exit_code == 0, result.output
    assert "[overrides: overrides.toml]" in result.output
    assert "share a paper; merged as asked" in result.output
    recs = export_records(open_engine("a.db"))["recommendations"]
    fleet = {r["recommendation_id"] for r in recs if r["audit_title"] == "FLEET MANAGEMENT"}
    assert len(fleet) == 1


@pytest.mark.parametrize(
    ("a", "b", "method"),
    [
        ("FLEET", "FLEET MANAGEMENT", "containment"),
        ("GDPR", "GENERAL DATA PROTECTION REGULATION (GDPR)", "acronym"),
        ("SEIZED AND FOUIND PROPERTY", "SEIZED AND FOUND PROPERTY", "fuzzy_title"),
        ("RISK MANAGEMENT", "FLEET MANAGEMENT", None),
        ("MANAGEMENT", "FLEET MANAGEMENT", None),
        ("PAYROLL PHASE 1", "PAYROLL PHASE 2", None),
    ],
)
def test_audit_title_rules(a: str, b: str, method: str | None) -> None:
    from jarap.db.identity import normalise_title
    from jarap.db.link_cluster import _aliases

    found = audit_title_score(normalise_title(a), normalise_title(b), _aliases(a), _aliases(b))
    assert (found[0] if found else None) == method


def test_reference_papers_2020_and_2021_share_ids(reference_dir: Path, tmp_path: Path) -> None:
    """The real January 2020 and July 2021 trackers: the same recommendations, one id each."""
    db = str(tmp_path / "ref.db")
    papers = [
        reference_dir / "jarap-tracker-2020-01.txt",
        reference_dir / "jarap-tracker-2021-07.txt",
    ]
    result = CliRunner().invoke(cli, ["ingest", *map(str, papers), "--db", db])
    assert result.exit_code == 0, result.output
    records = export_records(open_engine(db))
    from jarap.db.identity import normalise_title
    from jarap.db.link_cluster import _aliases

    def ids(title: str, month: str, ref: str) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for r in records["recommendations"]:
            audit_date = (r["audit_date"] or {}).get("date") or ""
            if (
                audit_title_score(
                    normalise_title(r["audit_title"]), title, _aliases(r["audit_title"])
                )
                and r["ref"] == ref
                and r["section"] == "main"  # the SORB list has its own 4.1s
                and (not audit_date or audit_date.startswith(month))
            ):
                found.setdefault(r["source_file"], set()).add(r["recommendation_id"])
        return found

    wanted = [
        ("FLEET MANAGEMENT", "2018-09", "4.2"),
        ("FLEET MANAGEMENT", "2018-09", "4.4"),
        ("SEIZED AND FOUND PROPERTY", "2018-03", "4.1"),
        ("GENERAL DATA PROTECTION REGULATION", "2019-02", "4.1"),
        ("RECRUITMENT", "2019-09", "4.3"),
        ("WORKFORCE WELLBEING AND ABSENCE MANAGEMENT", "2019-09", "4.1"),
    ]
    for title, month, ref in wanted:
        found = ids(title, month, ref)
        assert set(found) == {p.name for p in papers}, (title, ref, found)
        assert len(set().union(*found.values())) == 1, (title, ref, found)
    (fleet,) = set().union(*ids("FLEET MANAGEMENT", "2018-09", "4.2").values())
    history = {h["recommendation_id"]: h for h in records["history"]}
    assert history[fleet]["original_target"]["date"] == "2019-03-31"
    fleet_targets: list[str] = []
    snapshots = sorted(
        (r for r in records["recommendations"] if r["recommendation_id"] == fleet),
        key=lambda r: r["paper_date"]["date"],
    )
    for snap in snapshots:
        for target in snap["target_history"]:
            if target["date"] and target["date"] not in fleet_targets:
                fleet_targets.append(target["date"])
    assert fleet_targets == ["2019-03-31", "2020-06-30", "2021-09-09", "2021-10-31"]
    # no recommendation of one audit is linked to another
    by_id: dict[str, set[tuple]] = {}
    for r in records["recommendations"]:
        audit_month = ((r["audit_date"] or {}).get("date") or "")[:7]
        by_id.setdefault(r["recommendation_id"], set()).add((r["ref"], audit_month))
    for rid, keys in by_id.items():
        refs = {ref for ref, _m in keys}
        months = {m for _r, m in keys if m}
        assert len(refs) == 1 and len(months) <= 1, (rid, keys)


def _links(engine: Engine) -> dict[tuple[str, int], tuple]:
    with Session(engine) as session:
        rows = session.execute(
            select(PaperRow.source_file, RecommendationRow.seq, LinkRow)
            .join(RecommendationRow, RecommendationRow.id == LinkRow.recommendation_pk)
            .join(PaperRow, PaperRow.paper_id == RecommendationRow.paper_id)
        )
        return {
            (f, seq): (
                link.recommendation_id,
                link.method,
                link.score,
                link.matched_to,
                link.format_no,
                link.snapshot_no,
                link.latest_no,
            )
            for f, seq, link in rows
        }


@pytest.mark.parametrize("order", ["dated", "reversed"])
def test_incremental_linking_gives_what_a_full_run_gives(
    engine: Engine, tmp_path: Path, order: str
) -> None:
    """Papers arriving one at a time (also earlier papers after later ones, which changes
    which snapshot comes first) relink only the audits they touch, with the same ids,
    methods, scores and ordinals as linking everything at once."""
    full = _links(engine)
    names = list(PAPERS) if order == "dated" else list(reversed(PAPERS))
    step = open_engine(str(tmp_path / "step.db"))
    reports = []
    for name in names:
        _load(step, [name])
        reports.append(link(step, incremental=True))
    assert _links(step) == full
    assert all(r.relinked is not None for r in reports[1:])
    assert reports[-1].relinked < reports[-1].snapshots  # not the whole archive
    again = link(step, incremental=True)
    assert again.unchanged and again.recommendations == reports[-1].recommendations


def test_incremental_linking_after_a_paper_is_superseded(engine: Engine) -> None:
    """A paper replaced by a new version: its snapshots leave the links, the audits they
    were in are re-clustered, and the result is the full run's."""
    with Session(engine) as session, session.begin():
        first = session.scalars(select(PaperRow).order_by(PaperRow.paper_date)).first()
        assert first is not None
        first.superseded_by = "someone-newer"
    incremental = link(engine, incremental=True)
    after = _links(engine)
    assert incremental.relinked is not None
    link(engine)
    assert _links(engine) == after


def test_candidate_blocking_finds_every_match_of_the_all_pairs_rules() -> None:
    """Every pair of titles audit_title_score matches shares a blocking key (here over
    the test papers' titles and close variants: typos, short forms, acronyms)."""
    from jarap.db.identity import normalise_title
    from jarap.db.link_cluster import GENERIC, _aliases, _initials, _words
    from jarap.db.link_index import index_keys, query_keys

    raw = {r.audit_title for _d, recs in PAPERS.values() for r in recs}
    raw |= {"FLET MANAGMENT", "GDPR", "DATA SERVICES", "DATA SERVICE", "FLEET", "G D P R"}
    titles = [(normalise_title(t), _aliases(t)) for t in raw]

    def keys(norm: str, aliases: frozenset[str], make) -> set[str]:  # type: ignore[no-untyped-def]
        return make(norm, aliases, _words(norm), _initials(norm), GENERIC)

    matched = 0
    for a, aliases_a in titles:
        for b, aliases_b in titles:
            if a == b or audit_title_score(a, b, aliases_a, aliases_b) is None:
                continue
            matched += 1
            shared = keys(a, aliases_a, query_keys) & keys(b, aliases_b, index_keys)
            assert shared, (a, b)
    assert matched >= 10


def test_overrides_confirm_a_low_confidence_link(engine: Engine, tmp_path: Path) -> None:
    """A reviewed low-score link confirmed in overrides.toml is no longer listed."""
    with Session(engine) as session:
        low = session.scalars(select(LinkRow).where(LinkRow.score < 0.9)).first()
    assert low is not None
    overrides = tmp_path / "overrides.toml"
    overrides.write_text(f'[[confirm]]\nid = "{low.recommendation_id}"\n', encoding="utf-8")
    report = link(engine, overrides)
    assert not report.warnings, report.warnings
    with Session(engine) as session:
        rows = session.scalars(
            select(LinkRow).where(LinkRow.recommendation_id == low.recommendation_id)
        ).all()
    assert rows and all(r.score >= 0.9 for r in rows)
    assert any(r.method == "override" and "confirmed" in r.matched_to for r in rows)
    link(engine)  # without the file: as before
