"""Checkpoint values as JSON, exactly.

A checkpoint holds what the driver names: parameters, energies, the FALQON
betas. They are written as JSON because it is readable with ``cat`` and
Python writes floats in their shortest round-trip form, so a value read back
is bit-for-bit the value written. numpy arrays and scalars are encoded with
their dtype and shape and come back as numpy; tuples come back as lists.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np

from qckpt.diagnostics import QckptError

_ARRAY = "__ndarray__"


def _encode(value: Any, where: str) -> Any:
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "biuf":
            raise QckptError(f"checkpoint value '{where}' is an array of {value.dtype}; only bool, integer and float arrays can be saved")
        return {_ARRAY: value.dtype.str, "shape": list(value.shape), "data": value.ravel().tolist()}
    if isinstance(value, np.generic):
        if value.dtype.kind not in "biuf":
            raise QckptError(f"checkpoint value '{where}' has type {value.dtype}; only bool, integer and float scalars can be saved")
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_encode(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise QckptError(f"checkpoint value '{where}' has a key {k!r}; dictionary keys must be strings")
            if k == _ARRAY:
                raise QckptError(f"checkpoint value '{where}' uses the reserved key '{_ARRAY}'")
            out[k] = _encode(v, f"{where}.{k}")
        return out
    raise QckptError(
        f"checkpoint value '{where}' has type {type(value).__name__}; save numbers, strings, lists, dicts or numpy arrays"
    )


def encode(values: dict[str, Any]) -> dict[str, Any]:
    return {name: _encode(v, name) for name, v in values.items()}


def _decode(doc: Any) -> Any:
    if isinstance(doc, list):
        return [_decode(v) for v in doc]
    if isinstance(doc, dict):
        if _ARRAY in doc:
            return np.asarray(doc["data"], dtype=np.dtype(doc[_ARRAY])).reshape(doc["shape"])
        return {k: _decode(v) for k, v in doc.items()}
    return doc


def decode(doc: dict[str, Any]) -> dict[str, Any]:
    return {name: _decode(v) for name, v in doc.items()}


def canonical(doc: Any) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()


def digests(encoded: dict[str, Any]) -> dict[str, str]:
    """A short digest per value: what the log keeps to check a replayed iteration."""
    return {name: hashlib.sha256(canonical(v)).hexdigest()[:16] for name, v in encoded.items()}
