"""The durable record of a session: every quantum execution and every
committed iteration, in order, in one journal file.

Each frame is one JSON record:

- ``session``: the first frame; the format, the session's name and seed;
- ``exec``: execution ``index`` asked for in ``iteration``: the request's
  description (kind, circuit digest, parameter values, shots), the simulator
  seed and the counts it returned;
- ``iter``: iteration ``iteration`` was committed to the checkpoint store
  after ``executions`` executions, with a digest of each saved value.

The journal (``qckpt.runtime.store.journal``) checksums each frame and drops a
torn tail at open, so a kill while appending loses at most the frame being
written. The session syncs each ``exec`` frame before handing its result to
the driver: a result the driver has seen is in the log.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any

from qckpt.diagnostics import QckptError
from qckpt.runtime.store.journal import Journal

LOG_FORMAT = "qckpt-workflow-log"
LOG_VERSION = 1
LOG_NAME = "executions.journal"


@dataclass(frozen=True)
class ExecutionRecord:
    index: int
    iteration: int | None
    kind: str
    circuit: str
    params: tuple[tuple[str, float], ...]
    shots: int
    seed: int
    counts: dict[str, int]
    seconds: float  # how long the backend took: what replaying it saves

    def to_json(self) -> dict[str, Any]:
        return {
            "k": "exec",
            "index": self.index,
            "iteration": self.iteration,
            "kind": self.kind,
            "circuit": self.circuit,
            "params": [list(p) for p in self.params],
            "shots": self.shots,
            "seed": self.seed,
            "counts": self.counts,
            "seconds": self.seconds,
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ExecutionRecord:
        return cls(
            int(d["index"]),
            None if d["iteration"] is None else int(d["iteration"]),
            str(d["kind"]),
            str(d["circuit"]),
            tuple((str(n), float(v)) for n, v in d["params"]),
            int(d["shots"]),
            int(d["seed"]),
            {str(k): int(v) for k, v in d["counts"].items()},
            float(d["seconds"]),
        )


@dataclass(frozen=True)
class IterationRecord:
    iteration: int
    executions: int  # executions made when it was committed
    digests: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"k": "iter", "iteration": self.iteration, "executions": self.executions, "digests": self.digests}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> IterationRecord:
        return cls(int(d["iteration"]), int(d["executions"]), {str(k): str(v) for k, v in d["digests"].items()})


@dataclass
class LogContents:
    name: str | None = None
    seed: int | None = None
    executions: list[ExecutionRecord] = field(default_factory=list)
    iterations: dict[int, IterationRecord] = field(default_factory=dict)
    dropped: str | None = None  # a torn tail that was cut off, if any


def _encode(record: dict[str, Any]) -> bytes:
    return json.dumps(record, separators=(",", ":")).encode()


def parse(frames: list[bytes], path: str) -> LogContents:
    out = LogContents()
    for n, frame in enumerate(frames):
        try:
            d = json.loads(frame)
            kind = d["k"]
            if n == 0:
                if kind != "session" or d.get("format") != LOG_FORMAT:
                    raise QckptError(f"{path} is not a qckpt workflow log")
                if d.get("version") != LOG_VERSION:
                    raise QckptError(f"{path} has workflow log version {d.get('version')}; this qckpt reads version {LOG_VERSION}")
                out.name, out.seed = d["name"], int(d["seed"])
            elif kind == "exec":
                rec = ExecutionRecord.from_json(d)
                if rec.index != len(out.executions):
                    raise QckptError(f"{path}: frame {n} logs execution {rec.index}, expected {len(out.executions)}")
                out.executions.append(rec)
            elif kind == "iter":
                it = IterationRecord.from_json(d)
                out.iterations[it.iteration] = it
            else:
                raise QckptError(f"{path}: frame {n} has an unknown record kind {kind!r}")
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            # The frame passed its crc32: this is not a torn write but a log
            # written by something else.
            raise QckptError(f"{path}: frame {n} is not a workflow record ({type(e).__name__}: {e})") from None
    return out


def read(path: str | os.PathLike[str]) -> LogContents:
    """Read a log without opening it for appending (no lock): for tools and
    tests that watch a running session."""
    frames = Journal.replay(path)
    return parse(list(frames), os.fspath(path))


class ExecutionLog:
    """The log opened for appending by the one session that owns it."""

    def __init__(self, journal: Journal, contents: LogContents) -> None:
        self.journal = journal
        self.contents = contents

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, name: str, seed: int) -> ExecutionLog:
        path = os.fspath(path)
        # sync_interval=0: every record is durable when append returns.
        journal = Journal.open(path, sync_interval=0)
        try:
            contents = parse(list(Journal.replay(path)), path)
            if journal.recovered is not None:
                r = journal.recovered
                contents.dropped = f"dropped a torn tail of {r.dropped_bytes} byte(s) at offset {r.offset} ({r.reason})"
            if contents.seed is None:
                journal.append(_encode({"k": "session", "format": LOG_FORMAT, "version": LOG_VERSION, "name": name, "seed": seed}))
                contents.name, contents.seed = name, seed
            elif contents.seed != seed:
                raise QckptError(
                    f"{os.path.dirname(path) or '.'} holds a session started with seed {contents.seed}, not {seed}: "
                    "resume with the same seed, or use a new store"
                )
            elif contents.name != name:
                raise QckptError(
                    f"{os.path.dirname(path) or '.'} holds the session '{contents.name}', not '{name}': use a new store"
                )
        except BaseException:
            journal.close()
            raise
        return cls(journal, contents)

    def append_execution(self, record: ExecutionRecord) -> None:
        self.journal.append(_encode(record.to_json()))
        self.contents.executions.append(record)

    def append_iteration(self, record: IterationRecord) -> None:
        self.journal.append(_encode(record.to_json()))
        self.contents.iterations[record.iteration] = record

    def close(self) -> None:
        self.journal.close()
