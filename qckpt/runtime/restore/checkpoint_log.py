"""Read checkpoint records out of an executor's output stream (pure Python).

Turns each shot's records (``qckpt.runtime.qir_runner.Shot``) into its list
of *complete* boundary visits, in either record mode of ``docs/abi.md``
(fixed in ``qckpt.abi``):

- ``streaming``: every visit, in the order they happened. A visit whose end
  record never came (the shot was cut short mid-visit) is reported as torn
  and never returned as a visit.
- ``final``: the last completed visit of each boundary the shot passed, in
  boundary-id order (``Visit.visit`` is that boundary's visit count). A group
  with fewer values than announced (output cut mid-record) is torn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from qckpt import abi
from qckpt.runtime.qir_runner import OutputRecord, Shot


@dataclass(frozen=True)
class Visit:
    boundary: int
    visit: int  # 1 for the first visit of this boundary in the shot
    values: dict[str, bool | int | float]


@dataclass
class ShotLog:
    visits: list[Visit] = field(default_factory=list)
    torn: Visit | None = None  # a visit that began but did not end
    complete: bool = False  # the shot itself reached END
    mode: str | None = None  # "streaming", "final", or None when the shot has no checkpoint records
    # Streaming mode: the index in the shot's records of each visit's end
    # record, so a cut or a resume need not scan the records again.
    ends: list[int] = field(default_factory=list, repr=False, compare=False)

    def last(self, boundary: int | None = None) -> Visit | None:
        """The last complete visit (of ``boundary``, if given)."""
        for v in reversed(self.visits):
            if boundary is None or v.boundary == boundary:
                return v
        return None


class LogFormatError(ValueError):
    """The record stream does not follow the checkpoint record ABI."""


def record_value(rec: OutputRecord) -> bool | int | float:
    """The value a BOOL, INT, DOUBLE or RESULT record prints."""
    if rec.kind == "BOOL":
        return rec.value.strip().lower() in ("true", "1")
    if rec.kind == "INT":
        return int(rec.value)
    if rec.kind == "DOUBLE":
        return float(rec.value)
    if rec.kind == "RESULT":
        return rec.value.strip().lower() in ("1", "one", "true")
    raise LogFormatError(f"a checkpoint value cannot be a {rec.kind} record")


@lru_cache(maxsize=4096)
def _bit_names(label: str) -> tuple[str, ...]:
    """The value names a ``qckpt.bits:`` label packs, low bit first: the
    same few labels come back in every shot of a program."""
    return tuple(label[len(abi.BITS_LABEL_PREFIX) :].split(","))


def read_shot(shot: Shot) -> ShotLog:
    log = ShotLog(complete=shot.complete)
    visits, ends = log.visits, log.ends
    counts: dict[int, int] = {}
    recs = shot.records
    i, n = 0, len(recs)
    visit_label, last_label, id_label, end_label = abi.VISIT_LABEL, abi.LAST_VISIT_LABEL, abi.ID_LABEL, abi.END_LABEL
    bits_prefix = abi.BITS_LABEL_PREFIX
    while i < n:
        rec = recs[i]
        kind = rec.kind
        if kind != "TUPLE":
            i += 1
            continue
        label = rec.label
        if label == last_label:
            log.mode = "final"
            if not _read_last_visit(recs, i, log):
                break
            i += 3 + int(rec.value)
            continue
        if label != visit_label:
            i += 1
            continue
        log.mode = "streaming"
        k = int(rec.value)
        if i + 1 >= n:
            log.torn = Visit(-1, 0, {})
            break
        idrec = recs[i + 1]
        if idrec.label != id_label:
            raise LogFormatError(f"a visit begins without its boundary id (found {idrec.label!r})")
        bid = int(idrec.value)
        values: dict[str, bool | int | float] = {}
        j = i + 2
        stop = min(n, i + 2 + k)
        while j < stop:
            rec_j = recs[j]
            label_j = rec_j.label
            if rec_j.kind == "INT" and label_j and label_j.startswith(bits_prefix):
                word = int(rec_j.value)  # printed signed: Python's shift keeps the bits
                for b, name in enumerate(_bit_names(label_j)):
                    values[name] = bool((word >> b) & 1)
            else:
                values[label_j or f"#{j - i - 2}"] = record_value(rec_j)
            j += 1
        end = recs[j] if j < n else None
        if j < i + 2 + k or end is None or end.label != end_label or int(end.value) != bid:
            log.torn = Visit(bid, counts.get(bid, 0) + 1, values)
            break
        counts[bid] = counts.get(bid, 0) + 1
        visits.append(Visit(bid, counts[bid], values))
        ends.append(j)
        i = j + 1
    return log


def _read_last_visit(recs: list[OutputRecord], i: int, log: ShotLog) -> bool:
    """One ``final``-mode group at ``recs[i]``; False when it is torn."""
    k = int(recs[i].value)
    group = recs[i + 1 : i + 3 + k]
    if len(group) >= 1 and group[0].label != abi.ID_LABEL:
        raise LogFormatError(f"a last-visit group begins without its boundary id (found {group[0].label!r})")
    if len(group) >= 2 and group[1].label != abi.VISITS_LABEL:
        raise LogFormatError(f"a last-visit group has no visit count (found {group[1].label!r})")
    bid = int(group[0].value) if group else -1
    values = {r.label or f"#{j}": record_value(r) for j, r in enumerate(group[2:])}
    if len(group) < 2 + k:
        log.torn = Visit(bid, int(group[1].value) if len(group) > 1 else 0, values)
        return False
    count = int(group[1].value)
    if count > 0:
        log.visits.append(Visit(bid, count, values))
    return True


def read_shots(shots: list[Shot]) -> list[ShotLog]:
    return [read_shot(s) for s in shots]
