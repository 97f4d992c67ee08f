"""The nbgrader gradebook as a database: its URL, checked, for the class report and parallel grading."""
from __future__ import annotations

from pathlib import Path

from ..errors import InfoviewError


class GradebookError(InfoviewError, RuntimeError):
    """The gradebook could not be found or read (the message says which and why)."""


def safe_url(db_url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        return make_url(db_url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL is reported as given
        return db_url


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def database_url(db_url: str):
    """``db_url`` parsed as an SQLAlchemy URL; ``postgresql://`` uses psycopg2 when psycopg 3 is
    not installed (SQLAlchemy 2.1 maps it to psycopg 3; the kit installs psycopg2).
    Raises :class:`GradebookError` for a string that is no database URL."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if not isinstance(db_url, str) or not db_url.strip():
        raise GradebookError(f"the gradebook URL must be a non-empty string, not {db_url!r}")
    try:
        url = make_url(db_url)
    except ArgumentError as err:
        raise GradebookError(
            f"{db_url!r} is not a database URL (expected e.g. sqlite:///gradebook.db or "
            f"postgresql://user@host/dbname): {err}") from None
    if url.drivername == "postgresql" and not _importable("psycopg") and _importable("psycopg2"):
        url = url.set(drivername="postgresql+psycopg2")
    return url


def gradebook_url(db_url: str):
    """The SQLAlchemy URL of an existing gradebook (see :func:`database_url`).

    Also raises :class:`GradebookError` for an SQLite file that does not exist: opening
    one would silently create an empty gradebook.
    """
    url = database_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = url.database
        if not path or path == ":memory:":
            raise GradebookError(f"{db_url!r} names no gradebook file")
        if not Path(path).is_file():
            raise GradebookError(
                f"no gradebook at {Path(path).resolve()} (run from the nbgrader course folder, "
                f"where gradebook.db is, or pass --db URL)")
    return url
