"""SQLAlchemy entities of the archive."""

from jarap.model.entities import (
    ActionRow,
    ActionUpdateRow,
    Base,
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
    "Base",
    "LinkRow",
    "OwnerRow",
    "PaperRow",
    "ProvenanceRow",
    "RecommendationRow",
    "TargetRevisionRow",
    "UpdateRow",
]
