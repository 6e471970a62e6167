"""The failure policy: what the runtime does when an execution fails.

All of it is configured here, in one :class:`FailurePolicy`, written on the
command line as ``--policy key=value,key=value`` (see :func:`parse_policy`)::

    action=retry          retry | restart | rollback (see below)
    max-failures=20       give up after this many failures in the whole run ...
    batch-retries=8       ... or this many in a row on one batch
    backoff=0.05          seconds before the first retry of a batch
    backoff-factor=2      each further consecutive failure of it multiplies the wait
    backoff-max=30        seconds, the most one wait can be
    jitter=0.5            a wait is shortened by a random fraction up to this
    heartbeat=120         seconds without a record before an execution is hung

Actions, on a failed execution of a batch:

- ``retry``: run the batch on from where it stopped. In ``resume`` mode its
  finished shots stay; in ``reproducible`` mode this is ``restart``, since
  only a whole batch from its own seed gives the same shots.
- ``restart``: drop the batch's unfinished work and rerun it from its start.
- ``rollback``: stop every execution in flight, drop all that is not
  committed, reload the newest valid checkpoint (its checksums are checked
  again) and go on from there.

A backend that is missing or cannot run (:data:`failures.PERMANENT`) stops
the run at once: no number of retries brings a binary back. So does one that
exits with an error before its first shot when no shot of the session has
finished yet: it rejects the program (a parse or link error).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, fields

from qckpt.diagnostics import QckptError
from qckpt.runtime.execution import failures
from qckpt.runtime.execution.failures import Failure

ACTIONS = ("retry", "restart", "rollback")
MAX_WAIT_S = 1e9  # seconds: the longest wait a policy or the CLI accepts (threading timeouts stop near 9e9)


@dataclass(frozen=True)
class FailurePolicy:
    action: str = "retry"
    max_failures: int = 20
    batch_retries: int = 8
    backoff: float = 0.05
    backoff_factor: float = 2.0
    backoff_max: float = 30.0
    jitter: float = 0.5
    heartbeat: float = 120.0

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if isinstance(v, float) and not math.isfinite(v):
                raise QckptError(f"policy {f.name.replace('_', '-')} must be a finite number, got {v}")
        if self.action not in ACTIONS:
            raise QckptError(f"policy action must be one of {', '.join(ACTIONS)}, got {self.action!r}")
        for name in ("max_failures", "batch_retries"):
            if getattr(self, name) < 0:
                raise QckptError(f"policy {name.replace('_', '-')} must be >= 0")
        if self.backoff < 0 or self.backoff_max < 0 or self.backoff_factor < 1:
            raise QckptError("policy backoff and backoff-max must be >= 0 and backoff-factor >= 1")
        if not 0 <= self.jitter <= 1:
            raise QckptError(f"policy jitter must be between 0 and 1, got {self.jitter}")
        if self.heartbeat <= 0:
            raise QckptError(f"policy heartbeat must be > 0 seconds, got {self.heartbeat}")
        for name in ("backoff", "backoff_max", "heartbeat"):
            # A wait longer than the OS can time is a typo, and would fail deep in a sleep or a poll.
            if getattr(self, name) > MAX_WAIT_S:
                raise QckptError(f"policy {name.replace('_', '-')} must be at most {MAX_WAIT_S:g} seconds (about 30 years), got {getattr(self, name):g}")

    def to_json(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def parse_policy(text: str | None, base: FailurePolicy | None = None) -> FailurePolicy:
    """``"action=restart,max-failures=5"``; a bare action name is allowed
    (``"rollback"``)."""
    values = (base or FailurePolicy()).to_json()
    if not text:
        return FailurePolicy(**values)
    kinds = {f.name: f.type for f in fields(FailurePolicy)}
    for item in text.split(","):
        item = item.strip()
        if not item:
            continue
        key, sep, val = item.partition("=")
        if not sep:
            key, val = "action", key
        name = key.strip().replace("-", "_")
        if name not in kinds:
            known = ", ".join(k.replace("_", "-") for k in kinds)
            raise QckptError(f"--policy: unknown setting {key!r} (known: {known})")
        kind = kinds[name]
        try:
            values[name] = val.strip() if kind == "str" else int(val) if kind == "int" else float(val)
        except ValueError:
            raise QckptError(f"--policy: {key}={val!r} is not a {'whole ' if kind == 'int' else ''}number") from None
    return FailurePolicy(**values)


@dataclass(frozen=True)
class Decision:
    action: str  # retry, restart, rollback, give-up
    delay: float = 0.0
    reason: str = ""


class PolicyEngine:
    """Counts failures and turns each into a :class:`Decision`."""

    def __init__(self, policy: FailurePolicy, mode: str, rng: random.Random | None = None):
        self.policy = policy
        self.mode = mode
        self.total = 0
        self.in_a_row: dict[int, int] = {}
        self.rng = rng or random.Random()
        self.working = False  # some shot has finished in this session

    def succeeded(self, batch: int) -> None:
        self.in_a_row.pop(batch, None)

    def decide(self, failure: Failure) -> Decision:
        p = self.policy
        self.total += 1
        n = self.in_a_row[failure.batch] = self.in_a_row.get(failure.batch, 0) + 1
        if failure.kind in failures.PERMANENT:
            return Decision("give-up", reason="the backend cannot run")
        if failure.kind == failures.EXIT and failure.shots_done == 0 and not self.working:
            # Exits with an error before its first shot, and no shot has ever finished: the backend
            # rejects the program (a parse or link error), and every retry would do the same.
            return Decision("give-up", reason="the backend rejects the program: it failed before its first shot and no shot has run")
        if self.total > p.max_failures:
            return Decision("give-up", reason=f"{self.total} failures, more than max-failures={p.max_failures}")
        if n > p.batch_retries:
            return Decision("give-up", reason=f"batch {failure.batch} failed {n} times in a row, more than batch-retries={p.batch_retries}")
        action = p.action
        if action == "retry" and self.mode == "reproducible":
            action = "restart"
        return Decision(action, self.backoff(n))

    def backoff(self, n: int) -> float:
        """Wait before the n-th consecutive retry: exponential, capped, with
        jitter so that workers failing together do not retry in lockstep."""
        # Not tenacity: it retries a blocking call by sleeping in place, and
        # here the job's event loop only schedules the batch's restart while
        # the other batches run on; what we need is this one number.
        p = self.policy
        wait = min(p.backoff_max, p.backoff * p.backoff_factor ** (n - 1))
        return wait * (1 - p.jitter * self.rng.random())
