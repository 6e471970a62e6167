"""Persistence: the checkpoint store, the storage interface under it, the
record journal and read-only inspection of a run's store.

``from qckpt.runtime.store import CheckpointStore`` is the import users and
workflows have always written, so the store's public API is re-exported
here; everything else is imported from its module
(``qckpt.runtime.store.journal``, ``...storage``, ``...inspection``).
"""

from qckpt.runtime.store.checkpoint_store import (
    DATASET_FORMAT,
    FORMAT_VERSION,
    HEADER,
    INDEX,
    LOCK,
    MANIFEST,
    STORE_FORMAT,
    CheckpointStore,
    DatasetInfo,
    DatasetReader,
    DatasetWriter,
    ObjectInfo,
    dataset_dir,
)

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
