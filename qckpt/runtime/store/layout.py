"""How one level of a checkpoint store lies on disk: the header, the index,
dataset folders with their manifests, sealed (self-checksummed) JSON, the
lock, and the commit of a dataset by replacing the index.

:class:`_Level` is one directory (the fast level or the persistent one) with
its own header, index, lock and datasets; :class:`CheckpointStore`
(``checkpoint_store.py``) composes levels into the public API. Kept apart so
that the format can be read without the API around it; ``docs/runtime.md``
("Checkpoint store") describes the layout and why a crash at any point leaves
a store that opens.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import os
import re
import time

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.storage import TMP_PREFIX, LocalStorage, LockHeld, Storage

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
        if raw is None and self._adopt_header(fingerprint, readonly, notes):
            self._load_index(readonly, notes)
            return
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
            self._adopt_unlisted(readonly, notes)
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
        self.entries = {i: self._entry(man, raw) for i, (man, raw) in self._manifests(self.fingerprint).items()}
        self._rewrite_index(f"{self.loc}/{INDEX} is {problem}; rebuilt it from {len(self.entries)} dataset manifest(s)", readonly, notes)

    def _rewrite_index(self, note: str, readonly: bool, notes: list[str]) -> None:
        """Say why the index in memory differs from the file, and write it
        (a read-only open says the file was left for a writer to fix)."""
        if readonly:
            note += f" in memory (opened read-only; {INDEX} on disk is left for the next writer)"
        notes.append(note)
        log.warning("%s", note)
        if not readonly:
            try:
                self.storage.write_atomic(INDEX, self._index_bytes(self.entries))
            except OSError as e:
                # Restart can go on from the index in memory; the next commit
                # writes the index again.
                notes.append(f"{self.loc}: could not rewrite {INDEX}: {_oserr(e)}")

    def _manifests(self, fingerprint: str | None, skip: set[int] | frozenset[int] = frozenset()) -> dict[int, tuple[dict, bytes]]:
        """The sealed, intact manifests of the dataset folders on disk (those
        of ``fingerprint`` only, unless it is None), by id. A manifest is
        written after its objects, so one that unseals describes a dataset
        whose writer finished writing it."""
        out: dict[int, tuple[dict, bytes]] = {}
        for n in self.storage.list(""):
            m = _DS_RE.match(n)
            if not m or int(m[1]) in skip:
                continue
            try:
                raw = self.storage.read(f"{n}/{MANIFEST}")
                man = _unseal(raw)
                if man.get("format") != DATASET_FORMAT or int(man["id"]) != int(m[1]):
                    continue
                if fingerprint is not None and man.get("fingerprint") != fingerprint:
                    continue
                self._entry(man, raw)  # has the fields an index entry needs
            except (OSError, _Corrupt, KeyError, TypeError, ValueError, AttributeError):
                continue
            out[int(m[1])] = (man, raw)
        return out

    def _adopt_unlisted(self, readonly: bool, notes: list[str]) -> None:
        """The index is a cache of the manifests, and it can be older than
        they are (a restored backup, an rsync, a file-system cache, a commit
        cut short after its manifest landed). A dataset folder with an intact
        manifest that the index does not list is taken into the index, never
        deleted on the index's word; its objects are checked at restart like
        any other dataset's. Ids only grow, so such a dataset is newer than
        every one the index lists; an unlisted folder older than those is
        what pruning left behind (its removal was cut short) and goes with
        the garbage."""
        newest = max(self.entries, default=0)
        found = {i: v for i, v in self._manifests(self.fingerprint, skip=set(self.entries)).items() if i > newest}
        if not found:
            return
        for i, (man, raw) in found.items():
            self.entries[i] = self._entry(man, raw)
        ids = ", ".join(str(i) for i in sorted(found))
        self._rewrite_index(f"{self.loc}/{INDEX} did not list dataset(s) {ids}, whose manifests are intact; added them to it", readonly, notes)

    def _adopt_header(self, fingerprint: str | None, readonly: bool, notes: list[str]) -> bool:
        """A missing header is rebuilt from the datasets' manifests, which
        name the program they belong to. False if there is no dataset to
        rebuild it from (an empty or foreign directory)."""
        found = self._manifests(None)
        if not found:
            return False
        fps = {man.get("fingerprint") for man, _ in found.values()}
        if len(fps) > 1 or not isinstance(next(iter(fps)), str):
            raise QckptError(f"{self.loc} has no {HEADER} and its datasets name {len(fps)} different programs; cannot rebuild it")
        fp = next(iter(fps))
        assert isinstance(fp, str)
        if fingerprint is not None and fp != fingerprint:
            raise QckptError(
                f"store {self.loc} holds checkpoints of another program (fingerprint {fp[:16]}…, not {fingerprint[:16]}…)"
            )
        self.fingerprint = fp
        note = f"{self.loc}/{HEADER} is missing; rebuilt it from {len(found)} dataset manifest(s)"
        if not readonly:
            header = {"format": STORE_FORMAT, "version": FORMAT_VERSION, "fingerprint": fp,
                      "created": min(float(man["created"]) for man, _ in found.values())}
            try:
                self.storage.write_atomic(HEADER, _seal(header))
            except OSError as e:
                note += f" in memory (could not write it: {_oserr(e)})"
        notes.append(note)
        log.warning("%s", note)
        return True

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

    def _manifest_unreadable(self, folder: str) -> bool:
        """True when reading the folder's manifest fails for a reason other
        than its absence: an I/O error says nothing about the dataset."""
        try:
            self.storage.read(f"{folder}/{MANIFEST}")
        except FileNotFoundError:
            return False
        except OSError:
            return True
        return False

    def present(self) -> bool:
        """Whether this level holds a store: a header, or datasets whose
        manifests can rebuild one."""
        return self.storage.exists(HEADER) or bool(self._manifests(None))

    def disk_ids(self) -> set[int]:
        return {int(m[1]) for n in self.storage.list("") if (m := _DS_RE.match(n))}

    def collect_garbage(self, notes: list[str]) -> None:
        """Remove what only an interrupted writer leaves: temp files, and
        dataset folders that neither the index lists nor an intact manifest
        describes (their writer died before the manifest, the last file of a
        dataset, landed). Folders with an intact manifest were taken into
        the index when it was loaded, so none of them is removed here."""
        for n in self.storage.list(""):
            m = _DS_RE.match(n)
            orphan = m is not None and int(m[1]) not in self.entries
            if not (orphan or n.startswith(TMP_PREFIX)):
                continue
            if orphan and self._manifest_unreadable(n):
                notes.append(f"{self.loc}: kept {n}: its manifest could not be read now, so whether it is a dataset is unknown")
                continue
            try:
                self.storage.remove(n)
            except OSError as e:
                notes.append(f"{self.loc}: could not remove leftover {n}: {_oserr(e)}")
                continue
            if orphan:
                assert m is not None
                note = f"{self.loc}: removed {n}, a dataset whose commit was interrupted (it has no intact manifest)"
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
