"""Where the database is: `DATABASE_URL`, or an SQLite file in `data/`."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE_PATH = REPO_ROOT / "data" / "dashboard.sqlite3"


def database_url() -> str:
    """The SQLAlchemy URL of the database to use.

    A plain `postgresql://` URL (as most hosting panels print it) is mapped to
    the psycopg 3 driver that requirements.txt installs.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return f"sqlite:///{DEFAULT_SQLITE_PATH}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
