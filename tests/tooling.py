"""System tools a test needs: skipped with the reason on a developer's machine, a failure in CI.

CI (`CI=true`, `.ci/run`) installs every tool the suite uses, so a missing one there is a broken
install, never a reason to pass quietly."""

from __future__ import annotations

import os
import shutil

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def require_tool(*names: str) -> None:
    """Skip (outside CI) or fail (in CI) the calling test when a command is not on PATH."""
    missing = [n for n in names if shutil.which(n) is None]
    if not missing:
        return
    reason = f"needs {', '.join(missing)} on PATH (see the README's optional system tools)"
    if in_ci():
        pytest.fail(f"CI: {reason}")
    pytest.skip(reason)
