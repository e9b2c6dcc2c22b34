"""Checked models kept on disk between runs, beside the site's config file.

Reading and checking a postmortem depends only on its bytes, its path, the
settings that change reading or checking, and the code and vocabulary of
this package. A build, `check`, `stats` or `show` that meets a file it has
seen before takes its model and its own dateless diagnostics from here; the
checks that measure against the day of the build (rules/ `dated=True`) and
the handbook-wide rules run again every time (handbook.py).

Layout, under `cache_dir` (default `.cache/postmortem/` beside `mkdocs.yml`,
as Material keeps its plugins' caches):

    CACHEDIR.TAG, .gitignore       backup tools and git leave it alone
    <environment>/<entry>          one file per model
    <environment>.check            what the last `check` saw and found (`CheckRecord`)

`<environment>` is a digest of the format, the Python version, this package's
version and the bytes of its source and `data/` files, the versions of the
libraries the reader uses, and every setting but the build date: an upgrade,
a changed vocabulary or another configuration reads into a fresh folder.
`<entry>` is a digest of the file's path, URI and bytes.

An entry is a header (magic, format, the entry's own key, a SHA-256 of the
payload) then a pickle of the model and its diagnostics. Anything that does
not match, truncated, damaged, another entry's or another program's, is a
miss: the file is read and the entry written again. Writes go to a temporary
file renamed into place (`os.replace`), so a reader, or a second build
running at the same time, sees a whole entry or none.

The check record answers a `check` in which nothing changed without reading
a file or a model: it holds each file's signature (size, times, inode: as
git's index does) with the key of its bytes, and the diagnostics of the whole
run with a digest of everything they depend on (every file's key or fault,
the build date; the settings and the package are the environment's). A file
is known by its signature alone only when it had not changed for two seconds
before it was read: a file written in the same second as the read could change
again without its size or times showing it (git's "racily clean" entries), so
its bytes are read and hashed next time.

Trust: pickle runs code when it loads, like the `.pyc` files of
`__pycache__`. The digest catches damage, not a forger: the cache folder is
the user's own, as writable as the code the build runs. A cache that cannot
be read or written never fails a command: it is used as far as it works, and
an info line says why it is not.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import os
import pickle
import re
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .logs import logger
from .model import Diagnostic, Postmortem
from .settings import Settings, SettingsError
from .sources import Signature, Source, display_path

log = logger(__name__)

# Bumped when the layout or the header changes; the model's own shape is covered
# by the digest of the package's source.
FORMAT = 1
MAGIC = b"mkdocs-postmortem cache\n"
_DIGEST = 32  # bytes of a SHA-256
_HEADER = len(MAGIC) + 2 + 2 * _DIGEST
DEFAULT_FOLDER = ".cache/postmortem"
# Entries and environments unused this long are removed, checked at most once a day.
KEEP_UNUSED_DAYS = 7
_DAY = 24 * 3600

# Distributions whose version changes what the reader makes of a file. Asked of their installed
# metadata, not of the loaded modules: `check` opens the cache before it imports the reader, and
# must name the same environment as a build that has.
_READING_LIBRARIES = ("markdown-it-py", "ftfy", "PyYAML", "python-frontmatter", "pyromark", "mdit-py-plugins")
_PACKAGE = Path(__file__).resolve().parent

_CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is a cache made by mkdocs-postmortem; it can be deleted at any time.\n"
)

Checked = tuple[Postmortem, list[Diagnostic]]

# The key in the header of the check record, which no entry's key (a SHA-256) can be.
_RECORD = b"check record".ljust(_DIGEST, b"\0")
# A file whose times are this close to the moment it was read is not known by them alone
# but by its bytes (file systems keep times in steps of up to two seconds; FAT's are that coarse).
RACY_NS = 2_000_000_000


@dataclass
class CheckRecord:
    """What the last `check` of this environment saw and found."""

    files: dict[tuple[str, str], tuple[Signature, bytes]]  # (path, src_uri) -> (signature, entry key)
    read_from_ns: int  # the time before its first file was read (`time.time_ns()`)
    verdict_key: bytes
    diagnostics: list[Diagnostic]

    def known_keys(self, sources: list[Source]) -> list[bytes | str] | None:
        """Each file's entry key (or its fault, for a file that cannot be read), from the
        files' signatures; None when any file is not known so.

        A file whose times were within `RACY_NS` of the read could have changed again
        without its signature showing it: its bytes are read and hashed (git's racily
        clean entries). Only such files are read, a handful after a burst of edits.
        """
        keys: list[bytes | str] = []
        for source in sources:
            if source.unreadable is not None:
                keys.append(source.unreadable)
                continue
            known = self.files.get((source.path, source.src_uri))
            if source.signature is None or known is None or known[0] != source.signature:
                return None
            signature, key = known
            if max(signature[1], signature[2]) >= self.read_from_ns - RACY_NS and key != _key_of_file(source):
                return None
            keys.append(key)
        return keys


def _key_of_file(source: Source) -> bytes | None:
    try:
        with open(source.path, "rb") as handle:
            return entry_key(source.path, source.src_uri, handle.read())
    except OSError:
        return None


@functools.cache
def package_digest() -> str:
    """This package's version, code and vocabulary, and the Python and libraries that run it.

    Hashed once per process (about a hundred small files): a developer who
    changes the reader, or a team that edits `data/`, never gets a stale model.
    """
    from importlib.metadata import PackageNotFoundError, version

    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version_info[:2]}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for name in _READING_LIBRARIES:
        try:
            installed = version(name)
        except PackageNotFoundError:
            installed = None
        digest.update(f"{name}={installed}\0".encode())
    files = sorted(
        path for path in _PACKAGE.rglob("*")
        if path.suffix in (".py", ".yml", ".yaml") and "__pycache__" not in path.parts
    )
    for path in files:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def settings_digest(settings: Settings) -> str:
    """Every setting that changes reading or checking: all of them but the build date."""
    parts = []
    for item in dataclasses.fields(settings):
        if item.name == "build_date":
            continue
        parts.append(f"{item.name}={_canonical(getattr(settings, item.name))!r}")
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _canonical(value):
    if isinstance(value, dict):
        return tuple(sorted((str(key), _canonical(item)) for key, item in value.items()))
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(map(str, value)))
    if isinstance(value, (list, tuple)):
        return tuple(_canonical(item) for item in value)
    return value


def entry_key(path: str, src_uri: str, content: bytes) -> bytes:
    digest = hashlib.sha256()
    for part in (path.encode("utf-8", "surrogatepass"), src_uri.encode("utf-8", "surrogatepass")):
        digest.update(len(part).to_bytes(8, "big") + part)
    digest.update(content)
    return digest.digest()


@dataclass
class ModelCache:
    """The models of one configuration, in `folder/<environment>/`.

    Picklable (a worker process that reads files stores their models too).
    """

    root: Path
    environment: str
    writable: bool = True

    @classmethod
    def open(cls, root: str | os.PathLike[str], settings: Settings) -> ModelCache:
        """The cache under `root` for `settings`; nothing is written before `prepare`."""
        return cls(Path(root), f"{package_digest()[:20]}-{settings_digest(settings)[:20]}")

    def prepare(self) -> None:
        """Make the folders (marked as a cache) and mark this environment in use; when
        they cannot be written, say so once and go on reading without writing."""
        if not self.writable:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_once(self.root / "CACHEDIR.TAG", _CACHEDIR_TAG)
            _write_once(self.root / ".gitignore", "# Made by mkdocs-postmortem: a cache, never committed.\n*\n")
            os.utime(self.folder)  # in use: not pruned as an old environment
        except OSError as problem:
            self._unwritable(problem)

    def _unwritable(self, problem: OSError) -> None:
        self.writable = False
        log.info(f"the cache in {display_path(self.root)} cannot be written ({_reason(problem)}); "
                 "postmortems are read without storing them")

    @property
    def folder(self) -> Path:
        return self.root / self.environment

    def _path(self, key: bytes) -> Path:
        return self.folder / key.hex()

    def get(self, path: str, src_uri: str, content: bytes) -> Checked | None:
        """The stored model and dateless diagnostics of this file, or None (never an error)."""
        key = entry_key(path, src_uri, content)
        try:
            data = self._path(key).read_bytes()
        except OSError:
            return None
        checked = _decoded(data, key)
        if checked is None or checked[0].path != path or checked[0].src_uri != src_uri:
            return None
        if self.writable:
            try:
                os.utime(self._path(key))  # used: kept by the pruning
            except OSError:
                pass
        return checked

    def put(self, path: str, src_uri: str, content: bytes, checked: Checked) -> None:
        if not self.writable:
            return
        try:
            payload = pickle.dumps(checked, protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as problem:
            log.debug(f"{path}: model not cached ({type(problem).__name__}: {problem})")
            return
        self.put_pickled(path, src_uri, content, payload)

    def put_pickled(self, path: str, src_uri: str, content: bytes, payload: bytes) -> None:
        """`put` for a caller that has pickled the model already (`pickle.HIGHEST_PROTOCOL`)."""
        if not self.writable:
            return
        key = entry_key(path, src_uri, content)
        try:
            _write_atomic(self._path(key), _sealed(payload, key))
        except OSError as problem:
            self._unwritable(problem)

    @property
    def _record_path(self) -> Path:
        return self.root / f"{self.environment}.check"

    def check_record(self) -> CheckRecord | None:
        try:
            data = self._record_path.read_bytes()
        except OSError:
            return None
        payload = _unsealed(data, _RECORD)
        try:
            record = pickle.loads(payload) if payload is not None else None
        except Exception:  # noqa: BLE001 - damaged or of an older layout: a miss
            return None
        if not (
            isinstance(record, CheckRecord) and isinstance(record.files, dict)
            and isinstance(record.read_from_ns, int) and isinstance(record.verdict_key, bytes) and isinstance(record.diagnostics, list)
            and all(isinstance(d, Diagnostic) for d in record.diagnostics)
        ):
            return None
        return record

    def remember_check(
        self, sources: list[Source], read_from_ns: int, verdict_key: bytes, diagnostics: list[Diagnostic]
    ) -> None:
        """Keep what this `check` read and found. `read_from_ns`: the time (`time.time_ns()`)
        before the first file was read; a file changed less than `RACY_NS` before it will be
        read again to be known (`CheckRecord.known_keys`)."""
        if not self.writable or not self.root.is_dir():  # nothing was read: nothing to keep
            return
        files = {}
        for source, key in zip(sources, source_keys(sources)):
            if isinstance(key, bytes) and source.signature is not None:
                files[(source.path, source.src_uri)] = (source.signature, key)
        record = CheckRecord(files, read_from_ns, verdict_key, list(diagnostics))
        try:
            payload = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
            _write_atomic(self._record_path, _sealed(payload, _RECORD))
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as problem:
            log.debug(f"the check record was not kept ({type(problem).__name__}: {problem})")
        except OSError as problem:
            self._unwritable(problem)

    def prune(self, now: float | None = None) -> None:
        """At most once a day: remove entries and environments unused for `KEEP_UNUSED_DAYS`."""
        if not self.writable:
            return
        now = time.time() if now is None else now
        marker = self.root / "pruned"
        if not _pruning_due(marker, now):
            return
        try:
            _write_atomic(marker, b"")
            old = now - KEEP_UNUSED_DAYS * _DAY
            for item in os.scandir(self.root):
                if item.name.startswith(self.environment) or item.stat(follow_symlinks=False).st_mtime >= old:
                    continue
                if item.is_dir(follow_symlinks=False):
                    shutil.rmtree(item.path, ignore_errors=True)
                elif item.name.endswith(".check"):  # another environment's check record
                    _remove(item.path)
            for item in os.scandir(self.folder):
                if item.is_file(follow_symlinks=False) and item.stat(follow_symlinks=False).st_mtime < old:
                    _remove(item.path)
        except OSError as problem:
            log.debug(f"the cache in {self.root} was not pruned ({_reason(problem)})")


def _pruning_due(marker: Path, now: float) -> bool:
    """Whether a day has passed since `marker` was last written (or it never was):
    pruning scans a folder, once a day is enough."""
    try:
        return now - marker.stat().st_mtime >= _DAY
    except OSError:
        return True


def source_keys(sources: list[Source]) -> list[bytes | str]:
    """Each file's entry key, or its fault when it cannot be read."""
    return [
        source.unreadable if source.unreadable is not None else entry_key(source.path, source.src_uri, source.content)
        for source in sources
    ]


def verdict_key(keys: list[bytes | str], build_date: object) -> bytes:
    """A digest of what a run's diagnostics depend on besides the environment: the files,
    in order, each by its key or its fault, and the day the dated rules judge against."""
    digest = hashlib.sha256(f"{build_date}\0{len(keys)}\0".encode())
    for key in keys:
        part = key if isinstance(key, bytes) else b"\xff" + key.encode("utf-8", "surrogatepass")
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.digest()


def _sealed(payload: bytes, key: bytes) -> bytes:
    return MAGIC + FORMAT.to_bytes(2, "big") + key + hashlib.sha256(payload).digest() + payload


def _unsealed(data: bytes, key: bytes) -> bytes | None:
    """The payload when the header says it is whole and `key`'s; else None."""
    if len(data) < _HEADER or not data.startswith(MAGIC):
        return None
    at = len(MAGIC)
    if int.from_bytes(data[at:at + 2], "big") != FORMAT or data[at + 2:at + 2 + _DIGEST] != key:
        return None
    payload = data[_HEADER:]
    if hashlib.sha256(payload).digest() != data[at + 2 + _DIGEST:_HEADER]:
        return None
    return payload


def _decoded(data: bytes, key: bytes) -> Checked | None:
    """The entry's content when its header says it is whole and this entry's; else None."""
    payload = _unsealed(data, key)
    if payload is None:
        return None
    try:
        checked = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a class renamed since: a miss, read again
        return None
    if not (
        isinstance(checked, tuple) and len(checked) == 2 and isinstance(checked[0], Postmortem)
        and isinstance(checked[1], list) and all(isinstance(d, Diagnostic) for d in checked[1])
    ):
        return None
    return checked


# Temporary files are named by the process and a count: a cold build writes thousands of
# entries, and `tempfile.mkstemp` drew each name from Python's random generator, most of a
# write's cost besides the system calls.
_TEMPORARY_NUMBERS = itertools.count()
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)


# A UTF-16 surrogate as the "surrogatepass" error handler writes it: never in valid UTF-8.
_ENCODED_SURROGATE = re.compile(rb"\xed[\xa0-\xbf]")


def _write_atomic(target: Path, *chunks: bytes) -> None:
    """`target` holds the chunks, one after the other, whole or is left as it was: written beside
    it, then renamed over it. In chunks, so that a large part is not copied behind its header."""
    temporary = os.path.join(target.parent, f".tmp-{os.getpid()}-{next(_TEMPORARY_NUMBERS)}")
    try:
        descriptor = os.open(temporary, _NEW_FILE, 0o600)
    except FileExistsError:  # left by a process of the same id (another container's, or a killed one)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        try:
            for data in chunks:
                unwritten = memoryview(data)
                while unwritten:
                    unwritten = unwritten[os.write(descriptor, unwritten):]
        finally:
            os.close(descriptor)
        os.replace(temporary, target)
    except BaseException:
        _remove(temporary)
        raise


def _write_once(target: Path, text: str) -> None:
    if not target.exists():
        _write_atomic(target, text.encode())


def _remove(path: str | os.PathLike[str]) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


def _reason(problem: OSError) -> str:
    return (problem.strerror or str(problem)).lower()


def cache_folder(
    config_file: str | os.PathLike[str] | None,
    option: str | None,
    docs_dir: str | os.PathLike[str],
    name: str = "cache_dir",
) -> Path | None:
    """Where the cache of a site lives: `cache_dir` (relative to the config file's folder)
    or `.cache/postmortem` beside the config file; None without a config file to put it beside.

    Never under `docs_dir`: MkDocs would publish it, and `serve` would rebuild on every write.
    """
    chosen = Path(option).expanduser() if option else None
    if chosen is None or not chosen.is_absolute():
        if config_file is None:
            return None
        chosen = Path(os.path.abspath(config_file)).parent / (chosen or DEFAULT_FOLDER)
    if _inside(chosen, docs_dir):
        raise SettingsError(
            f"{name} {option or DEFAULT_FOLDER!r} is inside the docs folder, where the site would publish it "
            "and `mkdocs serve` would rebuild on every write; give a folder outside it, e.g. .cache/postmortem"
        )
    return chosen


def _inside(folder: str | os.PathLike[str], parent: str | os.PathLike[str]) -> bool:
    folder, parent = Path(os.path.realpath(folder)), Path(os.path.realpath(parent))
    return folder == parent or parent in folder.parents


# --- rendered HTML ----------------------------------------------------------------

RENDER_MAGIC = b"mkdocs-postmortem render\n"
_RENDER_HEADER = len(RENDER_MAGIC) + 2 + 2 * _DIGEST
RENDER_FOLDER = "render"


def render_key(kind: str, *parts: str | bytes) -> bytes:
    """The key of a rendered part: its kind and everything it is made from, each part
    length-prefixed so that no two different lists of parts give the same bytes."""
    digest = hashlib.sha256()
    for part in (kind, *parts):
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.digest()


@dataclass
class RenderStore:
    """HTML the plugin rendered from checked models, in `<environment>/render/` of a `ModelCache`.

    The environment already covers the package, its vocabulary and every
    setting but the build date; each entry's key adds what else the part is
    made from (the model's entry key, the HTML MkDocs gave, the language, the
    templates, the page's URL, the versions of the libraries that render it,
    and the day when the part shows it: render/stored.py). Entries are
    UTF-8 text behind the same kind of header as the models' (never pickles):
    a damaged, truncated or foreign one is a miss, rendered and written again.
    """

    models: ModelCache

    @property
    def folder(self) -> Path:
        return self.models.folder / RENDER_FOLDER

    def get(self, key: bytes) -> str | None:
        if self._empty_at_start and key not in self._written:
            return None  # a cold build: nothing to find but what it wrote itself
        # A warm build reads thousands of parts: plain strings and one open file, no Path per call.
        path = os.path.join(self._folder_name, key.hex())
        try:
            with open(path, "rb") as entry:
                data = entry.read()
                used = os.fstat(entry.fileno()).st_mtime
        except OSError:
            return None
        if len(data) < _RENDER_HEADER or not data.startswith(RENDER_MAGIC):
            return None
        at = len(RENDER_MAGIC)
        if int.from_bytes(data[at:at + 2], "big") != FORMAT or data[at + 2:at + 2 + _DIGEST] != key:
            return None
        payload = data[_RENDER_HEADER:]
        if hashlib.sha256(payload).digest() != data[at + 2 + _DIGEST:_RENDER_HEADER]:
            return None
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            return None
        if self.models.writable and time.time() - used > _DAY:
            # Marked as used for the pruning, at most once a day: it counts whole days, and a
            # write of the file's times on every read cost a warm build a system call per part.
            try:
                os.utime(path)
            except OSError:
                pass
        return text

    @functools.cached_property
    def _folder_name(self) -> str:
        return os.fspath(self.folder)

    @functools.cached_property
    def _empty_at_start(self) -> bool:
        """No folder of parts when this build first looked: every part is a miss but those it
        wrote since (a cold build asked the disk for thousands of parts that could not be there).
        Another build writing at the same time is not waited for: its parts are made again here."""
        return not os.path.isdir(self._folder_name)

    @functools.cached_property
    def _written(self) -> set[bytes]:
        return set()

    def put(self, key: bytes, text: str | bytes | bytearray) -> None:
        """`text`, a string or its UTF-8 (a large page is never made a string whole to be stored)."""
        if not self.models.writable:
            return
        if isinstance(text, str):
            try:
                payload = text.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: rendered again next time, never stored damaged
                return
        elif _ENCODED_SURROGATE.search(text) is None:
            payload = text
        else:
            return  # the same lone surrogate, written as `surrogatepass` writes it
        header = RENDER_MAGIC + FORMAT.to_bytes(2, "big") + key + hashlib.sha256(payload).digest()
        target = Path(self._folder_name, key.hex())
        try:
            try:
                _write_atomic(target, header, payload)
            except FileNotFoundError:  # the folder is made on the first write, or again if removed since
                self.folder.mkdir(parents=True, exist_ok=True)
                _write_atomic(target, header, payload)
        except OSError as problem:
            self.models._unwritable(problem)
            return
        self._written.add(key)

    def prune(self, now: float | None = None) -> None:
        """At most once a day: remove rendered parts unused for `KEEP_UNUSED_DAYS`
        (a part is rewritten whenever what it is made from changes, so the old one is unused)."""
        if not self.models.writable:
            return
        now = time.time() if now is None else now
        marker = self.folder / ".pruned"
        if not _pruning_due(marker, now):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(marker, b"")
            old = now - KEEP_UNUSED_DAYS * _DAY
            for item in os.scandir(self.folder):
                if item.name.startswith(".") or not item.is_file(follow_symlinks=False):
                    continue
                if item.stat(follow_symlinks=False).st_mtime < old:
                    _remove(item.path)
        except OSError as problem:
            log.debug(f"the rendered parts in {self.folder} were not pruned ({_reason(problem)})")
