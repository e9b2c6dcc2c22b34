"""Postmortem files as bytes, or the reason they cannot be had.

`mkdocs build` and `mkdocs-postmortem check` meet the same faults on disk: a
file the build's user may not read, a symbolic link to nothing, a link that
leads out of the handbook, a folder that cannot be listed. Each becomes a
`Source` that says why, so both report it with its path (PM001) instead of a
traceback or a silent skip.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# Files in the postmortem folder that are not postmortems: the folder's own
# landing page and readme, and anything a team marks private with a leading
# underscore (templates, drafts of templates).
_NOT_POSTMORTEMS = {"index.md", "readme.md"}


def is_postmortem_uri(src_uri: str, folder: str) -> bool:
    path = PurePosixPath(src_uri)
    if path.suffix.lower() != ".md":
        return False
    if folder and not src_uri.startswith(folder.strip("/") + "/"):
        return False
    if path.name.lower() in _NOT_POSTMORTEMS:
        return False
    return not any(part.startswith(("_", ".")) for part in path.parts)


def display_path(absolute: str | os.PathLike[str]) -> str:
    """A path as a terminal user can click it: relative to the working folder when inside it."""
    absolute = os.path.abspath(absolute)
    try:
        relative = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()
    if relative.startswith(".."):
        return Path(absolute).as_posix()
    return Path(relative).as_posix()


@dataclass(frozen=True)
class Source:
    path: str  # display path for diagnostics
    src_uri: str  # relative to docs_dir, forward slashes
    content: bytes
    # Why the file (or folder) could not be read, when it could not: it is then
    # reported (PM001) instead of read, and is not a page of the handbook.
    unreadable: str | None = None


def read_source(file: str | os.PathLike[str], *, src_uri: str, docs_dir: str | os.PathLike[str]) -> Source:
    """The file's bytes, or a Source that says why they cannot be read."""
    path = display_path(file)
    if os.path.islink(file) and not os.path.exists(file):
        return Source(path, src_uri, b"", unreadable=_dangling(file))
    outside = _outside(file, docs_dir)
    if outside is not None:
        return Source(
            path, src_uri, b"",
            unreadable=f"is a symbolic link to {outside}, outside the docs folder; it was not read. "
            "Copy the postmortem into the handbook instead of linking to it",
        )
    try:
        return Source(path, src_uri, Path(file).read_bytes())
    except OSError as problem:
        return Source(path, src_uri, b"", unreadable=_reason(file, problem))


def unreadable_folders(folder: str | os.PathLike[str], docs_dir: str | os.PathLike[str]) -> list[Source]:
    """Folders under `folder` that cannot be listed: their postmortems would go unchecked."""
    found: list[Source] = []

    def note(problem: OSError) -> None:
        where = problem.filename or str(folder)
        found.append(
            Source(
                display_path(where),
                _uri(where, docs_dir),
                b"",
                unreadable=f"this folder cannot be listed ({_strerror(problem)}): the postmortems in it "
                "were not checked. Give the build's user read and execute access to it (chmod a+rx), "
                "or move it out of the postmortem folder",
            )
        )

    if Path(folder).is_dir():
        for _, dirs, _ in os.walk(folder, onerror=note):
            dirs[:] = [name for name in dirs if not name.startswith((".", "_"))]  # not postmortems either
    return found


def _outside(file: str | os.PathLike[str], docs_dir: str | os.PathLike[str]) -> str | None:
    """Where the file really is, when a symbolic link (of the file or of a folder
    above it) leads outside `docs_dir`."""
    written, target = os.path.abspath(file), os.path.realpath(file)
    if target == written or not _within(written, os.path.abspath(docs_dir)):
        return None  # no link on the way, or a file the CLI was pointed at outside any site
    if _within(target, os.path.realpath(docs_dir)):
        return None
    return display_path(target)


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _dangling(file: str | os.PathLike[str]) -> str:
    return f"is a symbolic link to {os.readlink(file)}, which does not exist; fix the link or remove it"


def _reason(file: str | os.PathLike[str], problem: OSError) -> str:
    if os.path.islink(file) and problem.errno in (errno.ENOENT, errno.ELOOP):
        return _dangling(file)
    if problem.errno in (errno.EACCES, errno.EPERM):
        return (
            "cannot be read (permission denied); give the build's user read access to it "
            "(chmod a+r), or move it out of the postmortem folder"
        )
    return f"cannot be read ({_strerror(problem)}); check the file on disk"


def _strerror(problem: OSError) -> str:
    return (problem.strerror or type(problem).__name__).lower()


def _uri(where: str | os.PathLike[str], docs_dir: str | os.PathLike[str]) -> str:
    try:
        return PurePosixPath(Path(os.path.abspath(where)).relative_to(os.path.abspath(docs_dir))).as_posix()
    except ValueError:
        return Path(where).as_posix()
