"""Checking what a replayed driver asks for against what the log recorded.

Replay is only sound if the driver asks for the same executions in the same
order as the run that wrote the log. Any difference (another circuit,
another parameter value, another shot count, a different saved value at an
iteration boundary, more or fewer executions) stops the run with a
:class:`ReplayDivergence` naming where, so that logged and new results are
never mixed.
"""

from __future__ import annotations

from qckpt.diagnostics import QckptError
from qckpt.workflow.execution_log import ExecutionRecord, IterationRecord
from qckpt.workflow.request import KIND_NAMES, ExecutionRequest, fingerprint

ADVICE = "the log was written by a different driver, or the driver is not deterministic given the session's seeds; resume with the driver that wrote it, or start a new store"


class ReplayDivergence(QckptError):
    """The driver being replayed asked for something other than the log holds."""


def where(index: int, iteration: int | None, last_iteration: int | None) -> str:
    if iteration is not None:
        return f"iteration {iteration}, execution {index}"
    if last_iteration is None:
        return f"execution {index}, before the first iteration"
    return f"execution {index}, after iteration {last_iteration}"


def check_execution(request: ExecutionRequest, record: ExecutionRecord, at: str) -> None:
    if request.fingerprint == _record_fingerprint(record):
        return
    raise ReplayDivergence(f"replay diverged at {at}: {_difference(request, record)}; {ADVICE}")


def _record_fingerprint(record: ExecutionRecord) -> str:
    return fingerprint(record.kind, record.circuit, record.params, record.shots)


def _difference(request: ExecutionRequest, record: ExecutionRecord) -> str:
    if request.kind != record.kind:
        return f"the driver asks to run {KIND_NAMES.get(request.kind, request.kind)}, the log has {KIND_NAMES.get(record.kind, record.kind)}"
    if request.circuit != record.circuit:
        return f"the circuit differs from the logged one (digest {request.circuit[:12]}, logged {record.circuit[:12]})"
    mine, logged = dict(request.params), dict(record.params)
    if set(mine) != set(logged):
        added, gone = sorted(set(mine) - set(logged)), sorted(set(logged) - set(mine))
        parts = []
        if added:
            parts.append(f"parameter(s) {', '.join(added)} not in the log")
        if gone:
            parts.append(f"logged parameter(s) {', '.join(gone)} not given")
        return "; ".join(parts)
    changed = [n for n in sorted(mine) if mine[n] != logged[n]]
    if changed:
        n = changed[0]
        more = f" (and {len(changed) - 1} more)" if len(changed) > 1 else ""
        return f"parameter '{n}' is {mine[n]!r}, the log has {logged[n]!r}{more}"
    if request.shots != record.shots:
        return f"{request.shots} shots asked for, the log has {record.shots}"
    return "the request differs from the logged one"


def check_iteration(iteration: int, digests: dict[str, str], executions: int, record: IterationRecord) -> None:
    if record.executions != executions:
        raise ReplayDivergence(
            f"replay diverged at iteration {iteration}: it ended after {executions} executions, "
            f"the log has {record.executions}; {ADVICE}"
        )
    if digests == record.digests:
        return
    added, gone = sorted(set(digests) - set(record.digests)), sorted(set(record.digests) - set(digests))
    if added or gone:
        what = "; ".join(
            ([f"value(s) {', '.join(added)} not in the log"] if added else [])
            + ([f"logged value(s) {', '.join(gone)} not saved"] if gone else [])
        )
    else:
        changed = [n for n in sorted(digests) if digests[n] != record.digests[n]]
        what = f"saved value(s) {', '.join(changed)} differ from the logged ones"
    raise ReplayDivergence(f"replay diverged at iteration {iteration}: {what}; {ADVICE}")
