"""SQLAlchemy entities of the archive."""

from jarap.model.entities import (
    ActionRow,
    ActionUpdateRow,
    AuditStatusRow,
    Base,
    DocumentTextRow,
    LinkRow,
    OwnerRow,
    PaperRow,
    ProvenanceRow,
    RecommendationRow,
    TargetRevisionRow,
    UpdateRow,
)

__all__ = [
    "ActionRow",
    "ActionUpdateRow",
    "AuditStatusRow",
    "Base",
    "DocumentTextRow",
    "LinkRow",
    "OwnerRow",
    "PaperRow",
    "ProvenanceRow",
    "RecommendationRow",
    "TargetRevisionRow",
    "UpdateRow",
]
