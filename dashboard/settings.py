"""Secrets and options of the app, from the environment, st.secrets, or generated on first run."""

import os
import secrets

import streamlit as st

from data_access.private_files import write_private
from data_access.settings import REPO_ROOT

COOKIE_NAME = "governance_dashboard_auth"
GENERATED_KEY_FILE = REPO_ROOT / "data" / "cookie_key"
PLACEHOLDERS = ("change", "example", "placeholder", "secret", "xxxx")


class SettingsError(RuntimeError):
    """The app is not configured well enough to run safely; the message says what to set."""


def session_hours() -> float:
    """How long a login (and its cookie) lasts: DASHBOARD_SESSION_HOURS, default 12."""
    return float(os.environ.get("DASHBOARD_SESSION_HOURS", "12"))


def _from_secrets() -> str | None:
    try:
        return st.secrets.get("auth", {}).get("cookie_key")
    except FileNotFoundError:
        return None


def cookie_key() -> str:
    """The key that signs login cookies.

    From DASHBOARD_COOKIE_KEY or `[auth] cookie_key` in .streamlit/secrets.toml.
    On the embedded default (no DATABASE_URL) a random key is generated once
    into data/cookie_key (git-ignored). With a production database the key
    must be set, so that every replica signs alike; placeholders are refused.
    """
    key = os.environ.get("DASHBOARD_COOKIE_KEY") or _from_secrets()
    if not key:
        if os.environ.get("DATABASE_URL"):
            raise SettingsError(
                "生产数据库需要设置 DASHBOARD_COOKIE_KEY（至少 32 个随机字符）"
                " / set DASHBOARD_COOKIE_KEY to at least 32 random characters"
            )
        write_private(GENERATED_KEY_FILE, secrets.token_urlsafe(48))
        key = GENERATED_KEY_FILE.read_text().strip()
    if len(key) < 32 or any(word in key.lower() for word in PLACEHOLDERS):
        raise SettingsError("DASHBOARD_COOKIE_KEY 太短或是占位符 / the cookie key is a placeholder")
    return key


def reporting_due_day() -> int:
    """The day of the next month by which a month's data is on time (报送情况):
    DASHBOARD_REPORTING_DUE_DAY, 1-28, default 10."""
    value = os.environ.get("DASHBOARD_REPORTING_DUE_DAY", "10").strip()
    if not value.isdigit() or not 1 <= int(value) <= 28:
        raise SettingsError(f"DASHBOARD_REPORTING_DUE_DAY 须为 1 到 28 的整数，现为 {value!r}")
    return int(value)
