"""Tests that need a system tool: skipped with the reason outside CI, failed in CI."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """The tool's path; a missing tool skips the test, or fails it when `CI=true`."""
    path = shutil.which(name)
    if path is None:
        reason = f"{name} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: the CI machine must have it)")
        pytest.skip(reason)
    return path
