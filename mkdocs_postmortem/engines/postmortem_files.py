"""The postmortem files of a site, found on disk as the plugin finds them among MkDocs' files."""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..sources import Source, is_postmortem_uri, read_source, unreadable_folders
from .config_file import SiteError

if TYPE_CHECKING:
    from .config_file import Site


def collect_sources(
    site: Site, paths: Sequence[str], leave_out: Collection[str] = (), read: bool = True
) -> list[Source]:
    """Postmortem files named on the command line (files or folders), or the site's folder.

    A file named explicitly is always checked; inside a folder, the plugin's own
    filter applies: under the docs folder only the postmortem folder holds
    postmortems, and nowhere do index.md, README.md or `_private` files.
    Files of a folder whose src_uri is in `leave_out` (already read) are not read again.
    `read=False`: the same files, with their signatures instead of their bytes (sources.py).
    """
    targets = [Path(p) for p in paths] if paths else [site.folder]
    # By the file's absolute path, as the file system compares names: a file named twice is read once.
    sources: dict[str, Source] = {}
    real_folders: dict[str, str] = {}  # for this collection only: a folder may become a link between runs
    for target in targets:
        if target.is_file() or (target.is_symlink() and target.suffix.lower() == ".md"):
            sources.setdefault(_identity(target), _source(site, target, read=read))
        elif target.is_dir():
            # In the order of Path objects (part by part), with plain strings: `check` lists every file on every run.
            for file in sorted(_markdown_files(target), key=_parts):
                src_uri = _src_uri(site, file)
                if is_postmortem_uri(src_uri, site.settings.folder) and src_uri not in leave_out:
                    sources.setdefault(_identity(file), _source(site, file, src_uri, read, real_folders))
            for folder in unreadable_folders(target, site.docs_dir):
                sources.setdefault(_identity(folder.path), folder)
        elif not paths and site.config_file is None:
            # Run outside a site: say so, rather than only that docs/postmortems is missing.
            raise SiteError(
                f"{target}: no such file or folder, and there is no mkdocs.yml in {Path.cwd()} (nor properdocs.yml); "
                "run the command in your site's folder, or pass its config with -f path/to/mkdocs.yml"
            )
        else:
            raise SiteError(f"{target}: no such file or folder")
    return list(sources.values())


def is_postmortem(site: Site, source: Source) -> bool:
    """Whether the plugin would read this file as a postmortem (a file outside the docs
    folder, as an archive being prepared, is judged by its name alone)."""
    return is_postmortem_uri(source.src_uri, site.settings.folder)


def rest_of_folder(site: Site, sources: list[Source], paths: list[str], read: bool = True) -> list[Source]:
    """The rest of the postmortem folder when only some files are named (pre-commit
    passes the changed ones): without it, a `related` id of an unchanged incident
    would look missing (PM601) and a duplicate id would go unseen (PM602)."""
    if not paths or not site.folder.is_dir():
        return []
    named = {source.src_uri for source in sources}
    rest = collect_sources(site, [], leave_out=named, read=read)
    return [source for source in rest if source.src_uri not in named]


def _identity(file: str | os.PathLike[str]) -> str:
    return os.path.normcase(os.path.abspath(file))


def _parts(file: str) -> list[str]:
    return os.path.normcase(file).split(os.sep)


def _markdown_files(folder: Path) -> Iterable[str]:
    # Linked folders are followed, as MkDocs follows them; each real folder once,
    # so a link back up the tree cannot loop.
    seen: set[str] = set()
    for root, dirs, names in os.walk(folder, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        for name in names:
            if name.lower().endswith(".md") and not name.startswith((".", "_")):
                yield os.path.join(root, name)


def _src_uri(site: Site, file: str | os.PathLike[str]) -> str:
    absolute, docs = os.path.abspath(file), os.path.abspath(site.docs_dir)
    if absolute.startswith(docs) and absolute[len(docs):len(docs) + 1] == os.sep:
        # What Path.relative_to gives, without its cost per file (`check` asks it of every file).
        return absolute[len(docs) + 1:].replace(os.sep, "/")
    try:
        return Path(absolute).relative_to(docs).as_posix()
    except ValueError:
        return f"{site.settings.folder}/{os.path.basename(file)}"


def _source(
    site: Site,
    file: str | os.PathLike[str],
    src_uri: str | None = None,
    read: bool = True,
    real_folders: dict[str, str] | None = None,
) -> Source:
    return read_source(
        file, src_uri=src_uri or _src_uri(site, file), docs_dir=site.docs_dir, read=read, real_folders=real_folders
    )
