"""Writing back a file that was read, and nothing else.

`fix` follows a symbolic link only to a file inside the docs folder, writes
only when the bytes on disk are still the bytes it read, leaves a read-only
file alone, and replaces the file whole (a new file beside it, then a
rename) so that a full disk or a crash never leaves it half written.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..sources import display_path


class NotWritten(Exception):
    """Why a file was left as it was."""


def target_of(path: str, docs_dir: Path) -> Path:
    """The file to write for `path`: itself, or the file a link leads to when that is inside the docs folder.

    Outside any docs folder (an archive being prepared), a file named through a
    linked folder above it is the user's to name (macOS's /tmp is one), but a
    file that is itself a link is not followed."""
    written = os.path.abspath(path)
    real = os.path.realpath(written)
    if real == written or _within(real, os.path.realpath(docs_dir)):
        return Path(real)
    if os.path.islink(written) or _within(written, os.path.abspath(docs_dir)):
        raise NotWritten(
            f"is a symbolic link to {display_path(real)}, outside the docs folder {display_path(docs_dir)}; "
            "fix writes only inside it: run fix on the file itself"
        )
    return Path(real)


def replace_bytes(target: Path, read: bytes, new: bytes) -> None:
    """Write `new` over `target`, which must still hold `read`."""
    try:
        status = target.stat()
        current = target.read_bytes()
    except OSError as problem:
        raise NotWritten(f"cannot be read again before writing it ({_reason(problem)})") from None
    if current != read:
        raise NotWritten("changed on disk while fix was running; run fix again")
    if not status.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise NotWritten("is read-only; make it writable (chmod u+w) if fix should write it")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".fix")
    except OSError as problem:
        raise NotWritten(f"cannot be written: its folder does not let fix make a file ({_reason(problem)})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(new)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        if hasattr(os, "chown") and os.geteuid() == 0:  # root writing someone's file keeps its owner
            with contextlib.suppress(OSError):
                os.chown(temporary, status.st_uid, status.st_gid)
        os.replace(temporary, target)
    except OSError as problem:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise NotWritten(f"cannot be written ({_reason(problem)}); it was left as it was") from None


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _reason(problem: OSError) -> str:
    return (problem.strerror or type(problem).__name__).lower()
