"""SQLAlchemy entities of the archive."""

from model.entities import Base, OwnerRow, PaperRow, RecommendationRow, TargetRevisionRow, UpdateRow

__all__ = ["Base", "OwnerRow", "PaperRow", "RecommendationRow", "TargetRevisionRow", "UpdateRow"]
