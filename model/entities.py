"""The archive's tables, as SQLAlchemy 2.0 typed mapped classes.

A recommendation row is a snapshot: one per recommendation per paper, because what a paper
said at the time (its targets, status, owners) is the history analysts ask about. Target
dates and dated updates get their own rows so revisions and slippage are computed in SQL,
never stored as counts. Dates are stored three ways (raw text, ISO date, precision) because
"End October 2021" and "31/10/2021" are different statements even when the date agrees.
"""

import datetime as dt
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from jarap.db.series import UNATTRIBUTED

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

int_pk = Annotated[int, mapped_column(Integer, primary_key=True, autoincrement=True)]
raw_text = Annotated[str | None, mapped_column(Text)]
iso_date = Annotated[dt.date | None, mapped_column(Date)]
precision = Annotated[str | None, mapped_column(String(10))]
json_list = Annotated[list[Any], mapped_column(JSON, default=list)]
locator = Annotated[str, mapped_column(String(200))]  # never NULL: every value is locatable


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class PaperRow(Base):
    """One ingested file version. `paper_id` comes from the file's SHA-256, so it is stable.

    A file that changes on disk gets a new row; the old one is kept with `superseded_by`
    naming its replacement (never deleted, so a bad new version cannot lose data), and
    everything that reads the archive (linker, views, export) sees current rows only.
    `extractor_version` says which parser produced the rows, so `jarap ingest` re-extracts
    papers parsed by an older one. `next_tracker_date` is filled by the linker: the date of
    the first tracker of the same series after this paper, so views need no `paper_date >`
    join. `series` is the panel that published it (`db.series.series_of` its organisation):
    next trackers, closures and recommendation links are only ever within one series.
    """

    __tablename__ = "papers"
    __table_args__ = (Index("ix_papers_kind_paper_date", "kind", "paper_date"),)

    paper_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    source_file: Mapped[str] = mapped_column(String(400))
    source_path: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(16))
    layout: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str | None] = mapped_column(Text)
    organisation: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    paper_date_raw: Mapped[raw_text]
    paper_date: Mapped[iso_date]
    paper_date_precision: Mapped[precision]
    pages: Mapped[int | None]
    declared_counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    extracted_counts: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reconciled: Mapped[bool | None]
    # each declared figure against its count ({scope, key, declared, extracted, rule, ok,
    # note}) and each cover-table row against the appendix ({table, label, field, outcome,
    # detail}); null for papers stored before migration 0006 until they are re-read
    reconciliation: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    cover_checks: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    warnings: Mapped[json_list]
    proposed_closed_list: Mapped[json_list]
    ingested_at: Mapped[dt.datetime] = mapped_column(default=lambda: dt.datetime.now(dt.UTC))
    extractor_version: Mapped[int | None]
    superseded_by: Mapped[str | None] = mapped_column(String(16), index=True)
    next_tracker_date: Mapped[iso_date]
    series: Mapped[str] = mapped_column(Text, default=UNATTRIBUTED, server_default=UNATTRIBUTED)
    # the same paper held in another file (`db.twins`): this one is a second source of
    # `twin_of`, kept as a file but not linked, viewed or exported as a paper of its own
    twin_of: Mapped[str | None] = mapped_column(String(16), index=True)
    twin_problems: Mapped[list[Any] | None] = mapped_column(JSON)  # where the twins disagree
    # what converted the file into the format read (`format`), when it was not read as it
    # is: "LibreOffice 7.4.7.2 (.doc to .docx, soffice --convert-to)"; null otherwise
    converted_by: Mapped[str | None] = mapped_column(Text)

    recommendations: Mapped[list["RecommendationRow"]] = relationship(
        back_populates="paper", cascade="all, delete-orphan", order_by="RecommendationRow.seq"
    )
    actions: Mapped[list["ActionRow"]] = relationship(
        cascade="all, delete-orphan", order_by="ActionRow.seq"
    )
    document_text: Mapped[list["DocumentTextRow"]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentTextRow.id"
    )
    audits: Mapped[list["AuditStatusRow"]] = relationship(
        cascade="all, delete-orphan", order_by="AuditStatusRow.seq"
    )

    def __repr__(self) -> str:
        return f"<Paper {self.source_file} {self.layout} {self.paper_date}>"


class RecommendationRow(Base):
    """A recommendation as one paper states it (a snapshot)."""

    __tablename__ = "recommendations"
    __table_args__ = (UniqueConstraint("paper_id", "seq"),)

    id: Mapped[int_pk]
    paper_id: Mapped[str] = mapped_column(ForeignKey("papers.paper_id", ondelete="CASCADE"))
    seq: Mapped[int]
    recommendation_id: Mapped[str] = mapped_column(String(40), index=True)
    audit_title: Mapped[str] = mapped_column(Text)
    assurance: Mapped[str | None] = mapped_column(String(60))
    audit_date_raw: Mapped[raw_text]
    audit_date: Mapped[iso_date]
    audit_date_precision: Mapped[precision]
    ref: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(Text)
    priority: Mapped[str | None] = mapped_column(String(20))
    priority_level: Mapped[str | None] = mapped_column(String(10))
    priority_source: Mapped[str | None] = mapped_column(String(10))
    section: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    rag: Mapped[str | None] = mapped_column(String(10))
    original_target_raw: Mapped[raw_text]
    original_target: Mapped[iso_date]
    original_target_precision: Mapped[precision]
    current_target_raw: Mapped[raw_text]
    current_target: Mapped[iso_date]
    current_target_precision: Mapped[precision]
    text: Mapped[str] = mapped_column(Text, default="")
    source_text: Mapped[str] = mapped_column(Text, default="")
    page_start: Mapped[int | None]
    page_end: Mapped[int | None]

    paper: Mapped[PaperRow] = relationship(back_populates="recommendations")
    targets: Mapped[list["TargetRevisionRow"]] = relationship(
        cascade="all, delete-orphan", order_by="TargetRevisionRow.position"
    )
    updates: Mapped[list["UpdateRow"]] = relationship(
        cascade="all, delete-orphan", order_by="UpdateRow.position"
    )
    owners: Mapped[list["OwnerRow"]] = relationship(
        cascade="all, delete-orphan", order_by="OwnerRow.position"
    )
    provenance: Mapped[list["ProvenanceRow"]] = relationship(
        cascade="all, delete-orphan", order_by="ProvenanceRow.id"
    )

    def __repr__(self) -> str:
        return f"<Recommendation {self.audit_title} {self.ref} ({self.status})>"


class TargetRevisionRow(Base):
    """One stated target date of one recommendation in one paper, in the order printed."""

    __tablename__ = "target_revisions"

    id: Mapped[int_pk]
    recommendation_pk: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    raw: Mapped[str] = mapped_column(Text)
    date: Mapped[iso_date]
    precision: Mapped[precision]
    struck: Mapped[bool] = mapped_column(default=False)
    source_text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None]
    block: Mapped[locator]


class UpdateRow(Base):
    """A dated progress narrative, so the history of what owners said is queryable."""

    __tablename__ = "updates"

    id: Mapped[int_pk]
    recommendation_pk: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    heading: Mapped[str] = mapped_column(Text)
    date_raw: Mapped[raw_text]
    date: Mapped[iso_date]
    precision: Mapped[precision]
    text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None]
    block: Mapped[locator]


class OwnerRow(Base):
    """A person named responsible; `former` when the name was struck through."""

    __tablename__ = "owners"

    id: Mapped[int_pk]
    recommendation_pk: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    former: Mapped[bool] = mapped_column(default=False)
    page: Mapped[int | None]
    block: Mapped[locator]
    source_text: Mapped[str] = mapped_column(Text, default="")


class ActionRow(Base):
    """An action of the panel's rolling action sheet, as one paper states it."""

    __tablename__ = "actions"

    id: Mapped[int_pk]
    paper_id: Mapped[str] = mapped_column(
        ForeignKey("papers.paper_id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    action_id: Mapped[str] = mapped_column(String(40), index=True)
    meeting_date_raw: Mapped[raw_text]
    meeting_date: Mapped[iso_date]
    meeting_date_precision: Mapped[precision]
    minute: Mapped[str] = mapped_column(String(40))
    paper_ref: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(Text)
    owners: Mapped[json_list]
    target_raw: Mapped[raw_text]
    target: Mapped[iso_date]
    target_precision: Mapped[precision]
    status: Mapped[str] = mapped_column(String(10))
    page_start: Mapped[int | None]
    updates: Mapped[list["ActionUpdateRow"]] = relationship(
        cascade="all, delete-orphan", order_by="ActionUpdateRow.position"
    )
    provenance: Mapped[list["ProvenanceRow"]] = relationship(
        cascade="all, delete-orphan", order_by="ProvenanceRow.id"
    )


class ActionUpdateRow(Base):
    __tablename__ = "action_updates"

    id: Mapped[int_pk]
    action_pk: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    date_raw: Mapped[raw_text]
    date: Mapped[iso_date]
    precision: Mapped[precision]
    text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None]
    block: Mapped[locator]


class ProvenanceRow(Base):
    """Where one extracted value of a recommendation or action came from: the page (where
    the format has pages), the block locator into the read document
    (`#/blocks/12/rows/3/cells/2/paragraphs/0`) and the source text. `field` names the value
    (`status`, `priority`, `audit_title`, `owners`, …); list items have their own rows in
    `target_revisions`, `updates` and `owners`, which carry `page` and `block` themselves."""

    __tablename__ = "provenance"

    id: Mapped[int_pk]
    recommendation_pk: Mapped[int | None] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), index=True
    )
    action_pk: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(60))
    page: Mapped[int | None]
    block: Mapped[locator]
    text: Mapped[str] = mapped_column(Text, default="")
    # how the text was read when not from a text layer: `ocr (conf 91)`
    method: Mapped[str | None] = mapped_column(String(40))


class AuditStatusRow(Base):
    """A row of another panel's audit-status table (`audits.jsonl`): one audit as one paper
    states it. `block` and `page` are where its row was read; the field sources are in
    `source` (JSON: field -> {page, block, text})."""

    __tablename__ = "audit_status"

    id: Mapped[int_pk]
    paper_id: Mapped[str] = mapped_column(
        ForeignKey("papers.paper_id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    ref: Mapped[str | None] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(Text)
    published_raw: Mapped[raw_text]
    published: Mapped[iso_date]
    published_precision: Mapped[precision]
    follow_up_raw: Mapped[raw_text]
    follow_up: Mapped[iso_date]
    follow_up_precision: Mapped[precision]
    lead: Mapped[str | None] = mapped_column(Text)
    governance: Mapped[str | None] = mapped_column(Text)
    assurance: Mapped[str | None] = mapped_column(Text)
    on_track: Mapped[str | None] = mapped_column(String(40))
    update_text: Mapped[str] = mapped_column(Text, default="")
    page: Mapped[int | None]
    block: Mapped[locator]
    source: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class DocumentTextRow(Base):
    """The text of a paper no layout claimed, paragraph by paragraph and cell by cell, so it
    is still in the archive and searchable in SQL (`v_document_paragraphs`,
    `v_document_cells`) until a layout is written for it."""

    __tablename__ = "document_text"

    id: Mapped[int_pk]
    paper_id: Mapped[str] = mapped_column(
        ForeignKey("papers.paper_id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))  # paragraph | cell
    block: Mapped[locator]
    table_no: Mapped[int | None]
    row_no: Mapped[int | None]
    col_no: Mapped[int | None]
    page: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text, default="")


class LinkRow(Base):
    """How one snapshot was linked to its longitudinal `recommendation_id` (rebuilt by the
    linker on every run), so low-confidence links can be reviewed: `method` is `exact`,
    `fuzzy_title`, `acronym`, `containment`, `date_inferred`, `title_match`, `new` or
    `override`; `score` 1.0 is certain; `matched_to` names what it was matched to.
    The snapshot ordinals the views use are stored here too, computed by the linker."""

    __tablename__ = "links"

    id: Mapped[int_pk]
    recommendation_pk: Mapped[int] = mapped_column(
        ForeignKey("recommendations.id", ondelete="CASCADE"), unique=True
    )
    recommendation_id: Mapped[str] = mapped_column(String(40), index=True)
    method: Mapped[str] = mapped_column(String(20))
    score: Mapped[float]
    matched_to: Mapped[str] = mapped_column(Text, default="")
    # computed once per link run so the views need no window functions over all snapshots:
    # 1 = the format kept for this recommendation at this paper date (Word, PDF, text);
    # then, among those kept, 1 = the earliest / the latest paper stating it (else null)
    format_no: Mapped[int | None]
    snapshot_no: Mapped[int | None]
    latest_no: Mapped[int | None]


class IngestFailureRow(Base):
    """A file the last ingest of its path could not load (unreadable, timed out, over the
    memory limit, or a new version refused because it would lose records), so `jarap
    status` can list it after the batch's output has scrolled away. Cleared when the path
    loads."""

    __tablename__ = "ingest_failures"

    id: Mapped[int_pk]
    source_path: Mapped[str] = mapped_column(Text, index=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    failed_at: Mapped[dt.datetime] = mapped_column(default=lambda: dt.datetime.now(dt.UTC))


class SkippedFileRow(Base):
    """A file a folder walk found and did not read because no reader takes its extension
    (an image, a spreadsheet export, a script), so `jarap status` can say what a folder
    held besides papers. Replaced at each walk of the folder; removed when the path loads
    or the file is gone (`jarap prune`)."""

    __tablename__ = "skipped_files"

    id: Mapped[int_pk]
    source_path: Mapped[str] = mapped_column(Text, index=True)
    extension: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    seen_at: Mapped[dt.datetime] = mapped_column(default=lambda: dt.datetime.now(dt.UTC))


class LinkStateRow(Base):
    """What the last link run saw (one row per key), so a run that would change nothing is
    skipped: `overrides` is a digest of the overrides file, `snapshots` of the current
    papers."""

    __tablename__ = "link_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HistoryRow(Base):
    """What each recommendation's history means (`db.history`: revisions, slippage, closure,
    vanishing), written by the linker after every run so the views read the one rule
    instead of restating it in SQL."""

    __tablename__ = "histories"

    recommendation_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    original_target_raw: Mapped[raw_text]
    original_target: Mapped[iso_date]
    original_target_precision: Mapped[precision]
    latest_target_raw: Mapped[raw_text]
    latest_target: Mapped[iso_date]
    latest_target_precision: Mapped[precision]
    revisions: Mapped[int] = mapped_column(Integer, default=0)
    slippage_days: Mapped[int | None]
    latest_status: Mapped[str] = mapped_column(String(20))
    closed_by: Mapped[iso_date]
    vanished_from: Mapped[iso_date]
