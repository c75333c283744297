"""Files only their owner may read: the embedded database, the cookie key, the first
admin password. Written at mode 0600 from the first byte, never chmod'ed afterwards,
so there is no moment at which another local user could open them."""

import os
import tempfile
from pathlib import Path


def write_private(path: Path, text: str = "", *, replace: bool = False) -> bool:
    """Put `text` at `path` (its directory made 0700), readable by the owner only. The
    file appears whole or not at all. Without `replace`, a file already there is kept
    (another process made it first) and the result is False."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent)  # mkstemp makes it 0600
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(text)
        if replace:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)  # fails if `path` exists, unlike a rename
        except FileExistsError:
            return False
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
