from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import server_bin, temporary_server

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
REFERENCE = ROOT.parent / "shared" / "reference" / "papers"


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "archive.db")


SHARED_ENV = "JARAP_TEST_SHARED"  # "1": run the tests marked `shared` (.ci/run sets it)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "shared: needs the reference papers in ../shared/reference beside the checkout; "
        f"run only with {SHARED_ENV}=1 (which .ci/run sets), and then they must be there",
    )


def shared_wanted() -> bool:
    return os.environ.get(SHARED_ENV) == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A fresh clone has no ../shared: its tests are marked (a test using `reference_dir`
    is marked here) and skipped unless asked for; asked for, they fail when it is absent."""
    for item in items:
        if "reference_dir" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared)
        if item.get_closest_marker("shared") is None:
            continue
        if not shared_wanted():
            item.add_marker(
                pytest.mark.skip(reason=f"needs ../shared/reference: set {SHARED_ENV}=1")
            )
        # wanted and absent: `reference_dir` (or the test) fails, naming the folder


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    if not REFERENCE.is_dir():
        pytest.fail(f"{SHARED_ENV}=1 but the reference papers are not at {REFERENCE}")
    return REFERENCE


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A PostgreSQL database for the tests: JARAP_TEST_PG_URL if set, else a server the
    tests start themselves in a temporary directory and stop (`pg_server`). Without the
    server binaries or the postgres extra the PostgreSQL tests skip, and fail on CI."""
    given = os.environ.get("JARAP_TEST_PG_URL")
    why = None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        why = "the postgres extra (psycopg) is not installed"
    if why is None and given:
        yield given
        return
    if why is None and server_bin() is None:
        why = "no PostgreSQL server binaries (initdb, pg_ctl) to start a test server"
    if why is not None:
        if in_ci():
            pytest.fail(f"PostgreSQL tests must run on CI: {why}")
        pytest.skip(f"PostgreSQL tests: {why}")
    with temporary_server() as url:
        yield url
