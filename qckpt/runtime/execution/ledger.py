"""The shot ledger: which shots of a run are done, and the seeds they used.

A run of N shots is cut into batches of ``batch_size`` shots (the last may be
smaller). The ledger says, per batch, how many of its shots are done and what
they gave (a histogram, boundary visits). It is committed to the checkpoint
store as one JSON object; between commits, every finished shot is appended
to the run's journal as a small frame, so that a resume recovers shots that
were finished but not yet committed (see :func:`apply_journal`).

Seeds (the derivation is part of the format, and is documented in
``docs/runtime.md``)::

    derive_seed(run_seed, *parts) = first 8 bytes, little-endian, of
        sha256("qckpt-seed-v1:" + ":".join(str(p) for p in (run_seed, *parts)))
        shifted right by one bit (a 63-bit non-negative integer)

    batch seed        = derive_seed(run_seed, "batch", b)
    continuation seed = derive_seed(run_seed, "batch", b, "session", s, "attempt", a)

A batch's first attempt in the run's first session uses its batch seed, and
in ``reproducible`` mode every attempt does (an interrupted batch is rerun
whole), so the histogram is a function of (program, N, batch size, seed)
alone. In ``resume`` mode a batch that was interrupted after k shots goes on
with its remaining shots under a continuation seed: a fresh, never reused
stream, so the new shots are independent of the k already counted. Session
numbers are made durable (a journal frame, fsynced) before any shot of the
session runs, so a (session, attempt) pair, and so a seed, is never used
twice for the same batch.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections import Counter
from dataclasses import dataclass, field

from qckpt.diagnostics import QckptError

LEDGER_FORMAT = "qckpt-run-ledger"
LEDGER_VERSION = 1
MODES = ("resume", "reproducible")


def derive_seed(run_seed: int, *parts: object) -> int:
    text = "qckpt-seed-v1:" + ":".join(str(p) for p in (run_seed, *parts))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little") >> 1


@dataclass(frozen=True)
class RunPlan:
    """What a run is: fixed when it starts, the same on every resume."""

    shots: int
    seed: int
    batch_size: int
    mode: str
    program_sha256: str
    program_name: str = "program.ll"
    # (index, count): this run is the index-th of count shares of the whole run's batch plan
    # (a job array). Seeds and batches are the whole run's, so the shards' union is that run.
    shard: tuple[int, int] = (0, 1)

    def __post_init__(self) -> None:
        if self.shots < 1:
            raise QckptError(f"shots must be at least 1, got {self.shots}")
        if self.batch_size < 1:
            raise QckptError(f"batch size must be at least 1, got {self.batch_size}")
        if self.mode not in MODES:
            raise QckptError(f"mode must be one of {', '.join(MODES)}, got {self.mode!r}")
        i, n = (int(x) for x in self.shard)
        object.__setattr__(self, "shard", (i, n))
        if n < 1 or not 0 <= i < n:
            raise QckptError(f"shard must be I/N with 0 <= I < N, got {i}/{n}")
        if n > self.batches:
            raise QckptError(f"{n} shards of a run of {self.batches} batches would leave some empty: use fewer shards or a smaller batch size")

    @property
    def shard_batches(self) -> range:
        """The batches this run (shard) runs: a contiguous share of the whole plan."""
        i, n = self.shard
        return range(i * self.batches // n, (i + 1) * self.batches // n)

    @property
    def target_shots(self) -> int:
        """The shots this run (shard) must finish."""
        r = self.shard_batches
        return min(self.shots, r.stop * self.batch_size) - r.start * self.batch_size

    @property
    def batches(self) -> int:
        return -(-self.shots // self.batch_size)

    def batch_shots(self, b: int) -> int:
        return min(self.batch_size, self.shots - b * self.batch_size)

    def batch_seed(self, b: int) -> int:
        return derive_seed(self.seed, "batch", b)

    def attempt_seed(self, b: int, session: int, attempt: int) -> int:
        if self.mode == "reproducible" or (session == 0 and attempt == 0):
            return self.batch_seed(b)
        return derive_seed(self.seed, "batch", b, "session", session, "attempt", attempt)


@dataclass
class BatchState:
    """Progress of one batch. ``parts`` maps an attempt ("session.attempt")
    to how many of its shots, counted from its first, are in ``counts``:
    the journal frames of that attempt beyond that number are not."""

    shots: int  # shots this batch must have
    counts: Counter = field(default_factory=Counter)
    done: int = 0
    visits: int = 0
    parts: dict[str, int] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.done >= self.shots

    def add(self, part: str, key: str, visits: int) -> None:
        if self.done >= self.shots:
            raise AssertionError("a batch received more shots than it has: the ledger would double count")
        self.counts[key] += 1
        self.done += 1
        self.visits += visits
        self.parts[part] = self.parts.get(part, 0) + 1

    def to_json(self) -> dict:
        return {
            "shots": self.shots,
            "done": self.done,
            "counts": dict(sorted(self.counts.items())),
            "visits": self.visits,
            "parts": self.parts,
        }

    @classmethod
    def from_json(cls, d: dict) -> BatchState:
        return cls(int(d["shots"]), Counter(d["counts"]), int(d["done"]), int(d["visits"]), dict(d["parts"]))


@dataclass
class Ledger:
    """Finished batches are folded into one histogram (``done_counts``), so
    the committed ledger grows with the number of distinct outcomes, not
    with the number of batches; unfinished ones keep their own state."""

    plan: RunPlan
    batches: dict[int, BatchState] = field(default_factory=dict)  # unfinished batches with progress
    done: set[int] = field(default_factory=set)  # finished batches
    done_counts: Counter = field(default_factory=Counter)
    done_visits: int = 0
    status: str = "running"  # running, complete, failed, preempted
    sessions: int = 0  # sessions started so far (the current one included)
    failures: list[dict] = field(default_factory=list)  # the most recent ones, for the report
    failures_total: int = 0
    restarted_shots: int = 0  # in-flight shots that started over
    resumed_shots: int = 0  # in-flight shots finished from a boundary visit (restoration)
    saved_visits: int = 0  # complete visits of those that did not run again
    lost_visits: int = 0  # complete visits of torn shots that run again: quantum work done twice
    shape: list[tuple[str, int]] = field(default_factory=list)  # (register, bits) of the program's outputs

    def batch(self, b: int) -> BatchState:
        if b in self.done:
            raise AssertionError(f"batch {b} is finished: it is never run again")
        st = self.batches.get(b)
        if st is None:
            st = self.batches[b] = BatchState(self.plan.batch_shots(b))
        return st

    def add(self, b: int, part: str, key: str, visits: int) -> bool:
        """Count one finished shot of batch ``b``; True if that finished the batch."""
        st = self.batch(b)
        st.add(part, key, visits)
        if not st.complete:
            return False
        self.done.add(b)
        self.done_counts.update(st.counts)
        self.done_visits += st.visits
        del self.batches[b]
        return True

    def is_done(self, b: int) -> bool:
        return b in self.done

    def remaining(self, b: int) -> int:
        if b in self.done:
            return 0
        st = self.batches.get(b)
        return self.plan.batch_shots(b) - (st.done if st else 0)

    def pending(self) -> list[int]:
        return [b for b in self.plan.shard_batches if b not in self.done]

    @property
    def shots_done(self) -> int:
        return sum(self.plan.batch_shots(b) for b in self.done) + sum(s.done for s in self.batches.values())

    @property
    def visits(self) -> int:
        return self.done_visits + sum(s.visits for s in self.batches.values())

    def counts(self) -> dict[str, int]:
        total: Counter = Counter(self.done_counts)
        for st in self.batches.values():
            total.update(st.counts)
        return dict(sorted(total.items(), key=lambda kv: (-kv[1], kv[0])))

    def drop_partial(self, b: int) -> None:
        """Forget an unfinished batch's shots (it will be rerun from its start)."""
        self.batches.pop(b, None)

    def to_bytes(self, partial: bool = True) -> bytes:
        """The ledger as committed. ``partial=False`` leaves out unfinished
        batches (``reproducible`` mode reruns them whole anyway)."""
        p = self.plan
        batches = self.batches if partial else {}
        doc = {
            "format": LEDGER_FORMAT,
            "version": LEDGER_VERSION,
            "plan": {
                "shots": p.shots,
                "seed": p.seed,
                "batch_size": p.batch_size,
                "mode": p.mode,
                "program_sha256": p.program_sha256,
                "program_name": p.program_name,
                **({"shard": list(p.shard)} if p.shard != (0, 1) else {}),
            },
            "status": self.status,
            "sessions": self.sessions,
            "shots_done": sum(p.batch_shots(b) for b in self.done) + sum(st.done for st in batches.values()),
            "done": _ranges(self.done),
            "done_counts": dict(sorted(self.done_counts.items())),
            "done_visits": self.done_visits,
            "batches": {str(b): st.to_json() for b, st in sorted(batches.items())},
            "failures": self.failures[-50:],
            "failures_total": self.failures_total,
            "restarted_shots": self.restarted_shots,
            "resumed_shots": self.resumed_shots,
            "saved_visits": self.saved_visits,
            "lost_visits": self.lost_visits,
            "shape": [list(x) for x in self.shape],
        }
        return json.dumps(doc, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, raw: bytes) -> Ledger:
        try:
            doc = json.loads(raw)
            if doc.get("format") != LEDGER_FORMAT:
                raise QckptError(f"the checkpoint holds no run ledger (format {doc.get('format')!r})")
            if doc.get("version") != LEDGER_VERSION:
                raise QckptError(f"run ledger version {doc.get('version')}; this qckpt reads version {LEDGER_VERSION}")
            plan = RunPlan(**doc["plan"])
            led = cls(plan, {int(b): BatchState.from_json(d) for b, d in doc["batches"].items()})
            led.done = {b for lo, hi in doc["done"] for b in range(lo, hi + 1)}
            led.done_counts = Counter(doc["done_counts"])
            led.done_visits = int(doc["done_visits"])
            led.status = doc["status"]
            led.sessions = int(doc["sessions"])
            led.failures = list(doc.get("failures", []))
            led.failures_total = int(doc.get("failures_total", 0))
            led.restarted_shots = int(doc.get("restarted_shots", 0))
            led.lost_visits = int(doc.get("lost_visits", 0))
            led.resumed_shots = int(doc.get("resumed_shots", 0))
            led.saved_visits = int(doc.get("saved_visits", 0))
            led.shape = [(str(n), int(k)) for n, k in doc.get("shape", [])]
            if sum(led.done_counts.values()) != sum(plan.batch_shots(b) for b in led.done):
                raise ValueError("the finished batches' histogram does not add up to their shots")
            return led
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise QckptError(f"the run ledger in the checkpoint is malformed ({e.__class__.__name__}: {e})") from None


def _ranges(ids: set[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for b in sorted(ids):
        if out and out[-1][1] == b - 1:
            out[-1][1] = b
        else:
            out.append([b, b])
    return out


# -- journal frames ------------------------------------------------------------
# kind 1, session start:  B kind | I session
# kind 2, one shot:       B kind | I batch | I session | I attempt | I seq | I visits | key (utf-8)
_SESSION = struct.Struct("<BI")
_SHOT = struct.Struct("<BIIIII")


def session_frame(session: int) -> bytes:
    return _SESSION.pack(1, session)


def shot_frame(batch: int, session: int, attempt: int, seq: int, visits: int, key: str) -> bytes:
    return _SHOT.pack(2, batch, session, attempt, seq, visits) + key.encode()


@dataclass(frozen=True)
class ShotFrame:
    batch: int
    session: int
    attempt: int
    seq: int
    visits: int
    key: str

    @property
    def part(self) -> str:
        return part_name(self.session, self.attempt)


def part_name(session: int, attempt: int) -> str:
    return f"{session}.{attempt}"


def decode_frames(frames: list[bytes]) -> tuple[int, list[ShotFrame]]:
    """(sessions started, shot frames) of a journal replay."""
    sessions = 0
    shots: list[ShotFrame] = []
    for f in frames:
        if f[:1] == b"\x01" and len(f) == _SESSION.size:
            sessions = max(sessions, _SESSION.unpack(f)[1] + 1)
        elif f[:1] == b"\x02" and len(f) >= _SHOT.size:
            _, b, s, a, q, v = _SHOT.unpack_from(f)
            shots.append(ShotFrame(b, s, a, q, v, f[_SHOT.size :].decode()))
    return sessions, shots


def apply_journal(ledger: Ledger, shots: list[ShotFrame]) -> int:
    """Add to the ledger the journaled shots it does not hold yet; returns
    how many were added.

    ``resume`` mode takes every shot of an attempt past what the ledger
    already counts of that attempt (``parts``), in order. ``reproducible``
    mode takes a batch only whole: one attempt's shots 0 .. n-1, all of them
    (its batch seed gives the same shots whichever attempt ran them);
    anything less is dropped and the batch reruns from its start.
    """
    by_part: dict[tuple[int, str], list[ShotFrame]] = {}
    for f in shots:
        by_part.setdefault((f.batch, f.part), []).append(f)
    added = 0
    plan = ledger.plan
    for (b, part), frames in sorted(by_part.items()):
        if b not in plan.shard_batches or ledger.is_done(b):
            continue
        if plan.mode == "reproducible":
            want = plan.batch_shots(b)
            seqs = [f.seq for f in frames]
            if seqs[:want] != list(range(want)):
                continue
            ledger.drop_partial(b)
            for f in frames[:want]:
                ledger.add(b, part, f.key, f.visits)
            added += want
            continue
        nxt = ledger.batch(b).parts.get(part, 0)
        for f in frames:
            if ledger.is_done(b):
                break
            if f.seq < nxt:
                continue  # counted in the ledger already
            if f.seq > nxt:
                break  # a gap: the frames in between never became durable
            ledger.add(b, part, f.key, f.visits)
            nxt += 1
            added += 1
    return added
