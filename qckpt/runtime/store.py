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

import errno
import hashlib
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field

from qckpt.diagnostics import QckptError
from qckpt.runtime.storage import TMP_PREFIX, LocalStorage, LockHeld, Storage

log = logging.getLogger(__name__)

STORE_FORMAT = "qckpt-checkpoint-store"
DATASET_FORMAT = "qckpt-dataset"
FORMAT_VERSION = 1

HEADER = "qckpt-store.json"
INDEX = "index.json"
LOCK = "lock"
MANIFEST = "MANIFEST.json"

_DS_RE = re.compile(r"^ds-(\d{6,})$")
_OBJECT_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$")


def dataset_dir(dataset_id: int) -> str:
    return f"ds-{dataset_id:06d}"


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


# -- sealed JSON documents -----------------------------------------------------


class _Corrupt(Exception):
    pass


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _seal(doc: dict) -> bytes:
    """JSON that carries the sha256 of its own canonical body, so that a bit
    flip that still parses (a digit in a fingerprint) is caught."""
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"))
    sealed = {**doc, "checksum": "sha256:" + _sha256(body.encode())}
    return (json.dumps(sealed, sort_keys=True, indent=1) + "\n").encode()


def _unseal(raw: bytes) -> dict:
    try:
        doc = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise _Corrupt(f"not valid JSON ({e.__class__.__name__})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("checksum"), str):
        raise _Corrupt("no checksum field")
    want = doc.pop("checksum")
    body = json.dumps(doc, sort_keys=True, separators=(",", ":"))
    if want != "sha256:" + _sha256(body.encode()):
        raise _Corrupt("checksum mismatch")
    return doc


def _oserr(e: OSError) -> str:
    name = errno.errorcode.get(e.errno or 0)
    text = e.strerror or str(e)
    return f"{text} ({name})" if name else text


# -- one level (a directory with its own header, index, lock and datasets) ----


class _Level:
    def __init__(self, name: str, storage: Storage):
        self.name = name
        self.storage = storage
        self.entries: dict[int, dict] = {}
        self.fingerprint: str | None = None
        self.header: dict = {}
        self.lock = None

    @property
    def loc(self) -> str:
        return self.storage.location

    # opening

    def open(self, *, fingerprint: str | None, create: bool, readonly: bool, notes: list[str]) -> None:
        st = self.storage
        if isinstance(st, LocalStorage) and os.path.exists(st.root) and not os.path.isdir(st.root):
            raise QckptError(f"{self.loc} is not a directory")
        if not readonly:
            self._take_lock(notes)
        try:
            raw = st.read(HEADER)
        except FileNotFoundError:
            raw = None
        except OSError as e:
            raise QckptError(f"cannot read {self.loc}/{HEADER}: {_oserr(e)}") from None
        if raw is None:
            if readonly or not create:
                raise QckptError(f"no checkpoint store at {self.loc}")
            foreign = [n for n in st.list("") if n != LOCK and not n.startswith(TMP_PREFIX)]
            if foreign:
                raise QckptError(
                    f"{self.loc} is not a qckpt checkpoint store (it has files but no {HEADER}); refusing to write into it"
                )
            if fingerprint is None:
                raise QckptError(f"cannot create a checkpoint store at {self.loc} without a program fingerprint")
            header = {"format": STORE_FORMAT, "version": FORMAT_VERSION, "fingerprint": fingerprint, "created": time.time()}
            self.fingerprint = fingerprint
            self.header = header
            try:
                st.write_many([(HEADER, _seal(header)), (INDEX, self._index_bytes({}))])
            except OSError as e:
                raise QckptError(f"cannot create a checkpoint store at {self.loc}: {_oserr(e)}") from None
            return  # leftovers of an earlier attempt to create it go with the first garbage collection
        self._check_header(raw, fingerprint)
        self._load_index(readonly, notes)

    def _take_lock(self, notes: list[str]) -> None:
        try:
            self.lock = self.storage.lock(LOCK)
        except LockHeld as e:
            h = e.holder
            who = h.describe() if h else "another process"
            msg = f"store {self.loc} is in use by {who}"
            if h is not None and h.alive() is False:
                msg += " (that process is gone, but a process it started still holds the lock)"
            raise QckptError(msg) from None
        except OSError as e:
            raise QckptError(f"cannot lock checkpoint store {self.loc}: {_oserr(e)}") from None
        stale = self.lock.stale
        if stale is not None:
            note = f"{self.loc}: recovered a stale lock left by {stale.describe()}, which did not release it (it was killed or crashed)"
            notes.append(note)
            log.warning("%s", note)

    def _check_header(self, raw: bytes, fingerprint: str | None) -> None:
        try:
            doc = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise QckptError(f"{self.loc}/{HEADER} is not JSON: not a qckpt store, or its header is corrupt") from None
        if not isinstance(doc, dict) or doc.get("format") != STORE_FORMAT:
            got = doc.get("format") if isinstance(doc, dict) else None
            raise QckptError(f"{self.loc} was made by another program ({HEADER} has format {got!r}, not {STORE_FORMAT!r})")
        try:
            doc = _unseal(raw)
        except _Corrupt as e:
            raise QckptError(f"{self.loc}/{HEADER} is corrupt ({e})") from None
        version = doc.get("version")
        if version != FORMAT_VERSION:
            raise QckptError(f"{self.loc} has store format version {version}; this qckpt reads version {FORMAT_VERSION}")
        fp = doc.get("fingerprint")
        if fingerprint is not None and fp != fingerprint:
            raise QckptError(
                f"store {self.loc} holds checkpoints of another program (fingerprint {str(fp)[:16]}…, not {fingerprint[:16]}…)"
            )
        self.fingerprint = fp
        self.header = doc

    def record_levels(self, levels: dict[str, str], notes: list[str]) -> None:
        """Write in the header where each level of the store is, so that
        either level alone leads to the other (``qckpt resume`` of the
        persistent level after the fast one was lost)."""
        if self.header.get("levels") == levels:
            return
        header = {k: v for k, v in self.header.items() if k != "checksum"}
        header["levels"] = levels
        try:
            self.storage.write_atomic(HEADER, _seal(header))
        except OSError as e:
            notes.append(f"{self.loc}: could not record the store's levels in {HEADER}: {_oserr(e)}")
            return
        self.header = header

    def _load_index(self, readonly: bool, notes: list[str]) -> None:
        problem = None
        try:
            doc = _unseal(self.storage.read(INDEX))
            if doc.get("format") != STORE_FORMAT + "-index" or doc.get("version") != FORMAT_VERSION:
                raise _Corrupt("unknown index format")
            self.entries = {int(e["id"]): e for e in doc["datasets"]}
            return
        except FileNotFoundError:
            problem = "missing"
        except _Corrupt as e:
            problem = f"corrupt ({e})"
        except (KeyError, TypeError, ValueError) as e:
            problem = f"corrupt ({e.__class__.__name__})"
        except OSError as e:
            problem = f"unreadable ({_oserr(e)})"
        # Rebuild from the manifests: each says whether its writer marked it
        # valid, and the index's per-manifest checksum is recomputed.
        self.entries = {}
        for n in self.storage.list(""):
            m = _DS_RE.match(n)
            if not m:
                continue
            try:
                raw = self.storage.read(f"{n}/{MANIFEST}")
                man = _unseal(raw)
                if man.get("fingerprint") != self.fingerprint or int(man["id"]) != int(m[1]):
                    continue
                self.entries[int(m[1])] = self._entry(man, raw)
            except (OSError, _Corrupt, KeyError, TypeError, ValueError):
                continue
        note = f"{self.loc}/{INDEX} is {problem}; rebuilt it from {len(self.entries)} dataset manifest(s)"
        notes.append(note)
        log.warning("%s", note)
        if not readonly:
            try:
                self.storage.write_atomic(INDEX, self._index_bytes(self.entries))
            except OSError as e:
                # Restart can go on from the rebuilt index in memory; the
                # next commit writes the index again.
                notes.append(f"{self.loc}: could not rewrite {INDEX}: {_oserr(e)}")

    @staticmethod
    def _entry(manifest: dict, raw: bytes) -> dict:
        return {
            "id": int(manifest["id"]),
            "name": manifest.get("name"),
            "created": manifest["created"],
            "valid": bool(manifest["valid"]),
            "bytes": sum(o["size"] for o in manifest["objects"].values()),
            "objects": len(manifest["objects"]),
            "parent": manifest.get("parent"),
            "manifest_sha256": _sha256(raw),
        }

    def disk_ids(self) -> set[int]:
        return {int(m[1]) for n in self.storage.list("") if (m := _DS_RE.match(n))}

    def collect_garbage(self, notes: list[str]) -> None:
        """Remove what only an interrupted writer leaves: temp files, and
        dataset folders the index does not list (their commit never reached
        the index, so they were never committed)."""
        for n in self.storage.list(""):
            m = _DS_RE.match(n)
            orphan = m is not None and int(m[1]) not in self.entries
            if not (orphan or n.startswith(TMP_PREFIX)):
                continue
            try:
                self.storage.remove(n)
            except OSError as e:
                notes.append(f"{self.loc}: could not remove leftover {n}: {_oserr(e)}")
                continue
            if orphan:
                assert m is not None
                if int(m[1]) > max(self.entries, default=0):
                    note = f"{self.loc}: removed {n}, a dataset whose commit was interrupted (it never reached the index)"
                else:
                    note = f"{self.loc}: removed {n}, a dataset no longer in the index (pruned, or its commit was interrupted)"
                notes.append(note)
                log.warning("%s", note)

    # writing

    def _index_bytes(self, entries: dict[int, dict]) -> bytes:
        doc = {
            "format": STORE_FORMAT + "-index",
            "version": FORMAT_VERSION,
            "datasets": [entries[i] for i in sorted(entries)],
        }
        return _seal(doc)

    def _try_read_index(self) -> dict[int, dict] | None:
        try:
            doc = _unseal(self.storage.read(INDEX))
            return {int(e["id"]): e for e in doc["datasets"]}
        except (OSError, _Corrupt, KeyError, TypeError, ValueError):
            return None

    def commit(self, dataset_id: int, items: list[tuple[str, bytes]], entry: dict, keep: int | None, notes: list[str]) -> None:
        """Write the dataset's files (manifest last), then replace the index:
        the index rename is the commit point. Raises OSError (with the
        dataset's folder removed) if the commit did not happen."""
        d = dataset_dir(dataset_id)
        try:
            self.storage.write_many(items)
        except OSError:
            self._discard(d)
            raise
        new = dict(self.entries)
        new[dataset_id] = entry
        pruned = _prune(new, keep)
        for p in pruned:
            del new[p]
        not_durable = None
        try:
            self.storage.write_atomic(INDEX, self._index_bytes(new))
        except OSError as e:
            on_disk = self._try_read_index()
            if on_disk is None or dataset_id not in on_disk:
                self._discard(d)
                raise
            # The rename landed, its folder fsync did not: visible now, not
            # guaranteed to survive a power loss.
            new, not_durable = on_disk, _NotDurable(e)
        self.entries = new
        for p in pruned:
            if p in new:
                continue
            try:
                self.storage.remove(dataset_dir(p))
            except OSError as e:
                notes.append(f"{self.loc}: could not remove pruned dataset {p}: {_oserr(e)} (it is removed at the next open)")
        if not_durable is not None:
            raise not_durable

    def _discard(self, d: str) -> None:
        try:
            self.storage.remove(d)
        except OSError:
            pass  # removed as an orphan at the next open

    def mark_invalid(self, dataset_id: int, reason: str, notes: list[str]) -> None:
        entry = self.entries.get(dataset_id)
        if entry is None or not entry.get("valid"):
            return
        new = dict(self.entries)
        new[dataset_id] = {**entry, "valid": False, "invalid_reason": reason}
        try:
            self.storage.write_atomic(INDEX, self._index_bytes(new))
        except OSError as e:
            notes.append(f"{self.loc}: could not mark dataset {dataset_id} invalid: {_oserr(e)}")
            return
        self.entries = new

    # reading

    def read_manifest(self, dataset_id: int, expect_sha256: str | None = None) -> tuple[dict, bytes]:
        d = dataset_dir(dataset_id)
        try:
            raw = self.storage.read(f"{d}/{MANIFEST}")
        except FileNotFoundError:
            raise _Bad("its manifest is missing", content=True) from None
        except OSError as e:
            raise _Bad(f"cannot read its manifest: {_oserr(e)}", content=False) from None
        if not raw:
            raise _Bad("its manifest is empty", content=True)
        if expect_sha256 is not None and _sha256(raw) != expect_sha256:
            raise _Bad("its manifest does not match the index (sha256 mismatch)", content=True)
        try:
            return _unseal(raw), raw
        except _Corrupt as e:
            raise _Bad(f"its manifest is corrupt ({e})", content=True) from None

    def verify(self, dataset_id: int) -> tuple[dict, dict[str, bytes]]:
        """Read the dataset and check it against its manifest and the index.
        Raises :class:`_Bad` with a reason a user can act on."""
        entry = self.entries[dataset_id]
        d = dataset_dir(dataset_id)
        man, raw = self.read_manifest(dataset_id, entry.get("manifest_sha256") or "")
        if man.get("format") != DATASET_FORMAT or man.get("version") != FORMAT_VERSION:
            raise _Bad(f"its manifest has format {man.get('format')!r} version {man.get('version')!r}", content=True)
        if man.get("fingerprint") != self.fingerprint:
            raise _Bad("it was written by another program (fingerprint mismatch)", content=True)
        data: dict[str, bytes] = {}
        for name, meta in man["objects"].items():
            try:
                blob = self.storage.read(f"{d}/{name}")
            except FileNotFoundError:
                raise _Bad(f"object '{name}' is missing", content=True) from None
            except OSError as e:
                raise _Bad(f"cannot read object '{name}': {_oserr(e)}", content=False) from None
            if len(blob) != meta["size"]:
                raise _Bad(f"object '{name}' has {len(blob)} bytes, its manifest says {meta['size']} (truncated or torn)", content=True)
            if _sha256(blob) != meta["sha256"]:
                raise _Bad(f"object '{name}' fails its sha256 checksum", content=True)
            data[name] = blob
        return man, data


class _Bad(Exception):
    def __init__(self, reason: str, *, content: bool):
        super().__init__(reason)
        self.content = content  # True: the bytes are wrong (not a transient read error)


class _NotDurable(Exception):
    def __init__(self, cause: OSError):
        super().__init__(str(cause))
        self.cause = cause


def _prune(entries: dict[int, dict], keep: int | None) -> list[int]:
    """Ids to drop so that the newest ``keep`` valid datasets remain, with
    any invalid ones newer than the oldest of them."""
    if keep is None:
        return []
    kept_valid = 0
    for i in sorted(entries, reverse=True):
        if entries[i].get("valid"):
            kept_valid += 1
            if kept_valid == keep:
                return [j for j in entries if j < i]
    return []


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
