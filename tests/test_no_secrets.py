"""No committed file may hold a password hash, a cookie key, a token or other secret."""

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SECRET_PATTERNS = {
    "bcrypt hash": re.compile(r"\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}"),
    "JSON web token": re.compile(r"eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    "key or password assignment": re.compile(
        r"""(?i)(cookie_key|secret|password|passwd|api_key|token)\s*[=:]\s*["'][^"'\s]{8,}["']"""
    ),
    "URL with a password": re.compile(r"://[\w.-]+:[^@/\s]{4,}@"),
}
# Files whose content is configuration, where any literal secret is a leak.
CONFIG_SUFFIXES = {".toml", ".yaml", ".yml", ".ini", ".cfg", ".env", ".json", ".txt", ".md"}
FORBIDDEN_FILES = re.compile(r"(^|/)(secrets\.toml|\.env|cookie_key|credentials\.ya?ml)$|^data/")


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True)
    return [name for name in listed.stdout.splitlines() if (REPO / name).is_file()]


def findings(name: str, text: str) -> list[str]:
    found = []
    for label, pattern in SECRET_PATTERNS.items():
        if label == "key or password assignment" and Path(name).suffix not in CONFIG_SUFFIXES:
            continue  # code passes test passwords around by name; config files must not
        found += [f"{name}: {label}: {m.group(0)[:20]}…" for m in pattern.finditer(text)]
    return found


def test_the_patterns_catch_planted_secrets():
    planted = {
        "a.py": "$2b$12$" + "a" * 53,
        "b.toml": 'cookie_key = "' + "k" * 40 + '"',
        "c.md": "postgresql://app:" + "hunter22" + "@db/prod",
        "d.py": "eyJhbGciOiJIUzI1NiJ9." + "eyJ1c2VybmFtZSI6ImEifQ" + ".c2lnbmF0dXJlLXZhbHVl",
    }
    for name, text in planted.items():
        assert findings(name, text), name


def test_no_tracked_file_holds_a_secret():
    files = tracked_files()
    assert "README.md" in files  # the scan really sees the repository
    leaks = [name for name in files if FORBIDDEN_FILES.search(name)]
    for name in files:
        try:
            text = (REPO / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # screenshots and other binaries
        leaks += findings(name, text)
    assert leaks == []
