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
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

# Files in the postmortem folder that are not postmortems: the folder's own
# landing page and readme, and anything a team marks private with a leading
# underscore (templates, drafts of templates).
_NOT_POSTMORTEMS = {"index.md", "readme.md"}


def is_postmortem_uri(src_uri: str, folder: str) -> bool:
    # Plain string work: `check` asks it of every file of the folder on every run.
    parts = [part for part in src_uri.split("/") if part and part != "."]
    if not parts or not parts[-1].lower().endswith(".md"):
        return False
    if folder and not src_uri.startswith(folder.strip("/") + "/"):
        return False
    if parts[-1].lower() in _NOT_POSTMORTEMS:
        return False
    return not any(part.startswith(("_", ".")) for part in parts)


def display_path(absolute: str | os.PathLike[str]) -> str:
    """A path as a terminal user can click it: relative to the working folder when inside it."""
    absolute = os.path.abspath(absolute)
    here = os.getcwd()
    if absolute.startswith(here) and absolute[len(here):len(here) + 1] == os.sep:
        # Inside the working folder: what os.path.relpath gives, without its cost per file.
        return absolute[len(here) + 1:].replace(os.sep, "/")
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
    # What the file system said of the file when it was opened (`signature_of`): the cache
    # of `check` knows a file again by it without reading it (cache.py).
    signature: Signature | None = field(default=None, compare=False)


# Size, modification and change times (ns), inode and device: a write, a `touch`, a file
# replaced by another (editors save by renaming) each change at least one of them.
Signature = tuple[int, int, int, int, int]


def signature_of(status: os.stat_result) -> Signature | None:
    """The signature of a regular file; None for anything else (a pipe, a device)."""
    if not stat.S_ISREG(status.st_mode):
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def read_source(
    file: str | os.PathLike[str],
    *,
    src_uri: str,
    docs_dir: str | os.PathLike[str],
    read: bool = True,
    real_folders: dict[str, str] | None = None,
) -> Source:
    """The file's bytes, or a Source that says why they cannot be read.

    `read=False`: the file's signature only, its content left empty, for a caller
    that asks whether it changed (the faults of links are found all the same).
    `real_folders`: where the folders met so far really are, kept by a caller that
    reads many files of one folder in one go (a folder's links are resolved once).
    """
    path = display_path(file)
    link = os.path.islink(file)
    if link and not os.path.exists(file):
        return Source(path, src_uri, b"", unreadable=_dangling(file))
    outside = _outside(file, docs_dir, None if link else real_folders)
    if outside is not None:
        return Source(
            path, src_uri, b"",
            unreadable=f"is a symbolic link to {outside}, outside the docs folder; it was not read. "
            "Copy the postmortem into the handbook instead of linking to it",
        )
    try:
        if not read:
            return Source(path, src_uri, b"", signature=signature_of(os.stat(file)))
        with open(file, "rb") as handle:
            # Taken before reading: a write after it changes the file's times, seen next time.
            signature = signature_of(os.fstat(handle.fileno()))
            return Source(path, src_uri, handle.read(), signature=signature)
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


def _outside(
    file: str | os.PathLike[str], docs_dir: str | os.PathLike[str], real_folders: dict[str, str] | None = None
) -> str | None:
    """Where the file really is, when a symbolic link (of the file or of a folder
    above it) leads outside `docs_dir`. `real_folders`: given only for a file that is
    not itself a link, whose real path is then its real folder's and its name."""
    written = os.path.abspath(file)
    if real_folders is None:
        target = os.path.realpath(file)
    else:
        folder, name = os.path.split(written)
        if folder not in real_folders:
            real_folders[folder] = os.path.realpath(folder)
        target = os.path.join(real_folders[folder], name)
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
