"""The checkpoint store: versioned, checksummed datasets on a directory.

Shaped like SCR / VeloC::

    with CheckpointStore.open(path, fingerprint=fp, persistent=pfs, flush_every=4) as store:
        if store.have_restart():
            reader = store.start_restart()        # newest dataset that is valid and intact
            state = reader.read("state")
        w = store.start_output()
        w.write("state", b"...")
        info = w.complete(valid=True)             # the commit point

A dataset is a folder of objects plus a manifest (sizes and sha256 of each
object, the program fingerprint, a format version). An index lists the
committed datasets and marks each valid or invalid. Writing a dataset's files
and then replacing the index is the commit; ``docs/runtime.md`` ("Checkpoint
store") gives the layout and the argument that a crash at any point leaves a
store that opens and restarts from an intact dataset.

Every error a user can cause (no space, permission denied, a store in use, a
corrupt or foreign store) is a :class:`~qckpt.diagnostics.QckptError` with a
one-line message; the store on disk stays valid.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from dataclasses import dataclass, field

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.layout import (
    _OBJECT_NAME,
    DATASET_FORMAT,
    FORMAT_VERSION,
    HEADER,
    INDEX,
    LOCK,
    MANIFEST,
    STORE_FORMAT,
    _Bad,
    _Level,
    _NotDurable,
    _oserr,
    _seal,
    dataset_dir,
)
from qckpt.runtime.store.storage import LocalStorage, Storage

log = logging.getLogger(__name__)

__all__ = [
    "DATASET_FORMAT",
    "FORMAT_VERSION",
    "HEADER",
    "INDEX",
    "LOCK",
    "MANIFEST",
    "STORE_FORMAT",
    "CheckpointStore",
    "DatasetInfo",
    "DatasetReader",
    "DatasetWriter",
    "ObjectInfo",
    "dataset_dir",
]



# -- public records ----------------------------------------------------------


@dataclass(frozen=True)
class ObjectInfo:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class DatasetInfo:
    """One dataset as the index and its manifest describe it."""

    id: int
    name: str | None
    created: float  # Unix time of the commit
    valid: bool  # as marked in the index (at any level)
    objects: tuple[ObjectInfo, ...]
    bytes: int  # sum of object sizes
    levels: tuple[str, ...]  # "fast", "persistent": where a committed copy is
    parent: int | None  # the dataset this run had restarted from or committed last
    checksums_ok: bool | None = None  # None: not verified
    problem: str | None = None  # why not valid / not ok, if known


@dataclass
class DatasetReader:
    """A dataset that passed its checksums, opened for restart."""

    info: DatasetInfo
    level: str  # the level it was read from
    skipped: list[tuple[int, str]]  # newer datasets passed over, and why
    _data: dict[str, bytes] = field(repr=False, default_factory=dict)

    @property
    def id(self) -> int:
        return self.info.id

    def objects(self) -> list[str]:
        return list(self._data)

    def read(self, object_name: str) -> bytes:
        try:
            return self._data[object_name]
        except KeyError:
            have = ", ".join(sorted(self._data)) or "none"
            raise QckptError(f"dataset {self.info.id} has no object '{object_name}' (it has: {have})") from None

    def close(self) -> None:
        self._data = {}

    def __enter__(self) -> DatasetReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DatasetWriter:
    """One dataset being written. Objects are held in memory until
    :meth:`complete`, which writes them all in one batch (see
    :meth:`LocalStorage.write_many`): checkpoint state is small, and batching
    is what keeps a commit to n + 1 file fsyncs."""

    def __init__(self, store: CheckpointStore, dataset_id: int, name: str | None):
        self.store = store
        self.id = dataset_id
        self.name = name
        self._objects: dict[str, tuple[bytes, str]] = {}
        self._done = False

    def write(self, object_name: str, data: bytes | bytearray | memoryview) -> None:
        if self._done:
            raise QckptError(f"dataset {self.id} is already complete; start a new output to write more")
        if not isinstance(object_name, str) or not _OBJECT_NAME.match(object_name) or object_name == MANIFEST:
            raise QckptError(
                f"bad object name {object_name!r}: use 1-128 letters, digits, '.', '_' or '-', not starting with '.' or '-'"
            )
        if object_name in self._objects:
            raise QckptError(f"object '{object_name}' was already written in dataset {self.id}")
        blob = bytes(data)
        self._objects[object_name] = (blob, hashlib.sha256(blob).hexdigest())

    def complete(self, valid: bool = True, flush: bool = False) -> DatasetInfo:
        """Commit the dataset. Once this returns, a crash (even a power loss)
        cannot lose it; if it raises, the store still holds its previous
        datasets and restarts from them. ``flush`` sends it to the persistent
        level whatever ``flush_every`` says (a run's last checkpoint: the
        fast level may not outlive the job)."""
        if self._done:
            raise QckptError(f"dataset {self.id} is already complete")
        self._done = True
        try:
            return self.store._commit(self, valid, flush)
        finally:
            self.store._writer = None
            self._objects = {}

    def abort(self) -> None:
        """Drop the dataset: nothing of it reaches the disk."""
        if not self._done:
            self._done = True
            self._objects = {}
            self.store._writer = None

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            if not self._done:
                self.complete(valid=True)
        else:
            self.abort()

def _as_storage(where: str | os.PathLike[str] | Storage) -> Storage:
    if isinstance(where, (str, os.PathLike)):
        return LocalStorage(where)
    return where


# -- the store -----------------------------------------------------------------


class CheckpointStore:
    """A checkpoint store on one directory (the fast level), optionally with
    a persistent level that receives every ``flush_every``-th dataset, as in
    SCR's cache and parallel file system."""

    def __init__(self) -> None:  # use CheckpointStore.open
        self.levels: list[_Level] = []
        self.notes: list[str] = []
        self.fingerprint: str | None = None
        self.readonly = False
        self.flush_every = 1
        self.keep: int | None = 3
        self._next_id = 1
        self._writer: DatasetWriter | None = None
        self._parent: int | None = None
        self._restart: tuple[DatasetReader | None, list[tuple[int, str]]] | None = None
        self._closed = False

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | Storage,
        *,
        fingerprint: str | None = None,
        persistent: str | os.PathLike[str] | Storage | None = None,
        flush_every: int = 1,
        keep: int | None = 3,
        create: bool = True,
        readonly: bool = False,
    ) -> CheckpointStore:
        """Open (and lock) a store, creating it if ``create``.

        ``path`` and ``persistent`` are directories or :class:`Storage`
        objects. ``fingerprint`` identifies the program; a store made for
        another program is refused. It is needed to create a store; ``None``
        accepts the store's own. ``keep`` is how many valid datasets each
        level retains (``None``: all). ``readonly`` opens without the lock
        and never writes: for ``qckpt inspect`` while a run goes on.
        """
        if flush_every < 1:
            raise QckptError(f"flush_every must be at least 1, got {flush_every}")
        if keep is not None and keep < 1:
            raise QckptError(f"keep must be at least 1 (or None for all), got {keep}")
        self = cls()
        self.readonly = readonly
        self.flush_every = flush_every
        self.keep = keep
        self.levels = [_Level("fast", _as_storage(path))]
        if persistent is not None:
            self.levels.append(_Level("persistent", _as_storage(persistent)))
        try:
            self._open_levels(fingerprint, create, readonly)
        except BaseException:
            self._release()
            raise
        return self

    def _open_levels(self, fingerprint: str | None, create: bool, readonly: bool) -> None:
        exists = [level.storage.exists(HEADER) for level in self.levels]
        if not any(exists) and (readonly or not create):
            raise QckptError(f"no checkpoint store at {' or '.join(level.loc for level in self.levels)}")
        if readonly:
            # inspect what there is: a wiped fast level is not an error
            self.levels = [level for level, e in zip(self.levels, exists) if e]
        # Levels are copies of one run: once one exists, the others (a node-
        # local cache that was wiped, say) are recreated. Existing levels
        # open first, so their fingerprint is known when a missing one is made.
        order = sorted(range(len(self.levels)), key=lambda k: not exists[k]) if not readonly else range(len(self.levels))
        for k in order:
            level = self.levels[k]
            level.open(fingerprint=fingerprint, create=True, readonly=readonly, notes=self.notes)
            fingerprint = fingerprint or level.fingerprint
        fast, *rest = self.levels
        fps = {level.fingerprint for level in self.levels}
        if len(fps) > 1:
            raise QckptError(f"{fast.loc} and {rest[0].loc} hold checkpoints of different programs (fingerprints differ)")
        self.fingerprint = fast.fingerprint
        ids = {0}
        for level in self.levels:
            ids |= set(level.entries) | level.disk_ids()
        self._next_id = max(ids) + 1
        if not readonly:
            for level in self.levels:
                level.collect_garbage(self.notes)
            if len(self.levels) > 1:
                where = {level.name: level.loc for level in self.levels}
                for level in self.levels:
                    level.record_levels(where, self.notes)

    @property
    def recorded_levels(self) -> dict[str, str]:
        """Where the levels of this store were when it was last opened with
        two levels (``{"fast": ..., "persistent": ...}``; empty if never)."""
        for level in self.levels:
            if level.header.get("levels"):
                return dict(level.header["levels"])
        return {}

    @property
    def persistent_path(self) -> str | None:
        return self.levels[1].loc if len(self.levels) > 1 else None

    @property
    def path(self) -> str:
        return self.levels[0].loc

    def _check_open(self) -> None:
        if self._closed:
            raise QckptError(f"checkpoint store {self.path} is closed")

    # -- output ----------------------------------------------------------------

    def start_output(self, name: str | None = None) -> DatasetWriter:
        """Begin a dataset. Its id is larger than any in the store."""
        self._check_open()
        if self.readonly:
            raise QckptError(f"checkpoint store {self.path} was opened read-only")
        if self._writer is not None:
            raise QckptError(f"dataset {self._writer.id} is still being written; complete it first")
        w = DatasetWriter(self, self._next_id, name)
        self._next_id += 1
        self._writer = w
        return w

    def _commit(self, w: DatasetWriter, valid: bool, flush: bool = False) -> DatasetInfo:
        self._check_open()
        d = dataset_dir(w.id)
        created = time.time()
        objects = {n: {"size": len(b), "sha256": s} for n, (b, s) in w._objects.items()}
        manifest = {
            "format": DATASET_FORMAT,
            "version": FORMAT_VERSION,
            "id": w.id,
            "name": w.name,
            "fingerprint": self.fingerprint,
            "created": created,
            "parent": self._parent,
            "valid": bool(valid),
            "objects": objects,
        }
        raw = _seal(manifest)
        items = [(f"{d}/{n}", b) for n, (b, _) in w._objects.items()] + [(f"{d}/{MANIFEST}", raw)]
        entry = _Level._entry(manifest, raw)
        fast = self.levels[0]
        self._restart = None
        try:
            fast.commit(w.id, items, entry, self.keep, self.notes)
        except _NotDurable as e:
            raise QckptError(
                f"dataset {w.id} was written to {fast.loc} but its commit could not be made durable "
                f"({_oserr(e.cause)}); it may be lost after a power failure"
            ) from None
        except OSError as e:
            raise QckptError(f"cannot commit dataset {w.id} to {fast.loc}: {_oserr(e)}{self._still_have()}") from None
        if valid:
            self._parent = w.id
        levels = ["fast"]
        if valid and len(self.levels) > 1 and (flush or w.id % self.flush_every == 0):
            pers = self.levels[1]
            try:
                pers.commit(w.id, items, entry, self.keep, self.notes)
            except (OSError, _NotDurable) as e:
                cause = e.cause if isinstance(e, _NotDurable) else e
                raise QckptError(
                    f"dataset {w.id} is committed in {fast.loc}, but flushing it to {pers.loc} failed: {_oserr(cause)}"
                ) from None
            levels.append("persistent")
        return self._info(entry, manifest, tuple(levels))

    def _still_have(self) -> str:
        ids = [i for level in self.levels for i, e in level.entries.items() if e.get("valid")]
        return f"; the store still holds dataset {max(ids)}" if ids else "; the store is unchanged"

    # -- restart -----------------------------------------------------------------

    def have_restart(self) -> DatasetInfo | None:
        """The dataset a restart would use: the newest that is marked valid
        and passes its checksums, at either level. ``None`` if there is none."""
        reader, _ = self._walk()
        return reader.info if reader else None

    def start_restart(self) -> DatasetReader:
        """Open the newest valid, intact dataset. Newer ones passed over are in
        ``reader.skipped`` with the reason; a copy found corrupt is also
        marked invalid in its level's index."""
        reader, skipped = self._walk()
        if reader is None:
            why = "; ".join(f"dataset {i}: {r}" for i, r in skipped) or "it has no datasets"
            raise QckptError(f"no valid checkpoint to restart from in {self.path} ({why})")
        self._parent = reader.id
        return reader

    def _walk(self) -> tuple[DatasetReader | None, list[tuple[int, str]]]:
        self._check_open()
        if self._restart is not None:
            return self._restart
        skipped: list[tuple[int, str]] = []
        ids = sorted({i for level in self.levels for i in level.entries}, reverse=True)
        found: DatasetReader | None = None
        two = len(self.levels) > 1
        for i in ids:
            for level in self.levels:
                entry = level.entries.get(i)
                if entry is None:
                    continue
                where = f"{level.name} copy: " if two else ""
                if not entry.get("valid"):
                    why = entry.get("invalid_reason")
                    skipped.append((i, where + (f"marked invalid ({why})" if why else "marked invalid by its writer")))
                    continue
                try:
                    man, data = level.verify(i)
                except _Bad as e:
                    skipped.append((i, where + str(e)))
                    log.warning("%s: skipping dataset %d: %s", level.loc, i, e)
                    if e.content and not self.readonly:
                        level.mark_invalid(i, str(e), self.notes)
                    continue
                info = self._info(entry, man, self._levels_of(i), checksums_ok=True)
                found = DatasetReader(info, level.name, list(skipped), data)
                break
            if found:
                break
        self._restart = (found, skipped)
        return self._restart

    # -- listing -----------------------------------------------------------------

    def datasets(self, *, verify: bool = False) -> list[DatasetInfo]:
        """Every dataset in the index of either level, oldest first. With
        ``verify``, each is read back and ``checksums_ok`` says whether some
        copy is intact (``problem`` says what is wrong otherwise)."""
        self._check_open()
        out = []
        for i in sorted({i for level in self.levels for i in level.entries}):
            infos = []
            for level in self.levels:
                entry = level.entries.get(i)
                if entry is None:
                    continue
                man: dict = {}
                problem = None if entry.get("valid") else (entry.get("invalid_reason") or "marked invalid by its writer")
                ok: bool | None = None
                try:
                    if verify:
                        man, _ = level.verify(i)
                        ok = True
                    else:
                        man, _ = level.read_manifest(i)
                except _Bad as e:
                    ok = False if verify else None
                    problem = problem or str(e)
                infos.append(self._info(entry, man, self._levels_of(i), checksums_ok=ok, problem=problem))
            best = next((x for x in infos if x.checksums_ok), None) or next((x for x in infos if x.objects), infos[0])
            out.append(best)
        return out

    def _levels_of(self, dataset_id: int) -> tuple[str, ...]:
        return tuple(level.name for level in self.levels if dataset_id in level.entries)

    @staticmethod
    def _info(entry: dict, man: dict, levels: tuple[str, ...], checksums_ok: bool | None = None, problem: str | None = None) -> DatasetInfo:
        objs = tuple(ObjectInfo(n, m["size"], m["sha256"]) for n, m in (man.get("objects") or {}).items())
        return DatasetInfo(
            id=int(entry["id"]),
            name=entry.get("name"),
            created=float(entry["created"]),
            valid=bool(entry.get("valid")),
            objects=objs,
            bytes=int(entry.get("bytes", 0)),
            levels=levels,
            parent=entry.get("parent"),
            checksums_ok=checksums_ok,
            problem=problem,
        )

    # -- lifetime ------------------------------------------------------------

    def close(self) -> None:
        """Release the lock. An output still being written is dropped."""
        if self._closed:
            return
        if self._writer is not None:
            self._writer.abort()
        self._closed = True
        self._release()

    def _release(self) -> None:
        for level in self.levels:
            if level.lock is not None:
                level.lock.release()
                level.lock = None

    def __enter__(self) -> CheckpointStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
